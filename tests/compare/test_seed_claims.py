"""Cross-source comparison on the five seed articles (../shared/corpus/seeds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from storyline.render.export import schema


def _nov(corpus: Any) -> Any:
    return max(corpus.stories, key=lambda s: len(s.article_ids))


def _seed(corpus: Any) -> dict[str, str]:
    return {a.id: Path(a.path).name[:3] for a in corpus.articles()}


def _claim(story: Any, *words: str, kind: str = "fact") -> Any:
    found = [c for c in story.claims if c.kind == kind and all(w.lower() in c.text.lower() for w in words)]
    assert found, f"no {kind} claim with {words}: {[c.text for c in story.claims]}"
    return found[0]


def test_seed_claims_are_supported_by_every_outlet_that_reports_them(seed_corpus: Any) -> None:
    story, seed = _nov(seed_corpus), _seed(seed_corpus)
    soy = _claim(story, "soybeans", "12 million")
    assert {seed[c.article_id] for c in soy.support} == {"002", "004"}
    for c in story.claims:
        assert c.sources >= 2 or c.kind == "account"
        assert len(c.text.split()) >= 6
        if c.kind == "fact":  # one cell per outlet: one cite per article
            ids = [x.article_id for x in c.support] + [str(x["article_id"]) for x in c.conflicts]
            assert len(ids) == len(set(ids))


def test_no_conflict_from_a_date_we_resolved(seed_corpus: Any) -> None:
    """A date conflict is between days the articles write out, never a weekday we resolved ourselves."""
    story = _nov(seed_corpus)
    for c in story.claims:
        for x in c.conflicts:
            assert not str(x["why"]).startswith("different date") or "different date" in str(x["why"])


def test_trumps_statement_did_not_mention_taiwan_is_surfaced(seed_corpus: Any) -> None:
    story, seed = _nov(seed_corpus), _seed(seed_corpus)
    acc = _claim(story, "Trump", "mention", "Taiwan", kind="account")
    assert acc.party == "Donald Trump" and "Taiwan" in (acc.topic or "")
    assert {seed[c.article_id] for c in acc.support} >= {"001", "002", "004"}
    assert acc.counter, "the Chinese read-out side is cited"


def test_soybean_figures_reconcile(seed_corpus: Any) -> None:
    story = _nov(seed_corpus)
    soy = [f for f in story.figures if "soybean" in str(f["about"]).lower()]
    assert len(soy) == 2 and all(f["status"] == "agree" for f in soy)


def test_summary_cites_every_sentence_and_timeline_counts_sources(seed_corpus: Any) -> None:
    for story in seed_corpus.stories:
        assert story.summary
        assert all(s.cites and len(s.sources) == len(s.cites) for s in story.summary)
    story = _nov(seed_corpus)
    april = [t for t in story.timeline if t.date == "2026-04"]
    assert april and april[0].future and max(t.sources for t in april) >= 3


def test_export_fills_claims_per_contract(seed_corpus: Any) -> None:
    data = seed_corpus.export()
    jsonschema.validate(data, schema())
    assert data["claims"] and all(c["support"] for c in data["claims"])
    assert all(s["summary"] for s in data["stories"])


def test_a_story_is_the_same_whatever_order_its_articles_come_in(seed_corpus: Any) -> None:
    """An ingest that grows a story lists its articles in another order than one run over them all: the build
    reads them in one order (publication date, file name, id), so the two are the same story, cite for cite."""
    from storyline.compare.story import build_story
    from storyline.model import reading_key

    story = _nov(seed_corpus)
    members = seed_corpus.store.articles(story.article_ids)
    entities = seed_corpus.store.entities()
    ahead, behind = build_story(story.id, members, entities), build_story(story.id, members[::-1], entities)
    assert ahead == behind
    assert ahead.article_ids == [a.id for a in sorted(members, key=reading_key)]
