//! What the quote tagger sees of each token.
//!
//! Word identity in a window of two, shape and affixes, where the token sits
//! in its sentence and relative to quotation marks, how far the nearest
//! reporting verb of the lexicon is, and what the rules made of the token
//! (content, cue or source of a rule candidate). The rules are precise but
//! miss much; as features they give the model their judgement without
//! binding it.

use std::ops::Range;

use newsgraph_learn::Features;

use crate::candidate::Candidate;
use crate::lexicon;
use crate::quotation::Quotation;

use super::Tokenized;

/// Where each token stands with respect to the rule candidates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RuleRole {
    None,
    Content,
    /// The reported clause around a quoted fragment (mixed quotes).
    Clause,
    Cue,
    Source,
}

impl RuleRole {
    fn name(self) -> &'static str {
        match self {
            RuleRole::None => "-",
            RuleRole::Content => "con",
            RuleRole::Clause => "cla",
            RuleRole::Cue => "cue",
            RuleRole::Source => "src",
        }
    }
}

/// Feature buckets for every token of the document, in token order.
pub fn extract(
    bits: u32,
    body: &str,
    grid: &Tokenized,
    quotations: &[Quotation],
    candidates: &[Candidate],
) -> Vec<Vec<u32>> {
    let n = grid.tokens.len();
    let words: Vec<String> = grid.tokens.iter().map(|t| body[t.clone()].to_lowercase()).collect();
    let raw: Vec<&str> = grid.tokens.iter().map(|t| &body[t.clone()]).collect();
    let quoted = inside_quotations(grid, quotations);
    let roles = rule_roles(grid, candidates);
    let cue_word: Vec<bool> = raw.iter().map(|w| lexicon::cue(w).is_some()).collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let s = grid.sentence_of[i];
        let sentence = grid.sentences[s].clone();
        let paragraph = grid.paragraph_of(i);
        let mut f = Features::new(bits);
        let word = |k: isize| -> &str {
            let j = i as isize + k;
            if j < paragraph.start as isize || j >= paragraph.end as isize {
                return if k < 0 { "<p>" } else { "</p>" };
            }
            &words[j as usize]
        };
        f.flag("bias");
        f.add("w", word(0));
        f.add("w-1", word(-1));
        f.add("w+1", word(1));
        f.add("w-2", word(-2));
        f.add("w+2", word(2));
        f.add_parts("w-1w", &[word(-1), word(0)]);
        f.add_parts("ww+1", &[word(0), word(1)]);
        f.add_parts("w-2w-1", &[word(-2), word(-1)]);
        f.add_parts("w+1w+2", &[word(1), word(2)]);
        let shape_at = |k: isize| {
            let j = i as isize + k;
            if j < paragraph.start as isize || j >= paragraph.end as isize {
                "|"
            } else {
                shape(raw[j as usize])
            }
        };
        f.add("sh", shape_at(0));
        f.add_parts("sh3", &[shape_at(-1), shape_at(0), shape_at(1)]);
        f.add_parts("sh-2sh-1", &[shape_at(-2), shape_at(-1)]);
        let w = words[i].as_str();
        f.add("suf3", suffix(w, 3));
        f.add("suf2", suffix(w, 2));
        f.add("pre3", prefix(w, 3));
        // Sentence position.
        let (first, last) = (i == sentence.start, i + 1 == sentence.end);
        f.add("pos", &bucket(i - sentence.start).to_string());
        f.add("pos-end", &bucket(sentence.end - 1 - i).to_string());
        if first {
            f.add("first", shape(raw[i]));
        }
        if last {
            f.flag("last");
        }
        if i == paragraph.start {
            f.flag("paragraph-start");
        }
        // Quotation state of this token and its neighbours.
        let q = |j: usize| if quoted[j] { '1' } else { '0' };
        let before = if i > sentence.start { q(i - 1) } else { '<' };
        let after = if i + 1 < sentence.end { q(i + 1) } else { '>' };
        f.add("q3", &format!("{before}{}{after}", q(i)));
        f.add_parts("q-w", &[if quoted[i] { "in" } else { "out" }, w]);
        let sentence_quoted = (sentence.start..sentence.end).any(|j| quoted[j]);
        f.add("sentence-quoted", if sentence_quoted { "y" } else { "n" });
        // Reporting verbs of the lexicon around the token, in its sentence.
        let cue_before = (sentence.start..i).rev().find(|&j| cue_word[j]).map(|j| i - j);
        let cue_after = (i + 1..sentence.end).find(|&j| cue_word[j]).map(|j| j - i);
        f.add("cue-before", &cue_before.map_or("none".into(), |d| bucket(d).to_string()));
        f.add("cue-after", &cue_after.map_or("none".into(), |d| bucket(d).to_string()));
        f.add_parts(
            "cue-side-sh",
            &[if cue_before.is_some() { "b" } else { "-" }, if cue_after.is_some() { "a" } else { "-" }, shape(raw[i])],
        );
        if let Some(c) = lexicon::cue(raw[i]) {
            f.add("cue-class", &format!("{c:?}"));
        }
        if lexicon::pronoun(raw[i]).is_some() {
            f.flag("pronoun");
        }
        if lexicon::is_speaker_noun(raw[i]) {
            f.flag("speaker-noun");
        }
        if lexicon::is_title(raw[i]) {
            f.flag("title");
        }
        let commas_before = (sentence.start..i).filter(|&j| raw[j] == ",").count();
        f.add("commas-before", &commas_before.min(3).to_string());
        // What the rules made of the token and its neighbours.
        let role = |j: isize| {
            let j = i as isize + j;
            if j < 0 || j >= n as isize {
                "|"
            } else {
                roles[j as usize].name()
            }
        };
        f.add("rule", role(0));
        f.add_parts("rule3", &[role(-1), role(0), role(1)]);
        f.add_parts("rule-w", &[role(0), w]);
        f.add_parts("rule-sh", &[role(0), shape(raw[i])]);
        f.add_parts("rule-q", &[role(0), if quoted[i] { "in" } else { "out" }]);
        out.push(f.into_indices());
    }
    out
}

/// `Xx`, `x`, `X`, `X.`, `d`, or the punctuation itself: enough to tell
/// names, words, acronyms, numbers and marks apart.
fn shape(token: &str) -> &str {
    let mut chars = token.chars();
    let Some(first) = chars.next() else { return "" };
    if first.is_uppercase() {
        if token.ends_with('.') {
            "X."
        } else if token.chars().all(|c| !c.is_lowercase()) && token.chars().count() > 1 {
            "XX"
        } else {
            "Xx"
        }
    } else if first.is_lowercase() {
        "x"
    } else if first.is_ascii_digit() {
        "d"
    } else {
        token
    }
}

fn suffix(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &word[start..]
}

fn prefix(word: &str, n: usize) -> &str {
    let end = word.char_indices().nth(n).map_or(word.len(), |(b, _)| b);
    &word[..end]
}

/// Distances grouped so that near ones stay distinct.
fn bucket(d: usize) -> usize {
    match d {
        0..=3 => d,
        4..=6 => 5,
        7..=12 => 10,
        _ => 20,
    }
}

/// Whether each token lies inside a quotation's marks (the marks included).
fn inside_quotations(grid: &Tokenized, quotations: &[Quotation]) -> Vec<bool> {
    grid.tokens.iter().map(|t| quotations.iter().any(|q| q.outer.start <= t.start && t.end <= q.outer.end)).collect()
}

/// Each token's role in the rule candidates; content wins over the clause around it.
fn rule_roles(grid: &Tokenized, candidates: &[Candidate]) -> Vec<RuleRole> {
    let mut roles = vec![RuleRole::None; grid.tokens.len()];
    let mut mark = |range: &Range<usize>, role: RuleRole| {
        for (t, r) in grid.tokens.iter().zip(roles.iter_mut()) {
            if range.start <= t.start && t.end <= range.end && *r != RuleRole::Content {
                *r = role;
            }
        }
    };
    for c in candidates.iter().filter(|c| !c.bare) {
        if let Some(clause) = &c.clause {
            mark(clause, RuleRole::Clause);
        }
        for piece in &c.content {
            mark(piece, RuleRole::Content);
        }
        if let Some(cue) = &c.cue {
            mark(cue, RuleRole::Cue);
        }
        if let Some(speaker) = &c.speaker {
            mark(&speaker.mention, RuleRole::Source);
            if let Some(d) = speaker.descriptor.as_ref().filter(|d| d.start >= speaker.mention.end) {
                mark(d, RuleRole::Source);
            }
        }
    }
    roles
}
