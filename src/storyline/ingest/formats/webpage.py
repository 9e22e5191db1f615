"""HTML pages to article text with trafilatura, and HTML fragments (feed content) to text with lxml.

trafilatura 2.3.1 notes, for whoever touches this next:

* ``bare_extraction`` returns a :class:`trafilatura.settings.Document` (not a dict, whatever its
  docstring's "Returns" line says), or ``None`` when it finds no main text; ``as_dict=True`` is
  deprecated in favour of ``Document.as_dict()``.
* It never fetches anything when given a string; ``url`` is only a hint for metadata.
* Its default date search is "extensive" (guesses from any date in the page text, footers
  included); we ask htmldate for dates from markup and the URL only.
* ``sitename`` may be made up from the URL's host when the page names no site: we tell those
  apart so ``source_how`` stays honest.
* ``html2txt`` returns the whole page on one line (paragraphs joined by spaces), so it is not
  used; :func:`fragment_text` keeps paragraph breaks instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import lxml.html
from lxml import etree
from trafilatura import bare_extraction, baseline
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document

from storyline import lexicon
from storyline.ingest.formats.base import E_BLANK, E_HTML_NO_TEXT, RawDoc, ReadProblem, clean_text
from storyline.ingest.formats.decode import decode_html_text
from storyline.ingest.formats.meta import (
    iso_date,
    known_outlet,
    looks_like_domain,
    registered_domain,
    site_name,
    source_from_url,
    title_without_site,
)

DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
"""htmldate settings: dates from markup (meta, JSON-LD, <time>) and the URL, never from running text."""

_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "summary", "table", "td", "th", "tr", "ul",
)  # fmt: skip
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "svg", "form", "button", "select")
_HTML_START = re.compile(
    r"^\s*<(?:!doctype|html|head|body|article|div|p|span|section|main|h[1-6]|ul|ol|li|a|br|img|figure|table|b|i|em|strong)\b",
    re.IGNORECASE,
)
_HOST_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")  # as trafilatura's metadata.META_URL


@dataclass(slots=True)
class HtmlResult:
    """What one HTML extraction found (before it becomes a RawDoc)."""

    text: str
    extraction: str  # trafilatura | baseline | fragment
    title: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    sitename: str | None = None
    sitename_from_url: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """True when a string (e.g. a JSON "text" field) is markup rather than plain text.

    Example:
        >>> looks_like_html("<p>Hello</p>"), looks_like_html("<3 this story"), looks_like_html("Plain.")
        (True, False, False)
    """
    return bool(_HTML_START.match(text))


def read_html(data: bytes, path: str, *, url: str | None = None, fmt: str = "html", precision: bool = True) -> RawDoc:
    """Read an HTML page from bytes (decoded by BOM, ``<meta charset>``, then detection).

    Raises:
        ReadProblem: undecodable bytes, blank input, or no text found.
    """
    decoded = decode_html_text(data)
    doc = html_to_doc(decoded.text, path=path, fmt=fmt, url=url, precision=precision)
    doc.meta.update(decoded.meta())
    return doc


def html_to_doc(html: str, *, path: str, fmt: str = "html", url: str | None = None, precision: bool = True) -> RawDoc:
    """Turn an HTML page into a RawDoc: main text plus title, author, date, site and URL.

    Args:
        html: The page.
        path: Display path for the document.
        fmt: The RawDoc format to record (``html`` or ``warc``).
        url: A URL known from outside the page (WARC target URI); the page's canonical link wins.
        precision: trafilatura's ``favor_precision`` (on by default: less chrome, on the benchmark
            pages it also scored higher).

    Raises:
        ReadProblem: E104 for a blank page, E110 when no text is found.

    Example:
        >>> page = ('<html><head><title>Rain</title><meta property="og:site_name" content="The Daily">'
        ...         '</head><body><article><p>It rained all day in the city.</p><p>Then it stopped.</p>'
        ...         '</article></body></html>')
        >>> doc = html_to_doc(page, path="p.html")
        >>> doc.text, doc.title, doc.source, doc.source_how
        ('It rained all day in the city.\\nThen it stopped.', 'Rain', 'The Daily', 'metadata')
    """
    found = extract_html(html, url=url, precision=precision)
    source, how = site_and_how(found.sitename, found.sitename_from_url, found.url)
    meta = {"extraction": found.extraction, **found.extra}
    if found.url and (domain := registered_domain(found.url)):
        meta["source_domain"] = domain
    if found.date:
        meta["published_raw"] = found.date
    return RawDoc(
        path=path,
        text=found.text,
        fmt=fmt,
        title=found.title,
        source=source,
        source_how=how,
        author=found.author,
        url=found.url,
        published=iso_date(found.date),
        first_line_title=False,
        meta=meta,
    )


def extract_html(html: str, *, url: str | None = None, precision: bool = True) -> HtmlResult:
    """Main text and metadata of a page: trafilatura first, then its baseline, then plain block text.

    Raises:
        ReadProblem: E104 for a blank page, E110 when no tier finds text.
    """
    if not html.strip():
        raise ReadProblem(E_BLANK, "file holds only whitespace")
    document = _bare(html, url, precision)
    metadata = document if document is not None else _metadata_only(html, url)
    text, how = _main_text(html, document)
    if not text:
        raise ReadProblem(
            E_HTML_NO_TEXT,
            "no article text found in HTML: the page may load its text with JavaScript or hold only "
            "navigation; save the article text (or the browser's reader view) instead",
        )
    page_url = metadata.url or url
    title = title_without_site(_whole_title(html, metadata.title), _clean_field(metadata.sitename), page_url)
    text, dropped = drop_title_line(text, title)
    extra = {"title_line_dropped": "yes"} if dropped else {}
    return HtmlResult(
        text=text,
        extraction=how,
        title=title,
        author=_clean_field(metadata.author),
        url=page_url,
        date=_clean_field(metadata.date),
        sitename=_clean_field(metadata.sitename),
        sitename_from_url=_sitename_from_url(metadata.sitename, page_url),
        extra=extra,
    )


def site_and_how(sitename: str | None, from_url: bool, url: str | None) -> tuple[str | None, str | None]:
    """Choose the outlet name and say where it came from.

    A sitename that is just a domain is mapped through :func:`source_from_url` (``nytimes.com``
    becomes ``The New York Times``); a page of a well-known outlet's host has that outlet's name whatever its
    sitename says ("NYTimes"), so one outlet keeps one name; a sitename that names no outlet
    (:func:`~storyline.ingest.formats.meta.site_name`: "Hosted", "Copyright 2014", a slogan) and a page without
    one fall back to the URL.

    Example:
        >>> site_and_how("The Daily", False, None), site_and_how(None, False, "https://www.reuters.com/x")
        (('The Daily', 'metadata'), ('Reuters', 'url'))
        >>> site_and_how("NYTimes", False, "https://www.nytimes.com/x")
        ('The New York Times', 'url')
        >>> site_and_how("Hosted", False, "https://hosted.example-wire.org/x")
        ('example-wire.org', 'url')
        >>> site_and_how("Nj", False, "https://www.nj.com/x")
        ('nj.com', 'metadata')
    """
    if url and (known := known_outlet(url)):
        return known, "url"
    if sitename and not looks_like_domain(sitename):
        sitename = site_name(sitename)
    if sitename and url and (domain := registered_domain(url)) and sitename.casefold() == domain.split(".")[0]:
        sitename = domain  # the domain's label alone ("nj", made "Nj"): the domain says it whole ("nj.com")
    if sitename:
        name = source_from_url(sitename) if looks_like_domain(sitename) else sitename
        return name or sitename, "url" if from_url else "metadata"
    if url and (name := source_from_url(url)):
        return name, "url"
    return None, None


def drop_title_line(text: str, title: str | None) -> tuple[str, bool]:
    """Drop the first line of ``text`` when it repeats the headline already taken from metadata.

    Example:
        >>> drop_title_line("Rain Falls\\nIt rained.", "Rain falls")
        ('It rained.', True)
    """
    first, _, rest = text.partition("\n")
    if title and rest.strip() and _squash(first).casefold() == _squash(title).casefold():
        return rest.lstrip("\n"), True
    return text, False


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment or page, one line per block element (``<p>``, ``<li>``, ``<br>``...).

    Scripts, styles and forms are dropped; whitespace inside a block is collapsed.

    Example:
        >>> fragment_text("<p>One <b>bold</b>\\n claim.</p><p>Two.<br>Three.</p><script>x()</script>")
        'One bold claim.\\nTwo.\\nThree.'
    """
    body = _parse_body(html)
    if body is None:
        return ""
    etree.strip_elements(body, *_DROP, with_tail=False)
    for elem in body.iter(etree.Element):
        elem.text = _squash_keep_edges(elem.text)
        elem.tail = _squash_keep_edges(elem.tail)
    for elem in body.iter(*_BLOCKS):
        elem.text = "\n" + (elem.text or "")
        elem.tail = "\n" + (elem.tail or "")
    lines = (_squash(line) for line in str(body.text_content()).split("\n"))
    return "\n".join(line for line in lines if line)


#: Pop-up boxes inside paragraphs (lexicon chrome.popup_classes), pruned before trafilatura reads the page: their
#: text ("Kristi Lynn Noem South Dakota governor doubles down on … MORE") would be glued into the sentence.
_POPUPS = [
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    for name in lexicon.ordered("chrome.popup_classes")
]


def _bare(html: str, url: str | None, precision: bool) -> Document | None:
    try:
        result = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_formatting=False,
            favor_precision=precision,
            date_extraction_params=dict(DATE_PARAMS),
            prune_xpath=_POPUPS,
        )
    except Exception:  # noqa: BLE001 - trafilatura can trip on odd markup; the baseline tiers follow
        return None
    return result if isinstance(result, Document) else None


def _metadata_only(html: str, url: str | None) -> Document:
    try:
        return extract_metadata(html, default_url=url, date_config=dict(DATE_PARAMS))
    except Exception:  # noqa: BLE001 - metadata is a bonus; the text is what matters
        return Document()


def _main_text(html: str, document: Document | None) -> tuple[str, str]:
    if document is not None and (text := _tidy(document.text or "")):
        return text, "trafilatura"
    try:
        text = _tidy(baseline(html)[1])
    except Exception:  # noqa: BLE001 - fall through to the last tier
        text = ""
    if text:
        return text, "baseline"
    return _tidy(fragment_text(html)), "fragment"


def _parse_body(html: str) -> Any:
    try:
        root = lxml.html.document_fromstring(html)
    except ValueError:  # str with an XML encoding declaration
        root = lxml.html.document_fromstring(html.encode("utf-8"))
    except etree.ParserError:
        return None
    body = root.find("body")
    if body is None:  # a page with only a <head>: its title and metadata are not article text
        for head in root.findall("head"):
            root.remove(head)
        return root
    return body


def _tidy(text: str) -> str:
    lines = (line.strip() for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


#: How trafilatura splits a <title> when it has no better title (its ``HTMLTITLE_REGEX``): at the last separator.
_TITLE_TAG_SPLIT = re.compile(r"^(.+)?\s+[–•·—|⁄*⋆~‹«<›»>:-]\s+(.+)$")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _whole_title(html: str, found: str | None) -> str | None:
    """The page's <title> whole where trafilatura kept one word of it, one side of its last separator ("Opinion |
    Dock workers deserve better" → "Opinion"; "Strike - the union meets the mayor" → "Strike"): no headline is one
    word, and only the site's name is cut from a title (:func:`~storyline.ingest.formats.meta.title_without_site`).
    Where it kept more ("About bugs – Vortex Cannon Entertainment" → "About bugs"), its cut stands."""
    found = _clean_field(found)
    tag = _TITLE_TAG.search(html)
    whole = _clean_field(unescape(tag.group(1))) if tag else None
    parts = _TITLE_TAG_SPLIT.match(whole) if whole else None
    one_word = found is not None and len(found.split()) == 1
    if one_word and whole and parts and found in (_clean_field(parts[1]), _clean_field(parts[2])):
        return whole
    return found


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _squash(value)
    return value or None


def _sitename_from_url(sitename: str | None, url: str | None) -> bool:
    if not sitename or not url:
        return False
    found = _HOST_FROM_URL.match(url)
    return found is not None and found.group(1).lower() == sitename.lower()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _squash_keep_edges(text: str | None) -> str | None:
    return re.sub(r"\s+", " ", text) if text else text
