"""Paged listings read straight from the store: the stories list and the entities list, a page at a time.

A page of the web app never reads the corpus whole: each story row keeps what its line in the list shows —
article and source counts, the outlets, the event date as an interval of days — beside its JSON, written
whenever the story is (:func:`story_columns`), and each entity row its mention and article counts and its
aliases (:func:`entity_columns`). :class:`StoryQuery` says which stories a page shows; :func:`story_where`
turns it into SQL that both backends run (``?`` or ``%s`` placeholders).

Example:
    >>> story_where(StoryQuery(date_from="2025-11-01", outlet="AP"), "?")[0]
    "date_hi >= ? AND outlets LIKE ? ESCAPE '\\\\'"
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storyline.model import Entity, Story

__all__ = [
    "EntityRow",
    "StoryLines",
    "StoryQuery",
    "StoryRow",
    "entity_columns",
    "entity_display",
    "entity_from_display",
    "entity_where",
    "story_columns",
    "story_row",
    "story_where",
]

PAGE_SIZE = 50
"""Rows on one page of a listing."""


@dataclass(slots=True)
class StoryRow:
    """One story's line in the stories list."""

    id: str
    title: str
    event_date: str | None
    event_date_why: str | None
    articles: int
    independent_sources: int
    outlets: list[str]
    updating: bool = False  # filed new articles, waiting to be built again (storyline.stale)
    pos: int | None = None  # its place in list order: the next page's cursor (keyset paging)


@dataclass(slots=True)
class EntityRow:
    """One entity's line in the entities list."""

    id: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str]


@dataclass(slots=True)
class StoryQuery:
    """Which stories a page lists. Empty fields filter nothing.

    ``story_ids``: only these (a search's hits); ``entity_ids``: only stories with an article mentioning one of
    them; ``date_from``/``date_to``: ISO days the event interval must reach (an undated story is left out);
    ``outlet``: an outlet that covered the story.
    """

    story_ids: Sequence[str] | None = None
    entity_ids: Sequence[str] | None = None
    date_from: str = ""
    date_to: str = ""
    outlet: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def story_columns(story: Story, labels: Mapping[str, str]) -> tuple[Any, ...]:
    """The listing columns of a story row: ``(event_date_why, articles, sources, outlets, date_lo, date_hi)``.

    ``labels`` maps each member article's id to its outlet label (:func:`storyline.outlets.source_label`).
    """
    from storyline.render.svg import date_span  # late: the store does not load the renderers to open

    span = date_span(story.event_date)
    outlets = sorted({labels[i] for i in story.article_ids if i in labels})
    return (
        story.event_date_why,
        len(story.article_ids),
        story.independent_sources,
        json.dumps(outlets, ensure_ascii=False),
        span[0].isoformat() if span else None,
        span[1].isoformat() if span else None,
    )


def outlet_labels(rows: Iterable[tuple[str, str | None, str]]) -> dict[str, str]:
    """``{article id: outlet label}`` from ``(id, source, path)`` rows."""
    from storyline.outlets import source_label

    return {aid: source_label(source, path) for aid, source, path in rows}


def story_row(row: Sequence[Any]) -> StoryRow:
    """A :class:`StoryRow` from ``(id, title, event_date, event_date_why, articles, sources, outlets[, pos])``."""
    outlets, pos = row[6], (row[POS] if len(row) > POS else None)
    return StoryRow(
        id=row[0],
        title=row[1],
        event_date=row[2],
        event_date_why=row[3],
        articles=int(row[4] or 0),
        independent_sources=int(row[5] or 0),
        outlets=list(json.loads(outlets)) if outlets else [],
        pos=None if pos is None else int(pos),
    )


STORY_COLUMNS = "id, title, event_date, event_date_why, articles, sources, outlets, pos"
LINE_COLUMNS = "id, title, event_date, articles, sources"
"""What a line of ``storyline stories`` shows (:meth:`StoryLines.story_lines`)."""

StoryLine = tuple[str, str, str | None, int, int, bool]
"""``(id, title, event_date, articles, independent sources, updating)``."""


class StoryLines:
    """The stories list as plain tuples, every story or a slice, for ``storyline stories`` (mixed into both stores
    through :class:`~storyline.store.corpus_index.CorpusIndex`).

    :meth:`~storyline.store.base.Store.list_stories` makes a :class:`StoryRow` per story with its outlets parsed
    from JSON, and asks for the stale marks of its ids in chunks: right for a page of 50, 0.4 s of CPU for the
    67,000 stories of a 100,000-article store, whose listing reads none of it. Here one statement reads the five
    shown columns from the listing index (schema 9) and the stale marks are read whole (a few rows)."""

    _PH = "?"

    if TYPE_CHECKING:

        def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def story_lines(self, offset: int = 0, limit: int | None = None) -> list[StoryLine]:
        """The stories past the first ``offset`` in list order (at most ``limit``, every one when None).

        The offset is stepped over in the position index, as :meth:`list_stories` does."""
        p = self._PH
        seek, params = "", []
        if offset > 0:
            seek, params = f" WHERE pos >= (SELECT pos FROM stories ORDER BY pos LIMIT 1 OFFSET {p})", [offset]
        page = ""
        if limit is not None:
            page, params = f" LIMIT {p}", [*params, max(0, limit)]
        rows = self._q(f"SELECT {LINE_COLUMNS} FROM stories{seek} ORDER BY pos{page}", params)
        stale = {r[0] for r in self._q("SELECT story_id FROM stale_stories")}
        return [(i, t, d, int(a or 0), int(s or 0), i in stale) for i, t, d, a, s in rows]


POS = 7
"""The place of ``pos`` in :data:`STORY_COLUMNS`."""


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def story_where(q: StoryQuery, ph: str) -> tuple[str, list[Any]]:
    """The WHERE clause (without the word) and parameters selecting ``q``'s stories, ``ph`` the placeholder."""
    parts: list[str] = []
    params: list[Any] = []
    if q.story_ids is not None:
        ids = list(dict.fromkeys(q.story_ids))
        parts.append(f"id IN ({', '.join([ph] * len(ids))})" if ids else "0 = 1")
        params += ids
    if q.entity_ids is not None:
        ids = list(dict.fromkeys(q.entity_ids))
        if ids:
            parts.append(
                "id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id "
                f"WHERE m.entity_id IN ({', '.join([ph] * len(ids))}))"
            )
            params += ids
        else:
            parts.append("0 = 1")
    if q.date_from:
        parts.append(f"date_hi >= {ph}")
        params.append(q.date_from)
    if q.date_to:
        parts.append(f"date_lo <= {ph}")
        params.append(q.date_to)
    if q.outlet:
        parts.append(f"outlets LIKE {ph} ESCAPE '\\'")
        params.append(_like(json.dumps(q.outlet, ensure_ascii=False)))
    return " AND ".join(parts) or "1 = 1", params


def entity_where(type_: str, query: str, ph: str) -> tuple[str, list[Any]]:
    """The WHERE clause and parameters of the entities list: of one type, and whose id is ``query`` or whose
    name or an alias contains it (case-insensitive, as :func:`storyline.web.views.matching_entities`)."""
    parts: list[str] = []
    params: list[Any] = []
    if type_:
        parts.append(f"type = {ph}")
        params.append(type_)
    q = query.strip()
    if q:
        parts.append(f"(lower(id) = {ph} OR lower(name) LIKE {ph} ESCAPE '\\' OR lower(aliases) LIKE {ph} ESCAPE '\\')")
        params += [q.casefold(), _like(q.casefold()), _like(json.dumps(q.casefold(), ensure_ascii=False)[1:-1])]
    return " AND ".join(parts) or "1 = 1", params


def entity_columns(e: Entity) -> tuple[Any, ...]:
    """The listing columns of an entity row: ``(mention_count, article_count, aliases, display)``."""
    return (
        len(e.mentions),
        len({c.article_id for c in e.mentions}),
        json.dumps(e.aliases, ensure_ascii=False),
        entity_display(e),
    )


def entity_display(e: Entity) -> str:
    """What a dossier shows of an entity besides its mentions (name, type, aliases, roles, descriptions), as
    JSON: a stored dossier showing an entity whose display changed is stale, and the corpus stages read
    an entity from it without its mentions (:func:`entity_from_display`)."""
    return json.dumps([e.id, e.name, e.type, e.aliases, e.roles, e.descriptions], ensure_ascii=False)


def entity_from_display(value: str) -> Entity:
    """An entity, without its mentions, from :func:`entity_display`."""
    eid, name, type_, aliases, roles, descriptions = json.loads(value)
    return Entity(eid, name, type_, list(aliases), [], list(roles), list(descriptions))


def entity_row(row: Sequence[Any]) -> EntityRow:
    """An :class:`EntityRow` from ``(id, name, type, mention_count, article_count, aliases)``."""
    return EntityRow(row[0], row[1], row[2], int(row[3] or 0), int(row[4] or 0), list(json.loads(row[5] or "[]")))


ENTITY_COLUMNS = "id, name, type, mention_count, article_count, aliases"


def story_digest(doc: str) -> str:
    """The digest of a story's stored JSON text: what a stored dossier was built from."""
    return hashlib.sha1(doc.encode()).hexdigest()[:20]


Labeller = Callable[[Iterable[tuple[str, str | None, str]]], dict[str, str]]
