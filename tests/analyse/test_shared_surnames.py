"""A surname that several people of an article share, and a nickname in front of a full name (made-up text)."""

from __future__ import annotations

from typing import Any

from storyline.analyse.entities import canonicalize, mentions_from_doc
from storyline.analyse.quotes import quotes_from_doc
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


def test_a_shared_surname_is_the_person_the_articles_lead_names() -> None:
    # the corpus's "Harmon" is mostly Mary; in the article whose lead names Bill, "Harmon" is Bill
    lead_bill = art(
        "a",
        "Former governor Bill Harmon criticised the plan in Dayton for his wife Mary Harmon.\n\n"
        "“It makes no sense,” Harmon said.",
        [("Bill Harmon", "PERSON"), ("Mary Harmon", "PERSON"), ("Harmon", "PERSON")],
    )
    others = [
        art(
            x,
            "Mary Harmon spoke in Dayton. Harmon said the plan was sound.",
            [("Mary Harmon", "PERSON"), ("Harmon", "PERSON")],
        )
        for x in "bc"
    ]
    ents = {e.id: e for e in canonicalize([lead_bill, *others])}
    assert ents[lead_bill.mentions[2].entity_id].name == "Bill Harmon"
    assert {ents[o.mentions[1].entity_id].name for o in others} == {"Mary Harmon"}
    assert len(ents[others[0].mentions[0].entity_id].mentions) == 5  # the lead's "Mary Harmon" is still hers
    # a full name written late, not in the lead, leaves the corpus's choice
    late = art(
        "d",
        "The plan was debated in Dayton on Monday by the county board and by a crowd of several hundred people "
        "who had come from across the county to hear the case for and against it, which took most of the day "
        "and the evening, as the speakers followed one another at the lectern until late at night, and the board "
        "voted only after midnight.\n\n"
        "Bill Harmon spoke for it. Harmon said it was sound.",
        [("Bill Harmon", "PERSON"), ("Harmon", "PERSON")],
    )
    ents = {e.id: e for e in canonicalize([late, *others])}
    assert ents[late.mentions[1].entity_id].name == "Mary Harmon"


def test_a_quotes_shared_surname_is_the_leads_person_not_the_last_named(nlp: Any) -> None:
    text = (
        "Former governor Bill Harmon criticised the budget in Dayton on Monday at a rally for his wife Mary Harmon.\n\n"
        "“It makes no sense,” Harmon said."
    )
    doc = nlp(text)
    q = next(q for q in quotes_from_doc(doc, mentions_from_doc(doc)) if q.text.startswith("It makes"))
    assert q.speaker == "Bill Harmon"


def test_a_full_name_tagged_a_product_is_still_the_person_she_stands_for(nlp: Any) -> None:
    text = (
        "Donald Harmon unveiled a leave plan on Tuesday.\n\n"
        "His campaign credited Susan Harmon with designing it.\n\n"
        "“It leaves out fathers,” said Alex Carmody, an analyst at a think tank.\n\n"
        "In an essay last week, Susan Harmon defended the plan. “It helps working mothers,” she wrote."
    )
    doc = nlp(text)
    ms = mentions_from_doc(doc)
    second = text.rindex("Susan Harmon")
    ms = [m for m in ms if not (m.start <= second < m.end)]  # the model reads a brand: tag it so
    ms.append(Mention(second, second + len("Susan Harmon"), "Susan Harmon", "PRODUCT"))
    ms.sort(key=lambda m: m.start)
    q = next(q for q in quotes_from_doc(doc, ms) if q.text.startswith("It helps"))
    assert q.speaker == "Susan Harmon"
