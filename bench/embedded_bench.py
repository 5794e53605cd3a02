"""Time the embedded database: bulk load (``write_database``) and the example queries in ``cypher/``.

    python bench/embedded_bench.py                 # the sample graph and a synthetic 2,000/8,000 one
    python bench/embedded_bench.py --nodes 20000 --edges 80000 --repeat 3
    python bench/embedded_bench.py --engine kuzu   # the same on Kùzu 0.11.3, for comparison

The sample graph is ``graphmodel build`` over ``data/docs`` when the extractor runs, else the
hand-annotated gold graphs in ``tests/data/gold`` (the same documents). The synthetic graph has
random labels, relationship types and endpoints, one piece of evidence per edge, from a fixed seed.
Times are wall-clock seconds, the best of ``--repeat`` runs. Run it in its own process: never import
``kuzu`` next to ``ladybug``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphmodel.graph.core import add_entity, add_relation, new_graph  # noqa: E402
from graphmodel.models import Entity, Evidence, Relation  # noqa: E402
from graphmodel.schema import EntityLabel, RelationType  # noqa: E402
from graphmodel.stores.embedded.build import write_database  # noqa: E402
from graphmodel.stores.embedded.store import open_database  # noqa: E402

SAMPLE_PARAMS = {"evidence": {"a": "Pete Hegseth", "b": "United States"}, "neighbourhood": {"name": "hegseth"},
                 "shortest_path": {"from": "hegseth", "to": "China"}}
# In the synthetic graph Hegseth visits two countries, one of them Entity 3 or later; E5 is an alias.
SYNTHETIC_PARAMS = {"evidence": {"a": "hegseth", "b": "__visited__"}, "neighbourhood": {"name": "hegseth"},
                    "shortest_path": {"from": "hegseth", "to": "e5"}}


def sample_graph(gold: bool = False) -> tuple[str, nx.MultiDiGraph]:
    """The graph of ``data/docs``: built by the pipeline when it runs (and not ``gold``), else from the
    gold annotations."""
    if gold:
        return "gold", gold_graph(ROOT / "tests" / "data" / "gold")
    try:
        from graphmodel.documents.read import read_documents
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


# The endpoints /work/shared/eval/GUIDELINES.md allows per type, as (source labels, target labels).
PER, COU, ORG, INI, EVE, PLA = (label.value for label in EntityLabel)
ENDPOINTS = {
    RelationType.PARTICIPATES_IN: ((PER, COU, ORG), (EVE, INI)),
    RelationType.HOSTS: ((COU, ORG, PER), (EVE, INI)),
    RelationType.OPPOSES: ((PER, COU, ORG), (PER, COU, ORG, INI)),
    RelationType.COOPERATES_WITH: ((COU, ORG, PER), (COU, ORG, PER)),
    RelationType.VISITS: ((PER,), (COU, PLA)),
    RelationType.AFFILIATED_WITH: ((PER,), (ORG, COU)),
    RelationType.LOCATED_IN: ((PLA, EVE, ORG), (PLA, COU)),
    RelationType.PART_OF: ((ORG,), (ORG, COU)),
    RelationType.MEMBER_OF: ((COU, ORG), (ORG,)),
}


def synthetic_graph(nodes: int, edges: int, *, any_endpoints: bool = False, seed: int = 7) -> nx.MultiDiGraph:
    """``nodes`` entities over 20 documents and about ``edges`` relationships (duplicates merge).

    Endpoints follow the schema's table (:data:`ENDPOINTS`, about 40 type/label combinations), or, with
    ``any_endpoints``, any two entities (all 324 combinations: the worst case for the load).
    """
    rng = random.Random(seed)
    graph = new_graph()
    docs = [f"doc{i:02d}" for i in range(20)]
    for doc in docs:
        graph.graph["documents"][doc] = {"id": doc, "path": f"{doc}.txt", "title": f"Title {doc}",
                                         "date": "2025-04-07", "author": None}
    by_label: dict[str, list[str]] = {label.value: [] for label in EntityLabel}
    for i in range(nodes):
        label = rng.choice(list(EntityLabel))
        by_label[label.value].append(key := f"{label.lower()}:entity-{i}")
        add_entity(graph, Entity(key, f"Entity {i}", label, (f"E{i}", f"Alias, {i}"), rng.randint(1, 9),
                                 tuple(rng.sample(docs, rng.randint(1, 3)))))
    everyone = [key for keys in by_label.values() for key in keys]
    for i in range(edges):
        rtype = rng.choice(list(RelationType))
        sources, targets = ENDPOINTS[rtype]
        source = rng.choice(everyone if any_endpoints else by_label[rng.choice(sources)])
        target = rng.choice(everyone if any_endpoints else by_label[rng.choice(targets)])
        sentence = f'Entity {source} said "{i}", and [acted] on {target}.'
        evidence = (Evidence(rng.choice(docs), sentence, i, i + len(sentence), "synthetic"),)
        add_relation(graph, Relation(source, target, rtype, evidence, round(rng.random(), 2)))
    hegseth = Entity("person:pete-hegseth", "Pete Hegseth", EntityLabel.PERSON, ("Hegseth",), 1, ("doc00",))
    add_entity(graph, hegseth)
    for target in rng.sample(by_label[COU], 2):
        add_relation(graph, Relation(hegseth.key, target, RelationType.VISITS,
                                     (Evidence("doc00", "Hegseth visited.", 0, 16, "synthetic"),), 0.9))
        graph.graph["visited"] = graph.nodes[target]["name"]
    return graph


def best(repeat: int, action: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times) if repeat < 5 else statistics.median(times)


def bench(name: str, graph: nx.MultiDiGraph, repeat: int, params: dict[str, dict[str, str]]) -> None:
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
                values = {k: graph.graph.get("visited", v) if v == "__visited__" else v
                          for k, v in params.get(file.stem, {}).items()}
                result = store.run(query, values)
                seconds = best(repeat, partial(store.run, query, values))
                print(f"  {file.stem:16} {seconds * 1000:8.1f} ms  {len(result.rows)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--any-endpoints", action="store_true",
                        help="random endpoints of any label (all 324 type/label combinations)")
    parser.add_argument("--gold", action="store_true", help="the sample from tests/data/gold, not the pipeline")
    parser.add_argument("--engine", choices=("ladybug", "kuzu"), default="ladybug",
                        help="kuzu: run the same code on Kùzu 0.11, whose Python API ladybug kept")
    args = parser.parse_args()
    engine = importlib.import_module(args.engine)
    sys.modules["ladybug"] = engine  # graphmodel imports `ladybug` inside its functions

    print(f"{args.engine} {engine.__version__}, Python {sys.version.split()[0]}")
    source, graph = sample_graph(args.gold)
    bench(f"sample ({source})", graph, args.repeat, SAMPLE_PARAMS)
    kind = "any endpoints" if args.any_endpoints else "schema endpoints"
    bench(f"synthetic ({kind})", synthetic_graph(args.nodes, args.edges, any_endpoints=args.any_endpoints),
          args.repeat, SYNTHETIC_PARAMS)


if __name__ == "__main__":
    main()
