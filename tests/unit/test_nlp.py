"""Parsing blocks together: the same parses as one call per text, shared with later lookups."""

from __future__ import annotations

from graphmodel.extract.rules.nlp import load_pipeline, parse, parse_all

TEXTS = ["Secretary Pete Hegseth met officials in Panama City.", "NATO warned Russia. The drills went on.",
         "Secretary Pete Hegseth met officials in Panama City.", "Japan and Australia signed the pact."]


def _read(doc) -> list[tuple[str, str, str, int, str]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] + [("", "", "", s.start, "sent")
                                                                             for s in doc.sents]


def test_piped_parses_equal_single_ones() -> None:
    nlp = load_pipeline()
    piped = parse_all(nlp, [f"{t} (piped)" for t in TEXTS])
    assert [_read(d) for d in piped] == [_read(nlp(f"{t} (piped)")) for t in TEXTS]


def test_piped_parses_are_remembered() -> None:
    nlp = load_pipeline()
    docs = parse_all(nlp, TEXTS)
    assert docs[0] is docs[2]
    assert parse(nlp, TEXTS[1]) is docs[1]
    assert parse_all(nlp, TEXTS[1:2])[0] is docs[1]
