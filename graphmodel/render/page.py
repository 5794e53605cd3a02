"""The interactive HTML page: one self-contained, offline file analysts open in a browser.

Compact node, edge and document records (:mod:`graphmodel.render.records`) and the styles below
travel as JSON in a ``<script type="application/json">`` element; the page scripts
(``templates/graph.js``, ``panel.js``, ``view.js``) build vis-network items only for the part of
the graph they draw and put text into the DOM with ``textContent`` only. The page comes from our
own Jinja template (``templates/graph.html.j2``) rendered with autoescape on. vis-network's script
and style are inlined from the copy pyvis ships, so the page loads nothing over the network, and a
Content-Security-Policy that allows only those inline scripts (by hash) enforces it. A graph above
``detail_threshold`` nodes opens on its best-connected part (:func:`view_options`)."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.graph.graphfile import write_text
from graphmodel.render.evidence import describe_rule
from graphmodel.render.layout import layout_positions
from graphmodel.render.records import curve_parallel_edges, degree_ranks, document_records, edge_record, node_record
from graphmodel.schema import LABELS, RELATION_TYPES, TYPE_GROUPS

__all__ = [
    "DETAIL_THRESHOLD",
    "LABEL_STYLES",
    "TYPE_STYLES",
    "EdgeStyle",
    "NodeStyle",
    "dumps_html",
    "node_size",
    "caption",
    "render_html",
    "script_json",
    "view_options",
]

_TEMPLATES = Path(__file__).parent / "templates"
_SCRIPTS = ("graph.js", "panel.js", "view.js")  # the page script, in the order they run
DETAIL_THRESHOLD = 2000  # above this many nodes the page opens on the most connected part
DETAIL_START = 500  # how many of the best-connected nodes it opens on
LABEL_TOP = 30  # how many of the best-connected nodes are labelled at full-graph zoom
LABEL_SCALE = 0.75  # the zoom from which every node is labelled and every edge captioned
ISOLATED_THRESHOLD = 100  # above this many nodes, nodes without relationships start hidden
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
    group: str = "other"


# Colours and shapes come from the schema (Okabe-Ito colours; shapes repeat the cue).
LABEL_STYLES: dict[str, NodeStyle] = {label: NodeStyle(spec.color, spec.shape) for label, spec in LABELS.items()}
_OTHER_LABEL = NodeStyle("#999999", "dot")

TYPE_STYLES: dict[str, EdgeStyle] = {  # in legend order: by group (conflict first), then schema order
    rtype: EdgeStyle(spec.color, arrow=not spec.symmetric, group=spec.group)
    for rtype, spec in sorted(RELATION_TYPES.items(), key=lambda item: TYPE_GROUPS.index(item[1].group))
}
_OTHER_TYPE = EdgeStyle("#9AA3AD")


def render_html(
    graph: nx.MultiDiGraph, path: Path, *, title: str = "graphmodel", physics_threshold: int = 300,
    detail_threshold: int = DETAIL_THRESHOLD,
) -> Path:
    """Write the graph as one interactive, offline HTML page (:func:`dumps_html`), replaced atomically.

    Returns:
        ``path``; its folder is created if needed.
    """
    html = dumps_html(graph, title=title, physics_threshold=physics_threshold, detail_threshold=detail_threshold)
    return write_text(Path(path), html)  # atomically: a reader never sees half a page


def dumps_html(
    graph: nx.MultiDiGraph, *, title: str = "graphmodel", physics_threshold: int = 300,
    detail_threshold: int = DETAIL_THRESHOLD,
) -> str:
    """The graph as one interactive, offline HTML page: every script, style and datum inline.

    Every node gets a position from :func:`layout_positions`. Graphs with more than
    ``physics_threshold`` nodes are drawn there with physics off; smaller ones start there, let
    vis-network's physics settle them (at most 200 iterations), then switch physics off.

    Args:
        graph: a graph as built by :func:`graphmodel.graph.core.to_networkx` (or a subgraph of one).
        title: the corpus name shown in the header and the browser tab.
        physics_threshold: the largest node count that is laid out in the browser.
        detail_threshold: the largest node count drawn whole on opening; a bigger graph opens on its
            best-connected nodes and grows as the analyst expands, searches or follows links.
    """
    physics = 0 < len(graph) <= min(physics_threshold, detail_threshold)
    data = _page_data(graph, title=title, physics=physics, detail_threshold=detail_threshold)
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


def _page_data(graph: nx.MultiDiGraph, *, title: str, physics: bool, detail_threshold: int) -> dict[str, Any]:
    """Everything the page script reads: node, edge and document records, styles, view and vis options."""
    positions = layout_positions(graph)  # physics, when on, starts from here: it settles sooner
    degrees = dict(graph.degree())
    ranks = degree_ranks(graph)
    top = max(degrees.values(), default=0)
    nodes = [node_record(key, attrs, node_size(degrees[key], top), positions[key], degrees[key], ranks[key])
             for key, attrs in graph.nodes(data=True)]
    edges = [edge_record(number, s, t, attrs) for number, (s, t, attrs) in enumerate(graph.edges(data=True))]
    curve_parallel_edges(edges)
    rules = {row["rule"] for edge in edges for row in edge["evidence"]}
    return {
        "title": title,
        "built": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "physics": physics,
        "nodes": nodes,
        "edges": edges,
        "documents": document_records(graph),
        "labels": {name: {"color": style.color, "shape": style.shape} for name, style in LABEL_STYLES.items()},
        "types": {name: {"color": style.color, "arrow": style.arrow, "caption": caption(name), "group": style.group}
                  for name, style in TYPE_STYLES.items()},
        "rules": {rule: describe_rule(rule) for rule in sorted(rules)},
        "view": view_options(len(nodes), detail_threshold),
        "options": _vis_options(physics),
    }


def view_options(nodes: int, detail_threshold: int = DETAIL_THRESHOLD) -> dict[str, Any]:
    """What the page shows on opening: how many top-ranked nodes it draws (all up to ``detail_threshold``),
    how many carry a label at full-graph zoom, the zoom at which all do, and whether isolated nodes hide.

    >>> view_options(150)["start"], view_options(150)["hideIsolated"], view_options(20_000)["start"]
    (150, True, 500)
    """
    return {
        "start": nodes if nodes <= detail_threshold else min(DETAIL_START, detail_threshold),
        "labelTop": LABEL_TOP,
        "labelScale": LABEL_SCALE,
        "hideIsolated": nodes > ISOLATED_THRESHOLD,
    }


def caption(rtype: str) -> str:
    """A relationship type in readable words, as edge captions show it.

    >>> caption("COOPERATES_WITH")
    'cooperates with'
    """
    return rtype.lower().replace("_", " ")


def node_size(degree: int, max_degree: int) -> float:
    """Node radius in pixels: 10 for an isolated node up to 34 for the best-connected one.

    >>> node_size(0, 0), node_size(4, 16), node_size(16, 16)
    (10.0, 22.0, 34.0)
    """
    return 10.0 + 24.0 * math.sqrt(degree / max_degree) if max_degree else 10.0


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
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1,
                  "font": {"size": 11, "color": "#333333", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }


def _legend(graph: nx.MultiDiGraph, attr: str, styles: dict[str, Any], other: Any) -> list[dict[str, Any]]:
    """The labels (or types) present, in schema order, with their style, count and (types) group."""
    values = graph.nodes(data=attr) if attr == "label" else graph.edges(data=attr)
    counts: dict[str, int] = {}
    for *_, value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    order = [name for name in styles if name in counts] + sorted(set(counts) - set(styles))
    return [{"name": name, "count": counts[name], "style": styles.get(name, other),
             "caption": caption(name) if attr == "type" else name} for name in order]


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
    spec = importlib.util.find_spec("pyvis")  # its folder, without importing pyvis (and IPython with it)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("No module named 'pyvis'", name="pyvis")
    vis = Path(spec.origin).parent / _VIS_DIR
    scripts = [(vis / "vis-network.min.js").read_text(encoding="utf-8")]
    scripts += [(_TEMPLATES / name).read_text(encoding="utf-8") for name in _SCRIPTS]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    csp = f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
    return {
        "csp": csp,
        "vis_js": _markup(scripts[0]),
        "page_js": [_markup(script) for script in scripts[1:]],
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
