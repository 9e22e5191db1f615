"""Raw SQL on either backend, for the tests that look under a store's methods."""

from __future__ import annotations

from typing import Any

from storyline.store.base import Store


def sql(store: Store, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of one statement (``?`` placeholders) run on the store's own connection, as tuples."""
    conn = getattr(store, "connection", None)
    if conn is not None:
        return [tuple(r) for r in conn.execute(query, params).fetchall()]
    return [tuple(r) for r in store.rows(query.replace("?", "%s"), params)]  # type: ignore[attr-defined]


def is_postgres(store: Store) -> bool:
    return getattr(store, "dialect", "") == "postgresql"


def store_class(target: str) -> type[Any]:
    """The class of the store ``target`` opens (to patch one of its methods)."""
    if target.startswith(("postgresql://", "postgres://")):
        from storyline.store.postgres import PostgresStore

        return PostgresStore
    from storyline.store.sqlite import SqliteStore

    return SqliteStore
