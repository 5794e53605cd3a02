"""From a document and the rules' extraction to scored candidates, and from scores to relations.

:func:`prepare` finds the candidates of one document and their features; :func:`score_relations`
turns a model's probabilities into the best-scored relation per (source, type, target);
:func:`combine` builds the ``Extraction`` of a configuration:

- ``rules``: the rules' relations;
- ``learned``: the learned relations alone;
- ``union``: both;
- ``hybrid``: the learned relations, plus every rule relation that no candidate covers: one read from
  a name, across segments or through "the conference" standing for the focal event, which the
  candidates cannot see;
- ``rescore``: the rules' relations only, each kept when no candidate covers it or the model scores
  its type at least the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from graphmodel.extract.learned.anaphora import Antecedents, anaphor_mentions
from graphmodel.extract.learned.candidates import Candidate, Surface, entity_surfaces, find_mentions, segment_candidates
from graphmodel.extract.learned.classes import NONE, Schema, class_of, load_schema, split_class
from graphmodel.extract.learned.entities import EntityFilter, MentionContext, entity_features, mention_context
from graphmodel.extract.learned.features import RuleVote, candidate_features, rule_votes, segment_facts
from graphmodel.extract.learned.focal import focal_candidates, focal_entities, focal_rows
from graphmodel.extract.learned.segments import Segment, document_segments
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import SYMMETRIC_TYPES, RelationType

__all__ = ["MODES", "Prepared", "Scored", "combine", "filter_entities", "prepare", "score_relations", "scored_class"]

MODES = ("rules", "learned", "union", "hybrid", "rescore")
RULE_NAME = "learned"


@dataclass(frozen=True, slots=True)
class Prepared:
    """One document's rule extraction, segments, candidates, their features and allowed classes."""

    extraction: Extraction
    segments: tuple[Segment, ...]
    candidates: tuple[Candidate, ...]
    features: tuple[tuple[str, ...], ...]
    allowed: np.ndarray  # (candidates, classes) booleans
    entity_features: tuple[tuple[str, ...], ...] = ()  # one row per entity of ``extraction``

    @property
    def document_id(self) -> str:
        return self.extraction.document.id if self.extraction.document else ""


@dataclass(frozen=True, slots=True)
class Scored:
    """A relation the model proposes: ends, type, probability and the candidate it is best read from."""

    source: str
    target: str
    type: RelationType
    probability: float
    candidate: int


def prepare(document: Document, extraction: Extraction, nlp: Any, schema: Schema | None = None) -> Prepared:
    """Parse ``document`` into segments and collect the candidates among ``extraction``'s entities."""
    schema = schema or load_schema()
    reading = _Reading(schema, entity_surfaces(extraction.entities), rule_votes(extraction.relations),
                       focal_entities(document, extraction.entities))
    segments, rows = [], []
    for index, (segment, span) in enumerate(document_segments(document, nlp)):
        segments.append(segment)
        rows += _segment_rows(reading, index, segment, span)
    candidates = tuple(candidate for candidate, _ in rows)
    allowed = np.array([schema.allowed(x.first.label, x.second.label) for x in candidates],
                       dtype=bool).reshape(len(candidates), len(schema.classes()))
    entities = tuple(tuple(entity_features(e, reading.context, extraction.relations)) for e in extraction.entities)
    return Prepared(extraction, tuple(segments), candidates, tuple(row for _, row in rows), allowed, entities)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What :func:`prepare` reads one document's segments with, and what it learns from them in order."""

    schema: Schema
    surfaces: list[Surface]
    votes: list[RuleVote]
    focal: list[tuple[Entity, str]]
    context: MentionContext = field(default_factory=MentionContext)
    antecedents: Antecedents = field(default_factory=Antecedents)


def _segment_rows(reading: _Reading, index: int, segment: Segment,
                  span: Any) -> list[tuple[Candidate, tuple[str, ...]]]:
    """The candidates of the ``index``-th segment (``span``), each with its features."""
    mentions = find_mentions(span, reading.surfaces)
    mention_context(reading.context, segment, span, mentions)
    everyone = sorted([*mentions, *anaphor_mentions(span, mentions, reading.antecedents)],
                      key=lambda m: (m.start, m.key))
    pairs = segment_candidates(index, everyone, reading.schema)
    focal = focal_candidates(index, mentions, reading.focal, reading.schema)
    if not pairs and not focal:
        return []
    facts = segment_facts(span, everyone, reading.schema)
    rows = [(pair, tuple(candidate_features(pair, segment, span, facts, everyone, reading.votes))) for pair in pairs]
    return rows + focal_rows(focal, segment, span, facts, mentions, reading.focal, reading.votes)


def masked(probabilities: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Probabilities with the classes a candidate's labels forbid set to 0, renormalised per row.

    >>> masked(np.array([[0.2, 0.6, 0.2]]), np.array([[True, False, True]])).tolist()
    [[0.5, 0.0, 0.5]]
    """
    kept = np.where(allowed, probabilities, 0.0)
    total = kept.sum(axis=1, keepdims=True)
    result: np.ndarray = kept / np.where(total > 0, total, 1.0)
    return result


def scored_class(prepared: Prepared, item: Scored) -> str:
    """The class under which ``item``'s candidate was scored (its direction as the text names the pair)."""
    return class_of(item.type, prepared.candidates[item.candidate].first.key == item.source)


def score_relations(prepared: Prepared, probabilities: np.ndarray, classes: Sequence[str]) -> list[Scored]:
    """The best probability of every (source, type, target) over the document's candidates."""
    best: dict[tuple[str, RelationType, str], Scored] = {}
    probs = masked(probabilities, prepared.allowed)
    split = [None if cls == NONE else split_class(cls) for cls in classes]
    for row, column in zip(*np.nonzero(probs > 0.0), strict=True):  # row by row, as the candidates come
        if (rtype_forward := split[column]) is None:
            continue
        rtype, forward = rtype_forward
        candidate, probability = prepared.candidates[row], float(probs[row, column])
        source, target = candidate.first.key, candidate.second.key
        if not forward or (rtype in SYMMETRIC_TYPES and source > target):
            source, target = target, source
        key = (source, rtype, target)
        if key not in best or probability > best[key].probability:
            best[key] = Scored(source, target, rtype, probability, int(row))
    return [best[key] for key in sorted(best)]


def learned_relations(prepared: Prepared, scored: Sequence[Scored], threshold: float,
                      explain: Callable[[Scored], str] | None = None) -> list[Relation]:
    """The relations scored at least ``threshold``, each with its segment as evidence.

    ``explain`` gives the evidence's rule (why the model proposed it); by default ``learned``.
    """
    out = []
    for item in scored:
        if item.probability < threshold:
            continue
        segment = prepared.segments[prepared.candidates[item.candidate].segment]
        rule = explain(item) if explain else RULE_NAME
        evidence = Evidence(prepared.document_id, segment.text.strip(), segment.start, segment.end, rule)
        out.append(Relation(item.source, item.target, item.type, (evidence,), round(item.probability, 3)))
    return out


def combine(prepared: Prepared, learned: Sequence[Relation], mode: str) -> Extraction:
    """The extraction of configuration ``mode`` (one of :data:`MODES`)."""
    rules = prepared.extraction.relations
    if mode == "rules":
        relations = tuple(rules)
    elif mode == "learned":
        relations = tuple(learned)
    elif mode == "union":
        relations = tuple(rules) + tuple(learned)
    elif mode == "hybrid":
        covered = _coverage(prepared)
        relations = tuple(learned) + tuple(r for r in rules if not covered(r))
    elif mode == "rescore":
        accepted, covered = {_key(r) for r in learned}, _coverage(prepared)
        relations = tuple(r for r in rules if _key(r) in accepted or not covered(r))
    else:
        raise ValueError(f"unknown mode {mode!r}; choose from {', '.join(MODES)}")
    return replace(prepared.extraction, relations=relations)


def _coverage(prepared: Prepared) -> Callable[[Relation], bool]:
    """Whether a candidate of a relation's pair lies in a segment the relation's evidence overlaps; the
    candidates are indexed by pair once per document."""
    segments: dict[frozenset[str], list[Segment]] = {}
    for candidate in prepared.candidates:
        pair = frozenset((candidate.first.key, candidate.second.key))
        segments.setdefault(pair, []).append(prepared.segments[candidate.segment])

    def covered(relation: Relation) -> bool:
        return any(e.start < segment.end and segment.start < e.end
                   for segment in segments.get(frozenset((relation.source, relation.target)), ())
                   for e in relation.evidence)

    return covered


def _key(relation: Relation) -> tuple[str, str, str]:
    source, target = relation.source, relation.target
    if relation.type in SYMMETRIC_TYPES and source > target:
        source, target = target, source
    return (source, relation.type.value, target)


def filter_entities(prepared: Prepared, extraction: Extraction, entity_filter: EntityFilter | None) -> Extraction:
    """``extraction`` without the entities of ``prepared`` that ``entity_filter`` scores below its threshold,
    unless a relation of ``extraction`` holds them; no filter keeps all."""
    if entity_filter is None or not prepared.extraction.entities:
        return extraction
    keep, threshold = entity_filter.probabilities(prepared.entity_features), entity_filter.threshold
    related = {key for r in extraction.relations for key in (r.source, r.target)}
    drop = {e.key for e, p in zip(prepared.extraction.entities, keep, strict=True)
            if p < threshold and e.key not in related}
    if not drop:
        return extraction
    return replace(extraction, entities=tuple(e for e in extraction.entities if e.key not in drop))
