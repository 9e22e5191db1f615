"""A story page drawn on a visit, written back: the next visit reads it stored.

A story page with no stored page that shows its dossier as it would be read now (the page was drawn by an
earlier version of the code, or an entity the story names changed what its dossier shows) is drawn on every
visit, and its dossier built afresh from the articles when the stored one is stale: seconds, each time, for a
large story. A server that may write the store (not ``--read-only``) stores what that visit built, after the
answer is sent (:func:`write_back`): the dossier when it was built afresh, and the page drawn from it, as the
corpus stages store them (:func:`storyline.web.story_pages.store_page`). It writes only while the store is as the
visit read it (no write came between: its write counter one up, by this write alone), and never a story that a
curation correction touches (its dossier is built when shown) or a page asked for with a speaker filter. A
read-only server leaves the store as it is; ``storyline check --repair`` draws every page.

Example:
    >>> from storyline.store.sqlite import SqliteStore
    >>> with SqliteStore(":memory:") as store:
    ...     stored_now(store, "s1", seen=store.write_count(), built=None)
    False
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from storyline.corrections import stored_curation
from storyline.model import Story
from storyline.web.story_pages import store_page

__all__ = ["built_afresh", "put_as_stored", "put_stale", "stored_now", "write_back"]

log = logging.getLogger("storyline.web")


def built_afresh(store: Any, story_id: str) -> bool:
    """Whether reading the dossier of ``story_id`` builds it afresh: no stored dossier of the story as it is, or
    an entity it names changed since (as :meth:`~storyline.store.corpus_index.CorpusIndex.stored_dossier` reads
    it, without reading the dossier)."""
    return not store.has_stored_dossier(story_id)


def write_back(state: Any, story_id: str, seen: int, built: Mapping[str, Any] | None) -> None:
    """Store the page of ``story_id`` a visit drew (``built``: the dossier it built afresh, else None: the stored
    one was read), in a store of its own opened by ``state`` (the app's, :class:`storyline.web.app.State`), while
    the store is as the visit read it (write counter ``seen``). A failure is logged, never raised: the visit was
    answered."""
    try:
        with state.corpus() as corpus:
            stored_now(corpus.store, story_id, seen=seen, built=built)
    except Exception:  # noqa: BLE001 - a page not written back is drawn again on the next visit
        log.warning("the page of story %s was not stored", story_id, exc_info=True)


def put_stale(state: Any, built: Any) -> None:
    """Store a stale story a visit built (:class:`storyline.stale.Built`: its row, dossier and page, its mark
    taken off), in a store of its own opened by ``state``, while the story is as the visit read it. A failure
    is logged, never raised."""
    from storyline.stale import put_built

    try:
        with state.corpus() as corpus:
            put_built(corpus.store, state.config, built)
    except Exception:  # noqa: BLE001 - a story not stored is built again on the next visit
        log.warning("story %s was not stored", built.story.id, exc_info=True)


def stored_now(store: Any, story_id: str, *, seen: int, built: Mapping[str, Any] | None) -> bool:
    """:func:`write_back` on an open store: whether the page was stored (False, the store left as it was, when a
    write came after the visit's read, a curation correction is in force, or the story or its dossier is gone)."""
    if store.write_count() != seen or stored_curation(store):
        return False
    try:
        with store.transaction():
            if store.write_count() != seen + 1:  # this write raised it by one: another came after the check
                raise _Unstored
            if built is not None:
                story = store.get_story(story_id)
                if story is None:
                    raise _Unstored
                put_as_stored(store, story, built)
            if not store_page(store, story_id):
                raise _Unstored
    except _Unstored:  # rolled back: not even the write counter moved
        return False
    return True


def put_as_stored(store: Any, story: Story, doc: Mapping[str, Any]) -> None:
    """Store ``doc`` as the dossier of ``story`` as the store holds it (read from it, unchanged since), under the
    stored row's digest: a story stored by an earlier version (its claims without a field added since) writes
    another JSON text when written again, and its stored dossier is read by the row's digest."""
    store.put_dossier(story, doc, as_stored=True)


class _Unstored(Exception):
    """Nothing to store after all (the transaction is rolled back)."""
