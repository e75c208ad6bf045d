//! The article's language: the page's declaration when it has one, else a
//! cheap guess from the most frequent function words.

use std::borrow::Cow;
use std::sync::LazyLock;

use newsgraph_doc::QuickMap;

/// The primary subtag of a language tag (`en-US`, `de_DE`, `EN` -> `en`),
/// if it looks like an ISO 639 code.
pub fn primary_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// Function words frequent in running text and rare in the other languages
/// listed; ten per language is enough to tell paragraphs apart.
const STOPWORDS: &[(&str, &[&str])] = &[
    ("en", &["the", "and", "of", "to", "is", "that", "with", "for", "was", "this"]),
    ("de", &["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auch", "ein"]),
    ("fr", &["le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "pas"]),
    ("es", &["el", "los", "las", "que", "del", "por", "una", "con", "para", "como"]),
    ("it", &["il", "che", "della", "per", "una", "sono", "non", "gli", "nel", "anche"]),
    ("pt", &["os", "que", "não", "uma", "com", "para", "do", "da", "são", "como"]),
    ("nl", &["het", "een", "van", "en", "niet", "dat", "zijn", "met", "voor", "ook"]),
];

/// Each function word and the languages whose list has it, a bit each in
/// the order of [`STOPWORDS`]: one lookup a word instead of a comparison
/// with every word of every list.
static LANGUAGES_OF: LazyLock<QuickMap<&'static str, u16>> = LazyLock::new(|| {
    const { assert!(STOPWORDS.len() <= 16, "a bit a language") };
    let mut languages: QuickMap<&'static str, u16> = QuickMap::default();
    for (i, (_, list)) in STOPWORDS.iter().enumerate() {
        for &word in *list {
            *languages.entry(word).or_default() |= 1 << i;
        }
    }
    languages
});

/// Guesses the language of a text from function words; `None` when the text
/// is too short or no language stands out.
pub fn detect(text: &str) -> Option<String> {
    let mut counts = [0usize; STOPWORDS.len()];
    let mut words = 0;
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(2000) {
        words += 1;
        // Most words are lowercase ASCII already.
        let word = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_lowercase())
        };
        let Some(&languages) = LANGUAGES_OF.get(word.as_ref()) else { continue };
        for (i, count) in counts.iter_mut().enumerate() {
            *count += usize::from(languages >> i & 1 == 1);
        }
    }
    let (best, &hits) = counts.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    // At least a few percent of the words must be function words of one language.
    (words >= 20 && hits * 25 >= words).then(|| STOPWORDS[best].0.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_reduce_to_their_primary_subtag() {
        assert_eq!(primary_tag("en-US").as_deref(), Some("en"));
        assert_eq!(primary_tag("de_DE").as_deref(), Some("de"));
        assert_eq!(primary_tag("x"), None);
    }

    #[test]
    fn stopwords_tell_languages_apart() {
        let en =
            "The minister said that the plan was ready and that it is the best one for the country, with more to come.";
        let de = "Der Minister sagte, dass der Plan fertig ist und die Regierung sich nicht mit der Opposition einigen will, auch wenn das schwer ist.";
        assert_eq!(detect(&en.repeat(2)).as_deref(), Some("en"));
        assert_eq!(detect(&de.repeat(2)).as_deref(), Some("de"));
        assert_eq!(detect("Too short."), None);
    }
}
