"""The build, stats and view commands through click's CliRunner (building the whole sample: tests/corpus)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile


def test_stats(runner: CliRunner, sample_graph_file: Path) -> None:
    result = runner.invoke(cli, ["stats", str(sample_graph_file)])
    assert result.exit_code == 0
    assert result.output == (
        "2 documents\n"
        "8 nodes, 7 relationships\n"
        "  Country              4  nodes\n"
        "  Event                1  nodes\n"
        "  Initiative           1  nodes\n"
        "  Organization         1  nodes\n"
        "  Person               1  nodes\n"
        "  PARTICIPATES_IN      3  relationships\n"
        "  AFFILIATED_WITH      1  relationships\n"
        "  COOPERATES_WITH      1  relationships\n"
        "  HOSTS                1  relationships\n"
        "  OPPOSES              1  relationships\n"
    )


def test_stats_on_a_file_that_is_not_a_graph(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = CliRunner().invoke(cli, ["stats", str(bad)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {bad} has no `nodes` list; is it a graph written by `graphmodel build`?\n")


def test_build_of_a_missing_path_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'nowhere'} does not exist")
    assert not (tmp_path / "out").exists()


def test_build_of_only_unreadable_files_fails_and_keeps_previous_output(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "empty.txt"), "-o", str(out)])
    assert result.exit_code == 1
    expected = f"Error: no readable .txt, .md, .html, .pdf or .docx document in {tmp_path / 'empty.txt'}"
    assert result.output.splitlines()[-1] == expected
    assert (out / "graph.json").read_text(encoding="utf-8") == "previous"


def test_view_prints_the_path_without_a_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "out" / "graph.html"
    page.parent.mkdir()
    page.write_text("<!doctype html>", encoding="utf-8")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(cli, ["view", str(page)])
    assert result.exit_code == 0
    assert result.output == f"open {page.resolve().as_uri()} in a browser\n"


# --- one grammar: every command names the build with -g/--graph (a folder or one of its files) ---

@pytest.fixture
def built(sample_graph: nx.MultiDiGraph, sample_database: Path, tmp_path: Path) -> Path:
    """A build's output folder: graph.json, graph.html and graph.db of the sample graph."""
    out = tmp_path / "built"
    graphfile.write(sample_graph, out / "graph.json")
    (out / "graph.html").write_text("<!doctype html>", encoding="utf-8")
    shutil.copyfile(sample_database, out / "graph.db")
    return out


@pytest.mark.parametrize("args", [
    ["stats", "-g", "{out}"], ["stats", "--graph", "{out}/graph.json"], ["stats", "{out}/graph.json"],
    ["stats", "{out}"], ["why", "Hegseth", "U.S.", "-g", "{out}"],
    ["query", "MATCH (c:Country) RETURN count(*) AS n", "-g", "{out}"],
    ["query", "MATCH (c:Country) RETURN count(*) AS n", "--graph", "{out}/graph.json"],
    ["query", "MATCH (c:Country) RETURN count(*) AS n", "--db", "{out}/graph.db"],
    ["export", "-g", "{out}", "-o", "-"], ["export", "-g", "{out}/graph.db", "-o", "-"], ["export", "{out}", "-o", "-"],
    ["export", "--db", "{out}/graph.db", "-o", "-"], ["view", "-g", "{out}"], ["view", "{out}/graph.html"],
])
def test_every_command_reads_the_build_that_graph_names(runner: CliRunner, built: Path, args: list[str]) -> None:
    result = runner.invoke(cli, [arg.format(out=built) for arg in args], env={"BROWSER": "", "DISPLAY": ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_the_default_graph_is_the_out_folder(runner: CliRunner, built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built.parent)
    built.rename(built.parent / "out")
    for args in (["stats"], ["query", "RETURN 1 AS one", "--format", "csv"], ["why", "Hegseth", "U.S."]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize(("args", "message"), [
    (["stats", "{out}", "-g", "{out}"], "name the graph once, not with both --graph and GRAPH"),
    (["query", "RETURN 1", "--db", "{out}/graph.db", "-g", "{out}"], "name the graph once, not with both "
                                                                      "--graph and --db"),
    (["export", "{out}", "-g", "{out}", "-o", "-"], "read from one source, not GRAPH and --graph"),
    (["export", "-g", "{out}", "--neo4j", "-o", "-"], "read from one source, not --graph and --neo4j"),
])
def test_the_graph_is_named_once(runner: CliRunner, built: Path, args: list[str], message: str) -> None:
    result = runner.invoke(cli, [arg.format(out=built) for arg in args])
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, f"Error: {message}")


def test_stats_as_json(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(cli, ["stats", "-g", str(built), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "documents": 2, "copies": 0, "copy_clusters": 0, "nodes": 8, "relationships": 7,
        "labels": {"Country": 4, "Event": 1, "Initiative": 1, "Organization": 1, "Person": 1},
        "types": {"PARTICIPATES_IN": 3, "AFFILIATED_WITH": 1, "COOPERATES_WITH": 1, "HOSTS": 1, "OPPOSES": 1},
    }


def test_why_as_json(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(cli, ["why", "Hegseth", "united states", "-g", str(built), "--format", "json"])
    assert result.exit_code == 0
    [link] = json.loads(result.output)
    assert (link["source"], link["type"], link["target"], link["confidence"]) == (
        "person:pete-hegseth", "AFFILIATED_WITH", "country:united-states", 0.9)
    assert [c["sentence"] for c in link["citations"]] == ["U.S. Defense Secretary Pete Hegseth spoke in Panama City."]


def test_a_missing_build_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    for args, message in ((["stats"], f"no graph file at {tmp_path}/graph.json"),
                          (["query", "RETURN 1"], f"no embedded database at {tmp_path}/graph.db"),
                          (["view"], f"no graph page at {tmp_path}/graph.html")):
        result = runner.invoke(cli, [*args, "-g", str(tmp_path)])
        assert (result.exit_code, result.output) == (1, f"Error: {message}; run `graphmodel build` first"
                                                     + (", or name the build with --graph" if args == ["stats"]
                                                        else "") + "\n")
