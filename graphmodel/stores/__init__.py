"""Graph stores and writers: the embedded database (default), Neo4j, and the Cypher script.

Every writer takes the in-memory graph (:mod:`graphmodel.graph.core`) and writes the schema of
:mod:`graphmodel.schema` (see :mod:`graphmodel.stores.rows` for the properties); every store
answers Cypher. :mod:`graphmodel.stores.cypher` holds every statement sent or written,
:mod:`graphmodel.stores.readonly` the read-only check both engines share, and
:mod:`graphmodel.stores.readback` reads a store back into a graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import networkx as nx

__all__ = ["GraphStore", "GraphWriter", "QueryResult", "WriteSummary"]


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The rows a query returned, as plain Python values (nodes and paths already converted)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


class GraphStore(Protocol):
    """What the CLI needs from a store to run a query."""

    def run(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult: ...


class WriteSummary(Protocol):
    """What every writer reports: where the graph went and how much of it."""

    @property
    def target(self) -> str: ...
    @property
    def documents(self) -> int: ...
    @property
    def entities(self) -> int: ...
    @property
    def relationships(self) -> int: ...


class GraphWriter(Protocol):
    """Writes a whole graph into one place: an embedded database, a Neo4j database, a Cypher script.

    Writing the same graph twice leaves the same result as writing it once.
    """

    def write(self, graph: nx.MultiDiGraph) -> WriteSummary: ...
