"""Number reconciliation: do two outlets' figures for the same thing agree?

"12 million tonnes this year" and "about 12 million metric tons by the end of this year" agree: same
unit once normalised (tonne = metric ton = ton), same subject ("American soybeans"), same time (the
year both time phrases resolve to), values equal within what the approximation markers allow ("about",
"nearly", "more than"). Differing figures for the same subject, unit and time are a conflict, reported
with both values ("different number: 25 vs 20 million tonnes"). A figure for 2026 and one for 2025 are
different things, not a conflict.

Example:
    >>> from storyline.model import NumberMention as N
    >>> a = N(0, 17, "12 million tonnes", 12e6, "tonne", "American soybeans")
    >>> b = N(0, 27, "about 12 million metric tons", 12e6, "tonne", "American soybeans", approx="about")
    >>> compare_numbers(a, b)
    'same figure'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import lexicon
from ..lexicon import stem
from ..model import Article, Cite, NumberMention, Statement
from .align import FAMILY

#: Spellings of a unit, to the one spelling figures are compared in (``lexicon/figures.toml``).
UNITS = {k: str(v) for k, v in lexicon.table("figures.units").items()}
#: The words left out of a figure's subject: the lexicon's one list of function words (``function_words.stop``).
_STOP = lexicon.words("function_words.stop")
_TOKEN = re.compile(r"[a-z0-9]+")
_APPROX = lexicon.words("figures.approximate")
_FLOOR = lexicon.words("figures.floor")
_CEIL = lexicon.words("figures.ceiling")
_COMPARABLE_KINDS = {"money", "percent", "count", "quantity", ""}
_EARLIER = lexicon.words("figures.earlier_state")
#: The times of a figure set at an earlier state: "12 original members" (the word's own time, "?original"), and
#: "from 16 members to 19" (the change's start, "?from"): each another time than the story's, and than each other.
_FROM = "?from"
_CHANGE_FROM = re.compile(r"\bfrom\s+(?:(?:the|an?|its|their)\s+)?$", re.I)
_CHANGE_TO = re.compile(r"^\s+to\s+(?:an?\s+)?(?:\$|€|£)?\d", re.I)


def normal_unit(unit: str | None) -> str:
    """One spelling per unit: ``"metric tons"`` → ``"tonne"``.

    Example:
        >>> normal_unit("metric tons"), normal_unit("USD")
        ('tonne', 'USD')
    """
    u = (unit or "").strip()
    return UNITS.get(u.lower(), u)


def subject_tokens(about: str | None) -> set[str]:
    """Content-word stems of a figure's subject, possessives and plurals folded ("Taiwan’s people" → taiwan, people)."""
    text = (about or "").lower().replace("’s", "").replace("'s", "")
    return {stem(t) for t in _TOKEN.findall(text) if t not in _STOP}


#: Words of a figure itself, never a modifier of what it counts ("two", "dozens", "million", "half a").
_NUMBER_WORDS = (
    lexicon.words("numbers.units")
    | lexicon.words("numbers.tens")
    | frozenset(lexicon.table("numbers.scales"))
    | frozenset(lexicon.table("numbers.vague_scales"))
    | frozenset(w for phrase in lexicon.table("numbers.count_phrases") for w in phrase.split())
)


def counted_modifiers(n: NumberMention) -> frozenset[str]:
    """The stems of the words a count writes between its figure and its counted noun ("two female co-workers" →
    {female}): which set of the noun's things it counts. Empty for other figures."""
    if n.kind != "count" or not n.unit:
        return frozenset()
    unit = {stem(t) for t in _TOKEN.findall(n.unit.lower())}
    hedge = set(_TOKEN.findall((n.approx or "").lower()))
    # the count ends on its counted noun, as written ("people" for the unit "person"): left out
    words = _TOKEN.findall(n.text.lower())[: -len(_TOKEN.findall(n.unit.lower())) or None]
    return frozenset(
        stem(t)
        for t in words
        if not t.isdigit() and t not in _STOP and t not in _NUMBER_WORDS and t not in hedge and stem(t) not in unit
    )


def same_subject(a: NumberMention, b: NumberMention) -> bool:
    """Both figures are about the same thing: their subjects share most content words, and two counts count the same
    set — the modifiers of one are among the other's ("12 people" and "14 injured people" may be one set; "two
    female co-workers" and "three former co-workers" are two, not a conflict)."""
    ta, tb = subject_tokens(a.about), subject_tokens(b.about)
    if not ta or not tb:
        return False
    if len(ta & tb) / min(len(ta), len(tb)) < 0.5:
        return False
    ma, mb = counted_modifiers(a), counted_modifiers(b)
    return ma <= mb or mb <= ma


#: A story's figures' innermost clauses, found once per figure: ``(article id, figure start)`` → clause or None.
Clauses = dict[tuple[str, int], Statement | None]


def innermost(art: Article, n: NumberMention, clauses: Clauses | None = None) -> Statement | None:
    """The innermost stored clause holding the figure, None when none does (kept in ``clauses`` when given: a
    story's figures are compared many times)."""
    key = (art.id, n.start)
    if clauses is not None and key in clauses:
        return clauses[key]
    held = [st for st in art.statements if st.start <= n.start and n.end <= st.end]
    found = min(held, key=lambda st: st.end - st.start) if held else None
    if clauses is not None:
        clauses[key] = found
    return found


def act(art: Article, n: NumberMention, clauses: Clauses | None = None) -> str | None:
    """The predicate of the innermost clause holding the figure, as its word family's head ("killed 49 people" →
    kill); None when no stored clause holds it."""
    st = innermost(art, n, clauses)
    if st is None:
        return None
    p = st.predicate.lower()
    return FAMILY.get(p, p)


def same_act(a: Article, n: NumberMention, b: Article, m: NumberMention, clauses: Clauses | None = None) -> bool:
    """Two counts whose subject is only their counted noun ("49 people", "16 people") count the same thing only in
    clauses of the same act ("the gunman killed 49 people" / "the attack killed 50 people", not "16 people ran in
    the primary"); a figure with a named subject ("American soybeans") or with no stored clause is not held to it.
    Two shares are held to it whatever their subject: a share counts who does something ("46 percent would choose
    Clinton", "Clinton was supported by 42 percent", "52 percent of registered voters agreed", "9 percent of voters
    said the debate changed their minds" are four figures of three polls, no conflict), and only where both acts are
    known."""
    shares = n.kind == m.kind == "percent"
    if not shares and (subject_tokens(n.about) - _unit_stems(n) or subject_tokens(m.about) - _unit_stems(m)):
        return True
    x, y = act(a, n, clauses), act(b, m, clauses)
    if shares:
        return x is not None and x == y  # a share in no stored clause (a quote's words) counts no known act
    return x is None or y is None or x == y


def places(art: Article, n: NumberMention, clauses: Clauses | None = None) -> set[str]:
    """The places the innermost clause holding the figure names ("killed 200 people in Nairobi": nairobi)."""
    st = innermost(art, n, clauses)
    if st is None:
        return set()
    return {m.text.lower() for m in art.mentions if m.label in _PLACE_LABELS and st.start <= m.start < st.end}


def same_place(a: Article, n: NumberMention, b: Article, m: NumberMention, clauses: Clauses | None = None) -> bool:
    """Two figures whose clauses both name places count the same thing only when they share one ("killed 200 in
    Nairobi" and "killed 10 in Dar es Salaam" are two tolls, not a conflict); a clause naming none is not held."""
    x, y = places(a, n, clauses), places(b, m, clauses)
    return not x or not y or bool(x & y)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _unit_stems(n: NumberMention) -> set[str]:
    return {stem(t) for t in _TOKEN.findall((n.unit or "").lower())} | {stem(t) for t in _TOKEN.findall(n.text.lower())}


def earlier_state(n: NumberMention, art: Article | None) -> str | None:
    """The time of a figure for an earlier state than the story's, or None: a word of ``figures.earlier_state``
    among the count's modifiers or just before it ("12 original members", "an original 12 members": "?original"),
    or the figure a change starts from ("from 16 members to 19": "?from")."""
    words = _TOKEN.findall(n.text.lower())
    if art is not None and 0 <= n.start <= len(art.text):
        before = art.text[max(0, n.start - 40) : n.start]
        if _CHANGE_FROM.search(before) and _CHANGE_TO.match(art.text[n.end : n.end + 20]):
            return _FROM
        words = _TOKEN.findall(before.lower())[-2:] + words
    return next((f"?{w}" for w in words if w in _EARLIER), None)


def time_value(n: NumberMention, art: Article | None) -> str | None:
    """The date (as resolved in the article) of a figure's time phrase, truncated to the year; with none, the
    earlier state the figure is written for (:func:`earlier_state`); None if neither."""
    if not n.time:
        return earlier_state(n, art)
    if art is not None:
        phrase = n.time.lower()
        for d in art.dates:
            if d.point and d.text.lower() in phrase and abs(d.start - n.start) < 300:
                return d.point[:4]
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", n.time)
    return m.group(1) if m else f"?{n.time.lower()}"


def values_agree(a: NumberMention, b: NumberMention) -> bool:
    """Equal within what the approximation markers allow (2% for plain figures, 10% for "about")."""
    if a.value is None or b.value is None:
        return False
    x, y = float(a.value), float(b.value)
    if x == y:
        return True
    big = max(abs(x), abs(y)) or 1.0
    markers = {(a.approx or "").lower(), (b.approx or "").lower()}
    if markers & _APPROX:
        return abs(x - y) / big <= 0.10
    ma, mb = (a.approx or "").lower(), (b.approx or "").lower()
    if (ma in _FLOOR and y >= x) or (mb in _FLOOR and x >= y):
        return True
    if (ma in _CEIL and 0.8 * x <= y <= x) or (mb in _CEIL and 0.8 * y <= x <= y):
        return True
    return abs(x - y) / big <= 0.02


def human_value(value: float) -> str:
    """A figure as people write it: ``25000000`` → ``"25 million"``.

    Example:
        >>> human_value(25e6), human_value(1.5e9), human_value(330)
        ('25 million', '1.5 billion', '330')
    """
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            v = value / size
            return f"{v:.3g} {word}"
    return f"{value:.6g}"


def number_label(n: NumberMention) -> str:
    """How a figure is shown in a claim: as written."""
    return n.text


def compare_numbers(
    a: NumberMention,
    b: NumberMention,
    art_a: Article | None = None,
    art_b: Article | None = None,
    aligned: bool = False,
) -> str | None:
    """``"same figure"``, ``"different number: X vs Y unit"`` or None when the two are about different things.

    ``aligned``: the two figures come from statements already aligned as saying the same thing; then a
    figure whose time is not given is taken to be for the same time as the other's.
    """
    if a.value is None or b.value is None or a.kind not in _COMPARABLE_KINDS or b.kind not in _COMPARABLE_KINDS:
        return None
    unit = normal_unit(a.unit)
    if unit != normal_unit(b.unit) or not same_subject(a, b):
        return None
    if values_agree(a, b):
        return "same figure"
    ta, tb = time_value(a, art_a), time_value(b, art_b)
    if ta != tb and not (aligned and (a.time is None or b.time is None)):
        return None  # a figure for another period
    plural = unit + ("s" if unit and unit[-1].isalpha() and unit != "percent" and not unit.isupper() else "")
    return f"different number: {human_value(float(a.value))} vs {human_value(float(b.value))} {plural}".rstrip()


def _later_report(a: Article, n: NumberMention, b: Article, m: NumberMention) -> bool:
    """Two differing figures, neither with a time of its own, from articles published on different days: the later
    report gives the figure as it then stood (a toll that rises, a count revised), not a contradiction."""
    return bool(a.published and b.published and a.published[:10] != b.published[:10] and not n.time and not m.time)


def _same_day_clashes(g: Sequence[tuple[Article, NumberMention]]) -> list[str]:
    """The differences between figures of articles published on one day (outlets that disagree that day)."""
    out = []
    for i, (a, n) in enumerate(g):
        for b, m in g[i + 1 :]:
            if (a.published or "")[:10] == (b.published or "")[:10] and not values_agree(n, m):
                why = compare_numbers(n, m, a, b)
                if why and why.startswith("different"):
                    out.append(why)
    return out


def _update_note(g: Sequence[tuple[Article, NumberMention]]) -> str:
    """How a figure changed between reports: each new value with the day its first report came out."""
    steps: list[tuple[str, NumberMention]] = []
    for a, n in sorted(g, key=lambda x: ((x[0].published or "")[:10], x[1].start)):
        if not steps or not values_agree(steps[-1][1], n):
            steps.append(((a.published or "")[:10], n))
    return "changed between reports: " + " → ".join(f"{_written(float(n.value or 0))} ({day})" for day, n in steps)


def _written(value: float) -> str:
    """A figure with its thousands marked ("1,700"), or as :func:`human_value` writes a large one."""
    return f"{value:,.0f}" if abs(value) < 1e6 and value == int(value) else human_value(value)


def _counts_a_speaker(art: Article, n: NumberMention) -> bool:
    """A number inside a quote's speaker ("according to two people familiar with the matter", "three officials
    said"): it counts who says something, not a figure of the story (set beside "4,000 people will lose their jobs"
    it made a conflict of 2 vs 4000 people)."""
    return any(
        q.speaker_start is not None and q.speaker_end is not None and q.speaker_start <= n.start < q.speaker_end
        for q in art.quotes
    )


def reconcile_figures(articles: Sequence[Article], source_of: dict[str, str]) -> list[dict[str, Any]]:
    """Figures reported by two or more sources, grouped by subject, unit and time; agreeing or in conflict.

    Args:
        articles: the story's articles.
        source_of: article id → independent-source key (copies share their original's).

    Returns:
        ``[{"about", "unit", "time", "status": "agree"|"conflict"|"updated", "why", "values": [{article_id, start,
        end, text, value}]}]``, conflicts first.
    """
    items = [
        (a, n)
        for a in articles
        for n in a.numbers
        if n.value is not None
        and n.kind in _COMPARABLE_KINDS
        and n.about
        and normal_unit(n.unit)
        and not _counts_a_speaker(a, n)
    ]
    groups: list[list[tuple[Article, NumberMention]]] = []
    clauses: Clauses = {}
    for a, n in items:
        for g in groups:
            a0, n0 = g[0]
            if (
                normal_unit(n.unit) == normal_unit(n0.unit)
                and same_subject(n, n0)
                and same_act(a, n, a0, n0, clauses)
                and same_place(a, n, a0, n0, clauses)
                and (time_value(n, a) == time_value(n0, a0) or values_agree(n, n0))
            ):
                g.append((a, n))
                break
        else:
            groups.append([(a, n)])
    out: list[dict[str, Any]] = []
    for g in groups:
        sources = {source_of.get(a.id, a.id) for a, _ in g}
        if len(sources) < 2:
            continue
        a0, n0 = g[0]
        whys = [compare_numbers(n0, n, a0, a) for a, n in g[1:]]
        differ = [(a, n, w) for (a, n), w in zip(g[1:], whys, strict=True) if w and w.startswith("different")]
        conflict = [w for a, n, w in differ if not _later_report(a0, n0, a, n)]
        conflict += [] if conflict or not differ else _same_day_clashes(g)
        updated = _update_note(g) if differ and not conflict else None
        seen: set[tuple[str, int]] = set()
        values = []
        for a, n in g:
            if (a.id, n.start) in seen:
                continue
            seen.add((a.id, n.start))
            values.append({**Cite(a.id, n.start, n.end).to_json(), "text": n.text, "value": n.value})
        out.append(
            {
                "about": n0.about,
                "unit": normal_unit(n0.unit),
                "time": n0.time,
                "period": next((n.period for _, n in g if n.period), None),
                "deadline": next((n.deadline for _, n in g if n.deadline), None),
                "status": "conflict" if conflict else ("updated" if updated else "agree"),
                "why": conflict[0] if conflict else (updated or "same figure"),
                "sources": len(sources),
                "values": values,
            }
        )
    out.sort(key=lambda f: (f["status"] != "conflict", -int(f["sources"])))
    return out
