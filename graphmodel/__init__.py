"""graphmodel: news and analysis about international security in, an evidence-backed knowledge graph out."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
