"""Tests for the plain-text chrome cleaner (:mod:`storyline.ingest.clean`).

Three layers: the five seed articles (integration, skipped when ``../shared/corpus/seeds`` is absent), the
articles we wrote under ``tests/fixtures/clean`` (other outlets' chrome, hard-wrapped wire copy, glued
teasers), and short inline cases for single rules and edge cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storyline.ingest.clean import LINE_RULES, Cleaned, clean_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "clean"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

REASONS = {
    "navigation", "byline", "dateline-meta", "comment-prompt", "read-more", "link-prompt", "copyright",
    "credit", "photo-credit", "separator", "author-bio", "newsletter", "cookie-notice", "advertisement",
    "social", "related-list", "duplicate-title", "appended-article", "dateline", "wire-note", "caption",
    "wire-code",
}  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def paragraphs(c: Cleaned) -> list[str]:
    return [c.text[a:b] for a, b in c.paragraphs]


def squash(text: str) -> str:
    """Whitespace-insensitive form (the cleaner collapses runs of spaces and non-breaking spaces)."""
    return " ".join(text.replace("\u00a0", " ").split())


def matches(key: str, text: str) -> bool:
    """An expected chrome entry names a line exactly, or (when 12+ characters) by its beginning."""
    return text == key or (len(key) >= 12 and text.startswith(key))


def check_invariants(c: Cleaned) -> None:
    """Paragraph offsets tile the text; reasons are known; removals are in raw line order."""
    assert "\n\n".join(paragraphs(c)) == c.text
    for p in paragraphs(c):
        assert p and p == p.strip() and "\n" not in p
    assert all(r.reason in REASONS for r in c.removed)
    lines = [r.line for r in c.removed]
    assert all(n is not None for n in lines)
    assert lines == sorted(lines)  # type: ignore[type-var]


def assert_removed(c: Cleaned, expected: list[tuple[str, str]]) -> None:
    """Exactly the expected lines are removed, each with its reason."""
    for key, reason in expected:
        hits = [r for r in c.removed if matches(key, r.text)]
        assert len(hits) == 1, f"{key!r}: {[(r.text, r.reason) for r in c.removed]}"
        assert hits[0].reason == reason, f"{key!r} removed as {hits[0].reason}, expected {reason}"
    extra = [(r.text, r.reason) for r in c.removed if not any(matches(k, r.text) for k, _ in expected)]
    assert not extra, f"unexpected removals: {extra}"


def assert_nothing_lost(raw: str, c: Cleaned, chrome: list[tuple[str, str]]) -> None:
    """Every raw line that is neither chrome nor the title is in the body (sentences are never lost)."""
    body = squash(c.text)
    datelines = [r.text for r in c.removed if r.reason == "dateline"]
    for line in raw.splitlines():
        line = squash(line)
        for d in datelines:  # the dateline was cut from its line, the rest of the line stays
            line = line[len(d) :].lstrip(" :-–—") if line.startswith(d) else line
        if not line or line == c.title or any(matches(squash(k), line) for k, _ in chrome):
            continue
        assert line in body, f"lost: {line!r}"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Seeds: real scraped articles
# --------------------------------------------------------------------------------------------------


@dataclass
class Seed:
    title: str | None
    chrome: list[tuple[str, str]]
    last: str  # beginning of the last kept paragraph
    keep: list[str] = field(default_factory=list)  # lines that must survive (subheads, tables, quotes)
    gone: list[str] = field(default_factory=list)  # strings that must not be in the body
    hints: dict[str, str] = field(default_factory=dict)


SEED_CASES: dict[str, Seed] = {
    "000": Seed(
        title="Xi Jinping calls Donald Trump as relationship moves to new territory",
        chrome=[
            ("To join the conversation, please log in.", "comment-prompt"),
            ("Join the conversation, you are commenting as Logout", "comment-prompt"),
        ],
        keep=["Xi Jinping has made a rare call to Donald Trump in an ominous sign China feels more capable"],
        last="“Beijing will feel that additional US concessions are within reach",
    ),
    "001": Seed(
        title="Xi puts biggest US-China flashpoint back on agenda in Trump call",
        chrome=[
            ("Published in News & Features", "dateline-meta"),
            ("---------", "separator"),
            ("—With assistance from Qianwei Zhang.", "credit"),
            ("©2025 Bloomberg L.P. Visit bloomberg.com.", "copyright"),
            ("Comments", "comment-prompt"),
        ],
        keep=[
            "‘Worrisome’",
            "Several developments related to Taiwan risk derailing U.S.-China ties ahead of then.",
            "while also reminding him of the red line of Taiwan,” he added.",
        ],
        last="“Beijing likely used the call to reinforce Trump’s desire",
        gone=["Tribune Content Agency", "Qianwei Zhang"],
        hints={"source": "Bloomberg", "copyright_year": "2025"},
    ),
    "002": Seed(
        title="Xi Jinping Uses Trump Phone Call To Push Taiwan Claim And Protect Fragile Trade Truce",
        chrome=[
            ("Home Sports Hot News Technology Automobile Jobs About Us Contact Us", "navigation"),
            ("By Tushar", "byline"),
            ("Published on:", "dateline-meta"),
            ("Xi Jinping Uses Trump Phone Call To Push Taiwan Claim", "duplicate-title"),
            ("Official site link", "link-prompt"),
            ("For More Information Click HERE", "link-prompt"),
            ("Tushar", "author-bio"),
            ("Tushar is a skilled content writer", "author-bio"),
            ("Leave a Comment", "comment-prompt"),
        ],
        keep=[
            "Why Taiwan Was At The Heart Of The Call",
            "Short Summary",
            "Key Point",
            "Details",
            "Date of phone call",
            "24 November 2025",
            "Planned high level visits",
            "Frequently Asked Questions",
            "1. Why did Xi Jinping raise Taiwan so prominently in this call?",
            "5. What did Xi and Trump agree on regarding trade and rare earths?",
        ],
        last="Building on an earlier summit in South Korea, the two leaders signalled",
        gone=["skilled content writer", "Leave a Comment"],
        hints={"author": "Tushar"},
    ),
    "003": Seed(
        title=None,
        chrome=[
            ("Photo: AFP", "photo-credit"),
            ("‘SHORTSIGHTED’: Using aid as leverage is punitive", "appended-article"),
            ("The team behind the long-awaited Vera Rubin Observatory", "appended-article"),
            ("ESPIONAGE: The British government’s decision", "appended-article"),
            ("Canada and the EU on Monday signed a defense and security pact", "appended-article"),
        ],
        keep=["US president-elect Donald Trump and Chinese President Xi Jinping (習近平) discussed Taiwan"],
        last="Taiwan is sending Legislative Speaker Han Kuo-yu",
        gone=["Vera Rubin", "Cook Islands", "super-embassy", "Canada and the EU", "AFP"],
    ),
    "004": Seed(
        title="Xi Raises Taiwan Issue in Call with Trump as Both Leaders Push to Maintain Trade Truce",
        chrome=[
            ("Read more: Trump Says Democrats Who Urged Military", "read-more"),
            ("Comments are closed, but trackbacks and pingbacks are open.", "comment-prompt"),
            ("WASHINGTON", "dateline"),
        ],
        keep=[
            "Chinese President Xi Jinping raised the sensitive issue of Taiwan",
            "Trade Momentum Continues",
            "Ukraine War Discussed",
        ],
        last="The call reflects a complex mix of cooperation and rivalry",
        hints={"dateline": "WASHINGTON", "dateline_place": "Washington"},
    ),
}


def seed_text(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return found[0].read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not available")
@pytest.mark.parametrize("prefix", sorted(SEED_CASES))
def test_seed(prefix: str) -> None:
    case = SEED_CASES[prefix]
    raw = seed_text(prefix)
    c = clean_text(raw)
    check_invariants(c)
    assert c.title == case.title
    assert_removed(c, case.chrome)
    assert paragraphs(c)[-1].startswith(case.last)
    for line in case.keep:
        assert line in paragraphs(c) or line in c.text, f"missing {line!r}"
    for gone in case.gone:
        assert gone not in c.text
    for key, value in case.hints.items():
        assert c.hints.get(key) == value
    assert_nothing_lost(raw, c, case.chrome)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not available")
def test_seed_standfirst_is_body() -> None:
    """The dek under a headline is a full sentence: the first body paragraph, not chrome or title."""
    c = clean_text(seed_text("004"))
    assert paragraphs(c)[0] == "Trump and Xi also discussed the war in Ukraine."
    c = clean_text(seed_text("000"))
    assert paragraphs(c)[0].startswith("Xi Jinping has made a rare call to Donald Trump in an ominous sign China")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not available")
def test_seed_002_table_lines_stay_separate() -> None:
    """The "Key Point / Details" table keeps one paragraph per line, in order."""
    paras = paragraphs(clean_text(seed_text("002")))
    start = paras.index("Short Summary")
    assert paras[start : start + 5] == [
        "Short Summary",
        "Key Point",
        "Details",
        "Date of phone call",
        "24 November 2025",
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not available")
def test_seed_title_given_by_caller() -> None:
    """With the headline from metadata, the repeated first line and the later copy both go."""
    title = "Xi Jinping Uses Trump Phone Call To Push Taiwan Claim And Protect Fragile Trade Truce"
    c = clean_text(seed_text("002"), title=title)
    assert c.title is None
    assert [r.line for r in c.removed if r.reason == "duplicate-title"] == [2, 8]
    assert paragraphs(c)[0].startswith("In a closely watched phone call on 24 November 2025")


# --------------------------------------------------------------------------------------------------
# Our fixtures: other outlets' chrome and layouts
# --------------------------------------------------------------------------------------------------

MENU_CHROME = [
    ("Skip to content", "navigation"),
    ("News | Sport | Business | Culture | Weather | Contact", "navigation"),
    ("We use cookies to personalise content", "cookie-notice"),
    ("Accept all cookies", "cookie-notice"),
    ("Sign up for our free morning newsletter", "newsletter"),
    ("Menu", "navigation"),
    ("Search", "navigation"),
    ("By Ines Calloway, Coastline Courier", "byline"),
    ("Published on: 3 March 2024", "dateline-meta"),
    ("ADVERTISEMENT", "advertisement"),
    ("Share this article", "social"),
    ("Share on Facebook", "social"),
    ("Follow us on Twitter", "social"),
    ("Story continues below advertisement", "advertisement"),
    ("Related stories", "related-list"),
    ("Harbour board approves new ferry timetable", "related-list"),
    ("Brightwater bridge closed for repairs until June", "related-list"),
    ("Fuel prices hit five-year high", "related-list"),
    ("© 2024 Coastline Media Ltd. All rights reserved.", "copyright"),
]


def test_fixture_menu_cookie_newsletter() -> None:
    raw = fixture("menu_cookie_newsletter.txt")
    c = clean_text(raw)
    check_invariants(c)
    assert c.title == "Harbour ferry fares to rise by a fifth from April"
    assert_removed(c, MENU_CHROME)
    paras = paragraphs(c)
    assert paras[0] == "Commuters will pay more for the crossing, but the operator promises newer boats."
    assert "Why it matters" in paras  # a short subhead is not chrome
    assert paras[-1] == "The new boats are due to enter service in the autumn."
    assert_nothing_lost(raw, c, MENU_CHROME)
    assert c.hints == {
        "author": "Ines Calloway",
        "source": "Coastline Media",  # the copyright holder beats the byline's outlet
        "published_text": "3 March 2024",
        "copyright_year": "2024",
    }


def test_fixture_keep_all_removes_nothing() -> None:
    raw = fixture("menu_cookie_newsletter.txt")
    c = clean_text(raw, keep_all=True)
    check_invariants(c)
    assert c.removed == []
    assert c.title == "Harbour ferry fares to rise by a fifth from April"
    kept = [squash(line) for line in raw.splitlines() if line.strip() and line.strip() != c.title]
    assert paragraphs(c) == kept


@pytest.mark.parametrize(
    "given",
    [
        "Harbour ferry fares to rise by a fifth from April",
        "Harbour ferry fares to rise by a fifth from April | Coastline Courier",
    ],
)
def test_fixture_title_given(given: str) -> None:
    c = clean_text(fixture("menu_cookie_newsletter.txt"), title=given)
    assert c.title is None
    dup = [r for r in c.removed if r.reason == "duplicate-title"]
    assert [(r.text, r.line) for r in dup] == [("Harbour ferry fares to rise by a fifth from April", 7)]
    assert paragraphs(c)[0].startswith("Commuters will pay more")


def test_fixture_wire_blank_lines() -> None:
    """Hard-wrapped at 70 columns, paragraphs split by blank lines, an ad slot inside a paragraph."""
    raw = fixture("wire_blank_lines.txt")
    c = clean_text(raw)
    check_invariants(c)
    assert c.title == "Floodwaters recede in Marrowby as repair crews move in"
    assert paragraphs(c) == fixture("wire_blank_lines.expected.txt").splitlines()
    assert_removed(
        c,
        [
            ("By HELEN ASHCROFT and TOMAS REYES, Associated Press", "byline"),
            ("March 14, 2024", "dateline-meta"),
            ("ADVERTISEMENT", "advertisement"),
            ("Associated Press writer Priya Nandakumar in Salem contributed", "credit"),
            ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
            ("MARROWBY, Ore. (AP)", "dateline"),
        ],
    )
    assert "well-known" in c.text and "low-lying" in c.text  # hyphenated compounds rejoined without a space
    assert c.hints == {
        "author": "HELEN ASHCROFT and TOMAS REYES",
        "source": "The Associated Press",
        "copyright_year": "2024",
        "published_text": "March 14, 2024",
        "dateline": "MARROWBY, Ore. (AP)",
        "dateline_place": "Marrowby, Ore.",
        "dateline_outlet": "AP",
    }


def test_fixture_wire_indented() -> None:
    """Hard-wrapped, paragraphs marked only by a first-line indent, no blank lines at all."""
    raw = fixture("wire_indented.txt")
    c = clean_text(raw)
    check_invariants(c)
    assert c.title == "Council approves new tram line after four-hour debate"
    assert paragraphs(c) == fixture("wire_indented.expected.txt").splitlines()
    assert_removed(
        c,
        [
            ("By Marta Oyelaran", "byline"),
            ("(Reporting by Marta Oyelaran; Editing by Piet Vos)", "credit"),
            ("LAKEVILLE, June 2 (Reuters)", "dateline"),
        ],
    )
    assert c.hints == {
        "author": "Marta Oyelaran",
        "dateline": "LAKEVILLE, June 2 (Reuters)",
        "dateline_place": "Lakeville",
        "dateline_date": "June 2",
        "dateline_outlet": "Reuters",
        "source": "Reuters",
    }


def test_fixture_no_title_no_date() -> None:
    raw = fixture("no_title_no_date.txt")
    c = clean_text(raw)
    check_invariants(c)
    chrome = [
        ("(Photo by Sam Okafor/Getty Images)", "photo-credit"),
        ("Advertisement", "advertisement"),
        ("* * *", "separator"),
        ("Image: Reuters", "photo-credit"),
    ]
    assert c.title is None
    assert_removed(c, chrome)
    assert_nothing_lost(raw, c, chrome)
    paras = paragraphs(c)
    assert paras[0].startswith("Farmers in the Kessel valley have begun drilling deeper wells")
    assert paras[3:7] == [
        "By The Numbers",  # a title-case subhead, not a byline
        "Wells drilled since January: 14",
        "Reservoir level: 26 percent of normal",
        "Grant per farm: up to 8,000 euros",
    ]
    assert paras[-1] == "The water board will review the restrictions in June."
    assert c.hints == {}  # no date, no byline, and a photo agency is not the source


def test_fixture_short_last_paragraph_is_kept() -> None:
    raw = fixture("short_last_paragraph.txt")
    c = clean_text(raw)
    check_invariants(c)
    chrome = [
        ("Share", "social"),
        ("Facebook", "social"),
        ("Twitter", "social"),
        ("Email", "social"),
        ("About the author", "author-bio"),
        ("Jonah Pell is a reporter covering local government", "author-bio"),
        ("Comments (3)", "comment-prompt"),
    ]
    assert c.title == "Library to stay open late during exam season"
    assert_removed(c, chrome)
    assert_nothing_lost(raw, c, chrome)
    assert paragraphs(c)[-1] == "It starts Monday."
    assert len(paragraphs(c)) == 4


def test_fixture_glued_teasers() -> None:
    raw = fixture("glued_teaser.txt")
    c = clean_text(raw)
    check_invariants(c)
    chrome = [
        ("HEATWAVE WARNING: Forecasters expect temperatures", "appended-article"),
        ("A regional airline has ordered six turboprop aircraft", "appended-article"),
    ]
    assert c.title == "Orchestra cancels tour after instruments damaged in transit"
    assert_removed(c, chrome)
    assert_nothing_lost(raw, c, chrome)
    assert paragraphs(c)[-1] == "The orchestra’s insurers are assessing the damage."
    assert len(paragraphs(c)) == 5


def test_fixture_all_chrome() -> None:
    c = clean_text(fixture("all_chrome.txt"))
    check_invariants(c)
    assert (c.title, c.text, c.paragraphs) == (None, "", [])
    assert [r.reason for r in c.removed] == [
        "navigation",
        "newsletter",
        "social",
        "advertisement",
        "copyright",
    ]
    assert c.hints == {"copyright_year": "2023", "source": "Example Media Group"}


# --------------------------------------------------------------------------------------------------
# Single rules
# --------------------------------------------------------------------------------------------------

HEAD = "Storm lashes the coast"
LEAD = "The storm reached the coast on Monday night, flooding streets in three towns."
TAIL = "Crews worked through the night to restore power to 4,000 homes."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Home Sports Hot News Technology Automobile Jobs About Us Contact Us", "navigation"),
        ("Home > World > Europe", "navigation"),
        ("By Jane Doe and John Roe, Reuters", "byline"),
        ("Published in News & Features", "dateline-meta"),
        ("Updated 3:45 PM", "dateline-meta"),
        ("Published 2 hours ago", "dateline-meta"),
        ("Leave a Comment", "comment-prompt"),
        ("Comments", "comment-prompt"),
        ("To join the conversation, please log in. Don't have an account? Register", "comment-prompt"),
        ("Join the conversation, you are commenting as Logout", "comment-prompt"),
        ("Comments are closed, but trackbacks and pingbacks are open.", "comment-prompt"),
        ("Read more: Flood defences to get 2 billion boost", "read-more"),
        ("READ MORE:", "read-more"),
        ("Also read", "read-more"),
        ("Related:", "read-more"),
        ("Recommended", "read-more"),
        ("Storm floods coastal towns as rivers burst their banks [VIDEO]", "read-more"),
        ("Council votes to close two libraries [ANALYSIS]|", "read-more"),
        ("Also on rt.com Journalists & politicians threatened with arrests as the council purges members", "read-more"),
        ("More on example.co.uk: Flood defences to get 2 billion boost", "read-more"),
        ("Official site link", "link-prompt"),
        ("For More Information Click HERE", "link-prompt"),
        ("Click here to subscribe", "link-prompt"),
        (
            "©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.",
            "copyright",
        ),
        ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
        ("—With assistance from Qianwei Zhang.", "credit"),
        ("Reporting by Jane Doe; Editing by John Roe", "credit"),
        ("Photo: AFP", "photo-credit"),
        ("(Photo by Sam Okafor/Getty Images)", "photo-credit"),
        ("Image: Reuters", "photo-credit"),
        ("---------", "separator"),
        ("* * *", "separator"),
        ("Sign up for our newsletter", "newsletter"),
        ("Subscribe to our daily briefing", "newsletter"),
        (
            "We use cookies to improve your experience. By using this site you accept our cookie policy.",
            "cookie-notice",
        ),
        ("Accept all cookies", "cookie-notice"),
        ("ADVERTISEMENT", "advertisement"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Share this article", "social"),
        ("Follow us on Twitter", "social"),
        ("Share on Facebook", "social"),
        ("Eds: UPDATES with second arrest; ADDS quotes.", "wire-note"),
        ("AP Photos NY101-102", "wire-note"),
        ("Associated Press Writer", "wire-note"),
        ("(STORY CAN END HERE. OPTIONAL 2ND TAKE FOLLOWS.)", "wire-note"),
        ("(END OPTIONAL TRIM)", "wire-note"),
        ("(MORE)", "wire-note"),
        ("c.1998 N.Y. Times News Service", "wire-note"),
        ("BC-Bridge-Closure, 2nd Ld-Writethru", "wire-note"),
        ("NYT-03-05-98 1418EST", "wire-note"),
        ("AP-NY-03-05-98 1418", "wire-note"),
        ("(PROFILE (WS SL:BC-Bridge-Closure; CT:i; (REG:EURO;) (REG:ENGL;) (LANG:ENGLISH;)) )", "wire-note"),
        ("(jd-rk) (PROFILE (WS SL:BC-Bridge-Closure; CT:i; (LANG:ENGLISH;)) )", "wire-note"),
        ("APW19980305.0101 NEWS STORY 03/05/1998 14:18:00 w1008 wstm-r i BC-Bridge-Closure 03-05 0152", "wire-note"),
        ("By INES CALLOWAY Associated Press Writer", "byline"),
        ("Crews clear the flooded road in Valmera on Tuesday, March 3, 2024. (Ines Calloway/AP)", "photo-credit"),
        ("Ferries wait in the harbour at Valmera. (AP Photo/Sam Okafor, File)", "photo-credit"),
        ("The council has warned the wall may not last the winter (Image: GETTY )", "photo-credit"),
        ("Harbour master Lena Ortiz (Credit: Getty Images)", "photo-credit"),
        ("A model of the new harbour wall, as the engineers drew it. Credit: Valmera Council", "photo-credit"),
        ("The harbour authority's offices in Valmera. Reuters", "photo-credit"),
        ("Lena Ortiz Submitted photo", "photo-credit"),
        ("Want more storm news? Join the Harbour Weekly newsletter.", "newsletter"),
        ("Stay up to date with Valmera. Subscribe to our newsletter.", "newsletter"),
        ("Don't miss a brief. Sign up for our daily email.", "newsletter"),
        ("I would like to subscribe to the Harbour Weekly newsletter. Learn more", "newsletter"),
        ("Newsletter", "newsletter"),
        (
            "Harbour Media uses cookies for personalization and advertising. Learn more or change your cookie "
            "preferences.",
            "cookie-notice",
        ),
        ("By", "byline"),
        ("@inescalloway", "byline"),
        ("Ines Calloway @inescalloway / 2 days", "byline"),
        ("ines.calloway@example.com", "byline"),
        ("19.11.2024, 08:57", "dateline-meta"),
        ("Nov 18, 2024 at 9:24 pm ET • 2 min read", "dateline-meta"),
        ("October 12, 2024 / 0 Comments / in Harbour News / by jdoe", "dateline-meta"),
        ("November 20, 2024 / 1:07 AM / Valmera Post", "dateline-meta"),
        ("by Ines Calloway — November 18, 2024", "dateline-meta"),
        ("March 3, 2024 | BY: Ines Calloway, MS", "dateline-meta"),
        ("by Ines Calloway", "byline"),
        ("Got a confidential news tip? We want to hear from you.", "comment-prompt"),
        ("We want to hear from you! Send us a tip using our anonymous form.", "comment-prompt"),
        ("Want to join the discussion?", "comment-prompt"),
        ("Found the story interesting?", "comment-prompt"),
        ("0 replies", "comment-prompt"),
        ("Feedback to editors", "comment-prompt"),
        ("Post was not sent - check your email addresses!", "social"),
        ("Sorry, your blog cannot share posts by email.", "social"),
        (
            "Harbour Media may earn an affiliate commission if you buy something through links in this article.",
            "advertisement",
        ),
        ("If you buy something through this post, Harbour Deals may get a share of the sale.", "advertisement"),
        ("No spam, we promise. You can unsubscribe at any time.", "newsletter"),
        ("By clicking Subscribe you agree to our Privacy Policy.", "newsletter"),
        ("Stay up to date with Valmera Media.", "newsletter"),
        ("All contents © 2024 Valmera Media Group LLC. All rights reserved.", "copyright"),
        ("Valmera Post © Copyright Valmera Media, Inc.", "copyright"),
        ("SEE MORE: Ferry crews stranded as the storm closes the port", "read-more"),
        ("Explore further", "read-more"),
        ("Council votes to rebuild the old lighthouse [ INSIGHT]|", "read-more"),
        ("GET VALMERA NEWS ON THE GO BY CLICKING HERE", "link-prompt"),
    ],
)
def test_rule(line: str, reason: str) -> None:
    raw = f"{HEAD}\n{LEAD}\n{line}\n{TAIL}\n"
    c = clean_text(raw)
    check_invariants(c)
    assert c.title == HEAD
    assert [(r.text, r.reason, r.line) for r in c.removed] == [(line, reason, 2)]
    assert paragraphs(c) == [LEAD, TAIL]


@pytest.mark.parametrize(
    "line",
    [
        "Why it matters",
        "‘Worrisome’",
        "By the numbers",
        "By The Numbers",
        "Home",  # a menu word alone, between real paragraphs
        "Print",
        "More on the economy",
        "Updated figures show prices rose for a third month.",
        "Published in 1998, the report is still cited by both parties.",
        "Subscribers to the service will pay 2 pounds more.",
        "Sign up for the draft closes on Friday, organisers said.",
        "Details",
        "24 November 2025",
        "Photos show the damage.",
        "The mayor said the plan was final. [VIDEO]",  # a sentence, whatever tag follows it
        "Watch [LIVE]",
        "More on example.com, the agency said, will follow next week.",  # a sentence naming a site
        "Reuters video showed police firing tear gas.",  # a wire service's name opening a sentence
        "(More than 200 people attended.)",
        "AP photos of the scene were widely shared online.",
        "Editors said the story was accurate.",
        "The company uses cookies to follow its users around the web, the regulator said.",
        "She said she would get an email from the council about the repairs.",
        "The mayor thanked the crews (and the volunteers).",
        "0",  # a counter alone goes only next to other chrome
        "Storm hits the coast - March 3, 2024",
        "The council met on March 3, 2024 - and voted to close the port.",
        "by the numbers",
        "The band sued over the copyright 2019 ruling, which the court upheld.",
        "The retailer earns affiliate commissions on sales, the filing showed.",
        "Did you like the old harbour?",
        "Visitors can see more of the old harbour from the lighthouse.",
        "Photographers were kept behind the harbour gates, and the agency's pictures show why. Credit to them.",
    ],
)
def test_real_lines_are_kept(line: str) -> None:
    """Nothing is removed for being short, or for starting with a word that chrome also uses."""
    c = clean_text(f"{HEAD}\n{LEAD}\n{line}\n{TAIL}\n")
    assert c.removed == []
    assert paragraphs(c) == [LEAD, line, TAIL]


def test_wire_notes_before_the_lead_leave_its_dateline_readable() -> None:
    """A wire story's notes to its clients come before the lead; cut, they leave the dateline in the lead."""
    raw = (
        f"{HEAD}\nEds: UPDATES with vote count.\nAP Photos Planned\nBy JANE ROE\nAssociated Press Writer\n"
        f"HAMILTON, Ohio (AP) _ {LEAD}\n{TAIL}\n(END OPTIONAL TRIM)\nAP-NY-03-05-98 1418EST\n"
    )
    c = clean_text(raw)
    assert paragraphs(c) == [LEAD, TAIL]
    assert c.hints["dateline_place"] == "Hamilton, Ohio" and c.hints["source"] == "AP"


def test_rules_report_known_reasons() -> None:
    assert {rule.reason for rule in LINE_RULES} <= REASONS


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("By Tushar", "Tushar", None),
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe", "Reuters"),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe", None),
        ("By JANE DOE, Associated Press", "JANE DOE", "Associated Press"),
        ("By Jane Doe, Staff Writer", "Jane Doe", None),
        ("Written by Maria de la Cruz", "Maria de la Cruz", None),
    ],
)
def test_byline_hints(line: str, author: str, source: str | None) -> None:
    c = clean_text(f"{HEAD}\n{line}\n{LEAD}\n")
    assert [r.reason for r in c.removed] == ["byline"]
    assert c.hints.get("author") == author
    assert c.hints.get("source") == source


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published on: 24 November 2025", "24 November 2025"),
        ("Published: March 3, 2024 at 10:45 a.m. ET", "March 3, 2024 at 10:45 a.m. ET"),
        ("Posted on 2024-03-03", "2024-03-03"),
        ("Updated 3:45 PM", None),
        ("Published 2 hours ago", None),
        ("Published on:", None),
    ],
)
def test_published_text_hint(line: str, published: str | None) -> None:
    c = clean_text(f"{HEAD}\n{line}\n{LEAD}\n")
    assert [r.reason for r in c.removed] == ["dateline-meta"]
    assert c.hints.get("published_text") == published


def test_date_line_in_header_is_meta_but_not_in_body() -> None:
    c = clean_text(f"{HEAD}\nMarch 3, 2024\n{LEAD}\nDate of the vote\n12 April 2024\n{TAIL}\n")
    assert [(r.text, r.reason) for r in c.removed] == [("March 3, 2024", "dateline-meta")]
    assert c.hints["published_text"] == "March 3, 2024"
    assert "12 April 2024" in paragraphs(c)


def test_source_hints() -> None:
    c = clean_text(f"{HEAD}\nWASHINGTON, March 3 (Reuters) - {LEAD}\n{TAIL}\nPhoto: AFP\n")
    assert c.hints == {
        "dateline": "WASHINGTON, March 3 (Reuters)",
        "dateline_place": "Washington",
        "dateline_date": "March 3",
        "dateline_outlet": "Reuters",
        "source": "Reuters",
    }
    c = clean_text(f"{HEAD}\n(Reuters) - {LEAD}\n{TAIL}\n")
    assert c.hints == {"dateline": "(Reuters)", "dateline_outlet": "Reuters", "source": "Reuters"}
    assert paragraphs(c)[0] == LEAD
    c = clean_text(f"{HEAD}\n{LEAD}\nPhoto: AFP\n{TAIL}\n")
    assert "source" not in c.hints  # a photo agency is not the article's source
    c = clean_text(f"{HEAD}\n{LEAD}\nDistributed by Tribune Content Agency, LLC.\n")
    assert c.hints["source"] == "Tribune Content Agency"
    assert [r.reason for r in c.removed] == ["copyright"]


def test_inline_advertisement_token_is_cut() -> None:
    c = clean_text(f"{HEAD}\nThe council met on Monday. ADVERTISEMENT The vote was close.\n{TAIL}\n")
    assert paragraphs(c) == ["The council met on Monday. The vote was close.", TAIL]
    assert [(r.text, r.reason, r.line) for r in c.removed] == [("ADVERTISEMENT", "advertisement", 1)]


def test_related_list_after_header() -> None:
    items = "You may also like\nFlood defences get new funding\nThe town that moved uphill"
    raw = f"{HEAD}\n{LEAD}\n{TAIL}\n{items}\n"
    c = clean_text(raw)
    assert [r.reason for r in c.removed] == ["related-list"] * 3
    assert paragraphs(c) == [LEAD, TAIL]


def test_author_bio_after_byline() -> None:
    raw = (
        f"{HEAD}\nBy Jane Doe\n{LEAD}\n{TAIL}\nJane Doe\n"
        "Jane Doe is a staff writer covering climate and energy. She joined the paper in 2019.\n"
    )
    c = clean_text(raw)
    assert [r.reason for r in c.removed] == ["byline", "author-bio", "author-bio"]
    assert paragraphs(c) == [LEAD, TAIL]


def transcript(label: str) -> tuple[str, str]:
    answer = (
        f"{label}: I think the families deserve a straight account, and we have given them every document "
        "we had, in public and under oath, for six hours, and nobody found anything that changes our account."
    )
    raw = (
        "Transcript: the harbour inquiry exchange\n"
        "MORALES: Minister Halversen, the dredging contract went to a firm owned by your cousin. "
        "Why was it never put out to tender?\n"
        "HALVERSEN: The contract was urgent after the storm closed the harbour, and the procurement rules "
        "allow a direct award in an emergency.\n"
        "MORALES: The harbour reopened in March, but the contract was signed in June. "
        "What was the emergency in June?\n"
        "Halversen paused, then said the paperwork had lagged behind the decision taken by the port board.\n"
        f"{answer}\n"
    )
    return raw, answer


def test_transcript_kicker_is_not_a_teaser() -> None:
    """A speaker label ("HALVERSEN:") that the body already uses does not make a paragraph a teaser."""
    raw, answer = transcript("HALVERSEN")
    c = clean_text(raw)
    assert c.removed == []
    assert paragraphs(c)[-1] == answer
    # the same off-topic closing paragraph under a kicker the article never used reads as a glued teaser
    raw, answer = transcript("ZORBAK")
    assert [(r.text, r.reason) for r in clean_text(raw).removed] == [(answer, "appended-article")]


def test_truncated_real_paragraph_that_carries_on_is_kept() -> None:
    """Cut off by the scraper, but a quote continuing this story: not an appended article."""
    raw = fixture("glued_teaser.txt").splitlines()[:6]
    cut = (
        "“We will be back in the autumn with the whole orchestra and every instrument repaired,” "
        "Lanz said, adding that the musicians had already offered to give up part of their"
    )
    c = clean_text("\n".join([*raw, cut]))
    assert c.removed == []
    assert paragraphs(c)[-1] == cut


# --------------------------------------------------------------------------------------------------
# Title detection and input forms
# --------------------------------------------------------------------------------------------------


def test_empty_and_blank_input() -> None:
    assert clean_text("") == Cleaned(title=None, text="", paragraphs=[], removed=[], hints={})
    assert clean_text(" \n\t\n\u00a0\n") == Cleaned(title=None, text="", paragraphs=[], removed=[], hints={})


def test_windows_newlines() -> None:
    c = clean_text(f"{HEAD}\r\n\r\n{LEAD}\r\nShare this article\r\n{TAIL}\r\n")
    assert c.title == HEAD
    assert paragraphs(c) == [LEAD, TAIL]
    assert [(r.text, r.line) for r in c.removed] == [("Share this article", 3)]
    assert "\r" not in c.text


def test_non_breaking_and_invisible_spaces() -> None:
    c = clean_text("\ufeffStorm\u00a0lashes the coast\nThe\u00a0storm hit\u00a0\u00a0on Monday.\u200b\u00a0\n")
    assert c.title == "Storm lashes the coast"
    assert c.text == "The storm hit on Monday."


def test_title_needs_a_headline_and_more_text() -> None:
    assert clean_text(HEAD).title is None  # nothing follows
    assert clean_text(HEAD).text == HEAD
    assert clean_text(f"Is the ferry worth the fare?\n{LEAD}").title == "Is the ferry worth the fare?"
    assert clean_text(f"{LEAD}\n{TAIL}").title is None  # a lead sentence, not a headline
    c = clean_text(f"{HEAD}\n{LEAD}", first_line_title=False)
    assert c.title is None and paragraphs(c) == [HEAD, LEAD]


def test_section_label_above_headline() -> None:
    c = clean_text(f"World\n{HEAD}\n{LEAD}\n")
    assert c.title == HEAD
    assert [(r.text, r.reason) for r in c.removed] == [("World", "navigation")]


def test_soft_hyphen_and_compounds_in_wrapped_text() -> None:
    raw = "\n".join(
        [
            "The committee met on Tuesday to discuss the proposed budget for",
            "the coming year, which includes a modest increase in spending on",
            "road maintenance and a new fund for flood protection in low-",
            "lying districts along the river, the chair told reporters.",
            "",
            "Members will vote on the plan next week after a public hear\u00ad",
            "ing at the town hall, where residents can speak for three min-",
            "utes each.",
        ]
    )
    c = clean_text(raw)
    assert c.title is None
    assert paragraphs(c) == [
        "The committee met on Tuesday to discuss the proposed budget for the coming year, which includes a "
        "modest increase in spending on road maintenance and a new fund for flood protection in low-lying "
        "districts along the river, the chair told reporters.",
        # a soft hyphen is invisible and goes; a real hyphen stays (no de-hyphenation)
        "Members will vote on the plan next week after a public hearing at the town hall, where residents "
        "can speak for three min-utes each.",
    ]


def test_one_paragraph_per_line_is_not_mistaken_for_wrapped_text() -> None:
    raw = "Short Title Here\nFirst point\nSecond point without a full stop\nA real sentence.\nAnother one here."
    assert paragraphs(clean_text(raw)) == raw.splitlines()[1:]


def test_a_data_table_is_kept_and_page_numbers_are_not() -> None:
    """A table's rows ("| 1 | Kyle Busch | 5040 | 5 |", as the HTML reader writes a table) are the article's
    data, not a menu; a run of page numbers under it is chrome."""
    rows = [
        "| 1 | Lena Ortiz | 5040 | 5 | 17 |",
        "| 2 | Sam Okafor | 5033 | 4 | 15 |",
        "| 3 | Ruth Ambler | 5027 | 6 | 19 |",
    ]
    raw = "\n\n".join(
        [
            "The standings after the autumn race at Brightwater, with points, wins and top fives.",
            *rows,
            "Okafor closed the gap to eight points with two races left in the season.",
            "1 | 2 | 3 | 4 | Next",
        ]
    )
    c = clean_text(raw)
    check_invariants(c)
    for row in rows:
        assert row in c.text
    assert [r.reason for r in c.removed if "Next" in r.text] == ["navigation"]


def test_old_wire_typesetting_codes_and_undated_line_are_cut() -> None:
    raw = (
        "Council closes the bridge\n\n(Undated)\n\n"
        "The council voted on Thursday to close the river bridge for at least a month. &UR;\n\n"
        "&LR; ``Expect no extensions,'' the mayor said, &Cx1f; adding that Smith &amp; Jones had the contract.\n\n"
        "The Valmera Post said in an editorial on Friday, March 6: &QL;"
    )
    c = clean_text(raw)
    assert c.title == "Council closes the bridge"
    assert paragraphs(c) == [
        "The council voted on Thursday to close the river bridge for at least a month.",
        "``Expect no extensions,'' the mayor said, adding that Smith &amp; Jones had the contract.",
        "The Valmera Post said in an editorial on Friday, March 6:",
    ]
    assert [(r.text, r.reason) for r in c.removed] == [
        ("(Undated)", "dateline"),
        ("&UR;", "wire-code"),
        ("&LR;", "wire-code"),
        ("&Cx1f;", "wire-code"),
        ("&QL;", "wire-code"),
    ]
    assert clean_text(raw, keep_all=True).text.count("&UR;") == 1
