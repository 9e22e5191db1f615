"""PolNeAR, the clustering set no fit or choice of ``bench/cluster.py`` sees (see its docstring), and the
measurement of what training on it would do.

* :func:`never_seen_rows`: a model and the TF-IDF baseline, both chosen on the other sets, clustering all of it
  (and the model streamed and in date-ordered ingests); the full run calls it for each protocol's final model.
* ``--never-seen-only`` (:func:`never_seen_only`): the same with the stored model, without any refit, and what
  it makes of the set's pairs (:func:`pair_reading`, saved as ``polnear_pairs``).
* ``--three-sets`` (:func:`three_sets`): the joint protocol with PolNeAR as a third set, a quarter of its
  stories (whole) in each outer fold, nested as for the others, beside the two-set protocol run on the same
  code: whether training on campaign news helps it without costing the other two; ``--balanced`` adds the
  three-set protocol with each set's candidate pairs weighing alike in the fit.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from cluster import (  # type: ignore[import-not-found]
    analysed_articles,
    batched,
    doc_of,
    fmt_row,
    protocols,
    shown_path,
    story_confusion,
    streamed,
    write_files,
)


def never_seen_rows(pol: Any, model: Any, distance: float, tag: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """PolNeAR, never seen by any fit or choice: ``model`` and the TF-IDF baseline at ``distance`` (both
    chosen on the other sets) each clustering the whole set; the model also streamed and in date-ordered
    ingests. Returns the rows and the per-story confusion of the model's clustering."""
    from cluster_fit import baseline_cuts, ours_cuts, scores

    every = np.arange(len(pol.docs))
    thr = model.threshold
    pred = ours_cuts(pol, every, model, [thr])[thr]
    rows: dict[str, dict[str, Any]] = {
        f"[{tag}] polnear never seen: ours": {"thr": thr, **scores(pol, every, pred)},
        f"[{tag}] polnear never seen: baseline": {
            "thr": distance, **scores(pol, every, baseline_cuts(pol, every, [distance])[distance])},
        f"[{tag}] polnear streamed one by one, date order": {"thr": thr, **streamed(pol, model)},
    }  # fmt: skip
    for k in (4, 10):
        rows[f"[{tag}] polnear in {k} date-ordered ingests, neighbourhood re-clustered"] = {
            "thr": thr, **batched(pol, model, k, bridge=False, recluster=True)}  # fmt: skip
    return rows, story_confusion({pol.docs[i]: str(lab) for i, lab in enumerate(pred)}, pol.gold)


#: A pair probability under this counts as the model seeing no link (the reading of :func:`pair_reading`).
FAINT = 0.04


def pair_reading(pol: Any, model: Any, labels: np.ndarray) -> dict[str, Any]:
    """What ``model`` makes of PolNeAR's pairs, its clustering ``labels`` of the whole set given: the same-story
    pairs' mean title-and-body cosine and the share of them under :data:`FAINT`; the different-story pairs it
    puts in one story, and the mean each feature adds to their logit (the weights of each pair's set, dated or
    undated)."""
    from storyline.compare.storypairs import FEATURES

    a, b = np.triu_indices(len(pol.docs), 1)
    x = pol.feats[a, b]
    gold = np.array([pol.gold[d] for d in pol.docs])
    same = gold[a] == gold[b]
    prob = model.probability(x)
    linked = (labels[a] == labels[b]) & ~same
    dated = np.array([model.weights.get(n, 0.0) for n in FEATURES])
    undated = np.array([model.undated.get(n, 0.0) for n in FEATURES]) if model.undated else dated
    w = np.where(model.is_undated(x[linked])[:, None], undated, dated)
    adds = (x[linked] * w).mean(axis=0) if linked.any() else np.zeros(len(FEATURES))
    return {
        "same_story_pairs": int(same.sum()),
        "same_story_content_mean": round(float(x[same, FEATURES.index("content")].mean()), 3),
        f"same_story_probability_under_{FAINT}": round(float((prob[same] < FAINT).mean()), 3),
        "same_story_probability_median": round(float(np.median(prob[same])), 3),
        "other_story_pairs_linked": int(linked.sum()),
        "linked_other_story_mean_logit_added": {
            n: round(float(v), 2) for n, v in sorted(zip(FEATURES, adds, strict=True), key=lambda kv: -abs(kv[1]))
            if abs(v) >= 0.05  # noqa: PLR2004 - what rounds to nothing is left out
        },
    }  # fmt: skip


def polnear_block(pol: Any, distance: float) -> dict[str, Any]:
    from cluster_fit import POLNEAR

    return {
        "path": shown_path(POLNEAR),
        "documents": len(pol.docs),
        "gold_stories": len(set(pol.gold.values())),
        "gold": "bench/data/cluster/polnear.tsv (by hand)",
        "text": "title + text (train and dev texts); the metadata's date as publication date, its publisher as source",
        "seen": "never: no weight, setting or threshold was fitted or chosen on it",
        "baseline_distance": f"{distance} (chosen on the sets the protocol tunes on, never on PolNeAR)",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def never_seen_only(
    args: argparse.Namespace,
    docs: dict[str, list[list[str]]],
    texts: dict[str, str],
    gold: dict[str, str],
    cache: Path | None,
) -> None:
    """``--never-seen-only``: :func:`never_seen_rows` with the stored model (``storyline/data/cluster.json``)
    and the baseline's distance as the joint protocol chooses it on ECB+ dev and TBAQ (texts alone: no
    refit). For the analysis only, each system's best threshold on PolNeAR itself (tuned on it: not a
    held-out figure). The rows are added to ``--out``, its other rows kept."""
    from cluster_fit import D_GRID, P_GRID, Dataset, baseline_cuts, load_polnear, load_tbaq, ours_cuts, scores

    from storyline.compare.storypairs import stored_model

    t = time.perf_counter()
    pol = load_polnear(cache=cache)
    print(f"PolNeAR: analysed {len(pol.arts)} articles in {time.perf_counter() - t:.1f} s (cached when fast)")
    pol.prepare()
    ids = list(docs)
    topic = {d: gold[d].split("/")[0] for d in ids}
    ecb = Dataset("ecbplus-dev", ids, gold, topic, texts, [])  # the baseline reads the texts alone
    proto, folds = protocols(ecb, load_tbaq(cache=cache), sorted(set(topic.values()), key=int))["joint"]
    distance = proto.choose(folds, "baseline")[1]
    model = stored_model()
    rows, conf = never_seen_rows(pol, model, distance, "stored")
    every = np.arange(len(pol.docs))
    reading = pair_reading(pol, model, ours_cuts(pol, every, model, [model.threshold])[model.threshold])
    for system, cuts in (
        ("ours", ours_cuts(pol, every, model, P_GRID)),
        ("baseline", baseline_cuts(pol, every, D_GRID)),
    ):
        t_best, labels = max(cuts.items(), key=lambda kv: scores(pol, every, kv[1])["b3_f1"])
        rows[f"polnear tuned on itself (not held out): {system} at its best threshold"] = {
            "thr": t_best, **scores(pol, every, labels)}  # fmt: skip
    print()
    for label, r in rows.items():
        print(fmt_row(label, r["thr"], r))
    print("\nPolNeAR, the stored model, each gold story of 2+ documents, split into:")
    print("\n".join(conf))
    out = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {"rows": {}}
    out.setdefault("data", {})["polnear"] = polnear_block(pol, distance)
    out["rows"] = {k: v for k, v in out.get("rows", {}).items() if "polnear" not in k} | rows
    out["polnear_confusion"] = [line.strip() for line in conf]
    out["polnear_pairs"] = reading
    print("\nPolNeAR pairs, the stored model:", json.dumps(reading, indent=1))
    args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nsaved {args.out.name} (PolNeAR rows; the others kept)")


#: What the stored model says of itself when fitted by ``--fit-three``.
ABOUT_THREE = (
    "Logistic weights over compare.storypairs.FEATURES, two sets (pairs whose event dates are both known: weights,"
    " bias; the others: undated_weights, undated_bias), fitted by bench/cluster.py --fit-three on the pairs of ECB+"
    " dev (196 documents, 8 topics), TBAQ (256 AP/NYT/Xinhua/WSJ/broadcast documents) and PolNeAR (375 US campaign"
    " articles of 2015-16), stories by hand in bench/data/cluster, each set's pairs weighing alike; C={C}, top={top},"
    " threshold {t} and the date window chosen by leave-one-fold-out over 4 folds of held-out topics and stories of"
    " all three; held-out (nested) figures in bench/results/cluster.json (three_sets)"
)


def fit_three(proto: Any, folds: Any) -> dict[str, Any]:
    """Fit the final model of ``proto`` (settings chosen by leave-one-fold-out over ``folds``, weights on all of
    them), write it as the stored model and return its settings."""
    from cluster_fit import joined

    from storyline.compare import storypairs

    (c, top, days), t, f1 = proto.choose(folds, "ours")
    model = proto.fit(joined(folds), c, t, top, days)
    model.extra = {"C": c, "cv_b3_f1": round(f1, 4)}
    model.about = ABOUT_THREE.format(C=c, top=model.top, t=model.threshold)
    target = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "cluster.json"
    target.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
    storypairs.stored_model.cache_clear()
    print(f"wrote {target.name}: C={c} top={model.top} threshold={model.threshold} days={days} cv F1 {f1:.4f}")
    return {
        "protocol": "three sets (ECB+ dev, TBAQ, PolNeAR), each set's pairs weighing alike",
        "C": c,
        "top": model.top,
        "threshold": model.threshold,
        "max_days": days,
        "cv_b3_f1_mean_of_sets (leave one fold out, the settings' choice; not held out)": round(f1, 4),
    }


def three_sets(
    args: argparse.Namespace,
    docs: dict[str, list[list[str]]],
    texts: dict[str, str],
    gold: dict[str, str],
    cache: Path | None,
) -> None:
    """``--three-sets``: held-out figures (nested CV, pooled folds and whole set) of the joint protocol on ECB+
    dev and TBAQ, and of the same protocol with PolNeAR as a third set fitted on and tuned on (4 outer folds,
    each 2 ECB+ topics, a quarter of TBAQ's and a quarter of PolNeAR's stories, whole), ours and the baseline.
    Saved in ``--out`` as ``three_sets``, the other entries kept."""
    from cluster_fit import FOLDS, Dataset, Protocol, load_polnear, load_tbaq, result_block, split

    ids = list(docs)
    topic = {d: gold[d].split("/")[0] for d in ids}
    with tempfile.TemporaryDirectory() as tmp:
        write_files(texts, Path(tmp))
        by_doc = {doc_of(a.path): a for a in analysed_articles(Path(tmp), cache)}  # type: ignore[attr-defined]
    ecb = Dataset("ecbplus-dev", ids, gold, topic, texts, [by_doc[d] for d in ids])
    tbaq, pol = load_tbaq(cache=cache), load_polnear(cache=cache)
    for ds in (ecb, tbaq, pol):
        ds.prepare()
    pairs = split(sorted(set(topic.values()), key=int), FOLDS)
    quarter = [[f"q{k}"] for k in range(FOLDS)]
    names = ["ecbplus-dev", "tbaq", "polnear"]
    runs = {
        "two sets": protocols(ecb, tbaq, sorted(set(topic.values()), key=int))["joint"],
        "three sets": (
            Protocol([ecb, tbaq, pol], names, names),
            [{"ecbplus-dev": p, "tbaq": q, "polnear": q} for p, q in zip(pairs, quarter, strict=True)],
        ),
    }
    if getattr(args, "balanced", False) or getattr(args, "fit_three", False):
        balanced = Protocol([ecb, tbaq, pol], names, names)
        balanced.balance = True
        runs["three sets, balanced"] = (balanced, runs["three sets"][1])
    if getattr(args, "fit_three", False):
        fitted = fit_three(balanced, runs["three sets"][1])
        out = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
        out["stored_model_fit"] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), **fitted}
        args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
        return
    block: dict[str, Any] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S")}
    for run, (proto, folds) in runs.items():
        for system in ("ours", "baseline") if not proto.balance else ("ours",):  # the baseline fits no weights
            res = proto.held_out(folds, system, whole=True)
            block[f"{run}: {system}"] = result_block(res)
            for ds_name, sc in res["pooled"].items():
                print(fmt_row(f"[{run}] {ds_name} held out: {system}", "cv", sc))
            for ds_name, sc in res["whole"].items():
                print(f"  {'whole set':<50} {ds_name:<12} {sc['b3_p']:.3f} {sc['b3_r']:.3f} {sc['b3_f1']:.3f}")
    out = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    out["three_sets"] = block
    args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nsaved {args.out.name} (three_sets; the other entries kept)")
