"""Event data exports: the GDELT-like TSV, the dyad series, the export's events, and the story events of the seeds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.cli import main
from storyline.compare.events import story_events
from storyline.model import Article, Cite, Event, Mention, Story
from storyline.render.events_export import QUAD_CLASS, TSV_COLUMNS, dyad_csv, events_tsv
from storyline.render.export import export_corpus, schema


def _story() -> Story:
    evs = [
        Event("CONSULT", "called", mode="phone", actor_country="CHN", actor_sector="GOV", target_country="USA",
              date="2025-11-24", date_how="text", id="s1-v1", story_id="s1", independent_sources=4,
              cites=[Cite("a1", 0, 40)], actor_text="Xi\tJinping"),
        Event("COERCE", "banned", actor_country="CHN", target_country="JPN", date="2025-11-20", id="s1-v2",
              story_id="s1", independent_sources=1, cites=[Cite("a2", 5, 9)]),
        Event("COERCE", "imposed advisories", actor_country="CHN", target_country="JPN", date="2025-11-20",
              id="s1-v3", story_id="s1", independent_sources=2),
    ]
    return Story("s1", "Xi and Trump talk", "2025-11-24", events=evs)


def test_events_tsv_one_row_per_event_with_quad_class_and_first_cite() -> None:
    rows = list(csv.reader(io.StringIO(events_tsv([_story()])), delimiter="\t"))
    assert rows[0] == TSV_COLUMNS and len(rows) == 4
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["actor1_text"] == "Xi Jinping"  # a tab in a text never breaks the row
    assert (first["action"], first["quad_class"], first["first_cite"]) == ("CONSULT", "1", "a1:0-40")
    assert set(QUAD_CLASS) == {r for r in QUAD_CLASS} and len(QUAD_CLASS) == 16


def test_dyad_series_counts_date_pair_type() -> None:
    rows = list(csv.DictReader(io.StringIO(dyad_csv([_story()]))))
    coerce = next(r for r in rows if r["action"] == "COERCE")
    assert (coerce["date"], coerce["actor_country"], coerce["target_country"]) == ("2025-11-20", "CHN", "JPN")
    assert (coerce["events"], coerce["sources"]) == ("2", "3")


def test_export_lists_story_events_and_validates() -> None:
    data = export_corpus([], [_story()], [])
    assert [e["id"] for e in data["events"]] == ["s1-v1", "s1-v2", "s1-v3"]
    assert data["events"][0]["actor_sector"] == "GOV"
    jsonschema.validate(data, schema())


def test_reports_of_one_happening_merge_into_one_event_with_every_cite() -> None:
    def art(aid: str, source: str, text: str, actor: str, target: str) -> Article:
        a = Article(id=aid, path=f"{aid}.txt", raw="", text=text, source=source, published="2025-11-25")
        i, j = text.index(actor), text.index(target)
        a.mentions = [Mention(i, i + len(actor), actor, "PERSON", "e1" if actor == "Xi" else "e2"),
                      Mention(j, j + len(target), target, "PERSON", "e1" if target == "Xi" else "e2")]
        a.events = [Event("CONSULT", "called", actor_text=actor, target_text=target, cites=[Cite(aid, 0, len(text))],
                          spans={"actor": [i, i + len(actor)], "target": [j, j + len(target)]})]
        return a

    a1 = art("a1", "Reuters", "Xi called Trump on Monday.", "Xi", "Trump")
    a2 = art("a2", "AP", "Trump spoke with Xi by phone.", "Trump", "Xi")
    from storyline.model import Entity

    ents = [Entity("e1", "Xi Jinping", "PERSON", roles=["Chinese President"]),
            Entity("e2", "Donald Trump", "PERSON", roles=["U.S. President"])]
    (ev,) = story_events("s1", [a1, a2], ents)
    assert ev.independent_sources == 2 and {c.article_id for c in ev.cites} == {"a1", "a2"}
    assert {ev.actor_country, ev.target_country} == {"CHN", "USA"} and ev.actor_sector == "GOV"
    assert (ev.date, ev.date_how, ev.id) == ("2025-11-25", "published", "s1-v1")


@pytest.mark.parametrize("fmt", ["events-tsv", "dyads-csv"])
def test_cli_exports_the_seed_events(seed_corpus: Any, fmt: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "out.txt"
    try:
        main(["--db", str(seed_corpus.store.path), "export", "--format", fmt, "--out", str(dest)])
    except SystemExit as exc:
        assert exc.code in (0, None)
    text = dest.read_text(encoding="utf-8")
    assert "CONSULT" in text and "CHN" in text and "USA" in text


def test_seed_call_is_one_event_reported_by_every_outlet(seed_corpus: Any) -> None:
    events = [e for v in seed_corpus.stories for e in v.story.events]
    calls = [e for e in events if e.action == "CONSULT" and {e.actor_country, e.target_country} == {"CHN", "USA"}
             and e.date == "2025-11-24"]
    assert calls and max(e.independent_sources for e in calls) >= 3
    data = json.loads(json.dumps(seed_corpus.export()))
    assert data["events"] and all(e["cites"] for e in data["events"])


def test_seed_dossier_has_an_events_table_with_cites(seed_corpus: Any) -> None:
    view = max(seed_corpus.stories, key=lambda v: len(v.story.article_ids))
    md = view.dossier("md")
    assert "## Events" in md and "| CONSULT (phone) |" in md
    assert "Dyads over time" in md and "CHN–USA" in md
    assert json.loads(view.dossier("json"))["events"]


def test_an_act_dated_to_a_later_month_is_announced_not_happened() -> None:
    from storyline.compare.events import _after

    assert _after("2026-04", "2025-11-24") and _after("2025-11-25", "2025-11-24")
    assert not _after("2025-11", "2025-11-24") and not _after("2025", "2025-11-24") and not _after("P1Y", "2025-11-24")
