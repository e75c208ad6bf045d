//! Events: PLOVER types and actor codes against the PLOVER gold standard
//! records, and the seed article's hand-coded events.
//!
//! Each PLOVER record is one sentence coded with one event. newsgraph
//! analyses the sentence as an article and its first event is the
//! prediction (none counts as a miss). Type: accuracy and macro-F1 over the
//! types the gold uses. Actors: a record's source (target) is right when
//! the predicted source's (target's) code is one of the gold codes; accuracy
//! over the records whose gold names one. The records' old labels map to
//! PLOVER's 16 as the data's README says: DEMAND -> REQUEST, DISAPPROVE and
//! INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph_doc::{Document, Event};
use serde_json::Value;

use crate::quotes::{char_find, clip, read_json};
use crate::{cell, prf, Options, Report};

fn plover(label: &str) -> &str {
    match label {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// The codes of a record's `source` or `target`: a list of actors, or an
/// empty string when there is none.
fn codes(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|actors| actors.iter().filter_map(|a| a["code"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn participant_code(p: &Option<newsgraph_doc::Participant>) -> Option<&str> {
    p.as_ref().and_then(|p| p.code.as_deref())
}

/// `data` is the JSON file, or a directory holding `plover-gsr-dev.json`.
pub fn plover_gsr(data: &Path, options: &Options) -> Result<Report, String> {
    let file = if data.is_dir() { data.join("plover-gsr-dev.json") } else { data.to_path_buf() };
    let records = read_json(&file)?;
    let records = records.as_array().ok_or_else(|| format!("{}: expected a JSON array of records", file.display()))?;
    let pipeline = options.pipeline()?;
    // type -> [true positives, false positives, false negatives]
    let mut counts: BTreeMap<String, [f64; 3]> = BTreeMap::new();
    let (mut total, mut right_type) = (0usize, 0usize);
    let (mut sources, mut sources_right, mut targets, mut targets_right) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (n, record) in records.iter().enumerate() {
        // The first record documents the file.
        if record["event"] == "DOCUMENT" {
            continue;
        }
        let (Some(text), Some(label)) = (record["text"].as_str(), record["event"].as_str()) else {
            return Err(format!("{}: record {n} has no text or event", file.display()));
        };
        let gold = plover(label).to_string();
        let doc = pipeline.analyze_body(record["id"].as_str().unwrap_or("record"), text);
        let predicted: Option<&Event> = doc.events.first();
        let predicted_type = predicted.map(|e| e.code.clone());
        total += 1;
        if predicted_type.as_deref() == Some(gold.as_str()) {
            right_type += 1;
            counts.entry(gold.clone()).or_default()[0] += 1.0;
        } else {
            counts.entry(gold.clone()).or_default()[2] += 1.0;
            if let Some(p) = &predicted_type {
                counts.entry(p.clone()).or_default()[1] += 1.0;
            }
        }
        let (gold_sources, gold_targets) = (codes(&record["source"]), codes(&record["target"]));
        let source_code = predicted.and_then(|e| participant_code(&e.source));
        let target_code = predicted.and_then(|e| participant_code(&e.target));
        let source_ok = source_code.is_some_and(|c| gold_sources.iter().any(|g| g == c));
        let target_ok = target_code.is_some_and(|c| gold_targets.iter().any(|g| g == c));
        if !gold_sources.is_empty() {
            sources += 1;
            sources_right += usize::from(source_ok);
        }
        if !gold_targets.is_empty() {
            targets += 1;
            targets_right += usize::from(target_ok);
        }
        let type_ok = predicted_type.as_deref() == Some(gold.as_str());
        let wrong = usize::from(!type_ok) * 2
            + usize::from(!gold_sources.is_empty() && !source_ok)
            + usize::from(!gold_targets.is_empty() && !target_ok);
        if wrong > 0 {
            misses.push((
                wrong,
                format!(
                    "  {}\n    gold: {gold} {:?} -> {:?}\n    got:  {} {} -> {} (trigger {:?})",
                    clip(text, 160),
                    gold_sources,
                    gold_targets,
                    predicted_type.as_deref().unwrap_or("-"),
                    source_code.unwrap_or("-"),
                    target_code.unwrap_or("-"),
                    predicted.map_or("", |e| e.trigger.text.as_str()),
                ),
            ));
        }
    }
    let mut report = Report::new("events-plover", &file);
    let mut rows = Vec::new();
    let mut f1s = Vec::new();
    for (label, c) in &counts {
        let support = c[0] + c[2];
        let (p, r, f) = prf(c[0], c[1], c[2]);
        if support > 0.0 {
            f1s.push(f);
        }
        rows.push(vec![label.clone(), cell(p), cell(r), cell(f), format!("{support}")]);
    }
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    report.metric("type_acc", ratio(right_type, total));
    report.metric("macro_f1", macro_f1);
    report.metric("source_acc", ratio(sources_right, sources));
    report.metric("target_acc", ratio(targets_right, targets));
    report.metric("actor_acc", ratio(sources_right + targets_right, sources + targets));
    report.table(
        "event type per PLOVER type (first event of each sentence)",
        &["type", "precision", "recall", "F1", "gold"],
        rows,
    );
    report.table(
        "Summary",
        &["records", "type accuracy", "macro-F1", "source code accuracy", "target code accuracy"],
        vec![vec![
            total.to_string(),
            cell(ratio(right_type, total)),
            cell(macro_f1),
            format!("{} ({sources_right}/{sources})", cell(ratio(sources_right, sources))),
            format!("{} ({targets_right}/{targets})", cell(ratio(targets_right, targets))),
        ]],
    );
    if options.errors > 0 {
        misses.sort_by_key(|(wrong, _)| std::cmp::Reverse(*wrong));
        report.notes.push(format!("{} worst misses of {}:", options.errors.min(misses.len()), misses.len()));
        report.notes.extend(misses.into_iter().take(options.errors).map(|(_, m)| m));
    }
    Ok(report)
}

/// Whether an actor of `doc` goes by `name`; as for speakers, a surname
/// stands for the full name (`Biden` for `Joe Biden`).
fn names(doc: &Document, actor: Option<usize>, name: &str) -> bool {
    let gold: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let same = |x: &str| {
        let words: Vec<String> = x.split_whitespace().map(str::to_lowercase).collect();
        words == gold || (words.len() == 1 && gold.last() == words.first())
    };
    actor.is_some_and(|a| {
        let a = &doc.actors[a];
        same(&a.name) || a.aliases.iter().any(|x| same(x))
    })
}

/// The seed's gold events (`events` in its gold file): an event is found
/// when one of the predicted triggers lies in the gold text with the gold
/// type, and right when its source and, where the gold names one, its
/// target are the gold actors (either way round for a CONSULT, a
/// meeting being mutual); dated when its date is the gold `when`.
pub fn seed_events(doc: &Document, gold: &Value, report: &mut Report) {
    let Some(events) = gold["events"].as_array() else { return };
    let body = &doc.article.body;
    let (mut found, mut right, mut dated, mut gold_dates) = (0, 0, 0, 0);
    let mut rows = Vec::new();
    for (n, g) in events.iter().enumerate() {
        let text = g["text"].as_str().unwrap_or_default();
        let action = g["action"].as_str().unwrap_or_default();
        let span = char_find(body, text);
        let hit = span.and_then(|span| {
            doc.events.iter().find(|e| e.code == action && e.trigger.start >= span.start && e.trigger.end <= span.end)
        });
        let gold_source = g["source"].as_str().unwrap_or("");
        let actors_match = |e: &Event, source: &str, target: Option<&str>| {
            names(doc, e.source.as_ref().and_then(|p| p.actor), source)
                && target.is_none_or(|t| names(doc, e.target.as_ref().and_then(|p| p.actor), t))
        };
        // A meeting is mutual: `Kim met Trump` and `Trump met Kim` report
        // the same CONSULT, so either side may be the source.
        let ok = hit.is_some_and(|e| {
            actors_match(e, gold_source, g["target"].as_str())
                || (action == "CONSULT" && g["target"].as_str().is_some_and(|t| actors_match(e, t, Some(gold_source))))
        });
        if let Some(when) = g["when"].as_str() {
            gold_dates += 1;
            dated += usize::from(hit.is_some_and(|e| e.when.as_deref() == Some(when)));
        }
        found += usize::from(hit.is_some());
        right += usize::from(ok);
        let actor = |p: Option<&newsgraph_doc::Participant>| {
            p.and_then(|p| p.actor).map_or("-".to_string(), |a| doc.actors[a].name.clone())
        };
        rows.push(vec![
            (n + 1).to_string(),
            action.to_string(),
            clip(text, 40),
            if hit.is_some() { "yes" } else { "NO" }.to_string(),
            format!("{} / {}", hit.and_then(|e| e.when.as_deref()).unwrap_or("-"), g["when"].as_str().unwrap_or("-")),
            hit.map_or("-".into(), |e| format!("{} -> {}", actor(e.source.as_ref()), actor(e.target.as_ref()))),
            format!("{} -> {}", g["source"].as_str().unwrap_or("-"), g["target"].as_str().unwrap_or("-")),
            if ok { "ok" } else { "WRONG" }.to_string(),
        ]);
    }
    report.metric("events_found", found as f64);
    report.metric("events_right", right as f64);
    report.metric("events_dated", dated as f64);
    report.table(
        &format!("Gold events ({dated} of the {gold_dates} gold dates right)"),
        &["#", "type", "gold text", "found", "date / gold", "predicted actors", "gold actors", "actors"],
        rows,
    );
}
