"""Learning extraction from annotations: training labels from gold graphs, the relation model, held-out folds."""

from __future__ import annotations

__all__: list[str] = []
