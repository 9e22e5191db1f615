"""View models for the web pages: plain dicts built from the store and the dossier, drawn by the templates.

Pure functions, no I/O: the app opens the store, these shape what it read. The dossier dict grows over
time (claims, conflicts, comparisons...): :func:`dossier_view` draws the keys it knows, turns any other list
of items into a generic section, and leaves a section empty (the template says so) when its key is missing.

Example:
    >>> cite_href({"article_id": "a1", "start": 3, "end": 9})
    '/articles/a1?start=3&end=9#cite'
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard
from urllib.parse import quote

from markupsafe import Markup

from storyline.compare.claims import outlet_label
from storyline.model import Article, Entity, Story
from storyline.render import svg
from storyline.render.dossier import canonical_kind, glossed, is_verbatim, quote_kind_label, version_label
from storyline.text import plural
from storyline.web.event_rows import entity_event_rows, story_event_chart, story_event_rows
from storyline.web.markup import snippet_around

__all__ = [
    "StoryFilters",
    "article_outlet",
    "cite_href",
    "cite_link",
    "dossier_view",
    "entity_view",
    "filter_stories",
    "story_rows",
]

KNOWN_KEYS = frozenset(
    {
        "schema_version",
        "generated_by",
        "story",
        "articles",
        "entities",
        "timeline",
        "key_sentences",
        "summary",
        "quotes",
        "claims",
        "conflicts",
        "matrix",
        "accounts",
        "figures",
        "quote_groups",
    }
)
_TEXT_KEYS = ("text", "claim", "statement", "about", "subject", "topic", "summary", "description", "title", "name")
_CITE_KEYS = ("cites", "cite", "support", "supports", "sources", "evidence", "citations")
_CHILD_KEYS = ("values", "sides", "versions", "positions", "variants", "accounts", "items", "claims", "conflicting")
_TYPE_GROUPS = (("People", ("PERSON",)), ("Places", ("GPE", "LOC", "FAC")), ("Organisations", ("ORG", "NORP")))
HEAT_LEVELS = 4
KIND_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
}
ENTITY_HEAT_ROWS = 15


def article_outlet(a: Article) -> str:
    """The outlet's name, or "unnamed outlet (file…)" when none is known (as the dossier shows it)."""
    return outlet_label(a)


def kind_label(label: str) -> str:
    """A spaCy entity label in words ("GPE" → "place"); unknown labels come back as they are."""
    return KIND_LABELS.get(label, label)


def cite_href(c: Mapping[str, Any]) -> str:
    """The article page scrolled to a cited passage."""
    aid = quote(str(c.get("article_id", "")), safe="")
    return f"/articles/{aid}?start={_int(c.get('start'))}&end={_int(c.get('end'))}#cite"


def cite_link(c: Mapping[str, Any]) -> dict[str, str]:
    """A citation as a link: href, short label (outlet and date), and the article title as tooltip."""
    label = c.get("label") or c.get("source") or c.get("article_id") or "source"
    return {"href": cite_href(c), "label": str(label), "title": str(c.get("title") or "")}


def _int(v: object) -> int:
    try:
        return int(str(v))
    except ValueError:
        return 0


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
                "outlets": sorted({article_outlet(a) for a in members}),
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
    """Any dossier item (a claim, a conflict, a comparison...) as text, citation links, details and children."""
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
            cites += [cite_link(c) for c in items if _is_cite(c)]
        elif k in _CHILD_KEYS and isinstance(v, list):
            for c in v:
                if _is_cite(c) and not c.get("text"):
                    cites.append(cite_link(c))
                elif _is_cite(c):
                    children.append({"text": str(c["text"]), "cites": [cite_link(c)], "details": [], "children": []})
                else:
                    children.append(normalize_item(c))
        elif _is_cite(v):
            cites.append(cite_link(v))
        elif k not in _TEXT_KEYS and k != "id" and not k.endswith("_id") and isinstance(v, str | int | float | bool):
            details.append((k.replace("_", " "), str(v)))
    return {"text": text, "cites": cites, "details": details, "children": children}


def _outlets_of(item: Mapping[str, Any]) -> Counter[str]:
    """Outlets cited by an item, counted, from the ``source`` of each citation."""
    out: Counter[str] = Counter()
    for k in _CITE_KEYS:
        v = item.get(k)
        for c in v if isinstance(v, list) else [v]:
            if _is_cite(c) and c.get("source"):
                out[str(c["source"])] += 1
    return out


def _conflict_outlets(item: Mapping[str, Any]) -> set[str]:
    out: set[str] = set()
    conflicts = item.get("conflicts")
    for c in conflicts if isinstance(conflicts, list) else []:
        if isinstance(c, Mapping):
            out |= set(_outlets_of(c))
            for k in _CHILD_KEYS:
                for child in c.get(k) or []:
                    if isinstance(child, Mapping):
                        out |= set(_outlets_of(child)) | ({str(child["source"])} if child.get("source") else set())
    return out


def claim_heatmap(claims: Sequence[Any], outlets: Sequence[str]) -> dict[str, Any]:
    """Outlet × claim grid: how often each outlet supports each claim; ``conflict`` where it disagrees."""
    rows = []
    for c in claims:
        if not isinstance(c, Mapping):
            continue
        support = _outlets_of(c)
        against = _conflict_outlets(c)
        cells = []
        for o in outlets:
            n = support.get(o, 0)
            if o in against:
                cells.append({"level": "conflict", "text": "≠", "title": f"{o} disagrees"})
            else:
                cells.append(
                    {
                        "level": str(min(n, HEAT_LEVELS)),
                        "text": str(n) if n else "",
                        "title": f"{o}: {plural(n, 'citation')}",
                    }
                )
        rows.append({"label": normalize_item(c)["text"], "cells": cells})
    return {"outlets": list(outlets), "rows": rows}


#: status → (shade, what the cell says — a mark and a word, never colour alone —, what its tooltip says)
_MATRIX_CELLS = {
    "reported": ("3", "✓ reported", "reports this"),
    "differently": ("conflict", "≠ differently", "reports it differently"),
    "not reported": ("0", "— not reported", "does not report this"),
    "unclear": ("0", "? unclear", "unclear: no claim either way"),
}


def matrix_heatmap(matrix: Mapping[str, Any]) -> dict[str, Any]:
    """The dossier's outlet × claim ``matrix`` as a heat-map; each reported cell links to its citation."""
    outlets = [str(o) for o in matrix.get("outlets") or []]
    rows = []
    for r in matrix.get("rows") or []:
        if not isinstance(r, Mapping):
            continue
        cells = []
        for c in r.get("cells") or []:
            status = str(c.get("status", "")) if isinstance(c, Mapping) else ""
            level, mark, words = _MATRIX_CELLS.get(status, ("0", "?", status))
            cites = [x for x in (c.get("cites") or []) if _is_cite(x)] if isinstance(c, Mapping) else []
            why = str(c.get("why") or "") if isinstance(c, Mapping) else ""
            if isinstance(c, Mapping) and c.get("copy"):
                level, words = "copy", words + " (copied text)"
            cells.append(
                {
                    "level": level,
                    "text": mark,
                    "title": f"{c.get('outlet', '') if isinstance(c, Mapping) else ''} {words}"
                    + (f": {why}" if why else ""),
                    "href": cite_href(cites[0]) if cites else "",
                }
            )
        rows.append({"label": str(r.get("text", "")), "cells": cells})
    return {"outlets": outlets, "rows": rows}


def entity_heatmap(entities: Sequence[Any], outlets: Sequence[str]) -> dict[str, Any]:
    """Outlet × entity grid of mention counts, shaded relative to the largest count."""
    rows = [e for e in entities if isinstance(e, Mapping)][:ENTITY_HEAT_ROWS]
    top = max((int(n) for e in rows for n in (e.get("per_outlet") or {}).values()), default=0)
    out = []
    for e in rows:
        per = e.get("per_outlet") or {}
        cells = []
        for o in outlets:
            n = int(per.get(o, 0))
            level = 0 if n == 0 or top == 0 else max(1, math.ceil(HEAT_LEVELS * math.sqrt(n / top)))
            cells.append({"level": str(level), "text": str(n) if n else "", "title": f"{o}: {plural(n, 'mention')}"})
        out.append(
            {
                "label": str(e.get("name", "")),
                "href": f"/entities/{quote(str(e.get('id', '')), safe='')}",
                "cells": cells,
            }
        )
    return {"outlets": list(outlets), "rows": out}


def _cites_of(x: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [c for c in x.get(key) or [] if _is_cite(c)]


def _accounts(items: object) -> list[dict[str, Any]]:
    """Account comparisons: what one party's account left out, the outlets that say so, the other side."""
    out = []
    for a in items if isinstance(items, list) else []:
        if not isinstance(a, Mapping):
            continue
        label = str(a.get("account_label") or f"{a.get('party') or 'one party'}’s account")
        out.append(
            {
                "heading": f"Left out of {label}: {a.get('topic') or ''}".rstrip(": "),
                "sources": _int(a.get("sources")),
                "versions": [
                    {"text": str(v.get("text") or ""), "cites": [cite_link(v)]}
                    for v in a.get("versions") or []
                    if _is_cite(v)
                ]
                or [{"text": str(a.get("text") or ""), "cites": [cite_link(c) for c in _cites_of(a, "support")]}],
                "counter": [
                    {"text": str(c.get("quote") or ""), "cites": [cite_link(c)]}
                    for c in a.get("counter") or []
                    if _is_cite(c)
                ],
            }
        )
    return out


def _figures(items: object) -> list[dict[str, Any]]:
    """Figures across outlets: what they are about, each outlet's wording, agree or conflict (with why)."""
    out = []
    for f in items if isinstance(items, list) else []:
        if not isinstance(f, Mapping):
            continue
        out.append(
            {
                "about": str(f.get("about") or ""),
                "time": str(f.get("time") or ""),
                "conflict": f.get("status") == "conflict",
                "why": str(f.get("why") or ""),
                "figures": [
                    {"text": str(v.get("text") or ""), "source": str(v.get("source") or ""), "cites": [cite_link(v)]}
                    for v in f.get("values") or []
                    if _is_cite(v)
                ],
            }
        )
    return out


def _quote_groups(items: object) -> list[dict[str, Any]]:
    """One quotation across outlets: the speaker, and each outlet's version with how it relates."""
    out = []
    for q in items if isinstance(items, list) else []:
        if not isinstance(q, Mapping):
            continue
        out.append(
            {
                "text": str(q.get("text") or ""),
                "verbatim": is_verbatim(canonical_kind(q)),
                "speaker": str(q.get("speaker") or ""),
                "sources": _int(q.get("sources")),
                "versions": [
                    {
                        "text": str(v.get("text") or ""),
                        "relation": str(v.get("relation") or ""),
                        "label": version_label(v),
                        "verbatim": is_verbatim(v.get("kind")),
                        "differently": v.get("status") == "differently",
                        "cites": [cite_link(v)],
                    }
                    for v in q.get("versions") or []
                    if _is_cite(v)
                ],
            }
        )
    return out


def _cited_items(items: object) -> list[dict[str, Any]]:
    return [normalize_item(x) for x in items] if isinstance(items, list) else []


def _timeline(dossier: Mapping[str, Any], now: str | None) -> tuple[list[dict[str, Any]], Markup]:
    rows = []
    chart_items = []
    for t in dossier.get("timeline") or []:
        if not isinstance(t, Mapping):
            continue
        cites = [c for c in t.get("cites") or [] if _is_cite(c)]
        date = str(t.get("date") or "")
        text = glossed(str(t.get("text") or ""), t.get("speaker"))
        rows.append(
            {
                "date": date,
                "date_label": svg.format_date(date),
                "text": text,
                "cites": [cite_link(c) for c in cites],
                "future": svg.is_after(date, now),
            }
        )
        item: dict[str, Any] = {"date": date, "label": text, "future": svg.is_after(date, now)}
        if cites:
            item["href"] = cite_href(cites[0])
        chart_items.append(item)
    chart = svg.timeline_chart(chart_items, now=now) if chart_items else ""
    return rows, Markup(chart)  # svg.py escapes every label itself


def _quotes(dossier: Mapping[str, Any], speaker: str) -> tuple[list[dict[str, Any]], list[tuple[str, int]], int]:
    rows: list[dict[str, Any]] = []
    for q in dossier.get("quotes") or []:
        if not isinstance(q, Mapping):
            continue
        cite = q.get("cite")
        rows.append(
            {
                "text": str(q.get("text") or ""),
                "kind": str(q.get("kind") or ""),
                "label": quote_kind_label(q.get("kind")),
                "verbatim": is_verbatim(q.get("kind")),
                "speaker": str(q.get("speaker") or ""),
                "cue": str(q.get("cue") or ""),
                "cite": cite_link(cite) if _is_cite(cite) else None,
            }
        )
    speakers = Counter(r["speaker"] or "(unattributed)" for r in rows).most_common()
    total = len(rows)
    if speaker:
        rows = [r for r in rows if (r["speaker"] or "(unattributed)") == speaker]
    return rows, speakers, total


def _entity_groups(entities: Sequence[Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups = []
    for title, types in _TYPE_GROUPS:
        members = [
            {
                "id": str(e.get("id", "")),
                "href": f"/entities/{quote(str(e.get('id', '')), safe='')}",
                "name": str(e.get("name", "")),
                "mentions": _int(e.get("mentions")),
                "roles": [str(r) for r in e.get("roles") or []][:3],
                "outlets": sum(1 for n in (e.get("per_outlet") or {}).values() if n),
            }
            for e in entities
            if isinstance(e, Mapping) and e.get("type") in types
        ]
        groups.append((title, members))
    return groups


def _extras(dossier: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Sections for dossier keys this app does not know yet (rendered generically)."""
    out = []
    for k, v in dossier.items():
        if k in KNOWN_KEYS:
            continue
        title = k.replace("_", " ").capitalize()
        if isinstance(v, list):
            out.append({"key": k, "title": title, "entries": _cited_items(v), "pairs": []})
        elif isinstance(v, Mapping):
            pairs = [(str(a).replace("_", " "), str(b)) for a, b in v.items()]
            out.append({"key": k, "title": title, "entries": [], "pairs": pairs})
        elif v not in (None, ""):
            out.append({"key": k, "title": title, "entries": [], "pairs": [(title, str(v))]})
    return out


def dossier_view(dossier: Mapping[str, Any], *, speaker: str = "") -> dict[str, Any]:
    """Everything the story page draws, from the dossier dict; missing keys give empty sections.

    Example:
        >>> v = dossier_view({"story": {"id": "s1", "title": "T"}})
        >>> v["title"], v["summary"], v["claims"], v["timeline"]
        ('T', [], [], [])
    """
    story = dossier.get("story") or {}
    outlets = [str(o) for o in story.get("outlets") or []]
    articles = [a for a in dossier.get("articles") or [] if isinstance(a, Mapping)]
    date_range = story.get("date_range") or []
    now = svg.latest_date([*(date_range[1:2] if len(date_range) > 1 else []), *(a.get("published") for a in articles)])
    timeline, timeline_svg = _timeline(dossier, now)
    quotes, speakers, quote_total = _quotes(dossier, speaker)
    entities = [e for e in dossier.get("entities") or [] if isinstance(e, Mapping)]
    claims = [c for c in dossier.get("claims") or [] if c]
    matrix = dossier.get("matrix")
    return {
        "id": str(story.get("id", "")),
        "title": str(story.get("title", "")),
        "event_date": svg.format_date(story.get("event_date")) or "—",
        "event_date_why": str(story.get("event_date_why") or ""),
        "article_count": _int(story.get("article_count", len(articles))),
        "independent_sources": _int(story.get("independent_sources")),
        "outlets": outlets,
        "coverage": " – ".join(svg.format_date(d) for d in date_range if d) if date_range else "",
        "summary": _cited_items(dossier.get("summary")),
        "key_sentences": _cited_items(dossier.get("key_sentences")),
        "timeline": timeline,
        "timeline_svg": timeline_svg,
        "quotes": quotes,
        "speakers": speakers,
        "speaker": speaker,
        "quote_total": quote_total,
        "claims": [normalize_item(c) for c in claims],
        "claim_heat": matrix_heatmap(matrix)
        if isinstance(matrix, Mapping) and matrix.get("rows")
        else claim_heatmap(claims, outlets),
        "entity_heat": entity_heatmap(entities, outlets),
        "entity_groups": _entity_groups(entities),
        "conflicts": _cited_items(dossier.get("conflicts")),
        "accounts": _accounts(dossier.get("accounts")),
        "figures": _figures(dossier.get("figures")),
        "quote_groups": _quote_groups(dossier.get("quote_groups")),
        "events": story_event_rows(dossier),
        "events_svg": story_event_chart(dossier),
        "articles": [
            {
                "id": str(a.get("id", "")),
                "href": f"/articles/{quote(str(a.get('id', '')), safe='')}",
                "title": str(a.get("title") or ""),
                "outlet": str(a.get("outlet") or a.get("source") or ""),
                "published": svg.format_date(a.get("published")) or "undated",
                "published_how": str(a.get("published_how") or ""),
                "words": _int(a.get("words")),
                "duplicate_of": a.get("duplicate_of"),
            }
            for a in articles
        ],
        "extras": _extras(dossier),
    }


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
        outlet = article_outlet(a)
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
                        "label": quote_kind_label(q.kind),
                        "verbatim": is_verbatim(q.kind),
                        "href": cite_href({"article_id": a.id, "start": q.start, "end": q.end}),
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
                "href": cite_href({"article_id": a.id, "start": first[0], "end": first[1]}),
            }
        )
    return out
