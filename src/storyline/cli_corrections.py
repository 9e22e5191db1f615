"""The correction commands of ``storyline``: merge, split and move stories; rename outlets; mark claims wrong;
hide quotes; list and undo corrections. Registered on the main group by :mod:`storyline.cli`.

Each command records the correction in the store and applies it at once (through
:class:`storyline.corrections.Corrections`); every later ingest, repair or re-clustering keeps it.
"""

from __future__ import annotations

import json
from typing import Any

import click

from .cli import _ctx, _term, db_option, err, out, print_table
from .model import Correction
from .text import plural


def _done(c: Correction, extra: str = "") -> None:
    """Say what was recorded, and how to take it back."""
    undo = f"undo with: storyline corrections undo {c.id}"
    out.print(f"{_term(c.summary)}{extra} — correction {c.id}; {undo}", soft_wrap=True)


# ------------------------------------------------------------------------------------------- stories


@click.command("merge")
@click.argument("story_id")
@click.argument("other_id")
@db_option
@click.pass_context
def merge(ctx: click.Context, story_id: str, other_id: str, db: str | None) -> None:
    """OTHER_ID's articles join STORY_ID (which keeps its id), for good."""
    with _ctx(ctx, db).reading() as corpus:
        _done(corpus.merge_stories(story_id, other_id))


@click.command("split")
@click.argument("story_id")
@click.argument("articles", nargs=-1, required=True)
@db_option
@click.pass_context
def split(ctx: click.Context, story_id: str, articles: tuple[str, ...], db: str | None) -> None:
    """The named ARTICLES of STORY_ID form a new story, kept apart from the rest (ids, or their first 6+ characters)."""
    with _ctx(ctx, db).reading() as corpus:
        c, new = corpus.split_story(story_id, list(articles))
        _done(c, f": new story {new}" if new else "")


@click.command("recluster")
@db_option
@click.pass_context
def recluster(ctx: click.Context, db: str | None) -> None:
    """Group every article into stories again from scratch, keeping every correction in force."""
    with _ctx(ctx, db).reading() as corpus:
        before = len(corpus.store.stories())
        corpus.recluster()
        out.print(f"{plural(before, 'story')} before, {len(corpus.store.stories())} now; corrections kept")


@click.group("articles")
def articles() -> None:
    """Correct which story an article is in, or its outlet, date or web address."""


@articles.command("move")
@click.argument("article_id")
@click.argument("story_id")
@db_option
@click.pass_context
def move(ctx: click.Context, article_id: str, story_id: str, db: str | None) -> None:
    """ARTICLE_ID leaves its story for STORY_ID, for good."""
    with _ctx(ctx, db).reading() as corpus:
        _done(corpus.move_article(article_id, story_id))


@articles.command("set")
@click.argument("article_id")
@click.option("--source", default=None, metavar="NAME", help="The outlet that published it.")
@click.option("--published", default=None, metavar="DATE", help="Its publication date (YYYY-MM-DD).")
@click.option("--url", default=None, metavar="URL", help="Its web address.")
@db_option
@click.pass_context
def set_fields(
    ctx: click.Context, article_id: str, source: str | None, published: str | None, url: str | None, db: str | None
) -> None:
    """Correct ARTICLE_ID's outlet, publication date or web address; its dates are read again from the new date
    and the stories rebuilt."""
    with _ctx(ctx, db).reading() as corpus:
        _done(corpus.set_article(article_id, source=source, published=published, url=url))


# ------------------------------------------------------------------------------------------ curation


@click.group("outlets")
def outlets() -> None:
    """List outlets; rename one, or merge two names of one outlet."""


@outlets.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def outlets_list(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Every outlet with its number of articles."""
    from collections import Counter

    from .outlets import outlet_label

    with _ctx(ctx, db).reading() as corpus:
        counts = Counter(outlet_label(a) for a in corpus.articles())
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if as_json:
        out.print_json(json.dumps([{"outlet": o, "articles": n} for o, n in rows], ensure_ascii=False))
        return
    for o, n in rows:
        out.print(f"{n:5d}  {_term(o)}")


@outlets.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
@click.pass_context
def rename(ctx: click.Context, old: str, new: str, db: str | None) -> None:
    """Call outlet OLD NEW everywhere; when NEW is another outlet's name, the two become one outlet."""
    with _ctx(ctx, db).reading() as corpus:
        _done(corpus.rename_outlet(old, new))


@click.group("claims")
def claims() -> None:
    """List a story's claims; mark a claim, or one article's alignment to it, wrong."""


@claims.command("list")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def claims_list(ctx: click.Context, story_id: str, db: str | None, as_json: bool) -> None:
    """The claims of STORY_ID as shown: id, kind, independent sources, text, and the articles on each row."""
    with _ctx(ctx, db).reading() as corpus:
        rows = corpus.story(story_id).claims
    if as_json:
        out.print_json(json.dumps([c.to_json() for c in rows], ensure_ascii=False))
        return
    for c in rows:
        ids = sorted({x.article_id for x in c.support})
        head = f"[bold]{_term(c.id)}[/bold] {c.kind}, {plural(c.sources, 'source')}"
        out.print(f"{head}: {_term(c.text)}", soft_wrap=True)
        out.print(f"    articles: {' '.join(i[:8] for i in ids)}", highlight=False)


@claims.command("wrong")
@click.argument("claim_id")
@click.option("--article", "article_id", default=None, metavar="ARTICLE_ID", help="Only this article's alignment.")
@db_option
@click.pass_context
def wrong(ctx: click.Context, claim_id: str, article_id: str | None, db: str | None) -> None:
    """Mark CLAIM_ID (as in `storyline claims list`) wrong so it is no longer shown; with --article, only that
    article's alignment to the row."""
    with _ctx(ctx, db).reading() as corpus:
        _done(corpus.mark_claim_wrong(claim_id, article_id))


@click.group("quotes")
def quotes() -> None:
    """List a story's quotes; hide one."""


@quotes.command("list")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def quotes_list(ctx: click.Context, story_id: str, db: str | None, as_json: bool) -> None:
    """The quotes of STORY_ID as shown, each with its id (ARTICLE_ID:START-END) and speaker."""
    from .curation import quote_id

    with _ctx(ctx, db).reading() as corpus:
        rows = [
            {"id": quote_id(a.id, q.start, q.end), "speaker": q.speaker, "kind": q.kind, "text": q.text}
            for a in corpus.story(story_id).articles()
            for q in a.quotes
        ]
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        out.print(f"[dim]{r['id']}[/dim] {_term(r['speaker'] or '—')}: {_term(r['text'])}", soft_wrap=True)


@quotes.command("hide")
@click.argument("quote_id", metavar="QUOTE_ID")
@db_option
@click.pass_context
def hide(ctx: click.Context, quote_id: str, db: str | None) -> None:
    """Hide QUOTE_ID (ARTICLE_ID:START-END, as `storyline quotes list` shows it) from every dossier."""
    with _ctx(ctx, db).reading() as corpus:
        _done(corpus.hide_quote(quote_id))


# ---------------------------------------------------------------------------------------------- log


@click.group("corrections")
def corrections() -> None:
    """List the corrections made, and undo one."""


@corrections.command("list")
@db_option
@click.option("--active", is_flag=True, help="Only the corrections in force (not undone).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with each correction's recorded data.")
@click.pass_context
def corrections_list(ctx: click.Context, db: str | None, active: bool, as_json: bool) -> None:
    """Every correction: id, time, kind, what it did, and whether it was undone."""
    with _ctx(ctx, db).reading() as corpus:
        rows = corpus.corrections(undone=not active)
        path = corpus.store.path
    if as_json:
        out.print_json(json.dumps([c.to_json() for c in rows], ensure_ascii=False))
        return
    if not rows:
        err.print(f"no corrections in {_term(path)}")
        return
    print_table(
        f"{plural(len(rows), 'correction')} in {path}",
        ("id", "time", "kind", "what", "status"),
        [(c.id, c.created_at, c.kind, c.summary, "in force" if c.active else f"undone {c.undone_at}") for c in rows],
    )


@corrections.command("undo")
@click.argument("correction_id", type=int)
@db_option
@click.pass_context
def undo(ctx: click.Context, correction_id: int, db: str | None) -> None:
    """Undo correction CORRECTION_ID: what it changed is put back; the log keeps it, marked undone."""
    with _ctx(ctx, db).reading() as corpus:
        c = corpus.undo_correction(correction_id)
    out.print(f"undone: correction {c.id} ({_term(c.summary)})", soft_wrap=True)


def register(cli: click.Group, stories: Any) -> None:
    """Attach the correction commands: ``stories merge|split|recluster`` and the groups of their own."""
    for command in (merge, split, recluster):
        stories.add_command(command)
    for group in (articles, outlets, claims, quotes, corrections):
        cli.add_command(group)
