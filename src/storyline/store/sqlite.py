"""The default store: one SQLite file with WAL, foreign keys, FTS5 and numbered migrations.

Every model object is kept whole in a ``json`` column (so it round-trips exactly) beside
plain columns used for ordering, joins and ad-hoc SQL. Sentences are indexed with FTS5
(porter stemming over unicode61), and a search hit is a sentence with its offsets.

Example:
    >>> from storyline.model import Article, Sentence
    >>> store = SqliteStore(":memory:")
    >>> text = "Tariffs rose. Rare earths fell."
    >>> store.put_article(Article(id="a1", path="a1.txt", raw="", text=text,
    ...                           sentences=[Sentence(0, 13), Sentence(14, 31)]))
    True
    >>> hit = store.search('"rare earths"')[0]
    >>> (hit.start, hit.end, hit.snippet)
    (14, 31, '[[Rare earths]] fell.')
    >>> store.close()
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from storyline.errors import StorylineError
from storyline.model import Article, Story
from storyline.store import migrations
from storyline.store.base import (
    COUNT_WRITE,
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    SearchHit,
    open_store,
)
from storyline.store.corpus_index import CorpusIndex
from storyline.store.query import query_parts
from storyline.store.ranking import OVERFETCH, body_first
from storyline.store.stages import StageState

__all__ = ["SqliteStore", "fts_query", "open_store", "search_units"]

BUSY_TIMEOUT_MS = 10_000
SEARCH_CANDIDATES = 20_000
"""Most matching sentences one search ranks: past it, the most recently stored ones. bm25 scores every candidate
before the best are known, and a common word matches one sentence in fifteen of a large store (243,000 of 3.5
million at 100,000 articles: 3 s a search on a loaded 2-core machine, 0.4-0.5 s for the newest 20,000)."""
WRITE_WAIT_S = 600.0
"""How long a write waits for another process's write to end (each try waits ``BUSY_TIMEOUT_MS``) before
E302: the corpus stages of a big store hold the write lock for seconds, and a second ingest waits them out."""
MEMORY = ":memory:"
STATS_GROWTH = 1.25
"""The query statistics are refreshed (``PRAGMA optimize``) when a store is closed having this many times the
articles it had when they last were."""
STATS_META = "stats_at_articles"
"""Meta key: the article counter (:meth:`SqliteStore.articles_version`) when the statistics were last refreshed."""


class SqliteStore(StageState, CorpusIndex):
    """A :class:`~storyline.store.base.Store` in one SQLite file.

    Args:
        path: The database file (created, with its folder, when missing) or ``":memory:"``.

    Raises:
        StorylineError: E301 when the file is not a SQLite database, is another program's
            database, or was made by a newer Storyline.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn = _connect(self.path)
        self._depth = 0
        self._reading = False  # inside snapshot(): a read transaction is open
        try:
            migrations.migrate(self._conn, self.path)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise _cannot_open(self.path, exc) from exc
        except BaseException:
            self._conn.close()
            raise

    # -- life cycle ---------------------------------------------------------------------

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteStore({self.path!r})"

    def close(self) -> None:
        """Close the connection, letting SQLite refresh its query statistics first once the store has grown by
        :data:`STATS_GROWTH` since they were last refreshed (:meth:`_refresh_stats`)."""
        try:
            if not self._conn.in_transaction:
                self._refresh_stats()
        except sqlite3.Error:
            pass
        self._conn.close()

    def _refresh_stats(self) -> None:
        """``PRAGMA optimize`` when the articles stored have grown by :data:`STATS_GROWTH` since it last ran here
        (recorded under :data:`STATS_META`). It re-reads whole tables (SQLite 3.40 analyses the corpus index on
        every run: 1.5-1.9 s at 100,000 articles, more than the rest of adding one article); run at a growth
        ratio, its cost per article stays the same whatever the store's size."""
        version = self.articles_version()
        at = self.get_meta(STATS_META)
        if at is not None and at.isdigit() and version < STATS_GROWTH * int(at):
            return
        self._conn.execute("PRAGMA optimize")
        self._conn.execute(  # autocommit, as the statistics are: no write of the store's (its count unchanged)
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (STATS_META, str(version)),
        )

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; its rows as tuples (for :class:`~storyline.store.corpus_index.CorpusIndex`)."""
        return [tuple(r) for r in self._conn.execute(sql, tuple(params))]

    def _qmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._conn.executemany(sql, rows)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for tools and tests; stages use the methods."""
        return self._conn

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return migrations.current_version(self._conn)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a block in one transaction; nested blocks become savepoints of the outer one.

        Example:
            >>> store = SqliteStore(":memory:")
            >>> with store.transaction():
            ...     store.set_meta("run", "1")
            >>> store.get_meta("run")
            '1'
        """
        depth = self._depth
        if depth == 0 and self._reading:  # a write ends the read snapshot
            self._reading = False
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")
        if depth == 0:
            self._begin_write()
        else:
            self._conn.execute(f"SAVEPOINT sp{depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth = depth
            self._undo(depth)
            raise
        self._depth = depth
        try:
            self._conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        except BaseException:
            self._undo(depth)
            raise

    def _begin_write(self) -> None:
        """``BEGIN IMMEDIATE``, trying again while another connection holds the write lock (each try waits
        the busy timeout), for up to :data:`WRITE_WAIT_S` seconds."""
        deadline = time.monotonic() + WRITE_WAIT_S
        while True:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute(COUNT_WRITE)
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StorylineError(
                        "E302",
                        f"{self.path}: another process has been writing to the store for over {WRITE_WAIT_S:.0f} s"
                        " (SQLite says: database is locked): wait for it to finish, then run the command again",
                    ) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read in one snapshot: every read inside sees the store as of the first one, whatever other
        connections commit meanwhile (a page built from several queries stays consistent while an ingest
        rebuilds the stories). Writers are not blocked (WAL); a write inside ends the snapshot.

        Example:
            >>> store = SqliteStore(":memory:")
            >>> with store.snapshot():
            ...     store.stories()
            []
        """
        if self._reading or self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        self._reading = True
        try:
            yield
        finally:
            if self._reading:
                self._reading = False
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    def _undo(self, depth: int) -> None:
        if not self._conn.in_transaction:
            return
        if depth == 0:
            self._conn.execute("ROLLBACK")
        else:
            self._conn.execute(f"ROLLBACK TO sp{depth}")
            self._conn.execute(f"RELEASE sp{depth}")

    # -- articles -----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return True if an article with this id is stored."""
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def put_article(self, article: Article) -> bool:
        """Insert or replace an article and its sentences in the search index.

        Storing an article equal to the stored one changes nothing. The article's own
        ``story_id`` and ``duplicate_of`` are stored as given.

        Returns:
            True if the article was new.
        """
        doc_json = _dumps(article.to_json())
        doc = json.loads(doc_json)  # as it will read back (tuples become lists, ...)
        with self.transaction():
            row = self._conn.execute(
                "SELECT json, raw, story_id, duplicate_of FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            old = None if row is None else json.loads(row["json"])
            same_columns = row is not None and (row["story_id"], row["duplicate_of"]) == (
                article.story_id,
                article.duplicate_of,
            )
            if old == doc and row["raw"] == article.raw and same_columns:
                return False
            if row is not None:  # what a stored dossier of its story shows may have changed
                self.forget_dossiers({row["story_id"], article.story_id} - {None})
            self._upsert_article(article, doc_json)
            if old is None or _index_key(old) != _index_key(doc):
                self._index_sentences(article)
            if row is None:  # stage *analysed* done; the corpus stages no longer cover every article
                self._mark_analysed(article.id)
        return row is None

    def _index_sentences(self, article: Article) -> None:
        self._conn.execute("DELETE FROM sentences WHERE article_id = ?", (article.id,))
        self._conn.executemany(
            'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            ((article.id, idx, start, end, text) for idx, start, end, text in search_units(article)),
        )

    def _upsert_article(self, article: Article, doc_json: str) -> None:
        self._conn.execute(
            """
            INSERT INTO articles (id, path, title, source, published, published_how,
                                  story_id, duplicate_of, text, raw, json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                path = excluded.path, title = excluded.title, source = excluded.source,
                published = excluded.published, published_how = excluded.published_how,
                story_id = excluded.story_id, duplicate_of = excluded.duplicate_of,
                text = excluded.text, raw = excluded.raw, json = excluded.json
            """,
            (
                article.id,
                article.path,
                article.title,
                article.source,
                article.published,
                article.published_how,
                article.story_id,
                article.duplicate_of,
                article.text,
                article.raw,
                doc_json,
            ),
        )

    def get_article(self, article_id: str) -> Article | None:
        """Return the stored article, or None."""
        row = self._conn.execute(
            "SELECT json, raw, story_id, duplicate_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else _article(row)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Return all articles, or those with the given ids (unknown ids are skipped).

        Ordered by (published, path, id), undated articles last.
        """
        sql = "SELECT json, raw, story_id, duplicate_of FROM articles"
        params: tuple[Any, ...] = ()
        if ids is not None:
            sql += " WHERE id IN (SELECT value FROM json_each(?))"
            params = (json.dumps(list(ids)),)
        sql += " ORDER BY published IS NULL, published, path, id"
        return [_article(row) for row in self._conn.execute(sql, params)]

    def article_count(self) -> int:
        """Return how many articles are stored."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def set_story(self, article_id: str, story_id: str | None, duplicate_of: str | None = None) -> None:
        """Record an article's story and what it duplicates (both columns and JSON).

        Raises:
            KeyError: No article with this id is stored.
        """
        with self.transaction():
            cur = self._conn.execute(
                """
                UPDATE articles SET story_id = ?1, duplicate_of = ?2,
                    json = json_set(json, '$.story_id', ?1, '$.duplicate_of', ?2)
                WHERE id = ?3
                """,
                (story_id, duplicate_of, article_id),
            )
            if cur.rowcount == 0:
                raise KeyError(f"no stored article with id {article_id!r}")

    # -- entities -----------------------------------------------------------------------

    # replace_entities, entities, get_entity, entities_in: storyline.store.corpus_index (mentions as rows)

    # -- stories ------------------------------------------------------------------------

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Replace all stories (article assignments are recorded with :meth:`set_story`)."""
        with self.transaction():
            kept = {s.id for s in stories}
            stale = [r[0] for r in self._conn.execute("SELECT story_id FROM dossiers") if r[0] not in kept]
            self.forget_dossiers(stale)
            self._conn.execute("DELETE FROM stories")
            self._write_stories(stories, 0)

    def stories(self) -> list[Story]:
        """Return all stories in the order they were stored."""
        rows = self._conn.execute("SELECT json FROM stories ORDER BY pos")
        return [Story.from_json(json.loads(r[0])) for r in rows]

    def get_story(self, story_id: str) -> Story | None:
        """Return one story, or None."""
        row = self._conn.execute("SELECT json FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else Story.from_json(json.loads(row[0]))

    # -- search -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Find sentences matching a user query: running-text sentences first (headings, table cells and other
        fragments after them, :mod:`storyline.store.ranking`), best (lowest bm25) first within each.

        ``rare earths`` needs both words, ``"rare earths"`` the phrase, ``tariff*`` a
        prefix; any other input is taken literally and never raises. A query matching more than
        :data:`SEARCH_CANDIDATES` sentences is answered from the most recently stored of them.

        Args:
            query: What the user typed.
            limit: The most hits to return.
        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        # The best matches from the full-text index alone, then their sentences and articles: joined in the ranking
        # query, every match's rows were read before the sort (a common word matches tens of thousands). Only the
        # newest SEARCH_CANDIDATES matches are ranked (the index walks them newest first without scoring them).
        floor = self._conn.execute(
            "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, SEARCH_CANDIDATES - 1),
        ).fetchone()
        # Ranked first, highlighted after: a highlight() in the ranking query is worked out for every candidate
        # before the sort (a common word on 100,000 articles: 64-225 ms a query, against 16-46 ms so)
        ranked = self._conn.execute(
            "SELECT rowid, bm25(sentences_fts) AS rank FROM sentences_fts"
            " WHERE sentences_fts MATCH ? AND rowid >= ? ORDER BY rank, rowid LIMIT ?",
            (match, floor[0] if floor else 0, limit * OVERFETCH),
        ).fetchall()
        if not ranked:
            return []
        marks = self._in(len(ranked))
        rows = {
            r[0]: r[1:]
            for r in self._conn.execute(
                'SELECT s.id, s.article_id, s.start, s."end", s.text, a.title, a.source, a.published, a.story_id,'
                f" a.path FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.id IN ({marks})",
                [r[0] for r in ranked],
            )
        }
        found = {
            rowid: SearchHit(art, start, end, text, "", title, source, rank, published, story, path)
            for rowid, rank in ranked
            if (row := rows.get(rowid)) is not None
            for art, start, end, text, title, source, published, story, path in [row]
        }
        chosen = body_first(list(found.values()), limit)
        if not chosen:
            return []
        # Highlighted once chosen: highlight() is worked out row by row, and the ranking reads OVERFETCH times the
        # hits shown (200 highlights of a common word on 100,000 articles: 7-10 ms a search, against 2-3 for 50)
        rowid_of = {id(h): rowid for rowid, h in found.items()}
        ids = [rowid_of[id(h)] for h in chosen]
        snippets = dict(
            self._conn.execute(
                "SELECT rowid, highlight(sentences_fts, 0, ?, ?) FROM sentences_fts"
                f" WHERE sentences_fts MATCH ? AND rowid IN ({self._in(len(ids))})",
                [HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE, match, *ids],
            )
        )
        for rowid, h in zip(ids, chosen, strict=True):
            h.snippet = snippets.get(rowid, "")
        return chosen

    # -- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """Return a stored metadata value, or None."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value, replacing any previous one."""
        with self.transaction():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- integrity ----------------------------------------------------------------------

    def check(self) -> list[str]:
        """Integrity problems in words; an empty list when all is well.

        SQLite's ``integrity_check`` and ``foreign_key_check``, the full-text index against its table, rows
        whose article or entity is gone, stories naming articles that are not stored, articles in no story
        or in a story that is not stored, and what a stopped ingest left undone (:meth:`stage_problems`:
        documents read but not analysed, stories built before the last article was written).

        Example:
            >>> store = SqliteStore(":memory:")
            >>> store.check()
            []
            >>> _ = store.put_article(Article(id="a1", path="a1.txt", raw="", text="Rare earths rose."))
            >>> [p.split(":")[0] for p in store.check()]
            ['stories are older than the last article written (an ingest stopped before its corpus stages)']
        """
        problems = [f"SQLite integrity check: {r[0]}" for r in self._conn.execute("PRAGMA integrity_check")]
        problems = [p for p in problems if p != "SQLite integrity check: ok"]
        problems += [
            f"foreign key broken: {r[0]} row {r[1]} names a missing {r[2]} row"
            for r in self._conn.execute("PRAGMA foreign_key_check")
        ]
        try:
            self._conn.execute("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"the search index does not match the sentences ({exc}); run with --repair")
        for sql, what in _ORPHANS:
            n = int(self._conn.execute(sql).fetchone()[0])
            if n:
                problems.append(f"{n} {what}")
        return problems + self.stage_problems()

    def remove_orphans(self) -> int:
        """Delete sentences and mentions whose article or entity is gone, and rebuild the search index.

        Returns:
            How many rows were deleted.
        """
        with self.transaction():
            n = self._conn.execute("DELETE FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)").rowcount
            n += self._conn.execute(
                "DELETE FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)"
                " OR entity_id NOT IN (SELECT id FROM entities)"
            ).rowcount
            self._conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
        return int(n)


_ORPHANS = (
    ("SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)", "sentences of no article"),
    ("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)", "mentions of no article"),
    ("SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)", "mentions of no entity"),
    (
        "SELECT count(*) FROM stories s, json_each(s.json, '$.article_ids') j"
        " WHERE j.value NOT IN (SELECT id FROM articles)",
        "story members that are not stored articles",
    ),
    (
        "SELECT count(*) FROM articles WHERE story_id IS NOT NULL AND story_id NOT IN (SELECT id FROM stories)",
        "articles in a story that is not stored",
    ),
    (
        "SELECT count(*) FROM articles WHERE story_id IS NULL AND EXISTS (SELECT 1 FROM stories)",
        "articles in no story",
    ),
)
"""Orphan and dangling rows: (SQL counting them, what they are)."""


# -- helpers ----------------------------------------------------------------------------


def search_units(article: Article) -> Iterator[tuple[int, int, int, str]]:
    """Yield the rows to index for an article: ``(idx, start, end, text)``.

    Its sentences when it has them, else its paragraphs, else its whole text as one row.
    Empty spans are skipped; ``text`` is always ``article.text[start:end]``.

    Example:
        >>> list(search_units(Article(id="a", path="a", raw="", text="One. Two.")))
        [(0, 0, 9, 'One. Two.')]
    """
    spans: Iterable[tuple[int, int]]
    if article.sentences:
        spans = ((s.start, s.end) for s in article.sentences)
    elif article.paragraphs:
        spans = article.paragraphs
    else:
        spans = [(0, len(article.text))]
    for idx, (start, end) in enumerate(spans):
        text = article.text[start:end]
        if text.strip():
            yield idx, start, end, text


def fts_query(query: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: a conjunction of quoted phrases.

    Bare words are each quoted (so ``AND``, ``US-China`` or ``Xi's`` are plain text), a
    ``"quoted phrase"`` stays a phrase, a trailing ``*`` asks for a prefix, and an
    unbalanced quote is ignored.

    Control characters (NUL, escapes) and lone surrogates are spaces.

    Returns:
        The FTS5 query, or None when nothing searchable is left.

    Example:
        >>> fts_query('US-China "rare earths" tariff* AND "oops')
        '"US-China" "rare earths" "tariff"* "AND" "oops"'
        >>> fts_query("rare\\x00earths\\x1b[31m")
        '"rare" "earths" "[31m"'
    """
    parts = ['"' + text + '"' + ("*" if prefix else "") for text, prefix in query_parts(query)]
    return " ".join(parts) or None


def _index_key(doc: dict[str, Any]) -> tuple[Any, ...]:
    """What the search rows of an article depend on (see :func:`search_units`)."""
    return (doc.get("text"), doc.get("sentences"), doc.get("paragraphs"))


def _dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str)


def _article(row: sqlite3.Row) -> Article:
    article = Article.from_json(json.loads(row["json"]))
    article.raw = row["raw"]
    article.story_id = row["story_id"]
    article.duplicate_of = row["duplicate_of"]
    return article


def _connect(path: str) -> sqlite3.Connection:
    """Open and configure a connection, turning "not a database" into a clear error."""
    if path != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise _cannot_open(path, exc) from exc
    conn.row_factory = sqlite3.Row
    try:
        _configure(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _cannot_open(path, exc) from exc
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")  # the first read: fails here when not a database
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _busy(exc: sqlite3.OperationalError) -> bool:
    """True for "database is locked" / "database is busy" (another connection holds the lock)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc) or "busy" in str(exc)


def _cannot_open(path: str, exc: sqlite3.Error) -> StorylineError:
    reason = str(exc)
    if "not a database" in reason:
        return StorylineError(
            "E301",
            f"{path}: is not a SQLite database (SQLite says: {reason}): "
            "pass the path of a Storyline store or of a new file",
        )
    return StorylineError(
        "E301", f"{path}: cannot open the store (SQLite says: {reason}): check the path and its permissions"
    )
