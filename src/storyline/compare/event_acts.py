"""Whether two reports of one event type between the same two parties tell one act.

Story events (:mod:`storyline.compare.events`) merge the reports of one type, pair and day; left there, "Xi has
forced Trump to back down from tariffs" and "China has moved to restrict exports of chemicals" were one COERCE
row. Outlets word one act differently ("a call", "spoke by phone", "held a call", "discussed … in a phone call"),
so equal triggers are too strict a test. Two reports are one act (:meth:`Acts.__call__`) when

* their triggers are compatible: they share a content word, stemmed and read through the word families of
  ``lexicon/paraphrase.toml`` ("call" / "made a call" / "conversation"), light verbs left out ("made", "held";
  ``lexicon/event_acts.toml``); or their modes agree ("phone", "visit"); or one names its type's act in general
  ("discussed", "talked" for CONSULT: ``event_acts.generic``), which cannot tell two acts apart; or
* their sentences are alike: TF-IDF cosine (:mod:`storyline.compare.tfidf`, over the story's reports) of at least
  :data:`SIMILAR` — "China agreed to suspend export restrictions on critical minerals" and "a truce that includes
  China suspending some export restrictions on critical minerals" tell one deal in other words.

Example:
    >>> from storyline.model import Article, Cite, Event
    >>> a = Article("a1", "a.txt", "Xi made a call to Trump. Xi forced Trump to yield.")
    >>> call = Event("CONSULT", "made call", mode="phone", cites=[Cite("a1", 0, 24)])
    >>> spoke = Event("CONSULT", "spoke", mode="phone", cites=[Cite("a1", 0, 24)])
    >>> forced = Event("COERCE", "forced", cites=[Cite("a1", 25, 50)])
    >>> restrict = Event("COERCE", "restrict exports", mode="restrict", cites=[Cite("a1", 0, 24)])
    >>> same = Acts([(a, call), (a, spoke), (a, forced), (a, restrict)])
    >>> same((a, call), (a, spoke)), same((a, forced), (a, restrict))
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from .. import lexicon
from ..model import Article, Event
from .tfidf import tfidf_rows, word_tokens

#: One report: the article and its (completed) event.
Report = tuple[Article, Event]


class SameAct(Protocol):
    """A test of whether two reports tell one act, and whether a report joins a group of reports of one act."""

    def __call__(self, x: Report, y: Report) -> bool: ...

    def joins(self, r: Report, group: Sequence[Report]) -> bool: ...


#: The TF-IDF cosine of two reports' sentences at and above which they tell one act whatever their triggers.
SIMILAR = 0.35
_WORD = re.compile(r"\w+")
#: British spellings read as American ones ("recognise" / "recognize", "organised" / "organized").
#: Roots of this many letters or fewer keep their last letters ("see", "add").
_SHORT = 3
_BRITISH = re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation)$")


def _root(word: str) -> str:
    """The word as triggers are compared: stemmed (:func:`storyline.lexicon.stem`), a British "-ise" read as
    "-ize", a final "e" and a doubled final consonant taken off ("negotiate" / "negotiated", "hitting" / "hit")."""
    s = lexicon.stem(_BRITISH.sub(r"iz\1", word))
    if len(s) > _SHORT and s.endswith("e"):
        s = s[:-1]
    if len(s) > _SHORT and s[-1] == s[-2] and s[-1] not in "aeiousl":
        s = s[:-1]
    return s


@cache
def _families(action: str) -> dict[str, str]:
    """Each family word's root → its family's first word's root: paraphrase.toml's, then the type's own."""
    out: dict[str, str] = {}
    own = lexicon.table("event_acts.families").get(action, [])
    for fam in [*own, *lexicon.ordered("paraphrase.families")]:
        words = fam.split()
        for w in words:
            out.setdefault(_root(w), _root(words[0]))
    return out


@cache
def _generic(action: str) -> frozenset[str]:
    words = lexicon.table("event_acts.generic").get(action, "").split()
    return frozenset(map(_root, words))


def trigger_words(trigger: str, action: str = "") -> frozenset[str]:
    """The trigger's content words as acts of type ``action`` are compared: each word's root (:func:`_root`) read
    as its family's first, light verbs and function words left out.

    Example:
        >>> sorted(trigger_words("made a call")), sorted(trigger_words("conversation"))
        (['call'], ['call'])
        >>> trigger_words("recognised") == trigger_words("recognized"), sorted(trigger_words("gave"))
        (True, ['gav'])
        >>> trigger_words("struck", "ASSAULT") == trigger_words("hitting", "ASSAULT")
        True
    """
    light = lexicon.words("event_acts.light")
    stop = lexicon.words("function_words.stop")
    fam = _families(action)
    words = _WORD.findall(trigger.lower())
    content = [w for w in words if w not in light and w not in stop] or words  # "gave" alone is the act it names
    return frozenset(fam.get(r, r) for r in map(_root, content))


def generic(ev: Event) -> bool:
    """Whether the trigger only names its type's act in general ("discussed" for CONSULT)."""
    words = _generic(ev.action)
    return bool(words) and any(_root(w) in words for w in _WORD.findall(ev.trigger.lower()))


def alike(x: Event, y: Event) -> bool:
    """Whether two triggers of one type name one act by their words: a shared word, or one mode."""
    return bool(x.mode and x.mode == y.mode) or bool(
        trigger_words(x.trigger, x.action) & trigger_words(y.trigger, y.action)
    )


def compatible(x: Event, y: Event) -> bool:
    """Whether two triggers of one type may name one act: :func:`alike`, or one of them generic."""
    return alike(x, y) or generic(x) or generic(y)


def sentence(a: Article, ev: Event) -> str:
    """The sentence the report cites."""
    return a.text[ev.cites[0].start : ev.cites[0].end] if ev.cites else ""


def _where(ev: Event) -> tuple[str, int, int]:
    c = ev.cites[0] if ev.cites else None
    return (c.article_id, c.start, c.end) if c else ("", 0, 0)


class Acts:
    """The same-act test over one story's reports, their sentences' TF-IDF rows made once."""

    def __init__(self, reports: Sequence[Report], similar: float = SIMILAR) -> None:
        self.similar = similar
        self._row: dict[tuple[str, int, int], int] = {}
        texts: list[str] = []
        for a, ev in reports:
            key = _where(ev)
            if key not in self._row:
                self._row[key] = len(texts)
                texts.append(sentence(a, ev))
        toks = [word_tokens(t) for t in texts]
        self._rows = tfidf_rows(toks) if any(toks) else None

    def cosine(self, x: Report, y: Report) -> float:
        """The TF-IDF cosine of the two reports' sentences (0 for a sentence not given at the start)."""
        i, j = self._row.get(_where(x[1])), self._row.get(_where(y[1]))
        if self._rows is None or i is None or j is None:
            return 0.0
        return float(self._rows[i].multiply(self._rows[j]).sum())

    def __call__(self, x: Report, y: Report) -> bool:
        return compatible(x[1], y[1]) or self.cosine(x, y) >= self.similar

    def linked(self, x: Report, y: Report) -> bool:
        """Whether the two reports tell one act on evidence of their own: alike triggers or alike sentences (a
        generic trigger is no such evidence: it would join a call to a summit through "they discussed")."""
        return alike(x[1], y[1]) or self.cosine(x, y) >= self.similar

    def joins(self, r: Report, group: Sequence[Report]) -> bool:
        """Whether ``r`` joins a group of reports of one act: linked to one of them ("rejected the idea" beside
        "dismissed Xi's comments", two sentences alike), or one act with each of them (a generic trigger)."""
        return any(self.linked(r, m) for m in group) or all(self(r, m) for m in group)


class Always:
    """The former test: every two reports of one type, pair and day are one act (for benches beside the new)."""

    def __call__(self, x: Report, y: Report) -> bool:
        return True

    def joins(self, r: Report, group: Sequence[Report]) -> bool:
        return True


always = Always()


__all__ = [
    "SIMILAR",
    "Acts",
    "Always",
    "Report",
    "SameAct",
    "alike",
    "always",
    "compatible",
    "generic",
    "sentence",
    "trigger_words",
]
