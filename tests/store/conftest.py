"""The store tests run on both backends: ``target`` is a new SQLite file or a new PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new store goes: a SQLite file path, or the URL of an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))
