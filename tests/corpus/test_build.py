"""`graphmodel build` over the whole sample (data/docs) with the spaCy extractor, then stats and exports of its output.

Slow (several seconds), so it lives outside tests/unit; marked `corpus`.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_schemas import first_per_id, schema_errors

from graphmodel.cli.main import cli
from graphmodel.export.write import dumps_subgraph
from graphmodel.graph import graphfile

pytestmark = pytest.mark.corpus

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "data" / "docs"

# What `graphmodel build data/docs` finds (rules and the shipped relation model); update deliberately when the
# extractor or the model changes.
COUNT_LINES = [
    "43 nodes, 41 relationships",
    "  Country             13  nodes",
    "  Initiative           8  nodes",
    "  Organization         8  nodes",
    "  Place                8  nodes",
    "  Person               5  nodes",
    "  Event                1  nodes",
    "  PARTICIPATES_IN     16  relationships",
    "  LOCATED_IN           5  relationships",
    "  OPPOSES              5  relationships",
    "  AFFILIATED_WITH      4  relationships",
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
        "reading", "extracting", "extracting:", "resolving", "writing"]
    assert loud.stderr.splitlines()[1] == "extracting 5 documents in one process"
    assert loud.stderr.splitlines()[2].endswith("; extracted 5, reused 0")
    quiet = CliRunner().invoke(cli, ["build", str(DOCS), "-o", str(tmp_path / "quiet"), "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output == ""
    assert (tmp_path / "quiet" / "graph.json").read_bytes() == (tmp_path / "loud" / "graph.json").read_bytes()


def test_stats(built: tuple[Path, str]) -> None:
    out, _ = built
    result = CliRunner().invoke(cli, ["stats", str(out / "graph.json")])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["5 documents", *COUNT_LINES]


def readme_exports() -> list[str]:
    """The `graphmodel export` lines of the README's export example that need no Neo4j server."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Exporting subgraphs", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.startswith("graphmodel export") and "--neo4j" not in line]


def test_the_readme_has_export_examples() -> None:
    assert len(readme_exports()) >= 4


@pytest.mark.parametrize("line", readme_exports())
def test_readme_export_examples_write_something(
    built: tuple[Path, str], line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example, run where `graphmodel build data/docs -o out` wrote the sample, exports a non-empty subgraph."""
    out, _ = built
    (tmp_path / "out").mkdir()
    shutil.copy(out / "graph.json", tmp_path / "out" / "graph.json")
    monkeypatch.chdir(tmp_path)
    args, _, redirect = line.partition(" > ")
    result = CliRunner().invoke(cli, shlex.split(args)[1:])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"exported [1-9]\d* nodes, \d+ relationships to .+\n", result.stderr), result.stderr
    if redirect:
        Path(redirect).write_text(result.stdout, encoding="utf-8")
    for path in [*tmp_path.glob("*.graphml"), *tmp_path.glob("*.gexf")]:
        assert schema_errors(path.read_text(encoding="utf-8"), path.suffix[1:]) == []


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_sample_exports_are_valid_and_keep_every_edge(built: tuple[Path, str], fmt: str) -> None:
    graph = graphfile.read(built[0] / "graph.json")
    text = dumps_subgraph(graph, fmt)
    assert schema_errors(text, fmt) == []
    relationships = int(COUNT_LINES[0].split(", ")[1].split()[0])  # what build printed for the sample
    assert len(first_per_id(text, "edge")) == graph.number_of_edges() == relationships
