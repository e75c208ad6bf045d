//! From tagged spans to attribution candidates.
//!
//! The tagger marks spans, not relations. Each cue becomes one statement:
//! every content span takes the nearest cue of the sentences it spans, or
//! failing one the nearest of its paragraph (so `“A,” he said, “B.”` gives
//! one content in two pieces, and so does `“A,” he said. “B.”`); the
//! sources and cues of a sentence pair up closest first, a cue left without
//! one sharing the source of the statement before it, and a statement's
//! content pieces in one sentence join unless a tagged span lies between
//! them. A cue of the content's own sentence comes first even when another
//! sentence's is nearer (`Ann said so. The dam held, engineers later
//! warned.`): PolNeAR dev relation F1 0.463 → 0.465 in the fast tier, 0.535
//! → 0.540 in the accurate one (session 13). A content with no cue in its
//! paragraph is a bare quotation that may continue the quote before it; a
//! cue with no content is dropped.

use std::ops::Range;

use newsgraph_doc::QuoteKind;
use newsgraph_text::trim_bytes;

use super::Role;
use crate::candidate::Candidate;
use crate::direct;
use crate::lexicon;
use crate::quotation::Quotation;
use crate::speaker;
use crate::words::{Tokenized, Words};

/// Characters trimmed from the ends of a content piece: the pipeline's
/// content excludes the quotation marks around it.
const MARKS: &[char] = &['"', '“', '”', '‘', '’', '\''];

struct Statement {
    cue: Option<Range<usize>>,
    source: Option<Range<usize>>,
    /// For a statement the tagger gave no source, the source of the one
    /// before it in its sentence: the speaker when none stands before the
    /// cue itself ([`share_sources`]).
    shared: Option<Range<usize>>,
    content: Vec<Range<usize>>,
}

/// Token gap between two token ranges (0 when adjacent or overlapping).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Candidates from role spans given as token ranges, in text order.
pub fn candidates(
    body: &str,
    grid: &Tokenized,
    quotations: &[Quotation],
    spans: &[(Role, Range<usize>)],
) -> Vec<Candidate> {
    let mut statements: Vec<Statement> = spans
        .iter()
        .filter(|(role, _)| *role == Role::Cue)
        .map(|(_, r)| Statement { cue: Some(r.clone()), source: None, shared: None, content: Vec::new() })
        .collect();
    let nearest = |span: &Range<usize>, statements: &[Statement]| {
        statements
            .iter()
            .enumerate()
            .filter_map(|(k, s)| s.cue.as_ref().map(|c| (k, c)))
            .filter(|(_, c)| grid.paragraph_of(c.start) == grid.paragraph_of(span.start))
            .min_by_key(|(_, c)| {
                let elsewhere = grid.sentence_of[c.start] != grid.sentence_of[span.start]
                    && grid.sentence_of[c.start] != grid.sentence_of[span.end - 1];
                (elsewhere, gap(span, c), c.start)
            })
            .map(|(k, _)| k)
    };
    let mut bare = Vec::new();
    for (_, span) in spans.iter().filter(|(role, _)| *role == Role::Content) {
        match nearest(span, &statements) {
            Some(k) => statements[k].content.push(span.clone()),
            None => bare.push(Statement { cue: None, source: None, shared: None, content: vec![span.clone()] }),
        }
    }
    attach_sources(grid, spans, &mut statements);
    share_sources(body, grid, &mut statements);
    for s in &mut statements {
        join_pieces(grid, spans, &mut s.content);
    }
    let mut out: Vec<Candidate> = statements
        .into_iter()
        .chain(bare)
        .filter(|s| !s.content.is_empty())
        .filter_map(|s| candidate(body, grid, quotations, s))
        .collect();
    out.sort_by_key(|c| c.start());
    out
}

/// Joins a statement's content pieces that lie in one sentence with no
/// tagged span between them: the tagger leaves words out of a long content
/// (`the legacy of racism[, enshrined in Jim Crow laws, and] how the fight
/// ...`), while PolNeAR splits a content within a sentence only around its
/// frame (`The museum, Bunch said, would ...`). PolNeAR dev content exact F1
/// fast 0.576 → 0.578, accurate 0.642 → 0.644; relation 0.477 → 0.479 and
/// 0.554 → 0.556 (session 14).
fn join_pieces(grid: &Tokenized, spans: &[(Role, Range<usize>)], content: &mut Vec<Range<usize>>) {
    content.sort_by_key(|r| r.start);
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(content.len());
    for piece in content.drain(..) {
        match joined.last_mut() {
            Some(last)
                if grid.sentence_of[last.end - 1] == grid.sentence_of[piece.start]
                    && !spans.iter().any(|(_, r)| r.start >= last.end && r.end <= piece.start) =>
            {
                last.end = piece.end
            }
            _ => joined.push(piece),
        }
    }
    *content = joined;
}

/// Gives each cue at most one source of its sentence and each source at
/// most one cue, the closest pairs first: `Ann, who said it rained, denied
/// it` pairs `who` with `said` and leaves `Ann` to `denied`, where taking
/// the sources in text order gave `Ann` the nearer `said` (PolNeAR dev
/// source exact F1 0.721 → 0.722 in the fast tier, 0.792 → 0.796 in the
/// accurate one; session 13). Only cues with a content take one: a cue
/// left without content is dropped, and took the source of the next one
/// with it (`His ex-wife agreed, but also contended that ...`; source
/// exact F1 fast 0.7315 → 0.7332, accurate 0.8021 → 0.8041, session 16).
fn attach_sources(grid: &Tokenized, spans: &[(Role, Range<usize>)], statements: &mut [Statement]) {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (j, (_, source)) in spans.iter().enumerate().filter(|(_, (role, _))| *role == Role::Source) {
        let stated = statements.iter().enumerate().filter(|(_, s)| !s.content.is_empty());
        for (k, cue) in stated.filter_map(|(k, s)| s.cue.as_ref().map(|c| (k, c))) {
            if grid.sentence_of[cue.start] == grid.sentence_of[source.start] {
                pairs.push((gap(source, cue), j, k));
            }
        }
    }
    pairs.sort_unstable();
    let mut placed = vec![false; spans.len()];
    for (_, j, k) in pairs {
        if !placed[j] && statements[k].source.is_none() {
            statements[k].source = Some(spans[j].1.clone());
            placed[j] = true;
        }
    }
}

/// Words before a cue that carry the subject of the verb before on to it
/// (`He claimed vast wealth [and] said ...`); the rules, which read no
/// tagger, take only `and` and `but` ([`speaker::coordinated_subject`]).
const CARRYING_SUBJECT: &[&str] = &["and", "but", "or", "then", "also"];

/// Lends a statement with a content but no source the source of the
/// nearest statement before it in its sentence whose source stands before
/// its cue, as PolNeAR repeats a source over every cue of its subject (in
/// its train split, 390 times over a coordinated verb, `He claimed ... and
/// said`, and 575 times over a participle or another verb of the sentence,
/// `Ann said ..., citing ...`). A cue right after a coordinator or opening
/// with a participle takes it outright; any other falls back on it only
/// when no subject stands before the cue ([`candidate`]). PolNeAR dev
/// relation F1 fast 0.4846 → 0.4865, accurate 0.5595 → 0.5648; taking it
/// outright for every cue gave the same in the fast tier and 0.5643, and
/// only as a fallback 0.4880 and 0.5619 (session 16).
fn share_sources(body: &str, grid: &Tokenized, statements: &mut [Statement]) {
    for k in 0..statements.len() {
        let Some(cue) = statements[k].cue.clone().filter(|_| statements[k].source.is_none()) else { continue };
        if statements[k].content.is_empty() {
            continue;
        }
        let sentence = grid.sentence_of[cue.start];
        let before = statements
            .iter()
            .filter_map(|s| {
                let (c, source) = (s.cue.as_ref()?, s.source.as_ref()?);
                let subject = grid.sentence_of[c.start] == sentence && c.end <= cue.start && source.end <= c.start;
                subject.then_some((c.end, source))
            })
            .max_by_key(|&(end, _)| end)
            .map(|(_, source)| source.clone());
        let Some(source) = before else { continue };
        let w = Words::sentence(body, grid, sentence);
        let at = cue.start - grid.sentences[sentence].start;
        if lexicon::is_participle(w.get(at)) || speaker::coordinator_before(&w, at, CARRYING_SUBJECT).is_some() {
            statements[k].source = Some(source);
        } else {
            statements[k].shared = Some(source);
        }
    }
}

fn candidate(body: &str, grid: &Tokenized, quotations: &[Quotation], s: Statement) -> Option<Candidate> {
    let mut pieces: Vec<Range<usize>> =
        s.content.iter().map(|t| trim_marks(body, grid.bytes(t.clone()))).filter(|r| !r.is_empty()).collect();
    pieces.sort_by_key(|r| r.start);
    if pieces.is_empty() {
        return None;
    }
    let within = |r: &Range<usize>| quotations.iter().any(|q| q.outer.start <= r.start && r.end <= q.outer.end);
    let fragments: Vec<Range<usize>> = quotations
        .iter()
        .filter(|q| pieces.iter().any(|p| p.start < q.outer.end && q.outer.start < p.end))
        .flat_map(|q| q.pieces.iter().cloned())
        .collect();
    let (kind, content, clause) = if pieces.iter().all(within) {
        (QuoteKind::Direct, pieces, Vec::new())
    } else if !fragments.is_empty() {
        let clause = pieces.iter().max_by_key(|p| p.len()).cloned().into_iter().collect();
        (QuoteKind::Mixed, fragments, clause)
    } else {
        (QuoteKind::Indirect, pieces, Vec::new())
    };
    let speaker = match (s.source, &s.cue) {
        (Some(t), cue) => {
            let before_cue = cue.as_ref().is_some_and(|c| t.end <= c.start);
            let when = if before_cue { speaker::time_tail(body, grid, &t) } else { 0 };
            speaker::tagged_source(body, grid, t.start..t.end - when)
        }
        (None, Some(cue)) => speaker::subject_of_cue(body, grid, cue)
            .or_else(|| s.shared.and_then(|t| speaker::tagged_source(body, grid, t))),
        (None, None) => None,
    };
    let frame = match &s.cue {
        Some(c) => frame(grid, body, grid.sentence_of[c.start], if clause.is_empty() { &content } else { &clause }),
        None => Vec::new(),
    };
    let cue = s.cue.map(|c| grid.bytes(c));
    // Speech is mostly left to the rules: on GGT dev, counting all of the
    // tagger's statements beside theirs added 8 right quotes for 30 wrong
    // ones. Whole quoted sentences with a cue and a speaker are the
    // exception (`“...,” the post read`, `the father repeated`): cues the
    // lexicon lacks, and frames the rules cannot parse. A quotation opening
    // in lowercase is a fragment, and one of capitalised words a title.
    let sentence_like = body[content[0].clone()].starts_with(|c: char| c.is_uppercase());
    let speech = kind == QuoteKind::Direct
        && cue.is_some()
        && speaker.is_some()
        && sentence_like
        && !direct::is_title(body, &content);
    Some(Candidate { kind, content, bare: cue.is_none(), cue, speaker, frame, clause, speech })
}

/// Sentence `sentence` (the cue's) outside the content: where outlet, channel and time are said.
fn frame(grid: &Tokenized, body: &str, sentence: usize, content: &[Range<usize>]) -> Vec<Range<usize>> {
    let sentence = grid.bytes(grid.sentences[sentence].clone());
    let mut pieces = Vec::new();
    let mut at = sentence.start;
    for c in content.iter().filter(|c| c.start < sentence.end && sentence.start < c.end) {
        if c.start > at {
            pieces.push(trim_bytes(body, at..c.start));
        }
        at = at.max(c.end);
    }
    if at < sentence.end {
        pieces.push(trim_bytes(body, at..sentence.end));
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

fn trim_marks(body: &str, range: Range<usize>) -> Range<usize> {
    let s = &body[range.clone()];
    let trimmed = s.trim_start_matches(|c: char| c.is_whitespace() || MARKS.contains(&c));
    let start = range.start + (s.len() - trimmed.len());
    let end = start + trimmed.trim_end_matches(|c: char| c.is_whitespace() || MARKS.contains(&c)).len();
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates made of `spans` (token ranges of `body`).
    fn made_of(body: &str, spans: &[(Role, Range<usize>)]) -> Vec<Candidate> {
        let grid = Tokenized::new(body, &newsgraph_text::sentence_bytes(body));
        candidates(body, &grid, &crate::quotation::quotations(body), spans)
    }

    /// The content pieces of each statement found from `spans` (token
    /// ranges of `body`), by its cue.
    fn statements(body: &str, spans: &[(Role, Range<usize>)]) -> Vec<(String, Vec<String>)> {
        made_of(body, spans)
            .into_iter()
            .map(|c| {
                let cue = c.cue.map_or(String::new(), |r| body[r].to_string());
                (cue, c.content.iter().map(|r| body[r.clone()].to_string()).collect())
            })
            .collect()
    }

    #[test]
    fn a_content_takes_the_cue_of_its_own_sentence_before_a_nearer_one() {
        // Ann | said | so | . | The dam held | , | engineers | later | warned | .
        // `said` is two tokens from the dam's content, `warned` three.
        let body = "Ann said so. The dam held, engineers later warned.";
        let spans = [
            (Role::Source, 0..1),
            (Role::Cue, 1..2),
            (Role::Content, 2..3),
            (Role::Content, 4..7),
            (Role::Source, 8..9),
            (Role::Cue, 10..11),
        ];
        let found = statements(body, &spans);
        assert!(found.contains(&("said".into(), vec!["so".into()])), "{found:?}");
        assert!(found.contains(&("warned".into(), vec!["The dam held".into()])), "{found:?}");
    }

    #[test]
    fn sources_and_cues_pair_up_closest_first() {
        // Ann | , | who | said | it rained | , | denied | it | .
        let body = "Ann, who said it rained, denied it.";
        let spans = [
            (Role::Source, 0..1),
            (Role::Source, 2..3),
            (Role::Cue, 3..4),
            (Role::Content, 4..6),
            (Role::Cue, 7..8),
            (Role::Content, 8..9),
        ];
        assert_eq!(speakers(body, &spans), [("said".into(), "who".into()), ("denied".into(), "Ann".into())]);
    }

    /// Each statement's cue and speaker mention.
    fn speakers(body: &str, spans: &[(Role, Range<usize>)]) -> Vec<(String, String)> {
        made_of(body, spans)
            .into_iter()
            .map(|c| {
                (body[c.cue.unwrap()].to_string(), c.speaker.map_or(String::new(), |s| body[s.mention].to_string()))
            })
            .collect()
    }

    #[test]
    fn a_cue_without_content_takes_no_source_and_a_coordinated_cue_shares_one() {
        // Ann Lee | agreed | , | but | contended | the dam held | .
        let body = "Ann Lee agreed, but contended the dam held.";
        let spans = [(Role::Source, 0..2), (Role::Cue, 2..3), (Role::Cue, 5..6), (Role::Content, 6..9)];
        assert_eq!(speakers(body, &spans), [("contended".into(), "Ann Lee".into())]);
        // Ann Lee | claimed | victory | and | said | the dam held | .
        let body = "Ann Lee claimed victory and said the dam held.";
        let spans =
            [(Role::Source, 0..2), (Role::Cue, 2..3), (Role::Content, 3..4), (Role::Cue, 5..6), (Role::Content, 6..9)];
        assert_eq!(speakers(body, &spans), [("claimed".into(), "Ann Lee".into()), ("said".into(), "Ann Lee".into())]);
    }

    #[test]
    fn pieces_of_a_content_in_one_sentence_join_unless_a_span_lies_between() {
        // He | said | the law | , | passed in May | , | and | the tax | rose | .
        let body = "He said the law, passed in May, and the tax rose.";
        let spans = [(Role::Source, 0..1), (Role::Cue, 1..2), (Role::Content, 2..4), (Role::Content, 10..13)];
        assert_eq!(
            statements(body, &spans),
            [("said".to_string(), vec!["the law, passed in May, and the tax rose".into()])]
        );
        // The museum | , | Bunch | said | , | would open | .
        let body = "The museum, Bunch said, would open.";
        let spans = [(Role::Content, 0..2), (Role::Source, 3..4), (Role::Cue, 4..5), (Role::Content, 6..8)];
        assert_eq!(statements(body, &spans), [("said".to_string(), vec!["The museum".into(), "would open".into()])]);
    }

    #[test]
    fn a_quotation_without_a_cue_of_its_own_joins_the_nearest_statement() {
        // “ We lost , ” he said . “ We will be back . ”
        let body = "“We lost,” he said. “We will be back.”";
        let spans = [(Role::Content, 1..3), (Role::Source, 5..6), (Role::Cue, 6..7), (Role::Content, 9..13)];
        assert_eq!(statements(body, &spans), [("said".to_string(), vec!["We lost".into(), "We will be back".into()])]);
    }
}
