"""Stage state: a stopped ingest is finished exactly — by the same ingest run again or by ``storyline repair``.

A kill is played here by an exception raised inside a stage (the open transaction is rolled back, as SQLite
and PostgreSQL do after a kill); ``bench/crash.py`` kills real processes with SIGKILL. The tests run on both
backends (``target``: a SQLite file or a PostgreSQL database).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from backends import sql, store_class
from click.testing import CliRunner
from storeinput import folder

from storyline import api
from storyline.api import Corpus
from storyline.cli import cli
from storyline.model import Article
from storyline.store import migrations
from storyline.store.base import open_store
from storyline.store.sqlite import SqliteStore


class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so no per-file error handling catches it."""


def partition(corpus: Corpus) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in corpus.stories)


def state(corpus: Corpus) -> tuple[Any, ...]:
    """What must equal an uninterrupted run's: the articles (each once) and the story partition."""
    ids = [r[0] for r in sql(corpus.store, "SELECT id FROM articles ORDER BY id")]
    return ids, partition(corpus)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    tmp = tmp_path_factory.mktemp("clean")
    with Corpus(tmp / "clean.db") as corpus:
        corpus.ingest(folder(tmp))
        assert corpus.store.check() == []
        return state(corpus)


def kill_at(monkeypatch: pytest.MonkeyPatch, target: Any, name: str, after: int) -> None:
    """Make ``target.name`` raise :class:`Killed` on its call number ``after + 1`` (inside that call)."""
    real = getattr(target, name)
    calls = {"n": 0}

    def dying(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > after:
            real(*args, **kwargs)  # the call's work is done inside its transaction, then the process dies
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, dying)


def test_killed_while_storing_the_same_ingest_finishes_it(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch, clean: tuple[Any, ...]
) -> None:
    src, db = folder(tmp_path), target
    kill_at(monkeypatch, store_class(db), "_index_sentences", after=2)  # the third article dies inside its transaction
    with Corpus(db) as corpus, pytest.raises(Killed):
        corpus.ingest(src)
    monkeypatch.undo()
    with Corpus(db) as corpus:
        counts = corpus.store.stage_counts()
        assert counts == {"read": 2, "analysed": 2, "entities": 0, "stories": 0}
        problems = corpus.store.check()
        assert any("2 document(s) read but not analysed" in p for p in problems)
        assert any("older than the last article" in p for p in problems)
        rep = corpus.ingest(src)
        assert len(rep.added) == 2 and len(rep.unchanged) == 2
        assert state(corpus) == clean and corpus.store.check() == []
        assert corpus.store.stage_counts() == {"read": 0, "analysed": 4, "entities": 4, "stories": 4}


def test_repair_finishes_without_the_input_files_and_keeps_the_settings(tmp_path: Path, target: str) -> None:
    src, db = folder(tmp_path), target
    with Corpus(db) as corpus:
        real = api.analyse_new

        def dies_after_reading(*args: Any, **kwargs: Any) -> Any:
            raise Killed

        api.analyse_new = dies_after_reading  # type: ignore[assignment]
        try:
            with pytest.raises(Killed):
                corpus.ingest(src, source="Riverton Gazette")
        finally:
            api.analyse_new = real
        assert corpus.store.article_count() == 0 and len(corpus.store.pending()) == 4
    for f in src.iterdir():
        f.unlink()  # repair needs only the store
    runner = CliRunner()
    found = runner.invoke(cli, ["--db", str(db), "check"])
    assert found.exit_code == 1 and "4 document(s) read but not analysed" in found.output
    fixed = runner.invoke(cli, ["--db", str(db), "repair"])
    assert fixed.exit_code == 0, fixed.output
    assert "4 articles added" in fixed.output
    with Corpus(db) as corpus:
        assert corpus.store.check() == [] and corpus.store.pending() == []
        assert {a.source for a in corpus.articles()} == {"Riverton Gazette"}
        assert {a.source_how for a in corpus.articles()} == {"user"}
        assert len(corpus.stories) == 2
    again = runner.invoke(cli, ["--db", str(db), "repair"])
    assert again.exit_code == 0 and "0 articles added" in again.output


def test_killed_in_the_corpus_stages_then_repaired(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch, clean: tuple[Any, ...]
) -> None:
    src, db = folder(tmp_path), target
    kill_at(monkeypatch, store_class(db), "replace_stories", after=0)  # dies inside the corpus stages' transaction
    with Corpus(db) as corpus, pytest.raises(Killed):
        corpus.ingest(src)
    monkeypatch.undo()
    with Corpus(db) as corpus:
        assert corpus.store.stories() == [] and corpus.store.entities() == []  # rolled back together
        assert corpus.store.stages_of(corpus.articles()[0].id) == {
            "analysed": True,
            "entities": False,
            "stories": False,
        }
        assert api.repair(corpus).added == []
        assert state(corpus) == clean and corpus.store.check() == []
        assert corpus.store.stages_of(corpus.articles()[0].id)["stories"]


def test_a_rerun_with_other_files_finishes_the_stopped_run_too(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = target
    first = folder(tmp_path / "a", ["bridge-a.txt", "bridge-b.txt"])
    second = folder(tmp_path / "b", ["port.txt"])
    kill_at(monkeypatch, store_class(db), "_index_sentences", after=1)
    with Corpus(db) as corpus, pytest.raises(Killed):
        corpus.ingest(first)
    monkeypatch.undo()
    with Corpus(db) as corpus:
        rep = corpus.ingest(second)
        assert len(rep.added) == 2  # port.txt and the bridge article the stopped run had read
        assert corpus.store.article_count() == 3 and corpus.store.check() == []


def test_a_failed_analysis_is_reported_and_leaves_the_waiting_list(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.analyse.nlp import load_nlp

    dating = load_nlp().get_pipe("storyline_dates")
    real = dating._date

    def broken(art: Article) -> None:
        if "Dockworkers" in art.text:
            raise ValueError("a dating bug")
        real(art)

    monkeypatch.setattr(dating, "_date", broken)
    with Corpus(target) as corpus:
        rep = corpus.ingest(folder(tmp_path))
        assert [e.code for e in rep.errors] == ["E150"] and len(rep.added) == 3
        assert corpus.store.pending() == [] and corpus.store.check() == []


def test_articles_added_during_the_corpus_stages_keep_the_stores_stories_unbuilt(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a rebuild that read the article set before another ingest stored an article wrote its
    stale stories over a newer rebuild's; now it stores nothing and the newer run's result stands."""
    db = target
    with Corpus(db) as corpus:
        corpus.ingest(folder(tmp_path, ["bridge-a.txt", "bridge-b.txt"]))
        before = corpus.store.stories()
        real = api.corpus_stages

        def concurrent(*args: Any, **kwargs: Any) -> Any:
            with open_store(db) as other:
                other.put_article(Article(id="late", path="late.txt", raw="", text="A late article arrived."))
            return real(*args, **kwargs)

        monkeypatch.setattr(api, "corpus_stages", concurrent)
        corpus.rebuild()
        assert [s.to_json() for s in corpus.store.stories()] == [s.to_json() for s in before]
        assert not corpus.store.corpus_built()
        monkeypatch.setattr(api, "corpus_stages", real)
        corpus.rebuild()
        assert corpus.store.corpus_built() and corpus.store.check() == []


def test_a_schema_1_store_keeps_its_state_when_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    first = migrations.load_migrations()[0]
    conn.execute(migrations._CREATE_VERSION_TABLE)
    for statement in first.statements():
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version (version, name) VALUES (1, ?)", (first.name,))
    for i in (1, 2):
        conn.execute(
            "INSERT INTO articles (id, path, text, raw, json) VALUES (?, ?, 'Text.', '', ?)",
            (f"a{i}", f"a{i}.txt", f'{{"id": "a{i}", "path": "a{i}.txt", "text": "Text."}}'),
        )
    conn.execute("INSERT INTO meta (key, value) VALUES ('articles_version', '2'), ('stories_built', '1')")
    conn.close()
    with SqliteStore(db) as store:
        assert store.schema_version == migrations.latest_version()
        assert store.corpus_built() and store.get_meta("stories_built") is None
        assert store.stages_of("a1") == {"analysed": True, "entities": True, "stories": True}
        store.put_article(Article(id="a3", path="a3.txt", raw="", text="New text here."))
        assert not store.corpus_built() and store.stages_of("a3")["analysed"]
        assert not store.stages_of("a3")["stories"] and store.stages_of("a1")["stories"]


def test_a_document_another_process_stored_meanwhile_is_not_left_waiting(target: str) -> None:
    """Regression: two ingests read the same file; the first stored it before the second queued it, and the
    second's queue entry stayed behind (the store then said a document was read but never analysed)."""
    with open_store(target) as store:
        store.put_article(Article(id="a1", path="a1.txt", raw="", text="Rare earths rose."))
        store.queue_pending([("a1", "a1.txt", {"doc": {}}), ("a2", "a2.txt", {"doc": {}})])
        assert [p[0] for p in store.pending()] == ["a2"]
