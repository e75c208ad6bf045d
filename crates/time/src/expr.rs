//! What a recognised expression means before it is anchored, and how it
//! becomes a TimeML value once the anchor (the document date), the tense
//! of its sentence and the last date the text mentioned are known.

use crate::date::{days_from_civil, days_in_month, Date};

/// Calendar units, as spans of time and as the granularity of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// The tense around an expression, which decides whether a bare weekday or
/// month points back or forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// Which occurrence of a weekday, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Decided by tense: the most recent in the past, the next in the future.
    Tense,
    /// `last Friday`: the most recent before the anchor, never the anchor itself.
    Last,
    /// `next Friday`: the first after the anchor.
    Next,
    /// `this Friday`: in the anchor's week, year or season.
    This,
}

/// The well-known dated events a text may count from (`the election`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownEvent {
    /// The U.S. presidential election: the Tuesday after the first Monday
    /// of November, every fourth year. The year comes from the text.
    UsElection(Option<i32>),
}

/// The meaning of one time expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar date, as much of it as the text gives; a missing year
    /// comes from the anchor and the tense.
    Calendar {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        which: Which,
    },
    Weekday {
        weekday: u32,
        which: Which,
    },
    /// `yesterday` (-1), `today` (0), `tomorrow` (1).
    DayOffset(i64),
    /// `last year` (-1), `next week` (1), `this month` (0).
    AnchorShift {
        unit: Unit,
        by: i64,
    },
    /// `two years ago` (-2), `three days from now` (3): counted from the anchor.
    Ago {
        unit: Unit,
        by: i64,
    },
    /// `a year earlier`, `the day before`: a shift of the last date the text mentioned.
    ReferenceShift {
        unit: Unit,
        by: i64,
    },
    /// `the following year`, `the previous month`: the unit next to the last
    /// date the text mentioned, at the unit's granularity.
    ReferenceUnit {
        unit: Unit,
        by: i64,
    },
    /// `the third quarter` (`Some(3)`), `the quarter` (`None`: the one being discussed).
    Quarter {
        quarter: Option<u32>,
        year: Option<i32>,
    },
    Half {
        half: u32,
        year: Option<i32>,
    },
    /// `SP`, `SU`, `FA`, `WI`.
    Season {
        season: &'static str,
        year: Option<i32>,
        which: Which,
    },
    Weekend {
        which: Which,
    },
    /// `the 1990s`: the first three digits of the decade.
    Decade(i32),
    /// `the 20th century`: its two leading digits.
    Century(i32),
    /// `from 2018 to 2019`.
    YearRange(i32, i32),
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Reference(&'static str),
    /// A length of time; `None` for an unspecified amount (`several years`).
    Duration {
        amount: Option<u32>,
        unit: Unit,
    },
    /// Whole units and a half: `5 1/2 hours`, `a year and a half`.
    DurationAndHalf {
        whole: u32,
        unit: Unit,
    },
    /// A fixed value (`P1D` for `daily`, `XXXX-WXX-1` for `every Monday`).
    Set(String),
    /// A part of a day: `TMO`, `TAF`, `TEV`, `TNI`.
    PartOfDay {
        day: Box<Expr>,
        part: &'static str,
    },
    /// A clock time on a day (the anchor's when the text names none).
    Clock {
        day: Option<Box<Expr>>,
        hour: u32,
        minute: u32,
    },
    /// `five days before the election`, `10 days after Nov. 5`.
    Offset {
        amount: u32,
        unit: Unit,
        sign: i64,
        base: Box<Expr>,
    },
    Event(KnownEvent),
    /// `the week of March 6`: the week a day falls in.
    WeekOf(Box<Expr>),
    /// `the 1989 period`: the period just mentioned, in that year; a
    /// quarter when the text was speaking of one, otherwise the year.
    PeriodIn(i32),
    /// `July last year`, `this year's third quarter`: a calendar expression
    /// in the anchor's year shifted by `by` years.
    InAnchorYear {
        by: i64,
        inner: Box<Expr>,
    },
    /// A yearly holiday: a fixed month and day, or the nth weekday of a month
    /// (`Thanksgiving`: fourth Thursday of November; negative counts from the end).
    Holiday {
        month: u32,
        rule: HolidayRule,
        year: Option<i32>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    Fixed(u32),
    NthWeekday { weekday: u32, nth: i32 },
}

/// TimeML's four types.
pub use newsgraph_doc::TimeKind;

impl Expr {
    /// The same calendar expression with its year given.
    fn in_year(&self, y: i32) -> Expr {
        let year = Some(y);
        match self.clone() {
            Expr::Calendar { month, day, which, .. } => Expr::Calendar { year, month, day, which },
            Expr::Quarter { quarter, .. } => Expr::Quarter { quarter, year },
            Expr::Half { half, .. } => Expr::Half { half, year },
            Expr::Season { season, which, .. } => Expr::Season { season, year, which },
            Expr::Holiday { month, rule, .. } => Expr::Holiday { month, rule, year },
            other => other,
        }
    }

    pub fn kind(&self) -> TimeKind {
        match self {
            Expr::Duration { .. } | Expr::DurationAndHalf { .. } => TimeKind::Duration,
            Expr::Set(_) => TimeKind::Set,
            Expr::PartOfDay { .. } | Expr::Clock { .. } => TimeKind::Time,
            _ => TimeKind::Date,
        }
    }
}

/// A resolved point with its granularity: `2024-11` is November 2024 at
/// month granularity. Later expressions (`a year earlier`) shift it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub date: Date,
    pub unit: Unit,
}

impl Point {
    pub fn value(&self) -> String {
        let d = self.date;
        match self.unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => d.to_string(),
            Unit::Week => {
                let (y, w) = d.iso_week();
                format!("{y:04}-W{w:02}")
            }
            Unit::Weekend => {
                let (y, w) = d.iso_week();
                format!("{y:04}-W{w:02}-WE")
            }
            Unit::Month => format!("{:04}-{:02}", d.year, d.month),
            Unit::Quarter => format!("{:04}-Q{}", d.year, d.quarter()),
            Unit::Half => format!("{:04}-H{}", d.year, (d.month - 1) / 6 + 1),
            Unit::Year => format!("{:04}", d.year),
            Unit::Decade => format!("{:03}", d.year.div_euclid(10)),
            Unit::Century => format!("{:02}", d.year.div_euclid(100)),
        }
    }

    /// The point `by` units later (earlier when negative), at its own
    /// granularity (`a year earlier` than a quarter is a quarter).
    pub fn shift(&self, unit: Unit, by: i64) -> Point {
        let date = match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => self.date.add_days(by),
            Unit::Week | Unit::Weekend => self.date.add_days(7 * by),
            Unit::Month => self.date.add_months(by),
            Unit::Quarter => self.date.add_months(3 * by),
            Unit::Half => self.date.add_months(6 * by),
            Unit::Year => self.date.add_months(12 * by),
            Unit::Decade => self.date.add_months(120 * by),
            Unit::Century => self.date.add_months(1200 * by),
        };
        Point { date, unit: self.unit }
    }
}

/// What an expression is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The document date; without it only absolute expressions get values.
    pub anchor: Option<Date>,
    pub tense: Tense,
    /// The last date point the text mentioned before this expression.
    pub reference: Option<Point>,
    /// The last quarter the text mentioned: in earnings news `a year ago`
    /// and `a year earlier` mean that quarter a year before.
    pub topic_quarter: Option<Point>,
    /// The year of the U.S. presidential election the text is about, when
    /// its own words settle it without an anchor.
    pub election_year: Option<i32>,
}

/// The TimeML value of a length of time (`P3D`, `PT5H`, `PXY`).
pub fn duration_value(amount: Option<u32>, unit: Unit) -> String {
    let n = amount.map_or("X".to_string(), |n| n.to_string());
    let scaled = |k: u32| amount.map_or("X".to_string(), |n| (n * k).to_string());
    match unit {
        Unit::Second => format!("PT{n}S"),
        Unit::Minute => format!("PT{n}M"),
        Unit::Hour => format!("PT{n}H"),
        Unit::Day => format!("P{n}D"),
        Unit::Weekend => format!("P{}D", scaled(2)),
        Unit::Week => format!("P{n}W"),
        Unit::Month => format!("P{n}M"),
        Unit::Quarter => format!("P{n}Q"),
        Unit::Half => format!("P{}M", scaled(6)),
        Unit::Year => format!("P{n}Y"),
        Unit::Decade => match amount {
            Some(k) => format!("P{}Y", k * 10),
            None => "PXDE".to_string(),
        },
        Unit::Century => match amount {
            Some(k) => format!("P{}Y", k * 100),
            None => "PXCE".to_string(),
        },
    }
}

/// The TimeML value of `whole` units and a half, the half written in
/// smaller units (`PT5H30M`, `P2Y6M`, `P10DT12H` for a week and a half).
pub fn half_duration_value(whole: u32, unit: Unit) -> String {
    match unit {
        Unit::Second => format!("PT{whole}.5S"),
        Unit::Minute => format!("PT{whole}M30S"),
        Unit::Hour => format!("PT{whole}H30M"),
        Unit::Day => format!("P{whole}DT12H"),
        Unit::Weekend => format!("P{}D", whole * 2 + 1),
        Unit::Week => format!("P{}DT12H", whole * 7 + 3),
        Unit::Month => format!("P{whole}M15D"),
        Unit::Quarter => format!("P{}M15D", whole * 3 + 1),
        Unit::Half => format!("P{}M", whole * 6 + 3),
        Unit::Year => format!("P{whole}Y6M"),
        Unit::Decade => format!("P{}Y", whole * 10 + 5),
        Unit::Century => format!("P{}Y", whole * 100 + 50),
    }
}

/// The U.S. presidential election day of `year`, if there was one.
pub fn us_election(year: i32) -> Option<Date> {
    (year % 4 == 0).then(|| Date { year, month: 11, day: 2 }.nearest_weekday(2, false))
}

/// The election nearest the anchor that a text is likely to mean: the last
/// one when it was at most about half a year ago, otherwise the coming one
/// if it is within a year.
fn election_near(anchor: Date) -> Option<Date> {
    let before = (anchor.year - anchor.year.rem_euclid(4)..=anchor.year)
        .rev()
        .filter_map(us_election)
        .find(|e| *e <= anchor)
        .or_else(|| us_election(anchor.year - 4 - anchor.year.rem_euclid(4)))?;
    if anchor.days() - before.days() <= 200 {
        return Some(before);
    }
    let after = before.year + 4;
    us_election(after).filter(|e| e.days() - anchor.days() <= 366)
}

impl HolidayRule {
    fn date(self, year: i32, month: u32) -> Option<Date> {
        match self {
            HolidayRule::Fixed(day) => Date::new(year, month, day),
            HolidayRule::NthWeekday { weekday, nth } if nth > 0 => {
                let first = Date::new(year, month, 1)?.nearest_weekday(weekday, false);
                Some(first.add_days(7 * i64::from(nth - 1)))
            }
            HolidayRule::NthWeekday { weekday, nth } => {
                let last = Date::new(year, month, crate::date::days_in_month(year, month))?;
                Some(last.nearest_weekday(weekday, true).add_days(7 * i64::from(nth + 1)))
            }
        }
    }
}

/// How far ahead a day of a month in past-tense text may still be meant
/// as upcoming (`it said the dividend is payable Dec. 15`).
const SOON_DAYS: i64 = 62;

/// How far back a day of a month in future talk may still be meant as the
/// one just past: a deadline (`must leave by Jan. 14`) reported the days
/// after it, rather than the same day almost a year ahead.
const JUST_PAST_DAYS: i64 = 7;

/// The year of a month (and day) that the text gives without one: the
/// most recent such date in the past, the next in the future, otherwise
/// the one nearer the anchor (ties go back, as news mostly reports).
fn year_for(anchor: Date, month: u32, day: Option<u32>, which: Which, tense: Tense) -> i32 {
    // Positions in days (a month alone counts from its first day and is
    // compared with the anchor's month).
    let at = |year: i32| match day {
        Some(d) => days_from_civil(year, month, d.min(days_in_month(year, month))),
        None => days_from_civil(year, month, 1),
    };
    let here = match day {
        Some(_) => anchor.days(),
        None => days_from_civil(anchor.year, anchor.month, 1),
    };
    let years = [anchor.year - 1, anchor.year, anchor.year + 1];
    let latest_before =
        |strict: bool| years.into_iter().rev().find(|&y| if strict { at(y) < here } else { at(y) <= here });
    let earliest_after = |strict: bool| years.into_iter().find(|&y| if strict { at(y) > here } else { at(y) >= here });
    let nearest = || years.into_iter().min_by_key(|&y| ((at(y) - here).abs(), at(y) > here));
    let year = match (which, tense) {
        (Which::This, _) => Some(anchor.year),
        (Which::Last, _) => latest_before(true),
        (Which::Next, _) => earliest_after(true),
        // A month in past reporting is the last one; so is a day of a
        // month unless it is a few weeks ahead (`payable Dec. 15`).
        (Which::Tense, Tense::Past) if day.is_none() => latest_before(false),
        (Which::Tense, Tense::Past) => match earliest_after(false) {
            Some(y) if at(y) - here <= SOON_DAYS => Some(y),
            _ => latest_before(false),
        },
        (Which::Tense, Tense::Future) => match latest_before(true) {
            Some(y) if day.is_some() && here - at(y) <= JUST_PAST_DAYS => Some(y),
            _ => earliest_after(false),
        },
        (Which::Tense, _) => nearest(),
    };
    year.unwrap_or(anchor.year)
}

/// The point an expression denotes, when it denotes one that can be shifted.
pub fn resolve_point(expr: &Expr, cx: &Context) -> Option<Point> {
    let day = |date: Date| Some(Point { date, unit: Unit::Day });
    match expr {
        Expr::Calendar { year, month, day: d, which } => {
            let year = match (year, month) {
                (Some(y), _) => *y,
                (None, Some(m)) => year_for(cx.anchor?, *m, *d, *which, cx.tense),
                (None, None) => return None,
            };
            match (month, d) {
                (Some(m), Some(d)) => day(Date::new(year, *m, *d)?),
                (Some(m), None) => Some(Point { date: Date::new(year, *m, 1)?, unit: Unit::Month }),
                _ => Some(Point { date: Date::new(year, 1, 1)?, unit: Unit::Year }),
            }
        }
        Expr::Weekday { weekday, which } => {
            let anchor = cx.anchor?;
            let date = match which {
                Which::Last => anchor.add_days(-1).nearest_weekday(*weekday, true),
                Which::Next => anchor.add_days(1).nearest_weekday(*weekday, false),
                Which::This => anchor.add_days(i64::from(*weekday) - i64::from(anchor.weekday())),
                Which::Tense => anchor.nearest_weekday(*weekday, cx.tense != Tense::Future),
            };
            day(date)
        }
        Expr::DayOffset(n) => day(cx.anchor?.add_days(*n)),
        Expr::AnchorShift { unit, by } => {
            let base = Point { date: cx.anchor?, unit: Unit::Day };
            Some(Point { unit: *unit, ..base.shift(*unit, *by) })
        }
        Expr::Ago { unit, by } => match cx.topic_quarter {
            Some(q) if *unit == Unit::Year => Some(q.shift(Unit::Year, *by)),
            _ => resolve_point(&Expr::AnchorShift { unit: *unit, by: *by }, cx),
        },
        Expr::ReferenceShift { unit, by } => {
            let anchor = cx.anchor.map(|date| Point { date, unit: Unit::Day });
            let base = match (cx.topic_quarter, cx.reference) {
                (Some(q), _) if *unit == Unit::Year => q,
                // A day counted from a month or a year is counted from the anchor instead.
                (_, Some(r)) if r.unit <= Unit::Week || *unit > Unit::Week => r,
                _ => anchor?,
            };
            Some(base.shift(*unit, *by))
        }
        Expr::ReferenceUnit { unit, by } => {
            let base = cx.reference.or(cx.anchor.map(|date| Point { date, unit: Unit::Day }))?;
            Some(Point { unit: *unit, ..base.shift(*unit, *by) })
        }
        Expr::Quarter { quarter, year } => {
            let anchor = cx.anchor;
            match (quarter, year) {
                (Some(q), Some(y)) => Some(Point { date: Date::new(*y, q * 3 - 2, 1)?, unit: Unit::Quarter }),
                (Some(q), None) => {
                    let anchor = anchor?;
                    // A later quarter than the anchor's, reported in the past, is last year's.
                    let last_year = *q > anchor.quarter() && cx.tense == Tense::Past;
                    let y = if last_year { anchor.year - 1 } else { anchor.year };
                    Some(Point { date: Date::new(y, q * 3 - 2, 1)?, unit: Unit::Quarter })
                }
                // The quarter under discussion, or else the last one that ended;
                // `the 1988 quarter` is that quarter in 1988.
                (None, year) => {
                    let topic = cx
                        .topic_quarter
                        .or_else(|| Some(Point { date: anchor?, unit: Unit::Quarter }.shift(Unit::Quarter, -1)))?;
                    match year {
                        Some(y) => Some(Point { date: Date::new(*y, topic.date.month, 1)?, unit: Unit::Quarter }),
                        None => Some(topic),
                    }
                }
            }
        }
        Expr::Half { half, year } => {
            let y = match year {
                Some(y) => *y,
                None => {
                    let a = cx.anchor?;
                    if *half == 2 && a.month <= 6 {
                        a.year - 1
                    } else {
                        a.year
                    }
                }
            };
            Some(Point { date: Date::new(y, half * 6 - 5, 1)?, unit: Unit::Half })
        }
        Expr::Holiday { month, rule, year } => {
            let y = match year {
                Some(y) => *y,
                None => {
                    let a = cx.anchor?;
                    let this = rule.date(a.year, *month)?;
                    if cx.tense == Tense::Future && this < a {
                        a.year + 1
                    } else if cx.tense != Tense::Future && this > a {
                        a.year - 1
                    } else {
                        a.year
                    }
                }
            };
            day(rule.date(y, *month)?)
        }
        Expr::Offset { amount, unit, sign, base } => {
            let base = resolve_point(base, cx)?;
            let by = i64::from(*amount) * sign;
            Some(base.shift(*unit, by))
        }
        Expr::InAnchorYear { by, inner } => {
            let year = cx.anchor?.year + i32::try_from(*by).ok()?;
            resolve_point(&inner.in_year(year), cx)
        }
        Expr::WeekOf(day) => Some(Point { unit: Unit::Week, ..resolve_point(day, cx)? }),
        Expr::PeriodIn(year) => match cx.reference {
            Some(r) if r.unit == Unit::Quarter => {
                Some(Point { date: Date::new(*year, r.date.month, 1)?, unit: Unit::Quarter })
            }
            _ => Some(Point { date: Date::new(*year, 1, 1)?, unit: Unit::Year }),
        },
        Expr::Event(KnownEvent::UsElection(year)) => {
            let date = match year.or(cx.election_year) {
                Some(y) => us_election(y)?,
                None => election_near(cx.anchor?)?,
            };
            day(date)
        }
        _ => None,
    }
}

/// The TimeML value of an expression, or `None` when the anchor it needs is unknown.
pub fn value(expr: &Expr, cx: &Context) -> Option<String> {
    match expr {
        Expr::Reference(r) => Some(r.to_string()),
        Expr::Duration { amount, unit } => Some(duration_value(*amount, *unit)),
        Expr::DurationAndHalf { whole, unit } => Some(half_duration_value(*whole, *unit)),
        Expr::Set(v) => Some(v.clone()),
        Expr::Decade(d) => Some(format!("{d:03}")),
        Expr::Century(c) => Some(format!("{c:02}")),
        Expr::YearRange(a, b) => Some(format!("{a:04}/{b:04}")),
        Expr::Season { season, year, which } => {
            let y = match year {
                Some(y) => *y,
                None => {
                    let a = cx.anchor?;
                    // Winter belongs to the year it starts in.
                    let starts = match *season {
                        "SP" => 3,
                        "SU" => 6,
                        "FA" => 9,
                        _ => 12,
                    };
                    let current = a.month >= starts || (*season == "WI" && a.month <= 2);
                    let current_year = if *season == "WI" && a.month <= 2 { a.year - 1 } else { a.year };
                    match which {
                        Which::Last if current => current_year - 1,
                        Which::Last => current_year - i32::from(a.month < starts && *season != "WI"),
                        Which::Next if current => current_year + 1,
                        Which::Next => current_year,
                        Which::This => current_year,
                        Which::Tense if !current && cx.tense == Tense::Past => current_year - 1,
                        Which::Tense => current_year,
                    }
                }
            };
            Some(format!("{y:04}-{season}"))
        }
        Expr::Weekend { which } => {
            let a = cx.anchor?;
            let saturday = match which {
                Which::Last => a.add_days(-1).nearest_weekday(6, true).add_days(-7 * i64::from(a.weekday() >= 6)),
                Which::Next => a.add_days(1).nearest_weekday(6, false),
                Which::This => a.nearest_weekday(6, false),
                Which::Tense if cx.tense == Tense::Future => a.nearest_weekday(6, false),
                Which::Tense => a.add_days(1).nearest_weekday(6, true),
            };
            Some(Point { date: saturday, unit: Unit::Weekend }.value())
        }
        Expr::InAnchorYear { by, inner } => {
            let year = cx.anchor?.year + i32::try_from(*by).ok()?;
            value(&inner.in_year(year), cx)
        }
        Expr::PartOfDay { day, part } => Some(format!("{}{part}", value(day, cx)?)),
        Expr::Clock { day, hour, minute } => {
            // A time with no day of its own is on the day just mentioned, or the anchor's.
            let date = match (day, cx.reference) {
                (Some(d), _) => value(d, cx)?,
                (None, Some(r)) if r.unit == Unit::Day => r.date.to_string(),
                (None, _) => cx.anchor?.to_string(),
            };
            Some(format!("{date}T{hour:02}:{minute:02}"))
        }
        _ => resolve_point(expr, cx).map(|p| p.value()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(anchor: &str, tense: Tense) -> Context {
        Context { anchor: Date::parse_iso(anchor), tense, reference: None, topic_quarter: None, election_year: None }
    }

    #[test]
    fn elections_fall_on_the_tuesday_after_the_first_monday() {
        assert_eq!(us_election(2024).unwrap().to_string(), "2024-11-05");
        assert_eq!(us_election(2020).unwrap().to_string(), "2020-11-03");
        assert_eq!(us_election(2016).unwrap().to_string(), "2016-11-08");
        assert!(us_election(2023).is_none());
        let e = Expr::Event(KnownEvent::UsElection(None));
        assert_eq!(value(&e, &cx("2024-11-19", Tense::Past)).as_deref(), Some("2024-11-05"));
        assert_eq!(value(&e, &cx("2024-03-01", Tense::Future)).as_deref(), Some("2024-11-05"));
        assert_eq!(value(&e, &cx("2022-03-01", Tense::Past)), None);
    }

    #[test]
    fn months_without_a_year_follow_the_tense() {
        let june = Expr::Calendar { year: None, month: Some(6), day: None, which: Which::Tense };
        assert_eq!(value(&june, &cx("2024-11-19", Tense::Past)).as_deref(), Some("2024-06"));
        let dec = Expr::Calendar { year: None, month: Some(12), day: None, which: Which::Tense };
        assert_eq!(value(&dec, &cx("2024-11-19", Tense::Past)).as_deref(), Some("2023-12"));
        assert_eq!(value(&dec, &cx("2024-11-19", Tense::Future)).as_deref(), Some("2024-12"));
        let jan5 = Expr::Calendar { year: None, month: Some(1), day: Some(5), which: Which::Tense };
        assert_eq!(value(&jan5, &cx("2024-12-30", Tense::Future)).as_deref(), Some("2025-01-05"));
        let last_nov = Expr::Calendar { year: None, month: Some(11), day: None, which: Which::Last };
        assert_eq!(value(&last_nov, &cx("2000-01-13", Tense::Past)).as_deref(), Some("1999-11"));
    }

    #[test]
    fn durations_and_points_print_as_timeml() {
        let d = |amount, unit| value(&Expr::Duration { amount, unit }, &cx("2024-01-01", Tense::Past)).unwrap();
        assert_eq!(d(Some(3), Unit::Day), "P3D");
        assert_eq!(d(Some(5), Unit::Hour), "PT5H");
        assert_eq!(d(None, Unit::Year), "PXY");
        assert_eq!(d(Some(2), Unit::Decade), "P20Y");
        let p = Point { date: Date::parse_iso("2024-11-15").unwrap(), unit: Unit::Week };
        assert_eq!(p.value(), "2024-W46");
        assert_eq!(Point { unit: Unit::Quarter, ..p }.value(), "2024-Q4");
        assert_eq!(Point { unit: Unit::Decade, ..p }.value(), "202");
    }

    #[test]
    fn seasons_and_weekends() {
        let last_fall = Expr::Season { season: "FA", year: None, which: Which::Last };
        assert_eq!(value(&last_fall, &cx("1999-04-10", Tense::Past)).as_deref(), Some("1998-FA"));
        let weekend = Expr::Weekend { which: Which::Tense };
        // A Monday's weekend is the one just past.
        assert_eq!(value(&weekend, &cx("1990-08-13", Tense::Past)).as_deref(), Some("1990-W32-WE"));
    }

    #[test]
    fn thanksgiving_is_the_fourth_thursday() {
        let t = Expr::Holiday { month: 11, rule: HolidayRule::NthWeekday { weekday: 4, nth: 4 }, year: None };
        assert_eq!(value(&t, &cx("2000-02-10", Tense::Past)).as_deref(), Some("1999-11-25"));
        let memorial =
            Expr::Holiday { month: 5, rule: HolidayRule::NthWeekday { weekday: 1, nth: -1 }, year: Some(2024) };
        assert_eq!(value(&memorial, &cx("2024-01-01", Tense::Past)).as_deref(), Some("2024-05-27"));
    }
}
