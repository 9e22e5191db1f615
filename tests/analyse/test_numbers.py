"""Figures in running text: value, unit, what they are about, hedge and time; and what is not a figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.analyse.numbers import numbers_from_doc
from storyline.model import NumberMention


def found(nlp: Any, text: str) -> dict[str, NumberMention]:
    doc = nlp(text)
    ns = numbers_from_doc(doc)
    for n in ns:
        assert text[n.start : n.end] == n.text
    return {n.text: n for n in ns}


def summary(n: NumberMention) -> tuple[float | None, str | None, str]:
    return (n.value, n.unit, n.kind)


# ------------------------------------------------------------------------------------------ money


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("The U.S. approved a package worth $330 million.", "$330 million", 330e6, "USD"),
        ("Sales reached US$11 million last year.", "US$11 million", 11e6, "USD"),
        ("The bank raised €5bn from investors.", "€5bn", 5e9, "EUR"),
        ("Britain spent £3.2 billion on defence.", "£3.2 billion", 3.2e9, "GBP"),
        ("The firm paid 330 million dollars for the site.", "330 million dollars", 330e6, "USD"),
        ("The deal is worth 1.5bn yuan.", "1.5bn yuan", 1.5e9, "CNY"),
        ("Taipei set aside NT$2 billion for the plan.", "NT$2 billion", 2e9, "TWD"),
        ("They paid $80m for the jets.", "$80m", 80e6, "USD"),
    ],
)
def test_money(nlp: Any, text: str, mention: str, value: float, unit: str) -> None:
    assert summary(found(nlp, text)[mention]) == (value, unit, "money")


def test_money_with_conversion_shares_what_it_is_about(nlp: Any) -> None:
    ns = found(nlp, "The deal was worth NZ$18.2 million (US$11 million) last year.")
    nz, us = ns["NZ$18.2 million"], ns["US$11 million"]
    assert (nz.value, nz.unit, us.value, us.unit) == (18.2e6, "NZD", 11e6, "USD")
    assert nz.about == us.about == "deal"
    assert nz.time == "last year"


def test_money_about_comes_from_the_noun_it_values(nlp: Any) -> None:
    n = found(nlp, "The U.S. recently approved a possible package estimated to be worth $330 million.")["$330 million"]
    assert n.about is not None and n.about.endswith("package")


# ------------------------------------------------------------------------------------- percentages


def test_percent_with_hedge_is_about_the_object_of_the_verb(nlp: Any) -> None:
    ns = found(
        nlp,
        "Trump threatened to raise tariffs on Chinese goods by as much as 60 percent and later "
        "pledged an additional 10 percent hike.",
    )
    big = ns["as much as 60 percent"]
    assert summary(big) == (60.0, "percent", "percent")
    assert big.approx == "as much as"
    assert big.about == "tariffs on Chinese goods"
    hike = ns["10 percent"]
    assert summary(hike) == (10.0, "percent", "percent")
    assert hike.about is not None and hike.about.endswith("hike")


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [
        ("Exports rose 12% in March.", "12%", "percent"),
        ("Support fell by 5 per cent.", "5 per cent", "percent"),
        ("The lead shrank by 3 percentage points.", "3 percentage points", "percentage point"),
    ],
)
def test_percent_forms(nlp: Any, text: str, mention: str, unit: str) -> None:
    assert found(nlp, text)[mention].unit == unit


# ------------------------------------------------------------------------------------------- counts


def test_people_are_persons_and_the_possessor_is_kept(nlp: Any) -> None:
    n = found(nlp, "A return to China is not an option for Taiwan’s 23 million people.")["23 million people"]
    assert summary(n) == (23e6, "person", "count")
    assert n.about == "Taiwan’s people"


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit", "approx"),
    [
        ("Taiwan is sending the speaker and seven others to the inauguration.", "seven others", 7, "other", None),
        ("The audit found 678 exposures in the network.", "678 exposures", 678, "exposure", None),
        ("Thousands of residents fled the city.", "Thousands of residents", 1e3, "resident", "at least"),
        ("Hundreds of protesters gathered.", "Hundreds of protesters", 1e2, "protester", "at least"),
        ("A dozen soldiers stood guard.", "A dozen soldiers", 12, "soldier", None),
        ("Half a million people watched.", "Half a million people", 5e5, "person", None),
        ("More than 1,200 troops arrived.", "More than 1,200 troops", 1200, "troop", "more than"),
        ("About 2024 people live there.", "About 2024 people", 2024, "person", "about"),
    ],
)
def test_counts(nlp: Any, text: str, mention: str, value: float, unit: str, approx: str | None) -> None:
    n = found(nlp, text)[mention]
    assert summary(n) == (value, unit, "count")
    assert n.approx == approx


# --------------------------------------------------------------------------------------- quantities


def test_a_hyphenated_counted_noun_is_the_whole_word(nlp: Any) -> None:
    # the tokenizer splits "co-workers" in three: the count is of co-workers, not of "co"
    n = found(nlp, "The complaint was filed by two female co-workers of the manager.")["two female co-workers"]
    assert summary(n) == (2, "co-worker", "count")
    assert n.about is not None and n.about.startswith("co-workers")


def test_tonnes_metric_tons_and_tons_share_one_unit(nlp: Any) -> None:
    ns = found(nlp, "Beijing pledged to buy 12 million tonnes of American soybeans this year.")
    t = ns["12 million tonnes"]
    assert summary(t) == (12e6, "tonne", "quantity")
    assert (t.about, t.time) == ("American soybeans", "this year")
    m = found(nlp, "China pledged to buy about 12 million metric tons of soybeans.")["about 12 million metric tons"]
    assert (summary(m), m.approx, m.about) == ((12e6, "tonne", "quantity"), "about", "soybeans")
    assert found(nlp, "The target is 25 million tons.")["25 million tons"].unit == "tonne"
    assert found(nlp, "It weighs 40 short tons.")["40 short tons"].unit == "short ton"


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("The field pumps 5,000 barrels a day.", "5,000 barrels a day", 5000, "barrel/day"),
        ("The road is 3.5 km long.", "3.5 km", 3.5, "km"),
        ("The plant makes 50 MW of power.", "50 MW", 50, "MW"),
        ("Fires burned 100 square kilometres.", "100 square kilometres", 100, "km2"),
    ],
)
def test_quantities(nlp: Any, text: str, mention: str, value: float, unit: str) -> None:
    assert summary(found(nlp, text)[mention]) == (value, unit, "quantity")


def test_coordinated_quantity_inherits_what_it_measures_and_keeps_its_own_time(nlp: Any) -> None:
    ns = found(
        nlp, "Beijing pledged to buy 12 million tonnes of American soybeans this year and 25 million tonnes in 2026."
    )
    assert (ns["12 million tonnes"].about, ns["12 million tonnes"].time) == ("American soybeans", "this year")
    assert (ns["25 million tonnes"].about, ns["25 million tonnes"].time) == ("American soybeans", "in 2026")


def test_range_takes_scale_and_unit_of_its_upper_end(nlp: Any) -> None:
    ns = found(nlp, "Sales fell by 10 to 12 million tonnes.")
    assert summary(ns["10"]) == (10e6, "tonne", "quantity")
    assert summary(ns["12 million tonnes"]) == (12e6, "tonne", "quantity")
    ns = found(nlp, "Officials expect two to three million visitors.")
    assert summary(ns["two"]) == (2e6, "visitor", "count")


def test_about_never_reaches_into_another_clause(nlp: Any) -> None:
    ns = found(nlp, "At least 45 people were killed and 120 injured when the quake struck, officials said.")
    assert ns["120"].about is None
    assert (ns["At least 45 people"].approx, ns["At least 45 people"].unit) == ("at least", "person")


# ---------------------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "mention", "value", "about", "approx"),
    [
        ("They agreed a one-year truce.", "one-year", 1, "truce", None),
        ("Xi backed efforts to end the nearly four-year conflict.", "nearly four-year", 4, "conflict", "nearly"),
        ("The war has lasted two decades.", "two decades", 20, "war", None),
        ("China agreed to suspend export restrictions for one year.", "one year", 1, "export restrictions", None),
    ],
)
def test_durations(nlp: Any, text: str, mention: str, value: float, about: str, approx: str | None) -> None:
    n = found(nlp, text)[mention]
    assert summary(n) == (value, "year", "duration")
    assert (n.about, n.approx) == (about, approx)


def test_relative_times_are_dates_not_durations(nlp: Any) -> None:
    assert found(nlp, "They met three days ago and again two weeks later.") == {}


# --------------------------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("text", "mention", "time"),
    [
        (
            "China has pledged to purchase about 12 million metric tons by the end of this year.",
            "about 12 million metric tons",
            "by the end of this year",
        ),
        ("China will buy 25 million tonnes in 2026.", "25 million tonnes", "in 2026"),
        ("China will buy 5,000 tonnes by Thanksgiving.", "5,000 tonnes", "by Thanksgiving"),
        ("The US will raise tariffs by 10 percent this year.", "10 percent", "this year"),
    ],
)
def test_time_of_the_same_clause(nlp: Any, text: str, mention: str, time: str) -> None:
    assert found(nlp, text)[mention].time == time


def test_time_of_another_clause_is_not_taken(nlp: Any) -> None:
    n = found(nlp, "On Monday, officials said the country has 23 million people.")["23 million people"]
    assert n.time is None


# ---------------------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        "Trump will visit Beijing in 2026.",
        "The flare-up began on Nov. 7, when Takaichi spoke.",
        "In a phone call on 24 November 2025, Xi spoke.",
        "They met on 2025-11-24 at 10:30 a.m. and again at 3 pm.",
        "It was the first meeting since 2019, in Trump's second term, the 2nd round.",
        "Taiwan is one of the most dangerous flashpoints.",
        "No one is contemplating that; they respect one another under the one China policy.",
        "The call was a very good one.",
        "1. Why did Xi raise Taiwan?\n2. What did Japan say?",
        "Call +1 202 555 0143 or (555) 123-4567.",
        "The WWII veteran called it a G2 meeting after COVID-19 and the F-35 deal.",
        "The two leaders spoke about the world’s two largest economies.",
        "Page 2 of 5",
        "Article 5 and World War 2 came up.",
        "Sales boomed in the 1990s.",
    ],
)
def test_not_figures(nlp: Any, text: str) -> None:
    assert found(nlp, text) == {}


def test_without_a_parse_figures_are_still_found(nlp: Any) -> None:
    import spacy

    ns = {n.text: n for n in numbers_from_doc(spacy.blank("en")("They paid $330 million and 60 percent."))}
    assert summary(ns["$330 million"]) == (330e6, "USD", "money")
    assert ns["60 percent"].about is None


# -------------------------------------------------------------------------------------- integration


def seed_numbers(nlp: Any, seeds_dir: Path, prefix: str) -> dict[str, NumberMention]:
    from storyline.ingest.readers import read_file
    from storyline.pipeline import build_article

    paths = sorted(seeds_dir.glob(f"{prefix}_*"))
    if not paths:
        pytest.skip(f"seed {prefix} not found")
    docs, _ = read_file(paths[0])
    article = build_article(docs[0])
    ns = numbers_from_doc(nlp(article.text))
    for n in ns:
        assert article.text[n.start : n.end] == n.text
    return {n.text: n for n in ns}


def test_seed_004_soybean_pledge(nlp: Any, seeds_dir: Path) -> None:
    ns = seed_numbers(nlp, seeds_dir, "004")
    first, second = ns["12 million tonnes"], ns["25 million tonnes"]
    assert (first.value, first.unit, first.about, first.time) == (12e6, "tonne", "American soybeans", "this year")
    assert (second.value, second.unit, second.time) == (25e6, "tonne", "in 2026")
    assert ns["one year"].kind == "duration"
    assert "two largest economies" not in ns


def test_seed_002_same_pledge_in_other_words(nlp: Any, seeds_dir: Path) -> None:
    ns = seed_numbers(nlp, seeds_dir, "002")
    about = ns["about 12 million metric tons"]
    assert (about.value, about.unit, about.approx, about.time) == (12e6, "tonne", "about", "by the end of this year")
    assert (ns["25 million tons"].value, ns["25 million tons"].unit) == (25e6, "tonne")
    assert summary(ns["23 million people"]) == (23e6, "person", "count")
    assert not any(n.value in (2025.0, 2026.0, 24.0) for n in ns.values())  # dates and years


def test_seed_001_arms_package(nlp: Any, seeds_dir: Path) -> None:
    ns = seed_numbers(nlp, seeds_dir, "001")
    n = ns["$330 million"]
    assert (n.value, n.unit, n.kind) == (330e6, "USD", "money")
    assert n.about is not None and "package" in n.about
    assert not any("one" in t.lower().split() for t in ns)  # "one of the U.S.’s most important allies", "No one"


def test_seed_003_tariff_threats(nlp: Any, seeds_dir: Path) -> None:
    ns = seed_numbers(nlp, seeds_dir, "003")
    assert ns["as much as 60 percent"].approx == "as much as"
    assert ns["10 percent"].value == 10.0
    assert ns["seven others"].value == 7.0
    # The New Zealand paragraph is an unrelated article glued on; the cleaner cuts it, so its money goes too.
    assert not any("NZ$" in t for t in ns)


def test_over_a_duration_is_the_period_unless_it_says_how_long(nlp: Any) -> None:
    pledge = found(nlp, "The EU pledged €50bn over four years.")
    assert pledge["four years"].approx is None and pledge["four years"].kind == "duration"
    served = found(nlp, "He served over four years in prison.")
    assert served["over four years"].approx == "more than"


def test_glued_temperatures(nlp: Any) -> None:
    heat = found(nlp, "Temperatures reached 45C (113F) on Tuesday, with lows of 24C, the agency said.")
    assert heat["45C"].unit == "°C" and heat["45C"].value == 45.0
    assert heat["24C"].unit == "°C"
    assert not found(nlp, "Grade 5C students sat the exam.")


def test_a_minus_sign_makes_a_figure_negative_but_a_range_or_a_name_does_not(nlp: Any) -> None:
    from storyline.analyse.numbers import numbers_from_doc

    def found(text: str) -> list[tuple[str, float | None]]:
        return [(n.text, n.value) for n in numbers_from_doc(nlp(text))]

    assert found("Temperatures fell to -5 degrees.") == [("-5 degrees", -5.0)]
    assert found("The index was -3.2% lower (−4% a year ago).") == [("-3.2%", -3.2), ("−4%", -4.0)]
    assert all(v is not None and v > 0 for _, v in found("Scores of 10-20 points; COVID-19 cases rose to 300."))
