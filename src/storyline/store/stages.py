"""Stage state in the SQLite store: what an ingest has read, analysed and built, so a stopped one is finished.

The tables are made by migration ``0002_stages.sql`` (its header explains them). The per-article stages are
*read* (the document waits in ``pending``) and *analysed* (stored; the same transaction deletes its
``pending`` row and records the stage with the store's new articles_version); the corpus stages
(:data:`CORPUS_STAGES`) record the article set they covered, so "complete for the current article set" is
one comparison. :class:`StageState` is mixed into :class:`~storyline.store.sqlite.SqliteStore`.

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> from storyline.model import Article
    >>> store = SqliteStore(":memory:")
    >>> store.queue_pending([("a1", "a1.txt", {"doc": {"path": "a1.txt"}})])
    >>> [p[0] for p in store.pending()], store.corpus_built()
    (['a1'], True)
    >>> store.put_article(Article(id="a1", path="a1.txt", raw="", text="Rare earths rose."))
    True
    >>> store.pending(), store.corpus_built(), store.stages_of("a1")
    ([], False, {'analysed': True, 'entities': False, 'stories': False})
    >>> store.mark_corpus_built(store.articles_version(), 1)
    True
    >>> store.corpus_built(), store.stages_of("a1")["stories"]
    (True, True)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from storyline.store.base import ARTICLES_VERSION

__all__ = ["ANALYSED", "CORPUS_STAGES", "StageState"]

ANALYSED = "analysed"
"""The per-article stage recorded when an article is stored: clean, meta, analyse and dates are done."""
CORPUS_STAGES = ("entities", "stories")
"""The corpus stages, in order (``stories``: duplicates, clustering, each story's claims, timeline, summary)."""


class StageState:
    """Stage-state methods of the SQLite store (needs the store's ``_conn`` and ``transaction``)."""

    _conn: sqlite3.Connection

    if TYPE_CHECKING:

        def transaction(self) -> AbstractContextManager[None]: ...

    # -- the read stage: documents waiting to be analysed --------------------------------

    def queue_pending(self, docs: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Record documents read but not yet analysed: ``(article_id, path, doc)``, ``doc`` a JSON-able dict.

        One transaction; a document already waiting is replaced (the latest run's settings win), one whose
        article another process has stored meanwhile is not queued.
        """
        with self.transaction():
            self._conn.executemany(
                "INSERT INTO pending (article_id, path, doc) SELECT ?1, ?2, ?3"
                " WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = ?1) ON CONFLICT (article_id) DO UPDATE"
                " SET path = excluded.path, doc = excluded.doc, queued_at = excluded.queued_at",
                ((aid, path, json.dumps(doc, ensure_ascii=False)) for aid, path, doc in docs),
            )

    def pending(self) -> list[tuple[str, str, dict[str, Any]]]:
        """The documents still waiting to be analysed, ``(article_id, path, doc)``, in the order queued."""
        rows = self._conn.execute("SELECT article_id, path, doc FROM pending ORDER BY rowid")
        return [(str(r[0]), str(r[1]), json.loads(r[2])) for r in rows]

    def drop_pending(self, article_ids: Sequence[str]) -> int:
        """Forget waiting documents (their analysis failed and was reported); return how many."""
        with self.transaction():
            cur = self._conn.execute(
                "DELETE FROM pending WHERE article_id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(article_ids)),),
            )
        return int(cur.rowcount)

    def _mark_analysed(self, article_id: str) -> None:
        """Inside :meth:`put_article`'s transaction, for a new article: raise the articles version, record the
        article's *analysed* stage with it, and take the article off the waiting list."""
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, '1')"
            " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
            (ARTICLES_VERSION,),
        )
        self._conn.execute(
            "INSERT OR REPLACE INTO article_stages (article_id, stage, version)"
            " SELECT ?, ?, CAST(value AS INTEGER) FROM meta WHERE key = ?",
            (article_id, ANALYSED, ARTICLES_VERSION),
        )
        self._conn.execute("DELETE FROM pending WHERE article_id = ?", (article_id,))

    # -- the corpus stages ---------------------------------------------------------------

    def articles_version(self) -> int:
        """The counter every new article raises: corpus stages record the value they covered."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (ARTICLES_VERSION,)).fetchone()
        return int(row[0]) if row else 0

    def mark_corpus_built(self, version: int, articles: int) -> bool:
        """Record that the corpus stages ran over the article set of ``version`` (``articles`` articles).

        Call it inside the transaction that stores their results. Returns False, recording nothing, when the
        article set changed since (another ingest stored an article: its own run builds the stories).
        """
        if self.articles_version() != version:
            return False
        self._conn.executemany(
            "INSERT INTO corpus_stages (stage, articles_version, articles) VALUES (?, ?, ?) ON CONFLICT (stage)"
            " DO UPDATE SET articles_version = excluded.articles_version, articles = excluded.articles,"
            " done_at = excluded.done_at",
            ((stage, version, articles) for stage in CORPUS_STAGES),
        )
        return True

    def corpus_built(self) -> bool:
        """True when every corpus stage covers the current article set (an empty store is built)."""
        version, count = self.articles_version(), self._article_total()
        if count == 0:
            return True
        rows = dict(
            (str(r[0]), (int(r[1]), int(r[2])))
            for r in self._conn.execute("SELECT stage, articles_version, articles FROM corpus_stages")
        )
        return all(rows.get(stage) == (version, count) for stage in CORPUS_STAGES)

    def stages_of(self, article_id: str) -> dict[str, bool]:
        """Which stages are done for one article: ``analysed`` and each corpus stage."""
        rows = self._conn.execute(
            "SELECT stage, done FROM article_progress WHERE article_id = ?", (article_id,)
        ).fetchall()
        done = {str(r[0]): bool(r[1]) for r in rows}
        return {stage: done.get(stage, False) for stage in (ANALYSED, *CORPUS_STAGES)}

    def stage_counts(self) -> dict[str, int]:
        """How many documents wait to be analysed and how many articles each stage has done."""
        out = {"read": int(self._conn.execute("SELECT count(*) FROM pending").fetchone()[0])}
        for stage, n in self._conn.execute("SELECT stage, sum(done) FROM article_progress GROUP BY stage"):
            out[str(stage)] = int(n or 0)
        return {k: out.get(k, 0) for k in ("read", ANALYSED, *CORPUS_STAGES)}

    def stage_problems(self) -> list[str]:
        """What a stopped ingest left undone, in words (part of :meth:`SqliteStore.check`)."""
        problems: list[str] = []
        waiting = int(self._conn.execute("SELECT count(*) FROM pending").fetchone()[0])
        if waiting:
            problems.append(
                f"{waiting} document(s) read but not analysed (an ingest stopped half-way): run storyline repair"
            )
        unrecorded = int(
            self._conn.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM article_stages s WHERE s.article_id = a.id AND s.stage = ?)",
                (ANALYSED,),
            ).fetchone()[0]
        )
        if unrecorded:
            problems.append(f"{unrecorded} stored article(s) with no stage record")
        if not self.corpus_built():
            problems.append(
                "stories are older than the last article written (an ingest stopped before its corpus stages):"
                " run storyline repair"
            )
        return problems

    def _article_total(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])
