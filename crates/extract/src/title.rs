//! Headlines: cutting the site name, section and slogan off a page title.

use crate::metadata::fold;

/// Separators between a title and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ", " ~ "];

/// The share of `a`'s words (lowercased) that also occur in `b`.
pub fn shared_word_share(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|w| b.contains(w)).count() as f64 / a.len() as f64
}

/// A title split at its most used separator, if it has one.
fn title_parts(title: &str) -> Option<(&'static str, Vec<&str>)> {
    let sep = TITLE_SEPARATORS.iter().filter(|s| title.contains(**s)).max_by_key(|s| title.matches(**s).count())?;
    let parts: Vec<&str> = title.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
    (parts.len() >= 2).then_some((*sep, parts))
}

/// The parts of a title that are not its longest part: where site names,
/// section names and slogans go (`Story | Section | Site`).
pub fn site_parts(title: &str) -> Vec<&str> {
    let Some((_, parts)) = title_parts(title) else { return Vec::new() };
    let longest = parts.iter().copied().max_by_key(|p| p.len()).unwrap_or_default();
    parts.into_iter().filter(|p| *p != longest).collect()
}

/// Cuts the site name off a title. Parts equal to the site name (or to the
/// part of it before its own separator) go; without a site name, a short
/// last part goes when the rest is the longer headline.
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let Some((sep, parts)) = title_parts(title) else {
        return title.to_string();
    };
    let is_site = |part: &str| {
        let part = fold(part);
        !part.is_empty()
            && site.is_some_and(|s| {
                s == part || s.starts_with(&part) && part.len() >= 4 || part.starts_with(s) && s.len() >= 4
            })
    };
    let kept: Vec<&str> = parts.iter().copied().filter(|p| !is_site(p)).collect();
    if kept.len() < parts.len() && !kept.is_empty() {
        return kept.join(sep);
    }
    // Without a known site name: `Headline | Section | Site` keeps the
    // headline when it is the longest part, `Headline - Site` drops a short
    // last part, and `Section | Headline` a label of a word or two before a
    // pipe (a pipe, unlike a dash, does not introduce a subtitle).
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let words = |p: &str| p.split_whitespace().count();
    if parts.len() >= 3 && parts.iter().all(|p| p.len() <= first.len()) {
        first.to_string()
    } else if words(last) <= 4 && first.len() > last.len() {
        parts[..parts.len() - 1].join(sep)
    } else if parts.len() == 2 && sep == " | " && words(first) <= 2 && words(last) >= 3 * words(first) {
        last.to_string()
    } else {
        title.to_string()
    }
}

/// A heading with the furniture templates put into it cut off: everything
/// from the first ` | ` (`Story | Opinion`, `Story | Section | Site`: a pipe
/// separates a headline from labels, headlines themselves do not use it) and
/// a last part equal to the site name (`Story – Artlyst`).
pub fn strip_heading_furniture(heading: &str, site: Option<&str>) -> String {
    let heading = heading.split(" | ").map(str::trim).find(|p| !p.is_empty()).unwrap_or(heading);
    let site_suffix = site.and_then(|site| {
        TITLE_SEPARATORS.iter().find_map(|sep| {
            let (head, tail) = heading.rsplit_once(sep)?;
            (fold(tail) == site && !head.trim().is_empty()).then(|| head.trim())
        })
    });
    site_suffix.unwrap_or(heading).to_string()
}

/// Whether `title` is `heading: rest` with `rest` (folded) one of `others`:
/// the `Blog Name: Post` shape of a `<title>` whose post headline the page
/// also declares on its own, which makes the heading a site name.
pub fn is_title_prefix(heading: &str, title: &str, others: &[&str]) -> bool {
    let (heading, title) = (heading.to_lowercase(), title.to_lowercase());
    let rest = title.strip_prefix(&heading).and_then(|rest| rest.trim_start().strip_prefix(':')).map(fold);
    rest.is_some_and(|rest| !rest.is_empty() && others.iter().any(|o| fold(o) == rest))
}

/// Whether `heading` is `title` with only template residue around it: a
/// label ending in a colon before (`Blog:`, `Title:`), a date of two to four
/// words, half of them with digits, before (`Dec 18 2025`), or up to three words with a number after (a
/// comment count, `(example.com) 87`). Anything longer is the headline's own
/// wording, which a shorter metadata title dropped.
pub fn wraps_title(heading: &str, title: &str) -> bool {
    let (heading, title) = (heading.to_lowercase(), title.to_lowercase());
    let Some(at) = heading.find(&title) else { return false };
    let (before, after) = (heading[..at].trim(), heading[at + title.len()..].trim());
    let words = |t: &str| t.split_whitespace().count();
    let has_digit = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    let label = before.ends_with(':') && words(before) <= 3;
    let date = (2..=4).contains(&words(before))
        && before.split_whitespace().filter(|w| has_digit(w)).count() * 2 >= words(before);
    let count = words(after) <= 3 && has_digit(after);
    !(before.is_empty() && after.is_empty()) && (before.is_empty() || label || date) && (after.is_empty() || count)
}

/// Whether a heading is set in capitals only: a display style, whose words the
/// metadata title usually gives in their real case.
pub fn is_all_caps(heading: &str) -> bool {
    heading.chars().any(char::is_uppercase) && !heading.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_cut_from_titles() {
        assert_eq!(strip_site_name("Storm hits coast | CNN", Some("cnn")), "Storm hits coast");
        assert_eq!(
            strip_site_name("The Verge - Storm hits the coast again", Some("theverge")),
            "Storm hits the coast again"
        );
        assert_eq!(strip_site_name("Storm hits the coast again - Daily Planet", None), "Storm hits the coast again");
        assert_eq!(strip_site_name("Mother - a short story", None), "Mother - a short story");
        assert_eq!(strip_site_name("Opinion | Storm hits the coast again", None), "Storm hits the coast again");
    }

    #[test]
    fn furniture_is_cut_from_headings() {
        assert_eq!(strip_heading_furniture("Why cats purr | Opinion", None), "Why cats purr");
        assert_eq!(strip_heading_furniture("Why cats purr | Pet Care | Vet Clinic", None), "Why cats purr");
        assert_eq!(strip_heading_furniture("Why cats purr – Cat Weekly", Some("catweekly")), "Why cats purr");
        assert_eq!(strip_heading_furniture("Why cats purr – a study", Some("catweekly")), "Why cats purr – a study");
    }

    #[test]
    fn a_heading_before_the_declared_headline_is_a_prefix() {
        let others = ["Ten years of tomatoes"];
        assert!(is_title_prefix("Garden Notes", "Garden Notes: Ten years of tomatoes", &others));
        assert!(!is_title_prefix("Garden Notes", "Garden Notes: Ten years of potatoes", &others));
        assert!(!is_title_prefix("Ten years", "Ten years of tomatoes", &others));
        assert!(!is_title_prefix("Ten years of tomatoes", "Ten years of tomatoes | Garden Notes", &["Garden Notes"]));
    }

    #[test]
    fn residue_around_a_title_is_recognised() {
        assert!(wraps_title("Notes: Why cats purr", "Why cats purr"));
        assert!(wraps_title("Mar 3 2024 Why cats purr", "Why cats purr"));
        assert!(wraps_title("Why cats purr (example.org) 12", "Why cats purr"));
        assert!(!wraps_title("Why cats purr", "Why cats purr"));
        assert!(!wraps_title("2024 Why cats purr", "Why cats purr"));
        assert!(!wraps_title("Cat Digest Issue #4 – Why cats purr", "Why cats purr"));
        assert!(!wraps_title("Why cats purr when they are happy", "Why cats purr"));
    }

    #[test]
    fn capitals_only_headings_are_recognised() {
        assert!(is_all_caps("SUPPORTING TAX FILING 2025"));
        assert!(!is_all_caps("Supporting tax filing"));
        assert!(!is_all_caps("2025"));
    }
}
