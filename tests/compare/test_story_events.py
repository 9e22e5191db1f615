"""Story events: a party's act on itself, once coded, is no event."""

from __future__ import annotations

from storyline.compare.events import merged_status, self_event, story_events
from storyline.model import Article, Cite, DateMention, Entity, Event, Mention


def _article(aid: str, text: str, actor: str, target: str, action: str) -> Article:
    a = Article(id=aid, path=f"{aid}.txt", raw="", text=text, source=aid.upper(), published="2025-11-25")
    i, j = text.index(actor), text.index(target)
    ids = {"Xi": "xi", "Trump": "trump", "Beijing": "bj"}
    a.mentions = [Mention(i, i + len(actor), actor, "PERSON", ids[actor]),
                  Mention(j, j + len(target), target, "GPE", ids[target])]  # fmt: skip
    a.events = [Event(action, "backed", actor_text=actor, target_text=target, cites=[Cite(aid, 0, len(text))],
                      spans={"actor": [i, i + len(actor)], "target": [j, j + len(target)]})]  # fmt: skip
    return a


ENTITIES = [
    Entity("xi", "Xi Jinping", "PERSON", roles=["Chinese President"]),
    Entity("trump", "Donald Trump", "PERSON", roles=["U.S. President"]),
    Entity("bj", "Beijing", "GPE"),
]


def test_an_act_of_one_government_on_itself_is_left_out() -> None:
    own = _article("a1", "Xi backed Beijing on Monday.", "Xi", "Beijing", "SUPPORT")
    other = _article("a2", "Xi called Trump on Monday.", "Xi", "Trump", "CONSULT")
    events = story_events("s1", [own, other], ENTITIES)
    assert [(e.action, e.actor_country, e.target_country) for e in events] == [("CONSULT", "CHN", "USA")]


def test_two_sectors_of_one_country_are_two_parties() -> None:
    police = Event("COERCE", "arrested", actor_country="USA", actor_sector="COP",
                   target_country="USA", target_sector="OPP")  # fmt: skip
    assert not self_event(police)
    assert self_event(Event("AGREE", "agreed", actor_country="CHN", target_country="CHN", target_sector="GOV"))
    assert not self_event(Event("AGREE", "agreed", target_country="CHN"))


def test_the_row_shows_the_report_that_names_its_actor() -> None:
    crowd = Article(
        id="a1", path="a1.txt", raw="", text="Its people rejected Beijing.", source="A1", published="2025-11-25"
    )
    crowd.events = [Event("REJECT", "rejected", actor_text="Its people", target_text="Beijing", actor_country="TWN",
                          target_country="CHN", cites=[Cite("a1", 0, 28)])]  # fmt: skip
    named = Article(id="a2", path="a2.txt", raw="", text="Cho rejected Beijing.", source="A2", published="2025-11-25")
    named.mentions = [Mention(0, 3, "Cho", "PERSON", "cho")]
    named.events = [Event("REJECT", "rejected", actor_text="Cho", target_text="Beijing", actor_country="TWN",
                          target_country="CHN", cites=[Cite("a2", 0, 21)], spans={"actor": [0, 3]})]  # fmt: skip
    (ev,) = story_events("s1", [crowd, named], [Entity("cho", "Cho Jung-tai", "PERSON")])
    assert ev.actor_text == "Cho" and ev.independent_sources == 2 and len(ev.cites) == 2


def test_a_plan_most_reports_tell_as_a_plan_is_no_deed() -> None:
    assert merged_status(["announced", "happened", "hypothetical"], "happened") == "announced"
    assert merged_status(["announced", "happened"], "announced") == "happened"
    assert merged_status(["hypothetical", "hypothetical", "announced"], "announced") == "hypothetical"


def _dated(aid: str, text: str, when: str | None, published: str = "2025-11-25") -> Article:
    """An article whose one sentence tells Xi CONSULT Trump, dated by ``when`` (a date its words give) or, where
    None, by its publication."""
    a = _article(aid, text, "Xi", "Trump", "CONSULT")
    a.published = published
    if when is not None:
        a.dates = [DateMention(text.index("on") if " on " in text else 0, len(text) - 1, "", when)]
    return a


def test_a_month_and_a_day_in_it_are_one_happening() -> None:
    month = _dated("a1", "Xi met Trump in Busan in October.", "2025-10")
    day = _dated("a2", "Xi met Trump in Busan on 30 October.", "2025-10-30")
    (ev,) = story_events("s1", [month, day], ENTITIES)
    assert ev.date == "2025-10-30" and ev.independent_sources == 2


def test_two_days_of_one_month_keep_its_month_apart() -> None:
    month = _dated("a1", "Xi met Trump in October.", "2025-10")
    first = _dated("a2", "Xi met Trump on 3 October.", "2025-10-03")
    second = _dated("a3", "Xi met Trump on 30 October.", "2025-10-30")
    assert len(story_events("s1", [month, first, second], ENTITIES)) == 3


def test_a_date_the_text_gives_wins_over_the_publication_day() -> None:
    lead = _dated("a1", "Xi met Trump on Friday.", "2025-01-17", published="2025-01-19")
    later = _dated("a2", "Xi had met Trump.", None, published="2025-01-19")
    (ev,) = story_events("s1", [lead, later], ENTITIES)
    assert (ev.date, ev.date_how, ev.independent_sources) == ("2025-01-17", "text", 2)
