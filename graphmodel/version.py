"""The version of graphmodel: of its extractor, graph file and relation models (``graphmodel.__version__``)."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"  # the same as pyproject.toml's project.version
