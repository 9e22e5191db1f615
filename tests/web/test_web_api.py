"""The REST API and the server-rendered pages, through FastAPI's TestClient, on the analysed seeds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from jobwait import FLOOD
from jobwait import wait_job as _wait

pytestmark = pytest.mark.slow


def test_stories_mirror_the_cli(client: Any) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    stories = r.json()
    assert len(stories) >= 2
    call = next(s for s in stories if s["event_date"] == "2025-11-24")
    assert len(call["article_ids"]) == 4 and call["independent_sources"] == 4
    assert "Bloomberg" in call["outlets"]
    assert client.get(f"/api/stories/{call['id']}").json()["title"] == call["title"]


def test_story_filters(client: Any) -> None:
    ids = {s["id"] for s in client.get("/api/stories", params={"from": "2025-11-01"}).json()}
    january = {s["id"] for s in client.get("/api/stories", params={"to": "2025-02"}).json()}
    assert ids and january and not ids & january
    by_entity = client.get("/api/stories", params={"entity": "Takaichi"}).json()
    assert [s["event_date"] for s in by_entity] == ["2025-11-24"]
    assert client.get("/api/stories", params={"outlet": "Bloomberg"}).json()[0]["event_date"] == "2025-11-24"
    assert client.get("/api/stories", params={"q": "soybeans"}).json()


def test_dossier_formats(client: Any) -> None:
    sid = client.get("/api/stories").json()[0]["id"]
    md = client.get(f"/api/stories/{sid}/dossier", params={"format": "md"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    js = client.get(f"/api/stories/{sid}/dossier", params={"format": "json"}).json()
    assert js["story"]["id"] == sid
    html = client.get(f"/api/stories/{sid}/dossier", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "sandbox" in html.headers["content-security-policy"]  # its inline script may not run here
    assert client.get(f"/api/stories/{sid}/dossier", params={"format": "pdf"}).status_code == 400


def test_unknown_ids_are_404_with_a_message(client: Any) -> None:
    r = client.get("/api/stories/nope")
    assert r.status_code == 404 and "no story 'nope'" in r.json()["detail"]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/jobs/nope").status_code == 404
    page = client.get("/stories/nope")
    assert page.status_code == 404 and "no story" in page.text


def test_search_export_articles_entities(client: Any) -> None:
    hits = client.get("/api/search", params={"q": "soybeans", "limit": 2}).json()
    assert 1 <= len(hits) <= 2
    h = hits[0]
    article = client.get(f"/api/articles/{h['article_id']}").json()
    assert article["text"][h["start"] : h["end"]] == h["text"] and "raw" not in article
    assert client.get("/api/search", params={"q": '"unbalanced'}).status_code == 200
    export = client.get("/api/export").json()
    assert len(export["articles"]) == 6
    people = client.get("/api/entities", params={"type": "PERSON", "q": "Xi"}).json()
    assert any(e["name"] == "Xi Jinping" for e in people)


def test_openapi_and_offline_docs(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/dossier",
        "/api/export",
        "/api/search",
        "/api/ingest",
        "/api/jobs/{job_id}",
        "/api/articles/{article_id}",
        "/api/entities",
    ):
        assert path in spec["paths"], path
    assert "multipart/form-data" in spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
    assert client.get("/redoc").status_code == 404


def _external_refs(html: str) -> list[str]:
    refs = re.findall(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//[^"'\s>]+""", html, re.IGNORECASE)
    return [r for r in refs if "www.w3.org" not in r]


def test_pages_render_and_load_nothing_from_outside(client: Any) -> None:
    stories = client.get("/api/stories").json()
    entity = client.get("/api/entities", params={"q": "Xi Jinping"}).json()[0]
    pages = ["/", "/?q=Taiwan", "/entities", f"/entities/{entity['id']}", "/add", "/docs"]
    pages += [f"/stories/{s['id']}" for s in stories]
    pages += [f"/articles/{a}" for a in stories[0]["article_ids"]]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-security-policy"].startswith("default-src 'self'"), url
        assert not _external_refs(r.text), (url, _external_refs(r.text))
        assert "<script>" not in r.text and " style=" not in r.text, url  # nothing inline: CSP would block it
    for asset in ("/static/style.css", "/static/job.js", "/static/upload.js", "/static/story.js"):
        assert client.get(asset).status_code == 200


def test_search_hits_are_highlighted_and_linked(client: Any) -> None:
    page = client.get("/", params={"q": "soybeans"}).text
    assert "<mark>" in page and re.search(r'href="/articles/[0-9a-f]+\?start=\d+&amp;end=\d+#cite"', page)


def test_article_page_marks_the_cited_passage(client: Any) -> None:
    h = client.get("/api/search", params={"q": "soybeans", "limit": 1}).json()[0]
    page = client.get(f"/articles/{h['article_id']}", params={"start": h["start"], "end": h["end"]}).text
    mark = re.search(r'<mark id="cite">(.*?)</mark>', page, re.DOTALL)
    assert mark is not None
    assert re.sub(r"<[^>]+>", "", mark.group(1)) == h["text"].replace('"', "&#34;").replace("'", "&#39;")
    assert "What the cleaner removed" in page
    bad = client.get(f"/articles/{h['article_id']}", params={"start": 10**9, "end": 10**9 + 5}).text
    assert "points outside" in bad


def test_xss_payloads_are_escaped(client: Any, xss_article_id: str) -> None:
    page = client.get(f"/articles/{xss_article_id}").text
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    hits = client.get("/", params={"q": "sandbags"}).text
    assert "&lt;script&gt;" in hits and "<script>window" not in hits


def test_ingest_through_the_api(tmp_path: Path, client_class: Any) -> None:
    from storyline.config import Config
    from storyline.web import create_app

    with client_class(create_app(tmp_path / "new.db", config=Config(ingest_max_bytes=2000))) as c:
        files = [
            ("files", ("flood.txt", FLOOD.encode(), "text/plain")),
            ("files", ("notes.pdf", b"%PDF-1.4", "application/pdf")),
            ("files", ("huge.txt", b"x" * 3000, "text/plain")),
            ("files", ("empty.html", b"", "text/html")),
        ]
        r = c.post("/api/ingest", files=files, data={"source": "Aldmoor Gazette"})
        assert r.status_code == 202
        job = _wait(c, r.json()["job_id"])
        assert job["status"] == "done" and len(job["added"]) == 1
        reasons = {e["file"]: e["reason"] for e in job["errors"]}
        assert "not a supported file type (.pdf)" in reasons["notes.pdf"]
        assert "MB limit (ingest.max_bytes)" in reasons["huge.txt"]
        assert "empty" in reasons["empty.html"]
        article = c.get(f"/api/articles/{job['added'][0]}").json()
        assert article["source"] == "Aldmoor Gazette" and article["path"].endswith("flood.txt")
        again = _wait(c, c.post("/api/ingest", data={"text": FLOOD}).json()["job_id"])
        assert again["status"] == "done" and again["unchanged"] and not again["added"]
        nothing = c.post("/api/ingest", files=[("files", ("a.exe", b"MZ", "application/octet-stream"))]).json()
        assert nothing["status"] == "failed" and nothing["job"]["errors"]
        form = c.post(
            "/add", data={"text": "Second headline\n\nA second text about the river."}, follow_redirects=False
        )
        assert form.status_code == 303 and form.headers["location"].startswith("/jobs/")
        assert c.get(form.headers["location"]).status_code == 200


def test_read_only_refuses_ingest(web_db: Path, client_class: Any) -> None:
    from storyline.web import create_app

    with client_class(create_app(web_db, read_only=True)) as c:
        r = c.post("/api/ingest", data={"text": "x"})
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
        page = c.get("/add")
        assert page.status_code == 403 and "read-only" in page.text
        assert 'href="/add"' not in c.get("/").text
        assert c.get("/api/stories").status_code == 200


def test_memory_store_is_refused() -> None:
    from storyline.errors import StorylineError
    from storyline.web import create_app

    with pytest.raises(StorylineError, match="needs a store file"):
        create_app(":memory:")
