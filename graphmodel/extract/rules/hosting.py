"""A host named in a trailing participle the parser hangs on the wrong word.

"The 9th X Meeting was held in Riga, Latvia, on 12 November, hosted by Latvia": the parser attaches
"hosted" to the date or the city, so the dependency-path rules never link Latvia to the meeting. When
"hosted by" (or co-hosted by) hangs from a word that names no event or initiative, the host hosts
the event or initiative the sentence is about: the subject of its main verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphmodel.extract.rules.lexicon import Lexicon
from graphmodel.extract.rules.types import ACTIVITIES, Found, Slot, found_by_rule
from graphmodel.schema import EntityLabel, RelationType

__all__ = ["detached_hosts"]

_HOST_VERBS = frozenset({"host", "cohost"})  # co-hosted too: its "co" is put back without the hyphen
_HOSTS = frozenset({EntityLabel.COUNTRY, EntityLabel.ORGANIZATION, EntityLabel.PERSON})


def detached_hosts(sent: Span, slots: list[Slot], lexicon: Lexicon) -> list[Found]:
    """``HOSTS`` from each host of a "hosted by" participle hung on a word that is no activity."""
    subject = _subject_activity(sent, slots)
    if subject is None:
        return []
    found = []
    for verb in sent:
        if verb.tag_ != "VBN" or verb.dep_ not in {"acl", "advcl"} or _lemma(verb) not in _HOST_VERBS:
            continue
        attached = _slot_of(verb.head, slots)
        if attached is not None and attached.label in ACTIVITIES:
            continue  # "the summit, hosted by X": the path rules read it
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for word in (t for t in agent.subtree if t.dep_ in {"pobj", "conj"}):
                host = _slot_of(word, slots)
                if host is not None and host.label in _HOSTS:
                    found.append(found_by_rule(lexicon, host.entity, RelationType.HOSTS, subject.entity,
                                               "detached-host"))
    return found


def _lemma(verb: Token) -> str:
    """The verb's lemma, with a "co-" the tokenizer split off put back."""
    lemma = verb.lemma_.lower()
    if verb.i >= 2 and verb.doc[verb.i - 1].text == "-" and verb.doc[verb.i - 2].lower_ == "co":
        return "co" + lemma
    return lemma


def _subject_activity(sent: Span, slots: list[Slot]) -> Slot | None:
    """The event or initiative the subject of the sentence's main verb names."""
    subjects = [c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return next((s for c in subjects for s in [_slot_of(c, slots)] if s is not None and s.label in ACTIVITIES), None)


def _slot_of(token: Token, slots: list[Slot]) -> Slot | None:
    return next((s for s in slots if s.start <= token.i < s.end), None)
