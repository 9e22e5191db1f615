"""Grouping articles into stories: one real-world happening and its developments, not merely the same words.

Word similarity alone puts two Xi–Trump phone calls ten months apart together, or two arrests of the same
team's players a month apart, and splits a follow-up that quotes other people days later. So each pair of
articles is scored by a logistic model over explainable features of their events — shared words, shared
participants and places, who the articles are about, the event dates and how far apart they are, the
lead's kind of happening, whom the lead's action is about, the lead's counts (see
:mod:`storyline.compare.storypairs`) — whose weights are data, fitted on ECB+ dev and TBAQ pairs
(``storyline/data/cluster.json``), one set for pairs whose event dates are known and one for the others.

Stories are formed by average-linkage agglomeration over the pair probabilities with a threshold (no
number of stories is given); a strong link between two articles dated close together lowers the mean two groups
need (:class:`StrongLink`), so a follow-up close to one earlier article and far from the rest stays in its story;
a story runs while it develops: its event dates leave no silence longer than the model's (:class:`Silence`).
It is incremental: an ingest clusters afresh only the neighbourhood of its new
articles — they and the stored stories one of them links to — so a bridging article can join two stories
and a later article can pull a member into a better story; the other stories keep their members and ids
(beyond :data:`BATCH_LIMIT` articles, the streaming index files new articles one at a time instead).
:func:`explain` says, for each article
of a story, the strongest link that holds it there and what each feature contributed.

Example:
    >>> ClusterConfig().resolved()[1] == stored_model().threshold
    True
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..analyse.dates import to_date
from ..config import Config
from ..model import Article
from .constraints import Constraints, keep_ids
from .lead_time import lead_end, recalled
from .storypairs import FEATURES, PairModel, PairSpace, Profile, profile, stored_model, words

#: Above this many articles, stories are assigned through the candidate index instead of all pairs.
BATCH_LIMIT = 1500


@dataclass(slots=True)
class ClusterConfig:
    """How stories are formed.

    ``threshold``: the same-story probability (average over the two groups' pairs) a merge needs; ``None``
    takes the one chosen with the model by cross-validation. ``model``: ``None`` is the fitted one.
    ``bridge``: an ingest's new articles may join two stored stories they link (their neighbourhood is
    re-clustered); off, stored stories never merge.
    """

    threshold: float | None = None
    model: PairModel | None = None
    lead_paragraphs: int = 3
    max_days: int | None = None  # None: the model's window (days between event dates a story may span; 0: none)
    bridge: bool = True  # a new article that links two stored stories may join them (see merge_sequence)
    recluster: bool = True  # new articles' neighbourhood is clustered afresh (see assign_stories)
    strong: bool = True  # the model's strong-link rule (see StrongLink); off: average linkage alone

    def resolved(self) -> tuple[PairModel, float]:
        """The model (with this config's window, if set) and the threshold."""
        m = self.model or stored_model()
        if self.max_days is not None:
            m = replace(m, max_days=self.max_days)
        return m, m.threshold if self.threshold is None else self.threshold

    def strong_link(self) -> StrongLink | None:
        """The model's strong-link rule, unless switched off."""
        return StrongLink.of(self.resolved()[0]) if self.strong else None

    def silence(self, profiles: Sequence[Profile], prob: np.ndarray | None = None) -> Silence | None:
        """The model's longest silence in a story over ``profiles``' event dates, filled by the reports that link
        to both sides under ``prob`` (their pair probabilities; :class:`Silence`; None: none)."""
        return Silence.of(self.resolved()[0], [p.event for p in profiles], prob)

    def strong_pairs(self, feats: np.ndarray, prob: np.ndarray) -> np.ndarray:
        """Which pairs (``feats``' leading axes, their probabilities ``prob``) are strong links: none when the
        rule is off."""
        rule = self.strong_link()
        return rule.pairs(feats, prob) if rule else np.zeros(prob.shape, dtype=bool)


@dataclass(frozen=True, slots=True)
class StrongLink:
    """A story that runs as a chain of developments: a follow-up days or weeks later, quoting other people,
    is close to one or two earlier articles and far from the rest, so the mean link of average linkage splits
    it off. Two groups whose mean link falls short of the threshold by at most ``drop`` still join when some
    pair between them reaches ``probability`` with both event dates known and at most ``days`` apart (two
    happenings of one kind are dated apart; without dates they look alike), or at most ``long_days`` apart when
    the pair shares its key words (the ``keywords`` feature at least ``keywords``: a follow-up weeks later about
    the same people and things). Read from the model's ``strong_link`` entry (``storyline/data/cluster.json``,
    chosen by cross-validation with its reason)."""

    probability: float
    drop: float
    days: int
    long_days: int = 0  # 0: no longer span
    keywords: float = 1.0

    @classmethod
    def of(cls, model: PairModel) -> StrongLink | None:
        """The model's rule (None: it has none)."""
        d = model.extra.get("strong_link")
        if not isinstance(d, dict) or float(d.get("drop", 0.0)) <= 0:
            return None
        return cls(
            float(d["probability"]),
            float(d["drop"]),
            int(d["days"]),
            int(d.get("long_days", 0)),
            float(d.get("keywords", 1.0)),
        )

    def pairs(self, feats: np.ndarray, prob: np.ndarray) -> np.ndarray:
        """Which pairs (``feats``' leading axes, their probabilities ``prob``) are strong links."""
        known = feats[..., FEATURES.index("date_unknown")] == 0
        days = feats[..., FEATURES.index("date_gap")] * 365.0
        near = days <= self.days + 0.5
        if self.long_days > self.days:  # a follow-up weeks later that shares the story's key words
            near |= (days <= self.long_days + 0.5) & (feats[..., FEATURES.index("keywords")] >= self.keywords)
        return np.asarray(known & near & (prob >= self.probability))

    def link(self, prob: np.ndarray, strong: np.ndarray, top: int = 0) -> float:
        """The link of one group to another (their pairs' probabilities and strong links, any shape): the mean
        of all pairs (or of the ``top`` best), raised by ``drop`` when a strong link holds them."""
        return group_link(prob, top) + (self.drop if bool(np.any(strong)) else 0.0)


def group_link(prob: np.ndarray, top: int = 0) -> float:
    """The mean of a block of pair probabilities, or of its ``top`` best."""
    flat = np.asarray(prob, dtype=float).ravel()
    return float(np.sort(flat)[::-1][:top].mean() if top > 0 else flat.mean())


def cluster_config(cfg: Config) -> ClusterConfig:
    """The configuration's ``cluster.*`` settings (``cluster.threshold`` 0: the fitted one)."""
    return ClusterConfig(threshold=cfg.cluster_threshold or None, max_days=cfg.cluster_max_days_apart or None)


def tokens(text: str) -> Counter[str]:
    return Counter(words(text))


def _lead_end(article: Article, n: int) -> int:
    return lead_end(article, n)


def main_event_date(article: Article, lead_paragraphs: int = 3) -> dt.date | None:
    """The day the article's news happened, when its lead says so.

    Only day-precision dates in the first ``lead_paragraphs`` paragraphs count (a date deep in the
    text is usually background: "the flare-up began on Nov. 7"); a date after publication (an
    announced future) does not count, nor one the lead recalls from long before it, when days are read so
    (:func:`~storyline.compare.lead_time.recalled`). Ties go to the date mentioned first.
    """
    pub = to_date(article.published)
    end = _lead_end(article, lead_paragraphs)
    score: Counter[dt.date] = Counter()
    first: dict[dt.date, int] = {}
    for d in article.dates:
        day = to_date(d.point)
        if day is None or d.start >= end or (pub and day > pub + dt.timedelta(days=1)):
            continue
        if pub and recalled((day.toordinal(), day.toordinal()), "day", (pub.toordinal(), pub.toordinal())):
            continue
        score[day] += 1
        first.setdefault(day, d.start)
    if not score:
        return None
    return max(score, key=lambda k: (score[k], -first[k]))


def features(article: Article, lead_paragraphs: int = 3) -> Profile:
    """What the clustering reads off one article (see :func:`storyline.compare.storypairs.profile`)."""
    return profile(article, lead_paragraphs)


def pair_scores(profiles: Sequence[Profile], cfg: ClusterConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The n × n same-story probabilities used for clustering (1 on the diagonal), which pairs are dated too
    far apart ever to share a story, and which are strong links (:class:`StrongLink`; none when off)."""
    n = len(profiles)
    if n == 0:
        return np.zeros((0, 0)), np.zeros((0, 0), dtype=bool), np.zeros((0, 0), dtype=bool)
    model, _ = cfg.resolved()
    feats = PairSpace(profiles).all_pairs()
    out = model.probability(feats)
    strong = cfg.strong_pairs(feats, out)
    np.fill_diagonal(out, 1.0)
    np.fill_diagonal(strong, False)
    return out, model.apart(feats), strong


def _top(values: np.ndarray, top: int) -> np.ndarray:
    """The ``top`` largest of each row (descending), NaN-padded."""
    out = -np.sort(-values, axis=-1)[..., :top]  # NaNs sort last
    if out.shape[-1] < top:
        pad = np.full((*out.shape[:-1], top - out.shape[-1]), np.nan)
        out = np.concatenate([out, pad], axis=-1)
    return out


def merge_sequence(
    sim: np.ndarray,
    groups: Sequence[Sequence[int]],
    frozen: int = 0,
    top: int = 0,
    apart: np.ndarray | None = None,
    bridge: bool = False,
    strong: np.ndarray | None = None,
    drop: float = 0.0,
    silence: Silence | None = None,
) -> list[tuple[int, int, float]]:
    """The greedy merges of ``groups`` (lists of row indices of ``sim``), best link first: (kept, merged, link).

    The link between two groups is the mean of their ``top`` strongest pair scores (``top=0``: of all
    pairs — average linkage). A story that runs for weeks is a chain of developments, each close to some
    earlier articles and far from others; the mean of its strongest links keeps it whole where the mean
    of all links splits it, and asks for more than one strong link (single linkage) before joining two
    groups. The first ``frozen`` groups (existing stories) are never merged with each other — with ``bridge``,
    until one of them takes a new article — nor two groups holding a pair marked in ``apart`` (rows × rows,
    True: never one story). Two groups holding a pair marked in ``strong`` (rows × rows: a
    :class:`StrongLink`) link ``drop`` higher. Two groups whose event dates together would leave a silence
    longer than ``silence`` allows are not merged (:class:`Silence`). The sequence does not depend on a
    threshold: clustering at threshold t applies it up to the first link below t.
    """
    k = len(groups)
    if k < 2:
        return []
    sizes = np.array([len(g) for g in groups], dtype=float)
    if top <= 0:
        member = np.zeros((sim.shape[0], k))
        for a, g in enumerate(groups):
            member[list(g), a] = 1.0
        link = (member.T @ sim @ member) / np.outer(sizes, sizes)
        best = None
    else:
        best = np.full((k, k, top), np.nan)
        if all(len(g) == 1 for g in groups):
            rows = [g[0] for g in groups]
            best[:, :, 0] = sim[np.ix_(rows, rows)]
        else:
            for a in range(k):
                for b in range(a + 1, k):
                    best[a, b] = best[b, a] = _top(sim[np.ix_(list(groups[a]), list(groups[b]))].ravel(), top)
        link = np.nanmean(best, axis=2)
    blocked, held = _pair_groups(apart, groups, sim.shape[0]), _pair_groups(strong, groups, sim.shape[0])
    np.fill_diagonal(link, -np.inf)
    true_link = link.copy()  # average links, kept for frozen pairs too (a bridge may open them)
    link = link + drop * held  # a strong link between two groups lowers the mean they need
    is_frozen = np.arange(k) < frozen
    # Two stored stories stay apart — unless a new article joins one of them and the link, with it, reaches
    # the other (``bridge``): the neighbourhood of the bridging article is re-clustered, nothing else.
    shut = np.outer(is_frozen, is_frozen)
    link[blocked | shut] = -np.inf
    alive = np.ones(k, dtype=bool)
    members = [list(g) for g in groups]
    out: list[tuple[int, int, float]] = []
    while len(out) < k - 1:
        a, b = divmod(int(np.argmax(link)), k)
        value = float(link[a, b])
        if value == -np.inf:
            break
        if silence is not None and not silence.joins(members[a], members[b]):
            link[a, b] = link[b, a] = -np.inf  # until one of the two takes another article
            continue
        if b < a or (is_frozen[b] and not is_frozen[a]):
            a, b = b, a  # keep the frozen (or lower) one; merge b into a
        out.append((a, b, value))
        if best is None:  # Lance–Williams update for average linkage
            new = (sizes[a] * true_link[a] + sizes[b] * true_link[b]) / (sizes[a] + sizes[b])
        else:
            merged = _top(np.concatenate([best[a], best[b]], axis=1), top)
            best[a], best[:, a] = merged, merged
            new = np.nanmean(merged, axis=1)
        if bridge and is_frozen[a] and not is_frozen[b]:
            shut[a, :] = shut[:, a] = False  # a stored story with a new article may now meet the others
        elif is_frozen[a] and is_frozen[b]:
            shut[a, :] = shut[:, a] = shut[a, :] & shut[b, :]  # open where either was
        sizes[a] += sizes[b]
        members[a] += members[b]
        alive[b] = False
        blocked[a] |= blocked[b]
        blocked[:, a] = blocked[a]
        held[a] |= held[b]
        held[:, a] = held[a]
        true_link[a, :] = true_link[:, a] = np.where(alive, new, -np.inf)
        true_link[a, a] = -np.inf
        true_link[b, :] = true_link[:, b] = -np.inf
        new = np.where(alive & ~blocked[a] & ~shut[a], new + drop * held[a], -np.inf)
        link[a, :] = new
        link[:, a] = new
        link[a, a] = -np.inf
        link[b, :] = -np.inf
        link[:, b] = -np.inf
    return out


@dataclass(frozen=True, slots=True)
class Silence:
    """A story runs while it develops: its articles' event dates, in order, leave no stretch of more than ``days``
    without one (a trial months after the crime, with reports between, is one story; the same kind of happening
    to the same people ten months after the last report is another). ``starts`` and ``ends``: each row's event
    date as day ordinals (NaN: unknown; an unknown date leaves no silence and fills none).

    ``linked`` (rows × rows, True: a pair as close as a strong link's probability; None: none): a report that
    links to both of two groups is a development of the story they would form, wherever it is filed, so its
    date fills their silence (:meth:`joins`); the test then reads the whole story being formed, not the two groups
    alone, and does not depend on whether the reports between them were merged first."""

    starts: np.ndarray
    ends: np.ndarray
    days: int
    linked: np.ndarray | None = None

    @staticmethod
    def days_of(model: PairModel) -> int:
        """The model's longest silence, days (its ``silence`` entry; 0: none)."""
        d = model.extra.get("silence")
        return int(d.get("days", 0)) if isinstance(d, dict) else 0

    @classmethod
    def of(
        cls, model: PairModel, events: Sequence[tuple[int, int] | None], prob: np.ndarray | None = None
    ) -> Silence | None:
        """The model's rule over ``events`` (a profile's ``event`` each; None: the model has none); with ``prob``
        (the rows' pair probabilities), the pairs that reach the strong link's probability (else the model's
        threshold) fill silences (:attr:`linked`)."""
        if (days := cls.days_of(model)) <= 0:
            return None
        lo = np.array([e[0] if e else np.nan for e in events], dtype=float)
        hi = np.array([e[1] if e else np.nan for e in events], dtype=float)
        linked = None
        if prob is not None:
            rule = StrongLink.of(model)
            linked = np.asarray(prob >= (rule.probability if rule else model.threshold))
            np.fill_diagonal(linked, False)
        return cls(lo, hi, days, linked)

    def sub(self, rows: Sequence[int]) -> Silence:
        """The rule over some rows only (renumbered in their order)."""
        linked = None if self.linked is None else self.linked[np.ix_(list(rows), list(rows))]
        return Silence(self.starts[list(rows)], self.ends[list(rows)], self.days, linked)

    def holds(self, rows: Sequence[int]) -> bool:
        """Whether the event dates of ``rows`` leave no silence longer than :attr:`days`."""
        lo, hi = self.starts[list(rows)], self.ends[list(rows)]
        known = ~np.isnan(lo)
        if known.sum() < 2:  # noqa: PLR2004
            return True
        order = np.argsort(lo[known], kind="stable")
        lo, hi = lo[known][order], np.maximum.accumulate(hi[known][order])
        return bool(np.all(lo[1:] - hi[:-1] <= self.days + 0.5))

    def joins(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """Whether two groups may form one story: their event dates, with those of every other row dated within
        their span that links (:attr:`linked`) to both, leave no silence longer than :attr:`days`."""
        rows = [*a, *b]
        if self.holds(rows):
            return True
        if self.linked is None:
            return False
        first, last = np.nanmin(self.starts[rows]), np.nanmax(self.ends[rows])  # two dated at least (held above)
        others = np.setdiff1d(np.arange(len(self.starts)), rows)
        to_a, to_b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
        linked = self.linked[np.ix_(others, to_a)].any(axis=1) & self.linked[np.ix_(others, to_b)].any(axis=1)
        inside = (self.starts[others] >= first) & (self.ends[others] <= last)  # NaN: False
        return self.holds(rows + others[linked & inside].tolist())


def _pair_groups(pairs: np.ndarray | None, groups: Sequence[Sequence[int]], n: int) -> np.ndarray:
    """Which two groups hold a pair marked in ``pairs`` (n × n; None: none)."""
    k = len(groups)
    if pairs is None or not pairs.any():
        return np.zeros((k, k), dtype=bool)
    member = np.zeros((n, k))
    for a, g in enumerate(groups):
        member[list(g), a] = 1.0
    return np.asarray((member.T @ pairs.astype(float) @ member) > 0)


def apply_merges(
    groups: Sequence[Sequence[int]], merges: Sequence[tuple[int, int, float]], threshold: float
) -> list[list[int]]:
    """The groups after the merges of a :func:`merge_sequence` down to the first link below ``threshold``."""
    out: list[list[int] | None] = [list(g) for g in groups]
    for a, b, value in merges:
        if value < threshold:
            break
        out[a] = (out[a] or []) + (out[b] or [])
        out[b] = None
    return [g for g in out if g is not None]


def agglomerate(
    sim: np.ndarray,
    groups: list[list[int]],
    frozen: int,
    threshold: float,
    top: int = 0,
    apart: np.ndarray | None = None,
    bridge: bool = False,
    strong: np.ndarray | None = None,
    drop: float = 0.0,
    silence: Silence | None = None,
) -> list[list[int]]:
    """Merge ``groups`` while the best link (see :func:`merge_sequence`) is at least ``threshold``."""
    merges = merge_sequence(sim, groups, frozen, top, apart, bridge, strong, drop, silence)
    return apply_merges(groups, merges, threshold)


def assign_stories(
    articles: Sequence[Article],
    existing: dict[str, list[str]],
    cfg: ClusterConfig | None = None,
    constraints: Constraints | None = None,
) -> dict[str, list[str]]:
    """Assign every article not yet in ``existing`` (story id → article ids) to a story.

    Returns the new mapping. Up to :data:`BATCH_LIMIT` articles, every pair is scored and, with
    ``cfg.recluster`` (the default), the new articles' neighbourhood — they and every stored story one of them
    links to — is agglomerated afresh, each resulting group keeping the id of the stored story it shares most
    articles with (stories outside it keep their members); without it, stored stories keep their members and
    only gain new ones. New stories get ids ``s<N>`` after the highest existing one. Beyond the limit, the
    stored stories are loaded into a :class:`~storyline.compare.storyindex.StoryIndex` and the new articles
    added one at a time, in date order, each scored against its candidates only.

    ``constraints`` (the user's corrections): articles a correction keeps together start as one group and
    join a stored story together; two articles a correction keeps apart are never merged into one story.
    """
    cfg = cfg or ClusterConfig()
    if len(articles) > BATCH_LIMIT:
        return _assign_streaming(articles, existing, cfg, constraints)
    model, threshold = cfg.resolved()
    feats = [features(a, cfg.lead_paragraphs) for a in articles]
    index = {f.article_id: i for i, f in enumerate(feats)}
    sim, apart, strong = pair_scores(feats, cfg)
    drop = rule.drop if (rule := cfg.strong_link()) else 0.0
    silence = cfg.silence(feats, sim)
    if cfg.recluster:
        return _recluster_neighbourhood(
            feats, existing, (sim, apart, strong), threshold, (model.top, drop), constraints, silence
        )
    old_ids = [sid for sid, ids in existing.items() if any(i in index for i in ids)]
    groups = [[index[i] for i in existing[sid] if i in index] for sid in old_ids]
    placed = {i for g in groups for i in g}
    if constraints:
        groups = constraints.seed([f.article_id for f in feats], groups)
        apart = apart | constraints.apart([f.article_id for f in feats])
    else:
        groups += [[i] for i in range(len(feats)) if i not in placed]
    merged = agglomerate(sim, groups, len(old_ids), threshold, model.top, apart, cfg.bridge, strong, drop, silence)
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


def _recluster_neighbourhood(
    feats: Sequence[Profile],
    existing: dict[str, list[str]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    threshold: float,
    link: tuple[int, float],
    constraints: Constraints | None,
    silence: Silence | None = None,
) -> dict[str, list[str]]:
    """File the new articles by clustering their neighbourhood afresh: the new articles and every stored story
    one of them links to (a pair at ``threshold`` or above, or a strong link — average linkage, and the strong
    links' rule, can join nothing else) are agglomerated from single articles, as if ingested at once; the
    other stories are left as they are. Each resulting group keeps the id of the stored story it shares most
    articles with. ``pairs``: the probabilities, the too-far pairs and the strong links (see
    :func:`pair_scores`); ``link``: the ``top`` and the strong links' ``drop`` of :func:`merge_sequence`;
    ``silence``: the longest silence in a story, over ``feats``' rows (:class:`Silence`)."""
    sim, apart, strong = pairs
    top, drop = link
    index = {f.article_id: i for i, f in enumerate(feats)}
    ids = [f.article_id for f in feats]
    story_of = {i: sid for sid, members in existing.items() for i in members if i in index}
    new = [k for k, f in enumerate(feats) if f.article_id not in story_of]
    out = {sid: [i for i in members if i in index] for sid, members in existing.items()}
    if not new:
        return out
    close = np.flatnonzero(((sim[new] >= threshold) | strong[new]).any(axis=0))
    touched = {story_of[ids[k]] for k in close if ids[k] in story_of}
    rows = sorted(set(new) | {index[i] for sid in touched for i in out[sid]})
    sub = sim[np.ix_(rows, rows)]
    sub_apart = apart[np.ix_(rows, rows)]
    sub_strong = strong[np.ix_(rows, rows)]
    sub_ids = [ids[k] for k in rows]
    if constraints:
        groups = constraints.seed(sub_ids, [])
        sub_apart = sub_apart | constraints.apart(sub_ids)
    else:
        groups = [[k] for k in range(len(rows))]
    quiet = silence.sub(rows) if silence else None
    merged = agglomerate(sub, groups, 0, threshold, top, sub_apart, strong=sub_strong, drop=drop, silence=quiet)
    for sid in touched:
        del out[sid]
    regrouped = {f"group-{n}": [sub_ids[k] for k in sorted(g)] for n, g in enumerate(merged)}  # ids never s<N>
    out.update(keep_ids(regrouped, existing))  # untouched stories share no article with a group
    return out


def _assign_streaming(
    articles: Sequence[Article],
    existing: dict[str, list[str]],
    cfg: ClusterConfig,
    constraints: Constraints | None = None,
) -> dict[str, list[str]]:
    from .storyindex import StoryIndex

    index = StoryIndex(cfg)
    profiles = {a.id: features(a, cfg.lead_paragraphs) for a in articles}
    out: dict[str, list[str]] = {}
    for sid, ids in existing.items():
        for i in ids:
            if i in profiles:
                index.add(profiles.pop(i), sid)
                out.setdefault(sid, []).append(i)
    index.next_id = max(index.next_id, 1 + max((int(s[1:]) for s in existing if s[1:].isdigit()), default=0))
    new: set[str] = set()
    for p in sorted(profiles.values(), key=lambda p: p.event[0] if p.event else 0):
        mates = constraints.mates(p.article_id) if constraints else []
        mate = next((index.story_of[m] for m in mates if m in index.story_of), None)
        index.add(p, mate)
        new.add(p.article_id)
    keep = set(new) | {i for ids in out.values() for i in ids}
    return {sid: [i for i in ids if i in keep] for sid, ids in index.stories.items() if any(i in keep for i in ids)}


def similarity_matrix(articles: Sequence[Article], cfg: ClusterConfig | None = None) -> tuple[list[str], np.ndarray]:
    """All pairwise same-story probabilities, for inspection and for the benchmark."""
    cfg = cfg or ClusterConfig()
    feats = [features(a, cfg.lead_paragraphs) for a in articles]
    return [f.article_id for f in feats], pair_scores(feats, cfg)[0]


@dataclass(slots=True)
class Link:
    """Why an article is in its story: its strongest link to another member, and what each feature gave."""

    article_id: str
    other_id: str | None  # None: the story's only article
    probability: float
    mean_probability: float  # average over the story's other members (what average linkage weighs)
    contributions: list[tuple[str, float, float]]  # (feature, value, weight × value), strongest first
    event: str  # how the article's event date was found
    bias: float = 0.0  # the model's starting point for every pair (logit = bias + the contributions)
    strong: bool = False  # the link is a strong dated one (StrongLink): the mean it joins on is lowered
    floored: bool = False  # the probability is the shared words' floor (PairModel.content_floor), not the weights'


def explain(articles: Sequence[Article], story_ids: Sequence[str], cfg: ClusterConfig | None = None) -> list[Link]:
    """For each article of one story (``story_ids``), the strongest link that joins it to the others.

    ``articles`` is the whole corpus (the word and entity weights depend on it), or at least the story.
    """
    cfg = cfg or ClusterConfig()
    model, _ = cfg.resolved()
    profiles = [features(a, cfg.lead_paragraphs) for a in articles]
    space = PairSpace(profiles)
    index = {p.article_id: i for i, p in enumerate(profiles)}
    members = [index[i] for i in story_ids if i in index]
    if not members:
        return []
    feats = space.block(members, members)
    prob = model.probability(feats)
    strong = cfg.strong_pairs(feats, prob)
    out = []
    for a, i in enumerate(members):
        p = profiles[i]
        if len(members) == 1:
            out.append(Link(p.article_id, None, 1.0, 1.0, [], p.event_why or ""))
            continue
        others = [b for b in range(len(members)) if b != a]
        best = max(others, key=lambda b: prob[a, b])
        out.append(
            Link(
                p.article_id,
                profiles[members[best]].article_id,
                float(prob[a, best]),
                float(np.mean(prob[a, others])),
                model.contributions(feats[a, best]),
                p.event_why or "",
                model.weights_for(feats[a, best])[1],  # the bias of the pair's set of weights (dated or not)
                bool(strong[a, best]),
                model.floored(feats[a, best]),
            )
        )
    return out
