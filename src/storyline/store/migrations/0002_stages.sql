-- Storyline store, schema 2: stage state, so that an ingest stopped at any point (killed, out of power)
-- is finished exactly by the next run of the same ingest or by `storyline repair`.
--
-- An article passes the per-article stages  read → analysed  and then the corpus stages
-- entities → stories (canonical entities; duplicates, clustering, and each story's claims, timeline and
-- summary). 'read': the document waits in `pending`. 'analysed': cleaned, parsed, dated and stored in
-- `articles` (one transaction, which also deletes its `pending` row). The corpus stages run over the whole
-- article set; `corpus_stages` records which article set each last covered, by the store's
-- articles_version (meta), a counter every new article raises and records in `article_stages`. So an
-- article's corpus stage is done when its own version is at most the stage's, and the corpus stages are
-- complete for the current article set when every one covers the current articles_version.

-- Documents an ingest has read but not yet analysed and stored, with the settings of that ingest
-- (source, published, keep_all): what is still to do after a crash, without the input files.
CREATE TABLE pending (
    article_id TEXT PRIMARY KEY,
    path       TEXT NOT NULL,
    doc        TEXT NOT NULL CHECK (json_valid(doc)),
    queued_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Per-article stages done, with the articles_version the store had when each was done.
CREATE TABLE article_stages (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    done_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (article_id, stage)
) WITHOUT ROWID;

CREATE INDEX article_stages_by_version ON article_stages (stage, version);

-- Corpus stages and the article set each last covered (articles_version, number of articles).
CREATE TABLE corpus_stages (
    stage            TEXT PRIMARY KEY,
    articles_version INTEGER NOT NULL,
    articles         INTEGER NOT NULL,
    done_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Every stage of every article, done or not, for ad-hoc SQL: one row per (article, stage).
CREATE VIEW article_progress AS
SELECT s.article_id, 'analysed' AS stage, 1 AS done, s.version, s.done_at
FROM article_stages s WHERE s.stage = 'analysed'
UNION ALL
SELECT s.article_id, n.stage, coalesce(s.version <= c.articles_version, 0), s.version,
       CASE WHEN s.version <= c.articles_version THEN c.done_at END
FROM article_stages s, (SELECT 'entities' AS stage UNION ALL SELECT 'stories') n
LEFT JOIN corpus_stages c ON c.stage = n.stage
WHERE s.stage = 'analysed';

-- A store made by schema 1: its articles are analysed; its corpus stages are done when the store said so.
INSERT OR IGNORE INTO meta (key, value) SELECT 'articles_version', count(*) FROM articles;

INSERT INTO article_stages (article_id, stage, version)
SELECT id, 'analysed', 0 FROM articles;

INSERT INTO corpus_stages (stage, articles_version, articles)
SELECT n.stage, CAST(v.value AS INTEGER), (SELECT count(*) FROM articles)
FROM (SELECT 'entities' AS stage UNION ALL SELECT 'stories') n, meta v, meta b
WHERE v.key = 'articles_version' AND b.key = 'stories_built' AND b.value = '1';

DELETE FROM meta WHERE key = 'stories_built';
