//! The time stage: finds time expressions in an article body (`last
//! Friday`, `February 2019`, `two years ago`, `10:35 a.m.`, `daily`) and
//! normalises them to TimeML values (`2024-11-15`, `2019-02`, `P3D`,
//! `PRESENT_REF`, `XXXX-WXX-1`), anchored on the document date.
//!
//! Recognition is hand-written rules over tokens (`rules`); each match is
//! a meaning ([`expr::Expr`]) that is then anchored (`expr::value`) on the
//! publication date, the tense of its sentence (a bare weekday in past
//! reporting is the most recent one, in future talk the next) and the last
//! date the text mentioned (`a year earlier`). When the page states no
//! date, [`infer_publication_date`] looks for one day that the text's
//! relative and absolute mentions agree on, and says how sure it is.

mod date;
mod expr;
mod infer;
mod lex;
mod rules;

use std::ops::Range;

use newsgraph_doc::{Document, Mention, TimeExpression, TimeKind};

pub use date::Date;
pub use infer::{infer_publication_date, Inference};

/// One time expression in a text: where it is (bytes), its TimeML type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMatch {
    pub bytes: Range<usize>,
    pub kind: TimeKind,
    /// `None` when the expression needs an anchor and there is none.
    pub value: Option<String>,
}

/// Every time expression in `text`, resolved against `anchor` (the
/// document date; without one, relative expressions get no value).
pub fn find_times(text: &str, anchor: Option<Date>) -> Vec<TimeMatch> {
    Scan::new(text).matches(anchor)
}

/// A text's tokens and the expressions the rules find in them, computed
/// once for both inference and resolution.
struct Scan<'a> {
    toks: Vec<lex::Tok<'a>>,
    found: Vec<rules::Found>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        let toks = lex::tokenize(text);
        let found = rules::Rules::new(&toks).find_all();
        Scan { toks, found }
    }

    /// The expressions with their values, in text order, each seeing the
    /// last date point before it as its reference.
    fn matches(&self, anchor: Option<Date>) -> Vec<TimeMatch> {
        let mut reference = None;
        let mut topic_quarter = None;
        let mut out = Vec::with_capacity(self.found.len());
        for (n, f) in self.found.iter().enumerate() {
            let tense = rules::tense_at(&self.toks, f.start, f.end);
            // With an anchor the election is the one nearest it.
            let cx = expr::Context { anchor, tense, reference, topic_quarter, election_year: None };
            let expr = with_clock_day(&self.found, n);
            let value = expr::value(&expr, &cx);
            if let Some(point) = expr::resolve_point(&expr, &cx) {
                reference = Some(point);
                // Quarters the text names become the topic; those counted from one
                // do not, nor do quarters not yet over: results compare reported ones.
                // An earlier quarter named for comparison (`after a flat second
                // quarter`) does not displace the one reported.
                let counted = matches!(
                    expr,
                    expr::Expr::Ago { .. }
                        | expr::Expr::ReferenceShift { .. }
                        | expr::Expr::ReferenceUnit { .. }
                        | expr::Expr::Offset { .. }
                );
                let ended = anchor.is_none_or(|a| point.shift(expr::Unit::Quarter, 1).date <= a);
                let earlier = topic_quarter.is_some_and(|t: expr::Point| point.date < t.date);
                if point.unit == expr::Unit::Quarter && !counted && ended && !earlier {
                    topic_quarter = Some(point);
                }
            }
            let bytes = self.toks[f.start].start..self.toks[f.end - 1].end;
            out.push(TimeMatch { bytes, kind: expr.kind(), value });
        }
        out
    }
}

/// A clock time takes its day from a day expression right next to it
/// (`Friday at 3 p.m.`, `10:35 a.m. Friday`).
fn with_clock_day(found: &[rules::Found], n: usize) -> expr::Expr {
    let f = &found[n];
    let expr::Expr::Clock { day: None, hour, minute } = f.expr else { return f.expr.clone() };
    let is_day = |e: &expr::Expr| {
        matches!(e, expr::Expr::Weekday { .. } | expr::Expr::DayOffset(_) | expr::Expr::Calendar { day: Some(_), .. })
    };
    let before = n.checked_sub(1).map(|p| &found[p]).filter(|p| f.start - p.end <= 2 && is_day(&p.expr));
    let after = found.get(n + 1).filter(|a| a.start - f.end <= 1 && is_day(&a.expr));
    match before.or(after) {
        Some(day) => expr::Expr::Clock { day: Some(Box::new(day.expr.clone())), hour, minute },
        None => f.expr.clone(),
    }
}

/// Runs the stage on a document: the anchor is `article.published`, or,
/// when the page gives none, the inferred date (recorded in
/// `article.published_inferred`). Fills `doc.times` and each quote's
/// `when_value` from the expression its `when` mention overlaps.
pub fn annotate(doc: &mut Document) {
    let body = &doc.article.body;
    let scan = Scan::new(body);
    let mut anchor = doc.article.published.as_deref().and_then(Date::parse_iso);
    if anchor.is_none() {
        if let Some(inferred) = infer::infer_from(body, &scan.toks, &scan.found) {
            anchor = Some(inferred.date);
            doc.article.published_inferred = Some(inferred.into_doc());
        }
    }
    let index = doc.char_index();
    doc.times = scan
        .matches(anchor)
        .into_iter()
        .map(|m| TimeExpression { mention: Mention::from_bytes(body, &index, m.bytes), kind: m.kind, value: m.value })
        .collect();
    for quote in &mut doc.quotes {
        let Some(when) = &quote.when else { continue };
        quote.when_value =
            doc.times.iter().find(|t| t.mention.span().overlap(&when.span()) > 0).and_then(|t| t.value.clone());
    }
}

#[cfg(test)]
mod tests;
