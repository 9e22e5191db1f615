"""The omission check: an article left "unclear" on a row is shown "not reported" when the fitted model is sure
(compare.omission). Made-up articles."""

from __future__ import annotations

import numpy as np

from storyline.compare.claims import build_claims, story_units
from storyline.compare.omission import FEATURES, Vocabulary, cell_features, probability, shared_terms
from storyline.model import Article, Sentence, Statement

#: (text, predicate, lemmas) of each sentence
Clause = tuple[str, str, list[str]]
LEVY = (
    "The ministry agreed to halt the new port levies on grain",
    "agree",
    ["ministry", "agree", "halt", "levy", "grain"],
)
PAUSE = ("Port levies on grain were paused by the ministry on Monday", "pause", ["levy", "grain", "pause", "ministry"])
STORM = ("A storm closed the harbour for two days last week", "close", ["storm", "close", "harbour", "day", "week"])
FLEET = ("The fishing fleet stayed in the harbour after the storm", "stay", ["fleet", "stay", "harbour", "storm"])
#: The weights of a model that trusts the shared terms alone: none named → sure the fact is left out.
TERMS_ONLY = [4.0, 0.0, 0.0, -8.0, 0.0, 0.0]


def _article(aid: str, *sentences: Clause) -> Article:
    text, sents, statements = "", [], []
    for k, (words, pred, lemmas) in enumerate(sentences):
        start = len(text)
        statements.append(Statement(start, start + len(words), k, pred, subject="x", lemmas=lemmas))
        text += words + ". "
        sents.append(Sentence(start, len(text) - 1))
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=f"Outlet {aid}")
    a.sentences, a.statements = sents, statements
    return a


def _story() -> list[Article]:
    return [
        _article("a", LEVY, STORM),
        _article("b", LEVY, FLEET),
        _article("c", STORM, FLEET),
        _article("d", PAUSE, STORM),
    ]


def _absent(arts: list[Article], weights: list[float], bar: float) -> list[str]:
    units = story_units(arts, "sentence")
    p = np.array([[0.95 if x.text == y.text else 0.3 for y in units] for x in units])
    claims = build_claims(
        "s", arts, 0.9, units, prob=p, omission_below=0.0, complement=2.0, duplicate=2.0, lift_below=2.0,
        clause_threshold=2.0, cell_bar=2.0, omission_weights=weights, omission_bar=bar,
    )  # fmt: skip
    row = next(c for c in claims if c.text.startswith("The ministry"))
    return list(row.absent or [])


def test_an_article_names_a_term_as_a_lemma_a_stem_or_a_family_word() -> None:
    v = Vocabulary.of(_article("d", PAUSE))
    assert v.names("ministry") and v.names("grain")
    assert v.names("suspend") and v.names("tariff")  # "paused", "levies": family words (lexicon paraphrase.families)
    assert not v.names("harbour") and not v.names("e:someone")


def test_shared_terms_are_those_half_the_row_holds() -> None:
    units = story_units([_article("a", LEVY), _article("b", LEVY), _article("d", PAUSE)], "sentence")
    assert set(shared_terms(units, [0, 1])) >= {"ministry", "tariff", "grain"}
    assert shared_terms(units, [0]) == []  # one statement shares nothing


def test_features_of_each_article_outside_the_row() -> None:
    arts = _story()
    units = story_units(arts, "sentence")
    p = np.full((len(units), len(units)), 0.2)
    vocab = {a.id: Vocabulary.of(a) for a in arts}
    feats = dict(cell_features(units, [0, 2], p, arts, vocab))
    assert set(feats) == {"c", "d"} and len(feats["c"]) == len(FEATURES)
    assert feats["c"][FEATURES.index("terms")] == 0.0  # the storm article names none of the levy row's terms
    assert feats["d"][FEATURES.index("terms")] > 0.5  # the pause article names most of them
    assert probability(feats["c"], TERMS_ONLY) > 0.9 > probability(feats["d"], TERMS_ONLY)


def test_the_check_shows_not_reported_only_at_its_bar() -> None:
    arts = _story()
    assert _absent(arts, TERMS_ONLY, 2.0) == []  # off
    assert _absent(arts, TERMS_ONLY, 0.9) == ["c"]  # the pause article may say it in other words: left unclear
    assert _absent(arts, [], 0.9) == []  # no weights: off
