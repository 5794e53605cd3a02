"""Merging extractions: one node per key, one edge per (source, type, target) with all evidence."""

from __future__ import annotations

from graphmodel.graph.core import from_networkx, merge_graphs, stats, to_networkx
from graphmodel.models import Entity, Evidence, Extraction, Relation
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
