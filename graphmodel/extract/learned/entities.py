"""The entity filter, and the general features of an extracted entity it reads to keep or drop it.

The rules find names broadly; many that are wrong on unseen text share a look: a title word without a
name, a place the NER model called a person, a fragment of a longer name. An entity's features are its
label, the shape of its name, what the gazetteers know of it, the NER model's type and the grammar of
its mentions, and the relations the rules gave it. Proper nouns never become features: a name's own
words appear only when they are type words of the lexicon ("Ministry", "Summit") or titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from graphmodel.extract.learned.candidates import Mention
from graphmodel.extract.learned.features import few
from graphmodel.extract.learned.segments import Segment, entity_type
from graphmodel.extract.rules.lexicon import load_lexicon
from graphmodel.extract.rules.places import city_population
from graphmodel.models import Entity, Relation

__all__ = ["EntityFilter", "MentionContext", "entity_features", "mention_context"]

MentionContext = dict[str, set[str]]  # entity key -> features of its mentions in the segments


@dataclass(frozen=True, eq=False)
class EntityFilter:
    """A binary logistic model: the probability that an extracted entity is right (name and label)."""

    vocabulary: tuple[str, ...]
    coef: np.ndarray  # (features,)
    intercept: float
    threshold: float = 0.3  # entities below it are dropped unless a relation holds them

    @cached_property
    def _index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.vocabulary)}

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """P(right) per feature list."""
        index = self._index
        scores = np.array([self.intercept + sum(float(self.coef[index[f]]) for f in row if f in index)
                           for row in rows], dtype=float)
        result: np.ndarray = 1.0 / (1.0 + np.exp(-scores))
        return result


def mention_context(context: MentionContext, segment: Segment, span: Any, mentions: Sequence[Mention]) -> None:
    """Add the features of ``mentions`` (of one parsed segment, ``span``) to ``context``, per entity key."""
    for mention in mentions:
        root = span[mention.start:mention.end].root
        feats = context.setdefault(mention.key, set())
        feats |= {f"ner={entity_type(root, span) or 'none'}", f"dep={root.dep_}", f"kind={segment.kind.value}",
                  f"pos={root.pos_}"}
        if root.head.i != root.i and root.head.pos_ != "PROPN":
            feats.add(f"head={root.head.lemma_.lower()}")
        if mention.start > 0 and (before := span[mention.start - 1]).pos_ not in {"PROPN", "NUM"}:
            feats.add(f"pre={before.lower_}")
        if mention.start == 0:
            feats.add("starts_segment")
        if mention.end < len(span) and (after := span[mention.end]).pos_ not in {"PROPN", "NUM"}:
            feats.add(f"post={after.lower_}")


def entity_features(entity: Entity, context: MentionContext, relations: Iterable[Relation]) -> list[str]:
    """The features of one extracted entity (see the module's docstring)."""
    label = entity.label.value
    feats = [f"lab={label}", *_name_features(entity)]
    feats += [f"mentions={few(entity.mentions)}", f"aliases={few(len(entity.aliases))}"]
    seen = context.get(entity.key, set())
    feats += sorted(seen) or ["unseen"]
    feats += [f"{label}|{f}" for f in seen if f.startswith(("ner=", "pre=", "dep=", "head="))]
    roles = sorted({f"rel={r.type.value}>" for r in relations if r.source == entity.key}
                   | {f"rel=<{r.type.value}" for r in relations if r.target == entity.key})
    feats += roles or ["norel"]
    return sorted(set(feats))


def _name_features(entity: Entity) -> list[str]:
    lexicon, label = load_lexicon(), entity.label.value
    words = entity.name.split()
    feats = [f"words={few(len(words))}", f"{label}|words={few(len(words))}"]
    shapes = {"upper": entity.name.isupper(), "digit": any(c.isdigit() for c in entity.name),
              "hyphen": "-" in entity.name, "apostrophe": "'" in entity.name or "’" in entity.name,
              "lower_word": any(w.islower() for w in words), "bracket": any(c in entity.name for c in "()/:"),
              "acronym_alias": any(a.isupper() and len(a) > 1 for a in entity.aliases)}
    feats += [f"shape={name}" for name, on in shapes.items() if on]
    feats += [f"{label}|shape={name}" for name, on in shapes.items() if on]
    head = next((w for w in reversed(words) if w in lexicon.heads), None)
    if head is not None:
        feats += [f"typeword={head.lower()}", f"typeword_label={lexicon.heads[head].value}|{label}"]
    if words and (words[0] in lexicon.titles or lexicon.is_role(words[0])):
        feats.append("starts_with_title")
    if lexicon.lookup(entity.name) is not None:
        feats.append(f"gazetteer|{label}")
    population = city_population(entity.name)
    if population:
        feats.append(f"city|{label}")
    return feats

