"""Fixtures of the reliability tier: the sample as one long line, and one rules extractor per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.extract.rules.extractor import RuleExtractor

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "docs"


@pytest.fixture(scope="session")
def sample_line() -> str:
    """Every sample document's text on one line (about 40 kB of news prose)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE.glob("*.txt"))]
    return " ".join(" ".join(texts).split())


@pytest.fixture(scope="session")
def rules() -> RuleExtractor:
    return RuleExtractor()
