"""Small helpers for words: counts with the right plural (what Storyline prints), a regular expression that
matches any word of a list (how rules built from a lexicon list match it), where a text's lead ends, and a
metadata field made fit to show on one line.

Example:
    >>> plural(1, "story"), plural(2, "story"), plural(0, "source"), plural(3, "quote", "quotes")
    ('1 story', '2 stories', '0 sources', '3 quotes')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from . import lexicon

#: Irregular plurals (the others add "s", or "ies" for a consonant and "y"): ``lexicon/text.toml``.
IRREGULAR = {k: str(v) for k, v in lexicon.table("text.irregular_plurals").items()}


def plural_word(n: int, word: str, many: str | None = None) -> str:
    """``word`` for one, its plural (``many``, else made from ``word``) for any other count.

    Example:
        >>> plural_word(1, "article"), plural_word(5, "article"), plural_word(2, "day")
        ('article', 'articles', 'days')
    """
    if n == 1:
        return word
    if many:
        return many
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 story"``, ``"2 stories"``: the count and the word that goes with it."""
    return f"{n:,} {plural_word(n, word, many)}"


def alternation(words: Iterable[str], *, longest_first: bool = False, space: str = " ") -> str:
    """A regular-expression group matching any of ``words``, tried in the order given (a word before another
    it begins: "Furthermore" before "Further") or, with ``longest_first``, longest first (the order kept among
    words of one length); special characters are escaped, a space within a word written as ``space`` (``r"\\s+"``
    lets "first  half" or a line break between the words match).

    Example:
        >>> alternation(["copy link", "e-mail", "x"])
        '(?:copy link|e\\\\-mail|x)'
        >>> alternation(["x", "copy link", "e-mail"], longest_first=True)
        '(?:copy link|e\\\\-mail|x)'
        >>> alternation(["first half"], space=r"\\s+")
        '(?:first\\\\s+half)'
    """
    ordered = sorted(words, key=len, reverse=True) if longest_first else words
    return "(?:" + "|".join(re.escape(w).replace("\\ ", space) for w in ordered) + ")"


#: The lead of a text with no sentences: its first characters.
NO_SENTENCES_LEAD = 300


def lead_to(n_chars: int, ends: Sequence[int]) -> int:
    """Where a text's two-sentence lead ends, from the ends of its first sentences (``ends``, the first two at
    most): the second's end, the first's when it has one sentence, its first :data:`NO_SENTENCES_LEAD`
    characters when it has none.

    Example:
        >>> lead_to(1000, [40, 95]), lead_to(1000, [40]), lead_to(1000, [])
        (95, 40, 300)
    """
    return ends[min(1, len(ends) - 1)] if ends else min(n_chars, NO_SENTENCES_LEAD)


def names_in_full(aliases: Sequence[str], names: Sequence[str], text: str) -> list[str]:
    """The aliases less those that are only a longer name of the entity cut short by the tagger: every time
    ``text`` (case-folded) writes one, the rest of one of ``names`` follows it, so it is no name the text uses.

    Example:
        >>> names_in_full(["Cho Jung", "Cho"], ["Cho Jung-tai"], "premier cho jung tai said. cho jung-tai. cho")
        ['Cho']
    """

    def cut_short(x: str) -> bool:
        low = x.casefold()
        for y in names:
            full = y.casefold()
            if len(full) <= len(low) or not full.startswith(low) or full[len(low)] not in " -":
                continue
            rest = full[len(low) + 1 :]
            said = [m.end() for m in re.finditer(re.escape(low) + r"\b", text)]
            if said and all(re.match(rf"[ -]{re.escape(rest)}\b", text[i:]) for i in said):
                return True
        return False

    return [x for x in aliases if not cut_short(x)]


MAX_LINE_CHARS = 300
"""Longest title, outlet or author kept (longer ones are cut, with "…"): 100 kB of one repeated character
once became a 100,000-character title."""
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(value: str | None, limit: int = MAX_LINE_CHARS) -> str | None:
    """A metadata field fit to show: control, escape and bidi-override characters removed, whitespace
    collapsed, at most ``limit`` characters.

    Example:
        >>> one_line("Breaking\\x1b[31m news\\n today"), len(one_line("A" * 1000) or "")
        ('Breaking [31m news today', 300)
    """
    if value is None:
        return None
    text = " ".join(_CONTROLS.sub(" ", value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


__all__ = [
    "MAX_LINE_CHARS",
    "NO_SENTENCES_LEAD",
    "alternation",
    "lead_to",
    "names_in_full",
    "one_line",
    "plural",
    "plural_word",
]
