"""A figure's period or deadline shows in the dossier's figures and timeline, in Markdown and HTML."""

from __future__ import annotations

import copy
from typing import Any

from storyline.render.html import render_html
from storyline.render.markdown import render_markdown


def _with_times(dossier: dict[str, Any]) -> dict[str, Any]:
    d = copy.deepcopy(dossier)
    a = d["articles"][0]
    cite = {"article_id": a["id"], "start": 0, "end": 20, "source": a.get("source")}
    d["figures"] = [
        {
            "about": "export restrictions",
            "time": "for one year",
            "period": "2025-11-10/2026-11-10",
            "deadline": None,
            "status": "agree",
            "why": "same figure",
            "values": [{**cite, "text": "one year"}],
        }
    ]
    assert d["timeline"], "the hand-made dossier has a timeline"
    d["timeline"][0]["commitments"] = [{"text": "12 million tonnes", "period": None, "deadline": "2025-11-27"}]
    return d


def test_markdown_shows_period_and_deadline(dossier: dict[str, Any]) -> None:
    md = render_markdown(_with_times(dossier))
    assert "10 Nov 2025 until 10 Nov 2026" in md
    assert "12 million tonnes: by 27 Nov 2025" in md


def test_html_shows_period_and_deadline(dossier: dict[str, Any]) -> None:
    page = render_html(_with_times(dossier))
    assert "10 Nov 2025 until 10 Nov 2026" in page
    assert "12 million tonnes: by 27 Nov 2025" in page


def test_nothing_shown_without_times(dossier: dict[str, Any]) -> None:
    assert 'class="badge due"' not in render_html(dossier)


def test_a_commitment_entry_shows_where_it_runs_to(dossier: dict[str, Any]) -> None:
    d = copy.deepcopy(dossier)
    t = d["timeline"][0]
    t |= {"until": "2026-11-24", "until_how": "until", "kind": "commitment", "commitment_text": t["text"][3:20]}
    t["differs"] = "different period: one year (AP) vs 90 days (Reuters)"
    md, page = render_markdown(d), render_html(d)
    assert "*(until 24 Nov 2026)*" in md and f"**{t['text'][3:20]}**" in md
    assert "until 24 Nov 2026" in page and "one year (AP) vs 90 days (Reuters)" in page
    assert 'class="act"' in page and ">commitment</span>" in page


def test_the_acts_words_are_set_apart_with_the_words_around_them_kept(dossier: dict[str, Any]) -> None:
    d = copy.deepcopy(dossier)
    d["timeline"][0] |= {"text": "China agreed to suspend curbs for one year.", "speaker": None}
    d["timeline"][0] |= {"commitment_text": "suspend curbs for one year", "until": "2026-11-24"}
    assert "China agreed to **suspend curbs for one year**." in render_markdown(d)
    assert 'China agreed to <strong class="act" title="the commitment">suspend curbs' in render_html(d)


def test_a_figure_one_outlet_states_says_so_not_agree(dossier: dict[str, Any]) -> None:
    d = _with_times(dossier)
    d["figures"][0]["sources"] = 1
    md, page = render_markdown(d), render_html(d)
    assert "— one source" in md and "— agree" not in md
    assert ">one source</span>" in page and ">agree</span>" not in page
    d["figures"][0]["sources"] = 2
    assert "— agree" in render_markdown(d)


def test_a_commitment_heading_says_its_time_once(dossier: dict[str, Any]) -> None:
    d = _with_times(dossier)
    d["figures"][0] |= {"about": "cut 3,000 jobs by 2027", "time": "by 2027", "period": None, "deadline": "2027"}
    d["figures"][0]["values"][0]["text"] = "cut 3,000 jobs by 2027"
    md = render_markdown(d)
    line = next(x for x in md.splitlines() if x.startswith("- ") and "3,000 jobs" in x)
    assert line.startswith("- cut 3,000 jobs by 2027: cut 3,000 jobs by 2027 (")  # not ", by 2027 (by 2027)"
    assert "by 2027</strong>, by 2027" not in render_html(d)
