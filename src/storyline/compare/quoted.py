"""Quotations across sentences: whether a sentence's quote marks pair up, and the sentences that hold a whole
quotation of several sentences, so that a row, an item or a summary sentence never shows half of one ("The usual
discounts simply do not work,” an analyst said." after "“Buyers are staying home.")."""

from __future__ import annotations

from ..model import Article

#: Quotation marks typed as pairs of ASCII characters, as in wire text of the 1990s (AP, NYT: ``It was a panic,''
#: he said.), read as the typographic marks they stand for.
ASCII_QUOTES = (("``", "“"), ("''", "”"))
#: Most sentences and words a sentence may grow to when it is a piece of a longer quotation.
QUOTE_SENTENCES = 3
QUOTE_WORDS = 70


def typographic(text: str) -> str:
    """``text`` with :data:`ASCII_QUOTES` as the marks they stand for."""
    for typed, mark in ASCII_QUOTES:
        text = text.replace(typed, mark)
    return text


def outside_quotes(text: str) -> tuple[str, bool]:
    """The text outside quotation marks, and whether every quotation that opens also closes.

    Example:
        >>> outside_quotes("“We will win,” she said.")
        (' she said.', True)
        >>> outside_quotes("The usual discounts do not work,” he said.")[1]
        False
    """
    text = typographic(text)
    out, inside = [], False
    for ch in text:
        if ch == "“" or (ch == '"' and not inside):
            inside = True
        elif ch == "”" or ch == '"':
            if not inside:
                return "", False  # a quotation closing that opened in an earlier sentence
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out), not inside


def quotes_balanced(text: str) -> bool:
    """Whether every quotation ``text`` opens also closes in it, and none closes that opened before it: not a piece
    of a quotation of several sentences ("The programs do not resonate,” an analyst said.")."""
    return outside_quotes(text)[1]


def whole_quote(a: Article, span: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence ``span``, or — when it is a piece of a quotation of several sentences — the sentences of its
    paragraph that hold the whole quotation; None when that takes more than :data:`QUOTE_SENTENCES` sentences or
    :data:`QUOTE_WORDS` words, or the span is no sentence of the article."""
    if quotes_balanced(a.text[span[0] : span[1]]):
        return span
    sents = [(x.start, x.end) for x in a.sentences]
    if span not in sents:
        return None
    k = sents.index(span)
    for extra in range(1, QUOTE_SENTENCES):
        for before in range(extra, -1, -1):
            i, j = k - before, k + extra - before
            if i < 0 or j >= len(sents):
                continue
            s, e = sents[i][0], sents[j][1]
            text = a.text[s:e]
            if "\n" not in text and quotes_balanced(text):
                return (s, e) if len(text.split()) <= QUOTE_WORDS else None
    return None


__all__ = ["ASCII_QUOTES", "outside_quotes", "quotes_balanced", "typographic", "whole_quote"]
