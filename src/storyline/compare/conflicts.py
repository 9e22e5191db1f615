"""What makes two aligned statements disagree beyond their figures and days: a time of day, a quote's speaker,
a quote's words.

Each check takes the two statements (anything with ``article``, ``start``, ``end``) and returns why they
differ, or None. They run only on statements the alignment already holds to be one fact, so a difference is
a real disagreement between outlets; each is conservative (both sides must say the thing, plainly).

Example:
    >>> times_in("He was stopped shortly after 2 a.m. on Route 52.")
    [120]
    >>> time_conflict_text("stopped shortly after 2 a.m.", "stopped at about 2:30 a.m.")
    'different time: 2 a.m. vs 2:30 a.m.'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from .. import lexicon
from ..model import Article, Quote

#: A clock time: "2 a.m.", "2:30 a.m.", "4 p.m.", "16:45", "noon", "midnight".
_TIME = re.compile(
    r"\b(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])(?:\.\s?m\.|m\b(?![-\w]))"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|(?P<word>noon|midnight))",
    re.IGNORECASE,
)
#: Minutes apart from which two clock times for one happening disagree.
TIME_TOLERANCE = 20
#: A statement is a quote when the quote covers this share of it, or this lower share when the rest of the
#: statement is the quote's attribution (it holds the speaker).
QUOTE_SHARE = 0.5
ATTRIBUTED_QUOTE_SHARE = 0.3
#: How far before a quote its speaker may be named in the words that lead into it ("X said in a statement: “").
LEAD_IN_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?][\s”\"’']")
#: Quoted words shorter than this are not compared (a partial quote of a word or two is not a wording).
MIN_QUOTE_WORDS = 4


class Span(Protocol):
    @property
    def article(self) -> Article: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def times_in(text: str) -> list[int]:
    """Clock times in ``text`` as minutes after midnight."""
    out = []
    for m in _TIME.finditer(text):
        if m.group("word"):
            out.append(720 if m.group("word").lower() == "noon" else 0)
        elif m.group("h24"):
            out.append(int(m.group("h24")) * 60 + int(m.group("m24")))
        else:
            h, mi = int(m.group("h")), int(m.group("m") or 0)
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if m.group("ap").lower() == "p" else 0)
            out.append(h * 60 + mi)
    return out


def _clock(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    suffix = "a.m." if h < 12 else "p.m."
    h12 = h % 12 or 12
    return f"{h12}:{m:02d} {suffix}" if m else f"{h12} {suffix}"


def time_conflict_text(a: str, b: str) -> str | None:
    """Two texts that each give one clock time, more than :data:`TIME_TOLERANCE` minutes apart."""
    ta, tb = times_in(a), times_in(b)
    if len(ta) != 1 or len(tb) != 1:
        return None
    if abs(ta[0] - tb[0]) <= TIME_TOLERANCE:
        return None
    return f"different time: {_clock(ta[0])} vs {_clock(tb[0])}"


def time_conflict(a: Span, b: Span) -> str | None:
    return time_conflict_text(a.article.text[a.start : a.end], b.article.text[b.start : b.end])


def _quote_in(u: Span) -> Quote | None:
    """The direct quote the statement is, if any: the one overlapping it most, when it covers most of it or
    the rest is its attribution."""
    best, best_len = None, 0
    for q in u.article.quotes:
        if q.kind != "direct":
            continue
        ov = min(q.end, u.end) - max(q.start, u.start)
        if ov > best_len:
            best, best_len = q, ov
    if best is None:
        return None
    attributed_here = best.speaker_start is not None and u.start <= best.speaker_start < u.end
    share = best_len / max(u.end - u.start, 1)
    # most of the statement, or the quote with its attribution ("“…,” Chargers general manager A.J. Smith said
    # in a statement.": the rest of the sentence names who said it)
    return best if share >= QUOTE_SHARE or (attributed_here and share >= ATTRIBUTED_QUOTE_SHARE) else None


def _named_here(u: Span, q: Quote) -> bool:
    """The quote's speaker is named in the statement itself, as a person ("…,” Chargers general manager A.J.
    Smith said"), or in the words that lead into the quote ("A.J. Smith issued the following statement: “…”"):
    a speaker found sentences away is our inference, and a conflict must be the outlets'."""
    if q.speaker_start is None or q.speaker_end is None:
        return False
    inside = u.start <= q.speaker_start < q.speaker_end <= u.end
    text = u.article.text
    leading = 0 <= q.start - q.speaker_end <= LEAD_IN_CHARS and not _SENTENCE_END.search(text[q.speaker_end : q.start])
    if not inside and not leading:
        return False
    return any(
        m.label == "PERSON" and m.start < q.speaker_end and q.speaker_start < m.end for m in u.article.mentions
    )


def speaker_conflict(a: Span, b: Span) -> str | None:
    """The same quoted words given to two different people, each named beside the quote."""
    qa, qb = _quote_in(a), _quote_in(b)
    if qa is None or qb is None or not qa.speaker_entity_id or not qb.speaker_entity_id:
        return None
    if not _named_here(a, qa) or not _named_here(b, qb):
        return None
    if qa.speaker_entity_id == qb.speaker_entity_id or not qa.speaker or not qb.speaker:
        return None
    if len(qa.speaker.split()) < 2 or len(qb.speaker.split()) < 2:
        return None  # "Smith" beside "A.J. Smith": one person the entity stage did not join
    if _surname(qa.speaker) == _surname(qb.speaker):
        return None  # "AJ Butler" / "A.J. Butler", "Manager A.J. Smith" / "A.J. Smith": spelling, not a conflict
    return f"different speaker: {qa.speaker} vs {qb.speaker}"


def _surname(name: str) -> str:
    """The last word of a name, letters only, lower case."""
    return re.sub(r"[^\w]", "", name.split()[-1]).lower()


_WORD = re.compile(r"[\w’']+")


def wording_conflict(a: Span, b: Span) -> str | None:
    """The same direct quote in different words: a word or phrase replaced ("this morning" / "yesterday"),
    not one quote cut shorter than the other."""
    qa, qb = _quote_in(a), _quote_in(b)
    if qa is None or qb is None:
        return None
    wa = [w.lower().replace("’", "'").strip("'") for w in _WORD.findall(qa.text)]
    wb = [w.lower().replace("’", "'").strip("'") for w in _WORD.findall(qb.text)]
    if len(wa) < MIN_QUOTE_WORDS or len(wb) < MIN_QUOTE_WORDS:
        return None
    sm = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    if sm.ratio() < 0.6:
        return None  # not the same quote
    # a negation moved within the quote ("I didn't feel we were …" / "I felt we weren't …") says the same thing
    same_polarity = _negations(wa) == _negations(wb)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        ra, rb = _facing(wa, wb, i1, i2, j1, j2)
        told = [w for w in (*ra, *rb) if _telling([w])]
        if same_polarity:
            told = [w for w in told if not _negation(w)]
        if told:
            return f"different wording: “{' '.join(wa[i1:i2])}” vs “{' '.join(wb[j1:j2])}”"
    return None


def _facing(wa: Sequence[str], wb: Sequence[str], i1: int, i2: int, j1: int, j2: int) -> tuple[list[str], list[str]]:
    """The words a replacement sets against each other. Where the shorter side is its quote's end (or start), the
    longer one goes on past the other quote: only as many of its words as the shorter side has face it ("… a big
    beneficiary of the law." / "… of the laws, but I'm not working for Trump"), the rest is more of the quote.

    Example:
        >>> _facing(["of", "the", "law"], ["of", "the", "laws", "but", "not", "now"], 2, 3, 2, 6)
        (['law'], ['laws'])
    """
    ra, rb = list(wa[i1:i2]), list(wb[j1:j2])
    n = min(len(ra), len(rb))
    if len(ra) == len(rb):
        return ra, rb
    short_at_end = i2 == len(wa) if len(ra) < len(rb) else j2 == len(wb)
    short_at_start = i1 == 0 if len(ra) < len(rb) else j1 == 0
    if short_at_end:
        return ra[:n], rb[:n]
    if short_at_start:
        return ra[len(ra) - n :], rb[len(rb) - n :]
    return ra, rb


#: The telling words that only flip polarity: a change counts when the two quotes' negation counts differ.
NEGATIONS = lexicon.words("conflicts.negations")
#: Words whose change inside a quote changes what was said, not how an outlet transcribed it: when, whether,
#: how many ("this morning" / "yesterday", "will" / "won't"): ``lexicon/conflicts.toml``, with the weekdays,
#: months and near days of ``time.toml`` and the negations.
TELLING_WORDS = (
    lexicon.words("conflicts.telling_words")
    | lexicon.words("time.weekdays")
    | lexicon.words("time.months")
    | lexicon.words("time.near_days")
    | NEGATIONS
)


def _negation(w: str) -> bool:
    return w.strip("'") in NEGATIONS or w.endswith("n't")


def _negations(words: Sequence[str]) -> int:
    return sum(1 for w in words if _negation(w))


def _telling(words: Sequence[str]) -> bool:
    return any(w.strip("'") in TELLING_WORDS or _negation(w) or any(c.isdigit() for c in w) for w in words)


#: The checks, in the order they are tried.
CHECKS: Sequence[Callable[[Any, Any], str | None]] = (time_conflict, speaker_conflict, wording_conflict)


def other_conflict(a: Span, b: Span) -> str | None:
    """The first disagreement :data:`CHECKS` find between two aligned statements."""
    for check in CHECKS:
        why = check(a, b)
        if why:
            return why
    return None


__all__ = [
    "CHECKS",
    "other_conflict",
    "speaker_conflict",
    "time_conflict",
    "TELLING_WORDS",
    "time_conflict_text",
    "times_in",
    "wording_conflict",
]
