"""When a story's article says its news happened: the interval its lead dates, with the precision and the reason.

An article's event date is what its lead dates (the finest precision given there, days before months before
years; a bare year is background), nothing after publication, and not a date that bounds a period
(:data:`PERIOD_WORDS`: "the quarter ended Sept. 30"); with none, its publication day. A date the lead recalls from
long before publication ("invited to join NATO in July 1997") can be read as background too
(:data:`RECALLED_PRECISIONS`, :data:`RECALLED_AFTER_DAYS`): measured, off (``stories.lead_dates``). The story pairs
(:mod:`.storypairs`) compare these intervals.

Example:
    >>> from storyline.model import Article
    >>> event_time(Article("a", "a.txt", "Nothing dated here.", published="2025-11-24"))[1:]
    ('day', 'published 2025-11-24')
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .. import lexicon
from ..model import Article

#: A lead date right after one of these words bounds a period ("the six months ended Oct. 1", "since
#: March"): it is not the day of the happening.
PERIOD_WORDS = lexicon.ordered("stories.period_words")
#: A lead date of :data:`RECALLED_PRECISIONS` that ends more than this many days before publication is recalled
#: background, not the news.
RECALLED_AFTER_DAYS = int(lexicon.table("stories.lead_dates")["recalled_after_days"])
#: The precisions ("day", "month") of a lead date that is recalled so (none: every lead date before publication
#: counts; the stored setting, see the lexicon).
RECALLED_PRECISIONS = frozenset(str(p) for p in lexicon.table("stories.lead_dates")["recalled_precisions"])
_DAY, _MONTH, _YEAR, _DECEMBER = len("YYYY-MM-DD"), len("YYYY-MM"), len("YYYY"), 12
_PERIOD = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in PERIOD_WORDS) + r")\s+(?:the\s+)?$", re.I)


def bounds_a_period(text: str, start: int) -> bool:
    """Whether the date at ``start`` follows a word that makes it a period's end or start ("the quarter ended
    Sept. 30", "since March"), not the day of a happening."""
    return bool(_PERIOD.search(text[max(0, start - 24) : start]))


def lead_end(article: Article, paragraphs: int = 3) -> int:
    if len(article.paragraphs) > paragraphs:
        return article.paragraphs[paragraphs - 1][1]
    return len(article.text) if article.paragraphs else min(len(article.text), 1200)


def _interval(value: str) -> tuple[tuple[int, int], str] | None:
    """'2025-11-24' → one day; '2025-11' → that month; '2025' → that year (as day ordinals)."""
    try:
        if len(value) == _DAY:
            d = dt.date.fromisoformat(value)
            return (d.toordinal(), d.toordinal()), "day"
        if len(value) == _MONTH:
            y, m = int(value[:4]), int(value[5:7])
            first = dt.date(y, m, 1)
            last = dt.date(y + (m == _DECEMBER), m % 12 + 1, 1) - dt.timedelta(days=1)
            return (first.toordinal(), last.toordinal()), "month"
        if len(value) == _YEAR and value.isdigit():
            y = int(value)
            return (dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()), "year"
    except ValueError:
        return None
    return None


def recalled(interval: tuple[int, int], precision: str, published: tuple[int, int]) -> bool:
    """Whether a lead date (day ordinals) of ``precision`` is recalled from long before ``published``."""
    return precision in RECALLED_PRECISIONS and interval[1] < published[0] - RECALLED_AFTER_DAYS


def _news_of(interval: tuple[int, int], precision: str, published: tuple[int, int]) -> bool:
    """Whether a lead date can be the day of the news published on ``published``: not after it (a day's slack),
    nor, at a precision of :data:`RECALLED_PRECISIONS`, ending more than :data:`RECALLED_AFTER_DAYS` before it."""
    return interval[0] <= published[1] + 1 and not recalled(interval, precision, published)


_RANK = {"day": 0, "month": 1, "year": 2}


def event_time(article: Article, paragraphs: int = 3) -> tuple[tuple[int, int] | None, str | None, str]:
    """The interval the article's news happened in, its precision, and how it was found."""
    published = None
    if article.published and article.published_how != "inferred":
        got = _interval(article.published[:10])
        published = got[0] if got and got[1] == "day" else None
    end = lead_end(article, paragraphs)
    found: Counter[tuple[tuple[int, int], str]] = Counter()
    first: dict[tuple[tuple[int, int], str], int] = {}
    for d in article.dates:
        if d.start >= end or not d.point:
            continue
        got = _interval(d.point)
        if got is None or got[1] == "year" or (published is not None and not _news_of(*got, published)):
            continue  # a bare year in a lead is mostly background ("since 2008"); an announced future is not the
            # event, nor a date recalled from long before publication ("invited to join NATO in July 1997")
        if bounds_a_period(article.text, d.start):
            continue  # the end or start of a period ("the quarter ended Sept. 30"), not a happening
        found[got] += 1
        first.setdefault(got, d.start)
    if found:
        best = min(found, key=lambda k: (_RANK[k[1]], -found[k], first[k]))
        text = next(d.text for d in article.dates if d.start == first[best])
        return best[0], best[1], f"the lead dates it: “{text}”"
    if published is not None:
        return published, "day", f"published {article.published[:10] if article.published else ''}"
    return None, None, "no date in the lead, publication date unknown"


__all__ = ["PERIOD_WORDS", "RECALLED_AFTER_DAYS", "RECALLED_PRECISIONS", "event_time", "lead_end", "recalled"]
