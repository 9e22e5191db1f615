-- Storyline store on PostgreSQL, schema 2: stage state, as the SQLite store's 0002_stages.sql (read it for
-- the stages and how "done" is decided). pending.seq keeps the order documents were queued in (SQLite's rowid).

CREATE TABLE pending (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY,
    article_id TEXT COLLATE "C" PRIMARY KEY,
    path       TEXT NOT NULL,
    doc        JSON NOT NULL,
    queued_at  TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE INDEX pending_by_seq ON pending (seq);

CREATE TABLE article_stages (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    stage      TEXT COLLATE "C" NOT NULL,
    version    BIGINT NOT NULL,
    done_at    TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    PRIMARY KEY (article_id, stage)
);

CREATE INDEX article_stages_by_version ON article_stages (stage, version);

CREATE TABLE corpus_stages (
    stage            TEXT COLLATE "C" PRIMARY KEY,
    articles_version BIGINT NOT NULL,
    articles         BIGINT NOT NULL,
    done_at          TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

-- Every stage of every article, done or not, for ad-hoc SQL: one row per (article, stage).
CREATE VIEW article_progress AS
SELECT s.article_id, 'analysed'::text AS stage, 1 AS done, s.version, s.done_at
FROM article_stages s WHERE s.stage = 'analysed'
UNION ALL
SELECT s.article_id, n.stage, coalesce((s.version <= c.articles_version)::integer, 0), s.version,
       CASE WHEN s.version <= c.articles_version THEN c.done_at END
FROM article_stages s
CROSS JOIN (VALUES ('entities'::text), ('stories'::text)) AS n (stage)
LEFT JOIN corpus_stages c ON c.stage = n.stage
WHERE s.stage = 'analysed';
