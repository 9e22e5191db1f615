"""Are two articles the same story? Explainable pair features and a logistic model over them.

A story is one real-world happening and its developments. Each article is read once into a
:class:`Profile` — what the analysis already knows about its event — and a pair of profiles into a few
named features, each a number a reader can check:

========================  ===========================================================================
``content``               TF-IDF cosine of title and body (content-word stems, sublinear tf)
``lead``                  the same over the title and the first two sentences, where the news is
``entities``              idf-weighted cosine of the canonical participants (people, organisations,
                          groups, facilities, named events and products)
``people``                who each article is about: cosine of each person's share of its person mentions
                          (the lead's counting double) times the person's idf in the corpus
``people_conflict``       both headlines name people, none the same (Jackson's arrest, Williams's arrest)
``places``                idf-weighted cosine of the places named (GPE/LOC mentions and the dateline)
``place_conflict``        both leads name a place and neither article names any of the other's
``date_near``             both event dates known to the day and at most two days apart
``date_gap``              the gap between the two event dates in years (at most 3), when both are known
``date_unknown``          one of the two event dates is not known
``same_trigger``          both leads' main predicate is the same lemma ("arrest", "quake", "launch")
``kind_apart``            the leads tell alike (their cosine), yet the event dates are more than 30 days
                          apart: the same kind of happening again (two calls between the same leaders)
``people_missing``        the share of one headline's people the other article never names (the larger
                          of the two ways): the fired coach of one story is not in the other
``event_clash``           both leads tell the same action of someone named (a clause's predicate and the
                          people, else the organisations, in it), never of the same one: "fired Cheeks",
                          "fired O'Brien"
``count_same``            both leads count the same thing alike ("23 pirates", "23 pirates")
``count_clash``           both leads count the same thing, never alike ("23 pirates", "26 pirates")
``keywords``              the share of each article's ten weightiest words (tf-idf) the other uses: a
                          follow-up's angle dilutes the cosine, not the words of the happening it follows
``same_happening``        both leads name the same happening (:mod:`.happenings`: "the Democratic
                          convention", "the first debate") and the event dates are at most a week apart
``happening_apart``       both leads name a happening of one kind, told apart by their words ("the
                          Republican convention", "the Democratic convention")
``named_day``             both texts name a calendar day in common, or one names the other's event day ("the
                          Aug. 7 bombings" and a report of Friday's blasts; :mod:`.named_days`)
========================  ===========================================================================

An article's event date is what its lead dates (the finest precision given there, days before months
before years; nothing after publication, and not a date that bounds a period, :data:`.lead_time.PERIOD_WORDS`: "the
quarter ended Sept. 30" is no happening), else its publication date when that came from the file, not
inferred from a story. The gap between a day and a month or a year is the distance between the
intervals they stand for. The trigger is the predicate of the first clause of the lead that is not a
light or a speech verb ("said", "be").

The weights are data (``storyline/data/cluster.json``), two sets of them: one for pairs whose event dates
are both known, one for the others (:attr:`PairModel.undated`) — without dates, the words and the names must
tell two happenings of a kind apart, and they weigh differently. Both are fitted by
``bench/cluster.py --fit joint`` on the candidate pairs (sharing some words, see :func:`candidates`) of ECB+
dev and of a hand-grouped stream of wire and broadcast news (TBAQ), each weight kept to the side :data:`SIGN`
allows, every setting chosen by cross-validation over held-out topics and stories; see that file's
``about``. A feature the data gave no weight still shows in :func:`PairSpace.block`, at no cost to the score.

Example:
    >>> FEATURES[:3]
    ('content', 'lead', 'entities')
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Any

import numpy as np
from scipy import sparse

from .. import lexicon
from ..lexicon import stem
from ..model import Article
from ..text import NO_SENTENCES_LEAD, lead_to
from . import happenings, named_days
from .lead_time import event_time, lead_end
from .sparse_rows import row_order, top_columns

FEATURES = (
    "content",
    "lead",
    "entities",
    "people",
    "people_conflict",
    "places",
    "place_conflict",
    "actor_conflict",
    "date_near",
    "date_gap",
    "date_unknown",
    "same_trigger",
    "kind_apart",
    "people_missing",
    "event_clash",
    "count_same",
    "count_clash",
    "keywords",
    "same_happening",
    "happening_apart",
    "named_day",
)
#: What each feature means, for ``storyline stories --why``.
MEANING = {
    "content": "shared words",
    "lead": "shared words in title and lead",
    "entities": "shared participants",
    "people": "about the same people",
    "people_conflict": "headlines name different people",
    "places": "shared places",
    "place_conflict": "leads name different places",
    "actor_conflict": "leads name different organisations",
    "date_near": "same event day",
    "date_gap": "event dates apart (years)",
    "date_unknown": "an event date unknown",
    "same_trigger": "same kind of happening",
    "kind_apart": "alike leads, dates over 30 days apart",
    "people_missing": "a headline's people the other never names",
    "event_clash": "same lead action, other participants",
    "count_same": "leads give the same count",
    "count_clash": "leads count the same thing differently",
    "keywords": "each one's key words in the other",
    "same_happening": "leads name the same happening, days apart",
    "happening_apart": "leads name other happenings of one kind",
    "named_day": "one names the day the other names or dates its event",
}
#: The direction each feature may push the score (+1: only towards the same story, -1: only away, 0: either):
#: the fit keeps every weight on its side, so each contribution reads as the feature's name says.
SIGN = {
    "content": 1,
    "lead": 1,
    "entities": 1,
    "people": 1,
    "people_conflict": -1,
    "places": 1,
    "place_conflict": -1,
    "actor_conflict": -1,
    "date_near": 1,
    "date_gap": -1,
    "date_unknown": 0,
    "same_trigger": 1,
    "kind_apart": -1,
    "people_missing": -1,
    "event_clash": -1,
    "count_same": 1,
    "count_clash": -1,
    "keywords": 1,
    "same_happening": 1,
    "happening_apart": -1,
    "named_day": 1,
}
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
#: Predicates that say nothing about what happened: the trigger is the first other one.
LIGHT_PREDICATES = lexicon.words("stories.light_predicates")
#: Who a lead clause's action is about: the people it names, else these (see :func:`lead_events`).
EVENT_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
#: The number kinds (``NumberMention.kind``) a lead's counts are read from: "23 pirates", "two boats".
COUNT_KINDS = frozenset({"count"})
#: An article's key words: its this many weightiest words by tf-idf (the ``keywords`` feature).
KEYWORDS = 10
MAX_GAP_YEARS = 3.0
#: Documents assumed besides the corpus when weighing words and names (see :func:`idf_of`).
PRIOR_DOCS = 100
NEAR_DAYS = 2
APART_DAYS = 30

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
#: The words left out of an article's words: the lexicon's one list of function words (``function_words.stop``).
_STOP = lexicon.words("function_words.stop")


def words(text: str) -> list[str]:
    """Content-word stems of ``text``."""
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP]


# ----------------------------------------------------------------------------------------- profiles


@dataclass(slots=True)
class Profile:
    """What one article says about its event, read once."""

    article_id: str
    terms: dict[str, int]  # content-word stems of title and body, with their counts
    lead_terms: dict[str, int]  # the same over the title and the first two sentences
    participants: set[str] = field(default_factory=set)
    persons: dict[str, float] = field(default_factory=dict)  # person key → share of person mentions
    headline_persons: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    lead_places: set[str] = field(default_factory=set)
    event: tuple[int, int] | None = None  # the event's date as an interval of day ordinals
    event_precision: str | None = None  # day | month | year | month-day (no year)
    event_why: str | None = None
    triggers: list[str] = field(default_factory=list)
    lead_participants: set[str] = field(default_factory=set)
    lead_events: set[str] = field(default_factory=set)  # "action|participant" of the lead's clauses
    lead_actions: set[str] = field(default_factory=set)  # the actions of lead clauses that name a participant
    lead_counts: set[str] = field(default_factory=set)  # "unit|value" of the lead's counts
    lead_happenings: set[str] = field(default_factory=set)  # the lead's named happenings (happenings.py keys)
    named_days: set[str] = field(default_factory=set)  # the calendar days the text names (named_days.py)


_SETS = (
    "participants",
    "headline_persons",
    "places",
    "lead_places",
    "lead_participants",
    "lead_events",
    "lead_actions",
    "lead_counts",
    "lead_happenings",
    "named_days",
)


def profile_to_json(p: Profile) -> dict[str, Any]:
    """A profile as JSON (sets as sorted lists), to store in the corpus index."""
    out: dict[str, Any] = {k: getattr(p, k) for k in Profile.__dataclass_fields__}
    for k in _SETS:
        out[k] = sorted(out[k])
    out["event"] = list(p.event) if p.event else None
    return out


def profile_from_json(d: dict[str, Any], *, intern: bool = True) -> Profile:
    """A profile back from :func:`profile_to_json`. Its words are the interpreter's one copy of each (interned):
    a neighbourhood of thousands of profiles read from the corpus index holds each common word once (a profile
    29 -> 18 KB). ``intern=False``: ``d`` is one of many parsed in one ``json.loads`` (a JSON array of them),
    whose parser already gave each word one string for them all; interning them again costs half the read."""
    d = dict(d)
    for k in ("terms", "lead_terms") if intern else ():
        if isinstance(d.get(k), dict):
            d[k] = {sys.intern(w): n for w, n in d[k].items()}
    for k in _SETS:
        d[k] = set(d.get(k) or ())
    d["event"] = tuple(d["event"]) if d.get("event") else None
    return Profile(**{k: v for k, v in d.items() if k in Profile.__dataclass_fields__})


def triggers(article: Article, sentences: int = 2) -> list[str]:
    """The lead's predicates, first first: clauses of the first two sentences with a telling verb."""
    out: list[str] = []
    for s in article.statements:
        if s.sentence >= sentences:
            break
        lemma = s.predicate.lower() if s.predicate else ""
        if lemma and lemma not in LIGHT_PREDICATES and not s.negated and lemma not in out:
            out.append(lemma)
    return out


def lead_events(article: Article, sentences: int = 2) -> tuple[set[str], set[str]]:
    """What the lead's clauses do to whom: "action|participant" for each telling clause of the first
    ``sentences`` sentences and each participant named in it — the people (by surname), else the
    organisations, groups, places and facilities (:data:`EVENT_LABELS`) — and the actions that name one.

    "The 76ers fired coach Maurice Cheeks" gives ``fire|P:cheeks``: the action of the happening and whom it
    was about, whichever its grammatical role (a passive turns the object into the subject)."""
    longest = _longest_person_names(article)
    events: set[str] = set()
    actions: set[str] = set()
    for s in article.statements:
        if s.sentence >= sentences:
            break
        action = s.predicate.lower() if s.predicate else ""
        if not action or action in LIGHT_PREDICATES or s.negated:
            continue
        people, others = set(), set()
        for m in article.mentions:
            if m.start < s.start or m.end > s.end:
                continue
            if m.label == "PERSON" and (who := _surname(longest.get(m.entity_id or "", m.text))):
                people.add(f"P:{who}")
            elif m.label in EVENT_LABELS:
                others.add(_key(m.label, m.text, m.entity_id))
        if who_of := people or others:
            actions.add(action)
            events.update(f"{action}|{k}" for k in who_of)
    return events, actions


def lead_counts(article: Article, end: int) -> set[str]:
    """The counts the lead (up to ``end``) gives, as "unit|value": "23 pirates" → ``pirate|23``."""
    return {
        f"{n.unit}|{n.value:g}"
        for n in article.numbers
        if n.start < end and n.kind in COUNT_KINDS and n.unit and n.value is not None
    }


def _longest_person_names(article: Article) -> dict[str, str]:
    longest: dict[str, str] = {}
    for m in article.mentions:
        if m.label == "PERSON" and m.entity_id and len(m.text) > len(longest.get(m.entity_id, "")):
            longest[m.entity_id] = m.text
    return longest


def _surname(name: str) -> str:
    parts = _WORD.findall(name.replace("’", "'"))
    return parts[-1].lower().removesuffix("'s") if parts else ""


def _key(label: str, m_text: str, entity_id: str | None) -> str:
    return entity_id or f"{label}:{' '.join(m_text.lower().split())}"


def _place_key(place: str) -> str:
    return "GPE:" + " ".join(place.split(",")[0].lower().split())


def profile(article: Article, paragraphs: int = 3) -> Profile:
    """Read one article's event: words, participants, people, places, date and trigger."""
    end = lead_end(article, paragraphs)
    head_end = article.sentences[0].end if article.sentences else min(len(article.text), NO_SENTENCES_LEAD)
    lead_end_at = lead_to(len(article.text), [s.end for s in article.sentences[:2]])
    p = Profile(
        article.id,
        dict(Counter(words(f"{article.title or ''}\n{article.text}"))),
        dict(Counter(words(f"{article.title or ''}\n{article.text[:lead_end_at]}"))),
    )
    longest = _longest_person_names(article)
    weight: Counter[str] = Counter()
    person_words: dict[str, set[str]] = {}
    for m in article.mentions:
        key = _key(m.label, m.text, m.entity_id)
        if m.label in PLACE_TYPES:
            p.places.add(key)
            if m.start < head_end:
                p.lead_places.add(key)
        elif m.label in PARTICIPANT_TYPES:
            p.participants.add(key)
            if m.start < head_end and m.label != "PERSON":
                p.lead_participants.add(key)
        if m.label == "PERSON" and (who := _surname(longest.get(m.entity_id or "", m.text))):
            weight[who] += 2 if m.start < end else 1
            person_words.setdefault(who, set()).update(w.lower().removesuffix("'s") for w in _WORD.findall(m.text))
    if article.place:
        p.places.add(_place_key(article.place))
        p.lead_places.add(_place_key(article.place))
    total = sum(weight.values())
    p.persons = {k: v / total for k, v in weight.items()} if total else {}
    head = f"{article.title or ''} {article.text[:head_end]}".replace("’", "'")
    head_words = {w.lower().removesuffix("'s") for w in _WORD.findall(head)}
    p.headline_persons = {k for k, ws in person_words.items() if ws & head_words}
    p.event, p.event_precision, p.event_why = event_time(article, paragraphs)
    p.triggers = triggers(article)
    p.lead_events, p.lead_actions = lead_events(article)
    p.lead_counts = lead_counts(article, end)
    p.lead_happenings = happenings.of_lead(article.title, article.text[:lead_end_at], article.mentions)
    p.named_days = named_days.of_article(article)
    return p


# ------------------------------------------------------------------------------------------ pairs


def _binary(sets: Sequence[set[str]], vocab: dict[str, int]) -> Any:
    """Rows of 1s, one per set, in the columns of its members that ``vocab`` numbers."""
    kept = [[vocab[k] for k in s if k in vocab] for s in sets]
    return _rows([1.0] * sum(map(len, kept)), list(chain.from_iterable(kept)), kept, len(vocab))


def _rows(
    values: Sequence[float] | np.ndarray, columns: Sequence[int] | np.ndarray, rows: Sequence[Any], width: int
) -> Any:
    """A sparse matrix of ``values`` in ``columns``, ``len(rows[i])`` of them in row ``i``, each row's entries by
    column as a conversion from coordinates orders them (so every sum made of them is the same to the last bit)."""
    cols = np.asarray(columns, dtype=np.int64)
    lens = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    order = row_order(cols, lens, width)  # np.lexsort((cols, rows)), in one sort
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])
    vals = np.asarray(values, dtype=float)[order]
    return sparse.csr_matrix((vals, cols[order], indptr), shape=(len(rows), max(width, 1)))


def idf_of(df: int | np.ndarray, n: int) -> Any:
    """Inverse document frequency over the corpus and :data:`PRIOR_DOCS` more documents that name none of
    it: in a folder of five articles about one affair, what all five say still ties two of them together."""
    return np.log((n + 1 + PRIOR_DOCS) / (np.asarray(df) + 0.5))


_KINDS = ("terms", "lead_terms", "participants", "places", "persons")


def _idf_column(vocab: dict[str, int], df: Counter[str], n: int) -> np.ndarray:
    """:func:`idf_of` of each vocabulary word, by its column (the vocabulary is numbered in order)."""
    out: np.ndarray = idf_of(np.fromiter(map(df.__getitem__, vocab), dtype=float, count=len(vocab)), n)
    return out


@dataclass(slots=True)
class CorpusStats:
    """Document frequencies of everything the features weigh, kept up to date as articles arrive (the
    streaming index weighs a new article against the whole corpus without re-reading it)."""

    n: int = 0
    df: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in _KINDS})

    def add(self, p: Profile) -> None:
        self.n += 1
        for kind in _KINDS:
            self.df[kind].update(_keys(p, kind))

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> CorpusStats:
        stats = cls()
        for p in profiles:
            stats.add(p)
        return stats


def _keys(p: Profile, kind: str) -> Any:
    if kind == "persons":
        return p.persons.keys()
    value = getattr(p, kind)
    return value.keys() if isinstance(value, dict) else value


def _vocab(profiles: Sequence[Profile], kind: str) -> dict[str, int]:
    return {k: i for i, k in enumerate(sorted(set().union(*(_keys(p, kind) for p in profiles))))}


def _unit(m: Any) -> Any:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


_SUBLINEAR = np.array([0.0, *(1.0 + math.log(c) for c in range(1, 1024))])
"""1 + log(count) for the counts most terms have (``math.log``'s values, looked up instead of computed per term)."""


def _sublinear(counts: np.ndarray) -> np.ndarray:
    """1 + log(count) of each count (sublinear tf), each the value ``1.0 + math.log(count)`` gives."""
    small = counts < len(_SUBLINEAR)
    if small.all():
        out: np.ndarray = _SUBLINEAR[counts]
        return out
    return np.array([1.0 + math.log(c) for c in counts.tolist()])


def _weighted(
    rows: Sequence[Mapping[str, float]], vocab: dict[str, int], idf: np.ndarray, *, sublinear: bool = False
) -> Any:
    """Unit rows of ``value × idf`` (``sublinear``: of ``1 + log(count) × idf``), one per mapping, over ``vocab``
    (``idf``: by vocabulary column), built as whole arrays (:func:`_rows`)."""
    keys = [k for row in rows for k in row]
    cols = np.fromiter(map(vocab.__getitem__, keys), dtype=np.int64, count=len(keys))
    if sublinear:
        vals = _sublinear(np.fromiter(chain.from_iterable(row.values() for row in rows), np.int64, len(keys)))
    else:
        vals = np.fromiter(chain.from_iterable(row.values() for row in rows), dtype=float, count=len(keys))
    return _unit(_rows(vals * idf[cols], cols, rows, len(vocab)))


def _index(sets: Iterable[Iterable[str]]) -> dict[str, int]:
    return {k: i for i, k in enumerate(sorted({k for s in sets for k in s}))}


def _pattern(m: Any) -> Any:
    """1s where ``m`` has an entry."""
    out = m.copy()
    out.data = np.ones_like(out.data)
    return out


def _conflict(lead: Any, every: Any, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Both leads name something (a place, an organisation) and neither article names any of the other's."""
    named = np.asarray(lead.sum(axis=1)).ravel() > 0
    cross = np.asarray((lead[r] @ every[c].T).todense()) + np.asarray((every[r] @ lead[c].T).todense())
    return np.asarray(named[r][:, None] & named[c][None, :] & (cross == 0))


class PairSpace:
    """The articles' profiles as matrices, so that any block of pairs is scored at once."""

    def __init__(self, profiles: Sequence[Profile], stats: CorpusStats | None = None) -> None:
        self.profiles = list(profiles)
        self.ids = [p.article_id for p in profiles]
        stats = stats or CorpusStats.of(profiles)
        vocab = {kind: _vocab(profiles, kind) for kind in _KINDS}
        idf = {kind: _idf_column(vocab[kind], stats.df[kind], stats.n) for kind in _KINDS}
        self.content = _weighted([p.terms for p in profiles], vocab["terms"], idf["terms"], sublinear=True)
        self.lead = _weighted([p.lead_terms for p in profiles], vocab["lead_terms"], idf["lead_terms"], sublinear=True)
        self.participants = _weighted(
            [dict.fromkeys(p.participants, 1.0) for p in profiles], vocab["participants"], idf["participants"]
        )
        self.places = _weighted([dict.fromkeys(p.places, 1.0) for p in profiles], vocab["places"], idf["places"])
        self.persons = _weighted([p.persons for p in profiles], vocab["persons"], idf["persons"])
        person_vocab = vocab["persons"]
        self.headline = _binary([p.headline_persons for p in profiles], person_vocab)
        self.named_persons = _binary([set(p.persons) for p in profiles], person_vocab)
        self.keys = top_columns(self.content, KEYWORDS)  # each article's weightiest words by tf-idf (ties: by word)
        self.term_set = _pattern(self.content)
        self.lead_events = _binary([p.lead_events for p in profiles], _index(p.lead_events for p in profiles))
        self.lead_actions = _binary([p.lead_actions for p in profiles], _index(p.lead_actions for p in profiles))
        self.lead_counts = _binary([p.lead_counts for p in profiles], _index(p.lead_counts for p in profiles))
        units = [{c.split("|", 1)[0] for c in p.lead_counts} for p in profiles]
        self.count_units = _binary(units, _index(units))
        place_vocab = {k: i for i, k in enumerate(sorted({k for p in profiles for k in p.places | p.lead_places}))}
        self.lead_places = _binary([p.lead_places for p in profiles], place_vocab)
        self.all_places = _binary([p.places for p in profiles], place_vocab)
        self.lo = np.array([p.event[0] if p.event else 0 for p in profiles], dtype=float)
        self.hi = np.array([p.event[1] if p.event else 0 for p in profiles], dtype=float)
        self.known = np.array([p.event is not None for p in profiles])
        self.day = np.array([p.event_precision == "day" for p in profiles])
        trigger_vocab = {t: i for i, t in enumerate(sorted({t for p in profiles for t in p.triggers}))}
        self.triggers = _binary([set(p.triggers) for p in profiles], trigger_vocab)
        actor_vocab = {k: i for i, k in enumerate(sorted({k for p in profiles for k in p.participants}))}
        self.lead_actors = _binary([p.lead_participants for p in profiles], actor_vocab)
        self.all_actors = _binary([p.participants for p in profiles], actor_vocab)
        split = [happenings.split_keys(p.lead_happenings) for p in profiles]
        full, nouns, bare = ([s[k] for s in split] for k in range(3))
        self.happenings = _binary(full, _index(full))
        noun_vocab = _index(nouns)
        self.happening_nouns, self.bare_nouns = _binary(nouns, noun_vocab), _binary(bare, noun_vocab)
        self.told_nouns = _binary([n - b for n, b in zip(nouns, bare, strict=True)], noun_vocab)
        days = [p.event[0] if p.event and p.event_precision == "day" else None for p in profiles]
        self.days = named_days.Days([p.named_days for p in profiles], days)  # and each one's event day

    def __len__(self) -> int:
        return len(self.ids)

    def block(self, rows: Sequence[int] | np.ndarray, cols: Sequence[int] | np.ndarray) -> np.ndarray:
        """Features of every pair (rows × cols): an array of shape (len(rows), len(cols), len(FEATURES))."""
        r, c = np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)

        def dot(m: Any) -> np.ndarray:
            return np.asarray((m[r] @ m[c].T).todense(), dtype=float)

        out = np.zeros((len(r), len(c), len(FEATURES)))
        f = {name: k for k, name in enumerate(FEATURES)}
        out[..., f["content"]] = dot(self.content)
        out[..., f["lead"]] = dot(self.lead)
        out[..., f["entities"]] = dot(self.participants)
        out[..., f["people"]] = np.minimum(dot(self.persons), 1.0)
        head = np.asarray(self.headline.sum(axis=1)).ravel() > 0
        out[..., f["people_conflict"]] = head[r][:, None] & head[c][None, :] & (dot(self.headline) == 0)
        out[..., f["places"]] = dot(self.places)
        place_conflict = _conflict(self.lead_places, self.all_places, r, c)
        out[..., f["place_conflict"]] = place_conflict
        out[..., f["actor_conflict"]] = _conflict(self.lead_actors, self.all_actors, r, c)
        both = self.known[r][:, None] & self.known[c][None, :]
        gap = np.maximum(
            0.0, np.maximum(self.lo[r][:, None] - self.hi[c][None, :], self.lo[c][None, :] - self.hi[r][:, None])
        )
        gap = np.where(both, gap, 0.0)
        days = self.day[r][:, None] & self.day[c][None, :]
        out[..., f["date_near"]] = both & days & (gap <= NEAR_DAYS)
        out[..., f["date_gap"]] = np.minimum(gap / 365.0, MAX_GAP_YEARS)
        out[..., f["date_unknown"]] = ~both
        same = dot(self.triggers) > 0
        out[..., f["same_trigger"]] = same
        out[..., f["kind_apart"]] = np.where(both & (gap > APART_DAYS), out[..., f["lead"]], 0.0)
        out[..., f["people_missing"]] = self._missing(r, c)
        told = dot(self.lead_events) > 0
        out[..., f["event_clash"]] = (dot(self.lead_actions) > 0) & ~told
        counted = dot(self.lead_counts) > 0
        out[..., f["count_same"]] = counted
        out[..., f["count_clash"]] = (dot(self.count_units) > 0) & ~counted
        used = np.asarray((self.keys[r] @ self.term_set[c].T).todense()) + np.asarray(
            (self.term_set[r] @ self.keys[c].T).todense()
        )
        n_keys = np.asarray(self.keys.sum(axis=1)).ravel()
        total = n_keys[r][:, None] + n_keys[c][None, :]
        out[..., f["keywords"]] = np.where(total > 0, used / np.maximum(total, 1), 0.0)
        shared = dot(self.happenings) > 0
        loose = (np.asarray((self.bare_nouns[r] @ self.happening_nouns[c].T).todense()) > 0) | (
            np.asarray((self.happening_nouns[r] @ self.bare_nouns[c].T).todense()) > 0
        )
        out[..., f["same_happening"]] = (shared | loose) & both & (gap <= happenings.DAYS)
        out[..., f["happening_apart"]] = (dot(self.told_nouns) > 0) & ~shared & ~loose
        out[..., f["named_day"]] = self.days.shared(r, c)
        return out

    def _missing(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        """The share of one headline's people the other article never names, the larger way round (0 where
        the other names nobody: it cannot say whom it is about)."""
        heads = np.asarray(self.headline.sum(axis=1)).ravel()
        named = np.asarray(self.named_persons.sum(axis=1)).ravel() > 0
        found_rc = np.asarray((self.headline[r] @ self.named_persons[c].T).todense())
        found_cr = np.asarray((self.named_persons[r] @ self.headline[c].T).todense())
        h_r, h_c = heads[r][:, None], heads[c][None, :]
        rc = np.where((h_r > 0) & named[c][None, :], 1.0 - found_rc / np.maximum(h_r, 1), 0.0)
        cr = np.where((h_c > 0) & named[r][:, None], 1.0 - found_cr / np.maximum(h_c, 1), 0.0)
        return np.asarray(np.maximum(rc, cr))

    def all_pairs(self) -> np.ndarray:
        idx = np.arange(len(self))
        return self.block(idx, idx)


# ------------------------------------------------------------------------------------------ model

MIN_SIMILARITY = 0.05


def candidates(feats: np.ndarray, min_similarity: float = MIN_SIMILARITY, max_days: int = 0) -> np.ndarray:
    """Which pairs are worth deciding on: content or lead cosine ≥ ``min_similarity``, and event dates at
    most ``max_days`` apart where both are known (``max_days`` 0: any)."""
    ok = np.maximum(feats[..., FEATURES.index("content")], feats[..., FEATURES.index("lead")]) >= min_similarity
    if max_days > 0:
        known = feats[..., FEATURES.index("date_unknown")] == 0
        ok &= ~known | (feats[..., FEATURES.index("date_gap")] * 365.0 <= max_days + 0.5)
    return np.asarray(ok)


@dataclass(slots=True)
class PairModel:
    """Logistic weights over :data:`FEATURES`, the probability a story needs to take an article, and provenance.

    ``weights`` and ``bias`` score the pairs whose event dates are both known; ``undated`` and ``undated_bias``
    the others (``date_unknown`` 1), when given — without dates, the words and the names must tell two
    happenings of a kind apart, and they weigh differently. Either set keeps to :data:`SIGN`.
    """

    weights: dict[str, float]
    bias: float
    threshold: float
    top: int = 0  # a story's link to an article or another group: the mean of its `top` best pairs (0: of all)
    #: Pairs whose content and lead cosines are both below this are not candidates: probability 0, and the
    #: weights are fitted on the candidate pairs only (where a decision is to be made).
    min_similarity: float = MIN_SIMILARITY
    #: Two articles whose event dates are both known and further apart than this many days are never in one
    #: story (0: no limit): a story runs for days and weeks; the same kind of happening months later is another.
    max_days: int = 0
    about: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: The weights of pairs with an event date unknown (empty: ``weights`` score every pair).
    undated: dict[str, float] = field(default_factory=dict)
    undated_bias: float = 0.0
    #: A candidate pair scores at least this many times its ``content`` cosine (0: no floor): the bag of words
    #: as a floor under the model, so a follow-up whose people and dates the model weighs against still joins
    #: on the words it shares with the story (:meth:`floored`).
    content_floor: float = 0.0

    @property
    def vector(self) -> np.ndarray:
        return np.array([self.weights.get(name, 0.0) for name in FEATURES])

    def is_undated(self, feats: np.ndarray) -> np.ndarray:
        """Which pairs the undated weights score (none when the model has one set)."""
        if not self.undated:
            return np.zeros(feats.shape[:-1], dtype=bool)
        return np.asarray(feats[..., FEATURES.index("date_unknown")] > 0)

    def weights_for(self, feats: np.ndarray) -> tuple[dict[str, float], float]:
        """The weights and bias that score one pair."""
        return (self.undated, self.undated_bias) if bool(self.is_undated(feats)) else (self.weights, self.bias)

    def logit(self, feats: np.ndarray) -> np.ndarray:
        dated = np.asarray(feats @ self.vector + self.bias, dtype=float)
        if not self.undated:
            return dated
        vector = np.array([self.undated.get(name, 0.0) for name in FEATURES])
        return np.where(self.is_undated(feats), feats @ vector + self.undated_bias, dated)

    def probability(self, feats: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.logit(feats)))
        if self.content_floor > 0:
            p = np.maximum(p, self.words_floor(feats))
        return np.where(candidates(feats, self.min_similarity, self.max_days), p, 0.0)

    def words_floor(self, feats: np.ndarray) -> np.ndarray:
        """The least probability a pair's shared words give it: ``content_floor`` × its ``content`` cosine (at
        most 1; 0 without a floor)."""
        return np.clip(self.content_floor * feats[..., FEATURES.index("content")], 0.0, 1.0)

    def floored(self, feats: np.ndarray) -> bool:
        """Whether one pair's probability is its words' floor, above what the weights give it."""
        p = 1.0 / (1.0 + math.exp(-float(self.logit(feats))))
        return self.content_floor > 0 and float(self.words_floor(feats)) > p

    def apart(self, feats: np.ndarray) -> np.ndarray:
        """Pairs whose event dates are both known and more than ``max_days`` apart: never one story."""
        if self.max_days <= 0:
            return np.zeros(feats.shape[:-1], dtype=bool)
        return np.asarray(~candidates(feats, 0.0, self.max_days))

    def too_far(self, gap_days: float) -> bool:
        """Whether two known event dates ``gap_days`` apart are never one story: the test :meth:`apart` makes of
        a pair's ``date_gap``, for a gap counted without the pair's features (a story's span)."""
        gap = min(max(gap_days, 0.0) / 365.0, MAX_GAP_YEARS)
        return self.max_days > 0 and not gap * 365.0 <= self.max_days + 0.5

    def contributions(self, feats: np.ndarray) -> list[tuple[str, float, float]]:
        """(feature, value, weight × value) for one pair's features, strongest first, zeros left out (the
        weights of the pair's set: dated or undated)."""
        weights, _ = self.weights_for(feats)
        rows = [(name, float(v), float(v) * weights.get(name, 0.0)) for name, v in zip(FEATURES, feats, strict=True)]
        return sorted((r for r in rows if r[2] != 0.0), key=lambda r: -abs(r[2]))

    def without(self, *names: str) -> PairModel:
        """The same model with some features switched off (for ablations)."""
        weights = {k: (0.0 if k in names else v) for k, v in self.weights.items()}
        undated = {k: (0.0 if k in names else v) for k, v in self.undated.items()}
        return PairModel(
            weights, self.bias, self.threshold, self.top, self.min_similarity, self.max_days,
            undated=undated, undated_bias=self.undated_bias, content_floor=self.content_floor,
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        undated: dict[str, Any] = {}
        if self.undated:
            undated = {
                "undated_weights": [round(self.undated.get(n, 0.0), 6) for n in FEATURES],
                "undated_bias": round(self.undated_bias, 6),
            }
        return {
            "about": self.about,
            "features": list(FEATURES),
            "weights": [round(self.weights.get(n, 0.0), 6) for n in FEATURES],
            "bias": round(self.bias, 6),
            **undated,
            "threshold": self.threshold,
            "top": self.top,
            "min_similarity": self.min_similarity,
            "max_days": self.max_days,
            **({"content_floor": self.content_floor} if self.content_floor else {}),
            **self.extra,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PairModel:
        known = {"about", "features", "weights", "bias", "threshold", "top", "min_similarity", "max_days"}
        known |= {"undated_weights", "undated_bias", "content_floor"}
        undated = d.get("undated_weights")
        none = dict.fromkeys(FEATURES, 0.0)  # a feature the file does not know weighs nothing
        return cls(
            none | dict(zip(d["features"], (float(w) for w in d["weights"]), strict=True)),
            float(d["bias"]),
            float(d["threshold"]),
            int(d.get("top", 0)),
            float(d.get("min_similarity", MIN_SIMILARITY)),
            int(d.get("max_days", 0)),
            str(d.get("about", "")),
            {k: v for k, v in d.items() if k not in known},
            none | dict(zip(d["features"], (float(w) for w in undated), strict=True)) if undated else {},
            float(d.get("undated_bias", 0.0)),
            float(d.get("content_floor", 0.0)),
        )


@lru_cache(maxsize=1)
def stored_model() -> PairModel:
    """The fitted model, ``storyline/data/cluster.json``."""
    with resources.files("storyline.data").joinpath("cluster.json").open(encoding="utf-8") as fh:
        return PairModel.from_json(json.load(fh))
