"""Render a story dossier as Markdown (CommonMark + GitHub tables and footnotes).

Every statement ends with footnote references; each footnote names the outlet, the article and the exact
character range of its cleaned text, so anything in the dossier can be traced back to its source::

    [^1]: Bloomberg, 25 Nov 2025 — "Xi puts Taiwan back on the agenda", chars 120–240 of `seeds/001.txt`

Article-derived text is escaped, so a headline containing ``|``, ``*`` or ``<script>`` renders as text.

Example:
    >>> md = render_markdown({"story": {"title": "Xi calls Trump"}, "articles": []})
    >>> md.splitlines()[0]
    '# Xi calls Trump'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.render import svg
from storyline.render.dossier import (
    PARAPHRASE_LABEL,
    act_parts,
    glossed,
    is_verbatim,
    period_note,
    quote_kind_label,
    roles_once,
    time_note,
    until_note,
)
from storyline.render.dossier_model import Dossier, DossierArticle, SourceCite, as_dossier
from storyline.render.events_section import events_markdown

__all__ = ["SECTIONS", "escape_md", "render_markdown"]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)
_HOW = {"metadata": "metadata", "text": "from text", "inferred": "inferred", "user": "given by user"}
_EXCERPT = 160


def escape_md(text: object) -> str:
    """Escape text for an inline Markdown context (paragraph, list item, table cell, blockquote).

    Newlines collapse to spaces; characters that Markdown or a table would interpret get a backslash.

    Example:
        >>> escape_md("US | China *trade* <b>")
        'US \\\\| China \\\\*trade\\\\* \\\\<b\\\\>'
    """
    s = " ".join(str(text or "").split())
    s = _INLINE_SPECIAL.sub(r"\\\1", s)
    s = _ENTITY_LIKE.sub(r"\\&", s)
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), s)


def _code(text: str) -> str:
    """An inline code span that survives backticks in ``text`` (not for table cells: ``|`` is kept)."""
    text = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link_url(url: object) -> str | None:
    if not isinstance(url, str) or not _SAFE_URL.match(url.strip()):
        return None
    return url.strip().replace("(", "%28").replace(")", "%29").replace("|", "%7C")


class _Footnotes:
    """Numbers cites in order of first use; the same passage cited twice gets one footnote."""

    def __init__(self, articles: Mapping[str, DossierArticle]) -> None:
        self.articles = articles
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.lines: list[str] = []

    def ref(self, c: SourceCite) -> str:
        key = (c.article_id, c.start, c.end)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.lines.append(self._define(self.numbers[key], c))
        return f"[^{self.numbers[key]}]"

    def refs(self, cites: Iterable[SourceCite]) -> str:
        return "".join(self.ref(c) for c in cites)

    def _define(self, n: int, c: SourceCite) -> str:
        aid, start, end = c.article_id, c.start, c.end
        article = self.articles.get(aid)
        label = c.label or c.source or (article.source if article else None) or "Unknown outlet"
        title = c.title or (article.title if article else "")
        path = (article.path if article else "") or aid
        line = f'[^{n}]: {escape_md(label)} — "{escape_md(title)}", chars {start}–{end} of {_code(path)}'
        if article is None:
            return line + " (article not in this dossier)"
        excerpt = article.text[max(start, 0) : max(end, 0)]
        if excerpt.strip():
            short = excerpt if len(excerpt) <= _EXCERPT else excerpt[: _EXCERPT - 1].rstrip() + "…"
            line += f": “{escape_md(short)}”"
        return line


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> list[str]:
    """A GitHub table; cells must already be escaped."""
    out = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if num else "---" for num in numeric) + "|",
    ]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


@dataclass(slots=True)
class _Page:
    """What the sections share: the footnotes (numbered in order of first use) and the story's "now"."""

    notes: _Footnotes
    now: str | None


def render_markdown(dossier: Dossier | Mapping[str, Any]) -> str:
    """Render ``dossier`` (typed, or its JSON form) to a Markdown document with a footnote for every cited passage.

    Sections appear only when they have content, in the order of :data:`SECTIONS`; the footnote definitions
    come last.

    Example:
        >>> article = {"id": "a1", "title": "A", "path": "a.txt", "source": "Reuters", "text": "Xi called."}
        >>> cite = {"article_id": "a1", "start": 0, "end": 10}
        >>> md = render_markdown({"story": {"title": "T"}, "articles": [article],
        ...                       "key_sentences": [{"text": "Xi called.", "cites": [cite]}]})
        >>> "[^1]: Reuters — \\"A\\", chars 0–10 of `a.txt`" in md
        True
    """
    d = as_dossier(dossier)
    page = _Page(_Footnotes({a.id: a for a in d.articles}), svg.latest_date(d.reference_dates()))
    out = [line for _, section in SECTIONS for line in section(d, page)]
    # Footnote definitions last (renderers gather them at the end anyway), one per cited passage.
    if page.notes.lines:
        out += [*page.notes.lines, ""]
    return "\n".join(out)


def _header(d: Dossier, page: _Page) -> list[str]:
    story = d.story
    out = [f"# {escape_md(story.title) or 'Untitled story'}", ""]
    facts: list[str] = []
    if story.event_date:
        why = f" ({escape_md(story.event_date_why)})" if story.event_date_why else ""
        facts.append(f"**Event date:** {escape_md(story.event_date)}{why}")
    n = story.article_count
    facts.append(f"**{n}** article{'s' if n != 1 else ''}")
    n = story.independent_sources
    facts.append(f"**{n}** independent source{'s' if n != 1 else ''}")
    if story.outlets:
        facts.append("outlets: " + ", ".join(escape_md(o) for o in story.outlets))
    out += [" · ".join(facts), ""]
    if story.date_range:
        first, last = story.date_range
        span = escape_md(first) if first == last else f"{escape_md(first)} to {escape_md(last)}"
        out += [f"Published {span}.", ""]
    return out


def _summary(d: Dossier, page: _Page) -> list[str]:
    out = ["## Summary", ""] if d.summary else []
    for s in d.summary:
        out += [f"{escape_md(s.text)}{page.notes.refs(s.cites)}", ""]
    return out


def _timeline(d: Dossier, page: _Page) -> list[str]:
    if not d.timeline:
        return []
    out = ["## Timeline", ""]
    for t in d.timeline:
        date = (t.date if svg.date_span(t.date) else svg.format_date(t.date)) or "undated"  # "2016-FA": autumn
        flag = " *(announced)*" if t.future or svg.is_after(date, page.now) else ""
        count = f" *({t.sources} sources)*" if t.sources > 1 else ""
        due = until_note(t.until, t.until_how) or "; ".join(
            f"{c.text}: {period_note(c.period, c.deadline)}" for c in t.commitments
        )
        due = f" *({escape_md(due)})*" if due else ""
        due += f" *(outlets differ — {escape_md(t.differs)})*" if t.differs else ""
        before, act, after = act_parts(glossed(t.text, t.speaker), t.commitment_text)
        marked = f"{before}\ue000{act}\ue001{after}" if act else after  # escaped as one text, then set in bold
        text = escape_md(marked).replace("\ue000", "**").replace("\ue001", "**")
        out.append(f"- **{escape_md(date)}**{flag} — {text}{due}{count}{page.notes.refs(t.cites)}")
    return [*out, ""]


def _key_sentences(d: Dossier, page: _Page) -> list[str]:
    out = ["## Key sentences", ""] if d.key_sentences else []
    for k in d.key_sentences:
        out += [f"> {escape_md(k.text)}{page.notes.refs(k.cites)}", ""]
    return out


def _quotes(d: Dossier, page: _Page) -> list[str]:
    out = ["## Quotes", ""] if d.quotes else []
    for q, role in zip(d.quotes, roles_once(d.quotes), strict=True):
        kind = q.kind or "direct"
        who = f"**{escape_md(q.speaker)}**" if q.speaker else "*unattributed*"
        if role:
            who += f" ({escape_md(role)})"
        cue = f", {escape_md(q.cue)}" if q.cue else ""
        refs = page.notes.refs([q.cite, *q.also] if q.cite else q.also)
        label = escape_md(quote_kind_label(kind, q.according_to))
        out += [f"> {_quoted_md(q.text, kind)}", ">", f"> — {who}{cue} ({label}){refs}", ""]
    return out


def _entities(d: Dossier, page: _Page) -> list[str]:
    if not d.entities:
        return []
    columns = list(d.story.outlets)
    for e in d.entities:
        columns += [k for k in e.per_outlet if k not in columns]
    rows = [
        [
            f"**{escape_md(e.name)}**",
            escape_md(e.type),
            escape_md(", ".join([a for a in e.aliases if a != e.name][:4])),
            str(e.mentions),
            *(str(e.per_outlet.get(c, 0)) for c in columns),
        ]
        for e in d.entities
    ]
    header = ["Name", "Type", "Also called", "Mentions", *(escape_md(c) for c in columns)]
    out = ["## Key people, organisations and places", ""]
    return [*out, *_table(header, rows, [False, False, False, True, *(True for _ in columns)]), ""]


def _articles(d: Dossier, page: _Page) -> list[str]:
    if not d.articles:
        return []
    rows = []
    for i, a in enumerate(d.articles, 1):
        how = _HOW.get(a.published_how or "", a.published_how or "")
        published = escape_md(a.published or "undated") + (f" ({escape_md(how)})" if how else "")
        url = _link_url(a.url)
        where = f"[{escape_md(a.path)}](<{url}>)" if url else escape_md(a.path)
        title = escape_md(a.title or a.path)
        if a.duplicate_of:
            title += f" *(copy of {escape_md(a.duplicate_of)})*"
        rows.append([str(i), escape_md(a.outlet), title, published, str(a.words), where])
    out = ["## Articles", ""]
    header = ["#", "Outlet", "Title", "Published", "Words", "File"]
    return [*out, *_table(header, rows, [True, False, False, False, True, False]), ""]


def _footer(d: Dossier, page: _Page) -> list[str]:
    generated = escape_md(d.generated_by or "storyline")
    schema = f", dossier schema {escape_md(d.schema_version)}" if d.schema_version else ""
    return [f"*Generated by {generated}{schema}.*", ""]


_MARK = {
    "reported": "✓ reported",
    "differently": "≠ differently",
    "not reported": "— not reported",
    "unclear": "? unclear",
}


def _quoted_md(text: str, kind: str | None) -> str:
    """Words in quotation marks only where the source has them in quotation marks; reported speech plain, in italics."""
    words = escape_md(text)
    return f"“{words}”" if is_verbatim(kind) else f"*{words}*"


def _claims(d: Dossier, page: _Page) -> list[str]:
    if not d.claims:
        return []
    out = ["## Claims", "", "Statements two or more independent sources report, most corroborated first.", ""]
    for c in d.claims:
        n = c.sources
        label = f" *({n} source{'s' * (n != 1)})*" if n else ""
        out.append(f"- {escape_md(c.text)}{label}{page.notes.refs(c.support)}")
        for x in c.conflicts:
            out.append(f"  - *disputed:* {escape_md(x.why)}{page.notes.ref(x.cite)}")
    return [*out, ""]


def _matrix(d: Dossier, page: _Page) -> list[str]:
    rows, outlets = d.matrix.rows, d.matrix.outlets
    if not (rows and outlets):
        return []
    legend = "✓ reported · ≠ reported differently · — not reported · ? unclear (no claim either way)"
    out = ["## Who reports what", "", legend, ""]
    table = []
    for i, r in enumerate(rows, 1):
        short = r.text if len(r.text) <= 90 else r.text[:89].rstrip() + "…"
        cells = [
            _MARK.get(c.status, c.status) + (f": {escape_md(c.why)}" if c.why else "") + page.notes.refs(c.near)
            for c in r.cells
        ]
        table.append([str(i), escape_md(short), *cells])
    out += _table(["#", "Claim", *(escape_md(o) for o in outlets)], table, [True, False, *(False for _ in outlets)])
    return [*out, ""]


def _conflicts(d: Dossier, page: _Page) -> list[str]:
    if not d.conflicts:
        return []
    out = ["## Conflicts", ""]
    for x in d.conflicts:
        why = f" — {escape_md(x.why)}" if x.why else ""
        out.append(f"- {escape_md(x.text)}{why}{page.notes.refs(x.cites)}")
    return [*out, ""]


def _accounts(d: Dossier, page: _Page) -> list[str]:
    if not d.accounts:
        return []
    out = [
        "## Accounts compared",
        "",
        "What the articles say one party's own account left out, beside the other party's account as reported.",
        "",
    ]
    for a in d.accounts:
        label = escape_md(a.account_label or f"{a.party or 'one party'}’s account")
        n = a.sources
        out.append(
            f"- **Left out of {label}: {escape_md(a.topic)}** *({n} source{'s' if n != 1 else ''})*: "
            f"{escape_md(a.text)}{page.notes.refs(a.support)}"
        )
        if a.counter:
            out.append(f"  - the other side's account, as reported:{page.notes.refs(c.cite for c in a.counter)}")
    return [*out, ""]


def _figures(d: Dossier, page: _Page) -> list[str]:
    if not d.figures:
        return []
    out = ["## Figures", ""]
    for f in d.figures:
        shown = {"agree": "agree", "updated": escape_md(f.why)}  # "changed between reports: 200 (…) → 250 (…)"
        status = shown.get(f.status, f"**conflict** ({escape_md(f.why)})")
        status = "one source" if f.one_source else status
        values = "; ".join(
            f"{escape_md(v.text)} ({escape_md(v.cite.source or v.cite.label)}"
            + (f", {escape_md(time_note(v.extra))}" if f.status == "conflict" and time_note(v.extra) else "")
            + f"){page.notes.ref(v.cite)}"
            for v in f.values
        )
        note = f.note_shown(period_note(f.period, f.deadline))
        time = (f", {escape_md(f.time_shown)}" if f.time_shown else "") + (f" ({escape_md(note)})" if note else "")
        kind = "commitment: " if f.extra.get("kind") == "commitment" else ""
        out.append(f"- {kind}{escape_md(f.about)}{time}: {values} — {status}")
    return [*out, ""]


def _quote_groups(d: Dossier, page: _Page) -> list[str]:
    out = ["## Quotes across outlets", ""] if d.quote_groups else []
    for q in d.quote_groups:
        who = f"**{escape_md(q.speaker)}**" if q.speaker else "*unattributed*"
        n = q.sources
        out += [f"> {_quoted_md(q.text, q.canonical_kind)}", ">", f"> — {who}, in {n} source{'s' * (n != 1)}", ""]
        for v in q.versions:
            how = f" ({escape_md(v.relation)}, {escape_md(v.kind)})" if is_verbatim(v.kind) else f", {PARAPHRASE_LABEL}"
            out.append(f"- {escape_md(v.cite.source)}{how}: {_quoted_md(v.text, v.kind)}{page.notes.ref(v.cite)}")
        out.append("")
    return out


def _events(d: Dossier, page: _Page) -> list[str]:
    return events_markdown(d.events, page.notes.refs)


#: The dossier's sections in the order they are written: (section, renderer); a renderer gives no lines for an
#: empty section.
SECTIONS: tuple[tuple[str, Callable[[Dossier, _Page], list[str]]], ...] = (
    ("story", _header),
    ("summary", _summary),
    ("timeline", _timeline),
    ("key_sentences", _key_sentences),
    ("quotes", _quotes),
    ("claims", _claims),
    ("matrix", _matrix),
    ("conflicts", _conflicts),
    ("accounts", _accounts),
    ("figures", _figures),
    ("quote_groups", _quote_groups),
    ("events", _events),
    ("entities", _entities),
    ("articles", _articles),
    ("generated_by", _footer),
)
