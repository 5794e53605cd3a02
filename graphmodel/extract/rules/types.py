"""The values the rule modules pass to each other: mentions, local entities, sentence slots, found relations."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["ACTIVITIES", "Found", "LocalEntity", "Located", "Mention", "Slot", "found_by_rule", "past_emphasis"]

# Labels of what actors take part in: the document's main event or initiative, "the exercise".
ACTIVITIES = frozenset({EntityLabel.EVENT, EntityLabel.INITIATIVE})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity: token span in the block's Doc, cleaned text, label, canonical name."""

    start: int  # token index
    end: int
    text: str
    label: EntityLabel
    canonical: str | None = None  # set when a gazetteer names the entity
    kind: str = "name"  # gazetteer kind: name, alias, demonym, capital
    source: str = "ner"
    strong: bool = True  # False when only the NER model's guess gave the label

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Located:
    """A mention with the parsed block it sits in."""

    mention: Mention
    block: int  # index of the parsed block


@dataclass
class LocalEntity:
    """The mentions of one entity within one document."""

    label: EntityLabel
    name: str
    canonical: bool = False  # the name comes from a gazetteer
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Slot:
    """An entity occurrence in a sentence: its tokens, local entity index and label."""

    start: int
    end: int
    entity: int
    label: EntityLabel
    anaphor: bool = False  # "the conference" standing for the document's focal event


@dataclass(frozen=True, slots=True)
class Found:
    """A relation a rule found between two local entities (indexes), before evidence is attached."""

    source: int
    type: RelationType
    target: int
    rule: str
    confidence: float


def found_by_rule(lexicon: Lexicon, source: int, rtype: RelationType, target: int, rule: str,
                  case: str = "") -> Found:
    """A relation found by a rule, with the rule's default confidence (rule_precision.json "defaults")."""
    return Found(source, rtype, target, rule, lexicon.default_confidence(rtype, rule, case))


def past_emphasis(doc: Doc, i: int, end: int) -> int:
    """The first token index from ``i`` (``end`` at most) that is no Markdown emphasis marker: the dash after
    "**Name** —"."""
    while i < end and not doc[i].text.strip("*_"):
        i += 1
    return i
