"""Commitments get their time: every table row's example, the shapes of a period and a deadline, and what is no
commitment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from storyline.analyse.commitment_words import ACT_WORDS, CUES, TERM_NOUNS, TIME_LEADS
from storyline.analyse.commitments import Commitment, attach_times, find_commitments, shift
from storyline.analyse.dates import extract_dates
from storyline.analyse.numbers import numbers_from_doc
from storyline.model import NumberMention

REF = dt.date(2025, 11, 24)


def _find(text: str, nlp: Any = None, ref: dt.date | None = REF) -> list[Commitment]:
    numbers = numbers_from_doc(nlp(text)) if nlp is not None else []
    return find_commitments(text, extract_dates(text, ref), numbers, ref)


def _one(text: str, nlp: Any = None) -> Commitment:
    found = _find(text, nlp)
    assert len(found) == 1, [(c.time, c.role) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "act", "period", "deadline"),
    [
        (
            "China agreed to suspend export restrictions for one year.",
            "suspend export restrictions for one year",
            "2025-11-24/2026-11-24",
            None,
        ),
        (
            "Beijing and Washington announced a one-year pause on some tariffs.",
            "one-year pause on some tariffs",
            "2025-11-24/2026-11-24",
            None,
        ),
        ("The tariffs will be lifted for 90 days.", "lifted for 90 days", "2025-11-24/2026-02-22", None),
        (
            "China will suspend the curbs until November 2026.",
            "suspend the curbs until November 2026",
            "2025-11-24/2026-11",
            None,
        ),
        ("The sides agreed a 12-month truce.", "12-month truce", "2025-11-24/2026-11-24", None),
        (
            "Washington hopes to finalize an agreement by Thanksgiving.",
            "finalize an agreement by Thanksgiving",
            None,
            "2025-11-27",
        ),
        (
            "Israel must withdraw its troops within two weeks.",
            "withdraw its troops within two weeks",
            None,
            "2025-12-08",
        ),
        (
            "The ban will remain in place through the end of March.",
            "remain in place through the end of March",
            "2025-11-24/2026-03-31",
            None,
        ),
        (
            "The truce runs from Nov. 10 to Feb. 10.",
            "runs from Nov. 10 to Feb. 10",
            "2025-11-10/2026-02-10",
            None,
        ),
        (
            "The three-month ceasefire expires on March 1.",
            "three-month ceasefire expires on March 1",
            "2025-12-01/2026-03-01",
            None,
        ),
        (
            "The board will name a new chief executive in the next 30 days.",
            "name a new chief executive in the next 30 days",
            None,
            "2025-12-24",
        ),
    ],
)
def test_a_commitment_gets_its_period_or_deadline(
    text: str, act: str, period: str | None, deadline: str | None
) -> None:
    c = _one(text)
    assert (c.text, c.period, c.deadline) == (act, period, deadline)
    assert c.until == (period.split("/")[1] if period else deadline)


@pytest.mark.parametrize(
    "text",
    [
        "Sales have fallen for the past four months.",  # looked back on
        "He worked there for ten years.",  # a stretch reported, no commitment
        "He served 10 years in prison.",
        "Two weeks ago, the firm agreed to pay $5 million.",
        "Talks will resume in two weeks.",  # when it happens, not a term
        "The moratorium was extended by six months.",  # an extension's length, its end unknown
        "Xi is expected to visit Washington later in 2026.",
        "His administration is searching for a formula that could end the nearly four year conflict.",
    ],
)
def test_no_commitment(text: str) -> None:
    assert _find(text) == []


def test_a_count_over_a_span_gone_by_is_no_commitment_but_a_past_truce_is(nlp: Any) -> None:
    assert _find("From 2016 to 2020 there were 4,100 shipwrecks reported worldwide.", nlp) == []
    (truce,) = _find("The two sides observed a truce from March 2019 to May 2020.", nlp)
    assert truce.until == "2020-05"


def test_the_start_is_the_day_the_clause_names_then_the_act_then_the_report() -> None:
    text = "After a summit in South Korea in late October, Beijing and Washington announced a one year pause."
    c = _one(text)
    assert (c.begins, c.begins_how, c.period) == ("2025-10", "act", "2025-10/2026-10")
    c = _one("The exemption, valid for 60 days starting Dec. 1, covers chips.")
    assert (c.begins_how, c.period) == ("text", "2025-12-01/2026-01-30")
    assert _one("China will suspend export restrictions for one year.").begins_how == "published"


def test_no_reference_date_no_period_but_an_end_day_stays() -> None:
    assert _find("They will halt exports for one year.", ref=None) == []
    (c,) = _find("They will halt exports until March 2026.", ref=None)
    assert (c.until, c.period) == ("2026-03", None)


def test_pledged_figures_take_their_year(nlp: Any) -> None:
    text = "Beijing pledged to buy 12 million tonnes of American soybeans this year and 25 million tonnes in 2026."
    first, second = _find(text, nlp)
    assert (first.figure, first.deadline, first.period) == ("12 million tonnes", "2025-12-31", None)
    assert (second.figure, second.period, second.begins_how) == ("25 million tonnes", "2026-01-01/2026-12-31", "text")
    assert second.text == "25 million tonnes in 2026"
    assert _find("China bought 5 million tonnes of soybeans in 2024.", nlp) == []  # over: no pledge


def test_attach_times_sets_the_figures_time(nlp: Any) -> None:
    text = "The company plans to cut 500 jobs over the next two years."
    numbers = numbers_from_doc(nlp(text))
    (c,) = attach_times(numbers, extract_dates(text, REF), text, REF)
    (jobs,) = [n for n in numbers if n.text.startswith("500")]
    assert jobs.period == c.period == "2025-11-24/2027-11-24"


def test_a_figure_keeps_no_time_from_an_earlier_run() -> None:
    n = NumberMention(0, 3, "ten", 10.0, period="2020-01-01/2021-01-01")
    attach_times([n], [], "ten people", REF)
    assert n.period is None


def test_a_programme_is_of_the_kind_of_act_it_holds() -> None:
    (c,) = _find("The bank launched a six-month programme of bond purchases.")
    assert (c.kind, c.text) == ("purchase", "six-month programme of bond purchases")


def test_a_relative_clause_times_the_noun_it_is_about() -> None:
    (c,) = _find("Under the truce, which will last two months, Israel is to pull its forces out of Lebanon.")
    assert (c.kind, c.period) == ("pause", "2025-11-24/2026-01-24")


def test_shift_keeps_the_precision_it_is_given() -> None:
    assert shift("2024-01-31", "P1M") == "2024-02-29"
    assert shift("2025-10", "P1Y") == "2026-10"
    assert shift("2025", "P1Y") is None
    assert shift("2025-11-24", "PXY") is None


# ------------------------------------------------------------------------------------- every row's example


@pytest.mark.parametrize(("lead", "row"), TIME_LEADS.items())
def test_every_time_lead_example(lead: str, row: tuple[str, str], nlp: Any) -> None:
    role, example = row
    found = _find(example, nlp)
    if role == "past":
        assert found == [], lead
        return
    assert found, lead
    if role == "start":
        assert any(c.begins_how == "text" for c in found), lead
    elif role == "ends":
        assert any(c.role in ("term", "until") for c in found), lead
    elif role == "span":
        assert any(c.role in ("span", "period") for c in found), lead


@pytest.mark.parametrize(("noun", "row"), TERM_NOUNS.items())
def test_every_term_noun_example(noun: str, row: tuple[str, str]) -> None:
    kind, example = row
    found = [(c.role, c.kind) for c in _find(example)]
    if kind in ("plan", "deal"):  # a container: the act it holds gives the kind ("a programme of bond purchases")
        assert [role for role, _ in found] == ["term"], noun
    else:
        assert found == [("term", kind)], noun


@pytest.mark.parametrize(("kind", "row"), ACT_WORDS.items())
def test_every_act_example(kind: str, row: tuple[str, str], nlp: Any) -> None:
    assert kind in {c.kind for c in _find(row[1], nlp)}


@pytest.mark.parametrize(("cue", "example"), CUES)
def test_every_cue_example(cue: str, example: str, nlp: Any) -> None:
    assert _find(example, nlp), cue


@pytest.mark.parametrize(
    ("text", "time", "until"),
    [
        ("He will stay with the club through the 2008-09 season.", "2008-09", "2009-12-31"),
        ("The coach will stay until the end of the 2009/10 season.", "2009/10", "2010-12-31"),
        ("The league will suspend the rule through fiscal 2009-10.", "fiscal 2009-10", "2010-12-31"),
    ],
)
def test_a_range_of_years_ends_in_its_second_year(text: str, time: str, until: str) -> None:
    (c,) = _find(text, ref=dt.date(2008, 6, 1))
    assert (c.time, c.until, c.period) == (time, until, f"2008-06-01/{until}")


def test_a_deadline_at_the_end_of_the_month_is_its_last_day() -> None:
    (c,) = _find("The government will lift the ban by the end of the month.")
    assert (c.role, c.deadline) == ("deadline", "2025-11-30")
