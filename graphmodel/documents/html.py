"""Reduce HTML to its visible text and blocks with BeautifulSoup: one line per block element.

Hidden elements (scripts, styles, navigation, ``hidden``) are dropped, table rows become ``cell | cell`` lines,
blocks outside the page's main content (menus, sidebars, footers, comments: trafilatura decides) are left
out, and the title, date, author and url come from ``<h1>``, ``<title>``, ``<meta>`` (``og:url``,
``article:published_time``…), ``<link rel=canonical>`` and ``<time>`` tags, then from header lines at the
top of the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain, pairwise

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from graphmodel.documents.header import HEADER_LINES, Meta, find_url, metadata_field, parse_date
from graphmodel.documents.text import row_block
from graphmodel.models import Block, BlockKind

__all__ = ["parse_html"]

_HIDDEN_TAGS = ["script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object", "nav"]
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = _HEADING_TAGS | {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "ul"}
_META_DATES = frozenset({"article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date"})
_META_AUTHORS = frozenset({"author", "article:author", "dc.creator"})
_CELL_GAP = " | "


@dataclass(frozen=True, slots=True)
class _Text:
    owner: Tag  # the nearest enclosing block element
    text: str


@dataclass(frozen=True, slots=True)
class _Row:
    table: Tag | None
    cells: tuple[str, ...]
    is_header: bool


@dataclass(frozen=True, slots=True)
class _HtmlLine:
    text: str
    owner: Tag | None = None
    row: _Row | None = None


def parse_html(markup: str) -> tuple[str, list[Block], Meta]:
    """The visible text of ``markup``, its blocks (offsets into that text) and its metadata.

    Raises:
        RecursionError: if the markup is nested too deeply for BeautifulSoup.

    >>> text, blocks, meta = parse_html("<h1>Talks</h1><p>Published: April 7, 2025</p><ul><li>Geneva</li></ul>")
    >>> text, meta.title, meta.date
    ('Talks\\nPublished: April 7, 2025\\nGeneva', 'Talks', '2025-04-07')
    >>> [(b.kind.value, b.start, b.text) for b in blocks]
    [('heading', 0, 'Talks'), ('list_item', 31, 'Geneva')]
    >>> parse_html('<link rel="canonical" href="https://x.org/b"><meta property="og:url" content="https://x.org/a">'
    ...            '<p>Source: https://y.org/c</p><p>Talks began.</p>')[2].url
    'https://x.org/a'
    """
    soup = BeautifulSoup(markup, "html.parser")
    meta = _html_meta(soup)
    for tag in soup.find_all(_HIDDEN_TAGS) + soup.find_all(hidden=True):
        if not tag.decomposed:
            tag.decompose()
    lines = _html_lines(soup)
    blocks: list[Block] = []
    for index, block in enumerate(_html_blocks(lines)):
        field = metadata_field(block.text) if block.kind is BlockKind.PARAGRAPH and index < HEADER_LINES else None
        meta = meta if field is None else meta.fill(*field)
        blocks += [block] if field is None else []
    return "\n".join(line.text for line in lines), _main_blocks(markup, blocks), meta


def _main_blocks(markup: str, blocks: list[Block]) -> list[Block]:
    """The blocks of the page's main content and headline as trafilatura (made for news pages) finds
    them: menus, footers, comments and other boilerplate are left out. When it finds no main content,
    or none of the blocks in it, every block stays.

    >>> page = ("<div class='menu'><ul><li>Politics</li><li>Sport</li></ul></div><article><h1>Kenya hosts "
    ...         "summit</h1><p>Kenya hosted the East African summit in Nairobi on Monday, where leaders of "
    ...         "Uganda and Tanzania discussed border security.</p></article><footer><p>Subscribe to our "
    ...         "newsletter for more.</p></footer>")
    >>> [b.text[:18] for b in parse_html(page)[1]]
    ['Kenya hosts summit', 'Kenya hosted the E']
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(markup, include_tables=True, include_comments=False,
                                            favor_recall=True, with_metadata=True)
    main = extracted.as_dict() if extracted is not None and not isinstance(extracted, dict) else extracted or {}
    if not main.get("text"):
        return blocks
    found = _folded(f"{main.get('title') or ''}\n{main['text']}")  # the headline is metadata to trafilatura
    kept = [b for b in blocks if all(_folded(part) in found for part in (b.cells or (b.text,)) if part.strip())]
    return kept or blocks


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def _html_meta(soup: BeautifulSoup) -> Meta:
    # A lone <h1> is the headline; <title> often carries the site's name too.
    headings, title = soup.select("h1"), soup.select_one("title")
    meta = Meta().fill("title", _collapse(headings[0].get_text()) if len(headings) == 1 else None)
    meta = meta.fill("title", _collapse(title.get_text()) if title else None)
    for tag in soup.select("meta[content]"):
        key, content = _attr(tag, "property") or _attr(tag, "name") or _attr(tag, "itemprop"), _attr(tag, "content")
        meta = meta.fill("date", parse_date(content) if key.lower() in _META_DATES else None)
        meta = meta.fill("author", content.strip() if key.lower() in _META_AUTHORS and "://" not in content else None)
        meta = meta.fill("url", find_url(content) if key.lower() == "og:url" else None)
    canonical = soup.select_one("link[rel~=canonical][href]")
    meta = meta.fill("url", find_url(_attr(canonical, "href")) if canonical else None)
    time = soup.select_one("time[datetime]")
    return meta.fill("date", parse_date(_attr(time, "datetime")) if time else None)


def _attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else value or ""


def _html_events(node: Tag, owner: Tag) -> Iterator[_Text | _Row | None]:
    """Visible text with its block element, table rows, and None wherever a line must break."""
    for child in node.children:
        if isinstance(child, Tag) and child.name == "tr":
            yield from (None, _row(child), None)
        elif isinstance(child, Tag) and child.name in _BLOCK_TAGS:
            yield from chain([None], _html_events(child, child), [None])
        elif isinstance(child, Tag):
            yield from [None] if child.name == "br" else _html_events(child, owner)
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            yield _Text(owner, str(child))


def _row(tr: Tag) -> _Row:
    cells = tr.find_all(["td", "th"], recursive=False)
    is_header = bool(cells) and all(cell.name == "th" for cell in cells)
    texts = tuple(_collapse("".join(_inline(event) for event in _html_events(cell, cell))) for cell in cells)
    return _Row(tr.find_parent("table"), texts, is_header or (tr.parent is not None and tr.parent.name == "thead"))


def _inline(event: _Text | _Row | None) -> str:
    return event.text if isinstance(event, _Text) else f" {' '.join(event.cells)} " if event else " "


def _html_lines(soup: BeautifulSoup) -> list[_HtmlLine]:
    lines: list[_HtmlLine] = []
    pieces: list[str] = []
    owner: Tag | None = None
    for event in chain(_html_events(soup, soup), [None]):
        if isinstance(event, _Text):
            pieces, owner = [*pieces, event.text], event.owner
            continue
        if text := _collapse("".join(pieces)):
            lines.append(_HtmlLine(text, owner))
        pieces = []
        if isinstance(event, _Row) and any(event.cells):
            lines.append(_HtmlLine(_CELL_GAP.join(event.cells), row=event))
    return lines


def _html_blocks(lines: list[_HtmlLine]) -> list[Block]:
    blocks: list[Block] = []
    header: tuple[str, ...] = ()
    offset = 0
    for before, line in pairwise([_HtmlLine(""), *lines]):
        if line.row is not None:
            same_table = before.row is not None and before.row.table is line.row.table
            header = header if same_table else ()
            rows = row_block(line.text, offset, _cell_spans(line.row.cells), header, line.row.is_header)
            header = rows[0].cells if line.row.is_header and rows else header
            blocks += rows
        elif line.owner is before.owner and blocks:
            blocks[-1] = replace(blocks[-1], end=offset + len(line.text), text=f"{blocks[-1].text}\n{line.text}")
        else:
            blocks.append(Block(_html_kind(line.owner), offset, offset + len(line.text), line.text))
        offset += len(line.text) + 1
    return blocks


def _cell_spans(cells: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for cell in cells:
        spans.append((position, position + len(cell)))
        position += len(cell) + len(_CELL_GAP)
    return spans


def _html_kind(owner: Tag | None) -> BlockKind:
    for tag in chain([owner], owner.parents) if owner else ():
        if tag.name in _HEADING_TAGS:
            return BlockKind.HEADING
        if tag.name == "li":
            return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


def _collapse(text: str) -> str:
    return " ".join(text.split())
