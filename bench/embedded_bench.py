"""Time the embedded database: bulk load (``write_database``) and the example queries in ``cypher/``.

    python bench/embedded_bench.py                 # the sample graph and a synthetic 2,000/8,000 one
    python bench/embedded_bench.py --nodes 20000 --edges 80000 --repeat 3

The sample graph is ``graphmodel build`` over ``data/docs`` when the extractor runs, else the
hand-annotated gold graphs in ``tests/data/gold`` (the same documents). The synthetic graph has
random labels, relationship types and endpoints, one piece of evidence per edge, from a fixed seed.
Times are wall-clock seconds, the best of ``--repeat`` runs. Run it in its own process: never import
``kuzu`` next to ``ladybug``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphmodel.graph import add_entity, add_relation, new_graph  # noqa: E402
from graphmodel.models import Entity, EntityLabel, Evidence, Relation, RelationType  # noqa: E402
from graphmodel.stores.embedded import open_database, write_database  # noqa: E402

PARAMS = {"evidence": {"a": "Pete Hegseth", "b": "United States"}, "neighbourhood": {"name": "Pete Hegseth"},
          "shortest_path": {"from": "Pete Hegseth", "to": "China"}}


def sample_graph() -> tuple[str, nx.MultiDiGraph]:
    """The graph of ``data/docs``: built by the pipeline when it runs, else from the gold annotations."""
    try:
        from graphmodel.documents import read_documents
        from graphmodel.extract import make_extractor
        from graphmodel.pipeline import build_graph

        return "pipeline", build_graph(read_documents(ROOT / "data" / "docs"), make_extractor())
    except Exception as error:  # the extractor is optional here: fall back to the annotations
        print(f"(pipeline unavailable: {error!r}; using tests/data/gold)", file=sys.stderr)
        return "gold", gold_graph(ROOT / "tests" / "data" / "gold")


def gold_graph(folder: Path) -> nx.MultiDiGraph:
    graph = new_graph()
    for file in sorted(folder.glob("*.json")):
        gold = json.loads(file.read_text(encoding="utf-8"))
        doc = gold["doc"]
        graph.graph["documents"][doc] = {"id": doc, "path": f"data/docs/{doc}", "title": doc, "date": None,
                                         "author": None}
        keys = {}
        for entity in gold["entities"]:
            keys[entity["name"]] = key = f"{entity['label'].lower()}:{entity['name'].lower().replace(' ', '-')}"
            add_entity(graph, Entity(key, entity["name"], EntityLabel(entity["label"]),
                                     tuple(entity.get("aliases", ())), 1, (doc,)))
        for relation in gold["relations"]:
            sentence = f"{relation['source']} {relation['type']} {relation['target']}."
            evidence = (Evidence(doc, sentence, 0, len(sentence), "gold"),)
            add_relation(graph, Relation(keys[relation["source"]], keys[relation["target"]],
                                         RelationType(relation["type"]), evidence, 0.9))
    return graph


def synthetic_graph(nodes: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    """``nodes`` entities over 20 documents and about ``edges`` relationships (duplicates merge)."""
    rng = random.Random(seed)
    graph = new_graph()
    docs = [f"doc{i:02d}" for i in range(20)]
    for doc in docs:
        graph.graph["documents"][doc] = {"id": doc, "path": f"{doc}.txt", "title": f"Title {doc}",
                                         "date": "2025-04-07", "author": None}
    labels, types = list(EntityLabel), list(RelationType)
    keys = []
    for i in range(nodes):
        label = rng.choice(labels)
        keys.append(key := f"{label.lower()}:entity-{i}")
        add_entity(graph, Entity(key, f"Entity {i}", label, (f"E{i}", f"Alias, {i}"), rng.randint(1, 9),
                                 tuple(rng.sample(docs, rng.randint(1, 3)))))
    for i in range(edges):
        source, target = rng.sample(keys, 2)
        sentence = f'Entity {source} said "{i}", and [acted] on {target}.'
        evidence = (Evidence(rng.choice(docs), sentence, i, i + len(sentence), "synthetic"),)
        add_relation(graph, Relation(source, target, rng.choice(types), evidence, round(rng.random(), 2)))
    graph.add_node("person:pete-hegseth", label="Person", name="Pete Hegseth", aliases=["Hegseth"], mentions=1,
                   documents=["doc00"])
    return graph


def best(repeat: int, action: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times) if repeat < 5 else statistics.median(times)


def bench(name: str, graph: nx.MultiDiGraph, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.lbug"
        load = best(repeat, lambda: write_database(graph, path))
        size = path.stat().st_size
        print(f"{name}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
              f"{len(graph.graph['documents'])} documents: load {load:.2f} s, file {size / 1e6:.1f} MB")
        with open_database(path) as store:
            for file in sorted((ROOT / "cypher").glob("*.cypher")):
                if file.stem == "schema":
                    continue
                query = file.read_text(encoding="utf-8")
                result = store.run(query, PARAMS.get(file.stem))
                seconds = best(repeat, lambda q=query, p=PARAMS.get(file.stem): store.run(q, p))
                print(f"  {file.stem:16} {seconds * 1000:8.1f} ms  {len(result.rows)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import ladybug

    print(f"ladybug {ladybug.__version__}, Python {sys.version.split()[0]}")
    source, graph = sample_graph()
    bench(f"sample ({source})", graph, args.repeat)
    bench("synthetic", synthetic_graph(args.nodes, args.edges), args.repeat)


if __name__ == "__main__":
    main()
