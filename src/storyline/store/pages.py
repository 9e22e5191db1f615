"""Stored story pages (migration 0010): the dossier part of a story's web page, drawn when the dossier is stored.

A page row is shown only while it belongs to the dossier stored now (the same ``key``, the story's digest, and
the same ``built_at``), no entity the story names changed its display since (what makes the dossier stale) and
the entities it shows have the spellings they had when it was drawn (``aliases``, a digest: a stored dossier
places a new spelling when it is read, so the page is drawn again). Anything else reads as no page: the caller
draws it from the dossier. The same SQL on both backends (the store's ``_q``, ``_PH`` and ``transaction``).

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> store = SqliteStore(":memory:")
    >>> stored_page(store, "s1") is None
    True
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["aliases_digest", "put_page", "stored_page"]

CHUNK = 500
"""Most entity ids in one query."""
LEVEL = 6
"""zlib's level for the stored HTML (a 3.6 MB page: about 10 times smaller)."""


def aliases_digest(store: Any, entity_ids: Iterable[str]) -> str:
    """A digest of the spellings (``entities.aliases``) the entities ``entity_ids`` have now."""
    ids = sorted(set(entity_ids))
    rows: list[tuple[Any, ...]] = []
    for k in range(0, len(ids), CHUNK):
        part = ids[k : k + CHUNK]
        marks = ", ".join([store._PH] * len(part))
        rows += store._q(f"SELECT id, aliases FROM entities WHERE id IN ({marks})", part)
    return hashlib.sha256(json.dumps(sorted(rows)).encode()).hexdigest()[:32]


def put_page(store: Any, story_id: str, head: Mapping[str, Any], html: str) -> bool:
    """Store the page drawn from the dossier stored now for ``story_id`` (``head``: what its live parts need,
    with the ``entities`` it shows); False when the story has no stored dossier."""
    p = store._PH
    rows = store._q(f"SELECT key, coalesce(built_at, 0) FROM dossiers WHERE story_id = {p}", [story_id])
    if not rows:
        return False
    key, built_at = rows[0]
    digest = aliases_digest(store, head.get("entities") or [])
    blob = zlib.compress(html.encode("utf-8"), LEVEL)
    with store.transaction():
        store._q(
            f"INSERT INTO story_pages (story_id, key, built_at, aliases, head, page) VALUES ({p}, {p}, {p}, {p}, {p},"
            f" {p}) ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, built_at = excluded.built_at,"
            " aliases = excluded.aliases, head = excluded.head, page = excluded.page",
            [story_id, key, int(built_at), digest, json.dumps(head, ensure_ascii=False), blob],
        )
    return True


def stored_page(store: Any, story_id: str) -> tuple[dict[str, Any], str] | None:
    """The stored page of ``story_id`` (its head and HTML) while it shows the story's dossier as a reader of the
    dossier would get it now; None otherwise."""
    p = store._PH
    rows = store._q(
        "SELECT g.built_at, g.aliases, g.head, g.page FROM story_pages g"
        " JOIN dossiers d ON d.story_id = g.story_id AND d.key = g.key AND coalesce(d.built_at, 0) = g.built_at"
        f" JOIN stories s ON s.id = g.story_id AND s.digest = g.key WHERE g.story_id = {p}",
        [story_id],
    )
    if not rows:
        return None
    built_at, digest, head_text, blob = rows[0]
    head: dict[str, Any] = json.loads(head_text)
    if store._stale(story_id, built_at) or aliases_digest(store, head.get("entities") or []) != digest:
        return None
    return head, zlib.decompress(bytes(blob)).decode("utf-8")


def missing_pages(store: Any, story_ids: Sequence[str]) -> list[str]:
    """Those of ``story_ids`` with a stored dossier but no page stored for it."""
    p = store._PH
    out: list[str] = []
    for k in range(0, len(story_ids), CHUNK):
        part = list(story_ids[k : k + CHUNK])
        marks = ", ".join([p] * len(part))
        out += [
            r[0]
            for r in store._q(
                f"SELECT d.story_id FROM dossiers d WHERE d.story_id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM"
                " story_pages g WHERE g.story_id = d.story_id AND g.key = d.key"
                " AND g.built_at = coalesce(d.built_at, 0))",
                part,
            )
        ]
    return out
