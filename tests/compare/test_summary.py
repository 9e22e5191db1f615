"""The extractive summary: most-corroborated first, every sentence cites, nothing repeated."""

from __future__ import annotations

from storyline.compare.summary import as_sentence, summarize
from storyline.model import Article, Cite, Claim, SummarySentence


def _art(aid: str, source: str) -> Article:
    return Article(id=aid, path=f"x/{aid}.txt", raw="", text="x" * 400, source=source)


def test_most_corroborated_first_cited_and_not_repeated() -> None:
    arts = [_art("a", "Reuters"), _art("b", "AP"), _art("c", "BBC")]
    claims = [
        Claim("c1", "s1", "trump will visit Beijing in April", [Cite("a", 0, 5), Cite("b", 0, 5)], sources=2),
        Claim(
            "c2",
            "s1",
            "Xi raised Taiwan in the call with Trump.",
            [Cite("a", 9, 20), Cite("b", 9, 20), Cite("c", 9, 20)],
            sources=3,
        ),
        Claim("c3", "s1", "Xi raised Taiwan in his call with Trump on Monday.", [Cite("c", 30, 40)], sources=2),
        Claim("c4", "s1", "a quote", [Cite("a", 50, 60)], kind="quote", sources=3),
    ]
    out = summarize(claims, arts, words=100)
    assert [s.claim_id for s in out] == ["c2", "c1"]  # c3 repeats c2, quotes are not summary facts
    assert out[1].text == "Trump will visit Beijing in April."
    assert all(s.cites for s in out)
    assert out[0].sources == ["Reuters", "AP", "BBC"]


def test_word_budget_and_fallback() -> None:
    arts = [_art("a", "Reuters")]
    fallback = [
        SummarySentence("One two three four five six.", [Cite("a", 0, 5)]),
        SummarySentence("Seven eight nine ten eleven twelve.", [Cite("a", 6, 9)]),
    ]
    assert len(summarize([], arts, fallback, words=8)) == 1
    assert len(summarize([], arts, fallback, words=100)) == 2
    assert as_sentence("already done.") == "Already done."
