"""Story events: the same happening reported by several outlets is one event, with every cite.

Each article's events (:mod:`storyline.analyse.events`) are first completed with what the corpus knows: the actor
and target spans are linked to canonical entities (the mention they cover), an actor whose own words name no
country takes its entity's ("Trump", whom another sentence calls "U.S. President Donald Trump", is USA GOV), and
the event is dated — by a date the sentence gives, or the date the article gives the happening the sentence sets the
act in ("Xi said in the call …") (``text``), else the article's publication date (``published``: the day it was
reported by, not the day it happened), else the story's event date (``story``). A dated act after the article's
publication is ``announced``. Then events of one type between the same two parties on the same day (either way round
for CONSULT, COOPERATE and AGREE, which are mutual) that tell one act (:mod:`storyline.compare.event_acts`: alike
triggers or alike sentences, so "forced Trump to back down" and "restricted exports" are two rows, "made a call" and
"spoke by phone" one) are one story event; ``independent_sources`` counts the outlets that report it, copies
collapsed; its status is the one most of its reports tell (:func:`merged_status`). A party's act on itself, once
coded, is left out (:func:`self_event`).

Example:
    >>> story_events("s1", [], [])
    []
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .. import lexicon
from ..analyse.event_actors import code_phrase
from ..model import Article, Cite, Entity, Event
from .claims import source_key
from .event_acts import Acts, SameAct
from .timeline import is_future

#: Types whose two parties act together: "Xi called Trump" and "Trump spoke with Xi" are one event.
MUTUAL = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: Days apart two reports of one happening may date it when one of them only has a publication date.
SLACK_DAYS = 1
#: Days before its publication a report that says an act was done, and dates it by nothing else, may be telling a
#: happening another report dates in its own words ("he had spoken with Xi", published Sunday, beside "discussed …
#: in a phone call on Friday"): joined to it where that is the only such happening of the type and pair.
LOOKBACK_DAYS = 7
#: Characters of a date to the day ("2025-10-30").
DAY_LEN = 10
#: A happening a sentence sets its act in ("said in the call", "agreed during the talks"), whose date the act takes
#: where the sentence gives none of its own.
SETTING = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.words("events.setting_prepositions"))) + r")\s+(?:the|that|this|their)\s+"
    r"(?:phone\s+|telephone\s+|video\s+)?(" + "|".join(sorted(lexicon.words("events.setting_nouns"))) + r")\b",
    re.IGNORECASE,
)
#: Letters of a setting noun a trigger word must start with to tell that happening ("meeting": "met" no, "meet" yes).
STEM_LEN = 4


def entity_codes(entities: Sequence[Entity]) -> dict[str, tuple[str | None, str | None]]:
    """Each entity's (country, sector) from its roles, descriptions and name ("Chinese President" → CHN GOV)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for e in entities:
        best: tuple[str | None, str | None] = (None, None)
        for words in [*e.roles, *e.descriptions[:2], e.name]:
            country, sector = code_phrase(words)
            if country is not None:
                best = (country, sector if sector is not None else best[1])
                break
            if sector is not None and best[1] is None:
                best = (None, sector)
        if e.type in ("GPE",) and best[0] is not None and best[1] is None:
            best = (best[0], "GOV")
        if best != (None, None):
            out[e.id] = best
    return out


def _entity_at(a: Article, span: list[int] | None) -> str | None:
    if not span:
        return None
    best, best_len = None, 0
    for m in a.mentions:
        if m.entity_id is None:
            continue
        ov = min(m.end, span[1]) - max(m.start, span[0])
        if ov > best_len:
            best, best_len = m.entity_id, ov
    return best


def _own_date(a: Article, ev: Event) -> str | None:
    """The date the sentence of ``ev`` gives (the one nearest its trigger), or None."""
    cite = ev.cites[0] if ev.cites else None
    if cite is None:
        return None
    trig = ev.spans.get("trigger", [cite.start] * 2)
    inside = [d for d in a.dates if cite.start <= d.start < cite.end and d.point]
    return min(inside, key=lambda d: abs(d.start - trig[0])).point if inside else None


def _setting_date(a: Article, ev: Event) -> str | None:
    """The date of the happening the sentence of ``ev`` sets it in ("Xi said in the call …", "agreed during the
    talks"): the one date the article's own words give its events of that happening (a trigger that shares the
    setting noun's stem: "call", "discussed … in a phone call on Friday"), or None."""
    cite = ev.cites[0] if ev.cites else None
    if cite is None:
        return None
    found = SETTING.search(a.text[cite.start : cite.end])
    if found is None:
        return None
    stem = found.group(1).lower()[:STEM_LEN]
    dates = {
        day
        for other in a.events
        if other is not ev and any(w.lower().startswith(stem) for w in other.trigger.split())
        if (day := _own_date(a, other)) is not None
    }
    return dates.pop() if len(dates) == 1 else None


def _date(a: Article, ev: Event, story_date: str | None) -> tuple[str | None, str | None]:
    own = _own_date(a, ev) or _setting_date(a, ev)
    if own is not None:
        return own, "text"
    if a.published:
        return a.published[:10], "published"
    if story_date:
        return story_date[:10], "story"
    return None, None


def _after(day: str | None, published: str | None) -> bool:
    """The whole period ``day`` names ("2026-04", "2026-04-10") starts after the publication day."""
    return bool(day and published and day[:4].isdigit() and is_future(day, published[:10]))


def complete(a: Article, ev: Event, codes: dict[str, tuple[str | None, str | None]], story_date: str | None) -> Event:
    """A copy of one article event with its entities, coding and date filled in from the corpus."""
    out = replace(ev, context=list(ev.context), cites=list(ev.cites), spans=dict(ev.spans))
    for role in ("actor", "target"):
        eid = _entity_at(a, ev.spans.get(role))
        setattr(out, role, eid)
        own_country, own_sector = code_phrase(getattr(ev, f"{role}_text") or "")
        if eid in codes and own_country is None:
            country, sector = codes[eid]
            setattr(out, f"{role}_country", country or getattr(ev, f"{role}_country"))
            setattr(out, f"{role}_sector", own_sector or sector)
        elif own_country is not None and getattr(ev, f"{role}_country") is None:  # "Trump": an office holder
            setattr(out, f"{role}_country", own_country)
            setattr(out, f"{role}_sector", getattr(ev, f"{role}_sector") or own_sector)
    out.date, out.date_how = _date(a, ev, story_date)
    if out.status == "happened" and out.date_how == "text" and _after(out.date, a.published):
        out.status = "announced"
    return out


def self_event(ev: Event) -> bool:
    """An act of one party on itself: actor and target coded to one country, in one sector or with a sector on
    one side only ("the U.S. supports the USA", "China agrees with Beijing"). In event data such a record is
    the coder's error — a pronoun, a coordination ("China and the US fought …") or a country word taken for the
    target — not a happening; a country's acts on its own people (police and protesters, the government and the
    opposition) have two sectors and stay.

    Example:
        >>> self_event(Event("SUPPORT", "backs", actor_country="USA", actor_sector="GOV", target_country="USA"))
        True
        >>> self_event(Event("COERCE", "arrested", actor_country="USA", actor_sector="COP",
        ...                  target_country="USA", target_sector="OPP"))
        False
    """
    if not ev.actor_country or ev.actor_country != ev.target_country:
        return False
    return not (ev.actor_sector and ev.target_sector) or ev.actor_sector == ev.target_sector


def _party(ev: Event, role: str) -> str:
    """The party as merging compares it: its country where coded (outlets name one government differently: "Xi",
    "Beijing", "China"), else its entity, else its words."""
    country = getattr(ev, f"{role}_country")
    if country:
        return str(country)
    eid = getattr(ev, role)
    return str(eid) if eid else (getattr(ev, f"{role}_text") or "").lower()


def _key(ev: Event) -> tuple[str, ...]:
    a, t = _party(ev, "actor"), _party(ev, "target")
    if ev.action in MUTUAL:
        a, t = sorted((a, t))
    return (ev.action, a, t)


def _same_day(x: Event, y: Event) -> bool:
    if x.date == y.date:
        return True
    if not x.date or not y.date:
        return True
    if x.date_how == "text" and y.date_how == "text":
        return False
    try:
        gap = abs((dt.date.fromisoformat(x.date[:10]) - dt.date.fromisoformat(y.date[:10])).days)
    except ValueError:
        return False
    return gap <= SLACK_DAYS


def _telling(p: tuple[Article, Event]) -> tuple[bool | int, ...]:
    """How well a report of the happening tells it, for the one the story's row shows (its date, words and
    status): dated by its text (to the day before a month), then with coded parties, then with parties that are
    named entities ("Cho Jung-tai" rather than "its 23 million people"); the first such report on a tie."""
    ev = p[1]
    return (
        ev.date_how == "text",
        len(ev.date or "") if ev.date_how == "text" else 0,  # the day rather than its month
        ev.actor_country is not None,
        ev.actor is not None,
        ev.target is not None,
    )


def _within(vague: Event, exact: Event) -> bool:
    """Whether the happening ``exact`` dates to the day may be the one ``vague`` tells with a coarser date: a month
    or year its text gives that holds the day ("in October" beside "on 30 October"), or a publication date at most
    :data:`LOOKBACK_DAYS` after the day, of an act told as done; both told with one status."""
    if exact.date_how != "text" or not exact.date or len(exact.date) != DAY_LEN or not vague.date:
        return False
    if vague.status != exact.status:
        return False
    if vague.date_how == "text":
        return len(vague.date) < len(exact.date) and exact.date.startswith(vague.date)
    if vague.status != "happened":
        return False
    try:
        gap = (dt.date.fromisoformat(vague.date[:DAY_LEN]) - dt.date.fromisoformat(exact.date)).days
    except ValueError:
        return False
    return 0 <= gap <= LOOKBACK_DAYS


def _join_vague(groups: list[list[tuple[Article, Event]]], same: SameAct) -> list[list[tuple[Article, Event]]]:
    """Groups whose best report dates the happening more coarsely than another group of the same type and pair
    (:func:`_within`) joined to it, where that group is the only one it could be and tells the same act
    (``same``, with its best report): "Xi met Trump in Busan in October" and "Trump met Xi in Busan on 30
    October" are one meeting; two calls that month are left apart."""
    out = list(groups)
    for g in sorted(groups, key=lambda g: len(max(g, key=_telling)[1].date or "")):
        best = max(g, key=_telling)
        vague = best[1]
        hosts = [h for h in out if h is not g and _key(h[0][1]) == _key(vague)]
        hosts = [h for h in hosts if _within(vague, max(h, key=_telling)[1]) and same(best, max(h, key=_telling))]
        if len(hosts) == 1:
            hosts[0].extend(g)
            out.remove(g)
    return out


def merged_status(statuses: Sequence[str], best: str) -> str:
    """The status of one happening its reports tell differently: happened where at least half of them report it
    done; else the most told of the others (the best-telling report's on a tie). "China is set to pressure Trump"
    and "Xi could pressure Trump" beside one report of pressure as done tell a plan, not a deed.

    Example:
        >>> merged_status(["announced", "happened", "hypothetical"], "happened")
        'announced'
        >>> merged_status(["announced", "happened"], "announced")
        'happened'
    """
    done = sum(s == "happened" for s in statuses)
    if 2 * done >= len(statuses):
        return "happened"
    others = Counter(s for s in statuses if s != "happened")
    top = max(others.values())
    tied = [s for s, n in others.items() if n == top]
    return best if best in tied else tied[0]


def story_events(
    sid: str,
    members: Sequence[Article],
    entities: Sequence[Entity],
    story_date: str | None = None,
    same_act: SameAct | None = None,
) -> list[Event]:
    """The story's events: its articles' events, completed and merged across outlets, dated, with every cite.
    ``same_act`` tells whether two reports of one type, pair and day are one act (default: an
    :class:`~storyline.compare.event_acts.Acts` over the story's reports; ``event_acts.always`` merges every such
    pair, as the rows were made before)."""
    named = {m.entity_id for a in members for m in a.mentions if m.entity_id}
    codes = entity_codes([e for e in entities if e.id in named])  # the story's own, not the corpus's
    by_id = {a.id: a for a in members}
    reports = [
        (a, done)
        for a in members
        for ev in a.events
        if ev.actor_text or ev.target_text
        if not self_event(done := complete(a, ev, codes, story_date))
    ]
    same = same_act or Acts(reports)
    groups: list[list[tuple[Article, Event]]] = []
    for r in reports:
        hits = [g for g in groups if _key(g[0][1]) == _key(r[1]) and _same_day(g[0][1], r[1]) and same.joins(r, g)]
        if not hits:
            groups.append([r])
            continue
        hits[0].append(r)
        for g in hits[1:]:  # a report that tells the act of two groups joins them
            hits[0].extend(g)
            groups.remove(g)
    groups = _join_vague(groups, same)
    out: list[Event] = []
    for g in groups:
        best = max(g, key=_telling)[1]
        cites: list[Cite] = list(best.cites)  # first the report the row's words, parties and date come from
        for _, e in g:
            cites += [c for c in e.cites if c not in cites]
        ev = replace(best, cites=cites, spans={}, story_id=sid)
        ev.independent_sources = len({source_key(a, by_id) for a, _ in g})
        ev.status = merged_status([e.status for _, e in g], best.status)
        out.append(ev)
    out.sort(key=lambda e: (-e.independent_sources, e.date or "9999", e.cites[0].article_id if e.cites else ""))
    for n, ev in enumerate(out, 1):
        ev.id = f"{sid}-v{n}"
    return out


__all__ = ["MUTUAL", "complete", "entity_codes", "self_event", "story_events"]
