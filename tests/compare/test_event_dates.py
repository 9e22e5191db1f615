"""Story events' dates: an act with no date of its own is dated by the happening its sentence sets it in, else by
the day it was reported (``published``), never as if it happened that day. Every text is made up."""

from __future__ import annotations

from storyline.compare.events import story_events
from storyline.model import Article, Cite, DateMention, Entity, Event, Mention

TEXT = (
    "Lula and Modi spoke in a phone call on Tuesday. "
    "In the call, Modi urged Lula to cut tariffs. "
    "Modi later criticised Lula."
)


def _event(text: str, sentence: str, action: str, trigger: str) -> Event:
    lo = text.index(sentence)
    i, j = text.index("Modi", lo), text.index("Lula", lo)
    actor, target = sorted(((i, "Modi"), (j, "Lula")))
    return Event(
        action,
        trigger,
        actor_text=actor[1],
        target_text=target[1],
        cites=[Cite("a1", lo, lo + len(sentence))],
        spans={
            "actor": [actor[0], actor[0] + 4],
            "target": [target[0], target[0] + 4],
            "trigger": [text.index(trigger.split()[-1], lo)] * 2,
        },
    )


def _article() -> Article:
    a = Article(id="a1", path="a1.txt", raw="", text=TEXT, source="A1", published="2025-03-06")
    a.mentions = [Mention(TEXT.index("Lula"), TEXT.index("Lula") + 4, "Lula", "PERSON", "lula"),
                  Mention(TEXT.index("Modi"), TEXT.index("Modi") + 4, "Modi", "PERSON", "modi")]  # fmt: skip
    day = TEXT.index("Tuesday")
    a.dates = [DateMention(day, day + 7, "Tuesday", "2025-03-04", "weekday")]
    a.events = [
        _event(TEXT, "Lula and Modi spoke in a phone call on Tuesday.", "CONSULT", "spoke call"),
        _event(TEXT, "In the call, Modi urged Lula to cut tariffs.", "REQUEST", "urged"),
        _event(TEXT, "Modi later criticised Lula.", "ACCUSE", "criticised"),
    ]
    return a


ENTITIES = [
    Entity("lula", "Luiz Inacio Lula da Silva", "PERSON", roles=["Brazilian President"]),
    Entity("modi", "Narendra Modi", "PERSON", roles=["Indian Prime Minister"]),
]


def test_an_act_set_in_a_dated_happening_takes_its_date() -> None:
    events = {e.action: e for e in story_events("s1", [_article()], ENTITIES)}
    assert (events["CONSULT"].date, events["CONSULT"].date_how) == ("2025-03-04", "text")
    assert (events["REQUEST"].date, events["REQUEST"].date_how) == ("2025-03-04", "text")


def test_an_act_with_no_date_of_its_own_is_dated_by_its_report() -> None:
    events = {e.action: e for e in story_events("s1", [_article()], ENTITIES)}
    assert (events["ACCUSE"].date, events["ACCUSE"].date_how) == ("2025-03-06", "published")
