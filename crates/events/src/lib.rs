//! Events: who did what to whom, coded in PLOVER with its CAMEO root.
//!
//! A sentence reports an event where a word of [`lexicon`] stands in it
//! (`rejected`, `signed ... treaty`, `opened fire`). The source is the
//! actor the sentence makes the doer: the nearest actor before the word
//! that is not the object of a preposition, the first of two joined by
//! `and` (whose second becomes the target), or, for `the regime` and its
//! like, the country the article is about. The target is the first actor
//! after the word. Actors come from the actor stage, so a person's event
//! carries their country's code. A word in the infinitive after another
//! trigger (`vowed to bolster`) belongs to that event, not a new one.

pub mod lexicon;

use std::collections::HashMap;
use std::ops::Range;

use newsgraph_actors::Words;
use newsgraph_doc::{ActorKind, CharIndex, Document, Event, Mention, Participant, Span};

/// A pattern step: one of some words, or a gap of up to [`GAP`] words.
enum Step {
    Word(Vec<String>),
    Gap,
}

const GAP: usize = 4;

struct Compiled {
    steps: Vec<Step>,
    plover: &'static str,
    cameo: &'static str,
}

/// Prepositions whose object is not the doer of what follows.
const PREPOSITIONS: &[&str] = &[
    "to", "with", "of", "for", "against", "on", "by", "from", "in", "at", "into", "toward", "towards", "between",
    "about", "over", "under", "after", "before", "during", "than", "like", "through", "across", "within",
];

/// Prepositions whose object is the one an event is done to.
const TARGET_PREPOSITIONS: &[&str] =
    &["to", "with", "against", "on", "into", "toward", "towards", "upon", "from", "between"];

/// Words before a trigger that make it a mention of an event told
/// elsewhere or merely possible (`the lifting of sanctions`, `their
/// summit`, `what it can offer`), not a report of one.
const NOT_REPORTING: &[&str] = &[
    "the", "a", "an", "of", "its", "their", "his", "her", "our", "any", "another", "this", "that", "can", "could",
    "might", "may",
];

/// Whether the trigger at word `i` only refers to an event: after one of
/// [`NOT_REPORTING`], directly or across a name (`their Hanoi summit`).
fn referred_to(words: &[&str], i: usize) -> bool {
    let before = |k: usize| i >= k && NOT_REPORTING.contains(&words[i - k].to_lowercase().as_str());
    before(1) || (before(2) && words[i - 1].chars().next().is_some_and(char::is_uppercase))
}

/// Nominals that stand for the state the article is about (`the regime tested ...`).
const STATE_NOMINALS: &[&str] = &["regime", "government", "leadership", "country", "nation", "state"];

/// Codes events in PLOVER. Build once, use for every document.
pub struct EventCoder {
    patterns: Vec<Compiled>,
    /// First word (a base form) -> patterns starting with it, most steps first.
    by_first: HashMap<String, Vec<usize>>,
}

impl Default for EventCoder {
    fn default() -> Self {
        EventCoder::new()
    }
}

/// A trigger found in a sentence: its tokens and pattern.
struct Found {
    tokens: Range<usize>,
    pattern: usize,
}

impl EventCoder {
    pub fn new() -> EventCoder {
        let patterns: Vec<Compiled> = lexicon::triggers()
            .into_iter()
            .map(|t| Compiled {
                steps: t
                    .pattern
                    .split(' ')
                    .map(|w| if w == "_" { Step::Gap } else { Step::Word(w.split('|').map(str::to_string).collect()) })
                    .collect(),
                plover: t.plover,
                cameo: t.cameo,
            })
            .collect();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            if let Some(Step::Word(words)) = p.steps.first() {
                for w in words {
                    by_first.entry(w.clone()).or_default().push(i);
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].steps.len()));
        }
        EventCoder { patterns, by_first }
    }

    /// Fills `doc.events`. Needs sentences, tokens and actors.
    pub fn code(&self, doc: &mut Document) {
        let index = CharIndex::new(&doc.article.body);
        let events = {
            let words = Words::new(doc, &index);
            let mut events = Vec::new();
            let mut t = 0;
            while t < words.words.len() {
                let sentence = words.sentence(t);
                for found in self.triggers(&words, sentence.clone()) {
                    events.push(self.event(doc, &words, &index, sentence.clone(), &found));
                }
                t = sentence.end;
            }
            events
        };
        doc.events = events;
    }

    /// The triggers of one sentence, in order, without those that only
    /// continue an earlier one (`vowed to bolster`, `refused to meet`).
    fn triggers(&self, words: &Words, sentence: Range<usize>) -> Vec<Found> {
        let lower: Vec<String> = words.words[sentence.clone()].iter().map(|w| w.to_lowercase()).collect();
        let forms: Vec<Vec<String>> = lower.iter().map(|w| lexicon::forms(w)).collect();
        let mut found: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < lower.len() {
            let word = words.words[sentence.start + i];
            // A capitalised word inside a sentence is a name (`Operation Strike`).
            let named = i > 0 && word.chars().next().is_some_and(char::is_uppercase);
            let matched = (!named)
                .then(|| {
                    forms[i]
                        .iter()
                        .filter_map(|f| self.by_first.get(f))
                        .flatten()
                        .find_map(|&p| self.match_at(&self.patterns[p].steps, &forms, i).map(|end| (p, end)))
                })
                .flatten();
            let Some((pattern, end)) = matched else {
                i += 1;
                continue;
            };
            let continues =
                i >= 1 && lower[i - 1] == "to" && found.last().is_some_and(|f| f.tokens.end + 4 >= sentence.start + i);
            if !continues && !referred_to(&words.words[sentence.clone()], i) {
                found.push(Found { tokens: sentence.start + i..sentence.start + end, pattern });
            }
            i = end;
        }
        found
    }

    /// Where a pattern starting at word `i` ends (exclusive), if it matches.
    fn match_at(&self, steps: &[Step], forms: &[Vec<String>], i: usize) -> Option<usize> {
        let has = |t: usize, alternatives: &[String]| {
            forms.get(t).is_some_and(|f| f.iter().any(|x| alternatives.contains(x)))
        };
        let mut t = i;
        let mut gap = false;
        for step in steps {
            match step {
                Step::Gap => gap = true,
                Step::Word(alternatives) => {
                    if gap {
                        t = (t..(t + GAP + 1).min(forms.len())).find(|&k| has(k, alternatives))? + 1;
                        gap = false;
                    } else if has(t, alternatives) {
                        t += 1;
                    } else {
                        return None;
                    }
                }
            }
        }
        Some(t)
    }

    fn event(&self, doc: &Document, words: &Words, index: &CharIndex, sentence: Range<usize>, found: &Found) -> Event {
        let body = doc.article.body.as_str();
        let mention = |tokens: Range<usize>| {
            Mention::from_bytes(body, index, words.bytes[tokens.start].start..words.bytes[tokens.end - 1].end)
        };
        let mentions = actor_mentions(doc, words, sentence.clone());
        let (source, conjunct) = self.source(doc, words, &mentions, sentence.clone(), found.tokens.start);
        // The target is in the trigger's own clause: its object, or after
        // a preposition that points at someone (`to`, `with`, `against`).
        let clause_end = (found.tokens.end..sentence.end)
            .find(|&t| matches!(words.words[t], "," | ";" | ":" | "“" | "”" | "\"" | "—" | "(" | ")"))
            .unwrap_or(sentence.end);
        let target = mentions
            .iter()
            .filter(|m| m.tokens.start >= found.tokens.end && m.tokens.end <= clause_end)
            .filter(|m| doc.actors[m.actor].kind != ActorKind::Place)
            .filter(|m| {
                !preceded_by(words, m.tokens.start, PREPOSITIONS)
                    || preceded_by(words, m.tokens.start, TARGET_PREPOSITIONS)
                    || preceded_by(words, m.tokens.start, &["by"])
            })
            .filter(|m| source.as_ref().is_none_or(|s| s.actor != m.actor))
            // A name that only modifies the object (`the U.S. extended
            // deterrence commitment to the ROK`) or names an agent (`calls by
            // Belarus`) yields to one the event is done to.
            .min_by_key(|m| {
                let direct = !preceded_by(words, m.tokens.start, PREPOSITIONS);
                let secondary = (direct && modifies_next(words, m.tokens.clone(), clause_end))
                    || preceded_by(words, m.tokens.start, &["by"]);
                (secondary, m.tokens.start)
            })
            .cloned()
            .or(conjunct);
        let place = mentions
            .iter()
            .find(|m| {
                doc.actors[m.actor].kind == ActorKind::Place
                    || (preceded_by(words, m.tokens.start, &["in", "at"])
                        && Some(m.actor) != source.as_ref().map(|s| s.actor))
            })
            .map(|m| mention(m.tokens.clone()));
        let participant = |m: ActorMention| Participant {
            mention: mention(m.tokens.clone()),
            actor: Some(m.actor),
            code: doc.actors[m.actor].country.clone(),
        };
        let pattern = &self.patterns[found.pattern];
        Event {
            code: pattern.plover.to_string(),
            cameo: pattern.cameo.to_string(),
            trigger: mention(found.tokens.clone()),
            source: source.map(participant),
            target: target.map(participant),
            when: None,
            place,
            sentence: Span::new(doc.tokens[sentence.start].span.start, doc.tokens[sentence.end - 1].span.end),
        }
    }

    /// The doer of a trigger at `trigger`, and the other half of `X and Y`
    /// when the doer is such a pair. The doer is the first actor of the
    /// trigger's clause (clauses part at `that`, `said`, subordinators and
    /// quotation marks) that is not the object of a preposition; a clause
    /// with none (`they will release`) takes the one before it.
    fn source(
        &self,
        doc: &Document,
        words: &Words,
        mentions: &[ActorMention],
        sentence: Range<usize>,
        trigger: usize,
    ) -> (Option<ActorMention>, Option<ActorMention>) {
        let mut end = trigger;
        loop {
            let start = (sentence.start..end)
                .rev()
                .find(|&t| is_clause_boundary(words.words[t]))
                .map_or(sentence.start, |t| t + 1);
            if let Some(found) = self.subject(doc, words, mentions, start..end) {
                return found;
            }
            if start == sentence.start {
                return (None, None);
            }
            end = start - 1;
        }
    }

    /// The subject of the clause `clause`, and its second conjunct.
    fn subject(
        &self,
        doc: &Document,
        words: &Words,
        mentions: &[ActorMention],
        clause: Range<usize>,
    ) -> Option<(Option<ActorMention>, Option<ActorMention>)> {
        let candidates: Vec<&ActorMention> = mentions
            .iter()
            .filter(|m| m.tokens.start >= clause.start && m.tokens.end <= clause.end)
            .filter(|m| !preceded_by(words, m.tokens.start, PREPOSITIONS))
            .filter(|m| !is_possessor(words, m, mentions))
            .collect();
        // A state nominal before any actor (`the regime tested`).
        let nominal = clause.clone().find(|&t| {
            STATE_NOMINALS.contains(&words.words[t].to_lowercase().as_str())
                && t > clause.start
                && matches!(words.words[t - 1].to_lowercase().as_str(), "the" | "its")
        });
        if let Some(t) = nominal {
            if candidates.first().is_none_or(|m| m.tokens.start > t) {
                return Some((main_country(doc).map(|actor| ActorMention { tokens: t..t + 1, actor }), None));
            }
        }
        let subject = *candidates.first()?;
        // `Kim and Russia's President Vladimir Putin signed`: the words up to
        // the next actor are `and` and that actor's own phrase.
        let conjunct = candidates.get(1).filter(|next| {
            let between = &words.words[subject.tokens.end..next.tokens.start];
            between.first() == Some(&"and")
                && between[1..].iter().enumerate().all(|(k, w)| {
                    let t = subject.tokens.end + 1 + k;
                    w.chars().next().is_some_and(char::is_uppercase)
                        || matches!(*w, "’s" | "'s")
                        || mentions.iter().any(|m| m.tokens.contains(&t))
                })
                && next.actor != subject.actor
        });
        Some((Some(subject.clone()), conjunct.map(|m| (*m).clone())))
    }
}

/// Words that end one clause and start another, for finding a trigger's subject.
fn is_clause_boundary(word: &str) -> bool {
    const BOUNDARIES: &[&str] = &[
        "that", "said", "says", "say", "told", "added", ";", "“", "”", "\"", "after", "before", "when", "while",
        "because", "although", "though", "if", "unless", "but", "whom", "who", "which", "whose", "saying",
    ];
    BOUNDARIES.contains(&word.to_lowercase().as_str())
}

/// A country or organisation that only owns the actor after it
/// (`Russia’s President Vladimir Putin`).
fn is_possessor(words: &Words, m: &ActorMention, mentions: &[ActorMention]) -> bool {
    words.words.get(m.tokens.end).is_some_and(|w| matches!(*w, "’s" | "'s"))
        && mentions.iter().any(|other| other.tokens.start > m.tokens.end && other.tokens.start <= m.tokens.end + 4)
}

/// A mention of an actor in a sentence, by tokens.
#[derive(Debug, Clone)]
struct ActorMention {
    tokens: Range<usize>,
    actor: usize,
}

/// The actor mentions inside `sentence`, in order; where one person's name
/// follows a country's possessive (`Russia's President Vladimir Putin`), the
/// person stands for the phrase.
fn actor_mentions(doc: &Document, words: &Words, sentence: Range<usize>) -> Vec<ActorMention> {
    let first = doc.tokens[sentence.start].span.start;
    let last = doc.tokens[sentence.end - 1].span.end;
    let mut out: Vec<ActorMention> = Vec::new();
    for (a, actor) in doc.actors.iter().enumerate() {
        for span in actor.mentions.iter().filter(|s| s.start >= first && s.end <= last) {
            let tokens = words.tokens_of(doc, *span);
            if !tokens.is_empty() {
                out.push(ActorMention { tokens, actor: a });
            }
        }
    }
    out.sort_by_key(|m| m.tokens.start);
    out
}

/// Whether a name is followed, within the clause, by a lowercase word that
/// the name modifies (`U.S. extended deterrence`), after a determiner.
fn modifies_next(words: &Words, tokens: Range<usize>, clause_end: usize) -> bool {
    tokens.end < clause_end
        && tokens.start > 0
        && matches!(words.words[tokens.start - 1].to_lowercase().as_str(), "the" | "a" | "an")
        && words.words[tokens.end].chars().next().is_some_and(char::is_lowercase)
        && !matches!(words.words[tokens.end], "and" | "or" | "who" | "which" | "that")
        && !PREPOSITIONS.contains(&words.words[tokens.end])
}

fn preceded_by(words: &Words, token: usize, list: &[&str]) -> bool {
    // Skip a determiner: `to the United States`.
    let mut t = token;
    while t > 0
        && matches!(words.words[t - 1].to_lowercase().as_str(), "the" | "a" | "an" | "its" | "their" | "his" | "her")
    {
        t -= 1;
    }
    t > 0 && list.contains(&words.words[t - 1].to_lowercase().as_str())
}

/// The country the article names most.
fn main_country(doc: &Document) -> Option<usize> {
    doc.actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Country)
        .max_by_key(|(i, a)| (a.mentions.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}
