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
from graphmodel.extract.learned.classes import NONE, Schema
from graphmodel.extract.learned.features import RuleVote, few, segment_words, vote_features
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
            if schema.valid_classes(mention.label, entity.label.value) == (NONE,):
                continue
            seen.add(mention.key)
            out.append(Candidate(index, mention, Mention(entity.key, entity.label.value, ABSENT, ABSENT)))
    return out


def focal_rows(index: int, segment: Segment, doc: Any, mentions: Sequence[Mention],
               focal: Sequence[tuple[Entity, str]], votes: Sequence[RuleVote],
               schema: Schema) -> list[tuple[Candidate, tuple[str, ...]]]:
    """The focal candidates of one parsed segment (the ``index``-th), each with its features and what the
    rules said about its pair."""
    how = {entity.key: found for entity, found in focal}
    rows = []
    for candidate in focal_candidates(index, mentions, focal, schema):
        labels = f"{candidate.first.label}>{candidate.second.label}"
        feats = focal_features(candidate, segment, doc, mentions, how[candidate.second.key], schema,
                               segment_words(doc))
        rows.append((candidate, tuple(sorted(set(feats + vote_features(candidate, segment, votes, labels))))))
    return rows


def focal_features(candidate: Candidate, segment: Segment, doc: Any, mentions: Sequence[Mention],
                   how: str, schema: Schema, words: set[str]) -> list[str]:
    """Features of a focal candidate, all prefixed ``f_`` so that they weigh apart from in-segment pairs.

    ``words`` are the segment's feature words; ``how`` says how the focal event was found.
    """
    first, labels = candidate.first, f"{candidate.first.label}>{candidate.second.label}"
    root = doc[first.start:first.end].root
    feats = ["focal", f"f_lab={labels}", f"f_kind={segment.kind.value}", f"f_how={how}",
             f"f_kind={segment.kind.value}|{labels}", f"f_dep={root.dep_}",
             f"f_actors={few(len({m.key for m in mentions if m.label in _ACTOR_LABELS}))}"]
    if root.head.i != root.i and root.head.pos_ != "PROPN":
        feats.append(f"f_head={root.head.lemma_.lower()}")
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        feats.append("f_coordinated")
    if any(m.label in {e.value for e in _FOCAL_LABELS} for m in mentions):
        feats.append("f_other_event")
    feats += _reference(doc, candidate.second.label)
    for rtype, triggers in schema.triggers.items():
        if triggers & words:
            feats += [f"f_trig={rtype.value}", f"f_trig={rtype.value}|{labels}"]
    return feats


def _reference(doc: Any, label: str) -> list[str]:
    """Whether the segment refers to an event of ``label`` without naming it: "the exercise", "it"."""
    anaphora = load_lexicon().anaphora
    feats = []
    for token in doc:
        if token.pos_ == "NOUN" and (refers_to := anaphora.get(token.lemma_.lower())) is not None:
            same = refers_to.value == label
            definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)
            if definite:
                feats.append("f_anaphor" if same else "f_anaphor_other")
        elif token.lower_ in _PRONOUNS and token.pos_ == "PRON":
            feats.append("f_pronoun")
    return sorted(set(feats))

