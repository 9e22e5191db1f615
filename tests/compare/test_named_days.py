"""The calendar days an article names (compare/named_days.py) and the ``named_day`` pair feature."""

from __future__ import annotations

import re

import numpy as np

from storyline.compare.named_days import Days, of_article
from storyline.compare.storypairs import FEATURES, PairSpace, profile
from storyline.model import Article, DateMention, Sentence


def art(aid: str, text: str, dates: list[tuple[str, str, str]]) -> Article:
    """An undated article whose date mentions are (text, value, how), found in ``text``."""
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text)
    a.paragraphs = [(0, len(text))]
    a.sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text) if m.group().strip()]
    for said, value, how in dates:
        start = text.index(said)
        a.dates.append(DateMention(start, start + len(said), said, value, how))
    return a


def named_day(a: Article, b: Article) -> float:
    return float(PairSpace([profile(a), profile(b)]).block([0], [1])[0, 0, FEATURES.index("named_day")])


def test_the_days_written_out_with_or_without_a_year() -> None:
    a = art(
        "a",
        "The Aug. 7 bombings killed 224. Bin Laden was indicted on Nov. 4, 1998. Talks resume Friday.",
        [("Aug. 7", "XXXX-08-07", "needs-year"), ("Nov. 4, 1998", "1998-11-04", "absolute"),
         ("Friday", "1998-11-06", "weekday")],
    )  # fmt: skip
    assert of_article(a) == {"08-07", "1998-11-04"}  # a weekday names no day of the calendar


def test_a_date_that_bounds_a_period_is_no_day_of_a_happening() -> None:
    a = art("a", "Profit rose in the quarter ended Sept. 30.", [("Sept. 30", "1998-09-30", "month-day")])
    assert of_article(a) == set()


def test_a_day_without_a_year_matches_that_day_of_any_year_two_years_never() -> None:
    shared = Days([{"1998-08-07"}, {"08-07"}, {"1999-08-07"}, {"10-23"}]).shared(np.arange(4), np.arange(4))
    assert shared[0, 1] and shared[1, 2]
    assert not shared[0, 2]  # the same day of two years
    assert not shared[:3, 3].any()


def test_a_follow_up_that_names_the_day_of_the_happening() -> None:
    first = art(
        "a", "Powerful bombs exploded outside the embassies on Aug. 7.", [("Aug. 7", "XXXX-08-07", "needs-year")]
    )
    later = art("b", "Tanzania expelled two Iraqis after the Aug. 7 blasts.", [("Aug. 7", "XXXX-08-07", "needs-year")])
    other = art("c", "A doctor was shot at home on Oct. 23.", [("Oct. 23", "XXXX-10-23", "needs-year")])
    assert named_day(first, later) == 1.0
    assert named_day(first, other) == 0.0


def test_a_day_named_matches_the_other_reports_event_day_two_event_days_never() -> None:
    first = art("a", "Bombs exploded outside the embassies Friday.", [("Friday", "1998-08-07", "weekday")])
    first.published = "1998-08-07"
    later = art("b", "Tanzania expelled two Iraqis after the Aug. 7 blasts.", [("Aug. 7", "1998-08-07", "month-day")])
    later.published = "1998-08-13"
    same_day = art("c", "A doctor was shot at home Friday.", [("Friday", "1998-08-07", "weekday")])
    same_day.published = "1998-08-07"
    assert of_article(first) == set()  # a weekday is named by nobody's calendar
    assert named_day(first, later) == 1.0  # "Aug. 7" is the day the first report's lead dates
    assert named_day(first, same_day) == 0.0  # the same event day alone is date_near's
