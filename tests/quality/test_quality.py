"""Extraction quality on the annotated development sets must not fall below the measured floors.

The sample (``data/docs``, gold in ``tests/data/gold``) and synth ... synth7 (``data/synth*``) are in the
repository. The other sets are excerpts of third-party news and stay outside it, in ``../shared/eval``
beside the checkout (``dev2/`` and ``dev3/``, each with ``docs/``, ``gold/`` and an INDEX.md); their tests
skip where that folder is absent. Each set is built once per module.

Two kinds of floor. The rules' floors: on sets the rules were developed on ("fitted": sample, dev2, synth,
synth3, synth5) and on synth2, synth4, synth6, synth7 and dev3, which they were not. The learned floors are held
out: each set is scored by a relation model and entity filter trained on the other sets only (leave one set
out), in the default build's configuration, so they say how the default build does on unseen text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import ROOT, SHARED_EVAL, missing_reason, shared_eval

from graphmodel.documents.read import read_documents
from graphmodel.evaluate.gold import read_gold
from graphmodel.evaluate.score import Score, score
from graphmodel.extract import Extractor, make_extractor
from graphmodel.extract.learned.model import SHIPPED_MODEL, load_model
from graphmodel.graph import graphfile
from graphmodel.pipeline import build_graph

# Measured F1 rounded down to two decimals, minus 0.01: raise these when quality rises.
# The rules, measured: sample entity 1.000, relation 0.861; dev2 0.956, 0.775; synth 0.908, 0.644; synth3 0.898,
# 0.605; synth5 0.907, 0.547 (fitted); synth2 0.852, 0.511; synth4 0.820, 0.490; synth6 0.850, 0.465; synth7 0.777,
# 0.370; dev3 0.775, 0.383 (unseen by the rules).
FLOORS = {  # set: (entity F1, relation F1) of the rules alone
    "sample": (0.99, 0.85),
    "dev2": (0.94, 0.76),
    "synth": (0.89, 0.63),
    "synth3": (0.88, 0.59),
    "synth5": (0.89, 0.53),
    "synth2": (0.84, 0.50),
    "synth4": (0.81, 0.48),
    "synth6": (0.84, 0.45),
    "synth7": (0.76, 0.36),
    "dev3": (0.76, 0.37),
}
# The default configuration (hybrid, the shipped model's) with models trained without the set (leave one set
# out), measured entity and relation F1: dev2 0.959, 0.715; synth2 0.866, 0.626; synth4 0.842, 0.566; synth6
# 0.858, 0.556; synth7 0.805, 0.457; dev3 0.780, 0.427.
HELD_OUT_FLOORS = {"dev2": (0.94, 0.70), "synth2": (0.85, 0.61), "synth4": (0.83, 0.55), "synth6": (0.84, 0.54),
                   "synth7": (0.79, 0.44), "dev3": (0.77, 0.41)}
MODE = load_model(SHIPPED_MODEL).mode  # the default build's configuration

SAMPLE_DOCS = ROOT / "data" / "docs"
SAMPLE_GOLD = ROOT / "tests" / "data" / "gold"
REFERENCE_SCORER = SHARED_EVAL / "score.py"


def corpus(name: str) -> tuple[Path, Path]:
    """The documents and gold folders of a development set; skips when a shared set is absent."""
    if name == "sample":
        return SAMPLE_DOCS, SAMPLE_GOLD
    if name.startswith("synth"):
        return ROOT / "data" / name / "docs", ROOT / "data" / name / "gold"
    return shared_eval(name, "docs"), shared_eval(name, "gold")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return make_extractor("rules")


@pytest.fixture(scope="module", params=list(FLOORS))
def built(request: pytest.FixtureRequest, extractor: Extractor) -> tuple[str, nx.MultiDiGraph, Path]:
    """(set name, graph built from its documents, its gold folder), once per set."""
    docs, gold = corpus(request.param)
    return request.param, build_graph(read_documents(docs), extractor), gold


def describe(result: Score) -> str:
    e, r = result.entities, result.relations
    return f"entity F1 {e.f1:.4f}, relation F1 {r.f1:.4f}"


def test_quality_is_above_the_floors(built: tuple[str, nx.MultiDiGraph, Path]) -> None:
    name, graph, gold = built
    entity_floor, relation_floor = FLOORS[name]
    result = score(graph, read_gold(gold))
    assert result.entities.f1 >= entity_floor, describe(result)
    assert result.relations.f1 >= relation_floor, describe(result)


def test_sample_gold_equals_the_shared_copy() -> None:
    """``tests/data/gold`` is a copy of ``../shared/eval/dev-gold``: corrections there must reach it."""
    shared = shared_eval("dev-gold")
    ours = sorted(path.name for path in SAMPLE_GOLD.glob("*.json"))
    assert ours == sorted(path.name for path in shared.glob("*.json"))
    for name in ours:
        assert (SAMPLE_GOLD / name).read_bytes() == (shared / name).read_bytes(), name


def reference_numbers(result: dict[str, Any]) -> dict[str, Any]:
    return {part: {k: result[part][k] for k in ("p", "r", "f", "tp", "fp", "fn", "gold")}
            for part in ("entities", "relations")}


@pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason=missing_reason(REFERENCE_SCORER))
def test_scores_equal_the_reference_scorer(built: tuple[str, nx.MultiDiGraph, Path], tmp_path: Path) -> None:
    _, graph, gold = built
    graph_file = graphfile.write(graph, tmp_path / "graph.json")
    command = [sys.executable, str(REFERENCE_SCORER), str(graph_file), str(gold), "--json"]
    expected = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    ours = score(graph, read_gold(gold)).as_dict()
    assert reference_numbers(ours) == reference_numbers(expected)
    assert (ours["per_label"], ours["per_type"]) == (expected["per_label"], expected["per_type"])


@pytest.fixture(scope="module")
def held_out() -> dict[str, tuple[Score, Score]]:
    """Per set: (rules, default configuration trained on the other sets) scores, every set left out in turn."""
    from graphmodel.extract.corpus import default_jobs
    from graphmodel.training.corpus import annotated_sets, heldout_scores

    folders = [corpus(name) for name in FLOORS]
    sets = annotated_sets([gold for _, gold in folders], [docs for docs, _ in folders])
    return {name: (held.rules, held.learned)
            for name, held in zip(FLOORS, heldout_scores(sets, MODE, by_set=True, jobs=default_jobs()), strict=True)}


@pytest.mark.parametrize("name", list(HELD_OUT_FLOORS))
def test_the_models_held_out_are_above_their_floors(name: str, held_out: dict[str, tuple[Score, Score]]) -> None:
    rules, learned = held_out[name]
    entity_floor, relation_floor = HELD_OUT_FLOORS[name]
    assert learned.relations.f1 >= relation_floor, f"{describe(learned)} (rules alone: {describe(rules)})"
    assert learned.entities.f1 >= entity_floor, f"{describe(learned)} (rules alone: {describe(rules)})"
