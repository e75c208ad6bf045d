//! What the rules propose before speakers are resolved.
//!
//! Candidate generators (quotation marks in [`crate::direct`], reported speech
//! in [`crate::reported`]) emit [`Candidate`]s; resolution and context
//! extraction run on candidates alone. A learned span tagger can therefore
//! add or replace candidates without touching resolution.

use std::ops::Range;

use newsgraph_doc::{MentionKind, QuoteKind};
use newsgraph_text::trim_bytes;

use crate::lexicon;
use crate::speaker::{self, SpeakerPhrase};
use crate::words::{Tokenized, Words};

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
    /// (`content` holds the fragments), in pieces when a frame interrupts
    /// it (`[Acts of protest], he said, [are ''acts of patriotism'']`);
    /// empty for other kinds.
    pub clause: Vec<Range<usize>>,
    /// Reported speech or writing (see [`newsgraph_doc::Quote::speech`]).
    pub speech: bool,
}

/// Which end of a statement's content a step works on.
#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// The piece of a statement that PolNeAR measures as its content, at
/// `edge`: the first or last piece of a mixed quote's reported clause, else
/// of its content. Over the fields rather than the candidate, so that a
/// step may hold its cue at the same time.
fn measured_piece<'a>(
    kind: QuoteKind,
    clause: &'a mut [Range<usize>],
    content: &'a mut [Range<usize>],
    edge: Edge,
) -> Option<&'a mut Range<usize>> {
    let pieces = if kind == QuoteKind::Mixed { clause } else { content };
    match edge {
        Edge::Start => pieces.first_mut(),
        Edge::End => pieces.last_mut(),
    }
}

impl Candidate {
    pub fn start(&self) -> usize {
        self.content.first().map_or(0, |r| r.start)
    }

    pub fn end(&self) -> usize {
        self.content.last().map_or(0, |r| r.end)
    }

    /// Moves the preposition between a cue and its content, or opening the
    /// content right after the cue, into the cue, as PolNeAR marks cues: `described [as] an intentional act`,
    /// `asked [about] the declaration`, `called [for] cuts`. Not `to`: an
    /// infinitive (`plans to release`) stays content. The content of a
    /// mixed quote, here, is its reported clause.
    pub fn take_particle(&mut self, body: &str) {
        let Some(cue) = self.cue.as_mut() else { return };
        let target = measured_piece(self.kind, &mut self.clause, &mut self.content, Edge::Start);
        let Some(target) = target.filter(|t| t.start >= cue.end) else { return };
        if !body[cue.clone()].ends_with(|c: char| c.is_alphabetic()) {
            return;
        }
        // A content that starts after the preposition leaves it between.
        let gap = &body[cue.end..target.start];
        let between = gap.trim();
        if !between.is_empty() {
            if lexicon::is_in(lexicon::CUE_PARTICLES, between) {
                cue.end += gap.find(between).unwrap_or(0) + between.len();
            }
            return;
        }
        let text = &body[target.clone()];
        let Some(first) = text.split(' ').next().filter(|w| lexicon::is_in(lexicon::CUE_PARTICLES, w)) else { return };
        let rest = &text[first.len()..];
        if lexicon::approximates(first, rest.trim_start()) {
            return;
        }
        if !rest.trim().is_empty() {
            cue.end = target.start + first.len();
            target.start += first.len() + (rest.len() - rest.trim_start().len());
        }
    }

    /// Drops a connective that opens a reported content (`[However,] the
    /// debates are unlikely to matter, he noted`): it joins the sentence to
    /// the one before, and is not what was said.
    pub fn drop_connective(&mut self, body: &str) {
        if self.kind != QuoteKind::Indirect {
            return;
        }
        let Some(first) = self.content.first_mut() else { return };
        let text = &body[first.clone()];
        let Some(rest) = lexicon::after_connective(text) else { return };
        if rest.len() * 2 > text.len() {
            first.start = first.end - rest.len();
        }
    }

    /// Drops the comma that opens a content right after a frame set off by
    /// commas (`Most of them, he said[,] are older`, `In his years in office,
    /// Mr. Obama said[,] a majority ...`): it closes the frame, and none of
    /// the 22,525 contents annotated in PolNeAR train starts with one. The
    /// words before the frame are [`take_words_before_frame`]'s to add.
    pub fn drop_leading_comma(&mut self, body: &str) {
        let target = measured_piece(self.kind, &mut self.clause, &mut self.content, Edge::Start);
        let Some(target) = target else { return };
        let text = &body[target.clone()];
        let Some(rest) = text.trim_start().strip_prefix(',') else { return };
        let rest = rest.trim_start();
        if !rest.is_empty() {
            target.start = target.end - rest.len();
        }
    }

    /// Moves the subject of a passive or raising cue from speaker to
    /// content: in `[Republicans] seem [confident ...]` and `[peacekeepers]
    /// have been blamed for [introducing cholera]` the subject is what is
    /// attributed, and no one is named as saying it. PolNeAR marks such a
    /// subject as a piece of the content (train: with a raising cue 153
    /// times, as source 2; with a passive one, 362 and 66, most of the 66
    /// participles of feeling such as `are concerned`, which
    /// [`lexicon::takes_subject_as_content`] leaves out). Only a subject
    /// right before the cue (not one with an apposition between), and only
    /// for statements that are not reported speech. PolNeAR dev: fast tier
    /// source exact F1 0.729 → 0.731, relation 0.484 → 0.485; accurate
    /// source 0.8016 → 0.8021; the speaker is no longer `peacekeepers` in
    /// `peacekeepers have been blamed for ...`; GGT dev and the seed
    /// unchanged (session 16).
    pub fn take_subject_of_passive(&mut self, body: &str) {
        let (Some(cue), Some(speaker)) = (&self.cue, &self.speaker) else { return };
        let before_content = self.content.first().is_some_and(|c| c.start >= cue.end);
        if self.speech || self.kind != QuoteKind::Indirect || !before_content {
            return;
        }
        let subject = speaker.mention.clone();
        if subject.end > cue.start || !body[subject.end..cue.start].trim().is_empty() {
            return;
        }
        let words: Vec<&str> = body[cue.clone()].split_whitespace().collect();
        if lexicon::takes_subject_as_content(&words) {
            self.speaker = None;
            self.content.insert(0, subject);
        }
    }

    /// Extends the description of a speaker named after the cue through the
    /// rest of the sentence when that rest only describes them further
    /// ([`speaker::descriptive_tail`]), as PolNeAR marks sources: the rules
    /// and the tagger stop at the first apposition. PolNeAR dev source exact
    /// F1 fast 0.725 → 0.728, accurate 0.798 → 0.801 (session 14). Never over
    /// the statement's own content (`According to Ann, the dam held.`).
    pub fn take_description(&mut self, body: &str, grid: &Tokenized) {
        let (Some(cue), Some(speaker)) = (&self.cue, self.speaker.as_mut()) else { return };
        if speaker.mention.start < cue.end || !speaker.joint.is_empty() {
            return;
        }
        let apposition = speaker.descriptor.clone().filter(|d| d.start >= speaker.mention.end);
        let end = apposition.as_ref().map_or(speaker.mention.end, |d| d.end);
        let Some((w, comma)) = sentence_from(body, grid, end) else { return };
        let Some(stop) = speaker::descriptive_tail(&w, comma, apposition.is_some()) else { return };
        let tail = w.spans[comma + 1].start..w.spans[stop - 1].end;
        if overlaps_statement(&self.content, &self.clause, &self.cue, &tail) {
            return;
        }
        speaker.descriptor = Some(apposition.map_or(tail.start, |d| d.start)..tail.end);
    }

    /// Widens a speaker named, or named with an article, to the people the
    /// name stands after ([`speaker::affiliation_of`]): `[Advisers to] Mr.
    /// Obama say`, `[Aides to] the president said`. Done here rather than in
    /// the phrase readers, whose spans the taggers read as features.
    pub fn take_affiliation(&mut self, body: &str, grid: &Tokenized) {
        let Some(speaker) = self.speaker.as_mut() else { return };
        let named =
            speaker.kind == MentionKind::Name || speaker.kind == MentionKind::Nominal && speaker.is_determined(body);
        if !named || !speaker.joint.is_empty() {
            return;
        }
        let Some((w, name)) = sentence_from(body, grid, speaker.mention.start) else { return };
        let end = w.spans.partition_point(|t| t.start < speaker.mention.end);
        let Some(mut phrase) = speaker::affiliation_of(&w, name, end) else { return };
        let widened = phrase.mention.start..speaker.mention.start;
        if overlaps_statement(&self.content, &self.clause, &self.cue, &widened) {
            return;
        }
        phrase.descriptor = speaker.descriptor.clone().filter(|d| d.start >= speaker.mention.end);
        *speaker = phrase;
    }

    /// Runs a content that stops at the punctuation closing a quotation on
    /// over it: `saying he is "trigger-happy and very unstable[."]`. PolNeAR
    /// marks the mark inside the content (train: 4,216 contents end with a
    /// punctuation mark and a closing quotation mark, 4 stop before them).
    /// A mixed quote's content, here, is its reported clause.
    pub fn take_closing_punctuation(&mut self, body: &str) {
        let target = measured_piece(self.kind, &mut self.clause, &mut self.content, Edge::End);
        let Some(target) = target else { return };
        let mut rest = body[target.end..].chars();
        let (Some('.' | ',' | '?' | '!'), Some(quote @ ('”' | '"' | '’' | '\''))) = (rest.next(), rest.next())
        else {
            return;
        };
        // The doubled apostrophes some papers print (`''`) close as one mark.
        let doubled = quote == '\'' && rest.next() == Some('\'');
        target.end += 1 + quote.len_utf8() + usize::from(doubled);
    }

    /// Takes the auxiliaries and adverbs right before the cue into it
    /// (`[has also] said`, `[did not immediately] respond`), as PolNeAR marks
    /// cues: in its train split `has` opens the cue 1,450 times and stands
    /// before it, outside, 14 times; `also` 281 to 21. A content or
    /// speaker never loses a word: only words between them and the cue move.
    pub fn take_modifiers(&mut self, body: &str) {
        let Some(cue) = self.cue.as_mut() else { return };
        let floor = self
            .content
            .iter()
            .chain(&self.clause)
            .map(|r| r.end)
            .chain(self.speaker.as_ref().map(|s| s.mention.end))
            .filter(|&end| end <= cue.start)
            .max()
            .unwrap_or(0);
        loop {
            let before = body[floor..cue.start].trim_end();
            // A space may be more than one byte (no-break space).
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let start = before.len() - word.len();
            let modifies = word.starts_with(|c: char| c.is_lowercase())
                && (lexicon::modifies_cue(word) || lexicon::is_auxiliary(word))
                && !lexicon::is_in(&["been", "be"], word);
            if before.is_empty() || !modifies {
                return;
            }
            cue.start = floor + start;
        }
    }

    /// Takes the colon right after the cue into it (`added: ...`), as
    /// PolNeAR marks cues (26 of the 29 cues a colon follows in dev).
    pub fn take_colon(&mut self, body: &str) {
        let start = self.start();
        if let Some(cue) = self.cue.as_mut().filter(|c| c.end < start && body[c.end..].starts_with(':')) {
            cue.end += 1;
        }
    }

    /// Cuts an adjunct of the cue off the end of a content that is a noun
    /// phrase, into the frame: `criticized [Mrs. Clinton] during campaign
    /// stops`, `reported [her presence] on Twitter`. PolNeAR leaves when,
    /// why and through what something was said out of the content. A
    /// clause (`that ...`, `to ...`, one with an auxiliary) keeps its
    /// adjuncts, which are its own.
    pub fn drop_cue_adjunct(&mut self, body: &str) {
        let (Some(cue), [content]) = (&self.cue, self.content.as_mut_slice()) else { return };
        if self.speech || self.kind != QuoteKind::Indirect || content.start < cue.end {
            return;
        }
        let w = Words::new(body, content.clone());
        let opens_clause =
            |word: &str| lexicon::is_complementizer(word) || lexicon::is_wh(word) || word.eq_ignore_ascii_case("to");
        let clause = (0..w.len()).any(|k| lexicon::is_auxiliary(w.get(k))) || w.len() > 0 && opens_clause(w.get(0));
        if clause {
            return;
        }
        let adjunct = (1..w.len()).find(|&j| {
            let word = w.get(j);
            w.is_lowercase(j)
                && (lexicon::is_in(&["during", "while", "since", "because"], word)
                    || lexicon::is_in(lexicon::CHANNEL_PREPOSITIONS, word)
                        && (j + 1..w.len().min(j + 5)).any(|k| lexicon::is_channel(w.get(k))))
        });
        let Some(j) = adjunct else { return };
        let end = if w.get(j - 1) == "," { j - 1 } else { j };
        if end == 0 {
            return;
        }
        let cut = w.bytes(0, end).end;
        self.frame.push(w.spans[j].start..content.end);
        content.end = cut;
    }
}

/// Adds the words that open a sentence before a frame set off by commas to
/// the statement whose reported content resumes after the frame, as a
/// piece of its own: `[The museum], Mr. Obama said, would make visitors
/// ...`, `[Acts of protest], he said, are ''acts of patriotism''`. PolNeAR
/// marks them so when the words after the frame open in lowercase (a
/// clause without its subject, or going on with the one before): in its
/// train split, of 237 such sentences with no comma in the words or the
/// frame, 183 have exactly these words as a piece of the content, 27 a
/// part of them and 27 none (before a capital, mostly none: `In 2008, he
/// said, Clinton ...`). A connective opening the sentence stays out
/// (`But [the economic weapons ...], he added, are like ...`), and so do
/// words another statement holds, and a lone `If`. Reported speech and
/// mixed quotes only: a quotation's words are its own. PolNeAR dev right
/// relations: fast 995 → 1,004, accurate 1,155 → 1,161, rules 665 → 675
/// (content exact F1 0.578 → 0.582, 0.644 → 0.647, 0.479 → 0.485);
/// GGT dev and the seed unchanged (session 16).
pub fn take_words_before_frame(body: &str, grid: &Tokenized, candidates: &mut [Candidate]) {
    let held: Vec<Range<usize>> = candidates
        .iter()
        .flat_map(|c| {
            let speaker = c.speaker.iter().flat_map(|s| [Some(s.mention.clone()), s.descriptor.clone()]).flatten();
            c.content.iter().chain(&c.clause).chain(&c.cue).cloned().chain(speaker)
        })
        .collect();
    for c in candidates.iter_mut().filter(|c| matches!(c.kind, QuoteKind::Indirect | QuoteKind::Mixed)) {
        let Some(words) = words_before_frame(body, grid, c) else { continue };
        if held.iter().any(|h| h.start < words.end && words.start < h.end) {
            continue;
        }
        c.frame = c
            .frame
            .iter()
            .flat_map(|f| [f.start..f.end.min(words.start), f.start.max(words.end)..f.end])
            .filter(|f| !f.is_empty())
            .collect();
        let pieces = if c.kind == QuoteKind::Mixed { &mut c.clause } else { &mut c.content };
        pieces.insert(0, words);
    }
}

/// The words before `c`'s frame that [`take_words_before_frame`] adds:
/// the frame (speaker and cue, with no comma inside) stands between the
/// comma ending the words and the comma before the content's first piece.
fn words_before_frame(body: &str, grid: &Tokenized, c: &Candidate) -> Option<Range<usize>> {
    let cue = c.cue.as_ref()?;
    let resumed = if c.kind == QuoteKind::Mixed { c.clause.first() } else { c.content.first() }?;
    if resumed.start < cue.end {
        return None;
    }
    let (w, resumes) = sentence_from(body, grid, resumed.start)?;
    let first_word = (resumes..w.len()).find(|&k| !w.is_punct(k))?;
    if resumes < 2 || w.get(resumes - 1) != "," || !w.is_lowercase(first_word) {
        return None;
    }
    let frame_start = c.speaker.as_ref().map_or(cue.start, |s| s.mention.start.min(cue.start));
    let frame = w.spans.partition_point(|t| t.start < frame_start);
    // `, as one of his advisers pointed out,` is a frame as well.
    let opening = (1..frame).rev().take(2).find(|&k| w.get(k) == "," && (k + 1 == frame || w.is(k + 1, "as")))?;
    if (frame..resumes - 1).any(|k| w.get(k) == ",") {
        return None;
    }
    // Past an opening quotation mark or parenthesis.
    let mut start = w.spans[(0..opening).find(|&k| !w.is_punct(k))?].start;
    let text = &body[start..w.spans[opening].start];
    if let Some(rest) = lexicon::after_connective(text) {
        start += text.len() - rest.len();
    }
    let words = trim_bytes(body, start..w.spans[opening].start);
    // A lone `If` or `That` opens the clause after the frame; it says nothing.
    let lone_complementizer = lexicon::is_complementizer(&body[words.clone()]);
    (!words.is_empty() && !body[words.clone()].contains(',') && !lone_complementizer).then_some(words)
}

/// Whether `range` shares a byte with a statement's content, clause or cue:
/// a speaker phrase never takes those in. (Fields, not the candidate, as the
/// caller holds its speaker mutably.)
fn overlaps_statement(
    content: &[Range<usize>],
    clause: &[Range<usize>],
    cue: &Option<Range<usize>>,
    range: &Range<usize>,
) -> bool {
    content.iter().chain(clause).chain(cue).any(|p| p.start < range.end && range.start < p.end)
}

/// The sentence of `grid` holding the first token at or after byte `at`,
/// and that token's index in it.
fn sentence_from<'a>(body: &'a str, grid: &'a Tokenized, at: usize) -> Option<(Words<'a>, usize)> {
    let t = grid.tokens.partition_point(|t| t.start < at);
    let &s = grid.sentence_of.get(t)?;
    Some((Words::sentence(body, grid, s), t - grid.sentences[s].start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(body: &str, cue: &str, content: &str) -> Candidate {
        let at = |s: &str| body.find(s).map(|i| i..i + s.len()).unwrap();
        Candidate {
            kind: QuoteKind::Indirect,
            content: vec![at(content)],
            cue: Some(at(cue)),
            speaker: None,
            frame: Vec::new(),
            bare: false,
            clause: Vec::new(),
            speech: false,
        }
    }

    #[test]
    fn a_preposition_opening_the_content_joins_the_cue_but_an_infinitive_stays() {
        let body = "Police described the fire as arson. She plans to run again.";
        let mut c = statement(body, "described", "the fire as arson");
        c.take_particle(body);
        assert_eq!((&body[c.cue.clone().unwrap()], &body[c.content[0].clone()]), ("described", "the fire as arson"));
        let body = "Officials asked about the delay.";
        let mut c = statement(body, "asked", "about the delay");
        c.take_particle(body);
        assert_eq!((&body[c.cue.clone().unwrap()], &body[c.content[0].clone()]), ("asked about", "the delay"));
        let body = "Officials asked about the delay.";
        let mut c = statement(body, "asked", "the delay");
        c.take_particle(body);
        assert_eq!(&body[c.cue.clone().unwrap()], "asked about");
        let body = "The mayor warned against new levies.";
        let mut c = statement(body, "warned", "against new levies");
        c.take_particle(body);
        assert_eq!((&body[c.cue.clone().unwrap()], &body[c.content[0].clone()]), ("warned against", "new levies"));
        let body = "She plans to run again.";
        let mut c = statement(body, "plans", "to run again");
        c.take_particle(body);
        assert_eq!(&body[c.cue.clone().unwrap()], "plans");
    }

    #[test]
    fn modifiers_before_a_cue_join_it_across_any_space() {
        // A no-break space is two bytes.
        let body = "Two\u{a0}senators say the deal is dead.";
        let mut c = statement(body, "say", "the deal is dead");
        c.take_modifiers(body);
        assert_eq!(&body[c.cue.clone().unwrap()], "say");
        let body = "The mayor has\u{a0}also said the deal is dead.";
        let mut c = statement(body, "said", "the deal is dead");
        c.take_modifiers(body);
        assert_eq!(&body[c.cue.clone().unwrap()], "has\u{a0}also said");
    }

    #[test]
    fn a_content_runs_over_the_punctuation_that_closes_its_quotation() {
        let body = "He called the plan \"reckless and very costly.\" Then he left.";
        let mut c = statement(body, "called", "the plan \"reckless and very costly");
        c.take_closing_punctuation(body);
        assert_eq!(&body[c.content[0].clone()], "the plan \"reckless and very costly.\"");
        let body = "He called the plan reckless. Then he left.";
        let mut c = statement(body, "called", "the plan reckless");
        c.take_closing_punctuation(body);
        assert_eq!(&body[c.content[0].clone()], "the plan reckless");
    }

    #[test]
    fn a_connective_opening_reported_content_is_dropped() {
        let body = "However, the debates will not matter, he noted.";
        let mut c = statement(body, "noted", "However, the debates will not matter");
        c.drop_connective(body);
        assert_eq!(&body[c.content[0].clone()], "the debates will not matter");
        // A name that starts like one stays (`Andersen`), and so does a quotation.
        let body = "Andersen will win, he said.";
        let mut c = statement(body, "said", "Andersen will win");
        c.drop_connective(body);
        assert_eq!(&body[c.content[0].clone()], "Andersen will win");
        let body = "“But we will win,” he said.";
        let mut c = Candidate { kind: QuoteKind::Direct, ..statement(body, "said", "But we will win,") };
        c.drop_connective(body);
        assert_eq!(&body[c.content[0].clone()], "But we will win,");
    }

    #[test]
    fn the_comma_closing_a_frame_is_no_part_of_the_content() {
        let body = "In his years in office, Mr. Obama said, a majority came around.";
        let mut c = statement(body, "said", ", a majority came around");
        c.drop_leading_comma(body);
        assert_eq!(&body[c.content[0].clone()], "a majority came around");
        // A mixed quote's clause likewise; a lone comma stays as it is.
        let body = "Most, she said, were ''older than me.''";
        let clause = body.find(", were").unwrap()..body.len();
        let mut c =
            Candidate { kind: QuoteKind::Mixed, clause: vec![clause], ..statement(body, "said", "older than me.") };
        c.drop_leading_comma(body);
        assert_eq!(&body[c.clause[0].clone()], "were ''older than me.''");
        let body = "Yes, he said , indeed.";
        let mut c = statement(body, "said", " ,");
        c.drop_leading_comma(body);
        assert_eq!(&body[c.content[0].clone()], " ,");
    }

    #[test]
    fn a_colon_after_the_cue_joins_it() {
        let body = "The mayor added: the roads are closed.";
        let mut c = statement(body, "added", "the roads are closed");
        c.take_colon(body);
        assert_eq!(&body[c.cue.clone().unwrap()], "added:");
        // Not when the content comes first (`... is the answer: yes`).
        let body = "Yes: that is what he said.";
        let mut c = statement(body, "said", "Yes");
        c.take_colon(body);
        assert_eq!(&body[c.cue.clone().unwrap()], "said");
    }

    #[test]
    fn auxiliaries_and_adverbs_before_the_cue_join_it() {
        let cue = |body: &str, cue: &str, content: &str| {
            let mut c = statement(body, cue, content);
            c.take_modifiers(body);
            body[c.cue.unwrap()].to_string()
        };
        assert_eq!(cue("The mayor has also said the roads are closed.", "said", "the roads are"), "has also said");
        assert_eq!(
            cue("The firm did not immediately respond to requests.", "respond", "requests"),
            "did not immediately respond"
        );
        // A name, a form of `be` used as a passive, or the content stay out.
        assert_eq!(cue("Lena Marsh said the roads are closed.", "said", "the roads are"), "said");
        assert_eq!(cue("The mayor has been told the roads are closed.", "told", "the roads are"), "told");
        assert_eq!(cue("The roads are closed, has said the mayor.", "said", "The roads are closed"), "has said");
        assert_eq!(cue("The rain will stop, not said the mayor.", "said", "The rain will stop, not"), "said");
    }

    #[test]
    fn an_adjunct_of_the_cue_leaves_a_noun_phrase_content_for_the_frame() {
        let content = |body: &str, cue: &str, content: &str, speech: bool| {
            let mut c = Candidate { speech, ..statement(body, cue, content) };
            c.drop_cue_adjunct(body);
            (body[c.content[0].clone()].to_string(), c.frame.iter().map(|f| body[f.clone()].to_string()).collect())
        };
        let body = "He criticized Mrs. Clinton during campaign stops.";
        assert_eq!(
            content(body, "criticized", "Mrs. Clinton during campaign stops", false),
            ("Mrs. Clinton".to_string(), vec!["during campaign stops".to_string()])
        );
        let body = "She reported her presence on Twitter.";
        assert_eq!(content(body, "reported", "her presence on Twitter", false).0, "her presence");
        // A clause keeps its adjuncts, and so does what was said.
        let body = "He argued that taxes will rise during the recession.";
        assert_eq!(
            content(body, "argued", "that taxes will rise during the recession", false).0,
            "that taxes will rise during the recession"
        );
        let body = "She said the plan works in a statement.";
        assert_eq!(content(body, "said", "the plan works in a statement", true).0, "the plan works in a statement");
    }
}
