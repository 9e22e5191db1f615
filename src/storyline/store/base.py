"""What every store backend offers: the :class:`Store` protocol and :class:`SearchHit`.

SQLite (:mod:`storyline.store.sqlite`) is the default; PostgreSQL (:mod:`storyline.store.postgres`, for a
``postgresql://`` URL) satisfies the same protocol. Stages never talk SQL, they call these methods.

Example:
    >>> from storyline.store.base import open_store
    >>> from storyline.model import Article
    >>> with open_store(":memory:") as store:
    ...     store.put_article(Article(id="a1", path="a1.txt", raw="", text="Rare earths rose."))
    ...     [h.snippet for h in store.search("earth")]
    True
    ['Rare [[earths]] rose.']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from storyline.errors import StorylineError
from storyline.model import Article, Cite, Entity, Story

if TYPE_CHECKING:
    from storyline.store.listing import EntityRow, StoryLine, StoryQuery, StoryRow

WRITES = "writes"
"""Meta key: a counter every write transaction raises when it begins (rolled back with it), so a reader can tell
with one query whether anything changed since it last looked (the web app's page cache)."""
COUNT_WRITE = (
    "INSERT INTO meta (key, value) VALUES ('writes', '1') ON CONFLICT (key) DO UPDATE"
    " SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
)
"""The statement that raises :data:`WRITES` (the same on both backends)."""

IndexRow = tuple[str, str, str | None, int]
"""``(key, ref, value, n)``: one row of the corpus index (:mod:`storyline.store.corpus_index`)."""

CHUNK = 500
"""Most values bound in one ``IN (...)`` list."""


def chunks(values: Iterable[str]) -> list[list[str]]:
    """``values`` once each, in order, cut into lists of at most :data:`CHUNK` (one ``IN (...)`` list each).

    Example:
        >>> [len(c) for c in chunks(str(i) for i in [*range(1200), 5])]
        [500, 500, 200]
    """
    items = list(dict.fromkeys(values))
    return [items[k : k + CHUNK] for k in range(0, len(items), CHUNK)]


HIGHLIGHT_OPEN = "[["
HIGHLIGHT_CLOSE = "]]"
ARTICLES_VERSION = "articles_version"
"""Meta key: a counter raised by every new article, so the corpus stages can tell whether what they read is
still all there is when they store their result, and record which article set they covered (the stage
state: :mod:`storyline.store.stages`)."""


@dataclass(slots=True)
class SearchHit:
    """One matching sentence, citable as ``(article_id, start, end)``.

    Attributes:
        article_id: The article the sentence is in.
        start: The sentence's start offset in the article's cleaned text.
        end: The sentence's end offset (exclusive).
        text: The sentence, equal to ``article.text[start:end]``.
        snippet: The sentence with each match wrapped in ``[[`` and ``]]``; renderers escape
            the text first, then turn the markers into markup.
        title: The article's title.
        source: The article's source (outlet).
        rank: The bm25 score; lower is better (SQLite's bm25 is negative).
        published: The article's publication date, when known.
        story_id: The story the article belongs to, when clustered.
        path: The article's file, for a label when no outlet is known.
    """

    article_id: str
    start: int
    end: int
    text: str
    snippet: str
    title: str | None
    source: str | None
    rank: float
    published: str | None = None
    story_id: str | None = None
    path: str = ""  # the article's file (names an outlet the text does not)

    @property
    def cite(self) -> Cite:
        """The hit as a :class:`~storyline.model.Cite`."""
        return Cite(self.article_id, self.start, self.end)


@runtime_checkable
class Store(Protocol):
    """A persistent home for articles, entities and stories.

    Write methods are atomic on their own; wrap a unit of work (one ingested file) in
    :meth:`transaction` to make it atomic as a whole.
    """

    path: str

    def transaction(self) -> AbstractContextManager[None]:
        """Run a block in one transaction: commit on success, roll back on an exception.

        Nested calls join the outer transaction (a failing inner block is rolled back to
        where it started); only the outermost commits.
        """
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Read in one snapshot: every read inside sees the store as of the first (a write ends it)."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Return True if an article with this id is stored."""
        ...

    def put_article(self, article: Article) -> bool:
        """Insert or replace an article and its search index rows.

        Returns:
            True if the article was new, False if it replaced (or equalled) a stored one.
        """
        ...

    def get_article(self, article_id: str) -> Article | None:
        """Return the stored article, or None."""
        ...

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Return all articles, or those with the given ids, by (published, path); undated last."""
        ...

    def article_count(self) -> int:
        """Return how many articles are stored."""
        ...

    def set_story(self, article_id: str, story_id: str | None, duplicate_of: str | None = None) -> None:
        """Record which story an article belongs to and what it duplicates."""
        ...

    def replace_entities(self, entities: Sequence[Entity]) -> None:
        """Replace all corpus-level entities (and their mention index)."""
        ...

    def entities(self) -> list[Entity]:
        """Return all entities in the order they were stored."""
        ...

    def get_entity(self, entity_id: str) -> Entity | None:
        """Return one entity, or None."""
        ...

    def entities_in(self, article_id: str) -> list[Entity]:
        """Return the entities mentioned in an article, most mentioned first, each with its mentions there."""
        ...

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Replace all stories."""
        ...

    def stories(self) -> list[Story]:
        """Return all stories in the order they were stored."""
        ...

    def get_story(self, story_id: str) -> Story | None:
        """Return one story, or None."""
        ...

    def iter_stories(self) -> Iterator[Story]:
        """Every story in list order, read a page at a time (never the whole list in memory)."""
        ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over sentences; any user input is accepted, none raises."""
        ...

    def get_meta(self, key: str) -> str | None:
        """Return a stored metadata value, or None."""
        ...

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value (run settings, model versions, ...)."""
        ...

    def check(self) -> list[str]:
        """Integrity problems in words (the database's own check, orphan rows, stories older than the
        last article written); an empty list when all is well."""
        ...

    def remove_orphans(self) -> int:
        """Delete index rows whose article or entity is gone; return how many."""
        ...

    # -- the corpus index, partial writes, listings, dossiers (see storyline.store.corpus_index) --

    def index_rows(self, kind: str, keys: Iterable[str]) -> list[IndexRow]:
        """The corpus index rows ``(key, ref, value, n)`` of ``kind`` with one of these keys."""
        ...

    def index_refs(self, kind: str, refs: Iterable[str]) -> list[IndexRow]:
        """The corpus index rows of ``kind`` pointing at one of these refs."""
        ...

    def put_index(self, kind: str, rows: Sequence[IndexRow]) -> None:
        """Insert or replace corpus index rows of ``kind``."""
        ...

    def add_counts(self, kind: str, counts: Mapping[str, int]) -> None:
        """Add to the counts of keys of ``kind``."""
        ...

    def drop_index(self, kind: str, refs: Iterable[str] | None = None) -> None:
        """Delete the index rows of ``kind`` (pointing at ``refs``, when given)."""
        ...

    def drop_index_keys(self, kind: str, keys: Iterable[str]) -> None:
        """Delete the index rows of ``kind`` with one of these keys."""
        ...

    def index_size(self, kind: str) -> int:
        """How many index rows of ``kind`` are stored."""
        ...

    def unindexed_articles(self) -> list[str]:
        """The stored articles the corpus index has no profile of."""
        ...

    def article_states(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None, str | None, str]]:
        """``{article id: (story_id, duplicate_of, published, path)}`` for the stored ones of ``ids``."""
        ...

    def duplicates_of(self, ids: Iterable[str]) -> list[str]:
        """The stored articles marked as copies of one of ``ids``."""
        ...

    def put_stories(self, stories: Sequence[Story], removed: Iterable[str] = ()) -> None:
        """Insert or replace some stories and delete the ``removed`` ones; the others stay as they are."""
        ...

    def story_members(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """``{story id: its article ids}`` for the stored ones of ``ids``."""
        ...

    def story_ids(self) -> list[str]:
        """Every story's id, in list order."""
        ...

    def list_stories(
        self, query: StoryQuery | None = None, offset: int = 0, limit: int = 50, *, after: int | None = None
    ) -> tuple[list[StoryRow], int]:
        """One page of the stories list and how many stories the query matches (``after``: the page past the row
        at that position, keyset paging)."""
        ...

    def story_lines(self, offset: int = 0, limit: int | None = None) -> list[StoryLine]:
        """The stories list's lines past the first ``offset`` (at most ``limit``, all when None), in list order:
        ``(id, title, event_date, articles, sources, updating)``, what ``storyline stories`` prints."""
        ...

    def stories_near(self, story_id: str, limit: int) -> list[tuple[str, str]]:
        """Up to ``limit`` other stories nearest ``story_id`` in list order, as ``(id, title)``."""
        ...

    def outlet_names(self) -> list[str]:
        """Every outlet named by a stored article."""
        ...

    def listing_stale(self) -> bool:
        """True when some story has no listing columns yet."""
        ...

    def refresh_listing(self) -> int:
        """Fill the listing columns of stories that have none; return how many."""
        ...

    def put_entities(self, entities: Sequence[Entity], articles: Iterable[str] | None = None) -> None:
        """Insert or replace some entities and their mentions index (only in ``articles``, when given)."""
        ...

    def get_entities(self, ids: Iterable[str], *, with_mentions: bool = True) -> list[Entity]:
        """The stored ones of ``ids`` (without their mentions when ``with_mentions`` is False)."""
        ...

    def list_entities(
        self, type_: str = "", query: str = "", offset: int = 0, limit: int = 50
    ) -> tuple[list[EntityRow], int]:
        """One page of the entities list, most mentioned first, and how many match."""
        ...

    def mentions_in(self, entity_id: str, article_ids: Iterable[str]) -> list[Cite]:
        """An entity's mentions in these articles, in order."""
        ...

    def entity_mention_count(self, entity_id: str) -> int:
        """How many mentions an entity has."""
        ...

    def entity_types(self) -> list[str]:
        """The entity types in the store."""
        ...

    def mentioned_articles(self, entity_id: str, offset: int = 0, limit: int | None = None) -> tuple[list[str], int]:
        """A page of the articles mentioning an entity, and how many there are."""
        ...

    def write_count(self) -> int:
        """How many write transactions the store has committed (see :data:`WRITES`)."""
        ...

    def get_dossier(self, story: Story) -> dict[str, Any] | None:
        """The stored dossier of ``story`` (JSON form), when built from the story as it is now."""
        ...

    def stored_dossier(self, story_id: str) -> dict[str, Any] | None:
        """The stored dossier of a story as it is stored now (JSON form), without reading the story."""
        ...

    def dossier_ids(self) -> list[str]:
        """The stories with a stored dossier."""
        ...

    def has_stored_dossier(self, story_id: str) -> bool:
        """Whether :meth:`stored_dossier` finds one, without reading it."""
        ...

    def put_dossier(self, story: Story, doc: Mapping[str, Any] | str, *, as_stored: bool = False) -> None:
        """Store the dossier built from ``story`` (its JSON form, or its JSON text); ``as_stored``: keyed by the
        story's stored row, ``story`` being read from the store unchanged."""
        ...

    def forget_dossiers(self, story_ids: Iterable[str] | None = None) -> None:
        """Delete the stored dossiers of these stories (of all when None)."""
        ...

    # -- stale stories: filed new articles, waiting to be built again (see storyline.store.stale) ---------

    def mark_stale(self, story_ids: Iterable[str]) -> None:
        """Mark these stories as waiting to be built again."""
        ...

    def clear_stale(self, story_ids: Iterable[str] | None = None) -> None:
        """Take the marks off these stories (off every story when None)."""
        ...

    def stale_stories(self) -> list[str]:
        """The marked stories, by number."""
        ...

    def stale_mark(self, story_id: str) -> int | None:
        """The write at which ``story_id`` was last marked, None when it is not."""
        ...

    def is_stale(self, story_id: str) -> bool:
        """Whether ``story_id`` waits to be built again."""
        ...

    def stale_among(self, story_ids: Iterable[str]) -> set[str]:
        """The marked ones of ``story_ids``."""
        ...

    # -- stage state: what a stopped ingest left undone (see storyline.store.stages) -------------

    def queue_pending(self, docs: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Record documents read but not yet analysed: ``(article_id, path, doc)``."""
        ...

    def pending(self) -> list[tuple[str, str, dict[str, Any]]]:
        """The documents still waiting to be analysed, in the order queued."""
        ...

    def drop_pending(self, article_ids: Sequence[str]) -> int:
        """Forget waiting documents (their analysis failed and was reported); return how many."""
        ...

    def articles_version(self) -> int:
        """The counter every new article raises."""
        ...

    def mark_corpus_built(self, version: int, articles: int) -> bool:
        """Record that the corpus stages covered the article set of ``version``; False if it changed since."""
        ...

    def corpus_built(self) -> bool:
        """True when every corpus stage covers the current article set."""
        ...

    def stages_of(self, article_id: str) -> dict[str, bool]:
        """Which stages are done for one article."""
        ...

    def stage_counts(self) -> dict[str, int]:
        """How many documents wait, and how many articles each stage has done."""
        ...

    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(path: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at ``path``.

    Args:
        path: A SQLite file path, ``":memory:"``, or a ``postgresql://`` (``postgres://``) URL of a
            PostgreSQL database (:mod:`storyline.store.postgres`, the ``postgres`` extra).

    Returns:
        The store; close it, or use it as a context manager.

    Raises:
        StorylineError: E301 when the store cannot be opened.
    """
    target = str(path)
    if target.startswith(_POSTGRES_SCHEMES):
        try:
            from storyline.store.postgres import PostgresStore
        except ImportError as exc:
            raise StorylineError(
                "E301",
                f"{without_password(target)}: PostgreSQL stores need psycopg and psycopg-pool ({exc}): "
                "pip install 'storyline[postgres]'",
            ) from exc
        return PostgresStore(target)
    from storyline.store.sqlite import SqliteStore  # late: sqlite imports this module

    return SqliteStore(target)


def without_password(url: str) -> str:
    """Drop the ``user:password@`` part of a database URL, and any password parameter, before showing it.

    Example:
        >>> without_password("postgresql://me:secret@db.example:5432/news?password=x&sslmode=require")
        'postgresql://db.example:5432/news?sslmode=require'
    """
    scheme, sep, rest = url.partition("://")
    base, q, query = rest.rpartition("@")[2].partition("?")
    kept = [p for p in query.split("&") if p and not p.lower().startswith("password=")]
    return scheme + sep + base + (q + "&".join(kept) if kept else "")
