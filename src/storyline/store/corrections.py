"""The corrections log in a store (table ``corrections``, migration 0003), SQLite or PostgreSQL.

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
_NOW = {
    "sqlite": "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    "postgresql": "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
}
"""The current UTC time as the log writes it, in each backend's SQL."""


class CorrectionLog:
    """Append, list and undo corrections in a store that keeps them (the SQLite and PostgreSQL stores).

    Args:
        store: The store; a SQLite store (its ``connection``) or a PostgreSQL one (its ``rows``), with
            ``transaction()``.

    Raises:
        StorylineError: E408 when the store cannot keep corrections.
    """

    def __init__(self, store: Any) -> None:
        conn = getattr(store, "connection", None)
        if isinstance(conn, sqlite3.Connection):
            self._dialect = "sqlite"
        elif getattr(store, "dialect", None) == "postgresql" and callable(getattr(store, "rows", None)):
            self._dialect = "postgresql"
        else:
            raise StorylineError(
                E_NO_CORRECTIONS,
                f"{getattr(store, 'path', store)}: this store cannot keep corrections: use a SQLite or PostgreSQL"
                " store",
            )
        self._store = store
        self._conn: sqlite3.Connection | None = conn if isinstance(conn, sqlite3.Connection) else None

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """Run one statement written with ``?`` placeholders in the store's own dialect."""
        if self._conn is not None:
            return self._conn.execute(sql, params).fetchall()
        return list(self._store.rows(sql.replace("?", "%s"), params))

    def add(self, kind: str, summary: str, data: dict[str, Any]) -> Correction:
        """Record a correction now; returns it with its id and time."""
        with self._store.transaction():
            rows = self._rows(
                f"INSERT INTO corrections (kind, summary, json) VALUES (?, ?, ?) RETURNING {_COLUMNS}",
                (kind, summary, json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
            )
        return _correction(rows[0])

    def get(self, correction_id: int) -> Correction | None:
        """One correction, active or undone, or None."""
        rows = self._rows(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?", (correction_id,))
        return _correction(rows[0]) if rows else None

    def all(self) -> list[Correction]:
        """Every correction, undone ones included, oldest first."""
        return [_correction(r) for r in self._rows(f"SELECT {_COLUMNS} FROM corrections ORDER BY id")]

    def active(self, kinds: tuple[str, ...] | None = None) -> list[Correction]:
        """The corrections in force (not undone), oldest first; only ``kinds`` when given."""
        rows = self._rows(f"SELECT {_COLUMNS} FROM corrections WHERE undone_at IS NULL ORDER BY id")
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
            self._rows(f"UPDATE corrections SET undone_at = {_NOW[self._dialect]} WHERE id = ?", (correction_id,))
            undone = self.get(correction_id)
        assert undone is not None
        return undone


def _correction(row: Any) -> Correction:
    """A row of :data:`_COLUMNS` (the json column as text in SQLite, already read in PostgreSQL)."""
    data = row[4]
    return Correction(
        id=int(row[0]),
        kind=row[1],
        created_at=row[2],
        summary=row[3],
        data=json.loads(data) if isinstance(data, str) else data,
        undone_at=row[5],
    )
