"""Grouping articles into stories: same event, not merely the same actors.

Word or embedding similarity alone puts two Xi–Trump phone calls ten months apart together, or two
arrests of the same team's players a month apart, so a pair of articles is scored on four signals:

* **content**: TF-IDF cosine over lightly stemmed content words (scikit-learn, sublinear tf);
* **entities**: idf-weighted overlap of the canonical people, organisations and places, normalised by
  the geometric mean of the two articles' entity weights (cosine on idf-weighted sets);
* **people**: who each article is about — each person's share of its PERSON mentions (lead mentions
  count double); the overlap of the two distributions is added to the score. When both headlines
  (or first sentences) name people and none is the same, the articles are about different people
  and the score is cut (Jackson's arrest vs Williams's arrest, the same team and charge);
* **time**: what each article's lead says about when its news happened — a full date, a month and
  day without a year ("November 24"), or a weekday ("on Monday"). Agreeing signatures raise the
  score; disagreeing ones (dates weeks apart, 24 November vs a Friday) cut it.

Stories are formed by average-linkage agglomeration with a threshold (no number of stories is
given). It is incremental: stories already stored keep their members and are never merged with
each other; new articles join them or form new stories.

Example:
    >>> ClusterConfig().threshold
    0.2
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..analyse.dates import month_day, to_date, weekday_of
from ..model import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
STOPWORDS = frozenset(
    """the and for that with this from have has had was were are been being will would could should can may
    might must not but his her its their they them she him who whom which what when where why how than then
    there here into onto over under about after before also just more most some such only other any each
    both said says say told tell added according one two new year years last next week month day time
    while its it's our out off very because those these again against between through during
    all own same few many much now even still yet did does done per via upon within without""".split()
)
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})
_SUFFIX = re.compile(r"(?:'s|ings?|edly|ed|es|s)$")


@dataclass(slots=True)
class ClusterConfig:
    threshold: float = 0.2
    w_content: float = 0.7
    w_entities: float = 0.3
    max_days_apart: int = 14
    date_agree_bonus: float = 0.15  # same full date / same month-day
    date_conflict: float = 0.1  # multiply when dates disagree by more than max_days_apart
    weekday_agree_bonus: float = 0.04
    weekday_conflict: float = 0.75  # multiply when the lead's weekday contradicts the other's date
    lead_paragraphs: int = 3
    w_persons: float = 0.3  # added × overlap of the two articles' person distributions
    headline_person_conflict: float = 0.5  # multiply when both headlines name people, none in common


@dataclass(slots=True)
class TimeSig:
    """When an article's lead says its news happened."""

    date: dt.date | None = None
    month_day: tuple[int, int] | None = None
    weekday: int | None = None


@dataclass(slots=True)
class Features:
    article_id: str
    text: str
    entities: set[str]
    time: TimeSig
    persons: dict[str, float] = field(default_factory=dict)  # person key → share of PERSON mentions
    headline_persons: set[str] = field(default_factory=set)  # keys of the people the headline names


def stem(word: str) -> str:
    """A deliberately light stemmer: "floods", "flooded", "flooding" → "flood"."""
    w = word.lower().replace("’", "'")
    if len(w) > 4:
        cut = _SUFFIX.sub("", w, count=1)
        if len(cut) >= 3:
            w = cut
    return w


def tokens(text: str) -> Counter[str]:
    return Counter(stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS)


def _analyzer(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS]


def _lead_end(article: Article, n: int) -> int:
    if len(article.paragraphs) > n:
        return article.paragraphs[n - 1][1]
    return len(article.text) if article.paragraphs else min(len(article.text), 1200)


def main_event_date(article: Article, lead_paragraphs: int = 3) -> dt.date | None:
    """The day the article's news happened, when its lead says so.

    Only day-precision dates in the first ``lead_paragraphs`` paragraphs count (a date deep in the
    text is usually background: "the flare-up began on Nov. 7"); a date after publication (an
    announced future) does not count. Ties go to the date mentioned first.
    """
    pub = to_date(article.published)
    lead_end = _lead_end(article, lead_paragraphs)
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


def time_signature(article: Article, lead_paragraphs: int = 3) -> TimeSig:
    """Full date, month-day or weekday of the article's news, from its lead."""
    sig = TimeSig(date=main_event_date(article, lead_paragraphs))
    lead_end = _lead_end(article, lead_paragraphs)
    for d in article.dates:
        if d.start >= lead_end:
            continue
        if sig.month_day is None and d.value is None:
            sig.month_day = month_day(d.text)
        if sig.weekday is None and d.how in ("weekday", "needs-date"):
            sig.weekday = weekday_of(d.text)
    if sig.date is not None:
        sig.month_day = sig.month_day or (sig.date.month, sig.date.day)
    return sig


def _surname(name: str) -> str:
    parts = _WORD.findall(name.replace("’", "'"))
    return parts[-1].lower().removesuffix("'s") if parts else ""


def people(article: Article, lead_paragraphs: int = 3) -> tuple[dict[str, float], set[str]]:
    """Who the article is about: each person's share of its PERSON mentions, and who its headline names.

    A person's key is the surname of its longest mention in the article ("Xi" and "Xi Jinping", one
    canonical entity, are one person; an un-merged "O'Brien" still meets "Jim O'Brien"). Mentions in
    the lead count double. The headline is the title and the first sentence; a person is named there
    when any word of any of its mentions is.
    """
    lead_end = _lead_end(article, lead_paragraphs)
    longest: dict[str, str] = {}
    for m in article.mentions:
        if m.label == "PERSON" and m.entity_id and len(m.text) > len(longest.get(m.entity_id, "")):
            longest[m.entity_id] = m.text
    weight: Counter[str] = Counter()
    words: dict[str, set[str]] = {}
    for m in article.mentions:
        if m.label != "PERSON":
            continue
        key = _surname(longest.get(m.entity_id or "", m.text))
        if not key:
            continue
        weight[key] += 2 if m.start < lead_end else 1
        words.setdefault(key, set()).update(w.lower().removesuffix("'s") for w in _WORD.findall(m.text))
    total = sum(weight.values())
    shares = {k: v / total for k, v in weight.items()} if total else {}
    first_end = article.sentences[0].end if article.sentences else min(len(article.text), 300)
    head = f"{article.title or ''} {article.text[:first_end]}".replace("’", "'")
    head_words = {w.lower().removesuffix("'s") for w in _WORD.findall(head)}
    return shares, {k for k, ws in words.items() if ws & head_words}


def features(article: Article, lead_paragraphs: int = 3) -> Features:
    ents = {m.entity_id for m in article.mentions if m.entity_id and m.label in ENTITY_TYPES}
    persons, headline = people(article, lead_paragraphs)
    return Features(
        article.id,
        f"{article.title or ''}\n{article.text}",
        ents,
        time_signature(article, lead_paragraphs),
        persons,
        headline,
    )


def person_factor(a: Features, b: Features, cfg: ClusterConfig) -> tuple[float, float]:
    """(multiplier, addend) from who the two articles are about."""
    add = 0.0
    if a.persons and b.persons:
        add = cfg.w_persons * sum(min(v, b.persons.get(k, 0.0)) for k, v in a.persons.items())
    if a.headline_persons and b.headline_persons and not a.headline_persons & b.headline_persons:
        return cfg.headline_person_conflict, add
    return 1.0, add


def time_factor(a: TimeSig, b: TimeSig, cfg: ClusterConfig) -> tuple[float, float]:
    """(multiplier, bonus) for two time signatures."""
    if a.date and b.date:
        if abs((a.date - b.date).days) > cfg.max_days_apart:
            return cfg.date_conflict, 0.0
        return 1.0, cfg.date_agree_bonus if abs((a.date - b.date).days) <= 1 else 0.0
    if a.month_day and b.month_day:
        if a.month_day == b.month_day:
            return 1.0, cfg.date_agree_bonus
        (ma, da), (mb, db) = a.month_day, b.month_day
        gap = abs((dt.date(2001, ma, min(da, 28)) - dt.date(2001, mb, min(db, 28))).days)
        if min(gap, 365 - gap) > cfg.max_days_apart:
            return cfg.date_conflict, 0.0
        return 1.0, 0.0
    # a weekday against a full date or another weekday
    wa = a.weekday if a.weekday is not None else (a.date.weekday() if a.date else None)
    wb = b.weekday if b.weekday is not None else (b.date.weekday() if b.date else None)
    if wa is not None and wb is not None:
        return (1.0, cfg.weekday_agree_bonus) if wa == wb else (cfg.weekday_conflict, 0.0)
    return 1.0, 0.0


def pair_scores(feats: Sequence[Features], cfg: ClusterConfig) -> np.ndarray:
    """The n × n similarity matrix used for clustering."""
    n = len(feats)
    if n == 0:
        return np.zeros((0, 0))
    try:
        x = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform([f.text for f in feats])
        content = (x @ x.T).toarray()
    except ValueError:  # no words at all
        content = np.zeros((n, n))
    edf: Counter[str] = Counter()
    for f in feats:
        edf.update(f.entities)
    eidf = {e: math.log((n + 1) / (c + 0.5)) for e, c in edf.items()}
    ew = [sum(eidf[e] for e in f.entities) for f in feats]
    out = np.zeros((n, n))
    for i in range(n):
        out[i, i] = 1.0
        for j in range(i + 1, n):
            a, b = feats[i], feats[j]
            if a.entities and b.entities:
                # Ochiai (cosine on idf-weighted sets), not the overlap coefficient: normalising by the
                # smaller set made an article naming only "New Zealand" match every article naming it.
                norm = math.sqrt(ew[i] * ew[j])
                ent = sum(eidf[e] for e in a.entities & b.entities) / norm if norm > 0 else 0.0
                s = cfg.w_content * content[i, j] + cfg.w_entities * ent
            else:
                s = content[i, j]
            pmult, padd = person_factor(a, b, cfg)
            s = (s + padd) * pmult
            mult, bonus = time_factor(a.time, b.time, cfg)
            out[i, j] = out[j, i] = s * mult + bonus * (1 if s > cfg.threshold / 2 else 0)
    return out


def agglomerate(sim: np.ndarray, groups: list[list[int]], frozen: int, threshold: float) -> list[list[int]]:
    """Average-linkage merging of ``groups`` (lists of row indices) while the best link ≥ threshold.

    The first ``frozen`` groups are existing stories: they are never merged with each other.
    """
    k = len(groups)
    if k == 0:
        return []
    sizes = np.array([len(g) for g in groups], dtype=float)
    link = np.full((k, k), -np.inf)
    for a in range(k):
        for b in range(a + 1, k):
            if a < frozen and b < frozen:
                continue
            link[a, b] = link[b, a] = sim[np.ix_(groups[a], groups[b])].mean()
    alive = np.ones(k, dtype=bool)
    is_frozen = np.arange(k) < frozen
    while True:
        masked = np.where(alive[:, None] & alive[None, :], link, -np.inf)
        idx = int(np.argmax(masked))
        a, b = divmod(idx, k)
        if masked[a, b] < threshold:
            break
        if b < a or (is_frozen[b] and not is_frozen[a]):
            a, b = b, a  # keep the frozen (or lower) one; merge b into a
        # Lance–Williams update for average linkage
        na, nb = sizes[a], sizes[b]
        new = (na * link[a] + nb * link[b]) / (na + nb)
        groups[a] = groups[a] + groups[b]
        sizes[a] = na + nb
        alive[b] = False
        link[a, :] = new
        link[:, a] = new
        link[a, a] = -np.inf
        link[b, :] = -np.inf
        link[:, b] = -np.inf
        if is_frozen[a]:
            for f in range(frozen):
                if f != a:
                    link[a, f] = link[f, a] = -np.inf
    return [g for i, g in enumerate(groups) if alive[i]]


def assign_stories(
    articles: Sequence[Article],
    existing: dict[str, list[str]],
    cfg: ClusterConfig | None = None,
) -> dict[str, list[str]]:
    """Assign every article not yet in ``existing`` (story id → article ids) to a story.

    Returns the new mapping: existing stories keep their members (and may gain new ones); new
    stories get ids ``s<N>`` after the highest existing one, in order of their first article.
    """
    cfg = cfg or ClusterConfig()
    feats = [features(a, cfg.lead_paragraphs) for a in articles]
    index = {f.article_id: i for i, f in enumerate(feats)}
    sim = pair_scores(feats, cfg)
    old_ids = [sid for sid, ids in existing.items() if any(i in index for i in ids)]
    groups = [[index[i] for i in existing[sid] if i in index] for sid in old_ids]
    placed = {i for g in groups for i in g}
    groups += [[i] for i in range(len(feats)) if i not in placed]
    merged = agglomerate(sim, groups, len(old_ids), cfg.threshold)
    out: dict[str, list[str]] = {}
    next_n = 1 + max((int(s[1:]) for s in existing if s[1:].isdigit()), default=0)
    new_groups = []
    for g in merged:
        ids = [feats[i].article_id for i in g]
        owner = next((sid for sid in old_ids if set(existing[sid]) & set(ids)), None)
        if owner:
            out[owner] = [i for i in existing[owner] if i in index] + [i for i in ids if i not in existing[owner]]
        else:
            new_groups.append(sorted(g))
    for g in sorted(new_groups, key=lambda g: g[0]):
        out[f"s{next_n}"] = [feats[i].article_id for i in g]
        next_n += 1
    return out


def similarity_matrix(articles: Sequence[Article], cfg: ClusterConfig | None = None) -> tuple[list[str], np.ndarray]:
    """All pairwise scores, for inspection and for the benchmark."""
    cfg = cfg or ClusterConfig()
    feats = [features(a, cfg.lead_paragraphs) for a in articles]
    return [f.article_id for f in feats], pair_scores(feats, cfg)
