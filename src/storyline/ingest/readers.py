"""Input readers: find the input files, pick a format for each, read them into :class:`RawDoc` records.

Formats are chosen by extension and, when the extension is unknown or contradicted by the
content, by sniffing the first bytes (a ``.txt`` that is really an HTML page, an ``.html`` that
is really a PDF). Every problem comes back as a :class:`~storyline.model.FileError` with a code
(see :mod:`storyline.ingest.formats.base`) and what to do; :func:`read_file` never raises.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Headline\\r\\nBody.\\r\\n")
    >>> files, errors = discover([str(folder), str(folder / "missing.txt")])
    >>> [f.name for f in files], [e.code for e in errors]
    (['a.txt'], ['E101'])
    >>> docs, _ = read_file(files[0], display_path="a.txt")
    >>> docs[0].text, docs[0].fmt, docs[0].first_line_title
    ('Headline\\nBody.\\n', 'txt', True)
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from storyline.ingest.formats.base import (
    E_BAD_GZIP,
    E_BLANK,
    E_EMPTY,
    E_EMPTY_FOLDER,
    E_INTERNAL,
    E_NOT_FOUND,
    E_TOO_LARGE,
    E_UNREADABLE,
    RawDoc,
    ReadProblem,
    Result,
    clean_text,
    format_mb,
    too_large,
)
from storyline.ingest.formats.decode import Decoded, binary_kind, binary_problem, decode_text, unicode_encoding
from storyline.ingest.formats.feeds import read_feed
from storyline.ingest.formats.limits import MAX_RATIO, open_bounded
from storyline.ingest.formats.meta import iso_date, source_from_url
from storyline.ingest.formats.newswire import is_newswire, read_newswire
from storyline.ingest.formats.records import read_json, read_jsonl
from storyline.ingest.formats.webarchive import read_warc
from storyline.ingest.formats.webpage import read_html
from storyline.ingest.path_dates import wire_outlet
from storyline.model import FileError

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "RawDoc",
    "detect_format",
    "discover",
    "iso_date",
    "read_file",
    "source_from_url",
]

FORMATS = ("txt", "html", "jsonl", "json", "feed", "warc", "newswire")
"""The values of :attr:`RawDoc.fmt`."""

EXTENSIONS: dict[str, str] = {
    "": "txt",
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".sgml": "newswire",
    ".sgm": "newswire",
}
"""Format by (lower-cased) extension; ``.gz`` is unpacked first and the inner extension used."""

FAVOR_PRECISION = True
"""trafilatura's ``favor_precision`` for HTML (on the article-extraction benchmark it gave the best F1)."""

_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 4096
_GLOB_CHARS = frozenset("*?[")
_FIRST_TAG = re.compile(r"^(?:\s|<\?.*?\?>|<!--.*?-->)*(<!doctype\s+html|<([a-z][\w:.-]*))", re.DOTALL)
_PAGE_TAGS = frozenset({"html", "head", "body"})
_FEED_TAGS = frozenset({"rss", "feed", "rdf:rdf"})


def discover(inputs: Sequence[str], exclude: Sequence[str | Path] = ()) -> tuple[list[Path], list[FileError]]:
    """Expand files, folders and globs into a sorted, de-duplicated list of files.

    Folders are walked recursively in sorted order, skipping hidden files and folders (names
    starting with ``.``); globs (``*``, ``?``, ``[...]``, ``**``) are expanded the same way.
    A file named explicitly is kept even when hidden. Paths keep the form they were given in.

    Args:
        inputs: File paths, folder paths and glob patterns.
        exclude: Files and folders never to read, even inside an input folder: Storyline's own
            database and the folder it writes dossiers to, when they sit among the articles.

    Returns:
        ``(files, errors)``: E101 for a path or pattern that matches nothing, E108 for a folder
        without files, E102 for a folder that cannot be read or a link that loops back to a folder
        already read. Pipes, sockets, broken links and link loops among the files are kept in
        ``files``, so that :func:`read_file` names each with its reason.
    """
    found: dict[str, Path] = {}
    errors: list[FileError] = []
    skip = [os.path.realpath(x) for x in exclude]
    for raw in inputs:
        paths, found_errors = _expand(raw)
        errors += found_errors
        for path in paths:
            real = os.path.realpath(path)
            if any(real == x or real.startswith(x.rstrip(os.sep) + os.sep) for x in skip):
                continue
            found.setdefault(real, path)
    return sorted(found.values(), key=str), errors


def read_file(
    path: Path, *, display_path: str | None = None, max_bytes: int = 20_000_000, max_ratio: int = MAX_RATIO
) -> Result:
    """Read one file into zero or more RawDocs, with errors for the file or records inside it.

    Args:
        path: The file.
        display_path: How to name it in RawDoc paths and errors (default: ``str(path)``).
        max_bytes: Size limit for the file (after unpacking ``.gz``); for WARC files, per record.
        max_ratio: A packed file may unpack to ``max(max_bytes, max_ratio × its size)`` bytes at most.

    Returns:
        ``(docs, errors)``. Never raises: an unexpected failure is reported as E199.
    """
    shown = display_path if display_path is not None else str(path)
    try:
        return _read(Path(path), shown, max_bytes, max_ratio)
    except ReadProblem as problem:
        return [], [problem.to_error(shown)]
    except Exception as exc:  # noqa: BLE001 - the promise is that one file never stops a run
        reason = (
            f"unexpected error while reading ({type(exc).__name__}: {exc}); this is a bug, please report it"
        )
        return [], [FileError(shown, reason, E_INTERNAL)]


def detect_format(name: str, head: bytes) -> str:
    """Choose how to read a file from its name and first bytes.

    Args:
        name: The file name (after removing ``.gz``, when it was unpacked).
        head: The first few kilobytes.

    Returns:
        One of :data:`FORMATS`, ``"gzip"`` (unpack, then detect again), or ``"binary:<kind>"``.

    Example:
        >>> detect_format("a.txt", b"Hello"), detect_format("a.txt", b"<!DOCTYPE html><html>")
        ('txt', 'html')
        >>> detect_format("page.html", b"%PDF-1.4"), detect_format("x", b'<?xml version="1.0"?><rss>')
        ('binary:PDF', 'feed')
    """
    if kind := binary_kind(head):
        return f"binary:{kind}"
    lowered = name.lower()
    if head.startswith(b"WARC/") or lowered.endswith((".warc", ".warc.gz")):
        return "warc"
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    by_ext = EXTENSIONS.get(Path(lowered).suffix)
    sniffed = _sniff(head)
    if by_ext is None:
        return "json" if sniffed == "json" else "html" if sniffed == "markup" else sniffed or "txt"
    if sniffed == "newswire" and by_ext in ("txt", "html", "feed", "newswire"):
        return sniffed
    if by_ext == "newswire":
        return "html" if sniffed == "html" else "txt"
    if by_ext in ("txt", "html", "feed") and sniffed in ("html", "feed"):
        return sniffed
    if by_ext == "html" and sniffed is None and b"<" not in head:
        return "txt"
    return by_ext


def _expand(raw: str) -> tuple[list[Path], list[FileError]]:
    path = Path(raw)
    if path.is_dir():
        files, errors = _walk(path)
        if not files and not errors:
            return [], [FileError(raw, "folder holds no files (hidden files and folders are skipped)", E_EMPTY_FOLDER)]
        return files, errors
    if path.exists() or path.is_symlink():
        return [path], []
    if _GLOB_CHARS.intersection(raw):
        matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
        files, errors = [], []
        for m in matches:
            found, problems = _walk(m) if m.is_dir() else ([m], [])
            files += found
            errors += problems
        if files or errors:
            return files, errors
        return [], [FileError(raw, "no such file or folder: the pattern matched nothing", E_NOT_FOUND)]
    return [], [FileError(raw, "no such file or folder", E_NOT_FOUND)]


def _walk(folder: Path) -> tuple[list[Path], list[FileError]]:
    """Every non-hidden entry under ``folder`` that is not a folder, and the folders that cannot be read.

    Links to folders are followed, each real folder once (a link back up the tree is a loop, reported).
    Entries that are not regular files (pipes, sockets, broken links, link loops) are returned too, so that
    reading them names them with the reason instead of skipping them without a word.
    """
    files: list[Path] = []
    errors: list[FileError] = []
    seen = {os.path.realpath(folder)}

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else str(folder)
        errors.append(_os_problem(exc, folder=True).to_error(str(where)))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=True):
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            sub = os.path.join(dirpath, d)
            real = os.path.realpath(sub)
            if real in seen:
                errors.append(
                    FileError(sub, f"link to a folder already read ({real}): a link loop; left out", E_UNREADABLE)
                )
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        files += [Path(dirpath) / name for name in sorted(filenames) if not name.startswith(".")]
    return files, errors


def _read(path: Path, shown: str, max_bytes: int, max_ratio: int) -> Result:
    size = _check_file(path)
    head = _read_bytes(path, _HEAD_BYTES)
    fmt = detect_format(path.name, head)
    if fmt == "warc":
        return read_warc(path, shown, max_bytes=max_bytes, precision=FAVOR_PRECISION, max_ratio=max_ratio)
    if size > max_bytes:
        raise too_large(size, max_bytes)
    name = path.name
    if fmt == "gzip":
        data, name = _gunzip(path, max_bytes, max_ratio), re.sub(r"\.(gz|gzip)$", "", name, flags=re.IGNORECASE)
        fmt = detect_format(name, data[:_HEAD_BYTES])
        if fmt == "warc":
            return read_warc(path, shown, max_bytes=max_bytes, precision=FAVOR_PRECISION, max_ratio=max_ratio)
        if fmt == "gzip":
            raise ReadProblem(E_BAD_GZIP, "gzip inside gzip: unpack it first")
    else:
        data = _read_bytes(path)
    return _dispatch(fmt, data, shown)


def _dispatch(fmt: str, data: bytes, shown: str) -> Result:
    if fmt.startswith("binary:"):
        raise binary_problem(fmt.removeprefix("binary:"))
    if not data.strip(b" \t\r\n\x0b\x0c\x00"):
        raise ReadProblem(E_BLANK, "file holds only whitespace")
    if fmt == "html":
        return [read_html(data, shown, precision=FAVOR_PRECISION)], []
    if fmt == "feed":
        return read_feed(data, shown)
    text, decoded = _decode_text(data)
    if fmt in ("jsonl", "json", "newswire"):
        if fmt == "newswire":
            docs, errors = read_newswire(text, shown)
        else:
            reader = read_jsonl if fmt == "jsonl" else read_json
            docs, errors = reader(text, shown, precision=FAVOR_PRECISION)
        for doc in docs:
            doc.meta.update(decoded.meta())
        return docs, errors
    return [_text_doc(text, decoded, shown)], []


def _text_doc(text: str, decoded: Decoded, shown: str) -> RawDoc:
    wire = wire_outlet(shown)  # a file named by a wire document number ("APW19980219.0476.txt")
    return RawDoc(
        path=shown, text=text, fmt="txt", first_line_title=True, meta=decoded.meta(), source=wire,
        source_how="path" if wire else None,
    )  # fmt: skip


def _decode_text(data: bytes) -> tuple[str, Decoded]:
    decoded = decode_text(data)
    text = clean_text(decoded.text)
    if not text.strip():
        raise ReadProblem(E_BLANK, "file holds only whitespace")
    return text, decoded


def _check_file(path: Path) -> int:
    """Size of a readable regular file, or the reason it is not one."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadProblem(E_NOT_FOUND, f"broken symbolic link (to {os.readlink(path)}); fix or remove it") from None
        raise ReadProblem(E_NOT_FOUND, "no such file or folder") from None
    except OSError as exc:
        raise _os_problem(exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadProblem(
            E_UNREADABLE, "is a folder, not a file; pass it as an input and its files are found"
        )
    if not stat.S_ISREG(info.st_mode):
        raise ReadProblem(
            E_UNREADABLE, "not a regular file (a device, pipe or socket); copy the data to a file"
        )
    if info.st_size == 0:
        raise ReadProblem(E_EMPTY, "empty file")
    return info.st_size


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except OSError as exc:
        raise _os_problem(exc) from None


def _os_problem(exc: OSError, *, folder: bool = False) -> ReadProblem:
    what = "folder" if folder else "file"
    if isinstance(exc, PermissionError):
        return ReadProblem(
            E_UNREADABLE, f"permission denied; check the {what}'s permissions (e.g. chmod u+r{'x' * folder})"
        )
    if exc.errno == errno.ELOOP:
        return ReadProblem(E_UNREADABLE, "a symbolic link loop (the link points back to itself); remove the link")
    if folder:
        return ReadProblem(E_UNREADABLE, f"cannot read the folder ({exc.strerror or exc}); check the disk")
    return ReadProblem(
        E_UNREADABLE, f"cannot read the file ({exc.strerror or exc}); check the disk or copy it again"
    )


def _gunzip(path: Path, max_bytes: int, max_ratio: int) -> bytes:
    """The unpacked bytes, streamed: never more than ``max_bytes + 1`` of them are held."""
    try:
        with open_bounded(path, max_bytes=max_bytes, max_ratio=max_ratio) as stream:
            unpacked = stream.read(max_bytes + 1)
            if len(unpacked) <= max_bytes:
                stream.read(1)  # at the end: raises when the stream was cut short or broken after the data
    except OSError as exc:
        raise _os_problem(exc) from None
    if len(unpacked) > max_bytes:
        raise ReadProblem(
            E_TOO_LARGE,
            f"unpacked file is over the {format_mb(max_bytes)} limit; split it or raise ingest.max_bytes",
        )
    if not unpacked:
        raise ReadProblem(E_EMPTY, "empty file (after unpacking gzip)")
    return unpacked


def _sniff(head: bytes) -> str | None:
    """``feed``, ``html`` (a whole page), ``newswire`` (an SGML ``<DOC>`` record), ``markup`` (some other tag
    first), ``json``, or ``None``."""
    start = _head_text(head).lstrip("\ufeff \t\r\n").lower()
    if start[:1] in ("{", "["):
        return "json"
    if is_newswire(start):
        return "newswire"
    found = _FIRST_TAG.match(start[:_HEAD_BYTES])
    if found is None:
        return None
    if found.group(2) is None or found.group(2) in _PAGE_TAGS:
        return "html"
    return "feed" if found.group(2) in _FEED_TAGS else "markup"


def _head_text(head: bytes) -> str:
    """Enough of the head to see its first tag: markers are ASCII, so a lenient decode will do."""
    return head.decode(unicode_encoding(head) or "utf-8", "ignore")
