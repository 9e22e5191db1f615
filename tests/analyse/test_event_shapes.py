"""Event coding: verb shapes grouped as the CAMEO verb dictionary groups them, relative pronouns, role nouns and the
speaker's own state bodies. Every sentence is made up."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _main(nlp: Any, text: str) -> Event:
    evs = events_from_doc(nlp(text), article_id="a1")
    assert evs, text
    return evs[0]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Israel called off ceasefire negotiations with Hamas.", "SANCTION"),  # the talks end, no ceasefire
        ("The militia called off the ceasefire on Sunday.", "ASSAULT"),  # ending a truce stays force
        ("Helicopters dropped barrel bombs on the town.", "ASSAULT"),
        ("A Moscow court ordered the liquidation of the rights group.", "COERCE"),
        ("The prime minister caved in to the strikers.", "CONCEDE"),
        ("The government dropped plans to raise fuel prices.", "CONCEDE"),
        ("German prosecutors handed over evidence to their French counterparts.", "COOPERATE"),
        ("American and Philippine marines trained together in joint exercises.", "COOPERATE"),
        ("Police took the suspects into custody.", "COERCE"),
        ("The troops left the city on Monday.", "RETREAT"),
        ("The government suspended the opposition newspaper.", "COERCE"),
        ("Mali ordered French troops to leave the country.", "SANCTION"),
        ("South Africa filed a case against Israel at the court.", "ACCUSE"),
        ("Soldiers raped women in the village.", "ASSAULT"),  # lemmatized "rap", whose rules need speech
        ("Serb forces drove thousands of Albanians from their homes.", "ASSAULT"),  # a mass expulsion
        ("Iran let U.N. inspectors visit the plant on Monday.", "RETREAT"),  # "let" takes no "to"
        ("Nigeria sent peacekeepers to protect civilians in Liberia.", "AID"),
        ("The government deployed soldiers to guard polling stations.", "MOBILIZE"),
        ("The rebels handed in their weapons.", "RETREAT"),  # "in" parsed as a preposition
        ("The junta dissolved parliament on Monday.", "COERCE"),
        ("Thousands of troops poured into the region.", "MOBILIZE"),
        ("Pakistan protested to India over the shelling.", "ACCUSE"),  # an official complaint (CAMEO 114)
        ("Students protested to demand lower fees.", "PROTEST"),
        ("Israel suspended its air strikes on Gaza.", "RETREAT"),  # no labour strike called off
        ("The union suspended its strike at the port.", "CONCEDE"),
    ],
)
def test_verb_groups(nlp: Any, text: str, action: str) -> None:
    assert _main(nlp, text).action == action


def test_own_troops_ordered_out_of_barracks_are_not_expelled(nlp: Any) -> None:
    evs = events_from_doc(nlp("The president ordered troops to leave their barracks and patrol the streets."))
    assert all(e.action != "SANCTION" for e in evs)


def test_a_relative_pronoun_stands_for_the_noun_it_describes(nlp: Any) -> None:
    text = '"Police negotiated with the suspect, who gave himself up to police after 6 p.m.," Fanning said.'
    surrender = [e for e in events_from_doc(nlp(text)) if e.trigger.startswith("gave")]
    assert surrender and surrender[0].action == "RETREAT"
    assert surrender[0].actor_text == "suspect"  # not Fanning, who reports it


def test_a_coach_is_a_party(nlp: Any) -> None:
    ev = _main(nlp, "The coach was arrested by police in Madrid.")
    assert (ev.action, ev.target_text) == ("COERCE", "coach")


def test_a_state_body_a_speaker_names_is_the_speakers_own(nlp: Any) -> None:
    ev = _main(nlp, "Israel's defence minister said the army would strike Beirut if Hezbollah fired rockets.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("THREATEN", "ISR", "LBN")
    rebels = _main(nlp, "Rebels shelled a Cambodian camp near the border, Thai military sources said.")
    assert rebels.actor_country != "THA"  # rebels are no speaker's own


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Al-Shabaab militants stormed a hotel in Mogadishu.", "SOM"),
        ("Boko Haram fighters attacked a village.", "NGA"),
        ("The Knesset condemned the attack on the embassy.", "ISR"),
    ],
)
def test_armed_groups_and_bodies_code_their_country(nlp: Any, text: str, country: str) -> None:
    assert _main(nlp, text).actor_country == country


def test_the_doer_of_a_condemned_act_is_the_target(nlp: Any) -> None:
    ev = _main(nlp, "The U.N. Security Council condemned the invasion of Kuwait by Iraq.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("ACCUSE", "IGO", "IRQ")


def test_older_bodies_code_as_the_codebook_does(nlp: Any) -> None:
    assert _main(nlp, "The European Community imposed sanctions on Yugoslavia.").actor_country == "IGO"
    assert _main(nlp, "Pope John Paul II appealed for peace in Lebanon.").actor_country == "VAT"


def test_hostages_handed_over_are_released(nlp: Any) -> None:
    assert _main(nlp, "The hostages were handed over to the Red Cross.").action == "RETREAT"


def test_a_verb_parsed_as_describing_the_root_noun_takes_it_as_subject(nlp: Any) -> None:
    ev = _main(nlp, "The rebels handed in their weapons.")  # "rebels" parsed as the root, "handed" as its clause
    assert (ev.action, ev.actor_text) == ("RETREAT", "rebels")


def test_what_a_power_allows_is_no_act(nlp: Any) -> None:
    text = "Congress' own power to take witnesses into custody hasn't been used in years."
    assert events_from_doc(nlp(text)) == []


def test_dismissed_as_baseless_is_a_rejection(nlp: Any) -> None:
    assert _main(nlp, "Iran dismissed the charges as baseless.").action == "REJECT"
    assert events_from_doc(nlp("The ministry denied the report.")) == []  # a plain denial is no event


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The truce saw the U.S. lower fentanyl-related tariffs on Chinese goods.", "tariffs"),  # "lower": adjective
        ("Reduced duties on Chinese steel took effect on Monday.", "duties"),
        ("The lifting of the ban on beef imports came on Monday.", "ban"),
        ("Trade outcomes: US tariff reductions and Chinese soybean purchases.", "tariff"),  # a fact box's note
    ],
)
def test_a_measure_lowered_is_a_concession_not_the_measure(nlp: Any, text: str, trigger: str) -> None:
    evs = events_from_doc(nlp(text), article_id="a1")
    assert [e.action for e in evs if trigger in (e.trigger or "")] == ["CONCEDE"], text


def test_a_measure_named_alone_or_imposed_stays_coercion(nlp: Any) -> None:
    assert _main(nlp, "Washington imposed tariffs on Chinese steel.").action == "COERCE"
