"""Candidate pairs: two extracted entities named in one segment whose labels fit some relationship type.

Mentions are found by the entity's name and aliases, as written, in the segment text (the longest
match wins where two overlap). Each unordered pair of entities gives one candidate per segment, at
its closest pair of mentions, ordered by position in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graphmodel.extract.learned.classes import NONE, Schema
from graphmodel.models import Entity

__all__ = ["Candidate", "Mention", "find_mentions", "segment_candidates"]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a segment: token span ``[start, end)`` of the segment's parse."""

    key: str
    label: str
    start: int
    end: int
    anaphor: str = ""  # "pronoun" or "noun" when a word standing for the entity ("he", "the alliance") is the mention


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two mentions in one segment, ``first`` before ``second``, and the segment's index in its document."""

    segment: int
    first: Mention
    second: Mention


def find_mentions(doc: Any, entities: Iterable[Entity]) -> list[Mention]:
    """Non-overlapping mentions of ``entities`` in a parsed segment, longest first, then in text order."""
    found, text = [], doc.text  # Doc.text joins every token: once per segment, not once per name
    for entity in entities:
        for surface in sorted({entity.name, *entity.aliases}):
            if len(surface.strip()) < 2 or surface not in text:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None:
                    found.append(Mention(entity.key, entity.label.value, span.start, span.end))
    found.sort(key=lambda m: (-(m.end - m.start), m.start, m.key))
    taken: set[int] = set()
    kept = []
    for mention in found:
        if not taken & set(range(mention.start, mention.end)):
            kept.append(mention)
            taken |= set(range(mention.start, mention.end))
    return sorted(kept, key=lambda m: (m.start, m.key))


def segment_candidates(index: int, mentions: Sequence[Mention], schema: Schema) -> list[Candidate]:
    """The candidates of one segment: per pair of entities, the closest two mentions, if a type fits.

    >>> from graphmodel.extract.learned.classes import load_schema
    >>> ms = [Mention("p", "Person", 0, 2), Mention("c", "Country", 4, 5), Mention("p", "Person", 6, 7)]
    >>> [(c.first.start, c.second.start) for c in segment_candidates(0, ms, load_schema())]
    [(4, 6)]
    """
    best: dict[tuple[str, str], Candidate] = {}
    for i, first in enumerate(mentions):
        for second in mentions[i + 1:]:
            if first.key == second.key or schema.valid_classes(first.label, second.label) == (NONE,):
                continue
            pair = (first.key, second.key) if first.key < second.key else (second.key, first.key)
            candidate = Candidate(index, first, second)
            current = best.get(pair)
            if current is None or _gap(candidate) < _gap(current):
                best[pair] = candidate
    return [best[pair] for pair in sorted(best)]


def _gap(candidate: Candidate) -> int:
    return candidate.second.start - candidate.first.end
