-- Reserved for user corrections (story merge/split/move, curation); filled by the corrections work.
SELECT 1;
