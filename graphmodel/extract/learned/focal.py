"""Candidates with the document's focal event: an actor in a segment that does not name the event.

A communiqué lists its delegations, a fact sheet tabulates the contributing navies, a news story says
"frigates from Greece and Italy are assigned to it": the event or initiative the document is about is
the other end, though the segment does not name it. The focal events of a document are the events and
initiatives named in its title or first heading, else its most mentioned one (named at least twice).
Each actor (a person, country or organization) named in a segment without the focal event becomes a
candidate with it; the model decides from the segment's words whether the actor takes part, hosts, or
neither. The focal event's mention has no tokens in the segment (:data:`ABSENT`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphmodel.extract.learned.candidates import Candidate, Mention
from graphmodel.extract.learned.classes import Schema
from graphmodel.extract.learned.features import RuleVote, SegmentFacts, few, vote_features
from graphmodel.extract.learned.segments import Segment
from graphmodel.extract.rules.lexicon import load_lexicon, norm
from graphmodel.models import BlockKind, Document, Entity
from graphmodel.schema import EntityLabel

__all__ = ["ABSENT", "focal_candidates", "focal_entities", "focal_features", "focal_rows"]

ABSENT = -1  # the token offset of a mention the segment does not contain
_FOCAL_LABELS = (EntityLabel.EVENT, EntityLabel.INITIATIVE)
_ACTOR_LABELS = {EntityLabel.PERSON.value, EntityLabel.COUNTRY.value, EntityLabel.ORGANIZATION.value}
_PRONOUNS = {"it", "its"}


def focal_entities(document: Document, entities: Sequence[Entity]) -> list[tuple[Entity, str]]:
    """The document's focal events and initiatives, each with where it was found (``title`` or ``most``).

    >>> from graphmodel.models import Block
    >>> heading = Block(BlockKind.HEADING, 0, 19, "Exercise Blue Fin")
    >>> doc = Document("d", "d.md", "# Exercise Blue Fin\\nText.", (heading,))
    >>> ents = [Entity("initiative:blue-fin", "Exercise Blue Fin", EntityLabel.INITIATIVE, ("Blue Fin",), 3)]
    >>> [(e.name, how) for e, how in focal_entities(doc, ents)]
    [('Exercise Blue Fin', 'title')]
    """
    events = [e for e in entities if e.label in _FOCAL_LABELS]
    heads = [document.title or ""] + [b.text for b in document.blocks[:3] if b.kind is BlockKind.HEADING][:1]
    folded = " ".join(f" {norm(h)} " for h in heads if h)
    titled = [e for e in events if any(f" {norm(s)} " in folded for s in (e.name, *e.aliases) if norm(s))]
    if titled:
        return [(e, "title") for e in titled]
    named = sorted((e for e in events if e.mentions >= 2), key=lambda e: (-e.mentions, e.key))
    return [(named[0], "most")] if named else []


def focal_candidates(index: int, mentions: Sequence[Mention], focal: Sequence[tuple[Entity, str]],
                     schema: Schema) -> list[Candidate]:
    """An actor of the segment with each focal event the segment does not name, once per actor.

    >>> from graphmodel.extract.learned.classes import load_schema
    >>> ev = Entity("event:x", "X Summit", EntityLabel.EVENT, (), 2)
    >>> ms = [Mention("country:a", "Country", 0, 1), Mention("country:a", "Country", 5, 6)]
    >>> [(c.first.key, c.second.key, c.second.start) for c in focal_candidates(0, ms, [(ev, "most")], load_schema())]
    [('country:a', 'event:x', -1)]
    """
    named = {m.key for m in mentions}
    out = []
    for entity, _ in focal:
        if entity.key in named:
            continue
        seen: set[str] = set()
        for mention in mentions:
            if mention.label not in _ACTOR_LABELS or mention.key in seen:
                continue
            if not schema.relatable(mention.label, entity.label.value):
                continue
            seen.add(mention.key)
            out.append(Candidate(index, mention, Mention(entity.key, entity.label.value, ABSENT, ABSENT)))
    return out


def focal_rows(candidates: Sequence[Candidate], segment: Segment, span: Any, facts: SegmentFacts,
               mentions: Sequence[Mention], focal: Sequence[tuple[Entity, str]],
               votes: Sequence[RuleVote]) -> list[tuple[Candidate, tuple[str, ...]]]:
    """The focal ``candidates`` of one parsed segment (``span``, whose :func:`~.features.segment_facts` are
    ``facts``), each with its features and what the rules said about its pair."""
    if not candidates:
        return []
    how, references = {entity.key: found for entity, found in focal}, _references(span)
    rows = []
    for candidate in candidates:
        labels = f"{candidate.first.label}>{candidate.second.label}"
        feats = focal_features(candidate, segment, span, mentions, how[candidate.second.key], facts, references)
        rows.append((candidate, tuple(sorted(set(feats + vote_features(candidate, segment, votes, labels))))))
    return rows


def focal_features(candidate: Candidate, segment: Segment, span: Any, mentions: Sequence[Mention],
                   how: str, facts: SegmentFacts, references: References) -> list[str]:
    """Features of a focal candidate, all prefixed ``f_`` so that they weigh apart from in-segment pairs.

    ``facts`` and ``references`` are the segment's (see :func:`_references`); ``how`` says how the focal
    event was found.
    """
    first, labels = candidate.first, f"{candidate.first.label}>{candidate.second.label}"
    root = span[first.start:first.end].root
    feats = ["focal", f"f_lab={labels}", f"f_kind={segment.kind.value}", f"f_how={how}",
             f"f_kind={segment.kind.value}|{labels}", f"f_dep={root.dep_}",
             f"f_actors={few(len({m.key for m in mentions if m.label in _ACTOR_LABELS}))}"]
    if root.head.i != root.i and root.head.pos_ != "PROPN":
        feats.append(f"f_head={root.head.lemma_.lower()}")
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        feats.append("f_coordinated")
    if any(m.label in {e.value for e in _FOCAL_LABELS} for m in mentions):
        feats.append("f_other_event")
    feats += _reference(references, candidate.second.label)
    for rtype in facts.triggers:
        feats += [f"f_trig={rtype.value}", f"f_trig={rtype.value}|{labels}"]
    return feats


References = tuple[frozenset[str], bool]  # labels of "the exercise"-like nouns in a segment; whether it says "it"


def _references(span: Any) -> References:
    """The labels a segment refers to without naming (a definite "the exercise"), and whether it says "it"."""
    anaphora = load_lexicon().anaphora
    labels, pronoun = set(), False
    for token in span:
        if token.pos_ == "NOUN" and (refers_to := anaphora.get(token.lemma_.lower())) is not None:
            if any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children):
                labels.add(refers_to.value)
        elif token.lower_ in _PRONOUNS and token.pos_ == "PRON":
            pronoun = True
    return frozenset(labels), pronoun


def _reference(references: References, label: str) -> list[str]:
    """Whether the segment refers to an event of ``label`` without naming it: "the exercise", "it".

    >>> _reference((frozenset({"Event", "Initiative"}), False), "Event")
    ['f_anaphor', 'f_anaphor_other']
    """
    labels, pronoun = references
    feats = ["f_anaphor"] if label in labels else []
    if labels - {label}:
        feats.append("f_anaphor_other")
    return feats + (["f_pronoun"] if pronoun else [])
