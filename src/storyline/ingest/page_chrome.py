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
block right above the body, whatever the line rules made of it (a standfirst, a byline, a date: the line rules
read them first, so a byline or a date they cut leaves no menu entry above it in the header), nor the headline
the cleaner found first (a scraped file's first line is its title, whatever runs of menus follow). Inside
the span nothing is touched: subheads, lists and tables are the article's. A text with no prose block (a
brief, a list) is left as it is.

Below the body, on a text that shows it is a whole page (at least :data:`PAGE_EVIDENCE` blocks the other rules
marked as the page's), the body ends where the article ends, not at the last prose block: a page's foot often
holds other stories' teasers (a headline, a standfirst long enough to read as prose, "1H ago"), and a last prose
block among them drew the whole list into the body. :func:`mark_below_body` ends the body with the run of blocks
that outweighs what lies between them most (:func:`body_end`, a maximum-sum run as Finn et al.'s body text
extraction finds one: a prose block or a sentence counts its characters, a block that is neither counts
:data:`SPAN_PENALTY` against, :data:`LIST_PENALTY` when it follows another such block: a list), moves that end on
over the text blocks that go on with the article's subject (:data:`TOPIC_SHARED`, :data:`TOPIC_SHARE`: a paragraph
after a list in the body) and over a list the article introduces below its last paragraph (a line on the
article's subject ending with a colon, and items of one shape: :func:`_introduced_list`, which the runs after the
last prose block spare too), and marks every open block after it. An article's own text keeps the lists and short
lines that end it: on PolNeAR's 925 texts none changed by it (46 lost lines when the condition was not there;
the later rounds' rules change three, each read: a photo credit and a reprint notice cut, a last line kept). A
comment thread (:func:`comment_thread`: at least :data:`COMMENT_LINES` lines naming a commenter, "jsmith says:")
is the page's from its first such line on.

A page in another language has prose too: a long block where that language's commonest function words
(``language.function_words``, the words English seldom has) make up :data:`OTHER_DENSITY` of the words, at least
:data:`OTHER_DISTINCT` of them; in a script written without spaces (Chinese, Japanese), a block of
:data:`CJK_CHARS` such characters with a full stop ("。"), each weighing :data:`CJK_WEIGHT` characters in a run.
On a whole page, a block that writes the article's text out once more (the paragraphs above joined into one, or
this article's teaser cut off with an ellipsis) is the page's (:func:`mark_repeats`).

The settings were chosen on the even-numbered half of the article-extraction benchmark's pages, read as plain
text (each page's whole text, as html-text gives it), by the best F1 among settings that keep at least 0.95 of
the article's words; the odd half is held out (``bench/extraction.py``). The runs' four settings first; the
body's end, the topic and the thread a second time on the same half: F1 0.833 -> 0.876 (P 0.729 -> 0.809, R
0.972 -> 0.956); held out, the odd half 0.835 -> 0.872 (P 0.726 -> 0.795, R 0.982 -> 0.965). The plain-text
cleaner's tests and the seed articles give what they gave before. A third round on the same half (the other
languages' prose, the repeats, a widget heading that is no commenter, :data:`HEADER_KEPT` counting the blocks a
line rule cut, :data:`CUT_PENALTY`, with the cleaner's new line rules): F1 0.876 -> 0.919 (P 0.809 -> 0.889, R
0.956 -> 0.952); held out, scored once at the end, the odd half 0.872 -> 0.890 (P 0.795 -> 0.842, R 0.965 ->
0.943).
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
#: Blocks right above the body (open, or cut by a line rule) that the runs leave alone.
HEADER_KEPT = 1

#: The body's end (:func:`body_end`): what a block that is neither prose nor a sentence counts against the run
#: that holds it, in characters of text; one that follows another such block (a list's next item); the share of
#: its characters a short sentence counts for.
SPAN_PENALTY = 300
LIST_PENALTY = 25
SENTENCE_WEIGHT = 1.0
#: What a block between them that another rule cut counts against the run (a share bar, a newsletter box, a
#: copyright line: a last sentence after them is the page's, not the article's).
CUT_PENALTY = 150
#: A text block below the body's end goes on with the article's subject (:func:`_on_topic_end`): the content
#: words it shares with the body, at least, and the share of its own they must be.
TOPIC_SHARED = 1
TOPIC_SHARE = 0.2
#: Lines naming a commenter that make a comment thread (:func:`comment_thread`), and a commenter's words at most.
COMMENT_LINES = 3
COMMENTER_WORDS = 5
#: Blocks marked as the page's (by the line rules, or a run above the body) that show the text is a whole page
#: (the smallest of 3, 5 and 8 — alike on the benchmark's even half — that changes none of PolNeAR's texts).
PAGE_EVIDENCE = 8

#: Words of the shortest sentence that breaks a run ("It starts Monday.").
SENTENCE_WORDS = 3

#: A page in another language (:func:`is_prose`): the share of a block's words that are that language's commonest
#: function words (``language.function_words``, the words English seldom has), and how many of them, distinct.
OTHER_DENSITY = 0.15
OTHER_DISTINCT = 3
#: Characters of a prose block in a script written without spaces (Chinese, Japanese), with a full stop ("。").
CJK_CHARS = 50
#: Characters of the shortest sentence in such a script ("以下、その手順。").
CJK_SENTENCE_CHARS = 6
#: What one such character weighs in a run of text (:func:`body_end`), in characters of a script with spaces: a
#: word of two or three characters holds what an English word of five letters and a space does.
CJK_WEIGHT = 3

#: A repeat of the text above it (:func:`mark_repeats`): words at least, the share of its word trigrams the open
#: blocks above it hold.
REPEAT_WORDS = 8
REPEAT_SHARE = 0.8

#: Prose blocks at the body's start whose words a headline is looked for in.
LEDE_BLOCKS = 3
#: Content words a headline shares with the lede, at least, and the share of its own they must be.
HEADLINE_SHARED = 2
HEADLINE_SHARE = 0.3

REASON = "page-chrome"
REPEAT = "repeated-text"
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)」』]*$")
_WORD = re.compile(r"[\w’']+")
_FUNCTION = lexicon.words("function_words.stop")
_ITEM_MARKS = re.compile(r"[:\-–—@,|/]")
"""The marks that give a list's items their shape (:func:`_introduced_list`)."""
_OTHER_FUNCTION = tuple(
    frozenset(str(v).split()) for lang, v in lexicon.table("language.function_words").items() if lang != "en"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_STOP = re.compile(r"[。！？]")
_COMMENTER = re.compile(
    r"^(?P<name>[^!?:;\"“”]{1,40}?)\s+(?:(?:" + "|".join(sorted(lexicon.words("chrome.comment_verbs"))) + r")\s*:?"
    r"|(?:" + "|".join(sorted(lexicon.words("chrome.comment_verbs_colon"))) + r")\s*:)$",
    re.IGNORECASE,
)
_NOT_A_COMMENTER = lexicon.words("chrome.comment_not_names")


def is_prose(text: str) -> bool:
    """Long enough and dense enough with function words to be running text.

    Example:
        >>> is_prose("Sports High School Scoreboard Colleges")
        False
        >>> is_prose("The council voted on Monday to close the harbour for the winter, and the ferry company said "
        ...          "it would cut its timetable to two crossings a day until the spring.")
        True
    """
    if len(_CJK.findall(text)) >= CJK_CHARS:
        return bool(_CJK_STOP.search(text))
    if len(text) < PROSE_CHARS:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return False
    if sum(w in _FUNCTION for w in words) >= PROSE_DENSITY * len(words):
        return True
    for other in _OTHER_FUNCTION:
        hits = [w for w in words if w in other]
        if len(hits) >= OTHER_DENSITY * len(words) and len(set(hits)) >= OTHER_DISTINCT:
            return True
    return False


def _length(text: str) -> int:
    """The text's length in characters, one of a script written without spaces counting :data:`CJK_WEIGHT`."""
    return len(text) + (CJK_WEIGHT - 1) * len(_CJK.findall(text))


def is_sentence(text: str) -> bool:
    """A few words ending like a sentence: a short paragraph of the body ("It starts Monday.", a lead thick with
    names: "San Diego Chargers wide receiver Vincent Jackson was arrested yesterday on suspicion of drunken
    driving."), which a menu entry or a linked headline is not.

    Example:
        >>> is_sentence("It starts Monday."), is_sentence("Privacy Notice"), is_sentence("Terms of Use")
        (True, False, False)
    """
    if not _SENTENCE_END.search(text):
        return False
    return len(_WORD.findall(text)) >= SENTENCE_WORDS or len(_CJK.findall(text)) >= CJK_SENTENCE_CHARS


def is_commenter(text: str) -> bool:
    """A line that names a commenter ahead of a comment ("jsmith says:", "Bob. Just Bob. says:"), not a
    sentence's subject ("The statement says:") nor a widget's heading ("Most Commented", "View Comments": a
    verb that is also a noun names a commenter only before a colon).

    Example:
        >>> is_commenter("thelastchargersfan says:"), is_commenter("C. M. says:"), is_commenter("The letter says:")
        (True, True, False)
        >>> is_commenter("Most Commented"), is_commenter("View Comments"), is_commenter("jsmith commented:")
        (False, False, True)
    """
    m = _COMMENTER.match(text)
    if m is None:
        return False
    words = m["name"].split()
    return 0 < len(words) <= COMMENTER_WORDS and words[0].lower() not in _NOT_A_COMMENTER


def comment_thread(blocks: Sequence[_Block], keep: int | None = None) -> int | None:
    """The first open block of a comment thread: the first of at least :data:`COMMENT_LINES` open lines naming
    a commenter (:func:`is_commenter`); None when there are fewer."""
    named = [i for i, b in enumerate(blocks) if b.reason is None and i != keep and is_commenter(b.text)]
    return named[0] if len(named) >= COMMENT_LINES else None


def body_end(blocks: Sequence[_Block], open_: Sequence[int]) -> int:
    """The last block of the run of ``open_`` blocks that outweighs what lies between them most: a prose block
    counts its characters, a short sentence :data:`SENTENCE_WEIGHT` of them, any other block
    :data:`SPAN_PENALTY` against, a block another rule cut :data:`CUT_PENALTY` (the maximum-sum run; the first
    such run on a tie)."""
    best, run, end = float("-inf"), 0.0, open_[0]
    after_text = True
    opened = set(open_)
    for i in range(open_[0], open_[-1] + 1):
        text = blocks[i].text
        if i not in opened:  # a block another rule cut (a share bar, a copyright line) lies between too
            if blocks[i].reason is not None:
                run -= float(CUT_PENALTY if after_text else LIST_PENALTY)
                after_text = False
            continue
        if is_prose(text):
            weight, after_text = float(_length(text)), True
        elif is_sentence(text):
            weight, after_text = SENTENCE_WEIGHT * _length(text), True
        else:
            weight, after_text = -float(SPAN_PENALTY if after_text else LIST_PENALTY), False
        run = weight if run <= 0 else run + weight
        if run > best:
            best, end = run, i
    return end


def mark_page_chrome(
    blocks: Sequence[_Block], keep: int | None = None, content: Callable[[str], set[str]] | None = None
) -> None:
    """Mark the page around the body with :data:`REASON`: a comment thread, and runs of non-prose blocks above
    the body and after its last prose block, but for a list the article introduces there (with ``content``, a
    line's content words: :func:`_introduced_list`). What lies between a page's body and its last prose block,
    other stories' teasers, :func:`mark_below_body` judges once the other rules have read the page. Blocks
    another rule already marked are left as they are and do not break a run; ``keep``, the headline, is never
    marked."""
    thread = comment_thread(blocks, keep)
    if thread is not None:
        for j in range(thread, len(blocks)):
            if j != keep and blocks[j].reason is None:
                blocks[j].reason = REASON
    open_ = [i for i, b in enumerate(blocks) if b.reason is None and i != keep]
    prose = [i for i in open_ if is_prose(blocks[i].text)]
    if not prose:
        return
    header = set(range(prose[0])[-HEADER_KEPT:])  # whatever the line rules made of them
    _mark_runs(blocks, [i for i in open_ if i < prose[0] and i not in header])
    end = prose[-1]
    if content is not None:
        end = _introduced_list(blocks, open_, end, set().union(*(content(blocks[i].text) for i in prose)), content)
    _mark_runs(blocks, [i for i in open_ if i > end])


def whole_page(blocks: Sequence[_Block]) -> bool:
    """The text shows it is a whole page: at least :data:`PAGE_EVIDENCE` blocks marked as the page's."""
    return sum(b.reason is not None for b in blocks) >= PAGE_EVIDENCE


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def mark_repeats(blocks: Sequence[_Block], keep: int | None = None) -> None:
    """On a whole page (:func:`whole_page`), mark with :data:`REPEAT` each open block of at least
    :data:`REPEAT_WORDS` words that repeats the open text above it (:data:`REPEAT_SHARE` of its word trigrams): a
    prose block that joins several paragraphs above (the page's metadata, the article's text written out once
    more), or this article's teaser, cut off with an ellipsis ("Good morning! This is the news you need to...").
    A paragraph that repeats one paragraph above stays (a live page's update that repeats an earlier one's
    line), and so does a list's short line (a meal plan's "Portion: 1 cup, 1 tsp.")."""
    if not whole_page(blocks):
        return
    seen: set[tuple[str, ...]] = set()
    above: list[set[tuple[str, ...]]] = []
    for i, b in enumerate(blocks):
        if b.reason is not None or i == keep:
            continue
        grams = _trigrams(b.text)
        need = REPEAT_SHARE * len(grams)
        if len(_WORD.findall(b.text)) >= REPEAT_WORDS and len(grams & seen) >= need:
            teaser = b.text.rstrip().endswith(("...", "…"))
            joined = is_prose(b.text) and not any(len(grams & g) >= need for g in above)
            if teaser or joined:
                b.reason = REPEAT
                continue
        seen |= grams
        above.append(grams)


def mark_below_body(blocks: Sequence[_Block], keep: int | None, content: Callable[[str], set[str]]) -> None:
    """On a text that shows it is a whole page (at least :data:`PAGE_EVIDENCE` blocks marked as the page's by
    the other rules), mark with :data:`REASON` every open block below the body's end: :func:`body_end`, moved
    on over the blocks that go on with the article's subject (:func:`_on_topic_end`). An article's own text
    (a wire copy, an extractor's output) keeps the lists and short lines that end it."""
    if not whole_page(blocks):
        return
    open_ = [i for i, b in enumerate(blocks) if b.reason is None and i != keep]
    prose = [i for i in open_ if is_prose(blocks[i].text)]
    if not prose:
        return
    last = _on_topic_end(blocks, open_, prose[0], max(prose[0], body_end(blocks, open_)), content)
    for i in open_:
        if i > last:
            blocks[i].reason = REASON


def _on_topic_end(
    blocks: Sequence[_Block], open_: Sequence[int], first: int, last: int, content: Callable[[str], set[str]]
) -> int:
    """The body's end moved past ``last`` over the text blocks below it that go on with the article's subject
    (a paragraph after a list in the body), up to the first that does not (another story's teaser)."""
    body: set[str] = set()
    for i in open_:
        if first <= i <= last:
            body |= content(blocks[i].text)
    last = _introduced_list(blocks, open_, last, body, content)
    for i in open_:
        if i <= last:
            continue
        text = blocks[i].text
        if not (is_prose(text) or is_sentence(text)):
            continue
        own = content(text)
        shared = len(own & body)
        if shared < TOPIC_SHARED or shared < TOPIC_SHARE * len(own):
            break
        last, body = i, body | own
    return _introduced_list(blocks, open_, last, body, content)


def _introduced_list(
    blocks: Sequence[_Block], open_: Sequence[int], last: int, body: set[str], content: Callable[[str], set[str]]
) -> int:
    """The body's end moved over a list the article introduces right below it (below any text that follows
    ``last``): a line ending with a colon on the article's subject ("The band's 2020 tour dates:", "Final
    standings after 36 races:") and the lines that are neither prose nor a sentence after it (the list's
    items); ``last`` when no such line follows."""
    after = [i for i in open_ if i > last]
    k = 0
    while k < len(after) and (is_prose(blocks[after[k]].text) or is_sentence(blocks[after[k]].text)):
        k += 1  # the text right below ``last`` (a short last paragraph) comes before the list's line
    if k == len(after) or not blocks[after[k]].text.rstrip().endswith(":"):
        return last
    if not content(blocks[after[k]].text) & body:
        return last
    end, shape = after[k], None
    for i in after[k + 1 :]:
        text = blocks[i].text
        if is_prose(text) or is_sentence(text):
            break
        own = (text[:1].isdigit(), frozenset(_ITEM_MARKS.findall(text)))
        if shape is not None and own != shape:
            break  # the list's items share a shape ("June 9 -- Arena, City"); the footer's links do not
        end, shape = i, own
    return end


def headline_by_lede(
    blocks: Sequence[_Block],
    headline_like: Callable[[str], bool],
    content: Callable[[str], set[str]],
    first: int | None = None,
    same: Callable[[str, str], bool] | None = None,
) -> int | None:
    """On a whole page, the headline among the lines above the body: ``first`` (the line the cleaner took for
    the title: a scraped file's first line) when it shares :data:`HEADLINE_SHARED` content words with the
    body's first :data:`LEDE_BLOCKS` prose blocks — a lede repeats its headline's words —, else the
    headline-like line above the body (open, or in a run of page chrome) that shares most with them (the first
    on a tie), else ``first``. A menu entry or another story's headline shares little. ``content`` gives a
    line's content words (the cleaner's, as its other overlaps use). With ``same`` (the cleaner's test that a
    line repeats a title, an outlet's name beside it allowed), ``first`` repeated by a line above the body is
    the headline whatever the lede shares: the page's title and its headline agree ("The man whose duvet
    nearly killed him" over a lede that names neither)."""
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
    if first is not None and same is not None:
        title = blocks[first].text
        if any(i != first and same(blocks[i].text, title) for i in range(prose[0])):
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
    "COMMENT_LINES",
    "HEADER_KEPT",
    "PAGE_EVIDENCE",
    "PROSE_CHARS",
    "PROSE_DENSITY",
    "REASON",
    "REPEAT",
    "RUN_MIN",
    "SENTENCE_WEIGHT",
    "SENTENCE_WORDS",
    "SPAN_PENALTY",
    "body_end",
    "comment_thread",
    "is_commenter",
    "is_prose",
    "is_sentence",
    "mark_below_body",
    "mark_repeats",
    "mark_page_chrome",
]
