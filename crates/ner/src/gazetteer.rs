//! Place and leader names from CountryInfo, matched as token phrases.
//!
//! The list shipped in `data/countries.tsv` is built from the CountryInfo
//! file of the Open Event Data project (CC BY-SA 3.0) by
//! `newsgraph train countries`: one line a name, `code<TAB>kind<TAB>name`,
//! the name lowercased with its words separated by single spaces. The
//! tagger sees a match as a feature, not as an answer: `Jordan` is a country
//! and a basketball player, `Chad` a country and a first name.

use newsgraph_doc::QuickMap;
use newsgraph_learn::hash_ascii_lowercase;

use crate::LineError;

/// What a gazetteer name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A country's name, a synonym or the adjective of its people (`German`).
    Country,
    Capital,
    City,
    /// A region or geographical feature (`Bavaria`, `the Alps`).
    Region,
    /// A head of state or government, or a minister.
    Leader,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Country, Kind::Capital, Kind::City, Kind::Region, Kind::Leader];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Capital => "capital",
            Kind::City => "city",
            Kind::Region => "region",
            Kind::Leader => "leader",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// One name of the list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// ISO 3166 alpha-3 code of the country the name belongs to.
    pub code: String,
    pub kind: Kind,
    /// Lowercased words separated by single spaces.
    pub name: String,
}

/// A match of a name over a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Index of the entry in [`Gazetteer::entries`].
    pub entry: usize,
}

/// The names, indexed by their first word for phrase matching.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Hashes of a name's lowercased first word, and of its second for
    /// names of two words or more -> the entries, longest first. Hashing
    /// lets a lookup skip lowercasing the text; keying on two words keeps
    /// `John` from trying every leader called John.
    by_start: QuickMap<(u64, u64), Vec<usize>>,
    /// One bit a name's first word, at its hash modulo [`FIRST_WORD_BITS`]:
    /// four words of five in news start no name, and a clear bit says so
    /// without probing `by_start`, a table of megabytes, twice.
    first_words: Vec<u64>,
    /// Words in each entry's name.
    lengths: Vec<usize>,
}

/// The key of a name's one-word start.
const ONE_WORD: u64 = 0;

/// Size of [`Gazetteer::first_words`]: 16 KB for about 12,000 first words,
/// so that one word in ten that starts no name passes anyway.
const FIRST_WORD_BITS: u64 = 1 << 17;

impl Gazetteer {
    /// The list shipped with newsgraph.
    pub fn shipped() -> Gazetteer {
        Gazetteer::parse(include_str!("../data/countries.tsv")).expect("the shipped gazetteer is well formed")
    }

    /// Reads the `code<TAB>kind<TAB>name` lines of a list.
    pub fn parse(text: &str) -> Result<Gazetteer, LineError> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: &str| LineError { line: i + 1, message: message.to_string() };
            let mut fields = line.split('\t');
            let (Some(code), Some(kind), Some(name), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(error("expected three tab-separated fields: code, kind, name"));
            };
            let kind = Kind::parse(kind).ok_or_else(|| error(&format!("unknown kind {kind:?}")))?;
            if name.is_empty() {
                return Err(error("empty name"));
            }
            entries.push(Entry { code: code.to_string(), kind, name: name.to_string() });
        }
        Ok(Gazetteer::from_entries(entries))
    }

    pub fn from_entries(entries: Vec<Entry>) -> Gazetteer {
        let lengths: Vec<usize> = entries.iter().map(|e| e.name.split(' ').count()).collect();
        let mut by_start: QuickMap<(u64, u64), Vec<usize>> = QuickMap::default();
        let mut first_words = vec![0u64; (FIRST_WORD_BITS / 64) as usize];
        for (i, e) in entries.iter().enumerate() {
            let mut words = e.name.split(' ');
            let first = lowercase_hash(words.next().unwrap_or_default());
            let second = words.next().map_or(ONE_WORD, lowercase_hash);
            by_start.entry((first, second)).or_default().push(i);
            let bit = first % FIRST_WORD_BITS;
            first_words[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        // Longest names first; where countries share a name (`serbian` is
        // listed under Serbia and Montenegro), the one whose code starts
        // like the name.
        for list in by_start.values_mut() {
            list.sort_by_key(|&i| {
                let e = &entries[i];
                let unlike = !e.code.as_bytes()[..1].eq_ignore_ascii_case(&e.name.as_bytes()[..1]);
                (std::cmp::Reverse(lengths[i]), unlike)
            });
        }
        Gazetteer { entries, by_start, first_words, lengths }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every name over `words` (compared lowercased), the longest one at each
    /// start, of each kind; matches of different kinds may overlap.
    pub fn matches(&self, words: &[&str]) -> Vec<Match> {
        let hashes: Vec<u64> = words.iter().map(|w| lowercase_hash(w)).collect();
        self.matches_hashed(words, &hashes)
    }

    /// [`Gazetteer::matches`] for a caller that has each word's
    /// [`lowercase_hash`] already.
    pub fn matches_hashed(&self, words: &[&str], hashes: &[u64]) -> Vec<Match> {
        let mut found = Vec::new();
        for start in 0..words.len() {
            let bit = hashes[start] % FIRST_WORD_BITS;
            if self.first_words[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let mut seen_kinds = Vec::new();
            // Names of two words or more, then of one.
            let keys = [hashes.get(start + 1).map(|&second| (hashes[start], second)), Some((hashes[start], ONE_WORD))];
            for key in keys.into_iter().flatten() {
                let Some(candidates) = self.by_start.get(&key) else { continue };
                for &i in candidates {
                    let entry = &self.entries[i];
                    let len = self.lengths[i];
                    if seen_kinds.contains(&entry.kind) || start + len > words.len() {
                        continue;
                    }
                    if entry.name.split(' ').zip(&words[start..]).all(|(name, word)| same_lowercase(word, name)) {
                        seen_kinds.push(entry.kind);
                        found.push(Match { start, end: start + len, kind: entry.kind, entry: i });
                    }
                }
            }
        }
        found
    }
}

/// FNV-1a of the lowercased word, without building it.
pub fn lowercase_hash(word: &str) -> u64 {
    // Most words: the same bytes a character at a time would give.
    if word.is_ascii() {
        return hash_ascii_lowercase(word);
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buffer = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buffer).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Whether `word` lowercased is `lower`.
fn same_lowercase(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len() && word.bytes().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// The names of the CountryInfo file (the Open Event Data project's
/// `CountryInfo.txt`), for `data/countries.tsv`: each country's name and
/// the synonyms and adjectives under `<Nationality>`, its capitals, major
/// cities, regions and geographical features, and its leaders and
/// ministers. Names are written there in capitals with `_` between words.
pub fn from_country_info(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut code = String::new();
    let mut section: Option<Kind> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("<CountryCode>") {
            code = rest.split('<').next().unwrap_or_default().trim().to_string();
            // The file predates Timor-Leste's ISO code.
            if code == "TMP" {
                code = "TLS".to_string();
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("<CountryName>") {
            push_name(&mut entries, &code, Kind::Country, rest.split('<').next().unwrap_or_default());
            continue;
        }
        // Section tags open and close lists of names; tags inside a list
        // (`<President>` under `<Leaders>`) only group them.
        match line {
            "<Nationality>" => section = Some(Kind::Country),
            "<Capital>" => section = Some(Kind::Capital),
            "<MajorCities>" => section = Some(Kind::City),
            "<Regions>" | "<GeogFeatures>" => section = Some(Kind::Region),
            "<Leaders>" | "<Government>" => section = Some(Kind::Leader),
            "</Nationality>" | "</Capital>" | "</MajorCities>" | "</Regions>" | "</GeogFeatures>" | "</Leaders>"
            | "</Government>" | "</Country>" => section = None,
            _ => {
                if let (Some(kind), false) = (section, line.starts_with('<') || line.is_empty()) {
                    // The name is the first field; dates and comments follow.
                    let name = line.split(['[', '#', '\t']).next().unwrap_or_default();
                    push_name(&mut entries, &code, kind, name);
                }
            }
        }
    }
    entries.sort();
    entries.dedup();
    entries
}

fn push_name(entries: &mut Vec<Entry>, code: &str, kind: Kind, raw: &str) {
    // Synonyms of one person are written `{VLADIMIR_PUTIN_}{VLADIMIR_VLADIMIROVICH_PUTIN_}`.
    if raw.contains('{') {
        for alternative in raw.split(['{', '}']).filter(|a| !a.trim().is_empty()) {
            push_name(entries, code, kind, alternative);
        }
        return;
    }
    let words: Vec<String> = raw.split(['_', ' ']).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    // Comma-inverted forms (`KOREA,_NORTH_`) and bracketed notes are index
    // keys, not names anyone writes; a few names lost their accents to a
    // broken encoding.
    if words.is_empty()
        || code.is_empty()
        || words.iter().any(|w| w.contains([',', '(', ')', '\u{fffd}']) || w.contains(char::is_control))
    {
        return;
    }
    let name = split_possessive(&words.join(" "));
    entries.push(Entry { code: code.to_string(), kind, name });
}

/// Writes `'s` as its own word, as the tokenizer splits it (`people 's`).
fn split_possessive(name: &str) -> String {
    name.replace("'s", " 's").replace("  ", " ")
}

/// The list as `data/countries.tsv` stores it.
pub fn to_tsv(entries: &[Entry]) -> String {
    let mut out = String::from(
        "# Names from CountryInfo.txt (Open Event Data, CC BY-SA 3.0); made by `newsgraph train countries`.\n",
    );
    for e in entries {
        out.push_str(&format!("{}\t{}\t{}\n", e.code, e.kind.name(), e.name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hash_as_their_lowercase_ascii_or_not() {
        assert_eq!(lowercase_hash("PyongYang"), newsgraph_learn::hash("pyongyang"));
        assert_eq!(lowercase_hash("ÉCOLE"), newsgraph_learn::hash("école"));
    }

    const SAMPLE: &str = "<Country>\n<CountryCode>PRK</CountryCode>   #from another list\n<CountryName>NORTH_KOREA</CountryName>\n\
        <Nationality>\n\tNORTH_KOREAN_\n\tKOREA,_NORTH_\n\tDPRK_\n</Nationality>\n<Capital>\n\tPYONGYANG_\n</Capital>\n\
        <Leaders>\n\t<President>\n\t\tKIM_IL_SUNG_\t\t[19720101 - 19940708]\n\t\t{KIM_JONG_IL_}{KIM_JONG-IL_}\t[19940708 - 20111217]\n\t</President>\n</Leaders>\n</Country>\n";

    #[test]
    fn country_info_names_become_lowercase_phrases_with_their_code() {
        let entries = from_country_info(SAMPLE);
        let names: Vec<(&str, Kind)> = entries.iter().map(|e| (e.name.as_str(), e.kind)).collect();
        assert!(names.contains(&("north korea", Kind::Country)));
        assert!(names.contains(&("north korean", Kind::Country)));
        assert!(names.contains(&("dprk", Kind::Country)));
        assert!(names.contains(&("pyongyang", Kind::Capital)));
        assert!(names.contains(&("kim il sung", Kind::Leader)));
        assert!(names.contains(&("kim jong il", Kind::Leader)) && names.contains(&("kim jong-il", Kind::Leader)));
        assert!(!names.iter().any(|(n, _)| n.contains(',')), "inverted index keys are dropped: {names:?}");
        assert!(entries.iter().all(|e| e.code == "PRK"));
    }

    #[test]
    fn the_list_round_trips_and_matches_the_longest_name() {
        let g = Gazetteer::parse(&to_tsv(&from_country_info(SAMPLE))).unwrap();
        let words = ["The", "NORTH", "Korean", "leader", "visited", "Pyongyang", "and", "north", "Korea"];
        let m = g.matches(&words);
        let spans: Vec<(usize, usize, Kind)> = m.iter().map(|m| (m.start, m.end, m.kind)).collect();
        assert_eq!(spans, vec![(1, 3, Kind::Country), (5, 6, Kind::Capital), (7, 9, Kind::Country)]);
        assert_eq!(g.entries()[m[0].entry].code, "PRK");
    }

    #[test]
    fn a_malformed_line_is_named() {
        let err = Gazetteer::parse("PRK\tcountry\tnorth korea\nPRK\tplanet\tmars\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("planet"));
    }

    #[test]
    fn the_shipped_list_knows_the_seed_countries() {
        let g = Gazetteer::shipped();
        let code = |words: &[&str]| g.matches(words).first().map(|m| g.entries()[m.entry].code.clone());
        assert_eq!(code(&["North", "Korea"]).as_deref(), Some("PRK"));
        assert_eq!(code(&["Pyongyang"]).as_deref(), Some("PRK"));
        assert_eq!(code(&["South", "Korea"]).as_deref(), Some("KOR"));
        assert_eq!(code(&["Japan"]).as_deref(), Some("JPN"));
    }
}
