"""TF-IDF rows of short texts, as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` makes them (counts
``1 + log(tf)``, smoothed idf ``1 + log((1 + n) / (1 + df))``, each row scaled to unit length) to the last bit,
without importing scikit-learn: its import (a second or more of CPU) was paid by the first story every process
built, one new article's ingest included.

The rows are those scikit-learn's matrix holds, in the same layout: columns are the words in sorted order, a
row's entries in the order its words were first met in the corpus (scikit-learn sorts a row's indices before it
renumbers the columns, and not after), so products of rows (cosines) sum in the same order.
tests/compare/test_tfidf.py checks them against scikit-learn's.

Example:
    >>> x = tfidf_rows([["war", "talks"], ["war", "truce"]])
    >>> round(float((x @ x.T).toarray()[0, 1]), 4)
    0.3361
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from .. import lexicon

#: scikit-learn's default ``token_pattern``: runs of two or more word characters.
TOKEN = re.compile(r"(?u)\b\w\w+\b")


@cache
def stop_words() -> frozenset[str]:
    """The words :func:`word_tokens` leaves out (scikit-learn's English list, ``lexicon/tfidf.toml``)."""
    return lexicon.words("tfidf.english_stop_words")


def word_tokens(text: str) -> list[str]:
    """The words of ``text`` as ``TfidfVectorizer(stop_words="english")`` reads them: lower-cased, runs of two
    or more word characters, stop words left out."""
    stop = stop_words()
    return [w for w in TOKEN.findall(text.lower()) if w not in stop]


def tfidf_rows(docs: Sequence[Sequence[str]]) -> Any:
    """The TF-IDF rows of ``docs`` (each a list of tokens) as a SciPy CSR matrix, unit length (l2). Raises
    ValueError when no doc has a token, as scikit-learn does."""
    from scipy import sparse  # noqa: PLC0415 - as compare.align: imported when first used

    vocab: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for doc in docs:
        counter: dict[int, int] = {}
        for tok in doc:
            k = vocab.setdefault(tok, len(vocab))
            counter[k] = counter.get(k, 0) + 1
        for k in sorted(counter):  # a row's entries by the order its words were first met in the corpus
            indices.append(k)
            counts.append(counter[k])
        indptr.append(len(indices))
    if not vocab:
        raise ValueError("empty vocabulary")
    column = np.empty(len(vocab), dtype=np.int32)  # first-met number -> the word's column (sorted words)
    for new, term in enumerate(sorted(vocab)):
        column[vocab[term]] = new
    idx = column.take(np.asarray(indices, dtype=np.int32))
    data = np.asarray(counts, dtype=np.float64)
    df = np.bincount(idx, minlength=len(vocab)).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=len(docs) + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(data, data)
    data += 1.0
    data *= idf[idx]
    squares = (data * data).tolist()
    for i in range(len(docs)):  # each row's length summed in its order, as scikit-learn's loop sums it
        lo, hi = indptr[i], indptr[i + 1]
        total = 0.0
        for v in squares[lo:hi]:
            total += v
        if total != 0.0:
            data[lo:hi] /= math.sqrt(total)
    ptr = np.asarray(indptr, dtype=np.int32)
    return sparse.csr_matrix((data, idx, ptr), shape=(len(docs), len(vocab)))


__all__ = ["TOKEN", "stop_words", "tfidf_rows", "word_tokens"]
