//! The recognition rules: which token sequences are time expressions, how
//! far each extends (TimeML's conventions: `last Friday`, `the third
//! quarter`, `two years ago`, without a leading `on` or `in`), and what
//! each means ([`Expr`]). Anchoring happens later, in `expr`.
//!
//! At every token each rule proposes its longest match; the longest
//! proposal wins and scanning resumes after it.

use std::sync::LazyLock;

use newsgraph_doc::QuickSet;

use crate::expr::{duration_value, Expr, HolidayRule, KnownEvent, Tense, Unit, Which};
use crate::lex::Tok;

/// A recognised expression over tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

/// Words before a core expression that TimeML keeps inside its extent
/// (`early 1990s`, `late November`, `earlier this month`, `about a decade`).
const MODIFIERS: &[&str] = &["early", "late", "mid", "earlier", "later"];

/// Two-word modifiers of the same kind (`more than four decades ago`).
const MODIFIER_PAIRS: &[(&str, &str)] = &[("more", "than"), ("less", "than"), ("at", "least")];

/// Approximations TimeBank keeps inside amounts and clock times (`nearly
/// two years`, `around 7:15 p.m.`) but mostly not before a day (`around [Wednesday]`).
const APPROXIMATIONS: &[&str] = &["around", "about", "nearly", "almost", "approximately", "roughly"];

/// Parts of a period named before it (`the end of 1990`, `the beginning of October`).
const PERIOD_PARTS: &[&str] = &["end", "beginning", "middle", "start"];

fn month_of(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday_of(word: &str) -> Option<u32> {
    Some(match word {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" | "overnight" => "TNI",
        _ => return None,
    })
}

fn season_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// A unit word, singular or plural, and whether it was plural.
fn unit_of(word: &str) -> Option<(Unit, bool)> {
    if word == "centuries" {
        return Some((Unit::Century, true));
    }
    let (stem, plural) = match word.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (word, false),
    };
    let unit = match stem {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "weekend" => Unit::Weekend,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    };
    Some((unit, plural))
}

fn number_word(word: &str) -> Option<u32> {
    Some(match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

fn ordinal_of(word: &str) -> Option<u32> {
    Some(match word {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// Words other than numbers, calendar names and units that a rule may start
/// with (modifiers, determiners, quantifiers, day words, set and holiday words).
fn is_starter(word: &str) -> bool {
    matches!(
        word,
        "early"
            | "late"
            | "mid"
            | "earlier"
            | "later"
            | "around"
            | "about"
            | "nearly"
            | "almost"
            | "approximately"
            | "roughly"
            | "more"
            | "less"
            | "at"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "last"
            | "next"
            | "past"
            | "coming"
            | "previous"
            | "following"
            | "current"
            | "then"
            | "from"
            | "fiscal"
            | "'"
            | "’"
            | "yesterday"
            | "today"
            | "tomorrow"
            | "tonight"
            | "latest"
            | "recent"
            | "most"
            | "comparable"
            | "corresponding"
            | "several"
            | "few"
            | "many"
            | "some"
            | "final"
            | "noon"
            | "midday"
            | "midnight"
            | "daily"
            | "weekly"
            | "monthly"
            | "annually"
            | "yearly"
            | "hourly"
            | "every"
            | "each"
            | "thanksgiving"
            | "christmas"
            | "halloween"
            | "new"
            | "independence"
            | "labor"
            | "memorial"
            | "veterans"
            | "election"
            | "now"
            | "currently"
            | "nowadays"
            | "recently"
            | "formerly"
            | "lately"
    )
}

/// Whether any rule can start at this token: most words cannot, and
/// skipping them keeps the stage fast.
fn can_start(t: &Tok) -> bool {
    let w = &*t.lower;
    t.number().is_some()
        || w.starts_with(|c: char| c.is_ascii_digit())
        || month_of(w).is_some()
        || weekday_of(w.strip_suffix('s').unwrap_or(w)).is_some()
        || unit_of(w).is_some()
        || number_word(w).is_some()
        || ordinal_of(w).is_some()
        || season_of(w).is_some()
        || part_of_day(w).is_some()
        || is_starter(w)
}

/// Words that say the sentence looks forward. `set` does only before
/// `to` or `for` (`set to resume`); otherwise it is mostly a past tense
/// (`set aside`, `set Friday as the deadline`). So does `plan` (`did not
/// plan to act`), otherwise mostly a noun (`the plan was approved`).
fn is_future_marker(word: &str, next: &str) -> bool {
    matches!(
        word,
        "will"
            | "'ll"
            | "shall"
            | "won't"
            | "won’t"
            | "going"
            | "scheduled"
            | "expected"
            | "expects"
            | "plans"
            | "planned"
            | "planning"
            | "would"
            | "due"
            | "upcoming"
            | "next"
            | "intends"
    ) || (matches!(word, "set" | "plan") && matches!(next, "to" | "for"))
}

/// Irregular past tenses that news reports with (regular ones end in `-ed`).
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "told",
    "met",
    "came",
    "went",
    "made",
    "took",
    "gave",
    "got",
    "won",
    "lost",
    "left",
    "held",
    "fell",
    "rose",
    "began",
    "sent",
    "saw",
    "found",
    "paid",
    "sold",
    "bought",
    "brought",
    "struck",
    "wrote",
    "spoke",
    "knew",
    "thought",
    "became",
    "led",
    "ran",
    "built",
    "drew",
    "grew",
    "threw",
    "flew",
    "shot",
    "fought",
    "caught",
    "sought",
    "kept",
    "felt",
    "heard",
    "stood",
    "broke",
    "chose",
    "stole",
    "drove",
    "fled",
    "spent",
    "withdrew",
    "swore",
    "sank",
    "hung",
    "taught",
    "meant",
    "forgot",
    "overcame",
    "undertook",
    "arose",
    "woke",
];

/// Words that say the sentence reports the past. A past form counts
/// unless it is an adjective (`unspecified`) or a passive after a present
/// `is` (`are supposed to`, `is heard`).
fn is_past_marker(word: &str, previous: &str) -> bool {
    let regular = word.len() > 4
        && word.ends_with("ed")
        && !word.starts_with("un")
        && !matches!(word, "need" | "indeed" | "hundred" | "united" | "speed");
    let passive = matches!(previous, "is" | "are" | "am" | "be");
    // A set: every word of a sentence near a time expression is asked about.
    static IRREGULAR_PAST_SET: LazyLock<QuickSet<&str>> = LazyLock::new(|| IRREGULAR_PAST.iter().copied().collect());
    matches!(word, "ago" | "last") || ((IRREGULAR_PAST_SET.contains(word) || regular) && !passive)
}

fn is_present_marker(word: &str) -> bool {
    matches!(word, "says" | "is" | "are" | "has" | "have" | "do" | "does")
}

/// The tense of the sentence around tokens `start..end`: the verb marker
/// nearest to the expression decides.
pub fn tense_at(toks: &[Tok], start: usize, end: usize) -> Tense {
    let sentence = toks[start].sentence;
    let mut best: Option<(usize, Tense)> = None;
    let mut consider = |i: usize, distance: usize| {
        // `will be held`, `must be returned`: a participle after a modal looks forward.
        let after_auxiliary = |i: usize| {
            (i.saturating_sub(3)..i).any(|k| {
                matches!(
                    &*toks[k].lower,
                    "will" | "'ll" | "shall" | "won't" | "won’t" | "must" | "should" | "would" | "could" | "might"
                )
            })
        };
        let word = &*toks[i].lower;
        let previous = if i > 0 { &*toks[i - 1].lower } else { "" };
        let next = toks.get(i + 1).map_or("", |t| &*t.lower);
        // `is to resume`: an arrangement.
        let arranged = word == "to" && matches!(previous, "is" | "are");
        // `had been scheduled to expire`, `had planned`: a plan that is past.
        let past_plan = (i.saturating_sub(2)..i).any(|k| toks[k].lower == "had");
        // `was expected to`, `were planning to`: the plan decides, not its auxiliary.
        let after_next = toks.get(i + 2).map_or("", |t| &*t.lower);
        if matches!(word, "was" | "were") && is_future_marker(next, after_next) {
            return;
        }
        let past = is_past_marker(word, previous);
        let tense = if past_plan && is_future_marker(word, next) {
            Tense::Past
        } else if is_future_marker(word, next) || arranged || (past && after_auxiliary(i)) {
            Tense::Future
        } else if past {
            Tense::Past
        } else if is_present_marker(word) {
            Tense::Present
        } else {
            return;
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, tense));
        }
    };
    for i in (0..start).rev().take_while(|&i| toks[i].sentence == sentence) {
        consider(i, start - i);
    }
    for i in (end..toks.len()).take_while(|&i| toks[i].sentence == sentence) {
        consider(i, i + 1 - end);
    }
    // `as early as Tuesday`, `effective Feb. 1` and `until Tuesday` look
    // forward (what lasts until a day has not ended by the time of writing,
    // even when it was `postponed until Tuesday`), and so does a deadline
    // (`by Jan. 14`) unless the sentence reports the past (`had filed by
    // Wednesday`); `since` looks back. An `until` that opens the sentence
    // or follows `up` or `not` marks a change, which the tense places
    // (`Until Thursday, they had not named him`, `not until Tuesday did he`).
    let before = |k: usize| start.checked_sub(k).map_or("", |p| &*toks[p].lower);
    let past = best.is_some_and(|(_, t)| t == Tense::Past);
    let opens_sentence = start == 1 || (start > 1 && toks[start - 2].sentence != sentence);
    let until = matches!(before(1), "until" | "till") && !opens_sentence && !matches!(before(2), "up" | "not");
    if (before(1) == "by" && !past) || before(1) == "effective" || until || (before(1) == "as" && before(3) == "as") {
        return Tense::Future;
    }
    if before(1) == "since" {
        return Tense::Past;
    }
    // `Wednesday's ruling` has happened.
    if matches!(toks.get(end).map(|t| &*t.lower), Some("'" | "’")) && toks.get(end + 1).is_some_and(|t| t.lower == "s")
    {
        return Tense::Past;
    }
    best.map_or(Tense::Present, |(_, t)| t)
}

/// The rules over one text's tokens.
pub struct Rules<'a> {
    toks: &'a [Tok<'a>],
    /// The text speaks of a U.S. presidential election, so `the election` is one.
    presidential: bool,
}

impl<'a> Rules<'a> {
    pub fn new(toks: &'a [Tok<'a>]) -> Rules<'a> {
        let presidential = toks.windows(2).any(|w| {
            (w[0].lower == "presidential" && w[1].lower.starts_with("election"))
                || (w[0].lower == "president" && w[1].lower == "-")
        });
        Rules { toks, presidential }
    }

    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &*t.lower)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i) == word
    }

    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    /// Index after an optional abbreviation point at `i`.
    fn skip_point(&self, i: usize) -> usize {
        if self.is(i, ".") && self.tok(i).is_some_and(|t| !t.space_before) {
            i + 1
        } else {
            i
        }
    }

    /// Index after an optional `the` at `i`.
    fn skip_the(&self, i: usize) -> usize {
        if self.is(i, "the") {
            i + 1
        } else {
            i
        }
    }

    /// Every expression in the text, left to right, not overlapping.
    pub fn find_all(&self) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.at(i) {
                Some(f) => {
                    i = f.end;
                    if !self.in_title(&f) {
                        found.push(f);
                    }
                }
                None => i += 1,
            }
        }
        found
    }

    /// A capitalised unit inside a sentence (`ABC's "This Week"`, `CBS's
    /// "60 Minutes"`, `High Noon`) names a programme or a film; holidays
    /// (`Election Day`) are names of times.
    fn in_title(&self, f: &Found) -> bool {
        if matches!(f.expr, Expr::Holiday { .. } | Expr::Event(_)) {
            return false;
        }
        (f.start..f.end).any(|k| {
            let t = &self.toks[k];
            let starts_sentence = k == 0 || self.toks[k - 1].sentence != t.sentence;
            t.capital && !starts_sentence && (unit_of(&t.lower).is_some() || matches!(&*t.lower, "noon" | "midnight"))
        })
    }

    /// The longest expression starting at `i`, modifiers included.
    fn at(&self, i: usize) -> Option<Found> {
        if !can_start(&self.toks[i]) {
            return None;
        }
        let mut core = i;
        if self.is(core, "the") && PERIOD_PARTS.contains(&self.word(core + 1)) && self.is(core + 2, "of") {
            core += 3;
        }
        if self.is(core, "the") && MODIFIERS.contains(&self.word(core + 1)) {
            core += 1;
        }
        let approximate = APPROXIMATIONS.contains(&self.word(core));
        let modifier = self.word(core);
        if MODIFIERS.contains(&modifier) || approximate {
            core += 1;
            if self.is(core, "-") {
                core += 1;
            }
        } else if MODIFIER_PAIRS.iter().any(|(a, b)| self.is(core, a) && self.is(core + 1, b)) {
            core += 2;
        }
        if core > i {
            // `earlier Friday`, `around Wednesday`: TimeBank marks only the day.
            let kept = |e: &Expr| match e {
                Expr::Weekday { .. } | Expr::DayOffset(_) | Expr::PartOfDay { .. } | Expr::Calendar { .. } => {
                    !approximate && !matches!(modifier, "earlier" | "later")
                }
                Expr::Reference(_) => false,
                Expr::Set(_) => !approximate,
                _ => true,
            };
            if let Some((end, expr)) = self.core(core).filter(|(_, e)| kept(e)) {
                return Some(Found { start: i, end, expr });
            }
        }
        self.core(i).map(|(end, expr)| Found { start: i, end, expr })
    }

    fn core(&self, i: usize) -> Option<(usize, Expr)> {
        let candidates = [
            self.offset(i),
            self.calendar(i),
            self.year(i),
            self.weekday(i),
            self.day_word(i),
            self.relative(i),
            self.quarter(i),
            self.duration(i),
            self.season(i),
            self.clock(i),
            self.set(i),
            self.holiday(i),
            self.reference_word(i),
        ];
        // Longest wins; among equals the earlier rule.
        candidates.into_iter().flatten().fold(None, |best: Option<(usize, Expr)>, c| match &best {
            Some((end, _)) if *end >= c.0 => best,
            _ => Some(c),
        })
    }

    /// A four-digit year at `i` that reads as a year, not a quantity.
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.lower.len() != 4 {
            return None;
        }
        let y = t.number()? as i32;
        let money = i > 0 && matches!(self.word(i - 1), "$" | "€" | "£" | "#" | "no");
        let quantity = matches!(self.word(i + 1), "%" | "percent" | "million" | "billion" | ":" | "-year" | "yen");
        // `2082.1`, an index level.
        let decimal = self.is(i + 1, ".") && self.tok(i + 2).is_some_and(|t| !t.space_before && t.number().is_some());
        ((1800..=2099).contains(&y) && !money && !quantity && !decimal).then_some(y)
    }

    /// A year read out in words (`nineteen ninety-six`, `two thousand`), as
    /// transcripts write them, and the index after it.
    fn spelled_year_at(&self, i: usize) -> Option<(i32, usize)> {
        let (base, j) = match (self.word(i), self.word(i + 1)) {
            ("nineteen", _) => (1900, i + 1),
            ("two", "thousand") => (2000, i + 2),
            _ => return None,
        };
        let (year, end) = match self.amount_at(j) {
            Some((Some(n), end)) if n < 100 && !matches!(self.word(j), "a" | "an") => (base + n as i32, end),
            _ if base == 2000 => (base, j),
            _ => return None,
        };
        // `two thousand years` is an amount.
        unit_of(self.word(end)).is_none().then_some((year, end))
    }

    /// A day of the month at `i` (`30`, `30th`).
    fn day_at(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        let digits = t.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &t.lower[digits.len()..];
        if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A month name at `i` (capitalised, abbreviation point allowed), and the index after it.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if !t.capital {
            return None;
        }
        let m = month_of(&t.lower)?;
        let abbreviated = t.lower.len() <= 4 && t.lower != "june" && t.lower != "july" && t.lower != "may";
        if !abbreviated {
            return Some((m, i + 1));
        }
        // An abbreviation without its point is a month only before a day or year (`Jan Kavan` is a name).
        let j = self.skip_point(i + 1);
        (j > i + 1 || self.day_at(j).is_some() || self.year_at(j).is_some()).then_some((m, j))
    }

    /// `Aug. 7, 1998`, `7 August 1998`, `February 2019`, `June`, `last April`,
    /// `Friday, Aug. 7`, `July last year`.
    fn calendar(&self, i: usize) -> Option<(usize, Expr)> {
        let (end, expr) = self.calendar_date(i)?;
        let shift = self.anchor_year_at(end).filter(|&(_, k)| !matches!(self.word(k), "'" | "’"));
        match (shift, &expr) {
            (Some((by, k)), Expr::Calendar { year: None, which: Which::Tense, .. }) => {
                Some((k, Expr::InAnchorYear { by, inner: Box::new(expr) }))
            }
            _ => Some((end, expr)),
        }
    }

    /// A date as [`Rules::calendar`] reads it, without a year named after it.
    fn calendar_date(&self, i: usize) -> Option<(usize, Expr)> {
        let which = match self.word(i) {
            "last" => Which::Last,
            "next" => Which::Next,
            "this" => Which::This,
            _ => Which::Tense,
        };
        let start = if which == Which::Tense { i } else { i + 1 };
        // `Friday, Aug. 7` and `Friday Oct. 13`: the weekday joins the date.
        if weekday_of(self.word(start)).is_some() {
            let date = if self.is(start + 1, ",") { start + 2 } else { start + 1 };
            if let Some((end, expr @ Expr::Calendar { day: Some(_), .. })) = self.calendar_date(date) {
                return Some((end, expr));
            }
        }
        if let Some(d) = self.day_at(start) {
            if let Some((m, j)) = self.month_at(start + 1) {
                let (year, end) = match self.year_at(j) {
                    Some(y) => (Some(y), j + 1),
                    None => (None, j),
                };
                return Some((end, Expr::Calendar { year, month: Some(m), day: Some(d), which }));
            }
        }
        let (m, j) = self.month_at(start)?;
        // `March 12`, but not the `6` of a clock time `6:30`.
        let clock = self.is(j + 1, ":") && self.tok(j + 2).is_some_and(|t| t.number().is_some() && !t.space_before);
        if let Some(d) = self.day_at(j).filter(|_| !clock) {
            let k = if self.is(j + 1, ",") { j + 2 } else { j + 1 };
            return Some(match self.year_at(k) {
                Some(y) => (k + 1, Expr::Calendar { year: Some(y), month: Some(m), day: Some(d), which }),
                None => (j + 1, Expr::Calendar { year: None, month: Some(m), day: Some(d), which }),
            });
        }
        let k = if self.is(j, ",") || self.is(j, "of") { j + 1 } else { j };
        if let Some((y, end)) = self.year_at(k).map(|y| (y, k + 1)).or_else(|| self.spelled_year_at(k)) {
            return Some((end, Expr::Calendar { year: Some(y), month: Some(m), day: None, which }));
        }
        // A bare `May` is usually the verb; take it only after a word that introduces a date.
        let introduced = i > 0
            && matches!(
                self.word(start - 1),
                "in" | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "since"
                    | "until"
                    | "by"
                    | "through"
                    | "during"
                    | "of"
                    | "from"
                    | "to"
                    | "before"
                    | "after"
                    | "between"
                    | "-"
            );
        // `the March for Life`: a month is not the head of a name.
        let named =
            matches!(self.word(j), "for" | "of") && self.tok(j + 1).is_some_and(|t| t.capital || t.lower == "the");
        ((m != 5 || introduced) && !named)
            .then_some((j, Expr::Calendar { year: None, month: Some(m), day: None, which }))
    }

    /// Years, decades and year ranges: `1998`, `fiscal 1989`, `the 1990s`, `'90s`, `from 2018 to 2019`.
    /// `between 1994 and 1997` is not a range: it names the two years that
    /// bound what happened, and TimeML marks each.
    fn year(&self, i: usize) -> Option<(usize, Expr)> {
        let range_start = match self.word(i) {
            "from" => self.year_at(i + 1).map(|y| (y, i + 2)),
            _ => None,
        };
        if let Some((first, j)) = range_start {
            if matches!(self.word(j), "to" | "until" | "through") {
                if let Some(last) = self.year_at(j + 1).filter(|&y| y > first) {
                    return Some((j + 2, Expr::YearRange(first, last)));
                }
            }
        }
        if let Some(first) = self.year_at(i) {
            if matches!(self.word(i + 1), "-" | "–") {
                let next = self.tok(i + 2)?;
                let last = match next.lower.len() {
                    4 => self.year_at(i + 2),
                    2 => next.number().map(|n| first - first % 100 + n as i32),
                    _ => None,
                };
                if let Some(last) = last.filter(|&l| l > first && l - first < 20) {
                    return Some((i + 3, Expr::YearRange(first, last)));
                }
            }
            return Some((i + 1, Expr::Calendar { year: Some(first), month: None, day: None, which: Which::Tense }));
        }
        // `the year two thousand`.
        let j = if self.is(i, "the") && self.is(i + 1, "year") { i + 2 } else { i };
        if let Some((y, end)) = self.spelled_year_at(j) {
            return Some((end, Expr::Calendar { year: Some(y), month: None, day: None, which: Which::Tense }));
        }
        if self.is(i, "the") {
            if let Some(d) = self.word(i + 1).strip_suffix("ies").and_then(|w| number_word(&format!("{w}y"))) {
                return (d >= 20).then_some((i + 2, Expr::Decade(190 + d as i32 / 10)));
            }
        }
        if self.is(i, "fiscal") {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            return self
                .year_at(j)
                .map(|y| (j + 1, Expr::Calendar { year: Some(y), month: None, day: None, which: Which::Tense }));
        }
        // Decades: `the 1990s`, `'90s`; centuries: `the 20th century`.
        let j = self.skip_the(i);
        if self.is(j + 1, "century") {
            let ordinal = self.word(j).trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let n: i32 = ordinal.parse().ok().filter(|n| (1..=30).contains(n))?;
            return Some((j + 2, Expr::Century(n - 1)));
        }
        let (digits, end) = if matches!(self.word(j), "'" | "’") {
            (self.word(j + 1).strip_suffix('s').filter(|d| d.len() == 2).map(|d| format!("19{d}")), j + 2)
        } else {
            (self.word(j).strip_suffix('s').filter(|d| d.len() == 4).map(str::to_string), j + 1)
        };
        let year: i32 = digits?.parse().ok()?;
        (year % 10 == 0 && (1000..2100).contains(&year)).then_some((end, Expr::Decade(year / 10)))
    }

    /// `Friday`, `last Friday`, `Friday morning`, `Fridays` (a set).
    fn weekday(&self, i: usize) -> Option<(usize, Expr)> {
        let which = match self.word(i) {
            "last" | "past" => Which::Last,
            "next" | "coming" => Which::Next,
            "this" => Which::This,
            _ => Which::Tense,
        };
        let j = if which == Which::Tense { i } else { i + 1 };
        let word = self.word(j);
        if let Some(weekday) = word.strip_suffix('s').and_then(weekday_of) {
            let part = part_of_day(self.word(j + 1).trim_end_matches('s'));
            let base = format!("XXXX-WXX-{weekday}");
            return Some(match part {
                Some(p) => (j + 2, Expr::Set(format!("{base}{p}"))),
                None => (j + 1, Expr::Set(base)),
            });
        }
        let weekday = weekday_of(word)?;
        // `Tuesday nights`: every one.
        if let Some(part) = self.word(j + 1).strip_suffix('s').and_then(part_of_day) {
            return Some((j + 2, Expr::Set(format!("XXXX-WXX-{weekday}{part}"))));
        }
        let day = Expr::Weekday { weekday, which };
        Some(match part_of_day(self.word(j + 1)) {
            Some(part) => (j + 2, Expr::PartOfDay { day: Box::new(day), part }),
            None => (j + 1, day),
        })
    }

    /// `yesterday`, `today`, `tomorrow`, `tonight`, `this morning`, `last night`, `the morning`,
    /// `afternoon yesterday`.
    fn day_word(&self, i: usize) -> Option<(usize, Expr)> {
        let (offset, j) = match self.word(i) {
            "yesterday" => (-1, i + 1),
            "today" => (0, i + 1),
            "tomorrow" => (1, i + 1),
            "tonight" => return Some((i + 1, Expr::PartOfDay { day: Box::new(Expr::DayOffset(0)), part: "TNI" })),
            "this" => {
                let part = part_of_day(self.word(i + 1)).filter(|p| *p != "TNI")?;
                return Some((i + 2, Expr::PartOfDay { day: Box::new(Expr::DayOffset(0)), part }));
            }
            // `in the morning`: of the day just mentioned.
            "the" => {
                let part = part_of_day(self.word(i + 1)).filter(|p| *p != "TNI")?;
                let day = Expr::ReferenceShift { unit: Unit::Day, by: 0 };
                return Some((i + 2, Expr::PartOfDay { day: Box::new(day), part }));
            }
            "last" if self.is(i + 1, "night") => {
                return Some((i + 2, Expr::PartOfDay { day: Box::new(Expr::DayOffset(-1)), part: "TNI" }))
            }
            // `afternoon yesterday`; `mid-afternoon` alone is of the day just mentioned.
            w => {
                let part = part_of_day(w)?;
                if let Some((end, day @ Expr::DayOffset(_))) = self.day_word(i + 1) {
                    return Some((end, Expr::PartOfDay { day: Box::new(day), part }));
                }
                let before = |k: usize| i.checked_sub(k).map_or("", |p| self.word(p));
                if before(1) == "mid" || (before(1) == "-" && before(2) == "mid") {
                    let day = Expr::ReferenceShift { unit: Unit::Day, by: 0 };
                    return Some((i + 1, Expr::PartOfDay { day: Box::new(day), part }));
                }
                return None;
            }
        };
        Some(match part_of_day(self.word(j)) {
            Some(part) => (j + 1, Expr::PartOfDay { day: Box::new(Expr::DayOffset(offset)), part }),
            None => (j, Expr::DayOffset(offset)),
        })
    }

    /// `last year`, `next week`, `this month`, `the past year` (the last
    /// one), `the following day`, `the weekend`, `last fall`.
    fn relative(&self, i: usize) -> Option<(usize, Expr)> {
        let the = self.is(i, "the");
        let mut j = self.skip_the(i);
        // `the current fiscal year` is this one, like `the current year`.
        if the && self.is(j, "current") && self.is(j + 1, "fiscal") && self.is(j + 2, "year") {
            return Some((j + 3, Expr::AnchorShift { unit: Unit::Year, by: 0 }));
        }
        // `the fiscal year` reads as `the year`.
        if the && self.is(j, "fiscal") && self.is(j + 1, "year") {
            j += 1;
        }
        let word = self.word(j);
        // `for the year ended Sept. 30` is a fiscal year's length; `for the year` alone, this year.
        if the && word == "year" && i > 0 && matches!(self.word(i - 1), "for" | "of" | "in" | "during" | "through") {
            return Some(match self.word(j + 1) {
                "ended" | "ending" => (j + 1, Expr::Duration { amount: Some(1), unit: Unit::Year }),
                "-" | "earlier" | "ago" | "before" | "after" | "'" | "’" => return None,
                _ => (j + 1, Expr::AnchorShift { unit: Unit::Year, by: 0 }),
            });
        }
        if j > i + 1 {
            return None;
        }
        // `the full year`: this one.
        if the && word == "full" && self.is(j + 1, "year") && !matches!(self.word(j + 2), "ended" | "ending") {
            return Some((j + 2, Expr::AnchorShift { unit: Unit::Year, by: 0 }));
        }
        if the && word == "weekend" {
            return Some((j + 1, Expr::Weekend { which: Which::Tense }));
        }
        if the && word == "week" && self.is(j + 1, "of") {
            if let Some((end, day @ Expr::Calendar { day: Some(_), .. })) = self.calendar_date(j + 2) {
                return Some((end, Expr::WeekOf(Box::new(day))));
            }
        }
        if the && matches!(word, "same" | "that") && self.is(j + 1, "day") {
            return Some((j + 2, Expr::ReferenceShift { unit: Unit::Day, by: 0 }));
        }
        if !the && word == "that" && self.is(j + 1, "day") {
            return Some((j + 2, Expr::ReferenceShift { unit: Unit::Day, by: 0 }));
        }
        // `that year`, `that quarter`: the one of the date just mentioned.
        if !the && word == "that" {
            if let Some((unit @ (Unit::Week | Unit::Month | Unit::Quarter | Unit::Year), false)) =
                unit_of(self.word(j + 1))
            {
                return Some((j + 2, Expr::ReferenceUnit { unit, by: 0 }));
            }
        }
        if the && self.is(j, "day") && matches!(self.word(j + 1), "before" | "after") {
            let sign = if self.is(j + 1, "before") { -1 } else { 1 };
            // `the day before last Tuesday`: counted from the day named.
            if let Some((end, base)) = self.base_at(j + 2) {
                return Some((end, Expr::Offset { amount: 1, unit: Unit::Day, sign, base: Box::new(base) }));
            }
            // `Oct. 12, the day before the plunge`: in apposition to a date,
            // the day is that date, described by an event.
            if i > 0 && self.is(i - 1, ",") && self.tok(j + 2).is_some_and(|t| t.lower.starts_with(char::is_alphabetic))
            {
                return Some((j + 1, Expr::ReferenceShift { unit: Unit::Day, by: 0 }));
            }
            return Some((j + 2, Expr::ReferenceShift { unit: Unit::Day, by: sign }));
        }
        let unit_word = self.word(j + 1);
        if let Some(season) = season_of(unit_word) {
            let which = match word {
                "last" | "past" => Which::Last,
                "next" | "coming" => Which::Next,
                "this" => Which::This,
                _ => return None,
            };
            let (year, end) = match self.year_at(j + 2) {
                Some(y) => (Some(y), j + 3),
                None => (None, j + 2),
            };
            return Some((end, Expr::Season { season, year, which }));
        }
        let (unit, plural) = unit_of(unit_word)?;
        if plural {
            return None;
        }
        let shift = match word {
            "last" | "past" | "previous" => -1,
            "next" | "coming" | "following" => 1,
            "this" | "current" => 0,
            _ => return None,
        };
        let end = j + 2;
        if unit == Unit::Weekend {
            let which = match shift {
                -1 => Which::Last,
                1 => Which::Next,
                _ => Which::This,
            };
            return Some((end, Expr::Weekend { which }));
        }
        // `the past year` is the last one, as TimeBank reads it, and `the
        // next year or so` the next, the hedge inside.
        let end = if self.is(end, "or") && self.is(end + 1, "so") { end + 2 } else { end };
        let expr = match (the, word) {
            (_, "previous" | "following") => Expr::ReferenceUnit { unit, by: shift },
            // The calendar century before is rarely meant by `the past century`.
            (true, "past" | "last" | "next" | "coming") if unit == Unit::Century => {
                Expr::Duration { amount: Some(1), unit }
            }
            _ => Expr::AnchorShift { unit, by: shift },
        };
        Some((end, expr))
    }

    /// `the third quarter`, `third-quarter`, `the quarter`, `the first half of 1990`,
    /// `the 1988 second quarter`, `the year-earlier period`.
    fn quarter(&self, i: usize) -> Option<(usize, Expr)> {
        let the = self.is(i, "the");
        let mut j = self.skip_the(i);
        let mut year = if the { self.year_at(j) } else { None };
        if year.is_some() {
            j += 1;
        }
        // `this year's third quarter`, `last year's quarter`.
        let mut year_shift = None;
        if let Some((by, k)) = self.anchor_year_at(j) {
            if matches!(self.word(k), "'" | "’") && self.is(k + 1, "s") {
                year_shift = Some(by);
                j = k + 2;
            }
        }
        let mut number = None;
        // `the last half of 1989` is its second.
        if self.is(j, "last") && self.is(j + 1, "half") {
            number = Some(2);
            j += 1;
        }
        let mut year_ago = false;
        // `the latest quarter` is the last one that ended, whatever the text discussed before.
        let mut latest = false;
        loop {
            match self.word(j) {
                "fiscal" | "comparable" | "corresponding" => j += 1,
                "latest" | "recent" => {
                    latest = true;
                    j += 1;
                }
                "most" if self.is(j + 1, "recent") => {
                    latest = true;
                    j += 2;
                }
                "-" if self.is(j - 1, "fiscal") => j += 1,
                "year" if self.is(j + 1, "-") && matches!(self.word(j + 2), "ago" | "earlier") => {
                    year_ago = true;
                    j += 3;
                }
                w => match ordinal_of(w) {
                    Some(n) if number.is_none() => {
                        number = Some(n);
                        j += 1;
                    }
                    _ => break,
                },
            }
        }
        if !the && number.is_none() && !year_ago && year_shift.is_none() {
            return None;
        }
        // Adjectival `third-quarter`: TimeML leaves a `the` before it outside.
        if number.is_some() && self.is(j, "-") {
            if the {
                return None;
            }
            j += 1;
        }
        // `the quarter a year ago`, `the corresponding period last year`.
        let after = j + 1;
        let suffix_ago = self.is(after, "a")
            && self.is(after + 1, "year")
            && matches!(self.word(after + 2), "ago" | "earlier")
            && year_shift.is_none();
        let suffix_shift = self.anchor_year_at(after).filter(|_| year_shift.is_none());
        let counted = year_ago || suffix_ago || year_shift.is_some() || suffix_shift.is_some();
        let half = match self.word(j) {
            "quarter" => false,
            "half" if number.is_some_and(|n| n <= 2) => true,
            "period" if (counted || latest) && number.is_none() => false,
            "period" if number.is_none() => return year.map(|y| (j + 1, Expr::PeriodIn(y))),
            _ => return None,
        };
        j += 1;
        if year.is_none() {
            let k = if self.is(j, "of") { j + 1 } else { j };
            if let Some(y) = self.year_at(k) {
                year = Some(y);
                j = k + 1;
            } else if half && self.is(j, "of") {
                // `the last half of the '80s` is that decade's.
                if let Some((end, decade @ Expr::Decade(_))) = self.year(k) {
                    return Some((end, decade));
                }
            }
        }
        if suffix_ago {
            year_ago = true;
            j += 3;
        }
        if let Some((by, end)) = suffix_shift.filter(|_| year.is_none()) {
            year_shift = Some(by);
            j = end;
        }
        let expr = match (half, number) {
            (true, Some(h)) => Expr::Half { half: h, year },
            (false, None) if latest && !counted => Expr::AnchorShift { unit: Unit::Quarter, by: -1 },
            _ => Expr::Quarter { quarter: number, year },
        };
        // A named quarter in another year is that year's; the quarter under
        // discussion (`last year's quarter`) is counted back from it.
        let expr = match (year_shift, number) {
            (Some(by), Some(_)) => Expr::InAnchorYear { by, inner: Box::new(expr) },
            (Some(by), None) if by != 0 => Expr::Offset {
                amount: by.unsigned_abs() as u32,
                unit: Unit::Year,
                sign: by.signum(),
                base: Box::new(expr),
            },
            _ => expr,
        };
        if year_ago {
            return Some((j, Expr::Offset { amount: 1, unit: Unit::Year, sign: -1, base: Box::new(expr) }));
        }
        Some((j, expr))
    }

    /// `last year`, `this year`, `next year` at `i`: the shift from the
    /// anchor's year and the index after it.
    fn anchor_year_at(&self, i: usize) -> Option<(i64, usize)> {
        let by = match self.word(i) {
            "last" => -1,
            "this" | "current" => 0,
            "next" => 1,
            _ => return None,
        };
        self.is(i + 1, "year").then_some((by, i + 2))
    }

    /// An amount at `i`: digits, number words (`twenty-five`), `a`/`an`,
    /// or a vague one (`several`, `a few`: `None`); with the index after it.
    fn amount_at(&self, i: usize) -> Option<(Option<u32>, usize)> {
        let t = self.tok(i)?;
        if let Some(n) = t.number().filter(|_| t.lower.len() <= 4) {
            return Some((Some(n as u32), i + 1));
        }
        match &*t.lower {
            "a" | "an" if self.is(i + 1, "few") => Some((None, i + 2)),
            // `a couple of years`, `the next couple of years`: two.
            "a" if self.is(i + 1, "couple") => self.amount_at(i + 1),
            "couple" => Some((Some(2), if self.is(i + 1, "of") { i + 2 } else { i + 1 })),
            "a" | "an" => Some((Some(1), i + 1)),
            "several" | "few" | "many" | "some" => Some((None, i + 1)),
            w => {
                let n = number_word(w)?;
                // `twenty-five`, `twenty four`.
                if (20..100).contains(&n) {
                    let j = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
                    if let Some(units) = number_word(self.word(j)).filter(|u| *u < 10) {
                        return Some((Some(n + units), j + 1));
                    }
                }
                Some((Some(n), i + 1))
            }
        }
    }

    /// `three days`, `the past two months`, `the first nine months`,
    /// `two-year`, `for years`.
    fn duration(&self, i: usize) -> Option<(usize, Expr)> {
        let mut j = self.skip_the(i);
        if matches!(self.word(j), "past" | "last" | "next" | "first" | "coming" | "previous" | "final" | "latest") {
            j += 1;
        }
        // `the year-earlier nine months` last as long as the nine months.
        if j > i && self.is(j, "year") && self.is(j + 1, "-") && matches!(self.word(j + 2), "earlier" | "ago") {
            j += 3;
        }
        // `for years`: an unspecified amount; TimeBank leaves `for` outside.
        if i > 0 && self.is(i - 1, "for") {
            if let Some((unit, true)) = unit_of(self.word(i)).filter(|(u, _)| *u >= Unit::Day) {
                return Some((i + 1, Expr::Duration { amount: None, unit }));
            }
        }
        // `recent years`, `coming weeks`: an unspecified stretch.
        if matches!(self.word(i), "recent" | "coming") {
            if let Some((unit, true)) = unit_of(self.word(i + 1)) {
                return Some((i + 2, Expr::Duration { amount: None, unit }));
            }
        }
        let (amount, mut k) = self.amount_at(j)?;
        // `5 1/2 hours`.
        let fraction = self.is(k, "1") && self.is(k + 1, "/") && self.is(k + 2, "2");
        if fraction {
            k += 3;
        }
        let article = matches!(self.word(j), "a" | "an");
        // `$1.76 a year`, `700 seats a week` are rates (after a plural, not
        // after `as` or `was`), and `a second` is mostly an ordinal.
        let rate = article
            && j == i
            && i > 0
            && (self.toks[i - 1].number().is_some()
                || matches!(self.word(i - 1), "million" | "billion")
                || (self.word(i - 1).len() > 3 && self.word(i - 1).ends_with('s')));
        if rate || (article && self.is(k, "second")) {
            return None;
        }
        // `two more weeks`, `an additional year`, `eight trading days`.
        if matches!(self.word(k), "more" | "additional" | "extra" | "trading" | "business" | "working") {
            k += 1;
        }
        // `two-year`: an amount, a hyphen and a singular unit.
        let hyphen = self.is(k, "-");
        let u = if hyphen { k + 1 } else { k };
        let (unit, plural) = unit_of(self.word(u))?;
        // `6-year-old` is an age, not a duration.
        if hyphen && (plural || (self.is(u + 1, "-") && self.is(u + 2, "old"))) {
            return None;
        }
        // `37 years old` is an age; `a year-earlier loss` a compound, found by its own rule.
        if self.is(u + 1, "old") || (!hyphen && self.is(u + 1, "-")) {
            return None;
        }
        // `a minute and a half`.
        let and_a_half = self.is(u + 1, "and") && self.is(u + 2, "a") && self.is(u + 3, "half");
        if fraction || and_a_half {
            let whole = amount?;
            let end = if and_a_half { u + 4 } else { u + 1 };
            return Some((end, Expr::DurationAndHalf { whole, unit }));
        }
        // `the next two years or so`: TimeML keeps the hedge inside.
        let end = if self.is(u + 1, "or") && self.is(u + 2, "so") { u + 3 } else { u + 1 };
        Some((end, Expr::Duration { amount, unit }))
    }

    /// `two years ago`, `a year earlier`, `five days before the U.S. election`, `year-earlier`.
    fn offset(&self, i: usize) -> Option<(usize, Expr)> {
        // `year-end`, `year end`, `year's end`: the end of this year.
        if self.is(i, "year") {
            let end = match (self.word(i + 1), self.word(i + 2), self.word(i + 3)) {
                ("-" | "end", _, _) if self.is(i + 1, "end") => Some(i + 2),
                ("-", "end", _) => Some(i + 3),
                ("'" | "’", "s", "end") => Some(i + 4),
                _ => None,
            };
            if let Some(end) = end {
                return Some((end, Expr::AnchorShift { unit: Unit::Year, by: 0 }));
            }
        }
        if self.is(i, "year") && self.is(i + 1, "-") && matches!(self.word(i + 2), "earlier" | "ago") {
            return Some((i + 3, Expr::ReferenceShift { unit: Unit::Year, by: -1 }));
        }
        let (amount, j) = self.amount_at(i)?;
        let (unit, _) = unit_of(self.word(j))?;
        // `a week or so ago`.
        let k = if self.is(j + 1, "or") && self.is(j + 2, "so") { j + 3 } else { j + 1 };
        let n = i64::from(amount.unwrap_or(1));
        match self.word(k) {
            "ago" => match amount {
                Some(_) => Some((k + 1, Expr::Ago { unit, by: -n })),
                None => Some((k + 1, Expr::Reference("PAST_REF"))),
            },
            "earlier" | "later" if amount.is_some() => {
                let by = if self.is(k, "earlier") { -n } else { n };
                Some((k + 1, Expr::ReferenceShift { unit, by }))
            }
            "before" | "after" if amount.is_some() => {
                let sign = if self.is(k, "before") { -1 } else { 1 };
                let (end, base) = self.base_at(k + 1)?;
                Some((end, Expr::Offset { amount: amount?, unit, sign, base: Box::new(base) }))
            }
            "from" if self.is(k + 1, "now") && amount.is_some() => Some((k + 2, Expr::Ago { unit, by: n })),
            _ => None,
        }
    }

    /// What an offset counts from: a date, a day word or a well-known event.
    fn base_at(&self, i: usize) -> Option<(usize, Expr)> {
        if let Some(found) = [self.calendar(i), self.weekday(i), self.day_word(i), self.holiday(i)]
            .into_iter()
            .flatten()
            .max_by_key(|(end, _)| *end)
        {
            return Some(found);
        }
        self.election_at(i)
    }

    /// `the election`, `the U.S. presidential election`, `the 2024 election`,
    /// when the text is about a U.S. presidential election.
    fn election_at(&self, i: usize) -> Option<(usize, Expr)> {
        let mut j = self.skip_the(i);
        let mut year = None;
        loop {
            match self.word(j) {
                "u" if self.is(j + 1, ".") && self.is(j + 2, "s") => j = self.skip_point(j + 3),
                "us" | "american" | "presidential" | "general" => j += 1,
                _ => match self.year_at(j) {
                    Some(y) => {
                        year = Some(y);
                        j += 1;
                    }
                    None => break,
                },
            }
        }
        (self.is(j, "election") && self.presidential).then_some((j + 1, Expr::Event(KnownEvent::UsElection(year))))
    }

    /// `the summer`, `summer 1999`, `the fall of 1998`; a bare season only
    /// after a word that introduces a time (`in spring`), as `fall` is also a verb.
    fn season(&self, i: usize) -> Option<(usize, Expr)> {
        let j = self.skip_the(i);
        let season = season_of(self.word(j))?;
        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
        if let Some((y, end)) = self.year_at(k).map(|y| (y, k + 1)).or_else(|| self.spelled_year_at(k)) {
            return Some((end, Expr::Season { season, year: Some(y), which: Which::Tense }));
        }
        let introduced = j > i
            || (i > 0 && matches!(self.word(i - 1), "in" | "since" | "until" | "by" | "during" | "early" | "late"));
        (introduced && !self.is(j + 1, "of"))
            .then_some((j + 1, Expr::Season { season, year: None, which: Which::Tense }))
    }

    /// `10:35 a.m.`, `3 p.m. EDT`, `noon`, `midnight`.
    fn clock(&self, i: usize) -> Option<(usize, Expr)> {
        match self.word(i) {
            "noon" | "midday" => return Some(self.clock_day(i + 1, 12, 0)),
            "midnight" => return Some(self.clock_day(i + 1, 24, 0)),
            _ => {}
        }
        let hour = self.tok(i)?.number().filter(|h| *h <= 24 && self.word(i).len() <= 2)? as u32;
        let (minute, j) = if self.is(i + 1, ":") {
            let m = self.tok(i + 2)?.number().filter(|m| *m < 60 && self.word(i + 2).len() == 2)?;
            (m as u32, i + 3)
        } else {
            (0, i + 1)
        };
        // `a.m.` is `a` `.` `m` `.`; `am` and `pm` are one word.
        let (pm, mut end) = match self.word(j) {
            "a" | "p" if self.is(j + 1, ".") && self.is(j + 2, "m") => (self.is(j, "p"), self.skip_point(j + 3)),
            "am" | "pm" => (self.is(j, "pm"), j + 1),
            _ if j > i + 1 && matches!(self.word(j), "gmt" | "edt" | "est" | "utc" | "local") => (false, j),
            _ => return None,
        };
        if hour > 12 && end > j {
            return None;
        }
        if matches!(self.word(end), "edt" | "est" | "gmt" | "utc" | "pdt" | "pst" | "cdt" | "cst" | "bst" | "cet") {
            end += 1;
        }
        let hour = match (pm, hour) {
            (true, h) if h < 12 => h + 12,
            (false, 12) if end > j => 0,
            (_, h) => h,
        };
        Some(self.clock_day(end, hour, minute))
    }

    /// A clock time ending before `end`, with the day right after it if
    /// one follows (`noon Thursday`, `5 p.m. Nov. 9`).
    fn clock_day(&self, end: usize, hour: u32, minute: u32) -> (usize, Expr) {
        // `5 p.m. EST, Nov. 6`: a date with its day, after a comma or not.
        let date = if self.is(end, ",") { end + 1 } else { end };
        let dated = self.calendar_date(date).filter(|(_, e)| matches!(e, Expr::Calendar { day: Some(_), .. }));
        match self.weekday(end).or_else(|| self.day_word(end)).or(dated) {
            Some((after, day @ (Expr::Weekday { .. } | Expr::DayOffset(_) | Expr::Calendar { .. }))) => {
                (after, Expr::Clock { day: Some(Box::new(day)), hour, minute })
            }
            _ => (end, Expr::Clock { day: None, hour, minute }),
        }
    }

    /// `daily`, `annually`, `every day`, `each year`, `every Monday`, `each July`.
    fn set(&self, i: usize) -> Option<(usize, Expr)> {
        let fixed = match self.word(i) {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "annually" | "yearly" => "P1Y",
            "hourly" => "PT1H",
            "every" | "each" => {
                if let Some(weekday) = weekday_of(self.word(i + 1)) {
                    return Some((i + 2, Expr::Set(format!("XXXX-WXX-{weekday}"))));
                }
                if let Some((month, end)) = self.month_at(i + 1) {
                    return Some((end, Expr::Set(format!("XXXX-{month:02}"))));
                }
                let (amount, j) = match self.amount_at(i + 1) {
                    Some((Some(n), j)) if n > 1 => (n, j),
                    _ => (1, i + 1),
                };
                let (unit, _) = unit_of(self.word(j))?;
                return Some((j + 1, Expr::Set(duration_value(Some(amount), unit))));
            }
            _ => return None,
        };
        Some((i + 1, Expr::Set(fixed.to_string())))
    }

    /// Yearly holidays with a known date: `Thanksgiving`, `Christmas`, `New Year's Day`, `Election Day`.
    fn holiday(&self, i: usize) -> Option<(usize, Expr)> {
        let fixed = |month, day, end| (month, HolidayRule::Fixed(day), end);
        let (month, rule, end) = match self.word(i) {
            "thanksgiving" => {
                let end = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                (11, HolidayRule::NthWeekday { weekday: 4, nth: 4 }, end)
            }
            "christmas" => match self.word(i + 1) {
                "eve" => fixed(12, 24, i + 2),
                "day" => fixed(12, 25, i + 2),
                _ => fixed(12, 25, i + 1),
            },
            "halloween" => fixed(10, 31, i + 1),
            "new" if self.is(i + 1, "year") && matches!(self.word(i + 2), "’" | "'") && self.is(i + 3, "s") => {
                match self.word(i + 4) {
                    "eve" => fixed(12, 31, i + 5),
                    "day" => fixed(1, 1, i + 5),
                    _ => return None,
                }
            }
            "independence" | "labor" | "memorial" | "veterans" | "election" if self.is(i + 1, "day") => {
                match self.word(i) {
                    "independence" => fixed(7, 4, i + 2),
                    "labor" => (9, HolidayRule::NthWeekday { weekday: 1, nth: 1 }, i + 2),
                    "memorial" => (5, HolidayRule::NthWeekday { weekday: 1, nth: -1 }, i + 2),
                    "veterans" => fixed(11, 11, i + 2),
                    _ if self.presidential => return Some((i + 2, Expr::Event(KnownEvent::UsElection(None)))),
                    _ => return None,
                }
            }
            _ => return None,
        };
        if !self.tok(i)?.capital {
            return None;
        }
        Some((end, Expr::Holiday { month, rule, year: None }))
    }

    /// Whether the word at `i` is followed by a word it may qualify.
    fn adjective_before_noun(&self, i: usize) -> bool {
        self.tok(i + 1).is_some_and(|t| t.lower.chars().all(|c| c.is_ascii_alphanumeric()))
    }

    /// `now`, `currently`, `current`, `recently`, `these days`, `the past`, `the near future`.
    fn reference_word(&self, i: usize) -> Option<(usize, Expr)> {
        let value = match self.word(i) {
            "now" | "currently" | "nowadays" => "PRESENT_REF",
            // `current market conditions`, `his current post`: an adjective
            // before its noun; `the current` alone is a stream. `the then
            // current price` was current in the past.
            "current" if self.adjective_before_noun(i) => "PRESENT_REF",
            "then" if self.is(i + 1, "current") && self.adjective_before_noun(i + 1) => {
                return Some((i + 2, Expr::Reference("PAST_REF")))
            }
            "recently" | "formerly" | "lately" => "PAST_REF",
            "these" if self.is(i + 1, "days") => return Some((i + 2, Expr::Reference("PRESENT_REF"))),
            "the" if self.is(i + 1, "near") && matches!(self.word(i + 2), "future" | "term") => {
                return Some((i + 3, Expr::Reference("FUTURE_REF")))
            }
            "the" => {
                let value = match self.word(i + 1) {
                    "past" => "PAST_REF",
                    "future" => "FUTURE_REF",
                    _ => return None,
                };
                // `the past two months` is a duration, found by its own rule.
                if self.amount_at(i + 2).is_some() || unit_of(self.word(i + 2)).is_some() {
                    return None;
                }
                return Some((i + 2, Expr::Reference(value)));
            }
            _ => return None,
        };
        Some((i + 1, Expr::Reference(value)))
    }
}
