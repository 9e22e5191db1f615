"""Render a story dossier as ONE self-contained HTML file: inline CSS, inline SVG, no external resources.

The page works offline, without JavaScript and on paper. Every statement carries citation links
(``<a href="#cite-<article_id>-<start>-<end>">[Bloomberg]</a>``) that jump to the cited passage, highlighted
with ``<mark>`` inside the full cleaned text of its article at the end of the page ("Sources").

Two levels, as in trafilatura: :func:`render_html` returns the page; :func:`build_view` returns the plain
view model the template draws, for callers that want to inspect or reuse it.

All article-derived text reaches the page through Jinja2 autoescaping; the only strings marked safe are the
SVG charts from :mod:`storyline.render.svg`, which escape their own labels.

Example:
    >>> page = render_html({"story": {"title": "A <b>bold</b> claim"}, "articles": []})
    >>> "A &lt;b&gt;bold&lt;/b&gt; claim" in page
    True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from storyline.render import svg
from storyline.render.dossier import (
    canonical_kind,
    glossed,
    is_verbatim,
    quote_kind_label,
    roles_once,
    time_note,
    version_label,
)
from storyline.render.events_view import dyad_chart, events_rows

__all__ = ["PALETTE", "build_view", "cite_anchor", "mark_paragraphs", "outlet_colors", "render_html"]

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
_ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "facility",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
}
_HOW = {"metadata": "from metadata", "text": "from the text", "inferred": "inferred", "user": "given by user"}
_SECTION_NAMES = {
    "summary": "Summary",
    "timeline": "Timeline",
    "key_sentences": "Key sentences",
    "quotes": "Quotes",
    "claims": "Claims",
    "conflicts": "Conflicts",
}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:\-]")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_CHART_ENTITIES = 15
_QUOTES_SHOWN = 24  # more go in a collapsed list: a big story can carry hundreds


def render_html(dossier: Mapping[str, Any]) -> str:
    """Render ``dossier`` (the dict described in ``render/__init__``'s callers) to a complete HTML page.

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
    return env


# --------------------------------------------------------------------------- helpers


def cite_anchor(article_id: object, start: object, end: object) -> str:
    """The HTML id of a cited passage: ``cite-<article_id>-<start>-<end>`` (unsafe id characters → ``_``).

    Example:
        >>> cite_anchor("a1b2", 120, 240)
        'cite-a1b2-120-240'
    """
    return f"cite-{_ID_UNSAFE.sub('_', str(article_id))}-{_int(start)}-{_int(end)}"


def _article_anchor(article_id: object) -> str:
    return f"article-{_ID_UNSAFE.sub('_', str(article_id))}"


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return 0


def _safe_url(url: object) -> str | None:
    """Only plain http(s) URLs become links (no ``javascript:``, ``data:`` or relative tricks)."""
    return url if isinstance(url, str) and _SAFE_URL.match(url.strip()) else None


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


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


def _outlet(source: object) -> str:
    return str(source) if source else UNKNOWN_OUTLET


def _article_outlet(article: Mapping[str, Any], listed: Sequence[str]) -> str:
    """The outlet an article is shown under: its source, else the name the story lists for it (the
    dossier builder falls back to the file name), else "Unknown outlet"."""
    if article.get("outlet"):
        return str(article["outlet"])
    if article.get("source"):
        return str(article["source"])
    name = _str(article.get("path")).replace("\\", "/").rsplit("/", 1)[-1]
    return name if name and name in listed else UNKNOWN_OUTLET


# --------------------------------------------------------------------------- marking cited passages


def _paragraph_spans(text: str, paragraphs: object) -> list[tuple[int, int]]:
    """Clean paragraph spans: clamped to the text, sorted, non-overlapping, trimmed of outer whitespace."""
    n = len(text)
    raw: list[tuple[int, int]] = []
    for p in _list(paragraphs):
        if isinstance(p, list | tuple) and len(p) >= 2:
            raw.append((max(0, min(_int(p[0]), n)), max(0, min(_int(p[1]), n))))
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
    paragraphs: object,
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

    out: list[list[dict[str, Any]]] = []
    for i, (ps, pe) in enumerate(spans):
        cuts = {ps, pe}
        for s, e, _id, _key in ranges:
            for b in (s, e):
                if ps < b < pe:
                    cuts.add(b)
        cuts.update(pos for (j, pos) in anchors if j == i)
        bounds = sorted(cuts)
        segments: list[dict[str, Any]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            cover = [r for r in ranges if r[0] <= a and b <= r[1] and r[0] < r[1]]
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

    def __init__(
        self, articles: Mapping[str, Mapping[str, Any]], outlets: Mapping[str, str], colors: Mapping[str, str]
    ) -> None:
        self.articles = articles
        self.outlets = outlets  # article id -> outlet name
        self.colors = colors
        self.ranges: dict[str, dict[tuple[int, int], list[str]]] = {}

    def view(self, cite: object, used_in: str) -> dict[str, Any]:
        c = cite if isinstance(cite, Mapping) else {}
        aid = _str(c.get("article_id"))
        start, end = _int(c.get("start")), _int(c.get("end"))
        article = self.articles.get(aid)
        outlet = self.outlets[aid] if article is not None else _outlet(c.get("source"))
        title = _str(c.get("title")) or _str((article or {}).get("title"))
        label = _str(c.get("label")) or outlet
        if article is None:
            return {
                "href": "",
                "outlet": outlet,
                "color": self.colors.get(outlet, "#8c959f"),
                "tip": f"{label} — not in this dossier",
                "missing": True,
            }
        uses = self.ranges.setdefault(aid, {}).setdefault((start, end), [])
        if used_in not in uses:
            uses.append(used_in)
        tip = f"{label} — “{title}”, characters {start}–{end}"
        return {
            "href": "#" + cite_anchor(aid, start, end),
            "outlet": outlet,
            "color": self.colors.get(outlet, "#8c959f"),
            "tip": tip,
            "missing": False,
        }

    def views(self, cites: object, used_in: str) -> list[dict[str, Any]]:
        return [self.view(c, used_in) for c in _list(cites)]


def _removed_summary(removed: Sequence[Mapping[str, Any]]) -> str:
    counts = Counter(_str(r.get("reason")) or "unspecified" for r in removed)
    n = len(removed)
    parts = ", ".join(f"{reason} ×{k}" for reason, k in sorted(counts.items(), key=lambda t: (-t[1], t[0])))
    return f"{n} {'line' if n == 1 else 'lines'} removed: {parts}"


def build_view(dossier: Mapping[str, Any]) -> dict[str, Any]:
    """Prepare everything the template needs: formatted dates, colours, cite links, marked sources, charts.

    Tolerant of missing keys and ``None`` values, so a partial dossier still renders.
    """
    story: Mapping[str, Any] = dossier.get("story") or {}
    articles = [a for a in _list(dossier.get("articles")) if isinstance(a, Mapping)]
    by_id = {_str(a.get("id")): a for a in articles}
    entities = [e for e in _list(dossier.get("entities")) if isinstance(e, Mapping)]

    # Outlets: the story's order first, then any other source or per-outlet column met on the way.
    listed = [str(o) for o in _list(story.get("outlets")) if o]
    article_outlets = {_str(a.get("id")): _article_outlet(a, listed) for a in articles}
    outlet_names: list[str] = [*listed, *article_outlets.values()]
    for e in entities:
        per = e.get("per_outlet")
        if isinstance(per, Mapping):
            outlet_names.extend(str(k) for k in per)
    outlets = list(dict.fromkeys(outlet_names))
    colors = outlet_colors(outlets)
    cites = _Cites(by_id, article_outlets, colors)

    published = [_str(a.get("published")) or None for a in articles]
    date_range = _list(story.get("date_range"))
    now = svg.latest_date([*(date_range[1:2] if len(date_range) > 1 else []), *published])

    # Text sections.
    summary = [
        {"text": _str(s.get("text")), "cites": cites.views(s.get("cites"), "Summary")}
        for s in _list(dossier.get("summary"))
        if isinstance(s, Mapping)
    ]
    timeline: list[dict[str, Any]] = []
    for i, t in enumerate(x for x in _list(dossier.get("timeline")) if isinstance(x, Mapping)):
        date = _str(t.get("date"))
        timeline.append(
            {
                "anchor": f"tl-{i + 1}",
                "date": date,
                "date_label": svg.format_date(date) or "undated",
                "precision": svg.date_precision(date) or "",
                "text": glossed(_str(t.get("text")), t.get("speaker")),
                "future": bool(t.get("future")) or svg.is_after(date, now),
                "sources": _int(t.get("sources")),
                "cites": cites.views(t.get("cites"), f"Timeline ({svg.format_date(date) or 'undated'})"),
                "due": "; ".join(
                    f"{c.get('text')}: {time_note(c)}" for c in _list(t.get("commitments")) if isinstance(c, Mapping)
                ),
            }
        )
    key_sentences = [
        {"text": _str(k.get("text")), "cites": cites.views(k.get("cites"), "Key sentences")}
        for k in _list(dossier.get("key_sentences"))
        if isinstance(k, Mapping)
    ]
    raw_quotes = [q for q in _list(dossier.get("quotes")) if isinstance(q, Mapping)]
    quotes = [
        {
            "text": _str(q.get("text")),
            "kind": _str(q.get("kind")) or "direct",
            "label": quote_kind_label(q.get("kind")),
            "verbatim": is_verbatim(q.get("kind")),
            "speaker": _str(q.get("speaker")),
            "speaker_role": role,
            "cue": _str(q.get("cue")),
            "cites": cites.views([q.get("cite")] if q.get("cite") else q.get("cites"), "Quotes"),
        }
        for q, role in zip(raw_quotes, roles_once(raw_quotes), strict=True)
    ]
    claims = []
    for c in _list(dossier.get("claims")):
        if isinstance(c, Mapping):
            claims.append(
                {
                    "text": _str(c.get("text")),
                    "cites": cites.views(c.get("support") or c.get("cites"), "Claims"),
                    "conflicts": [
                        {
                            "why": _str(x.get("why")),
                            "text": _str(x.get("text")),
                            "cites": cites.views([x] if "article_id" in x else x.get("cites"), "Claims (conflicting)"),
                        }
                        for x in _list(c.get("conflicts"))
                        if isinstance(x, Mapping)
                    ],
                }
            )
    conflicts = []
    for x in _list(dossier.get("conflicts")):
        if isinstance(x, Mapping):
            conflicts.append(
                {
                    "text": _str(x.get("text")),
                    "why": _str(x.get("why")),
                    "cites": cites.views([x] if "article_id" in x else x.get("cites"), "Conflicts"),
                }
            )

    comparison = _comparison_view(dossier, cites, colors)
    raw_events = _list(dossier.get("events"))
    events = events_rows(raw_events, cites.views)

    timeline_svg = svg.timeline_chart(
        [
            {
                "date": t["date"],
                "label": f"{svg.format_date(t['date'], short=True)} · {t['text']}",
                "title": t["text"],
                "future": t["future"],
                "href": "#" + t["anchor"],
            }
            for t in timeline
        ],
        now=now,
    )

    # Entities: chart of the most mentioned, table of all.
    entity_rows: list[dict[str, Any]] = []
    for e in entities:
        per = e.get("per_outlet") if isinstance(e.get("per_outlet"), Mapping) else {}
        assert isinstance(per, Mapping)
        etype = _str(e.get("type"))
        entity_rows.append(
            {
                "name": _str(e.get("name")),
                "type": etype,
                "type_label": _ENTITY_TYPES.get(etype, etype.lower()),
                "aliases": [str(x) for x in _list(e.get("aliases")) if str(x) != _str(e.get("name"))],
                "roles": [str(x) for x in _list(e.get("roles"))],
                "mentions": _int(e.get("mentions")) or sum(_int(v) for v in per.values()),
                "per_outlet": [_int(per.get(o)) for o in outlets],
            }
        )
    # One column (and one colour in the chart) per outlet; "Unknown outlet" only when it has mentions.
    entity_outlets = [
        o for i, o in enumerate(outlets) if o != UNKNOWN_OUTLET or any(r["per_outlet"][i] for r in entity_rows)
    ]
    entities_svg = svg.bar_chart(
        [
            (f"{r['name']}", {o: r["per_outlet"][outlets.index(o)] for o in entity_outlets})
            for r in entity_rows[:_CHART_ENTITIES]
        ],
        entity_outlets,
        colors,
        width=900,
        title="Mentions of the most mentioned people, organisations and places, by outlet",
    )

    # Articles and their marked-up sources (after every section has registered its cites).
    article_views = []
    for a in articles:
        aid = _str(a.get("id"))
        removed = [r for r in _list(a.get("removed")) if isinstance(r, Mapping)]
        dup = _str(a.get("duplicate_of"))
        outlet = article_outlets[aid]
        text = _str(a.get("text"))
        article_views.append(
            {
                "id": aid,
                "anchor": _article_anchor(aid),
                "outlet": outlet,
                "color": colors[outlet],
                "title": _str(a.get("title")) or _str(a.get("path")) or aid,
                "title_how": _str(a.get("title_how")),
                "author": _str(a.get("author")),
                "path": _str(a.get("path")),
                "url": _safe_url(a.get("url")),
                "published": svg.format_date(_str(a.get("published")) or None),
                "published_iso": _str(a.get("published")),
                "published_how": _HOW.get(_str(a.get("published_how")), _str(a.get("published_how"))),
                "published_why": _str(a.get("published_why")),
                "words": _int(a.get("words")) or len(text.split()),
                "removed": [
                    {"text": _str(r.get("text")), "reason": _str(r.get("reason")) or "unspecified"} for r in removed
                ],
                "removed_summary": _removed_summary(removed) if removed else "",
                "duplicate_of": dup,
                "duplicate_anchor": _article_anchor(dup) if dup else "",
                "duplicate_title": _str((by_id.get(dup) or {}).get("title")) or dup,
                "duplicate_outlet": article_outlets.get(dup, dup),
                "cited": len(cites.ranges.get(aid, {})),
                "paragraphs": mark_paragraphs(text, a.get("paragraphs"), cites.ranges.get(aid, {}), article_id=aid),
            }
        )

    event_date = _str(story.get("event_date"))
    sections = [
        (key, name)
        for key, name in (
            ("summary", "Summary"),
            ("timeline", "Timeline"),
            ("key-sentences", "Key sentences"),
            ("quotes", "Quotes"),
            ("claims", "Claims"),
            ("matrix", "Who reports what"),
            ("conflicts", "Conflicts"),
            ("accounts", "Accounts compared"),
            ("figures", "Figures"),
            ("quote-groups", "Quotes across outlets"),
            ("events", "Events"),
            ("entities", "People, organisations, places"),
            ("articles", "Articles"),
            ("sources", "Sources"),
        )
        if {
            "summary": summary,
            "timeline": timeline,
            "key-sentences": key_sentences,
            "quotes": quotes,
            "claims": claims,
            "matrix": comparison["matrix_rows"],
            "conflicts": conflicts,
            "accounts": comparison["accounts"],
            "figures": comparison["figures"],
            "quote-groups": comparison["quote_groups"],
            "events": events,
            "entities": entity_rows,
            "articles": article_views,
            "sources": article_views,
        }[key]
    ]
    return {
        "title": _str(story.get("title")) or "Untitled story",
        "generated_by": _str(dossier.get("generated_by")) or "storyline",
        "schema_version": _str(dossier.get("schema_version")),
        "event_date": svg.format_date(event_date) if event_date else "",
        "event_date_iso": event_date,
        "event_date_why": _str(story.get("event_date_why")),
        "article_count": _int(story.get("article_count")) if story.get("article_count") is not None else len(articles),
        "independent_sources": _int(story.get("independent_sources")),
        "coverage": _coverage(date_range),
        "outlets": [
            {"name": o, "color": colors[o]} for o in outlets if o != UNKNOWN_OUTLET or o in article_outlets.values()
        ],
        "sections": sections,
        "summary": summary,
        "timeline": timeline,
        "timeline_svg": Markup(timeline_svg),  # noqa: S704 - built by svg.py, which escapes every label
        "now": svg.format_date(now) if now else "",
        "key_sentences": key_sentences,
        "quotes": quotes[:_QUOTES_SHOWN],
        "quotes_more": quotes[_QUOTES_SHOWN:],
        "claims": claims,
        "conflicts": conflicts,
        **comparison,
        "events": events,
        "events_more": max(len([e for e in raw_events if isinstance(e, Mapping)]) - len(events), 0),
        "events_svg": Markup(dyad_chart(raw_events)),  # noqa: S704 - built by events_view.py, which escapes labels
        "entity_outlets": [{"name": o, "color": colors[o]} for o in entity_outlets],
        "entity_rows": [
            dict(r, per_outlet=[r["per_outlet"][outlets.index(o)] for o in entity_outlets]) for r in entity_rows
        ],
        "entities_svg": Markup(entities_svg),  # noqa: S704 - built by svg.py, which escapes every label
        "entities_charted": min(len(entity_rows), _CHART_ENTITIES),
        "articles": article_views,
    }


_CELL = {
    "reported": ("reported", "✓", "reported"),
    "differently": ("differently", "≠", "reported differently"),
    "not reported": ("absent", "—", "not reported"),
    "unclear": ("unclear", "?", "unclear"),
}


def _comparison_view(dossier: Mapping[str, Any], cites: _Cites, colors: Mapping[str, str]) -> dict[str, Any]:
    """The outlet × claim heat-map, account comparisons, reconciled figures and aligned quotes."""
    matrix = dossier.get("matrix") if isinstance(dossier.get("matrix"), Mapping) else {}
    assert isinstance(matrix, Mapping)
    m_outlets = [str(o) for o in _list(matrix.get("outlets"))]
    rows = []
    for i, r in enumerate(x for x in _list(matrix.get("rows")) if isinstance(x, Mapping)):
        cells = []
        for cell in _list(r.get("cells")):
            if not isinstance(cell, Mapping):
                continue
            cls, mark, label = _CELL.get(_str(cell.get("status")), ("absent", "?", _str(cell.get("status"))))
            why = _str(cell.get("why"))
            cells.append(
                {
                    "cls": cls,
                    "mark": mark,
                    "label": label,
                    "why": why,
                    "is_copy": bool(cell.get("copy")),
                    "cites": cites.views(cell.get("cites"), f"Who reports what (claim {i + 1})"),
                }
            )
        rows.append(
            {
                "n": i + 1,
                "text": _str(r.get("text")),
                "kind": _str(r.get("kind")),
                "sources": _int(r.get("sources")),
                "cells": cells,
            }
        )
    accounts = []
    for a in _list(dossier.get("accounts")):
        if isinstance(a, Mapping):
            accounts.append(
                {
                    "party": _str(a.get("party")) or "One party",
                    "label": _str(a.get("account_label")) or f"{_str(a.get('party')) or 'one party'}’s account",
                    "topic": _str(a.get("topic")),
                    "text": _str(a.get("text")),
                    "sources": _int(a.get("sources")),
                    "cites": cites.views(a.get("support"), "Accounts compared"),
                    "counter": [
                        {"text": _str(c.get("quote")), "cite": cites.view(c, "Accounts compared (other side)")}
                        for c in _list(a.get("counter"))
                        if isinstance(c, Mapping)
                    ],
                }
            )
    figures = []
    for f in _list(dossier.get("figures")):
        if isinstance(f, Mapping):
            figures.append(
                {
                    "about": _str(f.get("about")),
                    "time": _str(f.get("time")),
                    "due": time_note(f),
                    "conflict": f.get("status") == "conflict",
                    "why": _str(f.get("why")),
                    "values": [
                        {"text": _str(v.get("text")), "cites": cites.views([v], "Figures")}
                        for v in _list(f.get("values"))
                        if isinstance(v, Mapping)
                    ],
                }
            )
    quote_groups = []
    for q in _list(dossier.get("quote_groups")):
        if isinstance(q, Mapping):
            quote_groups.append(
                {
                    "text": _str(q.get("text")),
                    "verbatim": is_verbatim(canonical_kind(q)),
                    "speaker": _str(q.get("speaker")),
                    "sources": _int(q.get("sources")),
                    "versions": [
                        {
                            "text": _str(v.get("text")),
                            "relation": _str(v.get("relation")),
                            "label": version_label(v),
                            "verbatim": is_verbatim(v.get("kind")),
                            "kind": _str(v.get("kind")),
                            "status": _str(v.get("status")),
                            "cites": cites.views([v], "Quotes across outlets"),
                        }
                        for v in _list(q.get("versions"))
                        if isinstance(v, Mapping)
                    ],
                }
            )
    return {
        "matrix_outlets": [{"name": o, "color": colors.get(o, "#8c959f")} for o in m_outlets],
        "matrix_rows": rows,
        "accounts": accounts,
        "figures": figures,
        "quote_groups": quote_groups,
    }


def _coverage(date_range: Sequence[Any]) -> str:
    if len(date_range) < 2 or not date_range[0]:
        return ""
    first, last = _str(date_range[0]), _str(date_range[1])
    if not last or first == last:
        return svg.format_date(first)
    return f"{svg.format_date(first)} – {svg.format_date(last)}"
