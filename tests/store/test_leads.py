"""Stored articles' leads read without the rest of them (storyline.store.leads), on both backends (``target``)."""

from __future__ import annotations

from storyline.model import Article, Mention, Sentence
from storyline.store.base import open_store
from storyline.store.leads import NO_SENTENCES_LEAD, Lead, article_leads


def test_a_lead_is_the_title_the_first_two_sentences_and_their_mentions(target: str) -> None:
    text = "Mill River rose. Aldmoor flooded on Monday. Novak spoke later."
    mill, aldmoor, novak = (
        Mention(0, 10, "Mill River", "LOC"),
        Mention(17, 24, "Aldmoor", "GPE"),
        Mention(44, 49, "Novak", "PERSON"),
    )
    long = "é" * (NO_SENTENCES_LEAD + 50)
    with open_store(target) as store:
        store.put_article(Article(id="a0", path="a0.txt", raw="", text=text, title="Floods",
                                  sentences=[Sentence(0, 16), Sentence(17, 43), Sentence(44, 62)],
                                  mentions=[mill, aldmoor, novak]))  # fmt: skip
        store.put_article(Article(id="a1", path="a1.txt", raw="", text=text, sentences=[Sentence(0, 16)],
                                  mentions=[mill, aldmoor]))  # fmt: skip
        store.put_article(Article(id="a2", path="a2.txt", raw="", text=long))
        got = article_leads(store, ["a0", "a1", "a2", "unknown"])
    assert got == {
        "a0": Lead("Floods", text[:43], [mill, aldmoor]),
        "a1": Lead(None, text[:16], [mill]),
        "a2": Lead(None, long[:NO_SENTENCES_LEAD], []),
    }
