"""Claims: the facts a story's outlets state, one row per fact, each outlet's cell citing its sentence.

Each article's stored statements (read off the parse at analysis, ``Article.statements``) become units with
the canonical entities, figures and dates found inside them; the learned pair model of :mod:`.align` groups
the units of different outlets that state one fact; each group is compared outlet by outlet — reported,
reported differently (:func:`compare_units`, :mod:`.conflicts`) — and the articles that tell the story in
as much detail without coming near the fact are recorded as leaving it out (``Claim.absent``; the matrix is
:mod:`.matrix`). Syndicated copies (``Article.duplicate_of``) and several articles of one outlet count as one
independent source. Articles stored before statements were kept are split and aligned by :mod:`.clauses`.

Example:
    >>> source_key(Article(id="a", path="a.txt", raw="", source="Reuters"))
    'outlet:reuters'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import lexicon
from ..analyse.role_refs import RoleRef, role_references
from ..config import Config
from ..model import Article, Cite, Claim, DateMention, NumberMention, Statement
from ..outlets import outlet_label, source_label
from ..text import alternation
from . import details
from .align import group, lift, probabilities
from .align import model as align_model
from .cell_check import stated_cells
from .clauses import (
    _CHROME,
    _END,
    ALIGN_THRESHOLD,
    MAX_WORDS,
    _align,
    _figures,
    _trim,
    _words,
    align,
    content_stems,
    has_verb,
    is_statement,
    similarity_matrix,
    split_clauses,
    stem,
)
from .conflicts import other_conflict
from .dedup import outlet_key
from .omission import Vocabulary, omitted
from .quoted import quotes_balanced, whole_quote
from .reconcile import compare_numbers, number_label

#: An article shorter than this share of the reporting articles (median, in statements) is not said to leave
#: a fact out (a set value, not tuned: the gold's articles are of similar length).
DETAIL_SHARE = 0.5
MIN_STATEMENT_WORDS = 4
MAX_UNITS_PER_ARTICLE = 120
#: Whether a statement's participants include the people its role phrases stand for ("the Chinese leader" for
#: Xi, :mod:`storyline.analyse.role_refs`; measured in bench/compare.py, ``--no-role-references``).
ROLE_REFERENCES = True
_MONTH_OR_DAY = re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?:T|$)")


@dataclass(slots=True)
class Unit:
    """One statement of one article: offsets into its cleaned text and what the article found inside."""

    article: Article
    start: int
    end: int
    source: str  # independent-source key: copies and articles of one outlet share it
    rank: int  # sentence number in the article (the lead is 0)
    entities: frozenset[str] = frozenset()
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    lemmas: tuple[str, ...] = ()
    predicate: str = ""
    predicates: tuple[str, ...] = ()  # every clause's predicate, for a unit that is a whole sentence
    negated: bool = False
    subject: str | None = None
    object: str | None = None  # the main clause's object or complement ("… against fascism"), as parsed
    said_by: str | None = None
    heading: bool = False  # a headline or cut-off line: counts against "not reported", never joins a row
    references: tuple[RoleRef, ...] = ()  # its role phrases read as people ("the Chinese leader"), each cited

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def sentence_key(self) -> tuple[str, int]:
        return (self.article.id, self.rank)

    def figure_set(self) -> set[tuple[str, float]]:
        return _figures(self)

    def day_set(self) -> set[str]:
        """The calendar months and days the statement places something at (a year alone is too coarse to say
        two statements report one thing; durations, sets and "now" place nothing)."""
        return {d.value[:10] for d in self.dates if d.value and _MONTH_OR_DAY.match(d.value)}

    @property
    def cite(self) -> Cite:
        return Cite(self.article.id, self.start, self.end)


def source_key(a: Article, by_id: dict[str, Article] | None = None) -> str:
    """The independent source an article counts as: a copy counts as its original; one outlet counts once."""
    if a.duplicate_of and by_id and a.duplicate_of in by_id:
        a = by_id[a.duplicate_of]
    elif a.duplicate_of:
        return f"article:{a.duplicate_of}"
    return outlet_key(a)


def article_units(a: Article, source: str, granularity: str | None = None) -> list[Unit]:
    """The statements of one article, in reading order: its stored statements (read off the parse at
    analysis), or — for an article analysed before statements were kept — clauses split by punctuation."""
    refs = role_references(a.text, a.mentions) if ROLE_REFERENCES else []
    if a.statements:
        return _statement_units(a, source, granularity, refs)
    sentences = [(s.start, s.end) for s in a.sentences] or [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", a.text)
    ]
    units: list[Unit] = []
    for rank, (ss, se) in enumerate(sentences):
        sent = a.text[ss:se]
        if not _END.search(sent.rstrip()):  # headings, table cells, cut-off lines
            continue
        for cs, ce in split_clauses(sent):
            s, e = ss + cs, ss + ce
            if not is_statement(a.text[s:e]):
                continue
            units.append(_unit(a, s, e, source, rank, refs))
        if len(units) >= MAX_UNITS_PER_ARTICLE:
            break
    return units


def _unit(a: Article, s: int, e: int, source: str, rank: int, refs: Sequence[RoleRef] = (), **parse: Any) -> Unit:
    """A unit over ``a.text[s:e]`` with the entities, figures and dates the article found inside it; the people
    its role phrases stand for (``refs``: "the Chinese leader") are among its entities."""
    inside = tuple(r for r in refs if s <= r.start < e)
    return Unit(
        article=a,
        start=s,
        end=e,
        source=source,
        rank=rank,
        entities=frozenset(m.entity_id for m in a.mentions if m.entity_id and s <= m.start < e)
        | {r.entity_id for r in inside if r.entity_id},
        references=inside,
        numbers=[n for n in a.numbers if s <= n.start < e and n.value is not None],
        dates=[d for d in a.dates if s <= d.start < e and d.value],
        **parse,
    )


def _statement_units(
    a: Article, source: str, granularity: str | None = None, refs: Sequence[RoleRef] = ()
) -> list[Unit]:
    """Units from the stored statements: one per clause, or one per sentence (its clauses' lemmas and
    predicates pooled, the main clause's subject) — ``granularity`` ``"clause"`` or ``"sentence"``, by default
    the one the alignment model was fitted with (``align.json``: ``"units"``)."""
    by_sentence: dict[int, list[Statement]] = defaultdict(list)
    for st in a.statements:
        by_sentence[st.sentence].append(st)
    per_sentence = (granularity or align_model().get("units")) == "sentence"
    groups = [clauses for _, clauses in sorted(by_sentence.items())] if per_sentence else [[st] for st in a.statements]
    units: list[Unit] = []
    for clauses in groups:
        k = clauses[0].sentence
        if k >= len(a.sentences):
            continue
        sent = a.sentences[k]
        whole = a.text[sent.start : sent.end]
        if whole.rstrip().endswith("?") or _CHROME.search(whole):
            continue  # questions, chrome
        main = next((st for st in clauses if st.subject is not None), clauses[0])
        s, e = _trim(a.text, sent.start, sent.end) if per_sentence else (main.start, main.end)
        if not MIN_STATEMENT_WORDS <= len(_words(a.text[s:e])) <= MAX_WORDS:
            continue
        units.append(
            _unit(
                a,
                s,
                e,
                source,
                k,
                refs,
                lemmas=tuple(x for st in clauses for x in st.lemmas),
                predicate=main.predicate,
                predicates=tuple(dict.fromkeys([main.predicate, *(st.predicate for st in clauses)])),
                negated=main.negated,
                subject=main.subject,
                object=main.object,
                said_by=main.said_by,
                heading=not _END.search(whole.rstrip()),  # a headline or cut-off line: never a row, but it says things
            )
        )
        if len(units) >= MAX_UNITS_PER_ARTICLE:
            break
    return units


def story_units(articles: Sequence[Article], granularity: str | None = None) -> list[Unit]:
    """Every statement of every article of a story (``granularity``: see :func:`article_units`)."""
    by_id = {a.id: a for a in articles}
    out: list[Unit] = []
    for a in articles:
        out += article_units(a, source_key(a, by_id), granularity)
    return out


# ---------------------------------------------------------------------------------------- alignment


# ---------------------------------------------------------------------------------------- comparing


#: How a date was resolved (``DateMention.how``) when the article writes its day out.
WRITTEN_DAYS = frozenset({"absolute", "month-day"})


def _date_conflict(a: Unit, b: Unit) -> str | None:
    """Different days for what two aligned statements report (neither date contains the other).

    Only days the articles write out ("March 4", "4 March 2025") count: a weekday or "yesterday" is resolved
    by us against an anchor that may be wrong, and a conflict must be one an outlet made, not one we made.
    """
    da, db = _written_days(a), _written_days(b)
    if not da or not db or da & db:
        return None
    if len(da) == 1 and len(db) == 1:
        x, y = next(iter(da)), next(iter(db))
        if "X" in x + y:  # a day with no year beside one with a year: only the month and day can differ
            x, y = x[5:], y[5:]
            if x == y:
                return None
        return f"different date: {x} vs {y}"
    return None


def _written_days(u: Unit) -> set[str]:
    """The days ``u`` writes out: ISO dates, or ``XXXX-MM-DD`` for a month and day in an article with no year
    to place them in ("March 4" in an undated article)."""
    out = {d.point for d in u.dates if d.point and len(d.point) == 10 and d.how in WRITTEN_DAYS}
    return out | {d.value for d in u.dates if d.value and d.how == "needs-year" and len(d.value) == len("XXXX-03-04")}


def compare_units(base: Unit, other: Unit) -> str | None:
    """Why ``other`` reports ``base``'s statement differently, or None when it does not contradict it.

    A figure differs only when no figure of the other statement agrees with it ("14 rifles in all" beside
    "6 rifles" is two figures, not a conflict, when the other also says 14)."""
    verdicts = [
        v
        for n in base.numbers
        for m in other.numbers
        if (v := compare_numbers(n, m, base.article, other.article, aligned=True)) is not None
    ]
    if verdicts and "same figure" not in verdicts:
        return verdicts[0]
    if verdicts:
        return None
    return _date_conflict(base, other) or other_conflict(base, other)


_PRONOUN_OPENING = re.compile(rf"^{alternation(lexicon.ordered('clauses.pronoun_openers'))}\b", re.IGNORECASE)


def opens_with_pronoun(text: str) -> bool:
    """True when ``text`` opens with a pronoun ("He has accepted …")."""
    return bool(_PRONOUN_OPENING.match(text.lstrip("“\"‘' ")))


def _central(units: Sequence[Unit], members: Sequence[int], sim: np.ndarray) -> int:
    """The member most like the others (ties: the earliest in its article, then the shortest)."""
    if len(members) == 1:
        return members[0]
    return max(
        members,
        key=lambda k: (
            not opens_with_pronoun(units[k].text),  # "He has accepted …" reads badly out of its article
            round(float(np.mean([sim[k, j] for j in members if j != k])), 3),
            -units[k].rank,
            -len(units[k].text),
        ),
    )


def build_claims(
    story_id: str,
    articles: Sequence[Article],
    threshold: float | None = None,
    units: Sequence[Unit] | None = None,
    *,
    prob: np.ndarray | None = None,
    omission_below: float | None = None,
    complement: float | None = None,
    duplicate: float | None = None,
    near_shown: float | None = None,
    lift_below: float | None = None,
    clause_threshold: float | None = None,
    clauses: Sequence[Unit] | None = None,
    clause_prob: np.ndarray | None = None,
    cell_bar: float | None = None,
    omission_weights: Sequence[float] | None = None,
    omission_bar: float | None = None,
) -> list[Claim]:
    """The claims of a story: aligned statements with their support and conflicts, most corroborated first.

    Only statements reported by two or more independent sources, or reported differently, become claims
    (a story's single-source statements are its articles). Statements read off the parse are aligned by
    the learned pair model (:mod:`.align`); older stored articles without statements by word similarity.
    A row whose statements come near a better-supported row's (``duplicate``, ``align.json``) is left out as
    its echo: one fact is one row. ``threshold``, ``omission_below``, ``complement`` and ``duplicate`` are
    the fitted ones when None (``align.json``; ``compare.*`` in the configuration); an "unclear" cell points to
    its article's closest passage when the model gives it at least ``near_shown`` (``compare.near_shown``: a
    passage far below it would only mislead). ``prob`` (pair probabilities for ``units``) lets a benchmark try
    settings without recomputing features. Pairs from ``lift_below`` up to the threshold that name one
    participant and share a rare word join as if at the threshold (:func:`.align.lift`; ``align.json``).
    The clauses the sentence rows leave unused form rows of their own at ``clause_threshold`` (a sentence's
    second fact, :mod:`.clause_rows`; ``align.json``, none when it is absent or above 1); ``clauses`` and
    ``clause_prob`` (the story's clause units and their pair probabilities) let a benchmark pass them in. An
    article a sentence row leaves "unclear" is shown reporting it when its sentence nearest the row reaches
    ``cell_bar`` and states the row's core (:mod:`.cell_check`; ``align.json``, none when absent or above 1).
    An article still "unclear" is shown leaving the fact out when the omission model (``omission_weights``) gives
    it at least ``omission_bar`` (:mod:`.omission`; ``align.json`` ``omission``, none when absent or above 1).
    A member from another article that says only part of the row's wording (a figure of it left out, or "he" for
    the subject it names: :mod:`.details`) is shown "unclear", pointing to its sentence; an article that gives
    words of a speaker of the row's statements is never shown leaving the row out (:data:`SAME_SPEAKER_UNCLEAR`).
    """
    units = list(units) if units is not None else story_units(articles)
    if not units:
        return []
    learned = all(u.article.statements for u in units)
    if learned:
        params = align_model()
        thr = float(params["threshold"]) if threshold is None else threshold
        below = float(params["omission_below"]) if omission_below is None else omission_below
        near = probabilities(units) if prob is None else prob
        low = params.get("lift_below") if lift_below is None else lift_below
        if low is not None and low < thr:  # pairs under the threshold that share a rare detail (align.lift)
            near = lift(near, units, float(low), thr)
        # The rows are made with the heading statements' pairs at zero, the gaps with them as they are: one
        # matrix (200 MB for a story of 5,000 statements), its heading rows and columns put back in between.
        heads = [i for i, u in enumerate(units) if u.heading]
        kept = near[heads, :].copy(), near[:, heads].copy()
        try:
            near[heads, :] = 0.0
            near[:, heads] = 0.0
            groups = group(units, near, thr, complement if complement is not None else params.get("complement"))
            claims = _rows(story_id, units, groups, near, thr, learned)
        finally:
            near[heads, :], near[:, heads] = kept
        shown = Config().compare_near_shown if near_shown is None else near_shown
        cell = params.get("cell_bar") if cell_bar is None else cell_bar
        taken = _held(units, claims)
        fitted = params.get("omission") or {}
        o_w = fitted.get("weights") if omission_weights is None else omission_weights
        o_bar = fitted.get("bar") if omission_bar is None else omission_bar
        omission = (list(o_w), float(o_bar)) if o_w and o_bar is not None and o_bar <= 1.0 else None
        vocab = {a.id: Vocabulary.of(a) for a in articles} if omission else {}
        for _, claim, members in claims:
            heard = _speakers_heard(units, members)
            claim.absent = _absent(units, members, near, articles, below)
            claim.near = _nearest(units, members, near, set(claim.absent), max(below, shown))
            if cell is not None and cell <= 1.0:
                _stated(claim, units, members, near, articles, float(cell), taken)
            if omission and (gone := set(omitted(claim, units, members, near, articles, vocab, *omission)) - heard):
                claim.absent = sorted([*claim.absent, *gone])
                claim.near = [c for c in claim.near if c.article_id not in gone]
            _partial(claim, units, members, near, thr, taken)
    else:  # a store analysed before statements were kept: word similarity at its own bar (``threshold`` and
        # ``compare.align_threshold`` are the pair model's probabilities, another scale)
        thr = ALIGN_THRESHOLD
        sim = similarity_matrix(units)
        claims = _rows(story_id, units, _align(units, sim, thr), sim, thr, learned)
    claims.sort(key=lambda t: t[0])
    if learned:
        dup = float(params.get("duplicate", 2.0)) if duplicate is None else duplicate
        claims = _drop_echoes(claims, near, dup)
        second = params.get("clause_threshold") if clause_threshold is None else clause_threshold
        if second is not None and second <= 1.0:
            claims = sorted(
                claims + _second_facts(story_id, articles, units, claims, float(second), below, shown, dup, clauses,
                                       clause_prob, near),
                key=lambda t: t[0],
            )  # fmt: skip
    out = [c for _, c, _ in claims]
    for i, c in enumerate(out, 1):
        c.id = f"{story_id}-c{i}"
    return out


def _held(units: Sequence[Unit], rows: Sequence[tuple[Any, Claim, list[int]]]) -> set[int]:
    """The sentences a row holds for the cell check (:func:`_stated`): the members of rows that compare
    articles. A row of one article's sentences ("Trump says he will visit Beijing in April …, although
    Beijing's statement did not mention date" beside that article's other sentence on the dates) compares no
    outlets, so it does not keep its sentence from the row of the fact that sentence states."""
    return {k for _, _, members in rows if len({units[i].article.id for i in members}) > 1 for k in members}


def _stated(
    claim: Claim,
    units: Sequence[Unit],
    members: Sequence[int],
    prob: np.ndarray,
    articles: Sequence[Article],
    bar: float,
    taken: set[int],
) -> None:
    """``claim`` with the articles whose sentence states its core (:func:`.cell_check.stated_cells`) reporting it;
    a sentence of another row (``taken``) is that row's."""
    inside = {units[k].article.id for k in members}
    left = {a.id for a in articles} - inside - set(claim.absent or ())
    found = [units[i] for i in stated_cells(units, members, prob, left, bar, taken)]
    if not found:
        return
    claim.support += [u.cite for u in found]
    claim.versions += [{**u.cite.to_json(), "text": u.text, "status": "reported"} for u in found]
    claim.near = [c for c in claim.near if c.article_id not in {u.article.id for u in found}]
    cited = {(c.article_id, c.start) for c in claim.support}
    claim.sources = len({u.source for u in units if (u.article.id, u.start) in cited})


def _partial(
    claim: Claim,
    units: Sequence[Unit],
    members: Sequence[int],
    prob: np.ndarray | None = None,
    threshold: float = 1.0,
    taken: Collection[int] = (),
) -> None:
    """``claim`` with the members of other articles that say only part of its wording's statement
    (:func:`.details.says_part`: a figure of it left out, or "he" for the subject it names) moved from its support
    to its near passages: their cells are "unclear", not ✓ (none when ``details.ENABLED`` is off). Such an
    article is still shown reporting the row when another sentence of it says the whole (:func:`_whole`)."""
    if not details.ENABLED or not claim.support:
        return
    at = {(units[k].article.id, units[k].start): units[k] for k in members}
    base = at.get((claim.support[0].article_id, claim.support[0].start))
    if base is None:
        return
    part = [
        c
        for c in claim.support[1:]
        if c.article_id != base.article.id
        and (u := at.get((c.article_id, c.start))) is not None
        and details.says_part(base, u, opens_with_pronoun)
    ]
    if not part:
        return
    gone = {(c.article_id, c.start) for c in part}
    claim.support = [c for c in claim.support if (c.article_id, c.start) not in gone]
    claim.versions = [v for v in claim.versions if (v.get("article_id"), v.get("start")) not in gone]
    shown = {c.article_id for c in claim.support}
    if prob is not None:
        whole = _whole(units, members, gone, base, {c.article_id for c in part} - shown, prob, threshold, taken)
        claim.support += [u.cite for u in whole]
        claim.versions += [{**u.cite.to_json(), "text": u.text, "status": "reported"} for u in whole]
        shown |= {u.article.id for u in whole}
    near = [c for c in [*claim.near, *part] if c.article_id not in shown]
    claim.near = sorted(near, key=lambda c: (c.article_id, c.start))
    kept = {(c.article_id, c.start) for c in claim.support}
    claim.sources = len({u.source for u in units if (u.article.id, u.start) in kept})


def _whole(
    units: Sequence[Unit],
    members: Sequence[int],
    gone: Collection[tuple[str, int]],
    base: Unit,
    left: Collection[str],
    prob: np.ndarray,
    threshold: float,
    taken: Collection[int],
) -> list[Unit]:
    """For each article in ``left`` (its member said only part of the row), its sentence that says the whole:
    one that joins the row's other members at the row's own bar (mean pair probability at ``threshold``), that
    another comparing row does not hold (``taken``) and that the part check passes ("He has accepted an
    invitation …" left out, "Trump says he will visit Beijing in April 2026 …" of the same article taken)."""
    rest = [k for k in members if (units[k].article.id, units[k].start) not in gone]
    if not rest:
        return []
    whole = stated_cells(
        units, rest, prob, left, threshold, taken, states=lambda u: not details.says_part(base, u, opens_with_pronoun)
    )
    return [units[i] for i in whole]


def _second_facts(
    story_id: str,
    articles: Sequence[Article],
    units: Sequence[Unit],
    rows: list[tuple[tuple[float, ...], Claim, list[int]]],
    threshold: float,
    below: float,
    shown: float,
    duplicate: float,
    clauses: Sequence[Unit] | None,
    prob: np.ndarray | None,
    near: np.ndarray,
) -> list[tuple[tuple[float, ...], Claim, list[int]]]:
    """The rows of the clauses the sentence rows leave unused (:mod:`.clause_rows`)."""
    from .clause_rows import MAX_CLAUSES, clause_rows  # noqa: PLC0415 - clause_rows imports this module

    if clauses is None:
        by_id = {a.id: a for a in articles}
        clauses = [c for a in articles for c in article_units(a, source_key(a, by_id), "clause")]
    if not 1 < len(clauses) <= MAX_CLAUSES:  # a row needs two statements; past the most, the pass is skipped
        return []
    prob = probabilities(clauses) if prob is None else prob
    return clause_rows(story_id, units, rows, clauses, prob, near, (threshold, duplicate, max(below, shown)))


def _rows(
    story_id: str, units: Sequence[Unit], groups: list[list[int]], sim: np.ndarray, thr: float, learned: bool
) -> list[tuple[tuple[float, ...], Claim, list[int]]]:
    """A claim for each aligned group that two or more sources report, with its sort key and members
    (``learned``: aligned by the pair model; one statement per article, the weakest members dropped)."""
    claims: list[tuple[tuple[float, ...], Claim, list[int]]] = []
    for members in groups:
        members = sorted(members, key=lambda k: (units[k].article.id, units[k].start))
        sources = {units[k].source for k in members}
        if len(sources) < 2:
            continue
        rep_k = _central(units, members, sim)
        rep = units[rep_k]
        if learned:
            members = _confident(_one_per_article(units, members, sim, rep_k), sim, thr)
            if len({units[k].source for k in members}) < 2:
                continue
            rep_k = _central(units, members, sim)
            rep = units[rep_k]
        claim = _claim(story_id, units, members, rep, sim[rep_k] if learned else None, thr)
        claims.append(((-len(sources), float(min(units[k].rank for k in members)), rep.start), claim, members))
    return claims


def _drop_echoes(
    claims: list[tuple[tuple[float, ...], Claim, list[int]]], prob: np.ndarray, duplicate: float
) -> list[tuple[tuple[float, ...], Claim, list[int]]]:
    """Leave out a row that echoes a better-supported row kept before it (the mean pair probability between
    their statements reaches ``duplicate``): one fact worded two ways too far apart to join would show as
    two rows, each with the other's outlets as gaps; when unsure whether it is the same fact, the weaker row
    is left out rather than shown twice."""
    kept: list[tuple[tuple[float, ...], Claim, list[int]]] = []
    for item in claims:
        if any(float(prob[np.ix_(item[2], k[2])].mean()) >= duplicate for k in kept):
            continue
        kept.append(item)
    return kept


def _one_per_article(units: Sequence[Unit], members: Sequence[int], sim: np.ndarray, rep_k: int) -> list[int]:
    """Each article's one statement of the fact: the one most like the row's statements from other articles
    (a cell cites the sentence that states the fact; a second sentence of the same article that only comes
    near it would make the cell uncheckable)."""
    best: dict[str, tuple[int, float]] = {}
    for k in members:
        a = units[k].article.id
        others = [j for j in members if units[j].article.id != a]
        score = 2.0 if k == rep_k else (float(sim[k, others].mean()) if others else 0.0)
        if a not in best or score > best[a][1]:
            best[a] = (k, score)
    return sorted(k for k, _ in best.values())


def _confident(members: list[int], sim: np.ndarray, threshold: float) -> list[int]:
    """Drop, weakest first, the statements whose mean probability with the rest of the row is under
    ``threshold``: average linkage lets a row keep a member that only comes near it, and its cell would be a
    ✓ nobody can check."""
    members = list(members)
    while len(members) > 2:
        means = [float(np.mean([sim[k, j] for j in members if j != k])) for k in members]
        worst = int(np.argmin(means))
        if means[worst] >= threshold:
            break
        members.pop(worst)
    return members


def _claim(
    story_id: str,
    units: Sequence[Unit],
    members: Sequence[int],
    rep: Unit,
    rep_prob: np.ndarray | None = None,
    threshold: float = 0.0,
) -> Claim:
    support: list[Cite] = []
    conflicts: list[dict[str, object]] = []
    versions: list[dict[str, object]] = []
    agreeing: list[Unit] = []  # versions that agree with the row's wording, in the row's order
    for k in sorted(members, key=lambda k: (units[k].article.id != rep.article.id, units[k].article.id, units[k].rank)):
        u = units[k]
        close = rep_prob is None or rep_prob[k] >= threshold  # a conflict only between two that surely align
        why = None if u.article.id == rep.article.id or not close else compare_units(rep, u)
        if why is None and close:
            # what the row's wording does not say (no speaker named beside the quote, no clock time) the first
            # agreeing version that says it does: "A.J. Smith said" there, "A.J. Butler said" here
            why = next((w for v in agreeing if v.article.id != u.article.id and (w := other_conflict(v, u))), None)
        if why:
            conflicts.append({**u.cite.to_json(), "why": why})
        else:
            support.append(u.cite)
            agreeing.append(u)
        versions.append({**u.cite.to_json(), "text": u.text, "status": "differently" if why else "reported"})
    supporting = {(c.article_id, c.start) for c in support}
    n_sources = len({units[k].source for k in members if (units[k].article.id, units[k].start) in supporting})
    return Claim(
        id="",
        story_id=story_id,
        text=_display_text(rep, [units[k] for k in members if units[k] is not rep]),
        support=support,
        conflicts=conflicts,
        kind="fact",
        sources=n_sources,
        entities=sorted({e for k in members for e in units[k].entities}),
        numbers=[number_label(n) for n in rep.numbers],
        dates=sorted({d.point for d in rep.dates if d.point}),
        versions=versions,
    )


def _display_text(u: Unit, others: Sequence[Unit] = ()) -> str:
    """The row's wording: the clause when it stands alone (a subject of its own), else its sentence. A unit
    that is a whole sentence of several clauses is worded by the clause the other outlets' statements share
    most with ("…, while Beijing pledged to buy soybeans" when the others only speak of soybeans)."""
    clause = _shared_clause(u, others)
    if clause is not None and not opens_with_pronoun(clause.text):
        return clause.text[:1].upper() + clause.text[1:]
    text = u.text
    sent = u.article.sentences[u.rank] if u.rank < len(u.article.sentences) else None
    if sent is not None and (u.subject is None or opens_with_pronoun(text) or text[:1].islower()):
        text = u.article.text[sent.start : sent.end]
    if sent is not None and not quotes_balanced(text):
        # a piece of a quotation of several sentences ("I want to get out,” Adgate said.): the whole quotation
        whole = whole_quote(u.article, (sent.start, sent.end))
        if whole is not None:
            text = u.article.text[whole[0] : whole[1]]
    return text[:1].upper() + text[1:]


def _shared_clause(u: Unit, others: Sequence[Unit]) -> Unit | None:
    """The clause of ``u``'s sentence that holds most of what ``others`` say, when the sentence has several
    clauses and that clause stands alone (a subject of its own, six words or more, not someone's reported
    words, which would read as the outlet's own statement without the speaker); else None."""
    clauses = [st for st in u.article.statements if st.sentence == u.rank]
    if len(clauses) < 2 or not others:
        return None
    theirs = {x for o in others for x in o.lemmas}
    scored = sorted(clauses, key=lambda st: -len(set(st.lemmas) & theirs) / max(len(set(st.lemmas)), 1))
    best, runner = scored[0], scored[1]
    if len(set(best.lemmas) & theirs) / max(len(set(best.lemmas)), 1) <= len(set(runner.lemmas) & theirs) / max(
        len(set(runner.lemmas)), 1
    ):
        return None  # the sentence's clauses are equally shared: the row is the whole sentence
    if best.subject is None or _reported(u.article, best) or len(_words(u.article.text[best.start : best.end])) < 6:
        return None  # no subject, or reported speech: "Taiwan is a fully sovereign state" is what Cho asserted
    return Unit(u.article, best.start, best.end, u.source, u.rank, subject=best.subject)


def _reported(a: Article, st: Statement) -> bool:
    """Whether the clause is someone's words: reported speech by the parse, or inside a quote the article
    attributes (direct or indirect)."""
    mid = (st.start + st.end) // 2
    return bool(st.said_by) or any(q.start <= mid < q.end for q in a.quotes)


def _nearest(
    units: Sequence[Unit], members: Sequence[int], prob: np.ndarray, absent: set[str], bar: float
) -> list[Cite]:
    """For each article neither in the row nor shown leaving it out, its statement closest to the row (mean
    probability over the row's members at least ``bar``): the passage its "unclear" cell points to."""
    inside = {units[k].article.id for k in members}
    best: dict[str, tuple[float, int]] = {}
    mean = prob[:, list(members)].mean(axis=1)
    for i, u in enumerate(units):
        a = u.article.id
        if a in inside or a in absent:
            continue
        m = float(mean[i])
        if m >= bar and (a not in best or m > best[a][0]):
            best[a] = (m, i)
    return [units[i].cite for _, i in sorted(best.values(), key=lambda t: (units[t[1]].article.id, units[t[1]].start))]


def _absent(
    units: Sequence[Unit], members: Sequence[int], prob: np.ndarray, articles: Sequence[Article], below: float
) -> list[str]:
    """Articles shown "not reported": they tell the story at the row's level of detail (at least
    :data:`DETAIL_SHARE` as many statements as the reporting articles' median) and none of their statements
    comes near the row (mean probability over the row's members under ``below``). Any other article is left
    "unclear": a brief cannot be faulted for leaving a detail out, and a passage close to the fact may say it
    in words the model cannot match — a wrong "not reported" is a claim against the outlet."""
    inside = {units[k].article.id for k in members}
    near: dict[str, float] = defaultdict(float)
    size: dict[str, int] = defaultdict(int)
    mean = prob[:, list(members)].mean(axis=1)
    for i, u in enumerate(units):
        size[u.article.id] += 1
        if u.article.id in inside:
            continue
        near[u.article.id] = max(near[u.article.id], float(mean[i]))
    detail = DETAIL_SHARE * float(np.median([size[a] for a in inside]))
    heard = _speakers_heard(units, members)
    return sorted(
        a.id
        for a in articles
        if a.id not in inside and near.get(a.id, 0.0) < below and size[a.id] >= detail and a.id not in heard
    )


#: An article that gives words of a speaker the row's statements are said by is not shown leaving the row out
#: (its cell stays "unclear"): it may tell what that speaker said in its own words.
SAME_SPEAKER_UNCLEAR = True


def _speakers_heard(units: Sequence[Unit], members: Sequence[int]) -> set[str]:
    """The articles with a statement said by one of the people the row's statements are said by (:func:`_person`:
    matched on the last word of the name, "Inspector Dave Gaskin" and "Gaskin"); none when
    :data:`SAME_SPEAKER_UNCLEAR` is off."""
    if not SAME_SPEAKER_UNCLEAR:
        return set()
    names = {n for k in members if (n := _person(units[k]))}
    if not names:
        return set()
    return {u.article.id for u in units if _person(u) in names}


def _person(u: Unit) -> str:
    """The last word of the name of the person the statement is said by, lower case; "" when it is said by no
    one, or by someone the article names as no person ("he", "police", "the ministry")."""
    words = re.findall(r"[\w'’-]+", u.said_by or "")
    if not words:
        return ""
    last = words[-1].lower()
    named = any(m.label == "PERSON" and last in m.text.lower().split() for m in u.article.mentions)
    return last if named else ""


__all__ = [
    "ALIGN_THRESHOLD",
    "Unit",
    "align",
    "article_units",
    "build_claims",
    "compare_units",
    "content_stems",
    "has_verb",
    "is_statement",
    "outlet_label",
    "similarity_matrix",
    "source_key",
    "source_label",
    "split_clauses",
    "stem",
    "story_units",
]
