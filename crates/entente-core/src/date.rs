//! Partial calendar dates (`2014`, `2014-03`, `2014-03-25`) and time spans between them.
//!
//! News text states time at every precision, so a date here carries only what the text
//! supports. Arithmetic (weekdays, "a day after") goes through `jiff` on full dates.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
///
/// Ordering compares year, then month, then day, with an unknown part sorting first, so
/// `2014 < 2014-01 < 2014-01-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How precise a [`PDate`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {0:?}")]
pub struct DateParseError(pub String);

impl PDate {
    pub const fn year(year: i16) -> Self {
        PDate { year, month: None, day: None }
    }
    pub const fn month(year: i16, month: u8) -> Self {
        PDate { year, month: Some(month), day: None }
    }
    pub const fn day(year: i16, month: u8, day: u8) -> Self {
        PDate { year, month: Some(month), day: Some(day) }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The same date cut to at most `p`.
    pub fn truncate(&self, p: Precision) -> PDate {
        match p {
            Precision::Year => PDate::year(self.year),
            Precision::Month => PDate { year: self.year, month: self.month, day: None },
            Precision::Day => *self,
        }
    }

    /// The full civil date, where the day is known and valid.
    pub fn to_civil(&self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year, self.month? as i8, self.day? as i8).ok()
    }

    pub fn from_civil(d: jiff::civil::Date) -> PDate {
        PDate::day(d.year(), d.month() as u8, d.day() as u8)
    }

    /// First day of the period this date names (`2014` -> 2014-01-01).
    pub fn first_day(&self) -> jiff::civil::Date {
        jiff::civil::Date::new(self.year, self.month.unwrap_or(1) as i8, self.day.unwrap_or(1) as i8)
            .unwrap_or_else(|_| jiff::civil::Date::new(self.year, 1, 1).expect("valid year"))
    }

    /// Last day of the period this date names (`2014-02` -> 2014-02-28).
    pub fn last_day(&self) -> jiff::civil::Date {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.first_day(),
            (Some(m), None) => {
                self.first_day().with().day(days_in_month(self.year, m) as i8).build().unwrap_or(self.first_day())
            }
            _ => jiff::civil::Date::new(self.year, 12, 31).expect("valid year"),
        }
    }

    /// Whether the period `other` names lies inside the period this date names
    /// (`2014` contains `2014-03-05`).
    pub fn contains(&self, other: &PDate) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &PDate) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }
}

pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 30,
    }
}

impl fmt::Display for PDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PDate {
    type Err = DateParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let mut parts = s.trim().split('-');
        let y = parts.next().filter(|p| p.len() == 4).ok_or_else(err)?;
        let year: i16 = y.parse().map_err(|_| err())?;
        let month = match parts.next() {
            Some(m) => {
                let m: u8 = m.parse().map_err(|_| err())?;
                if !(1..=12).contains(&m) {
                    return Err(err());
                }
                Some(m)
            }
            None => None,
        };
        let day = match parts.next() {
            Some(d) => {
                let d: u8 = d.parse().map_err(|_| err())?;
                if d == 0 || d > days_in_month(year, month.unwrap_or(1)) {
                    return Err(err());
                }
                Some(d)
            }
            None => None,
        };
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(PDate { year, month, day })
    }
}

impl Serialize for PDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// When something happened: a point at some precision, or a span with open ends allowed.
/// Written as ISO 8601: `2014-03`, `2013-06/2013-09`, `../2011` (open start), `2024-11/..`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    Point(PDate),
    Range(Option<PDate>, Option<PDate>),
}

impl When {
    /// The earliest day this may denote, if bounded.
    pub fn start(&self) -> Option<PDate> {
        match self {
            When::Point(p) => Some(*p),
            When::Range(a, _) => *a,
        }
    }
    /// The latest day this may denote, if bounded.
    pub fn end(&self) -> Option<PDate> {
        match self {
            When::Point(p) => Some(*p),
            When::Range(_, b) => *b,
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Point(p) => write!(f, "{p}"),
            When::Range(a, b) => {
                match a {
                    Some(a) => write!(f, "{a}")?,
                    None => f.write_str("..")?,
                }
                f.write_str("/")?;
                match b {
                    Some(b) => write!(f, "{b}"),
                    None => f.write_str(".."),
                }
            }
        }
    }
}

impl FromStr for When {
    type Err = DateParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('/') {
            None => Ok(When::Point(s.parse()?)),
            Some((a, b)) => {
                let end = |x: &str| -> Result<Option<PDate>, DateParseError> {
                    if x.is_empty() || x == ".." {
                        Ok(None)
                    } else {
                        x.parse().map(Some)
                    }
                };
                Ok(When::Range(end(a)?, end(b)?))
            }
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_at_their_precision() {
        for s in ["2014", "2014-03", "2014-03-25", "0999-12-31"] {
            assert_eq!(s.parse::<PDate>().unwrap().to_string(), s);
        }
        for s in ["14", "2014-13", "2014-02-30", "2014-1-1-1", "x"] {
            assert!(s.parse::<PDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn when_writes_open_and_closed_ranges() {
        for s in ["2014-03", "2013-06/2013-09", "../2011", "2024-11/.."] {
            assert_eq!(s.parse::<When>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn containment_follows_precision() {
        let y: PDate = "2014".parse().unwrap();
        let d: PDate = "2014-02-28".parse().unwrap();
        assert!(y.contains(&d));
        assert!(!d.contains(&y));
        assert_eq!(PDate::month(2012, 2).last_day().day(), 29);
        assert!(PDate::month(2014, 3) < PDate::day(2014, 3, 1));
    }
}
