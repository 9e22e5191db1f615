"""What a story is made of once its articles are known: title, event date, timeline, key sentences.

Everything here cites ``(article_id, start, end)``; nothing is written that no article says.

Example:
    >>> story_title([])
    'Untitled story'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Article, Cite, Entity, Story, SummarySentence, TimelineItem
from .cluster import main_event_date, tokens
from .dedup import independent_count

MAX_SENTENCES_PER_ARTICLE = 25
MAX_ARTICLES = 60


def build_story(sid: str, members: Sequence[Article], entities: Sequence[Entity]) -> Story:
    """A :class:`Story` from its member articles (the entities are the corpus's canonical ones)."""
    originals = [a for a in members if not a.duplicate_of] or list(members)
    event_date, why = story_event_date(members)
    return Story(
        id=sid,
        title=story_title(originals),
        event_date=event_date,
        event_date_why=why,
        article_ids=[a.id for a in members],
        independent_sources=independent_count(members),
        timeline=timeline(originals),
        key_sentences=key_sentences(originals),
    )


def story_title(members: Sequence[Article]) -> str:
    """The headline of the most central article that has a real headline."""
    if not members:
        return "Untitled story"
    toks = [tokens(f"{a.title or ''} {a.text}") for a in members]

    def cos(x: Counter[str], y: Counter[str]) -> float:
        num = sum(v * y.get(k, 0) for k, v in x.items())
        den = (sum(v * v for v in x.values()) ** 0.5) * (sum(v * v for v in y.values()) ** 0.5)
        return num / den if den else 0.0

    def centrality(i: int) -> float:
        return sum(cos(toks[i], toks[j]) for j in range(len(members)) if j != i)

    ranked = sorted(
        range(len(members)),
        key=lambda i: (members[i].title_how in ("text", "metadata"), centrality(i)),
        reverse=True,
    )
    best = members[ranked[0]]
    return best.title or best.display_title


def story_event_date(members: Sequence[Article]) -> tuple[str | None, str | None]:
    """The event date most of the story's articles give in their lead, with a human explanation."""
    votes: Counter[dt.date] = Counter()
    for a in members:
        d = main_event_date(a)
        if d:
            votes[d] += 1
    if not votes:
        return None, "no article dates the event in its lead"
    best = max(votes, key=lambda d: (votes[d], -d.toordinal()))
    return (
        best.isoformat(),
        f"{votes[best]} of {len(members)} articles date the event to {best.isoformat()} in their lead",
    )


def _sentence_of(a: Article, offset: int) -> tuple[int, int]:
    s = a.sentence_at(offset)
    if s is not None:
        return s.start, s.end
    # fall back to the paragraph
    for ps, pe in a.paragraphs:
        if ps <= offset < pe:
            return ps, pe
    return max(0, offset - 100), min(len(a.text), offset + 100)


def timeline(members: Sequence[Article], limit: int = 30) -> list[TimelineItem]:
    """Dated happenings: every resolved day- or month-precision date, with the sentences that carry it."""
    groups: dict[str, list[tuple[Article, int, int]]] = defaultdict(list)
    for a in members:
        seen: set[str] = set()
        for d in a.dates:
            v = d.value
            if not v or "W" in v or "Q" in v or len(v) < 7:
                continue
            s, e = _sentence_of(a, d.start)
            if v in seen:  # one citation per article and date
                continue
            seen.add(v)
            groups[v].append((a, s, e))
    items: list[TimelineItem] = []
    for v, hits in groups.items():
        n_articles = len({a.id for a, _, _ in hits})
        rep = min(hits, key=lambda h: (abs((h[2] - h[1]) - 160), h[0].path))
        text = rep[0].text[rep[1] : rep[2]]
        cites = [Cite(a.id, s, e) for a, s, e in hits]
        items.append(TimelineItem(date=v, text=text, cites=cites))
        items[-1].cites.sort(key=lambda c: (c.article_id != rep[0].id, c.article_id))
        _ = n_articles
    # keep the most reported dates, then order by date
    items.sort(key=lambda t: (-len({c.article_id for c in t.cites}), t.date))
    items = items[:limit]
    items.sort(key=lambda t: (t.date, -len(t.cites)))
    return items


def _overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's content words found in the other (catches paraphrased repeats)."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def key_sentences(members: Sequence[Article], k: int = 6) -> list[SummarySentence]:
    """The sentences most corroborated across articles, without repeats, each citing its sources."""
    arts = list(members)[:MAX_ARTICLES]
    rows: list[tuple[Article, int, int, int]] = []  # article, start, end, rank in article
    for a in arts:
        for r, s in enumerate(a.sentences[:MAX_SENTENCES_PER_ARTICLE]):
            words = a.text[s.start : s.end].split()
            if len(words) < 8 or len(words) > 60 or a.text[s.end - 1 : s.end] == "?":
                continue
            rows.append((a, s.start, s.end, r))
    if not rows:
        return []
    texts = [a.text[s:e] for a, s, e, _ in rows]
    try:
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # empty vocabulary
        return []
    sim = (x @ x.T).toarray()
    owner = np.array([arts.index(a) for a, _, _, _ in rows])
    n_art = len(arts)
    scores = np.zeros(len(rows))
    for i in range(len(rows)):
        best_per_article = np.zeros(n_art)
        for j in np.nonzero(sim[i] > 0)[0]:
            if owner[j] != owner[i]:
                best_per_article[owner[j]] = max(best_per_article[owner[j]], sim[i, j])
        lead_bonus = 0.15 / (1 + rows[i][3])
        scores[i] = best_per_article.sum() + lead_bonus
    chosen: list[int] = []
    for i in np.argsort(-scores):
        if len(chosen) >= k:
            break
        if any(sim[i, j] > 0.3 or _overlap(texts[i], texts[j]) > 0.4 for j in chosen):
            continue
        chosen.append(int(i))
    out = []
    for i in chosen:
        a, start, end, _ = rows[i]
        cites = [Cite(a.id, start, end)]
        used = {a.id}
        for j in np.argsort(-sim[i]):
            if sim[i, j] < 0.3:
                break
            aj = rows[j][0]
            if aj.id not in used:
                cites.append(Cite(aj.id, rows[j][1], rows[j][2]))
                used.add(aj.id)
        out.append(SummarySentence(text=a.text[start:end], cites=cites))
    return out
