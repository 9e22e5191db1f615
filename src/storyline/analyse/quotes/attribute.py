"""Direct, partial and indirect attributions: each quoted span, and each cue with a content clause.

:func:`_direct_attributions` attributes the spans of :func:`~.marks.quoted_spans`;
:func:`_indirect_attributions` gives the reported clauses of cue verbs outside quote marks.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ... import lexicon
from ...model import Quote
from ...text import alternation
from .cues import CLAIM_NOUNS, CUE_FORMS, DISPLACED_OPENERS, INDIRECT_FORMS, TIME_SUBORDINATORS
from .doc import Attribution, _Doc
from .find import (
    _clause_subject,
    _digest_headline,
    _find_cue,
    _name_left,
    _not_theirs,
    _title_like,
    _words_in,
    clause_subject_quote,
    scare_modifier,
)
from .frames import TERM_WORDS, unsaid
from .marks import QuotedSpan, names_a_thing
from .shapes import shape_matches
from .speakers import _cue_text, _is_cue, _local_span, _may_speak, _subject


def _direct_attributions(d: _Doc, spans: Sequence[QuotedSpan]) -> list[Attribution]:
    text = d.text
    out: list[Attribution] = []
    outers = [
        (q.open_mark if q.open_mark is not None else q.start, (q.close_mark + 1) if q.close_mark is not None else q.end)
        for q in spans
    ]
    o_starts = [o[0] for o in outers]
    chain_sizes = Counter(q.chain for q in spans)
    for q, (a, b) in zip(spans, outers, strict=True):
        si = d.sent_of(a)
        reg_start = d.sent_starts[si] if si >= 0 else 0
        k = bisect.bisect_right(d.sent_starts, max(a, b - 1))
        pi = d.para_of(a)
        para_end = text.find("\n", a)
        para_end = len(text) if para_end < 0 else para_end
        reg_end = min(d.sent_starts[k] if k < len(d.sent_starts) else len(text), para_end)
        # leading text in the sentence, other quotes left out
        lead = "".join(
            text[max(reg_start, x) : min(a, y)]
            for x, y in _gaps(
                reg_start,
                a,
                [
                    o
                    for o in outers[bisect.bisect_left(o_starts, reg_start) : bisect.bisect_left(o_starts, a)]
                    if o[1] <= a
                ],
            )
        ).strip()
        content = text[q.start : q.end]
        nw = _words_in(content)
        continued = q.open_mark is None or chain_sizes[q.chain] > 1
        if continued or (not lead and (nw >= 3 or content[-1:] in ".!?,")) or (lead[-1:] in ",:—–" and nw >= 3):
            kind = "direct"
        else:
            kind = "partial"
        # words the sentence gives as nobody's there: no cue of theirs, nor a guess from around
        # a lone function word quoted inside a sentence ("the use of “We”") is a word named, never said
        named = (
            names_a_thing(text, q.open_mark, q.close_mark)
            or (kind == "partial" and bool(lead) and nw == 1 and content.strip(" .,;:!?").lower() in _FUNCTION_WORDS)
            or (kind == "partial" and scare_modifier(d, q))
            or clause_subject_quote(d, q)
        )
        theirs = not named and (kind != "partial" or not _not_theirs(d, q, (reg_start, reg_end), nw <= TERM_WORDS))
        found = _find_cue(d, q, (reg_start, reg_end)) if theirs else None
        att = Attribution(
            quote=Quote(start=q.start, end=q.end, text=content, kind=kind),
            anchor=a,
            chain=q.chain,
            para=pi,
            words=nw,
            title_like=_title_like(content) or _crosshead(text, a, b, content),
            explicit=not theirs,
            named=named,
        )
        if found is None and q.open_mark is not None and theirs:
            att.headline = _digest_headline(d, q.open_mark)
            if att.headline is not None and nw >= 3:
                att.quote.kind = kind = "direct"
        if found is None and kind == "partial" and nw >= 2 and not att.title_like and theirs:
            # "West landed a sharp dig at “my dear sister”", "Cruz laid out a vision for ''a tax code …''": whoever
            # uses the quoted words, when no cue says more
            user = _clause_subject(d, q)
            if user is not None:
                att.subject_i = user.i
                att.speaker_local = _local_span(d, user)
        if found is not None:
            cue, subj = found
            att.cue_span = (cue.idx, cue.idx + len(cue.text))
            att.quote.cue = _cue_text(cue)
            if cue.idx < a < cue.idx + len(cue.text):  # glued to the opening mark
                att.quote.cue = text[cue.idx : a].strip(" ,:")
                att.cue_span = (cue.idx, cue.idx + len(att.quote.cue))
            if subj is not None and subj.i == cue.i:  # "Carl Bialik: “…”": a name and a colon, no verb
                att.quote.cue, att.cue_span = None, None
            att.explicit = True
            if subj is not None:
                att.subject_i = subj.i
                att.speaker_local = _local_span(d, subj)
                lo, hi = att.speaker_local
                if lo < cue.idx < hi and cue.i != subj.i:  # never into its own cue ("a voice-over … states")
                    hi = cue.idx
                    while hi > lo and text[hi - 1] in " ,":
                        hi -= 1
                    att.speaker_local = (lo, hi)
        out.append(att)
    return out


_FUNCTION_WORDS = lexicon.words("function_words.stop")


def _gaps(a: int, b: int, holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cur = a
    for x, y in sorted(holes):
        if x > cur:
            out.append((cur, min(x, b)))
        cur = max(cur, y)
    if cur < b:
        out.append((cur, b))
    return out


def _quoted_fraction(d: _Doc, a: int, b: int) -> float:
    """The share of text[a:b] inside quote marks (quoted pieces never overlap: one pass back from b)."""
    if b <= a:
        return 0.0
    inside = 0
    k = bisect.bisect_left(d.outer_starts, b) - 1
    while k >= 0 and d.outer[k][1] > a:
        lo, hi = d.outer[k]
        inside += max(0, min(b, hi) - max(a, lo))
        k -= 1
    return inside / (b - a)


def _clause_bounds(d: _Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last, without a leading "that"/punctuation or trailing punctuation or
    conjunction (a clause the parse left with the "and" of the reporter's next act: "position that it supports all
    efforts that are conducive to peace and called for …")."""
    doc = d.doc
    while first <= last and (
        doc[first].is_punct or doc[first].is_space or (doc[first].lower_ == "that" and doc[first].tag_ in ("IN", "WDT"))
    ):
        first += 1
    if first <= last and (m := _CONNECTIVE.match(d.text, doc[first].idx)) is not None:
        after = first
        while after <= last and doc[after].idx < m.end():
            after += 1
        first = after if after <= last else first
    while last >= first and (
        (doc[last].is_punct and doc[last].text not in "”’\"'") or doc[last].is_space or doc[last].tag_ == "CC"
    ):
        last -= 1
    if last < first:
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    seg = d.text[a:b]
    if seg.count("“") > seg.count("”") or seg.count('"') % 2:
        # "the call was “very good.”": the clause ends inside a quote the parse hung on the main verb
        m = _CLOSE_AFTER.match(d.text, b)
        if m is not None:
            b = m.end()
    return a, b


_CLOSE_AFTER = re.compile(r"[.,!?]?[”\"]")
#: A writer's connective opening a reported clause (lexicon ``quotes.content_connectives``): not the speaker's.
_CONNECTIVE = re.compile(
    rf"(?:{alternation(lexicon.ordered('quotes.content_connectives'))})\s*,\s+"
    rf"|(?:{alternation(sorted(lexicon.words('quotes.content_conjunctions')))})\s+",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _indirect_cue_hashes() -> frozenset[int]:
    """spaCy's hashes of the lower-case forms that can open indirect speech (the same in every vocab)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub

    return frozenset(hash_string(w) for w in INDIRECT_FORMS | {"according"})


def _indirect_attributions(d: _Doc, spans: Sequence[QuotedSpan]) -> list[Attribution]:
    doc = d.doc
    text = d.text
    out: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    wanted = _indirect_cue_hashes()
    shaped: dict[int, list[tuple[str, int]]] = {}
    for shape, cue_i, content_i in shape_matches(doc):
        shaped.setdefault(cue_i, []).append((shape.extent, content_i))
    for i in sorted({i for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in wanted} | set(shaped)):
        tok = doc[i]
        if d.in_quote[tok.i]:
            continue
        low = tok.lower_
        span: tuple[int, int] | None = None
        least = 3  # words a reported clause needs ("announced his candidacy": an object needs two)
        if low in CLAIM_NOUNS and tok.pos_ == "NOUN":
            cut = _first_shape(d, tok, shaped.get(tok.i, []))  # "Trump's claim that his net worth exceeds …"
            span = cut[0] if cut is not None else None
        elif low == "according" and _is_cue(tok):
            sent = tok.sent
            sub = list(tok.subtree)
            lo, hi = sub[0].i, sub[-1].i
            # the rest of the sentence on the side of the clause the phrase modifies ("59 percent view her unfavorably,
            # according to a poll last week - virtually the same as …"), else on the side away from the phrase
            host = tok.head
            after = lo - sent.start <= sent.end - 1 - hi
            if min(lo - sent.start, sent.end - 1 - hi) > 3 and host.i == sent.root.i:
                after = host.i > hi  # mid-sentence, hung on the sentence's own verb
            if after:
                span = _clause_bounds(d, hi + 1, sent.end - 1)
            else:
                span = _clause_bounds(d, sent.start, lo - 1)
        elif low in INDIRECT_FORMS and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            if low in ("asked", "told") and tok.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in tok.children):
                continue  # "Asked whether he would run, Biden said …": the question put to him is not his
            comp = _content_clause(d, tok)
            if comp is not None and comp.i > tok.i:
                # the clause starts after its cue even when its subject stands before it; in a relative clause whose
                # pronoun stands in what was said ("the order, which he said was shaped by …"), what was said is of
                # the antecedent: the quote starts there, so it reads as a claim ("the order, which he said was …")
                ante = _gapped_antecedent(tok, comp)
                first = _claim_start(ante) if ante is not None else max(comp.left_edge.i, tok.i + 1)
                span = _clause_bounds(d, first, _clause_end(d, tok, comp))
            elif comp is not None:
                # "C, he said": the clause ends where the speaker starts
                subj = _cue_subject(d, tok)
                if subj is not None and (
                    (subj.i < tok.i and _only_punct_between(doc, comp.right_edge.i, subj.left_edge.i))
                    or (subj.i > tok.i and _only_punct_between(doc, comp.right_edge.i, tok.i))  # "C, said X"
                ):
                    span = _clause_bounds(d, comp.left_edge.i, _displaced_end(doc, tok, comp.right_edge.i))
            elif comp is None and (cut := _first_shape(d, tok, shaped.get(tok.i, []))) is not None:
                span, extent = cut  # a shape of :mod:`.shapes`, the first that cuts a clause
                least = 2 if extent == "object" else 3
            elif tok.dep_ in ("ccomp", "parataxis") and tok.head.i > tok.i and tok.head.pos_ in ("VERB", "AUX"):
                # "In the three years since, Barden says, far too many lives have been lost": the cue inside
                own = [t.i for t in tok.subtree]
                lo, hi = min(own), max(own)
                if (
                    any(c.dep_ == "nsubj" for c in tok.children)
                    and lo > tok.head.left_edge.i
                    and doc[lo - 1].text == ","
                    and hi + 1 < len(doc)
                    and doc[hi + 1].text == ","
                ):
                    span = _clause_bounds(d, hi + 2, tok.head.right_edge.i)
            elif tok.dep_ in ("ccomp", "parataxis") and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX"):
                # "The deal is dead, he said." parsed with the cue inside the clause
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i < tok.i and _ends_clause(doc, tok):
                    j = min(t.i for t in tok.subtree) - 1
                    if j > tok.head.left_edge.i and doc[j].text in (",", "—", "–"):
                        span = _clause_bounds(d, tok.head.left_edge.i, j)
        if span is None:
            continue
        a, b = span
        if "\n" in text[a:b]:
            a, b = _one_paragraph(text, a, b, tok.idx)
        if _words_in(text[a:b]) < least or b <= a:
            continue
        if _quoted_fraction(d, a, b) >= 0.5:
            continue
        k = bisect.bisect_left(taken, (b, b))
        near = taken[max(0, k - 8) : k]  # clauses found nearby (a clause is found at most a few times)
        # the same clause found again is skipped; a report inside a reported clause is its own ("According to the
        # read-out, Xi told Trump that …": the read-out reports Xi's telling, Xi reports what follows "that")
        if any(min(b, y) - max(a, x) > 0.5 * max(b - a, y - x) and not x <= tok.idx < y for x, y in near):
            continue
        subj = _cue_subject(d, tok)
        if (
            subj is None
            or d.in_quote[subj.i]
            or (a <= subj.idx < b and not (a <= tok.idx < b and subj.head.i == tok.i))
        ):
            continue
        # whatever its subject, a cue reports ("half said …", "the data suggest …"); only a speaker the rules know
        # ("according to" names one by itself) is a voice the next quote may continue
        voice = low == "according" or _may_speak(d, subj)
        if not voice and any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_SUBJECTS for c in tok.children):
            continue  # "…, which suggests that …": the writer drawing a conclusion, not a report
        local = _local_span(d, subj)
        case = next((c for c in subj.children if c.dep_ == "case"), None)  # "The mayor's claim": the mayor
        if case is not None and local[0] < case.idx < local[1]:
            local = (local[0], case.idx)
        # "allows Xi to argue that …", "declined to say how many …": no words of the subject, though they may be
        # the one speaking in the quotes around (they hand over their speaker, as any attribution does)
        silent = unsaid(tok, d.in_quote) is not None
        if not silent:
            bisect.insort(taken, (a, b))
        att = Attribution(
            quote=Quote(start=a, end=b, text=text[a:b], kind="indirect", cue=_cue_text(tok)),
            speaker_local=local,
            cue_span=(tok.idx, tok.idx + len(tok.text)),
            anchor=min(a, tok.idx, subj.idx),
            para=d.para_of(a),
            subject_i=subj.i,
            words=_words_in(text[a:b]),
            explicit=True,
            unsaid=silent,
            voice=voice,
        )
        out.append(att)
    return out


#: Most words of a quoted line read as a crosshead ("“We write with urgency”" alone between paragraphs).
CROSSHEAD_WORDS = 10


def _crosshead(text: str, a: int, b: int, content: str) -> bool:
    """Whether the quote (its marks at ``a``..``b``) is a crosshead: a paragraph of its own, holding only a few
    quoted words that end in no stop ("“Alarming mortality rate”", "“We write with urgency”"): a heading made of
    words the article quotes below it, not a quote of its own."""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    end = len(text) if end < 0 else end
    alone = not text[start:a].strip() and not text[b:end].strip()
    return alone and _words_in(content) <= CROSSHEAD_WORDS and content.rstrip()[-1:] not in ".!?…,;:"


#: Relative pronouns that can stand for a noun inside a reported clause ("the order, which he said was shaped …").
RELATIVE_PRONOUNS = lexicon.words("clauses.relative_pronouns")
#: How a relative pronoun fills a place in the reported clause (not "in which he says …", an adjunct of the cue).
_GAP_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _gapped_antecedent(cue: Any, comp: Any) -> Any | None:
    """The noun a cue's relative clause hangs on when the relative pronoun fills a place in what was said: "the
    order, which he said was shaped by …", "his daughters, who he said were living in Russia" (the pronoun in the
    reported clause, or the reported clause left with no subject while the pronoun hangs on the cue). None for "an
    interview in which he says he will …", where the reported clause is whole."""
    if cue.dep_ != "relcl" or cue.head.pos_ not in ("NOUN", "PROPN", "PRON") or cue.head.i > cue.i:
        return None
    rel = [t for t in cue.doc[cue.head.i + 1 : cue.i] if t.lower_ in RELATIVE_PRONOUNS and t.dep_ in _GAP_DEPS]
    if not rel:
        return None
    inside = any(t.head.i != cue.i and any(a.i == comp.i for a in t.ancestors) for t in rel)
    subjectless = not any(c.dep_ in _SUBJECT_DEPS for c in comp.children) and any(
        t.head.i == cue.i and t.dep_ in ("nsubj", "nsubjpass") for t in rel
    )
    return cue.head if inside or subjectless else None


def _claim_start(ante: Any) -> int:
    """Where a relative clause's claim starts: at its antecedent noun phrase, or — when the relative stands for the
    whole clause before it, which a plural noun with a singular verb shows ("The company cut 300 jobs, which it said
    was needed …": the cutting was needed) — at that clause."""
    cue = next(c for c in ante.children if c.dep_ == "relcl")
    rel = next((t for t in cue.doc[ante.i + 1 : cue.i] if t.lower_ in RELATIVE_PRONOUNS), None)
    verb = rel.head if rel is not None and rel.dep_ in ("nsubj", "nsubjpass") and rel.head.i != cue.i else None
    singular = verb is not None and any(t.tag_ == "VBZ" or t.lower_ == "was" for t in [verb, *verb.lefts])
    if ante.tag_ in ("NNS", "NNPS") and singular:
        host = next((a for a in ante.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if host is not None:
            return int(host.left_edge.i)
    return int(ante.left_edge.i)


def _content_clause(d: _Doc, cue: Any) -> Any | None:
    """The cue's content clause: the first unquoted ``ccomp`` after it, else the last before it ("C, he said").

    "A majority say they are paying attention; 26 percent say they have not been": the parse can hang the first
    report under the second cue as a ccomp before it; the clause after the cue is its own.
    """
    comps = [c for c in cue.children if c.dep_ == "ccomp" and not d.in_quote[c.i]]
    after = [c for c in comps if c.i > cue.i]
    return after[0] if after else (comps[-1] if comps else None)


def _cue_subject(d: _Doc, cue: Any) -> Any | None:
    """The subject of a cue with a content clause, also where the parse lost it: the name just left of the cue, in
    its own paragraph ("Mrs. Clinton often says …" read as the end of the sentence before); the count that says ("About
    4 in 10 say …", the number hung on the cue); the noun phrase right after an inverted cue ("C, said a former
    spokesman for …", hung on the next verb)."""
    doc = d.doc
    if cue.pos_ == "NOUN":  # "Trump's claim that …", "allegations by intelligence agencies that …": its owner
        owner = next((c for c in cue.children if c.dep_ == "poss"), None)
        by = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        if owner is None and by is not None:
            owner = next((c for c in by.children if c.dep_ == "pobj"), None)
        return owner if owner is not None and not d.in_quote[owner.i] else None
    subj = _subject(cue, d.in_quote)
    if subj is not None:
        return subj
    if cue.dep_ in ("ROOT", "ccomp", "parataxis") and cue.i > 0 and not doc[cue.i - 1].is_punct:
        left = _name_left(d, cue)
        if left is not None:
            return left
    count = next((c for c in cue.lefts if c.dep_ == "nummod" and not d.in_quote[c.i]), None)
    if count is not None:
        return count
    if cue.i > 0 and doc[cue.i - 1].text == ",":
        head = None
        for t in doc[cue.i + 1 : cue.i + 8]:
            if d.in_quote[t.i] or "\n" in t.text_with_ws or t.pos_ not in _NP_WORDS:
                break
            head = t if t.pos_ in ("NOUN", "PROPN") else head
        return head
    return None


_NP_WORDS = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN"})


def _displaced_end(doc: Any, cue: Any, end: int) -> int:
    """The end of a clause reported before its cue, with the rest of it the cue interrupts ("The emails were on
    many topics, the Times said, including speeches …", "He leans toward Kasich, he said, because he prizes …");
    not the cue's own circumstances ("…, he said, on condition of anonymity", "…, he said on Saturday")."""
    rest = next((c for c in cue.rights if c.dep_ in ("prep", "advcl", "agent")), None)
    if rest is None or rest.left_edge.lower_ not in DISPLACED_OPENERS or doc[rest.left_edge.i - 1].text != ",":
        return end
    if any(t.is_quote or "\n" in t.text_with_ws for t in doc[cue.i : rest.right_edge.i]):
        return end
    return int(rest.right_edge.i)


def _clause_end(d: _Doc, cue: Any, comp: Any) -> int:
    """The last token of the clause a cue reports: its content clause, with the conjuncts and continuations the parse
    hung on the cue after it ("said the process was fair, but required …", "said he knew two men: A and B"), up to
    the first that is a cue of its own ("…, saying …", "and added, “…”") or holds quoted words."""
    doc = d.doc
    end: int = _object_end(doc, comp)
    for c in comp.children:  # "said A, saying B", "said A but added, “…”": A is this cue's, B the next one's
        if c.i > comp.i and (
            (c.dep_ in _CONTINUING and c.pos_ in ("VERB", "AUX") and _reports_anew(d, c))
            or _aside(doc, c)
            or _dash_aside(doc, c)
        ):
            end = min(end, c.left_edge.i - 1)
            while end > comp.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
                end -= 1
            return end
    for c in cue.children:
        if c.i <= end or not (c.dep_ in _CONTINUING or c.dep_ == "ccomp"):  # "said that A, and that B"
            continue
        if _reports_anew(d, c) or _aside(doc, c) or any(d.in_quote[t.i] or t.is_quote for t in c.subtree):
            break
        if any("\n" in t.text for t in doc[end : c.right_edge.i + 1]):
            break
        end = c.right_edge.i
    return end


def _object_end(doc: Any, comp: Any) -> int:
    """The last token of a cue's object: a noun object ends before a cue verb the parse coordinated into it
    ("stressing progress on trade and calling relations with China …": the calling is the speaker's next act, not
    part of what was stressed); a gerund that is no cue stays ("discussed trade and fighting drugs")."""
    end: int = comp.right_edge.i
    if comp.pos_ not in ("NOUN", "PROPN"):
        return end
    for t in comp.subtree:
        if t.i > comp.i and t.dep_ == "conj" and t.tag_.startswith("VB") and t.lower_ in _ANY_CUE:
            end = min(end, t.left_edge.i - 1)
    while end > comp.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    return end


def _reports_anew(d: _Doc, verb: Any) -> bool:
    """A verb continuing a reported clause that is a report of its own: a cue with its own content clause or quoted
    words ("…, saying B", "and added, “…”"), not a cue word used for a deed ("said he has not held fundraising
    dinners and never called a donor", "said she wanted change but found Mr. Trump too objectionable")."""
    if verb.lower_ not in _ANY_CUE:
        return False
    return any(c.dep_ == "ccomp" for c in verb.children) or any(d.in_quote[t.i] or t.is_quote for t in verb.subtree)


def _aside(doc: Any, tok: Any) -> bool:
    """The source of a report of its own after a reported clause ("said Wall Street hurts the economy, according to
    exit polls"): not the first cue's words."""
    return bool(tok.lower_ == "according")


#: Dashes that set off the writer's aside after a reported clause.
DASHES = frozenset({"—", "–", "--"})
#: Tags of a finite verb: an aside with one is a clause of its own, maybe still the speaker's.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _dash_aside(doc: Any, tok: Any) -> bool:
    """A noun phrase after a dash that ends the reported clause, with no verb of its own: the writer's comment on
    what was said ("reminded Trump that their nations fought side by side against fascism — a thinly veiled nod to
    Japan's past"), not the speaker's words."""
    first = tok.left_edge.i
    return (
        tok.pos_ in ("NOUN", "PROPN")
        and tok.dep_ in ("npadvmod", "appos", "dep")
        and first > 0
        and doc[first - 1].text in DASHES
        and not any(t.tag_ in FINITE_TAGS for t in tok.subtree)
    )


_ANY_CUE = CUE_FORMS | INDIRECT_FORMS
#: Relative pronouns that, standing for no one who may speak, make a cue the writer's inference.
RELATIVE_SUBJECTS = lexicon.words("quotes.relative_subjects")
#: How a continuation of the reported clause can hang on its cue (the parse's attachment, not the meaning).
_CONTINUING = frozenset({"conj", "cc", "punct", "advcl", "appos", "dep", "npadvmod", "oprd", "attr"})


def _first_shape(d: _Doc, cue: Any, shapes: Sequence[tuple[str, int]]) -> tuple[tuple[int, int], str] | None:
    """The clause of the first :mod:`.shapes` match of ``cue`` that cuts one (shapes in their table order), with
    the shape's extent."""
    for extent, content in shapes:
        span = _shaped_clause(d, cue, extent, content)
        if span is not None:
            return span, extent
    return None


def _shaped_clause(d: _Doc, cue: Any, extent: str, content_i: int) -> tuple[int, int] | None:
    """The reported clause of a :mod:`.shapes` match, cut as its ``extent`` says."""
    doc = d.doc
    content = doc[content_i]
    own = [t.i for t in cue.subtree if not t.is_punct]
    lo, hi = min(own), max(own)
    if extent == "interposed":
        # "Time, Mr. Pence added, was on their side": the cue set off by commas or dashes inside the clause; the
        # cue is its subject and what follows it ("If the demands are not met, Mr. Taylor warned, supporters plan
        # …", "Voters, Clinton suggested, don't have to worry …": what the parse hung on the cue before its
        # subject belongs to the clause)
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_SUBORDINATORS for c in cue.children):
            return None  # "From the first days of his papacy, when he insisted on paying …": a time, not a source
        subj = min((c for c in cue.lefts if c.dep_ == "nsubj"), key=lambda c: cue.i - c.i, default=None)
        lo = subj.left_edge.i if subj is not None else cue.i
        while lo > 0 and doc[lo - 1].head.i == cue.i and doc[lo - 1].dep_ in _CUE_MARKS:
            lo -= 1  # "…, as the Times reported, …", "…, he later said, …"
        hi = max(t.i for t in cue.subtree if t.i >= cue.i and not t.is_punct)
        rest = next((c for c in cue.rights if c.i > cue.i and doc[c.left_edge.i - 1].text == ","), None)
        if rest is not None:
            # "…, the Times said, including speeches …": the clause goes on; "…, he said, on condition of anonymity":
            # the cue's own circumstances end it (the cue reports the clause before it)
            if rest.left_edge.lower_ not in DISPLACED_OPENERS:
                return None
            hi = rest.left_edge.i - 2
        first, last = content.left_edge.i, content.right_edge.i
        if not (first < lo - 1 and hi + 1 < last and doc[lo - 1].text in _SET_OFF and doc[hi + 1].text in _SET_OFF):
            return None
        sent = cue.sent
        return _clause_bounds(d, max(first, sent.start), min(last, sent.end - 1))
    if extent == "that_clause":
        that = next((t for t in content.lefts if t.dep_ == "mark" and t.lower_ == "that"), None)
        if that is None or that.i <= cue.i:
            return None
        return _clause_bounds(d, that.i, content.right_edge.i)
    if extent in ("subtree", "object"):
        # "announced a plan to …", "told Christie to go home": the object or complement, all it governs
        if any(t.text == "," for t in doc[cue.i + 1 : content.left_edge.i]):
            return None  # "said during the interview in Macau, the world's largest gambling hub": no object of it
        last = min(_object_end(doc, content), cue.sent.end - 1)
        if extent == "object":
            last = _before_aside(doc, content, last)
        return _clause_bounds(d, content.left_edge.i, last)
    if extent == "host":
        # "As Clyburn noted, those voters will …": the clause the cue's phrase modifies, on the side away from it
        if any(c.dep_ in _OWN_CONTENT for c in cue.children):
            return None  # "as Obama announces that he …": a report of its own, the "as" says when
        first, last = content.left_edge.i, content.right_edge.i
        if lo == first and hi + 1 < last and doc[hi + 1].text in _SET_OFF:
            return _clause_bounds(d, hi + 2, last)
        if hi == last or (hi + 1 == last and doc[last].is_punct):
            if lo - 1 > first and doc[lo - 1].text in _SET_OFF:
                if doc[lo - 2].text in _CLOSING_QUOTES:
                    return None  # "… stable and “extremely strong”, as Trump wrote": his words are the quote only
                return _clause_bounds(d, first, lo - 2)
        return None
    return None


def _before_aside(doc: Any, head: Any, last: int) -> int:
    """The end of a noun phrase before the first comment set off by a comma ("predicted a Cruz win in Texas, which
    votes on March 1", "reported earnings of $8.42 a share, well above …"); a list runs on ("four votes for Trump,
    31 for Senator Cruz and two abstentions")."""
    for k in range(head.i + 1, last):
        if doc[k].text != ",":
            continue
        t = doc[k + 1]
        while t.head.i != t.i and k < t.head.i <= last:
            t = t.head  # the phrase after the comma, up to where it hangs before it
        if t.dep_ in _ASIDES and t.head.i < k:
            return k - 1
    return last


#: How a comment after a comma hangs on the noun phrase before it (not an appositive: "testimony by Gregory Hicks,
#: the former deputy chief of mission", which names; not a list).
_ASIDES = frozenset({"relcl", "advmod", "acl", "npadvmod", "advcl"})


#: A cue with one of these reports something of its own ("as Obama announces that …", "as he noted the risk").
_OWN_CONTENT = frozenset({"ccomp", "dobj", "xcomp"})


_SET_OFF = frozenset({",", "—", "–", "--"})
#: A quotation that ends right before an "as X wrote" phrase is what the phrase attributes, not the whole clause.
_CLOSING_QUOTES = frozenset({"”", '"', "’", "'", "»"})
#: Words of an interposed cue's own before its subject: "as the Times reported", "so Ms. Levin said".
_CUE_MARKS = frozenset({"mark", "advmod", "cc"})


def _one_paragraph(text: str, a: int, b: int, at: int) -> tuple[int, int]:
    """The part of text[a:b] in the paragraph of character ``at`` (or nearest it): a clause never runs into another
    paragraph (a page's sign-up line, the next story's headline)."""
    at = min(max(at, a), b)
    lo, hi = text.rfind("\n", a, at), text.find("\n", at, b)
    a, b = (a if lo < 0 else lo + 1), (b if hi < 0 else hi)
    seg = text[a:b]
    return a + len(seg) - len(seg.lstrip()), a + len(seg.rstrip(" \t,;:—–"))


def _only_punct_between(doc: Any, a: int, b: int) -> bool:
    """True when tokens strictly between ``a`` and ``b`` are punctuation and there is a comma or dash."""
    between = doc[a + 1 : b]
    return all(t.is_punct or t.is_space for t in between) and any(t.text in (",", "—", "–", "-") for t in between)


def _ends_clause(doc: Any, tok: Any) -> bool:
    """True when only ``tok``'s own modifiers and punctuation follow it in its head's clause."""
    own = {t.i for t in tok.subtree}
    return all(t.i in own or t.is_punct or t.is_space for t in doc[tok.i + 1 : tok.head.right_edge.i + 1])


def _has_content_clause(tok: Any) -> bool:
    return bool(tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "ccomp" for c in tok.children))


def _inner_report(tok: Any) -> bool:
    """A report inside another that is the quote instead of it: a content clause its subject did say."""
    return _has_content_clause(tok) and unsaid(tok, None) is None
