"""The outlet × claim matrix: for each claim, what each outlet's articles do with it.

Example:
    >>> claim_matrix([], [])
    {'outlets': [], 'rows': []}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ..model import Article, Claim, reading_key
from .claims import DETAIL_SHARE, outlet_label

REPORTED = "reported"
DIFFERENTLY = "differently"
NOT_REPORTED = "not reported"
#: The article comes near the fact without stating it in words the alignment matched: no claim either way.
UNCLEAR = "unclear"
#: Why a cell is "unclear": its article's closest passage is cited (``near``); none is close enough to cite, in
#: an article that tells the story in as much detail (no passage is promised); a shorter article.
NEAR_WHY = "a passage comes near it"
NO_MATCH_WHY = "no passage matched it"
SHORTER_WHY = "a shorter article"


def claim_matrix(claims: Sequence[Claim], articles: Sequence[Article]) -> dict[str, object]:
    """The outlet × claim matrix: for each claim, what each outlet's articles do with it.

    Columns are outlets (copies and articles of one outlet merged into one column); a cell is
    ``reported``, ``differently`` (with why), ``not reported`` (the article does not come near the fact) or
    ``unclear`` (no claim either way: ``near`` cites its passage closest to the fact when there is one close
    enough to show, and ``why`` says which case it is), with the cites behind it. ``worded_by`` names the
    outlet whose version words the row: "differently" is said against that version.
    """
    by_id = {a.id: a for a in articles}
    columns: dict[str, list[Article]] = defaultdict(list)
    for a in sorted(articles, key=reading_key):
        columns[outlet_label(a)].append(a)
    outlets = list(columns)
    rows = []
    for c in claims:
        cells: list[dict[str, object]] = []
        for o in outlets:
            ids = {a.id for a in columns[o]}
            sup = [x for x in c.support if x.article_id in ids]
            con = [x for x in c.conflicts if x.get("article_id") in ids]
            copy = all(by_id[i].duplicate_of for i in ids)
            if con and not sup:
                cells.append({"outlet": o, "status": DIFFERENTLY, "why": str(con[0].get("why", "")), "cites": con})
            elif sup:
                cells.append({"outlet": o, "status": REPORTED, "why": "", "cites": [x.to_json() for x in sup]})
            elif c.absent is None or ids & set(c.absent):
                cells.append({"outlet": o, "status": NOT_REPORTED, "why": "", "cites": []})
            else:
                near = [x.to_json() for x in c.near if x.article_id in ids]
                detailed = _statement_count(columns[o]) >= DETAIL_SHARE * _median_count(
                    [by_id[x.article_id] for x in c.support if x.article_id in by_id]
                )
                why = NEAR_WHY if near else (NO_MATCH_WHY if detailed else SHORTER_WHY)
                cells.append({"outlet": o, "status": UNCLEAR, "why": why, "cites": []})
                if near:
                    cells[-1]["near"] = near
            cells[-1]["copy"] = copy
        base = c.support[0] if c.support else None  # the version the row is worded by; others compare to it
        rows.append(
            {
                "claim_id": c.id,
                "kind": c.kind,
                "text": c.text,
                "sources": c.sources,
                "cells": cells,
                "worded_by": outlet_label(by_id[base.article_id]) if base and base.article_id in by_id else None,
            }
        )
    return {"outlets": outlets, "rows": rows}


def _statement_count(articles: Sequence[Article]) -> int:
    return max((len(a.statements) or len(a.sentences) for a in articles), default=0)


def _median_count(articles: Sequence[Article]) -> float:
    return float(np.median([len(a.statements) or len(a.sentences) for a in articles])) if articles else 0.0


__all__ = ["DIFFERENTLY", "NOT_REPORTED", "REPORTED", "UNCLEAR", "claim_matrix"]
