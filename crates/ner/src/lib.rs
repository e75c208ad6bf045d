//! Named entities: people, organisations, places and other names (`PER`,
//! `ORG`, `LOC`, `MISC`, as CoNLL-2003 draws them), each a span of the body.
//!
//! An averaged structured perceptron ([`newsgraph_learn`]) labels every
//! token of a sentence in BIO over the four types, from local features
//! ([`features`]) and names of countries, cities and leaders
//! ([`gazetteer`]). The model shipped with the binary is trained on the
//! CoNLL-2003 training split by `newsgraph train ner`.

mod features;
pub mod gazetteer;
pub mod organisations;

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use newsgraph_doc::{Document, Entity, EntityLabel, Mention};
use newsgraph_learn::{Example, Model};

pub use gazetteer::Gazetteer;
pub use newsgraph_learn::{ModelError, TrainConfig};

/// The labels, in the model's order: `O`, then `B-` and `I-` of each type.
const LABELS: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

const TYPES: [EntityLabel; 4] = [EntityLabel::Per, EntityLabel::Org, EntityLabel::Loc, EntityLabel::Misc];

/// Hash width of the feature space.
const BITS: u32 = 18;

/// The weights shipped with the binary; `newsgraph train ner` reproduces them.
const FAST_MODEL: &[u8] = include_bytes!("../models/ner-fast.bin");

/// `I-X` only continues `B-X` or `I-X`.
fn allowed(previous: Option<usize>, label: usize) -> bool {
    label == 0 || label % 2 == 1 || previous.is_some_and(|p| p != 0 && p.div_ceil(2) == label.div_ceil(2))
}

fn type_of(label: usize) -> Option<EntityLabel> {
    (label > 0).then(|| TYPES[(label - 1) / 2])
}

/// The label index of a BIO tag (`B-PER`), or `None` for an unknown tag.
fn label_index(tag: &str) -> Option<usize> {
    LABELS.iter().position(|&l| l == tag)
}

/// An entity found over a token sequence: its tokens and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenEntity {
    pub tokens: Range<usize>,
    pub label: EntityLabel,
}

/// The spans a BIO label sequence encodes.
fn spans_of(labels: &[usize]) -> Vec<TokenEntity> {
    let mut out: Vec<TokenEntity> = Vec::new();
    for (t, &l) in labels.iter().enumerate() {
        match type_of(l) {
            Some(label) if l % 2 == 0 && out.last().is_some_and(|e| e.tokens.end == t && e.label == label) => {
                out.last_mut().expect("checked").tokens.end = t + 1;
            }
            Some(label) => out.push(TokenEntity { tokens: t..t + 1, label }),
            None => {}
        }
    }
    out
}

/// A sentence with gold BIO tags, as CoNLL-2003 gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

impl LabelledSentence {
    /// The gold entities.
    pub fn entities(&self) -> Vec<TokenEntity> {
        spans_of(&self.tags.iter().map(|t| label_index(t).unwrap_or(0)).collect::<Vec<_>>())
    }
}

/// A line of a text file (a CoNLL file, the gazetteer's list) that could
/// not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LineError {}

/// Reads CoNLL-2003 columns (`word [pos chunk] tag`, the tag last; a blank
/// line between sentences; `-DOCSTART-` lines skipped). IOB1 tags (`I-X`
/// opening an entity) become IOB2, as the tagger labels.
pub fn read_conll(text: &str) -> Result<Vec<LabelledSentence>, LineError> {
    let mut sentences = Vec::new();
    let mut current = LabelledSentence { words: Vec::new(), tags: Vec::new() };
    let mut flush = |current: &mut LabelledSentence| {
        if !current.words.is_empty() {
            sentences.push(std::mem::replace(current, LabelledSentence { words: Vec::new(), tags: Vec::new() }));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            flush(&mut current);
            continue;
        }
        if fields[0] == "-DOCSTART-" {
            continue;
        }
        let error = |message: String| LineError { line: i + 1, message };
        if fields.len() < 2 {
            return Err(error(format!("expected a word and a tag, found {line:?}")));
        }
        // Taggers differ in the columns between; the word is first and the
        // entity tag is the last one that reads as a tag.
        let tag = fields[1..]
            .iter()
            .rev()
            .find(|f| label_index(f).is_some() || f.starts_with("I-") || f.starts_with("B-"))
            .ok_or_else(|| error(format!("no entity tag in {line:?}")))?;
        if label_index(tag).is_none() {
            return Err(error(format!("unknown entity tag {tag:?}; expected O or B-/I- of PER, ORG, LOC, MISC")));
        }
        let tag = match (tag.strip_prefix("I-"), current.tags.last()) {
            (Some(kind), previous) if previous.is_none_or(|p| p == "O" || &p[2..] != kind) => format!("B-{kind}"),
            _ => tag.to_string(),
        };
        current.words.push(fields[0].to_string());
        current.tags.push(tag);
    }
    flush(&mut current);
    Ok(sentences)
}

/// Finds named entities with a trained model and the shipped gazetteer.
pub struct EntityTagger {
    model: Model,
    gazetteer: Gazetteer,
    organisations: organisations::OrganisationIndex,
}

impl Default for EntityTagger {
    fn default() -> Self {
        EntityTagger::new()
    }
}

impl EntityTagger {
    /// The tagger with the model shipped in the binary.
    pub fn new() -> EntityTagger {
        EntityTagger::from_bytes(FAST_MODEL).expect("the shipped entity model is valid")
    }

    /// A tagger with another model (from `newsgraph train ner`).
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityTagger, ModelError> {
        let model = Model::from_bytes(bytes)?;
        if model.labels() != LABELS {
            return Err(ModelError(format!("not an entity model: its labels are {:?}", model.labels())));
        }
        Ok(EntityTagger {
            model,
            gazetteer: Gazetteer::shipped(),
            organisations: organisations::OrganisationIndex::new(),
        })
    }

    /// The entities of one sentence's words.
    pub fn tag(&self, words: &[&str]) -> Vec<TokenEntity> {
        let features = features::sentence_features(words, &self.gazetteer, self.model.bits());
        spans_of(&self.model.decode(features.as_slice()))
    }

    /// Fills `doc.entities` from its sentences and tokens (run `text::segment` first).
    pub fn recognize(&self, doc: &mut Document) {
        let body = &doc.article.body;
        let index = doc.char_index();
        let bytes: Vec<Range<usize>> = doc.tokens.iter().map(|t| index.bytes(t.span)).collect();
        let words: Vec<&str> = bytes.iter().map(|b| &body[b.clone()]).collect();
        // Entities by token range over the whole body.
        let mut found: Vec<(Range<usize>, EntityLabel)> = Vec::new();
        let mut start = 0;
        while start < doc.tokens.len() {
            let sentence = doc.tokens[start].sentence;
            let end = start + doc.tokens[start..].iter().take_while(|t| t.sentence == sentence).count();
            for e in self.tag(&words[start..end]) {
                let tokens = start + e.tokens.start..start + e.tokens.end;
                let titled = tokens.start > start && is_person_title(words[tokens.start - 1]);
                found.push((tokens, if titled { EntityLabel::Per } else { e.label }));
            }
            start = end;
        }
        let mentions: Vec<(&[&str], EntityLabel)> = found.iter().map(|(t, l)| (&words[t.clone()], *l)).collect();
        let labels = consistent_labels(&mentions);
        let mut entities: Vec<(Range<usize>, EntityLabel)> =
            found.into_iter().zip(labels).map(|((tokens, _), label)| (tokens, label)).collect();
        propagate_person_names(&words, &mut entities);
        self.mark_listed_organisations(doc, &words, &mut entities);
        doc.entities = entities
            .into_iter()
            .map(|(tokens, label)| Entity {
                label,
                mention: Mention::from_bytes(body, &index, bytes[tokens.start].start..bytes[tokens.end - 1].end),
                actor: None,
            })
            .collect();
    }
}

impl EntityTagger {
    /// A listed organisation's name is one ORG entity, whatever the tagger
    /// made of its words (`Korean` + `Central News Agency`), unless an
    /// entity runs past it (`U.S. State Department` keeps its `U.S.`); an
    /// entity that starts with the name is an organisation too.
    fn mark_listed_organisations(
        &self,
        doc: &Document,
        words: &[&str],
        entities: &mut Vec<(Range<usize>, EntityLabel)>,
    ) {
        let mut start = 0;
        while start < words.len() {
            let sentence = doc.tokens[start].sentence;
            let end = start + doc.tokens[start..].iter().take_while(|t| t.sentence == sentence).count();
            for (tokens, _) in self.organisations.find_all(&words[start..end]) {
                let name = start + tokens.start..start + tokens.end;
                let crosses = entities.iter().any(|(e, _)| {
                    e.start < name.end && name.start < e.end && (e.start < name.start || e.end > name.end)
                });
                if !crosses {
                    entities.retain(|(e, _)| !(name.start <= e.start && e.end <= name.end));
                    entities.push((name, EntityLabel::Org));
                } else if let Some((_, label)) =
                    entities.iter_mut().find(|(e, _)| e.start == name.start && e.end > name.end)
                {
                    // An entity that begins with an organisation's name is
                    // one of its parts or services (`VOA Korean`, `BBC Persian`).
                    *label = EntityLabel::Org;
                }
            }
            start = end;
        }
        entities.sort_by_key(|(tokens, _)| tokens.start);
    }
}

/// The words of the article's full person names (`Donald`, `Trump`), which
/// stand for the person wherever they appear alone.
fn person_name_words<'a>(entities: impl Iterator<Item = (&'a [&'a str], EntityLabel)>) -> HashSet<&'a str> {
    entities
        .filter(|(words, label)| *label == EntityLabel::Per && words.len() > 1)
        .flat_map(|(words, _)| words.iter().copied())
        .filter(|w| is_name_word(w))
        .collect()
}

/// A capitalised word of three letters or more: what [`person_name_words`]
/// keeps, so that other words, most of them, need no hashing to be told apart.
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() >= 3
}

/// Tags as a person every capitalised word, left untagged, that is a word of
/// a full person name the article gives (`then-President Trump` after
/// `Donald Trump`): the tagger reads sentence by sentence and misses some.
fn propagate_person_names(words: &[&str], entities: &mut Vec<(Range<usize>, EntityLabel)>) {
    let names = person_name_words(entities.iter().map(|(t, l)| (&words[t.clone()], *l)));
    let mut tagged = vec![false; words.len()];
    for (tokens, _) in entities.iter() {
        tagged[tokens.clone()].iter_mut().for_each(|t| *t = true);
    }
    for (t, w) in words.iter().enumerate() {
        if !tagged[t] && is_name_word(w) && names.contains(w) {
            entities.push((t..t + 1, EntityLabel::Per));
        }
    }
    entities.sort_by_key(|(tokens, _)| tokens.start);
}

/// Words that, written right before a name, make it a person's
/// (`President-elect Trump`, `Sen. Warren`); hyphenated titles count by
/// their first part.
fn is_person_title(word: &str) -> bool {
    const TITLES: &[&str] = &[
        "president",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "lt.",
        "col.",
        "sgt.",
        "adm.",
        "prof.",
        "senator",
        "congressman",
        "congresswoman",
        "governor",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "leader",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "judge",
        "justice",
        "mayor",
        "coach",
        "actor",
        "actress",
        "singer",
        "rapper",
        "businessman",
        "businesswoman",
        "pastor",
        "rabbi",
        "imam",
        "cardinal",
        "bishop",
    ];
    let lower = word.to_lowercase();
    let head = lower.split('-').next().unwrap_or_default();
    TITLES.contains(&head)
}

/// One type for each name throughout an article.
///
/// A sentence alone can mislead the tagger (`President-elect Trump’s
/// administration` reads like an organisation), but an article names the
/// same person many times: each name takes the type most of its mentions
/// got, and every word of a person's full name counts as a mention of a
/// person (`Kim` after `Kim Jong Un`). Ties keep the mention's own type. A
/// name right after a person's title was made a person before the vote,
/// and a lone word of a full person name, or the name itself, is that
/// person whatever the votes.
fn consistent_labels(entities: &[(&[&str], EntityLabel)]) -> Vec<EntityLabel> {
    let names = person_name_words(entities.iter().copied());
    let key = |words: &[&str]| words.join(" ");
    let full_names: HashSet<String> = entities
        .iter()
        .filter(|(words, label)| *label == EntityLabel::Per && words.len() > 1)
        .map(|(words, _)| key(words))
        .collect();
    let mut votes: std::collections::HashMap<String, [usize; 4]> = std::collections::HashMap::new();
    for (words, label) in entities {
        let t = TYPES.iter().position(|x| x == label).expect("one of the four types");
        votes.entry(key(words)).or_default()[t] += 1;
        if *label == EntityLabel::Per && words.len() > 1 {
            for w in words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)) {
                votes.entry(w.to_string()).or_default()[0] += 1;
            }
        }
    }
    entities
        .iter()
        .map(|(words, label)| {
            // A lone word of a full person name, or that name again, is the person.
            if (words.len() == 1 && names.contains(words[0])) || full_names.contains(&key(words)) {
                return EntityLabel::Per;
            }
            let v = &votes[&key(words)];
            let own = TYPES.iter().position(|x| x == label).expect("one of the four types");
            let best = (0..4).max_by_key(|&t| (v[t], t == own)).expect("four types");
            TYPES[best]
        })
        .collect()
}

/// Trains the entity model on gold sentences and returns its bytes.
/// Deterministic for a given `config.seed`.
pub fn train(sentences: &[LabelledSentence], config: &TrainConfig, progress: impl FnMut(usize, f64)) -> Vec<u8> {
    let gazetteer = Gazetteer::shipped();
    let examples: Vec<Example> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            Example {
                tokens: features::sentence_features(&words, &gazetteer, BITS),
                gold: s.tags.iter().map(|t| label_index(t).unwrap_or(0)).collect(),
            }
        })
        .collect();
    newsgraph_learn::train(Model::new(&LABELS, BITS, allowed), &examples, config, progress).to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_reading_turns_iob1_into_iob2_and_names_bad_lines() {
        let s = read_conll("-DOCSTART- -X- O O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\nx O\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, ["B-ORG", "O", "B-PER", "I-PER"]);
        let entities = s[0].entities();
        assert_eq!(entities[1], TokenEntity { tokens: 2..4, label: EntityLabel::Per });
        let err = read_conll("EU B-ORG\nrejects B-VERB\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("B-VERB"), "{err}");
    }

    #[test]
    fn transitions_never_open_an_entity_with_i() {
        assert!(allowed(None, 1) && allowed(Some(1), 2) && allowed(Some(2), 2) && allowed(Some(8), 0));
        assert!(!allowed(None, 2) && !allowed(Some(0), 4) && !allowed(Some(1), 4) && !allowed(Some(3), 2));
    }

    #[test]
    fn a_name_keeps_one_type_through_an_article() {
        let per = EntityLabel::Per;
        let org = EntityLabel::Org;
        let found: Vec<(&[&str], EntityLabel)> = vec![
            (&["Donald", "Trump"], per),
            (&["Trump"], org),
            (&["Trump"], per),
            (&["Kim", "Jong", "Un"], per),
            (&["Kim", "Yo", "Jong"], per),
            (&["Kim"], org),
            (&["Reuters"], org),
            (&["Reuters"], per),
            (&["Kim", "Jong", "Un"], org),
        ];
        assert_eq!(
            consistent_labels(&found),
            vec![per, per, per, per, per, per, org, per, per],
            "ties keep their own type"
        );
    }

    #[test]
    fn titles_mark_persons_by_their_first_part() {
        assert!(is_person_title("President-elect") && is_person_title("Sen.") && is_person_title("leader"));
        assert!(!is_person_title("the") && !is_person_title("Presidential"));
    }

    #[test]
    fn spans_follow_bio() {
        let spans = spans_of(&[1, 2, 0, 5, 5, 6, 3]);
        let got: Vec<(Range<usize>, EntityLabel)> = spans.into_iter().map(|e| (e.tokens, e.label)).collect();
        assert_eq!(
            got,
            vec![
                (0..2, EntityLabel::Per),
                (3..4, EntityLabel::Loc),
                (4..6, EntityLabel::Loc),
                (6..7, EntityLabel::Org)
            ]
        );
    }
}
