"""What the reliability tests read: the sample documents, and all of them as one long line."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["SAMPLE", "sample_line"]

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "docs"


@cache
def sample_line() -> str:
    """Every sample document's text on one line (about 40 kB of news prose)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE.glob("*.txt"))]
    return " ".join(" ".join(texts).split())
