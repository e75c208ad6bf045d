//! The stored tables as plain rows, for exports to other tools.

use rusqlite::types::ValueRef;

use crate::{Store, StoreError};

/// The tables an export writes, in the order data flows into them.
pub const TABLES: &[&str] = &[
    "articles",
    "quotes",
    "quote_actors",
    "quote_speakers",
    "actors",
    "actor_names",
    "article_actors",
    "entities",
    "times",
    "events",
    "ingest_errors",
];

/// A column's type, as the schema declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Integer,
    Real,
    Text,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Store {
    /// The columns of `table`, one of [`TABLES`].
    pub fn columns(&self, table: &str) -> Result<Vec<Column>, StoreError> {
        let table = known(self, table)?;
        let mut stmt = self
            .conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .map_err(|e| self.error("cannot read the schema", e))?;
        let columns = stmt
            .query_map([], |r| {
                let declared: String = r.get(2)?;
                let kind = match declared.to_uppercase().as_str() {
                    "INTEGER" => ColumnKind::Integer,
                    "REAL" => ColumnKind::Real,
                    _ => ColumnKind::Text,
                };
                Ok(Column { name: r.get(1)?, kind })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.error("cannot read the schema", e))?;
        Ok(columns)
    }

    /// Calls `row` with every row of `table` in storage order, one at a
    /// time, so a table of any size streams. Stops at the first error `row` returns.
    pub fn scan<E: From<StoreError>>(
        &self,
        table: &str,
        mut row: impl FnMut(&[Cell]) -> Result<(), E>,
    ) -> Result<(), E> {
        let table = known(self, table)?;
        let mut stmt =
            self.conn.prepare(&format!("SELECT * FROM {table}")).map_err(|e| self.error("cannot read a table", e))?;
        let width = stmt.column_count();
        let mut rows = stmt.query([]).map_err(|e| self.error("cannot read a table", e))?;
        let mut cells = Vec::with_capacity(width);
        while let Some(r) = rows.next().map_err(|e| self.error("cannot read a table", e))? {
            cells.clear();
            for i in 0..width {
                let value = r.get_ref(i).map_err(|e| self.error("cannot read a value", e))?;
                cells.push(match value {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(v) => Cell::Integer(v),
                    ValueRef::Real(v) => Cell::Real(v),
                    ValueRef::Text(t) | ValueRef::Blob(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                });
            }
            row(&cells)?;
        }
        Ok(())
    }
}

/// `table` if it is one of [`TABLES`] (names go into SQL, so only those).
fn known<'a>(store: &Store, table: &'a str) -> Result<&'a str, StoreError> {
    TABLES.iter().find(|t| **t == table).map(|_| table).ok_or_else(|| StoreError {
        path: store.path.clone(),
        what: format!("no table named {table:?}; tables: {}", TABLES.join(", ")),
    })
}
