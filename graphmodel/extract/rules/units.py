"""The pieces of a document the extractor reads: prose blocks, and the cells of table rows.

Headings and table header cells are never read for entities. A table row yields a unit for its
name cell and one per item of a participants column ("USA, Honduras, Guatemala").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.models import Block, BlockKind, Document
from graphmodel.schema import EntityLabel

__all__ = ["Unit", "cell_label", "document_units"]

_PROSE = {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}


@dataclass(frozen=True, slots=True)
class Unit:
    """A text the extractor parses, located at ``offset`` in the document text.

    ``role`` is "prose" for a paragraph, "list_item" for a list item; for table cells, ``row`` is the
    row block (its text is the evidence) and ``role`` says whether the cell names the row's subject
    ("name"), one participant ("participant"), or is read as prose ("cell", in a table with no
    participants column).
    Headings (role "heading") are read for relations between entities the body names, never for
    new entities.
    """

    text: str
    offset: int
    row: Block | None = None
    role: str = "prose"
    label: EntityLabel | None = None  # the label the table header gives a name cell, or a bare name in a cell
    lead_in: int = 0  # characters of a list item's "Label:" lead-in, which names only well-typed entities


def document_units(document: Document, lexicon: Lexicon) -> list[Unit]:
    """Prose blocks and table cells of a document (the whole text when it has no blocks)."""
    blocks = document.blocks or (Block(BlockKind.PARAGRAPH, 0, len(document.text), document.text),)
    units = [_with_lead_in(b) for b in blocks if b.kind in _PROSE and b.text.strip()]
    units += [Unit(b.text, b.start, role="heading") for b in blocks if b.kind is BlockKind.HEADING and b.text.strip()]
    for block in blocks:
        if block.kind is BlockKind.TABLE_ROW:
            units += _row_units(block, lexicon)
    return units


_LEAD_IN = re.compile(r"^[^:.!?]{1,60}:\s+")


def _with_lead_in(block: Block) -> Unit:
    """A list item, with the length of its "Joint Training Exercises: ..." label, which works like a heading."""
    match = _LEAD_IN.match(block.text) if block.kind is BlockKind.LIST_ITEM else None
    role = "list_item" if block.kind is BlockKind.LIST_ITEM else "prose"
    return Unit(block.text, block.start, role=role, lead_in=match.end() if match else 0)


@cache
def _header_stems(stems: tuple[str, ...]) -> re.Pattern[str]:
    """Matches a column header that contains one of ``stems`` (participants, people), in any case."""
    return re.compile("|".join(re.escape(s) for s in stems), re.IGNORECASE)


def _row_units(row: Block, lexicon: Lexicon) -> list[Unit]:
    header = _header_stems(lexicon.participant_headers)
    participants = [i for i, h in enumerate(row.header) if header.search(h) and i > 0]
    if not participants or not row.cells:
        return _cell_units(row, lexicon)
    name_label = cell_label(row.cells[0], row.header[0] if row.header else "", lexicon)
    if name_label is None:
        return _cell_units(row, lexicon)
    start = row.cell_spans[0][0] if row.cell_spans else row.start
    units = [Unit(row.cells[0], start, row, "name", name_label)]
    for column in participants:
        if column >= len(row.cells):
            continue
        cell_start = row.cell_spans[column][0] if column < len(row.cell_spans) else row.start
        for start, text in _items(row.cells[column], lexicon):
            units.append(Unit(text, cell_start + start, row, "participant"))
    return units


def _cell_units(row: Block, lexicon: Lexicon) -> list[Unit]:
    """The cells of a row with no participants column, each read as prose ("Rear Admiral X", "Commander, Y"),
    but a bare personal name in a column of people is a person ("| Signatory |": "Jane Doe-Smith")."""
    spans = row.cell_spans or ((row.start, row.end),) * len(row.cells)
    people = _header_stems(lexicon.person_headers)
    units = []
    for column, (text, (start, _)) in enumerate(zip(row.cells, spans, strict=False)):
        if not text.strip():
            continue
        header = row.header[column] if column < len(row.header) else ""
        if header and people.search(header) and _bare_name(text.strip(), lexicon):
            units.append(Unit(text.strip(), start + len(text) - len(text.lstrip()), row, "cell", EntityLabel.PERSON))
        else:
            units.append(Unit(text, start, row, "cell"))
    return units


_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?")


def _bare_name(text: str, lexicon: Lexicon) -> bool:
    """Two to four capitalised words with no title, type word or known name among them: "Edgars Kalniņš-Briedis".

    >>> from graphmodel.extract.rules.lexicon import load_lexicon
    >>> _bare_name("Margus Pärnaste", load_lexicon()), _bare_name("Minister of Defence", load_lexicon())
    (True, False)
    """
    words = text.split()
    return 2 <= len(words) <= 4 and lexicon.lookup(text) is None and all(
        _NAME_WORD.fullmatch(w) and w[0].isupper() and w not in lexicon.titles and w not in lexicon.heads
        and w not in lexicon.first_words and lexicon.lookup(w) is None for w in words)


def _items(cell: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """The items of "USA, Honduras and Guatemala", keeping names such as "Trinidad and Tobago" whole.

    >>> from graphmodel.extract.rules.lexicon import load_lexicon
    >>> _items("USA, Trinidad and Tobago and Chile", load_lexicon())
    [(0, 'USA'), (5, 'Trinidad and Tobago'), (29, 'Chile')]
    """
    parts, pos = [], 0
    for sep in re.finditer(r"\s*(?:[,;]|\band\b)\s*", cell):
        parts.append((pos, cell[pos:sep.start()], "and" in sep.group()))
        pos = sep.end()
    parts.append((pos, cell[pos:], False))
    items, i = [], 0
    while i < len(parts):
        start, text, before_and = parts[i]
        if before_and and i + 1 < len(parts):
            joined = cell[start:parts[i + 1][0] + len(parts[i + 1][1])]
            if lexicon.lookup(joined):
                items.append((start, joined.strip()))
                i += 2
                continue
        if text.strip():
            items.append((start + len(text) - len(text.lstrip()), text.strip()))
        i += 1
    return items


def cell_label(text: str, header: str, lexicon: Lexicon) -> EntityLabel | None:
    """The label of a table's name cell, from the gazetteer, the name's own words, or the column header.

    >>> from graphmodel.extract.rules.lexicon import load_lexicon
    >>> cell_label("Operation Secure Border", "Project", load_lexicon())
    <EntityLabel.INITIATIVE: 'Initiative'>
    """
    entry = lexicon.lookup(text)
    if entry is not None:
        return entry.label
    words = text.split()
    if words and words[0] in lexicon.first_words:
        return lexicon.first_words[words[0]]
    if words and words[-1] in lexicon.heads:
        return lexicon.heads[words[-1]]
    return lexicon.name_headers.get(header.strip().lower())
