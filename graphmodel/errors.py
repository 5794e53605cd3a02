"""The errors graphmodel raises on purpose; the CLI turns each into one line and exit code 1."""

from __future__ import annotations

__all__ = [
    "AmbiguousEntity",
    "ClusterUnavailable",
    "DocumentError",
    "EmptySelection",
    "EntityNotFound",
    "ExportError",
    "GraphFileError",
    "GraphModelError",
    "QueryError",
    "StoreUnavailable",
    "WriteRefused",
]


class GraphModelError(Exception):
    """Base class for every error graphmodel raises on purpose."""


class DocumentError(GraphModelError):
    """A document or corpus path cannot be read."""


class GraphFileError(GraphModelError):
    """A graph file is missing, not JSON, or not in the interchange format."""


class StoreUnavailable(GraphModelError):
    """A graph store cannot be reached or opened."""


class ClusterUnavailable(GraphModelError):
    """A cluster to extract on cannot be reached, has no worker, or runs another graphmodel version."""


class QueryError(GraphModelError):
    """A Cypher query failed: syntax, unknown names, timeout."""


class WriteRefused(QueryError):
    """A query would write while the session is read-only."""


class EntityNotFound(GraphModelError):
    """No entity matches a name or key."""


class AmbiguousEntity(EntityNotFound):
    """A name matches several entities; the message lists them with their keys."""


class ExportError(GraphModelError):
    """A subgraph cannot be written in the format or to the place asked for."""


class EmptySelection(GraphModelError):
    """A selection keeps nothing of a graph; the message says which filter removed what."""
