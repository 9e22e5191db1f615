"""Engines: the Ray engine and the local engine's worker processes give the local engine's export, and report bad
input exactly as it does (naming the file), keeping the good articles beside it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import run

from storyline import pipeline
from storyline.api import Corpus
from storyline.config import Config
from storyline.engines.base import analyse_each, clean_each, engine_for
from storyline.ingest.readers import RawDoc
from storyline.model import Article, FileError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    """One Ray instance with 2 CPUs for the module (the engine uses it as it finds it, and leaves it running)."""
    ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'storyline[ray]'")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two bad files: one empty (the reader refuses it), one with too little text (refused after cleaning)."""
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "short.txt").write_text("Two words\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def local_errors(bad: Path) -> list[str]:
    with Corpus(":memory:") as corpus:
        return [str(e) for e in corpus.ingest([str(bad)]).errors]


def test_ray_analyze_gives_the_local_export_and_errors(
    ray_cluster: Any,
    seed_corpus: Any,
    seeds_dir: Path,
    bad: Path,
    local_errors: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    args = ["--db", str(tmp_path / "r.db"), "analyze", str(seeds_dir), str(bad), "--out", str(out)]
    code, _, err = run([*args, "--engine", "ray", "--workers", "2"], capsys)
    assert code == 1, err  # some files failed, the rest were ingested
    for line in local_errors:
        assert line in " ".join(err.split()), err
    assert "5 articles added" in err and "2 errors" in err
    assert json.loads((out / "corpus.json").read_text(encoding="utf-8")) == seed_corpus.export()


def test_worker_processes_give_the_local_export_and_errors(
    seed_corpus: Any, seeds_dir: Path, bad: Path, local_errors: list[str]
) -> None:
    with Corpus(":memory:", engine=engine_for("local", workers=2)) as corpus:
        rep = corpus.ingest([str(seeds_dir), str(bad)])
        assert [str(e) for e in rep.errors] == local_errors and len(rep.added) == 5
        assert corpus.export() == seed_corpus.export()


def test_a_failing_stage_is_that_article_error_in_every_engine(
    seeds_dir: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a Ray actor or a worker runs (clean_each, analyse_each): the article whose dates fail is E150, its
    neighbours are analysed; the short one fails at cleaning (E112)."""
    files = sorted(seeds_dir.iterdir())[:2]
    docs: list[tuple[RawDoc, dict[str, Any]]] = [
        (RawDoc(path=str(f), text=f.read_text(encoding="utf-8"), fmt="txt"), {}) for f in files
    ]
    docs.insert(1, (RawDoc(path="short.txt", text="Two words\n", fmt="txt"), {}))
    dating = nlp.get_pipe("storyline_dates")
    real, second = dating._date, pipeline.article_id(files[1].read_text(encoding="utf-8"))

    def dates(a: Article) -> None:
        if a.id == second:  # the component dates a doc: the article's id, no path
            raise ValueError("no calendar")
        real(a)

    monkeypatch.setattr(dating, "_date", dates)
    got = analyse_each(clean_each(docs), Config(), nlp)
    assert isinstance(got[0], Article) and got[0].sentences and got[0].dates
    assert isinstance(got[1], FileError) and (got[1].path, got[1].code) == ("short.txt", "E112")
    assert isinstance(got[2], FileError) and (got[2].path, got[2].code) == (str(files[1]), "E150")
    assert "dates stage failed" in got[2].reason and "no calendar" in got[2].reason


def test_address_needs_the_ray_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--db", str(tmp_path / "s.db"), "ingest", str(tmp_path), "--address", "auto"], capsys)
    assert code == 2 and "add --engine ray" in err and "E601" in err


def test_batches_cover_the_documents_in_order_and_shrink_at_the_end() -> None:
    """The batches of the Ray engine and of the worker processes: every document once, at most BATCH_DOCS each,
    never growing, the last ones small enough that the workers finish together, and at least one per worker when
    there are documents enough."""
    from storyline.engines.base import TAIL_DOCS, batch_sizes
    from storyline.engines.ray_engine import BATCH_DOCS

    for n in (1, 2, 3, 7, 16, 40, 120, 601):
        for workers in (1, 2, 4):
            sizes = batch_sizes(n, workers)
            assert sum(sizes) == n and all(0 < s <= BATCH_DOCS for s in sizes), (n, workers, sizes)
            assert len(sizes) >= min(n, workers)
            if workers > 1:
                assert sizes == sorted(sizes, reverse=True) and sizes[-1] <= TAIL_DOCS, (n, workers, sizes)
