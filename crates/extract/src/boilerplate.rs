//! Lines that are page furniture by their wording, in HTML and plain text
//! alike: share bars, newsletter and subscription pitches, teaser links,
//! cookie notices, copyright lines, photo credits.

/// Openings of short lines that are never article prose, lowercased.
const OPENINGS: &[&str] = &[
    "share this",
    "share on",
    "share:",
    "follow us",
    "follow me",
    "subscribe",
    "sign up",
    "newsletter",
    "read more",
    "read also",
    "read next",
    "see also",
    "related:",
    "related articles",
    "related posts",
    "related stories",
    "you may also like",
    "you might also like",
    "recommended for you",
    "advertisement",
    "sponsored content",
    "click here to",
    "all rights reserved",
    "copyright",
    "©",
    "tags:",
    "filed under",
    "photo:",
    "image:",
    "credit:",
    "lea también",
    "lea más",
    "lea:",
    "mira:",
    "vea también",
    "puedes ver",
    "te puede interesar",
    "lesen sie auch",
    "mehr zum thema",
    "schon gelesen",
    "ähnliche beiträge",
    "das könnte sie auch interessieren",
    "à lire aussi",
    "lire aussi",
    "leggi anche",
    "weitere informationen:",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to use",
    "accept cookies",
    "download the app",
    "get the app",
];

/// Whole lines that are share-bar or menu labels.
const LABELS: &[&str] = &[
    "share",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "email",
    "e-mail",
    "print",
    "whatsapp",
    "pinterest",
    "reddit",
    "telegram",
    "copy link",
    "copy",
    "comments",
    "reply",
    "menu",
    "search",
    "close",
    "advertisement",
    "anzeige",
    "werbung",
    "reklama",
    "publicidad",
    "teilen",
    "drucken",
    "partager",
    "compartir",
    "back to top",
];

/// Lines this long or longer are prose even if they start like a teaser.
const MAX_FURNITURE_WORDS: usize = 15;

/// Whether a line is page furniture rather than article text.
pub fn is_boilerplate_line(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words >= MAX_FURNITURE_WORDS {
        return false;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '!', '|']);
    LABELS.contains(&bare) || OPENINGS.iter().any(|o| lower.starts_with(o))
}

/// Whether a line is a bare locale code such as `en_US`, `de-DE` or the
/// `en_USEnglish` residue of a language switcher.
pub fn is_locale_line(line: &str) -> bool {
    let line = line.trim();
    let bytes = line.as_bytes();
    let code = bytes.len() >= 5
        && bytes[..2].iter().all(u8::is_ascii_lowercase)
        && matches!(bytes[2], b'_' | b'-')
        && bytes[3..5].iter().all(u8::is_ascii_uppercase);
    let rest = &line[if code { 5 } else { 0 }..];
    code && rest.chars().all(char::is_alphabetic) && rest.chars().count() <= 20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_go_and_prose_stays() {
        assert!(is_boilerplate_line("Share"));
        assert!(is_boilerplate_line("Read more: Ten things about storms"));
        assert!(is_boilerplate_line("© 2025 Daily Planet. All Rights Reserved."));
        assert!(is_boilerplate_line("We use cookies to improve your experience."));
        assert!(!is_boilerplate_line(
            "Share prices fell sharply on Tuesday after the central bank raised rates again, traders said."
        ));
        assert!(!is_boilerplate_line("The minister resigned."));
    }

    #[test]
    fn locale_codes_are_recognised() {
        assert!(is_locale_line("en_USEnglish"));
        assert!(is_locale_line("de_DE"));
        assert!(is_locale_line("pt-BR"));
        assert!(!is_locale_line("en route to Seoul"));
        assert!(!is_locale_line("Energy"));
    }
}
