"""A scraped page's first line is its <title>: the site's name at its end goes, and names the outlet."""

from __future__ import annotations

import pytest

from storyline.ingest.formats.meta import site_from_title
from storyline.ingest.readers import RawDoc
from storyline.pipeline import build_article

BODY = (
    "The harbour authority closed the port of Valmera on Tuesday after a storm with winds of 140 km/h hit the "
    "coast, and all ferries to the three islands were cancelled until Thursday, the authority said.\n\n"
    "Engineers will inspect the damaged harbour wall on Wednesday morning, and the fishing fleet has been told "
    "to stay in port until they have finished, the harbour master said in a statement.\n"
)


@pytest.mark.parametrize(
    ("title", "kept", "site"),
    [
        ("Storm closes Valmera port - valmeranews.com", "Storm closes Valmera port", "valmeranews.com"),
        ("Storm closes Valmera port | World | Al Jazeera", "Storm closes Valmera port", "Al Jazeera"),
        ("Storm closes Valmera port - www.bbc.co.uk", "Storm closes Valmera port", "BBC"),
        ("Storm closes Valmera port - WSJ", "Storm closes Valmera port", "The Wall Street Journal"),
        ("Storm closes Valmera port - for now", "Storm closes Valmera port - for now", None),
        ("Port - cnn.com", "Port - cnn.com", None),  # too short a headline alone
    ],
)
def test_the_sites_name_at_a_titles_end(title: str, kept: str, site: str | None) -> None:
    assert site_from_title(title) == (kept, site)


def test_a_text_files_title_line_names_its_outlet() -> None:
    a = build_article(RawDoc("p.txt", f"Storm closes Valmera port - valmeranews.com\n\n{BODY}", "txt"))
    assert a.title == "Storm closes Valmera port"
    assert (a.source, a.source_how) == ("valmeranews.com", "text")


def test_a_source_the_user_gives_wins() -> None:
    a = build_article(RawDoc("p.txt", f"Storm closes Valmera port - valmeranews.com\n\n{BODY}", "txt"), source="Wire")
    assert (a.title, a.source) == ("Storm closes Valmera port", "Wire")


def test_the_titles_site_beats_a_copyright_line_but_not_a_datelines_wire() -> None:
    foot = "\n© 2019 Valmera Media Holdings. All rights reserved.\n"
    a = build_article(RawDoc("p.txt", f"Storm closes Valmera port - valmeranews.com\n\n{BODY}{foot}", "txt"))
    assert a.source == "valmeranews.com"
    wire = BODY.replace("The harbour", "VALMERA, March 5 (Reuters) - The harbour", 1)
    a = build_article(RawDoc("p.txt", f"Storm closes Valmera port - valmeranews.com\n\n{wire}", "txt"))
    assert (a.source, a.source_how) == ("Reuters", "dateline")


def test_a_title_ending_with_the_outlet_the_text_names_loses_it() -> None:
    foot = "\nCopyright 2019 Valmera Courier. All rights reserved.\n"
    a = build_article(RawDoc("p.txt", f"Storm closes Valmera port - Valmera Courier\n\n{BODY}{foot}", "txt"))
    assert a.source == "Valmera Courier"
    assert a.title == "Storm closes Valmera port"


def test_the_headline_repeated_under_a_title_line_with_the_site_goes() -> None:
    raw = f"Storm closes the port. Ferries wait. - valmeranews.com\n\nStorm closes the port. Ferries wait.\n\n{BODY}"
    a = build_article(RawDoc("p.txt", raw, "txt"))
    assert a.title == "Storm closes the port. Ferries wait."
    assert not a.text.startswith("Storm closes")


def test_the_site_names_the_outlet_when_the_pages_h1_gave_the_headline() -> None:
    raw = f"Storm closes Valmera port - valmeranews.com\n\nMenu\n\nStorm closes Valmera port\n\n{BODY}"
    a = build_article(RawDoc("p.txt", raw, "txt"))
    assert (a.title, a.source) == ("Storm closes Valmera port", "valmeranews.com")


def test_the_texts_own_spelling_of_the_titles_site_is_kept() -> None:
    foot = "\nCopyright 2019 ValmeraNews.com. All rights reserved.\n"
    a = build_article(RawDoc("p.txt", f"Storm closes Valmera port - valmeranews.com\n\n{BODY}{foot}", "txt"))
    assert a.title == "Storm closes Valmera port"
    assert a.source == "ValmeraNews.com"
