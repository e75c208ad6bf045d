//! The web UI end to end: `newsgraph ingest` builds a store from the seed
//! and two more pages, `newsgraph serve` serves it on loopback, and
//! `e2e/ui.mjs` drives Debian's Chromium through it (scripts/test-setup.sh
//! installs Chromium, Node and playwright-core). Screenshots go to a
//! temporary directory, or to `NEWSGRAPH_SCREENSHOTS` when set (the README's
//! come from `NEWSGRAPH_SCREENSHOTS=docs/screenshots`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn newsgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

/// Kills the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const REPORT: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour plan approved</title>\
<meta property=\"article:published_time\" content=\"2025-03-04\"></head><body><article><h1>Harbour plan approved</h1>\
<p>The city council of Porto Azul approved the harbour plan on Tuesday after a long debate.</p>\
<p>“We have waited ten years for this,” Mayor Ilse Brandt told reporters after the vote.</p>\
<p>Opposition leader Tomas Keller said the plan would cost more than the council admits.</p></article></body></html>";

const HOSTILE: &str =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Hostile &lt;script&gt;alert(1)&lt;/script&gt; page</title>\
</head><body><article><h1>Hostile &lt;script&gt;alert(1)&lt;/script&gt; page</h1>\
<p>The market fell sharply on Monday, traders said, as the onerror test went on.</p>\
<p>“Prices &lt;img src=x onerror=alert(2)&gt; will recover,” analyst Mara Quist told the paper on Monday.</p>\
</article></body></html>";

fn start_server(db: &Path) -> (Server, String) {
    let mut child = newsgraph()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph serve starts");
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    let base =
        line.split(" on ").nth(1).unwrap_or_else(|| panic!("no address in {line:?}")).trim().trim_end_matches('/');
    (server, base.to_string())
}

#[test]
fn search_article_and_speaker_pages_work_in_chromium() {
    let dir = std::env::temp_dir().join(format!("newsgraph-ui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(dir.join("pages/harbour.html"), REPORT).unwrap();
    std::fs::write(dir.join("pages/hostile.html"), HOSTILE).unwrap();
    let db = dir.join("news.db");
    let seed = format!("{ROOT}/examples/voa-emboldened-north-korea.txt");
    let ingest = newsgraph().arg("ingest").arg(&seed).arg(dir.join("pages")).arg("--db").arg(&db).output().unwrap();
    assert!(ingest.status.success(), "{}", String::from_utf8_lossy(&ingest.stderr));

    let (_server, base) = start_server(&db);
    let shots = std::env::var_os("NEWSGRAPH_SCREENSHOTS").map_or_else(|| dir.join("screenshots"), PathBuf::from);
    std::fs::create_dir_all(&shots).unwrap();
    let script = format!("{ROOT}/e2e/ui.mjs");
    let run = Command::new("node").arg(&script).arg(&base).arg(&shots).current_dir(ROOT).output();
    let run = run.expect("node runs (install it with scripts/test-setup.sh)");
    let (out, err) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "the browser test failed:\n{out}\n{err}");
    assert!(out.contains("ui ok"), "{out}");
    for name in ["search", "article", "speaker", "actor", "status"] {
        assert!(shots.join(format!("{name}.png")).exists(), "no {name} screenshot");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
