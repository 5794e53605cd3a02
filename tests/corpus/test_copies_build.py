"""A build of a folder holding a syndicated copy: the copy adds evidence but no confidence or mentions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile

pytestmark = pytest.mark.corpus

SAMPLE = sorted((Path(__file__).resolve().parents[2] / "data" / "docs").iterdir())


def _build(folder: Path, out: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(out), "-q", "--rules-only", "--jobs", "1"])
    assert result.exit_code == 0, result.output


def test_two_copies_give_the_confidence_and_mentions_of_one(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    shutil.copy(SAMPLE[0], one)
    shutil.copy(SAMPLE[1], one)
    shutil.copytree(one, two)
    original = SAMPLE[0].read_text(encoding="utf-8")
    republished = "By a wire service\n\n" + original.replace("\n\n", "\n\nAdvertisement\n\n", 1)
    (two / "zz-republished.txt").write_text(republished, encoding="utf-8")
    _build(one, tmp_path / "out1")
    _build(two, tmp_path / "out2")
    single, copied = graphfile.read(tmp_path / "out1" / "graph.json"), graphfile.read(tmp_path / "out2" / "graph.json")

    assert single.number_of_edges() > 5
    for source, target, key, data in single.edges(keys=True, data=True):
        assert copied.edges[source, target, key]["confidence"] == data["confidence"]
    assert {k: d["mentions"] for k, d in copied.nodes(data=True) if k in single} == dict(single.nodes(data="mentions"))
    documents = copied.graph["documents"]
    (copy_row,) = [row for row in documents.values() if row["path"].endswith("zz-republished.txt")]
    assert documents[copy_row["copy_of"]]["path"].endswith(SAMPLE[0].name)

    stats = CliRunner().invoke(cli, ["stats", str(tmp_path / "out2" / "graph.json")])
    assert stats.output.splitlines()[0] == ("3 documents (1 of them copies of others: 1 cluster of syndicated "
                                            "copies, each counted as one source)")
