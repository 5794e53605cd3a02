"""Training the relation model from gold graphs (needs scikit-learn; inference does not).

A candidate's classes come from its document's gold graph: the first and second entity map to gold
entities by name or alias, and every gold type between them (in either direction) is a class; a
candidate with none is ``NONE``. The decision threshold is chosen by cross-validation inside the
training documents only, for the configuration the model will serve.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graphmodel.extract.learned.apply import Prepared, Scored, combine, learned_relations, score_relations
from graphmodel.extract.learned.classes import NONE, class_of, load_schema
from graphmodel.extract.learned.model import RelationModel
from graphmodel.schema import SYMMETRIC_TYPES
from graphmodel.training.supervision import DocumentGold, gold_pairs, map_entities

__all__ = ["Example", "candidate_classes", "choose_threshold", "document_folds", "feature_matrix", "fit_model",
           "inner_scores",
           "relation_f1", "train_model"]

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))  # 0.10 ... 0.90
MIN_COUNT = 2  # features seen fewer times in training are dropped


@dataclass(frozen=True, slots=True)
class Example:
    """A prepared document and its gold graph."""

    prepared: Prepared
    gold: DocumentGold


def document_folds(ids: Sequence[str], k: int) -> list[list[str]]:
    """Deterministic folds: ids sorted, then dealt out in turn.

    >>> document_folds(["c", "a", "b", "d"], 2)
    [['a', 'c'], ['b', 'd']]
    """
    ordered = sorted(ids)
    return [ordered[i::k] for i in range(k)]


def candidate_classes(example: Example) -> list[list[str]]:
    """The gold classes of each candidate (``["NONE"]`` when the gold graph has no relation between them)."""
    names = map_entities(example.prepared.extraction.entities, example.gold)
    pairs = gold_pairs(example.gold)
    out = []
    for candidate in example.prepared.candidates:
        first, second = names.get(candidate.first.key), names.get(candidate.second.key)
        classes = set()
        if first and second:
            classes |= {class_of(t, True) for t in pairs.get((first, second), set())}
            classes |= {class_of(t, False) for t in pairs.get((second, first), set())}
        allowed = set(load_schema().valid_classes(candidate.first.label, candidate.second.label))
        out.append(sorted(classes & allowed) or [NONE])
    return out


def fit_model(examples: Sequence[Example], c: float = 0.5, seed: int = 0) -> RelationModel:
    """Fit a multinomial logistic model on every candidate of ``examples`` (threshold left at 0.5)."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for example in examples:
        for features, classes in zip(example.prepared.features, candidate_classes(example), strict=True):
            rows += [features] * len(classes)
            labels += classes
    vocabulary, matrix = feature_matrix(rows)
    model = LogisticRegression(C=c, solver="saga", tol=1e-4, max_iter=5000, random_state=seed)
    model.fit(matrix, labels)
    return _full_model(list(model.classes_), model.coef_, model.intercept_, vocabulary)


def feature_matrix(rows: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], Any]:
    """The vocabulary (features seen in at least :data:`MIN_COUNT` rows) and a sparse 0/1 matrix of ``rows``."""
    from scipy.sparse import csr_matrix

    counts = Counter(f for row in rows for f in set(row))
    vocabulary = tuple(sorted(f for f, n in counts.items() if n >= MIN_COUNT))
    index = {f: i for i, f in enumerate(vocabulary)}
    cells = [(r, index[f]) for r, row in enumerate(rows) for f in row if f in index]
    matrix = csr_matrix((np.ones(len(cells)), ([r for r, _ in cells], [i for _, i in cells])),
                        shape=(len(rows), len(vocabulary)))
    return vocabulary, matrix


def _full_model(seen: list[str], coef: np.ndarray, intercept: np.ndarray, vocabulary: tuple[str, ...]) -> RelationModel:
    """Spread sklearn's weights over every class of the schema; classes never seen can never win."""
    classes = load_schema().classes()
    if len(seen) == 2:  # a binary fit has one row: the second class against the first
        coef, intercept = np.vstack([-coef[0] / 2, coef[0] / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
    full_coef = np.zeros((len(classes), len(vocabulary)))
    full_intercept = np.full(len(classes), -30.0)
    for row, cls in enumerate(seen):
        full_coef[classes.index(cls)] = coef[row]
        full_intercept[classes.index(cls)] = intercept[row]
    return RelationModel(classes, vocabulary, full_coef, full_intercept)


def relation_f1(examples: Sequence[Example], extractions_relations: Sequence[Sequence[tuple[str, str, str]]]) -> float:
    """Micro F1 of predicted relations ``(type, source key, target key)`` against the documents' gold graphs."""
    tp = fp = fn = 0
    for example, predicted in zip(examples, extractions_relations, strict=True):
        names = map_entities(example.prepared.extraction.entities, example.gold)
        keys = {_key(t, names.get(s, "?" + s), names.get(o, "?" + o)) for t, s, o in predicted}
        tp += len(keys & example.gold.relations)
        fp += len(keys - example.gold.relations)
        fn += len(example.gold.relations - keys)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _key(rtype: str, source: str, target: str) -> tuple[str, str, str]:
    if rtype in SYMMETRIC_TYPES and source > target:
        source, target = target, source
    return (rtype, source, target)


def inner_scores(examples: Sequence[Example], folds: int = 4, c: float = 0.5) -> dict[str, list[Scored]]:
    """Per document id: relations scored by a model trained on the other inner folds of ``examples``."""
    scored = {}
    for fold in document_folds([e.prepared.document_id for e in examples], folds):
        held = set(fold)
        model = fit_model([e for e in examples if e.prepared.document_id not in held], c)
        for example in examples:
            if example.prepared.document_id in held:
                probabilities = model.probabilities(example.prepared.features)
                scored[example.prepared.document_id] = score_relations(example.prepared, probabilities, model.classes)
    return scored


def choose_threshold(examples: Sequence[Example], scored: dict[str, list[Scored]], mode: str) -> float:
    """The threshold with the best relation F1 of ``mode`` given held-out ``scored`` relations (ties: lower)."""
    best, best_f1 = THRESHOLDS[0], -1.0
    for threshold in THRESHOLDS:
        predicted = []
        for example in examples:
            learned = learned_relations(example.prepared, scored[example.prepared.document_id], threshold)
            relations = combine(example.prepared, learned, mode).relations
            predicted.append([(r.type.value, r.source, r.target) for r in relations])
        f1 = relation_f1(examples, predicted)
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def train_model(examples: Sequence[Example], mode: str = "hybrid", c: float = 0.5) -> RelationModel:
    """Fit on all ``examples`` with the threshold chosen by inner cross-validation for ``mode``."""
    threshold = choose_threshold(examples, inner_scores(examples, c=c), mode)
    return replace(fit_model(examples, c), threshold=threshold, mode=mode)
