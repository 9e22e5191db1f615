"""Storyline's analysis as spaCy components (storyline.analyse.components): the same results as the pipeline's
stages, the order checked by spaCy, the factories found through the entry point, the results serialisable."""

from __future__ import annotations

import copy
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from storyline.analyse.components import EXTENSIONS, PIPES, add_pipes, register_extensions
from storyline.analyse.nlp import (
    DEFAULT_MODEL,
    PIPE_ATTR,
    keep_dotted_titles,
    paragraph_breaks,
    split_glued_quotes,
    with_storyline,
)
from storyline.config import Config
from storyline.errors import StorylineError
from storyline.ingest.readers import read_file
from storyline.pipeline import PIPE_STAGE, STAGES, Stage, analyse, analyse_cleaned, check_stages, clean_new

FIELDS = ("sentences", "mentions", "quotes", "numbers", "dates", "statements", "events", "published")


@pytest.fixture(scope="module")
def full() -> Any:
    """A pipeline of its own (the model as load_nlp sets it up, plus every component): the cached one that the
    other tests share is left as it is."""
    nlp = spacy.load(DEFAULT_MODEL)
    split_glued_quotes(nlp)
    keep_dotted_titles(nlp)
    paragraph_breaks(nlp)
    return add_pipes(nlp)


@pytest.fixture
def blank() -> Any:
    return spacy.blank("en")


@pytest.mark.slow
def test_the_components_give_what_the_pipeline_stores_for_each_seed(seeds_dir: Path, nlp: Any, full: Any) -> None:
    """On the five seeds, read and cleaned as the pipeline does, every per-article annotation — offsets, values,
    speakers, the inferred publication date — is the pipeline's (before the corpus stages link entities)."""
    docs = [(d, {}) for p in sorted(seeds_dir.iterdir()) for d in read_file(p)[0]]
    cleaned = clean_new(docs)
    given = copy.deepcopy(cleaned)  # what the components get: cleaned text, id, publication date, hints
    stored = analyse_cleaned(cleaned, Config(), nlp)
    assert len(stored) == len(given) == len(docs)

    inputs = []
    for art in given:
        doc = full.make_doc(art.text)
        doc._.storyline_article_id, doc._.storyline_published, doc._.storyline_meta = art.id, art.published, art.meta
        inputs.append(doc)
    for art, doc in zip(stored, full.pipe(inputs), strict=True):
        for name in FIELDS:
            assert getattr(doc._, f"storyline_{name}") == getattr(art, name), f"{Path(art.path).name}: {name}"
        assert doc._.storyline_published_why == art.published_why
    found = {name: sum(1 for a in stored if getattr(a, name)) for name in FIELDS}
    assert all(found.values()), found  # every kind of annotation is compared on some seed


def test_spacy_finds_no_problem_in_the_order(full: Any) -> None:
    assert full.pipe_names[-len(PIPES) :] == list(PIPES)
    analysis = full.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert analysis["attrs"]["doc._.storyline_quotes"]["assigns"] == ["storyline_quotes"]
    assert analysis["attrs"]["doc._.storyline_mentions"]["requires"] == ["storyline_quotes"]


def test_spacy_names_the_missing_mentions(blank: Any) -> None:
    blank.add_pipe("storyline_quotes")
    problems = blank.analyze_pipes(pretty=False)["problems"]
    assert "doc._.storyline_mentions" in problems["storyline_quotes"]
    with pytest.raises(StorylineError, match=r"add_pipe\('storyline_mentions', before='storyline_quotes'\)"):
        blank("Xi said it.")


def test_the_factories_load_through_the_entry_point_without_importing_storyline() -> None:
    names = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert {n: names.get(n) for n in PIPES} == {
        n: f"storyline.analyse.components:make_{n.removeprefix('storyline_')}" for n in PIPES
    }, "reinstall Storyline (pip install -e .) to register its spaCy entry points"
    code = (
        "import sys, spacy\n"
        "assert 'storyline' not in sys.modules\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('storyline_dates', config={'reference_date': '2025-11-24'})\n"
        "print([d.value for d in nlp('They met on Monday.')._.storyline_dates])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['2025-11-24']"


def test_the_reference_date_comes_from_the_doc_else_the_config(blank: Any) -> None:
    blank.add_pipe("storyline_dates", config={"reference_date": "2025-11-24"})
    doc = blank.make_doc("They met on Monday.")
    doc._.storyline_published = "2026-01-08"
    assert [d.value for d in blank(doc)._.storyline_dates] == ["2026-01-05"]
    assert [d.value for d in blank("They met on Monday.")._.storyline_dates] == ["2025-11-24"]


def test_without_a_reference_one_is_inferred_from_the_lead(blank: Any) -> None:
    blank.add_pipe("storyline_dates")
    doc = blank("In a call on November 24, 2025, Xi spoke to Trump. They will meet on Friday.")
    assert doc._.storyline_published == "2025-11-24"
    assert "latest full date in the lead" in doc._.storyline_published_why
    assert [d.value for d in doc._.storyline_dates] == ["2025-11-24", "2025-11-28"]


@pytest.mark.parametrize("bad", ["24/11/2025", "2025-13-01", "soon"])
def test_a_reference_that_is_no_iso_date_is_refused(blank: Any, bad: str) -> None:
    with pytest.raises(StorylineError, match="is not an ISO date") as err:
        blank.add_pipe("storyline_dates", config={"reference_date": bad})
    assert err.value.code == "E203"


@pytest.mark.parametrize("order", [("storyline_numbers", "storyline_dates"), ("storyline_dates", "storyline_numbers")])
def test_figures_get_their_deadline_whichever_comes_second(blank: Any, order: tuple[str, str]) -> None:
    nlp = add_pipes(blank, order)
    doc = nlp.make_doc("China will buy $25 billion of soybeans within three years.")
    doc._.storyline_published = "2025-11-10"
    (figure,) = [n for n in nlp(doc)._.storyline_numbers if n.kind == "money"]
    assert figure.deadline == "2028-11-10"


def test_extensions_are_registered_once_and_others_are_kept() -> None:
    register_extensions()
    register_extensions()
    assert all(Doc.has_extension(name) for name in EXTENSIONS)
    if not Doc.has_extension("storyline_test_kept"):
        Doc.set_extension("storyline_test_kept", default="theirs")
    assert Doc.get_extension("storyline_test_kept")[0] == "theirs"


@pytest.mark.slow
def test_the_results_survive_serialisation_and_worker_processes(full: Any) -> None:
    """msgpack packs the model types (Doc.to_bytes, DocBin, nlp.pipe with n_process)."""
    text = 'Xi called Trump on Monday. "We will buy 12 million tons of soybeans by the end of the year," Xi said.'
    doc = full(text)
    assert doc._.storyline_quotes and doc._.storyline_events and doc._.storyline_numbers
    back = Doc(full.vocab).from_bytes(doc.to_bytes())
    bin_ = DocBin(store_user_data=True, docs=[doc])
    (via_bin,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(full.vocab)
    for name in EXTENSIONS:
        value, from_bin = getattr(doc._, name), getattr(via_bin._, name)
        assert getattr(back._, name) == value, name
        assert (list(from_bin) if isinstance(from_bin, tuple) else from_bin) == value, name  # DocBin: tuples
    dates = add_pipes(spacy.blank("en"), ["storyline_dates"])
    (worker,) = list(dates.pipe([text], n_process=2))
    assert worker._.storyline_dates == dates(text)._.storyline_dates


@pytest.mark.slow
def test_the_loaded_model_runs_the_stages_components_once(nlp: Any) -> None:
    """The pipeline's analysis is the components: the loaded model ends with them, in the stages' order, and
    spaCy finds no problem in it."""
    assert nlp.pipe_names[-len(PIPES) :] == list(PIPES) == [p for st in STAGES for p in st.pipes]
    assert with_storyline(nlp).pipe_names.count("storyline_dates") == 1
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert PIPE_STAGE["storyline_dates"] == "dates" and PIPE_STAGE["storyline_quotes"] == "analyse"


def test_stages_that_run_other_components_than_the_model_are_refused() -> None:
    swapped = [Stage(st.name, st.requires, st.assigns, st.doing, tuple(reversed(st.pipes))) for st in STAGES]
    with pytest.raises(RuntimeError, match="the stages run the components"):
        check_stages(swapped)
    check_stages(STAGES)


def test_a_failing_component_names_itself_for_its_stage(blank: Any) -> None:
    """What the pipeline reports an article's failure by (the stage of the component named)."""
    nlp = with_storyline(blank)

    def tripped(doc: Any) -> list[Any]:
        raise ValueError("tripped")

    nlp.get_pipe("storyline_numbers")._find = tripped
    for run in (lambda: nlp("Xi called Trump."), lambda: list(nlp.pipe(["One.", "Xi called Trump."]))):
        with pytest.raises(ValueError, match="tripped") as err:
            run()
        assert getattr(err.value, PIPE_ATTR) == "storyline_numbers"


@pytest.mark.slow
def test_worker_processes_give_the_articles_what_one_process_gives(seeds_dir: Path, nlp: Any) -> None:
    """``nlp.n_process``: the components run in spaCy's worker processes and their results come back packed
    (the msgpack hooks), the articles' inputs (id, publication date, hints) going out on the docs."""
    docs = [(d, {}) for p in sorted(seeds_dir.iterdir())[:3] for d in read_file(p)[0]]
    one, two = clean_new(docs), clean_new(docs)
    analyse(one, nlp)
    analyse(two, nlp, n_process=2)
    assert [a.to_json() for a in two] == [a.to_json() for a in one]
    assert all(a.dates and a.events and a.sentences for a in one)
