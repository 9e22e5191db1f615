"""The cue and the speaker as written for one quoted span, from its own sentence.

:func:`_find_cue` looks at the words around the marks (cue verbs, "according to", a colon after a name,
a dash introduction, a digest headline) and says which words are nobody's quote (:func:`_not_theirs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .cues import (
    _CLAUSE_VERBS,
    _REMARK_NOUNS,
    CLAIM_NOUNS,
    CUE_FORMS,
    DOCUMENT_NOUNS,
    INSERT_OPENERS,
    PRONOUNS_F,
    PRONOUNS_M,
    TITLE_SMALL_WORDS,
    UTTERANCE_WORDS,
    WEAK_CUES,
    WEEKDAYS_MONTHS,
)
from .doc import _Doc
from .frames import CHARACTERISING_DEPS, NAMING_PREPS, denies_existence, negated_subject, rejects, unsaid
from .marks import _WORD, QuotedSpan
from .speakers import _carries_words, _is_cue, _may_speak, _relative_head, _segments_tokens, _subject


def _find_cue(d: _Doc, q: QuotedSpan, reg: tuple[int, int]) -> tuple[Any, Any] | None:
    """(cue token, subject token) for a quoted piece, from its own sentence."""
    a = q.open_mark if q.open_mark is not None else q.start
    b = (q.close_mark + 1) if q.close_mark is not None else q.end
    cands: list[tuple[tuple[int, int], Any]] = []
    lead = [t for t in _segments_tokens(d, reg[0], a) if not t.is_space]
    trail = [t for t in _segments_tokens(d, b, reg[1]) if not t.is_space]
    s = d.doc[d.tok_at(b - 1)] if b > 0 else None
    if s is not None and s.idx < b < s.idx + len(s.text) and not d.in_quote[s.i]:
        trail.insert(0, s)  # “…,”Clinton said: a name glued to the closing mark
    # a cue glued to the opening mark by a missing space: 'said,“Look' is one token
    glued: set[int] = set()
    g = d.doc[d.tok_at(a)] if a > 0 else None
    if g is not None and g.idx < a and d.text[g.idx : a].strip(" ,:").lower() in CUE_FORMS:
        glued.add(g.i)
        cands.append(((1, 0), g))
    q_cue = _governing_cue(d, q)
    a_tok = d.tok_at(a)
    as_put_it = bool(lead) and lead[0].lower_ == "as"  # "As X put it, “…”"
    for n, t in enumerate(reversed(lead)):
        if _is_cue(t):
            # "As X put it in a memo explaining the deal, “…”": "put it" introduces, whatever lies between
            rank = 0 if as_put_it and t.lower_ in ("put", "puts") else (1 if n <= 8 else 2)
            if any(c.lower_ in ("why", "how", "whether") and c.i < t.i for c in t.children):
                rank = 2  # "explaining why he is speaking, “…”": a cue inside an embedded question introduces nothing
            if rank == 1 and t.i == q_cue and not any(c[0][0] <= 2 and c[1].i < a_tok for c in cands):
                # "Trump said he was ''the perfect messenger,'' and he reiterated …": the quote is in its clause
                rank = 0
            cands.append(((rank, n), t))
    for n, t in enumerate(trail):
        if _is_cue(t):
            cands.append(((0 if n <= 5 else 2, n), t))
    if lead and lead[-1].text in ("—", "–", "--") and not any(c[1].i < a_tok for c in cands):
        # "When Trump finally wrapped up — “…” — the crowd roared": the clause the dash ends introduces the quote
        intro = _dash_intro(d, lead)
        if intro is not None:
            return intro
    cands.sort(key=lambda c: c[0])
    first: tuple[Any, Any] | None = None
    q_tok = d.tok_at(q.start)
    for (_, dist), cue in cands:
        if (
            cue.lower_ in WEAK_CUES
            and dist > 3
            and not any(t.i == q_tok for t in cue.subtree)
            and not (
                (
                    cue.dep_ == "ROOT"
                    or (cue.dep_ in ("ccomp", "parataxis") and d.in_quote[cue.head.i])
                    or (cue.dep_ == "relcl" and any(c.lower_ == "who" and c.dep_ == "nsubj" for c in cue.children))
                )
                and lead
                and lead[-1].text in (",", ":")
                and cue.i < lead[-1].i
            )
        ):
            continue  # a weak cue far away speaks only for a quote in its own phrase, or one it introduces
        subj = _subject(cue, d.in_quote) if cue.i not in glued else None
        if subj is None and cue.idx >= b:
            subj = _name_before(d, trail, cue)  # "…,” Brent Bozell III, founder of …, tells Breitbart
            if subj is None and cue.pos_ == "NOUN":
                head = _phrase_before(trail, cue)  # "“…,” a voice-over in the ad states": "states" read as a noun
                if head is not None:
                    return cue, head
        elif subj is None:
            # "Rep. Paul Ryan (R-WI) said “…”" with a parse that lost the subject; "Continued Stone: “…”"
            subj = _name_left(d, cue) or _name_right(d, cue, a)
            if subj is None and as_put_it and cue.lower_ in ("put", "puts"):
                subj = _name_after_as(lead)  # "As Akhil Amar, author of ''…,'' put it, ''…''"
            if subj is None and cue.tag_ == "VBG" and lead and cue.i == lead[0].i:
                subj = _previous_speaker(d, cue)  # "Maher stated that … “wasn’t good.” Adding, “…”"
        if subj is not None and (
            _describes(subj, q_tok)
            or (min(subj.i, cue.i) < q_tok < max(subj.i, cue.i) and _capitalised(d.text[q.start : q.end]))
        ):
            continue  # "Washington, star of television’s “Scandal,” thanked …": the quote describes the speaker
        if subj is not None and not d.in_quote[subj.i]:
            ante = _relative_head(subj)
            if ante is not None and first is not None and first[0].i > cue.i:
                # "a White House official who spoke anonymously … said Wednesday, “…”" with "said" parsed
                # subjectless: the official is the subject of the nearer cue
                return first[0], ante
            return cue, subj
        if first is None:
            first = (cue, None)
    if first is not None:
        # a cue whose parse lost its subject (tangled in the quotes): the sentence's named subject
        subj = _sentence_subject(d, lead + trail, first[0])
        if subj is not None:
            return first[0], subj
    if first is None and lead and lead[-1].text in _COLONS:
        # "Carl Bialik: “…”", "President Clinton released the following statement: “…”"
        return _colon_name(d, lead) or _intro_verb(d, lead) or _colon_np(d, lead) or _colon_lead_name(d, lead)
    if first is None and len(lead) >= 3 and lead[-1].text in (",", ":") and lead[-2].lower_ in DOCUMENT_NOUNS:
        # "Trump issued a statement, “…”", "the campaign put out a video:": whoever issued the document speaks
        doc_tok = lead[-2]
        verb = doc_tok.head
        if doc_tok.dep_ == "dobj" and verb.pos_ == "VERB":
            subj = _subject(verb, d.in_quote)
            if subj is not None and _may_speak(d, subj):
                return verb, subj
    if first is None and len(lead) >= 2:
        # "over her remark that “…”", "after her March comment that, "…"": the remark's owner speaks
        k = len(lead) - (2 if lead[-1].text == "," else 1)
        if k >= 1 and lead[k].lower_ == "that" and lead[k - 1].lower_ in _REMARK_NOUNS:
            owner = next((c for c in lead[k - 1].children if c.dep_ == "poss"), None)
            if owner is not None and _may_speak(d, owner):
                return lead[k - 1], owner
    if first is None and len(lead) >= 3 and lead[-1].text == ",":
        # "Hillary shot back, “…”": a verb right before the comma that opens the quote
        tail = lead[-4:-1]
        for k, t in enumerate(tail):
            if t.pos_ == "VERB" and t.dep_ == "ROOT" and all(x.pos_ in ("ADP", "ADV", "PART") for x in tail[k + 1 :]):
                subj = _subject(t, d.in_quote)
                if subj is not None and _may_speak(d, subj):
                    return t, subj
    return first


def _quote_root(d: _Doc, q: QuotedSpan) -> Any:
    """The token that heads the quoted words: the last one up the parse still inside the quote."""
    r = d.doc[d.tok_at(q.start)]
    for _ in range(40):
        h = r.head
        if h.i == r.i or not (q.start <= h.idx < q.end):
            break
        r = h
    return r


#: Most words a quoted modifier may have and still be the writer's scare quotes.
SCARE_WORDS = 2


def scare_modifier(d: _Doc, q: QuotedSpan) -> bool:
    """Quoted words that only modify a noun outside the quotes, before it, where the noun is no verb's object and
    has no owner ("called on the “interim” government to withdraw …", "the “so-called” reforms were"): the writer
    holding a word at arm's length, not anyone's quoted words. The object of a verb keeps them ("dismissed the
    “absurd” claims": the dismisser's word for them), as a noun with an owner does ("Trump's “beautiful” wall")."""
    r = _quote_root(d, q)
    h = r.head
    if _words_in(d.text[q.start : q.end]) > SCARE_WORDS or r.dep_ != "amod" or h.i == r.i or h.i < r.i:
        return False
    if d.in_quote[h.i] or h.pos_ not in ("NOUN", "PROPN") or h.dep_ in ("dobj", "attr", "oprd"):
        return False
    return not any(c.dep_ == "poss" for c in h.children)


def _governing_cue(d: _Doc, q: QuotedSpan) -> int:
    """The cue whose complement the quoted words are ("pledges to ''make sure …''", "said he was ''…''"), or -1."""
    r = _quote_root(d, q)
    h = r.head
    if h.i == r.i or r.dep_ not in ("ccomp", "xcomp", "dobj", "attr", "oprd", "parataxis"):
        if r.dep_ in ("ccomp", "xcomp") and h.dep_ in ("ccomp", "xcomp") and _is_cue(h.head):
            return int(h.head.i)  # "said he was ''…''": the quote completes the reported clause
        return -1
    if _is_cue(h):
        return int(h.i)
    if h.dep_ in ("ccomp", "xcomp") and _is_cue(h.head):
        return int(h.head.i)
    return -1


def _not_theirs(d: _Doc, q: QuotedSpan, reg: tuple[int, int], term: bool) -> bool:
    """Partial quoted words that their sentence (``reg``) gives as nobody's (see :mod:`.frames`).

    Up the parse from the quoted words, the first cue decides: one that reports nothing ("allows Xi to argue
    that “…”", "declined to say “…”") gives them to no one. Before it, a quoted ``term`` (a short partial quote)
    may meet the rejecting verb or the "no" phrase that refuses it ("Cho rejected the idea of any “return”",
    "saying there is no such option as “return”"): someone else's term, not the rejecter's. Only words inside the
    sentence's own grammar: a direct quote is an utterance of its own, attributed by the cue beside it.
    """
    r = _quote_root(d, q)
    term = term and r.dep_ not in CHARACTERISING_DEPS  # "rejected the “absurd” claims": the rejecter's word
    # "no such option as “return”", "no reference to “Lyin' Ted”": a "no" on the noun phrase the quote hangs from
    # (not "had no “direct evidence”", the speaker's own term)
    noun_phrase = term and r.pos_ not in ("VERB", "AUX")
    child, t = r, r.head
    for _ in range(12):
        if t.i == child.i or d.in_quote[t.i] or not reg[0] <= t.idx < reg[1]:
            return False
        term = term and child.lower_ not in NAMING_PREPS  # "dismissed it as “fake news”": the dismisser's name for it
        if (
            (noun_phrase and denies_existence(t, d.in_quote))
            or (term and rejects(t, child))
            or (noun_phrase and negated_subject(t, child, d.in_quote))
        ):
            return True
        if _is_cue(t):
            return unsaid(t, d.in_quote, marked=True) is not None
        noun_phrase = noun_phrase and t.pos_ not in ("VERB", "AUX")
        child, t = t, t.head
    return False


_HEADLINE = re.compile(r"[^\n\w]*((?:[A-Z0-9][A-Z0-9’'‘.,:&$%-]*\s+){2,}[A-Z0-9][A-Z0-9’'‘.,:&$%-]*)\s*$")
_OUTLET_TAG = re.compile(r"\s*\[([^\]\n]{2,40}?)\.?\]")


def _digest_headline(d: _Doc, mark: int) -> tuple[int, int] | None:
    """A newsletter digest's line "OBAMA’S LAST STATE OF THE UNION “…” [WaPo.]": the capitalised
    headline opening the paragraph right before the quote stands for the story quoted."""
    para = d.para_starts[d.para_of(mark)]
    m = _HEADLINE.match(d.text, para, mark)
    if m is None or not any(c.isalpha() for c in m.group(1)):
        return None
    return m.start(1), m.end(1)


def _clause_subject(d: _Doc, q: QuotedSpan) -> Any | None:
    """The subject of the clause whose object holds a partial quote, when it can be a speaker."""
    doc = d.doc
    r = _quote_root(d, q)
    if r.dep_ not in ("pobj", "dobj", "xcomp", "ccomp", "attr", "oprd", "appos"):
        return None  # not "in line with the “one China” policy": a quoted modifier names something
    if r.dep_ == "pobj":
        att = r.head.head  # what the preposition hangs on: the verb, or the verb's object ("a dig at “…”")
        if not (att.pos_ in ("VERB", "AUX") or (att.dep_ in ("dobj", "attr") and att.head.pos_ in ("VERB", "AUX"))):
            return None
    t = r.head
    for _ in range(6):
        if t.i == r.i or "\n" in doc[min(t.i, r.i) : max(t.i, r.i) + 1].text:
            return None
        if t.pos_ in ("VERB", "AUX"):
            subj = _subject(t, d.in_quote)
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "which") and _may_speak(d, subj):
                return subj
            if t.dep_ not in ("xcomp", "advcl", "conj", "acl", "pcomp") or t.head.i == t.i:
                return None
        if t.dep_ in ("relcl",) or t.head.i == t.i:
            return None
        t = t.head
    return None


def _describes(subj: Any, q_tok: int) -> bool:
    """The quote is part of the speaker's own description ("Washington, star of television’s “Scandal,”")."""
    ante = _relative_head(subj)
    if ante is not None:
        if _carries_words(subj.head, ante):
            return False
        subj = ante
    return any(t.i == q_tok for t in subj.subtree)


def _phrase_before(trail: Sequence[Any], cue: Any) -> Any | None:
    """The head noun of the phrase between a quote and a trailing cue, up to its first preposition."""
    head = None
    for t in trail:
        if t.i >= cue.i or t.pos_ == "ADP":
            break
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
    return head


def _name_after_as(lead: Sequence[Any]) -> Any | None:
    """The name right after the "As" that opens "As X put it": the last word of its first proper-noun run."""
    run: list[Any] = []
    for t in lead[1:6]:
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            run.append(t)
        elif run or not (t.pos_ in ("DET", "ADJ") or t.is_punct):
            break
    return run[-1] if run else None


def _previous_speaker(d: _Doc, cue: Any) -> Any | None:
    """The subject of the sentence before a sentence that opens on a bare participle cue ("Adding, “…”")."""
    si = d.sent_of(cue.idx)
    if si < 1 or d.para_of(d.sent_starts[si - 1]) != d.para_of(cue.idx):
        return None
    toks = list(_segments_tokens(d, d.sent_starts[si - 1], d.sent_starts[si]))
    root = next((t for t in toks if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    subj = _subject(root, d.in_quote) if root is not None else None
    return subj if subj is not None and _may_speak(d, subj) else None


def _dash_intro(d: _Doc, lead: Sequence[Any]) -> tuple[Any, Any] | None:
    """The last verb before a dash that opens a quote, with a subject that can speak."""
    for t in reversed(lead[:-1]):
        if t.text in (",", ";", ":", "—", "–") or "\n" in t.text_with_ws:
            return None
        if t.pos_ == "VERB":
            subj = _subject(t, d.in_quote)
            if subj is not None and subj.i < t.i and _may_speak(d, subj):
                return t, subj
            return None
    return None


def _sentence_subject(d: _Doc, toks: Sequence[Any], cue: Any) -> Any | None:
    """The nearest person-like subject before ``cue`` among the sentence's unquoted tokens."""
    best = None
    for t in toks:
        if t.i >= cue.i:
            break
        if t.dep_ != "nsubj" or "\n" in d.doc[t.i : cue.i].text:
            continue
        m = d.mention_at(t.idx)
        if t.lower_ in PRONOUNS_M | PRONOUNS_F or (m is not None and m.label == "PERSON") or t.pos_ == "PROPN":
            best = t
    return best


#: A colon token, alone or glued to a closing parenthesis by the tokenizer ("(R-Ohio):").
_COLONS = (":", "):")


def _colon_name(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """A name right before the colon that introduces a quote ("Stated Stone:", "– Carl Bialik:")."""
    if len(toks) < 2 or toks[-1].text not in _COLONS:
        return None
    k = len(toks) - 2
    if toks[-1].text == "):" or toks[k].text.endswith(")"):
        # "Rep. Jim Jordan (R-Ohio):": the name before the parenthesis
        k = max((i for i in range(k + 1) if toks[i].text == "("), default=0) - 1
        if k < 0:
            return None
    t = toks[k]
    first = [x.lower_ for x in toks[:3]]
    if first[:1] == ["from"] or first[:2] in (["here", "’s"], ["here", "'s"], ["here", "is"]):
        # "From the report: “…”", "Here’s Clinton in December 1992: “…”": the first noun phrase after the opener
        k = 1 if first[0] == "from" else 2
        for x in toks[k:-1]:
            if x.pos_ in ("PROPN", "NOUN"):
                while x.dep_ == "compound" and x.head.i > x.i:
                    x = x.head
                return x, x
            if x.is_punct:
                break
    if t.dep_ == "pobj" and t.head.lower_ in ("on", "in", "at", "to", "with", "during", "via"):
        return None  # "… struck a defiant tone on Twitter:": the verb's subject speaks (see _intro_verb)
    m = d.mention_at(t.idx)
    if (m is not None and m.label in ("PERSON", "ORG") and m.end >= t.idx + len(t.text)) or (
        t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "LOC", "DATE") and t.text[:1].isupper()
    ):
        return t, t
    label = [x for x in toks[:-1] if not x.is_space]
    if (
        1 <= len(label) <= 3
        and all(x.text.isupper() and (x.is_alpha or x.text.endswith(".")) for x in label)
        and not d.text[d.para_starts[d.para_of(label[0].idx)] : label[0].idx].strip()
        and len(label[-1].text) > 1
    ):
        return t, t  # a transcript's speaker label, "HOLT:", "MR. TRUMP:", which the tagger reads as anything
    return None


def _colon_np(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """A short line that is only a source and a colon: "- Pew Research:", "Michael P. McDonald:"."""
    k = max((i for i, t in enumerate(toks[:-1]) if t.text in ("-", "–", "—", ".", "!", "?")), default=-1)
    words = [t for t in toks[k + 1 : -1] if not t.is_punct]
    if not words or len(words) > 4 or toks[-1].text != ":":
        return None
    head = words[-1]
    if head.pos_ in ("PROPN", "NOUN") and all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ") for t in words):
        return head, head
    return None


def _colon_lead_name(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """A short line opening with a name and a comma, ending with the colon: "Clinton, on Oct. 22: “…”"."""
    if not 3 <= len(toks) <= 10 or toks[-1].text not in _COLONS or d.para_of(toks[0].idx) != d.para_of(toks[-1].idx):
        return None
    j = 0
    while j < len(toks) and toks[j].pos_ == "PROPN" and toks[j].ent_type_ not in ("GPE", "NORP", "LOC", "DATE"):
        j += 1
    if j == 0 or j >= len(toks) - 1 or toks[j].text != "," or toks[0].idx != d.para_starts[d.para_of(toks[0].idx)]:
        return None
    return toks[j - 1], toks[j - 1]


def _name_left(d: _Doc, cue: Any) -> Any | None:
    """The name just left of a cue, skipping a parenthesis: "Rep. Paul Ryan (R-WI) said"."""
    doc = d.doc
    depth = 0
    j = cue.i - 1
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None  # "was found guilty": a passive cue's subject is not its speaker
    while j >= 0 and doc[j].pos_ in ("AUX", "ADV", "PART") and doc[j].lower_ not in ("not", "n't"):
        j -= 1  # "had said", "also said"
    while j >= 0 and cue.i - j < 12:
        t = doc[j]
        if "\n" in t.text_with_ws or d.in_quote[j]:
            return None
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0 and t.text == ",":
            if cue.i - j <= 3 and cue.dep_ in ("ROOT", "ccomp", "parataxis", "dep"):
                return _name_before_insert(d, j)
            return None  # "… in Iowa, telling the crowd": a place, not the speaker
        elif depth == 0 and not t.is_punct:
            m = d.mention_at(t.idx)
            if (t.dep_ != "pobj" or (m is not None and m.label == "PERSON")) and (
                (m is not None and m.label in ("PERSON", "ORG")) or t.pos_ == "PROPN"
            ):
                return t
            return None
        j -= 1
    return None


def _name_before_insert(d: _Doc, comma: int) -> Any | None:
    """The speaker before the comma-delimited phrases left of a root cue that lost its subject.

    "Of Carson, Levine, who has given money to Rubio, said": skip "who has given …" and take
    "Levine"; "after Mr. Trump, asked about …, had said": skip the participle and take "Mr. Trump";
    "In a statement, her adviser, Jake Sullivan, said": the name right before the cue.
    """
    doc = d.doc
    end = comma
    for n in range(4):
        start = end - 1
        while (
            start >= 0
            and doc[start].text not in (",", ";", ":")
            and not doc[start].is_sent_start
            and "\n" not in doc[start].text_with_ws
        ):
            if d.in_quote[start]:
                return None
            start -= 1
        stop = start >= 0 and (doc[start].text in (",", ";", ":") or "\n" in doc[start].text_with_ws)
        lo = start + 1 if stop else max(start, 0)
        seg = [t for t in doc[lo:end] if not t.is_punct]
        if not seg:
            return None
        first = seg[0]
        insert = first.lower_ in INSERT_OPENERS or first.tag_ in ("VBN", "VBG", "WP", "WDT", "WP$", "IN")
        last = seg[-1]
        m = d.mention_at(last.idx)
        named = (m is not None and m.label == "PERSON") or (
            last.pos_ == "PROPN" and last.ent_type_ not in ("GPE", "NORP", "LOC", "DATE") and last.text[:1].isupper()
        )
        if not insert and named and (n > 0 or all(t.pos_ in ("PROPN", "PUNCT") or t.dep_ == "compound" for t in seg)):
            return last
        if not insert or start < 0 or doc[start].text != ",":
            return None
        end = start
    return None


def _name_right(d: _Doc, cue: Any, mark: int) -> Any | None:
    """The name between a cue and the colon or comma before the opening mark: "Continued Stone: “…”"."""
    doc = d.doc
    toks = [t for t in doc[cue.i + 1 : d.tok_at(mark)] if t.idx < mark]
    if not 1 < len(toks) <= 5 or toks[-1].text not in ":," or any(d.in_quote[t.i] for t in toks):
        return None
    names = toks[:-1]
    if any(t.lower_.rstrip(".") in WEEKDAYS_MONTHS or t.ent_type_ in ("DATE", "TIME") for t in names):
        return None  # "said Wednesday, “…”"
    if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in names) and "\n" not in doc[cue.i : toks[-1].i].text:
        return names[-1]
    return None


def _name_before(d: _Doc, trail: Sequence[Any], cue: Any) -> Any | None:
    """The first name between a closing quote mark and its trailing cue, as a subject token: a person's name
    first ("“…,” the presumptive GOP nominee, Donald Trump, tweeted": Trump, not the party that describes him)."""
    person = next(
        (t for t in trail if t.i < cue.i and (m := d.mention_at(t.idx)) is not None and m.label == "PERSON"), None
    )
    for t in [person] if person is not None else trail:
        if t.i >= cue.i:
            return None
        m = d.mention_at(t.idx)
        if (m is not None and m.label in ("PERSON", "ORG")) or t.pos_ == "PROPN":
            j = t.i
            while j + 1 < cue.i and t.doc[j + 1].pos_ == "PROPN" and "\n" not in t.doc[j].text_with_ws:
                j += 1
            return t.doc[j]
    return None


def _intro_verb(d: _Doc, toks: Sequence[Any]) -> tuple[Any, Any] | None:
    """The verb and subject of a clause that ends with a colon introducing a quote."""
    for t in reversed(toks):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "ccomp"):
            subj = _subject(t, d.in_quote)
            if subj is not None and _may_speak(d, subj):
                return t, subj
            return None
    return None


def _words_in(text: str) -> int:
    return len(_WORD.findall(text))


def _capitalised(text: str) -> bool:
    """A short name-like quote: one to four words, each capitalised ("Scandal", "Meet the Press")."""
    ws = _WORD.findall(text)
    return 1 <= len(ws) <= 4 and (len(ws) >= 2 and _title_like(text) or all(w[0].isupper() for w in ws))


def _title_like(text: str) -> bool:
    ws = _WORD.findall(text)
    return len(ws) >= 2 and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS or w[0].isdigit() for w in ws)


#: Most words a quote used as a clause's subject may have and still be a name (a slogan, a title).
NAME_WORDS = 8


def clause_subject_quote(d: _Doc, q: QuotedSpan) -> bool:
    """Quoted words that are the subject of the clause after them, with no speech verb in it: a slogan or title
    used as a noun phrase ("“Meth. We’re on it” is rolling out across the state", "“Stop the Steal” became a
    rallying cry"), nobody's words. The closing mark hands straight over to a finite verb (no comma, the verb in
    lower case), the verb is no cue ("“We will win” said Levin"), and neither the rest of the sentence nor the words
    before the quote have a cue, a remark or claim noun or a word of utterance (``quotes.utterance_words``) that
    could make the words somebody's ("“Never again” was all she said", "… was his reply", "her claim that “…” is").
    A quote of more than :data:`NAME_WORDS` words is a sentence someone said, not a name."""
    if q.open_mark is None or q.close_mark is None or d.text[q.close_mark - 1 : q.close_mark] in ",:;—–":
        return False
    doc = d.doc
    si = d.sent_of(q.open_mark)
    first = d.tok_at(d.sent_starts[si]) if si >= 0 else 0
    if _words_in(d.text[q.start : q.end]) > NAME_WORDS:
        return False  # a sentence of someone's, not a name ("“The government is alleging …” were provoking …")
    for t in doc[first : d.tok_at(q.open_mark)]:
        if d.in_quote[t.i]:
            continue
        if _is_cue(t) or t.lower_ in _REMARK_NOUNS or t.lower_ in CLAIM_NOUNS or t.lower_ in UTTERANCE_WORDS:
            return False  # "officials said “…” is …", "her claim that “…” is …": the speaker's clause, their words
    i = d.tok_at(q.close_mark + 1)
    while i < len(doc) and (doc[i].idx <= q.close_mark or doc[i].is_space):
        i += 1
    if i >= len(doc):
        return False
    verb = doc[i]
    if not verb.text[:1].islower() or _is_cue(verb):
        return False
    if verb.lower_ not in _CLAUSE_VERBS and verb.tag_ not in ("VBZ", "VBD", "VBP", "MD"):
        return False
    end = d.text.find("\n", q.close_mark)
    end = len(d.text) if end < 0 else end
    for t in doc[i:]:
        if t.idx >= end or (t.text in (".", "!", "?") and not d.in_quote[t.i]):
            break
        if d.in_quote[t.i] or t.is_quote:
            return False  # another quote in the clause: its words decide
        if _is_cue(t) or t.lower_ in _REMARK_NOUNS or t.lower_ in UTTERANCE_WORDS:
            return False
    return True
