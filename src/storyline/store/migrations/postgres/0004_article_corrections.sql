-- Corrections of an article's outlet, publication date or web address: the kind 'article' joins the others
-- (as the SQLite store's 0004; PostgreSQL changes the CHECK constraint in place).

ALTER TABLE corrections DROP CONSTRAINT corrections_kind;

ALTER TABLE corrections ADD CONSTRAINT corrections_kind
    CHECK (kind IN ('merge', 'split', 'move', 'outlet', 'claim', 'quote', 'article'));
