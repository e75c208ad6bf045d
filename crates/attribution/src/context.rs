//! Circumstances of a statement from its attribution frame: the outlet it was
//! made to (`told VOA Korean`), the channel (`via email`, `in a statement`)
//! and the time (`Tuesday`, `last week`, `earlier this month`).

use std::ops::Range;

use crate::lexicon;
use crate::words::Words;

/// What the frame says about where, how and when a statement was made.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Context {
    pub outlet: Option<Range<usize>>,
    pub channel: Option<Range<usize>>,
    pub when: Option<Range<usize>>,
}

/// Scans the frame tokens `lo..hi` of `w` (the attribution clause, without
/// the content) for outlet, channel and time.
pub fn find(w: &Words, lo: usize, hi: usize) -> Context {
    let mut context = Context::default();
    let mut i = lo;
    while i < hi {
        if context.outlet.is_none() {
            context.outlet = outlet_at(w, i, hi);
        }
        if context.channel.is_none() {
            context.channel = channel_at(w, i, hi);
        }
        if context.when.is_none() {
            context.when = time_at(w, i, hi);
        }
        i += 1;
    }
    context
}

/// `told X`, `to X`, `with X`, `according to X` where X is a capitalised run
/// with a word of the news trade in it.
fn outlet_at(w: &Words, i: usize, hi: usize) -> Option<Range<usize>> {
    let introduces = ["told", "to", "with", "tells", "tell"].contains(&w.get(i));
    if !introduces {
        return None;
    }
    let mut start = i + 1;
    if start < hi && w.is(start, "the") {
        start += 1;
    }
    let mut end = start;
    while end < hi && (w.is_capitalized(end) || w.get(end).chars().all(|c| c.is_uppercase())) && !w.is_punct(end) {
        end += 1;
    }
    let named = end > start && (start..end).any(|k| lexicon::is_outlet_word(w.get(k)));
    named.then(|| w.bytes(start, end))
}

/// `via email`, `in a statement`, `by phone`, `in a text message`.
fn channel_at(w: &Words, i: usize, hi: usize) -> Option<Range<usize>> {
    if !w.is_lowercase(i) || !lexicon::is_in(lexicon::CHANNEL_PREPOSITIONS, w.get(i)) {
        return None;
    }
    let mut start = i + 1;
    if start < hi && lexicon::is_determiner(w.get(start)) {
        start += 1;
    }
    let mut end = start;
    while end < hi && w.is_lowercase(end) && lexicon::is_channel(w.get(end)) {
        end += 1;
    }
    (end > start).then(|| w.bytes(start, end))
}

/// A weekday (`Tuesday`, `last Friday`), `last week`, `earlier this month`,
/// `yesterday`, or a month with a day (`March 3`).
fn time_at(w: &Words, i: usize, hi: usize) -> Option<Range<usize>> {
    let t = w.get(i);
    let is = |k: usize, list: &[&str]| k < hi && lexicon::is_in(list, w.get(k));
    if is(i, lexicon::WEEKDAYS) && w.is_capitalized(i) {
        return Some(w.bytes(i, i + 1));
    }
    if is(i, lexicon::MONTHS)
        && w.is_capitalized(i)
        && i + 1 < hi
        && w.get(i + 1).starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(w.bytes(i, i + 2));
    }
    let modifier = ["last", "next", "this", "earlier", "late"].contains(&t);
    if modifier {
        let mut end = i + 1;
        if w.is(end, "this") {
            end += 1;
        }
        if is(end, lexicon::WEEKDAYS)
            || is(end, lexicon::TIME_UNITS)
            || is(end, lexicon::MONTHS) && w.is_capitalized(end)
        {
            return Some(w.bytes(i, end + 1));
        }
    }
    (w.is_lowercase(i) && lexicon::is_in(&lexicon::TIME_WORDS[..3], t)).then(|| w.bytes(i, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(text: &str) -> (Option<&str>, Option<&str>, Option<&str>) {
        let w = Words::new(text, 0..text.len());
        let c = find(&w, 0, w.len());
        let s = |r: Option<Range<usize>>| r.map(|r| &text[r]);
        (s(c.outlet), s(c.channel), s(c.when))
    }

    #[test]
    fn outlet_channel_and_time_from_a_frame() {
        assert_eq!(
            context("Ruiz told Radio Lumen via email Tuesday"),
            (Some("Radio Lumen"), Some("email"), Some("Tuesday"))
        );
        assert_eq!(
            context("the agency said in a statement earlier this month"),
            (None, Some("statement"), Some("earlier this month"))
        );
        assert_eq!(
            context("she told the Daily Ledger by phone last week"),
            (Some("Daily Ledger"), Some("phone"), Some("last week"))
        );
        assert_eq!(
            context("he told reporters on Monday in a text message"),
            (None, Some("text message"), Some("Monday"))
        );
    }
}
