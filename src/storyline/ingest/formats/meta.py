"""Metadata helpers shared by the readers: dates to ISO, outlet names from URLs.

Both are conservative: a date we cannot read for sure gives ``None`` (the raw value is kept
by the caller), and an unknown domain stays a domain rather than a guessed name.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from tld import get_fld

from ... import lexicon

OUTLETS: dict[str, str] = {k: str(v) for k, v in lexicon.table("outlets.hosts").items()}
"""Well-known outlets by host (checked first, without ``www.``) or registered domain: ``lexicon/outlets.toml``."""

_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/.*)?$", re.IGNORECASE)
_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ]\d|T?$)")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")
_DATEPARSER_SETTINGS: dict[str, Any] = {
    # absolute dates only: "2 hours ago" in a scraped field says nothing about the publication date
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def source_from_url(url: str) -> str | None:
    """Name the outlet behind a URL.

    Well-known outlets come from :data:`OUTLETS`; any other site gives its registered domain.

    Args:
        url: An article URL; the scheme may be missing (``"www.reuters.com/world"``).

    Returns:
        The outlet name, the registered domain, or ``None`` when there is no public host (an IP
        address, ``localhost``, not a URL at all).

    Example:
        >>> source_from_url("https://www.bloomberg.com/news/articles/x"), source_from_url("https://edition.cnn.com/a")
        ('Bloomberg', 'CNN')
        >>> source_from_url("https://www.example-news.org/2024/story")
        'example-news.org'
    """
    if _host(url) is None:
        return None
    return known_outlet(url) or registered_domain(url)


def known_outlet(url: str) -> str | None:
    """The name :data:`OUTLETS` gives the URL's host or registered domain, ``None`` for a site it does not know.

    Example:
        >>> known_outlet("https://www.nytimes.com/2024/x.html"), known_outlet("https://www.example-news.org/a")
        ('The New York Times', None)
    """
    host = _host(url)
    if host is None:
        return None
    return next((OUTLETS[k] for k in (host, registered_domain(url)) if k and k in OUTLETS), None)


_NOT_SITE_NAMES = lexicon.words("outlets.not_site_names")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_NAME_PARTS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
_SMALL_WORDS = lexicon.words("quotes.title_small_words")
_TAGLINE_WORDS = 4  # a lower-case word in a name this long makes it a slogan ("Expert how-to for English Riders")


def site_name(value: str) -> str | None:
    """A page's site name as an outlet's name, or ``None`` when it names none.

    The name before a separator stands for the site ("LinkNaija | Nigeria's popular news platform" is LinkNaija);
    a copyright line, a word any site may carry ("Hosted"), or a slogan (four or more words, one of them a
    lower-case word that is not a title's small word) names no outlet; a handle's underscores go ("Wday_").

    Example:
        >>> site_name("LinkNaija | Nigeria's popular news platform"), site_name("Copyright 2014")
        ('LinkNaija', None)
        >>> site_name("Expert how-to for English Riders"), site_name("Bank of America News"), site_name("Wday_")
        (None, 'Bank of America News', 'Wday')
    """
    name = _NAME_PARTS.split(value.strip(), maxsplit=1)[0].strip(" _")
    if not name or _COPYRIGHT.match(name) or name.lower() in _NOT_SITE_NAMES:
        return None
    words = name.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in _SMALL_WORDS]
    if len(words) >= _TAGLINE_WORDS and lower:
        return None
    return name


def registered_domain(url: str) -> str | None:
    """The registered domain of a URL (``edition.cnn.com`` gives ``cnn.com``), from the bundled suffix list.

    Example:
        >>> registered_domain("https://www.bbc.co.uk/news/world"), registered_domain("http://127.0.0.1/")
        ('bbc.co.uk', None)
    """
    if _host(url) is None:
        return None
    domain = get_fld(url.strip(), fail_silently=True, fix_protocol=True)
    return str(domain).lower() if domain else None


#: What parts a page title from its site's name: "Headline | Site", "Headline - Site", "Headline — Site".
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")
#: Words a site's name carries beside its own ("The Beachbody Blog", "SpaceNews.com"): no evidence by themselves.
_SITE_WORDS = frozenset({"the", "com", "net", "org", "www", "blog", "news", "magazine", "online", "co", "uk"})
#: Fewest words a title keeps once its site's name is cut off ("Take C.A.R.E. - comwrap at DMEXCO" keeps it whole).
_TITLE_MIN_WORDS = 3
_TITLE_MIN_CHARS = 8
#: Fewest letters of a domain's name a part of a title must start with, run together, to be the site's
#: ("Live Science", livescience.com).
_LABEL_MIN = 5


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in _SITE_WORDS}


def title_without_site(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """A page title with the site's name cut from its end: "Best gadgets of 2019 | ZDNet" → "Best gadgets of
    2019". A part after a separator is the site's when every word of it (beyond "the", "blog", "com" …) is a word
    of the site's name or of the page's domain, or it starts with the domain's name run together ("Live Science",
    livescience.com); a section name before the headline ("Opinion | …") and a part that only mentions the site
    ("Take C.A.R.E. - comwrap at DMEXCO") stay.

    Example:
        >>> title_without_site("Meal prep that works | The Beachbody Blog", "The Beachbody Blog", None)
        'Meal prep that works'
        >>> title_without_site("NASA adds five firms to lander program - SpaceNews.com", None, "https://spacenews.com/a")
        'NASA adds five firms to lander program'
        >>> title_without_site("Take C.A.R.E. - comwrap auf der DMEXCO 2018", "Comwrap", None)
        'Take C.A.R.E. - comwrap auf der DMEXCO 2018'
    """
    if not title:
        return title
    domain = registered_domain(url) if url else None
    names = _name_words(sitename or "") | _name_words((domain or "").rsplit(".", 1)[0])
    label = re.sub(r"[^\w]", "", (domain or "").rsplit(".", 1)[0].casefold())
    for m in _TITLE_SEPARATOR.finditer(title):
        head, part = title[: m.start()], _TITLE_SEPARATOR.split(title[m.end() :])[0]
        words, squashed = _name_words(part), re.sub(r"[^\w]", "", part.casefold())
        if len(head.split()) < _TITLE_MIN_WORDS and not (len(head) >= _TITLE_MIN_CHARS and " " not in head):
            continue  # too short to be a headline alone (a script written without spaces counts its characters)
        squashed = squashed.removeprefix("www")
        if (words and words <= names) or (len(label) >= _LABEL_MIN and squashed.startswith(label)):
            return head
    return title


_OUTLET_NAMES = {v.casefold(): v for v in OUTLETS.values()} | {
    k.casefold(): str(v) for k, v in lexicon.table("outlets.short_names").items()
}
_SECTION_WORDS = lexicon.words("chrome.nav_words")


def site_from_title(title: str | None) -> tuple[str | None, str | None]:
    """A title line a scraped page's text begins with (its ``<title>``), and the site named at its end: the
    title without the site's part, and the site's name. The part after the last separator is the site's when
    it is a web address ("… - nj.com", "… - CBSSports.com": a well-known host's outlet name, else the address
    as written) or a well-known outlet's name ("… | Al Jazeera"); a section name before it goes with it ("… |
    News | Al Jazeera"). The title keeps :data:`_TITLE_MIN_WORDS` words; with no site found it is unchanged.

    Example:
        >>> site_from_title("Nadal keeps Spain alive in Davis Cup Finals - Sportsnet.ca")
        ('Nadal keeps Spain alive in Davis Cup Finals', 'Sportsnet.ca')
        >>> site_from_title("NASA's moon shot: firms to bid | News | Al Jazeera")
        ("NASA's moon shot: firms to bid", 'Al Jazeera')
        >>> site_from_title("Trump - the man and the myth")
        ('Trump - the man and the myth', None)
    """
    if not title:
        return title, None
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    if not cuts:
        return title, None
    last = cuts[-1]
    part = title[last.end() :].strip()
    if looks_like_domain(part):
        site = known_outlet(part) or part
    elif part.casefold() in _OUTLET_NAMES:
        site = _OUTLET_NAMES[part.casefold()]
    else:
        return title, None
    head = title[: last.start()]
    if len(cuts) > 1:  # "… | News | Al Jazeera": a section's name before the site's
        section = head[cuts[-2].end() :].strip()
        if section and all(w in _SECTION_WORDS for w in section.casefold().split()):
            head = head[: cuts[-2].start()]
    head = head.strip()
    if len(head.split()) < _TITLE_MIN_WORDS:
        return title, None
    return head, site


def looks_like_domain(value: str) -> bool:
    """True for values such as ``reuters.com`` or ``https://www.cnn.com`` (as found in "source" fields).

    Example:
        >>> looks_like_domain("reuters.com"), looks_like_domain("Reuters")
        (True, False)
    """
    return bool(_DOMAIN_LIKE.match(value.strip())) and " " not in value.strip()


def _host(url: str) -> str | None:
    text = url.strip()
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return None
    return host.lower().removeprefix("www.")


def iso_date(value: Any) -> str | None:
    """Normalise a metadata date to ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when that is all it says.

    The calendar date is kept as written (no conversion to UTC), so an article stamped
    ``2024-03-05T23:30:00-05:00`` stays on the 5th. Relative dates ("2 hours ago") give ``None``.

    Args:
        value: A string (ISO 8601, RFC 822, "5 March 2024", an epoch timestamp, ...), a number
            (epoch seconds or milliseconds), a ``datetime``/``date``, or a ``time.struct_time``.

    Returns:
        The ISO date or ``None``.

    Example:
        >>> iso_date("2024-03-05T23:30:00-05:00"), iso_date("Tue, 05 Mar 2024 23:30:00 -0500")
        ('2024-03-05', '2024-03-05')
        >>> iso_date("March 2024"), iso_date("2024"), iso_date("yesterday")
        ('2024-03', '2024', None)
    """
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time.struct_time):
        return _valid_day(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    return _iso_from_text(value.strip())


def _iso_from_text(text: str) -> str | None:
    if not text or len(text) > 80:
        return None
    if found := _YEAR.match(text):
        return text if 1800 <= int(found.group(1)) <= 2200 else None
    if found := _ISO_MONTH.match(text):
        return text if 1 <= int(found.group(2)) <= 12 else None
    if found := _ISO_DAY.match(text):
        return _valid_day(*(int(g) for g in found.groups()))
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    return _with_dateparser(text)


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d")
    except (OverflowError, OSError, ValueError):
        return None


@lru_cache(maxsize=4096)
def _with_dateparser(text: str) -> str | None:
    import dateparser  # slow to import (language data): only when the fast paths fail

    for parts, fmt in ((["day", "month", "year"], "%Y-%m-%d"), (["month", "year"], "%Y-%m")):
        parsed = dateparser.parse(text, settings={**_DATEPARSER_SETTINGS, "REQUIRE_PARTS": parts})
        if isinstance(parsed, datetime):
            return parsed.strftime(fmt)
    return None
