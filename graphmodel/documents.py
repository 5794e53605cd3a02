"""Read a corpus of .txt, .md and .html files into ``Document`` values with blocks and metadata.

Text and Markdown keep their decoded text (newlines normalised to ``\\n``); HTML is reduced to its visible
text. Every block's ``start`` and ``end`` index into ``Document.text``. Header lines (``Source:``,
``Title:``, ``Published: ...``, ``Written by ...``) become metadata, not blocks.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain, pairwise
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from graphmodel.errors import DocumentError
from graphmodel.models import Block, BlockKind, Document

__all__ = ["FORMATS", "decode_text", "looks_like_heading", "parse_date", "parse_document", "read_documents"]

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_HEADING_WORDS = 12
HEADER_LINES = 12  # metadata lines are looked for among the first non-blank lines only

_SAMPLE = 8192
_MAX_BAD_CHARS = 0.1  # share of control or replacement characters above which a file counts as binary
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WESTERN = "cp1252"  # preferred among equally ranked guesses: the usual legacy encoding of English news
_MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by",
                          "with", "from", "as", "vs", "via", "per", "amid", "over", "into"})
_CLOSERS = "\"'”’»)]*_"
_MONTH = r"(?P<{}>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    r"(?<![\w.])(?:(?P<y1>\d{4})[-/](?P<m1>\d{1,2})[-/](?P<d1>\d{1,2})"
    rf"|{_MONTH.format('m2')}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format('m3')},?\s+(?P<y3>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)
_MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if number for name in [name.lower()]}
_WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_KEYS = {"title": "title", "headline": "title", "source": "source", "url": "source", "link": "source",
         "author": "author", "authors": "author", "byline": "author", "by": "author", "written by": "author",
         "date": "date", "published": "date", "published on": "date", "posted": "date", "posted on": "date",
         "updated": "date", "updated on": "date"}
_FIELD = re.compile(rf"(?P<key>{'|'.join(sorted(_KEYS, key=len, reverse=True))})\b(?P<colon>\s*:)?\s*(?P<value>.*)",
                    re.IGNORECASE)
_NAME_PARTICLES = frozenset({"and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "al", "bin"})

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class _Meta:
    title: str | None = None
    date: str | None = None
    author: str | None = None

    def fill(self, field: str, value: str | None) -> _Meta:
        """Set ``field`` unless it already has a value (the first occurrence wins)."""
        if not value or field not in ("title", "date", "author") or getattr(self, field):
            return self
        return replace(self, **{field: value})


def read_documents(*paths: Path, on_warning: Warn | None = None) -> Iterator[Document]:
    """Read files and folders (recursively, in sorted order) of .txt, .md, .markdown, .html and .htm files.

    Args:
        paths: files or folders; a folder yields its supported files and skips the others and hidden ones.
        on_warning: called with a message for each file that is skipped (unreadable, binary, empty,
            unsupported extension); default: log a warning.

    Returns:
        An iterator of documents, one per readable file.

    Raises:
        DocumentError: if a path does not exist (raised at once, before any file is read).
    """
    for path in paths:
        if not path.exists():
            raise DocumentError(f"{path} does not exist; pass existing files or folders of .txt, .md or .html files")
    return _read_all(paths, on_warning or logging.getLogger(__name__).warning)


def _read_all(paths: Iterable[Path], warn: Warn) -> Iterator[Document]:
    for path in paths:
        for file in _corpus_files(path, warn):
            try:
                yield parse_document(_read_bytes(file), str(file), FORMATS[file.suffix.lower()])
            except DocumentError as error:
                warn(str(error))


def _corpus_files(path: Path, warn: Warn) -> Iterator[Path]:
    if path.is_dir():
        yield from _walk(path, warn)
    elif _supported(path.name):
        yield path
    else:
        warn(f"skipped {path}: unsupported extension {path.suffix or '(none)'!r}; use one of {', '.join(FORMATS)}")


def _walk(root: Path, warn: Warn) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root, onerror=lambda error: warn(f"skipped {error.filename}: {error.strerror}")):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found += [Path(folder, name) for name in files if not name.startswith(".") and _supported(name)]
    return sorted(found)


def _supported(name: str) -> bool:
    return Path(name).suffix.lower() in FORMATS


def _read_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise DocumentError(f"skipped {file}: cannot read it ({reason}); check its permissions") from error


def parse_document(data: bytes, path: str, fmt: str = "txt") -> Document:
    """Build a document from a file's bytes; ``fmt`` is "txt", "md" or "html".

    Raises:
        DocumentError: if the bytes look binary or hold no visible text.

    >>> doc = parse_document(b"Source: https://example.org\\r\\nTitle: Talks\\r\\n\\nThe talks began.\\r\\n", "a.txt")
    >>> doc.id, doc.title, [(b.kind.value, b.start, b.text) for b in doc.blocks]
    ('7bd093d2c4aa1b9d', 'Talks', [('paragraph', 42, 'The talks began.')])
    """
    text = decode_text(data)
    if _looks_binary(data, text):
        raise DocumentError(f"skipped {path}: it looks like a binary file, not text")
    if fmt == "html":
        text, blocks, meta = _parse_html(text)
    else:
        blocks, meta = _parse_plain(text)
    if not text.strip():
        raise DocumentError(f"skipped {path}: it {'has no visible text' if data.strip() else 'is empty'}")
    digest = hashlib.sha256(data).hexdigest()[:16]
    return Document(digest, path, text, tuple(blocks), meta.title, meta.date, meta.author, fmt)


def decode_text(data: bytes) -> str:
    """Decode bytes (BOM, else UTF-8, else charset-normalizer's guess) and normalise newlines to ``\\n``.

    >>> decode_text(b"\\xef\\xbb\\xbfone\\r\\ntwo\\rthree")
    'one\\ntwo\\nthree'
    >>> decode_text("Darién Gap".encode("cp1252"))
    'Darién Gap'
    """
    return _decode(data).replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return data.decode("utf-8", errors="replace")
    tied = [match for match in matches if (match.chaos, match.coherence) == (best.chaos, best.coherence)]
    if any(_WESTERN in match.could_be_from_charset for match in tied):
        return data.decode(_WESTERN, errors="replace")
    return str(best)


def _looks_binary(data: bytes, text: str) -> bool:
    if b"\x00" in data[:_SAMPLE] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v"))
    return bad > _MAX_BAD_CHARS * len(sample)


def looks_like_heading(line: str) -> bool:
    """Whether a line reads like a section title: short, Title-Case-ish, no closing punctuation but "?".

    >>> looks_like_heading("A High-Stakes Trip to Panama"), looks_like_heading("Why Panama Matters?")
    (True, True)
    >>> looks_like_heading("The talks ended without agreement."), looks_like_heading("Talks ended without agreement")
    (False, False)
    """
    words = line.split()
    if not 0 < len(words) <= MAX_HEADING_WORDS or len(line) > 120 or line.rstrip(_CLOSERS)[-1:] in ".,;:!":
        return False
    if not any(ch.isalpha() for ch in line):
        return False
    significant = [word.lstrip("\"'“‘([") for word in words if word.lower() not in _MINOR_WORDS]
    significant = [word for word in significant if word[:1].isalnum()]
    capitalised = [word[0].isupper() or word[0].isdigit() for word in significant]
    return bool(capitalised) and capitalised[0] and sum(capitalised) >= 0.6 * len(capitalised)


def parse_date(text: str) -> str | None:
    """The first valid date in ``text`` as ISO ``YYYY-MM-DD``, or None.

    >>> parse_date("Published: April 7, 2025"), parse_date("Published on 7th Apr. 2025")
    ('2025-04-07', '2025-04-07')
    >>> parse_date("2025-04-07T10:00:00Z"), parse_date("Sept. 30 2024, 10:30")
    ('2025-04-07', '2024-09-30')
    >>> parse_date("April 31, 2025") is None
    True
    """
    for match in _DATE.finditer(text):
        form = next(suffix for suffix in "123" if match[f"y{suffix}"])
        month = match[f"m{form}"]
        try:
            day = date(int(match[f"y{form}"]), int(month) if month.isdigit() else _MONTHS[month[:3].lower()],
                       int(match[f"d{form}"]))
        except ValueError:
            continue
        return day.isoformat()
    return None


def _metadata_field(line: str) -> tuple[str, str | None] | None:
    """The metadata a header line carries as ``(field, value)``, or None if it is not a header line.

    >>> _metadata_field("Written by Melissa Cook"), _metadata_field("Title: "), _metadata_field("By 2030, ships.")
    (('author', 'Melissa Cook'), ('title', None), None)
    """
    match = _FIELD.fullmatch(line)
    if match is not None:
        field, value = _KEYS[match["key"].lower()], match["value"].strip()
        if match["colon"]:
            parsed = parse_date(value) if field == "date" else _clean_name(value) if field == "author" else value
            return field, parsed or None
        if field == "date" and _is_date_line(value):
            return field, parse_date(value)
        if field == "author" and _looks_like_name(_clean_name(value)):
            return field, _clean_name(value)
    return ("date", parse_date(line)) if _is_date_line(line) else None


def _is_date_line(line: str) -> bool:
    weekday = _WEEKDAY.match(line)
    rest = line[weekday.end():] if weekday else line
    match = _DATE.match(rest)
    return match is not None and len(rest[match.end():].split()) <= 3 and not _ends_sentence(rest)


def _clean_name(value: str) -> str:
    return re.split(r"\s*(?:[,|;/(]|\s[-–—]\s)", value)[0].strip(" .")


def _looks_like_name(value: str) -> bool:
    words = value.split()
    return 0 < len(words) <= 6 and not any(ch.isdigit() for ch in value) and words[0][0].isupper() and all(
        word[0].isupper() or word.lower() in _NAME_PARTICLES for word in words)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in ".!?:;…"


# Plain text and Markdown: classify each line, then group lines into blocks.

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


def _parse_plain(text: str) -> tuple[list[Block], _Meta]:
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


def _take_metadata(lines: list[_Line]) -> tuple[list[_Line], _Meta]:
    meta, seen, result = _Meta(), 0, []
    for line in lines:
        seen += line.kind != "blank"
        field = _metadata_field(line.text) if line.kind == "text" and seen <= HEADER_LINES else None
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
    if before and (before.kind == "text" and not _ends_sentence(before.text) or spaced and before.kind in _KINDS):
        return False
    if line.text == title:
        return True
    after = next((j for j in range(i + 1, len(lines)) if lines[j].kind not in ("blank", "meta", "rule")), None)
    if not looks_like_heading(line.text) or after is None:
        return False
    if lines[after].kind != "text":
        return lines[after].kind in ("heading", "list", "table")
    body = [lines[j].text for j in range(after, _paragraph_end(lines, after) + 1)]
    complete = _ends_sentence(body[-1]) and (after > i + 1 or len(body) == 1)
    return complete and len(" ".join(body).split()) > len(line.text.split())


def _paragraph_end(lines: list[_Line], i: int) -> int:
    while i + 1 < len(lines) and lines[i + 1].kind == "text" and not _ends_sentence(lines[i].text):
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
            row = _row_block(line.text, line.start, _split_cells(line.text), header, is_header)
            if is_header:
                header = row[0].cells if row else ()
            blocks += row
        elif line.kind in _KINDS:
            blocks.append(Block(_KINDS[line.kind], line.start, line.end, line.text))
    return blocks


def _continues(before: _Line, line: _Line) -> bool:
    return before.kind == "text" and not _ends_sentence(before.text) or before.kind == "list" and line.indented


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


def _row_block(source: str, offset: int, spans: list[tuple[int, int]], header: tuple[str, ...],
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


# HTML: visible text through BeautifulSoup, one line per block element, table rows as "cell | cell".

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


def _parse_html(markup: str) -> tuple[str, list[Block], _Meta]:
    soup = BeautifulSoup(markup, "html.parser")
    meta = _html_meta(soup)
    for tag in soup.find_all(_HIDDEN_TAGS) + soup.find_all(hidden=True):
        if not tag.decomposed:
            tag.decompose()
    lines = _html_lines(soup)
    blocks: list[Block] = []
    for index, block in enumerate(_html_blocks(lines)):
        field = _metadata_field(block.text) if block.kind is BlockKind.PARAGRAPH and index < HEADER_LINES else None
        meta = meta if field is None else meta.fill(*field)
        blocks += [block] if field is None else []
    return "\n".join(line.text for line in lines), blocks, meta


def _html_meta(soup: BeautifulSoup) -> _Meta:
    # A lone <h1> is the headline; <title> often carries the site's name too.
    headings, title = soup.select("h1"), soup.select_one("title")
    meta = _Meta().fill("title", _collapse(headings[0].get_text()) if len(headings) == 1 else None)
    meta = meta.fill("title", _collapse(title.get_text()) if title else None)
    for tag in soup.select("meta[content]"):
        key, content = _attr(tag, "property") or _attr(tag, "name") or _attr(tag, "itemprop"), _attr(tag, "content")
        meta = meta.fill("date", parse_date(content) if key.lower() in _META_DATES else None)
        meta = meta.fill("author", content.strip() if key.lower() in _META_AUTHORS and "://" not in content else None)
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
            rows = _row_block(line.text, offset, _cell_spans(line.row.cells), header, line.row.is_header)
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
