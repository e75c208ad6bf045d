-- Version 1 of the newsgraph store. Offsets are characters into
-- articles.body, as in the JSON output; dates are ISO 8601 text, so they
-- sort and compare as text.

-- One row a page: its identity is the canonical URL, or `sha256:<hash>` of
-- the page when it has no URL. `content_hash` is the page's own hash, so a
-- page seen before is skipped before it is analysed.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    url TEXT,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    tier TEXT NOT NULL,
    title TEXT,
    byline TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    -- The stated publication day, else the one the time stage inferred.
    date TEXT,
    date_inferred INTEGER NOT NULL,
    language TEXT,
    body TEXT NOT NULL,
    -- The whole analysed document as newsgraph's JSON.
    document TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);

-- Actors across articles: one row per person, organisation, country or
-- place, keyed by kind and name (countries by ISO code).
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT
);
-- Every name an actor goes by (its own included), lowercased for lookups.
CREATE TABLE actor_names (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    name TEXT NOT NULL,
    lower TEXT NOT NULL,
    PRIMARY KEY (actor_id, lower)
) WITHOUT ROWID;
CREATE INDEX actor_names_lower ON actor_names(lower);

-- An actor as one article has it: `idx` is its index in the document's
-- `actors`, which quotes, entities and events point to.
CREATE TABLE article_actors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    mentions INTEGER NOT NULL,
    descriptors TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX article_actors_actor ON article_actors(actor_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speech INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_mention TEXT,
    speaker_actor_id INTEGER REFERENCES actors(id),
    descriptor TEXT,
    outlet TEXT,
    channel TEXT,
    when_value TEXT,
    -- The day the statement was made where the text says, else the article's.
    date TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_actor_id);
CREATE INDEX quotes_date ON quotes(date);

-- The actors a quote talks about: those named inside its content.
CREATE TABLE quote_actors (
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    PRIMARY KEY (quote_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX quote_actors_actor ON quote_actors(actor_id);

CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    actor_id INTEGER REFERENCES actors(id)
);
CREATE INDEX entities_article ON entities(article_id);

CREATE TABLE times (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT
);
CREATE INDEX times_article ON times(article_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    cameo TEXT NOT NULL,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    source_actor_id INTEGER REFERENCES actors(id),
    source_text TEXT,
    source_code TEXT,
    target_actor_id INTEGER REFERENCES actors(id),
    target_text TEXT,
    target_code TEXT,
    target_implied INTEGER NOT NULL,
    when_value TEXT,
    -- The day (or first day of the period) it happened, else the article's day.
    date TEXT,
    place TEXT,
    sentence TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_source ON events(source_actor_id);
CREATE INDEX events_target ON events(target_actor_id);
CREATE INDEX events_code_date ON events(code, date);

-- Full text over articles and quotes, kept in step by triggers (the inserts
-- by the writer since migration 2, fts_by_batch.sql).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Pages that could not be read or analysed, with where they came from.
CREATE TABLE ingest_errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
