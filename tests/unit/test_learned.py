"""The learned relation scorer: candidates and features on a tiny parsed text, the JSON model file and its
safe loading, turning scores into relations, and (where the evaluation sets sit beside the repository)
the gold reading the training relies on."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from graphmodel.extract.learned.apply import (
    Prepared,
    combine,
    filter_entities,
    learned_relations,
    prepare,
    score_relations,
)
from graphmodel.extract.learned.classes import load_schema
from graphmodel.extract.learned.explain import explanation
from graphmodel.extract.learned.features import FEATURES_VERSION
from graphmodel.extract.learned.model import (
    EntityFilter,
    ModelFileError,
    RelationModel,
    from_json,
    load_model,
    save_model,
    to_json,
)
from graphmodel.extract.rules.nlp import load_pipeline
from graphmodel.models import (
    Block,
    BlockKind,
    Document,
    Entity,
    EntityLabel,
    Evidence,
    Extraction,
    Relation,
    RelationType,
)
from graphmodel.training.supervision import DocumentGold, read_document_gold, segment_ceiling
from graphmodel.training.train import Example, candidate_classes, document_folds

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
TEXT = "Defense Secretary Jane Doe visited Freedonia on Tuesday. Freedonia and Sylvania signed a pact."
DOE = Entity("person:jane-doe", "Jane Doe", EntityLabel.PERSON, ("Doe",))
FREEDONIA = Entity("country:freedonia", "Freedonia", EntityLabel.COUNTRY)
SYLVANIA = Entity("country:sylvania", "Sylvania", EntityLabel.COUNTRY)


@pytest.fixture(scope="module")
def prepared() -> Prepared:
    document = Document("d1", "d1.txt", TEXT, (Block(BlockKind.PARAGRAPH, 0, len(TEXT), TEXT),))
    evidence = Evidence("d1", TEXT[:56], 0, 56, "path:visit")
    visit = Relation(DOE.key, FREEDONIA.key, RelationType.VISITS, (evidence,))
    return prepare(document, Extraction(document, (DOE, FREEDONIA, SYLVANIA), (visit,)), load_pipeline())


def test_candidates_are_pairs_within_one_sentence(prepared: Prepared) -> None:
    pairs = [(c.segment, c.first.key, c.second.key) for c in prepared.candidates]
    assert pairs == [(0, DOE.key, FREEDONIA.key), (1, FREEDONIA.key, SYLVANIA.key)]
    assert [s.text for s in prepared.segments] == [TEXT[:56], TEXT[57:]]


def test_features_are_general_and_see_path_trigger_and_rule(prepared: Prepared) -> None:
    visit = set(prepared.features[0])
    assert {"lab=Person>Country", "kind=paragraph", "path_deps=nsubj^|dobjv", "trig_path=VISITS",
            "rule=VISITS>", "rule=VISITS>|path", "m1_dep=nsubj"} <= visit
    assert "rule=none" in prepared.features[1]
    words = " ".join(f for row in prepared.features for f in row).lower()
    assert "doe" not in words
    assert "freedonia" not in words
    assert "sylvania" not in words


def test_scores_become_directed_relations_with_evidence(prepared: Prepared) -> None:
    classes = load_schema().classes()
    probabilities = np.zeros((2, len(classes)))
    probabilities[0, classes.index("VISITS<")] = 0.9  # the labels forbid it: a country visits no person
    probabilities[0, classes.index("VISITS>")] = 0.1
    probabilities[1, classes.index("COOPERATES_WITH")] = 0.8
    probabilities[1, classes.index("NONE")] = 0.2
    scored = score_relations(prepared, probabilities, classes)
    relations = learned_relations(prepared, scored, threshold=0.5)
    cooperation, visit = relations
    assert (visit.source, visit.type, visit.target) == (DOE.key, RelationType.VISITS, FREEDONIA.key)
    assert (cooperation.source, cooperation.type, cooperation.target) == (
        FREEDONIA.key, RelationType.COOPERATES_WITH, SYLVANIA.key)
    assert visit.evidence[0].rule == "learned"
    assert cooperation.evidence[0].sentence == TEXT[57:]
    assert visit.confidence == 1.0  # the only class the labels allow besides NONE takes the whole mass
    assert combine(prepared, [cooperation], "rescore").relations == ()  # the rules' visit is not confirmed
    assert len(combine(prepared, [cooperation], "union").relations) == 2
    assert combine(prepared, [visit], "rescore").relations == prepared.extraction.relations


def test_gold_classes_follow_direction(prepared: Prepared, tmp_path: Path) -> None:
    gold = read_gold_text(tmp_path, {"entities": [{"name": "Jane Doe", "label": "Person", "aliases": ["Doe"]},
                                               {"name": "Freedonia", "label": "Country"}],
                                     "relations": [{"source": "Jane Doe", "type": "VISITS", "target": "Freedonia"}]})
    assert candidate_classes(Example(prepared, gold)) == [["VISITS>"], ["NONE"]]
    assert segment_ceiling(prepared.segments, gold) == (1, 1)


def read_gold_text(folder: Path, data: dict[str, object]) -> DocumentGold:
    (folder / "d1.json").write_text(json.dumps(data), encoding="utf-8")
    gold = read_document_gold(folder, "docs/d1.txt")
    assert gold is not None
    return gold


def tiny_model() -> RelationModel:
    classes = load_schema().classes()
    coef = np.arange(len(classes) * 2, dtype=float).reshape(len(classes), 2) / 10
    return RelationModel(classes, ("lab=Person>Country", "btw=visit"), coef, np.linspace(-1, 1, len(classes)), 0.4)


def test_model_file_round_trip(tmp_path: Path) -> None:
    model = tiny_model()
    loaded = load_model(save_model(model, tmp_path / "model.json"))
    rows = [["lab=Person>Country", "btw=visit"], ["unknown feature"], []]
    assert loaded.vocabulary == model.vocabulary
    assert loaded.threshold == 0.4
    np.testing.assert_allclose(loaded.probabilities(rows), model.probabilities(rows), atol=1e-4)  # 4 decimals kept
    np.testing.assert_allclose(loaded.probabilities(rows).sum(axis=1), 1.0)
    assert loaded.mode == "union"


def test_the_entity_filter_round_trips_and_drops_only_weak_entities_no_relation_holds(
    tmp_path: Path, prepared: Prepared
) -> None:
    entity_filter = EntityFilter(("lab=Person", "lab=Country"), np.array([3.0, -3.0]), 0.0, 0.3)
    model = replace(tiny_model(), entity_filter=entity_filter)
    loaded = load_model(save_model(model, tmp_path / "model.json"))
    assert loaded.entity_filter is not None
    assert loaded.entity_filter.threshold == 0.3
    keep = loaded.entity_filter.probabilities(prepared.entity_features)
    assert keep.tolist() == pytest.approx(entity_filter.probabilities(prepared.entity_features).tolist(), abs=1e-4)
    assert keep[0] > 0.9
    assert keep[1] < 0.1
    assert keep[2] < 0.1
    filtered = filter_entities(prepared, prepared.extraction, loaded.entity_filter)
    # Sylvania is dropped; Freedonia stays, because the VISITS relation holds it
    assert [e.key for e in filtered.entities] == [DOE.key, FREEDONIA.key]
    assert filter_entities(prepared, prepared.extraction, None) is prepared.extraction


def test_entity_features_are_general(prepared: Prepared) -> None:
    doe, freedonia, _ = (set(row) for row in prepared.entity_features)
    assert {"lab=Person", "ner=PERSON", "rel=VISITS>", "dep=nsubj", "Person|head=visit"} <= doe
    assert {"lab=Country", "rel=<VISITS"} <= freedonia
    words = " ".join(f for row in prepared.entity_features for f in row).lower()
    assert "doe" not in words
    assert "freedonia" not in words


def test_a_learned_relation_says_which_features_decided_it() -> None:
    model = tiny_model()  # every weight grows with the class and the feature: "btw=visit" weighs most
    assert model.decisive(["btw=visit", "lab=Person>Country", "unknown"], "VISITS>") == ["btw=visit",
                                                                                         "lab=Person>Country"]
    assert explanation(model.decisive(["btw=visit", "lab=Person>Country"], "VISITS>")) == (
        "learned: 'visit' stands between them; a Person named before a Country")
    assert explanation([]) == "learned"


@pytest.mark.parametrize(("change", "message"), [
    ({"pickle": "x"}, "keys must be exactly"),
    ({"features_version": FEATURES_VERSION + 1}, "features version"),
    ({"format": "other/1"}, "format"),
    ({"classes": ["NONE"]}, "classes differ"),
    ({"coef": [[1.0]]}, "`coef` must be"),
    ({"threshold": 2.0}, "`threshold`"),
    ({"intercept": "oops"}, "`intercept`"),
    ({"entity_filter": {"vocabulary": ["a"], "coef": [], "intercept": 0, "threshold": 0.3}}, "`entity_filter.coef`"),
    ({"entity_filter": {"vocabulary": ["a"], "coef": [1], "intercept": 0, "threshold": 3}}, "threshold in"),
    ({"entity_filter": {"code": "x"}}, "`entity_filter` must be"),
])
def test_safe_load_refuses_other_files(change: dict[str, object], message: str) -> None:
    data = {**to_json(tiny_model()), **change}
    with pytest.raises(ModelFileError, match=message):
        from_json(data)


def test_safe_load_refuses_non_finite_weights(tmp_path: Path) -> None:
    data = to_json(tiny_model())
    data["coef"][0][0] = float("nan")
    (tmp_path / "model.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelFileError, match="`coef` must be"):
        load_model(tmp_path / "model.json")


def test_folds_are_deterministic_and_disjoint() -> None:
    ids = [f"doc{i:02}" for i in range(28)]
    folds = document_folds(list(reversed(ids)), 7)
    assert folds == document_folds(ids, 7)
    assert sorted(i for fold in folds for i in fold) == ids
    assert [len(f) for f in folds] == [4] * 7


@pytest.mark.skipif(not (EVAL / "dev3" / "gold").is_dir(), reason=f"the evaluation sets are not at {EVAL}")
def test_every_gold_file_of_the_evaluation_sets_reads() -> None:
    for gold_dir in (EVAL / "dev-gold", EVAL / "dev2" / "gold", EVAL / "dev3" / "gold"):
        for path in sorted(gold_dir.glob("*.json")):
            gold = read_document_gold(gold_dir, path.with_suffix(".txt").name)
            assert gold is not None
            names = {e.name for e in gold.entities}
            assert all(s in names and t in names for _, s, t in gold.relations), path.name


def test_a_shipped_model_that_no_longer_fits_the_schema_is_left_out_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphmodel import pipeline
    from graphmodel.extract.learned import model as models

    stale = tmp_path / "relation_model.json"
    stale.write_text(json.dumps({**to_json(tiny_model()), "classes": ["NONE"]}), encoding="utf-8")
    monkeypatch.setattr(models, "SHIPPED_MODEL", stale)
    warnings: list[str] = []
    _, described = pipeline.extractor_spec(None, stale, warnings.append)
    assert described == "rules"
    assert warnings == ["not a usable relation model: its classes differ from this version's schema; "
                        "building with the rules alone (rerun scripts/make_model.py)"]


def test_a_model_the_user_names_must_load(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graphmodel.cli.main import cli

    bad = tmp_path / "model.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Kenya hosted the summit.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "docs"), "-o", str(tmp_path / "out"),
                                      "--model", str(bad), "-q"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: not a usable relation model: keys must be exactly")
    assert not (tmp_path / "out").exists()


def test_the_train_command_offers_every_learned_mode() -> None:
    from graphmodel.cli.train import MODES as CLI_MODES
    from graphmodel.extract.learned.apply import MODES

    assert set(CLI_MODES) == set(MODES) - {"rules"}


FOCAL_TEXT = "Exercise Blue Fin 2025\nFrigates from Freedonia were assigned to it.\nBlue Fin ended in May."


def test_an_actor_pairs_with_the_focal_event_its_sentence_does_not_name() -> None:
    blocks = (Block(BlockKind.HEADING, 0, 22, FOCAL_TEXT[:22]), Block(BlockKind.PARAGRAPH, 23, 67, FOCAL_TEXT[23:67]),
              Block(BlockKind.PARAGRAPH, 68, len(FOCAL_TEXT), FOCAL_TEXT[68:]))
    document = Document("d2", "d2.md", FOCAL_TEXT, blocks, title="Exercise Blue Fin 2025")
    exercise = Entity("initiative:blue-fin", "Exercise Blue Fin 2025", EntityLabel.INITIATIVE, ("Blue Fin",), 2)
    prepared = prepare(document, Extraction(document, (exercise, FREEDONIA)), load_pipeline())
    pairs = [(prepared.segments[c.segment].text, c.first.key, c.second.key) for c in prepared.candidates]
    assert pairs == [("Frigates from Freedonia were assigned to it.", FREEDONIA.key, exercise.key)]
    features = set(prepared.features[0])
    assert {"focal", "f_how=title", "f_pronoun", "f_lab=Country>Initiative", "rule=none"} <= features
    assert explanation(["f_pronoun"]) == "learned: the sentence says 'it'"
