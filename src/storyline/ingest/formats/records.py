"""JSON and JSON Lines dumps of articles, as scrapers and news APIs write them.

Field names vary between tools; the first non-empty of each group below wins (keys are
matched case-insensitively). A text field holding HTML goes through the HTML extractor.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.ingest.formats.base import (
    E_HTML_NO_TEXT,
    E_JSON_INVALID,
    E_JSON_NO_TEXT,
    E_JSON_SHAPE,
    E_TOO_LARGE,
    RawDoc,
    ReadProblem,
    Result,
    cap_errors,
    clean_text,
)
from storyline.ingest.formats.meta import iso_date, looks_like_domain, registered_domain, source_from_url
from storyline.ingest.formats.webpage import extract_html, fragment_text, looks_like_html, site_and_how
from storyline.model import FileError

TEXT_KEYS = ("text", "body", "content", "article", "maintext", "articlebody", "full_text", "fulltext", "body_text")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
SOURCE_KEYS = ("source", "outlet", "publisher", "site", "domain", "source_domain")
DATE_KEYS = (
    "published",
    "date",
    "published_at",
    "pubdate",
    "datetime",
    "publishedat",
    "date_publish",
    "published_date",
    "publish_date",
    "date_published",
    "datepublished",
    "publication_date",
    "pub_date",
)
AUTHOR_KEYS = ("author", "byline", "authors")
LIST_KEYS = ("articles", "items", "data", "records", "results")
_USED = frozenset(TEXT_KEYS + TITLE_KEYS + URL_KEYS + SOURCE_KEYS + DATE_KEYS + AUTHOR_KEYS)
_MAX_META_CHARS = 300
MAX_RECORD_CHARS = 5_000_000
"""A JSON Lines record (one line) longer than this is refused unread: no article needs it (the text itself is
limited to ``ingest.max_chars``), and parsing it would hold several times its size in memory."""
_TOO_DEEP = "JSON nested too deeply to read (thousands of levels); no article record looks like this"


def read_jsonl(text: str, path: str, *, precision: bool = True) -> Result:
    """Read JSON Lines: one article object per line; a bad line never stops the others.

    Record paths are ``"<file>#<line number>"``. A file that is really one pretty-printed JSON
    document (its first line does not parse, the whole does) is read as JSON instead.

    Example:
        >>> docs, errors = read_jsonl('{"title": "A", "text": "Body."}\\n{oops\\n', "d.jsonl")
        >>> docs[0].path, docs[0].title
        ('d.jsonl#1', 'A')
        >>> print(errors[0])
        d.jsonl: line 2: invalid JSON: Expecting property name enclosed in double quotes (column 2) [E120]
    """
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    if not _parses(first) and _parses(text):
        return read_json(text, path, precision=precision)
    docs: list[RawDoc] = []
    errors: list[FileError] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        if len(line) > MAX_RECORD_CHARS:
            errors.append(
                FileError(
                    path,
                    f"{where}: record of {len(line):,} characters, over the {MAX_RECORD_CHARS:,}-character "
                    "record limit; split it",
                    E_TOO_LARGE,
                )
            )
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(
                FileError(path, f"{where}: invalid JSON: {exc.msg} (column {exc.colno})", E_JSON_INVALID)
            )
            continue
        except RecursionError:
            errors.append(FileError(path, f"{where}: {_TOO_DEEP}", E_JSON_INVALID))
            continue
        try:
            docs.append(
                record_to_doc(obj, path=f"{path}#{number}", fmt="jsonl", where=where, precision=precision)
            )
        except ReadProblem as problem:
            errors.append(problem.to_error(path))
    return docs, cap_errors(path, errors)


def read_json(text: str, path: str, *, precision: bool = True) -> Result:
    """Read a JSON file: one article object, a list of them, or an object holding the list.

    The list may sit under ``articles``, ``items``, ``data``, ``records`` or ``results``. Record
    paths are ``"<file>#<n>"`` (1-based); a single article keeps the file's path.

    Raises:
        ReadProblem: E120 for invalid JSON, E122 for an unexpected shape.

    Example:
        >>> docs, _ = read_json('{"articles": [{"headline": "H", "body": "B."}]}', "d.json")
        >>> docs[0].path, docs[0].title, docs[0].text
        ('d.json#1', 'H', 'B.')
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ReadProblem(E_JSON_INVALID, _TOO_DEEP) from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            as_lines = read_jsonl(text, path, precision=precision)
            if as_lines[0]:
                return as_lines
        raise ReadProblem(
            E_JSON_INVALID,
            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}); check the file is complete, "
            "or name it .jsonl if it holds one object per line",
        ) from None
    if isinstance(data, dict) and _first(data, TEXT_KEYS) is not None:
        return [record_to_doc(data, path=path, fmt="json", where="the article", precision=precision)], []
    docs: list[RawDoc] = []
    errors: list[FileError] = []
    for number, obj in enumerate(_records_of(data), start=1):
        where = f"record {number}"
        try:
            docs.append(
                record_to_doc(obj, path=f"{path}#{number}", fmt="json", where=where, precision=precision)
            )
        except ReadProblem as problem:
            errors.append(problem.to_error(path))
    return docs, cap_errors(path, errors)


def record_to_doc(obj: Any, *, path: str, fmt: str, where: str, precision: bool = True) -> RawDoc:
    """Turn one JSON article object into a RawDoc.

    Args:
        obj: The decoded JSON value.
        path: The record's display path.
        fmt: ``json`` or ``jsonl``.
        where: How to name the record in an error ("line 12", "record 3").
        precision: Passed to trafilatura for HTML text fields.

    Raises:
        ReadProblem: E122 for a non-object, E121 for no text, E110 for HTML without text.
    """
    if not isinstance(obj, dict):
        raise ReadProblem(E_JSON_SHAPE, f"{where}: expected a JSON object, got {_json_type(obj)}")
    fields = {str(k).lower(): v for k, v in obj.items()}
    text_key, raw_text = _first_text(fields)
    if raw_text is None:
        raise ReadProblem(E_JSON_NO_TEXT, f"{where}: record has no text (looked for {', '.join(TEXT_KEYS)})")
    url = _as_str(_first(fields, URL_KEYS))
    meta = {"text_field": text_key, **_leftovers(fields)}
    doc = RawDoc(path=path, text="", fmt=fmt, url=url, first_line_title=False, meta=meta)
    if looks_like_html(raw_text):
        _fill_from_html(doc, raw_text, where, precision)
    else:
        doc.text = clean_text(raw_text).strip()
    _apply_fields(doc, fields)
    if doc.url and (domain := registered_domain(doc.url)):
        doc.meta.setdefault("source_domain", domain)
    return doc


def _apply_fields(doc: RawDoc, fields: dict[str, Any]) -> None:
    """Record fields take precedence over whatever the HTML said."""
    if title := _as_str(_first(fields, TITLE_KEYS)):
        doc.title = title
    if author := _author(_first(fields, AUTHOR_KEYS)):
        doc.author = author
    if (raw_date := _first(fields, DATE_KEYS)) is not None:
        doc.meta["published_raw"] = str(raw_date)
        doc.published = iso_date(raw_date)
    if source := _source(_first(fields, SOURCE_KEYS)):
        doc.source, doc.source_how = source, "metadata"
    elif doc.source is None and doc.url and (from_url := source_from_url(doc.url)):
        doc.source, doc.source_how = from_url, "url"


def _fill_from_html(doc: RawDoc, html: str, where: str, precision: bool) -> None:
    try:
        found = extract_html(html, url=doc.url, precision=precision)
    except ReadProblem:
        text = fragment_text(html)
        if not text:
            raise ReadProblem(
                E_HTML_NO_TEXT, f"{where}: no article text found in the record's HTML"
            ) from None
        doc.text, doc.meta["extraction"] = text, "fragment"
        return
    doc.text, doc.title, doc.author, doc.url = found.text, found.title, found.author, doc.url or found.url
    doc.source, doc.source_how = site_and_how(found.sitename, found.sitename_from_url, doc.url)
    doc.meta.update({"extraction": found.extraction, **found.extra})
    if found.date:
        doc.meta["published_raw"], doc.published = found.date, iso_date(found.date)


def _records_of(data: Any) -> list[Any]:
    if isinstance(data, list):
        if not data:
            raise ReadProblem(E_JSON_SHAPE, "JSON holds an empty list: no articles to read")
        return data
    if isinstance(data, dict):
        lowered = {str(k).lower(): v for k, v in data.items()}
        for key in LIST_KEYS:
            value = lowered.get(key)
            if isinstance(value, list | dict) and value:
                return _records_of(value)
        raise ReadProblem(
            E_JSON_SHAPE,
            f"JSON object has no article text ({', '.join(TEXT_KEYS)}) and no list under "
            f"{', '.join(LIST_KEYS)}; give one article per object or a list of them",
        )
    raise ReadProblem(
        E_JSON_SHAPE, f"JSON holds {_json_type(data)}; expected an article object or a list of them"
    )


def _first(fields: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = fields.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _first_text(fields: dict[str, Any]) -> tuple[str, str | None]:
    for key in TEXT_KEYS:
        value = fields.get(key)
        if isinstance(value, list):
            value = "\n".join(str(part) for part in value if isinstance(part, str) and part.strip())
        if isinstance(value, str) and value.strip():
            return key, value
    return "", None


def _as_str(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("href") or value.get("url")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for item in value if (name := _as_str(item))]
        return ", ".join(names) or None
    return _as_str(value)


def _source(value: Any) -> str | None:
    name = _as_str(value)
    if name and looks_like_domain(name):
        return source_from_url(name) or name
    return name


def _leftovers(fields: dict[str, Any]) -> dict[str, str]:
    """Short scalar fields we do not map (id, language, section...), kept as strings in meta."""
    kept: dict[str, str] = {}
    for key, value in fields.items():
        if key in _USED or key in LIST_KEYS or isinstance(value, dict | list) or value is None:
            continue
        text = str(value)
        if len(text) <= _MAX_META_CHARS:
            kept[key] = text
    return kept


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
