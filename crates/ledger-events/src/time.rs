//! Instants and dates as the contract writes them (§1): RFC 3339 with an upper-case `T`, `Z` or a
//! numeric offset, any number of fractional digits, no leap second; dates `YYYY-MM-DD` standing for
//! the whole UTC day. Parsing is strict and hand-written so that every verifier gets the same
//! answer: jiff and chrono accept forms (lower-case `t`, spaces) that the contract forbids.

use std::fmt;

/// Nanoseconds in a second, a minute, an hour, a day.
pub const SECOND: i128 = 1_000_000_000;
pub const MINUTE: i128 = 60 * SECOND;
pub const HOUR: i128 = 60 * MINUTE;
pub const DAY: i128 = 24 * HOUR;

/// An instant on the UTC time line, in nanoseconds since 1970-01-01T00:00:00Z. Fractional digits
/// beyond the ninth are accepted and do not take part in comparisons (documented in ARCHITECTURE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i128);

impl Instant {
    /// Whole seconds since 1970 and the nanoseconds after them (every instant the contract can
    /// write fits: years 0000 to 9999).
    pub fn to_parts(self) -> (i64, u32) {
        (
            self.0.div_euclid(SECOND) as i64,
            self.0.rem_euclid(SECOND) as u32,
        )
    }

    /// The instant of [`Instant::to_parts`].
    pub fn from_parts(secs: i64, nanos: u32) -> Instant {
        Instant(secs as i128 * SECOND + nanos as i128)
    }
}

/// Kept (in snapshots of derived state) as two integers: not every binary format has i128.
impl serde::Serialize for Instant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_parts(), s)
    }
}

impl<'de> serde::Deserialize<'de> for Instant {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (secs, nanos): (i64, u32) = serde::Deserialize::deserialize(d)?;
        Ok(Instant::from_parts(secs, nanos))
    }
}

/// A calendar date, as days since 1970-01-01. It stands for [D 00:00Z, D+1 00:00Z).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TimeError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, TimeError> {
    Err(TimeError(msg.into()))
}

/// Days since the epoch of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

fn digits(s: &[u8], what: &str) -> Result<u32, TimeError> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return err(format!("{what} must be digits"));
    }
    Ok(s.iter().fold(0u32, |a, b| a * 10 + (b - b'0') as u32))
}

fn parse_ymd(b: &[u8]) -> Result<(i64, u32, u32), TimeError> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return err("a date must be YYYY-MM-DD");
    }
    let y = digits(&b[0..4], "the year")? as i64;
    let m = digits(&b[5..7], "the month")?;
    let d = digits(&b[8..10], "the day")?;
    if !(1..=12).contains(&m) {
        return err(format!("month {m} is out of range"));
    }
    if d < 1 || d > days_in_month(y, m) {
        return err(format!("day {d} is out of range for {y:04}-{m:02}"));
    }
    Ok((y, m, d))
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, TimeError> {
        let (y, m, d) = parse_ymd(s.as_bytes())?;
        Ok(Date(days_from_civil(y, m, d)))
    }
    /// The first instant of the day.
    pub fn start(self) -> Instant {
        Instant(self.0 as i128 * DAY)
    }
    /// The first instant after the day.
    pub fn end(self) -> Instant {
        Instant((self.0 as i128 + 1) * DAY)
    }
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Instant {
    /// Parses an RFC 3339 timestamp as contract §1 allows it.
    pub fn parse(s: &str) -> Result<Instant, TimeError> {
        let b = s.as_bytes();
        if b.len() < 20 {
            return err("a time must be RFC 3339, e.g. 2024-11-01T10:00:00Z");
        }
        let (y, mo, d) = parse_ymd(&b[0..10])?;
        if b[10] != b'T' {
            return err("a time must have an upper-case 'T' between date and time");
        }
        if b[13] != b':' || b[16] != b':' {
            return err("a time must be HH:MM:SS");
        }
        let h = digits(&b[11..13], "the hour")?;
        let mi = digits(&b[14..16], "the minute")?;
        let sec = digits(&b[17..19], "the second")?;
        if h > 23 || mi > 59 {
            return err("hour or minute out of range");
        }
        if sec > 59 {
            return err("seconds out of range (leap seconds are not accepted)");
        }
        let mut i = 19;
        let mut nanos: i128 = 0;
        if b[i] == b'.' {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - start < 9 {
                    nanos = nanos * 10 + (b[i] - b'0') as i128;
                }
                i += 1;
            }
            let n = i - start;
            if n == 0 {
                return err("a decimal point must be followed by digits");
            }
            for _ in n..9 {
                nanos *= 10;
            }
        }
        let offset_secs: i128 = match &b[i..] {
            [b'Z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let oh = digits(&[*h1, *h2], "the offset hour")? as i128;
                let om = digits(&[*m1, *m2], "the offset minute")? as i128;
                if oh > 23 || om > 59 {
                    return err("offset out of range");
                }
                let o = oh * 3600 + om * 60;
                if *sign == b'-' {
                    -o
                } else {
                    o
                }
            }
            _ => return err("a time must end in 'Z' or a numeric offset such as +02:00"),
        };
        let days = days_from_civil(y, mo, d) as i128;
        let secs = days * 86400 + (h * 3600 + mi * 60 + sec) as i128 - offset_secs;
        Ok(Instant(secs * SECOND + nanos))
    }

    pub fn from_millis(ms: i128) -> Instant {
        Instant(ms * 1_000_000)
    }
    pub fn millis(self) -> i128 {
        self.0.div_euclid(1_000_000)
    }
    /// The UTC date this instant falls on.
    pub fn date(self) -> Date {
        Date(self.0.div_euclid(DAY) as i64)
    }
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the shape of `recorded_at` (contract §3).
    pub fn to_recorded_at(self) -> String {
        let ms = self.millis();
        let days = ms.div_euclid(86_400_000) as i64;
        let rem = ms.rem_euclid(86_400_000);
        let (y, m, d) = civil_from_days(days);
        let h = rem / 3_600_000;
        let mi = rem / 60_000 % 60;
        let s = rem / 1000 % 60;
        let milli = rem % 1000;
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
    }
    pub fn plus(self, nanos: i128) -> Instant {
        Instant(self.0 + nanos)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_recorded_at())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_allowed_forms() {
        let z = Instant::parse("2020-11-19T12:00:00Z").unwrap();
        assert_eq!(Instant::parse("2020-11-19T07:00:00-05:00").unwrap(), z);
        assert_eq!(Instant::parse("2020-11-19T13:30:00+01:30").unwrap(), z);
        let frac = Instant::parse("2020-11-19T12:00:00.123456789123Z").unwrap();
        assert_eq!(frac.0 - z.0, 123_456_789);
        assert_eq!(
            Instant::parse("2020-11-19T12:00:00.5Z").unwrap().0 - z.0,
            500_000_000
        );
        assert_eq!(z.to_recorded_at(), "2020-11-19T12:00:00.000Z");
        assert_eq!(Instant::parse("1970-01-01T00:00:00Z").unwrap(), Instant(0));
    }

    #[test]
    fn rejects_what_the_contract_forbids() {
        for bad in [
            "2020-11-19t12:00:00Z",
            "2020-11-19 12:00:00Z",
            "2020-11-19T12:00:00z",
            "2020-11-19T12:00:00",
            "2020-11-19T23:59:60Z",
            "2020-02-30T12:00:00Z",
            "2020-11-19T12:00:00.Z",
            "2020-11-19T12:00:00+0100",
            "2020-11-19T24:00:00Z",
            "20-11-19T12:00:00Z",
            "2020-11-19T12:00Z",
        ] {
            assert!(Instant::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn dates_cover_whole_utc_days() {
        let d = Date::parse("2024-11-01").unwrap();
        assert_eq!(d.start(), Instant::parse("2024-11-01T00:00:00Z").unwrap());
        assert_eq!(d.end(), Instant::parse("2024-11-02T00:00:00Z").unwrap());
        assert_eq!(d.to_string(), "2024-11-01");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        for days in [-800_000i64, -1, 0, 59, 365, 20_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, dd), days);
        }
    }
}
