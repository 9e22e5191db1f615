"""Event coding: acts a sentence sets as a case, figures of speech and claims, which report no event; and phrasal
verbs and extradition. Every sentence is made up."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text), article_id="a1")


@pytest.mark.parametrize(
    "text",
    [
        "Will Germany recognise Kosovo as an independent state?",  # a question reports no act
        "Officials said Seoul might intervene if Pyongyang were attacked.",  # the act of a condition
        "Poland and Britain once fought side by side against fascism.",  # allies fighting together
        "Ankara launched a diplomatic offensive at the United Nations.",  # a figure of speech
        "Officials in Manila worry about being forced to choose between the two powers.",  # a feared act
        "Mr Tanaka is retaliating to remarks made by the Korean foreign minister.",  # answering words
        "The visit sent a signal to Moscow.",  # a message is no aid
        "Vietnam insists that only its own people can decide the islands' future.",  # a claim, no demand
        "Tying the islands to the old treaty allows Hanoi to argue its claim.",  # a deed allows, no one yields
    ],
)
def test_no_event(nlp: Any, text: str) -> None:
    got = [(e.action, e.actor_country, e.target_country, e.trigger) for e in _events(nlp, text)]
    assert not [g for g in got if g[0] in ("ASSAULT", "THREATEN", "SUPPORT", "AID", "REQUEST", "CONCEDE", "COERCE")]


def test_a_hypothetical_act_as_a_subject_is_no_event(nlp: Any) -> None:
    text = "An Indian blockade of the port would constitute a grave threat to Nepal."
    assert _events(nlp, text) == []


def test_a_demand_still_insists_on_an_act(nlp: Any) -> None:
    ev = _events(nlp, "Egypt insisted that Israel withdraw from all occupied land.")[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("REQUEST", "EGY", "ISR")


def test_a_condition_leaves_the_act_it_is_set_for(nlp: Any) -> None:
    ev = _events(nlp, "Lebanese unions threatened a general strike if wages were not raised.")[0]
    assert ev.action == "THREATEN"


def test_what_was_discussed_names_no_party(nlp: Any) -> None:
    ev = _events(nlp, "Kashmir was discussed with the British prime minister on Monday.")[0]
    assert ev.action == "CONSULT" and ev.target_country == "GBR"


def test_a_particle_the_parser_hangs_on_the_object(nlp: Any) -> None:
    ev = _events(nlp, "Pakistan said it was prepared to pull back troops from the border if India did the same.")[0]
    assert (ev.action, ev.trigger, ev.actor_country, ev.target_country) == ("AGREE", "pull back", "PAK", "IND")


def test_handing_over_a_suspect_is_judicial_cooperation(nlp: Any) -> None:
    ev = _events(nlp, "Belgium handed over a Rwandan genocide suspect to the tribunal in Arusha.")[0]
    assert (ev.action, ev.actor_country) == ("COOPERATE", "BEL")


def test_an_indefinite_party_takes_no_country_of_the_sentence(nlp: Any) -> None:
    ev = _events(nlp, "Beijing lobbied at the United Nations, pushing countries to side with it.")
    assert all(e.actor_country != "CHN" or e.action != "SUPPORT" for e in ev)


def test_a_nationality_of_a_third_partys_phrase_codes_no_one_else(nlp: Any) -> None:
    # "Japanese" describes the companies, a party of their own: not the union's or the governor's country
    ev = _events(nlp, "The union, which represents workers at Japanese carmakers, criticized the governor.")[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("ACCUSE", None, None)
    ev = _events(nlp, "Unlike Japanese automobile companies, Ford sued the regulator on Monday.")[0]
    assert ev.actor_country is None
    # a place that is no party still codes the parties in it
    ev = _events(nlp, "Police in the Nigerian capital arrested twenty protesters.")[0]
    assert (ev.action, ev.actor_country) == ("COERCE", "NGA")


def test_a_noun_act_takes_the_actor_of_the_act_it_names(nlp: Any) -> None:
    ev = _events(nlp, "He referred to the threat of NATO air strikes.")[0]
    assert (ev.action, ev.actor_country) == ("THREATEN", "IGO")
    ev = _events(nlp, "Kuwait welcomed the release of Iraqi prisoners.")[0]  # the act's patients are not its actor
    assert ev.actor_country == "KWT"


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # force with no victim of another country named: the victims are where it happened (CAMEO 17-20)
        ("A suicide bomber blew himself up outside a police station in northern Iraq.", ("ASSAULT", "IRQ", "IRQ")),
        ("Police in Hanoi detained 20 members of a banned religious sect.", ("COERCE", "VNM", "VNM")),
        ("China staged missile tests in waters near the island of Taiwan.", ("MOBILIZE", "CHN", "TWN")),  # 150
        # a refusal still to come and set on a condition is an ultimatum (139)
        ("Greece said it would veto Turkey's bid unless Ankara withdrew its troops.", ("THREATEN", "GRC", "TUR")),
        ("China said it would never tolerate moves toward Taiwan independence.", ("THREATEN", "CHN", "TWN")),
        ("The Security Council gave Iraq until Friday to resume cooperation.", ("THREATEN", "IGO", "IRQ")),
        ("President Clinton put North Korea on notice.", ("THREATEN", "USA", "PRK")),
        (
            "The Syrian army warned of attacks on Israeli targets.",
            ("THREATEN", "SYR", "ISR"),
        ),  # the warned act's target
    ],
)
def test_warnings_and_force_at_home(nlp: Any, text: str, coded: tuple[str, str, str]) -> None:
    ev = _events(nlp, text)[0]
    assert (ev.action, ev.actor_country, ev.target_country) == coded


def test_a_scene_setting_participle_is_the_background(nlp: Any) -> None:
    text = "Clinton, meeting with his security advisers, said the United States would strike Iraq."
    ev = _events(nlp, text)[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("THREATEN", "USA", "IRQ")


def test_a_condemned_act_is_coded_by_whose_act_it_is(nlp: Any) -> None:
    text = "Lebanon's president condemned Israel's bombing of power stations near Beirut."
    ev = _events(nlp, text)[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("ACCUSE", "LBN", "ISR")


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Turkey's state security court ordered the closure of a pro-Kurdish party.", ("COERCE", "TUR", "TUR")),
        ("Iraq reopened its presidential sites to United Nations arms inspectors.", ("RETREAT", "IRQ", "IGO")),
        ("Angolan rebels handed over control of four towns to the government.", ("RETREAT", "AGO", "AGO")),
        ("U.S. and Mexican drug agents carried out joint raids on cocaine laboratories.", ("COOPERATE", "USA", "MEX")),
        ("Palestinians staged a general strike to protest Israel's settlement policy.", ("PROTEST", "PSE", "ISR")),
    ],
)
def test_acts_of_the_codebook_in_other_words(nlp: Any, text: str, coded: tuple[str, str, str]) -> None:
    ev = _events(nlp, text)[0]
    assert (ev.action, ev.actor_country, ev.target_country) == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Syria said there would be no talks with Israel.", ("REJECT", "SYR", "ISR")),  # "no talks": declined
        ("Armenia and Azerbaijan agreed to a ceasefire in Nagorno-Karabakh.", ("RETREAT", "ARM", "AZE")),  # mutual
        ("Russia condemned U.S. air strikes on Iraq.", ("ACCUSE", "RUS", "USA")),  # whose act is condemned
        ("Japan expressed deep remorse to China for its wartime conduct.", ("SUPPORT", "JPN", "CHN")),  # apology
    ],
)
def test_negated_mutual_and_condemned_acts(nlp: Any, text: str, coded: tuple[str, str, str]) -> None:
    ev = _events(nlp, text)[0]
    assert (ev.action, ev.actor_country, ev.target_country) == coded


@pytest.mark.parametrize(
    "text",
    [
        "Mr Lee said he expects the border issue to feature more prominently this year.",  # a forecast
        "Seoul does not expect the United States to abandon its allies.",  # a forecast denied, nor its act
        "Aides said the president gave no indication that he had discussed sanctions against Iran.",  # denied noun
    ],
)
def test_forecasts_and_denied_contents_are_no_events(nlp: Any, text: str) -> None:
    assert [(e.action, e.trigger) for e in _events(nlp, text)] == []


def test_wanting_a_party_to_act_is_still_a_demand(nlp: Any) -> None:
    ev = _events(nlp, "The United Nations now wants Iraq to destroy its weapons.")[0]  # dated: not a standing wish
    assert (ev.action, ev.actor_country, ev.target_country) == ("REQUEST", "IGO", "IRQ")


def test_an_act_a_modal_clause_sets_as_a_case_is_hypothetical(nlp: Any) -> None:
    evs = _events(nlp, "The president would be well within his rights to offer his support to Poland.")
    assert evs and all(e.status == "hypothetical" for e in evs)


@pytest.mark.parametrize(
    "text",
    [
        "Maurice Cheeks has been fired as head coach of the Philadelphia 76ers.",  # a passive: the person fired
        "The minister was sacked by the president on Friday.",
    ],
)
def test_a_person_fired_or_sacked_in_the_passive_is_a_change_of_staff(nlp: Any, text: str) -> None:
    assert not [e for e in _events(nlp, text) if e.action == "ASSAULT"]


def test_firing_at_people_is_still_an_attack(nlp: Any) -> None:
    assert [e.action for e in _events(nlp, "The soldiers fired on the protesters in Cairo.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Harbour United fired Delacroix as manager on Sunday.",  # a name the tagger may not know for a person's
        "The board fired Mr Okafor for misconduct.",
        "The station fired the anchor over his remarks.",
    ],
)
def test_firing_anyone_but_a_weapon_is_no_attack(nlp: Any, text: str) -> None:
    # "fire" takes its sense from its object: a worker, a coach, a name is dismissed, not shot at
    assert not [e for e in _events(nlp, text) if e.action == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers fired shots at the protesters.",
        "Shots were fired at the protesters.",  # the passive's subject is the object
        "The army fired missiles at rebel positions.",
        "Police fired tear gas at the crowd.",
    ],
)
def test_firing_a_weapon_or_its_rounds_is_an_attack(nlp: Any, text: str) -> None:
    assert [e.action for e in _events(nlp, text)] == ["ASSAULT"]


def test_two_named_leaders_joined_by_and_consult_each_other(nlp: Any) -> None:
    text = (
        "US president-elect Donald Trump and Chinese President Xi Jinping discussed Taiwan, trade and TikTok in a "
        "phone call on Friday."
    )
    ev = _events(nlp, text)[0]
    assert (ev.action, ev.mode, ev.actor_country, ev.target_country) == ("CONSULT", "phone", "USA", "CHN")
    assert ev.actor_text is not None and ev.actor_text.endswith("Donald Trump")
    assert ev.target_text == "Chinese President Xi Jinping"


def test_two_peoples_before_one_noun_stay_one_party(nlp: Any) -> None:
    ev = _events(nlp, "Indian and French navies held joint exercises.")[0]
    assert ev.actor_text == "Indian and French navies"


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses reported seeing a military helicopter flying over the plant.",  # a craft visits no one
        "Moscow backs a new settlement, which critics say would favor Russian demands.",  # a plan acts on no one
    ],
)
def test_no_act_of_a_thing(nlp: Any, text: str) -> None:
    got = [(e.action, e.actor_text, e.trigger) for e in _events(nlp, text)]
    assert not [g for g in got if g[0] in ("CONSULT", "AGREE", "REQUEST")], got


def test_an_act_someone_is_pushed_to_do_is_not_done(nlp: Any) -> None:
    evs = _events(nlp, "Beijing took the dispute to the United Nations, pushing countries to side with it.")
    sided = [e for e in evs if e.trigger == "side"]
    assert sided and sided[0].status == "hypothetical"


def test_a_party_in_quote_marks_keeps_both_marks(nlp: Any) -> None:
    ev = _events(nlp, "The ombudsman called on the “interim” government to withdraw military units.")[0]
    assert ev.target_text == "“interim” government"


def test_a_welcomed_fact_is_the_act_of_its_clause_s_subject(nlp: Any) -> None:
    ev = _events(nlp, "Taiwanese officials welcomed the fact that Trump did not repeat Beijing's wording.")[0]
    assert (ev.action, ev.actor_country, ev.target_country) == ("SUPPORT", "TWN", "USA")


def test_what_a_past_happening_allows_is_no_concession(nlp: Any) -> None:
    assert not [e for e in _events(nlp, "It allowed China to restate its position on Taiwan.") if e.action == "CONCEDE"]
    (ev,) = [e for e in _events(nlp, "China said it would allow inspectors to visit the site.") if e.trigger != "visit"]
    assert ev.actor_country == "CHN"


def test_the_parties_a_truce_includes_stay_parties(nlp: Any) -> None:
    text = (
        "The two leaders signalled that they would continue a truce that includes China suspending export "
        "restrictions while the United States lowers some tariffs."
    )
    assert any(e.target_country == "USA" for e in _events(nlp, text))


def test_an_act_a_proposal_puts_forward_is_not_reported_as_done(nlp: Any) -> None:
    doc = nlp("The mayor did not mention proposals to ban cars from entering the old town.")
    assert not [e for e in doc._.storyline_events if e.trigger.startswith("ban")]
