-- Storyline store on PostgreSQL, schema 6: the corpus index, stored dossiers and the listing columns, as the
-- SQLite store's 0006_corpus_index.sql (read it for what each kind of row holds).
CREATE TABLE corpus_index (
    kind  TEXT COLLATE "C" NOT NULL,
    key   TEXT COLLATE "C" NOT NULL,
    ref   TEXT COLLATE "C" NOT NULL DEFAULT '',
    value TEXT,
    n     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, key, ref)
);

CREATE INDEX corpus_index_by_ref ON corpus_index (kind, ref);

CREATE TABLE dossiers (
    story_id TEXT COLLATE "C" PRIMARY KEY,
    key      TEXT NOT NULL,
    json     JSON NOT NULL
);

ALTER TABLE stories ADD COLUMN event_date_why TEXT;
ALTER TABLE stories ADD COLUMN articles INTEGER;
ALTER TABLE stories ADD COLUMN sources INTEGER;
ALTER TABLE stories ADD COLUMN outlets TEXT;
ALTER TABLE stories ADD COLUMN date_lo TEXT;
ALTER TABLE stories ADD COLUMN date_hi TEXT;
ALTER TABLE stories ADD COLUMN digest TEXT;

UPDATE stories SET
    event_date_why = json ->> 'event_date_why',
    articles = json_array_length(json -> 'article_ids'),
    sources = (json ->> 'independent_sources')::INTEGER;

CREATE INDEX stories_by_pos ON stories (pos);

ALTER TABLE entities ADD COLUMN mention_count INTEGER;
ALTER TABLE entities ADD COLUMN article_count INTEGER;
ALTER TABLE entities ADD COLUMN aliases TEXT;
ALTER TABLE entities ADD COLUMN display TEXT;

UPDATE entities SET
    mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id),
    article_count = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id),
    aliases = (json -> 'aliases')::TEXT;

CREATE INDEX entities_by_pos ON entities (pos);
CREATE INDEX entities_by_mentions ON entities (mention_count DESC, name, id);
CREATE INDEX articles_by_duplicate ON articles (duplicate_of);

-- An entity's mentions live in `mentions` alone, in order (`pos`), no longer also inside its JSON (as the SQLite
-- store's 0006).
ALTER TABLE mentions ADD COLUMN pos INTEGER;

UPDATE mentions m SET pos = r.n FROM (
    SELECT entity_id, article_id, start, "end",
           row_number() OVER (PARTITION BY entity_id ORDER BY article_id, start, "end") - 1 AS n
    FROM mentions
) r
WHERE m.entity_id = r.entity_id AND m.article_id = r.article_id AND m.start = r.start AND m."end" = r."end";

ALTER TABLE mentions ALTER COLUMN pos SET NOT NULL;

ALTER TABLE mentions DROP CONSTRAINT mentions_pkey;

ALTER TABLE mentions ADD PRIMARY KEY (entity_id, pos);
