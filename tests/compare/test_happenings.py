"""Named happenings of a lead (compare/happenings.py) and the two pair features they give."""

from __future__ import annotations

import re

from storyline.compare.happenings import lead_happenings_of, of_lead, split_keys
from storyline.compare.storypairs import FEATURES, PairSpace, profile
from storyline.model import Article, Mention, Sentence


def art(aid: str, text: str, day: str) -> Article:
    """An article published on ``day`` (its event date), its party names tagged."""
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, published=day)
    a.paragraphs = [(0, len(text))]
    a.sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text) if m.group().strip()]
    for word in ("Democratic", "Republican"):
        if word in text:
            start = text.index(word)
            a.mentions.append(Mention(start, start + len(word), word, "NORP"))
    return a


def pair(a: Article, b: Article) -> dict[str, float]:
    feats = PairSpace([profile(a), profile(b)]).block([0], [1])[0, 0]
    return dict(zip(FEATURES, feats.tolist(), strict=True))


def test_a_happening_is_its_noun_and_the_words_that_tell_which() -> None:
    text = "Obama spoke at the Democratic National Convention"
    start = text.index("Democratic")
    keys = lead_happenings_of(text, [Mention(start, start + 10, "Democratic", "NORP")])
    assert keys == {"convention", "convention|democratic"}  # "National" tells no convention from the other
    assert lead_happenings_of("after the first presidential debate", []) == {
        "debate", "debate|first", "debate|presidential"}  # fmt: skip
    assert lead_happenings_of("the caucuses in March", []) == {"caucus"}
    assert of_lead("Clinton wins the Iowa caucuses", "No happening here.", []) == {"caucus"}


def test_split_keys() -> None:
    full, nouns, bare = split_keys({"convention", "convention|democratic", "debate"})
    assert full == {"convention|democratic"}
    assert nouns == {"convention", "debate"}
    assert bare == {"debate"}


def test_the_same_happening_days_apart_and_two_happenings_of_one_kind() -> None:
    dem = art("a", "Speakers took the stage at the Democratic convention.", "2016-07-26")
    dem2 = art("b", "Delegates cheered at the Democratic convention.", "2016-07-28")
    late = art("c", "A year later the Democratic convention was recalled.", "2017-07-28")
    rep = art("d", "Speakers took the stage at the Republican convention.", "2016-07-19")
    same = pair(dem, dem2)
    assert same["same_happening"] == 1.0
    assert same["happening_apart"] == 0.0
    assert pair(dem, late)["same_happening"] == 0.0  # a year apart: not one happening
    other = pair(dem, rep)
    assert other["same_happening"] == 0.0
    assert other["happening_apart"] == 1.0
