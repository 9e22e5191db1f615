"""Quarters as earnings reports name them: the latest one begun, the report's own quarter, a year before."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyse.dates import extract_dates

REF = dt.date(1989, 10, 26)  # in the fourth quarter


def values(text: str, ref: dt.date = REF) -> dict[str, str | None]:
    return {d.text: d.value for d in extract_dates(text, ref)}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        # an ordinal quarter is the latest of that number to have begun: reports tell quarters that are over
        ("Sun earned $5.2 million in the fiscal first quarter.", "the fiscal first quarter", "1989-Q1"),
        ("in the wake of a third-quarter loss, it plans to restructure", "third-quarter", "1989-Q3"),
        ("Profit will rise in the fourth quarter.", "the fourth quarter", "1989-Q4"),
        # a clause that looks ahead makes a quarter that is over next year's — not the one just over
        ("The company expects to return to profit in the first quarter.", "the first quarter", "1990-Q1"),
        ("It expects to report a profit for the third quarter.", "the third quarter", "1989-Q3"),
        ("sales in the second quarter of next year", "the second quarter of next year", "1990-Q2"),
    ],
)
def test_an_ordinal_quarter_is_the_latest_begun(text: str, mention: str, value: str) -> None:
    assert values(text)[mention] == value


def test_references_take_the_quarter_the_report_is_about() -> None:
    text = (
        "Sun earned $5.2 million in the fiscal first quarter. Sun shipped 28,000 systems in the quarter. "
        "In the 1988 period, it earned $20.6 million. The latest period had gains. Results for that quarter "
        "included a charge. In the year-ago period, it lost money."
    )
    got = values(text)
    assert got["the quarter"] == "1989-Q1"
    assert got["the 1988 period"] == "1988-Q1"
    assert got["The latest period"] == "1989-Q1"
    assert got["that quarter"] == "1989-Q1"
    assert got["the year-ago period"] == "1988-Q1"


def test_a_quarter_still_to_come_is_not_the_reports() -> None:
    text = "Its third-quarter profit rose. The quake will mean a fourth-quarter charge. In the latest quarter, it lost."
    assert values(text)["the latest quarter"] == "1989-Q3"


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Third-quarter net rose, compared with the 1988 third quarter.", "the 1988 third quarter", "1988-Q3"),
        ("Third-quarter net rose from the year-earlier third quarter.", "the year-earlier third quarter", "1988-Q3"),
        (
            "Third-quarter net rose from the corresponding period last year.",
            "the corresponding period last year",
            "1988-Q3",
        ),
        ("Third-quarter net rose. For the quarter a year ago, it earned less.", "the quarter a year ago", "1988-Q3"),
        ("Third-quarter net rose from $3 a share a year ago.", "a year ago", "1988-Q3"),
        ("The quarter-to-quarter comparison was hurt.", "The quarter", None),
    ],
)
def test_the_same_quarter_a_year_before(text: str, mention: str, value: str | None) -> None:
    assert values(text).get(mention) == value


def test_with_no_quarter_named_the_quarter_is_the_last_completed() -> None:
    assert values("In the year-ago period, it earned $461 million.")["the year-ago period"] == "1988-Q3"
    assert values("Passenger traffic jumped 14% in the quarter.")["the quarter"] == "1989-Q3"


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("results for its fiscal 2008 fourth quarter", "fiscal 2008 fourth quarter", "2008-Q4"),
        ("sales in the fourth fiscal quarter", "the fourth fiscal quarter", "1989-Q4"),
        ("it earned $5 million in the fiscal-first quarter", "the fiscal-first quarter", "1989-Q1"),
    ],
)
def test_fiscal_quarters_are_one_mention(text: str, mention: str, value: str) -> None:
    assert values(text)[mention] == value


def test_a_period_of_something_else_is_no_quarter() -> None:
    assert values("the latest period of unrest") == {}
    assert values("that quarter of the city") == {}
    text = "Third-quarter net rose from the corresponding period of last year."
    assert values(text)["the corresponding period of last year"] == "1988-Q3"


def test_a_quarter_still_to_come_this_year_when_the_clause_looks_ahead() -> None:
    ref = dt.date(2008, 7, 21)  # in the third quarter
    assert values("Apple expects revenue of about $7.8 billion for the fourth quarter.", ref)["the fourth quarter"] == (
        "2008-Q4"
    )  # the full stop in "$7.8" does not end the clause
    assert values("Apple said revenue rose in the fourth quarter.", ref)["the fourth quarter"] == "2007-Q4"


def test_a_fiscal_quarter_ahead_of_the_calendar_is_the_reports() -> None:
    # written in October, a fiscal fourth quarter that ended in September is the calendar's current quarter
    text = "Apple's profit rose in its fiscal fourth quarter, up from the year-ago quarter."
    got = values(text, dt.date(2008, 10, 21))
    assert got["fiscal fourth quarter"] == "2008-Q4"
    assert got["the year-ago quarter"] == "2007-Q4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales fell in the final quarter of 1988.", {"the final quarter of 1988": "1988-Q4"}),
        ("Sales fell in the fourth quarter of last year.", {"the fourth quarter of last year": "1988-Q4"}),
        ("Sales fell in the final quarter of last year.", {"the final quarter of last year": "1988-Q4"}),
        ("They led in the final quarter.", {}),  # as often a game's quarter
        ("He ran the final quarter-mile.", {}),
        ("They reached the first quarter-final.", {}),
    ],
)
def test_the_final_quarter_and_last_years_numbered_quarter(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_the_same_quarter_last_year_is_still_a_year_before_the_reports() -> None:
    assert values("Profit rose in the third quarter, against the same quarter last year.") == {
        "the third quarter": "1989-Q3",
        "the same quarter last year": "1988-Q3",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The Eagles led 14-7 at halftime before scoring 24 points in the third quarter.",
        "He got a technical foul in the third quarter after Davis dunked.",
    ],
)
def test_a_games_quarter_is_no_date(text: str) -> None:
    assert values(text) == {}


def test_a_quarter_of_a_year_named_stays_near_game_words() -> None:
    assert values("Ticket sales after the touchdown record rose in the third quarter of 1988.") == {
        "the third quarter of 1988": "1988-Q3"
    }
