//! Time-zone arithmetic for P7.time_zones and P7.session_length, on the IANA database bundled
//! into the binary by jiff (works offline, the same answer on every machine).

use jiff::tz::TimeZone;
use ledger_events::time::{civil_from_days, days_from_civil, Date, Instant};

pub fn zone(name: &str) -> Option<TimeZone> {
    jiff::tz::db().get(name).ok()
}

fn to_ts(t: Instant) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_nanosecond(t.0).ok()
}

/// The calendar date of an instant in a zone.
pub fn local_date(tz: &TimeZone, t: Instant) -> Date {
    match to_ts(t) {
        Some(ts) => {
            let d = ts.to_zoned(tz.clone()).date();
            Date(days_from_civil(
                d.year() as i64,
                d.month() as u32,
                d.day() as u32,
            ))
        }
        None => t.date(),
    }
}

/// The local hour (0-23) of an instant in a zone.
pub fn local_hour(tz: &TimeZone, t: Instant) -> u32 {
    match to_ts(t) {
        Some(ts) => ts.to_zoned(tz.clone()).hour() as u32,
        None => (t.0.rem_euclid(ledger_events::time::DAY) / ledger_events::time::HOUR) as u32,
    }
}

/// The instant of a local wall-clock hour on a date (the earlier one where a clock change makes
/// it ambiguous, the later one where it is skipped: jiff's "compatible" disambiguation).
pub fn local_instant(tz: &TimeZone, date: Date, hour: i8) -> Instant {
    let (y, m, d) = civil_from_days(date.0);
    let civil = jiff::civil::DateTime::new(y as i16, m as i8, d as i8, hour, 0, 0, 0);
    match civil.and_then(|c| c.to_zoned(tz.clone())) {
        Ok(z) => Instant(z.timestamp().as_nanosecond()),
        Err(_) => date.start().plus(hour as i128 * ledger_events::time::HOUR),
    }
}

/// Nanoseconds of [start, end) that fall between `night_start`:00 and `night_end`:00 local time.
pub fn night_overlap(
    tz: &TimeZone,
    start: Instant,
    end: Instant,
    night_start: i8,
    night_end: i8,
) -> i128 {
    if end <= start {
        return 0;
    }
    let first = local_date(tz, start).0 - 1;
    let last = local_date(tz, end).0;
    let mut total = 0;
    for day in first..=last {
        let (ns, ne) = if night_start > night_end {
            (
                local_instant(tz, Date(day), night_start),
                local_instant(tz, Date(day + 1), night_end),
            )
        } else {
            (
                local_instant(tz, Date(day), night_start),
                local_instant(tz, Date(day), night_end),
            )
        };
        let s = start.max(ns);
        let e = end.min(ne);
        if e > s {
            total += e.0 - s.0;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use ledger_events::time::HOUR;

    #[test]
    fn montreal_dst_and_nights() {
        let mtl = zone("America/Montreal").unwrap();
        // 2021-03-14: DST starts at 02:00 local; 07:00 EDT = 11:00Z.
        let d = Date::parse("2021-03-14").unwrap();
        assert_eq!(
            local_instant(&mtl, d, 7),
            Instant::parse("2021-03-14T11:00:00Z").unwrap()
        );
        let d = Date::parse("2021-03-13").unwrap();
        assert_eq!(
            local_instant(&mtl, d, 7),
            Instant::parse("2021-03-13T12:00:00Z").unwrap()
        );
        // A session 12:00-14:00Z is 19:00-21:00 in Bangkok: no night; 23:00-01:00Z is 06:00-08:00: one hour.
        let bkk = zone("Asia/Bangkok").unwrap();
        let s = Instant::parse("2020-09-15T12:00:00Z").unwrap();
        assert_eq!(night_overlap(&bkk, s, s.plus(2 * HOUR), 22, 7), 0);
        let s = Instant::parse("2020-09-15T23:00:00Z").unwrap();
        assert_eq!(night_overlap(&bkk, s, s.plus(2 * HOUR), 22, 7), HOUR);
        // Across local midnight: 21:00-01:00 Paris (CEST) has three night hours.
        let par = zone("Europe/Paris").unwrap();
        let s = Instant::parse("2020-09-15T19:00:00Z").unwrap();
        assert_eq!(night_overlap(&par, s, s.plus(4 * HOUR), 22, 7), 3 * HOUR);
        assert_eq!(
            local_date(&bkk, Instant::parse("2020-09-15T18:00:00Z").unwrap()),
            Date::parse("2020-09-16").unwrap()
        );
    }
}
