"""Frames in which a cue verb or quoted words are *not* the subject's own words, as data.

A news sentence can hold a speech verb and still report nothing its subject said:

* the writer's framing: "The visit **allows** Xi to argue that …", "gives Beijing **a chance** to claim …",
  "Xi **wants** to say …", "critics **could** argue …" — what someone may, might or wishes to say; and the
  writer's reading of someone: "Trump **appeared** to acknowledge …", "she **seemed** to suggest …";
* no content: "She **declined** to say how many …", "He would **not** say whether …", "**refused** to comment";
* a denial: "Trump **denied** that he had said …";
* a rejected term: "Premier Cho **rejected** the idea of any “return”", "there is **no** such option as “return”" —
  the scare-quoted word is someone else's, which the subject refuses.

Reporting verbs of effort stay reports: "Xi **sought** to argue that …", "**tried** to claim …", "**used** the call to
argue …", "**went on** to say …" tell that the words were said (the writer only characterises why).

The rows are data, read once from ``frames.toml`` beside this module; each :class:`Frame` row carries the
sentence it was made for, and ``tests/analyse/test_quotes.py`` runs every row's example and checks that it yields no
quote of that subject. Surface forms, as everywhere in :mod:`storyline.analyse.quotes` (its rules read words as
written).

Measured with ``bench/quotes.py`` (PolNeAR): the rows were checked against every change they made on ``train``
(all 840 articles); the one exception, words in quote marks under an intention frame staying the subject's
(:attr:`Frame.marked`), was added when the ``dev`` strict speaker figure lost one quote (found by switching frame
kinds off, no dev text read). Dev direct recall, speaker accuracy and precision are unchanged; recall of reported
speech drops a little (0.672 -> 0.670), as PolNeAR also annotates refused and negated speech.

Example:
    >>> from storyline.analyse.nlp import load_nlp                       # doctest: +SKIP
    >>> doc = load_nlp()("She declined to say how many were held.")     # doctest: +SKIP
    >>> unsaid(doc[3])                                                   # doctest: +SKIP
    'refusal'
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ... import lexicon

_FILE = "frames.toml"
_KINDS = ("unsaid", "reject")
_FIELDS = frozenset({"why", "forms", "deps", "example", "under", "infinitive", "marked"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A governing word under which a cue (or quoted words) is not its subject's statement (a row of ``frames.toml``).

    ``forms`` are the governing word as written (a particle verb as "ruled out"); ``deps`` how the cue, or the phrase
    holding the quoted words, hangs from it (a preposition as "prep:at"); ``under``, when set, the words that must in
    turn govern it ("**gives** Beijing a chance to claim"); ``infinitive``: the cue must be an infinitive or a
    gerund ("allows Xi **to argue**", "avoided **saying**"), not a finite verb the parse hung there; ``marked``: words
    in quote marks under the frame are still the subject's ("is expected to call for “a new chapter”": the writer
    has them from prepared remarks), though the paraphrase is not; ``example`` the sentence the row was made for.
    """

    why: str
    forms: frozenset[str]
    deps: frozenset[str]
    example: str
    under: frozenset[str] = frozenset()
    infinitive: bool = True
    marked: bool = False


def _frame_row(row: dict[str, Any], where: str) -> Frame:
    """One ``[[unsaid]]`` or ``[[reject]]`` row, checked: its fields and their kinds."""
    missing = sorted({"why", "forms", "deps", "example"} - row.keys())
    unknown = sorted(row.keys() - _FIELDS)
    if missing or unknown:
        raise ValueError(f"{_FILE}, {where}: missing {missing}, unknown {unknown}: fix the row")
    words = {k: row.get(k, []) for k in ("forms", "deps", "under")}
    if not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in words.values()):
        raise ValueError(f"{_FILE}, {where}: forms, deps and under are lists of words")
    return Frame(
        str(row["why"]),
        frozenset(words["forms"]),
        frozenset(words["deps"]),
        str(row["example"]),
        frozenset(words["under"]),
        bool(row.get("infinitive", True)),
        bool(row.get("marked", False)),
    )


def load_frames(text: str | None = None) -> dict[str, Any]:
    """``frames.toml`` (or ``text`` in its form): its frame rows by kind (tuples of :class:`Frame`) and word sets."""
    if text is None:
        text = resources.files(__package__).joinpath(_FILE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{_FILE} is not valid TOML ({e}): fix the file") from None
    out: dict[str, Any] = {
        kind: tuple(_frame_row(r, f"{kind} row {k + 1}") for k, r in enumerate(data.get(kind, []))) for kind in _KINDS
    }
    for key in ("naming_preps", "negating_dets", "characterising_deps", "negated_subject_deps", "refused_as"):
        out[key] = frozenset(data.get(key, []))
    return out


_DATA = load_frames()
#: A cue hanging from one of these reports nothing its subject said.
UNSAID_FRAMES: tuple[Frame, ...] = _DATA["unsaid"]
#: Auxiliaries that make a cue in its base form the writer's speculation: "critics could argue that …", "Beijing
#: may claim …".
SPECULATIVE_AUX = lexicon.words("quotes.speculative_auxiliaries")
#: A negated cue says nothing: "He would not say whether …", "did not say that …", "never claimed that …".
NEGATIONS = lexicon.words("quotes.negations")
#: A cue these modify is the writer's reading of what someone does: "Xi is **effectively** asking Washington to …".
INTERPRETIVE = lexicon.words("quotes.interpretive_adverbs")
#: Quoted words hanging from one of these are the term the subject refuses, not the subject's own words.
REJECT_FRAMES: tuple[Frame, ...] = _DATA["reject"]
#: "dismissed the report as “fake news”": what the rejecter calls it is the rejecter's own word.
NAMING_PREPS: frozenset[str] = _DATA["naming_preps"]
#: How a refused term hangs from its negated clause: as its subject ("a “return” is not an option").
NEGATED_SUBJECT_DEPS: frozenset[str] = _DATA["negated_subject_deps"]
#: What a negated clause calls a refused term ("not an option").
REFUSED_AS: frozenset[str] = _DATA["refused_as"]
#: A rejected term is short ("return", "one China"); a longer quoted phrase is the rejecter's own description
#: ("promised to reject “bad trade deals and unfair trade practices”").
TERM_WORDS = 3
#: "there is no such option as “return”": a noun phrase that denies the quoted thing exists.
NEGATING_DETS: frozenset[str] = _DATA["negating_dets"]
#: "rejected the “absurd” claims": a quoted modifier is the subject's own characterisation.
CHARACTERISING_DEPS: frozenset[str] = _DATA["characterising_deps"]


_INFINITIVE_TAGS = frozenset({"VB", "VBG"})


def _form(tok: Any) -> str:
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    return f"{tok.lower_} {prt.lower_}" if prt is not None else str(tok.lower_)


def _frame(frames: Sequence[Frame], head: Any, child: Any) -> Frame | None:
    form = _form(head)
    dep = f"prep:{child.lower_}" if child.dep_ == "prep" else child.dep_
    for f in frames:
        if (
            dep in f.deps
            and (form in f.forms or head.lower_ in f.forms)
            and (not f.under or head.head.lower_ in f.under)
            and (not f.infinitive or child.tag_ in _INFINITIVE_TAGS)
        ):
            return f
    return None


def unsaid(cue: Any, in_quote: Sequence[bool] | None = None, marked: bool = False) -> str | None:
    """Why a cue verb reports no words of its subject ("negated", "interpretation", "speculation", or a frame's
    ``why``), or None.

    Climbs two governing words at most ("refusing to say", "gives Beijing a chance to claim"); words inside quote
    marks (``in_quote``) are the speaker's, never the frame ("“Absolutely not,” he said"). ``marked``: asked for
    quoted words under the cue, which a frame may leave to the subject (see :attr:`Frame.marked`).
    """
    own = [c for c in cue.children if in_quote is None or not in_quote[c.i]]
    if any(c.dep_ == "neg" and c.lower_ in NEGATIONS for c in own):
        return "negated"
    if any(c.dep_ == "advmod" and c.lower_ in INTERPRETIVE for c in own):
        return "interpretation"
    if cue.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in SPECULATIVE_AUX for c in own):
        return "speculation"  # not "may have said it best", nor "could be termed “…”" (a passive cue speaks for no one)
    t = cue
    for _ in range(2):
        if t.head.i == t.i:
            return None
        f = _frame(UNSAID_FRAMES, t.head, t)
        if f is not None:
            return None if marked and f.marked else f.why
        if t.dep_ != "xcomp":  # "wanted to be able to say": only through another infinitive
            return None
        t = t.head
    return None


def rejects(head: Any, child: Any) -> bool:
    """``child`` (holding quoted words) hangs from ``head`` as the thing it rejects or denies."""
    return _frame(REJECT_FRAMES, head, child) is not None


def negated_subject(head: Any, child: Any, in_quote: Sequence[bool]) -> bool:
    """``child`` (holding quoted words) is the subject of ``head``, a negated clause that calls it no option
    outside the quote ("a “return” to China is not an option"): the term is refused, not used. Not any negated
    clause ("the “dirty tricks” he named are not the same": his own words)."""
    return bool(
        child.dep_ in NEGATED_SUBJECT_DEPS
        and any(c.dep_ == "neg" and not in_quote[c.i] for c in head.children)
        and any(c.dep_ == "attr" and c.lower_ in REFUSED_AS and not in_quote[c.i] for c in head.children)
    )


def denies_existence(tok: Any, in_quote: Sequence[bool]) -> bool:
    """``tok`` heads a noun phrase that says its thing does not exist ("no such option as …"), outside the quote."""
    return bool(
        tok.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "det" and c.lower_ in NEGATING_DETS and not in_quote[c.i] for c in tok.children)
    )


__all__ = [
    "CHARACTERISING_DEPS",
    "NAMING_PREPS",
    "NEGATED_SUBJECT_DEPS",
    "REJECT_FRAMES",
    "TERM_WORDS",
    "UNSAID_FRAMES",
    "Frame",
    "denies_existence",
    "negated_subject",
    "load_frames",
    "rejects",
    "unsaid",
]
