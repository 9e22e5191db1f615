"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds saved to disk, read with feedparser.

Only entries that carry the article itself are kept: ``content:encoded`` / Atom ``<content>``,
or a summary long enough to be the article (:data:`MIN_SUMMARY_WORDS`). Feeds that carry only
teasers are reported once per feed, with what to do about it.
"""

from __future__ import annotations

import io
from typing import Any

import feedparser

from storyline.ingest.formats.base import (
    E_FEED_EMPTY,
    E_FEED_INVALID,
    E_FEED_SUMMARY_ONLY,
    RawDoc,
    ReadProblem,
    Result,
    clean_text,
    word_count,
)
from storyline.ingest.formats.meta import iso_date, registered_domain, source_from_url
from storyline.ingest.formats.webpage import fragment_text
from storyline.model import FileError

MIN_SUMMARY_WORDS = 80
"""A summary this long (in words) is taken as the article's full text."""


def read_feed(data: bytes, path: str) -> Result:
    """Read a feed from bytes (never from a URL: feedparser gets a file object).

    Entry paths are ``"<file>#<n>"``, n counting entries from 1.

    Raises:
        ReadProblem: E130 for a broken feed with no entries, E132 for a feed without entries.

    Example:
        >>> rss = (b'<rss version="2.0"><channel><title>Daily</title><item><title>T</title>'
        ...        b'<description>Too short.</description></item></channel></rss>')
        >>> docs, errors = read_feed(rss, "f.xml")
        >>> docs, errors[0].code
        ([], 'E131')
    """
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            raise ReadProblem(
                E_FEED_INVALID,
                f"not a valid RSS/Atom feed: {_bozo_message(parsed)}; check the file is complete XML",
            )
        if not parsed.get("version"):
            raise ReadProblem(
                E_FEED_INVALID, "not a valid RSS/Atom feed: no <rss>, <feed> or <rdf:RDF> element found"
            )
        raise ReadProblem(E_FEED_EMPTY, "feed has no entries")
    feed_title = _plain(parsed.feed.get("title"))
    docs: list[RawDoc] = []
    for number, entry in enumerate(entries, start=1):
        doc = entry_to_doc(entry, path=f"{path}#{number}", feed_title=feed_title)
        if doc is not None:
            if parsed.get("bozo"):
                doc.meta["feed_warning"] = _bozo_message(parsed)
            docs.append(doc)
    skipped = len(entries) - len(docs)
    errors: list[FileError] = []
    if skipped:
        errors.append(
            FileError(
                path,
                f"{skipped} of {len(entries)} entries have no full text (only a summary under "
                f"{MIN_SUMMARY_WORDS} words) and were skipped; save those articles' pages and read the HTML",
                E_FEED_SUMMARY_ONLY,
            )
        )
    return docs, errors


def entry_to_doc(entry: Any, *, path: str, feed_title: str | None) -> RawDoc | None:
    """One feed entry as a RawDoc, or ``None`` when it carries no full text.

    Args:
        entry: A feedparser entry (a dict with attribute access).
        path: The entry's display path.
        feed_title: The feed's title, used as the outlet name.
    """
    found = _entry_text(entry)
    if found is None:
        return None
    text, where = found
    url = _plain(entry.get("link"))
    meta = {"feed_text": where}
    if feed_title:
        meta["feed_title"] = feed_title
    if guid := _plain(entry.get("id")):
        meta["guid"] = guid
    if url and (domain := registered_domain(url)):
        meta["source_domain"] = domain
    raw_date = entry.get("published") or entry.get("updated")
    if raw_date:
        meta["published_raw"] = str(raw_date)
    source, how = _source(entry, feed_title, url)
    return RawDoc(
        path=path,
        text=text,
        fmt="feed",
        title=_plain(entry.get("title")),
        source=source,
        source_how=how,
        author=_author(entry),
        url=url,
        published=_published(entry, raw_date),
        first_line_title=False,
        meta=meta,
    )


def _entry_text(entry: Any) -> tuple[str, str] | None:
    contents = [c for c in entry.get("content") or [] if str(c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        text = _to_text(best["value"], best.get("type"))
        return (text, "content") if text else None
    summary = entry.get("summary")
    if summary:
        detail = entry.get("summary_detail") or {}
        text = _to_text(summary, detail.get("type"))
        if word_count(text) >= MIN_SUMMARY_WORDS:
            return text, "summary"
    return None


def _to_text(value: str, content_type: str | None) -> str:
    if content_type == "text/plain":
        lines = (" ".join(line.split()) for line in clean_text(value).split("\n"))
        return "\n".join(line for line in lines if line)
    return fragment_text(value)


def _source(entry: Any, feed_title: str | None, url: str | None) -> tuple[str | None, str | None]:
    origin = entry.get("source") or {}
    if name := _plain(origin.get("title")):  # RSS <source> / Atom <source>: the original outlet (aggregators)
        return name, "metadata"
    if feed_title:
        return feed_title, "metadata"
    if url and (name := source_from_url(url)):
        return name, "url"
    return None, None


def _author(entry: Any) -> str | None:
    detail = entry.get("author_detail") or {}
    return _plain(detail.get("name")) or _plain(entry.get("author"))


def _published(entry: Any, raw: Any) -> str | None:
    """The date as written in the feed (feedparser's *_parsed fields are converted to UTC)."""
    if raw and (found := iso_date(str(raw))):
        return found
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return iso_date(parsed) if parsed else None


def _plain(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = fragment_text(value) if "<" in value else value
    return " ".join(text.split()) or None


def _bozo_message(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    message = str(getattr(exc, "getMessage", lambda: exc)()) if exc is not None else "unknown problem"
    return " ".join(message.split())
