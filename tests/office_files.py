"""Small real PDF (fpdf2) and Word (python-docx) files for the reader and build tests; the text is made up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

__all__ = ["PDF_PAGES", "write_docx", "write_pdf"]

PDF_PAGES = (
    ("Ransomware Brief",
     "Analysts at Northwind Labs said the Kestrel group exploited a secu-\nrity flaw in the "
     "Lumen VPN gateway.",
     "Microsoft patched the flaw in March."),
    ("Attribution",
     "Investigators linked the Kestrel group to Russia after the attack on a hospital in Berlin.",
     "Interior Minister Nancy Faeser visited Ukraine on Monday."),
)


def write_pdf(path: Path, pages: tuple[tuple[str, ...], ...] = PDF_PAGES, *, title: str | None = "Kestrel Report",
              author: str | None = "Ann Lee", url: str | None = None) -> Path:
    """A PDF with one page per item of ``pages``: a heading line, then paragraphs wrapped at the page width
    (a ``\\n`` in a paragraph forces a line break, as a hyphenated word at a line end does); ``url`` goes
    into the document information's ``/URL`` entry."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2025, 4, 8, 10, 30))
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_font("Helvetica", size=12)
    for heading, *paragraphs in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 8, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)
    pdf.output(str(path))
    if url:
        from pypdf import PdfWriter

        writer = PdfWriter(clone_from=str(path))
        writer.add_metadata({"/URL": url})
        writer.write(str(path))
    return path


def write_docx(path: Path, *, url: str | None = None, first: str | None = None) -> Path:
    """A Word file with a title, a heading, paragraphs, a bulleted list and a table; ``url`` is its
    identifier property, ``first`` a paragraph before the heading."""
    import docx

    document = docx.Document()
    if url:
        document.core_properties.identifier = url
    if first:
        document.add_paragraph(first)
    document.core_properties.title = "Phishing Wave"
    document.core_properties.author = "Omar Diaz"
    document.core_properties.created = datetime(2025, 5, 2, 9, 0)
    document.add_heading("Phishing Wave Hits Banks", level=1)
    document.add_paragraph("The Kestrel group attacked banks in Austria. Microsoft warned customers on Friday.")
    document.add_paragraph("Targets included:")
    document.add_paragraph("Erste Group in Vienna", style="List Bullet")
    document.add_paragraph("Raiffeisen Bank in Graz", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Actor", "Country"), ("Kestrel", "Russia"), ("Lazarus", "North Korea")],
                          strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(path))
    return path
