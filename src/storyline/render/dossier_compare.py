"""The dossier's cross-outlet sections as typed records: claims, account comparisons and quotes across outlets
(:class:`ClaimView`), the outlet × claim :class:`Matrix`, :class:`Conflict` s and reconciled :class:`Figure` s.

The records that carry compare/'s own dicts (a version, a figure and its values, a matrix row and cell) keep the
keys they do not know in ``extra``, so a key compare/ adds still reaches the export.

Example:
    >>> v = Version.from_json({"article_id": "a1", "start": 0, "end": 9, "text": "we win", "relation": "canonical",
    ...                        "kind": "direct", "speaker": "Ana Diaz"})
    >>> ClaimView("c1", "we win", kind="quote", versions=[v]).canonical_kind, v.extra
    ('direct', {'speaker': 'Ana Diaz'})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .dossier_base import (
    CITE_KEYS,
    SourceCite,
    cite_core,
    cite_labels,
    read_cites,
    read_int,
    read_maps,
    read_number,
    read_opt,
    read_str,
    read_strs,
    rest,
)

__all__ = [
    "ClaimView",
    "Conflict",
    "CounterCite",
    "Disagreement",
    "Figure",
    "FigureValue",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "Version",
]

# --------------------------------------------------------------------------- claims, accounts, quote groups


@dataclass(slots=True)
class Disagreement:
    """A passage that reports a claim differently, and why ("different number: 25 vs 20 million tonnes")."""

    cite: SourceCite
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**self.cite.to_json(), "why": self.why}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Disagreement:
        return cls(SourceCite.from_json(d), read_str(d.get("why")))


@dataclass(slots=True)
class CounterCite:
    """The other party's account, as an article reports it, with the words it cites."""

    cite: SourceCite
    quote: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**self.cite.to_json(), "quote": self.quote}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> CounterCite:
        return cls(SourceCite.from_json(d), read_str(d.get("quote")))


_VERSION_KEYS = CITE_KEYS | {"text", "kind", "relation", "status"}


@dataclass(slots=True)
class Version:
    """One outlet's wording of a claim or a quote: ``kind`` (quotes: direct, partial, indirect), ``relation`` to the
    canonical wording (quotes: canonical, truncated, paraphrase...), ``status`` (reported or differently).
    ``None`` marks a key the version does not have; ``extra`` holds compare/'s other keys (a quote's speaker)."""

    cite: SourceCite
    text: str = ""
    kind: str | None = None
    relation: str | None = None
    status: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {**cite_core(self.cite), "text": self.text}
        for key, value in (("kind", self.kind), ("relation", self.relation), ("status", self.status)):
            if value is not None:
                d[key] = value
        return {**d, **self.extra, **cite_labels(self.cite)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Version:
        return cls(
            SourceCite.from_json(d),
            read_str(d.get("text")),
            read_opt(d.get("kind")),
            read_opt(d.get("relation")),
            read_opt(d.get("status")),
            rest(d, _VERSION_KEYS),
        )


@dataclass(slots=True)
class ClaimView:
    """A claim as the dossier shows it — a fact (``claims``), an account comparison (``accounts``: what one
    party's account left out, ``counter`` the other side) or one quotation across outlets (``quote_groups``)."""

    id: str
    text: str
    kind: str = "fact"
    sources: int = 0
    support: list[SourceCite] = field(default_factory=list)
    conflicts: list[Disagreement] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    speaker: str | None = None
    party: str | None = None
    account_label: str | None = None  # accounts: "Donald Trump’s account", "the Chinese account"
    topic: str | None = None
    counter: list[CounterCite] = field(default_factory=list)

    @property
    def canonical_kind(self) -> str:
        """The kind of the canonical wording (its version marked ``canonical``), "direct" when unknown."""
        return next((v.kind or "direct" for v in self.versions if v.relation == "canonical"), "direct")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "sources": self.sources,
            "support": [c.to_json() for c in self.support],
            "conflicts": [x.to_json() for x in self.conflicts],
            "versions": [v.to_json() for v in self.versions],
            "dates": list(self.dates),
            "numbers": list(self.numbers),
            "speaker": self.speaker,
            "party": self.party,
            "account_label": self.account_label,
            "topic": self.topic,
            "counter": [c.to_json() for c in self.counter],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ClaimView:
        return cls(
            id=read_str(d.get("id")),
            text=read_str(d.get("text")),
            kind=read_str(d.get("kind")) or "fact",
            sources=read_int(d.get("sources")),
            support=read_cites(d.get("support")),
            conflicts=[Disagreement.from_json(x) for x in read_maps(d.get("conflicts"))],
            versions=[Version.from_json(v) for v in read_maps(d.get("versions"))],
            dates=read_strs(d.get("dates")),
            numbers=read_strs(d.get("numbers")),
            speaker=read_opt(d.get("speaker")),
            party=read_opt(d.get("party")),
            account_label=read_opt(d.get("account_label")),
            topic=read_opt(d.get("topic")),
            counter=[CounterCite.from_json(c) for c in read_maps(d.get("counter"))],
        )


@dataclass(slots=True)
class Conflict:
    """Two passages that disagree (on a claim, or on a figure), and why."""

    text: str
    why: str = ""
    claim_id: str | None = None
    cites: list[SourceCite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "why": self.why,
            "claim_id": self.claim_id,
            "cites": [c.to_json() for c in self.cites],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Conflict:
        text, why, claim_id = read_str(d.get("text")), read_str(d.get("why")), read_opt(d.get("claim_id"))
        return cls(text, why, claim_id, read_cites(d.get("cites")))


# --------------------------------------------------------------------------- matrix and figures


_CELL_KEYS = frozenset({"outlet", "status", "why", "cites", "copy", "near"})


@dataclass(slots=True)
class MatrixCell:
    """What one outlet does with a claim: ``status`` reported, differently (``why``), not reported or unclear."""

    outlet: str
    status: str
    why: str = ""
    cites: list[SourceCite] = field(default_factory=list)
    copy: bool = False  # every article of the outlet is a copy of another's
    extra: dict[str, Any] = field(default_factory=dict)
    near: list[SourceCite] = field(default_factory=list)  # "unclear": the passage that comes near the claim

    def to_json(self) -> dict[str, Any]:
        out = {
            "outlet": self.outlet,
            "status": self.status,
            "why": self.why,
            "cites": [c.to_json() for c in self.cites],
            "copy": self.copy,
            **self.extra,
        }
        if self.near:
            out["near"] = [c.to_json() for c in self.near]
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> MatrixCell:
        return cls(
            read_str(d.get("outlet")),
            read_str(d.get("status")),
            read_str(d.get("why")),
            read_cites(d.get("cites")),
            bool(d.get("copy")),
            rest(d, _CELL_KEYS),
            read_cites(d.get("near")),
        )


_ROW_KEYS = frozenset({"claim_id", "kind", "text", "sources", "cells", "worded_by"})


@dataclass(slots=True)
class MatrixRow:
    """One claim across the outlets; ``worded_by`` names the outlet whose version words it."""

    claim_id: str | None
    text: str
    kind: str = "fact"
    sources: int = 0
    cells: list[MatrixCell] = field(default_factory=list)
    worded_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "kind": self.kind,
            "text": self.text,
            "sources": self.sources,
            "cells": [c.to_json() for c in self.cells],
            "worded_by": self.worded_by,
            **self.extra,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> MatrixRow:
        return cls(
            claim_id=read_opt(d.get("claim_id")),
            text=read_str(d.get("text")),
            kind=read_str(d.get("kind")),
            sources=read_int(d.get("sources")),
            cells=[MatrixCell.from_json(c) for c in read_maps(d.get("cells"))],
            worded_by=read_opt(d.get("worded_by")),
            extra=rest(d, _ROW_KEYS),
        )


@dataclass(slots=True)
class Matrix:
    """The outlet × claim matrix (:func:`storyline.compare.matrix.claim_matrix`), its cells citing the dossier way."""

    outlets: list[str] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"outlets": list(self.outlets), "rows": [r.to_json() for r in self.rows]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Matrix:
        return cls(read_strs(d.get("outlets")), [MatrixRow.from_json(r) for r in read_maps(d.get("rows"))])


_VALUE_KEYS = CITE_KEYS | {"text", "value"}


@dataclass(slots=True)
class FigureValue:
    """One outlet's wording of a figure and the number it reads."""

    cite: SourceCite
    text: str = ""
    value: float | int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**cite_core(self.cite), "text": self.text, "value": self.value, **self.extra, **cite_labels(self.cite)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> FigureValue:
        return cls(SourceCite.from_json(d), read_str(d.get("text")), read_number(d.get("value")), rest(d, _VALUE_KEYS))


_FIGURE_KEYS = frozenset({"about", "unit", "time", "period", "deadline", "status", "why", "sources", "values"})


@dataclass(slots=True)
class Figure:
    """A figure two or more sources report (:func:`storyline.compare.reconcile.reconcile_figures`): agreeing
    or in conflict (``why``), with its time as written and the period or deadline it commits to."""

    about: str
    status: str
    why: str = ""
    unit: str | None = None
    time: str | None = None
    period: str | None = None
    deadline: str | None = None
    sources: int = 0
    values: list[FigureValue] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def one_source(self) -> bool:
        """Stated by one outlet only (a commitment: the figures compared are two or more sources'), so neither
        agreed nor in conflict."""
        return self.status != "conflict" and self.sources == 1

    @property
    def time_shown(self) -> str:
        """The time written beside what the figure is about, unless that already says it ("cut 31,500 jobs by
        2012" is not followed by ", by 2012")."""
        return "" if not self.time or self.time.casefold() in self.about.casefold() else self.time

    def note_shown(self, note: str) -> str:
        """The period or deadline note (``period_note``) unless the heading already says it in those words."""
        return "" if not note or note.casefold() in f"{self.about} {self.time or ''}".casefold() else note

    def to_json(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "unit": self.unit,
            "time": self.time,
            "period": self.period,
            "deadline": self.deadline,
            "status": self.status,
            "why": self.why,
            "sources": self.sources,
            **self.extra,
            "values": [v.to_json() for v in self.values],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Figure:
        return cls(
            about=read_str(d.get("about")),
            status=read_str(d.get("status")),
            why=read_str(d.get("why")),
            unit=read_opt(d.get("unit")),
            time=read_opt(d.get("time")),
            period=read_opt(d.get("period")),
            deadline=read_opt(d.get("deadline")),
            sources=read_int(d.get("sources")),
            values=[FigureValue.from_json(v) for v in read_maps(d.get("values"))],
            extra=rest(d, _FIGURE_KEYS),
        )
