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
//! trigger (`vowed to bolster`) belongs to that event, not a new one. An
//! event is dated by the time expression nearest it in its sentence, so
//! the time stage runs first.

pub mod lexicon;

use std::borrow::Cow;
use std::ops::Range;

use newsgraph_actors::Words;
use newsgraph_doc::{
    ActorKind, CharIndex, Document, Event, Mention, Participant, QuickMap, QuickSet, QuoteKind, Span, TimeKind,
};

/// A pattern step: one of some words, or a gap of up to [`GAP`] words.
enum Step {
    Word(Vec<String>),
    Gap,
}

const GAP: usize = 6;

struct Compiled {
    steps: Vec<Step>,
    plover: &'static str,
    cameo: &'static str,
}

/// Prepositions whose object is not the doer of what follows.
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "to", "with", "of", "for", "against", "on", "by", "from", "in", "at", "into", "toward",
    "towards", "between", "about", "over", "under", "after", "before", "during", "than", "like",
    "through", "across", "within", "beyond", "despite", "amid", "among", "besides", "unlike",
    "including", "via", "since", "until", "alongside", "following",
];

/// Prepositions whose object is the one an event is done to.
const TARGET_PREPOSITIONS: &[&str] =
    &["to", "with", "against", "on", "into", "toward", "towards", "upon", "from", "between"];

/// Words before a trigger that make it a mention of an event told
/// elsewhere (`the lifting of sanctions`, `their summit`) or merely
/// possible (`what it can offer`), not a report of one.
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our", "any", "another", "this"];
const NOT_REPORTING: &[&str] = &["of", "that", "can", "could", "might", "may"];

/// Verbs that report an event through its noun (`launched a mediation
/// effort`, `began a hunger strike`, `reiterated its demand`).
const LIGHT_VERBS: &[&str] = &[
    "launch",
    "announce",
    "begin",
    "began",
    "begun",
    "continue",
    "reiterate",
    "hold",
    "held",
    "stage",
    "conduct",
    "issue",
    "make",
    "made",
    "impose",
    "declare",
    "mount",
    "lodge",
    "file",
    "complete",
    "start",
    "open",
    "carry",
    "renew",
    "resume",
    "step",
    "intensify",
    "escalate",
    "end",
];

/// Whether the trigger at word `i` only refers to an event: after a
/// determiner (directly or across a name: `their Hanoi summit`) that no
/// light verb governs, or after one of [`NOT_REPORTING`].
fn referred_to(words: &[&str], i: usize) -> bool {
    let lower = |k: usize| words[i - k].to_lowercase();
    if i >= 1 && NOT_REPORTING.contains(&lower(1).as_str()) {
        return true;
    }
    if i >= 1 && modified_noun(words, i) {
        let governed = (i.saturating_sub(5)..i - 1)
            .any(|k| lexicon::forms(words[k]).iter().any(|f| LIGHT_VERBS.contains(&f.as_ref())));
        return !governed;
    }
    let determiner_at = if i >= 1 && DETERMINERS.contains(&lower(1).as_str()) {
        Some(i - 1)
    } else if i >= 2 && DETERMINERS.contains(&lower(2).as_str()) && !words[i - 1].chars().all(char::is_lowercase) {
        Some(i - 2)
    } else {
        None
    };
    // `The Palestinians reject`: a sentence's first words are its subject.
    let across_name = i >= 2 && determiner_at == Some(i - 2);
    determiner_at.is_some_and(|d| {
        if d == 0 {
            !across_name
        } else {
            !lexicon::forms(words[d - 1]).iter().any(|f| LIGHT_VERBS.contains(&f.as_ref()))
        }
    })
}

/// Whether the trigger at word `i` is in a clause opened by `if`, `unless`
/// or `whether`: a condition, not something that happened (`to come to
/// the other's aid if attacked`).
fn conditional(lower: &[Cow<'_, str>], i: usize) -> bool {
    (0..i)
        .rev()
        .map(|k| lower[k].as_ref())
        .find(|w| is_clause_boundary(w) || *w == "whether")
        .is_some_and(|w| matches!(w, "if" | "unless" | "whether"))
}

/// Whether the trigger at word `i` is a passive infinitive (`wants to be
/// accepted`, `is expected to be signed`): something hoped for or
/// foreseen, not something that happened.
fn passive_infinitive(lower: &[Cow<'_, str>], i: usize) -> bool {
    i >= 2 && lower[i - 2] == "to" && lower[i - 1] == "be"
}

/// Nouns of how something is received (`has met with surprising success`).
#[rustfmt::skip]
const RECEPTIONS: &[&str] = &[
    "success", "failure", "resistance", "opposition", "criticism", "skepticism", "scepticism",
    "suspicion", "approval", "acclaim", "praise", "applause", "enthusiasm", "silence",
    "indifference", "derision", "anger", "outrage", "condemnation", "disappointment", "dismay",
    "alarm", "hostility", "backlash", "reaction", "reactions", "response", "responses", "results",
    "reviews",
];

/// Whether the trigger at word `i` is how something is received rather
/// than a meeting: `be met with` (`any attack will be met with a swift
/// response`), or `met with` a noun of reception (`the offensive has met
/// with surprising success`).
fn received_with(lower: &[Cow<'_, str>], i: usize) -> bool {
    let met_with =
        matches!(lower[i].as_ref(), "met" | "meet" | "meets") && lower.get(i + 1).is_some_and(|w| w == "with");
    let passive = i >= 1 && matches!(lower[i - 1].as_ref(), "be" | "been" | "is" | "are" | "was" | "were");
    // A reception noun that ends its phrase: `opposition leaders` are people.
    let reception = (i + 2..lower.len().min(i + 6)).any(|k| {
        RECEPTIONS.contains(&lower[k].as_ref())
            && lower
                .get(k + 1)
                .is_none_or(|w| !w.starts_with(char::is_alphabetic) || PREPOSITIONS.contains(&w.as_ref()))
    });
    met_with && (passive || reception)
}

/// What a warning of which is a threat names (`warned of consequences`).
const THREATS: &[&str] = &["consequences", "retaliation", "reprisals", "action", "measures", "force", "war", "strikes"];

/// Whether the trigger at word `i` warns of a danger (`warned in July of a
/// possible resurgence`, `warning about shortages`): a forecast, not a
/// threat, unless what it names is the warner's own response.
fn warns_of(lower: &[Cow<'_, str>], i: usize) -> bool {
    if !lower[i].starts_with("warn") {
        return false;
    }
    // `of` right after the verb, or after a short time phrase (`in July`).
    let of = (i + 1..lower.len().min(i + 4)).find(|&k| matches!(lower[k].as_ref(), "of" | "about"));
    let direct = of.is_some_and(|k| k == i + 1 || matches!(lower[i + 1].as_ref(), "in" | "on" | "last" | "this"));
    direct && !lower.iter().skip(of.unwrap_or(0) + 1).take(4).any(|w| THREATS.contains(&w.as_ref()))
}

/// Whether the trigger at word `i` is an adjective in `-ing` after a
/// quantifier (`some promising provisions`, `very threatening remarks`).
fn adjectival(lower: &[Cow<'_, str>], i: usize) -> bool {
    const QUANTIFIERS: &[&str] = &["some", "many", "several", "very", "more", "most", "less", "such", "increasingly"];
    i >= 1 && lower[i].ends_with("ing") && QUANTIFIERS.contains(&lower[i - 1].as_ref())
}

/// Whether the trigger at word `i` is a modal of what must be so, not
/// done (`the president must be Muslim`): `be` and then no participle.
/// `must be released` stays a demand.
fn stative_modal(lower: &[Cow<'_, str>], i: usize) -> bool {
    let modal = matches!(lower[i].as_ref(), "must" | "should");
    let participle = |w: &str| w.ends_with("ed") || w.ends_with("en") || lexicon::irregular_base(w).is_some();
    modal && lower.get(i + 1).is_some_and(|w| w == "be") && lower.get(i + 2).is_none_or(|w| !participle(w))
}

/// Words that may stand right before a verb: auxiliaries, modals,
/// pronouns, conjunctions and the like.
const FUNCTION_WORDS: &[&str] = &[
    "to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "never", "also", "still",
    "then", "now", "just", "already", "again", "once", "they", "we", "he", "she", "it", "i", "you", "who", "which",
    "that", "and", "or", "but", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "do", "does",
    "did", "n't", "soon", "later", "first", "there",
];

/// Whether the trigger at word `i` is a noun after its modifier
/// (`denuclearization talks`, `fuel aid`, `any nuclear attack`), not a
/// verb: a base or plural form after a lowercase word that is no
/// auxiliary, pronoun, preposition or adverb. Past and `-ing` forms, and modals, are
/// verbs (`tanks fired`, `nations must`).
fn modified_noun(words: &[&str], i: usize) -> bool {
    let word = words[i].to_lowercase();
    let verb_form = word.ends_with("ed")
        || word.ends_with("ing")
        || matches!(word.as_str(), "must" | "should")
        || lexicon::irregular_base(&word).is_some();
    let previous = words[i - 1];
    let lower = previous.to_lowercase();
    !verb_form
        && previous.chars().next().is_some_and(char::is_lowercase)
        && previous.chars().all(|c| c.is_alphabetic() || c == '-')
        && !FUNCTION_WORDS.contains(&lower.as_str())
        && !PREPOSITIONS.contains(&lower.as_str())
        && !lower.ends_with("ly")
}

/// Types of material and verbal cooperation: said to be coming, they are
/// an intent to cooperate (CAMEO 03, PLOVER AGREE); denied, a rejection.
const COOPERATIVE: &[&str] = &["AID", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT", "CONSULT", "AGREE"];
/// Types of conflict in deeds: said to be coming, they are a threat (CAMEO 13).
const CONFLICTUAL: &[&str] = &["PROTEST", "ASSAULT", "COERCE", "SANCTION"];

/// Words that, within three words before a trigger, make it intended
/// (`will provide`, `is willing to withdraw`, `has sworn to fight`).
const INTENT: &[&str] =
    &["will", "would", "willing", "prepared", "ready", "plans", "intends", "sworn", "vowed", "pledged", "promised"];
/// Words that, within three words before a trigger, deny it (`will not accept`, `failed to reach`).
const NEGATION: &[&str] = &["not", "n't", "never", "failed", "fail", "refused", "refuses"];

/// The PLOVER type and CAMEO root of a trigger as its sentence frames it.
fn framed(words: &[&str], i: usize, plover: &'static str, cameo: &'static str) -> (&'static str, &'static str) {
    let window: Vec<String> = words[i.saturating_sub(3)..i].iter().map(|w| w.to_lowercase()).collect();
    let any = |list: &[&str]| window.iter().any(|w| list.contains(&w.as_str()));
    if COOPERATIVE.contains(&plover) && any(NEGATION) {
        ("REJECT", "12")
    } else if COOPERATIVE.contains(&plover) && plover != "AGREE" && any(INTENT) {
        ("AGREE", "03")
    } else if CONFLICTUAL.contains(&plover) && any(INTENT) {
        ("THREATEN", "13")
    } else {
        (plover, cameo)
    }
}

/// Types whose target, unnamed, is the source's own country.
const DOMESTIC: &[&str] = &["PROTEST", "COERCE", "CONCEDE"];

/// Nominals that stand for the state the article is about (`the regime tested ...`).
const STATE_NOMINALS: &[&str] = &["regime", "government", "leadership", "country", "nation", "state"];

/// Codes events in PLOVER. Build once, use for every document.
pub struct EventCoder {
    patterns: Vec<Compiled>,
    /// First word (a base form) -> patterns starting with it, most steps first.
    by_first: QuickMap<String, Vec<usize>>,
    /// The first two letters of every word a pattern names, and of the
    /// irregular forms: a word starting otherwise needs no base forms.
    prefixes: QuickSet<String>,
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
        let mut by_first: QuickMap<String, Vec<usize>> = QuickMap::default();
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
        let pattern_words = patterns.iter().flat_map(|p| &p.steps).flat_map(|step| match step {
            Step::Word(words) => words.iter().map(String::as_str).collect::<Vec<_>>(),
            Step::Gap => Vec::new(),
        });
        let prefixes = pattern_words
            .chain(lexicon::IRREGULAR.iter().map(|(form, _)| *form))
            .map(|w| prefix(w).to_string())
            .collect();
        EventCoder { patterns, by_first, prefixes }
    }

    /// Fills `doc.events`. Needs sentences, tokens and actors.
    pub fn code(&self, doc: &mut Document) {
        let index = doc.char_index();
        let events = {
            let words = Words::new(doc, &index);
            let mut events = Vec::new();
            let mut t = 0;
            // `he asked` attributing a quote reports a question, not a
            // request; verbal acts (`vowed`, `condemned`) stay events.
            let cues: QuickSet<usize> = doc
                .quotes
                .iter()
                .filter_map(|q| q.cue.as_ref())
                .filter(|c| lexicon::forms(&c.text).iter().any(|f| f == "ask"))
                .map(|c| c.start)
                .collect();
            while t < words.words.len() {
                let sentence = words.sentence(t);
                for found in self.triggers(&words, sentence.clone()) {
                    if cues.contains(&doc.tokens[found.tokens.start].span.start) {
                        continue;
                    }
                    let event = self.event(doc, &words, &index, sentence.clone(), &found);
                    // Who did what to whom: with neither, there is nothing to code.
                    if event.source.is_some() || event.target.is_some() {
                        events.push(event);
                    }
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
        let lower: Vec<Cow<str>> = words.words[sentence.clone()].iter().map(|w| lowercase(w)).collect();
        let forms: Vec<Forms> = lower
            .iter()
            .map(|w| Forms {
                bases: if self.prefixes.contains(prefix(w)) { lexicon::forms(w) } else { Vec::new() },
                word: w,
            })
            .collect();
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
            if !continues
                && !referred_to(&words.words[sentence.clone()], i)
                && !conditional(&lower, i)
                && !passive_infinitive(&lower, i)
                && !received_with(&lower, i)
                && !warns_of(&lower, i)
                && !adjectival(&lower, i)
                && !stative_modal(&lower, i)
            {
                found.push(Found { tokens: sentence.start + i..sentence.start + end, pattern });
            }
            i = end;
        }
        found
    }

    /// Where a pattern starting at word `i` ends (exclusive), if it matches.
    fn match_at(&self, steps: &[Step], forms: &[Forms], i: usize) -> Option<usize> {
        let has = |t: usize, alternatives: &[String]| {
            forms.get(t).is_some_and(|f| f.iter().any(|x| alternatives.iter().any(|a| a == x)))
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
        let (mut source, mut conjunct) = self.source(doc, words, &mentions, sentence.clone(), found.tokens.start);
        // `Kim's offer`: the owner of an event noun made it; of a noun of
        // what is done to someone (`al-Rufay'i's killing`, `Dodik's
        // arrest`) suffered it, unless its victim follows (`the army's
        // killing of civilians`).
        let mut owner_suffered = None;
        if found.tokens.start >= 2 && matches!(words.words[found.tokens.start - 1], "’s" | "'s") {
            if let Some(owner) = mentions.iter().find(|m| m.tokens.end == found.tokens.start - 1) {
                let noun = words.words[found.tokens.start].to_lowercase();
                let done_to = SUFFERED.contains(&noun.as_str())
                    && words.words.get(found.tokens.end).is_none_or(|w| !w.eq_ignore_ascii_case("of"));
                if done_to {
                    owner_suffered = Some(owner.clone());
                    source = None;
                } else {
                    source = Some(owner.clone());
                }
                conjunct = None;
            }
        }
        // `Russia said that Sudan must return ...`: the demand is the
        // speaker's, made of the modal's subject.
        if matches!(words.words[found.tokens.start].to_lowercase().as_str(), "must" | "should") {
            let boundary = (sentence.start..found.tokens.start).rev().find(|&t| is_clause_boundary(words.words[t]));
            if let Some(b) = boundary.filter(|&b| b > sentence.start) {
                let (speaker, _) = self.source(doc, words, &mentions, sentence.clone(), b);
                if speaker.is_some() {
                    // `Such matters, he told VOA, should ...`: who was told is not who should.
                    let listener = source.as_ref().is_some_and(|s| preceded_by(words, s.tokens.start, &["told"]));
                    conjunct = source.take().filter(|_| !listener);
                    source = speaker;
                }
            }
        }
        // The target is in the trigger's own clause: its object, or after
        // a preposition that points at someone (`to`, `with`, `against`).
        let clause_end = (found.tokens.end..sentence.end)
            .find(|&t| matches!(words.words[t], "," | ";" | ":" | "“" | "”" | "\"" | "—" | "(" | ")"))
            .unwrap_or(sentence.end);
        // `A camp was attacked by militiamen`: the subject suffered it, the
        // agent after `by` did it.
        let trigger_word = words.words[found.tokens.start].to_lowercase();
        let participle = trigger_word.ends_with("ed")
            || (lexicon::forms(&trigger_word).len() > 1
                && !trigger_word.ends_with("ing")
                && !trigger_word.ends_with('s'));
        let passive = participle
            && found.tokens.start > sentence.start
            && matches!(
                words.words[found.tokens.start - 1].to_lowercase().as_str(),
                "was" | "were" | "been" | "being" | "is" | "are" | "be"
            );
        let agent = passive
            .then(|| {
                mentions.iter().find(|m| {
                    m.tokens.start >= found.tokens.end
                        && m.tokens.end <= clause_end
                        && preceded_by(words, m.tokens.start, &["by"])
                })
            })
            .flatten()
            .cloned();
        if passive {
            conjunct = source.take();
            // Without an agent, the authorities where it happened
            // (`was arrested in Lebanon`).
            source = agent.or_else(|| {
                mentions
                    .iter()
                    .find(|m| {
                        m.tokens.start >= found.tokens.end
                            && m.tokens.end <= clause_end
                            && preceded_by(words, m.tokens.start, &["in"])
                            && doc.actors[m.actor].kind == ActorKind::Country
                    })
                    .cloned()
            });
        }
        // Ranked: what the event is done to; then a name that modifies the
        // object on the source's own side (`Biden reaffirmed the U.S.
        // commitment to the ROK`), an agent (`calls by Belarus`) or an owner
        // (`positions of the Palestinian forces`); then, failing those,
        // where it happened (`imposed a curfew in ... Turkey`).
        let source_country = source.as_ref().and_then(|s| doc.actors[s.actor].country.clone());
        let rank = |m: &ActorMention| -> Option<u8> {
            let located = preceded_by(words, m.tokens.start, &["in", "at"]);
            if doc.actors[m.actor].kind == ActorKind::Place && !located {
                return None;
            }
            let direct = !preceded_by(words, m.tokens.start, PREPOSITIONS);
            let own_side = source_country.is_some() && doc.actors[m.actor].country == source_country;
            if located {
                Some(2)
            } else if direct && !(own_side && modifies_next(words, m.tokens.clone(), clause_end))
                || preceded_by(words, m.tokens.start, TARGET_PREPOSITIONS)
            {
                Some(0)
            } else if direct || preceded_by(words, m.tokens.start, &["by", "of"]) {
                Some(1)
            } else {
                None
            }
        };
        let target = if owner_suffered.is_some() {
            owner_suffered
        } else if passive {
            conjunct
        } else {
            mentions
                .iter()
                .filter(|m| m.tokens.start >= found.tokens.end && m.tokens.end <= clause_end)
                .filter(|m| source.as_ref().is_none_or(|s| s.actor != m.actor))
                .filter(|m| doc.actors[m.actor].country.is_some() || doc.actors[m.actor].kind == ActorKind::Person)
                .filter_map(|m| Some((rank(m)?, m)))
                .min_by_key(|(rank, m)| (*rank, m.tokens.start))
                .filter(|(rank, _)| *rank < 2 || conjunct.is_none())
                .map(|(_, m)| m.clone())
                .or(conjunct)
        };
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
            implied: false,
        };
        if source.as_ref().is_some_and(|s| quoting(doc, found.tokens.start, s)) {
            source = None;
        }
        let pattern = &self.patterns[found.pattern];
        let sentence_span = Span::new(doc.tokens[sentence.start].span.start, doc.tokens[sentence.end - 1].span.end);
        let found_span =
            Span::new(doc.tokens[found.tokens.start].span.start, doc.tokens[found.tokens.end - 1].span.end);
        let (plover, cameo) =
            framed(&words.words[sentence.clone()], found.tokens.start - sentence.start, pattern.plover, pattern.cameo);
        Event {
            code: plover.to_string(),
            cameo: cameo.to_string(),
            trigger: mention(found.tokens.clone()),
            target: match target {
                Some(t) => Some(participant(t)),
                // A protest, a coercion or a concession no one is named for
                // is the source's own country's business.
                None if DOMESTIC.contains(&plover) => {
                    source.clone().map(|s| Participant { implied: true, ..participant(s) })
                }
                None => None,
            },
            source: source.map(participant),
            when: when_of(doc, sentence_span, found_span),
            place,
            sentence: sentence_span,
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
            let boundary = (sentence.start..end).rev().find(|&t| is_clause_boundary(words.words[t]));
            let start = boundary.map_or(sentence.start, |t| t + 1);
            // `Three months after the fall of Assad's government, al-Sharaa
            // signed`: a subordinate clause opening the sentence ends at its
            // comma, and the main clause's subject follows.
            let opening = boundary
                .filter(|&b| b < sentence.start + 4 && SUBORDINATORS.contains(&words.words[b].to_lowercase().as_str()));
            let main = opening.and_then(|b| (b + 1..end).find(|&t| words.words[t] == ",")).map(|comma| comma + 1);
            if let Some(found) = main.and_then(|m| self.subject(doc, words, mentions, m..end)) {
                return found;
            }
            if let Some(found) = self.subject(doc, words, mentions, start..end) {
                return found;
            }
            // What a relative pronoun follows (`Iran, who seek ...`; `a
            // treaty, which calls for ...` has none).
            let antecedent = boundary.and_then(|b| {
                let before = if b > sentence.start && words.words[b - 1] == "," { b - 1 } else { b };
                mentions.iter().find(|m| m.tokens.end == before).cloned()
            });
            // `Trump, whom he met with`: a clause whose subject is `he` or
            // `she` was done by the person last named before, and to the
            // relative pronoun's antecedent, who cannot be that person.
            let pronoun = (start..end).find(|&t| {
                matches!(words.words[t].to_lowercase().as_str(), "he" | "she") && !preceded_by(words, t, PREPOSITIONS)
            });
            if let Some(p) = pronoun {
                let object = antecedent.filter(|_| {
                    boundary.is_some_and(|b| matches!(words.words[b].to_lowercase().as_str(), "whom" | "who"))
                });
                let excluded = object.as_ref().map(|m| m.actor);
                let person = last_person_before(doc, doc.tokens[p].span.start, excluded)
                    .map(|actor| ActorMention { tokens: p..p + 1, actor });
                return (person, object);
            }
            let relative =
                boundary.filter(|&b| matches!(words.words[b].to_lowercase().as_str(), "who" | "which" | "whose"));
            if relative.is_some() {
                return (antecedent, None);
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
        let in_clause: Vec<&ActorMention> = mentions
            .iter()
            .filter(|m| m.tokens.start >= clause.start && m.tokens.end <= clause.end)
            .filter(|m| !is_possessor(words, m, mentions))
            .collect();
        let mut candidates: Vec<&ActorMention> =
            in_clause.iter().copied().filter(|m| !preceded_by(words, m.tokens.start, PREPOSITIONS)).collect();
        // A subject named only through its place or group (`Rebels in the
        // Ivory Coast`, `the government of Sindh province`).
        if candidates.is_empty() {
            candidates = in_clause
                .into_iter()
                .filter(|m| preceded_by(words, m.tokens.start, &["in", "of", "from"]))
                .take(1)
                .collect();
        }
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

/// A word's first two characters, which no English ending changes (all of a shorter word).
fn prefix(word: &str) -> &str {
    &word[..word.char_indices().nth(2).map_or(word.len(), |(b, _)| b)]
}

/// `word.to_lowercase()`, borrowing the word when that changes nothing: most
/// words are lowercase ASCII.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// A lowercased word of a sentence with the base forms it may stand for
/// ([`lexicon::forms`]), looked up only for words that share their start
/// with a pattern's word; the others stand for themselves alone.
struct Forms<'a> {
    word: &'a str,
    /// Empty when not looked up.
    bases: Vec<Cow<'a, str>>,
}

impl Forms<'_> {
    fn iter(&self) -> impl Iterator<Item = &str> {
        let alone = self.bases.is_empty().then_some(self.word);
        alone.into_iter().chain(self.bases.iter().map(Cow::as_ref))
    }
}

/// Whether `mention` is the speaker of a direct or mixed quote holding
/// token `token`, named outside the quotation marks: what a quote says is
/// not something its speaker did (`he hoped it would end “arrests and
/// torture”` tortures no one).
fn quoting(doc: &Document, token: usize, mention: &ActorMention) -> bool {
    let (at, named) = (doc.tokens[token].span.start, doc.tokens[mention.tokens.start].span.start);
    let within = |q: &&newsgraph_doc::Quote, offset: usize| q.spans.iter().any(|s| s.start <= offset && offset < s.end);
    doc.quotes.iter().filter(|q| q.kind != QuoteKind::Indirect).any(|q| {
        within(&q, at) && !within(&q, named) && q.speaker.as_ref().and_then(|s| s.actor) == Some(mention.actor)
    })
}

/// Nouns of what is done to someone, whose owner suffered it (`Dodik's arrest`).
#[rustfmt::skip]
const SUFFERED: &[&str] = &[
    "arrest", "detention", "killing", "assassination", "execution", "murder", "capture",
    "abduction", "kidnapping", "deportation", "expulsion", "imprisonment", "jailing", "extradition",
    "torture", "prosecution", "conviction",
];

/// Clause boundaries that open a subordinate clause.
const SUBORDINATORS: &[&str] = &["after", "before", "when", "while", "because", "although", "though", "if", "unless"];

/// Words that end one clause and start another, for finding a trigger's subject.
fn is_clause_boundary(word: &str) -> bool {
    const BOUNDARIES: &[&str] = &[
        "that", "said", "says", "say", "told", "added", ";", "“", "”", "\"", "after", "before", "when", "while",
        "because", "although", "though", "if", "unless", "but", "whom", "who", "which", "whose", "where", "saying",
    ];
    BOUNDARIES.contains(&word.to_lowercase().as_str())
}

/// A country or organisation that only owns the actor after it
/// (`Russia’s President Vladimir Putin`).
fn is_possessor(words: &Words, m: &ActorMention, mentions: &[ActorMention]) -> bool {
    words.words.get(m.tokens.end).is_some_and(|w| matches!(*w, "’s" | "'s"))
        && mentions.iter().any(|other| other.tokens.start > m.tokens.end && other.tokens.start <= m.tokens.end + 4)
}

/// The date of an event: the resolved date or time nearest its trigger in
/// its sentence (`In June, Kim and Putin signed ...`).
fn when_of(doc: &Document, sentence: Span, trigger: Span) -> Option<String> {
    doc.times
        .iter()
        .filter(|t| matches!(t.kind, TimeKind::Date | TimeKind::Time))
        .filter(|t| t.mention.start >= sentence.start && t.mention.end <= sentence.end)
        .filter_map(|t| {
            Some((t.value.as_ref()?, t.mention.start.abs_diff(trigger.start).min(t.mention.end.abs_diff(trigger.end))))
        })
        .min_by_key(|(_, distance)| *distance)
        .map(|(value, _)| value.clone())
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

/// The person whose mention ends last before character `at`, other than `excluded`.
fn last_person_before(doc: &Document, at: usize, excluded: Option<usize>) -> Option<usize> {
    doc.actors
        .iter()
        .enumerate()
        .filter(|&(a, actor)| actor.kind == ActorKind::Person && Some(a) != excluded)
        .filter_map(|(a, actor)| actor.mentions.iter().filter(|m| m.end <= at).map(|m| m.end).max().map(|end| (end, a)))
        .max()
        .map(|(_, a)| a)
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
