"""Stories built after the ingest that filed articles into them: marked stale, built later, never served wrong.

Adding one article to a large store costs little to file (:mod:`storyline.incremental`), but building the
story it joins again — its claims, summary, events, dossier and stored page — grows with the story: a tenth of
a second for a few articles, seconds to minutes for hundreds. So an ingest filed by the corpus index builds the
smallest stories it touched, up to ``corpus.rebuild_inline`` articles in all, at once, and for each other one
writes only its new membership (:func:`deferred`): the story row keeps what it showed before with its new article list,
the moved articles get their story, and the story is marked stale in the store
(:class:`~storyline.store.stale.StaleMarks`). Listings show a marked story as being updated; its stored dossier
and page no longer match its row, so neither is served.

A marked story is built (:func:`rebuild`) by ``storyline rebuild``, by ``storyline ingest --rebuild now``, by
the first request for its dossier (``storyline dossier``, a writable web server's story page, the export), or
by the next full run of the corpus stages; a read-only server builds it for the request without storing it
(:func:`fresh`). The build reads what the ingest would have read and writes what it would have written — the
story, its members re-dated from it (and their index rows), its dossier and page — and stores them only while
the story is as it read it (the same members, the same mark), else leaves it marked for the next.

Example:
    >>> from storyline.model import Story
    >>> placeholder("s9", ["a1", "a2"], {}, {}).article_ids
    ['a1', 'a2']
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .compare.story import build_story
from .config import Config
from .corrections import stored_curation
from .model import Article, Entity, Story

if TYPE_CHECKING:
    from .incremental import Update

__all__ = ["Built", "deferred", "fresh", "placeholder", "put_built", "rebuild"]

log = logging.getLogger("storyline")


# ------------------------------------------------------------------------------------------- at the ingest


def deferred(
    store: Any,
    sids: Sequence[str],
    mapping: Mapping[str, list[str]],
    before: Mapping[str, list[str]],
    new: Sequence[Article],
    changed_copies: Mapping[str, str | None],
    out: Update,
) -> None:
    """The stories ``sids`` that an ingest gave new members, left to build later: each new article gets its
    story, each stored member whose story or original changed is recorded in ``out.moved``, and the story row
    (:func:`placeholder`) goes to ``out.stories`` with its id in ``out.stale``. Nothing is read but the members'
    states and the rows of the stories they came from."""
    by_id = {a.id: a for a in new}
    stored = [i for sid in sids for i in mapping[sid] if i not in by_id]
    states = store.article_states(stored)
    source = {sid: _sources(sid, mapping, before) for sid in sids}
    olds = {sid: store.get_story(sid) for sid in dict.fromkeys(source.values())}
    for sid in sids:
        for aid in mapping[sid]:
            if aid in by_id:
                by_id[aid].story_id = sid
            elif aid in states:
                was, original = states[aid][0], states[aid][1]
                now = changed_copies[aid] if aid in changed_copies else original
                if was != sid or now != original:
                    out.moved.append((aid, sid, now))
        first = next((by_id[i] for i in mapping[sid] if i in by_id), None)
        out.stories.append(placeholder(sid, mapping[sid], olds, {sid: first}, source[sid]))
        out.stale.append(sid)


def _sources(sid: str, mapping: Mapping[str, list[str]], before: Mapping[str, list[str]]) -> str:
    """The stored story whose row a deferred story takes over: its own, else the one it took most members from."""
    if sid in before:
        return sid
    ids = set(mapping[sid])
    return max(before, key=lambda s: (len(ids & set(before[s])), s), default=sid)


def placeholder(
    sid: str,
    ids: Sequence[str],
    olds: Mapping[str, Story | None],
    firsts: Mapping[str, Article | None],
    source: str | None = None,
) -> Story:
    """The row of a story waiting to be built: the stored story it continues (``olds[source]``) with the new
    article list and no basis (a full run never keeps it as built), else a bare story titled by its first new
    article."""
    old = olds.get(source or sid)
    if old is not None:
        return dataclasses.replace(old, id=sid, article_ids=list(ids), basis="")
    first = firsts.get(sid)
    return Story(sid, first.display_title if first else sid, None, list(ids))


# ---------------------------------------------------------------------------------------------- the build


@dataclass(slots=True)
class Built:
    """A stale story built: the story, its members (re-dated ones in ``redated``), the entities they name and
    its dossier (JSON text; None when a curation correction touches the story: built when shown); ``mark`` and
    ``ids``: the story's mark and members it was built from (stored only while they are the store's)."""

    story: Story
    members: list[Article]
    redated: list[str]
    entities: dict[str, Entity]
    dossier: str | None
    mark: int | None
    ids: list[str]


def fresh(store: Any, cfg: Config, story_id: str) -> Built | None:
    """Build ``story_id`` from its members as stored now, as the ingest that touched it would have built it
    (nothing is written); None when there is no such story."""
    from .incremental import _dossier, _named
    from .pipeline import infer_from_story

    mark, ids = store.stale_mark(story_id), store.story_members([story_id]).get(story_id)
    if not ids:
        return None
    got = {a.id: a for a in store.articles(ids)}
    members = [got[i] for i in ids if i in got]
    redated = infer_from_story(members)
    named = _named(members)
    entities = {e.id: e for e in store.get_entities(named, with_mentions=False)}
    story = build_story(story_id, members, list(entities.values()), cfg)
    doc = None if stored_curation(store).touches(story) else _dossier(story, members, entities)
    return Built(story, members, redated, entities, doc, mark, ids)


def put_built(store: Any, cfg: Config, built: Built) -> bool:
    """Store a built story (its row, its re-dated members and their index rows, its dossier and page) and take
    its mark off, in one transaction, while its mark and members are those it was built from; False (nothing
    written) when a write changed them since."""
    from .incremental import reindex, store_page

    sid = built.story.id
    with store.transaction():
        if store.stale_mark(sid) != built.mark or store.story_members([sid]).get(sid) != built.ids:
            log.info("story %s changed while it was built: left for the next build", sid)
            return False
        store.clear_stale([sid])
        redated = set(built.redated)
        moved = [a for a in built.members if a.id in redated]
        for a in moved:
            store.put_article(a)
        store.put_stories([built.story])
        if built.dossier is not None:
            store.put_dossier(built.story, built.dossier)
            store_page(store, sid)
        reindex(store, moved, cfg)
    return True


def rebuild(
    store: Any,
    cfg: Config,
    story_ids: Sequence[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[str]:
    """Build the stale stories (those of ``story_ids`` that are marked; every marked one when None) and store
    each with its dossier and page, one transaction per story (:func:`put_built`). Returns the ids stored; one
    changed by a write meanwhile stays marked."""
    todo = store.stale_stories() if story_ids is None else sorted(store.stale_among(story_ids))
    done: list[str] = []
    for k, sid in enumerate(todo):
        t0 = time.perf_counter()
        built = fresh(store, cfg, sid)
        if built is None:  # merged away, or emptied
            store.clear_stale([sid])
        elif put_built(store, cfg, built):
            done.append(sid)
            log.info("story %s built (%d articles, %.2f s)", sid, len(built.members), time.perf_counter() - t0)
        if progress:
            progress("stories", k + 1, len(todo))
    return done
