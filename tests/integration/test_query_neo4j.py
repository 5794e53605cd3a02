"""`graphmodel query` answers the same on a real Neo4j server and on the embedded database: the schema
procedures, a missing parameter, an unknown label or type (one line each) and directed paths.

Each test runs one command line twice, with ``--neo4j`` and with ``--graph`` naming an embedded
database of the same sample graph, and expects the same output from both.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from query_examples import CYPHER, DIRECTED_PATH, DIRECTED_TEXT, SAMPLE_LABELS, SAMPLE_TYPES

from graphmodel.cli.main import cli
from graphmodel.stores.embedded.build import write_database
from graphmodel.stores.embedded.store import open_database
from graphmodel.stores.neo4j.store import Neo4jStore

pytestmark = pytest.mark.neo4j

UNKNOWN_LABEL = ("Error: the graph has no label 'Persn' (its labels: Country, Document, Event, Initiative, "
                 "Organization, Person, Place); fix the query and run it again\n")
UNKNOWN_TYPE = ("Error: the graph has no relationship type 'VISTS' (its relationship types: AFFILIATED_WITH, "
                "COOPERATES_WITH, HOSTS, LOCATED_IN, MEMBER_OF, OPPOSES, PARTICIPATES_IN, PART_OF, VISITS); "
                "fix the query and run it again\n")


@pytest.fixture
def engines(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph, tmp_path: Path) -> dict[str, list[str]]:
    """The options that send `query` to each engine, both holding the sample graph."""
    neo4j_store.write(sample_graph, replace=True)
    database = write_database(sample_graph, tmp_path / "graph.db")
    return {"neo4j": ["--neo4j"], "embedded": ["--graph", str(database)]}


def on_both(runner: CliRunner, engines: dict[str, list[str]], *args: str) -> dict[str, tuple[int, str]]:
    results = {name: runner.invoke(cli, ["query", *args, *options]) for name, options in engines.items()}
    return {name: (result.exit_code, result.output) for name, result in results.items()}


@pytest.mark.parametrize(("query", "expected"), [
    ("CALL db.labels() YIELD label RETURN label ORDER BY label", ["label", *SAMPLE_LABELS]),
    ("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType",
     ["relationshipType", *SAMPLE_TYPES]),
    ("CALL db.labels() YIELD label WHERE label STARTS WITH 'O' RETURN label", ["label", "Organization"]),
])
def test_schema_procedures(runner: CliRunner, engines: dict[str, list[str]], query: str,
                           expected: list[str]) -> None:
    output = "\n".join(expected) + "\n"
    assert on_both(runner, engines, query, "--format", "csv") == {"neo4j": (0, output), "embedded": (0, output)}


@pytest.mark.parametrize(("query", "column", "names"), [
    ("CALL db.labels()", "label", SAMPLE_LABELS), ("CALL db.relationshipTypes()", "relationshipType", SAMPLE_TYPES),
])
def test_a_standalone_schema_call_yields_the_same_names(runner: CliRunner, engines: dict[str, list[str]], query: str,
                                                        column: str, names: list[str]) -> None:
    for code, output in on_both(runner, engines, query, "--format", "csv").values():
        lines = output.splitlines()
        assert (code, lines[0], sorted(lines[1:])) == (0, column, names)


@pytest.mark.parametrize(("args", "message"), [
    ([str(CYPHER / "neighbourhood.cypher")], "Expected parameter(s): name; give each with --param NAME=VALUE"),
    ([str(CYPHER / "evidence.cypher"), "--param", "a=Hegseth"], "Expected parameter(s): b; give each with "
                                                                  "--param NAME=VALUE"),
])
def test_a_missing_parameter_is_one_line_on_both(runner: CliRunner, engines: dict[str, list[str]], args: list[str],
                                                 message: str) -> None:
    expected = (1, f"Error: {message}\n")
    assert on_both(runner, engines, *args) == {"neo4j": expected, "embedded": expected}


@pytest.mark.parametrize(("query", "output"), [
    ("MATCH (p:Persn) RETURN p", UNKNOWN_LABEL),
    ("MATCH (a)-[:VISTS]->(b) RETURN a", UNKNOWN_TYPE),
    ("MATCH (n) WHERE n:Country OR n:Persn RETURN n", UNKNOWN_LABEL),
])
def test_an_unknown_name_is_one_line_on_both(runner: CliRunner, engines: dict[str, list[str]], query: str,
                                             output: str) -> None:
    assert on_both(runner, engines, query) == {"neo4j": (1, output), "embedded": (1, output)}


def test_paths_print_with_their_direction_on_both(runner: CliRunner, engines: dict[str, list[str]]) -> None:
    for code, output in on_both(runner, engines, DIRECTED_PATH).values():
        assert (code, output.splitlines()[2:]) == (0, [DIRECTED_TEXT, "(1 row)"])


def test_path_values_are_equal_with_their_directions(neo4j_store: Neo4jStore, engines: dict[str, list[str]]) -> None:
    query = "MATCH p = (:Person)-[:AFFILIATED_WITH]->(:Country)-[:OPPOSES]->(:Country) RETURN p"
    [(expected,)] = neo4j_store.run(query).rows
    with open_database(Path(engines["embedded"][1])) as store:
        [(actual,)] = store.run(query).rows
    assert actual == expected
    assert [item.get("_direction") for item in expected] == [None, "->", None, "->", None]
    reverse = "MATCH p = (:Country {name: 'China'})<-[:OPPOSES]-(:Country) RETURN p"
    with open_database(Path(engines["embedded"][1])) as store:
        assert store.run(reverse).rows == neo4j_store.run(reverse).rows
