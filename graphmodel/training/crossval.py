"""Held-out predictions: every document's relations come from a model trained without it.

:func:`heldout_extractions` takes groups of documents (k folds, or whole sets for leave-one-set-out),
trains one model per mode on the other groups (threshold chosen inside them), and the entity filter,
and returns each document's extraction per mode. The ``rules`` mode needs no model and is returned as is.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from graphmodel.extract.learned.apply import MODES, combine, filter_entities, learned_relations, score_relations
from graphmodel.models import Extraction
from graphmodel.training.entities import train_entity_filter
from graphmodel.training.train import Example, choose_threshold, fit_model, inner_scores

__all__ = ["heldout_extractions"]


def heldout_extractions(examples: Sequence[Example], groups: Sequence[Sequence[str]], modes: Sequence[str] = MODES,
                        c: float = 0.5, jobs: int = 1) -> dict[str, dict[str, Extraction]]:
    """Per mode, per document id: the extraction predicted by models that never saw the document.

    Args:
        examples: every prepared document with its gold graph.
        groups: document ids per held-out group; a document outside every group is never predicted.
        modes: configurations to produce (see :func:`graphmodel.extract.learned.apply.combine`).
        c: inverse regularisation strength of the logistic model.
        jobs: processes that train the groups' models side by side (forked, where the platform forks);
            the result is the same for any number.
    """
    out: dict[str, dict[str, Extraction]] = {mode: {} for mode in modes}
    if jobs > 1 and len(groups) > 1 and "fork" in multiprocessing.get_all_start_methods():
        # forked workers receive the examples with the process (nothing pickled); each task is a group's index
        with ProcessPoolExecutor(min(jobs, len(groups)), mp_context=multiprocessing.get_context("fork"),
                                 initializer=_share, initargs=((examples, groups, modes, c),)) as pool:
            predicted = list(pool.map(_predict_shared, range(len(groups))))
    else:
        predicted = [_predict(examples, group, modes, c) for group in groups]
    for per_mode in predicted:
        for mode in modes:
            out[mode].update(per_mode[mode])
    return out


_Work = tuple[Sequence[Example], Sequence[Sequence[str]], Sequence[str], float]
_shared: list[_Work] = []  # in a worker process: what its parent gave it


def _share(work: _Work) -> None:
    _shared[:] = [work]


def _predict_shared(index: int) -> dict[str, dict[str, Extraction]]:
    examples, groups, modes, c = _shared[0]
    return _predict(examples, groups[index], modes, c)


def _predict(examples: Sequence[Example], group: Sequence[str], modes: Sequence[str],
             c: float) -> dict[str, dict[str, Extraction]]:
    """The extractions of one held-out group's documents, per mode, from models trained on the others."""
    held = set(group)
    training = [e for e in examples if e.prepared.document_id not in held]
    testing = [e for e in examples if e.prepared.document_id in held]
    model = fit_model(training, c)
    inner = inner_scores(training, c=c)
    entity_filter = train_entity_filter(training)
    out: dict[str, dict[str, Extraction]] = {mode: {} for mode in modes}
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
