"""A surname that several people of an article share, and a nickname in front of a full name (made-up text)."""

from __future__ import annotations

from storyline.analyse.entities import canonicalize
from storyline.model import Article, Mention


def art(aid: str, text: str, mentions: list[tuple[str, str]]) -> Article:
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text)
    pos = 0
    for surface, label in mentions:
        s = text.index(surface, pos)
        a.mentions.append(Mention(s, s + len(surface), surface, label))
        pos = s + len(surface)
    return a


def test_a_nickname_before_a_full_name_does_not_take_the_name() -> None:
    a = art(
        "a",
        "Mary Harmon spoke in Dayton. Harmon said the plan was sound. Mary Harmon left.",
        [("Mary Harmon", "PERSON"), ("Harmon", "PERSON"), ("Mary Harmon", "PERSON")],
    )
    b = art(
        "b",
        "The senator wrote that Sneaky Mary Harmon would lose. Mary Harmon answered him.",
        [("Sneaky Mary Harmon", "PERSON"), ("Mary Harmon", "PERSON")],
    )
    names = {e.name: len(e.mentions) for e in canonicalize([a, b])}
    assert names == {"Mary Harmon": 4, "Sneaky Mary Harmon": 1}
