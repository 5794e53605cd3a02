"""A folder that grows and shrinks: only new documents are extracted, and the graph is the full build's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphmodel.cli.main import cli
from graphmodel.extract.cache import CACHE_FOLDER

pytestmark = pytest.mark.corpus

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "data" / "docs").iterdir())
EXTRA = sorted((ROOT / "data" / "synth" / "docs").iterdir())[0]


def _build(folder: Path, out: Path, *options: str) -> Result:
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(out), "--jobs", "1", *options])
    assert result.exit_code == 0, result.output
    return result


def _counts(result: Result) -> str:
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("extracting: ")]
    return line.split("; ", 1)[1]


def test_adding_and_removing_a_document_extracts_only_it_and_restores_the_graph(tmp_path: Path) -> None:
    folder, out = tmp_path / "docs", tmp_path / "out"
    folder.mkdir()
    for path in SAMPLE:
        shutil.copy(path, folder)
    assert _counts(_build(folder, out)) == "extracted 5, reused 0"
    before = (out / "graph.json").read_bytes()

    shutil.copy(EXTRA, folder)
    assert _counts(_build(folder, out)) == "extracted 1, reused 5"
    grown = (out / "graph.json").read_bytes()
    _build(folder, tmp_path / "fresh", "--fresh")
    assert grown == (tmp_path / "fresh" / "graph.json").read_bytes()
    assert grown != before
    assert not (tmp_path / "fresh" / CACHE_FOLDER).exists()

    (folder / EXTRA.name).unlink()
    assert _counts(_build(folder, out)) == "extracted 0, reused 5"
    assert (out / "graph.json").read_bytes() == before
    assert len(list((out / CACHE_FOLDER).glob("*.json"))) == 5


def test_a_changed_document_is_extracted_again(tmp_path: Path) -> None:
    folder, out = tmp_path / "docs", tmp_path / "out"
    folder.mkdir()
    for path in SAMPLE[:2]:
        shutil.copy(path, folder)
    _build(folder, out)
    changed = folder / SAMPLE[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nChina opposes the plan.\n", encoding="utf-8")
    assert _counts(_build(folder, out)) == "extracted 1, reused 1"
