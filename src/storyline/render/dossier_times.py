"""Commitments in the dossier: their time in words, and their entries in the timeline.

A commitment of the story (a row of ``Story.figures`` with ``until``: :mod:`storyline.compare.commitments`) is a
timeline entry at its start, running to ``until``: the dated happening whose sentence makes it ("After a summit in
late October, Beijing and Washington announced a one year pause …"), or an entry of its own citing every
sentence, in every article, that reports it.

Example:
    >>> period_note("2025-11-10/2026-11-10", None), period_note(None, "2025-11-27")
    ('10 Nov 2025 until 10 Nov 2026', 'by 27 Nov 2025')
    >>> period_note("2026-01-01/2026-12-31", None), until_note("2026-11", "until")
    ('in 2026', 'until Nov 2026')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..analyse.iso_periods import first_day, last_day
from ..model import Article, Cite
from . import svg
from .dossier_base import SourceCite
from .dossier_model import Commitment, TimelineEntry

# A stored dossier is rendered without the analysis: the timeline's functions are imported where a dossier is built,
# as in :mod:`storyline.api`.

__all__ = ["act_parts", "commitment_entries", "commitments_in", "period_note", "until_note"]


def _day(value: str) -> str:
    return svg.format_date(value) or value


def _whole(start: str, end: str) -> str | None:
    """The calendar year or month a period covers exactly ("2026-01-01/2026-12-31" → "2026"), else None."""
    for point in (start[:4], start[:7]):
        if first_day(point) == start and last_day(point) == end:
            return point
    return None


def period_note(period: str | None, deadline: str | None) -> str:
    """A commitment's time in words: "10 Nov 2025 until 10 Nov 2026" for a period ("in 2026" for a whole year),
    "by 27 Nov 2025" for a deadline."""
    parts = []
    if period and "/" in period:
        start, end = period.split("/", 1)
        whole = _whole(start, end)
        parts.append(f"in {_day(whole)}" if whole else f"{_day(start)} until {_day(end)}")
    if deadline:
        parts.append(f"by {_day(deadline)}")
    return ", ".join(parts)


def until_note(until: str | None, how: str | None) -> str:
    """The day a timeline entry's commitment runs to: "until 24 Nov 2026", "by 27 Nov 2025"; "" without one."""
    return f"{how or 'until'} {_day(until)}" if until else ""


def act_parts(text: str, act: str | None) -> tuple[str, str, str]:
    """A timeline text cut around its commitment's words, for a renderer to set them apart: (before, act, after);
    ("", "", text) when the words are not in the text.

    Example:
        >>> act_parts("China agreed to suspend curbs for one year.", "suspend curbs for one year")
        ('China agreed to ', 'suspend curbs for one year', '.')
    """
    i = text.find(act) if act else -1
    if i < 0 or not act:
        return "", "", text
    return text[:i], act, text[i + len(act) :]


def commitments_in(cites: Sequence[Cite], members: Sequence[Article]) -> list[Commitment]:
    """The figures with a period or a deadline inside the cited passages ("for one year" → its dates)."""
    by_id = {a.id: a for a in members}
    out: list[Commitment] = []
    for c in cites:
        a = by_id.get(c.article_id)
        for n in a.numbers if a else []:
            if (n.period or n.deadline) and c.start <= n.start < c.end:
                out.append(Commitment(n.text, n.period, n.deadline))
    return out


def _sentences(row: Mapping[str, Any], by_id: Mapping[str, Article]) -> list[Cite]:
    """The sentence of each version of a commitment, once each, in the order of the versions."""
    out: list[Cite] = []
    for v in row.get("values", []):
        a = by_id.get(str(v.get("article_id")))
        if a is None:
            continue
        at = int(v.get("figure_start") if v.get("figure_start") is not None else v.get("start", 0))
        s = a.sentence_at(at)
        c = Cite(a.id, s.start, s.end) if s else Cite(a.id, int(v.get("start", 0)), int(v.get("end", 0)))
        if c not in out:
            out.append(c)
    return out


def _entry_for(row: Mapping[str, Any], sentences: Sequence[Cite], entries: Sequence[TimelineEntry]) -> int | None:
    """The happening whose sentence makes the commitment, when its date may be the commitment's start."""
    from ..compare.timeline import compatible

    date = str(row.get("begins") or row.get("until") or "")
    for i, e in enumerate(entries):
        same = any(
            c.article_id == s.article_id and c.start < s.end and s.start < c.end for c in e.cites for s in sentences
        )
        if same and e.until is None and compatible(e.date, date):
            return i
    return None


def commitment_entries(
    entries: list[TimelineEntry],
    figures: Sequence[Mapping[str, Any]],
    members: Sequence[Article],
    cite: Callable[[Cite], SourceCite],
) -> list[TimelineEntry]:
    """The timeline with the story's commitments: each at its start, running to its ``until`` (see the module
    docstring); in date order."""
    from ..compare.timeline import is_future, speaker_in

    by_id = {a.id: a for a in members}
    pubs = [a.published for a in members if a.published]
    latest = max(pubs) if pubs else None
    out = list(entries)
    for row in figures:
        until = row.get("until")
        sentences = _sentences(row, by_id)
        if not until or not sentences:
            continue
        how = "by" if row.get("deadline") and not row.get("period") else "until"
        differs = str(row.get("why")) if row.get("status") == "conflict" else None
        what = str(row.get("commitment") or row.get("about") or "")
        hit = _entry_for(row, sentences, out)
        if hit is not None:
            e = out[hit]
            e.until, e.until_how, e.commitment_text, e.differs = str(until), how, what, differs
            e.cites += [cite(c) for c in sentences if not any(_same(x, c) for x in e.cites)]
            continue
        date = str(row.get("begins") or until)
        period = str(row.get("period") or "")
        whole = _whole(*period.split("/", 1)) if "/" in period else None
        date = whole or date  # "25 million tons in 2026": an entry for 2026
        first = by_id[sentences[0].article_id]
        out.append(
            TimelineEntry(
                date=date,
                text=first.text[sentences[0].start : sentences[0].end],
                cites=[cite(c) for c in sentences],
                sources=int(row.get("sources") or 1),
                future=is_future(date, latest),
                speaker=speaker_in(first, sentences[0].start, sentences[0].end),
                commitments=commitments_in(sentences, members),
                kind="commitment",
                until=str(until),
                until_how=how,
                commitment_text=what,
                differs=differs,
            )
        )
    out.sort(key=lambda e: (e.date, -e.sources))
    return out


def _same(x: SourceCite, c: Cite) -> bool:
    return (x.article_id, x.start, x.end) == (c.article_id, c.start, c.end)
