"""Storyline: turn a pile of raw news articles into cross-checked, cited story dossiers, offline.

Example:
    >>> import storyline                                    # doctest: +SKIP
    >>> corpus = storyline.analyze(["articles/"])           # doctest: +SKIP
    >>> corpus.stories[0].dossier("md")                     # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Corpus", "analyze", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import storyline` stays cheap (the API pulls in scikit-learn and friends).
    if name in ("Corpus", "analyze", "IngestReport"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
