"""TIMEX3 beyond calendar dates: times, durations, sets, present/past/future references, and commitments' times."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from storyline.analyse.commitments import add_duration, attach_times, last_day
from storyline.analyse.dates import extract_dates, verb_tense
from storyline.analyse.timex import duration_value, extent, set_value
from storyline.model import Article, DateMention, NumberMention
from storyline.render.dossier import time_note
from storyline.render.export import export_corpus, schema

REF = dt.date(2025, 3, 5)  # a Wednesday


def typed(text: str, ref: dt.date | None = REF) -> dict[str, tuple[str | None, str]]:
    return {d.text: (d.value, d.type) for d in extract_dates(text, ref)}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The blast came at about 9:40 p.m.", "at about 9:40 p.m.", "2025-03-05T21:40"),
        ("Polls will close at 8 a.m. Thursday.", "at 8 a.m. Thursday", "2025-03-06T08:00"),
        ("They met Monday evening.", "Monday evening", "2025-03-03TEV"),
        ("Shots were heard last night.", "last night", "2025-03-04TNI"),
        ("He will speak tonight.", "tonight", "2025-03-05TNI"),
        ("The market opened this morning.", "this morning", "2025-03-05TMO"),
        ("The deadline is midnight Friday.", "midnight Friday", "2025-03-07T24:00"),
        ("trading closed at 16:30 GMT", "at 16:30 GMT", "2025-03-05T16:30Z"),
        # a zone said in words with "time", and a day with its own year, stay in the time
        ("It started at 10 a.m. Pacific time on Monday.", "at 10 a.m. Pacific time on Monday", "2025-03-03T10:00"),
        (
            "It went on sale at 6 p.m. local time on Friday, June 29, 2007.",
            "at 6 p.m. local time on Friday, June 29, 2007",
            "2007-06-29T18:00",
        ),
    ],
)
def test_times(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "TIME")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("a one-year pause", "a one-year", "P1Y"),
        ("the ban holds for 90 days", "90 days", "P90D"),
        ("a 16-hour flight", "a 16-hour", "PT16H"),
        ("in the first nine months", "the first nine months", "P9M"),
        ("for two decades", "two decades", "P20Y"),
        ("it lasted several years", "several years", "PXY"),
        ("They have fought for years.", "for years", "PXY"),
        ("nearly an hour", "nearly an hour", "PT1H"),
        ("two and a half years", "two and a half years", "P2Y6M"),
        ("5 1/2 hours", "5 1/2 hours", "PT5H30M"),
        ("over a three-year period", "over a three-year", "P3Y"),
        ("two more weeks", "two more weeks", "P2W"),
        ("twenty four hours", "twenty four hours", "PT24H"),
        ("it stood for two hundred years", "two hundred years", "P200Y"),
        ("it has declined for a quarter-century", "a quarter-century", "P25Y"),
        ("the plan covers the coming decade", "the coming decade", "P10Y"),
    ],
)
def test_durations(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DURATION")


def test_a_count_before_a_rate_is_no_duration() -> None:
    # "two a month" is a rate (a SET, as "four flights a week"), not a vague count of months
    assert typed("Output rises from two a month to ten.") == {"a month": ("P1M", "SET")}


def test_soon_told_of_the_past_is_no_time() -> None:
    assert typed("He soon learned the truth. It is too soon to say.") == {}
    assert typed("He was a Johnny-come-lately to the cause.") == {}


def test_a_reference_word_measuring_another_time_is_none() -> None:
    # "as soon as", "as recently as 1990", "soon after the vote": the time is the other one
    assert typed("They left as soon as it ended and soon after the vote, as recently as 1990.") == {
        "1990": ("1990", "DATE")
    }


def test_a_reference_word_before_the_time_it_means_is_none() -> None:
    # "most recently last October": the time is "last October"; a span after it measures something else
    assert typed("Two were killed, most recently last October.") == {"last October": ("2024-10", "DATE")}
    assert typed("During the day Friday, he played.") == {"Friday": ("2025-02-28", "DATE")}
    assert typed("Airbus is currently two years behind schedule.") == {
        "currently": ("PRESENT_REF", "DATE"),
        "two years": ("P2Y", "DURATION"),
    }


def test_an_age_is_not_a_duration() -> None:
    assert "a 44-year" not in typed("a 44-year-old man")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("They meet every year.", "every year", "P1Y"),
        ("a weekly column", "weekly", "P1W"),
        ("daily flights", "daily", "P1D"),
        ("The council sits every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The market opens on Sundays.", "on Sundays", "XXXX-WXX-7"),
        ("each July", "each July", "XXXX-07"),
        ("twice a year", "twice a year", "P1Y"),
        ("every other week", "every other week", "P2W"),
        # at a sentence's start, and a season each year
        ("Every year, the river floods.", "Every year", "P1Y"),
        ("Every Monday they meet.", "Every Monday", "XXXX-WXX-1"),
        ("Once a month, they meet.", "Once a month", "P1M"),
        ("The camp opens each summer.", "each summer", "XXXX-SU"),
    ],
)
def test_sets(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "SET")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Prices are now higher.", "now", "PRESENT_REF"),
        ("The firm recently cut jobs.", "recently", "PAST_REF"),
        ("in the near future", "the near future", "FUTURE_REF"),
        ("It is currently closed.", "currently", "PRESENT_REF"),
        # "now that …" and "from now on" still say the present; "the future of" names a thing's prospects
        ("The port is busy now that the road is shut.", "now", "PRESENT_REF"),
        ("Fares will be lower from now on.", "now", "PRESENT_REF"),
        ("They may soon seek an indictment.", "soon", "FUTURE_REF"),
        ("It won't happen anytime soon.", "soon", "FUTURE_REF"),
    ],
)
def test_present_past_future(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DATE")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The vote is on Thursday.", "on Thursday", "2025-03-06"),
        ("The leaders will meet on Monday.", "on Monday", "2025-03-10"),
        ("The leaders met on Monday.", "on Monday", "2025-03-03"),
        ("Officials said Friday the talks failed.", "Friday", "2025-02-28"),
        ("Parliament opens Monday.", "Monday", "2025-03-10"),
        ("The decision, announced Tuesday, would hurt exports.", "Tuesday", "2025-03-04"),
        ("He criticised Monday's ruling and will appeal.", "Monday", "2025-03-03"),
        ("The group may fly as soon as Friday.", "Friday", "2025-03-07"),
        ("They had filed reports by Monday.", "by Monday", "2025-03-03"),
        ("The summit is this coming Sunday.", "Sunday", "2025-03-09"),
        ("Lawyers said they would fight Monday's ruling.", "Monday", "2025-03-03"),  # possessive: past, any verb
        # "this", "last", "next" opening a sentence; "this" looks ahead unless the clause is past
        ("This Friday the board meets to vote.", "This Friday", "2025-03-07"),
        ("The board meets this Friday.", "this Friday", "2025-03-07"),
        ("This Friday the board met to vote.", "This Friday", "2025-02-28"),
        ("Last Friday the board met.", "Last Friday", "2025-02-28"),
        ("Next Monday the board meets.", "Next Monday", "2025-03-10"),
        ("Until Thursday, they had not called him a suspect.", "Thursday", "2025-02-27"),
    ],
)
def test_weekday_tense_from_the_verb(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention][0] == value


def test_verb_tense() -> None:
    text = "The summit is on Thursday."
    assert verb_tense(text, 14, 25) is True
    text = "They met on Monday."
    assert verb_tense(text, 9, 18) is False
    assert verb_tense("On Monday.", 0, 9) is None


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Sales fell last fall.", "last fall", "2024-FA"),
        ("in the summer of 2023", "the summer of 2023", "2023-SU"),
        ("over the weekend", "over the weekend", "2025-W09-WE"),
        ("They will rest this weekend.", "this weekend", "2025-W10-WE"),
        ("two years earlier", "two years earlier", "2023"),
        ("by the end of the year", "by the end of the year", "2025"),
        ("Profit rose in the third quarter from a year earlier.", "a year earlier", "2023-Q3"),  # Q3 of 2024
        ("the Saturday, April 26 editorial", "Saturday, April 26", "2025-04-26"),
        ("in the late 1970s", "the late 1970s", "197"),
        ("the 20th century", "the 20th century", "19"),
        ("from the year-ago quarter, after the third quarter", "the year-ago quarter", "2023-Q3"),  # the report's
        ("They had been closed until Friday.", "until Friday", "2025-03-07"),
        ("The father would be traveling to the United States Thursday.", "Thursday", "2025-03-06"),
    ],
)
def test_calendar_additions(text: str, mention: str, value: str | None) -> None:
    assert typed(text)[mention][0] == value


def test_point_is_the_calendar_part() -> None:
    assert DateMention(0, 1, "x", "2025-03-04T21:40", type="TIME").point == "2025-03-04"
    assert DateMention(0, 1, "x", "2025-03", type="DATE").point == "2025-03"
    for value, typ in (("P1Y", "DURATION"), ("P1W", "SET"), ("PRESENT_REF", "DATE"), ("XXXX-WXX-1", "SET")):
        assert DateMention(0, 1, "x", value, type=typ).point is None


def test_tables_as_functions() -> None:
    assert duration_value("a couple of", "weeks") == "P2W"
    assert duration_value("half an", "hour") == "PT30M"
    assert set_value("every", "Tuesday") == "XXXX-WXX-2"
    assert set_value("every", "summer") == "XXXX-SU"


def _numbers(text: str, *specs: tuple[str, float, str | None, str]) -> list[NumberMention]:
    out = []
    for phrase, value, unit, kind in specs:
        i = text.index(phrase)
        out.append(NumberMention(i, i + len(phrase), phrase, value, unit, kind=kind))
    return out


def test_commitments_get_their_period_and_deadline() -> None:
    ref = dt.date(2025, 11, 10)
    text = (
        "China will suspend export restrictions for one year. Beijing pledged to buy 12 million tons of soybeans "
        "by the end of the year, and 25 million tons within 90 days. It will buy 3 million tons by Thanksgiving."
    )
    ns = _numbers(
        text,
        ("one year", 1.0, "year", "duration"),
        ("12 million tons", 12e6, "tonne", "quantity"),
        ("25 million tons", 25e6, "tonne", "quantity"),
        ("3 million tons", 3e6, "tonne", "quantity"),
    )
    attach_times(ns, extract_dates(text, ref), text, ref)
    assert [(n.period, n.deadline) for n in ns] == [
        ("2025-11-10/2026-11-10", None),
        (None, "2025-12-31"),
        (None, "2026-02-08"),
        (None, "2025-11-27"),
    ]


def test_a_figure_with_its_own_year_takes_no_deadline_from_the_one_before() -> None:
    ref = dt.date(2025, 11, 24)
    text = "China will buy 12 million metric tons by the end of this year, with a target of 25 million tons in 2026."
    ns = _numbers(
        text, ("12 million metric tons", 12e6, "tonne", "quantity"), ("25 million tons", 25e6, "tonne", "quantity")
    )
    ns[0].time, ns[1].time = "by the end of this year", "in 2026"
    attach_times(ns, extract_dates(text, ref), text, ref)
    assert [n.deadline for n in ns] == ["2025-12-31", None]


def test_a_period_starts_on_the_day_the_clause_names() -> None:
    text = "Starting Dec. 1, the tariff of 10 percent applies for six months."
    ns = _numbers(text, ("10 percent", 10.0, "percent", "percent"))
    attach_times(ns, extract_dates(text, dt.date(2025, 11, 10)), text, dt.date(2025, 11, 10))
    assert ns[0].period == "2025-12-01/2026-06-01"


def test_no_reference_no_period() -> None:
    text = "They will halt exports for one year."
    ns = _numbers(text, ("one year", 1.0, "year", "duration"))
    attach_times(ns, extract_dates(text, None), text, None)
    assert ns[0].period is None and ns[0].deadline is None


def test_period_helpers() -> None:
    assert last_day("2024-02") == "2024-02-29"
    assert last_day("2025-Q4") == "2025-12-31"
    assert last_day("2025-W01") == "2025-01-05"
    assert add_duration(dt.date(2024, 1, 31), "P1M") == dt.date(2024, 2, 29)
    assert add_duration(dt.date(2024, 1, 31), "PXM") is None
    assert time_note({"period": "2025-11-10/2026-11-10", "deadline": None}) == "10 Nov 2025 until 10 Nov 2026"


def test_export_carries_type_period_and_deadline() -> None:
    text = "Exports stop for 90 days now, every year; the 5 percent levy ends by Thanksgiving."
    art = Article(id="a1", path="a.txt", raw=text, text=text, published="2025-11-10")
    art.dates = extract_dates(text, dt.date(2025, 11, 10))
    art.numbers = _numbers(text, ("5 percent", 5.0, "percent", "percent"))
    attach_times(art.numbers, art.dates, text, dt.date(2025, 11, 10))
    data = export_corpus([art], [], [])
    jsonschema.validate(data, schema())
    assert {(d["text"], d["type"]) for d in data["dates"]} >= {
        ("90 days", "DURATION"),
        ("now", "DATE"),
        ("every year", "SET"),
        ("by Thanksgiving", "DATE"),
    }
    assert data["numbers"][0]["deadline"] == "2025-11-27"
    assert "period" in data["numbers"][0]


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("On Monday the index slid 2%, to end the day at 4,210.", "the day", "2025-03-03"),  # the day named before
        ("Shares recovered late in the day.", "late in the day", "2025-03-05"),  # none named: the reference
        ("A court ruled on Tuesday; the same day, the firm appealed.", "the same day", "2025-03-04"),
        ("The bank rose for a third straight session.", "a third straight session", "2025-03-05"),
        ("He joined on June 3, 2019, and the following year he left.", "the following year", "2020"),
        ("Sales in March 2021 were weak; that month, costs rose.", "that month", "2021-03"),
    ],
)
def test_anaphoric_days_count_from_the_day_named_before(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention][0] == value


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The mill shut last October, and that same day its owner left town.", "that same day", "2024-10-XX"),
        ("They signed in 2019; that day the shares jumped.", "that day", "2019-XX-XX"),
        ("Sales slumped in January, and on Monday the chief quit; that day the shares fell.", "that day", "2025-03-03"),
    ],
)
def test_that_day_is_a_day_of_the_time_named_last_whatever_its_precision(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention][0] == value


def test_an_anaphoric_month_after_a_season_counts_from_the_reference() -> None:
    assert typed("The plant closed last fall. The following month it reopened.")["The following month"][0] == "2025-04"


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("For the period ended Aug. 12, profit rose from $3 a share a year earlier.", "a year earlier", "2023-08-12"),
        ("Sales for the quarter ended Jan. 31 rose 4% from a year ago.", "a year ago", "2024-01-31"),
        ("Revenue rose on Jan. 31. It was $4 million a year earlier.", "a year earlier", "2024"),
    ],
)
def test_a_year_earlier_is_the_day_its_sentence_wrote_a_year_before(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention][0] == value


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The index closed on Monday 3% above the previous Friday.", "the previous Friday", "2025-02-28"),
        ("It rose on Friday, Feb. 28, from the preceding Friday.", "the preceding Friday", "2025-02-21"),
        ("The prior Tuesday had been calmer.", "The prior Tuesday", "2025-03-04"),
    ],
)
def test_the_previous_weekday_is_the_one_before_the_day_named_last(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention][0] == value


@pytest.mark.parametrize("text", ["He left the day before the vote.", "the day after the storm", "day-to-day costs",
                                  "She was named Player of the Year."])
def test_anaphora_tied_to_another_happening_or_a_duration_is_left_alone(text: str) -> None:
    assert not any(d.how == "relative" and d.type == "DATE" for d in extract_dates(text, REF))


@pytest.mark.parametrize(
    ("text", "mention", "value", "typ"),
    [
        ("Up from last year's $2 million, sales for the year were flat.", "the year", "2025", "DATE"),
        ("The firm expects growth for the full year.", "the full year", "2025", "DATE"),
        ("Revenue for the year ended June 30 rose.", "the year", "P1Y", "DURATION"),
        ("In the fiscal year ending in May, it lost money.", "the fiscal year", "P1Y", "DURATION"),
    ],
)
def test_the_year_is_the_reporting_year_unless_named_by_its_end(text: str, mention: str, value: str,
                                                                 typ: str) -> None:
    assert typed(text)[mention] == (value, typ)


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The index was up 1% at 14:20 UTC.", "at 14:20 UTC", "2025-03-05T14:20Z"),
        ("At 0900 GMT, the central banks acted.", "At 0900 GMT", "2025-03-05T09:00Z"),
        ("The offer ends at 5 p.m. EST.", "at 5 p.m. EST", "2025-03-05T17:00"),  # a local zone stays local
    ],
)
def test_universal_time_gets_its_zone(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "TIME")


@pytest.mark.parametrize(
    ("text", "mention", "value", "typ"),
    [
        ("Stocks fell for six straight days.", "six straight days", "P6D", "DURATION"),
        ("two consecutive quarters of decline", "two consecutive quarters", "P2Q", "DURATION"),
        ("over the past three trading days", "the past three trading days", "P3D", "DURATION"),
        ("Profit in the second half of 2024 doubled.", "the second half of 2024", "2024-H2", "DATE"),
        ("in the first half of next year", "the first half of next year", "2026-H1", "DATE"),
        ("The plant opened on 4/9/19.", "4/9/19", "2019-04-09", "DATE"),
        ("a form dated 11/30/2023", "11/30/2023", "2023-11-30", "DATE"),
        ("The company cut costs this past winter.", "this past winter", "2025-WI", "DATE"),
        ("Output rose this past summer.", "this past summer", "2024-SU", "DATE"),  # in March: last year's
        ("sales in the current fiscal year", "the current fiscal year", "2025", "DATE"),
        ("under current rules", "current", "PRESENT_REF", "DATE"),
        ("after the recent merger", "recent", "PAST_REF", "DATE"),
        ("The rate is fixed for the time being.", "for the time being", "PRESENT_REF", "DATE"),
    ],
)
def test_more_timex_kinds(text: str, mention: str, value: str, typ: str) -> None:
    assert typed(text)[mention] == (value, typ)


def test_fractions_and_former_are_no_dates() -> None:
    assert typed("add 1/2 cup; scores of 3/4/5") == {}
    assert "formerly" not in typed("The group, formerly a bank, grew.")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Prices hit their highest level in years.", "in years", "PXY"),
        ("The gains vanished in minutes.", "in minutes", "PTXM"),
        ("Over the years the plant grew.", "Over the years", "PXY"),
    ],
)
def test_a_unit_with_no_count_is_a_vague_duration(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DURATION")


def test_a_frame_lets_the_day_be_followed_by_after() -> None:
    assert typed("Stocks rallied late in the day after falling.")["late in the day"][0] == "2025-03-05"
    assert "the past" not in typed("one of the events of the past century")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("prices last seen in nineteen eighty-two", "nineteen eighty-two", "1982"),
        ("a deal signed in March nineteen ninety-one", "March nineteen ninety-one", "1991-03"),
        ("a goal set for the year two thousand", "the year two thousand", "2000"),
        ("The law changed in mid-2019.", "mid-2019", "2019"),
    ],
)
def test_spoken_years_and_mid_year(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DATE")


def test_spoken_numbers_that_are_not_years() -> None:
    assert typed("nineteen ninety percent of voters") == {}


def test_units_later_count_from_a_happening_so_they_are_a_duration() -> None:
    # TimeML leaves "later" out of the TIMEX3 (its SIGNAL), as TempEval-3 train does every time
    assert typed("The plant shut in June. Three days later, it reopened.")["Three days"] == ("P3D", "DURATION")
    assert typed("Sales rose from a year earlier.")["a year earlier"] == ("2024", "DATE")


@pytest.mark.parametrize("text", ["It will save $300 million a year in costs.", "The airline runs six flights a week.",
                                  "Ms. Lee, 41 years old, will lead it.", "a $10-a-month subscription"])
def test_rates_and_ages_are_no_durations(text: str) -> None:
    assert not [d for d in extract_dates(text, REF) if d.type == "DURATION"]


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("It will save $300 million a year in costs.", "a year", "P1Y"),
        ("The airline runs six flights a week.", "a week", "P1W"),
        ("The plant builds 15 a year.", "a year", "P1Y"),
    ],
)
def test_a_rate_recurs_each_unit_so_it_is_a_set(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "SET")


@pytest.mark.parametrize("text", ["The car went 60 miles an hour.", "Winds reached 100 km an hour.",
                                  "a $10-a-month subscription"])
def test_a_speed_or_a_rate_before_its_noun_is_no_time(text: str) -> None:
    assert typed(text) == {}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Markets saw an unusually turbulent day on Monday.", "an unusually turbulent day", "P1D"),
        ("It has been another very bad week for the airline.", "another very bad week", "P1W"),
    ],
)
def test_a_described_day_or_week_is_a_period_of_one(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DURATION")


@pytest.mark.parametrize("text", ["The court took a detour this week.", "It was a wonderful and exciting day.",
                                  "They met on a holiday week."])
def test_no_described_day_from_function_words_or_a_list(text: str) -> None:
    assert not [d for d in extract_dates(text, REF) if d.type == "DURATION"]


def test_a_duration_after_a_year_is_still_one() -> None:
    assert typed("Prices were frozen in 2019 for a year.")["a year"] == ("P1Y", "DURATION")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Revenue in Q2 2021 fell.", "Q2 2021", "2021-Q2"),
        ("the 2019 Q4 results", "2019 Q4", "2019-Q4"),
        ("profit in the first quarter of fiscal 2022", "the first quarter of fiscal 2022", "2022-Q1"),
        ("The FY2020 loss widened.", "FY2020", "2020"),
        ("a plan for fiscal 2023", "fiscal 2023", "2023"),
    ],
)
def test_fiscal_years_and_written_quarters(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DATE")


def test_year_on_year_is_no_duration() -> None:
    assert typed("a year-on-year rise and a year-over-year fall") == {}


@pytest.mark.parametrize(
    ("mention", "timex3"),
    [
        ("a five-year", "five-year"),
        ("the 23-year", "23-year"),
        ("for a 10-year", "10-year"),
        ("a two day", "two day"),
        ("a year", "a year"),
        ("the nine months", "the nine months"),
        ("the 1988 quarter", "the 1988 quarter"),
        ("on Monday", "Monday"),
        ("for at least 20 more years", "at least 20 more years"),
        ("over six years", "over six years"),
        ("for over a year", "over a year"),
        ("Just over an hour", "over an hour"),
        ("in just minutes", "minutes"),
        ("over the weekend", "the weekend"),
    ],
)
def test_a_duration_as_an_adjective_leaves_its_article_out(mention: str, timex3: str) -> None:
    assert mention[extent(mention) :] == timex3


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Talks resume early next year.", "early next year", "2026"),
        ("He left late yesterday.", "late yesterday", "2025-03-04"),
        ("The plant closed by the end of 2019.", "the end of 2019", "2019"),
        ("Late last week the firm sold it.", "Late last week", "2025-W09"),
    ],
)
def test_a_part_of_a_day_week_or_year_is_inside_its_mention(text: str, mention: str, value: str) -> None:
    assert typed(text)[mention] == (value, "DATE")


def test_a_fraction_of_the_smallest_unit_stays_a_decimal() -> None:
    # seconds have no smaller unit to carry the rest: "5.7 seconds" is PT5.7S, not PT5S1S
    assert typed("It does 0-62 mph in 5.7 seconds.")["5.7 seconds"] == ("PT5.7S", "DURATION")
    assert typed("The flight took 1.5 hours.")["1.5 hours"] == ("PT1H30M", "DURATION")


def test_in_the_morning_is_a_part_of_the_day_named_before_it() -> None:
    # after a day the text named, "in the afternoon" is part of that day; with none named it is no time at all
    assert typed("The board met on Monday. It voted in the afternoon.")["in the afternoon"] == ("2025-03-03TAF", "TIME")
    assert typed("The ferry leaves in the evening.") == {}
    assert "in the morning" not in typed("They met on Monday, in the morning of the vote.")


def test_one_day_told_as_some_day_is_no_duration() -> None:
    assert typed("She hopes she one day owns the mill.") == {}
    assert typed("The rover may one day reach the crater.") == {}
    assert typed("The strike lasted one day.")["one day"] == ("P1D", "DURATION")


def test_past_years_is_the_past() -> None:
    assert typed("Floods came in past years as well.")["past years"] == ("PAST_REF", "DATE")


def test_the_year_before_an_amount_is_the_reporting_year() -> None:
    # "a low for the year of 12.5 points": the amount is the low's, not the year's
    found = typed("The gauge sank to a low for the year of 12.5 points.")
    assert found["the year"] == ("2025", "DATE")
    assert typed("He recalled the day of the flood.") == {}
