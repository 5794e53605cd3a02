"""How long a big graph page takes: Python render time, then navigation start until the network is drawn.

    python bench/render_bench.py [--nodes 2000] [--edges 8000] [--runs 3] [--keep out/bench.html]

Builds a seeded random graph, renders it with ``render_html`` (positions computed in Python, physics
off), opens it in headless Chromium (/usr/bin/chromium) and reads ``window.graphmodel.readyAt``, the
``performance.now()`` at which the page marked itself ready, then searches for the last node and
reads ``performance.now()`` once the panel shows it. The goal for both is under 5 s, also for
``--nodes 20000 --edges 80000``, where the page opens on its best-connected nodes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphmodel.graph.core import new_graph
from graphmodel.render.page import render_html
from graphmodel.schema import EntityLabel, RelationType

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
GOAL_SECONDS = 5.0
WORDS = ["north", "south", "alliance", "council", "summit", "defence", "ministry", "forum", "coast", "border"]


def random_graph(nodes: int, edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph shaped like a built one: labelled nodes, typed edges, one evidence sentence each."""
    rng = random.Random(seed)
    graph = new_graph()
    documents = [f"d{number}" for number in range(max(nodes // 10, 1))]
    for number, doc in enumerate(documents):  # dated through 2025, every seventh one undated
        date = None if number % 7 == 6 else f"2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        row = {"id": doc, "path": f"{doc}.txt", "title": f"Report {doc}", "date": date, "author": None,
               "url": f"https://example.org/reports/{doc}"}
        graph.graph["documents"][doc] = row
    for number in range(nodes):
        name = " ".join(rng.choice(WORDS).title() for _ in range(2)) + f" {number}"
        graph.add_node(f"n{number}", label=str(rng.choice(list(EntityLabel))), name=name, aliases=[f"N{number}"],
                       mentions=rng.randint(1, 20), documents=rng.sample(documents, min(2, len(documents))))
    added = 0  # counted here: MultiDiGraph.number_of_edges() walks the whole graph
    while added < edges:
        source, target = f"n{rng.randrange(nodes)}", f"n{rng.randrange(nodes)}"
        rtype = str(rng.choice(list(RelationType)))
        added += not graph.has_edge(source, target, key=rtype)
        sentence = f"{graph.nodes[source]['name']} and {graph.nodes[target]['name']} were linked ({rtype})."
        evidence = [{"doc": rng.choice(documents), "sentence": sentence, "start": 0, "end": len(sentence),
                     "rule": "bench"}]
        graph.add_edge(source, target, key=rtype, type=rtype, confidence=round(rng.random(), 2), evidence=evidence)
    return graph


def time_page(page_file: Path, runs: int, query: str) -> list[tuple[float, float]]:
    """Per fresh page: seconds from navigation start until ``window.graphmodel.ready``, and until a search
    for ``query`` (typed once the page is ready, then Enter) shows its node in the panel."""
    from playwright.sync_api import sync_playwright

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
            ready = page.evaluate("window.graphmodel.readyAt") / 1000
            page.fill("#search", query)
            page.keyboard.press("Enter")
            page.locator("#panel h2", has_text=query).wait_for(timeout=60_000)
            figures.append((ready, page.evaluate("performance.now()") / 1000))
            page.close()
        browser.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args()
    graph = random_graph(args.nodes, args.edges)
    query = graph.nodes[f"n{args.nodes - 1}"]["name"]  # the last node: unlikely to be in a big page's core
    with tempfile.TemporaryDirectory() as folder:
        page_file = args.keep or Path(folder) / "bench.html"
        start = time.perf_counter()
        render_html(graph, page_file, title="render bench")
        render_seconds = time.perf_counter() - start
        size = page_file.stat().st_size / 1e6
        figures = time_page(page_file, args.runs, query)
    ready, answered = ([figure[column] for figure in figures] for column in (0, 1))
    print(f"graph: {args.nodes} nodes, {args.edges} edges; page {size:.1f} MB")
    print(f"python render_html: {render_seconds:.2f} s")
    print("browser, navigation start to ready: " + ", ".join(f"{f:.2f} s" for f in ready)
          + f" (median {statistics.median(ready):.2f} s, goal < {GOAL_SECONDS:.0f} s)")
    print(f"browser, navigation start to a search for {query!r} answered: " + ", ".join(f"{f:.2f} s" for f in answered)
          + f" (median {statistics.median(answered):.2f} s, goal < {GOAL_SECONDS:.0f} s)")
    return 0 if max(answered) < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
