//! What the entity tagger sees of each token.
//!
//! Local evidence in the style of Ratinov and Roth (2009): the word and its
//! neighbours, capitalisation patterns, prefixes and suffixes, and where
//! gazetteer names cover the token. Headlines written all in capitals
//! (`JAPAN GET LUCKY WIN`) make capitalisation meaningless, so a sentence in
//! capitals is a feature of its own, conjoined with the lowercased word.

use newsgraph_learn::{hash, hash_ascii_lowercase, FeatureRows, Features};

use crate::gazetteer::{lowercase_hash, Gazetteer, Kind};

/// The hashes of a word's shape and short shape, without building either.
///
/// The shape writes each character as `X`, `x`, `d` or itself, keeping runs
/// of one class up to four long (`Xxxx`, `dddd-dd-dd`); the short shape
/// cuts every run to one (`Xx`, `X.X.`, `d-d`). Each hash is [`hash`] of
/// that string, fed a character at a time.
fn shape_hashes(word: &str) -> (u64, u64) {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let feed = |mut h: u64, c: char| {
        // Nearly every class is an ASCII letter, digit or mark: one byte.
        if c.is_ascii() {
            return (h ^ c as u64).wrapping_mul(PRIME);
        }
        let mut buffer = [0u8; 4];
        for &b in c.encode_utf8(&mut buffer).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        h
    };
    let (mut shape, mut short) = (hash(""), hash(""));
    let (mut last, mut run) = ('\0', 0);
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 4 {
            shape = feed(shape, class);
        }
        if run == 1 {
            short = feed(short, class);
        }
    }
    (shape, short)
}

/// Mostly capitals: a headline, where case says nothing.
fn in_capitals(words: &[&str]) -> bool {
    let (mut upper, mut lettered) = (0, 0);
    for w in words {
        if w.chars().any(char::is_alphabetic) {
            lettered += 1;
            if !w.chars().any(char::is_lowercase) {
                upper += 1;
            }
        }
    }
    lettered >= 2 && upper * 10 >= lettered * 8
}

/// The word as Reuters wrote it in 1996, which is what the model learned:
/// straight apostrophes and quotation marks, and hyphens for dashes.
fn as_trained(word: &str) -> std::borrow::Cow<'_, str> {
    const TYPOGRAPHIC: &[char] = &['‘', '’', '‛', '“', '”', '„', '«', '»', '–', '—'];
    // The marks are all outside ASCII, as most words are not.
    if word.is_ascii() || !word.contains(TYPOGRAPHIC) {
        return std::borrow::Cow::Borrowed(word);
    }
    word.chars()
        .map(|c| match c {
            '‘' | '’' | '‛' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// One token's precomputed hashes.
struct Word {
    cased: u64,
    lower: u64,
    shape: u64,
    short: u64,
}

const BOS: u64 = hash("<s>");
const EOS: u64 = hash("</s>");

/// The feature buckets of every token of a sentence, for a model of `bits`.
pub fn sentence_features(words: &[&str], gazetteer: &Gazetteer, bits: u32) -> FeatureRows {
    let normalised: Vec<std::borrow::Cow<'_, str>> = words.iter().map(|w| as_trained(w)).collect();
    let words: Vec<&str> = normalised.iter().map(|w| w.as_ref()).collect();
    let words = words.as_slice();
    let hashed: Vec<Word> = words
        .iter()
        .map(|w| {
            let (shape, short) = shape_hashes(w);
            Word { cased: hash(w), lower: hash_ascii_lowercase(w), shape, short }
        })
        .collect();
    // The gazetteer's hashes lowercase every letter, which for an ASCII
    // word (most) is what `lower` did already.
    let name_hashes: Vec<u64> =
        words.iter().zip(&hashed).map(|(w, h)| if w.is_ascii() { h.lower } else { lowercase_hash(w) }).collect();
    let capitals = in_capitals(words);
    // Gazetteer coverage: for each token, the kinds of the names over it and
    // whether it begins them.
    let mut gazetteer_tags: Vec<Vec<(Kind, bool)>> = vec![Vec::new(); words.len()];
    for m in gazetteer.matches_hashed(words, &name_hashes) {
        for (t, tags) in gazetteer_tags.iter_mut().enumerate().take(m.end).skip(m.start) {
            tags.push((m.kind, t == m.start));
        }
    }
    let at = |i: isize| -> Option<&Word> { usize::try_from(i).ok().and_then(|i| hashed.get(i)) };
    let lower_at = |i: isize| at(i).map_or(if i < 0 { BOS } else { EOS }, |w| w.lower);
    let short_at = |i: isize| at(i).map_or(if i < 0 { BOS } else { EOS }, |w| w.short);
    let mut out = FeatureRows::with_capacity(words.len(), 32);
    let mut f = Features::new(bits);
    for (t, word) in words.iter().enumerate() {
        let i = t as isize;
        let w = &hashed[t];
        f.clear();
        f.flag(const { hash("bias") });
        f.add(const { hash("w") }, &[w.cased]);
        f.add(const { hash("lw") }, &[w.lower]);
        for d in [-2isize, -1, 1, 2] {
            f.add(const { hash("lw@") }, &[d as u64, lower_at(i + d)]);
            f.add(const { hash("ss@") }, &[d as u64, short_at(i + d)]);
        }
        f.add(const { hash("shape") }, &[w.shape]);
        f.add(const { hash("short") }, &[w.short]);
        f.add(const { hash("lw-1 lw") }, &[lower_at(i - 1), w.lower]);
        f.add(const { hash("lw lw+1") }, &[w.lower, lower_at(i + 1)]);
        f.add(const { hash("ss-1 ss") }, &[short_at(i - 1), w.short]);
        f.add(const { hash("ss ss+1") }, &[w.short, short_at(i + 1)]);
        f.add(const { hash("ss-1 ss ss+1") }, &[short_at(i - 1), w.short, short_at(i + 1)]);
        if word.is_ascii() {
            // Most words: slices hashed lowercase in place, nothing allocated.
            for n in 1..=4.min(word.len()) {
                f.add(const { hash("prefix") }, &[hash_ascii_lowercase(&word[..n])]);
                f.add(const { hash("suffix") }, &[hash_ascii_lowercase(&word[word.len() - n..])]);
            }
        } else {
            let lower = word.to_lowercase();
            let bounds: Vec<usize> = lower.char_indices().map(|(b, _)| b).chain([lower.len()]).collect();
            let chars = bounds.len() - 1;
            for n in 1..=4.min(chars) {
                f.add(const { hash("prefix") }, &[hash(&lower[..bounds[n]])]);
                f.add(const { hash("suffix") }, &[hash(&lower[bounds[chars - n]..])]);
            }
        }
        if t == 0 {
            f.add(const { hash("first") }, &[w.short]);
        }
        if capitals {
            f.add(const { hash("capitals lw") }, &[w.lower]);
            f.add(const { hash("capitals lw-1 lw") }, &[lower_at(i - 1), w.lower]);
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        for &(kind, begins) in &gazetteer_tags[t] {
            f.add(const { hash("gaz") }, &[kind as u64, u64::from(begins), u64::from(capitalised)]);
        }
        for d in [-1isize, 1] {
            if let Some(tags) = usize::try_from(i + d).ok().and_then(|j| gazetteer_tags.get(j)) {
                for &(kind, _) in tags {
                    f.add(const { hash("gaz@") }, &[d as u64, kind as u64]);
                }
            }
        }
        out.push(f.indices());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_keep_classes_and_cut_long_runs() {
        assert_eq!(shape_hashes("Pyongyang").0, hash("Xxxxx"));
        assert_eq!(shape_hashes("U.S."), (hash("X.X."), hash("X.X.")));
        assert_eq!(shape_hashes("1996-08-22"), (hash("dddd-dd-dd"), hash("d-d-d")));
        assert_eq!(shape_hashes("McDonald").1, hash("XxXx"));
        assert_eq!(shape_hashes("Ünïon").0, hash("Xxxxx"));
    }

    #[test]
    fn typographic_marks_read_as_the_training_data_wrote_them() {
        assert_eq!(as_trained("’s"), "'s");
        assert_eq!(as_trained("“"), "\"");
        assert_eq!(as_trained("—"), "-");
        assert!(matches!(as_trained("Kim"), std::borrow::Cow::Borrowed(_)));
        let g = Gazetteer::parse("").unwrap();
        assert_eq!(sentence_features(&["Kim", "’s"], &g, 20), sentence_features(&["Kim", "'s"], &g, 20));
    }

    #[test]
    fn headlines_in_capitals_are_recognised() {
        assert!(in_capitals(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", "."]));
        assert!(!in_capitals(&["The", "EU", "rejects", "German", "call", "."]));
        assert!(!in_capitals(&["BRUSSELS"]));
    }

    #[test]
    fn a_gazetteer_match_changes_the_features() {
        let g = Gazetteer::parse("FRA\tcapital\tparis\n").unwrap();
        let none = Gazetteer::parse("").unwrap();
        let words = ["He", "flew", "to", "Paris", "."];
        let with = sentence_features(&words, &g, 20);
        let without = sentence_features(&words, &none, 20);
        assert_eq!(with.token(0), without.token(0), "no match near the first word");
        assert_ne!(with.token(3), without.token(3));
        assert_ne!(with.token(2), without.token(2), "a neighbour's match is seen too");
    }
}
