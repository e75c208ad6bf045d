//! Speaker phrases and who they refer to.
//!
//! A speaker phrase is the noun phrase next to a cue verb: a name (`Evans
//! Revere`, `North Korean leader Kim Jong Un`), a pronoun (`he`) or a nominal
//! headed by a people-or-institution noun (`the spokesperson`, `U.S.
//! analysts`). [`Speakers`] then resolves each phrase, in text order, to a
//! canonical speaker of the article: a surname to the full name mentioned
//! anywhere in the article, a pronoun to the most recent compatible named
//! speaker, a short nominal to an earlier fuller one with the same head or to
//! a person whose descriptor has that head.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use newsgraph_doc::MentionKind;
use newsgraph_text::trim_bytes;

use crate::lexicon;
use crate::words::{Tokenized, Words};

/// Relative pronouns that may stand as a source for the phrase before them.
const RELATIVES: &[&str] = &["who", "which", "that"];

/// Longest speaker phrase considered, in tokens; longer runs are clauses.
const MAX_PHRASE: usize = 12;

/// Longest apposition (`Name, DESCRIPTOR, said`), in tokens.
const MAX_APPOSITION: usize = 40;

/// Words joining a person noun to whom or what the person belongs to
/// (`officials at`, `advisers to`, `people close to`, `sources familiar
/// with`).
const AFFILIATIONS: &[&str] = &["at", "for", "of", "with", "from", "in", "to", "close", "familiar"];

/// Longest adjunct between a speaker and a cue, set off by commas (`, in a
/// statement released by the campaign on Thursday,`), in tokens.
const MAX_ADJUNCT: usize = 16;

/// Words that open such an adjunct.
const ADJUNCT_OPENERS: &[&str] =
    &["in", "on", "at", "during", "when", "after", "before", "while", "speaking", "asked", "reached", "contacted"];

/// Longest parenthesis after a name (`(D-Wis.)`), in tokens.
const MAX_PARENTHESIS: usize = 8;

/// A speaker as the text mentions it next to a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerPhrase {
    /// The phrase as written, without any apposition.
    pub mention: Range<usize>,
    pub kind: MentionKind,
    /// The naming part: the name without titles, or the nominal without its article.
    pub name: Range<usize>,
    /// An apposition or the title words before a name.
    pub descriptor: Option<Range<usize>>,
    pub plural: bool,
    /// The phrases joined to this one by `and` (`Mr. Grassley and`), in
    /// text order: a joint statement, whose mention covers them all.
    pub joint: Vec<SpeakerPhrase>,
}

impl SpeakerPhrase {
    /// Whether the phrase, as written in `text`, opens with a determiner
    /// (`the spokesman`, `a lawyer`).
    pub fn is_determined(&self, text: &str) -> bool {
        text[self.mention.clone()].split_whitespace().next().is_some_and(lexicon::is_determiner)
    }
}

/// The speaker phrase that ends right before the cue at token `cue`, looking
/// no further left than token `lo`. Adverbs, auxiliaries and time words may
/// stand between (`Smith also said`); an apposition may follow the phrase
/// (`Smith, a former envoy, said`).
pub fn before_cue(w: &Words, lo: usize, cue: usize) -> Option<SpeakerPhrase> {
    if cue >= lo + 4 && quoted_as_saying(w, cue) {
        return before_cue(w, lo, cue - 3);
    }
    let mut end = cue;
    while end > lo
        && (w.is_lowercase(end - 1) || lexicon::is_in(lexicon::WEEKDAYS, w.get(end - 1)))
        && lexicon::may_separate_speaker_and_cue(w.get(end - 1))
    {
        end -= 1;
    }
    if end > lo && lexicon::is_be(w.get(end - 1)) {
        return None; // `was told`: the subject is not the speaker.
    }
    // `Scheer, however, said`: a parenthetical adverb between commas.
    if end > lo + 3
        && w.get(end - 1) == ","
        && w.get(end - 3) == ","
        && lexicon::may_separate_speaker_and_cue(w.get(end - 2))
    {
        end -= 3;
    }
    if end > lo + 1 && w.get(end - 1) == "," {
        // `Lewandowski, in a statement released on Thursday, said`, `Powell's
        // office, when contacted by Reuters, said`: an adjunct between
        // commas, and the phrase (perhaps with an apposition) before it.
        // (`Clinton, also campaigning in Wisconsin, said` as well.)
        let participle = |c: usize| w.is(c + 1, "also") && c + 2 < end - 1 && w.get(c + 2).ends_with("ing");
        let adjunct = (lo + 1..end - 1).rev().take(MAX_ADJUNCT).find(|&k| w.get(k) == ",").filter(|&c| {
            c + 1 < end - 1 && w.is_lowercase(c + 1) && (lexicon::is_in(ADJUNCT_OPENERS, w.get(c + 1)) || participle(c))
        });
        if let Some(c) = adjunct {
            return apposed(w, lo, c).or_else(|| noun_phrase(w, lo, c).map(|p| coordinated(w, lo, p)));
        }
        // `Gov. John Kasich (R-OH), said`: a comma after a parenthesis.
        let parenthesis = || (end > lo + 3 && w.get(end - 2) == ")").then(|| parenthesised(w, lo, end - 1)).flatten();
        return apposed(w, lo, end - 1).or_else(parenthesis);
    }
    // `Al-Sharaa — leader of the group that led the offensive — said`: an
    // apposition between dashes, which may hold commas of its own.
    if end > lo + 2 && is_dash(w.get(end - 1)) {
        let open = (lo..end - 1).rev().take(MAX_APPOSITION).find(|&k| is_dash(w.get(k)))?;
        return apposed_at(w, lo, open, end - 1).map(|(phrase, _)| phrase);
    }
    if end > lo + 2 && w.get(end - 1) == ")" {
        return parenthesised(w, lo, end);
    }
    restricted(w, lo, end).or_else(|| noun_phrase(w, lo, end).map(|p| coordinated(w, lo, p)))
}

/// `Sen. David Perdue (R-Ga.)`: the phrase before the parenthesis that
/// closes at token `end - 1`, which the mention takes in.
fn parenthesised(w: &Words, lo: usize, end: usize) -> Option<SpeakerPhrase> {
    let open = (lo..end - 1).rev().take(MAX_PARENTHESIS).find(|&k| w.get(k) == "(")?;
    let mut phrase = noun_phrase(w, lo, open)?;
    phrase.mention.end = w.spans[end - 1].end;
    Some(phrase)
}

/// `Residents who live near the plant say`, `An official who was present
/// in court told`: a relative clause without commas between the speaker and
/// the cue belongs to the speaker's phrase (not `the plant`, not `court`).
fn restricted(w: &Words, lo: usize, end: usize) -> Option<SpeakerPhrase> {
    let who = (lo + 1..end).rev().take(MAX_PHRASE).find(|&k| w.get(k).eq_ignore_ascii_case("who"))?;
    if who + 1 == end || (who..end).any(|k| w.is_punct(k)) {
        return None;
    }
    let mut phrase = noun_phrase(w, lo, who).filter(|p| p.kind != MentionKind::Pronoun)?;
    phrase.mention.end = w.spans[end - 1].end;
    Some(phrase)
}

/// Whether token `k` is the `saying` of `he was quoted as saying`, whose
/// passive subject is the speaker.
pub fn quoted_as_saying(w: &Words, k: usize) -> bool {
    k >= 3 && w.is(k, "saying") && w.is(k - 1, "as") && w.is(k - 2, "quoted") && lexicon::is_be(w.get(k - 3))
}

/// `Mr. Grassley and Mr. Leahy said`, `the United States, Britain and
/// France support`: speaker phrases joined by `and` (and commas) before
/// `phrase` make a joint statement. A nominal joins only nominals (`the
/// bill and the senators` is no pair of speakers).
fn coordinated(w: &Words, lo: usize, mut phrase: SpeakerPhrase) -> SpeakerPhrase {
    let token_at = |byte: usize, hi: usize| (lo..hi).find(|&k| w.spans[k].start == byte);
    let Some(first) = token_at(phrase.mention.start, w.len()) else { return phrase };
    if first < lo + 2 || !w.is(first - 1, "and") {
        return phrase;
    }
    let fits = |b: &SpeakerPhrase| b.kind != MentionKind::Nominal || phrase.kind == MentionKind::Nominal;
    let mut joint = first - 1;
    while let Some(before) = noun_phrase(w, lo, joint).filter(fits) {
        let Some(start) = token_at(before.mention.start, joint) else { break };
        phrase.mention.start = before.mention.start;
        phrase.joint.insert(0, before);
        if start < lo + 2 || w.get(start - 1) != "," {
            break;
        }
        joint = start - 1;
    }
    phrase
}

fn is_dash(token: &str) -> bool {
    matches!(token, "—" | "–" | "--")
}

/// The speaker phrase before an apposition that ends at the comma `close`:
/// `Ann Lee, a nurse, said`. The apposition may hold commas of its own
/// (`Ann Lee, a nurse at the clinic, which ..., said`): each earlier comma
/// is tried until a phrase and an apposition opening fit.
fn apposed(w: &Words, lo: usize, close: usize) -> Option<SpeakerPhrase> {
    let commas = (lo..close).rev().take(MAX_APPOSITION).filter(|&k| w.get(k) == ",");
    let (mut after_comma, mut after_preposition) = (None, None);
    for comma in commas {
        let Some((phrase, first)) = apposed_at(w, lo, comma, close) else { continue };
        // A phrase right after a comma may itself be an apposition (`Ann
        // Lee, head of the union, which ..., said`) or follow an opening
        // phrase (`At the rally, Lee, a nurse, said`), and one after a
        // preposition is inside a description (`a company based in
        // Antigonish, N.S., says`): prefer a phrase further left.
        if first > lo && w.get(first - 1) == "," {
            // One apposition may follow another (`Donald Tusk, the president
            // of the council, which ..., urged`): a determined phrase gives
            // way to the phrase before it.
            if after_comma.as_ref().is_none_or(|p: &SpeakerPhrase| p.is_determined(w.text)) {
                after_comma = Some(phrase);
            }
            continue;
        }
        let preposition = ["in", "of", "at", "from", "near", "for", "with", "by"];
        if first > lo && w.is_lowercase(first - 1) && preposition.contains(&w.get(first - 1)) {
            after_preposition.get_or_insert(phrase);
            continue;
        }
        return Some(phrase);
    }
    after_comma.or(after_preposition)
}

/// The phrase before `comma` with the apposition `comma + 1..close`, and the
/// index of the phrase's first token.
fn apposed_at(w: &Words, lo: usize, comma: usize, close: usize) -> Option<(SpeakerPhrase, usize)> {
    let descriptor = comma + 1..close;
    // `Jim Eglinski, Yellowhead MP, said`: a short capitalised apposition;
    // or a party and state (`Rep. Ada Lind, D-Calif., said`).
    let word = |k: usize| !lexicon::is_stop_word(w.get(k)) && (!w.is_punct(k) || matches!(w.get(k), "-" | "."));
    let proper = descriptor.len() <= 4 && descriptor.clone().all(word);
    // `Rep. Lucille Roybal Allard, D-Calif., the incoming chairwoman ...,
    // said`: a party and state may come before the apposition proper.
    let after_party = party_tag_end(w, descriptor.start).filter(|&c| c + 1 < close).map_or(descriptor.start, |c| c + 1);
    if descriptor.is_empty() || !(proper || opens_descriptor(w, after_party)) {
        return None;
    }
    // (`Rep. Sander M. Levin (Mich.), a superdelegate, said`.)
    let before =
        if comma > lo + 2 && w.get(comma - 1) == ")" { parenthesised(w, lo, comma) } else { noun_phrase(w, lo, comma) };
    let mut phrase = before?;
    if phrase.kind == MentionKind::Pronoun {
        return None;
    }
    let first = w.spans.partition_point(|t| t.start < phrase.mention.start);
    // `the director of operations for EHS, Jeff Fraser, says`: the role
    // comes first and the name is the apposition.
    // (`DeLaet's agent, Danny Fritz, told`: or a possessive opens the role.)
    let role_first = (phrase.is_determined(w.text) || w.is_possessive(first + 1))
        && proper
        && descriptor.len() >= 2
        && descriptor.clone().all(|k| w.is_capitalized(k));
    if role_first {
        let name = w.bytes(descriptor.start, descriptor.end);
        let person = SpeakerPhrase {
            mention: name.clone(),
            kind: MentionKind::Name,
            name,
            descriptor: Some(phrase.mention),
            plural: false,
            joint: Vec::new(),
        };
        return Some((person, first));
    }
    phrase.descriptor = Some(w.bytes(descriptor.start, descriptor.end));
    Some((phrase, first))
}

/// Where the party and state at token `k` (`D-Calif.`, `R-Ky.`) end: the
/// comma after them.
fn party_tag_end(w: &Words, k: usize) -> Option<usize> {
    let tag = w.get(k);
    let party =
        ["D-", "R-", "I-"].iter().any(|p| tag.strip_prefix(p).is_some_and(|s| s.starts_with(char::is_uppercase)));
    let end = k + 1 + usize::from(w.is(k + 1, "."));
    (party && w.is(end, ",")).then_some(end)
}

/// The cue phrase of the cue verb at token `cue`: with the auxiliaries and
/// adverbs right before it (`has said`, `also noted`, `later wrote`), as
/// PolNeAR marks cues, but never reaching left of `lo`.
pub fn cue_phrase(w: &Words, lo: usize, cue: usize) -> Range<usize> {
    let mut start = cue;
    while start > lo && w.is_lowercase(start - 1) && lexicon::modifies_cue(w.get(start - 1)) {
        start -= 1;
    }
    w.bytes(start, cue + 1)
}

/// The speaker phrase that starts at token `start` (after an inverted cue:
/// `said Revere`, `said the spokesperson, a career diplomat`), ending before
/// `hi`, and the token index after it (and after its apposition, when
/// `apposition` allows one: not where a clause follows the comma, as in
/// `According to X, the ...`).
pub fn after_cue(w: &Words, start: usize, hi: usize, apposition: bool) -> Option<(SpeakerPhrase, usize)> {
    if start < hi && lexicon::pronoun(w.get(start)).is_some() {
        return Some((classify(w, start, start + 1)?, start + 1));
    }
    let mut end = start;
    if end < hi && lexicon::is_determiner(w.get(end)) {
        end += 1;
    }
    while end < hi && end - start < MAX_PHRASE {
        let t = w.get(end);
        let inner_and = end > start && joins(w, end, hi);
        let stops = !inner_and
            && ((w.is_punct(end) && !w.is_possessive(end))
                || lexicon::is_stop_word(t)
                || lexicon::is_in(lexicon::WEEKDAYS, t)
                || (w.is_lowercase(end) && lexicon::cue(t).is_some()));
        if stops {
            break;
        }
        end += 1;
    }
    let mut phrase = noun_phrase(w, start, end)?;
    if phrase.mention.start != w.spans[start].start {
        return None;
    }
    // `said Rep. Ida Holm (D-Vt.), a member of ...`: the party and state
    // belong to the mention, as they do before a cue; a parenthesis in words
    // (`Mr. Burman (a view echoed by others)`) does not.
    if end < hi && w.get(end) == "(" {
        let close = (end + 1..hi.min(end + 1 + MAX_PARENTHESIS)).find(|&k| w.get(k) == ")");
        if let Some(close) = close.filter(|&close| (end + 1..close).all(|k| !w.is_lowercase(k))) {
            phrase.mention.end = w.spans[close].end;
            end = close + 1;
        }
    }
    if apposition && end + 1 < hi && w.get(end) == "," && opens_descriptor(w, end + 1) {
        let close = (end + 1..hi).find(|&k| w.get(k) == "," || w.get(k) == ".").unwrap_or(hi);
        if close - (end + 1) <= MAX_APPOSITION && close > end + 1 {
            phrase.descriptor = Some(w.bytes(end + 1, close));
            end = close;
        }
    }
    Some((phrase, end))
}

/// Where the description of a speaker named after its cue ends when it goes
/// on past the comma at `comma` of sentence `w` to the sentence's end: a
/// relative clause (`said Ann Lee, whose campaign ...`), or after an
/// apposition also a second one or a conjunct (`said Tim Hess, a developer
/// in Virginia, who introduced him to bankers.`), as PolNeAR's sources
/// run. Not a clause of the frame (`, adding that`, `, in a statement`) nor
/// a quotation. Returns the token where the description stops.
pub fn descriptive_tail(w: &Words, comma: usize, after_apposition: bool) -> Option<usize> {
    if comma >= w.len() || w.get(comma) != "," {
        return None;
    }
    let stop = (comma..w.len()).find(|&k| w.get(k) == ".").unwrap_or(w.len());
    let tail = comma + 1..stop;
    if tail.is_empty() || tail.len() > MAX_APPOSITION {
        return None;
    }
    let first = w.get(tail.start);
    let relative = matches!(first, "who" | "whose" | "which");
    let describes =
        if after_apposition { relative || first == "and" || opens_descriptor(w, tail.start) } else { relative };
    let frame = lexicon::cue(first).is_some() || lexicon::is_participle(first);
    let quoted = tail.clone().any(|k| matches!(w.get(k), "\"" | "“" | "”"));
    (describes && !frame && !quoted).then_some(stop)
}

/// The people a name at tokens `name..end` of sentence `w` belongs to,
/// when a person noun stands before it with a word of [`AFFILIATIONS`]
/// (`advisers to Mr. Obama`, `people close to Kim`, `officials at Homeland
/// Security Investigations`, `aides to the president`): those people are
/// the speaker, not the name. The phrase readers stop at these words, which
/// are stop words.
pub fn affiliation_of(w: &Words, name: usize, end: usize) -> Option<SpeakerPhrase> {
    let preposition = name.checked_sub(1).map(|k| w.get(k))?;
    let close = preposition == "to" && name >= 3 && w.get(name - 2) == "close";
    let noun = name.checked_sub(if close { 3 } else { 2 })?;
    let joins = preposition != "close" && AFFILIATIONS.contains(&preposition);
    if !joins || !lexicon::is_person_noun(w.get(noun)) || lexicon::is_title(w.get(noun)) {
        return None;
    }
    let head = noun_phrase(w, 0, noun + 1)?;
    let start = w.spans.partition_point(|t| t.start < head.mention.start);
    classify(w, start, end).filter(|p| p.kind == MentionKind::Nominal)
}

/// `it`: a pronoun for an organisation, a document or a group that speaks
/// (`“...,” it said in a statement`). Only the taggers mark it as a source;
/// the rules' phrase readers leave it out, as most `it`s are no speaker.
fn is_neuter(word: &str) -> bool {
    word.eq_ignore_ascii_case("it")
}

/// A source span as the tagger marks it, apposition included (`Scott
/// Pruitt, the attorney general of Oklahoma`): the phrase before the first
/// comma is the mention, what follows the comma its descriptor. A phrase
/// that reads as no speaker (`the weather`) is still a source: a nominal,
/// or a name if capitalised.
fn source_phrase(text: &str, range: Range<usize>) -> Option<SpeakerPhrase> {
    let w = Words::new(text, range);
    let comma = (1..w.len()).find(|&k| w.get(k) == ",");
    let end = comma.unwrap_or(w.len());
    if end == 0 {
        return None;
    }
    // `Rep. Jim Clyburn (D-S.C.)`: the party and state close the mention but
    // are no part of the name;
    let parenthesis =
        (end > 2 && w.get(end - 1) == ")").then(|| (1..end - 1).rev().find(|&k| w.get(k) == "(")).flatten();
    // `An official who was present in court`: so is a relative clause.
    let relative = (1..end).find(|&k| w.get(k).eq_ignore_ascii_case("who"));
    let name_end = parenthesis.or(relative).unwrap_or(end);
    let neuter = name_end == 1 && is_neuter(w.get(0));
    let mut phrase = classify(&w, 0, name_end).filter(|_| !neuter).unwrap_or_else(|| {
        let article = usize::from(name_end > 1 && lexicon::is_determiner(w.get(0)));
        let named = (article..name_end).any(|k| w.is_capitalized(k));
        let kind = if neuter {
            MentionKind::Pronoun
        } else if named {
            MentionKind::Name
        } else {
            MentionKind::Nominal
        };
        SpeakerPhrase {
            mention: w.bytes(0, name_end),
            kind,
            name: w.bytes(article, name_end),
            descriptor: None,
            plural: false,
            joint: Vec::new(),
        }
    });
    phrase.mention.end = w.spans[end - 1].end;
    // The tagger marks the comma closing an apposition, as PolNeAR does; a
    // descriptor ends before it.
    let last = w.len() - usize::from(w.len() > 1 && w.get(w.len() - 1) == ",");
    if let Some(c) = comma.filter(|&c| c + 1 < last) {
        phrase.descriptor = Some(w.bytes(c + 1, last));
    }
    Some(phrase)
}

/// The source the tagger marked at `tokens` of `grid`, as [`source_phrase`]
/// reads it, except that a relative pronoun (`Mary Jones, who argued`, `the
/// treaty, which calls for`) stands for the noun phrase before it in its
/// sentence: the mention stays the pronoun, as PolNeAR marks sources, and
/// the name is the antecedent's. A lone weekday or article is no source.
pub fn tagged_source(text: &str, grid: &Tokenized, tokens: Range<usize>) -> Option<SpeakerPhrase> {
    let range = grid.bytes(tokens.clone());
    let written = &text[range.clone()];
    if tokens.len() == 1 && lexicon::is_in(RELATIVES, written) {
        let sentence = grid.sentences[grid.sentence_of[tokens.start]].start;
        // Up to the pronoun itself: a phrase is read leftwards from a token.
        let w = Words { text, spans: Cow::Borrowed(&grid.tokens[sentence..tokens.end]) };
        let relative = w.len() - 1;
        let end = relative - usize::from(relative > 0 && w.get(relative - 1) == ",");
        let antecedent = noun_phrase(&w, 0, end).or_else(|| determined_phrase(&w, end));
        if let Some(antecedent) = antecedent.filter(|a| a.kind != MentionKind::Pronoun) {
            return Some(SpeakerPhrase { mention: range, ..antecedent });
        }
    }
    let no_one = lexicon::is_in(lexicon::WEEKDAYS, written) || lexicon::is_in(&["the", "a", "an"], written);
    if no_one {
        return None;
    }
    source_phrase(text, range)
}

/// How many of the last of `tokens` say when rather than who: `[The
/// council] on Friday`, `[A group of doctors] in 2015`, `[the court] this
/// month`. Before its cue, PolNeAR leaves such words out of a source (train:
/// 99 times out, 42 in); after it, mostly in (`said the board on Monday`).
pub fn time_tail(text: &str, grid: &Tokenized, tokens: &Range<usize>) -> usize {
    let word = |back: usize| (back < tokens.len()).then(|| &text[grid.tokens[tokens.end - 1 - back].clone()]);
    let is = |back: usize, list: &[&str]| word(back).is_some_and(|w| lexicon::is_in(list, w));
    let year = word(0).is_some_and(|w| {
        w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit())
    });
    let tail = if is(0, lexicon::WEEKDAYS) {
        1 + usize::from(is(1, &["on"]))
    } else if is(0, lexicon::TIME_UNITS) && is(1, &["this", "last", "next"]) {
        2 + usize::from(is(1, &["this"]) && is(2, &["earlier", "later"]))
    } else if year && is(1, &["in"]) {
        2
    } else {
        0
    };
    if tail < tokens.len() {
        tail
    } else {
        0
    }
}

/// The speaker of a cue the tagger found without a source, when the
/// sentence's subject is it: a cue coordinated with an earlier verb (`The
/// council condemned the test and pledged sanctions`) or a participle after
/// a comma (`Clinton leaned in, painting Trump as ...`).
pub fn subject_of_cue(text: &str, grid: &Tokenized, cue: &Range<usize>) -> Option<SpeakerPhrase> {
    let sentence = grid.sentences[grid.sentence_of[cue.start]].clone();
    let w = Words { text, spans: Cow::Borrowed(&grid.tokens[sentence.clone()]) };
    let k = cue.start - sentence.start;
    let participle = k > 0 && w.get(k - 1) == "," && lexicon::is_participle(w.get(k));
    if participle {
        sentence_subject_phrase(&w)
    } else {
        coordinated_subject(&w, k).or_else(|| adjacent_subject(&w, k, cue.end - sentence.start))
    }
}

/// The name or pronoun right before cue tokens `cue..end` and the
/// auxiliaries and adverbs that lead them: `Mexico [demanded]`, `the IMF
/// did not [single out]`. A form of `be` makes a cue passive (`was told`),
/// and its subject no speaker, unless the cue is an `-ing` form.
fn adjacent_subject(w: &Words, cue: usize, end: usize) -> Option<SpeakerPhrase> {
    let mut k = cue;
    while k > 0 && w.is_lowercase(k - 1) && (lexicon::modifies_cue(w.get(k - 1)) || lexicon::is_auxiliary(w.get(k - 1)))
    {
        k -= 1;
    }
    let passive = (k..end).any(|i| lexicon::is_be(w.get(i))) && !lexicon::is_participle(w.get(end - 1));
    // A capitalised cue is a headline's word, not a verb.
    if passive || k == 0 || !w.is_lowercase(cue) || lexicon::is_in(lexicon::WEEKDAYS, w.get(k - 1)) {
        return None;
    }
    // Nominals here are too often no speaker (PolNeAR dev: source F1 down).
    noun_phrase(w, 0, k).filter(|p| p.kind != MentionKind::Nominal).map(|p| coordinated(w, 0, p))
}

/// A thing named after an article, ending at token `end`: `the new
/// policy`, `a treaty` (no person or institution noun, so not a
/// [`noun_phrase`]).
fn determined_phrase(w: &Words, end: usize) -> Option<SpeakerPhrase> {
    let article = (end.saturating_sub(MAX_PHRASE)..end)
        .rev()
        .take_while(|&k| !w.is_punct(k))
        .find(|&k| lexicon::is_determiner(w.get(k)))?;
    let words = article + 1..end;
    let plain = !words.is_empty() && words.clone().all(|k| !lexicon::is_stop_word(w.get(k)) || w.is_possessive(k));
    plain.then(|| nominal_after_article(w, article, end))
}

/// The nominal from the article at token `article` to token `end`, named
/// without the article.
fn nominal_after_article(w: &Words, article: usize, end: usize) -> SpeakerPhrase {
    SpeakerPhrase {
        mention: w.bytes(article, end),
        kind: MentionKind::Nominal,
        name: w.bytes(article + 1, end),
        descriptor: None,
        plural: is_plural(w.get(end - 1)),
        joint: Vec::new(),
    }
}

/// The phrase that opens a frame right after a quotation, from token
/// `start` to the cue at `cue`, when no rule reads it as a speaker: there
/// any determined phrase is whoever spoke (`“...,” the host said`, `his
/// colleague wrote`, `the 43-year-old asked`), as the quotation leaves no
/// other subject for the cue. Adverbs and auxiliaries may stand before the
/// cue, as in [`before_cue`].
pub fn framing_phrase(w: &Words, start: usize, cue: usize) -> Option<SpeakerPhrase> {
    let mut end = cue;
    while end > start && w.is_lowercase(end - 1) && lexicon::may_separate_speaker_and_cue(w.get(end - 1)) {
        end -= 1;
    }
    let phrase = determined_phrase(w, end).filter(|p| p.mention.start == w.spans[start].start);
    phrase.or_else(|| listed_adjectives(w, start, end))
}

/// `the lanky, bespectacled professor`: an article, then lowercase words
/// with commas between them, as a nominal from `start` to `end`.
fn listed_adjectives(w: &Words, start: usize, end: usize) -> Option<SpeakerPhrase> {
    let words = start + 1..end;
    let listed = lexicon::is_determiner(w.get(start))
        && words.len() >= 3
        && words.len() <= 7
        && words.clone().any(|k| w.get(k) == ",")
        && words.clone().all(|k| if w.get(k) == "," { k + 1 < end && w.get(k + 1) != "," } else { w.is_lowercase(k) })
        && w.get(start + 1) != ",";
    listed.then(|| nominal_after_article(w, start, end))
}

/// Any short phrase up to the next comma, as a nominal source: `according to
/// the post, ...` names a source that is no person or institution noun.
pub fn any_phrase(w: &Words, start: usize, hi: usize) -> Option<(SpeakerPhrase, usize)> {
    let end = (start..hi).find(|&k| w.get(k) == "," || w.get(k) == ".").unwrap_or(hi);
    if end == start || end - start > MAX_PHRASE {
        return None;
    }
    let article = usize::from(["the", "a", "an"].iter().any(|a| w.is(start, a)));
    (start + article < end).then(|| {
        let phrase = SpeakerPhrase {
            mention: w.bytes(start, end),
            kind: MentionKind::Nominal,
            name: w.bytes(start + article, end),
            descriptor: None,
            plural: false,
            joint: Vec::new(),
        };
        (phrase, end)
    })
}

/// A capitalised function word after a title or a first name is a surname
/// (`Ms. May`, `Theresa May`), not the modal.
fn is_surname(w: &Words, lo: usize, i: usize) -> bool {
    i > lo
        && w.is_capitalized(i)
        && w.is_capitalized(i - 1)
        && !w.is_punct(i - 1)
        && (lexicon::is_title(w.get(i - 1)) || !lexicon::is_stop_word(w.get(i - 1)))
}

/// Whether the `and` at `i` joins two words of one phrase: modifiers (`oil
/// and gas worker`), or a capitalised pair before one (`Heart and Stroke
/// senior manager`). `hi` bounds the phrase.
fn joins(w: &Words, i: usize, hi: usize) -> bool {
    let inside = i > 0 && i + 1 < hi && w.get(i) == "and";
    let modifiers = || is_modifier(w, i - 1) && is_modifier(w, i + 1);
    let named = || w.is_capitalized(i - 1) && w.is_capitalized(i + 1) && i + 2 < hi && is_modifier(w, i + 2);
    inside && (modifiers() || named())
}

/// A lowercase content word, as in `oil and gas worker`.
fn is_modifier(w: &Words, i: usize) -> bool {
    w.is_lowercase(i)
        && !lexicon::is_stop_word(w.get(i))
        && !lexicon::is_determiner(w.get(i))
        && lexicon::cue(w.get(i)).is_none()
}

/// An apposition starts with a lowercase word, an article, a title, a number
/// or a possessive (`a professor`, `former envoy`, `45`, `Twitter’s
/// director`, `Sanders’ campaign manager`) or a relative pronoun (`who
/// ...`, `whose name is withheld`), never with a cue or another clause opener.
fn opens_descriptor(w: &Words, i: usize) -> bool {
    let t = w.get(i);
    let relative = t.eq_ignore_ascii_case("who") || matches!(t, "which" | "whose");
    let clause = lexicon::cue(t).is_some() || lexicon::is_stop_word(t) && !relative;
    let possessive =
        i + 1 < w.len() && (w.is_possessive(i + 1) || t.ends_with('s') && matches!(w.get(i + 1), "’" | "'"));
    !clause
        && (w.is_lowercase(i)
            || lexicon::is_title(t)
            || lexicon::is_determiner(t)
            || t.starts_with(|c: char| c.is_ascii_digit())
            || possessive)
}

/// The noun phrase that ends at token `end` (exclusive), starting at `lo` or later.
fn noun_phrase(w: &Words, lo: usize, end: usize) -> Option<SpeakerPhrase> {
    if end <= lo {
        return None;
    }
    if lexicon::pronoun(w.get(end - 1)).is_some() {
        return classify(w, end - 1, end);
    }
    if let Some(people) = quantified(w, end) {
        return Some(people);
    }
    let mut start = end;
    while start > lo && end - start < MAX_PHRASE {
        let t = w.get(start - 1);
        if w.is_possessive(start - 1) {
            start -= 1;
            continue;
        }
        if lexicon::is_determiner(t) {
            start -= 1;
            // `University of the Fraser Valley political scientist`, `Tim
            // Guest with the Health Authority`: go on past `of the`.
            if start > lo + 1 && ["of", "for", "at", "with", "from"].contains(&w.get(start - 1)) {
                start -= 1;
                continue;
            }
            break;
        }
        let inner_and = start >= lo + 2 && joins(w, start - 1, w.len());
        if start >= lo + 2 && inside_organisation(w, start - 1) {
            start -= 1;
            continue;
        }
        if !inner_and
            && (w.is_punct(start - 1)
                || lexicon::is_stop_word(t) && !is_surname(w, lo, start - 1)
                || (w.is_lowercase(start - 1) && lexicon::cue(t).is_some()))
        {
            break;
        }
        start -= 1;
    }
    if end - start >= MAX_PHRASE && start > lo && !w.is_punct(start - 1) {
        return None;
    }
    while start < end && w.is_possessive(start) {
        start += 1;
    }
    // `22% of Democratic claims`, `$20 million experts`: no speaker starts so.
    let starts_badly = start < end
        && (["of", "for", "at"].contains(&w.get(start)) || w.get(start).starts_with(|c: char| c.is_ascii_digit()));
    if start == end || starts_badly {
        return None;
    }
    classify(w, start, end)
}

/// People counted rather than named: a quantifier standing alone at
/// token `end - 1` (`Some said`, `others say`, `Several said`; PolNeAR
/// train marks 165 such sources). Shares (`52 percent of registered
/// voters said`, `About 4 in 10 say`, about 100 sources there) made rule
/// statements that the fast tier's tagger bounds better: train relation F1
/// 0.5307 to 0.5302, so they are left to it.
fn quantified(w: &Words, end: usize) -> Option<SpeakerPhrase> {
    let last = w.get(end - 1);
    lexicon::is_in(QUANTIFIERS, last).then(|| {
        let mention = w.bytes(end - 1, end);
        SpeakerPhrase {
            mention: mention.clone(),
            kind: MentionKind::Nominal,
            name: mention,
            descriptor: None,
            plural: !last.eq_ignore_ascii_case("another"),
            joint: Vec::new(),
        }
    })
}

/// Words that stand for people counted rather than named.
const QUANTIFIERS: &[&str] = &["some", "many", "others", "another", "several", "most", "both", "few"];

/// `Tim Guest with the Nova Scotia Health Authority`, `Ann Lee of the
/// Cato Institute`: a name, a preposition and an organisation's name. The
/// speaker is the person; the affiliation is the descriptor.
fn affiliated_name(w: &Words, start: usize, end: usize) -> Option<SpeakerPhrase> {
    // Titles may lead (`Sen. Richard Shelby of Alabama`); the name is what follows them.
    let name = (start..end).find(|&k| !(w.is_capitalized(k) && lexicon::is_title(w.get(k))))?;
    let prep = (name + 2..end).find(|&k| ["with", "of", "at", "from"].contains(&w.get(k)))?;
    let person = (name..prep)
        .all(|k| w.is_capitalized(k) && !lexicon::is_title(w.get(k)) && !lexicon::is_speaker_noun(w.get(k)));
    let article = usize::from(w.is(prep + 1, "the"));
    let organisation =
        prep + 1 + article < end && (prep + 1 + article..end).all(|k| w.is_capitalized(k) || w.is_possessive(k));
    (person && organisation).then(|| SpeakerPhrase {
        mention: w.bytes(start, end),
        kind: MentionKind::Name,
        name: w.bytes(name, prep),
        descriptor: Some(w.bytes(prep, end)),
        plural: false,
        joint: Vec::new(),
    })
}

/// Decides what kind of speaker the tokens `start..end` are, if any.
fn classify(w: &Words, start: usize, end: usize) -> Option<SpeakerPhrase> {
    let head = w.get(end - 1);
    let mention = w.bytes(start, end);
    if let Some(plural) = lexicon::pronoun(head) {
        return (end - start == 1).then(|| SpeakerPhrase {
            mention: mention.clone(),
            kind: MentionKind::Pronoun,
            name: mention,
            descriptor: None,
            plural,
            joint: Vec::new(),
        });
    }
    let article = usize::from(["the", "a", "an"].iter().any(|a| w.is(start, a)));
    if let Some(affiliated) = affiliated_name(w, start, end) {
        return Some(affiliated);
    }
    // `Officials at the Department of Veterans Affairs`, `A spokesman for
    // Mr. Trump`, `Officials in Ottawa`, `advisers to Mr. Obama`, `people
    // close to Kim`: people named by their role and affiliation are the
    // speaker, not the organisation, person or place they belong to. (`A
    // statement from the EU` stays the EU's.)
    let noun = start + article;
    if end > noun + 2
        && lexicon::is_person_noun(w.get(noun))
        && !lexicon::is_title(w.get(noun))
        && AFFILIATIONS.contains(&w.get(noun + 1))
    {
        return Some(SpeakerPhrase {
            mention,
            kind: MentionKind::Nominal,
            name: w.bytes(noun, end),
            descriptor: None,
            plural: is_plural(w.get(noun)),
            joint: Vec::new(),
        });
    }
    if w.is_capitalized(end - 1) && !lexicon::is_determiner(head) {
        // The name is the capitalised run at the end, without leading titles.
        let mut name_start = end - 1;
        let mut organisation = false;
        loop {
            while name_start > start + article && w.is_capitalized(name_start - 1) {
                name_start -= 1;
            }
            if name_start < start + article + 2 || !inside_organisation(w, name_start - 1) {
                break;
            }
            name_start -= 2;
            organisation = true;
        }
        // An organisation's name keeps its head (`Department`, `Commission`).
        if !organisation {
            name_start = after_titles(w, name_start, end);
        }
        // `Secretary of State Mike Pompeo`: after `<title> of`, the office's
        // words come first; the person is the last two (and an initial).
        let office = name_start >= start + 2 && w.is(name_start - 1, "of") && lexicon::is_title(w.get(name_start - 2));
        if office && end - name_start > 2 {
            let initial = |k: usize| w.get(k).len() == 2 && w.get(k).ends_with('.');
            name_start = end - 2 - usize::from(initial(end - 2) && end - name_start > 3);
        }
        let descriptor = (name_start > start + article).then(|| w.bytes(start + article, name_start));
        return Some(SpeakerPhrase {
            mention,
            kind: MentionKind::Name,
            name: w.bytes(name_start, end),
            descriptor,
            plural: false,
            joint: Vec::new(),
        });
    }
    // `the announcer`, `The clip`: after a determiner, an agent noun or a
    // document may speak too, and so may plural agents (`protesters say`);
    // another bare noun only from the lexicon.
    // (`DeLaet's agent`: a possessive determines the noun as well.)
    let determined =
        (lexicon::is_determiner(w.get(start)) || (start..end).any(|k| w.is_possessive(k))) && end - start >= 2;
    let open_class = determined || is_plural(head);
    if w.is_lowercase(end - 1) && (lexicon::is_speaker_noun(head) || open_class && lexicon::is_agent_or_document(head))
    {
        return Some(SpeakerPhrase {
            mention,
            kind: MentionKind::Nominal,
            name: w.bytes(start + article, end),
            descriptor: None,
            plural: is_plural(head),
            joint: Vec::new(),
        });
    }
    None
}

/// Whether token `k` is a preposition inside an organisation's name
/// (`Department of Homeland Security`, `Commission on Presidential
/// Debates`, `Centers for Disease Control`): capitalised words on both
/// sides, the first no title (`Secretary of State` is an office).
fn inside_organisation(w: &Words, k: usize) -> bool {
    k > 0
        && k + 1 < w.len()
        && ["of", "on", "for"].contains(&w.get(k))
        && w.is_capitalized(k - 1)
        && w.is_capitalized(k + 1)
        && !lexicon::is_title(w.get(k - 1))
}

/// Where the subject of a sentence starts: after an introductory phrase
/// ending in a comma (`After the vote, ...`, `Recently, ...`), if the
/// sentence has one; `None` when no word is left for a subject.
fn subject_start(w: &Words) -> Option<usize> {
    if w.len() == 0 {
        return None;
    }
    let adverb = lexicon::is_adverb(&w.get(0).to_lowercase());
    // `Hours later, Trump ...`, `Last week, she ...`: a short phrase ending
    // in a lowercase word, then a comma and a name or pronoun.
    let short_opener = (1..w.len().min(4)).find(|&k| w.get(k) == ",").filter(|&k| {
        w.is_lowercase(k - 1)
            && k + 1 < w.len()
            && (w.is_capitalized(k + 1) || lexicon::pronoun(w.get(k + 1)).is_some())
    });
    let opener = lexicon::is_stop_word(w.get(0)) && lexicon::pronoun(w.get(0)).is_none();
    let start = if opener || w.is_punct(0) || adverb {
        comma_before_name(w).or_else(|| (1..w.len().min(12)).find(|&k| w.get(k) == ","))? + 1
    } else {
        short_opener.map_or(0, |k| k + 1)
    };
    (start < w.len()).then_some(start)
}

/// The comma that ends an opening phrase holding commas of its own, the
/// first one before a name or pronoun (`After the vote in Ottawa, on
/// Monday, Ana Ruiz ...`).
fn comma_before_name(w: &Words) -> Option<usize> {
    let named = |k: usize| k + 1 < w.len() && (w.is_capitalized(k + 1) || lexicon::pronoun(w.get(k + 1)).is_some());
    (1..w.len().min(16)).find(|&k| w.get(k) == "," && named(k))
}

/// The subject of a cue coordinated with an earlier verb: `Mike Pompeo
/// praised the plan and said ...` (the cue at `cue`, `and` or `but` before it).
pub fn coordinated_subject(w: &Words, cue: usize) -> Option<SpeakerPhrase> {
    let k = coordinator_before(w, cue, &["and", "but"])?;
    sentence_subject_phrase(w).filter(|p| p.mention.end <= w.spans[k].start)
}

/// The word before word `cue` of `w`, past any adverbs, if it is one of
/// `coordinators`: the words that carry the subject of an earlier verb on
/// to the cue (`He claimed vast wealth [and] said ...`).
pub fn coordinator_before(w: &Words, cue: usize, coordinators: &[&str]) -> Option<usize> {
    let mut k = cue;
    while k > 0 && w.is_lowercase(k - 1) && lexicon::is_adverb(w.get(k - 1)) {
        k -= 1;
    }
    let k = k.checked_sub(1)?;
    lexicon::is_in(coordinators, w.get(k)).then_some(k)
}

/// The speaker phrase that opens a sentence (`Roy Graf protested ..., saying`).
pub fn sentence_subject_phrase(w: &Words) -> Option<SpeakerPhrase> {
    let start = subject_start(w)?;
    // A name ends at the first lowercase word, its verb: without this limit
    // the phrase runs on through the verb's object (`Roy Graf protested the
    // bills`) and no speaker is found. An `of` between capitals is inside
    // it (`Secretary of State Mike Pompeo`).
    // So is a role word after a capitalised modifier (`Democratic candidate
    // Hillary Clinton`, `The Republican nominee`).
    let inside = |k: usize| {
        w.is(k, "of") && w.is_capitalized(k - 1) && k + 1 < w.len() && w.is_capitalized(k + 1)
            || lexicon::is_title(w.get(k))
            || lexicon::is_speaker_noun(w.get(k))
    };
    let hi = if w.is_capitalized(start) {
        (start + 1..w.len()).find(|&k| w.is_lowercase(k) && !inside(k)).unwrap_or(w.len())
    } else {
        w.len()
    };
    let (phrase, end) = after_cue(w, start, hi, true)?;
    (end < w.len() && (w.is_lowercase(end) || w.get(end) == ",")).then_some(phrase)
}

/// The name that opens a sentence, after any introductory phrase
/// (`After the vote, Ms. May acknowledged ...` gives `May`), if a verb or an
/// apposition follows it.
fn sentence_subject(w: &Words) -> Option<Range<usize>> {
    let capitalised_run = |mut i: usize| {
        while i < w.len() && w.is_capitalized(i) && !w.is_punct(i) {
            i += 1;
        }
        i
    };
    // `A press release, issued on Nov. 27, McCallum expressed ...`: for
    // the people a later pronoun may mean, an opening noun phrase is read
    // past as well.
    let mut start = match subject_start(w)? {
        0 if lexicon::is_determiner(w.get(0)) => comma_before_name(w).map_or(0, |k| k + 1),
        start => start,
    };
    let mut i = capitalised_run(start);
    // `Toronto retiree Doug Purdy`, `American cookbook author Dorie
    // Greenspan`: lowercase role words, the last an agent's, between a
    // capitalised modifier and the name.
    let mut role = i;
    while role < w.len() && role < i + 3 && w.is_lowercase(role) && !lexicon::is_stop_word(w.get(role)) {
        role += 1;
    }
    let agent = role > i && lexicon::is_agent_or_document(w.get(role - 1));
    if agent && role < w.len() && w.is_capitalized(role) && !w.is_punct(role) {
        start = role;
        i = capitalised_run(role);
    }
    let name = after_titles(w, start, i);
    let opens = name < i && !lexicon::is_stop_word(w.get(name)) && !lexicon::is_determiner(w.get(name));
    let followed = i < w.len() && (w.is_lowercase(i) || w.get(i) == ",");
    (opens && followed && lexicon::pronoun(w.get(name)).is_none()).then(|| w.bytes(name, i))
}

/// Names given with an age (`for Mississauga accountant Babatunji
/// Farinloye, 50.`): news introduces the people it goes on to quote so,
/// wherever in the sentence.
fn aged_names<'w>(w: &'w Words) -> impl Iterator<Item = Range<usize>> + 'w {
    let age = |k: usize| w.get(k).len() <= 3 && w.get(k).bytes().all(|b| b.is_ascii_digit());
    (2..w.len().saturating_sub(1)).filter(move |&k| w.get(k) == "," && age(k + 1)).filter_map(move |comma| {
        let after = comma + 2 == w.len() || matches!(w.get(comma + 2), "," | ".");
        let start = (0..comma).rev().take_while(|&k| w.is_capitalized(k) && !w.is_punct(k)).last()?;
        let person = comma - start >= 2
            && (start..comma).all(|k| !lexicon::is_title(w.get(k)) && !is_institution_word(w.get(k)));
        // `Ragheb Al Turkmani, 49, and Abir Al Basha, 39, are ...`: the
        // first of a pair is the subject already.
        let paired = start > 0 && w.is(start - 1, "and");
        (after && person && !paired).then(|| w.bytes(start, comma))
    })
}

/// The institution that opens a sentence, after any introductory phrase,
/// and before its verb: `The Foreign Ministry criticised ...`, `Later, the
/// company said ...` (the phrase without its article). A short run of words
/// ending in an institution's or an outlet's noun, none of them a person's.
fn institution_subject(w: &Words) -> Option<Range<usize>> {
    let start = subject_start(w).unwrap_or(0);
    let first = start + usize::from(w.is(start, "the") || w.is(start, "The"));
    let head = (first..w.len().min(first + 5))
        .take_while(|&k| !w.is_punct(k) && !lexicon::is_stop_word(w.get(k)) && !lexicon::is_person_noun(w.get(k)))
        .filter(|&k| is_institution_word(w.get(k)))
        .last()?;
    let verb = head + 1 < w.len() && w.is_lowercase(head + 1) && !lexicon::is_stop_word(w.get(head + 1));
    verb.then(|| w.bytes(first, head + 1))
}

/// The group that opens a sentence, after any introductory phrase, and
/// before its verb: a plural capitalised word (`The Conservatives
/// believe`, `Democrats say`) or a plural noun for people (`members
/// complained`), with its article.
fn group_subject(w: &Words) -> Option<Range<usize>> {
    let start = subject_start(w).unwrap_or(0);
    let head = start + usize::from(w.is(start, "the") || w.is(start, "The"));
    if head >= w.len() {
        return None;
    }
    let word = w.get(head);
    let named = w.is_capitalized(head) && word.len() > 3 && is_plural(word) && !w.is_possessive(head);
    let people = w.is_lowercase(head) && lexicon::is_person_noun(word) && is_plural(word);
    let verb = head + 1 < w.len() && w.is_lowercase(head + 1) && !lexicon::is_stop_word(w.get(head + 1));
    ((named || people) && verb).then(|| w.bytes(start, head + 1))
}

/// A noun for a group, an institution or an outlet, not for a person
/// (`ministry`, `company`, `Times`).
fn is_institution_word(word: &str) -> bool {
    lexicon::is_speaker_noun(word) && !lexicon::is_person_noun(word) || lexicon::is_outlet_word(word)
}

/// The noun a description is about: the last word before any
/// preposition, relative word or comma (`group` in `the group that
/// organized ...`, `chairwoman` in `executive chairwoman of the commission`).
fn descriptor_head(descriptor: &str) -> Option<&str> {
    let ends = ["of", "for", "at", "with", "that", "who", "which", "in", "from", "on", "to"];
    let mut head = None;
    for word in descriptor.split_whitespace().take_while(|w| !ends.contains(w)) {
        let bare = word.trim_end_matches(',');
        head = Some(bare).filter(|b| !b.is_empty()).or(head);
        if bare.len() < word.len() {
            break;
        }
    }
    head
}

/// The last of `subjects` (where each stands, and its name) before byte `at`.
fn last_before(subjects: &[(usize, Range<usize>)], at: usize) -> Option<(usize, Range<usize>)> {
    let before = subjects.partition_point(|(p, _)| *p < at);
    before.checked_sub(1).map(|k| subjects[k].clone())
}

/// Where the name proper starts in the capitalised run `start..end`: after
/// its last title or role word (`Homeland Security Secretary | Jeh Johnson`,
/// `Spokeswoman | Jessica Ditto`), keeping at least one word.
fn after_titles(w: &Words, start: usize, end: usize) -> usize {
    let role = |k: usize| lexicon::is_title(w.get(k)) || lexicon::is_speaker_noun(w.get(k));
    if end <= start || role(end - 1) {
        return start; // An institution: `Justice Department`, `Foreign Ministry`.
    }
    (start..end.saturating_sub(1)).rev().find(|&k| role(k)).map_or(start, |k| k + 1)
}

fn is_plural(noun: &str) -> bool {
    (noun.ends_with('s') && !noun.ends_with("ss")) || ["people", "police", "men", "women", "staff"].contains(&noun)
}

/// A speaker of the article, as quotes are attributed to it.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The canonical name: the fullest name or nominal the article uses.
    pub name: String,
    /// Byte range of the fullest description the article gives.
    pub descriptor: Option<Range<usize>>,
    pub kind: MentionKind,
    pub plural: bool,
    /// Called `it` or `the company` somewhere: no `he` or `she`.
    pub neuter: bool,
}

impl Entity {
    fn words(&self) -> impl Iterator<Item = &str> {
        self.name.split_whitespace()
    }

    /// A name that is likely no person's: one word, as people are named in
    /// full once known (`Facebook`), or holding an institution's or
    /// outlet's word (`Foreign Ministry`).
    fn names_institution(&self) -> bool {
        self.kind == MentionKind::Name && (self.words().count() == 1 || self.words().any(is_institution_word))
    }
}

/// Multi-word proper names anywhere in the article, so that `Revere said`
/// finds `Evans Revere` even when the full name was never a speaker, with the
/// title the article first gives them (`North Korean leader Kim Jong Un`).
struct NameInventory {
    /// Each name once, in order of first appearance.
    names: Vec<KnownName>,
    /// Full name -> index into `names`.
    by_name: HashMap<String, usize>,
    /// Last word of a name -> indexes into `names`.
    by_last: HashMap<String, Vec<usize>>,
    /// First word of a name -> indexes into `names`.
    by_first: HashMap<String, Vec<usize>>,
}

struct KnownName {
    /// Byte offset of the first appearance.
    at: usize,
    name: String,
    /// Byte range of the title before the first appearance.
    title: Option<Range<usize>>,
}

impl NameInventory {
    fn new(text: &str, grid: &Tokenized) -> NameInventory {
        let w = Words { text, spans: Cow::Borrowed(&grid.tokens) };
        let mut inventory = NameInventory {
            names: Vec::new(),
            by_name: HashMap::new(),
            by_last: HashMap::new(),
            by_first: HashMap::new(),
        };
        let mut i = 0;
        while i < w.len() {
            if !w.is_capitalized(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < w.len() && w.is_capitalized(j) && !w.is_punct(j) {
                j += 1;
            }
            let mut s = i;
            while s < j && (lexicon::is_stop_word(w.get(s)) || lexicon::is_determiner(w.get(s))) {
                s += 1;
            }
            let name_start = after_titles(&w, s, j);
            if j - name_start >= 2 {
                let name = (name_start..j).map(|k| w.get(k)).collect::<Vec<_>>().join(" ");
                let title_start = title_before(&w, s);
                let title = (title_start < name_start).then(|| trim_bytes(text, w.bytes(title_start, name_start)));
                inventory.add(w.spans[name_start].start, name, title);
            }
            i = j.max(i + 1);
        }
        inventory
    }

    fn add(&mut self, at: usize, name: String, title: Option<Range<usize>>) {
        if let Some(&known) = self.by_name.get(&name) {
            let entry = &mut self.names[known];
            entry.title = entry.title.take().or(title);
            return;
        }
        let idx = self.names.len();
        let words: Vec<&str> = name.split(' ').collect();
        self.by_first.entry(words[0].to_string()).or_default().push(idx);
        self.by_last.entry(words[words.len() - 1].to_string()).or_default().push(idx);
        self.by_name.insert(name.clone(), idx);
        self.names.push(KnownName { at, name, title });
    }

    /// The full name a single word most likely stands for at byte `at`. A
    /// surname: the first name ending in it before `at`, else after. A first
    /// word (`Wang` for `Wang Qishan`) only for a name already given: later
    /// names that start with the word are more often other things
    /// (`Facebook` before `Facebook Research`).
    fn full_name(&self, word: &str, at: usize) -> Option<&KnownName> {
        let earlier = |i: &&usize| self.names[**i].at < at;
        let by_last = self.by_last.get(word).map(Vec::as_slice).unwrap_or_default();
        let by_first = self.by_first.get(word).map(Vec::as_slice).unwrap_or_default();
        let found = by_last.iter().find(earlier).or_else(|| by_first.iter().find(earlier)).or(by_last.first());
        found.map(|&i| &self.names[i])
    }

    /// The name of several words whose initials are `acronym` (`PBO`), the
    /// first given before `at`, else the first given.
    fn spelt_out(&self, acronym: &str, at: usize) -> Option<&KnownName> {
        if !(2..=6).contains(&acronym.len()) || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let initials = |name: &str| -> String {
            let minor = ["of", "the", "and", "for", "on", "de"];
            name.split(' ').filter(|w| !minor.contains(w)).filter_map(|w| w.chars().next()).collect()
        };
        let matching = || self.names.iter().filter(|k| initials(&k.name) == acronym);
        matching().find(|k| k.at < at).or_else(|| matching().next())
    }

    fn knows_word(&self, word: &str) -> bool {
        self.by_last.contains_key(word) || self.by_first.contains_key(word)
    }

    fn title(&self, name: &str) -> Option<Range<usize>> {
        self.by_name.get(name).and_then(|&i| self.names[i].title.clone())
    }

    /// The names first written before byte `at` behind a title ending in
    /// `head` (`Prime Minister Justin Trudeau` for `minister`).
    fn titled(&self, text: &str, head: &str, at: usize) -> Vec<&str> {
        let ends_in_head =
            |t: &Range<usize>| text[t.clone()].split_whitespace().last().is_some_and(|w| w.eq_ignore_ascii_case(head));
        let titled = self.names.iter().filter(|n| n.at < at && n.title.as_ref().is_some_and(ends_in_head));
        titled.map(|n| n.name.as_str()).collect()
    }
}

/// `ANA MARSH` as `Ana Marsh`.
pub fn title_case(name: &str) -> String {
    let word = |w: &str| {
        let mut chars = w.chars();
        chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars.flat_map(char::to_lowercase))
            .collect::<String>()
    };
    name.split_whitespace().map(word).collect::<Vec<_>>().join(" ")
}

/// Where the title before the name at token `start` begins: a role word
/// (`leader`, `envoy`) and the capitalised words before it (`North Korean
/// leader Kim Jong Un`); `start` itself if there is none.
fn title_before(w: &Words, start: usize) -> usize {
    let mut k = start;
    let role = |k: usize| lexicon::is_agent_or_document(w.get(k)) || lexicon::is_title(w.get(k));
    while k > 0 && w.is_lowercase(k - 1) && role(k - 1) {
        k -= 1;
    }
    if k == start {
        return start;
    }
    while k > 0
        && w.is_capitalized(k - 1)
        && !lexicon::is_stop_word(w.get(k - 1))
        && !lexicon::is_determiner(w.get(k - 1))
    {
        k -= 1;
    }
    k
}

/// Resolves speaker phrases of one article to entities, in text order.
pub struct Speakers {
    pub entities: Vec<Entity>,
    /// Entity of each attributed quote so far and where its speaker was
    /// mentioned, most recent last.
    recent: Vec<(usize, usize)>,
    /// Names that open a sentence (`Roy Graf protested ...`): the people a
    /// following `he said` most likely means, quoted before or not.
    subjects: Vec<(usize, Range<usize>)>,
    /// Sentence subjects that name an institution (`The Foreign Ministry
    /// criticised ...`): what a following `it said` most likely means.
    institutions: Vec<(usize, Range<usize>)>,
    /// Groups that open a sentence (`The Conservatives believe ...`,
    /// `members complained ...`): what a following `they` most likely means.
    groups: Vec<(usize, Range<usize>)>,
    inventory: NameInventory,
}

impl Speakers {
    /// Prepares resolution for `text`, split into `sentences` and tokenised
    /// as `grid`; sentences that start inside one of `quoted` are not read
    /// for subjects.
    pub fn new(text: &str, grid: &Tokenized, sentences: &[Range<usize>], quoted: &[Range<usize>]) -> Speakers {
        let inventory = NameInventory::new(text, grid);
        let (mut subjects, mut institutions, mut groups) = (Vec::new(), Vec::new(), Vec::new());
        let read = (0..sentences.len())
            .filter(|&s| !quoted.iter().any(|q| q.start <= sentences[s].start && sentences[s].start < q.end));
        for s in read {
            let w = Words::sentence(text, grid, s);
            if let Some(name) = institution_subject(&w) {
                institutions.push((name.start, name));
            }
            if let Some(group) = group_subject(&w) {
                groups.push((group.start, group));
            }
            if let Some(name) = sentence_subject(&w) {
                let words: Vec<&str> = text[name.clone()].split_whitespace().collect();
                let opener = words[0].ends_with("ing")
                    || lexicon::is_stop_word(words[0])
                    || words[0].eq_ignore_ascii_case("unlike");
                let institution = words.iter().any(|w| lexicon::is_speaker_noun(w) || lexicon::is_outlet_word(w));
                // `Yuni, a resident of Lampung, was watching`: one word is a
                // name when an apposition describes it.
                let described = text[name.end..].starts_with(", a ")
                    || text[name.end..].starts_with(", an ")
                    || text[name.end..].starts_with(", the ");
                if !opener && !institution && (words.len() > 1 || inventory.knows_word(words[0]) || described) {
                    subjects.push((name.start, name));
                }
            }
            let last = subjects.last().map_or(0, |(at, _)| *at);
            subjects.extend(aged_names(&w).filter(|n| n.start > last).map(|n| (n.start, n)));
        }
        Speakers { entities: Vec::new(), recent: Vec::new(), subjects, institutions, groups, inventory }
    }

    /// The entity the phrase refers to, creating it if new, and records it as
    /// the most recent speaker.
    pub fn resolve(&mut self, text: &str, phrase: &SpeakerPhrase) -> Option<usize> {
        let name = text[phrase.name.clone()].trim();
        let at = phrase.mention.start;
        let descriptor = phrase.descriptor.clone().map(|d| trim_bytes(text, d));
        let found = match phrase.kind {
            MentionKind::Pronoun if is_neuter(name) => self.neuter_antecedent(text, at),
            MentionKind::Pronoun => self.antecedent(text, phrase.plural, at),
            MentionKind::Name => Some(self.named(name, at)),
            MentionKind::Nominal => {
                self.owner(text, name, at).or_else(|| Some(self.nominal(text, name, phrase.plural, at)))
            }
            MentionKind::Continuation => self.recent.last().map(|&(e, _)| e),
        }?;
        // The fullest description wins: an apposition over a bare title.
        let known = &mut self.entities[found].descriptor;
        if descriptor.as_ref().is_some_and(|d| known.as_ref().is_none_or(|k| k.len() < d.len())) {
            *known = descriptor;
        }
        self.recent.push((found, at));
        Some(found)
    }

    /// The canonical name of one of a joint statement's speakers: a name
    /// resolves as a speaker's does (`Mr. Grassley` to `Chuck Grassley`),
    /// without becoming the antecedent of a later `he`; anything else is
    /// taken as written.
    pub fn joint_name(&mut self, text: &str, phrase: &SpeakerPhrase) -> String {
        let name = text[phrase.name.clone()].trim();
        match phrase.kind {
            MentionKind::Name => {
                let found = self.named(name, phrase.mention.start);
                self.entities[found].name.clone()
            }
            _ => name.to_string(),
        }
    }

    /// Records a quote by an already resolved entity (a continuation at byte `at`).
    pub fn repeat(&mut self, entity: usize, at: usize) {
        self.recent.push((entity, at));
    }

    /// The most recent compatible speaker, unless a named sentence subject
    /// came after it: `Roy Graf protested. “...,” he said.` means Graf.
    fn antecedent(&mut self, text: &str, plural: bool, at: usize) -> Option<usize> {
        if plural {
            return self.group_antecedent(text, at);
        }
        let person =
            |e: &Entity| e.kind == MentionKind::Name && !e.plural && !e.neuter && !e.words().any(is_institution_word);
        let speaker = self.recent.iter().rev().copied().find(|&(i, _)| person(&self.entities[i]));
        let subject = last_before(&self.subjects, at);
        self.later_of(text, speaker, subject)
    }

    /// What a `they` at byte `at` stands for: the most recent plural
    /// speaker, unless a group opened a sentence after it (`The
    /// Conservatives believe ...; they say ...`).
    fn group_antecedent(&mut self, text: &str, at: usize) -> Option<usize> {
        let speaker = self.recent.iter().rev().copied().find(|&(i, _)| self.entities[i].plural);
        match last_before(&self.groups, at) {
            Some((p, group)) if speaker.is_none_or(|(_, sp)| sp < p) => {
                let name = text[group].trim_start_matches("The ").trim_start_matches("the ");
                let kind = if name.starts_with(char::is_uppercase) { MentionKind::Name } else { MentionKind::Nominal };
                let known = self.entities.iter().position(|e| e.plural && e.name == name);
                Some(known.unwrap_or_else(|| {
                    self.add(Entity { name: name.to_string(), descriptor: None, kind, plural: true, neuter: false })
                }))
            }
            _ => speaker.map(|(i, _)| i),
        }
    }

    /// The entity of `speaker` (an entity and where it spoke), unless
    /// `subject` (where a sentence subject stands, and its name) comes after it.
    fn later_of(
        &mut self,
        text: &str,
        speaker: Option<(usize, usize)>,
        subject: Option<(usize, Range<usize>)>,
    ) -> Option<usize> {
        match subject {
            Some((p, name)) if speaker.is_none_or(|(_, sp)| sp < p) => Some(self.named(&text[name], p)),
            _ => speaker.map(|(i, _)| i),
        }
    }

    /// What an `it` at byte `at` stands for: the most recent speaker that is
    /// no person (a singular nominal that names no person, `the ministry`,
    /// or [`Entity::names_institution`]), unless an institution opened a sentence after it (`The Foreign
    /// Ministry criticised the move. “...,” it said`).
    fn neuter_antecedent(&mut self, text: &str, at: usize) -> Option<usize> {
        let institutional = |e: &Entity| {
            let head = e.words().last().unwrap_or_default();
            e.kind == MentionKind::Nominal && !e.plural && !lexicon::is_person_noun(head) || e.names_institution()
        };
        let speaker = self.recent.iter().rev().copied().find(|&(i, _)| institutional(&self.entities[i]));
        let subject = last_before(&self.institutions, at);
        let found = self.later_of(text, speaker, subject)?;
        self.entities[found].neuter = true;
        Some(found)
    }

    /// The author of a document named by its owner's pronoun: `her
    /// statement read` quotes her, whoever she is.
    fn owner(&mut self, text: &str, name: &str, at: usize) -> Option<usize> {
        let (first, head) = (name.split_whitespace().next()?, name.split_whitespace().last()?);
        let plural = match first.to_ascii_lowercase().as_str() {
            "his" | "her" => false,
            "their" => true,
            _ => return None,
        };
        if lexicon::is_document(head) {
            self.antecedent(text, plural, at)
        } else {
            None
        }
    }

    fn named(&mut self, name: &str, at: usize) -> usize {
        // A transcript's label shouts (`MARSH:`): it is the `Marsh` of the
        // text, if the text names a Marsh; `FBI` stays an acronym.
        let shouted = name.chars().count() > 2 && !name.chars().any(char::is_lowercase);
        // An acronym the article spelt out (`PBO` after `Parliamentary
        // Budget Officer`) is that name.
        // Both are rare: most names are used as written, without a copy.
        let spoken: Cow<'_, str> = shouted
            .then(|| title_case(name))
            .filter(|t| t.split_whitespace().any(|w| self.inventory.knows_word(w)))
            .or_else(|| self.inventory.spelt_out(name, at).map(|known| known.name.clone()))
            .map_or(Cow::Borrowed(name), Cow::Owned);
        let name = spoken.as_ref();
        let words: Vec<&str> = name.split_whitespace().collect();
        let contains = |e: &Entity| {
            let ew: Vec<&str> = e.words().collect();
            e.kind == MentionKind::Name && ew.windows(words.len()).any(|win| win == words.as_slice())
        };
        if let Some((i, _)) = self.recent.iter().rev().copied().find(|&(i, _)| contains(&self.entities[i])) {
            return i;
        }
        if let Some(i) = self.entities.iter().position(contains) {
            return i;
        }
        let full = match words.as_slice() {
            [single] => self.inventory.full_name(single, at).map_or(name, |known| known.name.as_str()).to_string(),
            _ => name.to_string(),
        };
        if let Some(i) = self.entities.iter().position(|e| e.kind == MentionKind::Name && e.name == full) {
            return i;
        }
        let descriptor = self.inventory.title(&full);
        self.add(Entity { name: full, descriptor, kind: MentionKind::Name, plural: false, neuter: false })
    }

    fn nominal(&mut self, text: &str, name: &str, plural: bool, at: usize) -> usize {
        let words: Vec<&str> = name.split_whitespace().collect();
        let head = *words.last().expect("a nominal has a head");
        let fuller = |e: &Entity| {
            e.kind == MentionKind::Nominal
                && e.name.split_whitespace().last() == Some(head)
                && words.iter().all(|w| e.words().any(|ew| ew == *w))
        };
        let described = |e: &Entity| {
            e.kind == MentionKind::Name
                && !plural
                && e.descriptor
                    .clone()
                    .is_some_and(|d| text[d].split_whitespace().any(|w| w.to_lowercase().starts_with(head)))
        };
        // `the company said`: the institution among the last two speakers,
        // by name or called so (`Rally Canada, the group that ...`), not a
        // person whose description holds the word (`chairwoman of the
        // commission`). Only the bare noun: `the paramedics union` is one
        // not named before.
        let institution = !plural && words.len() == 1 && is_institution_word(head) && !lexicon::is_document(head);
        let called = |e: &Entity| {
            e.descriptor.clone().and_then(|d| descriptor_head(&text[d])).is_some_and(|h| h.eq_ignore_ascii_case(head))
        };
        let recent = self.recent.iter().rev().map(|&(i, _)| i);
        let earlier = match recent.clone().find(|&i| fuller(&self.entities[i])) {
            Some(i) => Some(i),
            None if institution => recent.clone().take(2).find(|&i| {
                let e = &self.entities[i];
                e.names_institution() || called(e)
            }),
            None => recent.clone().find(|&i| described(&self.entities[i])),
        };
        if let Some(i) = earlier {
            self.entities[i].neuter |= institution;
            return i;
        }
        // `the prime minister said`: the one person the article titled so;
        // if none was, the person named last (`Trudeau spoke at a town
        // hall. The prime minister said ...`), as an office written as the
        // bare title is held by one person (kin are no office: `the father`).
        let office = match words.as_slice() {
            [title] => lexicon::is_title(title),
            [first, title] => lexicon::is_title(first) && lexicon::is_title(title),
            _ => false,
        } && !["father", "mother", "sister", "brother"].contains(&head);
        match self.inventory.titled(text, head, at).as_slice() {
            _ if plural => {}
            [one] => {
                let full = one.to_string();
                return self.named(&full, at);
            }
            [] if office => {
                if let Some(i) = self.antecedent(text, false, at) {
                    return i;
                }
            }
            _ => {}
        }
        self.add(Entity { name: name.to_string(), descriptor: None, kind: MentionKind::Nominal, plural, neuter: false })
    }

    fn add(&mut self, e: Entity) -> usize {
        self.entities.push(e);
        self.entities.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase_before(text: &str, cue: &str) -> Option<(String, MentionKind, String, Option<String>)> {
        let w = Words::new(text, 0..text.len());
        let i = (0..w.len()).find(|&i| w.get(i) == cue)?;
        let p = before_cue(&w, 0, i)?;
        Some((text[p.mention].to_string(), p.kind, text[p.name].to_string(), p.descriptor.map(|d| text[d].to_string())))
    }

    #[test]
    fn an_apposition_may_hold_an_apposition_of_its_own() {
        let text = "On Tuesday, Ada Lind, the head of the Tax Council, which advises the cabinet, urged restraint.";
        let (mention, kind, _, descriptor) = phrase_before(text, "urged").unwrap();
        assert_eq!((mention.as_str(), kind), ("Ada Lind", MentionKind::Name));
        assert_eq!(descriptor.as_deref(), Some("the head of the Tax Council, which advises the cabinet"));
    }

    #[test]
    fn a_time_phrase_ending_a_source_is_counted_off() {
        let tail = |text: &str| {
            let grid = Tokenized::new(text, std::slice::from_ref(&(0..text.len())));
            let n = grid.tokens.len();
            time_tail(text, &grid, &(0..n))
        };
        assert_eq!(tail("The council on Friday"), 2);
        assert_eq!(tail("The court earlier this month"), 3);
        assert_eq!(tail("A group of doctors in 2015"), 2);
        assert_eq!(tail("The council"), 0);
        assert_eq!(tail("Friday"), 0, "a source is never all time");
        assert_eq!(tail("Doctors in 1500"), 0);
    }

    #[test]
    fn speakers_joined_by_and_make_one_joint_mention() {
        let joint = |text: &str, cue: &str| {
            let w = Words::new(text, 0..text.len());
            let i = (0..w.len()).find(|&i| w.get(i) == cue).unwrap();
            let p = before_cue(&w, 0, i).unwrap();
            let names: Vec<&str> = p.joint.iter().map(|j| &text[j.name.clone()]).collect();
            (text[p.mention].to_string(), names.join("|"), text[p.name].to_string())
        };
        assert_eq!(
            joint("Then Mr. Grassley and Mr. Leahy say so.", "say"),
            ("Mr. Grassley and Mr. Leahy".into(), "Grassley".into(), "Leahy".into())
        );
        assert_eq!(
            joint("Canada, Britain and France say so.", "say"),
            ("Canada, Britain and France".into(), "Canada|Britain".into(), "France".into())
        );
        // A nominal does not join a name: `the bill and Ms. Lee` are no pair.
        assert_eq!(joint("He read the bill and Ms. Lee said no.", "said"), ("Ms. Lee".into(), "".into(), "Lee".into()));
    }

    #[test]
    fn a_tagged_source_leaves_party_and_closing_comma_out_of_name_and_descriptor() {
        let text = "Rep. Jim Clyburn (D-S.C.), the assistant leader,";
        let p = source_phrase(text, 0..text.len()).unwrap();
        assert_eq!(&text[p.mention], "Rep. Jim Clyburn (D-S.C.)");
        assert_eq!(&text[p.name], "Jim Clyburn");
        assert_eq!(&text[p.descriptor.unwrap()], "the assistant leader");
        let text = "Paul Ryan, R-Wis.,";
        let p = source_phrase(text, 0..text.len()).unwrap();
        assert_eq!((&text[p.name], &text[p.descriptor.unwrap()]), ("Paul Ryan", "R-Wis."));
    }

    /// The mention and name `subject_of_cue` gives for the cue word `cue` of `text`.
    fn subject_of(text: &str, cue: &str) -> Option<(String, String)> {
        let grid = Tokenized::new(text, &newsgraph_text::sentence_bytes(text));
        let i = (0..grid.tokens.len()).find(|&i| &text[grid.tokens[i].clone()] == cue)?;
        let p = subject_of_cue(text, &grid, &(i..i + 1))?;
        Some((text[p.mention].to_string(), text[p.name].to_string()))
    }

    #[test]
    fn a_sentence_that_ends_at_its_introductory_comma_has_no_subject() {
        let w = Words::new("Recently,", 0..9);
        assert_eq!(subject_start(&w), None);
        assert_eq!(sentence_subject_phrase(&w), None);
    }

    #[test]
    fn a_cue_without_a_source_takes_the_subject_it_shares() {
        let named = |m: &str, n: &str| Some((m.to_string(), n.to_string()));
        let coordinated = "The Republican nominee outlined his plan and vowed to punish leakers.";
        assert_eq!(subject_of(coordinated, "vowed"), named("The Republican nominee", "Republican nominee"));
        let participle = "Democratic candidate Hillary Clinton leaned in, painting Trump as reckless.";
        assert_eq!(
            subject_of(participle, "painting"),
            named("Democratic candidate Hillary Clinton", "Hillary Clinton")
        );
        let adverb = "Recently, Ana Ortiz met the council and called for a vote.";
        assert_eq!(subject_of(adverb, "called"), named("Ana Ortiz", "Ana Ortiz"));
        // Neither coordinated nor a participle: the subject is not the speaker.
        assert_eq!(subject_of("Ana Ortiz met the council that demanded a vote.", "demanded"), None);
        // A name or pronoun right before the cue and its auxiliaries, unless
        // a form of `be` makes the cue passive.
        assert_eq!(
            subject_of("Although the IMF did not single out the plan, it warned.", "single"),
            named("the IMF", "IMF")
        );
        assert_eq!(
            subject_of("The city of Phoenix is demanding a stop.", "demanding"),
            named("The city of Phoenix", "Phoenix")
        );
        assert_eq!(subject_of("Mr. Ortiz was asked about the vote.", "asked"), None);
        assert_eq!(subject_of("Some critics demanded a vote.", "demanded"), None);
    }

    #[test]
    fn apposition_becomes_the_descriptor() {
        let (mention, kind, name, descriptor) =
            phrase_before("Ana Ortiz, a former deputy mayor of Lyon, warned voters.", "warned").unwrap();
        assert_eq!((mention.as_str(), kind, name.as_str()), ("Ana Ortiz", MentionKind::Name, "Ana Ortiz"));
        assert_eq!(descriptor.as_deref(), Some("a former deputy mayor of Lyon"));
    }

    #[test]
    fn title_words_before_a_name_are_its_descriptor() {
        let (_, kind, name, descriptor) =
            phrase_before("Veteran labor organizer Tom Reyes also said so.", "said").unwrap();
        assert_eq!(
            (kind, name.as_str(), descriptor.as_deref()),
            (MentionKind::Name, "Tom Reyes", Some("Veteran labor organizer"))
        );
        let (_, _, name, descriptor) = phrase_before("Then Gov. Ada Brown said no.", "said").unwrap();
        assert_eq!((name.as_str(), descriptor.as_deref()), ("Ada Brown", Some("Gov.")));
    }

    #[test]
    fn nominals_and_pronouns_are_recognised() {
        let (mention, kind, name, _) =
            phrase_before("On Friday, the city housing spokesperson said it.", "said").unwrap();
        assert_eq!(
            (mention.as_str(), kind, name.as_str()),
            ("the city housing spokesperson", MentionKind::Nominal, "city housing spokesperson")
        );
        assert_eq!(phrase_before("Later she added more.", "added").unwrap().1, MentionKind::Pronoun);
        assert_eq!(phrase_before("The plan was told to wait.", "told"), None);
        assert_eq!(phrase_before("The weather said nothing.", "said"), None);
        assert_eq!(phrase_before("Then the stadium announcer said it.", "said").unwrap().1, MentionKind::Nominal);
        assert_eq!(phrase_before("The campaign letter said it.", "said").unwrap().2, "campaign letter");
        // People named by their affiliation are the speaker, not the
        // organisation; a document from one stays the organisation's.
        let (mention, kind, name, descriptor) =
            phrase_before("Officials at the Harbor Transit Authority said it.", "said").unwrap();
        assert_eq!(
            (mention.as_str(), kind, name.as_str(), descriptor),
            (
                "Officials at the Harbor Transit Authority",
                MentionKind::Nominal,
                "Officials at the Harbor Transit Authority",
                None
            )
        );
        assert_eq!(
            phrase_before("A statement from the Harbor Transit Authority said it.", "said").unwrap().1,
            MentionKind::Name
        );
    }

    #[test]
    fn affiliation_and_role_first_appositions_name_the_person() {
        let (mention, _, name, descriptor) =
            phrase_before("Rosa Ilves with the Harbor Transit Authority says so.", "says").unwrap();
        assert_eq!((mention.as_str(), name.as_str()), ("Rosa Ilves with the Harbor Transit Authority", "Rosa Ilves"));
        assert_eq!(descriptor.as_deref(), Some("with the Harbor Transit Authority"));
        let (_, kind, name, descriptor) =
            phrase_before("The head of the ferry board, Omar Sadiq, says so.", "says").unwrap();
        assert_eq!(
            (kind, name.as_str(), descriptor.as_deref()),
            (MentionKind::Name, "Omar Sadiq", Some("The head of the ferry board"))
        );
    }

    #[test]
    fn a_titled_name_with_an_affiliation_and_a_place_inside_an_apposition() {
        let (_, kind, name, descriptor) = phrase_before("Sen. Rita Holm of Vermont said so.", "said").unwrap();
        assert_eq!((kind, name.as_str(), descriptor.as_deref()), (MentionKind::Name, "Rita Holm", Some("of Vermont")));
        let text = "Omar Diab, the owner of a bakery based in Antigonish, N.S., says so.";
        let (_, _, name, descriptor) = phrase_before(text, "says").unwrap();
        assert_eq!(name, "Omar Diab");
        assert_eq!(descriptor.as_deref(), Some("the owner of a bakery based in Antigonish, N.S."));
    }

    #[test]
    fn parentheses_and_appositions_with_commas() {
        let (mention, _, name, _) = phrase_before("Rep. Ida Holm (D-Vt.) said so.", "said").unwrap();
        assert_eq!((mention.as_str(), name.as_str()), ("Rep. Ida Holm (D-Vt.)", "Ida Holm"));
        let (_, _, name, descriptor) =
            phrase_before("Ivo Prem, head of the dock union, which has 900 members, said so.", "said").unwrap();
        assert_eq!(name, "Ivo Prem");
        assert_eq!(descriptor.as_deref(), Some("head of the dock union, which has 900 members"));
    }

    #[test]
    fn an_apposition_between_dashes_is_the_descriptor() {
        let text = "Vera Kiss — head of the port authority, which runs the docks — said so.";
        let (mention, kind, name, descriptor) = phrase_before(text, "said").unwrap();
        assert_eq!((mention.as_str(), kind, name.as_str()), ("Vera Kiss", MentionKind::Name, "Vera Kiss"));
        assert_eq!(descriptor.as_deref(), Some("head of the port authority, which runs the docks"));
    }

    #[test]
    fn a_capitalised_pair_joined_by_and_before_a_role_is_the_descriptor() {
        let text = "said Heart and Lung senior manager Rina Holt.";
        let w = Words::new(text, 0..text.len());
        let (p, _) = after_cue(&w, 1, w.len(), true).unwrap();
        assert_eq!(&text[p.name.clone()], "Rina Holt");
        assert_eq!(p.descriptor.map(|d| &text[d]), Some("Heart and Lung senior manager"));
        let text = "said Rina Holt and Ida Moe were there.";
        let w = Words::new(text, 0..text.len());
        assert_eq!(&text[after_cue(&w, 1, w.len(), true).unwrap().0.name], "Rina Holt");
    }

    #[test]
    fn inverted_speaker_after_the_cue() {
        let text = "said Mira Patel, a nurse at the clinic.";
        let w = Words::new(text, 0..text.len());
        let (p, end) = after_cue(&w, 1, w.len(), true).unwrap();
        assert_eq!(&text[p.name.clone()], "Mira Patel");
        assert_eq!(p.descriptor.map(|d| &text[d]), Some("a nurse at the clinic"));
        assert_eq!(w.get(end), ".");
        // A party and state stay in the mention; a parenthesis in words does not.
        let text = "said Rep. Ida Holm (D-Vt.), a member of the harbor board.";
        let w = Words::new(text, 0..text.len());
        let (p, _) = after_cue(&w, 1, w.len(), true).unwrap();
        assert_eq!(&text[p.mention], "Rep. Ida Holm (D-Vt.)");
        assert_eq!(p.descriptor.map(|d| &text[d]), Some("a member of the harbor board"));
        let text = "said Ida Holm (a view others share).";
        let w = Words::new(text, 0..text.len());
        assert_eq!(after_cue(&w, 1, w.len(), true).map(|(p, _)| &text[p.mention]), Some("Ida Holm"));
    }

    #[test]
    fn a_relative_pronoun_source_names_its_antecedent() {
        let text = "The plan was praised by Nadia Rahm, who argued that it would work. The new port levy, which requires a permit, was dropped. Monday said so. That was that.";
        let sentences: Vec<Range<usize>> = text
            .split_inclusive(". ")
            .scan(0, |at, s| {
                *at += s.len();
                Some(*at - s.len()..*at - s.len() + s.trim_end().len())
            })
            .collect();
        let grid = Tokenized::new(text, &sentences);
        let source = |word: &str, nth: usize| {
            let k = (0..grid.tokens.len()).filter(|&k| &text[grid.tokens[k].clone()] == word).nth(nth).unwrap();
            tagged_source(text, &grid, k..k + 1)
                .map(|p| (text[p.mention].to_string(), text[p.name].to_string(), p.kind))
        };
        assert_eq!(source("who", 0), Some(("who".into(), "Nadia Rahm".into(), MentionKind::Name)));
        assert_eq!(source("which", 0), Some(("which".into(), "new port levy".into(), MentionKind::Nominal)));
        assert_eq!(source("Monday", 0), None);
        // A demonstrative opening its sentence has no antecedent: it stays as written.
        assert_eq!(source("That", 0).map(|(m, n, _)| (m, n)), Some(("That".into(), "That".into())));
    }

    #[test]
    fn surnames_pronouns_and_nominals_resolve_to_canonical_speakers() {
        let text = "Harbor official Lena Marsh met reporters. Marsh said so. He said so. The port authority spokesman said so. The spokesman said so. Marsh said so. She said so.";
        let mut speakers = Speakers::new(text, &Tokenized::new(text, std::slice::from_ref(&(0..text.len()))), &[], &[]);
        let mut names = Vec::new();
        let mut start = 0;
        for sentence in text.split_inclusive(". ") {
            let w = Words::new(text, start..start + sentence.len());
            start += sentence.len();
            let Some(cue) = (0..w.len()).find(|&i| w.get(i) == "said") else { continue };
            let phrase = before_cue(&w, 0, cue).unwrap();
            let entity = speakers.resolve(text, &phrase).unwrap();
            names.push(speakers.entities[entity].name.clone());
        }
        assert_eq!(
            names,
            [
                "Lena Marsh",
                "Lena Marsh",
                "port authority spokesman",
                "port authority spokesman",
                "Lena Marsh",
                "Lena Marsh"
            ]
        );
    }
}
