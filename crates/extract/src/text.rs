//! Plain-text pages: text copied or converted from a web page, with the
//! template's residue still around the article.
//!
//! Every non-empty line is a paragraph. The article's prose is the run from
//! the first to the last line that reads as a sentence; short lines inside
//! it (section subheads) stay, short lines outside it go. Lines that are
//! template residue by their form go wherever they are: postal addresses,
//! contact labels, locale codes left by a language switcher, share bars.
//! The heading lines just before the prose give the title, byline and date.

use newsgraph_doc::Article;

use crate::{boilerplate, date, lang};

/// Extracts the article from plain text.
pub fn extract_text(text: &str) -> Article {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !is_residue(l)).collect();
    let first_prose = lines.iter().position(|l| is_prose(l));
    let last_prose = lines.iter().rposition(|l| is_prose(l));
    let (heading, body): (&[&str], &[&str]) = match (first_prose, last_prose) {
        (Some(first), Some(last)) => {
            // The heading is the few lines right above the prose; lines
            // farther up are menus and template text.
            (&lines[first.saturating_sub(MAX_HEADING_LINES)..first], &lines[first..=last])
        }
        _ => (&lines[..lines.len().min(1)], &lines[lines.len().min(1)..]),
    };

    let mut article = Article::default();
    for line in heading {
        if let Some(names) = byline(line) {
            article.byline = names;
        } else if let Some(published) = date_line(line) {
            article.published = Some(published);
            article.published_source = Some("text".to_string());
        } else if article.title.is_none() && !is_prose(line) {
            article.title = Some(line.to_string());
        }
    }
    article.set_paragraphs(body.iter().filter(|l| !boilerplate::is_boilerplate_line(l)));
    article.language = lang::detect(&article.body);
    article
}

/// Title, byline and date lines: more above the prose are not its heading.
const MAX_HEADING_LINES: usize = 3;

/// A line that reads as running text: a sentence of some length, or long
/// enough that it cannot be a label.
fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '”', '’', '…', ':', ')']);
    words >= 20 || words >= 6 && ends_sentence
}

/// Template residue recognisable by form alone, anywhere in the text.
fn is_residue(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= MAX_RESIDUE_WORDS
        && (boilerplate::is_locale_line(line)
            || is_contact_label(line)
            || is_street_line(line)
            || is_postcode_line(line))
}

/// Residue lines are short; a sentence that mentions a street is prose.
const MAX_RESIDUE_WORDS: usize = 8;

/// `Physical Address`, `Phone:`, `E-mail: x@y.z`: the labels of a contact block.
fn is_contact_label(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "address",
        "phone",
        "telephone",
        "tel",
        "fax",
        "email",
        "e-mail",
        "contact us",
        "opening hours",
        "anschrift",
        "adresse",
        "telefon",
        "dirección",
        "teléfono",
        "indirizzo",
    ];
    let lower = line.to_lowercase();
    let head = lower.split(':').next().unwrap_or_default();
    head.split_whitespace().count() <= 3
        && LABELS.iter().any(|l| head.split_whitespace().any(|w| w == *l) || head == *l)
}

/// `304 North Cardinal St.`, `Hauptstraße 5`, `P.O. Box 12`: a house number
/// and a street-type word, or a post box.
fn is_street_line(line: &str) -> bool {
    const STREET_WORDS: &[&str] = &[
        "st",
        "street",
        "ave",
        "avenue",
        "rd",
        "road",
        "blvd",
        "boulevard",
        "lane",
        "ln",
        "drive",
        "dr",
        "way",
        "court",
        "ct",
        "place",
        "pl",
        "square",
        "sq",
        "suite",
        "highway",
        "hwy",
        "parkway",
        "pkwy",
        "straße",
        "strasse",
        "str",
        "weg",
        "platz",
        "allee",
        "gasse",
        "rue",
        "via",
        "calle",
        "avenida",
    ];
    let lower = line.to_lowercase();
    if lower.starts_with("p.o. box") || lower.starts_with("po box") || lower.starts_with("postfach") {
        return true;
    }
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let has_number = words.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.len() <= 6);
    let has_street_word = words.iter().any(|w| {
        let w = w.trim_end_matches('.');
        STREET_WORDS.contains(&w)
            || ["straße", "strasse", "weg", "platz", "allee", "gasse"].iter().any(|s| w.ends_with(s))
    });
    has_number && has_street_word
}

/// `Dorchester Center, MA 02124` (US state and ZIP), `10115 Berlin`,
/// `London SW1A 2AA`: a postal code with a place name.
fn is_postcode_line(line: &str) -> bool {
    let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let digits = |w: &str, n: usize| w.len() == n && w.bytes().all(|b| b.is_ascii_digit());
    let us_zip =
        |w: &str| digits(w, 5) || w.len() == 10 && digits(&w[..5], 5) && w.as_bytes()[5] == b'-' && digits(&w[6..], 4);
    let state = |w: &str| w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    let us = words.windows(2).any(|p| state(p[0]) && us_zip(p[1]));
    // Continental: a 5-digit code opening the line, then a place name
    // (4 digits would take `2024 Budget` for a postcode).
    let continental =
        words.len() >= 2 && digits(words[0], 5) && words[1].starts_with(char::is_uppercase) && words.len() <= 4;
    let uk = words.windows(2).any(|p| is_uk_outward(p[0]) && is_uk_inward(p[1]));
    us || continental || uk
}

fn is_uk_outward(w: &str) -> bool {
    let b = w.as_bytes();
    (2..=4).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && b.iter().any(u8::is_ascii_digit)
}

fn is_uk_inward(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
}

/// `By Jane Doe and John Roe`: the names, if the line is a byline.
fn byline(line: &str) -> Option<Vec<String>> {
    let rest = ["By ", "by ", "BY ", "Von ", "Par ", "Por "].iter().find_map(|p| line.strip_prefix(p))?;
    let names: Vec<String> = rest
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.split_whitespace().count() <= 5 && date::find_in_text(n).is_none())
        .map(String::from)
        .collect();
    (!names.is_empty() && line.split_whitespace().count() <= 15).then_some(names)
}

/// A short line that is a date (`November 19, 2024 8:00 AM`).
fn date_line(line: &str) -> Option<String> {
    (line.split_whitespace().count() <= 8).then(|| date::find_in_text(line)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_forms_are_residue() {
        assert!(is_residue("Physical Address"));
        assert!(is_residue("1600 Pennsylvania Avenue NW"));
        assert!(is_residue("Washington, DC 20500"));
        assert!(is_residue("Hauptstraße 5"));
        assert!(is_residue("10115 Berlin"));
        assert!(is_residue("London SW1A 2AA"));
        assert!(is_residue("fr_FRFrançais"));
        assert!(!is_residue("Nuclear rhetoric"));
        assert!(!is_residue("The embassy on 5th Avenue said the talks would resume in 2025."));
    }
}
