"""The record every reader returns, the error codes, and small helpers shared by the readers.

Error codes (every :class:`~storyline.model.FileError` from ingest carries one):

======  ==========================================================================
Code    Meaning
======  ==========================================================================
E101    no such file or folder (or a glob that matched nothing)
E102    the file cannot be opened (permissions, not a regular file, I/O error)
E103    empty file (0 bytes)
E104    the file holds only whitespace
E105    binary file (PDF, image, archive, ... or NUL bytes)
E106    the bytes cannot be decoded as text in any known encoding
E107    the file (or a record in a WARC) is over the size limit
E108    a folder that holds no readable files
E109    broken gzip stream
E110    HTML with no article text
E111    the text (of a file or a record) is over the character limit, ``ingest.max_chars``
E112    no article text (fewer than three words) left after cleaning
E113    an upload with less text after cleaning than the web app asks for (``web.min_chars``)
E120    invalid JSON (a whole .json file, or one line of a .jsonl file)
E121    a JSON record with no article text
E122    JSON of an unexpected shape (not an object, no list of articles)
E123    an LDC newswire file (SGML ``<DOC>`` records) with no text, or one record of it without ``<TEXT>``
E129    further record errors in the same file, left out to keep the report short
E130    not a valid RSS/Atom feed
E131    feed entries with only a short summary (no full text), skipped
E132    a well-formed feed with no entries
E140    broken WARC file
E141    a WARC file with no HTML responses (status 200)
E150    an article that a stage (cleaning, parsing, dating) failed on; the others are kept
E199    unexpected error while reading; a bug, please report it
======  ==========================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.model import FileError

E_NOT_FOUND = "E101"
"""No such file or folder, or a glob that matched nothing."""
E_UNREADABLE = "E102"
"""The file cannot be opened: permissions, a folder or device where a file was expected, I/O error."""
E_EMPTY = "E103"
"""The file is empty (0 bytes)."""
E_BLANK = "E104"
"""The file holds only whitespace."""
E_BINARY = "E105"
"""Binary data (known magic number, or NUL bytes) where text was expected."""
E_UNDECODABLE = "E106"
"""The bytes are not text in any encoding we could find."""
E_TOO_LARGE = "E107"
"""Over the ``max_bytes`` limit."""
E_EMPTY_FOLDER = "E108"
"""A folder with no readable (non-hidden) files."""
E_BAD_GZIP = "E109"
"""A gzip stream that cannot be decompressed."""
E_HTML_NO_TEXT = "E110"
"""HTML in which neither trafilatura nor its baseline found any text."""
E_TOO_LONG = "E111"
"""A text over ``ingest.max_chars`` characters (parsing it would take memory in proportion)."""
E_NO_TEXT = "E112"
"""Fewer than three words of text after cleaning: nothing to analyse."""
E_TOO_SHORT = "E113"
"""Less text after cleaning than an upload needs (``web.min_chars``, 200 characters by default)."""
E_JSON_INVALID = "E120"
"""Invalid JSON (whole file, or one line of JSON Lines)."""
E_JSON_NO_TEXT = "E121"
"""A JSON record without any of the text fields."""
E_JSON_SHAPE = "E122"
"""JSON that is neither an article, a list of articles, nor an object holding such a list."""
E_NEWSWIRE_NO_TEXT = "E123"
"""A newswire ``<DOC>`` record without ``<TEXT>`` (the others of its file are kept), or a file with none."""
E_MORE_ERRORS = "E129"
"""Summary line standing in for further record errors of the same file."""
E_FEED_INVALID = "E130"
"""Not a valid RSS/Atom feed."""
E_FEED_SUMMARY_ONLY = "E131"
#: Codes that report input skipped on purpose rather than a failure: shown, but the exit status stays 0.
NOTICE_CODES = frozenset({E_FEED_SUMMARY_ONLY})
"""Feed entries that carry only a short summary, skipped."""
E_FEED_EMPTY = "E132"
"""A feed without entries."""
E_WARC_INVALID = "E140"
"""A WARC file that cannot be parsed (or is cut short)."""
E_WARC_NO_HTML = "E141"
"""A WARC file without any HTML response with status 200."""
E_ANALYSIS_FAILED = "E150"
"""A stage raised on one article: that article is left out and named, the run goes on."""
E_INTERNAL = "E199"
"""An unexpected exception inside a reader: a bug."""

MAX_RECORD_ERRORS = 20
"""Record-level errors reported per file before the rest are summarised in one E129 line."""


@dataclass(slots=True)
class RawDoc:
    """One article as read from disk, before cleaning.

    Attributes:
        path: The path as given on input; records inside a container get a suffix:
            ``"feed.xml#3"`` (3rd entry), ``"dump.jsonl#12"`` (line 12), ``"dump.json#2"`` (2nd record),
            ``"crawl.warc.gz#https://example.com/a"`` (target URI), ``"apw.sgml#APW19980807.0261"`` (a newswire
            record's document number).
        text: Plain text of the article, paragraphs separated by ``\\n``.
        fmt: ``txt`` | ``html`` | ``jsonl`` | ``json`` | ``feed`` | ``warc`` | ``newswire``.
        title: Headline from metadata; ``None`` for ``.txt`` (the cleaner finds it in the first line).
        source: Outlet name from metadata, or derived from the URL's domain.
        source_how: ``"metadata"`` or ``"url"``.
        author: Byline from metadata.
        url: Canonical URL of the article.
        published: ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY``) from metadata; the original is in
            ``meta["published_raw"]``.
        first_line_title: True only when the headline may be the first line of ``text``.
        meta: Anything else worth keeping, as strings (encoding, extractor used, ...).

    Example:
        >>> RawDoc(path="a.txt", text="Title\\nBody.", fmt="txt").first_line_title
        True
    """

    path: str
    text: str
    fmt: str
    title: str | None = None
    source: str | None = None
    source_how: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    first_line_title: bool = True
    meta: dict[str, str] = field(default_factory=dict)


class ReadProblem(Exception):
    """Raised inside the readers for a problem with the input; turned into a FileError at the edge.

    Example:
        >>> str(ReadProblem("E103", "empty file").to_error("a.txt"))
        'a.txt: empty file [E103]'
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason

    def to_error(self, path: str) -> FileError:
        """The user-facing error for ``path``."""
        return FileError(path, self.reason, self.code)


Result = tuple[list[RawDoc], list[FileError]]
"""What every reader returns: the documents read and the problems found."""


def cap_errors(path: str, errors: list[FileError], limit: int = MAX_RECORD_ERRORS) -> list[FileError]:
    """Keep the first ``limit`` record errors and summarise the rest in one line.

    Args:
        path: The file the errors belong to.
        errors: Record-level errors in file order.
        limit: How many to keep verbatim.

    Returns:
        At most ``limit + 1`` errors.

    Example:
        >>> errs = [FileError("d.jsonl", f"line {i}: invalid JSON", "E120") for i in range(25)]
        >>> str(cap_errors("d.jsonl", errs, limit=2)[-1])
        'd.jsonl: 23 more record errors not shown [E129]'
    """
    if len(errors) <= limit:
        return errors
    rest = len(errors) - limit
    return [*errors[:limit], FileError(path, f"{rest} more record errors not shown", E_MORE_ERRORS)]


def clean_text(text: str) -> str:
    """Normalise newlines to ``\\n``, drop NUL and other control characters (terminal escapes included: they
    are no article's text) and a stray BOM; a vertical tab or form feed is a line break.

    Example:
        >>> clean_text("\\ufeffa\\r\\nb\\rc\\x00\\x1b[1md\\x0ce")
        'a\\nb\\nc[1md\\ne'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    return _CONTROL_CHARS.sub(_control_replacement, text)


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_replacement(m: re.Match[str]) -> str:
    return "\n" if m.group() in "\x0b\x0c" else ""


def word_count(text: str) -> int:
    """Count whitespace-separated words.

    Example:
        >>> word_count("one two  three")
        3
    """
    return len(text.split())


def format_mb(n_bytes: int) -> str:
    """Format a byte count in decimal units, as a file manager shows it.

    Example:
        >>> format_mb(31_200_000), format_mb(20_000_000), format_mb(2_500), format_mb(12)
        ('31.2 MB', '20 MB', '2.5 kB', '12 bytes')
    """
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n_bytes >= size:
            return f"{n_bytes / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n_bytes} bytes"


def too_large(size: int, limit: int) -> ReadProblem:
    """The E107 problem for a file of ``size`` bytes over ``limit``.

    Example:
        >>> too_large(31_200_000, 20_000_000).reason
        'file is 31.2 MB, over the 20 MB limit; split it or raise ingest.max_bytes'
    """
    return ReadProblem(
        E_TOO_LARGE,
        f"file is {format_mb(size)}, over the {format_mb(limit)} limit; split it or raise ingest.max_bytes",
    )


def too_long(path: str, chars: int, limit: int) -> FileError:
    """The E111 error for a text of ``chars`` characters over ``limit`` (``ingest.max_chars``).

    Example:
        >>> too_long("all.txt", 3_860_000, 1_000_000).reason.split(";")[0]
        'text is 3,860,000 characters, over the 1,000,000-character limit (ingest.max_chars)'
    """
    return FileError(
        path,
        f"text is {chars:,} characters, over the {limit:,}-character limit (ingest.max_chars); "
        "split it into articles or raise ingest.max_chars",
        E_TOO_LONG,
    )
