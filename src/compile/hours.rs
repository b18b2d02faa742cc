//! Opening hours at run time: a weekly table of opening spans in local minutes, read in
//! the hours' own time zone (so daylight saving moves nothing by hand), and closed dates.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::check::model::HoursDef;

/// Hours ready to answer "open at this instant?".
#[derive(Clone, Debug)]
pub struct OpenHours {
    zone: TimeZone,
    /// `[start, end)` minutes from Monday 00:00 local time.
    week: Vec<(u32, u32)>,
    closed: Vec<Date>,
}

/// A time-zone name the bundled database does not know (a hand-edited table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl OpenHours {
    /// Opening hours ready to answer, with their time zone found in the bundled
    /// database.
    pub fn new(def: &HoursDef) -> Result<OpenHours, UnknownZone> {
        let zone = jiff::tz::db()
            .get(&def.zone)
            .map_err(|_| UnknownZone(def.zone.clone()))?;
        Ok(OpenHours {
            zone,
            week: def.week.clone(),
            closed: def.closed.clone(),
        })
    }

    /// Whether `at` falls in an opening span on a day that is not closed. A closed date
    /// closes the whole local calendar day, including the early hours of a span that
    /// began the evening before.
    pub fn is_open(&self, at: Timestamp) -> bool {
        let local = self.zone.to_datetime(at);
        if self.closed.binary_search(&local.date()).is_ok() {
            return false;
        }
        let day = u32::from(local.weekday().to_monday_zero_offset().unsigned_abs());
        let minute = day * 1440
            + u32::from(local.hour().unsigned_abs()) * 60
            + u32::from(local.minute().unsigned_abs());
        self.week
            .iter()
            .any(|&(start, end)| start <= minute && minute < end)
    }

    /// `at` as the hours read it, for showing why they were open or closed: `Tue 24 Nov
    /// 23:30 in Europe/London`, and `, a closed date` on a closed date.
    pub fn local_time(&self, at: Timestamp) -> String {
        let local = self.zone.to_datetime(at);
        let closed = if self.closed.binary_search(&local.date()).is_ok() {
            ", a closed date"
        } else {
            ""
        };
        format!(
            "{} in {}{closed}",
            local.strftime("%a %-d %b %H:%M"),
            self.zone.iana_name().unwrap_or("its time zone")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> OpenHours {
        OpenHours::new(&HoursDef {
            name: "support".into(),
            zone: "America/New_York".into(),
            // mon-fri 08:00-20:00
            week: (0..5).map(|d| (d * 1440 + 480, d * 1440 + 1200)).collect(),
            closed: vec![jiff::civil::date(2026, 12, 25)],
            span: Default::default(),
        })
        .unwrap()
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn local_time_as_shown() {
        let h = ny();
        assert_eq!(
            h.local_time(at("2026-07-06T12:00:00Z")),
            "Mon 6 Jul 08:00 in America/New_York"
        );
        assert_eq!(
            h.local_time(at("2026-12-25T15:00:00Z")),
            "Fri 25 Dec 10:00 in America/New_York, a closed date"
        );
    }

    #[test]
    fn local_time_with_daylight_saving() {
        let h = ny();
        // Summer: UTC-4, so 12:00Z is 08:00 local.
        assert!(h.is_open(at("2026-07-06T12:00:00Z")));
        assert!(!h.is_open(at("2026-07-06T11:59:59Z")));
        // Winter: UTC-5, so 12:00Z is 07:00 local, still closed.
        assert!(!h.is_open(at("2026-11-30T12:00:00Z")));
        assert!(h.is_open(at("2026-11-30T13:00:00Z")));
        // 20:00 local closes.
        assert!(!h.is_open(at("2026-11-30T00:59:00Z")));
        assert!(h.is_open(at("2026-11-30T20:00:00Z")));
        assert!(!h.is_open(at("2026-12-01T01:00:00Z")));
    }

    #[test]
    fn closed_dates_and_weekends() {
        let h = ny();
        assert!(!h.is_open(at("2026-12-25T15:00:00Z")));
        assert!(h.is_open(at("2026-12-24T15:00:00Z")));
        assert!(!h.is_open(at("2026-11-28T15:00:00Z")));
    }
}
