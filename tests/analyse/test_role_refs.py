"""Role phrases read as the one person of the article they fit (analyse/role_refs.py), and the statement
participants of the comparison that include them (compare/claims.py)."""

from __future__ import annotations

from storyline.analyse.role_refs import role_references, titles_of
from storyline.compare import claims
from storyline.compare.claims import article_units
from storyline.model import Article, Mention, Sentence


def _mention(text: str, name: str, label: str = "PERSON", at: int = 0, **kw: str) -> Mention:
    start = text.index(name, at)
    return Mention(start, start + len(name), name, label, **kw)


def _refs(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.name) for r in role_references(text, mentions)]


TEXT = (
    "Mr Lin, the Freedonian prime minister, spoke to Sylvanian President Ana Roth on Monday. "
    "The Freedonian leader asked for help, and the Sylvanian president agreed. The premier left early."
)


def _people() -> list[Mention]:
    return [
        _mention(TEXT, "Lin", description="the Freedonian prime minister"),
        _mention(TEXT, "Ana Roth", role="Sylvanian President"),
    ]


def test_titles_and_nationality_of_a_person() -> None:
    assert titles_of("Japanese Prime Minister") == {("prime minister", "JPN")}
    assert titles_of("Vice President") == set()  # another office
    assert titles_of("former president") == set()  # a past one
    assert titles_of("China’s most powerful leader since Mao Zedong", description=True) == {("leader", "CHN")}
    # a title after the description's first preposition is not the person's own
    assert titles_of("Trump’s nominee for secretary of state", description=True) == set()


def test_phrase_resolves_to_the_one_person_it_fits() -> None:
    # "Freedonian" and "Sylvanian" are no country of the table: the nationality cannot be checked, so only
    # phrases without one resolve, and only when one person fits the role
    assert _refs(TEXT, _people()) == [("The premier", "Lin")]


def test_nationality_must_fit() -> None:
    text = (
        "Xi Jinping, China's top leader, called Japanese Prime Minister Sanae Takaichi. "
        "The Chinese leader pressed her; the Japanese leader said little. The US leader was silent."
    )
    ms = [
        _mention(text, "Xi Jinping", description="China's top leader"),
        _mention(text, "Sanae Takaichi", role="Japanese Prime Minister"),
    ]
    assert _refs(text, ms) == [("The Chinese leader", "Xi Jinping"), ("the Japanese leader", "Sanae Takaichi")]


def test_ambiguous_unknown_or_titled_phrases_stand_for_no_one() -> None:
    text = (
        "US President Joe Biden met President Lai Ching-te. The president smiled. "
        "The French leader was away. The former president spoke. The US president Joe Biden left."
    )
    ms = [
        _mention(text, "Joe Biden", role="US President"),
        _mention(text, "Lai Ching-te", role="President"),
        _mention(text, "Joe Biden", at=text.index("left") - 12),
    ]
    # two presidents fit "the president"; no Frenchman is named; "former" is not read; a title before a name
    # is that name's own; "the US president" alone would have been Biden
    assert _refs(text, ms) == []
    assert _refs(text.replace(" Joe Biden left", " left"), ms[:2]) == [("The US president", "Joe Biden")]


def test_statement_participants_include_the_person_a_role_phrase_stands_for() -> None:
    text = "Xi Jinping, China's top leader, spoke first. The Chinese leader said Trump had agreed to the plan."
    ms = [
        _mention(text, "Xi Jinping", description="China's top leader"),
        _mention(text, "Trump"),
    ]
    ms[0].entity_id, ms[1].entity_id = "person:xi", "person:trump"
    second = text.index("The Chinese")
    art = Article(
        id="a",
        path="a.txt",
        raw=text,
        text=text,
        mentions=ms,
        sentences=[Sentence(0, second - 1), Sentence(second, len(text))],
    )
    units = article_units(art, "outlet:a")
    last = next(u for u in units if u.start >= second)
    assert last.entities == {"person:xi", "person:trump"}
    assert [(r.start, r.end) for r in last.references] == [(second, second + len("The Chinese leader"))]
    claims.ROLE_REFERENCES = False
    try:
        assert next(u for u in article_units(art, "outlet:a") if u.start >= second).entities == {"person:trump"}
    finally:
        claims.ROLE_REFERENCES = True
