"""Why the relation model proposed a relation, in plain words: the features that weighed most for it.

The evidence of a learned relation carries them as its rule (``learned: 'host' links them; a HOSTS
trigger word on the path``), so ``graphmodel why`` and the page show an analyst what decided it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from graphmodel.schema import RELATION_TYPES, RelationType

__all__ = ["describe_feature", "explanation"]

_KINDS = {"list_item": "both are in one list item", "table_row": "both are in one table row",
          "heading": "both are in one heading"}
_PLAIN = {"adjacent": "they stand side by side", "neg": "the sentence has a negation",
          "focal": "the document is about the second, which this sentence does not name",
          "f_anaphor": "the sentence refers back to it ('the exercise')", "f_pronoun": "the sentence says 'it'",
          "f_coordinated": "the first is listed with others", "f_other_event": "the sentence names another event",
          "modal": "the sentence speaks of a plan or possibility", "rule=none": "no rule found it",
          "rule_any": "a rule found a relation between them here"}


_ANAPHOR = {"pronoun": "pronoun ('he', 'she')", "noun": "word such as 'the minister' or 'the alliance'"}


@cache  # the features of the model's vocabulary, described once each
def describe_feature(feature: str) -> str:
    """A feature of :mod:`.features` in plain words.

    >>> describe_feature("path_w=host"), describe_feature("trig_btw=VISITS|Person>Country")
    ("'host' links them", 'a travel word stands between them')
    >>> describe_feature("kind=list_item")
    'both are in one list item'
    """
    name, _, value = feature.partition("=")
    value = value.split("|")[0]
    if (name.startswith("trig_") or name == "f_trig") and value in RELATION_TYPES:
        value = RELATION_TYPES[RelationType(value)].noun
    if feature in _PLAIN or name in _PLAIN:
        return _PLAIN.get(feature) or _PLAIN[name]
    described = {
        "path_w": f"'{value}' links them", "lca_w": f"'{value}' joins them", "btw": f"'{value}' stands between them",
        "trig_path": f"{_article(value)} {value} word on the path between them",
        "trig_btw": f"{_article(value)} {value} word stands between them",
        "trig_seg": f"{_article(value)} {value} word in the sentence", "m1_head": f"the first is governed by '{value}'",
        "m2_head": f"the second is governed by '{value}'", "m1_pre": f"'{value}' comes before the first",
        "m2_pre": f"'{value}' comes before the second", "rule": "a rule found the same here",
        "rule_doc": "a rule found it elsewhere in the document", "lab": _labels(value),
        "dist": f"{value} words apart", "path_deps": "the grammatical link between them",
        "path_lex": "the grammatical link between them", "path_len": f"a path of {value} steps",
        "f_trig": f"{_article(value)} {value} word in the sentence", "f_head": f"the first is governed by '{value}'",
        "f_how": "the document's title names it" if value == "title" else "the document's most named event",
        "f_kind": f"the first is named in a {value.replace('_', ' ')}",
        "f_lab": _labels(value), "f_dep": "the first's role in the sentence",
        "f_actors": f"{value} actors named in the sentence",
        "m1_ana": f"the first is a {_ANAPHOR.get(value, value)} standing for it",
        "m2_ana": f"the second is a {_ANAPHOR.get(value, value)} standing for it",
    }
    if name == "kind":
        return _KINDS.get(value, f"both are in one {value}")
    return described.get(name, feature)


def _labels(value: str) -> str:
    first, _, second = value.partition(">")
    return f"{_article(first)} {first} named before {_article(second)} {second}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def explanation(features: Sequence[str]) -> str:
    """The evidence rule of a learned relation: ``learned: `` and its decisive features, strongest first.

    >>> explanation(["path_w=host", "kind=list_item"])
    "learned: 'host' links them; both are in one list item"
    """
    reasons = list(dict.fromkeys(describe_feature(f) for f in features))
    return "learned: " + "; ".join(reasons) if reasons else "learned"
