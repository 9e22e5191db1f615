"""Commitments get their time: a figure whose clause sets a duration or a deadline carries it as dates.

"China will suspend export restrictions for one year" (published 2025-11-10) gives the figure "one year" the
``period`` ``2025-11-10/2026-11-10``; "buy 12 million tons by Thanksgiving" gives "12 million tons" the
``deadline`` ``2025-11-27``. Periods are ISO 8601 intervals (start/end), deadlines ISO dates at the precision
the text gives ("by the end of the year" → the year's last day). The start of a period is a day the clause
names after "from"/"starting"/"effective" when there is one, else the article's reference date.

Example:
    >>> import datetime as dt
    >>> from storyline.model import DateMention, NumberMention
    >>> text = "Beijing will buy 12 million tons by Thanksgiving."
    >>> n = NumberMention(17, 32, "12 million tons", 12e6, "tonne", time="by Thanksgiving")
    >>> attach_times([n], [DateMention(33, 48, "by Thanksgiving", "2025-11-27")], text, dt.date(2025, 11, 10))
    >>> n.deadline
    '2025-11-27'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from ..model import DateMention, NumberMention
from .timex import DURATION_UNITS

#: Words before a date that make it a deadline ("by Thanksgiving", "no later than March 1").
DEADLINE_WORDS = ("by", "before", "no later than", "not later than", "ahead of", "until", "till", "in time for",
                  "by the end of", "before the end of", "by end of")
#: Words before a duration that make it the period of what the clause commits to ("for one year").
PERIOD_WORDS = ("for", "over", "during", "for the next", "over the next", "in the next", "for another",
                "for a further", "for up to", "for a period of")
#: Words before a duration that make its end a deadline ("within 90 days").
WITHIN_WORDS = ("within", "in less than", "in under")
#: Words before a day that open a period ("starting Nov. 10").
START_WORDS = ("from", "starting", "starting on", "starting from", "beginning", "effective", "as of", "as from")

_TAIL = re.compile(r"(?i)(?:^|\W)(" + "|".join(re.escape(w) for w in sorted(
    DEADLINE_WORDS + PERIOD_WORDS + WITHIN_WORDS + START_WORDS, key=len, reverse=True)) + r")\s*$")
_END_OF = re.compile(r"(?i)\bend\s+of\b")
_DURATION = re.compile(r"^P(\d+)([YMWDQ])$|^PT(\d+)([HMS])$")
_CLAUSE_GAP = 90  # characters between a figure and a time in one clause
_BREAK = re.compile(r"[.!?](?=\s+[\"“‘']?[A-Z])|[;\n]|,\s*(?:and|but|while|whereas)\b")  # not "Dec. 1"


def _word_before(text: str, start: int) -> str:
    m = _TAIL.search(text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _lead(d: DateMention) -> str:
    """The preposition a date mention's own text begins with ("by Thanksgiving" → "by")."""
    m = re.match(r"(?i)(by the end of|by end of|before the end of|no later than|by|before|until|till|from|since)\s",
                 d.text)
    return m.group(1).lower() if m else ""


def last_day(point: str) -> str:
    """The last day of a period written as ISO: '2025' → '2025-12-31', '2025-11' → '2025-11-30',
    '2025-Q4' → '2025-12-31', '2025-H1' → '2025-06-30', '2025-W48' → its Sunday; a day stays itself."""
    if re.fullmatch(r"\d{4}", point):
        return f"{point}-12-31"
    m = re.fullmatch(r"(\d{4})-(\d{2})", point)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{point}-{calendar.monthrange(y, mo)[1]:02d}"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", point)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q:02d}-{calendar.monthrange(y, 3 * q)[1]:02d}"
    m = re.fullmatch(r"(\d{4})-H([12])", point)
    if m:
        return f"{m.group(1)}-{'06-30' if m.group(2) == '1' else '12-31'}"
    m = re.fullmatch(r"(\d{4})-W(\d{2})", point)
    if m:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7).isoformat()
    return point


def add_duration(start: dt.date, value: str) -> dt.date | None:
    """``start`` plus a TimeML duration ('P1Y', 'P90D', 'P6M', 'P2W'); None for vague or sub-day ones."""
    m = _DURATION.match(value)
    if not m or not m.group(1):
        return None
    n, unit = int(m.group(1)), m.group(2)
    if unit in ("D", "W"):
        return start + dt.timedelta(days=n * (7 if unit == "W" else 1))
    months = n * {"Y": 12, "M": 1, "Q": 3}[unit]
    total = start.year * 12 + start.month - 1 + months
    y, mo = divmod(total, 12)
    return dt.date(y, mo + 1, min(start.day, calendar.monthrange(y, mo + 1)[1]))


def _duration_of(n: NumberMention) -> str | None:
    """A duration figure's TimeML value ("one year" → P1Y), from its unit and value."""
    if n.kind != "duration" or n.value is None or not n.unit or n.value != int(n.value):
        return None
    code, mult = DURATION_UNITS.get(n.unit, ("", 0))
    if code not in ("Y", "M", "W", "D", "Q"):
        return None
    return f"P{int(n.value) * mult}{code}"


def _same_clause(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return hi - lo <= _CLAUSE_GAP and not _BREAK.search(text[lo:hi])


def attach_times(numbers: Sequence[NumberMention], dates: Sequence[DateMention], text: str,
                 ref: dt.date | None) -> None:
    """Set ``period`` and ``deadline`` on the figures whose clause gives them (in place)."""
    for n in numbers:
        starts = [d for d in dates if d.point and len(d.point) == 10 and _same_clause(text, n.start, d.start)
                  and (_word_before(text, d.start) in START_WORDS or _lead(d) == "from")]
        start = dt.date.fromisoformat(starts[0].point or "") if starts else ref
        own = _duration_of(n)
        if own is not None:
            word = _word_before(text, n.start)
            _set_from_duration(n, own, word, start)
            if n.period or n.deadline:
                continue
        phrase = (n.time or "").lower()
        for d in sorted(dates, key=lambda d: abs(d.start - n.start)):
            gap = (n.end, d.start) if d.start >= n.end else (d.end, n.start)
            if (starts and d is starts[0]) or not _same_clause(text, *gap) or (phrase and d.type != "DURATION"
                                                                              and d.text.lower() not in phrase):
                continue  # the parse gave the figure another time phrase: that one is its own
            if any(o is not n and gap[0] <= o.start and o.end <= gap[1] for o in numbers):
                continue  # another figure stands between: the time is that one's
            word = _lead(d) or _word_before(text, d.start)
            if d.type == "DURATION" and d.value:
                _set_from_duration(n, d.value, word, start)
            elif d.point and word in DEADLINE_WORDS:
                end_of = bool(_END_OF.search(d.text) or "end of" in word)
                n.deadline = last_day(d.point) if end_of else d.point
            if d.type != "DURATION":
                break  # the nearest date of the clause is the figure's time, deadline or not


def _set_from_duration(n: NumberMention, value: str, word: str, start: dt.date | None) -> None:
    if start is None:
        return
    end = add_duration(start, value)
    if end is None:
        return
    if word in PERIOD_WORDS:
        n.period = f"{start.isoformat()}/{end.isoformat()}"
    elif word in WITHIN_WORDS:
        n.deadline = end.isoformat()
