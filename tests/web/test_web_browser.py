"""End to end in a real browser: Debian's Chromium driven by Playwright against a live server.

Skipped only when /usr/bin/chromium is missing (.ci/run installs it). Never downloads a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from storyline.web.screenshots import CHROMIUM, launch

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"),
]

UPLOAD = """River barges return to the Aldmoor canal after dredging

Cargo barges returned to the Aldmoor canal on Wednesday after three months of dredging, the canal authority said.
The first barge carried grain to the mills at Westbury, and forty more are expected before the end of the month.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    yield pg
    context.close()


def _cited_text(client: Any, href: str) -> str:
    url = urlparse(href)
    q = parse_qs(url.query)
    article = client.get(f"/api/articles/{url.path.rsplit('/', 1)[-1]}").json()
    return str(article["text"][int(q["start"][0]) : int(q["end"][0])])


def _story_with_most_articles(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() >= 2
    counts = [int(rows.nth(i).locator("td.num").first.inner_text()) for i in range(rows.count())]
    rows.nth(counts.index(max(counts))).locator("a.story-link").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("section", ["#summary", "#timeline"])
def test_a_citation_opens_the_highlighted_passage(page: Any, live_server: str, client: Any, section: str) -> None:
    from playwright.sync_api import expect

    _story_with_most_articles(page, live_server)
    expect(page.locator("h1")).to_contain_text("Taiwan")
    cite = page.locator(f"{section} a.cite").first
    href = cite.get_attribute("href")
    assert href and href.endswith("#cite")
    cite.click()
    page.wait_for_url(re.compile(r"/articles/"))
    mark = page.locator("mark#cite")
    expect(mark).to_have_count(1)
    assert mark.text_content() == _cited_text(client, href)
    expect(mark).to_be_in_viewport()
    assert not page.console_errors


def test_story_page_sections_and_quote_filter(page: Any, live_server: str) -> None:
    from playwright.sync_api import expect

    _story_with_most_articles(page, live_server)
    for section in ("#summary", "#timeline", "#claims", "#conflicts", "#quotes", "#entities", "#articles"):
        expect(page.locator(section)).to_be_visible()
    expect(page.locator("#timeline svg")).to_be_visible()
    speaker = page.locator("#speaker-select option").nth(1).get_attribute("value")
    page.select_option("#speaker-select", speaker)
    page.wait_for_url(re.compile(r"speaker="))
    speakers = {t.strip() for t in page.locator("table.quotes td.speaker").all_inner_texts()}
    assert speakers == {speaker if speaker != "(unattributed)" else "—"}
    assert not page.console_errors


def test_search_and_entity_pages(page: Any, live_server: str) -> None:
    from playwright.sync_api import expect

    page.goto(live_server + "/")
    page.fill("header input[name=q]", "soybeans")
    page.press("header input[name=q]", "Enter")
    hit = page.locator("a.hit").first
    expect(hit.locator("mark")).to_contain_text(re.compile("soybean", re.I))
    hit.click()
    expect(page.locator("mark#cite")).to_contain_text(re.compile("soybean", re.I))
    page.goto(live_server + "/entities?q=Xi+Jinping")
    page.locator("table.data a", has_text="Xi Jinping").first.click()
    expect(page.locator("h1")).to_have_text("Xi Jinping")
    assert page.locator("ol.contexts mark").count() >= 5
    assert not page.console_errors


def test_xss_payloads_render_inert(page: Any, live_server: str, xss_article_id: str) -> None:
    from playwright.sync_api import expect

    for url in (f"/articles/{xss_article_id}", "/?q=sandbags", "/entities?q=Novak"):
        page.goto(live_server + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss") is None, url
    page.goto(live_server + f"/articles/{xss_article_id}")
    expect(page.locator("article.text")).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("h1")).to_contain_text('<img src=x onerror="window.__xss=1">')
    assert page.locator("article.text script, article.text img, h1 img").count() == 0
    page.locator("details.removed summary").click()
    expect(page.locator("details.removed")).to_have_attribute("open", "")


def test_upload_through_the_form(page: Any, live_server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    good = tmp_path / "barges.txt"
    good.write_text(UPLOAD, encoding="utf-8")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    page.goto(live_server + "/add")
    page.set_input_files("#files", [str(good), str(bad)])
    expect(page.locator("#chosen")).to_contain_text("barges.txt")
    page.fill("input[name=source]", "Canal Courier")
    page.click("form#add-form button[type=submit]")
    page.wait_for_url(re.compile(r"/jobs/"))
    expect(page.locator("#job")).to_have_attribute("data-status", "done", timeout=120_000)
    expect(page.locator("#job-errors")).to_contain_text("scan.pdf")
    expect(page.locator("#job-errors")).to_contain_text("not a supported file type (.pdf)")
    expect(page.locator("#job-message")).to_contain_text("1 article added")
    page.locator("#job-added a").first.click()
    expect(page.locator("h1")).to_have_text("River barges return to the Aldmoor canal after dredging")
    expect(page.locator(".kicker")).to_contain_text("Canal Courier")
    assert not page.console_errors
