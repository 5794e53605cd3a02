"""The embedded database: built from the sample graph of conftest.py, queried in Neo4j's Cypher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import DOC1, HEGSETH, SAMPLE_ENTITIES, build_graph, rows

from graphmodel.errors import QueryError, StoreUnavailable, WriteRefused
from graphmodel.stores.embedded.build import write_database
from graphmodel.stores.embedded.store import EmbeddedStore, open_database

CYPHER = Path(__file__).resolve().parents[2] / "cypher"
HEGSETH_NODE = {"_label": "Person", "key": HEGSETH, "name": "Pete Hegseth", "aliases": ["Hegseth"], "mentions": 3,
                "documents": ["doc1"], "first_seen": "2025-04-07", "last_seen": "2025-04-07"}
AFFILIATION = {"_type": "AFFILIATED_WITH", "confidence": 0.9, "first_seen": "2025-04-07", "last_seen": "2025-04-07",
               "evidence_docs": ["doc1"],
               "evidence_sentences": ["U.S. Defense Secretary Pete Hegseth spoke in Panama City."],
               "evidence_starts": [0], "evidence_ends": [57], "evidence_rules": ["title"]}


@pytest.fixture(scope="module")
def store(sample_database: Path) -> Iterator[EmbeddedStore]:
    """One read-only connection for the querying tests (opening the database costs more than most queries)."""
    with open_database(sample_database) as opened:
        yield opened


@pytest.fixture
def own_store(sample_database: Path) -> Iterator[EmbeddedStore]:
    """A connection of the test's own, for a test that interrupts a query."""
    with open_database(sample_database) as opened:
        yield opened


# --- querying ---

def test_participation(store: EmbeddedStore) -> None:
    result = store.run("MATCH (p:Person)-[:PARTICIPATES_IN]->(e:Event) RETURN p.name, e.name")
    assert result.columns == ("p.name", "e.name")
    assert result.rows == (("Pete Hegseth", "Central American Security Conference"),)


def test_evidence_lists_come_back_in_order(store: EmbeddedStore) -> None:
    query = """MATCH (:Country {name: 'United States'})-[r:PARTICIPATES_IN]->(:Initiative)
               RETURN r.confidence, r.evidence_docs, r.evidence_sentences, r.evidence_starts, r.evidence_ends,
                      r.evidence_rules"""
    assert rows(store, query) == [(
        0.8, ["doc2", "doc2"],
        ["| United States | Operation Secure Border |", "The United States leads Operation Secure Border."],
        [90, 10], [133, 58], ["table_row", "participates"])]


def test_documents_and_mentions(store: EmbeddedStore) -> None:
    assert rows(store, "MATCH (d:Document) RETURN d.id, d.title, d.date, d.path, d.author ORDER BY d.id") == [
        ("doc1", "Hegseth attends Central American Security Conference", "2025-04-07",
         "data/docs/000_hegseth_panama.txt", "Jane Doe"),
        ("doc2", "Operation Secure Border expands", "2025-05-02", "data/docs/001_secure_border.md", None)]
    mentions = rows(store, "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.id, e.key, m.count ORDER BY d.id, e.key")
    assert len(mentions) == 9
    assert mentions[:2] == [("doc1", "country:china", 1), ("doc1", "country:panama", 1)]


def test_nodes_and_relationships_become_dicts(store: EmbeddedStore) -> None:
    result = store.run("MATCH (p:Person)-[r:AFFILIATED_WITH]->(c) RETURN p, r, labels(c), type(r)")
    assert result.columns == ("p", "r", "labels(c)", "type(r)")
    assert result.rows == ((HEGSETH_NODE, AFFILIATION, ["Country"], "AFFILIATED_WITH"),)


def test_null_properties_are_left_out_as_in_neo4j(store: EmbeddedStore) -> None:
    assert rows(store, "MATCH (d:Document {id: 'doc2'}) RETURN d") == [(
        {"_label": "Document", "id": "doc2", "title": "Operation Secure Border expands", "date": "2025-05-02",
         "path": "data/docs/001_secure_border.md"},)]


def test_a_path_alternates_nodes_and_relationships(store: EmbeddedStore) -> None:
    [(path,)] = rows(store, "MATCH p = shortestPath((a:Person)-[*..3]-(b:Country {name: 'China'})) RETURN p")
    assert path[:2] == [HEGSETH_NODE, {**AFFILIATION, "_direction": "->"}]
    assert [item.get("_label", item.get("_type")) for item in path] == [
        "Person", "AFFILIATED_WITH", "Country", "OPPOSES", "Country"]
    assert path[4]["name"] == "China"


def test_a_variable_length_relationship_is_its_list_of_relationships(store: EmbeddedStore) -> None:
    query = "MATCH (:Person)-[r*2]->(b:Country {name: 'China'}) RETURN r"
    assert [[rel["_type"] for rel in r] for (r,) in rows(store, query)] == [["AFFILIATED_WITH", "OPPOSES"]]


def test_unaliased_columns_are_named_as_neo4j_names_them(store: EmbeddedStore) -> None:
    result = store.run("MATCH (n) WHERE NOT n:Name RETURN labels(n)[0], count(*) ORDER BY count(*) DESC, labels(n)[0] "
                       "LIMIT 2")
    assert result.columns == ("labels(n)[0]", "count(*)")
    assert result.rows == (("Country", 4), ("Document", 2))


def test_parameters_and_aliases(store: EmbeddedStore) -> None:
    query = """MATCH (n) WHERE toLower(n.name) = toLower($name)
               OR ANY(alias IN n.aliases WHERE toLower(alias) = toLower($name)) RETURN n.key AS key"""
    assert rows(store, query, name="washington") == [("country:united-states",)]
    assert rows(store, query, name="SOUTHCOM") == [("organization:us-southern-command",)]


@pytest.mark.parametrize(("name", "params", "expected"), [
    ("country_ranking", {}, [("Honduras", 1), ("United States", 1)]),
    ("hosts", {}, [("U.S. Southern Command", "Organization", "Central American Security Conference", "Event", 0.8)]),
    ("participants", {}, [("Pete Hegseth", "Person", "Central American Security Conference", 0.9),
                          ("Honduras", "Country", "Operation Secure Border", 0.6),
                          ("United States", "Country", "Operation Secure Border", 0.8)]),
    ("opposition", {}, [("United States", "Country", "China", "Country", 0.7, 1)]),
    ("shortest_path", {"from": "hegseth", "to": "beijing"},
     [(["Pete Hegseth", "United States", "China"], ["AFFILIATED_WITH", "OPPOSES"], 2)]),
    ("neighbourhood", {"name": "HEGSETH"}, [
        ("Central American Security Conference", "Event", 1), ("United States", "Country", 1),
        ("China", "Country", 2), ("Operation Secure Border", "Initiative", 2), ("Panama", "Country", 2),
        ("U.S. Southern Command", "Organization", 2)]),
    ("evidence", {"a": "centsec", "b": "Hegseth"}, [
        ("Pete Hegseth", "PARTICIPATES_IN", "Central American Security Conference", 0.9,
         "Hegseth attended the Central American Security Conference in Panama City.",
         "Hegseth attends Central American Security Conference", "2025-04-07")]),
])
def test_example_queries(store: EmbeddedStore, name: str, params: dict[str, str], expected: list[Any]) -> None:
    assert rows(store, (CYPHER / f"{name}.cypher").read_text(encoding="utf-8"), **params) == expected


# --- refusals and errors ---

@pytest.mark.parametrize(("query", "message"), [
    ("CREATE (:Person {key: 'x'})", "refusing a query with CREATE outside --write; rerun with --write if you mean it"),
    ("MATCH (n {name: 'set'}) SET n.name = 'x'", "refusing a query with SET outside --write; "
                                                  "rerun with --write if you mean it"),
    ("COPY Person FROM 'people.csv'", "refusing a query with COPY outside --write; rerun with --write if you mean it"),
    ("CALL threads=1", "refusing to CALL threads outside --write (it can change settings or data); "
                       "rerun with --write if you mean it"),
])
def test_writes_are_refused_without_write(store: EmbeddedStore, query: str, message: str) -> None:
    with pytest.raises(WriteRefused) as error:
        store.run(query)
    assert str(error.value) == message


def test_read_only_store_refuses_write_true(store: EmbeddedStore, sample_database: Path) -> None:
    with pytest.raises(WriteRefused) as error:
        store.run("CREATE (:Person {key: 'x'})", write=True)
    assert str(error.value) == (f"the embedded database {sample_database} is open read-only; "
                                "open it with read_only=False to write")


@pytest.mark.parametrize(("query", "params", "message"), [
    ("MATC (n) RETURN n", {}, "Cypher syntax error: Parser exception: extraneous input 'MATC' expecting "),
    ("MATCH (n:Nope) RETURN n", {}, "the graph has no label 'Nope' (its labels: Country, "),
    ("MATCH (n:Person) RETURN [a IN n.aliases | a + $x]", {"x": "!"}, "the embedded engine cannot use a "
                                                                      "$parameter inside a list comprehension"),
    ("MATCH (n) RETURN n; MATCH (m) RETURN m", {}, "the embedded database runs one statement at a time; "
                                                   "split the query at `;`"),
])
def test_query_errors(store: EmbeddedStore, query: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError) as error:
        store.run(query, params)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_timeout(own_store: EmbeddedStore) -> None:
    query = "UNWIND range(1, 20000) AS i UNWIND range(1, 20000) AS j WITH i * j AS s WHERE s % 7 = 3 RETURN count(*)"
    with pytest.raises(QueryError) as error:
        own_store.run(query, timeout=0.05)
    assert str(error.value) == ("the query timed out after 0.05 s; make it cheaper (LIMIT, a narrower MATCH) "
                                "or raise --timeout")


def test_missing_database(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.lbug"
    with pytest.raises(StoreUnavailable) as error, open_database(path):
        pass
    assert str(error.value) == f"no embedded database at {path}; run `graphmodel build` first"


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "graph.lbug"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreUnavailable) as error, open_database(path):
        pass
    assert str(error.value).startswith(f"cannot open the embedded database {path} (")
    assert str(error.value).endswith("); rebuild it with `graphmodel build`")


# --- building ---

def test_an_empty_graph(tmp_path: Path) -> None:
    path = write_database(nx.MultiDiGraph(documents={}), tmp_path / "empty.lbug")
    with open_database(path) as store:
        assert rows(store, "MATCH (n) RETURN count(*)") == [(0,)]


def test_a_directory_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "graph.lbug").mkdir()
    with pytest.raises(StoreUnavailable) as error:
        write_database(build_graph((DOC1,), SAMPLE_ENTITIES[:2], ()), tmp_path / "graph.lbug")
    assert str(error.value) == (f"{tmp_path / 'graph.lbug'} is a directory, not an embedded database file; "
                                "remove it or choose another path")
