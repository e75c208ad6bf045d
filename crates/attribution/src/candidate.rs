//! What the rules propose before speakers are resolved.
//!
//! Candidate generators (quotation marks in [`crate::direct`], reported speech
//! in [`crate::reported`]) emit [`Candidate`]s; resolution and context
//! extraction run on candidates alone. A learned span tagger can therefore
//! add or replace candidates without touching resolution.

use std::ops::Range;

use newsgraph_doc::QuoteKind;

use crate::speaker::SpeakerPhrase;

/// A proposed statement: its content and, where the text has them, its cue and
/// speaker phrase. All ranges are byte offsets into the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: QuoteKind,
    /// The content pieces, in order.
    pub content: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub speaker: Option<SpeakerPhrase>,
    /// The attribution frame: where outlet, channel and time are looked for.
    pub frame: Vec<Range<usize>>,
    /// A quotation standing alone, with no frame: it continues the previous
    /// quote if one is close enough, and is dropped otherwise.
    pub bare: bool,
    /// A mixed quote's reported clause around its quoted fragments
    /// (`content` holds the fragments).
    pub clause: Option<Range<usize>>,
    /// Reported speech or writing (see [`newsgraph_doc::Quote::speech`]).
    pub speech: bool,
}

impl Candidate {
    pub fn start(&self) -> usize {
        self.content.first().map_or(0, |r| r.start)
    }

    pub fn end(&self) -> usize {
        self.content.last().map_or(0, |r| r.end)
    }
}
