"""`graphmodel query` on the embedded database answers as Neo4j does: schema procedures, a missing
parameter, an unknown label or type (one line each) and paths that show their direction.

tests/integration/test_query_neo4j.py runs the same commands against a real Neo4j server.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from query_examples import CYPHER, DIRECTED_PATH, DIRECTED_TEXT, SAMPLE_LABELS, SAMPLE_TYPES

from graphmodel.cli.main import cli
from graphmodel.errors import QueryError
from graphmodel.stores.embedded.store import open_database


def run_query(runner: CliRunner, database: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["query", "--graph", str(database), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(("query", "column", "expected"), [
    ("CALL db.labels()", "label", SAMPLE_LABELS),
    ("CALL db.relationshipTypes()", "relationshipType", SAMPLE_TYPES),
    ("CALL db.labels() YIELD label RETURN label ORDER BY label DESC", "label", SAMPLE_LABELS[::-1]),
    ("CALL db.relationshipTypes() YIELD relationshipType AS t WHERE t STARTS WITH 'N' RETURN t", "t", ["NAMES"]),
])
def test_schema_procedures(runner: CliRunner, sample_database: Path, query: str, column: str,
                           expected: list[str]) -> None:
    code, output = run_query(runner, sample_database, query, "--format", "csv")
    assert (code, output) == (0, "\n".join([column, *expected]) + "\n")


def test_a_missing_parameter_is_one_line_naming_it(runner: CliRunner, sample_database: Path) -> None:
    code, output = run_query(runner, sample_database, str(CYPHER / "neighbourhood.cypher"))
    assert (code, output) == (1, "Error: Expected parameter(s): name; give each with --param NAME=VALUE\n")
    code, output = run_query(runner, sample_database, "MATCH (n {name: $a}) RETURN n LIMIT $n", "--param", "n=1")
    assert (code, output) == (1, "Error: Expected parameter(s): a; give each with --param NAME=VALUE\n")


def test_a_parameter_inside_a_string_or_comment_is_not_expected(runner: CliRunner, sample_database: Path) -> None:
    code, output = run_query(runner, sample_database, "RETURN '$x' AS text // $y", "--format", "csv")
    assert (code, output) == (0, "text\n$x\n")


@pytest.mark.parametrize(("query", "message"), [
    ("MATCH (p:Persn) RETURN p", "the graph has no label 'Persn' (its labels: Country, Document, Event, "
                                 "Initiative, Organization, Person, Place); fix the query and run it again"),
    ("MATCH (n) WHERE n:Country OR n:Persn RETURN n", "the graph has no label 'Persn' (its labels: Country, "
                                                      "Document, Event, Initiative, Organization, Person, Place); "
                                                      "fix the query and run it again"),
    ("MATCH (a)-[:VISTS|HOSTS]->(b) RETURN a", "the graph has no relationship type 'VISTS' (its relationship "
                                               "types: AFFILIATED_WITH, COOPERATES_WITH, HOSTS, LOCATED_IN, "
                                               "MEMBER_OF, OPPOSES, PARTICIPATES_IN, PART_OF, VISITS); fix the "
                                               "query and run it again"),
])
def test_an_unknown_name_is_one_line_naming_the_known_ones(runner: CliRunner, sample_database: Path, query: str,
                                                           message: str) -> None:
    assert run_query(runner, sample_database, query) == (1, f"Error: {message}\n")


def test_paths_print_with_their_direction(runner: CliRunner, sample_database: Path) -> None:
    code, output = run_query(runner, sample_database, DIRECTED_PATH)
    assert (code, output.splitlines()[2:]) == (0, [DIRECTED_TEXT, "(1 row)"])


def test_path_values_carry_the_direction_of_each_relationship(sample_database: Path) -> None:
    with open_database(sample_database) as store:
        [(path,)] = store.run(DIRECTED_PATH).rows
    assert [item.get("_direction") for item in path] == [None, "<-", None, "->", None]


def test_the_library_refuses_a_missing_parameter_too(sample_database: Path) -> None:
    with open_database(sample_database) as store, pytest.raises(QueryError, match=r"^Expected parameter\(s\): x;"):
        store.run("RETURN $x AS x")


def test_a_procedure_the_embedded_database_lacks_is_one_line(runner: CliRunner, sample_database: Path) -> None:
    assert run_query(runner, sample_database, "CALL db.propertyKeys()") == (1, (
        "Error: the embedded database has no procedure db.propertyKeys; it answers CALL db.labels() and "
        "CALL db.relationshipTypes() (use --neo4j for the others)\n"))
