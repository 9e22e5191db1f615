"""Held-out checks of bench/dates.py: the present/past/future word table left one group out, the numeric settings
chosen on one half of the development documents, TempEval-3 train in two folds, and the errors broken down."""

from __future__ import annotations

import collections
import datetime as dt

from date_score import ERROR_KINDS, TYPES, _f1, _pairs, overlaps, run_ours, score_all

REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
#: A present/past/future word is kept when at least this share of its mentions is a gold TIMEX3 with its value
#: (fixed, not tuned: below about half, a word costs value F1 more than it brings).
KEEP_PRECISION = 0.5


def _ref_word(p: tuple) -> str | None:
    return " ".join(p[2].lower().split()) if p[3] in REFS else None


def _ref_stats(group_docs: list[dict], cache: dict) -> collections.Counter:
    """How often each present/past/future word is said (``n:``) and right (``ok:``)."""
    c: collections.Counter = collections.Counter()
    for d in group_docs:
        for g, p in _pairs(d["timexes"], cache[id(d)]):
            if p is not None and _ref_word(p) and p[3] == g[3]:
                c[f"ok:{_ref_word(p)}"] += 1
        for p in cache[id(d)]:
            if _ref_word(p):
                c[f"n:{_ref_word(p)}"] += 1
    return c


def _ref_f1(group_docs: list[dict], cache: dict, keep: set[str] | None) -> tuple[int, int, int]:
    tp = n_pred = n_gold = 0
    for d in group_docs:
        preds = [p for p in cache[id(d)] if keep is None or _ref_word(p) is None or _ref_word(p) in keep]
        n_pred += len(preds)
        n_gold += len(d["timexes"])
        tp += sum(1 for g, p in _pairs(d["timexes"], preds) if p is not None and p[3] == g[3])
    return tp, n_pred, n_gold


def ref_word_cv(docs: list[dict]) -> dict:
    """Leave-one-group-out check of choosing the present/past/future words ("now", "currently", "recent" → ``*_REF``,
    :data:`storyline.analyse.timex.REF_WORDS`) by how often each is right: on each group (TimeBank, AQUAINT and
    each MEANTIME development topic) left out, the words whose precision on the other groups reaches
    :data:`KEEP_PRECISION` are kept, and the left-out group is scored with all words, with the kept ones, and
    with none. Pooled over the groups, that says whether pruning the table by its own figures would pay on
    text it was not chosen on."""
    cache = {
        id(d): [
            p
            for p in run_ours(d["text"], dt.date.fromisoformat(d["dct"]))
            if not any(overlaps(p[:2], sp) for sp in d["ignore_spans"])
        ]
        for d in docs
    }
    out: dict = {"groups": {}, "keep_precision": KEEP_PRECISION}
    pooled: dict[str, list[int]] = {k: [0, 0, 0] for k in ("all", "kept", "none")}
    for g in sorted({d["group"] for d in docs}):
        train = _ref_stats([d for d in docs if d["group"] != g], cache)
        words = sorted({k[2:] for k in train if k.startswith("n:")})
        kept = {w for w in words if train["ok:" + w] / train["n:" + w] >= KEEP_PRECISION}
        test = [d for d in docs if d["group"] == g]
        row = {"dropped": sorted(set(words) - kept)}
        for name, keep in (("all", None), ("kept", kept), ("none", set())):
            tp, n_pred, n_gold = _ref_f1(test, cache, keep)
            row[name] = _f1(tp, n_pred, n_gold)["f1"]
            pooled[name] = [a + b for a, b in zip(pooled[name], (tp, n_pred, n_gold), strict=True)]
        out["groups"][g] = row
    out["pooled"] = {k: _f1(*v)["f1"] for k, v in pooled.items()}
    everything = _ref_stats(docs, cache)
    out["dropped_on_all"] = sorted(
        k[2:] for k in everything if k.startswith("n:") and everything["ok:" + k[2:]] / everything[k] < KEEP_PRECISION
    )
    return out


#: The resolver's numeric settings and the values tried for each (module, name): the distances and weights the
#: rules count with (see each one's comment in its module).
SETTINGS: dict[tuple[str, str], tuple[float, ...]] = {
    ("storyline.analyse.date_tense", "AHEAD_WEIGHT"): (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0),
    ("storyline.analyse.periods", "NEAR"): (0, 200, 400, 800, 1500, 100000),
    ("storyline.analyse.dates", "CLOCK_REACH"): (0, 100, 200, 400, 800, 100000),
}


def half_of(doc: dict) -> str:
    """ "A" or "B": a development document's half, from its name's hash (the same split on every run)."""
    import hashlib

    return "AB"[int(hashlib.sha1(doc["doc"].encode()).hexdigest(), 16) % 2]


def setting_halves(docs: list[dict]) -> dict:
    """Leave-documents-out check of each numeric setting (:data:`SETTINGS`): the development documents are split
    in two halves (:func:`half_of`); on each half the value with the best all-types value F1 is chosen (ties: the
    smaller value) and the other half is scored with it, beside the value in the code. A setting generalises when
    the value chosen on either half does as well on the other as the one in the code."""
    import importlib

    halves = {h: [d for d in docs if half_of(d) == h] for h in "AB"}
    out: dict = {}
    for (module, name), values in SETTINGS.items():
        mod = importlib.import_module(module)
        kept = getattr(mod, name)
        f1s: dict[str, dict[float, float]] = {h: {} for h in "AB"}
        try:
            for v in values:
                setattr(mod, name, v)
                for h, ds in halves.items():
                    f1s[h][v] = score_all(ds, run_ours, "ours")["value"]["f1"]
        finally:
            setattr(mod, name, kept)
        row: dict = {"in_code": kept, "values": list(values), "value_f1": {h: list(f1s[h].values()) for h in "AB"}}
        for h, other in (("A", "B"), ("B", "A")):
            best = max(values, key=lambda v, h=h: (f1s[h][v], -v))
            row[f"chosen_on_{h}"] = {
                "value": best,
                f"{other}_with_it": f1s[other][best],
                f"{other}_with_code": f1s[other].get(kept),
            }
        out[f"{module.rsplit('.', 1)[1]}.{name}"] = row
    return out


#: TempEval-3 train in two folds by :func:`half_of`: fold A's errors are read to write rules; fold B's are never
#: listed, so a change's effect on B is measured on documents it was not written from — the same annotation as the
#: TempEval-3 test data, which MEANTIME is not.
TE3_FOLDS = {"A": "tempeval3-train fold A (errors read)", "B": "tempeval3-train fold B (errors never read)"}


def te3_folds(docs: list[dict], system=run_ours, name: str = "ours") -> list[dict]:
    """The all-types rows of a system on each TempEval-3 train fold (:data:`TE3_FOLDS`), ours on B marked held out."""
    rows = []
    for h, label in TE3_FOLDS.items():
        fold = [d for d in docs if half_of(d) == h]
        held = {"held_out": h == "B", "about": label} if name == "ours" else {}
        rows.append({"data": f"tempeval3-train-{h}", **held, **score_all(fold, system, name)})
    return rows


def error_costs(row: dict) -> dict[str, dict]:
    """What each kind of error (:data:`date_score.ERROR_KINDS`, all TIMEX3 types together) costs a set's all-types value
    F1: the F1 with every error of that kind fixed and nothing else changed, less the F1 now. Fixing a missed span adds
    a right prediction, an extra span takes a prediction away, a wrong value (with or without the type) becomes right;
    a wrong type alone or a span off only costs type or strict F1, not value F1."""
    tp, n_pred, n_gold = row["value_hits"], row["pred"], row["gold"]
    now = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
    out = {}
    for kind in ERROR_KINDS:
        n = sum(row["errors"][t].get(kind, 0) for t in TYPES)
        d_tp, d_pred = {
            "missed span": (n, n),
            "extra span": (0, -n),
            "wrong value": (n, 0),
            "wrong value and type": (n, 0),
        }.get(kind, (0, 0))
        fixed = 2 * (tp + d_tp) / (n_pred + d_pred + n_gold) if n_pred + d_pred + n_gold else 0.0
        out[kind] = {"errors": n, "value_f1_cost": round(fixed - now, 4)}
    return out


def breakdown_table(rows: list[dict]) -> str:
    """The errors of ours by set, TIMEX3 type and kind (:data:`date_score.ERROR_KINDS`), one line a set and type."""
    h = f"{'data':<20} {'type':<9} {'gold':>5} " + " ".join(f"{k:>{max(7, len(k))}}" for k in ERROR_KINDS)
    lines = [h, "-" * len(h)]
    for r in rows:
        for t in TYPES:
            errs = r["errors"][t]
            lines.append(
                f"{r['data']:<20} {t:<9} {r['per_type_value'][t]['gold']:>5} "
                + " ".join(f"{errs.get(k, 0):>{max(7, len(k))}}" for k in ERROR_KINDS)
            )
        costs = error_costs(r)
        lines.append(
            f"{r['data']:<20} {'F1 cost':<9} {'':>5} "
            + " ".join(f"{costs[k]['value_f1_cost']:>{max(7, len(k))}.4f}" for k in ERROR_KINDS)
        )
    return "\n".join(lines)
