"""The data files the rule extractor reads: gazetteers, word lists and relation triggers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from graphmodel.extract.rules.datafiles import read_data, read_tables
from graphmodel.extract.rules.grammar import Grammar, load_grammar
from graphmodel.schema import RELATION_TYPES, EntityLabel, RelationType

__all__ = ["GazetteerEntry", "Lexicon", "RelationSpec", "load_lexicon", "norm"]


@lru_cache(maxsize=1 << 17)
def norm(text: str) -> str:
    """Fold a surface form for lookups: case, curly quotes, possessive, punctuation, leading "the".

    >>> norm("the U.S.’s")
    'us'
    >>> norm("Darién  Gap")
    'darién gap'
    """
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = _POSSESSIVE.sub("", text.strip())
    text = _PUNCTUATION.sub("", text)
    text = _ARTICLE.sub("", text.strip())
    return _SPACES.sub(" ", text).strip()


_POSSESSIVE = re.compile(r"'s?$")
_PUNCTUATION = re.compile(r"[^\w\s&-]")
_ARTICLE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A well-known entity: its canonical name and label, and how one of its surface forms names it."""

    name: str
    label: EntityLabel
    kind: str  # "name", "alias", "demonym" or "capital"


@dataclass(frozen=True, slots=True)
class RelationSpec:
    """Trigger lemmas and allowed endpoint labels of one relationship type."""

    type: RelationType
    sources: frozenset[EntityLabel]
    targets: frozenset[EntityLabel]
    triggers: frozenset[str]
    confidence: float
    max_path: int = 6  # longest dependency path (in tokens) the rule accepts
    near_triggers: frozenset[str] = frozenset()  # triggers that count only on paths of at most 3 tokens


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the rules look up, loaded once from ``graphmodel/data``."""

    gazetteer: dict[str, list[GazetteerEntry]]
    surfaces: dict[str, set[str]]  # canonical name -> every surface form
    titles: frozenset[str]
    person_suffixes: frozenset[str]
    heads: dict[str, EntityLabel]
    first_words: dict[str, EntityLabel]
    anaphora: dict[str, EntityLabel]
    not_entities: frozenset[str]
    generic_words: frozenset[str]
    relations: dict[RelationType, RelationSpec]
    ambiguous: frozenset[str] = field(default_factory=frozenset)  # country names that are also common words
    bridge_in_heads: frozenset[str] = field(default_factory=frozenset)  # "Embassy in Panama" is one name
    role_words: frozenset[str] = field(default_factory=frozenset)  # lower-cased titles and roles
    office_words: frozenset[str] = field(default_factory=frozenset)  # posts that are no title before a name
    name_particles: frozenset[str] = field(default_factory=frozenset)  # "von der Leyen", "bin Salman"
    # group noun -> "participant" (a delegation), "agent" (troops, officials) or "located" (cartels)
    group_nouns: dict[str, str] = field(default_factory=dict)
    ship_prefixes: frozenset[str] = field(default_factory=frozenset)  # "USS", "HMS": a ship's name follows
    vessel_nouns: frozenset[str] = field(default_factory=frozenset)  # "frigate": a ship's name follows
    rule_precision: dict[str, dict[str, float]] = field(default_factory=dict)  # measured per "TYPE rule"
    confidence_defaults: dict[str, float] = field(default_factory=dict)  # per "TYPE rule", until measured
    confidence_factors: dict[str, float] = field(default_factory=dict)
    government_heads: frozenset[str] = field(default_factory=frozenset)  # lower case; see ``governs``
    surname_suffixes: frozenset[str] = field(default_factory=frozenset)
    participation_words: frozenset[str] = field(default_factory=frozenset)
    list_participation_words: frozenset[str] = field(default_factory=frozenset)
    membership_words: frozenset[str] = field(default_factory=frozenset)
    grouping_words: frozenset[str] = field(default_factory=frozenset)  # "the SCO, which comprises A and B"
    designation_words: frozenset[str] = field(default_factory=frozenset)  # "Designated entities:" lists
    programme_roles: frozenset[str] = field(default_factory=frozenset)  # "Moderator:" in a programme
    joint_action_excluded: frozenset[str] = field(default_factory=frozenset)
    joint_action_words: frozenset[str] = field(default_factory=frozenset)
    state_name_openers: frozenset[str] = field(default_factory=frozenset)  # "Royal Canadian Navy"
    participant_headers: tuple[str, ...] = ()  # stems of table headers of participant columns
    person_headers: tuple[str, ...] = ()  # stems of table headers of columns of people
    name_headers: dict[str, EntityLabel] = field(default_factory=dict)  # first-column header -> label
    activity_verbs: dict[str, EntityLabel] = field(default_factory=dict)  # "took part in X": X's label
    grammar: Grammar = field(default_factory=load_grammar)

    def confidence(self, rtype: RelationType, rule: str, default: float) -> float:
        """The measured precision of a rule for a type (or of its family, \"path\"), else ``default``."""
        for key in (f"{rtype.value} {rule}", f"{rtype.value} {rule.split(':')[0]}"):
            measured = self.rule_precision.get(key)
            if measured and measured["found"] >= 3:
                return measured["precision"]
        return default

    def default_confidence(self, rtype: RelationType, rule: str, case: str = "") -> float:
        """The confidence a rule gives its relations until it is measured (rule_precision.json "defaults").

        >>> load_lexicon().default_confidence(RelationType.AFFILIATED_WITH, "title-prefix")
        0.9
        """
        return self.confidence_defaults[f"{rtype.value} {rule}" + (f" ({case})" if case else "")]

    def factor(self, name: str) -> float:
        """A confidence multiplier (rule_precision.json "factors")."""
        return self.confidence_factors[name]

    def governs(self, head: str) -> bool:
        """Whether a state's body with this head word is PART_OF the state ("Navy", "defence ministry").

        >>> lexicon = load_lexicon()
        >>> lexicon.governs("Ministry"), lexicon.governs("ministry"), lexicon.governs("Institute")
        (True, True, False)
        """
        return head.lower() in self.government_heads

    def is_role(self, word: str) -> bool:
        """A title or role word, in any case: "Defense Minister", "intelligence chief"."""
        return word in self.titles or word.lower() in self.role_words

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The gazetteer entry a surface form names, preferring names over aliases, demonyms, capitals."""
        entries = self.gazetteer.get(norm(surface))
        return entries[0] if entries else None


_KIND_ORDER = {"name": 0, "alias": 1, "demonym": 2, "capital": 3}


def _gazetteer() -> tuple[dict[str, list[GazetteerEntry]], dict[str, set[str]]]:
    """Every surface form of the states and bodies the data files know; a state's ISO code that is also an
    English function word ("AND", "ARE", "CAN") names nothing: headings in capitals are full of them."""
    table: dict[str, list[GazetteerEntry]] = {}
    surfaces: dict[str, set[str]] = {}

    def add(surface: str, entry: GazetteerEntry) -> None:
        table.setdefault(norm(surface), []).append(entry)
        surfaces.setdefault(entry.name, set()).add(surface)

    extra_demonyms = read_data("demonyms.json")["states"]
    for state in read_data("countries.json"):
        demonyms = state["demonyms"] + extra_demonyms.get(state["name"], [])
        aliases = [a for a in state["aliases"] if not (a == state["iso3"] and a.lower() in STOP_WORDS)]
        for kind, forms in (("name", [state["name"]]), ("alias", aliases),
                            ("demonym", demonyms), ("capital", state["capitals"])):
            for form in forms:
                add(form, GazetteerEntry(state["name"], EntityLabel.COUNTRY, kind))
    for org in read_data("organizations.json"):
        label = EntityLabel(org["label"])
        add(org["name"], GazetteerEntry(org["name"], label, "name"))
        for alias in org["aliases"]:
            add(alias, GazetteerEntry(org["name"], label, "alias"))
    for entries in table.values():
        entries.sort(key=lambda e: _KIND_ORDER[e.kind])
    return table, surfaces


def _relations() -> dict[RelationType, RelationSpec]:
    specs = {}
    for name, spec in read_data("relations.json")["types"].items():
        rtype = RelationType(name)
        specs[rtype] = RelationSpec(
            rtype,
            frozenset(RELATION_TYPES[rtype].sources),
            frozenset(RELATION_TYPES[rtype].targets),
            frozenset(spec["triggers"]),
            float(spec["confidence"]),
            int(spec.get("max_path", 6)),
            frozenset(spec.get("near_triggers", [])),
        )
    return specs


@cache
def load_lexicon() -> Lexicon:
    """Load and index the data files (cached: they are read once per process)."""
    words = read_tables("lexicon.json")
    confidences = read_tables("rule_precision.json", "rules")
    gazetteer, surfaces = _gazetteer()
    return Lexicon(
        gazetteer=gazetteer,
        surfaces=surfaces,
        titles=frozenset(words["titles"]),
        person_suffixes=frozenset(words["person_suffixes"]),
        heads=_by_word(words["heads"]),
        first_words=_by_word(words["first_words"]),
        anaphora={word: EntityLabel(label) for word, label in words["anaphora"].items()},
        not_entities=frozenset(norm(w) for w in words["not_entities"]),
        ship_prefixes=frozenset(words["ship_prefixes"]),
        vessel_nouns=frozenset(words["vessel_nouns"]),
        generic_words=frozenset(words["generic_words"]),
        relations=_relations(),
        ambiguous=frozenset(words["ambiguous_lowercase"]),
        bridge_in_heads=frozenset(words["bridge_in_heads"]),
        group_nouns=dict(words["group_nouns"]),
        rule_precision=confidences["measured"],
        confidence_defaults=confidences["defaults"],
        confidence_factors=confidences["factors"],
        name_particles=frozenset(words["name_particles"]),
        role_words=frozenset(words["role_words"]) | {t.lower().rstrip(".") for t in words["titles"]},
        office_words=frozenset(words["office_words"]),
        government_heads=frozenset(w.lower() for w in words["government_heads"]),
        surname_suffixes=frozenset(words["surname_suffixes"]),
        participation_words=frozenset(words["participation_words"]),
        list_participation_words=frozenset(words["list_participation_words"]),
        membership_words=frozenset(words["membership_words"]),
        grouping_words=frozenset(words["grouping_words"]),
        designation_words=frozenset(words["designation_words"]),
        programme_roles=frozenset(words["programme_roles"]),
        joint_action_excluded=frozenset(words["joint_action_excluded"]),
        joint_action_words=frozenset(words["joint_action_words"]),
        state_name_openers=frozenset(words["state_name_openers"]),
        participant_headers=tuple(words["participant_headers"]),
        person_headers=tuple(words["person_headers"]),
        name_headers=_by_word(words["name_headers"]),
        activity_verbs=_by_word(words["activity_verbs"]),
        grammar=load_grammar(),
    )


def _by_word(words_by_label: dict[str, list[str]]) -> dict[str, EntityLabel]:
    """Invert a label -> words table; a word listed under two labels takes the later one."""
    return {word: EntityLabel(label) for label, words in words_by_label.items() for word in words}
