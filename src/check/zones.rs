//! Time zones as support leads write them: the abbreviations of a clock (`PST`, `CEST`),
//! offsets (`UTC+2`), city names (`New York`), and the zones of the tz database that
//! keep one offset all year (`EST`, `GMT`, `Etc/GMT+5`) where the place they stand for
//! changes its clocks. A "did you mean" by spelling alone would send `PST` to `EST` and
//! `CST` to `CET`, hours or continents away: these say what the name means instead.

/// Abbreviations and everyday names of time zones that are not zones of the database,
/// in upper case, each with what to write.
const ABBREVIATIONS: &[(&[&str], &str)] = &[
    (
        &["PST", "PDT", "PT", "PACIFIC", "PACIFIC TIME"],
        "Pacific time is \"America/Los_Angeles\"",
    ),
    (
        &["MDT", "MT", "MOUNTAIN", "MOUNTAIN TIME"],
        "Mountain time is \"America/Denver\" (\"America/Phoenix\" for Arizona, which keeps standard time)",
    ),
    (
        &["CST", "CDT", "CT", "CENTRAL", "CENTRAL TIME"],
        "US Central time is \"America/Chicago\" (China Standard Time is \"Asia/Shanghai\")",
    ),
    (
        &["EDT", "ET", "EASTERN", "EASTERN TIME"],
        "Eastern time is \"America/New_York\"",
    ),
    (&["AKST", "AKDT"], "Alaska time is \"America/Anchorage\""),
    (&["BST"], "British time is \"Europe/London\""),
    (
        &["IST"],
        "India is \"Asia/Kolkata\", Ireland \"Europe/Dublin\", Israel \"Asia/Jerusalem\"",
    ),
    (
        &["CEST", "CENTRAL EUROPEAN TIME"],
        "Central European time is the zone of a city, such as \"Europe/Paris\" or \"Europe/Berlin\"",
    ),
    (
        &["EEST"],
        "Eastern European time is the zone of a city, such as \"Europe/Athens\"",
    ),
    (
        &["WEST"],
        "Western European time is the zone of a city, such as \"Europe/Lisbon\"",
    ),
    (&["JST"], "Japan is \"Asia/Tokyo\""),
    (&["KST"], "Korea is \"Asia/Seoul\""),
    (&["SGT"], "Singapore is \"Asia/Singapore\""),
    (&["HKT"], "Hong Kong is \"Asia/Hong_Kong\""),
    (
        &["AEST", "AEDT"],
        "Australian Eastern time is \"Australia/Sydney\" (\"Australia/Brisbane\" for Queensland, which keeps standard time)",
    ),
    (
        &["ACST", "ACDT"],
        "Australian Central time is \"Australia/Adelaide\"",
    ),
    (&["AWST"], "Australian Western time is \"Australia/Perth\""),
    (&["NZST", "NZDT"], "New Zealand is \"Pacific/Auckland\""),
    (&["BRT"], "Brasília time is \"America/Sao_Paulo\""),
];

/// The help for a time zone the database does not know.
pub fn unknown_zone_help(name: &str, known: &[String]) -> String {
    let upper = name.trim().to_ascii_uppercase();
    if let Some((_, zone)) = ABBREVIATIONS
        .iter()
        .find(|(names, _)| names.contains(&upper.as_str()))
    {
        return format!(
            "`{name}` names a clock, not a place; write the zone of the place, which follows its daylight saving: {zone}"
        );
    }
    if let Some(hours) = offset_hours(&upper) {
        let fixed = match hours {
            Some(h) if h != 0 => format!(
                " (for an offset that never changes, the database writes {name} as \"Etc/GMT{}{}\", its sign reversed)",
                if h > 0 { '-' } else { '+' },
                h.abs()
            ),
            _ => String::new(),
        };
        return format!(
            "an offset is not a place: write the zone of the place, such as \"Europe/Paris\", which follows its daylight saving{fixed}"
        );
    }
    // A city named without its region (`New York`, `paris`).
    let city = name.trim().replace(' ', "_");
    if let Some(zone) = known.iter().find(|zone| {
        zone.rsplit('/')
            .next()
            .is_some_and(|last| zone.contains('/') && last.eq_ignore_ascii_case(&city))
    }) {
        return format!("did you mean `{zone}`?");
    }
    // Spelling is a fair guide for a zone written as its database writes them
    // (`America/New York`); between abbreviations it is not (`PST` is not `EST`).
    if name.contains('/')
        && let Some(close) = super::closest(name, known.iter().map(String::as_str))
    {
        return format!("did you mean `{close}`?");
    }
    "use the time-zone name of a place, such as \"America/New_York\", \"Europe/Paris\" or \"UTC\""
        .to_string()
}

/// For an offset (`UTC+2`, `GMT-05:00`, `+01:00`): `Some` of its whole hours, east of
/// UTC positive (`None` inside when it has minutes or is out of range); `None` for
/// anything else.
fn offset_hours(upper: &str) -> Option<Option<i32>> {
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(upper)
        .trim();
    let (sign, digits) = match rest.strip_prefix('+') {
        Some(d) => (1, d),
        None => (-1, rest.strip_prefix('-')?),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let (hours, minutes) = digits.split_once(':').unwrap_or((digits, "00"));
    let whole = match (hours.parse::<i32>(), minutes) {
        (Ok(h), "00" | "0") if h <= 14 => Some(sign * h),
        _ => None,
    };
    Some(whole)
}

/// For a zone of the database that keeps one offset all year where the place it likely
/// stands for does not: its offset, and what to write instead.
pub fn fixed_offset(zone: &str) -> Option<(String, String)> {
    let upper = zone.to_ascii_uppercase();
    let plain = upper.strip_prefix("ETC/").unwrap_or(&upper);
    match plain {
        "EST" => Some((
            "UTC-05:00".into(),
            "for New York time, which is UTC-04:00 in summer, write \"America/New_York\"".into(),
        )),
        "MST" => Some((
            "UTC-07:00".into(),
            "that is right for Arizona (\"America/Phoenix\" says so); for Denver, which is UTC-06:00 in summer, write \"America/Denver\"".into(),
        )),
        "GMT" | "GMT0" | "GMT+0" | "GMT-0" | "GREENWICH" => Some((
            "UTC+00:00".into(),
            "for London, which is UTC+01:00 in summer, write \"Europe/London\"; for UTC itself, write \"UTC\"".into(),
        )),
        _ => {
            let hours: i32 = plain.strip_prefix("GMT")?.parse().ok()?;
            // The database's `Etc/GMT+5` is five hours *behind* UTC (POSIX signs).
            let offset = -hours;
            Some((
                format!("UTC{}{:02}:00", if offset < 0 { '-' } else { '+' }, offset.abs()),
                "its sign is the reverse of what it looks like (a POSIX name); write the zone of the place, such as \"America/New_York\", which follows its daylight saving".into(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        jiff::tz::db().available().map(|n| n.to_string()).collect()
    }

    #[test]
    fn abbreviations_name_their_place_not_a_look_alike() {
        let known = known();
        let help = |name: &str| unknown_zone_help(name, &known);
        assert!(
            help("PST").contains("America/Los_Angeles"),
            "{}",
            help("PST")
        );
        assert!(!help("PST").contains("EST"));
        assert!(help("cst").contains("America/Chicago"));
        assert!(help("BST").contains("Europe/London"));
        assert!(help("Eastern Time").contains("America/New_York"));
        assert!(help("UTC+2").contains("writes UTC+2 as \"Etc/GMT-2\""));
        assert!(help("GMT-5").contains("writes GMT-5 as \"Etc/GMT+5\""));
        assert!(!help("UTC+05:30").contains("Etc/"));
        assert!(help("GMT-05:00").starts_with("an offset is not a place"));
        assert_eq!(help("New York"), "did you mean `America/New_York`?");
        assert_eq!(help("paris"), "did you mean `Europe/Paris`?");
        assert_eq!(help("America/New York"), "did you mean `America/New_York`?");
        assert!(help("Mars/Olympus").starts_with("use the time-zone name of a place"));
        // Every zone the help offers exists.
        for (_, text) in ABBREVIATIONS {
            for zone in text.split('"').skip(1).step_by(2) {
                assert!(jiff::tz::TimeZone::get(zone).is_ok(), "{zone}");
            }
        }
    }

    #[test]
    fn fixed_zones_are_told_apart_from_places() {
        assert_eq!(
            fixed_offset("EST").map(|f| f.0).as_deref(),
            Some("UTC-05:00")
        );
        assert_eq!(
            fixed_offset("Etc/GMT+5").map(|f| f.0).as_deref(),
            Some("UTC-05:00")
        );
        assert_eq!(
            fixed_offset("Etc/GMT-2").map(|f| f.0).as_deref(),
            Some("UTC+02:00")
        );
        assert_eq!(
            fixed_offset("GMT").map(|f| f.0).as_deref(),
            Some("UTC+00:00")
        );
        for place in [
            "UTC",
            "Etc/UTC",
            "America/New_York",
            "Asia/Tokyo",
            "EST5EDT",
            "CET",
            "HST",
        ] {
            assert_eq!(fixed_offset(place), None, "{place}");
        }
        // What the warning says of each zone is what the database does: one offset in
        // winter and in summer.
        for zone in ["EST", "MST", "GMT", "Etc/GMT+5", "Etc/GMT-2"] {
            let tz = jiff::tz::TimeZone::get(zone).unwrap();
            let at = |s: &str| tz.to_offset(s.parse::<jiff::Timestamp>().unwrap());
            assert_eq!(
                at("2026-01-15T12:00:00Z"),
                at("2026-07-15T12:00:00Z"),
                "{zone}"
            );
            let (offset, _) = fixed_offset(zone).unwrap();
            let hours = at("2026-01-15T12:00:00Z").seconds() / 3600;
            assert_eq!(
                offset,
                format!(
                    "UTC{}{:02}:00",
                    if hours < 0 { '-' } else { '+' },
                    hours.abs()
                ),
                "{zone}"
            );
        }
    }
}
