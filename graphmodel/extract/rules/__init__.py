"""The rules backend: spaCy parsing plus gazetteers, patterns and trigger lexicons from data files."""

from __future__ import annotations

__all__: list[str] = []
