"""Stories left stale by an ingest and built later (migration 0011, storyline.stale) on both backends
(``target``): an ingest filed by the corpus index that leaves its touched stories to later files their articles,
marks them, never serves their old dossier, and a later build gives what building them in the ingest gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from storeinput import folder

from storyline.api import Corpus
from storyline.config import Config
from storyline.store.base import open_store
from storyline.store.pages import stored_page
from storyline.web.story_pages import drawn_by

INDEXED = Config(corpus_incremental_from=1)


def _grow(c: Corpus, rebuild: str) -> None:
    """The port strike at once (a full run: the index), then the bridge and the strike's end one article at a
    time by the index, from folders under the working folder (their paths the same in every store)."""
    c.ingest(folder(Path("one"), ["port.txt", "port-b.txt"]))
    for name in ("bridge-a.txt", "bridge-b.txt"):
        c.ingest(folder(Path(name), [name]), rebuild=rebuild)
    c.ingest(_port_c(Path(".")), rebuild=rebuild)


def _port_c(tmp_path: Path) -> Path:
    """The strike's end, a third article on it."""
    root = tmp_path / "port-c" / "in"
    root.mkdir(parents=True)
    (root / "port-c.txt").write_text(
        "Harlow port strike ends\n\nDockworkers at the port of Harlow ended their strike on Monday, March 4, "
        "2024, after the union and the port agreed on pay, the union said.\n",
        encoding="utf-8",
    )
    return root


def _stored(c: Corpus) -> dict[str, Any]:
    """What the store serves: the export, every story's dossier and page, the articles' stories and dates."""
    stories = sorted(c.store.stories(), key=lambda s: s.id)
    return {
        "export": c.export(),
        "dossiers": {s.id: c.store.get_dossier(s) for s in stories},
        "pages": {s.id: stored_page(c.store, s.id, drawn_by()) for s in stories},
        "articles": sorted(json.dumps(a.to_json(), sort_keys=True) for a in c.store.articles()),
    }


def _reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What a store that built every touched story in the ingest serves (SQLite), then into a new working
    folder for the store under test."""
    (tmp_path / "ref").mkdir()
    monkeypatch.chdir(tmp_path / "ref")
    with Corpus(tmp_path / "ref" / "now.db", INDEXED) as ref:
        _grow(ref, "now")
        assert ref.store.stale_stories() == []
        got = _stored(ref)
    (tmp_path / "later").mkdir()
    monkeypatch.chdir(tmp_path / "later")
    return got


def test_stories_left_to_later_are_marked_and_never_served_stale(tmp_path: Path, target: str) -> None:
    with Corpus(target, INDEXED) as c:
        c.ingest(folder(tmp_path / "one", ["port.txt", "port-b.txt"]))
        port = c.store.stories()[0]
        assert c.store.get_dossier(port) is not None and c.store.stale_stories() == []
        c.ingest(_port_c(tmp_path), rebuild="later")
        assert c.store.stale_stories() == [port.id] and c.store.corpus_built() and c.store.check() == []
        row = c.store.get_story(port.id)
        assert row is not None and len(row.article_ids) == 3 and row.title == port.title  # the old row, new members
        assert c.store.get_dossier(row) is None and c.store.stored_dossier(port.id) is None
        assert stored_page(c.store, port.id, drawn_by()) is None
        listed, _ = c.store.list_stories(None, 0, 10)
        assert [r.updating for r in listed] == [True] and listed[0].articles == 3
        c.store_stale = False  # a reader that may not write: the story built for it, the store left as it is
        doc = c.story_dossier(port.id)
        assert len(doc["articles"]) == 3 and c.store.is_stale(port.id)
        c.store_stale = True
        assert c.story_dossier(port.id) == doc and c.store.stale_stories() == []  # built and stored on first read
        row = c.store.get_story(port.id)
        assert row is not None and c.store.get_dossier(row) == doc
        assert stored_page(c.store, port.id, drawn_by()) is not None
        assert not c.store.list_stories(None, 0, 10)[0][0].updating


def test_a_later_build_stores_what_building_in_the_ingest_stores(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = _reference(tmp_path, monkeypatch)
    with Corpus(target, INDEXED) as c:
        _grow(c, "later")
        assert c.store.stale_stories() != []
        assert sorted(c.rebuild_stale()) == sorted(ref["dossiers"]) and c.store.stale_stories() == []
        assert _stored(c) == ref


def test_the_export_builds_every_stale_story(tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored by a reader that may write; built for one that may not (the web app's snapshot), the store left
    as it is: the same export either way, and the API's story the built one."""
    ref = _reference(tmp_path, monkeypatch)
    with Corpus(target, INDEXED) as c:
        _grow(c, "later")
        marked = c.store.stale_stories()
        c.store_stale = False
        assert c.export() == ref["export"] and c.store.stale_stories() == marked
        shown = {s["id"]: s for s in ref["export"]["stories"]}
        assert all(c.story(sid).story.to_json() == shown[sid] for sid in marked)
        c.store_stale = True
        assert c.export() == ref["export"] and c.store.stale_stories() == []


def test_auto_builds_small_stories_in_the_ingest_and_leaves_large_ones(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Corpus(target, Config(corpus_incremental_from=1, corpus_rebuild_inline=2)) as c:
        _grow(c, "auto")  # the bridge (2 articles) built at once, the port (3) left to later
        stale = c.store.stale_stories()
        assert [len(c.store.story_members([s])[s]) for s in stale] == [3]
        c.rebuild()  # a full run builds every story, the stale ones too
        assert c.store.stale_stories() == [] and all(c.store.get_dossier(s) for s in c.store.stories())


def test_marks_on_either_backend(target: str) -> None:
    with open_store(target) as store:
        store.mark_stale(["s10", "s9"])
        first = store.stale_mark("s9")
        store.set_meta("x", "1")
        store.mark_stale(["s9"])  # marked again: the mark moves to this write
        assert store.stale_stories() == ["s9", "s10"] and store.stale_mark("s9") != first
        assert store.stale_among(["s9", "s1"]) == {"s9"} and not store.is_stale("s1")
        store.put_stories([], removed=["s10"])  # a story merged away loses its mark
        assert store.stale_stories() == ["s9"]
        store.clear_stale()
        assert store.stale_stories() == []
