"""A name that goes on past an "and", as the acronym after it spells out.

"the United Nations Office for West Africa and the Sahel (UNOWAS)": the name is cut at "and" by the
rules that keep "A and B" apart, but the acronym in brackets has a letter for every capitalised word
up to the bracket, so the whole run is one name.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from graphmodel.extract.rules.types import Mention
from graphmodel.schema import EntityLabel

__all__ = ["spelled_out"]

_NAMED = frozenset({EntityLabel.ORGANIZATION, EntityLabel.EVENT, EntityLabel.INITIATIVE})
_INSIDE = frozenset({"and", "&", "of", "for", "the", "on", "in"})  # small words inside a long name


def spelled_out(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each body's name that an acronym spells past an "and" extended to the bracket."""
    out = list(mentions)
    for mention in mentions:
        end = _spelled_end(doc, mention)
        if end is None:
            continue
        longer = replace(mention, end=end, text=doc[mention.start:end].text, canonical=None)
        out = [m for m in out if m is not mention and not (mention.end <= m.start and m.end <= end)] + [longer]
    return sorted(out, key=lambda m: m.start)


def _spelled_end(doc: Doc, mention: Mention) -> int | None:
    """Where the name goes on to, when "NAME and ... (ACRONYM)" has one letter per capitalised word."""
    if mention.label not in _NAMED or mention.end >= len(doc) or doc[mention.end].lower_ not in {"and", "&"}:
        return None
    end = mention.end + 1
    while end < len(doc) and (doc[end].is_title or doc[end].lower_ in _INSIDE) and doc[end].text != "(":
        end += 1
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")" or end == mention.end + 1:
        return None
    acronym = doc[end + 1].text
    initials = "".join(t.text[0] for t in doc[mention.start:end] if t.is_title or (t.is_upper and t.is_alpha))
    return end if len(acronym) > 2 and acronym.isupper() and initials == acronym else None
