"""User corrections through the Python API: merge, split and move stories; rename outlets; mark claims wrong;
hide quotes; list and undo. :class:`Corrections` is mixed into :class:`storyline.api.Corpus`.

Each correction is checked, recorded in the store's log (:mod:`storyline.store.corrections`) in stable terms
(article ids, cited passages) and applied at once; the corpus stages keep every active correction each time
they run (:mod:`storyline.compare.constraints` for stories, :mod:`storyline.curation` for the rest), so more
articles, a repair or a re-clustering never undo them. Undoing one puts back what it changed and keeps the
others.

Example:
    >>> from storyline.api import Corpus                                  # doctest: +SKIP
    >>> with Corpus("storyline.db") as corpus:                           # doctest: +SKIP
    ...     c = corpus.merge_stories("s1", "s4")
    ...     corpus.undo_correction(c.id)
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from .curation import Curation, cite_spans, parse_quote_id, quote_id
from .errors import StorylineError
from .model import Article, Correction, Story, story_order
from .outlets import outlet_label
from .store.corrections import CorrectionLog
from .text import one_line

# Reading a store (curated stories and articles) needs only the above; the stages a correction runs (clustering,
# building stories) are imported where they run, as in :mod:`storyline.api`.
if TYPE_CHECKING:
    from .compare.constraints import Constraints
    from .config import Config
    from .pipeline import ProgressFn
    from .store.base import Store

#: Error codes (see :mod:`storyline.errors`).
E_NO_ARTICLE = "E404"
E_BAD_CORRECTION = "E405"
E_NO_CLAIM = "E407"
MIN_PREFIX = 6  # an article may be named by the start of its id, this long at least, when it is unambiguous


P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound="Corrections")


def _atomic(method: Callable[Concatenate[C, P], R]) -> Callable[Concatenate[C, P], R]:
    """Run a correction in one write transaction, its checks included: what it reads is what it corrects, even
    with another process (the web app, an ingest) writing the store; a refused one writes nothing."""

    def run(self: C, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.store.transaction():
            return method(self, *args, **kwargs)

    functools.update_wrapper(run, method)  # the method's name and docstring
    return run


def stored_constraints(store: Any) -> Constraints:
    """The story constraints in force in ``store`` (none when it keeps no corrections)."""
    from .compare.constraints import STORY_KINDS, Constraints

    active = _active(store)
    return Constraints.compile((c.kind, c.id, c.data) for c in active if c.kind in STORY_KINDS)


def stored_curation(store: Any) -> Curation:
    """The curation (renames, claims marked wrong, hidden quotes) in force in ``store``."""
    return Curation.from_corrections(_active(store))


def _active(store: Any) -> list[Correction]:
    try:
        return CorrectionLog(store).active()
    except StorylineError:  # a store that keeps no corrections has none
        return []


class Corrections:
    """Corrections on a corpus (mixed into :class:`~storyline.api.Corpus`)."""

    if TYPE_CHECKING:
        store: Store
        config: Config

        def rebuild(self, progress: ProgressFn | None = None) -> None: ...

        def _undo_article(self, data: dict[str, Any]) -> None: ...

    # ------------------------------------------------------------------------------------------ log

    def corrections(self, *, undone: bool = True) -> list[Correction]:
        """Every correction, oldest first (``undone=False``: only those in force)."""
        log = CorrectionLog(self.store)
        return log.all() if undone else log.active()

    def undo_correction(self, correction_id: int) -> Correction:
        """Undo one correction (it stays in the log, marked undone) and put back what it changed.

        Raises:
            StorylineError: E406 when there is no such correction in force.
        """
        from .compare.constraints import STORY_KINDS, restore

        with self.store.transaction():
            c = CorrectionLog(self.store).undo(correction_id)
            if c.kind in STORY_KINDS:
                old = self._assignment()
                self._refresh(old, restore(old, c.data.get("before", {})))
            elif c.kind == "outlet":
                self._refresh(renamed=True)
            elif c.kind == "article":
                self._undo_article(c.data)
        return c

    def correction_problems(self) -> list[str]:
        """The story corrections in force that the stored stories do not keep (``storyline check``), in words."""
        constraints = stored_constraints(self.store)
        if not constraints:
            return []
        old = self._assignment()
        moved = sum(ids != old.get(sid) for sid, ids in constraints.enforce(old).items())
        if not moved:
            return []
        return [
            f"{moved} stor{'y does' if moved == 1 else 'ies do'} not keep the corrections in force (see storyline "
            "corrections list); run with --repair"
        ]

    # -------------------------------------------------------------------------------------- stories

    @_atomic
    def merge_stories(self, story_id: str, other_id: str) -> Correction:
        """``other_id``'s articles join ``story_id`` (which keeps its id), now and whenever stories are rebuilt.

        Raises:
            StorylineError: E401 for an unknown story; E405 when both are the same story.
        """
        into, other = self._story(story_id), self._story(other_id)
        if into.id == other.id:
            raise StorylineError(E_BAD_CORRECTION, f"cannot merge story {story_id} with itself: name two stories")
        data = {
            "story": into.id,
            "other": other.id,
            "into": list(into.article_ids),
            "from": list(other.article_ids),
            "before": {into.id: list(into.article_ids), other.id: list(other.article_ids)},
        }
        n = len(into.article_ids) + len(other.article_ids)
        return self._record("merge", f"merged {other.id} into {into.id} ({n} articles)", data)

    @_atomic
    def split_story(self, story_id: str, article_ids: Sequence[str]) -> tuple[Correction, str]:
        """The named articles of ``story_id`` leave it and form a new story, kept apart from the rest.

        Articles may be named by an unambiguous start of their id (6 characters at least).

        Returns:
            The correction and the new story's id.

        Raises:
            StorylineError: E401 for an unknown story; E405 when an article is not in it, or all of it is named.
        """
        story = self._story(story_id)
        named = list(dict.fromkeys(self._member(ref, story) for ref in article_ids))
        if not named:
            raise StorylineError(E_BAD_CORRECTION, f"name the articles of {story.id} that form the new story")
        rest = [a for a in story.article_ids if a not in named]
        if not rest:
            raise StorylineError(
                E_BAD_CORRECTION,
                f"these are all the articles of {story.id}: name only those that belong to another story",
            )
        data = {
            "story": story.id,
            "articles": named,
            "rest": rest,
            "before": {story.id: list(story.article_ids)},
        }
        c = self._record("split", f"split {len(named)} of {len(story.article_ids)} articles out of {story.id}", data)
        moved = self.store.get_article(named[0])
        return c, (moved.story_id if moved and moved.story_id else "")

    @_atomic
    def move_article(self, article_ref: str, story_id: str) -> Correction:
        """An article leaves its story for ``story_id``, now and whenever stories are rebuilt.

        Raises:
            StorylineError: E404 for an unknown article; E401 for an unknown story; E405 when it is already there.
        """
        article = self._article(article_ref)
        target = self._story(story_id)
        if article.id in target.article_ids:
            raise StorylineError(E_BAD_CORRECTION, f"article {article.id} is already in story {target.id}")
        old = self.store.get_story(article.story_id) if article.story_id else None
        from_members = list(old.article_ids) if old else [article.id]
        data = {
            "article": article.id,
            "story": target.id,
            "members": list(target.article_ids),
            "from_story": old.id if old else None,
            "from_members": from_members,
            "before": {**({old.id: from_members} if old else {}), target.id: list(target.article_ids)},
        }
        where = f" from {old.id}" if old else ""
        return self._record("move", f"moved article {article.id}{where} to {target.id}", data)

    def recluster(self) -> None:
        """Group every article into stories again from scratch, keeping every correction in force.

        Stories keep the id of the old story they share most articles with; the others get new ids.
        """
        from .compare.cluster import assign_stories, cluster_config
        from .compare.constraints import keep_ids

        arts = self.store.articles()
        old = self._assignment()
        constraints = stored_constraints(self.store)
        fresh = assign_stories(arts, {}, cluster_config(self.config), constraints)
        if constraints:
            fresh = constraints.enforce(fresh)
        with self.store.transaction():
            self._write_assignment(keep_ids(fresh, old))
            self.rebuild()

    # ------------------------------------------------------------------------------------- curation

    @_atomic
    def rename_outlet(self, old: str, new: str) -> Correction:
        """Call outlet ``old`` ``new`` everywhere; naming an outlet that exists merges the two into one.

        Raises:
            StorylineError: E405 when no article is from ``old``, or ``new`` is empty or the same.
        """
        name = one_line(new) or ""
        outlets = sorted({outlet_label(a) for a in self.store.articles()})
        if old not in outlets:
            shown = ", ".join(repr(o) for o in outlets[:20]) + (" …" if len(outlets) > 20 else "")
            raise StorylineError(
                E_BAD_CORRECTION, f"no article is from the outlet {old!r} (outlets: {shown or 'none'})"
            )
        if not name or name == old:
            raise StorylineError(E_BAD_CORRECTION, f"give the new name for {old!r} (not empty, not the same)")
        verb = "merged" if name in outlets else "renamed"
        return self._record("outlet", f"{verb} outlet {old!r} into {name!r}", {"old": old, "new": name})

    @_atomic
    def mark_claim_wrong(self, claim_id: str, article_ref: str | None = None) -> Correction:
        """Mark a claim row wrong (it is no longer shown), or with ``article_ref`` only that article's alignment
        to it (the article's cell leaves the row; a row left with one source goes).

        Raises:
            StorylineError: E407 for an unknown claim; E405 when the article is not on the row.
        """
        sid = claim_id.rsplit("-c", 1)[0]
        stored = self.store.get_story(sid) if sid and sid != claim_id else None
        story = self.curated_story(stored) if stored else None
        claim = next((c for c in story.claims if c.id == claim_id), None) if story else None
        if claim is None or story is None:
            raise StorylineError(
                E_NO_CLAIM, f"no claim {claim_id!r} is shown now: see the claim ids in the story's dossier (s1-c2)"
            )
        row = sorted({*cite_spans(claim.support), *cite_spans(claim.conflicts)})
        article_id = None
        if article_ref:
            on_row = sorted({s[0] for s in row})
            article_id = _resolve(article_ref, on_row, f"on the row of claim {claim_id}")
        data = {
            "story": story.id,
            "claim": claim.id,
            "kind": claim.kind,
            "text": claim.text,
            "row": [{"article_id": a, "start": s, "end": e} for a, s, e in row],
            "article_id": article_id,
        }
        what = f"the alignment of article {article_id} to" if article_id else "the row of"
        return self._record("claim", f"marked {what} claim {claim.id} wrong: {claim.text[:80]}", data)

    @_atomic
    def hide_quote(self, quote_ref: str) -> Correction:
        """Hide one quote (named ``<article_id>:<start>-<end>``, as the dossier cites it) from every dossier.

        Raises:
            StorylineError: E407 when no quote is found there.
        """
        span = parse_quote_id(quote_ref)
        article = self.store.get_article(span[0]) if span else None
        quote = next((q for q in article.quotes if (q.start, q.end) == span[1:]), None) if article and span else None
        if quote is None or article is None:
            raise StorylineError(
                E_NO_CLAIM,
                f"no quote {quote_ref!r}: name it as ARTICLE_ID:START-END, the cite of the quote in the dossier",
            )
        data = {"article_id": article.id, "start": quote.start, "end": quote.end, "text": quote.text[:300]}
        qid = quote_id(article.id, quote.start, quote.end)
        return self._record("quote", f"hid quote {qid}: {quote.text[:80]}", data)

    def curated_story(self, story: Story) -> Story:
        """A stored story as it is shown: claims marked wrong and hidden quotes left out."""
        cur = stored_curation(self.store)
        if not cur.touches(story):
            return story
        return cur.story(story, self.store.articles(story.article_ids))

    def curated_articles(self, articles: Sequence[Article]) -> list[Article]:
        """Articles as they are shown: hidden quotes left out."""
        return stored_curation(self.store).articles(articles)

    # -------------------------------------------------------------------------------------- helpers

    def _record(self, kind: str, summary: str, data: dict[str, Any]) -> Correction:
        """Log the correction and apply it, in one transaction: a failure leaves neither."""
        from .compare.constraints import STORY_KINDS

        with self.store.transaction():
            c = CorrectionLog(self.store).add(kind, summary, data)
            if kind in STORY_KINDS or kind == "outlet":
                self._refresh(renamed=kind == "outlet")
        return c

    def _refresh(
        self,
        old: dict[str, list[str]] | None = None,
        start: dict[str, list[str]] | None = None,
        *,
        renamed: bool = False,
    ) -> None:
        """Make the stored stories keep the corrections in force, rebuilding only the stories that change.

        ``old`` is the stored grouping (read when not given), ``start`` the grouping to correct from (an undo's
        restored one; else ``old``); with ``renamed``, outlet names are applied to every article first and the
        stories holding a renamed article are rebuilt. A store whose stories do not cover every article yet
        runs the whole corpus stages instead.
        """
        from .compare.story import build_story
        from .pipeline import infer_from_story

        if not self.store.corpus_built():
            if start is not None:
                self._write_assignment(start)
            self.rebuild()
            return
        old = self._assignment() if old is None else old
        constraints = stored_constraints(self.store)
        mapping = constraints.enforce(start if start is not None else old)
        dirty = {sid for sid, ids in mapping.items() if ids != old.get(sid)}
        changed: dict[str, Article] = {}
        if renamed:
            arts = self.store.articles()
            touched = set(stored_curation(self.store).rename_outlets(arts))
            changed = {a.id: a for a in arts if a.id in touched}
            dirty |= {sid for sid, ids in mapping.items() if touched & set(ids)}
        if not dirty and mapping.keys() == old.keys():
            return
        entities = self.store.entities()
        stored = {st.id: st for st in self.store.stories()}
        stories: list[Story] = []
        for sid in sorted(mapping, key=story_order):
            if sid not in dirty:
                stories.append(stored[sid])
                continue
            found = {a.id: a for a in self.store.articles(mapping[sid])}
            members = [changed.get(i) or found[i] for i in mapping[sid] if i in found]
            redated = set(infer_from_story(members))
            for a in members:
                if a.story_id != sid or a.id in redated:
                    a.story_id = sid
                    changed[a.id] = a
            stories.append(build_story(sid, members, entities, self.config))
        self.store.replace_stories(stories)
        for a in changed.values():
            self.store.put_article(a)

    def _story(self, story_id: str) -> Story:
        s = self.store.get_story(story_id)
        if s is None:
            known = ", ".join(x.id for x in self.store.stories()[:30]) or "none yet"
            raise StorylineError("E401", f"no story {story_id!r} in {self.store.path} (stories: {known})")
        return s

    def _article(self, ref: str) -> Article:
        a = self.store.get_article(ref)
        if a is None and len(ref) >= MIN_PREFIX:
            ids = [x.id for x in self.store.articles() if x.id.startswith(ref)]
            if len(ids) == 1:
                a = self.store.get_article(ids[0])
        if a is None:
            raise StorylineError(
                E_NO_ARTICLE,
                f"no article {ref!r} in {self.store.path}: name it by its id (storyline export lists them)",
            )
        return a

    def _member(self, ref: str, story: Story) -> str:
        return _resolve(ref, story.article_ids, f"in story {story.id}")

    def _assignment(self) -> dict[str, list[str]]:
        return {s.id: list(s.article_ids) for s in self.store.stories()}

    def _write_assignment(self, mapping: dict[str, list[str]]) -> None:
        """Store which articles each story has (the next rebuild builds the stories from it)."""
        stories = {s.id: s for s in self.store.stories()}
        self.store.replace_stories(
            [
                dataclasses.replace(stories[sid], article_ids=ids) if sid in stories else Story(sid, "", None, ids)
                for sid, ids in mapping.items()
            ]
        )


def _resolve(ref: str, ids: Sequence[str], where: str) -> str:
    """The one id in ``ids`` that is ``ref`` or starts with it (at least :data:`MIN_PREFIX` characters)."""
    if ref in ids:
        return ref
    found = [i for i in ids if len(ref) >= MIN_PREFIX and i.startswith(ref)]
    if len(found) == 1:
        return found[0]
    shown = ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")
    why = "names several articles" if found else "is not an article"
    raise StorylineError(E_BAD_CORRECTION, f"{ref!r} {why} {where} (its articles: {shown})")


__all__ = ["Corrections", "stored_constraints", "stored_curation"]
