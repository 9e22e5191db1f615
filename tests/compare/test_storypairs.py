"""Pair features of event identity (whom the lead's action is about, the lead's counts, headline people the
other never names, key words), dates that bound a period, and the two sets of weights (dated, undated)."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
from pytest import MonkeyPatch

from storyline.compare.cluster import explain, main_event_date
from storyline.compare.lead_time import event_time
from storyline.compare.storypairs import (
    FEATURES,
    MEANING,
    SIGN,
    PairModel,
    PairSpace,
    lead_counts,
    lead_events,
    profile,
)
from storyline.model import Article, DateMention, Mention, NumberMention, Sentence, Statement


def art(aid: str, text: str, published: str | None = None) -> Article:
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, published=published)
    a.paragraphs = [(0, len(text))]
    a.sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text) if m.group().strip()]
    return a


def person(a: Article, name: str, key: str | None = None) -> None:
    start = a.text.index(name)
    a.mentions.append(Mention(start, start + len(name), name, "PERSON", entity_id=key or name))


def clause(a: Article, predicate: str, sentence: int = 0) -> None:
    s = a.sentences[sentence]
    a.statements.append(Statement(s.start, s.end, sentence, predicate))


def count(a: Article, text: str, value: float, unit: str) -> None:
    start = a.text.index(text)
    a.numbers.append(NumberMention(start, start + len(text), text, value, unit=unit, kind="count"))


def pair(a: Article, b: Article) -> dict[str, float]:
    feats = PairSpace([profile(a), profile(b)]).block([0], [1])[0, 0]
    return dict(zip(FEATURES, feats.tolist(), strict=True))


def fired(aid: str, who: str) -> Article:
    a = art(aid, f"The Sixers fired coach {who} on Saturday. The team had lost ten games.")
    person(a, who)
    clause(a, "fire")
    return a


def test_every_feature_has_a_meaning_and_a_sign() -> None:
    assert set(MEANING) == set(FEATURES) == set(SIGN)


def test_lead_events_name_the_action_and_whom_it_is_about() -> None:
    a = fired("a", "Maurice Cheeks")
    assert lead_events(a) == ({"fire|P:cheeks"}, {"fire"})
    light = art("b", "Maurice Cheeks said the team would win.")
    person(light, "Maurice Cheeks")
    clause(light, "say")
    assert lead_events(light) == (set(), set())  # a speech verb tells no happening


def test_the_same_action_on_another_person_clashes() -> None:
    cheeks, again, obrien = fired("a", "Maurice Cheeks"), fired("b", "Maurice Cheeks"), fired("c", "Jim O'Brien")
    assert pair(cheeks, obrien)["event_clash"] == 1.0
    assert pair(cheeks, again)["event_clash"] == 0.0


def test_lead_counts_of_the_same_thing_agree_or_clash() -> None:
    a = art("a", "The navy captured 23 pirates off the coast.")
    b = art("b", "Sailors captured 23 pirates near the gulf.")
    c = art("c", "The navy captured 26 pirates off the coast.")
    for x, text, value in ((a, "23 pirates", 23), (b, "23 pirates", 23), (c, "26 pirates", 26)):
        count(x, text, value, "pirate")
    assert lead_counts(a, len(a.text)) == {"pirate|23"}
    same, other = pair(a, b), pair(a, c)
    assert (same["count_same"], same["count_clash"]) == (1.0, 0.0)
    assert (other["count_same"], other["count_clash"]) == (0.0, 1.0)


def test_headline_people_the_other_never_names() -> None:
    a = art("a", "Jim O'Brien is fired as coach. Maurice Cheeks will replace him.")
    person(a, "Jim O'Brien")
    b = art("b", "Maurice Cheeks is fired as coach. The team lost again.")
    person(b, "Maurice Cheeks")
    nobody = art("c", "The coach is fired. The team lost again.")
    assert pair(a, b)["people_missing"] == 1.0  # b's headline person is not in a, nor a's in b
    b2 = art("d", "Maurice Cheeks replaces Jim O'Brien as coach.")
    person(b2, "Maurice Cheeks")
    person(b2, "Jim O'Brien")
    assert pair(a, b2)["people_missing"] == 0.5  # a never names Cheeks, half of b2's headline people
    person(a, "Maurice Cheeks")
    assert pair(a, b2)["people_missing"] == 0.0
    assert pair(a, nobody)["people_missing"] == 0.0  # an article that names nobody cannot say whom it is about


def test_key_words_of_one_in_the_other() -> None:
    a = art("a", "Bombs exploded outside the embassies in Nairobi and Dar es Salaam, killing dozens.")
    b = art("b", "Investigators in Nairobi searched the rubble of the embassies after the bombs.")
    c = art("c", "Quarterly dividends rose at the textile maker, its board said.")
    ab, ac = pair(a, b), pair(a, c)
    assert 0.0 < ab["keywords"] <= 1.0
    assert ac["keywords"] == 0.0


def test_a_lead_date_that_bounds_a_period_is_not_the_event() -> None:
    text = "Net income for the quarter ended Sept. 30 fell 5%, the company said."
    a = art("a", text, published="1989-11-02")
    start = text.index("Sept. 30")
    a.dates = [DateMention(start, start + 8, "Sept. 30", "1989-09-30", "absolute")]
    interval, precision, why = event_time(a)
    assert precision == "day" and why.startswith("published 1989-11-02")
    happened = "The plant closed on Sept. 30, the company said."
    b = art("b", happened, published="1989-11-02")
    start = happened.index("Sept. 30")
    b.dates = [DateMention(start, start + 8, "Sept. 30", "1989-09-30", "absolute")]
    assert event_time(b)[2].startswith("the lead dates it")


def test_a_lead_date_recalled_from_long_before_publication_can_be_background(monkeypatch: MonkeyPatch) -> None:
    from storyline.compare import lead_time

    text = (
        "The presidents of Norland and Estia signed the papers of accession in their palaces. "
        "The two countries, invited to join the alliance at Tarvos in July 2017, will join on March 12."
    )
    a = art("a", text, published="2019-02-27")
    old, ahead = text.index("July 2017"), text.index("on March 12")
    a.dates = [
        DateMention(old, old + 9, "July 2017", "2017-07", "absolute"),
        DateMention(ahead, ahead + 11, "on March 12", "2019-03-12", "month-day"),
    ]
    assert event_time(a)[2] == "the lead dates it: “July 2017”"  # the stored setting reads no date as recalled
    b = art("b", "Profit fell 4% from a year earlier, the maker said on Tuesday.", published="2019-02-27")
    b.dates = [DateMention(20, 34, "a year earlier", "2018-02-27", "relative")]
    monkeypatch.setattr(lead_time, "RECALLED_PRECISIONS", frozenset({"month"}))
    interval, precision, why = event_time(a)
    assert precision == "day" and why == "published 2019-02-27"  # neither the recalled month nor the future day
    assert event_time(b)[2] == "the lead dates it: “a year earlier”" and main_event_date(b) == dt.date(2018, 2, 27)
    a.published = "2017-08-03"  # a month after: the news
    assert event_time(a)[1:] == ("month", "the lead dates it: “July 2017”")
    monkeypatch.setattr(lead_time, "RECALLED_PRECISIONS", frozenset({"day", "month"}))
    assert event_time(b)[2] == "published 2019-02-27" and main_event_date(b) is None
    b.dates.append(DateMention(51, 61, "on Tuesday", "2019-02-26", "weekday"))
    assert event_time(b)[2] == "the lead dates it: “on Tuesday”" and main_event_date(b) == dt.date(2019, 2, 26)


def model() -> PairModel:
    dated = dict.fromkeys(FEATURES, 0.0) | {"content": 2.0}
    undated = dict.fromkeys(FEATURES, 0.0) | {"content": 8.0, "people_missing": -3.0}
    return PairModel(dated, -1.0, 0.5, undated=undated, undated_bias=-4.0)


def test_undated_pairs_are_scored_with_their_own_weights() -> None:
    m = model()
    feats = np.zeros((2, len(FEATURES)))
    feats[:, FEATURES.index("content")] = 0.5
    feats[1, FEATURES.index("date_unknown")] = 1.0
    assert m.logit(feats).tolist() == [0.0, 0.0]  # -1 + 2 × 0.5; -4 + 8 × 0.5
    assert m.contributions(feats[0]) == [("content", 0.5, 1.0)]
    assert m.contributions(feats[1]) == [("content", 0.5, 4.0)]
    assert m.weights_for(feats[1])[1] == -4.0
    assert m.without("content").logit(feats).tolist() == [-1.0, -4.0]


def test_the_two_sets_of_weights_survive_json() -> None:
    m = model()
    back = PairModel.from_json(m.to_json())
    assert back.undated == m.undated and back.undated_bias == m.undated_bias and back.weights == m.weights
    one = PairModel(dict.fromkeys(FEATURES, 1.0), 0.0, 0.5)
    assert "undated_weights" not in one.to_json() and PairModel.from_json(one.to_json()).undated == {}


def test_why_gives_the_bias_of_the_pairs_set() -> None:
    from storyline.compare.cluster import ClusterConfig

    a = art("a", "Floods swept the river valley as rescue boats searched the streets.")
    b = art("b", "Rescue boats searched flooded streets in the river valley.")
    links = explain([a, b], ["a", "b"], ClusterConfig(model=model(), threshold=0.5))
    assert links[0].bias == -4.0  # undated: the undated set's starting point
    assert all(name != "date_unknown" for name, _, _ in links[0].contributions)


def test_the_words_floor_lifts_a_pair_to_its_share_of_the_content_cosine() -> None:
    m = model()
    feats = np.zeros((2, len(FEATURES)))
    feats[:, FEATURES.index("content")] = [0.3, 0.02]  # the second is no candidate (under min_similarity)
    feats[:, FEATURES.index("people_missing")] = 1.0
    feats[:, FEATURES.index("date_unknown")] = 1.0  # undated: -4 + 8 × 0.3 - 3 → p 0.01
    assert m.probability(feats)[0] < 0.05
    m.content_floor = 2.0
    assert m.probability(feats).tolist() == [0.6, 0.0]  # 2 × 0.3; a pair that is no candidate stays 0
    assert m.floored(feats[0]) and not model().floored(feats[0])
    back = PairModel.from_json(m.to_json())
    assert back.content_floor == 2.0 and "content_floor" not in model().to_json()
    assert m.without("content").content_floor == 2.0
