"""Training the entity filter: which extracted entities are right, learned from gold graphs.

An entity is right when its document's gold graph has an entity of the same label that shares a
normalised name or alias with it. The filter's threshold is chosen by cross-validation inside the
training documents, for the entity F1 of the documents (gold entities the rules never found count as
misses at every threshold).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from graphmodel.extract.learned.model import EntityFilter
from graphmodel.training.supervision import map_entities
from graphmodel.training.train import THRESHOLDS, Example, document_folds, feature_matrix

__all__ = ["entity_labels", "fit_entity_filter", "train_entity_filter"]


def entity_labels(example: Example) -> list[int]:
    """1 for each extracted entity of ``example`` that its gold graph has under the same label, else 0."""
    names = map_entities(example.prepared.extraction.entities, example.gold)
    labels = {g.name: g.label for g in example.gold.entities}
    return [int(labels.get(names.get(e.key, ""), "") == e.label.value) for e in example.prepared.extraction.entities]


def fit_entity_filter(examples: Sequence[Example], c: float = 0.3, seed: int = 0) -> EntityFilter | None:
    """A logistic model over every extracted entity of ``examples`` (``None`` when one class is missing)."""
    from sklearn.linear_model import LogisticRegression

    rows = [row for e in examples for row in e.prepared.entity_features]
    labels = [y for e in examples for y in entity_labels(e)]
    if len(set(labels)) < 2:
        return None
    vocabulary, matrix = feature_matrix(rows)
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(matrix, labels)
    return EntityFilter(vocabulary, model.coef_[0], float(model.intercept_[0]))


def train_entity_filter(examples: Sequence[Example], c: float = 0.3, folds: int = 4) -> EntityFilter | None:
    """The filter fitted on all ``examples``, its threshold chosen by inner cross-validation."""
    fitted = fit_entity_filter(examples, c)
    if fitted is None:
        return None
    heldout: dict[str, np.ndarray] = {}
    for fold in document_folds([e.prepared.document_id for e in examples], min(folds, len(examples))):
        inner = fit_entity_filter([e for e in examples if e.prepared.document_id not in fold], c)
        for example in (e for e in examples if e.prepared.document_id in fold):
            rows = example.prepared.entity_features
            heldout[example.prepared.document_id] = (inner.probabilities(rows) if inner is not None
                                                     else np.ones(len(rows)))
    labels = {e.prepared.document_id: entity_labels(e) for e in examples}
    threshold = max((0.0, *THRESHOLDS[:9]), key=lambda t: (_entity_f1(examples, labels, heldout, t), -t))
    return EntityFilter(fitted.vocabulary, fitted.coef, fitted.intercept, threshold)


def _entity_f1(examples: Sequence[Example], labels: dict[str, list[int]], keep: dict[str, np.ndarray],
               threshold: float) -> float:
    """Micro entity F1 over documents when entities below ``threshold`` and in no relation are dropped;
    ``labels`` are :func:`entity_labels` per document id."""
    tp = fp = gold = 0
    for example in examples:
        prepared = example.prepared
        related = {k for r in prepared.extraction.relations for k in (r.source, r.target)}
        for entity, p, right in zip(prepared.extraction.entities, keep[prepared.document_id],
                                    labels[prepared.document_id], strict=True):
            if p >= threshold or entity.key in related:
                tp, fp = tp + right, fp + (1 - right)
        gold += len(example.gold.entities)
    return 2 * tp / (tp + fp + gold) if tp else 0.0
