"""Grouping articles into stories: same event, not merely the same actors.

Word or embedding similarity alone puts two Xi–Trump phone calls ten months apart together, so an
article is compared with a story on three signals:

* **content**: TF-IDF cosine over content words (idf from the whole corpus, so words every article
  shares weigh nothing);
* **entities**: idf-weighted overlap of the canonical people, organisations and places;
* **time**: the days the articles date their events to. Two articles whose main event dates lie
  more than ``max_days_apart`` apart are different events, however similar their words.

Assignment is incremental: existing stories keep their members; each new article joins the story
it is most similar to (average over that story's members) if the score passes ``threshold``, or
opens a new story.

Example:
    >>> cfg = ClusterConfig()
    >>> cfg.threshold
    0.3
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..analyse.dates import to_date
from ..model import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
STOPWORDS = frozenset(
    """the and for that with this from have has had was were are been being will would could should can may
    might must not but his her its their they them she him who whom which what when where why how than then
    there here into onto over under about after before also just more most some such only other any each
    both said says say told tell added according one two new year years last next week month day time
    while said its it's our out off very being because those these again against between through during
    all own same few many much now even still yet did does done per via upon within without""".split()
)
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})


@dataclass(slots=True)
class ClusterConfig:
    threshold: float = 0.3
    w_content: float = 0.6
    w_entities: float = 0.4
    max_days_apart: int = 14
    date_penalty: float = 0.25  # multiply the score by this when main event dates disagree


@dataclass(slots=True)
class Features:
    article_id: str
    tokens: Counter[str]
    entities: set[str]
    main_date: dt.date | None


_SUFFIX = re.compile(r"(?:'s|ings?|edly|ed|es|s)$")


def stem(word: str) -> str:
    """A deliberately light stemmer: "floods", "flooded", "flooding" → "flood"."""
    w = word.lower().replace("’", "'")
    if len(w) > 4:
        w = _SUFFIX.sub("", w, count=1) if len(_SUFFIX.sub("", w, count=1)) >= 3 else w
    return w


def tokens(text: str) -> Counter[str]:
    return Counter(stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS)


def main_event_date(article: Article, lead_paragraphs: int = 3) -> dt.date | None:
    """The day the article's news happened, when its lead says so.

    Only day-precision dates in the first ``lead_paragraphs`` paragraphs count (a date deep in the
    text is usually background: "the flare-up began on Nov. 7"); a date after publication (an
    announced future) does not count. Ties go to the date mentioned first.
    """
    pub = to_date(article.published)
    if len(article.paragraphs) > lead_paragraphs:
        lead_end = article.paragraphs[lead_paragraphs - 1][1]
    else:
        lead_end = len(article.text) if len(article.paragraphs) > 0 else min(len(article.text), 1200)
    score: Counter[dt.date] = Counter()
    first: dict[dt.date, int] = {}
    for d in article.dates:
        day = to_date(d.value)
        if day is None or d.start >= lead_end or (pub and day > pub + dt.timedelta(days=1)):
            continue
        score[day] += 1
        first.setdefault(day, d.start)
    if not score:
        return None
    return max(score, key=lambda k: (score[k], -first[k]))


def features(article: Article) -> Features:
    ents = {m.entity_id for m in article.mentions if m.entity_id and m.label in ENTITY_TYPES}
    body = f"{article.title or ''}\n{article.text}"
    return Features(article.id, tokens(body), ents, main_event_date(article))


class Similarity:
    """Pairwise similarity over a fixed set of article features (idf from that set)."""

    def __init__(self, feats: Sequence[Features], cfg: ClusterConfig) -> None:
        self.cfg = cfg
        self.feats = list(feats)
        self.index = {f.article_id: i for i, f in enumerate(self.feats)}
        n = len(self.feats)
        df: Counter[str] = Counter()
        edf: Counter[str] = Counter()
        for f in self.feats:
            df.update(f.tokens.keys())
            edf.update(f.entities)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self.eidf = {e: math.log((n + 1) / (c + 0.5)) for e, c in edf.items()}
        vocab = {w: i for i, w in enumerate(sorted(df))}
        mat = np.zeros((n, len(vocab)), dtype=np.float32)
        for i, f in enumerate(self.feats):
            for w, c in f.tokens.items():
                mat[i, vocab[w]] = (1 + math.log(c)) * self.idf[w]
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        norms[norms == 0] = 1
        mat /= norms
        self.content = mat @ mat.T

    def entity_overlap(self, a: Features, b: Features) -> float:
        if not a.entities or not b.entities:
            return 0.0
        inter = sum(self.eidf[e] for e in a.entities & b.entities)
        smaller = min(sum(self.eidf[e] for e in a.entities), sum(self.eidf[e] for e in b.entities))
        return inter / smaller if smaller > 0 else 0.0

    def score(self, a_id: str, b_id: str) -> float:
        i, j = self.index[a_id], self.index[b_id]
        a, b = self.feats[i], self.feats[j]
        content = float(self.content[i, j])
        if a.entities or b.entities:
            s = self.cfg.w_content * content + self.cfg.w_entities * self.entity_overlap(a, b)
        else:  # nothing to compare but words
            s = content
        if a.main_date and b.main_date and abs((a.main_date - b.main_date).days) > self.cfg.max_days_apart:
            s *= self.cfg.date_penalty
        return s


def assign_stories(
    articles: Sequence[Article],
    existing: dict[str, list[str]],
    cfg: ClusterConfig | None = None,
) -> dict[str, list[str]]:
    """Assign every article not yet in ``existing`` (story id → article ids) to a story.

    Returns the new mapping (existing stories keep their members; new story ids are ``s<N>``).
    """
    cfg = cfg or ClusterConfig()
    feats = [features(a) for a in articles]
    sim = Similarity(feats, cfg)
    stories = {sid: list(ids) for sid, ids in existing.items()}
    placed = {aid for ids in stories.values() for aid in ids}
    next_n = 1 + max((int(s[1:]) for s in stories if s[1:].isdigit()), default=0)
    for f in feats:
        if f.article_id in placed:
            continue
        best_sid, best = None, -1.0
        for sid, members in stories.items():
            members = [m for m in members if m in sim.index]
            if not members:
                continue
            s = sum(sim.score(f.article_id, m) for m in members) / len(members)
            if s > best:
                best_sid, best = sid, s
        if best_sid is not None and best >= cfg.threshold:
            stories[best_sid].append(f.article_id)
        else:
            sid = f"s{next_n}"
            next_n += 1
            stories[sid] = [f.article_id]
        placed.add(f.article_id)
    return stories


def similarity_matrix(articles: Sequence[Article], cfg: ClusterConfig | None = None) -> tuple[list[str], np.ndarray]:
    """All pairwise scores, for inspection and for the benchmark."""
    cfg = cfg or ClusterConfig()
    feats = [features(a) for a in articles]
    sim = Similarity(feats, cfg)
    ids = [f.article_id for f in feats]
    out = np.zeros((len(ids), len(ids)))
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            out[i, j] = sim.score(a, b)
    return ids, out
