"""Export formats read back with standard readers, the Cypher script's escaping, stores read back, and the CLI."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from cypher_script import split_script

from graphmodel.cli import export as cli_export
from graphmodel.cli.main import cli
from graphmodel.errors import EntityNotFound, GraphModelError
from graphmodel.export import write as export
from graphmodel.export.csv import NODE_HEADER, RELATIONSHIP_HEADER, csv_paths
from graphmodel.export.cypher import cypher_literal, dumps_cypher
from graphmodel.graph import graphfile
from graphmodel.graph.core import add_entity
from graphmodel.graph.select import Selection, select
from graphmodel.models import Entity
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.stores import QueryResult
from graphmodel.stores.readback import graph_from_rows, query_items, read_store, subgraph
from graphmodel.stores.rows import load_rows

HEGSETH = "person:pete-hegseth"
HEGSETH_1_HOP = {HEGSETH, "event:central-american-security-conference", "country:united-states"}
EVIL = 'Evil "Quote" \\ back\\slash\nnew line\r\t</script><script>alert(1)</script> ; // x /* y */ \u2028 é 😀'

Triples = set[tuple[str, str, str]]


def triples(graph: nx.MultiDiGraph) -> Triples:
    return {(s, k, t) for s, t, k in graph.edges(keys=True)}


@pytest.fixture
def selected(sample_graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return select(sample_graph, Selection(center="Pete Hegseth", hops=1))


@pytest.fixture
def graph_with_namesakes(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    """The sample graph plus two Richardsons (for the ambiguity errors), as a file."""
    for key, name in (("person:laura-richardson", "Laura Richardson"), ("person:ann-richardson", "Ann Richardson")):
        add_entity(sample_graph, Entity(key, name, EntityLabel.PERSON, ("Richardson",), 1, ("doc1",)))
    return graphfile.write(sample_graph, tmp_path / "namesakes.json")


# --- readers: each format back to (node keys, (source, type, target) triples) ---------------------------


def read_json(path: Path) -> tuple[set[str], Triples]:
    graph = graphfile.loads(path.read_text(encoding="utf-8"))
    return set(graph), triples(graph)


def read_graphml(path: Path) -> tuple[set[str], Triples]:
    graph = nx.read_graphml(path, force_multigraph=True)
    return set(graph), {(s, d["relationship_type"], t) for s, t, d in graph.edges(data=True)}


def read_gexf(path: Path) -> tuple[set[str], Triples]:
    graph = nx.read_gexf(path)
    return set(graph), {(s, d["label"], t) for s, t, d in graph.edges(data=True)}


def read_csv_files(nodes: Path, relationships: Path) -> tuple[set[str], Triples]:
    with nodes.open(encoding="utf-8", newline="") as handle:
        node_rows = list(csv.DictReader(handle))
    with relationships.open(encoding="utf-8", newline="") as handle:
        relationship_rows = list(csv.DictReader(handle))
    return {row["key:ID"] for row in node_rows}, {
        (row[":START_ID"], row[":TYPE"], row[":END_ID"]) for row in relationship_rows
    }


def parse_literal(text: str) -> Any:
    """Parse the Cypher literals the script writes: JSON with bare map keys."""
    out, i = [], 0
    while i < len(text):
        if text[i] == '"':
            _, end = json.JSONDecoder().raw_decode(text, i)
            out.append(text[i:end])
            i = end
        elif key := re.compile(r"[A-Za-z_]\w*(?=: )").match(text, i):
            out.append(json.dumps(key.group()))
            i = key.end()
        else:
            out.append(text[i])
            i += 1
    return json.loads("".join(out))


def read_cypher_script(path: Path) -> tuple[set[str], Triples]:
    keys: set[str] = set()
    found: Triples = set()
    rows: list[dict[str, Any]] = []
    for kind, text in split_script(path.read_text(encoding="utf-8")):
        if kind == "param":
            name, _, literal = text.partition(" => ")
            assert name == "rows"
            rows = parse_literal(literal)
        elif entity := re.search(r"MERGE \(e:`(\w+)` \{key: row.key\}\)", text):
            keys |= {row["key"] for row in rows}
        elif relationship := re.search(r"MERGE \(s\)-\[r:`(\w+)`\]->\(t\)", text):
            found |= {(row["source"], relationship.group(1), row["target"]) for row in rows}
            assert entity is None
    return keys, found


READERS = {"json": read_json, "graphml": read_graphml, "gexf": read_gexf, "cypher": read_cypher_script}


# --- every format, read back ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "cypher"])
def test_write_subgraph_reads_back(selected: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    suffix = {"cypher": ".cypher"}.get(fmt, f".{fmt}")
    (path,) = export.write_subgraph(selected, tmp_path / f"sub{suffix}")
    assert READERS[fmt](path) == (HEGSETH_1_HOP, triples(selected))


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "cypher"])
def test_dumps_subgraph_is_what_write_subgraph_writes(selected: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    (path,) = export.write_subgraph(selected, tmp_path / "sub.out", fmt)
    assert path.read_text(encoding="utf-8").rstrip("\n") == export.dumps_subgraph(selected, fmt).rstrip("\n")


def test_write_subgraph_json_round_trips(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.write_subgraph(selected, tmp_path / "sub.json")
    assert graphfile.dumps(graphfile.read(path)) == graphfile.dumps(selected)


def test_write_csv_with_a_prefix(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    paths = export.write_subgraph(selected, tmp_path / "hegseth.csv")
    assert paths == (tmp_path / "hegseth_nodes.csv", tmp_path / "hegseth_relationships.csv")
    assert read_csv_files(*paths) == (HEGSETH_1_HOP, triples(selected))


def test_write_csv_into_a_folder(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    paths = export.write_subgraph(selected, tmp_path / "csv", "csv")
    assert paths == (tmp_path / "csv" / "nodes.csv", tmp_path / "csv" / "relationships.csv")
    assert read_csv_files(*paths) == (HEGSETH_1_HOP, triples(selected))


def test_csv_headers_and_values(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    sample_graph.nodes[HEGSETH]["aliases"] = ["Hegseth", "Pete; the Secretary", EVIL]
    nodes, relationships = export.write_subgraph(sample_graph, tmp_path / "all.csv")
    with nodes.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == NODE_HEADER == (
        "key:ID", "name", "aliases:string[]", "mentions:int", "documents:string[]", ":LABEL")
    hegseth = next(row for row in rows if row[0] == HEGSETH)
    assert hegseth[1:] == ["Pete Hegseth", "Hegseth;Pete, the Secretary;" + EVIL.replace(";", ","), "3", "doc1",
                           "Person"]
    with relationships.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == RELATIONSHIP_HEADER
    row = next(r for r in rows if r[:3] == ["country:united-states", "initiative:operation-secure-border",
                                            "PARTICIPATES_IN"])
    assert row[3:] == [
        "0.8", "doc2;doc2", "| United States | Operation Secure Border |;The United States leads Operation Secure "
        "Border.", "90;10", "133;58", "table_row;participates"]


def test_graphml_attributes(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    selected.nodes[HEGSETH]["aliases"] = ["Hegseth", EVIL]
    (path,) = export.write_subgraph(selected, tmp_path / "sub.graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    node = graph.nodes[HEGSETH]
    assert (node["label"], node["entity_label"], node["name"], node["mentions"]) == (
        "Pete Hegseth", "Person", "Pete Hegseth", 3)
    assert json.loads(node["aliases"]) == ["Hegseth", EVIL]
    assert json.loads(node["documents"]) == ["doc1"]
    edge = graph.edges[HEGSETH, "country:united-states", f"{HEGSETH}--AFFILIATED_WITH--country:united-states"]
    assert (edge["label"], edge["relationship_type"], edge["weight"], edge["confidence"]) == (
        "AFFILIATED_WITH", "AFFILIATED_WITH", 0.9, 0.9)
    assert json.loads(edge["evidence_sentences"]) == ["U.S. Defense Secretary Pete Hegseth spoke in Panama City."]
    assert json.loads(edge["evidence"])[0]["rule"] == "title"
    assert all(value is not None for _, data in graph.nodes(data=True) for value in data.values())


def test_gexf_attributes(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.write_subgraph(selected, tmp_path / "sub.gexf")
    graph = nx.read_gexf(path)
    node = graph.nodes[HEGSETH]
    assert (node["label"], node["entity_label"], node["name"], node["mentions"]) == (
        "Pete Hegseth", "Person", "Pete Hegseth", 3)
    (edge,) = [d for s, t, d in graph.edges(data=True) if (s, t) == (HEGSETH, "country:united-states")]
    assert (edge["id"], edge["label"], edge["relationship_type"], edge["weight"], edge["confidence"]) == (
        f"{HEGSETH}--AFFILIATED_WITH--country:united-states", "AFFILIATED_WITH", "AFFILIATED_WITH", 0.9, 0.9)
    assert json.loads(edge["evidence_sentences"]) == ["U.S. Defense Secretary Pete Hegseth spoke in Panama City."]


def test_xml_formats_drop_characters_xml_forbids(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    selected.nodes[HEGSETH]["name"] = "Pete\x0b Hegseth\x00"
    for suffix, reader in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        (path,) = export.write_subgraph(selected, tmp_path / f"sub{suffix}")
        assert reader(path).nodes[HEGSETH]["name"] == "Pete Hegseth"


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_xml_formats_keep_every_other_character(selected: nx.MultiDiGraph, tmp_path: Path, suffix: str) -> None:
    selected.nodes[HEGSETH]["name"] = EVIL
    (path,) = export.write_subgraph(selected, tmp_path / f"sub{suffix}")
    reader = nx.read_graphml if suffix == ".graphml" else nx.read_gexf
    assert reader(path).nodes[HEGSETH]["name"] == EVIL


def test_write_subgraph_html(selected: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.write_subgraph(selected, tmp_path / "sub.html", title="Hegseth's circle")
    page = path.read_text(encoding="utf-8")
    assert "Pete Hegseth" in page
    assert "Central American Security Conference" in page
    assert "Honduras" not in page


# --- the Cypher script ----------------------------------------------------------------------------------


def test_cypher_script_escapes_every_string(sample_graph: nx.MultiDiGraph) -> None:
    sample_graph.nodes[HEGSETH]["name"] = EVIL
    sample_graph.nodes[HEGSETH]["aliases"] = [EVIL + " alias", "'single'"]
    edge = sample_graph.edges[HEGSETH, "country:united-states", "AFFILIATED_WITH"]
    edge["evidence"][0]["sentence"] = EVIL
    script = dumps_cypher(sample_graph)
    params = [line for line in script.splitlines() if line.startswith(":param ")]
    assert len(params) == 1 + 5 + 5 + 5 + 6 + 5  # documents, entities, mentions and names per label, relationships
    # per group, then the outgoing relationships each entity keeps, per label
    assert script.isascii()  # non-ASCII (U+2028 included) as \u escapes, so no reader can see a line break
    assert "\r" not in script
    assert EVIL not in script
    steps = list(split_script(script))
    assert [kind for kind, _ in steps].count("param") == len(params)
    rows = [parse_literal(text.partition(" => ")[2]) for kind, text in steps if kind == "param"]
    people = next(r for r in rows if r and r[0].get("key") == HEGSETH and "name" in r[0])
    assert people[0]["name"] == EVIL
    assert people[0]["aliases"] == ["'single'", EVIL + " alias"]
    relationships = next(r for r in rows if r and r[0].get("evidence_rules") == ["title"])
    assert relationships[0]["evidence_sentences"] == [EVIL]
    assert all("Evil" not in text for kind, text in steps if kind == "cypher")


def test_cypher_script_batches(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    script = dumps_cypher(sample_graph, batch_size=2)
    countries = [line for line in script.splitlines() if line.startswith(':param rows => [{key: "country:')]
    sizes = [len(parse_literal(line.partition(" => ")[2])) for line in countries]
    assert sizes == [2, 2, 2, 2, 1, 2, 2, 2, 2]  # 4 nodes, 5 mentions, 4 nodes' names, the relationships 4 nodes keep


def test_cypher_script_is_complete(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.write_subgraph(sample_graph, tmp_path / "all.cypher")
    assert read_cypher_script(path) == (set(sample_graph), triples(sample_graph))
    assert path.read_text(encoding="utf-8").startswith(
        "// graphmodel subgraph: 8 entities, 7 relationships, 2 documents\n")


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("a\"b\\c\nd", '"a\\"b\\\\c\\nd"'),
        ("é😀", '"\\u00e9\\ud83d\\ude00"'),
        (1e-05, "1e-05"),
        (1e20, "1e20"),
        ({"a_1": [True, None, 3]}, "{a_1: [true, null, 3]}"),
    ],
)
def test_cypher_literal(value: Any, literal: str) -> None:
    assert cypher_literal(value) == literal


@pytest.mark.parametrize("value", [float("nan"), {"bad key": 1}, {"x": object()}])
def test_cypher_literal_refuses(value: Any) -> None:
    with pytest.raises(ValueError, match="Cypher"):
        cypher_literal(value)


# --- formats and errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "fmt", "expected"),
    [("x.json", None, "json"), ("x.GraphML", None, "graphml"), ("x.gexf", None, "gexf"), ("dir/x.csv", None, "csv"),
     ("x.cypher", None, "cypher"), ("x.cql", None, "cypher"), ("x.html", None, "html"), ("-", None, "json"),
     ("-", "gexf", "gexf"), ("folder", "csv", "csv")],
)
def test_format_for(output: str, fmt: str | None, expected: str) -> None:
    assert export.format_for(output, fmt) == expected


def test_format_for_unknown_extension() -> None:
    with pytest.raises(GraphModelError) as error:
        export.format_for("x.txt")
    assert str(error.value) == (
        "cannot tell the export format of 'x.txt' from its extension; name it .json, .graphml, .gexf, .csv, "
        ".cypher or .html, or give the format (json, graphml, gexf, csv, cypher, html)")


def test_dumps_subgraph_refuses_csv(selected: nx.MultiDiGraph) -> None:
    with pytest.raises(GraphModelError, match="^the csv format writes two files and cannot go to standard output"):
        export.dumps_subgraph(selected, "csv")
    with pytest.raises(GraphModelError, match="^the csv format writes two files"):
        export.format_for("-", "csv")


def test_dumps_subgraph_html_is_the_page(selected: nx.MultiDiGraph) -> None:
    page = export.dumps_subgraph(selected, "html", title="Hegseth's circle")
    assert page.startswith("<!doctype html>")
    assert "Hegseth&#39;s circle" in page
    assert "Central American Security Conference" in page


def test_csv_paths() -> None:
    assert csv_paths(Path("a/b.CSV")) == (Path("a/b_nodes.csv"), Path("a/b_relationships.csv"))
    assert csv_paths(Path("a/b")) == (Path("a/b/nodes.csv"), Path("a/b/relationships.csv"))


def test_cli_choices_match_the_library() -> None:
    assert cli_export.EXPORT_FORMATS == export.FORMATS
    assert tuple(EntityLabel) == cli_export.EXPORT_LABELS
    assert tuple(RelationType) == cli_export.EXPORT_TYPES


# --- a store read back, and a Cypher selection ----------------------------------------------------------


class RowsStore:
    """Answers the read-back queries with the values a store returns for ``graph``, and any other query
    with the rows given."""

    def __init__(self, graph: nx.MultiDiGraph, rows: tuple[tuple[Any, ...], ...] = ()) -> None:
        self.graph, self.rows = graph, rows
        self.queries: list[str] = []

    def run(self, query: str, params: Any = None, *, write: bool = False, timeout: float | None = None) -> QueryResult:
        self.queries.append(query)
        rows = load_rows(self.graph)
        nodes = {row["key"]: {"_label": str(label), **row} for label, group in rows.entities.items() for row in group}
        if "RETURN n" in query:
            return QueryResult(("n",), tuple((node,) for node in nodes.values()))
        if "type(r)" in query:
            return QueryResult(("source", "type", "target", "relationship"), tuple(
                (row["source"], str(rtype), row["target"], {"_type": str(rtype), **row})
                for (rtype, _, _), group in rows.relationships.items() for row in group))
        if ":Document" in query:
            documents = [{"_label": "Document", "id": row["id"], **row["props"]} for row in rows.documents]
            return QueryResult(("d",), tuple((d,) for d in documents))
        return QueryResult(("value",), self.rows)

    def relationship(self, source: str, rtype: str, target: str) -> dict[str, Any]:
        return next({"_type": rtype, **{k: v for k, v in row.items() if k not in {"source", "target"}}}
                    for (t, _, _), group in load_rows(self.graph).relationships.items() for row in group
                    if (row["source"], str(t), row["target"]) == (source, rtype, target))


def test_read_store_gives_what_graphfile_reads(sample_graph: nx.MultiDiGraph) -> None:
    store = RowsStore(sample_graph)
    assert graphfile.dumps(read_store(store)) == graphfile.dumps(sample_graph)
    assert len(store.queries) == 3


def test_graph_from_rows_leaves_out_other_labels_and_types() -> None:
    nodes = [{"_label": "Person", "key": "person:a"}, {"_label": "Scratch", "key": "x"}]
    relationships: list[tuple[str, str, str, dict[str, Any]]] = [
        ("person:a", "MENTIONS", "person:a", {}), ("person:a", "VISITS", "x", {})]
    graph = graph_from_rows(nodes, relationships)
    assert list(graph.nodes(data=True)) == [
        ("person:a", {"label": "Person", "name": "person:a", "aliases": [], "mentions": 0, "documents": [],
                      "first_seen": None, "last_seen": None})]
    assert graph.number_of_edges() == 0


def test_query_items_finds_nodes_and_relationships(sample_graph: nx.MultiDiGraph) -> None:
    store = RowsStore(sample_graph)
    us, centsec = "country:united-states", "event:central-american-security-conference"
    path = [{"_label": "Person", "key": HEGSETH}, store.relationship(HEGSETH, "AFFILIATED_WITH", us),
            {"_label": "Country", "key": us}]
    store.rows = ((path,), (store.relationship(HEGSETH, "PARTICIPATES_IN", centsec),), ("country:china",))
    keys, found = query_items(store, "MATCH p = ... RETURN p", sample_graph)
    assert keys == {HEGSETH, us, "country:china"}
    assert found == {(HEGSETH, "AFFILIATED_WITH", us), (HEGSETH, "PARTICIPATES_IN", centsec)}
    sub = subgraph(sample_graph, Selection(), "MATCH p = ... RETURN p", store)
    assert set(sub) == {HEGSETH, us, "country:china", centsec}
    assert triples(sub) == found
    assert set(subgraph(sample_graph, Selection(center="Beijing", hops=5), "q", store)) == {"country:china"}
    with pytest.raises(EntityNotFound) as error:
        subgraph(sample_graph, Selection(center="Honduras"), "q", store)
    assert str(error.value) == "Honduras (country:honduras) is not among the entities the query returned"


def test_query_items_prefers_relationships_whose_ends_the_row_returned(sample_graph: nx.MultiDiGraph) -> None:
    store = RowsStore(sample_graph)
    twin = {"_type": "VISITS", "confidence": 0.5, "evidence_docs": [], "evidence_sentences": [], "evidence_starts": [],
            "evidence_ends": [], "evidence_rules": []}
    for target in ("country:panama", "country:china"):
        sample_graph.add_edge(HEGSETH, target, key="VISITS", type="VISITS", confidence=0.5, evidence=[])
    store.rows = (({"_label": "Person", "key": HEGSETH}, twin, {"_label": "Country", "key": "country:china"}),)
    assert query_items(store, "q", sample_graph)[1] == {(HEGSETH, "VISITS", "country:china")}
    store.rows = ((twin,),)
    assert query_items(store, "q", sample_graph)[1] == {(HEGSETH, "VISITS", t) for t in ("country:panama",
                                                                                          "country:china")}


# --- the command line -----------------------------------------------------------------------------------


def test_cli_export_hegseth_graphml(runner: CliRunner, sample_graph_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "hegseth.graphml"
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--center", "Pete Hegseth", "--hops", "1",
                                 "-o", str(output)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"exported 3 nodes, 2 relationships to {output}\n"
    graph = nx.read_graphml(output)
    assert set(graph) == HEGSETH_1_HOP
    assert graph.nodes[HEGSETH]["name"] == "Pete Hegseth"


def test_cli_export_reads_out_graph_json_by_default(
    runner: CliRunner, sample_graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    graphfile.write(sample_graph, Path("out/graph.json"))
    result = runner.invoke(cli, ["export", "--center", "Pete Hegseth", "--hops", "1", "-o", "hegseth.graphml"])
    assert result.exit_code == 0
    assert result.stderr == "exported 3 nodes, 2 relationships to hegseth.graphml\n"
    assert set(nx.read_graphml("hegseth.graphml")) == HEGSETH_1_HOP


@pytest.mark.parametrize(("fmt", "extension"), [
    ("json", "json"), ("graphml", "graphml"), ("gexf", "gexf"), ("cypher", "cypher"), ("csv", "csv")])
def test_cli_export_every_format(runner: CliRunner, sample_graph_file: Path, tmp_path: Path, fmt: str,
                                 extension: str) -> None:
    output = tmp_path / f"sub.{extension}"
    args = ["export", str(sample_graph_file), "--type", "participates_in", "--label", "Country",
            "--label", "Initiative", "-o", str(output)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    expected = (
        {"country:honduras", "country:united-states", "initiative:operation-secure-border"},
        {("country:honduras", "PARTICIPATES_IN", "initiative:operation-secure-border"),
         ("country:united-states", "PARTICIPATES_IN", "initiative:operation-secure-border")},
    )
    if fmt == "csv":
        paths = csv_paths(output)
        assert result.stderr == f"exported 3 nodes, 2 relationships to {paths[0]}, {paths[1]}\n"
        assert read_csv_files(*paths) == expected
    else:
        assert result.stderr == f"exported 3 nodes, 2 relationships to {output}\n"
        assert READERS[fmt](output) == expected


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "cypher"])
def test_cli_export_to_standard_output(runner: CliRunner, sample_graph_file: Path, tmp_path: Path, fmt: str) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--center", "hegseth", "-o", "-", "--format", fmt])
    assert result.exit_code == 0
    assert result.stderr == "exported 3 nodes, 2 relationships to standard output\n"
    path = tmp_path / f"stdout.{fmt}"
    path.write_text(result.stdout, encoding="utf-8")
    assert READERS[fmt](path)[0] == HEGSETH_1_HOP


def test_cli_export_standard_output_defaults_to_json(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--doc", "Secure Border", "-o", "-"])
    assert result.exit_code == 0
    graph = graphfile.loads(result.stdout)
    assert list(graph.graph["documents"]) == ["doc2"]
    assert set(graph) == {"country:honduras", "country:united-states", "initiative:operation-secure-border"}


def test_cli_export_csv_refuses_standard_output(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "-o", "-", "--format", "csv"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: the csv format writes two files and cannot go to standard output; give a file or folder name "
        "(standard output takes json, graphml, gexf, cypher, html)\n")


def test_cli_export_html_to_standard_output(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--center", "hegseth", "-o", "-", "--format",
                                 "html", "--title", "Hegseth"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>")
    assert "<title>Hegseth" in result.stdout
    assert "Honduras" not in result.stdout
    assert result.stderr == "exported 3 nodes, 2 relationships to standard output\n"


# --- a selection that keeps nothing ---------------------------------------------------------------------


EMPTY_SELECTIONS = [
    (["--label", "Country", "--type", "PARTICIPATES_IN", "--min-confidence", "0.5"],
     "no PARTICIPATES_IN relationship with confidence >= 0.5 joins two Country nodes: --label Country keeps 4 of 8 "
     "nodes and 2 of 7 relationships; --type PARTICIPATES_IN keeps 0 of 2 relationships, so no node is left. "
     "2 PARTICIPATES_IN relationships with confidence >= 0.5 join Country nodes to Initiative nodes: "
     "add --label Initiative to keep them"),
    (["--type", "VISITS"], "no VISITS relationship is left: --type VISITS keeps 0 of 7 relationships, "
     "so no node is left"),
    (["--type", "OPPOSES", "--min-confidence", "0.75"],
     "no OPPOSES relationship with confidence >= 0.75 is left: --type OPPOSES keeps 1 of 7 relationships; "
     "--min-confidence 0.75 keeps 0 of 1 relationship, so no node is left"),
    (["--since", "2030-01-01"], "no entity is left in the documents selected: --since 2030-01-01 keeps 0 of 2 "
     "documents, 0 of 8 nodes and 0 of 7 relationships"),
    (["--doc", "Secure Border", "--label", "Person"], "no Person node is left in the documents selected: "
     "--doc 'Secure Border' keeps 1 of 2 documents, 3 of 8 nodes and 2 of 7 relationships; "
     "--label Person keeps 0 of 3 nodes and 0 of 2 relationships"),
]


@pytest.mark.parametrize(("options", "reason"), EMPTY_SELECTIONS, ids=[" ".join(o) for o, _ in EMPTY_SELECTIONS])
def test_cli_export_of_nothing_says_why_and_writes_nothing(
    runner: CliRunner, sample_graph_file: Path, tmp_path: Path, options: list[str], reason: str
) -> None:
    output = tmp_path / "out.gexf"
    output.write_text("an earlier export\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", str(sample_graph_file), *options, "-o", str(output)])
    assert result.exit_code == 1
    assert result.output == f"Error: nothing exported: {reason}\n"
    assert output.read_text(encoding="utf-8") == "an earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json", "out.gexf"]


def test_cli_export_of_nothing_leaves_csv_files_and_folders_alone(
    runner: CliRunner, sample_graph_file: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "out.csv"
    earlier = csv_paths(prefix)
    for path in earlier:
        path.write_text("an earlier export\n", encoding="utf-8")
    for output in (prefix, tmp_path / "folder"):
        result = runner.invoke(cli, ["export", str(sample_graph_file), "--type", "VISITS", "-o", str(output),
                                     "--format", "csv"])
        assert result.exit_code == 1
        assert result.output.startswith("Error: nothing exported: no VISITS relationship is left")
    assert [path.read_text(encoding="utf-8") for path in earlier] == ["an earlier export\n"] * 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json", "out_nodes.csv", "out_relationships.csv"]


def test_cli_export_of_nothing_from_a_query(runner: CliRunner, sample_database: Path, tmp_path: Path) -> None:
    query = "MATCH (p:Person)-[r]->(e) RETURN p, r, e"
    result = runner.invoke(cli, ["export", "--db", str(sample_database), "--cypher", query, "--type", "HOSTS",
                                 "-o", str(tmp_path / "out.gexf")])
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing exported: no HOSTS relationship is left: --cypher keeps 3 of 8 nodes and 2 of 7 "
        "relationships; --type HOSTS keeps 0 of 2 relationships, so no node is left\n")
    result = runner.invoke(cli, ["export", "--db", str(sample_database), "--cypher",
                                 "MATCH (p:Person)-[:HOSTS]->(e) RETURN p, e", "-o", str(tmp_path / "out.gexf")])
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing exported: the --cypher query returns no entity: --cypher keeps 0 of 8 nodes and 0 of 7 "
        "relationships\n")
    assert list(tmp_path.iterdir()) == []


def test_cli_export_of_an_empty_graph(runner: CliRunner, tmp_path: Path) -> None:
    empty = graphfile.write(nx.MultiDiGraph(documents={}), tmp_path / "empty.json")
    result = runner.invoke(cli, ["export", str(empty), "-o", "-"])
    assert result.exit_code == 1
    assert result.output == "Error: nothing exported: the graph has no entities\n"
    assert not (tmp_path / "-").exists()


def test_cli_export_csv_folder(runner: CliRunner, sample_graph_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--min-confidence", "0.85", "-o", str(folder),
                                 "--format", "csv"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"exported 3 nodes, 2 relationships to {folder / 'nodes.csv'}, {folder / 'relationships.csv'}\n")


def test_cli_export_dates(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--since", "2025-05-01", "--until", "2025-12-31",
                                 "-o", "-"])
    assert result.exit_code == 0
    assert {e["doc"] for _, _, ev in graphfile.loads(result.stdout).edges(data="evidence") for e in ev} == {"doc2"}


@pytest.fixture
def partly_dated_file(sample_graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    sample_graph.graph["documents"]["doc2"]["date"] = None
    return graphfile.write(sample_graph, tmp_path / "graph.json")


def test_cli_export_dates_leave_out_undated_documents_and_say_so(runner: CliRunner, partly_dated_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(partly_dated_file), "--since", "2025-01-01", "-o", "-"])
    assert result.exit_code == 0
    assert {e["doc"] for _, _, ev in graphfile.loads(result.stdout).edges(data="evidence") for e in ev} == {"doc1"}
    assert result.stderr == (
        "left out 1 undated document: --since and --until keep dated documents only; add --include-undated to keep "
        "them\nexported 6 nodes, 5 relationships to standard output\n")


def test_cli_export_include_undated_keeps_them(runner: CliRunner, partly_dated_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(partly_dated_file), "--until", "2025-04-30", "--include-undated",
                                 "-o", "-"])
    assert result.exit_code == 0
    assert {e["doc"] for _, _, ev in graphfile.loads(result.stdout).edges(data="evidence") for e in ev} == {
        "doc1", "doc2"}
    assert result.stderr == "exported 8 nodes, 7 relationships to standard output\n"


def test_cli_export_include_undated_needs_a_date_range(runner: CliRunner, partly_dated_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(partly_dated_file), "--include-undated", "-o", "-"])
    assert result.exit_code == 2
    assert "Error: --include-undated applies to --since and --until; give one of them" in result.output


def test_cli_export_bad_date(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--since", "May 2025", "-o", "-"])
    assert result.exit_code == 2
    assert "Invalid value for '--since': 'May 2025' does not match the format '%Y-%m-%d'." in result.output


def test_cli_export_ambiguous_name(runner: CliRunner, graph_with_namesakes: Path) -> None:
    result = runner.invoke(cli, ["export", str(graph_with_namesakes), "--center", "richardson", "-o", "-"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'richardson' is ambiguous: Ann Richardson (person:ann-richardson), "
        "Laura Richardson (person:laura-richardson); give one of the keys instead\n")


def test_cli_export_unknown_name(runner: CliRunner, graph_with_namesakes: Path) -> None:
    result = runner.invoke(cli, ["export", str(graph_with_namesakes), "--center", "Laura Richardsen", "-o", "-"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no entity with the name, alias or key 'Laura Richardsen'; "
        "did you mean Laura Richardson (person:laura-richardson) or Ann Richardson (person:ann-richardson)?\n")


def test_cli_export_unknown_document(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--doc", "nowhere", "-o", "-"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no document has the id 'nowhere' or a path or title containing it "
        "(documents: data/docs/000_hegseth_panama.txt, data/docs/001_secure_border.md)\n")


def test_cli_export_one_source_only(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--db", "out/graph.db", "-o", "-"])
    assert result.exit_code == 2
    assert result.output.endswith("Error: read from one source, not GRAPH and --db\n")


def test_cli_export_unknown_extension(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(sample_graph_file), "-o", "graph.txt"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot tell the export format of 'graph.txt' from its extension;")


def test_cli_export_missing_graph_file(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["export", "-o", "x.json"])
    assert result.exit_code == 1
    assert result.output == ("Error: no graph file at out/graph.json; run `graphmodel build` first, "
                             "or name the build with --graph\n")


def test_cli_export_from_the_embedded_database(
    runner: CliRunner, sample_graph: nx.MultiDiGraph, sample_database: Path
) -> None:
    result = runner.invoke(cli, ["export", "--db", str(sample_database), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout == graphfile.dumps(sample_graph) + "\n"
    assert result.stderr == "exported 8 nodes, 7 relationships to standard output\n"
    query = "MATCH (c:Country)-[r:OPPOSES]->(d) RETURN c, r, d"
    result = runner.invoke(cli, ["export", "--db", str(sample_database), "--cypher", query, "--center", "China",
                                 "-o", "-"])
    assert result.exit_code == 0, result.output
    assert triples(graphfile.loads(result.stdout)) == {("country:united-states", "OPPOSES", "country:china")}


def test_cli_export_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "none.db"), "-o", "-"])
    assert result.exit_code == 1
    assert result.output == f"Error: no embedded database at {tmp_path / 'none.db'}; run `graphmodel build` first\n"


def test_cli_export_cypher_on_a_graph_file(runner: CliRunner, sample_graph_file: Path) -> None:
    query = "MATCH p = (:Person {name: 'Pete Hegseth'})-[:AFFILIATED_WITH]->(:Country) RETURN p"
    result = runner.invoke(cli, ["export", str(sample_graph_file), "--cypher", query, "-o", "-"])
    assert result.exit_code == 0, result.output
    graph = graphfile.loads(result.stdout)
    assert triples(graph) == {(HEGSETH, "AFFILIATED_WITH", "country:united-states")}
    assert set(graph) == {HEGSETH, "country:united-states"}
