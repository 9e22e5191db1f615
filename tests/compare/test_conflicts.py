"""Disagreements between aligned statements beyond figures and days: clock times, speakers, quote wording."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.compare.conflicts import (
    speaker_conflict,
    time_conflict_text,
    times_in,
    wording_conflict,
)
from storyline.model import Article, Mention, Quote


@dataclass
class _Span:
    article: Article
    start: int
    end: int


def _quoted(text: str, quote: str, speaker: str, entity: str) -> _Span:
    a = Article(id=entity + text[:5], path="x.txt", raw="", text=text)
    s = text.index(quote)
    k = text.rfind(speaker)
    a.quotes = [Quote(s, s + len(quote), quote, "direct", speaker=speaker, speaker_entity_id=entity)]
    if k >= 0:
        a.quotes[0].speaker_start, a.quotes[0].speaker_end = k, k + len(speaker)
        a.mentions = [Mention(k, k + len(speaker), speaker, "PERSON", entity_id=entity)]
    return _Span(a, 0, len(text))


def test_clock_times() -> None:
    assert times_in("at 4 p.m. and again at 16:45, then at noon") == [960, 1005, 720]
    assert times_in("a 9mm pistol, 12 am-radio stations") == []  # no clock time without a.m./p.m. or hh:mm


def test_times_more_than_twenty_minutes_apart_conflict() -> None:
    got = time_conflict_text("stopped shortly after 2 a.m.", "stopped about 2:30")
    assert got == "different time: 2 a.m. vs 2:30 a.m."
    assert time_conflict_text("stopped at 2 a.m.", "stopped at 2:10 a.m.") is None
    assert time_conflict_text("between 2 a.m. and 3 a.m.", "at 5 a.m.") is None  # a range is not one time


def test_same_words_two_named_speakers_conflict() -> None:
    q = "We are aware of the issue and are gathering facts"
    a = _quoted(f"“{q},” general manager Ann Lee Smith said.", q, "Ann Lee Smith", "e1")
    b = _quoted(f"“{q},” general manager Ann Lee Butler said.", q, "Ann Lee Butler", "e2")
    assert speaker_conflict(a, b) == "different speaker: Ann Lee Smith vs Ann Lee Butler"
    c = _quoted(f"“{q},” Smith said.", q, "Smith", "e3")
    assert speaker_conflict(a, c) is None  # a surname alone may be the same person
    d = _quoted(f"“{q},” general manager A.L. Butler said.", q, "A.L. Butler", "e4")
    assert speaker_conflict(b, d) is None  # one name spelled two ways ("AL Butler" / "Ann Lee Butler")


def test_a_quote_with_a_long_attribution_is_still_the_statement() -> None:
    q = "We are aware of the issue and we are disappointed"
    a = _quoted(f"“{q},” the club's long-serving general manager Ann Lee Smith said in a statement.", q,
                "Ann Lee Smith", "e1")  # fmt: skip
    b = _quoted(f"“{q},” the club's long-serving general manager Ann Lee Butler said in a statement.", q,
                "Ann Lee Butler", "e2")  # fmt: skip
    assert speaker_conflict(a, b) == "different speaker: Ann Lee Smith vs Ann Lee Butler"


def test_a_word_replaced_inside_a_quote_conflicts_but_a_shorter_cut_does_not() -> None:
    a = _quoted("“This morning I was stopped by an officer on the freeway,” he said.",
                "This morning I was stopped by an officer on the freeway", "Jo Doe", "e1")  # fmt: skip
    b = _quoted("“Yesterday I was stopped by an officer on the freeway,” he said.",
                "Yesterday I was stopped by an officer on the freeway", "Jo Doe", "e1")  # fmt: skip
    c = _quoted("“I was stopped by an officer on the freeway,” he said.",
                "I was stopped by an officer on the freeway", "Jo Doe", "e1")  # fmt: skip
    d = _quoted("“This morning I was stopped by an officer near the freeway,” he said.",
                "This morning I was stopped by an officer near the freeway", "Jo Doe", "e1")  # fmt: skip
    assert wording_conflict(a, c) is None  # one outlet cut the quote shorter
    assert wording_conflict(a, d) is None  # "on" / "near": transcription, not what was said
    assert wording_conflict(a, b) == "different wording: “this morning” vs “yesterday”"


def test_a_quote_that_goes_on_past_the_other_does_not_conflict_for_its_extra_words() -> None:
    short = "It is something I have been talking about for a long time despite being a big beneficiary of the law"
    long_ = short + "s, but I am working for you now, I am not working for Trump, believe me"
    a = _quoted(f"“{short}.”", short, "Jo Doe", "e1")
    b = _quoted(f"“{long_}.”", long_, "Jo Doe", "e1")
    assert wording_conflict(a, b) is None  # "law" / "laws", then more of the quote (its "not" included)
    denied = short.replace("I have been", "I haven't been")
    c = _quoted(f"“{denied}.”", denied, "Jo Doe", "e1")
    assert wording_conflict(a, c) is not None  # a word of the same place replaced by its negation


def test_a_speaker_named_in_the_words_leading_into_the_quote_counts() -> None:
    q = "We are aware of the issue and we are disappointed"
    a = _quoted(f"General manager Ann Lee Smith issued the following statement: “{q}.”", q, "Ann Lee Smith", "e1")
    a.start = a.article.text.index("“")  # the statement is the quote alone; the speaker leads into it
    b = _quoted(f"“{q},” general manager Ann Lee Butler said.", q, "Ann Lee Butler", "e2")
    assert speaker_conflict(a, b) == "different speaker: Ann Lee Smith vs Ann Lee Butler"
    c = _quoted(f"Ann Lee Smith spoke on Monday. Later a statement came: “{q}.”", q, "Ann Lee Smith", "e1")
    c.start = c.article.text.index("“")
    assert speaker_conflict(c, b) is None  # named a sentence before: our inference, not the outlet's words
