"""The JSON interchange file: ``documents``, ``nodes`` and ``edges``, documented in the README.

The file round-trips without loss: ``read(write(graph))`` gives a graph with the same nodes,
edges, attributes and documents.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.errors import GraphFileError
from graphmodel.graph.core import new_graph
from graphmodel.schema import EDGE_FIELDS, NODE_FIELDS, EntityLabel, RelationType

__all__ = ["FORMAT", "dumps", "loads", "read", "write"]

FORMAT = "graphmodel-graph/1"
_NODE_FIELDS = ("id", *NODE_FIELDS[1:])  # the file calls the key "id"
_EDGE_FIELDS = EDGE_FIELDS


def dumps(graph: nx.MultiDiGraph) -> str:
    """Serialise a graph to the interchange JSON text (sorted, so that equal graphs give equal text).

    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name="Panama", aliases=[], mentions=1, documents=[])
    >>> loads(dumps(g)).nodes["country:panama"]["name"]
    'Panama'
    """
    nodes = [{"id": key, **{f: data[f] for f in _NODE_FIELDS[1:]}} for key, data in graph.nodes(data=True)]
    edges = [
        {"source": s, "target": t, **{f: data[f] for f in _EDGE_FIELDS[2:]}}
        for s, t, data in graph.edges(data=True)
    ]
    documents = sorted(graph.graph.get("documents", {}).values(), key=lambda d: (d.get("path") or "", d["id"]))
    payload = {
        "format": FORMAT,
        **({"extractor": graph.graph["extractor"]} if graph.graph.get("extractor") else {}),
        "documents": documents,
        "nodes": sorted(nodes, key=lambda n: n["id"]),
        "edges": sorted(edges, key=lambda e: (e["source"], e["type"], e["target"])),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


def loads(text: str, origin: str = "graph file") -> nx.MultiDiGraph:
    """Parse interchange JSON text into a graph.

    Raises:
        GraphFileError: the text is not JSON or not in the interchange format.
    """
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise GraphFileError(f"{origin} is not valid JSON ({error}); rebuild it with `graphmodel build`") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("nodes"), list):
        raise GraphFileError(f"{origin} has no `nodes` list; is it a graph written by `graphmodel build`?")
    graph = new_graph()
    if isinstance(payload.get("extractor"), str):
        graph.graph["extractor"] = payload["extractor"]
    try:
        for row in payload.get("documents", []):
            graph.graph["documents"][row["id"]] = dict(row)
        for row in payload["nodes"]:
            EntityLabel(row["label"])
            graph.add_node(row["id"], **{f: row.get(f, _default(f)) for f in _NODE_FIELDS[1:]})
        for row in payload.get("edges", []):
            _check_edge(row, graph)
            graph.add_edge(row["source"], row["target"], key=row["type"],
                           **{f: row.get(f, _default(f)) for f in _EDGE_FIELDS[2:]})
    except (KeyError, TypeError, ValueError) as error:
        raise GraphFileError(f"{origin} is not a graphmodel graph: bad node or edge ({error!r})") from error
    return graph


def _default(field: str) -> Any:
    return {"aliases": [], "documents": [], "evidence": [], "mentions": 0, "confidence": 0.5}.get(field)


def _check_edge(row: dict[str, Any], graph: nx.MultiDiGraph) -> None:
    RelationType(row["type"])
    for end in (row["source"], row["target"]):
        if end not in graph:
            raise ValueError(f"edge names unknown node {end!r}")


def read(path: Path) -> nx.MultiDiGraph:
    """Read an interchange file.

    Raises:
        GraphFileError: the file is missing, unreadable or not a graph.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GraphFileError(f"cannot read graph file {path}: {error}") from error
    return loads(text, origin=str(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Write an interchange file atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dumps(graph))
            handle.write("\n")
        os.chmod(tmp, 0o644 & ~_umask())  # mkstemp creates files readable by their owner only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
