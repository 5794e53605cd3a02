"""Scoring a built graph against hand-annotated gold graphs."""

from __future__ import annotations

__all__: list[str] = []
