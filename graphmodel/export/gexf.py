"""GEXF 1.2 for Gephi, written with the networkx writer.

A GEXF graph has the scalar attributes of :func:`graphmodel.export.graphml.to_graphml_graph`
(lists as JSON strings, no None, no characters XML 1.0 forbids), with the names GEXF reserves
moved: it reserves ``label`` for the text a viewer shows and ``type`` for the edge direction, so
a node's ``label`` is its name and its entity label is the attribute ``entity_label``; an edge's
``label`` is its relationship type (also its ``networkx_key``) and its ``weight`` its confidence.
"""

from __future__ import annotations

import io

import networkx as nx

from graphmodel.export.graphml import to_graphml_graph

__all__ = ["dumps_gexf", "to_gexf_graph"]


def to_gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` in the shape of :func:`to_graphml_graph`, with GEXF's reserved names moved.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:a", label="Person", name="A", aliases=[], mentions=2, documents=[])
    >>> node = to_gexf_graph(g).nodes["person:a"]
    >>> node["label"], node["entity_label"]
    ('A', 'Person')
    """
    flat = to_graphml_graph(graph)
    for _, data in flat.nodes(data=True):
        data["entity_label"] = data.pop("label")
        data["label"] = data["name"]
    for _, _, data in flat.edges(data=True):
        data["label"] = data.pop("type")
        data["weight"] = data["confidence"]
    return flat


def dumps_gexf(graph: nx.MultiDiGraph) -> str:
    """The GEXF 1.2 document for ``graph`` (see the module docstring for the attributes)."""
    buffer = io.BytesIO()
    nx.write_gexf(to_gexf_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
