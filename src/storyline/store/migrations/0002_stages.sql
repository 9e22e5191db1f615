-- Reserved for per-article stage state (resumable ingest); filled by the reliability work.
SELECT 1;
