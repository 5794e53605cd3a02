"""The Neo4j store: a server reached through the official driver."""

from __future__ import annotations

__all__: list[str] = []
