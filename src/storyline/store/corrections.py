"""The corrections log in a SQLite store (table ``corrections``, migration 0003).

Corrections are appended, listed and undone here; applying them is the corpus stages' business
(:mod:`storyline.compare.constraints`, :mod:`storyline.curation`).

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> store = SqliteStore(":memory:")
    >>> log = CorrectionLog(store)
    >>> c = log.add("outlet", "rename 'AP' to 'Associated Press'", {"old": "AP", "new": "Associated Press"})
    >>> [x.kind for x in log.active()], log.undo(c.id).active, log.active()
    (['outlet'], False, [])
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from storyline.errors import StorylineError
from storyline.model import Correction

#: Codes of the errors a correction can raise (listed in :mod:`storyline.errors`).
E_NO_CORRECTIONS = "E408"
E_UNKNOWN_CORRECTION = "E406"

_COLUMNS = "id, kind, created_at, summary, json, undone_at"


class CorrectionLog:
    """Append, list and undo corrections in a store that keeps them (the SQLite store).

    Args:
        store: The store; it must offer its SQLite ``connection`` and ``transaction()``.

    Raises:
        StorylineError: E408 when the store cannot keep corrections.
    """

    def __init__(self, store: Any) -> None:
        conn = getattr(store, "connection", None)
        if not isinstance(conn, sqlite3.Connection):
            raise StorylineError(
                E_NO_CORRECTIONS,
                f"{getattr(store, 'path', store)}: this store cannot keep corrections: use a SQLite store",
            )
        self._store = store
        self._conn = conn

    def add(self, kind: str, summary: str, data: dict[str, Any]) -> Correction:
        """Record a correction now; returns it with its id and time."""
        with self._store.transaction():
            cur = self._conn.execute(
                "INSERT INTO corrections (kind, summary, json) VALUES (?, ?, ?)",
                (kind, summary, json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
            )
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?", (cur.lastrowid,)).fetchone()
        return _correction(row)

    def get(self, correction_id: int) -> Correction | None:
        """One correction, active or undone, or None."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?", (correction_id,)).fetchone()
        return None if row is None else _correction(row)

    def all(self) -> list[Correction]:
        """Every correction, undone ones included, oldest first."""
        return [_correction(r) for r in self._conn.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY id")]

    def active(self, kinds: tuple[str, ...] | None = None) -> list[Correction]:
        """The corrections in force (not undone), oldest first; only ``kinds`` when given."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE undone_at IS NULL ORDER BY id")
        out = [_correction(r) for r in rows]
        return [c for c in out if kinds is None or c.kind in kinds]

    def undo(self, correction_id: int) -> Correction:
        """Mark a correction undone (it stays in the log); returns it.

        Raises:
            StorylineError: E406 when there is no such correction or it is already undone.
        """
        with self._store.transaction():
            found = self.get(correction_id)
            if found is None:
                known = ", ".join(str(c.id) for c in self.active()) or "none"
                raise StorylineError(
                    E_UNKNOWN_CORRECTION,
                    f"no correction {correction_id} in {self._store.path} (active corrections: {known}); "
                    "see storyline corrections list",
                )
            if not found.active:
                raise StorylineError(
                    E_UNKNOWN_CORRECTION, f"correction {correction_id} was already undone at {found.undone_at}"
                )
            self._conn.execute(
                "UPDATE corrections SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                (correction_id,),
            )
            undone = self.get(correction_id)
        assert undone is not None
        return undone


def _correction(row: sqlite3.Row) -> Correction:
    return Correction(
        id=int(row["id"]),
        kind=row["kind"],
        created_at=row["created_at"],
        summary=row["summary"],
        data=json.loads(row["json"]),
        undone_at=row["undone_at"],
    )
