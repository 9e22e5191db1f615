"""The omission check: an article left "unclear" on a row is shown "not reported" when a fitted model is sure.

The pair model's own test (no statement of the article comes near the row, ``omission_below``) rarely passes in
an article on the same story: some sentence always shares the story's words. Whether an article states a fact is
read better from several signals together, each about the article as a whole against the row:

* ``near`` and ``second``: its statement nearest the row, and its second nearest (mean pair probability over the
  row's statements);
* ``terms``: the share of the row's *shared terms* the article names anywhere — content lemmas (through the news
  word families, :data:`.align.FAMILY`) and canonical entities at least half the row's statements hold, light
  predicates left out — as a lemma of its statements, a stem of any of its words, or an entity it mentions;
* ``entities``: the same share over the shared entities alone (1 when the row shares none);
* ``size``: its statements over the median of the row's articles' (capped at 3).

A logistic model over them (``align.json`` ``omission``: weights and bar, fitted and chosen with stories held out
by ``bench/compare.py``) gives the probability that the article leaves the fact out; at or above the bar the cell
says so. Precision first: the bar is chosen where the held-out "not reported" cells stay right.

Example:
    >>> sorted(Vocabulary.of_text("Premier Cho rejected a return.").stems)
    ['cho', 'premier', 'reject', 'return']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..model import Article, Claim
from .align import FAMILY, LIGHT_PREDICATES
from .cell_check import family
from .clauses import content_stems, stem

#: The model's inputs, in the order of its weights.
FEATURES = ("bias", "near", "second", "terms", "entities", "size")
#: Share of a row's statements a term must be in to be one of its shared terms (with at least two statements).
SHARE = 0.5
SIZE_CAP = 3.0


class _Unit(Protocol):
    @property
    def article(self) -> Article: ...
    @property
    def start(self) -> int: ...
    @property
    def lemmas(self) -> tuple[str, ...]: ...
    @property
    def entities(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every way an article names things: its statements' lemmas (family heads), its words' stems, its entities."""

    lemmas: frozenset[str]
    stems: frozenset[str]
    entities: frozenset[str]

    @classmethod
    def of_text(cls, text: str) -> Vocabulary:
        return cls(frozenset(), frozenset(content_stems(text)), frozenset())

    @classmethod
    def of(cls, a: Article) -> Vocabulary:
        lemmas = {FAMILY.get(x, x) for st in a.statements for x in st.lemmas}
        stems = set(content_stems(a.text)) | set(content_stems(a.title or ""))
        return cls(frozenset(lemmas), frozenset(stems), frozenset(m.entity_id for m in a.mentions if m.entity_id))

    def names(self, term: str) -> bool:
        """Whether the article names ``term`` (``"e:"`` and an entity id, or a lemma) in any form."""
        if term.startswith("e:"):
            return term[2:] in self.entities
        return term in self.lemmas or any(stem(w) in self.stems for w in family(term))  # any word of its family


def shared_terms(units: Sequence[_Unit], members: Sequence[int]) -> list[str]:
    """The terms at least :data:`SHARE` of the row's statements hold (and at least two)."""
    counts: Counter[str] = Counter()
    for k in members:
        u = units[k]
        words = {FAMILY.get(x, x) for x in u.lemmas if x not in LIGHT_PREDICATES}
        counts.update(words | {f"e:{e}" for e in u.entities})
    need = max(2.0, SHARE * len(members))
    return sorted(t for t, n in counts.items() if n >= need)


def cell_features(
    units: Sequence[_Unit],
    members: Sequence[int],
    prob: np.ndarray,
    articles: Sequence[Article],
    vocab: dict[str, Vocabulary],
) -> Iterator[tuple[str, np.ndarray]]:
    """For each article with no statement in the row: its id and its :data:`FEATURES`."""
    inside = {units[k].article.id for k in members}
    mean = prob[:, list(members)].mean(axis=1)
    near: dict[str, list[float]] = {a.id: [] for a in articles}
    for i, u in enumerate(units):
        if u.article.id in near:
            near[u.article.id].append(float(mean[i]))
    size = {a: len(v) for a, v in near.items()}
    median = float(np.median([size[a] for a in inside])) or 1.0
    terms = shared_terms(units, members)
    ents = [t for t in terms if t.startswith("e:")]
    for a in articles:
        if a.id in inside:
            continue
        top = sorted(near[a.id], reverse=True) + [0.0, 0.0]
        v = vocab[a.id]
        yield (
            a.id,
            np.array(
                [
                    1.0,
                    top[0],
                    top[1],
                    float(np.mean([v.names(t) for t in terms])) if terms else 1.0,
                    float(np.mean([v.names(t) for t in ents])) if ents else 1.0,
                    min(size[a.id] / median, SIZE_CAP),
                ]
            ),
        )


def probability(x: np.ndarray, weights: Sequence[float]) -> float:
    return float(1.0 / (1.0 + np.exp(-float(np.dot(x, weights)))))


def members_of(claim: Claim, units: Sequence[_Unit]) -> list[int]:
    """The indices of ``units`` the claim's support cites."""
    key = {(u.article.id, u.start): i for i, u in enumerate(units)}
    return [key[(c.article_id, c.start)] for c in claim.support if (c.article_id, c.start) in key]


def omitted(
    claim: Claim,
    units: Sequence[_Unit],
    members: Sequence[int],
    prob: np.ndarray,
    articles: Sequence[Article],
    vocab: dict[str, Vocabulary],
    weights: Sequence[float],
    bar: float,
) -> list[str]:
    """The articles neither stating the claim nor already shown leaving it out that the model says leave it out."""
    stating = {c.article_id for c in claim.support} | set(claim.absent or ())
    return [
        a
        for a, x in cell_features(units, members, prob, articles, vocab)
        if a not in stating and probability(x, weights) >= bar
    ]


__all__ = ["FEATURES", "Vocabulary", "cell_features", "members_of", "omitted", "probability", "shared_terms"]
