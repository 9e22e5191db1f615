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


def test_a_quoted_we_is_the_speaker(nlp: Any) -> None:
    ev = _first(nlp, "“It is even more important for us to jointly safeguard the peace,” Mr Xi said.", "COOPERATE")
    assert ev.actor_text == "Mr Xi"
    ev = _first(nlp, "“We will retaliate against any attack,” the Iranian foreign minister said.", "THREATEN")
    assert (ev.actor_text, ev.actor_country) == ("Iranian foreign minister", "IRN")
    ev = _first(nlp, "“Russia attacked us again last night,” Zelensky said.", "ASSAULT")
    assert (ev.target_text, ev.target_country) == ("Zelensky", "UKR")


def test_a_we_no_speaker_names_is_no_actor_shown(nlp: Any) -> None:
    assert all(e.actor_text is None for e in _events(nlp, "“We will never surrender to the occupiers.”"))
    assert all(e.actor_text is None for e in _events(nlp, "He said that “we will impose sanctions on Russia.”"))


def test_a_speaker_pronoun_goes_on_with_the_speaker_before(nlp: Any) -> None:
    text = (
        "Kenyan President William Ruto told Mr Museveni that the border was calm. "
        "He said “it is even more important for us to jointly safeguard the peace.”"
    )
    ev = _first(nlp, text, "COOPERATE")
    assert (ev.actor_text, ev.actor_country) == ("Kenyan President William Ruto", "KEN")


def test_a_promised_measure_aimed_at_a_party_is_a_threat(nlp: Any) -> None:
    ev = _first(nlp, "Ottawa pledged new tariffs on American steel.", "THREATEN")
    assert (ev.actor_country, ev.target_country) == ("CAN", "USA")
    text = "Washington imposed tariffs on Mexican cement and later promised a further 15 percent hike."
    ev = _first(nlp, text, "THREATEN")
    assert (ev.trigger, ev.target_country) == ("promised hike", "MEX")


def test_a_promised_measure_aimed_at_no_party_is_no_threat(nlp: Any) -> None:
    for text in (
        "The candidate pledged a levy on carbon emissions.",
        "The board pledged a duty of care to members.",
        "Berlin pledged aid to Ukraine.",
        "Brussels pledged a hike in aid to Ukraine.",
        "The union pledged a 5 percent pay rise.",
        "The party pledged a levy on carbon emissions and promised a further hike.",
    ):
        assert "THREATEN" not in {e.action for e in _events(nlp, text)}, text


def test_a_refusal_told_by_a_negation_is_done_not_denied(nlp: Any) -> None:
    ev = _first(nlp, "Argentina did not recognise Kosovo as an independent state in 2008.", "REJECT")
    assert ev.status == "happened"
    assert _first(nlp, "Iran said it would not attend the talks.", "REJECT").status == "happened"
    assert (
        _first(nlp, "Greece said it would not attend the talks if Turkey took part.", "THREATEN").status == "happened"
    )


def test_a_negated_act_that_is_no_refusal_stays_denied(nlp: Any) -> None:
    assert _first(nlp, "Israel did not attack the convoy.", "ASSAULT").status == "denied"
    assert _first(nlp, "Chile did not reject the proposal.", "REJECT").status == "denied"


def test_a_gerund_after_a_verb_of_attention_is_said_of_the_party_before_it(nlp: Any) -> None:
    ev = _first(nlp, "Analysts pointed to Modi vowing to protect the farmers.", "AGREE")
    assert (ev.actor_text, ev.actor_country) == ("Modi", "IND")


def test_a_name_read_as_a_common_word_in_the_subject_is_a_name(nlp: Any) -> None:
    ev = _first(nlp, "Modi in the past has praised his relationship with Putin.", "SUPPORT")
    assert (ev.actor_text, ev.actor_country) == ("Modi", "IND")
    ev = _first(nlp, "Trump in the past has praised his relationship with Lula.", "SUPPORT")
    assert (ev.actor_text, ev.actor_country) == ("Trump", "USA")
    assert all(e.actor_text is None for e in _events(nlp, "Talks in the past have failed."))
