"""No silent defaults in the web app: bad filter values are a 400 with the reason, short uploads are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobwait import FLOOD
from jobwait import wait_job as _wait


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"from": "garbage"}, "from='garbage' is not a date"),
        ({"to": "2025-13-45"}, "to='2025-13-45' is not a date"),
        ({"from": "2025-12", "to": "2025-11"}, "from=2025-12 is after to=2025-11"),
    ],
)
def test_bad_filters_are_a_400_with_the_reason(tmp_path: Path, client_class: Any, params: Any, reason: str) -> None:
    from storyline.web import create_app

    with client_class(create_app(tmp_path / "s.db")) as c:
        api = c.get("/api/stories", params=params)
        assert api.status_code == 400 and reason in api.json()["detail"]
        page = c.get("/", params=params)
        assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
        assert reason.replace("'", "&#39;") in page.text
        assert c.get("/api/stories", params={"from": "2025-11"}).status_code == 200


def test_bad_numbers_are_a_400(tmp_path: Path, client_class: Any) -> None:
    from storyline.web import create_app

    with client_class(create_app(tmp_path / "s.db")) as c:
        r = c.get("/api/search", params={"q": "flood", "limit": "lots"})
        assert r.status_code == 400 and "limit" in r.json()["detail"]
        assert c.get("/api/search", params={"q": "flood", "limit": "0"}).status_code == 400


def test_short_uploads_are_refused(tmp_path: Path, client_class: Any) -> None:
    from storyline.config import Config
    from storyline.web import create_app

    with client_class(create_app(tmp_path / "s.db", config=Config(web_min_chars=250))) as c:
        job = _wait(c, c.post("/api/ingest", data={"text": FLOOD}).json()["job_id"])
        assert job["status"] == "failed" and not job["added"]
        (e,) = job["errors"]
        assert e["code"] == "E113" and "at least 250 are needed" in e["reason"]
    with client_class(create_app(tmp_path / "t.db")) as c:  # the default, 200 characters
        assert _wait(c, c.post("/api/ingest", data={"text": FLOOD}).json()["job_id"])["added"]
        short = _wait(c, c.post("/api/ingest", data={"text": "Headline\n\nOnly a short teaser here."}).json()["job_id"])
        assert short["status"] == "failed" and short["errors"][0]["code"] == "E113"
