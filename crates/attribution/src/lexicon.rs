//! Word lists the rules are made of. Every lookup ignores ASCII case.

use std::sync::LazyLock;

use newsgraph_doc::{QuickMap, QuickSet};

/// Reporting verbs that introduce what was said directly (`said`, `added`)
/// and can take a bare clause: `X said the talks failed`.
#[rustfmt::skip]
const SAY_CUES: &[&str] = &[
    "say", "says", "said", "add", "adds", "added", "note", "notes", "noted", "write", "writes",
    "wrote", "vow", "vows", "vowed", "warn", "warns", "warned", "interpret", "interprets",
    "interpreted", "reiterate", "reiterates", "reiterated", "caution", "cautions", "cautioned",
    "argue", "argues", "argued", "explain", "explains", "explained", "insist", "insists",
    "insisted", "claim", "claims", "claimed", "stated", "declare", "declares",
    "declared", "announce", "announces", "announced", "acknowledge", "acknowledges",
    "acknowledged", "admit", "admits", "admitted", "assert", "asserts", "asserted", "contend",
    "contends", "contended", "maintain", "maintains", "maintained", "suggest", "suggests",
    "suggested", "predict", "predicts", "predicted", "respond", "responds", "responded", "reply",
    "replies", "replied", "recall", "recalls", "recalled", "remark", "remarks", "remarked",
    "observe", "observes", "observed", "emphasize", "emphasizes", "emphasized", "emphasise",
    "emphasised", "stress", "stresses", "stressed", "concede", "concedes", "conceded", "deny",
    "denies", "denied", "confirm", "confirms", "confirmed", "complain", "complains",
    "complained", "joke", "jokes", "joked", "tweet", "tweets", "tweeted", "continued", "agree",
    "agrees", "agreed", "allege", "alleges", "alleged", "estimate",
    "estimates", "estimated", "pledge", "pledges", "pledged", "promise", "promises", "promised",
    "testify", "testifies", "testified", "counter", "counters", "countered", "charge", "charges",
    "charged", "reported", "reveal", "reveals", "revealed", "disclose", "indicate", "indicates",
    "indicated",
    "discloses", "disclosed", "conclude", "concludes", "concluded", "boast", "boasts", "boasted",
    "quip", "quips", "quipped", "exclaim", "exclaimed", "shout", "shouted", "mused", "posted",
];

/// Verbs that attribute a quotation in a frame right after it (`“...,” the
/// letter reads`, `“...,” she yells`) but that the other rules leave
/// alone: elsewhere they are more often a noun or an adjective (`the
/// state`, `his comments`, `GOP state senator`) or take no clause
/// (`continues to rise`, `read the report`).
#[rustfmt::skip]
const QUOTATION_CUES: &[&str] = &[
    "state", "states", "continue", "continues", "repeat", "repeats", "repeated", "yell", "yells",
    "yelled", "shouts", "exclaims", "muses", "commented", "read", "reads",
];

/// Reporting verbs whose addressee comes before the content:
/// `X told VOA that ...`, `X asked reporters whether ...`.
#[rustfmt::skip]
const TELL_CUES: &[&str] = &[
    "tell", "tells", "told", "ask", "asks", "asked", "assure", "assures", "assured", "inform",
    "informs", "informed", "remind", "reminds", "reminded", "urge", "urges", "urged", "advise",
    "advises", "advised", "brief", "briefed",
];

/// Verbs of evidence: a study, poll or person `found` or `showed` that ...
/// (Beliefs such as `thinks that` are attributions too, but not statements.)
#[rustfmt::skip]
const EVIDENCE_CUES: &[&str] = &[
    "find", "finds", "found", "show", "shows", "showed", "shown", "determine", "determined",
    "conclude",
];

/// Present participles that, after a comma, open a statement of their own
/// (`said A, arguing that B`, `left, citing the cold`): PolNeAR makes each a
/// relation with the participle as cue. In its train split `, adding` is a
/// cue 44 times and inside another content never; `, citing` 23 to 1.
/// Participles of action (`offering`, `using`, `taking`) are left out, as
/// they sit inside contents as often.
#[rustfmt::skip]
const SAY_PARTICIPLES: &[&str] = &[
    "saying", "adding", "noting", "writing", "arguing", "explaining", "insisting", "claiming",
    "stating", "declaring", "announcing", "acknowledging", "admitting", "asserting", "contending",
    "suggesting", "predicting", "recalling", "remarking", "observing", "emphasizing", "stressing",
    "conceding", "denying", "confirming", "complaining", "joking", "tweeting", "warning", "vowing",
    "pledging", "promising", "repeating", "citing", "calling", "referring", "referencing",
    "pointing", "mentioning", "describing", "accusing", "criticizing", "slamming", "mocking",
    "blaming", "praising", "questioning", "quoting", "echoing", "alluding", "crediting",
    "hoping", "fearing", "believing",
];

/// Participles that, like `told`, take an addressee first (`, telling
/// reporters that ...`).
const TELL_PARTICIPLES: &[&str] = &["telling", "asking", "urging", "advising", "reminding", "assuring", "informing"];

/// Pronouns that can be a speaker, with whether they are plural.
const PRONOUNS: &[(&str, bool)] = &[("he", false), ("she", false), ("they", true), ("we", true), ("i", false)];

/// Common nouns for people that head a speaker phrase (`the spokesperson`,
/// `U.S. analysts`).
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "official", "officials", "officer",
    "officers", "analyst", "analysts", "expert", "experts", "minister", "secretary", "president",
    "leader", "leaders", "director", "chief", "chairman", "chairwoman", "chair", "head", "mayor",
    "governor", "senator", "senators", "lawmaker", "lawmakers", "legislator", "legislators",
    "representative", "ambassador", "envoy", "diplomat", "diplomats", "professor", "researcher",
    "researchers", "scientist", "scientists", "economist", "economists", "lawyer", "lawyers",
    "attorney", "attorneys", "prosecutor", "prosecutors", "judge", "police", "authorities",
    "source", "sources", "witness", "witnesses", "resident", "residents", "critic", "critics",
    "observer", "observers", "voter", "voters", "supporter", "supporters", "opponent", "opponents",
    "people", "investigators", "doctor", "doctors", "candidate", "candidates", "founder", "ceo",
    "executive", "executives", "manager", "member", "members", "activist", "activists", "advocate",
    "advocates", "adviser", "advisers", "advisor", "advisors", "aide", "aides", "student",
    "students", "teacher", "teachers", "worker", "workers", "parent", "parents", "woman", "man",
    "women", "men", "owner", "owners", "organizer", "organizers", "coach", "player", "players",
    "author", "authors", "historian", "historians", "coordinator", "counsel", "negotiator",
    "negotiators", "commander", "general", "colonel", "captain", "officialdom", "mother", "father",
    "son", "daughter", "wife", "husband", "friend", "friends", "neighbor", "neighbours",
    "neighbors", "victim", "victims", "physician", "nurse", "nurses", "pollster", "strategist",
    "strategists", "commentator", "commentators", "columnist", "editor", "reporter", "journalist",
    "journalists", "farmer", "farmers", "citizen", "citizens", "regulator", "regulators",
];

/// Common nouns for groups and institutions that head a speaker phrase
/// (`the ministry`, `the committee`).
#[rustfmt::skip]
const INSTITUTION_NOUNS: &[&str] = &[
    "agency", "ministry", "department", "government", "company", "firm", "group", "committee",
    "council", "commission", "court", "campaign", "office", "union", "organization", "organisation",
    "party", "administration", "military", "army", "embassy", "statement", "report", "study",
    "survey", "poll", "staff", "team", "board", "bank", "fund", "institute", "center", "centre",
    "foundation", "association", "federation", "network", "newspaper", "agencies", "unit",
    "division", "bureau", "panel", "authority", "watchdog", "ministries", "departments",
];

/// Documents and media that "say" things (`the clip says`, `the letter said`).
#[rustfmt::skip]
const DOCUMENTS: &[&str] = &[
    "ad", "ads", "clip", "video", "letter", "memo", "post", "tweet", "article", "editorial", "book",
    "lawsuit", "suit", "complaint", "filing", "release", "document", "documents", "data", "analysis",
    "review", "website", "site", "page", "transcript", "message", "email", "indictment", "ruling",
    "order", "bill", "law", "plan", "proposal", "policy", "agreement", "deal", "paper", "magazine",
    "statement", "report", "speech", "remarks", "testimony", "blog", "column", "op-ed", "essay",
    "interview", "affidavit", "submission",
];

/// Nouns in `-er` that name no agent.
#[rustfmt::skip]
const NOT_AGENTS: &[&str] = &[
    "weather", "water", "matter", "number", "power", "border", "winter", "summer", "river", "corner",
    "computer", "together", "other", "after", "under", "over", "never", "ever", "later", "letter",
    "paper", "order", "quarter", "character", "chapter", "disaster", "finger", "danger", "hunger",
];

/// Words before a name that are a title rather than part of the name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "gov.", "sen.", "rep.", "gen.", "col.", "lt.", "sgt.", "capt.",
    "prof.", "rev.", "adm.", "president", "president-elect", "vice", "prime", "minister",
    "secretary", "general", "mayor", "chancellor", "king", "queen", "prince", "princess", "pope",
    "judge", "justice", "senator", "governor", "representative", "professor", "chairman",
    "ambassador", "premier", "councillor", "councilor", "commissioner", "sheriff", "chief",
    "director", "coach", "speaker", "leader", "sir", "dame", "lord", "lady", "pastor", "father",
    "sister", "brother", "rabbi", "imam", "officer", "detective", "sergeant", "captain",
    "lieutenant",
    "colonel", "major", "admiral", "supreme", "attorney", "rival", "nominee", "candidate",
    "incumbent", "foreign", "defense", "defence", "deputy",
];

/// Words that begin a noun phrase: the parse of a speaker phrase stops after them.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "other",
    "some", "many", "several", "most", "all", "both", "few", "two", "three", "four", "another",
    "each", "one", "more",
];

/// Function words that cannot be inside a speaker phrase.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "that", "which", "who", "whom", "whose", "and", "or", "but", "nor", "to", "in", "on", "at",
    "by", "with", "from", "into", "about", "as", "than", "then", "when", "while", "if", "because",
    "since", "after", "before", "although", "though", "where", "it", "not", "no", "so", "also",
    "there", "here", "what", "how", "why", "would", "will", "can", "could", "should", "may",
    "might", "must", "he", "she", "they", "we", "i", "you", "him", "them", "us", "me", "said",
    "says", "say", "told", "according", "during", "over", "under", "against", "without", "via",
    "just", "even", "only", "still", "yet", "now", "however", "meanwhile", "whether", "like",
];

/// Words that may stand between a speaker phrase and its cue verb
/// (`Smith also said`, `Kim has repeatedly warned`, `Lee on Tuesday said`).
#[rustfmt::skip]
const BETWEEN_SPEAKER_AND_CUE: &[&str] = &[
    "has", "have", "had", "would", "will", "also", "later", "then", "once", "again", "further",
    "previously", "recently", "repeatedly", "separately", "similarly", "reportedly", "publicly",
    "privately", "earlier", "today", "yesterday", "on", "last", "week", "month", "year", "night",
    "morning", "afternoon", "evening", "often", "always", "never", "already", "even", "however", "has",
    "may", "might", "could", "can", "did", "does", "do", "now",
];

/// Auxiliaries and adverbs that belong to a cue phrase.
#[rustfmt::skip]
const CUE_MODIFIERS: &[&str] = &[
    "has", "have", "had", "would", "will", "also", "later", "then", "once", "again", "further",
    "now", "not", "never", "may", "might", "could", "can", "did", "does", "do", "previously",
    "recently", "often", "always", "already", "even", "just", "still",
];

/// Forms of `be` that make a following cue passive (`was told`).
const BE: &[&str] = &["is", "was", "are", "were", "be", "been", "being"];

/// Verbs whose subject is part of what they report (`The bill seems [to
/// fail]`), and the adverbs that attribute in their place (`He
/// [reportedly] left`).
const RAISING_CUES: &[&str] = &["seem", "seems", "seemed", "appear", "appears", "appeared", "reportedly", "allegedly"];

/// Participles after `be` whose subject is the one who holds the view, not
/// what the view is about (`voters are [concerned]`), and those of asking
/// and telling, whose subject is the one addressed (`she was [asked]`).
#[rustfmt::skip]
const SUBJECT_HOLDING_PARTICIPLES: &[&str] = &[
    "concerned", "convinced", "shocked", "outraged", "scared", "tired", "assured", "focused",
    "startled", "worried", "excited", "poised", "mystified", "attracted", "aligned", "unified",
    "persuaded", "intrigued", "satisfied", "delighted", "disappointed", "frustrated", "surprised",
    "pleased", "troubled", "alarmed", "encouraged", "determined", "committed", "opposed",
    "interested", "angered", "dismayed", "confused", "prepared", "inclined", "divided", "unsettled",
    "disturbed", "annoyed", "embarrassed", "impressed", "amused", "bothered", "relieved",
    "disgusted", "horrified", "terrified", "puzzled", "baffled", "stunned", "offended", "insulted",
    "asked", "told", "pressed", "questioned", "briefed", "informed", "quoted",
];

/// Auxiliaries and modals: a content with one is a clause, not a noun phrase.
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "do", "does", "did",
];

/// Words that link a sentence to the one before it (`However, ...`), as
/// written at a sentence's start.
pub const CONNECTIVES: &[&str] = &[
    "However",
    "In addition",
    "Moreover",
    "Meanwhile",
    "Still",
    "Also",
    "But",
    "And",
    "Yet",
    "Instead",
    "Furthermore",
];

/// What follows a connective opening `text` ([`CONNECTIVES`]) and the
/// spaces and commas after it; `None` when no connective opens it as a
/// word of its own.
pub fn after_connective(text: &str) -> Option<&str> {
    let rest = CONNECTIVES.iter().find_map(|c| text.strip_prefix(c))?;
    rest.starts_with([' ', ',']).then(|| rest.trim_start_matches([' ', ',']))
}

/// Words that introduce reported content after a cue.
pub const COMPLEMENTIZERS: &[&str] = &["that", "whether", "if"];

/// Prepositions that belong to the cue when the content is their object:
/// `described as`, `called for`, `asked about`, `agreed with` (PolNeAR dev:
/// cue F1 +0.003; `to` as well cost 0.018, as PolNeAR keeps an infinitive's
/// `to` in the content). Each is in the cue far more often than it opens
/// the content in PolNeAR train (`about` 460 to 26, `against` 106 to 0,
/// `at` 85 to 12, `over` 52 to 1); `in` (47 to 9) and `by` (32 to 5) are
/// left out, as they more often open an adjunct (`said in a statement`)
/// or the source of a passive.
pub const CUE_PARTICLES: &[&str] =
    &["as", "for", "about", "of", "with", "on", "against", "over", "toward", "towards", "upon", "into", "at", "from"];

/// Prepositions that, right after a say-type cue, mean no clause follows
/// (`said to be`, `spoke about`, `said in the past`).
#[rustfmt::skip]
const NOT_CONTENT: &[&str] = &[
    "to", "about", "of", "for", "with", "by", "at", "in", "on", "from", "into", "up", "out", "off",
    "after", "before", "during", "over", "under", "so", "and", "or", "but", "as", "goodbye",
    "hello", "nothing", "something", "yes", "no", "otherwise", "much", "more", "little",
];

/// Words of news outlets and agencies (`VOA Korean`, `the Associated Press`).
#[rustfmt::skip]
const OUTLET_WORDS: &[&str] = &[
    "news", "times", "post", "journal", "herald", "tribune", "press", "radio", "tv", "television",
    "network", "service", "agency", "daily", "magazine", "reuters", "bloomberg", "afp", "ap",
    "cnn", "bbc", "voa", "npr", "cbs", "nbc", "abc", "msnbc", "fox", "gazette", "guardian",
    "telegraph", "globe", "mail", "wire", "xinhua", "yonhap", "kcna", "politico", "axios",
    "breitbart", "ctv", "cbc", "sun", "star", "chronicle", "economist", "observer", "insider",
];

/// Nouns of the medium a statement was made through.
#[rustfmt::skip]
pub const CHANNELS: &[&str] = &[
    "email", "e-mail", "emails", "phone", "telephone", "statement", "statements", "interview",
    "interviews", "text", "tweet", "tweets", "twitter", "letter", "video", "podcast", "post",
    "message", "speech", "broadcast", "briefing", "conference", "call", "release", "memo",
    "facebook", "instagram", "x",
];

/// Prepositions that introduce a channel (`via email`, `in a statement`).
/// Prepositions that open an adjunct between a cue and its content
/// (`said during a rally that ...`, `says on its website that ...`).
pub const ADJUNCT_PREPOSITIONS: &[&str] =
    &["during", "at", "in", "on", "after", "before", "while", "with", "from", "via", "over", "through", "earlier"];

pub const CHANNEL_PREPOSITIONS: &[&str] = &["via", "by", "in", "over", "through", "on", "during"];

pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Time words that complete `last ...`, `earlier this ...`, `next ...`.
pub const TIME_UNITS: &[&str] = &["week", "month", "year", "weekend", "night", "morning", "afternoon", "evening"];

#[rustfmt::skip]
pub const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.",
    "dec.",
];

/// Deictic time words that are a time expression on their own.
pub const TIME_WORDS: &[&str] = &["today", "yesterday", "tonight", "recently", "earlier", "later"];

fn has(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

type WordSet = QuickSet<&'static str>;

/// The lists looked up for nearly every token, as hash sets: a linear scan
/// of the 170 reporting verbs was a tenth of the tagger's time.
/// The three lists of reporting verbs in one map, so that a word that is
/// none (most words) costs one lookup, not three; a verb on two lists plays
/// the role of the first of say, tell, evidence.
static CUES: LazyLock<QuickMap<&'static str, Cue>> = LazyLock::new(|| {
    let lists = [(EVIDENCE_CUES, Cue::Evidence), (TELL_CUES, Cue::Tell), (SAY_CUES, Cue::Say)];
    lists.into_iter().flat_map(|(list, cue)| list.iter().map(move |&w| (w, cue))).collect()
});
static PERSON_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| PERSON_NOUNS.iter().copied().collect());
static INSTITUTION_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| INSTITUTION_NOUNS.iter().copied().collect());
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| TITLES.iter().copied().collect());
static STOP_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Like [`has`] for a set of lowercase words.
fn in_set(set: &WordSet, word: &str) -> bool {
    find_lowercase(word, |w| set.contains(w).then_some(())).is_some()
}

/// `find` of `word` with ASCII letters lowercased. A capitalised word is
/// lowercased on the stack: no list word is longer than the buffer.
fn find_lowercase<T>(word: &str, find: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return find(word);
    }
    let mut buffer = [0u8; 24];
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok().and_then(find)
}

/// What role a verb plays as a cue, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// `said`: content may follow directly.
    Say,
    /// `told`: an addressee comes first, then `that ...`.
    Tell,
    /// `found`, `shows`: evidence rather than speech; reports content only
    /// through `that` (`the poll found that ...`).
    Evidence,
}

pub fn cue(word: &str) -> Option<Cue> {
    find_lowercase(word, |w| CUES.get(w).copied())
}

/// A verb that attributes a quotation in a frame after it: any [`cue`], or
/// one of [`QUOTATION_CUES`].
pub fn is_quotation_cue(word: &str) -> bool {
    cue(word).is_some() || has(QUOTATION_CUES, word)
}

/// `Some(plural)` if `word` is a speaker pronoun.
pub fn pronoun(word: &str) -> Option<bool> {
    PRONOUNS.iter().find(|(p, _)| p.eq_ignore_ascii_case(word)).map(|&(_, plural)| plural)
}

pub fn is_speaker_noun(word: &str) -> bool {
    is_person_noun(word) || in_set(&INSTITUTION_NOUN_SET, word)
}

/// A speaker noun for people (`officials`, `spokesman`), not a group or an
/// institution.
pub fn is_person_noun(word: &str) -> bool {
    in_set(&PERSON_NOUN_SET, word)
}

/// An agent noun (`announcer`, `businessman`, `activist`) or a document
/// (`clip`, `letter`): a possible speaker after a determiner.
pub fn is_agent_or_document(noun: &str) -> bool {
    let singular = noun.strip_suffix('s').filter(|s| s.len() > 3).unwrap_or(noun);
    let agent = ["er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee"]
        .iter()
        .any(|suffix| singular.ends_with(suffix))
        && !has(NOT_AGENTS, singular);
    agent || has(DOCUMENTS, noun) || is_speaker_noun(noun)
}

/// A text that says things for its author (`letter`, `statement`).
pub fn is_document(noun: &str) -> bool {
    has(DOCUMENTS, noun)
}

pub fn is_title(word: &str) -> bool {
    // `Vice-President`, `Vice-Premier`: a hyphenated title ends in one.
    let hyphenated = word.rsplit_once('-').is_some_and(|(_, last)| !last.is_empty() && in_set(&TITLE_SET, last));
    in_set(&TITLE_SET, word)
        || hyphenated
        || word.starts_with("then-")
        || word.starts_with("ex-")
        || word.eq_ignore_ascii_case("former")
}

pub fn is_determiner(word: &str) -> bool {
    has(DETERMINERS, word)
}

pub fn is_stop_word(word: &str) -> bool {
    in_set(&STOP_WORD_SET, word)
}

pub fn may_separate_speaker_and_cue(word: &str) -> bool {
    has(BETWEEN_SPEAKER_AND_CUE, word) || has(WEEKDAYS, word) || is_adverb(word)
}

/// Auxiliaries and adverbs that belong to a cue phrase (`has also said`).
pub fn modifies_cue(word: &str) -> bool {
    is_adverb(word) || has(CUE_MODIFIERS, word)
}

pub fn is_auxiliary(word: &str) -> bool {
    has(AUXILIARIES, word)
}

/// The cue role of a participle that opens a statement of its own after a
/// comma ([`SAY_PARTICIPLES`]).
pub fn participle_cue(word: &str) -> Option<Cue> {
    if has(TELL_PARTICIPLES, word) {
        Some(Cue::Tell)
    } else {
        has(SAY_PARTICIPLES, word).then_some(Cue::Say)
    }
}

/// A lowercase `-ing` form (`adding`, `citing`): after a comma, a
/// participle whose subject is the clause's before it.
pub fn is_participle(word: &str) -> bool {
    word.starts_with(|c: char| c.is_lowercase()) && word.ends_with("ing")
}

pub fn is_be(word: &str) -> bool {
    has(BE, word)
}

/// A cue whose subject is part of the attributed content, not its source:
/// a raising verb or adverb (`seems`, `reportedly`) or a passive (`is
/// expected`, `have been blamed for`), after any auxiliaries and adverbs,
/// and not one of the [`SUBJECT_HOLDING_PARTICIPLES`].
pub fn takes_subject_as_content(cue: &[&str]) -> bool {
    let modifier = |w: &str| has(CUE_MODIFIERS, w) || is_adverb(w) && !has(RAISING_CUES, w);
    let mut words = cue.iter().copied().skip_while(|w| modifier(w) && !is_be(w)).peekable();
    let Some(first) = words.next() else { return false };
    if has(RAISING_CUES, first) {
        return words.next().is_none();
    }
    if !is_be(first) {
        return false;
    }
    let mut rest = words.skip_while(|w| is_be(w) || modifier(w));
    let Some(participle) = rest.next() else { return false };
    let passive = participle.ends_with("ed") || participle.ends_with("en") || participle.ends_with("wn");
    let particle = rest.next();
    passive
        && participle.starts_with(|c: char| c.is_lowercase())
        && !has(SUBJECT_HOLDING_PARTICIPLES, participle)
        && particle.is_none_or(|p| has(CUE_PARTICLES, p))
        && rest.next().is_none()
}

/// Question words that open an indirect question (`asked why ...`, `told them how ...`).
pub fn is_wh(word: &str) -> bool {
    has(&["how", "why", "what", "when", "where", "who"], word)
}

pub fn is_complementizer(word: &str) -> bool {
    has(COMPLEMENTIZERS, word)
}

/// `about` before a number (`says about 550 students attend`): an
/// approximation opening the content, not a topic or a cue's particle.
pub fn approximates(word: &str, next: &str) -> bool {
    word.eq_ignore_ascii_case("about") && next.starts_with(|c: char| c.is_ascii_digit())
}

pub fn blocks_content(word: &str) -> bool {
    has(NOT_CONTENT, word)
}

pub fn is_outlet_word(word: &str) -> bool {
    has(OUTLET_WORDS, word)
}

pub fn is_channel(word: &str) -> bool {
    has(CHANNELS, word)
}

/// A lowercase word in `-ly` (`repeatedly`, `however` is listed apart).
pub fn is_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && word.starts_with(|c: char| c.is_lowercase())
}

pub fn is_in(list: &[&str], word: &str) -> bool {
    has(list, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passive_and_raising_cues_take_their_subject_as_content() {
        let takes = |cue: &str| takes_subject_as_content(&cue.split(' ').collect::<Vec<_>>());
        for cue in [
            "seems",
            "might seem",
            "has reportedly",
            "is expected",
            "is widely expected",
            "have often been blamed for",
            "was charged with",
            "is known as",
        ] {
            assert!(takes(cue), "{cue}");
        }
        // Active verbs, feelings and the addressee of a question keep their
        // subject as the source.
        for cue in [
            "said",
            "has said",
            "reportedly said",
            "seems to feel",
            "are concerned about",
            "was asked",
            "is saying",
            "is likely",
        ] {
            assert!(!takes(cue), "{cue}");
        }
    }

    #[test]
    fn set_lookups_need_lowercase_lists_and_ignore_case() {
        for list in [SAY_CUES, TELL_CUES, EVIDENCE_CUES, PERSON_NOUNS, INSTITUTION_NOUNS, TITLES, STOP_WORDS] {
            assert!(list.iter().all(|w| !w.bytes().any(|b| b.is_ascii_uppercase()) && w.len() <= 24), "{list:?}");
        }
        assert_eq!(cue("Said"), Some(Cue::Say));
        assert!(is_title("Sen.") && is_stop_word("Which") && !is_speaker_noun("weather"));
        assert!(is_speaker_noun("Ministry") && !is_person_noun("ministry") && is_person_noun("Officials"));
        assert!(is_title("Vice-President") && !is_title("Coca-Cola"));
    }
}
