-- Reserved for the PostgreSQL store's work (schema 5); 0006 (the corpus index) comes after it.
SELECT 1;
