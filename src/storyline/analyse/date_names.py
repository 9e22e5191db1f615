"""Names that look like dates: a year inside a name ("the Russell 2000 Index"), a time word written with a capital
inside a sentence (ABC's "This Week", "High Noon"), a weekday that is a day's name ("Black Friday").

:func:`storyline.analyse.dates.extract_dates` drops a match these checks call a name.

Example:
    >>> year_is_name("the Russell 2000 Index rose", 12, 16), year_is_name("GM 2008 sales", 3, 7)
    (True, False)
"""

from __future__ import annotations

import re

from .. import lexicon
from ..text import alternation

#: The months' names and short forms ("sept"), lower case: a capitalised month before a year is no name.
_MONTH_WORDS = frozenset(
    w for m in lexicon.ordered("time.months") for w in (m, *lexicon.table("time.month_short")[m].split())
)

#: Capitalised words a year may follow and still be a date ("That 1978 resolution", "Summer 2008").
YEAR_NAME_EXCEPTIONS = lexicon.words("dates.year_name_exceptions")
#: Words that introduce a name ("a venture called Orion 1980").
NAMING_WORDS = lexicon.ordered("dates.naming_words")
_WORD_BEFORE = re.compile(r"([A-Z][A-Za-z]+)[ \t]+$")
_NAMED_BEFORE = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in NAMING_WORDS) + r")\s+$")
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z][a-z]")


def year_is_name(text: str, start: int, end: int) -> bool:
    """A year inside a capitalised name is no date: after a capitalised word (not at a sentence's start) and
    before another ("the Russell 2000 Index"), or after a word that gives a name ("a venture called Orion 1980");
    "GM 2008 sales" and "That 1978 resolution" stay dates."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None or m.group(1).lower() in YEAR_NAME_EXCEPTIONS or m.group(1).lower().rstrip(".") in _MONTH_WORDS:
        return False
    before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t\"'“‘(")
    if not before or before[-1] in ".!?\n:;":
        return False
    return bool(_NAME_GOES_ON.match(text, end)) or bool(_NAMED_BEFORE.search(text, max(0, m.start() - 12), m.start()))


def code_is_name(text: str, start: int) -> bool:
    """A code such as "Q3" right after a capitalised word is a model's name ("the Audi Q3"), unless the word is
    one a date may follow ("Fiscal Q3", "In Q3") or opens the sentence.

    Example:
        >>> code_is_name("the Audi Q3 sold well", 9), code_is_name("Sales rose. In Q3 they fell.", 15)
        (True, False)
    """
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None or m.group(1).lower() in YEAR_NAME_EXCEPTIONS:
        return False
    before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?\n:;"


#: Time words English writes in lower case ("week", "today", "minutes"): capitalised inside a sentence, a name.
LOWER_CASE_TIME_WORDS = lexicon.words("dates.lower_case_time_words")
#: A line this share of whose longer words are capitalised is a headline in title case, not running text.
HEADLINE_CAPS = 0.6
#: Words this long or shorter ("of", "the", "and") are left out of that share: title case leaves them small.
SHORT_WORD = 3
_AFTER_SENTENCE_START = ".!?\n\"'`“‘(:;"


def in_a_name(text: str, start: int, end: int) -> bool:
    """True for a mention with a lower-case time word written with a capital inside a sentence: ABC's "This Week",
    CBS's "60 Minutes", "High Noon" (not "Today, …" at a sentence's start, nor any word of a headline in title case).

    Example:
        >>> text = 'Baker said on the show "This Week" that'
        >>> in_a_name(text, 24, 33), in_a_name("Today, shares fell.", 0, 5)
        (True, False)
    """
    words = text[start:end].split()
    before = text[max(0, start - 3) : start].rstrip(" \t")
    capital = _CAPITAL_WORD_BEFORE.search(text, max(0, start - 20), start)  # "USA TODAY", an outlet in capitals
    odd = [
        w
        for i, w in enumerate(words)
        if (i or (before and before[-1] not in _AFTER_SENTENCE_START))
        and w[:1].isupper()
        and (not w.isupper() or (i == 0 and capital is not None))
        and w.lower().strip(".,'’") in LOWER_CASE_TIME_WORDS
    ]
    if not odd:
        return False
    stop = text.find("\n", end)
    line = text[text.rfind("\n", 0, start) + 1 : stop if stop >= 0 else len(text)]
    if _SENTENCE_END.search(line):
        return True  # a paragraph ending like a sentence is running text, however many names it holds
    long_words: list[str] = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > SHORT_WORD]
    return sum(w[0].isupper() for w in long_words) < HEADLINE_CAPS * len(long_words)


#: A word in capitals right before a mention ("USA TODAY"): a time word in capitals after it is a name's.
_CAPITAL_WORD_BEFORE = re.compile(r"\b[A-Z]{2,}\s$")
#: A line that ends like a sentence: its last mark a period, after a word of two lower-case letters or more
#: (not "Inc." or "U.S." closing a title-case headline).
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’)]*\s*$")


#: Capitalised words before a weekday that make it a name (``dates.weekday_name_leads``): "Black Friday", "Giving
#: Tuesday".
_WEEKDAY_NAME_LEAD = re.compile(r"\b" + alternation(lexicon.ordered("dates.weekday_name_leads")) + r"\s$")


def weekday_is_name(text: str, m: re.Match[str]) -> bool:
    """'Black Friday', 'Good Friday' deals, 'Giving Tuesday' etc. are not resolved as a plain weekday.

    Example:
        >>> from storyline.analyse.date_patterns import CALENDAR_PATTERNS
        >>> wd = dict(CALENDAR_PATTERNS)["wd"]
        >>> [weekday_is_name(t, wd.search(t)) for t in ("gifts on Giving Tuesday", "on Tuesday")]
        [True, False]
    """
    return bool(_WEEKDAY_NAME_LEAD.search(text, max(0, m.start("wd") - 12), m.start("wd")))
