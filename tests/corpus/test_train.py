"""`graphmodel train` on one annotated set, then `build --model` and `evaluate` on another, as a user runs them.

The training set is data/synth (annotated documents in the repository); the model is applied to the
sample (data/docs) and scored against its gold graphs in tests/data/gold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli
from graphmodel.extract.learned.model import load_model
from graphmodel.graph import graphfile

pytestmark = pytest.mark.corpus

ROOT = Path(__file__).resolve().parents[2]
SYNTH_GOLD, SAMPLE_DOCS, SAMPLE_GOLD = ROOT / "data/synth/gold", ROOT / "data/docs", ROOT / "tests/data/gold"
SCORE_ROW = re.compile(r"^synth: (rules|hybrid) +(\d\.\d{3}) +(\d\.\d{3}) +(\d\.\d{3}) +(\d\.\d{3})$")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    model = tmp_path_factory.mktemp("model") / "relations.json"
    result = CliRunner().invoke(cli, ["train", str(SYNTH_GOLD), "-o", str(model)])
    assert result.exit_code == 0, result.output
    return model, result.output


def test_train_prints_held_out_scores_of_rules_and_model(trained: tuple[Path, str]) -> None:
    model, output = trained
    lines = output.splitlines()
    assert lines[0].split() == ["held", "out", "entity", "F1", "relation", "P", "R", "F1"]
    rows = [SCORE_ROW.match(line) for line in lines[1:3]]
    assert [row.group(1) for row in rows if row] == ["rules", "hybrid"]
    assert all(0.3 < float(row.group(5)) <= 1.0 for row in rows if row)  # relation F1 of held-out documents
    assert re.fullmatch(rf"trained on 16 documents: \d+ features, threshold 0\.\d\d; entity filter \d+ features, "
                        rf"threshold 0\.\d\d; wrote {re.escape(str(model))}", lines[3])


def test_the_model_file_is_plain_json_that_states_what_it_is_for(trained: tuple[Path, str]) -> None:
    data = json.loads(trained[0].read_text(encoding="utf-8"))
    assert data["format"] == "graphmodel-relation-model/2"
    assert data["mode"] == "hybrid"
    assert set(data["entity_filter"]) == {"vocabulary", "coef", "intercept", "threshold"}
    assert data["labels"] == ["Person", "Country", "Organization", "Initiative", "Event", "Place"]
    assert load_model(trained[0]).mode == "hybrid"


def test_build_with_the_model_then_evaluate(trained: tuple[Path, str], tmp_path: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(SAMPLE_DOCS), "-o", str(tmp_path), "--model", str(trained[0])])
    assert built.exit_code == 0, built.output
    graph = graphfile.read(tmp_path / "graph.json")
    assert graph.graph["extractor"] == "rules + relation model relations.json (hybrid)"
    rules = [e["rule"] for *_, data in graph.edges(data=True) for e in data["evidence"]]
    assert any(rule.startswith("learned: ") and "'" in rule for rule in rules)  # with its decisive words
    scored = runner.invoke(cli, ["evaluate", str(tmp_path / "graph.json"), str(SAMPLE_GOLD)])
    assert scored.exit_code == 0, scored.output
    assert scored.output.splitlines()[0] == "built by: rules + relation model relations.json (hybrid)"
    found = re.search(r"^entity F1 (\d\.\d{3}) .*; relation F1 (0\.\d{3}) ", scored.output, re.M)
    assert found is not None, scored.output
    assert float(found.group(1)) >= 0.9


def test_train_refuses_a_folder_without_documents(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs").mkdir()
    result = CliRunner().invoke(cli, ["train", str(tmp_path / "gold"), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert result.output.endswith(f"training needs at least two documents with a gold file; found 0 in "
                                  f"{tmp_path / 'gold'}\n")
    assert not (tmp_path / "m.json").exists()
