"""Event data exports: the stories' events as a GDELT-like TSV, and a dyad series CSV (date × pair × type counts).

The TSV has one row per story event: its date, the source actor (text, country, sector), the PLOVER action, mode and
status, the target actor, the PLOVER quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict), the number of independent sources and the first cite (``article_id:start-end``). The dyad
series counts events per date, ordered country pair and type.

Example:
    >>> from storyline.model import Event, Story
    >>> ev = Event("CONSULT", "called", actor_country="CHN", target_country="USA", date="2025-11-24", id="s1-v1",
    ...            story_id="s1", independent_sources=1)
    >>> events_tsv([Story("s1", "t", None, events=[ev])]).splitlines()[1].split("\\t")[:5]
    ['s1-v1', 's1', '2025-11-24', '', 'CHN']
    >>> dyad_csv([Story("s1", "t", None, events=[ev])]).splitlines()[1]
    '2025-11-24,CHN,USA,CONSULT,1,1'
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence

from ..model import Event, Story

#: PLOVER types by quad class.
QUAD_CLASS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT"), 1),
    **dict.fromkeys(("CONCEDE", "COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
TSV_COLUMNS = (
    "id story_id date date_how actor1_country actor1_sector actor1_text action mode status actor2_country "
    "actor2_sector actor2_text quad_class independent_sources first_cite trigger"
).split()


def _clean(v: object) -> str:
    return "" if v is None else " ".join(str(v).split())


def _row(e: Event) -> list[str]:
    first = f"{e.cites[0].article_id}:{e.cites[0].start}-{e.cites[0].end}" if e.cites else ""
    vals: list[object] = [
        e.id, e.story_id, e.date, e.date_how, e.actor_country, e.actor_sector, e.actor_text, e.action, e.mode,
        e.status, e.target_country, e.target_sector, e.target_text, QUAD_CLASS.get(e.action), e.independent_sources,
        first, e.trigger,
    ]
    return [_clean(v) for v in vals]


def events_tsv(stories: Sequence[Story]) -> str:
    """Every story event as one tab-separated row under a header (tabs and newlines in texts become spaces)."""
    lines = ["\t".join(TSV_COLUMNS)]
    for s in stories:
        for e in s.events:
            lines.append("\t".join(_row(e)))
    return "\n".join(lines) + "\n"


def dyad_counts(stories: Sequence[Story]) -> Counter[tuple[str, str, str, str]]:
    """Events per (date, actor country, target country, type); undated or uncoded parties count as ''."""
    return Counter(
        (e.date or "", e.actor_country or "", e.target_country or "", e.action) for s in stories for e in s.events
    )


def dyad_csv(stories: Sequence[Story]) -> str:
    """The dyad series: ``date,actor_country,target_country,action,events,sources`` per date × pair × type."""
    sources: Counter[tuple[str, str, str, str]] = Counter()
    for s in stories:
        for e in s.events:
            sources[(e.date or "", e.actor_country or "", e.target_country or "", e.action)] += e.independent_sources
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["date", "actor_country", "target_country", "action", "events", "sources"])
    for key, n in sorted(dyad_counts(stories).items()):
        w.writerow([*key, n, sources[key]])
    return buf.getvalue()


__all__ = ["QUAD_CLASS", "TSV_COLUMNS", "dyad_counts", "dyad_csv", "events_tsv"]
