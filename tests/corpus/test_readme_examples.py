"""Every README example that runs graphmodel runs as written and prints something (or writes a non-empty file).

The checkout the examples run in starts with the sample built into ``out/``, as ``bash scripts/setup``
leaves it; the lines run in README order, so that a line sees what the lines before it wrote. The
lines that talk to Neo4j run in tests/integration/test_readme_neo4j.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from readme_examples import (
    Example,
    examples,
    make_checkout,
    python_examples,
    run_example,
    tier,
    transcripts,
    written_files,
)

pytestmark = pytest.mark.corpus

LOCAL = [pytest.param(example, id=example.id) for example in examples() if tier(example) == "local"]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_checkout(tmp_path_factory.mktemp("readme"))
    setup = run_example(Example(0, "graphmodel build data/docs -o out -q"), folder)
    assert setup.returncode == 0, setup.stderr
    return folder


def test_the_readme_has_examples_in_every_tier() -> None:
    tiers = {tier(example) for example in examples()}
    assert {"local", "neo4j"} <= tiers
    assert len(LOCAL) >= 15


@pytest.mark.parametrize("example", LOCAL)
def test_readme_example(checkout: Path, example: Example) -> None:
    assert_runs(run_example(example, checkout), example, checkout)


@pytest.mark.parametrize("example", [pytest.param(example, id=f"python-L{example.line}")
                                     for example in python_examples()])
def test_readme_python_example(checkout: Path, example: Example) -> None:
    result = subprocess.run([sys.executable, "-c", example.command], cwd=checkout, capture_output=True, text=True,
                            timeout=900, check=False)
    assert result.returncode == 0, f"README line {example.line}:\n{result.stderr}"
    assert result.stdout.strip()
    assert (checkout / "near.graphml").stat().st_size > 0


@pytest.mark.parametrize("example", [pytest.param(example, id=f"transcript-{example.id}")
                                     for example in transcripts() if tier(example) == "local"])
def test_readme_transcript_shows_what_the_command_prints(checkout: Path, example: Example) -> None:
    result = run_example(example, checkout)
    assert result.stdout + result.stderr == example.shown


def assert_runs(result: subprocess.CompletedProcess[str], example: Example, checkout: Path) -> None:
    """Exit status 0, and output: on stdout, or in each file the line writes."""
    assert result.returncode == 0, f"README line {example.line}: {example.command}\n{result.stderr}"
    files = written_files(example)
    for name in files:
        assert (checkout / name).stat().st_size > 0, f"{name} is empty"
    if not files:
        assert result.stdout.strip(), f"README line {example.line} printed nothing: {example.command}"
