//! Speaker labels: a paragraph that opens with a name and a colon
//! (`WALLACE: Let's start ...`, a headline's `Pence: Flowers won't be there`)
//! quotes the rest of the paragraph, the convention of transcripts and
//! headlines. A paragraph that ends in a speaker, a cue and a colon (`The
//! governor added:`) quotes the next one whole, as block quotes and
//! embedded posts are introduced.

use std::ops::Range;

use newsgraph_doc::QuoteKind;

use crate::candidate::Candidate;
use crate::lexicon;
use crate::speaker;
use crate::words::Words;

/// Longest label, in tokens (`SEN. ELIZABETH WARREN`).
const MAX_LABEL: usize = 4;

/// Labels that head a paragraph but name no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "update",
    "updated",
    "photo",
    "photos",
    "video",
    "editor",
    "source",
    "sources",
    "related",
    "read",
    "watch",
    "listen",
    "correction",
    "advertisement",
    "caption",
    "credit",
    "credits",
    "q",
    "a",
    "warning",
    "disclosure",
    "contact",
    "email",
    "phone",
    "tags",
    "topics",
    "see",
    "also",
    "more",
    "earlier",
    "previously",
];

/// Whether `word`, written as a name (`Pence` for `PENCE`), also stands
/// inside a sentence of `text`: section labels (`ENERGY:`, `ANALYSIS:`) do not.
fn named_elsewhere(text: &str, word: &str) -> bool {
    let name = speaker::title_case(word);
    if name.is_empty() {
        return false;
    }
    text.match_indices(&name).any(|(at, _)| {
        let mut before = text[..at].chars().rev();
        let after = text[at + name.len()..].chars().next();
        before.next() == Some(' ')
            && before.next().is_some_and(|c| c.is_lowercase() || c == ',')
            && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The labelled statements of a body's `paragraphs`. A label counts when
/// its name also stands inside a sentence, or when the article is a
/// dialogue: two or more labels, one of them heading several paragraphs
/// (`WALLACE:` ... `PENCE:` ... `WALLACE:`), which section labels never do.
pub fn candidates(text: &str, paragraphs: impl Iterator<Item = Range<usize>>) -> Vec<Candidate> {
    let labelled: Vec<Labelled> = paragraphs.filter_map(|p| labelled(text, p)).collect();
    let heads = |name: &str| labelled.iter().filter(|l| l.name == name).count();
    let dialogue = labelled.iter().any(|l| l.name != labelled[0].name) && labelled.iter().any(|l| heads(&l.name) > 1);
    let keep: Vec<bool> =
        labelled.iter().map(|l| (dialogue && heads(&l.name) > 1) || named_elsewhere(text, &l.name)).collect();
    labelled.into_iter().zip(keep).filter_map(|(l, keep)| keep.then_some(l.candidate)).collect()
}

/// A paragraph that opens with a label, and the label's last word.
struct Labelled {
    name: String,
    candidate: Candidate,
}

/// The labelled statement of the paragraph `paragraph`, if it opens with a label.
fn labelled(text: &str, paragraph: Range<usize>) -> Option<Labelled> {
    // A transcript quoted whole opens each paragraph with a quotation mark
    // (`"WALLACE: Let's start ...`).
    let opened = &text[paragraph.clone()];
    let paragraph = paragraph.start + (opened.len() - opened.trim_start_matches(['"', '“']).len())..paragraph.end;
    let first_line =
        paragraph.start..text[paragraph.clone()].find(':').map_or(paragraph.start, |c| paragraph.start + c + 1);
    let w = Words::new(text, first_line);
    let colon = w.len().checked_sub(1).filter(|&c| c > 0 && c <= MAX_LABEL && w.get(c) == ":")?;
    let named = (0..colon).all(|k| w.is_capitalized(k) || w.is_punct(k) && w.get(k) == ".");
    if !named || (0..colon).any(|k| NOT_SPEAKERS.iter().any(|n| w.is(k, n))) {
        return None;
    }
    let (speaker, end) = speaker::after_cue(&w, 0, colon, false)?;
    if end != colon {
        return None;
    }
    let rest = &text[w.spans[colon].end..paragraph.end];
    let start = w.spans[colon].end + (rest.len() - rest.trim_start().len());
    let statement = start..start + text[start..paragraph.end].trim_end_matches(['"', '”']).len();
    let candidate = Candidate {
        kind: QuoteKind::Direct,
        content: vec![statement.clone()],
        cue: Some(w.spans[colon].clone()),
        speaker: Some(speaker),
        frame: Vec::new(),
        bare: false,
        clause: Vec::new(),
        speech: true,
    };
    (!statement.is_empty()).then(|| Labelled { name: w.get(colon - 1).to_string(), candidate })
}

/// The statements that paragraphs ending in `SPEAKER CUE:` introduce: the
/// whole next paragraph each, without its quotation marks.
pub fn introduced(text: &str, paragraphs: &[Range<usize>]) -> Vec<Candidate> {
    paragraphs
        .windows(2)
        .filter_map(|pair| {
            let (frame, quoted) = (&pair[0], &pair[1]);
            if !text[frame.clone()].ends_with(':') {
                return None;
            }
            let w = Words::new(text, frame.clone());
            let cue = w.len().checked_sub(2).filter(|&c| c > 0 && w.is_lowercase(c))?;
            lexicon::cue(w.get(cue))?;
            // The frame's last sentence: a speaker never runs across a full stop.
            let lo = (0..cue).rev().find(|&k| matches!(w.get(k), "." | "!" | "?")).map_or(0, |k| k + 1);
            let speaker = speaker::before_cue(&w, lo, cue)?;
            let marks = |c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”');
            let body = &text[quoted.clone()];
            let start = quoted.start + (body.len() - body.trim_start_matches(marks).len());
            let content = start..start + text[start..quoted.end].trim_end_matches(marks).len();
            (!content.is_empty()).then(|| Candidate {
                kind: QuoteKind::Direct,
                content: vec![content],
                cue: Some(speaker::cue_phrase(&w, lo, cue)),
                speaker: Some(speaker),
                frame: vec![w.bytes(lo, w.len())],
                bare: false,
                clause: Vec::new(),
                speech: true,
            })
        })
        .collect()
}
