"""A second, story-level pass after the pair clustering, measured held out: link whole stories (not articles).

The pair model splits a story whose follow-ups share few words with each other (PolNeAR's conventions and
the email investigation: held-out B-cubed recall 0.69). A story's articles together say more than any one
of them: this pass compares the stories the pair clustering formed, each as the sum of its articles, and
joins two when a logistic model over explainable story-pair features says they are one happening:

========================  ===========================================================================
``link_mean``             the mean pair probability between their articles (what average linkage saw)
``link_max``              the strongest pair probability between them
``content``               cosine of the two stories' summed TF-IDF rows (title and body)
``lead``                  the same over titles and leads
``names``                 the same over their participants (idf-weighted)
``places``                the same over their places
``rare_name``             the weight (idf / its largest) of the rarest participant both stories name
``happening``             both stories' leads name the same happening (happenings.py keys)
``gap``                   the gap between the two stories' event-date spans, in years (0 when they overlap)
``undated``               one of the two stories has no event date
``near``                  exp(-gap in days / a week): how close in time the two stories run (0 undated)
========================  ===========================================================================

Nested, as the pair model's protocol (``bench/cluster.py --three-sets --balanced``, the stored model's): 4 outer
folds (2 ECB+ topics, a quarter of TBAQ's and of PolNeAR's stories, whole). For an outer fold, the pair model's
setting and threshold are the ones that protocol chose for it by its inner leave-one-fold-out (read from
bench/results/cluster.json, ``three_sets``; the first pass reproduces its held-out figures); the story-pair
examples come from the three other folds, each clustered by a pair model fitted on the remaining two; the
story-pair model's C, its threshold (or no second pass) and its scope — any two stories, or only two stories
both dated (without a date neither the gap nor the window can be judged, and two happenings of one kind look
alike as wholes: ECB+ gives none) — are chosen by leave-one-fold-out over those three (the best mean B-cubed F1
of the three sets, the threshold the middle of its near-best plateau); the held-out fold is clustered by the
pair model fitted on the three, then the second pass runs. Two predicted stories are one gold story, for the
fit, when most article pairs between them are. The TF-IDF baseline's held-out figures (the same folds, its
distance chosen the same way) are read from the same results block. Also saved, and labelled as such: one
threshold for every outer fold, read off the held-out folds themselves (tuned on them: what a better threshold
choice could give at most).

    python bench/cluster_stories.py [--whole] [--out FILE]

``--whole`` also has each outer fold's models (pair and story) cluster every set whole, only its held-out
documents scored (a store holds all the stories at once; ``whole_set`` of the pair protocol).

Writes ``story_pass`` into bench/results/cluster.json (the other entries kept).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from cluster_fit import (  # type: ignore[import-not-found]
    FOLDS,
    Dataset,
    Protocol,
    bcubed_of,
    joined,
    load_three,
    logistic,
    ours_cuts,
    plateau,
    scores,
    split,
)

from storyline.compare.storypairs import PairSpace, idf_of, profile

HERE = Path(__file__).resolve().parent
NAMES = ("ecbplus-dev", "tbaq", "polnear")
STORY_FEATURES = (
    "link_mean", "link_max", "content", "lead", "names", "places", "rare_name", "happening", "gap", "undated",
    "near",
)  # fmt: skip
STORY_SIGN = {"gap": -1, "undated": 0}
NEAR_DAYS = 7.0  # the others may only join
C_GRID = (0.1, 1.0)
T_GRID = tuple(round(x, 3) for x in np.arange(0.1, 0.951, 0.05)) + (1.01,)  # 1.01: no second pass
OFF = 1.01
MOST = 0.5  # two predicted stories are one gold story when most article pairs between them are
SCOPES = (True, False)  # the second pass joins dated stories only, or any two
DAY_YEARS = 365.0
MAX_GAP_YEARS = 3.0


# ------------------------------------------------------------------------------------------ features


class StoryView:
    """One dataset's documents ``idx`` as profiles' matrices, and the pair probabilities of a pair model."""

    def __init__(self, ds: Dataset, idx: np.ndarray, prob: np.ndarray, max_days: int) -> None:
        profiles = [profile(ds.arts[i]) for i in idx]
        space = PairSpace(profiles)
        self.content, self.lead = space.content, space.lead
        self.names, self.places = space.participants, space.places
        self.prob = prob
        self.max_days = max_days
        self.parts = [p.participants for p in profiles]
        df: dict[str, int] = {}
        for s in self.parts:
            for k in s:
                df[k] = df.get(k, 0) + 1
        n = len(profiles)
        top = float(idf_of(1, n))
        self.rarity = {k: float(idf_of(v, n)) / top for k, v in df.items()}
        self.happenings = [p.lead_happenings for p in profiles]
        self.event = [p.event for p in profiles]

    def features(self, groups: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Story-pair features of every pair of ``groups`` (k × k × F) and which pairs are too far apart."""
        return self.block(groups, groups)

    def _sums(self, groups: Sequence[Sequence[int]]) -> dict[str, Any]:
        member = np.zeros((len(groups), self.prob.shape[0]))
        for a, g in enumerate(groups):
            member[a, list(g)] = 1.0
        out: dict[str, Any] = {"member": member}
        for key in ("content", "lead", "names", "places"):
            m = getattr(self, key)
            s = np.asarray(member @ m.toarray()) if m.shape[1] else np.zeros((len(groups), 1))
            norm = np.linalg.norm(s, axis=1)
            norm[norm == 0] = 1.0
            out[key] = s / norm[:, None]
        out["names_set"] = [set().union(*(self.parts[i] for i in g)) for g in groups]
        out["haps"] = [set().union(*(self.happenings[i] for i in g)) for g in groups]
        spans = []
        for g in groups:
            ev = [self.event[i] for i in g if self.event[i]]
            spans.append((min(e[0] for e in ev), max(e[1] for e in ev)) if ev else None)
        out["spans"] = spans
        return out

    def block(self, left: Sequence[Sequence[int]], right: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Story-pair features of each story of ``left`` with each of ``right`` and which are too far apart."""
        sl, sr = self._sums(left), self._sums(right)
        ml, mr = sl["member"], sr["member"]
        out = np.zeros((len(left), len(right), len(STORY_FEATURES)))
        out[..., 0] = (ml @ self.prob @ mr.T) / np.outer(ml.sum(axis=1), mr.sum(axis=1))
        for a, g in enumerate(left):
            sub = self.prob[list(g)]
            out[a, :, 1] = [sub[:, list(h)].max() for h in right]
        for f, key in ((2, "content"), (3, "lead"), (4, "names"), (5, "places")):
            out[..., f] = sl[key] @ sr[key].T
        far = np.zeros((len(left), len(right)), dtype=bool)
        for a in range(len(left)):
            for b in range(len(right)):
                shared = sl["names_set"][a] & sr["names_set"][b]
                r = max((self.rarity[x] for x in shared), default=0.0)
                h = 1.0 if sl["haps"][a] & sr["haps"][b] else 0.0
                sa, sb = sl["spans"][a], sr["spans"][b]
                if sa and sb:
                    gap_days = max(0, max(sa[0], sb[0]) - min(sa[1], sb[1]))
                    gap, undated = min(gap_days / DAY_YEARS, MAX_GAP_YEARS), 0.0
                    near = float(np.exp(-gap_days / NEAR_DAYS))
                    far[a, b] = self.max_days > 0 and gap_days > self.max_days
                else:
                    gap, undated, near = 0.0, 1.0, 0.0
                out[a, b, 6:] = (r, h, gap, undated, near)
        return out, far


def story_pairs(view: StoryView, labels: np.ndarray, gold: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The features of every pair of predicted stories and whether they are one gold story (most of the
    pairs of articles between them are)."""
    groups = [list(np.flatnonzero(labels == lab)) for lab in np.unique(labels)]
    feats, far = view.features(groups)
    g = np.asarray(gold)
    a, b = np.triu_indices(len(groups), 1)
    keep = ~far[a, b]
    same = [np.mean(g[groups[i]][:, None] == g[groups[j]][None, :]) for i, j in zip(a, b, strict=True)]
    y = np.array(same) >= MOST
    return feats[a, b][keep], y[keep].astype(int) if len(y) else np.zeros(0, dtype=int)


def merge_order(
    view: StoryView, labels: np.ndarray, w: np.ndarray, b: float, dated_only: bool = False
) -> list[tuple[int, int, float]]:
    """The predicted stories joined best-first by story-pair probability (features recomputed for a joined
    story), down to the lowest threshold tried: (kept, joined, probability). With ``dated_only``, two stories
    join only when both have an event date (without one, neither the gap nor the window can be judged, and
    two happenings of one kind look alike as wholes)."""
    undated = STORY_FEATURES.index("undated")
    groups: list[list[int] | None] = [list(np.flatnonzero(labels == lab)) for lab in np.unique(labels)]
    live = [g for g in groups if g is not None]
    feats, far = view.features(live)
    p = 1.0 / (1.0 + np.exp(-(feats @ w + b)))
    np.fill_diagonal(p, -1.0)
    p[far] = -1.0
    if dated_only:
        p[feats[..., undated] > 0] = -1.0
    out = []
    while len(groups) > 1:
        i, j = divmod(int(np.argmax(p)), len(groups))
        if p[i, j] < T_GRID[0]:
            break
        out.append((i, j, float(p[i, j])))
        groups[i] = (groups[i] or []) + (groups[j] or [])
        groups[j] = None
        p[j, :] = p[:, j] = -1.0
        others = [k for k, g in enumerate(groups) if g is not None and k != i]
        if others:
            f, fr = view.block([groups[i] or []], [groups[k] or [] for k in others])
            row = 1.0 / (1.0 + np.exp(-(f[0] @ w + b)))
            row[fr[0]] = -1.0
            if dated_only:
                row[f[0][:, undated] > 0] = -1.0
            p[i, others] = p[others, i] = row
    return out


def second_pass(labels: np.ndarray, merges: Sequence[tuple[int, int, float]], threshold: float) -> np.ndarray:
    """The stories after the merges of :func:`merge_order` down to the first below ``threshold``."""
    groups: list[list[int] | None] = [list(np.flatnonzero(labels == lab)) for lab in np.unique(labels)]
    for i, j, value in merges:
        if value < threshold:
            break
        groups[i] = (groups[i] or []) + (groups[j] or [])
        groups[j] = None
    out = np.zeros(len(labels), dtype=int)
    for k, g in enumerate(g for g in groups if g is not None):
        out[g] = k
    return out


# ------------------------------------------------------------------------------------------ protocol


def fit_story_model(rows: Sequence[tuple[np.ndarray, np.ndarray, str]], c: float) -> tuple[np.ndarray, float]:
    """The sign-bounded logistic regression over story pairs, each dataset's pairs weighing alike."""
    x = np.vstack([r[0] for r in rows])
    y = np.concatenate([r[1] for r in rows])
    names = [r[2] for r in rows]
    count = {n: sum(len(r[1]) for r in rows if r[2] == n) for n in set(names)}
    sw = np.concatenate([np.full(len(r[1]), len(y) / (len(count) * count[r[2]])) for r in rows])
    signs = [STORY_SIGN.get(f, 1) for f in STORY_FEATURES]
    return logistic(x, y, c, signs, sw)


class Nested:
    """The pair protocol (three sets, balanced) with its per-fold settings, and the second pass on top."""

    def __init__(self, sets: Sequence[Dataset], folds: list[dict[str, list[str]]], chosen: list[dict[str, Any]]):
        self.proto = Protocol(sets, NAMES, NAMES)
        self.proto.balance = True
        self.sets = {ds.name: ds for ds in sets}
        self.folds, self.chosen = folds, chosen
        self.whole = False  # also each fold's models clustering every dataset whole (see :meth:`outer`)

    def first(self, train: Sequence[dict[str, list[str]]], held: dict[str, list[str]], outer: int) -> dict[str, Any]:
        """Each dataset's part of ``held`` clustered by the pair model fitted on ``train`` with outer fold
        ``outer``'s setting: (view, labels, gold) per dataset."""
        (c, top, days), t = self.chosen[outer]["setting"], self.chosen[outer]["threshold"]
        model = self.proto.fit(joined(train), c, t, top, days)
        out = {}
        for name in NAMES:
            ds = self.sets[name]
            idx = ds.where(held.get(name, []))
            if len(idx) < 2:  # noqa: PLR2004
                continue
            feats = ds.feats[np.ix_(idx, idx)]
            prob = model.probability(feats)
            np.fill_diagonal(prob, 1.0)
            labels = ours_cuts(ds, idx, model, [t])[t]
            out[name] = (StoryView(ds, idx, prob, days), labels, [ds.gold[ds.docs[i]] for i in idx], idx)
        return out

    def outer(self, n: int) -> dict[str, Any]:
        rest = [f for k, f in enumerate(self.folds) if k != n]
        inner = []  # per inner fold: the first pass of it (pair model fitted on the other two)
        for m, held in enumerate(rest):
            inner.append(self.first([f for k, f in enumerate(rest) if k != m], held, n))
        examples = [{name: (*story_pairs(v, lab, g), name) for name, (v, lab, g, _) in part.items()} for part in inner]
        f1: dict[tuple[tuple[float, bool], float], list[float]] = {}
        settings = [(c, dated) for c in C_GRID for dated in SCOPES]
        for m, part in enumerate(inner):
            for c in C_GRID:
                w, b = fit_story_model([r for k, ex in enumerate(examples) if k != m for r in ex.values()], c)
                for name, (v, lab, _g, idx) in part.items():
                    for dated in SCOPES:
                        merges = merge_order(v, lab, w, b, dated)
                        for t in T_GRID:
                            got = second_pass(lab, merges, t)
                            f1.setdefault(((c, dated), t), []).append(scores(self.sets[name], idx, got)["b3_f1"])
        mean = {k: float(np.mean(v)) for k, v in f1.items()}
        per = {s: plateau({t: mean[(s, t)] for t in T_GRID}) for s in settings}
        c, dated = max(settings, key=lambda s: mean[(s, per[s])])
        t = per[(c, dated)]
        w, b = fit_story_model([r for ex in examples for r in ex.values()], c)
        held = self.first(rest, self.folds[n], n)
        got, sweep, pairs = {}, {}, {}
        for name, (v, lab, _g, idx) in held.items():
            merges = merge_order(v, lab, w, b, dated)
            got[name] = (idx, lab, second_pass(lab, merges, t))
            pairs[name] = story_pairs(v, lab, _g)
            sweep[name] = {x: second_pass(lab, merges, x) for x in T_GRID}
        whole = {}
        if self.whole:  # each dataset clustered whole by this fold's models, its held-out documents scored
            every = {name: sorted(set(ds.group.values())) for name, ds in self.sets.items()}
            for name, (v, lab, _g, idx) in self.first(rest, every, n).items():
                test = {self.sets[name].docs[i] for i in self.sets[name].where(self.folds[n].get(name, []))}
                merges = merge_order(v, lab, w, b, dated)
                whole[name] = {key: held_scores(self.sets[name], idx, x, test)
                               for key, x in (("before", lab), ("after", second_pass(lab, merges, t)))}  # fmt: skip
        weights = dict(zip(STORY_FEATURES, np.round(w, 3).tolist(), strict=True))
        inner_f1 = round(mean[((c, dated), t)], 4)
        return {
            "C": c, "dated_only": dated, "threshold": t, "inner_f1": inner_f1,
            "inner_f1_off": round(mean[((c, dated), OFF)], 4), "weights": weights, "bias": round(b, 3),
            "labels": got, "sweep": sweep, "pairs": pairs, "whole": whole,
        }  # fmt: skip


def held_scores(ds: Dataset, idx: np.ndarray, labels: np.ndarray, test: set[str]) -> tuple[float, float, int]:
    """B-cubed precision and recall of the ``test`` documents within a clustering of ``idx``, and their count."""
    pred = {ds.docs[i]: str(lab) for i, lab in zip(idx, labels, strict=True)}
    p, r = bcubed_of(pred, ds.gold, sorted(test))
    return p, r, len(test)


def b3(p_sum: float, r_sum: float, n: float) -> dict[str, float]:
    p, r = p_sum / n, r_sum / n
    return {"b3_p": round(p, 4), "b3_r": round(r, 4), "b3_f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def feature_auc(held: dict[str, list[tuple[np.ndarray, np.ndarray]]]) -> dict[str, Any]:
    """Per dataset: how many predicted-story pairs (and one-story ones) the held-out first passes give, and the
    ROC AUC of each story-pair feature alone over them (a feature that may only part stories counted reversed)."""
    from sklearn.metrics import roc_auc_score

    out: dict[str, Any] = {}
    for name, parts in held.items():
        x, y = np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
        row: dict[str, Any] = {"story_pairs": len(y), "one_story": int(y.sum())}
        if 0 < y.sum() < len(y):
            for f, feat in enumerate(STORY_FEATURES):
                sign = -1 if STORY_SIGN.get(feat, 1) < 0 else 1
                row[feat] = round(float(roc_auc_score(y, sign * x[:, f])), 3)
        out[name] = row
    return out


def ds_idx(name: str, sets: dict[str, Dataset], fold: dict[str, list[str]]) -> np.ndarray:
    """The documents of dataset ``name`` in ``fold`` (as :meth:`Nested.first` takes them)."""
    return sets[name].where(fold.get(name, []))


def load_sets() -> tuple[Dataset, Dataset, Dataset, list[dict[str, list[str]]]]:
    """ECB+ dev, TBAQ and PolNeAR analysed and prepared, and the three-set protocol's 4 outer folds."""
    ecb, tbaq, pol, topics = load_three()
    for ds in (ecb, tbaq, pol):
        ds.prepare()
    pairs = split(topics, FOLDS)
    return ecb, tbaq, pol, [{"ecbplus-dev": p, "tbaq": [f"q{k}"], "polnear": [f"q{k}"]} for k, p in enumerate(pairs)]


def collect(
    res: dict[str, Any], n: int, sets: dict[str, Dataset], fold: dict[str, list[str]], acc: dict[str, Any]
) -> None:
    """Move outer fold ``n``'s labels, threshold sweep, whole-set scores and story pairs from ``res`` into ``acc``
    (pooled over the folds), leaving its settings and per-fold F1 in ``res``."""
    for name, (idx, before, after) in res.pop("labels").items():
        for key, lab in (("before", before), ("after", after)):
            i, ls = acc[key].setdefault(name, ([], []))
            i += list(idx)
            ls += [f"f{n}-{x}" for x in lab]
            res[f"f1_{name}_{key}"] = scores(sets[name], idx, lab)["b3_f1"]
    for name, by_t in res.pop("sweep").items():
        for t, lab in by_t.items():
            i, ls = acc["swept"][t].setdefault(name, ([], []))
            i += list(ds_idx(name, sets, fold))
            ls += [f"f{n}-{x}" for x in lab]
    for name, got in res.pop("whole").items():
        for key, (p, r, k) in got.items():
            sums = acc["whole"].setdefault(name, {}).setdefault(key, [0.0, 0.0, 0])
            sums[0], sums[1], sums[2] = sums[0] + p * k, sums[1] + r * k, sums[2] + k
    for name, (x, y) in res.pop("pairs").items():
        acc["pairs"].setdefault(name, []).append((x, y))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "cluster.json")
    ap.add_argument("--whole", action="store_true", help="also each fold's models clustering every set whole")
    args = ap.parse_args()
    saved = json.loads(args.out.read_text(encoding="utf-8"))
    block = saved["three_sets"]["three sets, balanced: ours"]
    chosen = block["folds"]
    ecb, tbaq, pol, folds = load_sets()
    nested = Nested([ecb, tbaq, pol], folds, chosen)
    nested.whole = args.whole
    rows = []
    sets = {ds.name: ds for ds in (ecb, tbaq, pol)}
    acc: dict[str, Any] = {"before": {}, "after": {}, "pairs": {}, "whole": {}, "swept": {t: {} for t in T_GRID}}
    for n in range(FOLDS):
        t0 = time.perf_counter()
        res = nested.outer(n)
        collect(res, n, sets, folds[n], acc)
        rows.append(res)
        print(f"outer fold {n}: {res} ({time.perf_counter() - t0:.0f} s)", flush=True)
    result: dict[str, Any] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "folds": rows}
    for key in ("before", "after"):
        result[key] = {name: scores(sets[name], np.array(i), np.array(ls)) for name, (i, ls) in acc[key].items()}
    result["feature_auc (each alone, the held-out folds' predicted story pairs)"] = feature_auc(acc["pairs"])
    if acc["whole"]:
        result["whole_set (each fold's models clustering the whole set, its held-out documents scored)"] = {
            name: {key: b3(*sums) for key, sums in per.items()} for name, per in acc["whole"].items()
        }
        result["whole_set_baseline"] = saved["three_sets"]["three sets: baseline"]["whole"]
    result["baseline"] = saved["three_sets"]["three sets: baseline"]["pooled"]
    # one threshold for every outer fold (each fold's own story-pair weights), read off the held-out folds
    # themselves: how much a better threshold choice could give, tuned on the data it is scored on
    result["threshold_sweep (tuned on the held-out folds, not a held-out figure)"] = {
        str(t): {name: scores(sets[name], np.array(i), np.array(ls))["b3_f1"] for name, (i, ls) in per.items()}
        for t, per in acc["swept"].items()
    }
    for name in NAMES:
        b, a, base = result["before"][name], result["after"][name], result["baseline"][name]
        print(f"{name:<12} pair pass P/R/F1 {b['b3_p']:.3f} {b['b3_r']:.3f} {b['b3_f1']:.3f} → with story pass "
              f"{a['b3_p']:.3f} {a['b3_r']:.3f} {a['b3_f1']:.3f} ({a['stories']}/{a['gold_stories']}); TF-IDF "
              f"{base['b3_f1']:.3f}")  # fmt: skip
    for name, per in acc["whole"].items():
        b, a = b3(*per["before"]), b3(*per["after"])
        print(f"{name:<12} whole set, held-out documents: {b['b3_p']:.3f} {b['b3_r']:.3f} {b['b3_f1']:.3f} → "
              f"{a['b3_p']:.3f} {a['b3_r']:.3f} {a['b3_f1']:.3f}")  # fmt: skip
    saved = json.loads(args.out.read_text(encoding="utf-8"))
    saved["story_pass"] = result
    args.out.write_text(json.dumps(saved, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"saved {args.out.name} (story_pass; the other entries kept)")


if __name__ == "__main__":
    main()
