"""Story pages drawn once per change of their story and stored, not drawn on every visit.

Drawing a story's page from its dossier costs what the dossier holds (a second for a 129-article story). When a
dossier is stored (the corpus stages, :mod:`storyline.incremental`), :func:`store_page` draws the page's dossier
part (``story_body.html``) and stores it beside the dossier (:mod:`storyline.store.pages`); a story page is then
that HTML and the page's live parts: the correction forms' other stories and the corrections of the story. A
write that changes a story (its dossier stored again) or what the page shows of an entity the story names (its
name, type, the roles the story writes: :func:`storyline.store.pages.shown_digest`) makes only that story's page
drawn again, and so does a new version of the code that draws it (:func:`drawn_by`); a page with no stored HTML
is drawn from the dossier as before.

The quote table's hide buttons depend on the server (read-only or not): the stored HTML has a mark in their
place, filled by :func:`fill_marks`.

Example:
    >>> fill_marks('<tr><td>q</td><!--hide:0--></tr>', {"story": "s1", "quote_ids": [""]}, read_only=True)
    '<tr><td>q</td></tr>'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from storyline import __version__
from storyline.curation import cite_spans, quote_id
from storyline.store.pages import missing_pages, put_page, stored_page
from storyline.web import views

__all__ = ["dossier_corrections", "draw", "drawn_by", "fill_marks", "page_parts", "store_missing", "store_page"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
HIDE_TH_MARK = "<!--hide-th-->"
HIDE_TH = '<th scope="col"><span class="visually-hidden">Hide</span></th>'
HIDE_MARK = "<!--hide:"
"""A quote row's hide mark: ``<!--hide:N-->``, N the row's place in the table."""
MARK_END = "-->"
HIDE_MARKS = re.compile(r"<!--hide:\d+-->")
"""Every quote row's hide mark (a read-only server's page shows none)."""
HIDE_FORM = (
    '<form class="hide" method="post" action="/quotes/hide"><input type="hidden" name="quote" value="{quote}">'
    '<input type="hidden" name="story" value="{story}"><button type="submit" class="secondary button"'
    ' title="Hide this quote from every dossier">Hide</button></form>'
)
"""The quote table's hide cell, as story_body.html draws it for a server that takes corrections."""


DRAWING = ("web/templates/*.html", "web/views.py", "web/event_rows.py", "web/markup.py", "web/story_pages.py",
           "render/*.py")  # fmt: skip
"""The sources a stored page is drawn by (under the package): a page drawn by other ones is drawn again."""


@cache
def drawn_by() -> str:
    """A digest of the version and the sources that draw a story page (:data:`DRAWING`)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for pattern in DRAWING:
        for f in sorted(root.glob(pattern)):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:24]


@cache
def _environment() -> jinja2.Environment:
    """The templates as the app has them (storyline.web.app.State), for drawing outside a request."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=jinja2.select_autoescape())
    env.globals.update(version=__version__)
    env.filters.update(views.FILTERS)
    return env


def draw(doc: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """The dossier part of a story's page drawn from its dossier (JSON form), with the hide cells as marks, and
    its head: what the page's live parts need (title, articles, the correction forms' rows). The page shows no
    entity's spellings (a stored dossier's, placed when it is read, never reach it)."""
    view = views.dossier_view(doc, speaker="")
    html = _environment().get_template("story_body.html").render(s=view, fix={}, hide_marks=True)
    head = {
        "id": view["id"],
        "title": view["title"],
        "articles": [{k: a.get(k) for k in ("id", "outlet", "title")} for a in view["articles"]],
        "fix": dossier_corrections(doc),
    }
    return head, html


def fill_marks(html: str, fixed: Mapping[str, Any], *, read_only: bool) -> str:
    """The stored HTML with its hide marks filled: nothing on a read-only server, else each quote's form."""
    if HIDE_MARK not in html:
        return html
    if read_only:
        return HIDE_MARKS.sub("", html.replace(HIDE_TH_MARK, ""))
    ids: Sequence[str] = fixed["quote_ids"]
    story = escape(fixed["story"])
    first, *rest = html.replace(HIDE_TH_MARK, HIDE_TH).split(HIDE_MARK)
    out = [first]
    for part in rest:  # "N-->" and the page up to the next mark
        end = part.index(MARK_END)
        i = int(part[:end])
        q = ids[i] if i < len(ids) else ""
        out.append(f"<td>{HIDE_FORM.format(quote=escape(q), story=story) if q else ''}</td>")
        out.append(part[end + len(MARK_END) :])
    return "".join(out)


def dossier_corrections(dossier: Mapping[str, Any], speaker: str = "") -> dict[str, Any]:
    """The part of :func:`story_corrections` read from the dossier alone (stored with a story's page): the story,
    the claim rows, the quote ids and the story's articles (``members``)."""
    story = dossier.get("story") or {}
    sid = str(story.get("id", ""))
    outlets = {str(a.get("id")): str(a.get("outlet") or a.get("source") or "") for a in dossier.get("articles") or []}
    claims = []
    for key in ("claims", "accounts", "quote_groups"):
        for c in dossier.get(key) or []:
            if not isinstance(c, Mapping) or not c.get("id"):
                continue
            cited = [*(c.get("support") or []), *(c.get("conflicts") or [])]
            on_row = sorted({str(x["article_id"]) for x in cited if isinstance(x, Mapping) and x.get("article_id")})
            claims.append(
                {
                    "id": str(c["id"]),
                    "text": short(str(c.get("text") or "")),
                    "articles": [(a, outlets.get(a) or a[:8]) for a in on_row],
                }
            )
    shown = [q for q in dossier.get("quotes") or [] if isinstance(q, Mapping)]
    if speaker:
        shown = [q for q in shown if (q.get("speaker") or "(unattributed)") == speaker]
    cites = [q.get("cite") for q in shown]
    quote_ids = [quote_id(*cite_spans([c])[0]) if isinstance(c, Mapping) else "" for c in cites]
    return {"story": sid, "claims": claims, "quote_ids": quote_ids, "members": sorted(outlets)}


def short(text: str, n: int = 90) -> str:
    """``text`` cut to ``n`` characters at most, an ellipsis ending a cut one."""
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def page_parts(corpus: Any, story_id: str, *, read_only: bool) -> tuple[dict[str, Any], Markup, dict[str, Any]] | None:
    """The story page's parts from its stored HTML (head, body, the correction forms' context), or None when it
    has none that shows the dossier as it would be read now (or a curation correction is in force: the dossier
    is then built when shown)."""
    from storyline.corrections import stored_curation
    from storyline.web.corrections import live_corrections

    if stored_curation(corpus.store):
        return None
    got = stored_page(corpus.store, story_id, drawn_by())
    if got is None:
        return None
    head, html = got
    fixed = head["fix"]
    fix = live_corrections(corpus, fixed, read_only=read_only)
    return head, Markup(fill_marks(html, fixed, read_only=read_only)), fix


def store_page(store: Any, story_id: str) -> bool:
    """Draw and store the page of ``story_id`` from its dossier as stored now (False when it has none)."""
    doc = store.stored_dossier(story_id)
    if doc is None:
        return False
    head, html = draw(doc)
    return put_page(store, story_id, head, html, drawn_by())


def store_missing(store: Any, story_ids: Sequence[str], chunk: int = 200) -> int:
    """Draw and store the pages of those of ``story_ids`` that have a stored dossier and no page for it, a
    transaction per ``chunk`` stories; how many were stored."""
    n = 0
    for k in range(0, len(story_ids), chunk):
        todo = missing_pages(store, story_ids[k : k + chunk], drawn_by())
        with store.transaction():
            n += sum(store_page(store, sid) for sid in todo)
    return n
