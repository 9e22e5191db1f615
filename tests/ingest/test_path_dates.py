"""A publication date written in an article's web address or file name (ingest.path_dates, ingest.published)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from storyline.api import Corpus
from storyline.ingest.path_dates import date_in_path, wire_outlet
from storyline.render.export import schema


@pytest.mark.parametrize(
    "path, url, day",
    [
        ("in/herald_2016-09-12_budget-vote.txt", None, "2016-09-12"),
        ("in/2016_09_12-budget.html", None, "2016-09-12"),
        ("in/20250117-harbour-report.txt", None, "2025-01-17"),
        ("in/a.html", "https://news.example/2016/09/12/politics/budget/", "2016-09-12"),
        ("in/a.html", "https://news.example/politics/2016-09-12-budget", "2016-09-12"),
        ("in/20250117.txt", "https://news.example/2016/09/12/budget", "2016-09-12"),  # the address first
        ("in/APW19980219.0476.txt", None, "1998-02-19"),  # a wire document number, as the LDC names them
        ("in/NYT_ENG_20000101.0001", None, "2000-01-01"),
    ],
)
def test_a_day_in_the_address_or_file_name(path: str, url: str | None, day: str) -> None:
    found = date_in_path(path, url)
    assert found is not None and found[0] == day


@pytest.mark.parametrize(
    "path",
    [
        "in/000_307876002f6af93f.txt",  # a content hash
        "in/XYZ19980219.0476.txt",  # no wire service's letters: the digits do not stand alone
        "in/report_2025-02-30.txt",  # no such day
        "in/dump_2016-09-12.jsonl#3",  # a record in a dump: the dump's day is not the article's
        "in/2016-09/notes.txt",  # a folder's name
    ],
)
def test_no_day(path: str) -> None:
    assert date_in_path(path, None) is None


def test_an_undated_file_is_dated_by_its_name_and_its_weekday_resolves(tmp_path: Path) -> None:
    text = "City council approves harbour budget\n\nThe city council approved the harbour budget on Monday.\n"
    (tmp_path / "herald_2016-09-14_harbour-budget.txt").write_text(text, encoding="utf-8")
    with Corpus(":memory:") as c:
        c.ingest([tmp_path])
        (a,) = c.articles()
    assert (a.published, a.published_how) == ("2016-09-14", "metadata")
    assert "file name" in (a.published_why or "")
    assert any(d.value == "2016-09-12" for d in a.dates)  # "on Monday": the Monday before


def test_a_wire_document_number_names_the_outlet_too(tmp_path: Path) -> None:
    assert wire_outlet("in/APW19980219.0476.txt") == "AP" and wire_outlet("in/dump.jsonl#APW19980219.0476") is None
    text = "Harbour reopens\n\nThe harbour reopened on Tuesday after the storm, officials said.\n"
    (tmp_path / "APW19980219.0476.txt").write_text(text, encoding="utf-8")
    with Corpus(":memory:") as c:
        c.ingest([tmp_path])
        (a,) = c.articles()
        jsonschema.validate(c.export(), schema())  # "path" is a way the export says an outlet was found
    assert (a.source, a.source_how, a.published) == ("AP", "path", "1998-02-19")
    assert "document number" in (a.source_why or "")
