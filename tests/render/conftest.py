"""A hand-made dossier for the renderers: four invented articles (written for these tests, not scraped)
from different outlets about one event, a phone call between the Chinese and US presidents.

Offsets are computed from the texts by phrase (``_cite``), so editing a text cannot silently break them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import pytest

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

BLOOMBERG = """\
In an hourlong phone call on Monday, Chinese President Xi Jinping told Donald Trump that \
Taiwan’s “return to China” is an integral part of the post-war international order, putting the \
island back at the centre of relations between the two powers.

Trump made no mention of Taiwan in his own account of the call, describing relations with China \
as “extremely strong!” and saying he had accepted an invitation to visit Beijing in April.

The two leaders last met on Oct. 30 in Busan, South Korea, where they agreed to pause their \
trade war for a year. Taiwan did not come up at that meeting, according to US officials.

“Beijing is using its row with Tokyo to test how far Washington will go,” said Dana Whitfield, a \
fellow at the Pacific Policy Forum. “The soybean purchases buy goodwill; the Taiwan language is \
the real message.”

China has bought about 12 million tonnes of US soybeans since the truce, the White House said."""

TAIPEI_TIMES = """\
Chinese President Xi Jinping (習近平) raised Taiwan in a telephone call with US President Donald \
Trump on Monday night, China’s Ministry of Foreign Affairs said.

Premier Cho Jung-tai (卓榮泰) yesterday rejected the remarks, saying that the Republic of China is \
a sovereign country and that “there is no such option as ‘return.’”

The call came as Beijing stepped up pressure on Tokyo after Japanese Prime Minister Sanae \
Takaichi told lawmakers on Nov. 7 that a Taiwan contingency could pose a threat to Japan’s \
survival.

Trump is expected to visit Beijing in April, while Xi has been invited to make a state visit to \
the US later in 2026."""

THE_AUSTRALIAN = """\
Xi Jinping has made a rare call to Donald Trump, in a sign that China feels more confident and \
more equal in its dealings with Washington.

The two leaders spoke on the evening of November 24 about trade, US soybeans, fentanyl and the \
war in Ukraine.

But the Chinese leader also directly raised Beijing’s expectations over Taiwan — an issue left \
out of the leaders’ October 30 meeting on the sidelines of the APEC summit in South Korea.

Japan’s Prime Minister Sanae Takaichi said Trump had called her afterwards to brief her on the \
conversation."""

# A syndicated copy of the Bloomberg story, as aggregators publish it: same words, no date, no byline.
AGGREGATOR = BLOOMBERG.split("\n\n", 2)[0] + "\n\n" + BLOOMBERG.split("\n\n", 2)[1]


def _paragraphs(text: str) -> list[list[int]]:
    return [[m.start(), m.end()] for m in re.finditer(r"[^\n]+", text)]


def _label(source: str | None, published: str | None) -> str:
    if not published:
        return f"{source or 'Unknown outlet'}, undated"
    y, m, d = published.split("-")
    return f"{source or 'Unknown outlet'}, {int(d)} {_MONTHS[int(m) - 1]} {y}"


def _article(
    aid: str,
    *,
    title: str,
    source: str | None,
    text: str,
    published: str | None,
    published_how: str | None,
    path: str,
    author: str | None = None,
    url: str | None = None,
    removed: list[dict[str, str]] | None = None,
    duplicate_of: str | None = None,
    published_why: str | None = None,
    title_how: str = "text",
) -> dict[str, Any]:
    return {
        "id": aid,
        "title": title,
        "title_how": title_how,
        "source": source,
        "author": author,
        "published": published,
        "published_how": published_how,
        "published_why": published_why,
        "path": path,
        "url": url,
        "words": len(text.split()),
        "duplicate_of": duplicate_of,
        "text": text,
        "paragraphs": _paragraphs(text),
        "removed": removed or [],
    }


ARTICLES = [
    _article(
        "5f0c1d2e3a4b",
        title="Xi puts Taiwan back on the agenda in Trump call | Asia",
        source="Bloomberg",
        text=BLOOMBERG,
        published="2025-11-25",
        published_how="metadata",
        published_why='<meta property="article:published_time">',
        path="seeds/bloomberg-xi-trump.html",
        author="Jane Doe",
        url="https://www.example.com/news/articles/2025-11-25/xi-taiwan-trump-call",
        removed=[
            {"text": "Home | Markets | Economics | Politics", "reason": "navigation"},
            {"text": "Sign up for the Morning Briefing newsletter", "reason": "newsletter"},
            {"text": "Have a confidential tip for our reporters? Get in touch", "reason": "boilerplate"},
        ],
    ),
    _article(
        "8e7d6c5b4a39",
        title="Xi raises Taiwan in call with Trump; Cho rejects ‘return’",
        source="Taipei Times",
        text=TAIPEI_TIMES,
        published="2025-11-25",
        published_how="text",
        published_why="dateline “Tue, Nov 25, 2025” in the page text",
        path="seeds/taipeitimes-20251125.txt",
        removed=[
            {"text": "Photo: AFP", "reason": "caption"},
            {
                "text": "Comments will be moderated. Keep comments relevant to the article.",
                "reason": "comment-prompt",
            },
            {"text": "Leave a Comment", "reason": "comment-prompt"},
        ],
    ),
    _article(
        "c4b3a2910f8e",
        title="Xi Jinping calls Donald Trump as relationship moves to new territory",
        source="The Australian",
        text=THE_AUSTRALIAN,
        published="2025-11-25",
        published_how="inferred",
        published_why="“evening of November 24” read as the day before publication",
        path="seeds/theaustralian.txt",
        removed=[
            {"text": "Share", "reason": "share-widget"},
            {"text": "Read related topics: China", "reason": "teaser"},
            {"text": "More related stories", "reason": "teaser"},
            {"text": "Subscribe to read the full story", "reason": "paywall"},
        ],
    ),
    _article(
        "d9e8f7a6b5c4",
        title="Xi puts Taiwan back on the agenda in Trump call",
        source="Asia Markets Daily",
        text=AGGREGATOR,
        published=None,
        published_how=None,
        path="seeds/aggregator-copy.txt",
        duplicate_of="5f0c1d2e3a4b",
        title_how="metadata",
    ),
]
_BY_ID = {a["id"]: a for a in ARTICLES}
B, T, A, AGG = (a["id"] for a in ARTICLES)


def _cite(aid: str, phrase: str) -> dict[str, Any]:
    article = _BY_ID[aid]
    start = article["text"].find(phrase)
    assert start >= 0, f"{phrase!r} not in {aid}"
    return {
        "article_id": aid,
        "start": start,
        "end": start + len(phrase),
        "source": article["source"],
        "title": article["title"],
        "label": _label(article["source"], article["published"]),
    }


def make_dossier() -> dict[str, Any]:
    """The fixture dossier, rebuilt on each call so a test may change it freely."""
    call = "In an hourlong phone call on Monday, Chinese President Xi Jinping told Donald Trump"
    call_sentence = BLOOMBERG.split("\n\n")[0]
    return {
        "schema_version": "1",
        "generated_by": "storyline 0.1.0",
        "story": {
            "id": "s1",
            "title": "Xi raises Taiwan in phone call with Trump",
            "event_date": "2025-11-24",
            "event_date_why": "“on Monday” in 3 articles published 25 Nov 2025",
            "article_count": 4,
            "independent_sources": 3,
            "outlets": ["Bloomberg", "Taipei Times", "The Australian", "Asia Markets Daily"],
            "date_range": ["2025-11-25", "2025-11-25"],
        },
        "articles": copy.deepcopy(ARTICLES),
        "entities": [
            {
                "id": "e1",
                "name": "Xi Jinping",
                "type": "PERSON",
                "aliases": ["Xi", "習近平", "Chinese President Xi Jinping"],
                "roles": ["Chinese President"],
                "mentions": 10,
                "per_outlet": {
                    "Bloomberg": 3,
                    "Taipei Times": 3,
                    "The Australian": 2,
                    "Asia Markets Daily": 2,
                },
            },
            {
                "id": "e2",
                "name": "Donald Trump",
                "type": "PERSON",
                "aliases": ["Trump"],
                "roles": ["US President"],
                "mentions": 8,
                "per_outlet": {
                    "Bloomberg": 2,
                    "Taipei Times": 2,
                    "The Australian": 2,
                    "Asia Markets Daily": 2,
                },
            },
            {
                "id": "e3",
                "name": "Taiwan",
                "type": "GPE",
                "aliases": [],
                "roles": [],
                "mentions": 8,
                "per_outlet": {
                    "Bloomberg": 3,
                    "Taipei Times": 2,
                    "The Australian": 1,
                    "Asia Markets Daily": 2,
                },
            },
            {
                "id": "e4",
                "name": "Beijing",
                "type": "GPE",
                "aliases": [],
                "roles": [],
                "mentions": 6,
                "per_outlet": {
                    "Bloomberg": 2,
                    "Taipei Times": 2,
                    "The Australian": 1,
                    "Asia Markets Daily": 1,
                },
            },
            {
                "id": "e5",
                "name": "Sanae Takaichi",
                "type": "PERSON",
                "aliases": ["Takaichi"],
                "roles": ["Japanese Prime Minister"],
                "mentions": 2,
                "per_outlet": {
                    "Bloomberg": 0,
                    "Taipei Times": 1,
                    "The Australian": 1,
                    "Asia Markets Daily": 0,
                },
            },
            {
                "id": "e6",
                "name": "Cho Jung-tai",
                "type": "PERSON",
                "aliases": ["卓榮泰"],
                "roles": ["Premier"],
                "mentions": 1,
                "per_outlet": {
                    "Bloomberg": 0,
                    "Taipei Times": 1,
                    "The Australian": 0,
                    "Asia Markets Daily": 0,
                },
            },
            {
                "id": "e7",
                "name": "Dana Whitfield",
                "type": "PERSON",
                "aliases": [],
                "roles": ["fellow at the Pacific Policy Forum"],
                "mentions": 1,
                "per_outlet": {
                    "Bloomberg": 1,
                    "Taipei Times": 0,
                    "The Australian": 0,
                    "Asia Markets Daily": 0,
                },
            },
            {
                "id": "e8",
                "name": "APEC",
                "type": "ORG",
                "aliases": ["Asia Pacific Economic Cooperation"],
                "roles": [],
                "mentions": 1,
                "per_outlet": {
                    "Bloomberg": 0,
                    "Taipei Times": 0,
                    "The Australian": 1,
                    "Asia Markets Daily": 0,
                },
            },
        ],
        "timeline": [
            {
                "date": "2025-10-30",
                "text": "Xi and Trump meet in Busan, South Korea, and agree to pause their "
                "trade war for a year; Taiwan is not discussed.",
                "cites": [
                    _cite(B, "The two leaders last met on Oct. 30 in Busan, South Korea"),
                    _cite(A, "an issue left out of the leaders’ October 30 meeting"),
                ],
            },
            {
                "date": "2025-11-07",
                "text": "Japan’s Prime Minister Sanae Takaichi tells lawmakers a Taiwan "
                "contingency could threaten Japan’s survival.",
                "cites": [_cite(T, "Japanese Prime Minister Sanae Takaichi told lawmakers on Nov. 7")],
            },
            {
                "date": "2025-11-24",
                "text": "Xi calls Trump and raises Taiwan’s “return to China”.",
                "cites": [
                    _cite(B, call),
                    _cite(T, "raised Taiwan in a telephone call with US President Donald Trump"),
                    _cite(A, "The two leaders spoke on the evening of November 24"),
                ],
            },
            {
                "date": "2025-11-24",
                "text": "Trump calls Sanae Takaichi to brief her on the conversation.",
                "cites": [_cite(A, "Trump had called her afterwards to brief her on the conversation")],
            },
            {
                "date": "2026-04",
                "text": "Trump is to visit Beijing.",
                "cites": [
                    _cite(B, "accepted an invitation to visit Beijing in April"),
                    _cite(T, "Trump is expected to visit Beijing in April"),
                ],
            },
            {
                "date": "2026",
                "text": "Xi is invited to make a state visit to the US.",
                "cites": [_cite(T, "Xi has been invited to make a state visit to the US later in 2026")],
            },
        ],
        "key_sentences": [
            # Covers and overlaps the timeline's cite of the same call: nested ranges in one article.
            {"text": call_sentence, "cites": [_cite(B, call_sentence), _cite(AGG, call_sentence)]},
            {
                "text": "Premier Cho Jung-tai (卓榮泰) yesterday rejected the remarks, saying that the "
                "Republic of China is a sovereign country and that “there is no such option as ‘return.’”",
                "cites": [_cite(T, "Premier Cho Jung-tai (卓榮泰) yesterday rejected the remarks")],
            },
            {
                "text": "But the Chinese leader also directly raised Beijing’s expectations over Taiwan — "
                "an issue left out of the leaders’ October 30 meeting on the sidelines of the APEC summit "
                "in South Korea.",
                "cites": [
                    _cite(A, "But the Chinese leader also directly raised Beijing’s expectations over Taiwan")
                ],
            },
        ],
        "summary": [
            {
                "text": "Xi Jinping raised Taiwan in a phone call with Donald Trump on 24 November 2025, "
                "calling its “return to China” part of the post-war order.",
                "cites": [
                    _cite(B, call),
                    _cite(T, "raised Taiwan in a telephone call with US President Donald Trump"),
                ],
            },
            {
                "text": "Trump did not mention Taiwan in his account and said he would visit Beijing "
                "in April.",
                "cites": [_cite(B, "Trump made no mention of Taiwan in his own account of the call")],
            },
        ],
        "quotes": [
            {
                "text": "return to China",
                "kind": "partial",
                "speaker": "Xi Jinping",
                "cue": "told",
                "cite": _cite(B, "return to China"),
            },
            {
                "text": "extremely strong!",
                "kind": "partial",
                "speaker": "Donald Trump",
                "cue": "describing",
                "cite": _cite(B, "extremely strong!"),
            },
            {
                "text": "Beijing is using its row with Tokyo to test how far Washington will go",
                "kind": "direct",
                "speaker": "Dana Whitfield",
                "cue": "said",
                "cite": _cite(B, "Beijing is using its row with Tokyo to test how far Washington will go"),
            },
            {
                "text": "there is no such option as ‘return.’",
                "kind": "direct",
                "speaker": "Cho Jung-tai",
                "cue": "saying",
                "cite": _cite(T, "there is no such option as ‘return.’"),
            },
            {
                "text": "Taiwan did not come up at that meeting",
                "kind": "indirect",
                "speaker": "US officials",
                "cue": "according to",
                "cite": _cite(B, "Taiwan did not come up at that meeting"),
            },
        ],
        "claims": [],
        "conflicts": [],
    }


@pytest.fixture
def dossier() -> dict[str, Any]:
    """A fresh copy of the fixture dossier."""
    return make_dossier()


@pytest.fixture
def make() -> Callable[[], dict[str, Any]]:
    """The fixture dossier's builder, for tests that need more than one copy."""
    return make_dossier
