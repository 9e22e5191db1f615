"""The one data model every stage reads and writes.

Offsets are Unicode code-point offsets into :attr:`Article.text` (the cleaned body, title
excluded), end exclusive, so every annotation can be cited back as ``(article_id, start, end)``.

Example:
    >>> a = Article(id="a1", path="x.txt", raw="Title\\nBody.", text="Body.")
    >>> Cite(a.id, 0, 4).quote(a.text)
    'Body'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, frozen=True)
class Cite:
    """A pointer into an article's cleaned text."""

    article_id: str
    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start : self.end]

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Removal:
    """A line or block the cleaner cut away, and why (kept so a user can audit cleaning)."""

    text: str
    reason: str
    line: int | None = None  # 0-based line number in the raw input, when known

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "line": self.line}


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A named-entity mention as found in one article, before and after canonicalisation."""

    start: int
    end: int
    text: str
    label: str  # spaCy label as predicted (PERSON, ORG, GPE, ...)
    entity_id: str | None = None  # canonical entity, set by the corpus-level entity stage
    role: str | None = None  # a title or description the article attaches ("Japanese Prime Minister")
    titlecase: bool = False  # found in a headline-like (title-case) line, where the model often over-extends names


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None = None
    speaker_entity_id: str | None = None
    cue: str | None = None
    speaker_start: int | None = None  # the mention (same text) that names the speaker in full
    speaker_end: int | None = None


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 truncated to the known precision
    how: str = ""  # absolute | relative | weekday | ...


@dataclass(slots=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    about: str | None = None
    approx: str | None = None  # about | nearly | more than | at least | less than | up to | as much as
    time: str | None = None  # the time phrase of the same clause, as written ("by the end of this year")
    kind: str = ""  # money | percent | count | quantity | duration


@dataclass(slots=True)
class Article:
    """One news article, from raw input to analysed text."""

    id: str
    path: str
    raw: str
    text: str = ""
    title: str | None = None
    title_how: str | None = None  # "text" (first line), "metadata", "lead" (made from the first sentence)
    source: str | None = None
    source_how: str | None = None  # metadata | url | text | user
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_how: str | None = None  # metadata | text | inferred | user
    published_why: str | None = None  # a short human explanation of how the date was found
    language: str = "en"
    fmt: str = "txt"
    removed: list[Removal] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # offsets into text
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    story_id: str | None = None
    duplicate_of: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    @property
    def display_title(self) -> str:
        return self.title or (self.text[:80] + "…" if len(self.text) > 80 else self.text) or self.path

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("raw")
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Article:
        d = dict(d)
        d.setdefault("raw", "")
        d["removed"] = [Removal(**r) for r in d.get("removed", [])]
        d["paragraphs"] = [tuple(p) for p in d.get("paragraphs", [])]
        d["sentences"] = [Sentence(**s) for s in d.get("sentences", [])]
        d["mentions"] = [Mention(**m) for m in d.get("mentions", [])]
        d["quotes"] = [Quote(**q) for q in d.get("quotes", [])]
        d["dates"] = [DateMention(**x) for x in d.get("dates", [])]
        d["numbers"] = [NumberMention(**x) for x in d.get("numbers", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass(slots=True)
class Entity:
    """A canonical person, organisation or place across the whole corpus."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Cite] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(slots=True)
class TimelineItem:
    date: str
    text: str
    cites: list[Cite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text, "cites": [c.to_json() for c in self.cites]}


@dataclass(slots=True)
class SummarySentence:
    text: str
    cites: list[Cite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "cites": [c.to_json() for c in self.cites]}


@dataclass(slots=True)
class Claim:
    id: str
    story_id: str
    text: str
    support: list[Cite] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    title: str
    event_date: str | None
    article_ids: list[str] = field(default_factory=list)
    independent_sources: int = 0
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    key_sentences: list[SummarySentence] = field(default_factory=list)
    event_date_why: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "event_date": self.event_date,
            "event_date_why": self.event_date_why,
            "article_ids": list(self.article_ids),
            "independent_sources": self.independent_sources,
            "summary": [s.to_json() for s in self.summary],
            "timeline": [t.to_json() for t in self.timeline],
            "key_sentences": [s.to_json() for s in self.key_sentences],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Story:
        def cites(xs: list[dict[str, Any]]) -> list[Cite]:
            return [Cite(c["article_id"], c["start"], c["end"]) for c in xs]

        return cls(
            id=d["id"],
            title=d["title"],
            event_date=d.get("event_date"),
            event_date_why=d.get("event_date_why"),
            article_ids=list(d.get("article_ids", [])),
            independent_sources=int(d.get("independent_sources", 0)),
            summary=[SummarySentence(s["text"], cites(s["cites"])) for s in d.get("summary", [])],
            timeline=[TimelineItem(t["date"], t["text"], cites(t["cites"])) for t in d.get("timeline", [])],
            key_sentences=[SummarySentence(s["text"], cites(s["cites"])) for s in d.get("key_sentences", [])],
        )


@dataclass(slots=True)
class FileError:
    """A file (or a record inside one) that could not be ingested, and what to do about it."""

    path: str
    reason: str
    code: str = "E000"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason} [{self.code}]"
