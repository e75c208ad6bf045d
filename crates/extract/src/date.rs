//! Reading publication dates from the many ways pages write them.
//!
//! Machine-readable values (`2024-11-19T08:00:00-05:00`, `20241119`, RFC 2822)
//! and human ones (`November 19, 2024`, `19. November 2024`, `19.11.2024`) all
//! become ISO 8601. A value with a time and an offset keeps both, unshifted:
//! the date part is the page's local date, which is what a reader saw.

/// Plausible publication years: older is a parse accident, newer a typo.
const YEARS: std::ops::RangeInclusive<u32> = 1995..=2035;

/// Month names and their common abbreviations in the languages the
/// evaluation sets cover; matched as lowercase word prefixes of 3+ letters.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("february", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("march", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("april", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("june", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("sept", 9),
    ("october", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// The month a word names: a full name, or an abbreviation of at least three
/// letters (`Nov`, `Sept.`, `Okt`), ignoring case and a trailing dot.
fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    MONTHS.iter().find(|(name, _)| name.starts_with(word.as_str())).map(|&(_, m)| m)
}

/// Whether a word is a month name or abbreviation (`Dec`, `März`).
pub fn is_month(word: &str) -> bool {
    month_of(word).is_some()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<String> {
    let valid = YEARS.contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Parses a machine-readable date attribute or meta value: ISO 8601 with or
/// without time, compact `YYYYMMDD`, slashes, or RFC 2822. Falls back to
/// [`find_in_text`] for the human formats some pages put in meta tags.
pub fn parse(value: &str) -> Option<String> {
    let value = value.trim();
    iso(value).or_else(|| rfc2822(value)).or_else(|| find_in_text(value))
}

/// Leading run of ASCII digits and the rest.
fn digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

fn iso(value: &str) -> Option<String> {
    let (year, rest) = digits(value);
    if year.len() == 8 && (rest.is_empty() || rest.starts_with(['T', ' '])) {
        return ymd(year[..4].parse().ok()?, year[4..6].parse().ok()?, year[6..].parse().ok()?);
    }
    if year.len() != 4 {
        return None;
    }
    let sep = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.'))?;
    let (month, rest) = digits(&rest[1..]);
    let rest = rest.strip_prefix(sep)?;
    let (day, rest) = digits(rest);
    if month.is_empty() || month.len() > 2 || day.is_empty() || day.len() > 2 {
        return None;
    }
    let date = ymd(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    Some(match local_time(rest) {
        Some(time) => format!("{date}T{time}"),
        None => date,
    })
}

/// `THH:MM[:SS[.fff]]` followed by `Z` or `±HH[:]MM`: the time and offset as
/// given, normalised to `HH:MM:SS±HH:MM`. Without an offset the time says
/// nothing a reader can place, so only the date is kept.
fn local_time(rest: &str) -> Option<String> {
    let rest = rest.strip_prefix(['T', ' '])?;
    let bytes = rest.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let s = rest.get(i..i + 2)?;
        s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok()).flatten()
    };
    let (hour, minute) = (two(0)?, two(3)?);
    if bytes.get(2) != Some(&b':') || hour > 23 || minute > 59 {
        return None;
    }
    let mut at = 5;
    let mut second = 0;
    if bytes.get(at) == Some(&b':') {
        second = two(at + 1)?.min(59);
        at += 3;
        if bytes.get(at) == Some(&b'.') {
            at += 1 + rest[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
        }
    }
    let zone = rest[at..].trim_start();
    let offset = if zone.starts_with('Z') || zone.starts_with("UTC") || zone.starts_with("GMT") && zone.len() == 3 {
        "+00:00".to_string()
    } else {
        let sign = zone.chars().next().filter(|c| matches!(c, '+' | '-'))?;
        let (h, m) = match zone[1..].split_once(':') {
            Some((h, m)) => (h, m.get(..2)?),
            None => (zone.get(1..3)?, zone.get(3..5).unwrap_or("00")),
        };
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        if h > 14 || m > 59 {
            return None;
        }
        format!("{sign}{h:02}:{m:02}")
    };
    Some(format!("{hour:02}:{minute:02}:{second:02}{offset}"))
}

/// `Tue, 19 Nov 2024 08:00:00 +0000`: the date part only, since the
/// day-month-year words are what [`find_in_text`] reads anyway.
fn rfc2822(value: &str) -> Option<String> {
    let (_, rest) = value.split_once(", ")?;
    find_in_text(rest)
}

/// Words of a text, split at whitespace and at punctuation that never
/// belongs to a date.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')' | '·' | '•' | '–' | '—'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn number(token: &str, max_len: usize) -> Option<u32> {
    let t = token.trim_end_matches(['.', ',']).trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd");
    let t = t.trim_end_matches("th").trim_end_matches('º');
    (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// The first date written in running text: `November 19, 2024`, `Nov. 19
/// 2024`, `19 November 2024`, `19. November 2024`, `19 de noviembre de 2024`,
/// ISO `2024-11-19`, or numeric `19.11.2024` / `11/19/2024` (slashes read as
/// month first unless the first number cannot be a month).
pub fn find_in_text(text: &str) -> Option<String> {
    // Every date written with a year has digits; most page texts have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let tokens = tokens(text);
    for (i, token) in tokens.iter().enumerate() {
        let next = |k: usize| tokens.get(i + k).copied().unwrap_or("");
        // Spanish and Portuguese put `de` between the parts.
        let skip_de = |k: usize| if next(k) == "de" { k + 1 } else { k };
        if let Some(month) = month_of(token) {
            // Month first: `November 19, 2024`.
            if let (Some(day), Some(year)) = (number(next(1), 2), number(next(2), 4)) {
                if let Some(date) = ymd(year, month, day) {
                    return Some(date);
                }
            }
            continue;
        }
        if let Some(day) = number(token, 2) {
            let m = skip_de(1);
            if let Some(month) = month_of(next(m)) {
                let y = skip_de(m + 1);
                if let Some(date) = number(next(y), 4).and_then(|year| ymd(year, month, day)) {
                    return Some(date);
                }
            }
        }
        if let Some(date) = iso(token).or_else(|| numeric(token)) {
            return Some(date.get(..10).unwrap_or(&date).to_string());
        }
    }
    None
}

/// `19.11.2024`, `19/11/2024`, `11/19/2024`, `19-11-2024`.
fn numeric(token: &str) -> Option<String> {
    let token = token.trim_end_matches([',', '.']);
    let sep = token.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = token.split(sep).collect();
    let [a, b, year] = parts[..] else { return None };
    if year.len() != 4 || a.is_empty() || a.len() > 2 || b.is_empty() || b.len() > 2 {
        return None;
    }
    let (a, b, year): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, year.parse().ok()?);
    // Dots and dashes are day-first everywhere; slashes are month-first in
    // the US unless that is impossible.
    let (day, month) = if sep == '/' && a <= 12 { (b, a) } else { (a, b) };
    ymd(year, month, day)
}

/// A date in a URL path: `/2024/11/19/`, `/2024-11-19-`, or `/20241119/`.
pub fn from_url(url: &str) -> Option<String> {
    let url = percent_decode(url);
    let url = url.as_str();
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let parts: Vec<&str> = path.split(['/', '?', '#']).collect();
    for window in parts.windows(3) {
        let [y, m, d] = window else { continue };
        let d = &d[..d.find(|c: char| !c.is_ascii_digit()).unwrap_or(d.len())];
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) {
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    parts.iter().find_map(|part| {
        let start = part.find(|c: char| c.is_ascii_digit())?;
        let candidate = &part[start..];
        let (run, _) = digits(candidate);
        if run.len() == 8 {
            iso(run)
        } else if run.len() == 4 && candidate.len() >= 10 {
            iso(&candidate[..10]).filter(|_| !candidate[10..].starts_with(|c: char| c.is_ascii_digit()))
        } else {
            None
        }
    })
}

/// `%2F` and friends decoded, so an escaped URL shows its path.
fn percent_decode(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_keeps_local_time_and_offset() {
        assert_eq!(parse("2024-11-19T22:30:00-05:00").as_deref(), Some("2024-11-19T22:30:00-05:00"));
        assert_eq!(parse("2024-11-19T22:30:00.123+0530").as_deref(), Some("2024-11-19T22:30:00+05:30"));
        assert_eq!(parse("2024-11-19T03:00:00Z").as_deref(), Some("2024-11-19T03:00:00+00:00"));
        assert_eq!(parse("2024-11-19 22:30").as_deref(), Some("2024-11-19"));
        assert_eq!(parse("20241119").as_deref(), Some("2024-11-19"));
        assert_eq!(parse("2024/11/19").as_deref(), Some("2024-11-19"));
    }

    #[test]
    fn human_dates_in_several_languages() {
        assert_eq!(parse("Tue, 19 Nov 2024 08:00:00 +0000").as_deref(), Some("2024-11-19"));
        assert_eq!(find_in_text("Published Nov. 19, 2024 at 5 pm").as_deref(), Some("2024-11-19"));
        assert_eq!(find_in_text("Updated: 3rd March 2023").as_deref(), Some("2023-03-03"));
        assert_eq!(find_in_text("am 19. November 2024 um 10 Uhr").as_deref(), Some("2024-11-19"));
        assert_eq!(find_in_text("19 de noviembre de 2024").as_deref(), Some("2024-11-19"));
        assert_eq!(find_in_text("Stand: 19.11.2024").as_deref(), Some("2024-11-19"));
        assert_eq!(find_in_text("11/19/2024").as_deref(), Some("2024-11-19"));
        assert_eq!(find_in_text("May the force be with you in 2024"), None);
        assert_eq!(find_in_text("February 30, 2024"), None);
    }

    #[test]
    fn url_paths() {
        assert_eq!(from_url("https://x.com/news/2024/11/19/story-name/").as_deref(), Some("2024-11-19"));
        assert_eq!(from_url("https://x.com/2024-11-19-story").as_deref(), Some("2024-11-19"));
        assert_eq!(from_url("https://x.com/story-20241119.html").as_deref(), Some("2024-11-19"));
        assert_eq!(from_url("https://x.com/2024/11/story"), None);
        assert_eq!(from_url("https://x.com%2Farticles%2F2025-12-15%2BRust").as_deref(), Some("2025-12-15"));
        assert_eq!(from_url("https://x.com/item/12345678901"), None);
    }
}
