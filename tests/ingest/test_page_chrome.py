"""The page around the article: menus and link lists above and below the body go; the body, its subheads,
lists and tables stay, and so do the lines right above it."""

from __future__ import annotations

from storyline.ingest.clean import clean_text
from storyline.ingest.page_chrome import HEADER_KEPT, REASON, is_prose

BODY = [
    "The harbour authority closed the port of Valmera on Tuesday after a storm with winds of 140 km/h hit "
    "the coast, and all ferries to the three islands were cancelled until Thursday.",
    "Engineers will inspect the damaged harbour wall on Wednesday morning, the authority said in a "
    "statement, and the fishing fleet has been told to stay in port until they have finished.",
    "Key dates",
    "Tuesday: port closed",
    "Wednesday: wall inspected",
    "Thursday: ferries due to sail",
    "It is the second storm to close the port this winter, after a gale in December that kept the ferries "
    "in the harbour for three days and cut the islands off from the mainland.",
]
MENU = ["News", "Local", "Police Reports", "Sports", "High School Scoreboard", "Business", "Markets"]
FOOTER = ["About", "Privacy Notice", "Terms of Use", "Careers", "Advertising", "Contact Us"]
HEADER = ["Storm closes Valmera port", "By Ines Calloway", "March 3, 2024"]


def page() -> str:
    return "\n\n".join([*MENU, *HEADER, *BODY, *FOOTER])


def test_menus_and_footer_links_around_the_body_go() -> None:
    c = clean_text(page())
    gone = {r.text for r in c.removed if r.reason in (REASON, "navigation")}  # section names above a headline
    # the open lines right above the body are kept (here the last menu entry and the date); the headline is
    # the title
    cut = len(MENU) - (HEADER_KEPT - 1)
    assert set(MENU[:cut]) <= gone and set(FOOTER) <= gone
    assert not gone & set(MENU[cut:])
    for line in BODY:  # the list inside the body is the article's
        assert line in c.text


def test_the_lines_right_above_the_body_are_left_to_the_other_rules() -> None:
    c = clean_text(page())
    assert c.title == "Storm closes Valmera port"
    assert c.hints.get("author") == "Ines Calloway"


def test_a_text_without_running_prose_is_left_alone() -> None:
    raw = "\n\n".join(["Results", "1. Okafor 5040", "2. Ortiz 5033", "3. Ambler 5027", "4. Lee 4990"])
    assert not any(r.reason == REASON for r in clean_text(raw).removed)


def test_prose_is_long_and_dense_with_function_words() -> None:
    assert is_prose(BODY[0])
    assert not is_prose("Boys and Girls Clubs and Sexual Abuse: Phillip Gurule")
    assert not is_prose(" ".join(MENU * 4))  # long, but no function words


def test_a_lead_of_short_sentences_thick_with_names_is_the_body() -> None:
    """One sentence a line, the first ones short and full of names (few function words): each ends like a
    sentence, so none is taken for a menu entry (regression: three such leads went as page chrome)."""
    lead = [
        "Brightwater Rovers striker Lena Ortiz was arrested Sunday on suspicion of drunken driving.",
        "Ortiz failed sobriety tests after 2 a.m. on Route 52 in Brightwater, said Officer Ray Okafor.",
        "Okafor said he didn't know Ortiz's blood-alcohol level.",
        "Officer Brad Baehr stopped Ortiz on Route 52 near Harbour Road.",
        "Ortiz was on probation for a DUI arrest in Valmera, Baehr said.",
    ]
    raw = "\n".join(["Rovers striker says she is innocent", "Ortiz says charges will not be filed", *lead, BODY[1]])
    c = clean_text(raw)
    assert not [r for r in c.removed if r.reason == REASON]
    for line in lead:
        assert line in c.text
