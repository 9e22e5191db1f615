"""Which way a date written without its year or week lies: the tense of the clause around it, the preposition before
it ("since March", "by Dec. 15"), and the year or day that follows from them.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import lexicon
from ..text import alternation
from . import timex
from .date_patterns import Ref

#: Past-tense verbs (irregular ones, and -ed forms that are not future-minded like "scheduled", "expected").
_PAST = re.compile(
    r"\b(?:was|were|had|did|took|came|went|began|begun|ended|held|met|fell|rose|grew|won|lost|left|made|"
    r"gave|got|saw|said|told|ran|sold|bought|paid|hit|cut|set off|broke|died|spent|brought|"
    r"(?!schedul|expect|plann|slat|propos|intend|anticipat|predict|forecast)[a-z]+ed)\b"
)
#: Modals of obligation ("must be agreed by Monday"): ahead, unless "have" follows ("should have met").
_MODAL = (
    r"(?:" + alternation(lexicon.ordered("dates.future_modals"), longest_first=True, space=r"\s+") + r")(?!\s+have\b)"
)
_MODAL_ONLY = re.compile(_MODAL, re.I)
#: A plan's participle after a present "be" ("Talks are expected in October"), an adverb allowed between.
_PRESENT_PLAN = (
    alternation(lexicon.ordered("dates.present_be"))
    + r"\s+(?:[a-z]+ly\s+)?"
    + alternation(lexicon.ordered("dates.plan_participles"))
)
_FUTURE = re.compile(
    r"\b(will|would|shall|won['’]t|wouldn['’]t|plans? to|planned|expected to|expects?|anticipates?|forecasts?|"
    r"predicts?|set to|is to|are to|to visit|to be held|scheduled|upcoming|next|payable|"
    + _MODAL
    + r")\b|(?<![\w'’])"
    + _PRESENT_PLAN
    + r"\b",
    re.I,
)
#: An "-ed" form after one of these is a participle, its tense the modal's or verb's before ("must be agreed").
_PARTICIPLE_LEAD = re.compile(
    r"(?i)\b" + alternation(lexicon.ordered("dates.participle_leads")) + r"\s+(?:[a-z]+ly\s+)?$"
)


_REACH_END = re.compile(r"[,;:!?\"”]|''")


def _modal_out_of_reach(text: str, cue: re.Match[str], start: int) -> bool:
    """The cue is a modal with a comma, a sentence's end or a closing quote between it and the mention: its reach
    ends there ("had ruled that Elian must be returned to his father, and set Friday as the deadline": "set" is
    the day's verb; "The struggle must not stop!'' said a message that was read Wednesday night")."""
    return bool(_MODAL_ONLY.fullmatch(cue.group(0).strip())) and bool(_REACH_END.search(text, cue.end(), start))


def _a_participle(text: str, m: re.Match[str]) -> bool:
    """The past cue ``m`` is a participle after "be" ("It must be agreed", "will be held"): no past tense of its
    own."""
    return bool(_PARTICIPLE_LEAD.search(text, max(0, m.start() - 25), m.start()))


def _past_verbs(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The past forms between ``lo`` and ``hi`` that tell the clause's tense: no speech verb (the telling's
    tense). A participle after "be" counts here: a future cue before it has already been read ("must be approved
    in March"), and without one what governs "be" is past more often than not ("was due to be released in
    September", "once expected to be completed within weeks of an October news conference")."""
    return [p for p in _PAST.finditer(text, lo, hi) if p.group(0).lower() not in _SPEECH_VERBS]


#: With no sign of tense, a day or month ahead of the reference counts this many times as far as one behind: news
#: tells mostly what has happened, so written in November, "in March" is the last March, not the coming one (about
#: 230 days back against 135 ahead), while "Dec. 7" is still the coming one. Chosen on one half of the development
#: documents (hashed by name) and kept because it did as well or better on the other half, both ways round
#: (bench/dates.py; 1.75 against 1.0, 1.25, 1.5, 2, 2.5, 3, 4).
AHEAD_WEIGHT = 1.75
#: How far (days) a date may lie on the wrong side of the reference for the tense before that tense moves it a year.
TENSE_SLACK = 20


def nearest_year(ref: Ref, month: int, day: int | None = None, future: bool | None = None) -> int | None:
    """The year that puts (month, day) nearest the reference date, nudged by tense when known and, when not,
    towards the past (:data:`AHEAD_WEIGHT`).

    Example:
        >>> nearest_year(Ref(dt.date(1989, 10, 30)), 3), nearest_year(Ref(dt.date(1989, 10, 30)), 12, 7)
        (1989, 1989)
    """
    if ref.date is None:
        return ref.year
    r = ref.date
    best: tuple[float, int] | None = None
    for y in (r.year - 1, r.year, r.year + 1):
        d = dt.date(y, month, min(day or 15, 28))
        delta = (d - r).days
        cost = abs(delta) * (AHEAD_WEIGHT if future is None and delta > 0 else 1)
        if future is True and delta < -TENSE_SLACK:
            cost += 400
        if future is False and delta > TENSE_SLACK:
            cost += 400
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else None


#: What before a future cue makes it a plan told in the past ("had been due to", "previously planned").
_PLAN_PAST = re.compile(r"(?i)\b" + alternation(lexicon.ordered("dates.plan_past_leads"), longest_first=True) + r"\s+$")
#: The present forms that tell a schedule (``dates.schedule_present``: "begins", "expires", "goes into effect"), not
#: as an infinitive ("her decision to meet him at the end of June") nor a noun after its article.
_SCHEDULE_PRESENT = re.compile(
    r"(?<!\bto\s)(?<!\bthe\s)\b" + alternation(lexicon.ordered("dates.schedule_present"), space=r"\s+") + r"\b", re.I
)


def future_context(text: str, start: int, end: int) -> bool | None:
    """True when a future cue ("will", "plans to", "next") stands in the words just before the mention; False
    when the clause around it is told in the past ("took effect on 1 January", "unveiled in March", "sales in
    March fell"); None when the text gives no sign (then the nearest occurrence wins)."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    lo = max(sentence_start, start - 80)
    said = _SAID_ON.search(text, max(sentence_start, start - 30), start)
    if said and (said.group("prep") or _PREPOSITION.match(text, start)):
        return False  # "Trump said in August": the saying's time, whatever the quote before it tells
    # "once expected to be completed within weeks of an October news conference": a plan told in the past
    future = [
        f
        for f in _FUTURE.finditer(text, lo, start)
        if not _PLAN_PAST.search(text, max(lo, f.start() - 25), f.start()) and not _modal_out_of_reach(text, f, start)
    ]
    if future:
        if not all(timex.modifies_a_noun(text, f) for f in future):
            return True
        # "initiated four rounds of planned outages in October": the cue tells the outages' kind, the verb the time
        return False if _past_verbs(text, lo, start) else True
    stop = [i for i in (text.find(".", end), text.find("\n", end), text.find(",", end)) if i >= 0]
    after = text[end : min([*stop, end + 30])]
    if _past_verbs(text, max(sentence_start, start - 40), start) or (
        _VERB_AFTER.match(after) and not _DEFERRAL.search(after)
    ):
        return False
    if _SCHEDULE_PRESENT.search(text, max(sentence_start, start - 40), start):
        return True  # "The trial begins in January", "the offer expires Jan. 5": a schedule told in the present
    return None


#: A past verb just after the mention, or after the noun it modifies ("sales in March fell", "March sales rose",
#: "the March deadline passed"): up to :data:`NOUN_WORDS_BEFORE_VERB` lower-case words between.
NOUN_WORDS_BEFORE_VERB = 2
#: A verb that puts the happening off ("The Jan. 5 vote was postponed"): no past of the date's.
_DEFERRAL = re.compile(r"\b" + alternation(lexicon.ordered("dates.deferral_verbs"), space=r"\s+") + r"\b")
_VERB_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0," + str(NOUN_WORDS_BEFORE_VERB) + "}" + _PAST.pattern)


#: Verbs of saying: the tense of "said" is the telling's, not the told event's ("said it is calling for the
#: redemption on Dec. 7").
_SPEECH_VERBS = lexicon.words("speech.verbs")
#: A verb of saying in the past right before the time by a preposition: the time is the saying's ("Trump said in
#: August", "announced on Dec. 7"), which is told in the past.
_SAID_ON = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w) for w in sorted(_SPEECH_VERBS) if w.endswith("ed") or w in ("said", "told"))
    + r")\s+(?:(?P<prep>in|on|during|at)\s+)?(?:(?:early|late|mid)[\s-]+)?$",
    re.I,
)
_PREPOSITION = re.compile(r"(?:in|on|during|at)\s", re.I)


#: Prepositions before a day or month that tell which way it lies: "since March" is past, "by Dec. 15" is a
#: deadline still to come (True: the coming one, False: the last one).
LEAD_TENSE: dict[str, bool] = lexicon.table("dates.lead_tense")
_LEAD_TENSE = re.compile(
    r"(?i)\b(" + "|".join(re.escape(w) for w in LEAD_TENSE) + r")\s+(?:shortly\s+(?:after|before)\s+)?"
    r"(?:(?:the|their|his|her|its|our|your)\s+)?(?:(?:early|late|mid)[\s-]+)?$"  # "since their Oct. 13 debate"
)


#: Leads whose way a clause told in the past turns back (``dates.past_clause_leads``), unless an infinitive before
#: them makes the day a deadline set then ("asked it to respond by Tuesday").
PAST_CLAUSE_LEADS = lexicon.words("dates.past_clause_leads")
#: Leads whose way a state told in the past turns back (``dates.past_state_leads``: "until"), and the verbs of a
#: state that ran to that time (``dates.past_state_verbs``: "stayed open until March", "the talks lasted until
#: Tuesday"); not a decision told in the past ("was extended until March 6": still ahead).
PAST_STATE_LEADS = lexicon.words("dates.past_state_leads")
_PAST_STATE = re.compile(r"\b" + alternation(lexicon.ordered("dates.past_state_verbs")) + r"\b", re.I)


def _held_till(text: str, start: int) -> bool:
    """A past state verb stands in the clause before ``start`` ("remained in office until …")."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    found = list(_PAST_STATE.finditer(text, max(sentence_start, start - 60), start))
    if not found:
        return False
    last = found[-1]
    # not past a later verb of its own ("remained closed on Thursday and will stay closed until Friday"), nor a
    # present perfect or an infinitive it carries on ("has continued to hold the markets closed until Friday")
    return not (
        _ANY_VERB_CUE.search(text, last.end(), start)
        or _PERFECT_BEFORE.search(text, max(0, last.start() - 12), last.start())
        or _TO_AFTER.match(text, last.end())
    )


_INFINITIVE = re.compile(r"\bto\s+[a-z]+\b", re.I)


def lead_tense(text: str, start: int) -> bool | None:
    """The way a preposition just before ``start`` points (:data:`LEAD_TENSE`), None without one.

    Example:
        >>> lead_tense("searching for him since shortly after the Oct. 23", 42), lead_tense("due by Dec. 15", 7)
        (False, True)
    """
    m = _LEAD_TENSE.search(text, max(0, start - 40), start)
    return LEAD_TENSE[m.group(1).lower()] if m else None


def month_tense(kind: str, m: re.Match[str], text: str) -> bool | None:
    """Which way a month or day written without a year lies (True: ahead), from a preposition before it ("since",
    "by") or the clause's tense; None when the text gives no sign."""
    rel = (m.groupdict().get("rel") or "in").lower()
    lead = LEAD_TENSE.get(rel) if kind in ("rel_month", "bare_month") else None
    word = rel if lead is not None else ""
    if lead is None:
        lead_word = _LEAD_TENSE.search(text, max(0, m.start() - 40), m.start())
        lead, word = (LEAD_TENSE[lead_word.group(1).lower()], lead_word.group(1).lower()) if lead_word else (None, "")
    if lead and word in PAST_STATE_LEADS and _held_till(text, m.start()):
        return False  # "The shop stayed open until March": the state ran to the last March
    if lead and word in PAST_CLAUSE_LEADS and not _INFINITIVE.search(text, max(0, m.start() - 40), m.start()):
        return future_context(text, m.start(), m.end()) is not False  # "raised $287 million by the end of February"
    if lead is None and _DEADLINE.match(text, m.end()):  # "a March deadline": ahead unless told as past
        return future_context(text, m.start(), m.end()) is not False
    return future_context(text, m.start(), m.end()) if lead is None else lead


#: A deadline noun just after a day or month ("a Monday deadline", "Friday's deadline", "the March 1 cutoff").
_DEADLINE = re.compile(r"(?:['’]s)?\s+" + alternation(lexicon.ordered("dates.deadline_nouns")) + r"\b", re.I)


_FUT_CUE = re.compile(
    r"(?<![\w'’])(?:" + "|".join(re.escape(w) for w in timex.FUTURE_CUES) + "|" + _MODAL + r")\b", re.I
)
_PRES_CUE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in timex.PRESENT_AS_FUTURE) + r")\b", re.I)
_PAST_CUE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in timex.PAST_CUES) + r"|(?-i:(?!schedul|expect|plann|slat|propos|intend|"
    r"anticipat|predict|forecast|head)[a-z]{2,}ed))\b",
    re.I,
)  # "-ed" in lower case: "United" is no verb


_PERFECT_BEFORE = re.compile(r"\b(?:has|have|'ve|’ve)\s+(?:\w+ly\s+)?$", re.I)
_TO_AFTER = re.compile(r"\s+to\s", re.I)
#: Any tense cue: a state's past is its clause's only where none follows it.
_ANY_VERB_CUE = re.compile("|".join(f"(?:{p.pattern})" for p in (_FUT_CUE, _PRES_CUE)), re.I)


#: Where a clause ends: a full stop before a space or a closing quote (not the one in "$7.8"), a semicolon, a
#: line break.
_CLAUSE_END = re.compile(r"[.;](?=[\s\"'”’)]|$)|\n")


def verb_tense(text: str, start: int, end: int) -> bool | None:
    """The tense of the clause around a mention, read off the nearest tense cue: True for the future ("will
    meet on Monday", "is on Thursday", "opens Monday"), False for the past ("met on Monday", "said Monday"),
    None when the clause shows none. Cues are looked for back to the clause start and, failing those, a few words
    after (a future or past form only).

    Example:
        >>> verb_tense("The summit is on Thursday.", 14, 25), verb_tense("They met on Monday.", 9, 18)
        (True, False)
    """
    deadline = _DEADLINE.match(text, end)
    if deadline:  # "They face a Monday deadline": ahead, unless the clause is past ("missed Friday's deadline")
        return _clause_tense(text, start, deadline.end(), speech=False, reach=DEADLINE_REACH) is not False
    if text[end : end + 2] in ("'s", "’s"):  # "Friday's ruling": told after the fact, whatever the verb
        return False
    if timex.on_a_schedule_line(text, start):  # "Lakers: Visit the Thunder on Friday."
        return True
    lead = lead_tense(text, start)  # "ahead of the weekend", "effective Monday", "since Tuesday"
    lead_word = _LEAD_TENSE.search(text, max(0, start - 40), start)
    if lead and lead_word and lead_word.group(1).lower() in PAST_STATE_LEADS and _held_till(text, start):
        return False  # "The talks lasted until Tuesday": the last Tuesday
    if (
        lead
        and lead_word
        and lead_word.group(1).lower() in PAST_CLAUSE_LEADS
        and not _INFINITIVE.search(text, max(0, start - 40), lead_word.start())
    ):  # "By 9 a.m. Sunday, Sharpton began taking calls"; not "asked it to respond by Tuesday" (still to come)
        return _clause_tense(text, start, end) is not False
    if lead is not None:
        return lead
    return _clause_tense(text, start, end)


#: How far (characters) before a day its clause's tense cues are looked for; a deadline's day is the object of
#: the sentence's main verb, which stands further back ("Sony completed its tender offer, with shareholders
#: tendering 99.3% of the shares by the Tuesday deadline"): the whole sentence, as far as a clause end.
CLAUSE_REACH = 70
DEADLINE_REACH = 200


#: A cue written with a capital, and what stands before a sentence's first word.
_IN_A_TITLE = re.compile(r"[A-Z][a-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n(])\s*[\"“‘']*\s*$")


def _clause_tense(text: str, start: int, end: int, speech: bool = True, reach: int = CLAUSE_REACH) -> bool | None:
    """The nearest tense cue before the mention back to the clause start, failing that a future or past form
    after it (:func:`verb_tense`); with ``speech`` False a verb of saying is no past cue (the telling's tense)."""
    lo = max([start - reach, *(b.start() for b in _CLAUSE_END.finditer(text, max(0, start - reach), start))]) + 1
    cues = ((_FUT_CUE, True), (_PRES_CUE, True), (_PAST_CUE, False))

    def counts(m: re.Match[str], fut: bool) -> bool:
        if _IN_A_TITLE.match(text, m.start()) and not _SENTENCE_START.search(text, max(0, m.start() - 5), m.start()):
            return False  # a capitalised cue inside a sentence is a name's word ("on NBC's Meet the Press on Sunday")
        if fut:
            return not _modal_out_of_reach(text, m, start)
        return not (_a_participle(text, m) or (not speech and m.group(0).lower() in _SPEECH_VERBS))

    before = [
        (start - m.end(), fut and not _PLAN_PAST.search(text, max(lo, m.start() - 25), m.start()))
        for pat, fut in cues
        for m in pat.finditer(text, lo, start)
        if counts(m, fut)
    ]
    if before:
        return min(before)[1]
    stop = _CLAUSE_END.search(text, end, end + 60)
    hi = stop.start() if stop else end + 60
    # after the day only a future or past form counts: a present one there is seldom its verb ("On Sunday, the
    # countries -- that is, those of the euro -- met")
    after = [(m.start() - end, fut) for pat, fut in cues[::2] for m in pat.finditer(text, end, hi) if counts(m, fut)]
    return min(after)[1] if after else None


def weekday_date(r: dt.date, wd: int, rel: str, text: str, start: int, end: int) -> dt.date:
    """The day a weekday names, seen from ``r``: "next"/"last" as written, else the tense of the clause."""
    back = (r.weekday() - wd) % 7
    fwd = (wd - r.weekday()) % 7
    if rel == "next":
        return r + dt.timedelta(days=fwd or 7)
    if rel == "last":
        return r - dt.timedelta(days=back or 7)
    if rel in PAST_STATE_LEADS and _held_till(text, start):
        return r - dt.timedelta(days=back)  # "The talks lasted until Tuesday": the last Tuesday
    tense = verb_tense(text, start, end)
    # "this Friday" looks ahead unless the clause is told in the past ("This Friday the board meets": the coming one)
    ahead = rel in ("this coming", "coming", "until") or (rel in ("by", "this") and tense is not False)
    if ahead or (tense and back != 0):
        return r + dt.timedelta(days=fwd)
    return r - dt.timedelta(days=back)
