"""Render a story dossier as ONE self-contained HTML file: inline CSS, inline SVG, no external resources.

The page works offline, without JavaScript and on paper. Every statement carries citation links
(``<a href="#cite-<article_id>-<start>-<end>">[Bloomberg]</a>``) that jump to the cited passage, highlighted
with ``<mark>`` inside the full cleaned text of its article at the end of the page ("Sources").

Two levels, as in trafilatura: :func:`render_html` returns the page; :func:`build_view` returns the plain
view model the template draws, for callers that want to inspect or reuse it.

All article-derived text reaches the page through Jinja2 autoescaping; the only strings marked safe are the
SVG charts from :mod:`storyline.render.svg`, which escape their own labels.

Each section is a row of :data:`SECTIONS`: its anchor, its heading, the view key that says whether it has
content, and the function that builds its part of the view.

Example:
    >>> page = render_html({"story": {"title": "A <b>bold</b> claim"}, "articles": []})
    >>> "A &lt;b&gt;bold&lt;/b&gt; claim" in page
    True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from storyline import lexicon
from storyline.model import Removal
from storyline.render import svg
from storyline.render.dossier import (
    act_parts,
    glossed,
    is_verbatim,
    period_note,
    quote_kind_label,
    roles_once,
    time_note,
    until_note,
    version_label,
)
from storyline.render.dossier_base import by_article
from storyline.render.dossier_model import Dossier, DossierArticle, SourceCite, as_dossier
from storyline.render.events_view import by_sources, dyad_chart, events_rows

__all__ = ["PALETTE", "SECTIONS", "build_view", "cite_anchor", "mark_paragraphs", "outlet_colors", "render_html"]

#: Colours given to outlets in the order they are listed (Tableau 10, readable on white and in print).
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#b07aa1",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#bab0ac",
)
UNKNOWN_OUTLET = "Unknown outlet"
_ENTITY_TYPES = {k: str(v) for k, v in lexicon.table("text.entity_types").items()}
_HOW = {"metadata": "from metadata", "text": "from the text", "inferred": "inferred", "user": "given by user"}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:\-]")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_CHART_ENTITIES = 15
_QUOTES_SHOWN = 24  # more go in a collapsed list: a big story can carry hundreds


def render_html(dossier: Dossier | Mapping[str, Any]) -> str:
    """Render ``dossier`` (typed, or its JSON form) to a complete HTML page.

    Example:
        >>> render_html({"story": {"title": "Xi calls Trump"}}).startswith("<!DOCTYPE html>")
        True
    """
    return _environment().get_template("dossier.html.j2").render(**build_view(dossier))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["by_article"] = by_article
    return env


# --------------------------------------------------------------------------- helpers


def cite_anchor(article_id: str, start: int, end: int) -> str:
    """The HTML id of a cited passage: ``cite-<article_id>-<start>-<end>`` (unsafe id characters → ``_``).

    Example:
        >>> cite_anchor("a1b2", 120, 240)
        'cite-a1b2-120-240'
    """
    return f"cite-{_ID_UNSAFE.sub('_', article_id)}-{start}-{end}"


def _article_anchor(article_id: str) -> str:
    return f"article-{_ID_UNSAFE.sub('_', article_id)}"


def _safe_url(url: str | None) -> str | None:
    """Only plain http(s) URLs become links (no ``javascript:``, ``data:`` or relative tricks)."""
    return url if url and _SAFE_URL.match(url.strip()) else None


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """Give each outlet a stable colour, in order: the palette first, then evenly spread hues.

    Example:
        >>> outlet_colors(["Bloomberg", "Reuters"])["Reuters"]
        '#f28e2b'
    """
    colors: dict[str, str] = {}
    for name in outlets:
        if name in colors:
            continue
        i = len(colors)
        if name == UNKNOWN_OUTLET:
            colors[name] = "#8c959f"
        elif i < len(PALETTE):
            colors[name] = PALETTE[i]
        else:
            colors[name] = f"hsl({(i * 137.508) % 360:.0f} 55% 50%)"
    return colors


# --------------------------------------------------------------------------- marking cited passages


def _paragraph_spans(text: str, paragraphs: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Clean paragraph spans: clamped to the text, sorted, non-overlapping, trimmed of outer whitespace."""
    n = len(text)
    raw = [(max(0, min(p[0], n)), max(0, min(p[1], n))) for p in paragraphs if len(p) >= 2]
    if not raw and text:
        raw = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text)]
    spans: list[tuple[int, int]] = []
    last = 0
    for s, e in sorted(raw):
        s = max(s, last)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
            last = e
    return spans


def mark_paragraphs(
    text: str,
    paragraphs: Sequence[Sequence[int]],
    cites: Mapping[tuple[int, int], Sequence[str]],
    *,
    article_id: str = "",
) -> list[list[dict[str, Any]]]:
    """Split an article into paragraphs of plain and cited segments, ready for the template.

    Cited ranges may overlap, nest, coincide, cross paragraph breaks or point outside the text: the result
    is always flat (no nested ``<mark>``), every range gets exactly one element carrying its
    :func:`cite_anchor` id — the ``<mark>`` where it starts, or an empty ``<span>`` anchor just before it when
    that mark already carries another range's id — and the segments of each paragraph concatenate back to
    the paragraph's text.

    Args:
        text: the article's cleaned text.
        paragraphs: ``[[start, end], ...]``; derived from blank lines when empty.
        cites: ``{(start, end): [where it is cited, ...]}`` as given in the dossier (unclamped).
        article_id: used to build the anchor ids.

    Returns:
        One list per paragraph of segments ``{"kind": "text"|"mark"|"anchor", "text", "id", "cites",
        "title"}``; ``cites`` holds the anchor ids of every range covering a mark.

    Example:
        >>> paras = mark_paragraphs("Xi called Trump.", [[0, 16]], {(0, 9): ["Timeline"]}, article_id="a1")
        >>> [(s["kind"], s["text"]) for s in paras[0]]
        [('mark', 'Xi called'), ('text', ' Trump.')]
    """
    n = len(text)
    spans = _paragraph_spans(text, paragraphs)
    if not spans:
        spans = [(0, 0)]  # somewhere to hang anchors of an empty article

    ranges: list[tuple[int, int, str, tuple[int, int]]] = []  # clamped start, end, anchor id, original key
    for key in cites:
        s = max(0, min(key[0], n))
        e = max(s, min(key[1], n))
        ranges.append((s, e, cite_anchor(article_id, key[0], key[1]), key))
    # Longest range first among those starting together: it gets the mark's id.
    ranges.sort(key=lambda r: (r[0], -(r[1] - r[0]), r[1], r[2]))

    # Where each range's anchor goes: its start, moved to the next paragraph when it starts between two.
    anchors: dict[tuple[int, int], list[tuple[int, int, str, tuple[int, int]]]] = {}
    for r in ranges:
        pos = r[0]
        where: tuple[int, int] | None = None
        for i, (ps, pe) in enumerate(spans):
            if ps <= pos < pe:
                where = (i, pos)
                break
            if pos < ps:
                where = (i, ps)
                break
        if where is None:
            where = (len(spans) - 1, spans[-1][1])
        anchors.setdefault(where, []).append(r)

    at: dict[int, list[int]] = {}  # each paragraph's anchor positions
    for j, pos in anchors:
        at.setdefault(j, []).append(pos)
    out: list[list[dict[str, Any]]] = []
    for i, (ps, pe) in enumerate(spans):
        local = [r for r in ranges if r[0] < pe and ps < r[1]]  # the only ranges that can cut or cover it
        cuts = {ps, pe}
        for s, e, _id, _key in local:
            for b in (s, e):
                if ps < b < pe:
                    cuts.add(b)
        cuts.update(at.get(i, []))
        bounds = sorted(cuts)
        segments: list[dict[str, Any]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            cover = [r for r in local if r[0] <= a and b <= r[1] and r[0] < r[1]]
            here = anchors.get((i, a), [])
            mark_id = ""
            if cover:
                for r in here:
                    if r in cover:
                        mark_id = r[2]
                        break
            for r in here:
                if r[2] != mark_id:
                    segments.append({"kind": "anchor", "text": "", "id": r[2], "cites": [], "title": ""})
            chunk = text[a:b]
            if not cover:
                if segments and segments[-1]["kind"] == "text":
                    segments[-1]["text"] += chunk
                else:
                    segments.append({"kind": "text", "text": chunk, "id": "", "cites": [], "title": ""})
                continue
            ids = [r[2] for r in cover]
            prev = segments[-1] if segments else None
            if prev and prev["kind"] == "mark" and prev["cites"] == ids and not mark_id:
                prev["text"] += chunk
                continue
            uses: list[str] = []
            for r in cover:
                for u in cites[r[3]]:
                    if u not in uses:
                        uses.append(u)
            segments.append(
                {
                    "kind": "mark",
                    "text": chunk,
                    "id": mark_id,
                    "cites": ids,
                    "title": "Cited in: " + ", ".join(uses) if uses else "Cited",
                }
            )
        # Ranges that start past the last paragraph (or an empty article) anchor at its end.
        for r in anchors.get((i, pe), []):
            segments.append({"kind": "anchor", "text": "", "id": r[2], "cites": [], "title": ""})
        out.append(segments)
    return out


# --------------------------------------------------------------------------- the view model


class _Cites:
    """Turns dossier cites into link views and remembers every cited range per article."""

    def __init__(self, articles: Mapping[str, DossierArticle], colors: Mapping[str, str]) -> None:
        self.articles = articles
        self.colors = colors
        self.ranges: dict[str, dict[tuple[int, int], list[str]]] = {}

    def view(self, c: SourceCite, used_in: str) -> dict[str, Any]:
        article = self.articles.get(c.article_id)
        outlet = article.outlet if article is not None else c.source or UNKNOWN_OUTLET
        label = c.label or outlet
        color = self.colors.get(outlet, "#8c959f")
        if article is None:
            tip = f"{label} — not in this dossier"
            return {"href": "", "outlet": outlet, "color": color, "tip": tip, "missing": True, "article": c.article_id}
        uses = self.ranges.setdefault(c.article_id, {}).setdefault((c.start, c.end), [])
        if used_in not in uses:
            uses.append(used_in)
        return {
            "href": "#" + cite_anchor(c.article_id, c.start, c.end),
            "outlet": outlet,
            "color": color,
            "tip": f"{label} — “{c.title or article.title}”, characters {c.start}–{c.end}",
            "missing": False,
            "article": c.article_id,
        }

    def views(self, cites: Iterable[SourceCite], used_in: str) -> list[dict[str, Any]]:
        return [self.view(c, used_in) for c in cites]


@dataclass(slots=True)
class _Page:
    """What the sections share: the outlets in order and their colours, the cite links, the story's "now"."""

    outlets: list[str]
    colors: dict[str, str]
    cites: _Cites
    now: str | None


def _removed_summary(removed: Sequence[Removal]) -> str:
    counts = Counter(r.reason or "unspecified" for r in removed)
    n = len(removed)
    parts = ", ".join(f"{reason} ×{k}" for reason, k in sorted(counts.items(), key=lambda t: (-t[1], t[0])))
    return f"{n} {'line' if n == 1 else 'lines'} removed: {parts}"


def build_view(dossier: Dossier | Mapping[str, Any]) -> dict[str, Any]:
    """Prepare everything the template needs: formatted dates, colours, cite links, marked sources, charts.

    A dossier in its JSON form is read by :meth:`Dossier.from_json`, so a partial one still renders.
    """
    d = as_dossier(dossier)
    story = d.story
    # Outlets: the story's order first, then any other article outlet or per-outlet column met on the way.
    article_outlets = [a.outlet for a in d.articles]
    per_outlet = [o for e in d.entities for o in e.per_outlet]
    outlets = list(dict.fromkeys([*story.outlets, *article_outlets, *per_outlet]))
    colors = outlet_colors(outlets)
    page = _Page(outlets, colors, _Cites({a.id: a for a in d.articles}, colors), svg.latest_date(d.reference_dates()))
    view: dict[str, Any] = {}
    for section in SECTIONS:  # in page order: each registers its cites before the sources are marked
        view.update(section.build(d, page))
    event_date = story.event_date or ""
    return {
        **view,
        "title": story.title or "Untitled story",
        "generated_by": d.generated_by or "storyline",
        "schema_version": d.schema_version,
        "event_date": svg.format_date(event_date) if event_date else "",
        "event_date_iso": event_date,
        "event_date_why": story.event_date_why or "",
        "article_count": story.article_count,
        "independent_sources": story.independent_sources,
        "coverage": _coverage(story.date_range),
        "outlets": [{"name": o, "color": colors[o]} for o in outlets if o != UNKNOWN_OUTLET or o in article_outlets],
        "sections": [(s.anchor, s.title) for s in SECTIONS if view[s.key]],
        "now": svg.format_date(page.now) if page.now else "",
    }


def _summary(d: Dossier, page: _Page) -> dict[str, Any]:
    return {"summary": [{"text": s.text, "cites": page.cites.views(s.cites, "Summary")} for s in d.summary]}


def _timeline(d: Dossier, page: _Page) -> dict[str, Any]:
    timeline: list[dict[str, Any]] = []
    for i, t in enumerate(d.timeline):
        timeline.append(
            {
                "anchor": f"tl-{i + 1}",
                "date": t.date,
                "date_label": svg.format_date(t.date) or "undated",
                "precision": svg.date_precision(t.date) or "",
                "text": glossed(t.text, t.speaker),
                "parts": act_parts(glossed(t.text, t.speaker), t.commitment_text),
                "future": t.future or svg.is_after(t.date, page.now),
                "sources": t.sources,
                "cites": page.cites.views(t.cites, f"Timeline ({svg.format_date(t.date) or 'undated'})"),
                "due": until_note(t.until, t.until_how)
                or "; ".join(f"{c.text}: {period_note(c.period, c.deadline)}" for c in t.commitments),
                "commitment": t.kind == "commitment",
                "until": t.until,
                "differs": t.differs or "",
            }
        )
    chart = svg.timeline_chart(
        [
            {
                "date": t["date"],
                "label": f"{svg.format_date(t['date'], short=True)} · {t['text']}",
                "title": t["text"],
                "future": t["future"],
                "href": "#" + t["anchor"],
                "until": t["until"],
            }
            for t in timeline
        ],
        now=page.now,
    )
    return {"timeline": timeline, "timeline_svg": Markup(chart)}  # noqa: S704 - svg.py escapes every label


def _key_sentences(d: Dossier, page: _Page) -> dict[str, Any]:
    rows = [{"text": k.text, "cites": page.cites.views(k.cites, "Key sentences")} for k in d.key_sentences]
    return {"key_sentences": rows}


def _quotes(d: Dossier, page: _Page) -> dict[str, Any]:
    quotes = [
        {
            "text": q.text,
            "kind": q.kind or "direct",
            "label": quote_kind_label(q.kind, q.according_to),
            "verbatim": is_verbatim(q.kind),
            "speaker": q.speaker or "",
            "speaker_role": role,
            "cue": q.cue or "",
            "cites": page.cites.views([q.cite, *q.also] if q.cite else q.also, "Quotes"),
        }
        for q, role in zip(d.quotes, roles_once(d.quotes), strict=True)
    ]
    return {"quotes": quotes[:_QUOTES_SHOWN], "quotes_more": quotes[_QUOTES_SHOWN:]}


def _claims(d: Dossier, page: _Page) -> dict[str, Any]:
    claims = [
        {
            "text": c.text,
            "cites": page.cites.views(c.support, "Claims"),
            "conflicts": [
                {"why": x.why, "text": "", "cites": page.cites.views([x.cite], "Claims (conflicting)")}
                for x in c.conflicts
            ],
        }
        for c in d.claims
    ]
    return {"claims": claims}


_CELL = {
    "reported": ("reported", "✓", "reported"),
    "differently": ("differently", "≠", "reported differently"),
    "not reported": ("absent", "—", "not reported"),
    "unclear": ("unclear", "?", "unclear"),
}


def _matrix(d: Dossier, page: _Page) -> dict[str, Any]:
    """The outlet × claim heat-map."""
    rows = []
    for i, r in enumerate(d.matrix.rows):
        cells = []
        for cell in r.cells:
            cls, mark, label = _CELL.get(cell.status, ("absent", "?", cell.status))
            cells.append(
                {
                    "cls": cls,
                    "mark": mark,
                    "label": label,
                    "why": cell.why,
                    "is_copy": cell.copy,
                    "cites": page.cites.views(cell.cites, f"Who reports what (claim {i + 1})"),
                    "near": page.cites.views(cell.near, f"Who reports what (claim {i + 1}, near it)"),
                }
            )
        rows.append({"n": i + 1, "text": r.text, "kind": r.kind, "sources": r.sources, "cells": cells})
    return {
        "matrix_outlets": [{"name": o, "color": page.colors.get(o, "#8c959f")} for o in d.matrix.outlets],
        "matrix_rows": rows,
    }


def _conflicts(d: Dossier, page: _Page) -> dict[str, Any]:
    return {
        "conflicts": [
            {"text": x.text, "why": x.why, "cites": page.cites.views(x.cites, "Conflicts")} for x in d.conflicts
        ]
    }


def _accounts(d: Dossier, page: _Page) -> dict[str, Any]:
    accounts = [
        {
            "party": a.party or "One party",
            "label": a.account_label or f"{a.party or 'one party'}’s account",
            "topic": a.topic or "",
            "text": a.text,
            "sources": a.sources,
            "cites": page.cites.views(a.support, "Accounts compared"),
            "counter": [
                {"text": c.quote, "cite": page.cites.view(c.cite, "Accounts compared (other side)")} for c in a.counter
            ],
        }
        for a in d.accounts
    ]
    return {"accounts": accounts}


def _figures(d: Dossier, page: _Page) -> dict[str, Any]:
    figures = [
        {
            "about": f.about,
            "time": f.time_shown,
            "due": f.note_shown(period_note(f.period, f.deadline)),
            "conflict": f.status == "conflict",
            "updated": f.status == "updated",
            "single": f.one_source,
            "why": f.why,
            "commitment": f.extra.get("kind") == "commitment",
            "values": [
                {
                    "text": v.text,
                    "due": time_note(v.extra) if f.status == "conflict" else "",
                    "cites": page.cites.views([v.cite], "Figures"),
                }
                for v in f.values
            ],
        }
        for f in d.figures
    ]
    return {"figures": figures}


def _quote_groups(d: Dossier, page: _Page) -> dict[str, Any]:
    groups = [
        {
            "text": q.text,
            "verbatim": is_verbatim(q.canonical_kind),
            "speaker": q.speaker or "",
            "sources": q.sources,
            "versions": [
                {
                    "text": v.text,
                    "relation": v.relation or "",
                    "label": version_label(v),
                    "verbatim": is_verbatim(v.kind),
                    "kind": v.kind or "",
                    "status": v.status or "",
                    "cites": page.cites.views([v.cite], "Quotes across outlets"),
                }
                for v in q.versions
            ],
        }
        for q in d.quote_groups
    ]
    return {"quote_groups": groups}


def _events(d: Dossier, page: _Page) -> dict[str, Any]:
    events = events_rows(d.events, page.cites.views)
    return {
        "events": events,
        **by_sources(events),
        "events_more": max(len(d.events) - len(events), 0),
        "events_svg": Markup(dyad_chart(d.events)),  # noqa: S704 - built by events_view.py, which escapes labels
    }


def _entities(d: Dossier, page: _Page) -> dict[str, Any]:
    """A chart of the most mentioned people, organisations and places, and a table of all."""
    outlets, colors = page.outlets, page.colors
    rows: list[dict[str, Any]] = [
        {
            "name": e.name,
            "type": e.type,
            "type_label": _ENTITY_TYPES.get(e.type, e.type.lower()),
            "aliases": [x for x in e.aliases if x != e.name],
            "roles": list(e.roles),
            "mentions": e.mentions,
            "per_outlet": [e.per_outlet.get(o, 0) for o in outlets],
        }
        for e in d.entities
    ]
    # One column (and one colour in the chart) per outlet; "Unknown outlet" only when it has mentions.
    shown = [o for i, o in enumerate(outlets) if o != UNKNOWN_OUTLET or any(r["per_outlet"][i] for r in rows)]
    chart = svg.bar_chart(
        [(f"{r['name']}", {o: r["per_outlet"][outlets.index(o)] for o in shown}) for r in rows[:_CHART_ENTITIES]],
        shown,
        colors,
        width=900,
        title="Mentions of the most mentioned people, organisations and places, by outlet",
    )
    return {
        "entity_outlets": [{"name": o, "color": colors[o]} for o in shown],
        "entity_rows": [dict(r, per_outlet=[r["per_outlet"][outlets.index(o)] for o in shown]) for r in rows],
        "entities_svg": Markup(chart),  # noqa: S704 - built by svg.py, which escapes every label
        "entities_charted": min(len(rows), _CHART_ENTITIES),
    }


def _articles(d: Dossier, page: _Page) -> dict[str, Any]:
    """The articles and their marked-up sources (after every other section has registered its cites)."""
    by_id = {a.id: a for a in d.articles}
    ranges = page.cites.ranges
    views = []
    for a in d.articles:
        dup = a.duplicate_of or ""
        original = by_id.get(dup)
        views.append(
            {
                "id": a.id,
                "anchor": _article_anchor(a.id),
                "outlet": a.outlet,
                "color": page.colors[a.outlet],
                "title": a.title or a.path or a.id,
                "title_how": a.title_how or "",
                "author": a.author or "",
                "path": a.path,
                "url": _safe_url(a.url),
                "published": svg.format_date(a.published or None),
                "published_iso": a.published or "",
                "published_how": _HOW.get(a.published_how or "", a.published_how or ""),
                "published_why": a.published_why or "",
                "words": a.words,
                "removed": [{"text": r.text, "reason": r.reason or "unspecified"} for r in a.removed],
                "removed_summary": _removed_summary(a.removed) if a.removed else "",
                "duplicate_of": dup,
                "duplicate_anchor": _article_anchor(dup) if dup else "",
                "duplicate_title": (original.title if original else "") or dup,
                "duplicate_outlet": original.outlet if original else dup,
                "cited": len(ranges.get(a.id, {})),
                "paragraphs": mark_paragraphs(a.text, a.paragraphs, ranges.get(a.id, {}), article_id=a.id),
            }
        )
    return {"articles": views}


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the page: its anchor and heading, the view key that holds its content (the section is left
    out when that is empty), and what builds its part of the view."""

    anchor: str
    title: str
    key: str
    build: Callable[[Dossier, _Page], dict[str, Any]]


def _none(d: Dossier, page: _Page) -> dict[str, Any]:
    return {}


#: The page's sections in order; their views are built in this order too, so a passage cited in several
#: sections lists them as the page does ("Cited in: Summary, Timeline (24 Nov 2025)").
SECTIONS: tuple[Section, ...] = (
    Section("summary", "Summary", "summary", _summary),
    Section("timeline", "Timeline", "timeline", _timeline),
    Section("key-sentences", "Key sentences", "key_sentences", _key_sentences),
    Section("quotes", "Quotes", "quotes", _quotes),
    Section("claims", "Claims", "claims", _claims),
    Section("matrix", "Who reports what", "matrix_rows", _matrix),
    Section("conflicts", "Conflicts", "conflicts", _conflicts),
    Section("accounts", "Accounts compared", "accounts", _accounts),
    Section("figures", "Figures", "figures", _figures),
    Section("quote-groups", "Quotes across outlets", "quote_groups", _quote_groups),
    Section("events", "Events", "events", _events),
    Section("entities", "People, organisations, places", "entity_rows", _entities),
    Section("articles", "Articles", "articles", _articles),
    Section("sources", "Sources", "articles", _none),  # the articles' marked-up texts
)


def _coverage(date_range: tuple[str, str] | None) -> str:
    if not date_range:
        return ""
    first, last = date_range
    if not last or first == last:
        return svg.format_date(first)
    return f"{svg.format_date(first)} – {svg.format_date(last)}"
