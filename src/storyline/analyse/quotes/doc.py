"""The article index the quote stages share: token and sentence offsets, quoted tokens, full names, genders.

:func:`_build` makes one :class:`_Doc` per article from its parse, mentions and quoted spans;
:class:`Attribution` is a quote with how it was found.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache
from typing import Any

from ... import lexicon
from ...model import Mention, Quote
from ..role_refs import RoleRef, role_references
from .cues import (
    CUE_FORMS,
    FEMALE_NAMES,
    GENDERED_ROLES_F,
    GENDERED_ROLES_M,
    HONORIFICS_F,
    LEADING_TITLES,
    MALE_NAMES,
    NAME_SUFFIXES,
    TITLE_WORDS,
)
from .marks import QuotedSpan, _double_apostrophes, paragraphs, sentence_starts

# ------------------------------------------------------------------------------------ 3. the parse


@dataclass(slots=True)
class _Person:
    pos: int
    key: str  # the full name as written ("Henrietta Levin")
    tier: int  # 0 speaker, 1 subject of the main clause, 2 other subject, 3 other mention
    start: int
    end: int
    role: bool = False  # a speaker named only by a role ("Navy spokesperson"): for "he"/"she", not a description


@dataclass(slots=True)
class Attribution:
    """A quote with how it was found: the speaker as written next to the cue ("she", "Ms Levin", "who")."""

    quote: Quote
    speaker_local: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    anchor: int = 0
    chain: int = -1
    para: int = 0
    subject_i: int | None = None  # token index of the cue's subject (unresolved)
    words: int = 0
    explicit: bool = False  # the cue is in the quote's own sentence
    title_like: bool = False
    named: bool = False  # the quoted words name a thing ("the word “We”", "the “…” campaign"): nobody's quote
    headline: tuple[int, int] | None = None  # a digest's capitalised headline right before the quote
    unsaid: bool = False  # "declined to say whether …": no quote, but its subject is the one speaking around it
    voice: bool = True  # its speaker may speak on in the quotes after it (not "the data suggest …")


@dataclass
class _Doc:
    doc: Any
    text: str
    mentions: list[Mention]
    tok_starts: list[int] = field(default_factory=list)
    in_quote: list[bool] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    para_starts: list[int] = field(default_factory=list)
    m_starts: list[int] = field(default_factory=list)
    full_names: dict[str, list[Mention]] = field(default_factory=dict)  # name token -> full-name mentions
    gender: dict[str, str] = field(default_factory=dict)  # full name -> "m" | "f"
    token_gender: dict[str, str] = field(default_factory=dict)  # surname token -> gender (honorifics)
    persons: list[_Person] = field(default_factory=list)
    group_cache: dict[tuple[str, ...], list[_NameGroup]] = field(default_factory=dict)
    outer: list[tuple[int, int]] = field(default_factory=list)  # quoted pieces with their marks, in order
    outer_starts: list[int] = field(default_factory=list)
    person_pos: list[int] = field(default_factory=list)
    role_ref_cache: list[RoleRef] | None = None

    def role_refs(self) -> list[RoleRef]:
        """The article's role phrases read as its people (:func:`~storyline.analyse.role_refs.role_references`),
        found once per document however many speakers ask."""
        if self.role_ref_cache is None:
            self.role_ref_cache = role_references(self.text, self.mentions)
        return self.role_ref_cache

    # ---- offsets
    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def sent_of(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1

    def para_of(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def mention_at(self, char: int) -> Mention | None:
        k = bisect.bisect_right(self.m_starts, char) - 1
        for j in range(k, max(-1, k - 3), -1):
            m = self.mentions[j]
            if m.start <= char < m.end:
                return m
        return None


@lru_cache(maxsize=4096)
def _name_tokens_cached(name: str) -> tuple[str, ...]:
    toks = name.replace("’", "'").split()
    while len(toks) > 1 and toks[0].lower() in LEADING_TITLES:
        toks.pop(0)
    if toks and toks[-1].lower().rstrip(".") in NAME_SUFFIXES and len(toks) > 2:
        toks = toks[:-2] + [toks[-2] + " " + toks[-1]]
    return tuple(re.sub(r"'s$", "", t).strip(",") for t in toks)


def _name_tokens(name: str) -> list[str]:
    """Name words without leading titles or a possessive: "President Xi’s" -> ["Xi"]."""
    return list(_name_tokens_cached(name))


def _strip_titles(m: Mention) -> tuple[str, int]:
    """The mention's text without leading titles ("President Xi Jinping" -> "Xi Jinping"), and its start."""
    text, start = m.text, m.start
    while True:
        parts = text.split(None, 2)
        if len(parts) >= 2 and (parts[0].lower() in LEADING_TITLES or parts[0].lower() in CUE_FORMS):  # "Stated Stone"
            off = text.index(parts[1])
            text, start = text[off:], start + off
            continue
        if len(parts) == 3 and parts[1].lower() in TITLE_WORDS and parts[0][:1].isupper():
            off = text.index(parts[2], len(parts[0]) + len(parts[1]))  # "Taiwan premier Cho Jung-tai"
            text, start = text[off:], start + off
            continue
        return text, start


def _past_marks(m: Mention) -> Mention:
    """A mention glued to a quote by a missing space ("paranoia,”Clinton") cut to the part after the mark."""
    cut = max(m.text.rfind(c) for c in '”"’»')
    if cut == len(m.text) - 1:
        cut = -1
    lead = cut + 1
    while lead < len(m.text) - 1 and not m.text[lead].isalnum():
        lead += 1  # "- Sanders", "-President Obama"
    if lead == 0:
        return m
    return dc_replace(m, start=m.start + lead, text=m.text[lead:])


def _widen(d: _Doc, m: Mention) -> Mention:
    """A person mention the NER cut short ("Levin" in "Henrietta Levin") widened over the name words before it."""
    if m.label != "PERSON":
        return m
    doc = d.doc
    i = d.tok_at(m.start)
    if i >= len(doc) or doc[i].idx != m.start:
        return m
    j = i
    while j > 0:
        t = doc[j - 1]
        if not (t.pos_ == "PROPN" and t.dep_ == "compound" and t.text[:1].isupper() and t.ent_type_ in ("", "PERSON")):
            break
        if t.lower_ in TITLE_WORDS or "\n" in t.text_with_ws or t.head.i < i:
            break
        j -= 1
    if j == i:
        return m
    start = doc[j].idx
    return dc_replace(m, start=start, text=d.text[start : m.end])


def _build(doc: Any, mentions: Sequence[Mention], spans: Sequence[QuotedSpan], raw: str | None = None) -> _Doc:
    text: str = _double_apostrophes(doc.text if raw is None else raw)  # same length: offsets hold
    d = _Doc(doc=doc, text=text, mentions=[])
    d.tok_starts = doc.to_array("IDX").tolist()  # (iterating Tokens costs an object per token)
    d.mentions = sorted((_widen(d, _past_marks(m)) for m in mentions), key=lambda m: (m.start, -m.end))
    ms = d.mentions
    d.in_quote = [False] * len(doc)
    for q in spans:
        a = q.open_mark if q.open_mark is not None else q.start
        b = q.close_mark if q.close_mark is not None else q.end - 1
        for ti in range(d.tok_at(a), min(len(doc), d.tok_at(b) + 1)):
            t = doc[ti]
            # a token running on past the closing mark (“…,”Clinton said) is not quoted
            if t.idx <= b and t.idx + len(t.text) <= b + 1:
                d.in_quote[ti] = True
    d.sent_starts = sentence_starts(text, spans)
    d.outer = sorted(
        (q.open_mark if q.open_mark is not None else q.start, q.close_mark + 1 if q.close_mark is not None else q.end)
        for q in spans
    )
    d.outer_starts = [o[0] for o in d.outer]
    d.para_starts = [a for a, _ in paragraphs(text)]
    d.m_starts = [m.start for m in ms]
    # full person names, indexed by their first and last name token
    for m in ms:
        if m.label != "PERSON" or m.titlecase:
            continue
        toks = _name_tokens(m.text)
        if len(toks) < 2 or not toks[0][:1].isupper() or not toks[-1][:1].isalpha():
            continue
        for t in {toks[0].lower(), toks[-1].lower()}:
            d.full_names.setdefault(t, []).append(m)
    # gender of surnames from honorifics ("Ms Levin", "Mr. Xi")
    for hm in re.finditer(r"\b(Mr|Mrs|Ms|Miss|Mister|Sir|Dame|Lady|Lord|Madam)\.?\s+([A-Z][\w'’-]+)", text):
        g = "f" if hm.group(1).lower() in HONORIFICS_F else "m"
        d.token_gender.setdefault(hm.group(2).replace("’", "'").split("'")[0].lower(), g)
    return d


def _a_surname(d: _Doc, word: str) -> bool:
    """Whether a full name of the article ends with ``word`` (lower case): "Allen" of "Paul Allen" is a surname."""
    return any(_name_tokens(m.text)[-1].lower() == word for m in d.full_names.get(word, []))


def _gender_of(d: _Doc, key: str, m: Mention | None = None) -> str | None:
    if key in d.gender:
        return d.gender[key]
    toks = _name_tokens(key)
    g: str | None = None
    if toks:
        first = toks[0].lower()
        if first in FEMALE_NAMES:
            g = "f"
        elif first in MALE_NAMES and (len(toks) > 1 or not _a_surname(d, first)):
            g = "m"  # "Ben" alone, where no full name of the article ends with it, is a man's first name
        for t in (toks[-1].lower(), first):
            if g is None and t in d.token_gender:
                g = d.token_gender[t]
    if g is None and m is not None and m.role:
        role = {w.lower() for w in m.role.split()}
        g = "f" if role & GENDERED_ROLES_F else ("m" if role & GENDERED_ROLES_M else None)
    if g is not None:
        d.gender[key] = g
    return g


@dataclass(slots=True)
class _NameGroup:
    """All full-name mentions of one person (same first and last name word), for fast lookups."""

    starts: list[int]  # every mention, sorted
    fullest: list[Mention]  # the longest written forms, sorted by start
    fullest_starts: list[int]


def _groups(d: _Doc, toks: tuple[str, ...]) -> list[_NameGroup]:
    """The people whose full name a name (as name words) can stand for, computed once per name."""
    if toks in d.group_cache:
        return d.group_cache[toks]
    if len(toks) >= 2:
        key = toks[0].lower()
        cands = [m for m in d.full_names.get(toks[-1].lower(), []) if _name_tokens(m.text)[0].lower() == key]
    else:
        cands = list(d.full_names.get(toks[0].lower(), []))
        # a surname ("Levin") matches the last token; a family name first ("Xi", "Wu") the first one
        last = [m for m in cands if _name_tokens(m.text)[-1].lower() == toks[0].lower()]
        cands = last or cands
    by_key: dict[str, list[Mention]] = {}
    for m in cands:
        nt = _name_tokens(m.text)
        by_key.setdefault(f"{nt[0].lower()} {nt[-1].lower()}", []).append(m)
    out: list[_NameGroup] = []
    for ms in by_key.values():
        ms.sort(key=lambda m: m.start)
        longest = max(len(_strip_titles(m)[0]) for m in ms)
        fullest = [m for m in ms if len(_strip_titles(m)[0]) == longest]
        out.append(_NameGroup([m.start for m in ms], fullest, [m.start for m in fullest]))
    d.group_cache[toks] = out
    return out


#: How far into an article its lead runs, for a word several people share (lexicon names.shared_names).
LEAD_CHARS = int(lexicon.table("names.shared_names")["lead_chars"])
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\b\.?\s+[A-Z]")


def _full_person(d: _Doc, name: str, pos: int) -> Mention | None:
    """The mention giving the fullest form of a person's name ("Levin" -> the "Henrietta Levin" mention).

    Among several people it could name, the one mentioned last before ``pos``, unless the name is one word and
    one of them is named in the lead, before it (names.shared_names: "Clinton" after "Bill Clinton" in the lead and
    "Hillary Clinton" later is Bill); the nearest earlier occurrence of the fullest form (or the first one, when
    all come later).
    """
    toks = tuple(_name_tokens(name))
    if not toks:
        return None
    groups = _groups(d, toks)
    if not groups:
        return None

    def score(g: _NameGroup) -> tuple[int, int, int]:
        k = bisect.bisect_right(g.starts, pos)
        return (1 if k else 0, g.starts[k - 1] if k else -1, len(g.starts))

    honor = _HONORIFIC.search(d.text[max(0, pos - 6) : pos + 6])
    if honor is not None:
        # "Mr. Trump" after "Ivana Trump": an honorific rules out the people of the other gender
        want = "f" if honor.group(1).lower().startswith(("mrs", "ms", "miss")) else "m"
        genders = [_gender_of(d, _strip_titles(g.fullest[0])[0]) for g in groups]
        same = [g for g, x in zip(groups, genders, strict=True) if x == want]
        groups = same or [g for g, x in zip(groups, genders, strict=True) if x is None]
        if not groups:
            return None
    lead = min(groups, key=lambda g: g.starts[0])
    if len(toks) == 1 and len(groups) > 1 and lead.starts[0] < min(pos, LEAD_CHARS):
        best = lead  # a word several people share: the lead's subject (lexicon names.shared_names)
    else:
        best = max(groups, key=score)
    k = bisect.bisect_right(best.fullest_starts, pos)
    return best.fullest[k - 1] if k else best.fullest[0]
