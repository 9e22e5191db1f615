"""Calendar knowledge: named days ("Thanksgiving", "Christmas Eve") and political-calendar anchors.

News leans on days every reader knows. Two uses:

* :func:`holiday_date` resolves a named day in a given year ("by Thanksgiving" → 2025-11-27);
* :func:`infer_reference` dates an undated text from what it says about the calendar it is written
  in — e.g. "president-elect … days before Trump heads back to the White House" is written in the
  days before a US inauguration (20 January after a presidential election year).

Example:
    >>> holiday_date("Thanksgiving", 2025).isoformat()
    '2025-11-27'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

_Rule = Callable[[int], dt.date]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def us_election_day(year: int) -> dt.date:
    """The Tuesday after the first Monday of November."""
    return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)


HOLIDAYS: dict[str, _Rule] = {
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: dt.date(y, 10, 31),
    "election day": us_election_day,
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "black friday": lambda y: _nth_weekday(y, 11, 3, 4) + dt.timedelta(days=1),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "inauguration day": lambda y: dt.date(y, 1, 20),
}

#: The holidays' names as news writes them ("New Year’s Day", "Fourth of July"), longest first so that "Christmas Eve"
#: is not read as "Christmas": built from :data:`HOLIDAYS`, where each name is written once with its rule.
HOLIDAY_PATTERN = (
    "(?P<holiday>"
    + "|".join(
        sorted(
            (
                " ".join(w if w == "of" else w.capitalize() for w in name.split()).replace("'", "['’]")
                for name in HOLIDAYS
            ),
            key=len,
            reverse=True,
        )
    )
    + ")"
)


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a named day in ``year``, or None if the name is unknown."""
    rule = HOLIDAYS.get(name.lower().replace("’", "'"))
    return rule(year) if rule else None


_PRES_ELECT = re.compile(r"\bpresident[- ]elect\b", re.I)
_DAYS_BEFORE_OFFICE = re.compile(
    r"\b(?:days|a week|hours)\s+(?:before|ahead of)\s+(?:[\w’'.-]+\s+){0,4}?"
    r"(?:inauguration|(?:heads|returns|goes|moves)\s+(?:back\s+)?(?:to|into)\s+the\s+White\s+House"
    r"|takes\s+office|is\s+sworn\s+in)",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def infer_reference(text: str) -> tuple[dt.date | None, str | None]:
    """A date the text must have been written near, from calendar anchors it mentions, with why.

    Currently: a US president-elect period. "president-elect" plus the presidential election year the
    text names (a year divisible by four, the latest mentioned) places it between that election and
    the inauguration on 20 January; "days before … heads back to the White House / inauguration"
    places it in the days just before the inauguration.
    """
    if not _PRES_ELECT.search(text):
        return None, None
    years = sorted({int(y) for y in _YEAR.findall(text)})
    election_years = [y for y in years if y % 4 == 0]
    if not election_years:
        return None, None
    y = election_years[-1]
    inauguration = dt.date(y + 1, 1, 20)
    if _DAYS_BEFORE_OFFICE.search(text):
        ref = inauguration - dt.timedelta(days=1)
        return ref, (
            f"'president-elect' with the {y} election, written days before the inauguration of "
            f"{inauguration.isoformat()}"
        )
    return None, None  # only a window (election to inauguration): not precise enough to resolve "on Friday"
