"""The page around the article: runs of menu entries and link lines before and after the body.

Text scraped from a whole page holds the site's menus, section lists, "most read" headlines and footer links
above and below the article, one short line each. The cleaner's line rules know the common words of such
lines; this pass knows their *shape*, the way boilerplate removers such as jusText do (Pomikálek 2011): a
paragraph of running prose is long and dense with function words; a menu entry or a linked headline is
neither.

The body is taken to run from the first to the last *prose block* (at least :data:`PROSE_CHARS` characters,
at least :data:`PROSE_DENSITY` of its words function words). Outside that span, a run of at least
:data:`RUN_MIN` consecutive blocks that are neither prose nor a sentence (a short paragraph ending like one)
is the page's chrome, except the :data:`HEADER_KEPT`
blocks right above the body (standfirst, byline, date: the rest of the cleaner reads them), nor the headline
the cleaner found first (a scraped file's first line is its title, whatever runs of menus follow). Inside
the span nothing is touched: subheads, lists and tables are the article's. A text with no prose block (a
brief, a list) is left as it is.

The four settings were chosen on the even-numbered half of the article-extraction benchmark's pages, read as
plain text (each page's whole text, as html-text gives it), by the best F1 among settings that keep at least
0.95 of the article's words; the odd half is held out (``bench/extraction.py``). The plain-text cleaner's tests
and the seed articles give what they gave before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from storyline import lexicon

from .blocks import _Block

#: Characters of a prose block (jusText's "length_high" is 200; shorter wire paragraphs are common).
PROSE_CHARS = 150
#: Share of a prose block's words that are function words (jusText's "stopwords_high" 0.32, over a longer list).
PROSE_DENSITY = 0.30
#: Consecutive non-prose blocks that make a run of page chrome.
RUN_MIN = 3
#: Blocks right above the body that are kept whatever their shape.
HEADER_KEPT = 2

#: Words of the shortest sentence that breaks a run ("It starts Monday.").
SENTENCE_WORDS = 3

#: Prose blocks at the body's start whose words a headline is looked for in.
LEDE_BLOCKS = 3
#: Content words a headline shares with the lede, at least, and the share of its own they must be.
HEADLINE_SHARED = 2
HEADLINE_SHARE = 0.3

REASON = "page-chrome"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_WORD = re.compile(r"[\w’']+")
_FUNCTION = lexicon.words("function_words.stop")


def is_prose(text: str) -> bool:
    """Long enough and dense enough with function words to be running text.

    Example:
        >>> is_prose("Sports High School Scoreboard Colleges")
        False
        >>> is_prose("The council voted on Monday to close the harbour for the winter, and the ferry company said "
        ...          "it would cut its timetable to two crossings a day until the spring.")
        True
    """
    if len(text) < PROSE_CHARS:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    return bool(words) and sum(w in _FUNCTION for w in words) >= PROSE_DENSITY * len(words)


def is_sentence(text: str) -> bool:
    """A few words ending like a sentence: a short paragraph of the body ("It starts Monday.", a lead thick with
    names: "San Diego Chargers wide receiver Vincent Jackson was arrested yesterday on suspicion of drunken
    driving."), which a menu entry or a linked headline is not.

    Example:
        >>> is_sentence("It starts Monday."), is_sentence("Privacy Notice"), is_sentence("Terms of Use")
        (True, False, False)
    """
    return len(_WORD.findall(text)) >= SENTENCE_WORDS and bool(_SENTENCE_END.search(text))


def mark_page_chrome(blocks: Sequence[_Block], keep: int | None = None) -> None:
    """Mark runs of non-prose blocks before and after the body with :data:`REASON` (blocks another rule
    already marked are left as they are and do not break a run; ``keep``, the headline, is never marked)."""
    open_ = [i for i, b in enumerate(blocks) if b.reason is None and i != keep]
    prose = [i for i in open_ if is_prose(blocks[i].text)]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    before = [i for i in open_ if i < first]
    lead = before[: max(0, len(before) - HEADER_KEPT)]
    _mark_runs(blocks, lead)
    _mark_runs(blocks, [i for i in open_ if i > last])


def headline_by_lede(
    blocks: Sequence[_Block],
    headline_like: Callable[[str], bool],
    content: Callable[[str], set[str]],
    first: int | None = None,
) -> int | None:
    """On a whole page, the headline among the lines above the body: ``first`` (the line the cleaner took for
    the title: a scraped file's first line) when it shares :data:`HEADLINE_SHARED` content words with the
    body's first :data:`LEDE_BLOCKS` prose blocks — a lede repeats its headline's words —, else the
    headline-like line above the body (open, or in a run of page chrome) that shares most with them (the first
    on a tie), else ``first``. A menu entry or another story's headline shares little. ``content`` gives a
    line's content words (the cleaner's, as its other overlaps use)."""
    prose = [i for i, b in enumerate(blocks) if b.reason is None and is_prose(b.text)]
    if not prose:
        return first
    lede = set().union(*(content(blocks[i].text) for i in prose[:LEDE_BLOCKS]))

    def shared(i: int) -> int:
        own = content(blocks[i].text)
        n = len(own & lede)
        return n if n >= HEADLINE_SHARED and n >= HEADLINE_SHARE * len(own) else 0

    if first is not None and shared(first):
        return first
    best = max(
        (i for i in range(prose[0]) if blocks[i].reason in (None, REASON) and headline_like(blocks[i].text)),
        key=lambda i: (shared(i), -i),
        default=None,
    )
    return best if best is not None and shared(best) else first


def _mark_runs(blocks: Sequence[_Block], indices: Sequence[int]) -> None:
    run: list[int] = []
    for i in [*indices, -1]:
        if i >= 0 and not is_prose(blocks[i].text) and not is_sentence(blocks[i].text):
            run.append(i)
            continue
        if len(run) >= RUN_MIN:
            for j in run:
                blocks[j].reason = REASON
        run = []


__all__ = [
    "HEADER_KEPT",
    "PROSE_CHARS",
    "PROSE_DENSITY",
    "REASON",
    "RUN_MIN",
    "SENTENCE_WORDS",
    "is_prose",
    "is_sentence",
    "mark_page_chrome",
]
