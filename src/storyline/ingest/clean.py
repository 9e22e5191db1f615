"""Plain-text chrome cleaner: turn scraped article text into a title, a body and an audit trail.

Scraped plain text carries the page around the article: menus, bylines, "Published on:" lines, share and
comment prompts, copyright notices, author bios, related-story lists and sometimes whole teasers of
unrelated articles glued after the end. :func:`clean_text` cuts those away *as whole lines or blocks*,
records every cut as a :class:`~storyline.model.Removal` with a reason, joins hard-wrapped lines into
paragraphs and returns the metadata the chrome gave away (author, source, date text, dateline) as hints.

The rules are module-level data (:data:`LINE_RULES`, compiled regexes with the reason they report, kept in
:mod:`storyline.ingest.chrome_rules`) plus a few structural passes that need context: related-story lists,
the title, dates in the header, the author bio and appended teasers at the tail. Joining lines into
paragraphs is :mod:`storyline.ingest.blocks`. Nothing here does I/O or loads a model.

Example:
    >>> c = clean_text("Storm lashes coast\\nBy Jane Doe\\nThe storm hit on Monday.\\nShare this article")
    >>> c.title, c.text, c.hints["author"]
    ('Storm lashes coast', 'The storm hit on Monday.', 'Jane Doe')
    >>> [(r.reason, r.line) for r in c.removed]
    [('byline', 1), ('social', 3)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storyline import lexicon
from storyline.model import Removal
from storyline.text import alternation

from .blocks import _SPACES, _assemble, _Block, _Line, _split_lines, _to_blocks
from .captions import mark_captions
from .chrome_rules import (
    _ABBREV_END,
    _ABOUT_AUTHOR,
    _AD_RULE,
    _BIO_START,
    _BIO_WORDS,
    _BULLET,
    _COPYRIGHT_LEAD,
    _CORP_SUFFIX,
    _CORP_SUFFIX_INNER,
    _DATE_ONLY,
    _DISTRIBUTOR,
    _EDITORIAL_LABELS,
    _HAS_DATE,
    _HOLDER_END,
    _INLINE_AD,
    _KICKER,
    _NAV_WORDS,
    _PUBLISHED_WORD,
    _QUOTES,
    _RELATED_HEADER,
    _RELATED_HEADER_WEAK,
    _ROLE_WORDS,
    _SECTION_LABEL_MAX_WORDS,
    _SENTENCE_SPLIT,
    _STOPWORDS,
    _TERMINAL,
    _WIRE_CODE,
    _WORD,
    _WORD_CHARS,
    _YEAR,
    LINE_RULES,
    Rule,
    _match_rule,
)
from .dateline import find_dateline
from .page_chrome import REASON as PAGE_CHROME
from .page_chrome import headline_by_lede, mark_below_body, mark_page_chrome, mark_repeats

__all__ = ["Cleaned", "LINE_RULES", "Rule", "clean_text"]


@dataclass(slots=True)
class Cleaned:
    """What :func:`clean_text` found in one text.

    Attributes:
        title: The headline, if the text starts with one (None when the text has no title).
        text: The article body: kept paragraphs joined by a blank line (title excluded).
        paragraphs: ``(start, end)`` offsets of each paragraph in :attr:`text`, end exclusive.
        removed: Every line or block cut away, with its reason and 0-based raw line number.
        hints: Metadata found in the chrome: ``author``, ``source``, ``published_text``, ``copyright_year``,
            and from the lead's dateline (cut from the body, see :mod:`storyline.ingest.dateline`):
            ``dateline`` (as written), ``dateline_place``, ``dateline_date``, ``dateline_outlet``.
    """

    title: str | None
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    hints: dict[str, str] = field(default_factory=dict)
    source_line: str | None = None  # the line that gave ``hints["source"]`` (the article's ``source_why``)
    title_line: str | None = None  # the headline's line as written, when :attr:`title` cut a site's name off it


# --------------------------------------------------------------------------------------------------
# Hints
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hints:
    """Metadata collected on the way; first value wins, except ``source`` which goes by rank."""

    values: dict[str, str] = field(default_factory=dict)
    source_rank: int = 0
    source_line: str | None = None

    def set(self, key: str, value: str | None) -> None:
        """Keep the first value found for ``key``."""
        if value and key not in self.values:
            self.values[key] = value

    def source(self, value: str | None, rank: int, line: str = "") -> None:
        """Offer a source; a higher rank wins (copyright holder 3 > agency 2 > distributor, byline 1).

        ``line`` is the line that names it, kept as :attr:`Cleaned.source_line` (the article's ``source_why``).
        """
        value = (value or "").strip(" .,;:-–—")
        if value and rank > self.source_rank:
            self.values["source"] = value
            self.source_rank = rank
            self.source_line = " ".join(line.split())[:160] or None


def _copyright_hints(text: str, hints: _Hints) -> None:
    """Holder, year and distributor of a copyright line (``©2025 Bloomberg L.P. ... Distributed by ...``)."""
    years = _YEAR.findall(text)
    if years:
        hints.set("copyright_year", years[-1])
    dist = _DISTRIBUTOR.search(text)
    if dist:
        hints.source(_CORP_SUFFIX.sub("", dist.group("d").strip()), 1, text)
    m = _COPYRIGHT_LEAD.match(text)
    if (m is None or m.end() == 0) and "©" in text:
        return  # "From <book> by <author>. Copyright © 2015 …": the words before the © name no holder
    rest = text[m.end() :] if m else text
    suffix = _CORP_SUFFIX_INNER.search(rest)
    holder = rest[: suffix.start()] if suffix else _SENTENCE_SPLIT.split(rest, maxsplit=1)[0]
    holder = _HOLDER_END.split(holder, maxsplit=1)[0]
    holder = _CORP_SUFFIX.sub("", holder.strip().rstrip(".")).strip(" ,.")
    if holder and holder[0].isupper() and len(holder.split()) <= 6 and not holder.lower().startswith("distributed"):
        hints.source(holder, 3, text)


def _byline_hints(m: re.Match[str], hints: _Hints) -> None:
    groups = m.groupdict()
    hints.set("author", (groups.get("author") or groups.get("author2") or "").strip())
    rest = (groups.get("rest") or groups.get("rest2") or "").strip()
    if not rest:
        return
    if _HAS_DATE.search(rest):
        hints.set("published_text", rest)
    elif not _ROLE_WORDS.search(rest) and len(rest.split()) <= 5 and rest[0].isupper():
        hints.source(_CORP_SUFFIX.sub("", rest), 1, m.group(0))


def _meta_hints(m: re.Match[str], hints: _Hints) -> None:
    text = m.group(0).strip(" |·•-–—")
    rest = (m.groupdict().get("rest") or m.groupdict().get("rest2") or "").strip()
    if rest and _HAS_DATE.search(rest) and _PUBLISHED_WORD.match(text):
        hints.set("published_text", rest)
    elif not rest and _DATE_ONLY.fullmatch(text):
        hints.set("published_text", text.rstrip("."))


#: How many of the first body paragraphs may carry the dateline (a dek or a subhead may come first).
_LEAD_PARAGRAPHS = 3


def _lead_dateline(blocks: Sequence[_Block], hints: _Hints, first_body: int, removed: list[Removal] | None) -> None:
    """The dateline opening one of the first paragraphs: kept as hints and, with ``removed``, cut from the body.

    "HAMILTON, Ohio, March 5 (Ohio Valley News) - The council ..." leaves "The council ..." in the body and
    the hints ``dateline`` (as written), ``dateline_place``, ``dateline_date``, ``dateline_outlet`` and the
    outlet offered as ``source``. A dateline on a line of its own ("WASHINGTON _") is removed as a block. An
    outlet leading any later paragraph ("(Reuters) - ...") is still a source hint.
    """
    taken = False
    content = [b for b in blocks[first_body:] if b.reason is None]
    for n, block in enumerate(content):
        d = find_dateline(block.text)
        alone = d is not None and d.end >= len(block.text)  # "WASHINGTON _" on a line of its own
        if d is None or (alone and n + 1 >= len(content)):
            continue
        if d.outlet:
            hints.source(d.outlet, 2, d.text)
        if taken or n >= _LEAD_PARAGRAPHS:
            continue
        taken = True
        hints.set("dateline", d.text)
        hints.set("dateline_place", d.place)
        hints.set("dateline_date", d.date)
        hints.set("dateline_outlet", d.outlet)
        if removed is None:
            continue
        if alone:
            block.text, block.reason = d.text, "dateline"  # removed as a whole block, on its own line
        else:
            removed.append(Removal(d.text, "dateline", block.line))
            block.text = block.text[d.end :]


_HINTERS: dict[str, Callable[[re.Match[str], _Hints], None]] = {
    "byline": _byline_hints,
    "dateline-meta": _meta_hints,
    "copyright": lambda m, h: _copyright_hints(m.group(0), h),
    "credit": lambda m, h: h.source(m.groupdict().get("source"), 1, m.group(0)),
}


# --------------------------------------------------------------------------------------------------
# Passes
# --------------------------------------------------------------------------------------------------


def _classify(blocks: list[_Block], hints: _Hints) -> None:
    """Apply :data:`LINE_RULES` to every block; weak matches count only next to other chrome."""
    for block in blocks:
        found = _match_rule(block.text)
        if found is None:
            continue
        rule, m = found
        block.reason, block.weak = rule.reason, rule.weak
        if not rule.weak and rule.reason in _HINTERS:
            _HINTERS[rule.reason](m, hints)
    last = len(blocks) - 1
    for i, block in enumerate(blocks):
        if block.weak:
            near = [blocks[j] for j in (i - 1, i + 1) if 0 <= j <= last]
            # a neighbour that matched any rule counts, even a weak one: "Share / Facebook / Email"
            supported = i in (0, last) or any(b.reason is not None or b.weak for b in near)
            if not supported:
                block.reason = None
    for block in blocks:
        block.weak = False


def _mark_chrome(blocks: list[_Block], hints: _Hints) -> None:
    """The passes that mark chrome before the title is sought: line rules, related lists."""
    _classify(blocks, hints)
    _mark_related_lists(blocks)


def _headline_and_page(blocks: list[_Block], hints: _Hints, find: bool, whole_page: bool) -> int | None:
    """The headline's block (sought when ``find``) and, on a whole page, the page around the body marked once
    the headline is known (a file's first line is its title; when the lede does not repeat it, the line the
    lede repeats is, and the page is judged again with the first line among the menu's)."""
    title_at = _find_title(blocks, hints) if find else None
    if not whole_page:
        return title_at
    mark_page_chrome(blocks, keep=title_at, content=_content_words)
    lede = headline_by_lede(blocks, _headline_not_dateline, _content_words, title_at, _same_title) if find else None
    if find and lede != title_at:
        title_at = lede
        for b in blocks:
            b.reason = None if b.reason == PAGE_CHROME else b.reason
        mark_page_chrome(blocks, keep=title_at, content=_content_words)
    return title_at


def _headline_like(text: str, max_words: int = 25) -> bool:
    """Short, with letters, and not ending like a sentence ('?' and '!' are fine in a headline)."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 200 or not any(c.isalpha() for c in text):
        return False
    end = text.rstrip("\"'”’)]» ")
    if not end or end[-1] in ",;:":
        return False
    return not (end[-1] == "." and not _ABBREV_END.search(end))


def _headline_not_dateline(text: str) -> bool:
    """Headline-like and not a wire dateline on a line of its own ("DAR ES SALAAM, Tanzania (AP) _" shares the
    lede's place names, yet it is no headline)."""
    return _headline_like(text) and not _dateline_only(text)


def _mark_related_lists(blocks: list[_Block]) -> None:
    """A "Related stories"/"More from ..." header and the headline-like lines after it."""
    for i, block in enumerate(blocks):
        if block.reason not in (None, "read-more"):
            continue
        strong = _RELATED_HEADER.fullmatch(block.text) is not None
        if not strong and (block.reason or not _RELATED_HEADER_WEAK.fullmatch(block.text)):
            continue
        items: list[_Block] = []
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            if nxt.reason is None:
                if not _list_item(nxt.text):
                    break
                items.append(nxt)
            j += 1
        at_end = all(b.reason is not None for b in blocks[j:])
        if items and (strong or len(items) >= 2 or at_end):
            for b in [block, *items]:
                b.reason = "related-list"
        elif strong and block.reason is None:
            block.reason = "read-more"


def _list_item(text: str) -> bool:
    """A related-list entry: a short headline, possibly bulleted."""
    text = _BULLET.sub("", text, count=1)
    return len(text.split()) >= 2 and _headline_like(text, max_words=20)


def _norm(text: str) -> str:
    """Lower-case words only, typographic quotes and dashes folded, for comparing titles."""
    return " ".join(_WORD_CHARS.findall(text.translate(_QUOTES).casefold()))


_TITLE_SITE = re.compile(r"\s+(?:\||-|–|—)\s+")
"""A page title's separators; its last comes before the site's name ("… | Al Jazeera")."""
_TITLE_HEAD_WORDS = 3


def _same_title(text: str, title: str) -> bool:
    """``text`` repeats ``title`` (exactly, or with/without an outlet suffix like " - Reuters")."""
    if not 0.5 * len(title) <= len(text) <= 2 * len(title) + 20:
        return False
    a, b = _norm(text), _norm(title)
    if not a or not b:
        return False
    if a == b:
        return True
    cuts = list(_TITLE_SITE.finditer(title))  # "Headline ends here. - nj.com": a page title's site after its headline
    head = title[: cuts[-1].start()] if cuts else ""
    if len(head.split()) >= _TITLE_HEAD_WORDS and _norm(head) == a:
        return True
    short, long_ = sorted((a, b), key=len)
    return (
        _headline_like(text)
        and long_.startswith(short)
        and len(short) >= 0.6 * len(long_)
        and len(long_[len(short) :].split()) <= 5
    )


_TITLE_PART = re.compile(r"\s+[|\-–—·•:/»]{1,2}\s+")


def _without_site(title: str, lines: Sequence[str]) -> str:
    """The headline without the outlet's name a page's title line adds ("Storm closes port - Harbour News",
    "Harbour News | Storm closes port"), when another line of the page gives the headline alone (its <h1>):
    the title cut at a separator, the part cut shorter than the part kept (the longest such part wins).

    Example:
        >>> _without_site("Storm closes port | Harbour News", ["Menu", "Storm closes port", "By Jane Doe"])
        'Storm closes port'
        >>> _without_site("Storm closes port | Harbour News", ["Menu", "Harbour News"])
        'Storm closes port | Harbour News'
    """
    seps = list(_TITLE_PART.finditer(title))
    if not seps:
        return title
    others = {_norm(line) for line in lines if len(line) < len(title)}
    cuts = [(title[: m.start()], title[m.end() :]) for m in seps]
    cuts += [(title[m.end() :], title[: m.start()]) for m in seps]
    for kept, cut in sorted(cuts, key=lambda kc: -len(kc[0])):
        if len(_WORD_CHARS.findall(kept)) > len(_WORD_CHARS.findall(cut)) and _norm(kept) in others:
            return kept.strip()
    return title


def _found_title(blocks: Sequence[_Block], title_at: int | None, whole_page: bool) -> str | None:
    """The headline's text; on a whole page, without the outlet's name the page's title line adds."""
    if title_at is None:
        return None
    title = blocks[title_at].text
    return _without_site(title, [b.text for i, b in enumerate(blocks) if i != title_at]) if whole_page else title


def _mark_header_dates(blocks: list[_Block], start: int, hints: _Hints) -> int:
    """Mark date-only lines of the header ("March 3, 2024") and return the index of the next content block."""
    i = start
    while i < len(blocks):
        block = blocks[i]
        if block.reason is None:
            if not _DATE_ONLY.fullmatch(block.text):
                return i
            block.reason = "dateline-meta"
            hints.set("published_text", block.text.rstrip("."))
        i += 1
    return i


def _is_section_label(text: str) -> bool:
    """ "World", "Politics", "Business News": a section name printed above the headline."""
    words = text.lower().split()
    return 0 < len(words) <= _SECTION_LABEL_MAX_WORDS and all(w.strip("&|:") in _NAV_WORDS for w in words)


def _find_title(blocks: list[_Block], hints: _Hints) -> int | None:
    """Index of the headline: the first content block, if headline-like and followed by more text."""
    i = _mark_header_dates(blocks, 0, hints)
    while i < len(blocks):
        rest = [j for j in range(i + 1, len(blocks)) if blocks[j].reason is None]
        if not rest:
            return None
        if _is_section_label(blocks[i].text) and _headline_like(blocks[rest[0]].text):
            blocks[i].reason = "navigation"  # "World" / "Politics" above the headline
            i = rest[0]
            continue
        if _dateline_only(blocks[i].text):
            return None  # "CAPE TOWN, South Africa (AP) --" on the first line: the dateline of a body with no headline
        return i if _headline_like(blocks[i].text) or _title_case(blocks[i].text) else None
    return None


def _dateline_only(text: str) -> bool:
    """A paragraph that is a wire dateline and nothing else ("WASHINGTON _", "NAIROBI, Kenya (AP) --")."""
    d = find_dateline(text)
    return d is not None and d.end >= len(text.rstrip())


def _title_case(text: str) -> bool:
    """A Title-Case Line Of At Most 25 Words, even if it ends with a period (some feeds add one)."""
    words = text.split()
    long_words = [w.strip("\"'“”‘’(") for w in words if len(w.strip("\"'“”‘’(.,:;")) >= 4]
    if len(words) > 25 or len(long_words) < 3:
        return False
    return sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)


def _content_words(text: str) -> set[str]:
    """Lower-cased non-stopwords of 3+ letters, possessives and plural -s stripped, for overlap."""
    out: set[str] = set()
    for w in _WORD.findall(text.lower()):
        w = (w[:-2] if w.endswith(("'s", "’s")) else w).strip("'’-")
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        if len(w) >= 3 and w not in _STOPWORDS:
            out.add(w)
    return out


def _truncated(text: str) -> bool:
    """Long and cut off mid-sentence (no closing punctuation, or a teaser's ellipsis)."""
    end = text.rstrip()
    return len(end.split()) >= 25 and (end[-1] not in _TERMINAL or end.endswith(("…", "...")))


def _kicker(text: str, body: set[str] | None = None) -> bool:
    """Starts like another article: ALL-CAPS kicker ("ESPIONAGE: ...") or dateline ("LONDON (Reuters) -").

    With ``body``, a kicker whose words the body already uses ("CLINTON:" in a transcript) does not count.
    """
    m = _KICKER.match(text)
    if m:
        label = m.group("label").strip("‘’'\"“” ")
        words = _content_words(label)
        if sum(c.isupper() for c in label) >= 3 and label not in _EDITORIAL_LABELS:
            if body is None or not words & body:
                return True
    d = find_dateline(text)
    return d is not None and d.place is not None and (d.outlet is not None or d.form != "colon")


def _suspicious(text: str) -> bool:
    """Shaped like a teaser (truncated or kicker-led); its vocabulary decides later."""
    return _truncated(text) or _kicker(text)


def _overlap(text: str, body: set[str]) -> float | None:
    """Share of the paragraph's content words found in the body (None when too few words to judge)."""
    words = _content_words(text)
    if len(words) < 8 or len(body) < 30:
        return None
    return len(words & body) / len(words)


_LOW_OVERLAP = 0.3
_VERY_LOW_OVERLAP = 0.15
# How a paragraph that carries on the article starts (a teaser opens a new story instead).
_CONTINUATION = re.compile(rf"[“\"‘']|{alternation(lexicon.ordered('chrome.continuation_openers'))}\b")


def _appended(text: str, body: set[str]) -> bool:
    """A teaser of another article glued after the end: truncated, kicker-led, and/or off-topic.

    Two signals are needed. A paragraph that opens like a continuation (a quote, "But", "He") is this
    article's, so truncation plus low overlap alone does not remove it.
    """
    trunc, kick = _truncated(text), _kicker(text, body)
    ov = _overlap(text, body)
    low = ov is not None and ov < _LOW_OVERLAP
    if trunc and kick:
        return True
    if low and kick:
        return len(text.split()) >= 25
    return trunc and low and (ov is not None and ov < _VERY_LOW_OVERLAP or not _CONTINUATION.match(text))


def _is_bio(text: str, author: str | None) -> bool:
    """A paragraph about the writer ("Tushar is a skilled content writer ...")."""
    m = _BIO_START.match(text)
    if not m or len(text.split()) > 150:
        return False
    name = m.group("name")
    if author:
        first = author.split()[0]
        if not (name == author or name == first or name.startswith(author) or author.startswith(name)):
            return False
        return bool(_BIO_WORDS.search(text))
    return len({w.lower() for w in _BIO_WORDS.findall(text)}) >= 2


def _mark_tail(blocks: list[_Block], content: list[int], author: str | None) -> None:
    """From the end: author bio (and the name line above it), then appended teasers; stop at real text."""
    if len(content) < 2:
        return
    run = len(content)
    while run > 1 and _suspicious(blocks[content[run - 1]].text):
        run -= 1
    body: set[str] = set()
    if run < len(content):  # the body's vocabulary is only needed to judge a suspicious tail
        for i in content[:run]:
            body |= _content_words(blocks[i].text)
    for pos in range(len(content) - 1, 0, -1):
        block = blocks[content[pos]]
        if block.reason is not None:
            continue
        if _is_bio(block.text, author):
            block.reason = "author-bio"
            above = blocks[content[pos - 1]]
            if _is_name_line(above.text, author, block.text):
                above.reason = "author-bio"
            continue
        if _suspicious(block.text) and _appended(block.text, body):
            block.reason = "appended-article"
            continue
        break


def _is_name_line(text: str, author: str | None, bio: str) -> bool:
    """The line above a bio that only names its subject ("Tushar", "About the author")."""
    if _ABOUT_AUTHOR.fullmatch(text):
        return True
    if author:
        return _norm(text) == _norm(author)
    words = text.split()
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words) and bio.startswith(words[0])


def _cut_inline_ads(blocks: list[_Block], removed: list[Removal]) -> None:
    """Cut ad tokens out of paragraphs; the removal's line is the paragraph's first raw line."""
    for block in blocks:
        if "dvertisement" not in block.text and "ADVERTISEMENT" not in block.text:
            continue
        if _INLINE_AD.search(block.text) and block.text.strip() != "ADVERTISEMENT":
            for m in _INLINE_AD.finditer(block.text):
                removed.append(Removal(m.group(0).strip(), "advertisement", block.line))
            block.text = _SPACES.sub(" ", _INLINE_AD.sub(" ", block.text)).strip()


def _cut_wire_codes(lines: list[_Line], removed: list[Removal]) -> None:
    """Cut the old wire feeds' typesetting codes ("&UR;", "&QL;") out of each line; a line of nothing else
    becomes blank."""
    for ln in lines:
        if "&" not in ln.text or not _WIRE_CODE.search(ln.text):
            continue
        for m in _WIRE_CODE.finditer(ln.text):
            removed.append(Removal(m.group(0).strip(), "wire-code", ln.no))
        ln.text = _SPACES.sub(" ", _WIRE_CODE.sub(" ", ln.text)).strip()


def _drop_ad_lines(lines: list[_Line], removed: list[Removal]) -> list[_Line]:
    """Drop ad-slot lines before paragraphs are joined, so a slot inside a wrapped paragraph heals."""
    ads = _AD_RULE
    kept: list[_Line] = []
    for ln in lines:
        if ln.text and len(ln.text) <= ads.max_chars and ads.pattern.fullmatch(ln.text):
            removed.append(Removal(ln.text, ads.reason, ln.no))
        else:
            kept.append(ln)
    return kept


# --------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------


def clean_text(
    raw: str,
    *,
    keep_all: bool = False,
    title: str | None = None,
    first_line_title: bool = True,
    whole_page: bool = True,
) -> Cleaned:
    """Split scraped plain text into title, body paragraphs, removed chrome and metadata hints.

    Args:
        raw: The text as scraped: one paragraph per line, or hard-wrapped (paragraphs split by blank lines
            or by indentation). Any newline convention.
        keep_all: Remove nothing (paragraphs are still joined and the title still found).
        title: The headline when the caller already knows it (HTML/JSON metadata): the first line is then
            not taken as the title, and lines repeating it are removed as ``duplicate-title``.
        first_line_title: False when the text is body only: no line is taken as the title.
        whole_page: The text may hold the page around the article (menus, link lists: see
            :mod:`storyline.ingest.page_chrome`); False when an extractor already took the main text out of
            the page (trafilatura on HTML), where the pass only loses the article's own short lines.

    Returns:
        The :class:`Cleaned` result; removals are in raw line order. ``Cleaned.title`` is the headline
        taken from the text, so it stays None when ``title`` is given.

    Example:
        >>> c = clean_text("WASHINGTON (AP) — Talks resumed on Monday.\\n\\nADVERTISEMENT")
        >>> c.text, c.hints["dateline"], c.hints["source"]
        ('Talks resumed on Monday.', 'WASHINGTON (AP)', 'AP')
    """
    removed: list[Removal] = []
    lines = _split_lines(raw)
    if not keep_all:
        _cut_wire_codes(lines, removed)
        lines = _drop_ad_lines(lines, removed)
    blocks = _to_blocks(lines)
    if not blocks:
        return Cleaned(title=None, text="", removed=removed)
    if not keep_all:
        _cut_inline_ads(blocks, removed)

    hints = _Hints()
    _mark_chrome(blocks, hints)

    known = title.strip() if title and title.strip() else None
    title_at = _headline_and_page(blocks, hints, known is None and first_line_title, whole_page)
    headline = known if known is not None else (blocks[title_at].text if title_at is not None else None)
    if headline is not None:
        for i, block in enumerate(blocks):
            if i != title_at and block.reason is None and _same_title(block.text, headline):
                block.reason = "duplicate-title"

    mark_captions(blocks, title_at)
    found = _found_title(blocks, title_at, whole_page)
    first_body = _mark_header_dates(blocks, 0 if title_at is None else title_at + 1, hints)
    content = [i for i, b in enumerate(blocks) if b.reason is None and i != title_at]
    _mark_tail(blocks, content, hints.values.get("author"))
    if whole_page:
        mark_repeats(blocks, title_at)
        mark_below_body(blocks, title_at, _content_words)
    _lead_dateline(blocks, hints, first_body, None if keep_all else removed)

    if keep_all:
        for block in blocks:
            block.reason = None
    else:
        removed.extend(Removal(b.text, b.reason, b.line) for b in blocks if b.reason is not None)
        removed.sort(key=lambda r: r.line if r.line is not None else -1)
    text, spans = _assemble(blocks, title_at)
    return Cleaned(
        title=found,
        title_line=blocks[title_at].text if title_at is not None and found != blocks[title_at].text else None,
        text=text,
        paragraphs=spans,
        removed=removed,
        hints=dict(hints.values),
        source_line=hints.source_line,
    )
