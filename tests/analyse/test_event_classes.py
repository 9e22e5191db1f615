"""Event coding by error class: objects that are people, noun triggers with "between", agentless passives of
mobilization, acts in relative clauses, verbs of will, the place of talks. Every sentence is made up."""

from __future__ import annotations

from typing import Any

from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _main(nlp: Any, text: str) -> Event:
    evs = events_from_doc(nlp(text), article_id="a1")
    assert evs, text
    return evs[0]


def test_hosting_or_calling_a_person_named_by_office_is_consult(nlp: Any) -> None:
    ev = _main(nlp, "The Thai prime minister received the visiting Lao foreign minister in Bangkok.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("CONSULT", "THA", "LAO")
    ev = _main(nlp, "Chile's president telephoned Peru's president about the fishing dispute.")
    assert (ev.action, ev.mode, ev.target_country) == ("CONSULT", "phone", "PER")


def test_talks_between_two_sides_are_theirs(nlp: Any) -> None:
    ev = _main(nlp, "Talks between Angolan government and rebel envoys resumed in Lusaka on Friday.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("CONSULT", "AGO", "AGO")  # Lusaka is the venue


def test_the_venue_of_talks_is_no_party_but_a_visit_s_place_is(nlp: Any) -> None:
    ev = _main(nlp, "Nepalese officials held talks with Maoist leaders in New Delhi.")
    assert (ev.actor_country, ev.target_country) == ("NPL", "NPL")
    ev = _main(nlp, "The Greek foreign minister arrived in Ankara on Monday on an official visit.")
    assert (ev.action, ev.target_country) == ("CONSULT", "TUR")


def test_an_agentless_passive_of_mobilization_is_the_mobilizing_side(nlp: Any) -> None:
    ev = _main(nlp, "The Indian navy was put on high alert after the attack.")
    assert (ev.action, ev.actor_country) == ("MOBILIZE", "IND")


def test_a_date_is_no_target(nlp: Any) -> None:
    ev = _main(nlp, "Rwandan and Ugandan envoys negotiated for two days in Geneva.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("CONSULT", "RWA", "UGA")


def test_a_verb_of_will_takes_the_intent_of_the_act_it_takes(nlp: Any) -> None:
    ev = _main(nlp, "Kashmiri militants vowed to step up their attacks on Indian troops.")
    assert ev.action == "THREATEN"
    ev = _main(nlp, "Norway pledged to help rebuild schools in Haiti.")
    assert ev.action == "AGREE"


def test_an_act_in_a_relative_clause_is_background(nlp: Any) -> None:
    ev = _main(nlp, "The Malawian parliament overturned a decree that banned independent radio stations.")
    assert (ev.action, ev.actor_country) == ("CONCEDE", "MWI")


def test_table_rules_of_the_third_round(nlp: Any) -> None:
    cases = [
        ("Laotian and Thai soldiers launched joint patrols along the Mekong.", "COOPERATE"),
        ("Kenyan troops attacked Somali rebel positions near the border.", "ASSAULT"),  # not a verbal attack
        ("Canada approved $20 million in food aid for Haiti.", "AID"),  # the sum's "in" names what is given
        ("French doctors treated wounded civilians in Chad.", "AID"),
        ("The Kenyan parliament voted against the constitutional amendment.", "REJECT"),
        ("Greece summoned the Turkish ambassador over the incident.", "ACCUSE"),
        ("Egyptian police raided the offices of an opposition newspaper.", "COERCE"),
    ]
    for text, action in cases:
        assert _main(nlp, text).action == action, text


def test_armed_groups_and_bodies_code_their_country() -> None:
    from storyline.analyse.event_actors import code_phrase

    assert code_phrase("Tamil rebels")[0] == "LKA"
    assert code_phrase("the Vatican")[0] == "VAT"
    assert code_phrase("the Commonwealth")[0] == "IGO"
    assert code_phrase("police in Tamil Nadu")[0] == "IND"  # the longer name first


def test_joined_verbs_are_acts_of_their_own(nlp: Any) -> None:
    doc = nlp("Iranian officials accused Britain of spying and expelled two diplomats.")
    evs = events_from_doc(doc, article_id="a")
    assert [e.action for e in evs] == ["ACCUSE", "SANCTION"]
    assert evs[1].actor_country == "IRN"


def test_a_negated_act_of_cooperation_is_a_refusal(nlp: Any) -> None:
    ev = _main(nlp, "Libya said it would not attend the peace conference in Geneva.")
    assert (ev.action, ev.status, ev.actor_country) == ("REJECT", "happened", "LBY")  # the refusal is told as done
    ev = _main(nlp, "Armenian troops did not attack the village.")  # a denied act of force keeps its type
    assert (ev.action, ev.status) == ("ASSAULT", "denied")


def test_sanctions_named_by_their_noun_are_sanction(nlp: Any) -> None:
    ev = _main(nlp, "Australian sanctions on Myanmar took effect on Monday.")
    assert (ev.action, ev.actor_country) == ("SANCTION", "AUS")
