"""The named happenings of a lead: "the Democratic National Convention", "the Iowa caucuses", "the first
presidential debate", "the embassy bombings".

A happening is a noun of :data:`NOUNS` (a convention, a debate, a shooting) and the words right before it
that tell which one: the words of a named place, group or organisation (spaCy's GPE, LOC, NORP, ORG, EVENT
mentions) and the few lower-case words of :data:`MODIFIERS` ("first", "presidential"). Each is a key
"noun" (named without such words) or "noun|word" for each telling word, so that "the Democratic convention"
and "the Democratic National Convention" share ``convention|democratic``, and "the convention" shares
``convention`` with either. See :func:`of_lead`.

Example:
    >>> sorted(lead_happenings_of("Obama takes the stage at the Democratic National Convention", []))
    ['convention', 'convention|democratic']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .. import lexicon
from ..model import Mention

#: Nouns that name one happening (singular; see :func:`_noun`).
NOUNS = lexicon.words("stories.happening_nouns")
#: Lower-case words that tell one happening of a kind from another.
MODIFIERS = lexicon.words("stories.happening_modifiers")
#: Words of a name that tell no happening from another ("National" in both parties' conventions).
PLAIN = lexicon.words("stories.happening_plain")
#: Labels of the mentions whose words tell which happening a noun names.
NAMING_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG", "EVENT"})
#: At most this many words before the noun are read for what tells it.
WINDOW = 4
#: A happening both leads name is one when their event dates are at most this many days apart (a convention's
#: week, a debate's previews and reactions).
DAYS = 7
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_STOP = lexicon.words("function_words.stop")
_DATES = lexicon.words("time.months") | lexicon.words("time.weekdays")


def _noun(word: str) -> str | None:
    """The happening noun ``word`` is, singular or plural ("caucuses" → "caucus", "primaries" → "primary")."""
    w = word.lower()
    for form in (w, w[:-3] + "y" if w.endswith("ies") else "", w[:-2] if w.endswith("es") else "", w[:-1]):
        if form in NOUNS:
            return form
    return None


def _plain(word: str) -> str:
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w.rstrip(".")


def lead_happenings_of(text: str, mentions: Sequence[Mention], offset: int = 0) -> set[str]:
    """The happening keys of ``text`` (a lead; ``mentions`` in article offsets, ``text`` starting at ``offset``)."""
    named = [(m.start - offset, m.end - offset) for m in mentions if m.label in NAMING_LABELS]
    tokens = list(_TOKEN.finditer(text))
    out: set[str] = set()
    for k, tok in enumerate(tokens):
        noun = _noun(tok.group())
        if noun is None:
            continue
        telling: set[str] = set()
        for j in range(k - 1, max(-1, k - 1 - WINDOW), -1):
            prev, word = tokens[j], _plain(tokens[j].group())
            gap = text[prev.end() : tokens[j + 1].start()]
            if word in _STOP or word in _DATES or gap.strip(" -") or _noun(word):
                break  # a function word, a date, punctuation or another happening ends the noun phrase
            if word in MODIFIERS or (word not in PLAIN and any(s <= prev.start() < e for s, e in named)):
                telling.add(word)
        out.add(noun)
        out.update(f"{noun}|{w}" for w in telling)
    return out


def of_lead(title: str | None, lead: str, mentions: Sequence[Mention]) -> set[str]:
    """The happening keys of a headline (read alone: its mentions are not kept) and of a lead (``mentions`` in
    the offsets of ``lead``, the start of the article's text)."""
    return lead_happenings_of(f"{title or ''}\n", ()) | lead_happenings_of(lead, mentions)


def split_keys(keys: Iterable[str]) -> tuple[set[str], set[str], set[str]]:
    """(the "noun|word" keys, the nouns named, the nouns named without a telling word) of one lead's keys."""
    full = {k for k in keys if "|" in k}
    told = {k.split("|", 1)[0] for k in full}
    nouns = {k for k in keys if "|" not in k}
    return full, nouns, nouns - told
