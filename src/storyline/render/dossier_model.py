"""The dossier of one story as typed sections: what every renderer (md, html, web) draws.

:func:`storyline.render.dossier.make_dossier` builds a :class:`Dossier` once from the stored story;
:meth:`Dossier.to_json` is the dossier's JSON export, whose keys are a contract (added, never renamed or
removed). :meth:`Dossier.from_json` reads a stored or hand-made dossier back: missing keys take their
defaults and values of the wrong type are read as empty, so the renderers never check a value again.

The cross-outlet sections (claims, matrix, conflicts, accounts, figures, quote groups) are in
:mod:`storyline.render.dossier_compare`, the cite and the value readers in :mod:`storyline.render.dossier_base`;
everything is importable from here.

Example:
    >>> d = Dossier.from_json({"story": {"title": "Xi calls Trump"}, "articles": [{"id": "a1", "source": "AP"}]})
    >>> d.story.title, d.articles[0].outlet, d.story.outlets, d.story.article_count
    ('Xi calls Trump', 'AP', ['AP'], 1)
    >>> Dossier.from_json(d.to_json()) == d
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Event, Removal
from ..outlets import source_label
from .dossier_base import (
    SourceCite,
    read_cites,
    read_int,
    read_list,
    read_map,
    read_maps,
    read_opt,
    read_str,
    read_strs,
    rest,
)
from .dossier_compare import (
    ClaimView,
    Conflict,
    CounterCite,
    Disagreement,
    Figure,
    FigureValue,
    Matrix,
    MatrixCell,
    MatrixRow,
    Version,
)

SCHEMA_VERSION = "1"

__all__ = [
    "SCHEMA_VERSION",
    "ClaimView",
    "Commitment",
    "Conflict",
    "CounterCite",
    "Disagreement",
    "Dossier",
    "DossierArticle",
    "DossierEvent",
    "EntityRow",
    "Figure",
    "FigureValue",
    "KeySentence",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "QuoteEntry",
    "SourceCite",
    "StoryHeader",
    "SummaryEntry",
    "TimelineEntry",
    "Version",
    "as_dossier",
]

# --------------------------------------------------------------------------- header, articles, entities


@dataclass(slots=True)
class StoryHeader:
    """What the dossier's first lines say: the story, its event date, counts, outlets and publication range."""

    id: str = ""
    title: str = ""
    event_date: str | None = None
    event_date_why: str | None = None
    article_count: int = 0
    independent_sources: int = 0
    outlets: list[str] = field(default_factory=list)
    date_range: tuple[str, str] | None = None  # first and last publication date

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "event_date": self.event_date,
            "event_date_why": self.event_date_why,
            "article_count": self.article_count,
            "independent_sources": self.independent_sources,
            "outlets": list(self.outlets),
            "date_range": list(self.date_range) if self.date_range else None,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any], articles: list[DossierArticle]) -> StoryHeader:
        span = read_list(d.get("date_range"))
        count = d.get("article_count")
        return cls(
            id=read_str(d.get("id")),
            title=read_str(d.get("title")),
            event_date=read_opt(d.get("event_date")),
            event_date_why=read_opt(d.get("event_date_why")),
            article_count=len(articles) if count is None else read_int(count),
            independent_sources=read_int(d.get("independent_sources")),
            outlets=[o for o in read_strs(d.get("outlets")) if o] or list(dict.fromkeys(a.outlet for a in articles)),
            date_range=(read_str(span[0]), read_str(span[1])) if len(span) == 2 and span[0] else None,
        )


@dataclass(slots=True)
class DossierArticle:
    """One member article: its metadata, how each field was found, its cleaned text and what was cut away.

    ``outlet`` is what to show it under: :func:`storyline.outlets.outlet_label`."""

    id: str
    title: str = ""
    title_how: str | None = None
    source: str | None = None
    outlet: str = ""
    author: str | None = None
    published: str | None = None
    published_how: str | None = None
    published_why: str | None = None
    path: str = ""
    url: str | None = None
    words: int = 0
    duplicate_of: str | None = None
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_how": self.title_how,
            "source": self.source,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published,
            "published_how": self.published_how,
            "published_why": self.published_why,
            "path": self.path,
            "url": self.url,
            "words": self.words,
            "duplicate_of": self.duplicate_of,
            "text": self.text,
            "paragraphs": [list(p) for p in self.paragraphs],
            "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any], listed: list[str]) -> DossierArticle:
        text, path, source = read_str(d.get("text")), read_str(d.get("path")), read_opt(d.get("source"))
        return cls(
            id=read_str(d.get("id")),
            title=read_str(d.get("title")),
            title_how=read_opt(d.get("title_how")),
            source=source,
            outlet=read_str(d.get("outlet")) or _stored_outlet(source, path, listed),
            author=read_opt(d.get("author")),
            published=read_opt(d.get("published")),
            published_how=read_opt(d.get("published_how")),
            published_why=read_opt(d.get("published_why")),
            path=path,
            url=read_opt(d.get("url")),
            words=read_int(d.get("words")) or len(text.split()),
            duplicate_of=read_opt(d.get("duplicate_of")),
            text=text,
            paragraphs=_spans(d.get("paragraphs")),
            removed=[Removal(read_str(r.get("text")), read_str(r.get("reason"))) for r in read_maps(d.get("removed"))],
        )


def _spans(value: object) -> list[tuple[int, int]]:
    """``[[start, end], ...]`` as pairs (anything shorter is left out)."""
    return [(read_int(p[0]), read_int(p[1])) for p in map(read_list, read_list(value)) if len(p) > 1]


def _stored_outlet(source: str | None, path: str, listed: list[str]) -> str:
    """The outlet of a stored article that does not say it: its source; else its file name where the story lists
    it (as dossiers of an earlier version did); else :func:`~storyline.outlets.source_label`'s name."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return source or (name if name and name in listed else source_label(None, path))


@dataclass(slots=True)
class EntityRow:
    """A person, organisation or place of the story, with the names it goes by and its mentions per outlet."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)  # as this story's articles write them
    aliases_elsewhere: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: int = 0
    per_outlet: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "aliases_elsewhere": list(self.aliases_elsewhere),
            "roles": list(self.roles),
            "descriptions": list(self.descriptions),
            "mentions": self.mentions,
            "per_outlet": dict(self.per_outlet),
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> EntityRow:
        per = {str(k): read_int(v) for k, v in read_map(d.get("per_outlet")).items()}
        return cls(
            id=read_str(d.get("id")),
            name=read_str(d.get("name")),
            type=read_str(d.get("type")),
            aliases=read_strs(d.get("aliases")),
            aliases_elsewhere=read_strs(d.get("aliases_elsewhere")),
            roles=read_strs(d.get("roles")),
            descriptions=read_strs(d.get("descriptions")),
            mentions=read_int(d.get("mentions")) or sum(per.values()),
            per_outlet=per,
        )


# --------------------------------------------------------------------------- summary, timeline, quotes


@dataclass(slots=True)
class Commitment:
    """A figure with a period or a deadline inside a cited passage ("for one year" → its dates)."""

    text: str
    period: str | None = None  # ISO interval "2025-11-10/2026-11-10"
    deadline: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "period": self.period, "deadline": self.deadline}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Commitment:
        return cls(read_str(d.get("text")), read_opt(d.get("period")), read_opt(d.get("deadline")))


@dataclass(slots=True)
class TimelineEntry:
    """A dated happening with every passage that reports it; ``future``: announced or expected.

    A commitment ("suspend export restrictions for one year") is an entry at its start with ``until``, the day it
    runs to, and ``until_how`` (``until`` for a period, ``by`` for a deadline); ``kind`` is ``commitment`` when the
    entry is the commitment alone (``happening`` when a dated happening's sentence makes it), ``commitment_text``
    the act's words and ``differs`` why the outlets' periods differ, when they do.
    """

    date: str
    text: str
    cites: list[SourceCite] = field(default_factory=list)
    sources: int = 0
    future: bool = False
    claim_id: str | None = None
    speaker: str | None = None
    commitments: list[Commitment] = field(default_factory=list)
    kind: str = "happening"
    until: str | None = None
    until_how: str | None = None
    commitment_text: str | None = None
    differs: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "cites": [c.to_json() for c in self.cites],
            "sources": self.sources,
            "future": self.future,
            "claim_id": self.claim_id,
            "speaker": self.speaker,
            "commitments": [c.to_json() for c in self.commitments],
            "kind": self.kind,
            "until": self.until,
            "until_how": self.until_how,
            "commitment_text": self.commitment_text,
            "differs": self.differs,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> TimelineEntry:
        return cls(
            date=read_str(d.get("date")),
            text=read_str(d.get("text")),
            cites=read_cites(d.get("cites")),
            sources=read_int(d.get("sources")),
            future=bool(d.get("future")),
            claim_id=read_opt(d.get("claim_id")),
            speaker=d["speaker"] if isinstance(d.get("speaker"), str) else None,
            commitments=[Commitment.from_json(c) for c in read_maps(d.get("commitments"))],
            kind=read_str(d.get("kind")) or "happening",
            until=read_opt(d.get("until")),
            until_how=read_opt(d.get("until_how")),
            commitment_text=read_opt(d.get("commitment_text")),
            differs=read_opt(d.get("differs")),
        )


@dataclass(slots=True)
class KeySentence:
    """A sentence an article says, with the passages that say it."""

    text: str
    cites: list[SourceCite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "cites": [c.to_json() for c in self.cites]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> KeySentence:
        return cls(read_str(d.get("text")), read_cites(d.get("cites")))


@dataclass(slots=True)
class SummaryEntry:
    """A summary sentence, with its passages and the claim it states (if one)."""

    text: str
    cites: list[SourceCite] = field(default_factory=list)
    claim_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "cites": [c.to_json() for c in self.cites], "claim_id": self.claim_id}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> SummaryEntry:
        return cls(read_str(d.get("text")), read_cites(d.get("cites")), read_opt(d.get("claim_id")))


@dataclass(slots=True)
class QuoteEntry:
    """A quote as one article gives it: the words, their kind (direct, partial, indirect), who, the cue."""

    text: str
    kind: str = "direct"
    speaker: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    cite: SourceCite | None = None
    #: Reported speech inside another speaker's reported words ("China stated that Trump acknowledged …"): whose
    #: account it is; the quoted speaker's own words are not on record.
    according_to: str | None = None
    #: The other articles giving the same words by the same speaker (a wire story's later versions, a copy).
    also: list[SourceCite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "cue": self.cue,
            "cite": self.cite.to_json() if self.cite else None,
            "according_to": self.according_to,
            "also": [c.to_json() for c in self.also],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> QuoteEntry:
        cite = d.get("cite")
        return cls(
            text=read_str(d.get("text")),
            kind=read_str(d.get("kind")),
            speaker=read_opt(d.get("speaker")),
            speaker_role=read_opt(d.get("speaker_role")),
            cue=read_opt(d.get("cue")),
            cite=SourceCite.from_json(cite) if isinstance(cite, Mapping) else None,
            according_to=read_opt(d.get("according_to")),
            also=read_cites(d.get("also")),
        )


# --------------------------------------------------------------------------- events


@dataclass(slots=True)
class DossierEvent:
    """Who did what to whom (:class:`storyline.model.Event`), its cites labelled the dossier way."""

    event: Event
    cites: list[SourceCite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**self.event.to_json(), "cites": [c.to_json() for c in self.cites]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> DossierEvent:
        cites = read_cites(d.get("cites"))
        spans = {str(k): [read_int(x) for x in read_list(v)] for k, v in read_map(d.get("spans")).items()}
        event = Event(
            action=read_str(d.get("action")),
            trigger=read_str(d.get("trigger")),
            status=read_str(d.get("status")) or "happened",
            mode=read_opt(d.get("mode")),
            context=read_strs(d.get("context")),
            actor=read_opt(d.get("actor")),
            actor_text=read_opt(d.get("actor_text")),
            actor_country=read_opt(d.get("actor_country")),
            actor_sector=read_opt(d.get("actor_sector")),
            target=read_opt(d.get("target")),
            target_text=read_opt(d.get("target_text")),
            target_country=read_opt(d.get("target_country")),
            target_sector=read_opt(d.get("target_sector")),
            date=read_opt(d.get("date")),
            date_how=read_opt(d.get("date_how")),
            id=read_str(d.get("id")),
            story_id=read_opt(d.get("story_id")),
            independent_sources=read_int(d.get("independent_sources")),
            cites=[c.cite for c in cites],
            spans=spans,
        )
        return cls(event, cites)


# --------------------------------------------------------------------------- the dossier


_SECTIONS = frozenset(
    {
        "schema_version",
        "generated_by",
        "events",
        "story",
        "articles",
        "entities",
        "timeline",
        "key_sentences",
        "summary",
        "quotes",
        "claims",
        "matrix",
        "conflicts",
        "accounts",
        "quote_groups",
        "figures",
    }
)


@dataclass(slots=True)
class Dossier:
    """Everything a reader of one story needs, every statement citing article and offsets.

    ``extra`` keeps the sections of a stored dossier this version does not know (the web app shows them as
    plain lists)."""

    story: StoryHeader = field(default_factory=StoryHeader)
    articles: list[DossierArticle] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    key_sentences: list[KeySentence] = field(default_factory=list)
    summary: list[SummaryEntry] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    claims: list[ClaimView] = field(default_factory=list)
    matrix: Matrix = field(default_factory=Matrix)
    conflicts: list[Conflict] = field(default_factory=list)
    accounts: list[ClaimView] = field(default_factory=list)
    quote_groups: list[ClaimView] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[DossierEvent] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION
    generated_by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def reference_dates(self) -> list[str | None]:
        """The dates the story's "now" is the latest of: the last publication date and every article's."""
        last = [self.story.date_range[1]] if self.story.date_range else []
        return [*last, *(a.published for a in self.articles)]

    def to_json(self) -> dict[str, Any]:
        """The dossier's JSON export (``storyline dossier --format json``)."""
        return {
            "schema_version": self.schema_version,
            "generated_by": self.generated_by,
            "events": [e.to_json() for e in self.events],
            "story": self.story.to_json(),
            "articles": [a.to_json() for a in self.articles],
            "entities": [e.to_json() for e in self.entities],
            "timeline": [t.to_json() for t in self.timeline],
            "key_sentences": [k.to_json() for k in self.key_sentences],
            "summary": [s.to_json() for s in self.summary],
            "quotes": [q.to_json() for q in self.quotes],
            "claims": [c.to_json() for c in self.claims],
            "matrix": self.matrix.to_json(),
            "conflicts": [x.to_json() for x in self.conflicts],
            "accounts": [a.to_json() for a in self.accounts],
            "quote_groups": [q.to_json() for q in self.quote_groups],
            "figures": [f.to_json() for f in self.figures],
            **self.extra,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Dossier:
        """A dossier read from its JSON (stored, or made by hand): missing keys are empty, odd values ignored."""
        story = read_map(d.get("story"))
        listed = [o for o in read_strs(story.get("outlets")) if o]
        articles = [DossierArticle.from_json(a, listed) for a in read_maps(d.get("articles"))]
        return cls(
            story=StoryHeader.from_json(story, articles),
            articles=articles,
            entities=[EntityRow.from_json(e) for e in read_maps(d.get("entities"))],
            timeline=[TimelineEntry.from_json(t) for t in read_maps(d.get("timeline"))],
            key_sentences=[KeySentence.from_json(k) for k in read_maps(d.get("key_sentences"))],
            summary=[SummaryEntry.from_json(s) for s in read_maps(d.get("summary"))],
            quotes=[QuoteEntry.from_json(q) for q in read_maps(d.get("quotes"))],
            claims=[ClaimView.from_json(c) for c in read_maps(d.get("claims"))],
            matrix=Matrix.from_json(read_map(d.get("matrix"))),
            conflicts=[Conflict.from_json(x) for x in read_maps(d.get("conflicts"))],
            accounts=[ClaimView.from_json(a) for a in read_maps(d.get("accounts"))],
            quote_groups=[ClaimView.from_json(q) for q in read_maps(d.get("quote_groups"))],
            figures=[Figure.from_json(f) for f in read_maps(d.get("figures"))],
            events=[DossierEvent.from_json(e) for e in read_maps(d.get("events"))],
            schema_version=read_str(d.get("schema_version")),
            generated_by=read_str(d.get("generated_by")),
            extra=rest(d, _SECTIONS),
        )


def as_dossier(dossier: Dossier | Mapping[str, Any]) -> Dossier:
    """``dossier`` itself, or read from its JSON form (:meth:`Dossier.from_json`)."""
    return dossier if isinstance(dossier, Dossier) else Dossier.from_json(dossier)
