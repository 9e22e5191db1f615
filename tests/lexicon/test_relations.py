"""The relations between lists that the rules rely on: a list that is a part of another stays a part of it."""

from __future__ import annotations

from storyline import lexicon


def test_calendar_lists_are_complete() -> None:
    months = lexicon.ordered("time.months")
    assert len(months) == 12 and len(lexicon.ordered("time.weekdays")) == 7
    assert list(lexicon.table("time.month_short")) == list(months)  # one row per month, in calendar order


def test_number_words_carry_their_values_by_place() -> None:
    units, tens = lexicon.ordered("numbers.units"), lexicon.ordered("numbers.tens")
    assert (units[0], units[9], units[-1], len(units)) == ("one", "ten", "nineteen", 19)
    assert (tens[0], tens[-1], len(tens)) == ("twenty", "ninety", 8)


def test_duration_hedges_are_approximators() -> None:
    assert set(lexicon.ordered("numbers.duration_approximators")) <= set(lexicon.table("numbers.approximators"))
