"""Manifests: a CSV file saying, per input file, its outlet, publication date and web address.

``storyline ingest --manifest files.csv`` (and ``analyze``) reads every file the manifest names with those
settings, which win over what the file itself says (``source_how``/``published_how`` ``"user"``). The first
row is the header; its columns are ``path`` (required), ``source``, ``published`` and ``url`` (any order,
more columns ignored). Paths are relative to the manifest's folder, or absolute; a path naming a folder gives
its settings to every file in it. A bad row (no path, a file that is not there, a date that cannot be read) is
an error naming the row; the good rows are read all the same.

Example:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Some text.")
    >>> _ = (d / "m.csv").write_text("path,source,published\\na.txt,Reuters,2025-11-24\\nb.txt,AP,\\n")
    >>> rows, errors = read_manifest(d / "m.csv")
    >>> [(r.path.name, r.source, r.published, r.row) for r in rows], [e.code for e in errors]
    ([('a.txt', 'Reuters', '2025-11-24', 2)], ['E161'])
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import StorylineError
from storyline.model import FileError

E_BAD_MANIFEST = "E160"
"""A manifest that cannot be used at all: not there, unreadable, no header, or no ``path`` column."""
E_BAD_ROW = "E161"
"""One manifest row that cannot be used (no path, no such file, an unreadable date); the others are read."""

COLUMNS = ("path", "source", "published", "url")
MAX_ROWS = 1_000_000


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One usable manifest row: the file (or folder) and what the user says about it."""

    path: Path
    row: int  # 1-based line of the CSV file (the header is row 1)
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None

    def overrides(self, manifest: str) -> dict[str, Any]:
        """The ingest settings this row gives (keys of :func:`storyline.pipeline.build_article`)."""
        why = f"from the manifest {manifest}, row {self.row}"
        found = {"source": self.source, "published": self.published, "url": self.url}
        out: dict[str, Any] = {k: v for k, v in found.items() if v}
        if self.source:
            out["source_why"] = why
        if self.published:
            out["published_why"] = why
        return out


def read_manifest(path: str | Path) -> tuple[list[ManifestRow], list[FileError]]:
    """Read a manifest: its usable rows, and an E161 error for each bad one.

    Raises:
        StorylineError: E160 when the manifest cannot be used at all.
    """
    from storyline.analyse.dates import parse_date_string

    mpath = Path(path)
    try:
        with mpath.open(encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise StorylineError(E_BAD_MANIFEST, f"cannot read the manifest {path}: {exc}") from exc
    if not lines:
        raise StorylineError(E_BAD_MANIFEST, f"the manifest {path} is empty: its first row names the columns")
    header = [h.strip().lower() for h in lines[0]]
    if "path" not in header:
        raise StorylineError(
            E_BAD_MANIFEST,
            f"the manifest {path} has no 'path' column: its first row must name the columns "
            f"({', '.join(COLUMNS)}); found {', '.join(repr(h) for h in header) or 'nothing'}",
        )
    col = {name: header.index(name) for name in COLUMNS if name in header}
    rows: list[ManifestRow] = []
    errors: list[FileError] = []
    for n, cells in enumerate(lines[1 : MAX_ROWS + 1], start=2):
        if not any(c.strip() for c in cells):
            continue
        got = {name: (cells[i].strip() if i < len(cells) else "") for name, i in col.items()}
        where = f"{path}, row {n}"
        if not got["path"]:
            errors.append(FileError(where, "no path in this row: name the article's file", E_BAD_ROW))
            continue
        file = Path(got["path"]).expanduser()
        file = file if file.is_absolute() else mpath.parent / file
        if not file.exists():
            errors.append(FileError(where, f"no file {got['path']!r} (looked for {file})", E_BAD_ROW))
            continue
        day = parse_date_string(got["published"]) if got.get("published") else None
        if got.get("published") and day is None:
            errors.append(
                FileError(where, f"cannot read {got['published']!r} as a date: write it as YYYY-MM-DD", E_BAD_ROW)
            )
            continue
        rows.append(ManifestRow(file, n, got.get("source") or None, day, got.get("url") or None))
    return rows, errors


def settings_for(file: Path, table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The settings ``table`` (real path → settings) gives ``file``: its own row's, else its nearest folder's."""
    real = Path(os.path.realpath(file))
    for p in (real, *real.parents):
        found = table.get(str(p))
        if found is not None:
            return found
    return {}


def settings_table(rows: list[ManifestRow], manifest: str) -> dict[str, dict[str, Any]]:
    """Real path → ingest settings, from the rows of a manifest (a later row for the same file wins)."""
    return {os.path.realpath(r.path): r.overrides(manifest) for r in rows}


__all__ = ["E_BAD_MANIFEST", "E_BAD_ROW", "ManifestRow", "read_manifest", "settings_for", "settings_table"]
