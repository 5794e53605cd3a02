"""Exports against a real Neo4j: the Cypher script run as cypher-shell runs it, and subgraphs read from Neo4j."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest
from click.testing import CliRunner
from cypher_script import split_script

from graphmodel.cli.main import cli
from graphmodel.export import write as export
from graphmodel.graph import graphfile
from graphmodel.graph.select import Selection, select
from graphmodel.stores.neo4j.store import Neo4jStore
from graphmodel.stores.readback import read_store

pytestmark = pytest.mark.neo4j

HEGSETH = "person:pete-hegseth"
EVIL = 'Pete "The Quote" \\ Heg\\seth\nline two\r\t</script><script>alert(1)</script> ; // x /* y */ \u2028 é 😀'
ENTITY_LABELS = "Person|Country|Organization|Initiative|Event|Place"


@pytest.fixture
def driver(neo4j_store: Neo4jStore, neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> Iterator[neo4j.Driver]:
    """A driver on the test database, which the ``neo4j_store`` fixture has just emptied of graphmodel's nodes."""
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth) as driver:
        yield driver


def run_script(driver: neo4j.Driver, database: str, script: str) -> None:
    """Run a script as ``cypher-shell -f`` does: ``:param NAME => EXPRESSION`` evaluates the expression on the
    server (``RETURN EXPRESSION``) and keeps it as $NAME; every statement runs in its own transaction."""
    params: dict[str, Any] = {}
    for kind, text in split_script(script):
        if kind == "param":
            name, _, expression = text.partition(" => ")
            records = driver.execute_query(f"RETURN {expression} AS value", database_=database).records
            params[name] = records[0]["value"]
        else:
            driver.execute_query(text, params, database_=database)


def counts(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    def value(query: str) -> Any:
        return driver.execute_query(query, database_=database).records[0][0]

    return {
        "entities": value(f"MATCH (n:{ENTITY_LABELS}) RETURN count(n)"),
        "documents": value("MATCH (d:Document) RETURN count(d)"),
        "relationships": value(f"MATCH (:{ENTITY_LABELS})-[r]->(:{ENTITY_LABELS}) RETURN count(r)"),
        "mentions": value("MATCH (:Document)-[m:MENTIONS]->() RETURN count(m)"),
        "names": set(value(f"MATCH (n:{ENTITY_LABELS}) RETURN collect(n.name)")),
    }


@pytest.fixture
def evil_subgraph(sample_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Pete Hegseth and his neighbours, with a name and an evidence sentence full of quotes and markup."""
    sample_graph.nodes[HEGSETH]["name"] = EVIL
    sample_graph.nodes[HEGSETH]["aliases"] = ["Hegseth", EVIL + " (alias)"]
    sample_graph.edges[HEGSETH, "country:united-states", "AFFILIATED_WITH"]["evidence"][0]["sentence"] = EVIL
    return select(sample_graph, Selection(center=HEGSETH, hops=1))


def test_cypher_script_recreates_the_subgraph(
    driver: neo4j.Driver, neo4j_store: Neo4jStore, neo4j_database: str, evil_subgraph: nx.MultiDiGraph
) -> None:
    script = export.dumps_subgraph(evil_subgraph, "cypher")
    run_script(driver, neo4j_database, script)
    expected = {
        "entities": 3,
        "documents": 2,  # doc2 mentions the United States
        "relationships": 2,
        "mentions": 4,  # doc1 mentions all three; doc2 the United States
        "names": {EVIL, "Central American Security Conference", "United States"},
    }
    assert counts(driver, neo4j_database) == expected
    assert graphfile.dumps(read_store(neo4j_store)) == graphfile.dumps(evil_subgraph)
    run_script(driver, neo4j_database, script)  # MERGE: a second run changes nothing
    assert counts(driver, neo4j_database) == expected


def test_cypher_script_of_the_whole_graph(
    driver: neo4j.Driver, neo4j_store: Neo4jStore, neo4j_database: str, sample_graph: nx.MultiDiGraph
) -> None:
    run_script(driver, neo4j_database, export.dumps_subgraph(sample_graph, "cypher"))
    assert graphfile.dumps(read_store(neo4j_store)) == graphfile.dumps(sample_graph)


def test_read_store_gives_what_the_graph_file_holds(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write(sample_graph)
    assert graphfile.dumps(read_store(neo4j_store)) == graphfile.dumps(sample_graph)


def test_a_pdf_s_page_offsets_are_stored(neo4j_store: Neo4jStore, sample_graph: nx.MultiDiGraph) -> None:
    """``why`` on Neo4j cites the page of PDF evidence, as it does on graph.json: the pages travel with the document."""
    first = sorted(sample_graph.graph["documents"])[0]
    sample_graph.graph["documents"][first]["pages"] = [0, 120, 480]
    neo4j_store.write(sample_graph)
    again = read_store(neo4j_store)
    assert again.graph["documents"][first]["pages"] == [0, 120, 480]
    assert graphfile.dumps(again) == graphfile.dumps(sample_graph)


def test_cli_export_from_neo4j(
    runner: CliRunner, neo4j_store: Neo4jStore, neo4j_uri: str, sample_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    neo4j_store.write(sample_graph)
    output = tmp_path / "hegseth.graphml"
    result = runner.invoke(cli, ["export", "--neo4j", "--uri", neo4j_uri, "--center", "Pete Hegseth", "-o",
                                 str(output)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"exported 3 nodes, 2 relationships to {output}\n"
    graph = nx.read_graphml(output)
    assert set(graph) == {HEGSETH, "event:central-american-security-conference", "country:united-states"}
    assert graph.nodes[HEGSETH]["name"] == "Pete Hegseth"


def test_cli_export_cypher_selection_on_neo4j(
    runner: CliRunner, neo4j_store: Neo4jStore, neo4j_uri: str, sample_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.write(sample_graph)
    query = "MATCH p = (:Person {name: 'Pete Hegseth'})-[:AFFILIATED_WITH]->(:Country) RETURN p"
    result = runner.invoke(cli, ["export", "--neo4j", "--uri", neo4j_uri, "--cypher", query, "-o", "-"])
    assert result.exit_code == 0, result.output
    graph = graphfile.loads(result.stdout)
    assert {(s, k, t) for s, t, k in graph.edges(keys=True)} == {(HEGSETH, "AFFILIATED_WITH", "country:united-states")}
    assert result.stderr == "exported 2 nodes, 1 relationships to standard output\n"


def test_cli_export_refuses_a_writing_query(
    runner: CliRunner, neo4j_store: Neo4jStore, neo4j_uri: str, sample_graph: nx.MultiDiGraph
) -> None:
    neo4j_store.write(sample_graph)
    result = runner.invoke(cli, ["export", "--neo4j", "--uri", neo4j_uri, "--cypher", "MATCH (n) DETACH DELETE n",
                                 "-o", "-"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: refusing a selection query that writes; give one that only reads, "
        "e.g. MATCH p = (:Person)-[:VISITS]->() RETURN p\n")
    assert len(read_store(neo4j_store)) == len(sample_graph)


def neo4j_admin() -> list[str] | None:
    """The neo4j-admin command: the installed one, else the same tool from the jars scripts/neo4j-server built."""
    if shutil.which("neo4j-admin"):
        return ["neo4j-admin"]
    target = Path(__file__).resolve().parents[2] / "neo4j-server" / "target"
    classpath = target / "classpath.txt"
    if shutil.which("java") is None or not classpath.is_file():
        return None
    jars = f"{target / 'classes'}:{classpath.read_text(encoding='utf-8').strip()}"
    return ["java", "-cp", jars, "org.neo4j.cli.AdminTool"]


@pytest.mark.skipif(neo4j_admin() is None, reason="neo4j-admin is not installed and scripts/neo4j-server is not built")
def test_csv_files_import_with_neo4j_admin(evil_subgraph: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes, relationships = export.write_subgraph(evil_subgraph, tmp_path / "sub.csv")
    config = tmp_path / "import.conf"  # a database of its own, never the installation's
    config.write_text(f"server.directories.data={tmp_path / 'data'}\n", encoding="utf-8")
    command = [*(neo4j_admin() or []), "database", "import", "full", f"--nodes={nodes}",
               f"--relationships={relationships}", "--multiline-fields=true", "--max-off-heap-memory=256m",
               f"--additional-config={config}", "neo4j"]
    done = subprocess.run(command, env={**os.environ, "NEO4J_HOME": str(tmp_path)}, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    imported = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships\s+(\d+) properties", done.stdout)
    assert imported is not None, done.stdout
    # every node has key, name, mentions and documents, and aliases when it has any; every relationship
    # has confidence and the five evidence lists
    properties = sum(4 + bool(aliases) for _, aliases in evil_subgraph.nodes(data="aliases"))
    properties += 6 * evil_subgraph.number_of_edges()
    assert tuple(map(int, imported.groups())) == (3, 2, properties)
