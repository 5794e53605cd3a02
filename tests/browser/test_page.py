"""The graph page in headless Chromium: offline, drawn, searchable, clickable and inert to hostile text.

Each test renders a graph, opens it from a file:// URL and records every request, console error and
dialog. The module skips itself when Chromium or Playwright is missing, and fails instead under CI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from browser_support import OpenedPage, require_browser
from page_sample import URLS, XSS, sample_graph

from graphmodel.graph.core import new_graph

require_browser()

from playwright.sync_api import expect  # noqa: E402  (only once we know it is installed)

pytestmark = pytest.mark.browser

OpenPage = Callable[..., OpenedPage]
HEGSETH = "person:pete-hegseth"
CONFERENCE = "event:central-american-security-conference"
SAMPLE_DOCS = Path(__file__).resolve().parents[2] / "data" / "docs"


@pytest.fixture
def sample(open_page: OpenPage) -> OpenedPage:
    return open_page(sample_graph(), title="Panama security sample")


def edge_id(opened: OpenedPage, source: str, target: str) -> str:
    ids: list[str] = opened.js(
        "([s, t]) => graphmodel.edges.getIds({filter: (e) => e.from === s && e.to === t})", [source, target])
    assert len(ids) == 1
    return ids[0]


def node_point(opened: OpenedPage, key: str) -> tuple[float, float]:
    return opened.screen_point("(key) => graphmodel.network.getPositions([key])[key]", key)


def clear_point_on_edge(opened: OpenedPage, source: str, target: str) -> tuple[float, float]:
    """A point on the edge where no other edge or node lies, so that a click there selects it."""
    wanted = edge_id(opened, source, target)
    for share in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75):
        along = ("([s, t, f]) => { const p = graphmodel.network.getPositions([s, t]); "
                 "return {x: p[s].x + f * (p[t].x - p[s].x), y: p[s].y + f * (p[t].y - p[s].y)}; }")
        dom = opened.js(f"(a) => graphmodel.network.canvasToDOM(({along})(a))", [source, target, share])
        if opened.js("(p) => graphmodel.network.getNodeAt(p) === undefined && graphmodel.network.getEdgeAt(p)",
                     dom) == wanted:
            return opened.screen_point(along, [source, target, share])
    raise AssertionError(f"no clear point on the edge {source} -> {target}")


def test_page_is_drawn_offline_without_errors(sample: OpenedPage) -> None:
    assert sample.js("window.graphmodel.ready") is True
    assert sample.errors == []
    assert [url for url in sample.requests if url != sample.url and not url.startswith("data:")] == []
    assert sample.js("graphmodel.network.physics.options.enabled") is False  # stabilised, then switched off


def test_draws_every_node_and_edge(sample: OpenedPage) -> None:
    graph = sample_graph()
    drawn = sample.js("[graphmodel.network.body.nodeIndices.length, graphmodel.network.body.edgeIndices.length]")
    assert drawn == [graph.number_of_nodes(), graph.number_of_edges()]
    assert sample.js("[graphmodel.nodes.length, graphmodel.edges.length]") == drawn
    expect(sample.page.locator("#node-count")).to_have_text(str(graph.number_of_nodes()))


@pytest.mark.parametrize(
    ("query", "key"),
    [("Hegseth", HEGSETH), ("hegseth", HEGSETH), ("SECRETARY HEG", HEGSETH), ("centsec", CONFERENCE),
     ("southcom", "organization:us-southern-command"), ("mulino", "person:jose-raul-mulino")],
)
def test_search_selects_a_node_by_name_or_alias(sample: OpenedPage, query: str, key: str) -> None:
    sample.page.locator("#search").press_sequentially(query)
    sample.page.keyboard.press("Enter")
    assert sample.js("graphmodel.network.getSelectedNodes()") == [key]
    expect(sample.page.locator("#panel h2")).to_have_text(sample_graph().nodes[key]["name"])


def test_search_for_hegseth_shows_his_details(sample: OpenedPage) -> None:
    sample.page.fill("#search", "Hegseth")  # no Enter: the search runs as the analyst types
    expect(sample.page.locator("#panel h2")).to_have_text("Pete Hegseth")
    assert sample.js("graphmodel.network.getSelectedNodes()") == [HEGSETH]
    panel = sample.page.locator("#panel")
    expect(panel.locator(".chip")).to_have_text("Person")
    expect(panel.locator(".aliases")).to_have_text("Hegseth, Secretary Hegseth")
    expect(panel.locator(".mentions")).to_have_text("9")
    expect(panel.locator(".doc-title").first).to_have_text(
        "Hegseth warns of Chinese reach at Panama security conference")
    expect(panel.locator(".documents a.source")).to_have_attribute("href", URLS["d1"])  # d2 has no url


def test_a_document_lists_where_else_it_was_published(open_page: OpenPage) -> None:
    graph = sample_graph()
    graph.graph["documents"]["d9"] = {"id": "d9", "path": "wire/reprint.txt", "title": "Reprint", "date": None,
                                      "author": None, "url": None, "copy_of": "d1"}
    opened = open_page(graph)
    opened.page.fill("#search", "Hegseth")
    copies = opened.page.locator("#panel .documents li").first.locator(".copies")
    expect(copies).to_have_text("also published as: Reprint (wire/reprint.txt)")


def test_clicking_an_edge_shows_its_evidence(sample: OpenedPage) -> None:
    x, y = clear_point_on_edge(sample, HEGSETH, CONFERENCE)
    sample.page.mouse.click(x, y)
    assert sample.js("graphmodel.network.getSelectedEdges()") == [edge_id(sample, HEGSETH, CONFERENCE)]
    panel = sample.page.locator("#panel")
    expect(panel.locator("h2")).to_have_text("PARTICIPATES_IN")
    expect(panel.locator(".confidence")).to_have_text("0.90")
    expect(panel.locator(".evidence blockquote")).to_have_text(
        "Defense Secretary Pete Hegseth spoke at the Central American Security Conference in Panama City on Tuesday.")
    expect(panel.locator(".evidence cite")).to_contain_text(
        "Hegseth warns of Chinese reach at Panama security conference · 2025-04-09")
    link = panel.locator(".evidence cite a.source")
    expect(link).to_have_text(URLS["d1"])
    expect(link).to_have_attribute("href", URLS["d1"])
    expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_hovering_an_edge_shows_its_type_and_sentence(sample: OpenedPage) -> None:
    sample.page.mouse.move(*clear_point_on_edge(sample, HEGSETH, CONFERENCE))
    tooltip = sample.page.locator("div.vis-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("PARTICIPATES_IN")
    expect(tooltip).to_contain_text("spoke at the Central American Security Conference")


def test_hostile_name_is_shown_as_text_and_runs_nothing(sample: OpenedPage) -> None:
    page = sample.page
    page.mouse.move(*node_point(sample, "organization:xss"))
    expect(page.locator("div.vis-tooltip")).to_contain_text(XSS)
    page.mouse.click(*node_point(sample, "organization:xss"))
    expect(page.locator("#panel h2")).to_have_text(XSS)
    expect(page.locator("#panel .aliases")).to_have_text("<script>alert(2)</script>")
    page.locator("#panel .relations button").first.click()  # its edge, with a hostile sentence and document
    expect(page.locator("#panel .evidence blockquote")).to_contain_text("</script><script>alert(3)</script>")
    expect(page.locator("#panel .evidence cite")).to_contain_text(XSS)
    expect(page.locator("#panel a")).to_have_count(0)  # its document's javascript: url is not a link
    page.fill("#search", "onerror")
    expect(page.locator("#results button").first).to_contain_text(XSS)
    page.wait_for_timeout(300)  # give an injected handler the chance to fire
    assert sample.dialogs == []
    assert sample.js("[document.images.length, document.scripts.length]") == [0, 5]  # data, vis, 3 page scripts
    assert sample.errors == []


def test_filters_hide_labels_types_and_weak_edges(sample: OpenedPage) -> None:
    drawn = "[graphmodel.network.body.nodeIndices.length, graphmodel.network.body.edgeIndices.length]"
    graph = sample_graph()
    others = graph.subgraph(key for key, label in graph.nodes(data="label") if label != "Country")
    sample.page.locator("input[data-label=Country]").uncheck()
    assert sample.js(drawn) == [others.number_of_nodes(), others.number_of_edges()]  # [7, 3]
    sample.page.locator("input[data-label=Country]").check()
    sample.page.locator("input[data-type=OPPOSES]").uncheck()
    assert sample.js(drawn) == [12, 13]
    sample.page.locator("#confidence").fill("0.8")
    strong = [e for *_, e in graph.edges(data=True) if e["confidence"] >= 0.8 and e["type"] != "OPPOSES"]
    assert sample.js(drawn) == [12, len(strong)]
    expect(sample.page.locator("#confidence-value")).to_have_text("0.80")


def test_neighbourhood_dims_everything_but_the_neighbours(sample: OpenedPage) -> None:
    opacity = "(key) => graphmodel.nodes.get(key).opacity"
    sample.page.locator("#neighbourhood").check()
    sample.page.fill("#search", "Hegseth")
    sample.page.keyboard.press("Enter")
    assert sample.js(opacity, "country:panama") == 1  # Hegseth VISITS Panama
    assert sample.js(opacity, "country:china") < 0.5
    sample.page.locator("#neighbourhood").uncheck()
    assert sample.js(opacity, "country:china") == 1


def _chain(nodes: int) -> nx.MultiDiGraph:
    graph = new_graph()
    for number in range(nodes):
        graph.add_node(f"n{number}", label="Country", name=f"Country {number}", aliases=[], mentions=1, documents=[])
    for number in range(1, nodes):
        graph.add_edge(f"n{number - 1}", f"n{number}", key="HOSTS", type="HOSTS", confidence=0.5, evidence=[])
    return graph


def test_big_graph_keeps_python_positions_with_physics_off(open_page: OpenPage) -> None:
    opened = open_page(_chain(40), physics_threshold=10)
    assert opened.js("graphmodel.network.physics.options.enabled") is False
    placed = opened.js("[graphmodel.nodes.get('n7').x, graphmodel.nodes.get('n7').y]")
    drawn = opened.js("graphmodel.network.getPositions(['n7']).n7")
    assert [drawn["x"], drawn["y"]] == pytest.approx(placed, abs=1)  # getPositions rounds
    assert opened.errors == []


@pytest.mark.parametrize("nodes", [0, 1, 2])
def test_tiny_graphs_get_ready(open_page: OpenPage, nodes: int) -> None:
    opened = open_page(_chain(nodes))
    assert opened.js("graphmodel.network.body.nodeIndices.length") == nodes
    assert opened.errors == []


@pytest.fixture(scope="module")
def built_sample() -> nx.MultiDiGraph:
    """The graph `graphmodel build` makes of the sample corpus in data/docs."""
    from graphmodel.documents.read import read_documents
    from graphmodel.extract import make_extractor
    from graphmodel.pipeline import build_graph

    return build_graph(read_documents(SAMPLE_DOCS), make_extractor())


def test_sample_corpus_page(open_page: OpenPage, built_sample: nx.MultiDiGraph) -> None:
    opened = open_page(built_sample, title="docs")
    drawn = opened.js("[graphmodel.network.body.nodeIndices.length, graphmodel.network.body.edgeIndices.length]")
    assert drawn == [built_sample.number_of_nodes(), built_sample.number_of_edges()]
    assert opened.errors == []
    assert [url for url in opened.requests if url != opened.url and not url.startswith("data:")] == []
    conference = "event:central-american-security-conference"
    opened.page.mouse.click(*clear_point_on_edge(opened, HEGSETH, conference))
    assert opened.js("graphmodel.network.getSelectedEdges()") == [edge_id(opened, HEGSETH, conference)]
    sentences = [e["sentence"] for e in built_sample.edges[HEGSETH, conference, "PARTICIPATES_IN"]["evidence"]]
    quotes = opened.page.locator("#panel .evidence blockquote")
    expect(quotes).to_have_count(len(sentences))  # sorted by their documents' dates
    assert sorted(text.strip() for text in quotes.all_text_contents()) == sorted(s.strip() for s in sentences)
    opened.page.fill("#search", "Hegseth")
    expect(opened.page.locator("#panel h2")).to_have_text("Pete Hegseth")
    assert opened.js("graphmodel.network.getSelectedNodes()") == [HEGSETH]