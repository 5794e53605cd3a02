"""The README's Neo4j examples run as written against the real server of the tests and print something.

The server comes from GRAPHMODEL_NEO4J_URI and GRAPHMODEL_NEO4J_PASSWORD, as the README's setup
exports them; the database is cleared first, and the lines run in README order (the first loads the
sample that the next ones query and export). tests/corpus/test_readme_examples.py runs the others.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from readme_examples import Example, examples, make_checkout, run_example, tier, transcripts, written_files

from graphmodel.stores.neo4j.store import Neo4jStore

pytestmark = pytest.mark.neo4j

NEO4J = [pytest.param(example, id=example.id) for example in examples() if tier(example) == "neo4j"]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory, _neo4j_connection: Neo4jStore) -> Path:
    """A checkout with the sample built into out/, and the test server holding none of graphmodel's data."""
    _neo4j_connection.clear()
    folder = make_checkout(tmp_path_factory.mktemp("readme"))
    setup = run_example(Example(0, "graphmodel build data/docs -o out -q"), folder)
    assert setup.returncode == 0, setup.stderr
    return folder


def test_the_readme_loads_before_it_queries_neo4j() -> None:
    commands = [example.command for example in examples() if tier(example) == "neo4j"]
    assert commands[0].startswith("graphmodel load")
    assert any("--neo4j" in command for command in commands)


@pytest.mark.parametrize("example", NEO4J)
def test_readme_neo4j_example(checkout: Path, example: Example) -> None:
    result = run_example(example, checkout)
    assert result.returncode == 0, f"README line {example.line}: {example.command}\n{result.stderr}"
    files = written_files(example)
    for name in files:
        assert (checkout / name).stat().st_size > 0, f"{name} is empty"
    assert files or result.stdout.strip()


@pytest.mark.parametrize("example", [pytest.param(example, id=f"transcript-{example.id}")
                                     for example in transcripts() if tier(example) == "neo4j"])
def test_readme_neo4j_transcript(checkout: Path, example: Example) -> None:
    """The output the README shows, but the server's address, the counts and the time (after the examples above)."""
    result = run_example(example, checkout)
    assert result.returncode == 0, result.stderr
    assert normalised(result.stdout) == normalised(example.shown)


def normalised(text: str) -> str:
    return re.sub(r"\d+(\.\d+)?", "N", re.sub(r"bolt://\S+", "URI", text))
