"""The corpus stages for an ingest of a few articles into a large store, reading only what they touch.

:func:`storyline.pipeline.corpus_stages` reads every stored article: entities from all mentions, copies over all
texts, pair scores over all articles. Filing one new article that way costs what the corpus costs. Here the
corpus index (the store's ``corpus_index`` rows, migration 0006: postings, profiles, document frequencies,
MinHash sketches and LSH buckets, entity name keys) stands in for the corpus:

1. *entities*: the new mentions are filed under the stored entities by their name keys
   (:mod:`storyline.analyse.entity_filing`); only the entities that gain mentions are written;
2. *copies*: each new text's MinHash meets the stored texts in its LSH buckets; only the copies it meets,
   their originals and those originals' other copies are ordered again (:func:`duplicates_by_sketch`);
3. *stories*: the stories of the stored articles that share most keys with a new article in its weeks
   (:meth:`StoryIndex.candidates`) are its neighbourhood; they are clustered afresh with the new articles, as
   the batch clustering does (``_recluster_neighbourhood``), the pairs weighed by the whole corpus's document
   frequencies; a neighbourhood of more than :data:`NEIGHBOURHOOD_LIMIT` articles files the new ones one at a
   time through the story index instead (:meth:`StoryIndex.add`);
4. the stories whose members, or whose members' copies or dates, changed are built again; no other is read.

What is read and written grows with the new articles and their neighbourhood, not with the corpus. A store
smaller than ``corpus.incremental_from`` articles, an ingest adding more than :func:`small_enough` allows, and
``storyline check --repair`` run the full corpus stages, which write the index afresh (:func:`full_index`).

Example:
    >>> small_enough(new=3, stored=10_000, start=500)
    True
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # datasketch is slow to import: compare.dedup imports it when first used
    from datasketch import MinHash

from .analyse.entities import ALIAS_TYPES, GPE_ALIASES, entity_id
from .analyse.entity_filing import file_mentions, key_rows, keys_of
from .compare import happenings
from .compare.cluster import ClusterConfig, _recluster_neighbourhood, cluster_config
from .compare.constraints import Constraints
from .compare.dedup import band_keys, copy_order, duplicates_by_sketch, minhash, sketch_from_text, sketch_text
from .compare.story import build_story
from .compare.storyindex import WEEK, StoryIndex
from .compare.storypairs import (
    _KINDS,
    CorpusStats,
    PairSpace,
    Profile,
    _keys,
    profile,
    profile_from_json,
    profile_to_json,
)
from .config import Config
from .corrections import stored_constraints, stored_curation
from .model import Article, Entity, Story, story_order
from .pipeline import infer_from_story, link_speakers
from .store.corpus_index import IndexRow, json_text
from .store.leads import Lead, article_leads, profile_keys

#: What a stored profile holds when this version wrote it.
_PROFILE_FIELDS = frozenset(Profile.__dataclass_fields__)
FILLERS: dict[str, Callable[[Lead], set[str]]] = {
    "lead_happenings": lambda lead: happenings.of_lead(lead.title, lead.text, lead.mentions),
}
"""Profile fields added since profiles were first stored that read the article's lead alone, each made from it
(:func:`storyline.store.leads.article_leads`): a stored profile lacking only these is filled, not made again from
its whole article (read in full: a few ms each, and one ingest meets hundreds)."""

__all__ = [
    "INDEX_META",
    "INDEX_WRITTEN",
    "NEIGHBOURHOOD_LIMIT",
    "IndexRows",
    "Update",
    "after_full_run",
    "fill_profiles",
    "full_index",
    "run",
    "small_enough",
    "store_dossiers",
    "update",
    "write_index",
]

log = logging.getLogger("storyline")
INDEX_META = "corpus_index"
"""Meta key: :data:`INDEX_WRITTEN` when the corpus index covers every article the corpus stages filed (a full run
wrote it and every incremental run since kept it), "0" when the store has none (smaller than
``corpus.incremental_from``). Any other value is an index an earlier version wrote: it is not used, and the next
full run writes it afresh."""
INDEX_WRITTEN = "2"
"""The index this version writes ("1": its profiles' words stemmed by the light stemmers before the lexicon's)."""

NEIGHBOURHOOD_LIMIT = 400
"""Most articles (new ones and the members of their candidate stories) clustered afresh together; beyond it the
new articles are filed one at a time (a story of thousands is never re-clustered to add one article)."""
READ_CHUNK = 200
"""Most stored profiles, or articles to profile again, read at once."""
MAX_NEW = 200
"""Most new articles an incremental run takes on its own, whatever the store's size."""
MAX_SHARE = 0.05
"""An ingest adding more than this share of a store runs the full corpus stages."""
INDEX_KINDS = ("posting", "posting_n", "profile", "df", "sketch", "band", "entity_key", "entity_token")


def small_enough(new: int, stored: int, start: int) -> bool:
    """Whether ``new`` articles join a store of ``stored`` indexed articles incrementally (``start``: the store
    size from which it does, ``corpus.incremental_from``)."""
    return 0 < new and stored >= start and new <= max(MAX_NEW, MAX_SHARE * stored)


# ----------------------------------------------------------------------------------------------- the index


@dataclass(slots=True)
class IndexRows:
    """Index rows to write: rows to put, by kind, and counts to add, by kind; ``replaced``: stored articles whose
    rows (profile, postings, frequencies, sketch) are taken out first, as these rows index them again."""

    rows: dict[str, list[IndexRow]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    replaced: list[str] = field(default_factory=list)

    def article(self, p: Profile, mh: MinHash | None, keys: Iterable[str]) -> None:
        """The rows one article adds: its profile and postings, its document frequencies, its sketch."""
        week = str(p.event[0] // WEEK) if p.event else "-1"
        self.rows["profile"].append((p.article_id, "", _json(profile_to_json(p)), 0))
        for key in dict.fromkeys(keys):
            self.rows["posting"].append((key, p.article_id, week, 0))
            self.counts["posting_n"][key] += 1
        for kind in _KINDS:
            self.counts["df"].update(f"{kind}:{k}" for k in _keys(p, kind))
        if mh is not None:
            self.rows["sketch"].append((p.article_id, "", sketch_text(mh), 0))
            self.rows["band"] += [(b, p.article_id, None, 0) for b in band_keys(mh)]


def _json(doc: Any) -> str:
    import json

    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def full_index(articles: Sequence[Article], entities: Sequence[Entity], cfg: Config) -> IndexRows:
    """The whole corpus index of a full run of the corpus stages (the articles carry their entity ids)."""
    ccfg = cluster_config(cfg)
    out = IndexRows()
    profiles = [profile(a, ccfg.lead_paragraphs) for a in articles]
    index = StoryIndex(ccfg, stats=CorpusStats.of(profiles))
    for a, p in zip(articles, profiles, strict=True):
        out.article(p, minhash(a.text) if a.text.strip() else None, index._keys(p))
    keys, tokens = key_rows(articles, entities)
    types = {e.id: e.type for e in entities}
    count = Counter({e.id: len(e.mentions) for e in entities})
    out.rows["entity_key"] = [(k, eid, types.get(eid, ""), n) for (k, eid), n in keys.items()]
    out.rows["entity_token"] = [(w, eid, None, count[eid]) for w, eid in sorted(tokens)]
    return out


def write_index(store: Any, rows: IndexRows, *, fresh: bool = False) -> None:
    """Write index rows (``fresh``: in place of the whole index)."""
    with store.transaction():
        if fresh:
            for kind in INDEX_KINDS:
                store.drop_index(kind)
        elif rows.replaced:
            drop_articles(store, rows.replaced)
        for kind, found in rows.rows.items():
            if kind in ("entity_key", "entity_token") and not fresh:
                found = _added(store, kind, found)
            store.put_index(kind, found)
        for kind, counts in rows.counts.items():
            store.add_counts(kind, counts)


def _added(store: Any, kind: str, rows: Sequence[IndexRow]) -> list[IndexRow]:
    """Entity rows whose counts add to the stored ones."""
    stored = {(k, r): n for k, r, _, n in store.index_rows(kind, {k for k, _, _, _ in rows})}
    return [(k, r, v, n + stored.get((k, r), 0)) for k, r, v, n in rows]


def drop_articles(store: Any, ids: Sequence[str]) -> None:
    """Take articles out of the index (their profile, postings, frequencies and sketch), to index them again."""
    with store.transaction():
        old = [profile_from_json(_loads(v)) for _, _, v, _ in store.index_rows("profile", ids)]
        minus: Counter[str] = Counter()
        for p in old:
            for kind in _KINDS:
                minus.update(f"{kind}:{k}" for k in _keys(p, kind))
        store.add_counts("df", {k: -n for k, n in minus.items()})
        postings = Counter(k for k, _, _, _ in store.index_refs("posting", ids))
        store.add_counts("posting_n", {k: -n for k, n in postings.items()})
        for kind in ("posting", "band"):
            store.drop_index(kind, ids)
        for kind in ("profile", "sketch"):
            store.drop_index_keys(kind, ids)


def reindex(store: Any, articles: Sequence[Article], cfg: Config) -> None:
    """Index again stored articles whose outlet or date changed outside the corpus stages (their profiles,
    postings, frequencies and sketches), when the store keeps an index."""
    if not articles or store.get_meta(INDEX_META) != INDEX_WRITTEN:
        return
    with store.transaction():
        drop_articles(store, [a.id for a in articles])
        ccfg = cluster_config(cfg)
        profiles = [profile(a, ccfg.lead_paragraphs) for a in articles]
        chooser = StoryIndex(ccfg)
        chooser.stats.n = store.index_size("profile")
        _load_df(store, chooser.stats, profiles)
        rows = IndexRows()
        for a, p in zip(articles, profiles, strict=True):
            rows.article(p, minhash(a.text) if a.text.strip() else None, chooser._keys(p))
        write_index(store, rows)


def _loads(value: str | None) -> Any:
    import json

    return json.loads(value or "null")


# ---------------------------------------------------------------------------------------------- the runs


def run(
    store: Any, cfg: Config, progress: Callable[[str, int, int], None] | None = None, inline: float | None = None
) -> bool:
    """The corpus stages by the index, when the store has one and the articles it has not filed are few enough
    (:func:`small_enough`); False when the full corpus stages must run instead. The touched stories past
    ``inline`` articles in all (``corpus.rebuild_inline`` when None; smallest first) are marked stale, not built
    (:mod:`storyline.stale`)."""
    if store.get_meta(INDEX_META) != INDEX_WRITTEN:
        return False
    version = store.articles_version()  # the article set this run covers (read first: it holds the new ones)
    new_ids = store.unindexed_articles()
    if not small_enough(len(new_ids), store.index_size("profile"), cfg.corpus_incremental_from):
        return False
    t0 = time.perf_counter()
    new = store.articles(new_ids)
    stored_curation(store).rename_outlets(new)
    limit = cfg.corpus_rebuild_inline if inline is None else inline
    up = update(store, new, cfg, stored_constraints(store), limit)
    with store.transaction():
        if not store.mark_corpus_built(version, store.article_count()):
            log.info("articles were added during the corpus stages; their results are not stored")
            return True
        store.put_entities(up.entities, [a.id for a in new])
        for a in up.articles:
            store.put_article(a)
        for aid, sid, original in up.moved:
            store.set_story(aid, sid, original)
        store.put_stories(up.stories, up.removed)
        left = set(up.stale)
        store.clear_stale([s.id for s in up.stories if s.id not in left])
        store.mark_stale(up.stale)
        write_index(store, up.index)
        cur = stored_curation(store)  # as it is now: a correction made meanwhile leaves its stories unstored
        for s in up.stories:
            if s.id in up.dossiers and not cur.touches(s):
                store.put_dossier(s, up.dossiers[s.id])
                store_page(store, s.id)
    log.info(
        "corpus stages by the index for %d new article(s): %d entities, %d stories built (%d merged away) from a "
        "neighbourhood of %d article(s)%s; %d left to build later (%.2f s)",
        len(new),
        len(up.entities),
        len(up.stories) - len(up.stale),
        len(up.removed),
        up.neighbourhood,
        ", filed one at a time" if up.streamed else "",
        len(up.stale),
        time.perf_counter() - t0,
    )
    if progress:
        progress("stories", len(up.stories), len(up.stories))
    return True


def after_full_run(
    store: Any,
    cfg: Config,
    articles: Sequence[Article],
    entities: Sequence[Entity],
    stories: Sequence[Story],
    built: Iterable[str],
) -> None:
    """After the full corpus stages (inside their transaction): the corpus index written afresh when the store
    is large enough to use it, the dossiers of the stories ``built`` now (ids), or stored without one, and the
    story pages missing beside the stored dossiers (:mod:`storyline.web.story_pages`)."""
    if len(articles) >= cfg.corpus_incremental_from:
        write_index(store, full_index(articles, entities, cfg), fresh=True)
        store.set_meta(INDEX_META, INDEX_WRITTEN)
    elif store.get_meta(INDEX_META) != "0":
        for kind in INDEX_KINDS:
            store.drop_index(kind)
        store.set_meta(INDEX_META, "0")
    have, fresh = set(store.dossier_ids()), set(built)
    todo = [s for s in stories if s.id in fresh or s.id not in have]
    by_id = {a.id: a for a in articles}
    members = {s.id: [by_id[i] for i in s.article_ids if i in by_id] for s in todo}
    store_dossiers(store, todo, members, {e.id: e for e in entities})
    from .web.story_pages import store_missing  # the pages of the dossiers kept (drawn by an earlier version)

    store_missing(store, [s.id for s in stories])


def store_dossiers(
    store: Any, stories: Sequence[Story], members: Mapping[str, Sequence[Article]], entities: Mapping[str, Entity]
) -> None:
    """Build and store the dossiers of ``stories`` (not of those a curation correction touches: they are
    built when shown)."""
    cur = stored_curation(store)
    for s in stories:
        if not cur.touches(s):
            store.put_dossier(s, _dossier(s, members.get(s.id, []), entities))
            store_page(store, s.id)


def store_page(store: Any, story_id: str) -> None:
    """The web page of a story whose dossier was just stored, drawn and stored beside it (a page is drawn once
    per change of its story, not per visit: :mod:`storyline.web.story_pages`)."""
    from .web.story_pages import store_page as draw_and_store

    draw_and_store(store, story_id)


def _dossier(story: Story, members: Sequence[Article], entities: Mapping[str, Entity]) -> str:
    """The dossier of ``story`` as the store writes it, made from its articles and the entities they name."""
    from .render.dossier import make_dossier

    named = {m.entity_id for a in members for m in a.mentions if m.entity_id}
    ents = [entities[i] for i in named if i in entities]
    ents.sort(key=lambda e: (-len(e.mentions), e.name))
    return json_text(make_dossier(story, members, ents).to_json())


# -------------------------------------------------------------------------------------------- the update


@dataclass(slots=True)
class Update:
    """What an incremental run writes: articles (new, and stored ones whose story, copy or dates changed),
    entities that gained mentions, stories built again and stories merged away, and the index rows."""

    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    redated: list[str] = field(default_factory=list)
    index: IndexRows = field(default_factory=IndexRows)
    story_entities: dict[str, Entity] = field(default_factory=dict)
    dossiers: dict[str, str] = field(default_factory=dict)  # built stories' dossiers (JSON text) but corrected ones
    refreshed: dict[str, str] = field(default_factory=dict)  # stored profiles made again from their articles (JSON)
    neighbourhood: int = 0  # articles clustered with the new ones
    streamed: bool = False  # filed one at a time (the neighbourhood was over the limit)
    stale: list[str] = field(default_factory=list)  # stories given new members, not built (storyline.stale)
    moved: list[tuple[str, str, str | None]] = field(default_factory=list)  # (stored article, story, original)


def update(
    store: Any,
    new: Sequence[Article],
    cfg: Config,
    constraints: Constraints | None = None,
    inline: float = math.inf,
) -> Update:
    """The corpus stages for ``new`` (analysed, stored, not yet filed) in a store whose index covers the rest.
    A touched story past ``inline`` articles (:func:`_late`) is not built: it gets its new members (``moved``)
    and is marked stale (``stale``: :func:`storyline.stale.deferred`)."""
    ccfg = cluster_config(cfg)
    out = Update()
    filed = _file_entities(store, new)
    out.entities = filed
    link_speakers(new, filed, cfg.quotes_speaker_share)
    sketches = {a.id: minhash(a.text) for a in new if a.text.strip()}
    changed_copies = _copies(store, new, sketches)
    profiles = {a.id: profile(a, ccfg.lead_paragraphs) for a in new}
    before, mapping, stats = _stories(store, new, profiles, ccfg, constraints, out)
    _entity_rows(new, filed, out.index)
    # the stories to build again: new or changed members, or a member whose copy status changed
    by_id = {a.id: a for a in new}
    story_of_copy = {aid: sid for sid, ids in mapping.items() for aid in ids if aid in changed_copies}
    dirty = {sid for sid, ids in mapping.items() if before.get(sid) != ids} | set(story_of_copy.values())
    for sid, *_rest in store.article_states([a for a in changed_copies if a not in story_of_copy]).values():
        if sid:
            dirty.add(sid)
            mapping.setdefault(sid, store.story_members([sid]).get(sid, []))
    out.removed = sorted(set(before) - set(mapping))
    late = _late(dirty, mapping, inline)
    if late:
        from .stale import deferred

        deferred(store, sorted(late, key=story_order), mapping, before, new, changed_copies, out)
        dirty -= late
    # The stories are built one at a time, each with its members read then, its dossier made and its articles
    # dropped: one story's articles are held at once, not every one the ingest touches. The entities each story
    # is built with are those every story built names (read first, the members' names alone); members few enough
    # to hold at once (READ_CHUNK) are kept from that first read, not read again.
    order = sorted(dirty, key=story_order)
    stored_ids = [i for sid in order for i in mapping[sid] if i not in by_id]
    named = _named(new)
    kept: dict[str, Article] = {}
    for part in _chunked(stored_ids):
        read = store.articles(part)
        named |= _named(read)
        if len(stored_ids) <= READ_CHUNK:
            kept.update((a.id, a) for a in read)
    entities = out.story_entities = _story_entities(store, named, filed)
    cur = stored_curation(store)
    written: dict[str, Article] = {a.id: a for a in new}
    copies: dict[str, Article] = {}  # the stored articles whose copy status changed
    for sid in order:
        ids = [i for i in mapping[sid] if i not in by_id]
        got = {i: kept.pop(i) for i in ids if i in kept}  # each kept article goes to one story's build
        if rest := [i for i in ids if i not in got]:
            got.update((a.id, a) for a in store.articles(rest))
        for aid in got.keys() & changed_copies.keys():
            got[aid].duplicate_of = changed_copies[aid]
            copies[aid] = got[aid]
        members = [by_id.get(i) or got[i] for i in mapping[sid] if i in by_id or i in got]
        redated = infer_from_story(members)
        out.redated += redated
        for a in members:
            if a.story_id != sid or a.id in redated or a.id in changed_copies:
                a.story_id = sid
                written[a.id] = a
        story = build_story(sid, members, list(entities.values()), cfg)
        out.stories.append(story)
        if not cur.touches(story):
            out.dossiers[sid] = _dossier(story, members, entities)
    for aid in changed_copies:  # a copy in no story still records its original
        if aid not in written and aid in copies:
            written[aid] = copies[aid]
    out.articles = list(written.values())
    _index_rows(out, new, written, profiles, sketches, StoryIndex(ccfg, stats=stats), ccfg.lead_paragraphs)
    return out


def _late(dirty: Iterable[str], mapping: Mapping[str, list[str]], inline: float) -> set[str]:
    """The touched stories left to build later: smallest first, those past ``inline`` articles in all (the
    build's cost grows with the articles; a story of more than ``inline`` is never built within the ingest).

    Example:
        >>> sorted(_late({"s1", "s2", "s3"}, {"s1": ["a"], "s2": ["b", "c", "d"], "s3": ["e", "f"]}, 4))
        ['s2']
    """
    late: set[str] = set()
    total = 0
    for sid in sorted(dirty, key=lambda s: (len(mapping[s]), story_order(s))):
        total += len(mapping[sid])
        if total > inline:
            late.add(sid)
    return late


def _index_rows(
    out: Update,
    new: Sequence[Article],
    written: Mapping[str, Article],
    profiles: dict[str, Profile],
    sketches: Mapping[str, MinHash],
    chooser: StoryIndex,
    lead_paragraphs: int,
) -> None:
    """The index rows of the new articles (postings chosen with the frequencies they met) and of the stored ones
    re-dated by their story now: a profile is made from its article as stored, so one re-dated (its relative
    dates read against its story's date) is made again, as the full run's index makes it, and its postings
    move to the weeks of its new date."""
    moved = set(out.redated)
    for aid in moved & profiles.keys():
        profiles[aid] = profile(written[aid], lead_paragraphs)
    for a in new:
        out.index.article(profiles[a.id], sketches.get(a.id), chooser._keys(profiles[a.id]))
    for aid in sorted(moved - profiles.keys()):
        a = written[aid]
        out.index.replaced.append(aid)
        p = profile(a, lead_paragraphs)
        out.index.article(p, minhash(a.text) if a.text.strip() else None, chooser._keys(p))
    out.index.rows["profile"] += [(aid, "", doc, 0) for aid, doc in out.refreshed.items() if aid not in moved]


# -------------------------------------------------------------------------------------------- entities


def _file_entities(store: Any, new: Sequence[Article]) -> list[Entity]:
    """File the new mentions (see :mod:`storyline.analyse.entity_filing`); the entities that gain mentions."""
    keys = keys_of(new)
    known: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for key, eid, typ, n in store.index_rows("entity_key", keys):
        known[key].append((eid, typ or "", n))
    words = {k for k in keys if " " not in k}
    by_word: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for word, eid, _, n in store.index_rows("entity_token", words):
        by_word[word].append((eid, n))
    aliases = {entity_id(ALIAS_TYPES.get(c, "GPE"), c) for k, c in GPE_ALIASES.items() if k in keys}
    ids = {eid for rows in known.values() for eid, _, _ in rows} | {e for rs in by_word.values() for e, _ in rs}
    stored = {e.id: e for e in store.get_entities(ids | aliases, with_mentions=False)}
    return file_mentions(new, known, by_word, stored).entities


def _entity_rows(new: Sequence[Article], entities: Sequence[Entity], rows: IndexRows) -> None:
    """The ``entity_key`` and ``entity_token`` rows the new mentions add."""
    keys, tokens = key_rows(new, entities)
    types = {e.id: e.type for e in entities}
    count = {e.id: len(e.mentions) for e in entities}
    rows.rows["entity_key"] += [(k, eid, types.get(eid, ""), n) for (k, eid), n in keys.items()]
    rows.rows["entity_token"] += [(w, eid, None, count.get(eid, 0)) for w, eid in sorted(tokens)]


def _named(articles: Iterable[Article]) -> set[str]:
    """The entity ids the articles' mentions and quotes' speakers carry."""
    ids: set[str] = set()
    for a in articles:
        ids.update(m.entity_id for m in a.mentions if m.entity_id)
        ids.update(q.speaker_entity_id for q in a.quotes if q.speaker_entity_id)
    return ids


def _story_entities(store: Any, ids: set[str], filed: Sequence[Entity]) -> dict[str, Entity]:
    """The entities of ``ids`` (as filed now, else as stored, without their cites)."""
    out = {e.id: dataclasses.replace(e, mentions=[]) for e in filed if e.id in ids}  # they carry only the new cites
    out.update({e.id: e for e in store.get_entities(ids - set(out), with_mentions=False)})
    return out


# ---------------------------------------------------------------------------------------------- copies


def _copies(store: Any, new: Sequence[Article], sketches: Mapping[str, MinHash]) -> dict[str, str | None]:
    """Near-duplicates among the new articles and the stored texts they meet: sets the new articles'
    ``duplicate_of`` and returns the stored articles whose own changes (id → its original, or None)."""
    from .compare.dedup import THRESHOLD

    met = {ref for mh in sketches.values() for _, ref, _, _ in store.index_rows("band", band_keys(mh))}
    stored = {k: sketch_from_text(v or "") for k, _, v, _ in store.index_rows("sketch", met)}
    close = {aid for aid, mh in stored.items() if any(mh.jaccard(x) >= THRESHOLD for x in sketches.values())}
    states = store.article_states(close)
    originals = {dup for _, dup, _, _ in states.values() if dup} | close
    group = originals | set(store.duplicates_of(originals))
    states = store.article_states(group)
    stored.update({k: sketch_from_text(v or "") for k, _, v, _ in store.index_rows("sketch", group - set(stored))})
    entries = [(copy_order(p, path, aid), aid, stored[aid]) for aid, (_, _, p, path) in states.items() if aid in stored]
    entries += [(copy_order(a.published, a.path, a.id), a.id, sketches[a.id]) for a in new if a.id in sketches]
    dups = duplicates_by_sketch([(aid, mh) for _, aid, mh in sorted(entries)])
    for a in new:
        a.duplicate_of = dups.get(a.id)
    return {aid: dups.get(aid) for aid, (_, was, _, _) in states.items() if dups.get(aid) != was}


# --------------------------------------------------------------------------------------------- stories


def _stories(
    store: Any,
    new: Sequence[Article],
    profiles: Mapping[str, Profile],
    ccfg: ClusterConfig,
    constraints: Constraints | None,
    out: Update,
) -> tuple[dict[str, list[str]], dict[str, list[str]], CorpusStats]:
    """The neighbourhood's stories before and after the new articles join: ``(before, after, stats)``."""
    index = StoryIndex(ccfg)
    index.stats.n = store.index_size("profile")
    _load_df(store, index.stats, profiles.values())
    n = index.stats.n
    limit = index.max_key_share * n if n >= 1000 else math.inf
    keys = {k for p in profiles.values() for k in index._keys(p)}
    counts = {k: c for k, _, _, c in store.index_rows("posting_n", keys)}
    wanted = [k for k in keys if 0 < counts.get(k, 0) <= limit]
    weeks = [index._weeks(p) for p in profiles.values()]
    if any(w is None for w in weeks):  # an article with no date is looked up in every week
        found = store.index_rows("posting", wanted)
    else:  # the weeks the new articles' windows reach only
        found = store.index_rows_valued("posting", wanted, sorted({str(w) for ws in weeks for w in ws or ()}))
    for key, aid, week, _ in found:
        index.postings[key][int(week or -1)].append(aid)
    for key in wanted:  # the key's postings in other weeks still count towards its share of the corpus
        index.unloaded[key] = counts[key] - sum(len(v) for v in index.postings.get(key, {}).values())
    candidates = {aid for p in profiles.values() for aid in index.candidates(p)}
    states = store.article_states(candidates)
    before = store.story_members({sid for sid, *_ in states.values() if sid})
    member_ids = [i for ids in before.values() for i in ids]
    stored = _stored_profiles(store, member_ids, ccfg, out)
    _load_df(store, index.stats, stored.values())
    top = store.last_story_number()
    out.neighbourhood = len(member_ids) + len(new)
    if out.neighbourhood <= NEIGHBOURHOOD_LIMIT:
        for p in profiles.values():  # the batch clustering weighs pairs by a corpus that holds the new articles
            index.stats.add(p)
        after = _recluster(new, profiles, stored, before, index.stats, ccfg, constraints, store, top)
    else:
        out.streamed = True
        after = _stream(new, profiles, stored, before, index, constraints, top)
    return before, after, index.stats


def _stored_profiles(store: Any, ids: Sequence[str], ccfg: ClusterConfig, out: Update) -> dict[str, Profile]:
    """The stored profiles of ``ids``. One stored by an earlier version lacks the features added since: those of
    the lead alone (:data:`FILLERS`) are made from the article's lead, read without the rest; one lacking others
    is made again from its article, the articles read :data:`READ_CHUNK` at a time (each dropped once profiled).
    Either is kept in ``out.refreshed`` to be stored (read once, not at every ingest that meets it)."""
    stored: dict[str, Profile] = {}
    stale: set[str] = set()
    fill: dict[str, dict[str, Any]] = {}  # lacking only fields of the lead (FILLERS)
    for part in _chunked(ids):
        rows = store.index_rows("profile", part)
        for (k, _, _, _), d in zip(rows, _loads_all(v for _, _, v, _ in rows), strict=True):
            if isinstance(d, dict) and _PROFILE_FIELDS <= d.keys():
                stored[k] = profile_from_json(d, intern=False)
            elif isinstance(d, dict) and _PROFILE_FIELDS - d.keys() <= FILLERS.keys():
                fill[k] = d
            else:
                stale.add(k)
    for part in _chunked(list(fill)):
        for aid, lead in article_leads(store, part).items():
            d = fill[aid]
            d.update({f: sorted(FILLERS[f](lead)) for f in _PROFILE_FIELDS - d.keys()})
            stored[aid] = profile_from_json(d, intern=False)
            out.refreshed[aid] = _json(profile_to_json(stored[aid]))
    stale |= fill.keys() - stored.keys()
    for part in _chunked([i for i in ids if i not in stored]):
        for a in store.articles(part):
            stored[a.id] = profile(a, ccfg.lead_paragraphs)
            if a.id in stale:
                out.refreshed[a.id] = _json(profile_to_json(stored[a.id]))
    return stored


def fill_profiles(store: Any, cfg: Config, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Bring every stored profile up to this version's fields at once, each as the first ingest that meets it
    would (:func:`_stored_profiles`: the lead's features filled in, else made again from its article), read and
    written :data:`READ_CHUNK` at a time, each chunk in one transaction. A store an earlier version indexed
    otherwise fills them one neighbourhood at a time, each ingest reading the leads of the hundreds of stale
    profiles it meets and writing them again. Returns how many were written."""
    if store.get_meta(INDEX_META) != INDEX_WRITTEN:
        return 0
    ccfg = cluster_config(cfg)
    keys = profile_keys(store)
    written = 0
    for k, part in enumerate(_chunked(keys)):
        out = Update()
        with store.transaction():  # read and written together: an ingest meanwhile writes before or after
            _stored_profiles(store, part, ccfg, out)
            store.put_index("profile", [(aid, "", doc, 0) for aid, doc in out.refreshed.items()])
        written += len(out.refreshed)
        if progress:
            progress("profiles", min(len(keys), (k + 1) * READ_CHUNK), len(keys))
    return written


def _loads_all(values: Iterable[str | None]) -> list[Any]:
    """JSON texts parsed as one array: the parser keeps one string per distinct key for them all (the words of
    a chunk of profiles), as interning each would, for half the time."""
    import json

    return list(json.loads("[" + ",".join(v or "null" for v in values) + "]"))


def _chunked(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for k in range(0, len(ids), READ_CHUNK):
        yield ids[k : k + READ_CHUNK]


def _load_df(store: Any, stats: CorpusStats, profiles: Iterable[Profile]) -> None:
    """Fill ``stats.df`` with the stored document frequencies of every key of ``profiles``."""
    profiles = list(profiles)
    wanted = [f"{kind}:{k}" for kind in _KINDS for k in set().union(*(_keys(p, kind) for p in profiles))]
    for key, _, _, n in store.index_rows("df", wanted):
        kind, _, term = key.partition(":")
        stats.df[kind][term] = n


def _order(store: Any, new: Sequence[Article], ids: Iterable[str]) -> list[str]:
    """Article ids in the store's order (published, path, id; undated last), as the batch clustering sees them."""
    keys = {a.id: (a.published is None, a.published or "", a.path, a.id) for a in new}
    for aid, (_, _, pub, path) in store.article_states([i for i in ids if i not in keys]).items():
        keys[aid] = (pub is None, pub or "", path, aid)
    return sorted(keys, key=lambda i: keys[i])


def _recluster(
    new: Sequence[Article],
    profiles: Mapping[str, Profile],
    stored: Mapping[str, Profile],
    before: Mapping[str, list[str]],
    stats: CorpusStats,
    ccfg: ClusterConfig,
    constraints: Constraints | None,
    store: Any,
    top: int,
) -> dict[str, list[str]]:
    """The neighbourhood clustered afresh with the new articles (as :func:`assign_stories` does, on its rows)."""
    model, threshold = ccfg.resolved()
    ids = _order(store, new, [*profiles, *stored])
    feats = [profiles.get(i) or stored[i] for i in ids]
    pairs = PairSpace(feats, stats).all_pairs()
    import numpy as np

    sim = model.probability(pairs)
    rule = ccfg.strong_link()
    strong = ccfg.strong_pairs(pairs, sim)
    np.fill_diagonal(sim, 1.0)
    np.fill_diagonal(strong, False)
    existing = {sid: [i for i in members if i in stored] for sid, members in before.items()}
    existing.setdefault(f"s{top}", [])  # new stories are numbered after every stored one
    link = (model.top, rule.drop if rule else 0.0)
    scored = (sim, model.apart(pairs), strong)
    mapping = _recluster_neighbourhood(feats, existing, scored, threshold, link, constraints, ccfg.silence(feats))
    if constraints:
        mapping = constraints.enforce(mapping)
    return {sid: ids_ for sid, ids_ in mapping.items() if ids_}


def _stream(
    new: Sequence[Article],
    profiles: Mapping[str, Profile],
    stored: Mapping[str, Profile],
    before: Mapping[str, list[str]],
    index: StoryIndex,
    constraints: Constraints | None,
    top: int,
) -> dict[str, list[str]]:
    """The new articles filed one at a time, in date order, into the candidate stories or new ones."""
    for sid, members in before.items():
        index.stories[sid] = [i for i in members if i in stored]
        for i in index.stories[sid]:
            index.story_of[i] = sid
            index.profiles[i] = stored[i]
            p = stored[i]
            index.week_of[i] = p.event[0] // WEEK if p.event else None
    for key, by_week in index.postings.items():  # the candidates met first: filing moves the frequencies, and
        for week, ids in by_week.items():  # the top candidates with them, onto articles outside the neighbourhood
            kept = [i for i in ids if i in index.story_of]
            index.unloaded[key] = index.unloaded.get(key, 0) + len(ids) - len(kept)
            by_week[week] = kept
    index.next_id = top + 1
    for p in sorted(profiles.values(), key=lambda p: p.event[0] if p.event else 0):
        mates = constraints.mates(p.article_id) if constraints else []
        mate = next((index.story_of[m] for m in mates if m in index.story_of), None)
        index.add(p, mate)
    return {sid: list(ids) for sid, ids in index.stories.items() if ids}
