"""The dossier of one story as a plain, JSON-ready dict — what every renderer (md, html, json, web) draws.

Example:
    >>> cite_label("Bloomberg", "2025-11-25")
    'Bloomberg, 25 Nov 2025'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..analyse.entities import KEY_TYPES
from ..model import Article, Cite, Entity, Story

SCHEMA_VERSION = "1"


def cite_label(source: str | None, published: str | None) -> str:
    """Short human label for a citation: outlet and date."""
    parts = [source or "unknown outlet"]
    if published:
        try:
            parts.append(dt.date.fromisoformat(published[:10]).strftime("%-d %b %Y"))
        except ValueError:
            parts.append(published)
    return ", ".join(parts)


def _outlet(a: Article) -> str:
    """The outlet's name, or — when no outlet is known — a short form of the file name."""
    if a.source:
        return a.source
    stem = a.path.rsplit("/", 1)[-1].split("#", 1)[0].rsplit(".", 1)[0]
    return stem if len(stem) <= 14 else stem[:12] + "…"


def build_dossier(story: Story, articles: Sequence[Article], entities: Sequence[Entity]) -> dict[str, Any]:
    """Everything a reader of one story needs, with every statement citing article + offsets."""
    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in story.article_ids if i in by_id]
    members.sort(key=lambda a: (a.published or "9999", a.path))
    outlets = sorted({_outlet(a) for a in members})

    def cite(c: Cite) -> dict[str, Any]:
        a = by_id.get(c.article_id)
        return {
            **c.to_json(),
            "source": _outlet(a) if a else None,
            "title": a.display_title if a else "",
            "label": cite_label(_outlet(a), a.published) if a else c.article_id,
        }

    member_ids = {a.id for a in members}
    ent_rows: list[dict[str, Any]] = []
    for e in entities:
        if e.type not in KEY_TYPES:
            continue
        per: Counter[str] = Counter()
        for m in e.mentions:
            if m.article_id in member_ids:
                per[_outlet(by_id[m.article_id])] += 1
        total = sum(per.values())
        if total == 0:
            continue
        ent_rows.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": e.aliases,
                "roles": e.roles,
                "mentions": total,
                "per_outlet": {o: per.get(o, 0) for o in outlets},
            }
        )
    ent_rows.sort(key=lambda r: (-int(r["mentions"]), str(r["name"])))
    pubs = sorted(a.published for a in members if a.published)
    quotes = []
    for a in members:
        for q in a.quotes:
            quotes.append(
                {
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "cue": q.cue,
                    "cite": cite(Cite(a.id, q.start, q.end)),
                }
            )
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_by": f"storyline {__version__}",
        "story": {
            "id": story.id,
            "title": story.title,
            "event_date": story.event_date,
            "event_date_why": story.event_date_why,
            "article_count": len(members),
            "independent_sources": story.independent_sources,
            "outlets": outlets,
            "date_range": [pubs[0], pubs[-1]] if pubs else None,
        },
        "articles": [
            {
                "id": a.id,
                "title": a.display_title,
                "title_how": a.title_how,
                "source": a.source,
                "outlet": _outlet(a),  # what to show: the source, or a short file name when none is known
                "author": a.author,
                "published": a.published,
                "published_how": a.published_how,
                "published_why": a.published_why,
                "path": a.path,
                "url": a.url,
                "words": len(a.text.split()),
                "duplicate_of": a.duplicate_of,
                "text": a.text,
                "paragraphs": [list(p) for p in a.paragraphs],
                "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
            }
            for a in members
        ],
        "entities": ent_rows[:40],
        "timeline": [{"date": t.date, "text": t.text, "cites": [cite(c) for c in t.cites]} for t in story.timeline],
        "key_sentences": [{"text": s.text, "cites": [cite(c) for c in s.cites]} for s in story.key_sentences],
        "summary": [{"text": s.text, "cites": [cite(c) for c in s.cites]} for s in story.summary],
        "quotes": quotes,
        "claims": [],
        "conflicts": [],
    }
