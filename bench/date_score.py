"""The all-types TIMEX3 measure of bench/dates.py (TempEval-3 official scorer's definitions) and our system's
output as TIMEX3, shared by bench/dates.py and bench/date_cv.py."""

from __future__ import annotations

import collections
import datetime as dt
import re
import time

from storyline.analyse.dates import extract_dates
from storyline.analyse.timex import extent


def run_ours(text: str, ref: dt.date) -> list[tuple[int, int, str, str | None, str]]:
    """Our mentions as TIMEX3: the span without its leading preposition ("on Monday" → "Monday", see
    :func:`storyline.analyse.timex.extent`), which only the strict span match sees."""
    out = []
    for m in extract_dates(text, ref):
        k = extent(m.text)
        out.append((m.start + k, m.end, m.text[k:], m.value, m.type))
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def shape(s: str) -> str:
    s = s.lower()
    s = re.sub(
        r"\b(january|february|march|april|may|june|july|august|september|october|november|december"
        r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?",
        "MONTH",
        s,
    )
    s = re.sub(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", "WEEKDAY", s)
    s = re.sub(r"\d", "9", s)
    return s


def vshape(v: str | None) -> str:
    if v is None:
        return "None"
    return re.sub(r"\d", "9", v)


TYPES = ("DATE", "TIME", "DURATION", "SET")


def _f1(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _pairs(gold: list, preds: list) -> list[tuple[tuple, tuple | None]]:
    """One-to-one gold ↔ prediction pairs: an exact-span prediction first, else the first overlapping one."""
    used: set[int] = set()
    out = []
    for g in gold:
        cands = [i for i, p in enumerate(preds) if i not in used and overlaps(p[:2], g[:2])]
        exact = [i for i in cands if preds[i][:2] == g[:2]]
        i = (exact or cands or [None])[0]
        if i is not None:
            used.add(i)
        out.append((g, preds[i] if i is not None else None))
    return out


def error_kind(g: tuple | None, p: tuple | None) -> str | None:
    """What is wrong with a gold ↔ prediction pair (:data:`ERROR_KINDS`), None when nothing is."""
    if g is None:
        return "extra span"
    if p is None:
        return "missed span"
    if p[3] != g[3]:
        return "wrong value and type" if p[4] != g[2] else "wrong value"
    if p[4] != g[2]:
        return "wrong type only"
    return "span only" if p[:2] != g[:2] else None


#: The kinds of error :func:`breakdown` counts: the first four cost value F1, the last two only type or strict F1.
ERROR_KINDS = ("missed span", "extra span", "wrong value", "wrong value and type", "wrong type only", "span only")


def _score_doc(d: dict, preds: list, c: collections.Counter, per: dict, misses_out: list | None) -> None:
    """Add one document's counts to ``c`` (all types), ``per`` (per type) and ``c`` 's ``(type, error kind)``
    keys (the gold's type, the prediction's for an extra span)."""
    gold = [(s, e, typ, val) for s, e, typ, val in d["timexes"]]
    c["gold"] += len(gold)
    c["pred"] += len(preds)
    matched: set[tuple] = set()
    for g, p in _pairs(gold, preds):
        kind = error_kind(g, p)
        if kind:
            c[(g[2], kind)] += 1
        if misses_out is not None and kind in ERROR_KINDS[:4]:
            misses_out.append(_miss(d, g, p))
        if p is None:
            continue
        matched.add(p[:2])
        c["relaxed"] += 1
        c["strict"] += p[:2] == g[:2]
        c["value"] += p[3] == g[3]
        c["type"] += p[4] == g[2]
    for p in preds:
        if p[:2] not in matched:
            c[(p[4], "extra span")] += 1
            if misses_out is not None:
                misses_out.append(_miss(d, None, p))
    for t in TYPES:
        gt = [g for g in gold if g[2] == t]
        pt = [p for p in preds if p[4] == t]
        per[t]["gold"] += len(gt)
        per[t]["pred"] += len(pt)
        per[t]["value"] += sum(1 for g, p in _pairs(gt, pt) if p is not None and p[3] == g[3])


def score_all(docs: list[dict], system, name: str, misses_out: list | None = None) -> dict:
    """Every TIMEX3 type, with the TempEval-3 official scorer's measures: strict (exact span) and relaxed
    (overlap) extraction P/R/F1, and value and type F1 (a relaxed match whose attribute equals the gold's,
    over system and gold counts). Values are compared as strings, exactly. Per type: gold of that type against
    predictions of that type, value F1. ``errors``: the count of each kind of error by TIMEX3 type."""
    c: collections.Counter = collections.Counter()
    per: dict[str, collections.Counter] = {t: collections.Counter() for t in TYPES}
    t0 = time.perf_counter()
    for d in docs:
        ref = dt.date.fromisoformat(d["dct"])
        preds = [p for p in system(d["text"], ref) if not any(overlaps(p[:2], sp) for sp in d["ignore_spans"])]
        _score_doc(d, preds, c, per, misses_out)
    return {
        "system": name,
        "docs": len(docs),
        "gold": c["gold"],
        "pred": c["pred"],
        "strict": _f1(c["strict"], c["pred"], c["gold"]),
        "relaxed": _f1(c["relaxed"], c["pred"], c["gold"]),
        "value": _f1(c["value"], c["pred"], c["gold"]),
        "value_hits": c["value"],
        "type": _f1(c["type"], c["pred"], c["gold"]),
        "per_type_value": {
            t: {"gold": per[t]["gold"], "pred": per[t]["pred"], **_f1(per[t]["value"], per[t]["pred"], per[t]["gold"])}
            for t in TYPES
        },
        "errors": {t: {k: c[(t, k)] for k in ERROR_KINDS if c[(t, k)]} for t in TYPES},
        "seconds": round(time.perf_counter() - t0, 2),
    }


def _miss(d: dict, g: tuple | None, p: tuple | None) -> dict:
    text = d["text"]
    if g is None:
        assert p is not None
        kind = f"FALSE HIT {shape(p[2])} [{p[4]} {vshape(p[3])}]"
    elif p is None:
        kind = f"MISSED {g[2]} {shape(text[g[0] : g[1]])} [{vshape(g[3])}]"
    else:
        kind = f"WRONG {g[2]} {shape(text[g[0] : g[1]])} [{vshape(g[3])}] → {p[4]} {vshape(p[3])}"
    ex = (f"gold {text[g[0] : g[1]]!r}={g[3]} ({g[2]})" if g else "no gold") + (
        f"; ours {p[2]!r}={p[3]} ({p[4]})" if p else "; ours none"
    )
    return {"doc": d["doc"], "dct": d["dct"], "kind": kind, "example": ex}
