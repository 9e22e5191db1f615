"""The stages, run in order: read → clean → analyse (spaCy) → date → store, then the corpus stages.

Each stage is a pure function over :class:`~storyline.model.Article` objects and declares what it
needs and what it adds (as spaCy's components do); :func:`check_stages` verifies the order once at
start-up. The *analyse* and *dates* stages are Storyline's spaCy components (:data:`STAGES` names them,
:mod:`storyline.analyse.components`), run by one ``nlp.pipe`` (:func:`analyse`). I/O (files, the store) stays
at the edges: :mod:`storyline.ingest.readers` and :mod:`storyline.store`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import lexicon
from .analyse.anchors import infer_reference
from .analyse.commitments import attach_times
from .analyse.dates import (
    day_near,
    extract_dates,
    month_day_year,
    to_date,
)
from .analyse.entities import canonicalize
from .analyse.language import language_of
from .analyse.nlp import PIPE_ATTR, PIPES, doc_text, load_nlp, name_the_pipe, with_storyline
from .analyse.quotes.cues import TRAILING_CUES
from .compare.cluster import assign_stories, cluster_config, features
from .compare.constraints import Constraints
from .compare.dedup import find_duplicates
from .compare.story import build_story, story_basis, story_event_date
from .config import Config
from .errors import StorylineError
from .ingest.clean import Cleaned, clean_text
from .ingest.formats.base import E_ANALYSIS_FAILED, E_NO_TEXT, E_TOO_SHORT
from .ingest.formats.meta import known_outlet, site_from_title, source_from_url, title_without_site
from .ingest.published import publication
from .ingest.readers import RawDoc
from .model import Article, Cite, Entity, FileError, Mention, Sentence, Story, story_order
from .text import one_line

# ---------------------------------------------------------------------------------------------- stages


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage: what it needs, what it adds, what a progress display says while it runs (``doing``) and the spaCy
    components that run it, in order (``pipes``, :mod:`storyline.analyse.components`)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doing: str
    pipes: tuple[str, ...] = ()


STAGES = (
    Stage("read", (), ("raw", "path", "fmt"), "reading files"),
    Stage("clean", ("raw",), ("text", "title", "removed", "paragraphs"), "cleaning articles"),
    Stage("meta", ("text",), ("source", "published", "meta"), "reading metadata"),
    Stage(
        "analyse",
        ("text",),
        ("sentences", "mentions", "numbers", "quotes", "statements", "events"),
        "analysing articles",
        ("storyline_mentions", "storyline_quotes", "storyline_numbers", "storyline_statements", "storyline_events"),
    ),
    Stage(
        "dates",
        ("text", "published", "meta", "sentences", "numbers", "statements"),
        ("dates", "period", "deadline"),
        "dating articles",
        ("storyline_dates",),
    ),
    Stage("entities", ("mentions", "quotes"), ("entities", "speaker_entity_id"), "linking entities"),
    Stage("stories", ("entities", "dates"), ("story_id", "duplicate_of", "stories"), "updating stories"),
)
STAGE = {st.name: st for st in STAGES}
"""The stages by name."""
PIPE_STAGE = {pipe: st.name for st in STAGES for pipe in st.pipes}
"""The stage each spaCy component runs: a component's failure is that stage's (:func:`article_failure`)."""


def check_stages(stages: Sequence[Stage] = STAGES, pipes: Sequence[str] = PIPES) -> None:
    """Raise if a stage needs something no earlier stage provides, or if the stages' components are not ``pipes``
    in order (the components the loaded model runs, :data:`storyline.analyse.nlp.PIPES`): checked once, at
    start-up."""
    have: set[str] = set()
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise RuntimeError(f"stage {st.name!r} requires {missing}, which no earlier stage assigns")
        have.update(st.assigns)
    run = [pipe for st in stages for pipe in st.pipes]
    if run != list(pipes):
        raise RuntimeError(f"the stages run the components {run}, the model has {list(pipes)}")


check_stages()

# ------------------------------------------------------------------------------------ per-article stages


def article_id(text: str) -> str:
    """Stable content hash: the same content gives the same id, whatever the file is called."""
    norm = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def build_article(
    doc: RawDoc,
    *,
    keep_all: bool = False,
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
    source_why: str | None = None,
    published_why: str | None = None,
) -> Article:
    """Stages *clean* and *meta*: a RawDoc becomes an Article with its cleaned text and metadata.

    ``source``, ``published`` and ``url`` given by the user win over what the file says; ``source_why`` and
    ``published_why`` say where they were given (default: the ``--source``/``--published`` options).
    """
    cleaned = clean_text(
        doc.text,
        keep_all=keep_all,
        title=doc.title,
        first_line_title=doc.first_line_title and not doc.title,
        whole_page=doc.meta.get("extraction") != "trafilatura",  # its main text has no page around it
    )
    art = Article(
        id=article_id(doc.text),
        path=doc.path,
        raw=doc.text,
        text=cleaned.text,
        title=doc.title or cleaned.title,
        title_how="metadata" if doc.title else ("text" if cleaned.title else None),
        author=doc.author or cleaned.hints.get("author"),
        url=url or doc.url,
        fmt=doc.fmt,
        removed=cleaned.removed,
        paragraphs=list(cleaned.paragraphs),
        meta={k: v for k, v in {**doc.meta, **{f"hint_{k}": v for k, v in cleaned.hints.items()}}.items() if v},
    )
    hints = cleaned.hints
    site = None
    if art.title_how == "text":  # a scraped page's first line is its <title>: "Headline - nj.com"
        art.title, site = site_from_title(art.title)
        if cleaned.title_line and not site:  # the cleaner cut the site's name off already (the page's <h1>)
            site = site_from_title(cleaned.title_line)[1]
    art.source, art.source_how, art.source_why = _source(doc, cleaned, art.url, site, source, source_why)
    if art.title_how == "text" and art.source and not site:  # "… - SlashGear", the outlet a line names
        art.title = title_without_site(art.title, art.source, None)
    if hints.get("dateline_place"):
        art.place, art.place_how = hints["dateline_place"], "dateline"
    art.published, art.published_how, art.published_why = publication(doc, hints, art.url, published, published_why)
    if not art.title:
        art.title = lead_title(art.text)
        art.title_how = "lead" if art.title else None
    art.title, art.source, art.author = one_line(art.title), one_line(art.source), one_line(art.author)
    return art


def _source(
    doc: RawDoc, cleaned: Cleaned, url: str | None, site: str | None, given: str | None, given_why: str | None
) -> tuple[str | None, str | None, str | None]:
    """The outlet, how it was found and why: the user's > the metadata's > a well-known web address's > the
    dateline's wire > the title line's site > other tell-tale lines of the text (a copyright line's company) >
    the web address's domain."""
    hints = cleaned.hints
    if given:
        return given, "user", given_why or "given with --source"
    if doc.source:
        how = doc.source_how or "metadata"
        return doc.source, how, _SOURCE_WHY.get(how, "from the page/record metadata")
    if url and (known := known_outlet(url)):  # a web address given with a plain file (a manifest's url)
        return known, "url", _SOURCE_WHY["url"]
    wire = hints.get("dateline_outlet")
    same = bool(site and hints.get("source") and hints["source"].casefold() == site.casefold())  # "NJ.com", "nj.com"
    if hints.get("source") and (not site or same or hints["source"] == wire):
        line = f"from the line {cleaned.source_line!r}" if cleaned.source_line else None
        return hints["source"], "dateline" if hints["source"] == wire else "text", line
    if site:  # beats a copyright line's company ("CBS Interactive" for "… - CBSSports.com"), not a dateline's wire
        return site, "text", "the site's name at the end of the title line"
    if url and (domain := source_from_url(url)):  # a site no table knows: its domain
        return domain, "url", _SOURCE_WHY["url"]
    return None, None, None


_SOURCE_WHY = {
    "metadata": "the site name in the page/record metadata",
    "url": "from the article's web address",
    "path": "the wire service of the document number that names the file",
}

MIN_ARTICLE_WORDS = 3
"""An article needs at least this many words of text after cleaning; less (a page with only a head, a title
line alone, one character repeated) is reported (E112), not stored as an empty article of its own story."""


def _article_or_error(doc: RawDoc, min_chars: int = 0, **overrides: Any) -> Article:
    art = build_article(doc, **overrides)
    if min_chars and len(art.text) < min_chars:
        raise StorylineError(
            E_TOO_SHORT,
            f"only {len(art.text)} characters of text after cleaning; at least {min_chars} are needed here "
            "(web.min_chars): upload the whole article, not a headline or a snippet",
        )
    words = len(art.text.split())
    if words < MIN_ARTICLE_WORDS:
        found = "no text" if not words else f"only {words} word{'s' * (words > 1)} of text"
        raise StorylineError(
            E_NO_TEXT,
            f"{found} after cleaning (at least {MIN_ARTICLE_WORDS} words are needed); check that the file holds "
            "the article, or ingest it with --keep-all if cleaning removed it",
        )
    return art


#: Words whose period ends no sentence ("Dr. Sanjay Gupta", "Lt. Col."), lower case without the period.
_ABBREVIATIONS = lexicon.words("summary.abbreviations")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s")
_INITIALS = re.compile(r"(?:[A-Z]\.)+$")  # "U.S.", "J." — an initial or a dotted acronym


def first_sentence(text: str) -> str:
    """The text up to its first sentence end, a period after a title, an initial or an acronym not being one
    ("Dr. Sanjay Gupta has been offered …", "U.S. president-elect Barack Obama has asked …")."""
    text = text.strip()
    for m in _SENTENCE_END.finditer(text):
        before = text[: m.start() + 1].split()
        last = before[-1] if before else ""
        if text[m.start()] == "." and (last[:-1].lower() in _ABBREVIATIONS or _INITIALS.search(last)):
            continue
        return text[: m.end()].rstrip()
    return text


def lead_title(text: str, max_words: int = 14) -> str | None:
    """A stand-in headline from the first sentence, for articles that come without one."""
    first = first_sentence(text)
    words = first.split()
    if not words:
        return None
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


CHUNK_CHARS = 100_000
"""Longest text parsed in one piece, and most characters handed to one ``nlp.pipe`` call. spaCy's memory
grows with a doc's length (a 3.9 MB text took 12 GB in one piece); measured with the default model, a
400,000-character text now peaks at 0.63 GB of resident memory (0.27 GB of it the loaded model), the same
as a 100,000-character one. News articles are far shorter: they are parsed whole, as before."""


_CUT_AFTER = (re.compile(r"[.!?…][\"”’)\]]*\s"), re.compile(r"\s"))  # a sentence end, else any space


def text_chunks(text: str, budget: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` pieces of at most ``budget`` characters.

    Cuts fall after a paragraph break (``\\n``) when one is in the second half of the piece, else after a
    sentence end or a space, else anywhere; the pieces cover the whole text.

    Example:
        >>> text_chunks("aaaa\\nbb\\ncccc", 8)
        [(0, 8), (8, 12)]
        >>> text_chunks("", 8)
        [(0, 0)]
    """
    if len(text) <= budget:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > budget:
        limit, floor = start + budget, start + budget // 2
        cut = text.rfind("\n", floor, limit) + 1
        if cut <= 0:
            window = text[floor:limit]
            ends = [m.end() for m in _CUT_AFTER[0].finditer(window)]
            ends = ends or [m.end() for m in _CUT_AFTER[1].finditer(window)]
            cut = floor + ends[-1] if ends else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def analyse(
    articles: Sequence[Article],
    nlp: Any,
    batch_size: int = 32,
    n_process: int = 1,
    chunk_chars: int = CHUNK_CHARS,
    titlecase_ratio: float | None = None,
) -> None:
    """Stages *analyse* and *dates*: the spaCy pipeline with its Storyline components (the stages' ``pipes``,
    :func:`~storyline.analyse.nlp.with_storyline`) over the articles, in batches (``nlp.pipe``); each article's
    annotations are read off its doc's ``doc._``, where its id, publication date and cleaner's hints were given.
    ``titlecase_ratio`` goes to ``storyline_mentions`` (:func:`~storyline.analyse.entities.mentions_from_doc`).

    A text longer than ``chunk_chars`` (or than ``nlp.max_length``) is parsed in pieces cut at paragraph
    breaks (:func:`text_chunks`) by the *analyse* stage's components; each piece's annotations are shifted by
    where it starts, so offsets stay offsets into the whole text, and the parser's memory stays bounded by the
    piece, not the text. The whole text is then dated (:func:`date_article`, what ``storyline_dates`` runs on a
    doc): its dates resolve against each other, and an undated article is dated by its lead.
    """
    nlp = with_storyline(nlp)
    budget = max(1, min(chunk_chars, int(getattr(nlp, "max_length", chunk_chars) or chunk_chars)))
    mentions = {"titlecase_ratio": titlecase_ratio}
    kwargs: dict[str, Any] = {"batch_size": batch_size, "component_cfg": {"storyline_mentions": mentions}}
    if n_process > 1:
        kwargs["n_process"] = n_process
    whole = [(art, 0, len(art.text)) for art in articles if len(art.text) <= budget]
    for (art, _, _), doc in zip(whole, _parsed(nlp, whole, budget, kwargs), strict=True):
        _read_analysis(art, doc)
        _read_dates(art, doc)
    long = [art for art in articles if len(art.text) > budget]
    pieces = [(art, start, end) for art in long for start, end in text_chunks(art.text, budget)]
    kwargs["disable"] = STAGE["dates"].pipes
    for (art, start, _), doc in zip(pieces, _parsed(nlp, pieces, budget, kwargs), strict=True):
        piece = Article(id=art.id, path=art.path, raw="", text=doc_text(doc))
        _read_analysis(piece, doc)
        _append_piece(art, piece, start)
    for art in long:
        _date_joined(art)
    for art in articles:
        _read_language(art)


def _read_language(art: Article) -> None:
    """The article's language (:func:`~storyline.analyse.language.language_of`); one the quote and event rules cannot
    read (they read English cue words over an English parse) has no quotes and no events, rather than words given to
    whatever the parser took for a subject."""
    art.language = language_of(art.text)
    if art.language != "en":
        art.quotes, art.events = [], []


Unit = tuple[Article, int, int]
"""An article and the span of its text that one doc holds: ``(article, start, end)``."""


def _parsed(nlp: Any, units: Sequence[Unit], budget: int, kwargs: dict[str, Any]) -> Iterator[Any]:
    """The units' docs (:func:`_doc_of`) through ``nlp.pipe``: in groups of at most ``budget`` characters together (a
    lone longer text is its own group: a batch of long texts would otherwise be parsed at once), or in one stream
    to ``n_process`` worker processes."""
    if "n_process" in kwargs:
        yield from nlp.pipe((_doc_of(nlp, *unit) for unit in units), **kwargs)
        return
    group: list[Unit] = []
    size = 0
    for unit in units:
        if group and size + unit[2] - unit[1] > budget:
            yield from nlp.pipe((_doc_of(nlp, *u) for u in group), **kwargs)
            group, size = [], 0
        group.append(unit)
        size += unit[2] - unit[1]
    if group:
        yield from nlp.pipe((_doc_of(nlp, *u) for u in group), **kwargs)


def _doc_of(nlp: Any, art: Article, start: int, end: int) -> Any:
    """The doc of ``art.text[start:end]``, tokenised, with what the components read on ``doc._``
    (:data:`storyline.analyse.components.EXTENSIONS`): the article's id, publication date and cleaner's hints."""
    text = art.text[start:end]
    doc = nlp.make_doc(text)
    doc.user_data["storyline.text"] = text  # doc.text, without spaCy re-joining every token
    doc._.storyline_article_id = art.id
    doc._.storyline_published = art.published
    doc._.storyline_meta = art.meta
    return doc


def _read_analysis(art: Article, doc: Any) -> None:
    """The *analyse* stage's annotations, off the doc its components annotated (its statements cut the sentences)."""
    art.sentences = doc._.storyline_sentences
    art.mentions, art.quotes, art.numbers = doc._.storyline_mentions, doc._.storyline_quotes, doc._.storyline_numbers
    art.statements, art.events = doc._.storyline_statements, doc._.storyline_events


def _read_dates(art: Article, doc: Any) -> None:
    """The *dates* stage's annotations (the figures' times are set on them in place), off the doc; a publication
    date the text gave an undated article."""
    art.dates = doc._.storyline_dates
    if art.published is None and doc._.storyline_published is not None:
        art.published, art.published_how = doc._.storyline_published, "inferred"
        art.published_why = doc._.storyline_published_why


def _date_joined(art: Article) -> None:
    """The *dates* stage of an article parsed in pieces, over its whole text; a failure is named as
    ``storyline_dates``'s would be."""
    try:
        date_article(art)
    except Exception as exc:
        name_the_pipe(STAGE["dates"].pipes[-1], None, [], exc)


def _append_piece(whole: Article, piece: Article, offset: int) -> None:
    """Add a piece's annotations to the whole article, shifted by ``offset`` (its start in the whole text)."""
    if offset == 0:
        whole.sentences, whole.mentions, whole.numbers, whole.quotes, whole.statements = [], [], [], [], []
        whole.events = []
    first_sentence = len(whole.sentences)
    whole.sentences += [Sentence(s.start + offset, s.end + offset) for s in piece.sentences]
    whole.mentions += [replace(m, start=m.start + offset, end=m.end + offset) for m in piece.mentions]
    whole.numbers += [replace(n, start=n.start + offset, end=n.end + offset) for n in piece.numbers]
    whole.quotes += [
        replace(
            q,
            start=q.start + offset,
            end=q.end + offset,
            speaker_start=None if q.speaker_start is None else q.speaker_start + offset,
            speaker_end=None if q.speaker_end is None else q.speaker_end + offset,
        )
        for q in piece.quotes
    ]
    whole.statements += [
        replace(s, start=s.start + offset, end=s.end + offset, sentence=s.sentence + first_sentence)
        for s in piece.statements
    ]
    whole.events += [
        replace(
            e,
            cites=[Cite(c.article_id, c.start + offset, c.end + offset) for c in e.cites],
            spans={k: [v[0] + offset, v[1] + offset] for k, v in e.spans.items()},
        )
        for e in piece.events
    ]


#: A piece that is only closing marks (the parser cut '… constructive."' before its quote mark).
_CLOSERS = re.compile(r"[\"”’')\]]+")
_SENT_END = re.compile(r"[.!?…:;][\"”’)\]]*$|[\"”’]$")
#: A piece ending with a quoted question or exclamation, and a piece opening with who said it: up to four words
#: of a name, a description or a pronoun, then a cue that may follow a quote (``quotes.cues.TRAILING_CUES``).
#: A piece that goes on in lower case (after the quote marks that closed the piece before): "“Allah hu Akbar!”
#: as he slaughtered clubgoers", "“Stop!” the officer shouted".
_GOES_ON = re.compile(r"[\"”’']*\s*[a-z]")
_ASKED_END = re.compile(r"[!?][\"”’]+$")
_TRAILING_CUE = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|the|a|an|his|her|their|he|she|they|we|I)\s+){0,4}(?:"
    + "|".join(sorted(TRAILING_CUES - {"according"}))
    + r")\b"
)


def sentences_from_doc(doc: Any) -> list[Sentence]:
    """Sentence offsets, never crossing a paragraph break and trimmed of whitespace.

    The small model splits inside quotations ("…as an “integral part of the order,” the leader said");
    a piece that does not end like a sentence is joined to the next piece of the same paragraph.
    """
    text: str = doc_text(doc)
    pieces: list[Sentence] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        for m in re.finditer(r"[^\n]+", text[s:e]):
            a, b = s + m.start(), s + m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                pieces.append(Sentence(a, b))
    out: list[Sentence] = []
    for p in pieces:
        if out:
            prev = out[-1]
            between = text[prev.end : p.start]
            if "\n" not in between and (
                not _SENT_END.search(text[prev.start : prev.end])
                or _CLOSERS.fullmatch(text[p.start : p.end])
                or (
                    _ASKED_END.search(text[prev.start : prev.end])
                    and (_TRAILING_CUE.match(text[p.start : p.end]) or _GOES_ON.match(text[p.start : p.end]))
                )
            ):
                # a piece that does not end a sentence, a closing mark cut off its sentence, or the speaker of a
                # question or exclamation it quotes ("“You think I'm going to change?” Trump asked reporters …")
                prev.end = p.end
                continue
        out.append(Sentence(p.start, p.end))
    return out


#: An undated article is dated by a full date only in its first sentences ("In a phone call on 24 November
#: 2025, …"): one further down is mostly background ("the speech of March 5, 1946"). Measured with the
#: publication date withheld — TBAQ's 256 wire articles: any full date dated 21 (19 over 60 days off), the
#: first three sentences 9 (all off: bond maturities in WSJ leads); 160 PolNeAR articles: any full date dated
#: 17 (7 within a week, 9 over 60 days off), the first three sentences 2 (1 right). A wrong date invents
#: conflicts and splits stories; an undated article is dated by its story later.
INFER_LEAD_SENTENCES = 3


def _lead_end(art: Article) -> int:
    """Where the first :data:`INFER_LEAD_SENTENCES` sentences end (before parsing: sentence-final marks)."""
    if art.sentences:
        return art.sentences[min(INFER_LEAD_SENTENCES, len(art.sentences)) - 1].end
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", art.text)]
    return ends[min(INFER_LEAD_SENTENCES, len(ends)) - 1] if ends else len(art.text)


def date_article(art: Article) -> None:
    """Stage *dates*: resolve temporal expressions; infer a publication date when none is known."""
    ref = to_date(art.published)
    ref_year = int(art.published[:4]) if art.published and not ref else None
    if ref is None and ref_year is None:
        cy = art.meta.get("hint_copyright_year")
        ref_year = int(cy) if cy and cy.isdigit() else None
    first = extract_dates(art.text, ref, ref_year)
    # a dateline whose year nothing gave ("March 5"): its day is kept, the year is the inferred date's (if any)
    dateline = month_day_year(art.meta.get("hint_dateline_date", "")) if art.published is None else None
    if art.published is None:
        lead_end = _lead_end(art)
        explicit = [d for d in first if d.how == "absolute" and to_date(d.value) and d.start < lead_end]
        anchored, why = infer_reference(art.text)
        if explicit:
            latest = max(explicit, key=lambda d: d.value or "")
            art.published = latest.value
            art.published_how = "inferred"
            art.published_why = f"latest full date in the lead: {latest.text!r}"
            first = extract_dates(art.text, to_date(art.published), None)
        elif anchored is not None:
            art.published = anchored.isoformat()
            art.published_how = "inferred"
            art.published_why = why
            first = extract_dates(art.text, anchored, None)
        inferred = to_date(art.published)
        day = day_near(dateline[0], dateline[1], inferred) if dateline and inferred else None
        if day is not None and day != inferred:  # the day is the dateline's, the year stays an inference
            art.published = day.isoformat()
            art.published_why = f"the day from the dateline {art.meta.get('hint_dateline')!r}; {art.published_why}"
            first = extract_dates(art.text, day, None)
    art.dates = first
    attach_times(art.numbers, art.dates, art.text, to_date(art.published), art.statements)


# --------------------------------------------------------------------------------------- corpus stages


@dataclass(slots=True)
class CorpusResult:
    entities: list[Entity]
    stories: list[Story]
    redated: list[str] = field(default_factory=list)  # articles whose dates were re-resolved from their story


def corpus_stages(
    articles: Sequence[Article],
    existing: dict[str, list[str]] | None = None,
    cfg: Config | None = None,
    constraints: Constraints | None = None,
    built: Mapping[str, Story] | None = None,
) -> CorpusResult:
    """Stages *entities* and *stories* over the whole corpus (cheap: no spaCy).

    Canonical entities are recomputed from all mentions; stories are updated incrementally: new articles join
    or open stories (their neighbourhood is re-clustered, see :func:`assign_stories`). A story in ``built``
    (the stored ones) whose articles are the same, in the same state (:func:`story_basis`), is kept as built,
    not rebuilt: an ingest rebuilds the stories it touched. ``constraints`` (the user's merges, splits and
    moves, :mod:`storyline.compare.constraints`) are kept by the stored stories and by the clustering.
    """
    cfg = cfg or Config()
    entities = canonicalize(articles)
    link_speakers(articles, entities, cfg.quotes_speaker_share)
    dups = find_duplicates(articles)
    by_id = {a.id: a for a in articles}
    for a in articles:
        a.duplicate_of = dups.get(a.id)
    known = {sid: [i for i in ids if i in by_id] for sid, ids in (existing or {}).items()}
    if constraints:
        known = constraints.enforce(known)
    mapping = assign_stories(articles, {k: v for k, v in known.items() if v}, cluster_config(cfg), constraints)
    if constraints:
        mapping = constraints.enforce(mapping)
    redated: list[str] = []
    stories: list[Story] = []
    for sid, ids in sorted(mapping.items(), key=lambda kv: story_order(kv[0])):
        members = [by_id[i] for i in ids]
        now_redated = infer_from_story(members)
        redated += now_redated
        for a in members:
            a.story_id = sid
        prev = (built or {}).get(sid)
        if prev is not None and sorted(prev.article_ids) == sorted(ids) and prev.basis == story_basis(members, cfg):
            stories.append(prev)  # the same articles in the same state: the stored build holds
            continue
        stories.append(build_story(sid, members, entities, cfg))
    return CorpusResult(entities, stories, redated)


def link_speakers(articles: Sequence[Article], entities: Sequence[Entity], share: float | None = None) -> None:
    """Give each quote's speaker its canonical entity (by overlap of the speaker span with a mention): the
    mention must cover ``share`` of the speaker phrase (None: ``quotes.speaker_share``)."""
    share = Config().quotes_speaker_share if share is None else share
    names = {e.id: e.name for e in entities}
    for a in articles:
        for q in a.quotes:
            q.speaker_entity_id = None
            if q.speaker_start is None or q.speaker_end is None:
                continue
            best, best_len = None, 0
            for m in a.mentions:
                if m.entity_id is None:
                    continue
                ov = min(m.end, q.speaker_end) - max(m.start, q.speaker_start)
                if ov > best_len:
                    best, best_len = m.entity_id, ov
            # the mention must be most of the speaker phrase ("US officials" is not the United States)
            if best is not None and best_len >= share * (q.speaker_end - q.speaker_start):
                q.speaker_entity_id = best
                q.speaker = names.get(best, q.speaker)
        _speaker_roles(a, share)


def _speaker_roles(a: Article, share: float) -> None:
    """Each quote's speaker role/affiliation as this article gives it (title and apposition of a mention).

    The mention that names the speaker is preferred; else the first mention of the same entity in the
    article that carries a title or an apposition ("Henrietta Levin, the director of …" earlier on). The mention
    must be ``share`` of the speaker phrase, as for its entity: one party's title is not the role of a speaker
    that is several ("Prime Minister Ana Costa and the unions said …").
    """
    by_entity: dict[str, str] = {}
    for m in a.mentions:
        r = _role_text(m)
        if m.entity_id is not None and r and m.entity_id not in by_entity:
            by_entity[m.entity_id] = r
    for q in a.quotes:
        q.speaker_role = None
        if q.speaker_start is None or q.speaker_end is None:
            continue
        least = share * (q.speaker_end - q.speaker_start)
        own = next(
            (
                m
                for m in a.mentions
                if min(m.end, q.speaker_end) - max(m.start, q.speaker_start) >= max(least, 1) and _role_text(m)
            ),
            None,
        )
        if own is not None:
            q.speaker_role = _role_text(own)
        elif q.speaker_entity_id is not None:
            q.speaker_role = by_entity.get(q.speaker_entity_id)


def _role_text(m: Mention) -> str | None:
    parts = [p for p in (m.role, m.description) if p]
    return ", ".join(parts) or None


def infer_from_story(members: Sequence[Article]) -> list[str]:
    """Articles with no known publication date take their story's event date as reference.

    Their relative dates ("on Monday", "last month") are then resolved against it. Returns the ids
    of the articles re-dated.
    """
    value, _ = story_event_date(members)
    anchor = to_date(value)
    if anchor is None:
        return []
    out = []
    for a in members:
        if a.published is None:
            a.published = anchor.isoformat()
            a.published_how = "inferred"
            a.published_why = (
                f"no date in the file; dated by its story — the other articles put the event on {anchor.isoformat()}"
            )
            a.dates = extract_dates(a.text, anchor, None)
            attach_times(a.numbers, a.dates, a.text, anchor, a.statements)
            out.append(a.id)
    return out


# ------------------------------------------------------------------------------------------- driver


ProgressFn = Callable[[str, int, int], None]


def analyse_new(
    docs: Iterable[tuple[RawDoc, dict[str, Any]]],
    cfg: Config,
    nlp: Any | None = None,
    errors: list[FileError] | None = None,
) -> list[Article]:
    """Clean, analyse and date RawDocs (with per-doc overrides: source, published, keep_all).

    With an ``errors`` list, an article whose cleaning, parsing or dating raises is left out and reported
    there (E150, naming its file and the stage), and the others go on; without one, the exception
    propagates.
    """
    return analyse_cleaned(clean_new(docs, errors), cfg, nlp, errors)


def clean_new(docs: Iterable[tuple[RawDoc, dict[str, Any]]], errors: list[FileError] | None = None) -> list[Article]:
    """Stages *clean* and *meta* of :func:`analyse_new` alone (no model needed)."""
    return [a for d, o in docs if (a := _isolated(errors, d.path, "clean", _article_or_error, d, **o))]


def analyse_cleaned(
    arts: list[Article], cfg: Config, nlp: Any | None = None, errors: list[FileError] | None = None
) -> list[Article]:
    """Stages *analyse* and *dates* of :func:`analyse_new`, over articles :func:`clean_new` made."""
    if not arts:
        return []
    nlp = nlp or load_nlp(cfg.nlp_model)
    ratio = cfg.entities_titlecase_ratio
    if errors is None:
        analyse(arts, nlp, cfg.nlp_batch_size, cfg.nlp_n_process, titlecase_ratio=ratio)
        return arts
    try:
        analyse(arts, nlp, cfg.nlp_batch_size, cfg.nlp_n_process, titlecase_ratio=ratio)
    except Exception:  # noqa: BLE001 - find the article that failed: each alone, the others kept
        one = {"titlecase_ratio": ratio}
        return [a for a in arts if _isolated(errors, a.path, "analyse", analyse, [a], nlp, 1, **one) is not False]
    return arts


def _isolated(
    errors: list[FileError] | None, path: str, stage: str, fn: Callable[..., Any], *args: Any, **kw: Any
) -> Any:
    """``fn(*args, **kw)``, or — when it raises and ``errors`` is given — False, with the error recorded."""
    if errors is None:
        return fn(*args, **kw)
    try:
        out = fn(*args, **kw)
    except Exception as exc:  # noqa: BLE001 - one article's failure is that article's error, never the run's
        errors.append(article_failure(path, PIPE_STAGE.get(getattr(exc, PIPE_ATTR, ""), stage), exc))
        return False
    return True if out is None else out


def article_failure(path: str, stage: str, exc: BaseException) -> FileError:
    """The E150 error for an article that a stage could not process."""
    if isinstance(exc, StorylineError):
        return FileError(path, exc.message, exc.code)
    reason = " ".join(str(exc).split())[:300]
    return FileError(
        path,
        f"the {stage} stage failed on this article ({type(exc).__name__}: {reason}); the other articles were "
        "kept; this is a bug, please report it with the file",
        E_ANALYSIS_FAILED,
    )


__all__ = [
    "STAGES",
    "Stage",
    "analyse",
    "analyse_cleaned",
    "analyse_new",
    "article_failure",
    "article_id",
    "build_article",
    "check_stages",
    "clean_new",
    "corpus_stages",
    "date_article",
    "features",
    "lead_title",
    "one_line",
    "text_chunks",
]
