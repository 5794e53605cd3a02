"""Graph stores that answer Cypher: the embedded database (default) and Neo4j.

Both hold the same schema: one node label per entity label with the properties ``key``, ``name``,
``aliases``, ``mentions`` and ``documents``; ``Document`` nodes (``id``, ``title``, ``date``,
``path``, ``author``) with ``MENTIONS`` relationships (property ``count``) to the entities they
mention; and one relationship type per schema type, whose properties are ``confidence`` and the
evidence as parallel lists ``evidence_docs``, ``evidence_sentences``, ``evidence_starts``,
``evidence_ends`` and ``evidence_rules``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["GraphStore", "QueryResult", "entity_row", "evidence_columns"]


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


def entity_row(key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The properties both stores keep for an entity node (its label aside).

    Each store adds one ``MENTIONS`` relationship (count 1) from every document in ``documents``.

    >>> entity_row("country:panama", {"label": "Country", "name": "Panama", "aliases": ["Panama", "PA"]})
    {'key': 'country:panama', 'name': 'Panama', 'aliases': ['PA'], 'mentions': 0, 'documents': []}
    """
    return {
        "key": key,
        "name": data["name"],
        "aliases": sorted(set(data.get("aliases") or []) - {data["name"]}),
        "mentions": int(data.get("mentions") or 0),
        "documents": sorted(set(data.get("documents") or [])),
    }


def evidence_columns(evidence: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Split a list of evidence dicts into the parallel-list properties the stores keep.

    >>> evidence_columns([{"doc": "d1", "sentence": "S.", "start": 0, "end": 2, "rule": "r"}])["evidence_docs"]
    ['d1']
    """
    return {
        "evidence_docs": [e["doc"] for e in evidence],
        "evidence_sentences": [e["sentence"] for e in evidence],
        "evidence_starts": [int(e["start"]) for e in evidence],
        "evidence_ends": [int(e["end"]) for e in evidence],
        "evidence_rules": [e["rule"] for e in evidence],
    }
