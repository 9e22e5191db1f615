"""Chrome rules for :mod:`storyline.ingest.clean`: which whole lines are page chrome, as data.

The vocabulary (date, time and name patterns, menu words, stopwords), :data:`LINE_RULES` (compiled regexes
with the reason each reports, tried in order) with the small accept checks some rules need, and the patterns
the cleaner's structural passes and hints use (related-story headers, kickers, copyright holders, author
bios). Nothing here does I/O or loads a model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import lexicon
from ..text import alternation
from .dateline import MONTH as _MONTH

__all__ = ["LINE_RULES", "Rule"]


# --------------------------------------------------------------------------------------------------
# Vocabulary (the word lists are lexicon/chrome.toml's)
# --------------------------------------------------------------------------------------------------

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"
_DATE = (
    rf"(?i:(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))"
)
_TIME = r"(?i:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)(?:\s+[A-Z]{2,4})?"
_STAMP_SEP = r"\s*(?:,|at|@|\||·|•|-|–|/)?\s*"
#: A date with a time, either way round ("Nov. 20, 2019, 9:28 AM UTC", "10:01 pm PST, Tuesday, Nov 19, 2019").
_TIMESTAMP = rf"(?:{_DATE}{_STAMP_SEP}{_TIME}|{_TIME}{_STAMP_SEP}{_DATE})"
_PLATFORM = alternation(lexicon.ordered("chrome.platforms"))
_PARTICLE = alternation(lexicon.ordered("chrome.name_particles"))
#: One word of a person's name: Capitalised, or a particle ("de la", "van") before a Capitalised word.
_NAME_TOKEN = rf"(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|{_PARTICLE}(?=(?:\s+{_PARTICLE})*\s+[A-ZÀ-ÖØ-Þ]))"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}"

#: Words that make up site menus ("Home Sports Hot News Technology Jobs About Us Contact Us").
_NAV_WORDS = lexicon.words("chrome.nav_words")
#: At least one of these must be in a menu line, so a title-case subhead is never taken for a menu.
_NAV_STRONG = lexicon.words("chrome.nav_strong")

_STOPWORDS = lexicon.words("chrome.stopwords") | lexicon.words("time.weekdays")

_TERMINAL = frozenset(".!?…\"”’'»)]")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


# --------------------------------------------------------------------------------------------------
# Line rules: whole-line chrome, matched on one block's text
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of chrome line.

    Attributes:
        reason: The reason reported in :class:`~storyline.model.Removal`.
        pattern: Matched with ``fullmatch`` against the whole (whitespace-collapsed) line.
        max_chars: Longer lines never match, so a real paragraph is not cut for its first words.
        weak: Too common as a real word to cut alone ("Menu", "Print"): removed only next to other chrome
            or at the very start/end of the text.
        accept: An extra check on the match (e.g. that "Updated ..." is followed by a date, not a sentence).
    """

    reason: str
    pattern: re.Pattern[str]
    max_chars: int = 160
    weak: bool = False
    accept: Callable[[re.Match[str]], bool] | None = None


def _meta_rest_ok(m: re.Match[str]) -> bool:
    """Accept "Published/Updated ..." only if followed by nothing, a date/time, "in <Section>" or "by <name>".

    "Updated figures show ..." (a clause) and "Updated Police Identify Man ..." (a headline) are kept.
    """
    rest = (m.group("rest") or "").strip()
    if not rest or m.group(0).lower().startswith(("date", "time", "last updated:")):
        return True
    tokens = [t for t in rest.split() if any(c.isalnum() for c in t)]
    if not tokens:
        return True
    if not all(t[0].isupper() or t[0].isdigit() or t.lower().strip(".,:@") in _META_OK_WORDS for t in tokens):
        return False
    head = m.group(0)[: m.start("rest") - m.start(0)].lower()
    return (
        any(c.isdigit() for c in rest)
        or bool(_HAS_DATE.search(rest))
        or (head.rstrip(" :").endswith(" in") and len(tokens) <= 5)
        or (tokens[0].lower() == "by" and len(tokens) <= 5)
    )


_META_OK_WORDS = lexicon.words("chrome.meta_ok_words")
_META_SPLIT = re.compile(r"\s+[|•·/—–-]\s+|\s*[|•·]\s*")
_META_PART = re.compile(
    r"(?i:by|von|par|por)\s*:?\s*\S.{0,40}"
    r"|\d+\s+(?i:comments?|responses?|replies)"
    r"|(?i:in)\s+\S.{0,30}"
    r"|\d+\s*-?\s*(?i:min(?:ute)?s?)\.?\s+(?i:read)"
    r"|(?i:about |over )?\d+\s+(?i:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+(?i:ago)"
    r"|(?i:(?:last )?(?:updated|modified|published|posted)(?: on| at)?:?)\s+.{1,40}"
    r"|[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,3}"
)


def _meta_parts_ok(text: str) -> bool:
    """A line of the article's particulars: two or more parts, each a date or time, "by <name>", "N Comments",
    "in <section>", "N min read", "N hours ago", "Updated <date>" or a short name (the outlet's), one of
    them a date."""
    parts = [p.strip(" .,") for p in _META_SPLIT.split(text) if p.strip(" .,")]
    if len(parts) < 2 or not any(_DATE_ONLY.fullmatch(p) or _HAS_DATE.search(p) for p in parts):
        return False
    return all(_DATE_ONLY.fullmatch(p) or _TIME_ONLY.fullmatch(p) or _META_PART.fullmatch(p) for p in parts)


def _copyright_ok(m: re.Match[str]) -> bool:
    """A copyright line goes on with a year, a ©, "by" or a Capitalised holder — not "Copyright holders ...".

    A bare "© Jane Doe" (no year, no "rights") is left to the photo-credit rule.
    """
    rest = m.group("rest") or ""
    if rest and not _YEAR.search(rest) and "right" not in rest.lower() and len(rest.split()) <= 4:
        return False
    return not rest or rest[0] in "©(0123456789" or rest[0].isupper() or rest.lower().startswith("by ")


_SIGNUP_OBJECT = re.compile(
    r"\b(?:newsletters?|inbox|alerts?|our|here|daily|weekly|briefing|mailing list)\b|sign up (?:now|today)",
    re.I,
)


def _signup_ok(m: re.Match[str]) -> bool:
    """ "Sign up" alone is a button; "Sign up for ..." needs a newsletter-like object."""
    text = m.group(0).lower()
    return text.rstrip(".!") == "sign up" or not text.startswith("sign up") or bool(_SIGNUP_OBJECT.search(text))


_I = re.IGNORECASE
_WIRE = alternation(lexicon.ordered("chrome.wire_services"))
_AGENCY = alternation(lexicon.ordered("chrome.photo_agencies"), longest_first=True)

_AD_RULE = Rule(
    "advertisement",
    re.compile(
        r"[-–—(\[\s]*(?:advertisements?|advert|ads?|sponsored(?: content| links?| post| stories)?"
        r"|paid (?:content|post|partner content)|promoted(?: content| stories)?"
        r"|(?:story|article|content) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad|advert)"
        r"|continue reading (?:the |this )?(?:main )?(?:story|article)(?: below)?"
        r"|skip (?:this )?(?:advertisement|ad)|scroll (?:down )?to continue(?: (?:reading|with content))?)"
        r"[-–—)\]\s.:]*",
        _I,
    ),
)

#: Whole-line chrome, tried in order; the first match gives the reason.
LINE_RULES: tuple[Rule, ...] = (
    Rule("separator", re.compile(r"(?:[-–—_=*•·~#+.:|/\\<>]\s*){3,}")),
    _AD_RULE,
    Rule(
        "copyright",
        re.compile(
            r"(?:(?:©|\(c\)|copyright\b)\s*(?P<rest>.*)|all rights reserved\b.*|distributed by\b.*"
            r"|this (?:material|article|story|content) may not be (?:published|reproduced|copied)\b.*"
            r"|(?:unauthori[sz]ed )?reproduction\b.{0,80}\b(?:prohibited|permitted|forbidden)\b.*"
            r"|.{0,80}©\s*(?:(?:19|20)\d{2}\b|copyright\b).{0,160}"
            r"|.{0,120}\ball rights reserved\b.*"
            r"|this (?:document|page|content) is subject to copyright\b.*)",
            _I,
        ),
        max_chars=400,
        accept=lambda m: m.group("rest") is None or _copyright_ok(m),
    ),
    # A wire service's notes to its clients, not the story: "Eds: UPDATES with …", "AP Photos NY101",
    # "Associated Press Writer", "(STORY CAN END HERE. OPTIONAL 2ND TAKE FOLLOWS.)", "(END OPTIONAL TRIM)",
    # "c.1998 N.Y. Times News Service", the slug "BC-Kenya-Explosion, 5th Ld-Writethru" and the trailer
    # "NYT-08-07-98 0622EDT" (lexicon chrome.wire_services names the services).
    Rule(
        "wire-note",
        re.compile(
            r"(?:(?:eds|editors|attn(?: editors)?)\s*:\s+.{2,300}"
            rf"|(?:with )?(?:{_WIRE}) (?:photos?|graphics?|video|audio)(?-i:(?:\s+(?:[A-Z0-9][\w/-]*|planned))*)\.?"
            rf"|(?:{_WIRE})(?: [A-Z][a-z]+){{0,2}} (?:writers?|correspondents?)"
            r"|[(\[]\s*(?:story can end here|optional (?:\w+ )?(?:add|trim|take)|(?:begin|end) optional"
            r"|end advance)\b[^)\]]{0,80}[)\]]\.?"
            r"|[(\[]\s*(?:more|end)\s*[)\]]"
            r"|c\.\s?(?:19|20)\d{2},?\s.{2,60}?(?:news service|service|syndicate|wire)\.?"
            r"|bc-[\w-]+.{0,80}"
            r"|[a-z]{2,4}(?:-[a-z]{2,4})?-\d{2}-\d{2}-\d{2,4}\s+\d{3,4}(?:\s?[a-z]{2,4})?"
            # an archive's routing lines: "(PROFILE (WS SL:BC-Kenya-Bombings; CT:i; (REG:AFRI;) ...) )", the
            # record's header "APW19981205.0374 NEWS STORY 12/05/1998 09:42:00"
            r"|(?:\([a-z]{2,3}(?:-[a-z]{2,3}){0,2}\)\s*)?\(\s*profile\s*\(.{0,400}"
            r"|[a-z]{2,4}_?(?:eng_)?\d{8}\.\d{4}\s+news story\b.{0,200})",
            _I,
        ),
        max_chars=480,
    ),
    Rule(
        "credit",
        re.compile(
            r"[-–—(\[\s]*(?:with (?:additional )?(?:assistance|reporting|contributions?) (?:from|by)"
            r"|additional reporting (?:by|from)|reporting by|writing by|editing by|edited by|compiled by"
            r"|research by|produced by|translated by|contributing(?: reporters?| writers?)?:)\b.*"
            r"|.{0,150}\b(?:contributed (?:to )?(?:this )?(?:report|story|article)|contributed reporting)"
            r"(?: (?:from|in) [^.]{1,40})?[.)]*"
            r"|source\s*:\s*(?P<source>[^.,;:]{2,40})\.?",
            _I,
        ),
        max_chars=300,
        accept=lambda m: m.group("source") is None or len(m.group("source").split()) <= 5,
    ),
    Rule(
        "photo-credit",
        re.compile(
            r"[(\[]?\s*(?:"
            r"(?:(?:file|lead|top|main|featured|cover|header) )?(?:photos?|photograph|images?|pictures?|pic"
            r"|illustration|graphic|video|photo credit|image credit|image source|photo source|credit)"
            r"\s*(?:by\b|:|/|\||-|–|—|©)\s*.{1,200}?"
            r"|(?:photos?|images?|pictures?) (?:courtesy|via) .{1,100}?"
            r"|image (?:copyright|caption)\b.{1,200}?"
            r"|courtesy(?: of)? [^.]{1,40}|©\s*[^\d\s][^.]{0,40}"
            r"|getty(?: images)?|(?:afp|ap|reuters|epa) (?:photo|via getty images)"
            r"|.{0,150}[/|]\s*(?:getty images|afp|reuters|ap|epa(?:-efe)?|shutterstock|xinhua|anadolu)"
            r"(?: via getty images)?"
            # a photographer's or a paper's name through an agency, alone: "Jane Doe via Getty Images."
            rf"|[^()]{{1,60}}?\svia\s(?-i:{_AGENCY})(?: (?:photos?|images?))?"
            r")\s*[)\]]?\.?",
            _I,
        ),
        max_chars=260,
    ),
    # A photo's caption that ends with its credit: "(Manu Fernandez/AP)", "(AP Photo/Alan Diaz, File)", "[File:
    # Reuters]", "(Image:
    # GETTY )", "(Credit: Getty Images)", "… Credit: ESA", "… in New York. Reuters", "… Submitted photo" (lexicon
    # chrome.photo_agencies names the agencies).
    Rule(
        "photo-credit",
        re.compile(
            r".{0,400}?(?:"
            rf"\((?:[^()]{{1,80}}/\s*)?(?-i:{_AGENCY})(?:[\s/,][^()]{{0,40}})?\)"
            rf"|\[[^\[\]]{{1,80}}[/:]\s*(?-i:{_AGENCY})(?:[\s/,][^\[\]]{{0,40}})?\]"
            r"|\((?:images?|photos?|pictures?|pic|credit|image credit|photo credit|source)\s*:\s*[^()]{1,80}\)"
            r"|(?<=[\s.])(?:image |photo )?credit\s*:\s*[^.()]{1,60}"
            rf"|(?<=[.!?\"”’])\s+(?-i:{_AGENCY})(?: photo)?"
            r"|\ssubmitted (?:photo|image))\s*\.?",
            _I,
        ),
        max_chars=450,
    ),
    # A wire byline with its staff line and no comma between: "By JANE DOE Associated Press Writer".
    Rule(
        "byline",
        re.compile(
            rf"(?:By|BY)\s+(?P<author>{_NAME})\s*,?\s+"
            rf"(?i:(?:{_WIRE})(?: [a-z]+){{0,2}} (?:writers?|correspondents?))\.?"
        ),
        max_chars=140,
        accept=lambda m: _byline_ok(m.group("author")),
    ),
    # "By" is matched case-sensitively so a wrapped "...written\nby Jane Doe" stays part of its sentence.
    Rule(
        "byline",
        re.compile(
            r"(?:By|BY|Written by|Words by|Story by|Reported by|Posted by|Author|Authors)\s*:?\s+"
            rf"(?P<author>{_NAME}(?:(?:,\s*{_NAME})*\s+(?:and|&|AND)\s+{_NAME})?)"
            r"(?:\s*(?:,|\||•|·|-|–|—|/)\s*(?P<rest>[^!?]{1,80}?))?\.?"
        ),
        max_chars=140,
        accept=lambda m: _byline_ok(m.group("author")),
    ),
    Rule(
        "byline",
        re.compile(
            rf"(?:(?:By|BY)\s+)?(?P<author>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)\s*(?:[-–—|•·,]\s*)?"
            rf"(?P<rest>{_TIMESTAMP}|{_DATE})"
            rf"|(?P<rest2>{_TIMESTAMP}|{_DATE})\s*(?:[-–—|•·,]\s*)?(?i:by)\s+(?P<author2>{_NAME})"
        ),
        max_chars=120,
        accept=lambda m: _byline_ok(m.group("author") or m.group("author2")),
    ),
    # A byline's pieces on lines of their own: "By" above the name, the writer's handle or e-mail address
    # ("@janedoe", "Jane Doe @janedoe / 2 days", "jane.doe@example.com").
    Rule(
        "byline",
        re.compile(
            r"(?:By|BY|Written by|Posted by)\s*:?"
            r"|(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*\s+){0,4}@\w{2,30}(?:\s*[/|·•,]\s*.{0,30})?"
            r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}"
        ),
        max_chars=80,
    ),
    # A line of the article's particulars set off by separators, one of them its date: "Nov 18, 2019 at 9:24
    # pm ET • 2 min read", "October 12, 2018 / 0 Comments / in Harbour News / by jdoe", "November 20, 2019 /
    # 1:07 AM / Harbour News", "by Jane Doe — November 18, 2019", "March 3, 2024 | BY: Jane Doe, MS".
    Rule(
        "dateline-meta",
        re.compile(r"[^.!?]{4,}?(?:\s+[|•·/—–-]\s+|\s*[|•·]\s*)[^!?]{2,}"),
        max_chars=140,
        accept=lambda m: _meta_parts_ok(m.group(0)),
    ),
    Rule(
        "byline",
        re.compile(rf"by\s+(?P<author>{_NAME})\.?"),
        max_chars=60,
        accept=lambda m: _byline_ok(m.group("author")),
    ),
    Rule(
        "dateline-meta",
        re.compile(rf"[|·•\-–—\s]*(?i:(?:today|yesterday),?\s+)?{_TIMESTAMP}\.?"),
        max_chars=80,
    ),
    Rule(
        "dateline-meta",
        re.compile(
            r"[|·•\-–—\s]*(?:(?:first |last )?(?:published|updated|posted|modified|created|edited)"
            r"(?: (?:on|at|in|date|time))?\s*[:\-–—]?\s*(?P<rest>.{0,80})"
            r"|\d+\s*-?\s*(?:min(?:ute)?s?)\.?\s+read"
            r"|(?:about |over )?(?:\d+|an?|one)"
            r" (?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago(?: at .{1,20})?"
            r"|(?:today|yesterday) (?:at )?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?: [A-Z]{2,4})?"
            r"|(?:date|time|last updated)\s*:\s*(?P<rest2>.{1,40}))",
            _I,
        ),
        max_chars=110,
        accept=_meta_rest_ok,
    ),
    Rule(
        "comment-prompt",
        re.compile(
            r"(?:leave a (?:comment|reply)|(?:\d+\s+)?comments?(?:\s*\(\d+\))?|view (?:all )?comments"
            r"|(?:show|hide|load|read) (?:all |more )?comments|add (?:a |your )?comment|post (?:a )?comment"
            r"|write a comment|be the first to comment\b.*|(?:to )?join the (?:conversation|discussion)\b.*"
            r"|comments? (?:are|is|have been|has been) (?:now )?(?:closed|disabled|turned off)\b.*"
            r"|you must be logged in to (?:post a )?comment\b.*|(?:log|sign) in to (?:comment|reply|join)\b.*"
            r"|have your say\b.*|reader comments|cancel reply"
            r"|(?:want to )?join the discussion\?.*|feel free to contribute|view the discussion thread"
            r"|no comments yet\b.{0,60}|\d+ (?:replies|responses)|share your thoughts\b.{0,60}"
            r"|(?:got|have) a (?:confidential )?(?:news )?tip\?.{0,80}|.{0,40}\bsend us a tip\b.{0,80}"
            r"|(?:did you )?(?:like|enjoy(?:ed)?|found) (?:this|the) (?:article|story|post)(?: interesting)?\?"
            r"|feedback to (?:the )?editors?)[.!:]?",
            _I,
        ),
        max_chars=200,
    ),
    Rule(
        "cookie-notice",
        re.compile(
            r"(?=.*\bcookies?\b)(?:we(?: and our partners)? use cookies|this (?:web)?site uses cookies"
            r"|by (?:continuing|using|clicking|browsing)|(?:accept|allow|reject|manage|decline)"
            r"(?: all| necessary| essential| optional)?(?: cookies)?"
            r"|cookie (?:settings|preferences|policy|consent|notice)"
            r"|(?:your )?privacy (?:choices|settings|preferences)|(?:we|our partners) (?:use|store)"
            # "Rogers Media uses cookies for ... Learn more or change your cookie preferences."
            r"|.{0,60}\b(?:uses?|sets?|stores?|places?) cookies\b(?=.*\b(?:cookie (?:settings|preferences|policy)"
            r"|your browser|learn more|more info|by continuing|you (?:agree|consent|accept)))).*",
            _I,
        ),
        max_chars=500,
    ),
    # A disclosure that the page earns from its links: "This post may contain affiliate links.", "If you buy
    # something through this post, Acme may get a share of the sale.", "Acme may earn an Affiliate Commission …".
    Rule(
        "advertisement",
        re.compile(
            r".{0,80}\b(?:may|might|could) (?:earn|receive|contain|include|get)\b.{0,40}"
            r"\b(?:affiliate|referral)\b.{0,200}"
            r"|if you (?:buy|purchase) (?:something|anything|a product)\b.{0,80}\b(?:commission|share of the sale"
            r"|compensation|small fee)\b.{0,120}",
            _I,
        ),
        max_chars=300,
    ),
    # A sharing widget's messages: "Post was not sent - check your email addresses!", "Email check failed,
    # please try again", "Sorry, your blog cannot share posts by email."
    Rule(
        "social",
        re.compile(
            r"(?:post was not sent|email check failed|sorry, your blog cannot share posts by email)\b.{0,60}",
            _I,
        ),
    ),
    Rule(
        "link-prompt",
        re.compile(
            r"(?:official (?:site|website|web site|page)(?: link)?"
            r"|(?:(?:for (?:more|further|full) (?:information|info|details|updates)"
            r"|to (?:read|learn|find out) more|read the full (?:story|article|report)"
            r"|more (?:information|info|details))\s*[,:\-–—]?\s*)?"
            r"(?:click|tap) (?:here|this link|the link|below)\b.*"
            r"|(?:visit|see|check out) (?:our|the official) (?:website|site|page)\b.*"
            r"|download (?:our|the) (?:free )?app\b.*|open (?:in|the) app|get the app"
            r"|listen to (?:this|the) (?:article|story)\b.*|source link|(?:[^.]{1,60} )?by clicking here"
            r"|view (?:original|source)(?: article)?)[.!]?",
            _I,
        ),
        max_chars=160,
    ),
    Rule(
        "newsletter",
        re.compile(
            r"(?:sign up(?: (?:for|to|now|today|here)\b.*)?|subscribe(?: now| today| here)?"
            r"|thanks? (?:you )?for (?:signing up|subscribing)\b.*"
            r"|subscribe\b.{0,80}\b(?:newsletters?|podcasts?|channel|feed|updates|alerts|edition"
            r"|magazine|digest|briefing|access|here|today|now)\b.*"
            r"|(?:get|receive) (?:our|the) .{0,60}newsletter.*|enter your e-?mail\b.*"
            r"|(?:join|sign up for) our (?:mailing list|newsletter)\b.*|never miss (?:a|an) .{0,40}"
            r"|(?:get|receive) .{0,40}(?:in|to|straight to) your inbox\b.*"
            r"|already (?:a subscriber|subscribed|have an account)\??.*"
            r"|(?:become|be) a (?:subscriber|member)\b.*|support (?:our|independent|quality) journalism\b.*"
            r"|this (?:article|story|content) is (?:for|available to|reserved for)"
            r" (?:subscribers|members)\b.*"
            # a prompt after a short lead-in: "Want more deals? Join the Deals Newsletter.", "Stay up to date with
            # Acme. Subscribe to our newsletter.", "Don't miss a brief. Sign up for our daily email."
            r"|(?:[^.?!]{1,60}[.?!]\s+)?(?:join|sign up for|subscribe to|get)\b.{0,50}"
            r"\b(?:newsletters?|e-?mails?|briefings?)[.!]?"
            r"|i(?:'d| would) like to (?:subscribe|receive)\b.{0,80}"
            r"|(?:most recent |our |free )?newsletters?"
            r"|no spam\b.{0,150}|.{0,60}\bunsubscribe at any time\b.{0,120}|you are now subscribed\b.{0,40}"
            r"|by clicking (?:subscribe|sign up|submit|register)\b.{0,120}"
            r"|stay (?:up to date|current|informed|in the know) with [^.]{1,40}\.?"
            r"|.{0,80}\bnewsletter subscription\b.{0,80})",
            _I,
        ),
        max_chars=250,
        accept=_signup_ok,
    ),
    Rule(
        "social",
        re.compile(
            r"(?:share(?: this| the| it)?(?: (?:article|story|post|page|link))?(?: (?:on|via|to|with) \w+)?"
            r"|share (?:on|via|to)\s*:?\s*.{1,60}|(?:follow|like|find|join) us on .{1,80}"
            r"|follow \w+(?: \w+)? on"
            r"|(?:like|enjoy(?:ed)?) this (?:story|article)\?.{0,40}share.{0,40}|sharing is caring"
            r"|follow (?:@\w+|\w+(?: \w+)? on"
            r" (?:twitter|x|facebook|instagram|linkedin|threads|bluesky)).{0,40}"
            r"|tweet this|pin it|\d+ shares?"
            rf"|{_PLATFORM}(?:\s*[|,/•·]?\s*{_PLATFORM})+)[.!:]?",
            _I,
        ),
    ),
    Rule(
        "read-more",
        re.compile(
            r"(?:read more|read also|also read|see also|read next|more reading|further reading|related"
            r"|recommended(?: reading| for you| stories| articles| videos?)?|more on this(?: story| topic)?"
            r"|must read|don'?t miss|editor'?s picks?|(?:most|top) (?:read|popular|viewed|shared)"
            r"|trending(?: now| stories| news)?|what to read next|read the latest|watch next|see more|explore further"
            r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)(?:\.\.\.|…)?"
            r"|related (?:articles?|stories|news|content|coverage|reading|posts?|topics?|links?|videos?))"
            r"(?:\s*[:\-–—|»›>]+\s*.{0,200}|\s*)",
            _I,
        ),
        max_chars=220,
    ),
    # A link to another story on the outlet's own site, named by its domain ("Also on rt.com Journalists &
    # politicians from Morales' party threatened with sedition arrests"): a headline, no sentence end.
    Rule(
        "read-more",
        re.compile(
            r"(?:also|more|read more|read also) on (?:[\w-]+\.)+[a-z]{2,}\b\s*[:\-–—|»›>]*\s*(?P<head>.{0,200})", _I
        ),
        max_chars=230,
        accept=lambda m: not m.group("head").rstrip().endswith((".", "?", "!", ".”", '."')),
    ),
    # A link to another story, its headline tagged with the kind of page it leads to in capitals ("Plague fears
    # grow in the north [INSIGHT]", "… [VIDEO]"): a headline (no sentence end) of three or more words.
    Rule(
        "read-more",
        re.compile(r"(?P<head>[^\[\]]{10,200}?)\s*\[\s?[A-Z][A-Z ]{1,18}[A-Z]\s?\]\s*[|•·]?"),
        max_chars=230,
        accept=lambda m: _headline_head(m.group("head")),
    ),
    Rule(
        "navigation",
        re.compile(
            r"(?:skip to (?:main )?(?:content|navigation|search|footer)|toggle navigation|main menu"
            r"|(?:open|close) (?:the )?menu|back to top|go to top|scroll to top|home\s*[>»›/|].*"
            r"|(?:related )?(?:tags?|topics)\s*:?|tags?\s*:.{1,120}|back to gallery"
            r"|(?:image )?\d{1,3} (?:/|of) \d{1,3})",
            _I,
        ),
        max_chars=200,
    ),
    Rule(
        "navigation",
        re.compile(
            r"(?:menu|search|sections|navigation|log ?in|sign ?in|log ?out|sign ?out|register|my account"
            r"|home|close|×|next|previous|prev|next article|previous article|back)",
            _I,
        ),
        weak=True,
    ),
    Rule("social", re.compile(rf"(?:{_PLATFORM}|share|shares)", _I), weak=True),
    # A counter alone ("0", "4 55 3": shares, comments, likes) next to other chrome.
    Rule("social", re.compile(r"\d{1,6}(?:\s+\d{1,6}){0,3}"), weak=True),
    Rule(
        "navigation",
        re.compile(r"[^.,;:?!\"“”]{8,250}"),
        max_chars=250,
        accept=lambda m: _is_menu(m.group(0)),
    ),
)

_BYLINE_STOP = lexicon.words("chrome.byline_stop") | {d.title() for d in lexicon.ordered("time.weekdays")}


def _byline_ok(author: str) -> bool:
    """Reject title-case phrases that fit the byline shape ("By The Numbers", "By Land And Sea").

    Also rejects a meta word taken for a name ("Published 10:02 AM EST Nov 19, 2019").
    """
    tokens = author.replace(",", " ").split()
    return bool(tokens) and not any(t in _BYLINE_STOP for t in tokens)


# Whole inline tokens that may be cut out of a paragraph (scraped ad slots).
_INLINE_AD = re.compile(
    r"(?<!\S)ADVERTISEMENT(?!\S)|(?<=[.!?\"”’])\s+Advertisement(?=\s+[A-Z“\"])"
    r"|\s*\bStory continues below advertisement\b",
)

#: A typesetting code of the old wire feeds written out in a story's text ("&UR;", "&QL;", "&Cx1f;"): lexicon
#: chrome.wire_codes.
_WIRE_CODE = re.compile(rf"[ \t]*&(?:{alternation(lexicon.ordered('chrome.wire_codes'))}|Cx[0-9a-fA-F]{{2}});")

# --------------------------------------------------------------------------------------------------
# Patterns used by the structural passes and the hints
# --------------------------------------------------------------------------------------------------

_DATE_ONLY = re.compile(rf"(?:{_TIMESTAMP}|{_DATE})\.?")
_TIME_ONLY = re.compile(_TIME)
_HAS_DATE = re.compile(
    rf"\b(?:{_MONTH}\.?\s+\d|\d{{1,2}}\s+{_MONTH}\b|(?:19|20)\d{{2}}\b|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})", _I
)

_RELATED_HEADER = re.compile(
    r"(?:related(?: stories| articles| news| content| coverage| posts| reading| links)?"
    r"|you (?:may|might) also like|recommended(?: for you| stories| reading| articles)?"
    r"|(?:most|top) (?:read|popular|viewed|shared)(?: in .{1,30})?"
    r"|trending(?: now| stories)?|read more|also read|read next|further reading|what to read next"
    r"|editor'?s picks?|more (?:stories|news|coverage)|also on .{1,30})\s*[:.…]*",
    _I,
)
# Headers that are also ordinary subheads ("More on the economy"): need a real list behind them.
_RELATED_HEADER_WEAK = re.compile(
    r"(?:more (?:from|on|in|about) .{1,50}|top stories|latest (?:news|stories)|in other news"
    r"|popular (?:on|in) .{1,40}|next up(?: in .{1,30})?|on our radar)\s*[:.…]*",
    _I,
)
_BULLET = re.compile(r"[•*▪►◦·]\s|[-–]\s(?=\S)")
_LIST_MARK = re.compile(r"[•*▪►◦·]\s")  # dashes are left out: a wrapped line may start with one

_KICKER = re.compile(r"(?P<label>[‘'\"“]?[A-Z][A-Z0-9’'\-& ]{2,40}[’'\"”]?)\s*:\s+[‘'\"“]?[A-Z0-9]")
# Kickers that are the article's own editorial notes, not another article's.
_EDITORIAL_LABELS = lexicon.words("chrome.editorial_labels")

_DISTRIBUTOR = re.compile(r"\bdistributed by\s+(?P<d>[^.;]+)", _I)
_COPYRIGHT_LEAD = re.compile(r"(?:©|\(c\)|copyright\b|\s|(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)\d{2})?|,|by\b)*", _I)
_HOLDER_END = re.compile(r"[,.]?\s*all rights reserved|\s+[|•·]\s+", _I)
_PUBLISHED_WORD = re.compile(r"(?:first )?(?:published|posted|created|date)", _I)
_MENU_SEPARATOR = re.compile(r"\s*[|•·»›>/]\s*")
_WORD_CHARS = re.compile(r"\w+")
_MIN_FIGURE_CELLS = 2  # one figure can be a menu's "2024"
_FIGURE_CELL = re.compile(r"[-+−]?[$€£¥]?\d[\d,.:]*%?")
_SENTENCE_SPLIT = re.compile(r"(?<!\b[A-Z])\.\s+(?=[A-Z])")
_CORP_SUFFIX = re.compile(
    r"(?:,?\s+(?:L\.?\s?P\.?|LLC|L\.L\.C\.?|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|plc|PLC|Co\.?|GmbH|AG"
    r"|S\.A\.?|N\.V\.?|Pty\.?(?: Ltd\.?)?))+\.?$"
)
_CORP_SUFFIX_INNER = re.compile(
    r",?\s+(?:L\.P\.|LP|LLC|L\.L\.C\.|S\.A\.|N\.V\.|Inc\.|Ltd\.|Corp\.|plc|PLC|GmbH)(?=[\s,.]|$)"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ROLE_WORDS = re.compile(rf"\b{alternation(lexicon.ordered('chrome.role_words'))}\b", _I)
_BIO_START = re.compile(
    r"(?:about the author\s*[:\-–—]?\s*)?(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.\-]*){0,3})"
    r"(?:,[^,]{1,60},)?\s+(?:is|was|has been|has|writes|covers|reports|joined|works|serves|brings|holds)\b"
)
_BIO_WORDS = re.compile(rf"\b(?:{alternation(lexicon.ordered('chrome.bio_words'))}|speciali[sz]\w*)\b", _I)
_ABOUT_AUTHOR = re.compile(r"about the author\s*:?", _I)
_ABBREV_END = re.compile(rf"(?:\b[A-Z]\.|\b{alternation(lexicon.ordered('chrome.abbreviations'))}\.)$")
_SECTION_LABEL_MAX_WORDS = 3
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------


_MIN_HEADLINE_WORDS = 3


def _headline_head(head: str) -> bool:
    """The words before a tag like "[VIDEO]" read as a headline: three or more words, no sentence end."""
    head = head.rstrip()
    return head[-1:] not in _TERMINAL and len(_WORD.findall(head)) >= _MIN_HEADLINE_WORDS


def _match_rule(text: str) -> tuple[Rule, re.Match[str]] | None:
    """The first :data:`LINE_RULES` entry matching the whole of ``text``, with its match."""
    for rule in LINE_RULES:
        if len(text) > rule.max_chars:
            continue
        m = rule.pattern.fullmatch(text)
        if m and (rule.accept is None or rule.accept(m)):
            return rule, m
    return None


def _table_row(cells: list[str]) -> bool:
    """A row of a data table ("1 | Kyle Busch | 5040 | 5 | 17"), not a menu: two or more cells hold figures,
    and they are not a run of page numbers ("1 | 2 | 3 | 4 | Next")."""
    figures = [c.strip() for c in cells if _FIGURE_CELL.fullmatch(c.strip())]
    if len(figures) < _MIN_FIGURE_CELLS:
        return False
    pages = [int(f) for f in figures if f.isdigit()]
    return len(pages) != len(figures) or pages != list(range(pages[0], pages[0] + len(pages)))


def _is_menu(text: str) -> bool:
    """A site menu: several capitalised section words, at least one of them unmistakably a menu word."""
    parts = [p for p in _MENU_SEPARATOR.split(text) if p]
    if len(parts) >= 4 and all(len(p.split()) <= 3 for p in parts):
        return not _table_row(parts)
    tokens = [t for t in text.split() if t not in {"&", "|", "-", "–", "•", "·"}]
    if len(tokens) < 4 or not all(t[0].isupper() or t.lower() in {"and", "us"} for t in tokens):
        return False
    words = [t.lower() for t in tokens]
    hits = sum(w in _NAV_WORDS for w in words)
    return hits >= max(3, 0.6 * len(words)) and any(w in _NAV_STRONG for w in words)
