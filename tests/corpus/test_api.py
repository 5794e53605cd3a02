"""The Python interface as a notebook uses it: build from strings and paths, select, explain, export, query."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import graphmodel
from graphmodel.errors import DocumentError, EntityNotFound, QueryError

pytestmark = pytest.mark.corpus

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "docs"
TEXTS = [
    "Defense Secretary Pete Hegseth visited Panama on Tuesday.",
    "Panama hosted the Central American Security Conference in Panama City.",
    "China opposes the United States in the region, officials said.",
]


@pytest.fixture(scope="module")
def graph() -> graphmodel.Graph:
    return graphmodel.build(TEXTS, model=None)


def test_three_strings_give_their_entities_and_relationships(graph: graphmodel.Graph) -> None:
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    names = {data["name"]: data["label"] for _, data in g.nodes(data=True)}
    assert names["Pete Hegseth"] == "Person"
    assert names["Panama"] == "Country"
    assert names["Central American Security Conference"] == "Event"
    assert {"China", "United States"} <= set(names)
    assert g.has_edge("person:pete-hegseth", "country:panama", "VISITS")
    assert g.has_edge("country:china", "country:united-states", "OPPOSES")
    assert sorted(d["path"] for d in g.graph["documents"].values()) == ["text-1", "text-2", "text-3"]
    assert repr(graph).startswith(f"<Graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships, 3 docu")


def test_why_subgraph_export_and_query(graph: graphmodel.Graph, tmp_path: Path) -> None:
    assert "Defense Secretary Pete Hegseth visited Panama on Tuesday." in graph.why("Pete Hegseth", "Panama")
    near = graph.subgraph(center="Pete Hegseth", hops=1)
    assert set(near.to_networkx()) == {"person:pete-hegseth", "country:panama"} | {
        target for _, target in graph.to_networkx().out_edges("person:pete-hegseth")}
    written = graph.export(tmp_path / "g.json")
    assert json.loads(written[0].read_text(encoding="utf-8"))["nodes"]
    rows = graph.query("MATCH (p:Person)-[:VISITS]->(c:Country) RETURN p.name AS person, c.name AS country")
    assert rows == [{"person": "Pete Hegseth", "country": "Panama"}]
    assert graph.query("MATCH (c:Country {name: $name}) RETURN c.name AS name", name="China") == [{"name": "China"}]
    with pytest.raises(QueryError):
        graph.query("CREATE (:Country {name: 'Atlantis'})")
    with pytest.raises(EntityNotFound):
        graph.why("Atlantis", "Panama")


def test_a_notebook_shows_the_interactive_page(graph: graphmodel.Graph) -> None:
    page = graph._repr_html_()
    assert page.startswith("<iframe srcdoc=")
    assert "Pete Hegseth" in page
    assert "vis-network" in page or "vis.Network" in page or "new vis" in page


def test_paths_and_strings_mix_and_a_saved_graph_reads_back(tmp_path: Path) -> None:
    built = graphmodel.build([TEXTS[0], SAMPLE], model=None)
    assert len(built.to_networkx().graph["documents"]) == 6
    again = graphmodel.read(built.save(tmp_path / "graph.json"))
    assert sorted(again.to_networkx().nodes) == sorted(built.to_networkx().nodes)


def test_nothing_to_build_from_is_an_error() -> None:
    with pytest.raises(DocumentError, match="nothing to build from"):
        graphmodel.build(["   "])
