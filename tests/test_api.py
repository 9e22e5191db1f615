"""The Python API: analyze(), Corpus, incremental story updates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import storyline
from storyline.api import Corpus
from storyline.errors import StorylineError


def test_analyze_and_dossier(seeds_dir: Path) -> None:
    corpus = storyline.analyze([seeds_dir])
    assert len(corpus.stories) == 2
    md = corpus.stories[0].dossier("md")
    assert md.startswith("# ")
    assert corpus.stories[0].dossier("dict")["story"]["article_count"] >= 1
    with pytest.raises(StorylineError, match="E402"):
        corpus.stories[0].dossier("pdf")
    with pytest.raises(StorylineError, match="no story 's42'"):
        corpus.story("s42")


def test_progress_names_are_pipeline_stages(seeds_dir: Path, tmp_path: Path) -> None:
    """What an ingest reports progress under is a stage the pipeline lists (the CLI and the web app word
    each stage from ``pipeline.STAGES``); every report counts up to its total."""
    from storyline.pipeline import STAGE

    seen: list[tuple[str, int, int]] = []
    with Corpus(tmp_path / "s.db") as c:
        c.ingest([seeds_dir], progress=lambda name, done, total: seen.append((name, done, total)))
    assert {name for name, _, _ in seen} == {"read", "analyse", "stories"}
    assert {name for name, _, _ in seen} <= set(STAGE)
    assert all(0 < done <= total for _, done, total in seen)


def test_incremental_ingest_updates_stories(seeds_dir: Path, tmp_path: Path) -> None:
    """Adding articles later joins them to existing stories (ids kept) or opens new ones."""
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for f in sorted(seeds_dir.iterdir()):
        shutil.copy(f, (first if f.name[:3] in ("000", "002") else later) / f.name)
    db = tmp_path / "s.db"
    with Corpus(db) as c:
        c.ingest([first])
        assert [len(s.article_ids) for s in c.stories] == [2]
        sid = c.stories[0].id
    with Corpus(db) as c:  # a later session on the same store
        rep = c.ingest([later])
        assert len(rep.added) == 3
        stories = {s.id: s for s in c.stories}
        assert len(stories) == 2
        assert len(stories[sid].article_ids) == 4  # 001 and 004 joined the November story
        jan = next(s for s in stories.values() if s.id != sid)
        assert [Path(a.path).name[:3] for a in jan.articles()] == ["003"]
        assert c.ingest([later]).added == []  # re-ingesting is a no-op


def test_summary_only_feed_entry_is_a_notice_not_a_failure(tmp_path: Path) -> None:
    body = " ".join(["The river rose overnight and crews worked to reinforce the levee near the old mill."] * 12)
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Valley News</title>"
        f"<item><title>Levee holds as river crests</title><content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>"
        "<pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate></item>"
        "<item><title>Teaser</title><description>Read more tomorrow.</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    with Corpus() as c:
        rep = c.ingest([path])
    assert len(rep.added) == 1
    assert [e.code for e in rep.errors] == ["E131"] and rep.failures == []
    assert rep.exit_code == 0


WIRE = """BRUSSELS, March 3 (Wire) - European Union finance ministers
agreed on Tuesday to lend Ukraine 50 billion euros over four
years, a move the bloc's economy chief said would "anchor the
country's recovery for a generation".

   "This is a historic day for Europe and for Ukraine," Valdis
Dombrovskis told reporters after the meeting. "We have shown
that we keep our promises."

   Hungary's finance minister Mihaly Varga said his government
had dropped its objections after receiving guarantees. "We got
what we asked for," he said.
"""


def test_ingest_takes_one_folder_and_reads_hard_wrapped_wire_quotes(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(WIRE, encoding="utf-8")
    with Corpus() as c:
        rep = c.ingest(folder)  # one folder, not a list: never read as the characters of its name
        assert rep.files == 1 and len(rep.added) == 1
        (art,) = c.articles()
    said = {q.text: q.speaker for q in art.quotes}
    assert said["This is a historic day for Europe and for Ukraine"] == "Valdis Dombrovskis"
    assert said["We have shown that we keep our promises."] == "Valdis Dombrovskis"
    assert said["We got what we asked for"] == "Mihaly Varga"
    assert said["anchor the country's recovery for a generation"] == "the bloc's economy chief"


def test_an_ingest_rebuilds_only_the_stories_it_touches(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story whose articles, entities, dates and speakers did not change keeps its stored build."""
    import storyline.pipeline as pipeline

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for f in sorted(seeds_dir.iterdir()):
        if f.name[:3] in ("000", "002"):
            shutil.copy(f, first / f.name)
    (later / "storm.txt").write_text(
        "Storm closes port of Valmera\n\nThe port of Valmera was closed on Tuesday after a storm with winds of "
        "140 km/h hit the coast, the harbour authority said. Ferries to the islands were cancelled until "
        "Thursday, and fishermen kept their boats in the inner harbour.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    with Corpus(db) as c:
        c.ingest([first])
        (nov,) = c.stories
    built: list[str] = []
    real = pipeline.build_story
    monkeypatch.setattr(pipeline, "build_story", lambda sid, *a, **k: built.append(sid) or real(sid, *a, **k))
    with Corpus(db) as c:
        c.rebuild()  # nothing changed: nothing rebuilt
        assert built == []
        c.ingest([later])  # a story of its own, sharing no one with the first
        stories = {s.id: s for s in c.stories}
    assert set(stories) == {nov.id, *built} and built and nov.id not in built
    assert stories[nov.id].claims == nov.claims and stories[nov.id].summary == nov.summary


def test_a_publication_date_is_read_as_the_command_line_reads_it_and_a_bad_one_refused(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(WIRE, encoding="utf-8")
    with Corpus() as c:
        with pytest.raises(StorylineError, match=r"'next week'.*YYYY-MM-DD.*E502"):
            c.ingest(folder, published="next week")
        assert not c.articles()  # refused before anything was read
        assert len(c.ingest(folder, published="2025/11/24").added) == 1
        assert [a.published for a in c.articles()] == ["2025-11-24"]


def test_stories_built_with_other_settings_are_built_again_by_the_next_ingest_or_a_repair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed cluster.*, compare.* or summary.* setting reaches every stored story, not only those an
    ingest touches: ``storyline check`` names it, and a repair or the next ingest builds every story again."""
    import storyline.pipeline as pipeline
    from storyline.api import check
    from storyline.config import load_config

    first, later = tmp_path / "first", tmp_path / "later"
    for folder, name, text in (
        (first, "storm", "The port of Valmera was closed on Tuesday after a storm hit the coast."),
        (later, "vote", "Lawmakers in Brenland approved the 2024 budget on Tuesday after a twelve-hour debate."),
    ):
        folder.mkdir()
        (folder / f"{name}.txt").write_text(f"{text} Officials said more would follow on Wednesday.\n", "utf-8")
    db = tmp_path / "s.db"
    with Corpus(db) as c:
        c.ingest([first])
        assert c.stale_settings() == [] and check(c) == ([], [])
    built: list[str] = []
    real = pipeline.build_story
    monkeypatch.setattr(pipeline, "build_story", lambda sid, *a, **k: built.append(sid) or real(sid, *a, **k))
    shorter = load_config(env={}, overrides={"summary.words": 40})
    with Corpus(db, config=shorter) as c:
        assert c.stale_settings() == ["summary.words"]
        problems, left = check(c)
        assert len(problems) == 1 and "summary.words" in problems[0] and "--repair" in problems[0]
        assert check(c, repair=True)[1] == []
        assert c.stale_settings() == [] and len(built) == 1
    with Corpus(db) as c:  # back to the defaults: the next ingest builds the storm's story too
        built.clear()
        c.ingest([later])
        assert len(built) == 2 and c.stale_settings() == []
