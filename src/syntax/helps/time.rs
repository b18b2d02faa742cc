//! Helps for times written as people write them elsewhere: durations in words (`5 min`),
//! dates, opening-hours lines (`Monday-Friday 9am-5pm`) and clock times on other clocks
//! (`5:30 pm`, `17h`), each read and written back as Baton writes it.

use super::*;

/// Help for a duration written in words (`5 min`, `30 seconds`, `1 hour`, `5mins`): the
/// number before the error and a unit word at it, or (`after 5 sec`, where a duration was
/// wanted) the number at the error and a unit word after it.
pub(super) fn duration_words_help(place: &Place) -> Option<String> {
    // A unit of one letter is Baton's own (`5m`), or a clock's (`9h-17h` in hours): only
    // a unit written as a word is one to rewrite.
    let in_words = |unit: String| Some(unit).filter(|u| u.len() > 1);
    let before = place.before.trim_end_matches([' ', '\t']);
    let start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |i| i + 1);
    // The digits must be a number of their own, not the end of a name (`team b2 hours`).
    let number_alone = !before
        .get(..start)
        .and_then(|b| b.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    let written = before
        .get(start..)
        .filter(|_| number_alone)
        .zip(in_words(place.word.clone()))
        .and_then(|(number, unit)| duration_written(number, &unit))
        .or_else(|| {
            let number_len = place
                .rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(place.rest.len());
            let number = place.rest.get(..number_len)?;
            let after = place
                .rest
                .get(number_len..)?
                .trim_start_matches([' ', '\t']);
            duration_written(number, &in_words(Place::word_at(after))?)
        })?;
    Some(format!(
        "write a duration as a number and its unit letter, with no space: `{written}` (`s`, `m`, `h` or `d`)"
    ))
}

/// A duration said as a number and a unit word (`5` `minutes`, `2` `weeks`, `1.5` `hrs`),
/// written as Baton writes durations (`5m`, `14d`, `1.5h`). `None` when the unit is none
/// of these or the number is no number. Policies and requests both use it.
pub(crate) fn duration_written(number: &str, unit: &str) -> Option<String> {
    let (letter, times) = match unit.to_ascii_lowercase().as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => ('s', 1.0),
        "m" | "min" | "mins" | "minute" | "minutes" => ('m', 1.0),
        "h" | "hr" | "hrs" | "hour" | "hours" => ('h', 1.0),
        "d" | "day" | "days" => ('d', 1.0),
        "week" | "weeks" => ('d', 7.0),
        _ => return None,
    };
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let written = if times == 1.0 {
        number.to_string()
    } else {
        (value * times).to_string()
    };
    Some(format!("{written}{letter}"))
}

/// Help for a date written as people write dates elsewhere, where a date goes: in
/// quotes, day or month first (`25.12.2026`, `12/25/2026`), or with the month's name.
pub(super) fn date_help(place: &Place) -> Option<String> {
    if !place.wanted.iter().any(|w| w.starts_with("a date")) {
        return None;
    }
    let rest = place.rest;
    let token: String = rest
        .chars()
        .take_while(|c| !(c.is_whitespace() || [',', '}'].contains(c)))
        .take(20)
        .collect();
    if let Some(inner) = token.strip_prefix('"') {
        let date = inner.trim_end_matches('"');
        return Some(format!("write the date without quotes: `{date}`"));
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = place.word.to_ascii_lowercase();
    if let Some(month) = (lower.len() >= 3)
        .then(|| MONTHS.iter().position(|m| lower.starts_with(m)))
        .flatten()
    {
        let day: String = rest
            .get(place.word.len()..)
            .unwrap_or_default()
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let day = day
            .parse::<u8>()
            .ok()
            .filter(|d| (1..=31).contains(d))
            .unwrap_or(1);
        return Some(format!(
            "write dates as numbers, year first: `YYYY-{:02}-{day:02}` with the year",
            month + 1
        ));
    }
    let dotted = token.contains('.');
    let parts: Vec<u32> = token
        .split(['/', '.', '-'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [a, b, year] = parts.as_slice() else {
        return None;
    };
    if *year < 1000 {
        return None;
    }
    let iso = |month: u32, day: u32| format!("{year}-{month:02}-{day:02}");
    let valid = |month: u32, day: u32| (1..=12).contains(&month) && (1..=31).contains(&day);
    // (day first is a date, month first is a date)
    let written = match (valid(*b, *a), valid(*a, *b)) {
        (true, false) => format!("`{}`", iso(*b, *a)),
        (false, true) => format!("`{}`", iso(*a, *b)),
        // `04.03.2026` is day first wherever dots are written.
        (true, true) if dotted => format!("`{}`", iso(*b, *a)),
        (true, true) => format!(
            "`{}` for {a} {}, `{}` for {b} {}",
            iso(*b, *a),
            month_name(*b),
            iso(*a, *b),
            month_name(*a)
        ),
        (false, false) => return None,
    };
    Some(format!(
        "write dates year first, then month and day: {written}"
    ))
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// Help for an opening line whose days are written as people write them elsewhere
/// (`Monday-Friday 9am-5pm`, `Mon to Fri 9-5`, `weekdays 09:00-17:00`, `Sat & Sun
/// 10-4`): the whole line in Baton's form, `mon-fri 09:00-17:00`. `None` unless the error
/// is at a line's days and the whole line reads as days and one span.
pub(super) fn hours_line_help(place: &Place) -> Option<String> {
    if !place.wants("a weekday") && !place.wanted.contains(&"`-`") {
        return None;
    }
    let line = line_of(place, 80);
    let start = line.find(|c: char| c.is_ascii_digit())?;
    let days_written = line.get(..start)?;
    let days = day_ranges(days_written)?;
    // `weekdays`, `weekend`: words for a range, not days.
    let named = days_written
        .split(|c: char| !c.is_alphabetic())
        .all(|word| word.is_empty() || day_abbreviation(&word.to_lowercase()).is_none());
    // `mon to fri`, `sat & sun`: the days as Baton writes them, joined otherwise.
    let joined_otherwise = days_written
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty() && !["to", "through", "thru", "and"].contains(word))
        .all(|word| day_abbreviation(word) == Some(word));
    let days_how = if named {
        "the days as a range"
    } else if joined_otherwise {
        "a range of days with `-`, a list of them with `,`"
    } else {
        "days as their first three letters, in lower case"
    };
    let times = line.get(start..)?.replace(['\u{2013}', '\u{2014}'], "-");
    let times = times.replace(" to ", "-").replace(" - ", "-");
    let (from, to) = times.trim().split_once('-')?;
    let (from, to) = span_ends(from, to)?;
    let span = format!("{from}-{to}");
    let how = if times.trim() == span {
        days_how.to_string()
    } else {
        format!("{days_how}, and times on the 24-hour clock")
    };
    let written = format!("{days} {span}");
    (written != line.trim()).then(|| format!("write the line as `{written}`: {how}"))
}

/// Days as people write them (`Monday-Friday`, `Mon to Fri`, `mon, wed & fri`,
/// `weekdays`) as Baton writes them: `mon-fri`, `mon, wed, fri`. `None` unless every word
/// is a day, a range or list word.
fn day_ranges(text: &str) -> Option<String> {
    let lower = text
        .to_lowercase()
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace(" to ", "-")
        .replace(" through ", "-")
        .replace(" thru ", "-")
        .replace('&', ",")
        .replace(" and ", ",");
    let named = match lower.trim().trim_end_matches(':') {
        "weekdays" | "weekday" | "workdays" => Some("mon-fri"),
        "weekend" | "weekends" => Some("sat-sun"),
        "everyday" | "daily" | "every day" => Some("mon-sun"),
        _ => None,
    };
    if let Some(named) = named {
        return Some(named.to_string());
    }
    let mut ranges = Vec::new();
    for range in lower.trim().trim_end_matches(':').split(',') {
        let ends: Option<Vec<&str>> = range
            .split('-')
            .map(|day| day_abbreviation(day.trim()))
            .collect();
        match ends?.as_slice() {
            [one] => ranges.push(one.to_string()),
            [first, last] => ranges.push(format!("{first}-{last}")),
            _ => return None,
        }
    }
    // Single days that follow each other (`sat, sun`, `mon, tue, wed`) as one range.
    const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let at: Option<Vec<usize>> = ranges
        .iter()
        .map(|day| WEEK.iter().position(|w| w == day))
        .collect();
    if let Some(at) = at
        && let (Some(&first), Some(&last)) = (at.first(), at.last())
        && at.len() >= 2
        && at
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if a + 1 == *b))
    {
        return Some(format!("{}-{}", WEEK.get(first)?, WEEK.get(last)?));
    }
    Some(ranges.join(", "))
}

/// `mon` for `Monday`, `Mondays`, `mon.`, `Mon`; `tue` for `Tues`; `None` for what is
/// not a day.
fn day_abbreviation(word: &str) -> Option<&'static str> {
    const DAYS: [(&str, &str); 7] = [
        ("monday", "mon"),
        ("tuesday", "tue"),
        ("wednesday", "wed"),
        ("thursday", "thu"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    ];
    let word = word.trim_end_matches('.');
    let word = if word == "weds" { "wed" } else { word };
    let singular = word
        .strip_suffix('s')
        .filter(|w| w.len() >= 6)
        .unwrap_or(word);
    if singular.len() < 3 {
        return None;
    }
    DAYS.iter()
        .find(|(day, _)| day.starts_with(singular))
        .map(|&(_, short)| short)
}

/// Help for an opening span written on another clock (`9-17`, `9h-17h`, `09.00-17.00`,
/// `9:00 AM-5:00 PM`): the line with the span on the 24-hour clock. `None` unless both
/// ends read as times.
pub(super) fn clock_span_help(place: &Place) -> Option<String> {
    let wants_time =
        place.wanted.iter().any(|w| w.starts_with("a time")) || place.wanted.contains(&"`-`");
    if !wants_time {
        return None;
    }
    let line = line_of(place, 60);
    let start = line.find(|c: char| c.is_ascii_digit())?;
    let days = line.get(..start)?.trim();
    let (from, to) = line.get(start..)?.split_once('-')?;
    let (from, to) = span_ends(from, to)?;
    if days.is_empty() || line.get(start..)? == format!("{from}-{to}") {
        return None;
    }
    Some(format!(
        "write times on the 24-hour clock, hours then minutes: `{days} {from}-{to}`"
    ))
}

/// Both ends of an opening span as people write them, on the 24-hour clock. An end
/// from 1 to 11 without `am` or `pm` is read on the 12-hour clock when the start is:
/// in the afternoon when it would otherwise come before the start (`9am-5` and `9-5`
/// are 9 to 17), and after a `pm` start when that keeps it after the start (`1pm-5` is
/// 13 to 17). A start written past noon keeps a night span as written: `22-6`, `10pm-6`.
fn span_ends(from: &str, to: &str) -> Option<(String, String)> {
    let (start, _, start_half) = clock_parts(from)?;
    let (mut end, end_minutes, end_half) = clock_parts(to)?;
    if end_half.is_none() && (1..12).contains(&end) {
        let afternoon = match start_half {
            Some(true) => end + 12 > start,
            Some(false) | None => start <= 12 && end <= start,
        };
        if afternoon {
            end += 12;
        }
    }
    Some((clock(from)?, format!("{end:02}:{end_minutes:02}")))
}

/// A time of day as people write it (`9`, `17h`, `9h30`, `09.00`, `5:30 pm`) on the
/// 24-hour clock, `HH:MM`.
fn clock(text: &str) -> Option<String> {
    let (h, m, _) = clock_parts(text)?;
    Some(format!("{h:02}:{m:02}"))
}

/// The hour and minute of [`clock`], and whether `am` (`Some(false)`) or `pm`
/// (`Some(true)`) was written.
fn clock_parts(text: &str) -> Option<(u32, u32, Option<bool>)> {
    let lower = text.trim().to_ascii_lowercase().replace(' ', "");
    let (body, half) = if let Some(b) = lower.strip_suffix("am").or(lower.strip_suffix("a.m.")) {
        (b.to_string(), Some(false))
    } else if let Some(b) = lower.strip_suffix("pm").or(lower.strip_suffix("p.m.")) {
        (b.to_string(), Some(true))
    } else {
        (lower, None)
    };
    let (hours, minutes) = match body.split_once([':', '.', 'h']) {
        Some((h, "")) => (h, "0"),
        Some((h, m)) => (h, m),
        None => (body.as_str(), "0"),
    };
    let valid = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !valid(hours) || !valid(minutes) {
        return None;
    }
    let (mut h, m): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    match half {
        Some(pm) if (1..=12).contains(&h) => h = h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    (h <= 24 && m < 60 && (h < 24 || m == 0)).then_some((h, m, half))
}

/// Help for the ways of writing days and times that people use elsewhere (`monday`,
/// `9am`, `mon to fri`, spans separated by commas), inside `hours { ... }`.
pub(super) fn hours_help(place: &Place) -> Option<&'static str> {
    let Place {
        rest, prev, wanted, ..
    } = *place;
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = place.word.to_lowercase();
    let weekday_wanted = wanted.iter().any(|w| w.starts_with("a weekday"));
    let time_wanted = wanted.iter().any(|w| w.starts_with("a time"));
    let after_time = prev.is_some_and(|p| {
        p.len() >= 4 && p.contains(':') && p.chars().all(|c| c.is_ascii_digit() || c == ':')
    });
    if (weekday_wanted || wanted.contains(&"`-`"))
        && word.len() >= 3
        && DAYS
            .iter()
            .any(|d| d.starts_with(&word) || word.starts_with(d))
    {
        Some(
            "write weekdays as their first three letters, in lower case: `mon`, `tue`, `wed`, \
             `thu`, `fri`, `sat`, `sun`; a range is `mon-fri`",
        )
    } else if (weekday_wanted || wanted.contains(&"`-`"))
        && ["weekdays", "weekday", "workdays"].contains(&word.as_str())
    {
        Some("write the days as a range: `mon-fri` for weekdays")
    } else if weekday_wanted && ["weekend", "weekends"].contains(&word.as_str()) {
        Some("write the days as a range: `sat-sun` for the weekend")
    } else if weekday_wanted && ["everyday", "daily", "every", "always"].contains(&word.as_str()) {
        Some("write the days as a range: `mon-sun` for every day")
    } else if (time_wanted && rest.starts_with(|c: char| c.is_ascii_digit()))
        || ["am", "pm", "a", "p"].contains(&word.as_str())
    {
        Some("write times on the 24-hour clock, hours then minutes: `09:00-17:00` for 9am to 5pm")
    } else if wanted.contains(&"`-`") && word == "to" {
        Some("write a range of days or times with `-`: `mon-fri`, `09:00-17:00`")
    } else if after_time && weekday_wanted && (rest.starts_with(',') || rest.starts_with(';')) {
        Some(
            "put each opening span on a line of its own: `mon-fri 09:00-17:00`, then \
             `sat 10:00-14:00` on the next line",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_written_on_other_clocks_read_on_the_24_hour_clock() {
        for (written, read) in [
            ("9", "09:00"),
            ("17h", "17:00"),
            ("9h30", "09:30"),
            ("09.00", "09:00"),
            ("5:30 pm", "17:30"),
            ("12am", "00:00"),
            ("12 PM", "12:00"),
            ("24", "24:00"),
        ] {
            assert_eq!(clock(written).as_deref(), Some(read), "{written}");
        }
        for nonsense in ["25", "9:60", "13pm", "0am", "noon", "", "123"] {
            assert_eq!(clock(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn days_written_as_people_write_them_read_as_baton_writes_them() {
        for (written, read) in [
            ("Monday-Friday", "mon-fri"),
            ("Mon to Fri", "mon-fri"),
            ("mon \u{2013} fri", "mon-fri"),
            ("Tues-Thurs", "tue-thu"),
            ("Mondays, Wednesdays and Fridays", "mon, wed, fri"),
            ("Sat & Sun", "sat-sun"),
            ("Mon, Tue and Wed", "mon-wed"),
            ("Mon, Wed", "mon, wed"),
            ("Weds.", "wed"),
            ("weekdays", "mon-fri"),
            ("Weekends:", "sat-sun"),
        ] {
            assert_eq!(day_ranges(written).as_deref(), Some(read), "{written}");
        }
        for nonsense in ["mo", "holidays", "mon-tue-wed", "mon,", "summer", ""] {
            assert_eq!(day_ranges(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn a_span_end_without_am_or_pm_is_read_as_people_mean_it() {
        let read = |from: &str, to: &str| span_ends(from, to).map(|(a, b)| format!("{a}-{b}"));
        for (from, to, span) in [
            ("9am", "5", "09:00-17:00"),
            ("9", "5", "09:00-17:00"),
            ("9am", "11", "09:00-11:00"),
            ("1pm", "5", "13:00-17:00"),
            ("8", "12", "08:00-12:00"),
            ("9am", "5:30", "09:00-17:30"),
            ("9", "17", "09:00-17:00"),
            ("9am", "5am", "09:00-05:00"),
            ("22", "6", "22:00-06:00"),
            ("10pm", "6", "22:00-06:00"),
        ] {
            assert_eq!(read(from, to).as_deref(), Some(span), "{from}-{to}");
        }
    }
}
