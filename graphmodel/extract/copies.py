"""Syndicated copies: documents whose texts are near-duplicates form one cluster of copies.

Wire stories are republished by many outlets with small edits (a headline, a byline, a last
paragraph cut). Counting each copy as an independent source would multiply mentions and push
confidence towards 1, so copies are found here and the graph counts a cluster once
(:func:`graphmodel.graph.core.to_networkx`). Each document's text gets a MinHash signature of its
word 5-shingles (datasketch's MinHash with a fixed seed, in numpy: computed once at extraction and kept
in its record); MinHash LSH proposes candidate pairs and a pair whose estimated Jaccard similarity reaches
:data:`COPY_SIMILARITY` joins one cluster. Clusters are found in corpus order and named by their
first document, so the result does not depend on how documents were extracted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cache

import numpy as np

__all__ = ["COPY_SIMILARITY", "copy_clusters", "signature"]

COPY_SIMILARITY = 0.8  # estimated Jaccard similarity of word 5-shingles that makes two documents copies
_PERMUTATIONS = 128
_SHINGLE = 5
_SEED = 1
_WORD = re.compile(r"\w+")
# datasketch's MinHash (sha1_hash32, its permutations of 32-bit hashes) and MinHashLSH, without importing it
# and the scipy it loads: the signatures and the candidate pairs are the same (tests/unit/test_copies.py).
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_BANDS, _ROWS = 9, 13  # MinHashLSH(threshold=COPY_SIMILARITY, num_perm=_PERMUTATIONS)'s bands and rows


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
    shingles = (" ".join(words[i:i + _SHINGLE]).encode("utf-8") for i in range(len(words) - _SHINGLE + 1))
    hashes = np.array([int.from_bytes(hashlib.sha1(s).digest()[:4], "little") for s in shingles],
                      dtype=np.uint64, ndmin=2).T
    a, b = _permutations()
    permuted = np.bitwise_and((hashes * a + b) % _PRIME, _MAX_HASH)  # uint64 arithmetic wraps, as datasketch's
    values = np.minimum(np.full(_PERMUTATIONS, _MAX_HASH, dtype=np.uint64), permuted.min(axis=0))
    return tuple(int(value) for value in values)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each permutation ``(a·h + b) mod (2^61 - 1)``, drawn as datasketch draws them from ``_SEED``."""
    generator = np.random.RandomState(_SEED)
    pairs = np.array([(generator.randint(1, _PRIME, dtype=np.uint64), generator.randint(0, _PRIME, dtype=np.uint64))
                      for _ in range(_PERMUTATIONS)], dtype=np.uint64).T
    return pairs[0], pairs[1]


def copy_clusters(signatures: Sequence[tuple[str, tuple[int, ...]]]) -> dict[str, str]:
    """For each document id that copies an earlier one, the id of its cluster's first document.

    ``signatures`` are (document id, :func:`signature`) in corpus order; documents that copy no other
    are left out of the result. Two documents are compared when their signatures agree on one of
    ``_BANDS`` bands of ``_ROWS`` values (locality-sensitive hashing).
    """
    bands: dict[tuple[int, tuple[int, ...]], list[str]] = {}
    hashes: dict[str, np.ndarray] = {}
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        while parent.get(doc, doc) != doc:
            doc = parent[doc]
        return doc

    order = {doc: n for n, (doc, _) in enumerate(signatures)}
    for doc, values in signatures:
        if len(values) != _PERMUTATIONS or doc in hashes:
            continue
        keys = [(band, tuple(values[band * _ROWS:(band + 1) * _ROWS])) for band in range(_BANDS)]
        minhash = np.array(values, dtype=np.uint64)
        for other in sorted({other for key in keys for other in bands.get(key, ())}, key=order.__getitem__):
            if float(np.count_nonzero(minhash == hashes[other])) / _PERMUTATIONS >= COPY_SIMILARITY:
                first, second = sorted((root(doc), root(other)), key=order.__getitem__)
                parent[second] = first
        for key in keys:
            bands.setdefault(key, []).append(doc)
        hashes[doc] = minhash
    return {doc: root(doc) for doc in hashes if root(doc) != doc}
