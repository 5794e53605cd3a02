"""The embedded build holds exactly the values of stores/rows.py, the rows Neo4j and the Cypher script get."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from conftest import rows

from graphmodel.graph.core import new_graph
from graphmodel.schema import EVIDENCE_COLUMNS
from graphmodel.stores.embedded.build import EmbeddedWriter
from graphmodel.stores.embedded.store import open_database
from graphmodel.stores.rows import load_rows


def awkward_graph() -> nx.MultiDiGraph:
    """Duplicated and self-naming aliases, unsorted documents, evidence from an unlisted document, positions
    stored as floats, an edge without evidence, a document without metadata."""
    graph = new_graph()
    graph.graph["documents"]["d1"] = {"id": "d1", "path": "d1.txt", "title": "One", "date": None, "author": "A"}
    graph.add_node("person:b", label="Person", name="B", aliases=["B", "Bee", "Bee"], mentions=2,
                   documents=["d2", "d1", "d2"])
    graph.add_node("country:a", label="Country", name="A", aliases=[], mentions=None, documents=[])
    graph.add_node("person:c", label="Person", name="C", aliases=["bee"], mentions=1, documents=["d1"])
    evidence = [{"doc": "d3", "sentence": "B went to A.", "start": 0.0, "end": 12.0, "rule": "r"},
                {"doc": "d1", "sentence": "B, in A.", "start": 4, "end": 12, "rule": "s"}]
    graph.add_edge("person:b", "country:a", key="VISITS", type="VISITS", confidence=1, evidence=evidence)
    graph.add_edge("person:c", "person:b", key="OPPOSES", type="OPPOSES", confidence=0.25, evidence=[])
    return graph


def test_the_database_holds_the_load_rows(tmp_path: Path) -> None:
    graph = awkward_graph()
    written = EmbeddedWriter(tmp_path / "graph.db").write(graph)
    expected = load_rows(graph)
    assert (written.documents, written.entities, written.relationships) == (3, 3, 2)
    with open_database(tmp_path / "graph.db") as store:
        entities = rows(store, "MATCH (e) WHERE e.key IS NOT NULL "
                               "RETURN labels(e)[0], e.key, e.name, e.aliases, e.mentions, e.documents, "
                               "e.first_seen, e.last_seen")
        assert sorted(entities) == sorted((str(label), *row.values()) for label, group in expected.entities.items()
                                          for row in group)
        mentions = rows(store, "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN e.key, d.id, m.count")
        assert sorted(mentions) == sorted(tuple(row.values()) for group in expected.mentions.values()
                                          for row in group)
        documents = rows(store, "MATCH (d:Document) RETURN d.id, d.title, d.date, d.path, d.author ORDER BY d.id")
        assert documents == [(row["id"], *(row["props"].get(f) for f in ("title", "date", "path", "author")))
                             for row in expected.documents]
        columns = ", ".join(f"r.{column}" for column in EVIDENCE_COLUMNS.values())
        relationships = rows(store, f"MATCH (s)-[r]->(t) WHERE s.key IS NOT NULL AND t.key IS NOT NULL "
                                    f"RETURN type(r), s.key, t.key, r.confidence, r.first_seen, r.last_seen, {columns}")
        assert sorted(relationships, key=repr) == sorted(((str(rtype), *row.values()) for (rtype, _, _), group
                                                          in expected.relationships.items() for row in group), key=repr)


def test_names_are_shared_between_entities(tmp_path: Path) -> None:
    EmbeddedWriter(tmp_path / "graph.db").write(awkward_graph())
    with open_database(tmp_path / "graph.db") as store:
        found: list[Any] = rows(store, "MATCH (n:Name {text: 'bee'})-[:NAMES]->(p) RETURN p.key ORDER BY p.key")
        assert found == [("person:b",), ("person:c",)]
