"""storyline.spark: the tables analyse_articles returns (mapInPandas on local[2]) are the local engine's export
tables, and bad input is reported as an ingest reports it."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.api import Corpus
from storyline.model import FileError
from storyline.render.tables import COLUMNS, tables

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark with 2 cores for the module; its Python workers run this interpreter (Storyline's)."""
    pytest.importorskip("pyspark", reason="PySpark is not installed: pip install 'storyline[spark]'")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("PySpark needs Java 17 or later (Debian: apt-get install openjdk-17-jre-headless)")
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("storyline-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_tables_are_the_local_tables(spark: Any, seed_corpus: Any, seeds_dir: Path, tmp_path: Path) -> None:
    from storyline.spark import analyse_articles, documents

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "short.txt").write_text("Two words\n", encoding="utf-8")
    with Corpus(":memory:") as corpus:
        expected_errors = corpus.ingest([str(tmp_path)]).errors
    errors: list[FileError] = []
    got = analyse_articles(documents(spark, [seeds_dir, tmp_path], errors), errors=errors)
    assert errors == expected_errors  # the empty file at reading, the short one after cleaning
    want = tables(seed_corpus.export())
    assert list(got) == list(want)
    for name, df in got.items():
        assert df.columns == [c for c, _ in COLUMNS[name]]
        assert [list(r) for r in df.collect()] == want[name][1], name


def test_bad_rows_are_reported_and_without_an_errors_list_the_first_raises(spark: Any) -> None:
    from storyline.config import load_config
    from storyline.errors import StorylineError
    from storyline.spark import analyse_articles

    rows = [("long.txt", "Word " * 30), ("short.txt", "Two words")]
    df = spark.createDataFrame(rows, "path string, text string")
    cfg = load_config(env={}, overrides={"ingest.max_chars": 100})
    errors: list[FileError] = []
    got = analyse_articles(df, cfg, errors)
    assert [(e.path, e.code) for e in errors] == [("long.txt", "E111"), ("short.txt", "E112")]
    assert got["articles"].count() == 0 and got["articles"].columns == [c for c, _ in COLUMNS["articles"]]
    with pytest.raises(StorylineError, match=r"long.txt: text is 150 characters.*\[E111\]"):
        analyse_articles(df, cfg)
