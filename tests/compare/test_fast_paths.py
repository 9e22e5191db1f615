"""The vectorised paths give what the plain ones gave, to the last bit: the pair space's matrices (built from
whole arrays, not from coordinates), the alignment's complement joins (screened by group sums, not averaged
pair by pair), its probabilities (a block of rows at a time) and an article's JSON form (not
``dataclasses.asdict``)."""

from __future__ import annotations

import dataclasses
import math
import random
from typing import Any

import numpy as np
from scipy import sparse

from storyline.compare import align
from storyline.compare.storypairs import _KINDS, CorpusStats, PairSpace, Profile, _keys, idf_of
from storyline.model import Article, Cite, DateMention, Event, Mention, Quote, Sentence


def _profiles(n: int, seed: int) -> list[Profile]:
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(60)]
    names = [f"ORG:o{k}" for k in range(12)]
    out = []
    for i in range(n):
        terms = {w: rng.randint(1, 40) for w in rng.sample(words, rng.randint(0, 25))}
        out.append(
            Profile(
                f"a{i}",
                terms,
                {w: 1 for w in list(terms)[:5]},
                participants=set(rng.sample(names, rng.randint(0, 4))),
                persons={f"p{k}": rng.random() for k in range(rng.randint(0, 3))},
                places=set(rng.sample(names, rng.randint(0, 2))),
            )
        )
    return out


def _coordinates(rows: list[dict[str, float]], vocab: dict[str, int], idf: dict[str, float]) -> Any:
    """The rows built the plain way: from (row, column, value) triples, then each row made a unit."""
    r, c, v = [], [], []
    for i, row in enumerate(rows):
        for k, x in row.items():
            r.append(i)
            c.append(vocab[k])
            v.append(x * idf[k])
    m = sparse.csr_matrix((v, (r, c)), shape=(len(rows), max(len(vocab), 1)))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def test_the_pair_space_is_the_one_built_from_coordinates() -> None:
    profiles = _profiles(80, 1)
    stats = CorpusStats.of(_profiles(300, 2) + profiles)
    space = PairSpace(profiles, stats)
    for kind, got in (("terms", space.content), ("participants", space.participants), ("persons", space.persons)):
        vocab = {k: i for i, k in enumerate(sorted({k for p in profiles for k in _keys(p, kind)}))}
        idf = {k: float(idf_of(stats.df[kind][k], stats.n)) for k in vocab}
        if kind == "terms":
            rows = [{k: 1.0 + math.log(c) for k, c in p.terms.items()} for p in profiles]
        elif kind == "participants":
            rows = [dict.fromkeys(p.participants, 1.0) for p in profiles]
        else:
            rows = [p.persons for p in profiles]
        want = _coordinates(rows, vocab, idf)
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data), kind
    assert set(_KINDS) >= {"terms", "participants", "persons"}


class _Unit:
    def __init__(self, source: str, key: tuple[str, int]) -> None:
        self.source = source
        self.sentence_key = key


def _pair_by_pair(units: list[_Unit], prob: np.ndarray, groups: dict[int, list[int]], threshold: float) -> None:
    """The complement joins as first written: every pair of groups averaged over its block, round after round."""
    changed = True
    while changed:
        changed = False
        keys = [
            g for g in sorted(groups, key=lambda g: -len(groups[g])) if len({units[k].source for k in groups[g]}) >= 2
        ]
        best: tuple[float, int, int] | None = None
        for x, gi in enumerate(keys):
            si = {units[k].source for k in groups[gi]}
            for gj in keys[x + 1 :]:
                if si & {units[k].source for k in groups[gj]}:
                    continue
                m = float(prob[np.ix_(groups[gi], groups[gj])].mean())
                if m >= threshold and (best is None or m > best[0]):
                    best = (m, gi, gj)
        if best is not None:
            _, gi, gj = best
            groups[gi] = groups[gi] + groups.pop(gj)
            changed = True


def test_complement_joins_are_those_of_the_pair_by_pair_scan() -> None:
    for seed in range(150):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(2, 70))
        units = [_Unit(f"s{int(rng.integers(1 + seed % 6))}", ("a", i)) for i in range(n)]
        prob = rng.random((n, n)) ** float(rng.uniform(0.5, 4))
        if seed % 3 == 0:
            prob = np.round(prob, 1)  # ties
        prob = (prob + prob.T) / 2
        np.fill_diagonal(prob, 0.0)
        start = {i: [i] for i in range(n)}
        for i in range(0, n - 1, 3):  # a few groups of two from a first pass
            start[i] = [i, i + 1]
            del start[i + 1]
        threshold = float(rng.uniform(0.2, 0.6))
        want, got = {k: list(v) for k, v in start.items()}, {k: list(v) for k, v in start.items()}
        _pair_by_pair(units, prob, want, threshold)
        align._join_complements(units, prob, got, threshold)
        assert got == want and list(got) == list(want), seed


def test_an_articles_json_is_what_asdict_gives() -> None:
    a = Article(
        id="a1",
        path="x.txt",
        raw="raw text",
        text="Mayor Ann Lee said the river rose on 4 March.",
        paragraphs=[(0, 46)],
        sentences=[Sentence(0, 46)],
        mentions=[Mention(6, 13, "Ann Lee", "PERSON", entity_id="e1")],
        quotes=[Quote(0, 46, "the river rose", "indirect", speaker="Ann Lee")],
        dates=[DateMention(37, 45, "4 March", "2025-03-04")],
        events=[Event("MOVE", "rose", cites=[Cite("a1", 0, 46)], spans={"trigger": [27, 31]})],
        meta={"feed": {"tags": ["floods"], "n": 2}},
    )
    want = dataclasses.asdict(a)
    del want["raw"]
    assert a.to_json() == want


class _Stmt:
    """What alignment reads of a statement (compare.claims.Unit has it)."""

    def __init__(self, rng: random.Random, i: int) -> None:
        words = [f"w{k}" for k in range(40)]
        self.source = f"s{rng.randint(0, 4)}"
        self.lemmas = tuple(rng.sample(words, rng.randint(1, 9)))
        self.predicates = tuple(rng.sample(["say", "rise", "vote", "ban"], rng.randint(0, 2)))
        self.negated = rng.random() < 0.2
        self.entities = frozenset(rng.sample(["e1", "e2", "e3", "e4"], rng.randint(0, 2)))
        self.sentence_key = (self.source, i // 2)
        self.figures = {("usd", float(rng.randint(1, 3)))} if rng.random() < 0.3 else set()
        self.days = {f"2024-05-0{rng.randint(1, 4)}"} if rng.random() < 0.3 else set()

    @property
    def text(self) -> str:
        return " ".join(self.lemmas)

    def figure_set(self) -> set[tuple[str, float]]:
        return self.figures

    def day_set(self) -> set[str]:
        return self.days


def test_probabilities_a_block_of_rows_at_a_time_are_those_of_the_whole_array(monkeypatch: Any) -> None:
    rng = random.Random(4)
    units = [_Stmt(rng, i) for i in range(90)]
    whole = align.from_features(align.pair_features(units), units)
    monkeypatch.setattr(align, "PAIR_BLOCK", 90 * 7)  # blocks of 7 rows
    assert np.array_equal(align.probabilities(units), whole)
