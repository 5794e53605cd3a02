"""The default extractor: spaCy parsing plus gazetteers, patterns and trigger lexicons from data files."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from graphmodel.extract.rules.activity import without_edition_year
from graphmodel.extract.rules.appositions import post_relations
from graphmodel.extract.rules.coref import group_mentions, relabel
from graphmodel.extract.rules.groups import group_relations
from graphmodel.extract.rules.hosting import detached_hosts
from graphmodel.extract.rules.inference import infer_relations, name_relations
from graphmodel.extract.rules.lexicon import Lexicon, load_lexicon, norm
from graphmodel.extract.rules.lists import list_relations, row_relations
from graphmodel.extract.rules.members import membership_relations
from graphmodel.extract.rules.mentions import find_mentions
from graphmodel.extract.rules.names import drop_common_words, owned_descriptions, with_bare_surnames
from graphmodel.extract.rules.nlp import RECENT_PARSES, dictionary_words, load_pipeline, parse_all
from graphmodel.extract.rules.relations import sentence_relations
from graphmodel.extract.rules.types import ACTIVITIES, Found, LocalEntity, Located, Mention, Slot, found_by_rule
from graphmodel.extract.rules.units import Unit, document_units
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import RELATION_TYPES, EntityLabel, RelationType, entity_key

__all__ = ["RuleExtractor"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sourced:
    """A relation found in a unit, with the character span of its evidence in the document."""

    found: Found
    start: int
    end: int
    sentence: str


class RuleExtractor:
    """Rule-based extraction that runs offline: no service, no model download."""

    def __init__(self, spacy_model: str | None = None) -> None:
        self.nlp = load_pipeline(spacy_model)
        self.lexicon = load_lexicon()
        self.words = dictionary_words(self.nlp)

    def prefetch(self, documents: Sequence[Document], also: Sequence[str] = ()) -> None:
        """Parse the blocks of ``documents`` (and the texts ``also``) together, ahead of their extraction:
        ``nlp.pipe`` runs faster on larger batches, and :meth:`extract` then finds the parses remembered.
        Skipped when the texts would not all stay remembered."""
        texts = [u.text for d in documents for u in document_units(d, self.lexicon) if _parsed(u)]
        texts = list(dict.fromkeys([*texts, *also]))
        if len(texts) <= RECENT_PARSES // 2:
            parse_all(self.nlp, texts)

    def extract(self, document: Document) -> Extraction:
        """Entities and relations of one document, each relation with its evidence."""
        units = document_units(document, self.lexicon)
        parsed = iter(parse_all(self.nlp, [u.text for u in units if _parsed(u)]))  # one nlp.pipe per document
        docs = [next(parsed) if _parsed(u) else self.nlp.make_doc(u.text) for u in units]
        located = [Located(m, i) for i, doc in enumerate(docs) for m in self._mentions(units[i], doc)]
        located = with_bare_surnames(_vote_labels(_heading_names_known(located, units)), docs, units,
                                     self.lexicon)
        located = owned_descriptions(located, docs, self.lexicon)
        entities, assignment = group_mentions(located, docs, self.lexicon)
        drop_common_words(entities, assignment, located, docs, self.words, self.lexicon)
        sourced = self._sentence_relations(units, docs, located, entities, assignment)
        sourced += self._row_relations(units, located, assignment)
        sourced += [_at(item.found, units[item.unit], docs[item.unit])
                    for item in list_relations(units, docs, located, assignment, entities, self.lexicon)]
        sourced += [Sourced(item.found, row.start, row.end, row.text)
                    for item in row_relations(units, located, assignment, entities, self.lexicon)
                    if (row := units[item.unit].row) is not None]
        first_seen = {entity: located[n].block for n, entity in reversed(list(enumerate(assignment)))}
        sourced += [_at(f, units[first_seen[named]], docs[first_seen[named]])
                    for f, named in name_relations(entities, self.lexicon)]
        sourced += [Sourced(f, s.start, s.end, s.sentence) for s, f in infer_relations(sourced, self.lexicon)]
        return _extraction(document, entities, sourced, self.lexicon)

    def _mentions(self, unit: Unit, doc: Doc) -> list[Mention]:
        if unit.role == "cell" and unit.label is EntityLabel.PERSON:  # a bare name in a column of people
            return [Mention(0, len(doc), unit.text, EntityLabel.PERSON, None, "name", "table")]
        if unit.role == "cell":  # a short label ("In Progress") is no evidence of a name: only well-typed ones
            return [relabel(m, doc, self.lexicon) for m in find_mentions(doc, self.lexicon)
                    if _named_in_lead_in(m, doc, self.lexicon) or _full_name(m)]
        if unit.row is None:
            return [relabel(m, doc, self.lexicon) for m in find_mentions(doc, self.lexicon)
                    if doc[m.start].idx >= unit.lead_in or _named_in_lead_in(m, doc, self.lexicon)]
        if unit.role == "name" and unit.label is not None:
            entry = self.lexicon.lookup(unit.text)
            canonical = entry.name if entry else None
            return [Mention(0, len(doc), unit.text, unit.label, canonical, "name", "table")]
        entry = self.lexicon.lookup(unit.text)
        if entry is None or entry.label not in {EntityLabel.COUNTRY, EntityLabel.ORGANIZATION}:
            return []
        return [Mention(0, len(doc), unit.text, entry.label, entry.name, entry.kind, "table")]

    def _sentence_relations(self, units: list[Unit], docs: list[Doc], located: list[Located],
                            entities: list[LocalEntity], assignment: list[int]) -> list[Sourced]:
        by_unit: dict[int, list[tuple[Mention, int]]] = {}
        for item, entity in zip(located, assignment, strict=True):
            by_unit.setdefault(item.block, []).append((item.mention, entity))
        focal = _focal(entities)
        targets: dict[str, list[tuple[int, RelationType]]] = {}
        out = []
        for index, unit in enumerate(units):
            if unit.row is not None and unit.role != "cell":
                continue
            for sent in docs[index].sents:
                slots = _slots(sent, by_unit.get(index, []), focal, self.lexicon, entities)
                try:
                    members = membership_relations(sent, slots, self.lexicon)
                    groups = group_relations(sent, slots, self.lexicon,
                                             focal.get(EntityLabel.EVENT, focal.get(EntityLabel.INITIATIVE)), targets)
                    bodies = {f.target for f in members}  # the body the listed states form is no member of theirs
                    found = (sentence_relations(sent, slots, self.lexicon) + post_relations(sent, slots, self.lexicon)
                             + _participant_list(sent, slots, focal, self.lexicon) + members
                             + detached_hosts(sent, slots, self.lexicon)
                             + [f for f in groups if not (f.rule == "group-member" and f.source in bodies)])
                except (IndexError, KeyError, ValueError) as error:  # noisy text: skip the sentence, go on
                    log.warning("skipped a sentence the rules could not read (%s): %.80s", error, sent.text)
                    continue
                start, end = unit.offset + sent.start_char, unit.offset + sent.end_char
                out += [Sourced(f, start, end, sent.text) for f in found]
        return out

    def _row_relations(self, units: list[Unit], located: list[Located], assignment: list[int]) -> list[Sourced]:
        """A table row's participants take part in the row's initiative or event."""
        rows: dict[int, dict[str, list[int]]] = {}
        for item, entity in zip(located, assignment, strict=True):
            unit = units[item.block]
            if unit.row is not None:
                rows.setdefault(unit.row.start, {}).setdefault(unit.role, []).append(entity)
        out = []
        by_start = {u.row.start: u.row for u in units if u.row is not None}
        for start, roles in rows.items():
            row = by_start[start]
            for name in roles.get("name", []):
                for participant in roles.get("participant", []):
                    found = found_by_rule(self.lexicon, participant, RelationType.PARTICIPATES_IN, name,
                                          "table-participants")
                    out.append(Sourced(found, row.start, row.end, row.text))
        return out


def _parsed(unit: Unit) -> bool:
    """Prose, headings and prose-like cells are parsed; a table's name and participant cells are only tokenised."""
    return unit.row is None or unit.role == "cell"


def _named_in_lead_in(mention: Mention, doc: Doc, lexicon: Lexicon) -> bool:
    """In a "Label: ..." lead-in, only names typed beyond doubt count ("Operation Sentinel: ...").

    Category labels such as "Joint Training Exercises:" or "Technology Transfer Agreements:" end in a
    plural common noun and are not names; "Togolese Armed Forces" ends in a plural proper noun.
    """
    span = doc[mention.start:mention.end]
    if mention.source == "gazetteer" or span[0].text in lexicon.first_words:
        return True
    return (mention.label is not EntityLabel.PERSON and len(span) > 1 and span[-1].tag_ in {"NN", "NNP", "NNPS"}
            and span[-1].text in lexicon.heads and span[0].text not in lexicon.generic_words)


def _full_name(mention: Mention) -> bool:
    return mention.label is EntityLabel.PERSON and mention.end - mention.start > 1


def _heading_names_known(located: list[Located], units: list[Unit]) -> list[Located]:
    """Keep a heading's mentions only for names the body or a gazetteer knows: headings make no entities.

    A heading's edition of a name the body gives ("Talisman Sabre 2025" over "... hosted Talisman Sabre") is
    kept with its own type: the year says what the body's name is.
    """
    body = {norm(m.mention.text): m.mention.label for m in located if units[m.block].role != "heading"}
    kept = []
    for item in located:
        heading = units[item.block].role == "heading"
        edition = without_edition_year(item.mention.text)
        if heading and edition and item.mention.label in ACTIVITIES and norm(edition) in body:
            kept.append(item)
            continue
        if heading and norm(item.mention.text) in body and item.mention.source not in {"gazetteer", "compound"}:
            item = Located(replace(item.mention, label=body[norm(item.mention.text)]), item.block)  # the body's type
        elif heading and item.mention.source not in {"gazetteer", "compound"}:
            continue
        kept.append(item)
    return kept


def _vote_labels(located: list[Located]) -> list[Located]:
    """Give a name the label its best-typed mention has: "the Balikatan military exercise" types every "Balikatan"."""
    strong = {norm(m.mention.text): m.mention.label for m in located
              if m.mention.strong and m.mention.source not in {"gazetteer", "table"}}
    out = []
    for item in located:
        mention = item.mention
        label = strong.get(norm(mention.text))
        if not mention.strong and label is not None and label is not mention.label:
            mention = replace(mention, label=label, strong=True)
        out.append(Located(mention, item.block))
    return out


def _at(found: Found, unit: Unit, doc: Doc) -> Sourced:
    return Sourced(found, unit.offset, unit.offset + len(doc.text), unit.text)


def _focal(entities: list[LocalEntity]) -> dict[EntityLabel, int]:
    """The most mentioned event and initiative of the document, which "the conference" refers to."""
    focal = {}
    for label in (EntityLabel.EVENT, EntityLabel.INITIATIVE):
        counts = Counter({i: e.mentions for i, e in enumerate(entities) if e.label is label and e.mentions})
        if counts:
            focal[label] = counts.most_common(1)[0][0]
    return focal


def _slots(sent: object, mentions: list[tuple[Mention, int]], focal: dict[EntityLabel, int], lexicon: Lexicon,
           entities: list[LocalEntity]) -> list[Slot]:
    start, end = sent.start, sent.end  # type: ignore[attr-defined]
    slots = [Slot(m.start, m.end, e, entities[e].label) for m, e in mentions if start <= m.start and m.end <= end]
    taken = {i for s in slots for i in range(s.start, s.end)}
    for token in sent:  # type: ignore[attr-defined]
        label = lexicon.anaphora.get(token.lemma_.lower())
        if label in focal and token.pos_ == "NOUN" and token.i not in taken and _definite(token, lexicon):
            slots.append(Slot(token.i, token.i + 1, focal[label], label, anaphor=True))
    return sorted(slots, key=lambda s: s.start)


def _definite(token: object, lexicon: Lexicon) -> bool:
    determiners = lexicon.grammar.definite_determiners
    return any(c.lower_ in determiners and c.dep_ == "det" for c in token.children)  # type: ignore[attr-defined]


def _participant_list(sent: object, slots: list[Slot], focal: dict[EntityLabel, int],
                      lexicon: Lexicon) -> list[Found]:
    """"Countries taking part include A, B and C" names participants of the document's focal event."""
    if any(s.label in ACTIVITIES and not s.anaphor for s in slots):
        return []
    countries = [s for s in slots if s.label is EntityLabel.COUNTRY]
    cues = {t.lemma_.lower() for t in sent} & lexicon.participation_words  # type: ignore[attr-defined]
    if cues == {"attend"}:  # one attends a meeting, not a programme
        target = focal.get(EntityLabel.EVENT)
    else:
        target = focal.get(EntityLabel.INITIATIVE, focal.get(EntityLabel.EVENT))
    if target is None or len(countries) < 3 or not cues:
        return []
    return [found_by_rule(lexicon, s.entity, RelationType.PARTICIPATES_IN, target, "participant-list")
            for s in countries]


def _extraction(document: Document, entities: list[LocalEntity], sourced: list[Sourced],
                lexicon: Lexicon) -> Extraction:
    keys = [entity_key(e.label, e.name) for e in entities]
    out: dict[str, Entity] = {}
    for key, e in zip(keys, entities, strict=True):
        if e.mentions:
            out[key] = Entity(key, e.name, e.label, tuple(sorted(e.aliases - {e.name})), e.mentions, (document.id,))
    relations = []
    for item in sourced:
        source, target = keys[item.found.source], keys[item.found.target]
        spec = RELATION_TYPES[item.found.type]  # the schema's signature holds for every rule
        fits = entities[item.found.source].label in spec.sources and entities[item.found.target].label in spec.targets
        if source in out and target in out and source != target and fits:
            evidence = Evidence(document.id, item.sentence.strip(), item.start, item.end, item.found.rule)
            confidence = lexicon.confidence(item.found.type, item.found.rule, item.found.confidence)
            relations.append(Relation(source, target, item.found.type, (evidence,), confidence))
    return Extraction(document, tuple(out.values()), tuple(relations))
