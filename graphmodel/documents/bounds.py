"""Bounds on what is read: a size limit on files, and blocks short enough to parse in bounded time and memory.

Files larger than :data:`MAX_DOCUMENT_BYTES` are not read unless the caller raises the limit.

A block longer than :data:`MAX_BLOCK_CHARS` (a paragraph without line breaks, a whole file on one line) is
split after sentence ends, else at whitespace, else anywhere, into pieces whose offsets still index into the
document text, so evidence spans stay exact. Shorter blocks, which is every block of ordinary news, are kept
as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from graphmodel.models import Block, BlockKind

__all__ = ["MAX_BLOCK_CHARS", "MAX_DOCUMENT_BYTES", "bound_blocks", "split_span"]

MAX_DOCUMENT_BYTES = 5_000_000  # a long report is a few hundred kB; 1 MB of news prose builds in ~1.5 min, 0.6 GB
MAX_BLOCK_CHARS = 10_000  # far above any news paragraph, far below spaCy's 1,000,000-character limit

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S")
_KEPT_KINDS = {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}


def bound_blocks(blocks: Iterable[Block], limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """``blocks`` with every block longer than ``limit`` split into pieces of at most ``limit`` characters.

    A piece of a paragraph or list item keeps its kind; a piece of an over-long heading or table row is a
    paragraph (its cells could not be read apart anyway).

    >>> pieces = bound_blocks([Block(BlockKind.PARAGRAPH, 7, 31, "Talks began. They ended.")], limit=15)
    >>> [(b.kind.value, b.start, b.end, b.text) for b in pieces]
    [('paragraph', 7, 19, 'Talks began.'), ('paragraph', 20, 31, 'They ended.')]
    """
    out: list[Block] = []
    for block in blocks:
        if len(block.text) <= limit:
            out.append(block)
            continue
        kind = block.kind if block.kind in _KEPT_KINDS else BlockKind.PARAGRAPH
        out += [Block(kind, block.start + start, block.start + end, block.text[start:end], page=block.page)
                for start, end in split_span(block.text, limit)]
    return out


def split_span(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans of at most ``limit`` characters that cover every non-space character of ``text``.

    Each piece ends after the last sentence end in its window, else at the last whitespace, else at the limit;
    a cut is never made in the first half of a window, so the pieces stay long and the work linear.
    Pieces have no leading or trailing whitespace.

    >>> list(split_span("One two. Three four five", 12))
    [(0, 8), (9, 19), (20, 24)]
    >>> list(split_span("abcdefghij", 4))
    [(0, 4), (4, 8), (8, 10)]
    """
    if limit < 2:
        raise ValueError(f"limit must be at least 2, not {limit}")
    start, end = 0, len(text)
    while (first := _NON_SPACE.search(text, start)) is not None:
        start = first.start()
        cut = end if end - start <= limit else _cut(text, start, limit)
        yield start, start + len(text[start:cut].rstrip())
        start = cut


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece that begins at ``start`` ends: after a sentence end, else at a space, else at the limit."""
    window = text[start:start + limit + 1]  # one character more: the space after a sentence end may be there
    least = limit // 2
    for pattern, after in ((_SENTENCE_END, True), (_SPACE, False)):
        position = None
        for match in pattern.finditer(window, least):
            position = match.end() if after else match.start()
        if position is not None:
            return start + position
    return start + limit
