"""`graphmodel build` over the whole sample (data/docs) with the spaCy extractor, then stats on its output.

Slow (several seconds), so it lives outside tests/unit; marked `corpus`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.graph import graphfile

pytestmark = pytest.mark.corpus

DOCS = Path(__file__).resolve().parents[2] / "data" / "docs"

# What `graphmodel build data/docs` finds (rules and the shipped relation model); update deliberately when the
# extractor or the model changes.
COUNT_LINES = [
    "44 nodes, 38 relationships",
    "  Country             13  nodes",
    "  Organization        10  nodes",
    "  Place                8  nodes",
    "  Initiative           7  nodes",
    "  Person               5  nodes",
    "  Event                1  nodes",
    "  PARTICIPATES_IN     13  relationships",
    "  LOCATED_IN           6  relationships",
    "  AFFILIATED_WITH      4  relationships",
    "  OPPOSES              4  relationships",
    "  COOPERATES_WITH      3  relationships",
    "  HOSTS                3  relationships",
    "  PART_OF              3  relationships",
    "  VISITS               2  relationships",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(DOCS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stdout


def test_build_writes_json_html_and_prints_counts(built: tuple[Path, str]) -> None:
    out, output = built
    assert output.splitlines() == [
        *COUNT_LINES, f"wrote {out / 'graph.json'}", f"wrote {out / 'graph.html'}", f"wrote {out / 'graph.db'}"]
    graph = graphfile.read(out / "graph.json")
    assert graph.nodes["person:pete-hegseth"]["label"] == "Person"
    assert len(graph.graph["documents"]) == 5


def test_build_shows_its_phases_on_stderr_and_quiet_shows_nothing(tmp_path: Path) -> None:
    loud = CliRunner().invoke(cli, ["build", str(DOCS), "-o", str(tmp_path / "loud"), "--jobs", "1"])
    assert loud.exit_code == 0, loud.output
    assert [line.split(" ")[0] for line in loud.stderr.splitlines()] == [
        "reading", "loading", "extracting", "extracting:", "resolving", "writing"]
    assert loud.stderr.splitlines()[2] == "extracting 5 documents in one process"
    quiet = CliRunner().invoke(cli, ["build", str(DOCS), "-o", str(tmp_path / "quiet"), "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output == ""
    assert (tmp_path / "quiet" / "graph.json").read_bytes() == (tmp_path / "loud" / "graph.json").read_bytes()


def test_stats(built: tuple[Path, str]) -> None:
    out, _ = built
    result = CliRunner().invoke(cli, ["stats", str(out / "graph.json")])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["5 documents", *COUNT_LINES]
