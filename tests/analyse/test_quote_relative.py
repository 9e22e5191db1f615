"""A report inside a relative clause ("the plan, which she said was drafted in May"): what was said is of the
antecedent, so the reported clause starts at the antecedent and reads as a claim, not a fragment from its verb."""

from __future__ import annotations

from typing import Any

from storyline.analyse.entities import mentions_from_doc
from storyline.analyse.quotes import quotes_from_doc
from storyline.model import Quote


def _indirect(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return [q for q in quotes_from_doc(doc, mentions_from_doc(doc)) if q.kind == "indirect"]


def test_which_he_said_starts_at_the_antecedent(nlp: Any) -> None:
    text = "Tom Walsh praised the new harbour law, which he said was written with the fishing towns."
    (q,) = _indirect(nlp, text)
    assert q.text == "the new harbour law, which he said was written with the fishing towns"
    assert (q.speaker, q.cue) == ("Tom Walsh", "said")


def test_which_critics_say(nlp: Any) -> None:
    text = "The council is pushing for a new parking scheme, which critics say would hurt small shops."
    (q,) = _indirect(nlp, text)
    assert q.text == "a new parking scheme, which critics say would hurt small shops"
    assert q.speaker == "critics"


def test_who_she_said(nlp: Any) -> None:
    text = "Ms Osei spoke warmly of her two sons, who she said were studying medicine in Accra."
    (q,) = _indirect(nlp, text)
    assert q.text.startswith("her two sons, who she said were studying")


def test_a_relative_adjunct_leaves_the_reported_clause_whole(nlp: Any) -> None:
    # "in which" is where he said it, not a place in what he said
    text = "The paper printed an interview with the coach, in which he says the team will move to Leeds."
    (q,) = _indirect(nlp, text)
    assert q.text == "the team will move to Leeds"


def test_object_control_the_object_of_the_verb_says_it(nlp: Any) -> None:
    doc = nlp("Pressure from unions forced the company to admit it had cut wages.")
    (q,) = [q for q in quotes_from_doc(doc, mentions_from_doc(doc)) if "cut wages" in q.text]
    assert q.speaker == "the company"


def test_of_two_subjects_the_parse_gives_the_one_that_can_speak(nlp: Any) -> None:
    doc = nlp(
        "A spokesperson who did not wish to be named because of agency policy said in a statement that the "
        "office never ran such clinics."
    )
    (q,) = [q for q in quotes_from_doc(doc, mentions_from_doc(doc)) if "such clinics" in q.text]
    assert q.speaker == "A spokesperson"


def test_a_quoted_crosshead_is_no_quote(nlp: Any) -> None:
    text = (
        "The clinic offered free shots to everyone held at the centre.\n\n"
        "“Time is running out”\n\n"
        "In a letter on Monday, the doctors said the season had begun.\n"
    )
    doc = nlp(text)
    assert not [q for q in quotes_from_doc(doc, mentions_from_doc(doc)) if "running out" in q.text]
