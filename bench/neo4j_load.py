"""Time graphmodel's Neo4j load against a plain ``UNWIND $rows`` MERGE script on the same server.

    python bench/neo4j_load.py                          # starts scripts/neo4j-server --profile load
    python bench/neo4j_load.py --profile test           # the same on the test profile
    NEO4J_URI=bolt://host:7687 NEO4J_PASSWORD=... python bench/neo4j_load.py   # a server you run

The graph is synthetic, from a fixed seed, shaped like a built one: ``--nodes`` entities (default
35,000) over ``--nodes / 35`` documents, each entity mentioned in one to three of them, and
``--edges`` typed relationships (default 100,000) whose endpoints follow the schema, each with one
or two pieces of evidence. Every round, in alternating order, it times on an empty database:

- graphmodel: ``Neo4jStore.write`` (what ``graphmodel load`` does);
- reference: a plain script that turns the graph into the same rows with a few loops and sends them
  as ``UNWIND $rows`` MERGEs of nodes by key and of relationships by type (endpoints MATCHed by
  label and key), ``--reference-batch`` rows (default 10,000) per transaction;
- then an unchanged reload by graphmodel into the database it just loaded.

It prints relationships per second (typed relationships and MENTIONS), graphmodel/reference and
reload/first-load ratios, as medians over ``--rounds``. Without NEO4J_URI it starts the server on
``NEO4J_PORT`` (default 7699) with ``--profile`` and stops it at the end; it deletes the database's
graphmodel data either way.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from embedded_bench import ENDPOINTS  # noqa: E402

from graphmodel.graph.core import add_entity, add_relation, new_graph  # noqa: E402
from graphmodel.models import Entity, Evidence, Relation  # noqa: E402
from graphmodel.schema import DOCUMENT_LABEL, EntityLabel, RelationType  # noqa: E402
from graphmodel.stores.neo4j.store import Neo4jStore, connect  # noqa: E402
from graphmodel.stores.rows import LoadRows, batched, load_rows  # noqa: E402


def synthetic_graph(nodes: int, edges: int, seed: int = 11) -> nx.MultiDiGraph:
    """Entities over ``nodes // 35`` documents and ``edges`` distinct typed relationships with evidence."""
    rng = random.Random(seed)
    graph = new_graph()
    docs = [f"doc{i:05d}" for i in range(max(nodes // 35, 1))]
    for doc in docs:
        graph.graph["documents"][doc] = {"id": doc, "path": f"corpus/{doc}.txt", "title": f"Report {doc}",
                                         "date": "2025-04-07", "author": rng.choice([None, "Jane Doe"])}
    by_label: dict[str, list[str]] = {label.value: [] for label in EntityLabel}
    for i in range(nodes):
        label = rng.choice(list(EntityLabel))
        by_label[label.value].append(key := f"{label.lower()}:entity-{i}")
        add_entity(graph, Entity(key, f"Entity {i}", label, (f"E{i}",), rng.randint(1, 9),
                                 tuple(rng.sample(docs, rng.randint(1, 3)))))
    seen: set[tuple[str, str, str]] = set()
    while len(seen) < edges:
        rtype = rng.choice(list(RelationType))
        sources, targets = ENDPOINTS[rtype]
        source, target = rng.choice(by_label[rng.choice(sources)]), rng.choice(by_label[rng.choice(targets)])
        if source == target or (source, rtype, target) in seen or (target, rtype, source) in seen:
            continue
        seen.add((source, rtype, target))
        evidence = []
        for n in range(rng.randint(1, 2)):
            sentence = f"{graph.nodes[source]['name']} and {graph.nodes[target]['name']} ({rtype}, {n})."
            evidence.append(Evidence(rng.choice(docs), sentence, 10 * n, 10 * n + len(sentence), "synthetic"))
        add_relation(graph, Relation(source, target, rtype, tuple(evidence), round(rng.random(), 2)))
    return graph


# The reference: what someone would write by hand with the driver, given the same rows.
REF_DOCUMENTS = f"UNWIND $rows AS row MERGE (d:{DOCUMENT_LABEL} {{id: row.id}}) SET d += row.props"
REF_ENTITIES = """UNWIND $rows AS row MERGE (n:`{label}` {{key: row.key}})
SET n.name = row.name, n.aliases = row.aliases, n.mentions = row.mentions, n.documents = row.documents"""
REF_MENTIONS = f"""UNWIND $rows AS row MATCH (e:`{{label}}` {{{{key: row.key}}}})
MERGE (d:{DOCUMENT_LABEL} {{{{id: row.doc}}}}) MERGE (d)-[m:MENTIONS]->(e) SET m.count = row.count"""
REF_RELATIONSHIPS = """UNWIND $rows AS row
MATCH (s:`{source}` {{key: row.source}}) MATCH (t:`{target}` {{key: row.target}})
MERGE (s)-[r:`{type}`]->(t)
SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
    r.evidence_sentences = row.evidence_sentences, r.evidence_starts = row.evidence_starts,
    r.evidence_ends = row.evidence_ends, r.evidence_rules = row.evidence_rules"""


def reference_statements(rows: LoadRows) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    yield REF_DOCUMENTS, rows.documents
    for label, group in rows.entities.items():
        yield REF_ENTITIES.format(label=label), group
    for label, group in rows.mentions.items():
        yield REF_MENTIONS.format(label=label), group
    for (rtype, source, target), group in rows.relationships.items():
        yield REF_RELATIONSHIPS.format(type=rtype, source=source, target=target), group


def reference_rows(graph: nx.MultiDiGraph) -> LoadRows:
    """The rows a plain script builds from the graph: the same values as graphmodel's, without hashes."""
    entities: dict[Any, list[dict[str, Any]]] = {}
    mentions: dict[Any, list[dict[str, Any]]] = {}
    for key, data in graph.nodes(data=True):
        row = {"key": key, "name": data["name"], "aliases": data["aliases"], "mentions": data["mentions"],
               "documents": data["documents"]}
        entities.setdefault(data["label"], []).append(row)
        mentions.setdefault(data["label"], []).extend({"key": key, "doc": doc, "count": 1} for doc in row["documents"])
    relationships: dict[Any, list[dict[str, Any]]] = {}
    for source, target, rtype, data in graph.edges(keys=True, data=True):
        evidence = data["evidence"]
        group = (rtype, graph.nodes[source]["label"], graph.nodes[target]["label"])
        relationships.setdefault(group, []).append({
            "source": source, "target": target, "confidence": data["confidence"],
            "evidence_docs": [e["doc"] for e in evidence], "evidence_sentences": [e["sentence"] for e in evidence],
            "evidence_starts": [e["start"] for e in evidence], "evidence_ends": [e["end"] for e in evidence],
            "evidence_rules": [e["rule"] for e in evidence]})
    documents = [{"id": doc, "props": {k: v for k, v in meta.items() if k != "id" and v is not None}}
                 for doc, meta in graph.graph["documents"].items()]
    return LoadRows(documents, entities, mentions, relationships)


def reference_load(store: Neo4jStore, graph: nx.MultiDiGraph, batch_size: int) -> None:
    """The plain script: its own rows from the graph, MERGEd batch by batch."""
    rows = reference_rows(graph)
    store.apply_schema()
    driver = store._driver  # the bench's own script shares graphmodel's connection
    for query, group in reference_statements(rows):
        for batch in batched(group, batch_size):
            driver.execute_query(query, rows=batch, database_=store.database)


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


@contextmanager
def server(profile: str) -> Iterator[tuple[str, tuple[str, str]]]:
    """The server of NEO4J_URI, or one started by scripts/neo4j-server with ``profile`` (stopped after)."""
    password = os.environ.get("NEO4J_PASSWORD", "graphmodel-test")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), password)
    if uri := os.environ.get("NEO4J_URI"):
        yield uri, auth
        return
    env = {**os.environ, "NEO4J_PORT": os.environ.get("NEO4J_PORT", "7699"), "NEO4J_PASSWORD": password}
    script = str(ROOT / "scripts" / "neo4j-server")
    started = subprocess.run([script, "start", "--profile", profile], env=env, check=True,
                             stdout=subprocess.PIPE, text=True)
    try:
        yield started.stdout.strip().splitlines()[-1], auth
    finally:
        subprocess.run([script, "stop"], env=env, check=False)


def measure(store: Neo4jStore, graph: nx.MultiDiGraph, rounds: int, reference_batch: int) -> dict[str, float]:
    figures: dict[str, list[float]] = {"graphmodel": [], "reference": [], "reload": []}
    for number in range(rounds):
        def ours() -> None:
            store.clear()
            figures["graphmodel"].append(seconds(lambda: store.write(graph)))
            figures["reload"].append(seconds(lambda: store.write(graph)))

        def reference() -> None:
            store.clear()
            figures["reference"].append(seconds(lambda: reference_load(store, graph, reference_batch)))

        for step in (ours, reference) if number % 2 == 0 else (reference, ours):
            step()
        print(f"  round {number + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in figures.items()), flush=True)
    store.clear()
    return {name: statistics.median(values) for name, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=35_000)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=("load", "test"), default="load",
                        help="the scripts/neo4j-server profile to start (ignored with NEO4J_URI)")
    parser.add_argument("--batch-size", type=int, default=None, help="graphmodel's batch size (default: its own)")
    parser.add_argument("--reference-batch", type=int, default=10_000)
    args = parser.parse_args()

    graph = synthetic_graph(args.nodes, args.edges)
    rows = load_rows(graph)
    typed = sum(map(len, rows.relationships.values()))
    mentions = sum(map(len, rows.mentions.values()))
    print(f"{graph.number_of_nodes():,} entities, {len(rows.documents):,} documents, {typed:,} typed "
          f"relationships, {mentions:,} MENTIONS; Python {platform.python_version()}, {os.cpu_count()} cores")
    with server(args.profile) as (uri, auth):
        options = {} if args.batch_size is None else {"batch_size": args.batch_size}
        with connect(uri, auth, **options) as store:
            print(f"{uri}, graphmodel batch {store.batch_size}, reference batch {args.reference_batch}, "
                  f"profile {args.profile if 'NEO4J_URI' not in os.environ else '(external server)'}")
            result = measure(store, graph, args.rounds, args.reference_batch)
    total = typed + mentions
    ours, reference, reload = result["graphmodel"], result["reference"], result["reload"]
    print(f"median of {args.rounds}:")
    print(f"  graphmodel load  {ours:6.1f} s  {typed / ours:8,.0f} typed rel/s  {total / ours:8,.0f} rel/s")
    print(f"  reference        {reference:6.1f} s  {typed / reference:8,.0f} typed rel/s  "
          f"{total / reference:8,.0f} rel/s")
    print(f"  unchanged reload {reload:6.1f} s")
    print(f"  graphmodel/reference {ours / reference:.2f}   reload/first load {reload / ours:.2f}")


if __name__ == "__main__":
    main()
