"""Story pages stored with their dossier (storyline.web.story_pages): the same page as one drawn from the
dossier, and drawn again only for the stories a write touches."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from seedfiles import copy_seeds

from storyline.api import Corpus
from storyline.store.pages import stored_page
from storyline.web import story_pages

pytestmark = pytest.mark.slow


def _pages(db: Path, client_class: Any, *, read_only: bool) -> dict[str, str]:
    from storyline.web import create_app

    with Corpus(db) as c:
        ids = c.store.story_ids()
    with client_class(create_app(db, read_only=read_only)) as client:
        return {sid: client.get(f"/stories/{sid}").text for sid in ids}


@pytest.mark.parametrize("read_only", [True, False])
def test_a_stored_page_is_the_page_drawn_from_the_dossier(
    web_db: Path, client_class: Any, monkeypatch: pytest.MonkeyPatch, read_only: bool
) -> None:
    with Corpus(web_db) as c:
        ids = c.store.story_ids()
        assert all(stored_page(c.store, sid, story_pages.drawn_by()) for sid in c.store.dossier_ids())
    stored = _pages(web_db, client_class, read_only=read_only)
    monkeypatch.setattr(story_pages, "page_parts", lambda *a, **k: None)
    drawn = _pages(web_db, client_class, read_only=read_only)
    assert stored == drawn and len(stored) == len(ids)
    assert read_only or any('action="/quotes/hide"' in p for p in stored.values())


def test_fill_marks_puts_each_quotes_form_or_nothing() -> None:
    html = "<tr><!--hide-th--></tr><tr><td>a</td><!--hide:0--></tr><tr><td>b</td><!--hide:1--></tr>"
    fixed = {"story": "s1", "quote_ids": ["q<1>", ""]}
    assert story_pages.fill_marks(html, fixed, read_only=True) == "<tr></tr><tr><td>a</td></tr><tr><td>b</td></tr>"
    got = story_pages.fill_marks(html, fixed, read_only=False)
    assert got.count("<td>") == 4 and 'value="q&lt;1&gt;"' in got and got.endswith("<td>b</td><td></td></tr>")
    assert story_pages.HIDE_TH in got


def test_a_write_draws_again_only_the_pages_of_the_stories_it_touches(
    seeds_dir: Path, tmp_path: Path, client_class: Any
) -> None:
    from storyline.web import create_app

    folder = copy_seeds(seeds_dir, tmp_path / "seeds", ("000", "001", "002", "003"))
    db = tmp_path / "s.db"
    with Corpus(db) as c:
        c.ingest([folder])
        story = max(c.store.stories(), key=lambda s: len(s.article_ids))
        page = "SELECT page FROM story_pages WHERE story_id = ?"
        before = {sid: c.store._q(page, [sid]) for sid in c.store.story_ids()}
        c.set_article(story.article_ids[0], source="Corrected Wire")
        after = {sid: c.store._q(page, [sid]) for sid in before}
        shown = {sid: stored_page(c.store, sid, story_pages.drawn_by()) for sid in before}
    assert after[story.id] != before[story.id] and "Corrected Wire" in shown[story.id][1]  # type: ignore[index]
    assert all(after[sid] == before[sid] and shown[sid] is not None for sid in before if sid != story.id)
    with client_class(create_app(db, read_only=True)) as client:
        assert "Corrected Wire" in client.get(f"/stories/{story.id}").text


def test_a_page_shows_no_spellings_so_a_new_one_leaves_it_shown(web_db: Path, tmp_path: Path) -> None:
    """A stored dossier places the spellings its entities have when it is read; the page shows none of them."""
    db = tmp_path / "s.db"
    shutil.copy(web_db, db)
    with Corpus(db) as c:
        sid = max(c.store.stories(), key=lambda s: len(s.article_ids)).id
        doc = c.store.stored_dossier(sid)
        assert doc is not None and doc["entities"] and stored_page(c.store, sid, story_pages.drawn_by()) is not None
        eid = doc["entities"][0]["id"]
        with c.store.transaction():
            c.store._q("UPDATE entities SET aliases = ? WHERE id = ?", ['["Someone Else"]', eid])
        again = c.store.stored_dossier(sid)
        assert again is not None and "Someone Else" in again["entities"][0]["aliases_elsewhere"]
        assert story_pages.draw(again) == story_pages.draw(doc)
        assert stored_page(c.store, sid, story_pages.drawn_by()) is not None


def test_a_full_run_draws_again_the_pages_another_version_drew(web_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    shutil.copy(web_db, db)
    with Corpus(db) as c:
        ids = c.store.dossier_ids()
        with c.store.transaction():
            c.store._q("UPDATE story_pages SET drawn_by = 'an earlier version'")
        assert all(stored_page(c.store, sid, story_pages.drawn_by()) is None for sid in ids)
        c.rebuild()  # the full corpus stages (this store is under corpus.incremental_from)
        assert all(stored_page(c.store, sid, story_pages.drawn_by()) is not None for sid in c.store.dossier_ids())


def test_storyline_rebuild_draws_again_the_pages_another_version_drew(
    web_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from clirun import run

    db = tmp_path / "s.db"
    shutil.copy(web_db, db)
    with Corpus(db) as c:
        ids = c.store.dossier_ids()
        with c.store.transaction():
            c.store._q("UPDATE story_pages SET drawn_by = 'an earlier version'")
    code, _, err = run(["rebuild", "--db", str(db)], capsys)
    assert code == 0 and f"{len(ids)} story page" in err and "drawn again" in err
    with Corpus(db) as c:
        assert all(stored_page(c.store, sid, story_pages.drawn_by()) is not None for sid in ids)
        assert c.redraw_pages() == 0  # nothing left to draw
    code, _, err = run(["rebuild", "--db", str(db)], capsys)
    assert code == 0 and "drawn again" not in err
