//! Calendar arithmetic on proleptic Gregorian dates, enough for TimeML
//! values: days since the epoch and back, weekdays, ISO weeks, and month
//! and year shifts that clamp the day (31 January + 1 month = 29 February
//! in a leap year).

use std::fmt;

/// A calendar date. Months and days count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

impl Date {
    /// A valid date, or `None` (30 February, month 13).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Reads the date at the start of an ISO 8601 string (`2024-11-19`,
    /// `2024-11-19T08:00:00-05:00`); the time of day is ignored.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let digits = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
        let year = digits(0..4)?.parse().ok()?;
        if s.as_bytes().get(4) != Some(&b'-') || s.as_bytes().get(7) != Some(&b'-') {
            return None;
        }
        let month = digits(5..7)?.parse().ok()?;
        let day = digits(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    pub fn add_days(self, n: i64) -> Date {
        civil_from_days(self.days() + n)
    }

    /// Shifts by whole months, clamping the day to the target month's length.
    pub fn add_months(self, n: i64) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = index.div_euclid(12) as i32;
        let month = index.rem_euclid(12) as u32 + 1;
        Date { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// ISO weekday: Monday 1 .. Sunday 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// The ISO 8601 week-numbering year and week (`2024-W46`).
    pub fn iso_week(self) -> (i32, u32) {
        // The week's Thursday decides its year.
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = days_from_civil(thursday.year, 1, 1);
        (thursday.year, ((thursday.days() - jan1) / 7 + 1) as u32)
    }

    /// Quarter of the year, 1 to 4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// The closest day on or before this one (`back`) or on or after it that
    /// falls on ISO weekday `weekday`.
    pub fn nearest_weekday(self, weekday: u32, back: bool) -> Date {
        let here = i64::from(self.weekday());
        let target = i64::from(weekday);
        if back {
            self.add_days(-(here - target).rem_euclid(7))
        } else {
            self.add_days((target - here).rem_euclid(7))
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn day_counts_round_trip_over_four_centuries() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(-1), d("1969-12-31"));
        for n in (-200_000..200_000).step_by(97) {
            let date = civil_from_days(n);
            assert_eq!(date.days(), n, "{date}");
            assert!(Date::new(date.year, date.month, date.day).is_some());
        }
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(d("2024-11-15").weekday(), 5);
        assert_eq!(d("2024-11-15").iso_week(), (2024, 46));
        // 1 January 2021 was a Friday in the last week of 2020.
        assert_eq!(d("2021-01-01").iso_week(), (2020, 53));
        assert_eq!(d("2024-12-30").iso_week(), (2025, 1));
    }

    #[test]
    fn shifts_cross_month_year_and_leap_days() {
        assert_eq!(d("2024-12-31").add_days(1), d("2025-01-01"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2023-02-28").add_days(1), d("2023-03-01"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2024-02-29").add_months(12), d("2025-02-28"));
        assert_eq!(d("2025-01-15").add_months(-1), d("2024-12-15"));
        assert!(Date::new(1900, 2, 29).is_none() && Date::new(2000, 2, 29).is_some());
    }

    #[test]
    fn parses_iso_with_or_without_time() {
        assert_eq!(Date::parse_iso("1998-08-07T10:35:00-04:00"), Some(d("1998-08-07")));
        assert_eq!(Date::parse_iso("1998-8-7"), None);
        assert_eq!(Date::parse_iso("2023-02-29"), None);
    }

    #[test]
    fn nearest_weekday_includes_the_day_itself() {
        let tue = d("2024-11-19");
        assert_eq!(tue.nearest_weekday(2, true), tue);
        assert_eq!(tue.nearest_weekday(5, true), d("2024-11-15"));
        assert_eq!(tue.nearest_weekday(5, false), d("2024-11-22"));
    }
}
