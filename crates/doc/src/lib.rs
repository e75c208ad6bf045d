//! The data model every newsgraph stage shares.
//!
//! A [`Document`] holds the clean article text ([`Article::body`]) and every
//! annotation made on it. Annotations are spans with *character* offsets
//! (Unicode scalar values, half-open `[start, end)`) into `article.body`, so any
//! quote, cue or speaker can be traced back to the text and highlighted. Stages
//! work on byte offsets internally and convert with [`CharIndex`] at the edge.
//!
//! Stages only add to a document; none reaches into another stage's internals.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

mod quick;
pub use quick::{QuickHasher, QuickMap, QuickSet};

/// A half-open character range `[start, end)` into a document's body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Number of characters the two spans share.
    pub fn overlap(&self, other: &Span) -> usize {
        self.end.min(other.end).saturating_sub(self.start.max(other.start))
    }
}

/// Maps byte offsets of one text to character offsets and back.
///
/// Rust slices strings by byte; the outside world (JSON consumers, PolNeAR,
/// browsers highlighting text) counts characters. Building the index is one
/// pass over the text; each lookup is a binary search.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every character, plus the text length as a sentinel.
    byte_of_char: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        // Sized for ASCII at once; grown from the iterator's lower bound of a
        // character every four bytes it was reallocated several times.
        let mut byte_of_char = Vec::with_capacity(text.len() + 1);
        byte_of_char.extend(text.char_indices().map(|(b, _)| b));
        byte_of_char.push(text.len());
        CharIndex { byte_of_char }
    }

    /// Character offset of a byte offset. A byte offset inside a multi-byte
    /// character maps to that character.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        // Character `c` starts at byte `c` at the earliest and at most
        // `extra` bytes later, `extra` being the bytes after the first of
        // multi-byte characters: only characters `byte - extra..=byte` can
        // start at `byte`, those before start before it and those after
        // after it. The search is over that window, one character for ASCII.
        let chars = self.byte_of_char.len() - 1;
        let extra = self.byte_of_char[chars] - chars;
        let end = byte.saturating_add(1).min(chars + 1);
        let start = byte.saturating_sub(extra).min(end);
        match self.byte_of_char[start..end].binary_search(&byte) {
            Ok(i) => start + i,
            Err(i) => (start + i).saturating_sub(1),
        }
    }

    /// Byte offset of a character offset (clamped to the text's end).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        self.byte_of_char[ch.min(self.byte_of_char.len() - 1)]
    }

    /// The character span of a byte range.
    pub fn span(&self, bytes: std::ops::Range<usize>) -> Span {
        Span::new(self.char_of_byte(bytes.start), self.char_of_byte(bytes.end))
    }

    /// The byte range of a character span.
    pub fn bytes(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of_char(span.start)..self.byte_of_char(span.end)
    }

    /// Number of characters in the text.
    pub fn len_chars(&self) -> usize {
        self.byte_of_char.len() - 1
    }
}

/// A piece of the body text: its characters and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    /// The mention of `bytes` in `text`, with character offsets from `index`.
    pub fn from_bytes(text: &str, index: &CharIndex, bytes: std::ops::Range<usize>) -> Mention {
        let span = index.span(bytes.clone());
        Mention { text: text[bytes].to_string(), start: span.start, end: span.end }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// How the page was read, before extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Text,
}

/// The article a page holds, with boilerplate removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub title: Option<String>,
    /// Authors as the page names them, one entry per person or organisation.
    pub byline: Vec<String>,
    /// Publication date as ISO 8601: `YYYY-MM-DD`, or with time and offset
    /// when the page gives them. The page's own local date, never shifted to UTC.
    pub published: Option<String>,
    /// Where the publication date came from (`json-ld`, `meta`, `time`, `url`, `text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_source: Option<String>,
    /// When the page states no date: the date the time stage infers from
    /// the text's own anchors, with how sure it is. `published` stays empty,
    /// so a stated date and a guessed one are never confused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_inferred: Option<InferredDate>,
    /// BCP 47 primary language tag such as `en` or `de`.
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The main text: paragraphs separated by a blank line (`\n\n`).
    pub body: String,
    /// Each paragraph's span in `body`.
    pub paragraphs: Vec<Span>,
}

impl Article {
    /// Builds the body from paragraphs, joining them with a blank line and
    /// recording each one's span.
    pub fn set_paragraphs<S: AsRef<str>>(&mut self, paragraphs: impl IntoIterator<Item = S>) {
        let mut body = String::new();
        let mut spans = Vec::new();
        let mut chars = 0;
        for p in paragraphs {
            let p = p.as_ref().trim();
            if p.is_empty() {
                continue;
            }
            if !body.is_empty() {
                body.push_str("\n\n");
                chars += 2;
            }
            let n = p.chars().count();
            body.push_str(p);
            spans.push(Span::new(chars, chars + n));
            chars += n;
        }
        self.body = body;
        self.paragraphs = spans;
    }
}

/// How much an inferred date can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Weekday mentions agree with dates the text gives, but more than one
    /// publication day fits them equally; the earliest is taken.
    Medium,
    /// Exactly one publication day fits best.
    High,
}

impl Confidence {
    /// The name serde writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A publication date inferred from the text (`last Friday` said of a
/// date the text also gives as `10 days after the election`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub confidence: Confidence,
    /// Which mentions fixed it, for people to check.
    pub reason: String,
}

/// A token of the body: a word, number or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
}

/// Direct: the content is in quotation marks. Mixed: a quoted fragment inside
/// reported speech. Indirect: reported speech with no quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Mixed,
    Indirect,
}

/// How a speaker is mentioned where the quote is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A full or partial proper name (`Evans Revere`, `Revere`).
    Name,
    /// A pronoun (`he`, `they`).
    Pronoun,
    /// A common-noun phrase (`the spokesperson`, `U.S. analysts`).
    Nominal,
    /// No mention of its own: a continuation of the previous quote.
    Continuation,
}

/// Who a quote belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The canonical speaker the mention resolves to within the article,
    /// e.g. `Evans Revere` for `Revere` or `he`.
    pub name: String,
    /// Where the speaker is mentioned for this quote, if anywhere.
    pub mention: Option<Mention>,
    pub mention_kind: MentionKind,
    /// What the article says the speaker is (`former U.S. special envoy ...`),
    /// where it says it: the apposition of this quote's mention if it has
    /// one, else an apposition or the title before the name elsewhere in the
    /// article.
    pub descriptor: Option<Mention>,
    /// Index into [`Document::actors`] of the speaker, once actors are resolved:
    /// for people named by their affiliation (`officials at the ministry`),
    /// the organisation they speak for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// The others who made a joint statement (`Mr. Grassley and Mr. Leahy
    /// said`), in the order written; `mention` then covers them all, and
    /// this speaker is the one named last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint: Vec<JointSpeaker>,
}

impl Speaker {
    /// Everyone who made the statement, as written: `Grassley and Leahy`.
    pub fn names(&self) -> String {
        join_names(self.joint.iter().map(|j| j.name.as_str()).chain([self.name.as_str()]))
    }
}

/// Names as a list reads: `A`, `A and B`, `A, B and C`.
pub fn join_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// One of the others who made a joint statement (see [`Speaker::joint`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointSpeaker {
    /// The canonical speaker, as [`Speaker::name`].
    pub name: String,
    /// Where this one is named, inside the speaker's mention.
    pub mention: Mention,
    /// Index into [`Document::actors`], once actors are resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
}

/// One attributed statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The content, its pieces joined by ` … ` when discontiguous.
    pub text: String,
    /// Character offsets of the content's outer extent in `article.body`.
    pub start: usize,
    pub end: usize,
    /// The content's pieces; more than one when the content is interrupted
    /// (`"A," he said, "B"` annotated as one statement).
    pub spans: Vec<Span>,
    /// The verb or phrase that marks the attribution (`said`, `according to`).
    pub cue: Option<Mention>,
    pub speaker: Option<Speaker>,
    /// The medium the statement was made to (`VOA Korean`).
    pub outlet: Option<Mention>,
    /// How it was made (`email`, `phone`, `statement`).
    pub channel: Option<Mention>,
    /// The time expression of the statement (`Tuesday`).
    pub when: Option<Mention>,
    /// `when` resolved to a TimeML value (`2024-11-19`) by the time stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_value: Option<String>,
    /// For a mixed quote, the whole reported clause around the quoted
    /// fragment (`to bolster his country’s nuclear capabilities “without
    /// limit,” while ...`): what corpora such as PolNeAR mark as content.
    /// Like the quote itself, its text joins its pieces with ` … ` and its
    /// offsets are their outer extent when a frame interrupts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Mention>,
    /// The reported clause's pieces (`[Acts of protest], he said, [are
    /// “acts of patriotism”]`); empty when there is no clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clause_spans: Vec<Span>,
    /// Reported speech or writing: the content is quoted, or the cue is a
    /// verb of saying (`said`, `told`, `according to`). False for the
    /// attributed beliefs, positions and judgements that corpora such as
    /// PolNeAR also annotate (`wants to preserve`, `has been critical of`).
    pub speech: bool,
}

/// Entity types, as CoNLL-2003 draws them (`LOC` covers countries and cities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    Per,
    Org,
    Loc,
    Misc,
}

/// A named-entity mention. Filled by the entity stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub label: EntityLabel,
    #[serde(flatten)]
    pub mention: Mention,
    /// Index into [`Document::actors`] of the actor this mention names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
}

/// What kind of thing an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organisation,
    /// A state, named by its name, its people's adjective or its capital.
    Country,
    /// A city or region that is not a state.
    Place,
}

impl ActorKind {
    /// The kind's name, as it is serialised.
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
        }
    }
}

/// The sector of an organisation (or a person's office), as event coders use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    Government,
    Military,
    Media,
    /// An intergovernmental organisation (the United Nations, NATO).
    Igo,
    Party,
    Company,
    /// An armed group that is not a state's (rebels, militants).
    Rebel,
    Other,
}

/// Someone or something the article is about: every mention of the same
/// person, organisation or country merged into one. Filled by the actor stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The fullest name the article gives (`Kim Jong Un`, `North Korea`).
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166 alpha-3 code of the country the actor is, or belongs to;
    /// `IGO` for an intergovernmental organisation.
    pub country: Option<String>,
    pub sector: Option<Sector>,
    /// Titles and descriptions the text gives (`North Korean leader`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptors: Vec<String>,
    /// Every other way the article names the actor (`Kim`, `DPRK`, `Pyongyang`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub mentions: Vec<Span>,
}

/// TimeML's types of time expression.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeKind {
    /// A calendar date or period: `Friday`, `2024-11`, `last year`, `PRESENT_REF`.
    #[default]
    Date,
    /// A time of day: `10:35 a.m.`, `Friday morning`.
    Time,
    /// A length of time: `three days`, `P3D`.
    Duration,
    /// A recurrence: `daily`, `every Monday`.
    Set,
}

impl TimeKind {
    /// TimeML's name, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeKind::Date => "DATE",
            TimeKind::Time => "TIME",
            TimeKind::Duration => "DURATION",
            TimeKind::Set => "SET",
        }
    }
}

/// A time expression and its TimeML value (`2024-11-15`, `2024-11`, `P3D`,
/// `PRESENT_REF`), resolved against the publication date. Filled by the time stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpression {
    #[serde(flatten)]
    pub mention: Mention,
    #[serde(default)]
    pub kind: TimeKind,
    /// `None` when the expression needs an anchor and the date is unknown.
    pub value: Option<String>,
}

/// One side of an event: the words naming it and the actor they stand for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    #[serde(flatten)]
    pub mention: Mention,
    /// Index into [`Document::actors`].
    pub actor: Option<usize>,
    /// The actor's code as event data sets write it: an ISO 3166 alpha-3
    /// country code, or `IGO`, `IMG` (an armed group across borders).
    pub code: Option<String>,
    /// True when the text names no target and the event is coded, as event
    /// data codes domestic events, against the source's own country (a
    /// protest, a curfew, a concession); `mention` is then the source's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implied: bool,
}

/// Something an actor did to another, coded in PLOVER. Filled by the event stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER event type, e.g. `THREATEN`.
    pub code: String,
    /// The CAMEO root code (two digits, `13` for threaten) the PLOVER
    /// manual maps this kind of event to.
    pub cameo: String,
    pub trigger: Mention,
    pub source: Option<Participant>,
    pub target: Option<Participant>,
    /// The TimeML date the event happened, when the text gives it.
    pub when: Option<String>,
    /// Where it happened, when the sentence names a place.
    pub place: Option<Mention>,
    pub sentence: Span,
}

/// A page analysed by the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Where the page was read from: a path, `-` for stdin, or a URL.
    pub source: String,
    pub format: Format,
    pub article: Article,
    /// Sentence spans in `article.body`.
    pub sentences: Vec<Span>,
    /// Tokens are derivable from the body and bulky, so they are not serialised.
    #[serde(skip)]
    pub tokens: Vec<Token>,
    pub quotes: Vec<Quote>,
    // The stages that fill these come later; until then the JSON omits them
    // rather than claiming an article has no entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<TimeExpression>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// The body's character index, shared by the stages; see [`Document::char_index`].
    #[serde(skip)]
    body_index: BodyIndex,
}

/// A [`CharIndex`] of `article.body`, built on first use. It is derived from
/// the body, so it takes no part in equality, and clones share it.
#[derive(Debug, Clone, Default)]
struct BodyIndex(OnceLock<Arc<CharIndex>>);

impl PartialEq for BodyIndex {
    fn eq(&self, _: &BodyIndex) -> bool {
        true
    }
}

impl Eq for BodyIndex {}

impl Document {
    pub fn new(source: impl Into<String>, format: Format, article: Article) -> Document {
        Document {
            source: source.into(),
            format,
            article,
            sentences: Vec::new(),
            tokens: Vec::new(),
            quotes: Vec::new(),
            entities: Vec::new(),
            actors: Vec::new(),
            times: Vec::new(),
            events: Vec::new(),
            body_index: BodyIndex::default(),
        }
    }

    /// The character index of `article.body`, built once (by the text stage
    /// in the pipeline, else on first use) and shared by every stage: the
    /// body does not change after extraction, and the stages that convert
    /// offsets would otherwise each rebuild it.
    pub fn char_index(&self) -> Arc<CharIndex> {
        let index = self.body_index.0.get_or_init(|| Arc::new(CharIndex::new(&self.article.body)));
        debug_assert_eq!(index.byte_of_char(index.len_chars()), self.article.body.len(), "body changed after indexing");
        Arc::clone(index)
    }

    /// The body text under a span.
    pub fn text_of(&self, span: Span) -> String {
        self.article.body.chars().skip(span.start).take(span.len()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_multibyte_text() {
        let text = "Kim’s “offer” — ok";
        let index = CharIndex::new(text);
        let b = text.find("offer").unwrap();
        let span = index.span(b..b + 5);
        assert_eq!(span, Span::new(7, 12));
        assert_eq!(index.bytes(span), b..b + 5);
        assert_eq!(index.len_chars(), text.chars().count());
    }

    #[test]
    fn every_byte_maps_to_the_character_holding_it() {
        for text in ["", "plain ascii", "Kim’s “offer” — ok", "ä", "日本語 text 😀!"] {
            let index = CharIndex::new(text);
            for byte in 0..text.len() + 3 {
                let holding = text.char_indices().take_while(|&(b, _)| b <= byte).count().saturating_sub(1);
                let expected = if byte >= text.len() { text.chars().count() } else { holding };
                assert_eq!(index.char_of_byte(byte), expected, "{text:?} byte {byte}");
            }
        }
    }

    #[test]
    fn paragraphs_get_char_spans_in_body() {
        let mut a = Article::default();
        a.set_paragraphs(["  Erste Zeile — ä ", "", "Second"]);
        assert_eq!(a.body, "Erste Zeile — ä\n\nSecond");
        let doc = Document::new("x", Format::Text, a);
        assert_eq!(doc.text_of(doc.article.paragraphs[1]), "Second");
        assert_eq!(doc.text_of(doc.article.paragraphs[0]), "Erste Zeile — ä");
    }

    #[test]
    fn time_kinds_and_confidences_serialise_as_their_names() {
        for kind in [TimeKind::Date, TimeKind::Time, TimeKind::Duration, TimeKind::Set] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
        for c in [Confidence::Medium, Confidence::High] {
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
        }
    }

    #[test]
    fn actor_kind_names_are_their_serialised_names() {
        for kind in [ActorKind::Person, ActorKind::Organisation, ActorKind::Country, ActorKind::Place] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
        }
    }

    #[test]
    fn document_serialises_kinds_in_lowercase() {
        let q = Quote {
            kind: QuoteKind::Mixed,
            text: "without limit".into(),
            start: 1,
            end: 14,
            spans: vec![Span::new(1, 14)],
            cue: None,
            speaker: None,
            outlet: None,
            channel: None,
            when: None,
            when_value: None,
            clause: None,
            clause_spans: Vec::new(),
            speech: true,
        };
        let json = serde_json::to_string(&q).unwrap();
        assert!(json.contains("\"kind\":\"mixed\""), "{json}");
    }
}
