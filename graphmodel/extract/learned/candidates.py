"""Candidate pairs: two extracted entities named in one segment whose labels fit some relationship type.

Mentions are found by the entity's name and aliases, as written, in the segment text (the longest
match wins where two overlap). Each unordered pair of entities gives one candidate per segment, at
its closest pair of mentions, ordered by position in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from graphmodel.extract.learned.classes import Schema
from graphmodel.models import Entity

__all__ = ["Candidate", "Mention", "Surface", "entity_surfaces", "find_mentions", "segment_candidates"]


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


@dataclass(frozen=True, slots=True)
class Surface:
    """A name or alias of an entity."""

    key: str
    label: str
    text: str


def entity_surfaces(entities: Iterable[Entity]) -> list[Surface]:
    """The names and aliases :func:`find_mentions` looks for, once per document: per entity, in sorted order.

    >>> from graphmodel.models import EntityLabel
    >>> [s.text for s in entity_surfaces([Entity("p", "Jane Doe", EntityLabel.PERSON, ("Doe", "J"))])]
    ['Doe', 'Jane Doe']
    """
    return [Surface(entity.key, entity.label.value, surface)
            for entity in entities for surface in sorted({entity.name, *entity.aliases})
            if len(surface.strip()) >= 2]


def _whole_words(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """Where ``surface`` stands in ``text`` as a whole word (no word character on either side), left to
    right without overlap: the matches of ``(?<!\\w)surface(?!\\w)``, found without compiling a pattern.

    >>> list(_whole_words("NATO, NATOs and NATO.", "NATO"))
    [(0, 4), (16, 20)]
    """
    start = text.find(surface)
    while start >= 0:
        end = start + len(surface)
        if (start == 0 or not _is_word(text[start - 1])) and (end == len(text) or not _is_word(text[end])):
            yield start, end
            start = text.find(surface, end)
        else:
            start = text.find(surface, start + 1)


def _is_word(char: str) -> bool:
    """Whether ``char`` is what ``\\w`` matches in a ``str`` pattern."""
    return char.isalnum() or char == "_"


def find_mentions(span: Any, surfaces: Sequence[Surface]) -> list[Mention]:
    """Non-overlapping mentions of the ``surfaces`` in a parsed segment (a ``Span``), longest first, then in
    text order; token offsets count from the segment's first token."""
    found, text = [], span.text_with_ws  # the text of the segment with its last space, joined once
    for surface in surfaces:
        if surface.text not in text:  # most names of a document are not in a given sentence
            continue
        for start, end in _whole_words(text, surface.text):
            tokens = span.char_span(start, end, alignment_mode="expand")
            if tokens is not None:
                found.append(Mention(surface.key, surface.label, tokens.start - span.start, tokens.end - span.start))
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
            if first.key == second.key or not schema.relatable(first.label, second.label):
                continue
            pair = (first.key, second.key) if first.key < second.key else (second.key, first.key)
            candidate = Candidate(index, first, second)
            current = best.get(pair)
            if current is None or _gap(candidate) < _gap(current):
                best[pair] = candidate
    return [best[pair] for pair in sorted(best)]


def _gap(candidate: Candidate) -> int:
    return candidate.second.start - candidate.first.end
