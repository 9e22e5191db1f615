"""A store knows when it is half-built, and says what is wrong with it (``storyline check``); on both backends
where the test does not write under the store's methods (``target``: a SQLite file or a PostgreSQL database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import storeinput
from click.testing import CliRunner

from storyline import api
from storyline.api import Corpus, check
from storyline.cli import cli
from storyline.model import Article, Sentence
from storyline.store.base import open_store
from storyline.store.sqlite import SqliteStore


def folder(tmp_path: Path) -> Path:
    return storeinput.folder(tmp_path, ["bridge-a.txt", "bridge-b.txt", "port.txt"])


def test_a_run_killed_before_the_corpus_stages_is_finished_by_the_next(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: after a crash between "analysed and stored" and the corpus stages, re-running the same
    ingest found every article "already in the store" and never built their stories."""
    src = folder(tmp_path)
    with Corpus(tmp_path / "s.db") as clean:
        clean.ingest(src)
        expected = sorted(sorted(s.article_ids) for s in clean.stories)
    crashed_db = target
    real = api.corpus_stages

    def killed(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt  # as a kill between the two: the articles are stored, no story is

    monkeypatch.setattr(api, "corpus_stages", killed)
    with Corpus(crashed_db) as corpus, pytest.raises(KeyboardInterrupt):
        corpus.ingest(src)
    monkeypatch.setattr(api, "corpus_stages", real)
    with Corpus(crashed_db) as corpus:
        assert corpus.store.article_count() == 3 and corpus.stories == []
        assert any("older than the last article" in p for p in corpus.store.check())
        rep = corpus.ingest(src)
        assert rep.added == [] and len(rep.unchanged) == 3
        assert sorted(sorted(s.article_ids) for s in corpus.stories) == expected
        assert corpus.store.check() == []


def test_stories_stay_stale_when_an_article_arrives_during_the_corpus_stages(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = target
    with Corpus(db) as corpus:
        corpus.ingest(folder(tmp_path))
        assert corpus.store.corpus_built()
        real = api.corpus_stages

        def concurrent(*args: Any, **kwargs: Any) -> Any:
            with open_store(db) as other:  # another ingester stores an article meanwhile
                other.put_article(Article(id="late", path="late.txt", raw="", text="A late article arrived."))
            return real(*args, **kwargs)

        monkeypatch.setattr(api, "corpus_stages", concurrent)
        corpus.rebuild()
        assert not corpus.store.corpus_built()  # the next run builds the late one's story
        monkeypatch.setattr(api, "corpus_stages", real)
        corpus.rebuild()
        assert corpus.store.check() == []


def test_check_reports_orphans_and_repair_fixes_them(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Corpus(db) as corpus:
        corpus.ingest(folder(tmp_path))
        assert check(corpus) == ([], [])
        conn = corpus.store.connection  # type: ignore[attr-defined]
        conn.execute("PRAGMA foreign_keys = OFF")  # as another tool writing to the file might
        conn.execute("INSERT INTO sentences (article_id, idx, start, \"end\", text) VALUES ('gone', 0, 0, 4, 'Gone')")
        orphan = 'INSERT INTO mentions (entity_id, pos, article_id, start, "end")'
        orphan += " VALUES ('e-none', 0, 'gone', 0, 4)"
        conn.execute(orphan)
        conn.execute("UPDATE articles SET story_id = 's99' WHERE id = (SELECT min(id) FROM articles)")
        conn.execute("PRAGMA foreign_keys = ON")
        problems, left = check(corpus)
        assert "1 sentences of no article" in problems and "1 mentions of no article" in problems
        assert "1 articles in a story that is not stored" in problems
        assert any(p.startswith("foreign key broken") for p in problems)
        assert left == problems
        problems, left = check(corpus, repair=True)
        assert problems and left == []


def test_search_index_out_of_step_is_reported(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        store.put_article(Article(id="a1", path="a.txt", raw="", text="Rare earths rose.", sentences=[Sentence(0, 17)]))
        store.mark_corpus_built(store.articles_version(), 1)
        store.connection.execute("INSERT INTO sentences_fts (rowid, text) VALUES (999, 'phantom row')")
        assert any("search index" in p for p in store.check())
        store.remove_orphans()
        assert store.check() == []


def test_storyline_check_command(target: str) -> None:
    db = target
    with open_store(db) as store:
        store.put_article(Article(id="a1", path="a.txt", raw="", text="Rare earths rose on Monday, traders said."))
    runner = CliRunner()
    found = runner.invoke(cli, ["--db", str(db), "check", "--json"])
    assert found.exit_code == 1
    report = json.loads(found.output)
    assert report["problems"] == report["left"] and "older than the last article" in report["problems"][0]
    fixed = runner.invoke(cli, ["--db", str(db), "check", "--repair"])
    assert fixed.exit_code == 0 and "1 of 1 problem fixed" in fixed.output
    assert runner.invoke(cli, ["--db", str(db), "check"]).exit_code == 0
