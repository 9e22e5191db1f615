"""Where articles, entities and stories live: the :class:`Store` protocol and its SQLite default."""

from .base import SearchHit, Store
from .sqlite import SqliteStore, open_store

__all__ = ["SearchHit", "SqliteStore", "Store", "open_store"]
