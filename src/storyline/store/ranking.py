"""Search ranking: body sentences before headings, table cells and other fragments.

Full-text search scores a short heading or a table cell higher than the sentence that tells the story
(bm25 favours short rows), so hits are ranked in two tiers: sentences of running text first, then
fragments; bm25 orders each tier.

Example:
    >>> is_body("China agreed to buy 25 million tons of soybeans, officials said.")
    True
    >>> is_body("Soybeans | 25 million tons | 2025"), is_body("China soybean purchases")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.store.base import SearchHit

#: Fewest words a sentence of running text has; shorter rows are headings, captions or cells.
MIN_BODY_WORDS = 6
#: A sentence of running text ends like one (closing quotes and brackets allowed after the stop).
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
#: Table cells and lists joined on a line.
_CELL_MARKS = re.compile(r"\t|\s\|\s|\s\|$|^\|")
#: How many more rows than asked a search reads, to rank them.
OVERFETCH = 4


def is_body(text: str) -> bool:
    """True for a sentence of running text; False for a heading, a table row or another fragment."""
    t = text.strip()
    return len(t.split()) >= MIN_BODY_WORDS and bool(_ENDS_LIKE_SENTENCE.search(t)) and not _CELL_MARKS.search(t)


def body_first(hits: Sequence[SearchHit], limit: int) -> list[SearchHit]:
    """The ``limit`` best hits: running-text sentences before fragments, bm25 within each (stable)."""
    return sorted(hits, key=lambda h: not is_body(h.text))[:limit]


__all__ = ["MIN_BODY_WORDS", "OVERFETCH", "body_first", "is_body"]
