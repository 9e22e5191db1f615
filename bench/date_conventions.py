"""Annotation conventions of bench/dates.py's development sets: for each expression whose TIMEX3 value the
annotations write more than one way ("a year ago" as the year, the quarter or the day; "last week" as the week or
``1989-WXX``; "Sunday night" as the day or the night), how often the gold writes each value shape, and how often ours
gives that shape and the gold value. A convention is read off these counts, not decided by hand: where the gold's
most frequent shape is not the one ours gives most, a rule would change the value's shape; where it is, the errors
left are the minority conventions, which no rule of the expression alone can get right."""

from __future__ import annotations

import collections
import datetime as dt
import re

from date_score import _pairs, overlaps, run_ours, vshape

_N = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|several|a\s+few|a\s+couple\s+of)"
_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: name → the expression (the whole gold span, case-insensitive).
PATTERNS: dict[str, str] = {
    "a year ago / earlier": r"(?:a|one)\s+year\s+(?:ago|earlier)",
    "last year": r"last\s+year",
    "this year": r"this\s+year",
    "the quarter": r"the\s+(?:latest\s+|same\s+|fiscal\s+)?quarter",
    "this / last / next week": r"(?:early\s+|late\s+)?(?:this|last|next)\s+week",
    "the weekend": r"(?:over\s+)?(?:the|this|last)\s+weekend",
    "weekday + part of day": rf"{_WD}\s+(?:night|evening|morning|afternoon)",
    "N units ago": rf"(?:(?:about|almost|nearly|some|more\s+than)\s+)?{_N}\s+(?:days|weeks|months|years)\s+ago",
    "the past / last N units": rf"the\s+(?:past|last)\s+{_N}\s+(?:days|weeks|months|quarters|years)",
}


def _shape(typ: str, value: str | None) -> str:
    return f"{typ} {vshape(value)}"


def conventions(docs: list[dict]) -> dict[str, dict]:
    """Per :data:`PATTERNS` entry, over the gold TIMEX3 whose text is that expression: ``gold`` (count of each value
    shape, "DATE 9999-Q9"), ``ours`` (the shape of our overlapping prediction, "none" when there is none), ``right``
    (ours equal to the gold value) and whether ours gives the gold's most frequent shape most often."""
    pats = {k: re.compile(v, re.I) for k, v in PATTERNS.items()}
    out: dict[str, dict] = {
        k: {"gold": collections.Counter(), "ours": collections.Counter(), "right": 0, "n": 0} for k in PATTERNS
    }
    for d in docs:
        preds = [
            p
            for p in run_ours(d["text"], dt.date.fromisoformat(d["dct"]))
            if not any(overlaps(p[:2], sp) for sp in d["ignore_spans"])
        ]
        for g, p in _pairs(d["timexes"], preds):
            text = d["text"][g[0] : g[1]].strip(" .,")
            for name, pat in pats.items():
                if pat.fullmatch(text):
                    row = out[name]
                    row["n"] += 1
                    row["gold"][_shape(g[2], g[3])] += 1
                    row["ours"][_shape(p[4], p[3]) if p else "none"] += 1
                    row["right"] += bool(p and p[3] == g[3])
    for row in out.values():
        top_gold = row["gold"].most_common(1)[0][0] if row["gold"] else None
        top_ours = row["ours"].most_common(1)[0][0] if row["ours"] else None
        row["ours_is_majority"] = top_gold == top_ours
        row["gold"], row["ours"] = dict(row["gold"].most_common()), dict(row["ours"].most_common())
    return out


def conventions_table(rows: dict[str, dict]) -> str:
    lines = []
    for name, r in rows.items():
        if not r["n"]:
            continue
        top = lambda c: ", ".join(f"{k} {v}" for k, v in list(c.items())[:4])  # noqa: E731
        lines.append(
            f"  {name:<24} {r['n']:>3} gold ({top(r['gold'])}); ours ({top(r['ours'])}); right {r['right']}"
            f"{'' if r['ours_is_majority'] else '  <- ours is not the gold majority'}"
        )
    return "\n".join(lines)
