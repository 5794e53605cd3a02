"""Held-out predictions: every document's relations come from a model trained without it.

:func:`heldout_extractions` takes groups of documents (k folds, or whole sets for leave-one-set-out),
trains one model per mode on the other groups (threshold chosen inside them), and the entity filter,
and returns each document's extraction per mode. The ``rules`` mode needs no model and is returned as is.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphmodel.extract.learned.apply import MODES, combine, filter_entities, learned_relations, score_relations
from graphmodel.models import Extraction
from graphmodel.training.entities import train_entity_filter
from graphmodel.training.train import Example, choose_threshold, fit_model, inner_scores

__all__ = ["heldout_extractions"]


def heldout_extractions(examples: Sequence[Example], groups: Sequence[Sequence[str]],
                        modes: Sequence[str] = MODES, c: float = 0.5) -> dict[str, dict[str, Extraction]]:
    """Per mode, per document id: the extraction predicted by models that never saw the document.

    Args:
        examples: every prepared document with its gold graph.
        groups: document ids per held-out group; a document outside every group is never predicted.
        modes: configurations to produce (see :func:`graphmodel.extract.learned.apply.combine`).
        c: inverse regularisation strength of the logistic model.
    """
    out: dict[str, dict[str, Extraction]] = {mode: {} for mode in modes}
    for group in groups:
        held = set(group)
        training = [e for e in examples if e.prepared.document_id not in held]
        testing = [e for e in examples if e.prepared.document_id in held]
        model = fit_model(training, c)
        inner = inner_scores(training, c=c)
        entity_filter = train_entity_filter(training)
        for mode in modes:
            threshold = 1.0 if mode == "rules" else choose_threshold(training, inner, mode)
            for example in testing:
                prepared = example.prepared
                scored = score_relations(prepared, model.probabilities(prepared.features), model.classes)
                learned = learned_relations(prepared, scored, threshold) if mode != "rules" else []
                combined = combine(prepared, learned, mode)
                if mode != "rules":
                    combined = filter_entities(prepared, combined, entity_filter)
                out[mode][prepared.document_id] = combined
    return out
