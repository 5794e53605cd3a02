"""A learned relation scorer that reads the rule extractor's entities and proposes typed relations.

Candidates are pairs of extracted entities named within one sentence, list item, table row or
heading whose labels fit a relationship type (:mod:`.candidates`); each gets general features
(dependency path, trigger words, labels, distance, block kind, the rules' own verdict:
:mod:`.features`). A multinomial logistic model over direction-aware classes scores them; its
weights are plain JSON read with numpy alone (:mod:`.model`). :mod:`.apply` turns the scores into
``Relation`` values with evidence, so the usual resolution and merge path builds the graph.
Training (:mod:`graphmodel.training.train`) needs scikit-learn; inference does not.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SHIPPED_MODEL"]

# The model trained on the development sets (scripts/make_model.py); named here, apart from the modules
# that read it, so that naming it (a default argument) imports neither spaCy nor numpy.
SHIPPED_MODEL = Path(__file__).resolve().parents[2] / "data" / "relation_model.json"
