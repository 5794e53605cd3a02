"""Annotated corpora for training: documents paired with their gold graphs, and held-out scores.

A gold folder holds ``<stem>.json`` per document (the format ``graphmodel evaluate`` reads); its
documents are in the folder given beside it, by default the ``docs`` folder next to the gold folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from graphmodel.documents.read import read_documents
from graphmodel.errors import DocumentError
from graphmodel.evaluate.gold import read_gold
from graphmodel.evaluate.score import Score, score
from graphmodel.extract.learned.apply import prepare
from graphmodel.extract.learned.model import RelationModel
from graphmodel.extract.resolve import resolve_corpus
from graphmodel.extract.rules.extractor import RuleExtractor
from graphmodel.graph.core import to_networkx
from graphmodel.training.crossval import heldout_extractions
from graphmodel.training.entities import train_entity_filter
from graphmodel.training.supervision import read_document_gold
from graphmodel.training.train import Example, document_folds, train_model

__all__ = ["AnnotatedSet", "HeldOut", "annotated_sets", "heldout_scores", "train_on"]

FOLDS = 5


@dataclass(frozen=True, slots=True)
class AnnotatedSet:
    """The documents of one gold folder, each extracted by the rules and paired with its gold graph."""

    gold_dir: Path
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One set's scores when every document's relations come from a model trained without it."""

    gold_dir: Path
    rules: Score
    learned: Score


def annotated_sets(gold_dirs: Sequence[Path], docs_dirs: Sequence[Path] = (), *, spacy_model: str | None = None,
                   warn: Callable[[str], None] | None = None) -> list[AnnotatedSet]:
    """Read, extract and prepare every document that has a gold file.

    Args:
        gold_dirs: gold folders.
        docs_dirs: their document folders, in the same order; by default ``GOLD_DIR/../docs``.

    Raises:
        DocumentError: the folders do not pair up, or no document has a gold file.
    """
    if docs_dirs and len(docs_dirs) != len(gold_dirs):
        raise DocumentError(f"give one --docs folder per gold folder ({len(gold_dirs)}), not {len(docs_dirs)}")
    rules = RuleExtractor(spacy_model)
    sets = []
    for gold_dir, docs in zip(gold_dirs, docs_dirs or [Path(g).parent / "docs" for g in gold_dirs], strict=True):
        examples = []
        for document in read_documents(Path(docs), on_warning=warn):
            gold = read_document_gold(Path(gold_dir), document.path)
            if gold is None:
                if warn:
                    warn(f"{document.path} has no gold file in {gold_dir}; left out")
                continue
            examples.append(Example(prepare(document, rules.extract(document), rules.nlp), gold))
        sets.append(AnnotatedSet(Path(gold_dir), tuple(examples)))
    if sum(len(s.examples) for s in sets) < 2:
        raise DocumentError(f"training needs at least two documents with a gold file; "
                            f"found {sum(len(s.examples) for s in sets)} in {', '.join(map(str, gold_dirs))}")
    return sets


def train_on(sets: Sequence[AnnotatedSet], mode: str = "hybrid", c: float = 0.5) -> RelationModel:
    """The relation model fitted on every document of ``sets``, its threshold chosen for ``mode``, with the
    entity filter fitted on the same documents."""
    examples = [e for s in sets for e in s.examples]
    return replace(train_model(examples, mode, c), entity_filter=train_entity_filter(examples))


def heldout_scores(sets: Sequence[AnnotatedSet], mode: str = "hybrid", c: float = 0.5, *,
                   by_set: bool = False, jobs: int = 1) -> list[HeldOut]:
    """Per set: the rules' score and the learned configuration's, each document held out of training.

    Documents are dealt into :data:`FOLDS` deterministic folds over all sets together, or, with
    ``by_set``, each set is left out in turn (the model is trained on the other sets); ``jobs``
    processes train the folds' models side by side.
    """
    examples = [e for s in sets for e in s.examples]
    ids = [e.prepared.document_id for e in examples]
    groups = ([[e.prepared.document_id for e in s.examples] for s in sets] if by_set
              else document_folds(ids, min(FOLDS, len(ids))))
    predicted = heldout_extractions(examples, groups, ("rules", mode), c, jobs)
    out = []
    for annotated in sets:
        gold = read_gold(annotated.gold_dir)
        doc_ids = [e.prepared.document_id for e in annotated.examples]
        rules, learned = ([predicted[m][i] for i in doc_ids] for m in ("rules", mode))
        out.append(HeldOut(annotated.gold_dir, score(to_networkx(resolve_corpus(rules)), gold),
                           score(to_networkx(resolve_corpus(learned)), gold)))
    return out
