"""Lines and blocks for :mod:`storyline.ingest.clean`: raw lines in, paragraphs out.

Normalises newlines, spaces and invisible characters, tells hard-wrapped text from one-paragraph-per-line
text by the geometry of its lines, joins wrapped lines into paragraph blocks and assembles the kept blocks
into the body text with their offsets. Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .chrome_rules import _LIST_MARK, _TERMINAL

# --------------------------------------------------------------------------------------------------
# Lines and blocks
# --------------------------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(slots=True)
class _Line:
    no: int  # 0-based raw line number
    text: str  # stripped, inner whitespace collapsed, soft hyphens removed
    width: int  # raw width (indent included), for the hard-wrap geometry
    indent: int
    soft_hyphen: bool = False  # the raw line ended with U+00AD


@dataclass(slots=True)
class _Block:
    text: str
    line: int  # raw line number of its first line
    reason: str | None = None
    weak: bool = False  # matched only a weak rule (see Rule.weak)


def _split_lines(raw: str) -> list[_Line]:
    """Normalise newlines, spaces and invisible characters; one :class:`_Line` per raw line."""
    out: list[_Line] = []
    for no, line in enumerate(_INVISIBLE.sub("", _NEWLINES.sub("\n", raw)).split("\n")):
        line = line.expandtabs(4).rstrip()
        body = line.lstrip()
        soft = body.endswith("\u00ad")
        text = _SPACES.sub(" ", body.replace("\u00ad", "")).strip()
        out.append(_Line(no, text, len(line), len(line) - len(body), soft))
    return out


_WRAP_SLACK = 2  # columns: the wrap width is estimated (90th percentile), not known


def _wrap_width(lines: Sequence[_Line]) -> int | None:
    """The column the text was hard-wrapped at, or None when it is one paragraph per line.

    Wrapped text has no long lines and many lines that end mid-sentence although the next line's first
    word would not have fitted (the greedy-wrap signature).
    """
    filled = [ln for ln in lines if ln.text]
    widths = sorted(ln.width for ln in filled if ln.width >= 30)  # menus and table lines say nothing
    if len(filled) < 3 or len(widths) < 2:
        return None
    width = widths[min(len(widths) - 1, int(len(widths) * 0.9))]
    if width > 110:
        return None
    pairs = soft = lower = 0
    for a, b in zip(lines, lines[1:], strict=False):
        if not (a.text and b.text):
            continue
        pairs += 1
        lower += b.text[0].islower() or b.indent < a.indent  # mid-sentence, or back from a first-line indent
        if _is_full(a, b, width, slack=0.2 * width) and (a.text[-1] not in _TERMINAL or b.text[0].islower()):
            soft += 1
    # Breaks mid-sentence show as lines starting in lower case (or returning from a first-line indent);
    # one-paragraph-per-line text has almost none.
    wrapped = soft >= 2 and soft >= 0.3 * pairs and lower >= max(2, 0.2 * pairs)
    return width if wrapped else None


def _is_full(a: _Line, b: _Line, width: int, slack: float = _WRAP_SLACK) -> bool:
    """True when ``b``'s first word would not have fitted on ``a``: a wrapper's break, not the author's."""
    first = b.text.split(" ", 1)[0]
    return a.width + 1 + len(first) > width - slack


def _to_blocks(lines: Sequence[_Line]) -> list[_Block]:
    """Group lines into blocks: one per line, or joined paragraphs when the text is hard-wrapped.

    Blank lines always end a block.
    """
    width = _wrap_width(lines)
    base = _base_indent(lines) if width is not None else 0
    blocks: list[_Block] = []
    prev: _Line | None = None
    for ln in lines:
        if not ln.text:
            prev = None
            continue
        if prev is not None and (_continues(prev, ln, width, base) if width else _broken_sentence(prev, ln)):
            blocks[-1].text = _join(blocks[-1].text, ln.text, prev.soft_hyphen)
        else:
            blocks.append(_Block(ln.text, ln.no))
        prev = ln
    return blocks


def _broken_sentence(prev: _Line, ln: _Line) -> bool:
    """In one-paragraph-per-line text, a long line cut mid-sentence whose next line goes on in lower case.

    Catches a paragraph wrapped once in text that is otherwise not hard-wrapped ("...as rescue" /
    "boats searched ...").
    """
    return (
        prev.width >= _MIN_BROKEN_WIDTH
        and prev.text[-1] not in _TERMINAL
        and prev.text[-1] != ":"
        and ln.text[0].islower()
        and not ln.text.startswith(("http", "www."))
        and ln.indent <= prev.indent
    )


_MIN_BROKEN_WIDTH = 60


def _base_indent(lines: Sequence[_Line]) -> int:
    """The indentation of continuation lines: the smallest one that a fair share of lines use.

    Not simply the most common (a text of many one-line paragraphs, each indented, would make the
    paragraph indent the base), nor the minimum (one stray line at column 0 would make every line deeper).
    """
    indents = Counter(ln.indent for ln in lines if ln.text)
    total = sum(indents.values())
    for indent in sorted(indents):
        if indents[indent] >= max(2, 0.15 * total):
            return indent
    return indents.most_common(1)[0][0]


def _continues(prev: _Line, ln: _Line, width: int, base: int) -> bool:
    """Whether hard-wrapped line ``ln`` carries on the paragraph ``prev`` belongs to.

    ``base`` is the usual indentation; a line indented deeper starts a paragraph (first-line indent).
    """
    if ln.indent > base or ln.indent > prev.indent:
        return False
    if _LIST_MARK.match(ln.text) and (prev.text[-1] in _TERMINAL or prev.text.endswith(":")):
        return False
    return _is_full(prev, ln, width)


def _join(left: str, right: str, soft_hyphen: bool) -> str:
    """Join wrapped lines with a space; with nothing after a soft hyphen or a compound's hyphen ("well-")."""
    if soft_hyphen or (len(left) > 1 and left[-1] == "-" and left[-2].isalnum() and right[0].isalnum()):
        return left + right
    return f"{left} {right}"


def _assemble(blocks: Sequence[_Block], skip: int | None) -> tuple[str, list[tuple[int, int]]]:
    """Join the kept blocks (all but ``skip``, the title) with blank lines; return text and offsets."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, block in enumerate(blocks):
        if i == skip or block.reason is not None or not block.text:
            continue
        if parts:
            pos += 2
        parts.append(block.text)
        spans.append((pos, pos + len(block.text)))
        pos += len(block.text)
    return "\n\n".join(parts), spans
