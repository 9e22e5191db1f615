"""The stories list's lines (``Store.story_lines``): what ``storyline stories`` prints, read from the listing index,
on both backends (``target``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storyline.model import Story
from storyline.store.base import open_store
from storyline.store.listing import LINE_COLUMNS


def _story(sid: str, title: str, date: str | None, n: int) -> Story:
    return Story(sid, title, date, [f"{sid}a{k}" for k in range(n)], independent_sources=max(1, n - 1), basis=sid)


STORIES = [
    _story("s4", "Bridge reopens after repairs", "2024-03-02", 3),
    _story("s1", "Mill River floods the valley", None, 1),
    _story("s7", "Port strike ends", "2024-03", 2),
    _story("s2", "Council passes budget", "2024-02-28", 4),
    _story("s9", "Dam inspection ordered", None, 1),
]


def test_lines_are_the_listed_rows_in_list_order(target: str) -> None:
    with open_store(target) as store:
        store.replace_stories(STORIES)
        store.mark_stale(["s7"])
        rows, total = store.list_stories(None, 0, 100)
        want = [(r.id, r.title, r.event_date, r.articles, r.independent_sources, r.updating) for r in rows]
        assert total == 5 and store.story_lines() == want and [w[0] for w in want] == [s.id for s in STORIES]
        assert [line[5] for line in want] == [False, False, True, False, False]
        for offset in range(7):
            for limit in (None, 0, 1, 2, 10):
                end = None if limit is None else offset + limit
                assert store.story_lines(offset, limit) == want[offset:end], (offset, limit)


def test_lines_of_an_empty_store(target: str) -> None:
    with open_store(target) as store:
        assert store.story_lines() == [] and store.story_lines(3, 2) == []


def test_lines_are_read_from_the_listing_index(tmp_path: Path) -> None:
    """Every line of the listing without walking a story's JSON (schema 9's covering index)."""
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        store.replace_stories(STORIES)
    conn = sqlite3.connect(db)
    for where, params in (("", []), (" WHERE pos >= (SELECT pos FROM stories ORDER BY pos LIMIT 1 OFFSET ?)", [2])):
        q = f"SELECT {LINE_COLUMNS} FROM stories{where} ORDER BY pos LIMIT ?"
        plan = " ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {q}", [*params, 10]))
        assert "stories USING COVERING INDEX stories_listing" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
    conn.close()
