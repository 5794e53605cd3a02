"""Time graphmodel's embedded build against a plain LadybugDB ``COPY`` script on the same graph.

    python bench/embedded_build.py                         # 100,000 nodes / 300,000 edges, medians of 3
    python bench/embedded_build.py --nodes 20000 --edges 80000 --runs 5
    python bench/embedded_build.py --against HEAD~1        # also: the same content as that revision's build

``graphmodel`` is ``EmbeddedWriter(path).write(graph)``, what ``graphmodel build`` runs for graph.db.
``plain`` is the reference: a minimal script that walks the same networkx graph once, appends each
row's values to per-table column lists and loads each table with ``COPY … FROM $table`` from a
pyarrow Table, the fastest way into the engine that we found (pandas DataFrames: about 1.5× the
engine time; Parquet files: the same as Arrow, plus writing them). It creates graphmodel's schema
(the DDL is a few statements either way). Runs alternate between the two; the ratios are of the
medians of wall-clock and of CPU seconds (the CPU time of all threads, steadier on a busy machine).
Before timing, both databases are read back whole and must hold the same rows; ``--against REV``
also builds the graph with REV's ``write_database`` (from ``git archive``) and compares.
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
from embedded_bench import ROOT, synthetic_graph

from graphmodel.schema import DOCUMENT_PROPERTIES, EVIDENCE_COLUMNS, STORE_NODE_PROPERTIES, EntityLabel, RelationType
from graphmodel.stores.embedded.build import EmbeddedWriter, schema_statements

STRINGS = pa.list_(pa.string())
ENTITY = pa.schema([("key", pa.string()), ("name", pa.string()), ("aliases", STRINGS), ("mentions", pa.int64()),
                    ("documents", STRINGS), ("first_seen", pa.string()), ("last_seen", pa.string())])
MENTIONS = pa.schema([("from", pa.string()), ("to", pa.string()), ("count", pa.int64())])
NAME, NAMES = pa.schema([("text", pa.string())]), pa.schema([("from", pa.string()), ("to", pa.string())])
RELATIONSHIP = pa.schema([("from", pa.string()), ("to", pa.string()), ("confidence", pa.float64()),
                          ("first_seen", pa.string()), ("last_seen", pa.string()), ("evidence_docs", STRINGS),
                          ("evidence_sentences", STRINGS),
                          ("evidence_starts", pa.list_(pa.int64())), ("evidence_ends", pa.list_(pa.int64())),
                          ("evidence_rules", STRINGS)])
DOCUMENT = pa.schema([("id", pa.string()), *((name, pa.string()) for name in DOCUMENT_PROPERTIES)])


def columns(schema: pa.Schema) -> dict[str, list[Any]]:
    return {name: [] for name in schema.names}


def plain_copy(graph: nx.MultiDiGraph, path: Path) -> None:
    """The reference: one pass over the graph into column lists, then one COPY per table from Arrow."""
    import ladybug

    nodes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: columns(ENTITY))
    mentions: dict[str, dict[str, list[Any]]] = defaultdict(lambda: columns(MENTIONS))
    names: dict[str, dict[str, list[Any]]] = defaultdict(lambda: columns(NAMES))
    labels, docs, texts = {}, set(graph.graph["documents"]), set()
    for key, data in graph.nodes(data=True):
        labels[key] = label = str(data["label"])
        table, documents = nodes[label], sorted(set(data["documents"]))
        table["key"].append(key)
        table["name"].append(data["name"])
        table["aliases"].append(sorted(set(data["aliases"]) - {data["name"]}))
        table["mentions"].append(data["mentions"])
        table["documents"].append(documents)
        table["first_seen"].append(data.get("first_seen"))
        table["last_seen"].append(data.get("last_seen"))
        docs.update(documents)
        for doc in documents:
            mentions[label]["from"].append(doc)
            mentions[label]["to"].append(key)
            mentions[label]["count"].append(1)
        for text in {data["name"].lower(), *(alias.lower() for alias in data["aliases"])}:
            names[label]["from"].append(text)
            names[label]["to"].append(key)
            texts.add(text)
    relationships: dict[tuple[str, str, str], dict[str, list[Any]]] = defaultdict(lambda: columns(RELATIONSHIP))
    for source, target, key, data in graph.edges(keys=True, data=True):
        table, evidence = relationships[key, labels[source], labels[target]], data["evidence"]
        table["from"].append(source)
        table["to"].append(target)
        table["confidence"].append(data["confidence"])
        table["first_seen"].append(data.get("first_seen"))
        table["last_seen"].append(data.get("last_seen"))
        for field, column in EVIDENCE_COLUMNS.items():
            table[column].append([item[field] for item in evidence])
        docs.update(item["doc"] for item in evidence)
    metadata = graph.graph["documents"]
    document = {"id": sorted(docs), **{name: [metadata.get(doc, {}).get(name) for doc in sorted(docs)]
                                       for name in DOCUMENT_PROPERTIES}}
    database = ladybug.Database(str(path), auto_checkpoint=False)
    connection = ladybug.Connection(database)
    for statement in schema_statements():
        connection.execute(statement)
    for label, table in nodes.items():
        connection.execute(f"COPY {label} FROM $t", {"t": pa.table(table, schema=ENTITY)})
    connection.execute("COPY Document FROM $t", {"t": pa.table(document, schema=DOCUMENT)})
    connection.execute("COPY Name FROM $t", {"t": pa.table({"text": list(texts)}, schema=NAME)})
    for label, table in mentions.items():
        connection.execute(f"COPY MENTIONS FROM $t (from='Document', to='{label}')",
                           {"t": pa.table(table, schema=MENTIONS)})
    for label, table in names.items():
        connection.execute(f"COPY NAMES FROM $t (from='Name', to='{label}')", {"t": pa.table(table, schema=NAMES)})
    for (rtype, source_label, target_label), table in relationships.items():
        connection.execute(f"COPY {rtype} FROM $t (from='{source_label}', to='{target_label}')",
                           {"t": pa.table(table, schema=RELATIONSHIP)})
    connection.close()
    database.close()


def graphmodel_build(graph: nx.MultiDiGraph, path: Path) -> None:
    EmbeddedWriter(path).write(graph)


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what two builds must agree on."""
    import ladybug

    database = ladybug.Database(str(path), read_only=True)
    connection = ladybug.Connection(database)

    def rows(query: str) -> list[tuple[Any, ...]]:
        result = connection.execute(query)
        found = []
        while result.has_next():
            found.append(tuple(result.get_next()))
        return sorted(found, key=repr)

    node = ", ".join(f"n.{name}" for name in STORE_NODE_PROPERTIES)
    tables = {label: rows(f"MATCH (n:{label}) RETURN {node}") for label in EntityLabel}
    tables["Document"] = rows("MATCH (d:Document) RETURN d.id, " + ", ".join(f"d.{p}" for p in DOCUMENT_PROPERTIES))
    tables["MENTIONS"] = rows("MATCH (d:Document)-[m:MENTIONS]->(n) RETURN d.id, label(n), n.key, m.count")
    if ("Name",) in rows("CALL show_tables() RETURN name"):  # the look-up by name, since it was added
        tables["NAMES"] = rows("MATCH (t:Name)-[:NAMES]->(n) RETURN t.text, label(n), n.key")
        tables["Name"] = rows("MATCH (t:Name) RETURN t.text")
    evidence = ", ".join(f"r.{column}" for column in EVIDENCE_COLUMNS.values())
    for rtype in RelationType:
        tables[rtype] = rows(f"MATCH (a)-[r:{rtype}]->(b) RETURN label(a), a.key, label(b), b.key, r.confidence, "
                             f"{evidence}")
    connection.close()
    database.close()
    return tables


def built_by_revision(revision: str, graph: nx.MultiDiGraph, folder: Path) -> Path:
    """Build ``graph`` with ``write_database`` as it was at ``revision``, in a subprocess on that revision's tree."""
    tree, pickled, path = folder / "tree", folder / "graph.pickle", folder / "revision.lbug"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    pickled.write_bytes(pickle.dumps(graph))
    script = ("import pickle, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
              "from graphmodel.stores.embedded.build import write_database; "
              "write_database(pickle.loads(Path(sys.argv[2]).read_bytes()), Path(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", script, str(tree), str(pickled), str(path)], check=True, cwd=folder)
    return path


def check(graph: nx.MultiDiGraph, folder: Path, revision: str | None) -> None:
    graphmodel_build(graph, folder / "ours.lbug")
    plain_copy(graph, folder / "plain.lbug")
    ours = dump(folder / "ours.lbug")
    assert ours == dump(folder / "plain.lbug"), "graphmodel's build and the plain script hold different rows"
    print(f"same rows as the plain script: {sum(map(len, ours.values())):,} rows in {len(ours)} tables")
    if revision:
        theirs = dump(built_by_revision(revision, graph, folder))
        common = sorted(set(ours) & set(theirs))
        same = [ours[name] for name in common] == [theirs[name] for name in common]
        assert same, f"the rows differ from {revision}'s build"
        print(f"same rows as the build of {revision} in its {len(common)} tables")


def timed(action: Callable[[nx.MultiDiGraph, Path], None], graph: nx.MultiDiGraph, folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all the process's threads: the engine copies in parallel) of one build."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    wall, cpu = time.perf_counter(), time.process_time()
    action(graph, folder / "graph.lbug")
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="also compare the rows with REV's build")
    args = parser.parse_args()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; seconds, median of {args.runs}")
    with tempfile.TemporaryDirectory(prefix="graphmodel-build-") as name:
        folder = Path(name)
        check(graph, folder, args.against)
        times: dict[str, list[tuple[float, float]]] = {"graphmodel": [], "plain": []}
        for run in range(args.runs):  # alternate which goes first
            order = ["graphmodel", "plain"] if run % 2 == 0 else ["plain", "graphmodel"]
            for which in order:
                action = graphmodel_build if which == "graphmodel" else plain_copy
                times[which].append(timed(action, graph, folder / which))
    for column, label in ((0, "wall-clock"), (1, "CPU")):
        ours, plain = (statistics.median(t[column] for t in times[which]) for which in ("graphmodel", "plain"))
        runs = {which: " ".join(f"{t[column]:.2f}" for t in times[which]) for which in times}
        print(f"  {label:10}  graphmodel {ours:6.2f} ({runs['graphmodel']})  plain {plain:6.2f} ({runs['plain']})  "
              f"ratio {ours / plain:.2f}")


if __name__ == "__main__":
    main()
