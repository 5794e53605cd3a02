"""The embedded database answers every example query as Neo4j does, on the same sample graph.

Each query in ``cypher/`` (but ``schema.cypher``, which creates Neo4j constraints) runs with the same
parameters against a real Neo4j server and against the embedded database built from the same graph;
the rows must be equal, in order where the query has an ORDER BY, as multisets where it has none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphmodel.stores import QueryResult
from graphmodel.stores.embedded.build import write_database
from graphmodel.stores.embedded.store import open_database
from graphmodel.stores.neo4j.store import Neo4jStore
from graphmodel.stores.text import code_only

pytestmark = pytest.mark.neo4j

CYPHER = Path(__file__).resolve().parents[2] / "cypher"
EXAMPLES = sorted(path for path in CYPHER.glob("*.cypher") if path.name != "schema.cypher")
# Parameters per example; a file not listed here runs once without parameters.
PARAMETERS: dict[str, list[dict[str, str]]] = {
    "evidence": [{"a": "centsec", "b": "Hegseth"}, {"a": "Operation Secure Border", "b": "U.S."},
                 {"a": "Panama", "b": "China"}],
    "neighbourhood": [{"name": "HEGSETH"}, {"name": "Pete Hegseth"}, {"name": "nobody"}],
    "shortest_path": [{"from": "hegseth", "to": "beijing"}, {"from": "SOUTHCOM", "to": "Honduras"},
                      {"from": "Panama", "to": "nobody"}],
}
CASES = [pytest.param(path, params, id=f"{path.stem}-{i}")
         for path in EXAMPLES for i, params in enumerate(PARAMETERS.get(path.stem, [{}]))]
# Queries beyond the examples: value conversion (nodes, relationships, paths) and the dialect rules.
QUERIES = [
    "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n",
    "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n",
    "MATCH (p:Person)-[r:AFFILIATED_WITH]->(c) RETURN p, r, labels(c) AS labels",
    "MATCH (d:Document) RETURN d ORDER BY d.id",
    "MATCH p = shortestPath((a:Person)-[*..4]-(b:Country {name: 'China'})) RETURN p",
    "MATCH (a:Person)-[r*2]->(b:Country {name: 'China'}) RETURN r",
    "MATCH (n) WHERE n:Country AND n.name STARTS WITH 'P' RETURN n.name, n.aliases, size(n.documents)",
    "MATCH (c:Country) RETURN c.name, [a IN c.aliases WHERE a <> 'U.S.' | toLower(a)] AS lowered ORDER BY c.name",
    "MATCH ()-[r:PARTICIPATES_IN]->() UNWIND range(0, size(r.evidence_docs) - 1) AS i "
    "RETURN r.evidence_docs[i] AS doc, r.evidence_starts[i] AS start, r.evidence_rules[0] AS first_rule",
    "MATCH (e:Event)<-[*1..2]-(n) RETURN DISTINCT n.name AS name",
    "MATCH (p:Person {name: 'Pete Hegseth'})-[*2]-(n) RETURN n.name AS name, count(*) AS paths",
    "MATCH (n:Country) RETURN n.name AS name, toString(n.mentions) AS mentions ORDER BY mentions DESC, name",
]


@pytest.fixture
def both(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph, tmp_path: Path) -> tuple[Neo4jStore, Path]:
    """Neo4j and an embedded database file, both holding the sample graph."""
    neo4j_store.write(sample_graph, replace=True)
    return neo4j_store, write_database(sample_graph, tmp_path / "graph.lbug")


def comparable(query: str, result: QueryResult) -> tuple[tuple[str, ...], list[Any]]:
    """Columns and rows; rows sorted unless the query orders them."""
    rows = [tuple(row) for row in result.rows]
    ordered = re.search(r"\bORDER\s+BY\b", code_only(query), re.I)
    return result.columns, rows if ordered else sorted(rows, key=repr)


def assert_same(both: tuple[Neo4jStore, Path], query: str, params: dict[str, str]) -> QueryResult:
    neo4j, path = both
    expected = neo4j.run(query, params)
    with open_database(path) as embedded:
        actual = embedded.run(query, params)
    assert comparable(query, actual) == comparable(query, expected)
    return expected


@pytest.mark.parametrize(("path", "params"), CASES)
def test_example_query(both: tuple[Neo4jStore, Path], path: Path, params: dict[str, str]) -> None:
    assert_same(both, path.read_text(encoding="utf-8"), params)


def test_examples_return_rows(both: tuple[Neo4jStore, Path]) -> None:
    """Guard against a parity that only holds because both sides return nothing."""
    for path, params in ((p, PARAMETERS.get(p.stem, [{}])[0]) for p in EXAMPLES):
        assert assert_same(both, path.read_text(encoding="utf-8"), params).rows, path.name


@pytest.mark.parametrize("query", QUERIES)
def test_query(both: tuple[Neo4jStore, Path], query: str) -> None:
    assert assert_same(both, query, {}).rows


@pytest.fixture(scope="module")
def corpus_graph() -> nx.MultiDiGraph:
    """The graph `graphmodel build` makes of the sample corpus in data/docs."""
    from graphmodel.documents.read import read_documents
    from graphmodel.extract import make_extractor
    from graphmodel.pipeline import build_graph

    return build_graph(read_documents(CYPHER.parent / "data" / "docs"), make_extractor())


CORPUS_PARAMETERS: dict[str, dict[str, str]] = {
    "evidence": {"a": "Hegseth", "b": "Panama"},
    "neighbourhood": {"name": "Hegseth"},
    "shortest_path": {"from": "Pete Hegseth", "to": "China"},
}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_query_on_the_sample_corpus(
    neo4j_store: Neo4jStore, corpus_graph: nx.MultiDiGraph, tmp_path: Path, path: Path
) -> None:
    neo4j_store.write(corpus_graph, replace=True)
    both = (neo4j_store, write_database(corpus_graph, tmp_path / "graph.lbug"))
    expected = assert_same(both, path.read_text(encoding="utf-8"), CORPUS_PARAMETERS.get(path.stem, {}))
    assert expected.rows, f"{path.name} returns rows on the sample corpus"
