"""The storyline command: every subcommand, exit statuses, bad input beside good input."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
from clirun import run

from storyline.render.export import schema

ARTICLE = """Floods force thousands from homes in river valley

Floods swept the Aldmoor river valley on Tuesday, forcing thousands of residents from their homes as rescue
boats searched flooded streets, officials said.

"We have never seen water this high," said Mayor Jana Novak, who ordered the evacuation of three districts.

Leave a Comment
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def test_ingest_stories_dossier_export_search(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = run(
        ["--db", db, "ingest", str(folder), "--source", "Valley News", "--published", "2024-05-07"], capsys
    )
    assert code == 0, err
    assert "1 article added" in err
    code, out, _ = run(["--db", db, "stories", "--json"], capsys)
    stories = json.loads(out)
    assert len(stories) == 1 and stories[0]["title"] == "Floods force thousands from homes in river valley"
    sid = stories[0]["id"]
    for fmt in ("md", "html", "json"):
        dest = tmp_path / f"d.{fmt}"
        code, _, err = run(["--db", db, "dossier", sid, "--format", fmt, "--out", str(dest)], capsys)
        assert code == 0, err
        assert "Floods force thousands" in dest.read_text(encoding="utf-8")
    code, out, _ = run(["--db", db, "export", "--format", "json"], capsys)
    data = json.loads(out)
    jsonschema.validate(data, schema())
    art = data["articles"][0]
    assert art["source"] == "Valley News" and art["published"] == "2024-05-07" and art["published_how"] == "user"
    assert {"text": "Leave a Comment", "reason": "comment-prompt"}.items() <= art["removed"][0].items()
    code, out, _ = run(["--db", db, "search", "rescue boats"], capsys)
    assert code == 0 and "Valley News" in out
    code, out, _ = run(["--db", db, "search", "rescue boats", "--json"], capsys)
    hit = json.loads(out)[0]
    assert art["text"][hit["start"] : hit["end"]] == hit["text"]


def test_reingest_is_a_no_op(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert run(["--db", db, "ingest", str(folder)], capsys)[0] == 0
    code, _, err = run(["--db", db, "ingest", str(folder)], capsys)
    assert code == 0 and "0 articles added, 1 already in the store" in err


def test_the_database_and_dossiers_inside_the_input_folder_are_not_read(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = str(folder / "s.db"), str(folder / "out")
    for _ in range(2):  # the second run finds s.db, s.db-wal and out/*.html beside the article
        code, _, err = run(["--db", db, "analyze", str(folder), "--out", out], capsys)
        assert code == 0, err
        assert "E105" not in err and "s.db" not in err.replace(db, "")
    export = json.loads((folder / "out" / "corpus.json").read_text(encoding="utf-8"))
    assert len(export["articles"]) == 1


def test_quiet_after_the_subcommand(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = run(["ingest", str(folder), "--db", db, "-q"], capsys)
    assert code == 0 and "added" not in err
    code, _, err = run(["--db", db, "ingest", str(folder)], capsys)
    assert code == 0 and "already in the store" in err


def test_bad_files_are_reported_and_good_ones_kept(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    (folder / "dump.jsonl").write_text(
        '{"title": "A", "text": "Some text here about things."}\n{broken\n', encoding="utf-8"
    )
    db = str(tmp_path / "s.db")
    code, _, err = run(["--db", db, "ingest", str(folder)], capsys)
    assert code == 1  # some files failed, the rest were ingested
    assert "empty.txt" in err and "scan.pdf" in err and "dump.jsonl" in err and "line 2" in err
    assert "2 articles added" in err


def test_nothing_ingestible_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(
        ["--db", str(tmp_path / "s.db"), "ingest", str(tmp_path / "empty.txt"), str(tmp_path / "missing")], capsys
    )
    assert code == 2
    assert "missing" in err


def test_unknown_story_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.api import Corpus

    Corpus(tmp_path / "s.db").close()
    code, _, err = run(["--db", str(tmp_path / "s.db"), "dossier", "s99"], capsys)
    assert code == 2 and "no story 's99'" in err


@pytest.mark.parametrize(
    "command", [["stories"], ["search", "flood"], ["dossier", "s1"], ["export"], ["outlets", "list"], ["check"]]
)
def test_read_commands_never_make_an_empty_store(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "none.db"
    code, out, err = run(["--db", str(db), *command], capsys)
    assert code == 2 and not out and not db.exists()
    assert "does not exist" in err and "E303" in err and "make demo" in err and "out/storyline.db" in err


def test_tables_piped_are_plain_columns(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    run(["--db", db, "-q", "ingest", str(folder)], capsys)
    code, out, err = run(["--db", db, "stories"], capsys)
    lines = out.splitlines()
    assert code == 0 and "1 story in" in err
    assert lines[0] == "id\ttitle\tevent date\t#articles\t#independent sources"
    assert lines[1].startswith("s1\tFloods force thousands") and lines[1].endswith("\t1\t1") and len(lines) == 2


def test_db_from_environment(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    assert run(["ingest", str(folder)], capsys)[0] == 0
    assert (tmp_path / "env.db").exists()


def test_keep_all_turns_cleaning_off(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert run(["--db", db, "ingest", str(folder), "--keep-all"], capsys)[0] == 0
    _, out, _ = run(["--db", db, "export"], capsys)
    art = json.loads(out)["articles"][0]
    assert "Leave a Comment" in art["text"] and art["removed"] == []


def test_analyze_writes_every_dossier(seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "seeds"
    shutil.copytree(seeds_dir, src)
    out_dir = tmp_path / "out"
    code, out, err = run(["--db", str(tmp_path / "s.db"), "analyze", str(src), "--out", str(out_dir)], capsys)
    assert code == 0, err
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["corpus.json", "s1.html", "s1.json", "s1.md", "s2.html", "s2.json", "s2.md"]
    html = (out_dir / "s1.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "https://cdn" not in html


def test_bad_published_date_is_a_usage_error(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--db", str(tmp_path / "s.db"), "ingest", str(folder), "--published", "soonish"], capsys)
    assert code == 2 and "--published" in err


def test_stories_why_says_what_joined_each_article(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = ARTICLE.replace("Floods force thousands", "Thousands forced out by floods").replace(
        "on Tuesday", "on Wednesday"
    )
    (folder / "flood2.txt").write_text(second, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run(["--db", db, "ingest", str(folder), "--published", "2024-05-07"], capsys)[0] == 0
    stories = json.loads(run(["--db", db, "stories", "--json"], capsys)[1])
    assert len(stories) == 1
    code, out, _ = run(["--db", db, "stories", "--why", stories[0]["id"]], capsys)
    assert code == 0 and "strongest link" in out and "shared words" in out
    links = json.loads(run(["--db", db, "stories", "--why", stories[0]["id"], "--json"], capsys)[1])
    assert {x["linked_to"] for x in links} == set(stories[0]["article_ids"])
    assert links[0]["contributions"][0]["feature"] in ("content", "keywords")  # the shared words weigh most
    assert all(x["strong_link"] for x in links)  # dated a day apart, each other's only link is a strong one
    assert "a strong link between articles dated close together" in out
    code, _, err = run(["--db", db, "stories", "--why", "s99"], capsys)
    assert code != 0 and "s99" in err


@pytest.mark.parametrize("module", ["storyline", "storyline.cli"])
def test_python_dash_m_runs_the_command(module: str) -> None:
    import subprocess

    done = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "storyline" in done.stdout, done.stderr


def test_stories_json_piped_is_written_a_story_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.model import Story
    from storyline.store import corpus_index
    from storyline.store.sqlite import SqliteStore

    db = str(tmp_path / "s.db")
    with SqliteStore(db) as store:
        pass
    assert run(["--db", db, "stories", "--json"], capsys)[1] == "[]\n"
    stories = [
        Story(id=f"s{k}", title=f"Été {k}\nsecond line", event_date=None, article_ids=[f"a{k}"], independent_sources=1)
        for k in (1, 2, 3)
    ]
    with SqliteStore(db) as store:
        store.replace_stories(stories)
    monkeypatch.setattr(corpus_index, "STORIES_PAGE", 2)
    out = run(["--db", db, "stories", "--json"], capsys)[1]
    assert out == json.dumps([s.to_json() for s in stories], indent=2, ensure_ascii=False) + "\n"
