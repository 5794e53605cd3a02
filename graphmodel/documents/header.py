"""The header lines, dates and headings that plain text, Markdown and HTML share.

Header lines (``Source:``, ``URL:``, ``Title:``, ``Published: ...``, ``Written by ...``) become ``Meta``
fields: :func:`metadata_field` reads one line, :func:`parse_date` finds a date in any text,
:func:`find_url` the web address in a ``Source:`` line, :func:`url_date` the date a URL's path gives,
and :func:`looks_like_heading` tells a section title from a sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

from graphmodel.models import Block, BlockKind

__all__ = ["HEADER_LINES", "MAX_HEADING_WORDS", "Meta", "ends_sentence", "find_url", "header_blocks",
           "looks_like_heading", "metadata_field", "parse_date", "url_date"]

MAX_HEADING_WORDS = 12
HEADER_LINES = 12  # metadata lines are looked for among the first non-blank lines only

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
_KEYS = {"title": "title", "headline": "title", "source": "url", "url": "url", "link": "url",
         "author": "author", "authors": "author", "byline": "author", "by": "author", "written by": "author",
         "date": "date", "published": "date", "published on": "date", "posted": "date", "posted on": "date",
         "updated": "date", "updated on": "date"}
_FIELD = re.compile(rf"(?P<key>{'|'.join(sorted(_KEYS, key=len, reverse=True))})\b(?P<colon>\s*:)?\s*(?P<value>.*)",
                    re.IGNORECASE)
_LINE_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING)  # the blocks a header line may have become
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
# Dates in a URL's path: /2025/04/07/, /2025/04/, /2025-04-07/ (also inside a slug), /20250407/.
_PATH_DATES = (
    re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})(?:/(?P<d>\d{1,2}))?(?=/|$)"),
    re.compile(r"(?<![\w.])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\w)"),
    re.compile(r"(?<![\w.])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\w)"),
)
_YEARS = range(1990, 2100)  # a four-digit number outside these is an id, not a year
_NAME_PARTICLES = frozenset({"and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "al", "bin"})


@dataclass(frozen=True, slots=True)
class Meta:
    """The title, date (ISO 8601: ``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known), author and
    url a document's header or markup names. ``created`` is the date a file's own properties give (a PDF's
    or .docx file's creation date): the document's date only when neither the text nor its url gives one."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    created: str | None = None

    def fill(self, field: str, value: str | None) -> Meta:
        """Set ``field`` unless it already has a value (the first occurrence wins)."""
        if not value or field not in ("title", "date", "author", "url", "created") or getattr(self, field):
            return self
        return replace(self, **{field: value})


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


def metadata_field(line: str) -> tuple[str, str | None] | None:
    """The metadata a header line carries as ``(field, value)``, or None if it is not a header line.

    >>> metadata_field("Written by Melissa Cook"), metadata_field("Title: "), metadata_field("By 2030, ships.")
    (('author', 'Melissa Cook'), ('title', None), None)
    """
    match = _FIELD.fullmatch(line)
    if match is not None:
        field, value = _KEYS[match["key"].lower()], match["value"].strip()
        if match["colon"]:
            parsed = {"date": parse_date, "author": _clean_name, "url": find_url}.get(field, str)(value)
            return field, parsed or None
        if field == "date" and _is_date_line(value):
            return field, parse_date(value)
        if field == "author" and _looks_like_name(_clean_name(value)):
            return field, _clean_name(value)
    return ("date", parse_date(line)) if _is_date_line(line) else None


def header_blocks(blocks: list[Block]) -> tuple[list[Block], Meta]:
    """Header lines written as a file's first paragraphs (a PDF's or a Word file's ``Source: …`` line):
    the fields they carry, and the blocks without them. Only one-line paragraphs among the first
    :data:`HEADER_LINES` blocks count (a short one may have been read as a heading), and a file that is
    nothing but header lines keeps its blocks.

    >>> blocks = [Block(BlockKind.PARAGRAPH, 0, 26, "Source: https://example.org"),
    ...           Block(BlockKind.PARAGRAPH, 28, 44, "The talks began.")]
    >>> kept, meta = header_blocks(blocks)
    >>> [block.text for block in kept], meta.url
    (['The talks began.'], 'https://example.org')
    """
    meta, kept = Meta(), []
    for index, block in enumerate(blocks):
        one_line = block.kind in _LINE_KINDS and "\n" not in block.text and index < HEADER_LINES
        field = metadata_field(block.text) if one_line else None
        if field is None:
            kept.append(block)
        else:
            meta = meta.fill(*field)
    return (kept, meta) if kept else (blocks, Meta())


def find_url(text: str) -> str | None:
    """The first http or https address in ``text`` (a bare one, in ``<...>`` or in a Markdown link), or None.

    >>> find_url("<https://example.org/a?b=1>."), find_url("[AP](https://apnews.com/x)"), find_url("Reuters")
    ('https://example.org/a?b=1', 'https://apnews.com/x', None)
    """
    match = _URL.search(text)
    return match[0].rstrip(".,;:!?") if match else None


def url_date(url: str | None) -> str | None:
    """The date the path of ``url`` gives, as precise as the path is: ISO ``YYYY-MM-DD`` or ``YYYY-MM``.

    Only the path counts (a query string holds ids); a number that is not a plausible year, month
    and day is not a date.

    >>> url_date("https://x.org/2025/04/07/talks"), url_date("https://x.org/news/2025/4/"), url_date("/2025-04-07/")
    ('2025-04-07', '2025-04', '2025-04-07')
    >>> url_date("https://x.org/talks-in-panama-2025-04-07.html"), url_date("https://x.org/20250407/talks")
    ('2025-04-07', '2025-04-07')
    >>> [url_date(u) for u in ("https://x.org/2025/13/01/", "https://x.org/story/12345678", "https://x.org/2025/",
    ...  "https://x.org/a?d=2025-04-07", "https://x.org/id/2025041234", "https://x.org/1234/56/")]
    [None, None, None, None, None, None]
    """
    path = urlsplit(url).path if url else ""
    for pattern in _PATH_DATES:
        for match in pattern.finditer(path):
            year, month, day = int(match["y"]), int(match["m"]), match["d"]
            if year not in _YEARS or not 1 <= month <= 12:
                continue
            if day is None:
                return f"{year:04d}-{month:02d}"
            try:
                return date(year, month, int(day)).isoformat()
            except ValueError:
                continue
    return None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (closing quotes and brackets aside).

    >>> ends_sentence('He said "no."'), ends_sentence("Talks in Geneva")
    (True, False)
    """
    return text.rstrip(_CLOSERS)[-1:] in ".!?:;…"


def _is_date_line(line: str) -> bool:
    weekday = _WEEKDAY.match(line)
    rest = line[weekday.end():] if weekday else line
    match = _DATE.match(rest)
    return match is not None and len(rest[match.end():].split()) <= 3 and not ends_sentence(rest)


def _clean_name(value: str) -> str:
    return re.split(r"\s*(?:[,|;/(]|\s[-–—]\s)", value)[0].strip(" .")


def _looks_like_name(value: str) -> bool:
    words = value.split()
    return 0 < len(words) <= 6 and not any(ch.isdigit() for ch in value) and words[0][0].isupper() and all(
        word[0].isupper() or word.lower() in _NAME_PARTICLES for word in words)
