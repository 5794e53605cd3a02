"""The build, stats and view commands through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile
from graphmodel.graph.core import stats

DOCS = Path(__file__).resolve().parents[2] / "data" / "docs"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(DOCS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def _count_lines(graph_file: Path) -> list[str]:
    graph = graphfile.read(graph_file)
    counts = stats(graph)
    lines = [f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships"]
    for title, counter in (("nodes", counts["labels"]), ("relationships", counts["types"])):
        for name, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {name:<16} {count:>5}  {title}")
    return lines


def test_build_writes_json_html_and_prints_counts(built: tuple[Path, str]) -> None:
    out, output = built
    lines = _count_lines(out / "graph.json")
    assert output.splitlines()[: len(lines)] == lines
    assert f"wrote {out / 'graph.json'}" in output.splitlines()
    assert f"wrote {out / 'graph.html'}" in output.splitlines()
    graph = graphfile.read(out / "graph.json")
    assert graph.nodes["person:pete-hegseth"]["label"] == "Person"
    assert len(graph.graph["documents"]) == 5


def test_stats(built: tuple[Path, str]) -> None:
    out, _ = built
    result = CliRunner().invoke(cli, ["stats", str(out / "graph.json")])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["5 documents", *_count_lines(out / "graph.json")]


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
    expected = f"Error: no readable .txt, .md or .html document in {tmp_path / 'empty.txt'}"
    assert result.output.splitlines()[-1] == expected
    assert (out / "graph.json").read_text(encoding="utf-8") == "previous"


def test_view_prints_the_path_without_a_browser(built: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    out, _ = built
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    result = CliRunner().invoke(cli, ["view", str(out / "graph.html")])
    assert result.exit_code == 0
    assert result.output == f"open {(out / 'graph.html').resolve().as_uri()} in a browser\n"
