//! Time expressions on TimeML files (TimeBank and AQUAINT, `*.tml`), as
//! TempEval-3 scores them.
//!
//! Each file's `<TEXT>` element, tags removed and entities decoded, is the
//! article body; its `<DCT>` TIMEX3 value is `article.published`, so the
//! pipeline anchors on it as on any dated page. Gold expressions are the
//! TIMEX3s inside `<TEXT>` (the DCT itself is not scored). Predictions and
//! gold match one to one, in text order:
//!
//! * *strict*: the same character span;
//! * *relaxed*: any shared character;
//! * *value*: a relaxed match whose TimeML value equals the gold's (week
//!   numbers compared as numbers: the gold writes both `2000-W7` and `2000-W07`); its
//!   precision and recall divide by all predictions and all gold
//!   expressions, so a missed or spurious expression costs value F1 too;
//! * *type accuracy*: share of relaxed matches with the gold's type.
//!
//! It also checks publication-date inference: each text is dated from its
//! own words as if it had no DCT (`dct_inferred`: how many get a date,
//! `dct_inferred_right`: how many of those equal the DCT's day).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsgraph_doc::{Article, Span, TimeExpression};

use crate::quotes::{clip, sorted_files};
use crate::{cell, prf, Options, Report};

/// Characters of context shown either side of an error.
const CONTEXT: usize = 50;

/// One gold TIMEX3.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    pub span: Span,
    pub kind: String,
    pub value: String,
}

/// A TimeML document: the text of `<TEXT>`, its document creation time and its TIMEX3s.
#[derive(Debug, Clone, PartialEq)]
pub struct TimemlDoc {
    pub text: String,
    pub dct: String,
    pub timexes: Vec<GoldTimex>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(decode(&tag[at..at + len]))
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Reads one TimeML file's text, DCT and TIMEX3s; errors say what is wrong.
pub fn parse_timeml(raw: &str) -> Result<TimemlDoc, String> {
    let dct_at = raw.find("<DCT>").ok_or("no <DCT> element")?;
    let dct_timex = &raw[dct_at..];
    let timex_at = dct_timex.find("<TIMEX3").ok_or("<DCT> holds no TIMEX3")?;
    let tag_end = dct_timex[timex_at..].find('>').ok_or("unclosed TIMEX3 tag in <DCT>")?;
    let dct = attribute(&dct_timex[timex_at..timex_at + tag_end], "value").ok_or("the DCT TIMEX3 has no value")?;
    let open = raw.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let close = raw[open..].find("</TEXT>").ok_or("<TEXT> is never closed")? + open;
    let inner = &raw[open..close];

    let mut text = String::new();
    let mut chars = 0;
    let mut timexes = Vec::new();
    let mut open_timex: Option<(usize, String, String)> = None;
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        let piece = decode(&rest[..lt]);
        chars += piece.chars().count();
        text.push_str(&piece);
        let gt = rest[lt..]
            .find('>')
            .ok_or_else(|| format!("unclosed tag at byte {}", open + inner.len() - rest.len() + lt))?;
        let tag = &rest[lt..lt + gt + 1];
        if tag.starts_with("<TIMEX3") {
            if open_timex.is_some() {
                return Err(format!("nested TIMEX3: {tag}"));
            }
            let kind = attribute(tag, "type").ok_or_else(|| format!("TIMEX3 without a type: {tag}"))?;
            let value = attribute(tag, "value").unwrap_or_default();
            open_timex = Some((chars, kind, value));
        } else if tag == "</TIMEX3>" {
            let (start, kind, value) = open_timex.take().ok_or("</TIMEX3> without an opening tag")?;
            timexes.push(GoldTimex { span: Span::new(start, chars), kind, value });
        }
        rest = &rest[lt + gt + 1..];
    }
    if open_timex.is_some() {
        return Err("a TIMEX3 is never closed".into());
    }
    let piece = decode(rest);
    text.push_str(&piece);
    Ok(TimemlDoc { text, dct, timexes })
}

/// Every `.tml` file under `data` (directly or one directory down), in name order.
fn tml_files(data: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in sorted_files_and_dirs(data)? {
        if entry.is_dir() {
            files.extend(sorted_files(&entry)?.into_iter().filter(|p| p.extension().is_some_and(|e| e == "tml")));
        } else if entry.extension().is_some_and(|e| e == "tml") {
            files.push(entry);
        }
    }
    if files.is_empty() {
        return Err(format!("{}: no .tml files (expected AQUAINT/*.tml, TimeBank/*.tml)", data.display()));
    }
    Ok(files)
}

fn sorted_files_and_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// A value with week numbers unpadded, so `2000-W07` equals `2000-W7`.
fn canonical(value: &str) -> String {
    match value.find("-W0") {
        Some(at) if value[at + 3..].starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{}-W{}", &value[..at], &value[at + 3..])
        }
        _ => value.to_string(),
    }
}

/// Pairs gold and predicted expressions one to one by `matches`, in text order.
fn pair(gold: &[GoldTimex], predicted: &[TimeExpression], matches: impl Fn(Span, Span) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (g, gold) in gold.iter().enumerate() {
        if let Some(p) = (0..predicted.len()).find(|&p| !used[p] && matches(gold.span, predicted[p].mention.span())) {
            used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs
}

fn context(text: &str, span: Span) -> String {
    let start = span.start.saturating_sub(CONTEXT);
    let before: String = text.chars().skip(start).take(span.start - start).collect();
    let inside: String = text.chars().skip(span.start).take(span.len()).collect();
    let after: String = text.chars().skip(span.end).take(CONTEXT).collect();
    clip(&format!("…{before}[{inside}]{after}…"), 3 * CONTEXT)
}

pub fn tempeval(data: &Path, options: &Options) -> Result<Report, String> {
    let pipeline = options.pipeline()?;
    let files = tml_files(data)?;
    // [strict tp, relaxed tp, value tp, type right, predicted, gold]
    let mut n = [0usize; 6];
    // gold type -> (gold, relaxed found, value right)
    let mut by_type: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut errors: Vec<(u8, String)> = Vec::new();
    let (mut inferred, mut inferred_right) = (0, 0);
    for path in &files {
        let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc = parse_timeml(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        let article = Article { body: doc.text.clone(), published: Some(doc.dct.clone()), ..Article::default() };
        let predicted = pipeline.analyze_article(&path.display().to_string(), article).times;
        if let Some(guess) = newsgraph_time::infer_publication_date(&doc.text) {
            inferred += 1;
            inferred_right += usize::from(newsgraph_time::Date::parse_iso(&doc.dct) == Some(guess.date));
        }
        let gold = &doc.timexes;
        n[0] += pair(gold, &predicted, |g, p| g == p).len();
        let relaxed = pair(gold, &predicted, |g, p| g.overlap(&p) > 0);
        n[1] += relaxed.len();
        n[4] += predicted.len();
        n[5] += gold.len();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let show = |t: &TimeExpression| {
            format!("'{}' {} {}", t.mention.text, t.kind.as_str(), t.value.as_deref().unwrap_or("-"))
        };
        for g in gold {
            by_type.entry(g.kind.clone()).or_default()[0] += 1;
        }
        for &(g, p) in &relaxed {
            let (g, p) = (&gold[g], &predicted[p]);
            let value_right = p.value.as_deref().map(canonical) == Some(canonical(&g.value));
            n[2] += usize::from(value_right);
            n[3] += usize::from(p.kind.as_str() == g.kind);
            let row = by_type.entry(g.kind.clone()).or_default();
            row[1] += 1;
            row[2] += usize::from(value_right);
            if g.span != p.mention.span() {
                let gold_text: String = doc.text.chars().skip(g.span.start).take(g.span.len()).collect();
                errors.push((2, format!("{name} extent\n  gold: '{gold_text}'\n  got:  {}", show(p))));
            }
            if !value_right {
                let gold_text: String = doc.text.chars().skip(g.span.start).take(g.span.len()).collect();
                errors.push((
                    1,
                    format!(
                        "{name} wrong value (DCT {})\n  {}\n  gold: '{gold_text}' {} {}\n  got:  {}",
                        doc.dct,
                        context(&doc.text, g.span),
                        g.kind,
                        g.value,
                        show(p)
                    ),
                ));
            }
        }
        for (_, g) in gold.iter().enumerate().filter(|(i, _)| !relaxed.iter().any(|(r, _)| r == i)) {
            errors
                .push((0, format!("{name} missed\n  {}\n  gold: {} {}", context(&doc.text, g.span), g.kind, g.value)));
        }
        for p in predicted.iter().enumerate().filter(|(i, _)| !relaxed.iter().any(|(_, r)| r == i)).map(|(_, p)| p) {
            errors
                .push((2, format!("{name} spurious\n  {}\n  got:  {}", context(&doc.text, p.mention.span()), show(p))));
        }
    }
    let [strict, relaxed, value, type_right, predicted, gold] = n.map(|v| v as f64);
    let mut report = Report::new("time-tempeval", data);
    let mut rows = Vec::new();
    for (name, tp) in [("strict", strict), ("relaxed", relaxed), ("value", value)] {
        let (p, r, f) = prf(tp, predicted - tp, gold - tp);
        report.metric(&format!("{name}_precision"), p);
        report.metric(&format!("{name}_recall"), r);
        report.metric(&format!("{name}_f1"), f);
        rows.push(vec![name.to_string(), cell(p), cell(r), cell(f)]);
    }
    let type_acc = if relaxed > 0.0 { type_right / relaxed } else { 0.0 };
    report.metric("type_acc", type_acc);
    report.table(
        &format!("{} files, {gold} gold TIMEX3s, {predicted} predicted", files.len()),
        &["match", "precision", "recall", "F1"],
        rows,
    );
    report.table(
        "By gold type (found: relaxed match; value: right value among found)",
        &["type", "gold", "found", "value right"],
        by_type
            .iter()
            .map(|(k, [g, f, v])| vec![k.clone(), g.to_string(), f.to_string(), v.to_string()])
            .chain(std::iter::once(vec!["type accuracy".into(), cell(type_acc), String::new(), String::new()]))
            .collect(),
    );
    // Misses first, then wrong values, wrong extents and spurious expressions.
    report.metric("dct_inferred", inferred as f64);
    report.metric("dct_inferred_right", inferred_right as f64);
    report.table(
        "Publication date inferred from the text alone",
        &["files", "dated", "same day as the DCT"],
        vec![vec![files.len().to_string(), inferred.to_string(), inferred_right.to_string()]],
    );
    errors.sort_by_key(|(order, _)| *order);
    report.notes.extend(errors.into_iter().take(options.errors).map(|(_, e)| e));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2003-05-09" functionInDocument="CREATION_TIME">May 9, 2003</TIMEX3></DCT>
<TEXT>
The board <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2003-05-08">Thursday</TIMEX3> &amp; talked for <TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn reads_text_dct_and_timexes_with_character_offsets() {
        let doc = parse_timeml(SAMPLE).unwrap();
        assert_eq!(doc.dct, "2003-05-09");
        assert_eq!(doc.timexes.len(), 2);
        let slice = |s: Span| doc.text.chars().skip(s.start).take(s.len()).collect::<String>();
        assert_eq!(slice(doc.timexes[0].span), "Thursday");
        assert_eq!(slice(doc.timexes[1].span), "three hours");
        assert!(doc.text.contains("Thursday & talked"));
        assert_eq!(doc.timexes[1].value, "PT3H");
    }

    #[test]
    fn malformed_files_are_reported_with_their_name() {
        let dir = std::env::temp_dir().join(format!("newsgraph-tml-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("TimeBank")).unwrap();
        let broken = SAMPLE.replace("</TIMEX3> &amp;", " &amp;");
        std::fs::write(dir.join("TimeBank/broken.tml"), broken).unwrap();
        let err = tempeval(&dir, &Options::default()).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains("broken.tml"), "{err}");
        assert!(err.contains("nested TIMEX3"), "{err}");
    }

    #[test]
    fn week_numbers_compare_unpadded() {
        assert_eq!(canonical("2000-W07"), canonical("2000-W7"));
        assert_eq!(canonical("2000-W07-WE"), "2000-W7-WE");
        assert_ne!(canonical("2000-W17"), canonical("2000-W7"));
    }

    #[test]
    fn a_file_without_text_says_so() {
        let err = parse_timeml("<DCT><TIMEX3 type=\"DATE\" value=\"2000-01-01\">x</TIMEX3></DCT>").unwrap_err();
        assert!(err.contains("<TEXT>"), "{err}");
    }
}
