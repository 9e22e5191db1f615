"""Reporting periods as earnings reports name them: quarters, and the quarter a report is about.

:mod:`storyline.analyse.dates` finds the mentions; this module holds the tables and patterns for quarters and
resolves them:

* an ordinal quarter with no year is the latest one of that number to have begun by the reference: written on
  1989-11-02, "the third quarter" is 1989-Q3 and "the first quarter" 1989-Q1, since reports tell quarters that
  are over. Only a clause that looks ahead ("will", "expects") makes it one still to come: this year's if it
  has not begun, next year's if it is over (but for the one just over, whose results come after it);
* a report names its quarter once and then refers to it (:data:`ANCHORED`): "the quarter", "the latest
  period", "that quarter" are the first quarter the text names that has begun, and "the 1988 period" is that
  quarter in 1988. With none named, "the quarter" is the last one completed;
* the same quarter a year before (:data:`YEAR_BEFORE`): "the year-ago period", "the year-earlier third
  quarter", "the corresponding period last year", "the quarter a year ago".

Example:
    >>> import datetime as dt
    >>> latest_started(3, dt.date(1989, 11, 2), future=None), latest_started(1, dt.date(1989, 10, 26), future=True)
    ('1989-Q3', '1990-Q1')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .. import lexicon
from ..model import DateMention
from ..text import alternation

ORDINALS: dict[str, int] = lexicon.table("dates.quarter_ordinals")
#: Words before "quarter"/"period" that make it the same quarter a year before ("the year-ago quarter").
YEAR_BEFORE = lexicon.ordered("dates.year_before")
#: Words after "the same/comparable/corresponding quarter/period" that make it the quarter a year before.
A_YEAR_BEFORE = lexicon.ordered("dates.a_year_before")
#: Words that make "quarter"/"period" the one the report is about: the quarter the text last named.
ANCHORED = lexicon.ordered("dates.anchored")
#: Qualifiers of a quarter that say nothing of which one ("the comparable year-ago quarter").
LIKE = lexicon.ordered("dates.like")
#: Words of a game that make a quarter near them the game's, not the calendar's ("led 14-7 at halftime before
#: scoring 24 points in the third quarter"; lexicon dates.game_words), and how near (characters either side).
GAME_WORDS = re.compile(r"(?i)\b(?:" + alternation(lexicon.ordered("dates.game_words"), longest_first=True) + r")\b")
GAME_REACH = 200


def in_a_game(text: str, start: int, end: int) -> bool:
    """True for a quarter told of a game: a game's word lies within :data:`GAME_REACH` of it.

    Example:
        >>> text = "They led 14-7 at halftime before scoring 24 points in the third quarter."
        >>> in_a_game(text, 53, 70), in_a_game("Profit rose in the third quarter.", 14, 31)
        (True, False)
    """
    return bool(GAME_WORDS.search(text, max(0, start - GAME_REACH), end + GAME_REACH))


#: The words after a numbered quarter that name last year ("the fourth quarter of last year"): the quarter of that
#: year, not a year before the one the text named.
LAST_YEAR = ("last year", "of last year")
#: "a year ago" and "year-earlier" are the named quarter a year before only this close to it (characters).
NEAR = 400


def _alt(words: Sequence[str]) -> str:
    return alternation(words, longest_first=True, space=r"\s+")


_ORD = rf"(?P<ord>{_alt(list(ORDINALS))})[- ]"
#: "quarter" or "period", not one "of" something else ("the period of unrest"; "of last year" is a time).
_UNIT = (
    r"(?:fiscal\s+|financial\s+)?(?P<unit>quarter|period)\b"
    r"(?!-to-|\s+of\b(?!\s+(?:last|the\s+previous|the\s+prior)\s+year))"
)

#: (kind, pattern), tried before the calendar patterns (a year inside "the 1988 period" is the period's).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "year_before_quarter",
        re.compile(rf"\b(?:the\s+)?(?:(?:{_alt(LIKE)})\s+)?(?P<yb>{_alt(YEAR_BEFORE)})\s+(?:{_ORD})?{_UNIT}", re.I),
    ),
    (
        "year_before_quarter",
        re.compile(rf"\bthe\s+(?:(?:{_alt(LIKE)})\s+)?(?:{_ORD})?{_UNIT}\s+(?P<after>{_alt(A_YEAR_BEFORE)})\b", re.I),
    ),
    ("year_quarter", re.compile(rf"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:{_ORD})?{_UNIT}", re.I)),
    (
        "anchored_quarter",
        re.compile(
            rf"\b(?:the\s+(?P<latest>{_alt(ANCHORED)})\s+(?:fiscal\s+|financial\s+)?(?P<unit>quarter|period)"
            r"|(?P<that>that)\s+(?:fiscal\s+)?(?P<unit2>quarter))\b(?!-to-|\s+of\b)",
            re.I,
        ),
    ),
]


#: Words before a quarter that make it the time of the clause ("expects a profit in the first quarter"), so
#: that a future verb can make it one still to come; a quarter before a noun ("a third-quarter loss") is a
#: result being reported, whatever the verb.
TIME_LEADS = lexicon.ordered("dates.quarter_time_leads")
_LEAD = re.compile(r"(?i)\b(?:" + _alt(TIME_LEADS) + r")\s+(?:the\s+|its\s+|their\s+|this\s+year['’]s\s+)?$")


def looks_ahead(text: str, start: int) -> bool:
    """True when the quarter at ``start`` follows a preposition of time (:data:`TIME_LEADS`).

    Example:
        >>> looks_ahead("expects a profit in the first quarter", 20), looks_ahead("a third-quarter loss", 2)
        (True, False)
    """
    return bool(_LEAD.search(text, max(0, start - 30), start)) or bool(
        re.match(r"(?i)(?:" + _alt(TIME_LEADS) + r")\s", text[start : start + 10])
    )


def latest_started(q: int, ref: dt.date, future: bool | None) -> str:
    """The quarter numbered ``q`` that began last by ``ref``; the next one when the clause looks ahead
    (``future``) and this year's is over, unless it is the one just over (results are announced after it)."""
    current = (ref.month - 1) // 3 + 1
    year = ref.year if q <= current or future else ref.year - 1  # one still to come this year, when looked ahead to
    if future and q < current - 1:  # the quarter just over is still reported on ("expects to report … for the third
        year = ref.year + 1  # quarter", written in October)
    return f"{year:04d}-Q{q}"


def quarter_of(m: re.Match[str], ref: dt.date | None, ref_year: int | None, future: bool | None) -> str | None:
    """The quarter a match of dates' ``quarter`` pattern names: "the third quarter of 1988" → ``1988-Q3``;
    "this year's third quarter" → this year's; "the third quarter" → :func:`latest_started`; "the quarter",
    "last quarter" → the last completed one (re-anchored on the quarter the text named, :func:`anchor`);
    "this/current quarter" → the reference's, "next quarter" → the one after. None for a bare "quarter"."""
    span = m.group(0).lower()
    ordinal = (m.group("ord") or "").lower()
    if not ordinal and not re.search(r"\b(the|this|next|last|latest|previous|past|current|recent)\b", span):
        return None
    if ordinal == "final" and not (m.group("year") or m.group("fy") or m.group("yrs") or m.group("yrs2")):
        return None  # "the final quarter" alone is as often a game's
    if (m.group("year") or m.group("fy")) and ordinal:  # "the fourth quarter of 1988", "fiscal 2008 fourth quarter"
        return f"{int(m.group('year') or m.group('fy')):04d}-Q{ORDINALS[ordinal]}"
    known = ref.year if ref else ref_year
    yrs = m.group("yrs") or m.group("yrs2")
    if yrs and ordinal and known:  # "this year's third quarter", "the second quarter of next year"
        return f"{known + {'this': 0, 'last': -1, 'next': 1}[yrs.lower()]:04d}-Q{ORDINALS[ordinal]}"
    if ref is None:
        return f"{ref_year:04d}-Q{ORDINALS[ordinal]}" if ref_year and ordinal else None
    if ordinal:
        q = ORDINALS[ordinal]
        if re.search(r"\bnext\b", span):
            return f"{ref.year + (q <= (ref.month - 1) // 3 + 1):04d}-Q{q}"
        return latest_started(q, ref, future)
    current = (ref.month - 1) // 3 + 1
    if re.search(r"\b(this|current)\b", span):
        off = 0
    elif "next" in span:
        off = 1
    else:  # "the quarter", "the latest quarter", "last quarter": the last completed one
        off = -1
    idx = ref.year * 4 + current - 1 + off
    return f"{idx // 4:04d}-Q{idx % 4 + 1}"


def resolve(
    kind: str, m: re.Match[str], ref: dt.date | None, ref_year: int | None, future: bool | None
) -> tuple[str | None, str]:
    """(value, how) of a :data:`PATTERNS` match, before :func:`anchor` ties it to the quarter the text names:
    ``how`` is "year-before-quarter", "year-quarter" or "quarter-anchored"."""
    g = m.groupdict()
    ordinal = ORDINALS.get((g.get("ord") or "").lower())
    if kind == "year_quarter":
        year = int(g["year"])
        return (f"{year:04d}-Q{ordinal}" if ordinal else f"{year:04d}"), "year-quarter"
    if ref is None:
        return None, "year-before-quarter" if kind == "year_before_quarter" else "quarter-anchored"
    current = (ref.month - 1) // 3 + 1
    idx = ref.year * 4 + current - 2  # the last quarter completed
    after = " ".join((g.get("after") or "").lower().split())
    if ordinal and after in LAST_YEAR:  # "the fourth quarter of last year": last year's, whichever the text named
        return f"{ref.year - 1:04d}-Q{ordinal}", "quarter"
    if kind == "year_before_quarter":  # that quarter (or the one numbered) a year before
        q = latest_started(ordinal, ref, future) if ordinal else f"{idx // 4:04d}-Q{idx % 4 + 1}"
        return f"{int(q[:4]) - 1:04d}{q[4:]}", "year-before-quarter"
    return f"{idx // 4:04d}-Q{idx % 4 + 1}", "quarter-anchored"


_Q = re.compile(r"\d{4}-Q[1-4]")
#: "a year ago", "a year earlier", "the year-earlier": the time a year before the one the text last named.
YEAR_AGO = re.compile(r"(?i)^(?:a|one)\s+year\s+(?:ago|earlier|before)$|^(?:the\s+)?year[- ](?:ago|earlier)$")
_ORDINAL_IN = re.compile(r"(?i)\b(?:" + _alt(list(ORDINALS)) + r")[- ]")


def _names_a_quarter(d: DateMention) -> bool:
    """True for a mention that names a quarter of its own: "the third quarter", "Q3 2008", "the 1988 second
    quarter" (not "the quarter", nor one told from another)."""
    if not d.value or not _Q.fullmatch(d.value):
        return False
    return d.how == "absolute" or (d.how in ("quarter", "year-quarter") and bool(_ORDINAL_IN.search(d.text)))


#: Quarters told from another one: never the quarter "a year ago" is counted from.
_TOLD_FROM = ("relative-quarter", "year-before-quarter", "year-quarter")


def _begun_by(value: str, ref: dt.date | None) -> bool:
    """True when the quarter ``value`` has begun by ``ref`` (any quarter, without a reference): a report is about
    a quarter that is over or, named by a fiscal year ahead of the calendar, the current one."""
    if ref is None:
        return True
    current = ref.year * 4 + (ref.month - 1) // 3
    return int(value[:4]) * 4 + int(value[-1]) - 1 <= current


def anchor(found: list[DateMention], ref: dt.date | None = None) -> list[DateMention]:
    """Tie the references to a report's quarter to the quarter the report is about (in place; returned): the
    first quarter the text names that has begun by ``ref`` (reports lead with it; a quarter still to come looks
    ahead). "The latest period" and "that quarter" become it, "the 1988 period" its number in 1988, "the
    year-ago quarter" it a year before. "A year ago" and "the year-earlier" are the quarter named last a year
    before, when it stands a few sentences before them."""
    report = next((d.value for d in found if _names_a_quarter(d) and d.value and _begun_by(d.value, ref)), None)
    last: DateMention | None = None
    for d in found:
        if (
            report is not None
            and d.how in ("quarter-anchored", "year-quarter", "year-before-quarter")
            and (not _ORDINAL_IN.search(d.text))
        ):
            if d.how == "quarter-anchored":
                d.value = report
            elif d.how == "year-quarter":
                d.value = f"{(d.value or '')[:4]}{report[4:]}"
            else:
                d.value = f"{int(report[:4]) - 1:04d}{report[4:]}"
        elif (
            YEAR_AGO.match(d.text)
            and d.type == "DATE"
            and last is not None
            and last.value
            and (d.start - last.end < NEAR)
        ):
            d.value = f"{int(last.value[:4]) - 1:04d}{last.value[4:]}"  # "a year ago": the quarter a year before
            d.how = "relative-quarter"
        if d.value and _Q.fullmatch(d.value) and d.how not in _TOLD_FROM:
            last = d
    return found
