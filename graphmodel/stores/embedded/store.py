"""The embedded graph database: Cypher queries with no server, on the same schema as the Neo4j store.

The engine is LadybugDB (``ladybug`` on PyPI), the maintained fork of Kùzu; the database is one
file. :func:`~graphmodel.stores.embedded.build.write_database` builds it from a graph with bulk
``COPY FROM`` and swaps it in atomically; :func:`open_database` yields an :class:`EmbeddedStore`
whose :meth:`~EmbeddedStore.run` takes Neo4j Cypher, rewrites it with
:mod:`graphmodel.stores.embedded.dialect` and returns plain Python. ``docs/embedded.md`` lists the
dialect differences. Never import ``kuzu`` in the same process: the two
engines' native modules crash each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphmodel.errors import StoreUnavailable, WriteRefused
from graphmodel.stores import QueryResult
from graphmodel.stores.embedded.catalogue import listed_tables, schema_calls
from graphmodel.stores.embedded.dialect import to_embedded
from graphmodel.stores.embedded.errors import (
    check_label_tests,
    check_procedures,
    check_read_only_text,
    check_single_statement,
    open_error,
    translated_errors,
)
from graphmodel.stores.embedded.parameters import lowered_parameters
from graphmodel.stores.embedded.values import to_plain
from graphmodel.stores.readonly import check_parameters
from graphmodel.stores.text import return_columns

__all__ = ["EmbeddedStore", "open_database"]


class EmbeddedStore:
    """Runs Cypher on one open embedded database through a connection it is given."""

    def __init__(self, connection: Any, path: Path, *, read_only: bool = True) -> None:
        self._connection = connection
        self.path = path
        self.read_only = read_only

    def run(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run one Cypher query written for Neo4j and return its rows as plain Python values.

        The column names are Neo4j's: each ``AS`` alias, else the expression as written.

        Args:
            query: Neo4j Cypher; :func:`graphmodel.stores.embedded.dialect.to_embedded` rewrites it.
            params: the ``$parameters``; ``toLower($p)`` is computed beforehand, so that a primary-key
                look-up applies (:mod:`graphmodel.stores.embedded.parameters`).
            write: allow writing clauses (the database must be open with ``read_only=False``).
            timeout: seconds after which the engine interrupts the query.

        Raises:
            WriteRefused: the query would write and ``write`` is false, or the database is read-only.
            QueryError: more than one statement; a ``$parameter`` not given; syntax errors, unknown names,
                timeouts and other failures the engine reports.
        """
        check_single_statement(query)
        check_parameters(query, params)
        check_label_tests(query)
        check_procedures(query)
        if not write:
            check_read_only_text(query)
        elif self.read_only:
            raise WriteRefused(f"the embedded database {self.path} is open read-only; "
                               "open it with read_only=False to write")
        self._connection.set_query_timeout(max(1, round(timeout * 1000)) if timeout else 0)
        with translated_errors(timeout, query):
            text = schema_calls(to_embedded(query), self._listed_tables)
            result = self._connection.execute(*lowered_parameters(text, params or {}))
            columns, rows = tuple(result.get_column_names()), result.get_all()
        names = return_columns(query)
        if names is None or len(names) != len(columns):
            names = columns
        return QueryResult(names, tuple(tuple(to_plain(value) for value in row) for row in rows))


    def _listed_tables(self, kind: str) -> list[str]:
        """The labels (``NODE``) or relationship types (``REL``) that Neo4j would list for this database."""
        return listed_tables(lambda query: list(self._connection.execute(query).get_all()), kind)


@contextmanager
def open_database(path: Path, *, read_only: bool = True) -> Iterator[EmbeddedStore]:
    """Open the embedded database at ``path`` and yield a store; close it on exit.

    Args:
        path: a database file written by :func:`~graphmodel.stores.embedded.build.write_database`.
        read_only: open it read-only (several processes may then read it at once).

    Raises:
        StoreUnavailable: there is no database at ``path`` (or an empty file), or the engine cannot open it.
    """
    import ladybug

    path = Path(path)
    if not path.is_file():
        raise StoreUnavailable(f"no embedded database at {path}; run `graphmodel build` first")
    if path.stat().st_size == 0:  # the engine would make it a new, empty database, and write to it
        raise StoreUnavailable(f"{path} is an empty file, not a database built by graphmodel; "
                               "run `graphmodel build` or name another with --graph")
    try:
        database = ladybug.Database(str(path), read_only=read_only)
    except RuntimeError as error:
        raise open_error(path, error) from error
    try:
        connection = ladybug.Connection(database)
        try:
            yield EmbeddedStore(connection, path, read_only=read_only)
        finally:
            connection.close()
    finally:
        database.close()
