-- Storyline store, schema 9: the stories list read from an index, never from the story rows.
--
-- The listing columns (schema 6) were added after `json`, and SQLite reads a row's columns in order: a story's
-- title, count and outlets were reached by walking its whole JSON (two megabytes for a 129-article story), so one
-- page of the list read every listed story whole and `storyline stories` read every story (850 MB at 100,000
-- articles). This index holds what the list shows and filters on, in list order; the second one the digest a
-- stored dossier is checked against.
CREATE INDEX stories_listing ON stories (pos, id, title, event_date, event_date_why, articles, sources, outlets,
                                         date_lo, date_hi);
CREATE INDEX stories_digest ON stories (id, digest);
