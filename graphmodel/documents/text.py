"""Read plain-text and Markdown blocks.

``parse_plain`` classifies each line (blank, rule, heading, list item, table row, header line or text) and groups
the lines into blocks whose ``start`` and ``end`` index into the text. Header lines (``Source:``, ``Title:``,
``Published: ...``, ``Written by ...``) become ``Meta`` fields (:mod:`graphmodel.documents.header`), not blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from graphmodel.documents.header import HEADER_LINES, Meta, ends_sentence, looks_like_heading, metadata_field
from graphmodel.models import Block, BlockKind

__all__ = ["parse_plain", "row_block"]

_RULE = re.compile(r"\s*([-=*_~`])(?:\s*\1){2,}\s*")
_SEPARATOR = re.compile(r"\s*\|?(?:\s*:?-+:?\s*\|)+(?:\s*:?-+:?\s*)?")
_MD_HEADING = re.compile(r"\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*")
_LIST_ITEM = re.compile(r"\s*(?:[-*+•◦▪●‣]|\d{1,3}[.)])\s+(?=\S)")
_QUOTE = re.compile(r"\s*(?:>\s?)+")
_KINDS = {"heading": BlockKind.HEADING, "list": BlockKind.LIST_ITEM, "text": BlockKind.PARAGRAPH}


@dataclass(frozen=True, slots=True)
class _Line:
    kind: str  # blank, rule, separator, meta, heading, list, table or text
    start: int  # offsets of the stripped content, without list, heading or quote markers
    end: int
    text: str
    indented: bool = False
    level: int = 0  # Markdown heading level; 0 for a heading found by looks_like_heading


def parse_plain(text: str) -> tuple[list[Block], Meta]:
    """Split plain text or Markdown into blocks (offsets into ``text``) and the metadata its header lines carry.

    >>> blocks, meta = parse_plain("# Talks\\nBy Ann Lee\\n\\n- Geneva")
    >>> [(b.kind.value, b.start, b.text) for b in blocks], meta.title, meta.author
    ([('heading', 2, 'Talks'), ('list_item', 22, 'Geneva')], 'Talks', 'Ann Lee')
    """
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append(_classify(raw, offset))
        offset += len(raw) + 1
    lines, meta = _take_metadata(lines)
    lines = _mark_headings(_mark_tables(_mark_setext(lines)), meta.title)
    first = next((line for line in lines if line.kind not in ("blank", "meta", "rule")), None)
    top = next((line.text for line in lines if line.kind == "heading" and line.level == 1), None)
    meta = meta.fill("title", top).fill("title", first.text if first and first.kind == "heading" else None)
    return _plain_blocks(text, lines), meta


def _classify(raw: str, offset: int) -> _Line:
    if not raw.strip():
        return _Line("blank", offset, offset, "")
    if _SEPARATOR.fullmatch(raw) or _RULE.fullmatch(raw):
        return _span("separator" if "|" in raw else "rule", raw, offset, 0)
    if heading := _MD_HEADING.fullmatch(raw):
        line = _span("heading", raw, offset, heading.start(2), heading.end(2), len(heading[1]))
        return line if line.text else replace(line, kind="rule")
    if marker := _LIST_ITEM.match(raw):
        return _span("list", raw, offset, marker.end())
    if raw.lstrip().startswith("|"):
        return _span("table", raw, offset, 0)
    quote = _QUOTE.match(raw)
    return replace(_span("text", raw, offset, quote.end() if quote else 0), indented=raw[0].isspace())


def _span(kind: str, raw: str, offset: int, begin: int, end: int | None = None, level: int = 0) -> _Line:
    content = raw[begin:end]
    start = offset + begin + len(content) - len(content.lstrip())
    return _Line(kind, start, start + len(content.strip()), content.strip(), level=level)


def _take_metadata(lines: list[_Line]) -> tuple[list[_Line], Meta]:
    meta, seen, result = Meta(), 0, []
    for line in lines:
        seen += line.kind != "blank"
        field = metadata_field(line.text) if line.kind == "text" and seen <= HEADER_LINES else None
        if field is not None:
            meta, line = meta.fill(*field), replace(line, kind="meta")
        result.append(line)
    return result, meta


def _mark_setext(lines: list[_Line]) -> list[_Line]:
    result = list(lines)
    for i, line in enumerate(lines[1:], 1):
        if line.kind == "rule" and line.text[0] in "=-" and lines[i - 1].kind == "text":
            result[i - 1] = replace(lines[i - 1], kind="heading", level=1 if line.text[0] == "=" else 2)
    return result


def _mark_tables(lines: list[_Line]) -> list[_Line]:
    """Mark pipe rows without an outer pipe that sit above a separator or below another row."""
    result = list(lines)
    for i, line in enumerate(lines):
        before = result[i - 1].kind if i else "blank"
        after = lines[i + 1].kind if i + 1 < len(lines) else "blank"
        if line.kind == "text" and "|" in line.text and (after == "separator" or before in ("table", "separator")):
            result[i] = replace(line, kind="table")
    return result


def _mark_headings(lines: list[_Line], title: str | None) -> list[_Line]:
    # Bottom-up, so that a title line above a section heading can see that heading.
    spaced = _blank_separated(lines)
    result = list(lines)
    for i in reversed(range(len(lines))):
        if lines[i].kind == "text" and _is_heading(result, i, spaced, title):
            result[i] = replace(lines[i], kind="heading")
    return result


def _blank_separated(lines: list[_Line]) -> bool:
    followers = [after.kind for line, after in pairwise(lines) if line.kind == "text"]
    return followers.count("blank") * 2 >= len(followers) > 0


def _is_heading(lines: list[_Line], i: int, spaced: bool, title: str | None) -> bool:
    line, before = lines[i], lines[i - 1] if i else None
    if before and (before.kind == "text" and not ends_sentence(before.text) or spaced and before.kind in _KINDS):
        return False
    if line.text == title:
        return True
    after = next((j for j in range(i + 1, len(lines)) if lines[j].kind not in ("blank", "meta", "rule")), None)
    if not looks_like_heading(line.text) or after is None:
        return False
    if lines[after].kind != "text":
        return lines[after].kind in ("heading", "list", "table")
    body = [lines[j].text for j in range(after, _paragraph_end(lines, after) + 1)]
    complete = ends_sentence(body[-1]) and (after > i + 1 or len(body) == 1)
    return complete and len(" ".join(body).split()) > len(line.text.split())


def _paragraph_end(lines: list[_Line], i: int) -> int:
    while i + 1 < len(lines) and lines[i + 1].kind == "text" and not ends_sentence(lines[i].text):
        i += 1
    return i


def _plain_blocks(text: str, lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    header: tuple[str, ...] = ()
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else _Line("blank", 0, 0, "")
        if line.kind == "text" and blocks and _continues(before, line):
            blocks[-1] = replace(blocks[-1], end=line.end, text=text[blocks[-1].start:line.end])
        elif line.kind == "table":
            is_header = i + 1 < len(lines) and lines[i + 1].kind == "separator"
            header = header if before.kind in ("table", "separator") else ()
            row = row_block(line.text, line.start, _split_cells(line.text), header, is_header)
            if is_header:
                header = row[0].cells if row else ()
            blocks += row
        elif line.kind in _KINDS:
            blocks.append(Block(_KINDS[line.kind], line.start, line.end, line.text))
    return blocks


def _continues(before: _Line, line: _Line) -> bool:
    return before.kind == "text" and not ends_sentence(before.text) or before.kind == "list" and line.indented


def _split_cells(row: str) -> list[tuple[int, int]]:
    """The spans of a Markdown table row's stripped cells, split at unescaped pipes.

    >>> _split_cells("| a | b c |")
    [(2, 3), (6, 9)]
    """
    begin = 1 if row.startswith("|") else 0
    end = len(row) - 1 if row.endswith("|") and not row.endswith("\\|") and len(row) > begin else len(row)
    spans, position = [], begin
    for piece in re.split(r"(?<!\\)\|", row[begin:end]):
        start = position + len(piece) - len(piece.lstrip())
        spans.append((start, start + len(piece.strip())))
        position += len(piece) + 1
    return spans


def row_block(source: str, offset: int, spans: list[tuple[int, int]], header: tuple[str, ...],
              is_header: bool) -> list[Block]:
    """A table row (or header) block from cell spans into ``source``, which starts at ``offset``."""
    filled = [(start, end) for start, end in spans if end > start]
    if not filled:
        return []
    cells = tuple(source[start:end] for start, end in spans)
    start, end = filled[0][0], filled[-1][1]
    kind = BlockKind.TABLE_HEADER if is_header else BlockKind.TABLE_ROW
    cell_spans = tuple((offset + a, offset + b) for a, b in spans)
    return [Block(kind, offset + start, offset + end, source[start:end], cells, cells if is_header else header,
                  cell_spans)]
