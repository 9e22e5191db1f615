"""The cell check: an outlet the row's alignment left out may state the row's fact in a sentence of its own.

A row is made of the sentences the pair model joins at its bar; an outlet whose sentence states the same fact
inside a longer, compound sentence ("… in return for Beijing agreeing to buy soybeans and suspend certain
restrictions on rare earth sales") or with a participle or gerund the parse keeps no clause for ("Framing
Beijing's claim as an 'integral part of the post-World War II international order,' the Chinese leader …")
seldom reaches that bar, and its cell was left "unclear". Its cell is shown ✓, citing that sentence, when the
sentence passes two tests:

* its mean pair probability over the row's statements reaches the cell bar (``align.json`` ``cell_bar``, chosen
  with stories held out, ``bench/compare.py``; none when absent), and
* it states the row's core: for the clause of some row statement's sentence that the row rests on (the one
  whose content words the other statements share most), the sentence holds that clause's predicate, in any
  inflected form (a participle or gerund too) or as a word of its family (``align.FAMILY``: "suspend",
  "suspension", "pause") — the act is the fact; or, when that predicate is a light one ("be", "make") that
  says nothing alone, at least :data:`CORE_SHARE` of the clause's content words (counted as ``align``'s
  containment, :data:`~storyline.compare.align.CONTAIN_PRIOR` added to the clause's size). Measured in-sample
  beside the predicate or the words either passing (more ✓, fewer right: bench/compare.py).

Which sentence is cited: of the outlet's sentences that pass, the one nearest the row (highest mean probability);
a sentence another row holds is left to it, as a sentence joins one row (in-sample, beside letting it: rows per
fact 1.103 -> 1.090 at the bar 0.8, bench/compare.py).

Example:
    >>> word_forms("raise")
    ('rais', 'raise')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .align import CONTAIN_PRIOR, FAMILY, LIGHT_PREDICATES
from .clauses import content_stems

if TYPE_CHECKING:
    from ..model import Statement
    from .claims import Unit

#: Share of the core clause's content words a sentence holds to state it (a set value, as
#: ``clause_rows.MIN_WORDS``; the bar on the pair probability is the one chosen).
CORE_SHARE = 0.4
#: The endings an English verb or noun takes ("raise" → "raised", "raising", "raises").
_ENDINGS = ("", "s", "es", "d", "ed", "ing", "ings", "ion", "ions")
_WORD = re.compile(r"[a-z]+")


def word_forms(lemma: str) -> tuple[str, ...]:
    """The stems an inflected form of ``lemma`` starts with: itself, and without a final "e" ("rais")."""
    low = lemma.lower()
    return tuple(sorted({low, low[:-1]} if low.endswith("e") and len(low) > 3 else {low}))  # noqa: PLR2004


#: Each family head with the words of its family (``align.FAMILY``).
_MEMBERS: dict[str, set[str]] = {}
for _word, _head in FAMILY.items():
    _MEMBERS.setdefault(_head, set()).add(_word)


def family(lemma: str) -> set[str]:
    """``lemma`` and the words of its family (``align.FAMILY``)."""
    head = FAMILY.get(lemma, lemma)
    return {head, lemma} | _MEMBERS.get(head, set())


def has_form(lemma: str, words: set[str]) -> bool:
    """Whether one of ``words`` is ``lemma`` or a word of its family, in any inflected form."""
    for member in family(lemma):
        for base in word_forms(member):
            if any(w.startswith(base) and w[len(base) :] in _ENDINGS for w in words):
                return True
    return False


def core_clause(u: Unit, others: Sequence[Unit]) -> Statement | None:
    """The clause of ``u``'s sentence the row rests on: the one whose content lemmas the ``others`` share most."""
    clauses = [st for st in u.article.statements if st.sentence == u.rank and u.start <= st.start < u.end]
    if not clauses:
        return None
    theirs = {FAMILY.get(x, x) for o in others for x in o.lemmas}
    return max(clauses, key=lambda st: len({FAMILY.get(x, x) for x in st.lemmas} & theirs) / max(len(st.lemmas), 1))


def states_core(candidate: Unit, members: Sequence[Unit]) -> bool:
    """Whether ``candidate`` states the core clause of one of the row's statements (``members``): its predicate
    in some form, or for a light predicate :data:`CORE_SHARE` of its content words."""
    words = set(_WORD.findall(candidate.text.lower()))
    stems = {FAMILY.get(x, x) for x in content_stems(candidate.text)}
    for m in members:
        st = core_clause(m, [o for o in members if o is not m])
        if st is None:
            continue
        if st.predicate not in LIGHT_PREDICATES:
            if has_form(st.predicate, words):
                return True
            continue  # the act is the fact: words around it alone do not state it
        core = {FAMILY.get(x, x) for x in content_stems(m.article.text[st.start : st.end])}
        if core and len(core & stems) / (len(core) + CONTAIN_PRIOR) >= CORE_SHARE:
            return True
    return False


def stated_cells(
    units: Sequence[Unit],
    members: Sequence[int],
    prob: np.ndarray,
    left: Collection[str],
    bar: float,
    taken: Collection[int] = (),
    states: Callable[[Unit], bool] | None = None,
) -> list[int]:
    """For each article in ``left`` (its cell would be "unclear"), its sentence nearest the row (mean
    probability over ``members``, at least ``bar``) of those that state the row's core (or pass ``states``); a
    sentence of another row (``taken``) states that row's fact, and is left to it (a sentence joins one row)."""
    mean = prob[:, list(members)].mean(axis=1)
    row = [units[k] for k in members]
    found: dict[str, int] = {}
    for i in sorted(range(len(units)), key=lambda i: -float(mean[i])):
        if mean[i] < bar:
            break
        u = units[i]
        if i in taken or u.article.id not in left or u.article.id in found or u.heading:
            continue
        if states(u) if states is not None else states_core(u, row):
            found[u.article.id] = i
    return sorted(found.values())


__all__ = ["CORE_SHARE", "core_clause", "family", "has_form", "stated_cells", "states_core", "word_forms"]
