"""Entity types corrected by what the name and the text say, and known variants of one name.

The small model types a name from its context in one sentence; it calls a news agency a place ("Bloomberg
reported …" → GPE), a think-tank a building ("Centre for Strategic and International Studies" → FAC) and a
region an organisation ("Indo Pacific" → ORG). After the corpus-wide vote, these tables correct the type:

* :data:`ORG_HEADS` — a name holding an organisation's head word ("Centre", "Institute", "Agency" …) is an
  organisation, whatever a single sentence made of it (a facility or place vote only);
* :data:`REGION_WORDS` — a name made only of region words ("Indo Pacific", "Western Pacific") is a place;
* :data:`OUTLET_CUES` — a name that the text, every time, shows doing what news outlets do ("Bloomberg reported",
  "Bloomberg News", "according to Reuters") is an organisation, not a place.

:data:`KNOWN_VARIANTS` folds spellings of one thing ("WWII", "World War Two", "the Second World War") to one key,
and :data:`UNLESS_PRESENT` folds a short name into the one longer name the corpus uses, unless the other
reading is there too ("Korea" → "South Korea", unless "North Korea" is mentioned).

Example:
    >>> corrected_type("centre for strategic and international studies", "FAC", [])
    'ORG'
    >>> corrected_type("indo pacific", "ORG", [])
    'LOC'
    >>> corrected_type("bloomberg", "GPE", [" reported at the time"])
    'ORG'
    >>> corrected_type("china", "GPE", [" reported on Monday", " said"])
    'GPE'
    >>> corrected_type("hamilton fire", "PERSON", [])
    'ORG'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from .. import lexicon

#: Head words of organisations' names: a name holding one is an organisation, not a place or a building.
ORG_HEADS = lexicon.words("entities.org_heads")
#: Types an organisation's head word overrides (a person "Washington Institute" is left to the vote).
ORG_OVERRIDES = frozenset({"FAC", "GPE", "LOC"})
#: Last words that make a "person" an organisation: "Hamilton Fire", "Dayton Police", "Ohio State University".
PERSON_ORG_TAILS = ORG_HEADS | lexicon.words("entities.person_org_tails")
#: Words a region's name is made of; a name only of these, with one region noun, is a place (LOC).
REGION_NOUNS = lexicon.words("entities.region_nouns")
REGION_WORDS = REGION_NOUNS | lexicon.words("entities.region_words_more")
#: Types a region's name overrides.
REGION_OVERRIDES = frozenset({"ORG", "PERSON", "FAC", "NORP"})
#: What follows (or, as ``^…``, precedes) a news outlet's name in running text.
OUTLET_CUES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s+(?:reported|reports|wrote|has reported|had reported|first reported)\b"),
    re.compile(r"^\s+(?:News|Newswire|Wire)\b"),
)
OUTLET_CUES_BEFORE: tuple[re.Pattern[str], ...] = (re.compile(r"\b(?:according to|reported by)\s+$"),)
#: Types an outlet cue overrides.
OUTLET_OVERRIDES = frozenset({"GPE", "LOC", "FAC"})  # people report and are quoted too
#: Spellings of one thing, by comparison key (case and punctuation folded), to the key of the name shown.
KNOWN_VARIANTS: dict[str, str] = lexicon.table("entities.known_variants")
#: How a folded name is shown when the corpus never writes it that way.
KNOWN_NAMES: dict[str, str] = lexicon.table("entities.known_names")
#: A short name folded into a longer one the corpus uses, unless the other reading is in the corpus too ("sudan" is
#: never folded: it is a country of its own).
UNLESS_PRESENT: dict[str, tuple[str, str]] = {
    k: (longer, other) for k, (longer, other) in lexicon.table("entities.unless_present").items()
}


def corrected_type(key: str, voted: str, contexts: Sequence[str], before: Sequence[str] = ()) -> str:
    """The type of the entity with comparison key ``key``, given its voted type and the text just after
    (``contexts``) and before (``before``) each of its mentions.

    An outlet cue changes the type only when *every* mention carries one, so "China reported …" among other
    mentions of China stays a place.
    """
    words = key.split()
    if voted in ORG_OVERRIDES and any(w in ORG_HEADS for w in words):
        return "ORG"
    if voted == "PERSON" and len(words) >= 2 and words[-1] in PERSON_ORG_TAILS:
        return "ORG"
    if voted in REGION_OVERRIDES and words and all(w in REGION_WORDS for w in words):
        if any(w in REGION_NOUNS for w in words):
            return "LOC"
    n = max(len(contexts), len(before))
    if voted in OUTLET_OVERRIDES and n:
        cued = sum(
            1
            for k in range(n)
            if (k < len(contexts) and any(p.search(contexts[k]) for p in OUTLET_CUES))
            or (k < len(before) and any(p.search(before[k]) for p in OUTLET_CUES_BEFORE))
        )
        if cued == n:
            return "ORG"
    return voted


def variant_of(key: str, keys: Collection[str]) -> str | None:
    """The key ``key`` folds into, among the corpus's ``keys``: a known variant's name (when the corpus has it,
    or any variant of it), or the one longer name of :data:`UNLESS_PRESENT` when the other reading is absent.

    Example:
        >>> variant_of("wwii", {"wwii", "world war two"})
        'world war ii'
        >>> variant_of("korea", {"korea", "south korea"}), variant_of("korea", {"korea", "south korea", "north korea"})
        ('south korea', None)
    """
    if key in KNOWN_VARIANTS:
        return KNOWN_VARIANTS[key]
    if key in UNLESS_PRESENT:
        longer, other = UNLESS_PRESENT[key]
        if longer in keys and other not in keys and other != key:
            return longer
    return None
