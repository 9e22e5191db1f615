"""Single date strings: a complete date from metadata or a "Published on:" line (:func:`parse_date_string`), an ISO
day (:func:`to_date`), and the month, day and weekday a dateline names.
"""

from __future__ import annotations

import datetime as dt
import re

from .date_patterns import _DM_RE, _MD_RE, _WD_RE, WEEKDAYS, month_number, valid_date

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
    if not value or len(value) != len("2025-11-24"):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) named in a date mention, if any: 'on the evening of November 24' → (11, 24)."""
    m = _MD_RE.search(text) or _DM_RE.search(text)
    if not m:
        return None
    return month_number(m.group("mon")), int(m.group("day"))


def weekday_of(text: str) -> int | None:
    """Weekday named in a mention (Monday = 0)."""
    m = _WD_RE.search(text)
    return WEEKDAYS[m.group("wd").lower()] if m else None


#: The last day a month can have.
_LAST_DAY = 31
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def month_day_year(text: str) -> tuple[int, int, int | None] | None:
    """Month, day and (when written) year of a date such as a dateline's: 'March 5' → (3, 5, None).

    Example:
        >>> month_day_year("Mar. 5, 2024"), month_day_year("5 March")
        ((3, 5, 2024), (3, 5, None))
    """
    md = month_day(text)
    if md is None or not 1 <= md[1] <= _LAST_DAY:
        return None
    year = _YEAR_RE.search(text)
    return md[0], md[1], int(year.group(0)) if year else None


def day_near(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day nearest to ``anchor`` (a year before, the same year or after).

    Example:
        >>> day_near(12, 30, dt.date(2025, 1, 2))
        datetime.date(2024, 12, 30)
    """
    days = [
        dt.date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if valid_date(y, month, day)
    ]
    return min(days, key=lambda d: abs((d - anchor).days)) if days else None
