"""Pure pieces of the web app: safe article markup, upload checks, dossier views with missing keys."""

from __future__ import annotations

import pytest

from storyline.model import Article, DateMention, Mention, Quote
from storyline.render.dossier_model import ClaimView
from storyline.web.jobs import allowed_extension, check_upload, safe_filename, uploads_dir
from storyline.web.markup import Span, article_spans, highlight_snippet, mark_text, paragraph_spans
from storyline.web.views import StoryFilters, claim_heatmap, dossier_view, filter_stories, normalize_item


def test_every_text_slice_is_escaped() -> None:
    text = 'Hi <script>window.__xss=1</script> and <img src=x onerror="x()">.'
    html = "".join(mark_text(text, [(0, len(text))], [Span(3, 35, "cite")]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert html.startswith('Hi <mark id="cite">&lt;script&gt;')


def test_attribute_values_are_escaped() -> None:
    html = str(mark_text("Xi", [(0, 2)], [Span(0, 2, "ent", {"href": '/e/"><script>', "title": "a&b"})])[0])
    assert html.startswith("<a ") and html.endswith(">Xi</a>")
    assert 'href="/e/&#34;&gt;&lt;script&gt;"' in html and 'title="a&amp;b"' in html


def test_crossing_spans_are_split_and_the_cite_stays_whole() -> None:
    text = "one two three four"
    spans = [Span(0, 7, "quote"), Span(4, 13, "cite"), Span(8, 18, "date")]
    html = str(mark_text(text, [(0, len(text))], spans)[0])
    assert html.count('id="cite"') == 1
    assert '<mark id="cite"><span class="quote">two</span> <span class="date">three</span></mark>' in html
    # well nested: every opened tag closes in order
    assert html.count("<span") == html.count("</span>") and html.count("<mark") == html.count("</mark>")


def test_spans_outside_the_text_are_clamped_or_dropped() -> None:
    html = mark_text("short", [(0, 5)], [Span(3, 99, "cite"), Span(50, 60, "quote")])
    assert str(html[0]) == 'sho<mark id="cite">rt</mark>'


def test_a_cite_across_paragraphs_has_one_id() -> None:
    text = "First para.\n\nSecond para."
    paras = paragraph_spans(text, [])
    html = mark_text(text, paras, [Span(6, 19, "cite")])
    assert len(html) == 2 and "".join(html).count('id="cite"') == 1 and "<mark>" in html[1]


def test_article_spans_link_entities_and_mark_quotes_and_dates() -> None:
    a = Article(
        id="a1",
        path="a.txt",
        raw="",
        text='"Go," Novak said on Tuesday.',
        mentions=[Mention(6, 11, "Novak", "PERSON", entity_id="e1"), Mention(6, 11, "Novak", "ORG")],
        quotes=[Quote(1, 3, "Go", "direct", speaker="Novak")],
        dates=[DateMention(20, 27, "Tuesday", "2025-11-25")],
    )
    html = str(mark_text(a.text, [(0, len(a.text))], article_spans(a))[0])
    assert '<a title="PERSON" class="ent person" href="/entities/e1">Novak</a>' in html
    assert '<span title="2025-11-25" class="date">Tuesday</span>' in html
    assert html.count("<a ") == 1  # the overlapping mention is dropped, links never nest
    assert 'class="quote direct"' in html and 'title="2025-11-25"' in html


def test_snippet_markers_become_marks_after_escaping() -> None:
    assert str(highlight_snippet("a [[<b>]] c")) == "a <mark>&lt;b&gt;</mark> c"


def test_upload_checks() -> None:
    assert allowed_extension("a.TXT") and allowed_extension("x.warc.gz") and allowed_extension("feed.atom")
    assert not allowed_extension("a.pdf") and not allowed_extension("a.exe.gz")
    assert "not a supported file type (.pdf)" in (check_upload("a.pdf", 3, max_bytes=10) or "")
    assert "MB limit (ingest.max_bytes)" in (check_upload("a.txt", 11, max_bytes=10) or "")
    assert check_upload("a.txt", 0, max_bytes=10) == "the file is empty"
    assert check_upload("a.txt", 10, max_bytes=10) is None


def test_safe_filenames_stay_in_their_folder() -> None:
    taken: set[str] = set()
    assert safe_filename("../../etc/passwd", taken) == "passwd"
    assert safe_filename("..", taken) == "upload"
    assert safe_filename("C:\\docs\\a b.txt", taken) == "a_b.txt"
    assert safe_filename("a b.txt", taken) == "a_b-2.txt"
    assert uploads_dir("x/store.db").as_posix() == "x/store-uploads"


def test_dossier_view_degrades_when_keys_are_missing() -> None:
    v = dossier_view({"story": {"id": "s9", "title": "Only a title"}})
    assert v["title"] == "Only a title"
    for key in ("summary", "timeline", "quotes", "claims", "conflicts", "articles", "extras"):
        assert v[key] == [], key
    assert str(v["timeline_svg"]) == ""


def test_unknown_dossier_keys_become_generic_sections() -> None:
    cite = {"article_id": "a1", "start": 1, "end": 5, "source": "AP", "label": "AP, 1 Jan 2025"}
    v = dossier_view(
        {"story": {"id": "s1", "title": "T", "outlets": ["AP"]}, "numbers": [{"text": "12 t", "cite": cite}]}
    )
    (extra,) = v["extras"]
    assert extra["title"] == "Numbers" and extra["entries"][0]["cites"][0]["href"] == "/articles/a1?start=1&end=5#cite"


def test_claims_heatmap_counts_support_and_marks_conflicts() -> None:
    ap = {"article_id": "a1", "start": 0, "end": 3, "source": "AP"}
    rt = {"article_id": "a2", "start": 0, "end": 3, "source": "Reuters"}
    claim = {
        "id": "c1",
        "text": "12 million tons",
        "support": [ap, ap],
        "conflicts": [{**rt, "why": "different number: 12 vs 10 million"}],
    }
    heat = claim_heatmap([ClaimView.from_json(claim)], ["AP", "Reuters", "BBC"])
    cells = heat["rows"][0]["cells"]
    assert [c["level"] for c in cells] == ["2", "conflict", "0"]
    item = normalize_item(claim)
    assert item["text"] == "12 million tons" and len(item["cites"]) == 2


def test_an_unclear_matrix_cell_links_the_passage_that_comes_near_it() -> None:
    from storyline.render.dossier_compare import Matrix
    from storyline.web.views import matrix_heatmap

    near = {"article_id": "a2", "start": 4, "end": 9}
    m = Matrix.from_json(
        {
            "outlets": ["AP", "BBC"],
            "rows": [
                {
                    "claim_id": "c1",
                    "text": "x",
                    "cells": [
                        {"outlet": "AP", "status": "unclear", "why": "a passage comes near it", "near": [near]},
                        {"outlet": "BBC", "status": "unclear", "why": "a shorter article"},
                    ],
                }
            ],
        }
    )
    ap, bbc = matrix_heatmap(m)["rows"][0]["cells"]
    assert ap["href"] == "/articles/a2?start=4&end=9#cite" and "passage" in ap["title"]
    assert bbc["href"] == ""


def test_story_filters() -> None:
    rows = [
        {"id": "s1", "event_date": "2025-01-17", "outlets": ["AP"]},
        {"id": "s2", "event_date": "2025-11-24", "outlets": ["Bloomberg", "AP"]},
        {"id": "s3", "event_date": None, "outlets": ["AP"]},
    ]
    assert [r["id"] for r in filter_stories(rows, StoryFilters(date_from="2025-06-01"))] == ["s2"]
    assert [r["id"] for r in filter_stories(rows, StoryFilters(date_to="2025-01"))] == ["s1"]
    assert [r["id"] for r in filter_stories(rows, StoryFilters(outlet="Bloomberg"))] == ["s2"]
    assert [r["id"] for r in filter_stories(rows, StoryFilters(), entity_story_ids={"s3"})] == ["s3"]


def test_account_comparisons_have_their_own_section() -> None:
    cite = {"article_id": "a1", "start": 0, "end": 10, "label": "Wire"}
    dossier = {
        "story": {"id": "s1", "title": "T"},
        "accounts": [
            {
                "party": "Donald Trump",
                "account_label": "Donald Trump’s account",
                "topic": "Taiwan",
                "sources": 2,
                "text": "Trump did not mention Taiwan.",
                "support": [cite],
                "versions": [{**cite, "text": "Trump did not mention Taiwan."}],
                "counter": [{**cite, "article_id": "a2", "quote": "Xi told Trump Taiwan matters."}],
            }
        ],
    }
    v = dossier_view(dossier)
    assert [x["key"] for x in v["extras"]] == []
    (acc,) = v["accounts"]
    assert acc["heading"] == "Left out of Donald Trump’s account: Taiwan" and acc["sources"] == 2
    assert acc["versions"][0]["cites"][0]["href"].startswith("/articles/a1")
    assert acc["counter"][0]["text"] == "Xi told Trump Taiwan matters."


def test_figures_and_quote_groups_have_their_own_sections() -> None:
    cite = {"article_id": "a1", "start": 0, "end": 10, "label": "Wire"}
    dossier = {
        "story": {"id": "s1", "title": "T"},
        "figures": [
            {
                "about": "soybeans",
                "status": "conflict",
                "why": "different number: 12 vs 20 million tonnes",
                "values": [{**cite, "text": "12 million tonnes"}, {**cite, "article_id": "a2", "text": "20 million"}],
            }
        ],
        "quote_groups": [
            {"text": "We will win", "speaker": "Ana Diaz", "sources": 2, "versions": [{**cite, "relation": "verbatim"}]}
        ],
    }
    v = dossier_view(dossier)
    assert v["extras"] == []
    (f,) = v["figures"]
    assert f["conflict"] and [x["text"] for x in f["figures"]] == ["12 million tonnes", "20 million"]
    (q,) = v["quote_groups"]
    assert q["speaker"] == "Ana Diaz" and q["versions"][0]["relation"] == "verbatim"


def test_reported_speech_is_labelled_and_never_put_in_quotation_marks() -> None:
    from pathlib import Path

    import jinja2

    import storyline.web

    cite = {"article_id": "a1", "start": 0, "end": 10, "label": "Wire"}
    dossier = {
        "story": {"id": "s1", "title": "T"},
        "quotes": [
            {"text": "we will win", "kind": "direct", "speaker": "Ana Diaz", "cite": cite},
            {"text": "the island will return", "kind": "indirect", "speaker": "Xi", "cite": cite},
        ],
        "quote_groups": [
            {
                "text": "we will win",
                "speaker": "Ana Diaz",
                "sources": 2,
                "versions": [
                    {**cite, "text": "we will win", "relation": "canonical", "kind": "direct"},
                    {**cite, "text": "they would win", "relation": "paraphrase", "kind": "indirect"},
                ],
            }
        ],
    }
    v = dossier_view(dossier)
    direct, indirect = v["quotes"]
    assert (direct["label"], direct["verbatim"]) == ("direct quote", True)
    assert (indirect["label"], indirect["verbatim"]) == ("reported speech", False)
    (g,) = v["quote_groups"]
    assert g["verbatim"] and [x["label"] for x in g["versions"]] == ["canonical", "paraphrase (reported speech)"]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(storyline.web.__file__).parent / "templates"), autoescape=True
    )
    macro = env.from_string('{% from "macros.html" import quoted %}{% for q in qs %}{{ quoted(q) }}|{% endfor %}')
    out = macro.render(qs=[direct, indirect, *g["versions"]])
    assert "“we will win”|" in out and "“the island will return”" not in out and "“they would win”" not in out
    assert ">the island will return</span>|" in out and 'class="reported"' in out


def test_an_entity_page_labels_reported_speech() -> None:
    from storyline.model import Entity
    from storyline.web.views import entity_view

    text = "Xi said the island would return. “We will win,” Xi said."
    art = Article(
        "a1",
        "a.txt",
        raw=text,
        text=text,
        quotes=[
            Quote(8, 31, text[8:31], "indirect", speaker="Xi", speaker_entity_id="xi"),
            Quote(34, 45, "We will win", "direct", speaker="Xi", speaker_entity_id="xi"),
        ],
    )
    view = entity_view(Entity("xi", "Xi", "PERSON"), [art], [])
    said = view["stories"][0]["articles"][0]["quotes"]
    assert [(q["label"], q["verbatim"]) for q in said] == [("reported speech", False), ("direct quote", True)]


def test_cites_macro_shows_one_chip_per_article() -> None:
    from storyline.web.story_pages import _environment

    macros = _environment().get_template("macros.html").module
    links = [
        {"href": "/articles/a?start=0&end=4#cite", "label": "AP, 1 Jan 2025", "title": "T", "article": "a"},
        {"href": "/articles/b?start=0&end=4#cite", "label": "BBC, 1 Jan 2025", "title": "U", "article": "b"},
        {"href": "/articles/a?start=9&end=12#cite", "label": "AP, 1 Jan 2025", "title": "T", "article": "a"},
    ]
    html = str(macros.cites(links))  # type: ignore[attr-defined]
    assert html.count('class="cite-group"') == 2 and html.count("AP, 1 Jan 2025</a>") == 1
    assert 'class="cite more" href="/articles/a?start=9&amp;end=12#cite"' in html and ">2</a>" in html


def test_a_large_storys_page_shows_its_most_corroborated_claims_and_first_quotes_and_links_to_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.web import views

    cite = {"article_id": "a1", "start": 0, "end": 3, "source": "AP"}
    dossier = {
        "story": {"id": "s1", "title": "T", "outlets": ["AP"]},
        "claims": [{"id": f"c{i}", "text": f"claim {i}", "support": [cite]} for i in range(5)],
        "quotes": [
            {"text": f"q {i}", "kind": "direct", "speaker": "Ann" if i else "Bo", "cite": cite} for i in range(5)
        ],
    }
    monkeypatch.setattr(views, "PAGE_CLAIMS", 2)
    monkeypatch.setattr(views, "PAGE_QUOTES", 3)
    v = dossier_view(dossier)
    assert [c["text"] for c in v["claims"]] == ["claim 0", "claim 1"] and len(v["claim_heat"]["rows"]) == 2
    assert v["claim_total"] == 5 and len(v["quotes"]) == 3 and v["quote_total"] == 5
    full = dossier_view(dossier, full=True)
    assert len(full["claims"]) == 5 and len(full["claim_heat"]["rows"]) == 5 and len(full["quotes"]) == 5
    assert len(dossier_view(dossier, speaker="Ann")["quotes"]) == 4  # one speaker's quotes: all of them


def test_a_long_section_shows_its_first_rows_and_a_show_all_link_to_the_full_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Timeline, conflicts, figures, quotes across outlets and events show their first PAGE_ROWS; the page says how
    many there are and links the full page (``?full=1``), which lists every row with its citation."""
    from storyline.web import story_pages, views

    cite = {"article_id": "a1", "start": 0, "end": 3, "source": "AP"}
    dossier = {
        "story": {"id": "s1", "title": "T", "outlets": ["AP"]},
        "timeline": [{"date": f"2025-11-{i + 1:02d}", "text": f"day {i}", "cites": [cite]} for i in range(5)],
        "conflicts": [{"text": f"conflict {i}", "cites": [cite], "why": "w"} for i in range(5)],
    }
    monkeypatch.setattr(views, "PAGE_ROWS", 2)
    v = dossier_view(dossier)
    assert [t["text"] for t in v["timeline"]] == ["day 0", "day 1"] and v["timeline_total"] == 5
    assert len(v["conflicts"]) == 2 and v["conflict_total"] == 5
    _, page = story_pages.draw(dossier)
    assert "The first 2 of 5 dated events." in page and '<a href="?full=1#timeline">Show all 5 dated events</a>' in page
    assert '<a href="?full=1#conflicts">Show all 5 conflicts</a>' in page
    full = dossier_view(dossier, full=True)
    assert len(full["timeline"]) == 5 and len(full["conflicts"]) == 5
    assert all(t["cites"][0]["href"] == "/articles/a1?start=0&end=3#cite" for t in full["timeline"])
    monkeypatch.setattr(views, "PAGE_ROWS", 5)
    assert "Show all" not in story_pages.draw(dossier)[1]  # nothing left out: no link


def test_a_long_list_of_citations_or_wordings_shows_its_first_articles_and_how_many_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.web import story_pages, views

    cites = [{"article_id": f"a{i}", "start": 0, "end": 3, "source": "AP"} for i in range(5)]
    dossier = {
        "story": {"id": "s1", "title": "T", "outlets": ["AP"]},
        "claims": [
            {"id": "c1", "text": "claim", "support": cites, "versions": [{"text": "w", "cite": c} for c in cites]}
        ],
    }
    monkeypatch.setattr(views, "PAGE_CITED_ARTICLES", 2)
    (claim,) = dossier_view(dossier)["claims"]
    assert len(claim["cites"]) == 3 and claim["cites"][-1] == {"more": 3}
    assert len(claim["children"]) == 3 and claim["children"][-1] == {"more": 3}
    (full,) = dossier_view(dossier, full=True)["claims"]
    assert len(full["cites"]) == 5 and len(full["children"]) == 5
    html = story_pages.draw(dossier)[1]
    assert html.count('href="?full=1">+3 more') == 2  # "+3 more articles" after the cites, "+3 more" wordings


def test_a_page_asked_for_while_it_is_built_is_built_once_and_given_to_both() -> None:
    """A request for a page another request is building waits for that build (no second build of it)."""
    import contextlib
    import threading
    from collections.abc import Hashable, Iterator
    from types import SimpleNamespace

    from fastapi.responses import HTMLResponse

    from storyline.web.pagecache import PageCache, cached_page

    waiting, release = threading.Event(), threading.Event()

    class Watched(PageCache):
        def claim(self, key: Hashable) -> threading.Event | None:
            other = super().claim(key)
            if other is not None:
                waiting.set()  # the second request is about to wait for the first's build
            return other

    @contextlib.contextmanager
    def corpus() -> Iterator[SimpleNamespace]:
        yield SimpleNamespace(store=SimpleNamespace(write_count=lambda: 1))

    state = SimpleNamespace(pages=Watched(), corpus=corpus)
    request = SimpleNamespace(
        app=SimpleNamespace(state=SimpleNamespace(storyline=state)), url=SimpleNamespace(path="/", query="")
    )
    calls: list[int] = []

    @cached_page
    def page(request: object) -> HTMLResponse:
        calls.append(1)
        release.wait(5)
        return HTMLResponse("built")

    got: list[bytes] = []
    threads = [threading.Thread(target=lambda: got.append(bytes(page(request=request).body))) for _ in range(2)]
    threads[0].start()
    while not calls:
        threading.Event().wait(0.01)
    threads[1].start()
    assert waiting.wait(5)
    release.set()
    for t in threads:
        t.join(5)
    assert calls == [1] and got == [b"built", b"built"]
