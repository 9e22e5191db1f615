"""Account comparisons on short articles written for these tests: who a party speaks for, and one item per
party and topic however the outlets name the party."""

from __future__ import annotations

import re

import pytest

from storyline.compare.accounts import account_claims, party_of, principal
from storyline.compare.claims import story_units
from storyline.model import Article, Entity, Mention, Sentence

#: The corpus's canonical entities for these articles (id, name, type, titles).
ENTITIES = [
    Entity("trump", "Donald Trump", "PERSON", roles=["US President", "President"]),
    Entity("xi", "Xi Jinping", "PERSON", roles=["Chinese President"]),
    Entity("wh", "White House", "ORG"),
    Entity("bj", "Beijing", "GPE"),
    Entity("cn", "China", "GPE"),
    Entity("chinese", "Chinese", "NORP"),
    Entity("mfa", "Chinese Ministry of Foreign Affairs", "ORG"),
    Entity("xinhua", "Xinhua", "ORG"),
    Entity("tw", "Taiwan", "GPE"),
    Entity("jp", "Japan", "GPE"),
    Entity("wu", "Wu Xinbo", "PERSON"),
]
_NAMES = {
    "Donald Trump": "trump",
    "Trump": "trump",
    "Xi": "xi",
    "White House": "wh",
    "Beijing": "bj",
    "China": "cn",
    "Chinese Ministry of Foreign Affairs": "mfa",
    "Chinese": "chinese",
    "Xinhua": "xinhua",
    "Taiwan": "tw",
    "Japan": "jp",
    "Wu Xinbo": "wu",
}
_TYPES = {e.id: e.type for e in ENTITIES}


def art(aid: str, text: str) -> Article:
    """An article with one sentence per full stop and a mention for every known name (longest first)."""
    spans = [m.span() for m in re.finditer(r"\S.*?\.(?=\s|$)", text)]
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(_NAMES, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            eid = _NAMES[name]
            mentions.append(Mention(m.start(), m.end(), name, _TYPES[eid], eid))
    mentions.sort(key=lambda m: m.start)
    return Article(
        id=aid,
        path=f"x/{aid}.txt",
        raw=text,
        text=text,
        source=aid.upper(),
        published="2025-11-25",
        sentences=[Sentence(s, e) for s, e in spans],
        mentions=mentions,
    )


@pytest.mark.parametrize(
    ("name", "type_", "roles", "government"),
    [
        ("Beijing", "GPE", [], "China"),
        ("China", "GPE", [], "China"),
        ("Chinese", "NORP", [], "China"),
        ("the White House", "ORG", [], "United States"),
        ("White House National Security Council", "ORG", [], "United States"),
        ("Xinhua", "ORG", [], "China"),
        ("the Kremlin", "ORG", [], "Russia"),
        ("Chinese Ministry of Foreign Affairs", "ORG", [], "China"),
        ("Donald Trump", "PERSON", ["US President", "President"], "United States"),
        ("Sanae Takaichi", "PERSON", ["Japanese Prime Minister"], "Japan"),
        ("Wu Xinbo", "PERSON", [], None),  # an analyst speaks for himself
        ("Henrietta Levin", "PERSON", ["Senior Fellow"], None),
        ("Center for China Analysis", "ORG", [], None),  # names a country, is no government body
        ("Japanese", "NORP", [], "Japan"),
    ],
)
def test_principal_is_the_government_a_name_speaks_for(
    name: str, type_: str, roles: list[str], government: str | None
) -> None:
    assert principal(name, type_, roles) == government


def test_the_us_side_is_one_party_however_the_outlets_name_it() -> None:
    """ "Trump's post", "the White House", "Donald Trump's account": one party, named by its person."""
    a = art("a", "Trump made no mention of Taiwan in a late-night post about his talks with Xi.")
    b = art("b", "Officials in Taipei welcomed the absence of any public mention of Taiwan by the White House.")
    c = art("c", "Donald Trump hailed the ties with China in his account of the talks, but did not mention Taiwan.")
    claims = account_claims("s1", story_units([a, b, c]), ENTITIES)
    assert len(claims) == 1
    acc = claims[0]
    assert acc.party == "Donald Trump" and acc.sources == 3 and acc.topic == "Taiwan"
    assert {x.article_id for x in acc.support} == {"a", "b", "c"}
    # the clause "did not mention Taiwan" is cited as its whole sentence, where the party and the account are
    assert any(x.start == 0 and x.end == len(c.text) for x in acc.support if x.article_id == "c")


def test_the_chinese_side_is_another_party_and_items_keep_every_cite() -> None:
    # "dates" and "date" stem apart (lexicon.stem leaves the "e"): the topics meet on "date" itself
    a = art("a", "Beijing’s statement on Tuesday did not mention any date for a trip to Washington.")
    b = art("b", "The Chinese read-out made no mention of a date for the state visit.")
    c = art(
        "c",
        "The Chinese Ministry of Foreign Affairs did not mention the date of the visit in its statement. "
        "Xinhua’s summary of the call also did not mention a date.",
    )
    d = art("d", "Trump did not mention Taiwan in his own statement about the talks.")
    claims = account_claims("s1", story_units([a, b, c, d]), ENTITIES)
    by_party = {cl.party: cl for cl in claims}
    assert set(by_party) == {"China", "Donald Trump"}
    china = by_party["China"]
    assert china.sources == 3 and len(china.support) == 4  # two sentences of article c, both cited
    assert by_party["Donald Trump"].sources == 1


def test_singular_and_plural_topic_words_are_one_omission() -> None:
    """ "did not mention date" and "have not mentioned specific dates": the light stem keeps "date" and
    "dates" apart, the topic match does not."""
    a = art("a", "Trump will visit Beijing in April, although Beijing’s statement did not mention date.")
    b = art("b", "Chinese statements have not mentioned specific dates, which suggests differences remain.")
    claims = account_claims("s1", story_units([a, b]), ENTITIES)
    assert [c.party for c in claims] == ["China"]
    assert {x.article_id for x in claims[0].support} == {"a", "b"}


def test_one_party_on_two_topics_gives_two_items() -> None:
    a = art("a", "Trump made no mention of Taiwan in his own statement about the talks.")
    b = art("b", "The White House statement did not mention fentanyl, the officials noted.")
    claims = account_claims("s1", story_units([a, b]), ENTITIES)
    assert sorted(c.topic or "" for c in claims) == ["Taiwan", "fentanyl"]
    assert {c.party for c in claims} == {"Donald Trump"}  # one party, named the same in both


def test_a_clause_of_talking_about_it_is_no_part_of_the_topic() -> None:
    """ "no public indication that he had discussed X": what was left out is X, not the discussing."""
    a = art("a", "Trump had given no public indication that he had discussed the campaign against Japan.")
    claims = account_claims("s1", story_units([a]), ENTITIES)
    assert [c.topic for c in claims] == ["the campaign against Japan"]


def test_the_name_that_owns_the_account_word_is_the_party() -> None:
    """Not the nearest person: "… speaking to Xi …, but Beijing’s summary did not mention them"."""
    text = (
        "Trump said after speaking to Xi that they would exchange visits, but Beijing’s summary did not mention them."
    )
    a = art("a", text)
    (u,) = [u for u in story_units([a]) if "did not" in u.text]
    cue = text.index("did not")
    whole = type(u)(a, 0, len(text), u.source, u.rank)
    party = party_of(whole, cue, _TYPES)
    assert party is not None and party.text == "Beijing"
    claims = account_claims("s1", story_units([a]), ENTITIES)
    assert [c.party for c in claims] == ["Beijing"]


def test_an_analysts_account_is_his_own() -> None:
    a = art("a", "Wu Xinbo did not mention Taiwan in his public remarks on the talks.")
    b = art("b", "Trump did not mention Taiwan in his own statement about the talks.")
    claims = account_claims("s1", story_units([a, b]), ENTITIES)
    assert {c.party for c in claims} == {"Wu Xinbo", "Donald Trump"}


def test_a_party_named_one_way_keeps_that_name() -> None:
    a = art("a", "The White House statement did not mention fentanyl, the officials noted.")
    b = art("b", "They were surprised by the absence of any public mention of fentanyl by the White House.")
    claims = account_claims("s1", story_units([a, b]), ENTITIES)
    assert [c.party for c in claims] == ["White House"] and claims[0].sources == 2


def test_a_member_leaving_out_a_side_topic_is_not_the_rows() -> None:
    """Three outlets say Trump's statement left out Taiwan; one says he gave no sign he discussed the pressure on
    Japan. The fourth meets the first on Japan, yet it does not state the row's omission."""
    a = art("a", "Trump made no mention of Taiwan or Japan in his statement on the call.")
    b = art("b", "In his own statement, Trump did not mention Taiwan at all.")
    c = art("c", "The White House statement did not mention Taiwan, officials noted.")
    d = art("d", "Analysts said Trump gave no public indication that he had discussed Beijing’s coercion of Japan.")
    claims = account_claims("s1", story_units([a, b, c, d]), ENTITIES)
    row = next(c for c in claims if c.topic and "Taiwan" in c.topic)
    assert {x.article_id for x in row.support} == {"a", "b", "c"}
