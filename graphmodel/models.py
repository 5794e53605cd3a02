"""Typed values that flow through graphmodel: documents, entities, relations, evidence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graphmodel.schema import EntityLabel, RelationType

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "Entity",
    "Evidence",
    "Extraction",
    "Relation",
]


class BlockKind(StrEnum):
    """The structural unit a stretch of document text belongs to."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    TABLE_HEADER = "table_header"


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list item or table row, located by offsets into ``Document.text``.

    For a table row, ``cells`` holds its cell texts and ``header`` the header cells of its table;
    ``cell_spans`` holds each cell's ``(start, end)`` offsets. ``page`` is the 1-based page of a paged
    format (PDF) the block was read from, None for the others.
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    cell_spans: tuple[tuple[int, int], ...] = ()
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One input document: its plain text, its blocks and the metadata the text gives.

    ``url`` and ``date`` come, in this order of preference, from HTML metadata, header lines
    (``Source:``, ``Published:``) and, for the date, the URL's path (``/2025/04/07/``).

    ``id`` is a hash of the file's content, so an unchanged file keeps its id and a changed
    file is a new version.
    """

    id: str
    path: str
    text: str
    blocks: tuple[Block, ...] = ()
    title: str | None = None
    date: str | None = None  # ISO 8601, e.g. "2025-04-07"
    author: str | None = None
    format: str = "txt"
    url: str | None = None  # where the document was published, e.g. "https://example.org/2025/04/07/talks"
    pages: tuple[int, ...] = ()  # a paged format's page start offsets into text (page N starts at pages[N - 1])


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a node or edge was read: document id, sentence, character span, producing rule."""

    doc: str
    sentence: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: one real-world thing, with every surface form the text used."""

    key: str  # stable and readable, e.g. "person:pete-hegseth"
    name: str
    label: EntityLabel
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entity keys with the evidence that supports it."""

    source: str
    target: str
    type: RelationType
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor read from one document; ``signature`` is its text's MinHash signature
    (:func:`graphmodel.extract.copies.signature`), set when the text is dropped from the record."""

    document: Document | None = None
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    signature: tuple[int, ...] = ()
