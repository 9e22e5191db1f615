"""View models for the web pages: plain dicts built from the store and the dossier, drawn by the templates.

Pure functions, no I/O: the app opens the store, these shape what it read. :func:`dossier_view` walks the typed
dossier's sections through :data:`SECTIONS`; a stored dossier's sections this version does not know (its
``extra``) become generic sections, and an empty section is left to the template to say so.

Example:
    >>> cite_href(Cite("a1", 3, 9))
    '/articles/a1?start=3&end=9#cite'
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard
from urllib.parse import quote

from markupsafe import Markup

from storyline import lexicon
from storyline.model import Article, Cite, Entity, Story
from storyline.outlets import outlet_label
from storyline.render import svg
from storyline.render.dossier import according_to, glossed, is_verbatim, quote_kind_label, until_note, version_label
from storyline.render.dossier_base import by_article
from storyline.render.dossier_model import ClaimView, Dossier, EntityRow, Matrix, SourceCite, as_dossier
from storyline.render.events_view import by_sources, dyad_chart, events_rows
from storyline.text import plural
from storyline.web.event_rows import entity_event_rows
from storyline.web.markup import snippet_around

__all__ = [
    "SECTIONS",
    "StoryFilters",
    "cite_href",
    "cite_link",
    "dossier_view",
    "entity_view",
    "filter_stories",
    "story_rows",
]

_TEXT_KEYS = ("text", "claim", "statement", "about", "subject", "topic", "summary", "description", "title", "name")
_CITE_KEYS = ("cites", "cite", "support", "supports", "sources", "evidence", "citations")
_CHILD_KEYS = ("values", "sides", "versions", "positions", "variants", "accounts", "items", "claims", "conflicting")
_TYPE_GROUPS = (("People", ("PERSON",)), ("Places", ("GPE", "LOC", "FAC")), ("Organisations", ("ORG", "NORP")))
HEAT_LEVELS = 4
#: Entity types in words (``lexicon/text.toml``, as the dossier prints them).
KIND_LABELS = {k: str(v) for k, v in lexicon.table("text.entity_types").items()}
ENTITY_HEAT_ROWS = 15


def kind_label(label: str) -> str:
    """A spaCy entity label in words ("GPE" → "place"); unknown labels come back as they are."""
    return KIND_LABELS.get(label, label)


FILTERS: dict[str, Callable[..., Any]] = {"kind": kind_label, "by_article": by_article}
"""The filters the app's templates use (every environment that draws them installs these)."""


def cite_href(c: Cite | SourceCite) -> str:
    """The article page scrolled to a cited passage."""
    return f"/articles/{quote(c.article_id, safe='')}?start={c.start}&end={c.end}#cite"


def cite_link(c: SourceCite) -> dict[str, str]:
    """A citation as a link: href, short label (outlet and date), the article title as tooltip, and the article
    (the pages show one chip per article, :func:`~storyline.render.dossier_base.by_article`)."""
    return {
        "href": cite_href(c),
        "label": c.label or c.source or c.article_id or "source",
        "title": c.title,
        "article": c.article_id,
    }


def _is_cite(x: object) -> TypeGuard[Mapping[str, Any]]:
    return isinstance(x, Mapping) and "article_id" in x


# --------------------------------------------------------------------------- stories list


@dataclass(slots=True)
class StoryFilters:
    """What the stories list is filtered by (empty strings: no filter)."""

    q: str = ""
    date_from: str = ""
    date_to: str = ""
    entity: str = ""
    outlet: str = ""

    @property
    def active(self) -> bool:
        return any((self.q, self.date_from, self.date_to, self.entity, self.outlet))

    def params(self) -> dict[str, str]:
        """The filters as the stories list's query parameters (for its page links)."""
        return {"q": self.q, "from": self.date_from, "to": self.date_to, "entity": self.entity, "outlet": self.outlet}


def filter_problem(f: StoryFilters) -> str | None:
    """Why the filters cannot be applied (a date that cannot be read, ``from`` after ``to``), or None.

    Example:
        >>> filter_problem(StoryFilters(date_from="garbage"))
        "from='garbage' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        >>> filter_problem(StoryFilters(date_from="2025-12", date_to="2025-11")), filter_problem(StoryFilters())
        ('from=2025-12 is after to=2025-11', None)
    """
    spans = {}
    for name, value in (("from", f.date_from), ("to", f.date_to)):
        if value:
            span = svg.date_span(value)
            if span is None:
                return f"{name}={value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
            spans[name] = span
    if "from" in spans and "to" in spans and spans["from"][0] > spans["to"][1]:
        return f"from={f.date_from} is after to={f.date_to}"
    return None


def story_rows(stories: Sequence[Story], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """One row per story: id, title, event date, counts and the outlets that covered it."""
    by_id = {a.id: a for a in articles}
    rows = []
    for s in stories:
        members = [by_id[i] for i in s.article_ids if i in by_id]
        rows.append(
            {
                "id": s.id,
                "title": s.title,
                "event_date": s.event_date,
                "event_date_label": svg.format_date(s.event_date) or "—",
                "event_date_why": s.event_date_why or "",
                "articles": len(s.article_ids),
                "independent_sources": s.independent_sources,
                "outlets": sorted({outlet_label(a) for a in members}),
            }
        )
    return rows


def matching_entities(entities: Iterable[Entity], query: str) -> list[Entity]:
    """Entities whose id equals ``query`` or whose name or an alias contains it (case-insensitive)."""
    q = query.strip().casefold()
    if not q:
        return []
    return [e for e in entities if e.id.casefold() == q or any(q in n.casefold() for n in (e.name, *e.aliases))]


def filter_stories(
    rows: Sequence[dict[str, Any]],
    f: StoryFilters,
    *,
    entity_story_ids: set[str] | None = None,
    hit_story_ids: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Keep the rows that pass every filter; a date filter drops undated stories.

    Example:
        >>> rows = [{"id": "s1", "event_date": "2025-11", "outlets": ["AP"]}]
        >>> len(filter_stories(rows, StoryFilters(date_from="2025-11-20")))
        1
    """
    lo = svg.date_span(f.date_from)
    hi = svg.date_span(f.date_to)
    out = []
    for r in rows:
        if f.outlet and f.outlet not in r["outlets"]:
            continue
        if entity_story_ids is not None and r["id"] not in entity_story_ids:
            continue
        if hit_story_ids is not None and r["id"] not in hit_story_ids:
            continue
        if lo or hi:
            span = svg.date_span(r.get("event_date"))
            if span is None or (lo and span[1] < lo[0]) or (hi and span[0] > hi[1]):
                continue
        out.append(r)
    return out


# --------------------------------------------------------------------------- the dossier


def normalize_item(x: object) -> dict[str, Any]:
    """An item of a dossier section this app does not know (a stored dossier's ``extra``), read by its key names:
    text, citation links, details and children."""
    if isinstance(x, str | int | float):
        return {"text": str(x), "cites": [], "details": [], "children": []}
    if not isinstance(x, Mapping):
        return {"text": "", "cites": [], "details": [], "children": []}
    text = next((str(x[k]) for k in _TEXT_KEYS if isinstance(x.get(k), str | int | float) and x.get(k) != ""), "")
    cites: list[dict[str, str]] = []
    children: list[dict[str, Any]] = []
    details: list[tuple[str, str]] = []
    for k, v in x.items():
        if k in _CITE_KEYS:
            items = v if isinstance(v, list) else [v]
            cites += [_link(c) for c in items if _is_cite(c)]
        elif k in _CHILD_KEYS and isinstance(v, list):
            for c in v:
                if _is_cite(c) and not c.get("text"):
                    cites.append(_link(c))
                elif _is_cite(c):
                    children.append(_item(str(c["text"]), [SourceCite.from_json(c)]))
                else:
                    children.append(normalize_item(c))
        elif _is_cite(v):
            cites.append(_link(v))
        elif k not in _TEXT_KEYS and k != "id" and not k.endswith("_id") and isinstance(v, str | int | float | bool):
            details.append((k.replace("_", " "), str(v)))
    return {"text": text, "cites": cites, "details": details, "children": children}


def _link(c: Mapping[str, Any]) -> dict[str, str]:
    return cite_link(SourceCite.from_json(c))


def _item(
    text: str, cites: Iterable[SourceCite], details: Iterable[tuple[str, str]] = (), children: Iterable[Any] = ()
) -> dict[str, Any]:
    """A cited item as the ``item`` macro draws it: text, citation links, details ("kind: fact") and children."""
    return {"text": text, "cites": [cite_link(c) for c in cites], "details": list(details), "children": list(children)}


def _claim_item(c: ClaimView) -> dict[str, Any]:
    """A claim with its supporting cites, its kind (and speaker, party) and each outlet's wording beneath it."""
    named = (("speaker", c.speaker), ("party", c.party), ("account label", c.account_label))
    return _item(
        c.text,
        [*c.support, *(v.cite for v in c.versions if not v.text)],
        [("kind", c.kind), *((k, v) for k, v in named if v is not None)],
        [_item(v.text, [v.cite]) for v in c.versions if v.text],
    )


def claim_heatmap(claims: Sequence[ClaimView], outlets: Sequence[str]) -> dict[str, Any]:
    """Outlet × claim grid: how often each outlet supports each claim; ``conflict`` where it disagrees."""
    rows = []
    for c in claims:
        support = Counter(x.source for x in c.support if x.source)
        against = {x.cite.source for x in c.conflicts if x.cite.source}
        cells = []
        for o in outlets:
            n = support.get(o, 0)
            if o in against:
                cells.append({"level": "conflict", "text": "≠", "title": f"{o} disagrees"})
            else:
                level, shown = str(min(n, HEAT_LEVELS)), str(n) if n else ""
                cells.append({"level": level, "text": shown, "title": f"{o}: {plural(n, 'citation')}"})
        rows.append({"label": c.text, "cells": cells})
    return {"outlets": list(outlets), "rows": rows}


#: status → (shade, what the cell says — a mark and a word, never colour alone —, what its tooltip says)
_MATRIX_CELLS = {
    "reported": ("3", "✓ reported", "reports this"),
    "differently": ("conflict", "≠ differently", "reports it differently"),
    "not reported": ("0", "— not reported", "does not report this"),
    "unclear": ("0", "? unclear", "unclear: no claim either way"),
}


def matrix_heatmap(matrix: Matrix) -> dict[str, Any]:
    """The dossier's outlet × claim ``matrix`` as a heat-map; each reported cell links to its citation, an
    unclear one to the passage that comes near the claim when there is one."""
    rows = []
    for r in matrix.rows:
        cells = []
        for c in r.cells:
            level, mark, words = _MATRIX_CELLS.get(c.status, ("0", "?", c.status))
            if c.copy:
                level, words = "copy", words + " (copied text)"
            title = f"{c.outlet} {words}" + (f": {c.why}" if c.why else "")
            href = cite_href(c.cites[0]) if c.cites else ""
            if not href and c.near:  # an unclear cell links the passage that comes near the claim
                href, title = cite_href(c.near[0]), title + " (the link shows that passage)"
            cells.append({"level": level, "text": mark, "title": title, "href": href})
        rows.append({"label": r.text, "cells": cells})
    return {"outlets": list(matrix.outlets), "rows": rows}


def entity_heatmap(entities: Sequence[EntityRow], outlets: Sequence[str]) -> dict[str, Any]:
    """Outlet × entity grid of mention counts, shaded relative to the largest count."""
    rows = entities[:ENTITY_HEAT_ROWS]
    top = max((n for e in rows for n in e.per_outlet.values()), default=0)
    out = []
    for e in rows:
        cells = []
        for o in outlets:
            n = e.per_outlet.get(o, 0)
            level = 0 if n == 0 or top == 0 else max(1, math.ceil(HEAT_LEVELS * math.sqrt(n / top)))
            cells.append({"level": str(level), "text": str(n) if n else "", "title": f"{o}: {plural(n, 'mention')}"})
        out.append({"label": e.name, "href": f"/entities/{quote(e.id, safe='')}", "cells": cells})
    return {"outlets": list(outlets), "rows": out}


#: Claims (grid rows and wordings) and quotes a story page shows before "show all": a 129-article story's page
#: held 344 claim rows and every quote, 3.6 MB, most of its serving time; at 50 and 150 a 48-article story's page
#: was still 713 kB (claims 305, quotes 102, quote groups 93, conflicts 52, timeline 46 kB) and a 4-article one's
#: 125 kB, 62 of them its 102 quotes.
PAGE_CLAIMS = 25
PAGE_QUOTES = 50
#: Rows of each other long section (timeline, conflicts, figures, quotes across outlets, events) before "show all":
#: the full page (``?full=1``) lists every row, each with its citations.
PAGE_ROWS = 25
#: Articles one list of citations shows before "+N more articles" (all of them on the full page).
PAGE_CITED_ARTICLES = 8


@dataclass(slots=True)
class _Page:
    """What the story page's sections share: the story's "now" and the speaker the quotes are filtered by."""

    now: str | None
    speaker: str
    full: bool = False  # every row; else the first PAGE_CLAIMS / PAGE_QUOTES / PAGE_ROWS, with a link to the rest

    def first(self, rows: Sequence[Any], n: int | None = None) -> Sequence[Any]:
        """``rows`` as the page shows them: all on the full page, else the first ``n`` (:data:`PAGE_ROWS`)."""
        return rows if self.full else rows[: PAGE_ROWS if n is None else n]


def _header(d: Dossier, page: _Page) -> dict[str, Any]:
    story = d.story
    span = story.date_range
    return {
        "id": story.id,
        "title": story.title,
        "event_date": svg.format_date(story.event_date) or "—",
        "event_date_why": story.event_date_why or "",
        "article_count": story.article_count,
        "independent_sources": story.independent_sources,
        "outlets": list(story.outlets),
        "coverage": " – ".join(svg.format_date(x) for x in span if x) if span else "",
    }


def _summary(d: Dossier, page: _Page) -> dict[str, Any]:
    return {
        "summary": [_item(s.text, s.cites) for s in d.summary],
        "key_sentences": [_item(k.text, k.cites) for k in d.key_sentences],
    }


def _timeline(d: Dossier, page: _Page) -> dict[str, Any]:
    rows = []
    chart_items = []
    listed = len(page.first(d.timeline))  # the chart shows every dated event, the list the first ones
    for t in d.timeline:
        text, future = glossed(t.text, t.speaker), svg.is_after(t.date, page.now)
        rows.append(
            {
                "date": t.date,
                "date_label": svg.format_date(t.date),
                "text": text,
                "cites": [cite_link(c) for c in t.cites],
                "future": future,
                "due": until_note(t.until, t.until_how),
                "differs": t.differs or "",
            }
        )
        item: dict[str, Any] = {"date": t.date, "label": text, "future": future, "until": t.until}
        if t.cites:
            item["href"] = cite_href(t.cites[0])
        chart_items.append(item)
    chart = svg.timeline_chart(chart_items, now=page.now) if chart_items else ""
    return {
        "timeline": rows[:listed],
        "timeline_total": len(rows),
        "timeline_svg": Markup(chart),  # noqa: S704 - svg.py escapes every label itself
    }


def _quotes(d: Dossier, page: _Page) -> dict[str, Any]:
    rows = [
        {
            "text": q.text,
            "kind": q.kind,
            "label": quote_kind_label(q.kind, q.according_to),
            "verbatim": is_verbatim(q.kind),
            "speaker": q.speaker or "",
            "cue": q.cue or "",
            "cite": cite_link(q.cite) if q.cite else None,
        }
        for q in d.quotes
    ]
    speakers = Counter(r["speaker"] or "(unattributed)" for r in rows).most_common()
    if page.speaker:  # one speaker's quotes, all of them
        shown = [r for r in rows if (r["speaker"] or "(unattributed)") == page.speaker]
    else:
        shown = list(page.first(rows, PAGE_QUOTES))
    return {"quotes": shown, "speakers": speakers, "speaker": page.speaker, "quote_total": len(rows)}


def _claims(d: Dossier, page: _Page) -> dict[str, Any]:
    """The outlet × claim grid and the claims' wordings, most corroborated first: on a large story the first
    :data:`PAGE_CLAIMS`, the page linking to all of them (``claim_total``)."""
    heat = matrix_heatmap(d.matrix) if d.matrix.rows else claim_heatmap(d.claims, d.story.outlets)
    total = max(len(heat["rows"]), len(d.claims))
    heat = {**heat, "rows": list(page.first(heat["rows"], PAGE_CLAIMS))}
    claims = page.first(d.claims, PAGE_CLAIMS)
    return {"claims": [_claim_item(c) for c in claims], "claim_heat": heat, "claim_total": total}


def _entities(d: Dossier, page: _Page) -> dict[str, Any]:
    groups = [
        (
            title,
            [
                {
                    "id": e.id,
                    "href": f"/entities/{quote(e.id, safe='')}",
                    "name": e.name,
                    "mentions": e.mentions,
                    "roles": e.roles[:3],
                    "outlets": sum(1 for n in e.per_outlet.values() if n),
                }
                for e in d.entities
                if e.type in types
            ],
        )
        for title, types in _TYPE_GROUPS
    ]
    return {"entity_heat": entity_heatmap(d.entities, d.story.outlets), "entity_groups": groups}


def _conflicts(d: Dossier, page: _Page) -> dict[str, Any]:
    shown = page.first(d.conflicts)
    return {"conflicts": [_item(x.text, x.cites, [("why", x.why)]) for x in shown], "conflict_total": len(d.conflicts)}


def _accounts(d: Dossier, page: _Page) -> dict[str, Any]:
    """Account comparisons: what one party's account left out, the outlets that say so, the other side."""
    out = []
    for a in d.accounts:
        label = a.account_label or f"{a.party or 'one party'}’s account"
        out.append(
            {
                "heading": f"Left out of {label}: {a.topic or ''}".rstrip(": "),
                "sources": a.sources,
                "versions": [{"text": v.text, "cites": [cite_link(v.cite)]} for v in a.versions]
                or [{"text": a.text, "cites": [cite_link(c) for c in a.support]}],
                "counter": [{"text": c.quote, "cites": [cite_link(c.cite)]} for c in a.counter],
            }
        )
    return {"accounts": out}


def _figures(d: Dossier, page: _Page) -> dict[str, Any]:
    """Figures across outlets: what they are about, each outlet's wording, agree or conflict (with why)."""
    figures = [
        {
            "about": f.about,
            "time": f.time_shown,
            "conflict": f.status == "conflict",
            "updated": f.status == "updated",
            "single": f.one_source,
            "why": f.why,
            "figures": [
                {"text": v.text, "source": v.cite.source or "", "cites": [cite_link(v.cite)]} for v in f.values
            ],
        }
        for f in page.first(d.figures)
    ]
    return {"figures": figures, "figure_total": len(d.figures)}


def _quote_groups(d: Dossier, page: _Page) -> dict[str, Any]:
    """One quotation across outlets: the speaker, and each outlet's version with how it relates."""
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
                    "differently": v.status == "differently",
                    "cites": [cite_link(v.cite)],
                }
                for v in q.versions
            ],
        }
        for q in page.first(d.quote_groups)
    ]
    return {"quote_groups": groups, "quote_group_total": len(d.quote_groups)}


def _events(d: Dossier, page: _Page) -> dict[str, Any]:
    events = events_rows(d.events, lambda cites, _used: [cite_link(c) for c in cites])  # the most reported first
    shown = list(page.first(events))
    return {
        "events": shown,
        "event_total": len(events),
        **by_sources(shown),
        "events_svg": Markup(dyad_chart(d.events)),  # noqa: S704 - events_view escapes every label
    }


def _articles(d: Dossier, page: _Page) -> dict[str, Any]:
    articles = [
        {
            "id": a.id,
            "href": f"/articles/{quote(a.id, safe='')}",
            "title": a.title,
            "outlet": a.outlet,
            "published": svg.format_date(a.published) or "undated",
            "published_how": a.published_how or "",
            "words": a.words,
            "duplicate_of": a.duplicate_of,
        }
        for a in d.articles
    ]
    return {"articles": articles}


def _extras(d: Dossier, page: _Page) -> dict[str, Any]:
    """Sections of a stored dossier this app does not know (rendered generically)."""
    out = []
    for k, v in d.extra.items():
        title = k.replace("_", " ").capitalize()
        if isinstance(v, list):
            out.append({"key": k, "title": title, "entries": [normalize_item(x) for x in v], "pairs": []})
        elif isinstance(v, Mapping):
            pairs = [(str(a).replace("_", " "), str(b)) for a, b in v.items()]
            out.append({"key": k, "title": title, "entries": [], "pairs": pairs})
        elif v not in (None, ""):
            out.append({"key": k, "title": title, "entries": [], "pairs": [(title, str(v))]})
    return {"extras": out}


#: The story page's sections, each with what builds its part of the view (the template lays them out).
SECTIONS: tuple[tuple[str, Callable[[Dossier, _Page], dict[str, Any]]], ...] = (
    ("story", _header),
    ("summary", _summary),
    ("timeline", _timeline),
    ("quotes", _quotes),
    ("claims", _claims),
    ("entities", _entities),
    ("conflicts", _conflicts),
    ("accounts", _accounts),
    ("figures", _figures),
    ("quote_groups", _quote_groups),
    ("events", _events),
    ("articles", _articles),
    ("extras", _extras),
)


def dossier_view(dossier: Dossier | Mapping[str, Any], *, speaker: str = "", full: bool = False) -> dict[str, Any]:
    """Everything the story page draws, from the dossier (typed, or its JSON form); missing keys give empty sections.

    Example:
        >>> v = dossier_view({"story": {"id": "s1", "title": "T"}})
        >>> v["title"], v["summary"], v["claims"], v["timeline"]
        ('T', [], [], [])
    """
    d = as_dossier(dossier)
    page = _Page(svg.latest_date(d.reference_dates()), speaker, full)
    view: dict[str, Any] = {}
    for _, section in SECTIONS:
        view.update(section(d, page))
    return view if full else {k: _fewer_cites(v, PAGE_CITED_ARTICLES) for k, v in view.items()}  # not its sections


#: Lists of one item's wordings or values (each with its citation) cut like its citations.
PER_ARTICLE_LISTS = frozenset({"children", "figures", "versions", "counter"})


def _fewer_cites(x: Any, n: int) -> Any:
    """Every list of citations in the view cut to the first ``n`` articles it cites, and every list of an item's
    wordings (:data:`PER_ARTICLE_LISTS`) to its first ``n``, a last entry saying how many more (``{"more": K}``,
    drawn as "+K more", linking the full page): one claim of a 129-article story cited 100 of them."""
    if isinstance(x, list):
        return [_fewer_cites(v, n) for v in x]
    if not isinstance(x, dict):
        return x
    out = {k: _fewer_cites(v, n) for k, v in x.items() if k != "cites"}
    for k in PER_ARTICLE_LISTS & out.keys():
        if isinstance(out[k], list) and len(out[k]) > n:
            out[k] = [*out[k][:n], {"more": len(out[k]) - n}]
    if "cites" in x:
        links = x["cites"]
        groups = by_article(links) if isinstance(links, list) else []
        if len(groups) > n:
            out["cites"] = [c for g in groups[:n] for c in g] + [{"more": len(groups) - n}]
        else:
            out["cites"] = links
    return out


# --------------------------------------------------------------------------- entities


def entity_view(entity: Entity, articles: Sequence[Article], stories: Sequence[Story]) -> dict[str, Any]:
    """Every mention and quote of an entity, grouped by story and article, with its sentence in context.

    Args:
        entity: The canonical entity.
        articles: The articles to look in (those it is mentioned in, and any whose quotes it speaks).
        stories: All stories, to name the story of each article.
    """
    titles = {s.id: s.title for s in stories}
    by_article: dict[str, list[tuple[int, int]]] = {}
    for m in entity.mentions:
        by_article.setdefault(m.article_id, []).append((m.start, m.end))
    groups: dict[str, dict[str, Any]] = {}
    outlet_counts: Counter[str] = Counter()
    quotes_total = 0
    for a in articles:
        spans = sorted(by_article.get(a.id, []))
        said = [q for q in a.quotes if q.speaker_entity_id == entity.id]
        if not spans and not said:
            continue
        outlet = outlet_label(a)
        outlet_counts[outlet] += len(spans)
        quotes_total += len(said)
        sid = a.story_id or ""
        group = groups.setdefault(
            sid,
            {
                "id": sid,
                "title": titles.get(sid, "Not in a story"),
                "href": f"/stories/{sid}" if sid else "",
                "articles": [],
            },
        )
        group["articles"].append(
            {
                "id": a.id,
                "href": f"/articles/{quote(a.id, safe='')}",
                "title": a.display_title,
                "outlet": outlet,
                "published": svg.format_date(a.published) or "undated",
                "mentions": _contexts(a, spans),
                "quotes": [
                    {
                        "text": q.text,
                        "kind": q.kind,
                        "label": quote_kind_label(q.kind, according_to(q, a.quotes)),
                        "verbatim": is_verbatim(q.kind),
                        "href": cite_href(Cite(a.id, q.start, q.end)),
                    }
                    for q in said
                ],
            }
        )
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": [x for x in entity.aliases if x != entity.name],
        "roles": entity.roles,
        "mention_total": sum(outlet_counts.values()),
        "quote_total": quotes_total,
        "outlets": outlet_counts.most_common(),
        "stories": list(groups.values()),
        "events": entity_event_rows(entity, stories, articles),
    }


def _contexts(a: Article, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """The sentences around an article's mentions, one per sentence, each split into plain and matched parts."""
    windows: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for start, end in spans:
        sent = a.sentence_at(start)
        lo, hi = (sent.start, sent.end) if sent and sent.end >= end else snippet_around(a.text, start, end)
        if hi - lo > 400:
            lo, hi = snippet_around(a.text, start, end)
        windows.setdefault((lo, hi), []).append((start, end))
    out = []
    for (lo, hi), found in sorted(windows.items()):
        parts: list[tuple[str, bool]] = []
        pos = lo
        for start, end in sorted(found):
            if start < pos:
                continue
            parts += [(a.text[pos:start], False), (a.text[start:end], True)]
            pos = end
        parts.append((a.text[pos:hi], False))
        first = found[0]
        out.append(
            {
                "parts": [p for p in parts if p[0]],
                "href": cite_href(Cite(a.id, first[0], first[1])),
            }
        )
    return out
