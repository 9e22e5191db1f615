"""The local web app and REST API over a store (``storyline serve``).

FastAPI with server-rendered Jinja2 pages; every asset is served from this package, so it works offline.
Imported lazily by the CLI: the rest of Storyline does not need FastAPI loaded.

Example:
    >>> from storyline.web import create_app                         # doctest: +SKIP
    >>> app = create_app("storyline.db", read_only=True)              # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.web.app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:  # FastAPI is loaded when the app is asked for, not with the package
    if name in __all__:
        from storyline.web import app

        return getattr(app, name)
    raise AttributeError(name)
