"""Neo4j's schema procedures on the embedded database: ``CALL db.labels()`` and ``CALL db.relationshipTypes()``.

The engine has no such procedures; its catalogue (``show_tables()``) lists a table for every label
and relationship type of the schema, used or not. Neo4j lists a label that some node carries or that
a constraint names (graphmodel's load makes one for every label of the schema), and a relationship
type only when some relationship has it. The store therefore takes every node table, and the
relationship tables that hold a row (:func:`listed_tables`), and :func:`schema_calls` puts the names
into the query as a list that it unwinds:

    CALL db.labels() YIELD label WHERE label STARTS WITH 'P' RETURN label
    UNWIND ['Person', 'Place'] AS label WITH label WHERE label STARTS WITH 'P' RETURN label
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphmodel.stores.text import mask, unmask

__all__ = ["PROCEDURES", "listed_tables", "schema_calls"]

# procedure (lower case) -> (the catalogue's table type, the column Neo4j yields)
PROCEDURES = {"db.labels": ("NODE", "label"), "db.relationshiptypes": ("REL", "relationshipType")}
_CALL = re.compile(r"(?<![\w.$])CALL\s+(db\.labels|db\.relationshipTypes)\s*\(\s*\)"
                   r"(?:\s+YIELD\s+(\w+)(?:\s+AS\s+(\w+))?)?", re.I)
_NAME = re.compile(r"[A-Za-z_]\w*")
_TABLES = "CALL show_tables() RETURN name, type"
_PROBE = "MATCH ()-[r:`{name}`]->() RETURN 1 LIMIT 1"


def schema_calls(query: str, names: Callable[[str], list[str]]) -> str:
    """Replace each ``CALL db.labels()`` and ``CALL db.relationshipTypes()`` by an ``UNWIND`` of ``names(kind)``.

    ``kind`` is the catalogue's table type, ``NODE`` or ``REL``. A call that ends the query returns
    its column, as a standalone call does in Neo4j.

    >>> tables = {"NODE": ["Country", "Person"], "REL": ["HOSTS"]}.__getitem__
    >>> schema_calls("CALL db.labels()", tables)
    "UNWIND ['Country', 'Person'] AS label RETURN label"
    >>> schema_calls("CALL db.relationshipTypes() YIELD relationshipType AS t WHERE t <> 'X' RETURN t", tables)
    "UNWIND ['HOSTS'] AS t WITH t WHERE t <> 'X' RETURN t"
    """
    text, saved = mask(query)
    out, position = [], 0
    for match in _CALL.finditer(text):
        kind, column = PROCEDURES[match.group(1).lower()]
        alias = match.group(3) or match.group(2) or column
        listed = ", ".join(f"'{name}'" for name in names(kind) if _NAME.fullmatch(name))
        rest = text[match.end():]
        tail = " RETURN " + alias if not rest.strip(" \t\n;") else ""
        if re.match(r"\s*WHERE\b", rest, re.I):
            tail = f" WITH {alias}"
        out.append(f"{text[position:match.start()]}UNWIND [{listed}] AS {alias}{tail}")
        position = match.end()
    return unmask("".join(out) + text[position:], saved)


def listed_tables(execute: Callable[[str], list[list[object]]], kind: str) -> list[str]:
    """The sorted names Neo4j would list of the catalogue's tables of type ``kind``: every ``NODE`` table,
    the ``REL`` tables that hold a row.

    ``execute`` runs a query on the engine and returns its rows.
    """
    tables = sorted(str(name) for name, table_kind in execute(_TABLES) if table_kind == kind)
    return [name for name in tables if _NAME.fullmatch(name) and (kind == "NODE" or execute(_PROBE.format(name=name)))]
