"""The local engine with more than one worker: the per-article stages in worker processes of this machine.

Each worker loads the spaCy pipeline once, when it starts, and then takes parts of up to :data:`PART_DOCS`
documents in turn, fewer at the end (:func:`~storyline.engines.base.batch_sizes`), and runs the whole of
:func:`~storyline.pipeline.analyse_new` on each (cleaning, spaCy and dates, not only ``nlp.pipe`` as
``nlp.n_process`` does). The parts come back in the order given, so the store and the report read the same as
with one worker.

Example:
    >>> from storyline.config import Config
    >>> with ProcessEngine(2) as engine:                                     # doctest: +SKIP
    ...     parts = list(engine.analyse(pending, Config()))
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from ..analyse.nlp import load_nlp
from ..config import Config
from ..errors import StorylineError
from .base import Analysed, Pending, analyse_part, batch_sizes, in_batches

PART_DOCS = 16
"""Documents a worker takes at a time at most, large enough for ``nlp.pipe`` to batch them (bench/scale.py); the
last parts are smaller, so that the workers finish together."""
START_METHOD = "spawn"
"""A fresh interpreter per worker: nothing of the caller (its store connection, its threads) is forked."""


def _start_worker(model: str) -> None:
    """Load the pipeline once per worker, before its first part; a pipeline that is not installed is left for
    the first part to raise (E201, carried back to the caller), not for the pool to break on."""
    try:
        load_nlp(model)
    except StorylineError:
        pass


class ProcessEngine:
    """``local`` with ``workers`` > 1: a pool of worker processes, each with its own spaCy pipeline."""

    name = "local"

    def __init__(self, workers: int, part_docs: int = PART_DOCS) -> None:
        self.workers = workers
        self.part_docs = part_docs
        self._pool: ProcessPoolExecutor | None = None
        self._model: str | None = None

    def _executor(self, cfg: Config) -> ProcessPoolExecutor:
        if self._pool is None or self._model != cfg.nlp_model:
            self.close()
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(START_METHOD),
                initializer=_start_worker,
                initargs=(cfg.nlp_model,),
            )
            self._model = cfg.nlp_model
        return self._pool

    def analyse(self, pending: Pending, cfg: Config) -> Iterator[Analysed]:
        if not pending:
            return
        parts = in_batches(pending, batch_sizes(len(pending), self.workers, self.part_docs))
        yield from self._executor(cfg).map(partial(analyse_part, cfg=cfg), parts)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["PART_DOCS", "ProcessEngine"]
