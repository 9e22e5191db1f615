"""The second facts of sentences: rows made of clauses that the sentence rows left unused.

A sentence often states two facts ("Xi called Taiwan's return part of the post-war order, arguing that China
and the United States once fought side by side against fascism"), and a statement unit that is a whole
sentence joins one row only: the fact its sentence shares with other outlets most. Of the 152 facts the gold
stories' outlets state twice or more, 54 are stated in a sentence of their own by one outlet at most
(``bench/data/compare``), so a row of sentences could hardly reach them.

After the sentence rows are made, the clause each member sentence rests on in its row (the one most like the
other members' clauses) is set aside. The other clauses of sentences of several that can be read alone (a
subject of their own that is no pronoun, an object or complement, six words or more) are aligned by the same
pair model at their own bar (``clause_threshold``, chosen with stories held out; ``align.json``), and a group
of two or more sources is a row unless it restates a sentence row: its clauses come near the clauses that row
rests on, its sentences are all that row's own, or its sentences of outlets the row does not cite come near
the row's sentences (each at the echo bar). Its cells cite the clauses; none is "not reported" (an outlet may
state the fact in the clause its sentence row rests on), and an outlet outside it is "unclear", with its
nearest clause when that is near enough to show.

Example:
    >>> used_clauses([], np.zeros((0, 0)))
    set()
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .. import lexicon
from .align import group

if TYPE_CHECKING:
    from ..model import Claim
    from .claims import Unit

Row = tuple[tuple[float, ...], "Claim", list[int]]
#: Fewest words a clause row's clause has (a set value, as for a row worded by one clause in ``claims``).
MIN_WORDS = 6
#: Most clauses a story's second pass aligns: beyond it the pass is skipped (its pair matrix, 200 MB at 5,000
#: clauses, is the size the sentence rows' own reaches at 5,000 statements; the gold stories hold 150-700).
MAX_CLAUSES = 5000
#: Subjects that stand for something outside the clause ("which he said was shaped …", "he", "this").
LEANING = lexicon.words("clauses.pronouns") | lexicon.words("clauses.relative_pronouns")


def clause_index(clauses: Sequence[Unit]) -> dict[tuple[str, int], list[int]]:
    """The clause units of each sentence (its ``sentence_key``), in order."""
    out: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, c in enumerate(clauses):
        out[c.sentence_key].append(i)
    return out


def used_clauses(members: Sequence[Sequence[Sequence[int]]], prob: np.ndarray) -> set[int]:
    """The clauses the sentence rows rest on: for each row (``members``: its sentences' clause indices, one
    list per sentence), each sentence's clause with the highest probability with a clause of another of the
    row's sentences."""
    used: set[int] = set()
    for row in members:
        for k, own in enumerate(row):
            others = [c for j, cl in enumerate(row) if j != k for c in cl]
            if not own:
                continue
            if not others:
                used.add(own[0])
                continue
            used.add(max(own, key=lambda c: float(prob[c, others].max())))
    return used


def stands_alone(c: Unit) -> bool:
    """Whether a clause states a fact a reader can check alone: a subject of its own that is no pronoun, an
    object or complement ("Takaichi signalled" holds none: what she signalled is a clause of its own), and at
    least :data:`MIN_WORDS` words."""
    subj = (c.subject or "").strip().lower()
    return bool(subj) and subj not in LEANING and c.object is not None and len(c.text.split()) >= MIN_WORDS


def _echoes(own: Sequence[int], row: Sequence[int], units: Sequence[Unit], near: np.ndarray, duplicate: float) -> bool:
    """Whether the sentences ``own`` come as near the sentence row ``row`` as an echo: their mean probability
    with its sentences of other articles reaches ``duplicate``. Only the sentences of articles the row does
    not cite count: an article it cites states the row's fact in the sentence cited, and another of its
    sentences near the row states that fact beside the clause's own."""
    cited = {units[k].article.id for k in row}
    pairs = [
        near[i, j]
        for i in own
        if units[i].article.id not in cited
        for j in row
        if units[i].article.id != units[j].article.id
    ]
    return bool(pairs) and float(np.mean(pairs)) >= duplicate


def _restates(
    members: Sequence[int],
    rows: Sequence[Row],
    rests: Sequence[Sequence[int]],
    clauses: Sequence[Unit],
    units: Sequence[Unit],
    prob: np.ndarray,
    near: np.ndarray,
    duplicate: float,
) -> bool:
    """Whether a clause row (``members``) restates a sentence row: its clauses come near the clauses that row
    rests on (``rests``: mean probability at the echo bar); its sentences are all that row's own (the gold
    stories label the clauses of such sentences one fact more often than two: measured, bench/compare.py);
    or its sentences of articles the row does not cite come near the row's sentences (:func:`_echoes`)."""
    keys = {clauses[k].sentence_key for k in members}
    sentence_of = {u.sentence_key: k for k, u in enumerate(units)}
    own = sorted(sentence_of[x] for x in keys if x in sentence_of)
    for (_, _, row), rest in zip(rows, rests, strict=True):
        if rest and float(prob[np.ix_(list(members), list(rest))].mean()) >= duplicate:
            return True
        if keys <= {units[k].sentence_key for k in row} or _echoes(own, row, units, near, duplicate):
            return True
    return False


def clause_rows(
    story_id: str,
    units: Sequence[Unit],
    rows: Sequence[Row],
    clauses: Sequence[Unit],
    prob: np.ndarray,
    near: np.ndarray,
    settings: tuple[float, float, float],
) -> list[Row]:
    """Rows of the clauses the sentence rows (``rows``, over ``units``, whose pair probabilities are ``near``)
    left unused, with their nearest passages set: ``prob`` is the clauses' pair probability matrix (left as it
    was), ``settings`` the clause row bar, the echo bar and the bar for showing a nearest passage. No cell of
    such a row is "not reported": an outlet may state the fact in the clause its sentence row rests on."""
    from .claims import _central, _drop_echoes, _nearest, _rows  # noqa: PLC0415 - claims imports this module

    threshold, duplicate, shown = settings
    where = clause_index(clauses)
    per_row = [[where.get(units[k].sentence_key, []) for k in m] for _, _, m in rows]
    used = used_clauses(per_row, prob)
    several = {i for cl in where.values() if len(cl) > 1 for i in cl}
    candidate = np.array(
        [i in several and i not in used and not c.heading and stands_alone(c) for i, c in enumerate(clauses)]
    )
    masked = np.where(candidate[:, None] & candidate[None, :], prob, 0.0)
    made = _rows(story_id, clauses, group(clauses, masked, threshold), masked, threshold, True)
    rests = [[c for cl in r for c in cl if c in used] for r in per_row]
    kept = [item for item in made if not _restates(item[2], rows, rests, clauses, units, prob, near, duplicate)]
    kept = _drop_echoes(sorted(kept, key=lambda t: t[0]), prob, duplicate)
    for _, claim, members in kept:
        claim.absent = []
        claim.near = _nearest(clauses, members, prob, set(), shown)
        rep = clauses[_central(clauses, members, masked)]
        if reported(rep):  # someone's words: said as theirs, never as the outlet's own
            claim.text = attributed(rep)
    return kept


def attributed(c: Unit) -> str:
    """A clause that is someone's words, worded as theirs: "According to <speaker>, <clause>" when the quote it
    lies in or the parse names the speaker (a name, not a pronoun); else its whole sentence, which says whose.
    The sentence would lead with its own first fact ("Xi described Taiwan's return as part of the post-war
    order, arguing that the two nations fought side by side against fascism"), and a reader would take the row
    for that fact's."""
    mid = (c.start + c.end) // 2
    named = [q.speaker for q in c.article.quotes if q.start <= mid < q.end and q.speaker] + [c.said_by or ""]
    who = next((w.strip() for w in named if w.strip() and w.strip().lower() not in LEANING), None)
    if who is not None:
        return f"According to {who}, {c.text.strip().rstrip('.,;:')}"
    sent = c.article.sentences[c.rank]
    text = c.article.text[sent.start : sent.end].strip()
    return text[:1].upper() + text[1:]


def reported(c: Unit) -> bool:
    """Whether a clause is someone's words: reported speech by the parse, or inside a quote the article
    attributes (direct or indirect)."""
    mid = (c.start + c.end) // 2
    return bool(c.said_by) or any(q.start <= mid < q.end for q in c.article.quotes)


__all__ = [
    "MAX_CLAUSES",
    "MIN_WORDS",
    "attributed",
    "clause_index",
    "clause_rows",
    "reported",
    "stands_alone",
    "used_clauses",
]
