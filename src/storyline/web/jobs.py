"""Background ingestion for the web app: uploads are checked, saved beside the store and ingested by one worker.

One worker thread runs the jobs in order, so only one ingest writes to the store at a time; each job opens
its own :class:`~storyline.api.Corpus` (SQLite connections belong to the thread that opened them). A job
records its progress (stage, done, total) for the job page to poll, and every problem per file.

Example:
    >>> check_upload("notes.pdf", 10, max_bytes=100).split(":")[0]
    'not a supported file type (.pdf)'
    >>> check_upload("story.txt", 10, max_bytes=100) is None
    True
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.api import Corpus
from storyline.config import Config
from storyline.text import plural

__all__ = ["Job", "JobRegistry", "UploadError", "check_upload", "safe_filename", "uploads_dir"]

log = logging.getLogger("storyline.web")

TYPES_HINT = "upload .txt, .html, .json, .jsonl, RSS/Atom (.xml, .rss, .atom) or .warc files, optionally .gz"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120
"""Longest name an upload is saved under (a 300-character name made the save fail with a 500)."""


@dataclass(slots=True)
class UploadError:
    """A file that was refused or failed, with the reason in words."""

    file: str
    reason: str
    code: str = ""

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason, "code": self.code}


@dataclass(slots=True)
class Job:
    """One ingest run started from the web: what it was given, where it is, what came of it."""

    id: str
    files: list[str] = field(default_factory=list)
    status: str = "queued"  # queued | running | done | failed
    stage: str = ""
    done: int = 0
    total: int = 0
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[UploadError] = field(default_factory=list)
    message: str = ""
    created: str = field(default_factory=lambda: _now())
    finished: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The job as the JSON progress endpoint returns it."""
        from storyline.pipeline import STAGES  # an ingest job's: the stages are loaded already

        doing = {st.name: st.doing for st in STAGES}  # what the job page says while a stage runs: its own words
        return {
            "id": self.id,
            "status": self.status,
            "stage": self.stage,
            "stage_label": doing.get(self.stage, self.stage),
            "done": self.done,
            "total": self.total,
            "files": list(self.files),
            "added": list(self.added),
            "unchanged": list(self.unchanged),
            "errors": [e.to_json() for e in self.errors],
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def allowed_extension(name: str) -> bool:
    """True when the ingest readers accept a file of this name (``.gz`` is unpacked and its inner name used).

    Example:
        >>> allowed_extension("feed.rss"), allowed_extension("page.html.gz"), allowed_extension("x.exe")
        (True, True, False)
    """
    from storyline.ingest.readers import EXTENSIONS  # an upload is read next: the readers load with it

    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
        if lower.endswith(".warc"):
            return True
    return Path(lower).suffix in EXTENSIONS


def check_upload(name: str, size: int, *, max_bytes: int) -> str | None:
    """Return why an uploaded file is refused, or None when it may be ingested.

    Args:
        name: The file name as the browser sent it.
        size: Its size in bytes (at least ``max_bytes + 1`` when it was cut off while reading).
        max_bytes: The limit, ``ingest.max_bytes`` in the configuration.
    """
    if not name.strip():
        return "the file has no name"
    if not allowed_extension(name):
        suffix = Path(name).suffix or "no extension"
        return f"not a supported file type ({suffix}): {TYPES_HINT}"
    if size > max_bytes:
        return (
            f"larger than the {max_bytes / 1e6:g} MB limit (ingest.max_bytes): split the file, or raise "
            "STORYLINE_INGEST_MAX_BYTES"
        )
    if size == 0:
        return "the file is empty"
    return None


def safe_filename(name: str, taken: set[str]) -> str:
    """A file-system-safe version of an uploaded file's name, unique among ``taken`` (which it joins).

    Example:
        >>> taken: set[str] = set()
        >>> safe_filename("../etc/My story.txt", taken), safe_filename("My story.txt", taken)
        ('My_story.txt', 'My_story-2.txt')
        >>> len(safe_filename("x" * 300 + ".html.gz", taken)), safe_filename("x" * 300 + ".html.gz", taken)[-10:]
        (120, '-2.html.gz')
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_NAME.sub("_", base).strip("._") or "upload"
    stem, dot, ext = base.partition(".")
    if len(base) > MAX_NAME:  # file systems allow 255 bytes; keep the extensions, shorten the stem
        ext = ext[-(MAX_NAME // 2) :].lstrip(".")
        stem = stem[: MAX_NAME - len(ext) - 1] or "upload"
        base = f"{stem}{dot}{ext}" if ext else stem
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate)
    return candidate


def uploads_dir(db: str | Path) -> Path:
    """Where uploaded files are kept (articles cite them as their path): a folder beside the store, or for a
    PostgreSQL store one in the working folder named after its database.

    Example:
        >>> uploads_dir("data/storyline.db").as_posix()
        'data/storyline-uploads'
        >>> uploads_dir("postgresql://me:secret@db.example/news?sslmode=require").as_posix()
        'news-uploads'
    """
    text = str(db)
    if "://" in text:
        name = text.split("://", 1)[1].rpartition("@")[2].partition("?")[0].partition("/")[2] or "storyline"
        return Path(re.sub(r"[^A-Za-z0-9_.-]", "_", name) + "-uploads")
    p = Path(db)
    return p.parent / f"{p.stem}-uploads"


class JobRegistry:
    """Jobs by id, run one at a time by a single worker thread.

    Args:
        db: The store the jobs ingest into.
        config: The configuration each job's :class:`~storyline.api.Corpus` uses.
    """

    def __init__(self, db: str | Path, config: Config) -> None:
        self.db = str(db)
        self.config = config
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-ingest")

    def new_job(self) -> tuple[Job, Path]:
        """Create a queued job and the folder its files go in."""
        job = Job(id=uuid.uuid4().hex[:12])
        folder = uploads_dir(self.db) / job.id
        folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._jobs[job.id] = job
        return job, folder

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None."""
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        """Every job of this process, newest first."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def submit(self, job: Job, paths: list[Path], options: dict[str, Any]) -> None:
        """Queue the ingest of ``paths`` (the job's saved files); finishes at once when there is none."""
        if not paths:
            message = "No file could be ingested." if job.errors else "Nothing was uploaded."
            self.fail(job, message, uploads_dir(self.db) / job.id)
            return
        try:
            self._pool.submit(self._run, job, paths, options)
        except RuntimeError:  # the server is shutting down
            self.fail(job, "The server is shutting down: upload the files again.", paths[0].parent)

    def fail(self, job: Job, message: str, folder: Path | None = None) -> None:
        """End ``job`` as failed, removing what it saved in ``folder``."""
        job.status = "failed"
        job.message = message
        job.finished = _now()
        if folder is not None:
            _remove_unused(folder, keep=set())

    def shutdown(self) -> None:
        """Stop taking jobs; wait for the running one."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, paths: list[Path], options: dict[str, Any]) -> None:
        job.status = "running"
        folder = paths[0].parent

        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        try:
            with Corpus(self.db, self.config) as corpus:
                report = corpus.ingest(paths, progress=progress, min_chars=self.config.web_min_chars, **options)
                cited = {a.path.split("#", 1)[0] for a in corpus.store.articles(report.added)}
        except Exception as exc:  # a job must always end with a status the page can show
            log.exception("ingest job %s failed", job.id)
            self.fail(job, f"Ingest failed: {exc}", folder)
            return
        _remove_unused(folder, keep=cited)  # files no article cites (refused, failed, already stored) go
        job.added = list(report.added)
        job.unchanged = list(report.unchanged)
        for e in report.errors:
            job.errors.append(UploadError(_shown(e.path, folder), e.reason, e.code))
        job.status = "done" if report.added or report.unchanged else "failed"
        job.message = (
            f"{plural(len(report.added), 'article')} added, {len(report.unchanged)} already in the store, "
            f"{plural(len(job.errors), 'error')}."
        )
        job.finished = _now()


def _remove_unused(folder: Path, keep: set[str]) -> None:
    """Delete the files of ``folder`` whose paths are not in ``keep``, and the folder when it is left empty."""
    try:
        for f in folder.iterdir():
            if str(f) not in keep and f.is_file():
                f.unlink(missing_ok=True)
        folder.rmdir()
    except OSError:  # not empty (articles cite its files), or already gone
        pass


def _shown(path: str, folder: Path) -> str:
    """An error's path without the job folder, so the user sees the name of the file they uploaded."""
    prefix = str(folder) + "/"
    return path[len(prefix) :] if path.startswith(prefix) else path
