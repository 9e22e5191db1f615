"""The days an article names by the calendar, and which pairs of articles name one in common.

A follow-up days or weeks later refers back to the day of the happening it follows — "the Aug. 7 bombings of the
U.S. embassies", "since Dr. Slepian was shot on Oct. 23" — while it quotes other people and leads with a new
development, so it shares few words with the first reports. Two happenings of one kind fall on other days. The
days are read from the calendar dates the text writes out (:data:`KINDS`: "Aug. 7", "Oct. 23, 1998"), never from
weekdays or "yesterday" (they resolve only when the article is dated, and then name its own day), nor from a date
that bounds a period ("the quarter ended Sept. 30").

A day is kept as ``YYYY-MM-DD`` when the text or the publication date gives its year, else ``MM-DD``; two days
are the same when their month and day agree and their years do not differ (a day without a year matches that
day of any year). A day one article names also matches the other's event day (:class:`Days`): the first report
dates the bombing "Friday", resolved by its publication date, and a follow-up names "Aug. 7"; two event days alone
are ``date_near``'s, not this feature's.

Example:
    >>> import numpy as np
    >>> Days([{"1998-08-07"}, {"08-07"}, {"1999-08-07"}, set()]).shared(np.arange(4), np.arange(4)).astype(int)
    array([[1, 1, 0, 0],
           [1, 1, 1, 0],
           [0, 1, 1, 0],
           [0, 0, 0, 0]])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from ..model import Article
from .lead_time import bounds_a_period

#: The date mentions (``DateMention.how``) that write a calendar day out: with its year, with the year taken
#: from the publication date, or without any.
KINDS = frozenset({"absolute", "month-day", "needs-year"})
_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")


def of_article(article: Article) -> set[str]:
    """The calendar days ``article`` names: ``YYYY-MM-DD``, or ``MM-DD`` when no year is known; a day right after
    a word that bounds a period (:func:`~.lead_time.bounds_a_period`) is left out."""
    out = set()
    for d in article.dates:
        if d.how not in KINDS or not d.value or not (m := _DAY.match(d.value)):
            continue
        if bounds_a_period(article.text, d.start):
            continue
        year, month, day = m.groups()
        out.add(f"{month}-{day}" if year == "XXXX" else f"{year}-{month}-{day}")
    return out


def _rows(columns: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    """1s in each row's ``columns``."""
    cols = np.array([c for row in columns for c in sorted(row)], dtype=np.int64)
    indptr = np.cumsum([0, *map(len, columns)])
    return sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(columns), width))


class Days:
    """The named days of some articles (one set each, as :func:`of_article` gives them), as matrices; with
    ``events``, each article's event day (a day ordinal; None: not known to the day), which the other's named days
    may match too (a first report dates the bombing "Friday", a follow-up names "Aug. 7")."""

    def __init__(self, days: Sequence[set[str]], events: Sequence[int | None] = ()) -> None:
        event_sets = [{dt.date.fromordinal(e).isoformat()} if e else set() for e in events] or [set() for _ in days]
        every = [*days, *event_sets]
        full = {k: i for i, k in enumerate(sorted({k for s in every for k in s if len(k) == len("YYYY-MM-DD")}))}
        month_day = {k: i for i, k in enumerate(sorted({k[-5:] for s in every for k in s}))}
        width = max(len(month_day), 1)
        self.full, self.event_full = (_rows([[full[k] for k in s if k in full] for s in x], max(len(full), 1))
                                      for x in (days, event_sets))  # fmt: skip
        self.month_day, self.event_day = (_rows([sorted({month_day[k[-5:]] for k in s}) for s in x], width)
                                          for x in (days, event_sets))  # fmt: skip
        self.yearless = _rows([[month_day[k] for k in s if k not in full] for s in days], width)

    def shared(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Whether each pair (rows ``r`` × columns ``c``) names a day in common, or one names the other's event
        day."""

        def dot(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
            return np.asarray((a[r] @ b[c].T).todense())

        same = dot(self.full, self.full) + dot(self.yearless, self.month_day) + dot(self.month_day, self.yearless)
        same += dot(self.full, self.event_full) + dot(self.event_full, self.full)
        same += dot(self.yearless, self.event_day) + dot(self.event_day, self.yearless)
        return np.asarray(same > 0)
