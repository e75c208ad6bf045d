//! Quote attribution against PolNeAR, GenderGapTracker and the seed article.
//!
//! All three run [`Pipeline`] as users do: `analyze_body` on the gold
//! corpora (their text is already the article, so offsets line up) and
//! `analyze` on the seed page. Offsets are characters throughout.
//!
//! * `seed`: time expressions are scored too (`times_found`, `times_right`:
//!   overlapping the gold text, and with its value). A gold quote is *found* when one predicted quote's content
//!   covers at least 80% of the gold text's characters (each prediction
//!   matches one gold quote, best overlap first). Its speaker is *right* when
//!   the predicted canonical name equals the gold `speaker` or one of its
//!   `speaker_alt` names, ignoring case (the first quote's content is Kim's
//!   stance as reported by the analysts, so both are accepted). Predictions
//!   matching no gold quote are *spurious*.
//! * `quotes-polnear`: the first annotator file of each article (name order).
//!   Every role (content, cue, source) of every relation is a set of pieces;
//!   predicted content is a quote's spans, cue its cue, source its speaker
//!   mention as written with any apposition after it and that apposition's
//!   closing comma before a cue (PolNeAR's sources include both). A continuation quote in the same paragraph as the
//!   quote before it joins that quote's content, as PolNeAR annotates
//!   `“A,” she said. “B.”` as one statement. *Exact*: the same pieces after
//!   trimming whitespace and quotation marks from each piece and joining
//!   pieces only such characters apart (PolNeAR keeps the marks inside
//!   content, the pipeline does not, and PolNeAR sometimes splits one
//!   content at a space; neither convention is what is measured). *Overlap*: any shared character. Both match one to
//!   one; identical spans of several relations count once. `relation_exact`
//!   needs content, cue and source all exact (a missing role must be missing).
//! * `seed` and `quotes-ggt` count reported speech only (`Quote::speech`):
//!   their gold marks what was said, while PolNeAR also marks attributed
//!   beliefs and positions, so `quotes-polnear` counts every attribution.
//! * Mixed quotes: PolNeAR and GGT mark the whole reported clause around a
//!   quoted fragment, the pipeline's content is the fragment; both tasks
//!   compare the quote's `clause`.
//! * `quotes-ggt`: a gold quote is matched when a predicted content covers
//!   more than 30% (or 80%) of its characters, one to one. Speaker accuracy is
//!   over quotes matched at 0.3: the canonical name equals `reference`
//!   ignoring case, or their last words do (a surname counts for the full
//!   name). Gold quotes without offsets are located by exact search of their
//!   text, and skipped on both sides if absent.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph_attribution::{Role, TrainingArticle};
use newsgraph_doc::{Document, MentionKind, Quote, Span};
use serde_json::Value;

use crate::{cell, prf, Options, Report};

/// Share of a gold quote's characters a prediction must cover to find it in the seed.
const SEED_COVERAGE: f64 = 0.8;

/// Characters of context shown around an error.
const ERROR_CONTEXT: usize = 40;

/// Characters trimmed from both ends of a piece before exact comparison.
const QUOTE_MARKS: &[char] = &['"', '“', '”', '‘', '’', '\'', '«', '»', '„'];

// ---------------------------------------------------------------- seed

pub fn seed(data: &Path, options: &Options) -> Result<Report, String> {
    let txt = seed_file(data)?;
    let gold_path = txt.with_extension("gold.json");
    let gold = read_json(&gold_path)?;
    let page = newsgraph_input::read_file(&txt).map_err(|e| e.to_string())?;
    let mut doc = options.pipeline()?.analyze(&page);
    doc.quotes.retain(|q| q.speech);
    let body = &doc.article.body;
    let gold_quotes = gold["quotes"].as_array().ok_or_else(|| format!("{}: no quotes list", gold_path.display()))?;

    let contents: Vec<Pieces> = doc.quotes.iter().map(|q| q.spans.clone()).collect();
    let mut used = vec![false; doc.quotes.len()];
    let mut rows = Vec::new();
    let (mut found, mut right) = (0, 0);
    for (n, g) in gold_quotes.iter().enumerate() {
        let text = g["text"].as_str().unwrap_or_default();
        let speaker = g["speaker"].as_str().unwrap_or_default();
        let mut accepted: Vec<&str> = vec![speaker];
        if let Some(alt) = g["speaker_alt"].as_array() {
            accepted.extend(alt.iter().filter_map(Value::as_str));
        }
        let span = char_find(body, text);
        let best = span.and_then(|span| {
            best_match(&contents, &used, span)
                .filter(|&(_, covered)| covered as f64 >= SEED_COVERAGE * span.len() as f64)
        });
        let predicted = best.and_then(|(i, _)| doc.quotes[i].speaker.as_ref().map(|s| s.name.clone()));
        let ok = predicted.as_deref().is_some_and(|p| accepted.iter().any(|a| a.eq_ignore_ascii_case(p)));
        if let Some((i, _)) = best {
            used[i] = true;
            found += 1;
            right += usize::from(ok);
        }
        rows.push(vec![
            (n + 1).to_string(),
            g["kind"].as_str().unwrap_or_default().to_string(),
            clip(text, 48),
            if best.is_some() { "yes" } else { "NO" }.to_string(),
            predicted.unwrap_or_else(|| "-".into()),
            speaker.to_string(),
            if ok { "ok" } else { "WRONG" }.to_string(),
        ]);
    }
    let spurious: Vec<&Quote> = doc.quotes.iter().zip(&used).filter(|(_, u)| !**u).map(|(q, _)| q).collect();

    let mut report = Report::new("seed", data);
    crate::events::seed_events(&doc, &gold, &mut report);
    report.metric("quotes_found", found as f64);
    report.metric("speakers_right", right as f64);
    report.metric("spurious", spurious.len() as f64);
    report.table(
        "Gold quotes",
        &["#", "kind", "gold text", "found", "predicted speaker", "gold speaker", "speaker"],
        rows,
    );
    report.table(
        "Summary",
        &["gold", "found", "speakers right", "spurious"],
        vec![vec![gold_quotes.len().to_string(), found.to_string(), right.to_string(), spurious.len().to_string()]],
    );
    for q in spurious {
        let who = q.speaker.as_ref().map_or("-", |s| s.name.as_str());
        report.notes.push(format!("spurious: {who}: {}", clip(&q.text, 80)));
    }
    if let Some(gold_times) = gold["time_expressions"].as_array() {
        seed_times(&mut report, &doc, gold_times);
    }
    Ok(report)
}

/// The seed's time expressions: a gold expression is *found* when a
/// predicted one overlaps its text (one to one), *right* when that one's
/// value equals the gold value.
fn seed_times(report: &mut Report, doc: &Document, gold: &[Value]) {
    let body = &doc.article.body;
    let mut used = vec![false; doc.times.len()];
    let (mut found, mut right) = (0, 0);
    let mut rows = Vec::new();
    for g in gold {
        let text = g["text"].as_str().unwrap_or_default();
        let value = g["value"].as_str().unwrap_or_default();
        let hit = char_find(body, text).and_then(|span| {
            (0..doc.times.len()).find(|&i| !used[i] && doc.times[i].mention.span().overlap(&span) > 0)
        });
        let predicted = hit.map(|i| &doc.times[i]);
        if let Some(i) = hit {
            used[i] = true;
            found += 1;
        }
        let ok = predicted.is_some_and(|t| t.value.as_deref() == Some(value));
        right += usize::from(ok);
        rows.push(vec![
            text.to_string(),
            value.to_string(),
            predicted.map_or("-".into(), |t| t.mention.text.clone()),
            predicted.and_then(|t| t.value.clone()).unwrap_or_else(|| "-".into()),
            if ok { "ok" } else { "WRONG" }.to_string(),
        ]);
    }
    report.metric("times_found", found as f64);
    report.metric("times_right", right as f64);
    report.table("Gold time expressions", &["gold text", "gold value", "predicted", "value", ""], rows);
    if let Some(inferred) = &doc.article.published_inferred {
        report.notes.push(format!(
            "publication date inferred: {} ({} confidence): {}",
            inferred.date,
            inferred.confidence.as_str(),
            inferred.reason
        ));
    }
}

/// The seed `.txt` itself, or the first `.txt` in a directory with a `.gold.json` beside it.
fn seed_file(data: &Path) -> Result<PathBuf, String> {
    if data.is_file() {
        return Ok(data.to_path_buf());
    }
    sorted_files(data)?
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "txt") && p.with_extension("gold.json").exists())
        .ok_or_else(|| format!("{}: no .txt with a .gold.json beside it", data.display()))
}

/// The unused prediction covering most of `gold`, with the characters covered.
fn best_match(contents: &[Pieces], used: &[bool], gold: Span) -> Option<(usize, usize)> {
    contents
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(i, pieces)| (i, pieces.iter().map(|s| s.overlap(&gold)).sum::<usize>()))
        .filter(|&(_, covered)| covered > 0)
        .max_by_key(|&(i, covered)| (covered, std::cmp::Reverse(i)))
}

// ---------------------------------------------------------------- PolNeAR

/// A role span: its pieces, as character spans.
type Pieces = Vec<Span>;

/// One attribution relation; a role the annotator left out is `None`.
#[derive(Debug, Clone, Default, PartialEq)]
struct Relation {
    content: Option<Pieces>,
    cue: Option<Pieces>,
    source: Option<Pieces>,
}

const ROLES: [&str; 3] = ["content", "source", "cue"];

fn role<'a>(r: &'a Relation, name: &str) -> Option<&'a Pieces> {
    match name {
        "content" => r.content.as_ref(),
        "source" => r.source.as_ref(),
        _ => r.cue.as_ref(),
    }
}

pub fn polnear(data: &Path, options: &Options) -> Result<Report, String> {
    let pipeline = options.pipeline()?;
    // role -> (exact tp, overlap tp, predicted, gold)
    let mut counts: HashMap<&str, [usize; 4]> = HashMap::new();
    let (mut relation_tp, mut relation_pred, mut relation_gold) = (0, 0, 0);
    let mut misses: Vec<(f64, String)> = Vec::new();
    let mut classes = [0usize; ErrorClass::ALL.len()];
    let (mut articles, mut chars) = (0, 0);
    let mut elapsed = 0.0;
    for article in polnear_articles(data)? {
        let (path, text, gold) = (&article.path, &article.text, &article.relations);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let started = Instant::now();
        let doc = pipeline.analyze_body(&path.display().to_string(), text);
        elapsed += started.elapsed().as_secs_f64();
        let predicted = polnear_relations(&doc);
        if let Some(dir) = &options.predictions {
            write_predictions(dir, stem, text, &predicted)?;
        }
        articles += 1;
        chars += text.chars().count();
        // Spans are compared trimmed; trim each relation once, not per comparison.
        let chars: Vec<char> = text.chars().collect();
        let gold_trimmed: Vec<Relation> = gold.iter().map(|r| r.trimmed(&chars)).collect();
        let predicted_trimmed: Vec<Relation> = predicted.iter().map(|r| r.trimmed(&chars)).collect();
        for name in ROLES {
            let g = distinct(gold_trimmed.iter().filter_map(|r| role(r, name)).cloned());
            let p = distinct(predicted_trimmed.iter().filter_map(|r| role(r, name)).cloned());
            let c = counts.entry(name).or_default();
            c[0] += one_to_one(&g, &p, |a, b| a == b);
            c[1] += one_to_one(&g, &p, |a, b| pieces_overlap(a, b) > 0);
            c[2] += p.len();
            c[3] += g.len();
        }
        relation_tp += one_to_one(&gold_trimmed, &predicted_trimmed, |g, p| g == p);
        relation_pred += predicted.len();
        relation_gold += gold.len();
        for (g, g_trimmed) in gold.iter().zip(&gold_trimmed) {
            let Some(content) = &g.content else { continue };
            let total: usize = content.iter().map(Span::len).sum();
            let best = predicted
                .iter()
                .zip(&predicted_trimmed)
                .filter_map(|(p, t)| p.content.as_ref().map(|c| (pieces_overlap(content, c), p, t)))
                .filter(|(o, _, _)| *o > 0)
                .max_by_key(|(o, _, _)| *o);
            let class = ErrorClass::of(g_trimmed, best.map(|(_, _, t)| t));
            classes[class as usize] += 1;
            // `--errors` lists every relation not right, those whose content
            // is least covered first.
            if options.errors == 0 || class == ErrorClass::Right {
                continue;
            }
            let coverage = best.map_or(0.0, |(o, _, _)| o as f64 / total.max(1) as f64);
            let show = |r: Option<&Relation>| {
                r.map_or("(nothing)".to_string(), |r| {
                    format!(
                        "source [{}] cue [{}] content [{}]",
                        pieces_text(text, r.source.as_ref()),
                        pieces_text(text, r.cue.as_ref()),
                        clip(&pieces_text(text, r.content.as_ref()), 100)
                    )
                })
            };
            misses.push((
                coverage,
                format!(
                    "{stem} @{}\n  context:   …{}…\n  gold:      {}\n  predicted: {}",
                    content[0].start,
                    context(text, content[0]),
                    show(Some(g)),
                    show(best.map(|(_, p, _)| p))
                ),
            ));
        }
    }
    let mut report = Report::new("quotes-polnear", data);
    let mut rows = Vec::new();
    for name in ROLES {
        let c = counts.get(name).copied().unwrap_or_default();
        let (ep, er, ef) = prf(c[0] as f64, (c[2] - c[0]) as f64, (c[3] - c[0]) as f64);
        let (op, or, of) = prf(c[1] as f64, (c[2] - c[1]) as f64, (c[3] - c[1]) as f64);
        for (kind, (p, r, f)) in [("exact", (ep, er, ef)), ("overlap", (op, or, of))] {
            report.metric(&format!("{name}_{kind}_p"), p);
            report.metric(&format!("{name}_{kind}_r"), r);
            report.metric(&format!("{name}_{kind}_f1"), f);
        }
        rows.push(vec![
            name.to_string(),
            cell(ep),
            cell(er),
            cell(ef),
            cell(op),
            cell(or),
            cell(of),
            c[3].to_string(),
            c[2].to_string(),
        ]);
    }
    let (rp, rr, rf) =
        prf(relation_tp as f64, (relation_pred - relation_tp) as f64, (relation_gold - relation_tp) as f64);
    report.metric("relation_exact_f1", rf);
    rows.push(vec![
        "relation".into(),
        cell(rp),
        cell(rr),
        cell(rf),
        "".into(),
        "".into(),
        "".into(),
        relation_gold.to_string(),
        relation_pred.to_string(),
    ]);
    report.table(
        &format!("PolNeAR attribution, {articles} articles"),
        &["role", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "gold", "predicted"],
        rows,
    );
    let with_content: usize = classes.iter().sum();
    let class_rows = ErrorClass::ALL
        .iter()
        .map(|&class| {
            let n = classes[class as usize];
            report.metric(&format!("relations_{}", class.key()), n as f64);
            vec![class.describe().to_string(), n.to_string(), cell(n as f64 / with_content.max(1) as f64)]
        })
        .collect();
    report.table(
        "Gold relations with a content, by how the prediction overlapping their content most differs",
        &["class", "relations", "share"],
        class_rows,
    );
    report.notes.push(speed_note(articles, chars, elapsed));
    push_errors(&mut report, misses, options.errors);
    Ok(report)
}

/// How the predicted relation that overlaps a gold relation's content most
/// differs from it, roles compared exactly (trimmed): where the errors are,
/// by kind, for whoever works on them next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorClass {
    Right,
    /// No predicted content shares a character with it.
    Missed,
    /// Overlapped by a content whose cue is another (or none).
    OtherCue,
    /// Cue right; content and source both not.
    ContentAndSource,
    /// Cue and source right, content boundaries not.
    ContentOnly,
    /// Cue and content right, the source not.
    SourceOnly,
}

impl ErrorClass {
    const ALL: [ErrorClass; 6] = [
        ErrorClass::Right,
        ErrorClass::Missed,
        ErrorClass::OtherCue,
        ErrorClass::ContentAndSource,
        ErrorClass::ContentOnly,
        ErrorClass::SourceOnly,
    ];

    fn of(gold: &Relation, best: Option<&Relation>) -> ErrorClass {
        let Some(p) = best else { return ErrorClass::Missed };
        match (p.cue == gold.cue, p.content == gold.content, p.source == gold.source) {
            (false, _, _) => ErrorClass::OtherCue,
            (true, true, true) => ErrorClass::Right,
            (true, true, false) => ErrorClass::SourceOnly,
            (true, false, true) => ErrorClass::ContentOnly,
            (true, false, false) => ErrorClass::ContentAndSource,
        }
    }

    fn key(self) -> &'static str {
        match self {
            ErrorClass::Right => "right",
            ErrorClass::Missed => "missed",
            ErrorClass::OtherCue => "other_cue",
            ErrorClass::ContentAndSource => "content_and_source",
            ErrorClass::ContentOnly => "content_only",
            ErrorClass::SourceOnly => "source_only",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ErrorClass::Right => "right: content, cue and source exact",
            ErrorClass::Missed => "missed: no predicted content overlaps",
            ErrorClass::OtherCue => "another statement: its cue differs",
            ErrorClass::ContentAndSource => "cue right, content and source not",
            ErrorClass::ContentOnly => "cue and source right, content boundaries not",
            ErrorClass::SourceOnly => "cue and content right, source not",
        }
    }
}

/// One PolNeAR article with its first annotator's relations.
pub struct PolnearArticle {
    pub path: PathBuf,
    pub text: String,
    relations: Vec<Relation>,
}

/// The articles of a PolNeAR split (`text/` + `attributions/`), in name
/// order, each with the annotations of its first annotator (name order).
pub fn polnear_articles(data: &Path) -> Result<Vec<PolnearArticle>, String> {
    let texts = sorted_files(&data.join("text"))?;
    let annotations = sorted_files(&data.join("attributions"))?;
    let mut articles = Vec::new();
    for path in texts.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let Some(ann) = annotations.iter().find(|a| {
            a.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(stem)?.strip_prefix('_')?.strip_suffix(".ann"))
                .is_some_and(|annotator| !annotator.is_empty() && !annotator.contains('_'))
        }) else {
            continue;
        };
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let relations = parse_brat(&fs::read_to_string(ann).map_err(|e| format!("{}: {e}", ann.display()))?);
        articles.push(PolnearArticle { path, text, relations });
    }
    if articles.is_empty() {
        return Err(format!("{}: no annotated articles (expected text/*.txt and attributions/*.ann)", data.display()));
    }
    Ok(articles)
}

impl PolnearArticle {
    /// The article as training data for the quote tagger: every piece of every role.
    pub fn training(&self) -> TrainingArticle {
        let mut spans = Vec::new();
        for r in &self.relations {
            for (role, pieces) in [(Role::Source, &r.source), (Role::Cue, &r.cue), (Role::Content, &r.content)] {
                spans.extend(pieces.iter().flatten().map(|&p| (role, p)));
            }
        }
        TrainingArticle { text: self.text.clone(), spans }
    }
}

/// Writes `relations` of the article `stem` under `dir` as PolNeAR lays out
/// a split, `text/<stem>.txt` and `attributions/<stem>_newsgraph.ann`, so
/// that a brat viewer shows them and `eval quotes-polnear --data dir`
/// reads them as it reads gold (to compare tiers, or a change's output).
fn write_predictions(dir: &Path, stem: &str, text: &str, relations: &[Relation]) -> Result<(), String> {
    let write = |sub: &str, name: String, contents: &str| {
        let folder = dir.join(sub);
        fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let path = folder.join(name);
        fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("text", format!("{stem}.txt"), text)?;
    write("attributions", format!("{stem}_newsgraph.ann"), &to_brat(text, relations))
}

/// `relations` as BRAT standoff, as PolNeAR writes it: a `T` line for each
/// role (pieces joined by `;`, their text by a space), an `Attribution`
/// trigger on the cue, and an `E` line tying them together. Offsets are
/// characters of `text`.
fn to_brat(text: &str, relations: &[Relation]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut spans = 0;
    let mut span_line = |out: &mut String, kind: &str, pieces: &Pieces| {
        spans += 1;
        let offsets: Vec<String> = pieces.iter().map(|p| format!("{} {}", p.start, p.end)).collect();
        let words: Vec<String> = pieces.iter().map(|p| chars[p.start..p.end].iter().collect()).collect();
        out.push_str(&format!("T{spans}\t{kind} {}\t{}\n", offsets.join(";"), words.join(" ").replace('\n', " ")));
        format!("T{spans}")
    };
    let mut events = 0;
    for r in relations {
        // PolNeAR's trigger is the cue; a relation without one is anchored on its content.
        let Some(trigger) = [&r.cue, &r.content].into_iter().flatten().find(|p| !p.is_empty()) else { continue };
        let mut args = Vec::new();
        for (kind, pieces) in [("Content", &r.content), ("Cue", &r.cue), ("Source", &r.source)] {
            if let Some(pieces) = pieces.as_ref().filter(|p| !p.is_empty()) {
                args.push(format!("{kind}:{}", span_line(&mut out, kind, pieces)));
            }
        }
        let trigger = span_line(&mut out, "Attribution", trigger);
        events += 1;
        out.push_str(&format!("E{events}\tAttribution:{trigger} {}\n", args.join(" ")));
    }
    out
}

/// Parses BRAT standoff: `T` lines give typed spans, `E` lines tie them into relations.
fn parse_brat(ann: &str) -> Vec<Relation> {
    let mut spans: HashMap<&str, Pieces> = HashMap::new();
    let mut relations = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else { continue };
        if id.starts_with('T') {
            let offsets = body.split_once(' ').map_or("", |(_, o)| o);
            let pieces = offsets
                .split(';')
                .filter_map(|p| {
                    let (s, e) = p.trim().split_once(' ')?;
                    Some(Span::new(s.parse().ok()?, e.parse().ok()?))
                })
                .collect();
            spans.insert(id, pieces);
        } else if id.starts_with('E') {
            let mut r = Relation::default();
            for arg in body.split_whitespace() {
                let Some((name, target)) = arg.split_once(':') else { continue };
                let pieces = spans.get(target).cloned();
                match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
                    "Content" => r.content = pieces,
                    "Cue" => r.cue = pieces,
                    "Source" => r.source = pieces,
                    _ => {}
                }
            }
            relations.push(r);
        }
    }
    relations
}

/// The pipeline's quotes as PolNeAR relations: same-paragraph continuations
/// joined to the quote they continue.
fn polnear_relations(doc: &Document) -> Vec<Relation> {
    let body = &doc.article.body;
    let chars: Vec<char> = body.chars().collect();
    let mut relations: Vec<(Relation, usize)> = Vec::new();
    for q in &doc.quotes {
        let continuation = q.speaker.as_ref().is_some_and(|s| s.mention_kind == MentionKind::Continuation);
        if continuation {
            if let Some((prev, end)) = relations.last_mut() {
                let between: String = body.chars().skip(*end).take(q.start.saturating_sub(*end)).collect();
                if !between.contains('\n') {
                    prev.content.get_or_insert_with(Vec::new).extend(q.spans.iter().copied());
                    *end = q.end;
                    continue;
                }
            }
        }
        let relation = Relation {
            content: Some(content_of(q)),
            cue: q.cue.as_ref().map(|m| vec![m.span()]),
            source: q.speaker.as_ref().and_then(|s| source_span(s, &chars)).map(|s| vec![s]),
        };
        relations.push((relation, q.end));
    }
    relations.into_iter().map(|(r, _)| r).collect()
}

/// What PolNeAR and GGT mark as content: a mixed quote's reported clause,
/// the quote's own pieces otherwise.
fn content_of(q: &Quote) -> Pieces {
    if q.clause_spans.is_empty() {
        q.spans.clone()
    } else {
        q.clause_spans.clone()
    }
}

/// The speaker mention with its apposition in the text, before or after it
/// (`Scott Pruitt, the attorney general of Oklahoma`, `The state's campaign
/// chairman, Phil Lovas`), as PolNeAR marks sources: with the closing comma
/// when the cue follows it (`Scott Pruitt, the attorney general, said`; 85
/// of 96 such sources in PolNeAR dev), without it at the end of a sentence
/// (`said Scott Pruitt, the attorney general.`). The pipeline's mention and
/// descriptor never hold the comma.
fn source_span(speaker: &newsgraph_doc::Speaker, chars: &[char]) -> Option<Span> {
    let mention = speaker.mention.as_ref()?;
    let mut span = mention.span();
    let closing_comma =
        |end: usize| chars.get(end) == Some(&',') && chars.get(end + 1).is_some_and(|c| c.is_whitespace());
    // An apposition starts right after the mention's comma and space, or
    // ends right before them.
    if let Some(descriptor) = speaker.descriptor.as_ref() {
        if descriptor.start == span.end + 2 {
            span.end = descriptor.end;
        } else if descriptor.end + 2 == span.start && chars.get(descriptor.end) == Some(&',') {
            span.start = descriptor.start;
        } else {
            return Some(span);
        }
        if closing_comma(span.end) {
            span.end += 1;
        }
    }
    Some(span)
}

impl Relation {
    /// Every role with its pieces trimmed (see [`normalized`]).
    fn trimmed(&self, chars: &[char]) -> Relation {
        let trim = |p: &Option<Pieces>| p.as_ref().map(|p| normalized(chars, p));
        Relation { content: trim(&self.content), cue: trim(&self.cue), source: trim(&self.source) }
    }
}

/// Pieces trimmed of whitespace and quotation marks, empty ones dropped, and
/// pieces with only such characters between them joined: they mark the same
/// words as one piece would (PolNeAR dev has 18 contents in pieces split at a
/// space or a quotation mark, as `"A." "B."`).
fn normalized(chars: &[char], pieces: &Pieces) -> Pieces {
    let blank = |c: char| c.is_whitespace() || QUOTE_MARKS.contains(&c);
    let mut out: Pieces = Vec::with_capacity(pieces.len());
    for p in pieces {
        let (mut s, mut e) = (p.start.min(chars.len()), p.end.min(chars.len()));
        while s < e && blank(chars[s]) {
            s += 1;
        }
        while e > s && blank(chars[e - 1]) {
            e -= 1;
        }
        if s == e {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end <= s && chars[last.end..s].iter().all(|&c| blank(c) && c != '\n') => last.end = e,
            _ => out.push(Span::new(s, e)),
        }
    }
    out
}

fn distinct(items: impl Iterator<Item = Pieces>) -> Vec<Pieces> {
    let mut out: Vec<Pieces> = Vec::new();
    for item in items {
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn pieces_overlap(a: &Pieces, b: &Pieces) -> usize {
    a.iter().map(|x| b.iter().map(|y| x.overlap(y)).sum::<usize>()).sum()
}

/// Greedy one-to-one matching: each gold item takes the first unused
/// prediction that `matches` it. Returns the number of matched pairs.
fn one_to_one<G, P>(gold: &[G], predicted: &[P], matches: impl Fn(&G, &P) -> bool) -> usize {
    let mut used = vec![false; predicted.len()];
    gold.iter()
        .filter(|g| {
            let hit = predicted.iter().enumerate().position(|(i, p)| !used[i] && matches(g, p));
            hit.inspect(|&i| used[i] = true).is_some()
        })
        .count()
}

fn pieces_text(text: &str, pieces: Option<&Pieces>) -> String {
    pieces.map_or("-".into(), |p| p.iter().map(|s| slice(text, *s)).collect::<Vec<_>>().join(" … "))
}

// ---------------------------------------------------------------- GGT

pub fn ggt(data: &Path, options: &Options) -> Result<Report, String> {
    let pipeline = options.pipeline()?;
    let thresholds = [0.3, 0.8];
    let mut matched = [0usize; 2];
    let (mut n_gold, mut n_pred, mut skipped) = (0, 0, 0);
    let (mut speaker_right, mut speaker_total) = (0, 0);
    let mut misses: Vec<(f64, String)> = Vec::new();
    let (mut articles, mut chars) = (0, 0);
    let mut elapsed = 0.0;
    for gold_path in sorted_files(data)?.into_iter().filter(|p| p.to_string_lossy().ends_with(".gold.json")) {
        let txt = PathBuf::from(gold_path.to_string_lossy().trim_end_matches(".gold.json").to_string() + ".txt");
        let text = fs::read_to_string(&txt).map_err(|e| format!("{}: {e}", txt.display()))?;
        let gold = read_json(&gold_path)?;
        let started = Instant::now();
        let mut doc = pipeline.analyze_body(&txt.display().to_string(), &text);
        doc.quotes.retain(|q| q.speech);
        elapsed += started.elapsed().as_secs_f64();
        articles += 1;
        chars += text.chars().count();
        let mut spans = Vec::new();
        for q in gold["quotes"].as_array().into_iter().flatten() {
            let span = match (q["start"].as_u64(), q["end"].as_u64()) {
                (Some(s), Some(e)) => Some(Span::new(s as usize, e as usize)),
                _ => q["quote"].as_str().and_then(|t| char_find(&text, t)),
            };
            match span {
                Some(span) if !span.is_empty() => spans.push((span, q)),
                _ => skipped += 1,
            }
        }
        n_gold += spans.len();
        n_pred += doc.quotes.len();
        let contents: Vec<Pieces> = doc.quotes.iter().map(content_of).collect();
        for (t, threshold) in thresholds.iter().enumerate() {
            let mut used = vec![false; doc.quotes.len()];
            for (span, g) in &spans {
                let hit =
                    best_match(&contents, &used, *span).filter(|&(_, c)| c as f64 > threshold * span.len() as f64);
                if let Some((i, _)) = hit {
                    used[i] = true;
                    matched[t] += 1;
                    if t == 0 {
                        speaker_total += 1;
                        let predicted = doc.quotes[i].speaker.as_ref().map_or("", |s| s.name.as_str());
                        let reference = g["reference"].as_str().unwrap_or_default();
                        let right = same_person(predicted, reference);
                        speaker_right += usize::from(right);
                        if !right && options.errors > 0 {
                            misses.push((
                                0.5,
                                format!(
                                    "{} @{}: speaker {predicted:?}, gold {reference:?}: {}",
                                    txt.display(),
                                    span.start,
                                    clip(&slice(&text, *span), 90)
                                ),
                            ));
                        }
                    }
                } else if t == 0 && options.errors > 0 {
                    let nearest = best_match(&contents, &vec![false; doc.quotes.len()], *span);
                    let coverage = nearest.map_or(0.0, |(_, c)| c as f64 / span.len() as f64);
                    let predicted = nearest.map_or("(nothing)".to_string(), |(i, _)| clip(&doc.quotes[i].text, 90));
                    misses.push((
                        coverage,
                        format!(
                            "{} @{}\n  context:   …{}…\n  gold:      [{}] {}\n  predicted: {}",
                            txt.display(),
                            span.start,
                            context(&text, *span),
                            g["speaker"].as_str().unwrap_or_default(),
                            clip(&slice(&text, *span), 100),
                            predicted
                        ),
                    ));
                }
            }
        }
    }
    let mut report = Report::new("quotes-ggt", data);
    let mut rows = Vec::new();
    for (t, threshold) in thresholds.iter().enumerate() {
        let tp = matched[t] as f64;
        let (p, r, f) = prf(tp, n_pred as f64 - tp, n_gold as f64 - tp);
        let key = format!("{threshold}").replace('.', "_");
        report.metric(&format!("p_at_{key}"), p);
        report.metric(&format!("r_at_{key}"), r);
        report.metric(&format!("f1_at_{key}"), f);
        rows.push(vec![format!("> {threshold}"), cell(p), cell(r), cell(f), matched[t].to_string()]);
    }
    let accuracy = if speaker_total > 0 { speaker_right as f64 / speaker_total as f64 } else { 0.0 };
    report.metric("speaker_acc", accuracy);
    report.table(
        &format!(
            "GGT quotes, {articles} articles, {n_gold} gold ({skipped} without offsets skipped), {n_pred} predicted"
        ),
        &["coverage", "P", "R", "F1", "matched"],
        rows,
    );
    report.table(
        "Speakers of quotes matched at 0.3",
        &["matched", "right", "accuracy"],
        vec![vec![speaker_total.to_string(), speaker_right.to_string(), cell(accuracy)]],
    );
    report.notes.push(speed_note(articles, chars, elapsed));
    push_errors(&mut report, misses, options.errors);
    Ok(report)
}

/// Same person: equal ignoring case, or the same last word (`Telford` for `Hamish Telford`).
fn same_person(predicted: &str, reference: &str) -> bool {
    let last = |s: &str| s.split_whitespace().last().map(str::to_lowercase);
    !predicted.is_empty() && (predicted.eq_ignore_ascii_case(reference) || last(predicted) == last(reference))
}

// ---------------------------------------------------------------- shared

pub(crate) fn read_json(path: &Path) -> Result<Value, String> {
    let raw = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))
}

pub(crate) fn sorted_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Character span of the first occurrence of `needle` in `text`.
pub(crate) fn char_find(text: &str, needle: &str) -> Option<Span> {
    let b = text.find(needle)?;
    let start = text[..b].chars().count();
    Some(Span::new(start, start + needle.chars().count()))
}

fn slice(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

fn context(text: &str, span: Span) -> String {
    let start = span.start.saturating_sub(ERROR_CONTEXT);
    slice(text, Span::new(start, span.start + ERROR_CONTEXT.min(span.len()))).replace('\n', " ")
}

pub(crate) fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

fn speed_note(articles: usize, chars: usize, seconds: f64) -> String {
    format!(
        "speed: {articles} articles, {:.0} articles/s, {:.1} MB/s of text (pipeline time only, this build)",
        articles as f64 / seconds.max(1e-9),
        chars as f64 / seconds.max(1e-9) / 1e6
    )
}

/// Appends the `n` worst misses (least covered first) to the report's notes.
fn push_errors(report: &mut Report, mut misses: Vec<(f64, String)>, n: usize) {
    if n == 0 {
        return;
    }
    misses.sort_by(|a, b| a.0.total_cmp(&b.0));
    report.notes.push(format!("{} worst misses of {}:", n.min(misses.len()), misses.len()));
    report.notes.extend(misses.into_iter().take(n).map(|(_, m)| m));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_relations_with_discontiguous_spans() {
        let ann = "T1\tSource 0 3\tAda\nT2\tCue 4 8\tsaid\nT3\tContent 9 14;20 25\tx\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let relations = parse_brat(ann);
        assert_eq!(relations.len(), 1);
        assert_eq!(relations[0].content, Some(vec![Span::new(9, 14), Span::new(20, 25)]));
        assert_eq!(relations[0].source, Some(vec![Span::new(0, 3)]));
    }

    #[test]
    fn predictions_written_as_brat_read_back_as_the_same_relations() {
        let text = "Ada said the dam held.\n“It will,” she added, “hold.”";
        let span = |s: &str, from: usize| {
            let start = text[from..].find(s).unwrap() + from;
            let chars = |b: usize| text[..b].chars().count();
            Span::new(chars(start), chars(start + s.len()))
        };
        let relations = vec![
            Relation {
                source: Some(vec![span("Ada", 0)]),
                cue: Some(vec![span("said", 0)]),
                content: Some(vec![span("the dam held", 0)]),
            },
            Relation {
                source: Some(vec![span("she", 0)]),
                cue: Some(vec![span("added", 0)]),
                content: Some(vec![span("It will,", 0), span("hold.", 30)]),
            },
            Relation { source: None, cue: None, content: Some(vec![span("dam", 0)]) },
        ];
        let ann = to_brat(text, &relations);
        assert!(ann.contains("\tContent 24 32;46 51\tIt will, hold.\n"), "{ann}");
        assert_eq!(parse_brat(&ann), relations);
    }

    #[test]
    fn a_source_holds_its_apposition_and_the_comma_that_closes_it_before_a_cue() {
        let speaker = |text: &str| {
            let mention = |s: &str| {
                let start = text.find(s).unwrap();
                newsgraph_doc::Mention { text: s.to_string(), start, end: start + s.len() }
            };
            newsgraph_doc::Speaker {
                name: "Ada Pell".to_string(),
                mention: Some(mention("Ada Pell")),
                mention_kind: MentionKind::Name,
                descriptor: Some(mention("the mayor")),
                actor: None,
                joint: Vec::new(),
            }
        };
        let span = |text: &str| source_span(&speaker(text), &text.chars().collect::<Vec<char>>());
        assert_eq!(span("Ada Pell, the mayor, said no."), Some(Span::new(0, 20)));
        assert_eq!(span("No, said Ada Pell, the mayor."), Some(Span::new(9, 28)));
        assert_eq!(span("Then the mayor, Ada Pell, said no."), Some(Span::new(5, 25)));
        // A descriptor from elsewhere in the article is no part of the source.
        assert_eq!(span("Ada Pell said no. She is the mayor."), Some(Span::new(0, 8)));
    }

    #[test]
    fn exact_comparison_ignores_quotation_marks_and_whitespace() {
        let text: Vec<char> = "He said “We go,” then left.".chars().collect();
        let with_marks = normalized(&text, &vec![Span::new(8, 16)]);
        let without = normalized(&text, &vec![Span::new(9, 15)]);
        assert_eq!(with_marks, without);
        // Pieces with only marks or spaces between them are one piece; a
        // paragraph break or words between them keep them apart.
        let text: Vec<char> = "“A.” “B.” he said.\n\n“C.”".chars().collect();
        assert_eq!(normalized(&text, &vec![Span::new(0, 4), Span::new(5, 9)]), vec![Span::new(1, 8)]);
        assert_eq!(normalized(&text, &vec![Span::new(0, 4), Span::new(20, 24)]).len(), 2);
        assert_eq!(normalized(&text, &vec![Span::new(1, 3), Span::new(10, 12)]).len(), 2);
    }

    #[test]
    fn one_to_one_matching_uses_each_prediction_once() {
        assert_eq!(one_to_one(&[1, 1], &[1], |g, p| g == p), 1);
        assert_eq!(one_to_one(&[1, 2], &[2, 1], |g, p| g == p), 2);
    }

    #[test]
    fn error_classes_name_the_role_that_differs() {
        let piece = |a: usize, b: usize| Some(vec![Span::new(a, b)]);
        let gold = Relation { source: piece(0, 3), cue: piece(4, 8), content: piece(9, 20) };
        let with = |source, cue, content| Relation { source, cue, content };
        assert_eq!(ErrorClass::of(&gold, None), ErrorClass::Missed);
        assert_eq!(ErrorClass::of(&gold, Some(&gold)), ErrorClass::Right);
        assert_eq!(ErrorClass::of(&gold, Some(&with(piece(0, 3), piece(4, 8), piece(9, 14)))), ErrorClass::ContentOnly);
        assert_eq!(ErrorClass::of(&gold, Some(&with(None, piece(4, 8), piece(9, 20)))), ErrorClass::SourceOnly);
        assert_eq!(ErrorClass::of(&gold, Some(&with(None, piece(4, 8), piece(9, 14)))), ErrorClass::ContentAndSource);
        // A different cue is another statement, whatever else matches.
        assert_eq!(ErrorClass::of(&gold, Some(&with(piece(0, 3), piece(4, 6), piece(9, 20)))), ErrorClass::OtherCue);
    }

    #[test]
    fn surnames_count_for_full_names() {
        assert!(same_person("Hamish Telford", "Telford"));
        assert!(same_person("doug mccallum", "Doug McCallum"));
        assert!(!same_person("", "Telford"));
        assert!(!same_person("Ana Ruiz", "Ana Lopez"));
    }
}
