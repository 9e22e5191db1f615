"""The HTML dossier's Events section: a table of who did what to whom with working cites, and the dyad chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from storyline.render.events_view import dyad_chart, events_rows
from storyline.render.html import build_view, cite_anchor, render_html

XSS = "<script>alert(1)</script>"


def _event(d: dict[str, Any], **kw: Any) -> dict[str, Any]:
    art = d["articles"][0]
    phrase = "Chinese President Xi Jinping told Donald Trump"
    start = art["text"].index(phrase)
    ev = {
        "id": "s1-v1",
        "date": "2025-11-24",
        "date_how": "text",
        "action": "CONSULT",
        "mode": "phone",
        "status": "happened",
        "trigger": "phone call",
        "actor_text": "Chinese President Xi Jinping",
        "actor_country": "CHN",
        "actor_sector": "GOV",
        "target_text": "Donald Trump",
        "target_country": "USA",
        "target_sector": None,
        "independent_sources": 3,
        "cites": [{"article_id": art["id"], "start": start, "end": start + len(phrase), "source": art["source"]}],
    }
    ev.update(kw)
    return ev


def test_events_section_lists_each_event_with_codes_and_working_cites(dossier: dict[str, Any]) -> None:
    dossier["events"] = [
        _event(dossier),
        _event(dossier, id="s1-v2", action="COERCE", mode=None, status="announced", trigger="ban",
               date="2025-11-20", target_text="Japan", target_country="JPN", independent_sources=1),
    ]
    html = render_html(dossier)
    section = html.split('<section id="events">')[1].split("</section>")[0]
    rows = re.findall(r"<tr class=\"(\w*)\">", section)
    assert rows == ["coop", "conflict"]
    assert "Chinese President Xi Jinping" in section and "CHN · GOV" in section and "USA" in section
    assert "consult (phone)" in section and "“phone call”" in section and ">announced<" in section
    assert '<a href="#events">Events</a>' in html
    # Each cite link jumps to a marked passage of the source text.
    c = dossier["events"][0]["cites"][0]
    anchor = cite_anchor(c["article_id"], c["start"], c["end"])
    assert f'href="#{anchor}"' in section and f'id="{anchor}"' in html
    # The dyad chart is valid SVG with a lane per country pair.
    svg_text = re.search(r"<svg.*?</svg>", section, re.S)
    assert svg_text is not None
    root = ET.fromstring(svg_text.group(0))
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "CHN–USA" in labels and "CHN–JPN" in labels


def test_events_section_escapes_article_words_and_is_left_out_when_empty(dossier: dict[str, Any]) -> None:
    assert 'id="events"' not in render_html(dossier)
    dossier["events"] = [_event(dossier, actor_text=XSS, target_text=XSS, trigger=XSS)]
    html = render_html(dossier)
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rows_tolerate_missing_keys_and_the_chart_needs_two_countries() -> None:
    rows = events_rows([{"action": "REQUEST"}, "not an event"], lambda cites, used_in: [])
    assert len(rows) == 1
    assert (rows[0]["date_label"], rows[0]["actor"], rows[0]["status"]) == ("undated", {"text": "", "code": ""},
                                                                           "happened")
    assert dyad_chart([{"action": "AID", "actor_country": "CHN", "date": "2025-11-24"}]) == ""
    assert dyad_chart([{"action": "AID", "actor_country": "CHN", "target_country": "CHN", "date": "2025"}]) == ""


def test_view_counts_the_events_left_out_of_the_table(dossier: dict[str, Any]) -> None:
    dossier["events"] = [_event(dossier, id=f"s1-v{i}") for i in range(45)]
    view = build_view(dossier)
    assert len(view["events"]) == 40 and view["events_more"] == 5
    assert "5 more events" in render_html(dossier)
