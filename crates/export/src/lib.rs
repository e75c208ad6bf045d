//! Exports: the store's tables as files other tools read whole.
//!
//! JSON Lines (one object a row, for anything) and Parquet (typed columns,
//! for pandas, DuckDB, Polars and Spark). Both stream: rows are read one at
//! a time, and Parquet row groups are cut by size, so a store of any size
//! exports in bounded memory.

use std::fmt;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsgraph_store::tables::{Cell, Column, ColumnKind};
use newsgraph_store::{Store, StoreError};
use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

pub use newsgraph_store::tables::TABLES;

/// A row group is written once its buffered values pass this many bytes.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// The file formats an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Parquet,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }
}

/// Why an export failed, naming the file.
#[derive(Debug)]
pub struct ExportError {
    pub path: PathBuf,
    pub what: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.what)
    }
}

impl std::error::Error for ExportError {}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError { path: e.path, what: e.what }
    }
}

/// Writes `table` to `path` in `format`; returns the rows written.
pub fn export(store: &Store, table: &str, format: Format, path: &Path) -> Result<u64, ExportError> {
    let fail = |what: String| ExportError { path: path.to_path_buf(), what };
    let file = File::create(path).map_err(|e| fail(format!("cannot create: {e}")))?;
    let columns = store.columns(table)?;
    match format {
        Format::Jsonl => jsonl(store, table, &columns, BufWriter::new(file)).map_err(|e| with_path(e, path)),
        Format::Parquet => parquet(store, table, &columns, file).map_err(|e| with_path(e, path)),
    }
}

fn with_path(mut e: ExportError, path: &Path) -> ExportError {
    if e.path.as_os_str().is_empty() {
        e.path = path.to_path_buf();
    }
    e
}

/// An error of the file being written (its path is filled in by [`export`]).
fn write_error(e: impl fmt::Display) -> ExportError {
    ExportError { path: PathBuf::new(), what: format!("cannot write: {e}") }
}

fn jsonl(store: &Store, table: &str, columns: &[Column], mut out: impl Write) -> Result<u64, ExportError> {
    let mut rows = 0;
    store.scan(table, |cells| -> Result<(), ExportError> {
        let object: serde_json::Map<String, serde_json::Value> = columns
            .iter()
            .zip(cells)
            .map(|(column, cell)| {
                let value = match cell {
                    Cell::Null => serde_json::Value::Null,
                    Cell::Integer(v) => (*v).into(),
                    Cell::Real(v) => (*v).into(),
                    Cell::Text(v) => v.as_str().into(),
                };
                (column.name.clone(), value)
            })
            .collect();
        serde_json::to_writer(&mut out, &object).map_err(write_error)?;
        out.write_all(b"\n").map_err(write_error)?;
        rows += 1;
        Ok(())
    })?;
    out.flush().map_err(write_error)?;
    Ok(rows)
}

/// Values of one column waiting for their row group, with their
/// definition levels (0 for a null, 1 for a value).
enum Buffered {
    Integer(Vec<i64>, Vec<i16>),
    Real(Vec<f64>, Vec<i16>),
    Text(Vec<ByteArray>, Vec<i16>),
}

impl Buffered {
    fn new(kind: ColumnKind) -> Buffered {
        match kind {
            ColumnKind::Integer => Buffered::Integer(Vec::new(), Vec::new()),
            ColumnKind::Real => Buffered::Real(Vec::new(), Vec::new()),
            ColumnKind::Text => Buffered::Text(Vec::new(), Vec::new()),
        }
    }

    /// Adds a cell; returns the bytes it takes. SQLite does not enforce
    /// column types, so a value of another type is converted.
    fn push(&mut self, cell: &Cell) -> usize {
        match (self, cell) {
            (Buffered::Integer(_, levels) | Buffered::Real(_, levels) | Buffered::Text(_, levels), Cell::Null) => {
                levels.push(0);
                2
            }
            (Buffered::Integer(values, levels), Cell::Integer(v)) => {
                values.push(*v);
                levels.push(1);
                10
            }
            (Buffered::Integer(values, levels), Cell::Real(v)) => {
                values.push(*v as i64);
                levels.push(1);
                10
            }
            (Buffered::Real(values, levels), Cell::Real(v)) => {
                values.push(*v);
                levels.push(1);
                10
            }
            (Buffered::Real(values, levels), Cell::Integer(v)) => {
                values.push(*v as f64);
                levels.push(1);
                10
            }
            (Buffered::Text(values, levels), cell) => {
                let text = match cell {
                    Cell::Text(t) => t.clone(),
                    Cell::Integer(v) => v.to_string(),
                    Cell::Real(v) => v.to_string(),
                    Cell::Null => unreachable!("nulls are handled above"),
                };
                let len = text.len();
                values.push(ByteArray::from(text.into_bytes()));
                levels.push(1);
                len + 18
            }
            (Buffered::Integer(_, levels) | Buffered::Real(_, levels), Cell::Text(_)) => {
                // Text in a numeric column has no number to give: a null.
                levels.push(0);
                2
            }
        }
    }
}

fn parquet_schema(table: &str, columns: &[Column]) -> Result<Type, ExportError> {
    let fields = columns
        .iter()
        .map(|column| {
            let builder = match column.kind {
                ColumnKind::Integer => Type::primitive_type_builder(&column.name, PhysicalType::INT64),
                ColumnKind::Real => Type::primitive_type_builder(&column.name, PhysicalType::DOUBLE),
                ColumnKind::Text => Type::primitive_type_builder(&column.name, PhysicalType::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String)),
            };
            builder.with_repetition(Repetition::OPTIONAL).build().map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(write_error)?;
    Type::group_type_builder(table).with_fields(fields).build().map_err(write_error)
}

fn parquet(store: &Store, table: &str, columns: &[Column], file: File) -> Result<u64, ExportError> {
    let schema = Arc::new(parquet_schema(table, columns)?);
    let properties = Arc::new(WriterProperties::builder().set_created_by("newsgraph".to_string()).build());
    let mut writer = SerializedFileWriter::new(file, schema, properties).map_err(write_error)?;
    let mut buffers: Vec<Buffered> = columns.iter().map(|c| Buffered::new(c.kind)).collect();
    let (mut rows, mut buffered_bytes) = (0u64, 0usize);
    store.scan(table, |cells| -> Result<(), ExportError> {
        buffered_bytes += buffers.iter_mut().zip(cells).map(|(b, cell)| b.push(cell)).sum::<usize>();
        rows += 1;
        if buffered_bytes >= ROW_GROUP_BYTES {
            write_row_group(&mut writer, &mut buffers, columns)?;
            buffered_bytes = 0;
        }
        Ok(())
    })?;
    // A table with no rows still gets its schema, so readers see its columns.
    if buffered_bytes > 0 || rows == 0 {
        write_row_group(&mut writer, &mut buffers, columns)?;
    }
    writer.close().map_err(write_error)?;
    Ok(rows)
}

fn write_row_group(
    writer: &mut SerializedFileWriter<File>,
    buffers: &mut [Buffered],
    columns: &[Column],
) -> Result<(), ExportError> {
    let mut group = writer.next_row_group().map_err(write_error)?;
    for (buffer, column) in buffers.iter_mut().zip(columns) {
        let mut column_writer = group
            .next_column()
            .map_err(write_error)?
            .ok_or_else(|| write_error(format!("the schema has no column {}", column.name)))?;
        match std::mem::replace(buffer, Buffered::new(column.kind)) {
            Buffered::Integer(values, levels) => {
                column_writer.typed::<Int64Type>().write_batch(&values, Some(&levels), None).map_err(write_error)?;
            }
            Buffered::Real(values, levels) => {
                column_writer.typed::<DoubleType>().write_batch(&values, Some(&levels), None).map_err(write_error)?;
            }
            Buffered::Text(values, levels) => {
                column_writer
                    .typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels), None)
                    .map_err(write_error)?;
            }
        }
        column_writer.close().map_err(write_error)?;
    }
    group.close().map_err(write_error)?;
    Ok(())
}
