"""The second facts of sentences: rows of the clauses the sentence rows leave unused (compare.clause_rows)."""

from __future__ import annotations

import numpy as np

from storyline.compare.claims import article_units, build_claims, story_units
from storyline.compare.clause_rows import used_clauses
from storyline.model import Article, Quote, Sentence, Statement

ORDER = ("Xi called Taiwan part of the post-war order", "xi", "Taiwan")
FASCISM = ("the two nations fought side by side against fascism", "the two nations", "fascism")
MARKETS = ("markets in Asia rose sharply on the news", "markets", "news")


def _article(aid: str, *sentences: tuple[tuple[str, str, str], ...]) -> Article:
    """An article of the given sentences, each of its clauses joined by ", and he said "."""
    text, sents, statements = "", [], []
    for k, clauses in enumerate(sentences):
        start = len(text)
        for n, (words, subject, obj) in enumerate(clauses):
            text += ", and he said " if n else ""
            statements.append(
                Statement(
                    len(text),
                    len(text) + len(words),
                    k,
                    words.split()[1],
                    subject=subject,
                    object=obj,
                    lemmas=[w.lower() for w in words.split() if len(w) > 3],
                )
            )
            text += words
        text += ". "
        sents.append(Sentence(start, len(text) - 1))
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=f"Outlet {aid}")
    a.sentences, a.statements = sents, statements
    return a


def _story() -> list[Article]:
    """Three outlets state the post-war order; two of them, and a third in another sentence, the fascism."""
    return [
        _article("a", (ORDER, FASCISM)),
        _article("b", (ORDER, FASCISM)),
        _article("c", (ORDER,), (FASCISM, MARKETS)),
    ]


def _rows(arts: list[Article], second: float, cross: float = 0.05) -> list[list[str]]:
    """The story's rows, each the passages it cites: sentences of different articles state one fact when they
    open alike (0.95); clauses when they are the same words (0.95), else ``cross``."""
    units = story_units(arts)
    clauses = [c for a in arts for c in article_units(a, a.id, "clause")]
    p = np.array([[0.95 if x.text[:9] == y.text[:9] else 0.05 for y in units] for x in units])
    pc = np.array([[0.95 if x.text == y.text else cross for y in clauses] for x in clauses])
    claims = build_claims(
        "s", arts, 0.9, units, prob=p, omission_below=0.1, complement=2.0, duplicate=0.4, lift_below=2.0,
        clause_threshold=second, clauses=clauses, clause_prob=pc,
    )  # fmt: skip
    by_id = {a.id: a for a in arts}
    return [[by_id[c.article_id].text[c.start : c.end] for c in x.support] for x in claims]


def test_a_sentences_second_fact_gets_a_row_of_its_clauses() -> None:
    assert len(_rows(_story(), 2.0)) == 1  # one row per sentence: the fascism had none
    order, fascism = _rows(_story(), 0.9)
    assert len(order) == 3
    assert fascism == [FASCISM[0]] * 3  # each cell cites the clause that states it, not its whole sentence


def test_a_clause_row_that_restates_a_sentence_row_is_left_out() -> None:
    # every clause comes near every other: the fascism clauses restate the clauses the order row rests on
    assert len(_rows(_story(), 0.9, cross=0.5)) == 1


def test_no_clause_row_of_the_sentences_of_one_row_alone() -> None:
    # every outlet states both facts in one sentence of the order row: the gold stories label such a sentence
    # one fact more often than two
    story = [_article(x, (ORDER, FASCISM)) for x in "abc"]
    assert len(_rows(story, 0.9)) == 1


def test_each_sentence_of_a_row_rests_on_its_clause_most_like_the_others() -> None:
    pc = np.array([[0, 0, 0.9, 0.1], [0, 0, 0.2, 0.3], [0.9, 0.2, 0, 0], [0.1, 0.3, 0, 0]])
    assert used_clauses([[[0, 1], [2, 3]]], pc) == {0, 2}
    assert used_clauses([[[0, 1]]], pc) == {0}  # a row of one sentence: its first clause


def _worded(speaker: str | None) -> str:
    """The fascism row's wording when each outlet's clause lies in a quote of ``speaker``."""
    story = _story()
    for a in story:
        at = a.text.index(FASCISM[0])
        a.quotes = [Quote(at, at + len(FASCISM[0]), FASCISM[0], "indirect", speaker)]
    units = story_units(story)
    clauses = [c for a in story for c in article_units(a, a.id, "clause")]
    p = np.array([[0.95 if x.text[:9] == y.text[:9] else 0.05 for y in units] for x in units])
    pc = np.array([[0.95 if x.text == y.text else 0.05 for y in clauses] for x in clauses])
    claims = build_claims(
        "s", story, 0.9, units, prob=p, omission_below=0.1, complement=2.0, duplicate=0.4, lift_below=2.0,
        clause_threshold=0.9, clauses=clauses, clause_prob=pc,
    )  # fmt: skip
    return claims[1].text


def test_a_clause_row_of_someones_words_is_worded_as_theirs() -> None:
    # not by its sentence, which leads with the post-war order: the row would read as that fact's
    assert _worded("Xi") == "According to Xi, " + FASCISM[0]
    # no name to give (a pronoun, or none): the sentence, which says whose
    for who in ("he", None):
        text = _worded(who)
        assert text.startswith(ORDER[0]) and "he said the two nations" in text
