"""Refuse query text that must not run without ``write``, and turn engine errors into graphmodel errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphmodel.errors import QueryError, StoreUnavailable, WriteRefused
from graphmodel.schema import DOCUMENT_LABEL, LABELS, NAME_LABEL
from graphmodel.stores.embedded.catalogue import PROCEDURES
from graphmodel.stores.embedded.values import first_line
from graphmodel.stores.readonly import ReadOnlyRules, unknown_name_error
from graphmodel.stores.readonly import check_read_only_text as shared_check
from graphmodel.stores.text import code_only

__all__ = [
    "READ_ONLY",
    "READ_ONLY_CALLS",
    "check_label_tests",
    "check_procedures",
    "check_read_only_text",
    "check_single_statement",
    "name_kind",
    "open_error",
    "translated_errors",
]

# Table functions a read-only query may CALL: they only describe the schema and the engine.
READ_ONLY_CALLS = frozenset({"show_tables", "table_info", "show_connection", "db_version", "show_functions",
                             "current_setting", "db.labels", "db.relationshiptypes"})

_PARAMETER_IN_LAMBDA = "parsed_parameter_expression"
# Every schema label and type has a table, so a missing table is a name the graph does not have
# (label or relationship type: the engine does not say which).
_NO_TABLE = re.compile(r"^Binder exception: Table (.+) does not exist\.?$")

# A label test after WHERE, AND, OR, XOR or NOT: `n:Person`, `n:A|B` (the dialect rewrites it to a comparison).
_LABEL_TEST = re.compile(r"\b(?:WHERE|AND|OR|XOR|NOT)\s+[A-Za-z_]\w*\s*:\s*([A-Za-z_]\w*(?:\s*\|\s*[A-Za-z_]\w*)*)"
                         r"(?![\w:])", re.I)
_KNOWN_LABELS = frozenset({*LABELS, DOCUMENT_LABEL, NAME_LABEL})

READ_ONLY = ReadOnlyRules(
    READ_ONLY_CALLS,
    re.compile(r"(?<![\w.$])(CREATE|MERGE|SET|DELETE|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|DETACH|"
               r"IMPORT|EXPORT|CHECKPOINT|USE|BEGIN|COMMIT|ROLLBACK)\b(?!\s*:)", re.I),
    "refusing a query with {clause} outside --write",
    "refusing to CALL {name} outside --write (it can change settings or data)",
)


def check_read_only_text(query: str) -> None:
    """Refuse a query with a writing clause or a ``CALL`` outside :data:`READ_ONLY_CALLS`.

    >>> check_read_only_text("MATCH (n {name: 'Set'}) RETURN n.create // DELETE")
    >>> check_read_only_text("CALL show_tables() RETURN *")
    >>> check_read_only_text("MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    graphmodel.errors.WriteRefused: refusing a query with DETACH outside --write; rerun with --write if you mean it
    """
    shared_check(query, READ_ONLY)


def check_label_tests(query: str) -> None:
    """Refuse a label test on a label the schema lacks, as Neo4j does; the engine would only match nothing.

    >>> check_label_tests("MATCH (n) WHERE n:Person OR n:Country|Place RETURN n // WHERE n:Nope")
    >>> check_label_tests("MATCH (n) WHERE NOT n:Persn RETURN n")
    Traceback (most recent call last):
    ...
    graphmodel.errors.QueryError: the graph has no label 'Persn' (its labels: Country, Document, Event, Initiative, \
Organization, Person, Place); fix the query and run it again
    """
    for match in _LABEL_TEST.finditer(code_only(query)):
        for name in re.split(r"\s*\|\s*", match.group(1)):
            if name not in _KNOWN_LABELS:
                raise unknown_name_error(name, "label")


def check_procedures(query: str) -> None:
    """Refuse a Neo4j procedure (a dotted name) that the embedded database does not answer, saying which it does.

    >>> check_procedures("CALL db.labels() YIELD label RETURN label")
    >>> check_procedures("CALL db.propertyKeys()")
    Traceback (most recent call last):
    ...
    graphmodel.errors.QueryError: the embedded database has no procedure db.propertyKeys; it answers CALL \
db.labels() and CALL db.relationshipTypes() (use --neo4j for the others)
    """
    for call in re.finditer(r"(?<![\w.$])CALL\s+(\w+(?:\.\w+)+)", code_only(query), re.I):
        if call.group(1).lower() not in PROCEDURES:
            raise QueryError(f"the embedded database has no procedure {call.group(1)}; it answers CALL db.labels() "
                             "and CALL db.relationshipTypes() (use --neo4j for the others)")


def check_single_statement(query: str) -> None:
    """Refuse several ``;``-separated statements, which the engine would run one after the other.

    >>> check_single_statement("MATCH (n) RETURN n; // done")
    >>> check_single_statement("MATCH (n) RETURN ';'; MATCH (m) RETURN m")
    Traceback (most recent call last):
    ...
    graphmodel.errors.QueryError: the embedded database runs one statement at a time; split the query at `;`
    """
    if re.search(r";\s*\S", code_only(query, keep_strings=True)):
        raise QueryError("the embedded database runs one statement at a time; split the query at `;`")


def open_error(path: Path, error: RuntimeError) -> StoreUnavailable:
    """The error to raise when the engine cannot open the database file at ``path``."""
    message = first_line(str(error))
    if "lock" in message.lower():
        return StoreUnavailable(f"the embedded database {path} is in use by another process ({message}); "
                                "close it there, or open it read-only")
    return StoreUnavailable(f"cannot open the embedded database {path} ({message}); "
                            "rebuild it with `graphmodel build`")


@contextmanager
def translated_errors(timeout: float | None = None, query: str = "") -> Iterator[None]:
    """Re-raise engine errors as :class:`QueryError` or :class:`WriteRefused`, chained with ``from``.

    ``query`` (as the user wrote it) tells a label the graph lacks from a relationship type.
    """
    try:
        yield
    except RuntimeError as error:
        raise _query_error(first_line(str(error)), timeout, query) from error


def name_kind(query: str, name: str) -> str | None:
    """Whether ``name`` is used in ``query`` as a ``"label"`` (in a node pattern or a label test) or as a
    ``"relationship type"`` (in a relationship pattern); None when it is neither or both.

    >>> name_kind("MATCH (p:Persn)-[:HOSTS]->(e) RETURN p", "Persn"), name_kind("MATCH ()-[r:HOST|VISITS]->()", "HOST")
    ('label', 'relationship type')
    """
    code, kinds = code_only(query), set()
    for match in re.finditer(rf"[:|]\s*{re.escape(name)}(?!\w)", code):
        opener = _innermost_opener(code[:match.start()])
        kinds.add("relationship type" if opener == "[" else "label")
    return kinds.pop() if len(kinds) == 1 else None


def _innermost_opener(text: str) -> str:
    depth = {"(": 0, "[": 0, "{": 0}
    closers = {")": "(", "]": "[", "}": "{"}
    for char in reversed(text):
        if char in closers:
            depth[closers[char]] -= 1
        elif char in depth:
            depth[char] += 1
            if depth[char] > 0:
                return char
    return ""


def _query_error(message: str, timeout: float | None, query: str) -> QueryError:
    if message.startswith("Interrupted"):
        limit = f" after {timeout:g} s" if timeout else ""
        return QueryError(f"the query timed out{limit}; make it cheaper (LIMIT, a narrower MATCH) or raise --timeout")
    if "read-only" in message:
        return WriteRefused("the embedded database is open read-only; rerun with --write if you mean to write")
    if _PARAMETER_IN_LAMBDA in message:
        return QueryError("the embedded engine cannot use a $parameter inside a list comprehension or list "
                          "predicate; compare outside it (`toLower($x) IN [a IN n.aliases | toLower(a)]`)")
    if unknown := _NO_TABLE.match(message):
        return unknown_name_error(unknown[1], name_kind(query, unknown[1]))
    if message.startswith("Parser exception"):
        return QueryError(f"Cypher syntax error: {message}; fix the query and run it again")
    return QueryError(f"the embedded database refused the query: {message}")
