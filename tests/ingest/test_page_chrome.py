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


TEASERS = [
    "More from Valmera",
    "Council votes to rebuild the old lighthouse",
    "The vote came after a long campaign by residents who said the lighthouse was part of the town's history "
    "and should be restored with money from the regional heritage fund",
    "2H ago",
    "School bus route changes from Monday",
    "Parents were told in a letter that the new route would add ten minutes to the morning journey for "
    "children in the outlying villages of the district",
    "5H ago",
]
THREAD = [
    "12 responses to “Storm closes Valmera port”",
    "harbourwatcher says:",
    "The wall has needed repairs for years and everyone on the quay knew it would not last another winter.",
    "K. Lund says:",
    "Thanks to the crews who kept the ferries safe.",
    "islander77 says:",
    "We have had no post for two days now, and the shop is running out of bread.",
    "Leave a Reply",
]


def test_teasers_below_the_body_go_though_their_standfirsts_read_as_prose() -> None:
    c = clean_text("\n\n".join([*MENU, *HEADER, *BODY, *TEASERS, *FOOTER]))
    for line in BODY:
        assert line in c.text
    for line in TEASERS:
        assert line not in c.text


def test_a_comment_thread_is_the_pages_from_its_first_commenter() -> None:
    c = clean_text("\n\n".join([*HEADER, *BODY, *THREAD]))
    for line in BODY:
        assert line in c.text
    for line in THREAD[1:]:
        assert line not in c.text


def test_an_articles_own_text_keeps_the_list_that_ends_it() -> None:
    """No menus or page lines around it (a wire copy, a cleaned article): what follows the last paragraph is the
    article's, short lines and all."""
    tail = ["Standings after the vote:", "Harbour party: 12 seats.", "Islanders' list: 9 seats.", "Greens: 4."]
    c = clean_text("\n\n".join([HEADER[0], *BODY, *tail]))
    for line in [*BODY, *tail]:
        assert line in c.text


def test_a_sentences_subject_is_no_commenter() -> None:
    from storyline.ingest.page_chrome import is_commenter

    assert is_commenter("harbourwatcher says:") and is_commenter("K. Lund says:")
    assert not is_commenter("The statement says:") and not is_commenter("He wrote:")
    assert not is_commenter("The mayor said the port would reopen on Thursday.")


def test_a_widget_heading_or_button_is_no_commenter() -> None:
    """ "Most Commented" above the article opened a thread there, and the whole article went with it."""
    from storyline.ingest.page_chrome import is_commenter

    assert not is_commenter("Harbour Most Commented") and not is_commenter("View Comments")
    assert not is_commenter("3 Replies") and is_commenter("islander77 commented:")
    widget = ["Harbour Most Commented", "Ferry fares to rise in spring (41)", "Lighthouse vote delayed (37)"]
    c = clean_text("\n\n".join([*MENU, *widget, *HEADER, *BODY, *THREAD]))
    for line in BODY:
        assert line in c.text


OTHER_LANGUAGE = [
    "O porto de Valmera foi fechado na terça-feira depois de uma tempestade com ventos de 140 km/h, e todas "
    "as ligações para as três ilhas foram canceladas até quinta-feira.",
    "Os engenheiros vão inspecionar o muro do porto na quarta-feira de manhã, disse a autoridade portuária "
    "em um comunicado, e a frota pesqueira deve ficar no porto até lá.",
]


def test_running_text_in_another_language_is_prose() -> None:
    """The prose test knew English function words only: a page in another language had no body, and every menu
    around it stayed."""
    assert all(is_prose(p) for p in OTHER_LANGUAGE)
    # a link line with one such word many times over ('.com', 'da') is no prose
    assert not is_prose(" ".join(f"Notícias da {s}" for s in ["Fórmula 1", "Indy", "MotoGP", "NASCAR"] * 3))
    assert is_prose(
        "港の防波堤は火曜日の嵐で大きく壊れ、"
        "島へのフェリーは木曜日まですべて欠航となった。"
        "技師は水曜日の朝に防波堤を点検する。"
    )
    c = clean_text("\n\n".join(["Tempestade fecha porto de Valmera", *MENU, *OTHER_LANGUAGE, *FOOTER]))
    assert all(p in c.text for p in OTHER_LANGUAGE)
    assert not any(line in c.text for line in MENU[:-HEADER_KEPT] + FOOTER)


def test_a_page_s_copy_of_the_article_joined_into_one_block_goes() -> None:
    """A page that writes the article out once more (its metadata as text: the paragraphs joined into one, a
    teaser cut off with an ellipsis) kept both copies; a paragraph that repeats one paragraph above stays."""
    from storyline.ingest.page_chrome import REPEAT

    copy = " ".join([BODY[0], BODY[1], BODY[-1]])
    teaser = BODY[0][:60].rsplit(" ", 1)[0] + "..."
    again = (
        "Update: the harbour authority said on Tuesday evening that the ferries to the three islands would stay in "
        "port until the engineers had finished their work on the wall."
    )
    assert is_prose(again)
    raw = "\n\n".join([*MENU, *HEADER, *BODY, again, again, *FOOTER, teaser, "500", "250", copy, *FOOTER])
    c = clean_text(raw)
    repeats = [r.text for r in c.removed if r.reason == REPEAT]
    assert copy in repeats and teaser in repeats
    assert c.text.count(again) == 2
    for line in BODY:
        assert c.text.count(line) == 1


def test_a_menu_entry_above_a_byline_the_line_rules_cut_is_the_page_s() -> None:
    """The block right above the body is left to the line rules whatever they made of it: once they cut the
    byline there, the menu entry above it is no longer taken for the header."""
    c = clean_text("\n\n".join([HEADER[0], *MENU, "Share", "0", "by Ines Calloway — March 3, 2024", *BODY, *FOOTER]))
    assert not set(c.text.split("\n\n")) & {*MENU, "0"}
    assert {r.text: r.reason for r in c.removed}["by Ines Calloway — March 3, 2024"] == "dateline-meta"
    for line in BODY:
        assert line in c.text


def test_a_sentence_after_the_page_s_boxes_below_the_body_is_the_page_s() -> None:
    """A newsletter box and a copyright line the line rules cut lie between the body and a last sentence: the
    body's end no longer reaches over them ('Data is delayed at least 15 minutes.')."""
    boxes = ["Sign up for our newsletter", "© 2024 Valmera Media. All rights reserved."]
    last = "Market data is delayed at least 15 minutes."
    body = [BODY[0], BODY[1], BODY[-1]]
    c = clean_text("\n\n".join([*MENU, *HEADER, *body, *boxes, last, *FOOTER]))
    assert last not in c.text
    for line in body:
        assert line in c.text


def test_the_page_s_title_repeated_above_the_body_is_the_headline() -> None:
    """The title line and the headline above the body agree: that is the headline, even when the lede shares
    none of its words and a section name above the body shares two ('Harbour Safety')."""
    title = "The wall that nearly sank a town: how the engineers found the flaw"
    lede = [
        "Two months after the first cracks, the harbour safety inspectors could not say what was wrong, and "
        "the ferries kept to their timetable while the divers searched.",
        "Four surveys failed to find the cause, which the harbour safety board called extremely distressing "
        "for the families who live on the quay.",
    ]
    c = clean_text("\n\n".join([f"{title} | Valmera Post", *MENU, "Harbour Safety", title, *lede, *FOOTER]))
    assert c.title == title  # the outlet's name the title line adds is cut, the headline above the body agrees
    assert all(p in c.text for p in lede)


def test_a_title_line_keeps_the_outlet_s_name_without_a_headline_to_agree() -> None:
    c = clean_text("\n\n".join(["Storm closes Valmera port | Valmera Post", *MENU, *BODY, *FOOTER]))
    assert c.title == "Storm closes Valmera port | Valmera Post"


def test_a_list_the_article_introduces_below_its_last_paragraph_is_the_articles() -> None:
    """ "The port's new ferry times:" and the times under it end the article; the footer after them goes."""
    tail = ["The new ferry times for the Valmera port:", "Monday: 07:00, 12:00", "Wednesday: 07:30, 13:00",
            "Friday: 08:00, 17:00"]  # fmt: skip
    c = clean_text("\n\n".join([*MENU, *HEADER, *BODY, *tail, *FOOTER]))
    for line in [*BODY, *tail]:
        assert line in c.text
    assert not any(line in c.text for line in FOOTER)
