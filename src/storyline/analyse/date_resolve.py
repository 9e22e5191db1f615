"""The value of each kind of date mention :func:`storyline.analyse.dates.extract_dates` finds: a calendar date, week,
month, quarter or year (:func:`resolve_calendar`), and a time of day, a span, a set or a present/past/future
reference (:func:`resolve_timex`), read against the reference date.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import lexicon
from ..text import alternation
from . import periods, timex
from .anchors import holiday_date
from .date_patterns import NUMBER_WORDS, WEEKDAYS, Ref, iso, month_number, valid_date
from .date_strings import to_date
from .date_tense import LEAD_TENSE, future_context, month_tense, nearest_year, verb_tense, weekday_date


def _two_digit_year(yy: int, ref: Ref) -> int:
    """The year "FY08", "3Q09" name: this century's unless that lies over 20 years past the reference."""
    return yy + (2000 if 2000 + yy <= (ref.known_year or 2000) + 20 else 1900)


DAYS_IN_A_FORTNIGHT = 14


def resolve_calendar(kind: str, m: re.Match[str], text: str, ref: Ref) -> tuple[str | None, str]:
    g = m.groupdict()
    if kind == "iso":
        y, mo, d = int(g["year"]), int(g["m"]), int(g["day"])
        return (iso(y, mo, d) if valid_date(y, mo, d) else None), "absolute"
    if kind == "iso_month":  # "2010-11": November 2010
        return iso(int(g["year"]), int(g["m"])), "absolute"
    if kind == "numeric":  # "7/8/07": month first, as US news writes it; a two-digit year is the nearer century's
        y, mo, d = int(g["year"]), int(g["m"]), int(g["day"])
        if y < 100:
            near = ref.known_year or 2000
            y = min((c + y for c in range(near // 100 * 100 - 100, near // 100 * 100 + 101, 100)),
                    key=lambda c: abs(c - near))
        return (iso(y, mo, d) if valid_date(y, mo, d) else None), "absolute"
    if kind in ("dmy", "mdy"):
        y, mo, d = int(g["year"]), month_number(g["mon"]), int(g["day"])
        return (iso(y, mo, d) if valid_date(y, mo, d) else None), "absolute"
    if kind in ("md", "dm"):
        mo, d = month_number(g["mon"]), int(g["day"])
        if not 1 <= d <= 31:
            return None, "invalid"
        yrel = (g.get("yrel") or "").lower()  # "June 16th of last year"
        said = ref.known_year + {"next": 1, "last": -1}.get(yrel, 0) if yrel and ref.known_year else None
        yr = said or nearest_year(ref, mo, d, month_tense(kind, m, text))
        if yr is None:  # no year to place it in: TimeML's "XXXX-03-04" (two outlets' days still compare)
            return (f"XXXX-{mo:02d}-{d:02d}" if valid_date(2000, mo, d) else None), "needs-year"
        if not valid_date(yr, mo, d):
            return None, "needs-year"
        return iso(yr, mo, d), "month-day"
    if kind == "my":
        return iso(int(g["year"]), month_number(g["mon"])), "absolute"
    if kind == "quarter":
        if not (g["year"] or g["fy"] or g["yrs"] or g["yrs2"]) and periods.in_a_game(text, m.start(), m.end()):
            return None, "invalid"  # "scoring 24 points in the third quarter" after "14-7 at halftime": a game's
        fut = periods.looks_ahead(text, m.start()) and future_context(text, m.start(), m.end()) and verb_tense(
            text, m.start(), m.end())
        q = periods.quarter_of(m, ref.date, ref.year, fut or None)
        anchored = not m.group("ord") and not re.search(r"(?i)\b(?:this|current|next)\b", m.group(0))
        return q, "quarter-anchored" if anchored else "quarter"
    if kind == "q_year":  # "Q3 2008", "2008 Q3", "fiscal Q1 2009"
        return f"{int(g['year'] or g['year2']):04d}-Q{g['q'] or g['q2']}", "absolute"
    if kind in ("q_bare", "month_quarter"):  # "Q3", "3Q09", "the June quarter": as "the third quarter" is read
        qn = month_number(g["mon"]) // 3 if kind == "month_quarter" else int(g["q"] or g["q2"])
        if g.get("yy"):
            return f"{_two_digit_year(int(g['yy']), ref):04d}-Q{qn}", "absolute"
        if ref.date is None:
            return (f"{ref.year:04d}-Q{qn}" if ref.year else None), "quarter"
        fut = periods.looks_ahead(text, m.start()) and future_context(text, m.start(), m.end()) and verb_tense(
            text, m.start(), m.end())
        return periods.latest_started(qn, ref.date, fut or None), "quarter"
    if kind == "fiscal_year":  # "fiscal 2008", "FY2008", "FY08", "fiscal '08": the year the fiscal year is named by
        fy = int(g["year"].lstrip("'’"))
        return iso(_two_digit_year(fy, ref) if fy < 100 else fy), "absolute"
    if kind in ("rel_month", "bare_month"):
        mo = month_number(g["mon"])
        rel = (g.get("rel") or "in").lower()
        if ref.date is None:
            return (iso(ref.year, mo) if ref.year and rel not in ("next", "last") else None), "needs-date"
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
            y = nearest_year(ref, mo, None, month_tense(kind, m, text)) or r.year
        return iso(y, mo), "relative-month"
    if kind == "wd":
        if ref.date is None:
            return None, "needs-date"
        rel = " ".join((g.get("rel") or "").lower().split())
        before = rel.startswith("the ")
        day = weekday_date(ref.date, WEEKDAYS[g["wd"].lower()], "last" if before else rel, text, m.start(), m.end())
        return timex.time_value(day, part=g.get("tod")), WEEKDAY_BEFORE if before else "weekday"
    if kind == "rel_unit":
        rel = g["rel"].lower()
        unit = g["unit"].lower()
        y0 = ref.known_year
        if ref.date is None:
            if unit == "year" and y0 is not None:
                off = {"next": 1, "last": -1, "past": -1}.get(rel, 0)
                return iso(y0 + off), "relative"
            return None, "needs-date"
        r = ref.date
        off = {"next": 1, "coming": 1, "last": -1, "past": -1}.get(rel, 0)
        if unit == "year":
            return iso(r.year + off), "relative"
        if unit == "month":
            mo = r.month + off
            y = r.year + (mo - 1) // 12
            return iso(y, (mo - 1) % 12 + 1), "relative"
        # weeks: ISO week
        wk = r + dt.timedelta(weeks=off)
        iy, iw, _ = wk.isocalendar()
        return f"{iy:04d}-W{iw:02d}" + ("-WE" if unit == "weekend" else ""), "relative"
    if kind == "ago":
        if ref.date is None:
            return None, "needs-date"
        n_s = " ".join(g["n"].lower().split())
        n = int(n_s) if n_s.isdigit() else int(timex.count_of(n_s) or NUMBER_WORDS.get(n_s, 1))
        unit = g["unit"].lower().rstrip("s")
        if unit == "fortnight":
            unit, n = "day", n * DAYS_IN_A_FORTNIGHT
        r = ref.date
        if unit == "day":
            return (r - dt.timedelta(days=n)).isoformat(), "relative"
        if unit == "week":  # "six weeks ago" is a week, as "five months ago" a month; "a week ago", the day a week back
            day = r - dt.timedelta(weeks=n)
            iy, iw, _ = day.isocalendar()
            return (day.isoformat() if n == 1 else f"{iy:04d}-W{iw:02d}"), "relative"
        if unit == "month":
            mo = r.month - n
            y = r.year + (mo - 1) // 12
            return iso(y, (mo - 1) % 12 + 1), "relative"
        return iso(r.year - n), "relative"
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
        value, how = _holiday(g, m, text, ref)
        if value and g.get("hweek"):  # "Easter week", "Christmas week": the ISO week the holiday is in
            iy, iw, _ = dt.date.fromisoformat(value).isocalendar()
            value = f"{iy:04d}-W{iw:02d}"
        return value, how
    if kind == "year":
        return iso(int(g["year"])), "absolute"
    return None, "unknown"


def _holiday(g: dict[str, str | None], m: re.Match[str], text: str, ref: Ref) -> tuple[str | None, str]:
    """(value, how) of a holiday's day: the year written with it, else the one the tense and the reference say."""
    name = g["holiday"] or ""
    hday: dt.date | None
    year = g.get("year")
    if year:
        hday = holiday_date(name, int(year))
        return (hday.isoformat() if hday else None), "holiday"
    rel = (g.get("rel") or "").lower()
    if ref.date is None:
        hday = holiday_date(name, ref.year) if ref.year else None
        return (hday.isoformat() if hday else None), ("holiday" if hday else "needs-date")
    r = ref.date
    cands = [d for d in (holiday_date(name, y) for y in (r.year - 1, r.year, r.year + 1)) if d]
    fut = True if rel in ("by", "until", "before", "next") else future_context(text, m.start(), m.end())
    if rel in ("last", "since", "after"):
        past = [d for d in cands if d <= r]
        hday = max(past) if past else None
    elif fut:
        coming = [d for d in cands if d >= r]
        hday = min(coming) if coming else None
    else:
        hday = min(cands, key=lambda d: abs((d - r).days)) if cands else None
    return (hday.isoformat() if hday else None), "holiday"


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
        mo, d = month_number(mon), int(day)
        dyear = g.get("dyear")
        yr = int(dyear) if dyear else nearest_year(Ref(ref), mo, d)
        return dt.date(yr, mo, d) if yr and valid_date(yr, mo, d) else None
    if word[0] in WEEKDAYS:
        lead = m.group(0).split()[0].lower()
        return weekday_date(ref, WEEKDAYS[word[0]], lead if lead in ("by", "until") else "", text, m.start(), m.end())
    return ref


#: What stands before "a year", "a week" when it is a rate, not a duration: a figure, possibly with a word or two
#: naming what it counts ("$5 a year", "$500 million a year", "four flights a week", "twice a week", "$10-a-month").
_RATE_BEFORE = re.compile(
    r"(?:\d|%|percent|times|once|twice|dollars?|cents?|euros?|pounds?|yuan|hundred|thousand|million|billion"
    r"|trillion|one|two|three|four|five|six|seven|eight|nine|ten|dozen)"
    r"(?:\s+(?!(?:for|in|over|within|about|after|before|of|to|than|and|or|the|by|at|on)\b)[a-z]+){0,2}[\s-]*$", re.I)

#: A distance before "an hour", "a day": the rate is a speed, which TimeML leaves untagged ("60 miles an hour").
_SPEED_BEFORE = re.compile(rf"\b{alternation(lexicon.ordered('dates.speed_units'), longest_first=True)}\s+$", re.I)

#: Around a frequency adjective, a measure per unit ("the average daily volume", "median weekly earnings", "a daily
#: average of 3,000"): an amount each day, as "$2 million annually" is, no SET.
_MEASURES = alternation(lexicon.ordered("dates.per_unit_measures"), longest_first=True)
_MEASURE_BEFORE = re.compile(rf"\b(?:{_MEASURES})[\s-]+$", re.I)
_MEASURE_AFTER = re.compile(rf"[\s-]+(?:{_MEASURES})s?\b", re.I)

#: Words right before "soon" that make it the future (``dates.soon_leads``: "may soon seek", "anytime soon").
_SOON_LEAD = re.compile(r"\b" + alternation(lexicon.ordered("dates.soon_leads"), space=r"\s+") + r"\s+$", re.I)

#: Vague counts that before a unit in the singular count one of it (``dates.one_unit_counts``: "the coming decade").
_ONE_UNIT_COUNTS = lexicon.words("dates.one_unit_counts")

#: After "a week": it counts from another time ("down from 2,010.5 a week before"), whatever figure stands before it.
_TOLD_FROM = re.compile(r"\s+(?:before|after|earlier|later|ago|prior)\b", re.I)


def resolve_timex(kind: str, m: re.Match[str], text: str, ref: Ref) -> tuple[str | None, str, str]:
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
        part = (g.get("part") or g.get("lone") or g.get("mid") or g.get("part2") or "").lower()
        rel = (g.get("rel") or g.get("rel2") or ("tonight" if part == "tonight" else "")).lower()
        if part == "overnight":
            rel = "last"
        if ref.date is None:
            return None, "needs-date", "TIME"
        rel = " ".join(rel.split())
        offset = _DAY_WORDS.get(rel, _DAY_WORDS.get(rel.split()[-1], 0) if rel else 0)
        how = DAY_PART_OF_THE_NAMED_DAY if g.get("thepart") else "day-part"
        return timex.time_value(ref.date + dt.timedelta(days=offset), part=part), how, "TIME"
    if kind == "set":
        if g.get("adv") and (
            _RATE_BEFORE.search(text, max(0, m.start() - 40), m.start())
            or _MEASURE_BEFORE.search(text, max(0, m.start() - 20), m.start())
            or _MEASURE_AFTER.match(text, m.end())
        ):
            return None, "invalid", "SET"  # "rise 8% annually", "$2 million annually", "average daily volume": a rate
        word = g.get("adv") or g.get("q") or g.get("times") or "every"
        unit = g.get("sunit") or g.get("punit") or g.get("pwd") or g.get("pwd1")
        count = g.get("sn") or g.get("pparts") or g.get("pparts1")
        return timex.set_value(word, unit, count, bool(g.get("other"))), "set", "SET"
    if kind == "day_described":  # "an unusually turbulent day" → P1D
        return timex.duration_value("1", g["unit"]), "duration", "DURATION"
    if kind == "long":  # "a year-long inquiry" → P1Y, "a decades-long battle" → PXY
        unit = g["unit"]
        plural = unit.lower().endswith(("s", "ies")) and unit.lower() != "centurys"
        return timex.duration_value("several" if plural else "1", unit), "duration", "DURATION"
    if kind in ("duration", "duration_bare"):
        if " ".join(m.group(0).lower().split()) in timex.REF_WORDS:  # "recent years": the past, not a span
            return timex.ref_value(m.group(0)), "reference", "DATE"
        unit = g["unit"]
        count = g.get("n") or ("1" if not unit.lower().endswith(("s", "ies")) else "several")
        if count.lower() in ("a", "an") and unit.lower() == "second":
            return None, "invalid", "DURATION"  # "a second" is an ordinal
        if timex.is_someday(text, m.start()):
            return None, "invalid", "DURATION"  # "he hopes he one day follows": some day, no span
        if count.lower() in ("a", "an") and _RATE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            # a rate ("$5 a year", "15 a year", "four flights a week") recurs each unit: a SET, as TimeML's
            # "twice a week"; a compound before its noun ("a $10-a-month subscription") is none
            if "-" in m.group(0) or _SPEED_BEFORE.search(text, max(0, m.start() - 20), m.start()) or _TOLD_FROM.match(
                    text, m.end()):
                return None, "invalid", "DURATION"  # "60 miles an hour" is a speed, no time (TimeML)
            return timex.set_value("every", unit), "set", "SET"
        if unit.lower() == "quarters" and not g.get("adj") and timex.count_of(count) is not None and re.match(
                r"\s+of\b", text[m.end():]):
            return None, "invalid", "DURATION"  # "three quarters of the vote" is a share; "several quarters of losses" lasted
        half = "half" in m.group(0).lower() and not count.lower().startswith("half")
        if count.lower() in _ONE_UNIT_COUNTS and not unit.lower().endswith(("s", "ies")):
            count = "1"  # "the coming decade", "the coming century": one unit ahead, not a vague count of them
        return timex.duration_value(count, unit, half), "duration", "DURATION"
    if kind == "season":
        code = timex.SEASONS[g["season"].lower()]
        rel = " ".join((g.get("rel") or "").lower().split()) or ("this" if m.group("poss") is not None else "")
        if g.get("year") or g.get("syear"):
            said = g["year"] or f"{timex.spoken_year_words(g['syear'] or ''):04d}"
            return f"{said}-{code}", "season", "DATE"
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
        return (iso(said, month_number(g["smon"])) if g.get("smon") else iso(said)), "absolute", "DATE"
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
        sat = weekday_date(ref.date, 5, {"this past": "last", "over the": ""}.get(rel, rel if rel != "the" else ""),
                       text, m.start(), m.end())
        iy, iw, _ = sat.isocalendar()
        return f"{iy:04d}-W{iw:02d}-WE", "weekend", "DATE"
    if kind == "decade":  # "the 1980s" → 198, "the 20th century" → 19 (TimeML: the known digits)
        if g.get("decw") or g.get("decd"):  # "the nineties", "the '80s": the latest such decade
            digit = int(g["decd"]) if g.get("decd") else timex.DECADE_WORDS[(g["decw"] or "").lower()]
            return timex.decade_value(digit, ref.known_year), "decade", "DATE"
        dec = g.get("dec") or g.get("deca") or ""
        if dec.endswith("0") and dec[:2] != "20":  # "the 1800s", "the early 1900s": a century (18, 19), not its decade
            return dec[:2], "absolute", "DATE"
        return (dec or f"{int(g['cent']) - 1:02d}"), "absolute", "DATE"
    if kind == "short_year":  # "since '82"
        return iso(timex.short_year(int(g["yy"]), ref.known_year)), "absolute", "DATE"
    if kind == "year_ago_quarter":  # "year-earlier": the year before; periods.anchor makes it the reported quarter's
        if ref.known_year is None:
            return None, "needs-quarter", "DATE"
        return iso(ref.known_year - 1), "relative", "DATE"
    if kind == "year_ended":  # "the year ended March 31": a year's span, named by its end
        return "P1Y", "duration", "DURATION"
    if kind == "year_end":  # "by the end of the year": the reference's year; "the end of the month": its month, week
        unit = (g.get("eunit") or g.get("eunit2") or "year").lower()
        back = LEAD_TENSE.get((g.get("elead") or "").lower()) is False  # "since year-end": the last one, before
        if unit == "year":
            return (iso(ref.known_year - back) if ref.known_year else None), "relative", "DATE"
        if ref.date is None:
            return None, "needs-date", "DATE"
        day = ref.date.replace(day=1) - dt.timedelta(days=1) if back and unit == "month" else ref.date
        iy, iw, _ = day.isocalendar()
        return (iso(day.year, day.month) if unit == "month" else f"{iy:04d}-W{iw:02d}"), "relative", "DATE"
    if kind == "ref":
        if g["ref"].lower() == "soon" and (text[max(0, m.start() - 4) : m.start()].lower() == "too " or not (
            _SOON_LEAD.search(text, max(0, m.start() - 12), m.start())
            or re.match(r"\s+to\b", text[m.end() :])
            or verb_tense(text, m.start(), m.end())
        )):
            return None, "invalid", "DATE"  # "He soon learned": a story's next step; "too soon to say": no time
        return timex.ref_value(g["ref"]), "reference", "DATE"
    if kind == "week_unnamed":  # "for the week": a week of the reference's year, which one unsaid
        if ref.known_year is None:
            return None, "needs-date", "DATE"
        return f"{ref.known_year:04d}-WXX", "relative", "DATE"
    if kind == "anaphora":  # counted from the reference here; _anaphora counts from the day the text named
        unit, off, _ = timex.anaphora_of(timex.anaphora_phrase(m))
        if unit == "year" and (g.get("ana") or "")[-4:] == "Year":  # "Person of the Year"
            return None, "invalid", "DATE"
        if ref.date is None:
            return None, "needs-date", "DATE"
        return count_from(ref.date.isoformat(), unit, off), "anaphoric", "DATE"
    return None, "unknown", "DATE"


#: The ``how`` of "the previous Friday" until :func:`dates._weekday_before` counts it from the day named before it
#: (from the reference: the last such weekday).
WEEKDAY_BEFORE = "weekday-before"
#: The ``how`` of "in the morning" until :func:`dates._clock_days` puts it on the day named before it (dropped when
#: no day was named within reach: "she runs in the morning" is no time).
DAY_PART_OF_THE_NAMED_DAY = "day-part-of-named-day"

UNIT_LEN = {"day": 10, "week": 10, "month": 7, "year": 4}


def count_from(point: str, unit: str, off: int) -> str | None:
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
        return iso(idx // 12, idx % 12 + 1)
    return iso(int(point[:4]) + off)
