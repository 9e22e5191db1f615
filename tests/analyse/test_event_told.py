"""Event coding: how an act is told (attempted, pledged as a measure against a party) and who a quoted "we" is.
Every sentence is made up."""

from __future__ import annotations

from typing import Any

from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text), article_id="a1")


def _first(nlp: Any, text: str, action: str) -> Event:
    return next(e for e in _events(nlp, text) if e.action == action)


def test_an_attempted_act_is_not_told_as_done(nlp: Any) -> None:
    assert _first(nlp, "Rwanda attempted to expel the UN envoy.", "SANCTION").status == "hypothetical"
    assert _first(nlp, "The rebels tried to overthrow the government.", "ASSAULT").status == "hypothetical"
    assert _first(nlp, "The junta moved to dissolve the opposition party.", "COERCE").status == "hypothetical"


def test_an_attempt_keeps_its_own_status_when_it_is_not_done(nlp: Any) -> None:
    assert _first(nlp, "Iran did not try to seize the tanker.", "COERCE").status == "denied"
    assert _first(nlp, "The army moved troops to the border.", "MOBILIZE").status == "happened"
