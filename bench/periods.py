"""Periods: where a duration runs, against the TimeML gold that anchors durations (beginPoint / endPoint).

    python bench/periods.py [--no-write] [--note TEXT]

A TIMEX3 DURATION with a ``beginPoint`` or ``endPoint`` is a stretch the annotators placed on the calendar:
"has lived with his great-uncle for nearly five months" (P5M, beginPoint: "November" 1999-11), "the past two
years" (P2Y, endPoint: the document's creation time), "the next two weeks" (P2W, beginPoint: the DCT). Its gold
span is (begin, begin + length), (end - length, end) or (begin, end). Ours is
:func:`storyline.analyse.commitments.duration_span` of our duration mention overlapping the gold one (a
commitment's period — "for one year", "a one-year pause", "within two weeks" —, "the past N", a perfect tense's
"for N"). A span is right when both ends equal the gold's at the coarser precision of the two ("1999-11" ~
"1999-11-17").

* recall: right spans / gold anchored durations with a numeric length and calendar anchors;
* precision: right spans / the spans we give any gold DURATION (one the annotators left unanchored — "a
  four-year term" — counts against us);
* beside ours: the rule before this measure (the figures' periods of commit aa83e8f: "for"/"over" a length
  from the reference date, "within" one up to it) and a naive one (every duration from the reference date on).

Data (relative to the repo root; nothing copied): TempEval-3 train (TBAQ-cleaned, development: the rules were
written from its errors, in-sample) and MEANTIME English by topic as ``bench/dates.py`` splits it (airbus + stock
development; apple + gm held out: figures only, never read). MEANTIME's TIMEX3 without tokens (the anchors it
adds, with their values) are anchors here. Results: ``bench/results/periods.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib import util as import_util
from pathlib import Path
from typing import Any

from storyline.analyse.commitments import add_duration, duration_span
from storyline.analyse.dates import extract_dates
from storyline.model import DateMention

ROOT = Path(__file__).resolve().parents[1]
TE3 = ROOT / "../shared/data/tempeval3-train/TBAQ-cleaned"
MEANTIME = ROOT / "../shared/data/meantime-en/data/meantime_newsreader_english_oct15/intra-doc_annotation"
MEANTIME_LAST_SENTENCE = 5  # as bench/dates.py: only the first sentences are annotated
SETS = {"tempeval3-train": ("dev", False), "meantime-dev": (("airbus", "stock"), False)}
SETS |= {"meantime-test": (("apple", "gm"), True)}
OUT = ROOT / "bench/results/periods.json"
BEFORE = "aa83e8f"  # the commit before durations had spans of their own
_LENGTH = re.compile(r"^P(\d+)([YMWDQ])$")
_CAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Span = tuple[str, str]
System = Callable[[DateMention, str, list[DateMention], dt.date], Span | None]


# ---------------------------------------------------------------------------------------------- gold


def _gold_span(value: str, begin: str | None, end: str | None) -> Span | None:
    """The gold stretch from a length and its anchors' values, None when they are not calendar dates."""
    m = _LENGTH.match(value)
    b = begin[:10] if begin and _CAL.match(begin[:10]) else None
    e = end[:10] if end and _CAL.match(end[:10]) else None
    if not m or not (b or e):
        return None
    if b and e:
        return b, e
    if b:
        far = _shift(b, value, 1)
        return (b, far) if far else None
    near = _shift(e or "", value, -1)
    return (near, e or "") if near else None


def _shift(point: str, value: str, sign: int) -> str | None:
    """``point`` plus (or minus) a length, at ``point``'s precision (a month from its first day)."""
    m = _LENGTH.match(value)
    if not m or len(point) < len("2000-01"):
        return None
    n, unit = int(m.group(1)) * sign, m.group(2)
    day = dt.date.fromisoformat(point if len(point) == len("2000-01-01") else point + "-01")
    if unit in ("D", "W"):
        out = day + dt.timedelta(days=n * (7 if unit == "W" else 1))
    else:
        total = day.year * 12 + day.month - 1 + n * {"Y": 12, "M": 1, "Q": 3}[unit]
        y, mo = divmod(total, 12)
        out = dt.date(y, mo + 1, min(day.day, 28))
    return out.isoformat()[: len(point)]


def parse_timeml(path: Path) -> dict[str, Any]:
    root = ET.parse(path).getroot()
    values = {t.get("tid"): t.get("value", "") for t in root.iter("TIMEX3")}
    dct = next(
        (t.get("value", "")[:10] for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
    )
    parts: list[str] = []
    durations: list[dict[str, Any]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
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
        if el.tag == "TIMEX3" and el.get("type") == "DURATION":
            b, e = values.get(el.get("beginPoint")), values.get(el.get("endPoint"))
            durations.append(
                {"span": (start, pos), "value": el.get("value", ""), "gold": _gold_span(el.get("value", ""), b, e)}
            )

    text_el = root.find("TEXT")
    if text_el is not None:
        walk(text_el)
    return {"doc": path.name, "text": "".join(parts), "dct": dct, "durations": durations}


def parse_meantime(path: Path) -> dict[str, Any]:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offs: dict[str, tuple[int, int]] = {}
    pos, sent, prev = 0, None, ""
    for tok in root.iter("token"):
        s = tok.get("sentence") or "0"
        if int(s) > MEANTIME_LAST_SENTENCE:
            continue
        w = tok.text or ""
        if parts:
            glue = re.fullmatch(r"[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m", w, re.I) or prev in ("(", "[", "$", "#")
            sep = "\n" if s != sent else "" if glue else " "
            parts.append(sep)
            pos += len(sep)
        sent, prev = s, w
        offs[tok.get("t_id") or ""] = (pos, pos + len(w))
        parts.append(w)
        pos += len(w)
    timexes = list(root.iter("TIMEX3"))
    values = {t.get("m_id"): t.get("value", "") for t in timexes}
    dct = next((t.get("value", "")[:10] for t in timexes if t.get("functionInDocument") == "CREATION_TIME"), None)
    durations = []
    for t in timexes:
        spans = [offs[a.get("t_id") or ""] for a in t.findall("token_anchor") if a.get("t_id") in offs]
        if t.get("type") != "DURATION" or not spans:
            continue
        b, e = values.get(t.get("beginPoint") or None), values.get(t.get("endPoint") or None)
        span = (min(s for s, _ in spans), max(e for _, e in spans))
        durations.append({"span": span, "value": t.get("value", ""), "gold": _gold_span(t.get("value", ""), b, e)})
    return {"doc": path.name, "text": "".join(parts), "dct": dct, "durations": durations}


def load_sets() -> dict[str, list[dict[str, Any]]]:
    te3 = [parse_timeml(p) for p in sorted(TE3.glob("TimeBank/*.tml")) + sorted(TE3.glob("AQUAINT/*.tml"))]
    sets = {"tempeval3-train": te3}
    for name in ("meantime-dev", "meantime-test"):
        topics = SETS[name][0]
        sets[name] = [parse_meantime(p) for t in topics for p in sorted(MEANTIME.glob(f"corpus_{t}/*.xml"))]
    return {k: [d for d in v if d["dct"] and _CAL.match(d["dct"]) and len(d["dct"]) == 10] for k, v in sets.items()}


# ---------------------------------------------------------------------------------------------- systems


def _before_module() -> Any:
    """The commitments module as it was before durations had spans of their own (commit :data:`BEFORE`)."""
    src = subprocess.run(
        ["git", "show", f"{BEFORE}:src/storyline/analyse/commitments.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    src = src.replace("from ..model import", "from storyline.model import").replace(
        "from .timex", "from storyline.analyse.timex"
    )
    tmp = Path(tempfile.mkdtemp()) / "commitments_before.py"
    tmp.write_text(src, encoding="utf-8")
    spec = import_util.spec_from_file_location("commitments_before", tmp)
    assert spec and spec.loader
    mod = import_util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def before_system() -> System:
    old = _before_module()

    def run(d: DateMention, text: str, dates: list[DateMention], ref: dt.date) -> Span | None:
        word = old._lead(d) or old._word_before(text, d.start)
        end = add_duration(ref, d.value or "")
        if end is None or word not in old.PERIOD_WORDS + old.WITHIN_WORDS:
            return None
        return ref.isoformat(), end.isoformat()

    return run


def naive(d: DateMention, text: str, dates: list[DateMention], ref: dt.date) -> Span | None:
    end = add_duration(ref, d.value or "")
    return (ref.isoformat(), end.isoformat()) if end else None


def ours(d: DateMention, text: str, dates: list[DateMention], ref: dt.date) -> Span | None:
    return duration_span(d, text, dates, ref)


# ---------------------------------------------------------------------------------------------- scoring


def same(gold: Span, pred: Span) -> bool:
    return all(g[: min(len(g), len(p))] == p[: min(len(g), len(p))] for g, p in zip(gold, pred, strict=True))


def score(docs: list[dict[str, Any]], system: System) -> dict[str, Any]:
    n_gold = n_pred = right = 0
    for doc in docs:
        ref = dt.date.fromisoformat(doc["dct"])
        found = extract_dates(doc["text"], ref)
        mine = [d for d in found if d.type == "DURATION"]
        for g in doc["durations"]:
            gs, ge = g["span"]
            hit = next((d for d in mine if d.start < ge and gs < d.end), None)
            pred = system(hit, doc["text"], found, ref) if hit is not None else None
            n_gold += g["gold"] is not None
            n_pred += pred is not None
            right += bool(pred is not None and g["gold"] is not None and same(g["gold"], pred))
    p = right / n_pred if n_pred else 0.0
    r = right / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "anchored_gold": n_gold,
        "spans_given": n_pred,
        "right": right,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    systems = {"ours": ours, "before": before_system(), "naive": naive}
    results: dict[str, Any] = {}
    print(f"{'set':<18}{'held out':<10}{'system':<8}{'gold':>6}{'given':>7}{'right':>7}{'P':>7}{'R':>7}{'F1':>7}")
    for name, docs in load_sets().items():
        held = SETS[name][1]
        results[name] = {"held_out": held, "docs": len(docs)}
        for sname, system in systems.items():
            s = score(docs, system)
            results[name][sname] = s
            print(
                f"{name:<18}{'yes' if held else 'no':<10}{sname:<8}{s['anchored_gold']:>6}{s['spans_given']:>7}"
                f"{s['right']:>7}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            )
    if not args.no_write:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        OUT.write_text(
            json.dumps({"commit": commit.strip(), "note": args.note, "sets": results}, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
