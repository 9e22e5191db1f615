"""Reading packed and streamed input within bounds: decompression bombs and endless lines are refused.

A gzip file (a ``.gz`` text, JSON or HTML file, a ``.warc.gz`` crawl) may unpack to at most
``max(max_bytes, max_ratio × its packed size)`` bytes: a genuine archive of news pages packs 5 to 20 times,
a bomb thousands of times. A stream (a WARC file, packed or not) may not hold a line longer than
``max_bytes`` either, since the WARC parser keeps a whole header line in memory. Both are checked while
reading, so memory and time stay bounded by the limits, whatever the file claims.

Example:
    >>> import gzip, tempfile, pathlib
    >>> bomb = pathlib.Path(tempfile.mkdtemp()) / "bomb.txt.gz"
    >>> _ = bomb.write_bytes(gzip.compress(b"A" * 3_000_000))
    >>> with open_bounded(bomb, max_bytes=1_000_000, max_ratio=100) as stream:
    ...     stream.read(10_000_000)
    Traceback (most recent call last):
    ...
    storyline.ingest.formats.limits.LimitExceeded: unpacks to over 1 MB (packed 2.9 kB; ...
"""

from __future__ import annotations

import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from storyline.ingest.formats.base import E_BAD_GZIP, E_TOO_LARGE, ReadProblem, format_mb

__all__ = ["GZIP_MAGIC", "MAX_RATIO", "BoundedStream", "LimitExceeded", "open_bounded"]

GZIP_MAGIC = b"\x1f\x8b"
MAX_RATIO = 100
"""Default ``ingest.max_ratio``: most bytes a packed file may unpack to per packed byte (beyond max_bytes)."""


class LimitExceeded(ReadProblem):
    """A stream passed one of its limits: the whole file is refused (not just the record being read)."""


class BoundedStream:
    """A binary file's bytes (unpacked when it is gzip), refusing more than ``limit`` bytes in all or a line
    longer than ``max_line``: :meth:`read` raises :class:`ReadProblem` (E107) the moment either is passed.

    Args:
        raw: The open file.
        packed: True to gunzip it (every member, as ``gzip`` does).
        size: Its size on disk, for the messages.
        limit: Most bytes to hand out, or ``None`` for no limit.
        max_line: Most bytes between two newlines, or ``None``.
        max_ratio: The ratio behind ``limit``, for the messages.
    """

    def __init__(
        self,
        raw: BinaryIO,
        *,
        packed: bool,
        size: int,
        limit: int | None,
        max_line: int | None,
        max_ratio: int = MAX_RATIO,
    ) -> None:
        self._raw = raw
        self._source: _Gunzip | _Plain = _Gunzip(raw) if packed else _Plain(raw)
        # what went wrong, kept as (kind, code, reason): a kept exception would hold its traceback, whose frames
        # hold this stream and the bytes read so far, a cycle that keeps megabytes alive until a full GC
        self._failed: tuple[type[ReadProblem], str, str] | None = None
        self.packed = packed
        self.size = size
        self.limit = limit
        self.max_line = max_line
        self.max_ratio = max_ratio
        self.total = 0
        self._run = 0  # bytes since the last newline

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` bytes (all that is left, within the limit, when ``n`` < 0); ``b""`` only at the end.

        A broken gzip stream raises E109, but only once the bytes unpacked before the break are handed out.
        """
        if self._failed is not None:
            kind, code, reason = self._failed
            raise kind(code, reason)
        want = (self.limit + 1 - self.total if self.limit is not None else -1) if n is None or n < 0 else n
        parts: list[bytes] = []
        got = 0
        while want < 0 or got < max(want, 1):
            try:
                part = self._source.read1(-1 if want < 0 else max(want - got, 1))
            except ReadProblem as problem:
                if not parts:
                    raise
                self._failed = (type(problem), problem.code, problem.reason)
                break
            if not part:
                break
            parts.append(part)
            got += len(part)
            self._count(part)
        return b"".join(parts)

    def _count(self, data: bytes) -> None:
        self.total += len(data)
        if self.limit is not None and self.total > self.limit:
            self._failed = (LimitExceeded, E_TOO_LARGE, self._too_big())
            raise LimitExceeded(E_TOO_LARGE, self._failed[2])  # bound to no local: no frame-exception cycle
        if self.max_line is not None:
            last = data.rfind(b"\n")
            self._run = len(data) - last - 1 if last >= 0 else self._run + len(data)
            if self._run > self.max_line:
                reason = (
                    f"holds a line of over {format_mb(self.max_line)} without a break (ingest.max_bytes): "
                    "not a text, JSON or WARC file as written; check the file"
                )
                self._failed = (LimitExceeded, E_TOO_LARGE, reason)
                raise LimitExceeded(E_TOO_LARGE, reason)

    def tell(self) -> int:
        """Bytes handed out so far (the WARC reader asks)."""
        return self.total

    def _too_big(self) -> str:
        assert self.limit is not None
        if not self.packed:
            return f"is over the {format_mb(self.limit)} limit (ingest.max_bytes)"
        return (
            f"unpacks to over {format_mb(self.limit)} (packed {format_mb(self.size)}; the limit is the larger of "
            f"ingest.max_bytes and {self.max_ratio} times the packed size, ingest.max_ratio); "
            "unpack it by hand if it is genuine"
        )

    def close(self) -> None:
        """Close the file."""
        self._raw.close()

    def __enter__(self) -> BoundedStream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


_BLOCK = 1 << 16


class _Plain:
    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def read1(self, n: int) -> bytes:
        return self._raw.read(_BLOCK if n < 0 else min(n, _BLOCK))


class _Gunzip:
    """Every gzip member of a file in turn, unpacked a bounded step at a time (``zlib`` with ``max_length``,
    so a bomb never unpacks more than asked for); zero padding between members is allowed."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._carry = b""  # packed bytes read but not yet given to the decompressor
        self._unpacked = 0
        self._done = False

    def read1(self, n: int) -> bytes:
        step = _BLOCK if n < 0 else min(n, _BLOCK)
        while not self._done:
            if self._zlib.eof and not self._next_member():
                break
            pending = self._zlib.unconsumed_tail
            if not pending:
                pending, self._carry = self._carry or self._raw.read(_BLOCK), b""
                if not pending:
                    raise self._broken("the file is cut short")
            try:
                out = self._zlib.decompress(pending, step)
            except zlib.error as exc:
                raise self._broken(str(exc)) from None
            if out:
                self._unpacked += len(out)
                return out
        return b""

    def _next_member(self) -> bool:
        """Start the next member (False at the end of the file)."""
        rest = self._zlib.unused_data + self._carry
        while not (rest := rest.lstrip(b"\x00")):
            rest = self._raw.read(_BLOCK)
            if not rest:
                self._done = True
                return False
        if not GZIP_MAGIC.startswith(rest[:2]):
            raise self._broken("data after a gzip member is not gzip")
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._carry = rest
        return True

    def _broken(self, why: str) -> ReadProblem:
        return ReadProblem(
            E_BAD_GZIP,
            f"broken gzip stream after {format_mb(self._unpacked)} unpacked ({why}); "
            "download it again or unpack it by hand",
        )


def open_bounded(
    path: Path, *, max_bytes: int, max_ratio: int = MAX_RATIO, max_line: int | None = None
) -> BoundedStream:
    """Open ``path`` for bounded reading, unpacking it when it starts with the gzip magic number.

    A packed file may unpack to ``max(max_bytes, max_ratio × packed size)`` bytes; a plain one is not
    limited here (its size on disk is what it is). ``max_line`` limits the bytes between two newlines.

    Raises:
        OSError: the file cannot be opened (the caller names the reason).
    """
    raw = path.open("rb")
    try:
        size = path.stat().st_size
        packed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
    except BaseException:
        raw.close()
        raise
    limit = max(max_bytes, max_ratio * size) if packed else None
    return BoundedStream(raw, packed=packed, size=size, limit=limit, max_line=max_line, max_ratio=max_ratio)
