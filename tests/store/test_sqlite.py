"""Tests for the stores: round trips, search, transactions on both backends (the ``target`` fixture: SQLite
and PostgreSQL); the SQLite file's own settings and migrations (PostgreSQL's: test_postgres.py)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import is_postgres, sql

from storyline.errors import StorylineError
from storyline.model import (
    Article,
    Cite,
    DateMention,
    Entity,
    Mention,
    NumberMention,
    Quote,
    Removal,
    Sentence,
    Story,
    SummarySentence,
    TimelineItem,
)
from storyline.store import migrations
from storyline.store.base import SearchHit, Store, open_store
from storyline.store.sqlite import SqliteStore, fts_query, search_units
from storyline.store.sqlite import open_store as open_store_from_sqlite

# -- builders ---------------------------------------------------------------------------------


def sentences_of(text: str) -> list[Sentence]:
    """Split on ". " the simple way: good enough for text these tests write."""
    out: list[Sentence] = []
    start = 0
    while start < len(text):
        stop = text.find(". ", start)
        end = len(text) if stop < 0 else stop + 1
        out.append(Sentence(start, end))
        start = end + 1
    return out


def make_article(
    article_id: str = "a1",
    text: str = "Beijing curbed rare earths exports. Tariffs rose by 25%.",
    *,
    path: str | None = None,
    published: str | None = "2025-04-04",
    title: str | None = "China curbs rare earths",
    source: str | None = "Example Times",
) -> Article:
    return Article(
        id=article_id,
        path=path or f"{article_id}.txt",
        raw=f"{title}\n\n{text}\n\nSubscribe now!",
        text=text,
        title=title,
        source=source,
        published=published,
        published_how="metadata",
        sentences=sentences_of(text),
        paragraphs=[(0, len(text))],
    )


def rich_article() -> Article:
    """An article using every field of the model, with non-ASCII text."""
    text = (
        "Xi Jinping met Ishiba Shigeru in Beijing on Friday. "
        '"We will not back down," said the Japanese Prime Minister. '
        "Exports of rare earths fell 12% to ¥3.4 billion — a two-year low."
    )
    sents = sentences_of(text)
    return Article(
        id="rich",
        path="corpus/rich.html",
        raw="<html><body><p>Xi Jinping met …</p><nav>Home</nav></body></html>",
        text=text,
        title="Xi meets Ishiba",
        title_how="metadata",
        source="Kyōdō Example",
        source_how="url",
        author="Ada Writer",
        url="https://example.org/rich",
        published="2025-04-04T09:30",
        published_how="text",
        published_why="dateline 'April 4, 2025'",
        language="en",
        fmt="html",
        removed=[Removal("Home", "navigation", 3), Removal("Subscribe now!", "boilerplate")],
        paragraphs=[(0, sents[1].end), (sents[2].start, len(text))],
        sentences=sents,
        mentions=[
            Mention(0, 10, "Xi Jinping", "PERSON", entity_id="e-xi"),
            Mention(15, 29, "Ishiba Shigeru", "PERSON", entity_id="e-ishiba", role="Japanese Prime Minister"),
            Mention(33, 40, "Beijing", "GPE", titlecase=True),
        ],
        quotes=[Quote(52, 76, '"We will not back down,"', "direct", "Ishiba Shigeru", "e-ishiba", "said")],
        dates=[DateMention(44, 50, "Friday", "2025-04-04", "weekday")],
        numbers=[
            NumberMention(139, 142, "12%", 12.0, "%", "exports"),
            NumberMention(146, 158, "¥3.4 billion", 3.4e9),
        ],
        story_id="s1",
        duplicate_of=None,
        meta={"feed": "rss", "tags": ["trade", "japan"], "score": 0.5},
    )


def make_entities() -> list[Entity]:
    return [
        Entity("e-xi", "Xi Jinping", "PERSON", aliases=["Xi"], mentions=[Cite("a1", 0, 2), Cite("a2", 5, 7)]),
        Entity(
            "e-ishiba",
            "Ishiba Shigeru",
            "PERSON",
            aliases=["Ishiba"],
            roles=["Japanese Prime Minister"],
            mentions=[Cite("a1", 10, 16), Cite("a1", 30, 36), Cite("a1", 30, 36)],
        ),
        Entity("e-china", "China", "GPE"),
    ]


def make_story(story_id: str = "s1", title: str = "China curbs rare earths") -> Story:
    return Story(
        id=story_id,
        title=title,
        event_date="2025-04-04",
        event_date_why="most articles date it Friday",
        article_ids=["a1", "a2"],
        independent_sources=2,
        summary=[SummarySentence("China curbed exports.", [Cite("a1", 0, 35), Cite("a2", 0, 10)])],
        timeline=[TimelineItem("2025-04-04", "Curbs announced", [Cite("a1", 0, 35)])],
        key_sentences=[SummarySentence("Tariffs rose by 25%.", [Cite("a1", 36, 56)])],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    """A new store on each backend."""
    s = open_store(target)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(db_path)
    yield s
    s.close()


def fts_ok(store: Store) -> None:
    """Fail if the search index and the sentences table disagree."""
    if is_postgres(store):  # a generated column: check it holds what it is generated from
        stale = "SELECT count(*) FROM sentences WHERE tsv IS DISTINCT FROM to_tsvector('storyline_english', text)"
        assert sql(store, stale) == [(0,)]
        return
    assert isinstance(store, SqliteStore)
    conn = store.connection
    conn.execute("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")
    n_sentences = conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
    n_docs = conn.execute("SELECT count(*) FROM sentences_fts_docsize").fetchone()[0]
    assert n_sentences == n_docs


# -- opening ----------------------------------------------------------------------------------


def test_open_store_gives_a_sqlite_store_satisfying_the_protocol(db_path: Path) -> None:
    with open_store(db_path) as s:
        assert isinstance(s, SqliteStore)
        assert isinstance(s, Store)
        assert s.path == str(db_path)
    assert open_store_from_sqlite is open_store


def test_open_store_creates_missing_folders(tmp_path: Path) -> None:
    with open_store(tmp_path / "a" / "b" / "store.db") as s:
        assert s.article_count() == 0
    assert (tmp_path / "a" / "b" / "store.db").is_file()


def test_postgres_url_that_cannot_be_reached_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(StorylineError) as info:
        open_store("postgresql://me:secret@127.0.0.1:1/news?password=secret&connect_timeout=5")
    assert info.value.code == "E301"
    assert "postgresql://127.0.0.1:1/news?connect_timeout=5" in str(info.value)
    assert "secret" not in str(info.value)


def test_pragmas_wal_foreign_keys_synchronous_busy_timeout(sqlite_store: SqliteStore) -> None:
    conn = sqlite_store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_in_memory_store_works() -> None:
    with SqliteStore(":memory:") as s:
        assert s.put_article(make_article())
        assert s.search("tariffs")


# -- articles ---------------------------------------------------------------------------------


def test_article_round_trips_every_field(store: Store) -> None:
    article = rich_article()
    assert store.put_article(article) is True
    assert store.get_article("rich") == article


def test_article_round_trips_after_reopen(target: str) -> None:
    article = rich_article()
    with open_store(target) as s:
        s.put_article(article)
    with open_store(target) as s:
        assert s.get_article("rich") == article
        assert s.articles() == [article]


def test_put_article_twice_is_a_no_op(store: Store) -> None:
    assert store.put_article(make_article()) is True
    before = sql(store, "SELECT id FROM sentences ORDER BY id")
    assert store.put_article(make_article()) is False
    after = sql(store, "SELECT id FROM sentences ORDER BY id")
    assert before == after
    assert store.article_count() == 1
    fts_ok(store)


def test_put_article_replaces_a_changed_article_and_its_index(store: Store) -> None:
    store.put_article(make_article(text="Beijing curbed rare earths exports. Tariffs rose."))
    changed = make_article(text="Copper prices climbed. Lithium held steady.")
    assert store.put_article(changed) is False
    assert store.get_article("a1") == changed
    assert store.search("earths") == []
    assert [h.text for h in store.search("copper")] == ["Copper prices climbed."]
    fts_ok(store)


def test_put_article_with_only_a_new_story_keeps_the_index(store: Store) -> None:
    store.put_article(make_article())
    before = sql(store, "SELECT id FROM sentences ORDER BY id")
    clustered = make_article()
    clustered.story_id = "s9"
    assert store.put_article(clustered) is False
    after = sql(store, "SELECT id FROM sentences ORDER BY id")
    assert before == after
    assert [h.story_id for h in store.search("tariffs")] == ["s9"]


def test_has_article_and_get_missing(store: Store) -> None:
    assert not store.has_article("a1")
    assert store.get_article("a1") is None
    store.put_article(make_article())
    assert store.has_article("a1")


def test_articles_ordered_by_published_then_path_undated_last(store: Store) -> None:
    store.put_article(make_article("late", published="2025-04-05", path="z.txt"))
    store.put_article(make_article("undated", published=None, path="a.txt"))
    store.put_article(make_article("early-b", published="2025-04-01", path="b.txt"))
    store.put_article(make_article("early-a", published="2025-04-01", path="a.txt"))
    assert [a.id for a in store.articles()] == ["early-a", "early-b", "late", "undated"]
    assert [a.id for a in store.articles(["late", "early-b", "missing"])] == ["early-b", "late"]
    assert store.articles([]) == []
    assert store.article_count() == 4


def test_set_story_updates_the_article(store: Store) -> None:
    store.put_article(make_article("a1"))
    store.put_article(make_article("a2"))
    store.set_story("a2", "s1", duplicate_of="a1")
    a2 = store.get_article("a2")
    assert a2 is not None and (a2.story_id, a2.duplicate_of) == ("s1", "a1")
    assert store.put_article(a2) is False  # the stored JSON was updated too
    store.set_story("a2", None)
    a2 = store.get_article("a2")
    assert a2 is not None and (a2.story_id, a2.duplicate_of) == (None, None)


def test_set_story_on_unknown_article_raises(store: Store) -> None:
    with pytest.raises(KeyError):
        store.set_story("nope", "s1")


# -- entities and stories -------------------------------------------------------------------


def test_replace_entities_round_trips_in_order(store: Store) -> None:
    entities = make_entities()
    store.replace_entities(entities)
    assert store.entities() == entities
    assert store.get_entity("e-ishiba") == entities[1]
    assert store.get_entity("nope") is None


def test_replace_entities_replaces_all_and_the_mentions_index(store: Store) -> None:
    store.replace_entities(make_entities())
    assert [e.id for e in store.entities_in("a1")] == ["e-ishiba", "e-xi"]  # 2 distinct cites vs 1
    assert [e.id for e in store.entities_in("a2")] == ["e-xi"]
    store.replace_entities([Entity("e-new", "New", "ORG", mentions=[Cite("a3", 0, 3)])])
    assert [e.id for e in store.entities()] == ["e-new"]
    assert store.entities_in("a1") == []
    assert sql(store, "SELECT count(*) FROM mentions") == [(1,)]


def test_replace_stories_round_trips(store: Store) -> None:
    stories = [make_story("s2", "Second"), make_story("s1", "First")]
    store.replace_stories(stories)
    assert store.stories() == stories
    assert store.get_story("s1") == stories[1]
    assert store.get_story("nope") is None
    store.replace_stories([make_story("s3")])
    assert [s.id for s in store.stories()] == ["s3"]


def test_the_stories_list_and_the_dossier_check_never_read_a_story_row(sqlite_store: SqliteStore) -> None:
    """The listing columns come after a story's JSON in its row: read from an index (schema 9), never walked to."""
    from storyline.store.listing import STORY_COLUMNS, StoryQuery, story_where

    sqlite_store.replace_stories([make_story("s1"), make_story("s2")])
    queries = [
        f"SELECT {STORY_COLUMNS} FROM stories WHERE {story_where(q, '?')[0]} ORDER BY pos LIMIT 50 OFFSET 0"
        for q in (StoryQuery(), StoryQuery(date_from="2025-01-01", date_to="2025-12-31", outlet="Example Times"))
    ]
    queries.append(
        "SELECT 1 FROM dossiers d JOIN stories s ON s.id = d.story_id AND s.digest = d.key WHERE d.story_id = ?"
    )
    for q in queries:
        params = ["2025-01-01", "2025-12-31", "%Example%"][: q.count("?")] if "dossiers" not in q else ["s1"]
        plan = " ".join(r[3] for r in sqlite_store.connection.execute(f"EXPLAIN QUERY PLAN {q}", params))
        assert "SCAN stories USING COVERING INDEX" in plan or "SEARCH s USING COVERING INDEX" in plan, plan
    assert [r.id for r in sqlite_store.list_stories(None, 0, 50)[0]] == ["s1", "s2"]


def test_keyset_and_offset_pages_list_every_story_once_in_order(store: Store) -> None:
    """Pages read past the last row's place (``after``) or past an offset, filtered or not, list every story once."""
    from storyline.store.listing import StoryQuery

    stories = [make_story(f"s{k}", f"Story {k}") for k in (7, 3, 1, 5, 2, 4, 6)]
    store.replace_stories(stories)
    for q, want in (
        (None, [s.id for s in stories]),
        (StoryQuery(story_ids=["s1", "s2", "s6", "s7"]), ["s7", "s1", "s2", "s6"]),
    ):
        seen: list[str] = []
        after = None
        while True:
            rows, total = store.list_stories(q, 0, 2, after=after)
            if not rows:
                break
            seen += [r.id for r in rows]
            after = rows[-1].pos
        assert seen == want and total == len(want)
        by_offset = [r.id for k in range(0, len(want) + 2, 2) for r in store.list_stories(q, k, 2)[0]]
        assert by_offset == want
        assert store.list_stories(q, len(want), 2)[0] == []  # past the end: nothing


def test_stories_are_read_a_page_at_a_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.store import corpus_index

    monkeypatch.setattr(corpus_index, "STORIES_PAGE", 2)
    stories = [make_story(f"s{k}", f"Story {k}") for k in (3, 1, 5, 2, 4)]
    store.replace_stories(stories)
    assert list(store.iter_stories()) == store.stories() == stories
    store.replace_stories([])
    assert list(store.iter_stories()) == []


def test_meta(store: Store) -> None:
    assert store.get_meta("model") is None
    store.set_meta("model", "en_core_web_sm-3.8.0")
    store.set_meta("model", "en_core_web_sm-3.8.1")
    assert store.get_meta("model") == "en_core_web_sm-3.8.1"


# -- search ---------------------------------------------------------------------------------


@pytest.fixture
def corpus(store: Store) -> Store:
    store.put_article(
        make_article(
            "a1",
            "Beijing curbed rare earths exports on Friday. Tariffs rose by 25%. Xi's aides met US-China envoys.",
            title="Curbs",
            source="Example Times",
        )
    )
    store.put_article(
        make_article(
            "a2",
            "The earths were rare in that valley. A new tariff schedule was published.",
            title="Valley",
            source="Other Post",
            published="2025-04-05",
        )
    )
    return store


def articles_by_id(store: Store) -> dict[str, Article]:
    return {a.id: a for a in store.articles()}


def test_search_single_word_is_stemmed(corpus: Store) -> None:
    hits = corpus.search("earth")
    assert {h.article_id for h in hits} == {"a1", "a2"}


def test_search_multiple_words_needs_all_in_one_sentence(corpus: Store) -> None:
    hits = corpus.search("rare exports")
    assert [(h.article_id, h.text) for h in hits] == [("a1", "Beijing curbed rare earths exports on Friday.")]


def test_search_phrase(corpus: Store) -> None:
    assert {h.article_id for h in corpus.search("rare earths")} == {"a1", "a2"}
    hits = corpus.search('"rare earths"')
    assert [h.article_id for h in hits] == ["a1"]
    assert hits[0].snippet == "Beijing curbed [[rare earths]] exports on Friday."


def test_search_prefix(corpus: Store) -> None:
    hits = corpus.search("tarif*")
    assert sorted(h.text for h in hits) == ["A new tariff schedule was published.", "Tariffs rose by 25%."]
    assert [h.article_id for h in corpus.search('"rare ear"*')] == ["a1"]


def test_search_hits_cite_the_article_text(corpus: Store) -> None:
    by_id = articles_by_id(corpus)
    hits = corpus.search("tariff")
    assert hits
    for hit in hits:
        assert isinstance(hit, SearchHit)
        assert by_id[hit.article_id].text[hit.start : hit.end] == hit.text
        assert hit.cite.quote(by_id[hit.article_id].text) == hit.text
        assert hit.snippet.replace("[[", "").replace("]]", "") == hit.text
        assert hit.title == by_id[hit.article_id].title
        assert hit.source == by_id[hit.article_id].source
        assert hit.published == by_id[hit.article_id].published


def test_search_snippet_highlights_each_match(corpus: Store) -> None:
    hits = corpus.search("tariffs rose")
    assert [h.snippet for h in hits] == ["[[Tariffs]] [[rose]] by 25%."]


def test_search_ranks_with_bm25(store: Store) -> None:
    text = (
        "Officials discussed many things over a long lunch including weather, sport, and one tariff. "
        "The tariff, the tariff and the tariff again."
    )
    store.put_article(make_article("r", text))
    hits = store.search("tariff")
    assert [h.text for h in hits] == ["The tariff, the tariff and the tariff again.", text.split(". ")[0] + "."]
    assert hits[0].rank <= hits[1].rank


def test_search_ranks_the_newest_matches_past_the_cap(
    sqlite_store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.store import sqlite

    best = "The tariff, the tariff and the tariff again."
    sqlite_store.put_article(make_article("old", best))  # the best match, stored first
    for k in range(3):
        sqlite_store.put_article(make_article(f"new{k}", f"Officials spoke of one tariff and of {k} other things."))
    assert sqlite_store.search("tariff")[0].article_id == "old"
    monkeypatch.setattr(sqlite, "SEARCH_CANDIDATES", 3)
    hits = sqlite_store.search("tariff")
    assert sorted(h.article_id for h in hits) == ["new0", "new1", "new2"]
    monkeypatch.setattr(sqlite, "SEARCH_CANDIDATES", 4)
    assert sqlite_store.search("tariff")[0].article_id == "old"


def test_search_puts_body_sentences_before_headings_and_table_cells(store: Store) -> None:
    text = (
        "Soybean purchases\n\n"
        "Soybeans | 12 million tons | 2025\n\n"
        "China agreed on Monday to buy 25 million tons of soybeans every year, the White House said."
    )
    a = make_article("t", text)
    a.sentences = [Sentence(0, 17), Sentence(19, 52), Sentence(54, len(text))]
    store.put_article(a)
    hits = store.search("soybeans")
    assert hits[0].text.startswith("China agreed") and len(hits) == 3
    assert [h.text for h in store.search("soybeans", limit=1)] == [hits[0].text]


def test_search_folds_accents(store: Store) -> None:
    if is_postgres(store) and not sql(store, "SELECT 1 FROM pg_extension WHERE extname = 'unaccent'"):
        pytest.skip("this PostgreSQL server has no unaccent extension: accents are not folded")
    store.put_article(make_article("f", "The façade in Zürich was restored. Nothing else."))
    for query in ("facade", "façade", "zurich", "Zürich"):
        assert [h.text for h in store.search(query)] == ["The façade in Zürich was restored."], query
    assert store.search("facade")[0].snippet == "The [[façade]] in Zürich was restored."


def test_search_limit_and_empty(corpus: Store) -> None:
    assert len(corpus.search("earths", limit=1)) == 1
    assert corpus.search("earths", limit=0) == []
    assert corpus.search("") == []
    assert corpus.search("   ") == []
    assert corpus.search("zeppelin") == []


@pytest.mark.parametrize(
    "query",
    [
        "US-China",
        "Xi's",
        "AND",
        "OR NOT",
        "rare AND",
        "NEAR(rare earths)",
        '"unbalanced',
        'rare "earths',
        '""',
        '"',
        "*",
        "**tariff",
        "tar*iff",
        "text:rare",
        "^rare",
        "rare + earths",
        "(rare",
        "a'b'c",
        "-earths",
        "{col} : x",
        "ümlaut façade",
        "25%",
        "\x00",
        "\\",
        "'; DROP TABLE articles; --",
    ],
)
def test_search_odd_input_never_raises(corpus: Store, query: str) -> None:
    corpus.search(query)
    assert corpus.article_count() == 2


def test_search_odd_input_is_taken_literally(corpus: Store) -> None:
    assert [h.text for h in corpus.search("US-China")] == ["Xi's aides met US-China envoys."]
    assert [h.text for h in corpus.search("Xi's")] == ["Xi's aides met US-China envoys."]
    assert [h.article_id for h in corpus.search('"unbalanced earths')] == []
    assert {h.article_id for h in corpus.search('rare "earths')} == {"a1", "a2"}


def test_search_random_junk_never_raises(corpus: Store) -> None:
    rng = random.Random(20250404)
    alphabet = "aeirst AND OR NOT NEAR \" * ( ) : ^ - + ' , . { } [ ] ü 中"
    for _ in range(300):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
        corpus.search(query)


def test_fts_query_quotes_every_token() -> None:
    assert fts_query("rare earths") == '"rare" "earths"'
    assert fts_query('"rare earths"') == '"rare earths"'
    assert fts_query("tariff*") == '"tariff"*'
    assert fts_query('US-China AND "oops') == '"US-China" "AND" "oops"'
    assert fts_query('* " ( -') is None


def test_articles_without_sentences_are_indexed_by_paragraph_or_whole(store: Store) -> None:
    text = "First paragraph about copper.\n\nSecond paragraph about zinc."
    paras = Article(id="p", path="p.txt", raw=text, text=text, paragraphs=[(0, 29), (31, 59)])
    whole = Article(id="w", path="w.txt", raw="Just nickel here.", text="Just nickel here.")
    empty = Article(id="e", path="e.txt", raw="", text="")
    for article in (paras, whole, empty):
        store.put_article(article)
    assert [(h.start, h.end, h.text) for h in store.search("zinc")] == [(31, 59, text[31:59])]
    assert [(h.start, h.end) for h in store.search("nickel")] == [(0, 17)]
    assert list(search_units(empty)) == []
    fts_ok(store)


# -- migrations -------------------------------------------------------------------------------


def versions(path: Path) -> list[tuple[int, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT version, name, applied_at FROM schema_version ORDER BY version")
        return rows.fetchall()
    finally:
        conn.close()


def test_migrations_are_shipped_as_package_resources() -> None:
    found = migrations.load_migrations()
    assert [(m.version, m.name) for m in found][0] == (1, "initial")
    assert migrations.latest_version() == len(found)


def test_fresh_db_gets_every_migration(sqlite_store: SqliteStore, db_path: Path) -> None:
    store = sqlite_store
    assert store.schema_version == migrations.latest_version()
    assert [v[:2] for v in versions(db_path)] == [(m.version, m.name) for m in migrations.load_migrations()]
    tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    expected = {"schema_version", "meta", "articles", "sentences", "sentences_fts"}
    expected |= {"entities", "mentions", "stories"}
    assert expected <= tables


def test_reopen_does_not_reapply(db_path: Path) -> None:
    with SqliteStore(db_path) as s:
        s.put_article(make_article())
    before = versions(db_path)
    with SqliteStore(db_path) as s:
        assert migrations.migrate(s.connection, str(db_path)) == []
        assert s.article_count() == 1
    assert versions(db_path) == before


def test_existing_db_gets_only_missing_migrations(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SqliteStore(db_path).close()
    shipped = migrations.load_migrations()
    n = len(shipped) + 1
    extra = migrations.Migration(n, "add_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
    monkeypatch.setattr(migrations, "load_migrations", lambda: (*shipped, extra))
    with SqliteStore(db_path) as s:
        assert s.schema_version == n
        s.connection.execute("INSERT INTO notes (body) VALUES ('x')")
    assert [v[:2] for v in versions(db_path)] == [(m.version, m.name) for m in (*shipped, extra)]


def test_failed_migration_leaves_the_db_as_it_was(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SqliteStore(db_path).close()
    shipped = migrations.load_migrations()
    broken = migrations.Migration(len(shipped) + 1, "broken", "CREATE TABLE ok (x);\nCREATE TABLE articles (x);")
    monkeypatch.setattr(migrations, "load_migrations", lambda: (*shipped, broken))
    with pytest.raises(StorylineError):
        SqliteStore(db_path)
    monkeypatch.undo()
    with SqliteStore(db_path) as s:
        assert s.schema_version == len(shipped)
        names = {r[0] for r in s.connection.execute("SELECT name FROM sqlite_schema")}
        assert "ok" not in names


def test_newer_schema_is_a_clear_error(db_path: Path) -> None:
    SqliteStore(db_path).close()
    known = migrations.latest_version()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_version (version, name) VALUES (?, 'future')", (known + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StorylineError) as info:
        SqliteStore(db_path)
    assert info.value.code == "E301"
    expected = f"created by a newer Storyline (schema {known + 1}, this one knows {known}): upgrade Storyline"
    assert expected in str(info.value)
    assert str(db_path) in str(info.value)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("These are my notes, not a database. " * 10, encoding="utf-8")
    with pytest.raises(StorylineError) as info:
        open_store(path)
    assert info.value.code == "E301"
    assert str(path) in str(info.value)
    assert "not a SQLite database" in str(info.value)
    assert path.read_text(encoding="utf-8").startswith("These are my notes")


def test_someone_elses_sqlite_db_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StorylineError) as info:
        open_store(path)
    assert "not a Storyline store" in str(info.value)
    assert str(path) in str(info.value)


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = "CREATE TABLE t (x);\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n-- end\n"
    parts = migrations.split_statements(sql)
    assert len(parts) == 2
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")


# -- transactions -----------------------------------------------------------------------------


class Boom(Exception):
    pass


def test_transaction_rollback_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(Boom), store.transaction():
        store.put_article(make_article())
        store.set_story("a1", "s1")
        store.replace_entities(make_entities())
        store.replace_stories([make_story()])
        store.set_meta("k", "v")
        raise Boom
    assert store.article_count() == 0
    assert store.search("tariffs") == []
    assert store.entities() == [] and store.stories() == [] and store.get_meta("k") is None
    assert sql(store, "SELECT count(*) FROM sentences") == [(0,)]
    assert not isinstance(store, SqliteStore) or not store.connection.in_transaction
    fts_ok(store)


def test_nested_transactions_join_the_outer_one(store: Store, target: str) -> None:
    with store.transaction():
        with store.transaction():
            store.put_article(make_article("a1"))
        with pytest.raises(Boom), store.transaction():
            store.put_article(make_article("a2"))
            raise Boom
        with open_store(target) as other:  # nothing is visible before the outer commit
            assert other.article_count() == 0
    assert [a.id for a in store.articles()] == ["a1"]
    with open_store(target) as other:
        assert other.article_count() == 1


def test_store_usable_after_a_rollback(store: Store) -> None:
    with pytest.raises(Boom), store.transaction():
        store.put_article(make_article("a1"))
        raise Boom
    assert store.put_article(make_article("a1")) is True
    assert store.has_article("a1")


def test_query_statistics_refreshed_as_the_store_grows(tmp_path: Path) -> None:
    """Closing runs PRAGMA optimize (whole-table reads on a large store) only once the articles have grown by
    STATS_GROWTH since it last ran, not on every close."""
    from storyline.store.sqlite import STATS_GROWTH, STATS_META

    db = tmp_path / "s.db"
    runs: list[str] = []

    def closed(articles: int) -> None:
        with SqliteStore(db) as s:
            for k in range(s.article_count(), articles):
                s.put_article(make_article(f"a{k}", text=f"Story {k} was told. It ended."))
            s.connection.set_trace_callback(lambda sql: runs.append(sql) if "optimize" in sql else None)
        with SqliteStore(db) as s:
            s.connection.set_trace_callback(lambda sql: runs.append(sql) if "optimize" in sql else None)

    closed(8)
    assert len(runs) == 1  # the first close of a store that never recorded it; the second one had no growth
    with SqliteStore(db) as s:
        assert s.get_meta(STATS_META) == "8"
    runs.clear()
    closed(int(8 * STATS_GROWTH) - 1)
    assert runs == []
    closed(int(8 * STATS_GROWTH))
    assert len(runs) == 1
