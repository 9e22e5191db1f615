"""TIMEX3 beyond calendar dates: times of day, durations, sets and the present/past/future references.

:mod:`storyline.analyse.dates` finds and resolves calendar dates; this module holds the word tables (read from the
lexicon: ``lexicon/dates.toml``, ``numbers.toml``, ``time.toml``) and patterns for the other TimeML types, and turns
their matches into TimeML values:

* ``TIME`` — a clock time or a part of a day on a day: "at about 9:40 p.m." → ``2025-03-04T21:40``,
  "Monday evening" → ``2025-03-03TEV``, "last night" → ``2025-03-03TNI``, "14:58 UTC" → ``…T14:58Z``;
* ``DURATION`` — "for 90 days" → ``P90D``, "a one-year pause" → ``P1Y``, "16-hour" → ``PT16H``,
  "several years" → ``PXY``;
* ``SET`` — "every year" → ``P1Y``, "weekly" → ``P1W``, "every Monday" → ``XXXX-WXX-1``;
* ``DATE`` with a reference value — "now" → ``PRESENT_REF``, "recently" → ``PAST_REF``,
  "the future" → ``FUTURE_REF``;
* ``DATE`` told from another day (:data:`ANAPHORA`) — "ended the day higher", "that year", "the following
  month", which the caller counts from the last day the text named; halves ("the first half of 2024" →
  ``2024-H1``) and years said in words ("nineteen ninety-six").

Every table is data; the patterns are built from the tables. Nothing here needs a reference date except
``TIME`` and the anaphora, whose day the caller resolves (:func:`time_value`, :func:`anaphora_of`).

Example:
    >>> duration_value("90", "days"), duration_value("two", "decades"), set_value("weekly")
    ('P90D', 'P20Y', 'P1W')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .. import lexicon
from ..model import DateMention
from ..text import alternation

_UNITS = {w: i + 1 for i, w in enumerate(lexicon.ordered("numbers.units"))}  # one … nineteen
_TENS = {w: 10 * (i + 2) for i, w in enumerate(lexicon.ordered("numbers.tens"))}  # twenty … ninety
#: Number words up to the hundreds that durations use ("twenty four hours", "a couple of years").
NUMBER_WORDS: dict[str, float] = {
    **dict.fromkeys(lexicon.ordered("numbers.articles"), 1),
    **_UNITS,
    **_TENS,
    **lexicon.table("numbers.count_phrases"),
}
#: Years said in words, as broadcast transcripts write them ("nineteen ninety-six", "the year two thousand"):
#: the century's word and the tens' words.
SPOKEN_CENTURIES = {"nineteen": 1900, "eighteen": 1800}
SPOKEN_TENS = {w: n for w, n in _UNITS.items() if n >= 10} | _TENS  # ten to ninety
SPOKEN_UNITS = {w: n for w, n in _UNITS.items() if n < 10}  # one to nine

#: Decades said in words ("the nineties" → ``199``, the latest such decade by the reference): the tens' plurals.
DECADE_WORDS = {f"{w[:-1]}ies": n // 10 for w, n in _TENS.items()}
#: Words before a year written with two digits and an apostrophe ("since '82", "in '99"): only after one of
#: them is "'82" a year rather than a quoted number.
SHORT_YEAR_LEADS = lexicon.ordered("dates.short_year_leads")

#: Quantifiers that leave the count unknown ("several years" → PXY).
VAGUE_COUNTS = lexicon.ordered("dates.vague_counts")

#: Duration unit → (TimeML designator, multiplier). Hours, minutes and seconds take the ``T`` prefix.
DURATION_UNITS: dict[str, tuple[str, int]] = {
    unit: (code, n) for unit, (code, n) in lexicon.table("dates.duration_units").items()
}
_UNIT_WORDS = r"seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)"

#: Words before a unit with no count that make it a vague duration ("for years", "within weeks", "in minutes",
#: "over the years" → ``PXY``, ``PXW``, ``PTXM``).
DURATION_LEADS = lexicon.ordered("dates.duration_leads")

#: Parts of the day (TimeML codes) and clock words.
DAY_PARTS: dict[str, str] = lexicon.table("dates.day_parts")
CLOCK_WORDS: dict[str, str] = lexicon.table("dates.clock_words")
#: Time zones a clock time names, and the suffix each adds to its value: universal time is ISO 8601's ``Z``
#: ("18:00 UTC" → ``T18:00Z``); a local zone ("5 p.m. EST") keeps the local time with no suffix, as TimeBank
#: writes it.
ZONES: dict[str, str] = lexicon.table("dates.zones")
#: Words between a count and its unit that leave the duration as counted ("six straight days" → P6D).
COUNT_ADJECTIVES = lexicon.ordered("dates.count_adjectives")

#: Frequency adverbs → SET values.
SET_WORDS: dict[str, str] = lexicon.table("dates.set_words")

#: Words that name the present, the past or the future rather than a date (TimeML ``*_REF``).
REF_WORDS: dict[str, str] = {w: ref for ref, ws in lexicon.table("dates.ref_words").items() for w in ws}

#: Days, weeks, months and years told from another one ("the day", "that year", "the following month"):
#: (words before the unit, the units they allow, offset in units, counted from the last one the text named
#: (True) or from the reference (False)). "the day" is the day the report is about ("ended the day higher"),
#: which it named before; "the year", "the full year" are the reporting year ("sales for the year rose"), not
#: the last year named ("from last year's $1.5 billion"). "the week", "the next year" are as often durations.
ANAPHORA: list[tuple[str, tuple[str, ...], int, bool]] = [
    ("the", ("day",), 0, True),
    ("the very", ("day",), 0, True),
    ("the", ("year",), 0, False),
    ("the full", ("year",), 0, False),
    ("the fiscal", ("year",), 0, False),
    ("the same", ("day", "week", "month", "year"), 0, True),
    ("that", ("day", "week", "month", "year"), 0, True),
    ("that same", ("day", "week", "month", "year"), 0, True),
    ("the next", ("day",), 1, True),
    ("the following", ("day", "week", "month", "year"), 1, True),
    ("the previous", ("day", "week", "month", "year"), -1, True),
    ("the preceding", ("day", "week", "month", "year"), -1, True),
    ("the prior", ("day", "week", "month", "year"), -1, True),
]
#: Words before an anaphoric day that name the very time the text last named, whatever its precision: after "last
#: October", "that same day" is a day of that October (TimeML ``1998-10-XX``), not an earlier day the text named.
SAME_TIME_WORDS = ("that", "that same", "the same")
#: Words around "the day" that make it part of a longer time ("late in the day", "the start of the day"), and
#: words after it that tie it to another happening ("the day before", "the day after his death": left alone,
#: unless a frame came first: "rose late in the day after falling"); "of" before an amount is the amount's, no tie
#: ("a low for the year of 7,400": the reporting year).
DAY_FRAMES = r"(?:(?:late|early|later|earlier)\s+in\s+|(?:the\s+)?(?:start|end|rest|close|course|middle)\s+of\s+)"
_AMOUNT_AFTER = r"\s+(?:[$£€]|(?!(?:19|20)\d\d\b)\d)"  # "of $42", "of 7,400", not "of 1989"
ANAPHORA_STOP = rf"(?![\s-]+(?:before|after|of(?!{_AMOUNT_AFTER})|when|that|which|in\s+which|on\s+which|to)\b|['’-])"
_ORDINALS = lexicon.ordered("dates.ordinals")

#: Tense cues for a weekday's clause ("will meet on Monday" → the coming Monday, "met on Monday" → the last).
#: The cue nearest the weekday wins; news writes scheduled events in the present ("is on Thursday",
#: "opens Monday"), so those present forms count as future.
FUTURE_CUES = lexicon.ordered("dates.future_cues")
PRESENT_AS_FUTURE = lexicon.ordered("dates.present_as_future")
PAST_CUES = lexicon.ordered("dates.past_cues")

#: Future cues that also stand before a noun as its modifier ("planned outages"), and the words after them that
#: make them govern a time instead ("planned for May").
NOUN_MODIFIER_CUES = lexicon.words("dates.noun_modifier_cues")
CUE_GOVERNS = lexicon.words("dates.cue_governs")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
#: A game story's schedule line: "Lakers: Visit the Thunder on Friday." (a name, a colon, a base-form verb).
_SCHEDULE_LINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][\w.'’&-]*(?:[ \t]+[A-Z0-9][\w.'’&-]*){0,3}:[ \t]+(?:"
    + "|".join(w.title() for w in lexicon.ordered("dates.schedule_verbs"))
    + r")\b[^\n]*$"
)


def modifies_a_noun(text: str, cue: re.Match[str]) -> bool:
    """A future cue before a noun as its modifier ("planned outages"), not governing a time ("planned for May")."""
    nxt = _NEXT_WORD.match(text, cue.end()) if cue.group(0).lower() in NOUN_MODIFIER_CUES else None
    return nxt is not None and nxt.group(1).islower() and nxt.group(1) not in CUE_GOVERNS


def on_a_schedule_line(text: str, start: int) -> bool:
    """``start`` lies on a game story's schedule line ("Lakers: Visit the Thunder on Friday."): it looks ahead.

    Example:
        >>> on_a_schedule_line("Up next\\nLakers: Visit the Thunder on Friday.", 36)
        True
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return bool(_SCHEDULE_LINE.search(text[line_start : len(text) if line_end < 0 else line_end]))


_WEEKDAYS = lexicon.ordered("time.weekdays")
_MONTH_NUM = {m: i + 1 for i, m in enumerate(lexicon.ordered("time.months"))}
#: The calendar's names as the patterns write them ("Monday|Tuesday|…", "January|…", "yesterday|today|tomorrow"),
#: and the months' short stems ("Jan|…|Sep|Sept|…": the stem, then any other short form).
_WD_NAMES = "|".join(d.title() for d in _WEEKDAYS)
_WD_PLURALS = "|".join(f"{d.title()}s" for d in _WEEKDAYS)
_MONTH_NAMES = "|".join(m.title() for m in _MONTH_NUM)
_NEAR_DAYS = "|".join(lexicon.ordered("time.near_days"))
_MONTH_STEMS = "|".join(
    dict.fromkeys(w.title() for m in _MONTH_NUM for w in (m[:3], *lexicon.table("time.month_short")[m].split()))
)


def _alt(words: Iterable[str]) -> str:
    return alternation(words, longest_first=True)


_NUM_WORD = _alt([w for w in NUMBER_WORDS if " " not in w] + ["hundred"])
#: The second word of a count in words ("twenty four", "two hundred"): no article ("two a month" is a rate). Not
#: "thousand": TimeBank counts "two thousand years" in millennia (``P2L``).
_NUM_WORD_2 = _alt([w for w in NUMBER_WORDS if " " not in w and w not in lexicon.ordered("numbers.articles")]
                   + ["hundred"])
_COUNT = (
    rf"(?P<n>a\s+quarter(?=[\s-]+centur)|(?<![\d,.$£€])\d[\d,]*(?:\.\d+)?(?:\s+1/2)?"  # "a quarter-century": 25 years
    rf"|(?:{_NUM_WORD})(?:[\s-](?:{_NUM_WORD_2}))?|a couple of|couple of|a dozen|half an?|"
    rf"{_alt(VAGUE_COUNTS)})"
)
_COUNT_ADJ = rf"(?:(?P<adj>{_alt(COUNT_ADJECTIVES)})\s+)?"
_APPROX = rf"(?:(?:{'|'.join(lexicon.ordered('numbers.duration_approximators'))})\s+)?"
#: A word or two before a count that TimeML keeps inside the TIMEX3 ("about two years ago", "nearly five months").
APPROXIMATOR = _APPROX
_CLOCK = (
    r"(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b)"
    r"(?:\s+(?P<tz>EST|EDT|ET|CST|CDT|PST|PDT|GMT|UTC|BST|CET|CEST|local time|(?:Eastern|Pacific|Central|Mountain)"
    r"(?:\s+(?:(?:standard|daylight)\s+)?time)?))?"
    r"|(?P<h24>[01]\d|2[0-3])(?::(?P<mi24>[0-5]\d)\s*(?P<tz24>GMT|UTC|Z|BST|CET|CEST|EST|EDT|ET|local time|hrs|h)"
    r"|(?P<mi4>[0-5]\d)\s*(?P<tz4>GMT|UTC|Z|hrs))\b"  # "16:30 GMT", "0800 UTC"
    r"|(?P<word>noon|midday|midnight)"
)
_ON_DAY = (
    rf"(?P<dayword>{_NEAR_DAYS}|(?:{_WD_NAMES})"
    rf"(?:,?\s+(?P<mon2>{_MONTH_STEMS})[a-z]*\.?\s+(?P<day2>[0-3]?\d)\b)?"
    rf"|(?P<mon3>{_MONTH_STEMS})[a-z]*\.?\s+(?P<day3>[0-3]?\d)\b)"
    r"(?:,\s*(?P<dyear>(?:19|20)\d\d)\b)?"  # "on Friday, June 29, 2007": the day's own year
)

#: Superlatives that make a day or week the one the report is about when a comparison follows ("its worst day
#: since 1987", "their best week in a year"): the day or week the text last named, else the reference's.
RECORD_WORDS = lexicon.ordered("dates.record_words")

#: "the day", "that year", "the following month", "a second straight day", "a fourth week in a row", "their best
#: week since November" (see :data:`ANAPHORA`).
_ANAPHORA_PHRASES = _alt(f"{w} {u}" for w, units, _, _ in ANAPHORA for u in units).replace(" ", r"\s+")
ANAPHORA_PATTERN = re.compile(
    rf"\b(?:(?P<frame>{DAY_FRAMES})?(?P<ana>{_ANAPHORA_PHRASES})"
    rf"|(?:a|the)\s+(?:{_alt(_ORDINALS)}|\d+(?:st|nd|rd|th))\s+(?:consecutive|straight|successive)\s+"
    rf"(?P<nthday>day|session|week)"
    rf"|(?:(?:a|the|its|their)\s+)?(?:{_alt(_ORDINALS)}|\d+(?:st|nd|rd|th))\s+(?P<rowunit>day|session|week)"
    r"(?=\s+in\s+a\s+row\b)"
    rf"|(?:(?:its|their|the)\s+)?(?:{_alt(RECORD_WORDS)})\s+(?P<recunit>day|session|week)(?=\s+(?:since|in)\b))"
    rf"\b(?(frame)|{ANAPHORA_STOP})", re.I)


def anaphora_phrase(m: re.Match[str]) -> str:
    """The phrase :func:`anaphora_of` reads for a match of :data:`ANAPHORA_PATTERN`: its anaphoric words, or "the
    same day" / "the same week" for a day or week counted in a row or told as a record ("a fourth week in a row").

    Example:
        >>> anaphora_phrase(ANAPHORA_PATTERN.search("gains for a fourth week in a row"))
        'the same week'
    """
    if m.group("ana"):
        return m.group("ana")
    unit = (m.group("nthday") or m.group("rowunit") or m.group("recunit") or "day").lower()
    return f"the same {'day' if unit == 'session' else unit}"

#: (kind, pattern), tried before the calendar patterns of :mod:`dates` (a time includes its day, "every
#: Monday" is a set).
TIME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # not before a counted span: "the year-earlier nine months" is the duration "nine months", a year back
    ("year_ago_quarter", re.compile(
        rf"\byear-(?:ago|earlier)\b(?!\s+(?:first\s+)?(?:\d+|{_NUM_WORD})[\s-]+(?:{_UNIT_WORDS})\b)", re.I)),
    # "the 1990's" with an apostrophe only after "the" or "early"/"mid"/"late": "1990's first half" is the year's
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>(?:1[5-9]|20)\d)0s\b"
                          r"|\b(?:the\s+(?:(?:early|mid|late)[\s-]+)?|(?:early|mid|late)[\s-]+)"
                          r"(?P<deca>(?:1[5-9]|20)\d)0['’]s\b"
                          r"|\b(?:the\s+)?(?P<cent>1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b"
                          rf"|\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:(?P<decw>{_alt(DECADE_WORDS)})\b"
                          r"|['’](?P<decd>\d)0s\b)", re.I)),
    ("short_year", re.compile(rf"\b(?:{_alt(SHORT_YEAR_LEADS)})\s+['’](?P<yy>\d\d)\b(?![\w'’%])", re.I)),
    ("season", re.compile(
        r"(?<!every\s)(?<!each\s)"  # "every summer" is a set
        r"\b(?:(?P<rel>last|this|next|past|this past|early|late|the)\s+"
        # after a possessive ("held their Autumn meetings"), this year's; not "fall" ("their fall from grace")
        r"|(?P<poss>(?<=\bits\s)|(?<=\btheir\s)|(?<=\bour\s))(?!fall\b))?(?P<season>spring|summer|fall|autumn|winter)"
        r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)"  # "the winter of nineteen ninety-four", as broadcasts say it
        rf"|\s+of\s+(?P<syear>(?:{_alt(SPOKEN_CENTURIES)})[\s-]+(?:{_alt(SPOKEN_TENS)})(?:[\s-]+(?:{_alt(SPOKEN_UNITS)}))?))?\b",
        re.I)),
    ("half", re.compile(
        r"\b(?:the\s+)?(?P<half>first|second|last|latter)\s+half\s+of\s+(?:(?P<hyear>(?:19|20)\d\d)\b"
        r"|(?:the\s+)?(?P<hrel>this|next|last|current)\s+year\b|the\s+year\b)", re.I)),
    ("spoken_year", re.compile(
        rf"\b(?:(?P<smon>{_MONTH_NAMES})"
        rf"\s+(?:of\s+)?)?(?:(?P<cent>{_alt(SPOKEN_CENTURIES)})[\s-]+(?P<tens>{_alt(SPOKEN_TENS)})"
        rf"(?:[\s-]+(?P<units>{_alt(SPOKEN_UNITS)}))?|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?"
        rf"(?P<units2>{_alt(SPOKEN_UNITS)}))?)\b(?![\s-]+(?:percent|million|billion|thousand|hundred)\b)", re.I)),
    ("weekend", re.compile(r"\b(?P<rel>the|this|last|next|this past|over the)\s+weekend\b", re.I)),
    ("set", re.compile(
        rf"\b(?P<q>(?i:every|each))\s+(?:(?P<other>other)\s+)?(?:(?P<sn>\d+|{_NUM_WORD})\s+)?"
        rf"(?P<sunit>{_UNIT_WORDS}|(?:{_WD_NAMES})"
        rf"|{_MONTH_NAMES}"
        rf"|morning|evening|night|afternoon|weekend|spring|summer|autumn|fall|winter)\b"
        rf"|\b(?P<adv>{_alt(SET_WORDS)})\b(?!\s+(?:Mail|News|Telegraph|Star|Express|Beast|Show|Caller))"
        rf"|\b(?P<times>(?i:once|twice)|(?:three|four|\d+) times)\s+(?:a|per|an)\s+(?P<punit>{_UNIT_WORDS})\b"
        rf"|\b(?:on\s+)?(?P<pwd>{_WD_PLURALS})"
        rf"(?:\s+(?P<pparts>mornings|afternoons|evenings|nights))?\b"
        rf"|\b(?P<pwd1>{_WD_NAMES})\s+"
        rf"(?P<pparts1>mornings|afternoons|evenings|nights)\b")),
    ("clock", re.compile(
        rf"\b(?:(?P<dayfirst>(?:{_WD_NAMES}|{_NEAR_DAYS})"
        rf"(?:\s+(?:morning|afternoon|evening|night))?),?\s+(?:at\s+)?)?"
        rf"(?:(?:at|around|about|by|until|before|after|shortly before|shortly after|just before|just after)\s+)?"
        rf"(?:about\s+|around\s+|approximately\s+)?(?:{_CLOCK})"
        rf"(?:,?\s+(?:on\s+)?{_ON_DAY})?(?!\w)", re.I)),
    ("daypart", re.compile(
        r"\b(?:(?P<rel>this|last|yesterday|tomorrow|later this|earlier this|early this|late this|(?:early|late)?\s*"
        r"(?:yesterday|tomorrow))\s+)(?P<part>morning|afternoon|evening|night)\b"
        r"|\b(?P<lone>tonight|overnight)\b"
        # "in the morning" after a day named: a part of that day (dates._clock_days); alone, no time at all
        r"|\bin\s+(?P<thepart>the\s+(?P<part2>morning|afternoon|evening))\b(?!\s+(?:of|after|before)\b)"
        r"|\b(?P<mid>mid-afternoon|mid afternoon)(?:\s+(?P<rel2>yesterday|today|tomorrow))?\b", re.I)),
]

#: Words that cannot describe the day or week after "a" ("a detour this week", "a few days"): the function words,
#: counts and time words; an intensifier before the adjective stays ("another very bad week").
_NOT_DESCRIBING = (lexicon.words("function_words.stop") | set(NUMBER_WORDS) | set(_ORDINALS)
                   | set(lexicon.ordered("dates.not_describing"))) - set(lexicon.ordered("dates.intensifiers"))
_DESCRIBING = rf"(?!(?:{_alt(_NOT_DESCRIBING)})\b)[a-z]+"
#: A day or week described by what happened in it ("an unusually turbulent day", "another very bad financial week"):
#: a period one day or week long (TimeML ``DURATION`` ``P1D``, ``P1W``), as both TempEval-3 train and MEANTIME tag it.
DAY_DESCRIBED = re.compile(
    rf"(?<![\w-])(?:a|an|another)\s+(?:{_DESCRIBING}\s+){{1,3}}(?P<unit>day|week)\b(?![-'’])", re.I)

#: Prepositions after which "year-end", "year end", "year's end", "month-end" name a time ("by year end", "since
#: year-end"), as "the end of the year" does; elsewhere "year-end" modifies a noun ("year-end results"). Only a
#: function word may follow such a time.
END_NOUN_LEADS = lexicon.ordered("dates.end_noun_leads")
_STOP_WORDS = lexicon.words("function_words.stop")

#: "one day" as "some day" (lexicon ``dates.someday_leads``): after a subject pronoun or a modal, before a verb.
_SOMEDAY_LEAD = re.compile(rf"(?i)\b(?:{_alt(lexicon.words('dates.someday_leads'))})\s+$")
_SOMEDAY = re.compile(
    r"(?i)one\s+day\s+(?!(?:and|or|but|of|in|on|at|to|for|the|a|an|before|after|ago|later|earlier)\b)[a-z]+")


def is_someday(text: str, start: int) -> bool:
    """True for "one day" at ``start`` told as "some day" ("he hopes he one day follows"): no duration.

    Example:
        >>> text = "He hopes he one day follows, and spent one day there."
        >>> is_someday(text, 12), is_someday(text, 39)
        (True, False)
    """
    return bool(_SOMEDAY.match(text, start)) and bool(_SOMEDAY_LEAD.search(text, max(0, start - 12), start))


#: (kind, pattern), tried after the calendar patterns (a date's "two years ago" is not a duration).
LATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("year_end", re.compile(
        r"\b(?:by\s+|before\s+)?(?:the\s+)?end\s+of\s+the\s+(?P<eunit>year|month|week)\b"
        rf"|\b(?P<elead>{_alt(END_NOUN_LEADS)})\s+(?:the\s+)?(?P<eunit2>year|month)(?:[\s-]|['’]s\s+)end\b"
        rf"(?![\s-]+(?!(?:{_alt(_STOP_WORDS)})\b)[a-z])", re.I)),
    ("year_ended", re.compile(r"\bthe\s+(?:fiscal\s+|financial\s+)?year(?=\s+(?:ended|ending)\b)", re.I)),
    ("anaphora", ANAPHORA_PATTERN),
    # "For the week, the index dropped", "the week's most active session": a week of the report's year that the text
    # does not say (TimeML YYYY-WXX), also as a possessive after "of" ("a result of the week's fever"); not "the rest
    # of the week", "the day of the week", nor "the week before" / "the week ended Friday"
    ("week_unnamed", re.compile(
        rf"\bthe\s+week\b(?:(?=['’]s\b)|(?<!\bof\sthe\sweek){ANAPHORA_STOP}(?!\s+(?:ended|ending|ago|earlier|later)\b))",
        re.I)),
    ("long", re.compile(
        r"\b(?:(?:the|a|an)\s+)?(?<![\w-])(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?"
        r"|centur(?:y|ies))-long\b", re.I)),
    ("duration", re.compile(
        rf"\b(?:(?:the|a|an)\s+)?(?:(?P<dir>past|last|next|coming|first|previous|final|following|preceding|"
        rf"same|remaining|initial|latest)\s+)?{_APPROX}{_COUNT}[\s-]+{_COUNT_ADJ}"
        rf"(?P<unit>{_UNIT_WORDS})(?:[\s-]+(?:and\s+a\s+half))?(?:\s+(?P<after>ahead))?\b(?![\s-]old\b|-(?:on|over|to)-|-end\b|[\s-]centur)"
        rf"(?!\s+(?:ago|earlier|later|from now)\b)", re.I)),
    ("day_described", DAY_DESCRIBED),
    ("duration_bare", re.compile(
        rf"\b(?P<lead>{_alt(DURATION_LEADS)})\s+(?P<unit>(?:{_UNIT_WORDS}))\b(?!\s+(?:ago|earlier|later|of)\b)", re.I)),
    # not before "of" or a unit ("the future of the plant", "recent years"); "now that …", "from now on" are the present
    # not the first half of a compound ("the now-cancelled deal", "the current-account deficit")
    # nor a comparison's or another time's measure: "as soon as", "as recently as 1990", "soon after the vote" (but
    # "now before a federal court" is the present); "Soon, he found ..." tells a story's next step, no future; nor
    # the end of a compound ("a Johnny-come-lately")
    ("ref", re.compile(rf"(?<!\bas\s)(?<!-)\b(?P<ref>{_alt(REF_WORDS)})\b(?!\s+(?:of|{_UNIT_WORDS})\b|-\w)"
                       r"(?!(?<=soon)(?:\s+(?:after|before|afterwards?|thereafter)\b|,))", re.I)),
]

#: "two years earlier", "three days later" — a date counted from the reference.
#: "three days later" is the duration "three days" (TimeML leaves "later" out, as its SIGNAL): ``dir`` is empty.
SHIFT_PATTERN = re.compile(
    rf"\b{_APPROX}{_COUNT}[\s-]+(?P<unit>{_UNIT_WORDS})(?:\s+(?:or\s+so\s+)?"
    r"(?P<dir>earlier|from now)\b|(?=\s+(?:or\s+so\s+)?later\b))",
    re.I,
)


#: Words a mention may start with that TimeML leaves out of a TIMEX3's extent (they are its SIGNAL).
SIGNALS = lexicon.ordered("dates.signals")
#: Phrases that start with a signal and stay in the TIMEX3 ("at least 20 more years").
SIGNAL_EXCEPTIONS = lexicon.ordered("dates.signal_exceptions")
#: "over" before a count is the count's bound, inside the TIMEX3 ("over six years", "over an hour": TempEval-3 train
#: and MEANTIME both), while "over the weekend" is a signal; "just" before a count or "over" stays out of it ("just
#: minutes", "just over an hour": both).
_COUNTED_OVER = r"over\s+(?:an?|\d|" + "|".join(re.escape(w) for w in NUMBER_WORDS) + r")\b"
_SIGNAL = re.compile(
    r"(?i)^(?!(?:" + "|".join(re.escape(w) for w in SIGNAL_EXCEPTIONS) + r"|" + _COUNTED_OVER + r")\b)"
    r"(?:" + "|".join(re.escape(w) for w in sorted(SIGNALS, key=len, reverse=True)) + r")\s+"
)
_JUST = re.compile(r"(?i)^just\s+")


#: A duration as an adjective, after its article: a count and a unit in the singular ("a five-year", "the 23-year",
#: "a two day"), the article being the noun's (:data:`ADJECTIVE_DURATION_ARTICLES`); a year is no count ("the 1988
#: quarter").
ADJECTIVE_DURATION_ARTICLES = lexicon.ordered("dates.adjective_duration_articles")
_ADJECTIVE_DURATION = re.compile(
    rf"(?i)^(?:{_alt(ADJECTIVE_DURATION_ARTICLES)})\s+(?=(?:(?!(?:19|20)\d\d\b)\d[\d,.]*|(?:{_NUM_WORD})(?:[\s-](?:{_NUM_WORD}))?)[\s-]+"
    r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)$)"
)


#: A quarter as an adjective after its article ("the third-quarter loss", "the fiscal second-quarter results"): the
#: article is the noun's, as for a duration (:data:`ADJECTIVE_DURATION_ARTICLES`).
_ADJECTIVE_QUARTER = re.compile(
    rf"(?i)^(?:{_alt(ADJECTIVE_DURATION_ARTICLES)})\s+(?=(?:fiscal[\s-]+)?"
    rf"(?:{_alt(lexicon.table('dates.quarter_ordinals'))})-quarter$)"
)


def extent(text: str) -> int:
    """How many leading characters of a mention TimeML leaves out of the TIMEX3: a preposition ("on Monday" → 3:
    the TIMEX3 is "Monday"; "over the weekend" → 5), the article of a duration or a quarter used as an adjective
    ("a five-year" → 2, "the third-quarter" → 4).

    Example:
        >>> extent("on Monday"), extent("for 90 days"), extent("Monday"), extent("a 10-year"), extent("a year")
        (3, 4, 0, 2, 0)
        >>> extent("the third-quarter"), extent("the third quarter"), extent("over a year"), extent("just over an hour")
        (4, 0, 0, 5)
    """
    k = 0
    for lead in (_JUST, _SIGNAL, _JUST):  # "just over an hour", "in just minutes"
        m = lead.match(text[k:])
        k += m.end() if m and k + m.end() < len(text) else 0
    art = _ADJECTIVE_DURATION.match(text[k:]) or _ADJECTIVE_QUARTER.match(text[k:])
    return k + art.end() if art else k


_MULTIPLIERS = {"hundred": 100}


def count_of(word: str) -> float | None:
    """A count written in digits or words; None for a vague one ("several")."""
    w = " ".join(word.lower().replace("-", " ").replace(",", "").split())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d+ 1/2", w):  # "2 1/2 years"
        return float(w.split()[0]) + 0.5
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    parts = w.split()
    if parts and parts[0] in ("a", "an") and len(parts) > 1:  # "a three-year period"
        parts = parts[1:]
    if len(parts) == 2 and 20 <= NUMBER_WORDS.get(parts[0], 0) <= 90 and NUMBER_WORDS.get(parts[1], 10) < 10:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])  # "twenty four"
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in _MULTIPLIERS:
        return float(NUMBER_WORDS[parts[0]] * _MULTIPLIERS[parts[1]])  # "two hundred"
    if len(parts) == 1 and parts[0] in NUMBER_WORDS:
        return float(NUMBER_WORDS[parts[0]])
    return None


def _unit(word: str) -> tuple[str, int]:
    w = word.lower()
    w = "century" if w.startswith("centur") else w.rstrip("s")
    return DURATION_UNITS[w]


def duration_value(count: str, unit: str, half: bool = False) -> str:
    """TimeML duration of "count unit": ``P90D``, ``PT16H``, ``P20Y`` (decades in years), ``PXY`` (vague).

    Example:
        >>> duration_value("twenty four", "hours"), duration_value("several", "years")
        ('PT24H', 'PXY')
        >>> duration_value("2", "years", half=True), duration_value("half an", "hour"), duration_value("5.7", "seconds")
        ('P2Y6M', 'PT30M', 'PT5.7S')
    """
    code, mult = _unit(unit)
    n = count_of(count)
    t = "T" if code.startswith("T") else ""
    if n is None:
        return f"P{t}X{code[-1]}"
    total = n * mult + (0.5 * mult if half else 0.0)
    whole = int(total)
    if total != whole:  # "two and a half years" → P2Y6M, "half an hour" → PT30M
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3),
                   "M_T": ("S", 60)}
        code1, k = smaller.get(code[-1] + ("_T" if t and code[-1] == "M" else ""), ("", 1))
        if not code1:  # no smaller unit to count the rest in: "5.7 seconds" → PT5.7S
            return f"P{t}{total:g}{code[-1]}"
        rest = f"{round((total - whole) * k)}{code1}"
        head = f"{whole}{code[-1]}" if whole else ""
        if code[-1] == "D":
            return f"P{head}T{rest}"
        return f"P{t}{head}{rest}"
    return f"P{t}{whole}{code[-1]}"


def set_value(word: str, unit: str | None = None, count: str | None = None, other: bool = False) -> str:
    """TimeML value of a SET: "weekly" → ``P1W``; every + unit → ``P1Y``; every + Monday → ``XXXX-WXX-1``;
    every + July → ``XXXX-07``."""
    w = word.lower()
    if w in SET_WORDS:
        return SET_WORDS[w]
    u = (unit or "").lower()
    if u.rstrip("s") in _WEEKDAYS:  # "on Mondays", "Tuesday nights"
        part = f"T{DAY_PARTS[count.lower().rstrip('s')]}" if count and count.lower().rstrip("s") in DAY_PARTS else ""
        return f"XXXX-WXX-{_WEEKDAYS.index(u.rstrip('s')) + 1}{part}"
    if u in _MONTH_NUM:
        return f"XXXX-{_MONTH_NUM[u]:02d}"
    if u in DAY_PARTS:
        return f"XXXX-XX-XXT{DAY_PARTS[u]}"
    if u == "weekend":
        return "XXXX-WXX-WE"
    if u in SEASONS:
        return "XXXX-" + SEASONS[u]
    n = count or ("2" if other else "1")
    return duration_value(n, u or "day")


def clock_of(m: re.Match[str]) -> str | None:
    """The ``HH:MM`` of a clock match ("9:40 p.m." → ``21:40``, "noon" → ``12:00``, "0800 UTC" → ``08:00Z``),
    None if impossible. A universal-time zone adds ``Z`` (:data:`ZONES`)."""
    g = m.groupdict()
    if g.get("word"):
        return CLOCK_WORDS[g["word"].lower()]
    zone = ZONES.get((g.get("tz") or g.get("tz24") or g.get("tz4") or "").lower(), "")
    if g.get("h24"):
        return f"{int(g['h24']):02d}:{g.get('mi24') or g.get('mi4')}{zone}"
    h = int(g["h"])
    if not 1 <= h <= 12:
        return None
    pm = g["ap"].lower().startswith("p")
    h = (h % 12) + (12 if pm else 0)
    return f"{h:02d}:{g.get('mi') or '00'}{zone}"


def time_value(day: dt.date | None, clock: str | None = None, part: str | None = None) -> str | None:
    """A TIME value on ``day``: ``2025-03-04T21:40`` or ``2025-03-04TEV``; None without a day."""
    if day is None:
        return None
    if clock:
        return f"{day.isoformat()}T{clock}"
    return f"{day.isoformat()}T{DAY_PARTS[part.lower()]}" if part else day.isoformat()


SEASONS: dict[str, str] = lexicon.table("dates.seasons")
#: The month each season begins in: "this past spring", said in October, is this year's.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: Halves of a year ("the first half of 1989" → ``1989-H1``).
HALVES: dict[str, str] = lexicon.table("dates.halves")


def decade_value(digit: int, ref_year: int | None) -> str:
    """The decade whose tens digit is ``digit`` that began last by ``ref_year`` (TimeML's three digits):
    "the nineties" → ``199`` and "the twenties" → ``202`` in 2025.

    Example:
        >>> decade_value(9, 2025), decade_value(2, 2025), decade_value(8, None)
        ('199', '202', '198')
    """
    year = ref_year or 1999
    century = year // 100 - (digit > year // 10 % 10)
    return f"{century:02d}{digit}"


def short_year(yy: int, ref_year: int | None) -> int:
    """The year "'82" names: the latest year ending in those two digits up to a few years after the reference
    (written in 2008, "'82" is 1982 and "'10" 2010).

    Example:
        >>> short_year(82, 2008), short_year(10, 2008), short_year(99, 1998)
        (1982, 2010, 1999)
    """
    near = (ref_year or 2000) + SHORT_YEAR_AHEAD
    return near - (near - yy) % 100


#: How many years after the reference a two-digit year may still lie ("'10" written in 2008 is 2010).
SHORT_YEAR_AHEAD = 5


def spoken_year(g: dict[str, str | None]) -> int:
    """The year a ``spoken_year`` match says ("nineteen ninety-six" → 1996, "the year two thousand" → 2000)."""
    if g.get("cent"):
        unit = SPOKEN_UNITS.get((g.get("units") or "").lower(), 0)
        return SPOKEN_CENTURIES[(g["cent"] or "").lower()] + SPOKEN_TENS[(g["tens"] or "").lower()] + unit
    return 2000 + SPOKEN_UNITS.get((g.get("units2") or "").lower(), 0)


def spoken_year_words(words: str) -> int:
    """The year of "nineteen ninety-four" (century, tens and units words).

    Example:
        >>> spoken_year_words("nineteen ninety-four"), spoken_year_words("eighteen twelve")
        (1994, 1812)
    """
    cent, tens, *units = re.split(r"[\s-]+", words.strip())
    return spoken_year({"cent": cent, "tens": tens, "units": units[0] if units else None})


def anaphora_of(phrase: str) -> tuple[str, int, bool]:
    """(unit, offset, from the last named?) of an anaphoric phrase matched by :data:`ANAPHORA_PATTERN`: the
    unit it names, how many of them it counts, and whether from the last one the text named or from the
    reference ("the following year" → ("year", 1, True); "a second straight day" → ("day", 0, True)).

    Example:
        >>> anaphora_of("the following year"), anaphora_of("the full year"), anaphora_of("a third straight session")
        (('year', 1, True), ('year', 0, False), ('day', 0, True))
    """
    *words, unit = phrase.lower().split()
    key = " ".join(words)
    return next(((unit, off, named) for w, units, off, named in ANAPHORA if w == key and unit in units),
                ("day", 0, True))


def ref_value(word: str) -> str:
    """``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` of a reference word."""
    return REF_WORDS[" ".join(word.lower().split())]


def shift(ref: dt.date, n: float, unit: str, forward: bool) -> str:
    """The date ``n`` units before or after ``ref``, at the unit's precision ("two years earlier" → ``2023``)."""
    code, mult = _unit(unit)
    k = int(n * mult) * (1 if forward else -1)
    if code in ("D", "TH", "TM", "TS"):
        days = k if code == "D" else 0
        return (ref + dt.timedelta(days=days)).isoformat()
    if code == "W":
        iy, iw, _ = (ref + dt.timedelta(weeks=k)).isocalendar()
        return f"{iy:04d}-W{iw:02d}"
    if code in ("M", "Q"):
        months = ref.year * 12 + ref.month - 1 + k * (3 if code == "Q" else 1)
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{ref.year + k:04d}"


#: A second day after a month and day ("April 24 and 25", "Oct. 3-4", "May 5 to 7"): TimeML tags the day number
#: alone, a TIMEX3 of its own in the first one's month; not a count ("May 5 or 6 percent") nor a clock ("Nov. 1
#: to 5 p.m.").
PAIRED_DAY = re.compile(
    r"(?:[ \t]*[-–][ \t]*|\s+(?:and|or|to|through|until|till)\s+)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    r"(?![.,:]?\d|\s*(?:%|percent|per\s*cent|million|billion|[ap]\.?m\b|o'clock))",
    re.I,
)
_ENDS_IN_A_DAY = re.compile(r"(?<!\d)[0-3]?\d(?:st|nd|rd|th)?$")


def paired_days(text: str, found: list[DateMention], taken: list[tuple[int, int]]) -> list[DateMention]:
    """``found`` with the second day of each pair ("April 24 and 25" → "25", the 25th of the first one's month and
    year) after its first, where no other match (``taken``) covers it.

    Example:
        >>> first = DateMention(start=0, end=8, text="April 24", value="1999-04-24", how="month-day")
        >>> [(d.text, d.value) for d in paired_days("April 24 and 25.", [first], [(0, 8)])]
        [('April 24', '1999-04-24'), ('25', '1999-04-25')]
    """
    out: list[DateMention] = []
    for d in found:
        out.append(d)
        m = PAIRED_DAY.match(text, d.end)
        if m is None or not d.value or not re.fullmatch(r"\d{4}-\d\d-\d\d", d.value):
            continue
        day = int(m.group("day"))
        if not _ENDS_IN_A_DAY.search(d.text) or not int(d.value[8:]) < day <= 31:
            continue
        if any(s < m.end() and m.start("day") < e for s, e in taken):
            continue
        try:
            value = dt.date(int(d.value[:4]), int(d.value[5:7]), day).isoformat()
        except ValueError:
            continue
        out.append(DateMention(start=m.start("day"), end=m.end(), text=text[m.start("day") : m.end()], value=value,
                               how=d.how, type="DATE"))
    return out


#: Nouns that make "today's" before them, or "of today" after them, the present in general (lexicon
#: ``dates.generic_day_nouns``), and the reference each near day then gives.
GENERIC_DAY_NOUNS = lexicon.words("dates.generic_day_nouns")
GENERIC_DAY_REFS = {"today": "PRESENT_REF", "tomorrow": "FUTURE_REF", "yesterday": "PAST_REF"}
_NOUN_AFTER = re.compile(r"['’]s\s+([a-z]+)\b(?:\s+([a-z]+)\b)?")  # the noun, or an adjective and the noun
_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s+$")


def generic_day(text: str, start: int, end: int) -> str | None:
    """The ``*_REF`` of "today", "tomorrow" or "yesterday" used of the time in general ("today's youth", "many of
    today's personal computers", "the people of tomorrow"), None for a day ("today's vote", "the events of today").
    :func:`storyline.analyse.dates.extract_dates` leaves such a mention out: TempEval-3 train tags none of them, and
    leaving them out scored better on both its folds than tagging them ``*_REF``.

    Example:
        >>> text = "in today's world and at today's vote"
        >>> generic_day(text, 3, 8), generic_day(text, 27, 32)
        ('PRESENT_REF', None)
    """
    ref = GENERIC_DAY_REFS.get(text[start:end].lower())
    after = _NOUN_AFTER.match(text, end)
    before = _NOUN_OF.search(text, max(0, start - 30), start)
    nouns = {*(after.groups("") if after else ()), *(before.groups() if before else ())}
    return ref if ref and nouns & GENERIC_DAY_NOUNS else None
