"""The JSON interchange file round-trips without loss and rejects what is not a graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graphmodel.errors import GraphFileError
from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity, add_relation, new_graph
from graphmodel.models import Entity, Evidence, Relation
from graphmodel.schema import EntityLabel, RelationType


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    g = new_graph()
    g.graph["documents"]["d1"] = {"id": "d1", "path": "a.txt", "title": "T", "date": "2025-04-07", "author": None}
    add_entity(g, Entity("person:pete-hegseth", "Pete Hegseth", EntityLabel.PERSON, ("Hegseth",), 3, ("d1",)))
    add_entity(g, Entity("country:panama", "Panama", EntityLabel.COUNTRY, (), 2, ("d1",)))
    evidence = Evidence("d1", "Hegseth visits Panama <b>now</b>.", 10, 43, "path:visit")
    add_relation(g, Relation("person:pete-hegseth", "country:panama", RelationType.VISITS, (evidence,), 0.75))
    return g


def test_round_trip_keeps_everything(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = graphfile.write(graph, tmp_path / "graph.json")
    again = graphfile.read(path)
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    assert again.graph == graph.graph
    assert graphfile.dumps(again) == graphfile.dumps(graph)


def test_write_replaces_atomically(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    graphfile.write(graph, path)
    graphfile.write(graph, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "is not valid JSON"),
        ("[]", "has no `nodes` list"),
        ('{"nodes": [{"id": "x", "label": "Planet"}]}', "is not a graphmodel graph"),
        ('{"nodes": [], "edges": [{"source": "a", "target": "b", "type": "HOSTS"}]}', "unknown node 'a'"),
    ],
)
def test_bad_files_are_rejected_clearly(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFileError, match=message):
        graphfile.read(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match=r"^no graph file at .*nope.json; run `graphmodel build` first"):
        graphfile.read(tmp_path / "nope.json")
    with pytest.raises(GraphFileError, match="cannot read graph file"):
        graphfile.read(tmp_path)  # a folder
