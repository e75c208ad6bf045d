//! Cutting a text's wordpieces into windows the model can read at once.
//!
//! Whole sentences are packed greedily, so a window gives each piece the
//! context of its neighbouring sentences (a quote's speaker is often named in
//! the next one). A sentence longer than a window is cut into windows that
//! overlap by a quarter of their length, and each piece of an overlap is
//! taken from the window in which it lies further from the cut: every piece
//! then has at least an eighth of a window of context on either side.

use std::ops::Range;

/// A window of pieces and the part of it whose vectors are used: the
/// `owned` ranges of a text's windows partition its pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub pieces: Range<usize>,
    pub owned: Range<usize>,
}

/// Windows of at most `size` pieces covering `pieces`, where `starts`
/// (sorted) are the pieces that begin a sentence: windows begin only there
/// unless a sentence is longer than `size`.
pub fn plan(pieces: Range<usize>, starts: &[usize], size: usize) -> Vec<Window> {
    assert!(size >= 4, "windows of {size} pieces are too small to overlap");
    let n = pieces.end;
    let starts = &starts[..starts.partition_point(|&s| s < n)];
    let mut windows = Vec::new();
    let mut start = pieces.start;
    while start < n {
        let later = &starts[starts.partition_point(|&s| s <= start)..];
        let sentence_end = later.first().copied().unwrap_or(n);
        if sentence_end - start > size {
            cut(start..sentence_end, size, &mut windows);
            start = sentence_end;
            continue;
        }
        let limit = start + size;
        let end =
            if limit >= n { n } else { later[..later.partition_point(|&s| s <= limit)].last().copied().unwrap_or(n) };
        windows.push(Window { pieces: start..end, owned: start..end });
        start = end;
    }
    windows
}

/// Covers one long sentence with overlapping windows of exactly `size` pieces.
fn cut(sentence: Range<usize>, size: usize, windows: &mut Vec<Window>) {
    let step = size - size / 4;
    let mut owned_from = sentence.start;
    let mut start = sentence.start;
    loop {
        let end = (start + size).min(sentence.end);
        if end == sentence.end {
            windows.push(Window { pieces: end - size..end, owned: owned_from..end });
            return;
        }
        let next = (start + step).min(sentence.end - size);
        // The overlap next..end is split in its middle.
        let middle = (next + end) / 2;
        windows.push(Window { pieces: start..end, owned: owned_from..middle });
        owned_from = middle;
        start = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_partition(n: usize, windows: &[Window], size: usize) {
        let mut next = 0;
        for w in windows {
            assert_eq!(w.owned.start, next, "{windows:?}");
            assert!(w.pieces.start <= w.owned.start && w.owned.end <= w.pieces.end && w.pieces.len() <= size);
            next = w.owned.end;
        }
        assert_eq!(next, n);
    }

    #[test]
    fn sentences_are_packed_whole() {
        let windows = plan(0..25, &[0, 4, 9, 15, 22], 10);
        let pieces: Vec<_> = windows.iter().map(|w| w.pieces.clone()).collect();
        assert_eq!(pieces, [0..9, 9..15, 15..25]);
        check_partition(25, &windows, 10);
    }

    #[test]
    fn only_the_pieces_asked_for_are_planned() {
        let windows = plan(9..25, &[0, 4, 9, 15, 22], 10);
        let pieces: Vec<_> = windows.iter().map(|w| w.pieces.clone()).collect();
        assert_eq!(pieces, [9..15, 15..25]);
        assert_eq!(plan(0..9, &[0, 4, 9, 15, 22], 10), [Window { pieces: 0..9, owned: 0..9 }]);
    }

    #[test]
    fn long_sentences_are_cut_with_overlap() {
        let windows = plan(0..40, &[3, 30], 8);
        check_partition(40, &windows, 8);
        assert_eq!(windows[0].pieces, 0..3);
        // 3..30 is cut into windows of 8 stepping by 6, the last one ending at 30.
        let cut: Vec<_> = windows.iter().skip(1).take_while(|w| w.pieces.end <= 30).map(|w| w.pieces.clone()).collect();
        assert_eq!(cut, [3..11, 9..17, 15..23, 21..29, 22..30]);
        assert_eq!(windows[1].owned, 3..10);
        assert_eq!(windows.last().unwrap().pieces, 32..40);
        for n in 0..60 {
            check_partition(n, &plan(0..n, &[], 8), 8);
        }
    }
}
