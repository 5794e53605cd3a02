"""The function words and punctuation the rules' patterns match, from ``graphmodel/data/grammar.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graphmodel.extract.rules.datafiles import read_tables

__all__ = ["Grammar", "load_grammar"]


@dataclass(frozen=True, slots=True)
class Grammar:
    """One field per table of grammar.json (its "about" says what the words are for)."""

    leading_words: frozenset[str]
    trailing_words: frozenset[str]
    possessives: frozenset[str]
    possessive_s: frozenset[str]
    title_connectors: frozenset[str]
    title_splitters: frozenset[str]
    name_punctuation: frozenset[str]
    locatives: frozenset[str]
    capital_actor_prepositions: frozenset[str]
    head_connectors: frozenset[str]
    example_prepositions: frozenset[str]
    naming_verbs: frozenset[str]
    name_connectors: frozenset[str]
    hyphens: frozenset[str]
    list_separators: frozenset[str]
    chunk_breaks: frozenset[str]
    negations: frozenset[str]
    affiliation_tail_ends: frozenset[str]
    affiliation_tail_fillers: frozenset[str]
    place_apposition: frozenset[str]
    topic_prepositions: frozenset[str]
    definite_determiners: frozenset[str]
    partial_name_connectors: frozenset[str]
    alternative_name_openers: frozenset[tuple[str, ...]]
    acronym_definers: tuple[str, ...]  # in the order they are tried
    feature_modals: frozenset[str]
    feature_negations: frozenset[str]
    feature_punctuation: frozenset[str]
    session_heads: frozenset[str]
    person_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    person_anaphors: frozenset[str]
    organization_anaphors: frozenset[str]
    country_anaphors: frozenset[str]
    credit_cues: frozenset[str]
    credit_openers: frozenset[str]
    byline_openers: frozenset[str]


@cache
def load_grammar() -> Grammar:
    """Load grammar.json (cached: it is read once per process).

    >>> "n't" in load_grammar().negations
    True
    """
    tables = read_tables("grammar.json")
    sequences = {"alternative_name_openers", "acronym_definers"}
    words = {key: frozenset(value) for key, value in tables.items() if key not in sequences}
    return Grammar(
        **words,
        alternative_name_openers=frozenset(tuple(s) for s in tables["alternative_name_openers"]),
        acronym_definers=tuple(tables["acronym_definers"]),
    )
