"""Speakers that are several parties: a coordinated subject speaks as one ("Beijing and Washington announced …",
"Taiwanese officials and analysts noted …", "Chinese state media and the foreign ministry stressed …").

The parse hangs the second and later parties on the first (``conj``), so the cue's subject is only the first; the
speaker is all of them. :func:`conjuncts` gives the parties; :mod:`.speakers` writes the speaker as the coordination
(each party named in its fullest form, joined as the text joins them) and cites the whole coordination, so no single
party's entity stands for the group.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Word classes a party of a coordinated speaker can have ("the ministry and Xi", "he and his wife").
PARTY_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: Tags of a finite verb: one between two nouns puts them in two clauses.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def conjuncts(subj: Any, in_quote: Sequence[bool]) -> list[Any]:
    """``subj`` and the parties coordinated with it, in text order ("Beijing and Washington" -> both, "A, B and C" ->
    three): nouns, names or pronouns the parse hangs on it as ``conj``, in its sentence and paragraph, outside quote
    marks. A subject with none gives ``[subj]``."""
    out = [subj, *_listed_before(subj, in_quote)]
    stack = list(out)
    while stack:
        t = stack.pop()
        appos = [c.i for c in t.children if c.dep_ == "appos"]
        for c in t.children:
            if c.dep_ != "conj" or c.pos_ not in PARTY_POS or in_quote[c.i] or c.sent.start != subj.sent.start:
                continue
            if not c.is_alpha or (appos and min(appos) < c.i) or _second_description(c):
                continue  # "co-", "Ferriss, a professor …, and a co-author", "the businessman and reality star"
            lo, hi = sorted((c.i, t.i))
            between = subj.doc[lo + 1 : hi]
            if "\n" in subj.doc[lo : hi + 1].text or any(x.tag_ in FINITE_TAGS for x in between):
                continue  # "a group of rabbis called for a boycott, and the organization …": another clause's
            if _source_phrase(t) and any(x.text == "," for x in between) and not any(x.dep_ == "cc" for x in between):
                continue  # "According to the summary, Mills and another aide asked …": the source ends at its comma
            out.append(c)
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _source_phrase(tok: Any) -> bool:
    """The source of "according to X": its phrase ends at the comma that opens the clause it sources."""
    return bool(tok.dep_ == "pobj" and tok.head.head.lower_ == "according")


def _second_description(tok: Any) -> bool:
    """A singular common noun coordinated with no determiner of its own describes the same one party again: "the
    businessman and reality star", "The secretary of state and 2014 candidate for U.S. Senate" (one determiner, one
    person), unlike "officials and analysts" or "the ministry and the army"."""
    return bool(tok.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in tok.children))


def _listed_before(subj: Any, in_quote: Sequence[bool]) -> list[Any]:
    """Parties of a list the parse gave the verb as subjects of their own: "Ruiz, Baker and Chen said" with "Ruiz"
    a second subject of "said" — a sibling subject ending right before a comma that comes right before ``subj``'s
    phrase."""
    doc = subj.doc
    out: list[Any] = []
    k = subj.left_edge.i - 1
    while k > 0 and doc[k].text == "," and not in_quote[k - 1]:
        prev = doc[k - 1]
        sib = next((t for t in [prev, *prev.ancestors] if t.head.i == subj.head.i and t.head.i != t.i), None)
        if sib is None or sib.dep_ != subj.dep_ or sib.right_edge.i != k - 1 or sib.pos_ not in PARTY_POS:
            break
        out.append(sib)
        k = sib.left_edge.i - 1
    return out


def joined(names: Sequence[str]) -> str:
    """The parties' names as one speaker: "A and B", "A, B and C" (a name given twice is given once)."""
    uniq = list(dict.fromkeys(names))
    return uniq[0] if len(uniq) == 1 else ", ".join(uniq[:-1]) + " and " + uniq[-1]


__all__ = ["PARTY_POS", "conjuncts", "joined"]
