"""Turn an article's offsets (entities, quotes, dates, a cited passage) into safe HTML.

Every slice of article text between two offsets is escaped on its own; the only markup added is the tags
built here, with escaped attribute values. Spans may nest or cross: crossing spans are split so the
result is always well nested.

Example:
    >>> text = "Xi said <b>no</b>."
    >>> spans = [Span(0, 2, "ent", {"href": "/entities/e1"}), Span(8, 18, "cite")]
    >>> str(mark_text(text, [(0, len(text))], spans)[0])
    '<a href="/entities/e1" class="ent">Xi</a> said <mark id="cite">&lt;b&gt;no&lt;/b&gt;.</mark>'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from storyline.model import Article

__all__ = ["Span", "article_spans", "highlight_snippet", "mark_text", "paragraph_spans", "snippet_around"]

_BLOCK = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_SNIPPET_MARK = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_RANK = {"cite": 0, "quote": 1, "date": 2, "num": 3, "ent": 4}


@dataclass(slots=True)
class Span:
    """A range of the text to wrap in a tag.

    Attributes:
        start: First character (code-point offset into the text).
        end: One past the last character.
        kind: ``cite`` (the cited passage: ``<mark id="cite">``), ``ent`` (a link when ``href`` is given),
            ``quote`` or ``date``.
        attrs: Extra attributes (``href``, ``title``, ``class``); values are escaped.
    """

    start: int
    end: int
    kind: str
    attrs: Mapping[str, str] = field(default_factory=dict)


def paragraph_spans(text: str, paragraphs: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Paragraph ranges clamped to the text, sorted and non-overlapping; blank-line blocks when none are given.

    Example:
        >>> paragraph_spans("One.\\n\\nTwo.", [])
        [(0, 4), (6, 10)]
    """
    n = len(text)
    raw = [(max(0, min(int(p[0]), n)), max(0, min(int(p[1]), n))) for p in paragraphs if len(p) >= 2]
    if not raw:
        raw = [(m.start(), m.end()) for m in _BLOCK.finditer(text)]
    out: list[tuple[int, int]] = []
    last = 0
    for s, e in sorted(raw):
        s = max(s, last)
        if s < e:
            out.append((s, e))
            last = e
    return out


def article_spans(
    article: Article, *, cite: tuple[int, int] | None = None, entity_href: str = "/entities/{id}"
) -> list[Span]:
    """The spans to mark in an article: its entity mentions, quotes and dates, and the cited passage.

    Args:
        article: The analysed article.
        cite: ``(start, end)`` of a cited passage to highlight, or None.
        entity_href: URL pattern for a mention with a canonical entity (``{id}`` is replaced).
    """
    spans: list[Span] = []
    if cite is not None:
        spans.append(Span(cite[0], cite[1], "cite"))
    for q in article.quotes:
        who = f"{q.kind} quote" + (f" — {q.speaker}" if q.speaker else "")
        spans.append(Span(q.start, q.end, "quote", {"title": who, "class": f"quote {q.kind}"}))
    for d in article.dates:
        spans.append(Span(d.start, d.end, "date", {"title": d.value or "date not resolved"}))
    last_end = -1
    for m in sorted(article.mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end:
            continue  # overlapping mentions would nest links
        last_end = m.end
        attrs = {"title": m.label, "class": f"ent {m.label.lower()}"}
        if m.entity_id:
            attrs["href"] = entity_href.replace("{id}", m.entity_id)
        spans.append(Span(m.start, m.end, "ent", attrs))
    return spans


def _open_tag(span: Span, with_id: bool) -> str:
    attrs = dict(span.attrs)
    if span.kind == "cite":
        tag = "mark"
        if with_id:
            attrs = {"id": "cite", **attrs}
    elif span.kind == "ent" and "href" in attrs:
        tag = "a"
        attrs.setdefault("class", "ent")
    else:
        tag = "span"
        attrs.setdefault("class", span.kind)
    rendered = "".join(f' {escape(k)}="{escape(v)}"' for k, v in attrs.items())
    return f"<{tag}{rendered}>"


def _close_tag(span: Span) -> str:
    if span.kind == "cite":
        return "</mark>"
    if span.kind == "ent" and "href" in span.attrs:
        return "</a>"
    return "</span>"


def _mark_range(text: str, lo: int, hi: int, spans: Sequence[Span], opened: set[int]) -> Markup:
    """One paragraph ``text[lo:hi]`` with the spans inside it, well nested (crossing spans split).

    The cited passage is always the outermost tag, so it stays one ``<mark>`` within a paragraph.
    """
    inside = [
        (max(s.start, lo), min(s.end, hi), i, s) for i, s in enumerate(spans) if max(s.start, lo) < min(s.end, hi)
    ]
    cuts = sorted({lo, hi, *(b for a, e, _, _ in inside for b in (a, e))})
    stack: list[tuple[int, Span]] = []
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = sorted(
            ((s_, e_, i, s) for s_, e_, i, s in inside if s_ <= a and b <= e_),
            key=lambda r: (r[3].kind != "cite", r[3].start, -r[3].end, _RANK.get(r[3].kind, 9), r[2]),
        )
        want = [(i, s) for _, _, i, s in active]
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep][0] == want[keep][0]:
            keep += 1
        for _, s in reversed(stack[keep:]):
            parts.append(_close_tag(s))
        for i, s in want[keep:]:
            parts.append(_open_tag(s, with_id=i not in opened))
            opened.add(i)
        stack = want
        parts.append(str(escape(text[a:b])))
    for _, s in reversed(stack):
        parts.append(_close_tag(s))
    return Markup("".join(parts))


def mark_text(text: str, paragraphs: Sequence[tuple[int, int]], spans: Sequence[Span]) -> list[Markup]:
    """The text of each paragraph as HTML, with every span wrapped in its tag.

    Args:
        text: The article's cleaned text (escaped slice by slice).
        paragraphs: ``(start, end)`` ranges, e.g. from :func:`paragraph_spans`.
        spans: What to mark; ranges outside the text are clamped, empty ones dropped.
    """
    n = len(text)
    clean = [Span(max(0, min(s.start, n)), max(0, min(s.end, n)), s.kind, s.attrs) for s in spans]
    clean = [s for s in clean if s.start < s.end]
    opened: set[int] = set()
    return [_mark_range(text, lo, hi, clean, opened) for lo, hi in paragraphs]


def snippet_around(text: str, start: int, end: int, *, context: int = 120) -> tuple[int, int]:
    """A window of about ``context`` characters either side of a span, widened to word boundaries.

    Example:
        >>> snippet_around("aa bb cc dd", 3, 5, context=2)
        (0, 8)
    """
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi


def highlight_snippet(snippet: str) -> Markup:
    """An FTS snippet (matches between ``[[`` and ``]]``) as escaped HTML with ``<mark>`` around matches.

    Example:
        >>> str(highlight_snippet("Rare [[earths]] <rose>"))
        'Rare <mark>earths</mark> &lt;rose&gt;'
    """
    escaped = str(escape(snippet))
    return Markup(_SNIPPET_MARK.sub(lambda m: f"<mark>{m.group(1)}</mark>", escaped))
