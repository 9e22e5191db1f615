"""Records no reader can use: a relative pronoun left as a party, an account handle as an actor, the words a
person shouts taken for a person, a noun of force in a phrase of time or background taken for the sentence's act,
a question put taken for a demand, and people said to be wounded taken for the ones who wound."""

from __future__ import annotations

from typing import Any

from storyline.analyse.events import events_from_doc
from storyline.model import Event


def _events(nlp: Any, text: str) -> list[Event]:
    return events_from_doc(nlp(text), article_id="a1")


def _parties(evs: list[Event]) -> set[str]:
    return {p.lower() for e in evs for p in (e.actor_text, e.target_text) if p}


def test_a_relative_pronoun_is_its_antecedent_or_nothing(nlp: Any) -> None:
    text = "Voters may not favour a senator who has called for torture and who is willing to attack the press."
    evs = _events(nlp, text)
    attack = next(e for e in evs if e.trigger == "attack")
    assert attack.actor_text == "senator"
    evs = _events(nlp, "Spokesman Tom Reyes, who was told to leave by the guards, left the hall.")
    assert not {"who", "whom", "which", "that"} & _parties(evs)


def test_a_question_put_is_no_demand(nlp: Any) -> None:
    evs = _events(nlp, "The spokesman Tom Reyes, who was asked about the need for a new strategy, declined.")
    assert all(e.action != "REQUEST" for e in evs) and "who" not in _parties(evs)
    (ev,) = _events(nlp, "The minister asked Norland for aid.")
    assert ev.action == "REQUEST"


def test_a_noun_of_force_in_a_phrase_of_time_is_no_event_of_its_sentence(nlp: Any) -> None:
    text = "Soon after Sunday's massacre in Dunmore, the governor tweeted about the town."
    assert all(e.action != "ASSAULT" for e in _events(nlp, text))
    text = "The mayor is willing to circulate rumours amid a federal investigation."
    assert all(e.trigger != "investigation" for e in _events(nlp, text))
    (ev,) = [e for e in _events(nlp, "Gunmen attacked the convoy near Dunmore.") if e.action == "ASSAULT"]
    assert ev.actor_text == "Gunmen"


def test_a_handle_or_shouted_words_are_no_actor(nlp: Any) -> None:
    evs = _events(nlp, "The @NorlandNews account attacked the government.")
    assert not any(p.startswith("@") or "account" in p for p in _parties(evs))
    evs = _events(nlp, "Police said the gunman shouted Vorta Kesh as he killed the guards.")
    assert "vorta" not in " ".join(_parties(evs))


def test_people_said_to_be_wounded_are_its_target(nlp: Any) -> None:
    evs = [e for e in _events(nlp, "Many people dead and wounded.") if e.action == "ASSAULT"]
    assert evs and all(e.actor_text is None and e.target_text == "Many people" for e in evs)


def test_he_stands_for_a_person_named_by_a_role_last(nlp: Any) -> None:
    text = "Senator Ana Silva wrote that the Dunmore killer shouted Vorta Kesh. Then he shot the guards."
    evs = [e for e in _events(nlp, text) if e.trigger == "shot"]
    assert evs and evs[0].actor_text == "Dunmore killer"


def test_a_noun_of_force_after_joined_prepositions_is_no_event(nlp: Any) -> None:
    text = "The forum became a hub of news during and after last weekend's massacre at a club in Dunmore."
    assert all(e.action != "ASSAULT" for e in _events(nlp, text))


def test_he_is_never_a_possessive_mark_nor_a_woman_named_by_given_name(nlp: Any) -> None:
    for owner in ("Anna Silva’s", "Mrs. Silva’s"):
        text = f"His team is stepping up its talks with {owner} camp. He hasn’t sent a fundraising email in six days."
        evs = [e for e in _events(nlp, text) if e.trigger == "sent"]
        assert evs and evs[0].actor_text is None


def test_you_is_no_party(nlp: Any) -> None:
    evs = _events(nlp, "Maybe you don't agree with their beliefs, the guard said.")
    assert evs and "you" not in _parties(evs)
