"""Stored story pages (migration 0010) on both backends (``target``)."""

from __future__ import annotations

from storyline.model import Article, Cite, Entity, Story
from storyline.store.base import open_store
from storyline.store.pages import missing_pages, put_page, stored_page


def test_a_page_is_read_back_only_with_the_dossier_and_the_code_it_was_drawn_by(target: str) -> None:
    with open_store(target) as store:
        store.put_article(Article(id="a0", path="in/a0.txt", raw="", text="Flood waters rose.", source="AP"))
        store.replace_entities([Entity("e1", "Mill River", "LOC", aliases=["the Mill"])])
        store.replace_stories([Story("s1", "Story s1", None, ["a0"], independent_sources=1, basis="s1")])
        s1 = store.get_story("s1")
        assert s1 is not None and not put_page(store, "s1", {}, "<p>x</p>", "v1")  # no dossier yet
        store.put_dossier(s1, {"story": {"id": "s1"}})
        assert missing_pages(store, ["s1"], "v1") == ["s1"]
        assert put_page(store, "s1", {"title": "é"}, "<p>é</p>", "v1")
        assert stored_page(store, "s1", "v1") == ({"title": "é"}, "<p>é</p>")
        assert missing_pages(store, ["s1"], "v1") == [] and missing_pages(store, ["s1"], "v2") == ["s1"]
        assert stored_page(store, "s1", "v2") is None  # drawn by other code
        store.put_dossier(s1, {"story": {"id": "s1", "again": True}})
        assert stored_page(store, "s1", "v1") is None  # drawn from the dossier before


def test_a_page_outlives_a_change_it_does_not_show(target: str) -> None:
    """A new description of an entity, or a role another story gave it, makes the stored dossier stale, not the
    page (it shows names, types and the roles the story's articles write); a role the story writes does."""
    with open_store(target) as store:
        store.put_article(Article(id="a0", path="in/a0.txt", raw="", text="Mill River rose.", story_id="s1"))

        def mill(roles: list[str], descriptions: list[str]) -> None:
            store.replace_entities([Entity("e1", "Mill River", "LOC", [], [Cite("a0", 0, 10)], roles, descriptions)])

        mill([], [])
        store.replace_stories([Story("s1", "Story s1", None, ["a0"], independent_sources=1, basis="s1")])
        s1 = store.get_story("s1")
        assert s1 is not None
        store.put_dossier(s1, {"story": {"id": "s1"}})
        assert put_page(store, "s1", {"title": "t"}, "<p>x</p>", "v1")
        mill(["canal"], ["the river through town"])
        assert store.get_dossier(s1) is None and stored_page(store, "s1", "v1") == ({"title": "t"}, "<p>x</p>")
        mill(["canal", "River"], ["the river through town"])
        assert stored_page(store, "s1", "v1") is None
