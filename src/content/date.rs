//! Calendar dates, `YYYY-MM-DD`: the publication date of the brochure.

use serde::{Serialize, Serializer};

/// A day of the (proleptic Gregorian) calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year, 1 to 9999.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1 to the length of the month.
    pub day: u8,
}

/// Why a string is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD`.
    Format,
    /// The shape is right but there is no such day (`2021-02-30`, month 13).
    NoSuchDay,
}

impl Date {
    /// Stands for a date that failed validation (never used once loaded).
    pub(crate) const PLACEHOLDER: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Reads `YYYY-MM-DD`, checking that the day exists.
    ///
    /// # Errors
    /// `DateError::Format` for another shape, `DateError::NoSuchDay` for
    /// a day the calendar does not have.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        // Called only once the length is known to be 10, with ranges in
        // 0..10; the digits found are ASCII, so `get` is on boundaries.
        let digits = |range: std::ops::Range<usize>| {
            bytes[range.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| text.get(range))
                .flatten()
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
        else {
            return Err(DateError::Format);
        };
        let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse()) else {
            return Err(DateError::Format);
        };
        let date = Date { year, month, day };
        let valid =
            year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= date.month_length();
        if valid {
            Ok(date)
        } else {
            Err(DateError::NoSuchDay)
        }
    }

    /// The number of days of the date's month (0 for a month that does not
    /// exist).
    fn month_length(self) -> u8 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(self.year) => 29,
            2 => 28,
            _ => 0,
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::{Date, DateError};

    #[test]
    fn real_days_only() {
        assert_eq!(
            Date::parse("2021-03-01"),
            Ok(Date {
                year: 2021,
                month: 3,
                day: 1
            })
        );
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        for bad in [
            "2021-02-30",
            "2021-02-29",
            "1900-02-29",
            "2021-04-31",
            "2021-13-01",
            "2021-00-10",
            "2021-01-00",
            "0000-01-01",
        ] {
            assert_eq!(Date::parse(bad), Err(DateError::NoSuchDay), "{bad}");
        }
        for bad in [
            "2021-3-1",
            "21-03-01",
            "2021/03/01",
            "2021-03-01 ",
            "２０２１-03-01",
            "2021-0é-1",
            "",
        ] {
            assert_eq!(Date::parse(bad), Err(DateError::Format), "{bad}");
        }
    }
}
