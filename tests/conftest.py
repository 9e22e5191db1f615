"""Shared fixtures: the seed corpus (../shared/corpus/seeds, never copied into the repo) and the model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/*.json from current output.")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the repo")
    return SEEDS


@pytest.fixture(scope="session")
def nlp() -> Any:
    from storyline.analyse.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_corpus(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The five seeds analysed once into a store, shared by the integration tests (read-only)."""
    from storyline.api import analyze

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    corpus = analyze([str(seeds_dir)], db=db)
    yield corpus
    corpus.close()


# -- PostgreSQL: a throwaway cluster (tests/pgcluster.py) and an empty store for each test that asks ------------


@pytest.fixture(scope="session")
def pg_cluster() -> Any:
    """A PostgreSQL server for the whole session: started here from the installed binaries, or the one
    $STORYLINE_TEST_POSTGRES names. Skips (fails, under $STORYLINE_TEST_POSTGRES_REQUIRED) where none can be had."""
    import pgcluster

    why = pgcluster.unavailable()
    cluster = None
    if why is None:
        try:
            cluster = pgcluster.Cluster.start()
        except (RuntimeError, OSError) as exc:
            why = f"the throwaway PostgreSQL cluster did not start: {exc}"
    if cluster is None:
        if os.environ.get(pgcluster.ENV_REQUIRED):
            pytest.fail(f"PostgreSQL tests required but {why}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    from storyline.store.postgres import PostgresStore, close_pools

    cluster.create_database(PG_EMPTY)
    PostgresStore(cluster.create_database(PG_SHARED)).close()  # migrated once; emptied before each test
    yield cluster
    close_pools()
    for name in (PG_SHARED, PG_EMPTY):
        cluster.drop_database(name)
    cluster.stop()


PG_SHARED = f"storyline_tests_{os.getpid()}"
PG_EMPTY = f"storyline_empty_{os.getpid()}"
_PG_DATABASES = iter(range(1, 1_000_000))
#: Every table of the shared store but the applied migrations: a table a migration adds is emptied too (a
#: dossier or page an earlier test stored must not show in the next one).
_PG_TABLES_SQL = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'"


@pytest.fixture
def pg_url(pg_cluster: Any) -> Any:
    """The URL of a PostgreSQL database holding an empty store (one database for the session, every table
    emptied before each test: quicker than a new database each time)."""
    import psycopg

    url = pg_cluster.url(PG_SHARED)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '5s'")
        tables = ", ".join(sorted(str(r[0]) for r in conn.execute(_PG_TABLES_SQL)))
        try:
            if tables:
                conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        except psycopg.errors.LockNotAvailable:  # a connection an earlier test left in a transaction
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if tables:
                conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            from storyline.store.postgres import close_pool

            close_pool(url)  # its connections were ended
    yield url


@pytest.fixture
def pg_empty_url(pg_cluster: Any) -> Any:
    """The URL of a new, empty PostgreSQL database (no store in it yet), dropped after the test."""
    from storyline.store.postgres import close_pool

    name = f"storyline_test_{os.getpid()}_{next(_PG_DATABASES)}"
    url = pg_cluster.create_database(name, PG_EMPTY)
    yield url
    close_pool(url)
    pg_cluster.drop_database(name)
