"""What a command that reads the store imports: the libraries only building stories needs are loaded when first used,
so ``storyline stories`` or ``storyline dossier`` never waits for them."""

from __future__ import annotations

import subprocess
import sys

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
