"""render_html without a browser: the page is offline, escaped, and carries the right data."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphmodel.graph.core import new_graph
from graphmodel.render.page import LABEL_STYLES, TYPE_STYLES, render_html

XSS = "<img src=x onerror=alert(1)>"
DATA_SCRIPT = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _node(graph: nx.MultiDiGraph, key: str, label: str, name: str, aliases: list[str], docs: list[str]) -> None:
    graph.add_node(key, label=label, name=name, aliases=aliases, mentions=len(docs) + 1, documents=docs)


def _edge(graph: nx.MultiDiGraph, source: str, target: str, rtype: str, sentence: str, confidence: float = 0.8) -> None:
    evidence = [{"doc": "d1", "sentence": sentence, "start": 0, "end": len(sentence), "rule": "test"}]
    graph.add_edge(source, target, key=rtype, type=rtype, confidence=confidence, evidence=evidence)


@pytest.fixture
def tiny() -> nx.MultiDiGraph:
    graph = new_graph()
    graph.graph["documents"]["d1"] = {"id": "d1", "path": "a.txt", "title": "Panama talks", "date": "2025-04-09",
                                      "author": None}
    _node(graph, "person:pete-hegseth", "Person", "Pete Hegseth", ["Hegseth"], ["d1"])
    _node(graph, "event:casc", "Event", "Central American Security Conference", [], ["d1"])
    _node(graph, "country:panama", "Country", "Panama", [], ["d1"])
    _edge(graph, "person:pete-hegseth", "event:casc", "PARTICIPATES_IN", "Hegseth spoke at the conference.")
    _edge(graph, "country:panama", "person:pete-hegseth", "COOPERATES_WITH", "Panama worked with Hegseth.", 0.5)
    return graph


@pytest.fixture
def hostile() -> nx.MultiDiGraph:
    graph = new_graph()
    graph.graph["documents"]["d1"] = {"id": "d1", "path": XSS, "title": XSS, "date": XSS, "author": XSS}
    _node(graph, "organization:xss", "Organization", XSS, ["<script>alert(2)</script>"], ["d1"])
    _node(graph, "person:x</script>", "Person", "</script><script>alert(3)</script>", [XSS], ["d1"])
    _edge(graph, "organization:xss", "person:x</script>", "OPPOSES", XSS + " & </script><!-- " + XSS)
    return graph


def page(graph: nx.MultiDiGraph, tmp_path: Path, **options: Any) -> str:
    return render_html(graph, tmp_path / "graph.html", **options).read_text(encoding="utf-8")


def csp(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert match is not None
    return unescape(match.group(1))


def embedded(html: str) -> dict[str, Any]:
    match = DATA_SCRIPT.search(html)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_writes_the_page_into_a_new_folder(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.html"
    assert render_html(tiny, target) == target
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_loads_nothing_from_the_network(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = page(tiny, tmp_path)
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", html, re.I)
    assert csp(html).startswith("default-src 'none';")


def test_inlines_vis_network_with_its_licence(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    import pyvis

    html = page(tiny, tmp_path)
    vis_js = (Path(pyvis.__file__).parent / "lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert vis_js in html
    assert "@license" in html
    assert "vis.js is dual licensed" in html
    assert ".vis-network" in html  # the stylesheet


def test_csp_allows_exactly_the_inline_scripts(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = page(tiny, tmp_path)
    scripts = INLINE_SCRIPT.findall(html)
    assert len(scripts) == 4  # vis-network and the page's three scripts
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    script_src = csp(html).split("script-src ")[1].split(";")[0]
    assert set(re.findall(r"'sha256-([^']+)'", script_src)) == hashes
    assert "unsafe" not in script_src


def test_escapes_hostile_names_aliases_sentences_and_titles(hostile: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = page(hostile, tmp_path, title=XSS)
    assert XSS not in html
    assert "alert(2)</script>" not in html
    assert "<script>alert(3)" not in html
    assert "<!-- <img" not in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in html
    data = embedded(html)
    assert {node["name"] for node in data["nodes"]} == {XSS, "</script><script>alert(3)</script>"}
    assert data["nodes"][0]["aliases"] == ["<script>alert(2)</script>"]
    assert data["edges"][0]["evidence"][0]["sentence"].startswith(XSS + " & </script>")
    assert data["documents"]["d1"]["title"] == XSS


def test_embeds_every_node_and_edge(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = page(tiny, tmp_path, title="Panama corpus")
    data = embedded(html)
    assert len(data["nodes"]) == 3
    assert len(data["edges"]) == 2
    assert '<span id="node-count">3</span> nodes' in html
    assert '<span id="edge-count">2</span> edges' in html
    assert "<title>Panama corpus</title>" in html


def test_encodes_label_degree_type_and_evidence(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    data = embedded(page(tiny, tmp_path))
    nodes = {node["id"]: node for node in data["nodes"]}
    hegseth = nodes["person:pete-hegseth"]
    assert data["labels"]["Person"] == {"color": "#0072B2", "shape": "dot"}  # blue
    assert hegseth["size"] > nodes["country:panama"]["size"]  # degree 2 against 1
    assert (hegseth["degree"], hegseth["rank"], nodes["country:panama"]["degree"]) == (2, 0, 1)
    assert (hegseth["name"], hegseth["kind"], hegseth["aliases"], hegseth["mentions"]) == (
        "Pete Hegseth", "Person", ["Hegseth"], 2)
    assert data["types"]["PARTICIPATES_IN"]["arrow"] is True
    assert data["types"]["COOPERATES_WITH"] == {"color": "#009E73", "arrow": False, "caption": "cooperates with",
                                                "group": "cooperation"}
    edges = {edge["type"]: edge for edge in data["edges"]}
    assert edges["PARTICIPATES_IN"]["evidence"] == [
        {"doc": "d1", "sentence": "Hegseth spoke at the conference.", "rule": "test"}]
    assert data["rules"] == {"test": "test"}  # an unknown rule id is shown as it is
    assert data["documents"]["d1"] == {"title": "Panama talks", "date": "2025-04-09", "path": "a.txt", "url": "",
                                       "copies": []}


def test_rule_ids_travel_with_readable_descriptions(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    tiny.edges["person:pete-hegseth", "event:casc", "PARTICIPATES_IN"]["evidence"][0]["rule"] = "path:help"
    rules = embedded(page(tiny, tmp_path))["rules"]
    assert rules["path:help"] == "the sentence links them with the word 'help'"


def test_every_relationship_type_has_its_own_colour_in_its_group_hue() -> None:
    colours = {rtype: style.color for rtype, style in TYPE_STYLES.items()}
    assert len(set(colours.values())) == len(colours) == 9
    groups = [style.group for style in TYPE_STYLES.values()]
    assert groups == sorted(groups, key=["conflict", "cooperation", "participation", "structure"].index)


def test_big_graph_opens_on_its_best_connected_nodes(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert embedded(page(tiny, tmp_path))["view"]["start"] == 3
    view = embedded(page(tiny, tmp_path, detail_threshold=2))["view"]
    assert view["start"] < 3
    assert view["hideIsolated"] is False  # only above 100 nodes


def test_conflict_and_cooperation_colours_stand_out() -> None:
    assert TYPE_STYLES["OPPOSES"].color == "#D55E00"  # vermillion
    assert TYPE_STYLES["COOPERATES_WITH"].color == "#009E73"  # bluish green
    assert len({style.color for style in LABEL_STYLES.values()}) == len(LABEL_STYLES)
    assert len({style.shape for style in LABEL_STYLES.values()}) == len(LABEL_STYLES)


def test_small_graph_settles_with_physics(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    data = embedded(page(tiny, tmp_path))
    assert data["physics"] is True
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["iterations"] > 0
    assert all("x" in node and "y" in node for node in data["nodes"])  # where physics starts


def test_big_graph_is_placed_in_python_with_physics_off(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    data = embedded(page(tiny, tmp_path, physics_threshold=2))
    assert data["physics"] is False
    assert data["options"]["physics"] == {"enabled": False}
    points = {(node["x"], node["y"]) for node in data["nodes"]}
    assert len(points) == 3
    assert all(isinstance(value, float) for point in points for value in point)


def test_parallel_edges_bend_apart(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    _edge(tiny, "event:casc", "person:pete-hegseth", "HOSTS", "The conference hosted Hegseth.")
    edges = embedded(page(tiny, tmp_path))["edges"]
    bent = [edge for edge in edges if "smooth" in edge]
    assert [edge["type"] for edge in bent] == ["HOSTS"]


def test_embeds_only_the_documents_the_graph_cites(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    tiny.graph["documents"]["d2"] = {"id": "d2", "path": "b.txt", "title": "Unrelated", "date": None, "author": None}
    assert list(embedded(page(tiny, tmp_path))["documents"]) == ["d1"]


def test_an_article_lists_where_else_it_was_published(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    tiny.graph["documents"]["d2"] = {"id": "d2", "path": "wire/b.txt", "title": "Reprint", "date": None,
                                     "author": None, "copy_of": "d1"}
    documents = embedded(page(tiny, tmp_path))["documents"]
    assert documents["d1"]["copies"] == ["Reprint (wire/b.txt)"]


def test_empty_graph_still_renders(tmp_path: Path) -> None:
    data = embedded(page(new_graph(), tmp_path))
    assert (data["nodes"], data["edges"], data["physics"]) == ([], [], False)


def test_legend_lists_only_present_labels_and_types(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = page(tiny, tmp_path)
    assert re.findall(r'data-label="([^"]+)"', html) == ["Person", "Country", "Event"]
    assert re.findall(r'data-type="([^"]+)"', html) == ["COOPERATES_WITH", "PARTICIPATES_IN"]


def test_every_rule_the_extractor_names_has_a_phrase() -> None:
    from graphmodel.render.evidence import RULE_PHRASES, describe_rule

    rules = Path(__file__).resolve().parents[2] / "graphmodel" / "extract" / "rules"
    named = {name for path in rules.glob("*.py")
             for name in re.findall(r'"((?:path:)?[a-z]+(?:-[a-z]+)+)"', path.read_text(encoding="utf-8"))}
    assert "title-prefix" in named
    assert sorted(named - set(RULE_PHRASES)) == []
    assert describe_rule("path:visit") == "the sentence links them with the word 'visit'"
