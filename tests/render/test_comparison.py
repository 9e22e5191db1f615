"""The cross-source sections of the dossier: claims matrix, conflicts, accounts, figures, aligned quotes."""

from __future__ import annotations

from typing import Any

from storyline.render.html import render_html
from storyline.render.markdown import render_markdown


def _with_comparison(dossier: dict[str, Any]) -> dict[str, Any]:
    arts = dossier["articles"]
    a, b = arts[0], arts[1]
    ca = {"article_id": a["id"], "start": 0, "end": 20, "source": a.get("source")}
    cb = {"article_id": b["id"], "start": 0, "end": 20, "source": b.get("source")}
    outlets = [a.get("outlet") or a.get("source"), b.get("outlet") or b.get("source")]
    dossier["claims"] = [
        {
            "id": "s1-c1",
            "kind": "fact",
            "text": "China will buy 25 million tonnes.",
            "sources": 1,
            "support": [ca],
            "conflicts": [{**cb, "why": "different number: 25 vs 20 million tonnes"}],
        }
    ]
    dossier["matrix"] = {
        "outlets": outlets,
        "rows": [
            {
                "claim_id": "s1-c1",
                "kind": "fact",
                "text": "China will buy 25 million tonnes.",
                "sources": 1,
                "cells": [
                    {"outlet": outlets[0], "status": "reported", "why": "", "cites": [ca]},
                    {
                        "outlet": outlets[1],
                        "status": "differently",
                        "why": "different number: 25 vs 20 million tonnes",
                        "cites": [cb],
                    },
                ],
            }
        ],
    }
    dossier["accounts"] = [
        {
            "party": "Donald Trump",
            "topic": "Taiwan",
            "text": "Trump made no mention of Taiwan.",
            "sources": 2,
            "support": [ca, cb],
            "counter": [{**cb, "quote": "Xi said Taiwan…"}],
        }
    ]
    dossier["figures"] = [
        {
            "about": "soybeans",
            "time": "in 2026",
            "status": "conflict",
            "why": "different number: 25 vs 20 million tonnes",
            "values": [{**ca, "text": "25 million tonnes"}, {**cb, "text": "20 million tonnes"}],
        }
    ]
    dossier["quote_groups"] = [
        {
            "text": "keep up the momentum",
            "speaker": "Xi Jinping",
            "sources": 2,
            "versions": [
                {**ca, "text": "keep up the momentum", "relation": "canonical", "kind": "direct"},
                {**cb, "text": "keep up momentum", "relation": "truncated", "kind": "partial"},
            ],
        }
    ]
    return dossier


def test_markdown_has_matrix_accounts_figures_quotes(dossier: dict[str, Any]) -> None:
    md = render_markdown(_with_comparison(dossier))
    assert "## Who reports what" in md and "✓ reported" in md and "≠ differently: different number" in md
    assert "## Accounts compared" in md and "Left out of Donald Trump’s account: Taiwan" in md
    assert "## Figures" in md and "**conflict**" in md
    assert "## Quotes across outlets" in md and "(truncated, partial)" in md


def test_quote_groups_show_reported_speech_as_a_paraphrase_without_quotation_marks(dossier: dict[str, Any]) -> None:
    d = _with_comparison(dossier)
    group = d["quote_groups"][0]
    paraphrase = "he wanted to keep the momentum going"
    group["versions"].append({**group["versions"][1], "text": paraphrase, "relation": "paraphrase", "kind": "indirect"})
    md = render_markdown(d)
    assert "> “keep up the momentum”" in md and "(truncated, partial): “keep up momentum”" in md
    assert f", paraphrase (reported speech): *{paraphrase}*" in md and f"“{paraphrase}”" not in md
    html = render_html(d)
    assert f"“{paraphrase}”" not in html and f'<span class="reported">{paraphrase}</span>' in html
    assert ">paraphrase (reported speech)<" in html and "“keep up momentum”" in html
    # a group stored before canonical wordings had to be verbatim: its reported speech still shows unquoted
    group["text"], group["versions"][0]["kind"] = paraphrase, "indirect"
    assert f"“{paraphrase}”" not in render_markdown(d) and f"“{paraphrase}”" not in render_html(d)


def test_html_heat_map_is_labelled_in_text_not_only_colour(dossier: dict[str, Any]) -> None:
    page = render_html(_with_comparison(dossier))
    assert 'id="matrix"' in page and 'class="cell reported"' in page and 'class="cell differently"' in page
    assert ">reported<" in page and "reported differently" in page  # text labels beside the colour
    assert 'id="accounts"' in page and "Left out of Donald Trump’s account: Taiwan" in page
    assert 'id="figures"' in page and 'id="quote-groups"' in page
    assert 'href="#matrix"' in page
