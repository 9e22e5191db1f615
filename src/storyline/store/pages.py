"""Stored story pages (migration 0010): the dossier part of a story's web page, drawn when the dossier is stored.

A page row is shown only while it belongs to the dossier stored now (the same ``key``, the story's digest, and
the same ``built_at``) and was drawn by the code asking for it (``drawn_by``), and what it shows of the entities
the story's articles name is as it was drawn: no entity changed its display since (what makes the dossier
stale), or the changes are in what the page does not show (:func:`shown_digest`: the page shows their names,
types and the roles the story's articles write, not their spellings, descriptions or the roles other stories
gave them, which a popular entity gains with every few ingests).
Anything else reads as no page: the caller draws it from the dossier. The same SQL on both backends (the
store's ``_q``, ``_PH`` and ``transaction``).

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> store = SqliteStore(":memory:")
    >>> stored_page(store, "s1", "v1") is None
    True
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["missing_pages", "put_page", "shown_digest", "stored_page"]

CHUNK = 500
"""Most story ids in one query."""
SHOWN = "shown"
"""The head's key for :func:`shown_digest` as the page was drawn (taken out when the head is read back)."""
LEVEL = 6
"""zlib's level for the stored HTML (a 3.6 MB page: about 10 times smaller)."""


def shown_digest(store: Any, story_id: str) -> str:
    """A digest of what a story page shows of the entities its articles name: their ids, names, types and the roles
    written in the story's articles (as the dossier's entity rows take them, :func:`storyline.render.dossier`)."""
    from storyline.store.listing import entity_from_display

    p = store._PH
    named = "SELECT DISTINCT m.entity_id FROM articles a JOIN mentions m ON m.article_id = a.id WHERE a.story_id = "
    ids = sorted(str(r[0]) for r in store._q(named + p, [story_id]))
    shown: dict[str, Any] = dict.fromkeys(ids)
    text = "\n".join(r[0] for r in store._q(f"SELECT text FROM articles WHERE story_id = {p}", [story_id])).casefold()
    for k in range(0, len(ids), CHUNK):
        part = ids[k : k + CHUNK]
        marks = ", ".join([p] * len(part))
        for eid, display in store._q(f"SELECT id, display FROM entities WHERE id IN ({marks})", part):
            e = entity_from_display(display) if display else None
            shown[eid] = [e.name, e.type, [x for x in e.roles if x.casefold() in text]] if e is not None else None
    return hashlib.sha256(json.dumps(sorted(shown.items()), ensure_ascii=False).encode()).hexdigest()[:32]


def put_page(store: Any, story_id: str, head: Mapping[str, Any], html: str, drawn_by: str) -> bool:
    """Store the page drawn from the dossier stored now for ``story_id`` (``head``: what its live parts need;
    ``drawn_by``: the drawing code's digest); False when the story has no stored dossier."""
    p = store._PH
    rows = store._q(f"SELECT key, coalesce(built_at, 0) FROM dossiers WHERE story_id = {p}", [story_id])
    if not rows:
        return False
    key, built_at = rows[0]
    blob = zlib.compress(html.encode("utf-8"), LEVEL)
    stored = {**head, SHOWN: shown_digest(store, story_id)}
    with store.transaction():
        store._q(
            f"INSERT INTO story_pages (story_id, key, built_at, drawn_by, head, page) VALUES ({p}, {p}, {p}, {p}, {p},"
            f" {p}) ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, built_at = excluded.built_at,"
            " drawn_by = excluded.drawn_by, head = excluded.head, page = excluded.page",
            [story_id, key, int(built_at), drawn_by, json.dumps(stored, ensure_ascii=False), blob],
        )
    return True


def stored_page(store: Any, story_id: str, drawn_by: str) -> tuple[dict[str, Any], str] | None:
    """The stored page of ``story_id`` (its head and HTML) while it is the page a reader of the dossier would get
    drawn now and was drawn by the code ``drawn_by``; None otherwise."""
    p = store._PH
    rows = store._q(
        "SELECT g.built_at, g.head, g.page FROM story_pages g"
        " JOIN dossiers d ON d.story_id = g.story_id AND d.key = g.key AND coalesce(d.built_at, 0) = g.built_at"
        f" JOIN stories s ON s.id = g.story_id AND s.digest = g.key WHERE g.story_id = {p} AND g.drawn_by = {p}",
        [story_id, drawn_by],
    )
    if not rows:
        return None
    built_at, text, blob = rows[0]
    head: dict[str, Any] = json.loads(text)
    shown = head.pop(SHOWN, None)
    if store._stale(story_id, built_at) and shown != shown_digest(store, story_id):
        return None
    return head, zlib.decompress(bytes(blob)).decode("utf-8")


def missing_pages(store: Any, story_ids: Sequence[str], drawn_by: str) -> list[str]:
    """Those of ``story_ids`` with a stored dossier but no page drawn from it by the code ``drawn_by``."""
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
                f" AND g.built_at = coalesce(d.built_at, 0) AND g.drawn_by = {p})",
                [*part, drawn_by],
            )
        ]
    return out
