"""Syndicated copies: documents whose texts are near-duplicates form one cluster of copies.

Wire stories are republished by many outlets with small edits (a headline, a byline, a last
paragraph cut). Counting each copy as an independent source would multiply mentions and push
confidence towards 1, so copies are found here and the graph counts a cluster once
(:func:`graphmodel.graph.core.to_networkx`). Each document's text gets a MinHash signature of its
word 5-shingles (datasketch, fixed seed, computed once at extraction and kept in its record); MinHash
LSH proposes candidate pairs and a pair whose estimated Jaccard similarity reaches
:data:`COPY_SIMILARITY` joins one cluster. Clusters are found in corpus order and named by their
first document, so the result does not depend on how documents were extracted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

__all__ = ["COPY_SIMILARITY", "copy_clusters", "signature"]

COPY_SIMILARITY = 0.8  # estimated Jaccard similarity of word 5-shingles that makes two documents copies
_PERMUTATIONS = 128
_SHINGLE = 5
_SEED = 1
_WORD = re.compile(r"\w+")


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of ``text``'s word 5-shingles (case and punctuation ignored); () for a text
    shorter than one shingle, which is never anyone's copy.

    >>> a = signature("Kenya hosted the summit of East African leaders in Nairobi on Monday, officials said.")
    >>> b = signature("KENYA hosted the summit of East African leaders in Nairobi on Monday -- officials said")
    >>> a == b, len(a), signature("Too short.")
    (True, 128, ())
    """
    words = _WORD.findall(text.lower())
    if len(words) < _SHINGLE:
        return ()
    from datasketch import MinHash  # imported when first needed: it takes a quarter second (scipy)

    minhash = MinHash(num_perm=_PERMUTATIONS, seed=_SEED, permutations=_permutations())
    minhash.update_batch([" ".join(words[i:i + _SHINGLE]).encode("utf-8") for i in range(len(words) - _SHINGLE + 1)])
    return tuple(int(value) for value in minhash.hashvalues)


@cache
def _permutations() -> Any:
    """The permutations of every MinHash (drawn from ``_SEED``), drawn once instead of once per document."""
    from datasketch import MinHash

    return MinHash(num_perm=_PERMUTATIONS, seed=_SEED).permutations


def copy_clusters(signatures: Sequence[tuple[str, tuple[int, ...]]]) -> dict[str, str]:
    """For each document id that copies an earlier one, the id of its cluster's first document.

    ``signatures`` are (document id, :func:`signature`) in corpus order; documents that copy no other
    are left out of the result.
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=COPY_SIMILARITY, num_perm=_PERMUTATIONS)
    hashes: dict[str, MinHash] = {}
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        while parent.get(doc, doc) != doc:
            doc = parent[doc]
        return doc

    order = {doc: n for n, (doc, _) in enumerate(signatures)}
    for doc, values in signatures:
        if len(values) != _PERMUTATIONS or doc in hashes:
            continue
        minhash = MinHash(num_perm=_PERMUTATIONS, seed=_SEED, hashvalues=np.array(values, dtype=np.uint64),
                          permutations=_permutations())
        for other in sorted(lsh.query(minhash), key=order.__getitem__):
            if minhash.jaccard(hashes[other]) >= COPY_SIMILARITY:
                first, second = sorted((root(doc), root(other)), key=order.__getitem__)
                parent[second] = first
        lsh.insert(doc, minhash)
        hashes[doc] = minhash
    return {doc: root(doc) for doc in hashes if root(doc) != doc}
