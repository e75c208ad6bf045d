//! Quotes with speakers: who said what, through which outlet, when.
//!
//! Three generators of rules propose [`candidate::Candidate`]s: quotation
//! marks with their attribution frame ([`direct`]: direct and mixed quotes,
//! bare quotations that may continue the previous quote; the marks
//! themselves come from [`quotation`]), speaker labels opening a paragraph
//! ([`label`]) and reported speech in unquoted sentences ([`reported`]).
//! In the learned tiers ([`Tier`]), a span tagger trained on PolNeAR
//! ([`tagger`]) proposes more, and [`merge`] keeps the rules' where both
//! fire (in the accurate tier, all but their reported speech).
//! [`QuoteAttributor::attribute`] then walks the candidates in text order,
//! resolves each speaker phrase to a canonical speaker of the article
//! ([`speaker`]), gives bare quotations right after a quote that quote's
//! speaker, and reads outlet, channel and time off the frame ([`context`]).
//!
//! Everything works on byte offsets and converts to the document's character
//! offsets once, when a [`Quote`] is built. There are no regexes; the word
//! lists ([`lexicon`]) are `const` slices (the hot ones also hash sets), so
//! the rules cost about a millisecond an article and the fast tier two.

//! Conventions: content excludes the quotation marks but keeps what is inside
//! them (a trailing comma included); reported content starts at its
//! complementizer (`that ...`); a mixed quote's content is the quoted fragment
//! and its `clause` the reported clause around it;
//! a cue is the verb with its auxiliaries and adverbs (`has also said`); a
//! speaker mention excludes its apposition, which becomes the descriptor.

mod candidate;
mod context;
mod direct;
mod label;
mod lexicon;
mod quotation;
mod reported;
mod speaker;
mod tagger;
mod words;

use std::ops::Range;

use newsgraph_doc::{CharIndex, Document, JointSpeaker, Mention, MentionKind, Quote, QuoteKind, Span, Speaker};

use candidate::Candidate;
use direct::Layout;
use speaker::Speakers;
use tagger::SpanTagger;
use words::{Tokenized, Words};

pub use newsgraph_encoder::{Encoder, TuneConfig};
pub use newsgraph_learn::{ModelError, TrainConfig};
pub use tagger::{encoder_tune_config, load_encoder, train, train_bounds, train_encoder, Role, TrainingArticle};

/// Joins the pieces of an interrupted content in [`Quote::text`].
const PIECE_SEPARATOR: &str = " … ";

/// Which attribution model proposes the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tier {
    /// Rules only: quotation marks, the cue lexicon, speaker phrases.
    Rules,
    /// The learned span tagger over the rules' output (see [`tagger`]).
    #[default]
    Fast,
    /// The same span tagger, its scores combined with those of a MiniLM
    /// encoder fine-tuned on the same labels.
    Accurate,
}

/// Finds attributed statements and their speakers.
pub struct QuoteAttributor {
    tagger: Option<SpanTagger>,
}

impl Default for QuoteAttributor {
    fn default() -> Self {
        QuoteAttributor::new()
    }
}

impl QuoteAttributor {
    /// The default tier with the model embedded in the binary.
    pub fn new() -> QuoteAttributor {
        QuoteAttributor::with_tier(Tier::default()).expect("the embedded fast model is valid (checked by tests)")
    }

    /// The rules and fast tiers always load; the accurate one needs the
    /// encoder's weights (see [`load_encoder`]).
    pub fn with_tier(tier: Tier) -> Result<QuoteAttributor, ModelError> {
        let tagger = match tier {
            Tier::Rules => None,
            Tier::Fast => Some(SpanTagger::fast()?),
            Tier::Accurate => Some(SpanTagger::accurate()?),
        };
        Ok(QuoteAttributor { tagger })
    }

    /// A tagger given as bytes (from `newsgraph train quotes`), with the
    /// accurate tier's encoder ([`load_encoder`]) or none.
    pub fn with_model(bytes: &[u8], encoder: Option<Encoder>) -> Result<QuoteAttributor, ModelError> {
        Ok(QuoteAttributor { tagger: Some(SpanTagger::from_bytes(bytes, encoder)?) })
    }

    /// Adds `doc.quotes` from the body and its sentences (segmenting the body
    /// first if the text stage has not run).
    pub fn attribute(&self, doc: &mut Document) {
        let body = doc.article.body.as_str();
        let index = doc.char_index();
        let sentences: Vec<Range<usize>> = if doc.sentences.is_empty() {
            newsgraph_text::sentence_bytes(body)
        } else {
            doc.sentences.iter().map(|&s| index.bytes(s)).collect()
        };
        // The text stage tokenised the same sentences the same way.
        let grid = if doc.tokens.is_empty() {
            Tokenized::new(body, &sentences)
        } else {
            let tokens = doc.tokens.iter().map(|t| index.bytes(t.span)).collect();
            Tokenized::from_tokens(body, &sentences, tokens, doc.tokens.iter().map(|t| t.sentence).collect())
        };
        let quotations = quotation::quotations(body);
        let rules = candidates(body, &grid, &sentences, &quotations);
        let mut candidates = match &self.tagger {
            Some(tagger) => {
                let learned = tagger.candidates(body, &grid, &sentences, &quotations, &rules);
                merge(rules, learned, tagger.bounds_reported_speech())
            }
            None => rules,
        };
        share_participle_speakers(body, &sentences, &mut candidates);
        for c in &mut candidates {
            c.take_particle(body);
            c.take_modifiers(body);
            c.take_colon(body);
            c.drop_connective(body);
            c.drop_cue_adjunct(body);
            c.take_closing_punctuation(body);
            c.drop_leading_comma(body);
            c.take_description(body, &grid);
            c.take_affiliation(body, &grid);
            c.take_subject_of_passive(body);
        }
        candidate::take_words_before_frame(body, &grid, &mut candidates);
        let quoted: Vec<Range<usize>> = quotations.iter().map(|q| q.outer.clone()).collect();
        let speakers = Speakers::new(body, &grid, &sentences, &quoted);
        doc.quotes = resolve(body, &index, speakers, candidates);
    }
}

/// A participle after a comma with no speaker of its own (`“...,” he
/// said, adding that ...`, `Rendell recalled, suggesting ...`) has the
/// speaker of the statement before it in its sentence, or else the
/// sentence's subject (`The union left the talks, citing ...`).
fn share_participle_speakers(body: &str, sentences: &[Range<usize>], candidates: &mut [Candidate]) {
    let sentence_of = |at: usize| sentences.iter().position(|s| s.start <= at && at < s.end);
    for i in 1..candidates.len() {
        let Some(cue) = candidates[i].cue.clone() else { continue };
        let participle = candidates[i].speaker.is_none()
            && lexicon::is_participle(&body[cue.clone()])
            && body[..cue.start].trim_end().ends_with(',');
        if !participle {
            continue;
        }
        let sentence = sentence_of(cue.start);
        let before = candidates[..i].iter().rev().find(|p| {
            p.cue.as_ref().is_some_and(|c| c.end <= cue.start && sentence_of(c.start) == sentence)
                && p.speaker.is_some()
        });
        let subject = || {
            let sentence = sentences[sentence?].clone();
            let w = Words::new(body, sentence.start..cue.start);
            speaker::sentence_subject_phrase(&w)
        };
        candidates[i].speaker = before.and_then(|p| p.speaker.clone()).or_else(subject);
    }
}

/// Every candidate of the body (tokenised as `grid`, in `sentences`), in
/// text order, interrupted quotations merged.
fn candidates(
    body: &str,
    grid: &Tokenized,
    sentences: &[Range<usize>],
    quotations: &[quotation::Quotation],
) -> Vec<Candidate> {
    let layout = Layout { text: body, sentences };
    let mut found: Vec<Candidate> = Vec::new();
    for qi in 0..quotations.len() {
        let Some(c) = direct::candidate(&layout, quotations, qi) else { continue };
        // `“A,” he said, “B.”`: both halves share one cue, so one statement.
        match found.last_mut() {
            Some(prev) if prev.cue.is_some() && prev.cue == c.cue => prev.content.extend(c.content),
            _ => found.push(c),
        }
    }
    let paragraph_ranges: Vec<Range<usize>> = paragraphs(body).collect();
    found.extend(label::candidates(body, paragraph_ranges.iter().cloned()));
    // An introduced paragraph replaces the bare quotation the rules saw in
    // it, not a quote they attributed.
    for introduced in label::introduced(body, &paragraph_ranges) {
        let block = introduced.content[0].clone();
        let inside = |c: &Candidate| c.content.iter().all(|r| block.start <= r.end && r.start <= block.end);
        if !found.iter().any(|c| !c.bare && inside(c)) {
            found.retain(|c| !inside(c));
            found.push(introduced);
        }
    }
    let quoted: Vec<Range<usize>> =
        found.iter().filter(|c| !c.bare).flat_map(|c| c.frame.iter().chain(&c.content).cloned()).collect();
    for (s, sentence) in sentences.iter().enumerate() {
        let overlaps = |r: &Range<usize>| r.start < sentence.end && sentence.start < r.end;
        if quoted.iter().any(overlaps)
            || quotations.iter().any(|q| {
                q.outer.start < sentence.end
                    && sentence.start < q.outer.end
                    && q.pieces.iter().any(|p| p.len() * 2 > sentence.len())
            })
        {
            continue;
        }
        found.extend(reported::candidates(&Words::sentence(body, grid, s)));
    }
    found.sort_by_key(|c| c.start());
    for c in &mut found {
        if let (QuoteKind::Mixed, Some(cue)) = (c.kind, &c.cue) {
            c.clause = reported_clause(body, sentences, cue, &c.content).into_iter().collect();
        }
    }
    found
}

/// The rules' candidates plus every learned one that overlaps none of them:
/// where the rules fire they are the more precise (PolNeAR dev: content
/// exact precision 0.73 against the fast tagger's 0.50), and the tagger
/// finds what they miss. A bare quotation of the rules counts too: it
/// continues the quote before it, which the rules know better.
///
/// With `learned_reported` (a tagger that bounds reported speech better
/// than the rules, [`SpanTagger::bounds_reported_speech`]), the rules'
/// reported speech without quotation marks gives way to a learned
/// candidate it overlaps, which stays speech as the rules' cue said.
/// Without it, the rules' reported speech may take the wider speaker of
/// the learned statement it meets ([`widen_speakers`]).
fn merge(rules: Vec<Candidate>, learned: Vec<Candidate>, learned_reported: bool) -> Vec<Candidate> {
    let extent = |c: &Candidate| -> Vec<Range<usize>> { c.content.iter().chain(&c.clause).cloned().collect() };
    let meets = |c: &Candidate, taken: &[Range<usize>]| overlapping(&extent(c), taken);
    let (yielding, mut merged): (Vec<Candidate>, Vec<Candidate>) =
        rules.into_iter().partition(|c| learned_reported && c.kind == QuoteKind::Indirect);
    widen_speakers(&mut merged, &learned);
    let taken: Vec<Range<usize>> = merged.iter().flat_map(extent).collect();
    let yielded: Vec<Range<usize>> = yielding.iter().flat_map(extent).collect();
    let mut learned: Vec<Candidate> = learned.into_iter().filter(|c| !meets(c, &taken)).collect();
    for c in learned.iter_mut().filter(|c| c.cue.is_some()) {
        c.speech |= meets(c, &yielded);
    }
    let taken: Vec<Range<usize>> = merged.iter().chain(&learned).flat_map(extent).collect();
    merged.extend(yielding.into_iter().filter(|c| !meets(c, &taken)));
    merged.extend(learned);
    merged.sort_by_key(|c| c.start());
    merged
}

/// Gives the rules' reported speech the speaker of a learned statement with
/// the same cue and content when that speaker's mention takes in the
/// rules' one and more (`[Developers and supporters in] Congress`, `[A
/// Quinnipiac University poll released in] late August`): the tagger
/// reads a long noun phrase whole where the rules stop at a name inside
/// it. PolNeAR dev, fast tier: source exact F1 0.733 → 0.738, relation
/// 0.487 → 0.490 (right relations 1,010 → 1,018), GGT dev unchanged.
/// Taking the learned speaker whenever the two mentions overlap gave
/// relation 0.492 but GGT speaker accuracy
/// 0.901 → 0.900 (the tagger's phrases lose descriptors and read nominals
/// as names), and for quotations as well 0.898 (session 16).
fn widen_speakers(rules: &mut [Candidate], learned: &[Candidate]) {
    for r in rules.iter_mut().filter(|c| c.kind == QuoteKind::Indirect && c.cue.is_some()) {
        let Some(mention) = r.speaker.as_ref().map(|s| s.mention.clone()) else { continue };
        let wider = learned.iter().filter(|l| l.cue == r.cue && overlapping(&l.content, &r.content)).find_map(|l| {
            let speaker = l.speaker.as_ref()?;
            let takes_in = speaker.mention.start <= mention.start && mention.end <= speaker.mention.end;
            (takes_in && speaker.mention != mention).then(|| speaker.clone())
        });
        if wider.is_some() {
            r.speaker = wider;
        }
    }
}

/// Whether any range of `a` shares a byte with any of `b`.
fn overlapping(a: &[Range<usize>], b: &[Range<usize>]) -> bool {
    a.iter().any(|r| b.iter().any(|t| r.start < t.end && t.start < r.end))
}

/// The text of `pieces` of `body`, joined as a discontiguous quote's is.
fn pieces_text(body: &str, pieces: &[Range<usize>]) -> String {
    pieces.iter().map(|r| &body[r.clone()]).collect::<Vec<_>>().join(PIECE_SEPARATOR)
}

/// Byte ranges of the body's paragraphs (its lines, trimmed).
fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    body.split('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            let lead = line.len() - line.trim_start().len();
            Some(start + lead..start + line.trim_end().len())
        })
        .filter(|r| !r.is_empty())
}

/// Paragraph starts, so that a continuation can be checked for adjacency.
fn paragraph_starts(body: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && bytes.get(i + 1).is_some_and(|&n| n != b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

/// The reported clause a mixed quote's fragment sits in: from the cue to the
/// end of the sentence when the cue comes first (`vowed to bolster ...
/// “without limit,” while ...`), from the sentence start to the fragment when
/// it comes after (`... that “the door is closed,” said Lee`).
fn reported_clause(
    body: &str,
    sentences: &[Range<usize>],
    cue: &Range<usize>,
    content: &[Range<usize>],
) -> Option<Range<usize>> {
    let (first, last) = (content.first()?, content.last()?);
    let sentence = sentences.iter().find(|s| s.start <= first.start && first.start < s.end)?;
    let cue_first = cue.end <= first.start;
    let from = if cue_first { cue.end.max(sentence.start) } else { sentence.start };
    let piece = &body[from..sentence.end];
    let mut start = from + (piece.len() - piece.trim_start().len());
    let end = if cue_first {
        start = past_adjunct(body, cue, start..first.start);
        // A full stop inside the closing quotation mark belongs to the
        // quoted words (`“is not having a good night.”`); one outside does not.
        let trimmed = piece.trim_end();
        let inside = trimmed.strip_suffix(['”', '"']).is_some_and(|t| t.ends_with(['.', '!', '?']));
        let kept = if inside {
            trimmed
        } else {
            trimmed.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?'))
        };
        let end = from + kept.len();
        // `said they want “justice,” but pledged to remain civil`: the
        // second statement is not the fragment's clause.
        let w = Words::new(body, start..end);
        match reported::second_statement(&w, 0, w.len()) {
            Some((stop, _)) if stop > 0 && w.spans[stop - 1].end >= last.end => w.spans[stop - 1].end,
            _ => end,
        }
    } else {
        // Through the fragment's closing quotation mark, so the clause reads
        // as the text does.
        let closing = body[last.end..].chars().take_while(|c| matches!(c, '”' | '"' | '’' | '\'')).map(char::len_utf8);
        last.end + closing.sum::<usize>()
    };
    Some(start..end.max(last.end))
}

/// Where reported content starts after its cue: at a complementizer that
/// follows an adjunct or an addressee (`said during a rally that ...`,
/// `tells his supporters to ...`), else right after the cue.
fn past_adjunct(body: &str, cue: &Range<usize>, between: Range<usize>) -> usize {
    let w = Words::new(body, between.clone());
    if w.len() < 2 {
        return between.start;
    }
    let tell = body[cue.clone()].split_whitespace().last().is_some_and(|v| lexicon::cue(v) == Some(lexicon::Cue::Tell));
    let adjunct = lexicon::is_in(lexicon::ADJUNCT_PREPOSITIONS, w.get(0));
    if !(tell || adjunct) {
        return between.start;
    }
    let opener = |k: usize| w.is(k, "that") || (tell && w.is(k, "to"));
    (1..w.len()).find(|&k| opener(k) && w.spans[k].start > between.start).map_or(between.start, |k| w.spans[k].start)
}

/// Turns candidates into quotes: speakers resolved in text order, bare
/// quotations attached to an adjacent previous quote or dropped.
fn resolve(body: &str, index: &CharIndex, mut speakers: Speakers, candidates: Vec<Candidate>) -> Vec<Quote> {
    let paragraphs = paragraph_starts(body);
    let paragraph_of = |b: usize| paragraphs.partition_point(|&s| s <= b);
    let mut quotes: Vec<(Quote, Option<usize>)> = Vec::new();
    // The last statement of speech: where it ends, its speaker, its index in `quotes`.
    let mut previous: Option<(usize, Option<usize>, usize)> = None;
    for c in &candidates {
        let mention = |r: &Range<usize>| Mention::from_bytes(body, index, r.clone());
        let (entity, speaker) = if c.bare {
            let Some((end, entity, before)) = previous else { continue };
            if paragraph_of(c.start()) > paragraph_of(end) + 1 {
                continue;
            }
            if let Some(e) = entity {
                speakers.repeat(e, c.start());
            }
            let continued = quotes[before].0.speaker.clone().map(|s| Speaker {
                mention: None,
                mention_kind: MentionKind::Continuation,
                ..s
            });
            (entity, continued)
        } else if let Some(phrase) = &c.speaker {
            // Only speakers of speech enter the article's cast: a pronoun
            // should not resolve to the source of a belief (`advocates want`).
            let entity = if c.speech { speakers.resolve(body, phrase) } else { None };
            let written = body[phrase.name.clone()].trim().to_string();
            (
                entity,
                Some(Speaker {
                    name: written,
                    mention: Some(mention(&phrase.mention)),
                    mention_kind: phrase.kind,
                    // The apposition at this mention (`Rendell, a Clinton
                    // surrogate, said`) is what the article calls the speaker
                    // here; the speaker's own descriptor stands in otherwise.
                    descriptor: phrase.descriptor.as_ref().filter(|d| d.start >= phrase.mention.end).map(mention),
                    actor: None,
                    joint: phrase
                        .joint
                        .iter()
                        .map(|j| JointSpeaker {
                            // As for the speaker, only speech enters the cast.
                            name: if c.speech {
                                speakers.joint_name(body, j)
                            } else {
                                body[j.name.clone()].trim().to_string()
                            },
                            mention: mention(&j.mention),
                            actor: None,
                        })
                        .collect(),
                }),
            )
        } else {
            (None, None)
        };
        let frame_context = c.frame.iter().fold(context::Context::default(), |acc, r| {
            let w = Words::new(body, r.clone());
            let found = context::find(&w, 0, w.len());
            context::Context {
                outlet: acc.outlet.or(found.outlet),
                channel: acc.channel.or(found.channel),
                when: acc.when.or(found.when),
            }
        });
        let spans: Vec<Span> = c.content.iter().map(|r| index.span(r.clone())).collect();
        let quote = Quote {
            kind: c.kind,
            text: pieces_text(body, &c.content),
            start: spans[0].start,
            end: spans[spans.len() - 1].end,
            spans,
            cue: c.cue.as_ref().map(mention),
            speaker,
            outlet: frame_context.outlet.as_ref().map(mention),
            channel: frame_context.channel.as_ref().map(mention),
            when: frame_context.when.as_ref().map(mention),
            when_value: None,
            clause: (!c.clause.is_empty()).then(|| Mention {
                text: pieces_text(body, &c.clause),
                ..mention(&(c.clause[0].start..c.clause[c.clause.len() - 1].end))
            }),
            clause_spans: c.clause.iter().map(|r| index.span(r.clone())).collect(),
            speech: c.speech,
        };
        // A continuation goes on with the statement before it: same outlet,
        // channel and time.
        let quote = match (c.bare, previous) {
            (true, Some((_, _, before))) => Quote {
                outlet: quotes[before].0.outlet.clone(),
                channel: quotes[before].0.channel.clone(),
                when: quotes[before].0.when.clone(),
                ..quote
            },
            _ => quote,
        };
        if c.speech {
            previous = Some((c.end(), entity, quotes.len()));
        }
        quotes.push((quote, entity));
    }
    quotes
        .into_iter()
        .map(|(mut q, entity)| {
            if let (Some(e), Some(s)) = (entity, q.speaker.as_mut()) {
                s.name = speakers.entities[e].name.clone();
                if s.descriptor.is_none() {
                    s.descriptor = speakers.entities[e].descriptor.clone().map(|d| Mention::from_bytes(body, index, d));
                }
            }
            q
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A statement of `body` with the given `cue` and `content` (their first
    /// occurrences) and, if any, a pronoun `speaker`.
    fn statement(body: &str, kind: QuoteKind, (cue, content): (&str, &str), speaker: Option<&str>) -> Candidate {
        let at = |s: &str| body.find(s).map(|i| i..i + s.len()).unwrap();
        Candidate {
            kind,
            content: vec![at(content)],
            cue: Some(at(cue)),
            speaker: speaker.map(|s| speaker::SpeakerPhrase {
                mention: at(s),
                kind: MentionKind::Pronoun,
                name: at(s),
                descriptor: None,
                plural: false,
                joint: Vec::new(),
            }),
            frame: Vec::new(),
            bare: false,
            clause: Vec::new(),
            speech: true,
        }
    }

    #[test]
    fn a_learned_speaker_that_takes_in_the_rules_one_replaces_it() {
        let body = "Developers and supporters in Congress say the program works.";
        let said = ("say", "the program works");
        let mut rules = vec![statement(body, QuoteKind::Indirect, said, Some("Congress"))];
        let learned = [statement(body, QuoteKind::Indirect, said, Some("Developers and supporters in Congress"))];
        widen_speakers(&mut rules, &learned);
        assert_eq!(&body[rules[0].speaker.as_ref().unwrap().mention.clone()], "Developers and supporters in Congress");
        // A narrower or another speaker is not taken.
        let mut rules = vec![statement(body, QuoteKind::Indirect, said, Some("Developers and supporters in Congress"))];
        widen_speakers(&mut rules, &[statement(body, QuoteKind::Indirect, said, Some("Congress"))]);
        assert_eq!(&body[rules[0].speaker.as_ref().unwrap().mention.clone()], "Developers and supporters in Congress");
    }

    #[test]
    fn the_accurate_tier_replaces_the_rules_reported_speech_but_not_their_quotes() {
        let body = "“We lost,” he said. She said on Monday that the team would regroup.";
        let rules = vec![
            statement(body, QuoteKind::Direct, ("said", "We lost,"), Some("he")),
            statement(body, QuoteKind::Indirect, ("said on", "Monday that the team would regroup"), Some("She")),
        ];
        let learned_statement =
            |(cue, content)| Candidate { speech: false, ..statement(body, QuoteKind::Indirect, (cue, content), None) };
        let learned = vec![
            learned_statement(("he said", "lost")),
            learned_statement(("said on Monday", "the team would regroup")),
        ];
        let text = |c: &Candidate| &body[c.content[0].clone()];

        let fast = merge(rules.clone(), learned.clone(), false);
        assert_eq!(fast, rules, "the rules win wherever both fire");

        let accurate = merge(rules.clone(), learned.clone(), true);
        assert_eq!(accurate.len(), 2);
        assert_eq!(accurate[0], rules[0], "a quotation stays the rules'");
        assert_eq!(text(&accurate[1]), "the team would regroup");
        assert!(accurate[1].speech, "the rules' cue made it speech");
    }

    #[test]
    fn a_participle_without_a_speaker_takes_the_one_before_it_in_its_sentence() {
        let body = "“We lost,” he said, adding that the team would regroup. Union leaders left, citing the cold.";
        let candidate = |cue: &str, content: &str, speaker: Option<&str>| {
            statement(body, QuoteKind::Indirect, (cue, content), speaker)
        };
        let mut candidates = vec![
            candidate("said", "We lost,", Some("he")),
            candidate("adding", "that the team would regroup", None),
            candidate("citing", "the cold", None),
        ];
        let sentences = newsgraph_text::sentence_bytes(body);
        share_participle_speakers(body, &sentences, &mut candidates);
        assert_eq!(candidates[1].speaker.as_ref().map(|s| &body[s.mention.clone()]), Some("he"));
        // The next sentence's participle has no statement before it there:
        // the sentence's subject is its speaker.
        assert_eq!(candidates[2].speaker.as_ref().map(|s| &body[s.mention.clone()]), Some("Union leaders"));
    }
}
