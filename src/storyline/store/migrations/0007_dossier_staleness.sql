-- Storyline store, schema 7: a stored dossier made stale by an entity it shows is found when the dossier is read,
-- not searched for when the entity is written.
--
-- entities.display_at is the write (meta 'writes') at which the entity's display (name, type, roles and
-- descriptions; its aliases are placed when a dossier is read) last changed, dossiers.built_at the write at which
-- the dossier was built: a dossier older than an entity its story's articles name is not served
-- (storyline.store.corpus_index). Filing a new article under the corpus's most named entity no longer searches its
-- thousands of mentions for the dossiers to delete. Rows stored before this schema count as written at 0: until
-- now a dossier was deleted as soon as an entity it showed changed.
ALTER TABLE entities ADD COLUMN display_at INTEGER DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN built_at INTEGER DEFAULT 0;
