"""Turn the values the embedded engine returns into plain Python, shaped as the Neo4j store shapes them."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["first_line", "to_plain"]


def first_line(message: str | None) -> str:
    """The first non-empty line of an engine message.

    >>> first_line("Parser exception: Invalid input <MATC>\\n\\"MATC (n)\\"\\n ^")
    'Parser exception: Invalid input <MATC>'
    """
    lines = [line.strip() for line in (message or "").splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def to_plain(value: Any) -> Any:
    """Convert an engine value into plain Python (dicts, lists, strings, numbers).

    A node becomes ``{"_label": ..., **properties}`` and a relationship ``{"_type": ..., **properties}``:
    the engine's internal ``_id``, ``_src`` and ``_dst`` are dropped, and so are null properties (Neo4j
    stores none). A path becomes the list of its nodes and relationships in order (see :func:`_path`); a variable-length
    relationship variable (``[r*1..2]``) the list of its relationships, as in Neo4j. Integral decimals
    (the engine sums integers as INT128) become ``int``; dates and times their ISO text.

    >>> to_plain({"_ID": {"offset": 0, "table": 1}, "_LABEL": "Country", "name": "Panama", "title": None})
    {'_label': 'Country', 'name': 'Panama'}
    >>> to_plain({"_SRC": {}, "_DST": {}, "_ID": {}, "_LABEL": "HOSTS", "confidence": 0.5})
    {'_type': 'HOSTS', 'confidence': 0.5}
    >>> to_plain([decimal.Decimal("7"), (1, 2)])
    [7, [1, 2]]
    """
    if isinstance(value, Mapping):
        return _mapping(value)
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # intervals, UUIDs, blobs and anything newer: readable text


def _mapping(value: Mapping[Any, Any]) -> Any:
    internal = {key.lower(): key for key in value if isinstance(key, str) and key.startswith("_")}
    if "_nodes" in internal and "_rels" in internal:
        return _path(value[internal["_nodes"]], value[internal["_rels"]])
    if "_label" in internal and "_id" in internal:
        tag = "_type" if "_src" in internal else "_label"
        properties = {key: to_plain(item) for key, item in value.items()
                      if key not in internal.values() and item is not None}
        return {tag: value[internal["_label"]], **properties}
    return {str(key): to_plain(item) for key, item in value.items()}


def _path(nodes: Sequence[Any], relationships: Sequence[Any]) -> list[Any]:
    """Interleave a path's nodes and relationships; a relationship variable's inner nodes are left out.

    Each relationship of a path says its ``_direction``: ``"->"`` when it points along the path, else ``"<-"``.

    >>> _path([{"_ID": 1, "_LABEL": "A"}, {"_ID": 2, "_LABEL": "B"}], [{"_ID": 3, "_SRC": 2, "_LABEL": "R"}])
    [{'_label': 'A'}, {'_type': 'R', '_direction': '<-'}, {'_label': 'B'}]
    >>> _path([], [{"_ID": 3, "_SRC": 1, "_LABEL": "R"}])
    [{'_type': 'R'}]
    """
    if len(nodes) != len(relationships) + 1:
        return [to_plain(relationship) for relationship in relationships]
    items = [to_plain(nodes[0])]
    for before, relationship, node in zip(nodes[:-1], relationships, nodes[1:], strict=True):
        forward = _internal(relationship, "_src") == _internal(before, "_id")
        items.extend(({**to_plain(relationship), "_direction": "->" if forward else "<-"}, to_plain(node)))
    return items


def _internal(value: Mapping[Any, Any], name: str) -> Any:
    """An internal field (``_ID``, ``_SRC``) whatever its case."""
    return next((item for key, item in value.items() if isinstance(key, str) and key.lower() == name), None)
