"""Events per clause: PLOVER type, actor and target coded to country and sector, status, trigger."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.event_actors import code_phrase, countries_in, sector_of
from storyline.analyse.event_patterns import patterns
from storyline.analyse.events import NO_EVENT, events_from_doc, tables
from storyline.model import Event


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text), article_id="a1")


def test_tables_load_and_name_only_plover_types() -> None:
    types = {r.type for rules in tables().rules.values() for r in rules} - {NO_EVENT}
    plover = set(
        "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION "
        "MOBILIZE COERCE ASSAULT".split()
    )
    assert types <= plover and len(types) == 16
    assert {p.type for p in patterns()} - {NO_EVENT} <= plover
    assert set(tables().intent.values()) <= {"AGREE", "THREATEN"}


@pytest.mark.parametrize(
    ("phrase", "coded"),
    [
        ("Chinese President Xi Jinping", ("CHN", "GOV")),
        ("Burundian militiamen", ("BDI", "MIL")),
        ("Beijing", ("CHN", "GOV")),
        ("the U.S.", ("USA", "GOV")),
        ("Swiss doctors", ("CHE", "MED")),
        ("U.N. Secretary-General Kofi Annan", ("IGO", "IGO")),
        ("British Defence Secretary Tom King", ("GBR", "GOV")),
        ("the Security Council", ("IGO", "GOV")),
        ("Nigerians", ("NGA", "CVL")),
        ("Palestinians of the West Bank", ("PSE", "CVL")),
        ("Radical French farmers", ("FRA", "AGR")),
        ("Afghan guerillas", ("AFG", "REB")),
        ("us", (None, None)),
    ],
)
def test_actor_phrases_are_coded_to_country_and_sector(phrase: str, coded: tuple[str | None, str | None]) -> None:
    assert code_phrase(phrase) == coded


def test_countries_in_reads_longest_names_first() -> None:
    assert [c for _, c, _ in countries_in("troops from North Korea and South Korea")] == ["PRK", "KOR"]
    assert sector_of("Congolese refugees", "refugees") == "REF"


def test_phone_call_is_consult_phone_between_two_governments(nlp: Any) -> None:
    (ev,) = _events(nlp, "Chinese President Xi Jinping called US President Donald Trump on Monday.")
    assert (ev.action, ev.mode, ev.status) == ("CONSULT", "phone", "happened")
    assert (ev.actor_country, ev.actor_sector, ev.target_country) == ("CHN", "GOV", "USA")
    assert ev.trigger == "called" and ev.cites[0].article_id == "a1"
    assert ev.actor_text == "Chinese President Xi Jinping"


def test_planned_visit_is_announced(nlp: Any) -> None:
    ev = _events(nlp, "Trump will visit Beijing in April.")[0]
    assert (ev.action, ev.mode, ev.status, ev.target_country) == ("CONSULT", "visit", "announced", "CHN")


def test_coordinated_clauses_each_get_their_event(nlp: Any) -> None:
    evs = _events(nlp, "China suspended export controls on rare earths, and the US eased tariffs.")
    # export controls eased: a trade curb (CAMEO 085, RETREAT); tariffs lowered: a concession (081)
    assert [(e.action, e.actor_country) for e in evs] == [("RETREAT", "CHN"), ("CONCEDE", "USA")]
    assert "economic" in evs[1].context


def test_rejection_and_passive_attack(nlp: Any) -> None:
    (rej,) = _events(nlp, "Taiwan's premier rejected Beijing's call for a return.")
    assert (rej.action, rej.actor_country, rej.target_country) == ("REJECT", "TWN", "CHN")
    ev = _events(nlp, "A camp for Congolese refugees was attacked by Burundian militiamen armed with machetes.")[0]
    assert (ev.action, ev.actor_country, ev.actor_sector, ev.target_country) == ("ASSAULT", "BDI", "MIL", "COD")


def test_negation_intent_and_refusal(nlp: Any) -> None:
    assert _events(nlp, "The army did not attack the village.")[0].status == "denied"
    ev = _events(nlp, "The rebels said they will release the hostages.")[0]
    assert (ev.action, ev.status) == ("AGREE", "announced")  # an intent to cooperate is AGREE
    assert _events(nlp, "Iran threatened to impose sanctions on Iraq.")[0].action == "THREATEN"
    assert _events(nlp, "The rebels refused to release the hostages.")[0].action == "REJECT"


def test_spans_point_into_the_text(nlp: Any) -> None:
    text = "Japan protested to China over the travel advisory."
    (ev,) = _events(nlp, text)
    a, b = ev.spans["actor"]
    assert text[a:b] == "Japan" and ev.action == "ACCUSE"  # a state's protest to another: a complaint (CAMEO 114)
    assert Event.from_json(ev.to_json()) == ev


def test_office_holders_code_their_country_only_as_names() -> None:
    from storyline.analyse.event_actors import office_holder_of

    assert code_phrase("President Bush") == ("USA", "GOV")
    assert office_holder_of("Vladimir Putin's spokesman") == "RUS"
    assert office_holder_of("a bush fire") is None and office_holder_of("") is None


def test_topics_and_happenings_are_no_parties(nlp: Any) -> None:
    (ev,) = _events(nlp, "Trump and Xi also discussed the war in Ukraine.")
    assert (ev.action, ev.actor_text, ev.target_text) == ("CONSULT", "Trump", "Xi")
    assert (ev.actor_country, ev.target_country) == ("USA", "CHN")
    evs = _events(nlp, "Other issues discussed at the summit included the trade truce.")
    assert all(e.actor_text is None for e in evs)
    evs = _events(nlp, "The summit in South Korea had focused on tariffs.")
    assert all(e.actor_text != "summit in South Korea" for e in evs)


def test_names_and_attributions_trigger_nothing(nlp: Any) -> None:
    text = "The U.S. approved a package, according to a statement from the Defense Security Cooperation Agency."
    evs = _events(nlp, text)
    assert "COOPERATE" not in {e.action for e in evs}
    evs = _events(nlp, "The army held the town, according to a press release by the rebels.")
    assert "RETREAT" not in {e.action for e in evs}


def test_sanctions_demands_and_untargeted_protests(nlp: Any) -> None:
    (ev, *_) = _events(nlp, "President Bill Clinton has imposed sanctions on the Taliban.")
    assert (ev.action, ev.actor_country) == ("SANCTION", "USA")
    (ev, *_) = _events(nlp, "Egyptian demonstrators rioted in Cairo on Friday.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("PROTEST", "EGY", "EGY")


def test_joined_verb_is_told_as_the_first(nlp: Any) -> None:
    evs = _events(nlp, "China will suspend its export controls on rare earths and ease curbs on gallium shipments.")
    assert [(e.status, e.actor_country) for e in evs] == [("announced", "CHN"), ("announced", "CHN")]


def test_passive_raising_and_passive_host(nlp: Any) -> None:
    (ev,) = _events(nlp, "The United States is expected to ease tariffs on Chinese goods next month.")
    assert (ev.status, ev.actor_text) == ("announced", "United States")
    (ev,) = _events(nlp, "Kenyan President William Ruto was received by Chinese leader Xi Jinping in Beijing.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("CONSULT", "CHN", "KEN")


def test_a_call_made_to_a_leader_is_a_call(nlp: Any) -> None:
    (ev,) = _events(nlp, "Xi Jinping made a rare call to Donald Trump on Monday.")
    assert (ev.action, ev.mode, ev.target_text) == ("CONSULT", "phone", "Donald Trump")
    assert _events(nlp, "Egypt made a call for calm in Gaza.")[0].action == "REQUEST"


def test_air_strikes_arms_sent_calls_taken_and_denied_accusations(nlp: Any) -> None:
    (ev,) = _events(nlp, "Turkey launched air strikes on Kurdish militants in northern Iraq.")
    assert ev.action == "ASSAULT"
    assert _events(nlp, "Unions launched a general strike in Paris.")[0].action == "PROTEST"
    (ev,) = _events(nlp, "The United States sent 300 missiles to Israel last month.")
    assert (ev.action, ev.target_country) == ("AID", "ISR")  # military aid (CAMEO 072)
    assert _events(nlp, "Russia sent troops to the border with Ukraine.")[0].action == "MOBILIZE"
    (ev,) = _events(nlp, "Egypt's president received a phone call from the Saudi crown prince.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("CONSULT", "EGY", "SAU")
    (ev,) = _events(nlp, "Pakistan denied accusations by India that it had sheltered militants.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("REJECT", "PAK", "IND")


def test_visits_tests_crushing_questioning_and_decrees(nlp: Any) -> None:
    (ev,) = _events(nlp, "U.S. Secretary of State Antony Blinken arrived in Beijing on Sunday.")
    assert (ev.action, ev.mode, ev.target_country) == ("CONSULT", "visit", "CHN")
    assert not _events(nlp, "Thousands of refugees arrived in Greece.")
    (ev,) = _events(nlp, "North Korea test-fired two ballistic missiles into the sea.")
    assert ev.action == "MOBILIZE"  # a show of force (CAMEO 150), no attack
    assert _events(nlp, "Colombia's president vowed to crush the rebels.")[0].action == "THREATEN"
    assert _events(nlp, "Israeli police questioned the prime minister over bribes.")[0].action == "ACCUSE"
    (ev,) = _events(nlp, "Putin signed a decree annexing four Ukrainian regions.")
    assert (ev.action, ev.target_country) == ("COERCE", "UKR")  # the annexing, no agreement signed


def test_light_verbs_carry_their_act_and_cut_supplies(nlp: Any) -> None:
    (ev,) = _events(nlp, "The rebels vowed to continue fighting.")
    assert (ev.action, ev.status) == ("THREATEN", "announced")  # a vow of force (CAMEO 13), not AGREE
    assert _events(nlp, "The army will continue to attack rebel positions.")[0].status == "announced"
    (ev,) = _events(nlp, "Russia said it may cut gas supplies to Ukraine if the debt was not paid.")
    assert (ev.action, ev.target_country) == ("THREATEN", "UKR")
    assert _events(nlp, "Russia cut gas supplies to Ukraine.")[0].action == "SANCTION"  # CAMEO 162


def test_blocking_by_arms_by_protest_and_of_a_plan(nlp: Any) -> None:
    (ev,) = _events(nlp, "Aid convoys were blocked by Serb forces near Srebrenica.")
    assert (ev.action, ev.actor_country) == ("ASSAULT", "SRB")  # a blockade (CAMEO 191), coded with the fighting
    assert _events(nlp, "Farmers blocked roads across France.")[0].action == "PROTEST"  # CAMEO 144
    (ev,) = _events(nlp, "Hungary blocked an EU plan to send aid to Ukraine.")
    assert (ev.action, ev.actor_country) == ("REJECT", "HUN")  # as a veto (CAMEO 129)


def test_a_person_acted_on_in_the_passive_is_the_target(nlp: Any) -> None:
    (ev,) = _events(nlp, "The Iranian ambassador was expelled from Argentina on Friday.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("SANCTION", "ARG", "IRN")
    (ev,) = _events(nlp, "Sanctions on Iran were lifted on Monday.")
    assert (ev.action, ev.target_country) == ("RETREAT", "IRN")


def test_resignations_accepted_and_citizenship_stripped(nlp: Any) -> None:
    text = "The president accepted the resignation of his prime minister after mass protests."
    assert _events(nlp, text)[0].action == "CONCEDE"  # CAMEO 0831, not the protests behind it
    assert _events(nlp, "Moscow stripped the dissident of his citizenship.")[0].action == "COERCE"  # CAMEO 172


def test_two_sides_that_clash_or_keep_a_truce(nlp: Any) -> None:
    (ev,) = _events(nlp, "A ceasefire between Israel and Hezbollah took effect on Wednesday.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("RETREAT", "ISR", "LBN")
    (ev,) = _events(nlp, "Armenian and Azerbaijani forces clashed along the border.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("ASSAULT", "ARM", "AZE")
    (ev,) = _events(nlp, "China and the US had fought shoulder to shoulder against fascism.")
    assert ev.target_country != "USA"  # allies, not foes


def test_acting_jointly_is_cooperating(nlp: Any) -> None:
    (ev,) = _events(nlp, "French and Moroccan police jointly dismantled a drug trafficking network.")
    assert (ev.action, ev.actor_country, ev.target_country) == ("COOPERATE", "FRA", "MAR")  # CAMEO 06
    assert _events(nlp, "China and Russia jointly vetoed the resolution.")[0].action == "REJECT"  # the table's
    assert _events(nlp, "The rebels dismantled their camps.")[0].action == "RETREAT"  # CAMEO 087


def test_a_meeting_joined_to_another_act_is_its_setting(nlp: Any) -> None:
    evs = _events(nlp, "Albright met Arafat in Ramallah and urged him to crack down on militants.")
    assert [e.action for e in evs] == ["REQUEST", "CONSULT"]  # the demand is the main event, the meeting after it


def test_a_happening_that_causes_an_act_is_its_background(nlp: Any) -> None:
    assert _events(nlp, "The massacre sparked protests across the country.")[0].action == "PROTEST"
    (ev,) = _events(nlp, "Attacks on aid workers forced the United Nations to suspend operations in Darfur.")
    assert (ev.action, ev.actor_country) != ("COERCE", None)  # no party forced anyone: the suspension is the act
    assert _events(nlp, "The rebels forced the villagers to leave.")[0].action == "COERCE"


def test_a_state_that_protests_complains(nlp: Any) -> None:
    (ev,) = _events(nlp, "China protested strongly against the U.S. arms sale to Taiwan.")
    assert (ev.action, ev.target_country) == ("ACCUSE", "USA")  # an official complaint (CAMEO 114)
    assert _events(nlp, "Thousands of Serbs protested against the arrest of their leader.")[0].action == "PROTEST"
