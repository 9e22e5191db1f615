"""The web app's events: the rows of an entity page's events list.

They reuse the dossier's table rows (:func:`storyline.render.events_view.events_rows`); only the cite links differ:
here they open the article page at the cited sentence, and name their article, so that one article's passages
are one chip (:func:`~storyline.render.dossier_base.by_article`).

Example:
    >>> cites = [{"article_id": "a1", "start": 0, "end": 9, "label": "Reuters, 24 Nov 2025"}]
    >>> [(c["href"], c["label"], c["article"]) for c in _links(cites, {})]
    [('/articles/a1?start=0&end=9#cite', 'Reuters, 24 Nov 2025', 'a1')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from storyline.model import Article, Entity, Story
from storyline.outlets import outlet_label
from storyline.render.dossier import cite_label
from storyline.render.events_view import events_rows


def _href(c: Mapping[str, Any]) -> str:
    """The article page scrolled to the cited passage (the same link as every other cite of the web app)."""
    start, end = int(c.get("start") or 0), int(c.get("end") or 0)
    return f"/articles/{quote(str(c['article_id']), safe='')}?start={start}&end={end}#cite"


def _links(cites: object, labels: Mapping[str, str]) -> list[dict[str, str]]:
    out = []
    for c in cites if isinstance(cites, list) else []:
        if isinstance(c, Mapping) and c.get("article_id"):
            aid = str(c["article_id"])
            label = str(c.get("label") or labels.get(aid) or aid)
            out.append({"href": _href(c), "label": label, "title": str(c.get("title") or ""), "article": aid})
    return out


def entity_event_rows(entity: Entity, stories: Sequence[Story], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The events whose actor or target is ``entity``, in every story, each with its story and its role there."""
    labels = {a.id: cite_label(outlet_label(a), a.published) for a in articles}
    out: list[dict[str, Any]] = []
    for s in stories:
        mine = [e for e in s.events if entity.id in (e.actor, e.target)]
        rows = events_rows([e.to_json() for e in mine], lambda cites, _used: _links(cites, labels))
        for e, row in zip(mine, rows, strict=False):
            row["role"] = "actor" if e.actor == entity.id else "target"
            row["story_title"] = s.title
            row["story_href"] = f"/stories/{s.id}"
            out.append(row)
    out.sort(key=lambda r: (r["date"] or "9999", -r["sources"]))
    return out


__all__ = ["entity_event_rows"]
