"""Event coding: acts bound, allowed, shunned or set on a condition, pronoun actors, and names that belong to another
act or another's opinion. Every sentence is made up."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text), article_id="a1")


def _first(nlp: Any, text: str, action: str) -> Event:
    return next(e for e in _events(nlp, text) if e.action == action)


def test_an_act_a_law_requires_is_not_done_and_the_law_asks_no_one(nlp: Any) -> None:
    assert _events(nlp, "Canadian law requires Ottawa to supply Ukraine with shells.") == []  # the law's terms
    evs = _events(nlp, "The ruling required Ottawa to supply Ukraine with shells.")  # told as done: the act is not
    assert [(e.action, e.status) for e in evs] == [("AID", "hypothetical")]


def test_an_act_someone_is_reluctant_to_do_is_not_done(nlp: Any) -> None:
    assert _first(nlp, "Mr Modi was reluctant to discuss Kashmir.", "CONSULT").status == "hypothetical"


def test_refraining_from_backing_is_no_support(nlp: Any) -> None:
    evs = _events(nlp, "Macron and his ministers have refrained from publicly backing Kyiv.")
    assert evs and evs[0].action == "REJECT"


def test_a_ruling_that_allows_an_act_yields_nothing(nlp: Any) -> None:
    evs = _events(nlp, "The ruling allows Kenya to deploy police to Haiti.")
    assert "CONCEDE" not in {e.action for e in evs}
    assert _first(nlp, "Sudan's president allowed the opposition to hold rallies.", "CONCEDE").actor_country == "SDN"


def test_a_refusal_set_on_a_condition_hung_on_its_object_is_an_ultimatum(nlp: Any) -> None:
    text = "Athens said it could block Skopje's bid to join the union unless Skopje changed its name."
    assert _events(nlp, text)[0].action == "THREATEN"


def test_he_stands_for_the_office_holder_before_it(nlp: Any) -> None:
    ev = _events(nlp, "The Kenyan president said he might cancel the defence pact with Britain.")[0]
    assert ev.actor_country == "KEN"


def test_he_never_stands_for_they(nlp: Any) -> None:
    text = "Analysts pointed to Emmanuel Macron praising the union even though he tried to ban it."
    ev = _first(nlp, text, "COERCE")
    assert ev.actor_text == "Emmanuel Macron" and ev.actor_country == "FRA"


def test_a_pronoun_no_name_resolves_is_no_actor_shown(nlp: Any) -> None:
    ev = _first(nlp, "They talked about trade and beef, he said.", "CONSULT")
    assert ev.actor_text is None and "actor" not in ev.spans


def test_a_name_in_another_act_of_the_same_subject_is_no_party(nlp: Any) -> None:
    text = "Erdogan has offered to host talks and has voiced doubt about his commitment to Sweden's security."
    assert _events(nlp, text)[0].target_country != "SWE"


def test_a_name_in_another_s_opinion_of_a_thing_is_no_party(nlp: Any) -> None:
    text = "Macron is pressing for a new budget deal, which critics say would favor German farmers."
    ev = _first(nlp, text, "REQUEST")
    assert ev.target_country != "DEU"


def test_opening_crossings_to_aid_lets_it_in(nlp: Any) -> None:
    ev = _events(nlp, "Jordan opened three crossings to United Nations aid trucks.")[0]
    assert (ev.action, ev.actor_country) == ("RETREAT", "JOR")


def test_settling_on_a_course_is_agreeing(nlp: Any) -> None:
    assert _events(nlp, "Egypt and Qatar settled on reopening their embassies.")[0].action == "AGREE"


def test_the_object_of_a_joined_act_stays_a_party(nlp: Any) -> None:
    ev = _first(nlp, "Chile protested the sale and urged the Peruvian government to halt it.", "ACCUSE")
    assert ev.target_country == "PER"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("The junta ordered the refugee council to shut its offices in Yangon.", "COERCE"),  # closing a body down
        ("Belgrade barred OSCE monitors from entering Kosovo.", "REJECT"),  # declining international involvement
        ("Tripoli set free the two Bulgarian nurses.", "RETREAT"),  # a release
        ("Seoul and Tokyo initialled a fisheries accord.", "SUPPORT"),  # signing a formal agreement
        ("Kabul said there was no question of releasing the prisoners.", "REJECT"),  # a release ruled out
        ("The army said it would crush any revolt in the north.", "THREATEN"),  # repression intended
        ("The government freed the press from censorship rules.", "CONCEDE"),  # easing restrictions
    ],
)
def test_codebook_acts_in_other_words(nlp: Any, text: str, action: str) -> None:
    assert _events(nlp, text)[0].action == action


def test_consequences_a_party_is_told_it_faces_are_a_threat_to_it(nlp: Any) -> None:
    ev = _events(nlp, "Moscow said Tbilisi would face a harsh response to any provocation.")[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("THREATEN", "RUS", "GEO")
    ev = _events(nlp, "The Pentagon said Syria risked air strikes if it used chemical weapons.")[0]
    assert (ev.action, ev.target_country) == ("THREATEN", "SYR")


def test_handing_back_what_was_taken_is_a_return(nlp: Any) -> None:
    assert _events(nlp, "Germany handed back to Nigeria the bronze artefacts taken in 1897.")[0].action == "RETREAT"


def test_a_show_of_force_with_no_one_named_is_at_home(nlp: Any) -> None:
    ev = _events(nlp, "Kenya called up 2,000 police reservists.")[0]
    assert (ev.action, ev.target_country) == ("MOBILIZE", "KEN")


def test_what_a_risk_is_is_feared_not_done(nlp: Any) -> None:
    assert _events(nlp, "The danger for Manila now is that Beijing seeks to drive a wedge between the allies.") == []


def test_what_it_is_important_to_do_is_not_done(nlp: Any) -> None:
    evs = _events(nlp, "It is even more important for us to jointly defend the treaty, the minister said.")
    assert all(e.status == "hypothetical" for e in evs)


def test_who_is_asked_when_asked_is_no_asker(nlp: Any) -> None:
    ev = _first(nlp, "The ministry pointed to the communique when asked for details of the talks.", "REQUEST")
    assert ev.actor_text is None and ev.target_text == "ministry"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Paris flew rescue teams to Haiti after the earthquake.", "AID"),  # cargo flown: no visit
        ("The Italian foreign minister flew to Kabul on Sunday.", "CONSULT"),  # a visit
        ("Russian bombers flew over the Baltic in a show of force.", "MOBILIZE"),  # craft visit no one
        ("Weeks of talks between Kabul and the rebels produced a deal on prisoners.", "AGREE"),  # what talks yield
        ("Serbian police vacated the border post.", "RETREAT"),  # a withdrawal
    ],
)
def test_flights_shows_of_force_and_what_talks_yield(nlp: Any, text: str, action: str) -> None:
    assert _events(nlp, text)[0].action == action


def test_saying_a_party_sponsors_terrorism_accuses_it(nlp: Any) -> None:
    ev = _events(nlp, "Kabul charged that Islamabad was harbouring militants.")[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("ACCUSE", "AFG", "PAK")
    ev = _events(nlp, "Egypt's president told a meeting of his party that Sudan was arming the rebels.")[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("ACCUSE", "EGY", "SDN")


def test_the_audience_told_is_no_meeting(nlp: Any) -> None:
    evs = _events(nlp, "The Greek minister told a meeting of the party that elections would be held in May.")
    assert "CONSULT" not in {e.action for e in evs}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Cairo said Khartoum would pay dearly for the raid.", "THREATEN"),
        ("Ankara said Athens would bear the consequences of any such move.", "THREATEN"),
        ("Moscow reserved the right to strike at militant bases in Syria.", "THREATEN"),
        ("The general said his forces could turn the city into rubble.", "THREATEN"),
        ("Manila said it might review its cooperation with Beijing.", "THREATEN"),
        ("The junta said it would dissolve any union that joined the strike.", "THREATEN"),
        ("Washington said it was ready to cut its nuclear arsenal.", "AGREE"),
        ("Ethiopia accepted the border commission's ruling.", "AGREE"),
    ],
)
def test_threats_and_offers_in_the_wire_s_words(nlp: Any, text: str, action: str) -> None:
    assert _events(nlp, text)[0].action == action


def test_an_act_served_by_what_may_be_is_not_done(nlp: Any) -> None:
    ev = _first(nlp, "He told Kishida he could call in any favors needed to help Japan.", "AID")
    assert ev.status == "hypothetical"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("The U.N. envoy warned Serbia to stop the shelling of Sarajevo.", "REQUEST"),  # warned to act: a demand
        ("Ankara said Greece would regret any move to extend its waters.", "THREATEN"),
        ("Tehran said all options were open to defend its oil terminals.", "THREATEN"),
        ("Baku sent back six Armenian prisoners of war.", "RETREAT"),  # a release, no deportation
        ("London unfroze the Libyan assets held in British banks.", "RETREAT"),  # a sanction eased
        ("Ecuador's government dropped the planned fuel price rise after the riots.", "CONCEDE"),
        ("Athens reinforced its garrisons on the islands.", "MOBILIZE"),
    ],
)
def test_demands_threats_and_yielding_in_other_words(nlp: Any, text: str, action: str) -> None:
    assert _events(nlp, text)[0].action == action


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Ankara ordered the pullout of its troops from northern Iraq.", "RETREAT"),  # a retreat ordered
        ("Russia completed the withdrawal of its forces from Chechnya.", "RETREAT"),
        ("Greek prosecutors brought charges against the shipping magnate.", "COERCE"),  # legal action (173)
        ("Madrid turned a deaf ear to Moroccan demands for talks on the enclaves.", "REJECT"),
        ("Kenya gave assurances that it would respect the ceasefire.", "AGREE"),
        ("Dili said it would welcome a U.N. peacekeeping force.", "AGREE"),  # an intent to let a force in
    ],
)
def test_retreats_charges_and_assurances_in_other_words(nlp: Any, text: str, action: str) -> None:
    assert _events(nlp, text)[0].action == action


def test_a_clause_of_its_own_beside_what_may_be_keeps_its_status(nlp: Any) -> None:
    text = "Modi confirmed he would visit Japan in May, while Kishida is expected to visit Delhi later in the year."
    assert [e.status for e in _events(nlp, text)] == ["announced", "announced"]
