"""Fitting the relation model with scikit-learn (slow to import, so outside tests/unit; marked `corpus`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphmodel.extract.learned.apply import prepare
from graphmodel.extract.learned.classes import load_schema
from graphmodel.extract.rules.nlp import load_pipeline
from graphmodel.models import Block, BlockKind, Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.training.supervision import read_document_gold
from graphmodel.training.train import Example, fit_model

pytestmark = pytest.mark.corpus

TEXT = "Defense Secretary Jane Doe visited Freedonia on Tuesday. Freedonia and Sylvania signed a pact."


def test_training_gives_a_model_over_every_class(tmp_path: Path) -> None:
    doe = Entity("person:jane-doe", "Jane Doe", EntityLabel.PERSON, ("Doe",))
    freedonia = Entity("country:freedonia", "Freedonia", EntityLabel.COUNTRY)
    sylvania = Entity("country:sylvania", "Sylvania", EntityLabel.COUNTRY)
    document = Document("d1", "d1.txt", TEXT, (Block(BlockKind.PARAGRAPH, 0, len(TEXT), TEXT),))
    visit = Relation(doe.key, freedonia.key, RelationType.VISITS, (Evidence("d1", TEXT[:56], 0, 56, "path:visit"),))
    prepared = prepare(document, Extraction(document, (doe, freedonia, sylvania), (visit,)), load_pipeline())
    (tmp_path / "d1.json").write_text(json.dumps({
        "entities": [{"name": "Jane Doe", "label": "Person"}, {"name": "Freedonia", "label": "Country"}],
        "relations": [{"source": "Jane Doe", "type": "VISITS", "target": "Freedonia"}]}), encoding="utf-8")
    gold = read_document_gold(tmp_path, "docs/d1.txt")
    assert gold is not None
    model = fit_model([Example(prepared, gold)] * 2)
    assert model.classes == load_schema().classes()
    probabilities = model.probabilities(prepared.features)
    assert probabilities.shape == (2, len(model.classes))
    assert probabilities[0].argmax() == model.classes.index("VISITS>")
    assert probabilities[1].argmax() == model.classes.index("NONE")


def test_held_out_predictions_are_the_same_from_parallel_processes() -> None:
    from graphmodel.training.corpus import annotated_sets
    from graphmodel.training.crossval import heldout_extractions
    from graphmodel.training.train import document_folds

    root = Path(__file__).resolve().parents[2]
    (sample,) = annotated_sets([root / "tests" / "data" / "gold"], [root / "data" / "docs"])
    ids = [e.prepared.document_id for e in sample.examples]
    groups = document_folds(ids, 3)
    alone = heldout_extractions(sample.examples, groups, ("rules", "hybrid"), jobs=1)
    together = heldout_extractions(sample.examples, groups, ("rules", "hybrid"), jobs=2)
    assert alone == together
    assert sorted(alone["hybrid"]) == sorted(ids)
