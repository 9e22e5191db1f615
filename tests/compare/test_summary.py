"""The extractive summary: whole sentences that stand alone, each citing itself, within the word budget."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import pytest

from storyline.compare.story import key_sentences
from storyline.compare.summary import (
    REJECT,
    SummaryConfig,
    as_sentence,
    candidates,
    concept_groups,
    concept_weights,
    select_greedy,
    select_ilp,
    summarize,
    why_not_standalone,
)
from storyline.model import Article, Cite, Claim, Sentence, SummarySentence

# Three outlets on one made-up event; the first sentence of each is its lead.
HARBOUR = (
    "A storm with winds of 140 km/h closed the port of Valmera on Tuesday, the harbour authority said. "
    "Ferries to the three islands were cancelled until Thursday because of the storm. "
    "He said the damage to the harbour wall was being assessed by engineers on Wednesday. "
    "But the fishing fleet had already returned to the port of Valmera before the storm arrived. "
    "Will the ferries run again by the weekend? "
    "“It was the worst storm we have seen in twenty years.”"
)
WIRE = (
    "The port of Valmera was closed on Tuesday after a storm with winds of 140 km/h hit the coast. "
    "All ferries to the three islands were cancelled until Thursday, the harbour authority said. "
    "This is the second storm to close the port of Valmera this winter season. "
    "The harbour authority said engineers would inspect the damaged harbour wall on Wednesday morning."
)
LOCAL = (
    "Storm winds of 140 km/h hit the coast on Tuesday and the port of Valmera was closed by the authority. "
    "Ferries to the three islands will not sail until Thursday, officials of the harbour authority said. "
    "Local shops near the harbour wall stayed shut for the whole day as the storm passed over the town."
)


def _art(aid: str, source: str, text: str, published: str | None = None) -> Article:
    spans = [m.span() for m in re.finditer(r"\S.*?(?:[.?!][”\"]?(?=\s|$))", text)]
    return Article(
        id=aid,
        path=f"x/{aid}.txt",
        raw=text,
        text=text,
        source=source,
        published=published,
        sentences=[Sentence(s, e) for s, e in spans],
    )


@pytest.fixture()
def story() -> list[Article]:
    return [
        _art("a", "Harbour News", HARBOUR, "2026-01-06"),
        _art("b", "Wire", WIRE, "2026-01-06"),
        _art("c", "Local Post", LOCAL, "2026-01-07"),
    ]


@pytest.mark.parametrize("solver", ["ilp", "greedy"])
def test_every_sentence_is_an_article_sentence_citing_itself_first(story: list[Article], solver: str) -> None:
    by_id = {a.id: a for a in story}
    out = summarize([], story, words=60, solver=solver)
    assert out
    for s in out:
        first = s.cites[0]
        assert by_id[first.article_id].text[first.start : first.end] == s.text
        assert len(s.sources) == len(s.cites)
        assert s.sources[0] == by_id[first.article_id].source


def test_same_fact_in_other_sources_is_cited_after_the_sentence(story: list[Article]) -> None:
    first = summarize([], story, words=40)[0]
    own = first.cites[0]
    others = [Cite(a.id, 0, 30) for a in story if a.id != own.article_id]
    claim = Claim("s1-c1", "s1", "The port was closed.", [*others, Cite(own.article_id, own.start, own.start + 20)])
    cited = next(s for s in summarize([claim], story, words=40) if s.text == first.text)
    assert cited.cites[0] == own
    assert cited.cites[1:] == others
    assert len(cited.sources) == 3 and len(set(cited.sources)) == 3
    assert cited.claim_id == "s1-c1"


@pytest.mark.parametrize("solver", ["ilp", "greedy"])
def test_no_fragment_question_quote_or_pronoun_opening(story: list[Article], solver: str) -> None:
    for s in summarize([], story, words=100, solver=solver):
        assert why_not_standalone(s.text) is None
        assert not s.text.startswith(("He ", "But ", "This ", "“"))
        assert not s.text.rstrip().endswith("?")


@pytest.mark.parametrize(
    "text, why",
    [
        ("Valmera harbour authority storm update for Tuesday morning", "heading or cut-off line"),
        ("Will the ferries to the islands run again by the weekend?", "question"),
        ("The victims were taken to hospital on Monday, said police Lt.", "cut at an abbreviation"),
        ("and the fishing fleet returned to the port before the storm arrived.", "opens in lower case"),
        ("“It was the worst storm we have seen in twenty years here.”", "quotation alone or part of a longer one"),
        ("the worst storm in twenty years,” the harbour master said on Tuesday.", "opens in lower case"),
        ("It was the worst storm the harbour of Valmera had seen in years.", "opens on a pronoun or connective"),
        ("However, the fishing fleet had returned to the port before the storm.", "opens on a pronoun or connective"),
        ("In addition, the storm damaged the harbour wall and two of the cranes.", "opens on a pronoun or connective"),
        ("The port closed.", "too short"),
        (
            "``It was the worst storm we have seen in twenty years here,'' he said.",
            "quotation alone or part of a longer one",
        ),
        (
            "``The storm was the worst in twenty years,'' she told the harbour staff on Tuesday.",
            "a quotation said by a pronoun",
        ),
        ("The harbour office is at 12 Quay Street; (0555) 123-4567 for ferry news.", "a telephone number"),
        ("Ten of those on board the ferry were taken to hospital on Tuesday.", "opens on a pronoun or connective"),
        ("Neither he nor the harbour master could be reached on Tuesday evening.", "opens on a pronoun or connective"),
        ("Another reason was the height of the waves in the harbour that night.", "opens on a pronoun or connective"),
        ("The rest of the fleet stayed in port until the storm had passed.", "opens on a pronoun or connective"),
        (
            "The minister backed every effort to end the nearly four-year conflict, officials said.",
            "names its happening only as 'the … conflict'",
        ),
        ("Enter Valmera to throw down the gauntlet with a slogan of its own.", "addresses the reader"),
        ("Don't worry, Valmera, no one is going to take your harbour away.", "addresses the reader"),
    ],
)
def test_why_not_standalone_table(text: str, why: str) -> None:
    assert why_not_standalone(text) == why


def test_every_reject_rule_has_a_test() -> None:
    tested = {
        "heading or cut-off line", "question", "several lines", "cut at an abbreviation", "opens in lower case",
        "quotation alone or part of a longer one", "opens on a pronoun or connective",
        "names its happening only as 'the … conflict'", "a quotation said by a pronoun", "a telephone number",
        "addresses the reader",
    }  # fmt: skip
    assert {why for why, _ in REJECT} <= tested
    assert why_not_standalone("The storm closed the port.\nFerries were cancelled until Thursday then.") == (
        "several lines"
    )


def test_quote_with_its_speaker_can_stand_alone() -> None:
    text = "“The storm was the worst in twenty years,” the harbour master of Valmera said on Tuesday."
    assert why_not_standalone(text) is None
    # wire text of the 1990s types its quotation marks as `` and ''
    assert why_not_standalone(text.replace("“", "``").replace("”", "''")) is None


@pytest.mark.parametrize("words", [15, 25, 40, 60, 100])
@pytest.mark.parametrize("solver", ["ilp", "greedy"])
def test_word_budget_respected(story: list[Article], words: int, solver: str) -> None:
    out = summarize([], story, words=words, solver=solver)
    assert sum(len(s.text.split()) for s in out) <= words


def test_reading_order_by_date_then_position(story: list[Article]) -> None:
    out = summarize([], story, words=100)
    dates = [next(a.published for a in story if a.id == s.cites[0].article_id) for s in out]
    assert dates[1:] == sorted(dates[1:])  # the pinned lead opens the summary, whatever its date (pin_lead)
    unpinned = summarize([], story, words=100, config=SummaryConfig(pin_lead=False))
    dates = [next(a.published for a in story if a.id == s.cites[0].article_id) for s in unpinned]
    assert dates == sorted(dates)


def test_concepts_of_one_source_are_down_weighted(story: list[Article]) -> None:
    w = concept_weights(story, SummaryConfig(single_weight=0.0))
    assert w["port valmera"] == 1.0  # all three sources
    assert "local shop" not in w  # one source, dropped
    half = concept_weights(story, SummaryConfig(single_weight=0.5))
    assert half["local shop"] == pytest.approx(0.5 / 3)


def test_copies_of_one_outlet_count_once(story: list[Article]) -> None:
    by_source = SummaryConfig(count_by="source")
    copy = _art("d", "Wire", WIRE)
    w = concept_weights([*story, copy], by_source)
    assert w["port valmera"] == 1.0
    assert w == concept_weights(story, by_source)
    copy.duplicate_of = "b"  # a copy the dedup stage found counts as its original whatever is counted
    assert concept_weights([*story, copy], SummaryConfig()) == concept_weights(story, SummaryConfig())


def test_concepts_may_count_articles_rather_than_outlets(story: list[Article]) -> None:
    again = _art("d", "Wire", "The second storm of the winter also flooded the fish market near the harbour.")
    by_source = concept_weights([*story, again], SummaryConfig(single_weight=0.5, count_by="source"))
    assert by_source["second storm"] == pytest.approx(0.5 / 3)  # two reports of one outlet: one source
    by_article = concept_weights([*story, again], SummaryConfig(single_weight=0.5, count_by="article"))
    assert by_article["second storm"] == pytest.approx(2 / 4)  # two of the four articles
    assert by_article["port valmera"] == pytest.approx(3 / 4)


def test_key_sentences_do_not_repeat_the_summary(story: list[Article]) -> None:
    summary = summarize([], story, words=40)
    keys = key_sentences(story, avoid=summary)
    spans = {(c.article_id, c.start) for s in summary for c in s.cites}
    assert keys and summary
    assert not any((c.article_id, c.start) in spans for k in keys for c in k.cites)
    assert not {k.text for k in keys} & {s.text for s in summary}


def test_ilp_and_greedy_agree_on_a_tiny_case() -> None:
    tiny = [_art("a", "Wire", WIRE), _art("b", "Local Post", LOCAL)]
    cfg = SummaryConfig(words=25, lead_bonus=0.0, single_weight=0.25)
    cands = candidates(tiny, cfg)
    weights = concept_weights(tiny, cfg)
    ilp, greedy = select_ilp(cands, weights, cfg), select_greedy(cands, weights, cfg)
    assert ilp is not None and ilp == greedy and len(ilp) == 1
    assert "port of Valmera was closed" in cands[ilp[0]].text


def test_ilp_covers_at_least_what_greedy_covers(story: list[Article]) -> None:
    cfg = SummaryConfig(words=40, lead_bonus=0.0)
    cands = candidates(story, cfg)
    weights = concept_weights(story, cfg)
    ilp, greedy = select_ilp(cands, weights, cfg), select_greedy(cands, weights, cfg)
    assert ilp is not None

    def value(chosen: list[int]) -> float:
        covered: set[str] = set().union(*(cands[j].concepts for j in chosen))
        return sum(weights.get(k, 0.0) for k in covered)

    assert value(ilp) >= value(greedy) - 1e-9
    assert sum(cands[j].words for j in ilp) <= 40


def test_concepts_folded_keep_every_selections_value(story: list[Article]) -> None:
    cfg = SummaryConfig()
    cands = candidates(story, cfg)
    weights = concept_weights(story, cfg)
    own, groups = concept_groups(cands, weights)
    assert all(len(js) > 1 for js, _ in groups) and len({js for js, _ in groups}) == len(groups)

    def value(chosen: set[int]) -> float:
        covered: set[str] = set().union(*(cands[j].concepts for j in chosen))
        return sum(weights.get(k, 0.0) for k in covered)

    def folded(chosen: set[int]) -> float:
        return sum(own[j] for j in chosen) + sum(w for js, w in groups if chosen & set(js))

    for chosen in ({0}, {1, 2}, set(range(len(cands))), {j for j in range(len(cands)) if j % 2}):
        assert folded(chosen) == pytest.approx(value(chosen))


def test_ilp_finds_the_best_selection(story: list[Article]) -> None:
    cfg = SummaryConfig(words=45)
    cands = candidates(story, cfg)
    weights = concept_weights(story, cfg)
    chosen = select_ilp(cands, weights, cfg)
    assert chosen is not None

    def value(sel: Sequence[int]) -> float:
        covered: set[str] = set().union(*(cands[j].concepts for j in sel))
        return sum(weights.get(k, 0.0) for k in covered) + sum(cfg.lead_bonus / (1 + cands[j].rank) for j in sel)

    fits = [
        sel
        for r in range(cfg.words // cfg.min_words + 1)
        for sel in itertools.combinations(range(len(cands)), r)
        if sum(cands[j].words for j in sel) <= cfg.words
    ]
    assert value(chosen) == pytest.approx(max(value(sel) for sel in fits))


def test_fallback_when_no_sentence_stands_alone() -> None:
    arts = [_art("a", "Reuters", "He left. It rained.")]
    fallback = [
        SummarySentence("One two three four five six.", [Cite("a", 0, 5)]),
        SummarySentence("Seven eight nine ten eleven twelve.", [Cite("a", 6, 9)]),
    ]
    assert len(summarize([], arts, fallback, words=8)) == 1
    assert [s.sources for s in summarize([], arts, fallback, words=100)] == [["Reuters"], ["Reuters"]]
    assert summarize([], arts) == []
    assert as_sentence("already done.") == "Already done."


def test_the_summary_opens_on_the_most_corroborated_lead(story: list[Article]) -> None:
    cfg = SummaryConfig()
    cands = candidates(story, cfg)
    out = summarize([], story)
    leads = [c for c in cands if c.rank <= 1]
    assert out and leads
    assert any(out[0].text == c.text for c in leads)


def test_a_happening_named_in_the_sentence_may_stand_alone() -> None:
    for text in (
        "The minister backed every effort to end the conflict in Ukraine, officials said.",
        "The two sides agreed to extend their trade war truce by another year, officials said.",
    ):
        assert why_not_standalone(text) is None


def test_a_sentence_with_no_clause_is_neither_summary_nor_key_sentence() -> None:
    from storyline.model import Statement

    listing = "Storm damage, ferry cancellations, harbour wall repairs, and the winter fishing season."
    told = "The harbour authority closed the port of Valmera on Tuesday after the storm hit the coast."
    arts = []
    for k in range(2):
        text = f"{told} {listing}"
        a = Article(id=f"a{k}", path=f"a{k}.txt", raw=text, text=text, source=f"Outlet {k}")
        a.sentences = [Sentence(0, len(told)), Sentence(len(told) + 1, len(text))]
        a.statements = [Statement(0, len(told), 0, "close", subject="The harbour authority")]
        arts.append(a)
    got = [a.text[c.start : c.end] for c in candidates(arts, SummaryConfig())]
    assert listing not in got and told in got
    keys = [s.text for s in key_sentences(arts)]
    assert listing not in keys


def test_key_sentences_stand_alone_too() -> None:
    told = "The harbour authority closed the port of Valmera on Tuesday after the storm hit the coast."
    quote = "“We will reopen the port of Valmera as soon as the harbour wall is safe again.”"
    pronoun = "He said the harbour wall of Valmera would be inspected by engineers on Wednesday."
    arts = []
    for k in range(2):
        text = f"{told} {quote} {pronoun}"
        a = Article(id=f"a{k}", path=f"a{k}.txt", raw=text, text=text, source=f"Outlet {k}")
        i, j = text.index(quote), text.index(pronoun)
        a.sentences = [Sentence(0, len(told)), Sentence(i, i + len(quote)), Sentence(j, len(text))]
        arts.append(a)
    assert [s.text for s in key_sentences(arts)] == [told]
