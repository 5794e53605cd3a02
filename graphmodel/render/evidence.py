"""How a relation was found, in plain words, for the page's evidence: a table of rule ids and a fallback.

The rule extractor records a short id per evidence sentence (``path:help``, ``title-prefix``); the
learned model records its decisive features already in words (``learned: 'host' links them; ...``,
:mod:`graphmodel.extract.learned.explain`). The page shows an analyst the phrase, never the id.
"""

from __future__ import annotations

import re

__all__ = ["RULE_PHRASES", "describe_rule"]

# One phrase per rule id of graphmodel/extract/rules; "path:WORD" ids are worded by describe_rule.
RULE_PHRASES: dict[str, str] = {
    "title-prefix": "a title names the body the person serves (\"Panama's President ...\")",
    "name-prefix-state": "the body's name starts with a country's name",
    "name-of-state": "the body's name ends with the country it belongs to (\"Ministry of Defence of Moldova\")",
    "name-prefix-body": "the body's name starts with another body's name",
    "unit-of-body": "a unit named with the body it belongs to (\"X Command of the Y Army\")",
    "name-in-state": "the body's name names the place it sits in",
    "name-parties": "the name lists the parties (\"U.S.-Panama talks\")",
    "possessive-place": "a possessive ties the place to its owner (\"Panama's canal\")",
    "possessive-of-place": "an \"of\" phrase ties the place to its owner",
    "possessive-person": "a possessive ties the person to the body (\"Panama's minister\")",
    "possessive-initiative": "a possessive ties the initiative to its party",
    "possessive-org": "a possessive ties the body to its owner",
    "place-apposition": "the place is named next to the place that holds it (\"Colon, Panama\")",
    "person-of": "the person is named as \"of\" the body",
    "person-role-for": "the person's role is \"for\" the event or initiative",
    "joint-actors": "both are named as joint actors (\"Panama and the U.S. agreed ...\")",
    "table-participants": "a table lists them as participants",
    "table-row-participants": "a table row lists them as participants",
    "table-row-affiliation": "a table row pairs the person with the body",
    "list-participants": "a list of participants names them",
    "list-members": "a list of members names them",
    "state-list-members": "states listed with the body they form (\"the Quad (A, B and C)\", \"NATO allies A and B\")",
    "list-designated": "a list of those the actor designated or sanctioned",
    "post-chain": "the person's post is written after the name (\"A, Director, X\")",
    "programme-role": "a conference programme gives them a role (\"Moderator: A\", \"Speakers:\")",
    "detached-host": "\"hosted by\" at the end of the sentence about the meeting",
    "participant-list": "a list of participants names them",
    "group-target": "a group named in the sentence includes them",
    "group-participant": "a group named in the sentence takes part",
    "group-member": "the sentence names them as one of a group",
    "affiliation-via-body": "inferred: the person serves a body that belongs to the country",
    "path:venue-hosts": "the event is held at the place",
    "path:person-event": "the person is named at the event",
}
_FEATURE = re.compile(r"^\w+=\S*$")  # a learned feature no phrase was written for ("m2_dep=pobj")


def describe_rule(rule: str) -> str:
    """The evidence's rule as an analyst reads it; an unknown id is shown as it is.

    >>> describe_rule("path:help")
    "the sentence links them with the word 'help'"
    >>> describe_rule("title-prefix")
    'a title names the body the person serves ("Panama\\'s President ...")'
    >>> describe_rule("learned: 'host' links them; m2_dep=pobj")
    "the learned model: 'host' links them"
    >>> describe_rule("learned"), describe_rule("sample")
    ('the learned model', 'sample')
    """
    if rule in RULE_PHRASES:
        return RULE_PHRASES[rule]
    if rule.startswith("path:"):
        return f"the sentence links them with the word '{rule[5:]}'"
    if rule == "learned" or rule.startswith("learned:"):
        reasons = [part.strip() for part in rule[8:].split(";")]
        worded = [reason for reason in reasons if reason and not _FEATURE.match(reason)]
        return "the learned model: " + "; ".join(worded) if worded else "the learned model"
    return rule
