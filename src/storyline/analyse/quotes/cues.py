"""Word tables for :mod:`storyline.analyse.quotes`: cue verbs, speaker nouns, pronouns, titles, first names.

The words are data in the lexicon (:mod:`storyline.lexicon`: ``speech.toml`` for the verbs of saying,
``quotes.toml``, ``roles.toml``, ``names.toml``, ``entities.toml``, ``time.toml``); this module names the sets
the quote rules test against, and derives the ones that are parts or unions of others. Surface forms in lower
case, every inflection written out (Storyline runs without the lemmatizer).
"""

from __future__ import annotations

from ... import lexicon
from ..entities import JOB_WORDS

_words = lexicon.words
#: Reporting verbs by lemma, with their forms (``speech.reporting``).
_REPORTING: dict[str, str] = lexicon.table("speech.reporting")

# ------------------------------------------------------------------------------------------ vocabulary

#: Cue verbs that report speech in a content clause ("X said (that) …") — the indirect quotes.
INDIRECT_FORMS = frozenset(w for forms in _REPORTING.values() for w in forms.split())
#: Verbs that attribute words to a speaker, in every inflection: the reporting verbs and the other cues.
CUE_FORMS = INDIRECT_FORMS | _words("speech.cue_forms_more")
#: Cue verbs whose direct object is what was said ("announced a $275 billion infrastructure plan", "stressed his
#: executive experience"); not "told reporters", "claimed victory", "maintains relations", "wrote a check".
OBJECT_CUES = _words("speech.object_cues")
#: Cue verbs whose infinitive complement is what was said or asked ("told Christie to go home", "claim to find Clinton
#: more palatable", "asked donors to give"); not "said on stage to justify …" nor "responded to …".
INFINITIVE_CUES = INDIRECT_FORMS - frozenset(
    w for lemma in lexicon.ordered("speech.no_infinitive") for w in _REPORTING[lemma].split()
)
#: Nouns whose "that" clause is what their owner said ("Trump's claim that his net worth exceeds $10 billion",
#: "allegations by the agencies that …").
CLAIM_NOUNS = _words("quotes.claim_nouns")
#: First words of what the parse hung on a cue after the clause it reports that still belong to that clause ("…, the
#: Times said, including speeches …", "…, he said, because he prizes …"); not "on condition of anonymity".
DISPLACED_OPENERS = _words("quotes.displaced_openers")
#: Subordinators that make a cue's clause set off inside a sentence a time or condition, not a source ("…, when he
#: insisted on paying his bill, …"); "as" makes it a source ("…, as the Times reported, …").
TIME_SUBORDINATORS = _words("quotes.time_subordinators")
#: Cues that hand their speaker to a quote opening the next paragraph.
STRONG_CUES = _words("speech.strong_cues")
#: Cues that can follow a quote ending with its own full stop and still belong to its sentence.
TRAILING_CUES = _words("speech.trailing_cues")
#: Cues that attribute a quote only when it is inside their own phrase ("calling relations “strong”").
WEAK_CUES = _words("speech.weak_cues")
#: Nouns that can head the speaker of indirect speech (besides names, pronouns, titles, organisations).
SPEAKER_NOUNS = _words("quotes.speaker_nouns")
#: "pointed out", "points out": a cue only with its particle.
PARTICLE_CUES: dict[str, str] = lexicon.table("speech.particle_cues")
PRONOUNS_M = _words("quotes.pronouns_m")
PRONOUNS_F = _words("quotes.pronouns_f")
PRONOUNS_NONE = _words("quotes.pronouns_none")
PRONOUNS_GROUP = _words("quotes.pronouns_group")
HONORIFICS_M = _words("roles.honorifics_m")
HONORIFICS_F = _words("roles.honorifics_f")
#: Titles a speaker's name may carry: offices, honorifics and the other title words.
TITLE_WORDS = (
    _words("roles.offices") | _words("roles.honorifics") | HONORIFICS_M | HONORIFICS_F | _words("roles.titles_more")
)
#: Words stripped from the front of a speaker's name: titles and jobs ("Analyst Priya Shah" -> "Priya Shah").
LEADING_TITLES = TITLE_WORDS | JOB_WORDS
GENDERED_ROLES_F = _words("roles.gendered_f")
GENDERED_ROLES_M = _words("roles.gendered_m")
#: Nouns that describe a person already named ("the Chinese leader said", "the senior fellow said").
DESCRIPTOR_NOUNS = _words("roles.descriptor_nouns")
#: Heads of an organisation that speaks: organisations' head words, bodies, and the speaking ones ("campaign").
ORG_HEADS = _words("entities.org_heads") | _words("entities.bodies") | _words("entities.speaker_org_words")
FEMALE_NAMES = _words("names.female")
MALE_NAMES = _words("names.male")
#: Abbreviations whose period does not end a sentence (the months' short forms among them).
ABBREVIATIONS = _words("quotes.abbreviations") | frozenset(
    w for short in lexicon.table("time.month_short").values() for w in short.split()
)


#: Finite verbs that show a new clause before a would-be trailing cue.
_CLAUSE_VERBS = _words("quotes.clause_verbs")


NP_PREPS = _words("quotes.np_prepositions")
#: Documents that speak for whoever wrote them ("a statement from Black Lives Matter", "Trump’s statement").
DOCUMENT_NOUNS = _words("quotes.document_nouns")
#: The calendar's words (weekdays, months and their short forms, "today"): never a speaker.
WEEKDAYS_MONTHS = frozenset(
    (
        *lexicon.ordered("time.weekdays"),
        *lexicon.ordered("time.months"),
        *lexicon.ordered("time.near_days"),
        *(w for short in lexicon.table("time.month_short").values() for w in short.split()),
    )
)


#: Pronouns that can stand for a speaker the article does not name.
_SOMEONE = _words("quotes.someone")


_ROLE_ABBREVIATIONS: dict[str, str] = lexicon.table("roles.abbreviations")


_REMARK_NOUNS = _words("quotes.remark_nouns")


#: First words of a comma-delimited insertion between a speaker and a cue ("Levine, who has …, said").
INSERT_OPENERS = _words("quotes.insert_openers")


_ISSUED = _words("speech.issued")
