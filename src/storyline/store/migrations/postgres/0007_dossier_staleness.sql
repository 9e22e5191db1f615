-- Storyline store on PostgreSQL, schema 7: stale dossiers found when read, as the SQLite store's
-- 0007_dossier_staleness.sql (read it for what the two columns hold).
ALTER TABLE entities ADD COLUMN display_at BIGINT DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN built_at BIGINT DEFAULT 0;
