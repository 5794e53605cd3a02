"""The graph schema, in one place: node labels, relationship types and everything each layer needs of them.

Every layer reads this module rather than naming labels or types itself: the extractor (signatures
and the order its path rules try types), the graph (symmetric types, the key function), the stores
(Neo4j constraints and label unions, the embedded tables), the exports and the CLI (choices), and
the page (colours, shapes, legend groups). ``tests/unit/test_schema.py`` enumerates the schema and
fails if any layer lacks a label or type.

Adding a relationship type: a member of :class:`RelationType` and its :class:`TypeSpec` in
:data:`RELATION_TYPES` below, then its trigger words in ``graphmodel/data/relations.json``.
Adding a label: a member of :class:`EntityLabel` and its :class:`LabelSpec` in :data:`LABELS`.
``docs/architecture.md`` has the checklists.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DOCUMENT_FIELDS",
    "DOCUMENT_LABEL",
    "DOCUMENT_LISTS",
    "DOCUMENT_PROPERTIES",
    "EDGE_FIELDS",
    "EVIDENCE_COLUMNS",
    "EVIDENCE_FIELDS",
    "EXTRACTION_ORDER",
    "LABELS",
    "NAMES_TYPE",
    "NAME_LABEL",
    "NODE_FIELDS",
    "RELATION_TYPES",
    "SEEN_FIELDS",
    "STORE_EDGE_PROPERTIES",
    "STORE_NODE_PROPERTIES",
    "SYMMETRIC_TYPES",
    "TYPE_GROUPS",
    "EntityLabel",
    "LabelSpec",
    "RelationType",
    "TypeSpec",
    "entity_key",
    "name_texts",
    "slug",
]


class EntityLabel(StrEnum):
    """The node labels of the graph."""

    PERSON = "Person"
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    INITIATIVE = "Initiative"
    EVENT = "Event"
    PLACE = "Place"


class RelationType(StrEnum):
    """The relationship types of the graph."""

    PARTICIPATES_IN = "PARTICIPATES_IN"
    HOSTS = "HOSTS"
    OPPOSES = "OPPOSES"
    COOPERATES_WITH = "COOPERATES_WITH"
    VISITS = "VISITS"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"
    MEMBER_OF = "MEMBER_OF"


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """What a label means and how the page draws it (an Okabe-Ito colour and a vis-network shape)."""

    about: str
    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """A relationship type: its signature, symmetry, extraction priority and how the page draws it.

    ``priority``: the dependency-path rules try types in ascending priority and keep the first whose
    trigger words a path holds. ``group``: the legend group (conflict, cooperation, participation,
    structure). A symmetric type is stored once, in key order, and drawn without an arrow.
    """

    sources: tuple[EntityLabel, ...]
    targets: tuple[EntityLabel, ...]
    priority: int
    group: str
    color: str
    noun: str  # the type in plain words: "a participation word"
    symmetric: bool = False


_P, _C, _O = EntityLabel.PERSON, EntityLabel.COUNTRY, EntityLabel.ORGANIZATION
_I, _E, _PL = EntityLabel.INITIATIVE, EntityLabel.EVENT, EntityLabel.PLACE

LABELS: dict[EntityLabel, LabelSpec] = {
    _P: LabelSpec("people", "#0072B2", "dot"),
    _C: LabelSpec("sovereign states", "#E69F00", "hexagon"),
    _O: LabelSpec("governments' bodies, armed forces, alliances, companies, NGOs", "#CC79A7", "square"),
    _I: LabelSpec("programs, operations, exercises, agreements, treaties", "#56B4E9", "star"),
    _E: LabelSpec("conferences, summits, meetings, talks", "#F0E442", "diamond"),
    _PL: LabelSpec("cities, regions, bases, bodies of water", "#009E73", "triangle"),
}

# The legend groups of relationship types, in the order the page lists them.
TYPE_GROUPS = ("conflict", "cooperation", "participation", "structure")

# A hue per legend group, a shade per type: conflict vermillion, cooperation bluish green, participation
# blues (dark to light), structure purples.
RELATION_TYPES: dict[RelationType, TypeSpec] = {
    RelationType.PARTICIPATES_IN: TypeSpec((_P, _C, _O), (_E, _I), 5, "participation", "#0B4F9C", "participation"),
    RelationType.HOSTS: TypeSpec((_C, _O, _P), (_E, _I), 0, "participation", "#3D85D6", "hosting"),
    RelationType.OPPOSES: TypeSpec((_P, _C, _O), (_P, _C, _O, _I), 7, "conflict", "#D55E00", "conflict"),
    RelationType.COOPERATES_WITH: TypeSpec((_C, _O), (_C, _O), 8, "cooperation", "#009E73", "cooperation",
                                           symmetric=True),
    RelationType.VISITS: TypeSpec((_P,), (_C, _PL), 1, "participation", "#7FB2EA", "travel"),
    RelationType.AFFILIATED_WITH: TypeSpec((_P,), (_O, _C), 2, "structure", "#5E2A84", "affiliation"),
    RelationType.LOCATED_IN: TypeSpec((_PL, _E, _O), (_PL, _C), 6, "structure", "#C9A0DC", "location"),
    RelationType.PART_OF: TypeSpec((_O,), (_O, _C), 4, "structure", "#8E5BB5", "part-of"),
    RelationType.MEMBER_OF: TypeSpec((_C, _O), (_O,), 3, "structure", "#AD7CC9", "membership"),
}

# The order the dependency-path rules try types in: the more specific type wins.
EXTRACTION_ORDER = tuple(sorted(RELATION_TYPES, key=lambda rtype: RELATION_TYPES[rtype].priority))

# Direction carries no meaning for these types; graph code stores them once, in key order.
SYMMETRIC_TYPES = frozenset(rtype for rtype, spec in RELATION_TYPES.items() if spec.symmetric)

DOCUMENT_LABEL = "Document"  # the stores' node label for a source document
# The stores' look-up of entities by name: one Name node per lower-cased name or alias, its `text` unique
# (Neo4j constraint, embedded primary key), with a NAMES relationship to every entity called so.
NAME_LABEL = "Name"
NAMES_TYPE = "NAMES"

# Property names. An entity node in graph.json and in both stores:
# ``first_seen`` and ``last_seen`` are the earliest and latest dates (ISO 8601) of the documents that
# mention a node or give an edge's evidence; None when none of them is dated.
SEEN_FIELDS = ("first_seen", "last_seen")
NODE_FIELDS = ("key", "label", "name", "aliases", "mentions", "documents", *SEEN_FIELDS)
STORE_NODE_PROPERTIES = ("key", "name", "aliases", "mentions", "documents", *SEEN_FIELDS)  # label: the store's label
EDGE_FIELDS = ("source", "target", "type", "confidence", *SEEN_FIELDS, "evidence")
STORE_EDGE_PROPERTIES = ("confidence", *SEEN_FIELDS)  # a relationship in the stores, besides its evidence columns
EVIDENCE_FIELDS = ("doc", "sentence", "start", "end", "rule")
# ``copy_of``: the first document of the cluster of near-duplicate copies a document belongs to, if any.
DOCUMENT_FIELDS = ("id", "path", "title", "date", "author", "url", "copy_of", "pages")  # a document in graph.json
# A Document node's properties, besides its id: strings, and ``pages``, a list of integers (the page start
# offsets of a PDF, which `why` turns into page numbers).
DOCUMENT_PROPERTIES = ("title", "date", "path", "author", "url", "copy_of", "pages")
DOCUMENT_LISTS = frozenset({"pages"})  # the Document properties that are lists of integers
# The stores keep evidence as parallel lists, one property per evidence field.
EVIDENCE_COLUMNS = {field: f"evidence_{field}s" for field in EVIDENCE_FIELDS}


def name_texts(name: str, aliases: Iterable[str] = ()) -> list[str]:
    """The look-up texts of an entity (the ``text`` of its ``Name`` nodes): its name and aliases, lower-cased.

    The example queries find an entity with ``(:Name {text: toLower($name)})-[:NAMES]->(e)``.

    >>> name_texts("Pete Hegseth", ["Hegseth", "HEGSETH", "Pete Hegseth"])
    ['hegseth', 'pete hegseth']
    """
    return sorted({name.lower(), *(alias.lower() for alias in aliases)})


def slug(text: str) -> str:
    """A readable, stable key part.

    >>> slug("Darién Gap")
    'darien-gap'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in folded).split()) or "x"


def entity_key(label: EntityLabel, name: str) -> str:
    """The stable, readable key of an entity: ``person:pete-hegseth``.

    >>> entity_key(EntityLabel.PERSON, "Pete Hegseth")
    'person:pete-hegseth'
    """
    return f"{label.value.lower()}:{slug(name)}"
