"""Engines: where an ingest's per-article stages run — in this process, in worker processes of this machine
(``--workers N``), or on a Ray cluster (``--engine ray``). See :mod:`storyline.engines.base`.

Example:
    >>> from storyline.api import Corpus
    >>> corpus = Corpus(":memory:", engine=engine_for("local", workers=2))   # doctest: +SKIP
"""

from .base import ENGINES, Analysed, Engine, engine_for

__all__ = ["ENGINES", "Analysed", "Engine", "engine_for"]
