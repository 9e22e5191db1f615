"""A speaker's role comes from the mention that names the speaker: one party's title is not the role of several."""

from __future__ import annotations

from storyline.model import Article, Entity, Mention, Quote
from storyline.pipeline import link_speakers

TEXT = "Prime Minister Ana Costa and the unions said the strike was over."


def _role(speaker: str, start: int, end: int) -> str | None:
    mention = Mention(start=15, end=24, text="Ana Costa", label="PERSON", entity_id="p:costa", role="Prime Minister")
    quote = Quote(
        start=45,
        end=64,
        text="the strike was over",
        kind="indirect",
        speaker=speaker,
        speaker_start=start,
        speaker_end=end,
    )
    a = Article(id="a", path="a.txt", raw=TEXT, text=TEXT, mentions=[mention], quotes=[quote])
    link_speakers([a], [Entity(id="p:costa", name="Ana Costa", type="PERSON")])
    return a.quotes[0].speaker_role


def test_a_single_speaker_has_the_role_of_its_mention() -> None:
    assert _role("Ana Costa", 15, 24) == "Prime Minister"


def test_several_parties_take_no_one_partys_role() -> None:
    assert _role("Ana Costa and the unions", 15, 39) is None
