"""The part check: a row member that says only part of what the row's wording says is not shown ✓.

The pair model joins two sentences that share most of their words. When the row is worded by a sentence that
holds two facts ("X led the team to a 43-39 record, a 10-win improvement, and a playoff berth") and another
outlet's sentence says only one of them ("he led the team to a 10-win improvement"), the second is joined to the
row, and its ✓ would claim the outlet gives the row's figure. A member of the row from another article is shown
"unclear", pointing to its sentence (it comes near the fact), not ✓, when

* it gives none of a figure the row's wording gives: no figure of its own agrees with it
  (:func:`.reconcile.values_agree`: "about 2,500" beside "2,500") and the number is not a word of its sentence
  (a figure the parse read one way here and another way there: "six AK 47 rifles" / "six AK-47 rifles"); a
  figure given differently is a conflict, found before this check; or
* it opens with a pronoun ("He was on probation for a previous DUI arrest") while the row's wording names its
  subject: who "he" is the sentence does not say, and the ✓ would rest on our guess.

Precision first: such a cell is right less often than the row's other ✓ (measured in ``bench/compare.py``, leave
one story out, beside the same folds with the check off). Measured and dropped on the way (the stored per-fold
settings, leave one story out): a day the wording gives that the member does not place anything at, as a third
test — of the ✓ it alone turned "unclear", 16 were right (the days read off weekdays, "Thursday morning" beside "10th
Nov", disagree more often than the outlets do) and 3 wrong, which the pronoun test catches.

Example:
    >>> from storyline.model import NumberMention
    >>> held(NumberMention(0, 3, "120", 120.0, "mph"), [NumberMention(0, 3, "120", 120.0, "mph")], "")
    True
    >>> held(NumberMention(0, 5, "2,500", 2500.0), [], "a third of the population")
    False
    >>> held(NumberMention(0, 4, "five", 5.0), [], "during the five operations")
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import lexicon
from ..model import NumberMention
from .reconcile import values_agree

#: Whether the check runs (``bench/compare.py`` turns it off to score the same folds without it).
ENABLED = True
_COMPARED = frozenset({"money", "percent", "count", "quantity", ""})
#: Number words a figure may be written with (``lexicon/numbers.toml``: the counts, tens and scales).
NUMBER_WORDS = (
    lexicon.words("numbers.units")
    | lexicon.words("numbers.tens")
    | frozenset(lexicon.table("numbers.scales"))
    | frozenset(lexicon.table("numbers.vague_scales"))
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+", re.IGNORECASE)


def figures(u: Any) -> list[NumberMention]:
    """The figures a statement gives: numbers with a value, not durations ("for 15 minutes")."""
    return [n for n in u.numbers if n.value is not None and n.kind in _COMPARED]


def held(n: NumberMention, others: Sequence[NumberMention], text: str) -> bool:
    """Some figure of ``others`` agrees with ``n``, or ``n``'s number as written ("five", "2,500") is a word of
    ``text``."""
    if any(values_agree(n, m) for m in others):
        return True
    first = next((w.lower() for w in _TOKEN.findall(n.text) if w[0].isdigit() or w.lower() in NUMBER_WORDS), None)
    return first is not None and first in {w.lower() for w in _TOKEN.findall(text)}


def says_part(base: Any, other: Any, opens_with_pronoun: Any) -> bool:
    """``other`` says only part of ``base``: it gives none of a figure of ``base``'s, or it opens with a pronoun
    where ``base`` names its subject (``opens_with_pronoun``: the test of :mod:`.claims`)."""
    theirs = figures(other)
    if any(not held(n, theirs, other.text) for n in figures(base)):
        return True
    return bool(opens_with_pronoun(other.text) and not opens_with_pronoun(base.text))


__all__ = ["ENABLED", "NUMBER_WORDS", "figures", "held", "says_part"]
