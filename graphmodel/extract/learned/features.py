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
from graphmodel.extract.learned.segments import Segment, local_index
from graphmodel.extract.rules.grammar import load_grammar
from graphmodel.models import Relation
from graphmodel.schema import RelationType

__all__ = ["FEATURES_VERSION", "RuleVote", "SegmentFacts", "candidate_features", "few", "rule_votes", "segment_facts",
           "vote_features"]

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


def _word(token: Any, lemma: str, punctuation: frozenset[str]) -> str | None:
    """A token's feature word: its lower-cased ``lemma``, or nothing for names, numbers and punctuation
    other than ``punctuation``."""
    if token.pos_ == "PROPN" or token.like_num or token.is_space:
        return None
    if token.is_punct and token.text not in punctuation:
        return None
    return lemma


@dataclass(frozen=True, slots=True)
class SegmentFacts:
    """What every candidate of one segment shares, found in one pass over its tokens: each token's feature
    word, head and dependency label (by index in the segment), the tokens and roots of its mentions, its
    feature words, the trigger words of each type among them, and whether it negates or hedges."""

    words: tuple[str | None, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    named: frozenset[int]  # the tokens of the segment's mentions
    roots: dict[tuple[int, int], int]  # per mention's (start, end), its root token
    word_set: frozenset[str]
    triggers: dict[RelationType, frozenset[str]]  # only the types with a trigger word in the segment
    negated: bool
    modal: bool


def segment_facts(span: Any, mentions: Sequence[Mention], schema: Schema) -> SegmentFacts:
    """The :class:`SegmentFacts` of a parsed segment (a ``Span``) and its ``mentions``."""
    grammar = load_grammar()  # its feature_negations, feature_modals and feature_punctuation tables
    words, heads, deps, lemmas, negated, modal = [], [], [], set(), False, False
    for index, token in enumerate(span):
        lemma, dep, head = str(token.lemma_).lower(), token.dep_, token.head.i - span.start
        words.append(_word(token, lemma, grammar.feature_punctuation))
        heads.append(head if 0 <= head < len(span) else index)  # a sentence's tree stays in the sentence
        deps.append(dep)
        lemmas.add(lemma)
        lemmas.add(token.lower_)
        negated = negated or dep == "neg"
        modal = modal or token.tag_ == "MD"
    named = frozenset(i for m in mentions for i in range(m.start, m.end))
    roots = {(m.start, m.end): local_index(span[m.start:m.end].root, span) for m in mentions}
    word_set = frozenset(w for w in words if w)
    triggers = {rtype: found for rtype, triggers in schema.triggers.items() if (found := triggers & word_set)}
    return SegmentFacts(tuple(words), tuple(heads), tuple(deps), named, roots, word_set, triggers,
                        negated or bool(lemmas & grammar.feature_negations),
                        modal or bool(lemmas & grammar.feature_modals))


def candidate_features(candidate: Candidate, segment: Segment, span: Any, facts: SegmentFacts,
                       mentions: Sequence[Mention], votes: Sequence[RuleVote]) -> list[str]:
    """The features of one candidate in its parsed segment ``span`` (whose :func:`segment_facts` are
    ``facts``); ``mentions`` are all mentions of the segment."""
    first, second = candidate.first, candidate.second
    labels = f"{first.label}>{second.label}"
    feats = [f"lab={labels}", f"kind={segment.kind.value}", f"dist={_bucket(second.start - first.end)}"]
    feats += [f"{name}_ana={m.anaphor}|{m.label}" for name, m in (("m1", first), ("m2", second)) if m.anaphor]
    between = [w for i in range(first.end, second.start) if i not in facts.named and (w := facts.words[i])]
    feats += [f"btw={w}" for w in sorted(set(between))] or ["adjacent"]
    feats += [f"btw_lab={m.label}" for m in mentions if first.end <= m.start and m.end <= second.start]
    a, b = facts.roots[first.start, first.end], facts.roots[second.start, second.end]
    feats += _context(facts, first, a, "m1") + _context(facts, second, b, "m2")
    path_feats, path_words = _path(span, facts, a, b)
    feats += path_feats
    feats += _triggers(facts, path_words, set(between), labels)
    feats += _modality(facts, path_words)
    feats += vote_features(candidate, segment, votes, labels)
    return sorted(set(feats))


def _context(facts: SegmentFacts, mention: Mention, root: int, name: str) -> list[str]:
    """The mention's dependency relation to its head, the head's word, and the word before it."""
    feats = [f"{name}_dep={facts.deps[root]}"]
    if (head := facts.words[facts.heads[root]]) and facts.heads[root] != root:
        feats.append(f"{name}_head={head}")
    if mention.start > 0 and (before := facts.words[mention.start - 1]):
        feats.append(f"{name}_pre={before}")
    return feats


def _ancestors(facts: SegmentFacts, token: int) -> list[int]:
    """``token`` and its heads up to the root of its sentence."""
    chain = [token]
    while facts.heads[chain[-1]] != chain[-1] and len(chain) <= len(facts.heads):
        chain.append(facts.heads[chain[-1]])
    return chain


def _path(span: Any, facts: SegmentFacts, a: int, b: int) -> tuple[list[str], set[str]]:
    """Features of the dependency path between the mentions' roots ``a`` and ``b``, and the words on it."""
    up_a, up_b = _ancestors(facts, a), _ancestors(facts, b)
    common = next((i for i in up_a if i in up_b), None)
    if common is None:
        return ["path=none"], set()
    rise, fall = up_a[:up_a.index(common)], up_b[:up_b.index(common)]
    deps = [f"{facts.deps[i]}^" for i in rise] + [f"{facts.deps[i]}v" for i in reversed(fall)]
    inner = [i for i in (*rise[1:], common, *fall[1:]) if i not in (a, b)]
    words = {w for i in inner if (w := facts.words[i])}
    common_word = facts.words[common]
    feats = [f"path_deps={'|'.join(deps)}", f"path_len={_bucket(len(deps))}", f"lca_pos={span[common].pos_}"]
    feats += [f"path_w={w}" for w in sorted(words)]
    if common not in (a, b) and common_word:
        feats.append(f"lca_w={common_word}")
    if len(deps) <= 4:
        feats.append(f"path_lex={'|'.join(deps)}|{common_word or span[common].pos_}")
    return feats, words


def _triggers(facts: SegmentFacts, path: set[str], between: set[str], labels: str) -> list[str]:
    """The trigger types named in the segment, and those also named on the path or between the mentions
    (words of the segment: no other type can be named there)."""
    feats = []
    for rtype, found in facts.triggers.items():
        for where, seen in (("path", path), ("btw", between), ("seg", found)):
            if found & seen:
                feats += [f"trig_{where}={rtype.value}", f"trig_{where}={rtype.value}|{labels}"]
    return feats


def _modality(facts: SegmentFacts, path: set[str]) -> list[str]:
    feats = ["neg"] if facts.negated else []
    if path & load_grammar().feature_negations:
        feats.append("neg_path")
    if facts.modal:
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
