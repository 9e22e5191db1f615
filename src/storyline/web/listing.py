"""The web app's paged lists: stories (the home page and ``/api/stories``), entities, and an entity's articles.

Each reads one page from the store (:meth:`~storyline.store.base.Store.list_stories`,
:meth:`~storyline.store.base.Store.list_entities`, :meth:`~storyline.store.base.Store.mentioned_articles`)
and never the corpus whole, so a page costs the same in a store of a hundred articles or of a hundred thousand.
:class:`Pager` says which page is shown and links the others, keeping the page's filters; the stories list's
next link carries the last row's place (``after``), so the next page is read from there (keyset paging), not
counted from the top.

Example:
    >>> p = Pager(page=2, size=50, total=120, base="/", params={"q": "flood"})
    >>> p.offset, p.pages, p.prev_href, p.next_href, p.first, p.last
    (50, 3, '/?q=flood&page=1', '/?q=flood&page=3', 51, 100)
    >>> Pager(page=2, size=50, total=120, base="/", after=4107).next_href
    '/?page=3&after=4107'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from storyline.api import Corpus
from storyline.render import svg
from storyline.store.base import SearchHit
from storyline.store.listing import StoryQuery, StoryRow
from storyline.web import views

__all__ = ["PAGE_SIZE", "ListFacts", "Pager", "entity_page", "story_page"]

PAGE_SIZE = 50
"""Rows on one page of the stories and entities lists, and articles on one page of an entity."""
SEARCH_LIMIT = 50
ENTITY_MATCHES = 5000
"""Most entities an entity filter of the stories list reads (a one-letter filter matches thousands)."""
ENTITY_NAMES = 400
"""The most mentioned entities read for the entity filter's suggestions (people, organisations and places of them)."""
NAMED_TYPES = ("PERSON", "ORG", "GPE", "LOC")
NAMES_OFFERED = 300


@dataclass(frozen=True, slots=True)
class ListFacts:
    """What every page of the stories list shows, whatever its filters and page: how many stories and articles the
    store holds, the entity names its filter suggests and the outlets it offers. Read once per change of the store
    (:meth:`of`), not per page: at 100,000 articles they were half the work of an uncached page."""

    writes: int
    stories: int
    articles: int
    entity_names: list[str]
    outlets: list[str]

    @classmethod
    def of(cls, corpus: Corpus, kept: ListFacts | None) -> ListFacts:
        """``kept`` while the store has not been written since it was read, else read now."""
        writes = corpus.store.write_count()
        if kept is not None and kept.writes == writes:
            return kept
        top, _ = corpus.store.list_entities("", "", 0, ENTITY_NAMES)
        names = [e.name for e in top if e.type in NAMED_TYPES][:NAMES_OFFERED]
        return cls(
            writes=writes,
            stories=corpus.store.list_stories(None, 0, 0)[1],
            articles=corpus.store.article_count(),
            entity_names=sorted(set(names)),
            outlets=sorted(corpus.store.outlet_names()),
        )


@dataclass(slots=True)
class Pager:
    """Page ``page`` (from 1) of ``total`` rows, ``size`` a page; links keep ``params``."""

    page: int
    size: int
    total: int
    base: str
    params: Mapping[str, str] = field(default_factory=dict)
    after: int | None = None  # the place of the page's last row: the next page is read past it

    def __post_init__(self) -> None:
        self.page = max(1, min(self.page, self.pages))

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first(self) -> int:
        """The number of the page's first row (from 1; 0 when there is none)."""
        return min(self.total, self.offset + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.offset + self.size)

    def href(self, page: int, after: int | None = None) -> str:
        kept: dict[str, str | int] = {k: v for k, v in self.params.items() if v}
        return f"{self.base}?{urlencode({**kept, 'page': page, **({} if after is None else {'after': after})})}"

    @property
    def prev_href(self) -> str:
        return self.href(self.page - 1) if self.page > 1 else ""

    @property
    def next_href(self) -> str:
        return self.href(self.page + 1, self.after) if self.page < self.pages else ""


def row_view(r: StoryRow) -> dict[str, Any]:
    """A story row as the stories list draws it."""
    return {
        "id": r.id,
        "title": r.title,
        "event_date": r.event_date,
        "event_date_label": svg.format_date(r.event_date) or "—",
        "event_date_why": r.event_date_why or "",
        "articles": r.articles,
        "independent_sources": r.independent_sources,
        "outlets": r.outlets,
        "updating": r.updating,
    }


def story_query(corpus: Corpus, f: views.StoryFilters) -> tuple[StoryQuery, list[SearchHit]]:
    """The store query of the stories list's filters, and the search hits when there is a query."""
    q = StoryQuery(outlet=f.outlet)
    if f.date_from:
        span = svg.date_span(f.date_from)
        q.date_from = span[0].isoformat() if span else ""
    if f.date_to:
        span = svg.date_span(f.date_to)
        q.date_to = span[1].isoformat() if span else ""
    if f.entity:
        rows, _ = corpus.store.list_entities("", f.entity, 0, ENTITY_MATCHES)
        q.entity_ids = [r.id for r in rows]
    hits: list[SearchHit] = []
    if f.q:
        hits = corpus.search(f.q, SEARCH_LIMIT)
        q.story_ids = [h.story_id for h in hits if h.story_id]
    return q, hits


def story_page(
    corpus: Corpus, f: views.StoryFilters, page: int = 1, size: int | None = None, after: int | None = None
) -> tuple[list[dict[str, Any]], Pager, list[SearchHit]]:
    """One page of story rows after the filters, its pager (``total``: the stories that match), and the search
    hits: the rows past the place ``after`` when given (the next link's, ``page`` then only numbers the page),
    else page ``page``. A page past the last shows the last."""
    size = size or PAGE_SIZE
    q, hits = story_query(corpus, f)
    rows, total = corpus.store.list_stories(q, (max(1, page) - 1) * size, size, after=after)
    pager = Pager(page, size, total, "/", f.params())
    if not rows and total:  # past the last row: the last page
        pager.page = pager.pages
        rows, total = corpus.store.list_stories(q, pager.offset, size)
    pager.after = rows[-1].pos if rows else None
    return [row_view(r) for r in rows], pager, hits


def entity_page(corpus: Corpus, entity_id: str, page: int = 1, size: int | None = None) -> dict[str, Any] | None:
    """An entity's page: its articles a page at a time, grouped by story, with the events of those stories."""
    size = size or PAGE_SIZE
    found = corpus.store.get_entities([entity_id], with_mentions=False)
    if not found:
        return None
    e = found[0]
    ids, total = corpus.store.mentioned_articles(e.id, (max(1, page) - 1) * size, size)
    e.mentions = corpus.store.mentions_in(e.id, ids)  # the page's articles' only: never all of them
    arts = corpus.store.articles(ids)
    sids = sorted({a.story_id for a in arts if a.story_id})
    stories = [s for s in (corpus.store.get_story(sid) for sid in sids) if s is not None]
    view = views.entity_view(e, arts, stories)
    view["mention_total"] = corpus.store.entity_mention_count(e.id)
    view["article_total"] = total
    return view
