"""Correcting a stored article's outlet, publication date or web address, and what depends on them.

:class:`ArticleFixes` is mixed into :class:`storyline.api.Corpus`. ``storyline articles set ID --source NAME
--published DATE`` (and :meth:`ArticleFixes.set_article`) records the correction in the store's log, sets the
fields with ``source_how``/``published_how`` ``"user"``, resolves the article's dates against the new anchor
(the pipeline's *dates* stage, :func:`storyline.pipeline.date_article`) and re-runs the corpus stages
(:meth:`~storyline.api.Corpus.rebuild`: entities, stories, claims, the event dates). Re-ingesting a file with
``--source``/``--published`` or a manifest applies the same fix (:func:`apply_fix`) without a log entry.

Example:
    >>> a = Article(id="a1", path="a.txt", raw="", text="The talks ended on Monday.")
    >>> apply_fix(a, Fix(source="Reuters", published="2025-11-26")), a.source_how, a.published_how
    (True, 'user', 'user')
    >>> [d.value for d in a.dates]
    ['2025-11-24']
    >>> apply_fix(a, Fix(source="Reuters"))
    False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import StorylineError
from .model import Article, Correction
from .store.corrections import CorrectionLog
from .text import one_line

# The dating and story stages are imported where they run (as in :mod:`storyline.api`): reading a store needs
# none of them.
if TYPE_CHECKING:
    from .config import Config
    from .pipeline import ProgressFn
    from .store.base import Store

E_BAD_CORRECTION = "E405"

#: The article fields a fix sets, and restores on undo.
FIELDS = ("source", "source_how", "source_why", "published", "published_how", "published_why", "url")


@dataclass(frozen=True, slots=True)
class Fix:
    """What the user says about an article; ``None`` leaves a field as it is.

    ``why`` says where it was given (``"given with --source"``, ``"manifest.csv row 3"``).
    """

    source: str | None = None
    published: str | None = None
    url: str | None = None
    why: str = "given by the user"

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.source, self.published, self.url))

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any]) -> Fix:
        """The fix an ingest's per-file settings ask for (``source``, ``published``, ``url``, ``source_why``)."""
        return cls(
            overrides.get("source"),
            overrides.get("published"),
            overrides.get("url"),
            overrides.get("source_why") or "given when ingesting again",
        )


def apply_fix(a: Article, fix: Fix) -> bool:
    """Set what ``fix`` gives on ``a`` (as the user's) and re-date it when its date changed.

    Returns:
        True when anything changed.
    """
    from .pipeline import date_article

    changed = False
    source = one_line(fix.source)
    if source and (a.source, a.source_how) != (source, "user"):
        a.source, a.source_how, a.source_why = source, "user", fix.why
        changed = True
    if fix.url and a.url != fix.url:
        a.url = fix.url
        changed = True
    if fix.published and (a.published, a.published_how) != (fix.published, "user"):
        a.published, a.published_how, a.published_why = fix.published, "user", fix.why
        date_article(a)  # relative dates resolved against the new anchor, figures' times again
        changed = True
    return changed


def check_date(value: str | None) -> str | None:
    """``value`` as ``YYYY-MM-DD``, None for None; a date that cannot be read is an E405 error."""
    if value is None:
        return None
    from .analyse.dates import parse_date_string

    day = parse_date_string(value)
    if day is None:
        raise StorylineError(E_BAD_CORRECTION, f"cannot read {value!r} as a date: give it as YYYY-MM-DD")
    return day


class ArticleFixes:
    """Corrections of a stored article's metadata (mixed into :class:`~storyline.api.Corpus`)."""

    if TYPE_CHECKING:
        store: Store
        config: Config

        def rebuild(self, progress: ProgressFn | None = None) -> None: ...

        def _article(self, ref: str) -> Article: ...

    def set_article(
        self,
        article_ref: str,
        *,
        source: str | None = None,
        published: str | None = None,
        url: str | None = None,
    ) -> Correction:
        """Correct an article's outlet, publication date or web address; the stories are rebuilt from it.

        The article may be named by an unambiguous start of its id (6 characters at least). The correction is
        logged (``storyline corrections list``) and can be undone, which puts back what the machine had found.

        Raises:
            StorylineError: E404 for an unknown article; E405 when nothing is given, a date cannot be read or
            nothing would change.
        """
        fix = Fix(one_line(source), check_date(published), one_line(url))
        if not fix:
            raise StorylineError(E_BAD_CORRECTION, "give --source, --published or --url to set")
        with self.store.transaction():
            a = self._article(article_ref)
            before = {k: getattr(a, k) for k in FIELDS}
            what = ", ".join(f"{k} {v!r}" for k, v in (("source", fix.source), ("published", fix.published),
                                                      ("url", fix.url)) if v)  # fmt: skip
            fix = Fix(fix.source, fix.published, fix.url, "set with storyline articles set")
            if not apply_fix(a, fix):
                raise StorylineError(E_BAD_CORRECTION, f"article {a.id} already has {what}")
            after = {k: getattr(a, k) for k in FIELDS}
            c = CorrectionLog(self.store).add(
                "article", f"set {what} of article {a.id}", {"article": a.id, "before": before, "after": after}
            )
            self.store.put_article(a)
            self.rebuild()
            self.rebuild_stories_of([a.id])
        return c

    def _undo_article(self, data: dict[str, Any]) -> None:
        """Put back the fields an ``article`` correction changed, re-date the article, rebuild the stories."""
        from .pipeline import date_article

        a = self.store.get_article(str(data.get("article")))
        if a is None:
            return
        before = data.get("before", {})
        for k in FIELDS:
            setattr(a, k, before.get(k))
        date_article(a)
        self.store.put_article(a)
        self.rebuild()
        self.rebuild_stories_of([a.id])

    def rebuild_stories_of(self, article_ids: Sequence[str]) -> None:
        """Build again the stories holding these articles, whose fields changed outside the corpus stages: their
        event dates, timelines and claims read the new outlet and date (a rebuild that keeps unchanged stories
        as built would not see it)."""
        if not article_ids:
            return
        from .compare.story import build_story
        from .incremental import reindex

        sids = {a.story_id for a in self.store.articles(list(article_ids)) if a.story_id}
        stories = []
        for sid, ids in self.store.story_members(sids).items():
            members = self.store.articles(ids)
            named = {m.entity_id for a in members for m in a.mentions if m.entity_id}
            named |= {q.speaker_entity_id for a in members for q in a.quotes if q.speaker_entity_id}
            stories.append(build_story(sid, members, self.store.get_entities(named, with_mentions=False), self.config))
        if stories:
            self.store.put_stories(stories)
        reindex(self.store, self.store.articles(list(article_ids)), self.config)

    def _fix_stored(self, article_id: str, fix: Fix) -> bool:
        """Apply an ingest's per-file settings to an article already stored; True when it changed."""
        a = self.store.get_article(article_id) if fix else None
        if a is None or not apply_fix(a, fix):
            return False
        self.store.put_article(a)
        return True


__all__ = ["FIELDS", "ArticleFixes", "Fix", "apply_fix", "check_date"]
