"""Commitments get their time: a clause that commits someone to an act for a while or by a day carries it as dates.

"China will suspend export restrictions for one year" (published 2025-11-10) is a :class:`Commitment` to
"suspend export restrictions" with the ``period`` ``2025-11-10/2026-11-10``; "Washington hopes to finalize an
agreement by Thanksgiving" one with the ``deadline`` ``2025-11-27``; "a 12-month truce", "for 90 days",
"until November 2026", "within two weeks" and a pledged figure's calendar year ("25 million tons in 2026") are
the others (:data:`~storyline.analyse.commitment_words.TIME_LEADS`, ``TERM_NOUNS``). A time phrase makes a
commitment when its clause commits (:data:`~storyline.analyse.commitment_words.CUES`: "will", "agreed to",
"pledged", "hopes to", "a target of"), when its act sets a term of its own ("suspended … for a year"), when it
measures a term noun ("a one-year pause"), when the clause names the day the period starts, or when the day it
names is still to come; "for the past four months", "two weeks ago" and "he worked there for ten years" make none.

Periods are ISO 8601 intervals (start/end, each at the precision the text gives: "2025-10/2026-10" for a year
from "late October"), deadlines ISO dates ("by the end of the year" → the year's last day). A period starts on
the day its clause names after "from"/"starting"/"effective" (``begins_how`` ``text``), else on the date of the
clause that made it ("After a summit in late October, they announced a one-year pause": ``act``), else on the
article's reference date (``published``). The clause is the parse's statement that holds the time phrase when
the statements are known, else the words between clause breaks.

Figures take their commitment's time (``NumberMention.period``/``deadline``, :func:`attach_times`): the figure
the clause commits to ("buy 12 million tons by Thanksgiving") and a duration that is itself a figure ("one year").

Example:
    >>> import datetime as dt
    >>> from storyline.model import DateMention
    >>> text = "Washington hopes to finalize an agreement by Thanksgiving."
    >>> (c,) = find_commitments(text, [DateMention(42, 57, "by Thanksgiving", "2025-11-27")], [], dt.date(2025, 11, 24))
    >>> c.text, c.deadline, c.kind
    ('finalize an agreement by Thanksgiving', '2025-11-27', 'deal')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import lexicon
from ..model import DateMention, NumberMention, Statement
from .commitment_words import ACT_WORD, AGO, CUE, KIND_OF, LEAD, TERM_ACTS, TERM_AFTER, TERM_NOUNS, TIME_LEADS
from .dates import RANGE_END
from .iso_periods import first_day, last_day
from .timex import DURATION_UNITS

__all__ = ["Commitment", "add_duration", "attach_times", "duration_span", "find_commitments", "last_day", "shift"]

_DURATION = re.compile(r"^P(\d+)([YMWDQ])$|^PT(\d+)([HMS])$")
_CLAUSE_GAP = 90  # characters between a figure and its time in one clause
_BREAK = re.compile(r"[.!?](?=\s+[\"“‘']?[A-Z])|[;\n]|,\s*(?:and|but|while|whereas)\b")  # not "Dec. 1"
_SENTENCE = re.compile(r"[.!?](?=\s+[\"“‘']?[A-Z])|\n")
#: Where an act's words end after its noun or verb: a comma, a relative or joining word, the clause's end.
_ACT_END = re.compile(
    r"[,;:(]|\s(?:that|which|who|while|after|as|but|with|and\s+(?:the|a|an|its|their))\s|[.!?](?:\s|$)"
)
_ACT_WORDS_MAX = 14
_ARTICLE = re.compile(r"(?i)^(?:a|an|the)\s+")
_JOINING = re.compile(r"(?i)[\s,;]*(?:(?:and|with|while|but|then)\b[\s,]*)?")
_DAY, _MONTH = len("2025-11-24"), len("2025-11")
#: A calendar span a pledged figure can be for ("25 million tons in 2026"): a year, quarter, half or month.
_SPAN = re.compile(r"^\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?$")
_SPAN_LEADS = lexicon.ordered("commitments.span_leads")
#: Roles that make a commitment, and those of them that give a length.
_ROLES = ("period", "within", "term", "deadline", "until", "span")
_LENGTHS = ("period", "within", "term")
#: Term nouns that hold an act rather than name one ("a two-year programme of bond purchases").
_CONTAINERS = ("plan", "deal")
_TIMED = ("period", "within", "term", "deadline", "until", "start")


@dataclass(slots=True)
class Commitment:
    """An act a clause commits someone to, with its time: "suspend export restrictions for one year".

    ``start``/``end`` cite the act's words in the article (``text``), ``time_start``/``time_end`` the time phrase
    (``time``). ``role`` is what the time is to the act: ``period`` ("for one year"), ``term`` ("a one-year
    pause"), ``within`` ("within two weeks"), ``deadline`` ("by Thanksgiving"), ``until`` ("until November 2026")
    or ``span`` (a pledged figure's "in 2026"). ``until`` is the day (or month, year) it runs to — the period's
    end or the deadline; ``begins`` the start of its period and ``begins_how`` where that came from (``text``,
    ``act``, ``published``).
    """

    start: int
    end: int
    text: str
    kind: str  # the kind of act (commitment_words.ACT_WORDS): pause, purchase, ban, deal, … or ""
    time: str
    time_start: int
    time_end: int
    role: str
    period: str | None = None
    deadline: str | None = None
    until: str | None = None
    duration: str | None = None  # the TimeML length the text gives ("P1Y")
    begins: str | None = None
    begins_how: str = ""
    who: str | None = None  # the clause's subject, when the statements are known
    figure: str | None = None  # the figure it commits to, as written ("12 million tonnes")
    figure_start: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "time": self.time,
            "time_start": self.time_start,
            "time_end": self.time_end,
            "role": self.role,
            "period": self.period,
            "deadline": self.deadline,
            "until": self.until,
            "duration": self.duration,
            "begins": self.begins,
            "begins_how": self.begins_how,
            "who": self.who,
            "figure": self.figure,
            "figure_start": self.figure_start,
        }


# ------------------------------------------------------------------------------------------ calendar


def add_duration(start: dt.date, value: str) -> dt.date | None:
    """``start`` plus a TimeML duration ('P1Y', 'P90D', 'P6M', 'P2W'); None for vague or sub-day ones."""
    m = _DURATION.match(value)
    if m and m.group(4) == "H":  # "a 48-hour curfew": whole days, rounded up
        return start + dt.timedelta(days=-(-int(m.group(3)) // 24))
    if not m or not m.group(1):
        return None
    n, unit = int(m.group(1)), m.group(2)
    if unit in ("D", "W"):
        return start + dt.timedelta(days=n * (7 if unit == "W" else 1))
    months = n * {"Y": 12, "M": 1, "Q": 3}[unit]
    total = start.year * 12 + start.month - 1 + months
    y, mo = divmod(total, 12)
    return dt.date(y, mo + 1, min(start.day, calendar.monthrange(y, mo + 1)[1]))


def shift(begins: str, value: str) -> str | None:
    """``begins`` (a day or a month) plus a duration, at the precision ``begins`` has: a year from "2025-10" is
    "2026-10"; 90 days from a month count from its middle.

    Example:
        >>> shift("2025-11-24", "P1Y"), shift("2025-10", "P1Y"), shift("2025-10", "P90D")
        ('2026-11-24', '2026-10', '2026-01')
    """
    if len(begins) == _DAY:
        end = add_duration(dt.date.fromisoformat(begins), value)
        return end.isoformat() if end else None
    if len(begins) == _MONTH:
        mid = dt.date.fromisoformat(f"{begins}-15")
        end = add_duration(mid, value)
        return end.isoformat()[:_MONTH] if end else None
    return None


def _back(end: str, value: str) -> str | None:
    """The day a term of length ``value`` that ends on ``end`` (a day) began."""
    m = _DURATION.match(value)
    if len(end) != _DAY or not m or not m.group(1):
        return None
    n, unit = int(m.group(1)), m.group(2)
    e = dt.date.fromisoformat(end)
    if unit in ("D", "W"):
        return (e - dt.timedelta(days=n * (7 if unit == "W" else 1))).isoformat()
    total = e.year * 12 + e.month - 1 - n * {"Y": 12, "M": 1, "Q": 3}[unit]
    y, mo = divmod(total, 12)
    return dt.date(y, mo + 1, min(e.day, calendar.monthrange(y, mo + 1)[1])).isoformat()


def _duration_of(n: NumberMention) -> str | None:
    """A duration figure's TimeML value ("one year" → P1Y), from its unit and value."""
    if n.kind != "duration" or n.value is None or not n.unit or n.value != int(n.value):
        return None
    code, mult = DURATION_UNITS.get(n.unit, ("", 0))
    if code not in ("Y", "M", "W", "D", "Q"):
        return None
    return f"P{int(n.value) * mult}{code}"


# ------------------------------------------------------------------------------------------ clauses


@dataclass(slots=True)
class _Text:
    """An article's text with what the search needs: its dates, figures and statements."""

    text: str
    dates: Sequence[DateMention]
    numbers: Sequence[NumberMention]
    statements: Sequence[Statement]
    ref: dt.date | None

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: the smallest statement holding it, else the words between clause breaks."""
        held = [s for s in self.statements if s.start <= pos < s.end]
        if held:
            s = min(held, key=lambda s: s.end - s.start)
            return s.start, s.end
        return _between(self.text, pos, _BREAK)

    def sentence(self, pos: int) -> tuple[int, int]:
        return _between(self.text, pos, _SENTENCE)

    def who(self, lo: int, hi: int) -> str | None:
        for s in self.statements:
            if (s.start, s.end) == (lo, hi):
                return s.subject
        return None


def _between(text: str, pos: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    lo = max((m.end() for m in breaks.finditer(text, 0, pos)), default=0)
    m = breaks.search(text, pos)
    return lo, m.start() if m else len(text)


def lead_of(d: DateMention, text: str) -> str:
    """The :data:`TIME_LEADS` words before a time phrase, its own first words included ("for the past four
    months" → "the past"; "by Thanksgiving" → "by"; "in less than a year" → "in less than")."""
    words = list(re.finditer(r"\S+", d.text))
    for k in (2, 1, 0):
        if k > len(words) - (d.type == "DURATION"):  # a duration's last word is its unit
            continue
        end = d.start + (words[k - 1].end() if k else 0)
        m = LEAD.search(text, max(0, d.start - 30), end)
        if m and m.end() == end:
            return m.group(1).lower()
    return ""


def time_role(d: DateMention, text: str) -> tuple[str, str]:
    """(role, lead) of a time phrase: what it is to an act (see :class:`Commitment`), ``start``, ``past`` or ``""``."""
    lead = lead_of(d, text)
    role = TIME_LEADS.get(lead, ("", ""))[0]
    if d.type == "DURATION":
        if not d.value or not _DURATION.match(d.value) or AGO.match(text[d.end : d.end + 12]):
            return "", lead
        if role in ("period", "within", "past"):
            return role, lead
        return ("term", lead) if TERM_AFTER.match(text[d.end : d.end + 40]) else ("", lead)
    if d.point is None or role == "past":
        return "", lead
    if role in ("deadline", "until", "start"):
        return role, lead
    if role == "ends":
        return "until", lead
    return ("span", lead) if _SPAN.match(d.point) and lead in _SPAN_LEADS else ("", lead)


# ------------------------------------------------------------------------------------------ the search


def find_commitments(
    text: str,
    dates: Sequence[DateMention],
    numbers: Sequence[NumberMention],
    ref: dt.date | None,
    statements: Sequence[Statement] = (),
) -> list[Commitment]:
    """The commitments of an article: one per time phrase that gives an act its period or deadline."""
    t = _Text(text, dates, numbers, statements, ref)
    roles = {id(d): time_role(d, text) for d in dates}
    out: list[Commitment] = []
    ended: set[int] = set()  # end days a term of their clause has taken ("a three-month truce ends on March 1")
    order = sorted(dates, key=lambda d: roles[id(d)][0] not in _LENGTHS)
    for d in order:
        role, lead = roles[id(d)]
        if role not in _ROLES or id(d) in ended:
            continue
        c = _commitment(t, d, role, lead, roles, ended)
        if c is not None:
            out.append(c)
    out.sort(key=lambda c: c.time_start)
    return out


def _commitment(
    t: _Text, d: DateMention, role: str, lead: str, roles: dict[int, tuple[str, str]], ended: set[int]
) -> Commitment | None:
    lo, hi = t.clause(d.start)
    starts = [x for x in t.dates if lo <= x.start < hi and roles[id(x)][0] == "start" and x.point]
    if role in _LENGTHS and not starts:
        ends = [x for x in t.dates if lo <= x.start < hi and TIME_LEADS.get(roles[id(x)][1], ("",))[0] == "ends"]
        if ends and (back := _back(ends[0].point or "", d.value or "")):
            ended.add(id(ends[0]))
            starts = [DateMention(ends[0].start, ends[0].end, ends[0].text, back)]
    if role == "until" and lead == "to" and not starts:
        return None  # "postponed the vote to March": a new date, not a period's end
    figure = _figure(t, d, lo, hi) if role != "term" else None
    if role == "span" and figure is None:
        return None  # "Xi will visit in 2026": when it happens, not a term
    kind, act_at = _act(t, d, role, lo, hi)
    if role != "term" and not kind and figure is None:
        return None  # no act named: "“They will press hard on tariffs until April,” he added"
    if not _commits(t, d, role, kind, lo, hi, bool(starts)):
        return None
    begins, how = _begins(t, d, starts, lo, hi, roles)
    how = "text" if starts and how == "text" and id(starts[0]) not in roles else how
    whole, last = _whole_time(t, d)
    time = _ARTICLE.sub("", d.text) if role == "term" else whole.text  # "a one-year" pause: "one-year"
    c = Commitment(0, 0, "", kind, time, d.start, whole.end, role, begins=begins, begins_how=how)
    _resolve(c, d, lead, t.ref, last)
    if c.until is None or (not kind and _gone_by(c.until, t.ref)):
        return None  # no end; or "From 2010 to 2015 there were 3,248 cases": a count over a span gone by, no act
    if role != "term" and (after := _after_other_time(t, d, act_at, lo, roles)) is not None:
        act_at = after if after < d.start else act_at
    c.start, c.end = _act_span(t.text, whole, role, act_at, lo, hi)
    c.text = t.text[c.start : c.end]
    c.who = t.who(lo, hi)
    if figure is not None:
        c.figure, c.figure_start = figure.text, figure.start
    return c


def _gone_by(until: str, ref: dt.date | None) -> bool:
    """An end that lies wholly before the reference day ("2015", "2019-11-17" seen from 2019-11-18).

    Example:
        >>> import datetime as dt
        >>> _gone_by("2015", dt.date(2019, 11, 18)), _gone_by("2019-11", dt.date(2019, 11, 18))
        (True, False)
    """
    return ref is not None and f"{until}-99" < ref.isoformat()


def _commits(t: _Text, d: DateMention, role: str, kind: str, lo: int, hi: int, started: bool) -> bool:
    """Whether the clause commits to the act its time phrase times (see the module docstring)."""
    if role == "term" or started or kind in TERM_ACTS:
        return True
    if role == "period" and _looks_back(t.text, lo, hi):
        return False  # "For nearly forty years, the United States has said it would not …"
    s_lo, _ = t.sentence(d.start)
    if CUE.search(t.text, min(lo, s_lo), hi) or any(
        KIND_OF[m.group(1).lower()] == "deal" for m in ACT_WORD.finditer(t.text, lo, hi)
    ):
        return True  # a will, a promise, a plan; or a deal ("signed a deal to reopen the ports for 120 days")
    ahead = role in ("deadline", "until") and t.ref is not None and (d.point or "") > t.ref.isoformat()
    return ahead


def _act(t: _Text, d: DateMention, role: str, lo: int, hi: int) -> tuple[str, int | None]:
    """The kind of act the time phrase times and where its word stands: a term noun's kind ("a one-year pause"),
    else the last act word before the time phrase in its clause, else the first after it."""
    if role == "term":
        m = TERM_AFTER.match(t.text[d.end : d.end + 40])
        noun = m.group(1).lower() if m else ""
        kind = TERM_NOUNS.get(noun, ("", ""))[0]
        if kind in _CONTAINERS and m:  # "a six-month programme of bond purchases": the act it holds
            inner = ACT_WORD.search(t.text, d.end + m.end(), _phrase_end(t.text, d.end + m.end(), hi))
            kind = KIND_OF[inner.group(1).lower()] if inner else kind
        return kind, None
    cues = list(CUE.finditer(t.text, lo, d.start))
    first = ACT_WORD.search(t.text, cues[-1].end(), d.start) if cues else None
    if first:
        return KIND_OF[first.group(1).lower()], first.start()
    before = list(ACT_WORD.finditer(t.text, lo, d.start))
    nouns = [m for m in before if m.group(1).lower() in TERM_NOUNS]
    if before:  # after a cue with no act ("The embargo … must take effect by December"): the term noun
        m = nouns[0] if cues and nouns else before[-1]
        return KIND_OF[m.group(1).lower()], m.start()
    after = ACT_WORD.search(t.text, d.end, hi)
    if after:
        return KIND_OF[after.group(1).lower()], after.start()
    s_lo, _ = t.sentence(d.start)  # "Under the truce, which will last two months": the noun the clause is about
    held = [m for m in ACT_WORD.finditer(t.text, max(s_lo, lo - 40), lo) if m.group(1).lower() in TERM_NOUNS]
    return (KIND_OF[held[-1].group(1).lower()], None) if held else ("", None)


def _act_span(text: str, d: DateMention, role: str, act_at: int | None, lo: int, hi: int) -> tuple[int, int]:
    """The act's words: a term noun's phrase ("one-year pause on some tariffs"); from the act word to the time
    phrase ("suspend export restrictions for one year"); or from the act word on, when the time comes first."""
    if role == "term":
        start = d.start + (len(m.group(0)) if (m := _ARTICLE.match(d.text)) else 0)
        return start, _phrase_end(text, d.end, hi)
    if act_at is None:
        first = CUE.search(text, lo, d.start)
        start = first.end() if first else lo
        start += len(text[start : d.start]) - len(text[start : d.start].lstrip(" ,"))
        return (start, d.end) if start < d.start else (d.start, _phrase_end(text, d.end, hi))
    if act_at < d.start:
        return act_at, d.end
    return act_at, _phrase_end(text, act_at, hi)


def _after_other_time(
    t: _Text, d: DateMention, act_at: int | None, lo: int, roles: dict[int, tuple[str, str]]
) -> int | None:
    """Where the words after another time phrase between the act word and this one start ("buy 12 million tons
    by the end of this year, with a target of 25 million tons in 2026" → "a target of …"), None without one."""
    floor = act_at if act_at is not None else lo
    ends = [x.end for x in t.dates if x is not d and floor <= x.start < d.start and roles[id(x)][0] in _ROLES]
    if not ends:
        return None
    m = _JOINING.match(t.text, max(ends))
    return m.end() if m else max(ends)


def _phrase_end(text: str, pos: int, hi: int) -> int:
    m = _ACT_END.search(text, pos, max(pos, hi))
    end = m.start() if m else hi
    words = list(re.finditer(r"\S+", text[pos:end]))
    if len(words) > _ACT_WORDS_MAX:
        end = pos + words[_ACT_WORDS_MAX - 1].end()
    return len(text[:end].rstrip(" ,.;:"))


def _figure(t: _Text, d: DateMention, lo: int, hi: int) -> NumberMention | None:
    """The figure the time phrase is the time of: the nearest one of its clause before it with no other date or
    figure between ("12 million tons by the end of the year, with a target of 25 million tons in 2026"), else
    the nearest after it ("By March, Boeing will deliver 20 jets")."""
    figs = [n for n in t.numbers if n.value is not None and n.kind != "duration" and lo <= n.start < hi]
    other = [x.start for x in t.dates if x is not d and lo <= x.start < hi]
    before = [n for n in figs if n.end <= d.start and d.start - n.end <= _CLAUSE_GAP]
    if before:
        n = max(before, key=lambda n: n.start)
        if not any(n.end <= x < d.start for x in other):
            return n
    after = [n for n in figs if n.start >= d.end]
    if after:
        n = min(after, key=lambda n: n.start)
        if not any(d.end <= x < n.start for x in other):
            return n
    return None


def _begins(
    t: _Text, d: DateMention, starts: list[DateMention], lo: int, hi: int, roles: dict[int, tuple[str, str]]
) -> tuple[str | None, str]:
    """Where the period starts: a day the clause names after "from"/"starting", else the date of the clause that
    made the commitment (another day or month of the clause with no role of its own), else the reference date."""
    for x in starts:
        p = x.point or ""
        if len(p) in (_DAY, _MONTH):
            return p, "text"
    for x in sorted(t.dates, key=lambda x: abs(x.start - d.start)):
        p = x.point or ""
        if x is d or not (lo <= x.start < hi) or len(p) not in (_DAY, _MONTH) or roles[id(x)][0] in _TIMED:
            continue
        untimed = TIME_LEADS.get(lead_of(x, t.text), ("",))[0] in ("", "span")
        if untimed and not t.text[max(0, x.start - 6) : x.start].lower().strip().endswith("since"):
            return p, "act"
    return (t.ref.isoformat(), "published") if t.ref else (None, "")


def _whole_time(t: _Text, d: DateMention) -> tuple[DateMention, str | None]:
    """The time phrase with the second year of a range written right after it ("through the 2008-09 season": "2008"
    and "09", see :func:`storyline.analyse.dates.year_range_ends`) and that year, or ``d`` alone and None."""
    last = next((x for x in t.dates if x.how == RANGE_END and 0 <= x.start - d.end <= len(" – ")), None)
    if last is None:
        return d, None
    return DateMention(d.start, last.end, t.text[d.start : last.end], d.value, d.how, d.type), last.point


def _resolve(c: Commitment, d: DateMention, lead: str, ref: dt.date | None, last: str | None = None) -> None:
    """Set the commitment's period, deadline and ``until`` from its role, time phrase and start; ``last`` is the
    end of a range the time phrase names ("the 2008-09 season": 2009), whose end ends the period."""
    if c.role in ("period", "term", "within"):
        c.duration = d.value
        end = shift(c.begins, d.value or "") if c.begins else None
        if end is None:
            return
        c.until = end
        if c.role == "within":
            c.deadline = end
        else:
            c.period = f"{c.begins}/{end}"
        return
    point = d.point or ""
    end = last or point
    end_of = "end of" in lead or bool(re.search(r"(?i)\bend\s+of\b", d.text))
    if c.role == "deadline":
        c.deadline = c.until = last_day(end) if end_of else point
    elif c.role == "until":
        c.until = last_day(end) if end_of or lead == "through" or last else end
        if c.begins and c.begins < c.until:
            c.period = f"{c.begins}/{c.until}"
    elif c.role == "span" and ref is not None:
        first, final = first_day(point), last_day(end)
        if first > ref.isoformat():
            c.period, c.until, c.begins, c.begins_how = f"{first}/{final}", final, first, "text"
        elif final >= ref.isoformat():
            c.deadline = c.until = final  # "12 million tonnes this year": by the year's end


# ------------------------------------------------------------------------------------------ any duration

#: A perfect tense in a "for" duration's clause, its verb no commitment: the stretch runs up to the reference date
#: ("has lived there for nearly five months", "For nearly forty years, the United States has said …"). The verb
#: after "has" must look like a participle ("had net income" is no perfect).
_PERFECT = re.compile(
    r"(?i)\b(?:has|have|had|hasn['’]t|haven['’]t|hadn['’]t)\b(?:\s+(?:not|never|also|long|always))*\s+"
    r"(been|\w+(?:ed|en|wn|ne)|had|said|made|kept|held|left|lost|felt|spent|built|sent|won|led|paid|run|come|"
    r"become|gone|seen|taken|given|fallen|grown|stood|sat|fought|told|thought|brought|bought|sold|taught|for)\b"
)


def _looks_back(text: str, lo: int, hi: int) -> bool:
    """Whether a perfect tense of a verb that commits to nothing stands in the clause (see :data:`_PERFECT`)."""
    return any(
        m.group(1).lower() not in KIND_OF and not CUE.fullmatch(m.group(1)) for m in _PERFECT.finditer(text, lo, hi)
    )


#: A duration that ends where the text says, right after it ("the six months ended Oct. 1", "the year ending June
#: 30, 1990", "the quarter through Sept. 29").
_ENDED = re.compile(r"(?i)^\s*(?:that\s+|which\s+)?(?:ended|ending|ends|through|to)\s+(?:on\s+)?$")
#: A stretch up to now that a duration's own words or the word after it tell: "six straight days of losses",
#: "two consecutive quarters", "a 12-year low", "its 41-year history".
_UP_TO_NOW = re.compile(r"(?i)\b(?:straight|consecutive|running)\b|\bin\s+a\s+row\b")
_LOW_HIGH = re.compile(r"(?i)^(?:-long)?\s+(?:lows?|highs?|history|record)\b")
_OF_EVENT = re.compile(r"(?i)^\s+of\b")  # "within a week of his capture": counted from a happening, not now
_FORWARD_LEADS = lexicon.ordered("commitments.forward_leads")


def duration_span(
    d: DateMention,
    text: str,
    dates: Sequence[DateMention],
    ref: dt.date | None,
    statements: Sequence[Statement] = (),
) -> tuple[str, str] | None:
    """The stretch a duration mention covers, (start, end) in ISO at the precision known, when the text anchors
    it: a commitment's period (:func:`find_commitments`); a stretch ending on a day written right after it ("the
    six months ended Oct. 1"); "the next N" and "within N" from the reference date; "the past N", a perfect
    tense's "for N", "N straight days", "a 12-year low" up to it. None for a duration the text does not place
    ("he worked there for ten years", "a four-year term").

    Example:
        >>> text = "Sales have fallen for the past four months."
        >>> d = DateMention(22, 42, "the past four months", "P4M", type="DURATION")
        >>> duration_span(d, text, [d], dt.date(2025, 11, 24))
        ('2025-07-24', '2025-11-24')
    """
    if ref is None or d.type != "DURATION" or not d.value or not _DURATION.match(d.value):
        return None
    for x in dates:
        if x.point and len(x.point) == _DAY and x.start > d.end and _ENDED.match(text[d.end : x.start]):
            start = _back(x.point, d.value)
            return (start, x.point) if start else None
    for c in find_commitments(text, dates, (), ref, statements):
        if c.time_start == d.start and c.role in _LENGTHS and c.begins and c.until:
            return c.begins, c.until
    role, lead = time_role(d, text)
    if lead in _FORWARD_LEADS and not _OF_EVENT.match(text[d.end : d.end + 4]):
        end = shift(ref.isoformat(), d.value)
        return (ref.isoformat(), end) if end else None
    lo, hi = _Text(text, dates, (), statements, ref).clause(d.start)
    back = role == "past" or (role == "period" and _looks_back(text, lo, hi))
    if back or _UP_TO_NOW.search(d.text) or _LOW_HIGH.match(text[d.end : d.end + 12]):
        start = _back(ref.isoformat(), d.value)
        return (start, ref.isoformat()) if start else None
    return None


# ------------------------------------------------------------------------------------------ figures


def attach_times(
    numbers: Sequence[NumberMention],
    dates: Sequence[DateMention],
    text: str,
    ref: dt.date | None,
    statements: Sequence[Statement] = (),
) -> list[Commitment]:
    """Set ``period`` and ``deadline`` on the figures a commitment binds (in place): the figure it commits to,
    and a duration figure that is its time ("for one year"); return the commitments."""
    for n in numbers:
        n.period = n.deadline = None
    found = find_commitments(text, dates, numbers, ref, statements)
    for c in found:
        for n in numbers:
            own = n.start < c.time_end and c.time_start < n.end and _duration_of(n) is not None
            if own or n.start == c.figure_start:
                n.period, n.deadline = c.period or n.period, c.deadline or n.deadline
    return found
