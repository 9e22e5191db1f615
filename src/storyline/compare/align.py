"""Aligning statements across outlets: which clauses state the same fact, learned rather than hand-weighted.

Each pair of statements from a story gets a few explainable features (:data:`FEATURES`): how alike their
content lemmas are (TF-IDF cosine, token-set overlap, containment), how much of the shorter one's whole wording
the other holds (content-word stems of the text, the words outside its parsed clauses too: a participial
phrase, "Framing Beijing's claim as …"), whether they share the predicate, the participants
(canonical entities), a figure or a day, and whether they disagree on negation. A logistic model over these
features — its weights are data, ``storyline/data/align.json``, fitted by ``bench/compare.py --fit`` on the
hand-labelled gold with stories held out — turns them into the probability that the two state one fact. Rows
are then formed by average linkage: two groups join when the mean probability over their pairs reaches the
threshold, so a fact is one row even when it is worded three ways, and an outlet that states it twice is one
cell with two cites.

Example:
    >>> sorted(FEATURES)[:3]
    ['bias', 'contain', 'cos']
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

import numpy as np
from rapidfuzz import fuzz, process

from .. import lexicon
from .tfidf import tfidf_rows

#: The pair features, in the order of the weight vector.
FEATURES = (
    "bias", "cos", "ratio", "ent", "pred", "fig_share", "fig_diff", "date_share", "neg_diff", "len_ratio", "contain",
    "text_contain",
)  # fmt: skip
#: Predicates too general to say two clauses report the same thing.
LIGHT_PREDICATES = lexicon.words("clauses.light_predicates")
#: Each lemma of a news word family (``lexicon/paraphrase.toml``) read as the family's first: "the cuts begin"
#: and "the first reductions take effect" share "cut" and "begin" (measured in bench/compare.py).
FAMILY = {w: fam.split()[0] for fam in lexicon.ordered("paraphrase.families") for w in fam.split()[1:]}
#: Whether the pair features read lemmas through :data:`FAMILY`.
PARAPHRASE = True


def _canon(lemmas: Sequence[str]) -> list[str]:
    """``lemmas`` with each family member read as its family's first (:data:`FAMILY`)."""
    return [FAMILY.get(x, x) for x in lemmas] if PARAPHRASE else list(lemmas)


class AlignUnit(Protocol):
    """What alignment needs of a statement (``compare.claims.Unit`` has it)."""

    @property
    def source(self) -> str: ...
    @property
    def lemmas(self) -> tuple[str, ...]: ...
    @property
    def predicates(self) -> tuple[str, ...]: ...
    @property
    def negated(self) -> bool: ...
    @property
    def entities(self) -> frozenset[str]: ...
    @property
    def sentence_key(self) -> tuple[str, int]: ...
    @property
    def text(self) -> str: ...
    def figure_set(self) -> set[tuple[str, float]]: ...
    def day_set(self) -> set[str]: ...


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The fitted weights and settings (``storyline/data/align.json``)."""
    with resources.files("storyline.data").joinpath("align.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def idf(sets: Sequence[frozenset[str] | set[str]]) -> dict[str, float]:
    """Inverse document frequency of each item over ``sets``: ``log(1 + n / df)``."""
    df: dict[str, int] = defaultdict(int)
    for s in sets:
        for x in s:
            df[x] += 1
    n = max(len(sets), 1)
    return {x: float(np.log(1 + n / k)) for x, k in df.items()}


def weighted_overlap(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, Any, np.ndarray]:
    """The idf-weighted Jaccard of every pair of ``sets``, with the incidence matrix and the weights behind it
    (a set × item 0/1 matrix, sparse, the items in sorted order)."""
    weights_of = idf(sets)
    items = sorted(weights_of)
    w = np.array([weights_of[e] for e in items])
    # a statement names a few of the story's thousands of entities: sparse products (dense, 6,237 statements
    # took 1.5 s and 100 MB), the same sums
    inc = _incidence(sets)
    if not items:  # no set holds an item: no pair shares one
        return np.zeros((len(sets), len(sets))), inc, w
    inter = np.asarray((inc.multiply(w[None, :]).tocsr() @ inc.T).toarray())
    tot = np.asarray(inc @ w).ravel()
    union = tot[:, None] + tot[None, :]
    union -= inter
    # made in place (a story of 5,000 statements: 200 MB a matrix); where the union is 0 neither set has an
    # item (the weights are positive), and their intersection is 0 already
    jac: np.ndarray = np.divide(inter, union, out=inter, where=union > 0)
    return jac, inc, w


PAIR_BLOCK = 250_000
"""Most pairs whose features :func:`probabilities` holds at once (22 MB): it goes through the rows in blocks, so a
story of thousands of statements never holds an ``(n, n, len(FEATURES))`` array (11 floats a pair: 3.2 GB for
one of 6,000 statements). Each row's values are the same in any block (a story of 2,615 statements: the same
probabilities with blocks of 2 million pairs and of 250,000, in the same time)."""


def pair_features(units: Sequence[AlignUnit]) -> np.ndarray:
    """An ``(n, n, len(FEATURES))`` array of pair features (symmetric; the diagonal is left at zero)."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0, len(FEATURES)))
    return _pair_rows(units)(0, n)


def _pair_rows(units: Sequence[AlignUnit]) -> Callable[[int, int], np.ndarray]:
    """``rows(lo, hi)``: the rows ``lo:hi`` of :func:`pair_features` (every pair of those units with every unit),
    each the value the whole array holds; what all rows share (the vocabulary's weights, the word-set ratios and
    the entities' overlap, each one ``(n, n)`` array, the days' rarity) is computed once."""
    n = len(units)
    lemmas = [_canon(u.lemmas) for u in units]
    docs = [x + [f"@{e}" for e in u.entities] for x, u in zip(lemmas, units, strict=True)]
    try:
        x = tfidf_rows(docs)
    except ValueError:  # no vocabulary
        x = None
    joined = [" ".join(sorted(set(x))) for x in lemmas]
    # one pass (symmetric), on every core: the story's one step that grows with the square of its statements
    # whose work is in native code (6,237 statements: 13 s on one core)
    ratio = process.cdist(joined, joined, scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1)
    ent = weighted_overlap([u.entities for u in units])[0]
    preds = _incidence([frozenset(_canon([p for p in u.predicates if p not in LIGHT_PREDICATES])) for u in units])
    bags = _incidence([frozenset(x) for x in lemmas])
    from .clauses import content_stems  # noqa: PLC0415 - clauses imports this module

    words = _incidence([frozenset(content_stems(u.text)) for u in units])
    pred_size, bag_size, word_size = _sizes(preds), _sizes(bags), _sizes(words)
    figs = [u.figure_set() for u in units]
    days = [u.day_set() for u in units]
    rarity = _rarity(days)
    dated = [i for i in range(n) if figs[i] or days[i]]
    neg = np.array([u.negated for u in units])
    lens = np.array([max(len(u.lemmas), 1) for u in units], dtype=float)

    def rows(lo: int, hi: int) -> np.ndarray:
        out = np.zeros((hi - lo, n, len(FEATURES)))
        out[:, :, 0] = 1.0
        if x is not None:
            out[:, :, 1] = (x[lo:hi] @ x.T).toarray()
        out[:, :, 2] = ratio[lo:hi] / 100.0
        out[:, :, 3] = ent[lo:hi]
        out[:, :, 4] = _jaccard_rows(preds, lo, hi, pred_size)
        out[:, :, 10] = _containment_rows(bags, lo, hi, bag_size)
        out[:, :, 11] = _containment_rows(words, lo, hi, word_size)
        for i in dated[bisect_left(dated, lo) : bisect_left(dated, hi)]:
            for j in dated:
                if j == i:
                    continue
                if figs[i] and figs[j]:
                    shared = figs[i] & figs[j]
                    same_unit = {u for u, _ in figs[i]} & {u for u, _ in figs[j]}
                    out[i - lo, j, 5] = 1.0 if shared else 0.0
                    out[i - lo, j, 6] = 1.0 if same_unit and not shared else 0.0
                if shared_days := days[i] & days[j]:
                    out[i - lo, j, 7] = max(rarity[v] for v in shared_days)
        out[:, :, 8] = neg[lo:hi, None] != neg[None, :]
        out[:, :, 9] = np.minimum(lens[lo:hi, None], lens[None, :]) / np.maximum(lens[lo:hi, None], lens[None, :])
        return out

    return rows


def _rarity(sets: Sequence[set[str]]) -> dict[str, float]:
    """How rare each item is across ``sets``, from 0 (in every set) to 1 (in one): a normalised idf. A day
    every statement of the story carries (the event's own) says little; a month two statements alone name
    ("a visit in April") says they report one thing."""
    n = len(sets)
    df: dict[str, int] = defaultdict(int)
    for s in sets:
        for x in s:
            df[x] += 1
    if n < 2:
        return dict.fromkeys(df, 1.0)
    return {x: float(np.log(n / k) / np.log(n)) for x, k in df.items()}


def _incidence(sets: Sequence[frozenset[str]]) -> Any:
    """The sets × items 0/1 matrix, sparse (CSR): a statement holds a few of its story's thousands of words (a
    dense one of a story of 5,000 statements: 90 MB). Its products count shared items: exact in any order."""
    from scipy import sparse

    vocab = {x: k for k, x in enumerate(sorted(set().union(*sets)))} if sets else {}
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [vocab[x] for s in sets for x in s]
    return sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(sets), max(len(vocab), 1)))


def _sizes(inc: Any) -> np.ndarray:
    """The row sums of an incidence matrix (each set's size)."""
    out: np.ndarray = np.asarray(inc.sum(axis=1)).ravel()
    return out


def _jaccard_matrix(sets: Sequence[frozenset[str]]) -> np.ndarray:
    return _jaccard_rows(_incidence(sets), 0, len(sets))


def _jaccard_rows(inc: Any, lo: int, hi: int, size: np.ndarray | None = None) -> np.ndarray:
    """Rows ``lo:hi`` of the sets' Jaccard matrix, from their incidence matrix (counts: exact in any order) and
    the sets' sizes (its row sums)."""
    inter = (inc[lo:hi] @ inc.T).toarray()
    size = _sizes(inc) if size is None else size
    union = size[lo:hi, None] + size[None, :] - inter
    out: np.ndarray = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return out


#: Added to the shorter statement's size in :func:`_containment_matrix` (set once, not tuned): "There's a temple
#: there." holds one content word, and a sentence naming the temple would otherwise contain all of it.
CONTAIN_PRIOR = 2.0


def _containment_matrix(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """|A ∩ B| / (min(|A|, |B|) + :data:`CONTAIN_PRIOR`): how much of the shorter statement the longer one
    holds, a short statement's few words counting for less."""
    return _containment_rows(_incidence(sets), 0, len(sets))


def _containment_rows(inc: Any, lo: int, hi: int, size: np.ndarray | None = None) -> np.ndarray:
    """Rows ``lo:hi`` of :func:`_containment_matrix`, from the sets' incidence matrix and sizes."""
    inter = (inc[lo:hi] @ inc.T).toarray()
    size = _sizes(inc) if size is None else size
    low = np.minimum(size[lo:hi, None], size[None, :]) + CONTAIN_PRIOR
    out: np.ndarray = inter / low
    return out


def probabilities(units: Sequence[AlignUnit], weights: Sequence[float] | None = None) -> np.ndarray:
    """P(same fact) for every pair; zero for two clauses of one sentence and on the diagonal. The features are
    made a block of rows at a time (:data:`PAIR_BLOCK`), each block as :func:`from_features` weighs it."""
    n = len(units)
    if not n:
        return np.zeros((0, 0))
    rows = _pair_rows(units)
    step = max(1, PAIR_BLOCK // n)
    p = np.empty((n, n))
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        p[lo:hi] = _logistic(rows(lo, hi), weights)
    return _apart_clauses(p, units)


def from_features(feats: np.ndarray, units: Sequence[AlignUnit], weights: Sequence[float] | None = None) -> np.ndarray:
    """:func:`probabilities` from features already computed (a benchmark tries several weight vectors)."""
    return _apart_clauses(_logistic(feats, weights), units)


def _logistic(feats: np.ndarray, weights: Sequence[float] | None) -> np.ndarray:
    w = np.asarray(weights if weights is not None else model()["weights"], dtype=float)
    p: np.ndarray = 1.0 / (1.0 + np.exp(-(feats @ w)))
    return p


def _apart_clauses(p: np.ndarray, units: Sequence[AlignUnit]) -> np.ndarray:
    """``p`` with zero for every pair of clauses of one sentence (the diagonal too)."""
    codes: dict[tuple[str, int], int] = {}
    key = np.array([codes.setdefault(u.sentence_key, len(codes)) for u in units])
    p[key[:, None] == key[None, :]] = 0.0
    return p


#: Articles a content word may be found in and still be rare in its story (:func:`lift`).
RARE_ARTICLES = 2


def lift(prob: np.ndarray, units: Sequence[AlignUnit], low: float, threshold: float) -> np.ndarray:
    """``prob`` with the pairs of statements from different articles that reach ``low`` raised to ``threshold``
    when they name one participant (a canonical entity) and share a content word no third article of the
    story uses (:data:`RARE_ARTICLES`): "raise output by about a third" — a detail two outlets share, under
    the same actor, is seldom chance, though their wording differs."""
    from .clauses import content_stems  # noqa: PLC0415 - clauses imports this module

    words = [frozenset(content_stems(u.text)) for u in units]
    seen: dict[str, set[str]] = defaultdict(set)
    for u, ws in zip(units, words, strict=True):
        for x in ws:
            seen[x].add(u.sentence_key[0])
    if len({u.sentence_key[0] for u in units}) <= RARE_ARTICLES:
        return prob
    rare = [frozenset(x for x in ws if len(seen[x]) <= RARE_ARTICLES) for ws in words]
    rows, cols = np.nonzero(np.triu((prob >= low) & (prob < threshold), k=1))
    out = prob.copy()
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = units[i], units[j]
        if a.sentence_key[0] != b.sentence_key[0] and a.entities & b.entities and rare[i] & rare[j]:
            out[i, j] = out[j, i] = threshold
    return out


def group(
    units: Sequence[AlignUnit], prob: np.ndarray, threshold: float, complement: float | None = None
) -> list[list[int]]:
    """Average-linkage groups: two groups join when the mean pair probability between them reaches
    ``threshold`` (their best pair must reach it too); then groups with no source in common join at
    ``complement``."""
    n = len(units)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    rows, cols = _pairs_at(prob, threshold)
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        a, b = groups[gi], groups[gj]
        if float(prob[np.ix_(a, b)].mean()) < threshold:
            continue
        groups[gi] = a + b
        for m in b:
            owner[m] = gi
        del groups[gj]
    if complement is not None:
        _join_complements(units, prob, groups, complement)
    return list(groups.values())


def _pairs_at(prob: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``i < j`` whose probability reaches ``threshold``, highest first (row by row on a tie): the
    order a stable sort of every pair of the upper triangle gives them, without the arrays of all ``n²/2``
    pairs (two index arrays, their values and the sort's: 650 MB for a story of 5,000 statements)."""
    rows, cols = np.nonzero(np.triu(prob >= threshold, k=1))  # row-major, as the upper triangle is listed
    order = np.argsort(-prob[rows, cols], kind="stable")
    return rows[order], cols[order]


SCREEN_SLACK = 1e-9
"""How far below the threshold a group pair's mean from the group sums may fall and still be averaged again the
exact way (the two sum in different orders: they differ in the last bits only)."""


def _join_complements(
    units: Sequence[AlignUnit], prob: np.ndarray, groups: dict[int, list[int]], threshold: float
) -> None:
    """Join groups whose sources do not overlap when their mean pair probability reaches ``threshold``
    (below the first pass's): one fact split over two rows shows as two complementary ✓ patterns, and each
    row would then claim the other's outlets left the fact out.

    Each round joins the best such pair (the first of the highest mean, bigger groups first). The means come
    from each pair of groups' probability sums, kept up to date as groups join; only the pairs whose mean
    comes within :data:`SCREEN_SLACK` of the threshold are averaged over their block of ``prob`` (the value
    the rule compares), so the joins are those a pair-by-pair scan makes, at the cost of a few blocks."""
    from scipy import sparse  # noqa: PLC0415 - as _incidence

    col = {g: k for k, g in enumerate(groups)}
    rows = [i for g in col for i in groups[g]]
    cols = [k for g, k in col.items() for _ in groups[g]]
    member = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(units), len(col)))
    # sums[a, b]: the probabilities between group a's units and group b's — a sparse membership matrix: a dense
    # one made this a product of n × n by n × groups (6,237 statements: 4 s), the sums being the same
    sums = np.asarray(member.T @ np.asarray(member.T @ prob).T)
    sources = {g: {units[k].source for k in groups[g]} for g in groups}
    while True:
        keys = [g for g in sorted(groups, key=lambda g: -len(groups[g])) if len(sources[g]) >= 2]
        best = _best_complement(keys, groups, sources, prob, sums, col, threshold)
        if best is None:
            return
        gi, gj = best
        groups[gi] = groups[gi] + groups.pop(gj)
        sources[gi] |= sources.pop(gj)
        a, b = col[gi], col[gj]
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]


def _best_complement(
    keys: list[int],
    groups: dict[int, list[int]],
    sources: dict[int, set[str]],
    prob: np.ndarray,
    sums: np.ndarray,
    col: dict[int, int],
    threshold: float,
) -> tuple[int, int] | None:
    """The pair of ``keys`` (in order) with no source in common whose mean probability is highest and reaches
    ``threshold`` (the first such pair on a tie), or None."""
    if len(keys) < 2:
        return None
    at = np.array([col[g] for g in keys])
    size = np.array([len(groups[g]) for g in keys], dtype=float)
    mean = sums[np.ix_(at, at)] / np.outer(size, size)
    names = {x: k for k, x in enumerate(sorted({x for g in keys for x in sources[g]}))}
    has = np.zeros((len(keys), len(names)))
    for k, g in enumerate(keys):
        has[k, [names[x] for x in sources[g]]] = 1.0
    apart = (has @ has.T) == 0
    near = np.triu(apart & (mean >= threshold - SCREEN_SLACK), k=1)
    best: tuple[float, int, int] | None = None
    for x, y in np.argwhere(near):  # row by row, as the scan meets them
        gi, gj = keys[int(x)], keys[int(y)]
        m = float(prob[np.ix_(groups[gi], groups[gj])].mean())
        if m >= threshold and (best is None or m > best[0]):
            best = (m, gi, gj)
    return (best[1], best[2]) if best is not None else None


__all__ = [
    "FEATURES",
    "AlignUnit",
    "group",
    "idf",
    "model",
    "pair_features",
    "probabilities",
    "from_features",
    "weighted_overlap",
]
