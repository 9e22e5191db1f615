"""The Python API: a :class:`Corpus` over a store, and the one-call :func:`analyze`.

Two levels, as in trafilatura: ``analyze(paths)`` does everything and returns a :class:`Corpus`;
the stage functions in :mod:`storyline.pipeline` are there for those who want the pieces.

Example:
    >>> import storyline                                             # doctest: +SKIP
    >>> corpus = storyline.analyze(["articles/"])                    # doctest: +SKIP
    >>> print(corpus.stories[0].dossier("md"))                       # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article_fixes import ArticleFixes, Fix
from .config import Config, load_config, story_settings
from .corrections import Corrections, stored_constraints, stored_curation
from .errors import StorylineError
from .ingest.formats.base import NOTICE_CODES
from .model import Article, Entity, FileError, Story, SummarySentence
from .store.base import SearchHit, Store
from .store.sqlite import open_store

# Imports: every command imports this module, those that only read a store too (dossier, stories, export, search,
# the web app), so its top imports only what reading a store needs. The stages (reading files, analysis,
# clustering, building stories: spaCy, SciPy, the date tables) are imported inside the functions that run them,
# their types under TYPE_CHECKING; the two stage entry points callers may replace, :func:`analyse_new` and
# :func:`corpus_stages`, are functions of this module that load their stage when first called.
if TYPE_CHECKING:
    from . import stale
    from .compare.cluster import Link
    from .compare.constraints import Constraints
    from .engines.base import Analysed, Engine
    from .ingest.readers import RawDoc
    from .pipeline import CorpusResult

log = logging.getLogger("storyline")
ProgressFn = Callable[[str, int, int], None]
FORMATS = ("md", "html", "json")
#: The store's record of the story settings its stories were built with (:func:`storyline.config.story_settings`).
SETTINGS_META = "story_settings"
#: When an ingest filed by the corpus index builds the stories it touched: each mode's most articles, over the
#: touched stories taken smallest first, built within the ingest (the others are marked stale and built later,
#: :mod:`storyline.stale`). ``now`` builds every stale story before the ingest returns, those earlier ingests left too.
REBUILD: dict[str, Callable[[Config], float]] = {
    "auto": lambda cfg: cfg.corpus_rebuild_inline,
    "now": lambda cfg: math.inf,
    "later": lambda cfg: 0,
}


def analyse_new(
    docs: Iterable[tuple[RawDoc, dict[str, Any]]],
    cfg: Config,
    nlp: Any | None = None,
    errors: list[FileError] | None = None,
) -> list[Article]:
    """:func:`storyline.pipeline.analyse_new`: the per-article stages (spaCy loads with them)."""
    from . import pipeline

    return pipeline.analyse_new(docs, cfg, nlp, errors)


def corpus_stages(
    articles: Sequence[Article],
    existing: dict[str, list[str]] | None = None,
    cfg: Config | None = None,
    constraints: Constraints | None = None,
    built: Mapping[str, Story] | None = None,
) -> CorpusResult:
    """:func:`storyline.pipeline.corpus_stages`: entities and stories over the whole corpus."""
    from . import pipeline

    return pipeline.corpus_stages(articles, existing, cfg, constraints, built)


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: the numbers a user wants and every file that failed, with why."""

    files: int = 0
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # already in the store (same content)
    updated: list[str] = field(default_factory=list)  # already stored; their outlet/date/url set as given now
    errors: list[FileError] = field(default_factory=list)
    failed_files: set[str] = field(default_factory=set)

    @property
    def failures(self) -> list[FileError]:
        """The errors that are real failures (not notices of input skipped on purpose)."""
        return [e for e in self.errors if e.code not in NOTICE_CODES]

    @property
    def exit_code(self) -> int:
        """0: all good; 1: some files failed, the rest ingested; 2: nothing could be ingested.

        Notices (feed entries with only a summary, E131) are reported but are not failures.
        """
        if not self.failures:
            return 0
        ok = self.added or self.unchanged or self.updated
        return 1 if ok else 2


class StoryView:
    """A story as the API user sees it: the stored :class:`Story` plus access to its dossier."""

    def __init__(self, story: Story, corpus: Corpus) -> None:
        self._story = story
        self._corpus = corpus

    def __getattr__(self, name: str) -> Any:
        return getattr(self._story, name)

    def __repr__(self) -> str:
        s = self._story
        n = len(s.article_ids)
        return f"<Story {s.id} {s.title!r} {s.event_date} ({n} article{'s' * (n != 1)})>"

    @property
    def story(self) -> Story:
        return self._story

    def articles(self) -> list[Article]:
        return self._corpus.curated_articles(self._corpus.store.articles(self._story.article_ids))

    def why(self) -> list[Link]:
        """Why each article is in this story: its strongest link to another member and what each feature of
        that pair contributed (see :func:`storyline.compare.cluster.explain`)."""
        from .compare.cluster import cluster_config, explain

        return explain(self._corpus.articles(), self._story.article_ids, cluster_config(self._corpus.config))

    def dossier(self, fmt: str = "md") -> Any:
        """The dossier as Markdown (``"md"``), a self-contained HTML page (``"html"``), JSON text
        (``"json"``) or the plain dict (``"dict"``)."""
        d = self._corpus.dossier_of(self._story)
        if fmt == "dict":
            return d
        if fmt == "json":
            return json.dumps(d, ensure_ascii=False, indent=2)
        if fmt == "md":
            from .render.markdown import render_markdown

            return render_markdown(d)
        if fmt == "html":
            from .render.html import render_html

            return render_html(d)
        raise StorylineError("E402", f"unknown dossier format {fmt!r}: use one of {', '.join(FORMATS)}")


class Corpus(Corrections, ArticleFixes):
    """Articles, entities and stories in a store (SQLite by default), and the user's corrections to them
    (:class:`~storyline.corrections.Corrections`, :class:`~storyline.article_fixes.ArticleFixes`)."""

    def __init__(self, db: str | Path = ":memory:", config: Config | None = None, engine: Engine | None = None) -> None:
        self.config = config or load_config()
        self.store: Store = open_store(db)
        self.last_report: IngestReport | None = None
        self.engine = engine  # where the per-article stages run (storyline.engines); None: in this process
        self.store_stale = True  # a stale story read here is built and stored (False: built for the reader only)
        self.built_stale: dict[str, stale.Built] = {}  # the stale stories built for a reader (store_stale False)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
        self.store.close()

    def _own_files(self) -> list[Path]:
        """The database file and its SQLite companions, when the store is a file."""
        path = self.store.path
        if not path or path == ":memory:" or "://" in path:
            return []
        return [Path(path + suffix) for suffix in ("", "-wal", "-shm", "-journal")]

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- reading
    @property
    def stories(self) -> list[StoryView]:
        cur, marked = stored_curation(self.store), set(self.store.stale_stories())
        shown = [self._current(s, marked) for s in self.store.stories()]
        return [StoryView(self.curated_story(s) if cur.touches(s) else s, self) for s in shown]

    def iter_stories(self) -> Iterator[StoryView]:
        """:attr:`stories` read a page at a time (never every story in memory at once)."""
        cur, marked = stored_curation(self.store), set(self.store.stale_stories())
        for s in self.store.iter_stories():
            s = self._current(s, marked)
            yield StoryView(self.curated_story(s) if cur.touches(s) else s, self)

    def story(self, story_id: str) -> StoryView:
        built = None if self._up_to_date(story_id) else self._built(story_id)
        s = built.story if built else self.store.get_story(story_id)
        if s is None:
            ids = self.store.story_ids()
            known = ", ".join(ids[:30]) + (f" and {len(ids) - 30} more" if len(ids) > 30 else "") or "none yet"
            raise StorylineError("E401", f"no story {story_id!r} in {self.store.path} (stories: {known})")
        return StoryView(self.curated_story(s), self)

    def articles(self) -> list[Article]:
        return self.store.articles()

    def story_dossier(self, story_id: str) -> dict[str, Any]:
        """:meth:`dossier_of` the story ``story_id``, read straight from its stored dossier when no curation
        correction is in force (the story itself is not read then); E401 when there is no such story. A stale
        story (:mod:`storyline.stale`) is built first: stored, or with ``store_stale`` False built for this read."""
        if not self._up_to_date(story_id) and (built := self._built(story_id)):
            return self.dossier_of(built.story)
        if not stored_curation(self.store):
            stored = self.store.stored_dossier(story_id)
            if stored is not None:
                return stored
        return self.dossier_of(self.story(story_id).story)

    def dossier_of(self, story: Story) -> dict[str, Any]:
        """A story's dossier in its JSON form: the one stored when the story was built, while the story is as
        stored and no curation correction touches it; else built now from the story's own articles and the
        entities they name (never the corpus's); a stale story built for this reader, its dossier as built."""
        built = self.built_stale.get(story.id)
        if built is not None and built.story is story and built.dossier is not None:
            return dict(json.loads(built.dossier))
        if not stored_curation(self.store).touches(story):
            stored = self.store.get_dossier(story)
            if stored is not None:
                return stored
        members = self.curated_articles(self.store.articles(story.article_ids))
        named = {m.entity_id for a in members for m in a.mentions if m.entity_id}
        from .render.dossier import build_dossier

        return build_dossier(story, members, self.store.get_entities(named, with_mentions=False))

    def _current(self, story: Story, marked: set[str]) -> Story:
        """``story`` as it is shown: a stale one (of ``marked``) built first (:meth:`_up_to_date`)."""
        if story.id not in marked:
            return story
        if self._up_to_date(story.id):
            return self.store.get_story(story.id) or story
        built = self._built(story.id)
        return built.story if built else story

    def _built(self, story_id: str) -> stale.Built | None:
        """A stale story built for this reader (not stored), kept while this Corpus is open."""
        if story_id not in self.built_stale:
            from . import stale

            built = stale.fresh(self.store, self.config, story_id)
            if built is None:
                return None
            self.built_stale[story_id] = built
        return self.built_stale[story_id]

    def _up_to_date(self, story_id: str) -> bool:
        """Whether ``story_id`` is built as its articles are (a stale one is built and stored first, when
        ``store_stale``)."""
        if not self.store.is_stale(story_id):
            return True
        return self.store_stale and story_id in self.rebuild_stale([story_id])

    def rebuild_stale(self, story_ids: Sequence[str] | None = None, progress: ProgressFn | None = None) -> list[str]:
        """Build and store the stories ingests left stale (those of ``story_ids``; every one when None): their
        claims, summaries, dossiers and pages (:mod:`storyline.stale`). Returns the ids built."""
        from . import stale

        return stale.rebuild(self.store, self.config, story_ids, progress)

    def redraw_pages(self, progress: ProgressFn | None = None, chunk: int = 200) -> int:
        """Draw and store the story pages that no stored page matches: those drawn by an earlier version of the
        code (after an upgrade every page is; a read-only server would otherwise draw each on every view) or
        never drawn, beside the stored dossiers (:mod:`storyline.web.story_pages`). Returns how many."""
        from .web.story_pages import store_missing

        ids = self.store.story_ids()
        n = 0
        for k in range(0, len(ids), chunk):
            n += store_missing(self.store, ids[k : k + chunk], chunk)
            if progress:
                progress("pages", min(k + chunk, len(ids)), len(ids))
        return n

    def entities(self) -> list[Entity]:
        return self.store.entities()

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit)

    def export(self) -> dict[str, Any]:
        """The whole corpus in the export's JSON form (stale stories built and stored first)."""
        if self.store_stale and self.store.stale_stories():
            self.rebuild_stale()
        stories = [s.story for s in self.stories]
        from .render.export import export_corpus

        return export_corpus(self.curated_articles(self.store.articles()), stories, self.store.entities())

    def export_tables(self, out_dir: str | Path, fmt: str = "csv", *, force: bool = False) -> list[Path]:
        """Write the export as one ``csv`` or ``parquet`` file per table into ``out_dir`` (docs/export.md, "Tables");
        a folder that is not empty is refused unless ``force``. Returns the files written."""
        from .render.tables import write_tables

        return write_tables(self.export(), out_dir, fmt, force=force)

    # ---------------------------------------------------------------- writing
    def ingest(
        self,
        paths: str | Path | Sequence[str | Path],
        *,
        source: str | None = None,
        published: str | None = None,
        keep_all: bool | None = None,
        progress: ProgressFn | None = None,
        exclude: Sequence[str | Path] = (),
        manifest: str | Path | None = None,
        min_chars: int = 0,
        rebuild: str = "auto",
    ) -> IngestReport:
        """Read, clean, analyse and store articles; then update entities and stories.

        ``paths`` is one file or folder, or a list of them (globs allowed). Bad files are reported in the returned
        :class:`IngestReport` and never stop the good ones. ``manifest`` names a CSV file giving each file's
        outlet, date and web address (:mod:`storyline.ingest.manifest`); its files are read too. An article with
        fewer than ``min_chars`` characters of text after cleaning is refused (E113; the web app's uploads).
        Re-ingesting the same content is a no-op, unless ``source``, ``published`` or the manifest say something
        new about it: the stored article is then updated (``updated``). The store's own database files, and any
        path in ``exclude`` (the dossier folder, say), are never read as articles. ``rebuild`` says when the
        stories the new articles touch are built again in a store filed by its corpus index (:data:`REBUILD`).
        """
        from . import incremental
        from .ingest.formats.base import too_long
        from .ingest.manifest import settings_for
        from .ingest.readers import discover, read_file
        from .pipeline import STAGE, article_id

        if rebuild not in REBUILD:
            raise ValueError(f"rebuild must be one of {', '.join(REBUILD)}, not {rebuild!r}")
        report = IngestReport()
        indexed = self.store.get_meta(incremental.INDEX_META) == incremental.INDEX_WRITTEN
        if published:
            published = _publication_date(published)
        if isinstance(paths, str | Path):
            paths = [paths]  # one folder or file: not the characters of its name
        paths, table = _with_manifest([str(p) for p in paths], manifest, report)
        files, errs = discover(paths, exclude=[*self._own_files(), *exclude])
        report.errors += errs
        report.files = len(files)
        keep = self.config.ingest_keep_all if keep_all is None else keep_all
        overrides: dict[str, Any] = {"source": source, "published": published, "keep_all": keep}
        if min_chars:
            overrides["min_chars"] = min_chars
        pending: list[tuple[RawDoc, dict[str, Any]]] = []
        seen: dict[str, str] = {}  # article id -> the path of the first document with that text
        twins: list[tuple[str, str]] = []  # (path, article id) of later documents with the same text
        for i, f in enumerate(files):
            docs, ferrs = read_file(
                f, display_path=str(f), max_bytes=self.config.ingest_max_bytes, max_ratio=self.config.ingest_max_ratio
            )
            report.errors += ferrs
            own = {**overrides, **settings_for(f, table)} if table else overrides
            for d in docs:
                if len(d.text) > self.config.ingest_max_chars:
                    report.errors.append(too_long(d.path, len(d.text), self.config.ingest_max_chars))
                    continue
                aid = article_id(d.text)
                if aid in seen or self.store.has_article(aid):
                    if aid not in seen and self._fix_stored(aid, Fix.from_overrides(own)):
                        report.updated.append(aid)  # told its outlet or date again: set as given now
                        continue
                    report.unchanged.append(aid)
                    if aid in seen:
                        twins.append((d.path, aid))
                    continue
                seen[aid] = d.path
                pending.append((d, own))
            if progress:
                progress(STAGE["read"].name, i + 1, len(files))
        log.info(
            "read %d file(s): %d new document(s), %d already stored, %d error(s)",
            len(files),
            len(pending),
            len(report.unchanged),
            len(report.errors),
        )
        # stage *read* done: the new documents wait in the store, so a run stopped from here on is finished by
        # the next one (or by `storyline repair`, without the input files)
        pending += self._waiting(set(seen))
        self.store.queue_pending([(article_id(d.text), d.path, _doc_json(d, o)) for d, o in pending])
        self._analyse_and_store(pending, report, progress)
        _share_failures(report, seen, twins)
        report.failed_files = {e.path.split("#", 1)[0] for e in report.errors}
        # new articles, a run cut short, or stories built with other settings: the corpus stages; articles told
        # a new outlet or date (re-dated in place by _fix_stored) keep their stories, which are built again — in
        # a store kept by the corpus index without running the corpus stages over every article (100,000
        # articles: minutes and gigabytes for one re-dated file), in a smaller one by them as before
        if report.added or not self.store.corpus_built() or self.stale_settings() or (report.updated and not indexed):
            self.rebuild(progress, inline=REBUILD[rebuild](self.config))
        self.rebuild_stories_of(report.updated)
        if rebuild == "now":
            self.rebuild_stale(progress=progress)
        return report

    def stale_settings(self) -> list[str]:
        """The story settings (``cluster.*``, ``compare.*``, ``summary.*``) whose value differs from the one the stored
        stories were built with: the next ingest, or ``storyline check --repair``, builds every story again. A store
        that never recorded them (or has no stories yet) has none."""
        stored = self.store.get_meta(SETTINGS_META)
        if not stored:
            return []
        try:
            was = json.loads(stored)
        except ValueError:
            return []
        now = story_settings(self.config)
        return sorted(k for k, v in now.items() if k in was and was[k] != v)

    def _record_settings(self) -> None:
        text = json.dumps(story_settings(self.config), sort_keys=True)
        if self.store.get_meta(SETTINGS_META) != text:
            self.store.set_meta(SETTINGS_META, text)

    def finish(self, progress: ProgressFn | None = None, *, rebuild: bool = False) -> IngestReport:
        """Finish what a stopped ingest left: analyse and store the documents it had read (kept in the store
        with that ingest's settings), then run the corpus stages unless they already cover every article
        (``rebuild``: run them anyway).

        Returns:
            The report: ``added`` the articles stored now, ``errors`` the documents that failed.
        """
        report = IngestReport()
        pending = self._waiting(set())
        report.files = len({d.path.split("#", 1)[0] for d, _ in pending})
        self._analyse_and_store(pending, report, progress)
        report.failed_files = {e.path.split("#", 1)[0] for e in report.errors}
        if rebuild or report.added or not self.store.corpus_built():
            self.rebuild(progress)
        return report

    def _waiting(self, skip: set[str]) -> list[tuple[RawDoc, dict[str, Any]]]:
        """The documents an earlier, stopped ingest read but did not store (minus the ids in ``skip``)."""
        from .ingest.readers import RawDoc

        out: list[tuple[RawDoc, dict[str, Any]]] = []
        stored: list[str] = []
        for aid, _, doc in self.store.pending():
            if aid in skip:
                continue
            if self.store.has_article(aid):
                stored.append(aid)
                continue
            out.append((RawDoc(**doc["doc"]), dict(doc["overrides"])))
        if stored:
            self.store.drop_pending(stored)
        return out

    def _analyse_and_store(
        self, pending: Sequence[tuple[RawDoc, dict[str, Any]]], report: IngestReport, progress: ProgressFn | None
    ) -> None:
        """Stages clean → dates, then one transaction per file storing its articles (and taking them off the
        waiting list). A document whose analysis failed is reported and taken off the list; one whose storing
        failed stays on it, for the next run. An article another ingest stored meanwhile is left as that one
        stored it: written over, it would lose its story and entities, and no corpus stages would run to give
        them back (this ingest added nothing, the article set is unchanged)."""
        from .pipeline import STAGE, article_failure, article_id

        t0 = time.perf_counter()
        done = 0
        parts = self.engine.analyse(pending, self.config) if self.engine else self._analyse_here(pending)
        for analysed_part in parts:
            part, arts = analysed_part.docs, analysed_part.articles
            report.errors += analysed_part.errors  # a failing article is its own error
            analysed = {a.id for a in arts}
            failed = [aid for d, _ in part if (aid := article_id(d.text)) not in analysed]
            if failed:
                self.store.drop_pending(failed)
            by_file: dict[str, list[Article]] = {}
            for a in arts:
                by_file.setdefault(a.path.split("#", 1)[0], []).append(a)
            for path, group in by_file.items():
                added: list[str] = []
                stored: list[str] = []  # by another process since this one read them
                try:
                    with self.store.transaction():  # one transaction per ingested file
                        for a in group:
                            if self.store.has_article(a.id):  # another ingest stored it since: its copy, maybe
                                stored.append(a.id)  # filed by its corpus stages already, stands (no overwrite)
                            elif self.store.put_article(a):
                                added.append(a.id)
                except Exception as exc:  # noqa: BLE001 - one file's failure is that file's error
                    report.errors.append(article_failure(path, "store", exc))
                    added, stored = [], []
                report.added += added
                report.unchanged += stored
            done += len(part)
            log.info("analysed and stored %d/%d article(s) (%.1f s)", done, len(pending), time.perf_counter() - t0)
            if progress:
                progress(STAGE["analyse"].name, done, len(pending))

    def _analyse_here(self, pending: Sequence[tuple[RawDoc, dict[str, Any]]]) -> Iterator[Analysed]:
        """The per-article stages in this process, in chunks so memory stays flat on big inputs."""
        from .engines.base import Analysed

        chunk = max(64, self.config.nlp_batch_size * 8)
        for k in range(0, len(pending), chunk):
            part, errors = pending[k : k + chunk], list[FileError]()
            yield Analysed(part, analyse_new(part, self.config, errors=errors), errors)

    def rebuild(self, progress: ProgressFn | None = None, inline: float | None = None) -> None:
        """Recompute entities and (incrementally) stories over everything in the store.

        A few new articles in a store of ``corpus.incremental_from`` articles or more are filed through the corpus
        index instead, reading only the entities, copies and stories they touch (:mod:`storyline.incremental`);
        the touched stories past ``inline`` articles in all (``corpus.rebuild_inline`` when None) are then left stale,
        built later (:mod:`storyline.stale`). The full run builds every stale story.
        """
        from . import incremental
        from .compare.story import article_state
        from .pipeline import STAGE

        stale = self.stale_settings()
        if stale:
            log.info("stories were built with other settings (%s): building every story again", ", ".join(stale))
        elif incremental.run(self.store, self.config, progress, inline):
            self._record_settings()
            return
        version = self.store.articles_version()  # the article set the stages below cover
        arts = self.store.articles()
        stored = {} if stale else {s.id: s for s in self.store.stories()}
        existing: dict[str, list[str]] = {sid: list(s.article_ids) for sid, s in stored.items()}
        marked = set(self.store.stale_stories())  # a story built before is kept as it is, unless left stale
        built = {sid: s for sid, s in stored.items() if sid not in marked}

        def state(a: Article) -> tuple[Any, ...]:
            return (a.story_id, *article_state(a))

        before = {a.id: state(a) for a in arts}
        t0 = time.perf_counter()
        stored_curation(self.store).rename_outlets(arts)  # the user's corrections: outlet names, story grouping
        result = corpus_stages(arts, existing, self.config, stored_constraints(self.store), built)
        log.info(
            "corpus stages over %d article(s): %d entities, %d stories, %d re-dated from their story (%.1f s)",
            len(arts),
            len(result.entities),
            len(result.stories),
            len(result.redated),
            time.perf_counter() - t0,
        )
        with self.store.transaction():
            if not self.store.mark_corpus_built(version, len(arts)):
                # another ingest stored an article meanwhile: its own run (or the next) builds the stories
                log.info("articles were added during the corpus stages; their results are not stored")
                return
            self.store.replace_entities(result.entities)
            self.store.replace_stories(result.stories)
            self.store.clear_stale()
            for a in arts:
                # mentions carry entity ids now; re-dated articles carry new dates
                if before[a.id] != state(a) or a.id in result.redated:
                    self.store.put_article(a)
            fresh = [s.id for s in result.stories if built.get(s.id) is not s]
            incremental.after_full_run(self.store, self.config, arts, result.entities, result.stories, fresh)
            self._record_settings()
        if progress:
            progress(STAGE["stories"].name, len(result.stories), len(result.stories))


def _publication_date(value: str) -> str:
    """``published`` as given to :meth:`Corpus.ingest`, as YYYY-MM-DD ("24 November 2025", "2025/11/24" read as
    the command line reads them); a value that is no date is refused before anything is read."""
    from .analyse.dates import parse_date_string

    day = parse_date_string(value)
    if day is None:
        raise StorylineError("E502", f"published={value!r} is not a date Storyline can read: give it as YYYY-MM-DD")
    return day


def _with_manifest(
    paths: list[str], manifest: str | Path | None, report: IngestReport
) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The inputs with the manifest's files added, and the manifest's settings by real path (bad rows reported)."""
    if manifest is None:
        return paths, {}
    from .ingest.manifest import read_manifest, settings_table

    rows, errors = read_manifest(manifest)
    report.errors += errors
    return [*paths, *(str(r.path) for r in rows)], settings_table(rows, str(manifest))


def _doc_json(doc: RawDoc, overrides: dict[str, Any]) -> dict[str, Any]:
    """A document and its ingest settings as kept on the waiting list (:meth:`Corpus.finish` reads it back)."""
    return {"doc": dataclasses.asdict(doc), "overrides": overrides}


def _share_failures(report: IngestReport, first: dict[str, str], twins: list[tuple[str, str]]) -> None:
    """A document with the same text as one that failed fails too (it was not "already in the store")."""
    failed = {e.path: e for e in report.errors}
    for path, aid in twins:
        e = failed.get(first[aid])
        if e is not None:
            report.unchanged.remove(aid)
            report.errors.append(FileError(path, f"same text as {e.path}, which failed: {e.reason}", e.code))


def check(corpus: Corpus, *, repair: bool = False) -> tuple[list[str], list[str]]:
    """Check a store's integrity; with ``repair``, fix what can be fixed and check again.

    Repairing deletes orphan index rows, finishes what a stopped ingest left (:func:`repair`) and re-runs the
    corpus stages (entities, stories) over every stored article.

    Returns:
        ``(problems, left)``: what was found, and what is still wrong (after repairing, when asked; else
        the same list).

    Example:
        >>> with Corpus(":memory:") as corpus:                         # doctest: +SKIP
        ...     check(corpus, repair=True)
        ([], [])
    """
    problems = corpus.store.check() + corpus.correction_problems() + _settings_problems(corpus)
    if not (repair and problems):
        return problems, problems if not repair else []
    corpus.store.remove_orphans()
    corpus.finish(rebuild=True)
    return problems, corpus.store.check() + corpus.correction_problems() + _settings_problems(corpus)


def _settings_problems(corpus: Corpus) -> list[str]:
    stale = corpus.stale_settings()
    if not stale:
        return []
    return [
        f"the stories were built with other values of {', '.join(stale)} than the configuration's now: "
        "run `storyline check --repair` (or the next ingest) to build them again"
    ]


def repair(corpus: Corpus, progress: ProgressFn | None = None) -> IngestReport:
    """Finish the stages a stopped ingest left undone, from what the store recorded (``storyline repair``).

    The documents it had read are analysed and stored with that ingest's settings, and the corpus stages run
    when they do not cover every stored article. Finishing twice does nothing the second time.

    Example:
        >>> with Corpus("storyline.db") as corpus:                    # doctest: +SKIP
        ...     repair(corpus).added
        ['3f1c9a0b2e4d5f67']
    """
    return corpus.finish(progress)


def analyze(
    paths: str | Path | Sequence[str | Path],
    db: str | Path = ":memory:",
    config: Config | None = None,
    **kwargs: Any,
) -> Corpus:
    """Ingest ``paths`` (files, folders, globs) and return the :class:`Corpus` with its stories.

    Example:
        >>> corpus = analyze(["../shared/corpus/seeds"])               # doctest: +SKIP
        >>> corpus.stories[0].title                                    # doctest: +SKIP
        'Xi puts biggest US-China flashpoint back on agenda in Trump call'
    """
    corpus = Corpus(db, config)
    corpus.last_report = corpus.ingest(paths, **kwargs)
    return corpus


def summarize(
    paths: str | Path | Sequence[str | Path],
    words: int | None = None,
    config: Config | None = None,
    **kwargs: Any,
) -> list[SummarySentence]:
    """A short extractive summary of the articles in ``paths``, treated as ONE story.

    Every sentence is an article's own words and cites every article that reports it (``cites``), with
    the outlets' short names in ``sources`` (the outlet, else the file name). Most-corroborated
    statements come first; nothing is repeated; about ``words`` words in all (None: the configuration's
    ``summary.words``); the claims behind the cites read the configuration's ``compare.*`` settings. Runs in
    memory.

    Example:
        >>> for s in summarize(["../shared/corpus/seeds"], words=60):  # doctest: +SKIP
        ...     print(s.text, s.sources)
    """
    from .compare.story import build_story

    with Corpus(":memory:", config) as corpus:
        rep = corpus.ingest(paths, **kwargs)
        for e in rep.failures:
            log.warning("%s", e)
        arts = corpus.articles()
        if not arts:
            why = "; ".join(str(e) for e in rep.errors[:5]) or "no files found"
            raise StorylineError("E403", f"nothing to summarise: no article could be read from the given paths ({why})")
        cfg = corpus.config if words is None else dataclasses.replace(corpus.config, summary_words=words)
        story = build_story("s1", arts, corpus.entities(), cfg)
    return story.summary
