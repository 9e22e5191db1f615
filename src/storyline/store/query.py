"""What a user typed into search, read the same way by every backend: a conjunction of phrases.

Bare words are each a phrase of their own (so ``AND``, ``US-China`` or ``Xi's`` are plain text), a
``"quoted phrase"`` stays one, a trailing ``*`` asks for a prefix on the phrase's last word, and an unbalanced
quote is ignored. Control characters and lone surrogates are spaces; parts with no letter or digit are dropped.
The SQLite store turns the parts into an FTS5 query (:func:`storyline.store.sqlite.fts_query`), the PostgreSQL
store into a ``tsquery`` (:mod:`storyline.store.pg_search`).

Example:
    >>> query_parts('US-China "rare earths" tariff* AND "oops')
    [('US-China', False), ('rare earths', False), ('tariff', True), ('AND', False), ('oops', False)]
    >>> query_parts('* " ( -')
    []
"""

from __future__ import annotations

import re

__all__ = ["query_parts", "words"]

# A quoted phrase (optionally followed by * for a prefix on its last word), or a bare word.
_QUERY_PART = re.compile(r'"([^"]*)"(\*?)|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_WORD = re.compile(r"[^\W_]+")


def query_parts(query: str) -> list[tuple[str, bool]]:
    """The phrases of a user query, each ``(text, prefix)``, in the order typed."""
    query = _CONTROL.sub(" ", query)  # NUL ends an FTS5 string early; no control character is searchable
    parts: list[tuple[str, bool]] = []
    for m in _QUERY_PART.finditer(query):
        if m[3] is None:
            text, prefix = m[1], bool(m[2])
        else:
            word = m[3].replace('"', "")
            text, prefix = word.strip("*"), word.endswith("*")
        if any(ch.isalnum() for ch in text):
            parts.append((text.strip(), prefix))
    return parts


def words(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each run of letters and digits in ``text`` (the words a tokenizer sees).

    Example:
        >>> words("US-China's")
        [(0, 2), (3, 8), (9, 10)]
    """
    return [m.span() for m in _WORD.finditer(text)]
