//! Content boundaries chosen span by span, after the tagger.
//!
//! The tagger labels token by token, and most of its content errors on
//! PolNeAR are boundaries off by a phrase or a clause (`Lynch said the
//! demands …, though she noted clients are beginning …`: the content starts
//! at `clients`), which one label at a time cannot weigh as a whole. So each
//! content span it finds becomes a choice among alternatives that start and
//! end where clauses do (after the cue, a `that`, a comma, an opening mark;
//! before a comma, a conjunction, a closing mark, a sentence's end), and a
//! linear ranker ([`newsgraph_learn::train_ranker`]) scores each from its
//! boundary words, length, what it holds, how far the cue is, and how sure
//! the tagger was of the tokens it adds or drops. A candidate never overlaps
//! another span the tagger found, so content stays beside its cue.

use std::ops::Range;

use newsgraph_learn::{hash, hash_ascii_lowercase, FeatureRows, Features, Model};

use super::Role;
use crate::lexicon;
use crate::words::Tokenized;

/// Hash width of the ranker's features: 2^18 buckets.
pub const BITS: u32 = 18;

/// Words after which a content may start: clause and phrase openers
/// (hashed, as a token's lowercased word is).
#[rustfmt::skip]
const OPENERS: [u64; 21] = hashes([
    ",", ":", ";", "—", "–", "--", "-", "(", "that", "whether", "if", "how", "why", "what",
    "of", "about", "on", "for", "with", "to", "in",
]);

/// Words before which a content may end: clause and phrase openers, and
/// the marks that end them.
#[rustfmt::skip]
const CLOSERS: [u64; 41] = hashes([
    ",", ";", ":", "—", "–", "--", "-", "(", ")", ".", "?", "!",
    "and", "but", "or", "so", "though", "although", "because", "while", "which", "who", "as", "when",
    "if", "since", "after", "before", "according", "said", "says", "told",
    "in", "at", "on", "for", "with", "during", "to", "from", "by",
]);

/// The hashes of lowercase `words`, at compile time.
const fn hashes<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = hash(words[i]);
        i += 1;
    }
    out
}

/// Quotation marks: a candidate never starts or ends on one (the pipeline
/// trims them), so spans differing only by marks are one candidate.
const MARKS: &[&str] = &["\"", "“", "”", "‘", "’", "'", "«", "»", "„", "``", "''"];

/// Template names, hashed at compile time.
mod t {
    use newsgraph_learn::hash;
    pub const SHIFT_START: u64 = hash("shift-start");
    pub const START_WORDS: [u64; 4] = [hash("s-1"), hash("s"), hash("s-1s"), hash("s-2s-1")];
    pub const START_SAME: u64 = hash("s-1+same");
    pub const SENTENCE_START: u64 = hash("sentence-start");
    pub const START_SCORES: u64 = hash("start-scores");
    pub const BEGIN: u64 = hash("begin");
    pub const SHIFT_END: u64 = hash("shift-end");
    pub const END_WORDS: [u64; 4] = [hash("e-1"), hash("e"), hash("e-1e"), hash("ee+1")];
    pub const END_SAME: u64 = hash("e+same");
    pub const SENTENCE_END: u64 = hash("sentence-end");
    pub const END_SCORES: u64 = hash("end-scores");
    pub const SAME: u64 = hash("same");
    pub const LENGTH: u64 = hash("len");
    pub const SENTENCES: u64 = hash("sentences");
    pub const QUOTED: u64 = hash("quoted");
    pub const CUES: u64 = hash("cues");
    pub const JOINED: u64 = hash("joined");
    pub const CUE_DISTANCE: u64 = hash("cue-distance");
    pub const CUE_WORD: u64 = hash("cue-distance-s-1");
    pub const CHANGE: u64 = hash("change");
    pub const CHANGE_WORD: u64 = hash("change-word");
    pub const OUTSIDE: u64 = hash("<p>");
}

/// One paragraph as the tagger left it: global token indices throughout.
pub struct Paragraph<'a> {
    grid: &'a Tokenized,
    tokens: Range<usize>,
    /// The tagger's scores for the paragraph's tokens, `labels` a token.
    emissions: &'a [f32],
    labels: usize,
    /// Every span the tagger found in the paragraph.
    pub spans: &'a [(Role, Range<usize>)],
    /// Whether each token of the body is in a rule candidate's content or clause.
    ruled: &'a [bool],
    /// What the ranker reads of each token, found once a paragraph rather
    /// than once a span: `tokens.start` is at 0.
    words: Vec<Word>,
    totals: Totals,
}

/// A token as the ranker sees it.
struct Word {
    /// The hash of the lowercased word.
    hash: u64,
    mark: bool,
    /// A reporting verb of the lexicon.
    cue: bool,
    opener: bool,
    closer: bool,
    /// How strongly the tagger saw it as content: its best content label's
    /// score over its best other label's.
    content: f32,
}

impl<'a> Paragraph<'a> {
    /// The paragraph `tokens` of `body`, with the tagger's `emissions` for
    /// them and the `spans` it found; `quoted` and `ruled` say whether each
    /// token of the body is inside quotation marks, and in a rule
    /// candidate's content or clause.
    pub fn new(
        body: &str,
        grid: &'a Tokenized,
        (quoted, ruled): (&[bool], &'a [bool]),
        tokens: Range<usize>,
        emissions: &'a [f32],
        spans: &'a [(Role, Range<usize>)],
    ) -> Paragraph<'a> {
        let labels = emissions.len() / tokens.len().max(1);
        let mut p = Paragraph {
            grid,
            tokens,
            emissions,
            labels,
            spans,
            ruled,
            words: Vec::new(),
            totals: Totals::new(&(0..0), &[], quoted),
        };
        // A paragraph with no content to re-choose needs no words.
        if (0..spans.len()).any(|k| p.open(k)) {
            p.words = p.read_words(body);
            p.totals = Totals::new(&p.tokens, &p.words, quoted);
        }
        p
    }

    /// Whether the `k`th span is a content the ranker re-chooses: one no
    /// rule candidate overlaps, as there the rules' candidate replaces the
    /// tagger's ([`crate::merge`]).
    pub fn open(&self, k: usize) -> bool {
        let (role, span) = &self.spans[k];
        *role == Role::Content && !self.ruled[span.clone()].contains(&true)
    }

    fn read_words(&self, body: &str) -> Vec<Word> {
        self.tokens
            .clone()
            .zip(self.emissions.chunks(self.labels.max(1)))
            .map(|(i, scores)| {
                let word = &body[self.grid.tokens[i].clone()];
                let hash = hash_ascii_lowercase(word);
                let (mark, cue) = (MARKS.contains(&word), lexicon::cue(word).is_some());
                Word {
                    hash,
                    mark,
                    cue,
                    opener: mark || cue || OPENERS.contains(&hash),
                    closer: mark || CLOSERS.contains(&hash),
                    content: contentness(scores),
                }
            })
            .collect()
    }

    /// The paragraph's tokens.
    pub fn tokens(&self) -> Range<usize> {
        self.tokens.clone()
    }

    fn word(&self, i: usize) -> &Word {
        &self.words[i - self.tokens.start]
    }

    fn is_mark(&self, i: usize) -> bool {
        self.word(i).mark
    }

    /// The hash of token `i`'s lowercased word, or a stand-in beyond the paragraph.
    fn word_hash(&self, i: isize) -> u64 {
        if i < self.tokens.start as isize || i >= self.tokens.end as isize {
            t::OUTSIDE
        } else {
            self.word(i as usize).hash
        }
    }

    fn contentness(&self, i: usize) -> f32 {
        self.word(i).content
    }

    /// `range` without the quotation marks at its ends.
    pub fn trim(&self, range: Range<usize>) -> Range<usize> {
        let (mut s, mut e) = (range.start, range.end);
        while s < e && self.is_mark(s) {
            s += 1;
        }
        while e > s && self.is_mark(e - 1) {
            e -= 1;
        }
        s..e
    }
}

/// A token's best content label's score over its best other label's.
fn contentness(scores: &[f32]) -> f32 {
    let content = scores[Role::Content.begin_label()].max(scores[Role::Content.begin_label() + 1]);
    let other = scores.iter().enumerate().filter(|(l, _)| Role::of_label(*l) != Some(Role::Content));
    content - other.map(|(_, &s)| s).fold(f32::NEG_INFINITY, f32::max)
}

/// The token range where alternatives to `span` (the `k`th span) may lie:
/// from the sentence before its first to the sentence after its last,
/// never across a cue or source the tagger found nor back across an
/// earlier content; it may run over later contents, joining a content
/// the tagger broke in pieces.
fn window(p: &Paragraph, k: usize) -> Range<usize> {
    let span = &p.spans[k].1;
    let grid = p.grid;
    let first = grid.sentence_of[span.start];
    let last = grid.sentence_of[span.end - 1];
    let mut lo = grid.sentences[first.saturating_sub(1)].start.max(p.tokens.start);
    let mut hi = grid.sentences.get(last + 1).map_or(p.tokens.end, |s| s.end).min(p.tokens.end);
    for (_, (role, other)) in p.spans.iter().enumerate().filter(|&(j, _)| j != k) {
        if other.end <= span.start {
            lo = lo.max(other.end);
        } else if other.start >= span.end && *role != Role::Content {
            hi = hi.min(other.start);
        }
    }
    lo..hi
}

/// Alternatives to the `k`th span, trimmed of quotation marks and distinct;
/// the tagger's own (trimmed) comes first.
pub fn candidates(p: &Paragraph, k: usize) -> Vec<Range<usize>> {
    let span = p.spans[k].1.clone();
    let window = window(p, k);
    let sentences = &p.grid.sentences[p.grid.sentence_of[window.start]..=p.grid.sentence_of[window.end - 1]];
    let mut starts = vec![span.start, span.start.saturating_sub(1), span.start + 1, window.start];
    starts.extend(sentences.iter().map(|s| s.start));
    starts.extend(window.clone().filter(|&j| p.word(j).opener).map(|j| j + 1));
    let mut ends = vec![span.end, span.end - 1, span.end + 1, window.end];
    ends.extend(sentences.iter().map(|s| s.end));
    ends.extend(window.clone().filter(|&j| p.word(j).closer));
    for (points, first, last) in
        [(&mut starts, window.start, window.end - 1), (&mut ends, window.start + 1, window.end)]
    {
        points.retain(|&x| first <= x && x <= last);
        points.sort_unstable();
        points.dedup();
    }
    let own = p.trim(span);
    let mut others: Vec<Range<usize>> = starts
        .iter()
        .flat_map(|&s| ends.iter().filter(move |&&e| e > s).map(move |&e| p.trim(s..e)))
        .filter(|c| !c.is_empty() && *c != own)
        .collect();
    others.sort_unstable_by_key(|c| (c.start, c.end));
    others.dedup();
    std::iter::once(own).chain(others).collect()
}

/// Distances grouped so that near ones stay distinct; the sign kept.
fn bucket(d: isize) -> u64 {
    let m = match d.unsigned_abs() {
        a @ 0..=3 => a as u64,
        4..=6 => 5,
        7..=12 => 10,
        13..=25 => 20,
        _ => 40,
    };
    if d < 0 {
        m | 1 << 8
    } else {
        m
    }
}

/// A tagger score grouped by sign and order of magnitude.
fn score_bucket(x: f32) -> u64 {
    let m = (x.abs() + 1.0).log2().floor().min(12.0) as u64;
    if x < 0.0 {
        m | 1 << 8
    } else {
        m
    }
}

/// Running totals over the paragraph's tokens, so that what a candidate
/// holds costs two lookups rather than a walk over it (a span has a few
/// hundred candidates).
struct Totals {
    first: usize,
    marks: Vec<usize>,
    quoted: Vec<usize>,
    cues: Vec<usize>,
    content: Vec<f32>,
}

impl Totals {
    fn new(tokens: &Range<usize>, words: &[Word], quoted: &[bool]) -> Totals {
        let running = |count: &dyn Fn(usize) -> usize| {
            let mut totals = Vec::with_capacity(tokens.len() + 1);
            totals.push(0);
            for i in tokens.clone() {
                totals.push(totals[totals.len() - 1] + count(i));
            }
            totals
        };
        let mut content = Vec::with_capacity(tokens.len() + 1);
        content.push(0.0);
        for w in words {
            content.push(content[content.len() - 1] + w.content);
        }
        Totals {
            first: tokens.start,
            marks: running(&|i| usize::from(words[i - tokens.start].mark)),
            quoted: running(&|i| usize::from(quoted[i])),
            cues: running(&|i| usize::from(words[i - tokens.start].cue)),
            content,
        }
    }

    /// Tokens of `range` that `totals` counts.
    fn count(&self, totals: &[usize], range: &Range<usize>) -> usize {
        totals[range.end - self.first] - totals[range.start - self.first]
    }

    /// The tokens of `range`'s [`Paragraph::contentness`], summed.
    fn content(&self, range: Range<usize>) -> f32 {
        if range.is_empty() {
            0.0
        } else {
            self.content[range.end - self.first] - self.content[range.start - self.first]
        }
    }
}

/// What the features of one span's candidates read.
struct Scope<'s, 'a> {
    p: &'s Paragraph<'a>,
    /// The span's index in `p.spans`.
    k: usize,
    /// The tagger's own candidate.
    own: Range<usize>,
    cues: Vec<Range<usize>>,
}

impl<'s, 'a> Scope<'s, 'a> {
    fn new(p: &'s Paragraph<'a>, k: usize, own: Range<usize>) -> Scope<'s, 'a> {
        let cues = p.spans.iter().filter(|(r, _)| *r == Role::Cue).map(|(_, c)| c.clone()).collect();
        Scope { p, k, own, cues }
    }

    fn word(&self, i: usize) -> u64 {
        self.p.word_hash(i as isize)
    }

    /// The bucketed [`Paragraph::contentness`] of token `i`, or a stand-in beyond the paragraph.
    fn edge_score(&self, i: usize) -> u64 {
        if self.p.tokens.contains(&i) {
            score_bucket(self.p.contentness(i))
        } else {
            99
        }
    }
}

/// A start's features: the words around it, how far it moved from the
/// tagger's, whether it opens a sentence, how sure the tagger was there.
fn start_features(f: &mut Features, x: &Scope, s: usize) {
    let before = s.wrapping_sub(1);
    let same = u64::from(s == x.own.start);
    f.add(t::SHIFT_START, &[bucket(s as isize - x.own.start as isize)]);
    let [a, b, ab, aa] = t::START_WORDS;
    f.add(a, &[x.word(before)]);
    f.add(b, &[x.word(s)]);
    f.add(ab, &[x.word(before), x.word(s)]);
    f.add(aa, &[x.word(s.wrapping_sub(2)), x.word(before)]);
    f.add(t::START_SAME, &[x.word(before), same]);
    let grid = x.p.grid;
    f.add(t::SENTENCE_START, &[u64::from(grid.sentences[grid.sentence_of[s]].start == s)]);
    f.add(t::START_SCORES, &[x.edge_score(before), x.edge_score(s)]);
    let b = Role::Content.begin_label();
    let e = &x.p.emissions[(s - x.p.tokens.start) * x.p.labels..][..x.p.labels];
    f.add(t::BEGIN, &[score_bucket(e[b] - e[b + 1])]);
}

/// An end's features, as a start's: the words around it, its move, whether
/// it closes a sentence or the paragraph, the tagger's certainty there.
fn end_features(f: &mut Features, x: &Scope, e: usize) {
    let same = u64::from(e == x.own.end);
    f.add(t::SHIFT_END, &[bucket(e as isize - x.own.end as isize)]);
    let [a, b, ab, bb] = t::END_WORDS;
    f.add(a, &[x.word(e - 1)]);
    f.add(b, &[x.word(e)]);
    f.add(ab, &[x.word(e - 1), x.word(e)]);
    f.add(bb, &[x.word(e), x.word(e + 1)]);
    f.add(t::END_SAME, &[x.word(e), same]);
    let grid = x.p.grid;
    let sentence_end = grid.sentences[grid.sentence_of[e - 1]].end <= e + 1;
    f.add(t::SENTENCE_END, &[u64::from(sentence_end), u64::from(e + 1 >= x.p.tokens.end)]);
    f.add(t::END_SCORES, &[x.edge_score(e - 1), x.edge_score(e)]);
}

/// The features of a candidate as a whole: whether both ends are the
/// tagger's, its length, what it holds (sentence breaks, quotation marks,
/// cue words, other contents the tagger found), how far the nearest cue is,
/// and how sure the tagger was of what it adds to its span and drops.
fn span_features(f: &mut Features, x: &Scope, c: &Range<usize>) {
    let (p, totals) = (x.p, &x.p.totals);
    f.add(t::SAME, &[u64::from(c.start == x.own.start), u64::from(c.end == x.own.end)]);
    f.add(t::LENGTH, &[bucket((c.end - c.start) as isize)]);
    let sentences = p.grid.sentence_of[c.end - 1] - p.grid.sentence_of[c.start];
    f.add(t::SENTENCES, &[sentences.min(3) as u64]);
    let marks = totals.count(&totals.marks, c);
    let quoted = totals.count(&totals.quoted, c);
    let share = if quoted == 0 {
        0
    } else if quoted == c.len() {
        2
    } else {
        1
    };
    f.add(t::QUOTED, &[(marks % 2) as u64, share]);
    f.add(t::CUES, &[totals.count(&totals.cues, c).min(2) as u64]);
    let joined =
        p.spans.iter().enumerate().filter(|&(j, (role, r))| j != x.k && *role == Role::Content && r.start < c.end);
    f.add(t::JOINED, &[joined.count().min(2) as u64]);
    let distance = x
        .cues
        .iter()
        .map(|cue| {
            if cue.end <= c.start {
                (c.start - cue.end) as isize
            } else {
                -(cue.start.saturating_sub(c.end) as isize) - 1
            }
        })
        .min_by_key(|d| d.unsigned_abs());
    let d = distance.map_or(99, bucket);
    f.add(t::CUE_DISTANCE, &[d]);
    f.add(t::CUE_WORD, &[d, x.word(c.start.wrapping_sub(1))]);
    let tagged = &p.spans[x.k].1;
    let sum = |r: Range<usize>| totals.content(r);
    let added = sum(c.start..c.start.max(tagged.start).min(c.end)) + sum(c.end.min(tagged.end).max(c.start)..c.end);
    let dropped = sum(tagged.start..tagged.start.max(c.start).min(tagged.end))
        + sum(tagged.end.min(c.end).max(tagged.start)..tagged.end);
    let (added, dropped) = (score_bucket(added), score_bucket(dropped));
    f.add(t::CHANGE, &[added, dropped]);
    f.add(t::CHANGE_WORD, &[added, dropped, x.word(c.start.wrapping_sub(1)), x.word(c.end)]);
}

/// The features of each of `candidates` for the `k`th span, one row a
/// candidate: its start's, its end's and its own, for training.
pub fn features(p: &Paragraph, k: usize, candidates: &[Range<usize>]) -> FeatureRows {
    let x = Scope::new(p, k, candidates[0].clone());
    let mut rows = FeatureRows::with_capacity(candidates.len(), 32);
    let mut f = Features::new(BITS);
    for c in candidates {
        f.clear();
        start_features(&mut f, &x, c.start);
        end_features(&mut f, &x, c.end);
        span_features(&mut f, &x, c);
        rows.push(f.indices());
    }
    rows
}

/// How many of the best-scoring starts, and ends, a candidate must have to be
/// scored whole.
const BEAM: usize = 4;

/// Each candidate's score, as `model` would give its [`features`], or minus
/// infinity for one whose start or end is not among the [`BEAM`] best. The
/// score is linear, so each distinct start and end is scored once, and the
/// whole-span features, the costly part, only for candidates whose ends
/// both score well (a span has a few hundred candidates sharing a few dozen
/// starts and ends).
fn scores(model: &Model, p: &Paragraph, k: usize, candidates: &[Range<usize>]) -> Vec<f32> {
    let x = Scope::new(p, k, candidates[0].clone());
    let distinct = |end: fn(&Range<usize>) -> usize| {
        let mut points: Vec<usize> = candidates.iter().map(end).collect();
        points.sort_unstable();
        points.dedup();
        points
    };
    let (starts, ends) = (distinct(|c| c.start), distinct(|c| c.end));
    let start_scores = score_each(model, &starts, |f, &s| start_features(f, &x, s));
    let end_scores = score_each(model, &ends, |f, &e| end_features(f, &x, e));
    let (good_starts, good_ends) = (best_points(&starts, &start_scores), best_points(&ends, &end_scores));
    let scored: Vec<usize> = (0..candidates.len())
        .filter(|&i| i == 0 || good_starts.contains(&candidates[i].start) && good_ends.contains(&candidates[i].end))
        .collect();
    let span_scores = score_each(model, &scored, |f, &i| span_features(f, &x, &candidates[i]));
    let at = |points: &[usize], scores: &[f32], point: usize| points.binary_search(&point).map_or(0.0, |i| scores[i]);
    let mut out = vec![f32::NEG_INFINITY; candidates.len()];
    for (&i, score) in scored.iter().zip(span_scores) {
        let c = &candidates[i];
        out[i] = score + at(&starts, &start_scores, c.start) + at(&ends, &end_scores, c.end);
    }
    out
}

/// The [`BEAM`] points of the best scores.
fn best_points(points: &[usize], scores: &[f32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order.into_iter().take(BEAM).map(|i| points[i]).collect()
}

/// `model`'s score of each item's features, as `add` gives them.
fn score_each<T>(model: &Model, items: &[T], add: impl Fn(&mut Features, &T)) -> Vec<f32> {
    let mut f = Features::new(BITS);
    let mut rows = FeatureRows::with_capacity(items.len(), 16);
    for item in items {
        f.clear();
        add(&mut f, item);
        rows.push(f.indices());
    }
    newsgraph_learn::scores(model, &rows)
}

/// The best-scoring alternative to each content span of the paragraph
/// that is [`Paragraph::open`]; other spans stay as they are, and a content
/// that an earlier one's alternative took in goes.
pub fn rerank(model: &Model, p: &Paragraph) -> Vec<(Role, Range<usize>)> {
    let mut out: Vec<(Role, Range<usize>)> = Vec::with_capacity(p.spans.len());
    let mut taken = 0;
    for (k, (role, span)) in p.spans.iter().enumerate() {
        if *role == Role::Content && span.start < taken {
            continue;
        }
        let chosen = if p.open(k) { choose(model, p, k) } else { span.clone() };
        if *role == Role::Content {
            taken = chosen.end;
        }
        out.push((*role, chosen));
    }
    out
}

/// The best-scoring alternative to the `k`th span.
fn choose(model: &Model, p: &Paragraph, k: usize) -> Range<usize> {
    let candidates = candidates(p, k);
    if candidates[0].is_empty() {
        return p.spans[k].1.clone();
    }
    let scores = scores(model, p, k, &candidates);
    candidates[newsgraph_learn::best(&scores).unwrap_or(0)].clone()
}

#[cfg(test)]
mod tests {
    use newsgraph_learn::{train_ranker, Choice, TrainConfig};

    use super::*;

    /// A one-paragraph body, tokenised, with nothing inside quotation marks
    /// and a tagger that was sure of nothing.
    struct Fixture {
        body: &'static str,
        grid: Tokenized,
        quoted: Vec<bool>,
        ruled: Vec<bool>,
        emissions: Vec<f32>,
    }

    impl Fixture {
        fn new(body: &'static str) -> Fixture {
            let grid = Tokenized::new(body, &newsgraph_text::sentence_bytes(body));
            let n = grid.tokens.len();
            Fixture { body, grid, quoted: vec![false; n], ruled: vec![false; n], emissions: vec![0.0; n * 7] }
        }

        fn paragraph<'a>(&'a self, spans: &'a [(Role, Range<usize>)]) -> Paragraph<'a> {
            let flags = (&self.quoted[..], &self.ruled[..]);
            Paragraph::new(self.body, &self.grid, flags, 0..self.grid.tokens.len(), &self.emissions, spans)
        }

        fn text(&self, tokens: &Range<usize>) -> &str {
            &self.body[self.grid.bytes(tokens.clone())]
        }
    }

    const LYNCH: &str = "Lynch said the demands grew, though she noted clients are beginning to demand more.";

    #[test]
    fn alternatives_start_and_end_where_clauses_do_and_stay_beside_the_cue() {
        let fixture = Fixture::new(LYNCH);
        // Lynch | said | the demands ... more .
        let spans = [(Role::Source, 0..1), (Role::Cue, 1..2), (Role::Content, 2..16)];
        let candidates = candidates(&fixture.paragraph(&spans), 2);
        let texts: Vec<&str> = candidates.iter().map(|c| fixture.text(c)).collect();
        assert_eq!(texts[0], "the demands grew, though she noted clients are beginning to demand more.");
        for wanted in [
            "clients are beginning to demand more",
            "the demands grew",
            "though she noted clients are beginning to demand more",
        ] {
            assert!(texts.contains(&wanted), "{wanted:?} missing from {texts:?}");
        }
        assert!(candidates.iter().all(|c| c.start >= 2), "no alternative takes in the cue");
    }

    #[test]
    fn scoring_starts_and_ends_apart_gives_the_scores_of_whole_rows_to_the_best_of_them() {
        let fixture = Fixture::new(LYNCH);
        let spans = [(Role::Source, 0..1), (Role::Cue, 1..2), (Role::Content, 2..16)];
        let p = fixture.paragraph(&spans);
        let candidates = candidates(&p, 2);
        let rows = features(&p, 2, &candidates);
        let right = candidates.iter().position(|c| fixture.text(c) == "clients are beginning to demand more").unwrap();
        let model = train_ranker(
            BITS,
            &[Choice { candidates: rows.clone(), gold: right }],
            &TrainConfig { epochs: 3, seed: 1 },
            |_, _| {},
        );
        let whole = newsgraph_learn::scores(&model, &rows);
        let apart = scores(&model, &p, 2, &candidates);
        let scored: Vec<(&f32, &f32)> = whole.iter().zip(&apart).filter(|(_, b)| b.is_finite()).collect();
        assert!(apart[0].is_finite() && apart[right].is_finite() && scored.len() < candidates.len());
        assert!(scored.iter().all(|(a, b)| (*a - *b).abs() < 1e-3), "{whole:?} against {apart:?}");
        assert_eq!(rerank(&model, &p)[2], (Role::Content, candidates[right].clone()));
    }

    #[test]
    fn a_content_that_takes_in_the_next_one_replaces_it() {
        let fixture = Fixture::new("Officials said that the dam held and that the river fell.");
        // Officials | said | that the dam held | and | that the river fell .
        let spans = [(Role::Source, 0..1), (Role::Cue, 1..2), (Role::Content, 2..6), (Role::Content, 7..12)];
        let p = fixture.paragraph(&spans);
        let candidates = candidates(&p, 2);
        let whole =
            candidates.iter().position(|c| fixture.text(c) == "that the dam held and that the river fell").unwrap();
        let choice = Choice { candidates: features(&p, 2, &candidates), gold: whole };
        let model = train_ranker(BITS, &[choice], &TrainConfig { epochs: 3, seed: 1 }, |_, _| {});
        let reranked = rerank(&model, &p);
        assert_eq!(reranked.len(), 3);
        assert_eq!(fixture.text(&reranked[2].1), "that the dam held and that the river fell");
    }

    #[test]
    fn without_weights_the_tagger_spans_stand_trimmed_of_marks() {
        let fixture = Fixture::new("“We won,” Ann said.");
        // “ We won , ” | Ann | said .
        let spans = [(Role::Content, 0..5), (Role::Source, 5..6), (Role::Cue, 6..7)];
        let model = newsgraph_learn::ranker(BITS);
        let reranked = rerank(&model, &fixture.paragraph(&spans));
        assert_eq!(reranked, [(Role::Content, 1..4), (Role::Source, 5..6), (Role::Cue, 6..7)]);
    }
}
