"""Stored articles' leads read without the rest of them: the title, the text up to the end of the second sentence
and the mentions that start in it, the database picking them out of each article's JSON.

A stored profile (the corpus index) written before a feature of the lead was added lacks that feature; made again
from its whole article, it costs a read of the article's JSON (its sentences, statements, events ...: a few ms
each, and an ingest meets hundreds), when the feature reads the lead alone (:data:`storyline.incremental.FILLERS`).
The same reading on both backends: SQLite's ``json_extract`` with several paths, PostgreSQL's ``->``
(:data:`PARTS`, by the store's parameter mark).

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> article_leads(SqliteStore(":memory:"), ["0123456789abcdef"])
    {}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.model import Mention
from storyline.text import NO_SENTENCES_LEAD, lead_to

__all__ = ["NO_SENTENCES_LEAD", "PARTS", "Lead", "article_leads", "profile_keys"]

CHUNK = 200
"""Most articles read at once."""
PARTS = {
    "?": "json_extract(json, '$.title', '$.text', '$.mentions', '$.sentences[0].end', '$.sentences[1].end')",
    "%s": "json_build_array(json -> 'title', json -> 'text', json -> 'mentions', json -> 'sentences' -> 0 -> 'end',"
    " json -> 'sentences' -> 1 -> 'end')::text",
}
"""An article's title, text, mentions and the ends of its first two sentences, as one JSON array, by the store's
parameter mark (SQLite ``?``, PostgreSQL ``%s``)."""


@dataclass(frozen=True, slots=True)
class Lead:
    """An article's title, its text up to the lead's end (:func:`storyline.text.lead_to`, as
    :func:`storyline.compare.storypairs.profile` reads it) and the mentions that start in it."""

    title: str | None
    text: str
    mentions: list[Mention]


def article_leads(store: Any, ids: Sequence[str]) -> dict[str, Lead]:
    """The leads of the stored ones of ``ids``, by id."""
    parts = PARTS[store._PH]
    out: dict[str, Lead] = {}
    for k in range(0, len(ids), CHUNK):
        part = list(ids[k : k + CHUNK])
        marks = ", ".join([store._PH] * len(part))
        for aid, got in store._q(f"SELECT id, {parts} FROM articles WHERE id IN ({marks})", part):
            title, text, mentions, first, second = json.loads(got)
            end = lead_to(len(text or ""), [e for e in (first, second) if e is not None])
            ms = [Mention(**m) for m in mentions or () if m["start"] < end]
            out[aid] = Lead(title, (text or "")[:end], ms)
    return out


def profile_keys(store: Any) -> list[str]:
    """The ids of every article with a stored profile in the corpus index, in order."""
    q = f"SELECT key FROM corpus_index WHERE kind = {store._PH} ORDER BY key"
    return [str(k) for (k,) in store._q(q, ["profile"])]
