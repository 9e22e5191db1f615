"""Plain-text chrome cleaner: turn scraped article text into a title, a body and an audit trail.

Scraped plain text carries the page around the article: menus, bylines, "Published on:" lines, share and
comment prompts, copyright notices, author bios, related-story lists and sometimes whole teasers of
unrelated articles glued after the end. :func:`clean_text` cuts those away *as whole lines or blocks*,
records every cut as a :class:`~storyline.model.Removal` with a reason, joins hard-wrapped lines into
paragraphs and returns the metadata the chrome gave away (author, source, date text, dateline) as hints.

The rules are module-level data (:data:`LINE_RULES`, compiled regexes with the reason they report) plus a
few structural passes that need context: related-story lists, the title, dates in the header, the
author bio and appended teasers at the tail. Nothing here does I/O or loads a model.

Example:
    >>> c = clean_text("Storm lashes coast\\nBy Jane Doe\\nThe storm hit on Monday.\\nShare this article")
    >>> c.title, c.text, c.hints["author"]
    ('Storm lashes coast', 'The storm hit on Monday.', 'Jane Doe')
    >>> [(r.reason, r.line) for r in c.removed]
    [('byline', 1), ('social', 3)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storyline.model import Removal

from .dateline import MONTH as _MONTH
from .dateline import find_dateline

__all__ = ["Cleaned", "LINE_RULES", "Rule", "clean_text"]


@dataclass(slots=True)
class Cleaned:
    """What :func:`clean_text` found in one text.

    Attributes:
        title: The headline, if the text starts with one (None when the text has no title).
        text: The article body: kept paragraphs joined by a blank line (title excluded).
        paragraphs: ``(start, end)`` offsets of each paragraph in :attr:`text`, end exclusive.
        removed: Every line or block cut away, with its reason and 0-based raw line number.
        hints: Metadata found in the chrome: ``author``, ``source``, ``published_text``, ``copyright_year``,
            and from the lead's dateline (cut from the body, see :mod:`storyline.ingest.dateline`):
            ``dateline`` (as written), ``dateline_place``, ``dateline_date``, ``dateline_outlet``.
    """

    title: str | None
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    hints: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"
_DATE = (
    rf"(?i:(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))"
)
_TIME = r"(?i:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)(?:\s+[A-Z]{2,4})?"
_STAMP_SEP = r"\s*(?:,|at|@|\||·|•|-|–|/)?\s*"
#: A date with a time, either way round ("Nov. 20, 2019, 9:28 AM UTC", "10:01 pm PST, Tuesday, Nov 19, 2019").
_TIMESTAMP = rf"(?:{_DATE}{_STAMP_SEP}{_TIME}|{_TIME}{_STAMP_SEP}{_DATE})"
_PLATFORM = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|telegram|pinterest|messenger|threads|bluesky"
    r"|instagram|youtube|tiktok|flipboard|copy link|copy url|print|sms|mastodon)"
)
_PARTICLE = r"(?:de|da|del|der|di|du|la|le|van|von|den|ten|ter|bin|al|el|ibn|dos|das)"
#: One word of a person's name: Capitalised, or a particle ("de la", "van") before a Capitalised word.
_NAME_TOKEN = rf"(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|{_PARTICLE}(?=(?:\s+{_PARTICLE})*\s+[A-ZÀ-ÖØ-Þ]))"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}"

#: Words that make up site menus ("Home Sports Hot News Technology Jobs About Us Contact Us").
_NAV_WORDS = frozenset(
    """home news sports sport world politics business technology tech science health entertainment
    lifestyle life style opinion opinions culture travel video videos podcast podcasts photos gallery jobs
    careers about us contact privacy policy terms conditions disclaimer advertise adsense automobile auto
    autos markets market economy money education local national international weather food arts books music
    movies film tv fashion games gaming hot latest trending top stories more menu search login logout
    register subscribe sign in up account newsletter newsletters sitemap faq help dmca cookies cookie
    uk us africa asia europe americas australia features columns blogs blog live
    crime environment climate religion obituaries real estate property cars motoring sections
    exclusive breaking analysis explainer tag tags category categories archive archives""".split()
)
#: At least one of these must be in a menu line, so a title-case subhead is never taken for a menu.
_NAV_STRONG = frozenset(
    "home about contact privacy disclaimer terms advertise sitemap login logout menu search subscribe "
    "careers dmca adsense register".split()
)

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told tell according new one two three year
    years last first next week month day today yesterday monday tuesday wednesday thursday friday
    saturday sunday percent per cent people time including since still even well much many may might
    must another around within without however though although already yet just made make making get
    got like back way part take took come came going including among across""".split()
)

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


_META_OK_WORDS = frozenset(
    """a an at on in by of and ago am pm a.m p.m hours hour hrs hr minutes minute mins min days day weeks week
    seconds secs sec months month st nd rd th admin edt est et gmt utc ist bst cet pst pdt""".split()
)


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
    return (
        text.rstrip(".!") == "sign up" or not text.startswith("sign up") or bool(_SIGNUP_OBJECT.search(text))
    )


_I = re.IGNORECASE

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
            r"|(?:unauthori[sz]ed )?reproduction\b.{0,80}\b(?:prohibited|permitted|forbidden)\b.*)",
            _I,
        ),
        max_chars=400,
        accept=lambda m: m.group("rest") is None or _copyright_ok(m),
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
            r")\s*[)\]]?\.?",
            _I,
        ),
        max_chars=260,
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
            r"|have your say\b.*|reader comments|cancel reply)[.!:]?",
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
            r"|(?:your )?privacy (?:choices|settings|preferences)|(?:we|our partners) (?:use|store)).*",
            _I,
        ),
        max_chars=500,
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
            r"|listen to (?:this|the) (?:article|story)\b.*|source link"
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
            r" (?:subscribers|members)\b.*)",
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
            r"|trending(?: now| stories| news)?|what to read next|read the latest|watch next"
            r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)(?:\.\.\.|…)?"
            r"|related (?:articles?|stories|news|content|coverage|reading|posts?|topics?|links?|videos?))"
            r"(?:\s*[:\-–—|»›>]+\s*.{0,200}|\s*)",
            _I,
        ),
        max_chars=220,
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
    Rule(
        "navigation",
        re.compile(r"[^.,;:?!\"“”]{8,250}"),
        max_chars=250,
        accept=lambda m: _is_menu(m.group(0)),
    ),
)

_BYLINE_STOP = frozenset(
    "The A An This That These Those Its His Her Their Our My Your And Of In On For To With At From Then "
    "Now Monday Tuesday Wednesday Thursday Friday Saturday Sunday Published Updated Posted Modified "
    "Created Edited Last First Date Time Today Yesterday By BY".split()
)


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

# --------------------------------------------------------------------------------------------------
# Patterns used by the structural passes and the hints
# --------------------------------------------------------------------------------------------------

_DATE_ONLY = re.compile(rf"(?:{_TIMESTAMP}|{_DATE})\.?")
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
_EDITORIAL_LABELS = frozenset(
    "CORRECTION CORRECTIONS CLARIFICATION UPDATE UPDATED NOTE ADDENDUM DISCLOSURE DISCLAIMER EDITOR'S NOTE "
    "EDITORS NOTE EDITOR’S NOTE".split(" ")
)

_DISTRIBUTOR = re.compile(r"\bdistributed by\s+(?P<d>[^.;]+)", _I)
_COPYRIGHT_LEAD = re.compile(
    r"(?:©|\(c\)|copyright\b|\s|(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)\d{2})?|,|by\b)*", _I
)
_HOLDER_END = re.compile(r"[,.]?\s*all rights reserved|\s+[|•·]\s+", _I)
_PUBLISHED_WORD = re.compile(r"(?:first )?(?:published|posted|created|date)", _I)
_MENU_SEPARATOR = re.compile(r"\s*[|•·»›>/]\s*")
_WORD_CHARS = re.compile(r"\w+")
_SENTENCE_SPLIT = re.compile(r"(?<!\b[A-Z])\.\s+(?=[A-Z])")
_CORP_SUFFIX = re.compile(
    r"(?:,?\s+(?:L\.?\s?P\.?|LLC|L\.L\.C\.?|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|plc|PLC|Co\.?|GmbH|AG"
    r"|S\.A\.?|N\.V\.?|Pty\.?(?: Ltd\.?)?))+\.?$"
)
_CORP_SUFFIX_INNER = re.compile(
    r",?\s+(?:L\.P\.|LP|LLC|L\.L\.C\.|S\.A\.|N\.V\.|Inc\.|Ltd\.|Corp\.|plc|PLC|GmbH)(?=[\s,.]|$)"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ROLE_WORDS = re.compile(
    r"\b(?:staff|writer|writers|reporter|reporters|correspondent|correspondents|editor|editors|contributor"
    r"|columnist|desk|bureau|intern|team|chief|senior|special|guest|freelance)\b",
    _I,
)
_BIO_START = re.compile(
    r"(?:about the author\s*[:\-–—]?\s*)?(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.\-]*){0,3})"
    r"(?:,[^,]{1,60},)?\s+(?:is|was|has been|has|writes|covers|reports|joined|works|serves|brings|holds)\b"
)
_BIO_WORDS = re.compile(
    r"\b(?:writer|journalist|reporter|correspondent|editor|columnist|author|contributor|blogger|content"
    r"|freelance|covers|covering|experience|passion|passionate|graduate|degree|based in|speciali[sz]\w*"
    r"|expertise|bylines?|narratives|articles|storytelling)\b",
    _I,
)
_ABOUT_AUTHOR = re.compile(r"about the author\s*:?", _I)
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Jr|Sr|St|Co|Ltd|Corp|vs|Mr|Mrs|Ms|Dr)\.)$")
_SECTION_LABEL_MAX_WORDS = 3
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


# --------------------------------------------------------------------------------------------------
# Lines and blocks
# --------------------------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(slots=True)
class _Line:
    no: int  # 0-based raw line number
    text: str  # stripped, inner whitespace collapsed, soft hyphens removed
    width: int  # raw width (indent included), for the hard-wrap geometry
    indent: int
    soft_hyphen: bool = False  # the raw line ended with U+00AD


@dataclass(slots=True)
class _Block:
    text: str
    line: int  # raw line number of its first line
    reason: str | None = None
    weak: bool = False  # matched only a weak rule (see Rule.weak)


def _split_lines(raw: str) -> list[_Line]:
    """Normalise newlines, spaces and invisible characters; one :class:`_Line` per raw line."""
    out: list[_Line] = []
    for no, line in enumerate(_INVISIBLE.sub("", _NEWLINES.sub("\n", raw)).split("\n")):
        line = line.expandtabs(4).rstrip()
        body = line.lstrip()
        soft = body.endswith("\u00ad")
        text = _SPACES.sub(" ", body.replace("\u00ad", "")).strip()
        out.append(_Line(no, text, len(line), len(line) - len(body), soft))
    return out


_WRAP_SLACK = 2  # columns: the wrap width is estimated (90th percentile), not known


def _wrap_width(lines: Sequence[_Line]) -> int | None:
    """The column the text was hard-wrapped at, or None when it is one paragraph per line.

    Wrapped text has no long lines and many lines that end mid-sentence although the next line's first
    word would not have fitted (the greedy-wrap signature).
    """
    filled = [ln for ln in lines if ln.text]
    widths = sorted(ln.width for ln in filled if ln.width >= 30)  # menus and table lines say nothing
    if len(filled) < 3 or len(widths) < 2:
        return None
    width = widths[min(len(widths) - 1, int(len(widths) * 0.9))]
    if width > 110:
        return None
    pairs = soft = lower = 0
    for a, b in zip(lines, lines[1:], strict=False):
        if not (a.text and b.text):
            continue
        pairs += 1
        lower += b.text[0].islower() or b.indent < a.indent  # mid-sentence, or back from a first-line indent
        if _is_full(a, b, width, slack=0.2 * width) and (a.text[-1] not in _TERMINAL or b.text[0].islower()):
            soft += 1
    # Breaks mid-sentence show as lines starting in lower case (or returning from a first-line indent);
    # one-paragraph-per-line text has almost none.
    wrapped = soft >= 2 and soft >= 0.3 * pairs and lower >= max(2, 0.2 * pairs)
    return width if wrapped else None


def _is_full(a: _Line, b: _Line, width: int, slack: float = _WRAP_SLACK) -> bool:
    """True when ``b``'s first word would not have fitted on ``a``: a wrapper's break, not the author's."""
    first = b.text.split(" ", 1)[0]
    return a.width + 1 + len(first) > width - slack


def _to_blocks(lines: Sequence[_Line]) -> list[_Block]:
    """Group lines into blocks: one per line, or joined paragraphs when the text is hard-wrapped.

    Blank lines always end a block.
    """
    width = _wrap_width(lines)
    base = _base_indent(lines) if width is not None else 0
    blocks: list[_Block] = []
    prev: _Line | None = None
    for ln in lines:
        if not ln.text:
            prev = None
            continue
        if prev is not None and (_continues(prev, ln, width, base) if width else _broken_sentence(prev, ln)):
            blocks[-1].text = _join(blocks[-1].text, ln.text, prev.soft_hyphen)
        else:
            blocks.append(_Block(ln.text, ln.no))
        prev = ln
    return blocks


def _broken_sentence(prev: _Line, ln: _Line) -> bool:
    """In one-paragraph-per-line text, a long line cut mid-sentence whose next line goes on in lower case.

    Catches a paragraph wrapped once in text that is otherwise not hard-wrapped ("...as rescue" /
    "boats searched ...").
    """
    return (
        prev.width >= _MIN_BROKEN_WIDTH
        and prev.text[-1] not in _TERMINAL
        and prev.text[-1] != ":"
        and ln.text[0].islower()
        and not ln.text.startswith(("http", "www."))
        and ln.indent <= prev.indent
    )


_MIN_BROKEN_WIDTH = 60


def _base_indent(lines: Sequence[_Line]) -> int:
    """The indentation of continuation lines: the smallest one that a fair share of lines use.

    Not simply the most common (a text of many one-line paragraphs, each indented, would make the
    paragraph indent the base), nor the minimum (one stray line at column 0 would make every line deeper).
    """
    indents = Counter(ln.indent for ln in lines if ln.text)
    total = sum(indents.values())
    for indent in sorted(indents):
        if indents[indent] >= max(2, 0.15 * total):
            return indent
    return indents.most_common(1)[0][0]


def _continues(prev: _Line, ln: _Line, width: int, base: int) -> bool:
    """Whether hard-wrapped line ``ln`` carries on the paragraph ``prev`` belongs to.

    ``base`` is the usual indentation; a line indented deeper starts a paragraph (first-line indent).
    """
    if ln.indent > base or ln.indent > prev.indent:
        return False
    if _LIST_MARK.match(ln.text) and (prev.text[-1] in _TERMINAL or prev.text.endswith(":")):
        return False
    return _is_full(prev, ln, width)


def _join(left: str, right: str, soft_hyphen: bool) -> str:
    """Join wrapped lines with a space; with nothing after a soft hyphen or a compound's hyphen ("well-")."""
    if soft_hyphen or (len(left) > 1 and left[-1] == "-" and left[-2].isalnum() and right[0].isalnum()):
        return left + right
    return f"{left} {right}"


# --------------------------------------------------------------------------------------------------
# Hints
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hints:
    """Metadata collected on the way; first value wins, except ``source`` which goes by rank."""

    values: dict[str, str] = field(default_factory=dict)
    source_rank: int = 0

    def set(self, key: str, value: str | None) -> None:
        """Keep the first value found for ``key``."""
        if value and key not in self.values:
            self.values[key] = value

    def source(self, value: str | None, rank: int) -> None:
        """Offer a source; a higher rank wins (copyright holder 3 > agency 2 > distributor, byline 1)."""
        value = (value or "").strip(" .,;:-–—")
        if value and rank > self.source_rank:
            self.values["source"] = value
            self.source_rank = rank


def _copyright_hints(text: str, hints: _Hints) -> None:
    """Holder, year and distributor of a copyright line (``©2025 Bloomberg L.P. ... Distributed by ...``)."""
    years = _YEAR.findall(text)
    if years:
        hints.set("copyright_year", years[-1])
    dist = _DISTRIBUTOR.search(text)
    if dist:
        hints.source(_CORP_SUFFIX.sub("", dist.group("d").strip()), 1)
    m = _COPYRIGHT_LEAD.match(text)
    rest = text[m.end() :] if m else text
    suffix = _CORP_SUFFIX_INNER.search(rest)
    holder = rest[: suffix.start()] if suffix else _SENTENCE_SPLIT.split(rest, maxsplit=1)[0]
    holder = _HOLDER_END.split(holder, maxsplit=1)[0]
    holder = _CORP_SUFFIX.sub("", holder.strip().rstrip(".")).strip(" ,.")
    if (
        holder
        and holder[0].isupper()
        and len(holder.split()) <= 6
        and not holder.lower().startswith("distributed")
    ):
        hints.source(holder, 3)


def _byline_hints(m: re.Match[str], hints: _Hints) -> None:
    groups = m.groupdict()
    hints.set("author", (groups.get("author") or groups.get("author2") or "").strip())
    rest = (groups.get("rest") or groups.get("rest2") or "").strip()
    if not rest:
        return
    if _HAS_DATE.search(rest):
        hints.set("published_text", rest)
    elif not _ROLE_WORDS.search(rest) and len(rest.split()) <= 5 and rest[0].isupper():
        hints.source(_CORP_SUFFIX.sub("", rest), 1)


def _meta_hints(m: re.Match[str], hints: _Hints) -> None:
    text = m.group(0).strip(" |·•-–—")
    rest = (m.groupdict().get("rest") or m.groupdict().get("rest2") or "").strip()
    if rest and _HAS_DATE.search(rest) and _PUBLISHED_WORD.match(text):
        hints.set("published_text", rest)
    elif not rest and _DATE_ONLY.fullmatch(text):
        hints.set("published_text", text.rstrip("."))


#: How many of the first body paragraphs may carry the dateline (a dek or a subhead may come first).
_LEAD_PARAGRAPHS = 3


def _lead_dateline(blocks: Sequence[_Block], hints: _Hints, first_body: int, removed: list[Removal] | None) -> None:
    """The dateline opening one of the first paragraphs: kept as hints and, with ``removed``, cut from the body.

    "HAMILTON, Ohio, March 5 (Ohio Valley News) - The council ..." leaves "The council ..." in the body and
    the hints ``dateline`` (as written), ``dateline_place``, ``dateline_date``, ``dateline_outlet`` and the
    outlet offered as ``source``. A dateline on a line of its own ("WASHINGTON _") is removed as a block. An
    outlet leading any later paragraph ("(Reuters) - ...") is still a source hint.
    """
    taken = False
    content = [b for b in blocks[first_body:] if b.reason is None]
    for n, block in enumerate(content):
        d = find_dateline(block.text)
        alone = d is not None and d.end >= len(block.text)  # "WASHINGTON _" on a line of its own
        if d is None or (alone and n + 1 >= len(content)):
            continue
        if d.outlet:
            hints.source(d.outlet, 2)
        if taken or n >= _LEAD_PARAGRAPHS:
            continue
        taken = True
        hints.set("dateline", d.text)
        hints.set("dateline_place", d.place)
        hints.set("dateline_date", d.date)
        hints.set("dateline_outlet", d.outlet)
        if removed is None:
            continue
        if alone:
            block.text, block.reason = d.text, "dateline"  # removed as a whole block, on its own line
        else:
            removed.append(Removal(d.text, "dateline", block.line))
            block.text = block.text[d.end :]


_HINTERS: dict[str, Callable[[re.Match[str], _Hints], None]] = {
    "byline": _byline_hints,
    "dateline-meta": _meta_hints,
    "copyright": lambda m, h: _copyright_hints(m.group(0), h),
    "credit": lambda m, h: h.source(m.groupdict().get("source"), 1),
}


# --------------------------------------------------------------------------------------------------
# Passes
# --------------------------------------------------------------------------------------------------


def _match_rule(text: str) -> tuple[Rule, re.Match[str]] | None:
    """The first :data:`LINE_RULES` entry matching the whole of ``text``, with its match."""
    for rule in LINE_RULES:
        if len(text) > rule.max_chars:
            continue
        m = rule.pattern.fullmatch(text)
        if m and (rule.accept is None or rule.accept(m)):
            return rule, m
    return None


def _is_menu(text: str) -> bool:
    """A site menu: several capitalised section words, at least one of them unmistakably a menu word."""
    parts = [p for p in _MENU_SEPARATOR.split(text) if p]
    if len(parts) >= 4 and all(len(p.split()) <= 3 for p in parts):
        return True
    tokens = [t for t in text.split() if t not in {"&", "|", "-", "–", "•", "·"}]
    if len(tokens) < 4 or not all(t[0].isupper() or t.lower() in {"and", "us"} for t in tokens):
        return False
    words = [t.lower() for t in tokens]
    hits = sum(w in _NAV_WORDS for w in words)
    return hits >= max(3, 0.6 * len(words)) and any(w in _NAV_STRONG for w in words)


def _classify(blocks: list[_Block], hints: _Hints) -> None:
    """Apply :data:`LINE_RULES` to every block; weak matches count only next to other chrome."""
    for block in blocks:
        found = _match_rule(block.text)
        if found is None:
            continue
        rule, m = found
        block.reason, block.weak = rule.reason, rule.weak
        if not rule.weak and rule.reason in _HINTERS:
            _HINTERS[rule.reason](m, hints)
    last = len(blocks) - 1
    for i, block in enumerate(blocks):
        if block.weak:
            near = [blocks[j] for j in (i - 1, i + 1) if 0 <= j <= last]
            # a neighbour that matched any rule counts, even a weak one: "Share / Facebook / Email"
            supported = i in (0, last) or any(b.reason is not None or b.weak for b in near)
            if not supported:
                block.reason = None
    for block in blocks:
        block.weak = False


def _headline_like(text: str, max_words: int = 25) -> bool:
    """Short, with letters, and not ending like a sentence ('?' and '!' are fine in a headline)."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 200 or not any(c.isalpha() for c in text):
        return False
    end = text.rstrip("\"'”’)]» ")
    if not end or end[-1] in ",;:":
        return False
    return not (end[-1] == "." and not _ABBREV_END.search(end))


def _mark_related_lists(blocks: list[_Block]) -> None:
    """A "Related stories"/"More from ..." header and the headline-like lines after it."""
    for i, block in enumerate(blocks):
        if block.reason not in (None, "read-more"):
            continue
        strong = _RELATED_HEADER.fullmatch(block.text) is not None
        if not strong and (block.reason or not _RELATED_HEADER_WEAK.fullmatch(block.text)):
            continue
        items: list[_Block] = []
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            if nxt.reason is None:
                if not _list_item(nxt.text):
                    break
                items.append(nxt)
            j += 1
        at_end = all(b.reason is not None for b in blocks[j:])
        if items and (strong or len(items) >= 2 or at_end):
            for b in [block, *items]:
                b.reason = "related-list"
        elif strong and block.reason is None:
            block.reason = "read-more"


def _list_item(text: str) -> bool:
    """A related-list entry: a short headline, possibly bulleted."""
    text = _BULLET.sub("", text, count=1)
    return len(text.split()) >= 2 and _headline_like(text, max_words=20)


def _norm(text: str) -> str:
    """Lower-case words only, typographic quotes and dashes folded, for comparing titles."""
    return " ".join(_WORD_CHARS.findall(text.translate(_QUOTES).casefold()))


def _same_title(text: str, title: str) -> bool:
    """``text`` repeats ``title`` (exactly, or with/without an outlet suffix like " - Reuters")."""
    if not 0.5 * len(title) <= len(text) <= 2 * len(title) + 20:
        return False
    a, b = _norm(text), _norm(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (
        _headline_like(text)
        and long_.startswith(short)
        and len(short) >= 0.6 * len(long_)
        and len(long_[len(short) :].split()) <= 5
    )


def _mark_header_dates(blocks: list[_Block], start: int, hints: _Hints) -> int:
    """Mark date-only lines of the header ("March 3, 2024") and return the index of the next content block."""
    i = start
    while i < len(blocks):
        block = blocks[i]
        if block.reason is None:
            if not _DATE_ONLY.fullmatch(block.text):
                return i
            block.reason = "dateline-meta"
            hints.set("published_text", block.text.rstrip("."))
        i += 1
    return i


def _is_section_label(text: str) -> bool:
    """ "World", "Politics", "Business News": a section name printed above the headline."""
    words = text.lower().split()
    return 0 < len(words) <= _SECTION_LABEL_MAX_WORDS and all(w.strip("&|:") in _NAV_WORDS for w in words)


def _find_title(blocks: list[_Block], hints: _Hints) -> int | None:
    """Index of the headline: the first content block, if headline-like and followed by more text."""
    i = _mark_header_dates(blocks, 0, hints)
    while i < len(blocks):
        rest = [j for j in range(i + 1, len(blocks)) if blocks[j].reason is None]
        if not rest:
            return None
        if _is_section_label(blocks[i].text) and _headline_like(blocks[rest[0]].text):
            blocks[i].reason = "navigation"  # "World" / "Politics" above the headline
            i = rest[0]
            continue
        return i if _headline_like(blocks[i].text) or _title_case(blocks[i].text) else None
    return None


def _title_case(text: str) -> bool:
    """A Title-Case Line Of At Most 25 Words, even if it ends with a period (some feeds add one)."""
    words = text.split()
    long_words = [w.strip("\"'“”‘’(") for w in words if len(w.strip("\"'“”‘’(.,:;")) >= 4]
    if len(words) > 25 or len(long_words) < 3:
        return False
    return sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)


def _content_words(text: str) -> set[str]:
    """Lower-cased non-stopwords of 3+ letters, possessives and plural -s stripped, for overlap."""
    out: set[str] = set()
    for w in _WORD.findall(text.lower()):
        w = (w[:-2] if w.endswith(("'s", "’s")) else w).strip("'’-")
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        if len(w) >= 3 and w not in _STOPWORDS:
            out.add(w)
    return out


def _truncated(text: str) -> bool:
    """Long and cut off mid-sentence (no closing punctuation, or a teaser's ellipsis)."""
    end = text.rstrip()
    return len(end.split()) >= 25 and (end[-1] not in _TERMINAL or end.endswith(("…", "...")))


def _kicker(text: str, body: set[str] | None = None) -> bool:
    """Starts like another article: ALL-CAPS kicker ("ESPIONAGE: ...") or dateline ("LONDON (Reuters) -").

    With ``body``, a kicker whose words the body already uses ("CLINTON:" in a transcript) does not count.
    """
    m = _KICKER.match(text)
    if m:
        label = m.group("label").strip("‘’'\"“” ")
        words = _content_words(label)
        if sum(c.isupper() for c in label) >= 3 and label not in _EDITORIAL_LABELS:
            if body is None or not words & body:
                return True
    d = find_dateline(text)
    return d is not None and d.place is not None and (d.outlet is not None or d.form != "colon")


def _suspicious(text: str) -> bool:
    """Shaped like a teaser (truncated or kicker-led); its vocabulary decides later."""
    return _truncated(text) or _kicker(text)


def _overlap(text: str, body: set[str]) -> float | None:
    """Share of the paragraph's content words found in the body (None when too few words to judge)."""
    words = _content_words(text)
    if len(words) < 8 or len(body) < 30:
        return None
    return len(words & body) / len(words)


_LOW_OVERLAP = 0.3
_VERY_LOW_OVERLAP = 0.15
# How a paragraph that carries on the article starts (a teaser opens a new story instead).
_CONTINUATION = re.compile(
    r"[“\"‘']|(?:But|And|Yet|Still|However|Meanwhile|Instead|Also|So|Then|Thus|Moreover|Further(?:more)?"
    r"|He|She|They|It|We|I|His|Her|Their|Its|Our|This|That|These|Those|Such|Both|Neither|Asked|Earlier|Later"
    r"|In (?:addition|response|contrast|the meantime))\b"
)


def _appended(text: str, body: set[str]) -> bool:
    """A teaser of another article glued after the end: truncated, kicker-led, and/or off-topic.

    Two signals are needed. A paragraph that opens like a continuation (a quote, "But", "He") is this
    article's, so truncation plus low overlap alone does not remove it.
    """
    trunc, kick = _truncated(text), _kicker(text, body)
    ov = _overlap(text, body)
    low = ov is not None and ov < _LOW_OVERLAP
    if trunc and kick:
        return True
    if low and kick:
        return len(text.split()) >= 25
    return trunc and low and (ov is not None and ov < _VERY_LOW_OVERLAP or not _CONTINUATION.match(text))


def _is_bio(text: str, author: str | None) -> bool:
    """A paragraph about the writer ("Tushar is a skilled content writer ...")."""
    m = _BIO_START.match(text)
    if not m or len(text.split()) > 150:
        return False
    name = m.group("name")
    if author:
        first = author.split()[0]
        if not (name == author or name == first or name.startswith(author) or author.startswith(name)):
            return False
        return bool(_BIO_WORDS.search(text))
    return len({w.lower() for w in _BIO_WORDS.findall(text)}) >= 2


def _mark_tail(blocks: list[_Block], content: list[int], author: str | None) -> None:
    """From the end: author bio (and the name line above it), then appended teasers; stop at real text."""
    if len(content) < 2:
        return
    run = len(content)
    while run > 1 and _suspicious(blocks[content[run - 1]].text):
        run -= 1
    body: set[str] = set()
    if run < len(content):  # the body's vocabulary is only needed to judge a suspicious tail
        for i in content[:run]:
            body |= _content_words(blocks[i].text)
    for pos in range(len(content) - 1, 0, -1):
        block = blocks[content[pos]]
        if block.reason is not None:
            continue
        if _is_bio(block.text, author):
            block.reason = "author-bio"
            above = blocks[content[pos - 1]]
            if _is_name_line(above.text, author, block.text):
                above.reason = "author-bio"
            continue
        if _suspicious(block.text) and _appended(block.text, body):
            block.reason = "appended-article"
            continue
        break


def _is_name_line(text: str, author: str | None, bio: str) -> bool:
    """The line above a bio that only names its subject ("Tushar", "About the author")."""
    if _ABOUT_AUTHOR.fullmatch(text):
        return True
    if author:
        return _norm(text) == _norm(author)
    words = text.split()
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words) and bio.startswith(words[0])


def _cut_inline_ads(blocks: list[_Block], removed: list[Removal]) -> None:
    """Cut ad tokens out of paragraphs; the removal's line is the paragraph's first raw line."""
    for block in blocks:
        if "dvertisement" not in block.text and "ADVERTISEMENT" not in block.text:
            continue
        if _INLINE_AD.search(block.text) and block.text.strip() != "ADVERTISEMENT":
            for m in _INLINE_AD.finditer(block.text):
                removed.append(Removal(m.group(0).strip(), "advertisement", block.line))
            block.text = _SPACES.sub(" ", _INLINE_AD.sub(" ", block.text)).strip()


def _drop_ad_lines(lines: list[_Line], removed: list[Removal]) -> list[_Line]:
    """Drop ad-slot lines before paragraphs are joined, so a slot inside a wrapped paragraph heals."""
    ads = _AD_RULE
    kept: list[_Line] = []
    for ln in lines:
        if ln.text and len(ln.text) <= ads.max_chars and ads.pattern.fullmatch(ln.text):
            removed.append(Removal(ln.text, ads.reason, ln.no))
        else:
            kept.append(ln)
    return kept


def _assemble(blocks: Sequence[_Block], skip: int | None) -> tuple[str, list[tuple[int, int]]]:
    """Join the kept blocks (all but ``skip``, the title) with blank lines; return text and offsets."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, block in enumerate(blocks):
        if i == skip or block.reason is not None or not block.text:
            continue
        if parts:
            pos += 2
        parts.append(block.text)
        spans.append((pos, pos + len(block.text)))
        pos += len(block.text)
    return "\n\n".join(parts), spans


# --------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------


def clean_text(
    raw: str, *, keep_all: bool = False, title: str | None = None, first_line_title: bool = True
) -> Cleaned:
    """Split scraped plain text into title, body paragraphs, removed chrome and metadata hints.

    Args:
        raw: The text as scraped: one paragraph per line, or hard-wrapped (paragraphs split by blank lines
            or by indentation). Any newline convention.
        keep_all: Remove nothing (paragraphs are still joined and the title still found).
        title: The headline when the caller already knows it (HTML/JSON metadata): the first line is then
            not taken as the title, and lines repeating it are removed as ``duplicate-title``.
        first_line_title: False when the text is body only: no line is taken as the title.

    Returns:
        The :class:`Cleaned` result; removals are in raw line order. ``Cleaned.title`` is the headline
        taken from the text, so it stays None when ``title`` is given.

    Example:
        >>> c = clean_text("WASHINGTON (AP) — Talks resumed on Monday.\\n\\nADVERTISEMENT")
        >>> c.text, c.hints["dateline"], c.hints["source"]
        ('Talks resumed on Monday.', 'WASHINGTON (AP)', 'AP')
    """
    removed: list[Removal] = []
    lines = _split_lines(raw)
    if not keep_all:
        lines = _drop_ad_lines(lines, removed)
    blocks = _to_blocks(lines)
    if not blocks:
        return Cleaned(title=None, text="", removed=removed)
    if not keep_all:
        _cut_inline_ads(blocks, removed)

    hints = _Hints()
    _classify(blocks, hints)
    _mark_related_lists(blocks)

    known = title.strip() if title and title.strip() else None
    title_at: int | None = None
    if known is None and first_line_title:
        title_at = _find_title(blocks, hints)
    headline = known if known is not None else (blocks[title_at].text if title_at is not None else None)
    if headline is not None:
        for i, block in enumerate(blocks):
            if i != title_at and block.reason is None and _same_title(block.text, headline):
                block.reason = "duplicate-title"

    first_body = _mark_header_dates(blocks, 0 if title_at is None else title_at + 1, hints)
    content = [i for i, b in enumerate(blocks) if b.reason is None and i != title_at]
    _mark_tail(blocks, content, hints.values.get("author"))
    _lead_dateline(blocks, hints, first_body, None if keep_all else removed)

    if keep_all:
        for block in blocks:
            block.reason = None
    else:
        removed.extend(Removal(b.text, b.reason, b.line) for b in blocks if b.reason is not None)
        removed.sort(key=lambda r: r.line if r.line is not None else -1)
    text, spans = _assemble(blocks, title_at)
    return Cleaned(
        title=blocks[title_at].text if title_at is not None else None,
        text=text,
        paragraphs=spans,
        removed=removed,
        hints=dict(hints.values),
    )
