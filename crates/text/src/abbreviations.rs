//! Words whose trailing period is not a full stop.

/// Titles that stand before a name (`Mr. Kim`, `Gov. Newsom`): a period after
/// them never ends a sentence.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Adm", "Capt", "Cmdr", "Col", "Det", "Dr", "Gen", "Gov", "Hon", "Lt", "Maj", "Messrs", "Mr",
    "Mrs", "Ms", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt",
];

/// Abbreviations that usually continue the sentence (`U.S. troops`, `Feb. 3`,
/// `No. 2`) but may also close it (`... based in the U.S. The ...`).
#[rustfmt::skip]
const OTHERS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Jr",
    "Sr", "St", "Ste", "Ave", "Blvd", "Rd", "Mt", "Ft", "No", "Nos", "Inc", "Corp", "Co", "Ltd",
    "Bros", "vs", "etc", "approx", "est", "Dept", "Univ", "Assn",
];

/// Capitalised words that begin sentences but rarely follow an abbreviation
/// inside one: after `U.S.` or `Inc.` they signal a new sentence.
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "A", "After", "All", "An", "And", "As", "At", "But", "By", "For", "He", "Her", "His", "How",
    "I", "If", "In", "It", "Its", "Many", "Meanwhile", "Most", "Now", "On", "One", "Our", "She",
    "Since", "So", "Some", "That", "The", "Their", "There", "These", "They", "This", "Those", "To",
    "Under", "We", "What", "When", "While", "Who", "Why", "With", "Yet", "You",
];

/// How a word ending in a period relates to sentence ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbreviation {
    /// A title or a single-letter initial: the period never ends a sentence.
    Title,
    /// A known abbreviation or dotted acronym: the period ends the sentence
    /// only if a typical sentence opener follows.
    Ambiguous,
}

/// Classifies `word` (the characters before a period, without it).
pub fn classify(word: &str) -> Option<Abbreviation> {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // `J. K. Rowling`, `Harry S. Truman`.
        return c.is_uppercase().then_some(Abbreviation::Title);
    }
    if TITLES.contains(&word) {
        return Some(Abbreviation::Title);
    }
    let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
    if dotted || OTHERS.contains(&word) {
        return Some(Abbreviation::Ambiguous);
    }
    None
}

/// True if `word` typically opens a sentence.
pub fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_titles_initials_and_acronyms() {
        assert_eq!(classify("Mr"), Some(Abbreviation::Title));
        assert_eq!(classify("J"), Some(Abbreviation::Title));
        assert_eq!(classify("U.S"), Some(Abbreviation::Ambiguous));
        assert_eq!(classify("Inc"), Some(Abbreviation::Ambiguous));
        assert_eq!(classify("said"), None);
        assert_eq!(classify("a"), None);
    }
}
