"""Date extraction: TIMEX3 value accuracy of ours beside plain dateparser, in one run.

    python bench/dates.py [--limit N] [--no-dateparser] [--no-meantime] [--show-misses N]

Data (paths relative to the repo root; nothing is copied into the repo):

* ``../shared/data/tempeval3-train/TBAQ-cleaned/{TimeBank,AQUAINT}`` — the TempEval-3 *training*
  data (TBAQ-cleaned, TimeML ``.tml``). ``testpipeline`` (one file, a duplicate of a TimeBank file)
  is left out. Nothing in ``dates.py`` was tuned on it in this bench.
* ``../shared/data/meantime-en/.../intra-doc_annotation`` — MEANTIME English (120 WikiNews articles,
  NAF-like XML with tokens and TIMEX3 anchored on token ids). The text is rebuilt from tokens (one
  space between tokens, none before , . ; : ) 's n't % and after ( $, a newline between sentences), so
  it reads close to the original ("December 10, 2013") but not exactly. Only sentences 0-5 (title,
  dateline, first four sentences) are annotated, so only those are read. Two docs have no DCT value and
  are left out.

Reference date: the document creation time (TIMEX3 with ``functionInDocument="CREATION_TIME"``),
given to ``extract_dates`` as ``ref_date`` and to ``dateparser.search.search_dates`` as
``RELATIVE_BASE``. In TimeML the DCT sits outside ``<TEXT>`` and only ``<TEXT>`` is read; in MEANTIME
the DCT is the dateline inside the text, so it is not a gold item and predictions overlapping it are
ignored.

Gold: TIMEX3 of type DATE, and TIME truncated to the date (``1998-08-07T10:00`` → ``1998-08-07``).
Skipped, and counted: DURATION and SET (and P… duration values under another type),
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, and any value
with an ``X`` (underspecified, e.g. ``XXXX-XX-XX``, ``1998-WXX``). Predictions that overlap a skipped
timex are neither right nor wrong (ignored).

Measures (micro-averaged over documents; match = character spans overlap):

* extraction precision (predictions overlapping an in-scope gold / scored predictions), recall (gold
  overlapped by a prediction), F1;
* value accuracy on matched gold: some overlapping prediction has the gold value;
* value P/R/F1: a true positive needs overlap AND equal value. Values are compared at the gold's
  precision: ours is cut to the gold's length (gold ``1998-02`` ~ ours ``1998-02-06``; gold
  ``1998-02-06`` vs ours ``1998-02`` is wrong); a gold week ``1998-W06`` accepts a day in that ISO
  week; gold quarters / seasons / decades are compared as strings (ours never says ``Q``).
  dateparser returns full datetimes (no precision), so it is cut the same way.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from storyline.analyse.dates import extract_dates

ROOT = Path(__file__).resolve().parents[1]
TE3 = ROOT / "../shared/data/tempeval3-train/TBAQ-cleaned"
MEANTIME = ROOT / "../shared/data/meantime-en/data/meantime_newsreader_english_oct15/intra-doc_annotation"
# MEANTIME is annotated only in the title, dateline and first sentences: every EVENT_MENTION and TIMEX3
# of the 120 docs lies in sentences 0-5, so only those are read (otherwise later dates count as false hits).
MEANTIME_LAST_SENTENCE = 5
OUT = ROOT / "bench/results/dates.json"


# ---------------------------------------------------------------- gold


def gold_value(typ: str, value: str) -> tuple[str | None, str]:
    """(date value or None, reason skipped)."""
    if typ in ("DURATION", "SET"):
        return None, typ
    if value.endswith("_REF"):
        return None, value
    if value.startswith("P"):
        return None, "duration value"  # MEANTIME has a few type=DATE with value P1D
    if "T" in value and re.match(r"^\d{4}-\d\d-\d\dT", value):
        value = value[:10]
    if "X" in value or not value:
        return None, "underspecified"
    if typ not in ("DATE", "TIME"):
        return None, typ
    return value, ""


def fix_dct(v: str | None) -> str | None:
    """The DCT as YYYY-MM-DD. One MEANTIME file writes it DD-MM-YYYY ("03-02-2009" for "February 03, 2009")."""
    if not v:
        return None
    m = re.match(r"^(\d\d)-(\d\d)-(\d{4})$", v)
    if m:
        v = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    try:
        return dt.date.fromisoformat(v[:10]).isoformat()
    except ValueError:
        return None


def parse_timeml(path: Path) -> dict:
    root = ET.parse(path).getroot()
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value", "")[:10]
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[tuple[int, int, str, str]] = []
    pos = 0

    def walk(el):
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                parts.append(ch.tail)
                pos += len(ch.tail)
        if el.tag == "TIMEX3":
            timexes.append((start, pos, el.get("type", ""), el.get("value", "")))

    walk(text_el)
    text = "".join(parts)
    return {"doc": path.name, "text": text, "dct": fix_dct(dct), "timexes": timexes, "ignore_spans": []}


def parse_meantime(path: Path) -> dict:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offs: dict[str, tuple[int, int]] = {}
    pos, sent, prev = 0, None, ""
    for tok in root.iter("token"):
        s = tok.get("sentence")
        if int(s) > MEANTIME_LAST_SENTENCE:
            continue
        w = tok.text or ""
        if parts:
            if s != sent:
                sep = "\n"
            elif re.fullmatch(r"[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m", w, re.I) or prev in ("(", "[", "$", "#"):
                sep = ""  # light detokenisation: "December 10, 2013", "$5", "Apple's"
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        sent, prev = s, w
        offs[tok.get("t_id")] = (pos, pos + len(w))
        parts.append(w)
        pos += len(w)
    text = "".join(parts)
    dct, timexes, ignore = None, [], []
    for t in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in t.findall("token_anchor")]
        spans = [offs[i] for i in ids if i in offs]
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value", "")[:10]
            if spans:
                ignore.append((min(s for s, _ in spans), max(e for _, e in spans)))
            continue
        if not spans:
            continue
        timexes.append((min(s for s, _ in spans), max(e for _, e in spans), t.get("type", ""), t.get("value", "")))
    return {"doc": path.name, "text": text, "dct": fix_dct(dct), "timexes": timexes, "ignore_spans": ignore}


# ---------------------------------------------------------------- systems


def run_ours(text: str, ref: dt.date) -> list[tuple[int, int, str, str | None]]:
    return [(m.start, m.end, m.text, m.value) for m in extract_dates(text, ref)]


def run_dateparser(text: str, ref: dt.date) -> list[tuple[int, int, str, str | None]]:
    from dateparser.search import search_dates

    base = dt.datetime(ref.year, ref.month, ref.day, 12, 0)
    try:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # noqa: BLE001 — count as no output
        return []
    out, pos = [], 0
    for s, d in found:
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        if i < 0:
            continue
        out.append((i, i + len(s), s, d.date().isoformat()))
        pos = i + len(s)
    return out


# ---------------------------------------------------------------- scoring


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def value_ok(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    m = re.match(r"^(\d{4})-W(\d\d)$", gold)
    if m:
        if pred == gold:
            return True
        try:
            y, w, _ = dt.date.fromisoformat(pred[:10]).isocalendar()
        except ValueError:
            return False
        return (y, w) == (int(m.group(1)), int(m.group(2)))
    return len(pred) >= len(gold) and pred[: len(gold)] == gold


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


def score(docs: list[dict], system, name: str, misses_out: list | None = None) -> dict:
    c = collections.Counter()
    t0 = time.perf_counter()
    for d in docs:
        ref = dt.date.fromisoformat(d["dct"])
        preds = system(d["text"], ref)
        gold, skipped = [], []
        for s, e, typ, val in d["timexes"]:
            v, why = gold_value(typ, val)
            if v is None:
                skipped.append((s, e))
                if name == "ours":
                    c["skip:" + why] += 1
            else:
                gold.append((s, e, v, typ))
        ignore = skipped + d["ignore_spans"]
        scored = []
        for p in preds:
            if any(overlaps(p[:2], g[:2]) for g in gold):
                scored.append(p)
            elif any(overlaps(p[:2], sp) for sp in ignore):
                c["pred_ignored"] += 1
            else:
                scored.append(p)
        c["pred"] += len(scored)
        c["gold"] += len(gold)
        for p in scored:
            hit = [g for g in gold if overlaps(p[:2], g[:2])]
            if hit:
                c["pred_overlap"] += 1
                if any(value_ok(g[2], p[3]) for g in hit):
                    c["pred_value_ok"] += 1
        for s, e, v, typ in gold:
            hit = [p for p in scored if overlaps((s, e), p[:2])]
            if hit:
                c["gold_matched"] += 1
            good = any(value_ok(v, p[3]) for p in hit)
            if good:
                c["gold_value_ok"] += 1
            elif misses_out is not None:
                ours = "; ".join(f"{p[2]!r}={p[3]}" for p in hit) or "(not found)"
                misses_out.append(
                    {
                        "doc": d["doc"],
                        "dct": d["dct"],
                        "gold_text": d["text"][s:e],
                        "gold_value": v,
                        "gold_type": typ,
                        "ours": ours,
                        "kind": f"{shape(d['text'][s:e])} [{vshape(v)}] → "
                        + (" ; ".join(vshape(p[3]) for p in hit) if hit else "not found"),
                    }
                )
    secs = time.perf_counter() - t0

    def prf(tp_p, n_p, tp_r, n_r):
        p = tp_p / n_p if n_p else 0.0
        r = tp_r / n_r if n_r else 0.0
        return round(p, 4), round(r, 4), round(2 * p * r / (p + r) if p + r else 0.0, 4)

    ep, er, ef = prf(c["pred_overlap"], c["pred"], c["gold_matched"], c["gold"])
    vp, vr, vf = prf(c["pred_value_ok"], c["pred"], c["gold_value_ok"], c["gold"])
    return {
        "system": name,
        "docs": len(docs),
        "gold": c["gold"],
        "predictions_scored": c["pred"],
        "predictions_ignored_on_skipped_gold": c["pred_ignored"],
        "extraction": {"precision": ep, "recall": er, "f1": ef},
        "value_accuracy_on_matched": round(c["gold_value_ok"] / c["gold_matched"], 4) if c["gold_matched"] else 0.0,
        "gold_matched": c["gold_matched"],
        "gold_value_ok": c["gold_value_ok"],
        "value": {"precision": vp, "recall": vr, "f1": vf},
        "skipped_gold": {k[5:]: v for k, v in c.items() if k.startswith("skip:")},
        "seconds": round(secs, 2),
    }


def table(rows: list[dict]) -> str:
    h = (
        f"{'data':<15} {'system':<11} {'gold':>5} {'pred':>5} {'ext P':>6} {'ext R':>6} {'ext F1':>6} "
        f"{'valAcc':>6} {'val P':>6} {'val R':>6} {'val F1':>6} {'sec':>6}"
    )
    lines = [h, "-" * len(h)]
    for r in rows:
        lines.append(
            f"{r['data']:<15} {r['system']:<11} {r['gold']:>5} {r['predictions_scored']:>5} "
            f"{r['extraction']['precision']:>6.3f} {r['extraction']['recall']:>6.3f} {r['extraction']['f1']:>6.3f} "
            f"{r['value_accuracy_on_matched']:>6.3f} {r['value']['precision']:>6.3f} {r['value']['recall']:>6.3f} "
            f"{r['value']['f1']:>6.3f} {r['seconds']:>6.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--no-meantime", action="store_true")
    ap.add_argument("--show-misses", type=int, default=10)
    args = ap.parse_args()

    sets = {
        "tempeval3-train": [
            parse_timeml(p) for p in sorted(TE3.glob("TimeBank/*.tml")) + sorted(TE3.glob("AQUAINT/*.tml"))
        ]
    }
    if not args.no_meantime:
        sets["meantime-en"] = [parse_meantime(p) for p in sorted(MEANTIME.glob("*/*.xml"))]
    rows, misses = [], {}
    for data, docs in sets.items():
        docs = [d for d in docs if d["dct"]]
        if args.limit:
            docs = docs[: args.limit]
        m: list = []
        r = score(docs, run_ours, "ours", m)
        r["data"] = data
        rows.append(r)
        misses[data] = m
        if not args.no_dateparser:
            r2 = score(docs, run_dateparser, "dateparser", None)
            r2["data"] = data
            r2["skipped_gold"] = r["skipped_gold"]
            rows.append(r2)

    print(table(rows))
    for r in rows:
        if r["system"] == "ours":
            print(f"{r['data']}: gold skipped (not scored): {r['skipped_gold']}")
    top = {}
    for data, m in misses.items():
        cnt = collections.Counter(x["kind"] for x in m)
        ex = {}
        for x in m:
            ex.setdefault(x["kind"], x)
        top[data] = [
            {
                "kind": k,
                "count": n,
                "example": f"{ex[k]['gold_text']!r} → {ex[k]['gold_value']} vs ours {ex[k]['ours']} "
                f"(DCT {ex[k]['dct']}, {ex[k]['doc']})",
            }
            for k, n in cnt.most_common(args.show_misses)
        ]
        print(f"\nTop {args.show_misses} kinds of misses of ours on {data} ({len(m)} gold without a right value):")
        for t in top[data]:
            print(f"  {t['count']:>4}  {t['kind']}\n        e.g. {t['example']}")

    import dateparser

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "bench": "dates",
                "run_date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "data": {
                    "tempeval3-train": "../shared/data/tempeval3-train/TBAQ-cleaned/{TimeBank,AQUAINT} "
                    "(TempEval-3 TBAQ training data, 256 docs; not held out: the quarter and bare-month rules "
                    "were written after reading misses on it)",
                    "meantime-en": "../shared/data/meantime-en/data/meantime_newsreader_english_oct15/"
                    "intra-doc_annotation/*/ (MEANTIME English: 118 of 120 docs (2 lack a DCT value), "
                    "annotated sentences 0-5 only; text rebuilt from tokens)",
                },
                "dateparser_version": dateparser.__version__,
                "args": vars(args),
                "results": rows,
                "top_misses_ours": top,
                "misses_ours": misses,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    print(f"\nwrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
