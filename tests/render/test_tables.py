"""Columnar exports: one CSV or Parquet file per table, equal to the JSON export row for row."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline.api import Corpus
from storyline.cli import main
from storyline.errors import StorylineError
from storyline.render.tables import CITE_LISTS, COLUMNS, tables, write_tables

ITEM_TABLES = [t for t in COLUMNS if t != "cites"]


def _cli(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _n_cites(data: dict[str, Any]) -> int:
    return sum(len(it.get(k) or []) for t, keys in CITE_LISTS.items() for it in data[t] for k in keys)


@pytest.fixture(scope="module")
def seed_json(seed_corpus: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(seed_corpus.export()))
    return data


def test_columns_are_the_json_keys(seed_json: dict[str, Any]) -> None:
    """Every key of the export's items is a column of its table (the stories' claims and events are tables)."""
    for table in ITEM_TABLES:
        assert seed_json[table], table
        keys = {k for it in seed_json[table] for k in it}
        if table == "stories":
            keys -= {"claims", "events"}
        assert {n for n, _ in COLUMNS[table]} == keys, table


def test_csv_round_trip(seed_corpus: Any, seed_json: dict[str, Any], tmp_path: Path) -> None:
    dest = tmp_path / "tables"
    assert _cli("--db", str(seed_corpus.store.path), "-q", "export", "--format", "csv", "--out", str(dest)) == 0
    assert sorted(p.name for p in dest.iterdir()) == sorted(f"{t}.csv" for t in COLUMNS)  # no temporary file left
    for table in ITEM_TABLES:
        header, rows = _read_csv(dest / f"{table}.csv")
        assert header == [n for n, _ in COLUMNS[table]]
        assert len(rows) == len(seed_json[table]), table
    _, articles = _read_csv(dest / "articles.csv")
    assert [r["id"] for r in articles] == [a["id"] for a in seed_json["articles"]]
    assert articles[0]["text"] == seed_json["articles"][0]["text"]  # newlines and quotes survive
    assert json.loads(articles[0]["sentences"]) == seed_json["articles"][0]["sentences"]
    _, quotes = _read_csv(dest / "quotes.csv")
    q, jq = quotes[0], seed_json["quotes"][0]
    assert (q["article_id"], int(q["start"]), int(q["end"]), q["text"]) == (jq["article_id"], jq["start"],
                                                                             jq["end"], jq["text"])
    assert all(r["speaker"] == (j["speaker"] or "") for r, j in zip(quotes, seed_json["quotes"], strict=True))
    _, entities = _read_csv(dest / "entities.csv")
    assert [json.loads(r["mentions"]) for r in entities] == [e["mentions"] for e in seed_json["entities"]]
    _, numbers = _read_csv(dest / "numbers.csv")
    assert [float(r["value"]) for r in numbers] == [n["value"] for n in seed_json["numbers"]]
    _, cites = _read_csv(dest / "cites.csv")
    assert len(cites) == _n_cites(seed_json) > 0
    e = seed_json["entities"][0]
    mine = [r for r in cites if r["table_name"] == "entities" and r["item_id"] == e["id"]]
    assert [(r["article_id"], int(r["start"]), int(r["end"])) for r in mine] == [
        (m["article_id"], m["start"], m["end"]) for m in e["mentions"]
    ]


def test_parquet_round_trip(seed_corpus: Any, seed_json: dict[str, Any], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = seed_corpus.export_tables(tmp_path / "pq", "parquet")
    assert [p.name for p in written] == [f"{t}.parquet" for t in COLUMNS]
    for table in ITEM_TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert t.column_names == [n for n, _ in COLUMNS[table]]
        assert t.num_rows == len(seed_json[table]), table
    quotes = pq.read_table(tmp_path / "pq" / "quotes.parquet")
    assert quotes.schema.field("start").type == pa.int64()
    assert quotes.to_pylist()[0] == seed_json["quotes"][0]  # scalar tables: the JSON items exactly, nulls included
    numbers = pq.read_table(tmp_path / "pq" / "numbers.parquet")
    assert numbers.schema.field("value").type == pa.float64()
    assert numbers.to_pylist() == seed_json["numbers"]
    stories = pq.read_table(tmp_path / "pq" / "stories.parquet").to_pylist()
    assert [json.loads(s["article_ids"]) for s in stories] == [s["article_ids"] for s in seed_json["stories"]]
    assert [s["independent_sources"] for s in stories] == [s["independent_sources"] for s in seed_json["stories"]]
    claims = pq.read_table(tmp_path / "pq" / "claims.parquet").to_pylist()
    assert [json.loads(c["support"]) for c in claims] == [c["support"] for c in seed_json["claims"]]
    assert pq.read_table(tmp_path / "pq" / "cites.parquet").num_rows == _n_cites(seed_json)
    meta = pq.read_schema(tmp_path / "pq" / "events.parquet").metadata
    assert meta[b"storyline.schema_version"] == seed_json["schema_version"].encode()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_empty_store_gives_empty_tables_with_headers(fmt: str, tmp_path: Path) -> None:
    with Corpus(tmp_path / "empty.db") as corpus:
        written = corpus.export_tables(tmp_path / "out", fmt)
    assert len(written) == len(COLUMNS)
    for path in written:
        table = path.stem
        if fmt == "csv":
            assert path.read_text(encoding="utf-8") == ",".join(n for n, _ in COLUMNS[table]) + "\n"
        else:
            import pyarrow.parquet as pq

            t = pq.read_table(path)
            assert (t.num_rows, t.column_names) == (0, [n for n, _ in COLUMNS[table]])


def test_a_folder_that_is_not_empty_is_refused_unless_force(tmp_path: Path) -> None:
    data = {"schema_version": "1", "quotes": [{"article_id": "a", "start": 0, "end": 3, "text": "Hi."}]}
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StorylineError) as exc:
        write_tables(data, tmp_path, "csv")
    assert exc.value.code == "E409" and "--force" in exc.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    write_tables(data, tmp_path, "csv", force=True)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"  # other files are left alone
    assert (tmp_path / "quotes.csv").read_text(encoding="utf-8").splitlines()[1] == "a,0,3,Hi.,,,,,,"
    with pytest.raises(StorylineError) as exc:
        write_tables(data, tmp_path / "notes.txt", "csv", force=True)
    assert exc.value.code == "E409"


def test_cli_needs_a_folder_for_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Corpus(tmp_path / "s.db").close()
    assert _cli("--db", str(tmp_path / "s.db"), "export", "--format", "csv") == 2
    assert "--out DIR" in capsys.readouterr().err


def test_parquet_without_pyarrow_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(StorylineError) as exc:
        write_tables({}, tmp_path / "out", "parquet")
    assert exc.value.code == "E202" and "pip install" in exc.value.message and "csv" in exc.value.message
    assert not (tmp_path / "out").exists()


def test_tables_type_cells_and_keep_nulls() -> None:
    data = {"numbers": [{"article_id": "a", "start": 1, "end": 4, "text": "12", "value": 12, "unit": None}],
            "entities": [{"id": "e1", "name": "Xi", "type": "PERSON", "aliases": ["Xi Jinping"], "mentions": []}]}
    t = tables(data)
    assert t["numbers"][1] == [["a", 1, 4, "12", 12.0, None, None, None, None, None, None, None]]
    assert t["entities"][1] == [["e1", "Xi", "PERSON", '["Xi Jinping"]', None, None, "[]"]]
    assert t["cites"][1] == [] and t["articles"] == ([n for n, _ in COLUMNS["articles"]], [])
