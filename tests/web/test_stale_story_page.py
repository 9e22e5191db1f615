"""A story an ingest left to build later (storyline.stale) in the web app: listed as being updated, its page
built for the visit (never the stale one), stored by a server that may write, not by a read-only one; the page
shown is the one a story built within the ingest shows."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline.api import Corpus
from storyline.config import Config

INDEXED = Config(corpus_incremental_from=1)
PORT = {
    "port.txt": "Dockworkers strike at Harlow port\n\nDockworkers at the port of Harlow walked out on Friday, "
    "March 1, 2024, over pay, halting container traffic for the weekend, the union said.\n",
    "port-b.txt": "Harlow port strike enters second day\n\nThe strike by dockworkers at the port of Harlow went "
    "into a second day on Saturday, March 2, 2024, the union said, with no talks planned.\n",
    "port-c.txt": "Harlow port strike ends\n\nDockworkers at the port of Harlow ended their strike on Monday, "
    "March 4, 2024, after the union and the port agreed on pay, the union said.\n",
}


def _folder(root: Path, names: list[str]) -> Path:
    root.mkdir(parents=True)
    for name in names:
        (root / name).write_text(PORT[name], encoding="utf-8")
    return root


@pytest.fixture
def stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """Two stores given the same three articles on the strike, the third by the index: built within the ingest
    (``now``) and left to later (``later``); and the strike's story id."""
    monkeypatch.chdir(tmp_path)
    _folder(Path("one"), ["port.txt", "port-b.txt"])
    _folder(Path("two"), ["port-c.txt"])
    dbs = []
    for mode in ("now", "later"):
        db = tmp_path / f"{mode}.db"
        with Corpus(db, INDEXED) as c:
            c.ingest("one")
            c.ingest("two", rebuild=mode)
            sid = c.store.stories()[0].id
            assert c.store.stale_stories() == ([sid] if mode == "later" else [])
        dbs.append(db)
    return dbs[0], dbs[1], sid


@pytest.mark.parametrize("read_only", [True, False])
def test_a_stale_story_is_listed_as_being_updated_and_shown_built(
    stores: tuple[Path, Path, str], tmp_path: Path, client_class: Any, read_only: bool
) -> None:
    from storyline.web import create_app

    now, later, sid = stores
    db = tmp_path / "copy.db"
    shutil.copy(later, db)
    with client_class(create_app(now, read_only=read_only)) as client:
        want = client.get(f"/stories/{sid}").text
        assert "being updated" not in client.get("/").text
    with client_class(create_app(db, read_only=read_only)) as client:
        assert "being updated" in client.get("/").text
        assert client.get(f"/stories/{sid}").text == want  # built for the visit
        assert ("being updated" in client.get("/").text) == read_only  # stored after the answer unless read-only
        assert client.get(f"/stories/{sid}").text == want
    with Corpus(db, INDEXED) as c:
        assert c.store.is_stale(sid) == read_only
