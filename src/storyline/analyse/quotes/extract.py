"""One article's quotes: the steps of :mod:`storyline.analyse.quotes` joined, and the speaker a quote with no cue
of its own continues (the other pieces of a multi-paragraph quote, the quote before it in its paragraph, the
paragraph before, an answer to the question before it, a signature after a dash).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ...model import Mention, Quote
from ..nlp import doc_text
from .attribute import _direct_attributions, _indirect_attributions
from .cues import (
    _ISSUED,
    ASKING_CUES,
    DESCRIPTOR_NOUNS,
    DOCUMENT_NOUNS,
    HONORIFICS_F,
    HONORIFICS_M,
    PRONOUNS_F,
    PRONOUNS_M,
    PRONOUNS_NONE,
    SPEAKER_NOUNS,
    STRONG_CUES,
    TITLE_WORDS,
    WEAK_CUES,
)
from .doc import Attribution, _build, _Doc
from .find import _OUTLET_TAG, _colon_name, _intro_verb
from .marks import quoted_spans
from .speakers import (
    _add_person,
    _cue_text,
    _index_persons,
    _is_cue,
    _local_span,
    _may_speak,
    _propn_name,
    _resolve,
    _segments_tokens,
    _subject,
)

#: speaker, speaker_start, speaker_end, cue, and the speaker as written
_Src = tuple[str | None, int | None, int | None, str | None, tuple[int, int] | None]


def _src(e: Attribution) -> _Src:
    return e.quote.speaker, e.quote.speaker_start, e.quote.speaker_end, e.quote.cue, e.speaker_local


def attributions_from_doc(doc: Any, mentions: Sequence[Mention]) -> list[Attribution]:
    """The "bare" call: quotes with how they were attributed (see :func:`quotes_from_doc`)."""
    text: str = doc_text(doc)
    spans = quoted_spans(text)
    d = _build(doc, mentions, spans, text)
    _index_persons(d)
    direct = _direct_attributions(d, spans)
    indirect = _indirect_attributions(d, spans)
    events = sorted(direct + indirect, key=lambda e: (e.anchor, e.quote.kind == "indirect"))
    chains: dict[int, Attribution] = {}
    last_in_para: dict[int, Attribution] = {}
    last_in_sent: dict[int, Attribution] = {}  # sentence index -> the last attributed event ending in it
    history: list[Attribution] = []  # attributed events in order
    for e in events:
        q = e.quote
        if e.subject_i is not None and e.speaker_local is not None:
            subj = doc[e.subject_i]
            sp = _resolve(d, subj, e.speaker_local, (q.start, q.end))
            q.speaker, q.speaker_start, q.speaker_end = sp.name, sp.start, sp.end
            _add_person(d, e.speaker_local[0], sp, role=subj.lower_ in DESCRIPTOR_NOUNS and subj.tag_ == "NN")
        elif e.headline is not None:
            # the story a digest quotes: named by its outlet tag ("[WaPo.]") when there is one, else its headline
            tag = _OUTLET_TAG.match(text, q.end + 1)
            h0, h1 = e.headline
            if tag is not None:
                q.speaker, q.speaker_start, q.speaker_end = tag.group(1), tag.start(1), tag.end(1)
            else:
                q.speaker, q.speaker_start, q.speaker_end = text[h0:h1], h0, h1
            e.speaker_local = e.headline
        elif q.kind != "indirect":
            src = _follow_on(d, e, chains, last_in_para, last_in_sent, history)
            if src is not None:
                q.speaker, q.speaker_start, q.speaker_end = src[0], src[1], src[2]
                q.cue = q.cue or src[3]
                e.speaker_local = e.speaker_local or src[4]
        # an attributed quote whose pronoun found no antecedent still hands that pronoun to what follows it
        if (q.speaker is not None or _pronoun_local(d, e)) and (e.unsaid or _keep(e)) and e.voice:
            if e.chain >= 0:
                chains.setdefault(e.chain, e)
            last_in_para[e.para] = e
            last_in_sent[d.sent_of(max(q.end, e.cue_span[1] if e.cue_span else q.end) - 1)] = e
            history.append(e)
    # a speaker named only in a later piece of a multi-paragraph quote
    for e in events:
        if e.quote.speaker is None and e.chain in chains:
            src = _src(chains[e.chain])
            e.quote.speaker, e.quote.speaker_start, e.quote.speaker_end = src[0], src[1], src[2]
            e.quote.cue = e.quote.cue or src[3]
            e.speaker_local = e.speaker_local or src[4]
    _between_one_speaker(d, events)
    kept = _no_cue_clauses(_once(e for e in events if _keep(e) and not _across_paragraphs(text, e)))
    for e in kept:  # the words as the article writes them ('' and `` were read as double marks)
        if e.quote.kind == "indirect" and text[e.quote.end - 1 : e.quote.end + 1] == "''":
            e.quote.end += 1  # a clause that ends on a closing '' holds both of its apostrophes, not the first
        e.quote.text = text[e.quote.start : e.quote.end]
    return kept


def _between_one_speaker(d: _Doc, events: Sequence[Attribution]) -> None:
    """Quoted words with no cue of their own between two quotes of one speaker, in the paragraphs next to them, are
    that speaker's: the article quotes X, goes on in a sentence of its own with more of X's words set off in quote
    marks and no one else named as speaking, then quotes X again ("She argued …. / This was also why … – to try and
    “emphasise …” / “…,” Ms Levin said."). A sentence with a cue of its own, words that are nobody's, and words too
    short or title-like to be shown without a speaker (a term, a name) are left alone: it names who said what is
    shown, and shows nothing more."""
    said = [k for k, e in enumerate(events) if e.quote.speaker is not None and e.voice and _keep(e)]
    for j, e in enumerate(events):
        q = e.quote
        if q.speaker is not None or q.kind == "indirect" or e.explicit or e.named or e.headline is not None:
            continue
        if not _keep(e):
            continue  # a title or a term ("Squawk Box", "pivot") is nobody's words: no speaker makes it a quote
        before = [k for k in said if k < j]
        after = [k for k in said if k > j]
        if not before or not after:
            continue
        prev, nxt = events[before[-1]], events[after[0]]
        if prev.para < e.para - 1 or nxt.para > e.para + 1 or prev.quote.speaker != nxt.quote.speaker:
            continue
        if _names_another(d, e, prev.quote.speaker or ""):
            continue  # "The Florida senator's answer was that “…”": the sentence says whose words they are
        src = _src(prev)
        q.speaker, q.speaker_start, q.speaker_end = src[0], src[1], src[2]
        e.speaker_local = src[4]


def _names_another(d: _Doc, e: Attribution, speaker: str) -> bool:
    """The quote's sentence, outside quote marks, names someone other than ``speaker`` whose words they may be: a
    person not of that name, or a person's or document's description ("the senator", "the statement")."""
    si = d.sent_of(e.anchor)
    end = d.sent_starts[si + 1] if si + 1 < len(d.sent_starts) else len(d.text)
    own = set(speaker.lower().split())
    for t in _segments_tokens(d, d.sent_starts[si], end):
        if t.lower_ in DESCRIPTOR_NOUNS | SPEAKER_NOUNS | DOCUMENT_NOUNS:
            return True
        m = d.mention_at(t.idx)
        if m is not None and m.label == "PERSON" and not set(m.text.lower().split()) & own:
            return True
    return False


def _once(events: Iterable[Attribution]) -> list[Attribution]:
    """Events in text order, each span filed once: quoted words before the indirect clause with the same span."""
    out: dict[tuple[int, int], Attribution] = {}
    for e in sorted(events, key=lambda e: e.quote.kind == "indirect"):
        out.setdefault((e.quote.start, e.quote.end), e)
    return sorted(out.values(), key=lambda e: (e.quote.start, e.quote.end))


def _across_paragraphs(text: str, e: Attribution) -> bool:
    """An indirect clause in another paragraph than its cue: the parse ran a sentence on over the break ("…
    Stefanski said, “we are excited about the future.”⏎That changed dramatically on Saturday." made the next
    paragraph what he said); a cue that ends on a colon introduces the next paragraph."""
    q, cue = e.quote, e.cue_span
    if q.kind != "indirect" or cue is None:
        return False
    between = text[cue[1] : q.start] if cue[1] <= q.start else text[q.end : cue[0]]
    return "\n" in between and not between.lstrip().startswith(":")  # "The governor added:⏎⏎It's typical …"


def _no_cue_clauses(events: list[Attribution]) -> list[Attribution]:
    """Leave out an indirect clause that is another quote's attribution: "Obama has asked Gupta to be surgeon
    general, a senior Democrat said on Tuesday" parsed with "said" under "asked" makes "a senior Democrat said
    on Tuesday" what Obama asked. Its sign: its own cue lies inside the other quote's words, which come before
    it, and it holds the other quote's cue."""

    def inside(cue: tuple[int, int] | None, q: Quote) -> bool:
        return cue is not None and q.start <= cue[0] and cue[1] <= q.end

    def attribution_of_words_before_it(e: Attribution) -> bool:
        return any(
            x is not e and x.quote.end <= e.quote.start and inside(x.cue_span, e.quote) and inside(e.cue_span, x.quote)
            for x in events
        )

    return [e for e in events if e.quote.kind != "indirect" or not attribution_of_words_before_it(e)]


def _pronoun_local(d: _Doc, e: Attribution) -> bool:
    """The quote was attributed to a personal pronoun ("she said") that found no antecedent."""
    if e.speaker_local is None:
        return False
    return d.text[e.speaker_local[0] : e.speaker_local[1]].lower() in PRONOUNS_M | PRONOUNS_F | PRONOUNS_NONE | {"they"}


def _follow_on(
    d: _Doc,
    e: Attribution,
    chains: dict[int, Attribution],
    last_in_para: dict[int, Attribution],
    last_in_sent: dict[int, Attribution],
    history: Sequence[Attribution],
) -> _Src | None:
    """Who a quote with no cue of its own continues: its chain, its paragraph, the paragraph before."""
    if e.chain in chains:
        return _src(chains[e.chain])
    if e.explicit:
        return None  # a cue in its own sentence without a resolvable subject: do not guess
    prev = last_in_para.get(e.para)
    if prev is not None and prev.quote.start < e.quote.start:
        return _new_voice(d, prev, e) or _src(prev)
    dash = _dash_line(d, e)
    if dash is not None:
        return dash
    si = d.sent_of(e.anchor)
    if e.quote.kind != "direct" or si < 1:
        return None
    para_start = d.sent_starts[si] == d.para_starts[e.para]
    if not para_start and (e.anchor > d.sent_starts[si] + 1 or _has_quote(d, d.sent_starts[si - 1], d.sent_starts[si])):
        return None  # inside a paragraph only a sentence opening on the quote, after one without quotes, may follow
    if para_start and e.para < 1:
        return None
    lead_in = d.text[d.sent_starts[si] : e.anchor].rstrip()
    if para_start and len(lead_in) > 1 and not lead_in.endswith(":"):
        return None  # "Immediately after, Trump issued a statement, “…”": not a paragraph that opens on the quote
    ev = last_in_sent.get(si - 1)
    if ev is not None:
        if not para_start:
            return None
        answer = _answerer(d, ev, e, history)
        return answer if answer is not None else _src(ev)
    # the paragraph before ends introducing the quote: "Trump said in a statement:", "Stated Stone:",
    # or with someone speaking: "… since Trump spoke only in evasive bromides during the interview."
    pstart = d.sent_starts[si - 1]
    intro = d.text[pstart : d.para_starts[e.para] if para_start else d.sent_starts[si]].rstrip()
    toks = list(_segments_tokens(d, pstart, pstart + len(intro)))
    found: tuple[Any, Any] | None = None
    if intro.endswith(":"):
        found = (
            _colon_name(d, toks)
            or next(((t, _subject(t, d.in_quote)) for t in reversed(toks) if _is_cue(t)), None)
            or _intro_verb(d, toks)
        )
    else:
        for t in reversed(toks):
            if t.lower_ in STRONG_CUES and _is_cue(t):
                subj = _subject(t, d.in_quote)
                if subj is not None and _may_speak(d, subj):
                    found = (t, subj)
                    break
        if found is None and e.quote.kind == "direct" and e.words >= 4:
            actor = _named_actor(d, toks)
            # the person the sentence before is about speaks the quote, with no cue: "The O'Higgins attended the
            # wedding. “They weren't married very long.”" is not what they "attended"
            found = (actor, actor) if actor is not None else None
    if found is None or found[1] is None:
        return None
    tok, subj = found
    local = _local_span(d, subj)
    sp = _resolve(d, subj, local)
    return sp.name, sp.start, sp.end, (None if tok.i == subj.i else _cue_text(tok)), local


def _named_actor(d: _Doc, toks: Sequence[Any]) -> Any | None:
    """The named person a sentence is about (its main verb's subject), as the speaker of the quote that follows it.

    "Clinton touted her credentials as a co-sponsor. “We need to support workers …”": the subject of
    the sentence's main verb, when it names a person (or is he/she), speaks the quote after it.
    """
    root = next((t for t in toks if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    if root is None:
        return None
    subj = _subject(root, d.in_quote)
    if subj is None:
        return None
    if root.lower_ in _ISSUED and any(c.dep_ == "dobj" and c.lower_ in DOCUMENT_NOUNS for c in root.children):
        # "The committee issued a statement apologizing to Sanders." / "“On behalf of everyone …”"
        return subj if _may_speak(d, subj) else None
    m = d.mention_at(subj.idx)
    prev = subj.doc[subj.i - 1].lower_ if subj.i > 0 else ""
    dets = [c.lower_ for c in subj.lefts if c.dep_ == "det"]
    person = (
        (m is not None and m.label == "PERSON")
        or subj.lower_ in PRONOUNS_M | PRONOUNS_F
        or (subj.pos_ == "PROPN" and (prev in HONORIFICS_M | HONORIFICS_F or subj.lower_ in d.full_names))
        or (subj.lower_ in DESCRIPTOR_NOUNS and dets[:1] == ["the"])  # "The prominent actress is …"
    )
    if not person:
        return None
    return subj


def _new_voice(d: _Doc, prev: Attribution, e: Attribution) -> _Src | None:
    """Someone else speaks up between two quotes: "“…,” Ebeling said, and her husband cut in. “…”"."""
    after = max(prev.quote.end, prev.cue_span[1] if prev.cue_span else prev.quote.end)
    for t in _segments_tokens(d, after, e.anchor):
        if t.idx < after or not _is_cue(t) or t.lower_ in WEAK_CUES or t.dep_ not in ("conj", "ROOT"):
            continue
        subj = _subject(t, d.in_quote)
        if subj is None or subj.idx < after or not _may_speak(d, subj):
            continue
        local = _local_span(d, subj)
        sp = _resolve(d, subj, local)
        if sp.name is None and subj.pos_ == "PRON":
            return None
        return sp.name, sp.start, sp.end, _cue_text(t), local
    return None


def _answerer(d: _Doc, ev: Attribution, e: Attribution, history: Sequence[Attribution]) -> _Src | None:
    """A question answered in the next paragraph: “…?” Hannity asked. / “…” — the one asked answers.

    When the paragraph before ends on a question by X and the exchange before it had another speaker Y
    (an interview), the uncued answer is Y's, not X's.
    """
    if not ev.quote.text.rstrip(" ”\"’'»").endswith("?") or e.quote.text.rstrip(" ”\"’'»").endswith("?"):
        return None
    asker = ev.quote.speaker
    if asker is None or (ev.quote.cue or "").lower() not in ASKING_CUES:
        return None
    k = next((i for i in range(len(history) - 1, -1, -1) if history[i] is ev), None)
    if k is None:
        return None
    for prev in reversed(history[max(0, k - 4) : k]):
        if prev.para < ev.para - 4:
            break
        if prev.quote.speaker is not None and prev.quote.speaker != asker:
            return _src(prev)
    return None


def _has_quote(d: _Doc, a: int, b: int) -> bool:
    """Any quoted words between offsets ``a`` and ``b``."""
    while b > a and d.text[b - 1] in " \t\n":
        b -= 1  # not the next quote's own mark (a '' opening mark reads as a space and a double mark)
    i, j = d.tok_at(a), d.tok_at(max(a, b - 1))
    return any(d.in_quote[i : j + 1])


def _dash_line(d: _Doc, e: Attribution) -> _Src | None:
    """A quote closing its paragraph, signed after a dash on its own line or the next:
    “…” — Sanders, “…” / "- Sanders." / "-President Obama, tweeting …"."""
    text = d.text
    end = text.find("\n", e.quote.end)
    rest = text[e.quote.end : end if end >= 0 else len(text)]
    tail = rest.lstrip(" .,!?”\"’'")
    if tail[:1] in ("-", "–", "—") and not tail[1:2].isalnum():
        nxt = e.quote.end + len(rest) - len(tail)  # “…” — Bernie Sanders: signed on the quote's own line
    else:
        if e.para + 1 >= len(d.para_starts) or end < 0 or tail:
            return None
        nxt = d.para_starts[e.para + 1]
        if text[nxt : nxt + 1] not in "-–—":
            return None
    toks = list(_segments_tokens(d, nxt + 1, nxt + 80))
    if nxt > e.quote.end and not (toks and (toks[0].pos_ == "PROPN" or toks[0].lower_ in TITLE_WORDS)):
        return None  # on the quote's own line only a signature: "— Bernie Sanders", not "— the slogan Trump used"
    for t in toks[:4]:
        if "\n" in d.doc[toks[0].i : t.i + 1].text:
            return None
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in TITLE_WORDS:
            j = t.i
            while j + 1 < len(d.doc) and d.doc[j + 1].pos_ == "PROPN" and "\n" not in d.doc[j].text_with_ws:
                j += 1
            head = d.doc[j]
            local = (head.idx + len(head.text) - len(_propn_name(head)), head.idx + len(head.text))
            sp = _resolve(d, head, local)
            return sp.name, sp.start, sp.end, None, local
    return None


def _keep(e: Attribution) -> bool:
    q = e.quote
    if e.unsaid or e.named:
        return False
    if q.kind == "indirect":
        return True
    if q.speaker is not None:
        return e.words >= 1
    if e.title_like:
        return False
    if q.kind == "direct":
        return e.words >= 3
    return e.words >= 4


def quotes_from_doc(doc: Any, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct, partial and indirect quotes in one parsed article (doc = spaCy Doc of Article.text; mentions = that
    article's entity mentions, offsets into the same text). Quote.start/end = the quoted words (marks excluded) for
    direct/partial; for indirect, the reported content clause. Quote.speaker = the speaker as written in full form when
    resolvable in the article (e.g. "Henrietta Levin" for "Ms Levin"/"she"), Quote.cue = the cue verb/phrase as written.

    Args:
        doc: a spaCy ``Doc`` of the article's cleaned text (parser and NER needed, not the lemmatizer).
        mentions: the article's entity mentions (:func:`storyline.analyse.entities.mentions_from_doc`).

    Returns:
        Quotes in text order. ``Quote.speaker_start``/``speaker_end`` point at the mention that names
        the speaker in full, so it can be mapped to a canonical entity.
    """
    return [a.quote for a in attributions_from_doc(doc, mentions)]


__all__ = ["attributions_from_doc", "quotes_from_doc"]
