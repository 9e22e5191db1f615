"""The story's timeline: one item per dated happening, merged across outlets and within an article.

Every day- or month-precise date an article resolves (and a year, when it lies after the reporting:
"later in 2026") is a candidate, carried by its sentence; a sentence keeps only its most precise date
("next year … in April" → 2026-04). Two candidates report the same happening (:func:`same_happening`) when

1. their dates are compatible: equal, or one holds the other ("late October" 2025-10 holds "Oct. 30");
2. what they share reaches :data:`MERGE_THRESHOLD`: the share of the shorter sentence's keys — content stems
   (its dates' words left out), canonical participants (``Mention.entity_id``) and kinds of happening
   (:data:`EVENT_KINDS`: "summit", "talks" and "sat down" all name a meeting) — that the other has too.

Candidates are joined pair by pair, the most similar first, by average linkage (two groups join only when
their sentences reach the threshold on average, so one bridging sentence does not chain two happenings),
and an item never holds two different days. An item keeps the most precise date, the best-written sentence
as its text (whole, opening on neither a quote nor a pronoun, the most like the others), every cite of
every merged sentence, and counts its independent sources; it is marked ``future`` when its date lies after
the latest publication date (announced or expected, not reported as done).

How the threshold was chosen: leave-one-topic-out cross-validation over 16 topics — twelve hand-labelled
multi-outlet stories (``tests/compare/test_timeline.py``: a summit and a border row in one month, a quake
and its aftershock, a merger, a trial, storms, budgets, …), the seed story (../shared/corpus/seeds, its 23
dated sentences labelled by happening outside the repo) and the three SemEval-2015 Task 4 corpora (sentences
our dates resolve, labelled by gold event). Measure: pairs of dated sentences with compatible dates put in
one item, pooled. 0.125 was chosen in all 16 folds; held out, pairwise P 0.88, R 0.91, F1 0.89 (the earlier
rule — one exact date, another article, a fifth of the words — P 0.86, R 0.45, F1 0.59). Tried and left:
IDF-weighted overlap (held-out F1 0.83), single linkage (0.74), vetoes on different kinds of happening or
disjoint participants (lower: the small model misses names and the kind words are ambiguous). Where it
fails: happenings with the same people in one month ("Boeing's chief testified in April" beside "Boeing
delivered 24 jets in April"), and a month that joins one of two days (the first pair decides).

Example:
    >>> is_future("2026-04", "2025-11-24"), is_future("2025-11", "2025-11-24")
    (True, False)
    >>> compatible("2025-10", "2025-10-30"), compatible("2025-10-29", "2025-10-30")
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import lexicon
from ..analyse.dates import RANGE_END
from ..lexicon import stem
from ..model import Article, Cite, TimelineItem
from .claims import content_stems, opens_with_pronoun, source_key
from .commitments import article_commitments
from .quoted import whole_quote as _whole_quote
from .summary import needs_context

MIN_WORDS = 6
#: Overlap two dated sentences (and, on average, two groups of them) need to be one happening; chosen by
#: leave-one-topic-out cross-validation (see the module docstring).
MERGE_THRESHOLD = 0.125
#: Mention labels whose entities are a happening's participants.
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"})

#: Kinds of happening and the words that name them: "summit", "talks" and "sat down" all name a meeting,
#: so sentences that say it in other words still share the happening's kind (``lexicon/timeline.toml``).
EVENT_KINDS: dict[str, str] = {k: str(v) for k, v in lexicon.table("timeline.event_kinds").items()}
_KIND_OF = {stem(w): kind for kind, words in EVENT_KINDS.items() for w in words.split()}


@dataclass(slots=True)
class Candidate:
    """A dated sentence: what it shares with another tells whether they report one happening."""

    article: Article
    start: int
    end: int
    date: str
    words: frozenset[str]  # content stems, its dates' words left out
    entities: frozenset[str]  # canonical entities of its participants
    kinds: frozenset[str]  # kinds of happening it names
    keys: frozenset[str] = frozenset()  # all three, compared between sentences

    def __post_init__(self) -> None:
        self.keys = self.words | {f"@{e}" for e in self.entities} | {f"#{k}" for k in self.kinds}

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]


def is_future(value: str, reference: str | None) -> bool:
    """True when the whole period ``value`` names starts after the period ``reference`` names."""
    if not reference:
        return False
    n = min(len(value), len(reference))
    return value[:n] > reference[:n]


def _sentence(a: Article, offset: int) -> tuple[int, int]:
    s = a.sentence_at(offset)
    if s is not None:
        return s.start, s.end
    for ps, pe in a.paragraphs:
        if ps <= offset < pe:
            return ps, pe
    return max(0, offset - 100), min(len(a.text), offset + 100)


def dated_sentences(a: Article, latest: str | None) -> list[tuple[str, int, int]]:
    """(date, sentence start, end) for an article: the most precise usable date of each sentence; at equal
    precision a written date wins over a weekday ("on Thursday, May 2"). A commitment's time ("by Thanksgiving",
    "25 million tons in 2026") dates no happening: the commitment is shown at its start, running to that time."""
    best: dict[tuple[int, int], tuple[str, bool, bool]] = {}
    timed = {c.time_start for c in article_commitments(a)} if a.dates else set()
    clauses = {(a.sentences[st.sentence].start, a.sentences[st.sentence].end) for st in a.statements
               if 0 <= st.sentence < len(a.sentences)}  # fmt: skip
    for d in a.dates:
        v = d.point
        if not v or "W" in v or "Q" in v or d.start in timed or d.how == RANGE_END:
            continue  # a range's second year ("the 2009-10 season": 2010) dates no happening; its first does
        if d.how == "clock":
            continue  # a time with no day named near it ("around midnight"): on the reference's day only by default
        if len(v) < 7 and not is_future(v, latest):
            continue
        whole = _whole_quote(a, _sentence(a, d.start))
        if whole is None:
            continue  # a piece of a quotation too long to show whole
        span = whole
        if len(a.text[span[0] : span[1]].split()) < MIN_WORDS:  # a table cell or a dateline, not a happening
            continue
        if _only_a_stamp(a, span):
            continue  # "Sat Nov 12 2011, 01:19 hrs": when the page was stamped, not a happening
        if clauses and span not in clauses and len(a.text[span[0] : span[1]].split()) < NO_CLAUSE_WORDS:
            continue  # no clause: an embedded post's signature ("— Jo Doe (@jodoe) November 18, 2019"), a caption
        if a.text[span[0] : span[1]].rstrip()[-1:] in ("?", "!"):
            continue  # the writer's own question or call ("Women, start making your moves today!") reports nothing
        if _UNFINISHED.search(a.text[span[0] : span[1]]):
            continue  # it hands over to what follows ("… made the following comment:") or breaks off ("with 650 —.")
        written = d.how not in ("weekday", "relative", "day-part", "clock", "weekend")  # "last night": resolved by us
        named = names_another_time(a.text, d.start, d.end)
        if named and _in_a_phrase(a.text, d.start) and not _in_a_subject(a, d.text, span):
            continue  # "claimed victory … in the run-up to the 2020 presidential election": not its happening's time
        old = best.get(span)
        if (
            old is None
            or (old[2] and not named and len(v) >= len(old[0]))  # its own time, as precise as the noun's
            or (
                not (named and not old[2] and len(old[0]) >= len(v))
                and (
                    (len(v) > len(old[0]) and v.startswith(old[0][:4]))
                    or (len(v) == len(old[0]) and written and not old[1])
                )
            )
        ):
            best[span] = (v, written, named)
    return [(v, s, e) for (s, e), (v, _, _) in best.items()]


def _words_before(text: str, start: int) -> list[str]:
    """The (up to) three words before ``start``, lower-cased."""
    return [w.lower() for w in _WORDS.findall(text, max(0, start - 30), start)][-3:]


def _in_a_phrase(text: str, start: int) -> bool:
    """A preposition stands up to three words before the date at ``start`` ("on Trump's July 25 phone call", "in the
    run-up to the 2020 presidential election"), not a verb ("lost Saturday's final": the happening's own)."""
    return any(w in _PHRASE_PREPOSITIONS for w in _words_before(text, start))


def _in_a_subject(a: Article, words: str, span: tuple[int, int]) -> bool:
    """``words`` (a date that names a noun's time) are in the subject of a clause of the sentence at ``span``: the
    sentence tells of that noun's happening ("The July 25 phone call is at the heart of the inquiry"). True for an
    article the statements were not read for: nothing is left out."""
    if not a.statements:
        return True
    return any(st.subject and words in st.subject and span[0] <= st.start < span[1] for st in a.statements)


#: Words before a date that make it the time of the clause's verb ("on Tuesday", "since March", "last week").
_ADVERBIAL_LEADS = lexicon.words("timeline.adverbial_date_leads")
#: Words a few words before a noun's date that make that noun's time the clause's ("at the October 30 summit").
_EVENT_TIME_LEADS = lexicon.words("timeline.event_time_leads")
_WORDS = re.compile(r"[A-Za-z]+")
#: Prepositions that set a noun and its date in a phrase of the clause ("on the July 25 call", "to the 2020 election").
_PHRASE_PREPOSITIONS = lexicon.words("timeline.phrase_prepositions")
_WORD_AFTER = re.compile(r"(['’]s\b)|\s+([a-z][a-z-]*)\b")
_STOP_WORDS = lexicon.words("function_words.stop")


def names_another_time(text: str, start: int, end: int) -> bool:
    """The date at ``start``–``end`` names the time of a noun, not of its sentence's happening: it stands before
    its noun ("on Trump's July 25 phone call", "the 2020 presidential election") or owns it ("Friday's ruling"),
    with no preposition before it. A sentence's date of its own ("In the morning, lawmakers grilled …") is
    preferred to such a one.

    Example:
        >>> t = "In the morning, lawmakers grilled aides on the July 25 phone call."
        >>> names_another_time(t, 0, 14), names_another_time(t, t.index("July"), t.index("July") + 7)
        (False, True)
    """
    back = _words_before(text, start)
    own = _WORDS.match(text, start, end)  # a mention that holds its preposition ("on Sunday")
    if (back and back[-1] in _ADVERBIAL_LEADS) or (own is not None and own.group(0).lower() in _ADVERBIAL_LEADS):
        return False
    if any(w in _EVENT_TIME_LEADS for w in back):
        return False  # "At the October 30 summit the leaders agreed …": the event's time is the clause's
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    if after.group(1):
        return True
    word = after.group(2)
    return word not in _STOP_WORDS and word not in _TIME_NOUNS and not word.endswith("ed")


#: A sentence that ends on a colon or a dash is unfinished: alone, it tells nothing.
_UNFINISHED = re.compile(r"[:—–]\W{0,3}$")
#: Fewest words a dated sentence has besides its dates to report something.
MIN_OTHER_WORDS = 3
#: A dated sentence in which the parse finds no clause (no statement) reports no happening when it is shorter
#: than this many words (a longer one may be a clause the statements missed).
NO_CLAUSE_WORDS = 12


def _only_a_stamp(a: Article, span: tuple[int, int]) -> bool:
    """True when the sentence is little more than its dates: fewer than :data:`MIN_OTHER_WORDS` words with a
    letter outside them ("Sat Nov 12 2011, 01:19 hrs", "Updated: Monday, 13 July 2009 12:49 PM EDT")."""
    s, e = span
    kept = list(a.text[s:e])
    for d in a.dates:
        if s <= d.start < e:
            kept[d.start - s : min(d.end, e) - s] = " " * (min(d.end, e) - d.start)
    return sum(1 for w in "".join(kept).split() if any(c.isalpha() for c in w)) < MIN_OTHER_WORDS


def _opens_on_quote(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and t[0] in "“\"‘'"


def _reads_badly(text: str) -> bool:
    """Out of its article, a sentence opening on a quote or a pronoun ("He said …") reads badly."""
    return _opens_on_quote(text) or opens_with_pronoun(text.lstrip())


def _needs_context_word(text: str) -> bool:
    """A sentence opening on a connective or a demonstrative ("Instead, …", "That decision …"), not on a pronoun
    that stands for a person ("He said …", whom :func:`speaker_in` and the renderers may name)."""
    words = [w.lower().strip(",") for w in text.lstrip("“\"‘' ").split(" ", 2)[:2]]
    if words[0] in _PERSONAL or (len(words) > 1 and words[1] in _TIME_NOUNS):  # "This week …" is a date
        return False
    return needs_context(text.lstrip("“\"‘' "))


_PERSONAL = frozenset("he she they we i you his her their our my him them".split())
_ONE_PERSON = frozenset("he she his her him".split())
_TIME_NOUNS = lexicon.words("timeline.time_nouns")


def speaker_in(a: Article, start: int, end: int) -> str | None:
    """Who speaks in a sentence that reads badly out of its article ("“We will not back down,” he said"):
    the resolved speaker of the first quote in it, when the sentence does not already name them. A sentence opening
    on "he" or "she" is a person's: a speaker the article names by no name ("He released a letter from his doctor
    that says …": the letter says it) is not who the pronoun stands for."""
    text = a.text[start:end]
    if not _reads_badly(text):
        return None
    personal = text.lstrip("“\"‘' ").split(" ", 1)[0].lower() in _ONE_PERSON
    for q in a.quotes:
        if start <= q.start < end and q.speaker:
            named = set(re.findall(r"\w+", text))
            words = [w for w in q.speaker.split() if w[:1].isupper()]
            if personal and not words:
                continue
            return None if any(w in named for w in words) else q.speaker  # "Lopez added" names Maria Lopez
    return None


def compatible(a: str, b: str) -> bool:
    """Dates that may name one happening: equal, or one period holds the other (2025-10 holds 2025-10-30)."""
    return a.startswith(b) or b.startswith(a)


def _most_precise(dates: Sequence[str]) -> str:
    return max(dates, key=len)


def _chain(dates: set[str]) -> bool:
    """Every date holds or equals the most precise one: never two different days (or months) in one item."""
    top = _most_precise(sorted(dates))
    return all(top.startswith(d) for d in dates)


def candidate(a: Article, start: int, end: int, date: str) -> Candidate:
    """A dated sentence with the words (its dates' words left out), participants and kinds of happening it names."""
    text = a.text
    dated = [(d.start, d.end) for d in a.dates if start <= d.start < end]
    plain = "".join(" " if any(s <= i < e for s, e in dated) else ch for i, ch in enumerate(text[start:end], start))
    words = frozenset(content_stems(plain))
    ents = frozenset(
        m.entity_id for m in a.mentions if start <= m.start < end and m.entity_id and m.label in PARTICIPANT_LABELS
    )
    return Candidate(a, start, end, date, words, ents, frozenset(_KIND_OF[w] for w in words if w in _KIND_OF))


def candidates(members: Sequence[Article], latest: str | None = None) -> list[Candidate]:
    """The story's dated sentences (see :func:`candidate`)."""
    return [candidate(a, s, e, v) for a in members for v, s, e in sorted(dated_sentences(a, latest))]


def same_happening(a: Candidate, b: Candidate) -> float:
    """How surely two dated sentences report one happening: the share of the shorter one's words, participants
    and kinds the other has too; 0.0 when their dates cannot name one happening."""
    if not compatible(a.date, b.date):
        return 0.0
    ka, kb = a.keys, b.keys
    return len(ka & kb) / min(len(ka), len(kb)) if ka and kb else 0.0


def group(cands: Sequence[Candidate], threshold: float = MERGE_THRESHOLD) -> list[list[int]]:
    """Candidates joined into happenings, the most similar pair first (average linkage: two groups join when
    their sentences, on average, reach ``threshold``); no group holds two different days."""
    n = len(cands)
    score: dict[tuple[int, int], float] = {}
    link: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # summed scores between groups
    for i in range(n):
        for j in range(i + 1, n):
            if cands[i].date[:4] == cands[j].date[:4] and (sc := same_happening(cands[i], cands[j])) > 0:
                score[i, j] = sc
                link[i][j] = link[j][i] = sc
    members = {i: [i] for i in range(n)}
    owner = list(range(n))
    dates = {i: {c.date} for i, c in enumerate(cands)}
    place = [(c.article.path, c.article.id, c.start) for c in cands]  # ties: by file, not by article order
    for (i, j), sc in sorted(score.items(), key=lambda kv: (-kv[1], sorted((place[kv[0][0]], place[kv[0][1]])))):
        if sc < threshold:
            break
        gi, gj = owner[i], owner[j]
        if gi == gj or not _chain(dates[gi] | dates[gj]):
            continue
        if link[gi].get(gj, 0.0) / (len(members[gi]) * len(members[gj])) < threshold:
            continue
        for h, v in link.pop(gj).items():  # the merged group's links are the sums of its parts'
            del link[h][gj]
            if h != gi:
                link[gi][h] = link[h][gi] = link[gi].get(h, 0.0) + v
        for k in members[gj]:
            owner[k] = gi
        members[gi] += members.pop(gj)
        dates[gi] |= dates.pop(gj)
    return [sorted(m) for m in members.values()]


_COMPLETE = re.compile(r"^[\"“‘']?[A-Z0-9].*[.!?][\"”’')]*$", re.DOTALL)


def _commits(c: Candidate) -> bool:
    """Whether the sentence holds a commitment with its time ("a one year pause": a figure with a period or a
    deadline), which the dossier shows beside the item."""
    return any((n.period or n.deadline) and c.start <= n.start < c.end for n in c.article.numbers)


def _representative(g: Sequence[Candidate]) -> Candidate:
    """The best-written sentence of a happening: whole, opening on neither a quote nor a pronoun, stating the
    commitment one of them holds (its time is shown beside the item), the most like the others (ties: one that
    names the kind of happening, then the earliest in its article, where the lead tells the happening, then the
    file)."""

    committing = any(_commits(c) for c in g)

    def key(c: Candidate) -> tuple[bool, bool, bool, float, bool, int, str]:
        like = sum(same_happening(c, o) for o in g if o is not c)
        return (
            _reads_badly(c.text),
            not _COMPLETE.match(c.text.strip()),
            committing and not _commits(c),  # the item shows its commitment's time: the sentence must say it
            -round(like, 3),
            not c.kinds,
            c.start,
            c.article.path,
        )

    return min(g, key=key)


def timeline(members: Sequence[Article], limit: int = 30, threshold: float = MERGE_THRESHOLD) -> list[TimelineItem]:
    """Dated happenings across the story, one item each, with their independent sources."""
    by_id = {a.id: a for a in members}
    order = {a.id: i for i, a in enumerate(members)}
    pubs = [a.published for a in members if a.published]
    latest = max(pubs) if pubs else None
    cands = candidates(members, latest)
    items: list[TimelineItem] = []
    for idx in group(cands, threshold):
        g = [cands[i] for i in idx]
        rep = _representative(g)
        date = _most_precise(sorted(c.date for c in g))
        g.sort(key=lambda c: (c is not rep, order[c.article.id], c.start))
        items.append(
            TimelineItem(
                date=date,
                text=rep.text,
                cites=[Cite(c.article.id, c.start, c.end) for c in g],
                sources=len({source_key(c.article, by_id) for c in g}),
                future=is_future(date, latest),
                speaker=speaker_in(rep.article, rep.start, rep.end),
            )
        )
    # a single outlet's quoted commentary that merely mentions a date other outlets report as a happening
    # ("“…,” an analyst added, noting … the president's visit in April" beside "The president will visit in April")
    reported = {t.date for t in items if t.sources >= 2}
    items = [t for t in items if not (t.sources < 2 and t.date in reported and _opens_on_quote(t.text))]
    # one sentence that needs the one before it ("That decision is due by the end of next month.", "Instead, …"):
    # out of its article it tells no happening; a pronoun's speaker is glossed, so "He said …" stays
    items = [t for t in items if len(t.cites) > 1 or not _needs_context_word(t.text)]
    items.sort(key=lambda t: (-t.sources, -len(t.cites), t.date))
    items = items[:limit]
    items.sort(key=lambda t: (t.date, -t.sources))
    return items


__all__ = [
    "EVENT_KINDS",
    "Candidate",
    "candidate",
    "candidates",
    "compatible",
    "dated_sentences",
    "group",
    "is_future",
    "same_happening",
    "speaker_in",
    "timeline",
]
