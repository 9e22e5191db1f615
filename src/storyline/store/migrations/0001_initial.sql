-- Storyline store, schema 1.
--
-- Offsets (start, "end") are code-point offsets into articles.text, end exclusive, the same
-- as in storyline.model, so every row can be cited back as (article_id, start, end).
-- The json columns hold the full to_json() of the model object; the other columns are
-- copies kept for indexing, joins and ad-hoc SQL (datasette, sqlite3 shell).
-- schema_version is created by the migration runner, not here.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    path          TEXT NOT NULL,
    title         TEXT,
    source        TEXT,
    published     TEXT,
    published_how TEXT,
    -- No foreign keys on story_id / duplicate_of: stories are replaced wholesale after
    -- clustering and an article may name a duplicate that is stored later in the same run.
    story_id      TEXT,
    duplicate_of  TEXT,
    text          TEXT NOT NULL,
    raw           TEXT NOT NULL,
    json          TEXT NOT NULL CHECK (json_valid(json))
);

CREATE INDEX articles_by_date ON articles (published, path);
CREATE INDEX articles_by_story ON articles (story_id);

-- The searchable units of an article: its sentences, else its paragraphs, else its whole text.
CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);

-- External-content FTS5 index over sentences.text; the triggers below keep it in step.
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    text,
    content = 'sentences',
    content_rowid = 'id',
    tokenize = 'porter unicode61'
);

CREATE TRIGGER sentences_after_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER sentences_after_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER sentences_after_update AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Corpus-level canonical entities; pos keeps the order they were given in.
CREATE TABLE entities (
    id   TEXT PRIMARY KEY,
    pos  INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    json TEXT NOT NULL CHECK (json_valid(json))
);

-- One row per Entity.mentions cite, for lookups by article or by entity. No foreign key
-- on article_id: entities may be computed over articles that are not (yet) stored.
CREATE TABLE mentions (
    entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (entity_id, article_id, start, "end")
) WITHOUT ROWID;

CREATE INDEX mentions_by_article ON mentions (article_id, entity_id);

CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    pos        INTEGER NOT NULL,
    title      TEXT NOT NULL,
    event_date TEXT,
    json       TEXT NOT NULL CHECK (json_valid(json))
);
