"""Photo captions left in a scraped body go as ``caption`` (with the bare credit line beside them); the article's
prose, its present-tense ledes and its dated sentences stay."""

from __future__ import annotations

import pytest

from storyline.ingest.captions import REASON, bare_credit, ends_with_full_date, mark_captions, present_simple
from storyline.ingest.clean import clean_text

LEDE = (
    "The harbour authority closed the port of Valmera on Tuesday after a storm with winds of 140 km/h hit the "
    "coast, and all ferries to the three islands were cancelled until Thursday."
)
MORE = (
    "Engineers will inspect the damaged harbour wall on Wednesday morning, the authority said in a statement, and "
    "the fishing fleet has been told to stay in port until they have finished."
)
LAST = "It is the second storm to close the port this winter, after a gale in December kept the ferries in."
DATED_CAPTION = "Mayor Ines Calloway greets ferry crews at Valmera harbour on Tuesday, March 3, 2024."
CREDITED_CAPTION = "Harbour master Sam Okafor and Mayor Ines Calloway inspect the damaged wall at Valmera."


def removed(text: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(text).removed}


def test_a_dated_caption_under_a_credit_line_goes_with_its_credit() -> None:
    text = "\n\n".join(["Storm closes Valmera port", LEDE, "ASSOCIATED PRESS.", DATED_CAPTION, MORE, LAST])
    c = clean_text(text)
    assert removed(text) == {"ASSOCIATED PRESS.": "photo-credit", DATED_CAPTION: REASON}
    assert c.text == "\n\n".join([LEDE, MORE, LAST])


def test_a_present_tense_caption_next_to_a_credit_goes() -> None:
    for credit in ("Jane Roe via Getty Images.", "Jane Roe / Reuters.", "Getty Images"):
        text = "\n\n".join(["Storm closes Valmera port", LEDE, credit, CREDITED_CAPTION, MORE])
        assert removed(text)[CREDITED_CAPTION] == REASON, credit
        assert removed(text)[credit] == "photo-credit"


def test_a_dated_present_tense_caption_goes_without_a_credit() -> None:
    text = "\n\n".join(["Storm closes Valmera port", LEDE, DATED_CAPTION, MORE])
    assert removed(text) == {DATED_CAPTION: REASON}


@pytest.mark.parametrize(
    "para",
    [
        # one sign only: a credit line above the article's next paragraph
        "Harbour master Sam Okafor said the wall would be rebuilt before the summer season began.",
        # a report in the present tense
        "Mayor Ines Calloway says the port will open again on Tuesday, March 10, 2024.",
        "Harbour master Sam Okafor recognizes that the wall may not last another winter at Valmera.",
        # a definition, a progressive, the past: no caption's verb
        "Ines Calloway is the mayor who ordered the port closed in Valmera on Tuesday, March 3, 2024.",
        "The Valmera Ferry Company is planning a new timetable for the islands.",
        "Mayor Ines Calloway met the crews at the harbour on Tuesday, March 3, 2024.",
        # two sentences
        "Mayor Ines Calloway greets ferry crews. The port reopens on Tuesday, March 10, 2024.",
    ],
)
def test_prose_beside_a_credit_line_stays(para: str) -> None:
    text = "\n\n".join(["Storm closes Valmera port", LEDE, "Jane Roe via Getty Images.", para, MORE])
    assert para not in removed(text)


def test_a_dated_sentence_in_the_past_stays_without_a_credit() -> None:
    para = "The Valmera Ferry Company was founded on Friday, May 3, 1901."
    text = "\n\n".join(["Storm closes Valmera port", LEDE, para, MORE])
    assert para not in removed(text)


def test_a_bare_agency_line_away_from_a_caption_stays() -> None:
    text = "\n\n".join(["Storm closes Valmera port", "Associated Press", LEDE, MORE])
    assert "Associated Press" not in removed(text)


def test_the_headline_is_never_a_caption() -> None:
    title = "Mayor Greets Ferry Crews At Valmera Harbour On Tuesday, March 3, 2024."
    c = clean_text("\n\n".join([title, "ASSOCIATED PRESS.", LEDE, MORE]))
    assert c.title == title and not c.removed


def test_signs() -> None:
    assert ends_with_full_date("Crews clear the road on Monday, Nov. 18, 2019, in Valmera.")
    assert ends_with_full_date("Crews clear the road on March 3, 2024 in Valmera, Ostland.")
    assert not ends_with_full_date("The company was founded on March 3, 1901.")
    assert present_simple("Republican presidential candidate Jane Roe signs autographs at a rally.")
    assert present_simple("Sen. Jane Roe (D-Fla.) is greeted by supporters.")
    assert not present_simple("Roe supporters rallied outside the hall.")
    assert not present_simple("“Harbour Is the Place” star Jane Roe opened the show.")
    assert bare_credit("REUTERS") and not bare_credit("Reuters said")


def test_mark_captions_leaves_marked_blocks() -> None:
    from storyline.ingest.blocks import _Block

    blocks = [_Block(DATED_CAPTION, 0, reason="read-more"), _Block("ASSOCIATED PRESS.", 1)]
    mark_captions(blocks)
    assert [b.reason for b in blocks] == ["read-more", None]


def test_a_caption_with_no_article_beside_it_is_the_text_there_is() -> None:
    # a page whose only prose is a photo's caption (a gallery page, a stub): cutting it would leave nothing
    text = "\n\n".join(
        ["Storm closes Valmera port", "on March 3, 2024 at 10:50 AM, updated at 12:16 PM", DATED_CAPTION]
    )
    assert REASON not in removed(text).values()
