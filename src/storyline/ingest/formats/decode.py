"""Bytes to text: byte-order marks, UTF-8, charset detection, and telling binary data apart.

The order follows what scraped news files actually are: UTF-8 nearly always, sometimes with a
BOM, sometimes UTF-16 from Windows tools, sometimes a legacy single-byte code page (mostly
cp1252). Anything that decodes to a soup of control characters is reported, not passed on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from storyline.ingest.formats.base import E_BINARY, E_UNDECODABLE, ReadProblem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"%!PS", "PostScript"),
    (b"{\\rtf", "RTF"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
)
_ARCHIVES = frozenset({"ZIP", "RAR", "7-Zip", "XZ", "bzip2", "TAR"})
_MEDIA = frozenset({"PNG", "GIF", "JPEG", "WebP", "MP3", "Ogg", "MP4", "WAV", "AVI"})
_RIFF = {b"WEBP": "WebP", b"WAVE": "WAV", b"AVI ": "AVI"}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WEB_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

MAX_NUL_SHARE = 0.01
"""Text with more NUL bytes than this share of its first 64 kB is binary..."""
MAX_STRAY_NULS = 16
"""...unless there are no more than this many: a few stray NULs (scraper debris) are dropped instead."""
MAX_GARBAGE_SHARE = 0.05
"""Decoded text with more control/replacement characters than this share is not text."""


def binary_kind(head: bytes) -> str | None:
    """Name the binary format a file starts with, if it is a known one.

    Args:
        head: The first bytes of the file (512 are enough).

    Returns:
        A short name such as ``"PDF"`` or ``"ZIP"``, or ``None`` for anything else (gzip included:
        the readers unpack it).

    Example:
        >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"Hello")
        ('PDF', None)
    """
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4"
    if re.match(rb"BZh[1-9]1AY&SY", head):
        return "bzip2"
    if head[257:262] == b"ustar":
        return "TAR"
    return None


def binary_problem(kind: str) -> ReadProblem:
    """The E105 problem for a binary file of ``kind``, with advice that fits it.

    Example:
        >>> binary_problem("PDF").reason
        'binary file (PDF): convert it to text or HTML first'
    """
    if kind in _ARCHIVES:
        advice = "unpack it and pass the files or the folder instead"
    elif kind in _MEDIA:
        advice = "it holds no article text; leave it out"
    else:
        advice = "convert it to text or HTML first"
    return ReadProblem(E_BINARY, f"binary file ({kind}): {advice}")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file of unknown encoding.

    Order: byte-order mark, UTF-16 without BOM (NUL pattern), UTF-8, charset-normalizer (with
    cp1252 preferred on ties, as it is the usual non-UTF-8 encoding of scraped English news),
    then cp1252.

    Args:
        data: The file's bytes.

    Returns:
        ``(text, encoding)``; the text still has its original newlines.

    Raises:
        ReadProblem: E105 for binary data (NUL bytes), E106 when nothing decodes it into text.

    Example:
        >>> decode_bytes("café".encode("utf-8"))
        ('café', 'utf-8')
        >>> decode_bytes(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"))
        ('hi', 'utf-16')
    """
    encoding = unicode_encoding(data)
    if encoding is None and _nul_share(data) > MAX_NUL_SHARE:
        raise binary_problem("NUL bytes, unknown type")
    candidates = [encoding] if encoding else ["utf-8", _guess_encoding(data), "cp1252"]
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        return _check_text(text), candidate
    raise _undecodable()


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page, honouring a BOM and then its ``<meta charset>`` before guessing.

    Raises:
        ReadProblem: as :func:`decode_bytes`.

    Example:
        >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')[1]
        'cp1252'
    """
    if _bom_encoding(data) is None:
        declared = _declared_charset(data[:4096])
        if declared is not None:
            try:
                return _check_text(data.decode(declared)), declared
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_bytes(data)


def unicode_encoding(data: bytes) -> str | None:
    """The UTF-16/32 or UTF-8-with-BOM encoding that a BOM (or a UTF-16 NUL pattern) announces.

    Example:
        >>> unicode_encoding(codecs.BOM_UTF8 + b"x"), unicode_encoding("<rss>".encode("utf-16-le"))
        ('utf-8-sig', 'utf-16-le')
        >>> unicode_encoding(b"<rss>") is None
        True
    """
    return _bom_encoding(data) or _utf16_without_bom(data)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 of mostly-Latin text by where its NUL bytes fall."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls > 0.7 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.7 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _nul_share(data: bytes) -> float:
    sample = data[:65536]
    nuls = sample.count(0)
    return nuls / len(sample) if nuls > MAX_STRAY_NULS else 0.0


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 when it scores as well as the best."""
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return "cp1252"
    return str(best.encoding)


def _declared_charset(head: bytes) -> str | None:
    found = _META_CHARSET.search(head)
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    return _WEB_ALIASES.get(name, name)


def _check_text(text: str) -> str:
    """Reject decoded text that is mostly control or replacement characters."""
    sample = text[:65536]
    if not sample:
        return text
    bad = sum(1 for ch in sample if ch not in "\t\n\r\f\x00" and _is_garbage(ch))
    if bad / len(sample) > MAX_GARBAGE_SHARE:
        raise _undecodable()
    return text


def _is_garbage(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cs")


def _undecodable() -> ReadProblem:
    return ReadProblem(
        E_UNDECODABLE,
        "cannot decode the text (not UTF-8, UTF-16 or any encoding charset detection recognises); "
        "re-save it as UTF-8",
    )
