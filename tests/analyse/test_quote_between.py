"""Quoted words with no cue between two quotes of one speaker are that speaker's."""

from __future__ import annotations

from typing import Any

from storyline.analyse.entities import mentions_from_doc
from storyline.analyse.quotes import quotes_from_doc
from storyline.model import Quote

ARGUED = (
    "Maria Okafor, a researcher at the Lagos Policy Institute, noted that the ministry had published no figures.\n"
    "She argued the government was “stalling on purpose” to avoid a vote on the budget.\n"
    "This was also why the cabinet kept delaying the census – to try and “make sure nobody can check the numbers "
    "the ministry keeps quoting.”\n"
)


def _quotes(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return quotes_from_doc(doc, mentions_from_doc(doc))


def _find(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if words in q.text and q.kind != "indirect")


def test_uncued_words_between_two_quotes_of_one_speaker(nlp: Any) -> None:
    text = ARGUED + "“It is a deliberate strategy,” Ms Okafor said.\n"
    q = _find(_quotes(nlp, text), "nobody can check")
    assert q.speaker == "Maria Okafor"


def test_not_when_the_next_quote_is_someone_elses(nlp: Any) -> None:
    text = ARGUED + "“We publish everything we have,” said Peter Mensah, a ministry spokesman.\n"
    q = _find(_quotes(nlp, text), "nobody can check")
    assert q.speaker is None


def test_not_when_nothing_follows(nlp: Any) -> None:
    q = _find(_quotes(nlp, ARGUED), "nobody can check")
    assert q.speaker is None
