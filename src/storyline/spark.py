"""Storyline on Apache Spark: the per-article stages over a DataFrame of texts, with ``mapInPandas``.

Two levels, as in :mod:`storyline.api`:

* :func:`analysed_rows` — distributed: one row per document, its analysed article as the store keeps it (JSON
  text, ``article``) or its error (``error``). Each partition loads the spaCy pipeline once, inside the function
  Spark runs (:func:`analyse_partition`), never in a closure shipped from the driver.
* :func:`analyse_articles` — the columnar export (docs/export.md, "Tables"): the analysed articles go through the
  corpus stages (duplicates, entities, stories, comparison) on the driver, in an in-memory store, exactly as an
  ingest's do, and come back as one Spark DataFrame per table, with the columns of
  :data:`storyline.render.tables.COLUMNS`.

The input DataFrame has a ``text`` column and may have any of ``path``, ``title``, ``source``, ``author``,
``url``, ``published``, ``fmt`` (the fields of a read document, :class:`~storyline.ingest.readers.RawDoc`);
:func:`documents` reads files with Storyline's readers into one. Spark's Python workers need Storyline and its
spaCy pipeline installed (``pip install 'storyline[spark]'``).

Example:
    >>> from pyspark.sql import SparkSession                                  # doctest: +SKIP
    >>> spark = SparkSession.builder.master("local[2]").getOrCreate()         # doctest: +SKIP
    >>> tables = analyse_articles(documents(spark, ["articles/"]))            # doctest: +SKIP
    >>> tables["quotes"].select("speaker", "text").show()                     # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from .analyse.nlp import load_nlp
from .config import Config, load_config
from .engines.base import analyse_each, clean_each
from .errors import StorylineError
from .ingest.formats.base import too_long
from .ingest.readers import RawDoc, discover, read_file
from .model import Article, FileError
from .render.tables import COLUMNS, tables

#: The document columns :func:`analysed_rows` reads (``text`` is required), with their Spark types.
DOC_COLUMNS = {
    "path": "string",
    "text": "string",
    "fmt": "string",
    "title": "string",
    "source": "string",
    "source_how": "string",
    "author": "string",
    "url": "string",
    "published": "string",
    "first_line_title": "boolean",
    "meta": "string",
}
ROWS_SCHEMA = "seq long, path string, article_id string, article string, error string"
"""One row per document: its place in the input (``seq``), its path, and its article (the store's JSON) or its
error (``{"path", "reason", "code"}``)."""
SLICE_DOCS = 32
"""Documents analysed together inside a partition (memory stays flat whatever Arrow's batch size)."""
_SPARK_TYPES = {"str": "string", "json": "string", "int": "long", "float": "double"}


def _pyspark() -> Any:
    try:
        import pyspark.sql.functions as fn
    except ImportError:
        raise StorylineError(
            "E202", "storyline.spark needs PySpark, which is not installed: pip install 'storyline[spark]'"
        ) from None
    return fn


def documents(
    spark: Any, paths: Sequence[str | Path], errors: list[FileError] | None = None, config: Config | None = None
) -> Any:
    """A DataFrame of the documents in ``paths`` (files, folders, globs), read on the driver by Storyline's readers
    (with the config's ``ingest.*`` limits), one row per document with the :data:`DOC_COLUMNS`. Files that cannot
    be read are added to ``errors`` (or, without a list, raise the first one's error)."""
    cfg = config or load_config()
    files, errs = discover([str(p) for p in paths])
    rows: list[dict[str, Any]] = []
    for f in files:
        docs, ferrs = read_file(f, display_path=str(f), max_bytes=cfg.ingest_max_bytes, max_ratio=cfg.ingest_max_ratio)
        errs += ferrs
        rows += [{**asdict(d), "meta": json.dumps(d.meta, ensure_ascii=False)} for d in docs]
    _report(errs, errors)
    schema = ", ".join(f"{name} {kind}" for name, kind in DOC_COLUMNS.items())
    return spark.createDataFrame(rows, schema)


def _doc(row: dict[str, Any], n: int) -> RawDoc:
    """A document of the input DataFrame (missing columns take a read document's defaults)."""
    given = {k: v for k, v in row.items() if k in DOC_COLUMNS and v is not None and v == v}  # NaN: missing
    meta = given.pop("meta", None)
    return RawDoc(
        **{"path": f"row {n}", "fmt": "txt", **given},
        meta=json.loads(meta) if isinstance(meta, str) and meta else {},
    )


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def analyse_partition(batches: Iterable[Any], cfg: Config, overrides: dict[str, Any]) -> Iterator[Any]:
    """The function ``mapInPandas`` runs on each partition: pandas batches of documents (with ``_seq``) in, pandas
    batches of :data:`ROWS_SCHEMA` out. The spaCy pipeline is loaded here, once per partition (and kept by the
    Python worker for the next one)."""
    import pandas as pd

    nlp = load_nlp(cfg.nlp_model)
    for pdf in batches:
        records = pdf.to_dict("records")
        for k in range(0, len(records), SLICE_DOCS):
            part = records[k : k + SLICE_DOCS]
            docs = [(_doc(r, int(r["_seq"])), dict(overrides)) for r in part]
            fits = [len(d.text) <= cfg.ingest_max_chars for d, _ in docs]  # a longer text is refused, as on ingest
            done = iter(analyse_each(clean_each([x for x, ok in zip(docs, fits, strict=True) if ok]), cfg, nlp))
            results = [next(done) if ok else too_long(d.path, len(d.text), cfg.ingest_max_chars)
                       for (d, _), ok in zip(docs, fits, strict=True)]  # fmt: skip
            out = [
                {
                    "seq": int(r["_seq"]),
                    "path": d.path,
                    "article_id": x.id if isinstance(x, Article) else None,
                    "article": _dumps(x.to_json()) if isinstance(x, Article) else None,
                    "error": _dumps(asdict(x)) if isinstance(x, FileError) else None,
                }
                for r, (d, _), x in zip(part, docs, results, strict=True)
            ]
            yield pd.DataFrame(out, columns=["seq", "path", "article_id", "article", "error"])


def analysed_rows(df: Any, config: Config | None = None, **overrides: Any) -> Any:
    """The per-article stages over ``df`` (see the module's docstring), distributed: a DataFrame of
    :data:`ROWS_SCHEMA`. ``overrides`` are an ingest's: ``source``, ``published``, ``keep_all``."""
    fn = _pyspark()
    if "text" not in df.columns:
        raise StorylineError("E402", f"the DataFrame has no 'text' column (its columns: {', '.join(df.columns)})")
    cfg = config or load_config()
    keep = [c for c in df.columns if c in DOC_COLUMNS]
    docs = df.select(*keep).withColumn("_seq", fn.monotonically_increasing_id())
    run = partial(analyse_partition, cfg=cfg, overrides={"keep_all": cfg.ingest_keep_all, **overrides})
    return docs.mapInPandas(run, schema=ROWS_SCHEMA)


def analyse_articles(
    df: Any, config: Config | None = None, errors: list[FileError] | None = None, **overrides: Any
) -> dict[str, Any]:
    """The articles of ``df`` analysed (:func:`analysed_rows`, with ``mapInPandas``), then grouped into stories and
    compared on the driver: the columnar export's tables as Spark DataFrames, by name (``articles``, ``stories``,
    ``entities``, ``quotes``, ``dates``, ``numbers``, ``claims``, ``events``, ``cites``).

    A document that fails is added to ``errors`` with the error an ingest reports for it (naming its path), and the
    others go on; without a list, the first failure raises its :class:`~storyline.errors.StorylineError`. A text
    seen twice is one article (the first).
    """
    from .api import Corpus

    cfg = config or load_config()
    spark = df.sparkSession
    failed: list[tuple[int, FileError]] = []
    first: dict[str, int] = {}  # article id -> the first document (seq) with its text
    rows = analysed_rows(df, cfg, **overrides).persist()
    rows.count()  # every partition analysed at once; then streamed to the driver one partition at a time
    with Corpus(":memory:", cfg) as corpus:
        for row in rows.toLocalIterator():
            if row["error"] is not None:
                failed.append((row["seq"], FileError(**json.loads(row["error"]))))
            elif first.setdefault(row["article_id"], row["seq"]) >= row["seq"]:
                first[row["article_id"]] = row["seq"]
                corpus.store.put_article(Article.from_json(json.loads(row["article"])))
        rows.unpersist()
        _report([e for _, e in sorted(failed, key=lambda x: x[0])], errors)
        corpus.rebuild()
        data = corpus.export()
    out = {}
    for name, (_, cells) in tables(data).items():
        schema = ", ".join(f"`{col}` {_SPARK_TYPES[kind]}" for col, kind in COLUMNS[name])
        out[name] = spark.createDataFrame(cells, schema)
    return out


def _report(found: list[FileError], errors: list[FileError] | None) -> None:
    if errors is not None:
        errors += found
    elif found:
        raise StorylineError(found[0].code, f"{found[0].path}: {found[0].reason}")


__all__ = ["DOC_COLUMNS", "ROWS_SCHEMA", "analyse_articles", "analyse_partition", "analysed_rows", "documents"]
