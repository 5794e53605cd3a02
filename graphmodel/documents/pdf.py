"""Read PDF files with pypdf: the text of each page, split into paragraphs that carry their page number.

A page's extracted lines are grouped into paragraphs at blank lines and after lines that end a sentence;
inside a paragraph a line break becomes a space, and a word hyphenated across lines ("secu-" / "rity") is
joined again. The document text is the paragraphs separated by blank lines, so every block's offsets index
into it; ``pages`` holds the offset where each page's text starts. Title, author and date come from the
PDF's metadata.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from typing import Any

from graphmodel.documents.header import (
    Meta,
    ends_sentence,
    find_url,
    header_blocks,
    looks_like_heading,
    metadata_field,
)
from graphmodel.errors import DocumentError
from graphmodel.models import Block, BlockKind

__all__ = ["join_lines", "paragraphs", "parse_pdf"]

_HYPHENATED = re.compile(r"[^\W\d_]-$")
_SEPARATOR = "\n\n"
_HEADING_WIDTH = 0.6  # a heading line is at most this share of the page's longest line (wrapped body text is wider)

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its notes on malformed objects are not the user's concern


def parse_pdf(data: bytes, path: str) -> tuple[str, list[Block], Meta, tuple[int, ...]]:
    """The text, blocks (each with its 1-based ``page``), metadata and page start offsets of a PDF file.

    Raises:
        DocumentError: the file is encrypted, broken, or has no extractable text (a scanned PDF).
    """
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"skipped {path}: the PDF is encrypted; save a copy without a password")
        texts = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        xmp = _xmp_url(reader)
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise DocumentError(f"skipped {path}: it is not a readable PDF ({type(error).__name__}: {error})") from error
    text, blocks, pages = _assemble(texts)
    if not blocks:
        raise DocumentError(f"skipped {path}: its PDF pages hold no extractable text (scanned images?); "
                            "run OCR on it first")
    blocks, header = header_blocks(blocks)
    return text, blocks, _metadata(info, xmp, header, blocks), pages


def _assemble(texts: list[str]) -> tuple[str, list[Block], tuple[int, ...]]:
    pieces: list[str] = []
    blocks: list[Block] = []
    pages: list[int] = []
    offset = 0
    for number, page_text in enumerate(texts, 1):
        pages.append(offset)
        for paragraph in paragraphs(page_text):
            kind = BlockKind.HEADING if _is_heading(paragraph) else BlockKind.PARAGRAPH
            blocks.append(Block(kind, offset, offset + len(paragraph), paragraph, page=number))
            pieces.append(paragraph)
            offset += len(paragraph) + len(_SEPARATOR)
    return _SEPARATOR.join(pieces), blocks, tuple(pages)


def paragraphs(page_text: str) -> list[str]:
    """A page's paragraphs: lines grouped at blank lines and after sentence ends, then joined; a short line
    that reads like a heading, or a header line (``Source: …``, a date), and starts a paragraph is a
    paragraph of its own.

    >>> paragraphs("Attackers used a secu-\\nrity flaw in\\nthe VPN.\\nIt was patched.\\n\\nMore")
    ['Attackers used a security flaw in the VPN.', 'It was patched.', 'More']
    >>> paragraphs("Initial Access\\nThe intruders used stolen passwords\\nto enter the network.")
    ['Initial Access', 'The intruders used stolen passwords to enter the network.']
    >>> paragraphs("Source: https://example.org/brief\\nPublished: 3 June 2025\\nBanks were attacked.")
    ['Source: https://example.org/brief', 'Published: 3 June 2025', 'Banks were attacked.']
    """
    lines = [" ".join(raw.split()) for raw in page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = max(map(len, lines), default=0)
    result: list[str] = []
    group: list[str] = []
    for line in lines:
        if line:
            group.append(line)
        alone = len(group) == 1 and (len(line) <= _HEADING_WIDTH * width and _is_heading(line)
                                     or metadata_field(line) is not None)
        if group and (not line or ends_sentence(line) or alone):
            result.append(join_lines(group))
            group = []
    if group:
        result.append(join_lines(group))
    return result


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line: a word hyphenated at a line end is joined again (without the
    hyphen before a lower-case continuation, with it before a capital).

    >>> join_lines(["a secu-", "rity flaw", "in Kyiv-", "Based firms"])
    'a security flaw in Kyiv-Based firms'
    """
    text = lines[0]
    for line in lines[1:]:
        if _HYPHENATED.search(text):
            text = text[:-1] + line if line[:1].islower() else text + line
        else:
            text = f"{text} {line}"
    return text


def _is_heading(paragraph: str) -> bool:
    return not ends_sentence(paragraph) and looks_like_heading(paragraph)


def _metadata(info: Any, xmp: str | None, header: Meta, blocks: list[Block]) -> Meta:
    """Header lines first, then the PDF's metadata (its creation date counts after a date in the url)."""
    meta = header
    if info is not None:
        meta = meta.fill("title", _clean(_field(info, "title"))).fill("author", _clean(_field(info, "author")))
        meta = meta.fill("url", _info_url(info)).fill("created", _creation_date(_field(info, "creation_date")))
    meta = meta.fill("url", xmp)
    first = blocks[0]
    return meta.fill("title", first.text if first.kind is BlockKind.HEADING else None)


def _info_url(info: Any) -> str | None:
    """The web address in the document information's own keys (``/URL``, ``/SourceURL``, ``/Source``), if any."""
    for key in ("/URL", "/SourceURL", "/Source"):
        try:
            value = info.get(key)
            url = find_url(str(value.get_object() if hasattr(value, "get_object") else value or ""))
        except Exception:  # a damaged entry must not cost the document its text
            continue
        if url:
            return url
    return None


def _xmp_url(reader: Any) -> str | None:
    """The web address in the file's XMP metadata (Dublin Core source, identifier or relation), if any."""
    try:
        xmp = reader.xmp_metadata
        if xmp is None:
            return None
        values = [xmp.dc_source, xmp.dc_identifier, *(xmp.dc_relation or [])]
    except Exception:  # malformed XMP must not cost the document its text
        return None
    return next(filter(None, (find_url(str(value)) for value in values if value)), None)


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _field(info: Any, name: str) -> Any:
    """A metadata field, None when the file's value is malformed (pypdf raises as it parses it)."""
    try:
        return getattr(info, name)
    except Exception:  # a damaged date or string must not cost the document its text
        return None


def _creation_date(created: Any) -> str | None:
    return created.date().isoformat() if isinstance(created, datetime) else None
