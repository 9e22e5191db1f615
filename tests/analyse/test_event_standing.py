"""Acts a clause states rather than reports (event_standing): a present simple nothing dates, a law's terms."""

from __future__ import annotations

from typing import Any

import pytest

import storyline.analyse.events as coder
from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Argentina does not formally recognise Kosovo as an independent state.",  # a standing policy
        "Chile regards the islands as its territory and refuses to rule out force.",  # a standing position
        "Norway opposes any attempt to change the border by force.",
        "The Kenyan border agency routinely sends asylum seekers back to Somalia.",  # a habit
    ],
)
def test_a_present_simple_nothing_dates_is_no_happening(nlp: Any, text: str) -> None:
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Canadian law requires Ottawa to supply Ukraine with shells.",
        "Ottawa is obliged by Canadian law to supply Ukraine with shells.",  # a passive: the law is the agent
        "The treaty bans Peru from deploying troops near the border.",
    ],
)
def test_what_a_law_binds_or_lets_someone_do_is_no_happening(nlp: Any, text: str) -> None:
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Norway opposed the plan on Monday.", "ACCUSE"),  # past
        ("Norway today rejects the plan.", "REJECT"),  # a word of time dates it
        ("The Dutch minister said that Norway opposes the plan.", "ACCUSE"),  # the content of a dated statement
        ('"We oppose this plan," the Dutch minister said.', "ACCUSE"),  # said as it is done
        ("Argentina did not recognise Kosovo as an independent state in 2008.", "REJECT"),
        ("Washington unfroze $6 billion in Iranian assets held in South Korea.", "RETREAT"),  # a past the tagger
    ],  # reads as a present ("unfroze" tagged like "opposes"): no -s, so no present simple
)
def test_a_dated_or_spoken_present_and_the_past_stay_acts(nlp: Any, text: str, action: str) -> None:
    evs = _events(nlp, text)
    assert evs and evs[0].action == action


def test_a_headline_tells_past_acts_in_the_present(nlp: Any) -> None:
    evs = _events(nlp, "Peru calls Chile over border row\nThe two presidents spoke for an hour.")
    assert evs and (evs[0].action, evs[0].trigger) == ("CONSULT", "calls")
    assert _events(nlp, "The Peruvian president calls his Chilean counterpart every week.") == []


def test_a_standing_clause_gives_no_other_word_of_it_as_its_event(nlp: Any) -> None:
    assert _events(nlp, "Iran faces new sanctions from Canada.") == []  # not the sanctions, with the roles swapped
    evs = _events(nlp, "The Danish government, which opposes the plan, sent envoys to Oslo on Friday.")
    assert [e.action for e in evs] == ["CONSULT"]  # the relative clause's stance is no act; the sending is


def test_the_checks_are_a_setting(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Argentina does not formally recognise Kosovo as an independent state."
    monkeypatch.setattr(coder, "NOT_HAPPENINGS", frozenset())
    assert [(e.action, e.status) for e in _events(nlp, text)] == [("REJECT", "happened")]
    monkeypatch.setattr(coder, "NOT_HAPPENINGS", frozenset({"denied"}))
    assert [e.status for e in _events(nlp, "Israel did not attack the convoy.")] == []
    assert [e.action for e in _events(nlp, "Beijing said it would not rule out the use of force.")] == ["THREATEN"]
