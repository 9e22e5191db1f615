"""Newswire collections in the SGML of the LDC's corpora (AQUAINT, Gigaword, TDT, the North American News
Text): one file holds many ``<DOC>`` records, each with its document number, often a date, a headline and the
text, paragraph by paragraph.

Each ``<DOC>`` becomes one article, named ``"<file>#<DOCNO>"``. Its date is the ``<DATE_TIME>`` (or
``<DATE>``) element's, else the date written into the document number ("APW19980807.0261"); its outlet the
wire service the number's prefix names (lexicon ``outlets.newswire_prefixes``); its headline the
``<HEADLINE>``. Gigaword's ``<DATELINE>`` element is put back in front of the text, where the cleaner reads
datelines. Slugs, headers, trailers and keywords are the wire's routing lines, not the article. A record
with no text is reported on its own; the others are kept.

Example:
    >>> sgml = ("<DOC>\\n<DOCNO> APW19980807.0261 </DOCNO>\\n<HEADLINE> Blasts hit embassies </HEADLINE>\\n"
    ...         "<TEXT>\\n<P>\\nNAIROBI, Kenya (AP) _ Bombs exploded.\\n</P>\\n</TEXT>\\n</DOC>\\n"
    ...         "<DOC>\\n<DOCNO> NYT19980808.0001 </DOCNO>\\n</DOC>\\n")
    >>> docs, errors = read_newswire(sgml, "apw.sgml")
    >>> d = docs[0]
    >>> d.path, d.title, d.published, d.source
    ('apw.sgml#APW19980807.0261', 'Blasts hit embassies', '1998-08-07', 'AP')
    >>> d.text
    'NAIROBI, Kenya (AP) _ Bombs exploded.'
    >>> print(errors[0])
    apw.sgml: NYT19980808.0001: a <DOC> with no <TEXT>; left out [E123]
"""

from __future__ import annotations

import html
import re

from storyline import lexicon
from storyline.ingest.formats.base import E_NEWSWIRE_NO_TEXT, RawDoc, ReadProblem, Result, cap_errors, clean_text
from storyline.ingest.formats.meta import iso_date
from storyline.model import FileError

__all__ = ["is_newswire", "read_newswire"]

_DOC = re.compile(r"<DOC\b([^>]*)>(.*?)(?:</DOC\s*>|(?=<DOC\b)|\Z)", re.IGNORECASE | re.DOTALL)
_ID_ATTR = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_PARAGRAPH = re.compile(r"</?P\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LEFT_ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")
_DOCNO_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_PREFIX = re.compile(r"[A-Za-z]+")
_FIRST_TAG = re.compile(r"^(?:\s|<\?.*?\?>|<!--.*?-->)*<DOC[\s>]", re.IGNORECASE | re.DOTALL)
#: Separators a wire dateline ends with ("NAIROBI, Kenya (AP) _", "LONDON --"); one is added to a bare
#: ``<DATELINE>`` so that the cleaner reads it as a dateline.
_DATELINE_END = re.compile(r"(?:_|--|—|–|-|:)\s*$")

PREFIXES: dict[str, str] = {k.upper(): v for k, v in lexicon.table("outlets.newswire_prefixes").items()}
"""Wire service by the letters that open an LDC document number ("APW", "NYT", "XIN" …)."""


def is_newswire(head: str) -> bool:
    """Whether text opens with an SGML ``<DOC>`` record (after blanks, an XML declaration or comments).

    Example:
        >>> is_newswire("<DOC>\\n<DOCNO> X </DOCNO>"), is_newswire('<doc id="APW_ENG_1" type="story">')
        (True, True)
        >>> is_newswire("<!DOCTYPE html><html>"), is_newswire("<docs>")
        (False, False)
    """
    return _FIRST_TAG.match(head) is not None


def read_newswire(text: str, path: str) -> Result:
    """Read every ``<DOC>`` of an LDC newswire file; a record without text is an error of its own.

    Raises:
        ReadProblem: E123 when the file holds no ``<DOC>`` record with text.
    """
    docs: list[RawDoc] = []
    errors: list[FileError] = []
    for n, found in enumerate(_DOC.finditer(text), start=1):
        attrs, body = found.group(1), found.group(2)
        docno = _element(body, "DOCNO") or _attr_id(attrs) or str(n)
        article = _paragraphs(_element(body, "TEXT", keep_markup=True))
        if not article:
            errors.append(FileError(path, f"{docno}: a <DOC> with no <TEXT>; left out", E_NEWSWIRE_NO_TEXT))
            continue
        dateline = _element(body, "DATELINE")
        if dateline and not article.startswith(dateline):
            article = f"{dateline}{'' if _DATELINE_END.search(dateline) else ' _'}\n\n{article}"
        headline = _element(body, "HEADLINE") or _element(body, "HL")
        dated = _element(body, "DATE_TIME") or _element(body, "DATETIME") or _element(body, "DATE")
        published = iso_date(dated) if dated else None
        outlet = PREFIXES.get(_prefix(docno))
        meta = {"docno": docno}
        if dated:
            meta["published_raw"] = dated
        if published is None and (from_docno := _docno_date(docno)):
            published, meta["published_from"] = from_docno, "document number"
        docs.append(
            RawDoc(
                path=f"{path}#{docno}",
                text=clean_text(article),
                fmt="newswire",
                title=headline or None,
                source=outlet,
                source_how="metadata" if outlet else None,
                published=published,
                first_line_title=not headline,
                meta=meta,
            )
        )
    if not docs and not errors:
        raise ReadProblem(E_NEWSWIRE_NO_TEXT, "no <DOC> record found; check the file is complete LDC SGML")
    if not docs:
        raise ReadProblem(E_NEWSWIRE_NO_TEXT, f"none of its {len(errors)} <DOC> records holds a <TEXT>")
    return docs, cap_errors(path, errors)


def _element(body: str, name: str, *, keep_markup: bool = False) -> str:
    """The text of the first ``<name>`` element of a record ('' when there is none), entities decoded; its
    own markup is kept when asked (the paragraphs of ``<TEXT>``)."""
    found = re.search(rf"<{name}\b[^>]*>(.*?)(?:</{name}\s*>|\Z)", body, re.IGNORECASE | re.DOTALL)
    if found is None:
        return ""
    inner = found.group(1)
    return inner if keep_markup else " ".join(_plain(inner).split())


def _plain(markup: str) -> str:
    return _LEFT_ENTITY.sub("", html.unescape(_TAG.sub(" ", markup)))


def _paragraphs(markup: str) -> str:
    """``<P>``-marked paragraphs one per block, their hard-wrapped lines joined; text without ``<P>`` keeps
    its lines (the cleaner joins a hard wrap)."""
    if _PARAGRAPH.search(markup):
        parts = (" ".join(_plain(p).split()) for p in _PARAGRAPH.split(markup))
        return "\n\n".join(p for p in parts if p)
    lines = (" ".join(line.split()) for line in _plain(markup).split("\n"))
    return "\n".join(lines).strip()


def _attr_id(attrs: str) -> str:
    found = _ID_ATTR.search(attrs)
    return found.group(1) if found else ""


def _prefix(docno: str) -> str:
    found = _PREFIX.match(docno)
    return found.group(0).upper() if found else ""


def _docno_date(docno: str) -> str | None:
    found = _DOCNO_DATE.search(docno)
    return iso_date("-".join(found.groups())) if found else None
