"""The dossier's events section: who did what to whom, as a table with cites, and a small dyad chart.

Example:
    >>> ev = {"date": "2025-11-24", "action": "CONSULT", "mode": "phone", "status": "happened",
    ...       "actor_text": "Xi", "actor_country": "CHN", "target_text": "Trump", "target_country": "USA",
    ...       "trigger": "called", "independent_sources": 4, "cites": []}
    >>> lines = events_markdown([ev], lambda cites: "")
    >>> lines[0], lines[6].startswith("| 2025-11-24 | Xi (CHN) | CONSULT (phone) | Trump (USA) |")
    ('## Events', True)
    >>> dyad_series([ev])
    [('CHN–USA', [('2025-11-24', 1)])]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

#: Most events listed (most corroborated first); the export has them all.
MAX_ROWS = 40
#: Most dyads charted.
MAX_DYADS = 6


def _party(e: Mapping[str, Any], role: str) -> str:
    text = str(e.get(f"{role}_text") or "").replace("|", "/")
    country = e.get(f"{role}_country")
    if text and country:
        return f"{text} ({country})"
    return text or str(country or "—")


def events_markdown(events: Sequence[Mapping[str, Any]], refs: Callable[[Any], str]) -> list[str]:
    """The Markdown lines of the events section (none when there are no events); ``refs`` makes footnote marks."""
    if not events:
        return []
    out = [
        "## Events",
        "",
        "Who did what to whom, in the PLOVER event vocabulary; one row per happening, with the outlets that report it.",
        "",
        "| Date | Actor | Action | Target | Status | Sources | Cites |",
        "|---|---|---|---|---|---:|---|",
    ]
    for e in list(events)[:MAX_ROWS]:
        action = str(e.get("action") or "")
        if e.get("mode"):
            action += f" ({e['mode']})"
        out.append(
            f"| {e.get('date') or '—'} | {_party(e, 'actor')} | {action} | {_party(e, 'target')} | "
            f"{e.get('status') or ''} | {int(e.get('independent_sources') or 0)} | {refs(e.get('cites'))} |"
        )
    series = dyad_series(events)
    if series:
        out += ["", "Dyads over time (events per day):", ""]
        for pair, days in series:
            out.append(f"- {pair}: " + ", ".join(f"{d} {'▮' * min(n, 10)} {n}" for d, n in days))
    return out + [""]


def dyad_series(events: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Per country pair (both coded), the number of events per date, the busiest pairs first."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        a, t, d = e.get("actor_country"), e.get("target_country"), e.get("date")
        if a and t and d and a != t:
            per["–".join(sorted((str(a), str(t))))][str(d)] += 1
    ranked = sorted(per.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:MAX_DYADS]
    return [(pair, sorted(c.items())) for pair, c in ranked]


__all__ = ["dyad_series", "events_markdown"]
