"""The JSON Schema of ``graph.json``, generated from :mod:`graphmodel.schema`.

``docs/graph.schema.json`` is its published copy; ``tests/reliability/test_graph_file.py`` keeps the
two identical. After changing the schema, rewrite the copy with
``python -m graphmodel.graph.graphschema > docs/graph.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from graphmodel.schema import DOCUMENT_FIELDS, EDGE_FIELDS, EVIDENCE_FIELDS, NODE_FIELDS, EntityLabel, RelationType

__all__ = ["FORMAT", "graph_schema", "schema_text"]

FORMAT = "graphmodel-graph/1"

_STRING = {"type": "string"}
_KEY = {"type": "string", "minLength": 1}
_COUNT = {"type": "integer", "minimum": 0}
_STRINGS = {"type": "array", "items": _STRING}
# The type of every field that schema.py names; a field added there without a type here fails at import.
_FIELD_TYPES: dict[str, dict[str, Any]] = {
    "id": _KEY, "key": _KEY, "source": _KEY, "target": _KEY, "doc": _KEY,
    "label": {"enum": [str(label) for label in EntityLabel]},
    "type": {"enum": [str(rtype) for rtype in RelationType]},
    "name": {"type": "string", "minLength": 1},
    "aliases": _STRINGS, "documents": _STRINGS, "mentions": _COUNT, "start": _COUNT, "end": _COUNT,
    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    "sentence": _STRING, "rule": _STRING,
    "path": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
    "date": {"type": ["string", "null"]}, "author": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
    "first_seen": {"type": ["string", "null"], "description": "the earliest date of its documents (ISO 8601)"},
    "last_seen": {"type": ["string", "null"], "description": "the latest date of its documents (ISO 8601)"},
    "copy_of": {"type": ["string", "null"]},
    "pages": {"type": ["array", "null"], "items": _COUNT,
              "description": "a paged document's page start offsets into its text (page N starts at item N - 1)"},
}
_REQUIRED_NODE = ("id", "label", "name")  # loads gives the other fields defaults
_REQUIRED_EDGE = ("source", "target", "type")


def _record(fields: tuple[str, ...], required: tuple[str, ...], **overrides: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {field: overrides[field] if field in overrides else _FIELD_TYPES[field] for field in fields},
        "additionalProperties": False,
    }


def graph_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``graph.json`` must satisfy.

    NaN and Infinity are not JSON, so ``confidence`` in 0..1 is also finite once the parser refuses them.

    >>> graph_schema()["properties"]["nodes"]["items"]["properties"]["label"]["enum"][0]
    'Person'
    """
    evidence = _record(EVIDENCE_FIELDS, EVIDENCE_FIELDS)
    document = _record(DOCUMENT_FIELDS, ("id",))
    document["additionalProperties"] = {"type": ["string", "null"]}  # metadata fields a reader may add
    node = _record(("id", *NODE_FIELDS[1:]), _REQUIRED_NODE)
    edge = _record(EDGE_FIELDS, _REQUIRED_EDGE, evidence={"type": "array", "items": evidence})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "graphmodel graph file (graph.json)",
        "type": "object",
        "required": ["nodes"],  # a file without `format` is read as graphmodel-graph/1
        "properties": {
            "format": {"const": FORMAT},
            "extractor": {"type": "string", "description": "what built the graph"},
            "documents": {"type": "array", "items": document},
            "nodes": {"type": "array", "items": node},
            "edges": {"type": "array", "items": edge},
        },
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The schema as the text of ``docs/graph.schema.json``."""
    return json.dumps(graph_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
