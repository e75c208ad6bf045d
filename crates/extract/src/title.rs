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
    // last part.
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() >= 3 && parts.iter().all(|p| p.len() <= first.len()) {
        first.to_string()
    } else if last.split_whitespace().count() <= 4 && first.len() > last.len() {
        parts[..parts.len() - 1].join(sep)
    } else {
        title.to_string()
    }
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
    }
}
