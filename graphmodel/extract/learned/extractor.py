"""An extractor that runs the rules, then scores candidate pairs with a learned relation model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graphmodel.extract import Extractor, make_extractor
from graphmodel.extract.learned.apply import (
    MODES,
    Scored,
    combine,
    filter_entities,
    learned_relations,
    prepare,
    score_relations,
    scored_class,
)
from graphmodel.extract.learned.explain import explanation
from graphmodel.extract.learned.model import RelationModel, load_model
from graphmodel.extract.learned.segments import parsed_texts
from graphmodel.extract.rules.nlp import load_pipeline
from graphmodel.models import Document, Extraction

__all__ = ["LearnedExtractor"]


class LearnedExtractor:
    """The rule extractor's entities, with relations chosen by ``mode`` (see :func:`.apply.combine`).

    Args:
        model: a model, or the path of a model file written by :func:`.model.save_model`.
        mode: ``union`` (rules and learned), ``hybrid``, ``rescore``, ``learned`` or ``rules``; by default
            the mode the model was trained for.
        spacy_model: the spaCy pipeline, as for the rule extractor.
        rules: the extractor whose entities and relations are the input (default: the rules).
    """

    def __init__(self, model: RelationModel | Path | str, mode: str | None = None, spacy_model: str | None = None,
                 rules: Extractor | None = None) -> None:
        self.model = model if isinstance(model, RelationModel) else load_model(Path(model))
        self.mode = mode or self.model.mode
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; choose from {', '.join(MODES)}")
        self.nlp = load_pipeline(spacy_model)
        self.rules = rules or make_extractor("rules", spacy_model=spacy_model)

    def prefetch(self, documents: Sequence[Document]) -> None:
        """Let the rules parse the blocks of ``documents`` together with the block texts the model reads
        (see ``RuleExtractor.prefetch``)."""
        prefetch = getattr(self.rules, "prefetch", None)
        if prefetch is not None:
            prefetch(documents, also=[text for document in documents for text in parsed_texts(document)])

    def extract(self, document: Document) -> Extraction:
        """Entities of the rules, relations of the configured mode, each with its evidence."""
        prepared = prepare(document, self.rules.extract(document), self.nlp)
        scored = score_relations(prepared, self.model.probabilities(prepared.features), self.model.classes)

        def explain(item: Scored) -> str:
            features = prepared.features[item.candidate]
            return explanation(self.model.decisive(features, scored_class(prepared, item)))

        combined = combine(prepared, learned_relations(prepared, scored, self.model.threshold, explain), self.mode)
        return combined if self.mode == "rules" else filter_entities(prepared, combined, self.model.entity_filter)
