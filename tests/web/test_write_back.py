"""A story page drawn on a visit is stored by a server that may write (storyline.web.write_back), the same page
as the visit's; a read-only server leaves the store as it is."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline.api import Corpus
from storyline.store.pages import stored_page
from storyline.web import story_pages, write_back

pytestmark = pytest.mark.slow


def _unstored(web_db: Path, db: Path) -> tuple[str, str]:
    """A copy of the store whose pages another version drew, and the dossier of its largest story made stale (an
    entity it names changed its display after): that story's id and one whose dossier is not stale."""
    shutil.copy(web_db, db)
    with Corpus(db) as c:
        big = max(c.store.stories(), key=lambda s: len(s.article_ids)).id
        doc = c.store.stored_dossier(big)
        assert doc is not None and doc["entities"]
        with c.store.transaction():
            c.store._q("UPDATE story_pages SET drawn_by = 'an earlier version'")
            now = c.store.write_count()
            c.store._q("UPDATE entities SET display_at = ? WHERE id = ?", [now, doc["entities"][0]["id"]])
        assert c.store.stored_dossier(big) is None and write_back.built_afresh(c.store, big)
        other = next(sid for sid in c.store.dossier_ids() if sid != big)  # one whose dossier is not stale
        assert not write_back.built_afresh(c.store, other)
        assert stored_page(c.store, big, story_pages.drawn_by()) is None
    return big, other


@pytest.mark.parametrize("read_only", [False, True])
def test_a_page_drawn_on_a_visit_is_stored_unless_read_only(
    web_db: Path, tmp_path: Path, client_class: Any, read_only: bool
) -> None:
    from storyline.web import create_app

    db = tmp_path / "s.db"
    big, other = _unstored(web_db, db)
    with client_class(create_app(db, read_only=read_only)) as client:
        first = {sid: client.get(f"/stories/{sid}").text for sid in (big, other)}
        again = {sid: client.get(f"/stories/{sid}").text for sid in (big, other)}
    assert first == again
    with Corpus(db) as c:
        pages = {sid: stored_page(c.store, sid, story_pages.drawn_by()) for sid in (big, other)}
        assert (c.store.stored_dossier(big) is None) == read_only
    assert all((p is None) == read_only for p in pages.values())
    if not read_only:  # the stored page is the page shown
        with client_class(create_app(db, read_only=True)) as client, Corpus(db) as c:
            assert stored_page(c.store, big, story_pages.drawn_by()) is not None
            shown = client.get(f"/stories/{big}").text
        with client_class(create_app(web_db, read_only=True)) as client:
            assert shown == client.get(f"/stories/{big}").text


def test_a_write_after_the_visit_leaves_the_page_unstored(web_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    big, _ = _unstored(web_db, db)
    with Corpus(db) as c:
        seen = c.store.write_count()
        doc = c.story_dossier(big)
        with c.store.transaction():
            c.store.set_meta("another", "write")
        assert not write_back.stored_now(c.store, big, seen=seen, built=doc)
        assert c.store.write_count() == seen + 1 and stored_page(c.store, big, story_pages.drawn_by()) is None
        assert write_back.stored_now(c.store, big, seen=seen + 1, built=doc)
        assert stored_page(c.store, big, story_pages.drawn_by()) is not None


def test_a_story_stored_by_an_earlier_version_has_its_page_stored(
    web_db: Path, tmp_path: Path, client_class: Any
) -> None:
    """A story whose stored JSON is not what this version writes (an earlier version's: its digest is not the
    digest of the story written again) has its dossier stored under the stored row's digest, where it is read."""
    import json

    from storyline.store.listing import story_digest
    from storyline.web import create_app

    db = tmp_path / "s.db"
    big, _ = _unstored(web_db, db)
    with Corpus(db) as c, c.store.transaction():
        (text,) = c.store._q("SELECT json FROM stories WHERE id = ?", [big])[0]
        older = json.dumps(json.loads(text), indent=1)
        c.store._q("UPDATE stories SET json = ?, digest = ? WHERE id = ?", [older, story_digest(older), big])
    with client_class(create_app(db)) as client:
        first = client.get(f"/stories/{big}").text
        assert first == client.get(f"/stories/{big}").text
    with Corpus(db) as c:
        assert stored_page(c.store, big, story_pages.drawn_by()) is not None
