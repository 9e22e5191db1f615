"""Countries from the rest of the sentence: an actor or target whose own words name no country is coded from the
countries the sentence names, as event coders do ("President Bush threatened Russia": the target is RUS, the source
the first other country); a report's source ("…, Thai military sources said"), a meeting's venue and what was
discussed are no party. Read by :mod:`.events`.
"""

from __future__ import annotations

from typing import Any

from .. import lexicon
from ..model import Event
from .event_actors import code_phrase, countries_in, country_of, party_words
from .event_parties import RELATIVE_PRONOUNS, venue
from .event_roles import LOCATIVE_PREPS, attribution, phrase_text, phrase_words
from .event_tables import lemma_of as _lemma
from .event_tables import tables

#: How many words up the parse a speech verb is looked for above a report's source.
MAX_SPEAKER_HOPS = 6
#: Prepositions of comparison: the party after them is no party to the act (``events.comparison_prepositions``).
COMPARISON_PREPS = lexicon.words("events.comparison_prepositions")
#: How many links a name is followed up to the clause it is part of.
MAX_CLIMB = 12
#: How many modifier links a name is followed up to the noun of its phrase.
MAX_MODIFIER_HOPS = 3


def extent(t: Any) -> tuple[int, int]:
    """The characters of everything that describes the party ``t`` heads (its appositions too: "the Association,
    a body linked to the OAU"), but not its relative clauses."""
    while t.dep_ == "pobj" and _lemma(t.head) == "of" and _lemma(t.head.head) in party_words()["quantity"]:
        t = t.head.head  # "Members of the Association …": the whole phrase
    ws = phrase_words(t)
    for c in t.children:  # an apposition right after the phrase ("…, a body linked to …"), not one parsed afar
        if c.dep_ == "appos" and c.left_edge.i <= ws[-1].i + 2:
            ws = ws + [w for w in c.subtree if w.i > ws[-1].i]
    return ws[0].idx, ws[-1].idx + len(ws[-1].text)


def context_countries(
    ev: Event, sent: Any, extents: dict[str, tuple[int, int]], far: set[str], last_resort: str | None
) -> None:
    """Code an actor or target whose own words name no country from the countries the sentence names, as event
    coders do ("President Bush threatened Russia": the target is RUS, the source the first other country; an actor
    or target the sentence leaves without one shares the other's country: a domestic event). A party named in an
    earlier sentence (``far``: "he" for the person named before) keeps what its own words say; a meeting's venue
    codes no party."""
    named, sectors, places = _sentence_names(ev, sent, extents)

    def has(role: str) -> bool:
        return role in ev.spans or f"{role}_topic" in ev.spans

    def outside(role: str) -> list[str]:
        lo, hi = extents.get(role, (-1, -1))
        return [c for a, b, c in named if not (a < hi and lo < b)]

    if ev.actor_country is None and "actor" not in far:
        ev.actor_country = next(iter(outside("target")), None) or (ev.target_country if has("actor") else None)
    fallback = last_resort == "any" or (last_resort and has("actor"))
    if ev.actor_country is None and fallback and "actor" not in far:
        lo = ev.spans.get("trigger", [0, 0])[0]
        aside = {w.i for e in sent.ents if _described(e.root, lo, extents) or _compared(e.root) for w in e}
        words = "".join(  # not a venue, nor a third party described or compared ("unlike Japanese carmakers")
            " " * len(w.text_with_ws) if venue(w) or w.i in aside else w.text_with_ws for w in sent
        )
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


def _sentence_names(
    ev: Event, sent: Any, extents: dict[str, tuple[int, int]]
) -> tuple[list[tuple[int, int, str]], dict[int, str | None], set[int]]:
    """The countries the sentence's names that can be parties to ``ev`` code, as (start, end, code); each one's
    sector, by its start (the sector of its phrase: "the Nigerian government"); and the starts of those that say
    where talks are held ("talks with rebel leaders in Addis Ababa", CAMEO 044: a third place, no party to them)."""
    named: list[tuple[int, int, str]] = []
    sectors: dict[int, str | None] = {}
    third_place = ev.action in tables().third_place and ev.mode not in ("visit", "phone")
    places: set[int] = set()
    for ent in sent.ents:
        lo, hi = extents.get("topic", (-1, -1))
        topic = lo <= ent.start_char < hi
        party = not bystander(ent.root, ev, extents) and not venue(ent.root) and not topic
        if ent.label_ in ("GPE", "NORP", "ORG", "LOC") and party:
            before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            code = country_of(ent.text) if before not in ("ethnic", "ethnically") else None  # a people
            if code is not None and code not in ("NGO", "IMG"):  # an organisation is a party only as named
                named.append((ent.start_char, ent.end_char, code))
                sectors[ent.start_char] = named_sector(ent.root)
                if third_place and place(ent.root):
                    places.add(ent.start_char)
    return named, sectors, places


def named_sector(t: Any) -> str | None:
    """The sector of the party a name in the sentence is part of: the phrase of the noun it modifies ("the Nigerian
    government": GOV, "Ugandan opposition candidates": OPP) or its own ("Moscow": GOV)."""
    for _ in range(MAX_MODIFIER_HOPS):
        if t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != t.i:
            t = t.head
        else:
            break
    return code_phrase(phrase_text(t), t.text if t.pos_ != "PROPN" else None)[1]


def place(t: Any) -> bool:
    """Whether the name ``t`` heads says where something happens: the noun (or its modifier) after "in", "at",
    "near" … ("in Addis Ababa", "in this Siberian city")."""
    cur = t
    for _ in range(MAX_MODIFIER_HOPS):
        if cur.dep_ in ("compound", "amod", "poss", "nmod") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return cur.dep_ == "pobj" and _lemma(cur.head) in LOCATIVE_PREPS
    return False


def bystander(t: Any, ev: Event, extents: dict[str, tuple[int, int]]) -> bool:
    """Whether the name ``t`` heads is no party to ``ev`` by its place in the sentence: the source of the report
    ("…, Thai military sources said", "according to Iraqi officials") where the event has an actor of its own."""
    if "actor" not in ev.spans:
        return False
    if attribution(t):
        return True
    lo = ev.spans.get("trigger", [0, 0])[0]
    if _other_act(t, lo) or _others_opinion(t, lo) or _described(t, lo, extents) or _compared(t):
        return True
    cur, hops = t, 0
    # up to a speech verb whose subject holds t and whose clause the trigger
    while cur.head.i != cur.i and hops < MAX_SPEAKER_HOPS:
        if cur.dep_ in ("nsubj", "nsubjpass") and _lemma(cur.head) in party_words()["speech_verbs"]:
            verb, subj = cur.head, list(cur.subtree)
            a_lo = extents.get("actor", (-1, -1))[0]
            in_subj = subj[0].idx <= a_lo < subj[-1].idx + len(subj[-1].text)  # the reporter is the actor
            trig = [w for w in verb.subtree if w.idx == lo and w not in subj]
            return bool(trig) and not in_subj
        cur, hops = cur.head, hops + 1
    return False


def _other_act(t: Any, lo: int) -> bool:
    """Whether the name ``t`` is inside another act of the same subject, a verb joined to the trigger's with no
    subject of its own that does not hold the trigger, deeper than that verb's own object ("has signaled a
    willingness to roll back curbs and has cast doubt about his commitment to Taiwan's security": Taiwan is a party
    to the doubt, not to the rollback; but "protested the move and urged Washington to stop": the one the protest is
    aimed at too)."""
    path: list[Any] = []
    cur = t
    for _ in range(MAX_CLIMB):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and cur.head.pos_ in ("VERB", "AUX"):
            own = any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
            aimed = len(path) == 1 and path[0].dep_ in ("dobj", "dative")  # the joined act's own object
            return not own and not aimed and not any(w.idx == lo for w in cur.subtree)
        if cur.dep_ not in ("compound", "flat", "amod", "nmod", "poss"):  # "the Peruvian government": its noun
            path.append(cur)
        cur = cur.head
    return False


def _described(t: Any, lo: int, extents: dict[str, tuple[int, int]]) -> bool:
    """Whether the name ``t`` is inside a relative clause on the actor that does not hold the trigger ("The union,
    which represents workers at Japanese carmakers, criticized the governor": what the union does elsewhere names no
    party to the criticism). A relative clause on what the act is done to may ("returned archives it had taken from
    Kuwait": Kuwait's)."""
    a_lo, a_hi = extents.get("actor", (-1, -1))
    cur = t
    for _ in range(MAX_CLIMB):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "relcl":
            on_actor = a_lo <= cur.head.idx < a_hi
            return on_actor and not any(w.idx == lo for w in cur.subtree)
        cur = cur.head
    return False


def _compared(t: Any) -> bool:
    """Whether the name ``t`` is in a phrase of comparison ("unlike Japanese carmakers", "than China"): set beside a
    party, no party itself."""
    cur = t
    for _ in range(MAX_CLIMB):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "pobj" and _lemma(cur.head) in COMPARISON_PREPS:
            return True
        if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT", "relcl", "ccomp", "advcl", "conj"):
            return False
        cur = cur.head
    return False


def _others_opinion(t: Any, lo: int) -> bool:
    """Whether the name ``t`` is inside what someone else says of a thing in a relative clause that does not hold the
    trigger ("pushing for a settlement, which critics say would favor Russian demands": the critics' view of the
    settlement names no party to the push)."""
    cur = t
    for _ in range(MAX_CLIMB):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "relcl":
            said = _lemma(cur) in party_words()["speech_verbs"]
            speaker = any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in cur.children)
            return said and speaker and not any(w.idx == lo for w in cur.subtree)
        cur = cur.head
    return False
