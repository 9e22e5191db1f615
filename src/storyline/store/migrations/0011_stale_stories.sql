-- Storyline store, schema 11: stories an ingest filed articles into without building them again.
--
-- Building a touched story again (claims, summary, events, its dossier and page) grows with the story: a large
-- one takes seconds to minutes, so an ingest into a large store files its articles, writes the story's new
-- members with the story as it was built before, and marks it here; `storyline rebuild`, or the first request
-- for the story's dossier, builds it and takes the mark off (storyline.stale). `marked_at` is the store's write
-- counter when it was last marked: a rebuild stores its result only while the mark is the one it read.
CREATE TABLE stale_stories (
    story_id  TEXT PRIMARY KEY,
    marked_at INTEGER NOT NULL
);
