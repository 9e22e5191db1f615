"""Copying some of the seed files into a test's own folder (the seeds themselves are never written)."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_seeds(seeds: Path, folder: Path, prefixes: tuple[str, ...]) -> Path:
    """The seed files whose names start with one of ``prefixes`` ("000", "002"…), copied into a new ``folder``."""
    folder.mkdir()
    for f in sorted(seeds.iterdir()):
        if f.name[:3] in prefixes:
            shutil.copy(f, folder / f.name)
    return folder
