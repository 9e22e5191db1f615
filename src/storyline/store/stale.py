"""Stale stories (migration 0011): the stories an ingest filed articles into without building them again.

Building a touched story again (its claims, summary, events, dossier and page) grows with the story: seconds to
minutes for one of hundreds of articles. An ingest into a store kept by the corpus index builds the small
stories it touches at once and marks the larger ones here (:mod:`storyline.incremental`); the story row keeps
its new members and what it showed before, and the listings show it as being updated.
:mod:`storyline.stale` builds a marked story and takes its mark off. :class:`StaleMarks` is mixed into both
stores (the same SQL).

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> store = SqliteStore(":memory:")
    >>> store.mark_stale(["s2", "s1"])
    >>> store.stale_stories(), store.is_stale("s1"), store.stale_mark("s3")
    (['s1', 's2'], True, None)
    >>> store.clear_stale(["s1"])
    >>> store.stale_stories()
    ['s2']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from storyline.model import story_order
from storyline.store.base import chunks as _chunks

__all__ = ["StaleMarks"]


class StaleMarks:
    """The marks of stories waiting to be built again (mixed into both stores)."""

    _PH = "?"

    if TYPE_CHECKING:

        def transaction(self) -> AbstractContextManager[None]: ...

        def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

        def _in(self, n: int) -> str: ...

        def write_count(self) -> int: ...

    def mark_stale(self, story_ids: Iterable[str]) -> None:
        """Mark these stories as waiting to be built again (marked again: the mark is this write's)."""
        p = self._PH
        with self.transaction():
            at = self.write_count()
            for sid in dict.fromkeys(story_ids):
                self._q(
                    f"INSERT INTO stale_stories (story_id, marked_at) VALUES ({p}, {p})"
                    " ON CONFLICT (story_id) DO UPDATE SET marked_at = excluded.marked_at",
                    [sid, at],
                )

    def clear_stale(self, story_ids: Iterable[str] | None = None) -> None:
        """Take the marks off these stories (off every story when None)."""
        self._delete_stories("stale_stories", story_ids)

    def _delete_stories(self, table: str, story_ids: Iterable[str] | None) -> None:
        """Delete the rows of ``table`` (keyed by ``story_id``) of these stories, of every story when None."""
        with self.transaction():
            if story_ids is None:
                self._q(f"DELETE FROM {table}")
                return
            for part in _chunks(story_ids):
                self._q(f"DELETE FROM {table} WHERE story_id IN ({self._in(len(part))})", part)

    def stale_stories(self) -> list[str]:
        """The marked stories, by number."""
        return sorted((r[0] for r in self._q("SELECT story_id FROM stale_stories")), key=story_order)

    def stale_mark(self, story_id: str) -> int | None:
        """The write at which ``story_id`` was last marked, None when it is not."""
        rows = self._q(f"SELECT marked_at FROM stale_stories WHERE story_id = {self._PH}", [story_id])
        return int(rows[0][0]) if rows else None

    def is_stale(self, story_id: str) -> bool:
        """Whether ``story_id`` waits to be built again."""
        return self.stale_mark(story_id) is not None

    def stale_among(self, story_ids: Iterable[str]) -> set[str]:
        """The marked ones of ``story_ids`` (a page of a listing)."""
        out: set[str] = set()
        for part in _chunks(story_ids):
            rows = self._q(f"SELECT story_id FROM stale_stories WHERE story_id IN ({self._in(len(part))})", part)
            out.update(r[0] for r in rows)
        return out
