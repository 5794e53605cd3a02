"""graphmodel: news and analysis about international security in, an evidence-backed knowledge graph out.

    >>> import graphmodel
    >>> graph = graphmodel.build(["NATO allies met in Brussels.", Path("reports/")])   # doctest: +SKIP
    >>> graph.query("MATCH (c:Country) RETURN c.name")                               # doctest: +SKIP

``build``, ``read`` and ``Graph`` are :mod:`graphmodel.api`'s, imported on first use so that
``import graphmodel`` stays light.
"""

from __future__ import annotations

from typing import Any

from graphmodel.version import __version__

__all__ = ["Graph", "__version__", "build", "read"]


def __getattr__(name: str) -> Any:
    if name in {"Graph", "build", "read"}:
        import graphmodel.api

        return getattr(graphmodel.api, name)
    raise AttributeError(f"module 'graphmodel' has no attribute {name!r}")
