-- Storyline store, schema 6: what the corpus stages and the web pages read without loading the whole corpus.
--
-- corpus_index holds the corpus stages' lookup tables, one row per (kind, key, ref), all derived from the
-- stored articles (a full run of the corpus stages writes them afresh):
--   'posting'       key '<what>@<week>'     ref an article naming it in that week (story candidates)
--   'profile'       key an article id       value its clustering profile (JSON)
--   'df'            key '<field>:<term>'    n how many articles carry it (the pair model's word weights)
--   'sketch'        key an article id       value its MinHash (near-duplicates)
--   'band'          key '<band>:<hash>'     ref an article in that MinHash LSH bucket
--   'entity_key'    key a name's key        ref the canonical entity it is filed under
--   'entity_token'  key a word of a name    ref a person whose full name starts or ends with it
-- An ingest of a few articles into a large store reads these instead of every article
-- (storyline.compare.incremental).
CREATE TABLE corpus_index (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    ref   TEXT NOT NULL DEFAULT '',
    value TEXT,
    n     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, key, ref)
) WITHOUT ROWID;

CREATE INDEX corpus_index_by_ref ON corpus_index (kind, ref);

-- Each story's dossier in its JSON export form, stored when the story is built; `key` is the digest of the story
-- it was built from (stories.digest, of the story's stored JSON), so a dossier older than its story is never shown.
CREATE TABLE dossiers (
    story_id TEXT PRIMARY KEY,
    key      TEXT NOT NULL,
    json     TEXT NOT NULL CHECK (json_valid(json))
);

-- The stories list and the entities list, paged, without reading a story or an entity whole. Stories stored
-- before this schema get their outlets and date interval on the next corpus run (NULL until then).
ALTER TABLE stories ADD COLUMN event_date_why TEXT;
ALTER TABLE stories ADD COLUMN articles INTEGER;
ALTER TABLE stories ADD COLUMN sources INTEGER;
ALTER TABLE stories ADD COLUMN outlets TEXT;
ALTER TABLE stories ADD COLUMN date_lo TEXT;
ALTER TABLE stories ADD COLUMN date_hi TEXT;
ALTER TABLE stories ADD COLUMN digest TEXT;

UPDATE stories SET
    event_date_why = json_extract(json, '$.event_date_why'),
    articles = json_array_length(json, '$.article_ids'),
    sources = json_extract(json, '$.independent_sources');

CREATE INDEX stories_by_pos ON stories (pos);

ALTER TABLE entities ADD COLUMN mention_count INTEGER;
ALTER TABLE entities ADD COLUMN article_count INTEGER;
ALTER TABLE entities ADD COLUMN aliases TEXT;
ALTER TABLE entities ADD COLUMN display TEXT;

UPDATE entities SET
    mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id),
    article_count = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id),
    aliases = json_extract(json, '$.aliases');

CREATE INDEX entities_by_pos ON entities (pos);
CREATE INDEX entities_by_mentions ON entities (mention_count DESC, name, id);
CREATE INDEX articles_by_duplicate ON articles (duplicate_of);

-- An entity's mentions live in `mentions` alone, in order (`pos`), no longer also inside its JSON: filing a new
-- article's mentions under "United States" adds rows, never rewrites thousands of cites. An entity whose JSON
-- still holds its mentions (stored before this schema) is read from its JSON until it is written again.
CREATE TABLE mentions_new (
    entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (entity_id, pos)
) WITHOUT ROWID;

INSERT INTO mentions_new (entity_id, pos, article_id, start, "end")
    SELECT entity_id, row_number() OVER (PARTITION BY entity_id ORDER BY article_id, start, "end") - 1,
           article_id, start, "end"
    FROM mentions;

DROP TABLE mentions;

ALTER TABLE mentions_new RENAME TO mentions;

CREATE INDEX mentions_by_article ON mentions (article_id, entity_id);
