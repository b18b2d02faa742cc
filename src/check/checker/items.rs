//! The checker's items other than facts, rules and tests: phrase sets, opening hours,
//! teams, the offline fallback and the handoff.

use super::*;

impl Checker<'_> {
    // ----- phrase sets ---------------------------------------------------------------

    pub(super) fn phrase_set(&mut self, p: &ast::PhraseSet) -> Option<PhraseSetDef> {
        if p.phrases.is_empty() {
            self.error(CheckError::EmptyPhraseSet {
                name: p.name.node.clone(),
                span: sp(p.list_span),
            });
            return None;
        }
        let mut phrases = Vec::new();
        let mut ok = true;
        for phrase in &p.phrases {
            match self.phrase(phrase) {
                Some(words) => phrases.push(Phrase {
                    text: phrase.node.clone(),
                    words,
                }),
                None => ok = false,
            }
        }
        ok.then(|| PhraseSetDef {
            name: p.name.node.clone(),
            fuzzy: p.fuzzy,
            phrases,
            span: p.name.span,
        })
    }

    fn phrase(&mut self, phrase: &Spanned<String>) -> Option<Vec<PhraseWord>> {
        let text = &phrase.node;
        // The text's offsets map to the source one to one only without escapes; labels
        // point inside the quotes when they can, at the whole phrase otherwise.
        let raw = self.source.get(phrase.span.range()).unwrap_or("");
        let exact = raw.len() == text.len() + 2;
        let at = |start: usize, len: usize| -> SourceSpan {
            if exact {
                (phrase.span.start + 1 + start, len).into()
            } else {
                sp(phrase.span)
            }
        };
        let found = words(text);
        if found.is_empty() {
            self.error(CheckError::EmptyPhrase {
                span: sp(phrase.span),
            });
            return None;
        }
        if found.len() > crate::limits::MAX_PHRASE_WORDS {
            self.error(CheckError::PhraseTooLong {
                words: found.len(),
                limit: crate::limits::MAX_PHRASE_WORDS,
                span: sp(phrase.span),
            });
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, star) in text.match_indices('*') {
            let ends_word = found.iter().any(|w| w.end == i);
            let next_is_word = text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if !ends_word || next_is_word {
                // `refund.*`: a regular expression's "anything", written in a phrase.
                let stem = text[..i]
                    .strip_suffix('.')
                    .filter(|_| i > 0)
                    .and_then(|before| found.iter().rev().find(|w| w.end == before.len()));
                let help = match stem {
                    Some(word) => format!(
                        "phrases are words, not regular expressions: `{}*` matches every word that starts with `{}`",
                        word.text, word.text
                    ),
                    None => "`refund*` matches refund, refunds and refunded; a `*` alone or inside a word matches nothing".to_string(),
                };
                self.error(CheckError::InvalidWildcard {
                    span: at(i, star.len()),
                    help,
                });
                ok = false;
            }
        }
        for w in &found {
            out.push(PhraseWord {
                text: w.text.clone(),
                prefix: text[w.end..].starts_with('*'),
            });
        }
        ok.then_some(out)
    }

    // ----- hours ---------------------------------------------------------------------

    pub(super) fn hours_def(&mut self, h: &ast::Hours) -> Option<HoursDef> {
        let mut ok = true;
        if jiff::tz::TimeZone::get(&h.zone.node).is_err() {
            let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
            let help = Some(crate::check::zones::unknown_zone_help(&h.zone.node, &names));
            self.error(CheckError::UnknownTimeZone {
                name: h.zone.node.clone(),
                span: sp(h.zone.span),
                help,
            });
            ok = false;
        }
        let mut week = Vec::new();
        for line in &h.spans {
            let from = self.clock(&line.from, false);
            let to = self.clock(&line.to, true);
            let (Some(from), Some(to)) = (from, to) else {
                ok = false;
                continue;
            };
            if from == to || (from == 0 && to == 0) {
                let text = self
                    .source
                    .get(line.from.span.start..line.to.span.end)
                    .unwrap_or("");
                self.error(CheckError::EmptyTimeSpan {
                    text: text.to_string(),
                    span: sp(line.from.span.join(line.to.span)),
                });
                ok = false;
                continue;
            }
            for days in &line.days {
                let (first, last) = days.node;
                let mut d = first.index();
                loop {
                    let day = d as u32 * 1440;
                    if from < to {
                        week.push((day + from, day + to));
                    } else {
                        // Crosses midnight: the rest of this day, then the next morning.
                        week.push((day + from, day + 1440));
                        let next = ((d as u32 + 1) % 7) * 1440;
                        if to > 0 {
                            week.push((next, next + to));
                        }
                    }
                    if d == last.index() {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
        }
        if h.spans.is_empty() {
            self.error(CheckError::EmptyHours {
                name: h.name.node.clone(),
                span: sp(h.name.span),
            });
            ok = false;
        }
        let mut closed = Vec::new();
        for date in &h.closed {
            match self.date(date) {
                Some(d) => closed.push(d),
                None => ok = false,
            }
        }
        week.sort_unstable();
        closed.sort_unstable();
        closed.dedup();
        ok.then(|| HoursDef {
            name: h.name.node.clone(),
            zone: h.zone.node.clone(),
            week,
            closed,
            span: h.name.span,
        })
    }

    /// Minutes from midnight; `24:00` only where a span ends.
    fn clock(&mut self, c: &Spanned<ast::ClockLit>, is_end: bool) -> Option<u32> {
        let ast::ClockLit { hour, minute } = c.node;
        if (hour < 24 && minute < 60) || (is_end && hour == 24 && minute == 0) {
            Some(hour * 60 + minute)
        } else {
            self.error(CheckError::InvalidTime {
                text: self.source.get(c.span.range()).unwrap_or("").to_string(),
                span: sp(c.span),
            });
            None
        }
    }

    fn date(&mut self, d: &Spanned<ast::DateLit>) -> Option<jiff::civil::Date> {
        let ast::DateLit { year, month, day } = d.node;
        let text = self.source.get(d.span.range()).unwrap_or("").to_string();
        let reason = if !(1..=12).contains(&month) {
            Some((
                format!("there is no month {month}"),
                "months run from 01 to 12".to_string(),
            ))
        } else {
            match (i8::try_from(month), i8::try_from(day), i16::try_from(year)) {
                (Ok(m), Ok(dd), Ok(y)) => match jiff::civil::Date::new(y, m, dd) {
                    Ok(date) => return Some(date),
                    Err(_) => {
                        let days = jiff::civil::Date::new(y, m, 1)
                            .map(|first| first.days_in_month())
                            .unwrap_or(31);
                        Some((
                            format!("month {month} of {year} has {days} days"),
                            format!("write a day from 01 to {days}"),
                        ))
                    }
                },
                _ => Some((
                    "out of range".to_string(),
                    "write a date such as `2026-12-25`".to_string(),
                )),
            }
        };
        if let Some((reason, help)) = reason {
            self.error(CheckError::InvalidDate {
                text,
                span: sp(d.span),
                reason,
                help: Some(help),
            });
        }
        None
    }

    // ----- teams, fallbacks, handoff -----------------------------------------------------

    pub(super) fn team(&mut self, t: &ast::Team) -> Option<TeamDef> {
        if let [first, second, ..] = t.hours.as_slice() {
            self.error(CheckError::DuplicateLine {
                owner: format!("team `{}`", t.name.node),
                what: "hours",
                span: sp(second.span),
                first: sp(first.span),
                help: Some("a team has one set of opening hours".into()),
            });
        }
        let hours = match t.hours.first() {
            None => HoursRef::Always,
            Some(h) => self.hours_ref(h)?,
        };
        let mut skills: Vec<String> = Vec::new();
        for s in &t.skills {
            if !skills.contains(&s.node) {
                skills.push(s.node.clone());
            }
        }
        Some(TeamDef {
            name: t.name.node.clone(),
            skills,
            hours,
            span: t.name.span,
        })
    }

    pub(super) fn hours_ref(&mut self, h: &ast::Ident) -> Option<HoursRef> {
        if h.node == "always" {
            return Some(HoursRef::Always);
        }
        if let Some(&id) = self.hours.get(&h.node) {
            return Some(HoursRef::Named(id));
        }
        match self.what_is(&h.node) {
            Some(actual) => self.error(CheckError::NotHours {
                name: h.node.clone(),
                actual,
                span: sp(h.span),
                help: Some(self.hours_help(&h.node)),
            }),
            None => self.error(CheckError::UnknownName {
                what: "hours",
                name: h.node.clone(),
                span: sp(h.span),
                help: Some(self.hours_help(&h.node)),
            }),
        }
        None
    }

    fn hours_help(&self, name: &str) -> String {
        let mut names: Vec<&str> = self.hours.keys().map(String::as_str).collect();
        names.push("always");
        did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
            format!("declare them: `hours {name} in \"America/New_York\" {{ mon-fri 08:00-20:00 }}`, or write `always`")
        })
    }

    pub(super) fn fallback(&mut self, o: &ast::Offline) -> Option<Fallback> {
        let mode = match o.mode.node.as_str() {
            "ticket" => FallbackMode::Ticket,
            "callback" => FallbackMode::Callback,
            other => {
                self.error(CheckError::UnknownOfflineMode {
                    name: other.to_string(),
                    span: sp(o.mode.span),
                    help: Some(did_you_mean(other, FALLBACK_MODES).unwrap_or_else(|| {
                        "write `offline ticket \"...\"` or `offline callback \"...\"`".into()
                    })),
                });
                return None;
            }
        };
        Some(Fallback {
            mode,
            message: o.message.node.clone(),
        })
    }

    pub(super) fn handoff(&mut self, h: &ast::Handoff) -> Vec<HandoffPart> {
        let mut parts = Vec::new();
        for p in &h.parts {
            match HandoffPart::NAMES.iter().position(|n| *n == p.node) {
                Some(i) => {
                    if let Some(&part) = HandoffPart::ALL.get(i)
                        && !parts.contains(&part)
                    {
                        parts.push(part);
                    }
                }
                None => self.error(CheckError::UnknownName {
                    what: "part of the context packet",
                    name: p.node.clone(),
                    span: sp(p.span),
                    help: Some(
                        did_you_mean(&p.node, HandoffPart::NAMES).unwrap_or_else(|| {
                            format!(
                                "the parts are {}",
                                HandoffPart::NAMES.map(|n| format!("`{n}`")).join(", ")
                            )
                        }),
                    ),
                }),
            }
        }
        parts
    }
}
