"""Wire datelines: where, when and by whom an article was filed, read off the start of its lead.

"HAMILTON, Ohio, March 5 (Ohio Valley News) - The council voted ..." opens with a dateline: the filing
place, the date (usually month and day only) and the outlet. It is metadata, not part of the first
sentence. :func:`find_dateline` reads one from the start of a paragraph; the cleaner
(:mod:`storyline.ingest.clean`) cuts it from the body and keeps what it says as hints, and the *meta*
stage turns those into :attr:`~storyline.model.Article.place`, ``source`` and ``published``.

The shapes are data (:data:`DATELINE_FORMS`), each with the example that motivated it. Matching is
conservative: a kicker ("BREAKING:", "ANALYSIS —"), a heading (too few words after the separator) or a
sentence that merely starts with a capitalised word ("WASHINGTON POST reporters found ...", no
separator) is not a dateline.

Example:
    >>> d = find_dateline("HAMILTON, Ohio, March 5 (Ohio Valley News) - The council voted on Wednesday.")
    >>> d.text, d.place, d.date, d.outlet, d.form
    ('HAMILTON, Ohio, March 5 (Ohio Valley News)', 'Hamilton, Ohio', 'March 5', 'Ohio Valley News', 'wire')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..text import alternation

__all__ = ["DATELINE_FORMS", "MONTH", "STANDALONE_CITIES", "STOP_WORDS", "Dateline", "DatelineForm", "find_dateline"]


def _suffixes(shorter: str, forms: list[str]) -> str:
    """The rest of a word's longer ``forms`` after ``shorter``, each optional ("sep" → "(?:t(?:ember)?)?")."""
    rest = forms[0][len(shorter) :] + (_suffixes(forms[0], forms[1:]) if len(forms) > 1 else "")
    return f"{rest}?" if len(rest) == 1 else f"(?:{rest})?"


def _month_pattern() -> str:
    """Every month's name and short forms (``lexicon/time.toml``), the shortest form first and the rest of
    each longer one optional: ``(?:jan(?:uary)?|…|june?|…|sep(?:t(?:ember)?)?|…)``."""
    short = lexicon.table("time.month_short")
    months = []
    for month in lexicon.ordered("time.months"):
        forms = sorted({month, *str(short[month]).split()}, key=len)
        if not all(longer.startswith(form) for form, longer in zip(forms, forms[1:], strict=False)):
            raise ValueError(f"lexicon/time.toml: the short forms of {month!r} must each begin the next")
        months.append(forms[0] + (_suffixes(forms[0], forms[1:]) if len(forms) > 1 else ""))
    return f"(?:{'|'.join(months)})"


#: Month names and their abbreviations, lower case (use inside ``(?i:...)``).
MONTH = _month_pattern()

_UP = "A-ZÀ-ÖØ-Þ"
_CAPS_WORD = rf"[{_UP}][{_UP}.'’\-]+"
_TITLE_WORD = rf"(?:[{_UP}][a-zß-öø-ÿ][\w.'’\-]*|(?:[{_UP}]\.){{2,3}})"  # "Washington", "D.C."
_JOIN = r"(?:\s+|/)"  # "NEW YORK", "ISTANBUL/ANKARA"
_CAPS_PLACE = rf"(?P<place>{_CAPS_WORD}(?:{_JOIN}{_CAPS_WORD}){{0,3}})"
_TITLE_PLACE = rf"(?P<place>{_TITLE_WORD}(?:{_JOIN}{_TITLE_WORD}){{0,2}})"
# a region of up to three words after the place: "Ohio", "United Arab Emirates"
_REGION = rf"(?:,\s*(?P<region>(?!(?i:{MONTH})\b)[{_UP}][\w.'’\-]*(?:\s+[{_UP}][\w.'’\-]*){{0,2}}))?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_DATE = (
    rf"(?:,?\s*(?P<date>(?i:{MONTH})\.?\s+{_DAY}(?:,?\s+{_YEAR})?"
    rf"|{_DAY}\s+(?i:{MONTH})\.?(?:,?\s+{_YEAR})?))?"
)
#: A clock time after the date, the way press agencies stamp a release ("Jul 13, 2009 / 02:00 pm (CNA)").
_CLOCK = r"(?:\s*/?\s*(?P<clock>\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?))?"
_OUTLET_REQ = r"\s*\(\s*(?P<outlet>[A-Za-z][\w .&'’\-]{0,38}[\w.])\s*\)"
_OUTLET = rf"(?:{_OUTLET_REQ})?"
#: An em, en or bar dash, "--", " - ", or the "_" older wire copy used for a dash ("NAIROBI, Kenya (AP) _").
_DASH = r"(?:\.?\s*[—–―_]\s*|\.?\s*-{1,2}(?:\s+|$)|\s+-{1,2}(?=\S))"  # ".-": "(CNA).- President …"
_COLON = r"\s*:(?:\s+|$)"
#: What a story filed from no one place carries instead of a dateline ("(Undated)", "UNDATED _").
_UNDATED = alternation(lexicon.ordered("datelines.undated"))


@dataclass(frozen=True, slots=True)
class DatelineForm:
    """One shape of dateline.

    Attributes:
        name: Reported as :attr:`Dateline.form`.
        pattern: Matched at the start of a paragraph; ``head`` is the dateline without its separator.
        example: The lead that motivated the row (the tests run every row's example).
        needs: At least one of these groups must have matched (a title-case place alone is just a word).
        recase: The place is printed in capitals and is re-cased for :attr:`Dateline.place`.
    """

    name: str
    pattern: re.Pattern[str]
    example: str
    needs: tuple[str, ...] = ()
    recase: bool = True


def _form(head: str, sep: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<head>{head}){sep}(?=\S|$)")


#: Tried in order; the first that matches (and passes the checks in :func:`find_dateline`) wins.
DATELINE_FORMS: tuple[DatelineForm, ...] = (
    DatelineForm(
        "undated",
        _form(rf"\((?i:{_UNDATED})\)|(?i:{_UNDATED})(?=\s*(?:[—–―_:]|-{{1,2}}\s))", rf"(?:{_DASH}|{_COLON}|\s*$)"),
        "(Undated) _ Drivers faced long detours on Friday, a day after the council closed the river bridge.",
    ),
    DatelineForm(
        "wire",
        _form(_CAPS_PLACE + _REGION + _DATE + _OUTLET, _DASH),
        "HAMILTON, Ohio, March 5 (Ohio Valley News) - The council voted on Wednesday to close the bridge.",
    ),
    DatelineForm(
        "colon",
        _form(_CAPS_PLACE + _REGION + _DATE + _OUTLET, _COLON),
        "WASHINGTON: Chinese officials raised the issue during a phone call on Monday.",
    ),
    DatelineForm(
        "title-case",
        _form(_TITLE_PLACE + _REGION + _DATE + _CLOCK + _OUTLET, _DASH),
        "Washington, Nov 24 (Reuters) - The two leaders spoke by phone for an hour.",
        needs=("date", "outlet"),
        recase=False,
    ),
    DatelineForm(
        "title-case colon",
        _form(_TITLE_PLACE + _REGION + _DATE + _CLOCK + _OUTLET_REQ, _COLON),
        "Mumbai, Nov 11 (PTI): An Indian Navy ship foiled a piracy attempt in the Gulf of Aden.",
        needs=("date",),
        recase=False,
    ),
    DatelineForm(
        "dated",
        _form(_DATE + _OUTLET_REQ, _DASH),
        "Dec 29 (Reuters) - The senator said on Tuesday she would run again.",
        needs=("date",),
    ),
    DatelineForm(
        "outlet",
        _form(r"\(\s*(?P<outlet>[A-Z][\w .&'’\-]{0,38}[\w.])\s*\)", _DASH),  # a capital: "(Reuters)", not "(sic)"
        "(Reuters) - The two leaders spoke by phone for an hour.",
        needs=("outlet",),
    ),
)

#: Words that open kickers, section labels and headings, never a place ("BREAKING:", "FACT CHECK —").
STOP_WORDS = lexicon.words("datelines.stop_words")
#: Cities that stand alone in a dateline ("WASHINGTON:", "BEIJING —"): a bare "PLACE:" is read as a dateline
#: only for these (lexicon/datelines.toml says more).
STANDALONE_CITIES = lexicon.words("datelines.standalone_cities")
#: Title-case words that start sentences, not place names ("The Council (TC) - ...").
_TITLE_STOP = lexicon.words("datelines.title_stop")
#: Parenthetical asides that are not an outlet ("Smith (pictured) —", "Sen. Ruiz (D-Calif.) —").
_NOT_OUTLET = re.compile(rf"{alternation(lexicon.ordered('datelines.not_outlet'))}|[DRIL](?:-[\w. ]+)?", re.I)
#: How a transcript or a quotation goes on after a speaker's label ("CLINTON: Well, I think ...").
_SPOKEN_REST = re.compile(rf"[“\"‘'«]|{alternation(lexicon.ordered('datelines.spoken_openers'))}\b")

_MIN_PLACE_LETTERS = 3
#: A bare place (no region, date or outlet) longer than this must be on :data:`STANDALONE_CITIES`.
_MAX_BARE_WORDS = 2
#: Words the lead must go on for after the dateline: a bare place and separator must be followed by a
#: sentence (a heading is shorter); with a date or an outlet the dateline speaks for itself.
_MIN_REST_WORDS = 6
_MIN_REST_WORDS_DATED = 2
_PARTICLES = lexicon.words("datelines.particles")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline read from the start of a paragraph.

    Attributes:
        text: The dateline as written, without its separator ("HAMILTON, Ohio, March 5 (Ohio Valley News)").
        end: Where the paragraph's own text starts (after the separator); the length of the text when the
            dateline stands on a line of its own ("NAIROBI, Kenya (AP) _").
        place: The place in ordinary case, region included ("Hamilton, Ohio"); None for "(Reuters) - ".
        date: The date as written ("March 5", "March 5, 2024"), if any.
        outlet: The outlet in parentheses ("Ohio Valley News"), if any.
        form: The :class:`DatelineForm` that matched.
    """

    text: str
    end: int
    place: str | None
    date: str | None
    outlet: str | None
    form: str


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text`` (one paragraph), or None.

    A paragraph that is only a dateline ("WASHINGTON _", "MIAMI (AP) --") is one too: the lead follows in
    the next paragraph.

    Example:
        >>> find_dateline("LONDON, Nov 24 (Reuters) - Prices rose.").place
        'London'
        >>> find_dateline("BREAKING: The council voted on Wednesday to close the bridge.") is None
        True
    """
    for form in DATELINE_FORMS:
        m = form.pattern.match(text)
        if m is None or (form.needs and not any(m.group(g) for g in form.needs)):
            continue
        groups = m.groupdict()
        place, region = groups.get("place"), groups.get("region")
        dated = bool(groups.get("date") or groups.get("outlet"))
        bare = not (dated or region)
        if place is not None and not _place_ok(place, form, bare):
            continue
        if region is not None and set(region.upper().split()) & STOP_WORDS:
            continue
        if groups.get("outlet") and _NOT_OUTLET.fullmatch(groups["outlet"]):
            continue
        rest = text[m.end() :]
        words = len(rest.split())
        if words and words < (_MIN_REST_WORDS_DATED if dated else _MIN_REST_WORDS):
            continue  # a heading ("WASHINGTON — A LOOK BACK"), not a lead
        if form.name == "colon" and (_SPOKEN_REST.match(rest) or (bare and not _standalone(place or ""))):
            continue
        if bare and place and len(place.split()) > _MAX_BARE_WORDS and not _standalone(place):
            continue  # "TRUMP WINS OHIO POLL - ...": a caps headline; "SALT LAKE CITY -" is on the list
        if not words and form.name == "outlet":
            continue  # "(Reuters) -" alone on a line is a credit, not a dateline
        return Dateline(
            text=m.group("head").strip(),
            end=m.end(),
            place=_place_name(place, region, form.recase) if place else None,
            date=groups.get("date"),
            outlet=groups.get("outlet"),
            form=form.name,
        )
    return None


def _standalone(place: str) -> bool:
    return " ".join(place.lower().split()) in STANDALONE_CITIES


def _place_ok(place: str, form: DatelineForm, bare: bool) -> bool:
    """Long enough and not a kicker: no stop word in a bare place, none first in one with a region/date/outlet.

    "NEWPORT NEWS, Va. -" is a place; "BREAKING NEWS -" and "CLINTON LEADS IN OHIO -" are not.
    """
    words = re.split(r"\s+|/", place)
    if not form.recase:
        return words[0] not in _TITLE_STOP
    upper = [w.upper() for w in words]
    stopped = set(upper) & STOP_WORDS if bare else upper[0] in STOP_WORDS
    return sum(len(w) for w in _LETTERS.findall(place)) >= _MIN_PLACE_LETTERS and not stopped


def _place_name(place: str, region: str | None, recase: bool) -> str:
    """ "HAMILTON", "Ohio" → "Hamilton, Ohio"; "RIO DE JANEIRO" → "Rio de Janeiro"; "N.Y." and "UAE" stay."""
    parts = [place, region] if region else [place]
    acronym = region is not None and region.isupper() and len(region.replace(".", "")) <= _ACRONYM_MAX  # "UAE"
    return ", ".join(p if p is region and acronym else _recase(p) if recase or p.isupper() else p for p in parts)


#: Longest all-capital region read as an acronym and kept as written ("DUBAI, UAE": "Dubai, UAE").
_ACRONYM_MAX = 3


def _recase(text: str) -> str:
    """Capitalise each run of letters of an ALL-CAPS name; particles lower, abbreviations kept."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        at = m.start()
        dotted = text[m.end() : m.end() + 1] == "." and len(word) == 1  # "U.S.", "N.Y."
        if at > 0 and word.isupper() and word.lower() in _PARTICLES and text[at - 1] == " ":
            return word.lower()
        if not word.isupper() or dotted or (len(word) <= 2 and text[m.end() : m.end() + 1] != "."):
            return word
        return word[0] + word[1:].lower()

    return _LETTERS.sub(one, text)
