"""GEXF 1.2 (namespace ``http://www.gexf.net/1.2draft``) for Gephi.

Nodes and edges have the ids of :mod:`graphmodel.export.graphml` (the entity key, and
:func:`~graphmodel.export.graphml.edge_id` of source, type and target) and its attributes, as
``<attvalue>``\\ s of attributes whose ``id`` and ``title`` are the names GraphML uses (see
:data:`~graphmodel.export.graphml.NODE_KEYS` and :data:`~graphmodel.export.graphml.EDGE_KEYS`;
GEXF types ``string``, ``integer``, ``double``). What Gephi shows goes where GEXF puts it: a
node's ``label`` is the entity's name, an edge's ``label`` its relationship type and its
``weight`` its confidence. No attribute is named after a Gephi column (Id, Label, Interval,
Weight) or GEXF's edge ``type`` (the direction); the graph is directed.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from graphmodel.export.graphml import EDGE_KEYS, NODE_KEYS, edge_rows, node_rows
from graphmodel.export.xmltext import DECLARATION, Scalar, scalar, start_tag

__all__ = ["GEXF_NS", "dumps_gexf"]

GEXF_NS = "http://www.gexf.net/1.2draft"
_ROOT = {
    "xmlns": GEXF_NS,
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": f"{GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd",
    "version": "1.2",
}
_GEXF_TYPES = {"string": "string", "int": "integer", "double": "double"}


def dumps_gexf(graph: nx.MultiDiGraph) -> str:
    """The GEXF document for ``graph`` (see the module docstring).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:a", label="Person", name="A", aliases=[], mentions=1, documents=[])
    >>> [line.strip() for line in dumps_gexf(g).splitlines() if "<node " in line]
    ['<node id="person:a" label="A">']
    """
    lines = [DECLARATION, start_tag("gexf", _ROOT), "  <meta>", "    <creator>graphmodel</creator>", "  </meta>",
             '  <graph defaultedgetype="directed" mode="static">']
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        lines.append(f'    <attributes class="{scope}" mode="static">')
        lines += [f'      <attribute id="{name}" title="{name}" type="{_GEXF_TYPES[kind]}" />' for name, kind in keys]
        lines.append("    </attributes>")
    lines.append("    <nodes>")
    for key, values in node_rows(graph):
        lines.append("      " + start_tag("node", {"id": key, "label": str(values["name"])}))
        lines += _attvalues(values)
        lines.append("      </node>")
    lines += ["    </nodes>", "    <edges>"]
    for identifier, source, target, rtype, values in edge_rows(graph):
        shown = {"label": rtype, "weight": scalar(values["confidence"])}
        lines.append("      " + start_tag("edge", {"id": identifier, "source": source, "target": target, **shown}))
        lines += _attvalues(values)
        lines.append("      </edge>")
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(lines)


def _attvalues(values: dict[str, Scalar]) -> Iterator[str]:
    yield "        <attvalues>"
    for name, value in values.items():
        yield "          " + start_tag("attvalue", {"for": name, "value": scalar(value)}, empty=True)
    yield "        </attvalues>"
