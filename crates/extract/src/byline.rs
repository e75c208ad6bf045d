//! Bylines: author names out of the strings pages put them in
//! (`By Jane Doe and John Roe`, `Dylan Bailey, MS, RD`, `Written By:Jane
//! DoeLast Updated: July 18`).

use crate::date;
use crate::metadata::{clean, decode_entities};

/// The names in a `By Jane Doe and John Roe` line within a text.
pub fn by_line(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for word in BY_LABELS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(word) {
            let start = from + pos;
            from = start + word.len();
            let at_word_start = start == 0 || lower[..start].ends_with([' ', '\n', '|', '(']);
            let followed = text[from..].starts_with([' ', '\u{a0}', ':']);
            if !(at_word_start && followed) {
                continue;
            }
            let line = text[from..].lines().next().unwrap_or_default();
            let names: Vec<&str> = line
                .trim_start_matches(':')
                .split_whitespace()
                .take_while(|w| {
                    w.starts_with(char::is_uppercase)
                        || matches!(*w, "and" | "und" | "&" | "et" | "y" | "de" | "van" | "von")
                })
                .take(8)
                .collect();
            let names = names.join(" ");
            if names.split_whitespace().count() >= 2 {
                return Some(names.trim_end_matches([',', '|', '.']).to_string());
            }
        }
    }
    None
}

/// Labels before a byline, longest first so `written by` beats `by`.
const BY_LABELS: &[&str] = &[
    "written by",
    "posted by",
    "reviewed by",
    "published by",
    "the author",
    "authors",
    "author",
    "autor",
    "auteur",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "text",
];

/// Lowercase words that belong inside names (`Marna van der Merwe`).
const NAME_PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "von", "da", "di", "del", "della", "la", "le", "du", "dos", "bin", "al", "ter", "ten",
    "zu",
];

/// Splits an author string into names, dropping a `By`, credentials after
/// commas (`MS`, `Ph.D.`), trailing dates and roles, handles and URLs.
pub fn split_names(text: &str) -> Vec<String> {
    let text = decode_entities(text);
    let text = text.trim();
    if text.starts_with("http") || text.contains('@') && !text.starts_with('@') {
        return Vec::new();
    }
    text.split([',', ';', '&', '|', '/', '\n', '·', '•'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" und ")))
        .filter_map(|part| name_in(part.trim().trim_start_matches('@')))
        .filter(|n| is_name(n))
        .collect()
}

/// The name in one part of a byline: label cut off, and the name ended at a
/// date, a number or a lowercase word (`Jane Doe Published on July 18` and
/// `MixmasterFred in Workshop` keep only the name).
fn name_in(part: &str) -> Option<String> {
    let mut part = part.trim();
    loop {
        let lower = part.to_lowercase();
        let Some(label) =
            BY_LABELS.iter().find(|l| lower.starts_with(*l) && !part[l.len()..].starts_with(char::is_alphanumeric))
        else {
            break;
        };
        part = part[label.len()..].trim_start_matches([':', ' ', '\u{a0}', '-']);
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let next_is_number = words.get(i + 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        let capitalized = word.starts_with(|c: char| c.is_uppercase());
        let ends_name = word.contains(|c: char| c.is_ascii_digit())
            || NAME_ENDS.contains(&word.trim_end_matches(':').to_lowercase().as_str())
            || matches!(*word, "-" | "–" | "—")
            || date::find_in_text(&format!("{word} 1 2000")).is_some() && next_is_number
            || !kept.is_empty() && !capitalized && !NAME_PARTICLES.contains(word);
        if ends_name {
            break;
        }
        kept.push(word);
    }
    // `ASU Online ASU Online`: the same name twice from a nested label.
    let half = kept.len() / 2;
    if kept.len() % 2 == 0 && half > 0 && kept[..half] == kept[half..] {
        kept.truncate(half);
    }
    clean(&kept.join(" ")).filter(|name| !NOT_NAMES.contains(&name.to_lowercase().as_str()))
}

/// Capitalised words that end a byline rather than continue the name:
/// the label of the next item in the same line.
const NAME_ENDS: &[&str] = &[
    "last",
    "published",
    "updated",
    "posted",
    "sponsored",
    "reviewed",
    "fact",
    "medically",
    "save",
    "share",
    "table",
    "follow",
    "read",
    "min",
    "minutes",
    "comments",
    "email",
    "on",
    "am",
    "veröffentlicht",
    "aktualisiert",
    "publié",
];

/// Link texts found next to bylines that are never someone's name.
const NOT_NAMES: &[&str] = &[
    "bluesky",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "mastodon",
    "x",
    "email",
    "rss",
    "github",
    "youtube",
    "threads",
    "articles",
    "people",
    "member login",
    "login",
    "sat",
    "sun",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "admin",
    "staff",
    "editor",
    "guest",
    "author",
    "view all posts",
    "more",
];

/// A person or organisation name: one to six words, mostly letters, not a
/// credential, a date or a sentence.
fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let is_credential = words.iter().all(|w| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.chars().count() <= 5
            && (letters.chars().all(char::is_uppercase) || w.contains('.') && letters.len() <= 3)
    });
    (1..=6).contains(&words.len())
        && letters * 10 >= name.chars().count() * 7
        && !is_credential
        && date::find_in_text(name).is_none()
        && !date::is_month(name)
}

/// Names in order, each once.
pub fn unique(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_strings_become_names() {
        assert_eq!(split_names("By Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(split_names("Dylan Bailey, MS, RD, FAND"), vec!["Dylan Bailey"]);
        assert_eq!(split_names("Genevieve Carlton, Ph.D."), vec!["Genevieve Carlton"]);
        assert!(split_names("https://example.com/authors/jane").is_empty());
        assert_eq!(by_line("Storm hits coast By Jane Doe | Nov 19, 2024").as_deref(), Some("Jane Doe"));
    }
}
