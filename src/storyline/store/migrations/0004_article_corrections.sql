-- Corrections of an article's outlet, publication date or web address (`storyline articles set`): the kind
-- 'article' joins the others. SQLite cannot change a CHECK constraint in place, so the table is copied into
-- one that allows it, with the same rows, ids and index.

CREATE TABLE corrections_new (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'move', 'outlet', 'claim', 'quote', 'article')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at  TEXT,
    summary    TEXT NOT NULL,
    json       TEXT NOT NULL CHECK (json_valid(json))
);

INSERT INTO corrections_new (id, kind, created_at, undone_at, summary, json)
    SELECT id, kind, created_at, undone_at, summary, json FROM corrections;

DROP TABLE corrections;

ALTER TABLE corrections_new RENAME TO corrections;

CREATE INDEX corrections_active ON corrections (undone_at, id);
