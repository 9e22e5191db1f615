"""Who acts and on whom: the actor and target of an event's trigger, read off the dependency parse.

The actor is the trigger's subject (climbing through infinitives, conjuncts and clauses that describe a noun), the
agent of a passive, or for a noun trigger its possessor or "by" phrase ("Japan's ban", "an attack by rebels"); the
target is its object or the noun after "with", "on", "against"… (``events.target_prepositions``). Whether a phrase
can be a party at all (a name, a personal pronoun, a noun for people or bodies) is :func:`is_party`. Read by
:mod:`.events` and :mod:`.event_countries`.

Example:
    >>> class T:  # a stand-in token
    ...     pos_, ent_type_, lemma_, text, children = "NOUN", "", "troops", "troops", ()
    >>> is_party(T())
    True
"""

from __future__ import annotations

from typing import Any

from .. import lexicon
from .event_actors import code_phrase, country_of, office_holders, party_words, sector_words
from .event_parties import PARTY_DEPS, expletive, reporting_outlet, resolve_object, resolve_pronoun, venue
from .event_status import clause_of
from .event_tables import lemma_of as _lemma
from .event_tables import tables

#: Prepositions whose noun is the target of an act ("met with", "sanctions on", "fired at").
TARGET_PREPS = lexicon.ordered("events.target_prepositions")
#: Entity labels that can be an actor or a target.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: Entity labels of a word that is a party itself (a place is one only as a polity: GPE).
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Quote marks, opening or closing: a phrase keeps both of a pair or neither.
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "«", "»", "'"})
#: Entity labels of a date or time: never a target ("negotiated for three days").
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Verbs whose direct object is what is talked about, never a party ("discussed Taiwan", "raised the issue").
TOPIC_VERBS = lexicon.words("events.topic_verbs")
#: Prepositions of place: the noun after them is where a topic happens, not a party to it ("talks in Havana").
LOCATIVE_PREPS = lexicon.ordered("events.locative_prepositions")
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
MAX_SPAN_WORDS = 8
#: How many words up the parse "according to" is looked for above a report's source.
MAX_ATTRIBUTION_HOPS = 4
#: How many words a word's path up to a phrase's head is followed.
MAX_PATH = 20


def people(t: Any) -> bool:
    """Whether ``t`` names people or a body of them ("the villagers", "Tamil refugees", "him"), as an object
    condition reads a party: a bare unknown name ("a BS in Chemistry") is not one."""
    if t.pos_ == "PRON":
        return is_party(t)
    if t.ent_type_ in ("PERSON", "NORP"):
        return True
    words = {_lemma(t), t.text.lower()}
    return bool(words & set(sector_words()) or words & party_words()["nouns"])


def of_head(t: Any) -> Any:
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


def attribution(t: Any) -> bool:
    """Whether the noun ``t`` names a report's source ("according to a press release", "a statement from …")."""
    cur, hops = t, 0
    while cur.head.i != cur.i and hops < MAX_ATTRIBUTION_HOPS:
        cur, hops = cur.head, hops + 1
        if _lemma(cur) == "accord" or cur.text.lower() == "according":
            return True
        if cur.pos_ in ("VERB", "AUX"):
            return False
    return False


#: Verbs of attention whose preposition's noun a gerund after it is said of ("pointed to Trump vowing to …").
ATTENTION_VERBS = lexicon.words("events.attention_verbs")
#: How many words up the parse a clause's subject is looked for.
MAX_CLIMB = 12
_CLIMB = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "dobj", "pobj", "prep", "ccomp", "acomp"})


def subject_of(t: Any) -> Any | None:
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
        if cur.dep_ == "acl" and cur.tag_ == "VBD" and cur.head.dep_ == "ROOT" and cur.i == cur.head.i + 1:
            return cur.head  # "The rebels handed over …" parsed as a noun the verb describes: the noun is its subject
        if subj is None and cur.tag_ == "VBG" and cur.dep_ in ("advcl", "xcomp") and cur.head.i != cur.i:
            doer = _gerund_doer(cur)  # "pointed to Trump vowing to save the app": Trump vows
            if doer is not None:
                return doer
        if cur.dep_ == "xcomp" and subj is None:  # "pushed countries to side with it": the object does it
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i and is_party(c)), None)
            if obj is not None:
                return obj
            raised = next((c for c in cur.head.children if c.dep_ == "nsubjpass"), None)
            if raised is not None and not expletive(raised):  # "the US is expected to ease tariffs", "was forced
                return raised  # to withdraw": the passive's subject does the act its infinitive names
        if cur.dep_ in climb and cur.head.i != cur.i:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def _gerund_doer(g: Any) -> Any | None:
    """The party a gerund with no subject of its own is said of after a verb of attention ("pointed to", "referred
    to", "looked at"): the party right before it as the noun of that verb's preposition, which the parser may hang
    the gerund above ("pointed to Trump vowing to save the app": Trump vows; not "fired on protesters killing two");
    None otherwise. (A gerund describing a party is left to the parse: "a task force investigating the shootings" is
    no act of the task force a news reader is told of.)"""
    before = g.doc[g.i - 1] if g.i > 0 else None
    if before is None or before.dep_ != "pobj" or not is_party(before) or before.head.head.i != g.head.i:
        return None
    return before if _lemma(g.head) in ATTENTION_VERBS else None


def passive_parts(t: Any) -> tuple[Any | None, Any | None]:
    """(agent, patient) of a passive trigger ("was attacked by militiamen")."""
    patient = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    agent = None
    for c in t.children:
        if c.dep_ == "agent":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
    return agent, patient


def noun_actor(t: Any, depth: int = 0) -> Any | None:
    """The actor of a noun trigger: its possessor or a nationality before it ("Japan's ban", "Chinese sanctions"),
    its "by" phrase ("an attack by rebels"), or that of the act its "of" names ("the threat of NATO air strikes")."""
    for c in t.children:
        named = c.ent_type_ in ACTOR_LABELS or country_of(c.text)
        if c.dep_ in ("poss", "compound", "amod", "nmod") and named and not venue(c):  # not "the Busan summit"
            return c
    for c in t.children:  # "an attack by rebels on the convoy"; "talks between the government and the rebels"
        if c.dep_ == "prep" and _lemma(c) in ("by", "between", "among"):
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None and is_party(of_head(agent)):
                return of_head(agent)
    of = next((g for c in t.children if c.dep_ == "prep" and _lemma(c) == "of" for g in c.children), None)
    if depth == 0 and of is not None and of.dep_ == "pobj" and (_lemma(of), "NOUN") in tables().rules:
        return noun_actor(of, 1)  # an act's own actor, not its patient ("the release of Iraqi prisoners")
    return None


def target_of(t: Any, obj: Any | None, rule_type: str, actor: Any | None) -> Any | None:
    """The target of the trigger ``t`` of a rule of type ``rule_type`` whose object ``obj`` (if any) the rule
    consumed: a named party among its objects and the nouns of its target prepositions, else a party as object, else
    a name."""
    consumed = obj.i if obj is not None else -1  # tokens are views: compare by index, never by identity
    topic = _lemma(t) in TOPIC_VERBS  # "discussed Taiwan and trade": what was discussed, not with whom
    doer = None if topic else _object_doer(t, consumed, actor)
    if doer is not None:
        return doer
    cands: list[Any] = [c for c in t.children if c.dep_ in ("dobj", "dative", "oprd") and c.i != consumed and not topic]
    if t.pos_ == "VERB" and not cands:  # "beat and injured dozens of workers": the object both verbs share
        cands += [
            g for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children if g.dep_ == "dobj"
        ]
    cands += _prep_nouns(t, obj, consumed)
    if obj is not None:
        cands.append(obj)
    cands += _clause_nouns(t, rule_type)
    cands = [resolve_object(of_head(c), actor) for c in cands if c.ent_type_ not in TIME_LABELS]  # not "on Monday"
    cands = [c for c in cands if actor is None or c.i != actor.i]
    named = [c for c in cands if c.ent_type_ in ACTOR_LABELS or country_of(named_text(c))]
    for c in [c for c in named if is_party(c)] + [c for c in cands if c.dep_ in OBJECTS and is_party(c)] + named:
        return c  # a named party, else a party as object ("abducted schoolchildren from a school in X"), else a name
    for c in cands:
        if c.pos_ in ("PROPN", "NOUN") and (c.dep_ != "pobj" or is_party(c)):
            return c
    return None


def _object_doer(t: Any, consumed: int, actor: Any | None) -> Any | None:
    """The actor of the act the trigger's object names, where another's: "condemned U.S. air strikes on Iraq",
    "rejected Israel's offer"."""
    by = [g for c in t.children if c.dep_ == "prep" and _lemma(c) == "by" for g in c.children if g.dep_ == "pobj"]
    for c in t.children:
        if c.dep_ == "dobj" and c.i != consumed and (_lemma(c), "NOUN") in tables().rules:
            # "condemned the invasion of Kuwait by Iraq": the "by" the parser hung on the verb is the act's
            doer = noun_actor(c) or next((of_head(g) for g in by if is_party(of_head(g))), None)
            if doer is not None and (actor is None or doer.i != actor.i):
                return doer
    return None


def _prep_nouns(t: Any, obj: Any | None, consumed: int) -> list[Any]:
    """The nouns of the target prepositions of the trigger ``t``, of its infinitive and object, and of an act its
    "of" or "with" names ("warned of attacks on"), in the order of ``TARGET_PREPS`` ("against X at the WTO": X)."""
    hosts = [t] + [c for c in t.children if c.dep_ in ("xcomp", "dobj") and c.i != consumed]
    hosts += [obj] if obj is not None else []
    acts = [g for c in t.children if c.dep_ == "prep" and _lemma(c) in ("of", "with") for g in c.children]
    hosts += [g for g in acts if g.dep_ == "pobj" and (_lemma(g), "NOUN") in tables().rules]
    preps = [
        c
        for host in hosts
        for c in host.children  # the place of the act an object names is no target: "condemned the bombing near X"
        if c.dep_ == "prep" and _lemma(c) in TARGET_PREPS and (host.i == t.i or _lemma(c) not in LOCATIVE_PREPS)
    ]
    out: list[Any] = []
    for c in sorted(preps, key=lambda c: TARGET_PREPS.index(_lemma(c))):
        out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _clause_nouns(t: Any, rule_type: str) -> list[Any]:
    """The parties of a clause the trigger ``t`` takes: the subject and object of a content clause ("demanded that
    the government provide …"), the object of a purpose for the types that have one ("a strike to protest Israel's
    policy")."""
    out: list[Any] = []
    for c in t.children:
        if c.dep_ in ("ccomp", "xcomp"):
            s = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if s is not None and s.pos_ != "PRON":
                out.append(s)
            out += [g for g in c.children if g.dep_ == "dobj"]
        purpose = c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        if purpose and rule_type in tables().status.get("purpose_target_types", frozenset()):
            out += [g for g in c.children if g.dep_ == "dobj"]
    return out


def named_text(t: Any) -> str:
    """The words of the phrase headed by ``t`` that can name its party: a party's whole phrase ("refugees in
    Albania"), a topic's without the place it happens in ("three days in Algiers" names no party)."""
    if is_party(t):
        return phrase_text(t)
    place = {w.i for c in t.children if c.dep_ == "prep" and _lemma(c) in LOCATIVE_PREPS for w in c.subtree}
    return " ".join(w.text for w in phrase_words(t) if w.i not in place)


def phrase_words(t: Any, conj: bool = True) -> list[Any]:
    """The words of the actor phrase headed by ``t``: its left modifiers, the head and an "of" phrase after it
    (and its conjuncts, unless ``conj`` is false); clauses, appositions and other trailing matter are left out."""
    words = [w for w in t.subtree if w.i <= t.i and not any(a.dep_ in ("relcl", "acl", "appos") for a in _path(w, t))]
    if not conj:
        words = [w for w in words if not any(a.dep_ in ("conj", "cc") for a in _path(w, t))]
    person = t.ent_type_ == "PERSON" or misread_name(t)
    tails = ("of",) if person else ("of", "in", "for", "from")  # "Xi in Busan" is Xi, somewhere
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
    words = _quoted(words)
    if len(words) > MAX_SPAN_WORDS:
        words = [w for w in words if w.i <= t.i][-MAX_SPAN_WORDS:] or [t]
        while len(words) > 1 and words[0].i > 0 and words[0].nbor(-1).text == "-":  # not "elect" of "president-elect"
            words.pop(0)
    return words or [t]


def _quoted(words: list[Any]) -> list[Any]:
    """``words`` with the opening quote mark before them whose closing one is inside ("the “interim” government")."""
    if words and words[0].i > 0 and words[0].nbor(-1).text in QUOTE_MARKS:
        if sum(w.text in QUOTE_MARKS for w in words) % 2:
            return [words[0].nbor(-1), *words]
    return words


def _path(w: Any, top: Any) -> list[Any]:
    out: list[Any] = []
    cur = w
    while cur.i != top.i and cur.head.i != cur.i and len(out) < MAX_PATH:
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
    if misread_name(t):
        return True
    words = {_lemma(t), t.text.lower()}
    if words & set(sector_words()) or words & party_words()["nouns"]:
        return True
    return bool(country_of(t.text))


def misread_name(t: Any) -> bool:
    """Whether ``t`` is a name the tagger read as a common word: a capitalised word it read as a verb but the parser
    made a subject ("Modi in the past has praised …": a subject is a noun phrase, or a clause of a gerund or a "to"
    infinitive, never a bare verb with no subject, object or "to" of its own), or a well-known office holder's name
    (``data/actor_names.tsv``) it read as a common noun or verb ("Trump in the past has praised …")."""
    if not t.text[:1].isupper() or t.pos_ not in ("VERB", "NOUN"):
        return False
    if t.lower_ in office_holders() and t.dep_ in (*PARTY_DEPS, "csubj", "pobj"):
        return True
    subject = t.dep_ in ("nsubj", "nsubjpass", "csubj") and t.pos_ == "VERB" and t.tag_ not in ("VBG", "VBN")
    return subject and not any(c.dep_ in ("nsubj", "dobj", "aux", "mark") for c in t.children)


def phrase_text(t: Any) -> str:
    ws = phrase_words(t)
    return "".join(w.text_with_ws for w in ws).strip()


def owner_country(t: Any) -> str | None:
    """The country of the party a possessive pronoun before ``t`` stands for ("Ethiopia's prime minister said his
    army was ready …": ETH), or None."""
    poss = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None:
        return None
    owner = resolve_pronoun(poss)
    if owner.i == poss.i:
        return None
    return code_phrase(phrase_text(owner), owner.text if owner.pos_ != "PROPN" else None)[0]


#: Sectors of a state's own bodies: "the army", "the police", "the government" a country's speaker names are its own.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


def speaker_country(t: Any, trigger: Any) -> str | None:
    """The country of whoever reports the act ``trigger`` heads, for an actor ``t`` that is a state's body named by
    its role alone ("Israel's defence minister said the army would strike Beirut": the army is Israel's, ISR): a
    country's speaker speaks of its own army, police or government ("rebels" or "gunmen" are no one's). None where
    no speaker's words name a country, or they name an international or non-governmental body."""
    sectors = {sector_words().get(w) for w in (_lemma(t), t.text.lower())}
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)  # the one speaker and reader know
    if t.pos_ in ("PROPN", "PRON") or not sectors & STATE_SECTORS or not the:
        return None
    if any(w.ent_type_ in ("GPE", "NORP") for w in phrase_words(t)):  # "Vietnamese-led forces": their own
        return None
    cur = trigger
    for _ in range(MAX_CLIMB):
        if cur.dep_ == "ccomp" and _lemma(cur.head) in party_words()["speech_verbs"]:
            subj = next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.i in {w.i for w in t.subtree}:
                return None
            subj = resolve_pronoun(subj)
            code = code_phrase(phrase_text(subj), subj.text if subj.pos_ != "PROPN" else None)[0]
            return code if code not in ("IGO", "NGO") else None
        if cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def giver(t: Any) -> Any | None:
    """The party an act undergone comes from: the noun after "from" or "by" in the clause of ``t`` ("faced threats
    from militants", "suffered attacks by the army")."""
    for w in t.subtree:
        if w.dep_ in ("prep", "agent") and _lemma(w) in ("from", "by") and clause_of(w).i == t.i:
            noun = next((g for g in w.children if g.dep_ == "pobj"), None)
            if noun is not None and is_party(of_head(noun)):
                return resolve_pronoun(of_head(noun))
    return None
