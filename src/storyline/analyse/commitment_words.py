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

Nothing here does I/O.
"""

from __future__ import annotations

import re

#: What a time phrase is to the act of its clause, by the words before it (or its own first words), with an
#: example. ``period``: the act lasts that long, from its start; ``within``: it is due that long after its start;
#: ``deadline``: it is due by that day; ``until``: it lasts to that day; ``ends``: a term of the clause ends that
#: day; ``start``: its period begins that day; ``span``: a calendar year, quarter or month a pledged figure is for;
#: ``past``: a stretch that ends now, looked back on (no commitment).
TIME_LEADS: dict[str, tuple[str, str]] = {
    "for": ("period", "China will suspend export restrictions for one year."),
    "for another": ("period", "The waiver was extended for another 90 days."),
    "for a further": ("period", "The truce will hold for a further two weeks."),
    "for up to": ("period", "The law will let police hold suspects for up to 14 days."),
    "for a period of": ("period", "Imports are banned for a period of six months."),
    "for the next": ("period", "Tariffs stay frozen for the next 90 days."),
    "over the next": ("period", "The company plans to cut 500 jobs over the next two years."),
    "over": ("period", "The government will spend $5 billion over five years."),
    "during the next": ("period", "Prices will be capped during the next six months."),
    "in the next": ("within", "The board will name a new chief executive in the next 30 days."),
    "in the coming": ("within", "Ministers will decide in the coming two weeks."),
    "within": ("within", "Israel must withdraw its troops within two weeks."),
    "in less than": ("within", "The plant will be rebuilt in less than a year."),
    "in under": ("within", "The bridge is to reopen in under three months."),
    "by": ("deadline", "Washington hopes to finalize an agreement by Thanksgiving."),
    "before": ("deadline", "The bill must pass before Christmas."),
    "no later than": ("deadline", "Troops will leave no later than March 31."),
    "not later than": ("deadline", "Bids must be filed not later than Dec. 1."),
    "ahead of": ("deadline", "The sides aim to sign a deal ahead of the April 2 summit."),
    "in time for": ("deadline", "The stadium is to be finished in time for the 2026 season."),
    "by the end of": ("deadline", "Beijing pledged to buy 12 million tons by the end of this year."),
    "by end of": ("deadline", "The bank will repay the loan by end of 2026."),
    "before the end of": ("deadline", "The law will be passed before the end of the year."),
    "until": ("until", "China will suspend the curbs until November 2026."),
    "until the end of": ("until", "Beijing extended a visa-free policy until the end of 2025."),
    "through the end of": ("until", "The ban will remain in place through the end of 2026."),
    "till": ("until", "The border stays closed till March."),
    "through": ("until", "The ban will remain in place through the end of March."),
    "to": ("until", "The truce runs from Nov. 10 to Feb. 10."),
    "expires on": ("ends", "The three-month ceasefire expires on March 1."),
    "expires": ("ends", "The waiver expires March 1."),
    "expire on": ("ends", "The curbs will expire on June 30."),
    "ends on": ("ends", "The 90-day truce ends on Feb. 10."),
    "runs out on": ("ends", "The one-year exemption runs out on Nov. 10."),
    "lapses on": ("ends", "The six-month moratorium lapses on July 1."),
    "from": ("start", "The truce runs from Nov. 10 to Feb. 10."),
    "starting": ("start", "The exemption, valid for 60 days starting Dec. 1, covers chips."),
    "starting on": ("start", "The levy applies for a year starting on Jan. 1."),
    "starting from": ("start", "Visas are waived for 30 days starting from Monday."),
    "beginning": ("start", "The curfew lasts two weeks beginning Friday."),
    "effective": ("start", "The tariff rises to 25 percent for a year effective March 1."),
    "as of": ("start", "The ban applies for six months as of Jan. 1."),
    "as from": ("start", "The cap holds for a year as from April 1."),
    "the next": ("period", "The deal freezes tariffs at current levels the next 90 days."),
    "the coming": ("period", "Prices will stay capped the coming six months."),
    "lasts": ("period", "The curfew lasts two weeks beginning Friday."),
    "lasting": ("period", "Both sides agreed a truce lasting 90 days."),
    "last": ("period", "The ban will last six months."),
    "the past": ("past", "Sales have fallen for the past four months."),
    "in": ("span", "China pledged to buy 25 million tons in 2026."),
    "during": ("span", "The company will hire 300 people during 2026."),
    "throughout": ("span", "The firm will hire 300 people throughout 2026."),
    "the last": ("past", "Prices rose in the last two weeks."),
    "the previous": ("past", "Output fell in the previous three quarters."),
    "past": ("past", "Over past decades the party won every vote."),
}

#: Nouns a duration before them measures, each with the kind of act it names (one kind: one commitment, when
#: several outlets word it differently) and an example.
TERM_NOUNS: dict[str, tuple[str, str]] = {
    "pause": ("pause", "Beijing and Washington announced a one-year pause on some tariffs."),
    "suspension": ("pause", "One year suspension of some Chinese export curbs on critical minerals."),
    "truce": ("pause", "The sides agreed a 12-month truce."),
    "ceasefire": ("pause", "Both sides accepted a 30-day ceasefire."),
    "cease-fire": ("pause", "The rebels declared a three-day cease-fire."),
    "moratorium": ("pause", "The council voted a six-month moratorium on drilling."),
    "freeze": ("pause", "Unions accepted a two-year pay freeze."),
    "halt": ("pause", "Russia agreed to a 30-day halt to strikes on energy sites."),
    "standstill": ("pause", "Creditors agreed a 90-day standstill."),
    "reprieve": ("pause", "Retailers won a 90-day reprieve from the tariffs."),
    "ban": ("ban", "The ministry imposed a 10-year ban on fishing in the Arctic."),
    "embargo": ("ban", "The bloc will keep a one-year arms embargo in force."),
    "exemption": ("exemption", "Chipmakers got a one-year exemption from the sanctions."),
    "waiver": ("exemption", "Buyers of Iranian oil got a 180-day waiver."),
    "extension": ("extension", "The court granted a three-month extension of the deadline."),
    "grace period": ("extension", "Banks have a 90-day grace period to comply."),
    "deal": ("deal", "The club signed the striker on a five-year deal."),
    "agreement": ("deal", "The two countries signed a 10-year agreement on gas supplies."),
    "contract": ("deal", "The firm won a two-year contract to run the port."),
    "lease": ("deal", "China holds a 99-year lease on the port."),
    "loan": ("loan", "The fund approved a three-year loan of $2 billion."),
    "plan": ("plan", "The government unveiled a five-year plan to cut emissions."),
    "programme": ("plan", "The bank launched a two-year programme of bond purchases."),
    "program": ("plan", "The bank launched a two-year program of bond purchases."),
    "lockdown": ("lockdown", "The city entered a two-week lockdown."),
    "curfew": ("lockdown", "Police imposed a 48-hour curfew."),
    "state of emergency": ("lockdown", "The president declared a 30-day state of emergency."),
    "window": ("deadline", "Negotiators have a 60-day window to reach a deal."),
    "deadline": ("deadline", "The union set a 14-day deadline for an offer."),
    "ultimatum": ("deadline", "Trump gave Hamas a three-day ultimatum."),
    "strike": ("strike", "Dock workers threatened a 14-day strike starting on Monday."),
    "walkout": ("strike", "Nurses began a 48-hour walkout."),
}

#: Acts a time can bind, by kind: the words (verb forms and nouns) that name them, with an example. An act of a
#: kind that sets a term ("suspended … for one year") makes a commitment even when reported in the past tense.
ACT_WORDS: dict[str, tuple[str, str]] = {
    "pause": (
        "suspend suspends suspended suspending suspension pause pauses paused pausing halt halts halted halting "
        "freeze freezes froze frozen freezing truce ceasefire moratorium lift lifts lifted lifting",
        "China agreed to suspend some export restrictions on critical minerals for one year.",
    ),
    "purchase": (
        "buy buys bought buying purchase purchases purchased purchasing",
        "Beijing pledged to buy 12 million tonnes of American soybeans this year.",
    ),
    "ban": (
        "ban bans banned banning embargo prohibit prohibits prohibited phase",
        "The bloc will phase out seaborne Russian crude within six months.",
    ),
    "lift": ("remove removes removed scrap scraps scrapped", "The levy will be removed until March."),
    "strike": (
        "strike strikes striking walk walkout stoppage",
        "Workers will strike for two weeks if no deal is reached.",
    ),
    "extension": ("extend extends extended extending extension", "The waiver was extended for another 90 days."),
    "exemption": ("exempt exempts exempted exemption waive waives waived waiver", "Chips are exempt until June."),
    "cut": (
        "cut cuts cutting reduce reduces reduced reducing lower lowers lowered lowering ease eases eased easing",
        "The United States will lower tariffs on Chinese goods for a year.",
    ),
    "raise": (
        "raise raises raised raising rise rises rising rose increase increases increased impose imposes imposed "
        "imposing",
        "The tariff rises to 25 percent for a year effective March 1.",
    ),
    "deal": (
        "finalize finalizes finalized finalise finalised sign signs signed conclude concluded deal agreement accord",
        "Washington hopes to finalize an agreement with Beijing on rare earth supplies by Thanksgiving.",
    ),
    "withdrawal": (
        "withdraw withdraws withdrew withdrawn withdrawal leave leaves pull",
        "Israel must withdraw its troops within two weeks.",
    ),
    "payment": (
        "pay pays paid repay repays repaid invest invests invested spend spends spent",
        "The bank will repay the loan by end of 2026.",
    ),
    "delivery": (
        "deliver delivers delivered supply supplies supplied shipped",
        "Boeing will deliver 20 jets by March.",
    ),
    "release": ("release releases released freed", "Hamas agreed to release the hostages within 72 hours."),
    "keep": (
        "keep keeps kept remain remains remained stay stays stayed hold holds held maintain maintains maintained "
        "continue continues continued last lasts lasting runs apply applies applied",
        "The ban will remain in place through the end of March.",
    ),
    "limit": ("cap caps capped capping limited", "Prices will be capped during the next six months."),
    "end": ("expire expires expired expiring lapse lapses", "The curbs will expire on June 30."),
    "works": (
        "build builds built finish finished complete completed open opens opened reopen reopens reopened close "
        "closes closed closing rebuild rebuilt",
        "The plant is expected to reopen within two weeks.",
    ),
    "decision": (
        "decide decides decided pass passes passed approve approves approved adopt adopts adopted name names "
        "named appoint appoints appointed grant grants granted file filed submit submits submitted",
        "The board will name a new chief executive in the next 30 days.",
    ),
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


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: A time phrase's lead: the longest :data:`TIME_LEADS` entry ending right before it ("the" may come between:
#: "ahead of the April 2 summit").
LEAD = re.compile(r"(?i)(?:^|\W)(" + _alternation(list(TIME_LEADS)) + r")(?:\s+the)?\s*$")
#: A :data:`TERM_NOUNS` noun right after a duration ("-long" and one adjective may come between:
#: "a one-year partial pause").
TERM_AFTER = re.compile(r"(?i)^(?:-long)?\s+(?:[a-z]+\s+)?(" + _alternation(list(TERM_NOUNS)) + r")\b")
#: Any :data:`CUES` alternative, as a whole word.
CUE = re.compile(r"(?i)(?<![\w’'])(?:" + "|".join(c for c, _ in CUES) + r")(?!\w)")
#: The kind of act each word names (:data:`ACT_WORDS` turned around, and the term nouns).
KIND_OF: dict[str, str] = {
    **{w: kind for kind, (words, _) in ACT_WORDS.items() for w in words.split()},
    **{w: kind for w, (kind, _) in TERM_NOUNS.items() if " " not in w},
}
ACT_WORD = re.compile(r"(?i)\b(" + _alternation(list(KIND_OF)) + r")\b")
