"""The ``ray`` engine: the per-article stages as a Ray Dataset, on a Ray cluster (``--engine ray``).

The documents an ingest read become a Dataset, one row each; cleaning (:func:`~storyline.pipeline.clean_new`)
and then the spaCy analysis and dates (:func:`~storyline.pipeline.analyse_cleaned`) run over it with
``map_batches``, the analysis on a pool of actors (:class:`Analyser`) that each load the spaCy pipeline
once. Ray fuses the two maps into the actors, so a batch is cleaned where it is analysed. The results
stream back in the documents' order; the caller stores them part by part and runs the corpus stages
(entities, duplicates, stories, comparison) on the store afterwards, as with the local engine.

Without an address, a Ray instance is started on this machine with ``workers`` CPUs (and stopped when the
engine is closed); with one (``auto``, ``ray://HOST:10001``) the engine joins that cluster, whose nodes need
Storyline and its spaCy pipeline installed (``pip install 'storyline[ray]'``).

Example:
    >>> from storyline.config import Config
    >>> engine = RayEngine(workers=2)                                        # doctest: +SKIP
    >>> articles = [a for part in engine.analyse(pending, Config()) for a in part.articles]  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator
from typing import Any

from ..analyse.nlp import load_nlp
from ..config import Config
from ..errors import StorylineError
from ..model import Article, FileError
from .base import E_ENGINE, Analysed, Pending, analyse_each, batch_sizes, clean_each, in_batches

log = logging.getLogger("storyline")

BATCH_DOCS = 16
"""Documents per batch at most: an actor cleans and analyses one batch at a time (bench/scale.py)."""
IN_FLIGHT = 2
"""Batches an actor holds at a time: Ray Data's own default, the one it analyses and the next, queued behind it
(so it never waits for the driver between batches). One (a batch goes to the first actor free, so none can be left
with a batch queued while another has nothing) measured the same on 300 articles, both at 2 actors against the
local engine's 2 processes, run after run (bench/scale.py --only paired --in-flight 1,2)."""
CLIENT_WINDOW = 2048
"""Documents per task on the cluster when connected through Ray Client (``ray://``)."""
_EMPTY = b""


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise StorylineError(
            "E202",
            "--engine ray needs Ray, which is not installed: pip install 'storyline[ray]' "
            "(or leave --engine out to analyse on this machine)",
        ) from None
    return ray


def _pickled(items: list[Article | FileError | None]) -> dict[str, list[bytes]]:
    def one(x: Article | FileError | None, kind: type) -> bytes:
        return pickle.dumps(x) if isinstance(x, kind) else _EMPTY

    return {"article": [one(x, Article) for x in items], "error": [one(x, FileError) for x in items]}


def _unpickled(batch: dict[str, Any]) -> list[Article | FileError | None]:
    return [pickle.loads(a or e) if (a or e) else None for a, e in zip(batch["article"], batch["error"], strict=True)]


def clean_batch(batch: dict[str, Any]) -> dict[str, Any]:
    """Stages *clean* and *meta* over a batch of documents: an article, or the document's error, per row."""
    docs = [pickle.loads(raw) for raw in batch["doc"]]
    return {"seq": batch["seq"], **_pickled(list(clean_each(docs)))}


class Analyser:
    """An actor of the pool: loads the spaCy pipeline once, then analyses and dates batch after batch."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.fatal = _EMPTY
        try:
            self.nlp = load_nlp(cfg.nlp_model)
        except StorylineError as exc:  # the pipeline is not installed there: said once, by the caller
            self.nlp, self.fatal = None, pickle.dumps(exc)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        n = len(batch["seq"])
        if self.fatal:
            return {"seq": batch["seq"], "article": [_EMPTY] * n, "error": [_EMPTY] * n, "fatal": [self.fatal] * n}
        items = _unpickled(batch)
        done = iter(analyse_each([x for x in items if x is not None], self.cfg, self.nlp))
        out = [next(done) if x is not None else None for x in items]
        return {"seq": batch["seq"], **_pickled(out), "fatal": [_EMPTY] * n}


class RayEngine:
    """``--engine ray``: a Ray Dataset over the pending documents, analysed by a pool of ``workers`` actors."""

    name = "ray"

    def __init__(
        self, workers: int | None = None, address: str | None = None, batch_docs: int = BATCH_DOCS,
        in_flight: int = IN_FLIGHT,
    ) -> None:  # fmt: skip
        self.workers = workers
        self.address = address
        self.batch_docs = batch_docs
        self.in_flight = in_flight
        self._started = False

    def connect(self) -> Any:
        ray = _ray()
        if not ray.is_initialized():
            quiet: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
            try:
                if self.address:
                    ray.init(address=self.address, **quiet)
                else:  # a Ray instance of our own on this machine
                    ray.init(address="local", num_cpus=self.workers or os.cpu_count() or 1, include_dashboard=False,
                             **quiet)  # fmt: skip
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f"the Ray cluster at {self.address}" if self.address else "a Ray instance on this machine"
                raise StorylineError(
                    E_ENGINE,
                    f"cannot start or reach {where} ({type(exc).__name__}: {' '.join(str(exc).split())[:300]}); "
                    "check the address (auto, ray://HOST:10001) and that the cluster is up (ray status), "
                    "or leave --address out to start one on this machine",
                ) from None
            self._started = True
        return ray

    def analyse(self, pending: Pending, cfg: Config) -> Iterator[Analysed]:
        if not pending:
            return
        ray = self.connect()
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        if self.workers and self.workers > cpus:  # more actors than CPUs would wait for them for ever
            log.warning("ray: the cluster has %d CPU(s); analysing with %d actor(s), not %d", cpus, cpus, self.workers)
        workers = min(self.workers or cpus, cpus)
        items = [{"seq": i, "doc": pickle.dumps(item)} for i, item in enumerate(pending)]
        if not ray.util.client.ray.is_connected():
            sizes = batch_sizes(len(items), workers, self.batch_docs)
            for batch in run_dataset(items, cfg, workers, sizes, self.in_flight):
                yield _part(batch, pending)
            return
        # Ray Client (ray://): Ray Data's executor cannot run in a client, so it runs in a task on the cluster,
        # a window of documents at a time
        remote = ray.remote(num_cpus=0)(_run_window)
        for k in range(0, len(items), CLIENT_WINDOW):
            window = items[k : k + CLIENT_WINDOW]
            for batch in ray.get(
                remote.remote(window, cfg, workers, batch_sizes(len(window), workers, self.batch_docs), self.in_flight)
            ):
                yield _part(batch, pending)

    def close(self) -> None:
        if self._started:
            _ray().shutdown()
            self._started = False


def run_dataset(
    items: list[dict[str, Any]], cfg: Config, workers: int, sizes: list[int], in_flight: int = IN_FLIGHT
) -> Iterator[dict[str, Any]]:
    """The Dataset of ``items`` (``seq``, pickled ``doc``) cleaned and analysed by ``workers`` actors holding
    ``in_flight`` batches each at most (:data:`IN_FLIGHT`), one batch (a block) per entry of ``sizes``: its output
    batches (``seq``, ``article``, ``error``, ``fatal``), in the items' order."""
    import pyarrow as pa
    import ray.data

    _quiet_data()
    blocks = [
        pa.table({"seq": [x["seq"] for x in part], "doc": pa.array([x["doc"] for x in part], pa.binary())})
        for part in in_batches(items, sizes)
    ]
    log.info("ray: %d document(s) in %d batch(es) of %s over %d actor(s)", len(items), len(sizes), sizes, workers)
    # one block per batch (from_blocks keeps them as given, and reads their sizes here, where from_arrow starts a
    # task per block for it): batch_size=None takes each block whole
    ds: Any = ray.data.from_blocks(blocks)
    ds = ds.map_batches(clean_batch, batch_size=None, batch_format="numpy")
    ds = ds.map_batches(
        Analyser,
        fn_constructor_kwargs={"cfg": cfg},
        batch_size=None,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=min(workers, len(sizes)), max_tasks_in_flight_per_actor=in_flight),
    )
    yield from ds.iter_batches(batch_size=None, batch_format="numpy")


def _run_window(
    items: list[dict[str, Any]], cfg: Config, workers: int, sizes: list[int], in_flight: int = IN_FLIGHT
) -> list[dict[str, Any]]:
    return list(run_dataset(items, cfg, workers, sizes, in_flight))


def _quiet_data() -> None:
    """Results in the documents' order, and no progress bars or statistics of Ray Data's own."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def _part(batch: dict[str, Any], pending: Pending) -> Analysed:
    """A batch of results as the caller takes them: its documents, their articles and their errors in order."""
    for fatal in batch["fatal"]:
        if fatal:
            raise pickle.loads(fatal)
    seqs = [int(s) for s in batch["seq"]]
    articles = [pickle.loads(a) for a in batch["article"] if a]
    errors = [pickle.loads(e) for e in batch["error"] if e]
    return Analysed([pending[s] for s in seqs], articles, errors)


__all__ = [
    "BATCH_DOCS",
    "CLIENT_WINDOW",
    "IN_FLIGHT",
    "Analyser",
    "RayEngine",
    "clean_batch",
    "run_dataset",
]
