//! What the quote tagger sees of each token.
//!
//! Word identity in a window of two, shape and affixes, where the token sits
//! in its sentence and relative to quotation marks, how far the nearest
//! reporting verb of the lexicon is, what the rules made of the token
//! (content, cue or source of a rule candidate), and the cluster of
//! similar words each word nearby belongs to. The rules are
//! precise but miss much; as features they give the model their judgement
//! without binding it.

use std::ops::Range;
use std::sync::LazyLock;

use newsgraph_doc::QuickMap;
use newsgraph_learn::{hash, hash_ascii_lowercase, FeatureRows, Features};

use crate::candidate::Candidate;
use crate::lexicon;
use crate::quotation::Quotation;

use crate::words::Tokenized;

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

/// Template names, hashed at compile time.
mod t {
    use newsgraph_learn::hash;
    pub const BIAS: u64 = hash("bias");
    pub const W: [u64; 5] = [hash("w-2"), hash("w-1"), hash("w"), hash("w+1"), hash("w+2")];
    pub const W_PAIR: [u64; 4] = [hash("w-2w-1"), hash("w-1w"), hash("ww+1"), hash("w+1w+2")];
    pub const SHAPE: u64 = hash("sh");
    pub const SHAPE3: u64 = hash("sh3");
    pub const SHAPE_BEFORE: u64 = hash("sh-2sh-1");
    pub const SUFFIX3: u64 = hash("suf3");
    pub const SUFFIX2: u64 = hash("suf2");
    pub const PREFIX3: u64 = hash("pre3");
    pub const POS: u64 = hash("pos");
    pub const POS_END: u64 = hash("pos-end");
    pub const FIRST: u64 = hash("first");
    pub const LAST: u64 = hash("last");
    pub const PARAGRAPH_START: u64 = hash("paragraph-start");
    pub const QUOTE3: u64 = hash("q3");
    pub const QUOTE_WORD: u64 = hash("q-w");
    pub const SENTENCE_QUOTED: u64 = hash("sentence-quoted");
    pub const CUE_BEFORE: u64 = hash("cue-before");
    pub const CUE_AFTER: u64 = hash("cue-after");
    pub const CUE_SIDES: u64 = hash("cue-side-sh");
    pub const CUE_CLASS: u64 = hash("cue-class");
    pub const PRONOUN: u64 = hash("pronoun");
    pub const SPEAKER_NOUN: u64 = hash("speaker-noun");
    pub const TITLE: u64 = hash("title");
    pub const COMMAS: u64 = hash("commas-before");
    pub const RULE: u64 = hash("rule");
    pub const RULE3: u64 = hash("rule3");
    pub const RULE_WORD: u64 = hash("rule-w");
    pub const RULE_SHAPE: u64 = hash("rule-sh");
    pub const RULE_QUOTE: u64 = hash("rule-q");
    pub const CLUSTER: [[u64; 5]; 3] = [
        [hash("c64-2"), hash("c64-1"), hash("c64"), hash("c64+1"), hash("c64+2")],
        [hash("c256-2"), hash("c256-1"), hash("c256"), hash("c256+1"), hash("c256+2")],
        [hash("c1k-2"), hash("c1k-1"), hash("c1k"), hash("c1k+1"), hash("c1k+2")],
    ];
    pub const CLUSTER_BEFORE: [u64; 3] = [hash("c64-1c64"), hash("c256-1c256"), hash("c1k-1c1k")];
    pub const CLUSTER_AFTER: [u64; 3] = [hash("c64c64+1"), hash("c256c256+1"), hash("c1kc1k+1")];
    /// The cluster of a word the table lacks.
    pub const UNKNOWN_WORD: u64 = hash("<unk>");
    /// Stand-ins for the words beyond the paragraph's ends.
    pub const BEFORE_PARAGRAPH: u64 = hash("<p>");
    pub const AFTER_PARAGRAPH: u64 = hash("</p>");
}

/// What is hashed once per token and read by many templates.
struct TokenHashes {
    word: Vec<u64>,
    shape: Vec<u64>,
    role: Vec<u64>,
    /// The word's cluster at each granularity, or [`t::UNKNOWN_WORD`].
    cluster: [Vec<u64>; 3],
}

/// Each whole word of the encoder's vocabulary with its cluster at 64, 256
/// and 1024 clusters (`crates/encoder/examples/word_clusters.rs` makes the
/// table), keyed by the hash of the lowercase word.
static CLUSTERS: LazyLock<QuickMap<u64, [u16; 3]>> = LazyLock::new(|| {
    include_str!("../../data/word-clusters.tsv")
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let word = fields.next()?;
            let mut ids = [0u16; 3];
            for id in &mut ids {
                *id = fields.next()?.parse().ok()?;
            }
            Some((hash(word), ids))
        })
        .collect()
});

/// The cluster of the word hashed as `word` at granularity `g` (0: 64
/// clusters, 1: 256, 2: 1024), or [`t::UNKNOWN_WORD`].
pub(super) fn cluster(word: u64, g: usize) -> u64 {
    CLUSTERS.get(&word).map_or(t::UNKNOWN_WORD, |ids| u64::from(ids[g]))
}

/// `value` of the token `k` away from token `i`, or a stand-in for the
/// places beyond the ends of `paragraph` (the tagger decodes a paragraph at
/// a time).
pub(super) fn in_paragraph(paragraph: &Range<usize>, i: usize, k: isize, value: impl Fn(usize) -> u64) -> u64 {
    let j = i as isize + k;
    if j < paragraph.start as isize {
        t::BEFORE_PARAGRAPH
    } else if j >= paragraph.end as isize {
        t::AFTER_PARAGRAPH
    } else {
        value(j as usize)
    }
}

/// Feature buckets for every token of the document, in token order.
pub fn extract(bits: u32, body: &str, grid: &Tokenized, quoted: &[bool], candidates: &[Candidate]) -> FeatureRows {
    let n = grid.tokens.len();
    let raw: Vec<&str> = grid.tokens.iter().map(|t| &body[t.clone()]).collect();
    let roles = rule_roles(grid, candidates);
    let word: Vec<u64> = raw.iter().map(|w| hash_ascii_lowercase(w)).collect();
    let found: Vec<Option<&[u16; 3]>> = word.iter().map(|h| CLUSTERS.get(h)).collect();
    let cluster =
        std::array::from_fn(|g| found.iter().map(|ids| ids.map_or(t::UNKNOWN_WORD, |ids| u64::from(ids[g]))).collect());
    let hashes = TokenHashes {
        word,
        shape: raw.iter().map(|w| hash(shape(w))).collect(),
        role: roles.iter().map(|r| hash(r.name())).collect(),
        cluster,
    };
    let cues: Vec<Option<lexicon::Cue>> = raw.iter().map(|w| lexicon::cue(w)).collect();
    let cue_word: Vec<bool> = cues.iter().map(Option::is_some).collect();
    let (cue_before, cue_after) = nearest_in_sentence(grid, &cue_word);
    let commas_before = commas_before(grid, &raw);
    let sentence_quoted: Vec<bool> = grid.sentences.iter().map(|s| s.clone().any(|j| quoted[j])).collect();
    let in_out = |j: usize| if quoted[j] { 1 } else { 0 };
    let mut out = FeatureRows::with_capacity(n, 48);
    let mut f = Features::new(bits);
    for i in 0..n {
        let s = grid.sentence_of[i];
        let sentence = grid.sentences[s].clone();
        let paragraph = grid.paragraph_of(i);
        // Hash of a per-token value at offset `k`, or a boundary stand-in.
        let at = |values: &[u64], k: isize| in_paragraph(&paragraph, i, k, |j| values[j]);
        // The windows the templates read, looked up once rather than once a template.
        let words: [u64; 5] = std::array::from_fn(|k| at(&hashes.word, k as isize - 2));
        let shapes: [u64; 4] = std::array::from_fn(|k| at(&hashes.shape, k as isize - 2));
        let roles: [u64; 3] = std::array::from_fn(|k| at(&hashes.role, k as isize - 1));
        let w = |k: isize| words[(k + 2) as usize];
        let sh = |k: isize| shapes[(k + 2) as usize];
        let role = |k: isize| roles[(k + 1) as usize];
        f.clear();
        f.flag(t::BIAS);
        for (k, template) in (-2..=2).zip(t::W) {
            f.add(template, &[w(k)]);
        }
        for (k, template) in [-2, -1, 0, 1].into_iter().zip(t::W_PAIR) {
            f.add(template, &[w(k), w(k + 1)]);
        }
        f.add(t::SHAPE, &[sh(0)]);
        f.add(t::SHAPE3, &[sh(-1), sh(0), sh(1)]);
        f.add(t::SHAPE_BEFORE, &[sh(-2), sh(-1)]);
        let word = raw[i];
        f.add(t::SUFFIX3, &[hash_ascii_lowercase(suffix(word, 3))]);
        f.add(t::SUFFIX2, &[hash_ascii_lowercase(suffix(word, 2))]);
        f.add(t::PREFIX3, &[hash_ascii_lowercase(prefix(word, 3))]);
        f.add(t::POS, &[bucket(i - sentence.start)]);
        f.add(t::POS_END, &[bucket(sentence.end - 1 - i)]);
        if i == sentence.start {
            f.add(t::FIRST, &[sh(0)]);
        }
        if i + 1 == sentence.end {
            f.flag(t::LAST);
        }
        if i == paragraph.start {
            f.flag(t::PARAGRAPH_START);
        }
        // Quotation state of this token and its neighbours in the sentence.
        let before = if i > sentence.start { in_out(i - 1) } else { 2 };
        let after = if i + 1 < sentence.end { in_out(i + 1) } else { 2 };
        f.add(t::QUOTE3, &[before, in_out(i), after]);
        f.add(t::QUOTE_WORD, &[in_out(i), w(0)]);
        f.add(t::SENTENCE_QUOTED, &[u64::from(sentence_quoted[s])]);
        // Reporting verbs of the lexicon around the token, in its sentence.
        f.add(t::CUE_BEFORE, &[cue_before[i].map_or(99, bucket)]);
        f.add(t::CUE_AFTER, &[cue_after[i].map_or(99, bucket)]);
        f.add(t::CUE_SIDES, &[u64::from(cue_before[i].is_some()), u64::from(cue_after[i].is_some()), sh(0)]);
        if let Some(c) = cues[i] {
            f.add(t::CUE_CLASS, &[c as u64]);
        }
        if lexicon::pronoun(word).is_some() {
            f.flag(t::PRONOUN);
        }
        if lexicon::is_speaker_noun(word) {
            f.flag(t::SPEAKER_NOUN);
        }
        if lexicon::is_title(word) {
            f.flag(t::TITLE);
        }
        f.add(t::COMMAS, &[commas_before[i].min(3) as u64]);
        // What the rules made of the token and its neighbours.
        f.add(t::RULE, &[role(0)]);
        f.add(t::RULE3, &[role(-1), role(0), role(1)]);
        f.add(t::RULE_WORD, &[role(0), w(0)]);
        f.add(t::RULE_SHAPE, &[role(0), sh(0)]);
        f.add(t::RULE_QUOTE, &[role(0), in_out(i)]);
        // Word clusters, at three granularities: what the words around are
        // like, so that a cue verb seen in training lends its weight to
        // similar ones (`slammed`, `blasted`, `smashed`) it was not seen with.
        for g in 0..3 {
            let c: [u64; 5] = std::array::from_fn(|k| at(&hashes.cluster[g], k as isize - 2));
            for (template, value) in t::CLUSTER[g].into_iter().zip(c) {
                f.add(template, &[value]);
            }
            f.add(t::CLUSTER_BEFORE[g], &[c[1], c[2]]);
            f.add(t::CLUSTER_AFTER[g], &[c[2], c[3]]);
        }
        out.push(f.indices());
    }
    out
}

/// Whether each sentence of `grid` may hold an attribution: it has a token
/// inside quotation marks, a reporting verb of the lexicon, or a part of a
/// rule candidate. The accurate tier encodes only such sentences (and a few
/// more: `tagger::to_encode`).
pub fn may_attribute(body: &str, grid: &Tokenized, quoted: &[bool], candidates: &[Candidate]) -> Vec<bool> {
    let roles = rule_roles(grid, candidates);
    let marked =
        |i: usize| quoted[i] || roles[i] != RuleRole::None || lexicon::cue(&body[grid.tokens[i].clone()]).is_some();
    grid.sentences.iter().map(|s| s.clone().any(marked)).collect()
}

/// For each token, the distance to the nearest marked token before it and
/// after it in the same sentence.
fn nearest_in_sentence(grid: &Tokenized, marked: &[bool]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let n = marked.len();
    let (mut before, mut after) = (vec![None; n], vec![None; n]);
    for sentence in &grid.sentences {
        let mut last: Option<usize> = None;
        for i in sentence.clone() {
            before[i] = last.map(|j| i - j);
            if marked[i] {
                last = Some(i);
            }
        }
        let mut next: Option<usize> = None;
        for i in sentence.clone().rev() {
            after[i] = next.map(|j| j - i);
            if marked[i] {
                next = Some(i);
            }
        }
    }
    (before, after)
}

/// Commas between the start of each token's sentence and the token.
fn commas_before(grid: &Tokenized, raw: &[&str]) -> Vec<usize> {
    let mut counts = vec![0; raw.len()];
    for sentence in &grid.sentences {
        let mut seen = 0;
        for i in sentence.clone() {
            counts[i] = seen;
            seen += usize::from(raw[i] == ",");
        }
    }
    counts
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
pub(super) fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 5,
        7..=12 => 10,
        _ => 20,
    }
}

/// Whether each token lies inside a quotation's marks (the marks included).
pub fn inside_quotations(grid: &Tokenized, quotations: &[Quotation]) -> Vec<bool> {
    grid.tokens.iter().map(|t| quotations.iter().any(|q| q.outer.start <= t.start && t.end <= q.outer.end)).collect()
}

/// Each token's role in the rule candidates; content wins over the clause around it.
fn rule_roles(grid: &Tokenized, candidates: &[Candidate]) -> Vec<RuleRole> {
    let mut roles = vec![RuleRole::None; grid.tokens.len()];
    let mut mark = |range: &Range<usize>, role: RuleRole| {
        // Tokens are in text order and do not overlap, so those inside the
        // range are one run: found by two binary searches, not a scan a range.
        let first = grid.tokens.partition_point(|t| t.start < range.start);
        let end = grid.tokens.partition_point(|t| t.end <= range.end);
        for r in roles.get_mut(first..end).unwrap_or_default() {
            if *r != RuleRole::Content {
                *r = role;
            }
        }
    };
    for c in candidates.iter().filter(|c| !c.bare) {
        for clause in &c.clause {
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
