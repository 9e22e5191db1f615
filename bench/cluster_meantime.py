"""MEANTIME, a fourth clustering dev set never tuned on: 120 WikiNews articles of 2004–2013 in four topic corpora
(Airbus and Boeing, Apple, the car makers, the stock markets), every article a same-kind distractor of the others
of its corpus, with stories running for weeks and months (bench/data/cluster/meantime.tsv and its README).

No weight, setting or threshold is fitted or chosen on it. Printed and saved (``meantime`` in
bench/results/cluster.json, the other entries kept):

* ``stored``: the stored model (``storyline/data/cluster.json``, its threshold) clustering the whole set, beside
  the TF-IDF baseline at the distance the stored protocol chooses on the three other sets (leave-one-fold-out over
  its 4 folds: 2 ECB+ dev topics and a quarter of TBAQ's and of PolNeAR's stories each; ``Protocol.choose``);
* ``leave one set out``: the protocol of ``bench/cluster_transfer.py`` with MEANTIME the held-out set: the stored
  rule (``average``: average linkage, the stored strong link, a 240-day silence) fitted on ECB+ dev, TBAQ and
  PolNeAR (C 0.1, each set's pairs weighing alike), its threshold chosen by the inner leave-one-set-out over those
  three; TF-IDF's distance chosen on the same three curves;
* for the error analysis only (tuned on MEANTIME, never a held-out figure): each system's best threshold on it;
* ``splits``: where the stored model splits the multi-document stories of MEANTIME and of TBAQ (in-sample there:
  TBAQ is one of the stored model's training sets): :func:`split_reasons`.

* ``leave one set out, four sets`` and ``…, MEANTIME never fitted on``: the changes of :data:`CHANGES`, each set
  held out whole and clustered once, the setting and threshold chosen by the inner leave-one-set-out over the
  others (:func:`loso_four`); the first with every other set fitted and tuned on (MEANTIME too), the second with
  ECB+ dev, TBAQ and PolNeAR only (as ``cluster_transfer``), TF-IDF beside each.

    python bench/cluster_meantime.py [--no-changes] [--out FILE]

Measured (2026-12-07; B-cubed P / R / F1, stories for 88): never seen, the stored model 0.762 / 0.886 / 0.819 (72),
TF-IDF at the stored protocol's distance 0.556 / 0.881 / 0.682 (48); leave one set out, the stored rule 0.799 /
0.855 / 0.826 (78), TF-IDF 0.833 / 0.808 / 0.820 (86); tuned on MEANTIME (analysis only) 0.880 and 0.866. Changes,
F1 ECB+ dev / TBAQ / PolNeAR / MEANTIME held out, four sets: the stored rule 0.869 / 0.832 / 0.756 / 0.826, TF-IDF
0.827 / 0.908 / 0.729 / 0.820, ``strong link`` 0.799 / 0.832 / 0.753 / 0.840, ``long days`` 0.869 / 0.832 / 0.753 /
0.840, ``silence`` 0.869 / 0.837 / 0.756 / 0.827; MEANTIME never fitted on: the stored rule 0.914 / 0.892 / 0.733 /
0.826, TF-IDF 0.880 / 0.908 / 0.724 / 0.820, ``strong link`` 0.895 / 0.893 / 0.734 / 0.840, ``long days`` 0.923 /
0.893 / 0.734 / 0.840, ``silence`` 0.914 / 0.892 / 0.733 / 0.827. Nothing adopted (bench/data/cluster/README.md says
why, and where the stored rule splits the long stories).
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cluster_fit  # type: ignore[import-not-found]
import cluster_transfer as ct  # type: ignore[import-not-found]
import numpy as np
from cluster import story_confusion  # type: ignore[import-not-found]
from cluster_fit import Dataset, baseline_cuts, ours_cuts, plateau, scores  # type: ignore[import-not-found]

from storyline.compare.cluster import Silence, StrongLink
from storyline.compare.storypairs import FEATURES, PairModel, stored_model

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "cluster.json"
THREE = ("ecbplus-dev", "tbaq", "polnear")


def three_set_folds(topics: list[str]) -> list[dict[str, list[str]]]:
    """The stored protocol's 4 folds: 2 ECB+ dev topics and a quarter of TBAQ's and PolNeAR's stories each."""
    pairs = cluster_fit.split(topics, cluster_fit.FOLDS)
    return [{"ecbplus-dev": p, "tbaq": [f"q{k}"], "polnear": [f"q{k}"]} for k, p in enumerate(pairs)]


def tfidf_loso_distance(sets: dict[str, Dataset], train: list[str]) -> tuple[float, float]:
    """TF-IDF's distance as ``cluster_transfer.baseline_loso`` chooses it: the mean B-cubed F1 of the ``train``
    sets, each clustered whole, the middle of the near-best plateau; (distance, that mean F1)."""
    per: dict[float, list[float]] = {}
    for n in train:
        every = np.arange(len(sets[n].docs))
        for d, lab in baseline_cuts(sets[n], every, cluster_fit.D_GRID).items():
            per.setdefault(d, []).append(scores(sets[n], every, lab)["b3_f1"])
    mean = {d: float(np.mean(v)) for d, v in per.items()}
    d = plateau(mean)
    return d, mean[d]


def best_in_sample(ds: Dataset, cuts: dict[float, np.ndarray]) -> dict[str, Any]:
    every = np.arange(len(ds.docs))
    t, lab = max(cuts.items(), key=lambda kv: scores(ds, every, kv[1])["b3_f1"])
    return {"thr": t, **ct.f1_of(ds, every, lab)}


def gap_between(silence: Silence, a: list[int], b: list[int]) -> float:
    """Days between the event-date spans of two groups (0 when they overlap; NaN when either has none)."""
    la, ha, lb, hb = silence.starts[a], silence.ends[a], silence.starts[b], silence.ends[b]
    if np.all(np.isnan(la)) or np.all(np.isnan(lb)):
        return float("nan")
    return float(max(0.0, np.nanmin(lb) - np.nanmax(ha), np.nanmin(la) - np.nanmax(hb)))


def split_reasons(ds: Dataset, model: PairModel, labels: np.ndarray, least: int = 2) -> dict[str, Any]:  # noqa: C901, PLR0915
    """Why the gold stories of ``least`` documents or more are split by ``model``'s clustering ``labels`` of the whole
    set. For each two pieces of one gold story (predicted stories holding its documents) the condition that keeps
    them apart at the end of the agglomeration (every link left is below the threshold or barred):

    * ``silence``: joined, their event dates would leave a silence longer than the model's (:class:`Silence`);
    * ``strong, mean too low``: a strong pair joins them but their mean link is more than ``drop`` under the
      threshold;
    * ``strong denied: undated`` / ``strong denied: days``: a pair reaches the strong link's probability but one
      date is unknown, or it is further apart than the rule's days (``long_days`` with shared key words);
    * ``no strong pair``: no pair between them reaches the strong link's probability (then ``no candidate``
      when every pair is under the candidate similarity: the model scores them 0).

    Also: whether a piece holds documents of other stories (their pairs lower the mean), the days between the
    pieces, and, over the split and the kept same-story pairs, the mean of each feature and of each feature's
    addition to the pair's logit."""
    n = len(ds.docs)
    feats = ds.feats
    p = model.probability(feats)
    link = StrongLink.of(model)
    strong = link.pairs(feats, p) if link else np.zeros((n, n), dtype=bool)
    silence = Silence.of(model, ds.events, p)
    gold = np.array([ds.gold[d] for d in ds.docs])
    size = Counter(gold.tolist())
    cand = p > 0
    reasons: Counter[str] = Counter()
    rows = []
    for g in sorted((g for g in size if size[g] >= least), key=lambda g: -size[g]):
        members = np.flatnonzero(gold == g)
        pieces = sorted({int(labels[i]) for i in members})
        if len(pieces) < 2:  # noqa: PLR2004
            continue
        groups = {q: list(np.flatnonzero(labels == q)) for q in pieces}
        for x, qa in enumerate(pieces):
            for qb in pieces[x + 1 :]:
                a, b = groups[qa], groups[qb]
                block = p[np.ix_(a, b)]
                mean, top = float(block.mean()), float(block.max())
                own_a, own_b = [i for i in a if gold[i] == g], [i for i in b if gold[i] == g]
                gap = gap_between(silence, own_a, own_b) if silence else float("nan")
                if silence is not None and not silence.joins(a, b):
                    why = "silence"
                elif link and strong[np.ix_(a, b)].any():
                    why = "strong, mean too low"
                elif link and top >= link.probability:
                    i, j = np.unravel_index(int(np.argmax(block)), block.shape)
                    undated = feats[a[i], b[j], FEATURES.index("date_unknown")] > 0
                    why = "strong denied: undated" if undated else "strong denied: days"
                elif not cand[np.ix_(a, b)].any():
                    why = "no candidate"
                else:
                    why = "no strong pair"
                reasons[why] += 1
                rows.append({
                    "story": g, "pieces": [len(own_a), len(own_b)],
                    "others_in_pieces": len(a) - len(own_a) + len(b) - len(own_b),
                    "mean": round(mean, 3), "max": round(top, 3), "gap_days": None if np.isnan(gap) else round(gap),
                    "why": why,
                })  # fmt: skip
    a_idx, b_idx = np.triu_indices(n, 1)
    same = gold[a_idx] == gold[b_idx]
    split = same & (labels[a_idx] != labels[b_idx])
    kept = same & ~split
    x = feats[a_idx, b_idx]
    dated = np.array([model.weights.get(f, 0.0) for f in FEATURES])
    undated_w = np.array([model.undated.get(f, 0.0) for f in FEATURES]) if model.undated else dated
    w = np.where(model.is_undated(x)[:, None], undated_w, dated)
    adds = x * w

    def summary(mask: np.ndarray) -> dict[str, Any]:
        if not mask.any():
            return {"pairs": 0}
        days = x[mask, FEATURES.index("date_gap")] * 365.0
        known = x[mask, FEATURES.index("date_unknown")] == 0
        return {
            "pairs": int(mask.sum()),
            "probability_median": round(float(np.median(p[a_idx[mask], b_idx[mask]])), 3),
            "under_0.05": int((p[a_idx[mask], b_idx[mask]] < 0.05).sum()),  # noqa: PLR2004
            "not_candidates": int((~cand[a_idx[mask], b_idx[mask]]).sum()),
            "dated": int(known.sum()),
            "days_median": round(float(np.median(days[known]))) if known.any() else None,
            "over_14_days": int((days[known] > 14.5).sum()),  # noqa: PLR2004
            "over_30_days": int((days[known] > 30.5).sum()),  # noqa: PLR2004
            "feature_mean": {f: round(float(v), 3) for f, v in zip(FEATURES, x[mask].mean(axis=0), strict=True)
                             if abs(v) >= 0.005},  # noqa: PLR2004
            "logit_added_mean": {f: round(float(v), 2) for f, v in zip(FEATURES, adds[mask].mean(axis=0), strict=True)
                                 if abs(v) >= 0.01},  # noqa: PLR2004
        }  # fmt: skip

    return {"piece_pairs": dict(reasons.most_common()), "pieces": rows, "split_pairs": summary(split),
            "kept_pairs": summary(kept)}  # fmt: skip


def report_splits(name: str, res: dict[str, Any]) -> None:
    print(f"\n{name}: pieces of one gold story kept apart, by condition: {res['piece_pairs']}")
    for r in res["pieces"]:
        print(f"  {r['story']:<44} {r['pieces']} +{r['others_in_pieces']} other  mean {r['mean']:.3f} max "
              f"{r['max']:.3f} gap {r['gap_days']}  {r['why']}")  # fmt: skip
    for k in ("split_pairs", "kept_pairs"):
        s = res[k]
        print(f"  {k}: " + ", ".join(f"{a} {b}" for a, b in s.items() if not isinstance(b, dict)))
        if "logit_added_mean" in s:
            print("    logit added: " + ", ".join(f"{a} {b:+.2f}" for a, b in s["logit_added_mean"].items()))


#: Strong-link settings measured as a change: the longest span of a strong pair that shares its key
#: words (``long_days``), how much a strong pair lifts the mean (``drop``) and the probability a strong pair needs.
STRONG_GRID = tuple(
    {"long_days": d, "drop": drop, "probability": q}
    for d in (30, 60, 120, 240)
    for drop in (0.2, 0.3)
    for q in (0.5, 0.4)
)


#: Longest silences in a story measured as a change, days (the stored one: 240).
SILENCE_GRID = tuple({"silence": d} for d in (365, 480, 730))
#: The changes measured leave one set out, each a list of settings (None: the stored rule's) chosen among by the
#: inner leave-one-set-out. ``long days``: the strong link's span for a pair sharing its key words alone (set after
#: the ``strong link`` grid's run: it is that grid's choice in 3 of 4 folds, drop and probability left as stored).
CHANGES: dict[str, list[dict[str, float] | None]] = {
    "stored rule": [None],
    "strong link": [None, *STRONG_GRID],
    "long days": [None, *({"long_days": d} for d in (60, 120, 240))],
    "silence": [None, *SILENCE_GRID],
}


def with_strong(m: PairModel, setting: dict[str, float]) -> PairModel:
    """``m`` with its strong link's settings (and, under ``silence``, its longest silence) replaced by ``setting``
    (a copy)."""
    other = copy.copy(m)
    link = {k: v for k, v in setting.items() if k != "silence"}
    other.extra = {**m.extra, "strong_link": {**m.extra["strong_link"], **link}}
    if "silence" in setting:
        other.extra["silence"] = {"days": int(setting["silence"])}
    return other


def loso_four(
    sets: dict[str, Dataset], settings: Sequence[dict[str, float] | None], pool: Sequence[str] = ()
) -> dict[str, Any]:
    """Each of the four sets held out whole: the pair model fitted on the three others (``cluster_transfer.model_on``:
    C 0.1, the stored strong link, a 240-day silence), the strong-link setting among ``settings`` (None: the stored
    one) and the threshold chosen by the inner leave-one-set-out over those three (fitted on two, the third
    clustered whole; the mean B-cubed F1; the threshold the middle of its near-best plateau); the held-out set
    clustered once. With ``pool``, only those sets are fitted and tuned on (MEANTIME never: the others are held out
    with two sets to fit and choose on, as in ``cluster_transfer``)."""
    out: dict[str, Any] = {}
    rule = ("average", 0.0)
    for held, ds in sets.items():
        train = [n for n in sets if n != held and (not pool or n in pool)]
        tr = {n: sets[n] for n in train}
        models = {n: ct.model_on([tr[o] for o in train if o != n], 0.1) for n in train}
        ranked = []
        for k, setting in enumerate(settings):
            use = {n: with_strong(m, setting) if setting else m for n, m in models.items()}
            f1, t = ct.inner_choice(use, tr, train, rule)
            ranked.append((f1, -k, t, setting))
        f1, _, t, setting = max(ranked, key=lambda r: (r[0], r[1]))
        m = ct.model_on(list(tr.values()), 0.1)
        m = with_strong(m, setting) if setting else m
        every = np.arange(len(ds.docs))
        out[held] = {"setting": setting or "stored", "threshold": t, "inner_f1": round(f1, 4),
                     **ct.f1_of(ds, every, ct.rule_cuts(m, ds, every, rule, [t])[t])}  # fmt: skip
        print(f"  held out {held:<12} {out[held]}", flush=True)
    return out


def loso_model(sets: dict[str, Dataset], held: str, train: list[str]) -> PairModel:
    """The stored rule as ``cluster_transfer`` holds ``held`` out: fitted on ``train`` (C 0.1), its threshold by the
    inner leave-one-set-out over them."""
    tr = {n: sets[n] for n in train}
    models = {n: ct.model_on([tr[o] for o in train if o != n], 0.1) for n in train}
    _, t = ct.inner_choice(models, tr, train, ("average", 0.0))
    m = ct.model_on(list(tr.values()), 0.1)
    m.threshold = float(t)
    return m


def tfidf_held_out(sets: dict[str, Dataset], pool: Sequence[str]) -> dict[str, Any]:
    """TF-IDF, each set held out whole, its distance chosen on the other sets (of ``pool``, when given)."""
    out: dict[str, Any] = {}
    for held, ds in sets.items():
        d, f1 = tfidf_loso_distance(sets, [n for n in sets if n != held and (not pool or n in pool)])
        idx = np.arange(len(ds.docs))
        out[held] = {"distance": d, "inner_f1": round(f1, 4), **ct.f1_of(ds, idx, baseline_cuts(ds, idx, [d])[d])}
        print(f"  TF-IDF held out {held:<12} {out[held]}", flush=True)
    return out


def changes(sets: dict[str, Dataset]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each change of :data:`CHANGES` and TF-IDF, leave one set out: over the four sets, and with MEANTIME never
    fitted on."""
    four: dict[str, Any] = {"TF-IDF": tfidf_held_out(sets, ())}
    pool: dict[str, Any] = {"TF-IDF": tfidf_held_out(sets, THREE)}
    for name, grid in CHANGES.items():
        for tag, where, on in (("four sets", four, ()), ("MEANTIME never fitted on", pool, THREE)):
            print(f"{name} ({tag})")
            where[name] = loso_four(sets, grid, on)
    return four, pool


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--no-changes", action="store_true", help="skip the four-set leave-one-set-out of the changes")
    args = ap.parse_args()
    ecb, tbaq, pol, topics = cluster_fit.load_three()
    mt = cluster_fit.load_meantime(cache=cluster_fit.BENCH_CACHE)
    for ds in (ecb, tbaq, pol, mt):
        ds.prepare()
    sets = {"ecbplus-dev": ecb, "tbaq": tbaq, "polnear": pol, "meantime": mt}
    every = np.arange(len(mt.docs))
    block: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "data": {
            "path": "../shared/data/meantime-en (intra-doc_annotation)",
            "documents": len(mt.docs),
            "gold_stories": len(set(mt.gold.values())),
            "gold": "bench/data/cluster/meantime.tsv (by hand)",
            "seen": "never: no weight, setting or threshold fitted or chosen on it",
        },  # fmt: skip
    }
    model = stored_model()
    t = model.threshold
    stored_labels = ours_cuts(mt, every, model, [t])[t]
    proto = cluster_fit.Protocol([ecb, tbaq, pol], list(THREE), list(THREE))
    distance = proto.choose(three_set_folds(topics), "baseline")[1]
    block["stored"] = {
        "ours (stored model)": {"thr": t, **ct.f1_of(mt, every, stored_labels)},
        "TF-IDF (the stored protocol's distance)": {
            "distance": distance, **ct.f1_of(mt, every, baseline_cuts(mt, every, [distance])[distance])},
    }  # fmt: skip
    three = {n: sets[n] for n in THREE}
    models = {n: ct.model_on([three[o] for o in THREE if o != n], 0.1) for n in THREE}
    inner, t_loso = ct.inner_choice(models, three, list(THREE), ("average", 0.0))
    m3 = ct.model_on(list(three.values()), 0.1)
    d_loso, d_inner = tfidf_loso_distance(three, list(THREE))
    block["leave one set out"] = {
        "average (the stored rule)": {"threshold": t_loso, "inner_f1": round(inner, 4), **ct.f1_of(
            mt, every, ct.rule_cuts(m3, mt, every, ("average", 0.0), [t_loso])[t_loso])},
        "TF-IDF": {"distance": d_loso, "inner_f1": round(d_inner, 4),
                   **ct.f1_of(mt, every, baseline_cuts(mt, every, [d_loso])[d_loso])},
    }  # fmt: skip
    block["tuned on MEANTIME (analysis only, not held out)"] = {
        "stored model at its best threshold": best_in_sample(mt, ours_cuts(mt, every, model, cluster_fit.P_GRID)),
        "TF-IDF at its best distance": best_in_sample(mt, baseline_cuts(mt, every, cluster_fit.D_GRID)),
    }
    for part, rows in block.items():
        if isinstance(rows, dict) and part != "data":
            for name, r in rows.items():
                how = {k: v for k, v in r.items() if k in ("thr", "threshold", "distance", "inner_f1")}
                print(f"{part:<48} {name:<40} P {r['b3_p']:.3f} R {r['b3_r']:.3f} F1 {r['b3_f1']:.3f} "
                      f"{r['stories']}/{r['gold_stories']} stories {how}")  # fmt: skip
    conf = story_confusion({mt.docs[i]: str(lab) for i, lab in enumerate(stored_labels)}, mt.gold)
    print("\nMEANTIME, the stored model, each gold story of 2+ documents, split into:\n" + "\n".join(conf))
    block["confusion"] = [line.strip() for line in conf]
    every_t = np.arange(len(tbaq.docs))
    block["splits"] = {
        "meantime (never seen)": split_reasons(mt, model, stored_labels),
        "tbaq (in-sample)": split_reasons(tbaq, model, ours_cuts(tbaq, every_t, model, [t])[t]),
    }
    held_tbaq = loso_model(sets, "tbaq", ["ecbplus-dev", "polnear"])
    block["splits"]["tbaq (held out, leave one set out: fitted and tuned on ECB+ dev and PolNeAR)"] = split_reasons(
        tbaq,
        held_tbaq,
        ct.rule_cuts(held_tbaq, tbaq, every_t, ("average", 0.0), [held_tbaq.threshold])[held_tbaq.threshold],
    )
    for name, res in block["splits"].items():
        report_splits(name, res)
    if not args.no_changes:
        print("\nleave one set out over the four sets (MEANTIME fitted and tuned on when another set is held out):")
        block["leave one set out, four sets"], block["leave one set out, MEANTIME never fitted on"] = changes(sets)
    out = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    out["meantime"] = block
    args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nsaved {args.out.name} (meantime; the other entries kept)")


if __name__ == "__main__":
    main()
