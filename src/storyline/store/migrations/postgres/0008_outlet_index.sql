-- Storyline store on PostgreSQL, schema 8: the outlets a store names read from an index, as the SQLite store's
-- 0008_outlet_index.sql.
CREATE INDEX articles_by_source ON articles (source);
