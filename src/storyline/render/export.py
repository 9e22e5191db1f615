"""The corpus export (docs/export-contract.md): one JSON object with everything the store knows.

Keys may be added, never renamed or removed without bumping ``schema_version``. Keys whose feature
is not built yet are present with an empty list.

Example:
    >>> export_corpus([], [], [])["schema_version"]
    '1'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..compare.commitments import article_commitments
from ..model import Article, Entity, Story
from .dossier import SCHEMA_VERSION, according_to


def export_article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "title_how": a.title_how,
        "source": a.source,
        "source_how": a.source_how,
        "source_why": a.source_why,
        "author": a.author,
        "url": a.url,
        "published": a.published,
        "published_how": a.published_how,
        "published_why": a.published_why,
        "place": a.place,
        "place_how": a.place_how,
        "language": a.language,
        "format": a.fmt,
        "text": a.text,
        "paragraphs": [list(p) for p in a.paragraphs],
        "sentences": [[s.start, s.end] for s in a.sentences],
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in a.removed],
        "story_id": a.story_id,
        "duplicate_of": a.duplicate_of,
    }


def schema() -> dict[str, Any]:
    """The JSON Schema of the export (shipped with the package), for validating consumers' inputs."""
    import json
    from importlib.resources import files

    text = files("storyline.data").joinpath("export.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def export_corpus(articles: Sequence[Article], stories: Sequence[Story], entities: Sequence[Entity]) -> dict[str, Any]:
    """The whole corpus per the export contract."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"storyline {__version__}",
        "articles": [export_article(a) for a in articles],
        "stories": [s.to_json() for s in stories],
        "entities": [e.to_json() for e in entities],
        "quotes": [
            {
                "article_id": a.id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_entity_id": q.speaker_entity_id,
                "speaker_role": q.speaker_role,
                "cue": q.cue,
                "according_to": according_to(q, a.quotes),
            }
            for a in articles
            for q in a.quotes
        ],
        "dates": [
            {
                "article_id": a.id,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "value": d.value,
                "how": d.how,
                "type": d.type,
            }
            for a in articles
            for d in a.dates
            if d.value  # unresolved mentions (a weekday with no reference date) stay in the article, not here
        ],
        "numbers": [
            {
                "article_id": a.id,
                "start": n.start,
                "end": n.end,
                "text": n.text,
                "value": n.value,
                "unit": n.unit,
                "about": n.about,
                "approx": n.approx,
                "time": n.time,
                "kind": n.kind,
                "period": n.period,
                "deadline": n.deadline,
            }
            for a in articles
            for n in a.numbers
        ],
        "commitments": [{"article_id": a.id, **c.to_json()} for a in articles for c in article_commitments(a)],
        "claims": [c.to_json() for s in stories for c in s.claims],
        "events": [e.to_json() for s in stories for e in s.events],
    }
