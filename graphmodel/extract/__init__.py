"""Extractors turn a Document into entities and relations with evidence.

``EXTRACTORS`` maps a backend name to a factory; ``rules`` (spaCy NER, an entity ruler and
dependency and lexicon rules, all offline) is the default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from graphmodel.models import Document, Extraction

__all__ = ["EXTRACTORS", "Extractor", "make_extractor"]


class Extractor(Protocol):
    """Reads one document; never raises on noisy text (it logs and skips what it cannot parse)."""

    def extract(self, document: Document) -> Extraction: ...


def _rules(spacy_model: str | None = None) -> Extractor:
    from graphmodel.extract.rules.extractor import RuleExtractor

    return RuleExtractor(spacy_model=spacy_model)


EXTRACTORS: dict[str, Callable[..., Extractor]] = {"rules": _rules}


def make_extractor(name: str = "rules", spacy_model: str | None = None) -> Extractor:
    """Build the extractor registered under ``name``.

    >>> make_extractor("nope")
    Traceback (most recent call last):
    ...
    KeyError: "unknown extractor 'nope'; choose from: rules"
    """
    try:
        factory = EXTRACTORS[name]
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; choose from: {', '.join(sorted(EXTRACTORS))}") from None
    return factory(spacy_model=spacy_model)
