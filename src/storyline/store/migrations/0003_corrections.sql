-- User corrections: story merges, splits and moves, outlet renames, claims marked wrong, hidden quotes.
--
-- Each row is one correction as the user gave it, kept whole in json in stable terms (article ids, cited
-- passages), never in story ids alone: story ids may change when stories are rebuilt, article ids do not.
-- The corpus stages read the active rows (undone_at IS NULL) and keep to them every time they run.
-- Undoing a correction sets undone_at; the row stays, so the log is the history of what was corrected.

CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'move', 'outlet', 'claim', 'quote')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at  TEXT,
    summary    TEXT NOT NULL,
    json       TEXT NOT NULL CHECK (json_valid(json))
);

CREATE INDEX corrections_active ON corrections (undone_at, id);
