"""Clauses and words without a parse: content-word stems (:func:`storyline.lexicon.stem`, the lexicon's
function words left out), and the word-overlap alignment kept for articles stored before statements were
(``Article.statements`` empty).

Newly analysed articles are compared on their stored statements (:mod:`.align`); this module splits sentences
at punctuation and coordinated clauses, tells statements from headings with word lists, and aligns them by
TF-IDF cosine, token-set overlap and shared anchors at a fixed threshold.

Example:
    >>> split_clauses("Trump will visit Beijing in April, while Xi is expected to visit Washington later.")
    [(0, 33), (41, 82)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from .. import lexicon
from ..lexicon import stem
from ..text import alternation
from .align import idf, weighted_overlap
from .tfidf import tfidf_rows

#: Two statements whose score reaches this are the same claim (measured on the seed story: pairs that
#: say the same thing mostly score 0.38–0.66, unrelated pairs mostly below 0.36, with some overlap).
ALIGN_THRESHOLD = 0.38
MIN_WORDS = 6
MAX_WORDS = 70

_WORD = re.compile(r"[\w’'-]+")
_END = re.compile(r"[.!][\"”’)\]]*$")
_SPLIT = re.compile(r";\s+|,\s+(?:while|whereas|but|and|although|though|yet)\s+|\s+(?:while|whereas)\s+")
_LEAD = re.compile(rf"^{alternation(lexicon.ordered('clauses.lead_connectives'))}\s*,?\s+", re.IGNORECASE)
_LIST_PREFIX = re.compile(r"^\s*(?:\d+[.)]|[-•*])\s+")
#: A wire dateline opening the lead: "BRUSSELS, March 3 (Reuters) - ", "WASHINGTON: ", "TAIPEI (AP) — ".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z.]+)?(?:\s+\d{1,2})?)?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:[-–—:]\s+)"
)
# The words that tell a statement from a heading (lexicon/clauses.toml).
_PRONOUNS = lexicon.words("clauses.pronouns")
_DETERMINERS = lexicon.words("clauses.determiners")
_VERBS = lexicon.words("clauses.verbs")
_ADVERBS = lexicon.words("clauses.adverbs")
_ED_OBJECT = lexicon.words("clauses.ed_objects")
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


# ---------------------------------------------------------------------------------------- words and alignment


#: The words left out of content stems: the lexicon's one list of function words (``function_words.stop``).
_STOPWORDS = lexicon.words("function_words.stop")


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stop words and one-letter tokens dropped)."""
    out = []
    for w in _words(text):
        for part in [w, *w.split("-")] if "-" in w else [w]:
            if part.lower() not in _STOPWORDS and len(part) > 1:
                out.append(stem(part))
    return out


def _date_set(u: Any) -> set[str]:
    return {d.point for d in u.dates if d.point and len(d.point) >= 7 and "W" not in d.point}


def _figures(u: Any) -> set[tuple[str, float]]:
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


def similarity_matrix(units: Sequence[Any]) -> np.ndarray:
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
        x = tfidf_rows(stems)
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
        shares_rare = np.asarray((inc[:, rare_cols] @ inc[:, rare_cols].T).toarray()) > 0
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


def align(units: Sequence[Any], threshold: float = ALIGN_THRESHOLD) -> list[list[int]]:
    """Group statements that say the same thing: average-linkage over cross-source pairs, no chaining.

    Two groups merge when their best pair reaches ``threshold`` and the mean over all their cross-source
    pairs reaches ``0.75 * threshold``; a group never holds two statements from one source unless they are
    near-identical (an article repeating itself).
    """
    return _align(units, similarity_matrix(units), threshold)


def _align(units: Sequence[Any], sim: np.ndarray, threshold: float) -> list[list[int]]:
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


__all__ = [
    "ALIGN_THRESHOLD",
    "MAX_WORDS",
    "MIN_WORDS",
    "align",
    "content_stems",
    "has_verb",
    "is_statement",
    "similarity_matrix",
    "split_clauses",
    "stem",
]
