"""Small helpers for the words Storyline prints: counts with the right plural.

Example:
    >>> plural(1, "story"), plural(2, "story"), plural(0, "source"), plural(3, "quote", "quotes")
    ('1 story', '2 stories', '0 sources', '3 quotes')
"""

from __future__ import annotations

#: Irregular plurals (the others add "s", or "ies" for a consonant and "y").
IRREGULAR = {"entity": "entities", "story": "stories", "press": "presses", "analysis": "analyses"}


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


__all__ = ["plural", "plural_word"]
