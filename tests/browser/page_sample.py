"""A small, realistic graph for the page tests and the README screenshots (no extractor needed).

    python tests/browser/page_sample.py docs/graph.png out/graph.json   # the sample corpus, built
    python tests/browser/page_sample.py docs/graph-200.png --random 200  # a seeded 200-node graph
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import networkx as nx
from browser_support import CHROMIUM, CHROMIUM_ARGS

from graphmodel.graph.core import new_graph
from graphmodel.render.page import render_html

__all__ = ["URLS", "XSS", "sample_graph", "take_overview", "take_screenshot"]

XSS = "<img src=x onerror=alert(1)>"

_DOCUMENTS = {
    "d1": ("news/panama-conference.txt", "Hegseth warns of Chinese reach at Panama security conference", "2025-04-09"),
    "d2": ("news/canal-memorandum.txt", "Panama and the United States sign canal security memorandum", "2025-04-10"),
    "d3": ("news/" + XSS + ".txt", XSS, "2025-04-11"),
}
URLS = {"d1": "https://example.org/2025/04/09/panama-conference", "d3": "javascript:alert(4)"}

_NODES = [
    ("person:pete-hegseth", "Person", "Pete Hegseth", ["Hegseth", "Secretary Hegseth"], 9),
    ("event:central-american-security-conference", "Event", "Central American Security Conference", ["CENTSEC"], 5),
    ("country:panama", "Country", "Panama", ["Republic of Panama"], 12),
    ("country:united-states", "Country", "United States", ["U.S.", "Washington"], 10),
    ("country:china", "Country", "China", ["Beijing"], 6),
    ("country:guatemala", "Country", "Guatemala", [], 2),
    ("country:el-salvador", "Country", "El Salvador", [], 2),
    ("person:jose-raul-mulino", "Person", "José Raúl Mulino", ["Mulino", "President Mulino"], 4),
    ("organization:us-southern-command", "Organization", "U.S. Southern Command", ["SOUTHCOM"], 3),
    ("place:panama-canal", "Place", "Panama Canal", ["the canal"], 7),
    ("initiative:carsi", "Initiative", "Central America Regional Security Initiative", ["CARSI"], 2),
    ("organization:xss", "Organization", XSS, ["<script>alert(2)</script>"], 1),
]

_S1 = "Defense Secretary Pete Hegseth spoke at the Central American Security Conference in Panama City on Tuesday."
_S2 = "Panama hosted the Central American Security Conference, which drew defence chiefs from the region."
_EDGES = [
    ("person:pete-hegseth", "event:central-american-security-conference", "PARTICIPATES_IN", 0.9, "d1", _S1),
    ("country:panama", "event:central-american-security-conference", "HOSTS", 0.85, "d1", _S2),
    ("person:pete-hegseth", "country:panama", "VISITS", 0.8, "d1",
     "Hegseth arrived in Panama on Monday for a two-day visit."),
    ("country:panama", "country:united-states", "COOPERATES_WITH", 0.75, "d2",
     "Panama and the United States agreed to expand security cooperation around the canal."),
    ("country:united-states", "country:china", "OPPOSES", 0.7, "d1",
     "Hegseth said Washington would counter China's influence over the Panama Canal."),
    ("person:pete-hegseth", "country:united-states", "AFFILIATED_WITH", 0.6, "d1", _S1),
    ("person:jose-raul-mulino", "country:panama", "AFFILIATED_WITH", 0.65, "d2",
     "President José Raúl Mulino said Panama's sovereignty over the canal was not negotiable."),
    ("person:jose-raul-mulino", "event:central-american-security-conference", "PARTICIPATES_IN", 0.7, "d1",
     "Mulino opened the conference alongside Hegseth."),
    ("place:panama-canal", "country:panama", "LOCATED_IN", 0.95, "d2", "The Panama Canal crosses Panama."),
    ("organization:us-southern-command", "country:united-states", "PART_OF", 0.8, "d2",
     "U.S. Southern Command will lead the joint exercises."),
    ("country:guatemala", "event:central-american-security-conference", "PARTICIPATES_IN", 0.55, "d1",
     "Delegations from Guatemala and El Salvador attended."),
    ("country:el-salvador", "event:central-american-security-conference", "PARTICIPATES_IN", 0.55, "d1",
     "Delegations from Guatemala and El Salvador attended."),
    ("country:guatemala", "initiative:carsi", "MEMBER_OF", 0.5, "d2", "Guatemala remains part of CARSI."),
    ("country:china", "place:panama-canal", "OPPOSES", 0.4, "d1",
     "Beijing rejected claims about its role at the canal."),
    ("organization:xss", "person:pete-hegseth", "AFFILIATED_WITH", 0.5, "d3",
     XSS + " met Hegseth </script><script>alert(3)</script> & left."),
]


def sample_graph() -> nx.MultiDiGraph:
    """A dozen entities around the April 2025 Panama conference, one of them an XSS payload."""
    graph = new_graph()
    for doc, (path, title, date) in _DOCUMENTS.items():
        graph.graph["documents"][doc] = {"id": doc, "path": path, "title": title, "date": date, "author": None,
                                         "url": URLS.get(doc)}
    for key, label, name, aliases, mentions in _NODES:
        docs = ["d3"] if key == "organization:xss" else ["d1", "d2"]
        graph.add_node(key, label=label, name=name, aliases=aliases, mentions=mentions, documents=docs)
    for source, target, rtype, confidence, doc, sentence in _EDGES:
        evidence = [{"doc": doc, "sentence": sentence, "start": 0, "end": len(sentence), "rule": "sample"}]
        graph.add_edge(source, target, key=rtype, type=rtype, confidence=confidence, evidence=evidence)
    return graph


def take_screenshot(target: Path, graph_file: Path | None = None) -> None:
    """Render a graph (a built graph.json, else the fixture), find Hegseth, open an edge's evidence, save a PNG.

        python tests/browser/page_sample.py docs/graph.png out/graph.json
    """
    from graphmodel.graph import graphfile

    graph = graphfile.read(graph_file) if graph_file else sample_graph()
    title = "Sample corpus (data/docs)" if graph_file else "Panama security sample"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = render_html(graph, Path(folder) / "graph.html", title=title)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 860}, device_scale_factor=1)
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached")
        page.fill("#search", "Hegseth")
        page.keyboard.press("Enter")
        page.locator("#panel .relations button", has_text="Central American Security Conference").click()
        page.wait_for_timeout(800)  # the focus animation
        page.screenshot(path=str(target))
        browser.close()


def take_overview(target: Path, nodes: int) -> None:
    """Render a seeded random graph of ``nodes`` nodes, select its best-connected node at full-graph zoom
    (only the best connected carry labels there), save a PNG."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from playwright.sync_api import sync_playwright
    from render_bench import random_graph

    graph = random_graph(nodes, nodes * 13 // 10, seed=7)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = render_html(graph, Path(folder) / "graph.html", title=f"A {nodes}-node graph")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 860}, device_scale_factor=1)
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached")
        page.evaluate("graphmodel.selectNode(graphmodel.data.nodes.find((node) => node.rank === 0).id, false)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(target))
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[2] == "--random":
        take_overview(Path(sys.argv[1]), int(sys.argv[3]))
    else:
        take_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/graph.png"),
                        Path(sys.argv[2]) if len(sys.argv) > 2 else None)
