"""The pages show one citation chip per article, its further passages numbered beside it."""

from __future__ import annotations

import re

from storyline.render.dossier_base import by_article
from storyline.render.html import render_html


def test_by_article_keeps_first_cited_order_and_lone_citations() -> None:
    cites = [{"article": "b", "n": 1}, {"article": "a", "n": 2}, {"article": "b", "n": 3}, {"n": 4}, {"n": 5}]
    assert [[c["n"] for c in g] for g in by_article(cites)] == [[1, 3], [2], [4], [5]]


def test_dossier_numbers_a_second_passage_of_one_article() -> None:
    article = {"id": "a1", "path": "a1.txt", "source": "AP", "title": "T", "text": "One fact here. Two facts there."}
    cites = [
        {"article_id": "a1", "start": 0, "end": 14, "label": "AP"},
        {"article_id": "a1", "start": 15, "end": 31, "label": "AP"},
    ]
    html = render_html(
        {
            "story": {"id": "s1", "title": "T", "articles": ["a1"]},
            "articles": [article],
            "summary": [{"text": "One fact and two.", "cites": cites}],
        }
    )
    summary = html[html.index('id="summary"') :]
    group = re.search(r'<span class="cite-group">(.*?)</span>', summary, re.DOTALL)
    assert group is not None
    links = re.findall(r"<a class=\"cite( more)?\"[^>]*>([^<]*)</a>", group.group(1))
    assert links == [("", "[AP]"), (" more", "2")]
