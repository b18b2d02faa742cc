//! "Did you mean": the closest known name to a mistyped one.

use crate::limits::MAX_SUGGEST_LEN;

/// The candidate closest to `name`, if one is close enough to be what was meant: at most
/// one edit for short names, a third of the name's length for longer ones.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate.len() > MAX_SUGGEST_LEN || candidate == name {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean `x`?` when a close candidate exists.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_transpositions() {
        let names = ["confidence", "failed_attempts", "tier"];
        assert_eq!(closest("confidnce", names), Some("confidence"));
        assert_eq!(closest("confidecne", names), Some("confidence"));
        assert_eq!(closest("teir", names), Some("tier"));
        assert_eq!(closest("Tier", names), Some("tier"));
    }

    #[test]
    fn says_nothing_when_nothing_is_close() {
        assert_eq!(closest("weather", ["confidence", "tier"]), None);
        assert_eq!(closest(&"x".repeat(1_000_000), ["x"]), None);
    }
}
