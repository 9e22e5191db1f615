"""Shapes of reported speech the parse gives besides "X said (that) …", as spaCy ``DependencyMatcher`` patterns.

Each :class:`Shape` row is data, read once from ``shapes.toml`` beside this module: a dependency pattern naming the
``cue`` verb, its ``speaker`` and the ``content`` node, how the reported clause is cut from the content node
(``extent``), and the sentence the row was made for (``tests/analyse/test_quote_shapes.py`` runs every example). The
patterns read surface forms (the quote rules read words as written); a word list in a pattern is named (``"$name"``,
one of :data:`WORD_SETS`: the cue forms of :mod:`.cues`) and read in sorted order.

Extents:

* ``interposed``: the cue and its speaker sit inside the clause they report ("Time, Mr. Pence added, was on their
  side"): the reported clause is the content node's whole clause, the attribution it encloses included (the text
  as written; a quote is one span).
* ``that_clause``: a "that" clause the parse hung from the cue as an adverbial or loose dependent ("said in one of
  a series of messages that the truck was …"): the clause from its "that".
* ``host``: the cue heads an "as" phrase set off from the clause it modifies ("As Clyburn noted, those voters
  will …", "…, as the Times reported"): that clause, on the side away from the phrase; not when the cue reports
  something of its own ("as Obama announces that …": the "as" says when).
* ``subtree``, and ``object`` for a direct object: the content node is the cue's object or complement ("announced a
  plan to …", "told Christie to go home", "reported raising $9 million"): all it governs, in the cue's sentence; an
  object set off by a comma is none ("said during the interview in Macau, the world's largest gambling hub").

The ``speaker`` node is named where the shape needs a subject of the cue itself; the other shapes leave the
speaker to :func:`~.speakers._subject` (climbing from participles: "…, telling Christie to go home").

Example:
    >>> from storyline.analyse.nlp import load_nlp                        # doctest: +SKIP
    >>> doc = load_nlp()("Time, Mr. Pence added, was on their side.")     # doctest: +SKIP
    >>> [(s.name, doc[c].text, doc[k].text) for s, c, k in shape_matches(doc)]  # doctest: +SKIP
    [('interposed', 'added', 'was')]
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .cues import CLAIM_NOUNS, INDIRECT_FORMS, INFINITIVE_CUES, OBJECT_CUES

#: The word lists a pattern may name as ``"$name"`` (the value of an ``IN`` or ``NOT_IN`` attribute).
WORD_SETS: dict[str, frozenset[str]] = {
    "indirect_forms": INDIRECT_FORMS,
    "object_cues": OBJECT_CUES,
    "infinitive_cues": INFINITIVE_CUES,
    "claim_nouns": CLAIM_NOUNS,
}
#: How a shape's reported clause may be cut (:func:`~.attribute._shaped_clause` reads each).
EXTENTS = frozenset({"interposed", "that_clause", "host", "object", "subtree"})
#: The nodes every shape names.
_NODES = frozenset({"cue", "content"})
_FILE = "shapes.toml"


@dataclass(frozen=True)
class Shape:
    """One dependency shape of reported speech: ``pattern`` names the nodes ``cue``, ``speaker`` and ``content``."""

    name: str
    extent: str
    pattern: tuple[dict[str, Any], ...]
    example: str


def _words_named(value: Any, where: str) -> Any:
    """A ``"$name"`` value as the sorted words of that set; any other value as it is."""
    if not (isinstance(value, str) and value.startswith("$")):
        return value
    if value[1:] not in WORD_SETS:
        raise ValueError(f"{_FILE}, {where}: no word set {value!r}; name one of {sorted(WORD_SETS)} as '$name'")
    return sorted(WORD_SETS[value[1:]])


def _attrs(attrs: dict[str, Any], where: str) -> dict[str, Any]:
    """A node's ``RIGHT_ATTRS`` with its named word sets written out."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if isinstance(value, dict):
            value = {op: _words_named(v, where) if op in ("IN", "NOT_IN") else v for op, v in value.items()}
        out[key] = value
    return out


def _shape(row: dict[str, Any], k: int) -> Shape:
    """One ``[[shape]]`` row, checked: its fields, a known extent, the nodes every shape names."""
    where = f"shape {k + 1} ({row.get('name', 'no name')})"
    missing = [f for f in ("name", "extent", "example", "node") if f not in row]
    if missing:
        raise ValueError(f"{_FILE}, {where}: missing {', '.join(missing)}")
    if row["extent"] not in EXTENTS:
        raise ValueError(f"{_FILE}, {where}: extent {row['extent']!r} is none of {sorted(EXTENTS)}")
    nodes = tuple({**n, "RIGHT_ATTRS": _attrs(n.get("RIGHT_ATTRS", {}), where)} for n in row["node"])
    ids = {n.get("RIGHT_ID") for n in nodes}
    if not _NODES <= ids:
        raise ValueError(f"{_FILE}, {where}: the pattern names no {' or '.join(sorted(_NODES - ids))} node")
    return Shape(row["name"], row["extent"], nodes, row["example"])


def load_shapes(text: str | None = None) -> tuple[Shape, ...]:
    """The shapes of ``shapes.toml`` (or of ``text`` in its form), in file order."""
    if text is None:
        text = resources.files(__package__).joinpath(_FILE).read_text(encoding="utf-8")
    try:
        rows = tomllib.loads(text).get("shape", [])
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{_FILE} is not valid TOML ({e}): fix the file") from None
    return tuple(_shape(row, k) for k, row in enumerate(rows))


#: The shapes, in the order they are tried for one cue.
SHAPES: tuple[Shape, ...] = load_shapes()

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


__all__ = ["EXTENTS", "SHAPES", "WORD_SETS", "Shape", "load_shapes", "shape_matches"]
