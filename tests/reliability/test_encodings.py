"""UTF-16 without a byte order mark is read as text; binary files with NUL bytes are still refused."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from graphmodel.documents.read import parse_document, read_documents
from graphmodel.extract.rules.extractor import RuleExtractor

pytestmark = pytest.mark.reliability


@pytest.fixture(scope="module")
def rules() -> RuleExtractor:
    return RuleExtractor()

TEXT = ("Title: Talks in Panamá\n\nDefense Secretary Pete Hegseth met President José Raúl Mulino in "
        "Panama City on April 8, 2025.\n\n- Joint exercises\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_like_utf8(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_bytes(TEXT.encode(encoding))
    warnings: list[str] = []

    [document] = read_documents(path, on_warning=warnings.append)

    expected = parse_document(TEXT.encode("utf-8"), str(path))
    assert warnings == []
    assert (document.text, document.blocks, document.title) == (expected.text, expected.blocks, expected.title)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_html_without_a_bom_is_read(encoding: str) -> None:
    markup = "<html><body><h1>Talks</h1><p>Hegseth visited Panamá.</p></body></html>"

    document = parse_document(markup.encode(encoding), "talks.html", "html")

    assert document.text == "Talks\nHegseth visited Panamá."


def test_utf16_without_a_bom_yields_the_same_entities(rules: RuleExtractor) -> None:
    def names(encoding: str) -> list[str]:
        extraction = rules.extract(parse_document(TEXT.encode(encoding), "talks.txt"))
        return sorted(entity.name for entity in extraction.entities)

    assert names("utf-16-le") == names("utf-8")
    assert "Pete Hegseth" in names("utf-8")


@pytest.mark.parametrize("data", [
    bytes(4096),  # NULs everywhere
    struct.pack("<2048H", *range(2048)),  # 16-bit integers: NUL at odd positions, control characters
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
], ids=["zeros", "shorts", "png"])
def test_binary_data_with_nul_bytes_is_still_refused(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    warnings: list[str] = []

    assert list(read_documents(path, on_warning=warnings.append)) == []
    assert warnings == [f"skipped {path}: it looks like a binary file, not text"]
