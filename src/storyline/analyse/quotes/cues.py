"""Word tables for :mod:`storyline.analyse.quotes`: cue verbs, speaker nouns, pronouns, titles, first names.

The words are data in the lexicon (:mod:`storyline.lexicon`: ``cues.toml`` for the cues, one row per lemma with
its forms and flags, ``speech.toml``, ``quotes.toml``, ``roles.toml``, ``names.toml``, ``entities.toml``,
``time.toml``); this module reads the cue table (:data:`CUES`), names the sets the quote rules test against, and
derives the ones that are parts or unions of others. Surface forms in lower case, every inflection written out:
the quote rules read words as written, since a form's tense decides what it does ("said" is a strong cue,
"saying" is not).

Example:
    >>> cue = next(c for c in CUES if c.lemma == "say")
    >>> sorted(cue.flags["strong"]), "saying" in INDIRECT_FORMS, "saying" in INFINITIVE_CUES
    (['said', 'say', 'says'], True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ... import lexicon
from ..entities import JOB_WORDS

_words = lexicon.words

# ------------------------------------------------------------------------------------------ the cue table

#: The flags a row of the cue table may set (``lexicon/cues.toml`` says what each means).
CUE_FLAGS = ("indirect", "infinitive", "object", "strong", "trailing", "weak")
#: Flags that hold indirect forms only.
_OF_INDIRECT = ("infinitive", "object")
_ROW_KEYS = frozenset({"forms", "particle", *CUE_FLAGS})
_CUES_FILE = "lexicon/cues.toml"


@dataclass(frozen=True)
class Cue:
    """One row of the cue table: a lemma, its forms that are cues, the particle they need (if any), and for each
    of :data:`CUE_FLAGS` the forms it holds."""

    lemma: str
    forms: tuple[str, ...]
    particle: str | None
    flags: Mapping[str, frozenset[str]]


def _flag(lemma: str, row: Mapping[str, Any], flag: str, forms: tuple[str, ...]) -> frozenset[str]:
    """The forms ``flag`` holds in ``row``: all of them (``true``), none (absent, ``false``), or those written."""
    value = row.get(flag, False)
    if isinstance(value, bool):
        return frozenset(forms) if value else frozenset()
    if not isinstance(value, str):
        raise ValueError(f"{_CUES_FILE}, {lemma}: {flag} is true, false or forms in a string, not {value!r}")
    held = frozenset(value.split())
    if not held <= set(forms):
        raise ValueError(f"{_CUES_FILE}, {lemma}: {flag} names {sorted(held - set(forms))}, not among its forms")
    return held


def _cue(lemma: str, row: Any) -> Cue:
    """One row of the table, checked: known keys, forms, flags that name its own forms."""
    if not isinstance(row, Mapping) or not isinstance(row.get("forms"), str) or not row["forms"].split():
        raise ValueError(f'{_CUES_FILE}, {lemma}: a row is {{ forms = "…", flags }}, not {row!r}')
    unknown = set(row) - _ROW_KEYS
    if unknown:
        raise ValueError(f"{_CUES_FILE}, {lemma}: unknown keys {sorted(unknown)}; a row sets {sorted(_ROW_KEYS)}")
    forms = tuple(row["forms"].split())
    flags = {flag: _flag(lemma, row, flag, forms) for flag in CUE_FLAGS}
    for flag in _OF_INDIRECT:
        if not flags[flag] <= flags["indirect"]:
            raise ValueError(f"{_CUES_FILE}, {lemma}: {flag} names forms that are not indirect")
    particle = row.get("particle")
    if particle is not None and not isinstance(particle, str):
        raise ValueError(f"{_CUES_FILE}, {lemma}: particle is one word, not {particle!r}")
    return Cue(lemma, forms, particle, flags)


def cue_table(table: Mapping[str, Any]) -> tuple[Cue, ...]:
    """The rows of a cue table (``lexicon.table("cues.lemmas")``), in file order."""
    return tuple(_cue(lemma, row) for lemma, row in table.items())


def _flagged(flag: str) -> frozenset[str]:
    return frozenset(w for cue in CUES for w in cue.flags[flag])


#: The cue table, one row per lemma (``lexicon/cues.toml``).
CUES: tuple[Cue, ...] = cue_table(lexicon.table("cues.lemmas"))

# ------------------------------------------------------------------------------------------ vocabulary

#: Cue verbs that report speech in a content clause ("X said (that) …") — the indirect quotes.
INDIRECT_FORMS = _flagged("indirect")
#: Verbs that attribute words to a speaker, in every inflection: every form of the table but the particle cues'.
CUE_FORMS = frozenset(w for cue in CUES if cue.particle is None for w in cue.forms)
#: Cue verbs whose direct object is what was said ("announced a $275 billion infrastructure plan", "stressed his
#: executive experience"); not "told reporters", "claimed victory", "maintains relations", "wrote a check".
OBJECT_CUES = _flagged("object")
#: Cue verbs whose infinitive complement is what was said or asked ("told Christie to go home", "claim to find Clinton
#: more palatable", "asked donors to give"); not "said on stage to justify …" nor "responded to …".
INFINITIVE_CUES = _flagged("infinitive")
#: The lemmas with indirect forms: the reporting verbs.
REPORTING_LEMMAS = frozenset(cue.lemma for cue in CUES if cue.flags["indirect"])
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
STRONG_CUES = _flagged("strong")
#: Cues that can follow a quote ending with its own full stop and still belong to its sentence ("according" too).
TRAILING_CUES = _flagged("trailing") | _words("cues.trailing_words")
#: Cues that attribute a quote only when it is inside their own phrase ("calling relations “strong”").
WEAK_CUES = _flagged("weak")
#: Nouns that can head the speaker of indirect speech (besides names, pronouns, titles, organisations).
SPEAKER_NOUNS = _words("quotes.speaker_nouns")
#: "pointed out", "points out": a cue only with its particle (form -> particle).
PARTICLE_CUES: dict[str, str] = {w: cue.particle for cue in CUES if cue.particle is not None for w in cue.forms}
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
#: Lower-case nouns of how often ("several times described …"): never a cue's subject.
FREQUENCY_NOUNS = _words("quotes.frequency_nouns")
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
#: Cues of a question put to someone.
ASKING_CUES = _words("quotes.asking_cues")
#: Cues with which a thing (a video, a T-shirt, a report) carries words.
INSCRIPTION_CUES = _words("quotes.inscription_cues")
#: Suffixes of a name ("Jr.", "III").
NAME_SUFFIXES = _words("quotes.name_suffixes")
#: Nouns before quote marks that make the quoted words a thing named ("the word “We”").
MENTION_NOUNS = _words("quotes.mention_nouns")
#: Nouns after quote marks that make the quoted words a thing's name ("the “Starts with one” campaign").
NAMED_THINGS = _words("quotes.named_things")
#: Words around a quote used as a clause's subject that make the words somebody's ("“…” was his reply").
UTTERANCE_WORDS = _words("quotes.utterance_words")
#: Nouns of a work before quote marks: a title when the quoted words open on a capital ("his book “Salt”").
WORK_NOUNS = _words("quotes.work_nouns")
#: Small words a title-cased phrase may hold in lower case.
TITLE_SMALL_WORDS = _words("quotes.title_small_words")
