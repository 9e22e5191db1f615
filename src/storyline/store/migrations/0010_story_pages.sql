-- Storyline store, schema 10: each story's page drawn when its dossier is stored, not on every visit.
--
-- A story page of a large story takes a second to draw from its dossier (a 129-article story: 3.6 MB of HTML).
-- story_pages holds the dossier part of the page as drawn when the dossier was stored (storyline.web.story_pages):
-- `key` and `built_at` are the stored dossier's (dossiers.key, dossiers.built_at), so a page is shown only while
-- its dossier is the one stored; `aliases` the digest of the spellings of the entities it shows, as they were
-- (a dossier places a new spelling when read: the page is drawn again then); `head` what the page's live parts
-- need (JSON); `page` the HTML, zlib-compressed, last in the row.
CREATE TABLE story_pages (
    story_id TEXT PRIMARY KEY,
    key      TEXT NOT NULL,
    built_at INTEGER NOT NULL,
    aliases  TEXT NOT NULL,
    head     TEXT NOT NULL,
    page     BLOB NOT NULL
);
