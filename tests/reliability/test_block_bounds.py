"""Over-long blocks are split into bounded pieces whose offsets index exactly into the document text."""

from __future__ import annotations

import random

import pytest

from graphmodel.documents.bounds import MAX_BLOCK_CHARS, bound_blocks, split_span
from graphmodel.documents.read import parse_document
from graphmodel.models import Block, BlockKind
from tests.reliability.samples import sample_line

pytestmark = pytest.mark.reliability


def _random_text(seed: int, length: int) -> str:
    rng = random.Random(seed)
    pieces = ["word", "Talks", "ended.", "began!", "why?", " ", "  ", "\n", "\t", '"no."', "(a.)", "x" * 40, "é"]
    out = []
    while sum(map(len, out)) < length:
        out.append(rng.choice(pieces) + rng.choice(["", " ", " "]))
    return "".join(out)


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("limit", [2, 7, 50, 300])
def test_pieces_are_bounded_trimmed_and_cover_the_text(seed: int, limit: int) -> None:
    text = _random_text(seed, 2_000)

    spans = list(split_span(text, limit))

    assert all(0 < end - start <= limit for start, end in spans)
    assert all(text[start:end] == text[start:end].strip() for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    assert "".join("".join(text[start:end].split()) for start, end in spans) == "".join(text.split())


def test_pieces_end_after_sentences_else_at_spaces_else_at_the_limit() -> None:
    assert list(split_span("Talks began. They ended in Geneva today", 20)) == [(0, 12), (13, 33), (34, 39)]
    assert list(split_span("one two three four five", 10)) == [(0, 7), (8, 18), (19, 23)]
    assert list(split_span("a" * 25, 10)) == [(0, 10), (10, 20), (20, 25)]


def test_a_cut_is_never_in_the_first_half_of_a_window() -> None:
    text = "A. " + "b" * 30  # a sentence end at 2 would leave a piece of two characters
    assert list(split_span(text, 20)) == [(0, 20), (20, 33)]


def test_short_blocks_are_kept_as_they_are() -> None:
    blocks = [Block(BlockKind.HEADING, 0, 5, "Talks"), Block(BlockKind.TABLE_ROW, 6, 9, "a b", ("a", "b"))]
    assert bound_blocks(blocks, limit=5) == blocks


def test_long_headings_and_rows_become_paragraph_pieces_and_list_items_stay_list_items() -> None:
    blocks = [Block(BlockKind.HEADING, 0, 11, "Talks began"), Block(BlockKind.LIST_ITEM, 12, 23, "They ended.")]

    pieces = bound_blocks(blocks, limit=6)

    assert [(b.kind, b.start, b.end, b.text) for b in pieces] == [
        (BlockKind.PARAGRAPH, 0, 5, "Talks"), (BlockKind.PARAGRAPH, 6, 11, "began"),
        (BlockKind.LIST_ITEM, 12, 16, "They"), (BlockKind.LIST_ITEM, 17, 23, "ended.")]


@pytest.mark.parametrize(("fmt", "wrap"), [
    ("txt", "Title: Talks\n\n{}\n\nA short closing paragraph.\n"),
    ("md", "# Talks\n\n- {}\n- A short item.\n"),
    ("html", "<h1>Talks</h1><p>{}</p><p>A short closing paragraph.</p>"),
])
def test_a_long_line_in_any_format_is_read_as_bounded_blocks_with_exact_offsets(fmt: str, wrap: str) -> None:
    long_line = (sample_line() + " ") * 3

    document = parse_document(wrap.format(long_line).encode(), f"long.{fmt}", fmt)

    assert len(document.blocks) > len(long_line) // MAX_BLOCK_CHARS
    assert all(len(block.text) <= MAX_BLOCK_CHARS for block in document.blocks)
    assert all(document.text[block.start:block.end] == block.text for block in document.blocks)
    body = "".join(block.text for block in document.blocks).replace(" ", "")
    assert long_line.replace(" ", "") in body


def test_a_long_text_without_blocks_is_given_bounded_blocks() -> None:
    document = parse_document(b"Title: " + b"word " * 5_000, "title-only.txt")

    assert document.blocks
    assert all(len(block.text) <= MAX_BLOCK_CHARS for block in document.blocks)
    assert all(document.text[block.start:block.end] == block.text for block in document.blocks)


def test_ordinary_documents_keep_their_blocks() -> None:
    text = "Title: Talks\n\nThe talks began in Geneva. They ended.\n\n- Item one\n"
    document = parse_document(text.encode(), "a.txt")
    assert [(b.kind, b.start, b.end) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, 14, 52), (BlockKind.LIST_ITEM, 56, 64)]
