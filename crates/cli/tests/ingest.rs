//! `newsgraph ingest` and `newsgraph query` as a user runs them, including
//! a kill -9 in the middle of an ingest.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn newsgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-ingest-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn query(db: &Path, args: &[&str]) -> Output {
    newsgraph().arg("query").args(args).args(["--db", db.to_str().unwrap()]).output().unwrap()
}

/// The rows a JSON Lines query prints.
fn rows(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = query(db, &[args, &["--format", "jsonl", "--limit", "10000"]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn ingest_then_query_quotes_speakers_and_events() {
    let dir = scratch_dir("query");
    let db = dir.join("news.db");
    let out = newsgraph().args(["ingest", SEED, "--db", db.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("1 new"), "{}", text(&out.stderr));

    let revere = rows(&db, &["quotes", "--speaker", "Revere"]);
    assert_eq!(revere.len(), 5);
    assert!(revere.iter().all(|q| q["speaker"] == "Evans Revere" && q["date"] == "2024-11-19"));
    let csv = query(&db, &["quotes", "--speaker", "Revere", "--format", "csv"]);
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("id,article_id,title,"), "{csv}");
    assert_eq!(csv.lines().count(), 6);

    let profile = query(&db, &["speaker", "revere", "--format", "json"]);
    let profile: serde_json::Value = serde_json::from_slice(&profile.stdout).unwrap();
    assert_eq!(profile["profile"]["actor"]["name"], "Evans Revere");
    assert_eq!(profile["profile"]["quotes"], 5);

    let tests = rows(&db, &["events", "--actor", "North Korea", "--type", "mobilize"]);
    assert_eq!(tests.len(), 1);
    assert_eq!(tests[0]["date"], "2024-10-31");

    let again = newsgraph().args(["ingest", SEED, "--db", db.to_str().unwrap()]).output().unwrap();
    assert!(text(&again.stderr).contains("1 already stored"), "{}", text(&again.stderr));

    let bad = query(&db, &["quotes", "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("`from` is not a date"), "{}", text(&bad.stderr));
    let missing = query(&dir.join("none.db"), &["quotes"]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("newsgraph ingest"), "{}", text(&missing.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_killed_ingest_keeps_what_it_committed_and_a_rerun_finishes_the_rest() {
    let dir = scratch_dir("kill");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    // Distinct pages, each the seed with its own first line, so each is analysed.
    let total = 400;
    for n in 0..total {
        std::fs::write(pages.join(format!("page-{n:04}.txt")), format!("Dispatch number {n}.\n\n{seed}")).unwrap();
    }
    let db = dir.join("news.db");
    let args = ["ingest", pages.to_str().unwrap(), "--db", db.to_str().unwrap(), "--jobs", "1"];
    let mut child = newsgraph().args(args).stderr(std::process::Stdio::null()).spawn().unwrap();
    // Wait until some articles are committed, then kill without warning.
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let stored =
            db.exists() && !query(&db, &["articles", "--format", "jsonl", "--limit", "10000"]).stdout.is_empty();
        if stored || started.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    child.kill().unwrap();
    let _ = child.wait();
    let committed = rows(&db, &["articles"]).len();
    assert!(committed > 0 && committed < total, "killed after {committed} of {total} articles");

    let out = newsgraph().args(args).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stderr);
    assert!(summary.contains(&format!("{committed} already stored")), "{summary}");
    assert_eq!(rows(&db, &["articles"]).len(), total);
    let _ = std::fs::remove_dir_all(&dir);
}
