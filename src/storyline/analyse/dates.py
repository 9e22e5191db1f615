"""Temporal expressions, resolved to calendar dates relative to the article's reference date.

``dateparser`` is good at one thing we need — turning a complete date string from metadata or a
"Published on:" line into a date — and is used for that (:func:`parse_date_string`). For running
text it returns nothing for "next April" or "late October" and false hits for "sat down", so the
extractor below is our own: explicit patterns, each resolved at its real precision.

The patterns are in :mod:`~storyline.analyse.date_patterns` (with :mod:`~storyline.analyse.periods` and
:mod:`~storyline.analyse.timex`), each kind's value in :mod:`~storyline.analyse.date_resolve`, the tense that places
a date written without its year in :mod:`~storyline.analyse.date_tense`, single date strings in
:mod:`~storyline.analyse.date_strings`; this module finds the mentions and settles what one tells of another.

Example:
    >>> import datetime as dt
    >>> [(d.text, d.value) for d in extract_dates("They spoke on Monday and will meet next April.", dt.date(2025, 11, 25))]
    [('on Monday', '2025-11-24'), ('next April', '2026-04')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..model import DateMention
from . import periods, timex
from .date_names import code_is_name, in_a_name, weekday_is_name, year_is_name
from .date_patterns import CALENDAR_PATTERNS, MONTHS, WEEKDAYS, Ref, names_a_range, valid_date
from .date_resolve import (
    DAY_PART_OF_THE_NAMED_DAY,
    UNIT_LEN,
    WEEKDAY_BEFORE,
    count_from,
    resolve_calendar,
    resolve_timex,
)
from .date_strings import day_near, month_day, month_day_year, parse_date_string, to_date, weekday_of
from .date_tense import AHEAD_WEIGHT, LEAD_TENSE, future_context, month_tense, verb_tense

__all__ = [
    "AHEAD_WEIGHT",
    "CLOCK_REACH",
    "LEAD_TENSE",
    "MONTHS",
    "RANGE_END",
    "WEEKDAYS",
    "day_near",
    "extract_dates",
    "month_day",
    "month_day_year",
    "parse_date_string",
    "to_date",
    "verb_tense",
    "weekday_of",
    "year_range_ends",
]

#: The kinds whose year is told by the tense around them when the text gives none ("in March", "Dec. 7").
_YEARLESS = ("md", "dm", "rel_month", "bare_month")


def _says_its_year(m: re.Match[str]) -> bool:
    """True for a month that says which year it is in ("next April", "June last year")."""
    g = m.groupdict()
    return bool(g.get("yrel")) or (g.get("rel") or "").lower() in ("next", "last", "this")


_TIMEX_KINDS = {k for k, _ in timex.TIME_PATTERNS + timex.LATE_PATTERNS}
_PERIOD_KINDS = {k for k, _ in periods.PATTERNS}
_ALL_PATTERNS = periods.PATTERNS + timex.TIME_PATTERNS + CALENDAR_PATTERNS + timex.LATE_PATTERNS


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
            if kind in ("q_bare", "bare_month") and code_is_name(text, s):
                continue  # "the Audi Q3", "actors such as Fredric March"
            if kind == "iso_month" and names_a_range(text, s, e):
                continue  # "the 2010-11 season": the year and its range's end
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
                fut = periods.looks_ahead(text, m.start()) and future_context(text, m.start(), m.end()) and (
                    verb_tense(text, m.start(), m.end()))
                value, how = periods.resolve(kind, m, ref.date, ref.year, fut or None)
                typ = "DATE"
            elif kind in _TIMEX_KINDS:
                value, how, typ = resolve_timex(kind, m, text, ref)
                if value is None and how == "invalid":
                    continue
            else:
                value, how = resolve_calendar(kind, m, text, ref)
                typ = "DURATION" if how == "duration" else "TIME" if value and value[10:11] == "T" else "DATE"
        except (OverflowError, ValueError):  # the reference sits at the calendar's ends (year 1, 9999)
            value, how, typ = None, "out of range", "DATE"
        if kind == "quarter" and value is None:  # "a quarter of the vote"
            continue
        if kind in _YEARLESS and value and not _says_its_year(m) and month_tense(kind, m, text) is None:
            guessed.add(len(out))  # its year is a guess (nearest_year)
        out.append(DateMention(start=s, end=e, text=text[s:e], value=value, how=how, type=typ))
    _same_month(out, guessed)
    taken = [m.span() for _, m in matches]
    out = year_range_ends(text, timex.paired_days(text, out, taken), taken)
    _shared_year(out, text)
    _quarter_ends(out, text)
    out = _year_before_the_day(periods.anchor(_clock_days(_told_by_the_next(out, text), text), ref.date), text)
    return _weekday_before(_anaphora(out, text))


#: The ``how`` of a range's second year ("the 2008-09 season", "fiscal 2023-24", "2023/24": "09", "24").
RANGE_END = "range-end"
#: The second year of a range written right after its first: "-09", "/24", "–2000" (not "2010-05", a month).
_YEAR_RANGE_END = re.compile(
    r"(?:[-/]|[ \t]*–[ \t]*)(?P<end>(?:19|20)\d\d|\d\d)\b(?![-/.,:]?\d|\s*(?:%|percent|per\s*cent|million|billion))"
)
_ENDS_IN_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d$")
#: The most years a range spans written with four digits ("1914-1999"), and with two ("1992-95", "1999-00"): a
#: second year further on is none ("2010-05" is a month, not 2010 to 2105).
RANGE_YEARS = 100
RANGE_YEARS_SHORT = 20


def year_range_ends(text: str, found: list[DateMention], taken: list[tuple[int, int]]) -> list[DateMention]:
    """``found`` with the second year of each range of years after its first: "the 2008-09 season" → "2008" and
    "09" (2009), "fiscal 2023-24", "2023/24", "1999-2000". TimeML gives such a span no single value; as HeidelTime's
    rules for TempEval tag "1850-58" ("58" a TIMEX3 of its own, 1858) and TempEval-3 train tags "between 1985 and
    1987" (two DATEs), the second year is a mention of its own, so the pair covers both years and a season's end
    (:data:`RANGE_END`) can end a period or deadline. A second year that is
    not later than the first, or too far after it (:data:`RANGE_YEARS`), is none.

    Example:
        >>> first = DateMention(start=4, end=8, text="2008", value="2008", how="absolute")
        >>> [(d.text, d.value, d.how) for d in year_range_ends("the 2008-09 season", [first], [(4, 8)])]
        [('2008', '2008', 'absolute'), ('09', '2009', 'range-end')]
    """
    out: list[DateMention] = []
    for d in found:
        out.append(d)
        m = _YEAR_RANGE_END.match(text, d.end)
        if m is None or d.type != "DATE" or not d.value or not d.value.isdigit() or len(d.value) != len("2008"):
            continue
        if not _ENDS_IN_A_YEAR.search(d.text) or any(s < m.end() and m.start("end") < e for s, e in taken):
            continue
        first, written = int(d.value), m.group("end")
        short = len(written) < len("2008")
        last = first // 100 * 100 + int(written) if short else int(written)
        if short and last <= first:
            last += 100  # "1999-00"
        if not first < last <= first + (RANGE_YEARS_SHORT if short else RANGE_YEARS):
            continue
        out.append(DateMention(start=m.start("end"), end=m.end(), text=written, value=f"{last:04d}", how=RANGE_END))
    return out


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
        if years and (len(value) == len("2025-04") or valid_date(int(years[-1]), int(value[5:7]), int(value[8:10]))):
            found[i].value = years[-1] + value[4:]


#: Words that join two months or days into one span or choice ("September and October of 2007", "from June to
#: August 2007", "May 5 or 6, 2008"), and words that say a month's year on their own ("next April", "this May").
_JOINED = re.compile(r"[ \t]*(?:,[ \t]*)?(?:and|or|to|through|until|till|[-–/])[ \t]*(?:\n[ \t]*)?$", re.I)
_GUESSED_YEAR = ("month-day", "relative-month")
_YEAR_AFTER = re.compile(r",[ \t]*")
_OWN_YEAR = re.compile(r"(?i)\b(?:(?:1[5-9]|20)\d\d|next|last|this|past|previous|coming|following)\b|['’]\d\d\b")


def _shared_year(found: list[DateMention], text: str) -> None:
    """A month or a day written without its year and joined to the next one that has it takes that year ("between
    September and October of 2007", "from June to August 2007", "May 5 and 6, 2008"), a year before it when its month
    comes later in the calendar ("from December to February 2008"), in place. The year it had was a guess from the
    tense (:func:`date_tense.nearest_year`), which the text overrides.

    Example:
        >>> [(d.text, d.value) for d in extract_dates("in March and April 2008", dt.date(2010, 6, 1))]
        [('in March', '2008-03'), ('April 2008', '2008-04')]
    """
    told: set[int] = set()  # the indexes of the mentions whose year the text says
    for i in range(len(found) - 1, 0, -1):  # from the end: "May 5 and 6, 2008" passes 2008 on to "6", then "May 5"
        first, second, between = found[i - 1], found[i], text[found[i - 1].end : found[i].start]
        if first.type != "DATE" or first.how not in _GUESSED_YEAR or not first.value or _OWN_YEAR.search(first.text):
            continue
        day_then_year = first.text.isdigit() and _YEAR_AFTER.fullmatch(between) and re.fullmatch(r"\d{4}", second.text)
        if not (day_then_year or _JOINED.fullmatch(between)) or second.type != "DATE":
            continue
        shape = r"\d{4}(?:-\d\d){0,2}" if day_then_year else r"\d{4}-\d\d(?:-\d\d)?"  # a month, or "6, 2008"
        if not (i in told or _OWN_YEAR.search(second.text)) or not re.fullmatch(shape, second.value or ""):
            continue
        later = second.value or ""
        year = int(later[:4]) - (len(later) > 4 and first.value[5:7] > later[5:7])
        value = f"{year:04d}{first.value[4:]}"
        if len(value) == len("2008-01") or valid_date(year, int(value[5:7]), int(value[8:10])):
            first.value = value
            told.add(i - 1)


#: Between a quarter and the day it ends on ("the third quarter ended Sept. 30, 2007", "its fiscal first quarter, which
#: ended Dec. 27, 2008").
_ENDED = re.compile(r",?[ \t]+(?:(?:that|which)[ \t]+)?(?:ended|ending|ends|closed)[ \t]+(?:on[ \t]+)?", re.I)
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_ORDINAL_QUARTER = re.compile(
    r"(?i)\b(?:" + "|".join(periods.ORDINALS) + r")[\s-]+quarter|\b[1-4](?:st|nd|rd|th)[\s-]+quarter|\bQ[1-4]\b")


def _quarter_ends(found: list[DateMention], text: str) -> None:
    """A quarter followed by the day it ended on, written with its year, is in that year: "the third quarter ended Sept.
    30, 2007" is 2007's, a fiscal quarter the year its end day is in (TempEval-3 train's "the fiscal first quarter
    ended Sept. 29" is ``1989-Q1``); "the quarter ended Sept. 30, 2007", with no number, is the calendar quarter that
    day is in (in place).

    Example:
        >>> [(d.text, d.value) for d in extract_dates("in the third quarter ended Sept. 30, 2007", dt.date(2009, 6, 1))]
        [('the third quarter', '2007-Q3'), ('Sept. 30, 2007', '2007-09-30')]
    """
    for quarter, day in zip(found, found[1:], strict=False):
        if not _QUARTER_VALUE.fullmatch(quarter.value or "") or not _ENDED.fullmatch(text[quarter.end : day.start]):
            continue
        end = day.value or ""
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", end) or not re.search(r"\b(?:19|20)\d\d\b", day.text):
            continue
        if _ORDINAL_QUARTER.search(quarter.text):
            quarter.value = end[:4] + (quarter.value or "")[4:]
        else:
            quarter.value = f"{end[:4]}-Q{(int(end[5:7]) - 1) // 3 + 1}"


def _told_by_the_next(found: list[DateMention], text: str) -> list[DateMention]:
    """``found`` without a present/past/future word or an anaphoric day that the next mention, right after it with
    no preposition of its own, dates ("most recently last October", "during the day Friday"): the time is the one
    written out. A span after it ("currently two years behind schedule") measures something else, a preposition ties
    another time to it ("their best week since November"), and a coarser one places it ("the same month last year").

    Example:
        >>> [d.text for d in extract_dates("killed, most recently last October", dt.date(1999, 2, 6))]
        ['last October']
    """
    nexts: list[DateMention | None] = [*found[1:], None] if found else []
    return [
        d
        for d, nxt in zip(found, nexts, strict=True)
        if not (d.how in ("reference", "anaphoric") and nxt is not None and nxt.point and not timex.extent(nxt.text)
                and not text[d.end : nxt.start].strip() and len(nxt.point) >= len(d.point or ""))
    ]


#: How far after the day the text named (characters) a clock time with no day of its own is on that day.
CLOCK_REACH = 400


#: What stands before a time stamp that opens a line of a live report ("___.  9:18 p.m.  Trump is ...").
_OPENS_A_LINE = re.compile(r"(?:^|\n|_{3}\.?)[ \t]*$")


def _clock_days(found: list[DateMention], text: str) -> list[DateMention]:
    """A clock time with no day written ("at 10 p.m.") is on the day the text named just before it, when it
    named one (in place; returned); one opening a line, a live report's time stamp, stays on the reference's day.
    "In the morning" is a part of that day too, and no time at all with no day named within reach (left out)."""
    day: DateMention | None = None
    out: list[DateMention] = []
    for d in found:
        if d.how == DAY_PART_OF_THE_NAMED_DAY:
            if d.value and day is not None and day.point and d.start - day.end < CLOCK_REACH:
                d.value, d.how = day.point + d.value[10:], "day-part"
                out.append(d)
            continue
        out.append(d)
        if d.how == "clock" and _OPENS_A_LINE.search(text, max(0, d.start - 12), d.start):
            continue  # a live report's time stamp ("___.  9:18 p.m.  Trump is thanking ..."): the reference's day
        if d.how == "clock" and d.value and day is not None and day.point and d.start - day.end < CLOCK_REACH:
            d.value = day.point + d.value[10:]
            d.how = "clock-day"
        elif d.point and len(d.point) == 10 and d.how != "clock":
            day = d
    return out


#: Frames that make "the year" the year of the happening the sentence has just dated ("will visit Beijing in April
#: 2026 and host Xi later in the year": 2026), where alone it is the reporting year ("sales for the year rose").
WITHIN_THE_YEAR = re.compile(r"(?:later|earlier)\s+in\s+$", re.I)


def _year_of_the_sentence(d: DateMention, before: list[DateMention], m: re.Match[str], text: str) -> None:
    """"later in the year" after a date of another year in the same sentence is in that date's year."""
    frame = m.group("frame") or ""
    if not WITHIN_THE_YEAR.search(frame) or not m.group("ana").lower().endswith("year"):
        return
    named = [p for p in before if p.point and not re.search(r"[.!?]\s", text[p.end : d.start])]
    if named and named[-1].point and d.value and named[-1].point[:4] != d.value[:4]:
        d.value = named[-1].point[:4]


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
        unit, off, from_named = timex.anaphora_of(timex.anaphora_phrase(m))
        if not from_named:
            _year_of_the_sentence(d, found[:i], m, text)
            continue
        named = [p.point for p in found[:i] if p.point and _CALENDAR_POINT.fullmatch(p.point)]
        words = " ".join(timex.anaphora_phrase(m).lower().split()[:-1])
        if named and len(named[-1]) < UNIT_LEN[unit] and unit == "day" and words in timex.SAME_TIME_WORDS:
            d.value = named[-1] + "-XX" * ((len("2025-03-04") - len(named[-1])) // len("-XX"))
            continue
        named = [p for p in named if len(p) >= UNIT_LEN[unit]]
        if named:
            d.value = count_from(named[-1], unit, off) or d.value
    return found


#: A year, month or day of the calendar ("2025", "2025-03", "2025-03-04"): what an anaphoric day, month or year
#: counts from (not a week, quarter, half or season).
_CALENDAR_POINT = re.compile(r"\d{4}(?:-\d\d){0,2}")
#: A day written out ("Aug. 12", "March 3, 2025"): a report's reference time, when the sentence names one.
_WRITTEN_DAY = ("absolute", "month-day")


def _year_before_the_day(found: list[DateMention], text: str) -> list[DateMention]:
    """"A year earlier" / "a year ago" right after a day written out in the same sentence is that day a year before
    (in place; returned): the sentence's reference time ("for the quarter ended Sept. 30, net rose from $1 a share a
    year earlier" → the year before's Sept. 30), where the reporting quarter or the year is the default
    (:func:`periods.anchor`).

    Example:
        >>> [(d.text, d.value) for d in extract_dates("In the period ended Aug. 12, net fell from $3 a year earlier.",
        ...                                            dt.date(1989, 10, 26))]
        [('Aug. 12', '1989-08-12'), ('a year earlier', '1988-08-12')]
    """
    last: DateMention | None = None
    for d in found:
        if last is not None and last.point and d.type == "DATE" and periods.YEAR_AGO.match(d.text):
            day = last.point
            if (
                last.how in _WRITTEN_DAY
                and len(day) == len("2025-03-04")
                and not _SENTENCE_END.search(text, last.end, d.start)
                and valid_date(int(day[:4]) - 1, int(day[5:7]), int(day[8:10]))
            ):
                d.value = f"{int(day[:4]) - 1:04d}{day[4:]}"
        if d.point:
            last = d
    return found


_SENTENCE_END = re.compile(r"[.!?]\s")


def _weekday_before(found: list[DateMention]) -> list[DateMention]:
    """"The previous Friday", "the preceding Monday": that weekday before the last day the text named (the report's
    day), or before the reference with none named (in place; returned).

    Example:
        >>> [(d.text, d.value) for d in extract_dates("Shares fell on Friday, 6% below the previous Friday.",
        ...                                            dt.date(2025, 3, 10))]
        [('on Friday', '2025-03-07'), ('the previous Friday', '2025-02-28')]
    """
    for i, d in enumerate(found):
        if d.how != WEEKDAY_BEFORE:
            continue
        d.how = "weekday"
        days = [p.point for p in found[:i] if p.type == "DATE" and p.point and len(p.point) == len("2025-03-04")]
        named, wd = (to_date(days[-1]) if days else None), weekday_of(d.text)
        if named is not None and wd is not None:
            back = (named.weekday() - wd) % 7 or 7
            d.value = (named - dt.timedelta(days=back)).isoformat() + (d.value or "")[len("2025-03-04"):]
    return found
