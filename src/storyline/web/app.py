"""The local web app and REST API over a store: ``storyline serve``.

Server-rendered pages (Jinja2, autoescaped) and a JSON API under ``/api`` that mirrors the CLI. Every
asset is served from this package, nothing from the network; a Content-Security-Policy of
``default-src 'self'`` keeps any script that slipped into article text from running.

SQLite connections belong to the thread that opened them (``check_same_thread``), and FastAPI runs
plain ``def`` endpoints on a thread pool: so each request opens its own :class:`~storyline.api.Corpus`
and closes it before returning; ingest jobs run on their own worker thread with their own Corpus
(:mod:`storyline.web.jobs`). SQLite's WAL lets the pages read while a job writes.

Example:
    >>> app = create_app("example.db", read_only=True)                   # doctest: +SKIP
    >>> serve("storyline.db", host="127.0.0.1", port=8000)                # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.api import FORMATS, Corpus
from storyline.config import Config, load_config
from storyline.errors import StorylineError
from storyline.outlets import outlet_label, source_label
from storyline.render import svg
from storyline.store.base import SearchHit
from storyline.web import listing, story_pages, views, write_back
from storyline.web.corrections import add_corrections, story_corrections
from storyline.web.jobs import Job, JobRegistry, UploadError, check_upload, safe_filename
from storyline.web.markup import article_spans, highlight_snippet, mark_text, paragraph_spans
from storyline.web.pagecache import PageCache, cached_page

__all__ = ["CSP", "LOOPBACK_HOSTS", "allowed_host_names", "create_app", "host_name", "serve"]

log = logging.getLogger("storyline.web")
HERE = Path(__file__).parent
CSP = "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'"
# The standalone dossier page has inline CSS (it is made to be saved and opened anywhere); no script may run.
DOSSIER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
READ_ONLY_MESSAGE = "This Storyline server is read-only (started with --read-only): adding articles is disabled."
MAX_FILES = 200
NOT_FOUND_CODES = frozenset({"E401", "E404", "E407"})  # no such story, article, claim or quote
SEARCH_LIMIT = 50
API_STORIES = 5000  # most stories one /api/stories call returns (offset pages on)
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}


class State:
    """What every request needs: the store's path, the configuration, the jobs, the templates."""

    def __init__(self, db: str, config: Config, read_only: bool) -> None:
        self.db = db
        self.config = config
        self.read_only = read_only
        self.jobs = JobRegistry(db, config)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals.update(version=__version__, read_only=read_only)
        self.templates.env.filters.update(views.FILTERS)
        self.pages = PageCache()  # rendered pages, while the store is unchanged (storyline.web.pagecache)
        self.list_facts: listing.ListFacts | None = None  # the stories list's counts and filter choices, likewise
        self._open = threading.local()  # the Corpus open on each thread (corpus())

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        """A Corpus for this request only (opened and closed on the calling thread), read in one snapshot: a
        page stays consistent while an ingest elsewhere stores articles or rebuilds the stories. A block inside
        another on the same thread reads the outer one's (a page built under :func:`cached_page`'s key reads
        the store once opened, in the snapshot its key was read in)."""
        outer: Corpus | None = getattr(self._open, "corpus", None)
        if outer is not None:
            yield outer
            return
        corpus = Corpus(self.db, self.config)
        corpus.store_stale = False  # read in a snapshot: a stale story is built for the page, stored after it
        self._open.corpus = corpus
        try:
            with corpus.store.snapshot():
                yield corpus
        finally:
            self._open.corpus = None
            corpus.close()

    def page(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Render a page template."""
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)


def _state(request: Request) -> State:
    state: State = request.app.state.storyline
    return state


def create_app(
    db: str | Path,
    *,
    config: Config | None = None,
    read_only: bool = False,
    allowed_hosts: Sequence[str] = (),
) -> FastAPI:
    """Build the app over the store at ``db`` (created when missing).

    Args:
        db: The SQLite store; ``:memory:`` is refused, as each request opens the store anew.
        config: The configuration (default: loaded from the usual layers).
        read_only: Disable adding articles (pages and API answer 403).
        allowed_hosts: Host names to answer to besides 127.0.0.1, localhost and [::1] (``"*"``: any);
            any other ``Host`` header gets 400, so a rebinding domain cannot read the store.

    Raises:
        StorylineError: E301 when the store cannot be opened.
    """
    if str(db) == ":memory:":
        raise StorylineError("E301", "storyline serve needs a store file (--db FILE), not :memory:")
    state = State(str(db), config or load_config(), read_only)
    with state.corpus() as corpus:  # create and migrate once, and fail early on a bad file
        if corpus.store.listing_stale():  # stories stored before the listing columns: filled once, now
            corpus.store.refresh_listing()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        state.jobs.shutdown()

    app = FastAPI(
        title="Storyline",
        version=__version__,
        description="Cited story dossiers from your news articles. Pages at /, JSON under /api.",
        docs_url=None,  # Swagger UI loads from a CDN: /docs is a local page instead
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.storyline = state
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _add_security(app, allowed_host_names(allowed_hosts))
    _add_error_handlers(app)
    _add_pages(app)
    _add_api(app)
    add_corrections(app)
    return app


# --------------------------------------------------------------------------- safety


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
"""Host names every server answers to; ``--host`` and ``--allowed-host`` add others."""
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def host_name(value: str) -> str:
    """The host part of a ``Host`` header or a ``--host`` value, lower-cased, IPv6 in brackets.

    Example:
        >>> host_name("LocalHost:8000"), host_name("[::1]:8000"), host_name("::1"), host_name("127.0.0.1")
        ('localhost', '[::1]', '[::1]', '127.0.0.1')
    """
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    if value.count(":") > 1:  # a bare IPv6 address
        return f"[{value}]"
    return value.rsplit(":", 1)[0] if ":" in value else value


def allowed_host_names(extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names plus ``extra`` (``--host``, ``--allowed-host``); the wildcard binds add nothing.

    Example:
        >>> sorted(allowed_host_names(["0.0.0.0", "News.Example"]))
        ['127.0.0.1', '[::1]', 'localhost', 'news.example']
    """
    names = {host_name(h) for h in extra if h.strip()} - {"0.0.0.0", "[::]", ""}
    return frozenset({*LOOPBACK_HOSTS, *names})


def _same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site (Origin, else Referer, else
    Sec-Fetch-Site); requests without any of them (curl, scripts) are not a browser's cross-site request."""
    here = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.strip().lower().rstrip("/") == here
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer.strip())
        return f"{parts.scheme}://{parts.netloc}".lower() == here
    return request.headers.get("sec-fetch-site", "same-origin").lower() in ("same-origin", "none")


def _add_security(app: FastAPI, allowed: frozenset[str]) -> None:
    """Host allow-list (against DNS rebinding), same-origin checks on writes (against CSRF), and the security
    headers on every response — errors included: an unexpected exception becomes a 500 page sent from here."""

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response: Response
        if "*" not in allowed and host_name(request.headers.get("host", "")) not in allowed:
            response = _plain_error(
                request,
                400,
                "This server does not answer to that host name (a page on another site may be trying to read "
                "your store). Open it as http://127.0.0.1:PORT/, or start it with --allowed-host NAME.",
            )
        elif request.method in UNSAFE_METHODS and not _same_origin(request):
            response = _plain_error(
                request, 403, "Refused: this request comes from another site (cross-site request forgery)."
            )
        else:
            try:
                response = await call_next(request)
            except Exception:  # noqa: BLE001 - the user gets a page with the security headers, the log the trace
                log.exception("unexpected error on %s %s", request.method, request.url.path)
                response = _plain_error(request, 500, "Internal error: the server log has the details.")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # no-referrer would make form posts say Origin: null
        response.headers["X-Frame-Options"] = "DENY"
        return response


def _plain_error(request: Request, status: int, message: str) -> Response:
    """An error answered before (or instead of) the app: JSON under /api, else a small HTML page."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status)
    body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{html.escape(message)}</p>"
    return HTMLResponse(body, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return _state(request).page(request, "error.html", exc.status_code, status=exc.status_code, message=exc.detail)

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        status = 404 if exc.code in NOT_FOUND_CODES else 400
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return _state(request).page(request, "error.html", status, status=status, message=str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=400)
        return _state(request).page(request, "error.html", 400, status=400, message=problems)


def _checked(f: views.StoryFilters) -> views.StoryFilters:
    """The filters, or a 400 saying which value cannot be read (never an unfiltered list instead)."""
    problem = views.filter_problem(f)
    if problem:
        raise HTTPException(400, problem)
    return f


def _require_writable(state: State) -> None:
    if state.read_only:
        raise HTTPException(403, READ_ONLY_MESSAGE)


# --------------------------------------------------------------------------- shared readers


def _hit_json(h: SearchHit) -> dict[str, Any]:
    return {
        "article_id": h.article_id,
        "start": h.start,
        "end": h.end,
        "text": h.text,
        "snippet": h.snippet,
        "source": h.source,
        "title": h.title,
        "published": h.published,
        "story_id": h.story_id,
    }


# --------------------------------------------------------------------------- pages


def _add_pages(app: FastAPI) -> None:  # noqa: C901 - one small closure per page
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @cached_page
    def stories_page(
        request: Request,
        q: str = "",
        date_from: str = Query("", alias="from"),
        date_to: str = Query("", alias="to"),
        entity: str = "",
        outlet: str = "",
        page: int = Query(1, ge=1, description="page of the list"),
        after: int | None = Query(None, description="the stories past this place in the list (the next link's)"),
    ) -> HTMLResponse:
        state = _state(request)
        f = _checked(views.StoryFilters(q.strip(), date_from.strip(), date_to.strip(), entity.strip(), outlet.strip()))
        with state.corpus() as corpus:
            rows, pager, hits = listing.story_page(corpus, f, page, after=after)
            facts = state.list_facts = listing.ListFacts.of(corpus, state.list_facts)
        outlets = sorted({*facts.outlets, *([f.outlet] if f.outlet else [])})
        hit_rows = [
            {
                "href": f"/articles/{quote(h.article_id, safe='')}?start={h.start}&end={h.end}#cite",
                "snippet": highlight_snippet(h.snippet),
                "source": source_label(h.source, h.path),
                "title": h.title or h.article_id,
                "story_id": h.story_id,
            }
            for h in hits
        ]
        return state.page(
            request,
            "stories.html",
            nav="stories",
            rows=rows,
            total=facts.stories,
            matched=pager.total,
            pager=pager,
            n_articles=facts.articles,
            f=f,
            outlets=outlets,
            entity_names=facts.entity_names,
            hits=hit_rows,
        )

    @app.get("/stories", include_in_schema=False)
    def stories_redirect() -> RedirectResponse:
        return RedirectResponse("/", status_code=308)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    @cached_page
    def story_page(request: Request, story_id: str, speaker: str = "", full: bool = False) -> HTMLResponse:
        state = _state(request)
        if not (speaker or full):  # the page as stored with its dossier (storyline.web.story_pages), when it is
            with state.corpus() as corpus:
                parts = story_pages.page_parts(corpus, story_id, read_only=state.read_only)
            if parts is not None:
                head, body, fix = parts
                return state.page(request, "story.html", nav="stories", s=head, body=body, fix=fix)
        with state.corpus() as corpus:
            dossier = corpus.story_dossier(story_id)
            fix = story_corrections(corpus, dossier, speaker, read_only=state.read_only)
            back = not (state.read_only or speaker or full)  # stored after the answer (storyline.web.write_back)
            built = back and write_back.built_afresh(corpus.store, story_id)
            seen = corpus.store.write_count()
            fresh = corpus.built_stale.get(story_id)  # a stale story, built for this page (storyline.stale)
        view = views.dossier_view(dossier, speaker=speaker, full=full)
        page = state.page(request, "story.html", nav="stories", s=view, fix=fix)
        if fresh is not None and not state.read_only:
            page.background = BackgroundTask(write_back.put_stale, state, fresh)
        elif back:
            page.background = BackgroundTask(write_back.write_back, state, story_id, seen, dossier if built else None)
        return page

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    @cached_page
    def article_page(
        request: Request, article_id: str, start: int | None = None, end: int | None = None
    ) -> HTMLResponse:
        state = _state(request)
        with state.corpus() as corpus:
            a = corpus.store.get_article(article_id)
            if a is None:
                raise HTTPException(404, f"No article {article_id!r} in this store.")
            ents = corpus.store.entities_in(a.id)
            story = corpus.store.get_story(a.story_id) if a.story_id else None
        cite = (start, end) if start is not None and end is not None and 0 <= start < end <= len(a.text) else None
        bad_cite = start is not None and cite is None
        paras = mark_text(a.text, paragraph_spans(a.text, a.paragraphs), article_spans(a, cite=cite))
        return state.page(
            request,
            "article.html",
            nav="",
            a=a,
            outlet=outlet_label(a),
            published=svg.format_date(a.published) or "undated",
            paragraphs=paras,
            cited=a.text[cite[0] : cite[1]] if cite else "",
            bad_cite=bad_cite,
            entities=ents[:30],
            story=story,
        )

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    @cached_page
    def entities_page(
        request: Request,
        type: str = "",  # noqa: A002
        q: str = "",
        page: int = Query(1, ge=1, description="page of the list"),
    ) -> HTMLResponse:
        state = _state(request)
        size = listing.PAGE_SIZE
        with state.corpus() as corpus:
            ents, total = corpus.store.list_entities(type, q, (page - 1) * size, size)
            pager = listing.Pager(page, size, total, "/entities", {"type": type, "q": q})
            if not ents and total and pager.page != page:
                ents, total = corpus.store.list_entities(type, q, pager.offset, size)
            types = corpus.store.entity_types()
        rows = [
            {
                "id": e.id,
                "href": f"/entities/{quote(e.id, safe='')}",
                "name": e.name,
                "type": e.type,
                "mentions": e.mentions,
                "articles": e.articles,
                "aliases": [x for x in e.aliases if x != e.name][:4],
            }
            for e in ents
        ]
        return state.page(
            request, "entities.html", nav="entities", rows=rows, total=total, types=types, type=type, q=q, pager=pager
        )

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    @cached_page
    def entity_page(
        request: Request, entity_id: str, page: int = Query(1, ge=1, description="page of the articles")
    ) -> HTMLResponse:
        state = _state(request)
        with state.corpus() as corpus:
            view = listing.entity_page(corpus, entity_id, page)
        if view is None:
            raise HTTPException(404, f"No entity {entity_id!r} in this store.")
        base = f"/entities/{quote(entity_id, safe='')}"
        pager = listing.Pager(page, listing.PAGE_SIZE, view["article_total"], base)
        return state.page(request, "entity.html", nav="entities", e=view, pager=pager)

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request) -> HTMLResponse:
        state = _state(request)
        _require_writable(state)
        return state.page(
            request,
            "add.html",
            nav="add",
            max_mb=f"{state.config.ingest_max_bytes / 1e6:g}",
            jobs=state.jobs.all()[:10],
        )

    @app.post("/add", include_in_schema=False)
    async def add_submit(request: Request) -> RedirectResponse:
        job = await _receive_ingest(request)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str) -> HTMLResponse:
        state = _state(request)
        job = state.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"No job {job_id!r} (jobs are kept while the server runs).")
        return state.page(request, "job.html", nav="add", job=job.to_json())

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        return _state(request).page(request, "docs.html", nav="docs", endpoints=_endpoints(app.openapi()))


def _endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The API's operations from the OpenAPI document, for the local docs page."""
    out = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = [
                {
                    "name": p.get("name", ""),
                    "in": p.get("in", ""),
                    "required": bool(p.get("required")),
                    "description": p.get("description", "") or p.get("schema", {}).get("description", ""),
                    "type": _schema_type(p.get("schema", {})),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {})
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": ", ".join(body),
                }
            )
    return out


def _schema_type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(x) for x in schema["enum"])
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    return str(schema.get("type", ""))


# --------------------------------------------------------------------------- ingest


async def _receive_ingest(request: Request) -> Job:
    """Check and save an upload (files and/or pasted text), then queue its ingest; per-file errors kept.

    Everything that can refuse the whole request (size, form, a bad date) is checked before anything is
    saved; a file that cannot be saved is that file's error; a job never stays "queued" without a worker,
    and a refused upload leaves no folder behind.
    """
    state = _state(request)
    _require_writable(state)
    limit = state.config.ingest_max_bytes
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit * MAX_FILES:
        raise HTTPException(413, f"The upload is too large: each file may be at most {limit / 1e6:g} MB.")
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=limit)
    except Exception as exc:  # python-multipart raises several kinds; the user needs the message
        raise HTTPException(400, f"Could not read the upload: {exc}") from exc
    try:
        options = {k: v.strip() for k in ("source", "published") if isinstance(v := form.get(k), str) and v.strip()}
        if "published" in options:
            options["published"] = _published(options["published"])
        job, folder = state.jobs.new_job()
        try:
            saved = await _save_all(form, job, folder, limit)
        except BaseException:
            state.jobs.fail(job, "The upload could not be saved.", folder)
            raise
    finally:
        await form.close()
    state.jobs.submit(job, saved, options)
    return job


async def _save_all(form: Any, job: Job, folder: Path, limit: int) -> list[Path]:
    """Save the form's files and pasted text into ``folder``; refused or unsavable files become job errors."""
    taken: set[str] = set()
    saved: list[Path] = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile) or not (item.filename or item.size):
            continue
        name = item.filename or ""
        job.files.append(name)
        problem = check_upload(name, item.size or 0, max_bytes=limit)
        if problem:
            job.errors.append(UploadError(name, problem, "upload"))
            continue
        target = folder / safe_filename(name, taken)
        try:
            await run_in_threadpool(_save, item, target)
        except OSError as exc:
            target.unlink(missing_ok=True)
            job.errors.append(UploadError(name, f"could not be saved ({exc.strerror or exc})", "upload"))
            continue
        saved.append(target)
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        title = form.get("title")
        body = (f"{title.strip()}\n\n" if isinstance(title, str) and title.strip() else "") + text.strip() + "\n"
        name = safe_filename("pasted.txt", taken)
        job.files.append(name)
        target = folder / name
        target.write_bytes(body.encode("utf-8", "replace"))  # a lone surrogate in a form is not UTF-8
        saved.append(target)
    return saved


def _published(value: str) -> str:
    from storyline.analyse.dates import parse_date_string

    parsed = parse_date_string(value)
    if not parsed:
        raise HTTPException(400, f"Cannot read {value!r} as a publication date: use YYYY-MM-DD.")
    return str(parsed)


def _save(upload: UploadFile, target: Path) -> None:
    upload.file.seek(0)
    with target.open("wb") as out:
        shutil.copyfileobj(upload.file, out)


# --------------------------------------------------------------------------- API

_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string", "description": "pasted article text (first line: headline)"},
                        "title": {"type": "string", "description": "headline for the pasted text"},
                        "source": {"type": "string", "description": "outlet name for every article"},
                        "published": {"type": "string", "description": "publication date, YYYY-MM-DD"},
                    },
                }
            }
        },
    }
}


def _add_api(app: FastAPI) -> None:
    @app.get("/api/stories", tags=["stories"], summary="List stories (storyline stories --json)")
    def api_stories(
        request: Request,
        q: str = Query("", description="full-text search: only stories with a matching sentence"),
        date_from: str = Query("", alias="from", description="event date on or after (YYYY[-MM[-DD]])"),
        date_to: str = Query("", alias="to", description="event date on or before"),
        entity: str = Query("", description="entity id or part of a name"),
        outlet: str = Query("", description="outlet name"),
        offset: int = Query(0, ge=0, description="stories to skip (in list order)"),
        limit: int = Query(API_STORIES, ge=1, le=API_STORIES, description="most stories"),
    ) -> list[dict[str, Any]]:
        f = _checked(views.StoryFilters(q, date_from, date_to, entity, outlet))
        with _state(request).corpus() as corpus:
            q_, _ = listing.story_query(corpus, f)
            rows, _ = corpus.store.list_stories(q_, offset, limit)
            shown = [(corpus.story(r.id).story, r) for r in rows]  # as shown: claims marked wrong left out
        return [{**s.to_json(), "outlets": r.outlets} for s, r in shown]

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story")
    def api_story(request: Request, story_id: str) -> dict[str, Any]:
        with _state(request).corpus() as corpus:
            story: dict[str, Any] = corpus.story(story_id).story.to_json()
        return story

    @app.get(
        "/api/stories/{story_id}/dossier",
        tags=["stories"],
        summary="A story's dossier (storyline dossier)",
        response_class=Response,
    )
    def api_dossier(
        request: Request,
        story_id: str,
        format: str = Query("json", pattern="^(md|html|json)$", description="md, html or json"),  # noqa: A002
    ) -> Response:
        with _state(request).corpus() as corpus:
            text = corpus.story(story_id).dossier(format if format in FORMATS else "json")
        response = Response(text, media_type=MEDIA[format])
        if format == "html":
            response.headers["Content-Security-Policy"] = DOSSIER_CSP
        return response

    @app.get("/api/export", tags=["corpus"], summary="The whole corpus per the export contract (storyline export)")
    def api_export(request: Request) -> dict[str, Any]:
        with _state(request).corpus() as corpus:
            return corpus.export()

    @app.get("/api/search", tags=["corpus"], summary="Full-text search over sentences (storyline search)")
    def api_search(
        request: Request,
        q: str = Query(..., min_length=1, description='FTS5 query: words, "phrases", prefix*'),
        limit: int = Query(20, ge=1, le=500, description="most hits"),
    ) -> list[dict[str, Any]]:
        with _state(request).corpus() as corpus:
            return [_hit_json(h) for h in corpus.search(q, limit)]

    @app.get("/api/articles/{article_id}", tags=["corpus"], summary="One article: cleaned text and annotations")
    def api_article(request: Request, article_id: str) -> dict[str, Any]:
        with _state(request).corpus() as corpus:
            a = corpus.store.get_article(article_id)
        if a is None:
            raise HTTPException(404, f"No article {article_id!r} in this store.")
        return a.to_json()

    @app.get("/api/entities", tags=["corpus"], summary="Canonical people, organisations and places")
    def api_entities(
        request: Request,
        type: str = Query("", description="only this spaCy label, e.g. PERSON"),  # noqa: A002
        q: str = Query("", description="entity id or part of a name"),
    ) -> list[dict[str, Any]]:
        with _state(request).corpus() as corpus:
            ents = corpus.entities()
        if type:
            ents = [e for e in ents if e.type == type]
        if q:
            ents = views.matching_entities(ents, q)
        return [e.to_json() for e in ents]

    @app.post(
        "/api/ingest",
        tags=["ingest"],
        status_code=202,
        summary="Upload files (multipart field 'files') and/or pasted 'text'; returns a job id",
        openapi_extra=_INGEST_BODY,
    )
    async def api_ingest(request: Request) -> dict[str, Any]:
        job = await _receive_ingest(request)
        return {"job_id": job.id, "status": job.status, "url": f"/api/jobs/{job.id}", "job": job.to_json()}

    @app.get("/api/jobs/{job_id}", tags=["ingest"], summary="An ingest job's progress and per-file errors")
    def api_job(request: Request, job_id: str) -> dict[str, Any]:
        job = _state(request).jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"No job {job_id!r} (jobs are kept while the server runs).")
        return job.to_json()

    @app.get("/api/version", tags=["corpus"], summary="Server version and mode")
    def api_version(request: Request) -> dict[str, Any]:
        return {"version": __version__, "read_only": _state(request).read_only}

    @app.get("/healthz", include_in_schema=False)
    def health() -> PlainTextResponse:
        return PlainTextResponse("ok")


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    read_only: bool = False,
    config: Config | None = None,
    log_level: str = "info",
    allowed_hosts: Sequence[str] = (),
    workers: int = 1,
) -> None:
    """Run the app with uvicorn until interrupted (the ``storyline serve`` command).

    Args:
        db: The store.
        host: Interface to bind; 127.0.0.1 (this machine only) by default. Its name is an allowed host.
        port: TCP port.
        read_only: Disable adding articles.
        config: The configuration (default: loaded from the usual layers).
        log_level: uvicorn's log level.
        allowed_hosts: More host names to answer to (``--allowed-host``).
        workers: Worker processes answering requests (more than one only with ``read_only``: ingest jobs and
            their progress live in one process).

    Raises:
        StorylineError: E602 for several workers on a server that takes uploads.
    """
    import uvicorn

    if workers > 1 and not read_only:
        raise StorylineError(
            "E602", f"--workers {workers} needs --read-only: ingest jobs and their progress live in one process"
        )
    hosts = [host, *allowed_hosts]
    app = create_app(db, config=config, read_only=read_only, allowed_hosts=hosts)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: anyone who can reach this address can read the store", host)
    if host_name(host) in ("0.0.0.0", "[::]") and not allowed_hosts:
        log.warning("only requests for 127.0.0.1, localhost or [::1] are answered: name others with --allowed-host")
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    config_used = asdict(app.state.storyline.config)
    settings = {"db": str(db), "read_only": read_only, "allowed_hosts": hosts, "config": config_used}
    os.environ[WORKER_SETTINGS] = json.dumps(settings)
    uvicorn.run(f"{__name__}:worker_app", factory=True, host=host, port=port, log_level=log_level, workers=workers)


WORKER_SETTINGS = "STORYLINE_SERVE_SETTINGS"
"""Environment variable handing :func:`serve`'s settings to its worker processes."""


def worker_app() -> FastAPI:
    """The app in one of :func:`serve`'s worker processes, from the settings it left in the environment."""
    settings = json.loads(os.environ[WORKER_SETTINGS])
    return create_app(
        settings["db"],
        config=Config(**settings["config"]),
        read_only=bool(settings["read_only"]),
        allowed_hosts=settings["allowed_hosts"],
    )
