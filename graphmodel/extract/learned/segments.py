"""The units a learned relation may be read from: sentences of paragraphs and list items, headings, table rows.

Every segment keeps its offsets in ``Document.text`` and its block kind, and is parsed by spaCy
once, so candidates, features and the candidate-recall ceiling all see the same units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphmodel.extract.rules.nlp import parse, parse_all
from graphmodel.models import Block, BlockKind, Document

__all__ = ["Segment", "document_segments", "parsed_texts", "split_segments"]

_SENTENCE_SPLIT = {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}
_WHOLE = {BlockKind.HEADING, BlockKind.TABLE_ROW}


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence, heading or table row: its block kind, offsets in the document text and text."""

    kind: BlockKind
    start: int
    end: int
    text: str


def split_segments(document: Document, sentences: Any) -> list[Segment]:
    """The segments of ``document``; ``sentences(text)`` yields ``(start, end)`` character spans of sentences.

    A document without blocks is one paragraph. Table headers are not segments.

    >>> doc = Document("d", "d.txt", "A b. C d.")
    >>> [s.text for s in split_segments(doc, lambda text: [(0, 4), (5, 9)])]
    ['A b.', 'C d.']
    """
    blocks = document.blocks or (Block(BlockKind.PARAGRAPH, 0, len(document.text), document.text),)
    out = []
    for block in blocks:
        if block.kind in _WHOLE and block.text.strip():
            out.append(Segment(block.kind, block.start, block.end, block.text))
        elif block.kind in _SENTENCE_SPLIT:
            out += [Segment(block.kind, block.start + s, block.start + e, block.text[s:e])
                    for s, e in sentences(block.text) if block.text[s:e].strip()]
    return out


def parsed_texts(document: Document) -> list[str]:
    """The block texts :func:`document_segments` parses."""
    blocks = document.blocks or (Block(BlockKind.PARAGRAPH, 0, len(document.text), document.text),)
    return [b.text for b in blocks if b.kind in _SENTENCE_SPLIT or (b.kind in _WHOLE and b.text.strip())]


def document_segments(document: Document, nlp: Any) -> Iterator[tuple[Segment, Any]]:
    """Each segment of ``document`` with its spaCy parse (a ``Doc`` of the segment alone).

    Blocks are parsed whole by :func:`~graphmodel.extract.rules.nlp.parse`, which shares the rules'
    parse of the same text; a sentence of a paragraph or list item becomes a ``Doc`` of its own, so
    that token indexes start at 0 in every segment. Segments are those of :func:`split_segments`.
    """
    blocks = document.blocks or (Block(BlockKind.PARAGRAPH, 0, len(document.text), document.text),)
    parse_all(nlp, parsed_texts(document))
    for block in blocks:
        if block.kind in _WHOLE and block.text.strip():
            yield Segment(block.kind, block.start, block.end, block.text), parse(nlp, block.text)
        elif block.kind in _SENTENCE_SPLIT:
            for sent in parse(nlp, block.text).sents:
                if sent.text.strip():
                    start, end = block.start + sent.start_char, block.start + sent.end_char
                    yield Segment(block.kind, start, end, sent.text), sent.as_doc()
