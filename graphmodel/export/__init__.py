"""Exports of a (sub)graph: one module per format, chosen by :mod:`graphmodel.export.write`."""

from __future__ import annotations

__all__: list[str] = []
