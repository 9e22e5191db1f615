"""Cue words, their subjects and the speakers they name, for :mod:`storyline.analyse.quotes`.

A cue's subject is found in the parse (climbing from participles and conjuncts); :func:`_resolve` names it
in its fullest form in the article (a surname to the full name, "he"/"she" to the most recent compatible
person, "the ministry" to the organisation it abbreviates).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ... import lexicon
from ...model import Mention
from ..entities import JOB_WORDS
from .cues import (
    _ROLE_ABBREVIATIONS,
    _SOMEONE,
    CUE_FORMS,
    DESCRIPTOR_NOUNS,
    DOCUMENT_NOUNS,
    FREQUENCY_NOUNS,
    GENDERED_ROLES_F,
    GENDERED_ROLES_M,
    INDIRECT_FORMS,
    INSCRIPTION_CUES,
    LEADING_TITLES,
    NP_PREPS,
    ORG_HEADS,
    PARTICLE_CUES,
    PRONOUNS_F,
    PRONOUNS_GROUP,
    PRONOUNS_M,
    PRONOUNS_NONE,
    SPEAKER_NOUNS,
    TITLE_WORDS,
    WEEKDAYS_MONTHS,
)
from .doc import _Doc, _full_person, _gender_of, _name_tokens, _Person, _strip_titles
from .marks import _WORD, CLOSING_QUOTES
from .parties import conjuncts, joined

#: Verbs whose object speaks their infinitive's words (object control, ``lexicon/quotes.toml``).
OBJECT_CONTROL = lexicon.words("quotes.object_control_verbs")

# ---------------------------------------------------------------------------------------- cues


def _is_cue(tok: Any) -> bool:
    low = tok.lower_
    if low == "according":
        return any(c.lower_ == "to" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
        )
    if low in PARTICLE_CUES:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == PARTICLE_CUES[low]
    if low not in CUE_FORMS:
        return False
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        # a cue the tagger took for a noun ("Article 33 affirms: “…”", "footage of Trump saying, “…”"):
        # only right before the quote it opens, and never as the head of a noun phrase ("Trump's remarks “…”")
        nxt = [t for t in tok.doc[tok.i + 1 : tok.i + 3] if not t.is_space]
        opens = bool(nxt) and (nxt[0].is_quote or (nxt[0].text in (",", ":") and len(nxt) > 1 and nxt[1].is_quote))
        bare = not any(c.dep_ in ("det", "poss", "amod") for c in tok.children)
        if opens and bare and low.endswith(("ing", "ed", "s")):
            return True
        # "“…,” the Saudis state in the white paper": a short noun phrase after a quote's comma, then the cue
        j = tok.i - 1
        while (
            j > tok.i - 8
            and j >= 0
            and (tok.doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "ADP") or tok.doc[j].text == "-")
        ):
            j -= 1
        return bool(
            j < tok.i - 1
            and j >= 1
            and tok.doc[j].is_quote
            and tok.doc[j - 1].text == ","
            and tok.doc[j + 1].pos_ in ("DET", "PROPN", "NOUN", "ADJ")  # "a voice-over in the ad states"
        )
    if low.startswith("call") and any(c.dep_ == "prt" for c in tok.children):
        return False  # "call in favors", "call off", "call up"
    if (
        low.startswith(("read", "found", "find"))
        and not (tok.i > 0 and tok.doc[tok.i - 1].is_punct)  # "“…,” read one."
        and any(c.dep_ == "dobj" and not c.is_quote and c.pos_ != "PRON" for c in tok.children)
    ):
        return False  # "read the bill", "found a home": not speech
    if low.startswith("maintain") and not (
        any(c.dep_ == "ccomp" for c in tok.children)
        or (tok.i + 1 < len(tok.doc) and (tok.doc[tok.i + 1].is_punct or tok.doc[tok.i + 1].lower_ == "that"))
        or (tok.i > 0 and tok.doc[tok.i - 1].is_punct)
    ):
        return False  # "maintains relations with Beijing": only "maintains (that) …" or "…,” he maintained" speak
    return bool(tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"))


def _cue_text(tok: Any) -> str:
    """The cue as it is shown beside its speaker ("said", "according to", "ruled out"): in lower case where only
    its place at the start of a sentence capitalised it ("According to the read-out, …")."""
    word = tok.lower_ if tok.is_sent_start and tok.text[1:].islower() else str(tok.text)
    if tok.lower_ == "according":
        return f"{word} to"
    prt = [c for c in tok.children if c.dep_ == "prt"]
    if tok.lower_ in PARTICLE_CUES and tok.i + 1 < len(tok.doc):
        return f"{word} {tok.doc[tok.i + 1].text}"
    return f"{word} {prt[0].text}" if prt else word


def _subject(tok: Any, in_quote: Sequence[bool] | None = None) -> Any | None:
    """The subject of a cue verb, climbing from participles, conjuncts and relative clauses.

    Never into quoted words (``in_quote``) and never across a paragraph break.
    """
    subj = _subject_any(tok, in_quote)
    if subj is None or (subj.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "X", "DET", "ADJ") and not _name_like(subj)):
        return None
    if (subj.ent_type_ in ("DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL") and not _aged(subj)) or subj.lower_.rstrip(
        "."
    ) in WEEKDAYS_MONTHS:
        return None
    a, b = sorted((subj.i, tok.i))
    if "\n" in tok.doc[a : b + 1].text:
        return None
    return subj


def _name_like(tok: Any) -> bool:
    """A name the tagger took for another word class ("said Skelly" with "Skelly" as an adverb): a
    capitalised word inside the sentence, tagged PERSON or not a function word."""
    if tok.ent_type_ == "PERSON":
        return True
    return bool(
        tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.text.isupper()
        and not tok.is_sent_start
        and (tok.pos_ in ("ADV", "ADJ", "NOUN") or (tok.pos_ == "VERB" and tok.dep_ in ("nsubj", "nsubjpass")))
        and tok.lower_ not in WEEKDAYS_MONTHS
    )


def _can_speak(tok: Any) -> bool:
    """A word that can be a speaker by itself: a name, a pronoun, a title or speaker noun ("spokesperson")."""
    low = tok.lower_
    return tok.pos_ in ("PROPN", "PRON") or low in SPEAKER_NOUNS or low in JOB_WORDS or low in ORG_HEADS


def _aged(tok: Any) -> bool:
    """ "the 46-year-old": a person described by age, which the NER tags as a DATE."""
    return bool(tok.lower_ == "old" or tok.lower_.endswith("-old"))


def _subject_any(tok: Any, in_quote: Sequence[bool] | None) -> Any | None:
    if tok.lower_ == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(tok.doc):
            to = tok.doc[tok.i + 1]
        if to is None:
            return None
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if tok.lower_ in ("quotes", "quoted", "quoting"):
        # "Frank quotes former Carter adviser Alfred Kahn: …": the one quoted speaks
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and (
                obj.pos_ == "PROPN"
                or obj.ent_type_ == "PERSON"
                or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in obj.children)
                or obj.lower_ in JOB_WORDS | SPEAKER_NOUNS
            )
            and not (in_quote is not None and in_quote[obj.i])
        ):
            return obj
        # "Trump was quoted as saying …": the passive subject speaks
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if sp is not None and not (in_quote is not None and in_quote[sp.i]):
            return sp
    if tok.dep_ == "conj" and tok.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass", "cc") for c in tok.children):
        # "…, a move the bloc's economy chief said would …" parsed as a second verb of the sentence's subject: the
        # noun right before the cue is its subject
        prev = tok.doc[tok.i - 1]
        if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("appos", "npadvmod") and prev.head.i < prev.i:
            if not (in_quote is not None and in_quote[prev.i]):
                return prev
    t = tok
    past_it = False
    for _ in range(6):
        subjs = [
            c
            for c in t.children
            if (c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "advmod" and _name_like(c) and c.i < t.i))
            and (c.ent_type_ not in ("DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL") or _aged(c))
            and c.lower_.rstrip(".") not in WEEKDAYS_MONTHS
            and c.text not in FREQUENCY_NOUNS
            and not (in_quote is not None and in_quote[c.i])
        ]
        # two subjects is a parse error ("A spokesperson who … because of agency policy said …"): a word that can
        # speak before the nearer one
        subj = min(subjs, key=lambda c: (len(subjs) > 1 and not _can_speak(c), abs(c.i - t.i))) if subjs else None
        if subj is not None:
            if t.dep_ == "relcl" and _relative_head(subj) is not None and t.head.dep_ not in ("nsubj", "nsubjpass"):
                # "…, including Mike Pence, who called their son “…”": "who", standing for Mike Pence; but "an
                # official who spoke anonymously said" is the official, the subject of the sentence's own verb
                return subj
            if subj.tag_ in ("WP", "WDT") and t.dep_ == "relcl":
                return t.head
            if subj.tag_ in ("WP", "WDT"):
                # "…, a Clinton endorser whose district … but who suggested …": the relative clause's antecedent
                rel = next((x for x in [t, *t.ancestors] if x.dep_ == "relcl"), None)
                return rel.head if rel is not None else None
            if subj.dep_ == "nsubjpass" and t.i == tok.i:
                # "was told", "is said to": the subject is not the speaker; "was asked by host Bill Maher": the agent is
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                return by if by is not None and not (in_quote is not None and in_quote[by.i]) else None
            reported = t.i != tok.i and t.dep_ == "ccomp" and t.head.lower_ in INDIRECT_FORMS and t.head.i < t.i
            if t.i == tok.i or (subj.lower_ not in ("it", "this", "that", "there") and not reported):
                return subj
            # "Gore insisted it was “premature” …, while adding …", "Trump argued that a database would …,
            # saying …": climb past the inner (reported) clause to whoever reports it
            past_it = True
        if (
            t.dep_ == "acl"
            and (t.tag_ == "VBG" or (t.tag_ == "VBD" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_quote))
            and t.head.pos_ in ("NOUN", "PROPN")
            and not (in_quote is not None and in_quote[t.head.i])
        ):
            if t.head.dep_ in ("dobj", "dative") and t.head.head.pos_ == "VERB" and t.head.pos_ == "NOUN":
                t = t.head.head  # "The senator emailed supporters saying: …": whoever emailed speaks
                continue
            if (
                t.head.dep_ == "pobj"
                and t.head.pos_ == "NOUN"
                and t.head.head.lower_ == "to"
                and t.head.head.head.pos_ == "VERB"
            ):
                t = t.head.head.head  # "his campaign sent a message to supporters saying: …"
                continue
            return t.head  # "Trump vowing to …"
        finite = t.tag_ in ("VBD", "VBZ", "VBP", "MD")
        if in_quote is not None and in_quote[t.head.i]:
            break
        if (
            t.dep_ == "pcomp"
            and t.head.pos_ == "ADP"
            and t.head.head.pos_ in ("VERB", "AUX")
            and t.head.head.i != t.head.i
        ):
            t = t.head.head  # "began by saying …"
            continue
        if (
            not finite
            and t.dep_ == "advcl"
            and t.head.pos_ == "ADV"
            and t.head.head.i != t.head.i
            and t.head.head.pos_ in ("VERB", "AUX")
        ):
            t = t.head.head  # "went so far as to say …"
            continue
        if not finite and t.dep_ == "xcomp" and t.head.pos_ == "VERB" and t.head.lower_ in OBJECT_CONTROL:
            obj = next((c for c in t.head.children if c.dep_ == "dobj" and c.i < t.i), None)
            if (
                obj is not None
                and obj.pos_ in ("NOUN", "PROPN", "PRON")
                and not (in_quote is not None and in_quote[obj.i])
            ):
                return obj  # object control: "led the manufacturer to announce …", "urged Trump to say …"
        if (
            t.head.i != t.i
            and t.head.pos_ in ("VERB", "AUX")
            and (
                t.dep_ == "conj"
                or (not finite and t.dep_ in ("advcl", "xcomp", "pcomp", "acl"))
                or (past_it and t.dep_ in ("ccomp", "advcl"))
            )
        ):
            t = t.head  # "…, saying …", "… and added …", "refused to say …"
            continue
        break
    # inverted order the parser missed: "…,” said Neil Thomas, …
    prev = [t.text for t in tok.doc[max(0, tok.i - 4) : tok.i] if not t.is_space][-2:]  # "”\xa0added Gowdy"
    if not prev or not (_closing(prev[-1]) or (prev[-1] == "," and len(prev) > 1 and _closing(prev[0]))):
        return None
    for j in range(tok.i + 1, min(len(tok.doc), tok.i + 4)):
        w = tok.doc[j]
        if w.pos_ == "PROPN" or _name_like(w) or (w.pos_ == "PRON" and w.lower_ in PRONOUNS_M | PRONOUNS_F):
            while w.dep_ == "compound" and w.head.i > w.i and w.head.i < tok.i + 6:
                w = w.head
            return w
        if w.lower_ in ("one", "another") and w.head.i == tok.i:
            return w  # "“…,” read one."
        if w.is_punct or w.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
            break  # not "…,'' saying in a Trumpian post": a preposition leads away from the speaker
    return None


def _closing(word: str) -> bool:
    """A token that is a closing quote mark: ” " ’ ' » ›, or the '' of archive plain text."""
    return bool(word) and len(word) <= 2 and all(c in CLOSING_QUOTES for c in word)


def _np_span(d: _Doc, tok: Any) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok``, without appositions or clauses."""
    doc = d.doc
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct", "npadvmod"):
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "case"):
            right = max(right, c.right_edge.i)
        elif (
            c.dep_ == "prep"
            and c.lower_ in NP_PREPS
            and c.right_edge.i - left < 14
            and any(x.dep_ in ("pobj", "pcomp") for x in c.children)
        ):
            right = max(right, c.right_edge.i)  # "a longtime adviser to Trump", not the bare "at" of "Police at first"
        elif c.dep_ in ("amod", "acl") and c.tag_ in ("JJ", "VBN") and c.right_edge.i - left < 14 and c.i == right + 1:
            right = max(right, c.right_edge.i)  # "a person close to the Clintons", "a source involved in …"
    for j in range(left, tok.i):
        if doc[j].text in ("-", "–", "—", ":") and (doc[j].whitespace_ or (j > 0 and doc[j - 1].whitespace_)):
            left = j + 1  # "… problematic - Pew Research": a dash or colon ends the phrase
        elif doc[j].text == "," and tok.pos_ == "PROPN":
            left = j + 1  # "Of Carson, Levine …": a comma before a name ends the phrase
    while left < tok.i and "\n" in doc[left : tok.i + 1].text[: tok.idx - doc[left].idx]:
        left += 1  # never across a paragraph
    while right > tok.i and "\n" in doc[tok.i : right + 1].text:
        right -= 1
    while left < right and (doc[left].is_punct or d.in_quote[left]):
        left += 1
    while right > left and (doc[right].is_punct or d.in_quote[right]):
        right -= 1
    for j in range(left, right + 1):  # never across a quote
        if d.in_quote[j]:
            if j <= tok.i:
                left = j + 1
            else:
                right = j - 1
                break
    return doc[left].idx + _glued(doc[left].text), doc[right].idx + len(doc[right].text)


def _local_span(d: _Doc, subj: Any) -> tuple[int, int]:
    """The speaker as written next to the cue: the pronoun itself, or the noun phrase around the name; a coordinated
    subject from its first party to its last ("Beijing and Washington", :mod:`.parties`)."""
    parties = conjuncts(subj, d.in_quote)
    if len(parties) > 1:
        return _local_one(d, parties[0])[0], _local_one(d, parties[-1])[1]
    return _local_one(d, subj)


def _local_one(d: _Doc, subj: Any) -> tuple[int, int]:
    if subj.pos_ == "PRON":
        return (subj.idx, subj.idx + len(subj.text))
    span = _np_span(d, subj)
    inner = _titled_person(d, subj, span)
    return (span[0], max(span[1], inner.end)) if inner is not None else span


def _titled_person(d: _Doc, subj: Any, local: tuple[int, int]) -> Mention | None:
    """The person a title-headed subject names ("Speaker of the House Rep. Paul Ryan", "Vice President for
    news and talk Dave Gorab"): the first person mention inside the subject's phrase."""
    if subj.lower_ not in TITLE_WORDS or not subj.text[:1].isupper():
        return None
    right = max(local[1], subj.right_edge.idx + len(subj.right_edge.text))
    return next((x for x in d.mentions if x.label == "PERSON" and subj.idx < x.start and x.end <= right), None)


def _glued(word: str) -> int:
    """Characters to skip in a token glued to a closing quote mark (",”Clinton" -> 2)."""
    cut = max(word.rfind(c) for c in '”"»')
    return cut + 1 if 0 <= cut < len(word) - 1 else 0


# ---------------------------------------------------------------------------------- the speakers


@dataclass(slots=True)
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    person: bool = False


def _relative_head(subj: Any) -> Any | None:
    """What a relative pronoun subject stands for: "Takaichi" in "Takaichi, who told the Diet …", "a video"
    in "a video that said, “…”" (a thing speaks only through a verb that carries words)."""
    verb = subj.head
    if subj.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "relcl" or verb.head.pos_ not in ("PROPN", "NOUN"):
        return None
    if subj.lower_ == "who" or (subj.lower_ in ("that", "which") and _carries_words(verb, verb.head)):
        return verb.head
    return None


def _resolve(d: _Doc, subj: Any, local: tuple[int, int], words: tuple[int, int] | None = None) -> _Speaker:
    """Resolve the cue's subject to the fullest form of who it names. ``words``: the span of the words it
    attributes, whose people are what the speaker talks about, never who "he" or "the spokesperson" is ("The
    pirates had surrounded the vessel when INS Mysore intervened, he said"). A coordinated subject is all its parties,
    each named in full, cited by the whole coordination ("Beijing and Washington announced …")."""
    parties = conjuncts(subj, d.in_quote)
    if len(parties) > 1:
        names = []
        for p in parties:  # a person by their full name, else the party as written unless resolved to a fuller form
            pa, pb = _local_one(d, p)
            sp = _resolve_one(d, p, (pa, pb), words)
            keep = sp.name is not None and (sp.person or len(sp.name) >= pb - pa)
            names.append(sp.name if keep and sp.name is not None else d.text[pa:pb])
        a, b = _local_span(d, subj)
        return _Speaker(joined(names), a, b, False)
    return _resolve_one(d, subj, local, words)


def _resolve_one(d: _Doc, subj: Any, local: tuple[int, int], words: tuple[int, int] | None = None) -> _Speaker:
    ante = _relative_head(subj)
    if ante is not None:
        return _resolve(d, ante, _local_span(d, ante))
    low = subj.lower_
    pos = subj.idx
    text = d.text
    if subj.pos_ == "PRON" or low in PRONOUNS_M | PRONOUNS_F | PRONOUNS_GROUP | PRONOUNS_NONE:
        if low in PRONOUNS_M or low in PRONOUNS_F:
            p = _antecedent(d, pos, "m" if low in PRONOUNS_M else "f", tiers=3, skip=words)
            if p is not None:
                return _Speaker(p.key, p.start, p.end, True)
            role = _role_antecedent(d, pos, "m" if low in PRONOUNS_M else "f")
            if role is not None:
                return role
        if low in ("it", "they", "them"):
            grp = _group_antecedent(d, pos, low != "it")
            if grp is not None:
                return grp
        if low in _SOMEONE:  # "Another, who asked not to be named, was more cautious: “…”"
            return _Speaker(text[local[0] : local[1]], local[0], local[1], False)
        return _Speaker(None, None, None)
    if low in TITLE_WORDS and subj.text[:1].isupper():
        # "Speaker of the House Rep. Paul Ryan (R-WI) said": the person the title belongs to
        inner = _titled_person(d, subj, local)
        if inner is not None:
            tok = d.doc[d.tok_at(inner.end - 1)]
            return _resolve(d, tok, (inner.start, inner.end))
    if subj.text.isupper() and subj.is_alpha and len(subj.text) > 2:
        full = _full_person(d, subj.text.title(), pos)  # "SANDERS:" in a transcript is Bernie Sanders
        if full is not None:
            fname, fstart = _strip_titles(full)
            return _Speaker(fname, fstart, full.end, True)
    m = d.mention_at(pos)
    if m is not None and m.end >= local[1] - 1:
        name, start = _strip_titles(m)
        full = _full_person(d, name, pos) if (m.label == "PERSON" or len(_name_tokens(name)) == 1) else None
        if full is not None:
            fname, fstart = _strip_titles(full)
            return _Speaker(fname, fstart, full.end, True)
        if m.label == "PERSON" or _org_named_person(m, subj):
            return _Speaker(name, start, m.end, True)
        return _Speaker(name, start, m.end, False)
    # a name the tagger split ("Cho Jung tai" with "tai" as a common noun)
    before = subj.doc[subj.i - 1] if subj.i > 0 else None
    named = before is not None and before.dep_ == "compound" and before.ent_type_ == "PERSON"
    propn = subj.pos_ == "PROPN" and not subj.text.islower()  # not "the foreign ministry" tagged PROPN
    if propn or subj.text[:1].isupper() or named:
        name = _propn_name(subj)
        full = _full_person(d, name, pos)
        if full is not None:
            fname, fstart = _strip_titles(full)
            return _Speaker(fname, fstart, full.end, True)
        if (propn or named) and name:
            end = subj.idx + len(subj.text)
            return _Speaker(name, end - len(name), end, True)
    phrase = text[local[0] : local[1]]
    head = low
    # "his wife, Gabriela Violeta Lazar", "master of ceremonies Asab Al-Tabchi": the name in apposition
    for c in subj.rights:
        if (
            c.dep_ == "appos"
            and (c.pos_ == "PROPN" or d.mention_at(c.idx) is not None)
            and c.ent_type_ in ("PERSON", "ORG", "")
        ):
            if c.pos_ == "PROPN" and c.text[:1].isupper():
                return _resolve(d, c, _np_span(d, c))
    # "a statement from Black Lives Matter", "Trump’s statement": the author speaks
    if head in DOCUMENT_NOUNS:
        for c in subj.children:
            author = None
            if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lower_ in ORG_HEADS or c.lower_ in SPEAKER_NOUNS):
                author = c  # "Trump’s statement", "the ministry's statement"
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                # "a statement from Black Lives Matter", "a statement from the Chinese embassy"
                authors = ORG_HEADS | SPEAKER_NOUNS
                author = next(
                    (x for x in c.children if x.dep_ == "pobj" and (x.pos_ == "PROPN" or x.lower_ in authors)), None
                )
            if author is not None:
                a, b = _np_span(d, author)
                own = _POSSESSIVE_END.search(text[a:b])
                return _resolve(d, author, (a, b - len(own.group()) if own else b))  # "the ministry's" -> ministry
    dets = [c.lower_ for c in subj.lefts if c.dep_ == "det"]
    if head in DESCRIPTOR_NOUNS and dets and dets[0] in ("the", "this", "that") and subj.tag_ == "NN":
        g = "f" if head in GENDERED_ROLES_F else ("m" if head in GENDERED_ROLES_M else None)
        p = _antecedent(d, local[0], g, tiers=2, max_back=3, skip=words, roles=False)
        # a described role ("The senior fellow in China studies at …", "the Vermont senator") may introduce what
        # the article had not said of its person; a bare one ("the host") must have been said of them before
        told = any(c.dep_ in ("amod", "compound", "prep", "nmod", "poss") for c in subj.children)
        if p is not None and (told or _described_as(d, p.key, head, local[0])):
            return _Speaker(p.key, p.start, p.end, True)
        # "the Chinese leader" with no one near it: the one person of the article the role and nationality fit
        ref = next((r for r in d.role_refs() if local[0] <= r.start < local[1]), None)
        if ref is not None:
            return _Speaker(ref.name, ref.person_start, ref.person_end, True)
    if head in ORG_HEADS:
        org = _org_antecedent(d, subj, local)
        if org is not None:
            return org
    return _Speaker(phrase, local[0], local[1], False)


_POSSESSIVE_END = re.compile(r"(?:['’]s?)?$")


def _described_as(d: _Doc, name: str, role: str, before: int) -> bool:
    """Whether the text before ``before`` calls the person ``name`` a ``role`` anywhere near one of their
    mentions ("Vermont senator Bernie Sanders", "Sanders, the senator from Vermont", "Sen. Sanders"): "the
    host asked" is not Sanders when nothing made him a host."""
    last = name.split()[-1]
    forms = {role, _ROLE_ABBREVIATIONS.get(role, role)}
    said = re.compile("|".join(rf"(?<![\w.]){re.escape(f)}(?!\w)" for f in forms))
    for m in re.compile(re.escape(last)).finditer(d.text, 0, before):
        if said.search(d.text[max(0, m.start() - 60) : min(before, m.end() + 80)].lower()):
            return True
    return False


def _org_named_person(m: Mention, subj: Any) -> bool:
    """An ORG-labelled speaker that is most likely a person the small model mislabelled ("Fiorina said")."""
    words = m.text.split()
    return (
        m.label == "ORG"
        and 1 <= len(words) <= 3
        and not m.text.isupper()
        and not any(w.lower().strip(".,") in ORG_HEADS for w in words)
        and subj.pos_ == "PROPN"
        and (subj.head.lower_ in CUE_FORMS or subj.dep_ == "pobj")
    )


def _propn_name(subj: Any) -> str:
    """The capitalised name words ending at ``subj`` ("Taiwan premier Cho Jung tai" -> "Cho Jung tai")."""
    doc = subj.doc
    i = subj.i
    while (
        i > 0
        and (doc[i - 1].text[:1].isupper() or (doc[i - 1].text == "-" and not doc[i - 1].whitespace_))
        and i - 1 < doc[i - 1].head.i <= subj.i
    ):
        prev = doc[i - 1]
        if "\n" in prev.text_with_ws or prev.lower_ in CUE_FORMS or re.search(r"\w['’]s$", prev.text):
            break
        i -= 1
    words = [t.text_with_ws[_glued(t.text) :] for t in doc[i : subj.i + 1]]
    toks = "".join(words).split()
    while len(toks) > 1 and toks[0].lower() in LEADING_TITLES:
        toks.pop(0)
    return " ".join(toks)


def _org_antecedent(d: _Doc, subj: Any, local: tuple[int, int]) -> _Speaker | None:
    """ "the Chinese ministry" -> the earlier "Chinese Ministry of Foreign Affairs" mention."""
    mods = [
        c.lower_ for c in subj.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ not in ("GPE",) and c.is_alpha
    ]
    for m in reversed(d.mentions):
        if m.start >= local[0] or m.label not in ("ORG", "FAC"):
            continue
        words = {w.lower() for w in _WORD.findall(m.text)}
        if subj.lower_ in words and all(w in words for w in mods):
            return _Speaker(m.text, m.start, m.end, False)
    return None


def _antecedent(
    d: _Doc,
    pos: int,
    gender: str | None,
    tiers: int,
    max_back: int = 6,
    skip: tuple[int, int] | None = None,
    roles: bool = True,
) -> _Person | None:
    """The person a pronoun or description at ``pos`` refers to, sentence by sentence backwards (none named
    inside ``skip``; a speaker named only by a role when ``roles``)."""
    k = bisect.bisect_left(d.person_pos, pos) - 1
    if k < 0:
        return None
    cur = d.sent_of(pos)
    para = d.para_of(pos)
    floor = cur - max_back
    best: _Person | None = None
    best_sent = None
    while k >= 0:
        p = d.persons[k]
        k -= 1
        s = d.sent_of(p.pos)
        if s < floor or d.para_of(p.pos) < para - 2:
            break
        if best_sent is not None and s < best_sent:
            break
        if p.tier > tiers or (skip is not None and skip[0] <= p.pos < skip[1]) or (p.role and not roles):
            continue
        g = _gender_of(d, p.key)
        if gender is not None and g is not None and g != gender:
            continue
        if best is None or p.tier < best.tier:
            best, best_sent = p, s
    if best is not None and gender is not None and best.key not in d.gender:
        d.gender[best.key] = gender  # pronoun history
    return best


def _role_antecedent(d: _Doc, pos: int, gender: str) -> _Speaker | None:
    """ "The minister was blunt. “…,” she told parliament.": with no named person before it, he/she stands for
    the role that was the subject of the sentence before ("the minister"), when its gender does not clash."""
    cur = d.sent_of(pos)
    if cur < 1:
        return None
    for tok in _segments_tokens(d, d.sent_starts[cur - 1], d.sent_starts[cur]):
        if tok.dep_ != "nsubj" or tok.pos_ != "NOUN" or tok.lower_ not in DESCRIPTOR_NOUNS:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        clash = GENDERED_ROLES_M if gender == "f" else GENDERED_ROLES_F
        if tok.lower_ in clash or tok.tag_ != "NN":
            return None
        a, b = _np_span(d, tok)
        return _Speaker(d.text[a:b], a, b, False)
    return None


def _group_antecedent(d: _Doc, pos: int, plural: bool) -> _Speaker | None:
    """ "it said" / "they said": the nearest organisation (or, for "they", group) that was a subject just before."""
    cur = d.sent_of(pos)
    doc = d.doc
    i = d.tok_at(pos) - 1
    while i >= 0:
        tok = doc[i]
        if d.sent_of(tok.idx) < cur - 2:
            break
        if not d.in_quote[i] and tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PROPN", "NOUN"):
            m = d.mention_at(tok.idx)
            if m is not None:
                name = _strip_titles(m)[0]
                if m.label == "PERSON" or _full_person(d, name, m.start) is not None:
                    return None  # a person was the topic: "they"/"it" is not an organisation here
                if m.label in ("ORG", "GPE", "NORP"):
                    return _Speaker(name, m.start, m.end, False)
            elif (tok.tag_ in ("NNS", "NNPS")) == plural and (tok.lower_ in ORG_HEADS or tok.lower_ in SPEAKER_NOUNS):
                a, b = _np_span(d, tok)
                return _Speaker(d.text[a:b], a, b, False)
        i -= 1
    return None


def _index_persons(d: _Doc) -> None:
    """Every person mention outside quote marks, as a candidate antecedent (tier 1 when a subject)."""
    doc = d.doc
    out: list[_Person] = []
    for m in d.mentions:
        ti = d.tok_at(m.start)
        if ti < len(doc) and d.in_quote[ti]:
            continue
        name, start = _strip_titles(m)
        # any label, a person's full name as the article writes it elsewhere ("Ivanka Trump" tagged a product)
        full = _full_person(d, name, m.start)
        if m.label == "PRODUCT" and (full is None or len(_name_tokens(name)) < 2):
            continue  # a ship ("INS Tabar fired at it") is no one "he" or "the spokesperson" could be
        if full is None and m.label != "PERSON" and not _org_subject_name(d, m):
            continue
        key = _strip_titles(full)[0] if full is not None else name
        fs, fe = (_strip_titles(full)[1], full.end) if full is not None else (start, m.end)
        root = doc[d.tok_at(m.end - 1)]
        while root.dep_ == "compound" and root.head.i > root.i:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            main = root.head.dep_ == "ROOT" or (root.head.dep_ == "conj" and root.head.head.dep_ == "ROOT")
            tier = 1 if main else 2
        else:
            tier = 3
        _gender_of(d, key, m)
        out.append(_Person(m.start, key, tier, fs, fe))
    covered = {p.pos for p in out}
    m_spans = [(m.start, m.end) for m in d.mentions]
    propn = doc.vocab.strings["PROPN"]
    for i in (i for i, p in enumerate(doc.to_array("POS").tolist()) if p == propn):
        tok = doc[i]
        if d.in_quote[tok.i] or not tok.text[:1].isupper() or tok.idx in covered:
            continue
        k = bisect.bisect_right(d.m_starts, tok.idx) - 1
        if k >= 0 and m_spans[k][0] <= tok.idx < m_spans[k][1]:
            continue
        if tok.dep_ == "compound":
            continue
        # the name as written, first name included ("Ivanka Trump" the NER missed), before its last word alone
        written = _propn_name(tok) if tok.lower_ in d.full_names else tok.text
        full = _full_person(d, written, tok.idx) if len(_name_tokens(written)) > 1 else None
        full = full or (_full_person(d, tok.text, tok.idx) if tok.lower_ in d.full_names else None)
        if full is not None:
            key, fs, fe = _strip_titles(full)[0], _strip_titles(full)[1], full.end
        elif tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.ent_type_ not in ("GPE", "ORG", "NORP", "LOC"):
            key = _propn_name(tok)  # a name the NER missed, as the subject of a verb ("Pate claimed …")
            fs, fe = tok.idx + len(tok.text) - len(key), tok.idx + len(tok.text)
        else:
            continue
        if tok.dep_ in ("nsubj", "nsubjpass"):
            main = tok.head.dep_ == "ROOT" or (tok.head.dep_ == "conj" and tok.head.head.dep_ == "ROOT")
            tier = 1 if main else 2
        else:
            tier = 3
        out.append(_Person(tok.idx, key, tier, fs, fe))
    out.sort(key=lambda p: p.pos)
    d.persons = out
    d.person_pos = [p.pos for p in out]


def _org_subject_name(d: _Doc, m: Mention) -> bool:
    """A one-word ORG mention that is the subject of a clause, likely a surname the small model mislabelled
    ("Fiorina was upfront about …"), so that a later "she said" can find it."""
    if m.label != "ORG" or " " in m.text or m.text.isupper() or m.text.lower() in ORG_HEADS:
        return False
    tok = d.doc[d.tok_at(m.start)]
    return bool(tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"))


def _add_person(d: _Doc, pos: int, sp: _Speaker, role: bool = False) -> None:
    """Record a resolved speaker as the most salient antecedent at ``pos`` (tier 0): a person, or a person
    described by a role (``role``: "Navy spokesperson said …. …, he said." — "he" is the spokesperson)."""
    if not (sp.person or role) or sp.name is None or sp.start is None or sp.end is None:
        return
    k = bisect.bisect_left(d.person_pos, pos)
    if k < len(d.persons) and d.persons[k].pos == pos:
        d.persons[k].tier = 0
        d.persons[k].key = sp.name
        d.persons[k].role = not sp.person
        return
    d.persons.insert(k, _Person(pos, sp.name, 0, sp.start, sp.end, not sp.person))
    d.person_pos.insert(k, pos)


# --------------------------------------------------------------------------------- quotes proper


def _segments_tokens(d: _Doc, a: int, b: int) -> Iterable[Any]:
    doc = d.doc
    i = d.tok_at(a)
    if i < len(doc) and doc[i].idx < a:
        i += 1
    while i < len(doc) and doc[i].idx < b:
        if not d.in_quote[i]:
            yield doc[i]
        i += 1


def _carries_words(cue: Any, subj: Any) -> bool:
    """A thing whose relative clause carries the quote: "a marketing video that said, “…”", "T-shirts that read “…”"."""
    return bool(
        cue.dep_ == "relcl"
        and cue.head.i == subj.i
        and (
            cue.lower_ in INSCRIPTION_CUES
            or (subj.lower_ in DOCUMENT_NOUNS and cue.lower_ in INDIRECT_FORMS)  # "the report, which notes, “…”"
        )
        and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in cue.children)
    )


def _may_speak(d: _Doc, subj: Any) -> bool:
    """Whether a subject can be the source of reported speech (not "the tensions", "specific dates")."""
    ante = _relative_head(subj)
    if ante is not None:
        return ante.pos_ == "PROPN" or _carries_words(subj.head, ante) or _may_speak(d, ante)
    low = subj.lower_
    if subj.pos_ == "PRON":
        return low in PRONOUNS_M | PRONOUNS_F | PRONOUNS_GROUP or low in ("who", "i", "we") or low in _SOMEONE
    if subj.pos_ == "PROPN" or d.mention_at(subj.idx) is not None:
        return True
    if any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in subj.children):
        return True  # "One early supporter, Representative Lee Zeldin, …"
    if low in DOCUMENT_NOUNS and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in subj.children):
        return True  # "Clinton’s response was: “…”": the author speaks
    return low in SPEAKER_NOUNS or low in DESCRIPTOR_NOUNS or low in ORG_HEADS
