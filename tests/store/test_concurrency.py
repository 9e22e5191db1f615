"""Several connections on one store: writers wait their turn, readers see one consistent snapshot.

``bench/concurrency.py`` runs two ingesting processes and the web app together; here threads with their own
connections play them on hand-made articles (no parsing). The first tests run on both backends (``target``: a
SQLite file or a PostgreSQL database); PostgreSQL's own lock and two processes: test_postgres.py.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from storyline.api import Corpus
from storyline.errors import StorylineError
from storyline.model import Article, Sentence, Story
from storyline.store.base import open_store
from storyline.store.sqlite import SqliteStore


def article(i: int, k: int) -> Article:
    text = f"Officials in Town{i} said bridge {k} of Town{i} would open on May {k + 1}, 2024."
    return Article(id=f"w{i}-{k}", path=f"w{i}/{k}.txt", raw=text, text=text, sentences=[Sentence(0, len(text))])


def test_a_snapshot_does_not_see_what_others_commit_meanwhile(target: str) -> None:
    with open_store(target) as reader, open_store(target) as writer:
        writer.replace_stories([Story(id="s1", title="One", event_date=None, article_ids=[])])
        with reader.snapshot():
            assert [s.id for s in reader.stories()] == ["s1"]
            writer.replace_stories([Story(id="s2", title="Two", event_date=None, article_ids=[])])
            assert [s.id for s in reader.stories()] == ["s1"]  # still the snapshot
        assert [s.id for s in reader.stories()] == ["s2"]


def test_a_write_inside_a_snapshot_ends_it(target: str) -> None:
    with open_store(target) as store:
        with store.snapshot():
            store.stories()
            store.set_meta("run", "1")  # BEGIN IMMEDIATE after the read transaction is closed
            with store.snapshot():  # nested: joins nothing, fails nothing
                assert store.get_meta("run") == "1"
        assert not isinstance(store, SqliteStore) or not store.connection.in_transaction
        assert store.get_meta("run") == "1"


def test_two_writers_and_a_reader_lose_nothing(target: str) -> None:
    db = target
    Corpus(db).close()
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(i: int) -> None:
        try:
            with Corpus(db) as corpus:
                for k in range(6):
                    with corpus.store.transaction():
                        corpus.store.put_article(article(i, k))
                    corpus.rebuild()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    def reader() -> None:
        try:
            with open_store(db) as store:
                while not done.is_set():
                    with store.snapshot():
                        ids = {a.id for a in store.articles()}  # articles first, then the stories over them
                        members = {a for s in store.stories() for a in s.article_ids}
                    assert members <= ids
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in (1, 2)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    watcher.join()
    assert errors == []
    with Corpus(db) as corpus:
        assert corpus.store.article_count() == 12
        assert corpus.store.corpus_built() and corpus.store.check() == []
        assert sorted(a for s in corpus.stories for a in s.article_ids) == sorted(a.id for a in corpus.articles())


def test_a_write_waits_out_another_writer_beyond_the_busy_timeout(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    locked, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with SqliteStore(db) as other:
            other.connection.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(5)
            other.connection.execute("COMMIT")

    with SqliteStore(db) as store:
        store.connection.execute("PRAGMA busy_timeout = 20")  # each try gives up fast: the retries must carry it
        holder = threading.Thread(target=other_writer)
        holder.start()
        locked.wait(5)
        threading.Timer(0.3, release.set).start()
        store.set_meta("run", "1")  # waits for the other writer, then writes
        holder.join()
        assert store.get_meta("run") == "1"


def test_a_store_busy_for_too_long_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.store import sqlite

    monkeypatch.setattr(sqlite, "WRITE_WAIT_S", 0.2)
    db = tmp_path / "s.db"
    with SqliteStore(db) as store, SqliteStore(db) as other:
        store.connection.execute("PRAGMA busy_timeout = 20")
        other.connection.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorylineError) as err:
            store.set_meta("run", "1")
        other.connection.execute("ROLLBACK")
        assert err.value.code == "E302" and "another process" in str(err.value)
