//! Writing analysed documents.

use newsgraph_doc::{ActorKind, Document, Participant};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::{canonical_url, Store, StoreError};

/// What putting a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A page not seen before.
    Inserted,
    /// A page whose identity was known with other content (or analysed by
    /// another tier): the old record is gone.
    Replaced,
    /// The same page analysed the same way: nothing changed.
    Unchanged,
}

/// A document waiting to be written, with the hash of the page it came
/// from ([`crate::content_hash`]) and the attribution tier that analysed it.
pub struct Analysed {
    pub doc: Document,
    pub content_hash: String,
    pub tier: String,
}

impl Store {
    /// Whether a page with this content hash was stored by this tier: a
    /// rerun skips it without analysing it again.
    pub fn seen(&self, content_hash: &str, tier: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1 AND tier = ?2 LIMIT 1")
            .and_then(|mut s| s.exists(params![content_hash, tier]))
            .map_err(|e| self.error("cannot look up a page", e))
    }

    /// Writes one document in its own transaction.
    pub fn put(&mut self, doc: Analysed) -> Result<Outcome, StoreError> {
        Ok(self.put_all(vec![doc])?[0])
    }

    /// Writes documents in one transaction: all of them are stored, or
    /// (on an error or a crash) none.
    pub fn put_all(&mut self, docs: Vec<Analysed>) -> Result<Vec<Outcome>, StoreError> {
        let path = self.path.clone();
        let fail = |what: &str, e: rusqlite::Error| StoreError { path: path.clone(), what: format!("{what}: {e}") };
        let tx = self.conn.transaction().map_err(|e| fail("cannot start a transaction", e))?;
        let mut unindexed = Unindexed::after_last(&tx).map_err(|e| fail("cannot read the last ids", e))?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in &docs {
            let outcome = put_document(&tx, doc, &mut unindexed)
                .map_err(|e| fail(&format!("cannot store {}", doc.doc.source), e))?;
            outcomes.push(outcome);
        }
        unindexed.index(&tx).map_err(|e| fail("cannot index the batch's text", e))?;
        tx.commit().map_err(|e| fail("cannot commit", e))?;
        Ok(outcomes)
    }

    /// Records a page that could not be read or analysed.
    pub fn record_error(&self, source: &str, reason: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO ingest_errors(source, reason, at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            )
            .and_then(|mut s| s.execute(params![source, reason]))
            .map(|_| ())
            .map_err(|e| self.error("cannot record an error", e))
    }
}

/// The first day of a TimeML date value: `2024-11-19`, `2024-11` ->
/// `2024-11-01`, `2024` -> `2024-01-01`, a range by its start. `None` for
/// values that are not calendar dates (`PRESENT_REF`, `P3D`, weeks).
pub(crate) fn first_day(value: &str) -> Option<String> {
    let start = value.split('/').next()?;
    let b = start.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let year = digits(0..4);
    let month = year && b.get(4) == Some(&b'-') && digits(5..7);
    let day = month && b.get(7) == Some(&b'-') && digits(8..10);
    match (year, month, day) {
        (_, _, true) => Some(start[..10].to_string()),
        (_, true, false) if b.len() == 7 => Some(format!("{start}-01")),
        (true, false, false) if b.len() == 4 => Some(format!("{start}-01-01")),
        _ => None,
    }
}

/// The key one actor has in every article: countries by their code, the
/// rest by kind and lowercased name.
fn actor_key(actor: &newsgraph_doc::Actor) -> String {
    let kind = actor.kind.name();
    match (&actor.kind, &actor.country) {
        (ActorKind::Country, Some(code)) => format!("country:{code}"),
        _ => format!("{kind}:{}", actor.name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()),
    }
}

/// The serde name of a unit enum (`"direct"`, `"media"`).
fn serde_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// The articles and quotes written since the full-text indexes were last
/// filled: those past these ids. The indexes are filled a batch at a time,
/// in one statement a table (see `fts_by_batch.sql`).
struct Unindexed {
    article: i64,
    quote: i64,
}

impl Unindexed {
    fn after_last(tx: &Transaction) -> rusqlite::Result<Unindexed> {
        let last = |table: &str| tx.query_row(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"), [], |r| r.get(0));
        Ok(Unindexed { article: last("articles")?, quote: last("quotes")? })
    }

    fn index(&self, tx: &Transaction) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "INSERT INTO articles_fts(rowid, title, body) SELECT id, title, body FROM articles WHERE id > ?1",
        )?
        .execute([self.article])?;
        tx.prepare_cached("INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE id > ?1")?
            .execute([self.quote])?;
        Ok(())
    }
}

fn put_document(tx: &Transaction, item: &Analysed, unindexed: &mut Unindexed) -> rusqlite::Result<Outcome> {
    let doc = &item.doc;
    let article = &doc.article;
    let url = article.url.as_deref().and_then(canonical_url);
    let identity = url.clone().unwrap_or_else(|| format!("sha256:{}", item.content_hash));
    let existing: Option<(i64, String, String)> = tx
        .prepare_cached("SELECT id, content_hash, tier FROM articles WHERE identity = ?1")?
        .query_row([&identity], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let outcome = match existing {
        Some((_, hash, tier)) if hash == item.content_hash && tier == item.tier => return Ok(Outcome::Unchanged),
        Some((id, _, _)) => {
            // The delete triggers take the old rows out of the indexes, so
            // they must be in them; and ids freed by the delete may be
            // given again, so what is unindexed is counted from after it.
            unindexed.index(tx)?;
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
            *unindexed = Unindexed::after_last(tx)?;
            Outcome::Replaced
        }
        None => Outcome::Inserted,
    };

    let published_day = article.published.as_deref().and_then(first_day);
    let inferred = article.published_inferred.as_ref().map(|d| d.date.clone());
    let date = published_day.clone().or(inferred.clone());
    let outlet = article.site_name.clone().or_else(|| url.as_deref().map(host_of));
    tx.prepare_cached(
        "INSERT INTO articles(identity, url, source, content_hash, tier, title, byline, outlet, published, date,
             date_inferred, language, body, document, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        identity,
        article.url,
        doc.source,
        item.content_hash,
        item.tier,
        article.title,
        article.byline.join("; "),
        outlet,
        article.published,
        date,
        published_day.is_none() && inferred.is_some(),
        article.language,
        article.body,
        serde_json::to_string(doc).expect("documents serialise"),
    ])?;
    let article_id = tx.last_insert_rowid();

    // Each row statement is looked up in the cache once a document, not
    // once a row: a page has hundreds of entities and times.
    let mut insert_actor = tx.prepare_cached(
        "INSERT INTO actors(key, name, kind, country, sector) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(key) DO UPDATE SET name = name RETURNING id",
    )?;
    let mut insert_actor_name =
        tx.prepare_cached("INSERT OR IGNORE INTO actor_names(actor_id, name, lower) VALUES (?1, ?2, ?3)")?;
    let mut insert_article_actor = tx.prepare_cached(
        "INSERT INTO article_actors(article_id, idx, actor_id, mentions, descriptors) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut actor_ids = Vec::with_capacity(doc.actors.len());
    for (idx, actor) in doc.actors.iter().enumerate() {
        let id: i64 = insert_actor.query_row(
            params![
                actor_key(actor),
                actor.name,
                actor.kind.name(),
                actor.country,
                actor.sector.as_ref().map(serde_name)
            ],
            |r| r.get(0),
        )?;
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            insert_actor_name.execute(params![id, name, name.to_lowercase()])?;
        }
        insert_article_actor.execute(params![
            article_id,
            idx as i64,
            id,
            actor.mentions.len() as i64,
            serde_json::to_string(&actor.descriptors).expect("strings serialise")
        ])?;
        actor_ids.push(id);
    }
    let global = |local: Option<usize>| local.and_then(|a| actor_ids.get(a).copied());

    let mut insert_quote = tx.prepare_cached(
        "INSERT INTO quotes(article_id, idx, kind, speech, text, start, end, cue, speaker, speaker_mention,
             speaker_actor_id, descriptor, outlet, channel, when_value, date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    let mut insert_quote_actor =
        tx.prepare_cached("INSERT OR IGNORE INTO quote_actors(quote_id, actor_id) VALUES (?1, ?2)")?;
    let mut insert_joint_speaker = tx.prepare_cached(
        "INSERT INTO quote_speakers(quote_id, idx, name, mention, actor_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (idx, quote) in doc.quotes.iter().enumerate() {
        let speaker = quote.speaker.as_ref();
        let quote_date = quote.when_value.as_deref().and_then(first_day).or(date.clone());
        insert_quote.execute(params![
            article_id,
            idx as i64,
            serde_name(&quote.kind),
            quote.speech,
            quote.text,
            quote.start as i64,
            quote.end as i64,
            quote.cue.as_ref().map(|m| &m.text),
            speaker.map(|s| &s.name),
            speaker.and_then(|s| s.mention.as_ref()).map(|m| &m.text),
            global(speaker.and_then(|s| s.actor)),
            speaker.and_then(|s| s.descriptor.as_ref()).map(|m| &m.text),
            quote.outlet.as_ref().map(|m| &m.text),
            quote.channel.as_ref().map(|m| &m.text),
            quote.when_value,
            quote_date,
        ])?;
        let quote_id = tx.last_insert_rowid();
        for (j, joint) in speaker.map_or(&[][..], |s| &s.joint).iter().enumerate() {
            insert_joint_speaker.execute(params![
                quote_id,
                j as i64,
                joint.name,
                joint.mention.text,
                global(joint.actor)
            ])?;
        }
        // What the quote is about: the actors named inside its content.
        for entity in &doc.entities {
            let inside = quote.spans.iter().any(|s| s.start <= entity.mention.start && entity.mention.end <= s.end);
            if let (true, Some(actor)) = (inside, global(entity.actor)) {
                insert_quote_actor.execute(params![quote_id, actor])?;
            }
        }
    }

    let mut insert_entity = tx.prepare_cached(
        "INSERT INTO entities(article_id, label, text, start, end, actor_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for entity in &doc.entities {
        insert_entity.execute(params![
            article_id,
            serde_name(&entity.label),
            entity.mention.text,
            entity.mention.start as i64,
            entity.mention.end as i64,
            global(entity.actor)
        ])?;
    }
    let mut insert_time = tx.prepare_cached(
        "INSERT INTO times(article_id, text, start, end, kind, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for time in &doc.times {
        insert_time.execute(params![
            article_id,
            time.mention.text,
            time.mention.start as i64,
            time.mention.end as i64,
            time.kind.as_str(),
            time.value
        ])?;
    }

    let mut insert_event = tx.prepare_cached(
        "INSERT INTO events(article_id, code, cameo, trigger, start, end, source_actor_id, source_text,
             source_code, target_actor_id, target_text, target_code, target_implied, when_value, date, place,
             sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let index = doc.char_index();
    for event in &doc.events {
        let side = |p: &Option<Participant>| {
            p.as_ref().map(|p| (global(p.actor), p.mention.text.clone(), p.code.clone(), p.implied))
        };
        let (source_id, source_text, source_code, _) = side(&event.source).unwrap_or_default();
        let (target_id, target_text, target_code, implied) = side(&event.target).unwrap_or_default();
        let sentence = &article.body[index.bytes(event.sentence)];
        insert_event.execute(params![
            article_id,
            event.code,
            event.cameo,
            event.trigger.text,
            event.trigger.start as i64,
            event.trigger.end as i64,
            source_id,
            event.source.as_ref().map(|_| source_text),
            source_code,
            target_id,
            event.target.as_ref().map(|_| target_text),
            target_code,
            implied,
            event.when,
            event.when.as_deref().and_then(first_day).or(date.clone()),
            event.place.as_ref().map(|m| &m.text),
            sentence,
        ])?;
    }
    Ok(outcome)
}

/// The host of a canonical URL, without `www.`: the outlet when the page names none.
fn host_of(url: &str) -> String {
    let host = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

#[cfg(test)]
mod tests {
    use super::first_day;

    #[test]
    fn dates_become_their_first_day() {
        assert_eq!(first_day("2024-11-19").as_deref(), Some("2024-11-19"));
        assert_eq!(first_day("2024-11-19T10:30").as_deref(), Some("2024-11-19"));
        assert_eq!(first_day("2024-06").as_deref(), Some("2024-06-01"));
        assert_eq!(first_day("2018/2019").as_deref(), Some("2018-01-01"));
        assert_eq!(first_day("PRESENT_REF"), None);
        assert_eq!(first_day("P3D"), None);
        assert_eq!(first_day("2024-W12"), None);
    }
}
