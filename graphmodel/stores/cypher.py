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
    DOCUMENT_LISTS,
    DOCUMENT_PROPERTIES,
    EVIDENCE_COLUMNS,
    LABELS,
    NAME_LABEL,
    NAMES_TYPE,
    RELATION_TYPES,
    STORE_EDGE_PROPERTIES,
    STORE_NODE_PROPERTIES,
    name_texts,
)
from graphmodel.stores.rows import LoadRows

__all__ = ["CHECK_ENTITIES", "CLEAR_BATCH", "CONTENT_HASH", "COUNT_GRAPH", "CREATE_ENTITIES", "CREATE_MENTIONS",
           "CREATE_RELATIONSHIPS", "DELETE_NODES", "DELETE_UNUSED_NAMES", "FINISH_ENTITIES",
           "MERGE_DOCUMENTS", "MERGE_ENTITIES", "MERGE_MENTIONS", "MERGE_NAMES", "MERGE_RELATIONSHIPS", "PING",
           "READ_DOCUMENTS", "READ_ENTITIES", "READ_RELATIONSHIPS", "SCHEMA_STATEMENTS", "STORED_NODES",
           "load_statements", "quote_name", "schema_file_text", "split_statements"]

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
# (FINISH_ENTITIES). Entities and documents the file does not hold, and their relationships, are
# left alone; `load --replace` removes them first, `load --sync` afterwards. Each entity node keeps
# `content_hash`, the hash of its row, MENTIONS and outgoing relationships in the file that wrote it
# (LoadRows.hashes). CHECK_ENTITIES sorts the file's entities into missing (the CREATE statements),
# unchanged (same hash and as many relationships as the file has: skipped) and changed (the MERGE
# statements, which drop the hash until FINISH_ENTITIES has pruned what the file no longer holds, so
# that a load that stops part-way never leaves a hash that vouches for half-written relationships).
CONTENT_HASH = "content_hash"  # graphmodel's bookkeeping on entity nodes; query results leave it out
_TYPE_UNION = "|".join(RELATION_TYPES)
_DOCUMENT_PAIRS = [(f"d.{field}", f"row.props.{field}") for field in DOCUMENT_PROPERTIES]
_DOCUMENT_STRINGS = [pair for pair, field in zip(_DOCUMENT_PAIRS, DOCUMENT_PROPERTIES, strict=True)
                     if field not in DOCUMENT_LISTS]
# A list property (a PDF's pages) is set only where it differs: most documents have none, and Neo4j counts a
# null written to a property key the database already knows, so the counters would depend on its history.
_DOCUMENT_LIST_SETS = "\n".join(
    f"FOREACH (_ IN CASE WHEN {_changed([pair])} THEN [1] ELSE [] END | SET {_assign([pair])})"
    for pair in _DOCUMENT_PAIRS if pair not in _DOCUMENT_STRINGS)
MERGE_DOCUMENTS = f"""
UNWIND $rows AS row
MERGE (d:{DOCUMENT_LABEL} {{id: row.id}})
WITH d, row
WHERE {_changed(_DOCUMENT_PAIRS)}
SET {_assign(_DOCUMENT_STRINGS)}
{_DOCUMENT_LIST_SETS}
"""

CHECK_ENTITIES = f"""
UNWIND $rows AS row
OPTIONAL MATCH (e:__LABEL__ {{key: row.key}})
WITH row.key AS key, e, row
WHERE e IS NULL OR (e.{CONTENT_HASH} = row.hash AND COUNT {{ (e)-[:{_TYPE_UNION}]->() }} = row.out
                    AND COUNT {{ (e)<-[:MENTIONS]-() }} = row.mentioned)
RETURN collect(CASE WHEN e IS NULL THEN key END) AS missing, collect(CASE WHEN e IS NOT NULL THEN key END) AS same
"""

_ENTITY_PAIRS = [(f"e.{name}", f"row.{name}") for name in STORE_NODE_PROPERTIES if name != "key"]
MERGE_ENTITIES = f"""
UNWIND $rows AS row
MERGE (e:__LABEL__ {{key: row.key}})
WITH e, row
CALL (e) {{
  WITH e WHERE e.{CONTENT_HASH} IS NOT NULL
  REMOVE e.{CONTENT_HASH}
}}
WITH e, row
WHERE {_changed(_ENTITY_PAIRS)}
SET {_assign(_ENTITY_PAIRS)}
"""

# A new entity is complete once its MENTIONS and relationships are: CHECK_ENTITIES counts them. Its
# look-up names (schema.name_texts, row.texts) go in the same statement: one transaction, no second MATCH.
CREATE_ENTITIES = f"""
UNWIND $rows AS row
CREATE (e:__LABEL__ {{key: row.key}})
SET {_assign(_ENTITY_PAIRS)}, e.{CONTENT_HASH} = row.hash
WITH e, row
UNWIND row.texts AS text
MERGE (n:{NAME_LABEL} {{text: text}})
CREATE (n)-[:{NAMES_TYPE}]->(e)
"""

MERGE_MENTIONS = f"""
UNWIND $rows AS row
MATCH (e:__LABEL__ {{key: row.key}})
MATCH (d:{DOCUMENT_LABEL} {{id: row.doc}})
MERGE (d)-[m:MENTIONS]->(e)
WITH m, row
WHERE {_changed([("m.count", "row.count")])}
SET m.count = row.count
"""

CREATE_MENTIONS = f"""
UNWIND $rows AS row
MATCH (e:__LABEL__ {{key: row.key}})
MATCH (d:{DOCUMENT_LABEL} {{id: row.doc}})
CREATE (d)-[:MENTIONS {{count: row.count}}]->(e)
"""

# The look-up by name (schema.name_texts): an entity's Name nodes are its texts in the file; unused ones go.
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
_RELATIONSHIP_PAIRS = [*((f"r.{name}", f"row.{name}") for name in STORE_EDGE_PROPERTIES),
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

CREATE_RELATIONSHIPS = f"""
UNWIND $rows AS row
MATCH (s:__SOURCE__ {{key: row.source}})
MATCH (t:__TARGET__ {{key: row.target}})
CREATE (s)-[r:__TYPE__]->(t)
SET {_assign(_RELATIONSHIP_PAIRS)}
"""

# Run after the MERGEs, with one row per changed entity: {key, hash, documents, out: [[type, target key], ...]}.
FINISH_ENTITIES = f"""
UNWIND $rows AS row
MATCH (s:__LABEL__ {{key: row.key}})
CALL (s, row) {{
  MATCH (s)-[r:{_TYPE_UNION}]->(t) WHERE NOT [type(r), t.key] IN row.out
  DELETE r
}}
CALL (s, row) {{
  MATCH (s)<-[m:MENTIONS]-(d) WHERE NOT d.id IN row.documents
  DELETE m
}}
SET s.{CONTENT_HASH} = row.hash
"""

PING = "RETURN 1"  # connect() runs it so that an unknown database fails at once, with a clear message
CLEAR_BATCH = f"""
MATCH (n:{_GRAPHMODEL_UNION}|{NAME_LABEL})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

# `load --sync`: every graphmodel node's key (entities) or id (documents), to compare with the file.
STORED_NODES = f"""
MATCH (n:{_GRAPHMODEL_UNION})
RETURN [label IN labels(n) WHERE label IN $labels][0] AS label, coalesce(n.key, n.id) AS name
"""
DELETE_NODES = "UNWIND $rows AS name MATCH (n:__LABEL__ {__KEY__: name}) DETACH DELETE n"
DELETE_UNUSED_NAMES = f"MATCH (n:{NAME_LABEL}) WHERE NOT (n)-[:{NAMES_TYPE}]->() DELETE n"

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


def load_statements(rows: LoadRows, new: LoadRows | None = None) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each statement of a load, with the rows it reads as ``$rows``: documents, entities per label,
    ``MENTIONS`` per label, the look-up ``Name`` nodes per label (:data:`MERGE_NAMES`), relationships per
    (type, source label, target label), then per label :data:`FINISH_ENTITIES`. ``rows`` are MERGEd;
    ``new`` (entities the database does not hold, with their MENTIONS and outgoing relationships; its
    documents are not read) are CREATEd, each entity with its ``Name`` nodes (its rows carry ``hash``
    and ``texts``, see :meth:`LoadRows.select`)."""
    new = new or LoadRows()
    yield MERGE_DOCUMENTS, rows.documents
    for template, lot in ((MERGE_ENTITIES, rows), (CREATE_ENTITIES, new)):
        for label, group in lot.entities.items():
            yield template.replace("__LABEL__", quote_name(label)), group
    for template, lot in ((MERGE_MENTIONS, rows), (CREATE_MENTIONS, new)):
        for label, group in lot.mentions.items():
            yield template.replace("__LABEL__", quote_name(label)), group
    for label, group in rows.entities.items():
        names = [{"key": row["key"], "texts": name_texts(row["name"], row["aliases"])} for row in group]
        yield MERGE_NAMES.replace("__LABEL__", quote_name(label)), names
    for template, lot in ((MERGE_RELATIONSHIPS, rows), (CREATE_RELATIONSHIPS, new)):
        for (rtype, source, target), group in lot.relationships.items():
            query = template.replace("__TYPE__", quote_name(rtype))
            yield query.replace("__SOURCE__", quote_name(source)).replace("__TARGET__", quote_name(target)), group
    for label, group in rows.finish_rows().items():
        yield FINISH_ENTITIES.replace("__LABEL__", quote_name(label)), group


def quote_name(name: str) -> str:
    """Backtick-quote a label or relationship type after checking it belongs to the schema.

    >>> quote_name("Person"), quote_name("HOSTS")
    ('`Person`', '`HOSTS`')
    >>> quote_name("Person`) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    ValueError: not a schema label or relationship type: 'Person`) DETACH DELETE (n'
    """
    known = {*LABELS, *RELATION_TYPES, DOCUMENT_LABEL}
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
