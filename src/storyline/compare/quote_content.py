"""How much of one quotation's content another carries: what makes a version a version of a quote.

Two reports of one speaker on one topic share the story's words (its names, its place, its subject) whatever
they say; what tells that they give the same statement is the statement's own, distinctive words. A quote's
content is its words less the stop words, stemmed (:func:`storyline.lexicon.stem`) and each news word family
read as one (``lexicon/paraphrase.toml``, as the alignment reads them: "cut" and "reduced" are one word). Each
word weighs its inverse frequency over the story's sentences, so a word every article uses ("Taiwan", "host",
"Oscars") counts for little and the statement's own ("option", "thrilled", "arithmetic") for much.

:func:`shared_content` is the weight two quotes share over the weight of the lighter one: a fragment ("no such
option as return") is carried whole by a long report that packs it with another statement ("return is not an
option … and described the island as a fully sovereign country"); a report of the other statement ("Taiwan is a
fully sovereign and independent country") carries none of it.

Example:
    >>> w = ContentWeights.of(["Return is no option.", "Taiwan is sovereign.", "Taiwan is independent."])
    >>> round(w.shared("there is no such option as return", "Taiwan is a fully sovereign country"), 2)
    0.0
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..model import Article
from .align import FAMILY
from .tfidf import word_tokens


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """A family word's stem, and its inflected forms' stems, → the family's first word (stemmed): the alignment's
    families (:data:`.align.FAMILY`) read on stems, as quotes are compared without a parse."""
    members: dict[str, list[str]] = {}
    for word, head in FAMILY.items():
        members.setdefault(head, [head]).append(word)
    out: dict[str, str] = {}
    for head, words in members.items():
        for w in words:
            for form in (w, w + "s", w + "ed", w + "ing", w + "d"):
                out.setdefault(lexicon.stem(form), lexicon.stem(head))
    return out


@lru_cache(maxsize=8192)
def content(text: str) -> frozenset[str]:
    """The content words of ``text``: stop words out, stemmed, each news word family read as its first word.

    Example:
        >>> sorted(content("The cuts were reduced"))
        ['cut']
    """
    fam = _families()
    return frozenset(fam.get(s, s) for s in (lexicon.stem(w) for w in word_tokens(text)))


@dataclass(frozen=True, slots=True)
class ContentWeights:
    """Each content word's weight: its inverse frequency ``log((n + 1) / df)`` over the ``n`` sentences it is
    counted on (a word every sentence holds weighs little, ``log(1 + 1/n)``, not ``log(1 + n/df)``'s ``log 2``: a
    story's own words should not outweigh what a statement adds; one no sentence holds weighs as the rarest)."""

    idf: dict[str, float]
    rarest: float

    @classmethod
    def of(cls, sentences: Iterable[str]) -> ContentWeights:
        df: Counter[str] = Counter()
        n = 0
        for s in sentences:
            n += 1
            df.update(content(s))
        n = max(n, 1)
        return cls({w: math.log((n + 1) / k) for w, k in df.items()}, math.log(n + 1))

    @classmethod
    def of_articles(cls, articles: Sequence[Article]) -> ContentWeights:
        """Weights over the sentences of ``articles`` (the story's)."""
        return cls.of(a.text[s.start : s.end] for a in articles for s in a.sentences)

    def weight(self, words: Iterable[str]) -> float:
        return sum(self.idf.get(w, self.rarest) for w in words)

    def overlap(self, a: str, b: str) -> float:
        """The weight of the content ``a`` and ``b`` share."""
        return self.weight(content(a) & content(b))

    def shared(self, a: str, b: str) -> float:
        """The weight of the content ``a`` and ``b`` share over the lighter one's (0 when either has none)."""
        ca, cb = content(a), content(b)
        lighter = min(self.weight(ca), self.weight(cb))
        return self.weight(ca & cb) / lighter if lighter > 0 else 0.0


__all__ = ["ContentWeights", "content"]
