"""Corrections in the web app: forms on the story page (merge, split, move, mark a claim wrong, hide a quote),
the corrections page (every correction with its undo, outlet renames) and the same under ``/api``.

Every route here changes the store, so each is a ``POST`` behind the app's same-origin check (no cross-site
request forgery) and answers 403 when the server is read-only. Pages get a 303 back to the story (or the
corrections page); the API answers the correction as JSON. Registered by :func:`storyline.web.app.create_app`.

Example:
    >>> app = create_app("storyline.db")                                    # doctest: +SKIP
    >>> add_corrections(app)                                                 # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Body, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline.api import Corpus
from storyline.curation import cite_spans
from storyline.model import Correction
from storyline.web.story_pages import dossier_corrections
from storyline.web.story_pages import short as _short

OTHER_STORIES = 200
"""Most other stories offered by the merge and move forms (those nearest in the list)."""
READ_ONLY = "This Storyline server is read-only (started with --read-only): corrections are disabled."


def _state(request: Request) -> Any:
    return request.app.state.storyline


@contextmanager
def _writable(request: Request) -> Iterator[Corpus]:
    """The request's corpus, for a correction: refused (403) on a read-only server."""
    state = _state(request)
    if state.read_only:
        raise HTTPException(403, READ_ONLY)
    with state.corpus() as corpus:
        yield corpus


def _story_url(story_id: str | None) -> str:
    return f"/stories/{quote(story_id, safe='')}#corrections" if story_id else "/corrections"


def _back(story_id: str | None) -> RedirectResponse:
    return RedirectResponse(_story_url(story_id), status_code=303)


# ------------------------------------------------------------------------------------------ views


def story_corrections(
    corpus: Corpus, dossier: Mapping[str, Any], speaker: str = "", *, read_only: bool = False
) -> dict[str, Any]:
    """What the story page's correction forms need: the other stories, the claim rows and their articles, each
    shown quote's id (in the order of the page's quote table, after the speaker filter), and the corrections
    that concern this story (``read_only``: a read-only server's page, which shows no forms)."""
    fixed = dossier_corrections(dossier, speaker)
    return live_corrections(corpus, fixed, read_only=read_only)


def live_corrections(corpus: Corpus, fixed: Mapping[str, Any], *, read_only: bool = False) -> dict[str, Any]:
    """:func:`story_corrections` from its part read from the dossier (:func:`dossier_corrections`) and the store
    as it is now: the other stories (none for a read-only server's page: it shows no forms, and reading them is
    most of a stored page's cost) and the corrections that concern this story."""
    sid, members = str(fixed["story"]), set(fixed["members"])
    near = [] if read_only else corpus.store.stories_near(sid, OTHER_STORIES)
    return {
        "others": [(i, _short(title, 70)) for i, title in near],
        "claims": fixed["claims"],
        "quote_ids": fixed["quote_ids"],
        "log": [
            _row(c)
            for c in reversed(corpus.corrections())
            if c.data.get("story") == sid or c.data.get("other") == sid or members & _articles_of(c)
        ][:20],
    }


def _articles_of(c: Correction) -> set[str]:
    from storyline.compare.constraints import STORY_KINDS  # numpy's: a page that lists no correction never needs it

    d = c.data
    if c.kind in STORY_KINDS:
        return {*d.get("into", []), *d.get("from", []), *d.get("articles", []), d.get("article", "")} - {""}
    if c.kind == "claim":
        return {s[0] for s in cite_spans(d.get("row", []))}
    if c.kind == "quote":
        return {str(d.get("article_id", ""))}
    return set()


def _row(c: Correction) -> dict[str, Any]:
    return {"id": c.id, "kind": c.kind, "summary": c.summary, "created_at": c.created_at, "undone_at": c.undone_at}


# ----------------------------------------------------------------------------------------- routes


def add_corrections(app: FastAPI) -> None:  # noqa: C901 - one small closure per route
    """Register the correction pages and API routes on ``app``."""

    @app.get("/corrections", response_class=HTMLResponse, include_in_schema=False)
    def corrections_page(request: Request) -> HTMLResponse:
        state = _state(request)
        with state.corpus() as corpus:
            rows = [_row(c) for c in reversed(corpus.corrections())]
            outlets = corpus.store.outlet_names()
        page: HTMLResponse = state.page(request, "corrections.html", nav="corrections", rows=rows, outlets=outlets)
        return page

    @app.post("/stories/{story_id}/merge", include_in_schema=False)
    def merge_form(request: Request, story_id: str, other: str = Form(...)) -> RedirectResponse:
        with _writable(request) as corpus:
            corpus.merge_stories(story_id, other)
        return _back(story_id)

    @app.post("/stories/{story_id}/split", include_in_schema=False)
    def split_form(
        request: Request, story_id: str, articles: Annotated[list[str] | None, Form()] = None
    ) -> RedirectResponse:
        with _writable(request) as corpus:
            _, new = corpus.split_story(story_id, articles or [])
        return _back(new or story_id)

    @app.post("/articles/move", include_in_schema=False)
    def move_form(request: Request, article: str = Form(...), story: str = Form(...)) -> RedirectResponse:
        with _writable(request) as corpus:
            corpus.move_article(article, story)
        return _back(story)

    @app.post("/claims/wrong", include_in_schema=False)
    def claim_form(request: Request, target: str = Form(...), story: str = Form("")) -> RedirectResponse:
        claim, _, article = target.partition("|")
        with _writable(request) as corpus:
            corpus.mark_claim_wrong(claim, article or None)
        return _back(story or claim.rsplit("-c", 1)[0])

    @app.post("/quotes/hide", include_in_schema=False)
    def quote_form(
        request: Request, quote_ref: str = Form(..., alias="quote"), story: str = Form("")
    ) -> RedirectResponse:
        with _writable(request) as corpus:
            corpus.hide_quote(quote_ref)
        return _back(story or None)

    @app.post("/outlets/rename", include_in_schema=False)
    def rename_form(request: Request, old: str = Form(...), new: str = Form(...)) -> RedirectResponse:
        with _writable(request) as corpus:
            corpus.rename_outlet(old, new)
        return _back(None)

    @app.post("/corrections/{correction_id}/undo", include_in_schema=False)
    def undo_form(request: Request, correction_id: int, story: str = Form("")) -> RedirectResponse:
        with _writable(request) as corpus:
            corpus.undo_correction(correction_id)
            still = story and corpus.store.get_story(story) is not None
        return _back(story if still else None)

    # ------------------------------------------------------------------------------------- JSON API

    @app.get("/api/corrections", tags=["corrections"], summary="Every correction (storyline corrections list)")
    def api_corrections(request: Request) -> list[dict[str, Any]]:
        with _state(request).corpus() as corpus:
            return [c.to_json() for c in corpus.corrections()]

    @app.post("/api/stories/{story_id}/merge", tags=["corrections"], summary="Merge a story into this one")
    def api_merge(request: Request, story_id: str, other: str = Body(..., embed=True)) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.merge_stories(story_id, other).to_json()

    @app.post("/api/stories/{story_id}/split", tags=["corrections"], summary="Split articles out into a new story")
    def api_split(request: Request, story_id: str, articles: Annotated[list[str], Body(embed=True)]) -> dict[str, Any]:
        with _writable(request) as corpus:
            c, new = corpus.split_story(story_id, list(articles))
        return {**c.to_json(), "new_story": new}

    @app.post("/api/articles/{article_id}/move", tags=["corrections"], summary="Move an article to another story")
    def api_move(request: Request, article_id: str, story: str = Body(..., embed=True)) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.move_article(article_id, story).to_json()

    @app.post("/api/articles/{article_id}/set", tags=["corrections"], summary="Correct an article's outlet or date")
    def api_set(
        request: Request,
        article_id: str,
        source: str | None = Body(None),
        published: str | None = Body(None),
        url: str | None = Body(None),
    ) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.set_article(article_id, source=source, published=published, url=url).to_json()

    @app.post("/api/outlets/rename", tags=["corrections"], summary="Rename an outlet, or merge two names into one")
    def api_rename(request: Request, old: str = Body(...), new: str = Body(...)) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.rename_outlet(old, new).to_json()

    @app.post("/api/claims/{claim_id}/wrong", tags=["corrections"], summary="Mark a claim (or one alignment) wrong")
    def api_claim(request: Request, claim_id: str, article: str | None = Body(None, embed=True)) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.mark_claim_wrong(claim_id, article).to_json()

    @app.post("/api/quotes/{quote_ref}/hide", tags=["corrections"], summary="Hide a quote (ARTICLE_ID:START-END)")
    def api_quote(request: Request, quote_ref: str) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.hide_quote(quote_ref).to_json()

    @app.post("/api/corrections/{correction_id}/undo", tags=["corrections"], summary="Undo a correction")
    def api_undo(request: Request, correction_id: int) -> dict[str, Any]:
        with _writable(request) as corpus:
            return corpus.undo_correction(correction_id).to_json()


__all__ = ["READ_ONLY", "add_corrections", "story_corrections"]
