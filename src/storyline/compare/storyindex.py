"""Streaming story assignment: a new article joins or opens a story without a scan of the corpus.

An inverted index maps what an article is about — its canonical participants, people and places, and its
rarest title-and-lead words — to the articles naming it, bucketed by week of the event (or publication)
date. A new article looks up its own keys in the weeks its window allows, keeps the articles that share the
most keys (:attr:`StoryIndex.max_candidates`), and scores their stories' members near it in time with the
same pair model as the batch clustering (:mod:`storyline.compare.storypairs`), weighing words and names by
document frequencies kept up to date as articles arrive. It joins the story with the best link (the mean of
its pair probabilities, or of the ``top`` best, as the model says, raised when a strong link holds them:
:class:`~storyline.compare.cluster.StrongLink`) when that reaches the threshold, and no
member of that story is dated further away than the window; else it opens a story. When it also links to
another story at the threshold, that story joins its own if the two stories' members, with it, now link
(a bridging article). The window is judged on the whole story, as the batch clustering judges it (never two
members dated further apart): each story keeps the latest start and the earliest end of its members' event
dates (:meth:`StoryIndex.span`), so a story cannot grow a window at a time, though only its members nearest
in time are scored.

The work per article depends on how many articles share its keys in its weeks, not on the corpus size; keys
that more than :attr:`StoryIndex.max_key_share` of the corpus carries are not looked up. An article with no
known date is looked up in every week (the index cannot place it in time).

Example:
    >>> from storyline.model import Article
    >>> index = StoryIndex()
    >>> a = Article(id="a", path="a.txt", raw="", text="Floods swept the river valley.", published="2024-05-01")
    >>> index.add(a)
    's1'
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Article
from .cluster import ClusterConfig, Silence, group_link
from .storypairs import CorpusStats, PairModel, PairSpace, Profile, idf_of, profile

WEEK = 7


@dataclass(slots=True)
class StoryIndex:
    """Stories, and an inverted index over their articles, for one-at-a-time assignment."""

    cfg: ClusterConfig = field(default_factory=ClusterConfig)
    max_candidates: int = 60  # articles kept after the key lookup
    max_members: int = 40  # a candidate story's members scored (the nearest in time)
    lead_keys: int = 12  # rarest title-and-lead words used as keys
    max_key_share: float = 0.05  # keys carried by more of the corpus than this are not looked up (once n ≥ 1000)
    stats: CorpusStats = field(default_factory=CorpusStats)
    profiles: dict[str, Profile] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    stories: dict[str, list[str]] = field(default_factory=dict)
    postings: dict[str, dict[int, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    week_of: dict[str, int | None] = field(default_factory=dict)
    next_id: int = 1
    merged_into: dict[str, str] = field(default_factory=dict)  # a story a bridging article joined to another
    unloaded: dict[str, int] = field(default_factory=dict)  # postings of a key in weeks not read into ``postings``
    spans: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # see :meth:`span` (made when asked)
    extents: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # see :meth:`extent` (made when asked)

    def add(self, article: Article | Profile, story_id: str | None = None) -> str:
        """File one article: into ``story_id`` when given (loading stored stories), else into the story it
        belongs to or a new one. Returns the story id."""
        p = article if isinstance(article, Profile) else profile(article, self.cfg.lead_paragraphs)
        bridged: list[str] = []
        if story_id is None:
            story_id, bridged = self._assign(p)
        elif story_id[1:].isdigit():
            self.next_id = max(self.next_id, int(story_id[1:]) + 1)
        self.stats.add(p)
        self.profiles[p.article_id] = p
        self.story_of[p.article_id] = story_id
        self.stories.setdefault(story_id, []).append(p.article_id)
        if story_id in self.spans:
            self.spans[story_id] = _widened(self.spans[story_id], p.event)
        if story_id in self.extents:
            self.extents[story_id] = _reach(self.extents[story_id], p.event)
        week = p.event[0] // WEEK if p.event else None
        self.week_of[p.article_id] = week
        for key in self._keys(p):
            self.postings[key][-1 if week is None else week].append(p.article_id)
        for other in bridged:
            self._join_if_linked(story_id, other)
        return story_id

    def _join_if_linked(self, sid: str, other: str) -> None:
        """Merge story ``other`` into ``sid`` (which has just taken an article that links both) when the mean
        link between their members, nearest in time, now reaches the threshold and none is dated too far."""
        if other not in self.stories or sid not in self.stories or other == sid:
            return
        model, threshold = self.cfg.resolved()
        if self._too_far(model, self.span(sid), self.span(other)) or _silent(
            model, self.extent(sid), self.extent(other)
        ):
            return
        a = self.stories[sid][-self.max_members :]
        b = self.stories[other][-self.max_members :]
        space = PairSpace([self.profiles[m] for m in a + b], self.stats)
        feats = space.block(list(range(len(a))), list(range(len(a), len(a) + len(b))))
        prob = model.probability(feats)
        rule = self.cfg.strong_link()
        link = rule.link(prob, rule.pairs(feats, prob), model.top) if rule else group_link(prob, model.top)
        if link < threshold:
            return
        for m in self.stories.pop(other):
            self.story_of[m] = sid
            self.stories[sid].append(m)
        self.merged_into[other] = sid
        for made in (self.spans, self.extents):  # made again when asked
            made.pop(other, None)
            made.pop(sid, None)

    def span(self, sid: str) -> tuple[int, int] | None:
        """The latest start and the earliest end of the event dates of the story's members (None: no member's
        is known). A member is within the window of all the others when the gap from its event to these two
        is (:meth:`_too_far`): what the batch clustering asks of every pair of a story, asked of the story."""
        return self._folded(self.spans, sid, _widened)

    def extent(self, sid: str) -> tuple[int, int] | None:
        """The earliest start and the latest end of the event dates of the story's members (None: no member's is
        known): an article or a story further from it than the model's longest silence would leave the story one
        (:class:`~storyline.compare.cluster.Silence`; a story's own silences are never longer)."""
        return self._folded(self.extents, sid, _reach)

    def _folded(
        self,
        made: dict[str, tuple[int, int] | None],
        sid: str,
        fold: Callable[[tuple[int, int] | None, tuple[int, int] | None], tuple[int, int] | None],
    ) -> tuple[int, int] | None:
        """The story's members' event dates folded by ``fold`` (:func:`_widened`, :func:`_reach`), kept in ``made``."""
        if sid not in made:
            acc = None
            for m in self.stories.get(sid, ()):
                p = self.profiles.get(m)
                acc = fold(acc, p.event if p is not None else None)
            made[sid] = acc
        return made[sid]

    @staticmethod
    def _too_far(model: PairModel, a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
        """Whether some member dated in ``a`` and some member dated in ``b`` (spans, or an article's event) are
        further apart than the model's window: then the two are never one story."""
        if a is None or b is None:
            return False
        return model.too_far(max(a[0] - b[1], b[0] - a[1]))

    def extend(self, articles: Iterable[Article | Profile]) -> list[str]:
        return [self.add(a) for a in articles]

    # ----------------------------------------------------------------------------------------- lookup

    def _keys(self, p: Profile) -> list[str]:
        """What the article is about: its entities, people and places, and its rarest lead words."""
        n = max(self.stats.n, 1)
        df = self.stats.df["lead_terms"]
        rare = sorted(p.lead_terms, key=lambda w: (df[w], w))[: self.lead_keys]
        return (
            [f"e:{k}" for k in p.participants]
            + [f"p:{k}" for k in p.persons]
            + [f"g:{k}" for k in p.places]
            + [f"w:{w}" for w in rare if idf_of(df[w], n) > 0]
        )

    def _weeks(self, p: Profile) -> list[int] | None:
        model, _ = self.cfg.resolved()
        window = model.max_days if model.max_days > 0 else Silence.days_of(model)  # no member further away joins
        if p.event is None or window <= 0:
            return None
        span = math.ceil(window / WEEK) + 1
        first, last = p.event[0] // WEEK, p.event[1] // WEEK
        return [*range(first - span, last + span + 1), -1]

    def candidates(self, p: Profile) -> list[str]:
        """The indexed articles sharing most keys with ``p`` in the weeks its window allows (ties: by article id)."""
        weeks = self._weeks(p)
        limit = self.max_key_share * self.stats.n if self.stats.n >= 1000 else math.inf
        hits: Counter[str] = Counter()
        for key in self._keys(p):
            by_week = self.postings.get(key)
            if not by_week:
                continue
            if sum(len(v) for v in by_week.values()) + self.unloaded.get(key, 0) > limit:
                continue  # a key half the corpus carries says nothing, and costs a scan
            for week in weeks if weeks is not None else list(by_week):
                for aid in by_week.get(week, ()):
                    hits[aid] += 1
        # the most keys first, ties by article id: in the order the keys were read (their sets' order, which
        # follows Python's hash seed) copies that tie would be kept, and tried, in another order in each process
        best = heapq.nsmallest(self.max_candidates, hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [aid for aid, _ in best]

    def _assign(self, p: Profile) -> tuple[str, list[str]]:
        """The story ``p`` joins, and the other stories it links to at the threshold (it may bridge them)."""
        model, threshold = self.cfg.resolved()
        by_story: dict[str, list[str]] = {}
        for aid in self.candidates(p):
            sid = self.story_of[aid]
            if sid not in by_story:
                by_story[sid] = self._members(sid, p)
        everyone = list(dict.fromkeys(m for ms in by_story.values() for m in ms))
        best, best_link = None, -1.0
        linked: list[str] = []
        if everyone:
            col = {m: k for k, m in enumerate(everyone)}
            space = PairSpace([p] + [self.profiles[m] for m in everyone], self.stats)
            feats = space.block([0], list(range(1, len(everyone) + 1)))[0]
            prob = model.probability(feats)
            rule = self.cfg.strong_link()
            strong = self.cfg.strong_pairs(feats, prob)
            for sid, members in by_story.items():
                cols = [col[m] for m in members]
                if self._too_far(model, p.event, self.span(sid)) or _silent(model, p.event, self.extent(sid)):
                    continue  # a member, scored or not, is dated too far away (or all are): never one story
                link = rule.link(prob[cols], strong[cols], model.top) if rule else group_link(prob[cols], model.top)
                if link >= threshold:
                    linked.append(sid)
                if link > best_link:
                    best, best_link = sid, link
        if best is not None and best_link >= threshold:
            return best, [s for s in linked if s != best] if self.cfg.bridge else []
        sid = f"s{self.next_id}"
        self.next_id += 1
        return sid, []

    def _members(self, sid: str, p: Profile) -> list[str]:
        """The story's members nearest ``p`` in time (all of them when the story is small)."""
        members = self.stories.get(sid, [])
        if len(members) <= self.max_members:
            return list(members)
        here = p.event[0] // WEEK if p.event else None
        if here is None:
            return members[-self.max_members :]
        return sorted(members, key=lambda m: abs((self.week_of[m] or here) - here))[: self.max_members]


def _bounds(acc: tuple[int, int] | None, event: tuple[int, int] | None, outer: bool) -> tuple[int, int] | None:
    """``acc`` with one more member's event dates (None: not known): the earliest start and latest end when
    ``outer``, else the latest start and earliest end."""
    if event is None:
        return acc
    if acc is None:
        return (event[0], event[1])
    if outer:
        return (min(acc[0], event[0]), max(acc[1], event[1]))
    return (max(acc[0], event[0]), min(acc[1], event[1]))


def _widened(span: tuple[int, int] | None, event: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` (latest start, earliest end) with one more member's event dates (None: not known)."""
    return _bounds(span, event, outer=False)


def _reach(extent: tuple[int, int] | None, event: tuple[int, int] | None) -> tuple[int, int] | None:
    """``extent`` (earliest start, latest end) with one more member's event dates (None: not known)."""
    return _bounds(extent, event, outer=True)


def _silent(model: PairModel, a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two extents (or an article's event) lie further apart than the model's longest silence in a story
    (two extents that overlap never do: each gap between them lies inside one of two stories)."""
    days = Silence.days_of(model)
    if days <= 0 or a is None or b is None:
        return False
    return max(a[0] - b[1], b[0] - a[1]) > days + 0.5
