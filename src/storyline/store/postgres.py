"""A store in a PostgreSQL database, for several machines or many writers: ``--db postgresql://…``.

It keeps what the SQLite store keeps, in the same tables (migrations in PostgreSQL's dialect:
:mod:`storyline.store.migrations.postgres`) and answers every :class:`~storyline.store.base.Store` method the
same way; the tests run one suite over both. What differs is how:

* Connections come from a pool (psycopg_pool), one per database URL and process, shared by every store
  opened on that URL (the web app opens one per request). A store borrows a connection for each call, or
  keeps one on its thread for a :meth:`~PostgresStore.transaction` or a :meth:`~PostgresStore.snapshot`.
* Writers take turns: every write transaction first takes one advisory lock per database (as SQLite's
  ``BEGIN IMMEDIATE`` takes the file's write lock), so the stage state's "is the article set still the one
  the corpus stages covered" is answered and recorded with no other writer in between, and no transaction
  ever fails on a conflict (nothing to retry). Readers never wait: a snapshot is a ``REPEATABLE READ``
  read-only transaction. A writer that cannot take the lock within :data:`WRITE_WAIT_S` gets E302.
* Search is a generated ``tsvector`` column with a GIN index, matched by ``tsquery`` and marked by
  ``ts_headline`` (:mod:`storyline.store.pg_search`); ranks are ``-ts_rank``, lower is better as with bm25.

Example:
    >>> with PostgresStore("postgresql:///news?host=/run/postgresql") as store:      # doctest: +SKIP
    ...     store.search("rare earths")
"""

from __future__ import annotations

import atexit
import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool

from storyline.errors import StorylineError
from storyline.model import Article, Story
from storyline.store.base import COUNT_WRITE, SearchHit, without_password
from storyline.store.corpus_index import CorpusIndex
from storyline.store.migrations import postgres as migrations
from storyline.store.pg_search import CONFIG, HEADLINE_OPTIONS, join_phrases, tsquery_sql
from storyline.store.pg_stages import PgStageState
from storyline.store.query import query_parts
from storyline.store.ranking import OVERFETCH, body_first
from storyline.store.sqlite import _dumps, _index_key, search_units

if TYPE_CHECKING:
    Conn = psycopg.Connection[tuple[Any, ...]]

__all__ = ["POOL_MAX", "WRITE_LOCK", "PostgresStore", "close_pool", "close_pools", "without_password"]

WRITE_LOCK = 0x53544F52_59575249  # "STORYWRI"
"""The advisory lock every write transaction takes first (one writer at a time per database)."""
WRITE_WAIT_S = 600.0
"""How long a write waits for another process's write to end before E302 (as the SQLite store's)."""
POOL_MAX = 8
"""The most connections one process keeps open to one database."""
POOL_WAIT_S = 60.0
"""How long a call waits for a free pooled connection."""
DIALECT = "postgresql"


class _Held(threading.local):
    """A store's state on one thread: the connection it keeps and the transaction it is in."""

    conn: Conn | None = None
    holds = 0
    depth = 0
    reading = False


class PostgresStore(PgStageState, CorpusIndex):
    """A :class:`~storyline.store.base.Store` in a PostgreSQL database (its current schema).

    Args:
        url: A ``postgresql://`` (or ``postgres://``) URL, as libpq reads it: user, password, host (a folder
            for a unix socket: ``?host=/run/postgresql``), port, database and options.

    Raises:
        StorylineError: E301 when the server cannot be reached or refuses the login, when the database holds
            other tables but no store, or when it was made by a newer Storyline.
    """

    dialect = DIALECT
    _PH = "%s"
    _JSON = "%s::json"
    _MEMBERS = "json -> 'article_ids'"
    _ANY = True  # a list of keys is one array parameter (= ANY), not a list of placeholders

    def __init__(self, url: str) -> None:
        self.path = without_password(url)  # shown in messages; the password stays in the pool's URL only
        self._pool = _pool_for(url, self.path)
        self._held = _Held()
        self._closed = False

    # -- life cycle ---------------------------------------------------------------------

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgresStore({self.path!r})"

    def close(self) -> None:
        """Give this thread's connection back to the pool (the pool stays open for the next store)."""
        held = self._held
        if held.conn is not None:
            conn, held.conn, held.holds, held.depth, held.reading = held.conn, None, 0, 0, False
            self._pool.putconn(conn)  # the pool rolls back what is open
        self._closed = True

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        with self._hold() as conn:
            return migrations.current_version(conn)

    @contextmanager
    def _hold(self) -> Iterator[Conn]:
        """This thread's connection for a block: the one it keeps, or one borrowed from the pool till the end."""
        held = self._held
        if held.conn is None:
            if self._closed:
                raise StorylineError("E301", f"{self.path}: the store was closed")
            held.conn = self._pool.getconn(timeout=POOL_WAIT_S)
        held.holds += 1
        try:
            yield held.conn
        finally:
            held.holds -= 1
            if held.holds == 0 and held.conn is not None:
                conn, held.conn = held.conn, None
                self._pool.putconn(conn)

    def rows(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = (), *, prepare: bool | None = None
    ) -> list[tuple[Any, ...]]:
        """Run one SQL statement (``%s`` placeholders) in this thread's transaction, if any; return its rows.

        For tools, tests and :class:`~storyline.store.corrections.CorrectionLog`; stages use the methods.
        ``prepare=False`` plans the statement afresh for its values every time (psycopg otherwise prepares a
        statement run a few times on one connection, and the server may then run it by a plan made for no
        values in particular: :meth:`search`).
        """
        with self._hold() as conn, conn.cursor() as cur:
            cur.execute(sql, params or None, prepare=prepare)
            return cur.fetchall() if cur.description is not None else []

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> None:
        """Run one statement whose rows are not wanted (inside a pipeline it is only queued)."""
        with self._hold() as conn:
            conn.execute(sql, params or None)

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.rows(sql, list(params))

    def _qmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._many(sql, rows)

    def _count(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        return int(self.rows(sql, params)[0][0])

    def _many(self, sql: str, rows: Sequence[Sequence[Any]] | Sequence[dict[str, Any]]) -> None:
        if rows:
            with self._hold() as conn, conn.cursor() as cur:
                cur.executemany(sql, rows)

    def _copy(self, table_columns: str, rows: Iterator[Sequence[Any]] | Sequence[Sequence[Any]]) -> None:
        """Append rows to a table with COPY (the fastest way in)."""
        with self._hold() as conn, conn.cursor() as cur, cur.copy(f"COPY {table_columns} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a block in one write transaction; nested blocks become savepoints of the outer one.

        The outermost takes the store's write lock first (one writer at a time); a write inside a
        :meth:`snapshot` ends the snapshot, as in the SQLite store.
        """
        held = self._held
        with self._hold() as conn:
            depth = held.depth
            if depth == 0 and held.reading:  # a write ends the read snapshot
                held.reading = False
                conn.execute(b"COMMIT")
            if depth == 0:
                self._begin_write(conn)
            else:
                conn.execute(f"SAVEPOINT sp{depth}".encode())
            held.depth += 1
            try:
                yield
            except BaseException:
                held.depth = depth
                _undo(conn, depth)
                raise
            held.depth = depth
            try:
                conn.execute(b"COMMIT" if depth == 0 else f"RELEASE SAVEPOINT sp{depth}".encode())
            except BaseException:
                _undo(conn, depth)
                raise

    def _begin_write(self, conn: Conn) -> None:
        """``BEGIN``, take the write lock (waiting up to :data:`WRITE_WAIT_S` for the writer holding it) and count
        the write (:data:`~storyline.store.base.WRITES`), in one round trip: the statements go as one simple query."""
        wait_ms = max(1, int(WRITE_WAIT_S * 1000))
        try:
            conn.execute(
                f"BEGIN; SET LOCAL lock_timeout = {wait_ms}; SELECT pg_advisory_xact_lock({WRITE_LOCK:d}); "
                f"{COUNT_WRITE}".encode()
            )
        except psycopg.errors.LockNotAvailable as exc:
            _undo(conn, 0)
            raise StorylineError(
                "E302",
                f"{self.path}: another process has been writing to the store for over {WRITE_WAIT_S:.0f} s"
                " (PostgreSQL says: lock timeout): wait for it to finish, then run the command again",
            ) from exc
        except BaseException:
            _undo(conn, 0)
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read in one snapshot (a ``REPEATABLE READ`` read-only transaction): every read inside sees the
        store as of the first one, whatever others commit meanwhile; a write inside ends it."""
        held = self._held
        if held.reading or held.depth > 0:
            yield
            return
        with self._hold() as conn:
            conn.execute(b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            held.reading = True
            try:
                yield
            finally:
                if held.reading:
                    held.reading = False
                    if conn.info.transaction_status != TransactionStatus.IDLE:
                        conn.execute(b"COMMIT")

    # -- articles -----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return True if an article with this id is stored."""
        return bool(self.rows("SELECT 1 FROM articles WHERE id = %s", (article_id,)))

    def put_article(self, article: Article) -> bool:
        """Insert or replace an article and its sentences in the search index (as the SQLite store: storing
        an article equal to the stored one changes nothing).

        Returns:
            True if the article was new.
        """
        doc_json = _dumps(article.to_json())
        doc = json.loads(doc_json)
        with self.transaction():
            found = self.rows("SELECT json, raw, story_id, duplicate_of FROM articles WHERE id = %s", (article.id,))
            old = found[0][0] if found else None
            same_columns = bool(found) and (found[0][2], found[0][3]) == (article.story_id, article.duplicate_of)
            if old == doc and found[0][1] == article.raw and same_columns:
                return False
            if found:  # what a stored dossier of its story shows may have changed
                self.forget_dossiers({found[0][2], article.story_id} - {None})
            with self._hold() as conn, conn.pipeline():  # the writes go in one round trip
                self._upsert_article(article, doc_json)
                if old is None or _index_key(old) != _index_key(doc):
                    self._index_sentences(article)
                if not found:  # stage *analysed* done; the corpus stages no longer cover every article
                    self._mark_analysed(article.id)
        return not found

    def _index_sentences(self, article: Article) -> None:
        self._run("DELETE FROM sentences WHERE article_id = %s", (article.id,))
        self._many(
            'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (%s, %s, %s, %s, %s)',
            [(article.id, idx, start, end, text) for idx, start, end, text in search_units(article)],
        )

    def _upsert_article(self, article: Article, doc_json: str) -> None:
        self._run(
            """
            INSERT INTO articles (id, path, title, source, published, published_how,
                                  story_id, duplicate_of, text, raw, json)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::json)
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
        found = self.rows("SELECT json, raw, story_id, duplicate_of FROM articles WHERE id = %s", (article_id,))
        return _article(found[0]) if found else None

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Return all articles, or those with the given ids (unknown ids skipped), by (published, path, id),
        undated articles last."""
        sql = "SELECT json, raw, story_id, duplicate_of FROM articles"
        params: tuple[Any, ...] = ()
        if ids is not None:
            sql += " WHERE id = ANY(%s)"
            params = (list(ids),)
        sql += " ORDER BY published IS NULL, published, path, id"
        return [_article(row) for row in self.rows(sql, params)]

    def article_count(self) -> int:
        """Return how many articles are stored."""
        return self._count("SELECT count(*) FROM articles")

    def set_story(self, article_id: str, story_id: str | None, duplicate_of: str | None = None) -> None:
        """Record an article's story and what it duplicates (both columns and JSON).

        Raises:
            KeyError: No article with this id is stored.
        """
        with self.transaction():
            found = self.rows("SELECT json FROM articles WHERE id = %s", (article_id,))
            if not found:
                raise KeyError(f"no stored article with id {article_id!r}")
            doc = found[0][0]
            doc["story_id"], doc["duplicate_of"] = story_id, duplicate_of
            self.rows(
                "UPDATE articles SET story_id = %s, duplicate_of = %s, json = %s::json WHERE id = %s",
                (story_id, duplicate_of, _dumps(doc), article_id),
            )

    # -- entities -----------------------------------------------------------------------

    # replace_entities, entities, get_entity, entities_in: storyline.store.corpus_index (mentions as rows)

    # -- stories ------------------------------------------------------------------------

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Replace all stories (article assignments are recorded with :meth:`set_story`)."""
        with self.transaction():
            kept = {s.id for s in stories}
            self.forget_dossiers([r[0] for r in self.rows("SELECT story_id FROM dossiers") if r[0] not in kept])
            self.rows("DELETE FROM stories")
            self._write_stories(stories, 0)

    def stories(self) -> list[Story]:
        """Return all stories in the order they were stored."""
        return [Story.from_json(r[0]) for r in self.rows("SELECT json FROM stories ORDER BY pos")]

    def get_story(self, story_id: str) -> Story | None:
        """Return one story, or None."""
        found = self.rows("SELECT json FROM stories WHERE id = %s", (story_id,))
        return Story.from_json(found[0][0]) if found else None

    # -- search -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Find sentences matching a user query, read as the SQLite store reads it (:mod:`storyline.store.query`):
        running-text sentences first, then fragments, best first within each; any input is accepted.

        Args:
            query: What the user typed.
            limit: The most hits to return.
        """
        parts = query_parts(query)
        if not parts or limit <= 0:
            return []
        tsquery, params = tsquery_sql(parts)
        # Never prepared: a prepared statement's generic plan, which the server may take after five runs on one
        # connection (a web server's pooled ones), cannot see how common the words are. On 100,000 articles (3.5
        # million sentences) it fetched every match of "republicans" (242,000) through the index with lossy
        # rechecks, 2.2 s a query, where the plan made for the word scans the table once (1.1 s).
        rows = self.rows(
            f"""
            WITH q AS (SELECT {tsquery} AS q),
            hit AS (
                SELECT s.id, s.article_id, s.start, s."end", s.text, -ts_rank(s.tsv, q.q, 1) AS rank, q.q
                FROM sentences s, q
                WHERE numnode(q.q) > 0 AND s.tsv @@ q.q
                ORDER BY rank, s.id
                LIMIT %s
            )
            SELECT h.article_id, h.start, h."end", h.text,
                   ts_headline('{CONFIG}', h.text, h.q, '{HEADLINE_OPTIONS}'),
                   a.title, a.source, h.rank, a.published, a.story_id, a.path
            FROM hit h JOIN articles a ON a.id = h.article_id
            ORDER BY h.rank, h.id
            """,
            (*params, limit * OVERFETCH),
            prepare=False,
        )
        hits = [SearchHit(r[0], r[1], r[2], r[3], join_phrases(r[4], parts), *r[5:]) for r in rows]
        return body_first(hits, limit)

    # -- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """Return a stored metadata value, or None."""
        found = self.rows("SELECT value FROM meta WHERE key = %s", (key,))
        return str(found[0][0]) if found else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value, replacing any previous one."""
        with self.transaction():
            self.rows(
                "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- integrity ----------------------------------------------------------------------

    def check(self) -> list[str]:
        """Integrity problems in words; an empty list when all is well.

        PostgreSQL keeps its own indexes, foreign keys and the generated search column in step, so this counts
        what the SQLite store's check counts beyond them: rows whose article or entity is gone, stories naming
        articles that are not stored, articles in no story or in a story that is not stored, and what a
        stopped ingest left undone (:meth:`stage_problems`).
        """
        problems: list[str] = []
        for sql, what in _ORPHANS:
            n = self._count(sql)
            if n:
                problems.append(f"{n} {what}")
        return problems + self.stage_problems()

    def remove_orphans(self) -> int:
        """Delete sentences and mentions whose article or entity is gone; return how many rows."""
        with self.transaction():
            n = self._count(
                "WITH gone AS (DELETE FROM sentences WHERE article_id NOT IN (SELECT id FROM articles) RETURNING 1)"
                " SELECT count(*) FROM gone"
            )
            n += self._count(
                "WITH gone AS (DELETE FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)"
                " OR entity_id NOT IN (SELECT id FROM entities) RETURNING 1) SELECT count(*) FROM gone"
            )
        return n


_ORPHANS = (
    ("SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)", "sentences of no article"),
    ("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)", "mentions of no article"),
    ("SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)", "mentions of no entity"),
    (
        "SELECT count(*) FROM stories s, json_array_elements_text(s.json -> 'article_ids') j (value)"
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
"""Orphan and dangling rows: (SQL counting them, what they are), as the SQLite store's."""


# -- helpers ----------------------------------------------------------------------------


def _article(row: tuple[Any, ...]) -> Article:
    article = Article.from_json(row[0])
    article.raw, article.story_id, article.duplicate_of = row[1], row[2], row[3]
    return article


def _undo(conn: Conn, depth: int) -> None:
    """Roll back to where the block at ``depth`` started (the whole transaction at depth 0)."""
    try:
        if conn.info.transaction_status == TransactionStatus.IDLE:
            return
        if depth == 0:
            conn.execute(b"ROLLBACK")
        else:
            conn.execute(f"ROLLBACK TO SAVEPOINT sp{depth}".encode())
            conn.execute(f"RELEASE SAVEPOINT sp{depth}".encode())
    except psycopg.OperationalError:
        pass  # the connection is gone: the server rolled back, the pool discards it


# -- the pools: one per database URL and process ------------------------------------------

_POOLS: dict[tuple[int, str], ConnectionPool[Any]] = {}
"""Pools by (process id, URL): a forked child never uses its parent's connections; it opens its own."""
_POOLS_LOCK = threading.Lock()


def _pool_for(url: str, label: str) -> ConnectionPool[Any]:
    """The process's pool for ``url``; the first time, connect once to migrate the database (so a refused
    login or a missing database is a clear E301, not a pool timeout)."""
    key = (os.getpid(), url)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is not None:
            return pool
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=30) as conn:
                migrations.migrate(conn, label)
        except psycopg.Error as exc:
            raise _cannot_open(label, exc) from exc
        pool = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_MAX,
            kwargs={"autocommit": True},
            name=f"storyline {label}",
            open=True,
        )
        _POOLS[key] = pool
        return pool


def close_pool(url: str) -> None:
    """Close the process's pool for ``url`` (its connections end); the next store opened on it makes a new one."""
    with _POOLS_LOCK:
        pool = _POOLS.pop((os.getpid(), url), None)
    if pool is not None:
        pool.close()


@atexit.register
def close_pools() -> None:
    """Close every pool this process opened (run at exit)."""
    with _POOLS_LOCK:
        mine = [key for key in _POOLS if key[0] == os.getpid()]
        pools = [_POOLS.pop(key) for key in mine]
    for pool in pools:
        pool.close()


def _cannot_open(label: str, exc: psycopg.Error) -> StorylineError:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return StorylineError(
        "E301",
        f"{label}: cannot open the PostgreSQL store (PostgreSQL says: {reason}): check the URL (host, port,"
        " database, user), that the server runs and that the user may create tables in the database",
    )
