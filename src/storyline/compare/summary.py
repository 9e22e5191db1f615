"""A short extractive summary of a story: most-corroborated statements first, each citing its sources.

Sentences come from the story's claims (statements two or more independent sources report), ranked by
independent sources, then by how early they come in their articles; a candidate that repeats one already
chosen is skipped. A story without such claims (one article) falls back to its key sentences. Nothing is
written that no article says: a summary sentence is an article's own words (first letter capitalised).

Example:
    >>> as_sentence("xi is expected to visit Washington later in 2026")
    'Xi is expected to visit Washington later in 2026.'
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Claim, SummarySentence
from .claims import content_stems, outlet_label

REPEAT_OVERLAP = 0.35


def as_sentence(text: str) -> str:
    """A clause as a sentence: capital first letter and final punctuation."""
    t = " ".join(text.split()).rstrip(",;:—– ")
    if not t:
        return t
    t = t[0].upper() + t[1:]
    return t if t[-1] in '.!?”"’)' else t + "."


def _repeats(words: set[str], chosen: Sequence[set[str]]) -> bool:
    return any(words and c and len(words & c) / min(len(words), len(c)) > REPEAT_OVERLAP for c in chosen)


def summarize(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    fallback: Sequence[SummarySentence] = (),
    words: int = 100,
) -> list[SummarySentence]:
    """Pick sentences until about ``words`` words: facts and account comparisons, most sources first.

    Args:
        claims: the story's claims (quote claims are left to the quotes section).
        articles: the story's articles, for the outlet labels of the cites.
        fallback: sentences to use when there are no claims (e.g. the key sentences).
        words: the word budget; the first sentence is always kept.
    """
    by_id = {a.id: a for a in articles}
    ranked = sorted(
        (c for c in claims if c.kind in ("fact", "account") and c.support),
        key=lambda c: (-c.sources, c.kind == "account"),
    )
    candidates = [SummarySentence(text=as_sentence(c.text), cites=list(c.support), claim_id=c.id) for c in ranked] or [
        SummarySentence(text=s.text, cites=list(s.cites)) for s in fallback
    ]
    out: list[SummarySentence] = []
    chosen: list[set[str]] = []
    used = 0
    for s in candidates:
        n = len(s.text.split())
        if out and used + n > words:
            continue
        w = set(content_stems(s.text))
        if _repeats(w, chosen):
            continue
        s.sources = [outlet_label(by_id[c.article_id]) if c.article_id in by_id else c.article_id for c in s.cites]
        out.append(s)
        chosen.append(w)
        used += n
    return out


__all__ = ["as_sentence", "summarize"]
