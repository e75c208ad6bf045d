//! `newsgraph ingest`: pages into the store, with progress on stderr.
//!
//! On a terminal one status line is redrawn (a bar when the inputs' sizes
//! tell how far along it is, pages a second, errors, time left); otherwise
//! a plain line every ten seconds, for logs. Each page that fails is one
//! line naming it; a summary ends the run.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsgraph_attribution::{QuoteAttributor, Tier};
use newsgraph_ingest::{ingest, Observer, Options, Progress};
use newsgraph_input::expand_args;
use newsgraph_pipeline::Pipeline;
use newsgraph_store::Store;

pub struct IngestArgs<'a> {
    pub inputs: &'a [String],
    pub files_from: Option<&'a str>,
    pub db: &'a Path,
    pub jobs: Option<usize>,
    pub tier: Tier,
    pub tier_name: &'a str,
    /// Print the summary as one JSON object on stdout too.
    pub json: bool,
}

pub fn run(args: &IngestArgs) -> ExitCode {
    let inputs = expand_args(args.inputs, args.files_from);
    if inputs.is_empty() {
        eprintln!("newsgraph ingest: no inputs; give files, directories, WARC or feed files, or '-' for stdin");
        return ExitCode::from(2);
    }
    let pipeline = match QuoteAttributor::with_tier(args.tier) {
        Ok(attributor) => Pipeline::with_attributor(attributor),
        Err(e) => {
            eprintln!("newsgraph ingest: {e}");
            return ExitCode::from(2);
        }
    };
    let mut store = match Store::open(args.db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("newsgraph ingest: {e}");
            return ExitCode::from(2);
        }
    };
    let defaults = Options::default();
    let options = Options { jobs: args.jobs.unwrap_or(defaults.jobs), tier: args.tier_name.to_string(), ..defaults };
    eprintln!(
        "newsgraph ingest: into {} with the {} tier, {} analysing thread(s)",
        args.db.display(),
        options.tier,
        options.jobs
    );
    let mut display = Display::new();
    let result = ingest(inputs, &pipeline, &mut store, &options, &mut display);
    display.clear();
    match result {
        Ok(done) => {
            let peak = peak_memory_bytes();
            eprintln!("{}", summary(&done, peak));
            if args.json {
                let report = serde_json::json!({
                    "db": args.db.display().to_string(),
                    "tier": options.tier,
                    "jobs": options.jobs,
                    "inserted": done.inserted,
                    "replaced": done.replaced,
                    "unchanged": done.unchanged,
                    "skipped": done.skipped,
                    "failed": done.failed,
                    "input_bytes": done.input_bytes,
                    "chars": done.chars,
                    "seconds": done.elapsed.as_secs_f64(),
                    "peak_memory_bytes": peak,
                    "cpu_seconds": {
                        "read": done.cpu.read,
                        "analyse": done.cpu.analyse,
                        "write": done.cpu.write,
                    },
                });
                println!("{report}");
            }
            if done.failed > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("newsgraph ingest: stopped: {e}; what was committed before is kept, and a rerun carries on");
            ExitCode::from(2)
        }
    }
}

/// The most memory this process has held (Linux's VmHWM), if the system says.
fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn summary(p: &Progress, peak: Option<u64>) -> String {
    let memory = peak.map_or(String::new(), |b| format!(", peak memory {} MB", b >> 20));
    format!(
        "newsgraph ingest: {} new, {} replaced, {} unchanged, {} already stored, {} failed; \
         {:.1} pages/s, {:.2} M characters/s over {:.1} s{memory}",
        p.inserted,
        p.replaced,
        p.unchanged,
        p.skipped,
        p.failed,
        p.rate(),
        p.chars as f64 / 1e6 / p.elapsed.as_secs_f64().max(1e-9),
        p.elapsed.as_secs_f64()
    )
}

/// Progress on stderr: a redrawn line on a terminal, periodic lines otherwise.
struct Display {
    terminal: bool,
    drawn: bool,
    last_line: Instant,
}

impl Display {
    fn new() -> Display {
        Display { terminal: std::io::stderr().is_terminal(), drawn: false, last_line: Instant::now() }
    }

    fn clear(&mut self) {
        if self.drawn {
            eprint!("\r\x1b[2K");
            self.drawn = false;
        }
    }
}

fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

impl Observer for Display {
    fn progress(&mut self, p: &Progress) {
        let status = format!(
            "{} pages ({} new, {} already stored) {:.1} pages/s, {} errors",
            p.pages(),
            p.inserted + p.replaced,
            p.skipped,
            p.rate(),
            p.failed
        );
        if self.terminal {
            let bar = match (p.input_bytes, p.eta()) {
                (total, Some(eta)) if total > 0 => {
                    let done = p.input_bytes_done as f64 / total as f64;
                    let filled = (done * 20.0).round() as usize;
                    format!(
                        "[{}{}] {:>3.0}% ETA {} ",
                        "#".repeat(filled),
                        " ".repeat(20 - filled),
                        done * 100.0,
                        clock(eta)
                    )
                }
                _ => String::new(),
            };
            eprint!("\r\x1b[2K{bar}{status}");
            let _ = std::io::stderr().flush();
            self.drawn = true;
        } else if self.last_line.elapsed() >= Duration::from_secs(10) {
            eprintln!("newsgraph ingest: {status} after {}", clock(p.elapsed));
            self.last_line = Instant::now();
        }
    }

    fn failed(&mut self, source: &str, reason: &str) {
        self.clear();
        eprintln!("newsgraph: error: {source}: {reason} (skipped)");
    }
}
