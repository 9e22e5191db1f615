"""Numbers a reader would check: money, percentages, counts, quantities with units, durations.

Each figure becomes a :class:`~storyline.model.NumberMention` whose ``text`` is the whole phrase as
written ("about 12 million metric tons"), with the value normalised (scale words applied), a
canonical unit, the hedge (``approx``), what the figure is ``about`` (from the dependency parse)
and the ``time`` phrase of its clause. Cross-outlet reconciliation compares these fields, so the
normalisation is deliberately conservative and documented here.

Finding the figures is done on the characters (spaCy splits "NZ$18.2" and "€5bn" inconsistently);
the parse is then used for the counted noun, ``about`` and ``time``.

Units (``unit``):

- money: ISO 4217 code. ``$`` alone and "dollars" mean USD; ``US$`` USD, ``NZ$`` NZD, ``A$`` AUD,
  ``C$`` CAD, ``HK$`` HKD, ``S$`` SGD, ``NT$`` TWD, ``€`` EUR, ``£`` GBP, ``¥`` JPY, "yuan" CNY.
  "pounds" is GBP with "sterling" or a scale word ("3 million pounds"), else weight (``lb``).
  Glued scales: "bn", "m", "mn", "tn" always; "k" and "b" only after a currency ("$5k").
- percentages: ``percent``; "percentage points": ``percentage point``.
- quantities: singular canonical names. "tonnes", "metric tons" and plain "tons" are all
  ``tonne``: international news uses "tons" for metric tonnes, and "12 million tonnes" must agree
  with "about 12 million metric tons" and "25 million tons" (the written word stays in ``text``).
  Only an explicit "short ton(s)" / "long ton(s)" keeps that name. Rates join with ``/``:
  "5,000 barrels a day" is ``barrel/day``.
- durations: ``year``, ``month``, ``week``, ``day``, ``hour``, ``minute``; decades and centuries
  are converted to years ("two decades" is 20 ``year``).
- counts: ``person`` for people, otherwise the counted noun in the singular ("678 exposures" is
  ``exposure``, "seven others" is ``other``); ``None`` for a bare figure.

Approximations (``approx``) are one of: ``about``, ``nearly``, ``more than``, ``at least``,
``less than``, ``up to``, ``as much as``. Vague plurals ("thousands of residents") get the
scale as value and ``at least``. In a range ("10 to 12 million tonnes", "between 5 and 6
million") each end is its own mention; the lower end takes the scale, unit, ``about`` and
``time`` of the upper one.

``about`` is, in order: the "of" complement ("tonnes of American soybeans"), the noun the figure
modifies ("10 percent hike", "one-year truce"), the figure it translates ("NZ$18.2 million (US$11
million)"), for quantities an earlier figure with the same unit in the sentence or the object of a
coordinated verb ("resumed buying soybeans and pledged to purchase 12 million tons"), else the
object or subject of its verb, climbing only through "to be"/infinitive links and relative
clauses ("a package estimated to be worth $330 million"). ``time`` is a date phrase (NER,
:func:`~storyline.analyse.dates.extract_dates`, holidays) inside the figure's phrase or attached
to the same verb, the nearest one winning, with its preposition ("by the end of this year").

Not reported: years, dates and times of day, ordinals, list markers, phone numbers, designators
("Article 5", "COVID-19", "G2"), a bare "one" or a small number word without a unit or noun
("one of the most", "No one", "the two leaders"), and relative times ("three days ago").

Example:
    >>> from storyline.analyse.nlp import load_nlp                       # doctest: +SKIP
    >>> doc = load_nlp()("Beijing pledged to buy 12 million tonnes of American soybeans this year.")  # doctest: +SKIP
    >>> [(n.text, n.value, n.unit, n.about, n.time) for n in numbers_from_doc(doc)]  # doctest: +SKIP
    [('12 million tonnes', 12000000.0, 'tonne', 'American soybeans', 'this year')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import NumberMention
from .dates import extract_dates
from .nlp import doc_text
from .number_units import (
    _ANAPHORIC_DETS,
    _APPROX_AFTER,
    _APPROX_AFTER_RE,
    _APPROX_BEFORE,
    _APPROX_BEFORE_RE,
    _ARTICLES,
    _CORE,
    _CURRENCY_PREFIX,
    _CURRENCY_WORDS,
    _DOLLAR_NATION,
    _DOLLAR_WORD,
    _DURATION,
    _DURATIONS,
    _GLUED_SCALES,
    _HOLIDAYS,
    _IRREGULAR_PLURALS,
    _MASKS,
    _MEASURE,
    _MEASURES,
    _NAME_LABELS,
    _NOT_A_TIME,
    _OBJ_DEPS,
    _PERCENT,
    _RANGE_NEXT,
    _RANGE_SEP,
    _RATE,
    _RELATIVE_AFTER,
    _SCALE_WORDS,
    _SCALES,
    _SMALL,
    _SUBJ_DEPS,
    _TENS,
    _TIME_NOUNS,
    _TIME_PREP_RE,
    _TIME_PREPS,
    _VAGUE,
    _alt,
)

# ------------------------------------------------------------------------------------------ records


@dataclass(slots=True)
class _Hit:
    """A figure found in the text, before the parse is consulted for ``about`` and ``time``."""

    start: int  # whole phrase (hedge + figure + unit [+ counted noun])
    end: int
    core_start: int  # the figure itself, with currency and scale words
    core_end: int
    value: float
    kind: str
    unit: str | None
    approx: str | None
    scale: float  # the multiplier from scale words, for ranges ("10 to 12 million")
    words: bool  # written in words without scale ("seven", "one")
    noun: Any = None  # the counted noun token, for counts
    noun_word: str | None = None  # a hyphenated counted noun as written ("co-workers"; ``noun`` is "workers")
    upper: _Hit | None = None  # the other end of a range ("10 to 12 million")
    about: str | None = None
    time: str | None = None


# ------------------------------------------------------------------------------------------- public


def numbers_from_doc(doc: Any) -> list[NumberMention]:
    """Money, percentages, counts and quantities with units in one parsed article (spaCy Doc of Article.text).

    Args:
        doc: A spaCy ``Doc``; with a dependency parse ``about`` and ``time`` are filled, without one
            they stay ``None``.

    Returns:
        The mentions in text order; offsets are character offsets into ``doc.text``.

    Example:
        >>> doc = nlp("They raised tariffs by as much as 60 percent.")  # doctest: +SKIP
        >>> [(n.text, n.value, n.unit, n.approx, n.about) for n in numbers_from_doc(doc)]  # doctest: +SKIP
        [('as much as 60 percent', 60.0, 'percent', 'as much as', 'tariffs')]
    """
    text: str = doc_text(doc)
    parsed = bool(doc.has_annotation("DEP"))
    dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS]
    masks = [(m.start(), m.end()) for rx in _MASKS for m in rx.finditer(text)]

    hits: list[_Hit] = []
    for m in _CORE.finditer(text):
        if _overlaps(m.start(), m.end(), masks):
            continue
        hit = _read_figure(m, text)
        if hit is None or not _keep(hit, text, doc, dates, names):
            continue
        hits.append(hit)
    hits = _resolve_ranges(_drop_overlaps(hits), text)

    if parsed:
        times = _time_phrases(doc, text, hits)
        taken = {t.i for h in hits for t in _tokens(doc, h.start, h.end) if h.noun is None or t.i != h.noun.i}
        for i, hit in enumerate(hits):
            hit.about = _about(doc, hit, hits[:i], taken)
            hit.time = _time_of(doc, hit, times)
        for hit in hits:
            if hit.upper is not None:
                hit.about = hit.upper.about or hit.about
                hit.time = hit.upper.time or hit.time
    return [
        NumberMention(h.start, h.end, text[h.start : h.end], h.value, h.unit, h.about, h.approx, h.time, h.kind)
        for h in hits
    ]


# ---------------------------------------------------------------------------------- reading figures


#: A minus sign right before a figure's digits, itself after a space, an opening bracket or the start.
_NEGATIVE = re.compile(r"(?:^|(?<=[\s(\[=:;,]))[-−]$")


def _read_figure(m: re.Match[str], text: str) -> _Hit | None:
    """Value, kind and unit of one core match, with the hedge in front and the unit behind it."""
    cur = (m.group("cur") or "").strip().lower()
    scales = [s.lower() for s in re.findall(_SCALE_WORDS + "|dozen", m.group("scales") or "", re.I)]
    words = False
    if m.group("digits"):
        value = float(m.group("digits").replace(",", ""))
        glued = (m.group("glued") or m.group("spaced") or "").lower()
        if glued in ("k", "b") and not cur:
            return None  # "5k" runs, "5b" grades: too ambiguous without a currency
        if glued:
            scales.insert(0, glued)
    elif m.group("vague"):
        parts = m.group("vague").lower().split()
        value = 1.0
        for p in parts:
            value *= _VAGUE.get(p, 1.0)
    else:
        w = m.group("words").lower()
        if w in ("a", "an"):
            value = 1.0
        elif w.startswith("half"):
            value = 0.5
        else:
            tens, _, unit = w.partition("-")
            value = float(_TENS.get(tens, 0) + _SMALL.get(unit or tens, 0) if tens in _TENS else _SMALL[w])
        words = not scales
    scale = 1.0
    for s in scales:
        scale *= _GLUED_SCALES.get(s) or _SCALES[s]
    value *= scale
    core_end = m.end()
    if core_end < len(text) and text[core_end].isalpha() and not m.group("digits"):
        return None
    start = m.start()
    if m.group("digits") and not cur and _NEGATIVE.search(text, max(0, start - 2), start):
        value, start = -value, start - 1  # "-5 degrees", "(-3.2%)"; not "10-20" nor "COVID-19"
    hit = _Hit(start, core_end, start, core_end, value, "count", None, None, scale, words)
    if m.group("vague"):
        hit.approx = "at least"
    _unit(hit, text, _CURRENCY_PREFIX.get(cur.replace(" ", "")) if cur else None, bool(scales))
    if hit.kind == "skip":
        return None
    if hit.kind == "count" and m.group("digits") and core_end < len(text) and text[core_end].isalpha():
        return None  # "2nd", "1990s", "5G"
    _hedge(hit, text)
    return hit


def _unit(hit: _Hit, text: str, currency: str | None, scaled: bool) -> None:
    """Set kind, unit and the phrase end from what follows the figure."""
    rest = text[hit.core_end : hit.core_end + 60]
    if currency:
        hit.kind, hit.unit = "money", currency
        w = _DOLLAR_WORD.match(rest)
        if w and (w.group("word") or w.group("code")):  # "$5 million dollars", "US$ 5 USD"
            hit.end = hit.core_end + w.end()
        return
    p = _PERCENT.match(rest)
    if p:
        hit.kind, hit.unit = "percent", "percentage point" if p.group("pp") else "percent"
        hit.end = hit.core_end + p.end()
        return
    w = _DOLLAR_WORD.match(rest)
    if w:
        code = _currency_word(w, scaled)
        if code:
            hit.kind, hit.unit, hit.end = "money", code, hit.core_end + w.end()
            return
    q = _MEASURE.match(rest)
    if q and not (q.group(0).lstrip().startswith("of") and not _vague_or_scaled(hit, scaled)):
        i = next(int(k[1:]) for k, v in q.groupdict().items() if v)
        _, unit, mult = _MEASURES[i]
        end = hit.core_end + q.end()
        r = _RATE.match(text, end)
        if r and "/" not in unit:
            unit, end = f"{unit}/{r.group('per').lower()}", r.end()
        hit.kind, hit.unit, hit.end, hit.value = "quantity", unit, end, hit.value * mult
        return
    d = _DURATION.match(rest)
    if d:
        end = hit.core_end + d.end()
        if _RELATIVE_AFTER.match(text, end):
            hit.kind = "skip"  # "three days ago" is a date, not a duration
            return
        word = d.group("unit").lower().rstrip("s")
        unit, mult = _DURATIONS.get(word, _DURATIONS.get(word[:-1], ("year", 1.0)))
        hit.kind, hit.unit, hit.end, hit.value = "duration", unit, end, hit.value * mult
        return


def _vague_or_scaled(hit: _Hit, scaled: bool) -> bool:
    return scaled or hit.approx == "at least" or hit.scale > 1


def _currency_word(w: re.Match[str], scaled: bool) -> str | None:
    if w.group("word"):
        return _DOLLAR_NATION.get((w.group("nation") or "us").lower(), "USD")
    if w.group("code"):
        return _CURRENCY_PREFIX[w.group("code").lower()]
    if w.group("other"):
        word = w.group("other").lower().split()[-1].rstrip("s")
        if word == "won" and not scaled:
            return None  # "won" the verb
        return _CURRENCY_WORDS.get(word)
    pounds = w.group("pounds").lower()
    if "sterling" in pounds or scaled and not w.group(0).lstrip().lower().startswith("of"):
        return "GBP"
    return None  # pounds of weight: read as "lb" by the measures


def _hedge(hit: _Hit, text: str) -> None:
    before = _APPROX_BEFORE_RE.search(text, max(0, hit.start - 30), hit.start)
    if before and not _over_a_period(hit, text, before):
        hit.approx = _APPROX_BEFORE[re.sub(r"\s+", " ", before.group("a").lower())]
        hit.start = before.start()
    after = _APPROX_AFTER_RE.match(text, hit.end)
    if after:
        hit.approx = _APPROX_AFTER[re.sub(r"\s+", " ", after.group("a").lower())]
        hit.end = after.end()


_HOW_LONG = re.compile(
    r"\b(?:spent|spend|spends|took|takes|take|lasted|lasts|last|served|serves|for|of|aged|waited|"
    r"lived|worked|is|was|are|were|been)\s*$",
    re.I,
)


def _over_a_period(hit: _Hit, text: str, before: re.Match[str]) -> bool:
    """ "pledged €50bn over four years", "grew 5% over two years": "over" a duration is the period the figure
    covers, not "more than" (unless it says how long: "served over four years", "for over a decade")."""
    if hit.kind != "duration" or before.group("a").lower() != "over":
        return False
    return not _HOW_LONG.search(text, max(0, before.start() - 20), before.start())


# ------------------------------------------------------------------------------------------ filters


def _keep(hit: _Hit, text: str, doc: Any, dates: list[tuple[int, int]], names: list[tuple[int, int]]) -> bool:
    """Drop years, dates, names and pronoun-like number words; attach the counted noun."""
    core = text[hit.core_start : hit.core_end]
    if hit.kind != "duration" and _overlaps(hit.core_start, hit.core_end, dates):
        return False  # NER says date ("the 2024 election"), unless it is a duration ("one year")
    if hit.kind == "count" and _overlaps(hit.core_start, hit.core_end, names):
        return False  # "Air Force One", "Boeing 737"
    if hit.kind == "count" and _is_year(core) and not _counted_plural(doc, hit):
        return False  # "since 2019", "2026": a year unless it counts something ("about 2024 people")
    if hit.kind == "count":
        _attach_noun(doc, hit)
        if hit.words and not _RANGE_NEXT.match(text, hit.core_end):
            if hit.noun is None or hit.value == 1:
                return False  # "one of", "No one", "a very good one", "one China"
            if _previous_word(text, hit.start) in _ANAPHORIC_DETS or _superlative(doc, hit):
                return False  # "the two leaders", "the world's two largest economies": a reference
    return True


def _is_year(core: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", core))


def _counted_plural(doc: Any, hit: _Hit) -> bool:
    """A year-like figure is a count only before a plural noun ("about 2024 people")."""
    span = doc.char_span(hit.core_start, hit.core_end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return bool(nxt.tag_ in ("NNS", "NNPS") and nxt.text.lower() not in _TIME_NOUNS)


def _attach_noun(doc: Any, hit: _Hit) -> None:
    """For a count, find the counted noun ("23 million people", "thousands of residents").

    Only in a parsed doc: without a dependency parse spaCy's tree walks (``Token.children``) read memory that
    was never set, and crashed the process (found by ``bench/fuzz.py``).
    """
    span = doc.char_span(hit.core_start, hit.core_end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return
    root = span.root
    noun = None
    if root.head.i >= span.end and root.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod", "npadvmod"):
        noun = root.head
        between = doc[span.end : noun.i]
        if len(between) > 4 or any(t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "DET", "PRON") for t in between):
            noun = None
    if noun is None:
        of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == span.end]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        if objs and (hit.approx == "at least" or hit.scale > 1):
            noun = objs[0]
    if noun is None and span.end < len(doc):
        nxt = doc[span.end]
        if nxt.tag_ in ("NNS", "NNPS") and nxt.i != root.i:
            noun = nxt
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in _TIME_NOUNS or noun.ent_type_ == "DATE":
        return
    first, noun = _hyphenated(doc, noun, span.end)
    word = doc_text(doc)[first.idx : noun.idx + len(noun.text)].lower()
    hit.noun = noun
    hit.noun_word = doc_text(doc)[first.idx : noun.idx + len(noun.text)] if first.i != noun.i else None
    plural = noun.tag_ in ("NNS", "NNPS") or first.tag_ in ("NNS", "NNPS")
    hit.unit = _singular(word) if plural or hit.value != 1 else word
    hit.end = max(hit.end, noun.idx + len(noun.text))


def _hyphenated(doc: Any, noun: Any, floor: int) -> tuple[Any, Any]:
    """The first and last pieces of the hyphenated word ``noun`` is a piece of ("co-workers", which the tokenizer
    splits in three): the counted noun is the whole word, not "co". Never back into the figure (``floor``)."""
    first = last = noun
    while (
        first.i - 2 >= floor
        and doc[first.i - 1].text == "-"
        and not doc[first.i - 1].whitespace_
        and not doc[first.i - 2].whitespace_
        and doc[first.i - 2].is_alpha
    ):
        first = doc[first.i - 2]
    while (
        last.i + 2 < len(doc)
        and doc[last.i + 1].text == "-"
        and not last.whitespace_
        and not doc[last.i + 1].whitespace_
        and doc[last.i + 2].is_alpha
        and doc[last.i + 2].pos_ in ("NOUN", "PROPN")  # not "10-metre-long"
    ):
        last = doc[last.i + 2]
    return first, last


def _superlative(doc: Any, hit: _Hit) -> bool:
    noun = hit.noun
    return bool(noun is not None and any(t.tag_ in ("JJS", "RBS") for t in doc[noun.left_edge.i : noun.i]))


def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith(("xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"([\w-]+)\W*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _drop_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """A hedge or counted noun can reach into the next match; keep the earlier, longer phrase."""
    out: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _resolve_ranges(hits: list[_Hit], text: str) -> list[_Hit]:
    """ "10 to 12 million tonnes": the first figure takes the scale and unit of the second."""
    for a, b in zip(hits, hits[1:], strict=False):
        between = text[a.end : b.start]
        joined = (
            _RANGE_SEP.fullmatch(between)
            or between.strip().lower() == "and"
            and (_previous_word(text, a.start) == "between")
        )
        if not joined or len(between) > 5:
            continue
        bare = a.kind == "count" and a.unit is None
        if not (bare or a.kind == b.kind and a.unit == b.unit):
            continue  # "rose 12% to $3.2 trillion" is not a range
        if a.scale == 1 and b.scale > 1:
            a.value *= b.scale
            a.scale = b.scale
        if bare:
            a.kind, a.unit = b.kind, b.unit
        a.upper = b
    return hits


# ------------------------------------------------------------------------------------------- about


def _tokens(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else []


def _about(doc: Any, hit: _Hit, earlier: list[_Hit], taken: set[int]) -> str | None:
    """What the figure quantifies, as a noun phrase from the parse (``None`` when unclear)."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return None
    own = {t.i for t in span if hit.noun is None or t.i != hit.noun.i}
    root = _root(doc, hit, own)
    own |= taken
    if hit.kind == "count" and hit.noun is not None:
        head = hit.noun
        if head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
            return _phrase(head.head, own | {head.i})  # "three-country swing"
        about = _phrase(head, own - {head.i})
        if about and hit.noun_word and about.startswith(head.text):
            about = hit.noun_word + about[len(head.text) :]  # "co-workers of the firm", not "workers of the firm"
        return about
    of = _of_object(root, own)
    if of is not None:
        return _phrase(of, own)
    mod = _modified_noun(root, own)
    if mod is not None:
        return _phrase(mod, own)
    if earlier and (root.dep_ == "appos" or _in_brackets(doc, span)):
        prev = earlier[-1]
        if prev.kind == hit.kind and prev.about and len(doc_text(doc)[prev.end : hit.start].strip(" ,(")) == 0:
            return prev.about  # "NZ$18.2 million (US$11 million)"
    if hit.kind == "quantity":
        for prev in reversed(earlier):
            if prev.unit == hit.unit and prev.about and _same_sentence(doc, prev, root):
                return prev.about  # "... 12 million tonnes of soybeans this year and 25 million tonnes in 2026"
        obj = _parallel_object(root, own)
        return _phrase(obj, own) if obj is not None else None
    found = _walk_up(root, own)
    return _phrase(found, own) if found is not None else None


def _root(doc: Any, hit: _Hit, own: set[int]) -> Any:
    """The head token of the figure's phrase (its unit for quantities, "million" for "$330 million");
    the hedge is left out, as the parser sometimes makes "over" a preposition governing the figure."""
    core = doc.char_span(hit.core_start, hit.end, alignment_mode="expand")
    tokens = [t for t in core if t.i in own] if core is not None else []
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[0] if tokens else doc.char_span(hit.start, hit.end, alignment_mode="expand").root


def _of_object(root: Any, own: set[int]) -> Any:
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and o.i not in own and o.pos_ in ("NOUN", "PROPN"):
                    return o
    return None


def _modified_noun(root: Any, own: set[int]) -> Any:
    """The noun the figure modifies: "10 percent hike", "one year pause", "$5bn deal"."""
    h = root.head
    if (
        root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod")
        and h.i > root.i
        and h.i not in own
        and h.pos_ in ("NOUN", "PROPN")
        and h.lower_ not in _TIME_NOUNS
    ):
        return h
    return None


def _walk_up(tok: Any, own: set[int]) -> Any:
    """Climb from the figure to the noun it belongs to, or to its verb's object or subject."""
    cur = tok
    for _ in range(8):
        h = cur.head
        if h.i == cur.i:
            return _argument(cur, own, cur)
        if cur.dep_ in ("conj", "appos") or h.i in own:
            cur = h  # a coordinated figure: its head is a sibling, not what it is about
            continue
        if h.pos_ in ("NOUN", "PROPN") and h.lower_ not in _TIME_NOUNS:
            return h  # "payment of NZ$18.2 million", "tariffs of 60 percent"
        if h.pos_ in ("VERB", "AUX"):
            arg = _argument(h, own, cur)
            if arg is not None:
                return arg
            if h.dep_ in ("acl", "relcl") and h.head.pos_ in ("NOUN", "PROPN"):
                return h.head  # "a package estimated to be worth $330 million"
            if h.dep_ != "xcomp":
                return None  # never into another clause ("120 injured ..., officials said")
        cur = h
    return None


def _argument(verb: Any, own: set[int], came_from: Any) -> Any:
    """The verb's object (else subject) that is not the figure itself nor a pronoun."""
    skip = {t.i for t in came_from.subtree} | own
    for deps in (_OBJ_DEPS, _SUBJ_DEPS):
        for c in verb.children:
            if c.dep_ in deps and c.i not in skip and c.pos_ in ("NOUN", "PROPN"):
                return c
    return None


def _parallel_object(root: Any, own: set[int]) -> Any:
    """For "resumed buying soybeans and pledged to purchase 12 million tons", the object of a
    coordinated or chained verb (conj/xcomp, at most three steps away) when the figure is itself the object."""
    verb = root.head
    if root.dep_ not in _OBJ_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return None
    seen = {verb.i}
    frontier = [verb]
    for _ in range(3):
        nxt = []
        for v in frontier:
            linked = [c for c in v.children if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "AUX")]
            if v.dep_ in ("conj", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
                linked.append(v.head)
            for w in linked:
                if w.i in seen:
                    continue
                seen.add(w.i)
                for c in w.children:
                    if c.dep_ in _OBJ_DEPS and c.pos_ in ("NOUN", "PROPN") and c.i not in own and not c.like_num:
                        if not any(t.like_num for t in c.lefts):
                            return c
                nxt.append(w)
        frontier = nxt
    return None


def _same_sentence(doc: Any, prev: _Hit, tok: Any) -> bool:
    return bool(tok.sent.start_char <= prev.start < tok.sent.end_char)


def _in_brackets(doc: Any, span: Any) -> bool:
    return span.start > 0 and doc[span.start - 1].text in ("(", "[")


def _phrase(head: Any, own: set[int], depth: int = 0) -> str | None:
    """The noun phrase headed by ``head``: its left modifiers and "of/on/for" complements, without
    articles, the figure's own tokens, or (at the top) possessive pronouns."""
    doc = head.doc
    left = [t for t in head.subtree if t.i < head.i and "\n" not in doc_text(doc)[t.idx : head.idx]]
    keep: list[Any] = []
    dropped: set[int] = set(own)
    for t in left:
        anc = t
        while anc.i != head.i and anc.i not in dropped:
            anc = anc.head
        if anc.i in dropped or t.i in own:
            dropped.add(t.i)
            continue
        if t.dep_ == "det" and t.lower_ in _ARTICLES or depth == 0 and t.dep_ == "poss" and t.pos_ == "PRON":
            dropped.add(t.i)
            continue
        if t.dep_ in ("predet", "punct") and t.head.i == head.i or t.is_space:
            dropped.add(t.i)
            continue
        keep.append(t)
    while keep and (keep[0].is_punct or keep[0].dep_ == "case"):
        keep.pop(0)
    words = _join(keep + [head])
    if depth < 2:
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "on", "for") and c.i not in own and "\n" not in c.text_with_ws:
                objs = [o for o in c.children if o.dep_ == "pobj" and o.i not in own]
                if objs and objs[0].ent_type_ not in ("DATE", "TIME"):
                    inner = _phrase(objs[0], own, depth + 1)
                    if inner:
                        words = f"{words} {c.text} {inner}"
                break
    return words.strip() or None


def _join(tokens: list[Any]) -> str:
    out = ""
    for a, b in zip(tokens, tokens[1:] + [None], strict=False):
        out += a.text
        if b is not None:
            out += a.whitespace_ if b.i == a.i + 1 else " "
    return out


# -------------------------------------------------------------------------------------------- time


@dataclass(slots=True)
class _Time:
    start: int
    end: int
    tokens: Any  # spaCy Span over the phrase


def _time_phrases(doc: Any, text: str, hits: list[_Hit]) -> list[_Time]:
    """Date and time phrases that are not themselves figures, with their preposition ("by the end of this year")."""
    found = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    found += [(d.start, d.end) for d in extract_dates(text) if d.type in ("DATE", "TIME") and d.how != "reference"]
    found += [(m.start(), m.end()) for m in _HOLIDAYS.finditer(text)]
    spans: list[tuple[int, int]] = []
    for s, e in sorted(found, key=lambda x: (x[0], -x[1])):
        if spans and s < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            continue
        spans.append((s, e))
    out: list[_Time] = []
    for s, e in spans:
        if any(s < h.end and h.start < e for h in hits) or _NOT_A_TIME.match(text[s:e]):
            continue
        prep = _TIME_PREP_RE.search(text, max(0, s - 15), s)
        if prep and not re.match(r"(?i)" + _alt(_TIME_PREPS) + r"\b", text[s:e]):
            s = prep.start()
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.append(_Time(span.start_char, span.end_char, span))
    return out


def _clause_verb(tok: Any) -> Any:
    cur = tok
    for _ in range(30):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _ancestors_within(tok: Any) -> Iterator[Any]:
    yield tok
    yield from tok.ancestors


def _sentence_ids(doc: Any) -> list[int]:
    """The sentence number of every token, computed once per doc (``Span.sent`` walks the doc each time)."""
    cached: list[int] | None = doc.user_data.get("storyline.sent_ids")
    if cached is None:
        cached, n = [], -1
        for k, start in enumerate(doc.to_array("SENT_START").tolist()):
            n += 1 if (start == 1 or k == 0) else 0
            cached.append(n)
        doc.user_data["storyline.sent_ids"] = cached
    return cached


def _time_of(doc: Any, hit: _Hit, times: list[_Time]) -> str | None:
    """The time phrase attached to the figure's noun phrase or to the same clause; nearest wins."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return None
    own = {t.i for t in span}
    anchor = _root(doc, hit, own)
    verb = _clause_verb(anchor)
    best: tuple[int, int, str] | None = None
    text = doc_text(doc)
    sid = _sentence_ids(doc)
    for t in times:
        if sid[t.tokens.start] != sid[span.start] or "\n\n" in text[min(t.end, hit.end) : max(t.start, hit.start)]:
            continue
        troot = t.tokens.root
        direct = any(a.i in own for a in _ancestors_within(troot))
        if not direct and _clause_verb(troot).i != verb.i:
            continue
        dist = hit.start - t.end if t.end <= hit.start else t.start - hit.end
        key = (0 if direct else 1, max(dist, 0), text[t.start : t.end])
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None
