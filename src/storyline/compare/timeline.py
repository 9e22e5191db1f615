"""The story's timeline: dated happenings, past and announced, merged across outlets.

Every day- or month-precise date an article resolves (and a year, when it lies after the reporting:
"later in 2026") is a candidate, carried by its sentence; a sentence keeps only its most precise date
("next year … in April" → 2026-04). Sentences of different articles with the same date are one item
when they speak of the same happening (shared content words or a less common entity); otherwise the
date gets several items. Each item counts its independent sources and is marked ``future`` when its date
lies after the latest publication date (announced or expected, not reported as done).

Example:
    >>> is_future("2026-04", "2025-11-24"), is_future("2025-11", "2025-11-24")
    (True, False)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..model import Article, Cite, TimelineItem
from .claims import content_stems, opens_with_pronoun, source_key

MERGE_OVERLAP = 0.2
MIN_WORDS = 6


def is_future(value: str, reference: str | None) -> bool:
    """True when the whole period ``value`` names starts after the period ``reference`` names."""
    if not reference:
        return False
    n = min(len(value), len(reference))
    return value[:n] > reference[:n]


def _sentence(a: Article, offset: int) -> tuple[int, int]:
    s = a.sentence_at(offset)
    if s is not None:
        return s.start, s.end
    for ps, pe in a.paragraphs:
        if ps <= offset < pe:
            return ps, pe
    return max(0, offset - 100), min(len(a.text), offset + 100)


def dated_sentences(a: Article, latest: str | None) -> list[tuple[str, int, int]]:
    """(date, sentence start, end) for an article: the most precise usable date of each sentence."""
    best: dict[tuple[int, int], str] = {}
    for d in a.dates:
        v = d.value
        if not v or "W" in v or "Q" in v:
            continue
        if len(v) < 7 and not is_future(v, latest):
            continue
        span = _sentence(a, d.start)
        if len(a.text[span[0] : span[1]].split()) < MIN_WORDS:  # a table cell or a dateline, not a happening
            continue
        old = best.get(span)
        if old is None or (len(v) > len(old) and v.startswith(old[:4])):
            best[span] = v
    return [(v, s, e) for (s, e), v in best.items()]


def _opens_on_quote(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and t[0] in "“\"‘'"


def _reads_badly(text: str) -> bool:
    """Out of its article, a sentence opening on a quote or a pronoun ("He said …") reads badly."""
    return _opens_on_quote(text) or opens_with_pronoun(text.lstrip())


def speaker_in(a: Article, start: int, end: int) -> str | None:
    """Who speaks in a sentence that reads badly out of its article ("“No one is contemplating that,” he said"):
    the resolved speaker of the first quote in it, when the sentence does not already name them."""
    text = a.text[start:end]
    if not _reads_badly(text):
        return None
    for q in a.quotes:
        if start <= q.start < end and q.speaker:
            named = set(re.findall(r"\w+", text))
            words = [w for w in q.speaker.split() if w[:1].isupper()]
            return None if any(w in named for w in words) else q.speaker  # "Wu added" names Wu Xinbo
    return None


def _same_happening(a: set[str], b: set[str], day: bool) -> bool:
    """Shared content words: a fifth of the shorter sentence's, or (for one exact day) any two."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / min(len(a), len(b)) >= MERGE_OVERLAP or (day and shared >= 2)


def timeline(members: Sequence[Article], limit: int = 30) -> list[TimelineItem]:
    """Dated happenings across the story, merged per date and happening, with their independent sources."""
    by_id = {a.id: a for a in members}
    pubs = [a.published for a in members if a.published]
    latest = max(pubs) if pubs else None
    per_date: dict[str, list[list[tuple[Article, int, int, set[str]]]]] = defaultdict(list)
    for a in members:
        for v, s, e in sorted(dated_sentences(a, latest)):
            words = set(content_stems(a.text[s:e]))
            groups = per_date[v]
            for g in groups:
                if all(h[0].id != a.id for h in g) and any(_same_happening(words, h[3], len(v) == 10) for h in g):
                    g.append((a, s, e, words))
                    break
            else:
                groups.append([(a, s, e, words)])
    items: list[TimelineItem] = []
    for v, groups in per_date.items():
        for g in groups:
            rep = min(g, key=lambda h: (_reads_badly(h[0].text[h[1] : h[2]]), abs((h[2] - h[1]) - 160), h[0].path))
            cites = [Cite(a.id, s, e) for a, s, e, _ in g]
            cites.sort(key=lambda c: (c.article_id != rep[0].id, c.article_id))
            items.append(
                TimelineItem(
                    date=v,
                    text=rep[0].text[rep[1] : rep[2]],
                    cites=cites,
                    sources=len({source_key(a, by_id) for a, _, _, _ in g}),
                    future=is_future(v, latest),
                    speaker=speaker_in(rep[0], rep[1], rep[2]),
                )
            )
    # a single outlet's quoted commentary that merely mentions a date other outlets report as a happening
    # ("“…,” Wu added, noting … Trump's visit to Beijing in April" beside "Trump will visit Beijing in April")
    reported = {t.date for t in items if t.sources >= 2}
    items = [t for t in items if not (t.sources < 2 and t.date in reported and _opens_on_quote(t.text))]
    items.sort(key=lambda t: (-t.sources, -len(t.cites), t.date))
    items = items[:limit]
    items.sort(key=lambda t: (t.date, -t.sources))
    return items


__all__ = ["dated_sentences", "is_future", "speaker_in", "timeline"]
