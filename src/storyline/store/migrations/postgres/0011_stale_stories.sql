-- Storyline store on PostgreSQL, schema 11: stories waiting to be built again, as the SQLite store's
-- 0011_stale_stories.sql (read it for what the columns hold).
CREATE TABLE stale_stories (
    story_id  TEXT PRIMARY KEY,
    marked_at BIGINT NOT NULL
);
