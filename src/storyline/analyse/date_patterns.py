"""The calendar's words and the patterns of written dates: month and weekday names, the pieces the date patterns
are built of, and the patterns :func:`storyline.analyse.dates.extract_dates` looks for (quarters, halves, times of
day and spans are in :mod:`~storyline.analyse.periods` and :mod:`~storyline.analyse.timex`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import lexicon
from ..text import alternation
from . import timex
from .anchors import HOLIDAY_PATTERN

#: The months' names and short forms to their numbers ("sept" → 9), from the lexicon's calendar.
MONTHS = {
    w: i + 1
    for i, m in enumerate(lexicon.ordered("time.months"))
    for w in (m, *lexicon.table("time.month_short")[m].split())
}
WEEKDAYS = {d: i for i, d in enumerate(lexicon.ordered("time.weekdays"))}
_MONTH_NAMES = "|".join(m.title() for m in lexicon.ordered("time.months"))
_WEEKDAY_NAMES = "|".join(d.title() for d in WEEKDAYS)
_NEAR_DAYS = "|".join(lexicon.ordered("time.near_days"))

_MONTH_SHORT = "|".join(rf"{w.title()}\.?" for w in MONTHS if w not in lexicon.ordered("time.months"))
_MON = rf"(?P<mon>{_MONTH_NAMES}|{_MONTH_SHORT})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = rf"(?P<wd>{_WEEKDAY_NAMES})"
_OF_YEAR = r"(?:\s+(?:of\s+)?(?P<yrel>next|last|this)\s+year\b)?"  # "October of next year", "June last year"
_WD_LEAD = rf"(?:(?:{_WEEKDAY_NAMES}),?[ \t]+)?"  # "Saturday, April 25", "Thursday 21 March"

#: The months a calendar quarter ends with: "the June quarter" is the second.
_QUARTER_END_MONTHS = "|".join(m.title() for m in lexicon.ordered("time.months")[2::3])

#: A month named alone, but not "May" (as often a name or the verb "may" at a sentence's start).
_BARE_MONTHS = "|".join(m.title() for m in lexicon.ordered("time.months") if m != "may")

#: The number words a count before "ago" may be ("ten days ago", "thirty years ago", "twenty-five years ago").
_AGO_COUNTS = lexicon.ordered("numbers.units")[:10]
_AGO_WORDS = alternation(
    (*lexicon.ordered("numbers.units"), *lexicon.ordered("numbers.tens"), *lexicon.ordered("numbers.articles")),
    longest_first=True,
)

#: A part of the day, week or year before one ("early next year", "late yesterday", "the end of 1990"): inside the
#: mention, its value the whole one's (lexicon dates.part_leads).
_PART = r"(?:(?i:" + alternation(lexicon.ordered("dates.part_leads"), longest_first=True) + r")[\s-]+)?"

#: Nouns after a four-digit number that make it a count, not a year ("1998 points", "2000 workers"; lexicon
#: dates.count_nouns), unless a preposition comes before it ("in 2012 workers struck").
_COUNT_NOUNS = alternation(lexicon.ordered("dates.count_nouns"), longest_first=True)

# Order matters: longer, more precise patterns first; matches never overlap.
CALENDAR_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    # "2010-11" is November 2010, as ISO 8601 writes a month, unless the words around it make it a range of years
    # ("the 2010-11 season", :func:`names_a_range`): then the year and its range's end are read (dates.year_range_ends)
    ("iso_month", re.compile(r"\b(?<![\d/.,-])(?P<year>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])\b(?![-/.,:]?\d)")),
    ("numeric", re.compile(r"(?<![\d/.,])(?P<m>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d|\d\d)(?![\d/])")),
    ("dmy", re.compile(rf"\b(?:(?:the\s+)?(?:evening|morning|afternoon|night)\s+of\s+)?{_WD_LEAD}{_DAY}\s+(?:of\s+)?{_MON}\s*,?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b(?:(?:the\s+)?(?:evening|morning|afternoon|night)\s+of\s+)?{_WD_LEAD}{_MON}\s+{_DAY},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b(?:(?:on\s+)?(?:the\s+)?(?:evening|morning|afternoon|night)\s+of\s+)?(?:on\s+)?{_WD_LEAD}{_MON}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d,]*\s*(?:percent|%|million|billion))"
                      rf"(?:,?{_OF_YEAR.removesuffix('?')})?")),
    ("dm", re.compile(rf"\b(?:on\s+)?{_WD_LEAD}{_DAY}\s+(?:of\s+)?{_MON}\b(?!\s*,?\s*(?:19|20)\d\d)"
                      rf"(?:,?{_OF_YEAR.removesuffix('?')})?")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?{_MON}\s+(?:of\s+)?{_YEAR}\b")),
    ("rel_month", re.compile(rf"\b(?P<rel>(?i:next|last|this)|in|by|since|until|from(?!\s+May\b(?!\s+(?:to|through|until|till|-|–)\s)\b)|between|through|late|early|mid|mid-|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s*{_MON}\b(?!\s+[0-3]?\d\b){_OF_YEAR}")),
    ("month_quarter", re.compile(rf"(?:\b(?i:the)\s+|(?<=\b(?i:its)\s)|(?<=\b(?i:their)\s))(?P<mon>{_QUARTER_END_MONTHS})\s+(?i:quarter)\b")),
    ("quarter", re.compile(r"\b(?:(?P<yrs>this|last|next) year['’]s\s+)?(?:(?P<rel>the|this|next|last|latest|previous|past|current|most recent|recent)\s+)*(?:(?:fiscal|financial)[\s-]+(?:(?P<fy>(?:19|20)\d\d)\s+)?)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:fiscal\s+)?)?quarter\b(?!-to-|-(?:mile|miles|final|finals|century|hour|back|inch)\b)(?:\s+(?:of\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?)?(?P<year>(?:19|20)\d\d)\b|\s+of\s+(?P<yrs2>this|last|next)\s+year\b)?", re.I)),
    ("q_year", re.compile(r"\b(?:(?:fiscal|financial|FY)\s*)?(?:Q(?P<q>[1-4])\s*(?:of\s+)?(?:FY\s*)?(?P<year>(?:19|20)\d\d)"
                          r"|(?P<year2>(?:19|20)\d\d)\s*Q(?P<q2>[1-4]))\b")),
    ("q_bare", re.compile(r"\b(?:(?:fiscal|financial)\s+)?(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s?['’]?(?P<yy>\d\d))?\b(?![-/.,]\d)")),
    ("fiscal_year", re.compile(r"\b(?:FY\s*|fiscal\s+(?:year\s+)?)(?P<year>(?:19|20)\d\d|['’]?\d\d)\b(?!\s*Q[1-4])")),
    # "March on Washington", "March to the sea", "March for Our Lives" are the verb, "the March of the Mothers" a
    # march's name; "January to March", "March of the following year" are a month
    ("bare_month", re.compile(rf"\b(?P<mon>{_BARE_MONTHS})\b(?!(?<=March)\s+(?:(?:on|to|through|against|for)\b|of\s+the\s+[A-Z]))" + _OF_YEAR)),
    # "this", "last" and "next" open a sentence as often as not ("This Friday the board meets", "Last Friday"); a
    # capital "Until" or "By" is left to the tense ("Until Thursday, they had not called him a suspect")
    ("wd", re.compile(rf"\b(?P<rel>on|(?i:last|next|this|the\s+(?:previous|preceding|prior))|late|early|since|by|until)?\s*{_WD}\b(?:\s+(?P<tod>morning|afternoon|evening|night))?")),
    ("rel_unit", re.compile(rf"\b{_PART}(?:the\s+(?=(?:next|last|past|coming)\b))?(?P<rel>next|last|this|past|coming|(?:the\s+)?current|later this|earlier this)\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>week|month|year|weekend)\b", re.I)),
    ("ago", re.compile(rf"\b{timex.APPROXIMATOR}(?P<n>\d+|(?:a\s+)?couple\s+of|(?:{_AGO_WORDS})(?:[\s-](?:{_AGO_WORDS}))?)\s+(?P<unit>days?|weeks?|fortnights?|months?|years?)\s+ago\b", re.I)),
    ("shift", timex.SHIFT_PATTERN),
    ("deictic", re.compile(rf"\b{_PART}(?P<word>{_NEAR_DAYS}|tonight)\b", re.I)),
    ("holiday", re.compile(rf"\b(?:(?P<rel>(?i:by|before|after|until|since|on|at|over|last|next|this))\s+)?{HOLIDAY_PATTERN}(?:\s+(?P<hweek>week)\b(?![-'’]))?(?:\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("year", re.compile(rf"\b(?:(?P<rel>(?:the\s+)?(?:end|beginning|start|middle)\s+of(?:\s+the\s+year)?|(?i:the)\s+year|in|since|by|until|later in|earlier in|early|late|mid|mid-|during|before|after|of)\s+|mid-)?(?<![\d$£€.,])(?:(?<=mid-)|(?<=\bpre-)|(?<=\bpost-)|(?<!-))(?P<year>(?:19|20)\d\d)(?![\d%]|[.,]\d|\s*(?:percent|million|billion|people|tons?|tonnes?))(?(rel)|(?!\s+(?:{_COUNT_NOUNS})\b))\b")),
]
#: The counts of "two days ago": the articles, the number words up to ten and "a couple of".
NUMBER_WORDS = {
    **dict.fromkeys(lexicon.ordered("numbers.articles"), 1),
    **{w: i + 1 for i, w in enumerate(_AGO_COUNTS)},
    "a couple of": 2,
    "couple of": 2,
}


@dataclass(slots=True)
class Ref:
    """What a relative expression is resolved against: a full date, or only a year."""

    date: dt.date | None = None
    year: int | None = None

    @property
    def known_year(self) -> int | None:
        return self.date.year if self.date else self.year


def month_number(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def valid_date(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


_MONTHS_IN_A_YEAR = 12
#: How far around "2007-08" (characters) a season or fiscal year named makes two years in a row a range ("the same
#: season. In 2006-07, Cheeks helped rally the Sixers"): a year and the month of its number ("2007-08") is as often
#: the two years of a season as August, where such words are about.
RANGE_REACH = 200
_RANGE_BEFORE = lexicon.words("dates.year_range_before")
_RANGE_AFTER = lexicon.words("dates.year_range_after")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]+(?:(?:year|the)\s+)?$")
#: The three words after: a range's word may follow up to two names ("the 2011-12 Premier League season").
_WORDS_AFTER = re.compile(r"(?:[\s-]+[A-Za-z][\w.&'’-]*){1,3}")
_NAMES_BEFORE_RANGE_WORD = 2
_RANGE_CONTEXT = re.compile(
    r"(?i)\b(?:" + alternation([*_RANGE_AFTER, *lexicon.ordered("dates.year_range_context")], longest_first=True) + r")\b"
)
#: The other end of a pair ("from 2010-11 to 2012-13"): a range whose second part is no month makes both ranges.
_PAIRED_RANGE = re.compile(r"\s*(?:-|–|to|and|through|until|or)\s*(?:19|20)\d\d[-/–](?P<end>\d\d)\b")


def names_a_range(text: str, start: int, end: int) -> bool:
    """True when the words around "2010-11" (``text[start:end]``) make it a range of years rather than a month: a
    season, a fiscal or school year right before or after it (lexicon ``dates.year_range_before``,
    ``dates.year_range_after``), or, for two years in a row ("2007-08"), within :data:`RANGE_REACH` of it (and
    ``dates.year_range_context``).

    Example:
        >>> names_a_range("the 2010-11 season", 4, 11), names_a_range("sales in 2010-11 rose", 9, 16)
        (True, False)
        >>> names_a_range("Cheeks won 40 regular-season games in 2007-08.", 38, 45)
        True
    """
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before and before.group(1).lower() in _RANGE_BEFORE:
        return True
    after = _WORDS_AFTER.match(text, end)
    for i, word in enumerate(after.group(0).replace("-", " ").split() if after else ()):
        if word.lower().rstrip(".") in _RANGE_AFTER:
            return True
        if i >= _NAMES_BEFORE_RANGE_WORD or not word[0].isupper():
            break
    pair = _PAIRED_RANGE.match(text, end)
    if pair and not 1 <= int(pair.group("end")) <= _MONTHS_IN_A_YEAR:
        return True
    first, second = int(text[start : start + 4]), int(text[end - 2 : end])
    return (first + 1) % 100 == second and bool(_RANGE_CONTEXT.search(text, max(0, start - RANGE_REACH), end + RANGE_REACH))


_MD_RE = re.compile(rf"{_MON}\s+{_DAY}\b")
_DM_RE = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}")
_WD_RE = re.compile(_WD)
