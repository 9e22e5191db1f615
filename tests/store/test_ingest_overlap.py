"""Two ingests of the same file: the one that stores it second keeps the first one's filed article (story,
copies, entities), on both backends (``target``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from storeinput import folder

import storyline.api as api
from storyline.api import Corpus, check


def test_an_article_stored_meanwhile_by_another_ingest_is_left_as_filed(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While this ingest analyses its files, another stores the same ones and runs the corpus stages over them.
    This one then finds them stored: it neither writes its unfiled copies over the filed ones (which left them in
    no story, the store still marked built, as its own corpus stages do not run when it added nothing) nor counts
    them as added."""
    files = folder(tmp_path / "both", ["bridge-a.txt", "bridge-b.txt", "port.txt"])
    real = api.analyse_new
    other = Corpus(target)

    done: list[bool] = []

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        if not done:  # the other process, done before this one stores anything
            done.append(True)
            other.ingest([files])
        return real(*args, **kwargs)

    with Corpus(target) as corpus:
        monkeypatch.setattr(api, "analyse_new", meanwhile)
        rep = corpus.ingest([files])
        monkeypatch.undo()
        other.close()
        assert rep.added == [] and len(rep.unchanged) == 3
        assert corpus.store.corpus_built() and check(corpus) == ([], [])
        assert all(a.story_id for a in corpus.articles())
