"""The embedded store: a LadybugDB database in a folder beside graph.json, no server needed."""

from __future__ import annotations

__all__: list[str] = []
