"""Read a corpus of .txt, .md, .html, .pdf and .docx files into ``Document`` values with blocks and metadata.

Text and Markdown keep their decoded text (newlines normalised to ``\\n``); HTML is reduced to its visible
text; PDF (``graphmodel.documents.pdf``) and Word (``graphmodel.documents.word``) files are read by their own
modules. Every block's ``start`` and ``end`` index into ``Document.text``. Header lines (``Source:``,
``Title:``, ``Published: ...``, ``Written by ...``) become metadata, not blocks.

This module finds, reads and decodes the files; ``graphmodel.documents.text`` parses text and Markdown,
``graphmodel.documents.html`` parses HTML, and ``graphmodel.documents.header`` reads the header lines, dates and
headings both share.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import charset_normalizer

from graphmodel.documents.bounds import MAX_BLOCK_CHARS, MAX_DOCUMENT_BYTES, bound_blocks
from graphmodel.documents.header import Meta, url_date
from graphmodel.documents.pdf import parse_pdf
from graphmodel.documents.text import parse_plain
from graphmodel.documents.word import parse_docx
from graphmodel.errors import DocumentError
from graphmodel.models import Block, BlockKind, Document

__all__ = ["FORMATS", "corpus_files", "decode_text", "parse_document", "read_documents", "read_files", "readable",
           "stdin_sources"]

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
           ".docx": "docx"}

_KINDS = ".txt, .md, .html, .pdf or .docx"
_SAMPLE = 8192
_MAX_BAD_CHARS = 0.1  # share of control or replacement characters above which a file counts as binary
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WESTERN = "cp1252"  # preferred among equally ranked guesses: the usual legacy encoding of English news

_UTF16_NULS = 0.3  # share of NUL bytes at odd (or even) positions that marks UTF-16 text without a BOM

_Warn = Callable[[str], None]


def read_documents(*paths: Path | str, on_warning: Callable[[str], None] | None = None,
                   max_bytes: int | None = MAX_DOCUMENT_BYTES) -> Iterator[Document]:
    """Read files and folders (recursively, in sorted order) of .txt, .md, .markdown, .html, .htm, .pdf and .docx
    files.

    Args:
        paths: files or folders; a folder yields its supported files and skips the others and hidden ones.
        on_warning: called with a message for each file that is skipped (unreadable, binary, empty,
            unsupported extension, larger than ``max_bytes``); default: log a warning.
        max_bytes: files larger than this are skipped before they are read; None reads any size.

    Returns:
        An iterator of documents, one per readable file, each read when it is asked for.

    Raises:
        DocumentError: if a path does not exist (raised at once, before any file is read).
    """
    warn = on_warning or logging.getLogger(__name__).warning
    return read_files(corpus_files(*paths, on_warning=warn), on_warning=warn, max_bytes=max_bytes)


def corpus_files(*paths: Path | str, on_warning: Callable[[str], None] | None = None) -> list[Path]:
    """The supported files of ``paths`` in reading order: folders walked recursively in sorted order,
    hidden names left out; a named file with an unsupported extension is reported to ``on_warning``.

    Raises:
        DocumentError: if a path does not exist.
    """
    checked = [Path(path) for path in paths]
    for path in checked:
        if not path.exists():
            raise DocumentError(f"{path} does not exist; pass existing files or folders of {_KINDS} files")
    warn = on_warning or logging.getLogger(__name__).warning
    return [file for path in checked for file in _corpus_files(path, warn)]


def read_files(files: Iterable[Path], on_warning: Callable[[str], None] | None = None,
               max_bytes: int | None = MAX_DOCUMENT_BYTES) -> Iterator[Document]:
    """Read each file as it is asked for; a file that cannot be read is reported and skipped."""
    warn = on_warning or logging.getLogger(__name__).warning
    for file in files:
        try:
            yield parse_document(_read_bytes(file, max_bytes), str(file), FORMATS[file.suffix.lower()])
        except DocumentError as error:
            warn(str(error))


def _corpus_files(path: Path, warn: _Warn) -> Iterator[Path]:
    if path.is_dir():
        yield from _walk(path, warn)
    elif readable(path.name):
        yield path
    else:
        warn(f"skipped {path}: unsupported extension {path.suffix or '(none)'!r}; use one of {', '.join(FORMATS)}")


def _walk(root: Path, warn: _Warn) -> list[Path]:
    """The supported files under ``root``; the others (hidden ones aside) are counted in one warning."""
    found, other = [], Counter[str]()
    for folder, dirs, files in os.walk(root, onerror=lambda error: warn(f"skipped {error.filename}: {error.strerror}")):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        visible = [name for name in files if not name.startswith(".")]
        found += [Path(folder, name) for name in visible if readable(name)]
        other.update(Path(name).suffix.lower() or "(none)" for name in visible if not readable(name))
    if other:
        kinds = ", ".join(f"{suffix} ×{count}" for suffix, count in sorted(other.items(), key=lambda x: (-x[1], x[0])))
        warn(f"skipped {sum(other.values())} file{'s' * (sum(other.values()) != 1)} in {root} this version "
             f"cannot read ({kinds}); it reads {', '.join(FORMATS)}")
    return sorted(found)


def readable(name: str) -> bool:
    """Whether a file of this name is one a build reads (by its extension, in any case).

    >>> readable("brief.PDF"), readable("notes.xlsx")
    (True, False)
    """
    return Path(name).suffix.lower() in FORMATS


def _read_bytes(file: Path, max_bytes: int | None = None) -> bytes:
    try:
        size = file.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DocumentError(f"skipped {file}: it is {_megabytes(size)}, larger than the limit of "
                                f"{_megabytes(max_bytes)}; raise the limit with --max-document-size")
        return file.read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise DocumentError(f"skipped {file}: cannot read it ({reason}); check its permissions") from error


def parse_document(data: bytes, path: str, fmt: str = "txt") -> Document:
    """Build a document from a file's bytes; ``fmt`` is "txt", "md", "html", "pdf" or "docx".

    Raises:
        DocumentError: if the bytes look binary or hold no visible text, or a PDF or .docx file cannot be read.

    >>> doc = parse_document(b"Source: https://example.org\\r\\nTitle: Talks\\r\\n\\nThe talks began.\\r\\n", "a.txt")
    >>> doc.id, doc.title, doc.url, [(b.kind.value, b.start, b.text) for b in doc.blocks]
    ('7bd093d2c4aa1b9d', 'Talks', 'https://example.org', [('paragraph', 42, 'The talks began.')])
    """
    text, blocks, meta, pages = _parse(data, path, fmt)
    if not text.strip():
        raise DocumentError(f"skipped {path}: it {'has no visible text' if data.strip() else 'is empty'}")
    digest = hashlib.sha256(data).hexdigest()[:16]
    meta = meta.fill("date", url_date(meta.url)).fill("date", meta.created)  # the markup's and header's come first
    return Document(digest, path, text, tuple(_bounded(text, blocks)), meta.title, meta.date, meta.author, fmt,
                    meta.url, pages)


def _parse(data: bytes, path: str, fmt: str) -> tuple[str, list[Block], Meta, tuple[int, ...]]:
    """The text, blocks, metadata and page start offsets (PDF only) of a file's bytes."""
    if fmt == "pdf":
        return parse_pdf(data, path)
    if fmt == "docx":
        return (*parse_docx(data, path), ())
    text = decode_text(data)
    if _looks_binary(data, text):
        raise DocumentError(f"skipped {path}: it looks like a binary file, not text")
    try:
        text, blocks, meta = _parse_html(text) if fmt == "html" else (text, *parse_plain(text))
    except RecursionError as error:
        raise DocumentError(f"skipped {path}: its markup is nested too deeply to read") from error
    return text, blocks, meta, ()


def _parse_html(text: str) -> tuple[str, list[Block], Meta]:
    from graphmodel.documents.html import parse_html  # BeautifulSoup is imported when an HTML file is read

    return parse_html(text)


def _bounded(text: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` split to a length spaCy parses quickly; a long text without blocks is first made one."""
    if not blocks and len(text) > MAX_BLOCK_CHARS:
        blocks = [Block(BlockKind.PARAGRAPH, 0, len(text), text)]
    return bound_blocks(blocks)


def stdin_sources(data: bytes) -> tuple[list[Path], list[Document]]:
    """What ``graphmodel build -`` reads from stdin: the paths it lists, one a line, when each names an
    existing file or folder; else its text as one .txt document named "stdin".

    >>> stdin_sources(b"Kenya hosted the summit.")[1][0].path
    'stdin'

    Raises:
        DocumentError: stdin holds nothing but blank lines.
    """
    lines = [line.strip() for line in decode_text(data).split("\n") if line.strip()]
    if not lines:
        raise DocumentError("stdin is empty: pipe in paths (one a line) or a document's text")
    if all(_exists(line) for line in lines):
        return [Path(line) for line in lines], []
    return [], [parse_document(data, "stdin", "txt")]


def _exists(line: str) -> bool:
    try:
        return Path(line).exists()
    except (OSError, ValueError):  # a line of prose too long for a file name, or holding a NUL
        return False


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
    if utf16 := _utf16_without_bom(data):
        return data.decode(utf16, errors="replace")
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


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NUL bytes fill one byte position of many pairs (the high byte of
    Latin text), else None.

    >>> _utf16_without_bom("Talks".encode("utf-16-le")), _utf16_without_bom(b"Talks")
    ('utf-16-le', None)
    """
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if not pairs:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= _UTF16_NULS * pairs and even < odd / 10:
        return "utf-16-le"
    if even >= _UTF16_NULS * pairs and odd < even / 10:
        return "utf-16-be"
    return None


def _megabytes(size: int) -> str:
    """``size`` in megabytes, as short as it can be said.

    >>> _megabytes(5_000_000), _megabytes(52_428_800), _megabytes(1_500)
    ('5 MB', '52.4 MB', '0.0015 MB')
    """
    return f"{size / 1_000_000:.3g} MB"


def _looks_binary(data: bytes, text: str) -> bool:
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data)
    if b"\x00" in data[:_SAMPLE] and not utf16:
        return True
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v"))
    return bad > _MAX_BAD_CHARS * len(sample)
