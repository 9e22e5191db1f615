"""A short extractive summary of a story: whole article sentences that together cover its most reported concepts.

Concept coverage after Gillick & Favre (2009, "A scalable global model for summarization"; the ICSISumm system
of DUC/TAC). A *concept* is a pair of adjacent content-word stems ("somali pirat", "fifth success") — the stems
of :func:`storyline.compare.claims.content_stems`, stop words out. A concept's weight is the number of the
story's articles that contain it (a copy counts as its original; with ``copies_once`` a sentence reprinted word
for word counts for the article that printed it first), divided by the story's number of articles: the document
frequency of Gillick & Favre. ``count_by="source"`` counts *independent sources* instead (articles of one outlet
count once, see :func:`~storyline.compare.claims.source_key`); on wire stories that says little, as one agency's
ten reports are one source. Concepts of one article (source) only are down-weighted
(``SummaryConfig.single_weight``). The summary is the set of candidate sentences that maximises the total weight
of the concepts it covers (each counted once, so a repeat earns nothing), plus a mild bonus for sentences early
in their article, within a word budget — an integer linear program solved with HiGHS (``highspy``); a greedy
cost-scaled selection (Lin & Bilmes 2010) is used when the solver is missing, fails or runs past its time limit.

Candidates are whole sentences that can stand alone: not a heading (no final punctuation), not a question,
not a quotation on its own or a piece of a longer one, nor one whose speaker is a pronoun ("“…,” she told the
staff"; wire text's ``…'' marks read as quotation marks), not opening on a pronoun or a connective that needs the
sentence before ("He", "But", "This", "Another", "Neither he", "Ten of those"), not a telephone number, 8–45 words
(see :data:`REJECT`). Every summary sentence is an article's
own words and cites itself first, then the same passage or the same fact (a claim's support) in other sources.

The most corroborated lead sentence is always chosen and opens the summary (``pin_lead``: held-out ROUGE-2 22.84
→ 24.90 on the bench below). The defaults (``single_weight``, ``lead_bonus``, ``copies_once``, ``count_by``) are
the grid setting with the best ROUGE-2 recall on two development sets against hand-written references (8 ECB+
stories and 7 clusters of 1998-2000 AP/NYT/Xinhua wire, each set weighing the same); the same grid chosen by
leave-one-story-out scores lower on the held-out stories, and that is the honest figure (``bench/summary.py``,
results/summary.json).

Example:
    >>> concepts("The Indian Navy foiled a pirate attack.")
    ['indian navy', 'navy foil', 'foil pirate', 'pirate attack']
    >>> why_not_standalone("But the navy said it foiled the attack on Thursday morning.")
    'opens on a pronoun or connective'
"""

from __future__ import annotations

import heapq
import logging
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .. import lexicon
from ..config import Config
from ..model import Article, Cite, Claim, SummarySentence, TimelineItem
from .claims import content_stems, outlet_label, source_key
from .quoted import outside_quotes as _outside_quotes
from .quoted import typographic as _typographic

log = logging.getLogger("storyline")

#: The first words that need the sentence before them: pronouns and connectives ("He was promoted in 2003.",
#: "But the arrest will not affect his status."): ``lexicon/summary.toml``.
NEEDS_CONTEXT = lexicon.words("summary.needs_context")
#: Openings of several words that do the same ("In addition, the boarding party found grapnels.").
NEEDS_CONTEXT_PHRASES = lexicon.ordered("summary.needs_context_phrases")
#: First words that pass the need on to the next ("Neither he nor …", "Both they and …").
NEEDS_CONTEXT_CARRIERS = lexicon.words("summary.needs_context_carriers")
#: Titles and abbreviations a sentence splitter may have taken for a sentence end ("said Troy police Lt." /
#: "Gerry Scherlinck."): a sentence ending on one, and the sentence after it, are pieces of one sentence.
ABBREVIATIONS = lexicon.words("summary.abbreviations")
_LAST_WORD = re.compile(r"(\S+?)[\"”’)\]]*$")
_FIRST_WORDS = re.compile(r"[A-Za-z’']+")
_END = re.compile(r"[.!][\"”’)\]]*$")
_HYPHEN = re.compile(r"(?<=\w)[-‐–](?=\w)")


def needs_context(text: str) -> bool:
    """Whether ``text`` opens on a word that needs the sentence before it ("Instead, …", "That decision …")."""
    return _needs_context(text)


def _opening(text: str) -> str:
    return " ".join(w.lower() for w in _FIRST_WORDS.findall(text[:40])[:3])


def _needs_context(text: str) -> bool:
    first = _opening(text)
    words = first.split(" ")
    if len(words) == 3 and words[1] == "of" and words[2] in NEEDS_CONTEXT:  # "Ten of those", "Many of them"
        return True
    if len(words) > 1 and words[0] in NEEDS_CONTEXT_CARRIERS and words[1] in NEEDS_CONTEXT:  # "Neither he nor"
        return True
    return words[0] in NEEDS_CONTEXT or any(first == p or first.startswith(p + " ") for p in NEEDS_CONTEXT_PHRASES)


def _said_by_pronoun(text: str) -> bool:
    """A sentence that opens on a quotation and names its speaker by a pronoun ("“We will find them,” she told
    the embassy staff."): who spoke was in the sentences before."""
    text = _typographic(text)
    if text.lstrip()[:1] not in ('"', "“"):
        return False
    outside, _ = _outside_quotes(text)
    return _needs_context(outside.lstrip(" ,;:—–-"))


def ends_on_abbreviation(text: str) -> bool:
    """True when ``text`` ends on a title or an initial ("… said Troy police Lt.", "… Sheriff Robert J.").

    Example:
        >>> ends_on_abbreviation("The victims were not named, said police Lt."), ends_on_abbreviation("It fell.")
        (True, False)
    """
    m = _LAST_WORD.search(text.rstrip())
    last = m.group(1) if m else ""
    if not last.endswith("."):
        return False
    word = last.rstrip(".")
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


#: "the nearly four-year conflict", "the ongoing war": a happening the sentence does not name, which only the
#: sentences before it placed ("the conflict in Ukraine", "the trade war" name theirs).
_UNPLACED = re.compile(
    r"\bthe\s+(?:(?:nearly|almost|roughly|about|more than|ongoing|recent|current|latest|long-running|protracted|"
    r"bloody|brutal|years-long|decades-long|months-long|[a-z]+-(?:year|month|week|day))\s+){1,3}"
    r"(?:conflict|war|crisis|dispute|fighting|standoff|row|violence)\b(?!\s+(?:in|over|between|with|against|on|"
    r"of)\s+[A-Z])",
    re.IGNORECASE,
)


#: A telephone number: "(212) 555-1234", "(255-51) 666-015", "1-800-555-0199" — a travel piece's contact line.
_PHONE = re.compile(r"\(\d{2,5}(?:-\d{1,4})?\)\s?\d{3}[-\s]\d{3,4}\b|\b1-800-\d{3}-\d{4}\b")


#: Openings that address the reader ("Don't worry, …", "Enter South Dakota …"): ``lexicon/summary.toml``.
READER_OPENERS = lexicon.ordered("summary.reader_openers")


def _to_the_reader(text: str) -> bool:
    """Opens on words that address the reader: the writer's aside, no report ("Remember …", "Don't worry, …")."""
    t = _typographic(text).lstrip("“\"‘'( ").lower()
    return any(t.startswith(o) and not t[len(o) : len(o) + 1].isalnum() for o in READER_OPENERS)


def _quote_only(text: str) -> bool:
    outside, balanced = _outside_quotes(text)
    return not balanced or len(outside.split()) < 3


#: Why a sentence cannot stand alone in a summary: (reason, test), checked in order; each row names the kind of
#: sentence that motivated it.
REJECT: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("question", lambda t: t.rstrip('"”’) ').endswith("?")),  # "Who will be the next host?"
    ("heading or cut-off line", lambda t: not _END.search(t.rstrip())),  # "Mumbai, Nov 11 -"
    ("several lines", lambda t: "\n" in t.strip()),  # a headline run into its lead
    ("cut at an abbreviation", ends_on_abbreviation),  # "The victims' conditions were not known, said police Lt."
    ("opens in lower case", lambda t: t.lstrip("“\"‘'( ")[:1].islower()),  # a fragment of a longer sentence
    ("quotation alone or part of a longer one", _quote_only),  # "“It was a panic.”", "… the area,” he said."
    ("opens on a pronoun or connective", _needs_context),  # "He was promoted in 2003."
    ("a quotation said by a pronoun", _said_by_pronoun),  # "“We will find them,” she told the staff."
    ("addresses the reader", _to_the_reader),  # "Enter South Dakota to throw down the gauntlet."
    ("a telephone number", lambda t: bool(_PHONE.search(t))),  # "The Embassy is at 285 Toure Drive; (255-51) 666-015."
    ("names its happening only as 'the … conflict'", lambda t: bool(_UNPLACED.search(t))),  # "… end the nearly
    # four-year conflict."
)


def why_not_standalone(text: str, min_words: int = 8, max_words: int = 45) -> str | None:
    """Why ``text`` cannot be a summary sentence on its own, or None when it can.

    Example:
        >>> why_not_standalone("Police said the driver fled the scene before officers arrived.") is None
        True
    """
    n = len(text.split())
    if n < min_words:
        return "too short"
    if n > max_words:
        return "too long"
    return next((why for why, test in REJECT if test(text)), None)


def concepts(text: str) -> list[str]:
    """The concepts of a sentence: adjacent content-word stems, in order (repeats kept); a hyphenated word
    counts as its parts ("anti-piracy operation" → "anti piracy", "piracy operation")."""
    stems = content_stems(_HYPHEN.sub(" ", text))
    return [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


def as_sentence(text: str) -> str:
    """A clause as a sentence: capital first letter and final punctuation."""
    t = " ".join(text.split()).rstrip(",;:—– ")
    if not t:
        return t
    t = t[0].upper() + t[1:]
    return t if t[-1] in '.!?”"’)' else t + "."


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """How the summary is chosen (defaults chosen by cross-validation, see the module docstring).

    Attributes:
        words: the word budget (whitespace words, as ROUGE's ``-l`` counts them; ``summary.words``).
        single_weight: weight of a concept only one source has, relative to its count (0 drops them).
        copies_once: a sentence reprinted word for word counts for the source that printed it first only.
        count_by: what a concept's weight counts: ``"source"``, the independent sources (outlets) whose
            articles hold it, or ``"article"``, the articles (a copy counts as its original). One wire service
            is one source however many of its reports a story holds, so on wire stories the outlet count says
            little; the article count is the document frequency of Gillick & Favre.
        lead_bonus: objective bonus of an article's first sentence, in concept-weight units; the n-th
            sentence gets ``lead_bonus / n``.
        solver: ``"ilp"`` (HiGHS, greedy when it fails) or ``"greedy"``.
        time_limit: seconds the ILP solver may take before the greedy selection is used instead.
        pin_lead: the most corroborated lead sentence (an article's first or second, with the heaviest
            concepts) is always chosen and comes first, so the summary opens on what happened.
        cost_exponent: the greedy selection ranks a sentence by its new weight per ``words ** cost_exponent``
            (Lin & Bilmes' scaling ``r``: below 1 it leans less hard to short sentences); the ILP ignores it. 0.7 is the
            best of 0.3/0.5/0.7/1.0 at the other defaults on bench/summary.py's 8 stories (in-sample).
    """

    words: int = Config().summary_words
    single_weight: float = 0.5
    lead_bonus: float = 0.5
    copies_once: bool = True
    count_by: str = "article"
    min_words: int = 8
    max_words: int = 45
    solver: str = "ilp"
    time_limit: float = 10.0
    max_sentences_per_article: int = 60
    pin_lead: bool = True
    cost_exponent: float = 0.7


@dataclass(slots=True)
class Candidate:
    """A sentence that may go into the summary."""

    article: Article
    start: int
    end: int
    rank: int  # 0 for the article's first body sentence
    words: int
    concepts: frozenset[str]
    copies: list[Cite] = field(default_factory=list)  # the same sentence in other articles

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]


def _body_sentences(a: Article, limit: int) -> list[tuple[int, int]]:
    """The article's sentences that end like sentences (headings and datelines out), at most ``limit``."""
    spans = [(s.start, s.end) for s in a.sentences] or [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", a.text)]
    return [(s, e) for s, e in spans if _END.search(a.text[s:e].rstrip())][:limit]


def verbless(a: Article) -> set[tuple[int, int]]:
    """The sentences of ``a`` in which the parse found no clause: lists and notes ("Trade truce, rare earths,
    tariffs, and the war in Ukraine."), which say nothing on their own. Empty when the article kept no
    statements (analysed before they were kept), so nothing is judged then."""
    if not a.statements:
        return set()
    said = {st.sentence for st in a.statements}
    return {(s.start, s.end) for k, s in enumerate(a.sentences) if k not in said}


#: A fact box: at least this many label lines in a row, each followed by one short paragraph of one sentence
#: ("Japan angle" / "Call took place amid a sharp China Japan diplomatic row …"). Set, not tuned.
FACT_BOX_ROWS = 3
FACT_BOX_LABEL_WORDS = 6


def fact_box(a: Article, max_words: int = 45) -> list[tuple[int, int]]:
    """The value paragraphs of the article's fact boxes: runs of a short label line without end punctuation
    ("Japan angle", "Trade outcomes so far") each followed by one one-sentence paragraph. They restate the body
    in note form, often without their articles ("Call took place amid …"), and are not summary sentences."""
    paras = a.paragraphs
    starts = sorted(s.start for s in a.sentences)

    def label(k: int) -> bool:
        s, e = paras[k]
        text = a.text[s:e].strip()
        return 0 < len(text.split()) <= FACT_BOX_LABEL_WORDS and not _END.search(text)

    def one_sentence(k: int) -> bool:
        s, e = paras[k]
        inside = [x for x in starts if s <= x < e]
        return len(inside) <= 1 and len(a.text[s:e].split()) <= max_words

    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    k = 0
    while k < len(paras):
        if k + 1 < len(paras) and label(k) and not label(k + 1) and one_sentence(k + 1):
            run.append(paras[k + 1])
            k += 2
            continue
        if len(run) >= FACT_BOX_ROWS:
            out += run
        run = []
        k += 1
    if len(run) >= FACT_BOX_ROWS:
        out += run
    return out


def candidates(articles: Sequence[Article], cfg: SummaryConfig) -> list[Candidate]:
    """Every sentence that can stand alone, once (a copy in another article becomes a cite of the first)."""
    out: list[Candidate] = []
    seen: dict[str, Candidate] = {}
    for a in articles:
        prev = ""
        no_clause = verbless(a)
        box = fact_box(a, cfg.max_words)
        for rank, (s, e) in enumerate(_body_sentences(a, cfg.max_sentences_per_article)):
            text = a.text[s:e]
            tail = ends_on_abbreviation(prev)  # the rest of a sentence cut at "Lt."
            prev = text
            if tail or (s, e) in no_clause or any(bs <= s < be for bs, be in box):
                continue
            if why_not_standalone(text, cfg.min_words, cfg.max_words):
                continue
            key = " ".join(content_stems(text))
            if key in seen:
                if all(c.article_id != a.id for c in seen[key].copies) and seen[key].article.id != a.id:
                    seen[key].copies.append(Cite(a.id, s, e))
                continue
            c = Candidate(a, s, e, rank, len(text.split()), frozenset(concepts(text)))
            seen[key] = c
            out.append(c)
    return out


def counted_as(a: Article, by_id: dict[str, Article], cfg: SummaryConfig) -> str:
    """What ``a`` counts as in a concept's weight (``cfg.count_by``): its independent source, or itself (a copy
    as its original)."""
    if cfg.count_by == "article":
        return f"article:{a.duplicate_of or a.id}"
    return source_key(a, by_id)


def concept_weights(articles: Sequence[Article], cfg: SummaryConfig) -> dict[str, float]:
    """Each concept's share of the story's independent sources, or of its articles (``cfg.count_by``; titles
    count as the article's own words).

    With ``cfg.copies_once``, a sentence another source already printed word for word (a wire story reprinted
    in part) speaks for the source that printed it first, not for one more source.
    """
    by_id = {a.id: a for a in articles}
    seen: dict[str, set[str]] = {}
    first: dict[str, str] = {}  # a sentence's content words -> the source that printed it first
    for a in articles:
        src = counted_as(a, by_id, cfg)
        texts = [a.title or ""] + [a.text[s:e] for s, e in _body_sentences(a, cfg.max_sentences_per_article)]
        for t in texts:
            owner = first.setdefault(" ".join(content_stems(t)), src) if cfg.copies_once else src
            for c in concepts(t):
                seen.setdefault(c, set()).add(owner)
    n = len({counted_as(a, by_id, cfg) for a in articles}) or 1
    single = cfg.single_weight if n > 1 else 1.0  # one source: every concept is all it says
    return {c: (len(s) if len(s) > 1 else single) / n for c, s in seen.items() if len(s) > 1 or single > 0}


def _bonus(c: Candidate, cfg: SummaryConfig) -> float:
    return cfg.lead_bonus / (1 + c.rank)


def concept_groups(
    cands: Sequence[Candidate], weights: dict[str, float]
) -> tuple[list[float], list[tuple[tuple[int, ...], float]]]:
    """The ILP's concepts folded exactly: a concept only one candidate holds adds its weight to that sentence's
    own value (it is covered just when that sentence is chosen), and concepts held by the same sentences are one
    concept of their summed weight. Returns each candidate's own concept weight, and the shared groups (holders,
    weight) in the order their first concept appears (candidates in order, each one's concepts sorted)."""
    holders: dict[str, list[int]] = {}
    for j, c in enumerate(cands):
        for k in sorted(c.concepts):
            if k in weights:
                holders.setdefault(k, []).append(j)
    own = [0.0] * len(cands)
    groups: dict[tuple[int, ...], list[float]] = {}
    for k, js in holders.items():
        if len(js) == 1:
            own[js[0]] += weights[k]
        else:
            groups.setdefault(tuple(js), []).append(weights[k])
    return own, [(js, math.fsum(ws)) for js, ws in groups.items()]


def select_ilp(
    cands: Sequence[Candidate], weights: dict[str, float], cfg: SummaryConfig, pinned: int | None = None
) -> list[int] | None:
    """The optimal selection: max Σ w_c·c + Σ b_s·s subject to Σ len_s·s ≤ budget and c ≤ Σ s over the
    sentences holding c; None when HiGHS is missing, fails or runs out of time.

    Gillick & Favre's rows s ≤ c (a chosen sentence covers its concepts) are left out: every weight is positive,
    so a maximum sets each c to 1 whenever a sentence holding it is chosen, with or without them. The concepts
    are folded (:func:`concept_groups`): one held by one sentence only is that sentence's own value, concepts
    held by the same sentences are one. Every selection has the same objective as in the unfolded program, so
    the optima are the same (among equal optima HiGHS may pick another). The greedy selection
    (:func:`select_greedy`) is the solver's first incumbent and the search does not restart after the root.
    Nothing depends on the clock unless the time limit is reached: the same input gives the same selection.
    On bench/summary_time.py's 350 stories the selection's CPU p95 fell 0.58 → 0.15 s."""
    try:
        import highspy
        import numpy as np
    except ImportError:  # pragma: no cover - highspy is a dependency
        return None
    ns = len(cands)
    if not ns:
        return []
    own, groups = concept_groups(cands, weights)
    ng = len(groups)
    cost = [_bonus(c, cfg) + own[j] for j, c in enumerate(cands)] + [w for _, w in groups]
    starts: list[int] = [0]
    lower: list[float] = []
    upper: list[float] = []
    val: list[float] = []
    idx: list[int] = []

    def row(cols: Sequence[int], coefs: Sequence[float], lo: float, hi: float) -> None:
        idx.extend(cols)
        val.extend(coefs)
        starts.append(len(idx))
        lower.append(lo)
        upper.append(hi)

    inf = highspy.kHighsInf
    row(range(ns), [float(c.words) for c in cands], -inf, float(cfg.words))
    for i, (js, _) in enumerate(groups):  # a fixed row order: HiGHS picks among equal optima by it
        row([*js, ns + i], [1.0] * len(js) + [-1.0], 0.0, inf)  # a concept is covered only by a chosen sentence
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = ns + ng, len(lower)
    lp.col_cost_ = np.array(cost)
    col_lower = np.zeros(ns + ng)
    if pinned is not None:
        col_lower[pinned] = 1.0  # the lead is chosen
    lp.col_lower_ = col_lower
    lp.col_upper_ = np.ones(ns + ng)
    lp.row_lower_, lp.row_upper_ = np.array(lower), np.array(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(idx, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(val)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger] * (ns + ng)
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(cfg.time_limit))
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_allow_restart", False)  # with the start below, restarts after the root only cost time
    h.passModel(lp)
    start = np.zeros(ns + ng)  # the greedy selection as the first incumbent: the search prunes from its value
    start[select_greedy(cands, weights, cfg, pinned)] = 1.0
    start[ns:] = [float(any(start[j] for j in js)) for js, _ in groups]
    sol = highspy.HighsSolution()
    sol.col_value = list(start)
    sol.value_valid = True
    h.setSolution(sol)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        log.info("summary: the ILP ended %s; using the greedy selection", h.modelStatusToString(h.getModelStatus()))
        return None
    x = h.getSolution().col_value
    return [j for j in range(ns) if x[j] > 0.5]


def select_greedy(
    cands: Sequence[Candidate], weights: dict[str, float], cfg: SummaryConfig, pinned: int | None = None
) -> list[int]:
    """Lin & Bilmes' budgeted greedy: add the sentence with the best new weight per scaled cost
    (``words ** cfg.cost_exponent``) while it fits, then keep the better of that and the best single sentence."""

    def gain(j: int, covered: set[str]) -> float:
        c = cands[j]
        return math.fsum(weights.get(k, 0.0) for k in c.concepts - covered) + _bonus(c, cfg)

    chosen: list[int] = [] if pinned is None else [pinned]
    covered: set[str] = set() if pinned is None else set(cands[pinned].concepts)
    used = 0 if pinned is None else cands[pinned].words
    # lazy evaluation: a sentence's gain only falls as more is covered, so a stale score is an upper bound
    cost = [c.words**cfg.cost_exponent for c in cands]
    heap = [(-gain(j, covered) / cost[j], j) for j in range(len(cands))]
    heapq.heapify(heap)
    while heap:
        _, j = heapq.heappop(heap)
        if used + cands[j].words > cfg.words or j in chosen:
            continue
        score = gain(j, covered) / cost[j]
        if heap and score < -heap[0][0]:
            heapq.heappush(heap, (-score, j))
            continue
        if score <= 0:
            break
        chosen.append(j)
        covered |= cands[j].concepts
        used += cands[j].words
    fits = [j for j in range(len(cands)) if cands[j].words <= cfg.words]
    if fits and pinned is None:
        single = max(fits, key=lambda j: (gain(j, set()), -j))
        together = math.fsum(weights.get(k, 0.0) for k in covered) + sum(_bonus(cands[j], cfg) for j in chosen)
        if gain(single, set()) > together:
            return [single]
    return sorted(chosen)


def _lead(cands: Sequence[Candidate], weights: dict[str, float], cfg: SummaryConfig) -> int | None:
    """The lead sentence (an article's first or second) whose concepts weigh most: what most sources say
    happened."""
    leads = [j for j, c in enumerate(cands) if c.rank <= 1 and c.words <= cfg.words]
    if not leads:
        return None
    return max(leads, key=lambda j: (math.fsum(weights.get(k, 0.0) for k in cands[j].concepts), -cands[j].rank, -j))


def _order(c: Candidate, position: dict[str, int]) -> tuple[str, int, int, int]:
    """Reading order: by article date, then how early in its article, then the article's place."""
    return (c.article.published or "9999", position[c.article.id], c.rank, c.start)


def _cites(
    c: Candidate, claims: Sequence[Claim], by_id: dict[str, Article], happenings: Sequence[TimelineItem] = ()
) -> tuple[list[Cite], str | None]:
    """The sentence itself, its copies, then one passage per other source of a claim it states, or of the
    dated happening (timeline item) it reports."""
    cites = [Cite(c.article.id, c.start, c.end), *c.copies]
    sources = {source_key(by_id[x.article_id], by_id) for x in cites if x.article_id in by_id}
    claim_id = None

    def states(support: Sequence[Cite]) -> bool:
        return any(x.article_id == c.article.id and x.start < c.end and c.start < x.end for x in support)

    def borrow(support: Sequence[Cite]) -> None:
        for x in support:
            key = source_key(by_id[x.article_id], by_id) if x.article_id in by_id else x.article_id
            if key not in sources:
                cites.append(x)
                sources.add(key)

    for claim in claims:
        if claim.kind != "quote" and states(claim.support):
            claim_id = claim_id or claim.id
            borrow(claim.support)
    for item in happenings:
        if states(item.cites):
            borrow(item.cites)
    return cites, claim_id


def _within_budget(
    sentences: Sequence[SummarySentence], words: int, by_id: dict[str, Article]
) -> list[SummarySentence]:
    out, used = [], 0
    for s in sentences:
        n = len(s.text.split())
        if used + n > words:
            continue
        srcs = [outlet_label(by_id[c.article_id]) if c.article_id in by_id else c.article_id for c in s.cites]
        out.append(SummarySentence(text=s.text, cites=list(s.cites), sources=srcs, claim_id=s.claim_id))
        used += n
    return out


def summarize(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    fallback: Sequence[SummarySentence] = (),
    words: int | None = None,
    *,
    config: SummaryConfig | None = None,
    solver: str | None = None,
    happenings: Sequence[TimelineItem] = (),
) -> list[SummarySentence]:
    """The sentences that cover the story's most reported concepts in about ``words`` words, in reading order.

    Args:
        claims: the story's claims, for the other sources that state a chosen sentence's fact.
        articles: the story's articles (copies included: they count with their original).
        fallback: sentences to use when no sentence of the articles can stand alone.
        words: the word budget (overrides ``config.words``; None: ``config.words``).
        config: the selection settings (:class:`SummaryConfig`).
        solver: ``"ilp"`` or ``"greedy"`` (overrides ``config.solver``).
        happenings: the story's timeline, for the other sources that report a chosen sentence's happening.
    """
    cfg = config or SummaryConfig()
    cfg = replace(cfg, words=cfg.words if words is None else words, solver=solver or cfg.solver)
    by_id = {a.id: a for a in articles}
    originals = [a for a in articles if not a.duplicate_of] or list(articles)
    cands = candidates(originals, cfg)
    if not cands:
        return _within_budget(fallback, cfg.words, by_id)
    weights = concept_weights(articles, cfg)
    t = time.perf_counter()
    pinned = _lead(cands, weights, cfg) if cfg.pin_lead else None
    chosen = select_ilp(cands, weights, cfg, pinned) if cfg.solver == "ilp" else None
    if chosen is None:
        chosen = select_greedy(cands, weights, cfg, pinned)
    log.debug("summary: %d of %d candidates in %.3fs", len(chosen), len(cands), time.perf_counter() - t)
    position = {a.id: i for i, a in enumerate(articles)}
    out = []
    first = [cands[pinned]] if pinned is not None and pinned in chosen else []
    rest = sorted((cands[j] for j in chosen if j != pinned), key=lambda c: _order(c, position))
    for c in [*first, *rest]:
        cites, claim_id = _cites(c, claims, by_id, happenings)
        srcs = [outlet_label(by_id[x.article_id]) if x.article_id in by_id else x.article_id for x in cites]
        out.append(SummarySentence(text=c.text, cites=cites, sources=srcs, claim_id=claim_id))
    return out


__all__ = [
    "REJECT",
    "Candidate",
    "SummaryConfig",
    "as_sentence",
    "candidates",
    "concept_groups",
    "concept_weights",
    "concepts",
    "select_greedy",
    "select_ilp",
    "summarize",
    "verbless",
    "why_not_standalone",
]
