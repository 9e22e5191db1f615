"""compare.tfidf: the rows scikit-learn's TfidfVectorizer makes, to the last bit, without importing it."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from storyline.compare.tfidf import stop_words, tfidf_rows, word_tokens

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def _theirs(docs: list[list[str]]) -> object:
    return sklearn_text.TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True).fit_transform(docs)


def _same(ours: object, theirs: object) -> None:
    a, b = ours.tocsr(), theirs.tocsr()  # type: ignore[attr-defined]
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)  # a row's entries in the same order: products sum alike
    assert np.array_equal(a.data, b.data)
    assert np.array_equal((a @ a.T).toarray(), (b @ b.T).toarray())
    assert np.array_equal((a[1:3] @ a.T).toarray(), (b[1:3] @ b.T).toarray())


def test_stop_words_are_scikit_learns() -> None:
    assert stop_words() == sklearn_text.ENGLISH_STOP_WORDS


def test_token_lists_as_scikit_learn_weighs_them() -> None:
    rng = random.Random(3)
    words = [f"w{k}" for k in range(60)] + ["@e1", "@e2", "zz", "aa"]
    for n in (1, 2, 5, 40, 200):
        docs = [[rng.choice(words[: rng.randint(3, len(words))]) for _ in range(rng.randint(0, 25))] for _ in range(n)]
        docs[0] = docs[0] or ["only"]
        _same(tfidf_rows(docs), _theirs(docs))


def test_texts_as_scikit_learn_reads_them() -> None:
    texts = [
        "The ministry said on Tuesday that 40 people were killed.",
        "Officials said at least 40 people died in the attack on Tuesday.",
        "It is what it is.",  # stop words only: an empty row
        "Café owners in Zürich — and their customers — protested the new tax.",
    ]
    vec = sklearn_text.TfidfVectorizer(stop_words="english", sublinear_tf=True)
    assert [word_tokens(t) for t in texts] == [vec.build_analyzer()(t) for t in texts]
    _same(tfidf_rows([word_tokens(t) for t in texts]), vec.fit_transform(texts))


def test_seed_sentences_as_scikit_learn_weighs_them() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the repo")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()][:3000]
    vec = sklearn_text.TfidfVectorizer(stop_words="english", sublinear_tf=True)
    _same(tfidf_rows([word_tokens(s) for s in sentences]), vec.fit_transform(sentences))
    lists = [s.lower().split() for s in sentences]
    _same(tfidf_rows(lists), _theirs(lists))


def test_no_token_at_all_is_refused() -> None:
    with pytest.raises(ValueError, match="empty vocabulary"):
        tfidf_rows([[], []])
