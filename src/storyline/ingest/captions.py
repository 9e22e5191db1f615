"""Photo captions left in a scraped body: one-sentence paragraphs that describe a picture.

A page's text, scraped whole, keeps the captions under its photos as paragraphs of their own, and a caption
read as the article's would become a timeline item and a summary sentence. News agencies write captions to one
style (the AP's and Getty's caption guides): one sentence in the present simple, a named subject and what it
does in the picture ("President Obama hugs Orange County Mayor Teresa Jacobs …"), ending with the day it was
taken in full, weekday and year ("… on Thursday, June 16, 2016."), often next to a bare credit line (the
agency's name alone, "ASSOCIATED PRESS.", or a name through it, "Jane Doe via Getty Images."). Article prose
gives a day as "on Thursday" and tells what happened in the past tense.

:func:`mark_captions` marks an open one-sentence paragraph (at most :data:`CAPTION_CHARS` characters) as
:data:`REASON` when two of three signs agree: it ends with a full date (:func:`ends_with_full_date`), its
subject is a name whose verb is in the present simple (:func:`present_simple`), and the block right above or
below it is a photo's credit (a line the ``photo-credit`` rule cut, or a bare credit line: :func:`bare_credit`,
then cut as ``photo-credit`` too). One sign alone is not enough: a credit line may stand above the article's
next paragraph ("Bloomberg via Getty Images." over "Hackers also accessed the computer of …"), a sentence may
end with a date, and a lede may be in the present simple. A verb no caption has after the opening name (a
report's "says" or "notes that", the past, a definition's "is the …": :func:`verb_reading`) keeps the paragraph
whatever the other two signs say. The headline is never a caption.

Read on the even half of the article-extraction benchmark's pages as plain text (``bench/extraction.py``) and
PolNeAR's texts; the odd half held out. A credit line counts only when short (:data:`CREDIT_CHARS`): a caption
that ends with its credit, cut whole by the ``photo-credit`` rule, is no credit line for the paragraph above it.
PolNeAR (924 texts, in-sample, ``bench/captions.py``): 8 of the 11 captions labelled cut and the credit lines
beside them, no prose among 7 paragraphs labelled below credit lines; 6 texts change (12 with the ``photo-credit``
rule's "via" lines). Benchmark, plain text: even half F1 0.921 -> 0.922 (tuned/in-sample), odd half held out
0.889 -> 0.890. The seed articles clean as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline import lexicon
from storyline.text import alternation

from .blocks import _Block
from .chrome_rules import _AGENCY
from .dateline import MONTH

REASON = "caption"
#: How the verb after a sentence's opening name reads (:func:`verb_reading`).
PRESENT, NOT_A_CAPTION, UNKNOWN = "present", "not a caption", "unknown"
CREDIT = "photo-credit"
#: Characters of a caption at most (the AP's captions run to two or three lines under the picture).
CAPTION_CHARS = 400
#: Words of a caption's opening that its verb is looked for in.
VERB_WITHIN = 14
#: Words of an open block ending like a sentence that make it prose an article may be made of (a caption needs one
#: beside it; not a time stamp "on July 13, 2009 at 10:50 AM, updated July 29, 2009 at 12:16 PM").
PROSE_WORDS = 12
_ENDS_LIKE_PROSE = re.compile(r"[.!?][\"”’)]*\s*$")
#: Signs of a caption a paragraph must show (of the three: a full date, a present-simple verb, a credit line).
SIGNS_NEEDED = 2
_VERB_S_CHARS = 3  # "hugs", not "us"

_WEEKDAY = alternation(sorted(lexicon.words("time.weekdays")))
#: A full date closing the sentence: "on Thursday, June 16, 2016.", "on Feb. 27, 2016 in Millington, Tennessee."
_FULL_DATE_END = re.compile(
    rf"\b(?P<weekday>(?i:{_WEEKDAY}),?\s+)?(?i:{MONTH})\.?\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}"
    r"(?P<place>,?\s+in\s+[A-Z][^.!?;]{0,60})?[.!]?[\"”’]?(?:\s*\([^()]{1,80}\))?\.?$"
)
#: A bare credit line: the agency's name alone ("ASSOCIATED PRESS.", "Reuters"), a credit only next to a caption
#: (above an article, it names the wire that sent it). A name through an agency ("Jane Doe via Getty Images.")
#: is the ``photo-credit`` rule's anywhere.
_BARE_CREDIT = re.compile(rf"(?:{_AGENCY})(?: photos?)?\s*\.?", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s]+")
_STRIP = "\"“”‘’'(),;:"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])")
_ABBREVIATIONS = lexicon.words("summary.abbreviations") | lexicon.words("chrome.caption_abbreviations")
_NAME_GLUE = lexicon.words("chrome.name_particles") | lexicon.words("chrome.caption_name_glue")
_FUNCTION = lexicon.words("function_words.stop")
_NOT_CAPTION_VERBS = lexicon.words("chrome.caption_not_verbs") | lexicon.words("speech.verbs")
_PAST_FORMS = lexicon.words("chrome.caption_past_forms")
_PARTICIPLES = lexicon.words("chrome.caption_participles")
_CLAUSE_OPENERS = lexicon.words("chrome.caption_clause_openers")
_BE = frozenset({"is", "are"})
#: Characters of a credit line at most (a caption that ends with its credit is no credit line).
CREDIT_CHARS = 80


def ends_with_full_date(text: str) -> bool:
    """The sentence ends with a full date, its weekday and year given ("… on Thursday, June 16, 2016."), or its
    year and then the place (Getty's "… on February 27, 2016 in Millington, Tennessee."): not prose's "was
    founded on March 3, 2010.".

    Example:
        >>> ends_with_full_date("The mayor waves to the crowd at the pier on Friday, May 3, 2024.")
        True
        >>> ends_with_full_date("The mayor waved to the crowd on Friday.")
        False
    """
    m = _FULL_DATE_END.search(text.strip())
    return m is not None and bool(m["weekday"] or m["place"])


def one_sentence(text: str) -> bool:
    """No sentence ends inside the text (a title's or a state's abbreviation, "Sen.", "Fla.", an initial, does
    not end one).

    Example:
        >>> one_sentence("Sen. Jane Roe (D-Fla.) waves."), one_sentence("Roe waves. She smiles.")
        (True, False)
    """
    for m in _SENTENCE_END.finditer(text.strip()):
        before = text[: m.start()].rstrip('"”’)').rstrip(".!?")
        last = before.split()[-1] if before.split() else ""
        last = last.lstrip('("“').split("-")[-1]
        if text[m.start() - 1] == "." and (last.lower() in _ABBREVIATIONS or (len(last) == 1 and last.isupper())):
            continue
        return False
    return True


def present_simple(text: str) -> bool:
    """The sentence opens with a named subject ("President Barack Obama", "Republican presidential candidate
    Donald Trump", "Jane Roe and John Doe") and its verb, right after the name, is in the present simple
    ("shakes hands", "signs", "place flowers"): a caption's (:func:`verb_reading`).

    Example:
        >>> present_simple("Mayor Jane Roe cuts the ribbon at the new library.")
        True
        >>> present_simple("Mayor Jane Roe cut the ribbon last week."), present_simple("Roe says the work is done.")
        (False, False)
        >>> present_simple("This is the week's news.")
        False
    """
    return verb_reading(text) == PRESENT


def verb_reading(text: str) -> str:
    """How the verb right after the sentence's opening name reads: :data:`PRESENT` (a caption's "hugs", "are
    greeted by"), :data:`NOT_A_CAPTION` (a report's "says" or "notes that", the past, "met", a definition's
    "is the …"), or :data:`UNKNOWN` (no verb found, or one that may be either: "cast").

    Example:
        >>> [verb_reading(f"Jane Roe {verb} Sam Okafor.") for verb in ("hugs", "tells", "cast")]
        ['present', 'not a caption', 'unknown']
    """
    tokens = [t for t in (t.strip(_STRIP) for t in _TOKEN.findall(text)) if t][:VERB_WITHIN]
    named = joined = prev_name = False
    for k, tok in enumerate(tokens):
        low = tok.lower()
        if tok[0].isupper() or tok[0].isdigit():
            named = named or low not in _FUNCTION
            prev_name = low not in _FUNCTION
            continue
        if low in _NAME_GLUE:
            joined = joined or low in ("and", "&")
            continue
        if not prev_name or not named:
            if low.endswith("ed") or low in _PAST_FORMS or low in _NOT_CAPTION_VERBS:
                return NOT_A_CAPTION  # a verb in the past (or a report's) comes first
            prev_name = False
            continue
        reading = _after_name(low, tokens[k + 1].lower() if k + 1 < len(tokens) else "", joined)
        if reading is not None:
            return reading
        prev_name = False
    return UNKNOWN


def _after_name(word: str, after: str, joined: bool) -> str | None:
    """How ``word``, the first lower-case word right after a name (``after`` the word that follows it), reads
    as the sentence's verb (:func:`verb_reading`); None when it is a word of the subject ("presidential")."""
    if word in _NOT_CAPTION_VERBS or word in _PAST_FORMS or word.endswith("ed"):
        return NOT_A_CAPTION
    if word in _BE:  # a caption's passive ("is greeted by"), not a definition ("is the …")
        return PRESENT if _participle(after) else NOT_A_CAPTION
    if after.endswith("ed") or after in _PAST_FORMS or after in _NOT_CAPTION_VERBS or after in _CLAUSE_OPENERS:
        return NOT_A_CAPTION  # a noun after the name and the verb after it ("Trump supporters rallied"), a report
    if word in _FUNCTION or word.endswith("ing") or not word.isalpha():
        return UNKNOWN  # "Jane Roe and John Doe in 2002.", "Jane Roe speaking at …"
    if len(word) >= _VERB_S_CHARS and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return PRESENT
    if joined:
        return PRESENT  # two names, a verb of the plural ("Jane Roe and John Doe place flowers")
    return None


def _participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in _PAST_FORMS or word in _PARTICIPLES


def bare_credit(text: str) -> bool:
    """A photo's credit alone on its line: the agency's name.

    Example:
        >>> bare_credit("ASSOCIATED PRESS."), bare_credit("Getty Images"), bare_credit("Reuters reports.")
        (True, True, False)
    """
    return bool(_BARE_CREDIT.fullmatch(text.strip()))


def _credit(block: _Block) -> bool:
    if len(block.text) > CREDIT_CHARS:
        return False
    return block.reason == CREDIT or (block.reason is None and bare_credit(block.text))


def mark_captions(blocks: Sequence[_Block], keep: int | None = None) -> None:
    """Mark with :data:`REASON` each open one-sentence paragraph that two of the three signs call a caption (a
    full date at its end, a name's verb in the present simple, a credit line next to it), and the bare credit
    lines next to a caption as ``photo-credit``; ``keep``, the headline, is left alone, and so is a paragraph that
    is the page's only prose (a caption stands beside an article: with none beside it, it is the text there is)."""
    prose = [
        j
        for j, b in enumerate(blocks)
        if j != keep and b.reason is None and len(b.text.split()) >= PROSE_WORDS and _ENDS_LIKE_PROSE.search(b.text)
    ]
    for i, block in enumerate(blocks):
        text = block.text
        if i == keep or block.reason is not None or len(text) > CAPTION_CHARS or not one_sentence(text):
            continue
        if not [j for j in prose if j != i]:
            continue
        if not text.rstrip('"”’)').endswith((".", "!")):
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(blocks) and j != keep and _credit(blocks[j])]
        verb = verb_reading(text)
        if verb == NOT_A_CAPTION:
            continue
        signs = ends_with_full_date(text) + (verb == PRESENT) + bool(near)
        if signs < SIGNS_NEEDED:
            continue
        block.reason = REASON
        for j in near:
            if blocks[j].reason is None:
                blocks[j].reason = CREDIT


__all__ = [
    "CAPTION_CHARS",
    "NOT_A_CAPTION",
    "PRESENT",
    "REASON",
    "UNKNOWN",
    "bare_credit",
    "ends_with_full_date",
    "mark_captions",
    "present_simple",
    "verb_reading",
]
