"""A coordinated subject speaks as one: the speaker is every party, cited by the whole coordination."""

from __future__ import annotations

from typing import Any

from storyline.analyse.entities import mentions_from_doc
from storyline.analyse.quotes import attributions_from_doc
from storyline.analyse.quotes.parties import joined


def _by_words(nlp: Any, text: str, words: str) -> tuple[str | None, str | None]:
    doc = nlp(text)
    for a in attributions_from_doc(doc, mentions_from_doc(doc)):
        if words in a.quote.text:
            local = text[a.speaker_local[0] : a.speaker_local[1]] if a.speaker_local else None
            return a.quote.speaker, local
    raise AssertionError(f"no quote holds {words!r}")


def test_two_places_announce_together(nlp: Any) -> None:
    text = "After talks in Geneva last week, Lisbon and Oslo announced a six month halt to the new fishing quotas."
    speaker, local = _by_words(nlp, text, "six month halt")
    assert speaker == "Lisbon and Oslo"
    assert local == "Lisbon and Oslo"


def test_three_people_and_their_full_names(nlp: Any) -> None:
    text = (
        "The farmers met John Miller, Tom Baker and Lee Chen on Friday. "
        "Miller, Baker and Chen said they would vote against the water bill."
    )
    speaker, local = _by_words(nlp, text, "vote against the water bill")
    # the parse gives "said" two subjects ("Miller" and "Baker and Chen"): one list all the same
    assert speaker == "John Miller, Tom Baker and Lee Chen"
    assert local == "Miller, Baker and Chen"


def test_a_group_and_an_office_noted(nlp: Any) -> None:
    text = "Local officials and analysts noted that the mayor had not mentioned the harbour in her speech."
    speaker, _ = _by_words(nlp, text, "had not mentioned the harbour")
    assert speaker == "Local officials and analysts"


def test_a_quote_of_a_couple(nlp: Any) -> None:
    text = "“We lost everything in the flood,” Pedro Alves and his wife said on Monday."
    speaker, local = _by_words(nlp, text, "lost everything")
    assert speaker == "Pedro Alves and his wife"
    assert local == "Pedro Alves and his wife"


def test_a_single_speaker_is_unchanged(nlp: Any) -> None:
    speaker, local = _by_words(nlp, "The port authority said the cranes would be replaced in May.", "cranes")
    assert speaker == "port authority" or speaker == "The port authority"
    assert local is not None and "and" not in local


def test_joined_names() -> None:
    assert joined(["A"]) == "A"
    assert joined(["A", "B"]) == "A and B"
    assert joined(["A", "B", "C"]) == "A, B and C"
    assert joined(["A", "A"]) == "A"
