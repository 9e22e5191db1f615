"""Property tests: the cleaner, the quote finder, the date and the number parsers on generated text.

No input makes them raise, and what they return can be cited: spans inside the text, offsets that slice to
the text shown. Few examples here (derandomised, so CI is stable); ``bench/fuzz.py`` draws 100,000+.
The generators and the invariants live in ``tests/fuzzing.py``, shared with the bench.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import spacy
from fuzzing import (
    check_clean,
    check_date_string,
    check_dates,
    check_numbers,
    check_quote_marks,
    check_quotes,
    news_text,
    ref_dates_any,
    ref_years_any,
    texts,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.analyse.numbers import numbers_from_doc

BLANK = spacy.blank("en")  # a tokenizer only: no tags, no parse

FAST = settings(max_examples=60, deadline=None, database=None, derandomize=True)
PARSED = settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FAST
@given(texts, st.booleans(), st.one_of(st.none(), news_text(max_parts=6)), st.booleans())
def test_cleaner(raw: str, keep_all: bool, title: str | None, first_line_title: bool) -> None:
    check_clean(raw, keep_all, title, first_line_title)


@FAST
@given(texts)
def test_quote_marks(text: str) -> None:
    check_quote_marks(text)


@FAST
@given(texts, ref_dates_any, ref_years_any)
def test_dates(text: str, ref: dt.date | None, ref_year: int | None) -> None:
    check_dates(text, ref, ref_year)


@settings(max_examples=15, deadline=None, database=None, derandomize=True)
@given(texts)
def test_date_strings(text: str) -> None:
    check_date_string(text)


@FAST
@given(texts)
def test_numbers_without_a_parse(text: str) -> None:
    check_numbers(BLANK(text), text)


@PARSED
@given(news_text(max_parts=40))
def test_quotes_and_numbers_with_the_model(nlp: Any, text: str) -> None:
    doc = nlp(text)
    doc.user_data["storyline.text"] = text
    check_quotes(doc, text)
    check_numbers(doc, text)


def test_numbers_in_a_doc_without_a_parse_do_not_crash_the_process() -> None:
    """Regression (found by bench/fuzz.py): a count in a doc with no dependency parse made the counted-noun
    search walk ``Token.children``, which read unset memory in spaCy and ended the process (SIGSEGV)."""
    text = '\u200b  b\x10¿\x9d{" until until-1.64’’\n\n  \u2028 -476446   \n\nrose\nRead more: Trump and Xi'
    doc = BLANK(text)
    assert [n.text for n in numbers_from_doc(doc)] == ["-476446"]  # a minus after a space: a negative figure


def test_an_entity_ending_in_whitespace_tokens_is_cited_without_them(nlp: Any) -> None:
    """Regression (found by bench/fuzz.py): spaCy put the whitespace tokens after "Xi \\t Xi" inside the
    entity; the mention showed the trimmed name but its offsets still covered the whitespace."""
    from storyline.analyse.entities import mentions_from_doc

    text = "Xi \t Xi \t "
    doc = nlp(text)
    doc.user_data["storyline.text"] = text
    for m in mentions_from_doc(doc):
        assert text[m.start : m.end] == m.text
