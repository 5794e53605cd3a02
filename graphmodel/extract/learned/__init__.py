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

__all__: list[str] = []
