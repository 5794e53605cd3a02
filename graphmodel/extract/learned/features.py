"""General features of a candidate pair: labels, distance, words between, dependency path, triggers,
negation and modality, block kind, and what the rules said about the pair.

Proper nouns never become features (they are ``PROPN``), nor do numbers, so no feature names a
particular article's entities. Every feature is a string; presence is its value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graphmodel.extract.learned.candidates import Candidate, Mention
from graphmodel.extract.learned.classes import Schema, class_of
from graphmodel.extract.learned.segments import Segment
from graphmodel.extract.rules.grammar import load_grammar
from graphmodel.models import Relation

__all__ = ["FEATURES_VERSION", "RuleVote", "candidate_features", "few", "rule_votes", "segment_words", "vote_features"]

FEATURES_VERSION = 3  # raise when features change: a model trained on other features must not load


@dataclass(frozen=True, slots=True)
class RuleVote:
    """A rule relation seen as a class of an ordered pair: where (document span) and which rule."""

    first: str
    second: str
    cls: str
    start: int
    end: int
    rule: str


def rule_votes(relations: Iterable[Relation]) -> list[RuleVote]:
    """Every rule relation, as a vote for both orders of its pair (one per piece of evidence)."""
    votes = []
    for relation in relations:
        for evidence in relation.evidence:
            for first, second, forward in ((relation.source, relation.target, True),
                                           (relation.target, relation.source, False)):
                cls = class_of(relation.type, forward)
                votes.append(RuleVote(first, second, cls, evidence.start, evidence.end, evidence.rule))
    return votes


def _bucket(n: int) -> str:
    """A coarse count: 0, 1, 2, 3-5, 6-10, 11+.

    >>> [_bucket(n) for n in (0, 2, 4, 12)]
    ['0', '2', '3-5', '11+']
    """
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def few(n: int) -> str:
    """A count of a few things (words of a name, actors of a sentence): 0, 1, 2, 3-5, 6+.

    >>> [few(n) for n in (0, 2, 4, 12)]
    ['0', '2', '3-5', '6+']
    """
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6+"


def _word(token: Any) -> str | None:
    """A token's feature word: its lower-cased lemma, or nothing for names, numbers and most punctuation."""
    if token.pos_ == "PROPN" or token.like_num or token.is_space:
        return None
    if token.is_punct and token.text not in load_grammar().feature_punctuation:
        return None
    return str(token.lemma_).lower()


def candidate_features(candidate: Candidate, segment: Segment, doc: Any, mentions: Sequence[Mention],
                       votes: Sequence[RuleVote], schema: Schema) -> list[str]:
    """The features of one candidate in its parsed segment; ``mentions`` are all mentions of the segment."""
    first, second = candidate.first, candidate.second
    labels = f"{first.label}>{second.label}"
    feats = [f"lab={labels}", f"kind={segment.kind.value}", f"dist={_bucket(second.start - first.end)}"]
    feats += [f"{name}_ana={m.anaphor}|{m.label}" for name, m in (("m1", first), ("m2", second)) if m.anaphor]
    between = _between_words(doc, first, second, mentions)
    feats += [f"btw={w}" for w in sorted(set(between))] or ["adjacent"]
    feats += [f"btw_lab={m.label}" for m in mentions if first.end <= m.start and m.end <= second.start]
    feats += _context(doc, first, "m1") + _context(doc, second, "m2")
    path_feats, path_words = _path(doc, first, second)
    feats += path_feats
    facts = _segment_facts(doc)
    feats += _triggers(schema, path_words, set(between), facts.words, labels)
    feats += _modality(facts, path_words)
    feats += vote_features(candidate, segment, votes, labels)
    return sorted(set(feats))


def _between_words(doc: Any, first: Mention, second: Mention, mentions: Sequence[Mention]) -> list[str]:
    inside = {i for m in mentions for i in range(m.start, m.end)}
    return [w for t in doc[first.end:second.start] if t.i not in inside and (w := _word(t))]


def _context(doc: Any, mention: Mention, name: str) -> list[str]:
    """The mention's dependency relation to its head, the head's word, and the word before it."""
    root = doc[mention.start:mention.end].root
    feats = [f"{name}_dep={root.dep_}"]
    if (head := _word(root.head)) and root.head.i != root.i:
        feats.append(f"{name}_head={head}")
    if mention.start > 0 and (before := _word(doc[mention.start - 1])):
        feats.append(f"{name}_pre={before}")
    return feats


def _path(doc: Any, first: Mention, second: Mention) -> tuple[list[str], set[str]]:
    """Features of the dependency path between the two mentions' roots, and the words on it."""
    a, b = doc[first.start:first.end].root, doc[second.start:second.end].root
    up_a, up_b = [a, *a.ancestors], [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return ["path=none"], set()
    rise = up_a[:up_a.index(common)]
    fall = up_b[:up_b.index(common)]
    deps = [f"{t.dep_}^" for t in rise] + [f"{t.dep_}v" for t in reversed(fall)]
    inner = [t for t in (*rise[1:], common, *fall[1:]) if t.i not in (a.i, b.i)]
    words = {w for t in inner if (w := _word(t))}
    feats = [f"path_deps={'|'.join(deps)}", f"path_len={_bucket(len(deps))}", f"lca_pos={common.pos_}"]
    feats += [f"path_w={w}" for w in sorted(words)]
    if common.i not in (a.i, b.i) and (w := _word(common)):
        feats.append(f"lca_w={w}")
    if len(deps) <= 4:
        feats.append(f"path_lex={'|'.join(deps)}|{_word(common) or common.pos_}")
    return feats, words


def _triggers(schema: Schema, path: set[str], between: set[str], segment: set[str], labels: str) -> list[str]:
    feats = []
    for rtype, words in schema.triggers.items():
        for where, seen in (("path", path), ("btw", between), ("seg", segment)):
            if words & seen:
                feats += [f"trig_{where}={rtype.value}", f"trig_{where}={rtype.value}|{labels}"]
    return feats


@dataclass(frozen=True, slots=True)
class _SegmentFacts:
    """What every candidate of one segment shares: its words, lemmas and cues of negation and modality."""

    words: set[str]
    lemmas: set[str]
    negated: bool
    modal: bool


_last_segment: list[tuple[Any, _SegmentFacts]] = []  # the segment read last: its candidates come together


def _segment_facts(doc: Any) -> _SegmentFacts:
    if _last_segment and _last_segment[0][0] is doc:
        return _last_segment[0][1]
    facts = _SegmentFacts(words={w for t in doc if (w := _word(t))},
                          lemmas={str(t.lemma_).lower() for t in doc} | {t.lower_ for t in doc},
                          negated=any(t.dep_ == "neg" for t in doc), modal=any(t.tag_ == "MD" for t in doc))
    _last_segment[:] = [(doc, facts)]
    return facts


def segment_words(doc: Any) -> set[str]:
    """The feature words of a parsed segment (see :func:`_word`), computed once per segment."""
    return _segment_facts(doc).words


def _modality(facts: _SegmentFacts, path: set[str]) -> list[str]:
    grammar = load_grammar()  # its feature_negations and feature_modals tables
    feats = []
    if facts.lemmas & grammar.feature_negations or facts.negated:
        feats.append("neg")
    if path & grammar.feature_negations:
        feats.append("neg_path")
    if facts.lemmas & grammar.feature_modals or facts.modal:
        feats.append("modal")
    return feats


def vote_features(candidate: Candidate, segment: Segment, votes: Sequence[RuleVote], labels: str) -> list[str]:
    """What the rules proposed for this pair: here (with the rule family), or elsewhere in the document."""
    first, second = candidate.first.key, candidate.second.key
    feats = []
    for vote in votes:
        if vote.first != first or vote.second != second:
            continue
        here = vote.start < segment.end and segment.start < vote.end
        feats.append(f"rule_doc={vote.cls}")
        if here:
            family = vote.rule.split(":")[0]
            feats += [f"rule={vote.cls}", f"rule={vote.cls}|{family}", f"rule_any|{labels}"]
    return feats or ["rule=none"]
