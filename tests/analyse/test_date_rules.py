"""Rule classes of the date resolver: the way a preposition points, decades said in words, years written with
two digits, and "recent years" as the past."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyse.dates import extract_dates


def typed(text: str, ref: dt.date) -> dict[str, tuple[str | None, str]]:
    return {d.text: (d.value, d.type) for d in extract_dates(text, ref)}


@pytest.mark.parametrize(
    ("text", "ref", "mention", "value"),
    [
        # "since" points back: the last such day, even when the nearest one is to come
        (
            "Police have searched for him since shortly after the Oct. 23 slaying.",
            dt.date(1999, 5, 6),
            "Oct. 23",
            "1998-10-23",
        ),
        ("The index has not closed above 8,000 since November.", dt.date(2009, 7, 1), "since November", "2008-11"),
        # "by" and "until" point ahead: a deadline still to come, even after a past verb
        ("They expect the deal to be completed by Dec. 15.", dt.date(1989, 10, 31), "Dec. 15", "1989-12-15"),
        ("The offer was extended until March 6.", dt.date(2000, 1, 20), "March 6", "2000-03-06"),
    ],
)
def test_a_preposition_tells_which_way_a_day_lies(text: str, ref: dt.date, mention: str, value: str) -> None:
    assert typed(text, ref)[mention][0] == value


@pytest.mark.parametrize(
    ("text", "ref", "mention", "value"),
    [
        ("Numbers fell through the nineties.", dt.date(1998, 3, 3), "the nineties", "199"),
        ("prices not seen since the late eighties", dt.date(2008, 10, 27), "the late eighties", "198"),
        ("in the last half of the '80s", dt.date(1989, 10, 26), "the '80s", "198"),
        ("a revival of the twenties", dt.date(2025, 3, 4), "the twenties", "202"),
    ],
)
def test_decades_in_words_are_the_latest_such_decade(text: str, ref: dt.date, mention: str, value: str) -> None:
    assert typed(text, ref)[mention] == (value, "DATE")


def test_a_two_digit_year_needs_a_preposition_before_it() -> None:
    ref = dt.date(2008, 10, 27)
    assert typed("Nikkei at its lowest level since '82", ref)["since '82"] == ("1982", "DATE")
    assert typed("a merger planned in '10", ref)["in '10"] == ("2010", "DATE")
    assert typed("He said '22 people' died, a '99 vintage", ref) == {}


def test_recent_years_is_the_past_recent_months_a_span() -> None:
    ref = dt.date(2008, 1, 21)
    assert typed("the biggest losses in recent years", ref)["recent years"] == ("PAST_REF", "DATE")
    assert typed("prices rose in recent months", ref)["recent months"] == ("PXM", "DURATION")


def test_a_present_form_after_a_weekday_is_not_its_verb() -> None:
    text = "On Sunday, the countries of the Eurogroup -- that is, those using the euro -- agreed a plan."
    assert typed(text, dt.date(2008, 10, 13))["Sunday"] == ("2008-10-12", "DATE")
    assert typed("On Monday, leaders will meet.", dt.date(2008, 10, 8))["Monday"] == ("2008-10-13", "DATE")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("a year-long investigation", "a year-long", "P1Y"),
        ("the week-long strike", "the week-long", "P1W"),
        ("a decades-long battle", "a decades-long", "PXY"),  # a plural unit leaves the count open
        ("a months-long strike", "a months-long", "PXM"),
        ("a 10-year-long war", "a 10-year", "P10Y"),  # the count is the duration's
    ],
)
def test_long_adjectives_are_durations(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(2008, 10, 21))[mention] == (value, "DURATION")


def test_a_year_inside_a_name_is_no_date() -> None:
    ref = dt.date(2009, 2, 24)
    assert typed("The Russell 2000 Index of smaller companies fell.", ref) == {}
    assert typed("He set up a venture called Orion 1980, making parts.", ref) == {}
    assert typed("That 1978 resolution calls for a withdrawal.", ref)["1978"] == ("1978", "DATE")  # sentence start
    assert typed("Sales in Summer 2008 rose.", ref)["Summer 2008"] == ("2008-SU", "DATE")


def test_a_company_and_a_year_stay_a_date() -> None:
    ref = dt.date(2008, 10, 21)
    assert typed("Analysts cut GM 2009 sales forecasts.", ref)["2009"] == ("2009", "DATE")


def test_a_month_with_no_tense_leans_to_the_past() -> None:
    # written at the end of October, with no verb to go by: the last March (229 days back, 136 ahead), but the
    # coming December (about a month ahead)
    found = typed("The rate, 7% in March, compares with 9% in December.", dt.date(1989, 10, 30))
    assert found["in March"] == ("1989-03", "DATE")
    assert found["in December"] == ("1989-12", "DATE")
    # a future cue still wins
    assert typed("The plant will reopen in March.", dt.date(1989, 10, 30))["in March"] == ("1990-03", "DATE")


def test_a_time_word_with_a_capital_inside_a_sentence_is_a_name() -> None:
    ref = dt.date(1991, 2, 25)
    assert typed('Baker said on the "This Week" program that talks failed.', ref) == {}
    assert typed('He told CBS\'s "60 Minutes" it was over; the film "High Noon" ran.', ref) == {}
    assert typed("Today, shares fell.", ref)["Today"] == ("1991-02-25", "DATE")  # a sentence's start
    # a headline in title case is no name
    found = typed("Allies To Press On Next Week\nThe allies will press on.", ref)
    assert found["Next Week"] == ("1991-W10", "DATE")
    assert typed("Shares rose on Labor Day.", dt.date(1991, 9, 3))["on Labor Day"] == ("1991-09-02", "DATE")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        # a plan told in the past: the day it was planned for has gone by (written on Monday 30 October 1989)
        (
            "The offer was extended to Nov. 16. It had been due to expire Friday evening.",
            "Friday evening",
            "1989-10-27TEV",
        ),
        (
            "Bush let the ground offensive begin as previously planned Saturday night.",
            "Saturday night",
            "1989-10-28TNI",
        ),
        # a plan still to come keeps the coming day
        ("The offer is due to expire Friday evening.", "Friday evening", "1989-11-03TEV"),
    ],
)
def test_a_plan_told_in_the_past_is_a_past_day(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(1989, 10, 30))[mention][0] == value


def test_a_plan_told_in_the_past_leaves_a_month_in_the_past() -> None:
    """ "once expected to be completed within weeks of an October news conference", written in November: the
    October gone by, not the coming one; a plan still to come keeps the coming month."""
    ref = dt.date(2019, 11, 20)
    text = "A deal, once expected to be completed within weeks of an October news conference, could slip."
    assert typed(text, ref)["October"][0] == "2019-10"
    assert typed("A deal is expected to be signed at an October meeting.", ref)["October"][0] == "2020-10"


def test_a_frequency_after_a_figure_is_a_rate() -> None:
    """ "rise 8.5% annually", "C$17.9 million annually" are rates, as "$5 a year" is; "held annually" is a set."""
    ref = dt.date(1989, 10, 26)
    assert "annually" not in typed("It expects sales to rise 8.5% annually through 1992.", ref)
    assert "annually" not in typed("It will eliminate payments of C$17.9 million annually.", ref)
    assert typed("The ceremonies are held here annually.", ref)["annually"] == ("P1Y", "SET")


def test_a_present_word_opening_a_compound_is_no_time() -> None:
    ref = dt.date(2004, 11, 24)
    assert "now" not in typed("He spoke against the now-cancelled deal.", ref)
    assert typed("The deal is now cancelled.", ref)["now"] == ("PRESENT_REF", "DATE")


def test_the_tense_of_said_is_the_tellings() -> None:
    """ "said it is calling for the redemption on Dec. 7": the day is the coming one; "said sales fell in March" keeps
    the past from "fell"."""
    ref = dt.date(1989, 10, 30)
    assert typed("Ecolab said it is calling for the redemption on Dec. 7 of its shares.", ref)["on Dec. 7"][0] == (
        "1989-12-07"
    )
    assert typed("The company said sales fell in March.", ref)["in March"][0] == "1989-03"


def test_then_current_is_the_past_and_a_prefixed_year_a_year() -> None:
    ref = dt.date(2000, 2, 24)
    assert typed("at half the then current market price", ref)["then current"] == ("PAST_REF", "DATE")
    assert typed("the post-1959 politics", ref)["1959"] == ("1959", "DATE")
    assert typed("back to pre-1990 levels", ref)["1990"] == ("1990", "DATE")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        # written on 22 July 2009: a quarter named by its number or its last month reads as "the third quarter"
        ("Apple posted strong Q3 results.", "Q3", "2009-Q3"),
        ("Sales in 3Q09 rose.", "3Q09", "2009-Q3"),
        ("It sold 5.2 million phones in the June quarter.", "the June quarter", "2009-Q2"),
        ("It sold more in the December quarter.", "the December quarter", "2008-Q4"),
        ("It expects sales to rise in the September quarter.", "the September quarter", "2009-Q3"),
        ("In fiscal '08, sales rose.", "fiscal '08", "2008"),
    ],
)
def test_quarters_by_number_and_by_month(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(2009, 7, 22))[mention] == (value, "DATE")


def test_a_code_after_a_name_is_a_model() -> None:
    assert typed("The Audi Q3 sold well.", dt.date(2009, 7, 22)) == {}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        # a modal of obligation puts the clause ahead; the participle after "be" is no past tense
        ("It must be agreed by Monday.", "by Monday", "2025-03-10"),
        ("The plan should be approved on Monday.", "on Monday", "2025-03-10"),
        ("The bill has to be passed on Friday.", "on Friday", "2025-03-07"),
        ("The vote will be held on Monday.", "on Monday", "2025-03-10"),
        # "have" after the modal makes it a past; so does a modal whose reach a comma ends
        ("They should have met on Monday.", "on Monday", "2025-03-03"),
        ("He ruled that it must be returned to them, and set Friday as the day.", "Friday", "2025-02-28"),
        ("The bill was passed on Monday.", "on Monday", "2025-03-03"),
    ],
)
def test_a_modal_of_obligation_points_a_weekday_ahead(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(2025, 3, 5))[mention][0] == value  # a Wednesday


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("They face a Monday deadline.", "Monday", "2025-03-10"),
        ("He said the Friday deadline would stand.", "Friday", "2025-03-07"),  # "said" is the telling's tense
        ("The union missed a Monday deadline.", "Monday", "2025-03-03"),
        (
            "Shareholders completed the sale, tendering most of the shares by the Tuesday deadline.",
            "Tuesday",
            "2025-03-04",
        ),
    ],
)
def test_a_deadline_is_ahead_unless_the_clause_is_past(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(2025, 3, 5))[mention][0] == value


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The budget must be approved in March.", "in March", "2026-03"),
        ("Talks are expected in October.", "in October", "2026-10"),  # a plan's participle after a present "be"
        ("Elections are widely expected in October.", "in October", "2026-10"),
        ("Elections were expected in October.", "in October", "2025-10"),
        ("The Fed said March sales rose.", "March", "2025-03"),  # the verb after the noun the month modifies
        ("The March summit was postponed.", "March", "2026-03"),  # a deferral is no past of the month's
        ("A March deadline looms.", "March", "2026-03"),
        ("They missed a March deadline.", "March", "2025-03"),
    ],
)
def test_which_way_a_month_lies(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(2025, 11, 5))[mention][0] == value


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Shares rose for a fourth week in a row.", "a fourth week", "2009-W14"),
        ("Markets had their best week since November.", "their best week", "2009-W14"),
        ("The index had its worst day since 1987.", "its worst day", "2009-04-04"),
        ("Trading halted for a third straight session.", "a third straight session", "2009-04-04"),
    ],
)
def test_a_day_or_week_in_a_row_or_on_record_is_the_reports(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(2009, 4, 4))[mention] == (value, "DATE")


def test_a_record_day_follows_the_day_named_before_it() -> None:
    text = "The Dow fell 500 points on Monday. It was its worst day since 1987."
    assert typed(text, dt.date(2009, 4, 4))["its worst day"] == ("2009-03-30", "DATE")


def test_a_superlative_without_a_comparison_is_no_date() -> None:
    assert typed("It was the best day of my life.", dt.date(2009, 4, 4)) == {}


def test_a_season_of_a_year_said_in_words() -> None:
    ref = dt.date(1998, 2, 23)
    assert typed("Prices fell to the level of the winter of nineteen ninety-four.", ref) == {
        "the winter of nineteen ninety-four": ("1994-WI", "DATE")
    }


def test_later_in_the_year_is_the_year_the_sentence_has_just_dated() -> None:
    ref = dt.date(2025, 11, 24)

    def values(text: str) -> list[tuple[str, str | None]]:
        return [(d.text, d.value) for d in extract_dates(text, ref)]

    assert values("The mayor will visit Lagos in April 2026 and host a delegation later in the year.") == [
        ("April 2026", "2026-04"),
        ("later in the year", "2026"),
    ]
    assert values("The plant opened in 2019 and closed later in the year.")[-1] == ("later in the year", "2019")
    # another sentence, or no date before it: the reporting year
    assert values("Output fell in 2024. Later in the year it rebounded.")[-1] == ("Later in the year", "2025")
    assert values("Sales should pick up later in the year.") == [("later in the year", "2025")]


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The bakery chain wants to close nine shops by year end.", "by year end", "1989"),
        ("Its shares have gained 12% since year-end.", "since year-end", "1988"),  # "since" points back
        ("The new rules should be in force by year's end, the ministry said.", "by year's end", "1989"),
        ("Inventories at month-end were lower.", "at month-end", "1989-10"),
        ("The ferry line plans to cut fares by year-end to win back riders.", "by year-end", "1989"),
    ],
)
def test_year_end_after_a_preposition_is_the_end_of_the_year(text: str, mention: str, value: str) -> None:
    assert typed(text, dt.date(1989, 10, 26))[mention] == (value, "DATE")


def test_year_end_before_a_noun_is_no_time() -> None:
    ref = dt.date(1989, 10, 26)
    assert typed("The bakery paid a year-end bonus.", ref) == {}
    assert typed("Year-end results at the ferry line were weak.", ref) == {}
    assert typed("at year-end levels", ref) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Trading stayed below the harbour exchange's average daily volume of 40 million shares.",
        "Median weekly earnings at the mill rose 3%.",
        "The museum drew a daily average of 3,000 visitors.",
    ],
)
def test_a_frequency_word_beside_an_average_is_a_measure_not_a_set(text: str) -> None:
    assert typed(text, dt.date(2025, 3, 4)) == {}


def test_a_frequency_word_alone_is_a_set() -> None:
    assert typed("The ferry sails daily.", dt.date(2025, 3, 4)) == {"daily": ("P1D", "SET")}


def test_year_earlier_before_a_counted_span_leaves_the_span_a_duration() -> None:
    ref = dt.date(2025, 3, 4)
    assert typed("Sales for the year-earlier nine months were lower at the bakery.", ref) == {
        "nine months": ("P9M", "DURATION")
    }
    assert typed("Year-earlier sales at the bakery were lower.", ref) == {"Year-earlier": ("2024", "DATE")}


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The harbour index fell 2.1% on Friday. For the week, it dropped 3.8%.", "the week"),
        ("Volume at the fish market was the week's highest.", "the week"),
        ("Brokers called the rally a result of the week's buying fever.", "the week"),
    ],
)
def test_the_week_unnamed_is_a_week_of_the_reference_year(text: str, mention: str) -> None:
    assert typed(text, dt.date(1989, 10, 30))[mention] == ("1989-WXX", "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "The ferry could run late for the rest of the week.",
        "Tuesday is the quietest day of the week at the bakery.",
        "The mill closed the week before the strike.",
    ],
)
def test_the_week_tied_to_something_else_is_no_week_of_its_own(text: str) -> None:
    assert "the week" not in typed(text, dt.date(1989, 10, 30))


def test_march_of_a_named_group_is_a_march_not_the_month() -> None:
    ref = dt.date(2000, 1, 15)
    assert typed("Thousands joined the March of the Harbour Workers downtown.", ref) == {}
    assert typed("The ferry line was sold in March of the following year.", ref)["in March"][1] == "DATE"
    assert typed("The bakery opened March 3.", ref)["March 3"] == ("1999-03-03", "DATE")


def test_a_holidays_week_is_the_iso_week_it_falls_in() -> None:
    ref = dt.date(2000, 4, 17)
    assert typed("Pilgrims filled the harbour town as Easter week began.", ref) == {"Easter week": ("2000-W16", "DATE")}
    assert typed("The bakery sold out during Christmas week.", dt.date(2001, 1, 3)) == {
        "Christmas week": ("2000-W52", "DATE")
    }
    assert typed("The ferry stops on Easter.", ref)["on Easter"] == ("2000-04-23", "DATE")


def test_a_season_after_a_possessive_is_this_years() -> None:
    ref = dt.date(2008, 10, 13)
    assert typed("The harbour board held their Autumn meetings in Oslo.", ref) == {"Autumn": ("2008-FA", "DATE")}
    assert typed("The bakery launched its spring menu.", ref) == {"spring": ("2008-SP", "DATE")}
    assert typed("The mayor never recovered from their fall from grace.", ref) == {}


def test_a_time_word_in_capitals_after_a_word_in_capitals_is_a_name() -> None:
    ref = dt.date(2016, 6, 17)
    bio = "Jo Doe, a member of the USA TODAY Board of Contributors, is a writer."
    assert extract_dates(bio, ref) == []
    assert [d.value for d in extract_dates("The vote is TODAY, officials said.", ref)] == ["2016-06-17"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The dealer network stayed open until March.", "1998-03"),  # a state that ran to the last March
        ("The talks lasted until Tuesday.", "1998-08-04"),
        ("The offer was extended until March.", "1999-03"),  # a decision: still ahead
        ("The government has continued to hold markets closed until Friday.", "1998-08-07"),
        ("Talks will go on until Tuesday.", "1998-08-11"),
    ],
)
def test_until_after_a_past_state_points_back(text: str, value: str) -> None:
    assert [d.value for d in extract_dates(text, dt.date(1998, 8, 5))] == [value]
