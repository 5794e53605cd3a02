"""GraphML 1.0 for Gephi, yEd and Cytoscape.

Ids. A node's id is its entity key; an edge's id is :func:`edge_id` of its source key, type and
target key (``person:pete-hegseth--AFFILIATED_WITH--country:united-states``), so it is unique in
the file (one relationship per source, type and target) and the same in every build. For entity
keys both are XML ``NMTOKEN``\\ s, as the schema asks. Nodes are written sorted by key, edges by
source, type and target.

Attributes. GraphML holds only scalars, so every list is a JSON string (``aliases``, ``documents``,
``evidence_sentences`` and ``evidence``, the full evidence dicts); ``json.loads`` reads it back.
No value is ever missing, and characters that XML 1.0 forbids are removed from text. Each key's
``id`` is its ``attr.name`` (the edge label's excepted: key ids are unique across nodes and edges):

- node ``label`` (string): the entity's name, which Gephi's importer shows as the node's Label;
- node :data:`NODE_KEYS`: ``entity_label`` (Person, Country…), ``name``, ``aliases``, ``mentions``, ``documents``;
- edge ``edge_label`` (attr.name ``label``, string): the relationship type, Gephi's edge Label;
- edge ``weight`` (double): the confidence, Gephi's edge Weight;
- edge :data:`EDGE_KEYS`: ``relationship_type``, ``confidence``, ``evidence_sentences``, ``evidence``.

Gephi fills its own columns (Id, Label, Interval, Weight) from keys of certain names and drops a
column whose id is one of its own (:data:`GEPHI_RESERVED`); only the node and edge ``label`` and
the edge ``weight`` use such names, for the columns they are meant for.

:mod:`graphmodel.export.gexf` writes the same attributes under the same names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graphmodel.export.xmltext import DECLARATION, Scalar, clean, element, scalar, start_tag

__all__ = ["EDGE_KEYS", "GEPHI_RESERVED", "NODE_KEYS", "dumps_graphml", "edge_id", "edge_rows", "node_rows"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_ROOT = {
    "xmlns": GRAPHML_NS,
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
}

# (name, GraphML attr.type) of the attributes every node and edge carries, in file order.
NODE_KEYS = (("entity_label", "string"), ("name", "string"), ("aliases", "string"), ("mentions", "int"),
             ("documents", "string"))
EDGE_KEYS = (("relationship_type", "string"), ("confidence", "double"), ("evidence_sentences", "string"),
             ("evidence", "string"))
# (key id, for, attr.name, attr.type) of every key, in file order.
_KEYS = (
    ("label", "node", "label", "string"), *((name, "node", name, kind) for name, kind in NODE_KEYS),
    ("edge_label", "edge", "label", "string"), ("weight", "edge", "weight", "double"),
    *((name, "edge", name, kind) for name, kind in EDGE_KEYS),
)  # fmt: skip
# Names Gephi treats specially: its own columns (Id, Label, Interval/Timeset, Weight; column ids are
# case-insensitive) and the keys its GraphML importer turns into node or edge properties.
GEPHI_RESERVED = frozenset({
    "id", "label", "weight", "interval", "timeset", "timestamp", "type", "d3", "d7", "x", "y", "z", "xpos", "ypos",
    "size", "r", "g", "b", "color", "edgelabel", "edgeid", "edge weight",
})  # fmt: skip
_SEPARATOR = "--"

Row = tuple[str, dict[str, Scalar]]  # (id, attribute values)
EdgeRow = tuple[str, str, str, str, dict[str, Scalar]]  # (id, source, target, type, attribute values)


def dumps_graphml(graph: nx.MultiDiGraph) -> str:
    """The GraphML document for ``graph`` (see the module docstring).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:a", label="Person", name="A", aliases=[], mentions=1, documents=[])
    >>> _ = g.add_edge("person:a", "person:a", key="MET_WITH", type="MET_WITH", confidence=0.5, evidence=[])
    >>> [line.strip() for line in dumps_graphml(g).splitlines() if "<edge" in line]
    ['<edge id="person:a--MET_WITH--person:a" source="person:a" target="person:a">']
    """
    lines = [DECLARATION, start_tag("graphml", _ROOT)]
    for key, scope, name, kind in _KEYS:
        lines.append("  " + start_tag("key", {"id": key, "for": scope, "attr.name": name, "attr.type": kind},
                                      empty=True))
    lines.append('  <graph id="G" edgedefault="directed">')
    for key, values in node_rows(graph):
        lines.append("    " + start_tag("node", {"id": key}))
        lines += _data({"label": values["name"], **values})
        lines.append("    </node>")
    for identifier, source, target, rtype, values in edge_rows(graph):
        lines.append("    " + start_tag("edge", {"id": identifier, "source": source, "target": target}))
        lines += _data({"edge_label": rtype, "weight": values["confidence"], **values})
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _data(values: dict[str, Scalar]) -> Iterator[str]:
    for key, value in values.items():
        yield "      " + element("data", {"key": key}, scalar(value))


def node_rows(graph: nx.MultiDiGraph) -> Iterator[Row]:
    """Each node's id and :data:`NODE_KEYS` values, sorted by key.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:a", label="Person", name="A", aliases=["Al"], mentions=2, documents=["d1"])
    >>> list(node_rows(g))
    [('person:a', {'entity_label': 'Person', 'name': 'A', 'aliases': '["Al"]', 'mentions': 2, 'documents': '["d1"]'})]
    """
    for key, data in sorted(graph.nodes(data=True)):
        yield clean(key), {
            "entity_label": clean(data.get("label")),
            "name": clean(data.get("name")),
            "aliases": _json(data.get("aliases") or []),
            "mentions": int(data.get("mentions") or 0),
            "documents": _json(data.get("documents") or []),
        }


def edge_rows(graph: nx.MultiDiGraph) -> Iterator[EdgeRow]:
    """Each relationship's id (:func:`edge_id`), ends, type and :data:`EDGE_KEYS` values, sorted by
    (source, type, target)."""
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    triples = [(clean(s), clean(k), clean(t)) for s, t, k, _ in edges]
    for (source, rtype, target), identifier, (_, _, _, data) in zip(triples, _unique_ids(triples), edges, strict=True):
        evidence = data.get("evidence") or []
        yield identifier, source, target, rtype, {
            "relationship_type": rtype,
            "confidence": float(data.get("confidence") or 0.0),
            "evidence_sentences": _json([e.get("sentence") or "" for e in evidence]),
            "evidence": _json(evidence),
        }


def edge_id(source: str, rtype: str, target: str) -> str:
    """The id of a relationship in GraphML and GEXF: its ends' keys and its type, joined by ``--``.

    Entity keys (``label:slug``) and types (``UPPER_SNAKE``) never contain ``--``, so different
    relationships get different ids, and the same relationship the same id in every build.

    >>> edge_id("person:pete-hegseth", "VISITS", "country:panama")
    'person:pete-hegseth--VISITS--country:panama'
    """
    return _SEPARATOR.join((source, rtype, target))


def _unique_ids(triples: Iterable[tuple[str, str, str]]) -> Iterator[str]:
    """:func:`edge_id` of each triple, with ``--2``, ``--3``… added should keys that are not entity keys collide.

    >>> list(_unique_ids([("a--X", "Y", "b"), ("a", "X", "Y--b")]))
    ['a--X--Y--b', 'a--X--Y--b--2']
    """
    seen: set[str] = set()
    for triple in triples:
        identifier = base = edge_id(*triple)
        number = 1
        while identifier in seen:
            number += 1
            identifier = f"{base}{_SEPARATOR}{number}"
        seen.add(identifier)
        yield identifier


def _json(value: Any) -> str:
    r"""JSON text, readable (non-ASCII kept) and valid in XML (json escapes control characters).

    >>> _json(["Bogotá", "a\nb"])
    '["Bogotá", "a\\nb"]'
    """
    return clean(json.dumps(value, ensure_ascii=False))
