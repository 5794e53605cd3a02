"""Resolution across documents: which names merge, checked on hand-made extractions (no spaCy)."""

from __future__ import annotations

import random

import pytest

from graphmodel.extract.resolve import resolve_corpus
from graphmodel.extract.rules.lexicon import norm
from graphmodel.models import Entity, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType, entity_key

ORG, PERSON, EVENT = EntityLabel.ORGANIZATION, EntityLabel.PERSON, EntityLabel.EVENT


def _entity(label: EntityLabel, name: str, *aliases: str) -> Entity:
    return Entity(entity_key(label, name), name, label, tuple(aliases), 1)


def _resolved(*documents: list[Entity]) -> dict[str, set[str]]:
    """Canonical key -> every name written in the corpus for it."""
    out: dict[str, set[str]] = {}
    for x in resolve_corpus(Extraction(None, tuple(d)) for d in documents):
        for e in x.entities:
            out.setdefault(e.key, set()).update({e.name, *e.aliases})
    return out


def test_a_short_name_joins_the_one_longer_name_ending_with_it() -> None:
    groups = _resolved([_entity(ORG, "U.S. Southern Command")], [_entity(ORG, "Southern Command")])
    assert groups == {"organization:u-s-southern-command": {"U.S. Southern Command", "Southern Command"}}


def test_a_short_name_two_longer_names_end_with_stays_apart() -> None:
    groups = _resolved([_entity(ORG, "Philippine Navy"), _entity(ORG, "Royal Australian Navy")],
                       [_entity(ORG, "Navy")])
    assert len(groups) == 3


def test_a_short_name_joins_only_names_of_its_label() -> None:
    groups = _resolved([_entity(EVENT, "Central American Security Conference")], [_entity(ORG, "Security Conference")])
    assert len(groups) == 2


def test_a_lone_surname_joins_the_one_full_name() -> None:
    groups = _resolved([_entity(PERSON, "Pete Hegseth")], [_entity(PERSON, "Hegseth")])
    assert groups == {"person:pete-hegseth": {"Pete Hegseth", "Hegseth"}}


def test_a_surname_two_people_share_stays_apart() -> None:
    groups = _resolved([_entity(PERSON, "Laura Richardson"), _entity(PERSON, "Ann Richardson")],
                       [_entity(PERSON, "Richardson")])
    assert set(groups) == {"person:laura-richardson", "person:ann-richardson", "person:richardson"}


def test_an_acronym_defined_in_one_document_merges_and_types_it_in_another() -> None:
    conference = _entity(EVENT, "Central American Security Conference", "CENTSEC")
    groups = _resolved([conference], [_entity(ORG, "CENTSEC")])
    assert groups == {"event:central-american-security-conference": {"Central American Security Conference",
                                                                        "CENTSEC"}}


def test_relations_follow_the_merged_keys() -> None:
    short, long_ = _entity(ORG, "Southern Command"), _entity(ORG, "U.S. Southern Command")
    person = _entity(PERSON, "Alvin Holsey")
    relation = Relation(person.key, short.key, RelationType.AFFILIATED_WITH)
    out = resolve_corpus([Extraction(None, (person, short), (relation,)), Extraction(None, (long_,))])
    assert out[0].relations[0].target == "organization:u-s-southern-command"


# The pairwise rule the index replaces, kept here as the reference its merges must equal.
def _pairwise_short_names(entities: list[Entity]) -> list[tuple[str, str]]:
    parent: dict[str, str] = {e.key: e.key for e in entities}

    def find(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for short in entities:
        if short.label is PERSON:
            continue
        words = norm(short.name).split()
        longer = {find(e.key) for e in entities if e.label is short.label and e.key != short.key
                  and len(norm(e.name).split()) > len(words) and norm(e.name).split()[-len(words):] == words}
        if len(longer) == 1:
            parent[find(short.key)] = find(next(iter(longer)))
    return sorted((e.key, find(e.key)) for e in entities)


@pytest.mark.parametrize("seed", range(20))
def test_short_names_merge_as_the_pairwise_rule_does(seed: int) -> None:
    rng = random.Random(seed)
    words = ["Southern", "Command", "Navy", "Royal", "Joint", "Force"]
    names = {" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(25)}
    entities = [_entity(rng.choice([ORG, EVENT]), name) for name in sorted(names)]
    rng.shuffle(entities)
    expected: dict[str, set[str]] = {}
    for key, root in _pairwise_short_names(entities):
        expected.setdefault(root, set()).add(key)
    got: dict[str, set[str]] = {}
    for before, x in zip(entities, resolve_corpus(Extraction(None, (e,)) for e in entities), strict=True):
        got.setdefault(x.entities[0].key, set()).add(before.key)
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, expected.values()))
    assert len(got) < len(entities)  # the case merges something
