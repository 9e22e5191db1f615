"""Account comparisons: what one party's own account of an event leaves out, against another party's account.

Reporters often point out omissions themselves: "the president made no mention of the border in his post",
"the ministry's read-out did not mention a date". Such a sentence names a party (whose account), an
account (statement, read-out, post, remarks…) or a public act, and an omission cue ("did not mention",
"made no mention of", "no public reference to"). Sentences of the other outlets saying the same omission
are grouped, and set beside the story's sentences attributing an account to *another* party that do speak
of the topic ("According to the Brazilian read-out, Lula told Milei that the border…").

A party is whoever the account speaks for (:func:`principal`): a government, when the name stands for one —
a capital ("Beijing"), a nationality ("the Chinese read-out"), a seat of government or state media ("the
White House", "Xinhua"), a government body with a nationality ("the Chinese Ministry of Foreign Affairs"),
or a person whose title is a government's ("US President", "Chinese Foreign Minister"); otherwise the
canonical entity itself. So "Donald Trump's post" and "the White House's statement" are one party, shown
by its person ("Donald Trump"); "Beijing's statement" and "the Chinese account" are another ("China").
The tables are data (:data:`CAPITALS`, :data:`DEMONYMS`, :data:`SEATS`, :data:`GOVERNMENT_TITLES`:
``lexicon/accounts.toml``).

Example:
    >>> bool(OMISSION.search("The president made no mention of the border in his statement."))
    True
    >>> principal("Beijing", "GPE"), principal("Chinese", "NORP"), principal("White House", "ORG")
    ('China', 'China', 'United States')
    >>> principal("Donald Trump", "PERSON", ["US President"]), principal("Wu Xinbo", "PERSON")
    ('United States', None)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .. import lexicon
from ..model import Cite, Claim, Entity, Mention
from ..text import alternation
from .claims import Unit, content_stems

OMISSION = re.compile(
    r"\b(?:did not|didn[’']t|does not|doesn[’']t|has not|have not|had not|never)\s+(?:publicly\s+|even\s+)?"
    r"(?:mention(?:ed)?|refer(?:red)? to|address(?:ed)?|raise[d]?|include[d]?|cite[d]?)\b"
    r"|\bmade no (?:public )?mention of\b|\bno (?:public |explicit )?(?:mention|reference|indication)\b"
    r"|\bomitted\b|\bleft out\b|\bwas silent on\b|\babsence of any (?:public )?(?:mention|reference)\b",
    re.IGNORECASE,
)
ACCOUNT = re.compile(
    r"\b(?:statements?|accounts?|read-?outs?|posts?|summar(?:y|ies)|versions?|transcripts?|announcements?|"
    r"communiqu[eé]s?|briefings?|public(?:ly)?)\b",
    re.IGNORECASE,
)
ATTRIBUTION = re.compile(
    r"\baccording to (?:the |a )?[^,.;]{0,40}?(?:read-?out|statement|foreign ministry|ministry|state media|"
    r"account|government)\b|\bstated that\b|\bsaid in a statement\b|\b(?:read-?out|statement) (?:said|says)\b"
    r"|\bstate media\b",
    re.IGNORECASE,
)
_PARTY_TYPES = ("PERSON", "GPE", "ORG", "NORP")
#: Between a name and the account word it owns: a possessive and up to two words ("Trump’s social media
#: post"), or, after a nationality, at most one word ("the Chinese read-out", "Chinese official statements").
_OWNS = re.compile(r"['’]s?(?:\s+[a-z][\w-]*){0,2}\s+")
_OWNS_ADJECTIVE = re.compile(r"(?:\s+[a-z][\w-]*)?\s+")
_TOPIC_END = re.compile(rf"\s+{alternation(lexicon.ordered('accounts.topic_end'))}\s+|[,.;]")
#: A clause of talking about the topic before it ("he had discussed …", "Trump raised …"): skipped.
_TOPIC_CLAUSE = re.compile(
    r"(?:[\w’'-]+\s+){1,3}?(?:(?:had|has|have|was|were|had been)\s+)?"
    rf"{alternation(lexicon.ordered('accounts.topic_verbs'))}\s+"
)


def _pairs(name: str) -> dict[str, str]:
    """A "name = government" table of ``lexicon/accounts.toml``, names lower-cased."""
    return {k.lower(): str(v) for k, v in lexicon.table(name).items()}


#: Capitals that stand for their government ("Beijing's statement", "Washington has not said").
CAPITALS = _pairs("accounts.capitals")
#: Nationality words and short forms that stand for a government ("the Chinese read-out", "US officials").
DEMONYMS = _pairs("accounts.demonyms")
#: Seats of government and state media that speak for a government ("the White House", "the Kremlin", "Xinhua").
SEATS = _pairs("accounts.seats")
#: Titles whose holder speaks for a government, when a nationality or country leads them ("US President").
GOVERNMENT_TITLES = lexicon.ordered("accounts.government_titles")
#: Words that make an organisation a government body when a nationality leads its name.
GOVERNMENT_WORDS = lexicon.words("accounts.government_words")
_GOVERNMENTS = {g.lower(): g for g in [*CAPITALS.values(), *DEMONYMS.values(), *SEATS.values()]}


def _country_word(text: str) -> str | None:
    """The government a leading nationality or country names ("Chinese Foreign Ministry", "US President")."""
    low = text.lower().replace("’", "'")
    for n in (2, 1):
        head = " ".join(low.split()[:n]).removesuffix("'s")
        if head in DEMONYMS:
            return DEMONYMS[head]
        if head in _GOVERNMENTS:
            return _GOVERNMENTS[head]
    return None


def principal(name: str, type_: str | None = None, roles: Sequence[str] = ()) -> str | None:
    """The government a party's name stands for, or None when it speaks for itself (see the module docstring)."""
    low = name.lower().replace("’", "'").removeprefix("the ")
    for seat, government in SEATS.items():
        if low == seat or low.startswith(seat + " "):
            return government
    if low in CAPITALS:
        return CAPITALS[low]
    if low in DEMONYMS:
        return DEMONYMS[low]
    if type_ == "GPE":
        return _country_word(name) or name
    if type_ == "NORP":
        return None
    if type_ == "ORG":
        country = _country_word(name)
        return country if country and GOVERNMENT_WORDS & set(low.split()) else None
    if type_ == "PERSON":
        for role in roles:
            country = _country_word(role)
            if country and any(t in role.lower() for t in GOVERNMENT_TITLES):
                return country
    return None


def _mentions(u: Unit) -> list[Mention]:
    return [m for m in u.article.mentions if u.start <= m.start < u.end and m.entity_id]


def party_of(u: Unit, cue_start: int, types: dict[str, str] | None = None) -> Mention | None:
    """Whose account: "by the White House" after the cue, else the name that owns the account word ("Beijing's
    statement", "Chinese statements"), else the nearest person, else place/organisation, before the cue.

    ``types`` maps entity ids to their canonical type (the corpus vote is surer than one mention's label).
    """
    types = types or {}
    ms = _mentions(u)
    text = u.article.text
    after = text[cue_start : u.end]
    by = re.search(r"\bby (?:the )?", after)
    if by:
        for m in ms:
            if m.start == cue_start + by.end():
                return m
    for acc in ACCOUNT.finditer(text, u.start, u.end):
        for m in ms:
            owns = _OWNS_ADJECTIVE if types.get(m.entity_id or "", m.label) == "NORP" else _OWNS
            if m.end <= acc.start() and owns.fullmatch(text, m.end, acc.start()):
                return m
    before = [m for m in ms if m.end <= cue_start]
    for wanted in (("PERSON",), _PARTY_TYPES):
        cands = [m for m in before if types.get(m.entity_id or "", m.label) in wanted]
        if cands:
            return cands[-1]
    return None


def topic_span(u: Unit, cue_end: int) -> tuple[int, int]:
    """What is left out: the words after the cue (past a clause of talking about it: "that he had discussed …"),
    up to the next preposition phrase or punctuation."""
    text = u.article.text
    lead = re.compile(r"\s*(?:(?:of|to|that)\s+)?").match(text, cue_end, u.end)
    s = lead.end() if lead else cue_end
    said = _TOPIC_CLAUSE.match(text, s, u.end)
    s = said.end() if said else s
    m = _TOPIC_END.search(text, s, u.end)
    e = m.start() if m and m.start() > s else u.end
    return s, min(e, s + 80)


@dataclass(slots=True)
class Omission:
    """A sentence saying a party's account left something out."""

    unit: Unit
    party_id: str | None  # the canonical entity the sentence names as the party
    party_text: str | None  # the party as written
    party: str | None  # whom it speaks for: a government, or the entity itself (see :func:`principal`)
    topic_entities: frozenset[str]
    topic: str
    party_at: int = 0  # where the party is named, from the sentence's start ("The president made no mention …": 0)


class Parties:
    """Whom each party speaks for, from the corpus's canonical entities (their type, titles and names)."""

    def __init__(self, entities: Sequence[Entity] = ()) -> None:
        self.names = {e.id: e.name for e in entities}
        self.types = {e.id: e.type for e in entities}
        self.by_name = {e.name.lower(): e for e in entities}
        self._entities = {e.id: e for e in entities}
        self._key: dict[str, str] = {}  # filled on first use: a story meets few of the corpus's entities

    def key(self, m: Mention | None) -> str | None:
        """The party a mention speaks for: a government's name, or its entity id."""
        if m is None:
            return None
        if m.entity_id and m.entity_id in self._entities:
            if m.entity_id not in self._key:
                e = self._entities[m.entity_id]
                self._key[e.id] = principal(e.name, e.type, [*e.roles, *e.aliases]) or e.id
            return self._key[m.entity_id]
        return principal(m.text, m.label) or m.entity_id or m.text

    def labels(self, found: Sequence[Omission]) -> dict[str | None, str | None]:
        """How to name each party, the same in every item of the story: its person when a person speaks for it
        ("Donald Trump" for the White House too), else its one name ("the White House"), else the government's
        name as the corpus writes it ("China" for "Beijing" and "the Chinese")."""
        out: dict[str | None, str | None] = {}
        for key in {o.party for o in found}:
            mine = [o for o in found if o.party == key]
            if key is None:
                out[key] = None
                continue
            ids = Counter(o.party_id for o in mine if o.party_id)
            people = [i for i, _ in ids.most_common() if self.types.get(i) == "PERSON"]
            if people:
                out[key] = self.names[people[0]]
            elif len(ids) == 1:
                out[key] = self.names.get(next(iter(ids)), mine[0].party_text)
            else:
                known = self.by_name.get(key.lower())
                out[key] = self.names.get(key) or (known.name if known else key)
        return out


def _sentence(u: Unit) -> Unit:
    """The whole sentence a statement belongs to: the party and the account are often outside the clause that
    says what was left out ("In his statement, Trump praised the ties | but did not mention Taiwan")."""
    s = u.article.sentence_at(u.start)
    if s is None or (s.start == u.start and s.end == u.end):
        return u
    return replace(u, start=min(s.start, u.start), end=max(s.end, u.end))


def _detect(units: Sequence[Unit], parties: Parties) -> list[Omission]:
    """Omission statements, one per cue, each with its party and what it says was left out."""
    out = []
    seen: set[tuple[str, int]] = set()
    for clause in units:
        m = OMISSION.search(clause.text)
        if not m or (clause.article.id, clause.start + m.start()) in seen:
            continue
        cue_s, cue_e = clause.start + m.start(), clause.start + m.end()
        seen.add((clause.article.id, cue_s))
        u = _sentence(clause)
        if not ACCOUNT.search(u.text):
            continue
        party = party_of(u, cue_s, parties.types)
        ts, te = topic_span(u, cue_e)
        topic_ents = frozenset(x.entity_id for x in _mentions(u) if ts <= x.start < te and x.entity_id)
        topic = u.article.text[ts:te].strip()
        if not topic:
            continue
        out.append(
            Omission(
                u,
                party.entity_id if party else None,
                party.text if party else None,
                parties.key(party),
                topic_ents,
                topic,
                party.start - u.start if party else len(u.text),
            )
        )
    return out


def _joins(group: Sequence[Omission], f: Omission) -> bool:
    """Same party, and a topic entity (or, without entities, a topic word) in common with the group."""
    if group[0].party != f.party:
        return False
    ents = frozenset().union(*(g.topic_entities for g in group))
    if ents and f.topic_entities:
        return bool(ents & f.topic_entities)
    words = set().union(*(_topic_words(g.topic) for g in group))
    return bool(words & _topic_words(f.topic))


def _topic_words(topic: str) -> set[str]:
    """The topic's content stems with a final "e" off: the light stem keeps "date" and "dates" ("dat") apart,
    and one party's account leaving out "date" and "specific dates" is one omission."""
    return {w.removesuffix("e") for w in content_stems(topic)}


def _one_topic(group: list[Omission]) -> list[list[Omission]]:
    """``group`` split on what it says was left out: the members naming its main topic entity (the one the most
    outlets name; on a tie, each tied one), then the rest grouped again. "No mention of Taiwan or Japan" and "no
    public indication that he discussed the coercion of Japan" meet on Japan, though the second leaves out
    something else: each cell of an omission's row must state that omission."""
    by_entity: dict[str, set[str]] = {}
    for f in group:
        for e in f.topic_entities:
            by_entity.setdefault(e, set()).add(f.unit.source)
    if not by_entity:
        return [group]
    top = max(len(s) for s in by_entity.values())
    main = {e for e, s in by_entity.items() if len(s) == top}
    keep = [f for f in group if not f.topic_entities or f.topic_entities & main]
    return [keep, *_grouped(f for f in group if f not in keep)]


def _grouped(found: Iterable[Omission]) -> list[list[Omission]]:
    """Omissions grouped greedily: each joins the first group it joins (:func:`_joins`), else opens one."""
    groups: list[list[Omission]] = []
    for f in found:
        for g in groups:
            if _joins(g, f):
                g.append(f)
                break
        else:
            groups.append([f])
    return groups


def _merge_groups(groups: list[list[Omission]]) -> list[list[Omission]]:
    """Merge groups that a later member bridged, so the grouping does not depend on article order."""
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if any(_joins(groups[i], f) for f in groups[j]):
                    groups[i].extend(groups.pop(j))
                    merged = True
                    break
            if merged:
                break
    return groups


def _counter(units: Sequence[Unit], party: str | None, topic_ents: frozenset[str], parties: Parties) -> list[Cite]:
    """The other side's account as reported: sentences attributing an account to another party that speak of
    the topic, one per article."""
    counter: list[Cite] = []
    seen: set[str] = set()
    for u in map(_sentence, units):
        text = u.text
        attribution = ATTRIBUTION.search(text)
        if OMISSION.search(text) or not attribution or u.article.id in seen:
            continue
        ents = {m.entity_id for m in _mentions(u)}
        if not topic_ents or not (ents & topic_ents):
            continue
        first = [m for m in _mentions(u) if m.start < u.start + attribution.end() + 40]
        if party and first and parties.key(first[0]) == party:
            continue
        counter.append(u.cite)
        seen.add(u.article.id)
    return counter


def account_claims(story_id: str, units: Sequence[Unit], entities: Sequence[Entity] = ()) -> list[Claim]:
    """Group the story's omission statements by party and topic; attach the other party's account."""
    parties = Parties(entities)
    found = _detect(units, parties)
    labels = parties.labels(found)
    groups = [part for g in _merge_groups(_grouped(found)) for part in _one_topic(g)]
    claims: list[Claim] = []
    for g in groups:
        rep = min(g, key=lambda f: (f.party_at, f.unit.rank, len(f.unit.text)))  # the party opens it, early on
        topic_ents = frozenset().union(*(f.topic_entities for f in g))
        party_ids = {f.party_id for f in g if f.party_id}
        support, used = [], set()
        for f in sorted(g, key=lambda f: (f.unit.article.id != rep.unit.article.id, f.unit.rank, f.unit.start)):
            if f.unit.cite not in used:
                support.append(f.unit.cite)
                used.add(f.unit.cite)
        claims.append(
            Claim(
                id="",
                story_id=story_id,
                text=rep.unit.text,
                support=support,
                kind="account",
                sources=len({f.unit.source for f in g}),
                entities=sorted(topic_ents | party_ids),
                party=labels[rep.party] if rep.party else rep.party_text,
                topic=rep.topic,
                counter=_counter(units, rep.party, topic_ents, parties),
                versions=[{**f.unit.cite.to_json(), "text": f.unit.text, "status": "reported"} for f in g],
            )
        )
    claims.sort(key=lambda c: (-c.sources, -len(c.counter)))
    return claims


__all__ = [
    "ACCOUNT",
    "ATTRIBUTION",
    "CAPITALS",
    "DEMONYMS",
    "GOVERNMENT_TITLES",
    "OMISSION",
    "SEATS",
    "account_claims",
    "party_of",
    "principal",
    "topic_span",
]
