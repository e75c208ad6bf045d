//! Publication dates for pages that state none, from the text's anchors.
//!
//! The evidence is a weekday mention that lands on a day the text fixes
//! by itself: a full date (`Nov. 15, 2024`) or an offset from a well-known
//! event (`10 days after the election`, the election's year settled by the
//! text). `last Friday` can only mean 15 November 2024 if that day was a
//! Friday, so such a match is unlikely by chance, unlike `yesterday`, which
//! matches any date, or a lone date, which the story may precede or follow
//! by years. Every publication day on which some weekday mention lands on
//! such a day is a candidate; each is scored by those matches and by what
//! news style expects (a `last Friday` in the previous week, a bare past
//! `Tuesday` in the same week). The earliest best candidate wins. Without
//! any match the date stays unknown.

use newsgraph_doc::{Confidence, InferredDate};

use crate::date::Date;
use crate::expr::{self, Context, Expr, KnownEvent, Tense, Unit, Which};
use crate::lex::{self, Tok};
use crate::rules::{self, Found};

/// How far back from a publication day a weekday mention may reach: a
/// week, and one more for `last Friday` said late in the following week.
const WEEKDAY_REACH: i64 = 14;

/// Winners of U.S. presidential elections by surname, so that `President-elect
/// Trump` tells 2016 and 2024 from the other years.
const ELECTION_WINNERS: &[(i32, &str)] = &[
    (1992, "clinton"),
    (1996, "clinton"),
    (2000, "bush"),
    (2004, "bush"),
    (2008, "obama"),
    (2012, "obama"),
    (2016, "trump"),
    (2020, "biden"),
    (2024, "trump"),
];

/// An inferred publication date and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inference {
    pub date: Date,
    pub confidence: Confidence,
    pub reason: String,
}

impl Inference {
    pub fn into_doc(self) -> InferredDate {
        InferredDate { date: self.date.to_string(), confidence: self.confidence, reason: self.reason }
    }
}

/// The surname after `President-elect` (`President-elect Donald Trump` -> `trump`).
fn president_elect<'t>(toks: &'t [Tok]) -> Option<&'t str> {
    let at = toks.windows(3).position(|w| w[0].lower == "president" && w[1].lower == "-" && w[2].lower == "elect")?;
    toks[at + 3..]
        .iter()
        .take_while(|t| t.capital && t.lower.chars().all(char::is_alphabetic))
        .last()
        .map(|t| &*t.lower)
}

/// The year of the election a text speaks of, from its own words: not
/// before any year it mentions, and won by its president-elect if it names one.
fn election_year(toks: &[Tok], found: &[Found]) -> Option<i32> {
    let latest_year = found
        .iter()
        .filter_map(|f| match f.expr {
            Expr::Calendar { year: Some(y), .. } => Some(y),
            Expr::YearRange(_, y) => Some(y),
            _ => None,
        })
        .max()?;
    let elect = president_elect(toks);
    let first = latest_year + (4 - latest_year.rem_euclid(4)) % 4;
    match elect {
        Some(name) => ELECTION_WINNERS.iter().find(|(y, w)| *y >= latest_year && *w == name).map(|(y, _)| *y),
        None => Some(first),
    }
}

fn quoted(toks: &[Tok], text: &str, f: &Found) -> String {
    format!("'{}'", &text[toks[f.start].start..toks[f.end - 1].end])
}

/// The publication date the text implies, if its mentions pin one down.
pub fn infer_publication_date(text: &str) -> Option<Inference> {
    let toks = lex::tokenize(text);
    let found = rules::Rules::new(&toks).find_all();
    infer_from(text, &toks, &found)
}

/// [`infer_publication_date`] on a text already tokenised and scanned.
pub(crate) fn infer_from(text: &str, toks: &[Tok], found: &[Found]) -> Option<Inference> {
    let election_year = election_year(toks, found);
    let unanchored = Context { anchor: None, tense: Tense::Past, reference: None, topic_quarter: None, election_year };
    let absolute: Vec<(Date, &Found)> = found
        .iter()
        .filter_map(|f| match expr::resolve_point(&f.expr, &unanchored) {
            Some(p) if p.unit == Unit::Day => Some((p.date, f)),
            _ => None,
        })
        .collect();
    let weekdays: Vec<(&Found, Tense)> = found
        .iter()
        .filter(|f| matches!(f.expr, Expr::Weekday { .. }))
        .map(|f| (f, rules::tense_at(toks, f.start, f.end)))
        .collect();
    let resolve = |f: &Found, tense: Tense, anchor: Date| {
        let cx = Context { anchor: Some(anchor), tense, reference: None, topic_quarter: None, election_year };
        expr::resolve_point(&f.expr, &cx).map(|p| p.date)
    };

    // Candidate days: those on which some weekday mention lands on an absolute day.
    let mut candidates: Vec<Date> = Vec::new();
    for (f, tense) in &weekdays {
        for (day, _) in &absolute {
            for n in -WEEKDAY_REACH..=WEEKDAY_REACH {
                let anchor = day.add_days(n);
                if resolve(f, *tense, anchor) == Some(*day) {
                    candidates.push(anchor);
                }
            }
        }
    }
    candidates.sort();
    candidates.dedup();

    let score = |anchor: Date| {
        let mut agreements = Vec::new();
        let mut fits = 0;
        let week = anchor.iso_week();
        for (f, tense) in &weekdays {
            let Some(day) = resolve(f, *tense, anchor) else { continue };
            if let Some((_, a)) = absolute.iter().find(|(d, _)| *d == day) {
                agreements.push((*f, *a, day));
            }
            match f.expr {
                Expr::Weekday { which: Which::Last, .. } => fits += usize::from(day.add_days(7).iso_week() == week),
                Expr::Weekday { which: Which::Tense, .. } if *tense != Tense::Future => {
                    fits += usize::from(day.iso_week() == week)
                }
                _ => {}
            }
        }
        (2 * agreements.len() + fits, agreements, fits)
    };
    let mut best: Option<(usize, Date, usize)> = None;
    for &day in &candidates {
        let (s, _, _) = score(day);
        match &mut best {
            Some((top, _, ties)) if s == *top => *ties += 1,
            Some((top, _, _)) if s < *top => {}
            _ => best = Some((s, day, 1)),
        }
    }
    let (_, date, ties) = best?;
    let (_, agreements, fits) = score(date);
    let (rel, abs, day) = agreements.first()?;
    let confidence = if ties == 1 { Confidence::High } else { Confidence::Medium };
    let mut reason = format!("{} = {} = {day}", quoted(toks, text, rel), quoted(toks, text, abs));
    if let Expr::Offset { base, .. } = &abs.expr {
        if let Expr::Event(KnownEvent::UsElection(_)) = **base {
            let e = expr::resolve_point(base, &unanchored).map(|p| p.date.to_string()).unwrap_or_default();
            reason.push_str(&format!(" (the U.S. presidential election was {e})"));
        }
    }
    if agreements.len() > 1 {
        reason.push_str(&format!("; {} weekday mention(s) agree with dates the text gives", agreements.len()));
    }
    if fits > 0 {
        reason.push_str(&format!("; {fits} weekday mention(s) fall in the expected weeks"));
    }
    if ties > 1 {
        reason.push_str(&format!("; the earliest of {ties} days that fit as well"));
    }
    Some(Inference { date, confidence, reason })
}
