"""Hypothesis strategies for news-like text: the property tests draw a few examples, ``bench/fuzz.py`` many.

Texts are built from fragments that the cleaner, the quote finder, the date and the number parsers react to
(quote marks of every kind, datelines, weekdays, month names, figures with units and scales, bylines,
page chrome, odd whitespace and control characters), glued with random text, so a short search reaches
the parsers' corners instead of plain random code points.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import strategies as st

WORDS = """
the said President Xi Jinping Trump officials on in of a told reporters Monday Tuesday Friday last next week
month year ago since until by end March Sept. Dec May 2024 2025 1999 '98 tonnes million billion percent % $ €
£ ¥ yuan about nearly more than at least up to as much according added he she they spokeswoman Reuters (AP) —
– - / : ; , . ? ! … ( ) [ ] © Read more Advertisement Comments By WASHINGTON BEIJING Updated Published p.m.
a.m. 9:40 noon today yesterday tomorrow this morning quarter Q3 FY2025 1st 22nd half dozen twenty-one 3.5
1,200 0.5 -7 10-15 2-1 No. 1 12 31 29 Feb. hundreds thousands
""".split()
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "``", "''", "「", "」"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\u200b", "  ", "\n \n", "\x00", "\x0c"]
LINES = [
    "WASHINGTON (Reuters) — ",
    "BEIJING, March 5 (AP) - ",
    "By Jane Doe, Staff Writer",
    "©2025 Bloomberg L.P. All rights reserved.",
    "Published on: 12/03/2024",
    "Read more: Trump and Xi",
    "Sign up for our newsletter",
    "ADVERTISEMENT",
    "Share this article",
    "---------",
    "Related: Tariffs rise",
    "Photo: Getty Images",
    "Updated Nov. 24, 2025 9:40 p.m. ET",
    '"We will never give up," he said.',
    "“It was a good call,” Trump told reporters on Monday.",
    "She said that the deal would be signed by the end of the year.",
    "China bought 12 million tonnes of soybeans, up 20% from 2024.",
    "The project cost $42 million, about 8 percent more than planned.",
    "The talks began on Sept. 11, 2001, and ended in 2003-04.",
    "Between 10 and 15 people were hurt, officials said.",
]


def _chunks() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(MARKS),
        st.sampled_from(SPACES),
        st.sampled_from(LINES),
        st.integers(-(10**6), 10**13).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.text(max_size=6),
    )


@st.composite
def news_text(draw: st.DrawFn, max_parts: int = 60) -> str:
    """News-like text: fragments joined by spaces, with random text between some of them."""
    parts = draw(st.lists(_chunks(), max_size=max_parts))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", "\n\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


texts = st.one_of(news_text(), st.text(max_size=200))
"""Mostly news-like text, sometimes any text at all."""

ref_dates = st.one_of(st.none(), st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(8999, 12, 31)))
ref_years = st.one_of(st.none(), st.integers(1000, 8999))
"""Reference dates and years the tests use: any a real article could carry, far from the calendar's ends."""
ref_dates_any = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
ref_years_any = st.one_of(st.none(), st.integers(1, 9999))
"""The calendar's ends too (``bench/fuzz.py``): bogus metadata such as 0001-01-01 reaches the date parser."""


# ------------------------------------------------------------------------------------------ invariants


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch.isprintable())


def is_subsequence(small: str, big: str) -> bool:
    """True when every character of ``small`` appears in ``big`` in the same order."""
    it = iter(big)
    return all(ch in it for ch in small)


def check_clean(raw: str, keep_all: bool, title: str | None, first_line_title: bool) -> None:
    """The cleaner's promises: paragraphs are in-bounds, ordered, non-empty and cover all the text's words;
    it only removes (the text's visible characters are a subsequence of the raw text's); every removal
    names a raw line; nothing is removed with ``keep_all``."""
    from storyline.ingest.clean import clean_text

    c = clean_text(raw, keep_all=keep_all, title=title, first_line_title=first_line_title)
    text, prev = c.text, 0
    for start, end in c.paragraphs:
        assert prev <= start < end <= len(text), (start, end, len(text))
        assert text[start:end].strip(), (start, end)
        assert not text[prev:start].strip(), text[prev:start]
        prev = end
    assert not text[prev:].strip()
    assert is_subsequence(_visible(text), _visible(raw))
    if c.title is not None:
        assert is_subsequence(_visible(c.title), _visible(raw))
    n_lines = raw.count("\n") + raw.count("\r") + raw.count("\u2028") + raw.count("\u2029") + raw.count("\x0b")
    n_lines += raw.count("\x0c") + raw.count("\x1c") + raw.count("\x1d") + raw.count("\x1e") + raw.count("\x85") + 1
    for r in c.removed:
        assert r.line is None or 0 <= r.line < n_lines, (r, n_lines)
        assert r.reason
    if keep_all:
        assert c.removed == []
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in c.hints.items())


def check_quote_marks(text: str) -> None:
    """Quoted pieces, paragraphs and sentence starts lie in the text, in order; a piece's marks are outside it."""
    from storyline.analyse.quotes.marks import paragraphs, quoted_spans, sentence_starts

    paras = paragraphs(text)
    for i, (a, b) in enumerate(paras):
        nxt = paras[i + 1][0] if i + 1 < len(paras) else len(text) + 1
        assert 0 <= a < b <= len(text) and b < nxt
        assert text[a:b] == text[a:b].strip() and "\n" not in text[a:b]
    spans = quoted_spans(text)
    for q in spans:
        assert 0 <= q.start <= q.end <= len(text), q
        if q.open_mark is not None:
            assert 0 <= q.open_mark < q.start, q
        if q.close_mark is not None:
            assert q.end <= q.close_mark < len(text), q
    starts = sentence_starts(text, spans)
    assert all(0 <= s <= len(text) for s in starts)


def check_quotes(doc: object, text: str) -> None:
    """Every quote found by the full quote finder cites its own text, and its speaker's span is in the text."""
    from storyline.analyse.entities import mentions_from_doc
    from storyline.analyse.quotes import quotes_from_doc

    mentions = mentions_from_doc(doc)
    for m in mentions:
        assert text[m.start : m.end] == m.text, m
    for q in quotes_from_doc(doc, mentions):
        assert 0 <= q.start < q.end <= len(text), q
        assert q.kind in ("direct", "partial", "indirect"), q
        assert q.text == text[q.start : q.end], (q.text, text[q.start : q.end])
        if q.speaker_start is not None or q.speaker_end is not None:
            assert q.speaker_start is not None and q.speaker_end is not None
            assert 0 <= q.speaker_start < q.speaker_end <= len(text), q


_TIMEX = re.compile(
    r"(?:\d{4}|\d{2}|X{4})(?:-(?:\d{2}|XX|W\d{2}|WXX|Q[1-4]|QX|H[12]|SP|SU|FA|WI))?(?:-(?:\d{2}|XX|WE|\d))?"
    r"(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?"
    r"|P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|Q|H)"
    r"|PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)"
    r"|(?:PRESENT|PAST|FUTURE)_REF"
)
"""TimeML TIMEX3 values, loosely: a (partial) date with optional time, a duration, or a *_REF."""


def check_dates(text: str, ref: dt.date | None, ref_year: int | None) -> None:
    """Every date mention cites its own text, in order of appearance, with a known type and a point that is
    a real calendar date (or coarser) when it has one."""
    from storyline.analyse.dates import extract_dates, month_day_year, to_date

    for d in extract_dates(text, ref, ref_year):
        assert 0 <= d.start < d.end <= len(text), d
        assert d.text == text[d.start : d.end], d
        assert d.type in ("DATE", "TIME", "DURATION", "SET"), d
        assert d.value is None or isinstance(d.value, str), d
        point = d.point
        if point is not None and len(point) == 10:
            assert to_date(point) is not None, d
    mdy = month_day_year(text)
    if mdy is not None:
        assert 1 <= mdy[0] <= 12 and 1 <= mdy[1] <= 31, mdy


def check_date_string(text: str) -> None:
    """A parsed date string is a real ``YYYY-MM-DD`` day."""
    from storyline.analyse.dates import parse_date_string, to_date

    out = parse_date_string(text)
    assert out is None or to_date(out) is not None, out


def check_numbers(doc: object, text: str) -> None:
    """Every figure cites its own text, in order and without overlap, with a finite value."""
    from storyline.analyse.numbers import numbers_from_doc

    prev = 0
    for n in numbers_from_doc(doc):
        assert prev <= n.start < n.end <= len(text), n
        assert n.text == text[n.start : n.end], n
        assert n.value is None or math.isfinite(n.value), n
        prev = n.end
