"""Read Word (.docx) files with python-docx: paragraphs, headings, list items and table rows, in body order.

A paragraph styled "Title" or "Heading N" is a heading, one styled "List ..." a list item; a table's rows
become table row blocks shaped as Markdown tables' are (:func:`graphmodel.documents.text.row_block`), its
first row the header of the others. The document text is the blocks separated by blank lines (a table's
rows by line breaks), so every block's offsets index into it. Title, author and created date come from the
file's core properties.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from graphmodel.documents.header import Meta, find_url, header_blocks
from graphmodel.documents.text import row_block
from graphmodel.errors import DocumentError
from graphmodel.models import Block, BlockKind

__all__ = ["block_kind", "parse_docx"]

_CELL_SEPARATOR = " | "


def parse_docx(data: bytes, path: str) -> tuple[str, list[Block], Meta]:
    """The text, blocks and metadata of a .docx file.

    Raises:
        DocumentError: the file is not a readable .docx (a broken or renamed file).
    """
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        parts = list(_parts(document))
        properties = document.core_properties
    except Exception as error:  # python-docx and zipfile raise many kinds of error on a damaged file
        raise DocumentError(f"skipped {path}: it is not a readable .docx file ({type(error).__name__}: {error})"
                            ) from error
    text, blocks = _assemble(parts)
    blocks, header = header_blocks(blocks)
    return text, blocks, _metadata(properties, header, blocks)


def block_kind(style: str | None) -> BlockKind:
    """The block kind of a paragraph style.

    >>> block_kind("Heading 2"), block_kind("List Bullet"), block_kind("Normal"), block_kind(None)
    (<BlockKind.HEADING: 'heading'>, <BlockKind.LIST_ITEM: 'list_item'>, <BlockKind.PARAGRAPH: 'paragraph'>, \
<BlockKind.PARAGRAPH: 'paragraph'>)
    """
    name = (style or "").strip()
    if name == "Title" or name.startswith("Heading"):
        return BlockKind.HEADING
    return BlockKind.LIST_ITEM if name.startswith("List") else BlockKind.PARAGRAPH


# A part is a paragraph (its kind and text) or a table (its rows of cell texts).
_Part = tuple[BlockKind, str] | list[list[str]]


def _parts(document: Any) -> Iterator[_Part]:
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [_cells(row) for row in item.rows]
            if any(any(cells) for cells in rows):
                yield rows
            continue
        text = " ".join(item.text.split())
        if text:
            yield block_kind(item.style.name if item.style is not None else None), text


def _cells(row: Any) -> list[str]:
    """A row's cell texts; a cell merged across columns is read once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
    return cells


def _assemble(parts: list[_Part]) -> tuple[str, list[Block]]:
    text, blocks = "", []
    for part in parts:
        text += "\n\n" if text else ""
        if isinstance(part, list):
            text, rows = _table(text, part)
            blocks += rows
        else:
            kind, line = part
            blocks.append(Block(kind, len(text), len(text) + len(line), line))
            text += line
    return text, blocks


def _table(text: str, rows: list[list[str]]) -> tuple[str, list[Block]]:
    blocks: list[Block] = []
    header: tuple[str, ...] = ()
    for i, cells in enumerate(rows):
        text += "\n" if i else ""
        line, spans, position = _CELL_SEPARATOR.join(cells), [], 0
        for cell in cells:
            spans.append((position, position + len(cell)))
            position += len(cell) + len(_CELL_SEPARATOR)
        row = row_block(line, len(text), spans, header, is_header=i == 0 and len(rows) > 1)
        if i == 0 and row:
            header = row[0].cells if row[0].kind is BlockKind.TABLE_HEADER else ()
        blocks += row
        text += line
    return text, blocks


def _metadata(properties: Any, header: Meta, blocks: list[Block]) -> Meta:
    """Header lines first, then the file's properties: its identifier, or an address in its comments, is
    the url; its creation date counts after a date in the url."""
    created = properties.created
    meta = header.fill("title", (properties.title or "").strip() or None)
    meta = meta.fill("author", (properties.author or "").strip() or None)
    meta = meta.fill("url", find_url(properties.identifier or "") or find_url(properties.comments or ""))
    meta = meta.fill("created", created.date().isoformat() if isinstance(created, datetime) else None)
    first = blocks[0] if blocks else None
    return meta.fill("title", first.text if first is not None and first.kind is BlockKind.HEADING else None)
