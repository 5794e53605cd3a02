"""Merging extractions: one node per key, one edge per (source, type, target) with all evidence."""

from __future__ import annotations

from graphmodel.graph.core import (
    add_entity,
    add_relation,
    document_row,
    from_networkx,
    merge_graphs,
    new_graph,
    stats,
    to_networkx,
)
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType

HEGSETH = Entity("person:pete-hegseth", "Pete Hegseth", EntityLabel.PERSON, ("Hegseth",), 2, ("d1",))
CONFERENCE = Entity("event:csc", "Central American Security Conference", EntityLabel.EVENT, ("CENTSEC",), 1, ("d1",))


def _participates(doc: str, start: int) -> Relation:
    evidence = Evidence(doc, "Hegseth attended the conference.", start, start + 32, "path:attend")
    return Relation(HEGSETH.key, CONFERENCE.key, RelationType.PARTICIPATES_IN, (evidence,), 0.7)


def test_same_edge_from_two_documents_is_merged_with_both_evidence() -> None:
    hegseth_in_d2 = Entity(HEGSETH.key, HEGSETH.name, HEGSETH.label, HEGSETH.aliases, 2, ("d2",))
    graph = to_networkx([
        Extraction(entities=(HEGSETH, CONFERENCE), relations=(_participates("d1", 0),)),
        Extraction(entities=(hegseth_in_d2, CONFERENCE), relations=(_participates("d2", 5),)),
    ])
    edge = graph.edges[HEGSETH.key, CONFERENCE.key, "PARTICIPATES_IN"]
    assert graph.number_of_edges() == 1
    assert [e["doc"] for e in edge["evidence"]] == ["d1", "d2"]
    assert edge["confidence"] == 0.91
    assert graph.nodes[HEGSETH.key]["mentions"] == 4


def test_repeated_evidence_does_not_raise_confidence() -> None:
    graph = to_networkx([Extraction(entities=(HEGSETH, CONFERENCE), relations=(_participates("d1", 0),))] * 2)
    assert graph.edges[HEGSETH.key, CONFERENCE.key, "PARTICIPATES_IN"]["confidence"] == 0.7


def test_aliases_merge_and_exclude_the_name() -> None:
    other = Entity(HEGSETH.key, "Pete Hegseth", EntityLabel.PERSON, ("Secretary Hegseth",), 1, ("d2",))
    node = to_networkx([Extraction(entities=(HEGSETH,)), Extraction(entities=(other,))]).nodes[HEGSETH.key]
    assert node["aliases"] == ["Hegseth", "Secretary Hegseth"]
    assert node["documents"] == ["d1", "d2"]


def test_from_networkx_inverts_to_networkx_and_merge_graphs_unions() -> None:
    graph = to_networkx([Extraction(entities=(HEGSETH, CONFERENCE), relations=(_participates("d1", 0),))])
    entities, relations = from_networkx(graph)
    assert {e.key for e in entities} == {HEGSETH.key, CONFERENCE.key}
    assert relations == [_participates("d1", 0)]
    merged = merge_graphs([graph, graph])
    assert stats(merged)["types"] == {"PARTICIPATES_IN": 1}
    assert merged.nodes[HEGSETH.key]["mentions"] == 2, "the same document is counted once"


def test_the_same_sentence_twice_in_a_document_adds_evidence_but_no_confidence() -> None:
    title = Evidence("d1", "Hegseth attends the conference", 0, 30, "path:attend")
    heading = Evidence("d1", "Hegseth attends the conference", 31, 61, "path:attend")
    graph = to_networkx([Extraction(entities=(HEGSETH, CONFERENCE), relations=(
        Relation(HEGSETH.key, CONFERENCE.key, RelationType.PARTICIPATES_IN, (title,), 0.7),
        Relation(HEGSETH.key, CONFERENCE.key, RelationType.PARTICIPATES_IN, (heading,), 0.7)))])
    edge = graph.edges[HEGSETH.key, CONFERENCE.key, "PARTICIPATES_IN"]
    assert len(edge["evidence"]) == 2
    assert edge["confidence"] == 0.7


def test_merging_a_corpus_equals_adding_each_entity_and_relation_in_turn() -> None:
    """to_networkx keeps sets while it merges; its graph is the one add_entity and add_relation make."""
    docs = [Document(f"d{n}", f"d{n}.txt", "") for n in range(3)]
    first = Evidence("d0", "A met B.", 0, 8, "verb:meet")
    again = Evidence("d1", "A met B.", 0, 8, "verb:meet")  # the same sentence in another document
    other = Evidence("d2", "B and A talked.", 0, 15, "verb:talk")
    extractions = [
        Extraction(docs[0], (Entity("person:a", "A", EntityLabel.PERSON, ("Mr A",), 2, ("d0",)),
                             Entity("person:b", "B", EntityLabel.PERSON, (), 1, ("d0",))),
                   (Relation("person:b", "person:a", RelationType.COOPERATES_WITH, (first,), 0.5),
                    Relation("person:a", "place:x", RelationType.VISITS, (first,), 0.4))),
        Extraction(docs[1], (Entity("person:a", "Ann A", EntityLabel.PERSON, ("A",), 1, ("d1",)),
                             Entity("person:a", "A", EntityLabel.PERSON, (), 3, ("d1",))),
                   (Relation("person:a", "person:b", RelationType.COOPERATES_WITH, (first, again), 0.5),)),
        Extraction(docs[2], (Entity("place:x", "X", EntityLabel.PLACE, (), 1, ("d2",)),),
                   (Relation("person:a", "person:b", RelationType.COOPERATES_WITH, (other, other), 0.6),)),
    ]
    one_by_one = new_graph()
    for extraction in extractions:
        assert extraction.document is not None
        one_by_one.graph["documents"][extraction.document.id] = document_row(extraction.document)
        for entity in extraction.entities:
            add_entity(one_by_one, entity)
        for relation in extraction.relations:
            add_relation(one_by_one, relation)
    merged = to_networkx(extractions)
    assert list(merged.nodes(data=True)) == list(one_by_one.nodes(data=True))
    assert list(merged.edges(keys=True, data=True)) == list(one_by_one.edges(keys=True, data=True))
    assert merged.nodes["person:a"]["aliases"] == ["Ann A", "Mr A"]
    assert merged.nodes["person:a"]["mentions"] == 3  # the second "A" in d1 is a document already counted
    assert merged.edges["person:a", "person:b", "COOPERATES_WITH"]["confidence"] == 0.9
