"""Anaphors as mentions: "he" and "the minister" stand for the person named last, "the alliance" for the
organization named last, "the country" for the state named last.

A candidate needs both ends named in one segment; many relations are stated in the sentence after the
name ("He arrived in Manila on Monday"). Each such word becomes a mention of the entity it stands for,
flagged as an anaphor so that the model weighs it apart from a name, unless that entity is named in
the segment itself. The words are tables of ``graphmodel/data/grammar.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from graphmodel.extract.learned.candidates import Mention
from graphmodel.extract.rules.grammar import load_grammar
from graphmodel.schema import EntityLabel

__all__ = ["Antecedents", "anaphor_mentions"]


Antecedents = dict[str, Mention]  # per label, the entity named last in the segments read so far


@cache
def _nouns() -> dict[str, str]:
    grammar = load_grammar()
    return {**{w: EntityLabel.COUNTRY.value for w in grammar.country_anaphors},
            **{w: EntityLabel.ORGANIZATION.value for w in grammar.organization_anaphors},
            **{w: EntityLabel.PERSON.value for w in grammar.person_anaphors}}


def anaphor_mentions(span: Any, mentions: Sequence[Mention], antecedents: Antecedents) -> list[Mention]:
    """Mentions for the anaphors of a parsed segment (``span``); ``mentions`` are its named mentions.

    An anaphor stands for the entity of its label named last before it, in this segment or an earlier
    one; ``antecedents`` (one per document, empty at its start) then learns the segment's names.
    """
    grammar, nouns = load_grammar(), _nouns()
    named = {m.key for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    ordered = sorted(mentions, key=lambda m: m.start)
    found, seen = [], 0
    last = dict(antecedents)
    for i, token in enumerate(span):
        while seen < len(ordered) and ordered[seen].start < i:
            last[ordered[seen].label] = ordered[seen]
            seen += 1
        if i in taken:
            continue
        word = token.lower_
        if token.pos_ == "PRON" and word in grammar.person_pronouns:
            label, kind = EntityLabel.PERSON.value, "pronoun"
        elif (token.pos_ == "NOUN" and word in nouns and i > 0
              and span[i - 1].lower_ in grammar.definite_determiners):
            label, kind = nouns[word], "noun"
        else:
            continue
        antecedent = last.get(label)
        if antecedent is not None and antecedent.key not in named:
            found.append(Mention(antecedent.key, label, i, i + 1, kind))
    antecedents.update((m.label, m) for m in ordered)
    return found
