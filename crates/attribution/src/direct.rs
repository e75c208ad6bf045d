//! Direct and mixed quotes: quotations with the frame that attributes them.
//!
//! The frame is looked for right after the quotation (`“...,” Kim said`,
//! `“...,” said the spokesperson`), then before it in the same sentence
//! (`Kim said: “...”`, `Kim vowed to act “without limit”`), then in a
//! previous sentence ending in a colon (`Lee continued:`). A quotation is
//! direct when nothing but its frame shares its sentence, mixed when it is a
//! fragment inside other words. A quotation that fills its sentences alone is
//! bare (a continuation candidate); a fragment without a frame is a scare
//! quote and is dropped.

use std::borrow::Cow;
use std::ops::Range;

use newsgraph_doc::{MentionKind, QuoteKind};

use crate::candidate::Candidate;
use crate::lexicon;
use crate::quotation::Quotation;
use crate::reported;
use crate::speaker::{self, SpeakerPhrase};
use crate::words::Words;

/// Tokens a subject may take before its cue in a trailing frame
/// (`“...,” Ann Lee, the founder of a firm that ..., said`).
const MAX_FRAME_SUBJECT: usize = 40;

/// The text and its sentences, which bound the frame of a quotation.
pub struct Layout<'a> {
    pub text: &'a str,
    pub sentences: &'a [Range<usize>],
}

impl Layout<'_> {
    /// Index of the sentence holding byte `b` (or the next one, in a gap).
    pub fn sentence_of(&self, b: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= b).min(self.sentences.len().saturating_sub(1))
    }
}

/// The candidate for quotation `qi` of `quotations`, if it is attributed or bare.
pub fn candidate(layout: &Layout, quotations: &[Quotation], qi: usize) -> Option<Candidate> {
    let text = layout.text;
    let q = &quotations[qi];
    let first = layout.sentence_of(q.outer.start);
    let last = layout.sentence_of(q.outer.end - 1);
    let mut lo = layout.sentences.get(first).map_or(q.outer.start, |s| s.start.min(q.outer.start));
    // Another quotation earlier in the sentence bounds the frame's search;
    // without a frame, this one is then an item of a list (`include
    // “grapple,” “optics,” ...`), not a continuation.
    let shares_sentence = qi > 0 && quotations[qi - 1].outer.end > lo;
    if shares_sentence {
        lo = quotations[qi - 1].outer.end;
    }
    let mut hi = layout.sentences.get(last).map_or(q.outer.end, |s| s.end.max(q.outer.end));
    // `“... fearful.” ― Krystal Correa`: a signature after a quotation that
    // ends its sentence is a sentence of its own, on the same line.
    if let Some(next) = layout.sentences.get(last + 1).filter(|s| hi <= s.start) {
        let between = &text[hi..next.start];
        let signed = text[next.clone()].starts_with(['―', '—', '–']);
        if signed && between.trim().is_empty() && !between.contains('\n') {
            hi = next.end;
        }
    }
    if let Some(next) = quotations.get(qi + 1) {
        hi = hi.min(next.outer.start.max(q.outer.end));
    }
    let left = Words::new(text, lo..q.outer.start);
    let right = Words::new(text, q.outer.end..hi);
    let has_words = |w: &Words| (0..w.len()).any(|i| !w.is_punct(i));
    let make = |kind, cue: Range<usize>, speaker: SpeakerPhrase| Candidate {
        kind,
        content: q.pieces.clone(),
        cue: Some(cue),
        speaker: Some(speaker),
        frame: vec![lo..q.outer.start, q.outer.end..hi],
        bare: false,
        clause: Vec::new(),
        speech: true,
    };
    let framed =
        frame_after(&right).map(|(cue, speaker)| (cue, speaker, !has_words(&left))).or_else(|| frame_before(&left));
    if let Some((cue, speaker, whole)) = framed {
        if !whole && is_title(text, &q.pieces) {
            return None; // `told “Morning Joe”`: a name in quotation marks.
        }
        return Some(make(if whole { QuoteKind::Direct } else { QuoteKind::Mixed }, cue, speaker));
    }
    if has_words(&left) || has_words(&right) || shares_sentence {
        return None;
    }
    if let Some(previous) = first.checked_sub(1).and_then(|p| layout.sentences.get(p)) {
        if text[previous.clone()].ends_with(':') {
            let intro = Words::new(text, previous.clone());
            if let Some((cue, speaker, true)) = frame_before(&intro) {
                let mut c = make(QuoteKind::Direct, cue, speaker);
                c.frame.push(previous.clone());
                return Some(c);
            }
        }
    }
    Some(Candidate {
        kind: QuoteKind::Direct,
        content: q.pieces.clone(),
        cue: None,
        speaker: None,
        frame: Vec::new(),
        bare: true,
        clause: Vec::new(),
        speech: true,
    })
}

/// Quoted words that are a title or name: every word capitalised but short
/// function words (`“The Art of the Deal”`).
pub fn is_title(text: &str, pieces: &[Range<usize>]) -> bool {
    let words = pieces.iter().flat_map(|p| text[p.clone()].split_whitespace());
    let mut first = true;
    words.into_iter().all(|word| {
        let minor = !first && ["of", "the", "and", "a", "an", "in", "on", "for", "to", "at"].contains(&word);
        first = false;
        minor || word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// `, Kim said`, `, said Kim`, `he asked`, `, Revere told VOA ...` at the start of `w`.
fn frame_after(w: &Words) -> Option<(Range<usize>, SpeakerPhrase)> {
    let mut i = 0;
    while i < w.len() && matches!(w.get(i), "," | "—" | "–" | "―") {
        i += 1;
    }
    if i >= w.len() {
        return None;
    }
    if i > 0 && matches!(w.get(i - 1), "—" | "―") {
        // `“...” ― Ana Ruiz`: a dash and a name sign the quotation.
        let (speaker, end) = speaker::after_cue(w, i, w.len(), true)?;
        let signs = speaker.kind == MentionKind::Name && (end == w.len() || w.is_punct(end));
        return signs.then(|| (w.spans[i - 1].clone(), speaker));
    }
    if w.is_lowercase(i) && lexicon::is_quotation_cue(w.get(i)) {
        let (speaker, _) = speaker::after_cue(w, i + 1, w.len(), true)?;
        return Some((w.spans[i].clone(), speaker));
    }
    let cue = (i..w.len().min(i + MAX_FRAME_SUBJECT))
        .find(|&k| w.is_lowercase(k) && (lexicon::is_quotation_cue(w.get(k)) || speaker::quoted_as_saying(w, k)))?;
    // The phrase opens the frame; a role may come before the name (`the
    // spokesman, Josh Earnest, said`).
    let opens = |s: &SpeakerPhrase| s.descriptor.as_ref().map_or(s.mention.start, |d| d.start.min(s.mention.start));
    let speaker = speaker::before_cue(w, i, cue)
        .filter(|s| opens(s) == w.spans[i].start)
        .or_else(|| speaker::framing_phrase(w, i, cue))?;
    Some((speaker::cue_phrase(w, i, cue), speaker))
}

/// The last cue with a speaker in `w` (the text before a quotation), and
/// whether it introduces the quotation directly (`said:`, `told reporters,`)
/// rather than embedding it in other words. A participle after a comma is a
/// cue of its own with the speaker of the statement before it (`“...,” the
/// mayor said, adding that it would take “more hours”`): PolNeAR makes the
/// fragment a statement of `adding`, not more of `said`'s.
fn frame_before(w: &Words) -> Option<(Range<usize>, SpeakerPhrase, bool)> {
    (0..w.len()).rev().filter(|&k| w.is_lowercase(k)).find_map(|k| {
        let speaker = if reported::opens_statement(w, k).is_some() {
            // With no statement before it, the participle's subject is the
            // sentence's (`Trump thanked them, telling reporters, “...”`).
            let before = Words { text: w.text, spans: Cow::Borrowed(&w.spans[..k - 1]) };
            frame_before(&before).map(|f| f.1).or_else(|| speaker::sentence_subject_phrase(&before))?
        } else if lexicon::cue(w.get(k)).is_some() {
            speaker::before_cue(w, 0, k)?
        } else {
            return None;
        };
        let between = k + 1..w.len();
        let introduces = between.is_empty()
            || (matches!(w.get(w.len() - 1), "," | ":")
                && !between.clone().any(|i| lexicon::is_complementizer(w.get(i))));
        Some((speaker::cue_phrase(w, 0, k), speaker, introduces))
    })
}
