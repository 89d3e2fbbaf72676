//! Gregorian month and weekday names (lower case), shared by the page-date finder, the
//! temporal tagger and publication-date inference.

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The month (1-12) a word names in full or by its three-letter abbreviation ("Sept" too),
/// ignoring case.
pub fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
        .or_else(|| w.eq_ignore_ascii_case("sept").then_some(8))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_name_and_abbreviation() {
        assert_eq!(month_of("March"), Some(3));
        assert_eq!(month_of("dec."), Some(12));
        assert_eq!(month_of("Sept"), Some(9));
        assert_eq!(month_of("Mayor"), None);
        assert_eq!(month_of("ma"), None);
    }
}
