"""The ``storyline`` command. Thin: parses options, calls :mod:`storyline.api`, shows progress.

Exit status: 0 success; 1 some input files failed (the rest were ingested); 2 nothing could be
ingested, or a usage/configuration error.
"""

from __future__ import annotations

if __name__ == "__main__":  # ``python -m storyline.cli``: run the package's module, which the commands import
    from storyline.cli import main as _main

    _main()
    raise SystemExit(0)

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape

from . import __version__
from .config import load_config
from .errors import StorylineError
from .text import plural

if TYPE_CHECKING:  # the API loads every stage: a command that only reads the store never waits for it
    from .api import Corpus, IngestReport
    from .engines.base import Engine

FORMATS = ("md", "html", "json")
"""The dossier's formats (:data:`storyline.api.FORMATS`, named here for the options)."""
ENGINES = ("local", "ray")
"""Where an ingest's stages run (:data:`storyline.engines.ENGINES`, named here for the options)."""

DEFAULT_DB = "storyline.db"
TERMINAL_STORIES = 50
"""Stories ``storyline stories`` draws on a terminal unless told (``--limit``, ``--all``); piped, every one."""
PROGRESS_MIN_FILES = 5
log = logging.getLogger("storyline")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _db_default() -> str:
    return os.environ.get("STORYLINE_DB", DEFAULT_DB)


class Ctx:
    def __init__(self, db: str, quiet: bool, verbose: bool, config: str | None) -> None:
        self.db = db
        self.quiet = quiet
        self.verbose = verbose
        self.config_file = config

    def corpus(self, engine: Engine | None = None, **overrides: Any) -> Corpus:
        from .api import Corpus

        cfg = load_config(self.config_file, overrides=overrides)
        return Corpus(self.db, cfg, engine)

    def reading(self) -> Corpus:
        """The corpus of a store that must already exist: a read command never makes an empty one."""
        from .store.exists import require_store

        require_store(self.db)
        return self.corpus()

    def store(self) -> Any:
        """The store of a store that must already exist, opened alone: what a listing reads loads no stage."""
        from .store.base import open_store
        from .store.exists import require_store

        require_store(self.db)
        return open_store(self.db)


DB_HELP = f"SQLite store file, or a postgresql:// URL (default: $STORYLINE_DB or ./{DEFAULT_DB})."


def _late_flag(name: str) -> Any:
    """-q/-v given after the subcommand ("storyline ingest x -q") act like the global ones."""

    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        obj = ctx.find_object(Ctx)
        if not value or obj is None:
            return
        setattr(obj, name, True)
        logging.getLogger().setLevel(logging.ERROR if name == "quiet" else logging.INFO)

    return callback


def db_option(f: Any) -> Any:
    """--db, plus -q/-v accepted after the subcommand too; shared by every subcommand."""
    f = click.option(
        "--verbose", "-v", is_flag=True, expose_value=False, callback=_late_flag("verbose"), help="Log each stage."
    )(f)
    f = click.option(
        "--quiet", "-q", is_flag=True, expose_value=False, callback=_late_flag("quiet"), help="Only errors."
    )(f)
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="FILE",
        help=DB_HELP,
    )(f)


def ingest_options(f: Any) -> Any:
    """--source, --published, --manifest, --keep-all and the engine's options, shared by ingest and analyze."""
    f = click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N", help="Analyse in N worker "
                     "processes (local) or N Ray actors (ray; default: every CPU of the cluster).")(f)  # fmt: skip
    f = click.option("--address", default=None, metavar="ADDR", help="--engine ray: the Ray cluster to use (auto, "
                     "ray://HOST:10001); without it, one is started on this machine.")(f)  # fmt: skip
    f = click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Where articles are analysed: this machine, or a Ray cluster.")(f)  # fmt: skip
    f = click.option("--keep-all", is_flag=True, help="Turn plain-text cleaning off (keep every line).")(f)
    f = click.option(
        "--manifest",
        default=None,
        metavar="FILE.csv",
        help="CSV with a header: path, source, published, url per file (paths relative to the CSV's folder).",
    )(f)
    f = click.option(
        "--published", default=None, metavar="DATE", help="Publication date for every article in these files."
    )(f)
    return click.option("--source", default=None, metavar="NAME", help="Outlet name for every article in these files.")(
        f
    )


def _ctx(ctx: click.Context, db: str | None) -> Ctx:
    obj: Ctx = ctx.obj
    if db:
        obj.db = db
    return obj


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("--db", "db", default=None, metavar="FILE", help=DB_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Only errors; no progress bars.")
@click.option("--verbose", "-v", is_flag=True, help="Log what each stage does.")
@click.option("--config", "config", default=None, metavar="FILE", help="A storyline.toml config file.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, quiet: bool, verbose: bool, config: str | None) -> None:
    """Turn a pile of raw news articles into cross-checked, cited story dossiers — offline."""
    logging.basicConfig(
        level=logging.INFO if verbose else (logging.ERROR if quiet else logging.WARNING),
        format="%(levelname)s %(name)s: %(message)s",
    )
    ctx.obj = Ctx(db or _db_default(), quiet, verbose, config)


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )  # late: no bar listing

    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as prog:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = prog.add_task(stage, total=total)
            prog.update(tasks[stage], completed=done, total=total)

        yield update


def _report(rep: IngestReport, c: Ctx, db: str) -> None:
    failures = rep.failures
    for e in rep.errors:
        if e in failures:
            err.print(f"[red]error[/red] {_term(e)}", soft_wrap=True)
        elif not c.quiet:
            err.print(f"[yellow]skipped[/yellow] {_term(e)}", soft_wrap=True)
    if not c.quiet:
        notices = len(rep.errors) - len(failures)
        skipped = f", {notices} skipped" if notices else ""
        updated = f", {len(rep.updated)} updated" if rep.updated else ""
        err.print(
            f"{plural(rep.files, 'file')}: {plural(len(rep.added), 'article')} added{updated}, "
            f"{len(rep.unchanged)} already in the store, {plural(len(failures), 'error')}{skipped} → {db}"
        )


def _ingest(
    c: Ctx,
    paths: Sequence[str],
    source: str | None,
    published: str | None,
    keep_all: bool,
    exclude: Sequence[str] = (),
    manifest: str | None = None,
    engine: tuple[str, int | None, str | None] = ("local", None, None),
    rebuild: str = "auto",
) -> tuple[Corpus, IngestReport]:
    from .engines.base import engine_for

    corpus = c.corpus(engine_for(*engine))
    n_inputs = len(paths)
    show = not c.quiet and (n_inputs > PROGRESS_MIN_FILES or any(Path(p).is_dir() for p in paths))
    if published:
        from .analyse.dates import parse_date_string

        p = parse_date_string(published)
        if not p:
            raise click.BadParameter(f"cannot read {published!r} as a date; use YYYY-MM-DD", param_hint="--published")
        published = p
    with _progress(show) as progress:
        rep = corpus.ingest(
            list(paths),
            source=source,
            published=published,
            keep_all=keep_all or None,
            progress=progress,
            exclude=exclude,
            manifest=manifest,
            rebuild=rebuild,
        )
    _report(rep, c, corpus.store.path)
    waiting = corpus.store.stale_stories()
    if waiting and not c.quiet:
        err.print(
            f"{plural(len(waiting), 'story')} to build again (being updated: shown built when opened); "
            "storyline rebuild builds them now"
        )
    return corpus, rep


@cli.command()
@click.argument("paths", nargs=-1)
@db_option
@ingest_options
@click.option(
    "--rebuild",
    type=click.Choice(["auto", "now", "later"]),
    default="auto",
    show_default=True,
    help="In a store filed by its corpus index (corpus.incremental_from articles or more): when the stories the "
    "new articles touch are built again. auto: the smallest, up to corpus.rebuild_inline articles in all, now, "
    "the others later (storyline rebuild, or when first opened); now: every one before the command returns; later: "
    "none.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    source: str | None,
    published: str | None,
    manifest: str | None,
    keep_all: bool,
    engine: str,
    address: str | None,
    workers: int | None,
    rebuild: str,
) -> None:
    """Read, clean, analyse and store articles from files, folders and globs (and a --manifest's files)."""
    c = _ctx(ctx, db)
    _need_inputs(paths, manifest)
    corpus, rep = _ingest(
        c, paths, source, published, keep_all, manifest=manifest, engine=(engine, workers, address), rebuild=rebuild
    )
    corpus.close()
    sys.exit(rep.exit_code)


@cli.command()
@db_option
@click.argument("story_ids", nargs=-1)
@click.pass_context
def rebuild(ctx: click.Context, db: str | None, story_ids: tuple[str, ...]) -> None:
    """Build again the stories that ingests left being updated (all, or the STORY_IDS given): claims, summary,
    dossier and page. Without STORY_IDS, also draw again the story pages an earlier version drew (after an
    upgrade)."""
    c = _ctx(ctx, db)
    with c.reading() as corpus:
        waiting = corpus.store.stale_stories() if not story_ids else sorted(corpus.store.stale_among(story_ids))
        with _progress(not c.quiet and len(waiting) > 1) as progress:
            done = corpus.rebuild_stale(list(story_ids) or None, progress)
        drawn = 0
        if not story_ids:  # the pages an earlier version drew (an upgrade): drawn once here, not on every view
            with _progress(not c.quiet) as progress:
                drawn = corpus.redraw_pages(progress)
        if not c.quiet:
            left = len(corpus.store.stale_stories())
            pages = f"; {plural(drawn, 'story page')} drawn again" if drawn else ""
            err.print(f"{plural(len(done), 'story')} built{f', {left} still being updated' if left else ''}{pages}")


@cli.group(invoke_without_command=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--why",
    "why",
    default=None,
    metavar="STORY_ID",
    help="Say why each article of STORY_ID is in it: its strongest link and what each feature gave.",
)
@click.option("--offset", default=0, type=click.IntRange(min=0), metavar="N", help="Skip the first N stories.")
@click.option(
    "--limit",
    default=None,
    type=click.IntRange(min=0),
    metavar="N",
    help=f"At most N stories (default: every one; on a terminal {TERMINAL_STORIES}).",
)
@click.option("--all", "show_all", is_flag=True, help="Every story, on a terminal too.")
@click.pass_context
def stories(
    ctx: click.Context,
    db: str | None,
    as_json: bool,
    why: str | None,
    offset: int,
    limit: int | None,
    show_all: bool,
) -> None:
    """List stories: id, title, event date, articles, independent sources; merge, split or re-cluster them.

    Piped or redirected, every story (tab-separated); on a terminal, the first stories (--offset, --limit, --all)."""
    c = _ctx(ctx, db)
    if ctx.invoked_subcommand:
        return
    if (offset or limit is not None or show_all) and (as_json or why is not None):
        raise click.UsageError("--offset, --limit and --all page the table, not --json or --why")
    if why is None and not as_json:  # the listing columns (what no correction changes): no story is read whole
        if limit is None and not show_all and out.is_terminal:  # a drawn table of 67,000 stories took 52 s
            limit = TERMINAL_STORIES
        _list_stories(c, offset, limit)
        return
    with c.reading() as corpus:
        if why is not None:
            _print_why(corpus, why, as_json)
            return
        if as_json:
            if out.is_terminal:
                out.print_json(json.dumps([s.story.to_json() for s in corpus.stories], ensure_ascii=False))
            else:  # piped: the same text, written a story at a time (100,000 stories held at once took 10 GB)
                _print_json_list(s.story.to_json() for s in corpus.iter_stories())


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--out", "out_file", default=None, metavar="FILE", help="Write to FILE instead of standard output.")
@click.pass_context
def dossier(ctx: click.Context, story_id: str, db: str | None, fmt: str, out_file: str | None) -> None:
    """Write the dossier of one story (md, self-contained html, or json)."""
    c = _ctx(ctx, db)
    with c.reading() as corpus:
        text = corpus.story(story_id).dossier(fmt)
    _write(text, out_file, c)


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "events-tsv", "dyads-csv", "csv", "parquet"]),
    default="json",
    show_default=True,
)
@click.option(
    "--out",
    "out_file",
    default=None,
    metavar="FILE",
    help="Write to FILE instead of standard output (csv, parquet: the folder DIR to write one file per table into).",
)
@click.option("--force", is_flag=True, help="csv, parquet: write into a folder that is not empty.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, out_file: str | None, force: bool) -> None:
    """Export the whole corpus as JSON, exactly per the export contract; as tables, one CSV or Parquet file per table
    in --out DIR (csv, parquet); or its events as event data: a GDELT-like TSV (events-tsv) or the dyad series,
    date × country pair × PLOVER type counts (dyads-csv)."""
    c = _ctx(ctx, db)
    if fmt in ("csv", "parquet"):
        if not out_file:
            raise StorylineError("E409", f"--format {fmt} writes one file per table: name their folder with --out DIR")
        with c.reading() as corpus:
            written = corpus.export_tables(out_file, fmt, force=force)
        if not c.quiet:
            out.print(f"Wrote {plural(len(written), 'table')} to {Path(out_file).resolve()}")
        return
    with c.reading() as corpus:
        if fmt != "json":
            from .render.events_export import dyad_csv, events_tsv

            stories = [v.story for v in corpus.stories]
            _write(events_tsv(stories) if fmt == "events-tsv" else dyad_csv(stories), out_file, c)
            return
        data = corpus.export()
    _write(json.dumps(data, ensure_ascii=False, indent=1), out_file, c)


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON hits.")
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over sentences; hits cited as article + offsets."""
    c = _ctx(ctx, db)
    with c.reading() as corpus:
        hits = corpus.search(query, limit)
    if as_json:
        out.print_json(
            json.dumps(
                [
                    {
                        "article_id": h.article_id,
                        "start": h.start,
                        "end": h.end,
                        "text": h.text,
                        "source": h.source,
                        "title": h.title,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
            )
        )
        return
    if not hits:
        err.print(f"no sentence matches {_term(repr(query))}")
        sys.exit(1)
    from .outlets import source_label

    for h in hits:
        snippet = _UNPRINTABLE.sub("?", h.snippet).replace("[", "\\[")
        snippet = snippet.replace("\\[\\[", "[bold yellow]").replace("]]", "[/bold yellow]")
        out.print(
            f"[cyan]{_term(source_label(h.source, h.path))}[/cyan] · {_term(h.title or '')} · "
            f"[dim]{h.article_id}:{h.start}-{h.end}[/dim]",
            soft_wrap=True,
        )
        out.print(f"  {snippet}", soft_wrap=True)


@cli.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--out", "out_dir", default="out", show_default=True, metavar="DIR", help="Folder for the dossiers.")
@ingest_options
@click.pass_context
def analyze(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    out_dir: str,
    source: str | None,
    published: str | None,
    manifest: str | None,
    keep_all: bool,
    engine: str,
    address: str | None,
    workers: int | None,
) -> None:
    """Ingest PATHS (and a --manifest's files), then write every story's dossier (md, html, json) and the corpus
    export to DIR."""
    c = _ctx(ctx, db)
    _need_inputs(paths, manifest)
    # never re-read our dossiers
    corpus, rep = _ingest(
        c, paths, source, published, keep_all, exclude=[out_dir], manifest=manifest, engine=(engine, workers, address)
    )
    with corpus:
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        written = []
        for s in corpus.stories:
            for fmt in FORMATS:
                p = d / f"{s.id}.{fmt}"
                p.write_text(s.dossier(fmt), encoding="utf-8")
                written.append(p)
        exp = d / "corpus.json"
        exp.write_text(json.dumps(corpus.export(), ensure_ascii=False, indent=1), encoding="utf-8")
        if not c.quiet:
            print_table(
                plural(len(corpus.stories), "story"),
                ("id", "title", "event date", "#articles", "#independent sources", "dossier"),
                [
                    (s.id, s.title, s.event_date or "—", len(s.article_ids), s.independent_sources, d / f"{s.id}.html")
                    for s in corpus.stories
                ],
            )
            out.print(f"Wrote {len(written)} dossier files and {exp} to {d.resolve()}")
    sys.exit(rep.exit_code)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--read-only", is_flag=True, help="Disable adding articles (upload pages and API answer 403).")
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable; '*' for any). Others get 400.",
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64),
    help="Worker processes answering requests (more than one needs --read-only).",
)  # fmt: skip
@click.pass_context
def serve(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    read_only: bool,
    allowed_hosts: tuple[str, ...],
    workers: int,
) -> None:
    """Browse stories, dossiers, articles and entities in a local web app, with a JSON API under /api."""
    from .web import serve as serve_web

    c = _ctx(ctx, db)
    if not c.quiet:
        err.print(f"Storyline on http://{host}:{port}/ over {c.db}" + (" (read-only)" if read_only else ""))
    serve_web(
        c.db,
        host=host,
        port=port,
        read_only=read_only,
        config=load_config(c.config_file),
        log_level="warning" if c.quiet else "info",
        allowed_hosts=allowed_hosts,
        workers=workers,
    )


@cli.command()
@db_option
@click.option(
    "--repair", is_flag=True, help="Delete orphan rows, finish a stopped ingest, re-run the corpus stages, check again."
)
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@click.pass_context
def check(ctx: click.Context, db: str | None, repair: bool, as_json: bool) -> None:
    """Check the store: SQLite integrity, orphan rows, stories older than the last article (exit 1 if any)."""
    from .api import check as api_check

    c = _ctx(ctx, db)
    with c.reading() as corpus:
        problems, left = api_check(corpus, repair=repair)
        if as_json:
            out.print_json(json.dumps({"store": corpus.store.path, "problems": problems, "left": left}))
        else:
            for p in problems:
                err.print(f"[red]problem[/red] {_term(p)}", soft_wrap=True)
            if repair and problems:
                err.print(f"repaired: {len(problems) - len(left)} of {plural(len(problems), 'problem')} fixed")
            if not c.quiet:
                err.print(f"{corpus.store.path}: {'ok' if not left else plural(len(left), 'problem')}")
    sys.exit(1 if left else 0)


@cli.command()
@db_option
@click.pass_context
def repair(ctx: click.Context, db: str | None) -> None:
    """Finish what a stopped ingest left: analyse the documents it read, then build entities and stories."""
    from .api import repair as api_repair

    c = _ctx(ctx, db)
    with c.reading() as corpus:
        waiting = corpus.store.stage_counts()["read"]
        with _progress(not c.quiet and waiting > 0) as progress:
            rep = api_repair(corpus, progress)
        _report(rep, c, corpus.store.path)
        left = corpus.store.check()
        for p in left:
            err.print(f"[red]problem[/red] {_term(p)}", soft_wrap=True)
    sys.exit(1 if left or rep.failures else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--words", type=int, default=None, help="About how many words the summary may have (default: summary.words)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON sentences with their cites.")
@click.pass_context
def summarize(ctx: click.Context, paths: tuple[str, ...], words: int | None, as_json: bool) -> None:
    """Summarise PATHS as one story (in memory): every sentence followed by the outlets that report it."""
    from .api import summarize as api_summarize

    c: Ctx = ctx.obj
    sentences = api_summarize(list(paths), words=words, config=load_config(c.config_file))
    if as_json:
        out.print_json(json.dumps([s.to_json() for s in sentences], ensure_ascii=False))
        return
    for s in sentences:
        tags = " ".join(f"[{name}]" for name in dict.fromkeys(s.sources))
        sys.stdout.write(f"{s.text} {tags}\n")


def _list_stories(c: Ctx, offset: int, limit: int | None) -> None:
    """The stories table: the ``limit`` stories past the first ``offset`` (every one when None), each a line of
    the listing index (:meth:`~storyline.store.base.Store.story_lines`)."""
    with c.store() as store:
        total = store.list_stories(None, 0, 0)[1]
        lines = store.story_lines(offset, limit)
    title = f"{plural(total, 'story')} in {store.path}"
    if lines and len(lines) < total:
        title += f"; {offset + 1:,}–{offset + len(lines):,} shown"
        if offset + len(lines) < total:
            title += f" (--offset {offset + len(lines)} for the next, --all for every one)"
    elif not lines and offset:
        title += f"; none past the first {offset:,}"
    print_table(
        title,
        ("id", "title", "event date", "#articles", "#independent sources"),
        [(i, f"{t} (being updated)" if u else t, d or "—", a, n) for i, t, d, a, n, u in lines],
    )


def _print_json_list(items: Iterable[Any]) -> None:
    """A JSON list as ``json.dumps(list(items), indent=2, ensure_ascii=False)`` writes it (what ``out.print_json``
    prints when piped), one item at a time."""
    empty = True
    for item in items:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if empty else ",\n  ") + text)
        empty = False
    sys.stdout.write("[]\n" if empty else "\n]\n")


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table: drawn with rich on a terminal; piped or redirected, plain tab-separated columns (a header line,
    then one line per row, never wrapped) with the title on standard error."""
    if out.is_terminal:
        from rich.table import Table  # late: piped, a table is plain lines

        t = Table(title=_term(title))
        for col in columns:
            t.add_column(col, overflow="fold")
        for row in rows:
            t.add_row(*(_term(v) for v in row))
        out.print(t)
        return
    err.print(_term(title), soft_wrap=True)
    lines = (columns, *rows)
    for at in range(0, len(lines), TSV_ROWS):  # a block at a time, the same text as a line at a time
        sys.stdout.write(_UNPRINTABLE.sub("?", "".join(_tsv_line(row) for row in lines[at : at + TSV_ROWS])))


TSV_ROWS = 5000
"""Rows :func:`print_table` writes at a time when piped."""


def _tsv_line(row: Sequence[object]) -> str:
    """A row as a line of tab-separated values, a tab in a value written as a space."""
    line = "\t".join(map(str, row))
    if line.count("\t") >= len(row):  # a value holds a tab (rare): each value's tabs made spaces
        line = "\t".join(str(v).replace("\t", " ") for v in row)
    return line + "\n"


def _need_inputs(paths: Sequence[str], manifest: str | None) -> None:
    if not paths and not manifest:
        raise click.UsageError("name the files, folders or globs to read (PATHS), or give --manifest FILE.csv")


def _write(text: str, out_file: str | None, c: Ctx) -> None:
    if out_file:
        Path(out_file).parent.mkdir(parents=True, exist_ok=True)
        Path(out_file).write_text(text, encoding="utf-8")
        if not c.quiet:
            err.print(f"wrote {out_file}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _print_why(corpus: Corpus, story_id: str, as_json: bool) -> None:
    """``stories --why``: per article, the link that holds it in the story and each feature's part."""
    from .compare.storypairs import MEANING

    view = corpus.story(story_id)
    links = view.why()
    titles = {a.id: a.display_title for a in view.articles()}
    if as_json:
        rows = [
            {"article_id": x.article_id, "linked_to": x.other_id, "probability": round(x.probability, 4),
             "mean_probability": round(x.mean_probability, 4), "event_date": x.event, "bias": round(x.bias, 4),
             "strong_link": x.strong, "words_floor": x.floored,
             "contributions": [{"feature": n, "value": round(v, 4), "logit": round(g, 4)}
                               for n, v, g in x.contributions]}
            for x in links
        ]  # fmt: skip
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    out.print(f"[bold]{_term(view.id)}[/bold] {_term(view.title)} — {plural(len(links), 'article')}")
    for x in links:
        out.print(f"\n[bold]{_term(x.article_id)}[/bold] {_term(titles.get(x.article_id, ''))}")
        out.print(f"  event date: {_term(x.event)}")
        if x.other_id is None:
            out.print("  the story's only article")
            continue
        out.print(
            f"  strongest link: {_term(x.other_id)} {_term(titles.get(x.other_id, ''))} — same-story probability "
            f"{x.probability:.2f} (mean over the story's other articles {x.mean_probability:.2f})"
            + (", a strong link between articles dated close together: it lowers the mean needed" if x.strong else "")
            + (
                ", from the shared words (the model's floor on their cosine), above what the weights below give"
                if x.floored
                else ""
            )
        )
        for name, value, gain in x.contributions:
            out.print(f"    {gain:+6.2f}  {_term(MEANING.get(name, name))} ({name} = {value:.2f})")
        out.print(f"    {x.bias:+6.2f}  starting point of every pair")


def _term(value: object) -> str:
    """Text that came from files, made safe to print: escape and control characters shown as ``?`` (a title
    or file name must not drive the terminal), and rich's ``[markup]`` taken literally.

    Example:
        >>> _term("evil\\x1b]0;owned\\x07[bold].txt")
        'evil?]0;owned?\\\\[bold].txt'
    """
    return escape(_UNPRINTABLE.sub("?", str(value)))


from .cli_corrections import register  # noqa: E402 - its commands use the helpers above

register(cli, stories)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: turns StorylineError into one clear line and exit status 2."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="storyline", standalone_mode=False)
    except StorylineError as e:
        err.print(f"[red]error[/red] {_term(e)}", soft_wrap=True)
        sys.exit(2)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(2)
    except SystemExit:
        raise


if __name__ == "__main__":
    main()
