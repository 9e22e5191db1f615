"""Story events: reports of one type and pair are one row only where they tell one act."""

from __future__ import annotations

from storyline.compare.event_acts import Acts, always, compatible, trigger_words
from storyline.compare.events import story_events
from storyline.model import Article, Cite, Event


def _report(aid: str, text: str, action: str, trigger: str, mode: str | None = None) -> Article:
    """One outlet's article with one event of China on the United States, telling ``text``."""
    a = Article(id=aid, path=f"{aid}.txt", raw="", text=text, source=aid.upper(), published="2025-11-25")
    a.events = [Event(action, trigger, mode=mode, actor_text="China", target_text="the U.S.", actor_country="CHN",
                      target_country="USA", cites=[Cite(aid, 0, len(text))])]  # fmt: skip
    return a


def _rows(arts: list[Article]) -> list[tuple[str, int]]:
    return [(e.trigger, e.independent_sources) for e in story_events("s1", arts, [])]


def test_two_acts_of_one_type_and_pair_are_two_rows() -> None:
    forced = _report("a1", "China has forced the U.S. to back down from sky-high tariffs.", "COERCE", "forced")
    curbs = _report("a2", "China has moved to restrict exports of chemicals to the U.S.", "COERCE", "restrict exports")
    assert sorted(_rows([forced, curbs])) == [("forced", 1), ("restrict exports", 1)]
    assert _rows([forced, curbs]) != [("forced", 2)]


def test_one_call_worded_four_ways_is_one_row() -> None:
    arts = [
        _report("a1", "Xi Jinping made a rare call to Donald Trump.", "CONSULT", "made call", "phone"),
        _report("a2", "The two leaders spoke by phone on Monday.", "CONSULT", "spoke", "phone"),
        _report("a3", "Trump said he held a call with Xi.", "CONSULT", "held call"),
        _report("a4", "They discussed Taiwan and Ukraine in a phone call.", "CONSULT", "discussed call", "phone"),
        _report("a5", "Trump and Xi also discussed the war in Ukraine.", "CONSULT", "discussed"),
    ]
    ((_, sources),) = _rows(arts)
    assert sources == len(arts)


def test_a_general_word_does_not_join_two_acts_it_could_each_be() -> None:
    """ "discussed" may tell the call or the summit; it does not make the two one."""
    arts = [
        _report("a1", "Trump and Xi discussed trade.", "CONSULT", "discussed"),
        _report("a2", "Xi made a call to Trump.", "CONSULT", "made call", "phone"),
        _report("a3", "Building on an earlier summit in South Korea, the leaders met.", "CONSULT", "summit"),
    ]
    rows = story_events("s1", arts, [])
    assert sorted((len(e.cites), e.independent_sources) for e in rows) == [(1, 1), (2, 2)]
    assert next(e for e in rows if len(e.cites) == 1).trigger == "summit"


def test_alike_sentences_are_one_act_whatever_their_verbs() -> None:
    a = _report("a1", "Taiwan premier Cho Jung-tai rejected the idea of any return to China.", "REJECT", "rejected")
    b = _report("a2", "Taiwan's Premier Cho Jung-tai dismissed the idea of a return to China.", "REJECT", "dismissed")
    assert _rows([a, b]) == [("rejected", 2)]


def test_the_former_test_merges_every_report_of_a_type_and_pair() -> None:
    forced = _report("a1", "China has forced the U.S. to back down.", "COERCE", "forced")
    curbs = _report("a2", "China has moved to restrict exports to the U.S.", "COERCE", "restrict exports")
    (ev,) = story_events("s1", [forced, curbs], [], same_act=always)
    assert ev.independent_sources == 2


def test_triggers_compare_by_root_family_and_spelling() -> None:
    assert trigger_words("made a call") == trigger_words("conversation") == frozenset({"call"})
    assert trigger_words("recognise") == trigger_words("recognized")
    assert trigger_words("negotiate") == trigger_words("negotiated")
    assert trigger_words("struck", "ASSAULT") == trigger_words("hit", "ASSAULT")
    assert trigger_words("strike", "PROTEST") != trigger_words("hit", "PROTEST")  # a walkout, not a blow
    assert compatible(Event("COERCE", "arrested"), Event("COERCE", "captured"))
    assert not compatible(Event("COERCE", "forced"), Event("COERCE", "restrict exports"))


def test_a_sentence_is_alike_to_itself() -> None:
    a = _report("a1", "China agreed to suspend export restrictions on critical minerals.", "AGREE", "agreed")
    b = _report("a2", "Tariffs were cut.", "AGREE", "cut")
    acts = Acts([(a, a.events[0]), (b, b.events[0])])
    assert acts.cosine((a, a.events[0]), (a, a.events[0])) > 0.99  # noqa: PLR2004
    assert acts.cosine((a, a.events[0]), (b, b.events[0])) == 0.0
