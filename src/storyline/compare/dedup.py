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

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ..model import Article

if TYPE_CHECKING:  # datasketch is slow to import (pandas, scipy): imported when first used
    from datasketch import MinHash

_WORD = re.compile(r"\w+")
NUM_PERM = 128


def _shingles(text: str, k: int = 5) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    from datasketch import MinHash  # noqa: PLC0415 - slow to import: when first used

    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(list(_shingles(text)))
    return m


THRESHOLD = 0.7


def copy_order(published: str | None, path: str, article_id: str) -> tuple[str, str, str]:
    """Which of two copies is the original: the earlier published, then the path, then the id."""
    return (published or "9999", path, article_id)


def find_duplicates(
    articles: Sequence[Article], threshold: float = THRESHOLD, sketches: Mapping[str, MinHash] | None = None
) -> dict[str, str]:
    """Map each near-duplicate article id to the id of the copy it duplicates (the earliest one).

    ``sketches``: MinHashes already made (by article id), so they are not made again.
    """
    order = sorted(articles, key=lambda a: copy_order(a.published, a.path, a.id))
    made = {} if sketches is None else sketches
    return duplicates_by_sketch(
        [(a.id, made.get(a.id) or minhash(a.text)) for a in order if a.text.strip()], threshold
    )


def duplicates_by_sketch(ordered: Sequence[tuple[str, MinHash]], threshold: float = THRESHOLD) -> dict[str, str]:
    """:func:`find_duplicates` over ``(article id, MinHash)`` in copy order (originals first)."""
    b, r = _params(threshold)
    from datasketch import MinHashLSH  # noqa: PLC0415 - slow to import: when first used

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=(b, r))
    hashes: dict[str, MinHash] = {}
    out: dict[str, str] = {}
    for aid, mh in ordered:
        hits = [h for h in lsh.query(mh) if mh.jaccard(hashes[h]) >= threshold]
        if hits:
            orig = hits[0]
            out[aid] = out.get(orig, orig)
        else:
            lsh.insert(aid, mh)
        hashes[aid] = mh
    return out


@cache
def _params(threshold: float = THRESHOLD) -> tuple[int, int]:
    """The bands and rows :class:`MinHashLSH` chooses for ``threshold`` (worked out once: it integrates)."""
    from datasketch import MinHashLSH  # noqa: PLC0415 - slow to import: when first used

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def _bands(threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """The LSH bands (start, end of the hash values) at ``threshold``, as :class:`MinHashLSH` cuts them."""
    b, r = _params(threshold)
    return [(i * r, (i + 1) * r) for i in range(b)]


def band_keys(mh: MinHash, threshold: float = THRESHOLD) -> list[str]:
    """The LSH buckets of a sketch, as keys ``'<band>:<hash>'``: two sketches sharing one are candidates."""
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    return [
        f"{i}:{hashlib.sha1(values[s:e].tobytes()).hexdigest()[:16]}" for i, (s, e) in enumerate(_bands(threshold))
    ]


def sketch_text(mh: MinHash) -> str:
    """A sketch as text, to store."""
    return base64.b64encode(np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()).decode("ascii")


def sketch_from_text(value: str) -> MinHash:
    """A stored sketch back as a :class:`MinHash`."""
    from datasketch import MinHash  # noqa: PLC0415 - slow to import: when first used

    values = np.frombuffer(base64.b64decode(value), dtype=np.uint64)
    return MinHash(num_perm=NUM_PERM, hashvalues=values.copy(), scheme=MinHash(num_perm=1).scheme)


_NOT_IN_NAME = re.compile(r"[\W_]+")


def outlet_key(a: Article) -> str:
    """The source an article speaks for: its outlet, or — when none is known — the article itself. Case, spaces and
    punctuation do not make another outlet: a site that names itself "Inexhibitmagazine" on one page and "Inexhibit
    magazine" on the next, or "The Spokesman-Review" and "The Spokesman Review", is one source.

    Example:
        >>> outlet_key(Article(id="a", path="a.html", raw="", source="Inexhibit magazine"))
        'outlet:inexhibitmagazine'
    """
    if not a.source:
        return f"article:{a.id}"
    return f"outlet:{_NOT_IN_NAME.sub('', a.source.casefold()) or a.source.casefold()}"


def independent_count(articles: Sequence[Article]) -> int:
    """Independent sources: distinct outlets among articles that are not copies (unknown outlets count once each)."""
    return len({outlet_key(a) for a in articles if not a.duplicate_of})
