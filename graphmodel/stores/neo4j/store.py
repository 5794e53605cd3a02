"""The Neo4j store: loads a graph idempotently (batched ``UNWIND $rows`` MERGEs) and runs Cypher.

Every statement it sends comes from :mod:`graphmodel.stores.cypher`, generated from the schema.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import neo4j
import networkx as nx

from graphmodel.errors import StoreUnavailable
from graphmodel.schema import DOCUMENT_LABEL, LABELS
from graphmodel.stores import QueryResult
from graphmodel.stores.cypher import (
    CHECK_ENTITIES,
    CLEAR_BATCH,
    COUNT_GRAPH,
    DELETE_NODES,
    DELETE_UNUSED_NAMES,
    PING,
    SCHEMA_STATEMENTS,
    STORED_NODES,
    load_statements,
    quote_name,
)
from graphmodel.stores.neo4j import logs
from graphmodel.stores.neo4j.errors import Target, check_plan, check_read_only_text, translated_errors
from graphmodel.stores.neo4j.values import collect_rows
from graphmodel.stores.readonly import check_parameters
from graphmodel.stores.rows import BATCH_SIZE, LoadRows, batched, gc_paused, load_rows

__all__ = [
    "BOLT_SCHEMES",
    "SYSTEM_DATABASE",
    "LoadSummary",
    "Neo4jStore",
    "ProgressBar",
    "connect",
]

BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
SYSTEM_DATABASE = "system"  # Neo4j's own catalogue: no graph data, no Cypher but administration commands


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load sent and what the server counters say it changed (a :class:`~graphmodel.stores.WriteSummary`)."""

    target: str
    documents: int
    entities: int
    mentions: int
    relationships: int
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    nodes_deleted: int = 0
    seconds: float = 0.0


class ProgressBar(Protocol):
    """What :meth:`Neo4jStore.write` needs from a progress bar (``click.progressbar`` fits)."""

    def __enter__(self) -> Any: ...
    def __exit__(self, exc_type: Any, exc_value: Any, tb: Any) -> Any: ...
    def update(self, n_steps: int) -> None: ...


class Neo4jStore:
    """Reads and writes graphmodel's schema in one Neo4j database through a driver it is given (a ``GraphWriter``)."""

    def __init__(self, driver: neo4j.Driver, target: Target, *, batch_size: int = BATCH_SIZE) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._driver = driver
        self.target = target
        self.database = target.database
        self.batch_size = batch_size

    def apply_schema(self) -> None:
        """Create the constraints and indexes (each ``IF NOT EXISTS``)."""
        with translated_errors(self.target):
            for statement in SCHEMA_STATEMENTS:
                self._driver.execute_query(statement, database_=self.database)

    def totals(self) -> tuple[int, int]:
        """How many of graphmodel's nodes, and relationships leaving them, the database holds."""
        with translated_errors(self.target):
            records, _, _ = self._driver.execute_query(COUNT_GRAPH, database_=self.database)
        return int(records[0]["nodes"]), int(records[0]["relationships"])

    def clear(self) -> int:
        """Delete graphmodel's nodes (the six entity labels and ``Document``) in batches; return how many."""
        deleted = 0
        with translated_errors(self.target):
            while True:
                records, _, _ = self._driver.execute_query(CLEAR_BATCH, limit=self.batch_size,
                                                           database_=self.database)
                if not records[0]["deleted"]:
                    return deleted
                deleted += records[0]["deleted"]

    def write(
        self,
        graph: nx.MultiDiGraph,
        *,
        replace: bool = False,
        sync: bool = False,
        progress: Callable[[int], ProgressBar | None] | None = None,
    ) -> LoadSummary:
        """Write a graph, one transaction per batch: everything the graph holds gets exactly its values
        (SET from the graph, never merged with an earlier load), so that a reload changes nothing.
        Entities, documents and relationships the graph does not hold are left alone unless ``replace``.
        Entities the database lacks are CREATEd, entities stored as the graph has them (content hash and
        relationship counts, see :data:`~graphmodel.stores.cypher.CHECK_ENTITIES`) are skipped, the
        others are MERGEd.

        Args:
            graph: a graph as :func:`graphmodel.graph.graphfile.read` returns it.
            replace: delete graphmodel's data first (other labels are left alone).
            sync: afterwards, delete graphmodel's entities and documents the graph does not hold, with their
                relationships, so that the database holds exactly the graph (cheaper than ``replace``
                when little changed; other labels are left alone).
            progress: called once with the number of rows; may return a progress bar to update.

        Returns:
            The number of rows per kind and the summed server counters.
        """
        started = time.perf_counter()
        with gc_paused():  # the rows hold no reference cycles; see gc_paused
            return self._write(graph, replace, sync, progress, started)

    def _write(self, graph: nx.MultiDiGraph, replace: bool, sync: bool,
               progress: Callable[[int], ProgressBar | None] | None, started: float) -> LoadSummary:
        rows = load_rows(graph)
        deleted = self.clear() if replace else 0
        self.apply_schema()
        unchanged, missing = self._sort_entities(rows)
        statements = list(load_statements(rows.select(rows.hashes.keys() - unchanged - missing),
                                          rows.select(missing, new=True)))
        counters = {"nodes_created": 0, "relationships_created": 0, "properties_set": 0}
        with ExitStack() as stack:
            bar = progress(sum(len(group) for _, group in statements)) if progress else None
            if bar is not None:
                stack.enter_context(bar)
            for query, group in statements:
                for batch in batched(group, self.batch_size):
                    self._write_batch(query, batch, counters)
                    if bar is not None:
                        bar.update(len(batch))
        if sync:
            deleted += self._remove_absent(rows)
        return LoadSummary(f"{self.target.uri} (database {self.database})", len(rows.documents),
                           sum(map(len, rows.entities.values())), sum(map(len, rows.mentions.values())),
                           sum(map(len, rows.relationships.values())),
                           nodes_deleted=deleted, seconds=time.perf_counter() - started, **counters)

    def _remove_absent(self, rows: LoadRows) -> int:
        """Delete graphmodel's nodes whose key (or document id) ``rows`` lacks, in batches; return how many."""
        held = {str(label): {row["key"] for row in group} for label, group in rows.entities.items()}
        held[DOCUMENT_LABEL] = {row["id"] for row in rows.documents}
        with translated_errors(self.target):
            stored, _, _ = self._driver.execute_query(STORED_NODES, labels=[*LABELS, DOCUMENT_LABEL],
                                                      database_=self.database)
        absent: dict[str, list[str]] = {}
        for record in stored:
            if record["name"] not in held.get(record["label"], ()):
                absent.setdefault(record["label"], []).append(record["name"])
        deleted = 0
        for label, names in sorted(absent.items()):
            query = DELETE_NODES.replace("__LABEL__", quote_name(label))
            query = query.replace("__KEY__", "id" if label == DOCUMENT_LABEL else "key")
            for batch in batched(sorted(names), self.batch_size):
                with translated_errors(self.target):
                    summary = self._driver.execute_query(query, rows=batch, database_=self.database).summary
                deleted += summary.counters.nodes_deleted
        if deleted:  # the look-up names only the deleted entities had
            with translated_errors(self.target):
                deleted += self._driver.execute_query(DELETE_UNUSED_NAMES,
                                                      database_=self.database).summary.counters.nodes_deleted
        return deleted

    def _sort_entities(self, rows: LoadRows) -> tuple[set[str], set[str]]:
        """The keys of the graph's entities stored as the graph has them, and of those not stored."""
        unchanged: set[str] = set()
        missing: set[str] = set()
        with translated_errors(self.target):
            for label, group in rows.check_rows().items():
                query = CHECK_ENTITIES.replace("__LABEL__", quote_name(label))
                for batch in batched(group, self.batch_size):
                    records, _, _ = self._driver.execute_query(query, rows=batch, database_=self.database,
                                                               routing_=neo4j.RoutingControl.READ)
                    missing.update(records[0]["missing"])
                    unchanged.update(records[0]["same"])
        return unchanged, missing

    def _write_batch(self, query: str, batch: list[dict[str, Any]], counters: dict[str, int]) -> None:
        with translated_errors(self.target):
            summary = self._driver.execute_query(query, rows=batch, database_=self.database).summary
        for name in counters:
            counters[name] += getattr(summary.counters, name)

    def run(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run one Cypher query and return its rows as plain Python values.

        Without ``write`` the query must be read-only: ``LOAD CSV``, procedure calls and
        administration commands are refused, the plan (``EXPLAIN``) must say it only reads, and it
        runs in a read transaction. A label or relationship type that neither the schema nor the
        database has is refused, as the embedded engine does.

        Raises:
            WriteRefused: the query would write and ``write`` is false.
            QueryError: a ``$parameter`` not given; syntax errors, unknown labels, timeouts and other failures
                the server reports.
        """
        check_parameters(query, params)
        if not write:
            check_read_only_text(query)
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        # the plan's notifications name unknown labels; the driver's log of them is noise
        notify = neo4j.NotificationMinimumSeverity.OFF if write else neo4j.NotificationMinimumSeverity.WARNING
        with translated_errors(self.target, timeout), logs.quiet_notifications(), \
                self._driver.session(database=self.database, default_access_mode=mode,
                                     notifications_min_severity=notify) as session:
            if not write:
                check_plan(session, query, params)
            work = neo4j.unit_of_work(timeout=timeout)(collect_rows)
            execute = session.execute_write if write else session.execute_read
            columns, rows = execute(work, query, dict(params or {}))
        return QueryResult(columns, rows)


@contextmanager
def connect(
    uri: str,
    auth: tuple[str, str] | None,
    *,
    database: str = "neo4j",
    batch_size: int = BATCH_SIZE,
) -> Iterator[Neo4jStore]:
    """Build the driver, check that the server answers and the database exists, and yield a store.

    Args:
        uri: e.g. ``bolt://localhost:7687``.
        auth: ``(user, password)``, or None to connect without credentials.
        database: the Neo4j database to use.
        batch_size: rows per transaction when loading.

    Raises:
        StoreUnavailable: the server is not running, refuses the credentials or lacks the database,
            or the database is ``system``.
    """
    target = Target(uri, auth[0] if auth else None, database)
    if database.lower() == SYSTEM_DATABASE:
        raise StoreUnavailable("graphmodel's data cannot live in Neo4j's system database (it holds only users, "
                               "roles and databases); pick a user database with --database (default neo4j)")
    logs.install()
    try:
        if urlsplit(uri).scheme not in BOLT_SCHEMES:
            raise ValueError(f"the scheme must be one of {', '.join(sorted(BOLT_SCHEMES))}")
        # Notifications (e.g. "relationship type VISITS does not exist" on a partial graph) are
        # noise for a CLI whose example queries name every schema type.
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10.0,
                                            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF)
    except (neo4j.exceptions.ConfigurationError, ValueError) as error:
        raise StoreUnavailable(f"cannot use Neo4j URI {uri!r} ({error}); give one like bolt://localhost:7687 "
                               "with --uri or GRAPHMODEL_NEO4J_URI") from error
    with driver:
        with translated_errors(target):
            driver.verify_connectivity()
            driver.execute_query(PING, database_=database, routing_=neo4j.RoutingControl.READ)
        yield Neo4jStore(driver, target, batch_size=batch_size)
