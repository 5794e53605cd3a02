"""A Cypher script that recreates a subgraph through ``cypher-shell -f``, in the stores' schema.

The script holds the Neo4j store's schema statements (constraints and indexes, each ``IF NOT
EXISTS``) and then, for each group of rows (``Document`` nodes, entities per label, ``MENTIONS``
per label, relationships per type and end labels, in batches), a parameter and the store's own
MERGE statement that reads it (see :mod:`graphmodel.stores.cypher`)::

    :param rows => [{key: "person:pete-hegseth", name: "Pete Hegseth", ...}]
    UNWIND $rows AS row
    MERGE (e:`Person` {key: row.key}) ...;

``:param NAME => VALUE`` is cypher-shell's single-line parameter syntax. Every value is written as
a Cypher literal: strings as JSON-escaped, double-quoted, ASCII-only literals (JSON's escapes are
also Cypher's, and no raw line break, quote or backslash is left that could end the line or the
string), so no text can break out of the parameter. Labels and types are spliced into statements
only after :func:`~graphmodel.stores.cypher.quote_name` checked them against the schema enums.
The statements are a load's (they SET what the subgraph holds), so running the script twice changes nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.stores.cypher import SCHEMA_STATEMENTS, load_statements
from graphmodel.stores.rows import Written, batched, load_rows

__all__ = ["BATCH_SIZE", "CypherScriptWriter", "cypher_literal", "dumps_cypher"]

BATCH_SIZE = 500
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class CypherScriptWriter:
    """The :class:`~graphmodel.stores.GraphWriter` of a ``cypher-shell`` script file: see :func:`dumps_cypher`."""

    def __init__(self, path: Path, batch_size: int = BATCH_SIZE) -> None:
        self.path = Path(path)
        self.batch_size = batch_size

    def write(self, graph: nx.MultiDiGraph) -> Written:
        """Write the script that recreates ``graph`` to ``self.path``."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(dumps_cypher(graph, self.batch_size), encoding="utf-8")
        return Written.of(str(self.path), load_rows(graph))


def dumps_cypher(graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> str:
    r"""The cypher-shell script that recreates ``graph`` (see the module docstring).

    >>> from graphmodel.graph.core import new_graph
    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country", name='Pan"ama', aliases=[], mentions=1, documents=[])
    >>> params = [line for line in dumps_cypher(g).splitlines() if line.startswith(":param")]
    >>> print(*params, sep="\n")  # doctest: +ELLIPSIS
    :param rows => [{key: "country:panama", name: "Pan\"ama", aliases: [], mentions: 1, documents: [], first_seen: ...}]
    :param rows => [{key: "country:panama", texts: ["pan\"ama"]}]
    :param rows => [{key: "country:panama", hash: "...", documents: [], out: []}]
    """
    rows = load_rows(graph)
    lines = [
        f"// graphmodel subgraph: {graph.number_of_nodes()} entities, {graph.number_of_edges()} relationships, "
        f"{len(rows.documents)} documents",
        "// Recreate it with: cypher-shell -a bolt://localhost:7687 -u neo4j -f THIS_FILE",
        *(_statement(s) for s in SCHEMA_STATEMENTS),
    ]
    for query, group in load_statements(rows):
        lines += _batches(_statement(query), group, batch_size)
    return "\n".join(lines) + "\n"


def _statement(query: str) -> str:
    return query.strip().rstrip(";") + ";"


def _batches(statement: str, rows: Sequence[Mapping[str, Any]], size: int) -> Iterator[str]:
    for batch in batched(rows, size):
        yield f":param rows => {cypher_literal(batch)}"
        yield statement


def cypher_literal(value: Any) -> str:
    r"""A Cypher literal for a JSON-like value, on one line, that evaluates back to ``value``.

    >>> print(cypher_literal({"name": 'a"b\\c\n</script>', "n": [1, 2.5, True, None]}))
    {name: "a\"b\\c\n</script>", n: [1, 2.5, true, null]}

    Raises:
        ValueError: a float that is not finite, a map key that is not an identifier, or an
            unsupported type.
    """
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Cypher has no literal for {value}")
        return repr(value).replace("e+", "e")  # Cypher writes 1e20, not 1e+20
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ValueError(f"no Cypher literal for a {type(value).__name__}")


def _key(key: object) -> str:
    if not isinstance(key, str) or not _IDENTIFIER.fullmatch(key):
        raise ValueError(f"map key {key!r} is not a Cypher identifier")
    return key
