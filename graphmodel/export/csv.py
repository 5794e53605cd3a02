"""CSV files for ``neo4j-admin database import full``: one nodes file and one relationships file.

Where they go: an output path ending in ``.csv`` is a prefix (``out/sub.csv`` writes
``out/sub_nodes.csv`` and ``out/sub_relationships.csv``); any other path is a folder, created if
needed, that receives ``nodes.csv`` and ``relationships.csv``.

The headers follow the import tool's conventions and the property names of the stores::

    key:ID,name,aliases:string[],mentions:int,documents:string[],:LABEL
    :START_ID,:END_ID,:TYPE,confidence:double,evidence_docs:string[],evidence_sentences:string[],
    evidence_starts:long[],evidence_ends:long[],evidence_rules:string[]

Arrays are joined with ``;`` (the import tool's default ``--array-delimiter``). The tool has no
escape for that delimiter inside an element, so a ``;`` inside an element is written as ``,``.
Fields are quoted by the csv module (``"`` doubled inside quotes); an empty array is an empty
field, which the tool imports as no property. Evidence sentences may span lines, so import with
``--multiline-fields=true``::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
        --multiline-fields=true neo4j

``Document`` nodes and ``MENTIONS`` relationships are not written; each entity keeps the ids of
the documents that mention it in ``documents``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.graph.graphfile import write_text

__all__ = [
    "ARRAY_DELIMITER",
    "NODE_HEADER",
    "RELATIONSHIP_HEADER",
    "csv_paths",
    "node_rows",
    "relationship_rows",
    "write_csv",
]

ARRAY_DELIMITER = ";"
NODE_HEADER = ("key:ID", "name", "aliases:string[]", "mentions:int", "documents:string[]", ":LABEL")
RELATIONSHIP_HEADER = (
    ":START_ID", ":END_ID", ":TYPE", "confidence:double", "evidence_docs:string[]", "evidence_sentences:string[]",
    "evidence_starts:long[]", "evidence_ends:long[]", "evidence_rules:string[]",
)  # fmt: skip
_EVIDENCE_FIELDS = ("doc", "sentence", "start", "end", "rule")


def csv_paths(path: Path) -> tuple[Path, Path]:
    """The nodes and relationships files for an output path (a ``.csv`` prefix, or a folder).

    >>> [p.as_posix() for p in csv_paths(Path("out/sub.csv"))]
    ['out/sub_nodes.csv', 'out/sub_relationships.csv']
    >>> [p.as_posix() for p in csv_paths(Path("out/csv"))]
    ['out/csv/nodes.csv', 'out/csv/relationships.csv']
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        stem = path.with_suffix("").name
        return path.with_name(f"{stem}_nodes.csv"), path.with_name(f"{stem}_relationships.csv")
    return path / "nodes.csv", path / "relationships.csv"


def write_csv(graph: nx.MultiDiGraph, path: Path) -> tuple[Path, Path]:
    """Write the nodes and relationships files of ``graph`` (see :func:`csv_paths`), each replaced
    atomically, and return their paths."""
    nodes_path, relationships_path = csv_paths(path)
    write_text(nodes_path, _csv_text(NODE_HEADER, node_rows(graph)))
    write_text(relationships_path, _csv_text(RELATIONSHIP_HEADER, relationship_rows(graph)))
    return nodes_path, relationships_path


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def node_rows(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    """One row per node, in :data:`NODE_HEADER` order, sorted by key.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("person:a", label="Person", name="A", aliases=["Al", "x;y"], mentions=2, documents=["d1"])
    >>> list(node_rows(g))
    [['person:a', 'A', 'Al;x,y', '2', 'd1', 'Person']]
    """
    for key, data in sorted(graph.nodes(data=True)):
        yield [
            key,
            str(data.get("name") or ""),
            _array(data.get("aliases") or []),
            str(int(data.get("mentions") or 0)),
            _array(data.get("documents") or []),
            str(data["label"]),
        ]


def relationship_rows(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    """One row per relationship, in :data:`RELATIONSHIP_HEADER` order, sorted by (source, type, target).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> ev = {"doc": "d1", "sentence": 'He said "yes".', "start": 0, "end": 14, "rule": "r"}
    >>> _ = g.add_edge("a", "b", key="VISITS", type="VISITS", confidence=0.8, evidence=[ev])
    >>> list(relationship_rows(g))
    [['a', 'b', 'VISITS', '0.8', 'd1', 'He said "yes".', '0', '14', 'r']]
    """
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        yield [source, target, key, repr(float(data.get("confidence") or 0.0)), *_evidence_arrays(data)]


def _evidence_arrays(data: Mapping[str, Any]) -> list[str]:
    evidence = data.get("evidence") or []
    return [_array(e.get(f) for e in evidence) for f in _EVIDENCE_FIELDS]


def _array(values: Iterable[Any]) -> str:
    """Join array elements with the delimiter, which becomes ``,`` inside an element.

    >>> _array(["a", "b;c", 3])
    'a;b,c;3'
    """
    return ARRAY_DELIMITER.join(str("" if v is None else v).replace(ARRAY_DELIMITER, ",") for v in values)
