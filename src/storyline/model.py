"""The one data model every stage reads and writes.

Offsets are Unicode code-point offsets into :attr:`Article.text` (the cleaned body, title
excluded), end exclusive, so every annotation can be cited back as ``(article_id, start, end)``.

Example:
    >>> a = Article(id="a1", path="x.txt", raw="Title\\nBody.", text="Body.")
    >>> Cite(a.id, 0, 4).quote(a.text)
    'Body'
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

_ATOMS = (str, int, float, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(x: Any) -> Any:
    """``dataclasses.asdict`` of a record, the same dicts, lists and tuples, without copying its strings and
    numbers one by one (an article's JSON form is made on every write)."""
    if isinstance(x, _ATOMS):
        return x
    if hasattr(type(x), "__dataclass_fields__"):
        cls: Any = type(x)
        return {name: _plain(getattr(x, name)) for name in _field_names(cls)}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if isinstance(x, tuple) and not hasattr(x, "_fields"):
        return tuple(_plain(v) for v in x)
    if isinstance(x, dict):
        return {_plain(k): _plain(v) for k, v in x.items()}
    return copy.deepcopy(x)


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
    role: str | None = None  # a title the article puts before the name ("Japanese Prime Minister")
    titlecase: bool = False  # found in a headline-like (title-case) line, where the model often over-extends names
    description: str | None = None  # an apposition after the name ("a fellow at the American Enterprise Institute")


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
    speaker_role: str | None = None  # the speaker's title or affiliation as this article gives it


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # TimeML value: ISO 8601 truncated to the known precision, P1Y, XXXX-WXX-1, PRESENT_REF
    how: str = ""  # absolute | relative | weekday | ...
    type: str = "DATE"  # TimeML TIMEX3 type: DATE | TIME | DURATION | SET

    @property
    def point(self) -> str | None:
        """The calendar date or period this mention places something at: ``value`` for a DATE, the day of a
        TIME; None for durations, sets, ``*_REF``, decades and centuries ("197", "19") and underspecified (``X``)
        values.

        Example:
            >>> DateMention(0, 9, "9:40 p.m.", "2025-03-04T21:40", type="TIME").point
            '2025-03-04'
        """
        v = self.value
        if not v or self.type in ("DURATION", "SET") or "X" in v or len(v) < 4 or not v[:4].isdigit():
            return None
        return v.split("T", 1)[0]


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
    period: str | None = None  # the span the clause commits it to, ISO interval ("2025-11-10/2026-11-10")
    deadline: str | None = None  # the date it is due by, ISO ("2025-11-27")


@dataclass(slots=True)
class Statement:
    """One clause an article states, read off the parse: who does what to what, and who says so.

    ``start``/``end`` cover the clause in the article's text; ``subject``/``predicate``/``object`` are its
    parts as written (the predicate as a lemma, with ``negated`` for "did not …"); ``said_by`` is the speaker
    when the clause is reported speech ("Trump said he would visit China" → the clause "he would visit China",
    said by Trump); ``lemmas`` are its content words, lower-cased lemmas, which is what the cross-outlet
    comparison aligns on without parsing again.
    """

    start: int
    end: int
    sentence: int  # index into Article.sentences
    predicate: str
    subject: str | None = None
    object: str | None = None
    negated: bool = False
    said_by: str | None = None
    lemmas: list[str] = field(default_factory=list)


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
    source_how: str | None = None  # metadata | url | text | dateline | user
    source_why: str | None = None  # a short human explanation of how the outlet was found (which line named it)
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_how: str | None = None  # metadata | dateline | text | inferred | user
    published_why: str | None = None  # a short human explanation of how the date was found
    place: str | None = None  # where the article was filed ("Hamilton, Ohio")
    place_how: str | None = None  # dateline
    language: str = "en"
    fmt: str = "txt"
    removed: list[Removal] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # offsets into text
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # who did what to whom, per clause (analyse/events.py)
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
        d: dict[str, Any] = _plain(self)
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
        d["statements"] = [Statement(**x) for x in d.get("statements", [])]
        d["events"] = [Event.from_json(x) for x in d.get("events", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def reading_key(a: Article) -> tuple[str, str, str]:
    """The order a story's articles are read in: publication date (undated last), file name, id — never the order
    they were filed in or the folder they came from, so a story built in one run and the same story grown by later
    ingests list their articles, and so their cites, alike.

    Example:
        >>> later = Article(id="b", path="in/001.txt", raw="", published="2025-11-25")
        >>> first = Article(id="a", path="other/002.txt", raw="", published="2025-11-24")
        >>> undated = Article(id="c", path="in/000.txt", raw="")
        >>> [a.id for a in sorted([undated, later, first], key=reading_key)]
        ['a', 'b', 'c']
    """
    return (a.published or "~", a.path.replace("\\", "/").rsplit("/", 1)[-1], a.id)


@dataclass(slots=True)
class Entity:
    """A canonical person, organisation or place across the whole corpus."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Cite] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)  # appositions the articles give, most frequent first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "descriptions": list(self.descriptions),
            "mentions": [m.to_json() for m in self.mentions],
        }


def _cites(xs: Any) -> list[Cite]:
    """Cites from their JSON form (tolerates a missing list)."""
    return [Cite(c["article_id"], int(c["start"]), int(c["end"])) for c in xs or []]


@dataclass(slots=True)
class TimelineItem:
    """A dated happening, with every article that reports it.

    ``sources`` counts independent sources (syndicated copies collapsed); ``future`` marks what was
    announced or expected rather than what happened (the date lies after the story's reporting).
    """

    date: str
    text: str
    cites: list[Cite] = field(default_factory=list)
    sources: int = 0
    future: bool = False
    claim_id: str | None = None  # the claim this happening is, when it is one
    speaker: str | None = None  # who speaks in a text that names them only as "he" or by a quote

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "cites": [c.to_json() for c in self.cites],
            "sources": self.sources,
            "future": self.future,
            "claim_id": self.claim_id,
            "speaker": self.speaker,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TimelineItem:
        return cls(
            date=d["date"],
            text=d["text"],
            cites=_cites(d.get("cites")),
            sources=int(d.get("sources", 0)),
            future=bool(d.get("future", False)),
            claim_id=d.get("claim_id"),
            speaker=d.get("speaker"),
        )


@dataclass(slots=True)
class Event:
    """Who did what to whom (docs/export-contract.md ``events``): an actor–action–target record in the PLOVER 2021
    vocabulary, with its trigger words, date, status and every sentence that reports it.

    In an article (``Article.events``) an event cites its one sentence and ``spans`` gives the offsets of its
    ``actor``, ``target`` and ``trigger`` in that article; in a story (``Story.events``) it is one happening with
    every cite and ``independent_sources``.

    Example:
        >>> e = Event("CONSULT", "called", mode="phone", actor_text="Xi", actor_country="CHN")
        >>> Event.from_json(e.to_json()) == e
        True
    """

    action: str  # PLOVER type: AGREE, CONSULT, ... ASSAULT
    trigger: str
    status: str = "happened"  # happened | announced | denied | hypothetical
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: str | None = None  # canonical entity id
    actor_text: str | None = None
    actor_country: str | None = None  # ISO 3166-1 alpha-3, or IGO
    actor_sector: str | None = None  # GOV, MIL, REB, OPP, BUS, MED, CVL, REF, IGO, NGO, ...
    target: str | None = None
    target_text: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    date: str | None = None
    date_how: str | None = None  # text | published | story
    id: str = ""
    story_id: str | None = None
    independent_sources: int = 0
    cites: list[Cite] = field(default_factory=list)
    spans: dict[str, list[int]] = field(default_factory=dict)  # article events: actor/target/trigger offsets

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story_id": self.story_id,
            "date": self.date,
            "date_how": self.date_how,
            "action": self.action,
            "mode": self.mode,
            "context": list(self.context),
            "status": self.status,
            "actor": self.actor,
            "actor_text": self.actor_text,
            "actor_country": self.actor_country,
            "actor_sector": self.actor_sector,
            "target": self.target,
            "target_text": self.target_text,
            "target_country": self.target_country,
            "target_sector": self.target_sector,
            "trigger": self.trigger,
            "independent_sources": self.independent_sources,
            "cites": [c.to_json() for c in self.cites],
            "spans": {k: list(v) for k, v in self.spans.items()},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        known = set(cls.__dataclass_fields__)
        kw = {k: v for k, v in d.items() if k in known}
        kw["cites"] = _cites(d.get("cites"))
        kw["context"] = list(d.get("context") or [])
        kw["spans"] = {k: [int(x) for x in v] for k, v in (d.get("spans") or {}).items()}
        return cls(**kw)


@dataclass(slots=True)
class SummarySentence:
    """A sentence that some article says, with the articles that say it (``sources``: their outlets)."""

    text: str
    cites: list[Cite] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # a short outlet label per cite, same order
    claim_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "cites": [c.to_json() for c in self.cites]}
        if self.sources:
            d["sources"] = list(self.sources)
        if self.claim_id:
            d["claim_id"] = self.claim_id
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SummarySentence:
        return cls(
            text=d["text"],
            cites=_cites(d.get("cites")),
            sources=[str(x) for x in d.get("sources", [])],
            claim_id=d.get("claim_id"),
        )


@dataclass(slots=True)
class Claim:
    """One statement reported by one or more articles of a story, aligned across outlets.

    ``support`` cites the articles that report it (one passage per article); ``conflicts`` the ones that
    report it differently, each with ``why`` ("different number: 25 vs 20 million tonne"). ``kind`` is
    ``fact`` (a statement of the articles), ``quote`` (the same quotation in several outlets, under one
    speaker) or ``account`` (an article contrasts what two parties' own accounts say or leave out).

    Example:
        >>> c = Claim("c1", "s1", "Xi called Trump.", [Cite("a", 0, 16)])
        >>> Claim.from_json(c.to_json()) == c
        True
    """

    id: str
    story_id: str
    text: str
    support: list[Cite] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "fact"  # fact | quote | account
    sources: int = 0  # independent sources among the support (copies and same-outlet articles collapsed)
    entities: list[str] = field(default_factory=list)  # canonical entity ids named in the claim
    numbers: list[str] = field(default_factory=list)  # the figures it states, as written
    dates: list[str] = field(default_factory=list)  # ISO dates it names
    versions: list[dict[str, Any]] = field(default_factory=list)  # per support: wording, and how it relates
    speaker: str | None = None  # quote claims: the canonical speaker
    speaker_entity_id: str | None = None
    party: str | None = None  # account claims: whose account leaves something out / says something
    topic: str | None = None  # account claims: what it leaves out or says
    counter: list[Cite] = field(default_factory=list)  # account claims: the other party's account, as reported
    #: Articles that cover the claim's subject yet do not state it (shown "not reported"); ``None`` when the
    #: claim was built before omissions were checked (every other article then shows "not reported").
    absent: list[str] | None = None
    #: For each other article with a passage close to the claim that was not matched (its cell is "unclear"),
    #: that passage: what an analyst reads to decide.
    near: list[Cite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story_id": self.story_id,
            "text": self.text,
            "support": [c.to_json() for c in self.support],
            "conflicts": [dict(x) for x in self.conflicts],
            "kind": self.kind,
            "sources": self.sources,
            "entities": list(self.entities),
            "numbers": list(self.numbers),
            "dates": list(self.dates),
            "versions": [dict(v) for v in self.versions],
            "speaker": self.speaker,
            "speaker_entity_id": self.speaker_entity_id,
            "party": self.party,
            "topic": self.topic,
            "counter": [c.to_json() for c in self.counter],
            "absent": None if self.absent is None else list(self.absent),
            "near": [c.to_json() for c in self.near],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"],
            story_id=d.get("story_id", ""),
            text=d["text"],
            support=_cites(d.get("support")),
            conflicts=[dict(x) for x in d.get("conflicts", [])],
            kind=d.get("kind", "fact"),
            sources=int(d.get("sources", 0)),
            entities=list(d.get("entities", [])),
            numbers=list(d.get("numbers", [])),
            dates=list(d.get("dates", [])),
            versions=[dict(v) for v in d.get("versions", [])],
            speaker=d.get("speaker"),
            speaker_entity_id=d.get("speaker_entity_id"),
            party=d.get("party"),
            topic=d.get("topic"),
            counter=_cites(d.get("counter")),
            absent=None if d.get("absent") is None else list(d["absent"]),
            near=_cites(d.get("near")),
        )


def story_order(story_id: str) -> tuple[int, str]:
    """The order stories are listed and built in: by number ("s2" before "s10"), other ids after them.

    Example:
        >>> sorted(["s10", "x", "s2"], key=story_order)
        ['s2', 's10', 'x']
    """
    return (int(story_id[1:]) if story_id[1:].isdigit() else 10**9, story_id)


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
    claims: list[Claim] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)  # reconciled numbers (compare/reconcile.py)
    events: list[Event] = field(default_factory=list)  # who did what to whom, one per happening (compare/events.py)
    basis: str = ""  # a fingerprint of what the build read (its articles' states): equal → the build still holds

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
            "claims": [c.to_json() for c in self.claims],
            "figures": [dict(f) for f in self.figures],
            "events": [e.to_json() for e in self.events],
            "basis": self.basis,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Story:
        return cls(
            id=d["id"],
            title=d["title"],
            event_date=d.get("event_date"),
            event_date_why=d.get("event_date_why"),
            article_ids=list(d.get("article_ids", [])),
            independent_sources=int(d.get("independent_sources", 0)),
            summary=[SummarySentence.from_json(s) for s in d.get("summary", [])],
            timeline=[TimelineItem.from_json(t) for t in d.get("timeline", [])],
            key_sentences=[SummarySentence.from_json(s) for s in d.get("key_sentences", [])],
            claims=[Claim.from_json(c) for c in d.get("claims", [])],
            figures=[dict(f) for f in d.get("figures", [])],
            events=[Event.from_json(e) for e in d.get("events", [])],
            basis=str(d.get("basis") or ""),
        )


@dataclass(slots=True)
class FileError:
    """A file (or a record inside one) that could not be ingested, and what to do about it."""

    path: str
    reason: str
    code: str = "E000"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason} [{self.code}]"


@dataclass(slots=True)
class Correction:
    """A user's correction of what the machine made, kept in the store and applied every time stories are built.

    ``kind`` is ``merge``, ``split`` or ``move`` (story grouping), ``outlet`` (a rename), ``claim`` (a claim row,
    or one article's alignment to it, marked wrong) or ``quote`` (a quote hidden). ``data`` holds it in stable
    terms — article ids and cited passages, with the story ids as they were only for the record — so it keeps
    its meaning when stories are rebuilt; ``summary`` says it in words. ``undone_at`` is set by an undo.

    Example:
        >>> c = Correction(1, "merge", "2026-01-01T00:00:00Z", "merge s2 into s1", {"into": ["a"], "from": ["b"]})
        >>> Correction.from_json(c.to_json()) == c, c.active
        (True, True)
    """

    id: int
    kind: str
    created_at: str
    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    undone_at: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "created_at": self.created_at,
            "summary": self.summary,
            "data": dict(self.data),
            "undone_at": self.undone_at,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Correction:
        return cls(
            id=int(d["id"]),
            kind=d["kind"],
            created_at=d.get("created_at", ""),
            summary=d.get("summary", ""),
            data=dict(d.get("data", {})),
            undone_at=d.get("undone_at"),
        )
