"""Temporal expressions resolved against the article's reference date."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyse.dates import extract_dates, parse_date_string, to_date

REF = dt.date(2025, 11, 25)  # a Tuesday


def values(text: str, ref: dt.date | None = REF, year: int | None = None) -> dict[str, str | None]:
    return {d.text: d.value for d in extract_dates(text, ref, year)}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("They spoke on Monday.", "on Monday", "2025-11-24"),
        ("He will travel there on Friday.", "on Friday", "2025-11-28"),
        ("The two met last month.", "last month", "2025-10"),
        ("Trump will visit Beijing next April.", "next April", "2026-04"),
        ("the meeting in late October", "late October", "2025-10"),
        ("purchases this year", "this year", "2025"),
        ("a state visit later in 2026", "later in 2026", "2026"),
        ("The flare-up began on Nov. 7, when", "on Nov. 7", "2025-11-07"),
        ("a phone call on 24 November 2025", "24 November 2025", "2025-11-24"),
        ("speaking on the evening of November 24 about", "on the evening of November 24", "2025-11-24"),
        ("his Oct. 30 summit", "Oct. 30", "2025-10-30"),
        ("Trump denied him permission in July", "in July", "2025-07"),
        ("He said so yesterday.", "yesterday", "2025-11-24"),
        ("three days ago", "three days ago", "2025-11-22"),
        ("on March 3, 2024, the vote", "March 3, 2024", "2024-03-03"),
        ("published 2025-01-17 by", "2025-01-17", "2025-01-17"),
        ("since January 2024", "January 2024", "2024-01"),
    ],
)
def test_resolves_relative_to_reference(text: str, mention: str, value: str) -> None:
    assert values(text).get(mention) == value


def test_a_month_named_again_is_the_month_named_before() -> None:
    # with no tense of its own, "in April" is the April the text named, not the nearest one (April 2025)
    text = "He accepted an invitation to visit Beijing next April. Aides call it a step, including a visit in April."
    assert [d.value for d in extract_dates(text, REF)] == ["2026-04", "2026-04"]
    assert values("Aides call it a step, including a visit in April.") == {"in April": "2025-04"}


def test_no_false_hits_on_ordinary_words() -> None:
    text = "When Xi and Trump sat down, they may march on. It was a 2,000-strong crowd and $2025 million."
    assert values(text) == {}


def test_numbers_with_units_are_not_years() -> None:
    assert values("about 2024 people and 2030 tonnes") == {}


def test_without_reference_weekday_is_kept_unresolved() -> None:
    ds = extract_dates("They spoke on Monday.", None)
    assert [(d.text, d.value) for d in ds] == [("on Monday", None)]


def test_year_only_reference_resolves_month_day() -> None:
    assert values("began on Nov. 7, when", None, 2025)["on Nov. 7"] == "2025-11-07"


def test_offsets_point_at_the_mention() -> None:
    text = "In a call on Monday, Xi said next April."
    for d in extract_dates(text, REF):
        assert text[d.start : d.end] == d.text


def test_black_friday_is_a_named_day_not_a_weekday() -> None:
    ds = extract_dates("Black Friday sales rose.", REF)
    assert [(d.text, d.value, d.how) for d in ds] == [("Black Friday", "2025-11-28", "holiday")]


def test_parse_date_string() -> None:
    assert parse_date_string("24 November 2025") == "2025-11-24"
    assert parse_date_string("2025-11-24T10:00:00Z") == "2025-11-24"
    assert parse_date_string("not a date") is None
    assert parse_date_string("8/2/13 at 1:30 PM") == "2013-08-02"  # a numeric date's two-digit year is a year
    assert parse_date_string("2 hours ago") is None
    assert to_date("2025-11") is None


def test_named_days() -> None:
    assert values("finalize an agreement by Thanksgiving.")["by Thanksgiving"] == "2025-11-27"
    assert values("sales on Black Friday")["on Black Friday"] == "2025-11-28"
    assert values("since Christmas 2023 the")["since Christmas 2023"] == "2023-12-25"
    assert values("last Christmas")["last Christmas"] == "2024-12-25"


def test_president_elect_period_dates_an_undated_text() -> None:
    from storyline.analyse.anchors import infer_reference

    text = (
        "US president-elect Jane Roe spoke to the premier on Friday, days before Roe heads back to the "
        "White House. Roe won the 2028 election."
    )
    ref, why = infer_reference(text)
    assert ref == dt.date(2029, 1, 19) and why and "2028" in why
    assert values(text, ref)["on Friday"] == "2029-01-19"
    assert infer_reference("The president-elect spoke.") == (None, None)  # no election year named
    assert infer_reference("The president spoke in 2024.") == (None, None)


def test_quarters() -> None:
    ref = dt.date(1989, 11, 2)
    assert values("Profit rose in the third quarter.", ref)["the third quarter"] == "1989-Q3"
    assert values("third-quarter earnings", ref)["third-quarter"] == "1989-Q3"
    assert values("sales in the latest quarter", ref)["the latest quarter"] == "1989-Q3"
    assert values("in the fourth quarter of 1988", ref)["the fourth quarter of 1988"] == "1988-Q4"
    assert values("a quarter of the vote", ref) == {}


def test_bare_month_resolves_to_the_nearest() -> None:
    assert values("Talks resumed in earnest. The deal starts in January.")["in January"] == "2026-01"
    assert "March" not in values("Protesters March on the capital.")


def test_a_month_told_in_the_past_is_the_last_one_and_of_next_year_is_next_years() -> None:
    assert values("Talks resumed in earnest. January brought a deal.")["January"] == "2025-01"
    assert values("The law took effect on 1 January.")["on 1 January"] == "2025-01-01"
    assert values("The plan, unveiled in March, was dropped.")["in March"] == "2025-03"
    assert values("Sales in the first quarter slowed.")["the first quarter"] == "2025-Q1"
    assert values("The Jan. 5 vote was postponed.")["Jan. 5"] == "2026-01-05"  # the vote, not the date, is past
    assert values("He will travel in March.")["in March"] == "2026-03"
    assert values("Licences lapse after October of next year.")["October of next year"] == "2026-10"
    assert values("In March of last year, sales fell.")["March of last year"] == "2024-03"


def test_a_plan_word_before_a_noun_leaves_the_clause_in_its_verbs_tense() -> None:
    # "planned" tells the stoppages' kind; "began" tells when: the last March, not the coming one
    assert values("The union began a series of planned stoppages in March.")["in March"] == "2025-03"
    # governing the time, or with no past verb, the plan word still looks ahead
    assert values("The union planned for stoppages in March.")["in March"] == "2026-03"
    assert values("The planned stoppages in March will close ports.")["in March"] == "2026-03"


def test_a_game_storys_schedule_lines_look_ahead() -> None:
    text = "The Hawks won 98-91 on Monday.\nUp next\nHawks: Visit the Bulls on Friday.\nBulls: Host Utah on Wednesday."
    found = values(text)
    assert found["on Monday"] == "2025-11-24" and found["on Friday"] == "2025-11-28"
    assert found["on Wednesday"] == "2025-11-26"
    # a name and a colon before a told event are no schedule line
    assert values("Hawks: Beat the Bulls on Friday, then rested.")["on Friday"] == "2025-11-21"


def test_a_reference_at_the_calendars_ends_gives_no_value_not_an_error() -> None:
    import datetime as dt

    from storyline.analyse.dates import extract_dates

    found = extract_dates("BEIJING, March 5 (AP) - It happened last Friday.", dt.date(1, 1, 1), 1)
    assert found and all(d.value is None and d.how == "out of range" for d in found)


def test_a_second_day_after_a_month_and_day_is_its_own_date() -> None:
    # TimeML tags "25" in "April 24 and 25" on its own, in the first one's month; a count or a clock is no day
    assert values("The summit will be held on April 24 and 25.") == {"on April 24": "2026-04-24", "25": "2026-04-25"}
    assert values("Talks on Oct. 3-4 ended.") == {"on Oct. 3": "2025-10-03", "4": "2025-10-04"}
    assert "5" not in values("It rose on Nov. 20 to 5 percent.")
    assert values("Nov. 1 to 5 p.m.").get("5 p.m.") == "2025-11-01T17:00"


def test_an_approximate_count_before_ago_is_inside_the_mention() -> None:
    assert values("It began nearly two weeks ago.") == {"nearly two weeks ago": "2025-W46"}


def test_vague_quarters_of_something_last() -> None:
    # "three quarters of the vote" is a share; "several quarters of losses" a span of time
    assert {d.text: d.type for d in extract_dates("after several quarters of losses", REF)} == {
        "several quarters": "DURATION"
    }
    assert values("three quarters of the vote") == {}


def test_a_lead_that_looks_ahead_puts_the_day_ahead() -> None:
    # "effective June 1" and "ahead of the weekend" lie ahead, whatever tense the clause is in (lexicon
    # dates.lead_tense)
    assert values("It resulted from the new labor pact effective June 1.") == {"June 1": "2026-06-01"}
    assert values("Traders squared positions ahead of the weekend.") == {"the weekend": "2025-W48-WE"}


def test_a_time_word_in_a_programme_name_in_a_sentence_full_of_names_is_no_date() -> None:
    text = (
        'She was named "Person of the Week" on ABC\'s World News Tonight with Peter Jennings, and '
        '"Woman of the Year" by CBS This Morning.'
    )
    assert extract_dates(text, dt.date(2009, 7, 13)) == []
    assert [d.value for d in extract_dates("Obama To Name Gupta Tonight", dt.date(2009, 7, 13))] == [
        "2009-07-13TNI"
    ]  # a headline in title case: its words are all capitalised


def test_today_of_the_time_in_general_is_no_day() -> None:
    # "today's youth", "the leaders of tomorrow" name no day (lexicon dates.generic_day_nouns); "today's vote" does
    assert values("a message for today's youth") == {}
    assert values("the people of tomorrow") == {}
    assert values("before today's vote") == {"today": "2025-11-25"}


def test_the_before_past_or_next_and_a_unit_is_inside_the_mention() -> None:
    # TimeML keeps the article in "the past year", "the last week" (TempEval-3 train: every such one)
    assert values("Sales rose over the past year.") == {"the past year": "2024"}
    assert values("It was the best of the last week.") == {"the last week": "2025-W47"}


def test_the_middle_or_beginning_of_a_month_is_inside_the_mention() -> None:
    assert values("Talks resume at the beginning of October.") == {"the beginning of October": "2025-10"}
    assert values("It fell in the middle of March 2024.") == {"the middle of March 2024": "2024-03"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("He stays through the 2008-09 season.", [("2008", "2008"), ("09", "2009")]),
        ("Revenue in fiscal 2023-24 rose.", [("fiscal 2023", "2023"), ("24", "2024")]),
        ("The 2023/24 budget passed.", [("2023", "2023"), ("24", "2024")]),
        ("the 1999-2000 school year", [("1999", "1999"), ("2000", "2000")]),
        ("the 1999-00 season", [("1999", "1999"), ("00", "2000")]),
        ("the 1998–99 season", [("1998", "1998"), ("99", "1999")]),
    ],
)
def test_a_range_of_years_names_both(text: str, pair: list[tuple[str, str]]) -> None:
    # TimeML gives a season no single value: its second year is a mention of its own, as TempEval tags "1850-58"
    found = extract_dates(text, REF)
    assert [(d.text, d.value) for d in found] == pair
    assert found[1].how == "range-end"


def test_a_second_number_that_is_no_later_year_is_no_range() -> None:
    assert values("figures for 2010-05 and 2012-03") == {"2010-05": "2010-05", "2012-03": "2012-03"}  # not 2105
    assert values("in 2019-2015") == {"in 2019": "2019"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales in 2010-11 rose.", {"2010-11": "2010-11"}),  # ISO 8601's November 2010, not 2010 and 2011
        ("from 2010-11 to 2011-02", {"2010-11": "2010-11", "2011-02": "2011-02"}),
        ("the 2010-11 season", {"2010": "2010", "11": "2011"}),
        ("the 2011-12 Premier League season", {"2011": "2011", "12": "2012"}),
        ("in fiscal 2009-10", {"fiscal 2009": "2009", "10": "2010"}),
        ("from 2010-11 to 2012-13", {"2010": "2010", "11": "2011", "2012": "2012", "13": "2013"}),
        # two years in a row near a season named: "In 2006-07, Cheeks helped rally the Sixers"
        ("He won 40 regular-season games in 2007-08 before a loss.", {"in 2007": "2007", "08": "2008"}),
        ("It was the same season. In 2006-07, the team rallied.", {"2006": "2006", "07": "2007"}),
    ],
)
def test_a_year_and_a_month_written_as_iso_is_a_month_unless_a_range(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_the_end_of_the_month_or_week_is_that_month_or_week() -> None:
    assert values("They must leave by the end of the month.") == {"by the end of the month": "2025-11"}
    assert values("a vote at the end of the week") == {"the end of the week": "2025-W48"}


def test_a_figure_with_decimals_is_no_year() -> None:
    assert values("The index shed 47.3 points to close at 2082.1, down from 2010,5 a week before.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ran from January to March.", {"from January": "2025-01", "March": "2025-03"}),
        ("It contracted between April and June.", {"between April": "2025-04", "June": "2025-06"}),
        ("Rates held from March to June.", {"from March": "2025-03", "June": "2025-06"}),
        ("They will March to the sea.", {}),  # the verb
        ("a letter from May", {}),  # a name
        ("from May to June", {"from May": "2025-05", "June": "2025-06"}),
    ],
)
def test_months_of_a_range_are_each_a_month(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It fell on Thursday 20 November.", {"on Thursday 20 November": "2025-11-20"}),
        ("Friday, 21 November 2025", {"Friday, 21 November 2025": "2025-11-21"}),
        ("On Friday 5 people died.", {"Friday": "2025-11-21"}),
    ],
)
def test_a_weekday_before_day_and_month_is_one_mention(text: str, expected: dict[str, str]) -> None:
    # British order, as "Saturday, April 25" is American: one TIMEX3, not a weekday and a day beside it
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The index fell to 1998 points.", {}),
        ("The plant employs 2000 workers.", {}),
        ("There were 2013 cases last week.", {"last week": "2025-W47"}),
        ("Prices in 2012 dollars rose.", {"in 2012": "2012"}),
        ("Output fell in 2012 as workers struck.", {"in 2012": "2012"}),
        ("in 2012 workers struck", {"in 2012": "2012"}),  # after a preposition, a year still
    ],
)
def test_a_four_digit_count_is_no_year(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_the_year_before_a_year_is_inside_the_mention() -> None:
    # one TIMEX3, as TempEval-3 train tags "the year two thousand"
    assert values("It happened in the year 2000.") == {"the year 2000": "2000"}


def test_a_present_word_written_with_a_capital_inside_a_sentence_is_a_name() -> None:
    assert values("Banks such as Chime, Varo, Current and GoBank grew.") == {}
    assert values("Currently, it grows.") == {"Currently": "PRESENT_REF"}


def test_a_month_after_a_capitalised_word_inside_a_sentence_is_a_name() -> None:
    assert values("The cast had Jane Fonda, Fredric March and Agnes Moorhead.") == {}
    assert list(values("The Fed said March sales rose.")) == ["March"]


def test_a_couple_of_units_ago_counts_two() -> None:
    assert values("He left a couple of weeks ago.") == {"a couple of weeks ago": "2025-W46"}


def test_weeks_ago_is_a_week_but_a_week_ago_the_day() -> None:
    # the value is as fine as the unit counted ("five months ago" a month, "six weeks ago" a week), but "a week ago"
    # names the same weekday a week back
    assert values("The ferry sank six weeks ago.") == {"six weeks ago": "2025-W42"}
    assert values("The ferry sank a week ago.") == {"a week ago": "2025-11-18"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thirty years ago, I was in Sydney.", {"Thirty years ago": "1995"}),
        ("It opened twenty-five years ago.", {"twenty-five years ago": "2000"}),
        ("It sailed about a fortnight ago.", {"about a fortnight ago": "2025-11-11"}),
    ],
)
def test_tens_and_fortnights_ago(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The index rose between September and October of 2007.",
            {"between September": "2007-09", "October of 2007": "2007-10"},
        ),
        ("Sales were weak in March and April 2008.", {"in March": "2008-03", "April 2008": "2008-04"}),
        ("It ran from December to February 2008.", {"from December": "2007-12", "February 2008": "2008-02"}),
        ("They met on May 5 and 6, 2008.", {"on May 5": "2008-05-05", "6": "2008-05-06", "2008": "2008"}),
        ("They met on May 5 and 6 in Paris.", {"on May 5": "2025-05-05", "6": "2025-05-06"}),
    ],
)
def test_a_month_joined_to_one_with_its_year_shares_it(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_a_quarter_takes_the_year_of_the_day_it_ended() -> None:
    ref = dt.date(2009, 6, 10)
    assert values("Sales rose in the third quarter ended Sept. 30, 2007.", ref)["the third quarter"] == "2007-Q3"
    # a fiscal quarter keeps its number, in the year its end day is in (TempEval-3 train's convention)
    assert values("It reported its fiscal first quarter, which ended Dec. 27, 2008.", ref)["fiscal first quarter"] == (
        "2008-Q1"
    )
    assert values("Sales rose in the quarter ended Sept. 30, 2007.", ref)["the quarter"] == "2007-Q3"


def test_a_schedule_in_the_present_looks_ahead() -> None:
    ref = dt.date(2009, 6, 10)
    assert values("The trial begins in January.", ref) == {"in January": "2010-01"}
    assert values("The offer expires Jan. 5.", ref) == {"Jan. 5": "2010-01-05"}
    # not a noun nor an infinitive: "votes cast in", "her decision to meet him at the end of June"
    assert values("Of the votes cast in the March 12 convention, most were for him.", ref) == {"March 12": "2009-03-12"}
    assert values("She was faulted for her decision to meet him at the end of June.", ref) == {
        "the end of June": "2009-06"
    }


def test_the_hundreds_of_a_year_are_its_century() -> None:
    assert values("The case dates to the late 1800s.") == {"the late 1800s": "18"}
    assert values("In the 1980s and the 2000s it grew.") == {"the 1980s": "198", "the 2000s": "200"}


def test_a_year_with_an_apostrophe_is_a_decade_only_after_the() -> None:
    ref = dt.date(1989, 10, 30)
    assert values("It expects profit to rise in 1990's first half.", ref) == {"in 1990": "1990"}
    assert values("Prices rose in the 1980's.", ref) == {"the 1980's": "198"}


def test_a_quarter_named_by_its_last_month_after_a_possessive() -> None:
    ref = dt.date(1989, 10, 30)
    assert values("The company reports results for its September quarter.", ref) == {"September quarter": "1989-Q3"}


def test_by_a_day_in_a_past_clause_is_the_last_one() -> None:
    ref = dt.date(2016, 9, 19)  # a Monday
    assert values("By late Tuesday, talks had stalled.", ref) == {"late Tuesday": "2016-09-13"}
    assert values("The deal must be done by late Tuesday.", ref) == {"late Tuesday": "2016-09-20"}


def test_a_day_with_its_year_said_in_words() -> None:
    ref = dt.date(2016, 10, 2)
    assert values("We started this journey on June 16th of last year.", ref) == {
        "on June 16th of last year": "2015-06-16"
    }
    assert values("The vote is on Jan. 5 next year.", ref) == {"on Jan. 5 next year": "2017-01-05"}
    # a year after "and" is no year of the day before it
    assert values("It happened on June 16, and last year it happened again.", ref) == {
        "on June 16": "2016-06-16",
        "last year": "2015",
    }


def test_a_capitalised_cue_inside_a_sentence_is_a_name() -> None:
    ref = dt.date(2016, 8, 1)  # a Monday
    text = "Mr. Khan said on NBC's Meet the Press on Sunday that Mr. Trump had shown disrespect."
    assert values(text, ref) == {"on Sunday": "2016-07-31"}
    assert values("Will Trump speak on Sunday?", ref) == {"on Sunday": "2016-08-07"}


def test_giving_tuesday_is_no_weekday() -> None:
    assert values("Charities raised money on Giving Tuesday.") == {}


def test_the_tense_around_a_month_read_further() -> None:
    ref = dt.date(2016, 5, 18)
    # the saying's month, whatever the quote before it says
    text = '"I will never eat them again," Trump said in August after the layoffs.'
    assert values(text, ref) == {"in August": "2015-08"}
    # "since" after a possessive; "by"/"until" in a past clause; "won't" is the future
    assert values("It rose after their Oct. 13 debate and since their Oct. 13 debate.", ref)["Oct. 13"] == "2015-10-13"
    assert values("The committees raised $287 million by the end of February.", ref) == {
        "the end of February": "2016-02"
    }
    assert values("The votes won't be counted until March 15.", dt.date(2016, 2, 17)) == {"March 15": "2016-03-15"}


def test_a_live_report_time_stamp_is_on_the_reference_day() -> None:
    ref = dt.date(2016, 2, 20)
    text = "Texas votes on March 1.\n\n___.\n\n9:18 p.m.  Donald Trump is thanking his supporters."
    assert values(text, ref)["9:18 p.m."] == "2016-02-20T21:18"
    # a time inside a sentence is still on the day named before it
    assert values("Texas votes on March 1. Polls close at 8 p.m.", ref)["at 8 p.m."] == "2016-03-01T20:00"
