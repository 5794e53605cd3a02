"""Per-document extraction records kept between builds, so that a grown folder extracts only what changed.

A record is stored as JSON (never pickle) under the build's output folder, one file per document,
named by the document's content hash and path. It is reused only by an extractor with the same
fingerprint: the graphmodel version, a hash of the extraction code and data files, the spaCy
pipeline and the relation model file's content. Anything else is a miss, and a record that cannot
be read is one too (it is extracted again and rewritten).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType
from graphmodel.version import __version__

__all__ = ["CACHE_FOLDER", "ExtractionCache", "fingerprint", "record_from_json", "record_to_json"]

CACHE_FOLDER = ".extractions"  # inside the output folder
_FORMAT = "graphmodel-extraction/1"
_STALE_SECONDS = 3600  # a temporary record file this old was left by a killed build


class ExtractionCache:
    """The records of one extractor (``fingerprint``, see :func:`fingerprint`) in ``folder``."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder, self.fingerprint = Path(folder), fingerprint
        self.used: set[str] = set()

    def get(self, document: Document) -> Extraction | None:
        """The stored record of ``document`` (same content, same path, same extractor), or None."""
        path = self._path(document)
        self.used.add(path.name)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT or data.get("extractor") != self.fingerprint:
                return None
            return record_from_json(data["record"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, document: Document, extraction: Extraction) -> None:
        """Store the record of ``document``, atomically (a concurrent reader sees the old file or the new)."""
        path = self._path(document)
        self.used.add(path.name)
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"format": _FORMAT, "extractor": self.fingerprint, "record": record_to_json(extraction)}
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)

    def prune(self) -> int:
        """Remove the records this build did not ask for (removed or changed documents), and temporary files
        a killed build left over an hour ago; return how many records were removed."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("*.json"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        for path in self.folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if time.time() - path.stat().st_mtime > _STALE_SECONDS:
                    path.unlink()
        return removed

    def _path(self, document: Document) -> Path:
        digest = hashlib.sha256(f"{document.id}\0{document.path}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.json"


def fingerprint(spacy_model: str, spacy_version: str, model_file: Path | None) -> str:
    """What an extraction depends on besides the document: graphmodel's version, its extraction code and
    data files, the spaCy pipeline (name and version) and the relation model file (content)."""
    parts = [__version__, _code_hash(), spacy_model, spacy_version]
    parts.append(hashlib.sha256(model_file.read_bytes()).hexdigest() if model_file is not None else "rules")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


@cache
def _code_hash() -> str:
    """A hash of every file the extractors read: their modules and the data files."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*(root / "extract").rglob("*.py"), *(root / "data").rglob("*.json"), root / "models.py",
                        root / "schema.py", *(root / "documents").rglob("*.py")]):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def record_to_json(extraction: Extraction) -> dict[str, Any]:
    """An extraction record as plain JSON values (the document's metadata, not its text or blocks)."""
    document = extraction.document
    return {
        "document": None if document is None else {
            f.name: getattr(document, f.name) for f in fields(Document) if f.name not in {"text", "blocks"}},
        "entities": [{f.name: _plain(getattr(e, f.name)) for f in fields(Entity)} for e in extraction.entities],
        "relations": [{f.name: _plain(getattr(r, f.name)) for f in fields(Relation)} for r in extraction.relations],
        "signature": [str(value) for value in extraction.signature],  # 64-bit values: kept exact as strings
    }


def record_from_json(data: dict[str, Any]) -> Extraction:
    """The inverse of :func:`record_to_json`.

    >>> e = Extraction(Document("d1", "a.txt", "", title="T"),
    ...                (Entity("country:kenya", "Kenya", EntityLabel.COUNTRY, ("Kenyan",), 2, ("d1",)),),
    ...                (Relation("a", "b", RelationType.HOSTS, (Evidence("d1", "A hosted B.", 0, 11, "r"),), 0.7),),
    ...                (2**64 - 1, 7))
    >>> record_from_json(json.loads(json.dumps(record_to_json(e)))) == e
    True
    """
    document = None if data["document"] is None else Document(
        **{**data["document"], "pages": tuple(data["document"].get("pages", ()))}, text="", blocks=())
    entities = tuple(Entity(**{**e, "label": EntityLabel(e["label"]), "aliases": tuple(e["aliases"]),
                               "documents": tuple(e["documents"])}) for e in data["entities"])
    relations = tuple(Relation(**{**r, "type": RelationType(r["type"]),
                                  "evidence": tuple(Evidence(**v) for v in r["evidence"])})
                      for r in data["relations"])
    return Extraction(document, entities, relations, tuple(int(value) for value in data.get("signature", ())))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Evidence):
        return {f.name: getattr(value, f.name) for f in fields(Evidence)}
    return value
