"""Filing a few new articles' mentions under the stored canonical entities, without reading the corpus.

:func:`~storyline.analyse.entities.canonicalize` reads every mention of every article at once. When a handful
of articles joins a large store, their mentions are filed instead by the name keys the stored entities are
known by (the corpus index's ``entity_key`` rows, written from a full run by :func:`key_rows`), following the
same rules as canonicalize where one article can decide:

1. a key the store knows goes to its entity — the one this article also names by another key, else the one
   with most mentions under that key (a bare "Jordan" may be the country or Michael Jordan);
2. a single word that starts or ends a known person's full name ("Trump") goes to that person when the
   article names them in full, or when the word is voted a person here (``entity_token`` rows);
3. a country alias ("U.S.") goes to its country;
4. any other key opens an entity of its own, typed by the vote of its mentions and the corrections of
   :mod:`.entity_types`, named by its most frequent spelling.

What canonicalize decides from the whole corpus (a name's type voted over every article, headline phrases,
acronyms) stays as the last full run left it; ``storyline check --repair`` runs it again over everything.

Example:
    >>> from storyline.model import Article, Mention
    >>> a = Article(id="a", path="a.txt", raw="", text="Mr Xi said.")
    >>> a.mentions = [Mention(3, 5, "Xi", "PERSON")]
    >>> known = {"xi": [("e1", "PERSON", 4)]}
    >>> filed = file_mentions([a], known, {}, {})
    >>> a.mentions[0].entity_id, [e.id for e in filed.entities]
    ('e1', ['e1'])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Article, Cite, Entity, Mention
from .entities import (
    _LEADING,
    ALIAS_TYPES,
    GPE_ALIASES,
    NEVER_ENTITIES,
    TYPE_PRIORITY,
    _alias_order,
    _key,
    _strip_titles,
    entity_id,
)
from .entity_types import corrected_type

__all__ = ["Filed", "file_mentions", "key_of", "key_rows", "keys_of"]

Known = Mapping[str, Sequence[tuple[str, str, int]]]
"""name key → the entities filed under it: ``(entity id, type, mentions under that key)``."""


def key_of(m: Mention, is_person: bool) -> str | None:
    """The name key canonicalize files ``m`` under (titles stripped from people, and from a name that is a
    known person's once stripped; ``is_person`` says whether the stripped key is one), or None for no entity."""
    name = _strip_titles(m.text)
    if m.label != "PERSON" and not is_person:
        name = m.text
    key = _key(name)
    if not key or key in NEVER_ENTITIES or len(key) < 2:
        return None
    return key


def keys_of(articles: Iterable[Article]) -> set[str]:
    """Every key a mention of ``articles`` may be filed under (with and without its titles)."""
    return {k for a in articles for m in a.mentions for k in (_key(m.text), _key(_strip_titles(m.text))) if k}


def key_rows(
    articles: Iterable[Article], entities: Sequence[Entity]
) -> tuple[dict[tuple[str, str], int], set[tuple[str, str]]]:
    """The ``entity_key`` counts ``{(key, entity id): mentions}`` and the ``entity_token`` pairs ``(word, person
    id)`` of a full canonicalize's result (its mentions carry their entity ids)."""
    types = {e.id: e.type for e in entities}
    keys: Counter[tuple[str, str]] = Counter()
    for a in articles:
        for m in a.mentions:
            if m.entity_id is None:
                continue
            stripped = _key(_strip_titles(m.text))
            person = m.label == "PERSON" or types.get(m.entity_id) == "PERSON"
            for key in {stripped if person else _key(m.text), _key(m.text)}:
                if key:
                    keys[(key, m.entity_id)] += 1
    tokens: set[tuple[str, str]] = set()
    for e in entities:
        if e.type == "PERSON":
            words = _key(e.name).split()
            if len(words) >= 2 and words[-1] not in _LEADING:
                tokens |= {(words[0], e.id), (words[-1], e.id)}
    return dict(keys), tokens


@dataclass(slots=True)
class Filed:
    """What filing changed: entities to store (updated or new), and the index rows to add."""

    entities: list[Entity] = field(default_factory=list)
    key_counts: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (key, entity id, type) → added
    tokens: set[tuple[str, str]] = field(default_factory=set)  # (word, person id)


@dataclass(slots=True)
class _Form:
    mentions: list[tuple[Article, Mention]] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)


def file_mentions(
    articles: Sequence[Article],
    known: Known,
    persons_by_word: Mapping[str, Sequence[tuple[str, int]]],
    stored: Mapping[str, Entity],
) -> Filed:
    """File the mentions of ``articles`` (setting ``Mention.entity_id``) under the entities ``known`` by their
    keys, ``persons_by_word`` (word → ``(person id, mentions)``) or new ones; ``stored`` holds the stored
    entities that may gain mentions (by id). Returns the entities to store and the index rows to add."""
    person_keys = {k for k, rows in known.items() if any(t == "PERSON" for _, t, _ in rows)}
    person_keys |= {_key(_strip_titles(m.text)) for a in articles for m in a.mentions if m.label == "PERSON"}
    forms: dict[str, _Form] = defaultdict(_Form)
    for a in articles:
        for m in a.mentions:
            m.entity_id = None
            key = key_of(m, _key(_strip_titles(m.text)) in person_keys)
            if key is None:
                continue
            f = forms[key]
            f.mentions.append((a, m))
            f.votes[m.label] += 1
            f.surfaces[_strip_titles(m.text) if m.label == "PERSON" else m.text] += 1
    chosen: dict[str, tuple[str, str]] = {}  # key → (entity id, type)
    in_article: dict[str, set[str]] = defaultdict(set)  # article id → entities it names

    def take(key: str, eid: str, typ: str) -> None:
        chosen[key] = (eid, typ)
        for a, _ in forms[key].mentions:
            in_article[a.id].add(eid)

    for key in sorted(forms, key=lambda k: (len(k.split()) == 1, k)):  # full names first, single words after
        f = forms[key]
        rows = known.get(key, ())
        arts = {a.id for a, _ in f.mentions}
        if rows:
            named = [r for r in rows if any(r[0] in in_article[x] for x in arts)]
            eid, typ, _ = max(named or rows, key=lambda r: (r[2], r[0]))
            take(key, eid, typ)
            continue
        if len(key.split()) == 1 and (cands := persons_by_word.get(key)):
            same = [c for c in cands if any(c[0] in in_article[x] for x in arts)]
            pool = same or (list(cands) if f.votes["PERSON"] else [])
            if pool and not (_voted(f) in ("GPE", "LOC") and not f.votes["PERSON"]):
                take(key, max(pool, key=lambda c: (c[1], c[0]))[0], "PERSON")
                continue
        if key in GPE_ALIASES:
            canon = GPE_ALIASES[key]
            typ = ALIAS_TYPES.get(canon, "GPE")
            take(key, entity_id(typ, canon), typ)
            continue
        after = [a.text[m.end : m.end + 30] for a, m in f.mentions]
        before = [a.text[max(0, m.start - 30) : m.start] for a, m in f.mentions]
        typ = corrected_type(key, _voted(f), after, before)
        take(key, entity_id(typ, f.surfaces.most_common(1)[0][0]), typ)
    return _entities(forms, chosen, stored)


def _voted(f: _Form) -> str:
    return max(f.votes.items(), key=lambda kv: (kv[1], -TYPE_PRIORITY.get(kv[0], 9)))[0]


def _entities(forms: Mapping[str, _Form], chosen: Mapping[str, tuple[str, str]], stored: Mapping[str, Entity]) -> Filed:
    """The entities the filed mentions go to, with their new cites, spellings, roles and descriptions."""
    out = Filed()
    touched: dict[str, Entity] = {}
    for key, (eid, typ) in chosen.items():
        f = forms[key]
        e = touched.get(eid)
        if e is None:
            base = stored.get(eid)
            if base is not None:
                e = Entity(base.id, base.name, base.type, list(base.aliases), list(base.mentions), list(base.roles),
                           list(base.descriptions))  # fmt: skip
            else:
                name = GPE_ALIASES.get(key) or f.surfaces.most_common(1)[0][0]
                e = Entity(eid, name, typ)
            touched[eid] = e
        seen = {(c.article_id, c.start, c.end) for c in e.mentions}
        for a, m in f.mentions:
            m.entity_id = eid
            if (a.id, m.start, m.end) not in seen:
                e.mentions.append(Cite(a.id, m.start, m.end))
            for extra, limit, target in ((m.role, 5, e.roles), (m.description, 5, e.descriptions)):
                if extra and extra not in target and len(target) < limit:
                    target.append(extra)
        spellings = set(f.surfaces) | {m.text for _, m in f.mentions}
        new = sorted((s for s in spellings - {e.name} if s not in e.aliases), key=_alias_order)
        e.aliases += new
        out.key_counts[(key, eid, e.type)] = out.key_counts.get((key, eid, e.type), 0) + len(f.mentions)
        words = key.split()
        if e.type == "PERSON" and len(words) >= 2 and words[-1] not in _LEADING:
            out.tokens |= {(words[0], eid), (words[-1], eid)}
    out.entities = list(touched.values())
    return out
