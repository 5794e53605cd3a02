"""Time finding entities by name: the Name index of ``cypher/`` against a scan with string functions.

    python bench/lookup_bench.py                        # the embedded database, 100,000 nodes / 300,000 edges
    python bench/lookup_bench.py --neo4j        # also Neo4j (GRAPHMODEL_NEO4J_URI, _PASSWORD); replaces its data

``index`` is ``cypher/neighbourhood.cypher``, ``shortest_path.cypher`` and ``evidence.cypher`` as shipped, which find
their entities with ``(:Name {text: toLower($name)})-[:NAMES]->(p)``; ``scan`` is the same query
finding them as the files did before, by comparing every node's lower-cased name and aliases. The
graph is :func:`embedded_bench.synthetic_graph`; runs alternate, milliseconds, median of ``--runs``; a
query that runs out of ``--timeout`` is reported as such (the scan of ``shortest_path`` compares every
pair of nodes on the embedded engine).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
from embedded_bench import ROOT, synthetic_graph

from graphmodel.errors import QueryError
from graphmodel.stores import GraphStore
from graphmodel.stores.embedded.build import write_database
from graphmodel.stores.embedded.store import open_database

MATCHES = "toLower({v}.name) = toLower(${p}) OR ANY(alias IN {v}.aliases WHERE toLower(alias) = toLower(${p}))"
TYPES = "PARTICIPATES_IN|HOSTS|OPPOSES|COOPERATES_WITH|VISITS|AFFILIATED_WITH|LOCATED_IN|PART_OF|MEMBER_OF"
SCANS = {
    "neighbourhood": f"""MATCH path = (p:Person)-[:{TYPES}*1..2]-(n)
WHERE ({MATCHES.format(v="p", p="name")}) AND n.key <> p.key
RETURN n.name AS name, labels(n)[0] AS label, min(length(path)) AS hops ORDER BY hops, name""",
    "evidence": f"""MATCH (s)-[r]->(t)
WHERE (({MATCHES.format(v="s", p="a")}) AND ({MATCHES.format(v="t", p="b")}))
   OR (({MATCHES.format(v="s", p="b")}) AND ({MATCHES.format(v="t", p="a")}))
UNWIND range(0, size(r.evidence_docs) - 1) AS i
OPTIONAL MATCH (d:Document {{id: r.evidence_docs[i]}})
RETURN s.name AS source, type(r) AS type, t.name AS target, r.confidence AS confidence,
       r.evidence_sentences[i] AS sentence, d.title AS document, d.date AS date
ORDER BY type, source, target, document, sentence""",
    "shortest_path": f"""MATCH (a), (b)
WHERE a.key <> b.key AND ({MATCHES.format(v="a", p="from")}) AND ({MATCHES.format(v="b", p="to")})
MATCH p = shortestPath((a)-[:{TYPES}*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types, length(p) AS hops
ORDER BY hops LIMIT 1""",
}
# In the synthetic graph Hegseth visits two countries, the last one graph.graph["visited"]; "__far__" is
# an entity three relationships away from him.
PARAMS = {"neighbourhood": {"name": "HEGSETH"}, "shortest_path": {"from": "hegseth", "to": "__far__"},
          "evidence": {"a": "Hegseth", "b": "__visited__"}}


def placeholders(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The values of ``__visited__`` and ``__far__`` in this graph."""
    hops = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), "person:pete-hegseth", cutoff=3)
    far = min(key for key, distance in hops.items() if distance == 3)
    return {"__visited__": graph.graph["visited"], "__far__": graph.nodes[far]["name"]}


def milliseconds(store: GraphStore, query: str, params: dict[str, Any], timeout: float) -> float:
    """The query's time, or infinity when it ran out of ``timeout`` seconds."""
    started = time.perf_counter()
    try:
        store.run(query, params, timeout=timeout)
    except QueryError:
        return math.inf
    return (time.perf_counter() - started) * 1000


def compare(engine: str, store: GraphStore, runs: int, values: dict[str, str], timeout: float) -> None:
    for name, given in PARAMS.items():
        params = {key: values.get(value, value) for key, value in given.items()}
        index = (ROOT / "cypher" / f"{name}.cypher").read_text(encoding="utf-8")
        found = store.run(index, params).rows
        assert found, f"{name} finds nothing"
        times: dict[str, list[float]] = {"index": [], "scan": []}
        for _ in range(runs):
            times["index"].append(milliseconds(store, index, params, timeout))
            times["scan"].append(milliseconds(store, SCANS[name], params, timeout))
            if math.isinf(times["scan"][-1]):
                break
        if not math.isinf(times["scan"][-1]):
            assert found == store.run(SCANS[name], params).rows, f"{name} finds other rows than the scan"
        index_ms, scan_ms = statistics.median(times["index"]), statistics.median(times["scan"])
        scan = f"over {timeout:.0f} s" if math.isinf(scan_ms) else f"{scan_ms:8.1f} ms"
        print(f"  {engine:8} {name:14} scan {scan:>11}  index {index_ms:7.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60, help="seconds a query may take (default 60)")
    parser.add_argument("--neo4j", action="store_true", help="also load the graph into Neo4j (replacing its data)")
    args = parser.parse_args()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; the same rows both ways", flush=True)
    with tempfile.TemporaryDirectory() as folder, open_database(write_database(graph, Path(folder) / "g.db")) as store:
        compare("embedded", store, args.runs, placeholders(graph), args.timeout)
    if args.neo4j:
        from graphmodel.stores.neo4j.store import connect

        password = os.environ.get("GRAPHMODEL_NEO4J_PASSWORD")
        auth = (os.environ.get("GRAPHMODEL_NEO4J_USER", "neo4j"), password) if password else None
        uri = os.environ.get("GRAPHMODEL_NEO4J_URI")
        if not uri:  # never a default server: the bench replaces the database's data
            raise SystemExit("--neo4j needs GRAPHMODEL_NEO4J_URI (a server whose data may be replaced)")
        with connect(uri, auth) as neo4j:
            neo4j.write(graph, replace=True)
            compare("neo4j", neo4j, args.runs, placeholders(graph), args.timeout)


if __name__ == "__main__":
    main()
