"""Claims: the atomic statements of a story's articles, aligned across outlets.

Each article is split into clause-level statements (sentences, cut at ``;`` and at coordinated
independent clauses: ", while Xi is expected to …"), each kept as ``(article_id, start, end)`` with the
canonical entities, numbers and dates its article found inside it. Statements that say the same thing in
different words are aligned across outlets (TF-IDF cosine over word uni- and bigrams, rapidfuzz token
overlap, and the entities, figures and dates they share), then each aligned claim is compared outlet by
outlet: reported, reported differently (a figure or date that does not reconcile, with the reason), or not
reported. Syndicated copies (``Article.duplicate_of``) and several articles of one outlet count as one
independent source.

Example:
    >>> split_clauses("Trump will visit Beijing in April, while Xi is expected to visit Washington later.")
    [(0, 33), (41, 82)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Article, Cite, Claim, DateMention, NumberMention, Statement
from .align import group, idf, probabilities, weighted_overlap
from .align import model as align_model
from .conflicts import other_conflict
from .dedup import outlet_key
from .reconcile import compare_numbers, number_label

#: Two statements whose score reaches this are the same claim (measured on the seed story: pairs that
#: say the same thing mostly score 0.38–0.66, unrelated pairs mostly below 0.36, with some overlap).
ALIGN_THRESHOLD = 0.38
MIN_WORDS = 6
#: An article shorter than this share of the reporting articles (median, in statements) is not said to leave
#: a fact out (a set value, not tuned: the gold's articles are of similar length).
DETAIL_SHARE = 0.5
MIN_STATEMENT_WORDS = 4
MAX_WORDS = 70
MAX_UNITS_PER_ARTICLE = 120

_WORD = re.compile(r"[\w’'-]+")
_END = re.compile(r"[.!][\"”’)\]]*$")
_SPLIT = re.compile(r";\s+|,\s+(?:while|whereas|but|and|although|though|yet)\s+|\s+(?:while|whereas)\s+")
_LEAD = re.compile(
    r"^(?:but|and|yet|still|meanwhile|however|moreover|also|so|now|then|instead|indeed|in return|"
    r"at the same time|for now|in addition)\s*,?\s+",
    re.IGNORECASE,
)
_LIST_PREFIX = re.compile(r"^\s*(?:\d+[.)]|[-•*])\s+")
#: A wire dateline opening the lead: "BRUSSELS, March 3 (Reuters) - ", "WASHINGTON: ", "TAIPEI (AP) — ".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z.]+)?(?:\s+\d{1,2})?)?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:[-–—:]\s+)"
)
_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "this", "that", "these", "those", "there", "who"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "both", "each", "some", "many", "most"}
_VERBS = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "shall", "should", "did", "does", "do", "says", "said", "say", "told", "tells", "tell",
    "made", "makes", "took", "gave", "came", "went", "saw", "met", "got", "began", "spoke", "won", "led",
    "left", "held", "sent", "set", "put", "cut", "hit", "let", "paid", "kept", "meant", "felt", "thought",
    "brought", "bought", "sought", "fought", "became", "rose", "fell", "grew", "knew", "drew", "wrote",
    "chose", "broke", "remains", "wants", "plans", "expects", "hopes", "agreed", "announced", "confirmed",
    "sat", "stood", "found", "heard", "lost", "built", "spent", "sold", "struck", "understood",
}  # fmt: skip
_ADVERBS = {"also", "now", "still", "already", "never", "then", "recently", "previously", "reportedly", "later",
            "repeatedly", "publicly", "formally", "firmly", "sharply", "directly", "again", "not"}  # fmt: skip
_ED_OBJECT = {"to", "that", "the", "a", "an", "his", "her", "its", "their", "on", "by", "with", "in", "him", "them",
              "it", "as", "from", "for", "against", "up", "down", "out", "back"}  # fmt: skip
_DEMONYM = re.compile(r"(?:ese|ian|ican|ish)$")
_CHROME = re.compile(
    r"\b(?:click here|subscribe|sign up|log in|newsletter|cookies?|read more|all rights reserved|"
    r"share this|follow us|comments? (?:are|is) closed)\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------- splitting


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def has_verb(text: str) -> bool:
    """Rough finite-verb test for a clause, without a parser (keeps out headings and noun lists).

    Example:
        >>> has_verb("Xi reaffirmed China's claim"), has_verb("Trade truce, rare earths and soybeans.")
        (True, False)
    """
    words = _words(text)
    for i, w in enumerate(words):
        low = w.lower()
        if low in _VERBS or low.endswith(("n't", "n’t")):
            return True
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if w.islower() and low.endswith("ed") and nxt in _ED_OBJECT:
            return True
        if i == 0 or not w.islower():
            continue
        prev = words[i - 1]
        subject_like = prev.lower() in _PRONOUNS or (
            prev[:1].isupper() and not _DEMONYM.search(prev) and prev.lower() not in _DETERMINERS
        )
        if prev.lower() in _ADVERBS or (subject_like and (low.endswith("ed") or low.endswith("s"))):
            return True
    return False


def is_statement(text: str) -> bool:
    """True for a clause worth comparing: a full statement, not a heading, question, fragment or chrome.

    Example:
        >>> is_statement("Why Taiwan Was At The Heart Of The Call"), is_statement("Xi called Trump on Monday.")
        (False, False)
    """
    words = _words(text)
    if len(words) < MIN_WORDS or len(words) > MAX_WORDS:
        return False
    if text.rstrip().endswith("?") or _CHROME.search(text):
        return False
    capital = sum(1 for w in words if w[:1].isupper())
    if len(words) > 4 and capital / len(words) > 0.6:  # a Title Case heading
        return False
    return has_verb(text)


def _subject_start(text: str) -> bool:
    """Does ``text`` open like an independent clause (a subject), not like a verb phrase or a list item?"""
    words = _words(text[:40])
    if not words:
        return False
    first = words[0]
    return first.lower() in _PRONOUNS or first.lower() in _DETERMINERS or (first[:1].isupper() and first != "I")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Narrow ``text[s:e]`` to the statement: no outer space, list bullet, opening connective or trailing comma."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    m = _LIST_PREFIX.match(text[s:e])
    if m:
        s += m.end()
    m = _DATELINE.match(text[s:e])
    if m and e - s - m.end() > 20:
        s += m.end()
    m = _LEAD.match(text[s:e])
    if m and e - s - m.end() > 20:
        s += m.end()
    return s, e


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """Cut a sentence into independent clauses; offsets are relative to ``sentence``.

    Cuts at semicolons and at ", while / whereas / but / and / although …" when both sides are clauses
    of their own (the right side opens with a subject and each side has a verb and enough words).
    Quoted passages are never cut.

    Example:
        >>> s = "Beijing pledged to buy soybeans this year and 25 million tonnes in 2026."
        >>> split_clauses(s) == [(0, len(s))]
        True
    """
    spans = [(0, len(sentence))]
    quoted = [(m.start(), m.end()) for m in re.finditer(r"[“\"][^”\"]*[”\"]", sentence)]
    for m in _SPLIT.finditer(sentence):
        if any(qs < m.start() < qe for qs, qe in quoted):
            continue
        for k, (s, e) in enumerate(spans):
            if not (s < m.start() and m.end() < e):
                continue
            left, right = sentence[s : m.start()], sentence[m.end() : e]
            ok_left = len(_words(left)) >= 5 and has_verb(left)
            ok_right = len(_words(right)) >= 5 and has_verb(right) and _subject_start(right)
            if ok_left and ok_right:
                spans[k : k + 1] = [(s, m.start()), (m.end(), e)]
            break
    out = []
    for s, e in spans:
        s, e = _trim(sentence, s, e)
        if e > s:
            out.append((s, e))
    return out


@dataclass(slots=True)
class Unit:
    """One statement of one article: offsets into its cleaned text and what the article found inside."""

    article: Article
    start: int
    end: int
    source: str  # independent-source key: copies and articles of one outlet share it
    rank: int  # sentence number in the article (the lead is 0)
    entities: frozenset[str] = frozenset()
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    lemmas: tuple[str, ...] = ()
    predicate: str = ""
    predicates: tuple[str, ...] = ()  # every clause's predicate, for a unit that is a whole sentence
    negated: bool = False
    subject: str | None = None
    said_by: str | None = None
    heading: bool = False  # a headline or cut-off line: counts against "not reported", never joins a row

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def sentence_key(self) -> tuple[str, int]:
        return (self.article.id, self.rank)

    def figure_set(self) -> set[tuple[str, float]]:
        return _figures(self)

    def day_set(self) -> set[str]:
        return {d.value for d in self.dates if d.value and len(d.value) == 10}

    @property
    def cite(self) -> Cite:
        return Cite(self.article.id, self.start, self.end)


def source_key(a: Article, by_id: dict[str, Article] | None = None) -> str:
    """The independent source an article counts as: a copy counts as its original; one outlet counts once."""
    if a.duplicate_of and by_id and a.duplicate_of in by_id:
        a = by_id[a.duplicate_of]
    elif a.duplicate_of:
        return f"article:{a.duplicate_of}"
    return outlet_key(a)


def outlet_label(a: Article) -> str:
    """The outlet's name, or — when no outlet is known — a short form of the file name."""
    if a.source:
        return a.source
    stem = a.path.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0].rsplit(".", 1)[0]
    return stem if len(stem) <= 14 else stem[:12] + "…"


def article_units(a: Article, source: str) -> list[Unit]:
    """The statements of one article, in reading order: its stored statements (read off the parse at
    analysis), or — for an article analysed before statements were kept — clauses split by punctuation."""
    if a.statements:
        return _statement_units(a, source)
    sentences = [(s.start, s.end) for s in a.sentences] or [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", a.text)
    ]
    units: list[Unit] = []
    for rank, (ss, se) in enumerate(sentences):
        sent = a.text[ss:se]
        if not _END.search(sent.rstrip()):  # headings, table cells, cut-off lines
            continue
        for cs, ce in split_clauses(sent):
            s, e = ss + cs, ss + ce
            if not is_statement(a.text[s:e]):
                continue
            units.append(_unit(a, s, e, source, rank))
        if len(units) >= MAX_UNITS_PER_ARTICLE:
            break
    return units


def _unit(a: Article, s: int, e: int, source: str, rank: int, **parse: Any) -> Unit:
    """A unit over ``a.text[s:e]`` with the entities, figures and dates the article found inside it."""
    return Unit(
        article=a,
        start=s,
        end=e,
        source=source,
        rank=rank,
        entities=frozenset(m.entity_id for m in a.mentions if m.entity_id and s <= m.start < e),
        numbers=[n for n in a.numbers if s <= n.start < e and n.value is not None],
        dates=[d for d in a.dates if s <= d.start < e and d.value],
        **parse,
    )


def _statement_units(a: Article, source: str) -> list[Unit]:
    """Units from the stored statements: one per clause, or one per sentence (its clauses' lemmas pooled,
    the main clause's predicate) when the alignment model says so (``align.json``: ``"units"``)."""
    statements = list(a.statements)
    if align_model().get("units") == "sentence":
        statements = _per_sentence(a, statements)
    units: list[Unit] = []
    for st in statements:
        if st.sentence >= len(a.sentences):
            continue
        sent = a.sentences[st.sentence]
        whole = a.text[sent.start : sent.end]
        if whole.rstrip().endswith("?") or _CHROME.search(whole):
            continue  # questions, chrome
        heading = not _END.search(whole.rstrip())  # a headline or a cut-off line: never a row, but it says things
        s, e = st.start, st.end
        if len(_words(a.text[s:e])) < MIN_STATEMENT_WORDS or len(_words(a.text[s:e])) > MAX_WORDS:
            continue
        units.append(
            _unit(
                a,
                s,
                e,
                source,
                st.sentence,
                lemmas=tuple(st.lemmas),
                predicate=st.predicate,
                predicates=tuple(st.predicate.split("|")),
                negated=st.negated,
                subject=st.subject,
                said_by=st.said_by,
                heading=heading,
            )
        )
        if len(units) >= MAX_UNITS_PER_ARTICLE:
            break
    return units


def _per_sentence(a: Article, statements: Sequence[Statement]) -> list[Statement]:
    by_sentence: dict[int, list[Statement]] = defaultdict(list)
    for st in statements:
        by_sentence[st.sentence].append(st)
    out = []
    for k, clauses in sorted(by_sentence.items()):
        if k >= len(a.sentences):
            continue
        main = next((st for st in clauses if st.subject is not None), clauses[0])
        sent = a.sentences[k]
        s, e = _trim(a.text, sent.start, sent.end)
        out.append(
            Statement(
                start=s,
                end=e,
                sentence=k,
                predicate="|".join(dict.fromkeys([main.predicate, *(st.predicate for st in clauses)])),
                subject=main.subject,
                object=main.object,
                negated=main.negated,
                said_by=main.said_by,
                lemmas=[x for st in clauses for x in st.lemmas],
            )
        )
    return out


def story_units(articles: Sequence[Article]) -> list[Unit]:
    """Every statement of every article of a story."""
    by_id = {a.id: a for a in articles}
    out: list[Unit] = []
    for a in articles:
        out += article_units(a, source_key(a, by_id))
    return out


# ---------------------------------------------------------------------------------------- alignment


_STOPWORDS = frozenset(
    "a an the and or but of to in on at by for with from as into about over after before than that this these "
    "those is are was were be been being has have had will would can could may might must should do does did "
    "it its he she they them his her their we our you your i me my not no so if then there here which who whom "
    "whose what when where while also just more most some any all both each other such only very".split()
)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light stemmer, enough to match "visits"/"visited"/"visiting" and "tonnes"/"tonne".

    Example:
        >>> stem("visiting"), stem("pledged"), stem("tonnes"), stem("Taiwan’s")
        ('visit', 'pledg', 'tonn', 'taiwan')
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix) and not w.endswith("ss"):
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stop words and one-letter tokens dropped)."""
    out = []
    for w in _words(text):
        for part in [w, *w.split("-")] if "-" in w else [w]:
            if part.lower() not in _STOPWORDS and len(part) > 1:
                out.append(stem(part))
    return out


def _date_set(u: Unit) -> set[str]:
    return {d.value for d in u.dates if d.value and len(d.value) >= 7 and "W" not in d.value}


def _figures(u: Unit) -> set[tuple[str, float]]:
    return {(n.unit or "", float(n.value)) for n in u.numbers if n.value is not None and n.kind != "duration"}


def _cross_source_ratio(joined: Sequence[str], sources: Sequence[str]) -> np.ndarray:
    """rapidfuzz token-set ratio in [0, 1] for every pair of statements from two different sources."""
    n = len(joined)
    out = np.zeros((n, n))
    groups: dict[str, list[int]] = defaultdict(list)
    for i, src in enumerate(sources):
        groups[src].append(i)
    keys = sorted(groups)
    for a, ka in enumerate(keys):
        for kb in keys[a + 1 :]:
            ia, ib = groups[ka], groups[kb]
            block = process.cdist(
                [joined[i] for i in ia], [joined[j] for j in ib], scorer=fuzz.token_set_ratio, dtype=np.float64
            )
            out[np.ix_(ia, ib)] = block / 100.0
            out[np.ix_(ib, ia)] = block.T / 100.0
    return out


def similarity_matrix(units: Sequence[Unit]) -> np.ndarray:
    """Pairwise similarity of statements in [0, 1]: wording, then the anchors they share.

    ``0.55 * tfidf-cosine (stemmed content words) + 0.2 * token-set overlap + 0.15 * idf-weighted share of
    entities``, plus 0.15 for a shared figure and, for a shared date that is not the story's most common one,
    0.12 (a month) or 0.2 (a day; 0.28 when they also share a less common entity). A figure or a day both
    name is strong evidence two outlets report the same thing; the day of the main event is named by half
    the story and says little.
    """
    n = len(units)
    if n == 0:
        return np.zeros((0, 0))
    stems = [content_stems(u.text) for u in units]
    try:
        vec = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True)
        x = vec.fit_transform(stems)
        cos = (x @ x.T).toarray()
    except ValueError:  # empty vocabulary
        cos = np.zeros((n, n))
    joined = [" ".join(sorted(set(t))) for t in stems]
    figs = [_figures(u) for u in units]
    dates = [_date_set(u) for u in units]
    counts: dict[str, int] = defaultdict(int)
    for d in dates:
        for v in d:
            counts[v] += 1
    common = max(counts, key=lambda v: counts[v]) if counts else None
    dates = [d - {common} for d in dates]
    ent_idf = idf([u.entities for u in units])
    rare = float(np.median(list(ent_idf.values()))) if ent_idf else 0.0
    # the pairwise terms as matrices (the same arithmetic as pair by pair, without an O(n²) Python loop)
    ratio = _cross_source_ratio(joined, [u.source for u in units])
    score = 0.55 * cos + 0.2 * np.where(ratio >= 0.4, ratio, 0.0)
    if ent_idf:
        jac, inc, w = weighted_overlap([u.entities for u in units])
        score += 0.15 * jac
        rare_cols = w >= rare
        shares_rare = (inc[:, rare_cols] @ inc[:, rare_cols].T) > 0
    else:
        shares_rare = np.zeros((n, n), dtype=bool)
    with_figs = [i for i in range(n) if figs[i]]
    for a, i in enumerate(with_figs):
        for j in with_figs[a + 1 :]:
            if figs[i] & figs[j]:
                score[i, j] += 0.15
                score[j, i] += 0.15
    with_dates = [i for i in range(n) if dates[i]]
    for a, i in enumerate(with_dates):
        for j in with_dates[a + 1 :]:
            both = dates[i] & dates[j]
            if not both:
                continue
            bonus = 0.12
            if any(len(d) == 10 for d in both):
                bonus = 0.2 + (0.08 if shares_rare[i, j] else 0.0)
            score[i, j] += bonus
            score[j, i] += bonus
    codes = {src: k for k, src in enumerate(sorted({u.source for u in units}))}
    src_code = np.array([codes[u.source] for u in units])
    same = src_code[:, None] == src_code[None, :]
    sim: np.ndarray = np.minimum(1.0, score)
    sim[same] = 0.0
    return sim


def align(units: Sequence[Unit], threshold: float = ALIGN_THRESHOLD) -> list[list[int]]:
    """Group statements that say the same thing: average-linkage over cross-source pairs, no chaining.

    Two groups merge when their best pair reaches ``threshold`` and the mean over all their cross-source
    pairs reaches ``0.75 * threshold``; a group never holds two statements from one source unless they are
    near-identical (an article repeating itself).
    """
    return _align(units, similarity_matrix(units), threshold)


def _align(units: Sequence[Unit], sim: np.ndarray, threshold: float) -> list[list[int]]:
    groups: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    owner = list(range(len(units)))
    pairs = sorted(
        ((sim[i, j], i, j) for i in range(len(units)) for j in range(i + 1, len(units)) if sim[i, j] >= threshold),
        reverse=True,
    )
    for _, i, j in pairs:
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        a, b = groups[gi], groups[gj]
        if {units[k].source for k in a} & {units[k].source for k in b}:
            continue
        cross = [sim[p, q] for p in a for q in b]
        if float(np.mean(cross)) < 0.75 * threshold:
            continue
        groups[gi] = a + b
        for k in b:
            owner[k] = gi
        del groups[gj]
    return [sorted(g, key=lambda k: (units[k].article.id, units[k].start)) for g in groups.values()]


# ---------------------------------------------------------------------------------------- comparing


#: How a date was resolved (``DateMention.how``) when the article writes its day out.
WRITTEN_DAYS = frozenset({"absolute", "month-day"})


def _date_conflict(a: Unit, b: Unit) -> str | None:
    """Different days for what two aligned statements report (neither date contains the other).

    Only days the articles write out ("March 4", "4 March 2025") count: a weekday or "yesterday" is resolved
    by us against an anchor that may be wrong, and a conflict must be one an outlet made, not one we made.
    """
    da = {d.value for d in a.dates if d.value and len(d.value) == 10 and d.how in WRITTEN_DAYS}
    db = {d.value for d in b.dates if d.value and len(d.value) == 10 and d.how in WRITTEN_DAYS}
    if not da or not db or da & db:
        return None
    if len(da) == 1 and len(db) == 1:
        return f"different date: {next(iter(da))} vs {next(iter(db))}"
    return None


def compare_units(base: Unit, other: Unit) -> str | None:
    """Why ``other`` reports ``base``'s statement differently, or None when it does not contradict it.

    A figure differs only when no figure of the other statement agrees with it ("14 rifles in all" beside
    "6 rifles" is two figures, not a conflict, when the other also says 14)."""
    verdicts = [
        v
        for n in base.numbers
        for m in other.numbers
        if (v := compare_numbers(n, m, base.article, other.article, aligned=True)) is not None
    ]
    if verdicts and "same figure" not in verdicts:
        return verdicts[0]
    if verdicts:
        return None
    return _date_conflict(base, other) or other_conflict(base, other)


_PRONOUN_OPENING = re.compile(r"^(?:he|she|they|it|this|that|these|those|his|her|their|its)\b", re.IGNORECASE)


def opens_with_pronoun(text: str) -> bool:
    """True when ``text`` opens with a pronoun ("He has accepted …")."""
    return bool(_PRONOUN_OPENING.match(text.lstrip("“\"‘' ")))


def _central(units: Sequence[Unit], members: Sequence[int], sim: np.ndarray) -> int:
    """The member most like the others (ties: the earliest in its article, then the shortest)."""
    if len(members) == 1:
        return members[0]
    return max(
        members,
        key=lambda k: (
            not opens_with_pronoun(units[k].text),  # "He has accepted …" reads badly out of its article
            round(float(np.mean([sim[k, j] for j in members if j != k])), 3),
            -units[k].rank,
            -len(units[k].text),
        ),
    )


def build_claims(
    story_id: str,
    articles: Sequence[Article],
    threshold: float | None = None,
    units: Sequence[Unit] | None = None,
    *,
    prob: np.ndarray | None = None,
    omission_below: float | None = None,
    complement: float | None = None,
) -> list[Claim]:
    """The claims of a story: aligned statements with their support and conflicts, most corroborated first.

    Only statements reported by two or more independent sources, or reported differently, become claims
    (a story's single-source statements are its articles). Statements read off the parse are aligned by
    the learned pair model (:mod:`.align`); older stored articles without statements by word similarity.
    ``prob`` (pair probabilities for ``units``) and ``omission_below`` let a benchmark try settings without
    recomputing features.
    """
    units = list(units) if units is not None else story_units(articles)
    if not units:
        return []
    learned = all(u.article.statements for u in units)
    if learned:
        params = align_model()
        thr = float(params["threshold"]) if threshold is None else threshold
        below = float(params["omission_below"]) if omission_below is None else omission_below
        near = probabilities(units) if prob is None else prob
        sim = near.copy()
        heads = [i for i, u in enumerate(units) if u.heading]
        sim[heads, :] = 0.0
        sim[:, heads] = 0.0
        groups = group(units, sim, thr, complement if complement is not None else params.get("complement"))
    else:
        thr = ALIGN_THRESHOLD if threshold is None else threshold
        sim = similarity_matrix(units)
        groups = _align(units, sim, thr)
    claims: list[tuple[tuple[float, ...], Claim]] = []
    for members in groups:
        members = sorted(members, key=lambda k: (units[k].article.id, units[k].start))
        sources = {units[k].source for k in members}
        if len(sources) < 2:
            continue
        rep_k = _central(units, members, sim)
        rep = units[rep_k]
        if learned:
            members = _confident(_one_per_article(units, members, sim, rep_k), sim, thr)
            if len({units[k].source for k in members}) < 2:
                continue
            rep_k = _central(units, members, sim)
            rep = units[rep_k]
        claim = _claim(story_id, units, members, rep, sim[rep_k] if learned else None, thr)
        if learned:
            claim.absent = _absent(units, members, near, articles, below)
        claims.append(((-len(sources), float(min(units[k].rank for k in members)), rep.start), claim))
    claims.sort(key=lambda t: t[0])
    out = [c for _, c in claims]
    for i, c in enumerate(out, 1):
        c.id = f"{story_id}-c{i}"
    return out


def _one_per_article(units: Sequence[Unit], members: Sequence[int], sim: np.ndarray, rep_k: int) -> list[int]:
    """Each article's one statement of the fact: the one most like the row's statements from other articles
    (a cell cites the sentence that states the fact; a second sentence of the same article that only comes
    near it would make the cell uncheckable)."""
    best: dict[str, tuple[int, float]] = {}
    for k in members:
        a = units[k].article.id
        others = [j for j in members if units[j].article.id != a]
        score = 2.0 if k == rep_k else (float(sim[k, others].mean()) if others else 0.0)
        if a not in best or score > best[a][1]:
            best[a] = (k, score)
    return sorted(k for k, _ in best.values())


def _confident(members: list[int], sim: np.ndarray, threshold: float) -> list[int]:
    """Drop, weakest first, the statements whose mean probability with the rest of the row is under
    ``threshold``: average linkage lets a row keep a member that only comes near it, and its cell would be a
    ✓ nobody can check."""
    members = list(members)
    while len(members) > 2:
        means = [float(np.mean([sim[k, j] for j in members if j != k])) for k in members]
        worst = int(np.argmin(means))
        if means[worst] >= threshold:
            break
        members.pop(worst)
    return members


def _claim(
    story_id: str,
    units: Sequence[Unit],
    members: Sequence[int],
    rep: Unit,
    rep_prob: np.ndarray | None = None,
    threshold: float = 0.0,
) -> Claim:
    support: list[Cite] = []
    conflicts: list[dict[str, object]] = []
    versions: list[dict[str, object]] = []
    for k in sorted(members, key=lambda k: (units[k].article.id != rep.article.id, units[k].article.id, units[k].rank)):
        u = units[k]
        close = rep_prob is None or rep_prob[k] >= threshold  # a conflict only between two that surely align
        why = None if u.article.id == rep.article.id or not close else compare_units(rep, u)
        if why:
            conflicts.append({**u.cite.to_json(), "why": why})
        else:
            support.append(u.cite)
        versions.append({**u.cite.to_json(), "text": u.text, "status": "differently" if why else "reported"})
    supporting = {(c.article_id, c.start) for c in support}
    n_sources = len({units[k].source for k in members if (units[k].article.id, units[k].start) in supporting})
    return Claim(
        id="",
        story_id=story_id,
        text=_display_text(rep, [units[k] for k in members if units[k] is not rep]),
        support=support,
        conflicts=conflicts,
        kind="fact",
        sources=n_sources,
        entities=sorted({e for k in members for e in units[k].entities}),
        numbers=[number_label(n) for n in rep.numbers],
        dates=sorted({d.value for d in rep.dates if d.value}),
        versions=versions,
    )


def _display_text(u: Unit, others: Sequence[Unit] = ()) -> str:
    """The row's wording: the clause when it stands alone (a subject of its own), else its sentence. A unit
    that is a whole sentence of several clauses is worded by the clause the other outlets' statements share
    most with ("…, while Beijing pledged to buy soybeans" when the others only speak of soybeans)."""
    clause = _shared_clause(u, others)
    if clause is not None and not opens_with_pronoun(clause.text):
        return clause.text[:1].upper() + clause.text[1:]
    text = u.text
    if u.subject is None or opens_with_pronoun(text) or text[:1].islower():
        sent = u.article.sentences[u.rank] if u.rank < len(u.article.sentences) else None
        if sent is not None:
            text = u.article.text[sent.start : sent.end]
    return text[:1].upper() + text[1:]


def _shared_clause(u: Unit, others: Sequence[Unit]) -> Unit | None:
    """The clause of ``u``'s sentence that holds most of what ``others`` say, when the sentence has several
    clauses and that clause stands alone (a subject of its own, six words or more); else None."""
    clauses = [st for st in u.article.statements if st.sentence == u.rank]
    if len(clauses) < 2 or not others:
        return None
    theirs = {x for o in others for x in o.lemmas}
    scored = sorted(clauses, key=lambda st: -len(set(st.lemmas) & theirs) / max(len(set(st.lemmas)), 1))
    best, runner = scored[0], scored[1]
    if len(set(best.lemmas) & theirs) / max(len(set(best.lemmas)), 1) <= len(set(runner.lemmas) & theirs) / max(
        len(set(runner.lemmas)), 1
    ):
        return None  # the sentence's clauses are equally shared: the row is the whole sentence
    if best.subject is None or len(_words(u.article.text[best.start : best.end])) < 6:
        return None
    return Unit(u.article, best.start, best.end, u.source, u.rank, subject=best.subject)


def _absent(
    units: Sequence[Unit], members: Sequence[int], prob: np.ndarray, articles: Sequence[Article], below: float
) -> list[str]:
    """Articles shown "not reported": they tell the story at the row's level of detail (at least
    :data:`DETAIL_SHARE` as many statements as the reporting articles' median) and none of their statements
    comes near the row (mean probability over the row's members under ``below``). Any other article is left
    "unclear": a brief cannot be faulted for leaving a detail out, and a passage close to the fact may say it
    in words the model cannot match — a wrong "not reported" is a claim against the outlet."""
    inside = {units[k].article.id for k in members}
    near: dict[str, float] = defaultdict(float)
    size: dict[str, int] = defaultdict(int)
    for i, u in enumerate(units):
        size[u.article.id] += 1
        if u.article.id in inside:
            continue
        near[u.article.id] = max(near[u.article.id], float(prob[i, list(members)].mean()))
    detail = DETAIL_SHARE * float(np.median([size[a] for a in inside]))
    return sorted(a.id for a in articles if a.id not in inside and near.get(a.id, 0.0) < below and size[a.id] >= detail)


# ---------------------------------------------------------------------------------------- the matrix


REPORTED = "reported"
DIFFERENTLY = "differently"
NOT_REPORTED = "not reported"
#: The article comes near the fact without stating it in words the alignment matched: no claim either way.
UNCLEAR = "unclear"


def claim_matrix(claims: Sequence[Claim], articles: Sequence[Article]) -> dict[str, object]:
    """The outlet × claim matrix: for each claim, what each outlet's articles do with it.

    Columns are outlets (copies and articles of one outlet merged into one column); a cell is
    ``reported``, ``differently`` (with why), ``not reported`` (the article does not come near the fact) or
    ``unclear`` (it has a passage close to the fact that was not matched: no claim either way), with the
    cites behind it.
    """
    by_id = {a.id: a for a in articles}
    columns: dict[str, list[Article]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: (a.published or "9999", a.path)):
        columns[outlet_label(a)].append(a)
    outlets = list(columns)
    rows = []
    for c in claims:
        cells: list[dict[str, object]] = []
        for o in outlets:
            ids = {a.id for a in columns[o]}
            sup = [x for x in c.support if x.article_id in ids]
            con = [x for x in c.conflicts if x.get("article_id") in ids]
            copy = all(by_id[i].duplicate_of for i in ids)
            if con and not sup:
                cells.append({"outlet": o, "status": DIFFERENTLY, "why": str(con[0].get("why", "")), "cites": con})
            elif sup:
                cells.append({"outlet": o, "status": REPORTED, "why": "", "cites": [x.to_json() for x in sup]})
            elif c.absent is None or ids & set(c.absent):
                cells.append({"outlet": o, "status": NOT_REPORTED, "why": "", "cites": []})
            else:
                why = (
                    "a passage comes near it"
                    if _statement_count(columns[o])
                    >= DETAIL_SHARE * _median_count([by_id[x.article_id] for x in c.support if x.article_id in by_id])
                    else "a shorter article"
                )
                cells.append({"outlet": o, "status": UNCLEAR, "why": why, "cites": []})
            cells[-1]["copy"] = copy
        rows.append({"claim_id": c.id, "kind": c.kind, "text": c.text, "sources": c.sources, "cells": cells})
    return {"outlets": outlets, "rows": rows}


def _statement_count(articles: Sequence[Article]) -> int:
    return max((len(a.statements) or len(a.sentences) for a in articles), default=0)


def _median_count(articles: Sequence[Article]) -> float:
    return float(np.median([len(a.statements) or len(a.sentences) for a in articles])) if articles else 0.0


__all__ = [
    "ALIGN_THRESHOLD",
    "DIFFERENTLY",
    "NOT_REPORTED",
    "REPORTED",
    "UNCLEAR",
    "Unit",
    "align",
    "article_units",
    "build_claims",
    "claim_matrix",
    "compare_units",
    "has_verb",
    "is_statement",
    "outlet_label",
    "similarity_matrix",
    "source_key",
    "split_clauses",
    "story_units",
]
