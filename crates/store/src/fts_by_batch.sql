-- The full-text indexes are filled once a batch by the writer, not by a
-- trigger a row: FTS5 writes its pending rows to disk at every statement
-- that opens a savepoint (every insert with a foreign key), so a trigger
-- a row made a segment a quote and most of the writer's time went into
-- merging them. Deletes still go through triggers.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER quotes_fts_insert;
