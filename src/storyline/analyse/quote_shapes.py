"""Shapes of reported speech the parse gives besides "X said (that) …", as spaCy ``DependencyMatcher`` patterns.

Each :class:`Shape` row is data: a dependency pattern naming the ``cue`` verb, its ``speaker`` and the ``content``
node, how the reported clause is cut from the content node (``extent``), and the sentence the row was made for
(``tests/analyse/test_quote_shapes.py`` runs every example). The patterns read surface forms (Storyline runs without
the lemmatizer): the cue forms are :data:`~.quote_cues.INDIRECT_FORMS`.

Extents:

* ``interposed``: the cue and its speaker sit inside the clause they report ("Time, Mr. Pence added, was on their
  side"): the reported clause is the content node's whole clause, the attribution it encloses included (the text
  as written; a quote is one span).
* ``that_clause``: a "that" clause the parse hung from the cue as an adverbial or loose dependent ("said in one of
  a series of messages that the truck was …"): the clause from its "that".
* ``host``: the cue heads an "as" phrase set off from the clause it modifies ("As Clyburn noted, those voters
  will …", "…, as the Times reported"): that clause, on the side away from the phrase; not when the cue reports
  something of its own ("as Obama announces that …": the "as" says when).
* ``subtree``: the content node is the cue's object or complement ("announced a plan to …", "told Christie to go
  home", "reported raising $9 million"): all it governs, in the cue's sentence; an object set off by a comma is
  none ("said during the interview in Macau, the world's largest gambling hub").

The ``speaker`` node is named where the shape needs a subject of the cue itself; the other shapes leave the
speaker to :func:`~.quote_speakers._subject` (climbing from participles: "…, telling Christie to go home").

Example:
    >>> from storyline.analyse.nlp import load_nlp                        # doctest: +SKIP
    >>> doc = load_nlp()("Time, Mr. Pence added, was on their side.")     # doctest: +SKIP
    >>> [(s.name, doc[c].text, doc[k].text) for s, c, k in shape_matches(doc)]  # doctest: +SKIP
    [('interposed', 'added', 'was')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .quote_cues import CLAIM_NOUNS, INDIRECT_FORMS, INFINITIVE_CUES, OBJECT_CUES

_VERB = {"POS": {"IN": ["VERB", "AUX"]}}
_CUE = {"LOWER": {"IN": sorted(INDIRECT_FORMS)}}
#: A noun phrase that can be what was said: not a pronoun, nor a name (the one addressed: "told CNN").
_SAID_THING = {"POS": {"IN": ["NOUN", "ADJ", "NUM", "DET"]}, "ENT_TYPE": {"NOT_IN": ["PERSON", "ORG", "GPE", "NORP"]}}


@dataclass(frozen=True)
class Shape:
    """One dependency shape of reported speech: ``pattern`` names the nodes ``cue``, ``speaker`` and ``content``."""

    name: str
    extent: str
    pattern: tuple[dict[str, Any], ...]
    example: str


#: The shapes, in the order they are tried for one cue.
SHAPES: tuple[Shape, ...] = (
    Shape(
        "interposed",
        "interposed",
        (
            {"RIGHT_ID": "content", "RIGHT_ATTRS": _VERB},
            {
                "LEFT_ID": "content",
                "REL_OP": ">",
                "RIGHT_ID": "cue",
                "RIGHT_ATTRS": {**_CUE, "DEP": {"IN": ["parataxis", "ccomp", "advcl"]}, "TAG": {"REGEX": "^VB"}},
            },
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
        ),
        "The question of whether to suspend every account, Ms. Levin said, is not so cut and dried.",
    ),
    Shape(
        "that_clause",
        "that_clause",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {**_CUE, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            {
                "LEFT_ID": "cue",
                "REL_OP": ">>",
                "RIGHT_ID": "content",
                "RIGHT_ATTRS": {**_VERB, "DEP": {"IN": ["advcl", "dep", "conj", "parataxis", "relcl", "acl"]}},
            },
            {
                "LEFT_ID": "content",
                "REL_OP": ">--",
                "RIGHT_ID": "that",
                "RIGHT_ATTRS": {"LOWER": "that", "DEP": "mark"},
            },
        ),
        "The mayor said in one of a series of messages on Twitter that the truck was carrying arms.",
    ),
    Shape(
        "as_noted",
        "host",
        (
            {"RIGHT_ID": "content", "RIGHT_ATTRS": _VERB},
            {
                "LEFT_ID": "content",
                "REL_OP": ">",
                "RIGHT_ID": "cue",
                "RIGHT_ATTRS": {**_CUE, "DEP": "advcl", "TAG": {"REGEX": "^VB"}},
            },
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "as", "RIGHT_ATTRS": {"LOWER": "as", "DEP": "mark"}},
        ),
        "As the county clerk noted, the new voting machines had never been tested in a real election.",
    ),
    Shape(
        "object",
        "object",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(OBJECT_CUES)}, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">++", "RIGHT_ID": "content", "RIGHT_ATTRS": {**_SAID_THING, "DEP": "dobj"}},
        ),
        "The governor announced a new plan to rebuild the old harbour bridge on Monday.",
    ),
    Shape(
        "infinitive",
        "subtree",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(INFINITIVE_CUES)}, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">++", "RIGHT_ID": "content", "RIGHT_ATTRS": {"TAG": "VB", "DEP": "xcomp"}},
            {"LEFT_ID": "content", "REL_OP": ">", "RIGHT_ID": "to", "RIGHT_ATTRS": {"LOWER": "to", "DEP": "aux"}},
        ),
        "The coach told his players to stay calm and keep the ball on the ground.",
    ),
    Shape(
        "claim_that",
        "that_clause",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(CLAIM_NOUNS)}, "POS": "NOUN"}},
            {
                "LEFT_ID": "cue",
                "REL_OP": ">++",
                "RIGHT_ID": "content",
                "RIGHT_ATTRS": {**_VERB, "DEP": {"IN": ["acl", "ccomp"]}},
            },
            {
                "LEFT_ID": "content",
                "REL_OP": ">--",
                "RIGHT_ID": "that",
                "RIGHT_ATTRS": {"LOWER": "that", "DEP": "mark"},
            },
        ),
        "The mayor's claim that the new bridge will pay for itself drew laughter in the council chamber.",
    ),
    Shape(
        "gerund",
        "subtree",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {**_CUE, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">+", "RIGHT_ID": "content", "RIGHT_ATTRS": {"TAG": "VBG", "DEP": "xcomp"}},
        ),
        "The treasurer reported raising four million dollars in the last quarter of the year.",
    ),
)

_MATCHERS: dict[int, Any] = {}


def _matcher(vocab: Any) -> Any:
    m = _MATCHERS.get(id(vocab))
    if m is None:
        from spacy.matcher import DependencyMatcher

        m = DependencyMatcher(vocab)
        for s in SHAPES:
            m.add(s.name, [list(s.pattern)])
        _MATCHERS.clear()  # one vocabulary at a time (the pipeline's)
        _MATCHERS[id(vocab)] = m
    return m


def shape_matches(doc: Any) -> Iterator[tuple[Shape, int, int]]:
    """(shape, cue token index, content token index) for every shape found in ``doc``, in :data:`SHAPES` order."""
    if not doc.has_annotation("DEP"):
        return
    by_name = {s.name: s for s in SHAPES}
    found: list[tuple[int, int, int]] = []
    m = _matcher(doc.vocab)
    for match_id, toks in m(doc):
        shape = by_name[doc.vocab.strings[match_id]]
        ids = [n["RIGHT_ID"] for n in shape.pattern]
        at = dict(zip(ids, toks, strict=True))
        found.append((SHAPES.index(shape), at["cue"], at["content"]))
    seen: set[tuple[int, int]] = set()
    for k, cue, content in sorted(found):
        if (k, cue) in seen:
            continue
        seen.add((k, cue))
        yield SHAPES[k], cue, content


__all__ = ["SHAPES", "Shape", "shape_matches"]
