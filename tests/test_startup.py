"""What a command that reads the store imports: the libraries only building stories needs are loaded when first used,
so ``storyline stories`` or ``storyline dossier`` never waits for them."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

HEAVY = ("sklearn", "datasketch")


def test_the_cli_and_the_web_app_import_no_story_building_library() -> None:
    code = f"import sys, storyline.cli, storyline.web.app; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_libraries_load_when_first_used() -> None:
    from storyline.compare.dedup import find_duplicates, minhash, sketch_from_text, sketch_text

    mh = minhash("one two three four five six seven")
    assert sketch_from_text(sketch_text(mh)).jaccard(mh) == 1.0
    assert find_duplicates([]) == {}


def test_listing_stories_loads_no_stage() -> None:
    """``storyline stories`` reads the listing columns alone: the command line loads neither the API (every
    stage) nor numpy until a command needs them."""
    code = "import sys, storyline.cli; print(','.join(m for m in ('storyline.api', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_command_lines_choices_are_the_apis() -> None:
    from storyline import api, cli, engines

    assert cli.FORMATS == api.FORMATS and cli.ENGINES == engines.ENGINES


#: What only ingesting and building stories needs: spaCy, SciPy, the stages, the readers and the date tables.
STAGES = (
    "spacy",
    "scipy",
    "storyline.pipeline",
    "storyline.incremental",
    "storyline.compare.cluster",
    "storyline.ingest.readers",
)
#: ... and what reading a built story needs not either (an export recounts commitments: it reads the dates).
ANALYSIS = ("storyline.analyse.dates", "storyline.analyse.timex", "storyline.compare.claims")


def _loaded(code: str, names: tuple[str, ...]) -> list[str]:
    report = f"\nimport sys\nprint('LOADED', ','.join(m for m in {names!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code + report], capture_output=True, text=True, check=True)
    line = next(r for r in out.stdout.splitlines() if r.startswith("LOADED"))
    return [m for m in line.removeprefix("LOADED").strip().split(",") if m]


def test_the_api_and_the_web_app_load_no_stage() -> None:
    assert _loaded("import storyline.api, storyline.web.app", STAGES + ANALYSIS) == []


READS = [
    "dossier s1 --format html",
    "dossier s1",
    "stories --json",
    "search Taiwan --limit 3",
    "outlets list",
    "claims list s1",
]


@pytest.mark.parametrize(
    ("command", "unused"),
    [*(pytest.param(c, STAGES + ANALYSIS, id=c) for c in READS), pytest.param("export", STAGES, id="export")],
)
def test_a_command_that_reads_the_store_loads_no_stage(seed_corpus: Any, command: str, unused: tuple[str, ...]) -> None:
    """The read commands import what they use: no spaCy, no clustering, no reader, no date tables (issue 16: a
    dossier's process spent 0.9 s of its 1.2 s importing them)."""
    code = (
        "import contextlib, io\nfrom storyline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({['--db', str(seed_corpus.store.path), '-q', *command.split()]!r})"
    )
    assert _loaded(code, unused) == []


def test_the_web_apps_read_only_pages_load_no_stage(seed_corpus: Any) -> None:
    """A read-only server's pages and API answers (the export aside) load no stage either."""
    pages = ["/", "/stories", "/stories/s1", "/entities", "/api/stories", "/api/stories/s1", "/api/search?q=Taiwan"]
    code = (
        "import warnings\nwarnings.simplefilter('ignore')\n"
        "from fastapi.testclient import TestClient\nfrom storyline.web import create_app\n"
        f"app = create_app({str(seed_corpus.store.path)!r}, read_only=True)\n"
        "with TestClient(app, base_url='http://127.0.0.1') as client:\n"
        f"    for page in {pages!r}:\n"
        "        client.get(page).raise_for_status()"
    )
    assert _loaded(code, STAGES + ANALYSIS) == []
