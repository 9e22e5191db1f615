-- Storyline store on PostgreSQL, schema 9: nothing to do. The SQLite store's 0009_story_listing_index.sql indexes
-- the stories list because SQLite reaches a row's later columns through its JSON; PostgreSQL keeps a large JSON
-- value out of the row (TOAST), so the listing columns are read without it.
SELECT 1;
