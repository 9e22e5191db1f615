"""What the corpus stages and the web pages read without loading the corpus: the corpus index, partial writes of
stories and entities, paged listings and stored dossiers — the same SQL on both backends.

The tables are made by migration ``0006_corpus_index.sql`` (its header says what each kind of index row holds).
:class:`CorpusIndex` is mixed into :class:`~storyline.store.sqlite.SqliteStore` and
:class:`~storyline.store.postgres.PostgresStore`; each gives it ``_q`` (run one statement, return its rows as
tuples), ``_qmany`` (run one statement over many rows), ``_PH`` (the placeholder) and ``_JSON`` (the
placeholder of a JSON value).

A stored dossier is deleted whenever what it shows may have changed underneath it: an article of its story is
written (:meth:`CorpusIndex.forget_dossiers_of_articles`), or its story is replaced or removed. An entity its
story's articles name that changes name, type, roles or descriptions makes it stale too, found when it is read
instead of when the entity is written (schema 7): the entity row records the write at which its display last
changed (``display_at``), the dossier the write at which it was built (``built_at``), and a dossier older than
one of its entities is not served. Filing an article under the corpus's most named entity thus costs no search
through that entity's thousands of mentions for the stories showing it. A new spelling of an entity does not
make a dossier stale (the most named entities gain one every few ingests, and every story naming them would be
built again when shown): the dossier's entity rows get their spellings when read.

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> store = SqliteStore(":memory:")
    >>> store.add_counts("df", {"terms:flood": 1, "terms:river": 2})
    >>> store.add_counts("df", {"terms:flood": 1})
    >>> sorted((k, n) for k, _, _, n in store.index_rows("df", ["terms:flood", "terms:river"]))
    [('terms:flood', 2), ('terms:river', 2)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from storyline.model import Cite, Entity, Story, story_order
from storyline.store.base import CHUNK, IndexRow
from storyline.store.base import chunks as _chunks
from storyline.store.listing import (
    ENTITY_COLUMNS,
    STORY_COLUMNS,
    EntityRow,
    StoryLines,
    StoryQuery,
    StoryRow,
    entity_columns,
    entity_from_display,
    entity_row,
    entity_where,
    outlet_labels,
    story_columns,
    story_digest,
    story_row,
    story_where,
)
from storyline.store.stages import ANALYSED
from storyline.store.stale import StaleMarks
from storyline.text import names_in_full

__all__ = ["CHUNK", "CorpusIndex", "IndexRow", "entity_from_json", "json_text"]

STORY_IDS_READ = 100
"""Story ids read, longest first, to find the highest story number (all of them when none of these is one)."""
STORIES_PAGE = 500
"""Stories read at a time by :meth:`CorpusIndex.iter_stories` (a few MB of JSON)."""


def entity_from_json(d: Mapping[str, Any] | str) -> Entity:
    """An :class:`Entity` from its stored JSON (text or parsed)."""
    doc = json.loads(d) if isinstance(d, str) else d
    return Entity(
        id=doc["id"],
        name=doc["name"],
        type=doc["type"],
        aliases=list(doc.get("aliases", [])),
        mentions=[Cite(c["article_id"], c["start"], c["end"]) for c in doc.get("mentions", [])],
        roles=list(doc.get("roles", [])),
        descriptions=list(doc.get("descriptions", [])),
    )


def _parsed(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str)


def _text(doc: Any) -> str:
    return doc if isinstance(doc, str) else _dumps(doc)


def json_text(doc: Any) -> str:
    """The JSON text the store writes for ``doc`` (a dossier made before its write: kept as text, a third of
    the memory of the document)."""
    return _dumps(doc)


class CorpusIndex(StaleMarks, StoryLines):
    """The corpus index, partial writes, listings and dossiers, the stale stories' marks
    (:class:`~storyline.store.stale.StaleMarks`) and the listing's lines
    (:class:`~storyline.store.listing.StoryLines`), mixed into both stores."""

    _PH = "?"
    _JSON = "?"
    _MEMBERS = "json_extract(json, '$.article_ids')"  # a story's article ids, without reading the story
    _ANY = False  # True: a list of keys is bound as one array (``= ANY``), in one statement, not in chunks

    if TYPE_CHECKING:

        def transaction(self) -> AbstractContextManager[None]: ...

        def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

        def _qmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def _in(self, n: int) -> str:
        return ", ".join([self._PH] * n)

    # -- the corpus index -----------------------------------------------------------------

    def index_rows(self, kind: str, keys: Iterable[str]) -> list[IndexRow]:
        """The index rows of ``kind`` with one of these keys."""
        p = self._PH
        if self._ANY:  # one statement for them all (the df of a neighbourhood's words: tens of thousands)
            return self._q(
                f"SELECT key, ref, value, n FROM corpus_index WHERE kind = {p} AND key = ANY({p})",
                [kind, list(dict.fromkeys(keys))],
            )
        out: list[IndexRow] = []
        for part in _chunks(keys):
            out += self._q(
                f"SELECT key, ref, value, n FROM corpus_index WHERE kind = {self._PH}"
                f" AND key IN ({self._in(len(part))})",
                [kind, *part],
            )
        return out

    def index_rows_valued(self, kind: str, keys: Iterable[str], values: Iterable[str]) -> list[IndexRow]:
        """The index rows of ``kind`` with one of these keys and one of these values (the postings of some
        weeks: a name the corpus carries in every year is read for the weeks asked only)."""
        wanted = list(dict.fromkeys(values))
        p = self._PH
        if self._ANY:
            return self._q(
                f"SELECT key, ref, value, n FROM corpus_index WHERE kind = {p} AND key = ANY({p}) AND value = ANY({p})",
                [kind, list(dict.fromkeys(keys)), wanted],
            )
        out: list[IndexRow] = []
        for part in _chunks(keys):
            for vals in _chunks(wanted):
                out += self._q(
                    f"SELECT key, ref, value, n FROM corpus_index WHERE kind = {self._PH}"
                    f" AND key IN ({self._in(len(part))}) AND value IN ({self._in(len(vals))})",
                    [kind, *part, *vals],
                )
        return out

    def index_refs(self, kind: str, refs: Iterable[str]) -> list[IndexRow]:
        """The index rows of ``kind`` that point at one of these refs (articles or entities)."""
        out: list[IndexRow] = []
        for part in _chunks(refs):
            out += self._q(
                f"SELECT key, ref, value, n FROM corpus_index WHERE kind = {self._PH}"
                f" AND ref IN ({self._in(len(part))})",
                [kind, *part],
            )
        return out

    def put_index(self, kind: str, rows: Sequence[IndexRow]) -> None:
        """Insert or replace index rows ``(key, ref, value, n)`` of ``kind``."""
        p = self._PH
        with self.transaction():
            self._qmany(
                f"INSERT INTO corpus_index (kind, key, ref, value, n) VALUES ({p}, {p}, {p}, {p}, {p})"
                " ON CONFLICT (kind, key, ref) DO UPDATE SET value = excluded.value, n = excluded.n",
                [(kind, k, r, v, n) for k, r, v, n in rows],
            )

    def add_counts(self, kind: str, counts: Mapping[str, int]) -> None:
        """Add to the counts ``n`` of keys of ``kind`` (rows with ref ``''``; a count down to 0 is deleted)."""
        p = self._PH
        with self.transaction():
            self._qmany(
                f"INSERT INTO corpus_index (kind, key, ref, n) VALUES ({p}, {p}, '', {p})"
                " ON CONFLICT (kind, key, ref) DO UPDATE SET n = corpus_index.n + excluded.n",
                [(kind, k, n) for k, n in counts.items() if n],
            )
            if any(n < 0 for n in counts.values()):
                self._q(f"DELETE FROM corpus_index WHERE kind = {p} AND ref = '' AND n <= 0", [kind])

    def drop_index(self, kind: str, refs: Iterable[str] | None = None) -> None:
        """Delete the index rows of ``kind`` (only those pointing at ``refs``, when given)."""
        with self.transaction():
            if refs is None:
                self._q(f"DELETE FROM corpus_index WHERE kind = {self._PH}", [kind])
                return
            for part in _chunks(refs):
                self._q(
                    f"DELETE FROM corpus_index WHERE kind = {self._PH} AND ref IN ({self._in(len(part))})",
                    [kind, *part],
                )

    def drop_index_keys(self, kind: str, keys: Iterable[str]) -> None:
        """Delete the index rows of ``kind`` with one of these keys."""
        with self.transaction():
            for part in _chunks(keys):
                self._q(
                    f"DELETE FROM corpus_index WHERE kind = {self._PH} AND key IN ({self._in(len(part))})",
                    [kind, *part],
                )

    def unindexed_articles(self) -> list[str]:
        """The stored articles the corpus index has no profile of (new since the corpus stages last ran).

        Only the articles analysed after the article set the corpus stages last covered are looked at (by their
        stage record's version): every run that covered a set indexed all of it, so the rest have profiles, and
        the store is not read whole."""
        p = self._PH
        rows = self._q(
            "SELECT a.id FROM article_stages s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.stage = {p} AND s.version > (SELECT coalesce(min(articles_version), 0) FROM corpus_stages)"
            " AND NOT EXISTS (SELECT 1 FROM corpus_index c WHERE c.kind = 'profile' AND c.key = a.id)"
            " ORDER BY a.published IS NULL, a.published, a.path, a.id",
            [ANALYSED],
        )
        return [r[0] for r in rows]

    def index_size(self, kind: str) -> int:
        """How many index rows of ``kind`` are stored."""
        return int(self._q(f"SELECT count(*) FROM corpus_index WHERE kind = {self._PH}", [kind])[0][0])

    # -- articles, light ----------------------------------------------------------------

    def article_states(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None, str | None, str]]:
        """``{article id: (story_id, duplicate_of, published, path)}`` for the stored ones of ``ids``."""
        out: dict[str, tuple[str | None, str | None, str | None, str]] = {}
        for part in _chunks(ids):
            for aid, sid, dup, pub, path in self._q(
                f"SELECT id, story_id, duplicate_of, published, path FROM articles WHERE id IN ({self._in(len(part))})",
                part,
            ):
                out[aid] = (sid, dup, pub, path)
        return out

    def duplicates_of(self, ids: Iterable[str]) -> list[str]:
        """The stored articles marked as copies of one of ``ids``."""
        out: list[str] = []
        for part in _chunks(ids):
            out += [
                r[0] for r in self._q(f"SELECT id FROM articles WHERE duplicate_of IN ({self._in(len(part))})", part)
            ]
        return out

    # -- stories ------------------------------------------------------------------------

    def _labels(self, stories: Sequence[Story]) -> dict[str, str]:
        rows: list[tuple[str, str | None, str]] = []
        for part in _chunks(i for s in stories for i in s.article_ids):
            rows += self._q(f"SELECT id, source, path FROM articles WHERE id IN ({self._in(len(part))})", part)
        return outlet_labels(rows)

    def _write_stories(self, stories: Sequence[Story], first_pos: int) -> None:
        """Insert or replace story rows with their listing columns, at positions from ``first_pos`` on (a story
        already stored keeps its position)."""
        labels = self._labels(stories)
        p = self._PH
        rows = []
        for k, s in enumerate(stories):
            doc = _dumps(s.to_json())
            rows.append((s.id, first_pos + k, s.title, s.event_date, doc, *story_columns(s, labels), story_digest(doc)))
        self._qmany(
            "INSERT INTO stories (id, pos, title, event_date, json, event_date_why, articles, sources, outlets,"
            f" date_lo, date_hi, digest) VALUES ({p}, {p}, {p}, {p}, {self._JSON}, {p}, {p}, {p}, {p}, {p}, {p}, {p})"
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, event_date = excluded.event_date,"
            " json = excluded.json, event_date_why = excluded.event_date_why, articles = excluded.articles,"
            " sources = excluded.sources, outlets = excluded.outlets, date_lo = excluded.date_lo,"
            " date_hi = excluded.date_hi, digest = excluded.digest",
            rows,
        )

    def put_stories(self, stories: Sequence[Story], removed: Iterable[str] = ()) -> None:
        """Insert or replace some stories (new ones go last in the list) and delete the ``removed`` ones; the
        others stay as they are."""
        with self.transaction():
            gone = list(removed)
            for part in _chunks(gone):
                self._q(f"DELETE FROM stories WHERE id IN ({self._in(len(part))})", part)
            self.forget_dossiers(gone)
            self.clear_stale(gone)
            last = self._q("SELECT max(pos) FROM stories")[0][0]
            self._write_stories(stories, 0 if last is None else int(last) + 1)

    def story_members(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """``{story id: its article ids}`` for the stored ones of ``ids``."""
        out: dict[str, list[str]] = {}
        for part in _chunks(ids):
            for sid, doc in self._q(
                f"SELECT id, {self._MEMBERS} FROM stories WHERE id IN ({self._in(len(part))})", part
            ):
                out[sid] = list(_parsed(doc) or [])
        return out

    def story_ids(self) -> list[str]:
        """Every story's id, in list order."""
        return [r[0] for r in self._q("SELECT id FROM stories ORDER BY pos")]

    def iter_stories(self) -> Iterator[Story]:
        """Every story in list order, :data:`STORIES_PAGE` at a time (never the whole list in memory)."""
        p = self._PH
        after: list[Any] = [-1, ""]
        while True:
            rows = self._q(
                f"SELECT pos, id, json FROM stories WHERE (pos, id) > ({p}, {p}) ORDER BY pos, id LIMIT {p}",
                [*after, STORIES_PAGE],
            )
            for _, _, doc in rows:
                yield Story.from_json(_parsed(doc))
            if len(rows) < STORIES_PAGE:
                return
            after = [rows[-1][0], rows[-1][1]]

    def last_story_number(self) -> int:
        """The highest ``N`` of a story id ``sN`` (0 when there is none): new stories are numbered after it. The
        longest ids are read first (the highest numbers are among them), not every id."""
        for limit in (STORY_IDS_READ, None):
            page = f" LIMIT {limit}" if limit else ""
            ids = [r[0] for r in self._q(f"SELECT id FROM stories ORDER BY length(id) DESC, id DESC{page}")]
            numbers = [int(i[1:]) for i in ids if i[1:].isdigit()]
            if numbers or limit is None or len(ids) < limit:
                return max(numbers, default=0)
        return 0

    def list_stories(
        self, query: StoryQuery | None = None, offset: int = 0, limit: int = 50, *, after: int | None = None
    ) -> tuple[list[StoryRow], int]:
        """One page of the stories list (in list order) and how many stories the query matches: the ``limit``
        stories past the first ``offset``, or past the row at position ``after`` (a row's ``pos``: keyset paging,
        a seek in the position index however deep the page). An offset is stepped over in the narrow position
        index, never with OFFSET on the page's columns (6 ms a page 60,000 stories deep, against 0.5)."""
        p = self._PH
        where, params = story_where(query or StoryQuery(), p)
        total = int(self._q(f"SELECT count(*) FROM stories WHERE {where}", params)[0][0])
        seek, sought = "", []
        if after is not None:
            seek, sought = f" AND pos > {p}", [after]
        elif offset > 0:
            seek = f" AND pos >= (SELECT pos FROM stories WHERE {where} ORDER BY pos LIMIT 1 OFFSET {p})"
            sought = [*params, offset]
        rows = self._q(
            f"SELECT {STORY_COLUMNS} FROM stories WHERE {where}{seek} ORDER BY pos LIMIT {p}",
            [*params, *sought, max(0, limit)],
        )
        found = [story_row(r) for r in rows]
        stale = self.stale_among(r.id for r in found)
        for r in found:
            r.updating = r.id in stale
        return found, total

    def stories_near(self, story_id: str, limit: int) -> list[tuple[str, str]]:
        """Up to ``limit`` other stories nearest ``story_id`` in list order, as ``(id, title)`` (the correction
        forms' choices)."""
        p = self._PH
        found = self._q(f"SELECT pos FROM stories WHERE id = {p}", [story_id])
        here = int(found[0][0]) if found else 0
        rows = self._q(
            f"SELECT id, title, pos FROM stories WHERE pos BETWEEN {p} AND {p} AND id <> {p} ORDER BY pos",
            [here - limit, here + limit, story_id],
        )
        near = sorted(rows, key=lambda r: (abs(int(r[2]) - here), int(r[2])))[: max(0, limit)]
        return sorted(((r[0], r[1]) for r in near), key=lambda r: story_order(r[0]))

    def outlet_names(self) -> list[str]:
        """Every outlet named by a stored article: from the index on the outlet (schema 8), one step per outlet
        (the next name after the last), never a read of every article."""
        rows = self._q(
            "WITH RECURSIVE o (source) AS ("
            " SELECT (SELECT min(source) FROM articles)"
            " UNION ALL SELECT (SELECT min(a.source) FROM articles a WHERE a.source > o.source) FROM o"
            " WHERE o.source IS NOT NULL)"
            " SELECT source FROM o WHERE source IS NOT NULL"
        )
        return sorted(r[0] for r in rows)

    def listing_stale(self) -> bool:
        """True when some story has no listing columns yet (stored before schema 6)."""
        return bool(self._q("SELECT 1 FROM stories WHERE outlets IS NULL LIMIT 1"))

    def refresh_listing(self) -> int:
        """Fill the listing columns of stories that have none; return how many."""
        with self.transaction():
            stale = [r[0] for r in self._q("SELECT json FROM stories WHERE outlets IS NULL")]
            stories = [Story.from_json(_parsed(d)) for d in stale]
            labels = self._labels(stories)
            p = self._PH
            self._qmany(
                f"UPDATE stories SET event_date_why = {p}, articles = {p}, sources = {p}, outlets = {p},"
                f" date_lo = {p}, date_hi = {p}, digest = {p} WHERE id = {p}",
                [(*story_columns(s, labels), story_digest(_dumps(s.to_json())), s.id) for s in stories],
            )
        return len(stories)

    # -- entities -----------------------------------------------------------------------
    #
    # An entity's JSON holds everything but its mentions; they are rows of ``mentions`` in order (``pos``), so a
    # new article's mentions of the corpus's most named entity are a few rows added, never its cites rewritten.
    # An entity stored before schema 6 keeps its mentions in its JSON until it is written again.

    def _write_entities(
        self,
        entities: Sequence[Entity],
        first_pos: int,
        counts: Mapping[str, tuple[int, int]] | None = None,
        shown: Mapping[str, tuple[str | None, int]] | None = None,
    ) -> None:
        """Insert or replace entity rows (JSON without mentions, listing columns); ``counts``: their mention and
        article counts when the entities carry only some of their mentions; ``shown``: the display and
        ``display_at`` each had before (read now when not given): an entity that is new or shows otherwise (but
        for its aliases, :func:`_shown`) gets this write's number, the others keep theirs."""
        p = self._PH
        before = self._displays([e.id for e in entities]) if shown is None else shown
        now = self.write_count()
        rows = []
        for k, e in enumerate(entities):
            cols = entity_columns(e)
            n_mentions, n_articles = (counts or {}).get(e.id, cols[:2])
            old, at = before.get(e.id, (None, now))
            rows.append((e.id, first_pos + k, e.name, e.type, _dumps(_without_mentions(e)), n_mentions, n_articles,
                         *cols[2:], at if _shown(old) == _shown(cols[-1]) else now))  # fmt: skip
        self._qmany(
            "INSERT INTO entities (id, pos, name, type, json, mention_count, article_count, aliases, display,"
            f" display_at) VALUES ({p}, {p}, {p}, {p}, {self._JSON}, {p}, {p}, {p}, {p}, {p})"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, json = excluded.json,"
            " mention_count = excluded.mention_count, article_count = excluded.article_count,"
            " aliases = excluded.aliases, display = excluded.display, display_at = excluded.display_at",
            rows,
        )

    def _displays(self, ids: Sequence[str] | None = None) -> dict[str, tuple[str | None, int]]:
        """``{entity id: (display, display_at)}`` of the stored ones of ``ids`` (of every entity when None)."""
        if ids is None:
            rows = self._q("SELECT id, display, coalesce(display_at, 0) FROM entities")
        else:
            rows = []
            for part in _chunks(ids):
                rows += self._q(
                    f"SELECT id, display, coalesce(display_at, 0) FROM entities WHERE id IN ({self._in(len(part))})",
                    part,
                )
        return {r[0]: (r[1], int(r[2])) for r in rows}

    def _write_mentions(self, entities: Sequence[Entity], first: Mapping[str, int] | None = None) -> None:
        """Mention rows for the entities' cites, numbered from ``first[entity id]`` (0)."""
        p = self._PH
        start = first or {}
        self._qmany(
            f'INSERT INTO mentions (entity_id, pos, article_id, start, "end") VALUES ({p}, {p}, {p}, {p}, {p})',
            [
                (e.id, start.get(e.id, 0) + k, c.article_id, c.start, c.end)
                for e in entities
                for k, c in enumerate(e.mentions)
            ],
        )

    def replace_entities(self, entities: Sequence[Entity]) -> None:
        """Replace all entities and their mentions; an entity whose display is new or changed is marked so (a
        stored dossier showing it is stale; one that showed an entity now gone names another now)."""
        with self.transaction():
            shown = self._displays()
            self._q("DELETE FROM mentions")
            self._q("DELETE FROM entities")
            self._write_entities(entities, 0, shown=shown)
            self._write_mentions(entities)

    def put_entities(self, entities: Sequence[Entity], articles: Iterable[str] | None = None) -> None:
        """Insert or replace some entities and their mentions; the others stay as they are. ``articles``: the
        entities carry only their mentions in these articles, which replace the stored ones there (the rest stay).
        One whose name, type, aliases, roles or descriptions changed makes the dossiers showing it stale."""
        if not entities:
            return
        with self.transaction():
            ids = [e.id for e in entities]
            last = self._q("SELECT max(pos) FROM entities")[0][0]
            first_pos = 0 if last is None else int(last) + 1
            if articles is None:
                for part in _chunks(ids):
                    self._q(f"DELETE FROM mentions WHERE entity_id IN ({self._in(len(part))})", part)
                self._write_entities(entities, first_pos)
                self._write_mentions(entities)
                return
            only = list(dict.fromkeys(articles))
            kept = {e.id: [c for c in e.mentions if c.article_id in set(only)] for e in entities}
            counts, first = self._mention_counts(ids, only)
            for part in _chunks(ids):
                for arts in _chunks(only):
                    self._q(
                        f"DELETE FROM mentions WHERE entity_id IN ({self._in(len(part))})"
                        f" AND article_id IN ({self._in(len(arts))})",
                        [*part, *arts],
                    )
            new = {i: (counts[i][0] + len(c), counts[i][1] + len({x.article_id for x in c})) for i, c in kept.items()}
            self._write_entities(entities, first_pos, new)
            self._write_mentions([_with_mentions(e, kept[e.id]) for e in entities], first)

    def _mention_counts(
        self, ids: Sequence[str], articles: Sequence[str]
    ) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
        """For :meth:`put_entities`: each entity's mention and article counts without its mentions in ``articles``,
        and the next free mention position."""
        counts = {i: (0, 0) for i in ids}
        first = dict.fromkeys(ids, 0)
        for part in _chunks(ids):
            marks = self._in(len(part))
            for eid, n, m in self._q(
                "SELECT id, coalesce(mention_count, 0), coalesce(article_count, 0) FROM entities"
                f" WHERE id IN ({marks})",
                part,
            ):
                counts[eid] = (int(n), int(m))
            for eid, top in self._q(  # one index seek per entity, not a pass over its mentions
                f"SELECT e.id, (SELECT max(m.pos) FROM mentions m WHERE m.entity_id = e.id) FROM entities e"
                f" WHERE e.id IN ({marks})",
                part,
            ):
                if top is not None:
                    first[eid] = int(top) + 1
            for arts in _chunks(articles):
                for eid, n, m in self._q(
                    f"SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions WHERE entity_id IN ({marks})"
                    f" AND article_id IN ({self._in(len(arts))}) GROUP BY entity_id",
                    [*part, *arts],
                ):
                    counts[eid] = (counts[eid][0] - int(n), counts[eid][1] - int(m))
        return counts, first

    def _read_entities(self, rows: Iterable[Sequence[Any]], article_id: str | None = None) -> list[Entity]:
        """Entities from their JSON, with their mentions (only those in ``article_id``, when given)."""
        out: list[Entity] = []
        need: dict[str, Entity] = {}
        for (doc,) in rows:
            d = _parsed(doc)
            e = entity_from_json(d)
            out.append(e)
            if article_id is not None:
                e.mentions = [c for c in e.mentions if c.article_id == article_id]
            if "mentions" not in d:
                need[e.id] = e
        if need:
            p = self._PH
            where = "" if len(need) > CHUNK and article_id is None else None
            if where is not None:  # all of them: one pass over the table
                for eid, aid, start, end in self._q(
                    'SELECT entity_id, article_id, start, "end" FROM mentions ORDER BY entity_id, pos'
                ):
                    if eid in need:
                        need[eid].mentions.append(Cite(aid, start, end))
            else:
                for part in _chunks(need):
                    extra = f" AND article_id = {p}" if article_id is not None else ""
                    params = [*part, *([article_id] if article_id is not None else [])]
                    for eid, aid, start, end in self._q(
                        'SELECT entity_id, article_id, start, "end" FROM mentions'
                        f" WHERE entity_id IN ({self._in(len(part))}){extra} ORDER BY entity_id, pos",
                        params,
                    ):
                        need[eid].mentions.append(Cite(aid, start, end))
        return out

    def entities(self) -> list[Entity]:
        """Return all entities in the order they were stored, with their mentions."""
        return self._read_entities(self._q("SELECT json FROM entities ORDER BY pos"))

    def get_entity(self, entity_id: str) -> Entity | None:
        """Return one entity with its mentions, or None."""
        found = self._read_entities(self._q(f"SELECT json FROM entities WHERE id = {self._PH}", [entity_id]))
        return found[0] if found else None

    def entities_in(self, article_id: str) -> list[Entity]:
        """Return the entities an article mentions, most mentioned there first, each with its mentions in that
        article only (the corpus's most named entity has thousands elsewhere)."""
        rows = self._q(
            f"""
            SELECT e.json FROM entities e
            JOIN (SELECT entity_id, count(*) AS n FROM mentions WHERE article_id = {self._PH} GROUP BY entity_id) m
              ON m.entity_id = e.id
            ORDER BY m.n DESC, e.pos
            """,
            [article_id],
        )
        return self._read_entities(rows, article_id)

    def mentions_in(self, entity_id: str, article_ids: Iterable[str]) -> list[Cite]:
        """An entity's mentions in these articles, in order."""
        stored = self._q(f"SELECT json FROM entities WHERE id = {self._PH}", [entity_id])
        wanted = set(article_ids)
        if not stored:
            return []
        doc = _parsed(stored[0][0])
        if "mentions" in doc:  # stored before schema 6
            return [c for c in entity_from_json(doc).mentions if c.article_id in wanted]
        out: list[Cite] = []
        for part in _chunks(wanted):
            rows = self._q(
                f'SELECT article_id, start, "end", pos FROM mentions WHERE entity_id = {self._PH}'
                f" AND article_id IN ({self._in(len(part))})",
                [entity_id, *part],
            )
            out += [Cite(aid, start, end) for aid, start, end, _ in sorted(rows, key=lambda r: r[3])]
        return out

    def get_entities(self, ids: Iterable[str], *, with_mentions: bool = True) -> list[Entity]:
        """The stored ones of ``ids``; without their mentions when ``with_mentions`` is False (then the corpus's
        most named entities are read without their thousands of cites)."""
        out: list[Entity] = []
        for part in _chunks(ids):
            if with_mentions:
                out += self._read_entities(
                    self._q(f"SELECT json FROM entities WHERE id IN ({self._in(len(part))})", part)
                )
                continue
            rows = self._q(f"SELECT json, display FROM entities WHERE id IN ({self._in(len(part))})", part)
            out += [entity_from_display(d) if d else _no_mentions(entity_from_json(doc)) for doc, d in rows]
        return out

    def entity_mention_count(self, entity_id: str) -> int:
        """How many mentions an entity has."""
        rows = self._q(f"SELECT coalesce(mention_count, 0) FROM entities WHERE id = {self._PH}", [entity_id])
        return int(rows[0][0]) if rows else 0

    def list_entities(
        self, type_: str = "", query: str = "", offset: int = 0, limit: int = 50
    ) -> tuple[list[EntityRow], int]:
        """One page of the entities list, most mentioned first, and how many entities match."""
        where, params = entity_where(type_, query, self._PH)
        total = int(self._q(f"SELECT count(*) FROM entities WHERE {where}", params)[0][0])
        rows = self._q(
            f"SELECT {ENTITY_COLUMNS} FROM entities WHERE {where}"
            f" ORDER BY mention_count DESC, name, id LIMIT {self._PH} OFFSET {self._PH}",
            [*params, max(0, limit), max(0, offset)],
        )
        return [entity_row(r) for r in rows], total

    def entity_types(self) -> list[str]:
        """The entity types in the store."""
        return sorted(r[0] for r in self._q("SELECT DISTINCT type FROM entities"))

    def mentioned_articles(self, entity_id: str, offset: int = 0, limit: int | None = None) -> tuple[list[str], int]:
        """The articles mentioning an entity, by (published, path), a page of them, and how many there are."""
        p = self._PH
        base = f"FROM articles a WHERE a.id IN (SELECT article_id FROM mentions WHERE entity_id = {p})"
        total = int(self._q(f"SELECT count(*) {base}", [entity_id])[0][0])
        page = f" LIMIT {p} OFFSET {p}" if limit is not None else ""
        params: list[Any] = [entity_id, *([limit, max(0, offset)] if limit is not None else [])]
        rows = self._q(f"SELECT a.id {base} ORDER BY a.published IS NULL, a.published, a.path, a.id{page}", params)
        return [r[0] for r in rows], total

    def write_count(self) -> int:
        """How many write transactions the store has committed (every one raises the ``writes`` meta counter)."""
        rows = self._q("SELECT value FROM meta WHERE key = 'writes'")
        return int(rows[0][0]) if rows else 0

    # -- dossiers -----------------------------------------------------------------------

    def get_dossier(self, story: Story) -> dict[str, Any] | None:
        """The stored dossier of ``story`` in its JSON form, when one was built from the story as it is now and
        from the entities as they are."""
        p = self._PH
        rows = self._q(f"SELECT key, json, built_at FROM dossiers WHERE story_id = {p}", [story.id])
        if not rows or rows[0][0] != story_digest(_dumps(story.to_json())) or self._stale(story.id, rows[0][2]):
            return None
        return self._fresh_aliases(story.id, _parsed(rows[0][1]))

    def stored_dossier(self, story_id: str) -> dict[str, Any] | None:
        """The stored dossier of the story ``story_id`` as it is stored now, without reading the story (None when
        an entity it shows changed since)."""
        row = self._current_dossier(story_id, "json")
        return None if row is None else self._fresh_aliases(story_id, _parsed(row[0]))

    def has_stored_dossier(self, story_id: str) -> bool:
        """Whether :meth:`stored_dossier` finds one, without reading it."""
        return self._current_dossier(story_id, "key") is not None

    def _current_dossier(self, story_id: str, column: str) -> tuple[Any, ...] | None:
        """``column`` and ``built_at`` of the dossier stored for the story row as it is, unless stale."""
        rows = self._q(
            f"SELECT d.{column}, d.built_at FROM dossiers d JOIN stories s ON s.id = d.story_id AND s.digest = d.key"
            f" WHERE d.story_id = {self._PH}",
            [story_id],
        )
        return None if not rows or self._stale(story_id, rows[0][1]) else rows[0]

    def _fresh_aliases(self, story_id: str, doc: dict[str, Any]) -> dict[str, Any]:
        """The dossier with each entity row's spellings as the entity has them now: the names the story's own
        articles write (``aliases``) and the others (``aliases_elsewhere``), as :mod:`storyline.render.dossier`
        splits them. A spelling filed elsewhere since the dossier was built does not make it stale (the most
        named entities gain spellings with every few ingests): it is placed here, by the story's texts when the
        dossier has not placed it yet."""
        rows = [r for r in doc.get("entities") or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]
        now: dict[str, list[str]] = {}
        for part in _chunks(r["id"] for r in rows):
            now.update((i, json.loads(a or "[]")) for i, a in self._q(
                f"SELECT id, aliases FROM entities WHERE id IN ({self._in(len(part))})", part
            ))  # fmt: skip
        placed = {r["id"]: (set(r.get("aliases") or []), set(r.get("aliases_elsewhere") or [])) for r in rows}
        new = {x for r in rows for x in now.get(r["id"], []) if x not in placed[r["id"]][0] | placed[r["id"]][1]}
        text = ""
        if new:
            p = self._PH
            text = "\n".join(r[0] for r in self._q(f"SELECT text FROM articles WHERE story_id = {p}", [story_id]))
            text = text.casefold()
        for r in rows:
            if r["id"] not in now:
                continue
            seen, _ = placed[r["id"]]
            here = [x for x in now[r["id"]] if (x.casefold() in text if x in new else x in seen)]
            here = names_in_full(here, [r.get("name") or "", *now[r["id"]]], text) if text else here
            r["aliases"], r["aliases_elsewhere"] = here, [x for x in now[r["id"]] if x not in set(here)]
        return doc

    def _stale(self, story_id: str, built_at: int | None) -> bool:
        """Whether an entity the story's articles name changed its display after the write ``built_at``."""
        p = self._PH
        return bool(
            self._q(
                f"SELECT 1 FROM articles a JOIN mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id"
                f" WHERE a.story_id = {p} AND e.display_at > {p} LIMIT 1",
                [story_id, int(built_at or 0)],
            )
        )

    def dossier_ids(self) -> list[str]:
        """The stories with a stored dossier that no entity change has made stale."""
        return [
            r[0]
            for r in self._q(
                "SELECT d.story_id FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM articles a"
                " JOIN mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id"
                " WHERE a.story_id = d.story_id AND e.display_at > coalesce(d.built_at, 0))"
            )
        ]

    def put_dossier(self, story: Story, doc: Mapping[str, Any] | str, *, as_stored: bool = False) -> None:
        """Store the dossier built from ``story`` (its JSON form, or that as :func:`json_text` writes it) and the
        entities as they are now. ``as_stored``: ``story`` was read from the store, unchanged since; the dossier
        is keyed by its stored row's digest (a story an earlier version stored writes another JSON text now)."""
        p = self._PH
        key = story_digest(_dumps(story.to_json()))
        if as_stored:
            key = next((r[0] for r in self._q(f"SELECT digest FROM stories WHERE id = {p}", [story.id])), key)
        with self.transaction():
            self._q(
                f"INSERT INTO dossiers (story_id, key, json, built_at) VALUES ({p}, {p}, {self._JSON}, {p})"
                " ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, json = excluded.json,"
                " built_at = excluded.built_at",
                [story.id, key, _text(doc), self.write_count()],
            )

    def forget_dossiers(self, story_ids: Iterable[str] | None = None) -> None:
        """Delete the stored dossiers of these stories (of every story when None)."""
        self._delete_stories("dossiers", story_ids)

    def forget_dossiers_of_articles(self, article_ids: Iterable[str]) -> None:
        """Delete the stored dossiers of the stories holding these articles."""
        with self.transaction():
            for part in _chunks(article_ids):
                self._q(
                    "DELETE FROM dossiers WHERE story_id IN (SELECT story_id FROM articles"
                    f" WHERE id IN ({self._in(len(part))}))",
                    part,
                )


def _shown(display: str | None) -> Any:
    """What a stored dossier shows of an entity and cannot bring up to date when it is read: its display but
    for its aliases (placed when read, :meth:`CorpusIndex._fresh_aliases`)."""
    if display is None:
        return None
    doc = json.loads(display)
    return [*doc[:3], *doc[4:]]


def _no_mentions(e: Entity) -> Entity:
    e.mentions = []
    return e


def _with_mentions(e: Entity, mentions: list[Cite]) -> Entity:
    return Entity(e.id, e.name, e.type, e.aliases, mentions, e.roles, e.descriptions)


def _without_mentions(e: Entity) -> dict[str, Any]:
    doc = e.to_json()
    del doc["mentions"]
    return doc
