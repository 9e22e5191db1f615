"""The HTML dossier's events: a table of who did what to whom, with cites, and a small chart of the dyads over time.

:func:`events_rows` turns the dossier's ``events`` into table rows (the cite links come from the caller, so they
join the page's other cites); :func:`dyad_chart` draws the busiest country pairs as one lane each on a shared
date axis, a dot per day sized by its number of events. Every label is escaped here, as in
:mod:`storyline.render.svg`.

Example:
    >>> ev = {"date": "2025-11-24", "action": "CONSULT", "mode": "phone", "status": "happened",
    ...       "actor_text": "Xi", "actor_country": "CHN", "actor_sector": "GOV", "target_text": "Trump",
    ...       "target_country": "USA", "independent_sources": 4, "cites": []}
    >>> row = events_rows([ev], lambda cites, used_in: [])[0]
    >>> row["actor"]["text"], row["actor"]["code"], row["action_label"]
    ('Xi', 'CHN · GOV', 'consult (phone)')
    >>> "CHN–USA" in dyad_chart([ev])
    True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from storyline.render import svg
from storyline.render.dossier_model import DossierEvent
from storyline.render.events_export import QUAD_CLASS
from storyline.render.events_section import CORROBORATED, MAX_ROWS, date_text, dyad_series, one_source_note

#: Cooperation or conflict (PLOVER's quad classes, two by two: 1-2 cooperation, 3-4 conflict): the colour of
#: the row's edge.
TONE = {kind: "coop" if quad in (1, 2) else "conflict" for kind, quad in QUAD_CLASS.items()}
_STATUS = {"announced": "announced", "denied": "denied", "hypothetical": "if / could"}


def _party(text: str | None, country: str | None, sector: str | None) -> dict[str, str]:
    return {"text": " ".join((text or "").split()), "code": " · ".join(x for x in (country, sector) if x)}


def _typed(events: Sequence[object]) -> list[tuple[DossierEvent, Any]]:
    """Each event (a :class:`DossierEvent`, or its JSON form) with its cites as given; anything else is skipped."""
    return [
        (e, e.cites) if isinstance(e, DossierEvent) else (DossierEvent.from_json(e), e.get("cites"))
        for e in events
        if isinstance(e, DossierEvent | Mapping)
    ]


def events_rows(
    events: Sequence[object], cite_views: Callable[[Any, str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The table rows of the events section (at most :data:`MAX_ROWS`, in the dossier's order: most reported first).

    Args:
        events: the dossier's events: :class:`DossierEvent`, or their JSON form (anything else is skipped).
        cite_views: turns an event's cites (its ``SourceCite`` list, or the JSON form's ``cites``) into link views,
            given the section name they are used in.
    """
    rows: list[dict[str, Any]] = []
    for item, cites in _typed(events)[:MAX_ROWS]:
        e = item.event
        date = e.date or ""
        rows.append(
            {
                "date": date,
                "date_label": date_text(svg.format_date(date or None) or "", e.date_how) or "undated",
                "date_how": e.date_how or "",
                "actor": _party(e.actor_text, e.actor_country, e.actor_sector),
                "target": _party(e.target_text, e.target_country, e.target_sector),
                "action": e.action,
                "action_label": e.action.lower() + (f" ({e.mode})" if e.mode else ""),
                "trigger": e.trigger,
                "tone": TONE.get(e.action, ""),
                "status": e.status or "happened",
                "status_label": _STATUS.get(e.status, ""),
                "sources": e.independent_sources,
                "cites": cite_views(cites, f"Events ({e.action} {date})".strip()),
            }
        )
    return rows


def by_sources(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """:func:`events_rows` split for the page: the corroborated events first, then those of one source under
    their note (``events_first``, ``events_single``, ``single_note``)."""
    first = [r for r in rows if r["sources"] >= CORROBORATED]
    single = [r for r in rows if r["sources"] < CORROBORATED]
    return {"events_first": first, "events_single": single, "single_note": one_source_note(len(single))}


def dyad_chart(events: Sequence[object], *, width: int = 760) -> str:
    """A small chart of the busiest country pairs over time: one lane per pair, a dot per day sized by its events.

    Returns:
        One ``<svg>`` element, or ``""`` when no event has two different coded countries and a date.
    """
    series = dyad_series([e.event for e, _ in _typed(events)])
    dated = [(pair, [(d, n, svg.date_midpoint(d)) for d, n in days]) for pair, days in series]
    dated = [(pair, [(d, n, m) for d, n, m in days if m is not None]) for pair, days in dated]
    dated = [(pair, days) for pair, days in dated if days]
    if not dated:
        return ""
    mids = [m for _, days in dated for _, _, m in days if m is not None]
    lo, hi = min(mids), max(mids)
    if hi - lo < 14:
        lo, hi = lo - 7, hi + 7
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad
    font = 12.0
    label_w = min(max(svg._text_width(p, font) for p, _ in dated) + 16, width * 0.3)
    x0, x1 = label_w, width - 16.0
    axis_y, lane_h = 28.0, 26.0
    height = axis_y + 12 + lane_h * len(dated)
    most = max(n for _, days in dated for _, n, _ in days)

    def xof(day: float) -> float:
        return x0 + (day - lo) / (hi - lo) * (x1 - x0)

    total = sum(n for _, days in dated for _, n, _ in days)
    title = f"Events between the {len(dated)} busiest country pairs over time ({total} events)"
    parts = [svg._svg_open(width, height, title, "chart dyad-chart")]
    for day, text in svg._ticks(lo, hi):
        x = xof(day)
        parts.append(
            f'<line x1="{svg._n(x)}" y1="{svg._n(axis_y - 4)}" x2="{svg._n(x)}" y2="{svg._n(height - 4)}" '
            f'stroke="{svg.RULE}"/>'
            f'<text x="{svg._n(x)}" y="{svg._n(axis_y - 10)}" text-anchor="middle" fill="{svg.MUTED}" '
            f'font-size="11">{svg._e(text)}</text>'
        )
    for k, (pair, days) in enumerate(dated):
        y = axis_y + 12 + lane_h * k + lane_h / 2
        parts.append(
            f'<g class="dyad"><text x="{svg._n(x0 - 10)}" y="{svg._n(y + 4)}" text-anchor="end">'
            f"{svg._e(pair)}</text>"
            f'<line x1="{svg._n(x0)}" y1="{svg._n(y)}" x2="{svg._n(x1)}" y2="{svg._n(y)}" stroke="{svg.RULE}"/>'
        )
        for d, n, m in days:
            assert m is not None
            r = 3.5 + 6.5 * math.sqrt(n / most)
            parts.append(
                f'<circle cx="{svg._n(xof(m))}" cy="{svg._n(y)}" r="{svg._n(r)}" fill="{svg.PAST}" '
                f'fill-opacity="0.75" stroke="#fff"><title>{svg._e(pair)}, {svg._e(svg.format_date(d))}: '
                f"{n} event{'s' if n != 1 else ''}</title></circle>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["TONE", "by_sources", "dyad_chart", "events_rows"]
