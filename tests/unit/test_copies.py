"""Syndicated copies: near-duplicate texts form one cluster, named by its first document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphmodel.extract import copies
from graphmodel.extract.copies import copy_clusters, signature
from graphmodel.graph.core import to_networkx
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import EntityLabel, RelationType

SAMPLE = sorted((Path(__file__).resolve().parents[2] / "data" / "docs").iterdir())


def _edited(text: str) -> str:
    """A republished copy: another byline on top, the last paragraph cut."""
    return "By Staff Reporter, Wire Service\n\n" + "\n\n".join(text.split("\n\n")[:-1])


def test_a_republished_copy_joins_its_original_and_other_articles_stay_apart() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE[:3]]
    signatures = [("a", signature(texts[0])), ("b", signature(texts[1])), ("a2", signature(_edited(texts[0]))),
                  ("c", signature(texts[2])), ("a3", signature(texts[0]))]
    assert copy_clusters(signatures) == {"a2": "a", "a3": "a"}


def test_a_cluster_is_named_by_its_first_document_in_corpus_order() -> None:
    text = SAMPLE[0].read_text(encoding="utf-8")
    assert copy_clusters([("z", signature(text)), ("a", signature(text))]) == {"a": "z"}


def test_copies_count_once_toward_confidence_and_mentions() -> None:
    def extraction(doc: str) -> Extraction:
        evidence = Evidence(doc, "Kenya hosted the summit.", 0, 24, "path:host")
        return Extraction(Document(doc, f"{doc}.txt", ""),
                          (Entity("country:kenya", "Kenya", EntityLabel.COUNTRY, (), 2, (doc,)),),
                          (Relation("country:kenya", "event:summit", RelationType.HOSTS, (evidence,), 0.6),))

    alone = to_networkx([extraction("a")])
    copied = to_networkx([extraction("a"), extraction("b")], {"b": "a"})
    independent = to_networkx([extraction("a"), extraction("b")])
    edge = ("country:kenya", "event:summit", "HOSTS")
    assert copied.edges[edge]["confidence"] == alone.edges[edge]["confidence"] == 0.6
    assert independent.edges[edge]["confidence"] == 0.84
    assert len(copied.edges[edge]["evidence"]) == 2  # the copy's evidence is kept, it adds no support
    assert copied.nodes["country:kenya"]["mentions"] == 2
    assert independent.nodes["country:kenya"]["mentions"] == 4
    assert copied.graph["documents"]["b"]["copy_of"] == "a"
    assert copied.graph["documents"]["a"]["copy_of"] is None


def test_signatures_and_bands_are_datasketchs() -> None:
    datasketch = pytest.importorskip("datasketch")  # the reference: graphmodel computes the same without it
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE]
    for text in [*texts, *(_edited(t) for t in texts)]:
        minhash = datasketch.MinHash(num_perm=128, seed=1)
        words = re.findall(r"\w+", text.lower())
        minhash.update_batch([" ".join(words[i:i + 5]).encode("utf-8") for i in range(len(words) - 4)])
        assert signature(text) == tuple(int(v) for v in minhash.hashvalues)
    lsh = datasketch.MinHashLSH(threshold=copies.COPY_SIMILARITY, num_perm=128)
    assert (lsh.b, lsh.r) == (copies._BANDS, copies._ROWS)
