"""How the page and the exports scale: render_html, csv and GraphML export of big synthetic graphs.

    python bench/scale.py                                  # 20,000/80,000 and 100,000/300,000
    python bench/scale.py --sizes 20000:80000 --runs 3

For each size it builds render_bench.py's seeded graph shaped like a built one (labels, types, one
evidence dict per relationship) and times, in CPU seconds (median of ``--runs``):

- ``render_html`` (goal for 20,000 nodes / 80,000 edges: under 5 s);
- ``export`` to csv (``select`` with no filter, then ``write_subgraph``) against a plain script that
  writes the same graph as node-link JSON with ``json`` and its rows with ``csv`` (goal ≤ 1.5×);
- ``export`` to GraphML against ``networkx.write_graphml`` of the same graph with its lists as JSON.

Every figure of one size comes from the same run, so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graphmodel.export.write import write_subgraph
from graphmodel.graph.select import Selection, select
from graphmodel.render.page import render_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_bench import random_graph  # noqa: E402


def plain_csv(graph: nx.MultiDiGraph, folder: Path) -> None:
    """The baseline: dump the graph as node-link JSON and write its rows with the csv module."""
    (folder / "plain.json").write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
    with (folder / "plain_nodes.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for key, data in graph.nodes(data=True):
            writer.writerow([key, data["name"], ";".join(data["aliases"]), data["mentions"],
                             ";".join(data["documents"]), data["label"]])
    with (folder / "plain_relationships.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for source, target, key, data in graph.edges(keys=True, data=True):
            evidence = data["evidence"]
            writer.writerow([source, target, key, data["confidence"],
                             *(";".join(str(e[f]) for e in evidence) for f in ("doc", "sentence", "start", "end"))])


def plain_graphml(graph: nx.MultiDiGraph, folder: Path) -> None:
    """The baseline: networkx's writer on a copy whose lists are JSON strings."""
    flat = nx.MultiDiGraph()
    for key, data in graph.nodes(data=True):
        lists = {"aliases": json.dumps(data["aliases"]), "documents": json.dumps(data["documents"])}
        flat.add_node(key, **{**data, **lists})
    for s, t, k, d in graph.edges(keys=True, data=True):
        flat.add_edge(s, t, k, type=d["type"], confidence=d["confidence"], evidence=json.dumps(d["evidence"]))
    nx.write_graphml(flat, folder / "plain.graphml")


def export(graph: nx.MultiDiGraph, path: Path) -> None:
    """What ``graphmodel export GRAPH -o PATH`` does once the graph is read: select, then write."""
    write_subgraph(select(graph, Selection()), path)


def cpu_seconds(task: Callable[[], object], runs: int) -> float:
    """The median CPU time of ``runs`` calls of ``task``."""
    figures = []
    for _ in range(runs):
        start = time.process_time()
        task()
        figures.append(time.process_time() - start)
    return statistics.median(figures)


def measure(nodes: int, edges: int, runs: int) -> None:
    graph = random_graph(nodes, edges)
    with tempfile.TemporaryDirectory(prefix="graphmodel-scale-") as name:
        folder = Path(name)
        page = cpu_seconds(lambda: render_html(graph, folder / "page.html"), 1 if nodes > 50_000 else runs)
        csv_ours = cpu_seconds(lambda: export(graph, folder / "ours.csv"), runs)
        csv_plain = cpu_seconds(lambda: plain_csv(graph, folder), runs)
        graphml_ours = cpu_seconds(lambda: export(graph, folder / "ours.graphml"), runs)
        graphml_plain = cpu_seconds(lambda: plain_graphml(graph, folder), runs)
    print(f"{nodes:,} nodes / {edges:,} edges (CPU s, median of {runs})")
    print(f"  render_html          {page:7.2f}")
    print(f"  csv export           {csv_ours:7.2f}  plain json+csv {csv_plain:7.2f}  ratio {csv_ours / csv_plain:.2f}")
    print(f"  graphml export       {graphml_ours:7.2f}  networkx alone {graphml_plain:7.2f}  "
          f"ratio {graphml_ours / graphml_plain:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["20000:80000", "100000:300000"], metavar="NODES:EDGES")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        nodes, edges = (int(part) for part in size.split(":"))
        measure(nodes, edges, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
