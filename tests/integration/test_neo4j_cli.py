"""`graphmodel load` and `graphmodel query` against a real Neo4j server, through click's CliRunner."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile
from graphmodel.graph.core import new_graph
from graphmodel.stores.neo4j.store import Neo4jStore

pytestmark = pytest.mark.neo4j

CYPHER = Path(__file__).resolve().parents[2] / "cypher"
TIME = r"\d+\.\d\d s"


def test_load_prints_what_it_created_then_nothing(
    runner: CliRunner, neo4j_store: Neo4jStore, sample_graph_file: Path, neo4j_uri: str
) -> None:
    first = runner.invoke(cli, ["load", str(sample_graph_file)])
    second = runner.invoke(cli, ["load", str(sample_graph_file)])

    loaded = (f"loaded graph.json into {neo4j_uri} (database neo4j): "
              "2 documents, 8 entities, 7 relationships, 9 mentions")
    assert first.exit_code == 0, first.output
    holds = "database neo4j now holds 10 nodes and 16 relationships of graphmodel's"
    assert re.fullmatch(f"{re.escape(loaded)}\ncreated 24 nodes and 30 relationships, set 155 properties in {TIME}\n"
                        f"{re.escape(holds)}\n", first.output)
    assert second.exit_code == 0, second.output
    assert re.fullmatch(f"{re.escape(loaded)}\ncreated 0 nodes and 0 relationships, set 0 properties in {TIME}\n"
                        f"{re.escape(holds)}\n", second.output)


def test_load_replace(runner: CliRunner, neo4j_store: Neo4jStore, sample_graph_file: Path, neo4j_uri: str) -> None:
    runner.invoke(cli, ["load", str(sample_graph_file)])
    result = runner.invoke(cli, ["load", str(sample_graph_file), "--replace", "--batch-size", "3"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "deleted 24 nodes first (--replace)"  # 10, and 14 of the Name look-up
    assert result.output.splitlines()[2].startswith("created 24 nodes and 30 relationships, ")


def test_large_load_shows_progress_on_stderr(runner: CliRunner, neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    graph = new_graph()
    graph.graph["documents"]["big"] = {"id": "big", "path": "big.txt", "title": "Big", "date": None, "author": None}
    for i in range(600):
        graph.add_node(f"place:p{i}", label="Place", name=f"Place {i}", aliases=[], mentions=1, documents=["big"])
    path = graphfile.write(graph, tmp_path / "big.json")

    result = runner.invoke(cli, ["load", str(path), "--batch-size", "250"])

    assert result.exit_code == 0, result.output
    assert "loading" in result.stderr
    assert "created 1201 nodes and 1200 relationships" in result.stdout  # with a Name node per place
    assert neo4j_store.run("MATCH (p:Place) RETURN count(p) AS n").rows == ((600,),)


def test_query_table_json_csv(runner: CliRunner, neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    query = "MATCH (c:Country)-[:PARTICIPATES_IN]->(i) RETURN c.name AS country, c.aliases AS aliases ORDER BY country"

    table = runner.invoke(cli, ["query", "--neo4j", query])
    as_json = runner.invoke(cli, ["query", "--neo4j", query, "--format", "json"])
    as_csv = runner.invoke(cli, ["query", "--neo4j", query, "--format", "csv"])

    assert (table.exit_code, table.output) == (0, (
        "country       | aliases\n"
        "--------------+-----------------\n"
        "Honduras      |\n"
        "United States | U.S., Washington\n"
        "(2 rows)\n"))
    assert (as_json.exit_code, as_json.output) == (0, (
        '[\n  {\n    "country": "Honduras",\n    "aliases": []\n  },\n'
        '  {\n    "country": "United States",\n    "aliases": [\n      "U.S.",\n      "Washington"\n    ]\n  }\n]\n'))
    assert (as_csv.exit_code, as_csv.output) == (
        0, 'country,aliases\nHonduras,[]\nUnited States,"[""U.S."", ""Washington""]"\n')


def test_query_file_with_params(runner: CliRunner, neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)

    result = runner.invoke(cli, ["query", "--neo4j", str(CYPHER / "shortest_path.cypher"),
                                 "--param", "from=Pete Hegseth", "--param", "to=Honduras"])

    assert result.exit_code == 0, result.output
    assert result.output == (
        "names                                                          "
        "| types                                             | hops\n"
        "---------------------------------------------------------------"
        "+---------------------------------------------------+-----\n"
        "Pete Hegseth, United States, Operation Secure Border, Honduras "
        "| AFFILIATED_WITH, PARTICIPATES_IN, PARTICIPATES_IN |    3\n"
        "(1 row)\n")


def test_params_are_json_when_they_parse(runner: CliRunner, neo4j_store: Neo4jStore) -> None:
    result = runner.invoke(cli, ["query", "--neo4j", "RETURN $n + 1 AS n, size($xs) AS size, $s AS s, $t AS t",
                                 "--param", "n=41", "--param", 'xs=["a", "b"]', "--param", "s=Panama",
                                 "--param", 't="5"', "--format", "json"])
    assert (result.exit_code, result.output) == (0, '[\n  {\n    "n": 42,\n    "size": 2,\n    "s": "Panama",\n'
                                                    '    "t": "5"\n  }\n]\n')


def test_write_flag(runner: CliRunner, neo4j_store: Neo4jStore) -> None:
    refused = runner.invoke(cli, ["query", "--neo4j", "CREATE (n:Scratch {name: 'x'}) RETURN n.name AS name"])
    written = runner.invoke(cli, ["query", "--neo4j", "CREATE (n:Scratch {name: 'x'}) RETURN n.name AS name",
                                  "--write"])

    assert (refused.exit_code, refused.output) == (
        1, "Error: refusing a query that reads and writes (query type 'rw'); rerun with --write if you mean it\n")
    assert (written.exit_code, written.output) == (0, "name\n----\nx\n(1 row)\n")
    assert neo4j_store.run("MATCH (n:Scratch) RETURN count(n) AS n").rows == ((1,),)


def test_uri_on_the_command_line_implies_neo4j(runner: CliRunner, neo4j_store: Neo4jStore, neo4j_uri: str) -> None:
    result = runner.invoke(cli, ["query", "RETURN 1 AS one", "--uri", neo4j_uri],
                           env={"GRAPHMODEL_NEO4J_URI": None})
    assert (result.exit_code, result.output) == (0, "one\n---\n  1\n(1 row)\n")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_server_not_running(runner: CliRunner, sample_graph_file: Path) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    for args in (["query", "RETURN 1"], ["load", str(sample_graph_file)]):
        result = runner.invoke(cli, [*args, "--uri", uri])
        assert (result.exit_code, result.output) == (1, (
            f"Error: Neo4j is not reachable at {uri}; start it (scripts/neo4j-server start, "
            "or docker compose up -d --wait) or set GRAPHMODEL_NEO4J_URI\n"))


@pytest.mark.parametrize(("env", "message"), [
    ({"GRAPHMODEL_NEO4J_PASSWORD": "wrong-password"},
     "rejected user 'neo4j' with the password in GRAPHMODEL_NEO4J_PASSWORD; set it to that user's password "
     "(or --user to another user)"),
    ({"GRAPHMODEL_NEO4J_PASSWORD": None}, "needs a password; set GRAPHMODEL_NEO4J_PASSWORD"),
])
def test_bad_credentials(runner: CliRunner, neo4j_store: Neo4jStore, neo4j_uri: str,
                         env: dict[str, str | None], message: str) -> None:
    result = runner.invoke(cli, ["query", "--neo4j", "RETURN 1"], env=env)
    assert (result.exit_code, result.output) == (1, f"Error: Neo4j at {neo4j_uri} {message}\n")


def test_unknown_database(runner: CliRunner, neo4j_store: Neo4jStore, neo4j_uri: str) -> None:
    result = runner.invoke(cli, ["query", "--neo4j", "RETURN 1", "--database", "nosuchdb"])
    assert (result.exit_code, result.output) == (1, (
        f"Error: Neo4j at {neo4j_uri} has no database 'nosuchdb'; create it, or pick another with --database "
        "or GRAPHMODEL_NEO4J_DATABASE (default neo4j)\n"))


@pytest.mark.parametrize(("query", "message"), [
    ("MATC (n) RETURN n", "Invalid input 'MATC' (line 1, column 1)"),
    ("MATCH (n)\nRETURN m", "Variable `m` not defined (line 2, column 8)"),
])
def test_syntax_error(runner: CliRunner, neo4j_store: Neo4jStore, query: str, message: str) -> None:
    for extra in ([], ["--write"]):
        result = runner.invoke(cli, ["query", "--neo4j", query, *extra])
        assert (result.exit_code, result.output) == (
            1, f"Error: Cypher syntax error: {message}; fix the query and run it again\n")


def test_timeout(runner: CliRunner, neo4j_store: Neo4jStore) -> None:
    slow = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n"
    result = runner.invoke(cli, ["query", "--neo4j", slow, "--timeout", "0.5"])
    assert (result.exit_code, result.output) == (1, (
        "Error: the query timed out after 0.5 s; make it cheaper (LIMIT, a narrower MATCH) or raise --timeout\n"))


def test_bad_uri_and_bad_param(runner: CliRunner) -> None:
    bad_uri = runner.invoke(cli, ["query", "RETURN 1", "--uri", "http://localhost:7474"])
    bad_param = runner.invoke(cli, ["query", "RETURN 1", "--neo4j", "--param", "name"])

    assert (bad_uri.exit_code, bad_uri.output) == (1, (
        "Error: cannot use Neo4j URI 'http://localhost:7474' (the scheme must be one of bolt, bolt+s, bolt+ssc, "
        "neo4j, neo4j+s, neo4j+ssc); give one like bolt://localhost:7687 with --uri or GRAPHMODEL_NEO4J_URI\n"))
    assert bad_param.exit_code == 2
    assert bad_param.output.endswith("Error: Invalid value for --param: 'name' is not NAME=VALUE\n")


def test_a_folder_that_lost_a_document_is_synced_to_neo4j(runner: CliRunner, neo4j_store: Neo4jStore,
                                                          tmp_path: Path) -> None:
    """Build, load, remove a document, build again (its records reused), load --sync: the database then
    holds what a load of the new graph.json into an empty database holds."""
    import shutil

    folder, out = tmp_path / "docs", tmp_path / "out"
    folder.mkdir()
    for path in sorted((CYPHER.parent / "data" / "docs").iterdir())[:3]:
        shutil.copy(path, folder)
    assert runner.invoke(cli, ["build", str(folder), "-o", str(out), "-q", "--rules-only"]).exit_code == 0
    assert runner.invoke(cli, ["load", str(out / "graph.json"), "--replace"]).exit_code == 0
    removed = sorted(folder.iterdir())[0]
    removed.unlink()
    assert runner.invoke(cli, ["build", str(folder), "-o", str(out), "-q", "--rules-only"]).exit_code == 0

    synced = runner.invoke(cli, ["load", str(out / "graph.json"), "--sync"])

    assert synced.exit_code == 0, synced.output
    deleted = int(re.search(r"deleted (\d+) nodes the file does not hold \(--sync\)", synced.output)[1])
    assert deleted >= 1  # the removed document at least
    from graphmodel.stores.readback import read_store

    built = graphfile.read(out / "graph.json")
    del built.graph["extractor"]  # how the file was made: not stored in the database
    assert graphfile.dumps(read_store(neo4j_store)) == graphfile.dumps(built)
    assert runner.invoke(cli, ["load", str(out / "graph.json"), "--sync"]).output.count("deleted 0 nodes") == 1
