//! Named entities on CoNLL-2003: entity-level exact match, as `conlleval`
//! counts it (type and both boundaries right), per type and overall.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph_doc::EntityLabel;
use newsgraph_ner::{read_conll, EntityTagger, TokenEntity};

use crate::{cell, prf, Options, Report};

fn type_name(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Per => "PER",
        EntityLabel::Org => "ORG",
        EntityLabel::Loc => "LOC",
        EntityLabel::Misc => "MISC",
    }
}

/// `data` is a CoNLL file, or a directory holding `valid.txt`.
pub fn conll(data: &Path, options: &Options) -> Result<Report, String> {
    let file = if data.is_dir() { data.join("valid.txt") } else { data.to_path_buf() };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let sentences = read_conll(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let tagger = match &options.ner_model {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            EntityTagger::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => EntityTagger::new(),
    };
    // type -> (true positives, false positives, false negatives)
    let mut counts: BTreeMap<&str, [f64; 3]> = BTreeMap::new();
    let mut misses: Vec<(usize, String)> = Vec::new();
    let mut tokens = 0;
    for sentence in &sentences {
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        tokens += words.len();
        let predicted = tagger.tag(&words);
        let gold = sentence.entities();
        let mut wrong = 0;
        for e in &gold {
            let c = counts.entry(type_name(e.label)).or_default();
            if predicted.contains(e) {
                c[0] += 1.0;
            } else {
                c[2] += 1.0;
                wrong += 1;
            }
        }
        for e in predicted.iter().filter(|e| !gold.contains(e)) {
            counts.entry(type_name(e.label)).or_default()[1] += 1.0;
            wrong += 1;
        }
        if wrong > 0 && options.errors > 0 {
            let show = |entities: &[TokenEntity]| {
                entities
                    .iter()
                    .map(|e| format!("[{} {}]", type_name(e.label), words[e.tokens.clone()].join(" ")))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            misses.push((
                wrong,
                format!("  {}\n    gold: {}\n    got:  {}", words.join(" "), show(&gold), show(&predicted)),
            ));
        }
    }
    let mut report = Report::new("ner-conll", &file);
    let mut rows = Vec::new();
    let mut total = [0.0; 3];
    for (name, c) in &counts {
        let (p, r, f) = prf(c[0], c[1], c[2]);
        report.metric(&format!("f1_{}", name.to_lowercase()), f);
        rows.push(vec![name.to_string(), cell(p), cell(r), cell(f), format!("{}", c[0] + c[2])]);
        for k in 0..3 {
            total[k] += c[k];
        }
    }
    let (p, r, f) = prf(total[0], total[1], total[2]);
    report.metric("precision", p);
    report.metric("recall", r);
    report.metric("f1", f);
    rows.push(vec!["all".into(), cell(p), cell(r), cell(f), format!("{}", total[0] + total[2])]);
    report.table(
        &format!("entity-level exact match, {} sentences, {tokens} tokens", sentences.len()),
        &["type", "precision", "recall", "F1", "gold"],
        rows,
    );
    misses.sort_by_key(|(wrong, _)| std::cmp::Reverse(*wrong));
    report.notes.extend(misses.into_iter().take(options.errors).map(|(_, text)| text));
    Ok(report)
}
