"""Quote marks and sentences for :mod:`storyline.analyse.quotes`, at the character level.

:func:`quoted_spans` pairs quote marks paragraph by paragraph (apostrophes told apart from single quotes,
a quote reopened in the next paragraph kept as one chain); :func:`sentence_starts` cuts sentences without
splitting a quote or an abbreviation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ... import lexicon
from .cues import _CLAUSE_VERBS, ABBREVIATIONS, MENTION_NOUNS, NAMED_THINGS, TRAILING_CUES, WORK_NOUNS

DOUBLE_MARKS = frozenset('“”"«»„‟')
SINGLE_MARKS = frozenset("‘’'‹›‚‛")
CLOSING_QUOTES = frozenset("”\"’'»›")
_OPEN_ONLY = frozenset("«„‹‚")
_CLOSE_ONLY = frozenset("»›")
_OPENING_PUNCT = frozenset("([{<—–-/:") | frozenset("“‘«‹„‚")
_CLOSING_PUNCT = frozenset(".,;:!?)]}>…—–-/") | frozenset("”’»›")
_ELISION = re.compile(r"(?:\d|em\b|til\b|n\b|cause\b|tis\b|twas\b|bout\b|round\b)", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?…]+[\"”’'»)\]]*[ \t\u00a0]+(?=\S)")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TERMINAL = frozenset(".!?…")

OPEN, CLOSE, EITHER = 1, 2, 3

# ----------------------------------------------------------------------------------- 1. quote marks


@dataclass(slots=True)
class QuotedSpan:
    """Words between quote marks (marks excluded), one piece per paragraph.

    ``open_mark``/``close_mark`` are the offsets of the marks, ``None`` where the piece runs from the
    start or to the end of its paragraph (a quote continued across paragraphs, or left unclosed).
    Pieces of one multi-paragraph quote share ``chain``.
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    chain: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` as (start, end) offsets, trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _ctx(text: str, i: int) -> tuple[bool, bool]:
    """(may open, may close) for a mark at ``i``, from its neighbours."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    may_open = (prev.isspace() or prev in _OPENING_PUNCT) and not nxt.isspace()
    may_close = (not prev.isspace()) and (nxt.isspace() or nxt in _CLOSING_PUNCT)
    return may_open, may_close


def _role(text: str, i: int) -> int | None:
    """OPEN, CLOSE, EITHER, or None (an apostrophe) for the quote mark at ``i``."""
    ch = text[i]
    if ch in _OPEN_ONLY:
        return OPEN
    if ch in _CLOSE_ONLY:
        return CLOSE
    may_open, may_close = _ctx(text, i)
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in SINGLE_MARKS:
        if prev.isalnum() and nxt.isalpha():
            return None  # don’t, Trump’s, O’Brien
        if prev.isdigit() and nxt in "sS":
            return None  # 1990’s
        if may_open and not may_close:
            return None if _ELISION.match(text, i + 1) else OPEN
        if may_close and not may_open:
            return CLOSE  # also a plural possessive (voters’); only closes an open single quote
        return None
    if ch == "“":
        return CLOSE if (may_close and not may_open) else OPEN
    if ch == "”":
        return OPEN if (may_open and not may_close) else CLOSE
    if may_open and not may_close:
        return OPEN
    if may_close and not may_open:
        return CLOSE
    return EITHER


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """Whitespace off both ends, and the comma that only joins the quote to its attribution."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _pair(
    text: str,
    paras: Sequence[tuple[int, int]],
    marks: frozenset[str],
    blocked: Sequence[tuple[int, int]],
    emit_unclosed: bool,
    first_chain: int,
) -> list[QuotedSpan]:
    """Pair the marks of one family (double or single) paragraph by paragraph, never raising."""
    out: list[QuotedSpan] = []
    chain = first_chain
    dangling: QuotedSpan | None = None  # a piece left open at the end of the previous paragraph
    bl_starts = [b[0] for b in blocked]

    def is_blocked(i: int) -> bool:
        k = bisect.bisect_right(bl_starts, i) - 1
        return k >= 0 and blocked[k][0] <= i <= blocked[k][1]

    for ps, pe in paras:
        found = [(i, _role(text, i)) for i in range(ps, pe) if text[i] in marks and not is_blocked(i)]
        found = [(i, r) for i, r in found if r is not None]
        open_at: int | None = None  # offset of the opening mark of the quote now open
        virtual = False  # open since the paragraph start without a mark (continued quote)
        cur_chain = -1
        k = 0
        if dangling is not None:
            first = found[0] if found else None
            if first is not None and first[0] == ps and first[1] in (OPEN, EITHER):
                open_at, cur_chain, k = first[0], dangling.chain, 1  # reopened: the news convention
            elif first is not None and first[1] == CLOSE:
                virtual, cur_chain = True, dangling.chain  # continued without a reopening mark
            elif not emit_unclosed:
                out.remove(dangling)  # a single quote never closed: most likely an apostrophe
            else:
                dangling.closed = False
            dangling = None
        while k < len(found):
            i, r = found[k]
            k += 1
            if open_at is None and not virtual:
                if r in (OPEN, EITHER):
                    open_at = i
                elif i == ps and any(r2 in (CLOSE, EITHER) for _, r2 in found[k:]):
                    open_at = i  # "” … they are so not like him,” she said": a closing mark typed for an opening one
                continue  # an orphan closing mark is ignored
            if r in (CLOSE, EITHER):
                a, b = _trimmed(text, ps if virtual else (open_at or 0) + 1, i)
                if b > a:
                    if cur_chain < 0:
                        chain += 1
                        cur_chain = chain
                    out.append(QuotedSpan(a, b, None if virtual else open_at, i, cur_chain))
                open_at, virtual, cur_chain = None, False, -1
            else:  # a second opening mark while one is open: the first was never closed; drop it
                open_at, virtual, cur_chain = i, False, -1
        if open_at is not None or virtual:
            a, b = _trimmed(text, ps if virtual else (open_at or 0) + 1, pe)
            if b > a:
                if cur_chain < 0:
                    chain += 1
                    cur_chain = chain
                dangling = QuotedSpan(a, b, None if virtual else open_at, None, cur_chain)
                out.append(dangling)
    if dangling is not None:
        if emit_unclosed:
            dangling.closed = False
        else:
            out.remove(dangling)
    return out


_DOUBLE_APOSTROPHES = re.compile(r"''|``")


def _double_apostrophes(text: str) -> str:
    """Two apostrophes (or backticks) used as one double quote mark, as in some archives' plain text
    (''That wasn't fair,'' he said): rewritten as a space and a double mark, or a double mark and a space,
    so that offsets stay the same and the mark pairs like any other."""
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in _DOUBLE_APOSTROPHES.finditer(text):
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        if m.group() == "``" or ((prev.isspace() or prev in _OPENING_PUNCT) and not nxt.isspace()):
            chars[i], chars[i + 1] = " ", '"'  # opening: the mark sits right before the words
        elif not prev.isspace():
            chars[i], chars[i + 1] = '"', " "  # closing: the mark sits right after the words
    return "".join(chars)


#: Markup left in plain text ('<tweet id="7681" author="@AP">', '<a href="…">'): its quote marks quote nothing.
_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?>")


def quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted pieces of ``text`` in order: double quotes, and single quotes outside them.

    Single quotes that hold double quotes (British style) win over the double quotes inside them.

    Example:
        >>> [text[q.start:q.end] for text in ["He said “we’re ‘fine’” and ‘no’."] for q in quoted_spans(text)]
        ['we’re ‘fine’', 'no']
    """
    text = _double_apostrophes(text)
    paras = paragraphs(text)
    tags = [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []
    dbl = _pair(text, paras, DOUBLE_MARKS, tags, True, 0)

    def outer(q: QuotedSpan) -> tuple[int, int]:
        return (
            q.open_mark if q.open_mark is not None else q.start,
            q.close_mark if q.close_mark is not None else q.end,
        )

    blocked = sorted([outer(q) for q in dbl] + tags)
    sgl = _pair(text, paras, SINGLE_MARKS, blocked, False, 1 + max((q.chain for q in dbl), default=0))
    if sgl:
        s_out = [outer(q) for q in sgl]
        dbl = [q for q in dbl if not any(a <= q.start and q.end <= b for a, b in s_out)]
    # a piece left unclosed with fewer than two words is most likely a stray mark
    spans = [q for q in dbl + sgl if q.closed or len(_WORD.findall(text[q.start : q.end])) >= 2]
    spans.sort(key=lambda q: q.start)
    return spans


# ------------------------------------------------------------------------------------- 2. sentences


_LAST_WORD = re.compile(r"([^\W\d_]+)[ \t\u00a0]*$")
_NEXT_WORDS = re.compile(r"[ \t\u00a0]+([a-z]+)(?:[ \t\u00a0]+([a-z]+))?")
_NAMED_MODIFIERS = 1  # words that may stand between the closing mark and the thing named ("awareness campaign")


def names_a_thing(text: str, open_mark: int | None, close_mark: int | None) -> bool:
    """Quoted words that are a thing's name, not anyone's words: right after a noun of naming ("the slogan “…”",
    "the hashtag “…”") or, opening on a capital, of a work ("his book “Salt”"), or right before the noun of the
    thing they name ("the “Starts with one” campaign").

    A quote that ends on a comma hands over to its cue ("“We will win,” campaign staff said"), never to a noun.

    Example:
        >>> names_a_thing("the motto “We” here", 10, 13)
        True
        >>> names_a_thing("“We will win,” campaign staff said", 0, 13)
        False
    """
    if open_mark is not None:
        m = _LAST_WORD.search(text, max(0, open_mark - 40), open_mark)
        noun = m.group(1).lower() if m is not None else ""
        if noun in MENTION_NOUNS or (noun in WORK_NOUNS and text[open_mark + 1 : open_mark + 2].isupper()):
            return True
        if close_mark is not None and _a_title(text[open_mark + 1 : close_mark]):
            before = text[max(0, open_mark - 40) : open_mark].rstrip()
            of = re.search(r"([^\W\d_]+)\s+of$", before)
            if noun in TITLE_LEADS or re.search(r"\w['’]s?$", before) or (of and of.group(1).lower() in WORK_NOUNS):
                return True  # "on CBS's “Face the Nation”", "an episode of “The Morning Show”": a programme's name
    if close_mark is None or text[close_mark - 1 : close_mark] == ",":
        return False
    m = _NEXT_WORDS.match(text, close_mark + 1)
    if m is None:
        return False
    words = [w for w in m.groups() if w is not None][: _NAMED_MODIFIERS + 1]
    return any(w in NAMED_THINGS for w in words)


TITLE_LEADS = lexicon.words("quotes.title_leads")
_TITLE_SMALL = lexicon.words("quotes.title_small_words")
_TITLE_WORDS = 6  # a programme's or a work's name, not a capitalised sentence


def _a_title(words: str) -> bool:
    """Quoted words in title case: two to six words, each capitalised but the small ones, no sentence within."""
    toks = words.strip().rstrip(".,").split()
    if not 2 <= len(toks) <= _TITLE_WORDS or re.search(r"[.!?;:,]", words.strip().rstrip(".,")):
        return False
    return toks[0][:1].isupper() and all(t[:1].isupper() or t.lower() in _TITLE_SMALL for t in toks)


def _is_abbreviation(text: str, i: int) -> bool:
    """True when the period at ``i`` ends an abbreviation ("Mr.", "U.S.", "J.")."""
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = text[j:i].lstrip("(\"“‘'").lower()
    return word in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


#: "Mr." and the like, capitalised as they stand before a name: their period does not end a sentence.
_TITLE_DOTS = re.compile(r"\b(" + "|".join(sorted(w.capitalize() for w in ABBREVIATIONS)) + r")\.")
_CONTRACTED_IS = re.compile(r"(?:that|it|there|here|what|he|she|who)['’]s")  # "That's why, he added, …"


_PARTICLE = re.compile(r"^(?:back|out|in|up|on)\b\s*")


def _cue_follows(text: str, pos: int, stop: str = ".") -> bool:
    """True when an attribution follows a quote that ends with its own ``stop`` ("…!” Trump wrote.").

    After "!" or "?" a cue within six words will do ("…!” US Senator Jeff Sessions said as he …");
    after a full stop only a short one ("…” Trump wrote.", "…” said Wu Xinbo, an adviser …").
    """
    seg = re.split(r"[.!?;]", _TITLE_DOTS.sub(r"\1", text[pos : pos + 200]), maxsplit=1)[0]
    words = _WORD.findall(seg)
    if words and words[0].lower() in TRAILING_CUES:
        return not words[0][:1].isupper()  # "…” said Trump." joins; "…” Asked which county, he …" starts anew
    for k, w in enumerate(words[: 6 if stop in "!?" else 4]):
        if w.lower() in TRAILING_CUES:
            if any(x.lower() in _CLAUSE_VERBS or _CONTRACTED_IS.fullmatch(x.lower()) for x in words[:k]):
                return False  # "….'' It was, he said, one of …": a new sentence with a parenthetical cue
            rest = seg[seg.find(w) + len(w) :].lstrip()
            opens = _PARTICLE.sub("", rest)
            if opens[:1] in (",", ":") and opens[1:].lstrip()[:1] in ("“", '"', "‘", "«", "'", "`"):
                return False  # "….” He added, “…”", "…?” Mills then writes back, “…”": the cue opens the next quote
            if stop in "!?":
                return True
            if stop == "." and words[0] in ("He", "She", "They", "We", "I", "It") and len(words) > 3:
                return False  # "….'' He said, twice, that he …": a capitalised pronoun opens a new sentence
            return len(words) <= 8 or rest[:1] in (",", "")
    return False


def sentence_starts(text: str, spans: Sequence[QuotedSpan]) -> list[int]:
    """Offsets where sentences start: paragraph starts and sentence ends outside quote marks.

    A quote ending with its own full stop ends the sentence unless an attribution follows
    (“…!” Trump wrote.).
    """
    starts = {a for a, _ in paragraphs(text)}
    outer = sorted(
        (q.open_mark if q.open_mark is not None else q.start, q.close_mark if q.close_mark is not None else q.end, q)
        for q in spans
    )
    o_starts = [o[0] for o in outer]
    for m in _SENT_END.finditer(text):
        i, nxt = m.start(), m.end()
        ch = text[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in "“‘\"'«("):
            continue
        if text[i] == "." and m.group().startswith(".") and _is_abbreviation(text, i):
            continue
        k = bisect.bisect_right(o_starts, i) - 1
        if k >= 0 and outer[k][0] <= i <= outer[k][1]:
            q = outer[k][2]
            # inside quote marks only the full stop ending the quoted words can end the sentence
            if q.close_mark is None or i < q.end - 1 or q.close_mark >= nxt or _cue_follows(text, nxt, text[i]):
                continue
        starts.add(nxt)
    return sorted(starts)
