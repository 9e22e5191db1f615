"""The cell check: an outlet the row's alignment left out is shown ✓ when its sentence states the row's core
(compare.cell_check). Made-up articles."""

from __future__ import annotations

import numpy as np

from storyline.compare.cell_check import has_form, states_core, word_forms
from storyline.compare.claims import build_claims, story_units
from storyline.model import Article, Sentence, Statement

#: (text, predicate, subject, object, lemmas) of each clause of a sentence
Clause = tuple[str, str, str, str, list[str]]
HALT = (
    "The ministry agreed to halt the new port levies on grain",
    "agree",
    "The ministry",
    "to halt the new port levies on grain",
    ["ministry", "agree", "halt", "port", "levy", "grain"],
)
COMPOUND = (
    "Officials hailed the truce in return for the ministry agreeing to halt port levies",
    "hail",
    "Officials",
    "the truce",
    ["official", "hail", "truce", "return"],
)
BOATS = (
    "Fishermen said the boats returned to the port with grain",
    "return",
    "the boats",
    "the port",
    ["fisherman", "boat", "return", "port", "grain"],
)
ORDER = (
    "The island's status is part of the post-war order",
    "be",
    "The island's status",
    "part of the post-war order",
    ["island", "status", "part", "post-war", "order"],
)
FRAMING = (
    "Framing the island's status as part of the post-war order, the envoy left",
    "leave",
    "the envoy",
    "",
    ["envoy", "leave"],
)


def _article(aid: str, *sentences: Clause) -> Article:
    text, sents, statements = "", [], []
    for k, (words, pred, subj, obj, lemmas) in enumerate(sentences):
        start = len(text)
        end = start + len(words)
        statements.append(Statement(start, end, k, pred, subject=subj, object=obj or None, lemmas=lemmas))
        text += words + ". "
        sents.append(Sentence(start, len(text) - 1))
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=f"Outlet {aid}")
    a.sentences, a.statements = sents, statements
    return a


def _cells(arts: list[Article], near: float, bar: float | None) -> dict[str, list[str]]:
    """The cited sentences per article of the first article's row: sentences of one text state one fact
    (0.95); every other pair of different articles comes ``near``."""
    units = story_units(arts, "sentence")
    p = np.array([[0.95 if x.text == y.text else near for y in units] for x in units])
    claims = build_claims(
        "s", arts, 0.9, units, prob=p, omission_below=0.0, complement=2.0, duplicate=2.0, lift_below=2.0,
        clause_threshold=2.0, cell_bar=bar,
    )  # fmt: skip
    by_id = {a.id: a for a in arts}
    out: dict[str, list[str]] = {}
    row = next(c for c in claims if c.text.startswith(arts[0].text[:20]))
    for c in row.support:
        out.setdefault(c.article_id, []).append(by_id[c.article_id].text[c.start : c.end])
    return out


def test_word_forms_reach_participles_and_gerunds() -> None:
    assert word_forms("agree") == ("agre", "agree")
    assert has_form("agree", {"agreeing"}) and has_form("halt", {"halted"})
    assert has_form("suspend", {"pausing"})  # a word of its family (lexicon paraphrase.families)
    assert not has_form("agree", {"agreement"}) and not has_form("port", {"portrait"})


def test_a_compound_sentence_stating_the_rows_act_is_shown_reported() -> None:
    arts = [_article("a", HALT), _article("b", HALT), _article("c", COMPOUND)]
    assert "c" not in _cells(arts, 0.75, None)  # the cell check off: the outlet is left unclear
    assert _cells(arts, 0.75, 0.7)["c"] == [COMPOUND[0] + "."]
    assert "c" not in _cells(arts, 0.5, 0.7)  # its sentence does not come near enough the row


def test_a_sentence_another_row_holds_is_left_to_it() -> None:
    # a fourth outlet words the compound sentence alike: it is a row of its own, and its sentences are that row's
    arts = [_article("a", HALT), _article("b", HALT), _article("c", COMPOUND), _article("d", COMPOUND)]
    assert "c" not in _cells(arts, 0.75, 0.7) and "d" not in _cells(arts, 0.75, 0.7)


def test_words_alone_do_not_state_an_act() -> None:
    # near the row and sharing its port and grain, but no halting: not the row's fact
    arts = [_article("a", HALT), _article("b", HALT), _article("c", BOATS)]
    assert "c" not in _cells(arts, 0.8, 0.7)


def test_a_light_predicates_clause_is_stated_by_its_words() -> None:
    # "is part of the post-war order": the predicate says nothing, the words do, in a participle phrase too
    units = story_units([_article("a", ORDER), _article("b", ORDER), _article("c", FRAMING), _article("d", BOATS)])
    assert states_core(units[2], units[:2])
    assert not states_core(units[3], units[:2])
