"""Temporal expressions, resolved to calendar dates relative to the article's reference date.

``dateparser`` is good at one thing we need — turning a complete date string from metadata or a
"Published on:" line into a date — and is used for that (:func:`parse_date_string`). For running
text it returns nothing for "next April" or "late October" and false hits for "sat down", so the
extractor below is our own: explicit patterns, each resolved at its real precision.

Example:
    >>> import datetime as dt
    >>> [(d.text, d.value) for d in extract_dates("They spoke on Monday and will meet next April.", dt.date(2025, 11, 25))]
    [('on Monday', '2025-11-24'), ('next April', '2026-04')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import lexicon
from ..model import DateMention
from ..text import alternation
from . import periods, timex
from .anchors import HOLIDAY_PATTERN, holiday_date
from .date_names import code_is_name, in_a_name, weekday_is_name, year_is_name

#: The months' names and short forms to their numbers ("sept" → 9), from the lexicon's calendar.
MONTHS = {
    w: i + 1
    for i, m in enumerate(lexicon.ordered("time.months"))
    for w in (m, *lexicon.table("time.month_short")[m].split())
}
WEEKDAYS = {d: i for i, d in enumerate(lexicon.ordered("time.weekdays"))}
_MONTH_NAMES = "|".join(m.title() for m in lexicon.ordered("time.months"))
_WEEKDAY_NAMES = "|".join(d.title() for d in WEEKDAYS)
_NEAR_DAYS = "|".join(lexicon.ordered("time.near_days"))

_MONTH_SHORT = "|".join(rf"{w.title()}\.?" for w in MONTHS if w not in lexicon.ordered("time.months"))
_MON = rf"(?P<mon>{_MONTH_NAMES}|{_MONTH_SHORT})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = rf"(?P<wd>{_WEEKDAY_NAMES})"
_OF_YEAR = r"(?:\s+(?:of\s+)?(?P<yrel>next|last|this)\s+year\b)?"  # "October of next year", "June last year"
_WD_LEAD = rf"(?:(?:{_WEEKDAY_NAMES}),?[ \t]+)?"  # "Saturday, April 25"

#: The months a calendar quarter ends with: "the June quarter" is the second.
_QUARTER_END_MONTHS = "|".join(m.title() for m in lexicon.ordered("time.months")[2::3])

#: A month named alone, but not "May" (as often a name or the verb "may" at a sentence's start).
_BARE_MONTHS = "|".join(m.title() for m in lexicon.ordered("time.months") if m != "may")

#: The number words a count before "ago" may be ("ten days ago"): one to ten.
_AGO_COUNTS = lexicon.ordered("numbers.units")[:10]
_AGO_WORDS = "|".join((*_AGO_COUNTS, *lexicon.ordered("numbers.articles")))

#: A part of the day, week or year before one ("early next year", "late yesterday", "the end of 1990"): inside the
#: mention, its value the whole one's (lexicon dates.part_leads).
_PART = r"(?:(?i:" + alternation(lexicon.ordered("dates.part_leads"), longest_first=True) + r")[\s-]+)?"

# Order matters: longer, more precise patterns first; matches never overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"(?<![\d/.,])(?P<m>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d|\d\d)(?![\d/])")),
    ("dmy", re.compile(rf"\b(?:(?:the\s+)?(?:evening|morning|afternoon|night)\s+of\s+)?{_DAY}\s+(?:of\s+)?{_MON}\s*,?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b(?:(?:the\s+)?(?:evening|morning|afternoon|night)\s+of\s+)?{_WD_LEAD}{_MON}\s+{_DAY},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b(?:(?:on\s+)?(?:the\s+)?(?:evening|morning|afternoon|night)\s+of\s+)?(?:on\s+)?{_WD_LEAD}{_MON}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d,]*\s*(?:percent|%|million|billion))")),
    ("dm", re.compile(rf"\b(?:on\s+)?{_DAY}\s+(?:of\s+)?{_MON}\b(?!\s*,?\s*(?:19|20)\d\d)")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?{_MON}\s+(?:of\s+)?{_YEAR}\b")),
    ("rel_month", re.compile(rf"\b(?P<rel>(?i:next|last|this)|in|by|since|until|late|early|mid|mid-|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s*{_MON}\b(?!\s+[0-3]?\d\b){_OF_YEAR}")),
    ("month_quarter", re.compile(rf"\b(?i:the)\s+(?P<mon>{_QUARTER_END_MONTHS})\s+(?i:quarter)\b")),
    ("quarter", re.compile(r"\b(?:(?P<yrs>this|last|next) year['’]s\s+)?(?:(?P<rel>the|this|next|last|latest|previous|past|current|most recent|recent)\s+)*(?:(?:fiscal|financial)[\s-]+(?:(?P<fy>(?:19|20)\d\d)\s+)?)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal\s+)?)?quarter\b(?!-to-)(?:\s+(?:of\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?)?(?P<year>(?:19|20)\d\d)\b|\s+of\s+(?P<yrs2>this|last|next)\s+year\b)?", re.I)),
    ("q_year", re.compile(r"\b(?:(?:fiscal|financial|FY)\s*)?(?:Q(?P<q>[1-4])\s*(?:of\s+)?(?:FY\s*)?(?P<year>(?:19|20)\d\d)"
                          r"|(?P<year2>(?:19|20)\d\d)\s*Q(?P<q2>[1-4]))\b")),
    ("q_bare", re.compile(r"\b(?:(?:fiscal|financial)\s+)?(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s?['’]?(?P<yy>\d\d))?\b(?![-/.,]\d)")),
    ("fiscal_year", re.compile(r"\b(?:FY\s*|fiscal\s+(?:year\s+)?)(?P<year>(?:19|20)\d\d|['’]?\d\d)\b(?!\s*Q[1-4])")),
    ("bare_month", re.compile(rf"\b(?P<mon>{_BARE_MONTHS})\b(?!\s+(?:on|to|through|against|for)\b)" + _OF_YEAR)),
    ("wd", re.compile(rf"\b(?P<rel>on|last|next|this|late|early|since|by|until)?\s*{_WD}\b(?:\s+(?P<tod>morning|afternoon|evening|night))?")),
    ("rel_unit", re.compile(rf"\b{_PART}(?:the\s+(?=(?:next|last|past|coming)\b))?(?P<rel>next|last|this|past|coming|(?:the\s+)?current|later this|earlier this)\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>week|month|year|weekend)\b", re.I)),
    ("ago", re.compile(rf"\b{timex.APPROXIMATOR}(?P<n>\d+|{_AGO_WORDS})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("shift", timex.SHIFT_PATTERN),
    ("deictic", re.compile(rf"\b{_PART}(?P<word>{_NEAR_DAYS}|tonight)\b", re.I)),
    ("holiday", re.compile(rf"\b(?:(?P<rel>(?i:by|before|after|until|since|on|at|over|last|next|this))\s+)?{HOLIDAY_PATTERN}(?:\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("year", re.compile(r"\b(?:(?P<rel>(?:the\s+)?(?:end|beginning|start|middle)\s+of|in|since|by|until|later in|earlier in|early|late|mid|mid-|during|before|after|of)\s+|mid-)?(?<![\d$£€.,])(?:(?<=mid-)|(?<=\bpre-)|(?<=\bpost-)|(?<!-))(?P<year>(?:19|20)\d\d)(?![\d%]|\s*(?:percent|million|billion|people|tons?|tonnes?))\b")),
]
#: The counts of "two days ago": the articles and the number words up to ten.
_NUMBER_WORDS = {
    **dict.fromkeys(lexicon.ordered("numbers.articles"), 1),
    **{w: i + 1 for i, w in enumerate(_AGO_COUNTS)},
}
#: Past-tense verbs (irregular ones, and -ed forms that are not future-minded like "scheduled", "expected").
_PAST = re.compile(
    r"\b(?:was|were|had|did|took|came|went|began|begun|ended|held|met|fell|rose|grew|won|lost|left|made|"
    r"gave|got|saw|said|told|ran|sold|bought|paid|hit|cut|set off|broke|died|spent|brought|"
    r"(?!schedul|expect|plann|slat|propos|intend|anticipat|predict|forecast)[a-z]+ed)\b"
)
_FUTURE = re.compile(r"\b(will|would|shall|plans? to|planned|expected to|expects?|anticipates?|forecasts?|predicts?|set to|is to|are to|to visit|to be held|scheduled|upcoming|next|payable)\b", re.I)


@dataclass(slots=True)
class Ref:
    """What a relative expression is resolved against: a full date, or only a year."""

    date: dt.date | None = None
    year: int | None = None

    @property
    def known_year(self) -> int | None:
        return self.date.year if self.date else self.year


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


#: With no sign of tense, a day or month ahead of the reference counts this many times as far as one behind: news
#: tells mostly what has happened, so written in November, "in March" is the last March, not the coming one (about
#: 230 days back against 135 ahead), while "Dec. 7" is still the coming one. Chosen on one half of the development
#: documents (hashed by name) and kept because it did as well or better on the other half, both ways round
#: (bench/dates.py; 1.75 against 1.0, 1.25, 1.5, 2, 2.5, 3, 4).
AHEAD_WEIGHT = 1.75


def _nearest_year(ref: Ref, month: int, day: int | None = None, future: bool | None = None) -> int | None:
    """The year that puts (month, day) nearest the reference date, nudged by tense when known and, when not,
    towards the past (:data:`AHEAD_WEIGHT`).

    Example:
        >>> _nearest_year(Ref(dt.date(1989, 10, 30)), 3), _nearest_year(Ref(dt.date(1989, 10, 30)), 12, 7)
        (1989, 1989)
    """
    if ref.date is None:
        return ref.year
    r = ref.date
    best: tuple[float, int] | None = None
    for y in (r.year - 1, r.year, r.year + 1):
        d = dt.date(y, month, min(day or 15, 28))
        delta = (d - r).days
        cost = abs(delta) * (AHEAD_WEIGHT if future is None and delta > 0 else 1)
        if future is True and delta < -20:
            cost += 400
        if future is False and delta > 20:
            cost += 400
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else None


def _sentence_around(text: str, start: int, end: int) -> str:
    s = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    e_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    e = min(e_candidates) if e_candidates else len(text)
    return text[s:e]


def _future_context(text: str, start: int, end: int) -> bool | None:
    """True when a future cue ("will", "plans to", "next") stands in the words just before the mention; False
    when the clause around it is told in the past ("took effect on 1 January", "unveiled in March", "sales in
    March fell"); None when the text gives no sign (then the nearest occurrence wins)."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    lo = max(sentence_start, start - 80)
    future = list(_FUTURE.finditer(text, lo, start))
    if future:
        if not all(timex.modifies_a_noun(text, f) for f in future):
            return True
        # "initiated four rounds of planned outages in October": the cue tells the outages' kind, the verb the time
        return False if any(p.group(0).lower() not in _SPEECH_VERBS for p in _PAST.finditer(text, lo, start)) else True
    before = text[max(sentence_start, start - 40) : start]
    stop = [i for i in (text.find(".", end), text.find("\n", end), text.find(",", end)) if i >= 0]
    after = text[end : min([*stop, end + 30])]
    if any(p.group(0).lower() not in _SPEECH_VERBS for p in _PAST.finditer(before)) or _PAST.match(after.strip()):
        return False
    return None


#: Verbs of saying: the tense of "said" is the telling's, not the told event's ("said it is calling for the
#: redemption on Dec. 7").
_SPEECH_VERBS = lexicon.words("speech.verbs")


#: Prepositions before a day or month that tell which way it lies: "since March" is past, "by Dec. 15" is a
#: deadline still to come (True: the coming one, False: the last one).
LEAD_TENSE: dict[str, bool] = lexicon.table("dates.lead_tense")
_LEAD_TENSE = re.compile(
    r"(?i)\b(" + "|".join(re.escape(w) for w in LEAD_TENSE) + r")\s+(?:shortly\s+(?:after|before)\s+)?"
    r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?$"
)


def _lead_tense(text: str, start: int) -> bool | None:
    """The way a preposition just before ``start`` points (:data:`LEAD_TENSE`), None without one.

    Example:
        >>> _lead_tense("searching for him since shortly after the Oct. 23", 42), _lead_tense("due by Dec. 15", 7)
        (False, True)
    """
    m = _LEAD_TENSE.search(text, max(0, start - 40), start)
    return LEAD_TENSE[m.group(1).lower()] if m else None


#: The kinds whose year is told by the tense around them when the text gives none ("in March", "Dec. 7").
_YEARLESS = ("md", "dm", "rel_month", "bare_month")


def _two_digit_year(yy: int, ref: Ref) -> int:
    """The year "FY08", "3Q09" name: this century's unless that lies over 20 years past the reference."""
    return yy + (2000 if 2000 + yy <= (ref.known_year or 2000) + 20 else 1900)


def _says_its_year(m: re.Match[str]) -> bool:
    """True for a month that says which year it is in ("next April", "June last year")."""
    g = m.groupdict()
    return bool(g.get("yrel")) or (g.get("rel") or "").lower() in ("next", "last", "this")


def _month_tense(kind: str, m: re.Match[str], text: str) -> bool | None:
    """Which way a month or day written without a year lies (True: ahead), from a preposition before it ("since",
    "by") or the clause's tense; None when the text gives no sign."""
    rel = (m.groupdict().get("rel") or "in").lower()
    lead = LEAD_TENSE.get(rel) if kind in ("rel_month", "bare_month") else None
    lead = _lead_tense(text, m.start()) if lead is None else lead
    return _future_context(text, m.start(), m.end()) if lead is None else lead


def _resolve(kind: str, m: re.Match[str], text: str, ref: Ref) -> tuple[str | None, str]:
    g = m.groupdict()
    if kind == "iso":
        y, mo, d = int(g["year"]), int(g["m"]), int(g["day"])
        return (_iso(y, mo, d) if _valid(y, mo, d) else None), "absolute"
    if kind == "numeric":  # "7/8/07": month first, as US news writes it; a two-digit year is the nearer century's
        y, mo, d = int(g["year"]), int(g["m"]), int(g["day"])
        if y < 100:
            near = ref.known_year or 2000
            y = min((c + y for c in range(near // 100 * 100 - 100, near // 100 * 100 + 101, 100)),
                    key=lambda c: abs(c - near))
        return (_iso(y, mo, d) if _valid(y, mo, d) else None), "absolute"
    if kind in ("dmy", "mdy"):
        y, mo, d = int(g["year"]), _month(g["mon"]), int(g["day"])
        return (_iso(y, mo, d) if _valid(y, mo, d) else None), "absolute"
    if kind in ("md", "dm"):
        mo, d = _month(g["mon"]), int(g["day"])
        if not 1 <= d <= 31:
            return None, "invalid"
        yr = _nearest_year(ref, mo, d, _month_tense(kind, m, text))
        if yr is None:  # no year to place it in: TimeML's "XXXX-03-04" (two outlets' days still compare)
            return (f"XXXX-{mo:02d}-{d:02d}" if _valid(2000, mo, d) else None), "needs-year"
        if not _valid(yr, mo, d):
            return None, "needs-year"
        return _iso(yr, mo, d), "month-day"
    if kind == "my":
        return _iso(int(g["year"]), _month(g["mon"])), "absolute"
    if kind == "quarter":
        fut = periods.looks_ahead(text, m.start()) and _future_context(text, m.start(), m.end()) and verb_tense(
            text, m.start(), m.end())
        q = periods.quarter_of(m, ref.date, ref.year, fut or None)
        anchored = not m.group("ord") and not re.search(r"(?i)\b(?:this|current|next)\b", m.group(0))
        return q, "quarter-anchored" if anchored else "quarter"
    if kind == "q_year":  # "Q3 2008", "2008 Q3", "fiscal Q1 2009"
        return f"{int(g['year'] or g['year2']):04d}-Q{g['q'] or g['q2']}", "absolute"
    if kind in ("q_bare", "month_quarter"):  # "Q3", "3Q09", "the June quarter": as "the third quarter" is read
        qn = _month(g["mon"]) // 3 if kind == "month_quarter" else int(g["q"] or g["q2"])
        if g.get("yy"):
            return f"{_two_digit_year(int(g['yy']), ref):04d}-Q{qn}", "absolute"
        if ref.date is None:
            return (f"{ref.year:04d}-Q{qn}" if ref.year else None), "quarter"
        fut = periods.looks_ahead(text, m.start()) and _future_context(text, m.start(), m.end()) and verb_tense(
            text, m.start(), m.end())
        return periods.latest_started(qn, ref.date, fut or None), "quarter"
    if kind == "fiscal_year":  # "fiscal 2008", "FY2008", "FY08", "fiscal '08": the year the fiscal year is named by
        fy = int(g["year"].lstrip("'’"))
        return _iso(_two_digit_year(fy, ref) if fy < 100 else fy), "absolute"
    if kind in ("rel_month", "bare_month"):
        mo = _month(g["mon"])
        rel = (g.get("rel") or "in").lower()
        if ref.date is None:
            return (_iso(ref.year, mo) if ref.year and rel not in ("next", "last") else None), "needs-date"
        r = ref.date
        yrel = (g.get("yrel") or "").lower()
        if yrel:
            y = r.year + {"next": 1, "last": -1}.get(yrel, 0)
        elif rel == "next":
            y = r.year if mo > r.month else r.year + 1
        elif rel == "last":
            y = r.year if mo < r.month else r.year - 1
        elif rel == "this":
            y = r.year
        else:
            y = _nearest_year(ref, mo, None, _month_tense(kind, m, text)) or r.year
        return _iso(y, mo), "relative-month"
    if kind == "wd":
        if ref.date is None:
            return None, "needs-date"
        day = _weekday(ref.date, WEEKDAYS[g["wd"].lower()], (g.get("rel") or "").lower(), text, m.start(), m.end())
        return timex.time_value(day, part=g.get("tod")), "weekday"
    if kind == "rel_unit":
        rel = g["rel"].lower()
        unit = g["unit"].lower()
        y0 = ref.known_year
        if ref.date is None:
            if unit == "year" and y0 is not None:
                off = {"next": 1, "last": -1, "past": -1}.get(rel, 0)
                return _iso(y0 + off), "relative"
            return None, "needs-date"
        r = ref.date
        off = {"next": 1, "coming": 1, "last": -1, "past": -1}.get(rel, 0)
        if unit == "year":
            return _iso(r.year + off), "relative"
        if unit == "month":
            mo = r.month + off
            y = r.year + (mo - 1) // 12
            return _iso(y, (mo - 1) % 12 + 1), "relative"
        # weeks: ISO week
        wk = r + dt.timedelta(weeks=off)
        iy, iw, _ = wk.isocalendar()
        return f"{iy:04d}-W{iw:02d}" + ("-WE" if unit == "weekend" else ""), "relative"
    if kind == "ago":
        if ref.date is None:
            return None, "needs-date"
        n_s = g["n"].lower()
        n = int(n_s) if n_s.isdigit() else _NUMBER_WORDS.get(n_s, 1)
        unit = g["unit"].lower().rstrip("s")
        r = ref.date
        if unit == "day":
            return (r - dt.timedelta(days=n)).isoformat(), "relative"
        if unit == "week":
            return (r - dt.timedelta(weeks=n)).isoformat()[:10], "relative"
        if unit == "month":
            mo = r.month - n
            y = r.year + (mo - 1) // 12
            return _iso(y, (mo - 1) % 12 + 1), "relative"
        return _iso(r.year - n), "relative"
    if kind == "shift":
        if not g["dir"]:  # "three days later": counted from a happening the text tells, not from us
            return timex.duration_value(g["n"], g["unit"]), "duration"
        count = timex.count_of(g["n"])
        if ref.date is None or count is None:
            return None, "needs-date"
        return timex.shift(ref.date, count, g["unit"], g["dir"].lower() in ("later", "after", "from now")), "relative"
    if kind == "deictic":
        if ref.date is None:
            return None, "needs-date"
        off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        return (ref.date + dt.timedelta(days=off)).isoformat(), "relative"
    if kind == "holiday":
        name = g["holiday"]
        hday: dt.date | None
        if g.get("year"):
            hday = holiday_date(name, int(g["year"]))
            return (hday.isoformat() if hday else None), "holiday"
        rel = (g.get("rel") or "").lower()
        if ref.date is None:
            hday = holiday_date(name, ref.year) if ref.year else None
            return (hday.isoformat() if hday else None), ("holiday" if hday else "needs-date")
        r = ref.date
        cands = [d for d in (holiday_date(name, y) for y in (r.year - 1, r.year, r.year + 1)) if d]
        fut = True if rel in ("by", "until", "before", "next") else _future_context(text, m.start(), m.end())
        if rel in ("last", "since", "after"):
            past = [d for d in cands if d <= r]
            hday = max(past) if past else None
        elif fut:
            coming = [d for d in cands if d >= r]
            hday = min(coming) if coming else None
        else:
            hday = min(cands, key=lambda d: abs((d - r).days)) if cands else None
        return (hday.isoformat() if hday else None), "holiday"
    if kind == "year":
        return _iso(int(g["year"])), "absolute"
    return None, "unknown"


_FUT_CUE = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(w) for w in timex.FUTURE_CUES) + r")\b", re.I)
_PRES_CUE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in timex.PRESENT_AS_FUTURE) + r")\b", re.I)
_PAST_CUE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in timex.PAST_CUES) + r"|(?-i:(?!schedul|expect|plann|slat|propos|intend|"
    r"anticipat|predict|forecast|head)[a-z]{2,}ed))\b", re.I)  # "-ed" in lower case: "United" is no verb


#: What before a future cue makes it a plan told in the past ("had been due to", "previously planned").
_PLAN_PAST = re.compile(r"(?i)\b" + alternation(lexicon.ordered("dates.plan_past_leads"), longest_first=True) + r"\s+$")


#: Where a clause ends: a full stop before a space or a closing quote (not the one in "$7.8"), a semicolon, a
#: line break.
_CLAUSE_END = re.compile(r"[.;](?=[\s\"'”’)]|$)|\n")


def verb_tense(text: str, start: int, end: int) -> bool | None:
    """The tense of the clause around a mention, read off the nearest tense cue: True for the future ("will
    meet on Monday", "is on Thursday", "opens Monday"), False for the past ("met on Monday", "said Monday"),
    None when the clause shows none. Cues are looked for back to the clause start and, failing those, a few words
    after (a future or past form only).

    Example:
        >>> verb_tense("The summit is on Thursday.", 14, 25), verb_tense("They met on Monday.", 9, 18)
        (True, False)
    """
    if text[end : end + 2] in ("'s", "’s"):  # "Friday's ruling": told after the fact, whatever the verb
        return False
    if timex.on_a_schedule_line(text, start):  # "Lakers: Visit the Thunder on Friday."
        return True
    lead = _lead_tense(text, start)  # "ahead of the weekend", "effective Monday", "since Tuesday"
    if lead is not None:
        return lead
    lo = max([start - 70, *(b.start() for b in _CLAUSE_END.finditer(text, max(0, start - 70), start))]) + 1
    cues = ((_FUT_CUE, True), (_PRES_CUE, True), (_PAST_CUE, False))
    before = [(start - m.end(), fut and not _PLAN_PAST.search(text, max(lo, m.start() - 25), m.start()))
              for pat, fut in cues for m in pat.finditer(text, lo, start)]
    if before:
        return min(before)[1]
    stop = _CLAUSE_END.search(text, end, end + 60)
    hi = stop.start() if stop else end + 60
    # after the day only a future or past form counts: a present one there is seldom its verb ("On Sunday, the
    # countries -- that is, those of the euro -- met")
    after = [(m.start() - end, fut) for pat, fut in cues[::2] for m in pat.finditer(text, end, hi)]
    return min(after)[1] if after else None


def _weekday(r: dt.date, wd: int, rel: str, text: str, start: int, end: int) -> dt.date:
    """The day a weekday names, seen from ``r``: "next"/"last" as written, else the tense of the clause."""
    back = (r.weekday() - wd) % 7
    fwd = (wd - r.weekday()) % 7
    if rel == "next":
        return r + dt.timedelta(days=fwd or 7)
    if rel == "last":
        return r - dt.timedelta(days=back or 7)
    tense = verb_tense(text, start, end)
    if rel in ("this coming", "coming", "until") or (rel == "by" and tense is not False) or (tense and back != 0):
        return r + dt.timedelta(days=fwd)
    return r - dt.timedelta(days=back)


_TIMEX_KINDS = {k for k, _ in timex.TIME_PATTERNS + timex.LATE_PATTERNS}
_PERIOD_KINDS = {k for k, _ in periods.PATTERNS}
_ALL_PATTERNS = periods.PATTERNS + timex.TIME_PATTERNS + _PATTERNS + timex.LATE_PATTERNS
_DAY_WORDS: dict[str, int] = lexicon.table("dates.day_words")


def _day_named(g: dict[str, str | None], key: str, text: str, m: re.Match[str], ref: dt.date) -> dt.date | None:
    """The day a time is on: a weekday or "yesterday"/"tomorrow" written with it, else the reference."""
    word = (g.get(key) or "").lower().split()
    if not word:
        return ref
    if word[-1] in _DAY_WORDS or " ".join(word) in _DAY_WORDS:
        return ref + dt.timedelta(days=_DAY_WORDS.get(" ".join(word), _DAY_WORDS.get(word[-1], 0)))
    mon, day = g.get("mon2") or g.get("mon3"), g.get("day2") or g.get("day3")
    if mon and day:
        mo, d = _month(mon), int(day)
        yr = _nearest_year(Ref(ref), mo, d)
        return dt.date(yr, mo, d) if yr and _valid(yr, mo, d) else None
    if word[0] in WEEKDAYS:
        lead = m.group(0).split()[0].lower()
        return _weekday(ref, WEEKDAYS[word[0]], lead if lead in ("by", "until") else "", text, m.start(), m.end())
    return ref


#: What stands before "a year", "a week" when it is a rate, not a duration: a figure, possibly with a word or two
#: naming what it counts ("$5 a year", "$500 million a year", "four flights a week", "twice a week").
_RATE_BEFORE = re.compile(
    r"(?:\d|%|percent|times|once|twice|dollars?|cents?|euros?|pounds?|yuan|hundred|thousand|million|billion"
    r"|trillion|one|two|three|four|five|six|seven|eight|nine|ten|dozen)"
    r"(?:\s+(?!(?:for|in|over|within|about|after|before|of|to|than|and|or|the|by|at|on)\b)[a-z]+){0,2}\s*$", re.I)


def _resolve_timex(kind: str, m: re.Match[str], text: str, ref: Ref) -> tuple[str | None, str, str]:
    """(value, how, TIMEX3 type) of a time of day, a duration, a set or a present/past/future reference."""
    g = m.groupdict()
    if kind == "clock":
        clock = timex.clock_of(m)
        if clock is None:
            return None, "invalid", "TIME"
        if ref.date is None:
            return None, "needs-date", "TIME"
        key = "dayword" if g.get("dayword") or g.get("mon3") else "dayfirst"
        how = "clock-day" if g.get(key) else "clock"  # "clock": no day written, the reference's for now
        return timex.time_value(_day_named(g, key, text, m, ref.date), clock), how, "TIME"
    if kind == "daypart":
        part = (g.get("part") or g.get("lone") or g.get("mid") or "").lower()
        rel = (g.get("rel") or g.get("rel2") or ("tonight" if part == "tonight" else "")).lower()
        if part == "overnight":
            rel = "last"
        if ref.date is None:
            return None, "needs-date", "TIME"
        rel = " ".join(rel.split())
        offset = _DAY_WORDS.get(rel, _DAY_WORDS.get(rel.split()[-1], 0) if rel else 0)
        return timex.time_value(ref.date + dt.timedelta(days=offset), part=part), "day-part", "TIME"
    if kind == "set":
        if g.get("adv") and _RATE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            return None, "invalid", "SET"  # "rise 8% annually", "$2 million annually": a rate, as "$5 a year"
        word = g.get("adv") or g.get("q") or g.get("times") or "every"
        unit = g.get("sunit") or g.get("punit") or g.get("pwd") or g.get("pwd1")
        count = g.get("sn") or g.get("pparts") or g.get("pparts1")
        return timex.set_value(word, unit, count, bool(g.get("other"))), "set", "SET"
    if kind == "long":  # "a year-long inquiry" → P1Y, "a decades-long battle" → PXY
        unit = g["unit"]
        plural = unit.lower().endswith(("s", "ies")) and unit.lower() != "centurys"
        return timex.duration_value("several" if plural else "1", unit), "duration", "DURATION"
    if kind in ("duration", "duration_bare"):
        if " ".join(m.group(0).lower().split()) in timex.REF_WORDS:  # "recent years": the past, not a span
            return timex.ref_value(m.group(0)), "reference", "DATE"
        unit = g["unit"]
        count = g.get("n") or ("1" if not unit.lower().endswith(("s", "ies")) else "several")
        if count.lower() in ("a", "an") and (_RATE_BEFORE.search(text, max(0, m.start() - 40), m.start()) or unit.lower() == "second"):
            return None, "invalid", "DURATION"  # "$5 a year", "twice a week" are rates; "a second" is an ordinal
        if unit.lower() == "quarters" and not g.get("adj") and timex.count_of(count) is not None and re.match(
                r"\s+of\b", text[m.end():]):
            return None, "invalid", "DURATION"  # "three quarters of the vote" is a share; "several quarters of losses" lasted
        half = "half" in m.group(0).lower() and not count.lower().startswith("half")
        return timex.duration_value(count, unit, half), "duration", "DURATION"
    if kind == "season":
        code = timex.SEASONS[g["season"].lower()]
        rel = " ".join((g.get("rel") or "").lower().split())
        if g.get("year"):
            return f"{g['year']}-{code}", "season", "DATE"
        if not rel or rel in ("early", "late", "the") and ref.date is None:
            return None, "invalid", "DATE"
        if ref.date is None:
            return None, "needs-date", "DATE"
        y = ref.date.year + {"last": -1, "past": -1, "this past": -1, "next": 1}.get(rel, 0)
        if code == "WI" and rel in ("last", "past", "this past") and ref.date.month <= 3:
            y += 1  # in February, last winter began the December before
        elif rel == "this past" and timex.SEASON_START[code] < ref.date.month:
            y += 1  # in October, this past spring is this year's
        return f"{y:04d}-{code}", "season", "DATE"
    if kind == "spoken_year":
        said = timex.spoken_year(g)
        return (_iso(said, _month(g["smon"])) if g.get("smon") else _iso(said)), "absolute", "DATE"
    if kind == "half":
        hyear = int(g["hyear"]) if g.get("hyear") else ref.known_year
        if hyear is None:
            return None, "needs-date", "DATE"
        hyear += {"next": 1, "last": -1}.get((g.get("hrel") or "").lower(), 0)
        return f"{hyear:04d}-{timex.HALVES[g['half'].lower()]}", "half", "DATE"
    if kind == "weekend":
        if ref.date is None:
            return None, "needs-date", "DATE"
        rel = " ".join(g["rel"].lower().split())
        sat = _weekday(ref.date, 5, {"this past": "last", "over the": ""}.get(rel, rel if rel != "the" else ""),
                       text, m.start(), m.end())
        iy, iw, _ = sat.isocalendar()
        return f"{iy:04d}-W{iw:02d}-WE", "weekend", "DATE"
    if kind == "decade":  # "the 1980s" → 198, "the 20th century" → 19 (TimeML: the known digits)
        if g.get("decw") or g.get("decd"):  # "the nineties", "the '80s": the latest such decade
            digit = int(g["decd"]) if g.get("decd") else timex.DECADE_WORDS[(g["decw"] or "").lower()]
            return timex.decade_value(digit, ref.known_year), "decade", "DATE"
        return (g["dec"] if g.get("dec") else f"{int(g['cent']) - 1:02d}"), "absolute", "DATE"
    if kind == "short_year":  # "since '82"
        return _iso(timex.short_year(int(g["yy"]), ref.known_year)), "absolute", "DATE"
    if kind == "year_ago_quarter":  # "year-earlier": the year before; periods.anchor makes it the reported quarter's
        if ref.known_year is None:
            return None, "needs-quarter", "DATE"
        return _iso(ref.known_year - 1), "relative", "DATE"
    if kind == "year_ended":  # "the year ended March 31": a year's span, named by its end
        return "P1Y", "duration", "DURATION"
    if kind == "year_end":  # "by the end of the year": the reference's year
        return (_iso(ref.known_year) if ref.known_year else None), "relative", "DATE"
    if kind == "ref":
        return timex.ref_value(g["ref"]), "reference", "DATE"
    if kind == "anaphora":  # counted from the reference here; _anaphora counts from the day the text named
        unit, off, _ = timex.anaphora_of(g.get("ana") or "the day")
        if unit == "year" and (g.get("ana") or "")[-4:] == "Year":  # "Person of the Year"
            return None, "invalid", "DATE"
        if ref.date is None:
            return None, "needs-date", "DATE"
        return _count_from(ref.date.isoformat(), unit, off), "anaphoric", "DATE"
    return None, "unknown", "DATE"


def _iter_matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str]]] = []
    for kind, pat in _ALL_PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            # trim leading space captured by optional groups
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "wd" and not (m.group("rel") or m.group("tod")) and weekday_is_name(text, m):
                continue
            if kind == "year" and not m.group("rel") and year_is_name(text, m.start("year"), m.end("year")):
                continue
            if kind == "q_bare" and code_is_name(text, s):
                continue
            if kind == "deictic" and timex.generic_day(text, m.start("word"), m.end("word")):
                continue  # "today's youth", "the people of tomorrow": the time in general, no day
            if kind != "holiday" and in_a_name(text, s, e):
                taken.append((s, e))  # nothing inside a name is a date either ("High Noon")
                continue
            taken.append((s, e))
            found.append((kind, m))
    found.sort(key=lambda km: km[1].start())
    yield from found


def extract_dates(text: str, ref_date: dt.date | None = None, ref_year: int | None = None) -> list[DateMention]:
    """Every temporal expression in ``text`` with its ISO value relative to the reference.

    Unresolvable mentions (a weekday with no reference date) are kept with ``value=None``.
    """
    ref = Ref(ref_date, ref_year)
    out: list[DateMention] = []
    guessed: set[int] = set()
    matches = list(_iter_matches(text))
    for kind, m in matches:
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        try:
            if kind in _PERIOD_KINDS:
                fut = periods.looks_ahead(text, m.start()) and _future_context(text, m.start(), m.end()) and (
                    verb_tense(text, m.start(), m.end()))
                value, how = periods.resolve(kind, m, ref.date, ref.year, fut or None)
                typ = "DATE"
            elif kind in _TIMEX_KINDS:
                value, how, typ = _resolve_timex(kind, m, text, ref)
                if value is None and how == "invalid":
                    continue
            else:
                value, how = _resolve(kind, m, text, ref)
                typ = "DURATION" if how == "duration" else "TIME" if value and value[10:11] == "T" else "DATE"
        except (OverflowError, ValueError):  # the reference sits at the calendar's ends (year 1, 9999)
            value, how, typ = None, "out of range", "DATE"
        if kind == "quarter" and value is None:  # "a quarter of the vote"
            continue
        if kind in _YEARLESS and value and not _says_its_year(m) and _month_tense(kind, m, text) is None:
            guessed.add(len(out))  # its year is a guess (_nearest_year)
        out.append(DateMention(start=s, end=e, text=text[s:e], value=value, how=how, type=typ))
    _same_month(out, guessed)
    out = timex.paired_days(text, out, [m.span() for _, m in matches])
    return _anaphora(periods.anchor(_clock_days(out), ref.date), text)


def _same_month(found: list[DateMention], guessed: set[int]) -> None:
    """A month (or a day of it) written without a year and with no sign of tense is the same month the text named
    before, when it did ("visit Beijing next April" … "a visit to China in April"), rather than the nearest one
    (in place). ``guessed`` holds the indexes of those whose year was guessed."""
    for i in sorted(guessed):
        value = found[i].value or ""
        if not value[:4].isdigit():
            continue
        years = [p.value[:4] for p in found[:i]
                 if p.value and p.value[:4].isdigit() and p.value[4:7] == value[4:7] and p.value[7:8] in ("", "-", "T")]
        if years and (len(value) == len("2025-04") or _valid(int(years[-1]), int(value[5:7]), int(value[8:10]))):
            found[i].value = years[-1] + value[4:]


#: How far after the day the text named (characters) a clock time with no day of its own is on that day.
CLOCK_REACH = 400


def _clock_days(found: list[DateMention]) -> list[DateMention]:
    """A clock time with no day written ("at 10 p.m.") is on the day the text named just before it, when it
    named one (in place; returned)."""
    day: DateMention | None = None
    for d in found:
        if d.how == "clock" and d.value and day is not None and day.point and d.start - day.end < CLOCK_REACH:
            d.value = day.point + d.value[10:]
            d.how = "clock-day"
        elif d.point and len(d.point) == 10 and d.how != "clock":
            day = d
    return found


_UNIT_LEN = {"day": 10, "week": 10, "month": 7, "year": 4}


def _count_from(point: str, unit: str, off: int) -> str | None:
    """The day, ISO week, month or year ``off`` units from ``point`` (a date at least as precise as the unit)."""
    if unit in ("day", "week"):
        day = to_date(point[:10])
        if day is None:
            return None
        if unit == "day":
            return (day + dt.timedelta(days=off)).isoformat()
        iy, iw, _ = (day + dt.timedelta(weeks=off)).isocalendar()
        return f"{iy:04d}-W{iw:02d}"
    if unit == "month":
        idx = int(point[:4]) * 12 + int(point[5:7]) - 1 + off
        return _iso(idx // 12, idx % 12 + 1)
    return _iso(int(point[:4]) + off)


def _anaphora(found: list[DateMention], text: str) -> list[DateMention]:
    """"the day", "that year", "the following month" name the last day, month or year the text named before
    them (at least as precise as the unit); with none named, the reference's (already set)."""
    for i, d in enumerate(found):
        if d.how != "anaphoric" or not d.value:
            continue
        d.how = "relative"
        m = timex.ANAPHORA_PATTERN.match(text, d.start)
        if m is None:
            continue
        unit, off, from_named = timex.anaphora_of(m.group("ana") or "the day")
        if not from_named:
            continue
        named = [p.point for p in found[:i] if p.point and len(p.point) >= _UNIT_LEN[unit]
                 and "W" not in p.point and "Q" not in p.point and not p.point[4:5].isalpha()]
        if named:
            d.value = _count_from(named[-1], unit, off) or d.value
    return found


#: A year written in a date string: four digits, or the two of a numeric date ("8/2/13 at 1:30 PM", "08-02-13")
#: or after an apostrophe ("Aug. 2, '13"). A string with none ("next week", "2 hours ago") is read against today.
_YEAR_WRITTEN = re.compile(r"\d{4}|\b\d{1,2}([/.-])\d{1,2}\1\d{2}\b|['’]\d{2}\b")


def parse_date_string(s: str) -> str | None:
    """A complete date string (metadata, "Published on: 24 November 2025") → "YYYY-MM-DD", or None — also for one
    with no year written ("next week", "2 hours ago": read against today's clock, they would date the article to
    the day it was read)."""
    s = s.strip()
    if not _YEAR_WRITTEN.search(s):
        return None
    try:
        return dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        s, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]}
    )
    if parsed is None:
        return None
    return str(parsed.date().isoformat())


def to_date(value: str | None) -> dt.date | None:
    """'2025-11-24' → date; coarser or non-calendar values → None."""
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


_MD_RE = re.compile(rf"{_MON}\s+{_DAY}\b")
_DM_RE = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}")
_WD_RE = re.compile(_WD)


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) named in a date mention, if any: 'on the evening of November 24' → (11, 24)."""
    m = _MD_RE.search(text) or _DM_RE.search(text)
    if not m:
        return None
    return _month(m.group("mon")), int(m.group("day"))


def weekday_of(text: str) -> int | None:
    """Weekday named in a mention (Monday = 0)."""
    m = _WD_RE.search(text)
    return WEEKDAYS[m.group("wd").lower()] if m else None


_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def month_day_year(text: str) -> tuple[int, int, int | None] | None:
    """Month, day and (when written) year of a date such as a dateline's: 'March 5' → (3, 5, None).

    Example:
        >>> month_day_year("Mar. 5, 2024"), month_day_year("5 March")
        ((3, 5, 2024), (3, 5, None))
    """
    md = month_day(text)
    if md is None or not 1 <= md[1] <= 31:
        return None
    year = _YEAR_RE.search(text)
    return md[0], md[1], int(year.group(0)) if year else None


def day_near(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day nearest to ``anchor`` (a year before, the same year or after).

    Example:
        >>> day_near(12, 30, dt.date(2025, 1, 2))
        datetime.date(2024, 12, 30)
    """
    days = [dt.date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if _valid(y, month, day)]
    return min(days, key=lambda d: abs((d - anchor).days)) if days else None
