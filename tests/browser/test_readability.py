"""The page stays readable as graphs grow: labels follow zoom, types have their own colours, documents sort
by date, dates filter, deep links open a node, and a 20,000-node graph opens on its core and answers a search.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from browser_support import OpenedPage, require_browser
from page_sample import URLS, sample_graph
from test_page import clear_point_on_edge, edge_id, node_point

from graphmodel.render.page import LABEL_SCALE, LABEL_TOP
from graphmodel.render.records import degree_ranks

require_browser()

from playwright.sync_api import expect  # noqa: E402  (only once we know it is installed)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from render_bench import random_graph  # noqa: E402

pytestmark = pytest.mark.browser

OpenPage = Callable[..., OpenedPage]
HEGSETH = "person:pete-hegseth"
CONFERENCE = "event:central-american-security-conference"
GROUPS = ["Conflict", "Cooperation", "Participation", "Structure"]


@pytest.fixture(scope="module")
def graph200() -> nx.MultiDiGraph:
    return random_graph(200, 260, seed=7)


def zoom_to(opened: OpenedPage, scale: float) -> float:
    """Turn the mouse wheel over the middle of the network, as an analyst zooms in, until ``scale``."""
    box = opened.page.locator("#network canvas").bounding_box()
    assert box is not None
    opened.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(60):
        reached: float = opened.js("graphmodel.network.getScale()")
        if reached >= scale:
            return reached
        opened.page.mouse.wheel(0, -100)
        opened.page.wait_for_timeout(30)
    raise AssertionError("the wheel did not zoom in")


def test_labels_follow_the_zoom(open_page: OpenPage, graph200: nx.MultiDiGraph) -> None:
    opened = open_page(graph200)
    ranks = degree_ranks(graph200)
    top = {key for key, rank in ranks.items() if rank < LABEL_TOP}
    assert opened.js("graphmodel.network.getScale()") < 0.5  # the whole graph fits: far out
    assert set(opened.js("graphmodel.labelled()")) == top
    assert set(opened.js("graphmodel.labelled(11)")) == top  # and readable
    assert opened.js("graphmodel.edges.get().filter((e) => e.label).length") == 0
    assert zoom_to(opened, 0.5) < LABEL_SCALE  # closer, where 13 px names would be drawn: still the top only
    assert set(opened.js("graphmodel.labelled()")) == top
    zoom_to(opened, LABEL_SCALE)
    assert set(opened.js("graphmodel.labelled(9)")) == set(graph200)
    captions = opened.js("graphmodel.edges.get().map((e) => [e.type, e.label])")
    assert {label for _, label in captions} >= {"participates in", "cooperates with", "member of"}
    assert all(label == rtype.lower().replace("_", " ") for rtype, label in captions)
    assert opened.errors == []


def test_isolated_nodes_start_hidden_above_a_hundred_nodes(open_page: OpenPage, graph200: nx.MultiDiGraph) -> None:
    isolated = [key for key, degree in graph200.degree() if degree == 0]
    assert isolated  # the seed gives some
    opened = open_page(graph200)
    drawn = "graphmodel.network.body.nodeIndices.length"
    assert opened.js(drawn) == len(graph200) - len(isolated)
    opened.page.locator("#isolated").uncheck()
    assert opened.js(drawn) == len(graph200)


def test_each_type_has_its_own_colour_grouped_by_meaning(open_page: OpenPage, graph200: nx.MultiDiGraph) -> None:
    opened = open_page(graph200)
    colours: dict[str, set[str]] = {}
    for rtype, colour in opened.js("graphmodel.edges.get().map((e) => [e.type, e.color.color])"):
        colours.setdefault(rtype, set()).add(colour)
    assert len(colours) == 9
    assert all(len(shades) == 1 for shades in colours.values())
    assert len({shade for shades in colours.values() for shade in shades}) == 9
    expect(opened.page.locator("#type-filters li.group")).to_have_text(GROUPS)
    expect(opened.page.locator("#type-filters .name").first).to_have_text("opposes")


def test_hovering_an_edge_captions_it(open_page: OpenPage) -> None:
    opened = open_page(sample_graph())
    edge = edge_id(opened, HEGSETH, CONFERENCE)
    opened.js("() => { graphmodel.network.moveTo({scale: 0.5}); graphmodel.relabel(); }")  # zoomed out
    assert opened.js("(id) => graphmodel.edges.get(id).label", edge) == ""
    opened.page.mouse.move(*clear_point_on_edge(opened, HEGSETH, CONFERENCE))
    expect(opened.page.locator("div.vis-tooltip")).to_be_visible()
    assert opened.js("(id) => graphmodel.edges.get(id).label", edge) == "participates in"


def test_a_deep_link_opens_its_node(open_page: OpenPage) -> None:
    opened = open_page(sample_graph(), fragment="#node=country%3Apanama")
    assert opened.js("graphmodel.network.getSelectedNodes()") == ["country:panama"]
    expect(opened.page.locator("#panel h2")).to_have_text("Panama")
    opened.page.fill("#search", "Hegseth")
    expect(opened.page.locator("#panel h2")).to_have_text("Pete Hegseth")
    assert opened.js("location.hash") == "#node=person%3Apete-hegseth"
    opened.page.evaluate("location.hash = '#node=country%3Achina'")  # the analyst edits the address
    expect(opened.page.locator("#panel h2")).to_have_text("China")
    opened.page.evaluate("location.hash = '#node=person%3Anobody'")
    expect(opened.page.locator("#panel .placeholder")).to_have_text("This graph has no node person:nobody.")


def test_the_date_filter_hides_edges_without_evidence_in_range(open_page: OpenPage) -> None:
    graph = sample_graph()
    graph.graph["documents"]["d4"] = {"id": "d4", "path": "undated.txt", "title": "Undated", "date": None}
    graph.edges["country:china", "place:panama-canal", "OPPOSES"]["evidence"][0]["doc"] = "d4"
    opened = open_page(graph)
    hidden = "([s, t]) => graphmodel.edges.get({filter: (e) => e.from === s && e.to === t})[0].hidden"
    participates, cooperates = [HEGSETH, CONFERENCE], ["country:panama", "country:united-states"]  # d1, d2
    undated = ["country:china", "place:panama-canal"]
    opened.page.fill("#date-from", "2025-04-10")
    assert [opened.js(hidden, pair) for pair in (participates, cooperates, undated)] == [True, False, False]
    opened.page.locator("#undated").uncheck()
    assert opened.js(hidden, undated) is True
    opened.page.fill("#date-from", "")
    opened.page.fill("#date-until", "2025-04-09")
    assert [opened.js(hidden, pair) for pair in (participates, cooperates)] == [False, True]
    expect(opened.page.locator("#date-range")).to_have_text("Documents from 2025-04-09 to 2025-04-11; 1 undated.")


def test_documents_are_listed_by_date_with_links(open_page: OpenPage) -> None:
    graph = sample_graph()
    graph.graph["documents"]["d4"] = {"id": "d4", "path": "a.txt", "title": "Undated note", "date": None,
                                      "url": "https://example.org/note"}
    graph.graph["documents"]["d5"] = {"id": "d5", "path": "b.txt", "title": "March brief", "date": "2025-03-01"}
    graph.nodes[HEGSETH]["documents"] = ["d4", "d2", "d1", "d5"]
    opened = open_page(graph)
    opened.page.fill("#search", "Hegseth")
    titles = opened.page.locator("#panel .documents .doc-title")
    expect(titles).to_have_text(["March brief", "Hegseth warns of Chinese reach at Panama security conference",
                                 "Panama and the United States sign canal security memorandum", "Undated note"])
    expect(opened.page.locator("#panel .documents a.doc-title")).to_have_count(2)
    expect(titles.nth(1)).to_have_attribute("href", URLS["d1"])
    expect(titles.nth(3)).to_have_attribute("href", "https://example.org/note")
    expect(opened.page.locator("#panel .documents .date").last).to_have_text("undated")


def test_evidence_says_how_it_was_found_in_words(open_page: OpenPage) -> None:
    graph = sample_graph()
    graph.edges[HEGSETH, "country:panama", "VISITS"]["evidence"][0]["rule"] = "path:help"
    opened = open_page(graph)
    opened.page.fill("#search", "Hegseth")
    opened.page.locator("#panel .relations button", has_text="Panama").first.click()
    expect(opened.page.locator("#panel .evidence .how")).to_have_text(
        "Found by the sentence links them with the word 'help'")


@pytest.fixture(scope="module")
def graph20k() -> nx.MultiDiGraph:
    return random_graph(20_000, 80_000)


def test_a_20000_node_graph_opens_on_its_core_and_answers_a_search_within_5_s(
    open_page: OpenPage, graph20k: nx.MultiDiGraph
) -> None:
    opened = open_page(graph20k)
    assert opened.js("graphmodel.nodes.length") < 1000  # the best connected, not all 20,000
    ranks = degree_ranks(graph20k)
    far = max(ranks, key=ranks.__getitem__)  # the least connected node: not drawn on opening
    name = graph20k.nodes[far]["name"]
    assert opened.js("(key) => graphmodel.nodes.get(key)", far) is None
    opened.page.fill("#search", name)
    opened.page.keyboard.press("Enter")
    expect(opened.page.locator("#panel h2")).to_have_text(name)
    answered = opened.js("performance.now()") / 1000  # seconds since navigation started
    assert answered < 5.0, f"the search was answered {answered:.1f} s after navigation"
    assert opened.js("graphmodel.network.getSelectedNodes()") == [far]
    neighbours = set(nx.all_neighbors(graph20k, far))
    assert neighbours <= set(opened.js("graphmodel.nodes.getIds()"))
    assert opened.errors == []


def test_a_big_page_expands_a_node_on_demand(open_page: OpenPage, graph200: nx.MultiDiGraph) -> None:
    opened = open_page(graph200, detail_threshold=100)  # opens on the 100 best connected
    ranks = degree_ranks(graph200)
    drawn = "graphmodel.nodes.getIds()"
    assert set(opened.js(drawn)) == {key for key, rank in ranks.items() if rank < 100}
    edge = next((s, t) for s, t in graph200.edges() if ranks[s] < 100 <= ranks[t])  # to a node not drawn
    opened.js("(key) => graphmodel.selectNode(key, false)", edge[0])
    opened.page.locator("#panel .expand").click()
    assert set(nx.all_neighbors(graph200, edge[0])) <= set(opened.js(drawn))
    expect(opened.page.locator("#panel .expand")).to_have_count(0)  # nothing left to bring in
    expect(opened.page.locator("#showing")).to_contain_text("double-click a node")
    far = next(key for key in nx.all_neighbors(graph200, edge[1]) if key not in set(opened.js(drawn)))
    opened.page.mouse.dblclick(*node_point(opened, edge[1]))
    assert far in set(opened.js(drawn))
    assert opened.errors == []
