//! Small shared date helpers for page-level dates (publication date lines, banners, HTML
//! metadata): month and weekday names, non-Gregorian month names, and a finder for the
//! common written date shapes ("March 25, 2014", "25 March 2014", "2014-03-25",
//! "25/03/2014" when unambiguous). Sentence-level time expressions live in `temporal`.

use std::ops::Range;

use entente_core::PDate;

use entente_core::calendar::{MONTHS, WEEKDAYS};

/// Month names of the Hebrew, Hijri and Persian solar calendars (lower case, ASCII
/// transliterations). Only used next to a number, since several are also personal names.
const OTHER_CALENDAR_MONTHS: &[&str] = &[
    // Hebrew
    "tishrei",
    "tishri",
    "cheshvan",
    "heshvan",
    "marcheshvan",
    "kislev",
    "tevet",
    "teves",
    "shevat",
    "shvat",
    "adar",
    "nisan",
    "iyar",
    "iyyar",
    "sivan",
    "tammuz",
    "tamuz",
    "elul",
    // Hijri
    "muharram",
    "safar",
    "rabi",
    "rabiul",
    "jumada",
    "jumadal",
    "rajab",
    "shaban",
    "sha'ban",
    "ramadan",
    "ramazan",
    "shawwal",
    "dhul",
    "zilhaj",
    "zulhijjah",
    "dhu",
    // Persian solar
    "farvardin",
    "ordibehesht",
    "khordad",
    "mordad",
    "shahrivar",
    "aban",
    "azar",
    "bahman",
    "esfand",
];

fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
}

/// The month number of an English month name or abbreviation ("Mar", "Sept.", "MARCH").
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    for (i, m) in MONTHS.iter().enumerate() {
        if eq_ignore_case(w, m) || (w.len() == 3 && eq_ignore_case(w, &m[..3])) {
            return Some(i as u8 + 1);
        }
    }
    if eq_ignore_case(w, "sept") {
        return Some(9);
    }
    None
}

/// Whether `word` is an English weekday name or its three-letter abbreviation.
pub fn is_weekday(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    WEEKDAYS.iter().any(|d| eq_ignore_case(w, d) || (w.len() == 3 && eq_ignore_case(w, &d[..3])))
}

/// Whether `word` is a Hebrew, Hijri or Persian month name.
pub fn is_other_calendar_month(word: &str) -> bool {
    OTHER_CALENDAR_MONTHS.iter().any(|m| eq_ignore_case(word, m))
}

/// A word of a text: a maximal run of letters, digits and inner apostrophes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The words of `s`, with byte offsets.
pub(crate) fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let inner_apostrophe = c == '\'' && start.is_some();
        if c.is_alphanumeric() || inner_apostrophe {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push(Word { text: &s[st..i], start: st, end: i });
        }
    }
    if let Some(st) = start {
        out.push(Word { text: &s[st..], start: st, end: s.len() });
    }
    for w in &mut out {
        while w.text.ends_with('\'') {
            w.text = &w.text[..w.text.len() - 1];
            w.end -= 1;
        }
    }
    out
}

/// A day of the month, with an optional ordinal suffix ("28", "28th", "1st").
fn day_number(w: &str) -> Option<u8> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let suffix = &w[digits..];
    if !(suffix.is_empty() || ["st", "nd", "rd", "th"].iter().any(|s| eq_ignore_case(suffix, s))) {
        return None;
    }
    let d: u8 = w[..digits].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &str) -> Option<i16> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i16 = w.parse().ok()?;
    (1800..=2199).contains(&y).then_some(y)
}

fn small_number(w: &str) -> Option<u8> {
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// The bytes between two words contain only spaces, commas and periods.
fn soft_gap(s: &str, a: &Word, b: &Word) -> bool {
    s[a.end..b.start].chars().all(|c| c.is_whitespace() || c == ',' || c == '.') && b.start - a.end <= 4
}

fn gap_is(s: &str, a: &Word, b: &Word, sep: char) -> bool {
    let g = &s[a.end..b.start];
    g.len() == sep.len_utf8() && g.starts_with(sep)
}

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    /// The date; when the text states no year, the year is 0 and `has_year` is false.
    pub date: PDate,
    pub has_year: bool,
    /// Byte span of the date expression.
    pub span: Range<usize>,
}

fn valid(y: i16, m: u8, d: u8) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= entente_core::date::days_in_month(if y == 0 { 2000 } else { y }, m)
}

/// All written dates of `s`, in order, without overlap.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    let ws = words(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some((found, used)) = date_at(s, &ws, i) {
            out.push(found);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

/// The first written date of `s`.
pub fn find_date(s: &str) -> Option<FoundDate> {
    let ws = words(s);
    (0..ws.len()).find_map(|i| date_at(s, &ws, i).map(|(f, _)| f))
}

fn date_at(s: &str, ws: &[Word], i: usize) -> Option<(FoundDate, usize)> {
    let w = ws[i];
    let next = |k: usize| ws.get(i + k).copied();
    let mk = |y: Option<i16>, m: u8, d: Option<u8>, end: usize, used: usize| {
        let date = match d {
            Some(d) => PDate::day(y.unwrap_or(0), m, d),
            None => PDate::month(y.unwrap_or(0), m),
        };
        (FoundDate { date, has_year: y.is_some(), span: w.start..end }, used)
    };
    // Month-first: "March 25, 2014", "March 25", "March 2014".
    if let Some(m) = month_from_name(w.text) {
        // A bare three-letter form ("mar", "may") must be capitalised to count.
        if w.text.len() <= 4 && !w.text.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let n1 = next(1).filter(|n| soft_gap(s, &w, n))?;
        if let Some(d) = day_number(n1.text) {
            if let Some(n2) = next(2).filter(|n| soft_gap(s, &n1, n)) {
                if let Some(y) = year_number(n2.text) {
                    return valid(y, m, d).then(|| mk(Some(y), m, Some(d), n2.end, 3));
                }
            }
            return valid(0, m, d).then(|| mk(None, m, Some(d), n1.end, 2));
        }
        if let Some(y) = year_number(n1.text) {
            return Some(mk(Some(y), m, None, n1.end, 2));
        }
        return None;
    }
    // Day-first: "25 March 2014", "28th of November".
    if let Some(d) = day_number(w.text) {
        let mut k = 1;
        if next(1).is_some_and(|n| eq_ignore_case(n.text, "of")) {
            k = 2;
        }
        if let Some(n1) = next(k).filter(|n| month_from_name(n.text).is_some() && soft_gap(s, &ws[i + k - 1], n)) {
            let m = month_from_name(n1.text)?;
            if let Some(n2) = next(k + 1).filter(|n| soft_gap(s, &n1, n)) {
                if let Some(y) = year_number(n2.text) {
                    return valid(y, m, d).then(|| mk(Some(y), m, Some(d), n2.end, k + 2));
                }
            }
            return valid(0, m, d).then(|| mk(None, m, Some(d), n1.end, k + 1));
        }
    }
    // ISO-like: "2014-03-25", "2014/03/25".
    if let Some(y) = year_number(w.text) {
        let (n1, n2) = (next(1)?, next(2)?);
        for sep in ['-', '/', '.'] {
            if gap_is(s, &w, &n1, sep) && gap_is(s, &n1, &n2, sep) {
                let (m, d) = (small_number(n1.text)?, small_number(n2.text)?);
                return valid(y, m, d).then(|| mk(Some(y), m, Some(d), n2.end, 3));
            }
        }
        return None;
    }
    // Numeric day/month order: "25/03/2014" only when unambiguous.
    if let Some(a) = small_number(w.text) {
        let (n1, n2) = (next(1)?, next(2)?);
        let y = year_number(n2.text)?;
        let b = small_number(n1.text)?;
        for sep in ['/', '.', '-'] {
            if gap_is(s, &w, &n1, sep) && gap_is(s, &n1, &n2, sep) {
                let (m, d) = if a == b || (a > 12 && b <= 12) {
                    (b, a)
                } else if b > 12 && a <= 12 {
                    (a, b)
                } else {
                    return None;
                };
                return valid(y, m, d).then(|| mk(Some(y), m, Some(d), n2.end, 3));
            }
        }
    }
    None
}

/// The calendar date at the start of an ISO 8601 timestamp ("2014-03-25T13:12:00Z",
/// "2014-03-25", "2014-03"), or of a written date.
pub fn parse_iso_or_written(s: &str) -> Option<PDate> {
    let t = s.trim();
    let b = t.as_bytes();
    if b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
        let y: i16 = t[..4].parse().ok()?;
        let m: u8 = t.get(5..7)?.parse().ok()?;
        if b.len() >= 10 && b[7] == b'-' {
            let d: u8 = t.get(8..10)?.parse().ok()?;
            return valid(y, m, d).then(|| PDate::day(y, m, d));
        }
        return (1..=12).contains(&m).then(|| PDate::month(y, m));
    }
    let f = find_date(t)?;
    f.has_year.then_some(f.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let d = |s: &str| find_date(s).map(|f| (f.date.to_string(), f.has_year));
        assert_eq!(d("March 25, 2014 1:12 pm"), Some(("2014-03-25".into(), true)));
        assert_eq!(d("Published: 12 May 2019"), Some(("2019-05-12".into(), true)));
        assert_eq!(d("on 3 January, 2020."), Some(("2020-01-03".into(), true)));
        assert_eq!(d("2019-05-12 08:00"), Some(("2019-05-12".into(), true)));
        assert_eq!(d("25/03/2014"), Some(("2014-03-25".into(), true)));
        assert_eq!(d("03/25/2014"), Some(("2014-03-25".into(), true)));
        assert_eq!(d("03/04/2014"), None);
        assert_eq!(d("Sunday, November 28th"), Some(("0000-11-28".into(), false)));
        assert_eq!(d("In January 2020, he spoke"), Some(("2020-01".into(), true)));
        assert_eq!(d("they may 5 times"), None);
        assert_eq!(parse_iso_or_written("2021-12-25T12:34:00+00:00"), Some(PDate::day(2021, 12, 25)));
        assert!(is_weekday("Sun") && is_weekday("sunday") && !is_weekday("sundays"));
        assert!(is_other_calendar_month("Kislev"));
        assert_eq!(month_from_name("Sept."), Some(9));
    }
}
