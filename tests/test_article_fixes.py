"""Who published it: manifests, `storyline articles set`, re-ingesting with --source/--published, source_why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.api import Corpus
from storyline.cli import main
from storyline.errors import StorylineError
from storyline.ingest.manifest import read_manifest

TEXT = (
    "Floods force thousands from homes in Aldmoor valley\n\nFloods swept the Aldmoor river valley on Monday, "
    "forcing thousands of residents from their homes as rescue boats searched flooded streets, officials said. "
    "The river will peak next Friday, forecasters said.\n"
)
OTHER = (
    "Brenland parliament passes budget\n\nThe Brenland parliament passed the 2024 budget on Tuesday after a "
    "twelve-hour debate, Finance Minister Oskar Lind said.\n"
)


def _files(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "flood.txt").write_text(TEXT, encoding="utf-8")
    (d / "budget.txt").write_text(OTHER, encoding="utf-8")
    return d


def test_manifest_sets_outlet_date_url_and_names_bad_rows(tmp_path: Path) -> None:
    d = _files(tmp_path)
    m = tmp_path / "files.csv"
    m.write_text(
        "path,source,published,url\n"
        "in/flood.txt,Valley News,2025-11-24,https://valley.example/floods\n"
        ",Nobody,2025-01-01,\n"
        "in/missing.txt,Ghost Post,2025-01-01,\n"
        f"{d / 'budget.txt'},Capital Times,not a date,\n",
        encoding="utf-8",
    )
    with Corpus(tmp_path / "s.db") as corpus:
        rep = corpus.ingest([], manifest=m)
        assert len(rep.added) == 1
        assert sorted(e.path for e in rep.errors) == [f"{m}, row {n}" for n in (3, 4, 5)]
        assert {e.code for e in rep.errors} == {"E161"}
        (a,) = corpus.articles()
        assert (a.source, a.source_how, a.published, a.published_how) == ("Valley News", "user", "2025-11-24", "user")
        assert a.url == "https://valley.example/floods"
        assert a.source_why == f"from the manifest {m}, row 2"
        assert "2025-11-24" in [x.value for x in a.dates]  # "on Monday" read against the manifest's date


def test_manifest_url_names_the_outlet_when_its_source_is_blank(tmp_path: Path) -> None:
    # a plain file whose manifest row gives only a web address: a well-known host's outlet, else the site's domain
    _files(tmp_path)
    m = tmp_path / "files.csv"
    m.write_text(
        "path,source,published,url\n"
        "in/flood.txt,,,https://edition.cnn.com/2025/11/24/floods/\n"
        "in/budget.txt,,,http://blog.valleyherald.com/2025/budget.html\n",
        encoding="utf-8",
    )
    with Corpus(tmp_path / "s.db") as corpus:
        corpus.ingest([], manifest=m)
        got = {a.path.rsplit("/", 1)[-1]: (a.source, a.source_how) for a in corpus.articles()}
    assert got == {"flood.txt": ("CNN", "url"), "budget.txt": ("valleyherald.com", "url")}


def test_manifest_without_path_column_is_refused(tmp_path: Path) -> None:
    m = tmp_path / "bad.csv"
    m.write_text("file,source\na.txt,X\n", encoding="utf-8")
    with pytest.raises(StorylineError, match="no 'path' column") as e:
        read_manifest(m)
    assert e.value.code == "E160"


def test_articles_set_redates_and_rebuilds_and_undoes(tmp_path: Path) -> None:
    d = _files(tmp_path)
    with Corpus(tmp_path / "s.db") as corpus:
        corpus.ingest([d / "flood.txt"])
        (a,) = corpus.articles()
        before = (a.source, a.published)
        c = corpus.set_article(a.id[:8], source="River Post", published="2025-03-03")
        (b,) = corpus.articles()
        assert (b.source, b.source_how, b.published, b.published_how) == ("River Post", "user", "2025-03-03", "user")
        assert "2025-03-03" in [x.value for x in b.dates]  # "on Monday" is now 3 March 2025
        story = corpus.stories[0]
        assert story.event_date == "2025-03-03"
        with pytest.raises(StorylineError, match="already has"):
            corpus.set_article(a.id, source="River Post")
        with pytest.raises(StorylineError, match="as a date"):
            corpus.set_article(a.id, published="someday")
        corpus.undo_correction(c.id)
        (u,) = corpus.articles()
        assert (u.source, u.published) == before
        assert "2025-03-03" not in [x.value for x in u.dates]


def test_reingest_with_source_updates_the_stored_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _files(tmp_path)
    db = str(tmp_path / "s.db")
    with pytest.raises(SystemExit) as e:
        main(["--db", db, "ingest", str(d / "flood.txt")])
    assert e.value.code == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--db", db, "ingest", str(d / "flood.txt"), "--source", "Valley News", "--published", "2025-11-24"])
    said = capsys.readouterr().err
    assert "1 file: 0 articles added, 1 updated, 0 already in the store, 0 errors" in said
    with Corpus(db) as corpus:
        (a,) = corpus.articles()
        assert (a.source, a.source_how, a.published) == ("Valley News", "user", "2025-11-24")
    with pytest.raises(SystemExit):
        main(["--db", db, "ingest", str(d / "flood.txt"), "--source", "Valley News"])
    assert "0 articles added, 1 already in the store" in capsys.readouterr().err


def test_cli_articles_set_and_export_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _files(tmp_path)
    db = str(tmp_path / "s.db")
    with pytest.raises(SystemExit):
        main(["--db", db, "-q", "ingest", str(d / "flood.txt")])
    with Corpus(db) as corpus:
        aid = corpus.articles()[0].id
    main(["--db", db, "articles", "set", aid, "--source", "River Post"])
    assert "undo with: storyline corrections undo" in capsys.readouterr().out
    main(["--db", db, "export", "--out", str(tmp_path / "x.json")])
    art = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["articles"][0]
    assert (art["source"], art["source_how"], art["source_why"]) == (
        "River Post",
        "user",
        "set with storyline articles set",
    )


def test_source_why_names_the_line() -> None:
    from storyline.ingest.readers import RawDoc
    from storyline.pipeline import build_article

    text = "Storm hits coast\nBy Jane Doe | The Daily Planet\nThe storm hit the coast on Monday and left many.\n"
    a = build_article(RawDoc(path="x.txt", text=text, fmt="txt"))
    assert (a.source, a.source_how) == ("The Daily Planet", "text")
    assert a.source_why == "from the line 'By Jane Doe | The Daily Planet'"


def test_cli_manifest_names_the_bad_row_and_reads_the_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _files(tmp_path)
    m = d / "files.csv"
    m.write_text("path,source\nflood.txt,Valley News\nnone.txt,Ghost Post\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    with pytest.raises(SystemExit) as e:
        main(["--db", db, "ingest", "--manifest", str(m)])
    assert e.value.code == 1
    said = capsys.readouterr().err
    assert f"{m}, row 3" in said and "no file 'none.txt'" in said and "[E161]" in said
    assert "1 article added" in said
    with pytest.raises(SystemExit) as e:
        main(["--db", db, "ingest"])
    assert e.value.code == 2 and "--manifest" in capsys.readouterr().err


def test_a_stand_in_title_is_not_cut_at_a_title_or_an_acronym() -> None:
    from storyline.pipeline import lead_title

    assert lead_title("Dr. Sanjay Gupta has been offered the post. Gupta, 39, accepted.") == (
        "Dr. Sanjay Gupta has been offered the post."
    )
    assert lead_title("U.S. president-elect Barack Obama asked him. He agreed.") == (
        "U.S. president-elect Barack Obama asked him."
    )
    assert lead_title("The navy captured 23 pirates. The pirates were armed.") == "The navy captured 23 pirates."
