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
    assert "2025-11-10 to 2026-11-10" in md
    assert "12 million tonnes: by 2025-11-27" in md


def test_html_shows_period_and_deadline(dossier: dict[str, Any]) -> None:
    page = render_html(_with_times(dossier))
    assert "2025-11-10 to 2026-11-10" in page
    assert "12 million tonnes: by 2025-11-27" in page


def test_nothing_shown_without_times(dossier: dict[str, Any]) -> None:
    assert 'class="badge due"' not in render_html(dossier)
