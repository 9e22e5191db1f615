"""Wire datelines: read as the article's place, date and outlet, cut from the body, and used to date it.

Short articles written for these tests; each form the readers meet in wire copy, the look-alikes that must
be left alone (kickers, headings, a capitalised first word), and the dating rules that follow from a
dateline (user > metadata > dateline > "Published on:" line > inferred).
"""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from storyline.analyse.dates import day_near, month_day_year
from storyline.ingest.clean import clean_text
from storyline.ingest.dateline import DATELINE_FORMS, find_dateline
from storyline.ingest.readers import RawDoc
from storyline.model import Article, Removal
from storyline.pipeline import build_article, date_article
from storyline.render.export import export_corpus, schema

LEAD = "The council voted on Wednesday to close the Main Street bridge for repairs."
MORE = "Engineers found cracks in two of its piers during an inspection last month."


def article(raw: str, **doc: str) -> Article:
    """Clean, then date, one plain-text article (no spaCy: the dates stage is regex-only)."""
    a = build_article(RawDoc("t.txt", raw, "txt", **doc))  # type: ignore[arg-type]
    date_article(a)
    return a


def dated(a: Article, text: str) -> str | None:
    return next(d.value for d in a.dates if d.text == text)


# --------------------------------------------------------------------------------------------------
# Reading a dateline
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", DATELINE_FORMS, ids=lambda f: f.name)
def test_every_form_reads_its_own_example(form: object) -> None:
    d = find_dateline(form.example)  # type: ignore[attr-defined]
    assert d is not None and d.form == form.name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lead", "text", "place", "date", "outlet"),
    [
        (
            f"HAMILTON, Ohio, March 5 (Ohio Valley News) - {LEAD}",
            "HAMILTON, Ohio, March 5 (Ohio Valley News)",
            "Hamilton, Ohio",
            "March 5",
            "Ohio Valley News",
        ),
        (f"HAMILTON, Ohio, Mar. 5 (Ohio Valley News) — {LEAD}", None, "Hamilton, Ohio", "Mar. 5", "Ohio Valley News"),
        (f"WASHINGTON: {LEAD}", "WASHINGTON", "Washington", None, None),
        (f"BEIJING (Reuters) — {LEAD}", "BEIJING (Reuters)", "Beijing", None, "Reuters"),
        (f"LONDON, Nov 24 (Reuters) - {LEAD}", "LONDON, Nov 24 (Reuters)", "London", "Nov 24", "Reuters"),
        (f"Washington, Nov 24 (Reuters) - {LEAD}", "Washington, Nov 24 (Reuters)", "Washington", "Nov 24", "Reuters"),
        (f"TAIPEI, Taiwan — {LEAD}", "TAIPEI, Taiwan", "Taipei, Taiwan", None, None),
        (f"NEW YORK (AP) -- {LEAD}", "NEW YORK (AP)", "New York", None, "AP"),
        (f"PARIS, March 5, 2024 (AFP) - {LEAD}", "PARIS, March 5, 2024 (AFP)", "Paris", "March 5, 2024", "AFP"),
        (f"RIO DE JANEIRO (AP) — {LEAD}", None, "Rio de Janeiro", None, "AP"),
        (f"ST. LOUIS, 5 March (AP) — {LEAD}", None, "St. Louis", "5 March", "AP"),
        (f"MARROWBY, Ore. (AP) _ {LEAD}", None, "Marrowby, Ore.", None, "AP"),  # older wire copy's dash
        (f"Berlin (dpa) - {LEAD}", "Berlin (dpa)", "Berlin", None, "dpa"),
        (f"(Reuters) - {LEAD}", "(Reuters)", None, None, "Reuters"),
        (f"Dec 29 (Reuters) - {LEAD}", "Dec 29 (Reuters)", None, "Dec 29", "Reuters"),
        (f"NEWPORT NEWS, Va. - {LEAD}", "NEWPORT NEWS, Va.", "Newport News, Va.", None, None),  # "NEWS" in a place
        (f"DUBAI, United Arab Emirates — {LEAD}", None, "Dubai, United Arab Emirates", None, None),  # 3-word region
        (f"DUBAI, UAE — {LEAD}", None, "Dubai, UAE", None, None),  # an acronym region stays as written
        (f"MAREA ES SALIM, Tanzania (AP) _ {LEAD}", None, "Marea es Salim, Tanzania", None, "AP"),  # a particle
    ],
)
def test_dateline_forms(lead: str, text: str | None, place: str | None, date: str | None, outlet: str | None) -> None:
    d = find_dateline(lead)
    if place is None and outlet is None:
        assert d is None
        return
    assert d is not None
    if text is not None:
        assert d.text == text
    assert (d.place, d.date, d.outlet) == (place, date, outlet)
    assert lead[d.end :] == LEAD


@pytest.mark.parametrize(
    ("lead", "end"),
    [("(Undated)", 9), (f"(Undated) _ {LEAD}", 12), (f"UNDATED _ {LEAD}", 10), (f"UNDATED: {LEAD}", 9)],
)
def test_undated_is_a_dateline_without_a_place(lead: str, end: int) -> None:
    d = find_dateline(lead)
    assert d is not None and d.form == "undated"
    assert (d.place, d.date, d.outlet, d.end) == (None, None, None, end)


@pytest.mark.parametrize(
    "lead",
    [
        f"BREAKING: {LEAD}",  # kickers
        f"ANALYSIS: {LEAD}",
        f"BREAKING NEWS — {LEAD}",
        f"FACT CHECK: {LEAD}",
        f"EXCLUSIVE - {LEAD}",
        f"ESPIONAGE: {LEAD}",  # an unknown label with a colon is a kicker, not a city
        "CLINTON: Well, I think we all saw what the council did on Wednesday.",  # a transcript's speaker
        "WASHINGTON — A LOOK BACK",  # headings
        "BRIDGE CLOSURE: What it means",
        "Council Votes To Close Bridge",
        "WASHINGTON POST reporters found that the council voted on Wednesday to close it.",  # no separator
        "NASA said on Monday that the launch would be delayed by at least a week.",  # a lone ALL-CAPS word
        "COUNCIL members voted on Wednesday to close the bridge for repairs.",
        "Officials - including the mayor - said the bridge would close for a month.",  # title case, no date/outlet
        "Washington - the city where the council sits - was quiet again on Wednesday.",
        "Mayor Ruiz (pictured) — who chairs the council — said the bridge would close.",
        "March 5 - the day the council met - was the coldest of the winter.",  # a date alone is not a dateline
        "CLINTON LEADS IN OHIO - The latest poll has her four points ahead of Trump.",  # caps headlines
        "CLINTON LEADS OHIO POLL - The latest poll has her four points ahead of Trump.",
        "COVID-19: The council voted on Wednesday to close the bridge for repairs.",
        "(Reuters) -",  # a credit line, not a dateline
        "Undated photos show the bridge cracked in two places, the council said on Wednesday.",
    ],
)
def test_not_a_dateline(lead: str) -> None:
    assert find_dateline(lead) is None


# --------------------------------------------------------------------------------------------------
# Cutting it from the body
# --------------------------------------------------------------------------------------------------


def test_dateline_is_cut_from_the_lead_and_recorded() -> None:
    raw = f"Bridge to close\nHAMILTON, Ohio, March 5 (Ohio Valley News) - {LEAD}\n{MORE}\n"
    c = clean_text(raw)
    assert c.text.startswith("The council voted")
    assert c.text[c.paragraphs[0][0] : c.paragraphs[0][1]] == LEAD
    assert c.removed == [Removal("HAMILTON, Ohio, March 5 (Ohio Valley News)", "dateline", 1)]
    assert c.hints["dateline_place"] == "Hamilton, Ohio"
    assert c.hints["dateline_date"] == "March 5"
    assert c.hints["source"] == "Ohio Valley News"


def test_dateline_on_a_line_of_its_own_is_removed_as_a_block() -> None:
    c = clean_text(f"Bridge to close\n\nMIAMI (AP) --\n\n{LEAD}\n\n{MORE}\n")
    assert c.text.startswith("The council voted")
    assert c.removed == [Removal("MIAMI (AP)", "dateline", 2)]


@pytest.mark.parametrize("dateline", ["MIAMI (AP) --", "CAPE TOWN, South Africa (AP) _", "WASHINGTON _"])
def test_a_first_line_that_is_only_a_dateline_is_no_headline(dateline: str) -> None:
    """Wire copy with no headline opens with its dateline on a line of its own: that line is the dateline, and
    the title comes from the lead."""
    c = clean_text(f"{dateline}\n\n{LEAD}\n\n{MORE}\n")
    assert c.title is None  # the pipeline titles it from the lead
    assert c.text.startswith("The council voted")
    assert [r.reason for r in c.removed] == ["dateline"]


def test_a_dateline_line_sharing_the_ledes_place_names_is_no_headline() -> None:
    """A whole page's headline is the line the lede repeats; a dateline on its own line repeats the place names
    a long lede paragraph gives ("… the harbour of Port Wexley, Marland's capital …"), yet it stays the
    dateline and the first line stays the headline."""
    lede = (
        "The office stayed open through the night, away from the centre of Port Wexley, Marland's quiet "
        "capital of narrow streets and old warehouses, officials said on Saturday after the water fell."
    )
    text = (
        "Sturdy sea wall may have spared the harbour office in Marland storm\n\nPORT WEXLEY, Marland (AP) _\n\n"
        "The storm was so strong that it shook windows a mile away.\n\nBut the sea wall held.\n\n"
        f"Another reason was the site.\n\n{lede}\n"
    )
    c = clean_text(text, first_line_title=True)
    assert c.title == "Sturdy sea wall may have spared the harbour office in Marland storm"
    assert [r.reason for r in c.removed] == ["dateline"] and c.hints.get("dateline_place") == "Port Wexley, Marland"


def test_only_the_lead_paragraphs_carry_a_dateline() -> None:
    late = f"TAIPEI, Taiwan — {MORE}"
    c = clean_text(f"Bridge to close\n{LEAD}\n{MORE}\nThe vote was 7-2.\n{late}\n")
    assert late in c.text and not c.removed and "dateline" not in c.hints
    # only the first dateline is cut; a second dateline-shaped paragraph stays as written
    c = clean_text(f"Bridge to close\nBEIJING (Reuters) — {LEAD}\n{late}\n")
    assert [r.text for r in c.removed] == ["BEIJING (Reuters)"] and late in c.text


def test_keep_all_keeps_the_dateline_but_still_reads_it() -> None:
    c = clean_text(f"Bridge to close\nBEIJING (Reuters) — {LEAD}\n{MORE}\n", keep_all=True)
    assert c.text.startswith("BEIJING (Reuters) — ") and not c.removed
    assert c.hints["dateline_place"] == "Beijing"


def test_kicker_lead_is_left_alone() -> None:
    c = clean_text(f"Bridge to close\nBREAKING: {LEAD}\n{MORE}\n")
    assert c.text.startswith("BREAKING: ") and not c.removed and "dateline" not in c.hints


# --------------------------------------------------------------------------------------------------
# What the article learns from it: place, outlet, publication date, and relative dates anchored on it
# --------------------------------------------------------------------------------------------------

HAMILTON = (
    "Bridge to close\n"
    "HAMILTON, Ohio, March 5 (Ohio Valley News) - The council voted on Wednesday to close the bridge, "
    "after an inspection last month found cracks.\n"
    "Repairs will take most of the spring, the mayor said.\n"
    "© 2025 Ohio Valley News. All rights reserved.\n"
)


def test_dateline_dates_the_article_and_anchors_relative_dates() -> None:
    a = article(HAMILTON)
    assert a.text.startswith("The council voted on Wednesday")
    assert (a.place, a.place_how) == ("Hamilton, Ohio", "dateline")
    assert (a.source, a.source_how) == ("Ohio Valley News", "dateline")
    assert (a.published, a.published_how) == ("2025-03-05", "dateline")
    assert a.published_why is not None
    assert a.published_why == (
        "from the dateline 'HAMILTON, Ohio, March 5 (Ohio Valley News)'; the year from the copyright line (2025)"
    )
    assert dated(a, "on Wednesday") == "2025-03-05"  # 5 March 2025 is a Wednesday: the same day
    assert dated(a, "last month") == "2025-02"
    assert not any(d.text == "March 5" for d in a.dates)  # the dateline is not a date mention of the body


def test_weekday_before_the_dateline_day_is_the_week_before() -> None:
    a = article(f"Bridge to close\nHAMILTON, Ohio, March 7, 2025 (Ohio Valley News) - {LEAD}\n{MORE}\n")
    assert (a.published, a.published_why) == (
        "2025-03-07",
        "from the dateline 'HAMILTON, Ohio, March 7, 2025 (Ohio Valley News)'",
    )
    assert dated(a, "on Wednesday") == "2025-03-05"  # a Friday dateline: the Wednesday just before


def test_copyright_holder_outranks_the_dateline_outlet() -> None:
    a = article(f"Bridge to close\nHAMILTON, Ohio, March 5 (AP) - {LEAD}\n{MORE}\n© 2025 Ohio Valley Media\n")
    assert (a.published, a.published_how) == ("2025-03-05", "dateline")
    assert (a.source, a.source_how) == ("Ohio Valley Media", "text")


def test_year_from_the_metadata_refines_a_metadata_year() -> None:
    a = article(HAMILTON, published="2024")
    assert (a.published, a.published_how) == ("2024-03-05", "dateline")
    assert dated(a, "on Wednesday") == "2024-02-28"  # 5 March 2024 is a Tuesday: the Wednesday before


def test_no_year_anywhere_leaves_the_date_unknown() -> None:
    a = article(f"Bridge to close\nHAMILTON, Ohio, March 5 (Ohio Valley News) - {LEAD}\n{MORE}\n")
    assert a.published is None and a.meta["hint_dateline_date"] == "March 5"
    assert dated(a, "on Wednesday") is None


def test_an_inferred_year_keeps_the_dateline_day() -> None:
    """The text's dates are not trusted for the year (background events, anniversaries), but when the
    existing inference dates an article anyway, the day is the dateline's."""
    more = "Repairs were first approved on February 12, 2025, the mayor said."
    a = article(f"Bridge to close\nHAMILTON, Ohio, March 5 (Ohio Valley News) - {LEAD}\n{more}\n")
    assert (a.published, a.published_how) == ("2025-03-05", "inferred")
    assert a.published_why == (
        "the day from the dateline 'HAMILTON, Ohio, March 5 (Ohio Valley News)'; "
        "latest full date in the lead: 'February 12, 2025'"
    )
    assert dated(a, "on Wednesday") == "2025-03-05"


def test_metadata_and_user_dates_win_over_the_dateline() -> None:
    a = article(HAMILTON, published="2025-03-06", source="Valley Daily")
    assert (a.published, a.published_how) == ("2025-03-06", "metadata")
    assert (a.source, a.source_how) == ("Valley Daily", "metadata")
    assert a.place == "Hamilton, Ohio"
    assert dated(a, "on Wednesday") == "2025-03-05"
    b = build_article(RawDoc("t.txt", HAMILTON, "txt"), published="2025-03-10")
    date_article(b)
    assert (b.published, b.published_how) == ("2025-03-10", "user")


def test_dateline_wins_over_a_published_line_but_takes_its_year() -> None:
    raw = f"Bridge to close\nPublished on: 6 March 2025\nHAMILTON, Ohio, March 5 (Ohio Valley News) - {LEAD}\n{MORE}\n"
    a = article(raw)
    assert (a.published, a.published_how) == ("2025-03-05", "dateline")
    assert a.published_why is not None and a.published_why.endswith("the year from the dated line")


def test_export_carries_place_and_how() -> None:
    a = article(HAMILTON)
    data = export_corpus([a], [], [])
    jsonschema.validate(data, schema())
    row = data["articles"][0]
    assert (row["place"], row["place_how"], row["source_how"], row["published_how"]) == (
        "Hamilton, Ohio",
        "dateline",
        "dateline",
        "dateline",
    )
    assert row["published_why"].startswith("from the dateline")
    assert Article.from_json(a.to_json()).place == "Hamilton, Ohio"


# --------------------------------------------------------------------------------------------------
# The date helpers the dateline needs
# --------------------------------------------------------------------------------------------------


def test_month_day_year() -> None:
    assert month_day_year("March 5") == (3, 5, None)
    assert month_day_year("Nov. 24, 2025") == (11, 24, 2025)
    assert month_day_year("24 November") == (11, 24, None)
    assert month_day_year("") is None


def test_day_near() -> None:
    assert day_near(12, 30, dt.date(2025, 1, 2)) == dt.date(2024, 12, 30)
    assert day_near(2, 29, dt.date(2025, 3, 1)) == dt.date(2024, 2, 29)


def test_a_full_date_deep_in_the_text_does_not_date_the_article() -> None:
    """Background dates ("the speech of March 5, 1946") are not when the article was written."""
    body = " ".join([LEAD, MORE, "The bridge opened in 1931.", "It was last rebuilt after the flood of May 2, 1974."])
    assert article(f"Bridge to close\n{body}\n").published is None
    lead = f"The council voted on March 3, 2025 to close the Main Street bridge. {MORE}"
    a = article(f"Bridge to close\n{lead}\n")
    assert (a.published, a.published_how) == ("2025-03-03", "inferred")


@pytest.mark.parametrize(
    ("lead", "place", "date", "outlet"),
    [
        (
            "Washington D.C., Jul 13, 2009 / 02:00 pm (CNA).- President Obama named his nominee.",
            "Washington D.C.",
            "Jul 13, 2009",
            "CNA",
        ),
        ("Mumbai, Nov 11 (PTI): An Indian Navy ship foiled a piracy attempt.", "Mumbai", "Nov 11", "PTI"),
    ],
)
def test_press_agency_datelines_with_a_clock_time_or_a_colon(lead: str, place: str, date: str, outlet: str) -> None:
    d = find_dateline(lead)
    assert d is not None and (d.place, d.date, d.outlet) == (place, date, outlet)
    assert lead[d.end :].startswith(("President", "An Indian"))
