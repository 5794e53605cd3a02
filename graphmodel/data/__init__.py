"""Data files: gazetteers, word lists and relation triggers read by the rule extractor."""

from __future__ import annotations

__all__: list[str] = []
