"""Role references: a definite role phrase read as the one person of the article it fits.

"The Chinese leader reminded Trump …" names no one, yet an article that calls Xi "China's most powerful leader"
means him. A phrase of a determiner ("the", "this", or a country's possessive: "Taiwan's"), an optional
nationality or place ("Chinese", "US", "South Korean") and a role noun of ``lexicon/roles.toml``
(``role_references.titles``: "leader", "president", "premier", "prime minister", …) stands for the person of the
same article whose own title or description (``Mention.role``, ``Mention.description``: "Chinese President Xi
Jinping", "Xi, China's most powerful leader") holds a title the role fits and names that country — when exactly
one person fits; else it stands for no one. A phrase written right before a name ("the US president Donald
Trump") is that name's title, not a reference. Each reference keeps its span in the article.

Both the quote speakers (:mod:`.quotes.speakers`: "…, the Chinese leader said") and the comparison's statement
participants (:mod:`storyline.compare.claims`) read the article through :func:`role_references`.

Example:
    >>> from storyline.model import Mention
    >>> text = "Xi, China's most powerful leader, called Trump. The Chinese leader said so."
    >>> ms = [Mention(0, 2, "Xi", "PERSON", description="China's most powerful leader"),
    ...       Mention(41, 46, "Trump", "PERSON", role="President")]
    >>> [(r.start, r.end, r.name) for r in role_references(text, ms)]
    [(48, 66, 'Xi')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..model import Mention
from .event_actors import countries

#: Role noun → the titles a person must hold for the role to fit them (``roles.role_references.titles``).
ROLE_TITLES: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in lexicon.table("roles.role_references.titles").items() if isinstance(v, list)
}
#: Words right before a title that make it another office or a past one ("Vice President", "former president").
BLOCKERS = lexicon.words("roles.role_references.blockers")
#: Words in a description before which a title is no longer the person's own ("nominee for secretary of state").
_DESCRIPTION_STOPS = frozenset({"of", "for", "at", "to", "in", "with", "on", "from", "by", "under", "and", "who"})

_CAP = r"[A-Z][A-Za-z.]*"
_PLACE = rf"{_CAP}(?:\s+{_CAP})?"
_WORD = re.compile(r"[\w.]+(?:[’'-]\w+)*")


@cache
def _phrase() -> re.Pattern[str]:
    roles = "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(ROLE_TITLES, key=len, reverse=True))
    return re.compile(
        rf"(?:\b(?:[Tt]he|[Tt]his)\s+(?:(?P<adj>{_PLACE})\s+)?|\b(?P<poss>{_PLACE})['’]s\s+)"
        rf"(?P<role>(?i:{roles}))(?![\w-])"
    )


@dataclass(frozen=True, slots=True)
class RoleRef:
    """A role phrase at ``start:end`` of an article, read as the person ``name`` (their fullest mention at
    ``person_start:person_end``; ``entity_id`` once the article's mentions are canonical)."""

    start: int
    end: int
    text: str
    name: str
    person_start: int
    person_end: int
    entity_id: str | None = None


@dataclass(slots=True)
class _Person:
    full: Mention
    entity_id: str | None = None
    titles: set[tuple[str, str | None]] = field(default_factory=set)  # (title, country code or None)


def country_of(words: str) -> str | None:
    """The country a capitalised name, demonym or possessive names ("Chinese", "U.S.", "China’s"), or None."""
    w = re.sub(r"['’]s$", "", words.strip())
    if not w[:1].isupper():
        return None
    return countries().get(w.lower())


def _countries_in(words: Sequence[str]) -> set[str]:
    out = set()
    for i, w in enumerate(words):
        for span in ((w,), tuple(words[i : i + 2])):
            code = country_of(" ".join(span))
            if code is not None:
                out.add(code)
    return out


def titles_of(phrase: str, description: bool = False) -> set[tuple[str, str | None]]:
    """The titles of :data:`ROLE_TITLES` a person's title or description holds, each with the country named
    before it ("Japanese Prime Minister" → ``("prime minister", "JPN")``); in a description only a title before
    its first preposition counts ("a fellow for Chinese politics", "nominee for secretary of state" hold none)."""
    words = _WORD.findall(phrase)
    low = [w.lower() for w in words]
    if description:
        cut = next((i for i, w in enumerate(low) if w in _DESCRIPTION_STOPS), len(low))
        words, low = words[:cut], low[:cut]
    out: set[tuple[str, str | None]] = set()
    for title in {t for ts in ROLE_TITLES.values() for t in ts}:
        parts = title.split()
        for i in range(len(low) - len(parts) + 1):
            if low[i : i + len(parts)] != parts or (i > 0 and low[i - 1] in BLOCKERS):
                continue
            found = _countries_in(words[:i] if description else words)
            out |= {(title, c) for c in found} or {(title, None)}
    return out


def _people(mentions: Sequence[Mention]) -> list[_Person]:
    """The article's people, each with every title and country its mentions give them (one person per canonical
    entity; before canonicalisation, a name is the one longer name that holds all its words: "Xi" → "Xi Jinping")."""
    persons = [m for m in mentions if m.label == "PERSON"]
    words = [frozenset(m.text.lower().split()) for m in persons]
    out: dict[str, _Person] = {}
    for m, ws in zip(persons, words, strict=True):
        fuller = {p.text for p, pw in zip(persons, words, strict=True) if ws < pw}
        key = m.entity_id or (next(iter(fuller)) if len(fuller) == 1 else m.text)
        p = out.setdefault(key, _Person(m))
        if len(m.text) > len(p.full.text):
            p.full = m
        p.entity_id = p.entity_id or m.entity_id
        if m.role:
            p.titles |= titles_of(m.role)
        if m.description:
            p.titles |= titles_of(m.description, description=True)
    return list(out.values())


def _fits(p: _Person, role: str, country: str | None) -> bool:
    return any(t in ROLE_TITLES[role] and (country is None or c == country) for t, c in p.titles)


def role_references(text: str, mentions: Sequence[Mention]) -> list[RoleRef]:
    """Every role phrase of ``text`` that exactly one person of its ``mentions`` fits, in reading order."""
    people = [p for p in _people(mentions) if p.titles]
    if not people:
        return []
    # a person's name inside the phrase, or any name over its role noun ("the President Hotel"); a nationality
    # tagged as a name ("Chinese": NORP) is the phrase's own
    spans = [(m.start, m.end, m.label == "PERSON") for m in mentions]
    out: list[RoleRef] = []
    for hit in _phrase().finditer(text):
        place = hit.group("adj") or hit.group("poss")
        country = country_of(place) if place else None
        if place and country is None:
            continue  # "the Democratic leader", "Trump's president": not a nationality
        if _names_follow(text, hit.end()) or any(
            a < hit.end() and (hit.start() if person else hit.start("role")) < b for a, b, person in spans
        ):
            continue  # "the US president Donald Trump": a title before the name, which counts already
        role = " ".join(hit.group("role").lower().split())
        fit = [p for p in people if _fits(p, role, country)]
        if len(fit) == 1:
            full = fit[0].full
            out.append(RoleRef(hit.start(), hit.end(), hit.group(), full.text, full.start, full.end, fit[0].entity_id))
    return out


def _names_follow(text: str, end: int) -> bool:
    """Whether a capitalised word follows on the same line (a name or a name's title: "the premier Cho")."""
    m = re.match(r"[ \t]+([A-Z])", text[end : end + 3])
    return m is not None


__all__ = ["BLOCKERS", "ROLE_TITLES", "RoleRef", "country_of", "role_references", "titles_of"]
