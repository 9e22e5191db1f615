"""Sparse-row helpers of the pair features (:mod:`storyline.compare.storypairs`), in whole-array steps.

A neighbourhood of a thousand articles holds a quarter of a million (article, word) entries; the features are
built from them once per added article. Each helper here gives, entry for entry and bit for bit, what a sort of
every entry by several keys gives (``np.lexsort``), in a fraction of its time.

Example:
    >>> import numpy as np
    >>> from scipy import sparse
    >>> m = sparse.csr_matrix(np.array([[0.5, 0.2, 0.5], [0.1, 0.0, 0.3]]))
    >>> top_columns(m, 1).toarray().tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

__all__ = ["row_order", "top_columns"]


def row_order(columns: np.ndarray, lens: np.ndarray, width: int) -> np.ndarray:
    """The order that sorts entries by (row, column) — row ``i`` holding the next ``lens[i]`` entries in turn —
    ties kept in place: ``np.lexsort((columns, rows))``, as one stable sort of a single integer key."""
    rows = np.repeat(np.arange(len(lens), dtype=np.int64), lens)
    order: np.ndarray = np.argsort(rows * max(width, 1) + columns, kind="stable")
    return order


def top_columns(m: Any, k: int) -> Any:
    """1s in each row's ``k`` largest entries of ``m`` (CSR), ties to the lower column: the entries that rank
    below ``k`` in ``np.lexsort((indices, -data, rows))``. A row of ``k`` entries or fewer keeps them all; a
    longer one keeps those above its ``k``-th largest value and, of those equal to it, the lowest columns."""
    lens = np.diff(m.indptr)
    keep: list[np.ndarray] = [np.flatnonzero(np.repeat(lens <= k, lens))]  # whole rows
    for i in np.flatnonzero(lens > k).tolist():
        lo, hi = int(m.indptr[i]), int(m.indptr[i + 1])
        data = m.data[lo:hi]
        kth = np.partition(data, len(data) - k)[len(data) - k]  # the k-th largest
        above = np.flatnonzero(data > kth)
        tied = np.flatnonzero(data == kth)
        tied = tied[np.argsort(m.indices[lo:hi][tied], kind="stable")][: k - len(above)]
        keep.append(lo + np.concatenate([above, tied]))
    kept = np.concatenate(keep)
    rows = np.repeat(np.arange(m.shape[0]), lens)[kept]
    return sparse.csr_matrix((np.ones(len(kept)), (rows, m.indices[kept])), shape=m.shape)


def lexsort_top_columns(m: Any, k: int) -> Any:
    """:func:`top_columns` as one sort of every entry (the reference it is checked against)."""
    lens = np.diff(m.indptr)
    rows = np.repeat(np.arange(m.shape[0]), lens)
    order = np.lexsort((m.indices, -m.data, rows))
    rank = np.arange(len(order)) - np.repeat(m.indptr[:-1], lens)
    keep = order[rank < k]
    return sparse.csr_matrix((np.ones(len(keep)), (rows[keep], m.indices[keep])), shape=m.shape)


def lexsort_row_order(columns: Sequence[int] | np.ndarray, lens: np.ndarray) -> np.ndarray:
    """:func:`row_order` as ``np.lexsort`` (the reference it is checked against)."""
    order: np.ndarray = np.lexsort((np.asarray(columns), np.repeat(np.arange(len(lens)), lens)))
    return order
