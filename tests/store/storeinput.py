"""Small articles the store tests ingest: two on one bridge opening, two on one port strike."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "bridge-a.txt": "Riverton bridge to open in June\n\nOfficials in Riverton said on Monday, May 6, 2024, that the "
    "new bridge over the Mill River would open in June. The project cost $42 million.\n",
    "bridge-b.txt": "Mill River bridge opening set for June\n\nThe new Mill River bridge in Riverton will open in "
    "June, city officials said on Monday, May 6, 2024. It cost $42 million to build.\n",
    "port.txt": "Dockworkers strike at Harlow port\n\nDockworkers at the port of Harlow walked out on Friday, "
    "March 1, 2024, over pay, halting container traffic for the weekend, the union said.\n",
    "port-b.txt": "Harlow port strike enters second day\n\nThe strike by dockworkers at the port of Harlow went "
    "into a second day on Saturday, March 2, 2024, the union said, with no talks planned.\n",
}


def folder(tmp_path: Path, names: list[str] | None = None) -> Path:
    """A folder ``in`` under ``tmp_path`` holding the named articles (all of them by default)."""
    root = tmp_path / "in"
    root.mkdir(parents=True, exist_ok=True)
    for name in names or list(ARTICLES):
        (root / name).write_text(ARTICLES[name], encoding="utf-8")
    return root
