"""The in-memory graph, its JSON interchange file, and what is asked of it: selections and explanations."""

from __future__ import annotations

__all__: list[str] = []
