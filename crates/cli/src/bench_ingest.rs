//! `newsgraph bench ingest`: the whole pipeline with storage, pages a
//! second, megabytes a second, peak memory and the CPU a page costs in the
//! reader, the analysers and the writer, at each `--jobs` and tier.
//!
//! Each run is a separate `newsgraph ingest` process into a fresh database,
//! so peak memory is that run's own; the ingest reports its figures as JSON.

use std::process::{Command, ExitCode, Stdio};

use serde_json::Value;

pub fn ingest(inputs: &[String], tiers: &[&str], jobs: &[usize]) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("newsgraph bench: cannot find the newsgraph binary: {e}");
            return ExitCode::from(2);
        }
    };
    let scratch = std::env::temp_dir().join(format!("newsgraph-bench-ingest-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        eprintln!("newsgraph bench: cannot create {}: {e}", scratch.display());
        return ExitCode::from(2);
    }
    println!("{}", crate::bench::machine());
    println!(
        "{:<8} {:>4} {:>7} {:>6} {:>9} {:>9} {:>7} {:>9} {:>24}",
        "tier", "jobs", "pages", "failed", "seconds", "pages/s", "MB/s", "peak MB", "CPU ms/page read/analyse/write"
    );
    let mut status = ExitCode::SUCCESS;
    for tier in tiers {
        for &n in jobs {
            let db = scratch.join(format!("{tier}-{n}.db"));
            let output = Command::new(&exe)
                .args(["ingest", "--json", "--model", tier, "--jobs", &n.to_string(), "--db"])
                .arg(&db)
                .args(inputs)
                .stderr(Stdio::null())
                .output();
            let report: Option<Value> = output.ok().and_then(|o| serde_json::from_slice(&o.stdout).ok());
            let Some(r) = report else {
                eprintln!("newsgraph bench: the {tier} ingest with {n} job(s) gave no report");
                status = ExitCode::FAILURE;
                continue;
            };
            let count = |k: &str| r[k].as_u64().unwrap_or(0);
            let pages = count("inserted") + count("replaced") + count("unchanged");
            let seconds = r["seconds"].as_f64().unwrap_or(f64::NAN);
            // CPU a page in each kind of thread: what the cores must supply
            // for a given rate, whatever else the machine runs meanwhile.
            let per_page = |k: &str| r["cpu_seconds"][k].as_f64().unwrap_or(0.0) * 1e3 / pages.max(1) as f64;
            println!(
                "{tier:<8} {n:>4} {pages:>7} {:>6} {seconds:>9.2} {:>9.1} {:>7.2} {:>9} {:>24}",
                count("failed"),
                pages as f64 / seconds,
                count("input_bytes") as f64 / 1e6 / seconds,
                r["peak_memory_bytes"].as_u64().map_or("-".to_string(), |b| (b >> 20).to_string()),
                format!("{:.1} / {:.1} / {:.1}", per_page("read"), per_page("analyse"), per_page("write")),
            );
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    status
}
