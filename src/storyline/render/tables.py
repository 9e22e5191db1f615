"""Columnar exports (docs/export.md, "Tables"): the corpus export as one CSV or Parquet file per table.

Each top-level list of the JSON export is a table — ``articles``, ``stories``, ``entities``, ``quotes``, ``dates``,
``numbers``, ``commitments``, ``claims``, ``events`` — one row per item, its columns named as the item's JSON keys.
A nested value (a list or an object: an entity's ``aliases``, a claim's ``support``) is one column holding its JSON
text; the stories' ``claims`` and ``events`` are left out (they are the ``claims`` and ``events`` tables, by
``story_id``).
A tenth table, ``cites``, has one row per cite of the lists of cites (entity mentions, a claim's support, counter
and conflicts, an event's cites), for joins without JSON. The columns are declared below, so an empty store still
gives every table with its header (and, in Parquet, its column types).

Example:
    >>> from storyline.render.export import export_corpus
    >>> cols, rows = tables(export_corpus([], [], []))["quotes"]
    >>> cols[:3], rows
    (['article_id', 'start', 'end'], [])
"""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import StorylineError

#: Column types: ``str`` (the default), ``int``, ``float``, and ``json`` (a list or object as its JSON text).
_SPEC = {
    "articles": "id path title title_how source source_how source_why author url published published_how "
    "published_why place place_how language format text paragraphs:json sentences:json removed:json story_id "
    "duplicate_of",
    "stories": "id title event_date event_date_why article_ids:json independent_sources:int summary:json "
    "timeline:json key_sentences:json figures:json basis",
    "entities": "id name type aliases:json roles:json descriptions:json mentions:json",
    "quotes": "article_id start:int end:int text kind speaker speaker_entity_id speaker_role cue according_to",
    "dates": "article_id start:int end:int text value how type",
    "numbers": "article_id start:int end:int text value:float unit about approx time kind period deadline",
    "commitments": "article_id start:int end:int text kind time time_start:int time_end:int role period deadline until "
    "duration begins begins_how who figure figure_start:int",
    "claims": "id story_id text support:json conflicts:json kind sources:int entities:json numbers:json dates:json "
    "versions:json speaker speaker_entity_id party topic counter:json absent:json near:json",
    "events": "id story_id date date_how action mode context:json status actor actor_text actor_country "
    "actor_sector target target_text target_country target_sector trigger independent_sources:int cites:json "
    "spans:json",
    "cites": "table_name item_id field position:int article_id start:int end:int",
}
#: Every table's columns and their types, in JSON key order.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    table: [(c.partition(":")[0], c.partition(":")[2] or "str") for c in spec.split()] for table, spec in _SPEC.items()
}
#: The lists of cites that the ``cites`` table unrolls, per table.
CITE_LISTS = {"entities": ("mentions",), "claims": ("support", "counter", "conflicts", "near"), "events": ("cites",)}
FORMATS = ("csv", "parquet")


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def _cite_rows(data: dict[str, Any]) -> Iterator[list[Any]]:
    for table, fields in CITE_LISTS.items():
        for item in data.get(table, []):
            for field in fields:
                for n, c in enumerate(item.get(field) or []):
                    yield [table, item.get("id"), field, n, c.get("article_id"), c.get("start"), c.get("end")]


def tables(data: dict[str, Any]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The export ``data`` (as :func:`storyline.render.export.export_corpus` makes it) as tables: for each, its
    column names and its rows, each cell typed per :data:`COLUMNS` (``None`` for a null or missing key)."""
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for table, cols in COLUMNS.items():
        items = _cite_rows(data) if table == "cites" else ([it.get(n) for n, _ in cols] for it in data.get(table, []))
        rows = [[_cell(v, kind) for v, (_, kind) in zip(row, cols, strict=True)] for row in items]
        out[table] = ([n for n, _ in cols], rows)
    return out


def _write_csv(path: Path, table: str, rows: list[list[Any]], _meta: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([n for n, _ in COLUMNS[table]])
        w.writerows(["" if v is None else v for v in row] for row in rows)


def _write_parquet(path: Path, table: str, rows: list[list[Any]], meta: dict[str, str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64()}
    cols = COLUMNS[table]
    schema = pa.schema([pa.field(n, types[k]) for n, k in cols], metadata=meta)
    arrays = [pa.array([row[i] for row in rows], type=types[k]) for i, (_, k) in enumerate(cols)]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), str(path))


def _need_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise StorylineError(
            "E202",
            "--format parquet needs the pyarrow package, which is not installed: "
            "pip install 'storyline[parquet]' (or pip install pyarrow), or use --format csv",
        ) from None


def write_tables(data: dict[str, Any], out_dir: str | Path, fmt: str, *, force: bool = False) -> list[Path]:
    """Write each table of ``data`` to ``out_dir/TABLE.csv`` or ``TABLE.parquet``; returns the files written.

    The folder is created when missing; a folder that holds anything is refused (E409) unless ``force``, which
    replaces the tables' files and leaves other files alone. Each file is written to a temporary name beside it
    and renamed into place, so a reader never sees half a table.
    """
    if fmt not in FORMATS:
        raise StorylineError("E402", f"unknown table format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        _need_pyarrow()
    d = Path(out_dir)
    if d.exists() and not d.is_dir():
        raise StorylineError("E409", f"{d} is a file, not a folder: name a folder for the tables (--out DIR)")
    if d.is_dir() and any(d.iterdir()) and not force:
        raise StorylineError(
            "E409", f"{d} is not empty: name a new or empty folder, or add --force to replace the tables in it"
        )
    d.mkdir(parents=True, exist_ok=True)
    write: Callable[[Path, str, list[list[Any]], dict[str, str]], None] = (
        _write_csv if fmt == "csv" else _write_parquet
    )
    meta = {"storyline.schema_version": str(data.get("schema_version", "")), "generator": str(data.get("generator"))}
    written = []
    for table, (_, rows) in tables(data).items():
        final = d / f"{table}.{fmt}"
        tmp = d / f".{table}.{fmt}.{secrets.token_hex(4)}.tmp"  # opened as usual: the folder's umask applies
        try:
            write(tmp, table, rows, meta)
            os.replace(tmp, final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        written.append(final)
    return written


__all__ = ["CITE_LISTS", "COLUMNS", "FORMATS", "tables", "write_tables"]
