"""Turn Neo4j driver errors into graphmodel errors whose one-line message says what to do next,
and refuse query text that must not run in a read-only session.

Read-only on Neo4j means two things: the server reports the query type as read (``EXPLAIN``), and
the query is not an administration command. Every administration command is refused outside
``--write``, even one that only reads (``SHOW TRANSACTIONS`` lists other sessions' queries,
``SHOW USERS`` the accounts), because the query type of a command such as ``TERMINATE
TRANSACTIONS`` says nothing about what it does to the server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
import neo4j.exceptions as nx4

from graphmodel.errors import GraphModelError, QueryError, StoreUnavailable, WriteRefused
from graphmodel.schema import DOCUMENT_LABEL, LABELS, RELATION_TYPES
from graphmodel.stores.readonly import ReadOnlyRules, unknown_name_error
from graphmodel.stores.readonly import check_read_only_text as shared_check

__all__ = [
    "ADMINISTRATION_COMMANDS",
    "READ_ONLY",
    "READ_ONLY_PROCEDURES",
    "Target",
    "check_plan",
    "check_read_only_text",
    "first_line",
    "syntax_message",
    "translated_errors",
]

# Procedures a read-only query may CALL: they only read the schema or the full-text index.
READ_ONLY_PROCEDURES = frozenset({
    "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships",
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
})

_POSITION = re.compile(r"^(?P<text>.*?)(?:: expected (?P<expected>.*?))? "
                       r"\(line (?P<line>\d+), column (?P<column>\d+) \(offset: \d+\)\)$")
_PASSWORD_ENV = "GRAPHMODEL_NEO4J_PASSWORD"
_EXPLAIN = "EXPLAIN "


@dataclass(frozen=True, slots=True)
class Target:
    """Where the store talks to, for the error messages."""

    uri: str
    user: str | None
    database: str


# An administration command: at the start of the statement (after CYPHER options, EXPLAIN,
# PROFILE or USE), its verb and the words up to what it acts on; TERMINATE TRANSACTIONS anywhere
# (it may follow SHOW TRANSACTIONS ... YIELD).
_ADMIN_OBJECTS = (r"TRANSACTIONS?|DATABASES?|USERS?|ROLES?|PRIVILEGES?|INDEX(?:ES)?|CONSTRAINTS?|PROCEDURES?|"
                  r"FUNCTIONS?|SETTINGS?|SERVERS?|ALIAS(?:ES)?")
_ADMIN_PREFIX = r"^\s*(?:(?:CYPHER(?:\s+\w+\s*=\s*\w+|\s+\d+)*|EXPLAIN|PROFILE|USE\s+\S+)\s+)*"
ADMINISTRATION_COMMANDS = re.compile(
    rf"{_ADMIN_PREFIX}((?:SHOW|CREATE|DROP|ALTER|RENAME|START|STOP|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)"
    rf"(?:\s+(?!{_ADMIN_OBJECTS}\b)[A-Z]+)*?\s+(?:{_ADMIN_OBJECTS})\b"
    r"|(?:GRANT|DENY|REVOKE)\b)"
    r"|(?<![\w.$])(TERMINATE\s+TRANSACTIONS?)\b",
    re.I,
)

READ_ONLY = ReadOnlyRules(
    READ_ONLY_PROCEDURES,
    re.compile(r"(?<![\w.])(LOAD\s+CSV)\b", re.I),
    "refusing {clause} outside --write (it reads files and URLs from the server)",
    "refusing to CALL {name} outside --write (procedures can write or reach the server)",
    ADMINISTRATION_COMMANDS,
    "refusing {command} outside --write (administration commands never run read-only, "
    "even those that only show something)",
)
# GQL statuses 01N50 and 01N51: "The label `Persn` does not exist." (the same for relationship types)
_UNKNOWN = re.compile(r"\bThe (label|relationship type) `(.+?)` does not exist")
_SCHEMA_NAMES: dict[str, set[str]] = {"label": {*LABELS, DOCUMENT_LABEL}, "relationship type": set(RELATION_TYPES)}


def check_read_only_text(query: str) -> None:
    """Refuse ``LOAD CSV`` and procedure calls (other than :data:`READ_ONLY_PROCEDURES`) outside ``--write``.

    >>> check_read_only_text("MATCH (n {name: 'call me'}) RETURN n.call // CALL")
    >>> check_read_only_text("CALL db.index.fulltext.queryNodes('entity_names', 'Hegseth')")
    >>> check_read_only_text("MATCH (show:Event) WITH show MATCH (n) RETURN n.terminate")
    >>> check_read_only_text("SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId")
    Traceback (most recent call last):
    ...
    graphmodel.errors.WriteRefused: refusing SHOW TRANSACTIONS outside --write (administration commands never \
run read-only, even those that only show something); rerun with --write if you mean it
    >>> check_read_only_text("CALL dbms.components()")
    Traceback (most recent call last):
    ...
    graphmodel.errors.WriteRefused: refusing to CALL dbms.components outside --write (procedures can write \
or reach the server); rerun with --write if you mean it
    """
    shared_check(query, READ_ONLY)


def check_plan(session: neo4j.Session, query: str, params: Mapping[str, Any] | None) -> None:
    """Ask the server for the plan (``EXPLAIN``) and refuse a query whose type is not read-only ('r'),
    or that names a label or relationship type neither the schema nor the database has (the
    embedded engine refuses those too; a schema name the database lacks just matches nothing).

    The session must have notifications on (at least ``WARNING``) for the second check.
    """
    try:
        summary = session.run(_EXPLAIN + query, dict(params or {})).consume()
    except nx4.CypherSyntaxError as error:
        message = syntax_message(error.message, shift=len(_EXPLAIN))
        raise QueryError(f"Cypher syntax error: {message}; fix the query and run it again") from error
    for status in summary.gql_status_objects:
        unknown = _UNKNOWN.search(status.status_description) if status.is_notification else None
        if unknown and unknown[2] not in _SCHEMA_NAMES[unknown[1]]:
            raise unknown_name_error(unknown[2], unknown[1])
    query_type = summary.query_type
    if query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema"}.get(query_type or "", "may write")
        raise WriteRefused(f"refusing a query that {kind} (query type {query_type!r}); "
                           "rerun with --write if you mean it")


def syntax_message(message: str | None, shift: int = 0) -> str:
    """The first line of a syntax error, without a long list of expected tokens, its column shifted left.

    ``shift`` undoes the ``EXPLAIN `` prefix that :func:`check_plan` put before the user's query.

    >>> syntax_message("Invalid input 'MATC': expected 'FOREACH', 'ALTER', 'ORDER BY', 'CALL', 'USING PERIODIC COMMIT' "
    ...                "or 'WITH' (line 1, column 9 (offset: 8))\\n\\"EXPLAIN MATC\\"", shift=8)
    "Invalid input 'MATC' (line 1, column 1)"
    """
    line = first_line(message)
    match = _POSITION.search(line)
    if not match:
        return line
    text, expected = match["text"], match["expected"]
    if expected and len(expected) <= 60:
        text = f"{text}: expected {expected}"
    column = int(match["column"]) - (shift if match["line"] == "1" else 0)
    return f"{text} (line {match['line']}, column {max(column, 1)})"


def first_line(message: str | None) -> str:
    """The first non-empty line of a server message.

    >>> first_line("Invalid input 'MATC'\\n\\"MATC (n)\\"\\n ^")
    "Invalid input 'MATC'"
    """
    lines = [line.strip() for line in (message or "").splitlines() if line.strip()]
    return lines[0] if lines else "no message"


@contextmanager
def translated_errors(target: Target, timeout: float | None = None) -> Iterator[None]:
    """Re-raise driver errors as :class:`StoreUnavailable` or :class:`QueryError`, chained with ``from``."""
    try:
        yield
    except nx4.AuthError as error:
        raise _auth_error(target, error) from error
    except (nx4.ServiceUnavailable, nx4.SessionExpired) as error:
        raise StoreUnavailable(f"Neo4j is not reachable at {target.uri}; start it (scripts/neo4j-server start, "
                               "or docker compose up -d --wait) or set GRAPHMODEL_NEO4J_URI") from error
    except nx4.CypherSyntaxError as error:
        raise QueryError(f"Cypher syntax error: {syntax_message(error.message)}; fix the query and run it again") \
            from error
    except nx4.Neo4jError as error:
        raise _server_error(target, error, timeout) from error


def _auth_error(target: Target, error: nx4.AuthError) -> StoreUnavailable:
    if target.user is None:
        return StoreUnavailable(f"Neo4j at {target.uri} needs a password; set {_PASSWORD_ENV}")
    if "too many times" in (error.message or ""):
        return StoreUnavailable(f"Neo4j at {target.uri} has locked user {target.user!r} after failed logins; "
                                f"wait a few seconds, then retry with the right {_PASSWORD_ENV}")
    return StoreUnavailable(f"Neo4j at {target.uri} rejected user {target.user!r} with the password in "
                            f"{_PASSWORD_ENV}; set it to that user's password (or --user to another user)")


def _server_error(target: Target, error: nx4.Neo4jError, timeout: float | None) -> GraphModelError:
    code = error.code or ""
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return StoreUnavailable(f"Neo4j at {target.uri} has no database {target.database!r}; create it, "
                                "or pick another with --database or GRAPHMODEL_NEO4J_DATABASE (default neo4j)")
    if "TransactionTimedOut" in code:
        limit = f" after {timeout:g} s" if timeout else ""
        return QueryError(f"the query timed out{limit}; make it cheaper (LIMIT, a narrower MATCH) "
                          "or raise --timeout")
    if code == "Neo.ClientError.Statement.ParameterMissing":
        return QueryError(f"{first_line(error.message)}; give each with --param NAME=VALUE")
    if code == "Neo.ClientError.Statement.AccessMode":
        return WriteRefused("the query tried to write in a read-only transaction; rerun with --write if you mean it")
    return QueryError(f"Neo4j refused the query: {first_line(error.message)} ({code or type(error).__name__})")
