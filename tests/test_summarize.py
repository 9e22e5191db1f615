"""storyline summarize: any set of articles as one story, every sentence followed by its sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

A = """Storm closes port of Valmera

The port of Valmera was closed on Tuesday after a storm with winds of 140 km/h hit the coast, the harbour
authority said. Ferries to the islands were cancelled until Thursday.
"""
B = """Valmera port shut as storm batters coast

A storm with winds of 140 km/h hit the coast on Tuesday and the port of Valmera was closed, according to the
harbour authority. All island ferries were cancelled until Thursday, officials said.
"""




def test_summarize_prints_cited_sentences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    code, out, _ = run(["summarize", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--words", "40"], capsys)
    assert code == 0
    lines = [x for x in out.splitlines() if x.strip()]
    assert lines and all(x.rstrip().endswith("]") for x in lines)
    assert "[unnamed outlet (a)]" in out or "[unnamed outlet (b)]" in out
    code, out, _ = run(["summarize", str(tmp_path), "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data and all(s["cites"] for s in data)


def test_summarize_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(["summarize", str(tmp_path / "empty.txt")], capsys)
    assert code == 2 and "nothing to summarise" in err and "empty.txt" in err and "E403" in err


def test_readme_summarize_example_is_what_the_command_prints(
    seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's `storyline summarize` example is regenerated output, not prose: rerun it on the seeds."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Summaries", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    command, *expected = block.strip().splitlines()
    args = command.removeprefix("$ storyline ").split()
    files = [str(p) for a in args if a.startswith("../shared/corpus/seeds/") for p in seeds_dir.glob(Path(a).name)]
    options = [a for a in args[1:] if not a.startswith("../shared/")]
    code, out, _ = run([args[0], *files, *options], capsys)
    assert code == 0
    assert out.strip().splitlines() == expected, "README example is stale: paste the command's output into it"


def test_a_summary_sentence_cites_the_other_sources_of_its_happening() -> None:
    from storyline.compare.summary import summarize
    from storyline.model import Article, Cite, TimelineItem

    a = Article(
        id="a", path="a.txt", raw="", text="Storm closes the port of Valmera on Tuesday, officials said.", source="A"
    )
    b = Article(
        id="b",
        path="b.txt",
        raw="",
        text="The harbour of Valmera shut its gates as winds reached 140 km/h.",
        source="B",
    )
    for art in (a, b):
        from storyline.model import Sentence

        art.sentences = [Sentence(0, len(art.text))]
    item = TimelineItem(date="2025-03-04", text=a.text, cites=[Cite("a", 0, len(a.text)), Cite("b", 0, len(b.text))])
    out = summarize([], [a, b], words=40, happenings=[item])
    first = next(s for s in out if s.cites[0].article_id == "a")
    assert [c.article_id for c in first.cites] == ["a", "b"] and first.sources == ["A", "B"]
