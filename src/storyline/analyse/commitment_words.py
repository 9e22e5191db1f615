"""The words that give a commitment its time, as data (:mod:`storyline.analyse.commitments` reads them).

Each row keeps the sentence that motivated it; ``tests/analyse/test_commitments.py`` runs every example.

* :data:`TIME_LEADS` — the words before a time phrase that say what the time is to the act: its period
  ("for one year"), a deadline ("by Thanksgiving", "within two weeks"), the day its period ends ("until
  November 2026") or starts ("starting Dec. 1"), or a stretch looked back on ("over the past four months").
* :data:`TERM_NOUNS` — nouns a duration before them measures ("a one-year pause", "a 12-month truce"), each with
  the kind of act it names.
* :data:`ACT_WORDS` — verbs (and their nouns) of acts a time can bind, by kind ("suspend", "buy", "lift").
* :data:`CUES` — what makes a clause a commitment rather than a report of something done ("agreed to", "will",
  "pledged", "hopes to", "a target of").

The word tables are data in the lexicon (``lexicon/commitments.toml``, read once per process); the cues are
regexes and stay here, with the patterns built from the tables.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..text import alternation

#: What a time phrase is to the act of its clause, by the words before it (or its own first words), with an
#: example. ``period``: the act lasts that long, from its start; ``within``: it is due that long after its start;
#: ``deadline``: it is due by that day; ``until``: it lasts to that day; ``ends``: a term of the clause ends that
#: day; ``start``: its period begins that day; ``span``: a calendar year, quarter or month a pledged figure is for;
#: ``past``: a stretch that ends now, looked back on (no commitment).
TIME_LEADS: dict[str, tuple[str, str]] = {
    lead: (role, example) for lead, (role, example) in lexicon.table("commitments.time_leads").items()
}

#: Nouns a duration before them measures, each with the kind of act it names (one kind: one commitment, when
#: several outlets word it differently) and an example.
TERM_NOUNS: dict[str, tuple[str, str]] = {
    noun: (kind, example) for noun, (kind, example) in lexicon.table("commitments.term_nouns").items()
}

#: Acts a time can bind, by kind: the words (verb forms and nouns) that name them, with an example. An act of a
#: kind that sets a term ("suspended … for one year") makes a commitment even when reported in the past tense.
ACT_WORDS: dict[str, tuple[str, str]] = {
    kind: (" ".join(row["words"].split()), row["example"])
    for kind, row in lexicon.table("commitments.act_words").items()
}


#: Acts that set a term of their own: reported done, they are still a commitment ("China suspended the curbs for
#: one year", against "He worked there for ten years").
TERM_ACTS = frozenset({"pause", "ban", "lift", "extension", "exemption"})

#: What makes a clause a commitment, as regex alternatives, with an example: a will, a promise, a plan, a target.
CUES: tuple[tuple[str, str], ...] = (
    (r"will|would|shall|must|'ll|’ll", "China will suspend export restrictions for one year."),
    (r"agree[sd]?|agreeing", "China agreed to suspend some export restrictions for one year."),
    (r"pledge[sd]?|pledging", "Beijing pledged to buy 12 million tonnes of American soybeans this year."),
    (r"promis(?:e[sd]?|ing)", "The minister promised to cut fees by March."),
    (r"commit(?:s|ted|ting|ment)?", "The United States committed to easing tariffs for a year."),
    (r"vow(?:s|ed|ing)?", "The rebels vowed to hold the truce until Easter."),
    (r"plan(?:s|ned)?\s+to|planning\s+to", "The company plans to cut 500 jobs over the next two years."),
    (r"aim(?:s|ed|ing)?\s+to", "The sides aim to sign a deal ahead of the April 2 summit."),
    (r"intend(?:s|ed)?\s+to", "Ministers intend to close the mine by 2030."),
    (r"hope[sd]?\s+to|hoping\s+to", "Washington hopes to finalize an agreement by Thanksgiving."),
    (r"expect(?:s|ed)?\s+to", "The plant is expected to reopen within two weeks."),
    (r"(?:is|are|was|were)\s+to|(?:set|due|scheduled|required|obliged)\s+to", "The bridge is to reopen by May."),
    (r"target(?:s|ed)?|goal|deadline|ultimatum", "China pledged 12 million tons, with a target of 25 million in 2026."),
    (r"announc(?:e[sd]?|ing)", "Beijing and Washington announced a one year pause on some tariffs."),
    (r"decide[sd]?|ordered|orders|grant(?:s|ed)?|approve[sd]?|offer(?:s|ed)?", "The court granted bail until May."),
)

#: A word after a duration that makes it a point looked back on, not a stretch ("two weeks ago").
AGO = re.compile(r"(?i)^\s*(?:ago|earlier|before|previously)\b")


#: A time phrase's lead: the longest :data:`TIME_LEADS` entry ending right before it ("the" may come between:
#: "ahead of the April 2 summit").
LEAD = re.compile(r"(?i)(?:^|\W)(" + alternation(TIME_LEADS, longest_first=True) + r")(?:\s+the)?\s*$")
#: A :data:`TERM_NOUNS` noun right after a duration ("-long" and one adjective may come between:
#: "a one-year partial pause").
TERM_AFTER = re.compile(r"(?i)^(?:-long)?\s+(?:[a-z]+\s+)?(" + alternation(TERM_NOUNS, longest_first=True) + r")\b")
#: Any :data:`CUES` alternative, as a whole word.
CUE = re.compile(r"(?i)(?<![\w’'])(?:" + "|".join(c for c, _ in CUES) + r")(?!\w)")
#: The kind of act each word names (:data:`ACT_WORDS` turned around, and the term nouns).
KIND_OF: dict[str, str] = {
    **{w: kind for kind, (words, _) in ACT_WORDS.items() for w in words.split()},
    **{w: kind for w, (kind, _) in TERM_NOUNS.items() if " " not in w},
}
ACT_WORD = re.compile(r"(?i)\b(" + alternation(KIND_OF, longest_first=True) + r")\b")
