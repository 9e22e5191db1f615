"""An article's publication date and where it came from: the user's, the page's or record's metadata, its
dateline, a "Published on:" line, or the day in its web address or file name (:mod:`.path_dates`), in that
order; what none of them dates is dated later from the text (``pipeline.date_article``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..analyse.dates import month_day_year, parse_date_string, to_date
from .path_dates import date_in_path

if TYPE_CHECKING:
    from .readers import RawDoc


def publication(
    doc: RawDoc, hints: Mapping[str, str], url: str | None, published: str | None, published_why: str | None
) -> tuple[str | None, str | None, str | None]:
    """``(published, published_how, published_why)`` of a document with the cleaner's ``hints`` (its dateline,
    "Published on:" line and copyright year); ``published`` given by the user wins."""
    line = parse_date_string(hints["published_text"]) if hints.get("published_text") else None
    dateline = month_day_year(hints.get("dateline_date", ""))
    on_dateline = dateline_day(dateline, doc.published, line, hints.get("copyright_year"))
    if published:
        return published, "user", published_why or "given with --published"
    if doc.published and (to_date(doc.published) or not (on_dateline and on_dateline[0].startswith(doc.published))):
        return doc.published, "metadata", "from the page/record metadata"
    if on_dateline:
        return on_dateline[0], "dateline", f"from the dateline {hints['dateline']!r}{on_dateline[1]}"
    if line:
        return line, "text", f"from the line {hints['published_text']!r}"
    if named := date_in_path(doc.path, url):  # the day in its web address or file name
        return named[0], "metadata", named[1]
    return None, None, None


def dateline_day(
    dateline: tuple[int, int, int | None] | None, meta: str | None, line: str | None, copyright_year: str | None
) -> tuple[str, str] | None:
    """The dateline's day as ``YYYY-MM-DD`` and where its year came from, when a year is known.

    The year is the dateline's own, else the metadata date's (a metadata year or month the day falls in is
    refined by it; a full metadata date wins anyway), else the "Published on:" line's, else the copyright
    year. Without any, the year stays unknown here and the day waits for an inferred date
    (:func:`date_article`). The years of dates told in the text are not used: on PolNeAR (924 articles of
    2016, dated by their file names) the latest past date in the text gave the right year for 39 articles
    and a wrong one for 96 (background events, anniversaries such as "Sept. 11, 2001").
    """
    if dateline is None:
        return None
    month, day, year = dateline
    years = [
        (y, why)
        for y, why in (
            (str(year or ""), ""),
            ((meta or "")[:4], "; the year from the page metadata"),
            ((line or "")[:4], "; the year from the dated line"),
            (copyright_year or "", f"; the year from the copyright line ({copyright_year})"),
        )
        if y.isdigit()
    ]
    if not years:
        return None
    try:
        return dt.date(int(years[0][0]), month, day).isoformat(), years[0][1]
    except ValueError:  # 29 February in a year without one
        return None


__all__ = ["dateline_day", "publication"]
