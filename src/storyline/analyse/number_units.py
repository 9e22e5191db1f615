"""Vocabulary and patterns for :mod:`storyline.analyse.numbers`, as data.

Number words and scales, currency symbols, codes and words, units of measure with their canonical names,
durations, hedges (approximations) and their canonical values, irregular plurals, time prepositions, and
the regexes built from them: the figure itself, what may follow it (currency word, percent, unit, rate,
duration), and the masks for dates, times, phone numbers and designators that are not figures. The
normalisation these tables encode is documented in :mod:`storyline.analyse.numbers`. The words are data in the
lexicon (``lexicon/numbers.toml``, the months' names from ``lexicon/time.toml``); the units of measure are
regexes and stay here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import lexicon
from ..text import alternation
from .anchors import HOLIDAY_PATTERN

# ------------------------------------------------------------------------------------------ vocabulary

_SMALL = {w: i + 1 for i, w in enumerate(lexicon.ordered("numbers.units"))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(lexicon.ordered("numbers.tens"))}
_SCALES: dict[str, float] = lexicon.table("numbers.scales")
_GLUED_SCALES: dict[str, float] = lexicon.table("numbers.glued_scales")
_VAGUE: dict[str, float] = lexicon.table("numbers.vague_scales")

_CURRENCY_PREFIX: dict[str, str] = lexicon.table("numbers.currency_prefixes")
_DOLLAR_NATION: dict[str, str] = lexicon.table("numbers.dollar_nations")
_CURRENCY_WORDS: dict[str, str] = lexicon.table("numbers.currency_words")

# (pattern, canonical unit, multiplier): longest alternatives first.
_MEASURES: list[tuple[str, str, float]] = [
    (r"short\s+tons?", "short ton", 1.0),
    (r"long\s+tons?", "long ton", 1.0),
    (r"metric\s+tonnes?|metric\s+tons?|tonnes?|tons?", "tonne", 1.0),
    (r"kilogrammes?|kilograms?|kilos|kg", "kg", 1.0),
    (r"pounds?|lbs?", "lb", 1.0),
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s*km|km2|km²", "km2", 1.0),
    (r"square\s+miles?|sq\.?\s*mi", "square mile", 1.0),
    (r"kilomet(?:re|er)s?\s+(?:an|per)\s+hour|km/h|kph", "km/h", 1.0),
    (r"miles\s+(?:an|per)\s+hour|mph", "mph", 1.0),
    (r"kilomet(?:re|er)s?|km", "km", 1.0),
    (r"nautical\s+miles?", "nautical mile", 1.0),
    (r"miles?", "mile", 1.0),
    (r"centimet(?:re|er)s?|cm", "cm", 1.0),
    (r"millimet(?:re|er)s?|mm", "mm", 1.0),
    (r"cubic\s+met(?:re|er)s?", "cubic metre", 1.0),
    (r"met(?:re|er)s", "metre", 1.0),
    (r"feet|foot|ft", "foot", 1.0),
    (r"hectares?", "hectare", 1.0),
    (r"acres?", "acre", 1.0),
    (r"barrels?|bbl", "barrel", 1.0),
    (r"bpd|b/d", "barrel/day", 1.0),
    (r"lit(?:re|er)s?", "litre", 1.0),
    (r"gallons?", "gallon", 1.0),
    (r"bushels?", "bushel", 1.0),
    (r"terawatt[\s-]hours?|TWh", "TWh", 1.0),
    (r"gigawatt[\s-]hours?|GWh", "GWh", 1.0),
    (r"megawatt[\s-]hours?|MWh", "MWh", 1.0),
    (r"kilowatt[\s-]hours?|kWh", "kWh", 1.0),
    (r"gigawatts?|GW", "GW", 1.0),
    (r"megawatts?|MW", "MW", 1.0),
    (r"kilowatts?|kW", "kW", 1.0),
    (r"degrees?\s+(?:Celsius|centigrade|C\b)|°C|(?-i:C)(?=\s*[),;]|\s+\()", "°C", 1.0),  # "45C (113F)", "38C, lows of"
    (r"degrees?\s+(?:Fahrenheit|F\b)|°F|(?-i:F)(?=\s*[),;])", "°F", 1.0),
]
_DURATIONS = {w: (unit, float(n)) for w, (unit, n) in lexicon.table("numbers.durations").items()}

# Hedges in front of the figure, mapped to the canonical approx value.
_APPROX_BEFORE: dict[str, str] = lexicon.table("numbers.approximators")
_APPROX_AFTER: dict[str, str] = lexicon.table("numbers.approximators_after")

_IRREGULAR_PLURALS: dict[str, str] = lexicon.table("numbers.irregular_plurals")

_TIME_PREPS = lexicon.ordered("numbers.time_prepositions")
_ARTICLES = lexicon.words("numbers.determiners")
_ANAPHORIC_DETS = lexicon.words("numbers.anaphoric_determiners")
_TIME_NOUNS = lexicon.words("numbers.time_nouns")
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_OBJ_DEPS = ("dobj", "obj", "attr", "oprd")

# ---------------------------------------------------------------------------------------- patterns


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_UNIT_WORDS = _alt(_SMALL)
_TEN_WORDS = _alt(_TENS)
_SCALE_WORDS = "|".join(w for w in _SCALES if w != "dozen")  # "dozen" is matched apart: "a dozen"
_CUR_PRE = _alt(k for k in _CURRENCY_PREFIX if not k.isalpha())
_CUR_CODES = _alt(k.upper() for k in _CURRENCY_PREFIX if k.isalpha())

_CORE = re.compile(
    rf"""(?<![\w.,$€£¥])(?<![A-Za-z]-)
    (?P<cur>{_CUR_PRE}|(?:{_CUR_CODES})\s?(?=\d))?
    (?:
        (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:(?P<glued>bn|mn|mln|tn|k|m|b)(?![A-Za-z])|\s?(?P<spaced>bn|mn|mln)\b)?
      | (?P<vague>(?:tens|dozens|hundreds|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|billions))?)\b
      | (?P<words>(?:(?:{_TEN_WORDS})(?:-(?:{_UNIT_WORDS}))?|{_UNIT_WORDS})\b|half\s+a(?=\s+(?:{_SCALE_WORDS}|dozen))
          |an?(?=\s+(?:{_SCALE_WORDS}|dozen)\b))
    )
    (?P<scales>(?:(?:\s+|-)(?:{_SCALE_WORDS}|dozen)\b)*)
    """,
    re.X | re.I,
)
_DOLLAR_WORD = re.compile(
    rf"\s*(?:of\s+)?(?:(?P<nation>{_alt(_DOLLAR_NATION)})\s+)?(?P<word>dollars?)\b"
    rf"|\s*(?:of\s+)?(?P<other>euros?|yen|yuan|renminbi|rupees?|(?:Swiss\s+)?francs?|won)\b"
    rf"|\s*(?:of\s+)?(?P<pounds>pounds?(?:\s+sterling)?)\b"
    rf"|\s?(?P<code>{_CUR_CODES})\b",
    re.I,
)
_PERCENT = re.compile(r"\s*(?:(?P<pp>percentage\s+points?)|%|percent\b|per\s*cent\b|pct\b)", re.I)
_MEASURE = re.compile(
    r"\s*(?:-\s*)?(?:of\s+)?(?:" + "|".join(f"(?P<m{i}>{p})" for i, (p, _, _) in enumerate(_MEASURES)) + r")\b",
    re.I,
)
_RATE = re.compile(r"\s+(?:a|an|per|each)\s+(?P<per>day|week|month|year|hour)\b", re.I)
_DURATION = re.compile(
    r"(?:\s+|-)(?:of\s+)?(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))"
    r"(?P<suffix>-(?:old|long))?\b",
    re.I,
)
_RELATIVE_AFTER = re.compile(r"\s+(?:ago|later|earlier|before|after|from\s+now|prior|hence)\b", re.I)
_APPROX_BEFORE_RE = re.compile(r"(?<![\w-])(?P<a>" + _alt(_APPROX_BEFORE) + r")\s+$", re.I)
_APPROX_AFTER_RE = re.compile(r"\s+(?P<a>" + _alt(_APPROX_AFTER) + r")\b", re.I)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|or)\s*", re.I)
_RANGE_NEXT = re.compile(r"\s*(?:-|–|—|\s+to\s+|\s+or\s+)\s*(?:\d|(?:" + _alt([*_SMALL, *_TENS]) + r")\b)", re.I)

_MONTHS = lexicon.ordered("time.months")
_MON_SHORT = [w for m in _MONTHS for w in lexicon.table("time.month_short")[m].split()]
_MON = rf"(?:{'|'.join(m.title() for m in _MONTHS)}|{'|'.join(w.title() for w in _MON_SHORT)})\.?"
_MASKS = [
    re.compile(rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?"),  # Nov. 7, 2025
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?:19|20)\d\d\b)?"),  # 24 November 2025
    re.compile(rf"\b{_MON},?\s+(?:19|20)\d\d\b"),  # April 2026
    re.compile(r"\b(?:19|20)\d\d[-/.][01]?\d[-/.][0-3]?\d\b|\b[0-3]?\d[/.][01]?\d[/.](?:19|20)?\d\d\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}\b"),  # 9/11, 24/7
    re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b", re.I),  # times
    re.compile(r"\+\d[\d\s().-]{6,}\d|\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}|\b\d{3}[.-]\d{3,4}[.-]\d{4}\b"),  # phones
    re.compile(r"^[ \t]*\(?\d{1,3}[.)](?=\s)", re.M),  # numbered list markers
    re.compile(r"^[ \t]*\d+\s*(?:of|/)\s*\d+[ \t]*$", re.M),  # "1 of 5" page chrome
    re.compile(r"\b\d+\s*(?:min|minute)s?\s+read\b", re.I),
    re.compile(
        r"\b(?:World\s+War|Phase|Stage|Type|Class|Category|Level|Grade|Round|Game|Episode|Season|Chapter"
        r"|Section|Article|Page|Part|Vol\.?|Volume|No\.|Nos\.|Number|Step|Rule|Item|Figure|Fig\.|Table"
        r"|Gate|Terminal|Flight|Route|Highway|Interstate|Room|Suite|Channel|Line|Resolution|Clause|Photo"
        r"|Image|Slide|Picture|Exhibit|Appendix|Paragraph|Unit|Block|District|Ward|Precinct)\s+#?\d+\b"
        r"(?:\s*(?:of|/)\s*\d+)?",
        re.I,
    ),
    re.compile(r"#\d+\b"),
]
#: A named day or time of year: the holidays the calendar rules date (:data:`anchors.HOLIDAY_PATTERN`) and the
#: movable ones (``time.movable_holidays``).
_HOLIDAYS = re.compile(
    rf"\b(?:{HOLIDAY_PATTERN}|{alternation(lexicon.ordered('time.movable_holidays'), longest_first=True)})\b"
)
_TIME_PREP_RE = re.compile(r"(?<![\w-])(?:" + _alt(_TIME_PREPS) + r")\s+$", re.I)
_NOT_A_TIME = re.compile(  # durations and ages, which NER also calls DATE
    r"^(?:(?:for\s+)?(?:decades|years|months|weeks|days|ages)|.*-(?:old|long)"
    r"|.*\b(?:\d+|an?|" + _alt([*_SMALL, *_TENS]) + r")[\s-]+(?:year|month|week|day|hour|minute|decade)s?)$",
    re.I,
)
_NAME_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC"})
