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

from graphmodel.schema import DOCUMENT_LABEL, LABELS, RELATION_TYPES
from graphmodel.stores.rows import LoadRows

__all__ = [
    "CLEAR_BATCH",
    "COUNT_GRAPH",
    "MERGE_DOCUMENTS",
    "MERGE_ENTITIES",
    "MERGE_MENTIONS",
    "MERGE_RELATIONSHIPS",
    "PING",
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
    return (*keys, document, *names, fulltext)


# One key constraint per entity label and one id per Document, a name index per label, and a
# full-text index over names and aliases (each IF NOT EXISTS, so applying them twice is harmless).
SCHEMA_STATEMENTS = _schema_statements()

MERGE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
WITH d, row
WHERE any(field IN keys(row.props) WHERE d[field] IS NULL OR d[field] <> row.props[field])
SET d += row.props
"""

# Reloading a file changes nothing; another corpus adds its aliases and documents, and its mentions
# when it brings new documents (otherwise the larger count stays, so that a reload does not double).
MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:__LABEL__ {key: row.key})
ON CREATE SET e.name = row.name, e.aliases = row.aliases, e.mentions = row.mentions, e.documents = row.documents
WITH e, row,
     [a IN row.aliases + [row.name] WHERE a <> e.name AND NOT a IN e.aliases] AS new_aliases,
     [d IN row.documents WHERE NOT d IN e.documents] AS new_documents
WITH e, new_aliases, new_documents,
     CASE WHEN size(new_documents) > 0 THEN e.mentions + row.mentions
          WHEN row.mentions > e.mentions THEN row.mentions
          ELSE e.mentions END AS mentions
WHERE size(new_aliases) > 0 OR size(new_documents) > 0 OR mentions <> e.mentions
SET e.aliases = e.aliases + new_aliases, e.documents = e.documents + new_documents, e.mentions = mentions
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (e:__LABEL__ {key: row.key})
MERGE (d:Document {id: row.doc})
MERGE (d)-[m:MENTIONS]->(e)
ON CREATE SET m.count = row.count
"""

# Evidence is appended only when its (doc, start, end, rule) is new; each new batch of evidence
# raises the confidence as a noisy-or, as graphmodel.graph.core.add_relation does.
MERGE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (s:__SOURCE__ {key: row.source})
MATCH (t:__TARGET__ {key: row.target})
MERGE (s)-[r:__TYPE__]->(t)
ON CREATE SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
    r.evidence_sentences = row.evidence_sentences, r.evidence_starts = row.evidence_starts,
    r.evidence_ends = row.evidence_ends, r.evidence_rules = row.evidence_rules
WITH r, row, [i IN range(0, size(row.evidence_docs) - 1) WHERE NONE(j IN range(0, size(r.evidence_docs) - 1)
    WHERE r.evidence_docs[j] = row.evidence_docs[i] AND r.evidence_starts[j] = row.evidence_starts[i]
      AND r.evidence_ends[j] = row.evidence_ends[i] AND r.evidence_rules[j] = row.evidence_rules[i])] AS new
WHERE size(new) > 0
// as in graphmodel.graph.core.add_relation: only a sentence the edge does not yet have raises the confidence
WITH r, row, new, ANY(i IN new WHERE NONE(j IN range(0, size(r.evidence_docs) - 1)
    WHERE r.evidence_docs[j] = row.evidence_docs[i] AND r.evidence_sentences[j] = row.evidence_sentences[i]))
    AS independent
SET r.evidence_docs = r.evidence_docs + [i IN new | row.evidence_docs[i]],
    r.evidence_sentences = r.evidence_sentences + [i IN new | row.evidence_sentences[i]],
    r.evidence_starts = r.evidence_starts + [i IN new | row.evidence_starts[i]],
    r.evidence_ends = r.evidence_ends + [i IN new | row.evidence_ends[i]],
    r.evidence_rules = r.evidence_rules + [i IN new | row.evidence_rules[i]],
    r.confidence = CASE WHEN independent THEN round(1 - (1 - r.confidence) * (1 - row.confidence), 4)
                   ELSE r.confidence END
"""

PING = "RETURN 1"  # connect() runs it so that an unknown database fails at once, with a clear message

CLEAR_BATCH = f"""
MATCH (n:{_GRAPHMODEL_UNION})
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
    """Each MERGE statement of a load, with the rows it reads as ``$rows``: documents, entities per
    label, ``MENTIONS`` per label, relationships per (type, source label, target label)."""
    yield MERGE_DOCUMENTS, rows.documents
    for label, group in rows.entities.items():
        yield MERGE_ENTITIES.replace("__LABEL__", quote_name(label)), group
    for label, group in rows.mentions.items():
        yield MERGE_MENTIONS.replace("__LABEL__", quote_name(label)), group
    for (rtype, source, target), group in rows.relationships.items():
        query = MERGE_RELATIONSHIPS.replace("__TYPE__", quote_name(rtype))
        yield query.replace("__SOURCE__", quote_name(source)).replace("__TARGET__", quote_name(target)), group


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
