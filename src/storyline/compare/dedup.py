"""Syndicated copies and near-duplicates (datasketch MinHash + LSH over word 5-shingles).

A wire story reprinted by three outlets is one independent report, not three. The earliest copy
(by publication date, then path) is the original; the others get ``duplicate_of``.

Example:
    >>> from storyline.model import Article
    >>> t = "word " * 3 + "The quick brown fox jumps over the lazy dog near the river bank today."
    >>> a, b = Article(id="a", path="a", raw="", text=t), Article(id="b", path="b", raw="", text=t + " Ends.")
    >>> find_duplicates([a, b])
    {'b': 'a'}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from ..model import Article

_WORD = re.compile(r"\w+")
NUM_PERM = 128


def _shingles(text: str, k: int = 5) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(list(_shingles(text)))
    return m


def find_duplicates(articles: Sequence[Article], threshold: float = 0.7) -> dict[str, str]:
    """Map each near-duplicate article id to the id of the copy it duplicates (the earliest one)."""
    order = sorted(articles, key=lambda a: (a.published or "9999", a.path, a.id))
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    out: dict[str, str] = {}
    for a in order:
        if not a.text.strip():
            continue
        mh = minhash(a.text)
        hits = [h for h in lsh.query(mh) if mh.jaccard(hashes[h]) >= threshold]
        if hits:
            orig = hits[0]
            out[a.id] = out.get(orig, orig)
        else:
            lsh.insert(a.id, mh)
        hashes[a.id] = mh
    return out


def outlet_key(a: Article) -> str:
    """The source an article speaks for: its outlet, or — when none is known — the article itself."""
    return f"outlet:{a.source.casefold()}" if a.source else f"article:{a.id}"


def independent_count(articles: Sequence[Article]) -> int:
    """Independent sources: distinct outlets among articles that are not copies (unknown outlets count once each)."""
    return len({outlet_key(a) for a in articles if not a.duplicate_of})
