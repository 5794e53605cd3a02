"""The Neo4j store: loads a graph idempotently (batched ``UNWIND $rows`` MERGEs) and runs Cypher.

The schema is the one in :mod:`graphmodel.stores`. Every query the code sends is a constant below;
a label or relationship type is spliced in only after :func:`quote_name` validated it against the
schema enums. ``cypher/schema.cypher`` holds the same statements as :data:`SCHEMA_STATEMENTS`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import neo4j
import networkx as nx

from graphmodel.errors import StoreUnavailable
from graphmodel.stores import QueryResult
from graphmodel.stores.neo4j.errors import Target, check_plan, check_read_only_text, translated_errors
from graphmodel.stores.neo4j.rows import LoadRows, batched, collect_rows, load_rows, quote_name, split_statements

__all__ = [
    "BOLT_SCHEMES",
    "CLEAR_BATCH",
    "MERGE_DOCUMENTS",
    "MERGE_ENTITIES",
    "MERGE_MENTIONS",
    "MERGE_RELATIONSHIPS",
    "PING",
    "SCHEMA_STATEMENTS",
    "LoadSummary",
    "Neo4jStore",
    "ProgressBar",
    "connect",
    "schema_statements",
]

SCHEMA_STATEMENTS = (
    "CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT country_key IF NOT EXISTS FOR (n:Country) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT initiative_key IF NOT EXISTS FOR (n:Initiative) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name)",
    "CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)",
    "CREATE INDEX initiative_name IF NOT EXISTS FOR (n:Initiative) ON (n.name)",
    "CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name)",
    "CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name)",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
    "FOR (n:Person|Country|Organization|Initiative|Event|Place) ON EACH [n.name, n.aliases]",
)

MERGE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
WITH d, row
WHERE any(field IN keys(row.props) WHERE d[field] IS NULL OR d[field] <> row.props[field])
SET d += row.props
"""

# Reloading a file changes nothing; another corpus adds its aliases and documents, and its mentions
# when it brings new documents (otherwise the larger count stays, so that a reload does not double).
MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:__LABEL__ {key: row.key})
ON CREATE SET e.name = row.name, e.aliases = row.aliases, e.mentions = row.mentions, e.documents = row.documents
WITH e, row,
     [a IN row.aliases + [row.name] WHERE a <> e.name AND NOT a IN e.aliases] AS new_aliases,
     [d IN row.documents WHERE NOT d IN e.documents] AS new_documents
WITH e, new_aliases, new_documents,
     CASE WHEN size(new_documents) > 0 THEN e.mentions + row.mentions
          WHEN row.mentions > e.mentions THEN row.mentions
          ELSE e.mentions END AS mentions
WHERE size(new_aliases) > 0 OR size(new_documents) > 0 OR mentions <> e.mentions
SET e.aliases = e.aliases + new_aliases, e.documents = e.documents + new_documents, e.mentions = mentions
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (e:__LABEL__ {key: row.key})
MERGE (d:Document {id: row.doc})
MERGE (d)-[m:MENTIONS]->(e)
ON CREATE SET m.count = row.count
"""

# Evidence is appended only when its (doc, start, end, rule) is new; each new batch of evidence
# raises the confidence as a noisy-or, as graphmodel.graph.core.add_relation does.
MERGE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (s:__SOURCE__ {key: row.source})
MATCH (t:__TARGET__ {key: row.target})
MERGE (s)-[r:__TYPE__]->(t)
ON CREATE SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
    r.evidence_sentences = row.evidence_sentences, r.evidence_starts = row.evidence_starts,
    r.evidence_ends = row.evidence_ends, r.evidence_rules = row.evidence_rules
WITH r, row, [i IN range(0, size(row.evidence_docs) - 1) WHERE NONE(j IN range(0, size(r.evidence_docs) - 1)
    WHERE r.evidence_docs[j] = row.evidence_docs[i] AND r.evidence_starts[j] = row.evidence_starts[i]
      AND r.evidence_ends[j] = row.evidence_ends[i] AND r.evidence_rules[j] = row.evidence_rules[i])] AS new
WHERE size(new) > 0
// as in graphmodel.graph.core.add_relation: only a sentence the edge does not yet have raises the confidence
WITH r, row, new, ANY(i IN new WHERE NONE(j IN range(0, size(r.evidence_docs) - 1)
    WHERE r.evidence_docs[j] = row.evidence_docs[i] AND r.evidence_sentences[j] = row.evidence_sentences[i]))
    AS independent
SET r.evidence_docs = r.evidence_docs + [i IN new | row.evidence_docs[i]],
    r.evidence_sentences = r.evidence_sentences + [i IN new | row.evidence_sentences[i]],
    r.evidence_starts = r.evidence_starts + [i IN new | row.evidence_starts[i]],
    r.evidence_ends = r.evidence_ends + [i IN new | row.evidence_ends[i]],
    r.evidence_rules = r.evidence_rules + [i IN new | row.evidence_rules[i]],
    r.confidence = CASE WHEN independent THEN round(1 - (1 - r.confidence) * (1 - row.confidence), 4)
                   ELSE r.confidence END
"""

PING = "RETURN 1"  # connect() runs it so that an unknown database fails at once, with a clear message

CLEAR_BATCH = """
MATCH (n:Person|Country|Organization|Initiative|Event|Place|Document)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

COUNT_GRAPH = """
MATCH (n:Person|Country|Organization|Initiative|Event|Place|Document)
OPTIONAL MATCH (n)-[r]->()
RETURN count(DISTINCT n) AS nodes, count(r) AS relationships
"""

BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
_CYPHER_DIR = Path(__file__).resolve().parents[3] / "cypher"


def schema_statements() -> tuple[str, ...]:
    """The schema statements: from the repository's ``cypher/schema.cypher`` when present, else the constants."""
    path = _CYPHER_DIR / "schema.cypher"
    return split_statements(path.read_text(encoding="utf-8")) if path.is_file() else SCHEMA_STATEMENTS


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load sent and what the server counters say it changed."""

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
    """What :meth:`Neo4jStore.load` needs from a progress bar (``click.progressbar`` fits)."""

    def __enter__(self) -> Any: ...
    def __exit__(self, exc_type: Any, exc_value: Any, tb: Any) -> Any: ...
    def update(self, n_steps: int) -> None: ...


class Neo4jStore:
    """Reads and writes graphmodel's schema in one Neo4j database through a driver it is given."""

    def __init__(self, driver: neo4j.Driver, target: Target, *, batch_size: int = 1000) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._driver = driver
        self.target = target
        self.database = target.database
        self.batch_size = batch_size

    def apply_schema(self) -> None:
        """Create the constraints and indexes (each ``IF NOT EXISTS``)."""
        with translated_errors(self.target):
            for statement in schema_statements():
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

    def load(
        self,
        graph: nx.MultiDiGraph,
        *,
        replace: bool = False,
        progress: Callable[[int], ProgressBar | None] | None = None,
    ) -> LoadSummary:
        """Write a graph with MERGE, one transaction per batch, so that a reload changes nothing.

        Args:
            graph: a graph as :func:`graphmodel.graph.graphfile.read` returns it.
            replace: delete graphmodel's data first (other labels are left alone).
            progress: called once with the number of rows; may return a progress bar to update.

        Returns:
            The number of rows per kind and the summed server counters.
        """
        started = time.perf_counter()
        rows = load_rows(graph)
        deleted = self.clear() if replace else 0
        self.apply_schema()
        counters = {"nodes_created": 0, "relationships_created": 0, "properties_set": 0}
        with ExitStack() as stack:
            bar = progress(rows.total) if progress else None
            if bar is not None:
                stack.enter_context(bar)
            for query, group in self._load_queries(rows):
                for batch in batched(group, self.batch_size):
                    self._write_batch(query, batch, counters)
                    if bar is not None:
                        bar.update(len(batch))
        return LoadSummary(len(rows.documents), sum(map(len, rows.entities.values())),
                           sum(map(len, rows.mentions.values())), sum(map(len, rows.relationships.values())),
                           nodes_deleted=deleted, seconds=time.perf_counter() - started, **counters)

    def _load_queries(self, rows: LoadRows) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        yield MERGE_DOCUMENTS, rows.documents
        for label, group in rows.entities.items():
            yield MERGE_ENTITIES.replace("__LABEL__", quote_name(label)), group
        for label, group in rows.mentions.items():
            yield MERGE_MENTIONS.replace("__LABEL__", quote_name(label)), group
        for (rtype, source, target), group in rows.relationships.items():
            query = MERGE_RELATIONSHIPS.replace("__TYPE__", quote_name(rtype))
            yield query.replace("__SOURCE__", quote_name(source)).replace("__TARGET__", quote_name(target)), group

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

        Without ``write`` the query must be read-only: ``LOAD CSV`` and procedure calls are refused,
        the plan (``EXPLAIN``) must say it only reads, and it runs in a read transaction.

        Raises:
            WriteRefused: the query would write and ``write`` is false.
            QueryError: syntax errors, timeouts and other failures the server reports.
        """
        if not write:
            check_read_only_text(query)
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        with translated_errors(self.target, timeout), \
                self._driver.session(database=self.database, default_access_mode=mode) as session:
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
    batch_size: int = 1000,
) -> Iterator[Neo4jStore]:
    """Build the driver, check that the server answers and the database exists, and yield a store.

    Args:
        uri: e.g. ``bolt://localhost:7687``.
        auth: ``(user, password)``, or None to connect without credentials.
        database: the Neo4j database to use.
        batch_size: rows per transaction when loading.

    Raises:
        StoreUnavailable: the server is not running, refuses the credentials or lacks the database.
    """
    target = Target(uri, auth[0] if auth else None, database)
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
