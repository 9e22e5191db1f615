"""Stage state in the PostgreSQL store: the same stages, records and answers as :mod:`storyline.store.stages`
(read it for what they mean), in PostgreSQL's dialect.

Writes run inside the store's write transactions, which one store-wide lock takes in turn (as SQLite's
``BEGIN IMMEDIATE``), so "is the article set still the one the corpus stages covered" is answered and
recorded with no other writer in between. :class:`PgStageState` is mixed into
:class:`~storyline.store.postgres.PostgresStore`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from storyline.store.base import ARTICLES_VERSION
from storyline.store.stages import ANALYSED, CORPUS_STAGES

__all__ = ["PgStageState"]

Params = Sequence[Any] | dict[str, Any]


class PgStageState:
    """Stage-state methods of the PostgreSQL store (needs its ``rows``, ``_many`` and ``transaction``)."""

    if TYPE_CHECKING:

        def transaction(self) -> AbstractContextManager[None]: ...

        def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]: ...

        def _many(self, sql: str, rows: Sequence[Sequence[Any]] | Sequence[dict[str, Any]]) -> None: ...

        def _count(self, sql: str, params: Params = ()) -> int: ...

        def _run(self, sql: str, params: Params = ()) -> None: ...

    # -- the read stage: documents waiting to be analysed --------------------------------

    def queue_pending(self, docs: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Record documents read but not yet analysed (see :meth:`StageState.queue_pending`)."""
        from psycopg.types.json import Json

        with self.transaction():
            self._many(
                "INSERT INTO pending (article_id, path, doc) SELECT %(id)s, %(path)s, %(doc)s"
                " WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = %(id)s) ON CONFLICT (article_id) DO UPDATE"
                " SET path = excluded.path, doc = excluded.doc, queued_at = excluded.queued_at",
                [{"id": aid, "path": path, "doc": Json(doc)} for aid, path, doc in docs],
            )

    def pending(self) -> list[tuple[str, str, dict[str, Any]]]:
        """The documents still waiting to be analysed, ``(article_id, path, doc)``, in the order queued."""
        rows = self.rows("SELECT article_id, path, doc FROM pending ORDER BY seq")
        return [(str(r[0]), str(r[1]), r[2]) for r in rows]

    def drop_pending(self, article_ids: Sequence[str]) -> int:
        """Forget waiting documents (their analysis failed and was reported); return how many."""
        with self.transaction():
            return self._count(
                "WITH gone AS (DELETE FROM pending WHERE article_id = ANY(%s) RETURNING 1) SELECT count(*) FROM gone",
                (list(article_ids),),
            )

    def _mark_analysed(self, article_id: str) -> None:
        """Inside :meth:`put_article`'s transaction, for a new article: raise the articles version, record the
        article's *analysed* stage with it, and take the article off the waiting list."""
        self._run(
            "WITH v AS (INSERT INTO meta (key, value) VALUES (%(key)s, '1') ON CONFLICT (key)"
            " DO UPDATE SET value = (meta.value::bigint + 1)::text RETURNING value::bigint AS version)"
            " INSERT INTO article_stages (article_id, stage, version) SELECT %(id)s, %(stage)s, version FROM v"
            " ON CONFLICT (article_id, stage) DO UPDATE SET version = excluded.version, done_at = excluded.done_at",
            {"key": ARTICLES_VERSION, "id": article_id, "stage": ANALYSED},
        )
        self._run("DELETE FROM pending WHERE article_id = %s", (article_id,))

    # -- the corpus stages ---------------------------------------------------------------

    def articles_version(self) -> int:
        """The counter every new article raises: corpus stages record the value they covered."""
        found = self.rows("SELECT value FROM meta WHERE key = %s", (ARTICLES_VERSION,))
        return int(found[0][0]) if found else 0

    def mark_corpus_built(self, version: int, articles: int) -> bool:
        """Record that the corpus stages ran over the article set of ``version`` (see
        :meth:`StageState.mark_corpus_built`); False, recording nothing, when the set changed since."""
        with self.transaction():  # joins the caller's: the check and the record see no other writer between
            if self.articles_version() != version:
                return False
            self._many(
                "INSERT INTO corpus_stages (stage, articles_version, articles) VALUES (%s, %s, %s)"
                " ON CONFLICT (stage) DO UPDATE SET articles_version = excluded.articles_version,"
                " articles = excluded.articles, done_at = excluded.done_at",
                [(stage, version, articles) for stage in CORPUS_STAGES],
            )
        return True

    def corpus_built(self) -> bool:
        """True when every corpus stage covers the current article set (an empty store is built)."""
        found = self.rows(
            "SELECT (SELECT value FROM meta WHERE key = %s), (SELECT count(*) FROM articles),"
            " (SELECT json_object_agg(stage, json_build_array(articles_version, articles)) FROM corpus_stages)",
            (ARTICLES_VERSION,),
        )
        version, count, stages = int(found[0][0] or 0), int(found[0][1]), found[0][2] or {}
        if count == 0:
            return True
        return all(stages.get(stage) == [version, count] for stage in CORPUS_STAGES)

    def stages_of(self, article_id: str) -> dict[str, bool]:
        """Which stages are done for one article: ``analysed`` and each corpus stage."""
        rows = self.rows("SELECT stage, done FROM article_progress WHERE article_id = %s", (article_id,))
        done = {str(r[0]): bool(r[1]) for r in rows}
        return {stage: done.get(stage, False) for stage in (ANALYSED, *CORPUS_STAGES)}

    def stage_counts(self) -> dict[str, int]:
        """How many documents wait to be analysed and how many articles each stage has done."""
        out = {"read": self._count("SELECT count(*) FROM pending")}
        for stage, n in self.rows("SELECT stage, sum(done) FROM article_progress GROUP BY stage"):
            out[str(stage)] = int(n or 0)
        return {k: out.get(k, 0) for k in ("read", ANALYSED, *CORPUS_STAGES)}

    def stage_problems(self) -> list[str]:
        """What a stopped ingest left undone, in words (part of :meth:`PostgresStore.check`)."""
        problems: list[str] = []
        waiting = self._count("SELECT count(*) FROM pending")
        if waiting:
            problems.append(
                f"{waiting} document(s) read but not analysed (an ingest stopped half-way): run storyline repair"
            )
        unrecorded = self._count(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM article_stages s WHERE s.article_id = a.id AND s.stage = %s)",
            (ANALYSED,),
        )
        if unrecorded:
            problems.append(f"{unrecorded} stored article(s) with no stage record")
        if not self.corpus_built():
            problems.append(
                "stories are older than the last article written (an ingest stopped before its corpus stages):"
                " run storyline repair"
            )
        return problems
