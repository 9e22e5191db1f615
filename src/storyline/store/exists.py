"""Reading a store that is not there is an error, never a new empty store.

Example:
    >>> require_store(":memory:")
    >>> try:
    ...     require_store("no-such-dir/none.db")
    ... except StorylineError as e:
    ...     print(e.code)
    E303
"""

from __future__ import annotations

from pathlib import Path

from storyline.errors import StorylineError

E_NO_STORE = "E303"
DEMO_STORE = "out/storyline.db"


def require_store(path: str | Path) -> None:
    """Raise E303 unless ``path`` is an existing store file (``:memory:`` and URLs pass).

    The message says how to make one, and where the demo store is (``make demo`` writes it).
    """
    text = str(path)
    if text == ":memory:" or "://" in text or text.startswith("file:"):
        return
    p = Path(text)
    if p.is_file():
        return
    what = "is a folder, not a store file" if p.is_dir() else "does not exist"
    raise StorylineError(
        E_NO_STORE,
        f"{text} {what}: ingest articles into it first (storyline --db {text} ingest FILES), or give --db the "
        f"store to read; `make demo` writes the demo store to {DEMO_STORE} (storyline --db {DEMO_STORE} stories)",
    )


__all__ = ["DEMO_STORE", "E_NO_STORE", "require_store"]
