"""The read-only check both engines share, on the query text alone.

Outside ``--write`` a query may ``CALL`` only what its engine lists as reading (the schema, the
full-text index), and may not hold a clause its engine names as writing or reaching outside the
database. String literals, quoted names and comments are ignored. Neo4j adds the server's own
verdict (the ``EXPLAIN`` query type); the embedded engine relies on this check and a read-only
connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphmodel.errors import WriteRefused
from graphmodel.stores.text import code_only

__all__ = ["ReadOnlyRules", "check_read_only_text"]

_CALL = re.compile(r"(?<![\w.$])CALL\b\s*([\w.]*)\s*(\(|=)?", re.I)
_RERUN = "; rerun with --write if you mean it"


@dataclass(frozen=True, slots=True)
class ReadOnlyRules:
    """One engine's rules: what a read-only query may call and which clauses it may not hold.

    ``clauses``' first group names the clause; the messages take ``{clause}`` and ``{name}``.
    """

    calls: frozenset[str]  # lower-case names
    clauses: re.Pattern[str]
    clause_message: str
    call_message: str


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
    if match := rules.clauses.search(code):
        clause = " ".join(match.group(1).upper().split())
        raise WriteRefused(rules.clause_message.format(clause=clause) + _RERUN)
    for call in _CALL.finditer(code):
        name, opener = call.group(1), call.group(2)
        if opener == "=" or name.lower() not in rules.calls:
            raise WriteRefused(rules.call_message.format(name=name or "{ ... }") + _RERUN)
