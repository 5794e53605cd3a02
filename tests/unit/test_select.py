"""Subgraph selection: by center, label, type, document, dates, confidence, and query results."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import networkx as nx
import pytest

from graphmodel.errors import DocumentError, EntityNotFound
from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity, add_relation, document_row, new_graph
from graphmodel.graph.lookup import resolve_entity
from graphmodel.graph.select import Selection, match_documents, select, select_items, undated_documents
from graphmodel.models import Document, Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.stores.readback import returned_items

HEGSETH = "person:pete-hegseth"
CENTSEC = "event:central-american-security-conference"
US = "country:united-states"
PANAMA = "country:panama"
CHINA = "country:china"
HONDURAS = "country:honduras"
OSB = "initiative:operation-secure-border"
SOUTHCOM = "organization:us-southern-command"
LAURA = "person:laura-richardson"
ANN = "person:ann-richardson"

L, T = EntityLabel, RelationType
ENTITIES = [
    (HEGSETH, "Pete Hegseth", L.PERSON, ("Hegseth", "Secretary Hegseth"), ("d1", "d2")),
    (CENTSEC, "Central American Security Conference", L.EVENT, ("CENTSEC",), ("d1",)),
    (US, "United States", L.COUNTRY, ("U.S.", "Washington"), ("d1", "d2")),
    (PANAMA, "Panama", L.COUNTRY, (), ("d1", "d2")),
    (CHINA, "China", L.COUNTRY, ("Beijing",), ("d2",)),
    (HONDURAS, "Honduras", L.COUNTRY, (), ("d2",)),
    (OSB, "Operation Secure Border", L.INITIATIVE, (), ("d2",)),
    (SOUTHCOM, "U.S. Southern Command", L.ORGANIZATION, ("SOUTHCOM",), ("d1",)),
    (LAURA, "Laura Richardson", L.PERSON, ("Richardson",), ("d1",)),
    (ANN, "Ann Richardson", L.PERSON, ("Richardson",), ("d2",)),
]
RELATIONS = [  # source, type, target, document, confidence
    (HEGSETH, T.PARTICIPATES_IN, CENTSEC, "d1", 0.9),
    (SOUTHCOM, T.HOSTS, CENTSEC, "d1", 0.8),
    (HEGSETH, T.VISITS, PANAMA, "d1", 0.7),
    (HEGSETH, T.VISITS, PANAMA, "d2", 0.5),
    (HEGSETH, T.AFFILIATED_WITH, US, "d1", 0.9),
    (US, T.COOPERATES_WITH, PANAMA, "d1", 0.6),
    (US, T.OPPOSES, CHINA, "d2", 0.6),
    (HONDURAS, T.PARTICIPATES_IN, OSB, "d2", 0.4),
    (PANAMA, T.PARTICIPATES_IN, OSB, "d2", 0.5),
    (LAURA, T.AFFILIATED_WITH, SOUTHCOM, "d1", 0.8),
    (ANN, T.VISITS, HONDURAS, "d2", 0.3),
]
DOCUMENTS = [
    Document("d1", "data/docs/000_centsec.txt", "", title="Hegseth attends CENTSEC in Panama", date="2025-04-08"),
    Document("d2", "data/docs/001_border.txt", "", title="Operation Secure Border expands", date="2025-06-15"),
]


def security_graph() -> nx.MultiDiGraph:
    """Pete Hegseth, CENTSEC, four countries, an operation, SOUTHCOM and two Richardsons, from two documents."""
    graph = new_graph()
    for document in DOCUMENTS:
        graph.graph["documents"][document.id] = document_row(document)
    for key, name, label, aliases, docs in ENTITIES:
        add_entity(graph, Entity(key, name, label, aliases, mentions=len(docs), documents=docs))
    for i, (source, rtype, target, doc, confidence) in enumerate(RELATIONS):
        sentence = f"Sentence {i} of {doc} links {source} and {target}."
        evidence = Evidence(doc, sentence, 10 * i, 10 * i + len(sentence), "test")
        add_relation(graph, Relation(source, target, rtype, (evidence,), confidence))
    return graph


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return security_graph()


def edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(s, k, t) for s, t, k in graph.edges(keys=True)}


@pytest.mark.parametrize("name", ["Pete Hegseth", "pete hegseth", "Hegseth", " SECRETARY HEGSETH ", HEGSETH])
def test_resolve_entity_by_key_name_or_alias(graph: nx.MultiDiGraph, name: str) -> None:
    assert resolve_entity(graph, name) == HEGSETH


def test_resolve_entity_prefers_names_to_aliases(graph: nx.MultiDiGraph) -> None:
    add_entity(graph, Entity("place:panama-city", "Panama City", L.PLACE, ("Panama",)))
    assert resolve_entity(graph, "panama") == PANAMA


def test_resolve_entity_ambiguous(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFound) as error:
        resolve_entity(graph, "Richardson")
    assert str(error.value) == (
        "'Richardson' is ambiguous: Ann Richardson (person:ann-richardson), "
        "Laura Richardson (person:laura-richardson); give one of the keys instead"
    )


def test_resolve_entity_unknown_suggests_close_matches(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFound) as error:
        resolve_entity(graph, "Pete Hegsett")
    assert str(error.value) == (
        "no entity with the name, alias or key 'Pete Hegsett'; did you mean Pete Hegseth (person:pete-hegseth)?"
    )


def test_resolve_entity_unknown_without_close_matches(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFound) as error:
        resolve_entity(graph, "Xylophone")
    assert str(error.value) == "no entity with the name, alias or key 'Xylophone'"


def test_select_everything_by_default_is_the_graph_itself(graph: nx.MultiDiGraph) -> None:
    assert select(graph, Selection()) is graph


def test_select_everything_drops_only_uncited_documents(graph: nx.MultiDiGraph) -> None:
    graph.graph["documents"]["unused"] = {"id": "unused", "path": "unused.txt", "title": "Unused"}
    selected = select(graph, Selection())
    assert "unused" not in selected.graph["documents"]
    assert "unused" in graph.graph["documents"]
    del graph.graph["documents"]["unused"]
    assert graphfile.dumps(selected) == graphfile.dumps(graph)


def test_a_selection_shares_attribute_values_but_not_structure(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(labels=("Person", "Country")))
    assert selected.nodes[HEGSETH]["aliases"] is graph.nodes[HEGSETH]["aliases"]
    selected.remove_node(HEGSETH)
    selected.nodes[next(iter(selected))]["name"] = "changed"
    assert graphfile.dumps(graph) == graphfile.dumps(security_graph())


@pytest.mark.parametrize(
    ("hops", "expected"),
    [
        (0, {HEGSETH}),
        (1, {HEGSETH, CENTSEC, PANAMA, US}),
        (2, {HEGSETH, CENTSEC, PANAMA, US, SOUTHCOM, CHINA, OSB}),
    ],
)
def test_select_center(graph: nx.MultiDiGraph, hops: int, expected: set[str]) -> None:
    selected = select(graph, Selection(center="Hegseth", hops=hops))
    assert set(selected) == expected
    assert edges(selected) == {e for e in edges(graph) if e[0] in expected and e[2] in expected}


def test_select_center_unknown(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFound, match="did you mean Pete Hegseth"):
        select(graph, Selection(center="Hegsth"))


def test_select_labels(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(labels=("Country", "Initiative")))
    assert set(selected) == {US, PANAMA, CHINA, HONDURAS, OSB}
    assert edges(selected) == {
        (PANAMA, "COOPERATES_WITH", US),
        (US, "OPPOSES", CHINA),
        (HONDURAS, "PARTICIPATES_IN", OSB),
        (PANAMA, "PARTICIPATES_IN", OSB),
    }


def test_select_types_keeps_only_nodes_with_such_relationships(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(types=("VISITS",)))
    assert edges(selected) == {(HEGSETH, "VISITS", PANAMA), (ANN, "VISITS", HONDURAS)}
    assert set(selected) == {HEGSETH, PANAMA, ANN, HONDURAS}


def test_select_min_confidence(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(min_confidence=0.6))
    assert all(confidence >= 0.6 for _, _, confidence in selected.edges(data="confidence"))
    weak = {HONDURAS, PANAMA, ANN}  # the sources of every edge below 0.6 but one
    assert edges(selected) == {e for e in edges(graph) if e[0] not in weak or e[1] == "COOPERATES_WITH"}
    assert set(selected) == {HEGSETH, CENTSEC, SOUTHCOM, PANAMA, US, CHINA, LAURA}


D2_EDGES = {
    (HEGSETH, "VISITS", PANAMA),
    (US, "OPPOSES", CHINA),
    (HONDURAS, "PARTICIPATES_IN", OSB),
    (PANAMA, "PARTICIPATES_IN", OSB),
    (ANN, "VISITS", HONDURAS),
}
D2_NODES = {HEGSETH, US, PANAMA, CHINA, HONDURAS, OSB, ANN}


@pytest.mark.parametrize(
    "selection",
    [
        Selection(document="d2"),
        Selection(document="secure BORDER"),  # part of the title
        Selection(document="001_"),  # part of the path
        Selection(since=date(2025, 5, 1)),
        Selection(since=date(2025, 6, 15), until=date(2025, 6, 15)),
    ],
)
def test_select_documents(graph: nx.MultiDiGraph, selection: Selection) -> None:
    selected = select(graph, selection)
    assert edges(selected) == D2_EDGES
    assert set(selected) == D2_NODES
    assert {e["doc"] for _, _, ev in selected.edges(data="evidence") for e in ev} == {"d2"}
    assert len(selected.edges[HEGSETH, PANAMA, "VISITS"]["evidence"]) == 1
    assert set(selected.graph["documents"]) == {"d2"}


def test_select_until(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(until=date(2025, 5, 1)))
    assert {e["doc"] for _, _, ev in selected.edges(data="evidence") for e in ev} == {"d1"}
    assert set(selected) == {HEGSETH, CENTSEC, US, PANAMA, SOUTHCOM, LAURA}


def test_select_dates_leave_out_undated_documents(graph: nx.MultiDiGraph) -> None:
    graph.graph["documents"]["d2"]["date"] = None
    assert match_documents(graph, since=date(2000, 1, 1)) == {"d1"}
    assert match_documents(graph) == {"d1", "d2"}


def test_select_dates_keep_undated_documents_when_asked(graph: nx.MultiDiGraph) -> None:
    graph.graph["documents"]["d2"]["date"] = None
    assert undated_documents(graph, Selection(since=date(2025, 5, 1))) == 1
    selected = select(graph, Selection(since=date(2025, 5, 1), include_undated=True))
    assert {e["doc"] for _, _, ev in selected.edges(data="evidence") for e in ev} == {"d2"}
    assert undated_documents(graph, Selection(since=date(2025, 5, 1), include_undated=True)) == 0
    assert undated_documents(graph, Selection(document="d1", until=date(2025, 5, 1))) == 0  # --doc names d1 only
    assert undated_documents(graph, Selection(document="d2")) == 0  # no date range


@pytest.mark.parametrize(("month", "since", "until", "kept"), [
    ("2025-04", date(2025, 4, 30), None, True),
    ("2025-04", None, date(2025, 4, 1), True),
    ("2025-04", date(2025, 5, 1), None, False),
    ("2025-04", None, date(2025, 3, 31), False),
    ("2024-02", date(2024, 2, 29), date(2024, 2, 29), True),
])  # fmt: skip
def test_a_document_dated_to_the_month_matches_any_of_its_days(
        graph: nx.MultiDiGraph, month: str, since: date | None, until: date | None, kept: bool) -> None:
    graph.graph["documents"]["d2"]["date"] = month
    assert ("d2" in match_documents(graph, since=since, until=until)) is kept


def test_select_unknown_document(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(DocumentError) as error:
        select(graph, Selection(document="nowhere"))
    assert str(error.value) == (
        "no document has the id 'nowhere' or a path or title containing it "
        "(documents: data/docs/000_centsec.txt, data/docs/001_border.txt)"
    )


def test_select_combined_center_and_type(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(center="Pete Hegseth", hops=2, types=("VISITS", "OPPOSES")))
    assert set(selected) == {HEGSETH, PANAMA}
    assert edges(selected) == {(HEGSETH, "VISITS", PANAMA)}


def test_select_center_keeps_the_center_without_relationships(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(center="China", types=("VISITS",)))
    assert set(selected) == {CHINA}


def test_select_center_left_out_by_another_filter(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFound) as error:
        select(graph, Selection(center="Hegseth", labels=("Country",)))
    assert str(error.value) == (
        "Pete Hegseth (person:pete-hegseth) is not in the selection: the other filters leave it out"
    )


def test_select_keeps_only_cited_documents(graph: nx.MultiDiGraph) -> None:
    selected = select(graph, Selection(center="Laura Richardson", hops=1))
    assert set(selected) == {LAURA, SOUTHCOM}
    assert list(selected.graph["documents"]) == ["d1"]


def test_select_items(graph: nx.MultiDiGraph) -> None:
    selected = select_items(graph, [CHINA, "person:nobody"], [(HEGSETH, "VISITS", PANAMA), (PANAMA, "HOSTS", US)])
    assert set(selected) == {CHINA, HEGSETH, PANAMA}
    assert edges(selected) == {(HEGSETH, "VISITS", PANAMA)}


def test_returned_items_walks_rows_paths_and_maps() -> None:
    node: dict[str, Any] = {"_label": "Person", "key": HEGSETH, "name": "Pete Hegseth"}
    rel = {"_type": "VISITS", "confidence": 0.85}
    row = ([node, rel, {"_label": "Country", "key": PANAMA}], {"n": {"_label": "Document", "id": "d1"}}, US, 3)
    keys, relationships = returned_items(row, known={US})
    assert keys == {HEGSETH, PANAMA, US}
    assert relationships == [rel]


def test_selection_does_not_change_its_input(graph: nx.MultiDiGraph) -> None:
    before = copy.deepcopy(graph)
    select(graph, Selection(center="Hegseth", hops=2, document="d2", types=("VISITS",), min_confidence=0.1))
    assert graphfile.dumps(graph) == graphfile.dumps(before)
