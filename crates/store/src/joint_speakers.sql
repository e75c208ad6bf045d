-- The others who made a joint statement (`Mr. Grassley and Mr. Leahy
-- said`): the quote's own speaker columns hold the one named last.
CREATE TABLE quote_speakers (
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    mention TEXT NOT NULL,
    actor_id INTEGER REFERENCES actors(id),
    PRIMARY KEY (quote_id, idx)
) WITHOUT ROWID;
CREATE INDEX quote_speakers_actor ON quote_speakers(actor_id);
