"""A story's commitments: several outlets' versions of one commitment are one item with every cite, outlets that
give another period differ, and the dossier shows each at its start, running to its end. Short articles written
for these tests."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from storyline.analyse.dates import extract_dates
from storyline.compare.commitments import merge_into_figures, story_commitments
from storyline.compare.timeline import dated_sentences
from storyline.model import Article, Cite, NumberMention, Sentence
from storyline.render.dossier_base import SourceCite
from storyline.render.dossier_model import TimelineEntry
from storyline.render.dossier_times import act_parts, commitment_entries, period_note, until_note

PUBLISHED = "2025-11-24"


def art(aid: str, text: str, numbers: tuple[tuple[str, float, str, str], ...] = ()) -> Article:
    """An article with one sentence per full stop, its dates resolved against :data:`PUBLISHED`."""
    ns = []
    for phrase, value, unit, about in numbers:
        i = text.index(phrase)
        ns.append(NumberMention(i, i + len(phrase), phrase, value, unit, about, kind="quantity"))
    return Article(
        id=aid,
        path=f"x/{aid}.txt",
        raw=text,
        text=text,
        source=aid.upper(),
        published=PUBLISHED,
        sentences=[Sentence(*m.span()) for m in re.finditer(r"\S.*?\.(?=\s|$)", text)],
        dates=extract_dates(text, dt.date.fromisoformat(PUBLISHED)),
        numbers=ns,
    )


def items(*arts: Article) -> list[dict[str, Any]]:
    return story_commitments(arts, {a.id: a.id for a in arts}, {a.id: a.source or a.id for a in arts})


def test_outlets_versions_of_one_commitment_are_one_item_with_every_cite() -> None:
    a = art("ap", "China agreed to suspend export restrictions on rare earths for one year. Trade rose.")
    b = art("rt", "Beijing will pause its rare earth export curbs for a year, officials said.")
    c = art("ft", "After talks in late October, the two sides announced a one-year truce.")
    (item,) = items(a, b, c)
    assert item["sources"] == 3 and item["status"] == "agree"
    assert {v["article_id"] for v in item["values"]} == {"ap", "rt", "ft"}
    assert item["begins_how"] == "act" and item["period"] == "2025-10/2026-10"  # the act's date beats the report's
    assert item["values"][0]["article_id"] == "ft"


def test_outlets_that_give_another_period_differ() -> None:
    a = art("ap", "China agreed to suspend export restrictions on rare earths for one year.")
    b = art("rt", "China agreed to suspend export restrictions on rare earths for 90 days.")
    (item,) = items(a, b)
    assert item["status"] == "conflict"
    assert item["why"] == "different period: one year (AP) vs 90 days (RT)"


def test_two_commitments_stay_two() -> None:
    a = art(
        "ap",
        "The US will lift tariffs on steel for 90 days. Russia agreed to a 30-day halt to strikes on power plants.",
    )
    assert len(items(a)) == 2


def test_a_reconciled_figure_takes_its_commitments_time() -> None:
    a = art(
        "ap",
        "Beijing pledged to buy 12 million tons of soybeans by the end of this year.",
        (("12 million tons", 12e6, "tonne", "soybeans"),),
    )
    b = art(
        "rt",
        "China will purchase 12 million tonnes of soybeans this year.",
        (("12 million tonnes", 12e6, "tonne", "soybeans"),),
    )
    (item,) = items(a, b)
    assert item["until"] == "2025-12-31" and item["status"] == "agree"
    row = {
        "about": "soybeans",
        "status": "agree",
        "values": [
            {"article_id": "ap", "start": a.numbers[0].start},
            {"article_id": "rt", "start": b.numbers[0].start},
        ],
    }
    figures = [row]
    assert merge_into_figures(figures, [item]) == []
    assert row["until"] == "2025-12-31" and row["deadline"] == "2025-12-31" and row["act"] == "purchase"


def test_a_commitments_time_dates_no_happening() -> None:
    a = art(
        "ap",
        "Washington hopes to finalize an agreement by Thanksgiving. The talks with Beijing began on November 3.",
    )
    assert [v for v, _, _ in dated_sentences(a, PUBLISHED)] == ["2025-11-03"]


def _cite(c: Cite) -> SourceCite:
    return SourceCite(c.article_id, c.start, c.end, "AP", "", "AP")


def test_the_dossier_shows_a_commitment_at_its_start_running_to_its_end() -> None:
    a = art("ap", "The talks began on Nov. 3. China will suspend export restrictions for one year.")
    happening = TimelineEntry("2025-11-03", "The talks began on Nov. 3.", [_cite(Cite("ap", 0, 26))], 1)
    out = commitment_entries([happening], items(a), [a], _cite)
    assert [(e.date, e.kind, e.until, e.until_how) for e in out] == [
        ("2025-11-03", "happening", None, None),
        ("2025-11-24", "commitment", "2026-11-24", "until"),
    ]
    assert out[1].text == "China will suspend export restrictions for one year."
    assert act_parts(out[1].text, out[1].commitment_text)[1] == "suspend export restrictions for one year"
    assert until_note(out[1].until, out[1].until_how) == "until 24 Nov 2026"


def test_a_happening_whose_sentence_makes_the_commitment_runs_to_its_end() -> None:
    a = art("ap", "After a summit in late October, the two sides announced a one-year truce.")
    happening = TimelineEntry("2025-10-30", a.text, [_cite(Cite("ap", 0, len(a.text)))], 2)
    (e,) = commitment_entries([happening], items(a), [a], _cite)
    assert (e.date, e.kind, e.until, e.commitment_text) == ("2025-10-30", "happening", "2026-10", "one-year truce")


def test_a_pledge_for_a_year_is_an_entry_for_that_year() -> None:
    a = art(
        "ap",
        "China pledged to buy 25 million tons of soybeans in 2026.",
        (("25 million tons", 25e6, "tonne", "soybeans"),),
    )
    (e,) = commitment_entries([], items(a), [a], _cite)
    assert (e.date, e.until, e.future) == ("2026", "2026-12-31", True)
    assert period_note("2026-01-01/2026-12-31", None) == "in 2026"


def test_the_export_lists_every_articles_commitments() -> None:
    import jsonschema

    from storyline.render.export import export_corpus, schema

    a = art("ap", "China will suspend export restrictions until November 2026.")
    data = export_corpus([a], [], [])
    jsonschema.validate(data, schema())
    (c,) = data["commitments"]
    assert (c["article_id"], c["text"], c["period"], c["until"]) == (
        "ap",
        "suspend export restrictions until November 2026",
        "2025-11-24/2026-11",
        "2026-11",
    )


def test_a_length_in_other_units_or_an_end_a_day_apart_is_the_same_period() -> None:
    a = art("ap", "Washington and Beijing agreed to suspend their new tariffs for 90 days.")
    b = art("rt", "The truce halts the tariff war for three months.")
    (item,) = items(a, b)
    assert item["status"] == "agree" and item["sources"] == 2
    c = art("ap", "The deal would suspend the debt ceiling until January 2025.")
    d = art("rt", "The agreement suspends the limit through 2024, aides said.")
    (item,) = items(c, d)
    assert item["status"] == "agree"


def test_one_articles_two_times_are_two_commitments() -> None:
    a = art("ap", "The fund approved a four-year programme of loans. The government must cut the deficit by 2026.")
    assert len(items(a)) == 2
