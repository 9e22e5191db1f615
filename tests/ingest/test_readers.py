"""Tests for the input readers: every format, every kind of bad input, discovery and outlet names."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from storyline.ingest import readers
from storyline.ingest.formats.meta import iso_date
from storyline.ingest.readers import RawDoc, detect_format, discover, read_file, source_from_url
from storyline.model import FileError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "corpus" / "seeds"
ARTICLE_URL = "https://news.example.org/2024/03/05/port-strike"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading must never touch the network (trafilatura, feedparser and htmldate included)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def read(path: Path, **kwargs: Any) -> tuple[list[RawDoc], list[FileError]]:
    return read_file(path, display_path=path.name, **kwargs)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def only_error(result: tuple[list[RawDoc], list[FileError]]) -> FileError:
    docs, errors = result
    assert docs == []
    assert len(errors) == 1, errors
    return errors[0]


# --- plain text -------------------------------------------------------------------------------


def test_txt_is_kept_as_is_with_newlines_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "story.txt", b"Headline here\r\nFirst line.\rSecond\x00 line.\n\n  Indented.\n")
    docs, errors = read(path)
    assert errors == []
    (doc,) = docs
    assert doc.text == "Headline here\nFirst line.\nSecond line.\n\n  Indented.\n"
    assert (doc.path, doc.fmt, doc.title, doc.first_line_title) == ("story.txt", "txt", None, True)
    assert doc.meta["encoding"] == "utf-8"


TEXT = (
    "\u201cWe will not back down,\u201d said the minister of the caf\u00e9 owners\u2019 na\u00efve plans \u2013 again."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (((TEXT + " ") * 3).encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"],
)
def test_txt_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    docs, errors = read(write(tmp_path, "a.txt", data))
    assert errors == []
    assert docs[0].text.startswith(TEXT)
    assert docs[0].meta["encoding"] == encoding
    assert "\ufeff" not in docs[0].text


@pytest.mark.parametrize("name", ["notes.md", "README", "story.text", "dump.csv"])
def test_other_text_names_read_as_txt(tmp_path: Path, name: str) -> None:
    docs, errors = read(write(tmp_path, name, "Title\nBody text."))
    assert errors == []
    assert docs[0].fmt == "txt" and docs[0].text == "Title\nBody text."


def test_seed_reads_as_txt_with_text_intact() -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/corpus/seeds not present")
    raw = seeds[0].read_bytes().decode("utf-8-sig")
    docs, errors = read_file(seeds[0])
    assert errors == []
    (doc,) = docs
    assert doc.fmt == "txt" and doc.first_line_title
    assert doc.text == raw.replace("\r\n", "\n").replace("\r", "\n")


# --- HTML -------------------------------------------------------------------------------------


def check_article_page(doc: RawDoc) -> None:
    assert doc.fmt in ("html", "warc")
    assert doc.text.startswith("More than 4,000 dock workers walked off the job")
    assert "Dalia Reyes" in doc.text and "$210 million" in doc.text
    for chrome in (
        "cookies",
        "Subscribe",
        "Related stories",
        "All rights reserved",
        "Terms of use",
        "analytics",
    ):
        assert chrome not in doc.text
    assert len(doc.text.split("\n")) >= 5  # one line per paragraph
    assert doc.title == "Dock workers walk out as port talks collapse"
    assert not doc.text.startswith(doc.title)
    assert (doc.source, doc.source_how) == ("The Harbour Herald", "metadata")
    assert doc.author == "Mara Okafor"
    assert doc.url == ARTICLE_URL
    assert doc.published == "2024-03-05"
    assert doc.first_line_title is False
    assert doc.meta["extraction"] == "trafilatura"
    assert doc.meta["source_domain"] == "example.org"


def test_html_article_page() -> None:
    docs, errors = read(FIXTURES / "article.html")
    assert errors == []
    (doc,) = docs
    assert doc.path == "article.html"
    check_article_page(doc)


def test_gzipped_html(tmp_path: Path) -> None:
    path = write(tmp_path, "article.html.gz", gzip.compress((FIXTURES / "article.html").read_bytes()))
    docs, errors = read(path)
    assert errors == []
    assert docs[0].path == "article.html.gz"
    check_article_page(docs[0])


def test_html_honours_meta_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 closes</title></head>'
        "<body><article>"
        "<p>The caf\u00e9 on the quay \u2013 open since 1952 \u2013 closed on Friday, its owner said."
        "</p>"
        "<p>\u201cIt is the end of an era,\u201d she said.</p></article></body></html>"
    )
    docs, errors = read(write(tmp_path, "cafe.html", page.encode("cp1252")))
    assert errors == []
    assert "caf\u00e9 on the quay \u2013 open" in docs[0].text
    assert "\u201cIt is the end of an era,\u201d" in docs[0].text


def test_html_falls_back_to_baseline_for_json_ld_pages(tmp_path: Path) -> None:
    body = (
        "The port reopened on Monday after a ten-day strike ended with a new pay deal, officials said. "
        "Ships began unloading within hours."
    )
    page = (
        '<html><head><title>Port reopens</title><script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "headline": "Port reopens", "articleBody": body})
        + '</script></head><body><div id="app"></div></body></html>'
    )
    docs, errors = read(write(tmp_path, "app.html", page))
    assert errors == []
    assert docs[0].text == body
    assert docs[0].meta["extraction"] == "baseline"


def test_html_source_from_url_when_page_names_no_site(tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="canonical" href="https://edition.cnn.com/2024/03/05/world/port/index.html">'
        "<title>Port strike</title></head><body><article><p>Dock workers walked out on Tuesday after talks "
        "collapsed, union officials said.</p><p>The port authority called it damaging.</p></article>"
        "</body></html>"
    )
    docs, _ = read(write(tmp_path, "cnn.html", page))
    assert (docs[0].source, docs[0].source_how) == ("CNN", "url")


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("BBCWorld", "https://www.bbc.co.uk/news/x", ("BBC", "url")),  # a known host keeps its one name
        ("Hosted", "https://hosted.example-wire.org/x", ("example-wire.org", "url")),  # a word, not a name
        ("Copyright 2019", "https://www.valley-daily.net/x", ("valley-daily.net", "url")),
        (
            "Valley Daily | Your trusted local news source",
            "https://www.valley-daily.net/x",
            ("Valley Daily", "metadata"),
        ),
        ("Expert advice for weekend gardeners", "https://www.gardenpost.org/x", ("gardenpost.org", "url")),
        (
            "Department of the Interior News",
            "https://www.interior-news.gov/x",
            ("Department of the Interior News", "metadata"),
        ),
    ],
)
def test_html_site_names_that_name_no_outlet(tmp_path: Path, site: str, url: str, expected: tuple[str, str]) -> None:
    page = (
        f'<html><head><link rel="canonical" href="{url}"><meta property="og:site_name" content="{site}">'
        "<title>Port strike</title></head><body><article><p>Dock workers walked out on Tuesday after talks "
        "collapsed, union officials said.</p><p>The port authority called it damaging.</p></article>"
        "</body></html>"
    )
    docs, _ = read(write(tmp_path, "page.html", page))
    assert (docs[0].source, docs[0].source_how) == expected


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        (
            "Dock workers walk out at the port | The Harbour Blog",
            "The Harbour Blog",
            None,
            "Dock workers walk out at the port",
        ),
        (
            "Dock workers walk out at the port - PortNews.com",
            None,
            "https://portnews.com/a",
            "Dock workers walk out at the port",
        ),
        (
            "Dock workers walk out - Valley Daily - Local news",
            "Valley Daily - Local news",
            None,
            "Dock workers walk out",
        ),
        ("Opinion | Dock workers deserve better", "The Harbour Blog", None, "Opinion | Dock workers deserve better"),
        ("Strike - harbour blog meets the union", "Harbour Blog", None, "Strike - harbour blog meets the union"),
    ],
)
def test_html_title_loses_the_site_name_at_its_end(
    tmp_path: Path, title: str, site: str | None, url: str | None, expected: str
) -> None:
    head = (f'<link rel="canonical" href="{url}">' if url else "") + (
        f'<meta property="og:site_name" content="{site}">' if site else ""
    )
    page = (
        f"<html><head>{head}<title>{title}</title></head><body><article><p>Dock workers walked out on Tuesday "
        "after talks collapsed, union officials said.</p><p>The port authority called it damaging.</p></article>"
        "</body></html>"
    )
    docs, _ = read(write(tmp_path, "page.html", page))
    assert docs[0].title == expected


def test_html_popup_boxes_inside_a_paragraph_are_not_article_text(tmp_path: Path) -> None:
    card = (
        '<span class="rollover-people-block"><a class="name" href="/p/ann-lee">Ann May Lee</a>'
        '<a href="/n/1">Mayor vows to fix the harbour road</a> <a href="/n/2">Budget vote delayed again</a> MORE</span>'
    )
    page = (
        '<html><head><title>Harbour road</title></head><body><article><p>Mayor <span class="rollover-people">'
        f'<a href="/p/ann-lee">Ann Lee</a>{card}</span> (D) said the harbour road would reopen on Friday after '
        "three weeks of repairs.</p><p>Residents had complained about the detour for weeks, the council said.</p>"
        "</article></body></html>"
    )
    docs, _ = read(write(tmp_path, "page.html", page))
    assert docs[0].text.startswith("Mayor Ann Lee (D) said the harbour road would reopen on Friday")
    assert "MORE" not in docs[0].text and "Budget vote" not in docs[0].text


def test_html_without_text(tmp_path: Path) -> None:
    page = "<html><head><title>App</title></head><body><script>render()</script></body></html>"
    error = only_error(read(write(tmp_path, "app.html", page)))
    assert error.code == "E110" and error.reason.startswith("no article text found in HTML")


def test_txt_holding_a_whole_page_is_read_as_html(tmp_path: Path) -> None:
    path = write(tmp_path, "saved.txt", (FIXTURES / "article.html").read_bytes())
    docs, _ = read(path)
    assert docs[0].fmt == "html"
    assert docs[0].title == "Dock workers walk out as port talks collapse"


# --- JSON Lines and JSON ----------------------------------------------------------------------


def test_jsonl_fixture_reads_good_lines_and_reports_the_broken_one() -> None:
    docs, errors = read(FIXTURES / "dump.jsonl")
    assert [d.path for d in docs] == ["dump.jsonl#1", "dump.jsonl#3"]
    (error,) = errors
    assert error.path == "dump.jsonl" and error.code == "E120"
    assert error.reason.startswith("line 2: invalid JSON: ")
    first, third = docs
    assert first.fmt == "jsonl" and first.first_line_title is False
    assert first.title == "Dock workers walk out as port talks collapse"
    assert (first.source, first.source_how) == ("The Harbour Herald", "metadata")
    assert first.author == "Mara Okafor, Tom Beck"
    assert first.published == "2024-03-05"
    assert first.meta["published_raw"] == "2024-03-05T08:30:00+08:00"
    assert first.meta["id"] == "hh-001"
    assert first.text.startswith("More than 4,000 dock workers")
    # HTML in a text field goes through trafilatura
    assert "<" not in third.text and third.text.startswith("At least 30 vessels")
    assert third.text.count("\n") == 1
    assert third.title == "Port strike strands 30 ships"
    assert not third.text.startswith(third.title)  # the <h1> repeating the headline is not body text
    assert (third.source, third.source_how) == ("Reuters", "url")
    assert third.published == "2024-03-06"
    assert third.author == "Staff"


def test_jsonl_record_problems(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "No text", "text": "   "}),
        "[1, 2]",
        "",
        json.dumps({"content": ["Para one.", "Para two."], "domain": "www.bbc.co.uk"}),
    ]
    docs, errors = read(write(tmp_path, "d.ndjson", "\n".join(lines)))
    assert [(e.code, e.reason.split(":")[0]) for e in errors] == [("E121", "line 1"), ("E122", "line 2")]
    assert docs[0].path == "d.ndjson#4"
    assert docs[0].text == "Para one.\nPara two."
    assert (docs[0].source, docs[0].source_how) == ("BBC", "metadata")


def test_jsonl_caps_the_error_list(tmp_path: Path) -> None:
    docs, errors = read(write(tmp_path, "junk.jsonl", "\n".join(["{oops"] * 25)))
    assert docs == []
    assert len(errors) == 21
    assert errors[-1].code == "E129" and errors[-1].reason == "5 more record errors not shown"


def test_json_list_fixture() -> None:
    docs, errors = read(FIXTURES / "list.json")
    assert [d.path for d in docs] == ["list.json#1", "list.json#2"]
    first, second = docs
    assert (first.source, first.source_how) == ("AP", "metadata")  # "apnews.com" mapped to the outlet
    assert first.author == "Lee Hammond" and first.published == "2024-03-07"
    assert first.text.split("\n")[1] == "The strike will continue until a deal is reached, the union said."
    assert (second.source, second.published, second.meta["published_raw"]) == (
        "Regional Times",
        "2024-03-08",
        "1709856000",
    )
    (error,) = errors
    assert (error.path, error.code) == ("list.json", "E121")
    assert error.reason.startswith("record 3: record has no text")


def test_json_single_object_and_wrapped_list(tmp_path: Path) -> None:
    single = write(tmp_path, "one.json", json.dumps({"title": "T", "body": "Body.", "url": "https://www.ft.com/x"}))
    docs, errors = read(single)
    assert errors == [] and docs[0].path == "one.json"
    assert (docs[0].source, docs[0].source_how) == ("Financial Times", "url")
    wrapped = write(tmp_path, "api.json", json.dumps({"status": "ok", "articles": [{"text": "A."}, {"text": "B."}]}))
    docs, errors = read(wrapped)
    assert errors == [] and [d.text for d in docs] == ["A.", "B."] and docs[1].path == "api.json#2"


def test_json_that_is_really_jsonl_and_back(tmp_path: Path) -> None:
    jsonl_body = json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n"
    docs, errors = read(write(tmp_path, "misnamed.json", jsonl_body))
    assert errors == [] and [d.path for d in docs] == ["misnamed.json#1", "misnamed.json#2"]
    pretty = json.dumps([{"text": "One."}, {"text": "Two."}], indent=2)
    docs, errors = read(write(tmp_path, "pretty.jsonl", pretty))
    assert errors == [] and [d.text for d in docs] == ["One.", "Two."]


@pytest.mark.parametrize(
    ("body", "code", "start"),
    [
        ('{"title": "cut', "E120", "invalid JSON: "),
        ("42", "E122", "JSON holds a number"),
        ("[]", "E122", "JSON holds an empty list"),
        ('{"status": "ok", "count": 0}', "E122", "JSON object has no article text"),
    ],
)
def test_json_file_problems(tmp_path: Path, body: str, code: str, start: str) -> None:
    error = only_error(read(write(tmp_path, "bad.json", body)))
    assert (error.path, error.code) == ("bad.json", code)
    assert error.reason.startswith(start)


# --- feeds ------------------------------------------------------------------------------------


def test_rss_fixture() -> None:
    docs, errors = read(FIXTURES / "feed_rss.xml")
    assert [d.path for d in docs] == ["feed_rss.xml#1", "feed_rss.xml#2"]
    full, long_summary = docs
    assert full.fmt == "feed" and full.first_line_title is False
    assert full.text.split("\n") == [
        "More than 4,000 dock workers walked off the job at the city's container port on Tuesday after wage "
        "talks collapsed.",
        '"We have been patient for eighteen months," said Dalia Reyes of the Harbour Workers\' Union.',
    ]
    assert full.title == "Dock workers walk out as port talks collapse"
    assert (full.source, full.source_how) == ("The Harbour Herald", "metadata")
    assert full.author == "Mara Okafor"
    assert full.url == ARTICLE_URL
    assert full.published == "2024-03-05"  # the date as written (23:30 -0500), not shifted to UTC
    assert full.meta["published_raw"] == "Tue, 05 Mar 2024 23:30:00 -0500"
    assert full.meta["feed_text"] == "content"
    assert long_summary.meta["feed_text"] == "summary" and long_summary.text.count("\n") == 1
    (error,) = errors
    assert (error.path, error.code) == ("feed_rss.xml", "E131")
    assert error.reason.startswith("1 of 3 entries have no full text")


def test_atom_fixture() -> None:
    docs, errors = read(FIXTURES / "feed_atom.atom")
    assert errors == []
    first, second = docs
    assert first.text == (
        "The Harbour Workers' Union and the port authority agreed on Thursday to resume talks.\n"
        "The union said the strike would continue until a deal was reached."
    )
    assert (first.source, first.author, first.published) == ("Coastal Wire", "Ines Duarte", "2024-03-07")
    assert first.url == "https://wire.example.net/2024/03/07/talks"
    assert second.title == "Shelves empty as strike bites"
    assert (
        second.text
        == "Supermarkets reported empty fruit and vegetable shelves on Friday.\nRetailers blamed the strike."
    )
    assert second.published == "2024-03-08"  # from <updated> when there is no <published>


def test_feed_is_sniffed_under_an_unknown_name(tmp_path: Path) -> None:
    path = write(tmp_path, "download.php", (FIXTURES / "feed_atom.atom").read_bytes())
    docs, _ = read(path)
    assert [d.fmt for d in docs] == ["feed", "feed"]


def test_broken_and_empty_feeds(tmp_path: Path) -> None:
    broken = only_error(read(write(tmp_path, "broken.xml", "<?xml version='1.0'?><rss><channel><title>x</ti")))
    assert broken.code == "E130" and broken.reason.startswith("not a valid RSS/Atom feed: ")
    empty = only_error(
        read(write(tmp_path, "empty.rss", '<rss version="2.0"><channel><title>x</title></channel></rss>'))
    )
    assert empty.code == "E132"
    sitemap = '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    not_a_feed = only_error(read(write(tmp_path, "sitemap.xml", sitemap)))
    assert not_a_feed.code == "E130" and "no <rss>, <feed> or <rdf:RDF> element" in not_a_feed.reason


# --- WARC -------------------------------------------------------------------------------------


def build_warc(path: Path, *, gzipped: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer: Any, url: str, status: str, content_type: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        request = writer.create_warc_record(
            ARTICLE_URL,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True),
        )
        writer.write_record(request)
        response(
            writer,
            ARTICLE_URL,
            "200 OK",
            "text/html; charset=utf-8",
            (FIXTURES / "article.html").read_bytes(),
        )
        response(writer, "https://news.example.org/missing", "404 Not Found", "text/html", b"<html>gone</html>")
        response(writer, "https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    build_warc(path, gzipped=name.endswith(".gz"))
    docs, errors = read(path)
    assert errors == []
    (doc,) = docs
    assert doc.path == f"{name}#{ARTICLE_URL}"
    assert doc.fmt == "warc"
    check_article_page(doc)
    assert doc.meta["warc_target_uri"] == ARTICLE_URL
    assert "warc_date" in doc.meta


def test_warc_size_limit_is_per_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzipped=True)
    error = only_error(read(path, max_bytes=1000))
    assert (error.path, error.code) == ("crawl.warc.gz", "E107")
    assert error.reason == f"record {ARTICLE_URL}: record payload is over the 1 kB limit; raise ingest.max_bytes"


def test_warc_without_html_and_broken_warc(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    empty = tmp_path / "meta.warc.gz"
    with empty.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("meta.warc.gz", {"software": "test"}))
    assert only_error(read(empty)).code == "E141"

    good = tmp_path / "good.warc.gz"
    build_warc(good, gzipped=True)
    data = good.read_bytes()
    cut = write(tmp_path, "cut.warc.gz", data + b"WARC/1.0\r\nWARC-Type: response\r\nbroken")
    docs, errors = read(cut)
    assert len(docs) == 1  # the good record before the break is kept
    assert [e.code for e in errors] == ["E140"]
    assert errors[0].reason.startswith("broken WARC file after 4 records")


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "code", "reason"),
    [
        ("empty.txt", b"", "E103", "empty file"),
        ("blank.txt", b" \n\t\r\n  ", "E104", "file holds only whitespace"),
        ("blank.html", b"\n\n   \n", "E104", "file holds only whitespace"),
        ("blank.jsonl", b"\n\n", "E104", "file holds only whitespace"),
        (
            "paper.txt",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "E105",
            "binary file (PDF): convert it to text or HTML first",
        ),
        (
            "photo.html",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "E105",
            "binary file (PNG): it holds no article text; leave it out",
        ),
        (
            "bundle.json",
            b"PK\x03\x04\x14\x00\x00\x00",
            "E105",
            "binary file (ZIP): unpack it and pass the files or the folder instead",
        ),
        (
            "blob",
            b"\x00\x00\x00\x10\x7fELG\x00\x01" * 64,
            "E105",
            "binary file (NUL bytes, unknown type): convert it to text or HTML first",
        ),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, code: str, reason: str) -> None:
    error = only_error(read(write(tmp_path, name, data)))
    assert (error.path, error.code, error.reason) == (name, code, reason)


def test_undecodable(tmp_path: Path) -> None:
    error = only_error(read(write(tmp_path, "mojibake.txt", bytes(range(0x80, 0x100)) * 40)))
    assert error.code == "E106" and error.reason.startswith("cannot decode the text")


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:  # sparse: no 31 MB actually written
        out.truncate(31_200_000)
    error = only_error(read(path))
    assert error.code == "E107"
    assert error.reason == "file is 31.2 MB, over the 20 MB limit; split it or raise ingest.max_bytes"


def test_max_bytes_applies_after_gunzip(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt.gz", gzip.compress(b"word " * 1000))
    error = only_error(read(path, max_bytes=1000))
    assert error.code == "E107" and error.reason.startswith("unpacked file is over the 1 kB limit")


def test_broken_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b"Some text. " * 500)
    assert only_error(read(write(tmp_path, "cut.txt.gz", data[: len(data) // 2]))).code == "E109"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "text")
    path.chmod(0)
    try:
        error = only_error(read(path))
    finally:
        path.chmod(0o644)
    assert error.code == "E102" and error.reason.startswith("permission denied")


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", "text")

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    error = only_error(read(path))
    assert (error.code, error.reason) == (
        "E102",
        "permission denied; check the file's permissions (e.g. chmod u+r)",
    )


def test_missing_file_and_folder_given_to_read_file(tmp_path: Path) -> None:
    assert only_error(read(tmp_path / "nope.txt")).code == "E101"
    assert only_error(read_file(tmp_path)).code == "E102"


def test_read_file_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(readers, "_text_doc", explode)
    error = only_error(read(write(tmp_path, "a.txt", "Text.")))
    assert error.code == "E199" and "RuntimeError: boom" in error.reason


# --- format detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Plain words.", "txt"),
        ("a", b"Plain words.", "txt"),
        ("a.txt", b"\xef\xbb\xbf<!DOCTYPE html><html><body>", "html"),
        ("a.txt", b"<p>a fragment stays text in a .txt</p>", "txt"),
        ("a.dat", b"<div>fragment</div>", "html"),
        ("a.html", b"%PDF-1.4", "binary:PDF"),
        ("a.html", b"No markup at all.", "txt"),
        ("a.xml", b"<!-- saved --><html><body>", "html"),
        ("a.html", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("a.bin", '<?xml version="1.0"?><feed>'.encode("utf-16"), "feed"),
        ("a.out", b'[{"text": "x"}]', "json"),
        ("a.jsonl", b'{"text": "x"}', "jsonl"),
        ("a.warc.gz", b"\x1f\x8b\x08", "warc"),
        ("a", b"WARC/1.1\r\n", "warc"),
        ("a.html.gz", b"\x1f\x8b\x08", "gzip"),
        # LDC newswire (SGML <DOC> records) by its first tag, whatever the name says; other markup is not it
        ("wire.sgml", b"<DOC>\n<DOCNO> A </DOCNO>", "newswire"),
        ("APW19990312", b"<DOC>\n<DOCNO> A </DOCNO>", "newswire"),
        ("wire.txt", b"<DOC>\n<DOCNO> A </DOCNO>", "newswire"),
        ("giga.xml", b'<DOC id="AFP_ENG_1" type="story">', "newswire"),
        ("wire.tdt", b"\n<doc>\n<docno> A </docno>", "newswire"),
        ("wire.sgml", b"Plain text, no markup.", "txt"),
        ("notes.txt", b"<docs><doc>not newswire</doc></docs>", "txt"),
    ],
)
def test_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


# --- discover ---------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for rel in [
        "b.txt",
        "a.html",
        "sub/c.json",
        "sub/deeper/d.txt",
        ".hidden.txt",
        ".git/config",
        "sub/.cache/e.txt",
    ]:
        write(root, rel, "x")


def test_discover_folders_recursively_sorted_without_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    files, errors = discover([str(tmp_path)])
    assert errors == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a.html",
        "b.txt",
        "sub/c.json",
        "sub/deeper/d.txt",
    ]


def test_discover_globs_dedup_missing_and_empty(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "empty").mkdir()
    inputs = [
        str(tmp_path / "*.txt"),
        str(tmp_path / "**" / "*.json"),
        str(tmp_path / "b.txt"),  # already matched by the glob
        str(tmp_path / ".hidden.txt"),  # named explicitly: kept
        str(tmp_path / "missing.txt"),
        str(tmp_path / "*.pdf"),
        str(tmp_path / "empty"),
    ]
    files, errors = discover(inputs)
    assert [f.name for f in files] == [".hidden.txt", "b.txt", "c.json"]
    assert [(e.code, e.reason) for e in errors] == [
        ("E101", "no such file or folder"),
        ("E101", "no such file or folder: the pattern matched nothing"),
        ("E108", "folder holds no files (hidden files and folders are skipped)"),
    ]
    assert errors[0].path == str(tmp_path / "missing.txt")


def test_discover_keeps_paths_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    files, _ = discover(["sub", "./sub/c.json"])
    assert [str(f) for f in files] == [os.path.join("sub", "c.json"), os.path.join("sub", "deeper", "d.txt")]


def test_discover_then_read_everything(tmp_path: Path) -> None:
    files, errors = discover([str(FIXTURES)])
    assert errors == [] and len(files) >= 5
    for path in files:
        docs, _ = read_file(path)
        assert docs, path


# --- metadata helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bloomberg.com/news/articles/2024-03-05/x", "Bloomberg"),
        ("https://edition.cnn.com/2024/03/05/world/x", "CNN"),
        ("https://www.bbc.co.uk/news/world-123", "BBC"),
        ("https://abcnews.go.com/International/x", "ABC News"),
        ("https://www.taipeitimes.com/News/front/archives/2024/03/05/1", "Taipei Times"),
        ("www.reuters.com/world/x", "Reuters"),
        ("https://blog.some-local-paper.co.uk/2024/x", "some-local-paper.co.uk"),
        ("https://www.example-news.org/story", "example-news.org"),
        ("http://127.0.0.1:8000/x", None),
        ("http://localhost/x", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_source_from_url(url: str, expected: str | None) -> None:
    assert source_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05 10:00", "2024-03-05"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 2024", "2024-03"),
        (1709856000, "2024-03-08"),
        (1709856000000, "2024-03-08"),
        ("2 hours ago", None),
        ("2024-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_iso_date(value: Any, expected: str | None) -> None:
    assert iso_date(value) == expected
