"""The one rule for choosing Neo4j in `query` and `export`: --neo4j, or --uri on the command line.

GRAPHMODEL_NEO4J_URI only says where Neo4j is. The tests tell the stores apart without a server: a
URI whose scheme is not Bolt fails as soon as Neo4j is chosen, with a message naming that URI.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile

NOT_BOLT = "http://localhost:7474"
NEO4J_CHOSEN = (
    f"Error: cannot use Neo4j URI '{NOT_BOLT}' (the scheme must be one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, "
    "neo4j+ssc); give one like bolt://localhost:7687 with --uri or GRAPHMODEL_NEO4J_URI\n"
)
COUNT_COUNTRIES = "MATCH (c:Country) RETURN count(c) AS countries"
EMBEDDED_ANSWER = "countries\n---------\n        4\n(1 row)\n"


@pytest.fixture
def database(sample_database: Path) -> Path:
    return sample_database  # read only: the session's copy


def test_query_reads_the_embedded_database_when_only_the_env_var_names_neo4j(
    runner: CliRunner, database: Path
) -> None:
    result = runner.invoke(cli, ["query", COUNT_COUNTRIES, "--db", str(database)],
                           env={"GRAPHMODEL_NEO4J_URI": NOT_BOLT})
    assert (result.exit_code, result.output) == (0, EMBEDDED_ANSWER)


@pytest.mark.parametrize("choice", [["--neo4j"], ["--uri", NOT_BOLT], ["--neo4j", "--uri", NOT_BOLT]])
def test_query_goes_to_neo4j_with_the_flag_or_uri_on_the_command_line(
    runner: CliRunner, database: Path, choice: list[str]
) -> None:
    result = runner.invoke(cli, ["query", COUNT_COUNTRIES, "--db", str(database), *choice],
                           env={"GRAPHMODEL_NEO4J_URI": NOT_BOLT if choice == ["--neo4j"] else None})
    assert (result.exit_code, result.output) == (1, NEO4J_CHOSEN)


def test_export_reads_the_graph_file_when_only_the_env_var_names_neo4j(
    runner: CliRunner, sample_graph: nx.MultiDiGraph, sample_graph_file: Path
) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "-o", "-"], env={"GRAPHMODEL_NEO4J_URI": NOT_BOLT})
    assert (result.exit_code, result.stdout) == (0, graphfile.dumps(sample_graph) + "\n")
    assert result.stderr == "exported 8 nodes, 7 relationships to standard output\n"


def test_export_reads_the_default_graph_file_when_only_the_env_var_names_neo4j(
    runner: CliRunner, sample_graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    graphfile.write(sample_graph, tmp_path / "out" / "graph.json")
    result = runner.invoke(cli, ["export", "-o", "-"], env={"GRAPHMODEL_NEO4J_URI": NOT_BOLT})
    assert (result.exit_code, result.stdout) == (0, graphfile.dumps(sample_graph) + "\n")


@pytest.mark.parametrize("choice", [["--neo4j"], ["--uri", NOT_BOLT], ["--neo4j", "--uri", NOT_BOLT]])
def test_export_goes_to_neo4j_with_the_flag_or_uri_on_the_command_line(runner: CliRunner, choice: list[str]) -> None:
    result = runner.invoke(cli, ["export", *choice, "-o", "-"],
                           env={"GRAPHMODEL_NEO4J_URI": NOT_BOLT if choice == ["--neo4j"] else None})
    assert (result.exit_code, result.output) == (1, NEO4J_CHOSEN)


def test_export_refuses_a_graph_file_and_uri_on_the_command_line(runner: CliRunner, sample_graph_file: Path) -> None:
    args = ["export", str(sample_graph_file), "--uri", NOT_BOLT, "-o", "-"]
    result = runner.invoke(cli, args, prog_name="graphmodel")
    assert (result.exit_code, result.output) == (2, (
        "Usage: graphmodel export [OPTIONS] [GRAPH]\n"
        "Try 'graphmodel export --help' for help.\n"
        "\n"
        "Error: read from one source, not GRAPH and --neo4j\n"))
