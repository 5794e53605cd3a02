"""The JSON interchange file: ``documents``, ``nodes`` and ``edges``, documented in the README.

The file round-trips without loss: ``read(write(graph))`` gives a graph with the same nodes,
edges, attributes and documents.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.errors import GraphFileError
from graphmodel.graph.core import new_graph
from graphmodel.graph.graphschema import FORMAT, graph_schema
from graphmodel.schema import EDGE_FIELDS, NODE_FIELDS, SEEN_FIELDS

__all__ = ["FORMAT", "dumps", "json_path", "loads", "read", "schema_problem", "write", "write_text"]

_NODE_FIELDS = ("id", *NODE_FIELDS[1:])  # the file calls the key "id"
_EDGE_FIELDS = EDGE_FIELDS


def dumps(graph: nx.MultiDiGraph) -> str:
    """Serialise a graph to the interchange JSON text (sorted, so that equal graphs give equal text).

    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name="Panama", aliases=[], mentions=1, documents=[])
    >>> loads(dumps(g)).nodes["country:panama"]["name"]
    'Panama'
    """
    nodes = [{"id": key, **{f: _value(data, f) for f in _NODE_FIELDS[1:]}} for key, data in graph.nodes(data=True)]
    edges = [
        {"source": s, "target": t, **{f: _value(data, f) for f in _EDGE_FIELDS[2:]}}
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


def _value(data: dict[str, Any], field: str) -> Any:
    # A graph built by hand, or read from an older file, may lack the dates; every other field is required.
    return data.get(field) if field in SEEN_FIELDS else data[field]


def loads(text: str, origin: str = "graph file") -> nx.MultiDiGraph:
    """Parse interchange JSON text into a graph, after checking it against ``docs/graph.schema.json``.

    >>> loads('{"nodes": [{"id": "x", "label": "Person", "name": null}]}')
    Traceback (most recent call last):
    graphmodel.errors.GraphFileError: graph file is not a graphmodel graph: nodes[0].name: None is not of type 'string'

    Raises:
        GraphFileError: the text is not JSON, or not in the interchange format; the message names
            the first offending field by its JSON path, e.g. ``edges[3].confidence``.
    """
    try:
        payload = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise GraphFileError(f"{origin} is not valid JSON ({error}); rebuild it with `graphmodel build`") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("nodes"), list):
        raise GraphFileError(f"{origin} has no `nodes` list; is it a graph written by `graphmodel build`?")
    problem = schema_problem(payload) or _reference_problem(payload)
    if problem:
        raise GraphFileError(f"{origin} is not a graphmodel graph: {problem}")
    return _to_graph(payload)


class _NotANumber:
    """What the parser makes of NaN and Infinity: a value no schema type accepts, named as written."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _refuse_constant(name: str) -> _NotANumber:
    # Python's json accepts NaN and Infinity; JSON does not. The schema then refuses the value where it stands.
    return _NotANumber(name)


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(graph_schema())


def schema_problem(payload: Any) -> str | None:
    """The first place where ``payload`` breaks the schema, as ``path: message``; None if it fits.

    >>> schema_problem({"nodes": [], "edges": [{"source": "a", "target": "b", "type": "HOSTS", "confidence": "high"}]})
    "edges[0].confidence: 'high' is not of type 'number'"
    """
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(payload))
    if error is None:
        return None
    message = error.message.splitlines()[0]
    if isinstance(error.instance, _NotANumber):
        message = f"{error.instance!r} is not allowed (JSON has no NaN or Infinity)"
    return f"{json_path(error.absolute_path)}: {message}"


def json_path(parts: Iterable[str | int]) -> str:
    """A JSON path as people write it.

    >>> json_path(["edges", 3, "confidence"]), json_path([])
    ('edges[3].confidence', 'top level')
    """
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts).lstrip(".")
    return text or "top level"


def _reference_problem(payload: dict[str, Any]) -> str | None:
    """Duplicate node ids, duplicate edges and edges that name unknown nodes, which the schema cannot say."""
    ids: set[str] = set()
    for number, node in enumerate(payload["nodes"]):
        if node["id"] in ids:
            return f"nodes[{number}].id: duplicate node id {node['id']!r}"
        ids.add(node["id"])
    edges: set[tuple[str, str, str]] = set()
    for number, edge in enumerate(payload.get("edges", [])):
        for end in ("source", "target"):
            if edge[end] not in ids:
                return f"edges[{number}].{end}: unknown node {edge[end]!r}"
        triple = (edge["source"], edge["type"], edge["target"])
        if triple in edges:
            return f"edges[{number}]: duplicate edge {' '.join(triple)}"
        edges.add(triple)
    return None


def _to_graph(payload: dict[str, Any]) -> nx.MultiDiGraph:
    graph = new_graph()
    if "extractor" in payload:
        graph.graph["extractor"] = payload["extractor"]
    for row in payload.get("documents", []):
        graph.graph["documents"][row["id"]] = dict(row)
    for row in payload["nodes"]:
        graph.add_node(row["id"], **{f: row.get(f, _default(f)) for f in _NODE_FIELDS[1:]})
    for row in payload.get("edges", []):
        graph.add_edge(row["source"], row["target"], key=row["type"],
                       **{f: row.get(f, _default(f)) for f in _EDGE_FIELDS[2:]})
    return graph


def _default(field: str) -> Any:
    return {"aliases": [], "documents": [], "evidence": [], "mentions": 0, "confidence": 0.5}.get(field)


def read(path: Path) -> nx.MultiDiGraph:
    """Read an interchange file.

    Raises:
        GraphFileError: the file is missing, unreadable or not a graph.
    """
    if not Path(path).exists():
        raise GraphFileError(f"no graph file at {path}; run `graphmodel build` first, or name the build with --graph")
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
    """Write an interchange file atomically (see :func:`write_text`)."""
    return write_text(path, dumps(graph) + "\n")


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically: into a temporary file beside it, flushed, then renamed into place.

    A reader sees the old file or the new one, never a part; an interrupted write leaves the old file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 & ~_umask())  # mkstemp creates files readable by their owner only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
