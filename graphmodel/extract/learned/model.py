"""The relation model as plain JSON weights, scored with numpy alone.

The file holds a multinomial logistic model: a feature vocabulary, one weight row and intercept per
class, the decision threshold, and the versions it was trained with; and, optionally, the entity
filter: a binary logistic model over entity features that keeps or drops an extracted entity.
Loading checks every key and shape and refuses unknown keys, another format or features version,
classes or labels that differ from this version's schema: a model file is data, never code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from graphmodel.errors import GraphFileError
from graphmodel.extract.learned import SHIPPED_MODEL
from graphmodel.extract.learned.apply import MODES
from graphmodel.extract.learned.classes import load_schema
from graphmodel.extract.learned.entities import EntityFilter
from graphmodel.extract.learned.features import FEATURES_VERSION
from graphmodel.schema import EntityLabel
from graphmodel.version import __version__

__all__ = ["FORMAT", "SHIPPED_MODEL", "EntityFilter", "ModelFileError", "RelationModel", "from_json", "load_model",
           "save_model", "to_json"]

# The relation model `scripts/make_model.py` trains on every annotated development set.

FORMAT = "graphmodel-relation-model/2"
_KEYS = frozenset({"format", "features_version", "extractor_version", "labels", "classes", "vocabulary",
                   "coef", "intercept", "threshold", "mode", "entity_filter"})
_FILTER_KEYS = frozenset({"vocabulary", "coef", "intercept", "threshold"})


class ModelFileError(GraphFileError):
    """A relation model file is unreadable, from another version, or not in the expected shape."""


@dataclass(frozen=True, eq=False)
class RelationModel:
    """Weights of a multinomial logistic model over direction-aware relation classes."""

    classes: tuple[str, ...]
    vocabulary: tuple[str, ...]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    threshold: float = 0.5
    extractor_version: str = __version__
    mode: str = "union"  # how its relations join the rules' (graphmodel.extract.learned.apply.MODES)
    entity_filter: EntityFilter | None = None

    @cached_property
    def _index(self) -> dict[str, int]:
        """Each feature's column."""
        return {name: i for i, name in enumerate(self.vocabulary)}

    def decisive(self, features: Sequence[str], cls: str, count: int = 3) -> list[str]:
        """The features that weigh most for class ``cls``, strongest first (only those for it)."""
        index = self._index
        row = self.coef[self.classes.index(cls)]
        weighed = sorted(((float(row[index[f]]), f) for f in features if f in index), reverse=True)
        return [feature for weight, feature in weighed[:count] if weight > 0]

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per feature list (features outside the vocabulary count for nothing)."""
        index = self._index
        scores = np.tile(self.intercept, (len(rows), 1))
        for r, features in enumerate(rows):
            columns = [index[f] for f in features if f in index]
            if columns:
                scores[r] += self.coef[:, columns].sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return result


def to_json(model: RelationModel) -> dict[str, Any]:
    """The model as a JSON-ready dict (weights rounded to 4 decimals)."""
    return {
        "format": FORMAT,
        "features_version": FEATURES_VERSION,
        "extractor_version": model.extractor_version,
        "labels": [label.value for label in EntityLabel],
        "classes": list(model.classes),
        "vocabulary": list(model.vocabulary),
        "coef": [[round(float(w), 4) for w in row] for row in model.coef],
        "intercept": [round(float(b), 4) for b in model.intercept],
        "threshold": float(model.threshold),
        "mode": model.mode,
        "entity_filter": None if model.entity_filter is None else {
            "vocabulary": list(model.entity_filter.vocabulary),
            "coef": [round(float(w), 4) for w in model.entity_filter.coef],
            "intercept": round(float(model.entity_filter.intercept), 4),
            "threshold": float(model.entity_filter.threshold)},
    }


def from_json(data: Any) -> RelationModel:
    """Check a decoded model file and build the model.

    Raises:
        ModelFileError: a key is missing or unknown, a version or the schema differs, or a shape is wrong.
    """
    _require(isinstance(data, dict), "it is not a JSON object")
    _require(set(data) == _KEYS, f"keys must be exactly {sorted(_KEYS)}; got {sorted(data)}")
    _require(data["format"] == FORMAT, f"format {data['format']!r} is not {FORMAT!r}")
    _require(data["features_version"] == FEATURES_VERSION,
             f"features version {data['features_version']!r} is not {FEATURES_VERSION}; retrain the model")
    _require(data["labels"] == [label.value for label in EntityLabel], "its entity labels differ from this version's")
    _require(data["classes"] == list(load_schema().classes()), "its classes differ from this version's schema")
    _require(isinstance(data["extractor_version"], str), "`extractor_version` is not a string")
    vocabulary = data["vocabulary"]
    _require(isinstance(vocabulary, list) and all(isinstance(v, str) for v in vocabulary)
             and len(set(vocabulary)) == len(vocabulary), "`vocabulary` is not a list of distinct strings")
    coef, intercept = _matrix(data["coef"], len(data["classes"]), len(vocabulary)), data["intercept"]
    _require(_numbers(intercept) and len(intercept) == len(data["classes"]), "`intercept` needs one number per class")
    threshold = data["threshold"]
    _require(_numbers([threshold]) and 0.0 <= threshold <= 1.0, "`threshold` is not a number in [0, 1]")
    _require(data["mode"] in MODES, f"`mode` is not one of {', '.join(MODES)}")
    return RelationModel(tuple(data["classes"]), tuple(vocabulary), coef, np.asarray(intercept, dtype=float),
                         float(threshold), data["extractor_version"], data["mode"], _filter(data["entity_filter"]))


def _filter(data: Any) -> EntityFilter | None:
    if data is None:
        return None
    _require(isinstance(data, dict) and set(data) == _FILTER_KEYS,
             f"`entity_filter` must be null or an object with keys {sorted(_FILTER_KEYS)}")
    vocabulary, coef = data["vocabulary"], data["coef"]
    _require(isinstance(vocabulary, list) and all(isinstance(v, str) for v in vocabulary)
             and len(set(vocabulary)) == len(vocabulary),
             "`entity_filter.vocabulary` is not a list of distinct strings")
    _require(isinstance(coef, list) and len(coef) == len(vocabulary) and _numbers(coef),
             "`entity_filter.coef` needs one number per feature")
    _require(_numbers([data["intercept"], data["threshold"]]) and 0.0 <= data["threshold"] <= 1.0,
             "`entity_filter` needs a numeric intercept and a threshold in [0, 1]")
    return EntityFilter(tuple(vocabulary), np.asarray(coef, dtype=float), float(data["intercept"]),
                        float(data["threshold"]))


def _matrix(rows: Any, height: int, width: int) -> np.ndarray:
    _require(isinstance(rows, list) and len(rows) == height
             and all(isinstance(r, list) and len(r) == width and _numbers(r) for r in rows),
             f"`coef` must be {height} rows of {width} numbers")
    return np.asarray(rows, dtype=float).reshape(height, width)


def _numbers(values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values)


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise ModelFileError(f"not a usable relation model: {problem}")


def save_model(model: RelationModel, path: Path) -> Path:
    """Write the model as JSON and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(model), separators=(",", ":")) + "\n", encoding="utf-8")
    return path


_LOADED: dict[tuple[Path, int, int], RelationModel] = {}  # the model files read, by path, change time and size


def load_model(path: Path) -> RelationModel:
    """Read a model file written by :func:`save_model` (once per process while the file is unchanged: a
    build checks the model, then its extractor loads it).

    Raises:
        ModelFileError: the file is not JSON or fails the checks of :func:`from_json`.
    """
    try:
        stat = Path(path).stat()
        key = (Path(path).resolve(), stat.st_mtime_ns, stat.st_size)
        if key in _LOADED:
            return _LOADED[key]
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"cannot read relation model {path}: {error}") from error
    model = _LOADED[key] = from_json(data)
    return model
