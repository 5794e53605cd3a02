"""The interactive HTML page and its layout."""

from __future__ import annotations

__all__: list[str] = []
