//! The `newsgraph` binary as a user runs it: batches, errors, formats, stdin.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn newsgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The bundled example article.
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");

/// The seed analysed as one JSON document.
fn seed_json() -> serde_json::Value {
    let out = newsgraph().args(["analyze", "--format", "json", SEED]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        newsgraph().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

const STORY: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour plan approved</title></head>\
<body><article><h1>Harbour plan approved</h1>\
<p>The city council approved the new harbour plan on Monday after a long debate about costs and jobs.</p>\
<p>\u{201c}This is a good day for the port,\u{201d} Mayor Ana Lopez said.</p></article></body></html>";

#[test]
fn a_broken_page_is_reported_and_the_batch_goes_on() {
    let dir = scratch_dir("batch");
    std::fs::write(dir.join("good.html"), STORY).unwrap();
    // A gzip header with no compressed data after it.
    std::fs::write(dir.join("cut.html.gz"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let missing = dir.join("missing.html");

    let out = newsgraph().args(["analyze", "--format", "jsonl"]).arg(&dir).arg(&missing).output().unwrap();

    assert_eq!(out.status.code(), Some(1), "a failed page must fail the run");
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "only the good page is printed: {stdout}");
    let doc: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert!(doc["source"].as_str().unwrap().ends_with("good.html"));

    let stderr = text(&out.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("newsgraph: error:")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(errors.iter().any(|l| l.contains("cut.html.gz") && l.contains("truncated gzip")), "{stderr}");
    assert!(errors.iter().any(|l| l.contains("empty.txt") && l.contains("empty")), "{stderr}");
    assert!(errors.iter().any(|l| l.contains("missing.html") && l.contains("no such file")), "{stderr}");
    assert!(stderr.contains("analysed 1 page(s), 3 failed"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stdin_html_gives_one_json_document_with_the_promised_fields() {
    let out = run_with_stdin(&["analyze", "-", "--format", "json"], STORY.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"], "-");
    let article = &doc["article"];
    for field in ["title", "byline", "published", "language", "body"] {
        assert!(article.get(field).is_some(), "article.{field} missing: {article}");
    }
    assert!(article["body"].as_str().unwrap().contains("harbour plan on Monday"));
    assert!(doc["quotes"].is_array());
}

#[test]
fn several_pages_as_json_form_one_array() {
    let dir = scratch_dir("array");
    std::fs::write(dir.join("a.html"), STORY).unwrap();
    std::fs::write(dir.join("b.txt"), "Plain text page.\n\nIt has two paragraphs of words.").unwrap();
    let out = newsgraph().args(["analyze", "--format", "json"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(2), "{docs}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn files_from_reads_a_list_of_paths() {
    let dir = scratch_dir("list");
    std::fs::write(dir.join("a.html"), STORY).unwrap();
    let list = dir.join("list.txt");
    std::fs::write(&list, format!("# pages\n{}\n\n", dir.join("a.html").display())).unwrap();
    let out = newsgraph().args(["analyze", "--format", "jsonl", "--files-from"]).arg(&list).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_inputs_is_a_usage_error() {
    let out = newsgraph().arg("analyze").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no inputs"));
}

#[test]
fn eval_rejects_unknown_tasks_and_missing_data() {
    let out = newsgraph().args(["eval", "nonsense", "--data", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown task 'nonsense'"), "{}", text(&out.stderr));

    let out = newsgraph().args(["eval", "seed", "--data", "/no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/dir: no such file or directory"));
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in
        [&["--help"][..], &["analyze", "--help"], &["eval", "--help"], &["train", "--help"], &["bench", "--help"]]
    {
        let out = newsgraph().args(cmd).output().unwrap();
        assert!(out.status.success());
        let help = text(&out.stdout);
        assert!(help.contains("Example"), "{cmd:?}: {help}");
        assert!(help.contains("newsgraph "), "{cmd:?}: {help}");
    }
}

#[test]
fn the_text_report_shows_title_quotes_and_speakers_of_the_seed() {
    let out = newsgraph().args(["analyze", "--format", "text", SEED]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("Emboldened North Korea awaits second Trump administration\n"), "{report}");
    assert!(report.contains("\n23 quote(s)\n"), "{report}");
    assert!(report.contains("Evans Revere (as \"Revere\"), former acting U.S. assistant secretary of state"));
    assert!(report.contains("cue: told · outlet: VOA Korean · channel: email · when: Tuesday (2024-11-19)"));
    assert!(report.contains("published: unknown, inferred 2024-11-19"), "{report}");
    assert!(report.contains("  - February 2019 [DATE] 2019-02 · at "), "{report}");
    assert!(report.contains("Kim Jong Un (continuing), North Korean leader"));
}

#[test]
fn training_on_a_missing_split_is_a_usage_error_naming_it() {
    let out = newsgraph().args(["train", "quotes", "--data", "/no/such/split", "--out", "/dev/null"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/split"), "{}", text(&out.stderr));
}

/// A made-up CoNLL file: two sentences, each name twice, so a model trained
/// on it must get its own training data right.
const TINY_CONLL: &str =
    "Maria NNP B-NP B-PER\nSantos NNP I-NP I-PER\nvisited VBD B-VP O\nLisbon NNP B-NP B-LOC\n. . O O\n\n\
    Acme NNP B-NP B-ORG\nhired VBD B-VP O\nMaria NNP B-NP B-PER\nSantos NNP I-NP I-PER\n. . O O\n";

#[test]
fn ner_trains_on_conll_and_measures_itself() {
    let dir = scratch_dir("ner");
    let data = dir.join("tiny.txt");
    std::fs::write(&data, TINY_CONLL).unwrap();
    let model = dir.join("ner.bin");
    let out = newsgraph()
        .args(["train", "ner", "--epochs", "5", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("2 sentences, 10 tokens"), "{}", text(&out.stderr));
    let out = newsgraph()
        .args(["eval", "ner-conll", "--json", "--min", "f1=1", "--data"])
        .arg(&data)
        .arg("--model-file")
        .arg(&model)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["metrics"]["f1_per"], 1.0, "{report}");

    let broken = dir.join("broken.txt");
    std::fs::write(&broken, "Maria B-PER\nSantos B-PERSON\n").unwrap();
    let out = newsgraph().args(["train", "ner", "--out", "/dev/null", "--data"]).arg(&broken).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.txt: line 2") && stderr.contains("B-PERSON"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn analysis_finds_named_entities_with_offsets() {
    let doc = seed_json();
    let body: Vec<char> = doc["article"]["body"].as_str().unwrap().chars().collect();
    let entities = doc["entities"].as_array().expect("entities");
    let has = |label: &str, name: &str| entities.iter().any(|e| e["label"] == label && e["text"] == name);
    for (label, name) in [("PER", "Joseph DeTrani"), ("PER", "Vladimir Putin"), ("LOC", "Pyongyang"), ("LOC", "U.S.")] {
        assert!(has(label, name), "{label} {name} missing: {entities:?}");
    }
    assert!(has("ORG", "Korean Central News Agency"));
    assert!(has("ORG", "VOA Korean"), "a service of a listed organisation is an organisation");
    for e in entities {
        let (start, end) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(body[start..end].iter().collect::<String>(), e["text"].as_str().unwrap());
    }
}

#[test]
fn analysis_dates_times_and_quotes_of_the_seed() {
    let doc = seed_json();
    assert!(doc["article"]["published"].is_null());
    assert_eq!(doc["article"]["published_inferred"]["date"], "2024-11-19");
    let times = doc["times"].as_array().expect("times");
    let value = |phrase: &str| times.iter().find(|t| t["text"] == phrase).map(|t| t["value"].clone());
    assert_eq!(value("last Friday"), Some("2024-11-15".into()));
    assert_eq!(value("five days before the U.S. election"), Some("2024-10-31".into()));
    assert!(times.iter().all(|t| t["kind"].is_string()));
    let revere = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["when"]["text"] == "Tuesday")
        .expect("a quote dated Tuesday");
    assert_eq!(revere["when_value"], "2024-11-19");
}

#[test]
fn the_seed_eval_scores_its_time_expressions() {
    let out = newsgraph()
        .args(["eval", "seed", "--json", "--min", "times_found=8", "--min", "times_right=8", "--data", SEED])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
}

#[test]
fn time_eval_names_a_malformed_file() {
    let dir = scratch_dir("tml");
    std::fs::write(dir.join("broken.tml"), "<TimeML><TEXT>no creation time</TEXT></TimeML>").unwrap();
    let out = newsgraph().args(["eval", "time-tempeval", "--data"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("broken.tml") && err.contains("no <DCT> element"), "{err}");
    let help = text(&newsgraph().args(["eval", "--help"]).output().unwrap().stdout);
    assert!(help.contains("time-tempeval"), "{help}");
}
