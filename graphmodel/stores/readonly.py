"""The read-only check both engines share, on the query text alone.

Outside ``--write`` a query may ``CALL`` only what its engine lists as reading (the schema, the
full-text index), and may not hold a clause its engine names as writing or reaching outside the
database, nor (Neo4j) an administration command, even one that only reads (``SHOW ...``). String
literals, quoted names and comments are ignored. Neo4j adds the server's own verdict (the
``EXPLAIN`` query type); the embedded engine relies on this check and a read-only connection.
:func:`unknown_name_error` is the message both engines give for a label or type the graph lacks, and
:func:`check_parameters` the one for a ``$parameter`` the query uses but was not given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphmodel.errors import QueryError, WriteRefused
from graphmodel.schema import DOCUMENT_LABEL, LABELS, RELATION_TYPES
from graphmodel.stores.text import code_only

__all__ = ["ReadOnlyRules", "check_parameters", "check_read_only_text", "query_parameters", "unknown_name_error"]

_CALL = re.compile(r"(?<![\w.$])CALL\b\s*([\w.]*)\s*(\(|=)?", re.I)
_RERUN = "; rerun with --write if you mean it"
_PARAMETER = re.compile(r"\$(\w+)")


@dataclass(frozen=True, slots=True)
class ReadOnlyRules:
    """One engine's rules: what a read-only query may call and which clauses it may not hold.

    ``clauses``' first group names the clause, and the first group of ``commands`` that matched names
    the command; the messages take ``{clause}``, ``{command}`` and ``{name}``.
    """

    calls: frozenset[str]  # lower-case names
    clauses: re.Pattern[str]
    clause_message: str
    call_message: str
    commands: re.Pattern[str] | None = None  # administration commands, refused whatever they do
    command_message: str = "refusing {command} outside --write"


def check_read_only_text(query: str, rules: ReadOnlyRules) -> None:
    """Raise :class:`WriteRefused` for a refused clause or call (a ``CALL x = …`` setting always is).

    >>> rules = ReadOnlyRules(frozenset({"db.labels"}), re.compile(r"\\b(DELETE)\\b", re.I),
    ...                       "refusing {clause}", "refusing to CALL {name}")
    >>> check_read_only_text("MATCH (n {name: 'delete'}) RETURN n // DELETE", rules)
    >>> check_read_only_text("CALL db.labels()", rules)
    >>> check_read_only_text("CALL { MATCH (n) RETURN n } RETURN 1", rules)
    Traceback (most recent call last):
    ...
    graphmodel.errors.WriteRefused: refusing to CALL { ... }; rerun with --write if you mean it
    """
    code = code_only(query)
    if rules.commands is not None and (match := rules.commands.search(code)):
        command = " ".join(next(group for group in match.groups() if group).upper().split())
        raise WriteRefused(rules.command_message.format(command=command) + _RERUN)
    if match := rules.clauses.search(code):
        clause = " ".join(match.group(1).upper().split())
        raise WriteRefused(rules.clause_message.format(clause=clause) + _RERUN)
    for call in _CALL.finditer(code):
        name, opener = call.group(1), call.group(2)
        if opener == "=" or name.lower() not in rules.calls:
            raise WriteRefused(rules.call_message.format(name=name or "{ ... }") + _RERUN)


def unknown_name_error(name: str, kind: str | None = None) -> QueryError:
    """The error for a query that names a label or relationship type that neither the schema nor the
    database has; ``kind`` is ``"label"``, ``"relationship type"`` or None when the engine cannot tell.

    >>> print(unknown_name_error("Persn", "label"))
    the graph has no label 'Persn' (its labels: Country, Document, Event, Initiative, Organization, Person, Place); \
fix the query and run it again
    """
    labels = f"its labels: {', '.join(sorted((*LABELS, DOCUMENT_LABEL)))}"
    types = f"its relationship types: {', '.join(sorted(RELATION_TYPES))}"
    known = {"label": labels, "relationship type": types}.get(kind or "", f"{labels}; {types}")
    return QueryError(f"the graph has no {kind or 'label or relationship type'} {name!r} ({known}); "
                      "fix the query and run it again")


def query_parameters(query: str) -> tuple[str, ...]:
    """The names of the ``$parameters`` a query uses, in order of first use (none inside strings or comments).

    >>> query_parameters("MATCH (n {name: $name}) WHERE n.x = '$no' AND n.y = $y OR n.name = $name RETURN n // $z")
    ('name', 'y')
    """
    return tuple(dict.fromkeys(_PARAMETER.findall(code_only(query))))


def check_parameters(query: str, params: Mapping[str, Any] | None) -> None:
    """Refuse a query that uses a ``$parameter`` it was not given, in the words of Neo4j's own error.

    >>> check_parameters("MATCH (n {name: $name}) RETURN n LIMIT $limit", {"limit": 3})
    Traceback (most recent call last):
    ...
    graphmodel.errors.QueryError: Expected parameter(s): name; give each with --param NAME=VALUE
    """
    missing = [name for name in query_parameters(query) if name not in (params or {})]
    if missing:
        raise QueryError(f"Expected parameter(s): {', '.join(missing)}; give each with --param NAME=VALUE")
