"""Alignment of statements into rows: average linkage, complementary rows, one cite per outlet, omissions."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from storyline.compare.align import CONTAIN_PRIOR, FEATURES, group, model, pair_features, probabilities
from storyline.compare.claims import _confident, _one_per_article


@dataclass
class _Art:
    id: str


@dataclass
class _U:
    source: str
    lemmas: tuple[str, ...]
    predicates: tuple[str, ...] = ()
    negated: bool = False
    entities: frozenset[str] = frozenset()
    sentence_key: tuple[str, int] = ("", 0)
    figures: set[tuple[str, float]] = field(default_factory=set)
    days: set[str] = field(default_factory=set)

    @property
    def article(self) -> _Art:
        return _Art(self.source)

    @property
    def text(self) -> str:
        return " ".join(self.lemmas)

    def figure_set(self) -> set[tuple[str, float]]:
        return self.figures

    def day_set(self) -> set[str]:
        return self.days


def _units(*specs: tuple[str, str]) -> list[_U]:
    return [_U(src, tuple(text.split()), sentence_key=(src, i)) for i, (src, text) in enumerate(specs)]


def test_the_stored_model_matches_the_features() -> None:
    m = model()
    assert list(m["features"]) == list(FEATURES)
    assert len(m["weights"]) == len(FEATURES)
    assert 0 < m["threshold"] < 1


def test_features_see_shared_words_figures_and_negation() -> None:
    us = _units(("a", "police arrest driver tuesday"), ("b", "police arrest driver tuesday"), ("c", "storm hit coast"))
    us[0].figures = us[1].figures = {("people", 3.0)}
    us[1].negated = True
    f = pair_features(us)
    k = {name: i for i, name in enumerate(FEATURES)}
    assert f[0, 1, k["cos"]] > 0.99 and f[0, 2, k["cos"]] == 0
    assert f[0, 1, k["fig_share"]] == 1 and f[0, 1, k["neg_diff"]] == 1
    assert f[0, 1, k["contain"]] == 4 / (4 + CONTAIN_PRIOR)  # all four words, a short statement's discounted


def test_same_wording_aligns_and_other_facts_do_not() -> None:
    us = _units(
        ("a", "navy ship foil pirate attack gulf aden"),
        ("b", "navy ship foil pirate attack gulf aden"),
        ("c", "navy ship foil pirate attack gulf aden saturday"),
        ("a", "crew member injure"),
    )
    p = probabilities(us)
    rows = group(us, p, float(model()["threshold"]))
    assert sorted(sorted(r) for r in rows if len(r) > 1) == [[0, 1, 2]]


def test_two_clauses_of_one_sentence_never_align() -> None:
    us = _units(("a", "police arrest driver"), ("a", "police arrest driver"))
    us[1].sentence_key = us[0].sentence_key
    assert probabilities(us)[0, 1] == 0.0


def test_complementary_rows_join_at_the_lower_bar() -> None:
    us = _units(("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"))
    p = np.array([[0, 0.99, 0.5, 0.5], [0.99, 0, 0.5, 0.5], [0.5, 0.5, 0, 0.99], [0.5, 0.5, 0.99, 0]])
    assert len(group(us, p, 0.9)) == 2
    assert [sorted(r) for r in group(us, p, 0.9, complement=0.4)] == [[0, 1, 2, 3]]


def test_one_cite_per_outlet_and_weak_members_dropped() -> None:
    us = _units(("a", "x"), ("a", "x"), ("b", "x"), ("c", "x"))
    p = np.array([[0, 0.9, 0.99, 0.98], [0.9, 0, 0.6, 0.5], [0.99, 0.6, 0, 0.97], [0.98, 0.5, 0.97, 0]], dtype=float)
    assert _one_per_article(us, [0, 1, 2, 3], p, 2) == [0, 2, 3]  # type: ignore[arg-type]
    p[3, :3] = p[:3, 3] = 0.2
    assert _confident([0, 2, 3], p, 0.9) == [0, 2]


def test_a_row_is_worded_by_the_clause_the_other_outlets_share() -> None:
    from storyline.compare.claims import Unit, _display_text
    from storyline.model import Article, Quote, Sentence, Statement

    text = "The council cut the bus fares on Monday, while the mayor promised a new bridge over the river."
    a = Article(id="a", path="a.txt", raw=text, text=text)
    a.sentences = [Sentence(0, len(text))]
    cut = text.index(", while")
    a.statements = [
        Statement(0, cut, 0, "cut", subject="The council", lemmas=["council", "cut", "bus", "fare", "monday"]),
        Statement(cut + 8, len(text) - 1, 0, "promise", subject="the mayor",
                  lemmas=["mayor", "promise", "new", "bridge", "river"]),
    ]  # fmt: skip
    u = Unit(a, 0, len(text), "a", 0, lemmas=tuple(a.statements[0].lemmas + a.statements[1].lemmas), subject="x")
    b = Article(id="b", path="b.txt", raw="", text="The mayor pledged a bridge across the river.")
    other = Unit(b, 0, len(b.text), "b", 0, lemmas=("mayor", "pledge", "bridge", "river"))
    assert _display_text(u, [other]) == "The mayor promised a new bridge over the river"
    assert _display_text(u) == text  # no other outlet: the whole sentence
    a.statements[1].said_by = "Smith"  # "…, while Smith said the mayor promised …": reported speech
    assert _display_text(u, [other]) == text  # shown with its speaker, never as the outlet's own statement
    a.statements[1].said_by = None
    a.quotes = [Quote(cut + 8, len(text) - 1, "the mayor promised a new bridge", "indirect", "Smith")]
    assert _display_text(u, [other]) == text  # inside an attributed quote: the same


def test_a_row_that_echoes_a_better_supported_row_is_left_out() -> None:
    from storyline.compare.claims import _drop_echoes
    from storyline.model import Claim

    p = np.zeros((6, 6))
    p[np.ix_([0, 1, 2], [3, 4])] = p[np.ix_([3, 4], [0, 1, 2])] = 0.45  # the same fact worded apart
    rows = [
        ((-3.0,), Claim("a", "s", "A"), [0, 1, 2]),
        ((-2.0,), Claim("b", "s", "B"), [3, 4]),
        ((-1.0,), Claim("c", "s", "C"), [5]),
    ]
    assert [c.id for _, c, _ in _drop_echoes(rows, p, 0.4)] == ["a", "c"]
    assert [c.id for _, c, _ in _drop_echoes(rows, p, 0.5)] == ["a", "b", "c"]  # not near enough: two facts
    assert [c.id for _, c, _ in _drop_echoes(rows, p, 2.0)] == ["a", "b", "c"]  # 2.0 keeps every row


def test_pairs_at_the_threshold_come_in_the_order_a_sort_of_every_pair_gives() -> None:
    from storyline.compare.align import _pairs_at

    rng = np.random.default_rng(3)
    p = rng.choice([0.2, 0.5, 0.6, 0.6, 0.9], size=(40, 40))  # ties: pairs of equal value keep row order
    p = np.maximum(p, p.T)
    iu = np.triu_indices(40, k=1)
    vals = p[iu]
    order = np.argsort(-vals, kind="stable")
    want = [(int(iu[0][k]), int(iu[1][k])) for k in order if vals[k] >= 0.5]
    rows, cols = _pairs_at(p, 0.5)
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == want


def test_claims_leave_the_probabilities_given_as_they_were() -> None:
    from storyline.compare.claims import build_claims, story_units
    from storyline.model import Article, Sentence, Statement

    arts = []
    for aid in ("a", "b", "c"):
        text = "Storm floods the coast\nPolice close the bridge."  # a headline (no full stop), then a sentence
        a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=f"Outlet {aid}")
        a.sentences = [Sentence(0, 22), Sentence(23, len(text))]
        a.statements = [
            Statement(0, 22, 0, "flood", subject="Storm", lemmas=["storm", "flood", "coast"]),
            Statement(23, len(text) - 1, 1, "close", subject="Police", lemmas=["police", "close", "bridge"]),
        ]
        arts.append(a)
    units = story_units(arts)
    assert [u.heading for u in units] == [True, False] * 3
    p = probabilities(units)
    before = p.copy()
    claims = build_claims("s1", arts, units=units, prob=p)
    assert np.array_equal(p, before)
    assert [c.text for c in claims] == ["Police close the bridge."]  # a headline never makes a row
    assert build_claims("s1", arts) == claims  # the same rows as from the probabilities made inside


def test_weighted_overlap_is_the_idf_weighted_jaccard_of_every_pair() -> None:
    from storyline.compare.align import weighted_overlap

    rng = np.random.default_rng(5)
    names = [f"e{k}" for k in range(12)]
    sets = [frozenset(rng.choice(names, size=int(rng.integers(0, 4)), replace=False).tolist()) for _ in range(30)]
    jac, inc, w = weighted_overlap(sets)
    dense = inc.toarray()
    inter = (dense * w) @ dense.T
    tot = dense @ w
    union = tot[:, None] + tot[None, :] - inter
    assert np.allclose(jac, np.divide(inter, union, out=np.zeros_like(inter), where=union > 0), rtol=0, atol=1e-12)
    assert weighted_overlap([frozenset(), frozenset()])[0].tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert any(not s for s in sets) and jac[[k for k, s in enumerate(sets) if not s]].max() == 0.0


def test_a_word_family_counts_as_one_word() -> None:
    from storyline.compare import align

    us = _units(("a", "first reduction tariff begin january"), ("b", "cut duty start january"), ("c", "storm hit"))
    k = FEATURES.index("contain")
    with_families = pair_features(us)[0, 1, k]
    align.PARAPHRASE = False
    try:
        as_written = pair_features(us)[0, 1, k]
    finally:
        align.PARAPHRASE = True
    assert with_families > as_written
    assert pair_features(us)[0, 2, k] == 0.0


def test_lift_raises_pairs_that_share_a_participant_and_a_rare_word() -> None:
    from storyline.compare.align import lift

    us = _units(
        ("a", "miner raise output third contract"),
        ("b", "miner production third meet contract"),
        ("c", "deal sign capital"),
        ("d", "deal value billion"),
    )
    us[0].entities = us[1].entities = frozenset({"ORG:miner"})
    prob = np.full((4, 4), 0.8)
    out = lift(prob, us, 0.75, 0.9)
    assert out[0, 1] == out[1, 0] == 0.9  # "third": in two articles only, and one participant
    assert out[2, 3] == 0.8  # no participant named by both
    assert prob[0, 1] == 0.8  # the given matrix is left as it was
    assert lift(prob, us, 0.85, 0.9)[0, 1] == 0.8  # under the lower bar
