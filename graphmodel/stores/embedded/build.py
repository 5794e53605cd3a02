"""Build the embedded database from the in-memory graph: schema, bulk ``COPY FROM``, atomic replace.

The schema is the one in :mod:`graphmodel.stores`. Every relationship table accepts every pair of
entity labels (36 ``FROM … TO …`` pairs), as Neo4j accepts any endpoints; the rows of each
(type, source label, target label) group go in with one ``COPY … FROM $rows (from=…, to=…)``, from an
Arrow table (:mod:`graphmodel.stores.embedded.tables`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from graphmodel.errors import StoreUnavailable
from graphmodel.schema import (
    DOCUMENT_LABEL,
    DOCUMENT_LISTS,
    DOCUMENT_PROPERTIES,
    EVIDENCE_COLUMNS,
    NAME_LABEL,
    NAMES_TYPE,
    STORE_EDGE_PROPERTIES,
    STORE_NODE_PROPERTIES,
    EntityLabel,
    RelationType,
)
from graphmodel.stores.embedded.tables import Tables, graph_tables
from graphmodel.stores.embedded.values import first_line
from graphmodel.stores.rows import Written

__all__ = ["SIDECAR_SUFFIXES", "EmbeddedWriter", "copy_statements", "schema_statements", "write_database"]

# Files the engine keeps next to the database file while it is open (write-ahead log, checkpoint shadow).
SIDECAR_SUFFIXES = (".wal", ".shadow")
# The engine's column type of each property the schema names.
_COLUMN_TYPES = {"key": "STRING PRIMARY KEY", "name": "STRING", "aliases": "STRING[]", "mentions": "INT64",
                 "documents": "STRING[]", "confidence": "DOUBLE", "doc": "STRING[]", "sentence": "STRING[]",
                 "start": "INT64[]", "end": "INT64[]", "rule": "STRING[]", "first_seen": "STRING",
                 "last_seen": "STRING"}
_ENTITY_COLUMNS = ", ".join(f"{name} {_COLUMN_TYPES[name]}" for name in STORE_NODE_PROPERTIES)
_EVIDENCE_COLUMNS = ", ".join([*(f"{name} {_COLUMN_TYPES[name]}" for name in STORE_EDGE_PROPERTIES),
                               *(f"{column} {_COLUMN_TYPES[field]}" for field, column in EVIDENCE_COLUMNS.items())])

if TYPE_CHECKING:
    import pyarrow as pa


def schema_statements() -> list[str]:
    """The DDL: a node table per entity label and ``Document``, ``MENTIONS``, ``Name`` and ``NAMES`` (the
    look-up by name), a relationship table per type.

    >>> statements = schema_statements()
    >>> print(statements[0].replace("[], ", "[],\\n"))
    CREATE NODE TABLE Person(key STRING PRIMARY KEY, name STRING, aliases STRING[],
    mentions INT64, documents STRING[],
    first_seen STRING, last_seen STRING)
    >>> statements[-1].count("FROM "), statements[-1][:40]
    (36, 'CREATE REL TABLE MEMBER_OF(FROM Person T')
    """
    labels = [str(label) for label in EntityLabel]
    pairs = ", ".join(f"FROM {source} TO {target}" for source in labels for target in labels)
    mentions = ", ".join(f"FROM {DOCUMENT_LABEL} TO {label}" for label in labels)
    names = ", ".join(f"FROM {NAME_LABEL} TO {label}" for label in labels)
    document_columns = ", ".join(f"{name} {'INT64[]' if name in DOCUMENT_LISTS else 'STRING'}"
                                 for name in DOCUMENT_PROPERTIES)
    return [
        *(f"CREATE NODE TABLE {label}({_ENTITY_COLUMNS})" for label in labels),
        f"CREATE NODE TABLE {DOCUMENT_LABEL}(id STRING PRIMARY KEY, {document_columns})",
        f"CREATE REL TABLE MENTIONS({mentions}, count INT64)",
        f"CREATE NODE TABLE {NAME_LABEL}(text STRING PRIMARY KEY)",
        f"CREATE REL TABLE {NAMES_TYPE}({names})",
        *(f"CREATE REL TABLE {rtype}({pairs}, {_EVIDENCE_COLUMNS})" for rtype in RelationType),
    ]


def copy_statements(graph: nx.MultiDiGraph) -> Iterator[tuple[str, pa.Table]]:
    """Each ``COPY`` statement with the Arrow table it loads; the labels and types in it come from the schema enums.

    Every document id that an entity or an evidence item names gets a ``Document`` row (with metadata
    where the graph has it), as in the Neo4j store; ``MENTIONS`` has one relationship per (document,
    entity) with count 1, and ``NAMES`` one per (look-up text, entity). The tables are
    :func:`~graphmodel.stores.embedded.tables.graph_tables`.

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name="Panama", aliases=[], mentions=2, documents=["d1"])
    >>> for statement, table in copy_statements(g):
    ...     print(statement, table.num_rows)
    COPY Country FROM $rows 1
    COPY Document FROM $rows 1
    COPY Name FROM $rows 1
    COPY MENTIONS FROM $rows (from='Document', to='Country') 1
    COPY NAMES FROM $rows (from='Name', to='Country') 1
    """
    yield from _statements(graph_tables(graph))


def _statements(tables: Tables) -> Iterator[tuple[str, pa.Table]]:
    for (table, source_label, target_label), rows in tables.in_load_order():
        pair = f" (from='{source_label}', to='{target_label}')" if source_label else ""
        yield f"COPY {table} FROM $rows{pair}", rows


class EmbeddedWriter:
    """The :class:`~graphmodel.stores.GraphWriter` of an embedded database file: see :func:`write_database`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def write(self, graph: nx.MultiDiGraph) -> Written:
        """Build the database for ``graph`` at ``self.path``, replacing any database there atomically."""
        tables = graph_tables(graph)
        write_database(graph, self.path, tables)
        return Written(str(self.path), tables.documents, tables.entities, tables.relationships)


def write_database(graph: nx.MultiDiGraph, path: Path, tables: Tables | None = None) -> Path:
    """Build the embedded database for ``graph`` at ``path``, replacing any database there atomically.

    The new database is built from scratch in a temporary directory next to ``path``, closed, and then
    renamed over ``path``; a failed or interrupted build leaves the old database as it was, and removes
    its temporary directory. After SIGKILL the directory ``.NAME.build-*`` stays; `graphmodel build`
    writes its database inside a staging folder and removes such leftovers from its output folder
    (:mod:`graphmodel.stores.outputs`).

    Args:
        graph: a graph as :func:`graphmodel.graph.graphfile.read` returns it.
        path: the database file, e.g. ``out/graph.db``.
        tables: ``graph_tables(graph)``, if the caller has them already.

    Returns:
        ``path``.

    Raises:
        StoreUnavailable: ``path`` is a directory, or the engine cannot write there.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreUnavailable(f"{path} is a directory, not an embedded database file; "
                               "remove it or choose another path")
    path.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f".{path.name}.build-", dir=path.parent))
    try:
        built = workdir / path.name
        load_database(graph, built, tables)
        replace_database(built, path, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return path


def load_database(graph: nx.MultiDiGraph, path: Path, tables: Tables | None = None) -> None:
    """Create a new database file at ``path`` and bulk load ``graph`` (or its ``tables``) into it, then close it."""
    import ladybug

    try:
        database = ladybug.Database(str(path), auto_checkpoint=False)  # one checkpoint, at close
    except RuntimeError as error:
        raise StoreUnavailable(f"cannot create an embedded database at {path}: {error}") from error
    connection = ladybug.Connection(database)
    try:
        for statement in schema_statements():
            connection.execute(statement)
        statements = copy_statements(graph) if tables is None else _statements(tables)
        for statement, rows in statements:
            connection.execute(statement, {"rows": rows})
    except RuntimeError as error:
        raise StoreUnavailable(f"building the embedded database failed: {first_line(str(error))}") from error
    finally:
        connection.close()
        database.close()


def replace_database(built: Path, path: Path, workdir: Path) -> None:
    """Rename ``built`` over ``path``; sidecar files of the old database move into ``workdir`` first.

    A stale write-ahead log next to ``path`` would otherwise be replayed onto the new database.
    """
    moved = []
    try:
        for suffix in SIDECAR_SUFFIXES:
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                os.replace(sidecar, workdir / sidecar.name)
                moved.append(sidecar)
        os.replace(built, path)
    except BaseException:
        for sidecar in moved:
            os.replace(workdir / sidecar.name, sidecar)
        raise
