"""Markdown and HTML dossiers: structure, traceability (every cite findable), self-containment, escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import pytest

from storyline.render import svg
from storyline.render.html import cite_anchor, mark_paragraphs, render_html
from storyline.render.markdown import escape_md, render_markdown

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_NS = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """Collects tags, attributes, ids and text, and reports unbalanced markup."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: Counter[str] = Counter()
        self.text: list[str] = []
        self.marks_open = 0
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids[a["id"]] += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag == "mark":
            if self.marks_open:
                self.errors.append("nested <mark>")
            self.marks_open += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.marks_open -= 1
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)

    def find(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


Make = Callable[[], dict[str, Any]]


def all_cites(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """Every cite in the dossier, wherever it is."""
    out: list[dict[str, Any]] = []
    for key in ("summary", "timeline", "key_sentences"):
        for item in dossier[key]:
            out += item["cites"]
    out += [q["cite"] for q in dossier["quotes"]]
    return out


def _xss_dossier(make: Make) -> dict[str, Any]:
    d = make()
    d["story"]["title"] = "Title " + XSS
    d["story"]["event_date_why"] = XSS
    d["story"]["outlets"][0] = "Bloom" + XSS
    a = d["articles"][0]
    a["title"] = "Article " + XSS
    a["source"] = "Bloom" + XSS
    a["author"] = XSS
    a["path"] = "seeds/" + XSS
    a["url"] = "javascript:alert(1)"
    a["published_why"] = '" onmouseover="alert(1)'
    a["removed"].append({"text": XSS, "reason": XSS})
    a["text"] = a["text"] + "\n\n" + XSS  # appended: the fixture's offsets stay valid
    a["paragraphs"].append([len(a["text"]) - len(XSS), len(a["text"])])
    d["entities"][0]["name"] = XSS
    d["entities"][0]["per_outlet"] = {"Bloom" + XSS: 3}
    d["timeline"][0]["text"] = XSS
    d["timeline"][0]["date"] = '2025"><script>alert(1)</script>'
    d["key_sentences"][0]["text"] = XSS
    d["quotes"][0]["speaker"] = XSS
    d["quotes"][0]["text"] = XSS
    d["summary"][0]["cites"][0]["label"] = XSS
    d["summary"][0]["cites"][0]["title"] = XSS
    return d


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_headline_facts_and_every_article(dossier: dict[str, Any]) -> None:
    md = render_markdown(dossier)
    assert md.splitlines()[0] == "# Xi raises Taiwan in phone call with Trump"
    assert "**Event date:** 2025-11-24" in md
    assert "**4** articles · **3** independent sources" in md
    for a in dossier["articles"]:
        assert escape_md(a["title"]) in md
        assert escape_md(a["path"]) in md
    for heading in (
        "## Summary",
        "## Timeline",
        "## Key sentences",
        "## Quotes",
        "## Key people, organisations and places",
        "## Articles",
    ):
        assert heading in md
    assert "- **2026-04** *(announced)* — Trump is to visit Beijing." in md


def test_markdown_has_a_footnote_for_every_cite(dossier: dict[str, Any]) -> None:
    md = render_markdown(dossier)
    paths = {a["id"]: a["path"] for a in dossier["articles"]}
    definitions = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, flags=re.M))
    for c in all_cites(dossier):
        wanted = f"chars {c['start']}–{c['end']} of `{paths[c['article_id']]}`"
        assert any(wanted in d and d.startswith(escape_md(c["label"])) for d in definitions.values()), wanted
    body = md.split("\n[^1]: ")[0]
    used = set(re.findall(r"\[\^(\d+)\](?!:)", body))
    assert used == set(definitions), "every reference has a definition and every definition is used"
    # The same passage cited twice is one footnote: 20 distinct passages in the fixture.
    distinct = {(c["article_id"], c["start"], c["end"]) for c in all_cites(dossier)}
    assert len(definitions) == len(distinct)


def test_markdown_escapes_article_text_in_tables_and_prose(make: Make) -> None:
    d = _xss_dossier(make)
    d["articles"][1]["title"] = "US | China *trade* [deal](http://x) _now_"
    md = render_markdown(d)
    outside_code = re.sub(r"`[^`]*`", "", md)  # a path stays verbatim, but inside a code span
    assert not re.search(r"(?<!\\)<", outside_code), "every < outside a code span is escaped"
    assert r"US \| China \*trade\* \[deal\](http://x) \_now\_" in md
    assert "javascript:" not in md
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html and "<img" not in html
    table = html.split("<h2>Articles</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    assert len(rows) == 1 + len(d["articles"])
    assert all(r.count("<td") == 6 for r in rows[1:]), "an escaped | must not add a cell"


def test_markdown_omits_empty_sections(dossier: dict[str, Any]) -> None:
    for key in ("summary", "quotes", "timeline", "claims", "conflicts"):
        dossier[key] = []
    md = render_markdown(dossier)
    for heading in ("## Summary", "## Quotes", "## Timeline", "## Claims", "## Conflicts"):
        assert heading not in md
    assert "## Key sentences" in md


def test_markdown_renders_claims_and_conflicts_when_present(dossier: dict[str, Any]) -> None:
    b = dossier["articles"][0]
    dossier["claims"] = [
        {
            "id": "c1",
            "text": "China bought 12 million tonnes of soybeans",
            "support": [{"article_id": b["id"], "start": 0, "end": 10}],
            "conflicts": [{"article_id": b["id"], "start": 20, "end": 30, "why": "12 vs 10 million"}],
        }
    ]
    md = render_markdown(dossier)
    assert "## Claims" in md and "China bought 12 million tonnes of soybeans[^" in md
    assert "*disputed:* 12 vs 10 million" in md


def test_a_speakers_role_is_given_once(dossier: dict[str, Any]) -> None:
    b = dossier["articles"][0]
    cite = {"article_id": b["id"], "start": 0, "end": 10}
    dossier["quotes"] = [
        {"text": t, "kind": "direct", "speaker": "Hal Brands", "speaker_role": "a fellow at AEI", "cite": cite}
        for t in ("First words here.", "Second words here.")
    ]
    assert render_markdown(dossier).count("a fellow at AEI") == 1
    assert render_html(dossier).count("a fellow at AEI") == 1


def test_reported_speech_is_never_shown_in_quotation_marks(dossier: dict[str, Any]) -> None:
    said, reported = "return to China", "Taiwan did not come up at that meeting"
    md = render_markdown(dossier)
    shown = "\n".join(line for line in md.splitlines() if not line.startswith("[^"))  # footnotes quote the article
    assert f"“{reported}”" not in shown and f"> *{reported}*" in shown and "(reported speech)" in shown
    assert f"“{said}”" in shown and "(partial quote)" in shown and "(direct quote)" in shown
    html = render_html(dossier)
    assert f"“{reported}”" not in html and f"<p class=\"words\">{reported}</p>" in html
    assert f"“{said}”" in html and ">reported speech<" in html and ">partial quote<" in html


def test_markdown_keeps_unicode(dossier: dict[str, Any]) -> None:
    md = render_markdown(dossier)
    assert "習近平" in md and "卓榮泰" in md
    assert "“return to China”" in md


# --------------------------------------------------------------------------- HTML


def test_html_is_well_formed_with_the_expected_sections(dossier: dict[str, Any]) -> None:
    html = render_html(dossier)
    assert html.startswith("<!DOCTYPE html>")
    page = Page(html)
    assert page.errors == []
    for tag in ("html", "head", "body", "main", "style", "script"):
        assert page.count(tag) == 1, tag
    assert (
        "<title>Xi raises Taiwan in phone call with Trump — story dossier</title>" in html.split("</head>")[0]
    )
    sections = [a["id"] for a in page.find("section")]
    assert sections == ["summary", "timeline", "key-sentences", "quotes", "entities", "articles", "sources"]
    assert page.count("svg") == 2  # the timeline and the mentions chart
    assert len(page.find("article")) == len(dossier["articles"])
    assert page.find("meta")[0] == {"charset": "utf-8"}


def test_html_loads_nothing_from_outside(dossier: dict[str, Any]) -> None:
    html = render_html(dossier)
    page = Page(html)
    for tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"):
        assert page.count(tag) == 0, tag
    for tag, attrs in page.tags:
        assert "src" not in attrs and "srcset" not in attrs, tag
        assert "url(" not in attrs.get("style", "")
        for name, value in attrs.items():
            if re.match(r"\s*(https?:)?//", value):
                assert (tag, name) in {("a", "href"), ("svg", "xmlns")}, (tag, name, value)
    css = html.split("<style>")[1].split("</style>")[0]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    # The article's own URL is a link, nothing more.
    assert [a["href"] for a in page.find("a") if a["href"].startswith("http")] == [
        dossier["articles"][0]["url"]
    ] * 2


def test_every_citation_link_jumps_to_an_existing_anchor(dossier: dict[str, Any]) -> None:
    page = Page(render_html(dossier))
    duplicated = [i for i, n in page.ids.items() if n > 1]
    assert duplicated == []
    internal = [a["href"][1:] for a in page.find("a") if a.get("href", "").startswith("#")]
    assert internal and all(page.ids[target] == 1 for target in internal)
    cite_links = [a["href"][1:] for a in page.find("a") if a.get("class") == "cite"]
    for c in all_cites(dossier):
        anchor = cite_anchor(c["article_id"], c["start"], c["end"])
        assert anchor in cite_links and page.ids[anchor] == 1, anchor
    assert len(cite_links) == len(all_cites(dossier))
    # Every highlighted passage names the cites it belongs to, and each of those exists.
    for m in page.find("mark"):
        assert all(page.ids[c] == 1 for c in m["data-cites"].split())


def test_cited_passage_is_marked_in_its_source_text(dossier: dict[str, Any]) -> None:
    html = render_html(dossier)
    quote = dossier["quotes"][2]["cite"]
    anchor = cite_anchor(quote["article_id"], quote["start"], quote["end"])
    assert f'<mark id="{anchor}"' in html
    marked = re.search(rf'<mark id="{anchor}"[^>]*>([^<]*)</mark>', html)
    assert (
        marked and marked.group(1) == "Beijing is using its row with Tokyo to test how far Washington will go"
    )


def test_html_escapes_everything_from_articles(make: Make) -> None:
    html = render_html(_xss_dossier(make))
    page = Page(html)
    assert page.errors == []
    assert "<script>alert" not in html and "<img" not in html and "</script><" not in html
    assert page.count("script") == 1 and page.count("img") == 0
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript:")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    # The payload is shown as text wherever it came from, including inside the source text and the chart.
    assert "".join(page.text).count("<script>alert(1)</script>") >= 8


def test_html_omits_empty_sections(dossier: dict[str, Any]) -> None:
    for key in ("summary", "quotes", "timeline", "claims", "conflicts"):
        dossier[key] = []
    html = render_html(dossier)
    page = Page(html)
    sections = [a["id"] for a in page.find("section")]
    assert sections == ["key-sentences", "entities", "articles", "sources"]
    assert [
        a["href"]
        for a in page.find("a")
        if a["href"].startswith("#") and "cite" not in a.get("class", "") and "-" not in a["href"][1:]
    ] == ["#entities", "#articles", "#sources"]
    assert page.count("svg") == 1


def test_html_renders_claims_and_conflicts_when_present(dossier: dict[str, Any]) -> None:
    b = dossier["articles"][0]
    dossier["claims"] = [
        {
            "id": "c1",
            "text": "China bought 12 million tonnes of soybeans",
            "support": [{"article_id": b["id"], "start": 0, "end": 10}],
            "conflicts": [{"article_id": b["id"], "start": 20, "end": 30, "why": "12 vs 10 million"}],
        }
    ]
    dossier["conflicts"] = [
        {
            "text": "Date of the call",
            "why": "Monday vs Tuesday",
            "cites": [{"article_id": b["id"], "start": 5, "end": 15}],
        }
    ]
    page = Page(render_html(dossier))
    assert page.errors == []
    assert {"claims", "conflicts"} <= {a["id"] for a in page.find("section")}
    for start, end in ((0, 10), (20, 30), (5, 15)):
        assert page.ids[cite_anchor(b["id"], start, end)] == 1


def test_html_keeps_unicode_as_characters(dossier: dict[str, Any]) -> None:
    html = render_html(dossier)
    assert "習近平" in html and "卓榮泰" in html
    assert "“return to China”" in html and "‘return.’”" in html
    assert "&#" not in html.split("<body>")[1].replace("&#39;", "").replace("&#34;", "")


def test_removed_lines_are_summarised_in_a_collapsed_details(dossier: dict[str, Any]) -> None:
    html = render_html(dossier)
    assert '<details class="removed">' in html and "<details open" not in html
    assert "<summary>3 lines removed: comment-prompt ×2, caption ×1</summary>" in html
    assert "Leave a Comment" in html


def test_cite_to_an_unknown_article_is_shown_but_not_linked(dossier: dict[str, Any]) -> None:
    dossier["key_sentences"][0]["cites"].append(
        {"article_id": "gone", "start": 0, "end": 5, "source": "Reuters", "title": "T", "label": "Reuters"}
    )
    page = Page(render_html(dossier))
    assert page.errors == []
    assert "cite-gone-0-5" not in {a.get("href", "")[1:] for a in page.find("a")}
    assert any(a.get("class") == "cite missing" for a in page.find("span"))


def test_minimal_dossiers_render(make: Make) -> None:
    page = Page(render_html({}))
    assert page.errors == [] and "Untitled story" in "".join(page.text)
    assert render_markdown({}).startswith("# Untitled story\n")
    d = make()
    d["articles"][0]["paragraphs"] = []  # derived from blank lines instead
    d["articles"][1]["text"] = ""  # cites now point past the end of the text
    page = Page(render_html(d))
    assert page.errors == [] and max(page.ids.values()) == 1
    for c in all_cites(d):
        assert page.ids[cite_anchor(c["article_id"], c["start"], c["end"])] == 1


def test_template_ships_inside_the_package() -> None:
    templates = resources.files("storyline.render") / "templates"
    assert (templates / "dossier.html.j2").is_file()


# --------------------------------------------------------------------------- marking overlapping cites


def test_overlapping_nested_and_coinciding_cites_give_flat_markup() -> None:
    text = "Alpha beta gamma delta.\n\nEpsilon zeta eta theta.\n\nIota."
    paragraphs = [[0, 23], [25, 48], [50, 55]]
    cites = {
        (0, 10): ["a"],  # Alpha beta
        (6, 16): ["b"],  # overlaps the first: beta gamma
        (0, 5): ["c"],  # nested at the start of (0, 10)
        (11, 11): ["zero"],  # empty range
        (17, 33): ["cross"],  # crosses the paragraph break: delta. … Epsilon zeta
        (24, 30): ["gap"],  # starts between paragraphs
        (60, 70): ["past-end"],
        (-5, 3): ["negative"],
    }
    paras = mark_paragraphs(text, paragraphs, cites, article_id="x")
    assert len(paras) == 3
    for segs, (s, e) in zip(paras, paragraphs, strict=True):
        assert "".join(seg["text"] for seg in segs) == text[s:e]
    ids = [seg["id"] for segs in paras for seg in segs if seg["id"]]
    assert sorted(ids) == sorted(cite_anchor("x", s, e) for s, e in cites)
    first = paras[0]
    # Three ranges start at 0 (one clamped from -5): the longest owns the mark, the others get empty anchors.
    assert [(seg["kind"], seg["id"]) for seg in first[:3]] == [
        ("anchor", cite_anchor("x", 0, 5)),
        ("anchor", cite_anchor("x", -5, 3)),
        ("mark", cite_anchor("x", 0, 10)),
    ]
    marks = {seg["id"]: seg for segs in paras for seg in segs if seg["kind"] == "mark" and seg["id"]}
    assert marks[cite_anchor("x", 0, 10)]["text"] == "Alp"  # up to where (0, 3) ends
    assert marks[cite_anchor("x", 6, 16)]["text"] == "beta"
    assert cite_anchor("x", 6, 16) in marks[cite_anchor("x", 6, 16)]["cites"]
    assert marks[cite_anchor("x", 24, 30)]["text"] == "Epsil"  # moved to the next paragraph's start
    zero = [seg for seg in first if seg["id"] == cite_anchor("x", 11, 11)]
    assert zero and zero[0]["kind"] == "anchor"
    assert paras[2][-1]["id"] == cite_anchor("x", 60, 70)
    # Each piece of a cross-paragraph cite is marked, in both paragraphs.
    pieces = [seg["text"] for segs in paras for seg in segs if cite_anchor("x", 17, 33) in seg["cites"]]
    assert "".join(pieces) == "delta.Epsilon "  # the break between paragraphs is not shown


# --------------------------------------------------------------------------- SVG charts


def _circles(svg_text: str) -> list[float]:
    root = ET.fromstring(svg_text)
    return [
        float(c.get("cx", "nan"))
        for g in root.iter(f"{SVG_NS}g")
        if "event" in (g.get("class") or "")
        for c in g.iter(f"{SVG_NS}circle")
    ]


def test_charts_handle_nothing_to_draw() -> None:
    assert svg.timeline_chart([]) == ""
    assert svg.timeline_chart([{"date": "someday", "label": "x"}, {"date": None, "label": "y"}]) == ""
    assert svg.bar_chart([], ["Bloomberg"], {"Bloomberg": "#000"}) == ""


def test_timeline_chart_with_one_item_is_valid_svg() -> None:
    out = svg.timeline_chart([{"date": "2025-11-24", "label": "Xi calls Trump"}])
    root = ET.fromstring(out)
    assert root.tag == f"{SVG_NS}svg" and float(root.get("width", 0)) > 0 and float(root.get("height", 0)) > 0
    (x,) = _circles(out)
    assert 100 < x < 800  # centred, not squeezed against an edge
    assert "Xi calls Trump" in "".join(root.itertext())


def test_timeline_chart_places_mixed_precision_dates_at_their_middle() -> None:
    out = svg.timeline_chart(
        [
            {"date": "2025-11-16", "label": "day after"},
            {"date": "2025-11", "label": "the month"},
            {"date": "2025-11-15", "label": "day before"},
            {"date": "2026", "label": "next year", "future": True},
        ],
        now="2025-11-25",
    )
    day15, month, day16, year = _circles(out)  # drawn in date order
    assert day15 < month < day16 < year
    assert svg.date_midpoint("2025") == pytest.approx(svg.date_midpoint("2025-07-02"))
    assert "announced / expected" in out and "latest report, 25 Nov 2025" in out
    assert ET.fromstring(out) is not None


def test_chart_labels_are_escaped() -> None:
    label = XSS + " & “習近平”"
    timeline = svg.timeline_chart(
        [{"date": "2025-11-24", "label": label, "href": "javascript:alert(1)"}], max_label=200
    )
    bars = svg.bar_chart([(label, {label: 2})], [label], {label: '"/><script>alert(1)</script>'})
    for out in (timeline, bars):
        assert "<script>" not in out and "<img" not in out and "javascript:" not in out
        root = ET.fromstring(out)  # well-formed XML
        assert label in "".join(root.itertext())


def test_bar_chart_stacks_series_in_their_colours() -> None:
    out = svg.bar_chart(
        [("Xi Jinping", {"Bloomberg": 3, "Reuters": 0, "Taipei Times": 2}), ("Taiwan", {"Bloomberg": 1})],
        ["Bloomberg", "Reuters", "Taipei Times"],
        {"Bloomberg": "#4e79a7", "Reuters": "#f28e2b", "Taipei Times": "#59a14f"},
    )
    root = ET.fromstring(out)
    fills = [r.get("fill") for r in root.iter(f"{SVG_NS}rect")]
    # Three legend swatches, then the non-zero segments only.
    assert fills == ["#4e79a7", "#f28e2b", "#59a14f", "#4e79a7", "#59a14f", "#4e79a7"]
    text = "".join(root.itertext())
    assert "Xi Jinping" in text and "Reuters" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-24", "24 Nov 2025"),
        ("2025-11", "Nov 2025"),
        ("2025", "2025"),
        ("soon", "soon"),
        (None, ""),
        ("2025-11-24T08:00:00Z", "24 Nov 2025"),
        ("2025-02-30", "2025-02-30"),
    ],
)
def test_format_date(value: str | None, expected: str) -> None:
    assert svg.format_date(value) == expected


def test_future_means_wholly_after_the_reference() -> None:
    assert svg.is_after("2026-04", "2025-11-25")
    assert not svg.is_after("2025-11", "2025-11-25")
    assert not svg.is_after("2025-11-25", "2025-11-25")
    assert not svg.is_after("2026", None)
    assert svg.latest_date(["2025-11-24", None, "2025-11", "junk"]) == "2025-11"


def test_article_without_source_is_shown_under_the_name_the_story_lists(dossier: dict[str, Any]) -> None:
    # The dossier builder lists a source-less article under its file name.
    agg = dossier["articles"][3]
    agg["source"] = None
    dossier["story"]["outlets"][3] = "aggregator-copy.txt"
    page = Page(render_html(dossier))
    assert page.errors == []
    chips = "".join(page.text)
    assert "aggregator-copy.txt" in chips and "Unknown outlet" not in chips
    assert "[aggregator-copy.txt]" in chips  # its cite link names it too
    assert "| 4 | aggregator-copy.txt |" in render_markdown(dossier)


def test_long_quote_lists_are_collapsed(dossier: dict[str, Any]) -> None:
    dossier["quotes"] = dossier["quotes"] * 10
    html = render_html(dossier)
    assert html.count('<li class="quote ') == 50
    assert "<summary>26 more quotes</summary>" in html
    assert Page(html).errors == []


def test_css_falls_back_to_cjk_fonts() -> None:
    """Chinese, Japanese and Korean text in an article shows in a font that has it, in the dossier and the web app."""
    from importlib.resources import files

    for css in (
        files("storyline.render").joinpath("templates/dossier.css.j2").read_text(encoding="utf-8"),
        files("storyline.web").joinpath("static/style.css").read_text(encoding="utf-8"),
    ):
        stack = css.split("--font:", 1)[1].split(";", 1)[0]
        for family in ("Noto Sans CJK SC", "Source Han Sans", "PingFang SC", "Microsoft YaHei"):
            assert f'"{family}"' in stack
        assert stack.strip().endswith("sans-serif")


def test_dossier_lists_every_entity_with_only_the_aliases_its_story_uses() -> None:
    from storyline.model import Article, Cite, Entity, Story
    from storyline.render.dossier import build_dossier

    text = "Marco Rubio, the senator, spoke. Rubio left."
    a = Article(id="a", path="a.txt", raw=text, text=text, source="Wire")
    rubio = Entity(
        "e1", "Marco Rubio", "PERSON", aliases=["Rubio", "U.S. Secretary of State Marco Rubio"],
        mentions=[Cite("a", 0, 11), Cite("a", 33, 38)], roles=["U.S. Secretary of State"],
    )  # fmt: skip
    others = [Entity(f"x{i}", f"Place {i}", "GPE", mentions=[Cite("a", 0, 5)]) for i in range(45)]
    d = build_dossier(Story("s1", "t", None, ["a"]), [a], [rubio, *others])
    rows = {r["name"]: r for r in d["entities"]}
    assert len(d["entities"]) == 46  # never cut at 40
    assert rows["Marco Rubio"]["aliases"] == ["Rubio"] and rows["Marco Rubio"]["roles"] == []
    assert "U.S. Secretary of State Marco Rubio" in rows["Marco Rubio"]["aliases_elsewhere"]
