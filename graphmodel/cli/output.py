"""Format query results for the terminal: an aligned text table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graphmodel.stores import QueryResult

__all__ = ["FORMATS", "format_result", "format_value"]

FORMATS = ("table", "json", "csv")


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a query result as ``table``, ``json`` or ``csv`` text (without a final newline).

    >>> print(format_result(QueryResult(("name", "hops"), (("Panama", 2),)), "table"))
    name   | hops
    -------+-----
    Panama |    2
    (1 row)

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "table":
        return _table(result)
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        return _csv(result)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def format_value(value: Any) -> str:
    """Short readable text for one value: nodes by name (or key), relationships by type, lists joined.

    >>> format_value({"_label": "Person", "key": "person:pete-hegseth", "name": "Pete Hegseth"})
    '(:Person {name: "Pete Hegseth"})'
    >>> format_value({"_type": "HOSTS", "confidence": 0.9})
    '[:HOSTS]'
    >>> format_value([{"_label": "Country", "name": "Panama"}, {"_type": "COOPERATES_WITH", "_direction": "<-"},
    ...               {"_label": "Country", "name": "United States"}])
    '(:Country {name: "Panama"})<-[:COOPERATES_WITH]-(:Country {name: "United States"})'
    >>> format_value(["Hegseth", "Secretary Hegseth"]), format_value(None), format_value(True)
    ('Hegseth, Secretary Hegseth', 'null', 'true')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _format_map(value)
    if isinstance(value, list | tuple):
        if _is_path(value):
            return "".join(_path_step(item) if i % 2 else format_value(item) for i, item in enumerate(value))
        return ", ".join(format_value(item) for item in value)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _format_map(value: dict[str, Any]) -> str:
    if "_label" in value:
        field = next((f for f in ("name", "key", "title", "id") if value.get(f) is not None), None)
        inner = f" {{{field}: {json.dumps(value[field], ensure_ascii=False)}}}" if field else ""
        return f"(:{value['_label']}{inner})"
    if "_type" in value:
        return f"[:{value['_type']}]"
    return "{" + ", ".join(f"{key}: {format_value(item)}" for key, item in value.items()) + "}"


def _path_step(relationship: dict[str, Any]) -> str:
    """A relationship of a path with its arrow: ``-[:T]->``, ``<-[:T]-``, or ``-[:T]-`` without a direction."""
    direction = relationship.get("_direction")
    return f"{'<' if direction == '<-' else ''}-{format_value(relationship)}-{'>' if direction == '->' else ''}"


def _is_path(items: list[Any] | tuple[Any, ...]) -> bool:
    if len(items) < 3 or len(items) % 2 == 0 or not all(isinstance(item, dict) for item in items):
        return False
    return all(("_type" in item) == (i % 2 == 1) for i, item in enumerate(items))


def _table(result: QueryResult) -> str:
    cells = [[format_value(value) for value in row] for row in result.rows]
    widths = [max([len(column), *(len(row[i]) for row in cells)]) for i, column in enumerate(result.columns)]
    numeric = [all(_is_number(row[i]) for row in result.rows) and bool(result.rows)
               for i in range(len(result.columns))]
    lines = []
    if result.columns:
        lines.append(" | ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip())
        lines.append("-+-".join("-" * w for w in widths))
    for row in cells:
        padded = (text.rjust(w) if num else text.ljust(w) for text, w, num in zip(row, widths, numeric, strict=True))
        lines.append(" | ".join(padded).rstrip())
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines)


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().removesuffix("\n")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
