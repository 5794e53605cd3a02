"""The read-only check both engines share, on the query text alone.

Outside ``--write`` a query may ``CALL`` only what its engine lists as reading (the schema, the
full-text index), and may not hold a clause its engine names as writing or reaching outside the
database, nor (Neo4j) an administration command, even one that only reads (``SHOW ...``). String
literals, quoted names and comments are ignored. Neo4j adds the server's own verdict (the
``EXPLAIN`` query type); the embedded engine relies on this check and a read-only connection.
:func:`unknown_name_error` is the message both engines give for a label or type the graph lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphmodel.errors import QueryError, WriteRefused
from graphmodel.schema import DOCUMENT_LABEL, LABELS, RELATION_TYPES
from graphmodel.stores.text import code_only

__all__ = ["ReadOnlyRules", "check_read_only_text", "unknown_name_error"]

_CALL = re.compile(r"(?<![\w.$])CALL\b\s*([\w.]*)\s*(\(|=)?", re.I)
_RERUN = "; rerun with --write if you mean it"


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
