"""Shared fixtures: the seed corpus (../shared/corpus/seeds, never copied into the repo) and the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/*.json from current output.")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the repo")
    return SEEDS


@pytest.fixture(scope="session")
def nlp() -> Any:
    from storyline.analyse.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_corpus(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The five seeds analysed once into a store, shared by the integration tests (read-only)."""
    from storyline.api import analyze

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    corpus = analyze([str(seeds_dir)], db=db)
    yield corpus
    corpus.close()
