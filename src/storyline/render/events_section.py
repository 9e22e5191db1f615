"""The dossier's events section: who did what to whom, as a table with cites, and a small dyad chart.

Example:
    >>> from storyline.model import Event
    >>> ev = Event("CONSULT", "called", mode="phone", actor_text="Xi", actor_country="CHN", target_text="Trump",
    ...            target_country="USA", date="2025-11-24", independent_sources=4)
    >>> lines = events_markdown([DossierEvent(ev)], lambda cites: "")
    >>> lines[0], lines[6].startswith("| 2025-11-24 | Xi (CHN) | CONSULT (phone) | Trump (USA) |")
    ('## Events', True)
    >>> dyad_series([ev])
    [('CHN–USA', [('2025-11-24', 1)])]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from storyline.model import Event
from storyline.render.dossier_model import DossierEvent, SourceCite
from storyline.text import plural

#: Most events listed (most corroborated first); the export has them all.
MAX_ROWS = 40
#: Most dyads charted.
MAX_DYADS = 6
#: Independent sources an event needs to be listed first (the others follow, marked as one outlet's wording).
CORROBORATED = 2


def _party(text: str | None, country: str | None) -> str:
    text = (text or "").replace("|", "/")
    if text and country:
        return f"{text} ({country})"
    return text or country or "—"


def events_markdown(events: Sequence[DossierEvent], refs: Callable[[list[SourceCite]], str]) -> list[str]:
    """The Markdown lines of the events section (none when there are no events); ``refs`` makes footnote marks."""
    if not events:
        return []
    out = [
        "## Events",
        "",
        "Who did what to whom, in the PLOVER event vocabulary; one row per happening, with the outlets that report it.",
    ]
    shown = events[:MAX_ROWS]
    corroborated = [x for x in shown if x.event.independent_sources >= CORROBORATED]
    single = [x for x in shown if x.event.independent_sources < CORROBORATED]
    if corroborated:
        out += ["", *_table(corroborated, refs)]
    if single:
        out += ["", one_source_note(len(single)) + ":", "", *_table(single, refs)]
    series = dyad_series([x.event for x in events])
    if series:
        out += ["", "Dyads over time (events per day: the day the text gives, else the day reported):", ""]
        for pair, days in series:
            out.append(f"- {pair}: " + ", ".join(f"{d} {'▮' * min(n, 10)} {n}" for d, n in days))
    return out + [""]


#: How a row's date reads where the text gives none of its own: the day the act was reported by (``published``) or
#: the story's date (``story``), never the day it happened.
DATE_PREFIX = {"published": "reported", "story": "story date"}


def date_text(date: str, date_how: str | None) -> str:
    """A row's date as the dossier shows it: the text's own date as it is, a publication date as the day the act was
    reported ("reported 2025-01-19"), not as the day it happened.

    Example:
        >>> date_text("2025-01-19", "published"), date_text("2025-01-17", "text")
        ('reported 2025-01-19', '2025-01-17')
    """
    prefix = DATE_PREFIX.get(date_how or "")
    return f"{prefix} {date}" if prefix and date else date


def one_source_note(n: int) -> str:
    """What the list of the ``n`` events reported by one source says of them, in every dossier format."""
    return (
        f"{plural(n, 'event')} reported by one source (read them against their passage: one outlet's wording, "
        "coded by rule)"
    )


def _table(events: Sequence[DossierEvent], refs: Callable[[list[SourceCite]], str]) -> list[str]:
    out = ["| Date | Actor | Action | Target | Status | Sources | Cites |", "|---|---|---|---|---|---:|---|"]
    for item in events:
        e = item.event
        action = e.action + (f" ({e.mode})" if e.mode else "")
        day = date_text(e.date, e.date_how) if e.date else "—"
        out.append(
            f"| {day} | {_party(e.actor_text, e.actor_country)} | {action} | "
            f"{_party(e.target_text, e.target_country)} | {e.status or ''} | {e.independent_sources} | "
            f"{refs(item.cites)} |"
        )
    return out


def dyad_series(events: Sequence[Event]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Per country pair (both coded), the number of events per date, the busiest pairs first."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        a, t, d = e.actor_country, e.target_country, e.date
        if a and t and d and a != t:
            per["–".join(sorted((a, t)))][d] += 1
    ranked = sorted(per.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:MAX_DYADS]
    return [(pair, sorted(c.items())) for pair, c in ranked]


__all__ = ["date_text", "dyad_series", "events_markdown"]
