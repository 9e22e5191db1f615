"""``storyline ingest --rebuild later``, the listing's *being updated* and ``storyline rebuild``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from clirun import run

STRIKE = [
    "Dockworkers strike at Harlow port\n\nDockworkers at the port of Harlow walked out on Friday, March 1, 2024, "
    "over pay, halting container traffic for the weekend, the union said.\n",
    "Harlow port strike enters second day\n\nThe strike by dockworkers at the port of Harlow went into a second "
    "day on Saturday, March 2, 2024, the union said, with no talks planned.\n",
    "Harlow port strike ends\n\nDockworkers at the port of Harlow ended their strike on Monday, March 4, 2024, "
    "after the union and the port agreed on pay, the union said.\n",
    "Harlow port reopens after strike\n\nContainer traffic resumed at the port of Harlow on Tuesday, March 5, "
    "2024, a day after dockworkers ended their strike over pay, the port said.\n",
]


def test_a_story_left_to_later_is_listed_and_built_by_rebuild(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_CORPUS_INCREMENTAL_FROM", "1")  # every ingest after the first by the index
    files = []
    for k, text in enumerate(STRIKE):
        files.append(tmp_path / f"port-{k}.txt")
        files[-1].write_text(text, encoding="utf-8")
    db = ["--db", str(tmp_path / "s.db")]
    assert run(["ingest", *map(str, files[:2]), *db], capsys)[0] == 0
    code, _, err = run(["ingest", str(files[2]), "--rebuild", "later", *db], capsys)
    assert code == 0 and "1 story to build again" in err
    code, out, _ = run(["stories", *db], capsys)
    assert code == 0 and "(being updated)" in out
    sid = re.findall(r"\bs\d+\b", out)[0]
    code, out, _ = run(["dossier", sid, "--format", "json", *db], capsys)  # built on the first request, stored
    assert code == 0 and len(json.loads(out)["articles"]) == 3
    assert "(being updated)" not in run(["stories", *db], capsys)[1]
    code, _, err = run(["ingest", str(files[3]), "--rebuild", "later", *db], capsys)
    assert code == 0 and "1 story to build again" in err
    code, _, err = run(["rebuild", *db], capsys)
    assert code == 0 and "1 story built" in err
    code, out, _ = run(["stories", *db], capsys)
    assert code == 0 and "(being updated)" not in out and "\t4\t" in out
    code, _, err = run(["ingest", str(files[2]), "--rebuild", "sometime", *db], capsys)
    assert code == 2 and "sometime" in err
