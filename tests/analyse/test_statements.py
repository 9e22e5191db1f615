"""Statements read off the parse: one per clause, with predicate lemma, subject, negation and speaker."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.statements import statements_from_doc
from storyline.model import Article, Statement


def _statements(nlp: Any, text: str) -> list[tuple[str, Statement]]:
    doc = nlp(text)
    return [(text[s.start : s.end], s) for s in statements_from_doc(doc)]


def test_coordinated_clauses_are_two_statements(nlp: Any) -> None:
    got = _statements(nlp, "Police arrested the driver on Tuesday and charged him with manslaughter.")
    assert [s.predicate for _, s in got] == ["arrest", "charge"]
    assert got[0][0] == "Police arrested the driver on Tuesday"
    # the second clause shares the first one's subject
    assert got[1][1].subject == "Police"
    assert "police" in got[1][1].lemmas


def test_while_clause_is_cut_without_its_connective(nlp: Any) -> None:
    text = "The council approved the budget on Monday, while the mayor promised to cut taxes next year."
    got = _statements(nlp, text)
    assert len(got) == 2
    assert got[1][0].startswith("the mayor promised")


def test_reported_speech_is_the_content_said_by_the_speaker(nlp: Any) -> None:
    got = _statements(nlp, "The governor said the bridge would reopen in April.")
    assert len(got) == 1
    text, st = got[0]
    assert text == "the bridge would reopen in April"
    assert st.said_by == "The governor"
    assert st.predicate == "reopen"


def test_negation_and_lemmas(nlp: Any) -> None:
    got = _statements(nlp, "The ministry did not confirm the closures of the two plants.")
    st = got[0][1]
    assert st.negated
    assert {"ministry", "confirm", "closure", "plant"} <= set(st.lemmas)


@pytest.mark.parametrize("text", ["Breaking news", "Read more"])
def test_fragments_give_no_statement(nlp: Any, text: str) -> None:
    assert _statements(nlp, text) == []


def test_statements_round_trip_through_the_article_json() -> None:
    a = Article(id="a", path="a.txt", raw="", text="Xi called Trump.")
    a.statements = [Statement(0, 16, 0, "call", subject="Xi", object="Trump", lemmas=["xi", "call", "trump"])]
    assert Article.from_json(a.to_json()).statements == a.statements


def test_a_closing_quote_mark_cut_off_its_sentence_joins_it() -> None:
    from types import SimpleNamespace

    from storyline.pipeline import sentences_from_doc

    text = 'The minister called the talks "frank and constructive."\nNext line here.'
    cut = text.index('"', text.index("constructive"))
    spans = [(0, cut), (cut, cut + 1), (cut + 2, len(text))]
    doc = SimpleNamespace(
        sents=[SimpleNamespace(start_char=s, end_char=e) for s, e in spans], user_data={"storyline.text": text}
    )
    assert [text[s.start : s.end] for s in sentences_from_doc(doc)] == [
        'The minister called the talks "frank and constructive."',
        "Next line here.",
    ]
