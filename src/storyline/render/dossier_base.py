"""What every part of the dossier model shares: reading JSON values once (a missing key or a value of the wrong
type reads as empty) and :class:`SourceCite`, a cited passage as the dossier shows it.

Example:
    >>> SourceCite.from_json({"article_id": "a1", "start": "3", "end": 9, "label": "AP"}).to_json()["start"]
    3
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Cite

__all__ = ["SourceCite"]

# --------------------------------------------------------------------------- reading JSON values, once


def read_str(value: object) -> str:
    return "" if value is None else str(value)


def read_opt(value: object) -> str | None:
    return None if value is None else str(value)


def read_int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return 0


def read_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def read_maps(value: object) -> list[Mapping[str, Any]]:
    return [x for x in read_list(value) if isinstance(x, Mapping)]


def read_map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def read_strs(value: object) -> list[str]:
    return [str(x) for x in read_list(value) if x is not None]


def read_number(value: object) -> float | int | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def rest(d: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in known}


# --------------------------------------------------------------------------- cites


@dataclass(slots=True, frozen=True)
class SourceCite:
    """A cited passage as the dossier shows it: ``(article_id, start, end)`` with its outlet (``source``), the
    article's title and a short label ("Bloomberg, 25 Nov 2025")."""

    article_id: str
    start: int
    end: int
    source: str | None = None
    title: str = ""
    label: str = ""

    @property
    def cite(self) -> Cite:
        return Cite(self.article_id, self.start, self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "title": self.title,
            "label": self.label,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> SourceCite:
        return cls(
            read_str(d.get("article_id")),
            read_int(d.get("start")),
            read_int(d.get("end")),
            read_opt(d.get("source")),
            read_str(d.get("title")),
            read_str(d.get("label")),
        )


CITE_KEYS = frozenset({"article_id", "start", "end", "source", "title", "label"})


def read_cites(value: object) -> list[SourceCite]:
    return [SourceCite.from_json(c) for c in read_maps(value)]


def cite_core(c: SourceCite) -> dict[str, Any]:
    return {"article_id": c.article_id, "start": c.start, "end": c.end}


def cite_labels(c: SourceCite) -> dict[str, Any]:
    return {"source": c.source, "title": c.title, "label": c.label}


def by_article(cites: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Citations as the pages show them: grouped by the article they cite (``article``), each article where it is
    first cited, its passages in their order. One chip per article, its further passages numbered beside it,
    rather than the same outlet's name three times over one timeline item. A citation naming no article is a
    group of its own.

    Example:
        >>> [[c["n"] for c in g] for g in by_article([{"article": "a", "n": 1}, {"article": "b", "n": 2},
        ...                                           {"article": "a", "n": 3}, {"n": 4}])]
        [[1, 3], [2], [4]]
    """
    groups: dict[object, list[Mapping[str, Any]]] = {}
    for k, c in enumerate(cites):
        groups.setdefault(c.get("article") or ("", k), []).append(c)
    return list(groups.values())
