"""The build, stats and view commands through click's CliRunner (building the whole sample: tests/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli


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
