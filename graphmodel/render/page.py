"""The interactive HTML page: one self-contained, offline file analysts open in a browser.

The vis-network node and edge records are built here (pyvis's ``Network`` checks every new node
and edge against a list, quadratic in the graph's size); the page itself comes from our own Jinja
template (``templates/graph.html.j2``) rendered with autoescape on. vis-network's script and style
are inlined from the copy pyvis ships, so the page loads nothing over the network, and a
Content-Security-Policy that allows only those inline scripts (by hash) enforces it. All graph
text travels as JSON in a ``<script type="application/json">`` element, and the page script
(``templates/graph.js``) puts it into the DOM with ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.graph.graphfile import write_text
from graphmodel.render.layout import layout_positions
from graphmodel.schema import LABELS, RELATION_TYPES, TYPE_GROUPS

__all__ = [
    "LABEL_STYLES",
    "TYPE_STYLES",
    "EdgeStyle",
    "NodeStyle",
    "dumps_html",
    "node_size",
    "render_html",
    "script_json",
]

_TEMPLATES = Path(__file__).parent / "templates"
_VIS_DIR = "lib/vis-9.1.2"


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How a node label is drawn: fill colour and vis-network shape."""

    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How a relationship type is drawn: line colour and whether it points (symmetric types do not)."""

    color: str
    arrow: bool = True


# Colours and shapes come from the schema (Okabe-Ito colours; shapes repeat the cue).
LABEL_STYLES: dict[str, NodeStyle] = {label: NodeStyle(spec.color, spec.shape) for label, spec in LABELS.items()}
_OTHER_LABEL = NodeStyle("#999999", "dot")

TYPE_STYLES: dict[str, EdgeStyle] = {  # in legend order: by group (conflict first), then schema order
    rtype: EdgeStyle(spec.color, arrow=not spec.symmetric)
    for rtype, spec in sorted(RELATION_TYPES.items(), key=lambda item: TYPE_GROUPS.index(item[1].group))
}
_OTHER_TYPE = EdgeStyle("#9AA3AD")


def render_html(
    graph: nx.MultiDiGraph, path: Path, *, title: str = "graphmodel", physics_threshold: int = 300
) -> Path:
    """Write the graph as one interactive, offline HTML page (:func:`dumps_html`), replaced atomically.

    Returns:
        ``path``; its folder is created if needed.
    """
    html = dumps_html(graph, title=title, physics_threshold=physics_threshold)
    return write_text(Path(path), html)  # atomically: a reader never sees half a page


def dumps_html(graph: nx.MultiDiGraph, *, title: str = "graphmodel", physics_threshold: int = 300) -> str:
    """The graph as one interactive, offline HTML page: every script, style and datum inline.

    Every node gets a position from :func:`layout_positions`. Graphs with more than
    ``physics_threshold`` nodes are drawn there with physics off; smaller ones start there, let
    vis-network's physics settle them (at most 200 iterations), then switch physics off.

    Args:
        graph: a graph as built by :func:`graphmodel.graph.core.to_networkx` (or a subgraph of one).
        title: the corpus name shown in the header and the browser tab.
        physics_threshold: the largest node count that is laid out in the browser.
    """
    physics = 0 < len(graph) <= physics_threshold
    data = _page_data(graph, title=title, physics=physics)
    return str(
        _template().render(
            title=title,
            built=data["built"],
            node_count=graph.number_of_nodes(),
            edge_count=graph.number_of_edges(),
            labels=_legend(graph, "label", LABEL_STYLES, _OTHER_LABEL),
            types=_legend(graph, "type", TYPE_STYLES, _OTHER_TYPE),
            data=_markup(script_json(data)),
            **_assets(),
        )
    )


def _page_data(graph: nx.MultiDiGraph, *, title: str, physics: bool) -> dict[str, Any]:
    """Everything the page script reads: vis-network records, documents and options."""
    positions = layout_positions(graph)  # physics, when on, starts from here: it settles sooner
    degrees = dict(graph.degree())
    top = max(degrees.values(), default=0)
    nodes = [
        _node_record(key, attrs, node_size(degrees[key], top), positions[key]) for key, attrs in graph.nodes(data=True)
    ]
    edges = [_edge_record(number, s, t, attrs) for number, (s, t, attrs) in enumerate(graph.edges(data=True))]
    _curve_parallel_edges(edges)
    return {
        "title": title,
        "built": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "physics": physics,
        "nodes": nodes,
        "edges": edges,
        "documents": _documents(graph),
        "options": _vis_options(physics),
    }


def node_size(degree: int, max_degree: int) -> float:
    """Node radius in pixels: 10 for an isolated node up to 34 for the best-connected one.

    >>> node_size(0, 0), node_size(4, 16), node_size(16, 16)
    (10.0, 22.0, 34.0)
    """
    return 10.0 + 24.0 * math.sqrt(degree / max_degree) if max_degree else 10.0


def _node_record(key: str, attrs: dict[str, Any], size: float, position: tuple[float, float]) -> dict[str, Any]:
    """A vis-network node, its keys in the order pyvis wrote them (the page used to be built with it)."""
    style = LABEL_STYLES.get(attrs.get("label", ""), _OTHER_LABEL)
    return {
        "color": style.color,
        "size": round(size, 1),
        "name": str(attrs.get("name") or ""),
        "kind": str(attrs.get("label") or ""),
        "aliases": [str(alias) for alias in attrs.get("aliases", [])],
        "mentions": int(attrs.get("mentions") or 0),
        "documents": [str(doc) for doc in attrs.get("documents", [])],
        "x": position[0],
        "y": position[1],
        "id": key,
        "label": str(attrs.get("name") or "") or key,
        "shape": style.shape,
    }


def _edge_record(number: int, source: str, target: str, attrs: dict[str, Any]) -> dict[str, Any]:
    style = TYPE_STYLES.get(attrs.get("type", ""), _OTHER_TYPE)
    confidence = float(attrs.get("confidence") or 0.0)
    return {
        "id": f"e{number}",
        "type": str(attrs.get("type") or ""),
        "confidence": round(confidence, 4),
        "evidence": [dict(evidence) for evidence in attrs.get("evidence", [])],
        "color": {"color": style.color, "highlight": style.color, "hover": style.color, "opacity": 1.0},
        "width": round(1.0 + 2.5 * confidence, 2),
        "arrows": {"to": {"enabled": style.arrow, "scaleFactor": 0.6}},
        "from": source,
        "to": target,
    }


def _curve_parallel_edges(edges: list[dict[str, Any]]) -> None:
    """Bend edges that share their two end nodes, each a little more, so none hides another."""
    seen: dict[frozenset[str], int] = {}
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        seen[pair] = seen.get(pair, -1) + 1
        if seen[pair]:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * seen[pair]}


def _documents(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
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


def _vis_options(physics: bool) -> dict[str, Any]:
    """The vis-network options: settle small graphs with physics, draw big ones where placed.

    >>> _vis_options(False)["physics"]
    {'enabled': False}
    """
    big = not physics
    settle = {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110, "avoidOverlap": 0.5},
        "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50, "fit": True},
    }
    return {
        "autoResize": True,
        "layout": {"randomSeed": 1, "improvedLayout": physics},
        "physics": settle if physics else {"enabled": False},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3, "font": {"size": 13, "color": "#222222"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }


def _legend(graph: nx.MultiDiGraph, attr: str, styles: dict[str, Any], other: Any) -> list[dict[str, Any]]:
    """The labels (or types) present, in schema order, with their style and count."""
    values = graph.nodes(data=attr) if attr == "label" else graph.edges(data=attr)
    counts: dict[str, int] = {}
    for *_, value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    order = [name for name in styles if name in counts] + sorted(set(counts) - set(styles))
    return [{"name": name, "count": counts[name], "style": styles.get(name, other)} for name in order]


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` become escapes.

    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _assets() -> dict[str, Any]:
    """The inlined scripts and styles, and a Content-Security-Policy that allows only those scripts."""
    import pyvis

    vis = Path(pyvis.__file__).parent / _VIS_DIR
    scripts = [(vis / "vis-network.min.js").read_text(encoding="utf-8"), (_TEMPLATES / "graph.js").read_text("utf-8")]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    csp = f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
    return {
        "csp": csp,
        "vis_js": _markup(scripts[0]),
        "page_js": _markup(scripts[1]),
        "vis_css": _markup((vis / "vis-network.css").read_text(encoding="utf-8")),
        "page_css": _markup((_TEMPLATES / "graph.css").read_text(encoding="utf-8")),
    }


def _markup(trusted: str) -> Any:
    """Mark text as safe for the template: only our own files and :func:`script_json` output."""
    from markupsafe import Markup

    return Markup(trusted)


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, undefined=StrictUndefined)
    return environment.get_template("graph.html.j2")
