"""What every engine shares: the part of an ingest an engine hands back, and the choice of engine.

An engine runs the per-article stages (clean, meta, analyse, dates: :func:`storyline.pipeline.analyse_new`)
over the documents an ingest read, and hands the results back in order, part by part; the caller
(:class:`storyline.api.Corpus`) stores each part as it comes and runs the corpus stages once at the end.
Reading the files, the store and the corpus stages stay in the calling process whatever the engine.

Example:
    >>> engine_for("local") is None   # the default: every stage in this process
    True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from ..config import Config
from ..errors import StorylineError
from ..ingest.readers import RawDoc
from ..model import Article, FileError
from ..pipeline import analyse_cleaned, analyse_new, clean_new

Pending = Sequence[tuple[RawDoc, dict[str, Any]]]
"""Documents waiting for the per-article stages, each with its ingest settings (source, published, keep_all)."""

T = TypeVar("T")

ENGINES = ("local", "ray")
E_ENGINE = "E601"
TAIL_DOCS = 4
"""Documents per batch at least, as the work left shrinks (:func:`batch_sizes`), where there are that many."""


@dataclass(slots=True)
class Analysed:
    """One part of the pending documents after the per-article stages.

    Attributes:
        docs: The part's documents, in the order given.
        articles: The articles made from them (a document that failed has none).
        errors: Why each failed document failed (E1xx for its text, E150 for a stage that raised).
    """

    docs: Pending
    articles: list[Article]
    errors: list[FileError]


class Engine(Protocol):
    """Runs :func:`~storyline.pipeline.analyse_new` over documents, somewhere other than this process."""

    name: str

    def analyse(self, pending: Pending, cfg: Config) -> Iterator[Analysed]:
        """The pending documents' results, part by part, in the order of ``pending``."""
        ...

    def close(self) -> None:
        """Let go of the workers (and of a cluster the engine started itself)."""
        ...


def analyse_part(part: Pending, cfg: Config) -> Analysed:
    """The per-article stages over one part, each failing document reported and the others kept."""
    errors: list[FileError] = []
    return Analysed(part, analyse_new(part, cfg, errors=errors), errors)


def clean_each(docs: Pending) -> list[Article | FileError]:
    """Stages *clean* and *meta* (:func:`~storyline.pipeline.clean_new`): per document, its article or its error."""
    out: list[Article | FileError] = []
    for doc in docs:
        errors: list[FileError] = []
        arts = clean_new([doc], errors)
        out.append(arts[0] if arts else errors[0])
    return out


def analyse_each(
    items: Sequence[Article | FileError], cfg: Config, nlp: Any | None = None
) -> list[Article | FileError]:
    """Stages *analyse* and *dates* (:func:`~storyline.pipeline.analyse_cleaned`) over the articles among ``items``
    (what :func:`clean_each` gave), batched as the local engine batches them: per item, the analysed article or
    its error (an error given stays as it is)."""
    cleaned = [x for x in items if isinstance(x, Article)]
    errors: list[FileError] = []
    kept = {id(a) for a in analyse_cleaned(cleaned, cfg, nlp, errors)}
    out = list(items)
    failed = [i for i, x in enumerate(items) if isinstance(x, Article) and id(x) not in kept]
    for e in errors:  # one error per failed article, naming its path
        i = next((i for i in failed if items[i].path == e.path), failed[0] if failed else None)
        if i is not None:
            failed.remove(i)
            out[i] = e
    return out


def batch_sizes(n: int, workers: int, most: int = 16) -> list[int]:
    """Documents per batch for ``n`` documents over ``workers`` workers (Ray actors, worker processes), in
    order: ``most`` while there is much left, then a share of what is left (left / 2 x workers), down to
    :data:`TAIL_DOCS`. A worker that takes a batch keeps it to the end, so with equal batches one can be left with
    a whole batch while the others are done; small last batches make them finish together. Every worker gets
    work when there are documents enough.

    Example:
        >>> batch_sizes(120, 2)
        [16, 16, 16, 16, 14, 11, 8, 6, 5, 4, 4, 4]
        >>> batch_sizes(40, 1)
        [14, 13, 13]
        >>> batch_sizes(3, 2)
        [1, 1, 1]
    """
    if n <= 0:
        return []
    if workers == 1:  # nothing to balance: batches as equal as they can be, each at most ``most``
        k = -(-n // most)
        return [n // k + (i < n % k) for i in range(k)]
    least = max(1, min(TAIL_DOCS, -(-n // (2 * workers))))
    sizes: list[int] = []
    left = n
    while left:
        sizes.append(min(left, max(least, min(most, -(-left // (2 * workers))))))
        left -= sizes[-1]
    return sizes


def in_batches(items: Sequence[T], sizes: Sequence[int]) -> list[Sequence[T]]:
    """``items`` cut into consecutive batches of ``sizes`` (:func:`batch_sizes`).

    Example:
        >>> in_batches("abcdefg", [3, 2, 2])
        ['abc', 'de', 'fg']
    """
    out: list[Sequence[T]] = []
    k = 0
    for size in sizes:
        out.append(items[k : k + size])
        k += size
    return out


def engine_for(name: str = "local", workers: int | None = None, address: str | None = None) -> Engine | None:
    """The engine named ``name`` (:data:`ENGINES`) with ``workers`` workers; ``None`` for the default, which runs
    every stage in this process (``local`` with one worker).

    ``local`` with more workers analyses in as many worker processes of this machine; ``ray`` on a Ray cluster:
    the one at ``address`` (``auto``, ``ray://HOST:PORT``), else one started on this machine with ``workers`` CPUs.
    """
    if name not in ENGINES:
        raise StorylineError(E_ENGINE, f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise StorylineError(E_ENGINE, f"--workers must be 1 or more, not {workers}")
    if name == "local":
        if address:
            raise StorylineError(
                E_ENGINE, f"--address {address} names a Ray cluster: add --engine ray (the local engine has none)"
            )
        if (workers or 1) == 1:
            return None
        from .local import ProcessEngine

        return ProcessEngine(workers or 1)
    from .ray_engine import RayEngine

    return RayEngine(workers, address)


__all__ = [
    "ENGINES",
    "TAIL_DOCS",
    "Analysed",
    "Engine",
    "Pending",
    "analyse_each",
    "analyse_part",
    "batch_sizes",
    "clean_each",
    "in_batches",
    "engine_for",
]
