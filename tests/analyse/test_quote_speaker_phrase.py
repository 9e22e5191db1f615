"""What a speaker's phrase holds: a preposition only with its object, and never a phrase of how often."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.entities import mentions_from_doc
from storyline.analyse.quotes import quotes_from_doc
from storyline.model import Quote


def _quotes(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return quotes_from_doc(doc, mentions_from_doc(doc))


def test_a_bare_preposition_is_not_part_of_the_speaker(nlp: Any) -> None:
    # "at first" parsed with "at" under "Officials": the speaker is "Officials", not "Officials at"
    text = (
        "A fire broke out at the mill. Officials at first told residents to keep their windows shut but later "
        "lifted the warning."
    )
    assert [q.speaker for q in _quotes(nlp, text)] == ["Officials"]


def test_several_times_is_not_a_speaker(nlp: Any) -> None:
    # "… and several times described …": the words are still hers
    text = (
        "Lena Ortiz stated that she expected the rebuilt port to handle “larger, safer, and cleaner ships of "
        "tomorrow,” and several times described what she anticipated as “busier” docks."
    )
    speakers = {q.speaker for q in _quotes(nlp, text) if q.kind == "partial"}
    assert speakers == {"Lena Ortiz"}


def test_a_dotted_title_ends_no_sentence(nlp: Any) -> None:
    # "Lt." and "Sgt." are one token each, as "Dr." is: the speaker is the name after the title, not "Lt"
    text = (
        "“We think he was looking for a third manager,” said Aldmoor police Lt. Tom Reyes.\n\n"
        "The gunman was armed with a shotgun, said Aldmoor police Sgt. Dana Holt."
    )
    doc = nlp(text)
    assert len(list(doc.sents)) == 2
    assert [q.speaker for q in _quotes(nlp, text)] == ["Tom Reyes", "Dana Holt"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The crowd left at noon, said Constable Ann Lowe of the Aldmoor police.", "Ann Lowe"),
        ("“We found the car,” said Undersheriff Paul Marsh.", "Paul Marsh"),
        ("Lieutenant Dana Holt said the road would reopen on Friday.", "Dana Holt"),
        ("Const. Ann Lowe said the road was closed.", "Ann Lowe"),
    ],
)
def test_a_police_rank_is_a_title_not_part_of_the_name(nlp: Any, text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(nlp, text)] == [speaker]


def test_a_line_without_a_full_stop_ends_its_sentence(nlp: Any) -> None:
    # a deck line with no full stop is parsed apart from the paragraph after it
    text = (
        "Gunman kills 1, wounds 2 at depot\n\nSuspect had been fired last week by Aldmoor company\n\n"
        "A depot clerk who was fired last week shot and killed a woman and wounded two men Monday at the "
        "suburban Aldmoor building where he worked, then led officers on a high-speed chase, police said.\n"
    )
    doc = nlp(text)
    starts = [s.text.strip()[:12] for s in doc.sents if s.text.strip()]
    assert starts == ["Gunman kills", "Suspect had ", "A depot cler"]
    assert not [e for e in doc._.storyline_events if e.actor_text == "police"]


def test_she_is_not_a_man_named_by_his_first_name_alone(nlp: Any) -> None:
    text = (
        "Mara Quist knew the family well. She said Tom and his wife met at school.\n\n"
        "Tom went to school in Aldmoor, where his father worked for a paper.\n\n"
        "She said he travelled to Peru for a year."
    )
    speakers = [q.speaker for q in _quotes(nlp, text) if q.text.startswith("he travelled")]
    assert speakers == ["Mara Quist"]  # not "Tom": a man by his first name


def test_the_person_named_after_a_description_speaks_not_the_party_in_it(nlp: Any) -> None:
    # "the presumptive GOP presidential nominee, Donald Trump, tweeted": the first name after the quote is the
    # party that describes him; the person in apposition speaks
    text = (
        "“Is the mayor going to finally mention the flood? If he doesn't he should resign!” the presumptive GOP "
        "presidential nominee, Donald Trump, tweeted Sunday after the storm."
    )
    assert [q.speaker for q in _quotes(nlp, text)] == ["Donald Trump"]
