"""WARC crawl files (``.warc``, ``.warc.gz``): each HTML response with status 200 is one article.

The file is streamed record by record, so the size limit applies to each record's payload,
not to the whole crawl; a packed crawl may unpack to at most ``ingest.max_ratio`` times its size, and no
line may be longer than the size limit (:mod:`storyline.ingest.formats.limits`). The crawl date
(``WARC-Date``) is kept in ``meta`` only: it says when the page was fetched, not when it was published.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from storyline.ingest.formats.base import (
    E_TOO_LARGE,
    E_UNREADABLE,
    E_WARC_INVALID,
    E_WARC_NO_HTML,
    RawDoc,
    ReadProblem,
    Result,
    cap_errors,
    format_mb,
)
from storyline.ingest.formats.decode import decode_html
from storyline.ingest.formats.limits import MAX_RATIO, LimitExceeded, open_bounded
from storyline.ingest.formats.webpage import html_to_doc
from storyline.model import FileError

HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK_SIZE = 1 << 20
"""warcio's read size: it joins a long line block by block, so small blocks make a long line quadratic (a
20 MB header line took 24 s with its default 16 kB blocks, 0.1 s with these)."""


def read_warc(
    path: Path, shown: str, *, max_bytes: int, precision: bool = True, max_ratio: int = MAX_RATIO
) -> Result:
    """Read every HTML response (status 200) of a WARC file; other records are skipped quietly.

    Record paths are ``"<file>#<WARC-Target-URI>"``. A file broken half-way keeps the records
    read before the break and reports the break (E140).

    Args:
        path: The WARC file.
        shown: Its display path.
        max_bytes: Limit for one record's payload, and for one line.
        precision: trafilatura's ``favor_precision``.
        max_ratio: A ``.warc.gz`` may unpack to ``max(max_bytes, max_ratio × its size)`` bytes in all.
    """
    docs: list[RawDoc] = []
    errors: list[FileError] = []
    records = 0
    try:
        with (
            open_bounded(path, max_bytes=max_bytes, max_ratio=max_ratio, max_line=max_bytes) as stream,
            contextlib.redirect_stderr(io.StringIO()),  # warcio prints warnings (with raw record lines) there
        ):
            for record in ArchiveIterator(stream, block_size=_BLOCK_SIZE):
                records += 1
                if not _is_html_200(record):
                    continue
                uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
                try:
                    docs.append(_record_to_doc(record, uri, shown, max_bytes, precision))
                except LimitExceeded:
                    raise
                except ReadProblem as problem:
                    errors.append(FileError(shown, f"record {uri}: {problem.reason}", problem.code))
    except LimitExceeded as problem:
        kept = f"; the {len(docs)} article(s) before it were read" if docs else ""
        errors.append(FileError(shown, f"{problem.reason} (stopped after {records} records{kept})", problem.code))
    except OSError as exc:
        errors.append(FileError(shown, f"cannot read the file ({exc.strerror or exc})", E_UNREADABLE))
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors (even AttributeError) on bad input
        errors.append(
            FileError(
                shown,
                f"broken WARC file after {records} records ({type(exc).__name__}: {_one_line(exc)}); "
                "the records before the break were read",
                E_WARC_INVALID,
            )
        )
    if not docs and not errors:
        errors.append(
            FileError(
                shown, f"no HTML responses with status 200 among {records} WARC records", E_WARC_NO_HTML
            )
        )
    return docs, cap_errors(shown, errors)


def _is_html_200(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if str(record.http_headers.get_statuscode()) != "200":
        return False
    content_type = str(record.http_headers.get_header("Content-Type") or "").lower()
    return not content_type or content_type.startswith(HTML_TYPES)


def _record_to_doc(record: Any, uri: str, shown: str, max_bytes: int, precision: bool) -> RawDoc:
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise ReadProblem(
            E_TOO_LARGE, f"record payload is over the {format_mb(max_bytes)} limit; raise ingest.max_bytes"
        )
    html = _decode(payload, str(record.http_headers.get_header("Content-Type") or ""))
    doc = html_to_doc(html, path=f"{shown}#{uri}", fmt="warc", url=uri or None, precision=precision)
    if warc_date := record.rec_headers.get_header("WARC-Date"):
        doc.meta["warc_date"] = str(warc_date)
    if uri:
        doc.meta["warc_target_uri"] = uri
    return doc


def _decode(payload: bytes, content_type: str) -> str:
    """HTTP charset first (it overrides the page's own <meta>), then the HTML rules."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                return payload.decode(value.strip("\"' "))
            except (LookupError, UnicodeDecodeError):
                break
    return decode_html(payload)[0]


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
