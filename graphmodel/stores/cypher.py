"""Every Cypher statement graphmodel sends or writes, generated from :mod:`graphmodel.schema`.

The Neo4j store runs these statements and the Cypher-script export writes them, so a load and a
script recreate the same graph. A label or relationship type is spliced in (``__LABEL__``,
``__TYPE__``, ``__SOURCE__``, ``__TARGET__``) only after :func:`quote_name` checked it against the
schema; every value travels as a parameter (``UNWIND $rows``). ``cypher/schema.cypher`` is
:func:`schema_file_text`, written by ``scripts/make_schema_cypher.py`` and tested to be identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphmodel.schema import (
    DOCUMENT_LABEL,
    DOCUMENT_PROPERTIES,
    EVIDENCE_COLUMNS,
    LABELS,
    NAME_LABEL,
    NAMES_TYPE,
    RELATION_TYPES,
    STORE_NODE_PROPERTIES,
    name_texts,
)
from graphmodel.stores.rows import LoadRows

__all__ = [
    "CLEAR_BATCH",
    "COUNT_GRAPH",
    "MERGE_DOCUMENTS",
    "MERGE_ENTITIES",
    "MERGE_MENTIONS",
    "MERGE_NAMES",
    "MERGE_RELATIONSHIPS",
    "PING",
    "PRUNE_RELATIONSHIPS",
    "READ_DOCUMENTS",
    "READ_ENTITIES",
    "READ_RELATIONSHIPS",
    "SCHEMA_STATEMENTS",
    "load_statements",
    "quote_name",
    "schema_file_text",
    "split_statements",
]

_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")
_ENTITY_UNION = "|".join(LABELS)
_GRAPHMODEL_UNION = f"{_ENTITY_UNION}|{DOCUMENT_LABEL}"


def _schema_statements() -> tuple[str, ...]:
    keys = [f"CREATE CONSTRAINT {label.lower()}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE"
            for label in LABELS]
    names = [f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)" for label in LABELS]
    document = (f"CREATE CONSTRAINT {DOCUMENT_LABEL.lower()}_id IF NOT EXISTS "
                f"FOR (d:{DOCUMENT_LABEL}) REQUIRE d.id IS UNIQUE")
    fulltext = (f"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
                f"FOR (n:{_ENTITY_UNION}) ON EACH [n.name, n.aliases]")
    lookup = (f"CREATE CONSTRAINT {NAME_LABEL.lower()}_text IF NOT EXISTS "
              f"FOR (n:{NAME_LABEL}) REQUIRE n.text IS UNIQUE")
    return (*keys, document, lookup, *names, fulltext)


# One key constraint per entity label and one id per Document, a name index per label, and a
# full-text index over names and aliases (each IF NOT EXISTS, so applying them twice is harmless).
SCHEMA_STATEMENTS = _schema_statements()

def _changed(pairs: list[tuple[str, str]]) -> str:
    # True when a stored property differs from the file's value (null on either side included), so
    # that a reload sets nothing and the server counters stay at zero.
    return "\n   OR ".join(f"NOT coalesce({stored} = {value}, {stored} IS NULL AND {value} IS NULL)"
                       for stored, value in pairs)


def _assign(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{stored} = {value}" for stored, value in pairs)


# A load SETs every property graphmodel keeps from the file, never merging with what an earlier
# load stored: loading a file makes everything it holds exactly as the file says, whatever was
# loaded before. An entity of the file keeps only the file's MENTIONS and outgoing relationships
# (PRUNE_RELATIONSHIPS). Entities and documents the file does not hold, and their relationships,
# are left alone; `load --replace` removes them first.
_DOCUMENT_PAIRS = [(f"d.{field}", f"row.props.{field}") for field in DOCUMENT_PROPERTIES]
MERGE_DOCUMENTS = f"""
UNWIND $rows AS row
MERGE (d:{DOCUMENT_LABEL} {{id: row.id}})
WITH d, row
WHERE {_changed(_DOCUMENT_PAIRS)}
SET {_assign(_DOCUMENT_PAIRS)}
"""

# An entity's MENTIONS are its documents in the file: one from a document it no longer lists goes.
_ENTITY_PAIRS = [(f"e.{name}", f"row.{name}") for name in STORE_NODE_PROPERTIES if name != "key"]
MERGE_ENTITIES = f"""
UNWIND $rows AS row
MERGE (e:__LABEL__ {{key: row.key}})
WITH e, row
CALL (e, row) {{
  OPTIONAL MATCH (d:{DOCUMENT_LABEL})-[m:MENTIONS]->(e) WHERE NOT d.id IN row.documents
  DELETE m
}}
WITH e, row
WHERE {_changed(_ENTITY_PAIRS)}
SET {_assign(_ENTITY_PAIRS)}
"""

MERGE_MENTIONS = f"""
UNWIND $rows AS row
MATCH (e:__LABEL__ {{key: row.key}})
MERGE (d:{DOCUMENT_LABEL} {{id: row.doc}})
MERGE (d)-[m:MENTIONS]->(e)
WITH m, row
WHERE {_changed([("m.count", "row.count")])}
SET m.count = row.count
"""

# The look-up by name (graphmodel.schema.name_texts): an entity's Name nodes are exactly its texts in the
# file; a Name that no longer names anything goes.
MERGE_NAMES = f"""
UNWIND $rows AS row
MATCH (e:__LABEL__ {{key: row.key}})
CALL (e, row) {{
  OPTIONAL MATCH (n:{NAME_LABEL})-[r:{NAMES_TYPE}]->(e) WHERE NOT n.text IN row.texts
  DELETE r
  WITH DISTINCT n WHERE n IS NOT NULL AND NOT (n)-[:{NAMES_TYPE}]->()
  DELETE n
}}
WITH e, row
UNWIND row.texts AS text
MERGE (n:{NAME_LABEL} {{text: text}})
MERGE (n)-[:{NAMES_TYPE}]->(e)
"""

# Confidence and evidence are the file's: the graph file already combined every piece of evidence
# (graphmodel.graph.core.add_relation), so a load never combines them again.
_RELATIONSHIP_PAIRS = [("r.confidence", "row.confidence"),
                       *((f"r.{column}", f"row.{column}") for column in EVIDENCE_COLUMNS.values())]
MERGE_RELATIONSHIPS = f"""
UNWIND $rows AS row
MATCH (s:__SOURCE__ {{key: row.source}})
MATCH (t:__TARGET__ {{key: row.target}})
MERGE (s)-[r:__TYPE__]->(t)
WITH r, row
WHERE {_changed(_RELATIONSHIP_PAIRS)}
SET {_assign(_RELATIONSHIP_PAIRS)}
"""

# Run after the MERGEs, with one row per entity of the file: {key, out: [[type, target key], ...]}.
PRUNE_RELATIONSHIPS = f"""
UNWIND $rows AS row
MATCH (s:__LABEL__ {{key: row.key}})-[r:{"|".join(RELATION_TYPES)}]->(t)
WHERE NOT [type(r), t.key] IN row.out
DELETE r
"""

PING = "RETURN 1"  # connect() runs it so that an unknown database fails at once, with a clear message

CLEAR_BATCH = f"""
MATCH (n:{_GRAPHMODEL_UNION}|{NAME_LABEL})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

COUNT_GRAPH = f"""
MATCH (n:{_GRAPHMODEL_UNION})
OPTIONAL MATCH (n)-[r]->()
RETURN count(DISTINCT n) AS nodes, count(r) AS relationships
"""

# Reading a store back whole (both engines run these).
READ_ENTITIES = "MATCH (n) WHERE n.key IS NOT NULL RETURN n"
READ_RELATIONSHIPS = """
MATCH (s)-[r]->(t) WHERE s.key IS NOT NULL AND t.key IS NOT NULL
RETURN s.key AS source, type(r) AS type, t.key AS target, r AS relationship
"""
READ_DOCUMENTS = "MATCH (d:Document) RETURN d"


def load_statements(rows: LoadRows) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each statement of a load, with the rows it reads as ``$rows``: documents, entities per label,
    ``MENTIONS`` per label, the look-up ``Name`` nodes per label (:data:`MERGE_NAMES`), relationships per
    (type, source label, target label), then per label the
    outgoing relationships each entity keeps (:data:`PRUNE_RELATIONSHIPS`)."""
    yield MERGE_DOCUMENTS, rows.documents
    for label, group in rows.entities.items():
        yield MERGE_ENTITIES.replace("__LABEL__", quote_name(label)), group
    for label, group in rows.mentions.items():
        yield MERGE_MENTIONS.replace("__LABEL__", quote_name(label)), group
    for label, group in rows.entities.items():
        names = [{"key": row["key"], "texts": name_texts(row["name"], row["aliases"])} for row in group]
        yield MERGE_NAMES.replace("__LABEL__", quote_name(label)), names
    for (rtype, source, target), group in rows.relationships.items():
        query = MERGE_RELATIONSHIPS.replace("__TYPE__", quote_name(rtype))
        yield query.replace("__SOURCE__", quote_name(source)).replace("__TARGET__", quote_name(target)), group
    out: dict[str, list[list[str]]] = {}
    for (rtype, _, _), group in rows.relationships.items():
        for row in group:
            out.setdefault(row["source"], []).append([str(rtype), row["target"]])
    for label, group in rows.entities.items():
        kept = [{"key": row["key"], "out": sorted(out.get(row["key"], []))} for row in group]
        yield PRUNE_RELATIONSHIPS.replace("__LABEL__", quote_name(label)), kept


def quote_name(name: str) -> str:
    """Backtick-quote a label or relationship type after checking it belongs to the schema.

    >>> quote_name("Person"), quote_name("HOSTS")
    ('`Person`', '`HOSTS`')
    >>> quote_name("Person`) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    ValueError: not a schema label or relationship type: 'Person`) DETACH DELETE (n'
    """
    known = {*LABELS, *RELATION_TYPES}
    if name not in known or not _NAME.fullmatch(name):
        raise ValueError(f"not a schema label or relationship type: {name!r}")
    return f"`{name}`"


def split_statements(text: str) -> tuple[str, ...]:
    """Split a ``.cypher`` file into statements: ``//`` comment lines dropped, ``;`` separated.

    >>> split_statements("// constraints\\nCREATE INDEX a\\nFOR (n:X) ON (n.y);\\nCREATE INDEX b;\\n")
    ('CREATE INDEX a FOR (n:X) ON (n.y)', 'CREATE INDEX b')
    """
    lines = [line.strip() for line in text.splitlines() if not line.strip().startswith("//")]
    return tuple(" ".join(s.split()) for s in " ".join(lines).split(";") if s.strip())


def schema_file_text() -> str:
    """The text of ``cypher/schema.cypher``: :data:`SCHEMA_STATEMENTS`, one per line, with a header."""
    header = [
        "// The constraints and indexes `graphmodel load` creates, generated from graphmodel/schema.py by",
        "// scripts/make_schema_cypher.py (graphmodel.stores.cypher.SCHEMA_STATEMENTS; a test keeps them identical).",
        "// Run by hand: cypher-shell -f cypher/schema.cypher",
    ]
    return "\n".join([*header, *(f"{statement};" for statement in SCHEMA_STATEMENTS)]) + "\n"
