"""Reported speech inside another speaker's reported words is shown as that speaker's account."""

from __future__ import annotations

from storyline.model import Quote
from storyline.render.dossier import according_to, quote_kind_label

TEXT = "China, however, stated that Trump acknowledged the importance of the Taiwan issue for Beijing."


def _q(phrase: str, speaker: str, kind: str = "indirect") -> Quote:
    start = TEXT.index(phrase)
    return Quote(start, start + len(phrase), phrase, kind, speaker=speaker)


def test_nested_reported_speech_is_the_outer_speakers_account() -> None:
    outer = _q("Trump acknowledged the importance of the Taiwan issue for Beijing", "China")
    inner = _q("the importance of the Taiwan issue for Beijing", "Donald Trump")
    quotes = [outer, inner]
    assert according_to(inner, quotes) == "China"
    assert according_to(outer, quotes) is None
    assert quote_kind_label(inner.kind, "China") == "reported speech, according to China"
    assert quote_kind_label("direct") == "direct quote"


def test_quoted_words_inside_are_the_outer_account_too_and_a_speaker_is_no_account_of_himself() -> None:
    outer = _q("Trump acknowledged the importance of the Taiwan issue for Beijing", "China")
    partial = _q("the Taiwan issue", "Donald Trump", kind="partial")
    own = _q("the importance of the Taiwan issue", "China")
    assert according_to(partial, [outer, partial]) == "China"  # China's report of his words
    assert according_to(own, [outer, own]) is None
