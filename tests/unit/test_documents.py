"""Reading .txt, .md and .html files into documents: text, blocks, offsets, metadata and warnings."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_eval, shared_eval_files

from graphmodel.documents.header import looks_like_heading, parse_date
from graphmodel.documents.read import parse_document, read_documents
from graphmodel.errors import DocumentError
from graphmodel.models import Block, BlockKind, Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "docs"
FIXTURES = ROOT / "tests" / "data" / "documents"
CORPUS = [*sorted(SAMPLES.glob("*.txt")), *shared_eval_files("dev2/docs"),
          *shared_eval_files("dev3/docs")]

H, P, LI = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM
TH, TR = BlockKind.TABLE_HEADER, BlockKind.TABLE_ROW


def read_one(path: Path) -> Document:
    (document,) = read_documents(path)
    return document


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def shape(document: Document) -> list[tuple[BlockKind, str]]:
    return [(block.kind, block.text) for block in document.blocks]


def assert_offsets(document: Document) -> None:
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() != ""
        for cell, (start, end) in zip(block.cells, block.cell_spans, strict=True):
            assert document.text[start:end] == cell


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_every_block_of_the_sample_corpus_indexes_into_the_text(path: Path) -> None:
    document = read_one(path)

    assert document.text == path.read_text(encoding="utf-8")
    assert document.blocks
    assert_offsets(document)


@pytest.mark.parametrize(("folder", "count"), [("dev2/docs", 8), ("dev3/docs", 15)])
def test_evaluation_corpus_is_complete(folder: str, count: int) -> None:
    assert len([path for path in shared_eval(folder).iterdir() if path.suffix in {".txt", ".md"}]) == count


@pytest.mark.parametrize("path", [*FIXTURES.iterdir()], ids=lambda path: path.name)
def test_every_block_of_the_fixtures_indexes_into_the_text(path: Path) -> None:
    assert_offsets(read_one(path))


def test_sample_000_block_kinds() -> None:
    document = read_one(SAMPLES / "000_761d77b903f3d81d.txt")

    assert Counter(block.kind for block in document.blocks) == {P: 8, H: 4, LI: 11, TH: 3, TR: 9}
    assert document.format == "txt"
    assert document.path == str(SAMPLES / "000_761d77b903f3d81d.txt")
    assert (document.title, document.date, document.author) == (None, None, None)


def test_sample_000_list_items_lose_their_marker() -> None:
    items = [block for block in read_one(SAMPLES / "000_761d77b903f3d81d.txt").blocks if block.kind is LI]

    assert items[0].text == "Counter-Terrorism: Strengthening joint intelligence operations."
    assert all(not item.text.startswith("-") for item in items)


def test_sample_000_table_rows_carry_cells_and_header() -> None:
    document = read_one(SAMPLES / "000_761d77b903f3d81d.txt")
    header, row = [block for block in document.blocks if block.kind in (TH, TR)][:2]

    assert header.cells == header.header == ("Project", "Participating Countries", "Outcome")
    assert row.kind is TR
    assert row.cells == (
        "Operation Secure Border", "USA, Honduras, Guatemala", "Reduced cross-border trafficking by 30%")
    assert row.header == header.cells
    assert row.text == "Operation Secure Border | USA, Honduras, Guatemala | Reduced cross-border trafficking by 30%"
    assert "|---|" not in [block.text for block in document.blocks]


def test_sample_000_headings() -> None:
    headings = [block.text for block in read_one(SAMPLES / "000_761d77b903f3d81d.txt").blocks if block.kind is H]

    assert headings == [
        "Defense Secretary Emphasizes Regional Cooperation to Combat Security Challenges",
        "Key Takeaways from Hegseth’s Remarks on Human Trafficking and Drug Trade",
        "Recommendations for Strengthening U.S.-Central America Partnerships in Security Affairs",
        "Concluding Remarks",
    ]


def test_sample_001_metadata_lines_are_not_blocks() -> None:
    document = read_one(SAMPLES / "001_55879c2307f3ff8e.txt")

    assert document.title == "Hegseth in Panama: Strengthening US Ties Amid Regional Challenges"
    assert (document.date, document.author) == ("2025-04-07", "Melissa Cook")
    texts = [block.text for block in document.blocks]
    assert "Published: April 7, 2025" not in texts
    assert "Written by Melissa Cook" not in texts
    assert [block.text for block in document.blocks if block.kind is H][2:] == [
        "A High-Stakes Trip to Panama",
        "Tackling Threats Together",
        "Why Panama Matters",
        "Looking Ahead",
    ]


def test_sample_004_bullets_are_list_items() -> None:
    document = read_one(SAMPLES / "004_8971ce553bb2eecc.txt")
    items = [block for block in document.blocks if block.kind is LI]

    assert len(items) == 4
    assert items[2].text == "China and Panama deny U.S. claims of foreign interference in the canal."
    assert document.text[items[2].start - 2 : items[2].start] == "• "


def test_source_and_title_headers_become_metadata(tmp_path: Path) -> None:
    text = "Source: https://example.org/a\nTitle: Talks Open in Istanbul\n\nTalks Open in Istanbul\n\nThe talks began."
    document = read_one(write(tmp_path, "a.txt", text))

    assert document.title == "Talks Open in Istanbul"
    assert shape(document) == [(H, "Talks Open in Istanbul"), (P, "The talks began.")]


def test_an_empty_title_header_gives_no_title(tmp_path: Path) -> None:
    text = "Source: https://example.org/a\nTitle: \n\nAustralia and Japan agreed to work on defence technology.\n"
    document = read_one(write(tmp_path, "a.txt", text))

    assert document.title is None
    assert shape(document) == [(P, "Australia and Japan agreed to work on defence technology.")]


def test_markdown_fixture() -> None:
    document = read_one(FIXTURES / "briefing.md")

    assert (document.format, document.title, document.author) == ("md", "Quad Ministers Meet in Washington", "Jane Doe")
    assert shape(document) == [
        (H, "Quad Ministers Meet in Washington"),
        (P, "Foreign ministers from India, Australia, Japan and the United States met\nin Washington on Tuesday."),
        (H, "Participants"),
        (LI, "Marco Rubio, United States"),
        (LI, "S Jaishankar, India"),
        (LI, "Penny Wong, Australia"),
        (TH, "Country | Minister"),
        (TR, "India | S Jaishankar"),
        (TR, "Japan | Iwaya Takeshi"),
    ]
    row = document.blocks[-1]
    assert (row.cells, row.header) == (("Japan", "Iwaya Takeshi"), ("Country", "Minister"))


def test_markdown_table_without_outer_pipes(tmp_path: Path) -> None:
    document = read_one(write(tmp_path, "t.md", "Country | Minister\n--- | ---\nIndia | S Jaishankar\n"))

    assert shape(document) == [(TH, "Country | Minister"), (TR, "India | S Jaishankar")]
    assert document.blocks[1].cell_spans == ((29, 34), (37, 49))


def test_html_fixture_drops_script_style_noscript_and_template() -> None:
    document = read_one(FIXTURES / "report.html")

    assert document.format == "html"
    assert (document.title, document.date, document.author) == (
        "Russia and Ukraine Meet in Istanbul", "2025-05-16", "Jane Doe")
    for hidden in ("Hidden Script Person", "color", "Enable JavaScript", "Template Person", "Example News"):
        assert hidden not in document.text
    assert shape(document) == [
        (H, "Russia and Ukraine Meet in Istanbul"),
        (P, "Delegations from Russia and Ukraine met in Istanbul on Friday.\n"
            "It was their first direct meeting in three years."),
        (H, "Delegations"),
        (LI, "Rustem Umerov, Ukraine"),
        (LI, "Vladimir Medinsky, Russia"),
        (TH, "Country | Head of delegation"),
        (TR, "Ukraine | Rustem Umerov"),
        (TR, "Russia | Vladimir Medinsky"),
    ]


def test_html_table_rows_carry_header_cells_and_spans() -> None:
    document = read_one(FIXTURES / "report.html")
    row = document.blocks[-2]

    assert row.cells == ("Ukraine", "Rustem Umerov")
    assert row.header == ("Country", "Head of delegation")
    assert [document.text[start:end] for start, end in row.cell_spans] == ["Ukraine", "Rustem Umerov"]


def test_html_byline_and_time_become_metadata(tmp_path: Path) -> None:
    html = ("<html><body><h1>Talks Resume</h1><p>By Jane Doe</p><time datetime='2025-04-07'>April 7</time>"
            "<p>The talks resumed on Monday.</p></body></html>")
    document = read_one(write(tmp_path, "a.htm", html))

    assert (document.title, document.date, document.author) == ("Talks Resume", "2025-04-07", "Jane Doe")
    assert shape(document) == [(H, "Talks Resume"), (P, "April 7"), (P, "The talks resumed on Monday.")]


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("Published: April 7, 2025", "date", "2025-04-07"),
        ("Published on 7 April 2025", "date", "2025-04-07"),
        ("Date: 2025-04-07", "date", "2025-04-07"),
        ("Written by Melissa Cook", "author", "Melissa Cook"),
        ("By Jane Doe", "author", "Jane Doe"),
        ("Author: Jane Doe", "author", "Jane Doe"),
        ("Title: Talks Resume", "title", "Talks Resume"),
    ],
)
def test_header_lines_give_metadata_and_no_block(tmp_path: Path, header: str, field: str, value: str) -> None:
    document = read_one(write(tmp_path, "a.txt", f"{header}\n\nThe talks resumed on Monday in Geneva.\n"))

    assert getattr(document, field) == value
    assert shape(document) == [(P, "The talks resumed on Monday in Geneva.")]


def test_a_one_sentence_paragraph_is_not_a_heading(tmp_path: Path) -> None:
    text = "The Talks Ended Without Agreement.\n\nDelegates left Geneva on Friday after three days of talks.\n"

    assert [block.kind for block in read_one(write(tmp_path, "a.txt", text)).blocks] == [P, P]


def test_hard_wrapped_paragraph_stays_one_block(tmp_path: Path) -> None:
    text = "President Joe Biden met Japanese Prime Minister\nFumio Kishida in Washington on Wednesday.\n"

    assert shape(read_one(write(tmp_path, "a.txt", text))) == [(P, text.strip())]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A High-Stakes Trip to Panama", True),
        ("Concerns Over Strategic Influence", True),
        ("Why Panama Matters?", True),
        ("The talks ended without agreement.", False),
        ("Key areas of cooperation:", False),
        ("Delegates left Geneva on Friday after three days of talks", False),
        ("2025", False),
    ],
)
def test_looks_like_heading(line: str, expected: bool) -> None:
    assert looks_like_heading(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: April 7, 2025", "2025-04-07"),
        ("7 April 2025", "2025-04-07"),
        ("Sept. 30, 2024", "2024-09-30"),
        ("2025-04-07T09:30:00Z", "2025-04-07"),
        ("February 30, 2025", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_crlf_and_cr_newlines_are_normalised_before_offsets(tmp_path: Path) -> None:
    document = read_one(write(tmp_path, "a.txt", b"First paragraph here.\r\n\r\nSecond one.\rThird one.\r\n"))

    assert document.text == "First paragraph here.\n\nSecond one.\nThird one.\n"
    assert [(block.start, block.end) for block in document.blocks] == [(0, 21), (23, 34), (35, 45)]


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    document = read_one(write(tmp_path, "a.txt", b"\xef\xbb\xbfThe talks began."))

    assert shape(document) == [(P, "The talks began.")]
    assert document.blocks[0].start == 0


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    text = "Migrants cross the Darién Gap \u2014 \u201cthe most dangerous route\u201d, said José Raúl Mulino.\n"
    document = read_one(write(tmp_path, "a.txt", text.encode("cp1252")))

    assert document.text == text


def test_id_is_a_hash_of_the_content(tmp_path: Path) -> None:
    first = read_one(write(tmp_path, "a/report.txt", "The talks began."))
    copy = read_one(write(tmp_path, "b/copy.txt", "The talks began."))
    changed = read_one(write(tmp_path, "a/report.txt", "The talks ended."))

    assert first.id == copy.id == hashlib.sha256(b"The talks began.").hexdigest()[:16]
    assert first.path != copy.path
    assert changed.id != first.id


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "sub/c.html", "sub/deeper/d.htm", "e.markdown", "notes.rtf", ".hidden/f.txt"):
        write(tmp_path, name, f"<p>Text of {name}.</p>" if "htm" in name else f"Text of {name}.")
    warnings: list[str] = []

    documents = list(read_documents(tmp_path, on_warning=warnings.append))

    names = ["a.txt", "b.md", "e.markdown", "sub/c.html", "sub/deeper/d.htm"]
    assert [document.path for document in documents] == [str(tmp_path / name) for name in names]
    assert [document.format for document in documents] == ["txt", "md", "md", "html", "html"]
    assert warnings == [f"skipped 1 file in {tmp_path} this version cannot read (.rtf ×1); "
                        "it reads .txt, .md, .markdown, .html, .htm, .pdf, .docx"]


def test_a_named_file_with_an_unsupported_extension_warns(tmp_path: Path) -> None:
    rtf = write(tmp_path, "notes.rtf", "Text.")
    warnings: list[str] = []

    assert list(read_documents(rtf, on_warning=warnings.append)) == []
    assert warnings == [f"skipped {rtf}: unsupported extension '.rtf'; use one of .txt, .md, .markdown, .html, .htm, "
                        ".pdf, .docx"]


def test_binary_file_warns_and_the_rest_is_read(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "The talks began.")
    image = write(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path, "c.txt", "The talks ended.")
    warnings: list[str] = []

    documents = list(read_documents(tmp_path, on_warning=warnings.append))

    assert [document.text for document in documents] == ["The talks began.", "The talks ended."]
    assert warnings == [f"skipped {image}: it looks like a binary file, not text"]


def test_mostly_control_characters_count_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"\x01\x02\x03\x04\x05abc\x06\x07\x08" * 20)
    warnings: list[str] = []

    assert list(read_documents(path, on_warning=warnings.append)) == []
    assert warnings == [f"skipped {path}: it looks like a binary file, not text"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "it is empty"),
        ("blank.md", b"  \r\n\n\t\n", "it is empty"),
        ("blank.html", b"<html><head><title>T</title></head><body><script>x()</script></body></html>",
         "it has no visible text"),
    ],
)
def test_empty_file_warns(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = write(tmp_path, name, content)
    warnings: list[str] = []

    assert list(read_documents(path, on_warning=warnings.append)) == []
    assert warnings == [f"skipped {path}: {reason}"]


def test_unreadable_file_warns_and_the_rest_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path, "a.txt", "Secret.")
    write(tmp_path, "b.txt", "The talks began.")
    read_bytes = Path.read_bytes

    def deny(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", deny)
    warnings: list[str] = []

    documents = list(read_documents(tmp_path, on_warning=warnings.append))

    assert [document.text for document in documents] == ["The talks began."]
    assert warnings == [f"skipped {locked}: cannot read it (Permission denied); check its permissions"]


def test_warnings_are_logged_by_default(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "empty.txt", b"")

    with caplog.at_level(logging.WARNING, logger="graphmodel.documents.read"):
        assert list(read_documents(path)) == []

    assert caplog.messages == [f"skipped {path}: it is empty"]


def test_a_missing_path_raises_at_once(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    with pytest.raises(DocumentError) as raised:
        read_documents(SAMPLES, missing)

    assert str(raised.value) == (f"{missing} does not exist; pass existing files or folders of "
                                 ".txt, .md, .html, .pdf or .docx files")


def test_parse_document_needs_no_file() -> None:
    document = parse_document(b"# Talks\n\n- Geneva\n", "memory.md", "md")

    assert document.blocks == (Block(H, 2, 7, "Talks"), Block(LI, 11, 17, "Geneva"))


def test_too_deeply_nested_html_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "deep.html", "<div>" * 1200 + "text" + "</div>" * 1200)
    warnings: list[str] = []

    assert list(read_documents(path, on_warning=warnings.append)) == []
    assert warnings == [f"skipped {path}: its markup is nested too deeply to read"]


def test_a_folder_names_the_files_it_cannot_read_in_one_warning(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "report.doc", "sub/brief.doc", "sub/notes.rtf", ".hidden.doc", "README"):
        (tmp_path / name).write_text("The talks began.", encoding="utf-8")
    warnings: list[str] = []
    documents = list(read_documents(tmp_path, on_warning=warnings.append))
    assert [Path(d.path).name for d in documents] == ["a.txt"]
    assert warnings == [f"skipped 4 files in {tmp_path} this version cannot read (.doc ×2, (none) ×1, .rtf ×1); "
                        "it reads .txt, .md, .markdown, .html, .htm, .pdf, .docx"]
