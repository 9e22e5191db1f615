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


def test_the_speaker_after_a_quoted_question_stays_in_its_sentence() -> None:
    from types import SimpleNamespace

    from storyline.pipeline import sentences_from_doc

    text = "“You think we will move?” Mayor Jo Doe asked reporters on Monday. “We will not!” The crowd cheered."
    cut1, cut2 = text.index("Mayor"), text.index("The crowd")
    spans = [(0, cut1), (cut1, text.index("“We")), (text.index("“We"), cut2), (cut2, len(text))]
    doc = SimpleNamespace(
        sents=[SimpleNamespace(start_char=s, end_char=e) for s, e in spans], user_data={"storyline.text": text}
    )
    assert [text[s.start : s.end] for s in sentences_from_doc(doc)] == [
        "“You think we will move?” Mayor Jo Doe asked reporters on Monday.",
        "“We will not!”",
        "The crowd cheered.",
    ]
    text = "He tweeted, “The killer shouted “Go!” as he fired.” Then he left."
    cut1, cut2 = text.index(" as he") + 1, text.index("Then")
    spans = [(0, cut1), (cut1, cut2), (cut2, len(text))]
    doc = SimpleNamespace(
        sents=[SimpleNamespace(start_char=s, end_char=e) for s, e in spans], user_data={"storyline.text": text}
    )
    assert [text[s.start : s.end] for s in sentences_from_doc(doc)] == [text[:cut2].strip(), "Then he left."]


def test_a_participle_adjunct_reports_for_the_subject_of_its_clause(nlp: Any) -> None:
    text = (
        "The mayor praised the new tram line as a model for the region, arguing that the city and the province "
        "had built it together and should now extend it to the airport."
    )
    got = _statements(nlp, text)
    said = {t: s.said_by for t, s in got}
    # the participle has no subject of its own: the mayor argues, in both coordinated parts of what is argued
    assert said["the city and the province had built it together"] == "The mayor"
    assert said["should now extend it to the airport"] == "The mayor"
    # the mayor's own clause ends before the participle whose words are a statement of their own
    assert "The mayor praised the new tram line as a model for the region" in said
    assert said["The mayor praised the new tram line as a model for the region"] is None


def test_an_infinitive_complement_reports_for_its_subject(nlp: Any) -> None:
    got = _statements(nlp, "The coach went on to say that the team would move to a new stadium next year.")
    assert [(t, s.said_by) for t, s in got if s.said_by] == [
        ("the team would move to a new stadium next year", "The coach")
    ]


def test_a_participle_right_after_an_object_reports_for_the_object(nlp: Any) -> None:
    got = _statements(nlp, "The floods have left most farmers saying the dams were opened too late.")
    assert dict((t, s.said_by) for t, s in got)["the dams were opened too late"] == "most farmers"


def test_a_speech_participle_inside_a_report_speaks_for_the_reporter(nlp: Any) -> None:
    text = "Senator Ruiz said that the vote could delay the bridge, remarking that it had already cost the city dearly."
    said = {t: s.said_by for t, s in _statements(nlp, text)}
    assert said["it had already cost the city dearly"] == "Senator Ruiz"
