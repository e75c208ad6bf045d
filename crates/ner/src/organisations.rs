//! Organisations an event coder must know by name: intergovernmental
//! bodies, armed groups that cross borders, and the institutions news
//! names by their building or short form (`the White House`, `KCNA`).
//!
//! Written for newsgraph from public facts; names are lowercase words as
//! the tokenizer splits them, except acronyms, which must match in capitals
//! (`WHO` is the World Health Organization, `who` is a pronoun).

use std::borrow::Cow;

use newsgraph_doc::{QuickMap, Sector};

/// One known organisation (one institution, under each of its names): the code event data gives it (a country's
/// ISO 3166 alpha-3 code, `IGO`, or `IMG` for an armed group across borders),
/// its sector, and the names it goes by.
pub struct Organisation {
    pub code: &'static str,
    pub sector: Sector,
    pub names: &'static [&'static str],
}

use Sector::*;

pub const ORGANISATIONS: &[Organisation] = &[
    Organisation { code: "IGO", sector: Igo, names: &["united nations", "U.N.", "UN"] },
    Organisation {
        code: "IGO",
        sector: Igo,
        names: &["security council", "u.n. security council", "united nations security council", "UNSC"],
    },
    Organisation {
        code: "IGO",
        sector: Igo,
        names: &["general assembly", "u.n. general assembly", "united nations general assembly"],
    },
    Organisation {
        code: "IGO",
        sector: Igo,
        names: &["nato", "NATO", "north atlantic treaty organization", "north atlantic treaty organisation"],
    },
    Organisation { code: "IGO", sector: Igo, names: &["european union", "EU", "E.U."] },
    Organisation { code: "IGO", sector: Igo, names: &["european commission"] },
    Organisation { code: "IGO", sector: Igo, names: &["european community"] },
    Organisation { code: "IGO", sector: Igo, names: &["european parliament"] },
    Organisation { code: "IGO", sector: Igo, names: &["council of europe"] },
    Organisation { code: "IGO", sector: Igo, names: &["african union", "AU"] },
    Organisation { code: "IGO", sector: Igo, names: &["organization of african unity", "OAU"] },
    Organisation { code: "IGO", sector: Igo, names: &["economic community of west african states", "ECOWAS"] },
    Organisation { code: "IGO", sector: Igo, names: &["arab league", "league of arab states"] },
    Organisation { code: "IGO", sector: Igo, names: &["gulf cooperation council", "GCC"] },
    Organisation { code: "IGO", sector: Igo, names: &["world bank"] },
    Organisation { code: "IGO", sector: Igo, names: &["international monetary fund", "IMF"] },
    Organisation { code: "IGO", sector: Igo, names: &["world trade organization", "WTO"] },
    Organisation { code: "IGO", sector: Igo, names: &["OPEC", "organization of the petroleum exporting countries"] },
    Organisation { code: "IGO", sector: Igo, names: &["international atomic energy agency", "IAEA"] },
    Organisation { code: "IGO", sector: Igo, names: &["world health organization", "WHO"] },
    Organisation {
        code: "IGO",
        sector: Igo,
        names: &[
            "international labor office",
            "international labour office",
            "international labour organization",
            "international labor organization",
            "ILO",
        ],
    },
    Organisation { code: "IGO", sector: Igo, names: &["unicef", "UNICEF"] },
    Organisation { code: "IGO", sector: Igo, names: &["unhcr", "UNHCR", "u.n. refugee agency"] },
    Organisation { code: "IGO", sector: Igo, names: &["world food programme", "world food program", "WFP"] },
    Organisation { code: "IGO", sector: Igo, names: &["ASEAN", "association of southeast asian nations"] },
    Organisation { code: "IGO", sector: Igo, names: &["OSCE", "organization for security and cooperation in europe"] },
    Organisation { code: "IGO", sector: Igo, names: &["organization of american states", "OAS"] },
    Organisation { code: "IGO", sector: Igo, names: &["international criminal court", "ICC"] },
    Organisation { code: "IGO", sector: Igo, names: &["international court of justice", "ICJ"] },
    Organisation { code: "IGO", sector: Igo, names: &["G7", "group of seven"] },
    Organisation { code: "IGO", sector: Igo, names: &["G20", "group of 20"] },
    Organisation {
        code: "IGO",
        sector: Other,
        names: &["red cross", "international committee of the red cross", "ICRC"],
    },
    Organisation { code: "IGO", sector: Other, names: &["red crescent"] },
    Organisation { code: "IGO", sector: Other, names: &["amnesty international"] },
    Organisation { code: "IGO", sector: Other, names: &["human rights watch"] },
    Organisation { code: "IGO", sector: Other, names: &["doctors without borders", "medecins sans frontieres", "MSF"] },
    Organisation { code: "IMG", sector: Rebel, names: &["al-qaeda", "al qaeda", "al-qaida", "al qaida"] },
    Organisation { code: "IMG", sector: Rebel, names: &["islamic state", "ISIS", "ISIL", "daesh"] },
    Organisation { code: "IMG", sector: Rebel, names: &["al-shabab", "al-shabaab"] },
    Organisation { code: "IMG", sector: Rebel, names: &["boko haram"] },
    Organisation { code: "USA", sector: Government, names: &["white house"] },
    Organisation {
        code: "USA",
        sector: Government,
        names: &["state department", "u.s. state department", "department of state"],
    },
    Organisation { code: "USA", sector: Government, names: &["congress", "u.s. congress"] },
    Organisation { code: "USA", sector: Government, names: &["senate", "u.s. senate"] },
    Organisation { code: "USA", sector: Government, names: &["house of representatives"] },
    Organisation { code: "USA", sector: Government, names: &["treasury department", "u.s. treasury"] },
    Organisation { code: "USA", sector: Government, names: &["justice department", "department of justice"] },
    Organisation { code: "USA", sector: Government, names: &["department of homeland security"] },
    Organisation { code: "USA", sector: Government, names: &["CIA", "central intelligence agency"] },
    Organisation { code: "USA", sector: Government, names: &["FBI", "federal bureau of investigation"] },
    Organisation { code: "USA", sector: Government, names: &["national security council"] },
    Organisation {
        code: "USA",
        sector: Government,
        names: &["national intelligence council", "u.s. national intelligence council"],
    },
    Organisation { code: "USA", sector: Military, names: &["pentagon", "defense department", "department of defense"] },
    Organisation { code: "USA", sector: Military, names: &["u.s. army"] },
    Organisation { code: "USA", sector: Military, names: &["u.s. navy"] },
    Organisation { code: "USA", sector: Military, names: &["u.s. air force"] },
    Organisation { code: "USA", sector: Military, names: &["u.s. forces korea", "USFK"] },
    Organisation { code: "USA", sector: Media, names: &["voice of america", "VOA"] },
    Organisation { code: "USA", sector: Media, names: &["associated press", "AP"] },
    Organisation { code: "USA", sector: Media, names: &["CNN"] },
    Organisation { code: "USA", sector: Media, names: &["new york times"] },
    Organisation { code: "USA", sector: Media, names: &["washington post"] },
    Organisation { code: "USA", sector: Media, names: &["wall street journal"] },
    Organisation { code: "USA", sector: Media, names: &["fox news"] },
    Organisation { code: "USA", sector: Media, names: &["NPR"] },
    Organisation { code: "USA", sector: Media, names: &["radio free asia"] },
    Organisation { code: "USA", sector: Media, names: &["radio free europe"] },
    Organisation { code: "RUS", sector: Government, names: &["kremlin"] },
    Organisation { code: "RUS", sector: Government, names: &["duma", "state duma"] },
    Organisation { code: "RUS", sector: Media, names: &["tass", "TASS"] },
    Organisation { code: "RUS", sector: Media, names: &["ria novosti"] },
    Organisation { code: "RUS", sector: Media, names: &["interfax"] },
    Organisation { code: "PRK", sector: Media, names: &["korean central news agency", "KCNA"] },
    Organisation { code: "PRK", sector: Media, names: &["rodong sinmun"] },
    Organisation { code: "PRK", sector: Party, names: &["workers' party of korea", "korean workers' party"] },
    Organisation { code: "KOR", sector: Media, names: &["yonhap", "yonhap news agency"] },
    Organisation { code: "KOR", sector: Military, names: &["joint chiefs of staff"] },
    Organisation { code: "CHN", sector: Media, names: &["xinhua", "xinhua news agency"] },
    Organisation { code: "CHN", sector: Media, names: &["people's daily"] },
    Organisation { code: "CHN", sector: Media, names: &["global times"] },
    Organisation { code: "CHN", sector: Party, names: &["chinese communist party", "communist party of china", "CCP"] },
    Organisation { code: "GBR", sector: Media, names: &["reuters"] },
    Organisation { code: "GBR", sector: Media, names: &["BBC", "bbc"] },
    Organisation { code: "GBR", sector: Media, names: &["financial times"] },
    Organisation { code: "GBR", sector: Government, names: &["downing street"] },
    Organisation { code: "GBR", sector: Government, names: &["foreign office"] },
    Organisation { code: "GBR", sector: Government, names: &["house of commons"] },
    Organisation { code: "FRA", sector: Media, names: &["agence france-presse", "AFP"] },
    Organisation { code: "FRA", sector: Government, names: &["elysee", "élysée"] },
    Organisation { code: "QAT", sector: Media, names: &["al jazeera", "al-jazeera"] },
    Organisation { code: "JPN", sector: Media, names: &["kyodo", "kyodo news"] },
    Organisation { code: "JPN", sector: Media, names: &["NHK"] },
    Organisation { code: "AFG", sector: Rebel, names: &["taliban"] },
    Organisation { code: "LBN", sector: Rebel, names: &["hezbollah", "hizbollah"] },
    Organisation { code: "PSE", sector: Rebel, names: &["hamas"] },
    Organisation { code: "PSE", sector: Rebel, names: &["islamic jihad"] },
    Organisation { code: "PSE", sector: Government, names: &["palestinian authority"] },
    Organisation { code: "PSE", sector: Government, names: &["palestine liberation organization", "PLO"] },
    Organisation { code: "ISR", sector: Government, names: &["knesset"] },
    Organisation { code: "ISR", sector: Military, names: &["israel defense forces", "IDF"] },
];

/// Acronyms are written in capitals and must be matched so.
pub fn case_sensitive(name: &str) -> bool {
    name.chars().any(|c| c.is_uppercase())
}

/// Phrase lookup for the organisation list, by first word.
#[derive(Debug, Clone)]
pub struct OrganisationIndex {
    by_first: QuickMap<String, Vec<(usize, Vec<String>, bool)>>,
}

impl OrganisationIndex {
    pub fn new() -> OrganisationIndex {
        let mut by_first: QuickMap<String, Vec<(usize, Vec<String>, bool)>> = QuickMap::default();
        for (i, org) in ORGANISATIONS.iter().enumerate() {
            for name in org.names {
                let exact = case_sensitive(name);
                let words: Vec<String> = newsgraph_text::token_bytes(name, 0..name.len())
                    .into_iter()
                    .map(|r| normalise(&name[r], exact).into_owned())
                    .collect();
                by_first.entry(words[0].clone()).or_default().push((i, words, exact));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(_, w, _)| std::cmp::Reverse(w.len()));
        }
        OrganisationIndex { by_first }
    }

    /// The longest organisation name starting at `start`: (organisation, end).
    pub fn at(&self, lower: &[Cow<str>], exact: &[Cow<str>], start: usize) -> Option<(usize, usize)> {
        let mut found = None;
        // A word with nothing to lowercase (most words) is its own exact
        // form, and a second lookup of it would find nothing new.
        let keys = if lower[start] == exact[start] { 1 } else { 2 };
        for key in [&lower[start], &exact[start]].into_iter().take(keys) {
            for (org, words, case) in self.by_first.get(&**key).into_iter().flatten() {
                let source = if *case { exact } else { lower };
                let end = start + words.len();
                if end <= source.len() && source[start..end] == words[..] {
                    if found.is_none_or(|(_, e)| end > e) {
                        found = Some((*org, end));
                    }
                    break;
                }
            }
        }
        found
    }
}

/// A word as matched: straight apostrophes, and lowercase unless `exact`.
/// Borrowed when that changes nothing, as for most words.
pub fn normalise(word: &str, exact: bool) -> Cow<'_, str> {
    if word.is_ascii() {
        // No curly apostrophe to replace, and lowercasing is one allocation.
        return if exact || !word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_ascii_lowercase())
        };
    }
    let curly = ['’', '‘'];
    if exact && !word.contains(curly) {
        return Cow::Borrowed(word);
    }
    let w = word.replace(curly, "'");
    Cow::Owned(if exact { w } else { w.to_lowercase() })
}

impl Default for OrganisationIndex {
    fn default() -> Self {
        OrganisationIndex::new()
    }
}

impl OrganisationIndex {
    /// Every listed name over `words`, longest at each start, not
    /// overlapping: (tokens, organisation). A name in lowercase letters must
    /// be capitalised in the text (`the Senate`, not `the senate`).
    pub fn find_all(&self, words: &[&str]) -> Vec<(std::ops::Range<usize>, usize)> {
        let lower: Vec<Cow<str>> = words.iter().map(|w| normalise(w, false)).collect();
        let exact: Vec<Cow<str>> = words.iter().map(|w| normalise(w, true)).collect();
        let mut found = Vec::new();
        let mut t = 0;
        while t < words.len() {
            // Most words are not capitalised, and need no lookup.
            let capitalised = words[t].chars().next().is_some_and(char::is_uppercase);
            match capitalised.then(|| self.at(&lower, &exact, t)).flatten() {
                Some((org, end)) => {
                    found.push((t..end, org));
                    t = end;
                }
                None => t += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_names_match_capitalised_and_acronyms_in_capitals_only() {
        let index = OrganisationIndex::new();
        let words = ["The", "Korean", "Central", "News", "Agency", "and", "WHO", "said", "who", "met", "the", "senate"];
        let found: Vec<(std::ops::Range<usize>, &str)> =
            index.find_all(&words).into_iter().map(|(t, o)| (t, ORGANISATIONS[o].code)).collect();
        assert_eq!(found, vec![(1..5, "PRK"), (6..7, "IGO")]);
    }

    #[test]
    fn acronyms_are_single_words_and_codes_three_letters() {
        for org in ORGANISATIONS {
            assert_eq!(org.code.len(), 3, "{}", org.code);
            for name in org.names {
                assert!(!case_sensitive(name) || !name.contains(' '), "{name}: an acronym is one word");
                assert_eq!(name.trim(), *name);
            }
        }
    }
}
