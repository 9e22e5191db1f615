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
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.render import svg
from storyline.render.dossier import (
    PARAPHRASE_LABEL,
    canonical_kind,
    glossed,
    is_verbatim,
    quote_kind_label,
    roles_once,
    time_note,
)
from storyline.render.events_section import events_markdown

__all__ = ["escape_md", "render_markdown"]

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


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


class _Footnotes:
    """Numbers cites in order of first use; the same passage cited twice gets one footnote."""

    def __init__(self, articles: Mapping[str, Mapping[str, Any]]) -> None:
        self.articles = articles
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.lines: list[str] = []

    def ref(self, cite: object) -> str:
        c = cite if isinstance(cite, Mapping) else {}
        key = (_str(c.get("article_id")), _int(c.get("start")), _int(c.get("end")))
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.lines.append(self._define(self.numbers[key], key, c))
        return f"[^{self.numbers[key]}]"

    def refs(self, cites: object) -> str:
        return "".join(self.ref(c) for c in _list(cites))

    def _define(self, n: int, key: tuple[str, int, int], c: Mapping[str, Any]) -> str:
        aid, start, end = key
        article = self.articles.get(aid) or {}
        label = _str(c.get("label")) or _str(c.get("source")) or _str(article.get("source")) or "Unknown outlet"
        title = _str(c.get("title")) or _str(article.get("title"))
        path = _str(article.get("path")) or aid
        line = f'[^{n}]: {escape_md(label)} — "{escape_md(title)}", chars {start}–{end} of {_code(path)}'
        text = _str(article.get("text"))
        if not article:
            return line + " (article not in this dossier)"
        excerpt = text[max(start, 0) : max(end, 0)]
        if excerpt.strip():
            short = excerpt if len(excerpt) <= _EXCERPT else excerpt[: _EXCERPT - 1].rstrip() + "…"
            line += f": “{escape_md(short)}”"
        return line


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return 0


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> list[str]:
    """A GitHub table; cells must already be escaped."""
    out = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if num else "---" for num in numeric) + "|",
    ]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def render_markdown(dossier: Mapping[str, Any]) -> str:
    """Render ``dossier`` to a Markdown document with a footnote for every cited passage.

    Sections appear only when they have content: Summary, Timeline, Key sentences, Quotes, Claims,
    Conflicts, Key people/organisations/places, Articles; the footnote definitions come last.

    Example:
        >>> article = {"id": "a1", "title": "A", "path": "a.txt", "source": "Reuters", "text": "Xi called."}
        >>> cite = {"article_id": "a1", "start": 0, "end": 10}
        >>> md = render_markdown({"story": {"title": "T"}, "articles": [article],
        ...                       "key_sentences": [{"text": "Xi called.", "cites": [cite]}]})
        >>> "[^1]: Reuters — \\"A\\", chars 0–10 of `a.txt`" in md
        True
    """
    story: Mapping[str, Any] = dossier.get("story") or {}
    articles = [a for a in _list(dossier.get("articles")) if isinstance(a, Mapping)]
    by_id = {_str(a.get("id")): a for a in articles}
    notes = _Footnotes(by_id)
    out: list[str] = [f"# {escape_md(_str(story.get('title')) or 'Untitled story')}", ""]

    # The facts line.
    facts: list[str] = []
    if story.get("event_date"):
        why = f" ({escape_md(story.get('event_date_why'))})" if story.get("event_date_why") else ""
        facts.append(f"**Event date:** {escape_md(story['event_date'])}{why}")
    n_articles = _int(story.get("article_count")) if story.get("article_count") is not None else len(articles)
    facts.append(f"**{n_articles}** article{'s' if n_articles != 1 else ''}")
    if story.get("independent_sources") is not None:
        n_sources = _int(story.get("independent_sources"))
        facts.append(f"**{n_sources}** independent source{'s' if n_sources != 1 else ''}")
    outlets = [str(o) for o in _list(story.get("outlets")) if o] or list(
        dict.fromkeys(_str(a.get("source")) for a in articles if a.get("source"))
    )
    if outlets:
        facts.append("outlets: " + ", ".join(escape_md(o) for o in outlets))
    out += [" · ".join(facts), ""]
    date_range = _list(story.get("date_range"))
    if len(date_range) == 2 and date_range[0]:
        span = (
            escape_md(date_range[0])
            if date_range[0] == date_range[1]
            else f"{escape_md(date_range[0])} to {escape_md(date_range[1])}"
        )
        out += [f"Published {span}.", ""]

    now = svg.latest_date([*(date_range[1:2]), *(_str(a.get("published")) or None for a in articles)])

    summary = [s for s in _list(dossier.get("summary")) if isinstance(s, Mapping)]
    if summary:
        out += ["## Summary", ""]
        for s in summary:
            out += [f"{escape_md(s.get('text'))}{notes.refs(s.get('cites'))}", ""]

    timeline = [t for t in _list(dossier.get("timeline")) if isinstance(t, Mapping)]
    if timeline:
        out += ["## Timeline", ""]
        for t in timeline:
            date = _str(t.get("date")) or "undated"
            flag = " *(announced)*" if t.get("future") or svg.is_after(date, now) else ""
            n = _int(t.get("sources"))
            count = f" *({n} sources)*" if n > 1 else ""
            text = glossed(_str(t.get("text")), t.get("speaker"))
            due = "; ".join(
                f"{c.get('text')}: {time_note(c)}" for c in _list(t.get("commitments")) if isinstance(c, Mapping)
            )
            due = f" *({escape_md(due)})*" if due else ""
            out.append(f"- **{escape_md(date)}**{flag} — {escape_md(text)}{due}{count}{notes.refs(t.get('cites'))}")
        out.append("")

    key_sentences = [k for k in _list(dossier.get("key_sentences")) if isinstance(k, Mapping)]
    if key_sentences:
        out += ["## Key sentences", ""]
        for k in key_sentences:
            out += [f"> {escape_md(k.get('text'))}{notes.refs(k.get('cites'))}", ""]

    quotes = [q for q in _list(dossier.get("quotes")) if isinstance(q, Mapping)]
    if quotes:
        out += ["## Quotes", ""]
        for q, role in zip(quotes, roles_once(quotes), strict=True):
            kind = _str(q.get("kind")) or "direct"
            words = _quoted_md(q.get("text"), kind)
            who = f"**{escape_md(q.get('speaker'))}**" if q.get("speaker") else "*unattributed*"
            if role:
                who += f" ({escape_md(role)})"
            cue = f", {escape_md(q.get('cue'))}" if q.get("cue") else ""
            cites = [q["cite"]] if q.get("cite") else _list(q.get("cites"))
            out += [f"> {words}", ">", f"> — {who}{cue} ({quote_kind_label(kind)}){notes.refs(cites)}", ""]

    out += _comparison_md(dossier, notes)
    out += events_markdown([e for e in _list(dossier.get("events")) if isinstance(e, Mapping)], notes.refs)

    entities = [e for e in _list(dossier.get("entities")) if isinstance(e, Mapping)]
    if entities:
        columns = list(outlets)
        for e in entities:
            per = e.get("per_outlet")
            if isinstance(per, Mapping):
                columns += [str(k) for k in per if str(k) not in columns]
        rows = []
        for e in entities:
            per = e.get("per_outlet") if isinstance(e.get("per_outlet"), Mapping) else {}
            assert isinstance(per, Mapping)
            aliases = [str(a) for a in _list(e.get("aliases")) if str(a) != _str(e.get("name"))][:4]
            rows.append(
                [
                    f"**{escape_md(e.get('name'))}**",
                    escape_md(e.get("type")),
                    escape_md(", ".join(aliases)),
                    str(_int(e.get("mentions"))),
                    *(str(_int(per.get(c))) for c in columns),
                ]
            )
        out += ["## Key people, organisations and places", ""]
        out += _table(
            ["Name", "Type", "Also called", "Mentions", *(escape_md(c) for c in columns)],
            rows,
            [False, False, False, True, *(True for _ in columns)],
        )
        out.append("")

    if articles:
        rows = []
        for i, a in enumerate(articles, 1):
            published = _str(a.get("published")) or "undated"
            how = _HOW.get(_str(a.get("published_how")), _str(a.get("published_how")))
            published = f"{escape_md(published)} ({escape_md(how)})" if how else escape_md(published)
            path = escape_md(_str(a.get("path")))
            url = _link_url(a.get("url"))
            where = f"[{path}](<{url}>)" if url else path
            title = escape_md(_str(a.get("title")) or _str(a.get("path")))
            if a.get("duplicate_of"):
                title += f" *(copy of {escape_md(a.get('duplicate_of'))})*"
            # Without a source the dossier builder lists the article under its file name.
            name = _str(a.get("path")).replace("\\", "/").rsplit("/", 1)[-1]
            outlet = _str(a.get("outlet")) or _str(a.get("source")) or (name if name in outlets else "unknown")
            rows.append(
                [
                    str(i),
                    escape_md(outlet),
                    title,
                    published,
                    str(_int(a.get("words")) or len(_str(a.get("text")).split())),
                    where,
                ]
            )
        out += ["## Articles", ""]
        out += _table(
            ["#", "Outlet", "Title", "Published", "Words", "File"],
            rows,
            [True, False, False, False, True, False],
        )
        out.append("")

    generated = escape_md(_str(dossier.get("generated_by")) or "storyline")
    schema = f", dossier schema {escape_md(dossier.get('schema_version'))}" if dossier.get("schema_version") else ""
    out += [f"*Generated by {generated}{schema}.*", ""]
    # Footnote definitions last (renderers gather them at the end anyway), one per cited passage.
    if notes.lines:
        out += [*notes.lines, ""]
    return "\n".join(out)


_MARK = {
    "reported": "✓ reported",
    "differently": "≠ differently",
    "not reported": "— not reported",
    "unclear": "? unclear",
}


def _quoted_md(text: object, kind: object) -> str:
    """Words in quotation marks only where the source has them in quotation marks; reported speech plain, in italics."""
    words = escape_md(text)
    return f"“{words}”" if is_verbatim(kind) else f"*{words}*"


def _comparison_md(dossier: Mapping[str, Any], notes: _Footnotes) -> list[str]:
    """Claims (with the outlet × claim matrix), conflicts, account comparisons, figures and aligned quotes."""
    out: list[str] = []
    claims = [c for c in _list(dossier.get("claims")) if isinstance(c, Mapping)]
    if claims:
        out += ["## Claims", "", "Statements two or more independent sources report, most corroborated first.", ""]
        for c in claims:
            n = _int(c.get("sources"))
            label = f" *({n} source{'s' * (n != 1)})*" if n else ""
            out.append(f"- {escape_md(c.get('text'))}{label}{notes.refs(c.get('support') or c.get('cites'))}")
            for x in _list(c.get("conflicts")):
                if isinstance(x, Mapping):
                    refs = notes.refs([x] if "article_id" in x else x.get("cites"))
                    out.append(f"  - *disputed:* {escape_md(x.get('why') or x.get('text'))}{refs}")
        out.append("")
    matrix = dossier.get("matrix") if isinstance(dossier.get("matrix"), Mapping) else {}
    assert isinstance(matrix, Mapping)
    rows = [r for r in _list(matrix.get("rows")) if isinstance(r, Mapping)]
    outlets = [str(o) for o in _list(matrix.get("outlets"))]
    if rows and outlets:
        legend = "✓ reported · ≠ reported differently · — not reported · ? unclear (no claim either way)"
        out += ["## Who reports what", "", legend, ""]
        table = []
        for i, r in enumerate(rows, 1):
            text = _str(r.get("text"))
            short = text if len(text) <= 90 else text[:89].rstrip() + "…"
            cells = []
            for cell in _list(r.get("cells")):
                status = _str(cell.get("status")) if isinstance(cell, Mapping) else ""
                mark = _MARK.get(status, status)
                if isinstance(cell, Mapping) and cell.get("why"):
                    mark += f": {escape_md(cell.get('why'))}"
                cells.append(mark)
            table.append([str(i), escape_md(short), *cells])
        out += _table(["#", "Claim", *(escape_md(o) for o in outlets)], table, [True, False, *(False for _ in outlets)])
        out.append("")
    conflicts = [x for x in _list(dossier.get("conflicts")) if isinstance(x, Mapping)]
    if conflicts:
        out += ["## Conflicts", ""]
        for x in conflicts:
            why = f" — {escape_md(x.get('why'))}" if x.get("why") else ""
            refs = notes.refs([x] if "article_id" in x else x.get("cites"))
            out.append(f"- {escape_md(x.get('text'))}{why}{refs}")
        out.append("")
    accounts = [a for a in _list(dossier.get("accounts")) if isinstance(a, Mapping)]
    if accounts:
        out += [
            "## Accounts compared",
            "",
            "What the articles say one party's own account left out, beside the other party's account as reported.",
            "",
        ]
        for a in accounts:
            label = escape_md(a.get("account_label") or f"{a.get('party') or 'one party'}’s account")
            topic = escape_md(a.get("topic") or "")
            n = _int(a.get("sources"))
            out.append(
                f"- **Left out of {label}: {topic}** *({n} source{'s' if n != 1 else ''})*: "
                f"{escape_md(a.get('text'))}{notes.refs(a.get('support'))}"
            )
            counter = _list(a.get("counter"))
            if counter:
                out.append(f"  - the other side's account, as reported:{notes.refs(counter)}")
        out.append("")
    figures = [f for f in _list(dossier.get("figures")) if isinstance(f, Mapping)]
    if figures:
        out += ["## Figures", ""]
        for f in figures:
            status = "agree" if f.get("status") == "agree" else f"**conflict** ({escape_md(f.get('why'))})"
            values = "; ".join(
                f"{escape_md(v.get('text'))} ({escape_md(v.get('source') or v.get('label'))}){notes.ref(v)}"
                for v in _list(f.get("values"))
                if isinstance(v, Mapping)
            )
            time = f", {escape_md(f.get('time'))}" if f.get("time") else ""
            time += f" ({escape_md(time_note(f))})" if time_note(f) else ""
            out.append(f"- {escape_md(f.get('about'))}{time}: {values} — {status}")
        out.append("")
    groups = [q for q in _list(dossier.get("quote_groups")) if isinstance(q, Mapping)]
    if groups:
        out += ["## Quotes across outlets", ""]
        for q in groups:
            who = f"**{escape_md(q.get('speaker'))}**" if q.get("speaker") else "*unattributed*"
            words = _quoted_md(q.get("text"), canonical_kind(q))
            n = _int(q.get("sources"))
            out += [f"> {words}", ">", f"> — {who}, in {n} source{'s' * (n != 1)}", ""]
            for v in _list(q.get("versions")):
                if isinstance(v, Mapping):
                    how = f" ({escape_md(v.get('relation'))}, {escape_md(v.get('kind'))})"
                    how = how if is_verbatim(v.get("kind")) else f", {PARAPHRASE_LABEL}"
                    out.append(
                        f"- {escape_md(v.get('source'))}{how}: {_quoted_md(v.get('text'), v.get('kind'))}{notes.ref(v)}"
                    )
            out.append("")
    return out
