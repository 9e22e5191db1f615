"""Numbered SQL migrations for the SQLite store, and the runner that applies them.

Each migration is a file ``NNNN_name.sql`` in this package, numbered from ``0001`` with no
gaps. They are read with :mod:`importlib.resources`, so they work from an installed wheel
or zip as well as from a checkout. Applied versions are recorded in a ``schema_version``
table; opening a store applies only the missing ones, all in one transaction.

Example:
    >>> import sqlite3
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> migrate(conn, "memory") == list(range(1, latest_version() + 1))
    True
    >>> migrate(conn, "memory")
    []
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from storyline.errors import StorylineError

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""


@dataclass(slots=True, frozen=True)
class Migration:
    """One numbered migration file."""

    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """Split the file into single statements (trigger bodies stay whole).

        Returns:
            The statements in file order, each ending with ``;``.
        """
        return split_statements(self.sql)


def split_statements(sql: str) -> list[str]:
    """Split an SQL script at the semicolons that end a complete statement.

    Args:
        sql: A script of one or more statements.

    Returns:
        The statements, stripped; comments-only leftovers are dropped.

    Example:
        >>> split_statements("CREATE TABLE t (x);\\n-- done\\nSELECT 1;")
        ['CREATE TABLE t (x);', '-- done\\nSELECT 1;']
    """
    out: list[str] = []
    start = 0
    for i, ch in enumerate(sql):
        if ch == ";" and sqlite3.complete_statement(sql[start : i + 1]):
            out.append(sql[start : i + 1].strip())
            start = i + 1
    return out


@cache
def load_migrations() -> tuple[Migration, ...]:
    """Read the migration files shipped in this package.

    Returns:
        The migrations ordered by version.

    Raises:
        RuntimeError: The files are misnumbered (a packaging bug, not a user error).
    """
    found: list[Migration] = []
    for entry in files(__name__).iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1..N without gaps, found {versions}")
    return tuple(found)


def latest_version() -> int:
    """Return the schema version this code knows (the highest migration number)."""
    return len(load_migrations())


def current_version(conn: sqlite3.Connection) -> int:
    """Return the highest applied schema version, 0 for a database with none.

    Args:
        conn: An open connection.
    """
    if not _has_table(conn, "schema_version"):
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, label: str) -> list[int]:
    """Bring the database up to :func:`latest_version`.

    The connection must be in autocommit mode (``isolation_level=None``) with no open
    transaction. Pending migrations are applied in one ``BEGIN IMMEDIATE`` transaction,
    re-reading the version inside it so two processes opening a fresh file do not race.

    Args:
        conn: The connection to migrate.
        label: How to name the database in error messages (usually its path).

    Returns:
        The versions applied now (empty when it was already up to date).

    Raises:
        StorylineError: E301 when the database is from a newer Storyline or is a SQLite
            database that is not a Storyline store.
    """
    migrations = load_migrations()
    if current_version(conn) == len(migrations):
        return []
    _check_is_ours(conn, label)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_CREATE_VERSION_TABLE)
        current = current_version(conn)
        _check_not_newer(current, label)
        applied = [m.version for m in migrations[current:]]
        for migration in migrations[current:]:
            _apply(conn, migration)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    for statement in migration.statements():
        conn.execute(statement)
    conn.execute(
        "INSERT INTO schema_version (version, name) VALUES (?, ?)", (migration.version, migration.name)
    )


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


def _check_not_newer(version: int, label: str) -> None:
    known = latest_version()
    if version > known:
        raise StorylineError(
            "E301",
            f"{label}: created by a newer Storyline (schema {version}, this one knows {known}): "
            "upgrade Storyline",
        )


def _check_is_ours(conn: sqlite3.Connection, label: str) -> None:
    """Refuse to add our tables to somebody else's SQLite database."""
    if _has_table(conn, "schema_version"):
        _check_not_newer(current_version(conn), label)
        return
    row = conn.execute("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' LIMIT 1").fetchone()
    if row is not None:
        raise StorylineError(
            "E301",
            f"{label}: is a SQLite database but not a Storyline store (it has no schema_version "
            f"table but has {row[0]!r}): pass the path of a Storyline store or of a new file",
        )
