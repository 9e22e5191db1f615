"""What only the PostgreSQL store has: its migrations, its write lock, several processes writing at once, and
the whole pipeline on it giving what it gives on SQLite. (The store's methods are tested on both backends in
test_sqlite.py, test_stages.py, test_integrity.py and test_concurrency.py.)

Each test gets a database of a throwaway cluster (tests/pgcluster.py); they skip where none can be started.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
import storeinput
from backends import sql
from clirun import run

from storyline.api import Corpus, check
from storyline.errors import StorylineError
from storyline.model import Article, Sentence
from storyline.store import migrations as sqlite_migrations
from storyline.store import postgres
from storyline.store.base import Store, open_store
from storyline.store.corrections import CorrectionLog
from storyline.store.migrations import Migration
from storyline.store.migrations import postgres as migrations
from storyline.store.postgres import PostgresStore, close_pool


def admin(url: str, statement: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement.encode())


def article(i: int, k: int) -> Article:
    text = f"Officials in Town{i} said bridge {k} of Town{i} would open on May {k + 1}, 2024."
    return Article(id=f"w{i}-{k}", path=f"w{i}/{k}.txt", raw=text, text=text, sentences=[Sentence(0, len(text))])


# -- opening and migrations -----------------------------------------------------------------------


def test_open_store_gives_a_postgres_store_for_both_schemes(pg_url: str) -> None:
    with open_store(pg_url) as s:
        assert isinstance(s, PostgresStore) and isinstance(s, Store)
        assert s.path == pg_url and s.schema_version == migrations.latest_version()
    with open_store(pg_url.replace("postgresql://", "postgres://", 1)) as s:
        assert isinstance(s, PostgresStore) and s.article_count() == 0


def test_migrations_mirror_the_sqlite_ones() -> None:
    assert [(m.version, m.name) for m in migrations.load_migrations()] == [
        (m.version, m.name) for m in sqlite_migrations.load_migrations()
    ]


def test_fresh_database_gets_every_migration(pg_empty_url: str) -> None:
    with PostgresStore(pg_empty_url) as s:
        assert s.schema_version == migrations.latest_version()
        rows = sql(s, "SELECT version, name FROM schema_version ORDER BY version")
        assert rows == [(m.version, m.name) for m in migrations.load_migrations()]
        tables = {r[0] for r in sql(s, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        assert {"meta", "articles", "sentences", "entities", "mentions", "stories", "pending"} <= tables
        assert {"article_stages", "corpus_stages", "corrections", "schema_version"} <= tables
    close_pool(pg_empty_url)
    with psycopg.connect(pg_empty_url, autocommit=True) as conn:
        assert migrations.migrate(conn, "again") == []


def test_existing_database_gets_only_missing_migrations(pg_empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    PostgresStore(pg_empty_url).close()
    close_pool(pg_empty_url)
    shipped = migrations.load_migrations()
    extra = Migration(len(shipped) + 1, "add_notes", "CREATE TABLE notes (id serial PRIMARY KEY, body text);")
    monkeypatch.setattr(migrations, "load_migrations", lambda: (*shipped, extra))
    with PostgresStore(pg_empty_url) as s:
        assert s.schema_version == len(shipped) + 1
        sql(s, "INSERT INTO notes (body) VALUES ('x')")


def test_failed_migration_leaves_the_database_as_it_was(pg_empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    PostgresStore(pg_empty_url).close()
    close_pool(pg_empty_url)
    shipped = migrations.load_migrations()
    broken = Migration(len(shipped) + 1, "broken", "CREATE TABLE ok (x int);\nCREATE TABLE articles (x int);")
    monkeypatch.setattr(migrations, "load_migrations", lambda: (*shipped, broken))
    with pytest.raises(StorylineError) as info:
        PostgresStore(pg_empty_url)
    assert info.value.code == "E301" and "already exists" in str(info.value)
    monkeypatch.undo()
    with PostgresStore(pg_empty_url) as s:
        assert s.schema_version == len(shipped)
        assert sql(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'ok'") == [(0,)]


def test_newer_schema_is_a_clear_error(pg_empty_url: str) -> None:
    PostgresStore(pg_empty_url).close()
    close_pool(pg_empty_url)
    admin(pg_empty_url, "INSERT INTO schema_version (version, name) VALUES (99, 'future')")
    with pytest.raises(StorylineError) as info:
        PostgresStore(pg_empty_url)
    known = migrations.latest_version()
    assert info.value.code == "E301"
    assert f"created by a newer Storyline (schema 99, this one knows {known}): upgrade Storyline" in str(info.value)


def test_someone_elses_database_is_refused(pg_empty_url: str) -> None:
    admin(pg_empty_url, "CREATE TABLE invoices (id integer)")
    with pytest.raises(StorylineError) as info:
        open_store(pg_empty_url)
    assert "not a Storyline store" in str(info.value) and "'invoices'" in str(info.value)


def test_a_missing_database_is_a_clear_error_without_the_password(pg_url: str) -> None:
    url = pg_url.replace("postgresql:///", "postgresql://storyline:secret@/", 1).replace("?", "_none?", 1)
    with pytest.raises(StorylineError) as info:
        open_store(url)
    assert info.value.code == "E301" and "does not exist" in str(info.value) and "secret" not in str(info.value)


def test_without_psycopg_a_postgres_url_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "storyline.store.postgres", None)
    with pytest.raises(StorylineError) as info:
        open_store("postgresql://me:secret@db.example/news")
    assert info.value.code == "E301" and "storyline[postgres]" in str(info.value) and "secret" not in str(info.value)


def test_stores_on_one_url_share_one_pool(pg_url: str) -> None:
    with open_store(pg_url) as a, open_store(pg_url) as b:
        assert isinstance(a, PostgresStore) and isinstance(b, PostgresStore)
        assert a._pool is b._pool
        a.put_article(article(1, 1))
        assert b.has_article("w1-1")


# -- writers take turns -----------------------------------------------------------------------------


def test_a_write_waits_for_another_writer(pg_url: str) -> None:
    inside, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with PostgresStore(pg_url) as other, other.transaction():
            other.set_meta("first", "1")
            inside.set()
            release.wait(5)

    with PostgresStore(pg_url) as store:
        holder = threading.Thread(target=other_writer)
        holder.start()
        assert inside.wait(5)
        threading.Timer(0.3, release.set).start()
        store.set_meta("second", "2")  # waits for the other transaction to commit
        holder.join()
        assert (store.get_meta("first"), store.get_meta("second")) == ("1", "2")


def test_a_store_busy_for_too_long_is_a_clear_error(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres, "WRITE_WAIT_S", 0.2)
    with PostgresStore(pg_url) as store, PostgresStore(pg_url) as other:
        with other.transaction():
            with pytest.raises(StorylineError) as err:
                store.set_meta("run", "1")
        assert err.value.code == "E302" and "another process" in str(err.value)
        store.set_meta("run", "1")  # the lock is free again
        assert other.get_meta("run") == "1"


def test_a_snapshot_inside_a_transaction_reads_its_writes(pg_url: str) -> None:
    with PostgresStore(pg_url) as store, store.transaction():
        store.set_meta("k", "v")
        with store.snapshot():
            assert store.get_meta("k") == "v"


_WRITER = textwrap.dedent(
    """
    import json, sys
    from storyline.model import Article, Sentence
    from storyline.store.base import open_store

    url, me, ids = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    added = []
    with open_store(url) as store:
        for k in ids:
            text = f"Officials in Town{k} said bridge {k} would open on May 2, 2024, writer {me} reported."
            a = Article(id=f"a{k}", path=f"{k}.txt", raw=text, text=text, sentences=[Sentence(0, len(text))])
            with store.transaction():
                if store.put_article(a):
                    added.append(a.id)
            with store.snapshot():
                assert store.article_count() == len(store.articles())
    print(json.dumps(added))
    """
)


def test_two_processes_writing_at_once_lose_and_double_nothing(pg_url: str) -> None:
    lists = [list(range(0, 40)), list(range(25, 65))]  # 15 articles in both
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, pg_url, str(i), json.dumps(ids)], stdout=subprocess.PIPE, text=True
        )
        for i, ids in enumerate(lists)
    ]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    added = [set(json.loads(o)) for o in outs]
    assert not added[0] & added[1] and len(added[0] | added[1]) == 65
    with open_store(pg_url) as store:
        assert store.article_count() == 65 and store.articles_version() == 65
        assert store.stage_counts()["analysed"] == 65 and store.pending() == []
        assert len(store.search("bridge", limit=100)) == 65


@pytest.mark.slow
def test_two_ingesting_processes_leave_a_clean_store(tmp_path: Path, pg_url: str) -> None:
    """Two ``storyline ingest`` processes at once on overlapping folders: each article stored once, and the
    stories cover every article whichever ran its corpus stages last (a run whose article set changed under
    it stores nothing; the other's covers both; an article one stored while the other analysed it is left as
    filed: tests/store/test_ingest_overlap.py)."""
    a = storeinput.folder(tmp_path / "a", ["bridge-a.txt", "port.txt"])
    b = storeinput.folder(tmp_path / "b", ["bridge-b.txt", "port.txt", "port-b.txt"])
    storyline = Path(sys.executable).with_name("storyline")
    procs = [
        subprocess.Popen([str(storyline), "--db", pg_url, "-q", "ingest", str(d)], stderr=subprocess.PIPE, text=True)
        for d in (a, b)
    ]
    errs = [p.communicate(timeout=600)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    with Corpus(pg_url) as corpus:
        assert corpus.store.article_count() == 4 and corpus.store.corpus_built() and check(corpus) == ([], [])
        assert sorted(a for s in corpus.stories for a in s.article_ids) == sorted(x.id for x in corpus.articles())


# -- integrity and corrections ------------------------------------------------------------------------


def test_check_reports_orphans_and_repair_fixes_them(tmp_path: Path, pg_url: str) -> None:
    with Corpus(pg_url) as corpus:
        corpus.ingest(storeinput.folder(tmp_path, ["bridge-a.txt", "bridge-b.txt", "port.txt"]))
        assert check(corpus) == ([], [])
        store = corpus.store
        with store.transaction():
            sql(store, "SET LOCAL session_replication_role = replica")  # foreign keys off, as another tool might
            sql(store, "INSERT INTO sentences (article_id, idx, start, \"end\", text) VALUES ('gone', 0, 0, 4, 'Gone')")
            orphan = 'INSERT INTO mentions (entity_id, pos, article_id, start, "end")'
            orphan += " VALUES ('e-none', 0, 'gone', 0, 4)"
            sql(store, orphan)
            sql(store, "UPDATE articles SET story_id = 's99' WHERE id = (SELECT min(id) FROM articles)")
        problems, left = check(corpus)
        assert "1 sentences of no article" in problems and "1 mentions of no article" in problems
        assert "1 mentions of no entity" in problems and "1 articles in a story that is not stored" in problems
        assert left == problems
        problems, left = check(corpus, repair=True)
        assert problems and left == []


def test_a_search_is_planned_for_its_words_every_time(pg_url: str) -> None:
    """Never a prepared statement: after a few runs on one connection the server may use a plan made for no
    words in particular (on 100,000 articles twice as slow for a common word as the plan made for it)."""
    with PostgresStore(pg_url) as store:
        store.put_article(article(1, 1))
        with store.snapshot():  # one connection throughout, as a web server's pooled one
            for k in range(12):
                assert [h.article_id for h in store.search("bridge" if k % 2 else "officials")] == ["w1-1"]
            prepared = [r[0] for r in store.rows("SELECT statement FROM pg_prepared_statements")]
    assert not [p for p in prepared if "ts_rank" in p]


def test_corrections_are_kept_in_postgres(pg_url: str) -> None:
    with open_store(pg_url) as store:
        log = CorrectionLog(store)
        c = log.add("outlet", "rename 'AP' to 'Associated Press'", {"old": "AP", "new": "Associated Press"})
        assert c.id == 1 and c.created_at.endswith("Z") and c.data == {"old": "AP", "new": "Associated Press"}
        assert [x.kind for x in log.active()] == ["outlet"]
        undone = log.undo(c.id)
        assert not undone.active and undone.undone_at and log.active() == [] and len(log.all()) == 1
        with pytest.raises(StorylineError) as info:
            log.undo(c.id)
        assert info.value.code == "E406"


# -- the whole pipeline: the same result on both backends -----------------------------------------------


@pytest.mark.slow
def test_analyze_on_postgres_exports_what_sqlite_exports(
    seed_corpus: Any, seeds_dir: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--db", pg_url, "-q", "analyze", str(seeds_dir), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    exported = json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    assert exported == json.loads(json.dumps(seed_corpus.export(), ensure_ascii=False))
    with Corpus(pg_url) as corpus:
        assert check(corpus) == ([], [])
        for query in ("president", "Taiwan", '"trade war"', "tariff*"):
            found = {(h.article_id, h.start, h.end) for h in corpus.store.search(query, limit=500)}
            assert found == {(h.article_id, h.start, h.end) for h in seed_corpus.store.search(query, limit=500)}


@pytest.mark.slow
def test_the_web_app_serves_a_postgres_store(tmp_path: Path, pg_url: str) -> None:
    """Each request opens its own Corpus on the URL: they share the process's pool."""
    import warnings

    from storyline.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with Corpus(pg_url) as corpus:
        corpus.ingest(storeinput.folder(tmp_path))
        story = corpus.stories[0].id
        some = corpus.articles()[0].id
    pages = ["/", "/stories", f"/stories/{story}", f"/articles/{some}", "/entities", "/api/stories"]
    pages += [f"/api/stories/{story}", f"/api/articles/{some}", "/api/export"]
    with TestClient(create_app(pg_url, read_only=True), base_url="http://127.0.0.1") as client:
        for page in pages:
            answer = client.get(page)
            assert answer.status_code == 200, (page, answer.text[:300])
        hits = client.get("/api/search", params={"q": '"Mill River" bridge'}).json()
        assert hits and all("[[Mill River]]" in h["snippet"] for h in hits)
