//! Evaluation: runs a pipeline stage over a gold data set and reports the
//! metrics the field uses for it, as a table for people and JSON for scripts.
//!
//! Every task returns a [`Report`]: named metrics (the same names in the
//! table, in `--json` and in `--min` floors) plus the tables that explain them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use newsgraph_attribution::{load_encoder, QuoteAttributor, Tier};
use newsgraph_pipeline::Pipeline;

mod events;
mod extract;
mod ner;
mod quotes;
mod time;

pub use quotes::{polnear_articles, PolnearArticle};

/// The evaluation tasks, by the name the CLI takes.
pub const TASKS: &[(&str, &str)] = &[
    ("extract-wcxb", "article extraction on a WCXB-layout directory (html/*.html.gz + ground-truth/*.json)"),
    ("extract-trafilatura", "article extraction on trafilatura's evaluation set (html/ + evaldata.json)"),
    ("quotes-polnear", "attribution on PolNeAR (text/ + attributions/): source, cue, content spans"),
    ("quotes-ggt", "quotes and speakers on the GenderGapTracker set (<id>.txt + <id>.gold.json)"),
    ("ner-conll", "named entities on a CoNLL-2003 file (or a directory holding valid.txt): conlleval exact match"),
    ("events-plover", "PLOVER event types and actor codes on the PLOVER gold standard records (JSON)"),
    ("time-tempeval", "time expressions on TimeML files (AQUAINT/*.tml, TimeBank/*.tml): extent, value, type"),
    ("seed", "the reference article end to end against its hand-made gold (.txt + .gold.json)"),
];

/// What an evaluation run may be asked for beyond its metrics.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Print this many of the worst misses, gold against predicted.
    pub errors: usize,
    /// The attribution tier to measure.
    pub tier: Tier,
    /// A quote model file to measure instead of the embedded one of `tier`.
    pub quote_model: Option<PathBuf>,
    /// An entity model file to measure instead of the embedded one.
    pub ner_model: Option<PathBuf>,
    /// Where `quotes-polnear` writes its predicted relations, laid out as a
    /// PolNeAR split (`text/` and `attributions/`).
    pub predictions: Option<PathBuf>,
}

impl Options {
    /// The pipeline these options ask for.
    pub fn pipeline(&self) -> Result<Pipeline, String> {
        let attributor = match &self.quote_model {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let encoder = match self.tier {
                    Tier::Accurate => Some(load_encoder().map_err(|e| e.to_string())?),
                    _ => None,
                };
                QuoteAttributor::with_model(&bytes, encoder).map_err(|e| format!("{}: {e}", path.display()))?
            }
            None => QuoteAttributor::with_tier(self.tier).map_err(|e| e.to_string())?,
        };
        Ok(Pipeline::with_attributor(attributor))
    }
}

/// One table of an evaluation report.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The outcome of one evaluation task.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub task: String,
    pub data: String,
    /// Metric name -> value; names are stable across releases.
    pub metrics: BTreeMap<String, f64>,
    pub tables: Vec<Table>,
    /// Free-form lines after the tables (error listings, notes).
    pub notes: Vec<String>,
}

impl Report {
    pub fn new(task: &str, data: &Path) -> Report {
        Report { task: task.to_string(), data: data.display().to_string(), ..Report::default() }
    }

    pub fn metric(&mut self, name: &str, value: f64) {
        self.metrics.insert(name.to_string(), value);
    }

    pub fn table(&mut self, title: &str, header: &[&str], rows: Vec<Vec<String>>) {
        self.tables.push(Table {
            title: title.to_string(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows,
        });
    }

    /// The report as aligned text tables.
    pub fn render(&self) -> String {
        let mut out = format!("{} on {}\n", self.task, self.data);
        for t in &self.tables {
            let cols = t.header.len();
            let mut width = vec![0; cols];
            for row in std::iter::once(&t.header).chain(&t.rows) {
                for (i, cell) in row.iter().enumerate().take(cols) {
                    width[i] = width[i].max(cell.chars().count());
                }
            }
            let _ = writeln!(out, "\n{}", t.title);
            let line = |row: &Vec<String>| {
                row.iter()
                    .enumerate()
                    .map(
                        |(i, c)| {
                            if i == 0 {
                                format!("{c:<w$}", w = width[i])
                            } else {
                                format!("{c:>w$}", w = width[i])
                            }
                        },
                    )
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            let _ = writeln!(out, "{}", line(&t.header));
            let _ = writeln!(out, "{}", width.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
            for row in &t.rows {
                let _ = writeln!(out, "{}", line(row));
            }
        }
        for n in &self.notes {
            let _ = writeln!(out, "{n}");
        }
        out
    }

    /// The report as one JSON object: task, data and every metric.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "task": self.task, "data": self.data, "metrics": self.metrics })
    }

    /// Limits that are not met, as messages: metrics below their floor or
    /// above their ceiling. Unknown metric names are failures too, so a typo
    /// in CI cannot pass silently.
    pub fn check_bounds(&self, floors: &[(String, f64)], ceilings: &[(String, f64)]) -> Vec<String> {
        let floors = floors.iter().map(|(n, v)| (n, *v, true));
        let ceilings = ceilings.iter().map(|(n, v)| (n, *v, false));
        floors
            .chain(ceilings)
            .filter_map(|(name, limit, is_floor)| match self.metrics.get(name) {
                None => Some(format!(
                    "no metric named '{name}' in task {} (it has: {})",
                    self.task,
                    self.metrics.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
                Some(v) if is_floor && *v < limit => Some(format!("{name} = {v:.4} is below the floor {limit}")),
                Some(v) if !is_floor && *v > limit => Some(format!("{name} = {v:.4} is above the ceiling {limit}")),
                Some(_) => None,
            })
            .collect()
    }
}

/// Precision, recall and F1 from counts; 0 where undefined.
pub fn prf(tp: f64, fp: f64, fn_: f64) -> (f64, f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Formats a metric for a table cell.
pub fn cell(v: f64) -> String {
    format!("{v:.3}")
}

/// Runs one task on a data directory (or, for `seed`, a `.txt` file or the
/// directory holding it).
pub fn run(task: &str, data: &Path, options: &Options) -> Result<Report, String> {
    if !data.exists() {
        return Err(format!("{}: no such file or directory", data.display()));
    }
    if options.predictions.is_some() && task != "quotes-polnear" {
        return Err(format!("--predictions is for quotes-polnear only, not {task}"));
    }
    match task {
        "extract-wcxb" => extract::wcxb(data, options),
        "extract-trafilatura" => extract::trafilatura(data, options),
        "quotes-polnear" => quotes::polnear(data, options),
        "quotes-ggt" => quotes::ggt(data, options),
        "ner-conll" => ner::conll(data, options),
        "events-plover" => events::plover_gsr(data, options),
        "time-tempeval" => time::tempeval(data, options),
        "seed" => quotes::seed(data, options),
        other => Err(format!(
            "unknown task '{other}'; tasks: {}",
            TASKS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_handles_empty_counts() {
        assert_eq!(prf(0.0, 0.0, 0.0), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(3.0, 1.0, 3.0);
        assert!((p - 0.75).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.6).abs() < 1e-9);
    }

    #[test]
    fn bounds_fail_outside_limits_and_on_unknown_names() {
        let mut r = Report::new("t", Path::new("d"));
        r.metric("f1", 0.9);
        r.metric("spurious", 2.0);
        assert!(r.check_bounds(&[("f1".into(), 0.89)], &[("spurious".into(), 2.0)]).is_empty());
        assert_eq!(r.check_bounds(&[("f1".into(), 0.95)], &[]).len(), 1);
        assert!(r.check_bounds(&[], &[("spurious".into(), 1.0)])[0].contains("above the ceiling"));
        assert!(r.check_bounds(&[("f2".into(), 0.1)], &[])[0].contains("no metric named 'f2'"));
    }
}
