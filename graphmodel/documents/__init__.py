"""Reading documents: files and folders of .txt, .md and .html into ``Document`` values with blocks."""

from __future__ import annotations

__all__: list[str] = []
