"""The first and last day of a period written as ISO ("2025", "2025-11", "2025-Q4", "2025-H1", "2025-W48").

Kept apart from :mod:`storyline.analyse.commitments`, which uses them, so that rendering a stored dossier (a
period's note) does not load the date analysis.

Example:
    >>> first_day("2026-Q2"), last_day("2025-11")
    ('2026-04-01', '2025-11-30')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re


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


def first_day(point: str) -> str:
    """The first day of a period written as ISO: '2026' → '2026-01-01', '2026-Q2' → '2026-04-01'."""
    if re.fullmatch(r"\d{4}", point):
        return f"{point}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", point):
        return f"{point}-01"
    m = re.fullmatch(r"(\d{4})-([QH])([1-4])", point)
    if m:
        months = 3 if m.group(2) == "Q" else 6
        return f"{m.group(1)}-{months * (int(m.group(3)) - 1) + 1:02d}-01"
    return point


__all__ = ["first_day", "last_day"]
