//! The text signals against real-world data from `../shared/data/` (read in place, never
//! copied): VADER against vaderSentiment 3.3.2's own scores, and how well the shipped
//! examples' `asks_for_human` sets recognise a customer asking for a person.

use std::path::PathBuf;

use baton::text::vader::compound;

use crate::root;

/// A file of the shared data folder, or `None` (with a message saying the test is
/// skipped) when this checkout has no shared data beside it.
pub fn shared_data(relative: &str) -> Option<String> {
    let path: PathBuf = root().join("../shared/data").join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!(
                "skipped: {} cannot be read ({e}); this test needs the shared data folder beside the project",
                path.display()
            );
            None
        }
    }
}

#[test]
fn vader_matches_the_reference_scores() {
    let Some(reference) = shared_data("vader/reference.tsv") else {
        return;
    };
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in reference.lines().skip(1) {
        let Some((expected, text)) = line.split_once('\t') else {
            panic!("a reference line without a tab: {line:?}");
        };
        let expected: f64 = expected.parse().expect("the reference score is a number");
        let got = compound(text);
        if (got - expected).abs() > 1e-4 {
            wrong.push(format!("{text:?}: expected {expected}, got {got}"));
        }
        checked += 1;
    }
    assert_eq!(checked, 4538, "the reference has 4,538 scores");
    assert!(
        wrong.is_empty(),
        "{} of {checked} scores differ:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
}
