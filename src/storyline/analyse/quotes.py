"""Who said what: direct, partial and indirect quotes in one article, with their speakers.

Pure Python over a parsed spaCy ``Doc`` (tagger + parser + NER; the lemmatizer is not needed) and the
article's entity mentions. Three steps:

1. :func:`quoted_spans` pairs quote marks at the character level, paragraph by paragraph: curly,
   straight, single and double marks and guillemets; apostrophes ("Trump’s", "don’t", "the ’90s") are
   told apart from single quotes by their neighbours; a quote left open at the end of a paragraph and
   reopened at the start of the next is one quote in several pieces (the news convention); unbalanced
   marks never raise — an orphan closing mark is ignored, a quote left open is cut at its paragraph end.
2. Each quoted span is attributed: the nearest cue verb outside quote marks in its sentence ("said",
   "told", "added", inverted "said X", "according to X", "saying", "calling"), preferring one right
   after the closing mark; the speaker is the cue's subject (climbing from participles and conjuncts to
   the verb that has one). A quote with no cue of its own takes the speaker of the quote before it in
   its paragraph, of the other pieces of a multi-paragraph quote, or of the previous paragraph's last
   sentence. Quotes that fill a sentence are ``direct``, quoted fragments inside one are ``partial``.
3. Indirect speech: a cue verb with a content clause ("X said (that) …", "X told Y that …",
   "…, X said.", "according to X, …") gives an ``indirect`` quote of that clause — not a cue the writer
   frames or its subject refuses ("allows Xi to argue …", "declined to say how many …"), nor, as anyone's
   partial quote, a term its subject rejects ("rejected the idea of any “return”"): see
   :mod:`storyline.analyse.quote_frames`.

Speakers are named in their fullest form in the article: a surname or title ("Wu", "Ms Levin") goes to
the full name mentioned elsewhere ("Wu Xinbo", "Henrietta Levin"); "he"/"she" go to the most recent
compatible person (speakers first, then subjects, then other mentions, sentence by sentence backwards;
gender from honorifics, gendered titles, common first names and earlier pronouns); "the Chinese
leader" goes to the person who was the subject just before; "the Chinese ministry" goes to the
organisation mention it abbreviates.

Example:
    >>> from storyline.analyse.nlp import load_nlp            # doctest: +SKIP
    >>> doc = load_nlp()("“We will win,” Ms Levin said.")      # doctest: +SKIP
    >>> [(q.text, q.kind, q.cue) for q in quotes_from_doc(doc, [])]  # doctest: +SKIP
    [('We will win', 'direct', 'said')]

Two levels, as elsewhere: :func:`quotes_from_doc` gives :class:`~storyline.model.Quote` objects;
:func:`attributions_from_doc` also says how each was attributed (the speaker as written next to the
cue, the cue's offsets) — what ``bench/quotes.py`` scores.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache
from typing import Any

from ..model import Mention, Quote
from .entities import JOB_WORDS
from .nlp import doc_text
from .quote_frames import CHARACTERISING_DEPS, NAMING_PREPS, TERM_WORDS, denies_existence, rejects, unsaid

# ------------------------------------------------------------------------------------------ vocabulary


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Verbs that attribute words to a speaker, in every inflection (no lemmatizer: surface forms).
CUE_FORMS = _words(
    """say says said saying tell tells told telling add adds added adding argue argues argued arguing
    note notes noted noting warn warns warned warning write writes wrote writing written claim claims
    claimed claiming insist insists insisted insisting state states stated explain explains explained
    explaining stress stresses stressed stressing ask asks asked asking reply replies replied replying
    respond responds responded responding answer answered recall recalls recalled recalling
    affirm affirms affirmed acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting announce
    announces announced announcing assert asserts asserted asserting declare declares declared
    declaring suggest suggests suggested suggesting tweet tweets tweeted tweeting posted report reports
    reported observe observes observed observing remark remarks remarked comment comments commented
    commenting conclude concludes concluded concluding emphasize emphasizes emphasized emphasizing
    emphasise emphasises emphasised emphasising predict predicts predicted predicting promise promises
    promised vow vows vowed vowing pledge pledges pledged pledging urge urges urged urging caution
    cautions cautioned cautioning complain complains complained complaining concede concedes conceded
    conceding confirm confirms confirmed confirming contend contends contended contending deny denies
    denied denying describe describes described describing call calls called calling liken likens
    likened likening praise praises praised praising hail hails hailed hailing joke jokes joked joking
    quip quips quipped quipping charge charges charged charging allege alleges alleged alleging
    maintain maintains maintained maintaining mention mentions mentioned mentioning reiterate
    reiterates reiterated reiterating repeat repeats repeated repeating reveal reveals revealed
    revealing testify testifies testified testifying boast boasts boasted boasting counter counters
    countered countering retort retorts retorted retorting remind reminds reminded reminding dismiss
    dismisses dismissed dismissing accuse accuses accused accusing criticize criticizes criticized
    criticizing criticise criticises criticised criticising echo echoes echoed echoing frame frames
    framed framing label labels labeled labelled labeling labelling dub dubs dubbed dubbing term terms
    termed slam slams slammed slamming blast blasts blasted blasting lament laments lamented lamenting
    demand demands demanded demanding recount recounts recounted recounting interjecting interjects
    clarify clarifies clarified
    proclaim proclaims proclaimed reason reasoned reassure reassured recommend recommended shout
    shouts shouted shouting yell yells yelled yelling retaliated scream screamed whisper whispered exclaim
    exclaimed mutter muttered grumble grumbled chant chanted chanting continued continues wondered
    mused muse pleaded begged interjected quoted quotes quoting read reads speak speaks spoke speaking mock mocks mocked
    mocking scoffed scoffs sniped snapped fumed gushed bragged raved marveled marvelled conceded vented
    barked barks beamed confessed confesses interrupted interrupts interjects lectured lecturing thanked
    thanks thanking cried sighed sneered groaned found finds reacted questioned assured assures exhorted
    riffed surmised elaborated remembered chided chiding welcomed welcomes credited credits condemned
    condemns condemning blamed blames touted touts commanded cracked boomed blared pressed agreed agrees
    estimated estimates decried decries jeered heckled taunted hollered roared cheered booed intoned implored
    scolded sang sings"""
)
#: Cue verbs that report speech in a content clause ("X said (that) …") — the indirect quotes.
INDIRECT_FORMS = _words(
    """say says said saying tell tells told telling add adds added adding argue argues argued arguing
    note notes noted noting warn warns warned warning write writes wrote writing written claim claims
    claimed claiming insist insists insisted insisting state states stated explain explains explained
    explaining stress stresses stressed stressing reply replies replied respond responds responded
    affirm affirms affirmed acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting announce
    announces announced announcing assert asserts asserted asserting declare declares declared
    declaring suggest suggests suggested suggesting tweet tweets tweeted tweeting report reports
    reported observe observes observed observing remark remarked conclude concludes concluded
    emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising predict
    predicts predicted predicting caution cautions cautioned complain complains complained concede
    concedes conceded conceding confirm confirms confirmed confirming contend contends contended
    contending charge charges charged allege alleges alleged alleging maintain maintains maintained
    mention mentioned reiterate reiterates reiterated reiterating reveal reveals revealed testify
    testified boast boasts boasted counter countered retort retorted remind reminds reminded
    reminding recall recalls recalled recount recounted clarify clarified proclaim proclaimed
    reassure reassured ask asks asked asking"""
)
#: Cues that hand their speaker to a quote opening the next paragraph.
STRONG_CUES = _words(
    """said says say told tells spoke speaks speaking added adds wrote writes asked asks explained stated
    continued recalled argued insisted insists tweeted posted declared agreed"""
)
#: Cues that can follow a quote ending with its own full stop and still belong to its sentence.
TRAILING_CUES = _words(
    """said says say added adds wrote writes told tells asked asks tweeted explained insisted continued
    noted argued stressed warned replied responded according recalled declared exclaimed concluded
    quipped joked shouted posted barked beamed confessed interrupted cried sighed went shot fired reacted
    questioned pressed agreed read reads states stated cut chimed jeered heckled taunted hollered roared
    scolded implored"""
)
#: Cues that attribute a quote only when it is inside their own phrase ("calling relations “strong”").
WEAK_CUES = _words(
    """call calls called calling describe describes described describing frame frames framed framing label
    labels labeled labelled labeling labelling dub dubs dubbed dubbing term terms termed praise praises
    praised praising hail hails hailed hailing liken likens likened likening echo echoes echoed echoing
    dismiss dismisses dismissed dismissing accuse accuses accused accusing criticize criticizes
    criticized criticizing criticise criticised slam slams slammed slamming blast blasts blasted
    blasting remind reminds reminded reminding urge urges urged urging demand demands demanded vow vows
    vowed vowing pledge pledges pledged pledging promise promises promised continued continues quoted
    lament laments lamented recommend recommended chant chanted chanting read reads thanked thanks thanking found finds
    welcomed welcomes credited credits condemned condemns condemning blamed blames touted touts chided chiding
    commanded agreed agrees"""
)
#: Nouns that can head the speaker of indirect speech (besides names, pronouns, titles, organisations).
SPEAKER_NOUNS = _words(
    """official officials analyst analysts expert experts critic critics source sources aide aides adviser
    advisers advisor advisors diplomat diplomats lawmaker lawmakers leader leaders minister ministers
    authorities people residents observers economists scholars researchers commentators supporters
    opponents voters democrats republicans members member person man woman men women statement
    readout read-out report reports poll polls survey study document letter media officer officers
    investigators prosecutors prosecutor lawyers lawyer attorneys attorney judge judges spokesperson
    representatives representative staff staffers employees workers activists advocates allies
    friends family executives executive candidate candidates nominee voter campaign officials’ others
    someone everyone nobody many some several few both all another administration insiders strategists
    strategist pollster pollsters organizers organisers protesters demonstrators witnesses witness
    police agency ministry government percent husband wife son daughter father mother brother sister
    partner spouse neighbor neighbour crowd audience host moderator friend ad ads advertisement video videos
    post tweet tweets memo email e-mail sign signs message website site column editorial footnote banner
    banners headline caption transcript team office voice voice-over narrator announcer"""
)
#: "pointed out", "points out": a cue only with its particle.
PARTICLE_CUES = {
    "point": "out",
    "points": "out",
    "pointed": "out",
    "pointing": "out",
    "went": "on",
    "goes": "on",
    "shot": "back",
    "fired": "back",
    "hit": "back",
    "put": "it",
    "puts": "it",
    "putting": "it",
    "cut": "in",
    "cuts": "in",
    "chimed": "in",
    "chimes": "in",
}
PRONOUNS_M = _words("he him")
PRONOUNS_F = _words("she her")
PRONOUNS_NONE = _words("i we you me us")
PRONOUNS_GROUP = _words("they them it")
HONORIFICS_M = _words("mr mr. mister sir lord")
HONORIFICS_F = _words("mrs mrs. ms ms. miss dame lady madam")
TITLE_WORDS = _words(
    """mr mr. mrs mrs. ms ms. miss mister sir dame lady lord madam dr dr. prof prof. professor president
    vice prime minister premier chancellor secretary senator sen. rep. representative governor gov.
    mayor king queen prince princess general gen. admiral colonel col. chairman chairwoman chair ceo
    ambassador spokesman spokeswoman spokesperson speaker leader judge justice deputy chief director
    commissioner pope bishop lt. sgt. captain capt. coach president-elect congressman congresswoman
    rev. reverend former acting state foreign defense defence treasury first councillor councilor
    councilman councilwoman alderman alderwoman assemblyman assemblywoman sheriff pastor rabbi archbishop
    cardinal imam sheikh mp mep msp mla"""
)
#: Words stripped from the front of a speaker's name: titles and jobs ("Analyst Priya Shah" -> "Priya Shah").
LEADING_TITLES = TITLE_WORDS | JOB_WORDS
GENDERED_ROLES_F = _words(
    "chairwoman spokeswoman congresswoman queen princess duchess businesswoman madam lady actress"
)
GENDERED_ROLES_M = _words("chairman spokesman congressman king prince duke businessman actor")
#: Nouns that describe a person already named ("the Chinese leader said", "the senior fellow said").
DESCRIPTOR_NOUNS = _words(
    """leader president fellow analyst official minister senator spokesman spokeswoman spokesperson
    diplomat adviser advisor expert director professor premier chairman chairwoman candidate nominee
    governor congressman congresswoman lawmaker economist businessman billionaire scholar researcher
    ambassador secretary chancellor mayor general chief executive founder lawyer attorney author
    strategist commentator politician republican democrat frontrunner front-runner former actress actor
    singer star host anchor columnist judge activist veteran candidate pastor mogul magnate"""
)
ORG_HEADS = _words(
    """institute institution council group agency ministry department court university college company
    party bank committee commission association union organisation organization foundation center
    centre office house administration board authority bureau service network fund league assembly
    parliament congress senate army navy police government campaign team embassy cabinet spokesman
    spokeswoman spokesperson statement"""
)
FEMALE_NAMES = _words(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha
    gloria teresa ann anne sara madison frances kathryn janice abigail alice judy sophia grace denise
    amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla
    alexis lori hillary hilary chelsea kamala nikki condoleezza madeleine ivanka melania huma kellyanne
    elise tulsi ilhan alexandria dianne kirsten ursula jacinda sanae henrietta giorgia liz kristi hope
    katie megyn maxine debbie tammy claire jill susana loretta janet sheila valerie carly marsha
    kristen meghan michele suzanne wendy yvonne zoe ayanna rashida nadine sophie
    julia caroline kate lucy jane mia leah rosa ines ingrid annalena kaja tsai-ing margrethe"""
)
MALE_NAMES = _words(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
    zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
    carl arthur lawrence dylan jesse bryan billy joe bruce gabriel logan albert willie alan juan wayne
    elijah randy roy vincent ralph eugene russell bobby philip louis barack bernie mitt mike ted marco
    rand chris jeb ben newt rudy reince rick tim bill hal neil vladimir boris emmanuel olaf narendra
    recep bibi volodymyr sergei sergey dmitry antonio jared steve mick chuck mitch hunter lloyd antony
    jake pete tom kurt jim greg corey herman jeff tony dick al jon marc mario luis carlos pedro xi
    jinping hu wen keir rishi fumio shinzo yoon moon lai kevin ron dan doug matt josh rob nick
    sam ed ken fred jimmy jerome"""
)
#: Abbreviations whose period does not end a sentence.
ABBREVIATIONS = _words(
    """mr mrs ms dr st jr sr gov sen rep gen col lt sgt capt prof inc corp co ltd vs no jan feb mar apr
    jun jul aug sep sept oct nov dec ft mt rev hon pres dept est approx fig vol ave blvd adm cmdr"""
)

DOUBLE_MARKS = frozenset('“”"«»„‟')
SINGLE_MARKS = frozenset("‘’'‹›‚‛")
CLOSING_QUOTES = frozenset("”\"’'»›")
_OPEN_ONLY = frozenset("«„‹‚")
_CLOSE_ONLY = frozenset("»›")
_OPENING_PUNCT = frozenset("([{<—–-/:") | frozenset("“‘«‹„‚")
_CLOSING_PUNCT = frozenset(".,;:!?)]}>…—–-/") | frozenset("”’»›")
_ELISION = re.compile(r"(?:\d|em\b|til\b|n\b|cause\b|tis\b|twas\b|bout\b|round\b)", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?…]+[\"”’'»)\]]*[ \t\u00a0]+(?=\S)")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TERMINAL = frozenset(".!?…")

OPEN, CLOSE, EITHER = 1, 2, 3

# ----------------------------------------------------------------------------------- 1. quote marks


@dataclass(slots=True)
class QuotedSpan:
    """Words between quote marks (marks excluded), one piece per paragraph.

    ``open_mark``/``close_mark`` are the offsets of the marks, ``None`` where the piece runs from the
    start or to the end of its paragraph (a quote continued across paragraphs, or left unclosed).
    Pieces of one multi-paragraph quote share ``chain``.
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    chain: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` as (start, end) offsets, trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _ctx(text: str, i: int) -> tuple[bool, bool]:
    """(may open, may close) for a mark at ``i``, from its neighbours."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    may_open = (prev.isspace() or prev in _OPENING_PUNCT) and not nxt.isspace()
    may_close = (not prev.isspace()) and (nxt.isspace() or nxt in _CLOSING_PUNCT)
    return may_open, may_close


def _role(text: str, i: int) -> int | None:
    """OPEN, CLOSE, EITHER, or None (an apostrophe) for the quote mark at ``i``."""
    ch = text[i]
    if ch in _OPEN_ONLY:
        return OPEN
    if ch in _CLOSE_ONLY:
        return CLOSE
    may_open, may_close = _ctx(text, i)
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in SINGLE_MARKS:
        if prev.isalnum() and nxt.isalpha():
            return None  # don’t, Trump’s, O’Brien
        if prev.isdigit() and nxt in "sS":
            return None  # 1990’s
        if may_open and not may_close:
            return None if _ELISION.match(text, i + 1) else OPEN
        if may_close and not may_open:
            return CLOSE  # also a plural possessive (voters’); only closes an open single quote
        return None
    if ch == "“":
        return CLOSE if (may_close and not may_open) else OPEN
    if ch == "”":
        return OPEN if (may_open and not may_close) else CLOSE
    if may_open and not may_close:
        return OPEN
    if may_close and not may_open:
        return CLOSE
    return EITHER


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """Whitespace off both ends, and the comma that only joins the quote to its attribution."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _pair(
    text: str,
    paras: Sequence[tuple[int, int]],
    marks: frozenset[str],
    blocked: Sequence[tuple[int, int]],
    emit_unclosed: bool,
    first_chain: int,
) -> list[QuotedSpan]:
    """Pair the marks of one family (double or single) paragraph by paragraph, never raising."""
    out: list[QuotedSpan] = []
    chain = first_chain
    dangling: QuotedSpan | None = None  # a piece left open at the end of the previous paragraph
    bl_starts = [b[0] for b in blocked]

    def is_blocked(i: int) -> bool:
        k = bisect.bisect_right(bl_starts, i) - 1
        return k >= 0 and blocked[k][0] <= i <= blocked[k][1]

    for ps, pe in paras:
        found = [(i, _role(text, i)) for i in range(ps, pe) if text[i] in marks and not is_blocked(i)]
        found = [(i, r) for i, r in found if r is not None]
        open_at: int | None = None  # offset of the opening mark of the quote now open
        virtual = False  # open since the paragraph start without a mark (continued quote)
        cur_chain = -1
        k = 0
        if dangling is not None:
            first = found[0] if found else None
            if first is not None and first[0] == ps and first[1] in (OPEN, EITHER):
                open_at, cur_chain, k = first[0], dangling.chain, 1  # reopened: the news convention
            elif first is not None and first[1] == CLOSE:
                virtual, cur_chain = True, dangling.chain  # continued without a reopening mark
            elif not emit_unclosed:
                out.remove(dangling)  # a single quote never closed: most likely an apostrophe
            else:
                dangling.closed = False
            dangling = None
        while k < len(found):
            i, r = found[k]
            k += 1
            if open_at is None and not virtual:
                if r in (OPEN, EITHER):
                    open_at = i
                elif i == ps and any(r2 in (CLOSE, EITHER) for _, r2 in found[k:]):
                    open_at = i  # "” … they are so not like him,” she said": a closing mark typed for an opening one
                continue  # an orphan closing mark is ignored
            if r in (CLOSE, EITHER):
                a, b = _trimmed(text, ps if virtual else (open_at or 0) + 1, i)
                if b > a:
                    if cur_chain < 0:
                        chain += 1
                        cur_chain = chain
                    out.append(QuotedSpan(a, b, None if virtual else open_at, i, cur_chain))
                open_at, virtual, cur_chain = None, False, -1
            else:  # a second opening mark while one is open: the first was never closed; drop it
                open_at, virtual, cur_chain = i, False, -1
        if open_at is not None or virtual:
            a, b = _trimmed(text, ps if virtual else (open_at or 0) + 1, pe)
            if b > a:
                if cur_chain < 0:
                    chain += 1
                    cur_chain = chain
                dangling = QuotedSpan(a, b, None if virtual else open_at, None, cur_chain)
                out.append(dangling)
    if dangling is not None:
        if emit_unclosed:
            dangling.closed = False
        else:
            out.remove(dangling)
    return out


_DOUBLE_APOSTROPHES = re.compile(r"''|``")


def _double_apostrophes(text: str) -> str:
    """Two apostrophes (or backticks) used as one double quote mark, as in some archives' plain text
    (''That wasn't fair,'' he said): rewritten as a space and a double mark, or a double mark and a space,
    so that offsets stay the same and the mark pairs like any other."""
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in _DOUBLE_APOSTROPHES.finditer(text):
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        if m.group() == "``" or ((prev.isspace() or prev in _OPENING_PUNCT) and not nxt.isspace()):
            chars[i], chars[i + 1] = " ", '"'  # opening: the mark sits right before the words
        elif not prev.isspace():
            chars[i], chars[i + 1] = '"', " "  # closing: the mark sits right after the words
    return "".join(chars)


#: Markup left in plain text ('<tweet id="7681" author="@AP">', '<a href="…">'): its quote marks quote nothing.
_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?>")


def quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted pieces of ``text`` in order: double quotes, and single quotes outside them.

    Single quotes that hold double quotes (British style) win over the double quotes inside them.

    Example:
        >>> [text[q.start:q.end] for text in ["He said “we’re ‘fine’” and ‘no’."] for q in quoted_spans(text)]
        ['we’re ‘fine’', 'no']
    """
    text = _double_apostrophes(text)
    paras = paragraphs(text)
    tags = [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []
    dbl = _pair(text, paras, DOUBLE_MARKS, tags, True, 0)

    def outer(q: QuotedSpan) -> tuple[int, int]:
        return (
            q.open_mark if q.open_mark is not None else q.start,
            q.close_mark if q.close_mark is not None else q.end,
        )

    blocked = sorted([outer(q) for q in dbl] + tags)
    sgl = _pair(text, paras, SINGLE_MARKS, blocked, False, 1 + max((q.chain for q in dbl), default=0))
    if sgl:
        s_out = [outer(q) for q in sgl]
        dbl = [q for q in dbl if not any(a <= q.start and q.end <= b for a, b in s_out)]
    # a piece left unclosed with fewer than two words is most likely a stray mark
    spans = [q for q in dbl + sgl if q.closed or len(_WORD.findall(text[q.start : q.end])) >= 2]
    spans.sort(key=lambda q: q.start)
    return spans


# ------------------------------------------------------------------------------------- 2. sentences


def _is_abbreviation(text: str, i: int) -> bool:
    """True when the period at ``i`` ends an abbreviation ("Mr.", "U.S.", "J.")."""
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = text[j:i].lstrip("(\"“‘'").lower()
    return word in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


#: "Mr." and the like, capitalised as they stand before a name: their period does not end a sentence.
_TITLE_DOTS = re.compile(r"\b(" + "|".join(sorted(w.capitalize() for w in ABBREVIATIONS)) + r")\.")


#: Finite verbs that show a new clause before a would-be trailing cue.
_CLAUSE_VERBS = _words("is was are were has have had will would can could does did isn't wasn't")
_CONTRACTED_IS = re.compile(r"(?:that|it|there|here|what|he|she|who)['’]s")  # "That's why, he added, …"


_PARTICLE = re.compile(r"^(?:back|out|in|up|on)\b\s*")


def _cue_follows(text: str, pos: int, stop: str = ".") -> bool:
    """True when an attribution follows a quote that ends with its own ``stop`` ("…!” Trump wrote.").

    After "!" or "?" a cue within six words will do ("…!” US Senator Jeff Sessions said as he …");
    after a full stop only a short one ("…” Trump wrote.", "…” said Wu Xinbo, an adviser …").
    """
    seg = re.split(r"[.!?;]", _TITLE_DOTS.sub(r"\1", text[pos : pos + 200]), maxsplit=1)[0]
    words = _WORD.findall(seg)
    if words and words[0].lower() in TRAILING_CUES:
        return not words[0][:1].isupper()  # "…” said Trump." joins; "…” Asked which county, he …" starts anew
    for k, w in enumerate(words[: 6 if stop in "!?" else 4]):
        if w.lower() in TRAILING_CUES:
            if any(x.lower() in _CLAUSE_VERBS or _CONTRACTED_IS.fullmatch(x.lower()) for x in words[:k]):
                return False  # "….'' It was, he said, one of …": a new sentence with a parenthetical cue
            rest = seg[seg.find(w) + len(w) :].lstrip()
            opens = _PARTICLE.sub("", rest)
            if opens[:1] in (",", ":") and opens[1:].lstrip()[:1] in ("“", '"', "‘", "«", "'", "`"):
                return False  # "….” He added, “…”", "…?” Mills then writes back, “…”": the cue opens the next quote
            if stop in "!?":
                return True
            if stop == "." and words[0] in ("He", "She", "They", "We", "I", "It") and len(words) > 3:
                return False  # "….'' He said, twice, that he …": a capitalised pronoun opens a new sentence
            return len(words) <= 8 or rest[:1] in (",", "")
    return False


def sentence_starts(text: str, spans: Sequence[QuotedSpan]) -> list[int]:
    """Offsets where sentences start: paragraph starts and sentence ends outside quote marks.

    A quote ending with its own full stop ends the sentence unless an attribution follows
    (“…!” Trump wrote.).
    """
    starts = {a for a, _ in paragraphs(text)}
    outer = sorted(
        (q.open_mark if q.open_mark is not None else q.start, q.close_mark if q.close_mark is not None else q.end, q)
        for q in spans
    )
    o_starts = [o[0] for o in outer]
    for m in _SENT_END.finditer(text):
        i, nxt = m.start(), m.end()
        ch = text[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in "“‘\"'«("):
            continue
        if text[i] == "." and m.group().startswith(".") and _is_abbreviation(text, i):
            continue
        k = bisect.bisect_right(o_starts, i) - 1
        if k >= 0 and outer[k][0] <= i <= outer[k][1]:
            q = outer[k][2]
            # inside quote marks only the full stop ending the quoted words can end the sentence
            if q.close_mark is None or i < q.end - 1 or q.close_mark >= nxt or _cue_follows(text, nxt, text[i]):
                continue
        starts.add(nxt)
    return sorted(starts)


# ------------------------------------------------------------------------------------ 3. the parse


@dataclass(slots=True)
class _Person:
    pos: int
    key: str  # the full name as written ("Henrietta Levin")
    tier: int  # 0 speaker, 1 subject of the main clause, 2 other subject, 3 other mention
    start: int
    end: int


@dataclass(slots=True)
class Attribution:
    """A quote with how it was found: the speaker as written next to the cue ("she", "Ms Levin", "who")."""

    quote: Quote
    speaker_local: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    anchor: int = 0
    chain: int = -1
    para: int = 0
    subject_i: int | None = None  # token index of the cue's subject (unresolved)
    words: int = 0
    explicit: bool = False  # the cue is in the quote's own sentence
    title_like: bool = False
    headline: tuple[int, int] | None = None  # a digest's capitalised headline right before the quote
    unsaid: bool = False  # "declined to say whether …": no quote, but its subject is the one speaking around it


@dataclass
class _Doc:
    doc: Any
    text: str
    mentions: list[Mention]
    tok_starts: list[int] = field(default_factory=list)
    in_quote: list[bool] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    para_starts: list[int] = field(default_factory=list)
    m_starts: list[int] = field(default_factory=list)
    full_names: dict[str, list[Mention]] = field(default_factory=dict)  # name token -> full-name mentions
    gender: dict[str, str] = field(default_factory=dict)  # full name -> "m" | "f"
    token_gender: dict[str, str] = field(default_factory=dict)  # surname token -> gender (honorifics)
    persons: list[_Person] = field(default_factory=list)
    group_cache: dict[tuple[str, ...], list[_NameGroup]] = field(default_factory=dict)
    outer: list[tuple[int, int]] = field(default_factory=list)  # quoted pieces with their marks, in order
    outer_starts: list[int] = field(default_factory=list)
    person_pos: list[int] = field(default_factory=list)

    # ---- offsets
    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def sent_of(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1

    def para_of(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def mention_at(self, char: int) -> Mention | None:
        k = bisect.bisect_right(self.m_starts, char) - 1
        for j in range(k, max(-1, k - 3), -1):
            m = self.mentions[j]
            if m.start <= char < m.end:
                return m
        return None


@lru_cache(maxsize=4096)
def _name_tokens_cached(name: str) -> tuple[str, ...]:
    toks = name.replace("’", "'").split()
    while len(toks) > 1 and toks[0].lower() in LEADING_TITLES:
        toks.pop(0)
    if toks and toks[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii", "iv") and len(toks) > 2:
        toks = toks[:-2] + [toks[-2] + " " + toks[-1]]
    return tuple(re.sub(r"'s$", "", t).strip(",") for t in toks)


def _name_tokens(name: str) -> list[str]:
    """Name words without leading titles or a possessive: "President Xi’s" -> ["Xi"]."""
    return list(_name_tokens_cached(name))


def _strip_titles(m: Mention) -> tuple[str, int]:
    """The mention's text without leading titles ("President Xi Jinping" -> "Xi Jinping"), and its start."""
    text, start = m.text, m.start
    while True:
        parts = text.split(None, 2)
        if len(parts) >= 2 and (parts[0].lower() in LEADING_TITLES or parts[0].lower() in CUE_FORMS):  # "Stated Stone"
            off = text.index(parts[1])
            text, start = text[off:], start + off
            continue
        if len(parts) == 3 and parts[1].lower() in TITLE_WORDS and parts[0][:1].isupper():
            off = text.index(parts[2], len(parts[0]) + len(parts[1]))  # "Taiwan premier Cho Jung-tai"
            text, start = text[off:], start + off
            continue
        return text, start


def _past_marks(m: Mention) -> Mention:
    """A mention glued to a quote by a missing space ("paranoia,”Clinton") cut to the part after the mark."""
    cut = max(m.text.rfind(c) for c in '”"’»')
    if cut == len(m.text) - 1:
        cut = -1
    lead = cut + 1
    while lead < len(m.text) - 1 and not m.text[lead].isalnum():
        lead += 1  # "- Sanders", "-President Obama"
    if lead == 0:
        return m
    return dc_replace(m, start=m.start + lead, text=m.text[lead:])


def _widen(d: _Doc, m: Mention) -> Mention:
    """A person mention the NER cut short ("Levin" in "Henrietta Levin") widened over the name words before it."""
    if m.label != "PERSON":
        return m
    doc = d.doc
    i = d.tok_at(m.start)
    if i >= len(doc) or doc[i].idx != m.start:
        return m
    j = i
    while j > 0:
        t = doc[j - 1]
        if not (t.pos_ == "PROPN" and t.dep_ == "compound" and t.text[:1].isupper() and t.ent_type_ in ("", "PERSON")):
            break
        if t.lower_ in TITLE_WORDS or "\n" in t.text_with_ws or t.head.i < i:
            break
        j -= 1
    if j == i:
        return m
    start = doc[j].idx
    return dc_replace(m, start=start, text=d.text[start : m.end])


def _build(doc: Any, mentions: Sequence[Mention], spans: Sequence[QuotedSpan], raw: str | None = None) -> _Doc:
    text: str = _double_apostrophes(doc.text if raw is None else raw)  # same length: offsets hold
    d = _Doc(doc=doc, text=text, mentions=[])
    d.tok_starts = doc.to_array("IDX").tolist()  # (iterating Tokens costs an object per token)
    d.mentions = sorted((_widen(d, _past_marks(m)) for m in mentions), key=lambda m: (m.start, -m.end))
    ms = d.mentions
    d.in_quote = [False] * len(doc)
    for q in spans:
        a = q.open_mark if q.open_mark is not None else q.start
        b = q.close_mark if q.close_mark is not None else q.end - 1
        for ti in range(d.tok_at(a), min(len(doc), d.tok_at(b) + 1)):
            t = doc[ti]
            # a token running on past the closing mark (“…,”Clinton said) is not quoted
            if t.idx <= b and t.idx + len(t.text) <= b + 1:
                d.in_quote[ti] = True
    d.sent_starts = sentence_starts(text, spans)
    d.outer = sorted(
        (q.open_mark if q.open_mark is not None else q.start, q.close_mark + 1 if q.close_mark is not None else q.end)
        for q in spans
    )
    d.outer_starts = [o[0] for o in d.outer]
    d.para_starts = [a for a, _ in paragraphs(text)]
    d.m_starts = [m.start for m in ms]
    # full person names, indexed by their first and last name token
    for m in ms:
        if m.label != "PERSON" or m.titlecase:
            continue
        toks = _name_tokens(m.text)
        if len(toks) < 2 or not toks[0][:1].isupper() or not toks[-1][:1].isalpha():
            continue
        for t in {toks[0].lower(), toks[-1].lower()}:
            d.full_names.setdefault(t, []).append(m)
    # gender of surnames from honorifics ("Ms Levin", "Mr. Xi")
    for hm in re.finditer(r"\b(Mr|Mrs|Ms|Miss|Mister|Sir|Dame|Lady|Lord|Madam)\.?\s+([A-Z][\w'’-]+)", text):
        g = "f" if hm.group(1).lower() in HONORIFICS_F else "m"
        d.token_gender.setdefault(hm.group(2).replace("’", "'").split("'")[0].lower(), g)
    return d


def _gender_of(d: _Doc, key: str, m: Mention | None = None) -> str | None:
    if key in d.gender:
        return d.gender[key]
    toks = _name_tokens(key)
    g: str | None = None
    if toks:
        first = toks[0].lower()
        if first in FEMALE_NAMES:
            g = "f"
        elif first in MALE_NAMES and len(toks) > 1:
            g = "m"
        for t in (toks[-1].lower(), first):
            if g is None and t in d.token_gender:
                g = d.token_gender[t]
    if g is None and m is not None and m.role:
        role = {w.lower() for w in m.role.split()}
        g = "f" if role & GENDERED_ROLES_F else ("m" if role & GENDERED_ROLES_M else None)
    if g is not None:
        d.gender[key] = g
    return g


@dataclass(slots=True)
class _NameGroup:
    """All full-name mentions of one person (same first and last name word), for fast lookups."""

    starts: list[int]  # every mention, sorted
    fullest: list[Mention]  # the longest written forms, sorted by start
    fullest_starts: list[int]


def _groups(d: _Doc, toks: tuple[str, ...]) -> list[_NameGroup]:
    """The people whose full name a name (as name words) can stand for, computed once per name."""
    if toks in d.group_cache:
        return d.group_cache[toks]
    if len(toks) >= 2:
        key = toks[0].lower()
        cands = [m for m in d.full_names.get(toks[-1].lower(), []) if _name_tokens(m.text)[0].lower() == key]
    else:
        cands = list(d.full_names.get(toks[0].lower(), []))
        # a surname ("Levin") matches the last token; a family name first ("Xi", "Wu") the first one
        last = [m for m in cands if _name_tokens(m.text)[-1].lower() == toks[0].lower()]
        cands = last or cands
    by_key: dict[str, list[Mention]] = {}
    for m in cands:
        nt = _name_tokens(m.text)
        by_key.setdefault(f"{nt[0].lower()} {nt[-1].lower()}", []).append(m)
    out: list[_NameGroup] = []
    for ms in by_key.values():
        ms.sort(key=lambda m: m.start)
        longest = max(len(_strip_titles(m)[0]) for m in ms)
        fullest = [m for m in ms if len(_strip_titles(m)[0]) == longest]
        out.append(_NameGroup([m.start for m in ms], fullest, [m.start for m in fullest]))
    d.group_cache[toks] = out
    return out


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\b\.?\s+[A-Z]")


def _full_person(d: _Doc, name: str, pos: int) -> Mention | None:
    """The mention giving the fullest form of a person's name ("Levin" -> the "Henrietta Levin" mention).

    Among several people it could name, the one mentioned last before ``pos``; the nearest earlier
    occurrence of the fullest form (or the first one, when all come later).
    """
    toks = tuple(_name_tokens(name))
    if not toks:
        return None
    groups = _groups(d, toks)
    if not groups:
        return None

    def score(g: _NameGroup) -> tuple[int, int, int]:
        k = bisect.bisect_right(g.starts, pos)
        return (1 if k else 0, g.starts[k - 1] if k else -1, len(g.starts))

    honor = _HONORIFIC.search(d.text[max(0, pos - 6) : pos + 6])
    if honor is not None:
        # "Mr. Trump" after "Ivana Trump": an honorific rules out the people of the other gender
        want = "f" if honor.group(1).lower().startswith(("mrs", "ms", "miss")) else "m"
        genders = [_gender_of(d, _strip_titles(g.fullest[0])[0]) for g in groups]
        same = [g for g, x in zip(groups, genders, strict=True) if x == want]
        groups = same or [g for g, x in zip(groups, genders, strict=True) if x is None]
        if not groups:
            return None
    best = max(groups, key=score)
    k = bisect.bisect_right(best.fullest_starts, pos)
    return best.fullest[k - 1] if k else best.fullest[0]


# ---------------------------------------------------------------------------------------- cues


def _is_cue(tok: Any) -> bool:
    low = tok.lower_
    if low == "according":
        return any(c.lower_ == "to" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
        )
    if low in PARTICLE_CUES:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == PARTICLE_CUES[low]
    if low not in CUE_FORMS:
        return False
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        # a cue the tagger took for a noun ("Article 33 affirms: “…”", "footage of Trump saying, “…”"):
        # only right before the quote it opens, and never as the head of a noun phrase ("Trump's remarks “…”")
        nxt = [t for t in tok.doc[tok.i + 1 : tok.i + 3] if not t.is_space]
        opens = bool(nxt) and (nxt[0].is_quote or (nxt[0].text in (",", ":") and len(nxt) > 1 and nxt[1].is_quote))
        bare = not any(c.dep_ in ("det", "poss", "amod") for c in tok.children)
        if opens and bare and low.endswith(("ing", "ed", "s")):
            return True
        # "“…,” the Saudis state in the white paper": a short noun phrase after a quote's comma, then the cue
        j = tok.i - 1
        while j > tok.i - 8 and j >= 0 and (
            tok.doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "ADP") or tok.doc[j].text == "-"
        ):
            j -= 1
        return bool(
            j < tok.i - 1
            and j >= 1
            and tok.doc[j].is_quote
            and tok.doc[j - 1].text == ","
            and tok.doc[j + 1].pos_ in ("DET", "PROPN", "NOUN", "ADJ")  # "a voice-over in the ad states"
        )
    if low.startswith("call") and any(c.dep_ == "prt" for c in tok.children):
        return False  # "call in favors", "call off", "call up"
    if (
        low.startswith(("read", "found", "find"))
        and not (tok.i > 0 and tok.doc[tok.i - 1].is_punct)  # "“…,” read one."
        and any(c.dep_ == "dobj" and not c.is_quote and c.pos_ != "PRON" for c in tok.children)
    ):
        return False  # "read the bill", "found a home": not speech
    if low.startswith("maintain") and not (
        any(c.dep_ == "ccomp" for c in tok.children)
        or (tok.i + 1 < len(tok.doc) and (tok.doc[tok.i + 1].is_punct or tok.doc[tok.i + 1].lower_ == "that"))
        or (tok.i > 0 and tok.doc[tok.i - 1].is_punct)
    ):
        return False  # "maintains relations with Beijing": only "maintains (that) …" or "…,” he maintained" speak
    return bool(tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"))


def _cue_text(tok: Any) -> str:
    if tok.lower_ == "according":
        return f"{tok.text} to"
    prt = [c for c in tok.children if c.dep_ == "prt"]
    if tok.lower_ in PARTICLE_CUES and tok.i + 1 < len(tok.doc):
        return f"{tok.text} {tok.doc[tok.i + 1].text}"
    return f"{tok.text} {prt[0].text}" if prt else str(tok.text)


def _subject(tok: Any, in_quote: Sequence[bool] | None = None) -> Any | None:
    """The subject of a cue verb, climbing from participles, conjuncts and relative clauses.

    Never into quoted words (``in_quote``) and never across a paragraph break.
    """
    subj = _subject_any(tok, in_quote)
    if subj is None or (subj.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "X", "DET", "ADJ") and not _name_like(subj)):
        return None
    if (subj.ent_type_ in ("DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL") and not _aged(subj)) or subj.lower_.rstrip(
        "."
    ) in WEEKDAYS_MONTHS:
        return None
    a, b = sorted((subj.i, tok.i))
    if "\n" in tok.doc[a : b + 1].text:
        return None
    return subj


def _name_like(tok: Any) -> bool:
    """A name the tagger took for another word class ("said Skelly" with "Skelly" as an adverb): a
    capitalised word inside the sentence, tagged PERSON or not a function word."""
    if tok.ent_type_ == "PERSON":
        return True
    return bool(
        tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.text.isupper()
        and not tok.is_sent_start
        and (tok.pos_ in ("ADV", "ADJ", "NOUN") or (tok.pos_ == "VERB" and tok.dep_ in ("nsubj", "nsubjpass")))
        and tok.lower_ not in WEEKDAYS_MONTHS
    )


def _aged(tok: Any) -> bool:
    """ "the 46-year-old": a person described by age, which the NER tags as a DATE."""
    return bool(tok.lower_ == "old" or tok.lower_.endswith("-old"))


def _subject_any(tok: Any, in_quote: Sequence[bool] | None) -> Any | None:
    if tok.lower_ == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(tok.doc):
            to = tok.doc[tok.i + 1]
        if to is None:
            return None
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if tok.lower_ in ("quotes", "quoted", "quoting"):
        # "Frank quotes former Carter adviser Alfred Kahn: …": the one quoted speaks
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and (
                obj.pos_ == "PROPN"
                or obj.ent_type_ == "PERSON"
                or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in obj.children)
                or obj.lower_ in JOB_WORDS | SPEAKER_NOUNS
            )
            and not (in_quote is not None and in_quote[obj.i])
        ):
            return obj
        # "Trump was quoted as saying …": the passive subject speaks
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if sp is not None and not (in_quote is not None and in_quote[sp.i]):
            return sp
    if tok.dep_ == "conj" and tok.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass", "cc") for c in tok.children):
        # "…, a move the bloc's economy chief said would …" parsed as a second verb of the sentence's subject: the
        # noun right before the cue is its subject
        prev = tok.doc[tok.i - 1]
        if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("appos", "npadvmod") and prev.head.i < prev.i:
            if not (in_quote is not None and in_quote[prev.i]):
                return prev
    t = tok
    past_it = False
    for _ in range(6):
        subjs = [
            c
            for c in t.children
            if (c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "advmod" and _name_like(c) and c.i < t.i))
            and (c.ent_type_ not in ("DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL") or _aged(c))
            and c.lower_.rstrip(".") not in WEEKDAYS_MONTHS
            and not (in_quote is not None and in_quote[c.i])
        ]
        subj = min(subjs, key=lambda c: abs(c.i - t.i)) if subjs else None
        if subj is not None:
            if t.dep_ == "relcl" and _relative_head(subj) is not None and t.head.dep_ not in ("nsubj", "nsubjpass"):
                # "…, including Mike Pence, who called their son “…”": "who", standing for Mike Pence; but "an
                # official who spoke anonymously said" is the official, the subject of the sentence's own verb
                return subj
            if subj.tag_ in ("WP", "WDT") and t.dep_ == "relcl":
                return t.head
            if subj.tag_ in ("WP", "WDT"):
                # "…, a Clinton endorser whose district … but who suggested …": the relative clause's antecedent
                rel = next((x for x in [t, *t.ancestors] if x.dep_ == "relcl"), None)
                return rel.head if rel is not None else None
            if subj.dep_ == "nsubjpass" and t.i == tok.i:
                # "was told", "is said to": the subject is not the speaker; "was asked by host Bill Maher": the agent is
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                return by if by is not None and not (in_quote is not None and in_quote[by.i]) else None
            reported = t.i != tok.i and t.dep_ == "ccomp" and t.head.lower_ in INDIRECT_FORMS and t.head.i < t.i
            if t.i == tok.i or (subj.lower_ not in ("it", "this", "that", "there") and not reported):
                return subj
            # "Gore insisted it was “premature” …, while adding …", "Trump argued that a database would …,
            # saying …": climb past the inner (reported) clause to whoever reports it
            past_it = True
        if (
            t.dep_ == "acl"
            and (t.tag_ == "VBG" or (t.tag_ == "VBD" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_quote))
            and t.head.pos_ in ("NOUN", "PROPN")
            and not (in_quote is not None and in_quote[t.head.i])
        ):
            if t.head.dep_ in ("dobj", "dative") and t.head.head.pos_ == "VERB" and t.head.pos_ == "NOUN":
                t = t.head.head  # "The senator emailed supporters saying: …": whoever emailed speaks
                continue
            if (
                t.head.dep_ == "pobj"
                and t.head.pos_ == "NOUN"
                and t.head.head.lower_ == "to"
                and t.head.head.head.pos_ == "VERB"
            ):
                t = t.head.head.head  # "his campaign sent a message to supporters saying: …"
                continue
            return t.head  # "Trump vowing to …"
        finite = t.tag_ in ("VBD", "VBZ", "VBP", "MD")
        if in_quote is not None and in_quote[t.head.i]:
            break
        if (
            t.dep_ == "pcomp"
            and t.head.pos_ == "ADP"
            and t.head.head.pos_ in ("VERB", "AUX")
            and t.head.head.i != t.head.i
        ):
            t = t.head.head  # "began by saying …"
            continue
        if (
            not finite
            and t.dep_ == "advcl"
            and t.head.pos_ == "ADV"
            and t.head.head.i != t.head.i
            and t.head.head.pos_ in ("VERB", "AUX")
        ):
            t = t.head.head  # "went so far as to say …"
            continue
        if (
            t.head.i != t.i
            and t.head.pos_ in ("VERB", "AUX")
            and (
                t.dep_ == "conj"
                or (not finite and t.dep_ in ("advcl", "xcomp", "pcomp", "acl"))
                or (past_it and t.dep_ in ("ccomp", "advcl"))
            )
        ):
            t = t.head  # "…, saying …", "… and added …", "refused to say …"
            continue
        break
    # inverted order the parser missed: "…,” said Neil Thomas, …
    prev = [t.text for t in tok.doc[max(0, tok.i - 4) : tok.i] if not t.is_space][-2:]  # "”\xa0added Gowdy"
    if not prev or not (
        _closing(prev[-1]) or (prev[-1] == "," and len(prev) > 1 and _closing(prev[0]))
    ):
        return None
    for j in range(tok.i + 1, min(len(tok.doc), tok.i + 4)):
        w = tok.doc[j]
        if w.pos_ == "PROPN" or _name_like(w) or (w.pos_ == "PRON" and w.lower_ in PRONOUNS_M | PRONOUNS_F):
            while w.dep_ == "compound" and w.head.i > w.i and w.head.i < tok.i + 6:
                w = w.head
            return w
        if w.lower_ in ("one", "another") and w.head.i == tok.i:
            return w  # "“…,” read one."
        if w.is_punct or w.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
            break  # not "…,'' saying in a Trumpian post": a preposition leads away from the speaker
    return None


def _closing(word: str) -> bool:
    """A token that is a closing quote mark: ” " ’ ' » ›, or the '' of archive plain text."""
    return bool(word) and len(word) <= 2 and all(c in CLOSING_QUOTES for c in word)


NP_PREPS = frozenset("for of at from to with in on".split())
#: Documents that speak for whoever wrote them ("a statement from Black Lives Matter", "Trump’s statement").
DOCUMENT_NOUNS = _words(
    """statement release email e-mail letter memo video ad advertisement post tweet caption sign piece
    report document filing readout read-out transcript message note op-ed column article editorial book
    speech interview press response reply answer remarks comments"""
)
WEEKDAYS_MONTHS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tomorrow jan feb mar apr jun jul aug sep
    sept oct nov dec"""
)


def _np_span(d: _Doc, tok: Any) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok``, without appositions or clauses."""
    doc = d.doc
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct", "npadvmod"):
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "case"):
            right = max(right, c.right_edge.i)
        elif c.dep_ == "prep" and c.lower_ in NP_PREPS and c.right_edge.i - left < 14:
            right = max(right, c.right_edge.i)  # "a longtime adviser to Trump"
        elif c.dep_ in ("amod", "acl") and c.tag_ in ("JJ", "VBN") and c.right_edge.i - left < 14 and c.i == right + 1:
            right = max(right, c.right_edge.i)  # "a person close to the Clintons", "a source involved in …"
    for j in range(left, tok.i):
        if doc[j].text in ("-", "–", "—", ":") and (doc[j].whitespace_ or (j > 0 and doc[j - 1].whitespace_)):
            left = j + 1  # "… problematic - Pew Research": a dash or colon ends the phrase
        elif doc[j].text == "," and tok.pos_ == "PROPN":
            left = j + 1  # "Of Carson, Levine …": a comma before a name ends the phrase
    while left < tok.i and "\n" in doc[left : tok.i + 1].text[: tok.idx - doc[left].idx]:
        left += 1  # never across a paragraph
    while right > tok.i and "\n" in doc[tok.i : right + 1].text:
        right -= 1
    while left < right and (doc[left].is_punct or d.in_quote[left]):
        left += 1
    while right > left and (doc[right].is_punct or d.in_quote[right]):
        right -= 1
    for j in range(left, right + 1):  # never across a quote
        if d.in_quote[j]:
            if j <= tok.i:
                left = j + 1
            else:
                right = j - 1
                break
    return doc[left].idx + _glued(doc[left].text), doc[right].idx + len(doc[right].text)


def _local_span(d: _Doc, subj: Any) -> tuple[int, int]:
    """The speaker as written next to the cue: the pronoun itself, or the noun phrase around the name."""
    if subj.pos_ == "PRON":
        return (subj.idx, subj.idx + len(subj.text))
    span = _np_span(d, subj)
    inner = _titled_person(d, subj, span)
    return (span[0], max(span[1], inner.end)) if inner is not None else span


def _titled_person(d: _Doc, subj: Any, local: tuple[int, int]) -> Mention | None:
    """The person a title-headed subject names ("Speaker of the House Rep. Paul Ryan", "Vice President for
    news and talk Dave Gorab"): the first person mention inside the subject's phrase."""
    if subj.lower_ not in TITLE_WORDS or not subj.text[:1].isupper():
        return None
    right = max(local[1], subj.right_edge.idx + len(subj.right_edge.text))
    return next((x for x in d.mentions if x.label == "PERSON" and subj.idx < x.start and x.end <= right), None)


def _glued(word: str) -> int:
    """Characters to skip in a token glued to a closing quote mark (",”Clinton" -> 2)."""
    cut = max(word.rfind(c) for c in '”"»')
    return cut + 1 if 0 <= cut < len(word) - 1 else 0


# ---------------------------------------------------------------------------------- the speakers


@dataclass(slots=True)
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    person: bool = False


def _relative_head(subj: Any) -> Any | None:
    """What a relative pronoun subject stands for: "Takaichi" in "Takaichi, who told the Diet …", "a video"
    in "a video that said, “…”" (a thing speaks only through a verb that carries words)."""
    verb = subj.head
    if subj.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "relcl" or verb.head.pos_ not in ("PROPN", "NOUN"):
        return None
    if subj.lower_ == "who" or (subj.lower_ in ("that", "which") and _carries_words(verb, verb.head)):
        return verb.head
    return None


#: Pronouns that can stand for a speaker the article does not name.
_SOMEONE = _words("another someone somebody everyone everybody nobody others many some several few both")


def _resolve(d: _Doc, subj: Any, local: tuple[int, int]) -> _Speaker:
    """Resolve the cue's subject to the fullest form of who it names."""
    ante = _relative_head(subj)
    if ante is not None:
        return _resolve(d, ante, _local_span(d, ante))
    low = subj.lower_
    pos = subj.idx
    text = d.text
    if subj.pos_ == "PRON" or low in PRONOUNS_M | PRONOUNS_F | PRONOUNS_GROUP | PRONOUNS_NONE:
        if low in PRONOUNS_M or low in PRONOUNS_F:
            p = _antecedent(d, pos, "m" if low in PRONOUNS_M else "f", tiers=3)
            if p is not None:
                return _Speaker(p.key, p.start, p.end, True)
            role = _role_antecedent(d, pos, "m" if low in PRONOUNS_M else "f")
            if role is not None:
                return role
        if low in ("it", "they", "them"):
            grp = _group_antecedent(d, pos, low != "it")
            if grp is not None:
                return grp
        if low in _SOMEONE:  # "Another, who asked not to be named, was more cautious: “…”"
            return _Speaker(text[local[0] : local[1]], local[0], local[1], False)
        return _Speaker(None, None, None)
    if low in TITLE_WORDS and subj.text[:1].isupper():
        # "Speaker of the House Rep. Paul Ryan (R-WI) said": the person the title belongs to
        inner = _titled_person(d, subj, local)
        if inner is not None:
            tok = d.doc[d.tok_at(inner.end - 1)]
            return _resolve(d, tok, (inner.start, inner.end))
    if subj.text.isupper() and subj.is_alpha and len(subj.text) > 2:
        full = _full_person(d, subj.text.title(), pos)  # "SANDERS:" in a transcript is Bernie Sanders
        if full is not None:
            fname, fstart = _strip_titles(full)
            return _Speaker(fname, fstart, full.end, True)
    m = d.mention_at(pos)
    if m is not None and m.end >= local[1] - 1:
        name, start = _strip_titles(m)
        full = _full_person(d, name, pos) if (m.label == "PERSON" or len(_name_tokens(name)) == 1) else None
        if full is not None:
            fname, fstart = _strip_titles(full)
            return _Speaker(fname, fstart, full.end, True)
        if m.label == "PERSON" or _org_named_person(m, subj):
            return _Speaker(name, start, m.end, True)
        return _Speaker(name, start, m.end, False)
    # a name the tagger split ("Cho Jung tai" with "tai" as a common noun)
    before = subj.doc[subj.i - 1] if subj.i > 0 else None
    named = before is not None and before.dep_ == "compound" and before.ent_type_ == "PERSON"
    propn = subj.pos_ == "PROPN" and not subj.text.islower()  # not "the foreign ministry" tagged PROPN
    if propn or subj.text[:1].isupper() or named:
        name = _propn_name(subj)
        full = _full_person(d, name, pos)
        if full is not None:
            fname, fstart = _strip_titles(full)
            return _Speaker(fname, fstart, full.end, True)
        if (propn or named) and name:
            end = subj.idx + len(subj.text)
            return _Speaker(name, end - len(name), end, True)
    phrase = text[local[0] : local[1]]
    head = low
    # "his wife, Gabriela Violeta Lazar", "master of ceremonies Asab Al-Tabchi": the name in apposition
    for c in subj.rights:
        if (
            c.dep_ == "appos"
            and (c.pos_ == "PROPN" or d.mention_at(c.idx) is not None)
            and c.ent_type_ in ("PERSON", "ORG", "")
        ):
            if c.pos_ == "PROPN" and c.text[:1].isupper():
                return _resolve(d, c, _np_span(d, c))
    # "a statement from Black Lives Matter", "Trump’s statement": the author speaks
    if head in DOCUMENT_NOUNS:
        for c in subj.children:
            author = None
            if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lower_ in ORG_HEADS or c.lower_ in SPEAKER_NOUNS):
                author = c  # "Trump’s statement", "the ministry's statement"
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                # "a statement from Black Lives Matter", "a statement from the Chinese embassy"
                authors = ORG_HEADS | SPEAKER_NOUNS
                author = next(
                    (x for x in c.children if x.dep_ == "pobj" and (x.pos_ == "PROPN" or x.lower_ in authors)), None
                )
            if author is not None:
                a, b = _np_span(d, author)
                own = _POSSESSIVE_END.search(text[a:b])
                return _resolve(d, author, (a, b - len(own.group()) if own else b))  # "the ministry's" -> ministry
    dets = [c.lower_ for c in subj.lefts if c.dep_ == "det"]
    if head in DESCRIPTOR_NOUNS and dets and dets[0] in ("the", "this", "that") and subj.tag_ == "NN":
        g = "f" if head in GENDERED_ROLES_F else ("m" if head in GENDERED_ROLES_M else None)
        p = _antecedent(d, local[0], g, tiers=2, max_back=3)
        # a described role ("The senior fellow in China studies at …", "the Vermont senator") may introduce what
        # the article had not said of its person; a bare one ("the host") must have been said of them before
        told = any(c.dep_ in ("amod", "compound", "prep", "nmod", "poss") for c in subj.children)
        if p is not None and (told or _described_as(d, p.key, head, local[0])):
            return _Speaker(p.key, p.start, p.end, True)
    if head in ORG_HEADS:
        org = _org_antecedent(d, subj, local)
        if org is not None:
            return org
    return _Speaker(phrase, local[0], local[1], False)


_POSSESSIVE_END = re.compile(r"(?:['’]s?)?$")


_ROLE_ABBREVIATIONS = {"senator": "sen.", "representative": "rep.", "governor": "gov.", "general": "gen.",
                       "president": "pres.", "professor": "prof.", "secretary": "sec."}


def _described_as(d: _Doc, name: str, role: str, before: int) -> bool:
    """Whether the text before ``before`` calls the person ``name`` a ``role`` anywhere near one of their
    mentions ("Vermont senator Bernie Sanders", "Sanders, the senator from Vermont", "Sen. Sanders"): "the
    host asked" is not Sanders when nothing made him a host."""
    last = name.split()[-1]
    forms = {role, _ROLE_ABBREVIATIONS.get(role, role)}
    said = re.compile("|".join(rf"(?<![\w.]){re.escape(f)}(?!\w)" for f in forms))
    for m in re.compile(re.escape(last)).finditer(d.text, 0, before):
        if said.search(d.text[max(0, m.start() - 60) : min(before, m.end() + 80)].lower()):
            return True
    return False


def _org_named_person(m: Mention, subj: Any) -> bool:
    """An ORG-labelled speaker that is most likely a person the small model mislabelled ("Fiorina said")."""
    words = m.text.split()
    return (
        m.label == "ORG"
        and 1 <= len(words) <= 3
        and not m.text.isupper()
        and not any(w.lower().strip(".,") in ORG_HEADS for w in words)
        and subj.pos_ == "PROPN"
        and (subj.head.lower_ in CUE_FORMS or subj.dep_ == "pobj")
    )


def _propn_name(subj: Any) -> str:
    """The capitalised name words ending at ``subj`` ("Taiwan premier Cho Jung tai" -> "Cho Jung tai")."""
    doc = subj.doc
    i = subj.i
    while (
        i > 0
        and (doc[i - 1].text[:1].isupper() or (doc[i - 1].text == "-" and not doc[i - 1].whitespace_))
        and i - 1 < doc[i - 1].head.i <= subj.i
    ):
        prev = doc[i - 1]
        if "\n" in prev.text_with_ws or prev.lower_ in CUE_FORMS or re.search(r"\w['’]s$", prev.text):
            break
        i -= 1
    words = [t.text_with_ws[_glued(t.text) :] for t in doc[i : subj.i + 1]]
    toks = "".join(words).split()
    while len(toks) > 1 and toks[0].lower() in LEADING_TITLES:
        toks.pop(0)
    return " ".join(toks)


def _org_antecedent(d: _Doc, subj: Any, local: tuple[int, int]) -> _Speaker | None:
    """ "the Chinese ministry" -> the earlier "Chinese Ministry of Foreign Affairs" mention."""
    mods = [
        c.lower_ for c in subj.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ not in ("GPE",) and c.is_alpha
    ]
    for m in reversed(d.mentions):
        if m.start >= local[0] or m.label not in ("ORG", "FAC"):
            continue
        words = {w.lower() for w in _WORD.findall(m.text)}
        if subj.lower_ in words and all(w in words for w in mods):
            return _Speaker(m.text, m.start, m.end, False)
    return None


def _antecedent(d: _Doc, pos: int, gender: str | None, tiers: int, max_back: int = 6) -> _Person | None:
    """The person a pronoun or description at ``pos`` refers to, sentence by sentence backwards."""
    k = bisect.bisect_left(d.person_pos, pos) - 1
    if k < 0:
        return None
    cur = d.sent_of(pos)
    para = d.para_of(pos)
    floor = cur - max_back
    best: _Person | None = None
    best_sent = None
    while k >= 0:
        p = d.persons[k]
        k -= 1
        s = d.sent_of(p.pos)
        if s < floor or d.para_of(p.pos) < para - 2:
            break
        if best_sent is not None and s < best_sent:
            break
        if p.tier > tiers:
            continue
        g = _gender_of(d, p.key)
        if gender is not None and g is not None and g != gender:
            continue
        if best is None or p.tier < best.tier:
            best, best_sent = p, s
    if best is not None and gender is not None and best.key not in d.gender:
        d.gender[best.key] = gender  # pronoun history
    return best


def _role_antecedent(d: _Doc, pos: int, gender: str) -> _Speaker | None:
    """ "The minister was blunt. “…,” she told parliament.": with no named person before it, he/she stands for
    the role that was the subject of the sentence before ("the minister"), when its gender does not clash."""
    cur = d.sent_of(pos)
    if cur < 1:
        return None
    for tok in _segments_tokens(d, d.sent_starts[cur - 1], d.sent_starts[cur]):
        if tok.dep_ != "nsubj" or tok.pos_ != "NOUN" or tok.lower_ not in DESCRIPTOR_NOUNS:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        clash = GENDERED_ROLES_M if gender == "f" else GENDERED_ROLES_F
        if tok.lower_ in clash or tok.tag_ != "NN":
            return None
        a, b = _np_span(d, tok)
        return _Speaker(d.text[a:b], a, b, False)
    return None


def _group_antecedent(d: _Doc, pos: int, plural: bool) -> _Speaker | None:
    """ "it said" / "they said": the nearest organisation (or, for "they", group) that was a subject just before."""
    cur = d.sent_of(pos)
    doc = d.doc
    i = d.tok_at(pos) - 1
    while i >= 0:
        tok = doc[i]
        if d.sent_of(tok.idx) < cur - 2:
            break
        if not d.in_quote[i] and tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PROPN", "NOUN"):
            m = d.mention_at(tok.idx)
            if m is not None:
                name = _strip_titles(m)[0]
                if m.label == "PERSON" or _full_person(d, name, m.start) is not None:
                    return None  # a person was the topic: "they"/"it" is not an organisation here
                if m.label in ("ORG", "GPE", "NORP"):
                    return _Speaker(name, m.start, m.end, False)
            elif (tok.tag_ in ("NNS", "NNPS")) == plural and (tok.lower_ in ORG_HEADS or tok.lower_ in SPEAKER_NOUNS):
                a, b = _np_span(d, tok)
                return _Speaker(d.text[a:b], a, b, False)
        i -= 1
    return None


def _index_persons(d: _Doc) -> None:
    """Every person mention outside quote marks, as a candidate antecedent (tier 1 when a subject)."""
    doc = d.doc
    out: list[_Person] = []
    for m in d.mentions:
        ti = d.tok_at(m.start)
        if ti < len(doc) and d.in_quote[ti]:
            continue
        name, start = _strip_titles(m)
        full: Mention | None = None
        if m.label == "PERSON" or len(_name_tokens(name)) == 1:
            full = _full_person(d, name, m.start)
        if full is None and m.label != "PERSON" and not _org_subject_name(d, m):
            continue
        key = _strip_titles(full)[0] if full is not None else name
        fs, fe = (_strip_titles(full)[1], full.end) if full is not None else (start, m.end)
        root = doc[d.tok_at(m.end - 1)]
        while root.dep_ == "compound" and root.head.i > root.i:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            main = root.head.dep_ == "ROOT" or (root.head.dep_ == "conj" and root.head.head.dep_ == "ROOT")
            tier = 1 if main else 2
        else:
            tier = 3
        _gender_of(d, key, m)
        out.append(_Person(m.start, key, tier, fs, fe))
    covered = {p.pos for p in out}
    m_spans = [(m.start, m.end) for m in d.mentions]
    propn = doc.vocab.strings["PROPN"]
    for i in (i for i, p in enumerate(doc.to_array("POS").tolist()) if p == propn):
        tok = doc[i]
        if d.in_quote[tok.i] or not tok.text[:1].isupper() or tok.idx in covered:
            continue
        k = bisect.bisect_right(d.m_starts, tok.idx) - 1
        if k >= 0 and m_spans[k][0] <= tok.idx < m_spans[k][1]:
            continue
        if tok.dep_ == "compound":
            continue
        full = _full_person(d, tok.text, tok.idx) if tok.lower_ in d.full_names else None
        if full is not None:
            key, fs, fe = _strip_titles(full)[0], _strip_titles(full)[1], full.end
        elif tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.ent_type_ not in ("GPE", "ORG", "NORP", "LOC"):
            key = _propn_name(tok)  # a name the NER missed, as the subject of a verb ("Pate claimed …")
            fs, fe = tok.idx + len(tok.text) - len(key), tok.idx + len(tok.text)
        else:
            continue
        if tok.dep_ in ("nsubj", "nsubjpass"):
            main = tok.head.dep_ == "ROOT" or (tok.head.dep_ == "conj" and tok.head.head.dep_ == "ROOT")
            tier = 1 if main else 2
        else:
            tier = 3
        out.append(_Person(tok.idx, key, tier, fs, fe))
    out.sort(key=lambda p: p.pos)
    d.persons = out
    d.person_pos = [p.pos for p in out]


def _org_subject_name(d: _Doc, m: Mention) -> bool:
    """A one-word ORG mention that is the subject of a clause, likely a surname the small model mislabelled
    ("Fiorina was upfront about …"), so that a later "she said" can find it."""
    if m.label != "ORG" or " " in m.text or m.text.isupper() or m.text.lower() in ORG_HEADS:
        return False
    tok = d.doc[d.tok_at(m.start)]
    return bool(tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"))


def _add_person(d: _Doc, pos: int, sp: _Speaker) -> None:
    """Record a resolved speaker as the most salient antecedent at ``pos`` (tier 0)."""
    if not sp.person or sp.name is None or sp.start is None or sp.end is None:
        return
    k = bisect.bisect_left(d.person_pos, pos)
    if k < len(d.persons) and d.persons[k].pos == pos:
        d.persons[k].tier = 0
        d.persons[k].key = sp.name
        return
    d.persons.insert(k, _Person(pos, sp.name, 0, sp.start, sp.end))
    d.person_pos.insert(k, pos)


# --------------------------------------------------------------------------------- quotes proper


def _segments_tokens(d: _Doc, a: int, b: int) -> Iterable[Any]:
    doc = d.doc
    i = d.tok_at(a)
    if i < len(doc) and doc[i].idx < a:
        i += 1
    while i < len(doc) and doc[i].idx < b:
        if not d.in_quote[i]:
            yield doc[i]
        i += 1


def _find_cue(d: _Doc, q: QuotedSpan, reg: tuple[int, int]) -> tuple[Any, Any] | None:
    """(cue token, subject token) for a quoted piece, from its own sentence."""
    a = q.open_mark if q.open_mark is not None else q.start
    b = (q.close_mark + 1) if q.close_mark is not None else q.end
    cands: list[tuple[tuple[int, int], Any]] = []
    lead = [t for t in _segments_tokens(d, reg[0], a) if not t.is_space]
    trail = [t for t in _segments_tokens(d, b, reg[1]) if not t.is_space]
    s = d.doc[d.tok_at(b - 1)] if b > 0 else None
    if s is not None and s.idx < b < s.idx + len(s.text) and not d.in_quote[s.i]:
        trail.insert(0, s)  # “…,”Clinton said: a name glued to the closing mark
    # a cue glued to the opening mark by a missing space: 'said,“Look' is one token
    glued: set[int] = set()
    g = d.doc[d.tok_at(a)] if a > 0 else None
    if g is not None and g.idx < a and d.text[g.idx : a].strip(" ,:").lower() in CUE_FORMS:
        glued.add(g.i)
        cands.append(((1, 0), g))
    q_cue = _governing_cue(d, q)
    a_tok = d.tok_at(a)
    as_put_it = bool(lead) and lead[0].lower_ == "as"  # "As X put it, “…”"
    for n, t in enumerate(reversed(lead)):
        if _is_cue(t):
            # "As X put it in a memo explaining the deal, “…”": "put it" introduces, whatever lies between
            rank = 0 if as_put_it and t.lower_ in ("put", "puts") else (1 if n <= 8 else 2)
            if any(c.lower_ in ("why", "how", "whether") and c.i < t.i for c in t.children):
                rank = 2  # "explaining why he is speaking, “…”": a cue inside an embedded question introduces nothing
            if rank == 1 and t.i == q_cue and not any(c[0][0] <= 2 and c[1].i < a_tok for c in cands):
                # "Trump said he was ''the perfect messenger,'' and he reiterated …": the quote is in its clause
                rank = 0
            cands.append(((rank, n), t))
    for n, t in enumerate(trail):
        if _is_cue(t):
            cands.append(((0 if n <= 5 else 2, n), t))
    if lead and lead[-1].text in ("—", "–", "--") and not any(c[1].i < a_tok for c in cands):
        # "When Trump finally wrapped up — “…” — the crowd roared": the clause the dash ends introduces the quote
        intro = _dash_intro(d, lead)
        if intro is not None:
            return intro
    cands.sort(key=lambda c: c[0])
    first: tuple[Any, Any] | None = None
    q_tok = d.tok_at(q.start)
    for (_, dist), cue in cands:
        if (
            cue.lower_ in WEAK_CUES
            and dist > 3
            and not any(t.i == q_tok for t in cue.subtree)
            and not (
                (
                    cue.dep_ == "ROOT"
                    or (cue.dep_ in ("ccomp", "parataxis") and d.in_quote[cue.head.i])
                    or (cue.dep_ == "relcl" and any(c.lower_ == "who" and c.dep_ == "nsubj" for c in cue.children))
                )
                and lead
                and lead[-1].text in (",", ":")
                and cue.i < lead[-1].i
            )
        ):
            continue  # a weak cue far away speaks only for a quote in its own phrase, or one it introduces
        subj = _subject(cue, d.in_quote) if cue.i not in glued else None
        if subj is None and cue.idx >= b:
            subj = _name_before(d, trail, cue)  # "…,” Brent Bozell III, founder of …, tells Breitbart
            if subj is None and cue.pos_ == "NOUN":
                head = _phrase_before(trail, cue)  # "“…,” a voice-over in the ad states": "states" read as a noun
                if head is not None:
                    return cue, head
        elif subj is None:
            # "Rep. Paul Ryan (R-WI) said “…”" with a parse that lost the subject; "Continued Stone: “…”"
            subj = _name_left(d, cue) or _name_right(d, cue, a)
            if subj is None and as_put_it and cue.lower_ in ("put", "puts"):
                subj = _name_after_as(lead)  # "As Akhil Amar, author of ''…,'' put it, ''…''"
            if subj is None and cue.tag_ == "VBG" and lead and cue.i == lead[0].i:
                subj = _previous_speaker(d, cue)  # "Maher stated that … “wasn’t good.” Adding, “…”"
        if subj is not None and (
            _describes(subj, q_tok)
            or (min(subj.i, cue.i) < q_tok < max(subj.i, cue.i) and _capitalised(d.text[q.start : q.end]))
        ):
            continue  # "Washington, star of television’s “Scandal,” thanked …": the quote describes the speaker
        if subj is not None and not d.in_quote[subj.i]:
            ante = _relative_head(subj)
            if ante is not None and first is not None and first[0].i > cue.i:
                # "a White House official who spoke anonymously … said Wednesday, “…”" with "said" parsed
                # subjectless: the official is the subject of the nearer cue
                return first[0], ante
            return cue, subj
        if first is None:
            first = (cue, None)
    if first is not None:
        # a cue whose parse lost its subject (tangled in the quotes): the sentence's named subject
        subj = _sentence_subject(d, lead + trail, first[0])
        if subj is not None:
            return first[0], subj
    if first is None and lead and lead[-1].text in _COLONS:
        # "Carl Bialik: “…”", "President Clinton released the following statement: “…”"
        return _colon_name(d, lead) or _intro_verb(d, lead) or _colon_np(d, lead) or _colon_lead_name(d, lead)
    if first is None and len(lead) >= 3 and lead[-1].text in (",", ":") and lead[-2].lower_ in DOCUMENT_NOUNS:
        # "Trump issued a statement, “…”", "the campaign put out a video:": whoever issued the document speaks
        doc_tok = lead[-2]
        verb = doc_tok.head
        if doc_tok.dep_ == "dobj" and verb.pos_ == "VERB":
            subj = _subject(verb, d.in_quote)
            if subj is not None and _may_speak(d, subj):
                return verb, subj
    if first is None and len(lead) >= 2:
        # "over her remark that “…”", "after her March comment that, "…"": the remark's owner speaks
        k = len(lead) - (2 if lead[-1].text == "," else 1)
        if k >= 1 and lead[k].lower_ == "that" and lead[k - 1].lower_ in _REMARK_NOUNS:
            owner = next((c for c in lead[k - 1].children if c.dep_ == "poss"), None)
            if owner is not None and _may_speak(d, owner):
                return lead[k - 1], owner
    if first is None and len(lead) >= 3 and lead[-1].text == ",":
        # "Hillary shot back, “…”": a verb right before the comma that opens the quote
        tail = lead[-4:-1]
        for k, t in enumerate(tail):
            if t.pos_ == "VERB" and t.dep_ == "ROOT" and all(x.pos_ in ("ADP", "ADV", "PART") for x in tail[k + 1 :]):
                subj = _subject(t, d.in_quote)
                if subj is not None and _may_speak(d, subj):
                    return t, subj
    return first


_REMARK_NOUNS = _words(
    """remark remarks comment comments statement claim claims assertion promise pledge vow warning argument
    suggestion insistence contention declaration words quip boast complaint admission observation"""
)


def _quote_root(d: _Doc, q: QuotedSpan) -> Any:
    """The token that heads the quoted words: the last one up the parse still inside the quote."""
    r = d.doc[d.tok_at(q.start)]
    for _ in range(40):
        h = r.head
        if h.i == r.i or not (q.start <= h.idx < q.end):
            break
        r = h
    return r


def _governing_cue(d: _Doc, q: QuotedSpan) -> int:
    """The cue whose complement the quoted words are ("pledges to ''make sure …''", "said he was ''…''"), or -1."""
    r = _quote_root(d, q)
    h = r.head
    if h.i == r.i or r.dep_ not in ("ccomp", "xcomp", "dobj", "attr", "oprd", "parataxis"):
        if r.dep_ in ("ccomp", "xcomp") and h.dep_ in ("ccomp", "xcomp") and _is_cue(h.head):
            return int(h.head.i)  # "said he was ''…''": the quote completes the reported clause
        return -1
    if _is_cue(h):
        return int(h.i)
    if h.dep_ in ("ccomp", "xcomp") and _is_cue(h.head):
        return int(h.head.i)
    return -1


def _not_theirs(d: _Doc, q: QuotedSpan, reg: tuple[int, int], term: bool) -> bool:
    """Partial quoted words that their sentence (``reg``) gives as nobody's (see :mod:`storyline.analyse.quote_frames`).

    Up the parse from the quoted words, the first cue decides: one that reports nothing ("allows Xi to argue
    that “…”", "declined to say “…”") gives them to no one. Before it, a quoted ``term`` (a short partial quote)
    may meet the rejecting verb or the "no" phrase that refuses it ("Cho rejected the idea of any “return”",
    "saying there is no such option as “return”"): someone else's term, not the rejecter's. Only words inside the
    sentence's own grammar: a direct quote is an utterance of its own, attributed by the cue beside it.
    """
    r = _quote_root(d, q)
    term = term and r.dep_ not in CHARACTERISING_DEPS  # "rejected the “absurd” claims": the rejecter's word
    # "no such option as “return”", "no reference to “Lyin' Ted”": a "no" on the noun phrase the quote hangs from
    # (not "had no “direct evidence”", the speaker's own term)
    noun_phrase = term and r.pos_ not in ("VERB", "AUX")
    child, t = r, r.head
    for _ in range(12):
        if t.i == child.i or d.in_quote[t.i] or not reg[0] <= t.idx < reg[1]:
            return False
        term = term and child.lower_ not in NAMING_PREPS  # "dismissed it as “fake news”": the dismisser's name for it
        if (noun_phrase and denies_existence(t, d.in_quote)) or (term and rejects(t, child)):
            return True
        if _is_cue(t):
            return unsaid(t, d.in_quote, marked=True) is not None
        noun_phrase = noun_phrase and t.pos_ not in ("VERB", "AUX")
        child, t = t, t.head
    return False


_HEADLINE = re.compile(r"[^\n\w]*((?:[A-Z0-9][A-Z0-9’'‘.,:&$%-]*\s+){2,}[A-Z0-9][A-Z0-9’'‘.,:&$%-]*)\s*$")
_OUTLET_TAG = re.compile(r"\s*\[([^\]\n]{2,40}?)\.?\]")


def _digest_headline(d: _Doc, mark: int) -> tuple[int, int] | None:
    """A newsletter digest's line "OBAMA’S LAST STATE OF THE UNION “…” [WaPo.]": the capitalised
    headline opening the paragraph right before the quote stands for the story quoted."""
    para = d.para_starts[d.para_of(mark)]
    m = _HEADLINE.match(d.text, para, mark)
    if m is None or not any(c.isalpha() for c in m.group(1)):
        return None
    return m.start(1), m.end(1)


def _clause_subject(d: _Doc, q: QuotedSpan) -> Any | None:
    """The subject of the clause whose object holds a partial quote, when it can be a speaker."""
    doc = d.doc
    r = _quote_root(d, q)
    if r.dep_ not in ("pobj", "dobj", "xcomp", "ccomp", "attr", "oprd", "appos"):
        return None  # not "in line with the “one China” policy": a quoted modifier names something
    if r.dep_ == "pobj":
        att = r.head.head  # what the preposition hangs on: the verb, or the verb's object ("a dig at “…”")
        if not (att.pos_ in ("VERB", "AUX") or (att.dep_ in ("dobj", "attr") and att.head.pos_ in ("VERB", "AUX"))):
            return None
    t = r.head
    for _ in range(6):
        if t.i == r.i or "\n" in doc[min(t.i, r.i) : max(t.i, r.i) + 1].text:
            return None
        if t.pos_ in ("VERB", "AUX"):
            subj = _subject(t, d.in_quote)
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "which") and _may_speak(d, subj):
                return subj
            if t.dep_ not in ("xcomp", "advcl", "conj", "acl", "pcomp") or t.head.i == t.i:
                return None
        if t.dep_ in ("relcl",) or t.head.i == t.i:
            return None
        t = t.head
    return None


def _describes(subj: Any, q_tok: int) -> bool:
    """The quote is part of the speaker's own description ("Washington, star of television’s “Scandal,”")."""
    ante = _relative_head(subj)
    if ante is not None:
        if _carries_words(subj.head, ante):
            return False
        subj = ante
    return any(t.i == q_tok for t in subj.subtree)


def _carries_words(cue: Any, subj: Any) -> bool:
    """A thing whose relative clause carries the quote: "a marketing video that said, “…”", "T-shirts that read “…”"."""
    return bool(
        cue.dep_ == "relcl"
        and cue.head.i == subj.i
        and (
            cue.lower_ in ("said", "says", "read", "reads", "stated", "states", "declared", "declares")
            or (subj.lower_ in DOCUMENT_NOUNS and cue.lower_ in INDIRECT_FORMS)  # "the report, which notes, “…”"
        )
        and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in cue.children)
    )


def _phrase_before(trail: Sequence[Any], cue: Any) -> Any | None:
    """The head noun of the phrase between a quote and a trailing cue, up to its first preposition."""
    head = None
    for t in trail:
        if t.i >= cue.i or t.pos_ == "ADP":
            break
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
    return head


def _name_after_as(lead: Sequence[Any]) -> Any | None:
    """The name right after the "As" that opens "As X put it": the last word of its first proper-noun run."""
    run: list[Any] = []
    for t in lead[1:6]:
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            run.append(t)
        elif run or not (t.pos_ in ("DET", "ADJ") or t.is_punct):
            break
    return run[-1] if run else None


def _previous_speaker(d: _Doc, cue: Any) -> Any | None:
    """The subject of the sentence before a sentence that opens on a bare participle cue ("Adding, “…”")."""
    si = d.sent_of(cue.idx)
    if si < 1 or d.para_of(d.sent_starts[si - 1]) != d.para_of(cue.idx):
        return None
    toks = list(_segments_tokens(d, d.sent_starts[si - 1], d.sent_starts[si]))
    root = next((t for t in toks if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    subj = _subject(root, d.in_quote) if root is not None else None
    return subj if subj is not None and _may_speak(d, subj) else None


def _dash_intro(d: _Doc, lead: Sequence[Any]) -> tuple[Any, Any] | None:
    """The last verb before a dash that opens a quote, with a subject that can speak."""
    for t in reversed(lead[:-1]):
        if t.text in (",", ";", ":", "—", "–") or "\n" in t.text_with_ws:
            return None
        if t.pos_ == "VERB":
            subj = _subject(t, d.in_quote)
            if subj is not None and subj.i < t.i and _may_speak(d, subj):
                return t, subj
            return None
    return None


def _sentence_subject(d: _Doc, toks: Sequence[Any], cue: Any) -> Any | None:
    """The nearest person-like subject before ``cue`` among the sentence's unquoted tokens."""
    best = None
    for t in toks:
        if t.i >= cue.i:
            break
        if t.dep_ != "nsubj" or "\n" in d.doc[t.i : cue.i].text:
            continue
        m = d.mention_at(t.idx)
        if t.lower_ in PRONOUNS_M | PRONOUNS_F or (m is not None and m.label == "PERSON") or t.pos_ == "PROPN":
            best = t
    return best


#: A colon token, alone or glued to a closing parenthesis by the tokenizer ("(R-Ohio):").
_COLONS = (":", "):")


def _colon_name(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """A name right before the colon that introduces a quote ("Stated Stone:", "– Carl Bialik:")."""
    if len(toks) < 2 or toks[-1].text not in _COLONS:
        return None
    k = len(toks) - 2
    if toks[-1].text == "):" or toks[k].text.endswith(")"):
        # "Rep. Jim Jordan (R-Ohio):": the name before the parenthesis
        k = max((i for i in range(k + 1) if toks[i].text == "("), default=0) - 1
        if k < 0:
            return None
    t = toks[k]
    first = [x.lower_ for x in toks[:3]]
    if first[:1] == ["from"] or first[:2] in (["here", "’s"], ["here", "'s"], ["here", "is"]):
        # "From the report: “…”", "Here’s Clinton in December 1992: “…”": the first noun phrase after the opener
        k = 1 if first[0] == "from" else 2
        for x in toks[k:-1]:
            if x.pos_ in ("PROPN", "NOUN"):
                while x.dep_ == "compound" and x.head.i > x.i:
                    x = x.head
                return x, x
            if x.is_punct:
                break
    if t.dep_ == "pobj" and t.head.lower_ in ("on", "in", "at", "to", "with", "during", "via"):
        return None  # "… struck a defiant tone on Twitter:": the verb's subject speaks (see _intro_verb)
    m = d.mention_at(t.idx)
    if (m is not None and m.label in ("PERSON", "ORG") and m.end >= t.idx + len(t.text)) or (
        t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "LOC", "DATE") and t.text[:1].isupper()
    ):
        return t, t
    label = [x for x in toks[:-1] if not x.is_space]
    if (
        1 <= len(label) <= 3
        and all(x.text.isupper() and (x.is_alpha or x.text.endswith(".")) for x in label)
        and not d.text[d.para_starts[d.para_of(label[0].idx)] : label[0].idx].strip()
        and len(label[-1].text) > 1
    ):
        return t, t  # a transcript's speaker label, "HOLT:", "MR. TRUMP:", which the tagger reads as anything
    return None


def _colon_np(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """A short line that is only a source and a colon: "- Pew Research:", "Michael P. McDonald:"."""
    k = max((i for i, t in enumerate(toks[:-1]) if t.text in ("-", "–", "—", ".", "!", "?")), default=-1)
    words = [t for t in toks[k + 1 : -1] if not t.is_punct]
    if not words or len(words) > 4 or toks[-1].text != ":":
        return None
    head = words[-1]
    if head.pos_ in ("PROPN", "NOUN") and all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ") for t in words):
        return head, head
    return None


def _colon_lead_name(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """A short line opening with a name and a comma, ending with the colon: "Clinton, on Oct. 22: “…”"."""
    if not 3 <= len(toks) <= 10 or toks[-1].text not in _COLONS or d.para_of(toks[0].idx) != d.para_of(
        toks[-1].idx
    ):
        return None
    j = 0
    while j < len(toks) and toks[j].pos_ == "PROPN" and toks[j].ent_type_ not in ("GPE", "NORP", "LOC", "DATE"):
        j += 1
    if j == 0 or j >= len(toks) - 1 or toks[j].text != "," or toks[0].idx != d.para_starts[d.para_of(toks[0].idx)]:
        return None
    return toks[j - 1], toks[j - 1]


def _name_left(d: _Doc, cue: Any) -> Any | None:
    """The name just left of a cue, skipping a parenthesis: "Rep. Paul Ryan (R-WI) said"."""
    doc = d.doc
    depth = 0
    j = cue.i - 1
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None  # "was found guilty": a passive cue's subject is not its speaker
    while j >= 0 and doc[j].pos_ in ("AUX", "ADV", "PART") and doc[j].lower_ not in ("not", "n't"):
        j -= 1  # "had said", "also said"
    while j >= 0 and cue.i - j < 12:
        t = doc[j]
        if "\n" in t.text_with_ws or d.in_quote[j]:
            return None
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0 and t.text == ",":
            if cue.i - j <= 3 and cue.dep_ in ("ROOT", "ccomp", "parataxis", "dep"):
                return _name_before_insert(d, j)
            return None  # "… in Iowa, telling the crowd": a place, not the speaker
        elif depth == 0 and not t.is_punct:
            m = d.mention_at(t.idx)
            if (t.dep_ != "pobj" or (m is not None and m.label == "PERSON")) and (
                (m is not None and m.label in ("PERSON", "ORG")) or t.pos_ == "PROPN"
            ):
                return t
            return None
        j -= 1
    return None


#: First words of a comma-delimited insertion between a speaker and a cue ("Levine, who has …, said").
INSERT_OPENERS = _words("who whose which asked speaking writing according in on at during after before from with like")


def _name_before_insert(d: _Doc, comma: int) -> Any | None:
    """The speaker before the comma-delimited phrases left of a root cue that lost its subject.

    "Of Carson, Levine, who has given money to Rubio, said": skip "who has given …" and take
    "Levine"; "after Mr. Trump, asked about …, had said": skip the participle and take "Mr. Trump";
    "In a statement, her adviser, Jake Sullivan, said": the name right before the cue.
    """
    doc = d.doc
    end = comma
    for n in range(4):
        start = end - 1
        while (
            start >= 0
            and doc[start].text not in (",", ";", ":")
            and not doc[start].is_sent_start
            and "\n" not in doc[start].text_with_ws
        ):
            if d.in_quote[start]:
                return None
            start -= 1
        stop = start >= 0 and (doc[start].text in (",", ";", ":") or "\n" in doc[start].text_with_ws)
        lo = start + 1 if stop else max(start, 0)
        seg = [t for t in doc[lo:end] if not t.is_punct]
        if not seg:
            return None
        first = seg[0]
        insert = first.lower_ in INSERT_OPENERS or first.tag_ in ("VBN", "VBG", "WP", "WDT", "WP$", "IN")
        last = seg[-1]
        m = d.mention_at(last.idx)
        named = (m is not None and m.label == "PERSON") or (
            last.pos_ == "PROPN" and last.ent_type_ not in ("GPE", "NORP", "LOC", "DATE") and last.text[:1].isupper()
        )
        if not insert and named and (n > 0 or all(t.pos_ in ("PROPN", "PUNCT") or t.dep_ == "compound" for t in seg)):
            return last
        if not insert or start < 0 or doc[start].text != ",":
            return None
        end = start
    return None


def _name_right(d: _Doc, cue: Any, mark: int) -> Any | None:
    """The name between a cue and the colon or comma before the opening mark: "Continued Stone: “…”"."""
    doc = d.doc
    toks = [t for t in doc[cue.i + 1 : d.tok_at(mark)] if t.idx < mark]
    if not 1 < len(toks) <= 5 or toks[-1].text not in ":," or any(d.in_quote[t.i] for t in toks):
        return None
    names = toks[:-1]
    if any(t.lower_.rstrip(".") in WEEKDAYS_MONTHS or t.ent_type_ in ("DATE", "TIME") for t in names):
        return None  # "said Wednesday, “…”"
    if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in names) and "\n" not in doc[cue.i : toks[-1].i].text:
        return names[-1]
    return None


def _name_before(d: _Doc, trail: Sequence[Any], cue: Any) -> Any | None:
    """The first name between a closing quote mark and its trailing cue, as a subject token."""
    for t in trail:
        if t.i >= cue.i:
            return None
        m = d.mention_at(t.idx)
        if (m is not None and m.label in ("PERSON", "ORG")) or t.pos_ == "PROPN":
            j = t.i
            while j + 1 < cue.i and t.doc[j + 1].pos_ == "PROPN" and "\n" not in t.doc[j].text_with_ws:
                j += 1
            return t.doc[j]
    return None


def _intro_verb(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """The verb and subject of a clause that ends with a colon introducing a quote."""
    for t in reversed(toks):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "ccomp"):
            subj = _subject(t, d.in_quote)
            if subj is not None and _may_speak(d, subj):
                return t, subj
            return None
    return None


def _words_in(text: str) -> int:
    return len(_WORD.findall(text))


def _capitalised(text: str) -> bool:
    """A short name-like quote: one to four words, each capitalised ("Scandal", "Meet the Press")."""
    ws = _WORD.findall(text)
    return 1 <= len(ws) <= 4 and (len(ws) >= 2 and _title_like(text) or all(w[0].isupper() for w in ws))


def _title_like(text: str) -> bool:
    ws = _WORD.findall(text)
    small = {"a", "an", "the", "of", "in", "on", "and", "to", "for", "with", "at", "by", "or"}
    return len(ws) >= 2 and all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in ws)


def _direct_attributions(d: _Doc, spans: Sequence[QuotedSpan]) -> list[Attribution]:
    text = d.text
    out: list[Attribution] = []
    outers = [
        (q.open_mark if q.open_mark is not None else q.start, (q.close_mark + 1) if q.close_mark is not None else q.end)
        for q in spans
    ]
    o_starts = [o[0] for o in outers]
    chain_sizes = Counter(q.chain for q in spans)
    for q, (a, b) in zip(spans, outers, strict=True):
        si = d.sent_of(a)
        reg_start = d.sent_starts[si] if si >= 0 else 0
        k = bisect.bisect_right(d.sent_starts, max(a, b - 1))
        pi = d.para_of(a)
        para_end = text.find("\n", a)
        para_end = len(text) if para_end < 0 else para_end
        reg_end = min(d.sent_starts[k] if k < len(d.sent_starts) else len(text), para_end)
        # leading text in the sentence, other quotes left out
        lead = "".join(
            text[max(reg_start, x) : min(a, y)]
            for x, y in _gaps(
                reg_start,
                a,
                [
                    o
                    for o in outers[bisect.bisect_left(o_starts, reg_start) : bisect.bisect_left(o_starts, a)]
                    if o[1] <= a
                ],
            )
        ).strip()
        content = text[q.start : q.end]
        nw = _words_in(content)
        continued = q.open_mark is None or chain_sizes[q.chain] > 1
        if continued or (not lead and (nw >= 3 or content[-1:] in ".!?,")) or (lead[-1:] in ",:—–" and nw >= 3):
            kind = "direct"
        else:
            kind = "partial"
        # words the sentence gives as nobody's there: no cue of theirs, nor a guess from around
        theirs = kind != "partial" or not _not_theirs(d, q, (reg_start, reg_end), nw <= TERM_WORDS)
        found = _find_cue(d, q, (reg_start, reg_end)) if theirs else None
        att = Attribution(
            quote=Quote(start=q.start, end=q.end, text=content, kind=kind),
            anchor=a,
            chain=q.chain,
            para=pi,
            words=nw,
            title_like=_title_like(content),
            explicit=not theirs,
        )
        if found is None and q.open_mark is not None and theirs:
            att.headline = _digest_headline(d, q.open_mark)
            if att.headline is not None and nw >= 3:
                att.quote.kind = kind = "direct"
        if found is None and kind == "partial" and nw >= 2 and not att.title_like and theirs:
            # "West landed a sharp dig at “my dear sister”", "Cruz laid out a vision for ''a tax code …''": whoever
            # uses the quoted words, when no cue says more
            user = _clause_subject(d, q)
            if user is not None:
                att.subject_i = user.i
                att.speaker_local = _local_span(d, user)
        if found is not None:
            cue, subj = found
            att.cue_span = (cue.idx, cue.idx + len(cue.text))
            att.quote.cue = _cue_text(cue)
            if cue.idx < a < cue.idx + len(cue.text):  # glued to the opening mark
                att.quote.cue = text[cue.idx : a].strip(" ,:")
                att.cue_span = (cue.idx, cue.idx + len(att.quote.cue))
            if subj is not None and subj.i == cue.i:  # "Carl Bialik: “…”": a name and a colon, no verb
                att.quote.cue, att.cue_span = None, None
            att.explicit = True
            if subj is not None:
                att.subject_i = subj.i
                att.speaker_local = _local_span(d, subj)
                lo, hi = att.speaker_local
                if lo < cue.idx < hi and cue.i != subj.i:  # never into its own cue ("a voice-over … states")
                    hi = cue.idx
                    while hi > lo and text[hi - 1] in " ,":
                        hi -= 1
                    att.speaker_local = (lo, hi)
        out.append(att)
    return out


def _gaps(a: int, b: int, holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cur = a
    for x, y in sorted(holes):
        if x > cur:
            out.append((cur, min(x, b)))
        cur = max(cur, y)
    if cur < b:
        out.append((cur, b))
    return out


def _quoted_fraction(d: _Doc, a: int, b: int) -> float:
    """The share of text[a:b] inside quote marks (quoted pieces never overlap: one pass back from b)."""
    if b <= a:
        return 0.0
    inside = 0
    k = bisect.bisect_left(d.outer_starts, b) - 1
    while k >= 0 and d.outer[k][1] > a:
        lo, hi = d.outer[k]
        inside += max(0, min(b, hi) - max(a, lo))
        k -= 1
    return inside / (b - a)


def _clause_bounds(d: _Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last, without a leading "that"/punctuation or trailing punctuation."""
    doc = d.doc
    while first <= last and (
        doc[first].is_punct or doc[first].is_space or (doc[first].lower_ == "that" and doc[first].tag_ in ("IN", "WDT"))
    ):
        first += 1
    while last >= first and ((doc[last].is_punct and doc[last].text not in "”’\"'") or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    seg = d.text[a:b]
    if seg.count("“") > seg.count("”") or seg.count('"') % 2:
        # "the call was “very good.”": the clause ends inside a quote the parse hung on the main verb
        m = _CLOSE_AFTER.match(d.text, b)
        if m is not None:
            b = m.end()
    return a, b


_CLOSE_AFTER = re.compile(r"[.,!?]?[”\"]")


@lru_cache(maxsize=1)
def _indirect_cue_hashes() -> frozenset[int]:
    """spaCy's hashes of the lower-case forms that can open indirect speech (the same in every vocab)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub

    return frozenset(hash_string(w) for w in INDIRECT_FORMS | {"according"})


def _indirect_attributions(d: _Doc, spans: Sequence[QuotedSpan]) -> list[Attribution]:
    doc = d.doc
    text = d.text
    out: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    wanted = _indirect_cue_hashes()
    for i in (i for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in wanted):
        tok = doc[i]
        if d.in_quote[tok.i]:
            continue
        low = tok.lower_
        span: tuple[int, int] | None = None
        if low == "according" and _is_cue(tok):
            sent = tok.sent
            if any(_inner_report(t) for t in sent if t.i != tok.i and t.lower_ in INDIRECT_FORMS):
                continue  # "According to the read-out, Xi told Trump that …": the inner report wins
            sub = list(tok.subtree)
            lo, hi = sub[0].i, sub[-1].i
            # the rest of the sentence, on the side away from the "according to" phrase
            if lo - sent.start <= sent.end - 1 - hi:
                span = _clause_bounds(d, hi + 1, sent.end - 1)
            else:
                span = _clause_bounds(d, sent.start, lo - 1)
            if span is not None and "\n" in text[span[0] : span[1]]:
                continue
        elif low in INDIRECT_FORMS and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            if low in ("asked", "told") and tok.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in tok.children):
                continue  # "Asked whether he would run, Biden said …": the question put to him is not his
            comp = next((c for c in tok.children if c.dep_ == "ccomp" and not d.in_quote[c.i]), None)
            if comp is not None and comp.i > tok.i:
                span = _clause_bounds(d, comp.left_edge.i, comp.right_edge.i)
            elif comp is not None:
                # "C, he said": the clause ends where the speaker starts
                subj = _subject(tok, d.in_quote)
                if subj is not None and (
                    (subj.i < tok.i and _only_punct_between(doc, comp.right_edge.i, subj.left_edge.i))
                    or (subj.i > tok.i and _only_punct_between(doc, comp.right_edge.i, tok.i))  # "C, said X"
                ):
                    span = _clause_bounds(d, comp.left_edge.i, comp.right_edge.i)
            elif tok.dep_ in ("ccomp", "parataxis") and tok.head.i > tok.i and tok.head.pos_ in ("VERB", "AUX"):
                # "In the three years since, Barden says, far too many lives have been lost": the cue inside
                own = [t.i for t in tok.subtree]
                lo, hi = min(own), max(own)
                if (
                    any(c.dep_ == "nsubj" for c in tok.children)
                    and lo > tok.head.left_edge.i
                    and doc[lo - 1].text == ","
                    and hi + 1 < len(doc)
                    and doc[hi + 1].text == ","
                ):
                    span = _clause_bounds(d, hi + 2, tok.head.right_edge.i)
            elif tok.dep_ in ("ccomp", "parataxis") and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX"):
                # "The deal is dead, he said." parsed with the cue inside the clause
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i < tok.i and _ends_clause(doc, tok):
                    j = min(t.i for t in tok.subtree) - 1
                    if j > tok.head.left_edge.i and doc[j].text in (",", "—", "–"):
                        span = _clause_bounds(d, tok.head.left_edge.i, j)
        if span is None:
            continue
        a, b = span
        if _words_in(text[a:b]) < 3 or b <= a:
            continue
        inner = range(d.tok_at(a), d.tok_at(b - 1) + 1)
        if any(doc[j].lower_ in INDIRECT_FORMS and _inner_report(doc[j]) and j != tok.i for j in inner):
            continue  # "Xi told Trump that …, the ministry said": the inner report is the quote
        if _quoted_fraction(d, a, b) >= 0.5:
            continue
        k = bisect.bisect_left(taken, (b, b))
        near = taken[max(0, k - 8) : k]  # clauses found nearby (a clause is found at most a few times)
        if any(min(b, y) - max(a, x) > 0.5 * (b - a) for x, y in near):
            continue
        subj = _subject(tok, d.in_quote)
        if subj is None or d.in_quote[subj.i] or a <= subj.idx < b:
            continue
        if low != "according" and not _may_speak(d, subj):  # "according to" names a source by itself
            continue
        local = _local_span(d, subj)
        # "allows Xi to argue that …", "declined to say how many …": no words of the subject, though they may be
        # the one speaking in the quotes around (they hand over their speaker, as any attribution does)
        silent = unsaid(tok, d.in_quote) is not None
        if not silent:
            bisect.insort(taken, (a, b))
        att = Attribution(
            quote=Quote(start=a, end=b, text=text[a:b], kind="indirect", cue=_cue_text(tok)),
            speaker_local=local,
            cue_span=(tok.idx, tok.idx + len(tok.text)),
            anchor=min(a, tok.idx, subj.idx),
            para=d.para_of(a),
            subject_i=subj.i,
            words=_words_in(text[a:b]),
            explicit=True,
            unsaid=silent,
        )
        out.append(att)
    return out


def _may_speak(d: _Doc, subj: Any) -> bool:
    """Whether a subject can be the source of reported speech (not "the tensions", "specific dates")."""
    ante = _relative_head(subj)
    if ante is not None:
        return ante.pos_ == "PROPN" or _carries_words(subj.head, ante) or _may_speak(d, ante)
    low = subj.lower_
    if subj.pos_ == "PRON":
        return low in PRONOUNS_M | PRONOUNS_F | PRONOUNS_GROUP or low in ("who", "i", "we") or low in _SOMEONE
    if subj.pos_ == "PROPN" or d.mention_at(subj.idx) is not None:
        return True
    if any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in subj.children):
        return True  # "One early supporter, Representative Lee Zeldin, …"
    if low in DOCUMENT_NOUNS and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in subj.children):
        return True  # "Clinton’s response was: “…”": the author speaks
    return low in SPEAKER_NOUNS or low in DESCRIPTOR_NOUNS or low in ORG_HEADS


def _only_punct_between(doc: Any, a: int, b: int) -> bool:
    """True when tokens strictly between ``a`` and ``b`` are punctuation and there is a comma or dash."""
    between = doc[a + 1 : b]
    return all(t.is_punct or t.is_space for t in between) and any(t.text in (",", "—", "–", "-") for t in between)


def _ends_clause(doc: Any, tok: Any) -> bool:
    """True when only ``tok``'s own modifiers and punctuation follow it in its head's clause."""
    own = {t.i for t in tok.subtree}
    return all(t.i in own or t.is_punct or t.is_space for t in doc[tok.i + 1 : tok.head.right_edge.i + 1])


def _has_content_clause(tok: Any) -> bool:
    return bool(tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "ccomp" for c in tok.children))


#: speaker, speaker_start, speaker_end, cue, and the speaker as written
_Src = tuple[str | None, int | None, int | None, str | None, tuple[int, int] | None]


def _inner_report(tok: Any) -> bool:
    """A report inside another that is the quote instead of it: a content clause its subject did say."""
    return _has_content_clause(tok) and unsaid(tok, None) is None


def _src(e: Attribution) -> _Src:
    return e.quote.speaker, e.quote.speaker_start, e.quote.speaker_end, e.quote.cue, e.speaker_local


def attributions_from_doc(doc: Any, mentions: Sequence[Mention]) -> list[Attribution]:
    """The "bare" call: quotes with how they were attributed (see :func:`quotes_from_doc`)."""
    text: str = doc_text(doc)
    spans = quoted_spans(text)
    d = _build(doc, mentions, spans, text)
    _index_persons(d)
    direct = _direct_attributions(d, spans)
    indirect = _indirect_attributions(d, spans)
    events = sorted(direct + indirect, key=lambda e: (e.anchor, e.quote.kind == "indirect"))
    chains: dict[int, Attribution] = {}
    last_in_para: dict[int, Attribution] = {}
    last_in_sent: dict[int, Attribution] = {}  # sentence index -> the last attributed event ending in it
    history: list[Attribution] = []  # attributed events in order
    for e in events:
        q = e.quote
        if e.subject_i is not None and e.speaker_local is not None:
            sp = _resolve(d, doc[e.subject_i], e.speaker_local)
            q.speaker, q.speaker_start, q.speaker_end = sp.name, sp.start, sp.end
            _add_person(d, e.speaker_local[0], sp)
        elif e.headline is not None:
            # the story a digest quotes: named by its outlet tag ("[WaPo.]") when there is one, else its headline
            tag = _OUTLET_TAG.match(text, q.end + 1)
            h0, h1 = e.headline
            if tag is not None:
                q.speaker, q.speaker_start, q.speaker_end = tag.group(1), tag.start(1), tag.end(1)
            else:
                q.speaker, q.speaker_start, q.speaker_end = text[h0:h1], h0, h1
            e.speaker_local = e.headline
        elif q.kind != "indirect":
            src = _follow_on(d, e, chains, last_in_para, last_in_sent, history)
            if src is not None:
                q.speaker, q.speaker_start, q.speaker_end = src[0], src[1], src[2]
                q.cue = q.cue or src[3]
                e.speaker_local = e.speaker_local or src[4]
        # an attributed quote whose pronoun found no antecedent still hands that pronoun to what follows it
        if (q.speaker is not None or _pronoun_local(d, e)) and (e.unsaid or _keep(e)):
            if e.chain >= 0:
                chains.setdefault(e.chain, e)
            last_in_para[e.para] = e
            last_in_sent[d.sent_of(max(q.end, e.cue_span[1] if e.cue_span else q.end) - 1)] = e
            history.append(e)
    # a speaker named only in a later piece of a multi-paragraph quote
    for e in events:
        if e.quote.speaker is None and e.chain in chains:
            src = _src(chains[e.chain])
            e.quote.speaker, e.quote.speaker_start, e.quote.speaker_end = src[0], src[1], src[2]
            e.quote.cue = e.quote.cue or src[3]
            e.speaker_local = e.speaker_local or src[4]
    kept = _once(e for e in events if _keep(e))
    for e in kept:  # the words as the article writes them ('' and `` were read as double marks)
        e.quote.text = text[e.quote.start : e.quote.end]
    return kept


def _once(events: Iterable[Attribution]) -> list[Attribution]:
    """Events in text order, each span filed once: quoted words before the indirect clause with the same span."""
    out: dict[tuple[int, int], Attribution] = {}
    for e in sorted(events, key=lambda e: e.quote.kind == "indirect"):
        out.setdefault((e.quote.start, e.quote.end), e)
    return sorted(out.values(), key=lambda e: (e.quote.start, e.quote.end))


def _pronoun_local(d: _Doc, e: Attribution) -> bool:
    """The quote was attributed to a personal pronoun ("she said") that found no antecedent."""
    if e.speaker_local is None:
        return False
    return d.text[e.speaker_local[0] : e.speaker_local[1]].lower() in PRONOUNS_M | PRONOUNS_F | PRONOUNS_NONE | {"they"}


def _follow_on(
    d: _Doc,
    e: Attribution,
    chains: dict[int, Attribution],
    last_in_para: dict[int, Attribution],
    last_in_sent: dict[int, Attribution],
    history: Sequence[Attribution],
) -> _Src | None:
    """Who a quote with no cue of its own continues: its chain, its paragraph, the paragraph before."""
    if e.chain in chains:
        return _src(chains[e.chain])
    if e.explicit:
        return None  # a cue in its own sentence without a resolvable subject: do not guess
    prev = last_in_para.get(e.para)
    if prev is not None and prev.quote.start < e.quote.start:
        return _new_voice(d, prev, e) or _src(prev)
    dash = _dash_line(d, e)
    if dash is not None:
        return dash
    si = d.sent_of(e.anchor)
    if e.quote.kind != "direct" or si < 1:
        return None
    para_start = d.sent_starts[si] == d.para_starts[e.para]
    if not para_start and (e.anchor > d.sent_starts[si] + 1 or _has_quote(d, d.sent_starts[si - 1], d.sent_starts[si])):
        return None  # inside a paragraph only a sentence opening on the quote, after one without quotes, may follow
    if para_start and e.para < 1:
        return None
    lead_in = d.text[d.sent_starts[si] : e.anchor].rstrip()
    if para_start and len(lead_in) > 1 and not lead_in.endswith(":"):
        return None  # "Immediately after, Trump issued a statement, “…”": not a paragraph that opens on the quote
    ev = last_in_sent.get(si - 1)
    if ev is not None:
        if not para_start:
            return None
        answer = _answerer(d, ev, e, history)
        return answer if answer is not None else _src(ev)
    # the paragraph before ends introducing the quote: "Trump said in a statement:", "Stated Stone:",
    # or with someone speaking: "… since Trump spoke only in evasive bromides during the interview."
    pstart = d.sent_starts[si - 1]
    intro = d.text[pstart : d.para_starts[e.para] if para_start else d.sent_starts[si]].rstrip()
    toks = list(_segments_tokens(d, pstart, pstart + len(intro)))
    found: tuple[Any, Any] | None = None
    if intro.endswith(":"):
        found = (
            _colon_name(d, toks)
            or next(((t, _subject(t, d.in_quote)) for t in reversed(toks) if _is_cue(t)), None)
            or _intro_verb(d, toks)
        )
    else:
        for t in reversed(toks):
            if t.lower_ in STRONG_CUES and _is_cue(t):
                subj = _subject(t, d.in_quote)
                if subj is not None and _may_speak(d, subj):
                    found = (t, subj)
                    break
        if found is None and e.quote.kind == "direct" and e.words >= 4:
            found = _named_actor(d, toks)
    if found is None or found[1] is None:
        return None
    tok, subj = found
    local = _local_span(d, subj)
    sp = _resolve(d, subj, local)
    return sp.name, sp.start, sp.end, (None if tok.i == subj.i else _cue_text(tok)), local


_ISSUED = _words("issued issues released releases sent sends published publishes posted posts put puts")


def _named_actor(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """The named person a sentence is about, as the speaker of the quote that follows it.

    "Clinton touted her credentials as a co-sponsor. “We need to support workers …”": the subject of
    the sentence's main verb, when it names a person (or is he/she), speaks the quote after it.
    """
    root = next((t for t in toks if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    if root is None:
        return None
    subj = _subject(root, d.in_quote)
    if subj is None:
        return None
    if root.lower_ in _ISSUED and any(
        c.dep_ == "dobj" and c.lower_ in DOCUMENT_NOUNS for c in root.children
    ):
        # "The committee issued a statement apologizing to Sanders." / "“On behalf of everyone …”"
        return (root, subj) if _may_speak(d, subj) else None
    m = d.mention_at(subj.idx)
    prev = subj.doc[subj.i - 1].lower_ if subj.i > 0 else ""
    dets = [c.lower_ for c in subj.lefts if c.dep_ == "det"]
    person = (
        (m is not None and m.label == "PERSON")
        or subj.lower_ in PRONOUNS_M | PRONOUNS_F
        or (subj.pos_ == "PROPN" and (prev in HONORIFICS_M | HONORIFICS_F or subj.lower_ in d.full_names))
        or (subj.lower_ in DESCRIPTOR_NOUNS and dets[:1] == ["the"])  # "The prominent actress is …"
    )
    if not person:
        return None
    return root, subj


def _new_voice(d: _Doc, prev: Attribution, e: Attribution) -> _Src | None:
    """Someone else speaks up between two quotes: "“…,” Ebeling said, and her husband cut in. “…”"."""
    after = max(prev.quote.end, prev.cue_span[1] if prev.cue_span else prev.quote.end)
    for t in _segments_tokens(d, after, e.anchor):
        if t.idx < after or not _is_cue(t) or t.lower_ in WEAK_CUES or t.dep_ not in ("conj", "ROOT"):
            continue
        subj = _subject(t, d.in_quote)
        if subj is None or subj.idx < after or not _may_speak(d, subj):
            continue
        local = _local_span(d, subj)
        sp = _resolve(d, subj, local)
        if sp.name is None and subj.pos_ == "PRON":
            return None
        return sp.name, sp.start, sp.end, _cue_text(t), local
    return None


def _answerer(d: _Doc, ev: Attribution, e: Attribution, history: Sequence[Attribution]) -> _Src | None:
    """A question answered in the next paragraph: “…?” Hannity asked. / “…” — the one asked answers.

    When the paragraph before ends on a question by X and the exchange before it had another speaker Y
    (an interview), the uncued answer is Y's, not X's.
    """
    if not ev.quote.text.rstrip(" ”\"’'»").endswith("?") or e.quote.text.rstrip(" ”\"’'»").endswith("?"):
        return None
    asker = ev.quote.speaker
    if asker is None or (ev.quote.cue or "").lower() not in ("asked", "asks", "pressed", "presses", "queried"):
        return None
    k = next((i for i in range(len(history) - 1, -1, -1) if history[i] is ev), None)
    if k is None:
        return None
    for prev in reversed(history[max(0, k - 4) : k]):
        if prev.para < ev.para - 4:
            break
        if prev.quote.speaker is not None and prev.quote.speaker != asker:
            return _src(prev)
    return None


def _has_quote(d: _Doc, a: int, b: int) -> bool:
    """Any quoted words between offsets ``a`` and ``b``."""
    while b > a and d.text[b - 1] in " \t\n":
        b -= 1  # not the next quote's own mark (a '' opening mark reads as a space and a double mark)
    i, j = d.tok_at(a), d.tok_at(max(a, b - 1))
    return any(d.in_quote[i : j + 1])


def _dash_line(d: _Doc, e: Attribution) -> _Src | None:
    """A quote closing its paragraph, signed after a dash on its own line or the next:
    “…” — Sanders, “…” / "- Sanders." / "-President Obama, tweeting …"."""
    text = d.text
    end = text.find("\n", e.quote.end)
    rest = text[e.quote.end : end if end >= 0 else len(text)]
    tail = rest.lstrip(" .,!?”\"’'")
    if tail[:1] in ("-", "–", "—") and not tail[1:2].isalnum():
        nxt = e.quote.end + len(rest) - len(tail)  # “…” — Bernie Sanders: signed on the quote's own line
    else:
        if e.para + 1 >= len(d.para_starts) or end < 0 or tail:
            return None
        nxt = d.para_starts[e.para + 1]
        if text[nxt : nxt + 1] not in "-–—":
            return None
    toks = list(_segments_tokens(d, nxt + 1, nxt + 80))
    if nxt > e.quote.end and not (toks and (toks[0].pos_ == "PROPN" or toks[0].lower_ in TITLE_WORDS)):
        return None  # on the quote's own line only a signature: "— Bernie Sanders", not "— the slogan Trump used"
    for t in toks[:4]:
        if "\n" in d.doc[toks[0].i : t.i + 1].text:
            return None
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in TITLE_WORDS:
            j = t.i
            while j + 1 < len(d.doc) and d.doc[j + 1].pos_ == "PROPN" and "\n" not in d.doc[j].text_with_ws:
                j += 1
            head = d.doc[j]
            local = (head.idx + len(head.text) - len(_propn_name(head)), head.idx + len(head.text))
            sp = _resolve(d, head, local)
            return sp.name, sp.start, sp.end, None, local
    return None


def _keep(e: Attribution) -> bool:
    q = e.quote
    if e.unsaid:
        return False
    if q.kind == "indirect":
        return True
    if q.speaker is not None:
        return e.words >= 1
    if e.title_like:
        return False
    if q.kind == "direct":
        return e.words >= 3
    return e.words >= 4


def quotes_from_doc(doc: Any, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct, partial and indirect quotes in one parsed article (doc = spaCy Doc of Article.text; mentions = that
    article's entity mentions, offsets into the same text). Quote.start/end = the quoted words (marks excluded) for
    direct/partial; for indirect, the reported content clause. Quote.speaker = the speaker as written in full form when
    resolvable in the article (e.g. "Henrietta Levin" for "Ms Levin"/"she"), Quote.cue = the cue verb/phrase as written.

    Args:
        doc: a spaCy ``Doc`` of the article's cleaned text (parser and NER needed, not the lemmatizer).
        mentions: the article's entity mentions (:func:`storyline.analyse.entities.mentions_from_doc`).

    Returns:
        Quotes in text order. ``Quote.speaker_start``/``speaker_end`` point at the mention that names
        the speaker in full, so it can be mapped to a canonical entity.
    """
    return [a.quote for a in attributions_from_doc(doc, mentions)]


__all__ = ["Attribution", "QuotedSpan", "attributions_from_doc", "paragraphs", "quoted_spans", "quotes_from_doc"]
