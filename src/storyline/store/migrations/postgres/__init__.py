"""Numbered SQL migrations for the PostgreSQL store, in PostgreSQL's dialect, and the runner that applies them.

The files mirror the SQLite store's (:mod:`storyline.store.migrations`) one for one: the same numbers and
names, so a schema version means the same tables in both backends (a test holds them to it). Applied versions
are recorded in ``schema_version``; opening a store applies the missing ones in one transaction, under an
advisory lock so that two processes opening a new database do not race.

Example:
    >>> [(m.version, m.name) for m in load_migrations()][:2]
    [(1, 'initial'), (2, 'stages')]
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from storyline.errors import StorylineError
from storyline.store.migrations import Migration
from storyline.store.migrations import latest_version as sqlite_latest_version

if TYPE_CHECKING:
    import psycopg

__all__ = ["MIGRATE_LOCK", "current_version", "latest_version", "load_migrations", "migrate"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
MIGRATE_LOCK = 0x53544F52_594C494E  # "STORYLIN": the advisory lock held while migrating
"""Advisory lock key held while a database is migrated (a transaction-level lock: released at commit)."""

_CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
)
"""


@cache
def load_migrations() -> tuple[Migration, ...]:
    """Read the PostgreSQL migration files shipped in this package, ordered by version.

    Raises:
        RuntimeError: The files are misnumbered or do not match the SQLite store's (a packaging bug).
    """
    found: list[Migration] = []
    for entry in files(__name__).iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)) or len(found) != sqlite_latest_version():
        raise RuntimeError(
            f"PostgreSQL store migrations must be numbered 1..{sqlite_latest_version()} as the SQLite ones,"
            f" found {versions}"
        )
    return tuple(found)


def latest_version() -> int:
    """The schema version this code knows (the same as the SQLite store's)."""
    return len(load_migrations())


def current_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """The highest applied schema version, 0 for a database with none."""
    if not _has_table(conn, "schema_version"):
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0) if row else 0  # type: ignore[call-overload]


def migrate(conn: psycopg.Connection[tuple[object, ...]], label: str) -> list[int]:
    """Bring the database (its current schema) up to :func:`latest_version`.

    Args:
        conn: A connection in autocommit mode with no open transaction.
        label: How to name the database in error messages (its URL without the password).

    Returns:
        The versions applied now (empty when it was already up to date).

    Raises:
        StorylineError: E301 when the database was made by a newer Storyline, or holds other tables but no
            Storyline store.
    """
    migrations = load_migrations()
    if current_version(conn) == len(migrations):
        return []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
        _check_is_ours(conn, label)
        conn.execute(_CREATE_VERSION_TABLE)
        current = current_version(conn)
        _check_not_newer(current, label)
        for migration in migrations[current:]:
            conn.execute(migration.sql.encode())  # several statements: sent as one simple query
            conn.execute(
                "INSERT INTO schema_version (version, name) VALUES (%s, %s)", (migration.version, migration.name)
            )
    return [m.version for m in migrations[current:]]


def _has_table(conn: psycopg.Connection[tuple[object, ...]], name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = %s", (name,)
    ).fetchone()
    return row is not None


def _check_not_newer(version: int, label: str) -> None:
    known = latest_version()
    if version > known:
        raise StorylineError(
            "E301",
            f"{label}: created by a newer Storyline (schema {version}, this one knows {known}): upgrade Storyline",
        )


def _check_is_ours(conn: psycopg.Connection[tuple[object, ...]], label: str) -> None:
    """Refuse to add our tables to a schema that holds somebody else's."""
    if _has_table(conn, "schema_version"):
        _check_not_newer(current_version(conn), label)
        return
    row = conn.execute(
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY 1 LIMIT 1"
    ).fetchone()
    if row is not None:
        raise StorylineError(
            "E301",
            f"{label}: is a PostgreSQL database but not a Storyline store (its schema has no schema_version table"
            f" but has {row[0]!r}): pass the URL of a Storyline store or of an empty database",
        )
