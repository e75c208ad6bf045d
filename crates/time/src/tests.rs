//! Behaviour of the whole stage on sentences written for these tests.

use super::*;

/// `(text, kind, value)` of every expression in `text` anchored on `anchor`.
fn times(text: &str, anchor: &str) -> Vec<(String, TimeKind, String)> {
    find_times(text, Date::parse_iso(anchor))
        .into_iter()
        .map(|m| (text[m.bytes].to_string(), m.kind, m.value.unwrap_or_default()))
        .collect()
}

/// The value of the only expression whose text is `phrase`.
fn value_of(text: &str, anchor: &str, phrase: &str) -> String {
    let all = times(text, anchor);
    let hits: Vec<_> = all.iter().filter(|(t, _, _)| t == phrase).collect();
    assert_eq!(hits.len(), 1, "'{phrase}' in {all:?}");
    hits[0].2.clone()
}

#[test]
fn a_year_ago_in_earnings_news_is_the_quarter_a_year_before() {
    let text = "The bank reported a third-quarter loss of $7 million. It had net income of $1 million a year ago.";
    assert_eq!(value_of(text, "1989-11-02", "third-quarter"), "1989-Q3");
    assert_eq!(value_of(text, "1989-11-02", "a year ago"), "1988-Q3");
}
