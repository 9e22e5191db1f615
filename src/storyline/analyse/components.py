"""Storyline's per-article analysis as spaCy pipeline components, for any spaCy pipeline.

Each concern of the *analyse* and *dates* stages is one component (spaCy's ``Language.factory``), declaring what
it needs from the pipeline before it and what it adds; its results are Storyline's model types on ``Doc._``:

=========================  ==================================  =============================================
component                  adds                                needs
=========================  ==================================  =============================================
``storyline_mentions``     ``doc._.storyline_mentions``        parser, entity recogniser
``storyline_quotes``       ``doc._.storyline_quotes``          ``storyline_mentions``, parser, tagger
``storyline_numbers``      ``doc._.storyline_numbers``         parser, tagger, entity recogniser
``storyline_statements``   ``doc._.storyline_statements``      parser, lemmatizer
``storyline_events``       ``doc._.storyline_events``          parser, lemmatizer, entity recogniser
``storyline_dates``        ``doc._.storyline_dates``           nothing (uses the sentences and statements
                                                               when there)
=========================  ==================================  =============================================

They are Storyline's analysis: the pipeline loads its spaCy model with all six in the order of :data:`PIPES`
(:func:`storyline.analyse.nlp.load_nlp`) and :func:`storyline.pipeline.analyse` reads an article's annotations
off its doc, as stored before the corpus stages (which link mentions and speakers to canonical entities across
articles); the *dates* stage is :func:`storyline.pipeline.date_article` on a doc. What a
doc brings in: ``doc._.storyline_article_id`` (the article id events cite), ``doc._.storyline_published`` (its
publication date, ISO; else the ``reference_date`` of ``storyline_dates``'s config; else one is inferred from
the text, as the pipeline does, and set there) and ``doc._.storyline_meta`` (the cleaner's hints,
:attr:`storyline.model.Article.meta`: a dateline's day, a copyright year). The figures' periods and deadlines
(``NumberMention.period``/``deadline``) are set by whichever of ``storyline_numbers`` and ``storyline_dates``
comes second.

The factories are registered under spaCy's ``spacy_factories`` entry point, so an installed Storyline lets
``spacy.blank("en").add_pipe("storyline_dates")`` work without importing this module first; the analysis
modules themselves are imported when a component is made, not when spaCy loads the entry point (the dates,
statements and events components share the sentence and dating code of :mod:`storyline.pipeline`, which takes a
few seconds to import, once per process).

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("storyline_dates", config={"reference_date": "2025-11-24"})
    >>> [(d.text, d.value) for d in nlp("Xi called Trump on Monday.")._.storyline_dates]
    [('on Monday', '2025-11-24')]
"""

# No ``from __future__ import annotations`` here: spaCy validates a component's config against the factory's
# signature, which it reads at run time.

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import StorylineError
from ..model import DateMention, Event, Mention, NumberMention, Quote, Sentence, Statement
from .nlp import PIPES

#: The ``Doc._`` extensions the components read and write (default ``None`` each), and what they hold.
EXTENSIONS: dict[str, str] = {
    "storyline_mentions": "list[Mention]: named-entity mentions (storyline_mentions)",
    "storyline_quotes": "list[Quote]: direct, partial and indirect quotes with their speakers (storyline_quotes)",
    "storyline_numbers": "list[NumberMention]: money, percentages, counts, quantities (storyline_numbers)",
    "storyline_dates": "list[DateMention]: temporal expressions with their TimeML values (storyline_dates)",
    "storyline_statements": "list[Statement]: the clauses stated, who does what (storyline_statements)",
    "storyline_events": "list[Event]: who did what to whom, citing its sentence (storyline_events)",
    "storyline_sentences": "list[Sentence]: sentences as Storyline cuts them (statements, events, dates)",
    "storyline_article_id": "str: in — the article id the events' cites name",
    "storyline_published": "str: in — the publication date (ISO); out — the one the dates were resolved against",
    "storyline_published_why": "str: out — how an inferred publication date was found",
    "storyline_meta": "dict: in — the cleaner's hints (Article.meta: dateline day, copyright year)",
}

E_COMPONENT = "E203"
"""A Storyline spaCy component set up wrong: a reference date that is no ISO date, or a component placed
before the one it needs."""


def register_extensions() -> None:
    """Register the :data:`EXTENSIONS` on ``Doc`` (each once: one already there, even with another default,
    is left as it is)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def add_pipes(nlp: Language, names: Iterable[str] = PIPES) -> Language:
    """Add the Storyline components ``names`` to the end of ``nlp``, in the order given; returns ``nlp``.

    Example:
        >>> import spacy
        >>> add_pipes(spacy.blank("en"), ["storyline_dates"]).pipe_names
        ['storyline_dates']
    """
    for name in names:
        nlp.add_pipe(name)
    return nlp


# ------------------------------------------------------------------------------- serialising the results

#: The model types a component leaves on ``Doc._``, by name: ``Doc.to_bytes``, ``DocBin(store_user_data=True)``
#: and ``nlp.pipe(..., n_process=2)`` pack them with msgpack, which knows none of them. (A DocBin gives each
#: ``Doc._`` list back as a tuple: it reads the user data's arrays as tuples.)
_PACKED: dict[str, type] = {
    t.__name__: t for t in (Mention, Quote, NumberMention, DateMention, Statement, Sentence, Event)
}
_TAG = "__storyline__"


def msgpack_encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly's msgpack encoder hook: a Storyline model object as a tagged dict (others go down the chain).

    Example:
        >>> msgpack_encode(Sentence(0, 9))
        {'__storyline__': 'Sentence', 'fields': {'start': 0, 'end': 9}}
    """
    name = type(obj).__name__
    if _PACKED.get(name) is not type(obj):
        return obj if chain is None else chain(obj)
    return {_TAG: name, "fields": _fields(obj)}


def _fields(obj: Any) -> dict[str, Any]:
    """The object's fields, for msgpack to pack (none of these types holds another but an event its cites: no deep
    copy, which took most of the packing's time)."""
    return obj.to_json() if isinstance(obj, Event) else {f.name: getattr(obj, f.name) for f in fields(obj)}


def msgpack_decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly's msgpack decoder hook: the object :func:`msgpack_encode` tagged (other dicts go down the chain).

    Example:
        >>> msgpack_decode(msgpack_encode(Sentence(0, 9)))
        Sentence(start=0, end=9)
    """
    cls = _PACKED.get(obj.get(_TAG, "")) if isinstance(obj, dict) else None
    if cls is Event:
        return Event.from_json(obj["fields"])
    if cls is not None:  # DocBin reads arrays as tuples: a field's list stays a list
        return cls(**{k: list(v) if isinstance(v, tuple) else v for k, v in obj["fields"].items()})
    return obj if chain is None else chain(obj)


# Registered when spaCy loads the entry point (any pipeline made in a process with Storyline installed), and in
# a worker of nlp.pipe(n_process=...) when it unpickles the components.
srsly.msgpack_encoders.register("storyline", func=msgpack_encode)
srsly.msgpack_decoders.register("storyline", func=msgpack_decode)

# ------------------------------------------------------------------------------------------- helpers


def _text(doc: Doc) -> str:
    from .nlp import doc_text

    return doc_text(doc)


def doc_sentences(doc: Doc) -> list[Sentence]:
    """The doc's sentences as :func:`storyline.pipeline.sentences_from_doc` cuts them, computed once and kept in
    ``doc._.storyline_sentences``; none for a doc without sentence boundaries (a blank pipeline's)."""
    kept: list[Sentence] | None = doc._.storyline_sentences
    if kept is None:
        from ..pipeline import sentences_from_doc

        kept = sentences_from_doc(doc) if doc.has_annotation("SENT_START") else []
        doc._.storyline_sentences = kept
    return kept


def _reference(value: str | None, where: str) -> str | None:
    """``value`` when it is an ISO date, year-month or year ('2025-11-24', '2025-11', '2025'), else E203."""
    if value is None:
        return None
    formats = {len("2025"): "%Y", len("2025-11"): "%Y-%m", len("2025-11-24"): "%Y-%m-%d"}
    try:
        dt.datetime.strptime(value, formats[len(value)])
    except (KeyError, ValueError):
        raise StorylineError(
            E_COMPONENT,
            f"{where} {value!r} is not an ISO date: give it as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. '2025-11-24'",
        ) from None
    return value


def _attach_times(doc: Doc) -> None:
    """The figures' periods and deadlines from the dates of their clauses, when the dates were found before the
    figures (:class:`Dates` sets them itself when it comes second)."""
    from .commitments import attach_times
    from .dates import to_date

    dates: list[DateMention] | None = doc._.storyline_dates
    if dates is not None:
        statements: list[Statement] = doc._.storyline_statements or []
        attach_times(doc._.storyline_numbers, dates, _text(doc), to_date(doc._.storyline_published), statements)


# ----------------------------------------------------------------------------------------- components


class Mentions:
    """``storyline_mentions``: named-entity mentions with their titles and appositions
    (:func:`storyline.analyse.entities.mentions_from_doc`; its ``titlecase_ratio`` may be given per call, with
    ``nlp.pipe(..., component_cfg={"storyline_mentions": {"titlecase_ratio": 0.9}})``)."""

    def __init__(self, name: str) -> None:
        from .entities import mentions_from_doc

        self.name = name
        self._find: Callable[[Doc, float | None], list[Mention]] = mentions_from_doc

    def __call__(self, doc: Doc, titlecase_ratio: float | None = None) -> Doc:
        doc._.storyline_mentions = self._find(doc, titlecase_ratio)
        return doc


class Quotes:
    """``storyline_quotes``: quotes and their speakers (:func:`storyline.analyse.quotes.quotes_from_doc`);
    the speakers are found among ``doc._.storyline_mentions``."""

    def __init__(self, name: str) -> None:
        from .quotes import quotes_from_doc

        self.name = name
        self._find: Callable[[Doc, Sequence[Mention]], list[Quote]] = quotes_from_doc

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] | None = doc._.storyline_mentions
        if mentions is None:
            raise StorylineError(
                E_COMPONENT,
                f"{self.name} needs the entity mentions of storyline_mentions, which has not run on this doc: add it "
                f"before, nlp.add_pipe('storyline_mentions', before={self.name!r})",
            )
        doc._.storyline_quotes = self._find(doc, mentions)
        return doc


class Numbers:
    """``storyline_numbers``: figures with their units, what they count and their time phrase
    (:func:`storyline.analyse.numbers.numbers_from_doc`)."""

    def __init__(self, name: str) -> None:
        from .numbers import numbers_from_doc

        self.name = name
        self._find: Callable[[Doc], list[NumberMention]] = numbers_from_doc

    def __call__(self, doc: Doc) -> Doc:
        doc._.storyline_numbers = self._find(doc)
        _attach_times(doc)
        return doc


class Dates:
    """``storyline_dates``: the pipeline's *dates* stage (:func:`storyline.pipeline.date_article`) on a doc:
    temporal expressions resolved against the doc's ``doc._.storyline_published``, else ``reference_date``, else
    one inferred from the text (then set in ``doc._.storyline_published``); the figures found before get their
    periods and deadlines, from the clauses the statements found before give."""

    def __init__(self, name: str, reference_date: str | None) -> None:
        from ..model import Article
        from ..pipeline import date_article

        self.name = name
        self.reference_date = _reference(reference_date, f"{name}'s reference_date")
        self._article = Article
        self._date: Callable[[Article], None] = date_article

    def __call__(self, doc: Doc) -> Doc:
        given = _reference(doc._.storyline_published, "doc._.storyline_published")
        art = self._article(
            id=doc._.storyline_article_id or "",
            path="",
            raw="",
            text=_text(doc),
            published=given or self.reference_date,
            sentences=doc_sentences(doc),
            numbers=doc._.storyline_numbers or [],  # their times set in place
            statements=doc._.storyline_statements or [],
            meta=dict(doc._.storyline_meta or {}),
        )
        self._date(art)
        doc._.storyline_dates = art.dates
        doc._.storyline_published = art.published
        doc._.storyline_published_why = art.published_why
        return doc


class Statements:
    """``storyline_statements``: the clauses each sentence states (:func:`storyline.analyse.statements.
    statements_from_doc`); ``Statement.sentence`` indexes ``doc._.storyline_sentences``."""

    def __init__(self, name: str) -> None:
        from .statements import statements_from_doc

        self.name = name
        self._find: Callable[[Doc, Sequence[Sentence]], list[Statement]] = statements_from_doc

    def __call__(self, doc: Doc) -> Doc:
        doc._.storyline_statements = self._find(doc, doc_sentences(doc))
        return doc


class Events:
    """``storyline_events``: who did what to whom, one record per clause, each citing its sentence in the article
    ``doc._.storyline_article_id`` names (:func:`storyline.analyse.events.events_from_doc`)."""

    def __init__(self, name: str) -> None:
        from .events import events_from_doc

        self.name = name
        self._find: Callable[[Doc, Sequence[Sentence], str], list[Event]] = events_from_doc

    def __call__(self, doc: Doc) -> Doc:
        doc._.storyline_events = self._find(doc, doc_sentences(doc), doc._.storyline_article_id or "")
        return doc


# ------------------------------------------------------------------------------------------ factories

_PARSE = ["token.dep", "token.head"]
_SENTENCES = ["doc._.storyline_sentences"]


@Language.factory(
    "storyline_mentions",
    requires=[*_PARSE, "doc.ents"],
    assigns=["doc._.storyline_mentions"],
    default_config={},
)
def make_mentions(nlp: Language, name: str) -> Mentions:
    register_extensions()
    return Mentions(name)


@Language.factory(
    "storyline_quotes",
    requires=["doc._.storyline_mentions", *_PARSE, "token.tag"],
    assigns=["doc._.storyline_quotes"],
    default_config={},
)
def make_quotes(nlp: Language, name: str) -> Quotes:
    register_extensions()
    return Quotes(name)


@Language.factory(
    "storyline_numbers",
    requires=[*_PARSE, "token.tag", "doc.ents"],
    assigns=["doc._.storyline_numbers"],
    default_config={},
)
def make_numbers(nlp: Language, name: str) -> Numbers:
    register_extensions()
    return Numbers(name)


@Language.factory(
    "storyline_dates",
    requires=[],
    assigns=["doc._.storyline_dates", "doc._.storyline_published", *_SENTENCES],
    default_config={"reference_date": None},
)
def make_dates(nlp: Language, name: str, reference_date: str | None) -> Dates:
    register_extensions()
    return Dates(name, reference_date)


@Language.factory(
    "storyline_statements",
    requires=[*_PARSE, "token.lemma", "doc.sents"],
    assigns=["doc._.storyline_statements", *_SENTENCES],
    default_config={},
)
def make_statements(nlp: Language, name: str) -> Statements:
    register_extensions()
    return Statements(name)


@Language.factory(
    "storyline_events",
    requires=[*_PARSE, "token.lemma", "doc.sents", "doc.ents"],
    assigns=["doc._.storyline_events", *_SENTENCES],
    default_config={},
)
def make_events(nlp: Language, name: str) -> Events:
    register_extensions()
    return Events(name)


__all__ = [
    "EXTENSIONS",
    "PIPES",
    "Dates",
    "Events",
    "Mentions",
    "Numbers",
    "Quotes",
    "Statements",
    "add_pipes",
    "doc_sentences",
    "register_extensions",
]
