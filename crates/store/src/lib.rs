//! The store: analysed documents in one SQLite file, the end of the pipeline
//! and the start of every question asked across articles.
//!
//! [`Store::put`] writes a [`Document`] as rows (articles, quotes, actors,
//! entities, times, events) with full-text indexes over article and quote
//! text; [`query`] answers the questions (quotes by speaker, events between
//! actors, ...). Nothing needs a server: the database is a file, opened in
//! WAL mode so readers (the HTTP API) never block the one writer (ingest).
//!
//! A page's identity is its canonical URL ([`canonical_url`]) or, without
//! one, the hash of its content: putting the same page twice changes
//! nothing, and a changed page at the same URL replaces its old record.
//! Every write is one transaction, so a crash loses at most the documents
//! not yet committed and never leaves half a document.

mod identity;
pub mod query;
pub mod tables;
mod write;

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use identity::{canonical_url, content_hash};
pub use write::{Analysed, Outcome};

/// The schema migrations, oldest first; `PRAGMA user_version` records how
/// many have been applied.
const MIGRATIONS: &[&str] =
    &[include_str!("schema.sql"), include_str!("fts_by_batch.sql"), include_str!("joint_speakers.sql")];

/// How long a connection waits for another's lock before failing: the
/// ingest's writer commits batches while the server reads.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// A store error, naming the database file and what failed.
#[derive(Debug)]
pub struct StoreError {
    pub path: PathBuf,
    pub what: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.what)
    }
}

impl std::error::Error for StoreError {}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it and bringing its schema up to
    /// date as needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let fail = |what: String| StoreError { path: path.to_path_buf(), what };
        let conn = Connection::open(path).map_err(|e| fail(format!("cannot open the database: {e}")))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store for reading only (the server's connections).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let fail = |what: String| StoreError { path: path.to_path_buf(), what };
        if !path.exists() {
            return Err(fail("no such database; create it with `newsgraph ingest`".to_string()));
        }
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| fail(format!("cannot open the database: {e}")))?;
        let store = Store { conn, path: path.to_path_buf() };
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| store.error("configure", e))?;
        let version = store.version()?;
        if version != MIGRATIONS.len() {
            return Err(fail(format!(
                "schema version {version}, this newsgraph reads version {}; open it once with `newsgraph ingest` to upgrade",
                MIGRATIONS.len()
            )));
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, what: &str, e: rusqlite::Error) -> StoreError {
        StoreError { path: self.path.clone(), what: format!("{what}: {e}") }
    }

    fn configure(&self) -> Result<(), StoreError> {
        // WAL: readers do not block the writer. NORMAL sync in WAL mode loses
        // no committed transaction when the process dies, only (possibly) the
        // last ones on a power cut.
        self.conn
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.error("cannot configure the database", e))?;
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| self.error("configure", e))
    }

    fn version(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map(|v| v as usize)
            .map_err(|e| self.error("cannot read the schema version", e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version = self.version()?;
        if version > MIGRATIONS.len() {
            return Err(StoreError {
                path: self.path.clone(),
                what: format!(
                    "schema version {version} was written by a newer newsgraph (this one knows up to {}); upgrade newsgraph",
                    MIGRATIONS.len()
                ),
            });
        }
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = self.conn.transaction().map_err(|e| StoreError {
                path: self.path.clone(),
                what: format!("cannot start migration {}: {e}", n + 1),
            })?;
            tx.execute_batch(sql)
                .and_then(|()| tx.pragma_update(None, "user_version", (n + 1) as i64))
                .and_then(|()| tx.commit())
                .map_err(|e| StoreError {
                    path: self.path.clone(),
                    what: format!("migration {} failed: {e}", n + 1),
                })?;
        }
        Ok(())
    }

    /// The schema version this store is at.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        self.version()
    }
}
