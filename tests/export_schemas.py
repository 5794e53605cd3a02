"""The published XML schemas of GraphML and GEXF (tests/data/schemas, see its README), and a reader that, like
Gephi's importer, keeps only the first element of each id."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from lxml import etree

__all__ = ["SCHEMAS", "first_per_id", "schema_errors"]

_FOLDER = Path(__file__).parent / "data" / "schemas"
SCHEMAS = {"graphml": _FOLDER / "graphml" / "graphml.xsd", "gexf": _FOLDER / "gexf-1.2draft" / "gexf.xsd"}


@cache
def _schema(fmt: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS[fmt])))


def schema_errors(text: str, fmt: str) -> list[str]:
    """What the format's XSD finds wrong with ``text`` (identity constraints included): [] when it is valid."""
    schema = _schema(fmt)
    valid = schema.validate(etree.fromstring(text.encode("utf-8")))
    return [] if valid else [f"line {error.line}: {error.message}" for error in schema.error_log]


def first_per_id(text: str, tag: str) -> dict[str, ET.Element]:
    """The ``tag`` elements (``node`` or ``edge``, any namespace) of an XML document, the first one of each id only,
    as an importer that drops an element whose id it has seen would keep them."""
    kept: dict[str, ET.Element] = {}
    for element in ET.fromstring(text).iter():
        if element.tag.rpartition("}")[2] == tag:
            kept.setdefault(element.attrib["id"], element)
    return kept
