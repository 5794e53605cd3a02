"""GraphML for yEd, Gephi and Cytoscape, written with the networkx writer.

GraphML holds only scalar attributes, so every list is written as a JSON string (``aliases``,
``documents``, ``evidence_sentences`` and ``evidence``, the full evidence dicts): JSON is
unambiguous where evidence sentences contain ``;`` or ``,``, and ``json.loads`` reads it back.
No attribute is ever None, and characters that XML 1.0 forbids are removed from text.

GraphML keeps the graph's names: node ``label`` (the entity label), ``name``, ``aliases``,
``mentions``, ``documents``; edge id and ``type`` (the relationship type), ``confidence``,
``evidence_sentences``, ``evidence``. :mod:`graphmodel.export.gexf` starts from the same
flattened graph (:func:`to_graphml_graph`).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

__all__ = ["dumps_graphml", "to_graphml_graph"]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with only the scalar attributes GraphML can hold.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:a", label="Person", name="A", aliases=["Al"], mentions=2, documents=["d1"])
    >>> to_graphml_graph(g).nodes["person:a"]["aliases"]
    '["Al"]'
    """
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((key, _node_attributes(data)) for key, data in graph.nodes(data=True))
    flat.add_edges_from((s, t, k, _edge_attributes(k, d)) for s, t, k, d in graph.edges(keys=True, data=True))
    return flat


def dumps_graphml(graph: nx.MultiDiGraph) -> str:
    """The GraphML document for ``graph`` (see the module docstring for the attributes)."""
    buffer = io.BytesIO()
    nx.write_graphml(to_graphml_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _node_attributes(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "label": _text(data.get("label")),
        "name": _text(data.get("name")),
        "aliases": _json(data.get("aliases") or []),
        "mentions": int(data.get("mentions") or 0),
        "documents": _json(data.get("documents") or []),
    }


def _edge_attributes(key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    evidence = data.get("evidence") or []
    return {
        "type": _text(data.get("type") or key),
        "confidence": float(data.get("confidence") or 0.0),
        "evidence_sentences": _json([e.get("sentence") or "" for e in evidence]),
        "evidence": _json(evidence),
    }


def _text(value: Any) -> str:
    """A string without the characters XML 1.0 forbids; None becomes "".

    >>> _text("a\\x0bb"), _text(None)
    ('ab', '')
    """
    return "" if value is None else _XML_FORBIDDEN.sub("", str(value))


def _json(value: Any) -> str:
    r"""JSON text, readable (non-ASCII kept) and valid in XML (json escapes control characters).

    >>> _json(["Bogotá", "a\nb"])
    '["Bogotá", "a\\nb"]'
    """
    return _text(json.dumps(value, ensure_ascii=False))
