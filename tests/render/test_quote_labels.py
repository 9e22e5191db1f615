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


def test_a_frame_around_another_speakers_reported_words_is_shown_once_through_them() -> None:
    from storyline.render.dossier import _only_a_frame

    text = "According to the read-out, Mr Lee told Mr Park that the port deal was part of the wider accord."
    said = "the port deal was part of the wider accord"
    frame = "Mr Lee told Mr Park that " + said
    outer = Quote(text.index(frame), text.index(frame) + len(frame), frame, "indirect", speaker="the read-out")
    inner = Quote(text.index(said), text.index(said) + len(said), said, "indirect", speaker="Lee Min")
    assert _only_a_frame(outer, [outer, inner], text)
    assert not _only_a_frame(inner, [outer, inner], text)
    assert according_to(inner, [outer, inner]) == "the read-out"
    far = Quote(0, len(text), text, "indirect", speaker="the read-out")
    assert not _only_a_frame(far, [far, inner], text)  # more than a name, a cue and a listener before them
