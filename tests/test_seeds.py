"""Integration over the five real seed articles (../shared/corpus/seeds): grouping, titles, cleaning, dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.render.export import schema

GOLDEN = Path(__file__).parent / "golden" / "seeds.json"
NOV = {"000", "001", "002", "004"}


def by_seed(corpus: Any) -> dict[str, Any]:
    return {Path(a.path).name[:3]: a for a in corpus.articles()}


def test_four_november_articles_form_one_story_and_january_another(seed_corpus: Any) -> None:
    arts = by_seed(seed_corpus)
    stories = seed_corpus.stories
    assert len(stories) == 2
    groups = {frozenset(Path(a.path).name[:3] for a in s.articles()) for s in stories}
    assert groups == {frozenset(NOV), frozenset({"003"})}
    nov = next(s for s in stories if arts["002"].id in s.article_ids)
    assert nov.event_date == "2025-11-24"
    assert nov.independent_sources >= 3


def test_titles(seed_corpus: Any) -> None:
    arts = by_seed(seed_corpus)
    assert arts["000"].title == "Xi Jinping calls Donald Trump as relationship moves to new territory"
    assert arts["001"].title == "Xi puts biggest US-China flashpoint back on agenda in Trump call"
    assert arts["002"].title == "Xi Jinping Uses Trump Phone Call To Push Taiwan Claim And Protect Fragile Trade Truce"
    assert arts["004"].title.startswith("Xi Raises Taiwan Issue in Call with Trump")
    assert arts["003"].title_how == "lead"  # the scrape has no headline
    for s in seed_corpus.stories:
        assert s.title and "Home Sports" not in s.title


@pytest.mark.parametrize(
    ("seed", "junk"),
    [
        ("000", "To join the conversation, please log in"),
        ("001", "©2025 Bloomberg L.P."),
        ("001", "With assistance from Qianwei Zhang"),
        ("002", "Home Sports Hot News"),
        ("002", "Tushar is a skilled content writer"),
        ("002", "Leave a Comment"),
        ("002", "For More Information Click HERE"),
        ("003", "Photo: AFP"),
        ("003", "Vera Rubin Observatory"),
        ("003", "Cook Islands"),
        ("003", "super-embassy"),
        ("003", "Canada and the EU"),
        ("004", "Read more: Trump Says Democrats"),
        ("004", "Comments are closed"),
    ],
)
def test_junk_is_removed_with_a_reason(seed_corpus: Any, seed: str, junk: str) -> None:
    a = by_seed(seed_corpus)[seed]
    assert junk not in a.text
    assert any(junk in r.text and r.reason for r in a.removed)


@pytest.mark.parametrize(
    ("seed", "kept"),
    [
        ("000", "Beijing will feel that additional US concessions are within reach"),
        ("001", "‘Worrisome’"),
        ("001", "red line of Taiwan"),
        ("002", "Frequently Asked Questions"),
        ("002", "What did Xi and Trump agree on regarding trade and rare earths?"),
        ("003", "Taiwan is sending Legislative Speaker Han Kuo-yu"),
        ("004", "The call reflects a complex mix of cooperation and rivalry"),
        ("004", "Trump and Xi also discussed the war in Ukraine."),
    ],
)
def test_article_content_is_kept(seed_corpus: Any, seed: str, kept: str) -> None:
    assert kept in by_seed(seed_corpus)[seed].text


def test_no_sentence_lost(seed_corpus: Any, seeds_dir: Path) -> None:
    """Every raw line is either in the cleaned text, the title, or the removed list."""
    for a in seed_corpus.articles():
        removed = "\n".join(r.text for r in a.removed)
        datelines = [r.text for r in a.removed if r.reason == "dateline"]
        for line in a.raw.splitlines():
            line = line.strip()
            for d in datelines:  # a dateline is cut from the lead; the rest of its line stays in the text
                line = line[len(d) :].lstrip(" :-–—_") if line.startswith(d) else line
            if line and line != a.title:
                assert line in a.text or line in removed, (a.path, line[:60])


def test_sources_and_dates(seed_corpus: Any) -> None:
    arts = by_seed(seed_corpus)
    assert arts["001"].source == "Bloomberg"
    assert arts["002"].author == "Tushar"
    for k in NOV:
        assert arts[k].published is not None and arts[k].published_how in ("text", "inferred")
        assert arts[k].published_why
    mon = {d.text: d.value for d in arts["004"].dates}
    assert mon.get("on Monday") == "2025-11-24"
    assert {d.text: d.value for d in arts["001"].dates}.get("on Nov. 7") == "2025-11-07"


def test_entities_are_canonical(seed_corpus: Any) -> None:
    ents = {e.name: e for e in seed_corpus.entities()}
    assert ents["Xi Jinping"].type == "PERSON" and {"Xi", "Mr Xi"} <= set(ents["Xi Jinping"].aliases)
    assert ents["Donald Trump"].type == "PERSON" and "Trump" in ents["Donald Trump"].aliases
    assert "Trump" not in ents and "Xi Raises" not in ents and "Xi" not in ents
    persons = [e.name for e in ents.values() if e.type == "PERSON"]
    assert "Sanae Takaichi" in persons and "Takaichi" not in ents
    assert not any("Home Sports" in n or "Click HERE" in n for n in ents)


def test_export_validates_against_the_contract(seed_corpus: Any) -> None:
    data = seed_corpus.export()
    jsonschema.validate(data, schema())
    for a in data["articles"]:
        assert a["story_id"] in {s["id"] for s in data["stories"]}
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for e in data["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(texts[m["article_id"]])
    for d in data["dates"]:
        assert texts[d["article_id"]][d["start"] : d["end"]] == d["text"]


def test_every_dossier_citation_points_at_its_text(seed_corpus: Any) -> None:
    for s in seed_corpus.stories:
        d = s.dossier("dict")
        texts = {a["id"]: a["text"] for a in d["articles"]}
        for section in ("timeline", "key_sentences", "summary"):
            for item in d[section]:
                assert item["cites"]
                for c in item["cites"]:
                    assert texts[c["article_id"]][c["start"] : c["end"]].strip()
        first = d["key_sentences"][0]
        c = first["cites"][0]
        assert texts[c["article_id"]][c["start"] : c["end"]] == first["text"]


def golden_view(corpus: Any) -> dict[str, Any]:
    """A compact, stable view of the seed output: what a change to it should make a reviewer look at."""
    arts = sorted(corpus.articles(), key=lambda a: a.path)
    ids = {a.id: Path(a.path).name[:3] for a in arts}
    return {
        "articles": {
            Path(a.path).name[:3]: {
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "published_how": a.published_how,
                "removed": sorted(f"{r.reason}: {r.text[:50]}" for r in a.removed),
                "paragraphs": len(a.paragraphs),
            }
            for a in arts
        },
        "stories": sorted(
            (
                {
                    "title": s.title,
                    "event_date": s.event_date,
                    "articles": sorted(ids[i] for i in s.article_ids),
                    "independent_sources": s.independent_sources,
                }
                for s in corpus.stories
            ),
            key=lambda s: s["articles"],
        ),
        "people": sorted(e.name for e in corpus.entities() if e.type == "PERSON"),
    }


def test_golden(seed_corpus: Any, update_golden: bool) -> None:
    view = golden_view(seed_corpus)
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(view, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.skip("golden file written for the first time")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert view == expected, "seed output changed: review, then run pytest --update-golden"
