"""Pages that read one page of the store: paged lists, stored dossiers, and pages kept while the store is unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from seedfiles import copy_seeds

from storyline.api import Corpus
from storyline.web.listing import Pager

pytestmark = pytest.mark.slow
STORM = (
    "Storm closes port of Valmera\n\nThe port of Valmera was closed on Tuesday after a storm with winds of 140 km/h "
    "hit the coast, the harbour authority said. Ferries to the islands were cancelled until Thursday.\n"
)


def test_pager_links_keep_the_filters_and_stay_in_range() -> None:
    p = Pager(page=9, size=2, total=5, base="/entities", params={"type": "PERSON", "q": ""})
    assert (p.page, p.pages, p.first, p.last) == (3, 3, 5, 5)
    assert p.prev_href == "/entities?type=PERSON&page=2" and p.next_href == ""
    assert Pager(1, 50, 0, "/").first == 0


def test_the_stories_list_pages_and_a_page_past_the_end_shows_the_last(
    web_db: Path, client_class: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.web.listing as listing
    from storyline.web import create_app

    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    with Corpus(web_db) as c:
        ids = c.store.story_ids()
    assert len(ids) >= 2
    with client_class(create_app(web_db, read_only=True)) as client:
        first = client.get("/").text
        second = client.get("/", params={"page": 2}).text
        last = client.get("/", params={"page": 99}).text
    assert f"/stories/{ids[0]}" in first and f"/stories/{ids[1]}" not in first
    assert f"/stories/{ids[1]}" in second and 'rel="prev"' in second
    assert f"/stories/{ids[-1]}" in last and 'rel="next"' not in last


def test_the_next_links_read_past_the_last_row_and_list_every_story_once_in_order(
    web_db: Path, client_class: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next link carries the page's last place (keyset paging): followed from the first page, it lists every
    story exactly once, in list order, as numbered pages do; a place past the last row shows the last page."""
    import html
    import re

    import storyline.web.listing as listing
    from storyline.web import create_app

    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    with Corpus(web_db) as c:
        ids = c.store.story_ids()
    assert len(ids) >= 3
    listed = re.compile(r'<a class="story-link" href="/stories/([^"?#]+)"')
    seen: list[str] = []
    with client_class(create_app(web_db, read_only=True)) as client:
        href: str | None = "/"
        while href:
            page = client.get(href).text
            seen += listed.findall(page)
            nxt = re.search(r'<a href="([^"]+)" rel="next"', page)
            href = html.unescape(nxt[1]) if nxt else None
            assert href is None or "after=" in href
        numbered = [
            i for k in range(1, -(-len(ids) // 2) + 1)
            for i in listed.findall(client.get("/", params={"page": k}).text)
        ]  # fmt: skip
        past = client.get("/", params={"after": 10**9, "page": 2}).text
    assert list(dict.fromkeys(seen)) == seen == ids == list(dict.fromkeys(numbered))
    assert f"/stories/{ids[-1]}" in past and 'rel="next"' not in past


def test_api_stories_pages_with_offset_and_limit(client: Any) -> None:
    every = [s["id"] for s in client.get("/api/stories").json()]
    assert [s["id"] for s in client.get("/api/stories", params={"offset": 1, "limit": 1}).json()] == every[1:2]


def _two_seeds(seeds_dir: Path, tmp_path: Path) -> Path:
    """A store of the first two seed articles."""
    first = copy_seeds(seeds_dir, tmp_path / "first", ("000", "001"))
    db = tmp_path / "s.db"
    with Corpus(db) as c:
        c.ingest([first])
    return db


def _add_storm(db: Path, tmp_path: Path) -> str:
    """Ingest the storm article (a write, and a story of its own); its story's id."""
    with Corpus(db) as c:
        storm = tmp_path / "storm.txt"
        storm.write_text(STORM, encoding="utf-8")
        rep = c.ingest([storm])
        (new,) = [s.id for s in c.stories if rep.added[0] in s.article_ids]
    return new


def test_a_page_is_kept_until_the_store_changes(
    seeds_dir: Path, tmp_path: Path, client_class: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home page is built once while nothing is written; an ingest (a write) makes the next one anew."""
    from storyline.web import create_app, listing

    db = _two_seeds(seeds_dir, tmp_path)
    built: list[int] = []
    real = listing.story_page
    monkeypatch.setattr(listing, "story_page", lambda *a, **k: built.append(1) or real(*a, **k))
    with client_class(create_app(db)) as client:
        before = client.get("/").text
        assert client.get("/").text == before and len(built) == 1  # the second one from the cache
        new = _add_storm(db, tmp_path)  # a story of its own
        after = client.get("/").text
    assert len(built) == 2 and f"/stories/{new}" in after and f"/stories/{new}" not in before


def test_the_lists_counts_and_filter_choices_are_read_once_per_change(
    seeds_dir: Path, tmp_path: Path, client_class: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.store.sqlite import SqliteStore
    from storyline.web import create_app

    db = _two_seeds(seeds_dir, tmp_path)
    read: list[int] = []
    real = SqliteStore.list_entities
    monkeypatch.setattr(SqliteStore, "list_entities", lambda *a, **k: read.append(1) or real(*a, **k))
    with client_class(create_app(db)) as client:
        home = client.get("/").text
        client.get("/", params={"q": "port"})
        client.get("/", params={"page": 2})
        assert len(read) == 1 and "2 articles" in home
        _add_storm(db, tmp_path)
        after = client.get("/", params={"page": 2}).text
    assert len(read) == 2 and "3 articles" in after


def test_the_story_page_shows_the_stored_dossier_and_never_a_stale_one(
    seeds_dir: Path, tmp_path: Path, client_class: Any
) -> None:
    from storyline.web import create_app

    db = tmp_path / "s.db"
    with Corpus(db) as c:
        c.ingest([seeds_dir])
        story = max(c.store.stories(), key=lambda s: len(s.article_ids))
        assert c.store.stored_dossier(story.id) == c.story_dossier(story.id)
        c.set_article(story.article_ids[0], source="Corrected Wire")
        assert c.store.stored_dossier(story.id) in (None, c.story_dossier(story.id))
    with client_class(create_app(db, read_only=True)) as client:
        assert "Corrected Wire" in client.get(f"/stories/{story.id}").text


def test_several_workers_serve_only_a_read_only_store(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from storyline.errors import StorylineError
    from storyline.web import app as web_app

    with pytest.raises(StorylineError, match="E602"):
        web_app.serve(web_db, workers=2)
    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: ran.update(target=target, **kw))
    monkeypatch.setenv(web_app.WORKER_SETTINGS, "")  # put back as it was afterwards
    web_app.serve(web_db, workers=2, read_only=True)
    assert ran["target"] == "storyline.web.app:worker_app" and ran["workers"] == 2 and ran["factory"]
    worker = web_app.worker_app()  # what each worker process builds from the settings left for it
    assert worker.state.storyline.read_only and worker.state.storyline.db == str(web_db)
