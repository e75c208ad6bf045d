//! BERT's uncased WordPiece tokenizer, remembering where each piece came from.
//!
//! The steps are those of the reference `BertNormalizer` + `BertPreTokenizer` +
//! `WordPiece` in the model's `tokenizer.json`: remove control characters,
//! isolate CJK ideographs, strip accents (canonical decomposition, then drop
//! nonspacing marks), lowercase, split at whitespace and around every
//! punctuation mark (curly quotes, dashes and ellipses included), then cut each
//! word into the longest vocabulary pieces from the left, later pieces spelled
//! with `##`. Unlike the reference, a literal `[SEP]` in the text is just
//! brackets and letters: news text has no special tokens.

use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::char::decompose_canonical;

use crate::unicode_tables::{CONTROLS, NONSPACING_MARKS, PUNCTUATION};

/// Words longer than this many characters become one `[UNK]`, as in BERT.
const MAX_WORD_CHARS: usize = 100;

/// One vocabulary piece and the bytes of the original text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPiece {
    pub id: u32,
    pub bytes: Range<usize>,
}

/// A WordPiece vocabulary with the special pieces the encoder needs.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    vocab: HashMap<String, u32>,
    unk: u32,
    cls: u32,
    sep: u32,
    /// Lines in `vocab.txt`: one more than the largest id.
    size: usize,
    /// Characters in the longest entry, not counting `##`: no longer candidate needs a look-up.
    longest: usize,
}

/// A normalised character and the bytes of the original character it came from.
type Traced = (char, Range<usize>);

impl Tokenizer {
    /// Reads a `vocab.txt`: one piece a line, a piece's id being its line number.
    pub fn from_vocab(text: &str) -> Result<Tokenizer, String> {
        let vocab: HashMap<String, u32> =
            text.lines().enumerate().map(|(id, piece)| (piece.to_string(), id as u32)).collect();
        let size = text.lines().count();
        let special = |piece: &str| vocab.get(piece).copied().ok_or_else(|| format!("no {piece} entry"));
        let (unk, cls, sep) = (special("[UNK]")?, special("[CLS]")?, special("[SEP]")?);
        let longest = vocab.keys().map(|p| p.strip_prefix("##").unwrap_or(p).chars().count()).max().unwrap_or(0);
        Ok(Tokenizer { vocab, unk, cls, sep, size, longest })
    }

    /// The id of `piece` (`##` marking a continuation), if it is in the vocabulary.
    pub fn id(&self, piece: &str) -> Option<u32> {
        self.vocab.get(piece).copied()
    }

    /// Number of ids, `[PAD]` and the special pieces included.
    pub fn vocab_size(&self) -> usize {
        self.size
    }

    pub fn cls(&self) -> u32 {
        self.cls
    }

    pub fn sep(&self) -> u32 {
        self.sep
    }

    /// The pieces of `text` in order, without `[CLS]`/`[SEP]`.
    pub fn tokenize(&self, text: &str) -> Vec<WordPiece> {
        let mut pieces = Vec::new();
        let mut word: Vec<Traced> = Vec::new();
        let mut candidate = String::new();
        let mut end_word = |word: &mut Vec<Traced>| {
            self.word_pieces(word, &mut candidate, &mut pieces);
            word.clear();
        };
        for (start, c) in text.char_indices() {
            let bytes = start..start + c.len_utf8();
            if c == '\0' || c == '\u{FFFD}' || is_control(c) {
                continue;
            }
            let cjk = is_cjk(c);
            if cjk {
                end_word(&mut word);
            }
            let mut push = |n: char| {
                if n.is_whitespace() {
                    end_word(&mut word);
                } else if is_punctuation(n) {
                    end_word(&mut word);
                    word.push((n, bytes.clone()));
                    end_word(&mut word);
                } else {
                    word.push((n, bytes.clone()));
                }
            };
            // Accents are stripped before lowercasing, as the reference does.
            decompose_canonical(c, |d| {
                if !in_table(NONSPACING_MARKS, d) {
                    d.to_lowercase().for_each(&mut push);
                }
            });
            if cjk {
                end_word(&mut word);
            }
        }
        end_word(&mut word);
        pieces
    }

    /// Appends the pieces of one normalised word: greedy longest match from the
    /// left, or a single `[UNK]` if some part of the word matches nothing.
    fn word_pieces(&self, word: &[Traced], candidate: &mut String, pieces: &mut Vec<WordPiece>) {
        let Some(((_, first), (_, last))) = word.first().zip(word.last()) else { return };
        let unknown = WordPiece { id: self.unk, bytes: first.start..last.end };
        if word.len() > MAX_WORD_CHARS {
            pieces.push(unknown);
            return;
        }
        let word_start = pieces.len();
        let mut start = 0;
        while start < word.len() {
            let found = (start + 1..=word.len().min(start + self.longest)).rev().find_map(|end| {
                candidate.clear();
                if start > 0 {
                    candidate.push_str("##");
                }
                candidate.extend(word[start..end].iter().map(|(c, _)| c));
                self.vocab.get(candidate.as_str()).map(|&id| (id, end))
            });
            let Some((id, end)) = found else {
                pieces.truncate(word_start);
                pieces.push(unknown);
                return;
            };
            pieces.push(WordPiece { id, bytes: word[start].1.start..word[end - 1].1.end });
            start = end;
        }
    }
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    let i = table.partition_point(|&(_, last)| last < c);
    table.get(i).is_some_and(|&(first, _)| first <= c)
}

/// Control, format and private-use characters, removed from the text. Tab,
/// newline and carriage return are whitespace instead, but vertical tab, form
/// feed and U+0085 are removed: they join the words on either side, as in the reference.
fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && in_table(CONTROLS, c)
}

/// BERT counts every ASCII symbol (`$`, `+`, `^`, …) as punctuation, besides the Unicode P* categories.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || in_table(PUNCTUATION, c)
}

/// The CJK ideograph blocks BERT isolates (Hangul and kana are written with spaces and are left alone).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOCAB: &[&str] = &[
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "mayor", "said", "“", "”", "’", "—", ",", ".", "s", "we", "won",
        "t", "cafe", "zur", "##ich", "##s", "北", "京", "un", "##aff", "##ord", "##able", "$", "1",
    ];

    fn pieces(text: &str) -> Vec<(String, &str)> {
        let tokenizer = Tokenizer::from_vocab(&VOCAB.join("\n")).unwrap();
        tokenizer.tokenize(text).into_iter().map(|p| (VOCAB[p.id as usize].to_string(), &text[p.bytes])).collect()
    }

    fn names(text: &str) -> Vec<String> {
        pieces(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn curly_quotes_dashes_and_apostrophes_are_split() {
        assert_eq!(
            names("“We won’t,” the mayor said—"),
            ["“", "we", "won", "’", "t", ",", "”", "the", "mayor", "said", "—"]
        );
    }

    #[test]
    fn accents_are_stripped_but_pieces_keep_original_bytes() {
        assert_eq!(
            pieces("Café Zürich's"),
            [
                ("cafe".into(), "Café"),
                ("zur".into(), "Zür"),
                ("##ich".into(), "ich"),
                ("[UNK]".into(), "'"),
                ("s".into(), "s")
            ]
        );
    }

    #[test]
    fn longest_match_first_and_unknown_words() {
        assert_eq!(names("unaffordable"), ["un", "##aff", "##ord", "##able"]);
        // "unaffordablex": no piece covers the final x, so the whole word is unknown.
        assert_eq!(pieces("unaffordablex the"), [("[UNK]".into(), "unaffordablex"), ("the".into(), "the")]);
        let long = "s".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(names(&long), ["[UNK]"]);
        assert_eq!(names(&long[1..]).len(), MAX_WORD_CHARS);
    }

    #[test]
    fn controls_removed_cjk_isolated_ascii_symbols_split() {
        assert_eq!(
            pieces("the\u{00AD}\u{200B}s\tthe\u{00A0}北京"),
            [
                ("the".into(), "the"),
                ("##s".into(), "s"),
                ("the".into(), "the"),
                ("北".into(), "北"),
                ("京".into(), "京")
            ]
        );
        assert_eq!(names("$1"), ["$", "1"]);
    }
}
