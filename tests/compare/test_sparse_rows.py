"""The pair features' sparse-row helpers give what a sort of every entry by several keys gives, entry for entry."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from storyline.compare.sparse_rows import lexsort_row_order, lexsort_top_columns, row_order, top_columns


def _tied(rng: np.random.Generator, shuffled: bool) -> sparse.csr_matrix:
    """A random CSR matrix whose rows hold many equal values (ties), its indices in order or not."""
    n, w = int(rng.integers(1, 30)), int(rng.integers(1, 50))
    m = sparse.random(n, w, density=float(rng.random()), format="csr", random_state=int(rng.integers(10**9)))
    m.data = np.round(m.data * 4) / 4 + 0.25
    if shuffled:
        for i in range(n):
            lo, hi = m.indptr[i], m.indptr[i + 1]
            p = rng.permutation(hi - lo)
            m.indices[lo:hi], m.data[lo:hi] = m.indices[lo:hi][p], m.data[lo:hi][p]
        m.has_sorted_indices = False
    return m


@pytest.mark.parametrize("seed", range(40))
def test_top_columns_as_lexsort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = _tied(rng, shuffled=seed % 2 == 1)
    for k in (1, 2, 3, 10):
        assert np.array_equal(top_columns(m, k).toarray(), lexsort_top_columns(m, k).toarray())


@pytest.mark.parametrize("seed", range(40))
def test_row_order_as_lexsort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lens = rng.integers(0, 9, size=int(rng.integers(1, 40)))
    width = int(rng.integers(1, 30))
    cols = rng.integers(0, width, size=int(lens.sum()))  # repeats within a row too: their order is kept
    assert np.array_equal(row_order(cols, lens, width), lexsort_row_order(cols, lens))


def test_top_columns_keeps_lower_columns_of_a_tie() -> None:
    m = sparse.csr_matrix(np.array([[0.5, 0.5, 0.5, 0.1], [0.0, 0.2, 0.2, 0.3]]))
    assert top_columns(m, 2).toarray().tolist() == [[1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0]]
