"""Bytes to text: byte-order marks, UTF-8, charset detection, and telling binary data apart.

The order follows what scraped news files actually are: UTF-8 nearly always, sometimes with a
BOM, sometimes UTF-16 from Windows tools, sometimes a legacy single-byte code page (mostly
cp1252). Anything that decodes to a soup of control characters is reported, not passed on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with how: the encoding used, whether it was guessed, and how many invalid
    byte sequences of a mostly-UTF-8 file were replaced with U+FFFD.

    Example:
        >>> decode_text("Beijing’s reply came on Monday.".encode() + b"\\x9d").warning
        'replaced 1 invalid UTF-8 byte sequence with U+FFFD'
    """

    text: str
    encoding: str
    replaced: int = 0
    guessed: bool = False

    @property
    def warning(self) -> str | None:
        """What a reader should know about the decoding, or None."""
        if not self.replaced:
            return None
        return f"replaced {self.replaced} invalid UTF-8 byte sequence{'s' * (self.replaced > 1)} with U+FFFD"

    def meta(self) -> dict[str, str]:
        """What to record on the article: ``encoding`` (and ``encoding_how``, ``decode_warning``)."""
        out = {"encoding": self.encoding}
        if self.guessed:
            out["encoding_how"] = "guessed"
        if warning := self.warning:
            out["decode_warning"] = warning
        return out


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file of unknown encoding: ``(text, encoding)`` of :func:`decode_text`.

    Example:
        >>> decode_bytes("café".encode("utf-8"))
        ('café', 'utf-8')
        >>> decode_bytes(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"))
        ('hi', 'utf-16')
    """
    found = decode_text(data)
    return found.text, found.encoding


def decode_text(data: bytes) -> Decoded:
    """Decode a text file of unknown encoding.

    Order: byte-order mark, UTF-16 without BOM (NUL pattern), UTF-8; then UTF-8 with its few invalid
    sequences replaced when the file is mostly UTF-8 (at least :data:`MIN_UTF8_SHARE` of its non-ASCII
    sequences valid: a stray byte must not turn a UTF-8 article into mojibake); then cp1252 for Western
    text (:func:`_western`); then charset-normalizer's guess (cp1252 preferred on ties), then cp1252.

    Args:
        data: The file's bytes.

    Returns:
        The text (original newlines kept) and how it was decoded.

    Raises:
        ReadProblem: E105 for binary data (NUL bytes), E106 when nothing decodes it into text.

    Example:
        >>> decode_text("Señor García".encode("latin-1"))
        Decoded(text='Señor García', encoding='cp1252', replaced=0, guessed=True)
    """
    encoding = unicode_encoding(data)
    if encoding is None and _nul_share(data) > MAX_NUL_SHARE:
        raise binary_problem("NUL bytes, unknown type")
    if encoding:
        try:
            return Decoded(_check_text(data.decode(encoding)), encoding)
        except (UnicodeDecodeError, LookupError):
            raise _undecodable() from None
    try:
        return Decoded(_check_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    replaced, valid = _utf8_errors(data)
    if valid and valid >= MIN_UTF8_SHARE * (valid + replaced):
        return Decoded(_check_text(data.decode("utf-8", "replace")), "utf-8", replaced=replaced)
    western = _western(data)
    if western is not None:
        return Decoded(_check_text(western), "cp1252", guessed=True)
    for candidate in (_guess_encoding(data), "cp1252"):
        if candidate is None:
            continue
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        return Decoded(_check_text(text), candidate, guessed=True)
    raise _undecodable()


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page, honouring a BOM and then its ``<meta charset>`` before guessing.

    Raises:
        ReadProblem: as :func:`decode_bytes`.

    Example:
        >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')[1]
        'cp1252'
    """
    found = decode_html_text(data)
    return found.text, found.encoding


def decode_html_text(data: bytes) -> Decoded:
    """:func:`decode_html` with how the page was decoded (:class:`Decoded`)."""
    if _bom_encoding(data) is None:
        declared = _declared_charset(data[:4096])
        if declared is not None:
            try:
                return Decoded(_check_text(data.decode(declared)), declared)
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_text(data)


MIN_UTF8_SHARE = 0.5
"""A file is mostly UTF-8 when at least this share of its non-ASCII byte sequences are valid UTF-8. A
Latin-1 or cp1252 file has almost none (an accented letter before an ASCII one is never valid UTF-8; a
valid pair needs a capital accented letter followed by a cp1252 symbol); a UTF-8 article with a few stray
bytes has nearly all of them valid."""
MAX_WESTERN_SHARE = 0.3
"""Decoded as cp1252, Western text has few non-ASCII letters (French, Spanish, German: under 10% of the
letters); Cyrillic or Greek bytes read as cp1252 are nearly all non-ASCII letters."""
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
    "‘’‚“”„•–—…€£¥¢©®™°±§¶·«»¡¿ªº¹²³¼½¾×÷µ\xa0‹›†‡‰¨¯´¸¦¤ˆ˜"
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _utf8_errors(data: bytes) -> tuple[int, int]:
    """(invalid sequences that ``errors="replace"`` replaces, valid multi-byte sequences)."""
    replaced = data.decode("utf-8", "replace").count("\ufffd") - data.count("\ufffd".encode())
    return replaced, len(_UTF8_SEQUENCE.findall(data))


def _western(data: bytes) -> str | None:
    """The text as cp1252 (Latin-1 where cp1252 leaves a byte undefined) when it reads as Western text.

    Example:
        >>> _western("Señor García".encode("cp1252")), _western("Привет, мир".encode("cp1251")) is None
        ('Señor García', True)
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if any(ch not in _WESTERN for ch in non_ascii):
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    foreign = sum(1 for ch in non_ascii if ch.isalpha())
    return text if letters and foreign <= MAX_WESTERN_SHARE * letters else None


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
