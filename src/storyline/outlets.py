"""How an outlet is named where it is shown: its own name, or a short form of the file name when nothing names one.

Light on purpose (the model alone): listings, search hits and the web app's pages name outlets without loading the
comparison stages (:mod:`storyline.compare.claims` uses these too).

Example:
    >>> source_label(None, "in/000_307876002f6af93f.txt"), source_label("Reuters", "a.txt")
    ('unnamed outlet (000_30787600…)', 'Reuters')
"""

from __future__ import annotations

from .model import Article

#: Longest file name shown whole in an unnamed outlet's label; a longer one is cut to two characters less, with "…".
SHORT_NAME = 14


def outlet_label(a: Article) -> str:
    """The outlet's name, or — when nothing names one — "unnamed outlet" with a short form of the file name
    (each unnamed file is its own source: two are never counted as one outlet).

    Example:
        >>> outlet_label(Article(id="a", path="in/000_307876002f6af93f.txt", raw=""))
        'unnamed outlet (000_30787600…)'
    """
    return source_label(a.source, a.path)


def source_label(source: str | None, path: str) -> str:
    """:func:`outlet_label` from an article's source and file path alone (a search hit carries no more)."""
    if source:
        return source
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0].rsplit(".", 1)[0]
    return f"unnamed outlet ({stem if len(stem) <= SHORT_NAME else stem[: SHORT_NAME - 2] + '…'})"
