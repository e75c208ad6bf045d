//! `newsgraph query`: questions over the store, answered as a table on a
//! terminal and as JSON, JSON Lines or CSV for scripts.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use newsgraph_store::query::{ActorProfile, QueryError};
use newsgraph_store::Store;
use serde::Serialize;
use serde_json::Value;

/// How query results are written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns, long text cut to fit.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated values with a header, every field.
    Csv,
}

/// A table column: its header, the JSON field it shows and the most
/// characters it takes.
pub struct Column {
    pub header: &'static str,
    pub field: &'static str,
    pub width: usize,
}

pub const fn column(header: &'static str, field: &'static str, width: usize) -> Column {
    Column { header, field, width }
}

pub fn open(db: &Path) -> Result<Store, ExitCode> {
    Store::open_read_only(db).map_err(|e| {
        eprintln!("newsgraph query: {e}");
        ExitCode::from(2)
    })
}

pub fn failed(e: QueryError) -> ExitCode {
    eprintln!("newsgraph query: {e}");
    match e {
        QueryError::BadRequest(_) => ExitCode::from(2),
        QueryError::Store(_) => ExitCode::FAILURE,
    }
}

/// Writes `rows` in `format`; `columns` are the table's.
pub fn print_rows<T: Serialize>(rows: &[T], format: QueryFormat, columns: &[Column]) -> ExitCode {
    let values: Vec<Value> = rows.iter().map(|r| serde_json::to_value(r).expect("rows serialise")).collect();
    let text = match format {
        QueryFormat::Table => table(&values, columns),
        QueryFormat::Json => serde_json::to_string_pretty(&values).expect("values serialise") + "\n",
        QueryFormat::Jsonl => values.iter().map(|v| v.to_string() + "\n").collect(),
        QueryFormat::Csv => csv(&values),
    };
    write_out(&text)
}

fn write_out(text: &str) -> ExitCode {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("newsgraph query: cannot write output: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// A field as one line of text: strings bare, lists of them joined,
/// nothing as empty, the rest as JSON.
fn plain(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => string_list(items),
        Some(other) => other.to_string(),
    }
}

/// A list of names as a table cell or CSV field reads it: `Ada Pell; Omar Sadiq`.
fn string_list(items: &[Value]) -> String {
    items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("; ")
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        text.chars().take(width.saturating_sub(1)).collect::<String>() + "…"
    }
}

fn table(rows: &[Value], columns: &[Column]) -> String {
    if rows.is_empty() {
        return "(no results)\n".to_string();
    }
    let cells: Vec<Vec<String>> =
        rows.iter().map(|r| columns.iter().map(|c| clip(&plain(r.get(c.field)), c.width)).collect()).collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| cells.iter().map(|row| row[i].chars().count()).max().unwrap_or(0).max(c.header.len()))
        .collect();
    let line = |row: Vec<String>| -> String {
        let padded: Vec<String> = row.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(columns.iter().map(|c| c.header.to_string()).collect());
    out += &line(widths.iter().map(|w| "-".repeat(*w)).collect());
    for row in cells {
        out += &line(row);
    }
    out
}

fn csv(rows: &[Value]) -> String {
    let Some(Value::Object(first)) = rows.first() else { return String::new() };
    let fields: Vec<&String> = first.keys().collect();
    let quote = |s: String| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = fields.iter().map(|f| quote(f.to_string())).collect::<Vec<_>>().join(",") + "\n";
    for row in rows {
        let line: Vec<String> = fields
            .iter()
            .map(|f| {
                quote(match row.get(f.as_str()) {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Array(items)) if items.iter().all(Value::is_string) => string_list(items),
                    Some(other) => other.to_string(),
                })
            })
            .collect();
        out += &(line.join(",") + "\n");
    }
    out
}

/// A profile as JSON, or as a short report on a terminal.
pub fn print_profile(
    profile: &ActorProfile,
    neighbours: &[newsgraph_store::query::Neighbour],
    format: QueryFormat,
) -> ExitCode {
    let text = match format {
        QueryFormat::Table => {
            let a = &profile.actor;
            let mut out = format!("{} ({}", a.name, a.kind);
            for part in [&a.country, &a.sector].into_iter().flatten() {
                out += &format!(", {part}");
            }
            out += &format!(") actor {}\n", a.id);
            if profile.names.len() > 1 {
                out += &format!(
                    "  also called: {}\n",
                    profile.names.iter().filter(|n| **n != a.name).cloned().collect::<Vec<_>>().join(", ")
                );
            }
            let counted = |list: &[newsgraph_store::query::Counted]| {
                list.iter().map(|c| format!("{} ({})", c.value, c.count)).collect::<Vec<_>>().join("; ")
            };
            if !profile.descriptors.is_empty() {
                out += &format!("  described as: {}\n", counted(&profile.descriptors));
            }
            out += &format!(
                "  {} article(s), {} quote(s), {} event(s); seen {} to {}\n",
                profile.articles,
                profile.quotes,
                profile.events,
                profile.first_seen.as_deref().unwrap_or("?"),
                profile.last_seen.as_deref().unwrap_or("?")
            );
            if !profile.outlets.is_empty() {
                out += &format!("  quoted by: {}\n", counted(&profile.outlets));
            }
            if !profile.quote_timeline.is_empty() {
                out += "  quotes a month:\n";
                for c in &profile.quote_timeline {
                    out += &format!("    {}  {:<3} {}\n", c.value, c.count, "#".repeat(c.count.min(60) as usize));
                }
            }
            if !neighbours.is_empty() {
                out += "  seen with:\n";
                for n in neighbours {
                    out += &format!("    {} ({} article(s), {} event(s))\n", n.actor.name, n.articles, n.events);
                }
            }
            if !profile.also_matched.is_empty() {
                out += &format!(
                    "  the name also matches: {}\n",
                    profile
                        .also_matched
                        .iter()
                        .map(|a| format!("{} (actor {})", a.name, a.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            out
        }
        QueryFormat::Json | QueryFormat::Jsonl => {
            let value = serde_json::json!({ "profile": profile, "neighbours": neighbours });
            if format == QueryFormat::Json {
                serde_json::to_string_pretty(&value).expect("profiles serialise") + "\n"
            } else {
                value.to_string() + "\n"
            }
        }
        QueryFormat::Csv => {
            eprintln!("newsgraph query: a profile is not a table; use --format json");
            return ExitCode::from(2);
        }
    };
    write_out(&text)
}
