"""A story's commitments: each outlet's version of one commitment is one item, with every cite and its time.

:func:`storyline.analyse.commitments.find_commitments` gives each article's commitments ("suspend some export
restrictions on critical minerals for one year", "a one year pause on some of their most damaging measures");
here the versions of one commitment across the story's articles become one item (:func:`story_commitments`).
Two versions are one commitment (:func:`same_commitment`) when

* both commit to a figure: the figures are about the same thing in the same unit and agree, or are for the same
  time (the figure comparison of :mod:`storyline.compare.reconcile`; figures that differ are then a conflict);
* neither does: the acts are of one kind ("pause": suspend, suspension, pause, truce) and run as long or to the
  same day, or — of any kind — their content words overlap (:data:`SAME_WORDS` of the shorter's).

An item's time is the version whose start the text gives best (a day the clause names, then the date of the act,
then the publication date: "announced after the summit in late October" beats a report dated in November);
versions that give another length or another end are the item's ``conflict`` ("different period: for one year
vs for 90 days"). A figure already reconciled across outlets (:func:`storyline.compare.reconcile.reconcile_figures`)
takes its commitment's time in its own row (:func:`merge_into_figures`) rather than a second row.

Example:
    >>> from storyline.model import Article, DateMention
    >>> text = "China will suspend export restrictions for one year."
    >>> a = Article("a", "a.txt", "", text, published="2025-11-10", dates=[DateMention(43, 51, "one year", "P1Y",
    ...     type="DURATION")])
    >>> [(i["about"], i["period"]) for i in story_commitments([a], {"a": "A"})]
    [('suspend export restrictions for one year', '2025-11-10/2026-11-10')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..analyse.commitments import Commitment, find_commitments
from ..analyse.dates import to_date
from ..analyse.iso_periods import first_day, last_day
from ..model import Article, NumberMention
from .clauses import content_stems
from .reconcile import compare_numbers, normal_unit, same_subject, values_agree

__all__ = [
    "SAME_END_DAYS",
    "SAME_LENGTH",
    "SAME_WORDS",
    "article_commitments",
    "merge_into_figures",
    "same_commitment",
    "story_commitments",
]

#: Share of the shorter act's content words the other must have for two acts of different kinds (or of one kind
#: with different times) to be one commitment: a quarter ("suspend some export restrictions on critical minerals"
#: and "suspension of some Chinese export curbs on critical minerals" share three of five). Chosen by
#: leave-one-story-out cross-validation on the hand-made stories of ``bench/commitments.py`` (the value the other
#: eleven pick, among 0.25 to 0.75; see ``bench/results/commitments.json``).
SAME_WORDS = 0.25
#: How well each source of a start is known, best first.
BEGINS_RANK = {"text": 0, "act": 1, "published": 2, "": 3}


def article_commitments(a: Article) -> list[Commitment]:
    """An article's commitments, from its stored text, dates, figures and statements."""
    return find_commitments(a.text, a.dates, a.numbers, to_date(a.published), a.statements)


def _figure_of(a: Article, c: Commitment) -> NumberMention | None:
    if c.figure_start is None:
        return None
    return next((n for n in a.numbers if n.start == c.figure_start), None)


def _words(c: Commitment) -> frozenset[str]:
    """The act's content words, its time phrase left out."""
    lo, hi = c.time_start - c.start, c.time_end - c.start
    plain = c.text[: max(0, lo)] + " " + c.text[max(0, hi) :] if 0 <= lo < len(c.text) else c.text
    return frozenset(content_stems(plain))


def same_commitment(a: tuple[Article, Commitment], b: tuple[Article, Commitment]) -> bool:
    """Whether two versions are one commitment (see the module docstring)."""
    (art_a, x), (art_b, y) = a, b
    fa, fb = _figure_of(art_a, x), _figure_of(art_b, y)
    if fa is not None and fb is not None:  # two figures: one when they agree, or differ for the same thing and year
        if normal_unit(fa.unit) != normal_unit(fb.unit):
            return False
        if not values_agree(fa, fb):
            return same_subject(fa, fb) and (x.until or "")[:4] == (y.until or "")[:4]
        if same_subject(fa, fb):
            return True
    same_length = bool(x.duration and y.duration and _same_length(x.duration, y.duration))
    same_end = bool(x.until and y.until and _same_end(x.until, y.until))
    if art_a.id == art_b.id and not (same_length or same_end):
        return False  # one article's two times are two commitments ("a four-year programme … by 2026")
    if x.kind and x.kind == y.kind and (same_length or same_end):
        return True
    wa, wb = _words(x), _words(y)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= SAME_WORDS


def _group(found: Sequence[tuple[Article, Commitment]]) -> list[list[tuple[Article, Commitment]]]:
    """Versions joined into commitments: each joins the first group one of whose versions it is the same as."""
    groups: list[list[tuple[Article, Commitment]]] = []
    for v in found:
        home = next((g for g in groups if any(same_commitment(v, w) for w in g)), None)
        if home is None:
            groups.append([v])
        else:
            home.append(v)
    return groups


def _time_words(c: Commitment) -> str:
    return c.time if c.role != "term" else f"{c.time} {c.kind}".strip()


#: Days in each TimeML unit, to compare lengths written in other units ("90 days" and "three months").
_UNIT_DAYS = {"Y": 365.25, "Q": 91.31, "M": 30.44, "W": 7.0, "D": 1.0}
#: Lengths this close are one ("90 days" and "three months": 90 and 91.3 days); "two weeks" and "15 days" differ.
SAME_LENGTH = 0.05


def _days(value: str) -> float | None:
    m = re.match(r"^P(\d+)([YQMWD])$", value)
    return int(m.group(1)) * _UNIT_DAYS[m.group(2)] if m else None


def _same_length(a: str, b: str) -> bool:
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return a == b
    return abs(da - db) <= SAME_LENGTH * max(da, db)


#: Days apart two ends may be and still be one ("until January 2025" and "through 2024").
SAME_END_DAYS = 7


def _same_end(a: str, b: str) -> bool:
    """Ends that may name one day: at different precision ("December" and "the end of the year") or a few days
    apart ("until January 2025" and "through 2024")."""
    if a.startswith(b) or b.startswith(a):
        return True
    try:
        a0, a1 = dt.date.fromisoformat(first_day(a)), dt.date.fromisoformat(last_day(a))
        b0, b1 = dt.date.fromisoformat(first_day(b)), dt.date.fromisoformat(last_day(b))
    except ValueError:
        return False
    return max(a0, b0) - min(a1, b1) <= dt.timedelta(days=SAME_END_DAYS)


def _differs(g: Sequence[tuple[Article, Commitment]], outlet: Mapping[str, str]) -> str | None:
    """Why the versions' times differ: other lengths, or other end days the text itself gives; None when they
    agree (a start only the publication date gives is no difference)."""
    lengths = [c.duration for _, c in g if c.duration]
    ends = [c.until for _, c in g if c.role in ("deadline", "until", "span") and c.until]
    if all(_same_length(x, lengths[0]) for x in lengths) and all(_same_end(x, ends[0]) for x in ends):
        return None
    seen: dict[str, str] = {}
    for a, c in g:
        key = c.duration or c.until or ""
        seen.setdefault(key, f"{_time_words(c)} ({outlet.get(a.id, a.id)})")
    return "different period: " + " vs ".join(seen.values())


def _item(
    g: list[tuple[Article, Commitment]], source_of: Mapping[str, str], outlet: Mapping[str, str]
) -> dict[str, Any]:
    rep_art, rep = min(g, key=lambda v: (BEGINS_RANK.get(v[1].begins_how, 3), -len(_words(v[1]))))
    figure = _figure_of(rep_art, rep)
    why = _differs(g, outlet)
    if why is None and figure is not None:
        whys = [compare_numbers(figure, f, rep_art, a) for a, c in g if (f := _figure_of(a, c)) is not None]
        why = next((w for w in whys if w and w.startswith("different")), None)
    return {
        "kind": "commitment",
        "about": rep.text,
        "act": rep.kind,
        "who": rep.who,
        "unit": normal_unit(figure.unit) if figure is not None else None,
        "time": rep.time,
        "period": rep.period,
        "deadline": rep.deadline,
        "begins": rep.begins,
        "begins_how": rep.begins_how,
        "until": rep.until,
        "status": "conflict" if why else "agree",
        "why": why or "same period",
        "sources": len({source_of.get(a.id, a.id) for a, _ in g}),
        "values": [_value(a, c) for a, c in sorted(g, key=lambda v: v[1] is not rep)],
    }


def _value(a: Article, c: Commitment) -> dict[str, Any]:
    """One version: its act's words cited, its time, and the figure it commits to."""
    n = _figure_of(a, c)
    return {
        "article_id": a.id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "value": n.value if n is not None else None,
        "time": c.time,
        "period": c.period,
        "deadline": c.deadline,
        "begins": c.begins,
        "until": c.until,
        "figure": c.figure,
        "figure_start": c.figure_start,
    }


def story_commitments(
    members: Sequence[Article], source_of: Mapping[str, str], outlet: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The story's commitments, one item per commitment with every version (see the module docstring), in the
    order of their start.

    Args:
        members: the story's articles.
        source_of: article id → independent-source key (copies share their original's).
        outlet: article id → the outlet's name, for saying whose time differs (defaults to the article id).

    Returns:
        ``[{"kind": "commitment", "about", "act", "who", "unit", "time", "period", "deadline", "begins",
        "begins_how", "until", "status": "agree"|"conflict", "why", "sources", "values": [{article_id, start,
        end, text, value, time, period, deadline, begins, until, figure, figure_start}]}]``.
    """
    found = [(a, c) for a in members for c in article_commitments(a)]
    items = [_item(g, source_of, outlet or {}) for g in _group(found)]
    items.sort(key=lambda i: (i["begins"] or i["until"] or "", i["about"]))
    return items


def merge_into_figures(figures: list[dict[str, Any]], items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Commitment items to add to the story's figures: an item whose figures all stand in one reconciled figure
    row gives that row its time (``begins``, ``begins_how``, ``until``, ``act``, ``commitment``: the act's words)
    and is not added again; the others are returned."""
    rest: list[dict[str, Any]] = []
    for item in items:
        spots = {(v["article_id"], v["figure_start"]) for v in item["values"] if v.get("figure_start") is not None}
        row = next(
            (f for f in figures if spots and spots <= {(v["article_id"], v["start"]) for v in f.get("values", [])}),
            None,
        )
        if row is None:
            rest.append(item)
            continue
        row.update({k: item[k] for k in ("begins", "begins_how", "until")})
        row["act"], row["commitment"] = item["act"], item["about"]
        row["period"], row["deadline"] = row.get("period") or item["period"], row.get("deadline") or item["deadline"]
        if item["status"] == "conflict" and row.get("status") != "conflict":
            row["status"], row["why"] = "conflict", item["why"]
    return rest
