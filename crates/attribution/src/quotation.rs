//! Quotations: text between quotation marks.
//!
//! Curly marks pair as written; a straight `"` (or the doubled `''` some
//! papers print) opens when it follows whitespace or an opening bracket and
//! closes otherwise. A quotation left
//! open at the end of a paragraph continues when the next paragraph opens
//! with a quotation mark (the news convention for multi-paragraph quotes);
//! otherwise it is dropped as unbalanced. Single quotes are left alone: in
//! news they are apostrophes, nested quotes or headline quotes.

use std::ops::Range;

use newsgraph_text::trim_bytes;

/// Stands for a doubled apostrophe `''` in the scan (a noncharacter, never in text).
const DOUBLED: char = '\u{FDD0}';

/// One quotation: where its marks are and the text inside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to after the closing mark.
    pub outer: Range<usize>,
    /// The text inside the marks, one piece a paragraph, trimmed of whitespace.
    pub pieces: Vec<Range<usize>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Curly,
    Straight,
    /// Two apostrophes, `''like this''`.
    Doubled,
}

struct Open {
    mark: Mark,
    at: usize,
    /// Start of the current piece's text.
    piece_start: usize,
    pieces: Vec<Range<usize>>,
}

/// Every balanced quotation of `text`, in order, not nested.
pub fn quotations(text: &str) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut open: Option<Open> = None;
    let mut prev = '\n';
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        let mut after = b + c.len_utf8();
        let mut c = c;
        if c == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
            chars.next();
            after += 1;
            c = DOUBLED;
        }
        let opens_here = prev.is_whitespace() || matches!(prev, '(' | '[' | '—' | '–' | ':');
        // Scraped pages mix the two styles (`“... next."`, `"... backstop,”`):
        // a mark of the other style closes the quotation when its own style
        // does not close it before the paragraph ends.
        let unmatched = |own: char| !text[after..].split('\n').next().unwrap_or_default().contains(own);
        let closes = match (c, open.as_ref().map(|o| o.mark)) {
            ('”', Some(Mark::Curly)) | ('"', Some(Mark::Straight)) | (DOUBLED, Some(Mark::Doubled)) => true,
            ('"', Some(Mark::Curly)) => !opens_here && unmatched('”'),
            ('”', Some(Mark::Straight)) => unmatched('"'),
            _ => false,
        };
        match (c, open.as_ref().map(|o| o.mark)) {
            ('“', None) => open = Some(Open { mark: Mark::Curly, at: b, piece_start: after, pieces: Vec::new() }),
            ('“', Some(Mark::Curly)) => {
                // An opening mark inside an open curly quotation: the earlier
                // one was never closed, so start over here.
                open = Some(Open { mark: Mark::Curly, at: b, piece_start: after, pieces: Vec::new() });
            }
            _ if closes => {
                let mut o = open.take().expect("matched an open quotation");
                o.pieces.push(trim_bytes(text, o.piece_start..b));
                o.pieces.retain(|p| !p.is_empty());
                if !o.pieces.is_empty() {
                    found.push(Quotation { outer: o.at..after, pieces: o.pieces });
                }
            }
            ('"', None) if opens_here => {
                open = Some(Open { mark: Mark::Straight, at: b, piece_start: after, pieces: Vec::new() });
            }
            (DOUBLED, None) if opens_here => {
                open = Some(Open { mark: Mark::Doubled, at: b, piece_start: after, pieces: Vec::new() });
            }
            ('\n', Some(mark)) => {
                // Skip the blank lines to the next paragraph's first character.
                let mut next = None;
                while let Some(&(nb, nc)) = chars.peek() {
                    if !nc.is_whitespace() {
                        next = Some((nb, nc));
                        break;
                    }
                    chars.next();
                }
                let continues = match (next, mark) {
                    (Some((_, '“')), Mark::Curly) | (Some((_, '"')), Mark::Straight) => true,
                    (Some((nb, '\'')), Mark::Doubled) => text[nb..].starts_with("''"),
                    _ => false,
                };
                match (continues, next) {
                    (true, Some((nb, nc))) => {
                        let o = open.as_mut().expect("open quotation");
                        o.pieces.push(trim_bytes(text, o.piece_start..b));
                        let width = if mark == Mark::Doubled { 2 } else { nc.len_utf8() };
                        o.piece_start = nb + width;
                        for _ in 0..if mark == Mark::Doubled { 2 } else { 1 } {
                            chars.next();
                        }
                    }
                    _ => open = None,
                }
                prev = '\n';
                continue;
            }
            _ => {}
        }
        prev = c;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<Vec<&str>> {
        quotations(text).into_iter().map(|q| q.pieces.into_iter().map(|p| &text[p]).collect()).collect()
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        assert_eq!(inner("“Go home,” she said. He said \"no way\" twice."), [vec!["Go home,"], vec!["no way"]]);
    }

    #[test]
    fn doubled_apostrophes_are_quotation_marks() {
        assert_eq!(inner("''It's late,'' Mr. Ng said. ''Go.''"), [vec!["It's late,"], vec!["Go."]]);
    }

    #[test]
    fn apostrophes_and_single_quotes_are_not_quotations() {
        assert_eq!(inner("Lee’s ‘plan’ won’t work."), Vec::<Vec<&str>>::new());
    }

    #[test]
    fn a_quotation_continues_into_a_paragraph_that_opens_with_a_mark() {
        assert_eq!(
            inner("“We tried hard.\n\n“Then we stopped,” Ruiz said."),
            [vec!["We tried hard.", "Then we stopped,"]]
        );
    }

    #[test]
    fn a_mark_of_the_other_style_closes_when_its_own_style_does_not() {
        assert_eq!(inner("“It is late.\" Ng said.\n\n\"We go,” Ng said."), [vec!["It is late."], vec!["We go,"]]);
        // A straight pair inside a curly quotation that closes later stays inside it.
        assert_eq!(inner("“He said \"no\" to me,” Ng said."), [vec!["He said \"no\" to me,"]]);
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_paragraph() {
        assert_eq!(inner("“Broken.\n\nPlain text. “Fine.”"), [vec!["Fine."]]);
    }
}
