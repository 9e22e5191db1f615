"""Every word list Storyline's rules read, as data, and the one stemmer.

The lists live in TOML files beside this module (``lexicon/*.toml``), one file per concern; a list is named
``"file.key"``. A value is a string of whitespace-separated words (read as a tuple, in file order), an array of
strings (for entries that hold spaces), or a table (a mapping). Rules read them through :func:`words`,
:func:`ordered` and :func:`table`, each cached, so a list is parsed once per process.

Example:
    >>> "said" in words("speech.verbs")
    True
    >>> stem("visiting"), stem("floods")
    ('visit', 'flood')
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources
from typing import Any

__all__ = ["lists", "ordered", "stem", "table", "words"]


@cache
def _file(name: str) -> dict[str, Any]:
    try:
        text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no lexicon file {name}.toml") from None
    return tomllib.loads(text)


def _value(name: str) -> Any:
    file, _, key = name.partition(".")
    data: Any = _file(file)
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            raise KeyError(f"no list {name!r} in lexicon/{file}.toml")
        data = data[part]
    return data


@cache
def ordered(name: str) -> tuple[str, ...]:
    """The list ``name`` (``"file.key"``) in file order; a string value is split on whitespace."""
    value = _value(name)
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"lexicon list {name!r} is not a list of words")


@cache
def words(name: str) -> frozenset[str]:
    """The list ``name`` as a set, for membership tests."""
    return frozenset(ordered(name))


def table(name: str) -> dict[str, Any]:
    """The table ``name`` (a mapping; a copy, so callers may not change the shared one)."""
    value = _value(name)
    if not isinstance(value, dict):
        raise TypeError(f"lexicon entry {name!r} is not a table")
    return dict(value)


def lists() -> list[str]:
    """Every list and table name the package holds (for docs and tests)."""
    out: list[str] = []
    for res in sorted(resources.files(__package__).iterdir(), key=lambda r: r.name):
        if res.name.endswith(".toml"):
            file = res.name[: -len(".toml")]
            out.extend(f"{file}.{key}" for key in _file(file))
    return out


#: The endings :func:`stem` takes off (one, the first that matches at the end), from words of ``_STEM_FROM``
#: letters or more, when ``_STEM_LEFT`` letters are left.
_SUFFIX = re.compile(r"(?:'s|ings?|edly|ed|es|s)$")
_STEM_FROM, _STEM_LEFT = 5, 3


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The one stemmer every rule and feature uses: lower-cased, one ending taken off ("'s", "ing", "ings",
    "edly", "ed", "es", "s") when the word is longer than four letters and three are left.

    Deliberately light: Snowball English (Porter2) and the statements' former stemmer (which took off a final
    "e" too) were measured beside it, the story-pair model and the alignment refitted with each
    (``bench/stemmer.py``). Held out, neither clustered better (Snowball within the noise of the model
    selection, the other lost TBAQ stories), the matrix figures were the same, and this one is the cheapest. It
    leaves an "e" before "es" ("dates" → "dat" beside "date").

    Example:
        >>> stem("flooding"), stem("floods"), stem("Taiwan’s"), stem("votes")
        ('flood', 'flood', 'taiwan', 'vot')
    """
    w = word.lower().replace("’", "'")
    if len(w) >= _STEM_FROM:
        cut = _SUFFIX.sub("", w, count=1)
        if len(cut) >= _STEM_LEFT:
            w = cut
    return w
