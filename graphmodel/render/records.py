"""The records the page script reads: compact nodes, edges and documents, and the ranking by degree.

The records carry data only; the page script (``templates/graph.js``) turns them into vis-network
items with the styles of :mod:`graphmodel.render.page` when it draws them, so a big graph's page
stays small and only the drawn part is ever built in the browser.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["curve_parallel_edges", "degree_ranks", "document_records", "edge_record", "node_record"]


def degree_ranks(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Every node's place when ranked by degree, then mentions, then key: 0 is the best connected.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> degree_ranks(g)
    {'b': 0, 'a': 1, 'c': 2}
    """
    degrees = dict(graph.degree())
    mentions = dict(graph.nodes(data="mentions", default=0))
    order = sorted(graph, key=lambda key: (-degrees[key], -int(mentions[key] or 0), key))
    return {key: rank for rank, key in enumerate(order)}


def node_record(key: str, attrs: dict[str, Any], size: float, position: tuple[float, float],
                degree: int, rank: int) -> dict[str, Any]:
    """A node as the page reads it: who it is, where it starts and how connected it is."""
    return {
        "id": key,
        "name": str(attrs.get("name") or "") or key,
        "kind": str(attrs.get("label") or ""),
        "aliases": [str(alias) for alias in attrs.get("aliases", [])],
        "mentions": int(attrs.get("mentions") or 0),
        "documents": [str(doc) for doc in attrs.get("documents", [])],
        "size": round(size, 1),
        "degree": degree,
        "rank": rank,
        "x": position[0],
        "y": position[1],
    }


def edge_record(number: int, source: str, target: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """An edge as the page reads it: its ends, type, confidence and evidence (document, sentence, rule)."""
    return {
        "id": f"e{number}",
        "from": source,
        "to": target,
        "type": str(attrs.get("type") or ""),
        "confidence": round(float(attrs.get("confidence") or 0.0), 4),
        "evidence": [{"doc": str(row.get("doc") or ""), "sentence": str(row.get("sentence") or ""),
                      "rule": str(row.get("rule") or "")} for row in attrs.get("evidence", [])],
    }


def curve_parallel_edges(edges: list[dict[str, Any]]) -> None:
    """Bend edges that share their two end nodes, each a little more, so none hides another."""
    seen: dict[frozenset[str], int] = {}
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        seen[pair] = seen.get(pair, -1) + 1
        if seen[pair]:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * seen[pair]}


def document_records(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Title, date, path and url of the documents the nodes and evidence cite (a subgraph cites fewer),
    and for an article republished elsewhere the titles of its copies (``copies``)."""
    cited = {doc for _, docs in graph.nodes(data="documents", default=[]) for doc in docs}
    cited |= {row.get("doc") for *_, rows in graph.edges(data="evidence", default=[]) for row in rows}
    metadata = graph.graph.get("documents", {})

    def title(doc: str) -> str:
        row = metadata.get(doc, {})
        return str(row.get("title") or row.get("path") or doc)

    copies: dict[str, list[str]] = {}
    for doc, row in metadata.items():
        if row.get("copy_of"):
            copies.setdefault(row["copy_of"], []).append(f"{title(doc)} ({row.get('path') or doc})")
    return {
        str(doc): {
            "title": title(doc),
            "date": str(row.get("date") or ""),
            "path": str(row.get("path") or ""),
            "url": str(row.get("url") or ""),
            "copies": sorted(copies.get(doc, [])),
        }
        for doc, row in metadata.items()
        if doc in cited
    }
