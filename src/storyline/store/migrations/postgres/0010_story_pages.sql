-- Storyline store on PostgreSQL, schema 10: story pages drawn when their dossier is stored, as the SQLite
-- store's 0010_story_pages.sql (read it for what the columns hold).
CREATE TABLE story_pages (
    story_id TEXT PRIMARY KEY,
    key      TEXT NOT NULL,
    built_at BIGINT NOT NULL,
    drawn_by TEXT NOT NULL,
    head     TEXT NOT NULL,
    page     BYTEA NOT NULL
);
