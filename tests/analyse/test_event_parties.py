"""Names near an event that are no party to it (a meeting's venue, a reporting outlet, an expletive "it"), pronouns
that stand for a person named before, and acts undergone ("faced sanctions from …")."""

from __future__ import annotations

import re
from typing import Any

from storyline.analyse.events import events_from_doc
from storyline.model import Event, Sentence


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text), article_id="a1")


def test_a_meetings_venue_is_no_party(nlp: Any) -> None:
    evs = _events(nlp, "Chilean and Peruvian officials praised the Osaka summit.")
    assert evs and all(e.actor_text != "Osaka" and e.target_country != "JPN" for e in evs)
    (ev,) = _events(nlp, "The two delegations held talks in Munich on Friday.")
    assert ev.action == "CONSULT" and "DEU" not in (ev.actor_country, ev.target_country)


def test_a_reporting_outlet_and_an_expletive_it_are_no_actors(nlp: Any) -> None:
    (ev,) = _events(nlp, "The Morning Herald reported that it would be easier to pressure him.")
    assert ev.action == "COERCE" and ev.actor_text is None
    text = (
        "The minister decided to raise the issue with the envoy in the capital, where it would be easier to press him."
    )
    evs = _events(nlp, text)
    press = next(e for e in evs if e.trigger == "press")
    assert press.actor_text == "minister"


def test_pronouns_stand_for_the_person_named_before(nlp: Any) -> None:
    text = "Prime Minister Jane Okafor addressed parliament on Monday. The army detained her on Tuesday."
    (ev,) = _events(nlp, text)
    assert (ev.action, ev.actor_text, ev.target_text) == ("COERCE", "army", "Prime Minister Jane Okafor")
    assert ev.spans["target"] == [0, len("Prime Minister Jane Okafor")]
    text = "The envoy Tom Reyes met Governor Ana Silva, and Silva later urged him to stay."
    urged = next(e for e in _events(nlp, text) if e.trigger == "urged")
    assert urged.target_text == "Tom Reyes"


def test_acts_undergone_are_the_givers(nlp: Any) -> None:
    (ev,) = _events(nlp, "Iran faced new sanctions from Canada.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("SANCTION", "CAN", "IRN")
    (ev,) = _events(nlp, "The mayor of Basra suffered repeated attacks by militants.")
    assert (ev.action, ev.actor_text, ev.target_text) == ("ASSAULT", "militants", "mayor of Basra")


def test_codebook_rules_of_the_fifth_round(nlp: Any) -> None:
    cases = {
        "Croatian troops withdrew from their positions near the river, Bosnian officials said.": "RETREAT",
        "The king of Spain hosted his Moroccan counterpart in Madrid.": "CONSULT",
        "The army gave the rebels three days to surrender their weapons.": "THREATEN",
        "A suicide bomber blew himself up outside a hotel in Kabul.": "ASSAULT",
        "The admiral ordered two destroyers to the Black Sea.": "MOBILIZE",
        "The ruling party recognized the opposition's victory in the mayoral race.": "CONCEDE",
        "Seoul said all options remained on the table if Pyongyang tested another missile.": "THREATEN",
        "Moscow said it would not renounce the use of force in the region.": "THREATEN",
        "Chile cautioned Bolivia that it would defend its northern border.": "THREATEN",
        "A Kenyan court convicted two former ministers of fraud.": "ACCUSE",
    }
    for text, action in cases.items():
        evs = _events(nlp, text)
        assert evs and evs[0].action == action, (text, [e.action for e in evs])


def test_a_possessive_pronoun_codes_the_actor_as_its_owner(nlp: Any) -> None:
    (ev, *_) = _events(
        nlp, "Kenya's defence minister said his troops were ready to drive the raiders out of the valley."
    )
    assert (ev.action, ev.actor_country) == ("THREATEN", "KEN")


def test_what_is_discussed_and_who_is_forced(nlp: Any) -> None:
    text = (
        "Peru's president-elect Ana Torres and Chilean President Luis Vera discussed copper, fishing and water rights."
    )
    (ev,) = _events(nlp, text)
    assert (ev.action, ev.actor_country, ev.target_country) == ("CONSULT", "PER", "CHL")
    assert ev.target_text == "Chilean President Luis Vera"
    (ev,) = _events(nlp, "Small farmers in the valley were angry about being forced to sell their land.")
    assert (ev.action, ev.actor_text, ev.target_text) == ("COERCE", None, "Small farmers in the valley")
    # a feared act is not reported: "worry about being forced" tells of no coercion
    assert _events(nlp, "Small farmers in the valley worry about being forced to sell their land.") == []


def test_a_subheading_mid_article_reports_no_event(nlp: Any) -> None:
    text = (
        "Rebels Attack Army Post Near Border\n"
        "Rebels attacked an army post near the border on Tuesday, the defence ministry said.\n"
        "Ceasefire Talks Discussed\n"
        "Officials said more talks would follow.\n"
    )
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]  # one sentence a line, as the pipeline
    found = events_from_doc(nlp(text), [Sentence(a, b) for a, b in lines], article_id="a")
    cited = [text[e.cites[0].start : e.cites[0].end] for e in found]
    assert cited and not any("Ceasefire Talks Discussed" in c for c in cited)
    assert "Rebels attacked an army post near the border on Tuesday, the defence ministry said." in cited


def test_a_name_that_names_a_room_is_no_ones_antecedent(nlp: Any) -> None:
    from storyline.analyse.event_parties import _person

    doc = nlp("Speaking to reporters in the James S. Brady briefing room, the president said the nation was united.")
    brady = next(t for t in doc if t.text == "Brady")
    assert not _person(brady)
