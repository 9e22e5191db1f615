"""Indirect speech: the shapes of "X said (that) …" the parse gives, and how far the reported clause runs."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.entities import mentions_from_doc
from storyline.analyse.quotes import quotes_from_doc
from storyline.analyse.quotes.shapes import SHAPES, Shape
from storyline.model import Quote


def run(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return quotes_from_doc(doc, mentions_from_doc(doc))


def indirect(nlp: Any, text: str) -> list[Quote]:
    return [q for q in run(nlp, text) if q.kind == "indirect"]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_every_shape_row_finds_its_example(nlp: Any, shape: Shape) -> None:
    qs = indirect(nlp, shape.example)
    assert len(qs) == 1, (shape.name, [q.text for q in qs])
    assert qs[0].speaker is not None


def test_interposed_cue_reports_the_whole_clause(nlp: Any) -> None:
    (q,) = indirect(nlp, "In the long run, many economists say, this effect could ripple through the health system.")
    assert q.text.startswith("In the long run") and q.text.endswith("health system")
    assert q.speaker == "many economists" and q.cue == "say"


def test_that_clause_hung_away_from_its_cue(nlp: Any) -> None:
    (q,) = indirect(nlp, "The mayor said in one of a series of messages on Twitter that the truck was carrying arms.")
    assert q.text == "the truck was carrying arms" and q.speaker == "The mayor"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Almost half said they wanted a nominee from outside the political establishment.", "Almost half"),
        ("About one in five say they would not vote if Trump is the nominee.", "About one in five"),
        ("Those surveyed say the economy should be the first priority for the next president.", "Those surveyed"),
    ],
)
def test_whoever_says_something_speaks(nlp: Any, text: str, speaker: str) -> None:
    (q,) = indirect(nlp, text)
    assert q.cue in ("said", "say") and text.index(q.text) > len(speaker)


@pytest.mark.parametrize(
    "text, clause",
    [
        (
            "The party leader said the process was fair, but required candidates to put forth an effort.",
            "the process was fair, but required candidates to put forth an effort",
        ),
        (
            "Gionfriddo said she got a scholarship for her first year, but her parents made too much money.",
            "she got a scholarship for her first year, but her parents made too much money",
        ),
    ],
)
def test_reported_clause_runs_through_its_conjuncts(nlp: Any, text: str, clause: str) -> None:
    (q,) = indirect(nlp, text)
    assert q.text == clause


@pytest.mark.parametrize(
    "text, clause, cue",
    [
        (
            "Pence said in politics it takes time to build trust, but added, “I strongly support Paul Ryan.”",
            "it takes time to build trust",
            "said",
        ),
        (
            "Pence said in politics it takes time to build trust, saying the party would unite.",
            "it takes time to build trust",
            "said",
        ),
        (
            "Pence said in politics it takes time to build trust, saying the party would unite.",
            "the party would unite",
            "saying",
        ),
    ],
)
def test_reported_clause_stops_at_a_cue_of_its_own(nlp: Any, text: str, clause: str, cue: str) -> None:
    assert any(q.text == clause and q.cue == cue for q in indirect(nlp, text)), [q.text for q in indirect(nlp, text)]


def test_a_report_inside_a_report_gives_both(nlp: Any) -> None:
    qs = indirect(nlp, "Klein said that two other women who have accused him said they continued to receive calls.")
    assert {q.cue for q in qs} == {"said"} and len(qs) == 2
    outer, inner = sorted(qs, key=lambda q: -len(q.text))
    assert outer.text.startswith("two other women") and inner.text == "they continued to receive calls"


def test_what_a_thing_shows_is_reported_but_hands_no_voice_on(nlp: Any) -> None:
    text = "Ms. Levin spoke first. The data suggest that turnout will fall sharply.\n“We are worried,” she said."
    qs = run(nlp, text)
    assert any(q.kind == "indirect" and q.text.startswith("turnout will fall") for q in qs)
    assert next(q for q in qs if q.text == "We are worried").speaker == "Levin"


def test_reported_clause_stays_in_its_paragraph(nlp: Any) -> None:
    qs = indirect(nlp, "The senator said his rival would lose the state badly\nSign up to get an email from us")
    assert [q.text for q in qs] == ["his rival would lose the state badly"]


def test_a_telling_inside_an_according_to_gives_both_reports(nlp: Any) -> None:
    qs = indirect(
        nlp,
        "According to the Chinese read-out, Mr Xi told Mr Trump that Taiwan's return to China was an integral part "
        "of the post-war international order.",
    )
    by_cue = {q.cue.lower() if q.cue else "": q for q in qs}
    assert by_cue["told"].text.startswith("Taiwan's return to China") and "Xi" in (by_cue["told"].speaker or "")
    assert by_cue["according to"].text.startswith("Mr Xi told Mr Trump")


def test_which_suggests_is_the_writer_concluding_not_a_report(nlp: Any) -> None:
    text = (
        "Chinese statements have been more cautious and have not mentioned specific dates, which suggests that "
        "genuine differences remain even as both sides talk about momentum."
    )
    assert not [q for q in indirect(nlp, text) if q.cue == "suggests"]


def test_the_clause_after_the_cue_is_its_own_when_an_earlier_report_hangs_on_it(nlp: Any) -> None:
    text = "A majority of members say they trust the board; 30 percent say they have never read its reports."
    qs = indirect(nlp, text)
    assert ("they have never read its reports", "30 percent") in [(q.text, q.speaker) for q in qs]


@pytest.mark.parametrize(
    "text, clause",
    [
        (
            "The mayor said she had not raised taxes and never called a donor for money.",
            "she had not raised taxes and never called a donor for money",
        ),
        (
            "The mayor said that the bridge was safe, and that the tunnel would open in May.",
            "the bridge was safe, and that the tunnel would open in May",
        ),
    ],
)
def test_reported_clause_runs_through_deeds_and_a_second_that_clause(nlp: Any, text: str, clause: str) -> None:
    assert [q.text for q in indirect(nlp, text)] == [clause]


def test_the_one_told_is_not_what_was_said(nlp: Any) -> None:
    assert [q.text for q in indirect(nlp, "The minister told reporters the talks had stalled.")] == [
        "the talks had stalled"
    ]


def test_an_as_clause_with_a_report_of_its_own_is_not_a_source_phrase(nlp: Any) -> None:
    qs = indirect(nlp, "As the mayor announces that the bridge will close, drivers are already queuing.")
    assert [q.text for q in qs] == ["the bridge will close"]


@pytest.mark.parametrize(
    "text, clause, speaker",
    [
        (
            "About 4 in 10 say they want the next mayor to cut taxes.",
            "they want the next mayor to cut taxes",
            "4 in 10",
        ),
        (
            "The bridge will close for repairs in May, said a former spokesman for the city's transport department, "
            "who asked not to be named.",
            "The bridge will close for repairs in May",
            "spokesman",
        ),
        (
            "That is the challenge, said Tom Baker, a fellow at the institute and an adviser to Mayor Ruth Hall\n"
            "Mrs. Hall often says she is not running for a third term, but she has also cited her record.",
            "she is not running for a third term, but she has also cited her record",
            "Hall",
        ),
    ],
)
def test_a_speaker_the_parse_lost_is_found_beside_the_cue(nlp: Any, text: str, clause: str, speaker: str) -> None:
    q = next((q for q in indirect(nlp, text) if q.text == clause), None)
    assert q is not None and speaker in (q.speaker or ""), [(q.text, q.speaker) for q in indirect(nlp, text)]


@pytest.mark.parametrize(
    "text, said",
    [
        ("The senator announced her candidacy on Tuesday.", "her candidacy"),
        ("The mayor noted a sharp rise in bus fares, which took effect in May.", "a sharp rise in bus fares"),
    ],
)
def test_an_object_said_is_a_short_noun_phrase_without_the_comment_after_it(nlp: Any, text: str, said: str) -> None:
    assert [q.text for q in indirect(nlp, text)] == [said]


def test_a_reported_clause_stops_at_the_source_of_another_report(nlp: Any) -> None:
    text = "More than 6 in 10 voters said that Wall Street hurts the economy, according to early exit polls."
    said = next(q for q in indirect(nlp, text) if q.cue == "said")
    assert said.text == "Wall Street hurts the economy"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Voters, the mayor suggested, do not have to worry that big banks can buy the council.", "the mayor"),
        ("If the demands are not met, Mr. Taylor warned, the drivers plan to strike next week.", "Taylor"),
        ("Just a few weeks ago, as the Times reported, the two men were discussing a merger of their firms.", "Times"),
    ],
)
def test_an_interposed_cue_reports_the_clause_around_it(nlp: Any, text: str, speaker: str) -> None:
    (q,) = indirect(nlp, text)
    assert q.text == text.rstrip(".") and speaker in (q.speaker or "")


def test_according_to_reports_the_clause_in_its_own_paragraph(nlp: Any) -> None:
    text = "7:05 p.m.\n\nThe top issue for voters in both states is the economy, according to early exit polls."
    (q,) = indirect(nlp, text)
    assert q.text == "The top issue for voters in both states is the economy"


def test_according_to_in_mid_sentence_reports_the_clause_it_modifies(nlp: Any) -> None:
    text = (
        "The company struck a deal with the unions, according to the Labor Department, taking a long-awaited step "
        "toward ending a strike that has lasted more than six weeks."
    )
    (q,) = indirect(nlp, text)
    assert q.text == "The company struck a deal with the unions"


def test_a_cue_in_a_time_clause_inside_a_sentence_is_no_source(nlp: Any) -> None:
    text = "From the first days of his term, when he insisted on paying his own bills, the mayor has understood the "
    assert indirect(nlp, text + "power of gesture.") == []


def test_a_claim_is_its_owners_and_an_ownerless_claim_is_nobodys(nlp: Any) -> None:
    (q,) = indirect(nlp, "The mayor's claim that the new bridge will pay for itself drew laughter in the chamber.")
    assert q.text == "the new bridge will pay for itself" and q.speaker == "The mayor" and q.cue == "claim"
    assert indirect(nlp, "The claim that the bridge will pay for itself drew laughter.") == []


@pytest.mark.parametrize(
    "text, clause",
    [
        (
            "The emails covered many topics, the newspaper said, including speeches and meetings with donors.",
            "The emails covered many topics, the newspaper said, including speeches and meetings with donors",
        ),
        (
            "He is leaning toward the governor, he said, because he prizes experience.",
            "He is leaning toward the governor, he said, because he prizes experience",
        ),
    ],
)
def test_a_clause_the_cue_interrupts_goes_on_after_it(nlp: Any, text: str, clause: str) -> None:
    assert [q.text for q in indirect(nlp, text)] == [clause]


def test_an_as_phrase_after_a_quotation_attributes_the_quotation_only(nlp: Any) -> None:
    text = "For now, both leaders want their ties to look stable and “extremely strong”, as Trump wrote in his post."
    assert indirect(nlp, text) == []  # the writer's analysis is not Trump's
    assert [q.text for q in indirect(nlp, "Those voters will decide the race, as Clyburn noted.")] == [
        "Those voters will decide the race"
    ]


def test_the_writers_aside_after_a_dash_is_not_the_speakers(nlp: Any) -> None:
    text = (
        "The governor reminded the council that their towns once stood together against the flood — a thinly "
        "veiled nod to the dispute over the dam."
    )
    (q,) = indirect(nlp, text)
    assert q.text == "their towns once stood together against the flood"
    # an aside with a verb of its own may still be the speaker's words: left in
    text2 = "The mayor said the plan would fail — the money was never there."
    assert "the money was never there" in indirect(nlp, text2)[0].text
