"""The units a learned relation may be read from: sentences of paragraphs and list items, headings, table rows.

Every segment keeps its offsets in ``Document.text`` and its block kind, and is parsed by spaCy
once (a span of its block's parse, never a copy), so candidates, features and the candidate-recall
ceiling all see the same units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphmodel.extract.rules.nlp import parse, parse_all
from graphmodel.models import Block, BlockKind, Document

__all__ = ["Segment", "document_segments", "entity_type", "local_index", "parsed_texts", "split_segments"]

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
    """Each segment of ``document`` with its spaCy parse: a ``Span`` of its block's parse.

    Blocks are parsed whole by :func:`~graphmodel.extract.rules.nlp.parse`, which shares the rules'
    parse of the same text; a sentence of a paragraph or list item is a span of its block's ``Doc``,
    not a copy of its own, so the features index its tokens from ``span.start`` (see
    :func:`local_index`). Segments are those of :func:`split_segments`.
    """
    blocks = document.blocks or (Block(BlockKind.PARAGRAPH, 0, len(document.text), document.text),)
    parse_all(nlp, parsed_texts(document))
    for block in blocks:
        if block.kind in _WHOLE and block.text.strip():
            yield Segment(block.kind, block.start, block.end, block.text), parse(nlp, block.text)[:]
        elif block.kind in _SENTENCE_SPLIT:
            for sent in parse(nlp, block.text).sents:
                text = block.text[sent.start_char:sent.end_char]  # sent.text, without joining its tokens
                if text.strip():
                    yield Segment(block.kind, block.start + sent.start_char, block.start + sent.end_char, text), sent


def local_index(token: Any, span: Any) -> int:
    """The index of ``token`` within the segment ``span`` (its first token is 0)."""
    return int(token.i - span.start)


def entity_type(token: Any, span: Any) -> str:
    """The NER type of ``token`` as the segment ``span`` shows it: none where its entity crosses the segment's
    edge (a copy of the segment, ``Span.as_doc``, drops such an entity)."""
    doc, start, end = span.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(token.ent_type_) if span.start <= start and end <= span.end else ""
