"""``storyline stories``, the table: every story piped, a page on a terminal, ``--offset``/``--limit``/``--all``."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import run
from rich.console import Console

from storyline import cli
from storyline.model import Story
from storyline.store.base import open_store

HEADER = "id\ttitle\tevent date\t#articles\t#independent sources"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A made-up store of 7 stories, s3 waiting to be built again; a title holds a tab and a control character."""
    path = str(tmp_path / "s.db")
    titles = ["Mill River floods", "Bridge\treopens", "Port strike ends", "Budget\x07 passes", "Dam checked"]
    stories = [
        Story(f"s{k}", titles[k % len(titles)], "2024-03-0" + str(k) if k % 2 else None, [f"a{k}"] * k, k, basis="x")
        for k in range(1, 8)
    ]
    with open_store(path) as store:
        store.replace_stories(stories)
        store.mark_stale(["s3"])
    return path


def test_piped_the_table_lists_every_story(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--db", db, "stories"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0] == HEADER and len(lines) == 8 and err.startswith("7 stories in ")
    assert lines[1] == "s1\tBridge reopens\t2024-03-01\t1\t1"  # a tab in a value is a space
    assert lines[2] == "s2\tPort strike ends\t—\t2\t2"
    assert lines[3] == "s3\tBudget? passes (being updated)\t2024-03-03\t3\t3"  # control characters are '?'
    assert [line.split("\t")[0] for line in lines[1:]] == [f"s{k}" for k in range(1, 8)]


def test_offset_and_limit_page_the_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    whole = run(["--db", db, "stories"], capsys)[1].splitlines()
    code, out, err = run(["--db", db, "stories", "--offset", "2", "--limit", "3"], capsys)
    assert code == 0 and out.splitlines() == [HEADER, *whole[3:6]]
    assert "7 stories in" in err and "3–5 shown" in err and "--offset 5 for the next" in err
    code, out, err = run(["--db", db, "stories", "--offset", "5"], capsys)
    assert out.splitlines() == [HEADER, *whole[6:]] and "6–7 shown" in err and "--offset" not in err
    code, out, err = run(["--db", db, "stories", "--offset", "9"], capsys)
    assert code == 0 and out.splitlines() == [HEADER] and "none past the first 9" in err
    assert run(["--db", db, "stories", "--limit", "0"], capsys)[1].splitlines() == [HEADER]
    assert run(["--db", db, "stories", "--all"], capsys)[1].splitlines() == whole


@pytest.mark.parametrize("args", [["--json", "--limit", "2"], ["--why", "s1", "--offset", "1"], ["--json", "--all"]])
def test_paging_is_for_the_table(db: str, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--db", db, "stories", *args], capsys)
    assert code == 2 and "page the table" in err


def test_a_terminal_draws_the_first_stories_unless_told(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "out", Console(force_terminal=True, width=200, highlight=False, color_system=None))
    monkeypatch.setattr(cli, "TERMINAL_STORIES", 2)
    code, out, _ = run(["--db", db, "stories"], capsys)
    assert code == 0 and "│ s1 " in out and "│ s2 " in out and "│ s3 " not in out
    assert "1–2 shown (--offset 2 for the next, --all for every one)" in " ".join(out.split())  # the title wraps
    out = run(["--db", db, "stories", "--all"], capsys)[1]
    assert "│ s7 " in out and "shown" not in out
    out = run(["--db", db, "stories", "--offset", "2", "--limit", "4"], capsys)[1]
    assert "│ s2 " not in out and "│ s3 " in out and "│ s6 " in out and "│ s7 " not in out
