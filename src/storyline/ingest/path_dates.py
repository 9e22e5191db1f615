"""A publication date written in an article's web address or file name.

News sites put the day in their addresses (``…/2016/09/12/politics/…``, ``…/2016-09-12-story``) and scrapers and
archives name files by it (``breitbart_2016-09-12_stealth-over-health.txt``, ``20250117-taipei-times.html``).
When nothing in the page or record and no dateline or "Published on:" line dates an article, that day is its
publication date (``published_how`` ``metadata``, ``published_why`` naming the address or file), so its
relative dates ("on Monday") resolve and the story's clustering sees when it was written.

Only whole dates count, each part in range and the digits standing alone (``2f6af93f20250117`` in a content
hash is no date; a wire document number, ``APW19980219.0476.txt``, is read as the newswire reader reads it), and
only the file's own name: a record inside a JSONL, feed or WARC file (``dump.jsonl#3``)
takes no date from its container's name, which says when the dump was made.

Example:
    >>> date_in_path("in/breitbart_2016-09-12_stealth-over-health.txt", None)
    ('2016-09-12', "from the file name 'breitbart_2016-09-12_stealth-over-health.txt'")
    >>> date_in_path("in/000_307876002f6af93f.txt", "https://example.com/2025/11/24/xi-call")
    ('2025-11-24', "from the web address 'https://example.com/2025/11/24/xi-call'")
"""

from __future__ import annotations

import datetime as dt
import re

from .formats.newswire import PREFIXES

_Y, _M, _D = r"(?P<y>(?:19|20)\d\d)", r"(?P<m>0[1-9]|1[0-2])", r"(?P<d>0[1-9]|[12]\d|3[01])"
#: A wire service's document number as the LDC's collections name documents (``APW19980807.0261``,
#: ``NYT_ENG_20000101.0001``): the letters the newswire reader knows (``newswire.PREFIXES``), then the day.
_WIRE_NUMBER = re.compile(
    rf"^(?P<wire>{'|'.join(sorted(map(re.escape, PREFIXES)))})(?:_[A-Z]{{3}}_)?{_Y}{_M}{_D}\.\d{{4}}(?![0-9])"
)
#: Where a day is written, in the order tried: (what it is read from, pattern). In an address, the year, month
#: and day as path parts or joined by a hyphen; in a file name, a wire document number, or the day joined by a
#: hyphen, underscore or dot, or written together, the digits standing alone.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("web address", re.compile(rf"/{_Y}/{_M}/{_D}(?:/|$|[-_.])")),
    ("web address", re.compile(rf"(?<![0-9A-Za-z]){_Y}-{_M}-{_D}(?![0-9])")),
    ("file name", _WIRE_NUMBER),
    ("file name", re.compile(rf"(?<![0-9A-Za-z]){_Y}([-_.]){_M}\2{_D}(?![0-9])")),
    ("file name", re.compile(rf"(?<![0-9A-Za-z]){_Y}{_M}{_D}(?![0-9A-Za-z])")),
)


def date_in_path(path: str, url: str | None) -> tuple[str, str] | None:
    """The day written in ``url`` or in the file name of ``path`` (ISO), and why; None when neither holds one."""
    places = {"web address": url or "", "file name": _file_name(path)}
    for where, pattern in PATTERNS:
        m = pattern.search(places[where])
        if m is None:
            continue
        try:
            day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:  # 2025-02-30
            continue
        return day.isoformat(), f"from the {where} {places[where]!r}"
    return None


def wire_outlet(path: str) -> str | None:
    """The wire service whose document number names the file (``APW19980219.0476.txt`` → AP), as the newswire
    reader names a record's outlet; None for any other name.

    Example:
        >>> wire_outlet("in/NYT19980206.0460.txt"), wire_outlet("in/notes.txt")
        ('The New York Times', None)
    """
    m = _WIRE_NUMBER.match(_file_name(path))
    return PREFIXES[m["wire"]] if m else None


def _file_name(path: str) -> str:
    """The file's own name; "" for a record inside a container file (``dump.jsonl#3``)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return "" if "#" in name else name


__all__ = ["PATTERNS", "date_in_path", "wire_outlet"]
