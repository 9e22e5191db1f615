"""Quotes across outlets: a group's versions carry the canonical quote's content; each outlet is shown once."""

from __future__ import annotations

from storyline.compare.quote_content import ContentWeights, content
from storyline.compare.quotes import quote_claims
from storyline.model import Article, Quote, Sentence


def art(aid: str, text: str, source: str, quotes: list[tuple[str, str, str]]) -> Article:
    """An article whose sentences end at a full stop and a space; ``quotes``: (words, kind, speaker entity)."""
    sents, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            sents.append(Sentence(start, i + 1))
            start = i + 2
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=source, published="2025-03-02")
    a.sentences = sents
    for words, kind, who in quotes:
        at = text.index(words)
        a.quotes.append(Quote(at, at + len(words), words, kind, who.title(), who))
    return a


# Made-up: a mayor rejects a plant's closure in one outlet's words, and calls the plant profitable in another's.
PACKED = (
    "closure of the plant is not an option for the town's 4,000 workers and described the site, the oldest in "
    "the valley, as a profitable and modern mill"
)
PROFITABLE = "the site is a profitable and modern mill"
STILL_PROFITABLE = "the site is still a profitable and modern mill"


def _mayor_story() -> list[Article]:
    a = art(
        "a",
        f"Mayor Brandt told reporters that {PACKED}. She said {PROFITABLE}. Later she said {STILL_PROFITABLE}. "
        "The owners want to sell the mill.",
        "Valley Post",
        [(PACKED, "indirect", "brandt"), (PROFITABLE, "indirect", "brandt"), (STILL_PROFITABLE, "indirect", "brandt")],
    )
    b = art(
        "b",
        "Brandt dismissed the plan, saying that “there is no such option as closure.” The owners want to sell.",
        "Courier",
        [("there is no such option as closure.", "partial", "brandt")],
    )
    return [a, b]


def test_reports_of_another_statement_of_the_speaker_are_no_versions_of_the_quote() -> None:
    (claim,) = quote_claims("s", _mayor_story())
    assert claim.text == "there is no such option as closure."
    assert sorted(v["text"] for v in claim.versions) == sorted([PACKED, "there is no such option as closure."])


def test_a_paraphrase_in_other_words_of_a_news_family_stays_a_version() -> None:
    quote = "we will cut the fees for every family this spring"
    a = art("a", f"The minister said: “{quote}.” Parents welcomed it.", "Daily", [(quote, "direct", "min")])
    said = "the government would reduce fees for every family this spring"
    b = art("b", f"The minister said {said}. Parents welcomed it.", "Herald", [(said, "indirect", "min")])
    (claim,) = quote_claims("s", [a, b])
    assert {v["article_id"]: v["relation"] for v in claim.versions} == {"a": "canonical", "b": "paraphrase"}


def test_each_outlet_is_shown_once_by_its_best_version() -> None:
    quote = "the bridge will reopen to lorries before the harvest"
    a = art(
        "a",
        f"The engineer said the bridge would reopen to lorries before the harvest. “{quote.capitalize()},” she said.",
        "Daily",
        [
            ("the bridge would reopen to lorries before the harvest", "indirect", "eng"),
            (quote.capitalize(), "direct", "eng"),
        ],
    )
    b = art(
        "b",
        f"“{quote.capitalize()},” the engineer said. Farmers cheered.",
        "Herald",
        [(quote.capitalize(), "direct", "eng")],
    )
    (claim,) = quote_claims("s", [a, b])
    assert sorted((v["article_id"], v["kind"]) for v in claim.versions) == [("a", "direct"), ("b", "direct")]
    assert claim.sources == 2


def test_content_reads_news_families_as_one_word_and_weighs_the_story_words_least() -> None:
    assert content("The tariffs were reduced") == content("tariff cut")
    w = ContentWeights.of(["The mill is open.", "The mill is sold.", "The mill is old.", "Closure is no option."])
    # "mill", in most sentences, counts for less than "option", in one
    assert w.shared("no option for the mill", "the mill") < 0.5 < w.shared("no option for the mill", "no option")


def test_the_speakers_reported_speech_in_other_words_joins_the_quote_it_carries() -> None:
    quote = "I don't think any fines will be imposed as a result of the audit"
    a = art("a", f"“{quote},” Okafor said. Shares rose.", "Daily", [(quote, "direct", "okafor")])
    said = "he thinks the audit will not lead to fines being imposed"  # too far for the character ratios
    b = art("b", f"Okafor said {said}. Shares rose.", "Herald", [(said, "indirect", "okafor")])
    (claim,) = quote_claims("s", [a, b])
    assert {v["article_id"]: v["relation"] for v in claim.versions} == {"a": "canonical", "b": "paraphrase"}
    # another speaker's report of the same words is no version of Okafor's quote
    c = art("c", f"Lindqvist said {said}. Shares rose.", "Herald", [(said, "indirect", "lindqvist")])
    assert quote_claims("s", [a, c]) == []
