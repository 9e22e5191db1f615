-- Storyline store, schema 10: each story's page drawn when its dossier is stored, not on every visit.
--
-- A story page of a large story takes a second to draw from its dossier (a 129-article story: 3.6 MB of HTML).
-- story_pages holds the dossier part of the page as drawn when the dossier was stored (storyline.web.story_pages):
-- `key` and `built_at` are the stored dossier's (dossiers.key, dossiers.built_at), so a page is shown only while
-- its dossier is the one stored; `drawn_by` a digest of the code that drew it (a page drawn by another version is
-- drawn again); `head` what the page's live parts need (JSON); `page` the HTML, zlib-compressed, last in the row.
CREATE TABLE story_pages (
    story_id TEXT PRIMARY KEY,
    key      TEXT NOT NULL,
    built_at INTEGER NOT NULL,
    drawn_by TEXT NOT NULL,
    head     TEXT NOT NULL,
    page     BLOB NOT NULL
);
