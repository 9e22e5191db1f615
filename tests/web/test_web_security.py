"""What the web app refuses: other host names (DNS rebinding), cross-site writes (CSRF), search strings that
once crashed it, and uploads that once hung or left files behind; the security headers on errors too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobwait import FLOOD
from jobwait import wait_job as _wait

from storyline.web.jobs import uploads_dir


def _secure(r: Any) -> None:
    assert "default-src" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["evil.attacker.example", "evil.attacker.example:8000", "127.0.0.1.evil.example", ""])
def test_other_host_names_are_refused(client: Any, host: str) -> None:
    """Regression: ``GET /api/export`` with ``Host: evil.attacker.example`` returned the whole corpus."""
    r = client.get("/api/export", headers={"host": host})
    assert r.status_code == 400 and "host name" in r.json()["detail"]
    assert "articles" not in r.text
    _secure(r)
    page = client.get("/", headers={"host": host})
    assert page.status_code == 400 and "--allowed-host" in page.text
    _secure(page)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_loopback_host_names_are_answered(client: Any, host: str) -> None:
    assert client.get("/api/version", headers={"host": host}).status_code == 200


def test_allowed_host_option(web_db: Path, client_class: Any) -> None:
    from storyline.web import create_app

    with client_class(create_app(web_db, allowed_hosts=["news.example", "0.0.0.0"])) as c:
        assert c.get("/api/version", headers={"host": "news.example:8000"}).status_code == 200
        assert c.get("/api/version", headers={"host": "0.0.0.0"}).status_code == 400
        assert c.get("/api/version", headers={"host": "other.example"}).status_code == 400
    with client_class(create_app(web_db, allowed_hosts=["*"])) as c:
        assert c.get("/api/version", headers={"host": "any.example"}).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1:9999"},
        {"referer": "http://evil.example/page"},
        {"sec-fetch-site": "cross-site"},
    ],
)
def test_cross_site_writes_are_refused(tmp_path: Path, client_class: Any, headers: dict[str, str]) -> None:
    """Regression: any site could POST an upload or an ingest to the local server (CSRF)."""
    from storyline.web import create_app

    db = tmp_path / "new.db"
    with client_class(create_app(db)) as c:
        r = c.post("/api/ingest", data={"text": FLOOD}, headers=headers)
        assert r.status_code == 403 and "another site" in r.json()["detail"]
        _secure(r)
        form = c.post("/add", data={"text": FLOOD}, headers=headers, follow_redirects=False)
        assert form.status_code == 403
        assert c.app.state.storyline.jobs.all() == []
    assert not uploads_dir(db).exists() or not any(uploads_dir(db).iterdir())


def test_same_origin_and_scripted_writes_are_accepted(tmp_path: Path, client_class: Any) -> None:
    from storyline.web import create_app

    with client_class(create_app(tmp_path / "new.db")) as c:
        same = c.post("/api/ingest", data={"text": FLOOD}, headers={"origin": "http://127.0.0.1"})
        assert same.status_code == 202
        assert _wait(c, same.json()["job_id"])["status"] == "done"
        referer = c.post("/api/ingest", data={"text": "x " + FLOOD}, headers={"referer": "http://127.0.0.1/add"})
        assert referer.status_code == 202
        scripted = c.post("/api/ingest", data={"text": "y " + FLOOD})  # curl sends no Origin
        assert scripted.status_code == 202
        for r in (referer, scripted):
            _wait(c, r.json()["job_id"])


@pytest.mark.parametrize("q", ["a\x00b", "\x00", "rare\x00earths", "\x1b[31mred", '"\x00', "\x7f*"])
def test_search_with_control_characters_never_crashes(client: Any, q: str) -> None:
    """Regression: ``q=a%00b`` gave a 500 (sqlite3.OperationalError) on /, /api/search and /api/stories."""
    for path in ("/", "/api/search", "/api/stories"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 200, (path, q, r.text[:200])


def test_error_responses_carry_the_security_headers(
    web_db: Path, client_class: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a 500 answered without the CSP and nosniff headers (and 404s must keep them)."""
    from storyline.web import create_app, listing

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail <script>")

    with client_class(create_app(web_db), raise_server_exceptions=False) as c:
        _secure(c.get("/stories/s999"))
        _secure(c.get("/api/stories/s999"))
        _secure(c.get("/api/search"))  # 422: q is required
        monkeypatch.setattr(listing, "story_query", broken)
        for path in ("/", "/api/stories"):
            r = c.get(path)
            assert r.status_code == 500
            _secure(r)
            assert "secret detail" not in r.text and "Traceback" not in r.text


def test_upload_with_a_300_character_name(tmp_path: Path, client_class: Any) -> None:
    """Regression: a 300-character file name gave a 500 and a job stuck in "queued"."""
    from storyline.web import create_app

    db = tmp_path / "new.db"
    name = "a" * 300 + ".txt"
    with client_class(create_app(db)) as c:
        r = c.post("/api/ingest", files=[("files", (name, FLOOD.encode(), "text/plain"))])
        assert r.status_code == 202
        job = _wait(c, r.json()["job_id"])
        assert job["status"] == "done" and len(job["added"]) == 1
        article = c.get(f"/api/articles/{job['added'][0]}").json()
        assert len(Path(article["path"]).name) <= 130 and Path(article["path"]).is_file()


def test_invalid_published_saves_nothing(tmp_path: Path, client_class: Any) -> None:
    """Regression: an invalid ``published`` was refused after the file was saved (orphaned, job never ran)."""
    from storyline.web import create_app

    db = tmp_path / "new.db"
    with client_class(create_app(db)) as c:
        r = c.post(
            "/api/ingest",
            files=[("files", ("flood.txt", FLOOD.encode(), "text/plain"))],
            data={"published": "the day after tomorrow-ish"},
        )
        assert r.status_code == 400 and "publication date" in r.json()["detail"]
        assert c.app.state.storyline.jobs.all() == []
    assert not uploads_dir(db).exists() or not any(uploads_dir(db).iterdir())


def test_refused_and_failed_uploads_leave_nothing_behind(tmp_path: Path, client_class: Any) -> None:
    """Regression: every request left a folder behind, refused files included."""
    from storyline.web import create_app

    db = tmp_path / "new.db"
    with client_class(create_app(db)) as c:
        refused = c.post("/api/ingest", files=[("files", ("a.exe", b"MZ", "application/octet-stream"))]).json()
        assert refused["status"] == "failed" and refused["job"]["errors"]
        assert not uploads_dir(db).exists() or not any(uploads_dir(db).iterdir())
        mixed = c.post(
            "/api/ingest",
            files=[
                ("files", ("flood.txt", FLOOD.encode(), "text/plain")),
                ("files", ("blank.txt", b"   \n  ", "text/plain")),
                ("files", ("dump.json", b'{"title": "cut short', "application/json")),
            ],
        )
        job = _wait(c, mixed.json()["job_id"])
        assert job["status"] == "done" and len(job["added"]) == 1
        assert {e["file"] for e in job["errors"]} == {"blank.txt", "dump.json"}
        kept = [p.name for p in uploads_dir(db).rglob("*") if p.is_file()]
        assert kept == ["flood.txt"]  # the article cites it; the refused ones are gone
