"""Search in the PostgreSQL store: a user query as a ``tsquery``, and snippets marked as SQLite's FTS5 marks them.

Each phrase of the query (:func:`storyline.store.query.query_parts`) becomes ``phraseto_tsquery`` of its text
(its words stemmed, in order, next to each other), a prefix phrase ends in ``to_tsquery('word:*')``, and the
phrases are joined with ``&&``; what the user typed only ever travels as a query parameter, so no input can
break the query. PostgreSQL's ``ts_headline`` marks each matching word on its own (``[[rare]] [[earths]]``,
``[[US]]-[[China]]``) where FTS5 marks a phrase match as one span, so :func:`join_phrases` joins the marks of
words that match a phrase of the query one after another.

Example:
    >>> tsquery_sql([("rare earths", False), ("tarif", True)])[1]
    ['rare earths', '', 'tarif:*']
    >>> join_phrases("Xi's aides met [[US]]-[[China]] envoys.", [("US-China", False)])
    "Xi's aides met [[US-China]] envoys."
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.store.base import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from storyline.store.query import words

__all__ = ["CONFIG", "HEADLINE_OPTIONS", "join_phrases", "tsquery_sql"]

CONFIG = "storyline_english"
"""The text search configuration made by the first migration: Snowball English stems, no stop words."""
HEADLINE_OPTIONS = f"StartSel={HIGHLIGHT_OPEN}, StopSel={HIGHLIGHT_CLOSE}, HighlightAll=true"
"""``ts_headline`` options: the whole sentence, each match between the markers :class:`SearchHit` uses."""

_PHRASE = f"phraseto_tsquery('{CONFIG}', %s)"
_PREFIX = f"tsquery_phrase(phraseto_tsquery('{CONFIG}', %s), to_tsquery('{CONFIG}', %s))"
_MARKED = re.compile(re.escape(HIGHLIGHT_OPEN) + "(.*?)" + re.escape(HIGHLIGHT_CLOSE), re.S)


def tsquery_sql(parts: Sequence[tuple[str, bool]]) -> tuple[str, list[str]]:
    """The SQL expression of a ``tsquery`` matching every phrase, and its parameters.

    A prefix phrase's last word (letters and digits only, so ``to_tsquery`` reads it as one word) is searched
    as a prefix; an empty ``phraseto_tsquery`` (nothing but punctuation) matches nothing and adds nothing.
    """
    sql: list[str] = []
    params: list[str] = []
    for text, prefix in parts:
        spans = words(text)
        if prefix and spans:
            start, end = spans[-1]
            sql.append(_PREFIX)
            params += [text[:start], text[start:end] + ":*"]
        else:
            sql.append(_PHRASE)
            params.append(text)
    return "(" + " && ".join(sql) + ")" if sql else "''::tsquery", params


def join_phrases(snippet: str, parts: Sequence[tuple[str, bool]]) -> str:
    """Mark each run of marked words that matches a phrase of the query as one span, as FTS5 does.

    Words between one phrase's matches are the same words in the same order (the query is a phrase query),
    so a run of marked words, only punctuation or spaces apart, as long as a phrase of two or more words and
    alike word by word (stemmed forms share their start), is that phrase's match.

    Example:
        >>> join_phrases("[[Tariffs]] [[rose]] by 25%.", [("tariffs", False), ("rose", False)])
        '[[Tariffs]] [[rose]] by 25%.'
        >>> join_phrases("Beijing curbed [[rare]] [[earths]] exports.", [("rare earth", False)])
        'Beijing curbed [[rare earths]] exports.'
    """
    phrases = [[text[s:e].lower() for s, e in words(text)] for text, _ in parts]
    phrases = [p for p in phrases if len(p) > 1]
    if not phrases or HIGHLIGHT_OPEN not in snippet:
        return snippet
    text, marks = _unmark(snippet)
    tokens = words(text)
    marked = [any(s < me and ms < e for ms, me in marks) for s, e in tokens]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        n = next((len(p) for p in phrases if _matches(text, tokens, marked, i, p)), 0)
        if n:
            spans.append((tokens[i][0], tokens[i + n - 1][1]))
            i += n
        else:
            i += 1
    if not spans:
        return snippet
    kept = [m for m in marks if not any(s <= m[0] and m[1] <= e for s, e in spans)]
    return _mark(text, sorted(kept + spans))


def _matches(text: str, tokens: list[tuple[int, int]], marked: list[bool], i: int, phrase: list[str]) -> bool:
    n = len(phrase)
    if i + n > len(tokens) or not all(marked[i : i + n]):
        return False
    for k in range(n - 1):  # only punctuation or spaces between the phrase's words
        if any(ch.isalnum() for ch in text[tokens[i + k][1] : tokens[i + k + 1][0]]):
            return False
    return all(_alike(text[s:e].lower(), w) for (s, e), w in zip(tokens[i : i + n], phrase, strict=True))


def _alike(a: str, b: str) -> bool:
    """Two words that may stem alike: they share a start all but their last two letters long."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= max(1, min(len(a), len(b)) - 2)


def _unmark(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers, and the ``(start, end)`` of each marked stretch in it."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = at = 0
    for m in _MARKED.finditer(snippet):
        out.append(snippet[pos : m.start()])
        at += m.start() - pos
        marks.append((at, at + len(m[1])))
        out.append(m[1])
        at += len(m[1])
        pos = m.end()
    out.append(snippet[pos:])
    return "".join(out), marks


def _mark(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out += [text[pos:s], HIGHLIGHT_OPEN, text[s:e], HIGHLIGHT_CLOSE]
        pos = e
    out.append(text[pos:])
    return "".join(out)
