"""Small, pure functions that draw the dossier's charts as inline SVG strings.

Nothing here touches the network, the file system or global state: each function takes plain data and
returns one ``<svg>`` element (or ``""`` when there is nothing to draw), with every label escaped, so the
HTML renderer can drop it into a self-contained page.

Dates follow the export contract: ISO 8601 truncated to the precision known ("2025", "2025-11",
"2025-11-24"). A date of lower precision is placed at the middle of the period it names and drawn with a
faint band over that period.

Example:
    >>> svg = timeline_chart([{"date": "2025-11-24", "label": "Xi calls Trump"}])
    >>> svg.startswith("<svg") and "Xi calls Trump" in svg
    True
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from .. import lexicon

__all__ = [
    "bar_chart",
    "date_midpoint",
    "date_precision",
    "date_span",
    "format_date",
    "is_after",
    "latest_date",
    "timeline_chart",
]

_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
#: The months as the charts print them ("Jan" … "Dec"): the first three letters of ``lexicon/time.toml``'s names.
_MONTHS = tuple(m[:3].title() for m in lexicon.ordered("time.months"))
#: TimeML's parts of a year, as people write them.
_PARTS_OF_YEAR = {
    "SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter", "Q1": "Q1", "Q2": "Q2", "Q3": "Q3", "Q4": "Q4",
    "H1": "first half of", "H2": "second half of",
}  # fmt: skip
_PART_OF_YEAR = re.compile(rf"^(\d{{4}})-({'|'.join(_PARTS_OF_YEAR)})$")
# Unquoted multi-word family names are valid CSS and need no escaping inside an attribute.
_FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, Noto Sans, sans-serif"

# Colours shared with the page's stylesheet (kept here so the SVG also reads well on its own).
INK = "#1d232b"
MUTED = "#5b6673"
RULE = "#d5dae0"
PAST = "#1f4e79"
FUTURE = "#b45309"


# --------------------------------------------------------------------------- dates


def date_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day of the period an ISO 8601 (possibly truncated) date names.

    Example:
        >>> date_span("2025-11")
        (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))
    """
    if not value:
        return None
    m = _DATE_RE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return d, d


def date_precision(value: str | None) -> str | None:
    """Return ``"day"``, ``"month"`` or ``"year"`` for a parseable date, else ``None``."""
    if date_span(value) is None:
        return None
    m = _DATE_RE.match(value or "")
    assert m is not None
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def date_midpoint(value: str | None) -> float | None:
    """Return the middle of the period a date names, in proleptic Gregorian days (``date.toordinal``).

    A day sits at its own middle (``+0.5``), a month and a year at theirs.

    Example:
        >>> date_midpoint("2025-11") == dt.date(2025, 11, 15).toordinal() + 1.0
        True
    """
    span = date_span(value)
    if span is None:
        return None
    return (span[0].toordinal() + span[1].toordinal() + 1) / 2


def format_date(value: str | None, *, short: bool = False) -> str:
    """Format an ISO 8601 (possibly truncated) date for people: "24 Nov 2025", "Nov 2025", "2025".

    With ``short=True`` a day drops its year ("24 Nov"). Unparseable values come back unchanged and
    ``None`` becomes ``""``.

    Example:
        >>> format_date("2025-11-24"), format_date("2026-04"), format_date("2026"), format_date("2016-FA")
        ('24 Nov 2025', 'Apr 2026', '2026', 'autumn 2016')
    """
    span = date_span(value)
    if span is None:
        part = _PART_OF_YEAR.match(value or "")
        if part is not None:  # TimeML's seasons, quarters and halves: "2016-FA" is "autumn 2016"
            return f"{_PARTS_OF_YEAR[part.group(2)]} {part.group(1)}"
        return value or ""
    precision = date_precision(value)
    d = span[0]
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {_MONTHS[d.month - 1]}" + ("" if short else f" {d.year}")


def is_after(value: str | None, reference: str | None) -> bool:
    """True when the whole period ``value`` names lies after the period ``reference`` names.

    Used to tell announced or expected events from reported ones: "2026-04" is after "2025-11-25", but
    "2025-11" is not (the month may already have happened).
    """
    a, b = date_span(value), date_span(reference)
    return a is not None and b is not None and a[0] > b[1]


def latest_date(values: Iterable[str | None]) -> str | None:
    """Return the value whose period ends last, ignoring missing and unparseable dates."""
    best: str | None = None
    best_end: dt.date | None = None
    for v in values:
        span = date_span(v)
        if span is not None and (best_end is None or span[1] > best_end):
            best, best_end = v, span[1]
    return best


# --------------------------------------------------------------------------- text helpers


def _text_width(text: str, size: float) -> float:
    """A rough rendered width for ``text`` in a sans-serif face (wide for CJK, narrow for i/l/.)."""
    w = 0.0
    for ch in text:
        o = ord(ch)
        if o >= 0x1100 and (
            0x2E80 <= o <= 0xA4CF
            or 0xAC00 <= o <= 0xD7A3
            or 0xF900 <= o <= 0xFAFF
            or 0xFF00 <= o <= 0xFF60
            or 0x1100 <= o <= 0x115F
        ):
            w += 1.0
        elif ch in "il.,;:'!|ıj ’‘":
            w += 0.3
        elif ch in "mwMW@":
            w += 0.85
        elif ch.isupper():
            w += 0.65
        else:
            w += 0.53
    return w * size


def _clip(text: str, limit: int) -> str:
    """Shorten ``text`` to ``limit`` characters, at a word boundary when one is near, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:·—–-“‘(\"'") + "…"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(x: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _svg_open(width: float, height: float, label: str, cls: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{_e(cls)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" aria-label="{_e(label)}" '
        f'font-family="{_e(_FONT)}" font-size="12" fill="{INK}">'
        f"<title>{_e(label)}</title>"
    )


# --------------------------------------------------------------------------- bar chart


def _nice_step(max_value: float, target_ticks: int = 5) -> float:
    if max_value <= 0:
        return 1.0
    raw = max_value / target_ticks
    mag = float(10.0 ** math.floor(math.log10(raw)))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return max(m * mag, 1.0)  # counts: never a fractional step
    return 10 * mag


def bar_chart(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    series: Sequence[str],
    colors: Mapping[str, str],
    *,
    width: int = 760,
    bar_height: int = 18,
    gap: int = 8,
    title: str = "Mentions by outlet",
) -> str:
    """Draw a horizontal bar chart, each bar stacked by series, with a legend and the total at the bar's end.

    Args:
        rows: ``(label, {series_name: value})`` pairs, drawn top to bottom in the order given.
        series: the stacking order and legend order; values for names not listed are ignored.
        colors: a fill colour per series name (missing names are drawn grey).
        width: the drawing's width in pixels; the height follows from the number of rows.
        bar_height: the height of one bar.
        gap: the space between bars.
        title: the accessible name of the chart.

    Returns:
        One ``<svg>`` element, or ``""`` when there are no rows.

    Example:
        >>> svg = bar_chart([("Xi Jinping", {"Bloomberg": 3, "Reuters": 1})], ["Bloomberg", "Reuters"],
        ...                 {"Bloomberg": "#4e79a7", "Reuters": "#f28e2b"})
        >>> svg.count("<rect") >= 2
        True
    """
    if not rows:
        return ""
    font = 12.0
    labels = [_clip(label, 28) for label, _ in rows]
    label_w = min(max(_text_width(s, font) for s in labels) + 14, width * 0.35)
    value_w = 44.0
    left, right = label_w, width - value_w
    plot_w = max(right - left, 40.0)

    # Legend, wrapped over as many lines as the width needs.
    legend: list[str] = []
    lx, ly, line_h = 0.0, 14.0, 20.0
    for name in series:
        w = 18 + _text_width(_clip(name, 32), font) + 18
        if lx > 0 and lx + w > width:
            lx, ly = 0.0, ly + line_h
        legend.append(
            f'<g class="legend-item"><rect x="{_n(lx)}" y="{_n(ly - 10)}" width="12" height="12" rx="2" '
            f'fill="{_e(colors.get(name, "#9aa3ad"))}"/>'
            f'<text x="{_n(lx + 17)}" y="{_n(ly)}">{_e(_clip(name, 32))}</text></g>'
        )
        lx += w
    top = ly + 18 if series else 4.0

    totals = [sum(max(float(v.get(s, 0) or 0), 0.0) for s in series) for _, v in rows]
    step = _nice_step(max(totals) if totals else 0.0)
    axis_max = max(step * math.ceil((max(totals) or 1) / step), step)
    scale = plot_w / axis_max
    plot_h = len(rows) * (bar_height + gap) - gap
    height = top + plot_h + 24

    parts = [_svg_open(width, height, title, "chart bar-chart"), *legend]
    # Grid lines and tick labels under the bars.
    ticks = int(round(axis_max / step))
    for i in range(ticks + 1):
        v = i * step
        x = left + v * scale
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(top + plot_h + 2)}" '
            f'stroke="{RULE}" stroke-width="1"/>'
            f'<text x="{_n(x)}" y="{_n(top + plot_h + 16)}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11">{_e(_n(v))}</text>'
        )
    for i, ((label, values), short, total) in enumerate(zip(rows, labels, totals, strict=True)):
        y = top + i * (bar_height + gap)
        parts.append(f'<g class="bar"><title>{_e(label)}: {_e(_n(total))}</title>')
        parts.append(f'<text x="{_n(left - 8)}" y="{_n(y + bar_height / 2 + 4)}" text-anchor="end">{_e(short)}</text>')
        x = left
        for name in series:
            v = max(float(values.get(name, 0) or 0), 0.0)
            if v <= 0:
                continue
            w = v * scale
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0.5))}" height="{bar_height}" '
                f'fill="{_e(colors.get(name, "#9aa3ad"))}"><title>{_e(label)} — {_e(name)}: {_e(_n(v))}'
                f"</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{_n(x + 6)}" y="{_n(y + bar_height / 2 + 4)}" fill="{MUTED}" '
            f'font-variant-numeric="tabular-nums">{_e(_n(total))}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- timeline


def _ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Axis ticks (ordinal day, label) between ``lo`` and ``hi``, at day, month or year steps."""
    d0, d1 = dt.date.fromordinal(max(int(math.floor(lo)), 1)), dt.date.fromordinal(int(math.ceil(hi)))
    span = hi - lo
    out: list[tuple[float, str]] = []
    if span <= 75:
        step = next((s for s in (1, 2, 3, 7, 14) if span / s <= 9), 21)
        d = d0
        first = True
        while d <= d1:
            if lo <= d.toordinal() <= hi:
                label = f"{d.day} {_MONTHS[d.month - 1]}"
                if first or (d.month == 1 and d.day <= step):
                    label += f" {d.year}"
                out.append((float(d.toordinal()), label))
                first = False
            d += dt.timedelta(days=step)
        return out
    if span <= 6 * 366:
        months = (d1.year - d0.year) * 12 + d1.month - d0.month + 1
        step = next((s for s in (1, 2, 3, 6, 12) if months / s <= 9), 12)
        y, m = d0.year, d0.month
        first = True
        while (y, m) <= (d1.year, d1.month):
            d = dt.date(y, m, 1)
            if lo <= d.toordinal() <= hi and (m - 1) % step == 0:
                label = _MONTHS[m - 1] + (f" {y}" if first or m == 1 else "")
                out.append((float(d.toordinal()), label))
                first = False
            m += 1
            if m > 12:
                y, m = y + 1, 1
        return out
    years = d1.year - d0.year + 1
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 9), 100)
    for y in range(d0.year, d1.year + 1):
        if y % step == 0:
            o = dt.date(y, 1, 1).toordinal()
            if lo <= o <= hi:
                out.append((float(o), str(y)))
    return out


def _until_day(value: object) -> float | None:
    """The last day of the period an ISO date names, as a proleptic Gregorian day number; None for none."""
    span = date_span(str(value or ""))
    return span[1].toordinal() + 0.5 if span is not None else None


def timeline_chart(
    items: Sequence[Mapping[str, Any]],
    *,
    now: str | None = None,
    width: int = 900,
    max_label: int = 46,
    max_lanes: int = 10,
) -> str:
    """Draw events as dots on a date axis, each with a short label in the first free lane below it.

    Args:
        items: mappings with ``date`` (ISO 8601, any precision) and ``label``; optional ``future`` (bool:
            an announced or expected event, drawn hollow and orange), ``href`` (the dot and label link
            there) and ``title`` (the tooltip; defaults to the full label). Items without a parseable date
            are left out.
            An item with ``until`` (a commitment: the date it runs to) has a bar from its dot to that date.
        now: the date the reporting stops (e.g. the latest publication date); drawn as a dashed rule
            separating what was reported from what was announced.
        width: the drawing's width in pixels; the height follows from the number of label lanes.
        max_label: labels longer than this many characters are cut with an ellipsis.
        max_lanes: labels that do not fit in this many lanes are left out (the dot and its tooltip stay).

    Returns:
        One ``<svg>`` element, or ``""`` when no item has a usable date.

    Example:
        >>> svg = timeline_chart([{"date": "2025-10-30", "label": "Busan meeting"},
        ...                       {"date": "2026-04", "label": "Trump to visit Beijing", "future": True}],
        ...                      now="2025-11-25")
        >>> "Busan meeting" in svg and "Trump to visit Beijing" in svg
        True
    """
    dated: list[tuple[float, tuple[dt.date, dt.date], str, Mapping[str, Any]]] = []
    for item in items:
        value = str(item.get("date") or "")
        span, mid, precision = date_span(value), date_midpoint(value), date_precision(value)
        if span is None or mid is None or precision is None:
            continue
        dated.append((mid, span, precision, item))
    if not dated:
        return ""
    dated.sort(key=lambda t: t[0])

    now_mid = date_midpoint(now)
    untils = {i: _until_day(t[3].get("until")) for i, t in enumerate(dated)}
    points = [t[0] for t in dated] + ([now_mid] if now_mid is not None else [])
    points += [u for u in untils.values() if u is not None]
    lo, hi = min(points), max(points)
    if hi - lo < 1:
        half = max((dated[0][1][1] - dated[0][1][0]).days + 1, 14) / 2 + 1
        lo, hi = lo - half, hi + half
    pad = (hi - lo) * 0.04
    lo, hi = lo - pad, hi + pad

    font = 12.0
    margin = 16.0
    x0, x1 = margin, width - margin

    def xof(day: float) -> float:
        return x0 + (min(max(day, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    has_future = any(bool(t[3].get("future")) for t in dated)
    has_past = any(not t[3].get("future") for t in dated)
    has_vague = any(t[2] != "day" for t in dated)

    # Legend.
    legend: list[str] = []
    lx = 0.0
    entries: list[tuple[str, str]] = []
    if has_past:
        entries.append((f'<circle cx="{{x}}" cy="10" r="5" fill="{PAST}"/>', "reported"))
    if has_future:
        entries.append(
            (
                f'<circle cx="{{x}}" cy="10" r="4.5" fill="#fff" stroke="{FUTURE}" stroke-width="2" '
                f'stroke-dasharray="2 1.5"/>',
                "announced / expected",
            )
        )
    if has_vague:
        entries.append(
            (
                f'<rect x="{{xr}}" y="7" width="18" height="6" rx="3" fill="{PAST}" fill-opacity="0.18"/>',
                "date known to the month or year",
            )
        )
    if now_mid is not None:
        entries.append(
            (
                f'<line x1="{{x}}" y1="3" x2="{{x}}" y2="17" stroke="{MUTED}" stroke-dasharray="3 2"/>',
                f"latest report, {format_date(now)}",
            )
        )
    for shape, text in entries:
        legend.append(
            shape.format(x=_n(lx + 6), xr=_n(lx - 3))
            + f'<text x="{_n(lx + 16)}" y="14" fill="{MUTED}" font-size="11">{_e(text)}</text>'
        )
        lx += 16 + _text_width(text, 11) + 22

    axis_y = 62.0
    lane_top = axis_y + 30
    lane_h = 21.0

    # Label placement: first lane where the label does not overlap one already placed.
    lanes: list[list[tuple[float, float]]] = []
    placed: list[tuple[int, float, str, str, int | None]] = []  # (index, x, anchor, text, lane)
    for i, (mid, _span, _prec, item) in enumerate(dated):
        x = xof(mid)
        text = _clip(str(item.get("label") or ""), max_label)
        tw = _text_width(text, font)
        anchor = "start"
        a, b = x - 4, x + 8 + tw
        if b > width - 2:
            anchor = "end"
            a, b = x - 8 - tw, x + 4
        u = untils.get(i)
        b = max(b, xof(u) + 4) if u is not None else b  # a commitment's bar keeps its lane to its end
        lane: int | None = None
        for k, used in enumerate(lanes):
            if all(b + 6 <= ua or a >= ub + 6 for ua, ub in used):
                lane = k
                break
        if lane is None and len(lanes) < max_lanes:
            lanes.append([])
            lane = len(lanes) - 1
        if lane is not None and text:
            lanes[lane].append((a, b))
        placed.append((i, x, anchor, text, lane if text else None))

    height = lane_top + max(len(lanes), 1) * lane_h + 6
    label = f"Timeline of {len(dated)} dated event{'s' if len(dated) != 1 else ''}"
    parts = [_svg_open(width, height, label, "chart timeline-chart"), *legend]

    # Axis and ticks.
    parts.append(
        f'<line x1="{_n(x0)}" y1="{_n(axis_y)}" x2="{_n(x1)}" y2="{_n(axis_y)}" stroke="{MUTED}" stroke-width="1.5"/>'
    )
    for day, text in _ticks(lo, hi):
        x = xof(day)
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(axis_y - 5)}" x2="{_n(x)}" y2="{_n(axis_y)}" stroke="{MUTED}"/>'
            f'<text x="{_n(x)}" y="{_n(axis_y - 10)}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11">{_e(text)}</text>'
        )
    if now_mid is not None:
        x = xof(now_mid)
        parts.append(
            f'<line class="now" x1="{_n(x)}" y1="{_n(axis_y - 26)}" x2="{_n(x)}" y2="{_n(axis_y + 12)}" '
            f'stroke="{MUTED}" stroke-dasharray="3 2"/>'
        )

    # Spans of imprecise dates, then leader lines, then dots, then labels on top.
    for _mid, span, prec, item in dated:
        if prec != "day":
            a = xof(span[0].toordinal())
            b = xof(span[1].toordinal() + 1)
            color = FUTURE if item.get("future") else PAST
            parts.append(
                f'<rect x="{_n(a)}" y="{_n(axis_y - 4)}" width="{_n(max(b - a, 2))}" height="8" '
                f'rx="4" fill="{color}" fill-opacity="0.18"/>'
            )
    for i, x, _anchor, _text, lane in placed:
        if lane is None:
            continue
        y = lane_top + lane * lane_h
        color = FUTURE if dated[i][3].get("future") else PAST
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(axis_y + 6)}" x2="{_n(x)}" y2="{_n(y - 4)}" stroke="{color}" '
            f'stroke-opacity="0.35"/>'
        )
    for i, x, _anchor, _text, lane in placed:
        u = untils.get(i)
        if lane is None or u is None:
            continue
        y = lane_top + lane * lane_h - 6
        color = FUTURE if dated[i][3].get("future") else PAST
        parts.append(
            f'<g class="until"><title>{_e("until " + format_date(str(dated[i][3].get("until"))))}</title>'
            f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(xof(u))}" y2="{_n(y)}" stroke="{color}" stroke-width="3" '
            f'stroke-opacity="0.45" stroke-linecap="round"/>'
            f'<line x1="{_n(xof(u))}" y1="{_n(y - 4)}" x2="{_n(xof(u))}" y2="{_n(y + 4)}" stroke="{color}"/></g>'
        )
    for i, x, anchor, text, lane in placed:
        item = dated[i][3]
        future = bool(item.get("future"))
        full = str(item.get("title") or item.get("label") or "")
        tip = f"{format_date(str(item.get('date')))}: {full}" if full else format_date(str(item.get("date")))
        if future:
            dot = (
                f'<circle cx="{_n(x)}" cy="{_n(axis_y)}" r="5" fill="#fff" stroke="{FUTURE}" '
                f'stroke-width="2" stroke-dasharray="2 1.5"/>'
            )
        else:
            dot = f'<circle cx="{_n(x)}" cy="{_n(axis_y)}" r="5.5" fill="{PAST}" stroke="#fff" stroke-width="1.5"/>'
        body = dot
        if lane is not None:
            y = lane_top + lane * lane_h
            tx = x - 3 if anchor == "start" else x + 3
            style = f' fill="{FUTURE}" font-style="italic"' if future else ""
            body += (
                f'<text x="{_n(tx)}" y="{_n(y + 8)}" text-anchor="{anchor}"{style} stroke="#fff" '
                f'stroke-width="4" stroke-linejoin="round" paint-order="stroke">{_e(text)}</text>'
            )
        cls = "event future" if future else "event"
        g = f'<g class="{cls}"><title>{_e(tip)}</title>{body}</g>'
        href = str(item.get("href") or "")
        if href.startswith("#") or re.match(r"https?://", href):
            g = f'<a href="{_e(href)}">{g}</a>'
        parts.append(g)
    parts.append("</svg>")
    return "".join(parts)
