"""PDF and Word documents: text, blocks, pages and metadata from real files written by fpdf2 and python-docx;
damaged, encrypted and scanned PDFs are skipped with one warning each; `why` cites a PDF's page."""

from __future__ import annotations

from pathlib import Path

import pytest
from office_files import write_docx, write_pdf

from graphmodel.documents.read import read_documents
from graphmodel.graph.core import document_row, new_graph
from graphmodel.graph.why import format_links, links_between, page_of
from graphmodel.models import BlockKind, Document


def test_a_pdf_is_read_page_by_page(tmp_path: Path) -> None:
    (document,) = read_documents(write_pdf(tmp_path / "brief.pdf"))

    assert (document.format, document.title, document.author, document.date) == (
        "pdf", "Kestrel Report", "Ann Lee", "2025-04-08")
    assert [(block.kind, block.page, block.text) for block in document.blocks] == [
        (BlockKind.HEADING, 1, "Ransomware Brief"),
        (BlockKind.PARAGRAPH, 1, "Analysts at Northwind Labs said the Kestrel group exploited a security flaw in "
                                 "the Lumen VPN gateway."),
        (BlockKind.PARAGRAPH, 1, "Microsoft patched the flaw in March."),
        (BlockKind.HEADING, 2, "Attribution"),
        (BlockKind.PARAGRAPH, 2, "Investigators linked the Kestrel group to Russia after the attack on a hospital "
                                 "in Berlin."),
        (BlockKind.PARAGRAPH, 2, "Interior Minister Nancy Faeser visited Ukraine on Monday."),
    ]
    assert all(document.text[block.start:block.end] == block.text for block in document.blocks)
    assert document.pages == (0, document.blocks[3].start)
    assert [page_of(document.pages, block.start) for block in document.blocks] == [1, 1, 1, 2, 2, 2]


def test_a_pdf_without_metadata_takes_its_title_from_its_first_heading(tmp_path: Path) -> None:
    (document,) = read_documents(write_pdf(tmp_path / "brief.pdf", title=None, author=None))
    assert (document.title, document.author) == ("Ransomware Brief", None)


def test_a_pdf_takes_its_address_from_its_metadata_and_the_date_from_the_address(tmp_path: Path) -> None:
    url = "https://www.example.org/reports/2025/04/07/kestrel"
    (document,) = read_documents(write_pdf(tmp_path / "brief.pdf", url=url))
    assert (document.url, document.date, document.title) == (url, "2025-04-07", "Kestrel Report")


def test_a_source_line_opening_a_pdf_is_its_address_not_its_text(tmp_path: Path) -> None:
    pages = (("Source: https://www.example.org/kestrel-brief", "Published: 3 June 2025",
              "The Kestrel group attacked banks in Austria."),)
    (document,) = read_documents(write_pdf(tmp_path / "brief.pdf", pages, title=None))
    assert (document.url, document.date) == ("https://www.example.org/kestrel-brief", "2025-06-03")
    assert [block.text for block in document.blocks] == ["The Kestrel group attacked banks in Austria."]
    assert document.title is None


def test_a_docx_takes_its_address_from_its_identifier_or_a_source_line(tmp_path: Path) -> None:
    url = "https://www.example.org/2025/05/01/phishing-wave"
    (document,) = read_documents(write_docx(tmp_path / "wave.docx", url=url))
    assert (document.url, document.date) == (url, "2025-05-01")
    (lined,) = read_documents(write_docx(tmp_path / "lined.docx", first="Source: <https://news.example.org/wave>"))
    assert (lined.url, lined.date) == ("https://news.example.org/wave", "2025-05-02")
    assert lined.blocks[0].text == "Phishing Wave Hits Banks"


@pytest.mark.parametrize(("content", "reason"), [
    (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "it is not a readable PDF"),
    (b"", "it is not a readable PDF"),
])
def test_a_broken_pdf_is_one_warning_and_the_rest_is_read(tmp_path: Path, content: bytes, reason: str) -> None:
    write_pdf(tmp_path / "a_good.pdf")
    (tmp_path / "b_broken.pdf").write_bytes(content)
    (tmp_path / "c_notes.txt").write_text("The talks began.", encoding="utf-8")
    warnings: list[str] = []

    documents = list(read_documents(tmp_path, on_warning=warnings.append))

    assert [Path(document.path).name for document in documents] == ["a_good.pdf", "c_notes.txt"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"skipped {tmp_path / 'b_broken.pdf'}: {reason} (")
    assert "\n" not in warnings[0]


def test_a_scanned_pdf_without_text_is_skipped(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # an image-like page: marks, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    warnings: list[str] = []

    assert list(read_documents(tmp_path / "scan.pdf", on_warning=warnings.append)) == []
    assert warnings == [f"skipped {tmp_path / 'scan.pdf'}: its PDF pages hold no extractable text (scanned images?); "
                        "run OCR on it first"]


def test_an_encrypted_pdf_is_skipped(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret", encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="The Kestrel group attacked banks.")
    pdf.output(str(tmp_path / "locked.pdf"))
    warnings: list[str] = []

    assert list(read_documents(tmp_path / "locked.pdf", on_warning=warnings.append)) == []
    assert warnings == [f"skipped {tmp_path / 'locked.pdf'}: the PDF is encrypted; save a copy without a password"]


def test_a_docx_keeps_headings_lists_and_tables(tmp_path: Path) -> None:
    (document,) = read_documents(write_docx(tmp_path / "wave.docx"))

    assert (document.format, document.title, document.author, document.date, document.pages) == (
        "docx", "Phishing Wave", "Omar Diaz", "2025-05-02", ())
    assert [(block.kind, block.text) for block in document.blocks] == [
        (BlockKind.HEADING, "Phishing Wave Hits Banks"),
        (BlockKind.PARAGRAPH, "The Kestrel group attacked banks in Austria. Microsoft warned customers on Friday."),
        (BlockKind.PARAGRAPH, "Targets included:"),
        (BlockKind.LIST_ITEM, "Erste Group in Vienna"),
        (BlockKind.LIST_ITEM, "Raiffeisen Bank in Graz"),
        (BlockKind.TABLE_HEADER, "Actor | Country"),
        (BlockKind.TABLE_ROW, "Kestrel | Russia"),
        (BlockKind.TABLE_ROW, "Lazarus | North Korea"),
    ]
    assert all(document.text[block.start:block.end] == block.text for block in document.blocks)
    row = document.blocks[-1]
    assert (row.cells, row.header, row.page) == (("Lazarus", "North Korea"), ("Actor", "Country"), None)
    assert [document.text[start:end] for start, end in row.cell_spans] == ["Lazarus", "North Korea"]


def test_a_broken_docx_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    warnings: list[str] = []

    assert list(read_documents(tmp_path / "broken.docx", on_warning=warnings.append)) == []
    assert len(warnings) == 1
    assert warnings[0].startswith(f"skipped {tmp_path / 'broken.docx'}: it is not a readable .docx file (")


def test_why_names_the_page_of_pdf_evidence() -> None:
    graph = new_graph()
    graph.add_nodes_from([("a", {"name": "Kestrel"}), ("b", {"name": "Russia"})])
    pdf = Document("d1", "brief.pdf", "", title="Kestrel Report", date="2025-04-08", format="pdf", pages=(0, 159))
    txt = Document("d2", "notes.txt", "", date="2025-04-09")
    graph.graph["documents"] = {"d1": document_row(pdf), "d2": document_row(txt)}
    evidence = [
        {"doc": "d1", "sentence": "Investigators linked Kestrel to Russia.", "start": 172, "end": 210, "rule": "r"},
        {"doc": "d2", "sentence": "Kestrel works for Russia.", "start": 0, "end": 25, "rule": "r"},
    ]
    graph.add_edge("a", "b", key="AFFILIATED_WITH", type="AFFILIATED_WITH", confidence=0.7, evidence=evidence)

    text = format_links(graph, "a", "b", links_between(graph, "a", "b"))

    assert document_row(pdf)["pages"] == [0, 159]
    assert document_row(txt)["pages"] is None
    assert "  2025-04-08  Kestrel Report (brief.pdf), page 2\n" in text
    assert "  2025-04-09  notes.txt\n" in text


def test_build_from_an_empty_stdin_is_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graphmodel.cli.main import cli

    result = CliRunner().invoke(cli, ["build", "-", "-o", str(tmp_path)], input="\n \n")
    assert result.exit_code == 2
    assert result.output.endswith("Error: stdin is empty: pipe in paths (one a line) or a document's text\n")
