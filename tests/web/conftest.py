"""Fixtures for the web app: one analysed store (the seeds plus an article carrying XSS payloads), an API
client, and a live server on a free 127.0.0.1 port for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

XSS_ARTICLE = """Aldmoor flood warning <img src=x onerror="window.__xss=1">

The mayor of Aldmoor, Jana Novak, warned on Tuesday that the river could flood the valley again this week. \
<script>window.__xss=1</script> Residents were told to prepare sandbags.

"We are ready for the water this time," Novak said, adding that <img src=x onerror="window.__xss=1"> three \
shelters would open.
"""


@pytest.fixture(scope="session")
def web_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five seeds and the XSS article, analysed once for every web test."""
    from storyline.api import Corpus

    root = tmp_path_factory.mktemp("web")
    xss = root / "inputs" / "aldmoor.txt"
    xss.parent.mkdir()
    xss.write_text(XSS_ARTICLE, encoding="utf-8")
    db = root / "web.db"
    with Corpus(db) as corpus:
        report = corpus.ingest([str(seeds_dir), str(xss)])
    assert not report.errors, report.errors
    return db


@pytest.fixture(scope="session")
def xss_article_id(web_db: Path) -> str:
    from storyline.api import Corpus

    with Corpus(web_db) as corpus:
        return next(a.id for a in corpus.articles() if "Aldmoor" in a.text)


@pytest.fixture(scope="session")
def client_class() -> Any:
    """FastAPI's TestClient (imported quietly: Starlette now prefers another HTTP client, httpx works), asking
    for http://127.0.0.1 as a browser on this machine does (the app answers only to loopback host names)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    class LocalClient(TestClient):  # type: ignore[misc]
        def __init__(self, app: Any, **kwargs: Any) -> None:
            kwargs.setdefault("base_url", "http://127.0.0.1")
            super().__init__(app, **kwargs)

    return LocalClient


@pytest.fixture(scope="session")
def client(web_db: Path, client_class: Any) -> Iterator[Any]:
    """An API client over the shared store (tests that write use a store of their own)."""
    from storyline.web import create_app

    with client_class(create_app(web_db)) as c:
        yield c


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """The app served by uvicorn in a background thread; yields its base URL."""
    import uvicorn

    from storyline.web import create_app

    app = create_app(web_db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="storyline-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
