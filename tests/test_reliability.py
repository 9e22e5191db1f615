"""One bad article never loses the run: long texts, failing stages, and per-file errors.

Every case is generated here (nothing big is kept in git).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.analyse.nlp import load_nlp
from storyline.api import Corpus
from storyline.config import Config
from storyline.ingest.readers import RawDoc
from storyline.pipeline import analyse, build_article, text_chunks

PARAGRAPHS = [
    "Officials in Riverton said on Monday that the new bridge over the Mill River would open in June.",
    '"We are on schedule and on budget," said Mayor Dana Whitfield, who toured the site with engineers.',
    "The project cost $42 million, about 8 percent more than the city council approved in 2021.",
    "Residents of the east bank have waited nearly a decade for a second crossing, according to the council.",
    "Ferry operator Lakeside Transit said it would keep running its boats until the bridge opens.",
]


def long_text(n_chars: int) -> str:
    """Hand-written paragraphs repeated (with a number so none is an exact copy) up to ``n_chars``."""
    out: list[str] = []
    size, i = 0, 0
    while size < n_chars:
        para = PARAGRAPHS[i % len(PARAGRAPHS)].replace("Monday", f"Monday ({i})", 1)
        out.append(para)
        size += len(para) + 1
        i += 1
    return "\n".join(out)


def check_offsets(art: Any) -> None:
    """Every annotation points into the article's own text."""
    n = len(art.text)
    for m in art.mentions:
        assert art.text[m.start : m.end] == m.text
    for q in art.quotes:
        assert 0 <= q.start < q.end <= n
        if q.speaker_start is not None:
            assert q.speaker_end is not None and 0 <= q.speaker_start < q.speaker_end <= n
    for x in art.numbers:
        assert art.text[x.start : x.end] == x.text
    for s in art.statements:
        sent = art.sentences[s.sentence]
        assert sent.start <= s.start < s.end <= sent.end
    starts = [s.start for s in art.sentences]
    assert starts == sorted(starts)


def test_text_chunks_cover_the_text_and_cut_at_paragraphs() -> None:
    text = long_text(5_000)
    pieces = text_chunks(text, 1_000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    assert all(0 < e - s <= 1_000 for s, e in pieces)
    assert all(text[e - 1] == "\n" for _, e in pieces[:-1])
    one_line = "word " * 1_000  # no paragraph break at all: cut at a space
    cuts = text_chunks(one_line, 700)
    assert all(one_line[e - 1] == " " for _, e in cuts[:-1]) and cuts[-1][1] == len(one_line)


def test_long_text_over_nlp_max_length_is_parsed_in_pieces(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a text over spaCy's ``nlp.max_length`` raised E088 and the whole run was lost."""
    text = long_text(12_000)
    whole = build_article(RawDoc(path="long.txt", text=text, fmt="txt", first_line_title=False))
    monkeypatch.setattr(nlp, "max_length", 3_000)
    analyse([whole], nlp)
    check_offsets(whole)
    assert len(whole.sentences) >= len(text.split("\n"))
    assert whole.quotes and whole.quotes[-1].start > 9_000  # annotations all along the text, shifted
    assert any(m.start > 9_000 for m in whole.mentions)
    monkeypatch.undo()
    alone = build_article(RawDoc(path="long.txt", text=text, fmt="txt", first_line_title=False))
    analyse([alone], nlp)
    assert [(s.start, s.end) for s in whole.sentences] == [(s.start, s.end) for s in alone.sentences]
    assert len(whole.quotes) == len(alone.quotes)
    # dated once over the whole text, not piece by piece: the same dates, figures' times and publication date
    assert whole.dates and whole.dates == alone.dates and whole.published == alone.published
    assert [(n.period, n.deadline) for n in whole.numbers] == [(n.period, n.deadline) for n in alone.numbers]


def test_text_over_the_character_limit_is_that_files_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Bridge opens in June\n\n" + "\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (folder / "pasted.txt").write_text("Everything\n\n" + long_text(6_000), encoding="utf-8")
    with Corpus(tmp_path / "s.db", Config(ingest_max_chars=5_000)) as corpus:
        rep = corpus.ingest(folder)
        assert len(rep.added) == 1 and len(corpus.articles()) == 1
        (e,) = rep.errors
        assert e.code == "E111" and e.path.endswith("pasted.txt")
        assert "5,000-character limit (ingest.max_chars)" in e.reason
        assert rep.exit_code == 1 and rep.failed_files == {e.path}


def test_a_stage_failing_on_one_article_loses_only_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: an exception in any stage for one article lost every article of the run."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, para in enumerate(PARAGRAPHS[:4]):
        (folder / f"a{i}.txt").write_text(f"Headline {i}\n\n{para}\n", encoding="utf-8")
    nlp = load_nlp()  # the pipeline's components, as the ingest below loads them
    real_quotes, real_dates = nlp.get_pipe("storyline_quotes")._find, nlp.get_pipe("storyline_dates")._date

    def quotes(doc: Any, mentions: Any) -> Any:
        if "$42 million" in doc.text:
            raise ValueError("parser tripped")
        return real_quotes(doc, mentions)

    def dates(art: Any) -> None:
        if "Lakeside" in art.text or "decade" in art.text:
            raise IndexError("date tripped")
        real_dates(art)

    monkeypatch.setattr(nlp.get_pipe("storyline_quotes"), "_find", quotes)
    monkeypatch.setattr(nlp.get_pipe("storyline_dates"), "_date", dates)
    with Corpus(tmp_path / "s.db") as corpus:
        rep = corpus.ingest(folder)
        assert sorted(Path(a.path).name for a in corpus.articles()) == ["a0.txt", "a1.txt"]
        bad = {Path(e.path).name: e for e in rep.errors}
        assert set(bad) == {"a2.txt", "a3.txt"}
        assert all(e.code == "E150" for e in bad.values())
        assert "analyse stage failed" in bad["a2.txt"].reason and "ValueError" in bad["a2.txt"].reason
        assert "dates stage failed" in bad["a3.txt"].reason
        assert rep.exit_code == 1
        assert corpus.stories  # the corpus stages ran over what was kept


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("one-byte.txt", b"A" * 100_000),  # 100 kB of one repeated byte
        ("dots.txt", b"." * 100_000),
        ("title-only.txt", b"Headline only\n"),
        ("two-words.txt", b"Headline\n\nToo short.\n"),
    ],
)
def test_near_empty_text_is_that_files_error(tmp_path: Path, name: str, data: bytes) -> None:
    """Regression: 100 kB of one byte became an article with a 100,000-character title; near-empty texts
    became articles (and stories) of their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Bridge opens in June\n\n" + "\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (folder / name).write_bytes(data)
    with Corpus(tmp_path / "s.db") as corpus:
        rep = corpus.ingest(folder)
        assert [Path(a.path).name for a in corpus.articles()] == ["good.txt"]
        (e,) = rep.errors
        assert Path(e.path).name == name and e.code == "E112"
        assert "after cleaning" in e.reason


def test_titles_are_one_clean_line_of_at_most_300_characters() -> None:
    words = " ".join(["Bridge"] * 200)
    long_title = build_article(RawDoc(path="a.json", text="Body of the story here.", fmt="json", title=words))
    assert long_title.title is not None and len(long_title.title) == 300 and long_title.title.endswith("…")
    escaped = build_article(
        RawDoc(path="b.json", text="Body.", fmt="json", title="Bridge\x1b]0;owned\x07 opens\u202e now", source="A\x1bB")
    )
    assert escaped.title == "Bridge ]0;owned opens now" and escaped.source == "A B"
    lead = build_article(RawDoc(path="c.txt", text="x" * 5_000 + " and more.", fmt="txt", first_line_title=False))
    assert lead.title is not None and len(lead.title) <= 300


def test_cli_never_prints_escape_codes_or_markup_from_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Bridge opens in June\n\n" + "\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (folder / "evil\x1b[2J[bold]name.txt").write_bytes(b"\x00")  # an odd name, and a binary file
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "ingest", str(folder)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "evil?[2J[bold]name.txt" in result.output


def test_a_copy_of_a_failing_file_is_named_too(tmp_path: Path) -> None:
    """Regression: a second file with the same (failing) text was reported "already in the store"."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Bridge opens in June\n\n" + "\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text("Home\n", encoding="utf-8")
    with Corpus(tmp_path / "s.db") as corpus:
        rep = corpus.ingest(folder)
        assert sorted((Path(e.path).name, e.code) for e in rep.errors) == [
            ("a.txt", "E112"),
            ("b.txt", "E112"),
            ("c.txt", "E112"),
        ]
        assert "same text as" in next(e.reason for e in rep.errors if e.path.endswith("b.txt"))
        assert rep.unchanged == [] and len(rep.added) == 1
